//! # PA202 long-cell
//!
//! ## What it does
//! Reports a code cell with more than 40 lines of top-level code. Blank lines,
//! comment lines, imports, constants (a long dict literal is configuration) and
//! the bodies of `def` and `class` statements do not count: a cell that defines
//! one long function is a function to review, not a long cell.
//! The finding lists the steps (runs of one role) the cell could be split into.
//!
//! Not in the default set: it is a layout hint for the export, not a hazard.
//! `--select PA202` reports it.
//!
//! ## Why is this bad?
//! A long cell is run as a whole, so a change anywhere in it re-runs everything
//! before it; its intermediate values are globals that nothing names or tests;
//! and its output (or its error) is hard to tie to the line that produced it.
//! 40 lines is about one screen: beyond it, a reader cannot see the whole step.
//!
//! ## Example
//! ```python
//! # 80 lines: load, clean, encode, split, train, evaluate, plot, save
//! ```
//!
//! ## Fix
//! One step per cell, each a call to a function with a name:
//! ```python
//! train = clean(load_train(config.DATA_DIR))
//! model = train_model(train, config.MODEL_PARAMS)
//! ```
//!
//! ## Pattern
//! Functions in the domain and service layers (Cosmic Python ch. 1 and 4): the
//! notebook keeps only the calls.

use super::helpers::{code_range, finding, lines};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::{Arg, Join, Message};
use crate::msg;
use crate::role::Role;
use crate::syntax::StmtKind;

/// Lines of top-level code a cell may have.
pub const MAX_LINES: usize = 40;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for cell in &ctx.model.cells {
        let source = super::helpers::source(ctx, cell.index);
        // Byte ranges that do not count: definitions, imports, and constants
        // (a 200-line dict literal is configuration, not a long step).
        let roles_here = ctx.roles.statement_roles(cell.index);
        let bodies: Vec<_> = cell
            .statements
            .iter()
            .enumerate()
            .filter(|(si, s)| {
                matches!(
                    s.facts.kind,
                    StmtKind::FunctionDef | StmtKind::ClassDef | StmtKind::Import
                ) || roles_here.get(*si) == Some(&Role::Config)
            })
            .map(|(_, s)| s.facts.range.clone())
            .collect();
        let mut count = 0;
        let mut start = 0;
        for line in source.split_inclusive('\n') {
            let trimmed = line.trim();
            let in_def = bodies.iter().any(|b| b.start <= start && start < b.end);
            if !trimmed.is_empty() && !trimmed.starts_with('#') && !in_def {
                count += 1;
            }
            start += line.len();
        }
        if count <= MAX_LINES {
            continue;
        }
        let Some(range) = code_range(cell) else {
            continue;
        };
        // Runs of statements with one role, as the steps to split into.
        let roles = ctx.roles.statement_roles(cell.index);
        let mut steps: Vec<(Role, u32, u32)> = Vec::new();
        for (si, stmt) in cell.statements.iter().enumerate() {
            let Some(&role) = roles.get(si) else { continue };
            if matches!(role, Role::Import | Role::Setup | Role::Config) {
                continue;
            }
            let (first, last) = lines(ctx, cell.index, stmt.facts.range.clone());
            match steps.last_mut() {
                Some(step) if step.0 == role => step.2 = last,
                _ => steps.push((role, first, last)),
            }
        }
        let steps: Vec<Message> = steps
            .iter()
            .filter(|(_, a, b)| b - a >= 2)
            .map(|(r, a, b)| msg!("pa202-step", role = r.word(), first = *a, last = *b))
            .collect();
        let suggestion = if steps.len() >= 2 {
            msg!("pa202-fix-steps", steps = Arg::joined(steps, Join::Commas))
        } else {
            msg!("pa202-fix")
        };
        out.push(
            finding(ctx, rule, cell.index, range)
                .message(msg!("pa202-long-cell", count = count, limit = MAX_LINES))
                .suggestion(suggestion),
        );
    }
    out
}
