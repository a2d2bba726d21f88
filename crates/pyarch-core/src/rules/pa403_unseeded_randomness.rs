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
//! It also reports Spark's `df.randomSplit([…])`, `df.sampleBy(…)` and
//! `F.rand()` without a seed, and, once per framework, a Keras/TensorFlow or
//! PyTorch network (or another call drawing from their generator) in a notebook
//! that never seeds that framework (`tf.random.set_seed`,
//! `keras.utils.set_random_seed`, `torch.manual_seed`, … anywhere, also inside a
//! `set_seed` helper). The tables are in `knowledge/randomness.rs`.
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

use super::helpers::{finding, line_text, lines};
use super::{Context, Rule};
use crate::finding::{Finding, Severity};
use crate::knowledge::api::{RANDOM_BY_DEFAULT, RANDOM_IF};
use crate::knowledge::randomness::{matches, FRAMEWORKS, RANDOM_FUNCTIONS, RANDOM_METHODS};
use crate::msg;
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
                let qualified = stmt.qualified_calls.get(ci).map_or("", |q| q.as_str());
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
                if stmt.facts.calls.iter().any(|c| {
                    c.callee.continues_call_of(&call.callee)
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
                let keyword = "random_state";
                let (severity, message) = match global_seed {
                    Some((seed_cell, line)) => (
                        Severity::Info,
                        msg!(
                            "pa403-seeded-globally",
                            code = shown.as_str(),
                            keyword = keyword,
                            cell = seed_cell,
                            line = line_text((line, line))
                        ),
                    ),
                    _ => (
                        rule.severity,
                        msg!("pa403-unseeded", code = shown.as_str(), keyword = keyword),
                    ),
                };
                out.push(
                    finding(ctx, rule, cell.index, call.range.clone())
                        .severity(severity)
                        .message(message)
                        .suggestion(msg!("pa403-fix", keyword = keyword)),
                );
            }
        }
    }
    out.extend(seedless_calls(ctx, rule));
    out.extend(unseeded_frameworks(ctx, rule));
    out
}

/// Spark's `df.randomSplit([0.8, 0.2])` and `F.rand()` without a seed argument.
fn seedless_calls(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for cell in &ctx.model.cells {
        for stmt in &cell.statements {
            for (call, qualified) in stmt.facts.calls.iter().zip(&stmt.qualified_calls) {
                let by_method = RANDOM_METHODS
                    .iter()
                    .find(|(m, ..)| *m == call.method && call.root.is_some());
                let by_function = RANDOM_FUNCTIONS.iter().find(|(q, ..)| qualified == q);
                let Some(&(_, position, keyword)) = by_method.or(by_function) else {
                    continue;
                };
                if call.args.len() > position || call.keyword(keyword).is_some() || seeded(call) {
                    continue;
                }
                let shown = call.callee.shown();
                out.push(
                    finding(ctx, rule, cell.index, call.range.clone())
                        .severity(rule.severity)
                        .message(msg!(
                            "pa403-unseeded-rows",
                            code = shown.as_str(),
                            keyword = keyword
                        ))
                        .suggestion(msg!("pa403-fix-rows", keyword = keyword)),
                );
            }
        }
    }
    out
}

/// Keras/TensorFlow and PyTorch draw initial weights, dropout masks and shuffles
/// from their own generator: one finding per framework whose networks or random
/// calls appear while nothing seeds it (a seed call inside a function, such as a
/// `set_seed` helper, counts).
fn unseeded_frameworks(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for framework in FRAMEWORKS {
        let calls = || {
            ctx.model.cells.iter().flat_map(|cell| {
                cell.statements.iter().flat_map(move |stmt| {
                    stmt.facts
                        .calls
                        .iter()
                        .zip(&stmt.qualified_calls)
                        .map(move |(call, q)| (cell.index, call, q.as_str()))
                })
            })
        };
        let seeded = calls().any(|(_, _, q)| framework.seeds.iter().any(|s| matches(q, s)));
        if seeded {
            continue;
        }
        let Some((cell, call, qualified)) =
            calls().find(|(_, _, q)| framework.random.iter().any(|p| matches(q, p)))
        else {
            continue;
        };
        let short = qualified.rsplit('.').next().unwrap_or(qualified);
        out.push(
            finding(ctx, rule, cell, call.range.clone())
                .severity(rule.severity)
                .message(msg!(
                    "pa403-framework",
                    code = short,
                    framework = framework.name,
                    seeds = framework.shown_seeds
                ))
                .suggestion(msg!(
                    "pa403-framework-fix",
                    seed = framework.suggested_seed,
                    framework = framework.name
                )),
        );
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
