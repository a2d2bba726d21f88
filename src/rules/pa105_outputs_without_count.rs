//! # PA105 outputs-without-execution-count
//!
//! ## What it does
//! Reports a code cell that has stored outputs but no execution count: the counts
//! were cleared while the outputs were kept, the run was interrupted, or the
//! outputs were pasted or merged in from another copy of the notebook.
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

use super::pa1xx_support::{finding, first_code_line};
use super::{Context, Rule};
use crate::finding::Finding;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    ctx.notebook
        .code_cells()
        .filter(|c| c.execution_count.is_none() && !c.outputs.is_empty())
        .map(|cell| {
            let n = cell.outputs.len();
            finding(
                ctx,
                rule,
                cell.index,
                first_code_line(&cell.source),
                format!(
                    "cell {} has {n} stored output{} but no execution count: they may come from \
                     another run or another version of the code",
                    cell.index,
                    if n == 1 { "" } else { "s" }
                ),
                "Clear all outputs and run the notebook with Restart & Run All before saving, so \
                 every output belongs to one run of the current code."
                    .to_string(),
            )
        })
        .collect()
}
