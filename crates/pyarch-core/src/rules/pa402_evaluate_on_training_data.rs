//! # PA402 evaluate-on-training-data
//!
//! ## What it does
//! Reports a metric (`accuracy_score`, `classification_report`, `r2_score`, …) or a
//! `.score(…)` computed on training data (the training output of a split, data
//! derived from it, predictions on it, or names such as `X_train`) when the
//! notebook has held-out data to score on instead. A model that is also scored on
//! held-out data elsewhere, or a training score in a cell that also scores
//! held-out data, is not reported: printing the training score next to the test
//! score is a legitimate check for overfitting.
//!
//!
//! It also reports a model scored on rows that look held out but were carved out
//! of the rows it was fitted on, found by the provenance analysis
//! (`crate::provenance`): a model fitted on all of `X` and then scored on the
//! `X_test` of a later `train_test_split(X, y)`, or on `X_test =
//! train.sample(200)` after fitting on `train`. The finding is on the scoring
//! call, with the fit and the split as related places.
//!
//! ## Why is this bad?
//! A model is scored on the rows it learned from, so the number says how well it
//! memorised them, not how well it predicts new rows. A random forest scores close
//! to 100% on its training data whatever its real accuracy.
//!
//! ## Example
//! ```python
//! model.fit(X_train, y_train)
//! print(accuracy_score(y_train, model.predict(X_train)))
//! ```
//!
//! ## Fix
//! ```python
//! model.fit(X_train, y_train)
//! print(accuracy_score(y_test, model.predict(X_test)))
//! ```
//!
//! ## Pattern
//! An `evaluate_model` use case in the service layer that takes the held-out split
//! as an argument (Cosmic Python ch. 4).

use super::helpers::{finding, snippet, span};
use super::pa4xx_leakage::{leaks, place_text};
use super::{Context, Rule};
use crate::classifier::{Side, ValueKind};
use crate::finding::{Finding, Related};
use crate::knowledge::api::{self, ApiKind};
use crate::provenance::{Leak, LeakKind, Place};
use std::collections::HashSet;

/// One scoring call: the model scored (if known) and the sides of its data.
struct Scoring {
    cell: usize,
    range: std::ops::Range<usize>,
    model: Option<String>,
    train: Vec<String>,
    test: Vec<String>,
}

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out: Vec<Finding> = leaks(ctx, LeakKind::EvalOnFitRows)
        .filter_map(|leak| fit_rows_finding(ctx, rule, leak))
        .collect();
    for f in named_training_scores(ctx, rule) {
        if !out.iter().any(|o| o.cell == f.cell && o.span == f.span) {
            out.push(f);
        }
    }
    out
}

/// A score on "held-out" rows that the model was fitted on.
fn fit_rows_finding(ctx: &Context, rule: &Rule, leak: &Leak) -> Option<Finding> {
    let eval = leak.eval.as_ref()?;
    let message = crate::msg!(
        "pa402-fit-rows",
        code = snippet(ctx, eval.cell, eval.range.clone()),
        split = place_text(ctx, &leak.split),
        fit = place_text(ctx, &leak.origin)
    );
    let mut f = finding(ctx, rule, eval.cell, eval.range.clone())
        .message(message)
        .suggestion(crate::msg!("pa402-fit-rows-fix"));
    f.related = [
        (&leak.origin, crate::msg!("pa402-related-fit")),
        (&leak.split, crate::msg!("pa402-related-split")),
    ]
    .into_iter()
    .map(|(p, message)| Related {
        cell: p.cell,
        span: span(ctx, p.cell, p.range.clone()),
        message,
    })
    .collect();
    Some(f)
}

/// Scores on data named or derived as training data (`X_train`).
fn named_training_scores(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    if !has_held_out(ctx) {
        return Vec::new();
    }
    let scorings = scorings(ctx);
    // Scores the provenance analysis places on a held-out side (a fold's
    // validation rows of `X_train`) are not training scores.
    let held_out = &ctx.provenance().held_out_scores;
    // Cells that score something on held-out data: a training score there is a
    // comparison.
    let cells_tested: HashSet<usize> = scorings
        .iter()
        .filter(|s| !s.test.is_empty())
        .map(|s| s.cell)
        .collect();
    let tested: HashSet<&str> = scorings
        .iter()
        .filter(|s| !s.test.is_empty())
        .filter_map(|s| s.model.as_deref())
        .collect();
    // Models that predict on held-out data somewhere (scored later, perhaps by hand).
    let predicted_on_test: HashSet<String> = predictions_on_test(ctx);
    scorings
        .iter()
        .filter(|s| !s.train.is_empty() && s.test.is_empty() && !cells_tested.contains(&s.cell))
        .filter(|s| {
            !held_out.contains(&Place {
                cell: s.cell,
                range: s.range.clone(),
            })
        })
        .filter(|s| {
            s.model
                .as_deref()
                .is_none_or(|m| !tested.contains(m) && !predicted_on_test.contains(m))
        })
        .map(|s| {
            let data: Vec<String> = s.train.iter().map(|n| format!("`{n}`")).collect();
            finding(ctx, rule, s.cell, s.range.clone())
                .message(crate::msg!(
                    "pa402-training-score",
                    code = snippet(ctx, s.cell, s.range.clone()),
                    model = s.model.as_deref(),
                    data = crate::i18n::Arg::joined(data, crate::i18n::Join::Commas)
                ))
                .suggestion(crate::msg!("pa402-training-score-fix"))
        })
        .collect()
}

