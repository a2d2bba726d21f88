//! # PA408 stale-results
//!
//! ## What it does
//! Reports a metric or report computed from predictions of another model than the
//! one trained just before it:
//! - the predictions (`y_pred = dt.predict(X_test)`) were made under an earlier
//!   heading, and the section of the metric trains another model (`nn.fit(…)`)
//!   that never predicts before the metric (`classification_report(y_test,
//!   y_pred)` under the network's heading prints the tree's results);
//! - or the model that made the predictions was rebuilt and refitted since
//!   (`model = LogisticRegression(); model.fit(…)`), while the predictions were not
//!   made again.
//!
//! Models are names whose `fit` (or another fitting method) is training; the
//! metric is any call the API table lists as a metric.
//!
//! ## Why is this bad?
//! The score printed under a model's name is another model's score. Comparisons
//! between models, and the choice of the model to ship, are then made on wrong
//! numbers; nothing fails, so nobody notices.
//!
//! ## Example
//! ```python
//! ## Decision tree
//! dt.fit(X_train, y_train)
//! y_pred = dt.predict(X_test)
//! ## Neural network
//! nn.fit(X_train, y_train, epochs=20)
//! print(classification_report(y_test, y_pred))  # the tree's predictions
//! ```
//!
//! ## Fix
//! ```python
//! y_pred_nn = nn.predict(X_test)
//! print(classification_report(y_test, y_pred_nn))
//! ```
//!
//! ## Pattern
//! Service layer (Cosmic Python ch. 4): an `evaluate_model(model, data)` use case
//! predicts and scores in one step, so a score always belongs to the model passed
//! in.

use super::helpers::finding;
use super::{Context, Rule};
use crate::finding::Finding;
use crate::knowledge::api::{self, ApiKind, ApiTag};
use crate::model::StmtRef;
use crate::msg;
use crate::notebook::CellKind;
use crate::role::Role;
use std::collections::HashMap;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    // Section of each cell: the index of the last markdown heading at or above it.
    let mut sections = Vec::with_capacity(ctx.notebook.cells.len());
    let mut section = 0;
    for cell in &ctx.notebook.cells {
        if cell.kind == CellKind::Markdown
            && cell.source.lines().any(|l| l.trim_start().starts_with('#'))
        {
            section = cell.index;
        }
        sections.push(section);
    }
    let section_of = |cell: usize| sections.get(cell).copied().unwrap_or(0);

    // Prediction name → (model, where).
    let mut predictions: HashMap<String, (String, StmtRef)> = HashMap::new();
    // Model → where it was last fitted, predicted with, bound.
    let mut fitted: HashMap<String, StmtRef> = HashMap::new();
    let mut predicted: HashMap<String, StmtRef> = HashMap::new();
    let mut bound: HashMap<String, StmtRef> = HashMap::new();
    let mut out = Vec::new();
    for cell in &ctx.model.cells {
        let roles = ctx.roles.statement_roles(cell.index);
        for (si, stmt) in cell.statements.iter().enumerate() {
            let at = StmtRef {
                cell: cell.index,
                statement: si,
            };
            let facts = &stmt.facts;
            // The metrics of this statement, checked against what came before it.
            for (ci, call) in facts.calls.iter().enumerate() {
                let metric = !call.deferred
                    && ctx
                        .roles
                        .call_info(cell.index, si, ci)
                        .is_some_and(|i| i.kind == Some(ApiKind::Metric) && !i.method_call);
                if !metric {
                    continue;
                }
                let stale = call
                    .args
                    .iter()
                    .filter_map(|a| a.root.as_deref())
                    // A loop that predicts and scores in its body binds `p` itself.
                    .filter(|p| !facts.defines.iter().any(|d| d == p))
                    .find_map(|p| {
                        let (model, made) = predictions.get(p)?;
                        let later_fit = fitted
                            .iter()
                            .filter(|(m, &fit)| {
                                made < &fit
                                    && predicted.get(*m).is_none_or(|&pr| pr < fit)
                                    && (if *m == model {
                                        bound.get(*m).is_some_and(|&b| made < &b)
                                    } else {
                                        section_of(made.cell) < section_of(cell.index)
                                            && section_of(fit.cell) == section_of(cell.index)
                                    })
                            })
                            .max_by_key(|(_, &fit)| fit)?;
                        Some((p, model.clone(), *made, later_fit.0.clone(), *later_fit.1))
                    });
                let Some((p, model, made, other, fit)) = stale else {
                    continue;
                };
                let shown = call.callee.shown();
                let why = if other == model {
                    msg!("pa408-refitted", model = model.as_str(), cell = fit.cell)
                } else {
                    msg!("pa408-other-model", other = other.as_str(), cell = fit.cell)
                };
                out.push(
                    finding(ctx, rule, cell.index, call.range.clone())
                        .message(msg!(
                            "pa408-stale",
                            code = shown.as_str(),
                            predictions = p,
                            model = model.as_str(),
                            cell = made.cell,
                            why = why
                        ))
                        .suggestion(if other == model {
                            msg!(
                                "pa408-fix-refitted",
                                model = model.as_str(),
                                predictions = p
                            )
                        } else {
                            msg!("pa408-fix-other", other = other.as_str(), predictions = p)
                        }),
                );
            }
            // Then what the statement changes.
            let mut prediction_by: Option<&str> = None;
            for (ci, call) in facts.calls.iter().enumerate() {
                if call.deferred {
                    continue;
                }
                let Some(receiver) = call.root.as_deref() else {
                    continue;
                };
                let info = ctx.roles.call_info(cell.index, si, ci);
                let method_call = info.is_some_and(|i| i.method_call);
                if !method_call || ctx.model.aliases.contains_key(receiver) {
                    continue;
                }
                if api::is_prediction_method(&call.method) {
                    predicted.insert(receiver.to_string(), at);
                    prediction_by.get_or_insert(receiver);
                } else if api::method_has_tag(&call.method, ApiTag::Fits)
                    && roles.get(si) == Some(&Role::Train)
                {
                    fitted.insert(receiver.to_string(), at);
                }
            }
            for target in &facts.targets {
                match prediction_by {
                    Some(model) => {
                        predictions.insert(target.clone(), (model.to_string(), at));
                    }
                    // `y_pred = (y_pred > 0.5)` keeps its model; a new value does not.
                    None if !stmt.reads(target) => {
                        predictions.remove(target);
                    }
                    None => {}
                }
            }
            for name in &facts.defines {
                bound.insert(name.clone(), at);
            }
        }
    }
    out
}
