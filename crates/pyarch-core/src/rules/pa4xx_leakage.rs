//! Shared helpers for the leakage rules (PA401, PA404, PA405, PA406): a finding at
//! a leak's origin whose message and related locations name the leak's path.
//! Not a rule: it has no registry entry.

use super::helpers::{finding, line_text, lines, snippet, span};
use super::{Context, Rule};
use crate::finding::{Finding, Related};
use crate::provenance::{Leak, LeakKind, Place, SplitKind};

/// The leaks of one kind.
pub fn leaks<'c>(ctx: &'c Context, kind: LeakKind) -> impl Iterator<Item = &'c Leak> {
    ctx.leaks().iter().filter(move |l| l.kind == kind)
}

/// `cell 3, line 2 (`train_test_split(X, y)`)`.
pub fn place_text(ctx: &Context, place: &Place) -> String {
    format!(
        "cell {}, {} (`{}`)",
        place.cell,
        line_text(lines(ctx, place.cell, place.range.clone())),
        snippet(ctx, place.cell, place.range.clone())
    )
}

/// What the split is, for a message: `split`, `cross-validated`, …
pub fn split_verb(kind: SplitKind) -> &'static str {
    match kind {
        SplitKind::Function => "split",
        SplitKind::CrossValidation => "cross-validated",
        SplitKind::Folds => "split into folds",
        SplitKind::Positional => "sliced into training and held-out rows",
        SplitKind::Sample => "sampled into training and held-out rows",
        SplitKind::Mask => "divided by a mask into training and held-out rows",
    }
}

/// The rest of the path after the split: `; a model is fitted on the training
/// side in cell 5, line 2 (…) and evaluated on the held-out side in …`.
pub fn fit_eval_text(ctx: &Context, leak: &Leak) -> String {
    let mut out = String::new();
    if let Some(fit) = &leak.fit {
        out.push_str(&format!(
            "; a model is fitted on the training side in {}",
            place_text(ctx, fit)
        ));
    }
    if let Some(eval) = &leak.eval {
        out.push_str(if leak.fit.is_some() {
            " and evaluated on the held-out side in "
        } else {
            "; a model is evaluated on the held-out side in "
        });
        out.push_str(&place_text(ctx, eval));
    }
    out
}

/// A finding at the leak's origin with its path as related locations.
pub fn leak_finding(
    ctx: &Context,
    rule: &Rule,
    leak: &Leak,
    origin_label: &str,
    message: String,
    suggestion: String,
) -> Finding {
    let mut f = finding(ctx, rule, leak.origin.cell, leak.origin.range.clone())
        .message(message)
        .suggestion(suggestion);
    let mut path = vec![(&leak.origin, origin_label.to_string())];
    if leak.split != leak.origin {
        path.push((&leak.split, split_verb(leak.split_kind).to_string()));
    }
    if let Some(fit) = &leak.fit {
        path.push((fit, "model fitted on the training side".to_string()));
    }
    if let Some(eval) = &leak.eval {
        if *eval != leak.origin {
            path.push((eval, "model evaluated on the held-out side".to_string()));
        }
    }
    f.related = path
        .into_iter()
        .map(|(p, message)| Related {
            cell: p.cell,
            span: span(ctx, p.cell, p.range.clone()),
            message: message.into(),
        })
        .collect();
    f
}
