//! # PA406 preprocessing-refit-on-test
//!
//! ## What it does
//! Reports preprocessing fitted, or a statistic computed, on the held-out side of a
//! split and applied to it (`scaler.fit_transform(X_test)`,
//! `X_test['Age'].fillna(X_test['Age'].mean())`) instead of reusing what was fitted
//! on the training side. Sides come from the provenance analysis
//! (`crate::provenance`), from the `train_test_split` that made them.
//!
//! ## Why is this bad?
//! The model learned on features scaled or filled with the training statistics,
//! and is scored on features scaled with other ones: the two no longer mean the
//! same. The held-out statistics also use the test rows themselves, which new data
//! will not offer one row at a time.
//!
//! ## Example
//! ```python
//! X_train_s = scaler.fit_transform(X_train)
//! X_test_s = scaler.fit_transform(X_test)
//! ```
//!
//! ## Fix
//! ```python
//! X_train_s = scaler.fit_transform(X_train)
//! X_test_s = scaler.transform(X_test)
//! ```
//!
//! ## Pattern
//! The fitted preprocessing is part of the trained model (a `Pipeline`), saved and
//! applied as one by the service layer's `evaluate_model` and `predict`.

use super::helpers::snippet;
use super::pa4xx_leakage::{leak_finding, leaks, place_text};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::provenance::LeakKind;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    leaks(ctx, LeakKind::TestRefit)
        .map(|leak| {
            let what = snippet(ctx, leak.origin.cell, leak.origin.range.clone());
            let message = crate::msg!(
                "pa406-refit",
                code = what.as_str(),
                place = place_text(ctx, &leak.split)
            );
            let suggestion = crate::msg!("pa406-fix");
            let label = crate::msg!("pa406-related");
            leak_finding(ctx, rule, leak, label, message, suggestion)
        })
        .collect()
}
