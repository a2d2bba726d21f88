//! # PA401 preprocessing-leakage
//!
//! ## What it does
//! Reports a statistic or a fitted preprocessing step computed over rows that
//! include the held-out rows, and then used on the training side:
//! - a statistic over all rows before the split: `df['Fare'].fillna(np.mean(df['Fare']))`,
//!   `data['Age'].fillna(data['Age'].median())`, the mean and std of a column used to
//!   scale it, `groupby(…).transform('mean')`;
//! - a scaler, imputer, encoder, vectorizer (`TfidfVectorizer`), `PCA` or feature
//!   selector fitted (`fit`, `fit_transform`, `preprocessing.scale`) on all rows,
//!   then split or cross-validated;
//! - training and test data concatenated, cleaned or encoded with statistics over
//!   both, then sliced back (`train = data[:len(train)]`);
//! - all of the above inside the notebook's own functions, classes, loops, branches
//!   and lambdas.
//!
//! The rows come from the provenance analysis (`crate::provenance`): which rows a
//! value may come from (all of them, or one side of a split) and which rows its
//! statistics were computed on. Splits are `train_test_split`, cross-validation,
//! a splitter's folds, positional slices (`[:n]`, `iloc`, `head`/`tail`), `sample`
//! then `drop`, and complementary masks; a slice, sample or mask counts as a split
//! when both sides are kept and a model is fitted on one. Transformers that learn
//! nothing from the values (`PolynomialFeatures`, `FunctionTransformer`, a
//! `LabelEncoder` on the target) are not reported (the API table marks them).
//!
//! The message names the path: where the statistic or the fit is, where the split
//! is, and where a model is fitted on the training side and evaluated on the
//! held-out side (SARIF `relatedLocations`; the app's Dataflow tab draws it).
//!
//! ## Why is this bad?
//! The fitted statistics (means, variances, vocabularies, imputed values) are
//! computed from rows that should be unseen. The held-out score is then
//! optimistic, and the model that looked good on paper does worse on new data.
//!
//! ## Example
//! ```python
//! df['Age'] = df['Age'].fillna(df['Age'].median())
//! X_scaled = StandardScaler().fit_transform(df[features])
//! X_train, X_val, y_train, y_val = train_test_split(X_scaled, df['y'], random_state=0)
//! ```
//!
//! ## Fix
//! ```python
//! X_train, X_val, y_train, y_val = train_test_split(df[features], df['y'], random_state=0)
//! model = make_pipeline(SimpleImputer(strategy='median'), StandardScaler(), LogisticRegression())
//! model.fit(X_train, y_train)            # imputer and scaler see the training rows only
//! ```
//!
//! ## Known problems
//! Rows chosen with a statistic (`df[df.x < df.x.quantile(0.99)]`) are not
//! reported. Objects the API table does not know, and calls deeper than a few
//! levels of the notebook's own functions, are followed only approximately.
//!
//! ## Pattern
//! The split is one domain concept in one place, and the service layer's
//! `train_model` use case fits preprocessing on the training side only (Cosmic
//! Python ch. 4); a scikit-learn `Pipeline` is that unit.

use super::helpers::snippet;
use super::pa4xx_leakage::{fit_eval_text, leak_finding, leaks, place_text, split_verb};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::msg;
use crate::provenance::{LeakKind, OriginKind, SplitKind};

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    leaks(ctx, LeakKind::Preprocessing)
        .map(|leak| {
            let what = snippet(ctx, leak.origin.cell, leak.origin.range.clone());
            let (how, label) = match leak.origin_kind {
                OriginKind::Fit => ("fit", msg!("pa401-related-fit")),
                _ => ("statistic", msg!("pa401-related-statistic")),
            };
            let message = msg!(
                "pa401-leak",
                code = what.as_str(),
                how = how,
                also = leak.also.len(),
                split = split_verb(leak.split_kind),
                place = place_text(ctx, &leak.split),
                rest = fit_eval_text(ctx, leak)
            );
            let suggestion = match (leak.split_kind, leak.origin_kind) {
                (SplitKind::CrossValidation | SplitKind::Folds, _) => {
                    msg!("pa401-fix-pipeline", code = what.as_str())
                }
                (SplitKind::Positional | SplitKind::Mask | SplitKind::Sample, _) => {
                    msg!("pa401-fix-training-rows", code = what.as_str())
                }
                (_, OriginKind::Fit) => msg!("pa401-fix-fit", code = what.as_str()),
                _ => msg!("pa401-fix-statistic", code = what.as_str()),
            };
            leak_finding(ctx, rule, leak, label, message, suggestion)
        })
        .collect()
}
