//! # PA104 unexecuted-cell
//!
//! ## What it does
//! A code cell that never ran sits between cells that did.
//!
//! Reports a code cell with code in it that has no execution count while cells
//! above and below it were executed: it was added or edited after the run, or
//! skipped. Only a cell that binds or changes a name that later cells read is
//! reported: empty, comment-only, display-only and import-only cells change no
//! result, and unexecuted cells after the last executed one are ignored.
//! Unexecuted cells between the same two executed cells are one finding, on the
//! first, naming them all.
//!
//! ## Why is this bad?
//! The saved outputs do not include the effect of this cell. Either the cell is
//! dead code that nobody ran, or the outputs below it were produced without it and
//! will change when the notebook is run top to bottom.
//!
//! ## Example
//! ```python
//! # [3]
//! train = pd.read_csv(TRAIN_CSV)
//! # [ ]  <- never run
//! train = train[train.Fare < 500]
//! # [4]
//! model.fit(train[FEATURES], train[TARGET])
//! ```
//!
//! ## Fix
//! Run the cell (Restart & Run All), or delete it if it is not needed. In the
//! package, a step either belongs to the service-layer use case or is removed.
//!
//! ## Pattern
//! Service layer (Cosmic Python ch. 4): each use case runs every one of its steps,
//! always.

use super::helpers::{cell_list, cell_writes, finding, first_code_line, has_code, read_after};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::Arg;
use crate::msg;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let cells: Vec<_> = ctx.notebook.code_cells().collect();
    // Runs of unexecuted cells between the same two executed cells:
    // (executed before, executed after, [(cell, names it sets that later cells read)]).
    type Run = ((u32, usize), (u32, usize), Vec<(usize, Vec<String>)>);
    let mut runs: Vec<Run> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        if cell.execution_count.is_some() || !has_code(&cell.source) {
            continue;
        }
        let before = cells[..i]
            .iter()
            .rev()
            .find_map(|c| c.execution_count.map(|n| (n, c.index)));
        let after = cells[i + 1..]
            .iter()
            .find_map(|c| c.execution_count.map(|n| (n, c.index)));
        let (Some(before), Some(after)) = (before, after) else {
            continue;
        };
        // What the cell would change that later cells read; a cell that only
        // displays or imports changes no result.
        let mut feeds: Vec<String> = cell_writes(ctx.model, cell.index)
            .into_iter()
            .filter(|n| read_after(ctx.model, n, cell.index))
            .map(str::to_string)
            .collect();
        if feeds.is_empty() {
            continue;
        }
        feeds.sort();
        match runs.last_mut() {
            Some((b, a, members)) if *b == before && *a == after => {
                members.push((cell.index, feeds))
            }
            _ => runs.push((before, after, vec![(cell.index, feeds)])),
        }
    }
    let mut out = Vec::new();
    for ((n_before, c_before), (n_after, c_after), members) in runs {
        let first = members[0].0;
        let mut names: Vec<String> = Vec::new();
        for (_, feeds) in &members {
            for n in feeds {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
        let shown = Arg::names(&names[..names.len().min(3)]);
        let shown: Arg = if names.len() > 3 {
            msg!(
                "pa104-names-and-more",
                names = shown,
                count = names.len() - 3
            )
            .into()
        } else {
            shown
        };
        let message = if members.len() == 1 {
            msg!(
                "pa104-unexecuted-cell",
                cell = first,
                before = c_before,
                before_count = n_before,
                after = c_after,
                after_count = n_after,
                names = shown
            )
        } else {
            let indices: Vec<usize> = members.iter().map(|(c, _)| *c).collect();
            msg!(
                "pa104-unexecuted-cells",
                cells = cell_list(&indices),
                before = c_before,
                before_count = n_before,
                after = c_after,
                after_count = n_after,
                names = shown
            )
        };
        out.push(
            finding(
                ctx,
                rule,
                first,
                first_code_line(&ctx.notebook.cells[first].source),
            )
            .message(message)
            .suggestion(msg!("pa104-unexecuted-fix")),
        );
    }
    out
}
