//! # PA203 scattered-imports
//!
//! ## What it does
//! Reports every import statement in a code cell after the first cell that imports
//! something. One finding per late import, naming what it imports and the cell
//! the import belongs in.
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

use super::pa2xx_support::{finding, join_names, snippet};
use super::{Context, Rule};
use crate::finding::Finding;
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
        for stmt in cell.statements.iter().filter(|s| is_import(s)) {
            let names: Vec<&str> = stmt
                .facts
                .imports
                .iter()
                .map(|i| i.local.as_str())
                .collect();
            let what = if names.is_empty() || names == ["*"] {
                format!("`{}`", snippet(ctx, cell.index, stmt.facts.range.clone()))
            } else {
                join_names(&names)
            };
            out.push(finding(
                ctx,
                rule,
                cell.index,
                stmt.facts.range.clone(),
                format!("{what} imported in cell {}, after the import cell (cell {first})", cell.index),
                format!(
                    "Move `{}` to cell {first} with the other imports, so the notebook's dependencies are declared in one place.",
                    snippet(ctx, cell.index, stmt.facts.range.clone())
                ),
            ));
        }
    }
    out
}