/// A split ran, or the notebook names held-out labels (`y_test`, `y_val`).
fn has_held_out(ctx: &Context) -> bool {
    !ctx.roles.splits.is_empty()
        || ctx.model.statements().any(|(_, s)| {
            s.facts.defines.iter().any(|d| {
                let lower = d.to_ascii_lowercase();
                lower.starts_with('y') && crate::classifier::side_from_name(d) == Some(Side::Test)
            })
        })
}

fn scorings(ctx: &Context) -> Vec<Scoring> {
    let mut out = Vec::new();
    for cell in &ctx.model.cells {
        for (si, stmt) in cell.statements.iter().enumerate() {
            let calls = &stmt.facts.calls;
            for (ci, call) in calls.iter().enumerate() {
                if call.deferred {
                    continue;
                }
                let Some(info) = ctx.roles.call_info(cell.index, si, ci) else {
                    continue;
                };
                let metric = info.kind == Some(ApiKind::Metric) && !info.method_call;
                let score = info.method_call
                    && call.method == "score"
                    && call.args.len() >= 2
                    && matches!(info.kind, Some(ApiKind::Estimator | ApiKind::Search) | None);
                if !metric && !score {
                    continue;
                }
                let mut train = Vec::new();
                let mut test = Vec::new();
                let mut model = if score { call.root.clone() } else { None };
                let side_of =
                    |name: &str, train: &mut Vec<String>, test: &mut Vec<String>| match ctx
                        .roles
                        .side_before(name, cell.index, si)
                    {
                        // `df_test, df_train = train_test_split(df, test_size=0.7)`:
                        // a name that says held-out is trusted over the position.
                        Some(Side::Train)
                            if crate::classifier::side_from_name(name) == Some(Side::Test) => {}
                        Some(Side::Train) => train.push(name.to_string()),
                        Some(Side::Test) => test.push(name.to_string()),
                        None => {}
                    };
                for arg in call.args.iter().filter_map(|a| a.root.as_deref()) {
                    side_of(arg, &mut train, &mut test);
                    if model.is_none() {
                        model = prediction_model(ctx, arg, cell.index, si);
                    }
                }
                // Predictions made inside the call: `accuracy_score(y, m.predict(X))`.
                for inner in calls.iter().filter(|c| {
                    c.range.start > call.range.start
                        && c.range.end <= call.range.end
                        && api::is_prediction_method(&c.method)
                }) {
                    if let Some(data) = inner.args.first().and_then(|a| a.root.as_deref()) {
                        side_of(data, &mut train, &mut test);
                    }
                    if model.is_none() {
                        model = inner.root.clone();
                    }
                }
                // A metric of no model (a feature's AUC, a baseline) measures no
                // memorisation.
                if metric && model.is_none() {
                    continue;
                }
                out.push(Scoring {
                    cell: cell.index,
                    range: call.range.clone(),
                    model,
                    train,
                    test,
                });
            }
        }
    }
    out
}

/// The model whose `predict` bound `name` (`y_pred = model.predict(X)` → `model`).
fn prediction_model(ctx: &Context, name: &str, cell: usize, stmt: usize) -> Option<String> {
    let binding = ctx.roles.binding_before(name, cell, stmt)?;
    if !matches!(binding.kind, ValueKind::Prediction(_)) {
        return None;
    }
    let statement = ctx.model.cell(binding.cell)?.statements.get(binding.stmt)?;
    statement
        .facts
        .calls
        .iter()
        .find(|c| api::is_prediction_method(&c.method))
        .and_then(|c| c.root.clone())
}

fn predictions_on_test(ctx: &Context) -> HashSet<String> {
    let mut out = HashSet::new();
    for cell in &ctx.model.cells {
        for (si, stmt) in cell.statements.iter().enumerate() {
            for call in stmt
                .facts
                .calls
                .iter()
                .filter(|c| !c.deferred && api::is_prediction_method(&c.method))
            {
                let on_test = call
                    .args
                    .first()
                    .and_then(|a| a.root.as_deref())
                    .is_some_and(|n| ctx.roles.side_before(n, cell.index, si) == Some(Side::Test));
                if on_test {
                    if let Some(root) = &call.root {
                        out.insert(root.clone());
                    }
                }
            }
        }
    }
    out
}
