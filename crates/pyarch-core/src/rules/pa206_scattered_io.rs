//! # PA206 scattered-io
//!
//! ## What it does
//! Reports a notebook that reads or writes data (files, databases, the network,
//! saved models) in three or more cells, counting calls inside functions too. One
//! finding, at the first read or write, lists every cell and call. Saving figures
//! and listing folders do not count (API table entries tagged `NotData`).
//!
//! Not in the default set: it is a layout hint for the export: 0 of 6 sampled
//! findings on held-out notebooks were worth attention. `--select PA206` reports
//! it.
//!
//! ## Why is this bad?
//! Each of those cells knows a path, a file format and the columns it expects.
//! Moving the data, changing the format or testing the pipeline without files then
//! means editing every one of them, and nothing guarantees that the same file is
//! read the same way twice.
//!
//! ## Example
//! ```python
//! train = pd.read_csv(DATA_DIR + 'train.csv')    # cell 3
//! df = pd.read_csv(DATA_DIR + 'train.csv')       # cell 18, again
//! submission.to_csv('submission.csv')            # cell 20
//! ```
//!
//! ## Fix
//! ```python
//! # adapters/repository.py
//! class CsvTitanicRepository(AbstractRepository):
//!     def __init__(self, data_dir: Path): ...
//!     def load_train(self) -> pd.DataFrame: ...
//!     def save_submission(self, frame: pd.DataFrame) -> None: ...
//! ```
//!
//! ## Pattern
//! Repository (Cosmic Python ch. 2), with a fake repository for tests (ch. 3 and 5).

use super::helpers::finding;
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::{Arg, Join, Message};
use crate::knowledge::api::{self, ApiKind, ApiTag};
use crate::msg;
use crate::role::Role;
use crate::syntax::QualifiedName;
use std::collections::BTreeMap;
use std::ops::Range;

/// Cells with I/O from which the notebook is reported.
pub const MIN_CELLS: usize = 3;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    // cell → calls (callee text), and the first I/O range.
    let mut cells: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut first: Option<(usize, Range<usize>)> = None;
    for cell in &ctx.model.cells {
        for (si, stmt) in cell.statements.iter().enumerate() {
            if stmt.magic.is_some() {
                continue;
            }
            for (ci, call) in stmt.facts.calls.iter().enumerate() {
                let Some(info) = ctx.roles.call_info(cell.index, si, ci) else {
                    continue;
                };
                let io = matches!(info.role, Some(Role::Load | Role::Persist))
                    && matches!(info.kind, Some(ApiKind::Loader | ApiKind::Saver))
                    && !api::has_tag(
                        stmt.qualified_calls
                            .get(ci)
                            .unwrap_or(&QualifiedName::default()),
                        &call.method,
                        ApiTag::NotData,
                    );
                if !io {
                    continue;
                }
                let shown = if call.callee.is_empty() {
                    call.method.clone()
                } else {
                    call.callee.to_string()
                };
                cells.entry(cell.index).or_default().push(shown);
                if first.is_none() {
                    first = Some((cell.index, call.range.clone()));
                }
            }
        }
    }
    if cells.len() < MIN_CELLS {
        return Vec::new();
    }
    let Some((cell, range)) = first else {
        return Vec::new();
    };
    let listing: Vec<Message> = cells
        .iter()
        .map(|(c, calls)| {
            let mut uniq: Vec<(String, usize)> = Vec::new();
            for call in calls {
                match uniq.iter_mut().find(|(n, _)| n == call) {
                    Some(entry) => entry.1 += 1,
                    None => uniq.push((call.clone(), 1)),
                }
            }
            let calls: Vec<String> = uniq
                .iter()
                .map(|(n, k)| {
                    if *k > 1 {
                        format!("`{n}` ×{k}")
                    } else {
                        format!("`{n}`")
                    }
                })
                .collect();
            msg!(
                "pa206-cell-calls",
                cell = *c,
                calls = Arg::joined(calls, Join::Commas)
            )
        })
        .collect();
    vec![finding(ctx, rule, cell, range)
        .message(msg!(
            "pa206-scattered",
            count = cells.len(),
            cells = Arg::joined(listing, Join::Commas)
        ))
        .suggestion(msg!("pa206-fix"))]
}
