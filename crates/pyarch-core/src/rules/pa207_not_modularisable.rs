//! # PA207 not-modularisable
//!
//! ## What it does
//! Reports what stops pyarch from splitting the notebook into functions with explicit
//! inputs and outputs: a star import, `exec`/`eval`/`globals()`, or a function that
//! assigns or changes notebook globals. One finding per statement. With any of them
//! the export falls back to one function per cell working on module globals, and its
//! README says so. (Cells that do not parse also cause the fallback; they are
//! reported as PA902.) Setting attributes or items of an imported module
//! (`os.environ['X'] = …`, `torch.backends.cudnn.deterministic = True` in a
//! `set_seed` function) is a process setting, not notebook state, and is not
//! reported.
//!
//! Not in the default set: it is about the export (star imports, functions writing
//! globals); 1 of 3 sampled findings on held-out notebooks was worth attention.
//! `--select PA207` reports it.
//!
//! ## Why is this bad?
//! Which names a cell reads and writes can no longer be known by reading it, so no
//! one (neither a tool nor a colleague) can tell what a step needs and what it
//! changes. Such code cannot be moved into a domain function or a service without
//! breaking.
//!
//! ## Example
//! ```python
//! from helpers import *
//! def reset():
//!     global model
//!     model = None
//! ```
//!
//! ## Fix
//! ```python
//! from helpers import load_data, clean
//! def new_model() -> Model:
//!     return Model()
//! model = new_model()
//! ```
//!
//! ## Pattern
//! Explicit dependencies: functions that take their inputs as arguments and return
//! their outputs (Cosmic Python ch. 1 and ch. 13, dependency injection).

use super::helpers::finding;
use super::{Context, Rule};
use crate::finding::Finding;
use crate::model::BlockerKind;
use crate::msg;
use std::collections::HashSet;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let modules: HashSet<String> = ctx
        .model
        .statements()
        .flat_map(|(_, s)| s.facts.imports.iter().map(|i| i.local.clone()))
        .collect();
    ctx.model
        .modularity_blockers()
        .into_iter()
        .filter_map(|b| {
            let statement = ctx
                .model
                .cell(b.cell)
                .and_then(|c| c.statements.iter().find(|s| s.facts.range == b.range));
            let (message, suggestion) = match b.kind {
                BlockerKind::StarImport => (
                    msg!(
                        "pa207-star-import",
                        module = statement
                            .and_then(|s| s.facts.imports.iter().find(|i| i.local == "*"))
                            .map_or("…", |i| i.target.as_str())
                    ),
                    msg!("pa207-star-import-fix"),
                ),
                BlockerKind::Dynamic => (msg!("pa207-dynamic"), msg!("pa207-dynamic-fix")),
                BlockerKind::GlobalWrites => {
                    // `os.environ[…] = …`, `torch.backends.cudnn.deterministic = True`:
                    // settings of imported modules, not notebook state.
                    let names: Vec<&str> = statement
                        .map(|s| {
                            s.facts
                                .global_writes
                                .iter()
                                .map(String::as_str)
                                .filter(|n| !modules.contains(*n))
                                .collect()
                        })
                        .unwrap_or_default();
                    if names.is_empty() {
                        return None;
                    }
                    let names = names.join("`, `");
                    (
                        msg!("pa207-global-writes", names = names),
                        msg!("pa207-global-writes-fix"),
                    )
                }
                BlockerKind::Unparsable => return None,
            };
            Some(
                finding(ctx, rule, b.cell, b.range)
                    .message(message)
                    .suggestion(suggestion),
            )
        })
        .collect()
}
