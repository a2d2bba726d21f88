//! Shared helpers for the leakage rules (PA401, PA404, PA405, PA406): a finding at
//! a leak's origin whose message and related locations name the leak's path.
//! Not a rule: it has no registry entry.

use super::helpers::{finding, line_text, lines, snippet, span};
use super::{Context, Rule};
use crate::finding::{Finding, Related};
use crate::i18n::Message;
use crate::msg;
use crate::provenance::{Leak, LeakKind, Place, SplitKind};

/// The leaks of one kind.
pub fn leaks<'c>(ctx: &'c Context, kind: LeakKind) -> impl Iterator<Item = &'c Leak> {
    ctx.leaks().iter().filter(move |l| l.kind == kind)
}

/// `cell 3, line 2 (`train_test_split(X, y)`)`.
pub fn place_text(ctx: &Context, place: &Place) -> Message {
    msg!(
        "pa4-place",
        cell = place.cell,
        lines = line_text(lines(ctx, place.cell, place.range.clone())),
        code = snippet(ctx, place.cell, place.range.clone())
    )
}

/// What the split is, for a message: `split`, `cross-validated`, …
pub fn split_verb(kind: SplitKind) -> Message {
    Message::new(match kind {
        SplitKind::Function => "pa4-split-function",
        SplitKind::CrossValidation => "pa4-split-cross-validation",
        SplitKind::Folds => "pa4-split-folds",
        SplitKind::Positional => "pa4-split-positional",
        SplitKind::Sample => "pa4-split-sample",
        SplitKind::Mask => "pa4-split-mask",
    })
}

/// The rest of the path after the split: `; a model is fitted on the training
/// side in cell 5, line 2 (…) and evaluated on the held-out side in …`.
pub fn fit_eval_text(ctx: &Context, leak: &Leak) -> Message {
    let place = |p: &Option<Place>| p.as_ref().map(|p| place_text(ctx, p));
    msg!(
        "pa4-fit-eval",
        fit = place(&leak.fit),
        eval = place(&leak.eval)
    )
}

/// A finding at the leak's origin with its path as related locations.
pub fn leak_finding(
    ctx: &Context,
    rule: &Rule,
    leak: &Leak,
    origin_label: Message,
    message: Message,
    suggestion: Message,
) -> Finding {
    let mut f = finding(ctx, rule, leak.origin.cell, leak.origin.range.clone())
        .message(message)
        .suggestion(suggestion);
    let mut path = vec![(&leak.origin, origin_label)];
    if leak.split != leak.origin {
        path.push((&leak.split, split_verb(leak.split_kind)));
    }
    if let Some(fit) = &leak.fit {
        path.push((fit, msg!("pa4-related-fit")));
    }
    if let Some(eval) = &leak.eval {
        if *eval != leak.origin {
            path.push((eval, msg!("pa4-related-eval")));
        }
    }
    f.related = path
        .into_iter()
        .map(|(p, message)| Related {
            cell: p.cell,
            span: span(ctx, p.cell, p.range.clone()),
            message,
        })
        .collect();
    f
}
