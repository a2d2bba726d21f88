//! # PA404 overlap-leakage
//!
//! ## What it does
//! Reports rows resampled, augmented or duplicated before the split, so that
//! copies (or synthetic neighbours) of the same row can land on both sides:
//! - an oversampler (`SMOTE`, `ADASYN`, `RandomOverSampler`, …) applied with
//!   `fit_resample` before `train_test_split` or cross-validation;
//! - `sklearn.utils.resample` (with replacement) or `df.sample(replace=True)` /
//!   `frac` above 1 before the split;
//! - a frame concatenated with part of itself (`pd.concat([df, df[df.y == 1]])`,
//!   duplicating the minority rows) or repeated, then split.
//!
//! The rows come from the provenance analysis (`crate::provenance`), including the
//! notebook's own functions, loops and branches. Undersamplers only drop rows and
//! are not reported. The message names the path: resampling, split, fit and
//! evaluation.
//!
//! ## Why is this bad?
//! A held-out row whose copy (or a synthetic point interpolated from it) is in the
//! training rows is not held out: the model has seen it. Scores jump, and drop
//! again on new data.
//!
//! ## Example
//! ```python
//! X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
//! X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, random_state=0)
//! ```
//!
//! ## Fix
//! ```python
//! X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
//! X_train_res, y_train_res = SMOTE(random_state=0).fit_resample(X_train, y_train)
//! ```
//!
//! ## Known problems
//! Image augmentation generators are not followed.
//!
//! ## Pattern
//! Resampling is part of training: the service layer's `train_model` resamples the
//! training side only (imblearn's `Pipeline` does this within each fold).

use super::helpers::snippet;
use super::pa4xx_leakage::{fit_eval_text, leak_finding, leaks, place_text, split_verb};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::provenance::{LeakKind, OriginKind};

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    leaks(ctx, LeakKind::Overlap)
        .map(|leak| {
            let what = snippet(ctx, leak.origin.cell, leak.origin.range.clone());
            let made = match leak.origin_kind {
                OriginKind::Duplicate => "duplicates",
                _ => "resamples",
            };
            let message = crate::msg!(
                "pa404-overlap",
                code = what.as_str(),
                made = made,
                split = split_verb(leak.split_kind),
                place = place_text(ctx, &leak.split),
                rest = fit_eval_text(ctx, leak)
            );
            let suggestion = crate::msg!("pa404-fix");
            let label = crate::msg!("pa404-related");
            leak_finding(ctx, rule, leak, label, message, suggestion)
        })
        .collect()
}
