//! # PA205 exploration-leftover
//!
//! ## What it does
//! Reports a statement that only shows a value (`df.head()`, `df.describe()`,
//! `df.info()`, `df['x'].value_counts()`, `print(df.shape)`, a bare `df`) when
//! later cells still clean, transform, train, evaluate or save: it sits in the
//! middle of the pipeline. Notebooks without any modelling (pure data exploration)
//! are not checked, and neither are displays after the last pipeline step or
//! prints that only show constants (`print('saved to', MODEL_PATH)`). Consecutive
//! display statements in a cell are one finding, spanning the run.
//!
//! Not in the default set: displays are housekeeping: 0 of 6 sampled findings on
//! held-out notebooks were worth attention (the planner moves them to exploration
//! anyway). `--select PA205` reports it.
//!
//! ## Why is this bad?
//! Such a statement feeds nothing: it was a look at the data while writing the
//! notebook. Left in the pipeline it costs run time, floods the output, and makes
//! the steps that matter harder to find; when the notebook becomes a package it
//! has to be deleted or moved anyway.
//!
//! ## Example
//! ```python
//! train = pd.read_csv('train.csv')
//! train.head()
//! train = train.dropna()
//! ```
//!
//! ## Fix
//! ```python
//! train = pd.read_csv('train.csv')
//! train = train.dropna()
//! # notebooks/exploration.py: train.head()
//! ```
//!
//! ## Pattern
//! Keep exploration apart from the package's import path (the `notebooks/` folder
//! of the Cosmic Python layout); the pipeline is the service layer (ch. 4).

use super::helpers::{finding, shorten, text};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::knowledge::display;
use crate::msg;
use crate::role::Role;
use crate::syntax::StmtKind;

/// Roles of real pipeline work after which a display is a leftover.
const PIPELINE: &[Role] = &[
    Role::Clean,
    Role::Feature,
    Role::Split,
    Role::Train,
    Role::Tune,
    Role::Evaluate,
    Role::Predict,
    Role::Persist,
];

/// Methods without a role that only compute a view (`df.isnull().sum()`).
fn is_view(method: &str) -> bool {
    matches!(
        method,
        "sum"
            | "mean"
            | "median"
            | "std"
            | "var"
            | "min"
            | "max"
            | "count"
            | "any"
            | "all"
            | "abs"
            | "len"
            | "sorted"
            | "list"
            | "round"
            | "format"
            | "tolist"
            | "items"
            | "keys"
            | "values"
            | "to_frame"
            | "reset_index"
            | "copy"
            | "transpose"
            | "mode"
            | "nlargest"
            | "prod"
            | "cumsum"
            | "astype"
            | "str"
            | "type"
            | "set"
            | "dict"
            | "tuple"
            | "zip"
            | "range"
            | "enumerate"
            | "where"
            | "array"
            | "argmax"
            | "argmin"
            | "shape"
            | "reshape"
            | "join"
            | "get"
            | "upper"
            | "lower"
            | "replace"
            | "iloc"
            | "loc"
            | "between"
            | "isin"
            | "corrwith"
            | "pct_change"
            | "diff"
            | "abs_"
            | "value_counts"
            | "filter"
            | "select_dtypes"
    )
}

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let roles = ctx.roles;
    let models = ctx.model.cells.iter().any(|c| {
        roles
            .statement_roles(c.index)
            .iter()
            .any(|r| matches!(r, Role::Split | Role::Train | Role::Tune | Role::Predict))
    });
    if !models {
        return Vec::new();
    }
    // The last cell that does pipeline work.
    let Some(last_work) = ctx
        .model
        .cells
        .iter()
        .filter(|c| {
            roles
                .statement_roles(c.index)
                .iter()
                .any(|r| PIPELINE.contains(r))
        })
        .map(|c| c.index)
        .max()
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for cell in ctx.model.cells.iter().filter(|c| c.index < last_work) {
        let stmt_roles = roles.statement_roles(cell.index);
        let infos = roles.statement_infos(cell.index);
        // Runs of consecutive display statements: (first, last) statement indices.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (si, stmt) in cell.statements.iter().enumerate() {
            // Calls the table does not know (`model.cuda()`) or functions the
            // notebook defines may do real work.
            let unknown_call = infos.get(si).is_none_or(|info| {
                stmt.facts.calls.iter().zip(&info.calls).any(|(c, i)| {
                    !c.deferred && (i.role.is_none() && !is_view(&c.method) || i.user_function)
                })
            });
            // `print('saved to', MODEL_PATH)`: a log line about configuration.
            let constants_only = stmt.facts.reads.iter().all(|r| {
                display::is_display_wrapper(&r.name) || crate::classifier::is_constant_name(&r.name)
            });
            let display = !(unknown_call
                || stmt.magic.is_some()
                || stmt.facts.kind != StmtKind::Expr
                || stmt_roles.get(si) != Some(&Role::Explore)
                || stmt.facts.reads.is_empty()
                || constants_only);
            if !display {
                continue;
            }
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == si => *last = si,
                _ => runs.push((si, si)),
            }
        }
        for (first, last) in runs {
            let stmts = &cell.statements[first..=last];
            let head = &stmts[0];
            let shown = shorten(text(ctx, cell.index, head.facts.range.clone()).trim(), 50);
            let mut names: Vec<&str> = Vec::new();
            for stmt in stmts {
                for r in &stmt.facts.reads {
                    let n = r.name.as_str();
                    if !display::is_display_wrapper(n) && !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
            names.truncate(2);
            let of = (!names.is_empty()).then(|| format!("`{}`", names.join("`, `")));
            let message = msg!(
                "pa205-only-displays",
                count = stmts.len(),
                code = format!("`{shown}`"),
                of = of,
                last = last_work
            );
            out.push(
                finding(
                    ctx,
                    rule,
                    cell.index,
                    head.facts.range.start..stmts[stmts.len() - 1].facts.range.end,
                )
                .message(message)
                .suggestion(msg!("pa205-fix")),
            );
        }
    }
    out
}
