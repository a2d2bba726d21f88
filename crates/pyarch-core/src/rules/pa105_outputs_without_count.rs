//! # PA105 outputs-without-execution-count
//!
//! ## What it does
//! A code cell has stored outputs but no execution count.
//!
//! Reports a code cell that has stored outputs but no execution count: the counts
//! were cleared while the outputs were kept, the run was interrupted, or the
//! outputs were pasted or merged in from another copy of the notebook. When no
//! cell of the notebook has a count (they were stripped), there is one finding for
//! the whole notebook, on the first such cell.
//!
//! Not in the default set: stored outputs without counts are mostly notebooks saved
//! from Kaggle or with counts cleared; 1 of 6 sampled findings on held-out
//! notebooks was worth attention. `--select PA105` reports it.
//!
//! ## Why is this bad?
//! Nobody can tell when, or in which order, these outputs were produced, so they
//! may not match the code above them. Results shown in such a cell are not
//! evidence of what the current code does.
//!
//! ## Example
//! ```json
//! {"cell_type": "code", "execution_count": null,
//!  "outputs": [{"output_type": "stream", "text": "accuracy: 0.81"}]}
//! ```
//!
//! ## Fix
//! Clear all outputs and run the notebook top to bottom (Restart & Run All) before
//! saving it, so every output has the count of the run that made it.
//!
//! ## Pattern
//! Reproducible entrypoint (Cosmic Python ch. 4 and ch. 13): results come from
//! running `entrypoints/cli.py`, not from outputs saved in a document.

use super::helpers::{cell_list, finding, first_code_line};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::msg;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let cells: Vec<_> = ctx
        .notebook
        .code_cells()
        .filter(|c| c.execution_count.is_none() && !c.outputs.is_empty())
        .collect();
    let none_counted = ctx
        .notebook
        .code_cells()
        .all(|c| c.execution_count.is_none());
    if none_counted && cells.len() > 1 {
        // The counts were stripped from the whole notebook: one finding, on the first.
        let indices: Vec<usize> = cells.iter().map(|c| c.index).collect();
        return vec![
            finding(ctx, rule, cells[0].index, first_code_line(&cells[0].source))
                .message(msg!(
                    "pa105-counts-cleared",
                    count = cells.len(),
                    cells = cell_list(&indices)
                ))
                .suggestion(msg!("pa105-fix")),
        ];
    }
    cells
        .into_iter()
        .map(|cell| {
            let n = cell.outputs.len();
            finding(ctx, rule, cell.index, first_code_line(&cell.source))
                .message(msg!(
                    "pa105-outputs-without-count",
                    cell = cell.index,
                    count = n
                ))
                .suggestion(msg!("pa105-fix"))
        })
        .collect()
}
