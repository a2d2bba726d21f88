//! # PA102 use-before-definition
//!
//! ## What it does
//! A cell reads a name that only a later cell defines.
//!
//! Reports a cell that reads a name which, in notebook order, is only defined by a
//! later cell (or further down in the same cell). Reads through a call count too:
//! calling a function whose body reads a global that is not defined yet. One
//! finding per name, on its first early read, listing the other cells that read
//! it early (moving the definition up fixes them all).
//!
//! ## Why is this bad?
//! The notebook only worked because the later cell had already run in the author's
//! session. "Restart & Run All" stops with a `NameError`, and a reader cannot follow
//! the notebook from top to bottom.
//!
//! ## Example
//! ```python
//! # cell 3
//! X = train[features]
//! # cell 7
//! features = ['Pclass', 'Sex', 'Age']
//! ```
//!
//! ## Fix
//! ```python
//! # config.py (or a cell near the top)
//! FEATURES = ['Pclass', 'Sex', 'Age']
//! # domain/model.py
//! def select_features(frame, features=FEATURES):
//!     return frame[features]
//! ```
//!
//! ## Pattern
//! Dependencies made explicit: constants go to `config.py`, and values reach
//! functions as arguments that the service layer passes in (Cosmic Python ch. 4,
//! and ch. 13 on dependency injection).

use super::helpers::{binding_cells, cell_list, finding};
use super::pa103_undefined_name::maybe_bound_in_unparsed_cell;
use super::{Context, Rule};
use crate::finding::Finding;
use crate::msg;
use std::collections::HashSet;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let model = ctx.model;
    let graph = &model.notebook_order;
    let bindings = binding_cells(model);
    let mut seen = HashSet::new();
    // (name, via function, other cells reading it early, first cell).
    let mut firsts: Vec<(String, Option<String>, Vec<usize>, usize)> = Vec::new();
    let mut out = Vec::new();
    for read in &graph.unbound {
        let Some(cells) = bindings.get(&read.name) else {
            continue; // defined nowhere: PA103
        };
        let Some(position) = graph.position(read.cell) else {
            continue;
        };
        // The first binding after the read, in notebook order.
        let later = cells.iter().copied().find(|&c| {
            if c == read.cell {
                // Only a later statement of the same cell counts.
                model.cell(c).is_some_and(|cell| {
                    cell.statements.iter().skip(read.statement + 1).any(|s| {
                        s.defines(&read.name) || s.facts.global_writes.contains(&read.name)
                    })
                })
            } else {
                graph.position(c).is_some_and(|p| p > position)
            }
        });
        let Some(defining) = later else {
            continue;
        };
        if maybe_bound_in_unparsed_cell(ctx, &read.name, Some(read.cell)) {
            continue;
        }
        if !seen.insert((read.cell, read.name.clone(), read.via_function.clone())) {
            continue;
        }
        // One finding per name (and function): later reads are listed on the first.
        if let Some(first) = firsts
            .iter_mut()
            .find(|(n, f, ..)| *n == read.name && *f == read.via_function)
        {
            if !first.2.contains(&read.cell) && first.3 != read.cell {
                first.2.push(read.cell);
            }
            continue;
        }
        firsts.push((
            read.name.clone(),
            read.via_function.clone(),
            Vec::new(),
            read.cell,
        ));
        let name = read.name.as_str();
        let place = if defining == read.cell {
            msg!("pa102-later-in-this-cell")
        } else {
            msg!("pa102-later-in-cell", cell = defining)
        };
        let (message, suggestion) = match &read.via_function {
            Some(function) => (
                msg!(
                    "pa102-called-function-reads",
                    function = function,
                    name = name,
                    place = place
                ),
                msg!(
                    "pa102-called-function-reads-fix",
                    function = function,
                    name = name
                ),
            ),
            None => (
                msg!("pa102-read-before-definition", name = name, place = place),
                msg!("pa102-read-before-definition-fix", name = name),
            ),
        };
        out.push(
            finding(ctx, rule, read.cell, read.range.clone())
                .message(message)
                .suggestion(suggestion),
        );
    }
    for (finding, (_, _, others, _)) in out.iter_mut().zip(&firsts) {
        if !others.is_empty() {
            finding.message = msg!(
                "pa102-also-read-by",
                message = finding.message.clone(),
                cells = cell_list(others),
                count = others.len()
            );
        }
    }
    out
}
