//! # PA401 preprocessing-leakage
//!
//! ## What it does
//! Reports a scaler, imputer, encoder, vectorizer, feature selector or resampler
//! fitted (`fit`, `fit_transform`, `fit_resample`, or a function such as
//! `preprocessing.scale`) on data that includes the rows later held out:
//! - on data that is split afterwards (`scaler.fit_transform(X)`, then
//!   `train_test_split(X_scaled, y)`), following the fitted output (or the fitted
//!   object, `scaler.fit(X)` then `scaler.transform(X)`) through later assignments;
//! - on data that is cross-validated afterwards (`cross_val_score(model, X_scaled, y)`
//!   or a grid search's `fit`);
//! - on the test split itself (`scaler.fit_transform(X_test)`);
//! - on a concatenation of training and test data (`pd.concat([train, test])`).
//!
//! Label encoders fitted on the target are not reported.
//!
//! ## Why is this bad?
//! The fitted statistics (means, variances, vocabularies, imputed values,
//! synthetic samples) are computed from rows that should be unseen. The held-out
//! score is then optimistic, and the model that looked good on paper does worse on
//! new data. With resamplers such as SMOTE, synthetic copies of test rows end up
//! in training.
//!
//! ## Example
//! ```python
//! X_scaled = StandardScaler().fit_transform(X)
//! X_train, X_val, y_train, y_val = train_test_split(X_scaled, y, random_state=0)
//! ```
//!
//! ## Fix
//! ```python
//! X_train, X_val, y_train, y_val = train_test_split(X, y, random_state=0)
//! model = make_pipeline(StandardScaler(), LogisticRegression())
//! model.fit(X_train, y_train)            # the scaler sees the training rows only
//! ```
//!
//! ## Pattern
//! Keep the fitted preprocessing inside the model the service layer trains
//! (Cosmic Python ch. 4: one `train_model` use case owns fitting; a scikit-learn
//! `Pipeline` is that unit).

use super::pa2xx_support::{finding, line_text, lines, snippet};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::knowledge::api::{self, ApiKind, ApiTag};
use crate::model::Statement;
use crate::roles::Side;
use std::collections::HashSet;

/// Fitting these on the whole target does not leak anything useful.
const HARMLESS: &[&str] = &[
    "LabelEncoder",
    "LabelBinarizer",
    "MultiLabelBinarizer",
    "FunctionTransformer",
];

/// Calls that combine frames or arrays.
const COMBINE: &[&str] = &[
    "concat",
    "append",
    "vstack",
    "hstack",
    "concatenate",
    "r_",
    "merge",
    "row_stack",
];

struct Fit<'a> {
    cell: usize,
    stmt: usize,
    call: usize,
    data: String,
    api: String,
    statement: &'a Statement,
}

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    let order: Vec<(usize, usize, &Statement)> = ctx
        .model
        .cells
        .iter()
        .flat_map(|c| {
            c.statements
                .iter()
                .enumerate()
                .map(move |(si, s)| (c.index, si, s))
        })
        .collect();
    let combined = combined_train_test(ctx, &order);
    for (pos, &(cell, si, stmt)) in order.iter().enumerate() {
        for (ci, call) in stmt.facts.calls.iter().enumerate() {
            if call.deferred {
                continue;
            }
            let Some(info) = ctx.roles.call_info(cell, si, ci) else {
                continue;
            };
            let api = info.api.clone().unwrap_or_default();
            let fits = match info.kind {
                Some(ApiKind::Transformer | ApiKind::Resampler) if info.method_call => {
                    api::method_has_tag(&call.method, ApiTag::Fits)
                }
                // `preprocessing.scale(X)`: a function that fits and transforms.
                Some(ApiKind::Transformer) => {
                    api.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                }
                _ => false,
            };
            if !fits || HARMLESS.contains(&api.as_str()) {
                continue;
            }
            let Some(data) = call.args.first().and_then(|a| a.root.clone()) else {
                continue;
            };
            let fit = Fit {
                cell,
                stmt: si,
                call: ci,
                data,
                api,
                statement: stmt,
            };
            if let Some(f) = on_test_split(ctx, rule, &fit) {
                out.push(f);
            } else if let Some(f) = on_combined(ctx, rule, &fit, &combined) {
                out.push(f);
            } else if let Some(f) = before_split(ctx, rule, &fit, &order[pos + 1..]) {
                out.push(f);
            }
        }
    }
    out
}

