//! # PA203 scattered-imports
//!
//! ## What it does
//! Reports the import statements in code cells after the first cell that imports
//! something. One finding per cell, on its first late import, listing everything
//! the cell imports late and the cell the imports belong in.
//!
//! Not in the default set: on held-out notebooks every sampled finding was true
//! but housekeeping, not a hazard. `--select PA203` reports it.
//!
//! ## Why is this bad?
//! The notebook's dependencies are then spread over the whole file: a reader
//! cannot see what it needs, running a cell from the middle fails with a
//! `NameError` when the import cell further down was not run, and the same module
//! ends up imported several times under different names.
//!
//! ## Example
//! ```python
//! # cell 1
//! import pandas as pd
//! # cell 16
//! from sklearn.linear_model import LogisticRegression
//! ```
//!
//! ## Fix
//! ```python
//! # cell 1
//! import pandas as pd
//! from sklearn.linear_model import LogisticRegression
//! ```
//!
//! ## Pattern
//! Explicit dependencies (Cosmic Python ch. 13, dependency injection, and the
//! `pyproject.toml` of the layout): each module of the exported package imports
//! what it uses at the top.

use super::helpers::{finding, snippet};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::Arg;
use crate::msg;
use crate::syntax::StmtKind;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let is_import =
        |s: &crate::model::Statement| s.facts.kind == StmtKind::Import && s.magic.is_none();
    let Some(first) = ctx
        .model
        .cells
        .iter()
        .find(|c| c.statements.iter().any(is_import))
        .map(|c| c.index)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for cell in ctx.model.cells.iter().filter(|c| c.index > first) {
        let imports: Vec<_> = cell.statements.iter().filter(|s| is_import(s)).collect();
        let Some(head) = imports.first() else {
            continue;
        };
        let mut names: Vec<String> = Vec::new();
        for stmt in &imports {
            let locals: Vec<&str> = stmt
                .facts
                .imports
                .iter()
                .map(|i| i.local.as_str())
                .filter(|n| *n != "*")
                .collect();
            if locals.is_empty() {
                names.push(format!(
                    "`{}`",
                    snippet(ctx, cell.index, stmt.facts.range.clone())
                ));
            } else {
                names.extend(locals.iter().map(|n| format!("`{n}`")));
            }
        }
        names.dedup();
        let what = Arg::capped_list(names, 5, 6);
        let statements = if imports.len() == 1 {
            msg!(
                "pa203-statement",
                code = format!("`{}`", snippet(ctx, cell.index, head.facts.range.clone()))
            )
        } else {
            msg!("pa203-statements", count = imports.len(), cell = cell.index)
        };
        out.push(
            finding(ctx, rule, cell.index, head.facts.range.clone())
                .message(msg!(
                    "pa203-imported-late",
                    names = what,
                    cell = cell.index,
                    first = first
                ))
                .suggestion(msg!("pa203-fix", statements = statements, first = first)),
        );
    }
    out
}
