//! # PA303 inline-hyperparameters
//!
//! ## What it does
//! Reports a model or transformer constructor (`RandomForestClassifier(…)`,
//! `XGBClassifier(…)`, `PCA(…)`, `ARIMA(…)`) called with literal hyperparameters:
//! `n_estimators=300`, `max_depth=7`, `C=0.5`, `learning_rate=0.1`, and literal
//! positional arguments. Seeds, parallelism, logging and plumbing arguments
//! (`random_state`, `n_jobs`, `verbose`, `handle_unknown`, …) are not
//! hyperparameters. A keyword written with the library's default value
//! (`n_estimators=100`, `C=1.0`, `solver='lbfgs'`; the defaults are in
//! `knowledge/defaults.rs`) changes nothing and is not reported. One finding per
//! call, inside functions too.
//!
//! Not in the default set: inline hyperparameters are configuration housekeeping,
//! not a hazard: 0 of 6 sampled findings on held-out notebooks were worth
//! attention. `--select PA303` reports it.
//!
//! ## Why is this bad?
//! The numbers that decide the model's quality are scattered through the code, so
//! an experiment means editing code, two runs cannot be compared by their
//! configuration, and the values used for the reported score are easy to lose.
//!
//! ## Example
//! ```python
//! rf = RandomForestClassifier(n_estimators=300, max_depth=7, random_state=42)
//! ```
//!
//! ## Fix
//! ```python
//! # config.py
//! RF_PARAMS = {"n_estimators": 300, "max_depth": 7}
//! SEED = 42
//! # service_layer/services.py
//! rf = RandomForestClassifier(**config.RF_PARAMS, random_state=config.SEED)
//! ```
//!
//! ## Pattern
//! Configuration in `config.py`, passed into the service layer (Cosmic Python
//! ch. 4, and the `bootstrap.py` composition root of ch. 13).

use super::helpers::{finding, text};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::{Arg, Join};
use crate::knowledge::api::{self, ApiKind, NOT_HYPERPARAMETERS};
use crate::knowledge::defaults::is_default_value;
use crate::msg;
use crate::syntax::Literal;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for cell in &ctx.model.cells {
        for (si, stmt) in cell.statements.iter().enumerate() {
            for (ci, call) in stmt.facts.calls.iter().enumerate() {
                let Some(info) = ctx.roles.call_info(cell.index, si, ci) else {
                    continue;
                };
                let constructor = !info.method_call
                    && !info.user_function
                    && matches!(
                        info.kind,
                        Some(ApiKind::Estimator | ApiKind::Transformer | ApiKind::Resampler)
                    );
                let Some(name) = info.api.as_deref().filter(|_| constructor) else {
                    continue;
                };
                if api::CONTAINERS.contains(&name)
                    || !name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                {
                    continue;
                }
                let literal_kw: Vec<_> = call
                    .keywords
                    .iter()
                    .filter(|k| {
                        k.value.is_literal()
                            && k.name.as_deref().is_some_and(|n| {
                                !NOT_HYPERPARAMETERS.contains(&n)
                                    && !is_default_value(name, n, &k.value)
                            })
                    })
                    .collect();
                let positional = call.args.iter().filter(|a| is_value(&a.value)).count();
                if literal_kw.is_empty() && positional == 0 {
                    continue;
                }
                let written: Vec<String> = literal_kw
                    .iter()
                    .map(|k| one_line(text(ctx, cell.index, k.range.clone())))
                    .collect();
                let range = match (literal_kw.first(), literal_kw.last()) {
                    (Some(a), Some(b)) if positional == 0 => a.range.start..b.range.end,
                    _ => call.range.clone(),
                };
                let mut shown: Vec<Arg> = written.iter().map(Arg::from).collect();
                if positional > 0 {
                    shown.insert(0, msg!("pa303-positional", count = positional).into());
                }
                let dict: Vec<String> = literal_kw
                    .iter()
                    .zip(&written)
                    .map(|(k, w)| {
                        let value = w.split_once('=').map_or(w.as_str(), |(_, v)| v).trim();
                        format!("\"{}\": {value}", k.name.as_deref().unwrap_or(""))
                    })
                    .collect();
                let constant = format!("{}_PARAMS", abbreviation(name));
                let suggestion = if dict.is_empty() {
                    msg!(
                        "pa303-fix-positional",
                        name = name,
                        constant = constant.as_str()
                    )
                } else {
                    msg!(
                        "pa303-fix",
                        constant = constant.as_str(),
                        dict = Arg::joined(dict, Join::Commas),
                        name = name
                    )
                };
                out.push(
                    finding(ctx, rule, cell.index, range)
                        .message(msg!(
                            "pa303-inline",
                            name = name,
                            values = Arg::joined(shown, Join::Commas)
                        ))
                        .suggestion(suggestion),
                );
            }
        }
    }
    out
}

fn is_value(v: &Literal) -> bool {
    matches!(
        v,
        Literal::Int(_)
            | Literal::Float(_)
            | Literal::Str(_)
            | Literal::Bool(_)
            | Literal::Collection
    )
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `RandomForestClassifier` → `RFC`, `XGBClassifier` → `XGBC`, `PCA` → `PCA`.
fn abbreviation(name: &str) -> String {
    let caps: String = name
        .chars()
        .filter(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        .collect();
    if caps.is_empty() {
        name.to_ascii_uppercase()
    } else {
        caps
    }
}