fn info_is_resampler(ctx: &Context, fit: &Fit) -> bool {
    ctx.roles
        .call_info(fit.cell, fit.stmt, fit.call)
        .is_some_and(|i| i.kind == Some(ApiKind::Resampler))
}

fn fit_text(ctx: &Context, fit: &Fit) -> String {
    let call = &fit.statement.facts.calls[fit.call];
    snippet(ctx, fit.cell, call.range.clone())
}

/// Fitted on the test output of a split.
fn on_test_split(ctx: &Context, rule: &Rule, fit: &Fit) -> Option<Finding> {
    let binding = ctx.roles.binding_before(&fit.data, fit.cell, fit.stmt)?;
    if binding.kind != crate::roles::ValueKind::Split(Side::Test) {
        return None;
    }
    let call = &fit.statement.facts.calls[fit.call];
    Some(finding(
        ctx,
        rule,
        fit.cell,
        call.range.clone(),
        format!(
            "`{}` fits {} on `{}`, the held-out split (from cell {})",
            fit_text(ctx, fit),
            fit.api,
            fit.data,
            binding.cell
        ),
        format!(
            "Fit on the training split and only transform the held-out one: `{}.transform({})`.",
            call.root.as_deref().unwrap_or("scaler"),
            fit.data
        ),
    ))
}

/// Names bound by a statement that combines training and test data.
fn combined_train_test(
    ctx: &Context,
    order: &[(usize, usize, &Statement)],
) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for &(cell, si, stmt) in order {
        let combines = stmt
            .facts
            .calls
            .iter()
            .any(|c| !c.deferred && COMBINE.contains(&c.method.as_str()));
        if !combines {
            continue;
        }
        let reads: Vec<&str> = stmt.facts.reads.iter().map(|r| r.name.as_str()).collect();
        let train = reads.iter().any(|n| trainish(n));
        let test = reads
            .iter()
            .any(|n| testish(n) && ctx.roles.side_before(n, cell, si) != Some(Side::Train));
        if train && test {
            for t in &stmt.facts.targets {
                out.push((cell, si, t.clone()));
            }
        }
    }
    out
}

fn trainish(name: &str) -> bool {
    name.to_ascii_lowercase().contains("train")
}

fn testish(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("test") || lower.contains("val")
}

/// Fitted on a concatenation of training and test data (or data derived from one).
fn on_combined(
    ctx: &Context,
    rule: &Rule,
    fit: &Fit,
    combined: &[(usize, usize, String)],
) -> Option<Finding> {
    // The combined frame, and names derived from it, up to the fit.
    let (ccell, cstmt, origin) = combined
        .iter()
        .rfind(|(c, s, _)| (*c, *s) < (fit.cell, fit.stmt))?
        .clone();
    let mut tainted: HashSet<String> = HashSet::from([origin.clone()]);
    for cell in &ctx.model.cells {
        for (si, stmt) in cell.statements.iter().enumerate() {
            let pos = (cell.index, si);
            if pos <= (ccell, cstmt) || pos > (fit.cell, fit.stmt) {
                continue;
            }
            let reads_tainted = stmt.facts.reads.iter().any(|r| tainted.contains(&r.name));
            if pos == (fit.cell, fit.stmt) {
                let hit = tainted.contains(&fit.data) || reads_tainted && stmt.defines(&fit.data);
                if !hit {
                    return None;
                }
                let call = &fit.statement.facts.calls[fit.call];
                return Some(finding(
                    ctx,
                    rule,
                    fit.cell,
                    call.range.clone(),
                    format!(
                        "`{}` fits {} on `{}`, which includes the test rows (`{origin}` combines training and test data in cell {ccell})",
                        fit_text(ctx, fit),
                        fit.api,
                        fit.data
                    ),
                    format!(
                        "Fit {} on the training rows only and apply the fitted transform to the test rows; keep the combined frame for transformations that learn nothing (renames, type fixes).",
                        fit.api
                    ),
                ));
            }
            for d in &stmt.facts.defines {
                if reads_tainted {
                    tainted.insert(d.clone());
                } else {
                    tainted.remove(d);
                }
            }
        }
    }
    None
}

