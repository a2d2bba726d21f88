//! # PA403 unseeded-randomness
//!
//! ## What it does
//! Reports random operations called without a seed:
//! - `train_test_split`, `ShuffleSplit`, `StratifiedShuffleSplit`, `RepeatedKFold`,
//!   `RandomizedSearchCV`, and `KFold`/`StratifiedKFold` with `shuffle=True`;
//! - estimators that are random with their default settings (random forests,
//!   extra trees, gradient boosting, decision trees, bagging, AdaBoost, MLPs, SGD,
//!   k-means, Gaussian mixtures, t-SNE, SMOTE and other resamplers, …) and those
//!   random only with some settings (`LogisticRegression(solver='saga')`,
//!   `SVC(probability=True)`, `PCA(svd_solver='randomized')`, …);
//! - `df.sample(frac=…)`;
//!
//! when they have no `random_state` (or it is `None`). xgboost, lightgbm and
//! catboost use a fixed default seed, so they are not reported.
//!
//! A global `np.random.seed(…)` that runs earlier makes scikit-learn's unseeded
//! calls repeatable run to run (they draw from NumPy's global generator), so the
//! finding is then only info: the result still changes when cells are re-run or
//! reordered, or when a random call is added before it. `random.seed` does not
//! seed scikit-learn.
//!
//! ## Why is this bad?
//! Every run gives a different split, a different model and a different score, so
//! results cannot be reproduced, compared between two versions of the code, or
//! debugged.
//!
//! ## Example
//! ```python
//! X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)
//! ```
//!
//! ## Fix
//! ```python
//! # config.py
//! SEED = 42
//! X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=config.SEED)
//! ```
//!
//! ## Pattern
//! Seeds in `config.py`, injected into the service layer (Cosmic Python ch. 4 and
//! the composition root of ch. 13).

use super::pa2xx_support::{finding_with, line_text, lines};
use super::{Context, Rule};
use crate::finding::{Finding, Severity};
use crate::knowledge::api::{RANDOM_BY_DEFAULT, RANDOM_IF};
use crate::syntax::{CallFact, Literal};

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut global_seed: Option<(usize, u32)> = None;
    for cell in &ctx.model.cells {
        for (si, stmt) in cell.statements.iter().enumerate() {
            for (ci, call) in stmt.facts.calls.iter().enumerate() {
                let Some(info) = ctx.roles.call_info(cell.index, si, ci) else {
                    continue;
                };
                let qualified = stmt.qualified_calls.get(ci).map_or("", String::as_str);
                if qualified == "numpy.random.seed" && !call.deferred {
                    if global_seed.is_none() {
                        global_seed =
                            Some((cell.index, lines(ctx, cell.index, call.range.clone()).0));
                    }
                    continue;
                }
                let name = if info.method_call {
                    // `df.sample(frac=1)`: shuffling a frame.
                    if call.method == "sample" && call.keyword("frac").is_some() {
                        "sample"
                    } else {
                        continue;
                    }
                } else {
                    match info.api.as_deref() {
                        Some(n) if !info.user_function => n,
                        _ => continue,
                    }
                };
                if !random(name, call) || seeded(call) {
                    continue;
                }
                // `SGDClassifier().get_params()`: built only to be inspected.
                let chain = format!("{}().", call.callee);
                if stmt.facts.calls.iter().any(|c| {
                    c.callee.starts_with(&chain)
                        && matches!(c.method.as_str(), "get_params" | "set_params")
                }) {
                    continue;
                }
                let shown = if name == "sample" {
                    format!("{}(frac=…)", call.callee)
                } else {
                    match condition(name, call) {
                        Some(setting) => format!("{name}({setting}, …)"),
                        None => format!("{name}(…)"),
                    }
                };
                let (severity, why) = match global_seed {
                    Some((seed_cell, line)) => (
                        Severity::Info,
                        format!(
                            "; it repeats run to run only because `np.random.seed` (cell {seed_cell}, {}) runs first, and changes when cells are re-run or reordered",
                            line_text((line, line))
                        ),
                    ),
                    _ => (
                        rule.severity,
                        ", so every run gives different results".to_string(),
                    ),
                };
                let keyword = "random_state";
                out.push(finding_with(
                    ctx,
                    rule,
                    severity,
                    cell.index,
                    call.range.clone(),
                    format!("`{shown}` is random and has no `{keyword}`{why}"),
                    format!(
                        "Pass `{keyword}=SEED`, with `SEED` defined once in config.py, so splits, models and scores can be reproduced."
                    ),
                ));
            }
        }
    }
    out
}

/// Is this call random with its arguments?
fn random(name: &str, call: &CallFact) -> bool {
    if name == "sample" {
        return true;
    }
    if name == "train_test_split"
        && matches!(
            call.keyword("shuffle").map(|k| &k.value),
            Some(Literal::Bool(false))
        )
    {
        return false;
    }
    if RANDOM_BY_DEFAULT.contains(&name) {
        return true;
    }
    RANDOM_IF.iter().any(|(n, keyword, values)| {
        *n == name
            && match call.keyword(keyword).map(|k| &k.value) {
                Some(Literal::Bool(b)) => values.is_empty() && *b,
                Some(Literal::Str(s)) => values.contains(&s.as_str()),
                _ => false,
            }
    })
}

/// The setting that makes a conditionally random call random (`shuffle=True`).
fn condition(name: &str, call: &CallFact) -> Option<String> {
    let (_, keyword, _) = RANDOM_IF.iter().find(|(n, _, _)| *n == name)?;
    let value = match &call.keyword(keyword)?.value {
        Literal::Bool(true) => "True".to_string(),
        Literal::Str(s) => format!("'{s}'"),
        _ => return None,
    };
    Some(format!("{keyword}={value}"))
}

/// Has a seed, or `**kwargs` that may carry one.
fn seeded(call: &CallFact) -> bool {
    call.keywords.iter().any(|k| match k.name.as_deref() {
        None => true,
        Some("random_state" | "seed" | "random_seed" | "rng") => k.value != Literal::None,
        _ => false,
    })
}
