//! # PA106 execution-count-gap
//!
//! ## What it does
//! Execution counts are missing: cells ran and were then deleted or re-run.
//!
//! Sorts the executed cells by execution count and reports each gap: counts that no
//! saved cell has. The finding is on the cell that ran right after the gap. A gap
//! of fewer than five counts is info (cells re-run while editing); five or more is
//! a warning. A first count above 1 is a gap too. When a notebook has more than
//! three small gaps, they are reported together in one info finding. A count of 0
//! (Colab's "count lost") is ignored.
//!
//! Not in the default set: gaps are usually cells re-run while editing, and which
//! deleted cells mattered cannot be seen; 0 of 6 sampled findings on held-out
//! notebooks were worth attention (PA101, PA103 and PA104 report the hidden state
//! that can be seen). `--select PA106` reports it.
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

use super::helpers::{cell_list, finding, first_code_line};
use super::{Context, Rule};
use crate::finding::{Finding, Severity};
use crate::msg;

/// Gaps of at least this many missing counts are warnings; smaller ones are info.
pub const WARNING_GAP: u32 = 5;

/// More small gaps than this are reported as one summary finding.
pub const MAX_SMALL_GAPS: usize = 3;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut executed: Vec<(u32, usize)> = ctx
        .notebook
        .code_cells()
        .filter_map(|c| c.execution_count.filter(|&n| n > 0).map(|n| (n, c.index)))
        .collect();
    executed.sort();
    let mut large = Vec::new();
    let mut small = Vec::new();
    let mut previous: Option<(u32, usize)> = None;
    for &(count, index) in &executed {
        let floor = previous.map_or(0, |(n, _)| n);
        let missing = count.saturating_sub(floor + 1);
        if missing > 0 {
            let gap = Gap {
                previous,
                count,
                cell: index,
                missing,
            };
            if missing >= WARNING_GAP {
                large.push(gap);
            } else {
                small.push(gap);
            }
        }
        previous = Some((count, index));
    }
    let mut out: Vec<Finding> = large
        .iter()
        .map(|gap| {
            let mut f = gap.finding(ctx, rule);
            f.severity = rule.severity;
            f
        })
        .collect();
    if small.len() <= MAX_SMALL_GAPS {
        out.extend(small.iter().map(|gap| {
            let mut f = gap.finding(ctx, rule);
            f.severity = Severity::Info;
            f
        }));
    } else {
        // Many small gaps: one summary at the first, so re-run cells do not flood the report.
        let first = &small[0];
        let runs: u32 = small.iter().map(|g| g.missing).sum();
        let cells: Vec<usize> = small.iter().map(|g| g.cell).collect();
        let mut f = finding(
            ctx,
            rule,
            first.cell,
            first_code_line(&ctx.notebook.cells[first.cell].source),
        )
        .message(msg!(
            "pa106-small-gaps",
            count = small.len(),
            runs = runs,
            limit = WARNING_GAP,
            cells = cell_list(&cells)
        ))
        .suggestion(msg!("pa106-fix"));
        f.severity = Severity::Info;
        out.push(f);
    }
    out.sort_by_key(|f| (f.cell, f.span));
    out
}

struct Gap {
    previous: Option<(u32, usize)>,
    count: u32,
    cell: usize,
    missing: u32,
}

impl Gap {
    fn finding(&self, ctx: &Context, rule: &Rule) -> Finding {
        let (count, index, missing) = (self.count, self.cell, self.missing);
        let floor = self.previous.map_or(0, |(n, _)| n);
        let runs = if missing == 1 {
            msg!("pa106-run-missing", first = floor + 1)
        } else {
            msg!("pa106-runs-missing", first = floor + 1, last = count - 1)
        };
        let place = match self.previous {
            Some((n, c)) => msg!(
                "pa106-between",
                previous = c,
                previous_count = n,
                cell = index,
                count = count
            ),
            None => msg!("pa106-before-first", cell = index, count = count),
        };
        finding(
            ctx,
            rule,
            index,
            first_code_line(&ctx.notebook.cells[index].source),
        )
        .message(msg!(
            "pa106-gap",
            runs = runs,
            place = place,
            missing = missing
        ))
        .suggestion(msg!("pa106-fix"))
    }
}
