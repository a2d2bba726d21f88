//! Shared helpers for the structure (PA2xx), hyperparameter (PA303) and ML-pitfall
//! (PA4xx) rules: findings at byte ranges, line ranges for messages, source text.
//! Not a rule: it has no registry entry.

use super::Context;

use crate::model::CellModel;
use std::ops::Range;

pub use super::support::{finding, finding_with, source, span};

/// The first and last line (1-based) of a byte range in a cell.
pub fn lines(ctx: &Context, cell: usize, range: Range<usize>) -> (u32, u32) {
    let s = span(ctx, cell, range.clone());
    // A range ending right after a newline ends on the line before.
    let end_line = if s.end_column == 1 && s.end_line > s.line {
        s.end_line - 1
    } else {
        s.end_line
    };
    (s.line, end_line)
}

/// `line 3` or `lines 3–6`.
pub fn line_text((first, last): (u32, u32)) -> String {
    if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}–{last}")
    }
}

/// The text of a byte range of a cell, or "".
pub fn text<'a>(ctx: &Context<'a>, cell: usize, range: Range<usize>) -> &'a str {
    source(ctx, cell).get(range).unwrap_or("")
}

/// The first line of a statement's text, shortened for a message.
pub fn snippet(ctx: &Context, cell: usize, range: Range<usize>) -> String {
    let first = text(ctx, cell, range).lines().next().unwrap_or("").trim();
    shorten(first, 60)
}

pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// The byte range from the first statement's start to the last one's end.
pub fn code_range(cell: &CellModel) -> Option<Range<usize>> {
    let first = cell.statements.first()?;
    let last = cell.statements.last()?;
    Some(first.facts.range.start..last.facts.range.end)
}