/// Fitted on data (not already a training split) that is split or cross-validated later.
fn before_split(
    ctx: &Context,
    rule: &Rule,
    fit: &Fit,
    after: &[(usize, usize, &Statement)],
) -> Option<Finding> {
    if ctx
        .roles
        .side_before(&fit.data, fit.cell, fit.stmt)
        .is_some()
    {
        return None;
    }
    // What carries the fitted statistics: the fit's output (`X_scaled`, or `df`
    // for `df['x'] = scaler.fit_transform(df[['x']])`), or the fitted object when
    // the output is not kept (`scaler.fit(X)`, then `scaler.transform(…)`). The
    // input alone does not: an Isomap fitted on `X` for a plot leaks nothing into a
    // model trained on `X`.
    let facts = &fit.statement.facts;
    let mut tainted: HashSet<String> = facts.targets.iter().cloned().collect();
    tainted.extend(facts.stores.iter().map(|s| s.name.clone()));
    if tainted.is_empty() {
        let call = &facts.calls[fit.call];
        match &call.root {
            Some(root)
                if call.callee.matches('.').count() == 1
                    && !ctx.model.aliases.contains_key(root) =>
            {
                tainted.insert(root.clone());
            }
            _ => return None,
        }
    }
    for &(cell, si, stmt) in after {
        for (ci, call) in stmt.facts.calls.iter().enumerate() {
            if call.deferred {
                continue;
            }
            let Some(info) = ctx.roles.call_info(cell, si, ci) else {
                continue;
            };
            let splits = match info.kind {
                Some(ApiKind::Splitter) => !info.method_call || call.method == "split",
                Some(ApiKind::CrossValidation) => true,
                Some(ApiKind::Search) => info.method_call && call.method == "fit",
                _ => false,
            };
            if !splits {
                continue;
            }
            let hit = call
                .args
                .iter()
                .filter_map(|a| a.root.as_deref())
                .find(|n| tainted.contains(*n));
            if let Some(name) = hit {
                let fit_call = &fit.statement.facts.calls[fit.call];
                let what = match info.kind {
                    Some(ApiKind::Splitter) => "split",
                    _ => "cross-validated",
                };
                let via = if name == fit.data {
                    String::new()
                } else {
                    format!(" (as `{name}`)")
                };
                return Some(finding(
                    ctx,
                    rule,
                    fit.cell,
                    fit_call.range.clone(),
                    format!(
                        "`{}` fits {} on `{}` before it is {what}{via} in cell {}, {}: the held-out rows leak into the fit",
                        fit_text(ctx, fit),
                        fit.api,
                        fit.data,
                        cell,
                        line_text(lines(ctx, cell, call.range.clone()))
                    ),
                    if info_is_resampler(ctx, fit) {
                        format!(
                            "Split first and resample only the training split (`{}.fit_resample(X_train, y_train)`); never resample held-out rows. With cross-validation, use imblearn's `Pipeline` so each fold resamples its own training part.",
                            fit.api
                        )
                    } else {
                        format!(
                            "Split first and fit {} on the training split only (then `transform` the held-out split), or put it in a `Pipeline` with the model so each fold refits it.",
                            fit.api
                        )
                    },
                ));
            }
        }
        let reads_tainted = stmt.facts.reads.iter().any(|r| tainted.contains(&r.name));
        for d in &stmt.facts.defines {
            if reads_tainted {
                tainted.insert(d.clone());
            } else {
                tainted.remove(d);
            }
        }
        if tainted.is_empty() {
            return None;
        }
    }
    None
}
