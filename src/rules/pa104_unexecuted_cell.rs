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

use super::pa1xx_support::{
    cell_writes, finding, first_code_line, has_code, quoted_list, read_after,
};
use super::{Context, Rule};
use crate::finding::Finding;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let cells: Vec<_> = ctx.notebook.code_cells().collect();
    let mut out = Vec::new();
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
        let (Some((n_before, c_before)), Some((n_after, c_after))) = (before, after) else {
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
        feeds.truncate(3);
        out.push(finding(
            ctx,
            rule,
            cell.index,
            first_code_line(&cell.source),
            format!(
                "cell {} has code but was never run, while cell {c_before} above ([{n_before}]) and \
                 cell {c_after} below ([{n_after}]) were: it sets {} that later cells read, so the saved \
                 outputs do not reflect it",
                cell.index,
                quoted_list(&feeds)
            ),
            "Run the notebook with Restart & Run All so every cell runs, or delete this cell if it is \
             not needed; in the package each step belongs to a service-layer use case or goes away."
                .to_string(),
        ));
    }
    out
}
