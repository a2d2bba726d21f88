//! # PA106 execution-count-gap
//!
//! ## What it does
//! Sorts the executed cells by execution count and reports each gap: counts that no
//! saved cell has. The finding is on the cell that ran right after the gap. A gap
//! of fewer than five counts is info (cells re-run while editing); five or more is
//! a warning. A first count above 1 is a gap too.
//!
//! ## Why is this bad?
//! Every missing count is a run of a cell that is no longer in the notebook, or an
//! earlier run of a cell that was run again. Deleted cells may have defined or
//! changed the values later cells use, and that state is now hidden.
//!
//! ## Example
//! ```python
//! # [11]
//! model.fit(X_train, y_train)
//! # [19]  <- counts 12 to 18 ran cells that were deleted or re-run
//! submission = model.predict(X_test)
//! ```
//!
//! ## Fix
//! Restart the kernel and run all cells, then check that the results are the same.
//! If they are not, recreate what the deleted cells did.
//!
//! ## Pattern
//! Reproducible entrypoint (Cosmic Python ch. 4): the service layer holds every
//! step, so no state comes from code that has disappeared.

use super::pa1xx_support::{finding, first_code_line};
use super::{Context, Rule};
use crate::finding::{Finding, Severity};

/// Gaps of at least this many missing counts are warnings; smaller ones are info.
pub const WARNING_GAP: u32 = 5;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut executed: Vec<(u32, usize)> = ctx
        .notebook
        .code_cells()
        .filter_map(|c| c.execution_count.map(|n| (n, c.index)))
        .collect();
    executed.sort();
    let mut out = Vec::new();
    let mut previous: Option<(u32, usize)> = None;
    for &(count, index) in &executed {
        let floor = previous.map_or(0, |(n, _)| n);
        let missing = count.saturating_sub(floor + 1);
        if missing > 0 {
            let cell = &ctx.notebook.cells[index];
            let runs = if missing == 1 {
                format!("execution {} is", floor + 1)
            } else {
                format!("executions {} to {} are", floor + 1, count - 1)
            };
            let after = match previous {
                Some((n, c)) => format!("between cell {c} ([{n}]) and cell {index} ([{count}])"),
                None => format!("before cell {index} ([{count}]), the first cell that ran"),
            };
            let mut f = finding(
                ctx,
                rule,
                index,
                first_code_line(&cell.source),
                format!(
                    "{runs} missing {after}: {missing} run{} of cells that were deleted or re-run",
                    if missing == 1 { "" } else { "s" }
                ),
                "Restart the kernel and run all cells, and check the results still match; recreate \
                 any deleted step (in the package, as a service-layer step) that later cells relied on."
                    .to_string(),
            );
            f.severity = if missing >= WARNING_GAP {
                rule.severity
            } else {
                Severity::Info
            };
            out.push(f);
        }
        previous = Some((count, index));
    }
    out
}
