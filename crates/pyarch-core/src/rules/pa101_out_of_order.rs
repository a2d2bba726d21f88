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

use super::helpers::{finding, first_code_line, shared_state};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::Arg;
use crate::msg;

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
                let names = Arg::names(&shared[..shared.len().min(3)]);
                let (message, suggestion) = if count == prev_count {
                    (
                        msg!(
                            "pa101-same-count",
                            cell = cell.index,
                            count = count,
                            previous = prev_cell,
                            names = names
                        ),
                        msg!("pa101-same-count-fix"),
                    )
                } else {
                    (
                        msg!(
                            "pa101-out-of-order",
                            cell = cell.index,
                            count = count,
                            previous = prev_cell,
                            previous_count = prev_count,
                            names = names
                        ),
                        msg!(
                            "pa101-out-of-order-fix",
                            cell = cell.index,
                            previous = prev_cell
                        ),
                    )
                };
                out.push(
                    finding(ctx, rule, cell.index, first_code_line(&cell.source))
                        .message(message)
                        .suggestion(suggestion),
                );
            }
        }
        previous = Some((count, cell.index));
    }
    out
}
