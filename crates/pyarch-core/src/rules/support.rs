//! Findings at byte ranges of a cell, shared by every rule module.

use super::{Context, Rule};
use crate::finding::{Finding, Severity, Span};
use std::ops::Range;

/// A finding of `rule` at a byte `range` of cell `cell`'s source, with the rule's
/// default severity.
pub fn finding(
    ctx: &Context,
    rule: &Rule,
    cell: usize,
    range: Range<usize>,
    message: String,
    suggestion: String,
) -> Finding {
    finding_with(ctx, rule, rule.severity, cell, range, message, suggestion)
}

/// The same with another severity.
pub fn finding_with(
    ctx: &Context,
    rule: &Rule,
    severity: Severity,
    cell: usize,
    range: Range<usize>,
    message: String,
    suggestion: String,
) -> Finding {
    Finding {
        code: rule.code,
        severity,
        cell: Some(cell),
        cell_id: ctx.notebook.cells.get(cell).and_then(|c| c.id.clone()),
        span: span(ctx, cell, range),
        message,
        suggestion,
        related: Vec::new(),
    }
}

/// A cell's source as stored.
pub fn source<'a>(ctx: &Context<'a>, cell: usize) -> &'a str {
    ctx.notebook
        .cells
        .get(cell)
        .map_or("", |c| c.source.as_str())
}

/// Line and column span of a byte range in a cell.
pub fn span(ctx: &Context, cell: usize, range: Range<usize>) -> Span {
    let text = source(ctx, cell);
    match ctx.model.cell(cell) {
        Some(model) => model.lines.0.span(text, range),
        None => crate::text::LineIndex::new(text).span(text, range),
    }
}
