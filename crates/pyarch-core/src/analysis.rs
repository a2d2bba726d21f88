//! The analysis pipeline: notebook → model → roles → findings. Pure.

use crate::classifier::{self, Roles};
use crate::finding::{Finding, Severity, Span};
use crate::model::NotebookModel;
use crate::notebook::Notebook;
use crate::role::Role;
use crate::rules::{self, RuleCode, Selection};
use crate::syntax::SyntaxErrorKind;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
pub struct Analysis {
    pub notebook: Notebook,
    pub model: NotebookModel,
    pub roles: Roles,
    /// Sorted by cell, then line and column.
    pub findings: Vec<Finding>,
}

/// One cell as the JSON interface shows it (REFERENCE §3).
#[derive(Debug, Clone, Serialize)]
pub struct CellSummary {
    pub index: usize,
    pub id: Option<String>,
    pub kind: &'static str,
    pub execution_count: Option<u32>,
    pub roles: BTreeSet<Role>,
    /// The cell's main stage, what a reader would write as its heading (`null` for
    /// markdown and empty cells).
    pub stage: Option<Role>,
}

/// How far [`Analysis::run_with_progress`] has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// `done` of `total` code cells masked and parsed.
    Parsing { done: usize, total: usize },
    /// Parsing is done; roles and rules are next.
    Rules,
}

impl Analysis {
    pub fn run(notebook: Notebook, selection: &Selection) -> Analysis {
        Analysis::run_with_progress(notebook, selection, &mut |_| {})
    }

    /// [`run`](Self::run), reporting each stage to `progress` (for a progress display).
    pub fn run_with_progress(
        notebook: Notebook,
        selection: &Selection,
        progress: &mut dyn FnMut(Progress),
    ) -> Analysis {
        let model = NotebookModel::build_with_progress(&notebook, &mut |done, total| {
            progress(Progress::Parsing { done, total })
        });
        progress(Progress::Rules);
        let roles = classifier::classify(&model);
        let mut findings = syntax_findings(&notebook, &model);
        findings.extend(rules::check_all(&notebook, &model, &roles, selection));
        findings.retain(|f| selection.allows_finding(f));
        rules::apply_suppressions(&notebook, &mut findings);
        rules::merge_same_cause(&mut findings);
        findings.sort_by(|a, b| (a.cell, a.span, a.code).cmp(&(b.cell, b.span, b.code)));
        findings.dedup();
        Analysis {
            notebook,
            model,
            roles,
            findings,
        }
    }

    pub fn cell_summaries(&self) -> Vec<CellSummary> {
        self.notebook
            .cells
            .iter()
            .map(|c| CellSummary {
                index: c.index,
                id: c.id.clone(),
                kind: c.kind.as_str(),
                execution_count: c.execution_count,
                roles: self.roles.cell_roles(c.index),
                stage: self.roles.cell_stage(c.index),
            })
            .collect()
    }

    pub fn findings_for_cell(&self, cell: usize) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.cell == Some(cell))
    }

    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// PA902/PA903/PA904: cells the parser could not read. The other cells are analysed.
fn syntax_findings(notebook: &Notebook, model: &NotebookModel) -> Vec<Finding> {
    model
        .cells
        .iter()
        .filter_map(|cell| {
            let error = cell.syntax_error.as_ref()?;
            let source = &notebook.cells.get(cell.index)?.source;
            let (line, column) = cell.lines.0.position(source, error.offset);
            let (code, detail, suggestion) = match error.kind {
                SyntaxErrorKind::Python2 => (RuleCode::PA902, "pa902-python2", "pa902-python2-fix"),
                SyntaxErrorKind::Invalid => (RuleCode::PA902, "pa902-invalid", "pa902-fix"),
                SyntaxErrorKind::ParserLimitation => {
                    (RuleCode::PA903, "pa903-unsupported", "pa903-fix")
                }
                SyntaxErrorKind::TooDeep => (RuleCode::PA904, "pa904-too-deep", "pa904-fix"),
            };
            let rule = code.rule();
            Some(Finding {
                code: rule.code,
                severity: rule.severity,
                cell: Some(cell.index),
                cell_id: notebook.cells[cell.index].id.clone(),
                span: Span {
                    line,
                    column,
                    end_line: line,
                    end_column: column + 1,
                },
                message: crate::msg!(
                    "pa9-cell-error",
                    detail = crate::i18n::Message::new(detail),
                    error = error.message.as_str()
                ),
                suggestion: crate::i18n::Message::new(suggestion),
                related: Vec::new(),
            })
        })
        .collect()
}
