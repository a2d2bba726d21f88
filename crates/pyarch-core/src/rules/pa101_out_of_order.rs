//! # PA101 out-of-order-execution
//!
//! ## What it does
//! Execution counts that go down in notebook order: the notebook was run out of order.
//!
//! Reports a code cell whose stored execution count is lower than (or equal to) the
//! count of the executed cell above it: the notebook was run out of order, or with
//! cells from different kernel sessions. There is one finding per inversion, on the
//! later cell, naming both cells, their counts and the names they share. A count
//! of 0 (Colab's "count lost") is ignored.
//!
//! Only inversions between cells that share state are reported: one binds or
//! changes a name the other reads (or both bind it and a later cell reads it).
//! Cells that only display values (`df.head()`) or only import share nothing, so
//! the order they ran in changes no result.
//!
//! ## Why is this bad?
//! The saved outputs were produced by a different order than the one a reader (or
//! "Restart & Run All") follows. A cell may have seen values that later cells had
//! already changed, so the results may not be reproducible from top to bottom.
//!
//! ## Example
//! ```python
//! # cell 4, [5]
//! train = pd.read_csv(TRAIN_CSV)
//! # cell 5, [3]  <- ran before cell 4, on an older `train`
//! train = train.dropna()
//! ```
//!
//! ## Fix
//! Restart the kernel and run all cells from the top; move any cell that must run
//! earlier above the cells that depend on it. In the exported package the run order
//! is fixed in code: `entrypoints/cli.py` calls the service-layer use cases one
//! after the other.
//!
//! ## Pattern
//! Service layer (Cosmic Python ch. 4): the use case spells out the order of the
//! steps, so there is no hidden execution order.

use super::helpers::{finding, first_code_line, quoted_list, shared_state};
use super::{Context, Rule};
use crate::finding::Finding;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut previous: Option<(u32, usize)> = None;
    for cell in ctx.notebook.code_cells() {
        // Colab saves 0 for cells whose count it lost: not a count.
        let Some(count) = cell.execution_count.filter(|&n| n > 0) else {
            continue;
        };
        if let Some((prev_count, prev_cell)) = previous {
            let shared = shared_state(ctx.model, prev_cell, cell.index);
            if count <= prev_count && !shared.is_empty() {
                let names = quoted_list(
                    &shared
                        .iter()
                        .take(3)
                        .map(|n| n.to_string())
                        .collect::<Vec<_>>(),
                );
                let message = if count == prev_count {
                    format!(
                        "cell {} has the same execution count [{count}] as cell {prev_cell} above it: \
                         their outputs come from different kernel sessions, and both use {names}",
                        cell.index
                    )
                } else {
                    format!(
                        "cell {} ran before cell {prev_cell} above it (execution count [{count}] < [{prev_count}]) \
                         and they share {names}: the notebook was run out of order",
                        cell.index
                    )
                };
                out.push(finding(ctx, rule, cell.index, first_code_line(&cell.source))
                    .message(message)
                    .suggestion(if count == prev_count {
                        "Restart the kernel and run all cells top to bottom so every output comes from one \
                         session; in the package, `entrypoints/cli.py` calls the service-layer steps in one \
                         fixed order."
                            .to_string()
                    } else {
                        format!(
                            "Restart the kernel and run all cells top to bottom, moving cell {} above cell \
                             {prev_cell} if it must run first; in the package, `entrypoints/cli.py` calls the \
                             service-layer steps in one fixed order.",
                            cell.index
                        )
                    }));
            }
        }
        previous = Some((count, cell.index));
    }
    out
}
