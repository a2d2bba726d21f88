//! A finding: one problem tied to a cell and a range within the cell's source. Its
//! words are [`Message`]s, rendered in a language by whoever shows them.

use crate::i18n::Message;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity's name for people.
    pub fn label(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr_key(lang, &format!("severity-{}", self.as_str()))
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Line and column positions within one cell, counted from 1.
/// Columns count characters; the end is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// Another place that belongs to a finding's explanation (a leak's path: where
/// the statistic was computed, where the split is, where the model was fitted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub cell: usize,
    pub span: Span,
    /// What happens there: the statistic, the split, the fit, the evaluation.
    pub message: Message,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// Index of the cell among all cells; `None` for notebook-level findings.
    pub cell: Option<usize>,
    pub cell_id: Option<String>,
    pub span: Span,
    /// What is wrong.
    pub message: Message,
    /// How to fix it.
    pub suggestion: Message,
    /// The path behind the finding, in order; empty for most rules.
    pub related: Vec<Related>,
}
