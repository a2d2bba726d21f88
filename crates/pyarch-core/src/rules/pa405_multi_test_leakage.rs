//! # PA405 multi-test-leakage
//!
//! ## What it does
//! Reports a held-out (test) split scored inside a loop that fits models: the test
//! rows choose between models or hyperparameters (`for k in range(1, 30):
//! knn = KNeighborsClassifier(k).fit(X_train, y_train); scores.append(knn.score(X_test, y_test))`),
//! and the best score is then the one reported.
//!
//! The sides come from the provenance analysis (`crate::provenance`): the split
//! that made the scored rows (`train_test_split`, a positional slice or a sample),
//! through the notebook's own functions. Folds of a cross-validation loop are not
//! reported: each fold's held-out part is scored once.
//!
//! ## Why is this bad?
//! Choosing by the test score fits the choice to the test rows. The reported score
//! is the best of many tries on the same rows, so it is optimistic; there is no
//! untouched data left to say how the chosen model does on new data.
//!
//! ## Example
//! ```python
//! for depth in range(1, 20):
//!     tree = DecisionTreeClassifier(max_depth=depth).fit(X_train, y_train)
//!     print(depth, accuracy_score(y_test, tree.predict(X_test)))
//! ```
//!
//! ## Fix
//! ```python
//! search = GridSearchCV(DecisionTreeClassifier(), {'max_depth': range(1, 20)}, cv=5)
//! search.fit(X_train, y_train)                        # chooses on the training rows
//! print(accuracy_score(y_test, search.predict(X_test)))  # the test set, once
//! ```
//!
//! ## Known problems
//! Comparisons written out without a loop (one cell per model) are not reported.
//!
//! ## Pattern
//! Keep a final test set untouched: the service layer's `tune_model` chooses on a
//! validation split or by cross-validation, and `evaluate_model` scores the chosen
//! model once.

use super::helpers::snippet;
use super::pa4xx_leakage::{leak_finding, leaks, place_text};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::provenance::LeakKind;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    leaks(ctx, LeakKind::MultiTest)
        .map(|leak| {
            let what = snippet(ctx, leak.origin.cell, leak.origin.range.clone());
            let fit = leak.fit.as_ref().map(|f| place_text(ctx, f));
            let message = crate::msg!(
                "pa405-multi-test",
                code = what.as_str(),
                place = place_text(ctx, &leak.split),
                fit = fit
            );
            let suggestion = crate::msg!("pa405-fix");
            let label = crate::msg!("pa405-related");
            leak_finding(ctx, rule, leak, label, message, suggestion)
        })
        .collect()
}
