//! Reading row selections out of an assignment's text: slices, subscripts and the
//! names of a data set's parts and labels.

use super::{side_from_name, ROW_TESTS};
use crate::knowledge::api;
use crate::syntax::lex;

/// `df[…]`, `df.loc[…]`, `X.iloc[…]` as a whole value: what is subscripted and what is
/// inside the brackets.
pub(super) struct Subscript<'a> {
    /// Without its `.loc` / `.iloc`.
    pub(super) base: &'a str,
    /// Through `.loc` or `.iloc`.
    pub(super) by_label: bool,
    pub(super) inner: &'a str,
}

/// Where the subscript that ends `value` opens: `df['Sales'][:n]` → the second `[`.
fn last_subscript_start(value: &str) -> Option<usize> {
    if !value.ends_with(']') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in value.char_indices().rev() {
        match c {
            ']' => depth += 1,
            '[' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `df`, `data.values`, or one column of them (`df['Sales']`).
fn is_data_name(base: &str) -> bool {
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    };
    plain(base)
        || subscript(base).is_some_and(|s| {
            plain(s.base)
                && !s.by_label
                && s.inner.len() >= 2
                && (s.inner.starts_with('\'') && s.inner.ends_with('\'')
                    || s.inner.starts_with('"') && s.inner.ends_with('"'))
        })
}

pub(super) fn is_row_slice(value: &str) -> bool {
    // `df.loc[:25000, 'review'].values`: some rows, then one column, as an array.
    let rows_of_a_column = |value: &str| {
        let Some(Subscript {
            base,
            inner,
            by_label: true,
        }) = subscript(value)
        else {
            return false;
        };
        match top_level_items(inner).as_slice() {
            [rows, _column] => rows.trim() != ":" && is_row_slice(&format!("{base}[{rows}]")),
            _ => false,
        }
    };
    let viewed = api::ARRAY_VIEWS
        .iter()
        .find_map(|v| value.strip_suffix(v))
        .unwrap_or(value);
    if rows_of_a_column(viewed) {
        return true;
    }
    let Some(Subscript { base, inner, .. }) = subscript(value) else {
        return false;
    };
    // `train.columns[1:-1]` slices the column names, not the rows.
    let names = [".columns", ".keys()"].iter().any(|n| base.ends_with(n));
    // A bound computed from the data's size (`df[:int(df.shape[0] * 0.8)]`) is still one
    // number.
    let sized = inner.replace(".shape[0]", "");
    is_data_name(base) && !names && inner.contains(':') && !sized.contains([',', '[', '\'', '"'])
}

pub(super) fn subscript(value: &str) -> Option<Subscript<'_>> {
    let open = last_subscript_start(value)?;
    let (base, rest) = value.split_at(open);
    let inner = rest.strip_prefix('[')?.strip_suffix(']')?;
    Some(Subscript {
        base: base.trim_end_matches(".iloc").trim_end_matches(".loc"),
        by_label: base.ends_with(".iloc") || base.ends_with(".loc"),
        inner,
    })
}

/// `a[:n], a[n:]` → `["a[:n]", "a[n:]"]`: the items of a tuple written without
/// brackets, split at commas outside brackets and strings (read with the lexer).
pub(super) fn top_level_items(value: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for token in lex::tokens(value) {
        let punct = |c: char| token.is_punct(value, c);
        if ['(', '[', '{'].into_iter().any(punct) {
            depth += 1;
        } else if [')', ']', '}'].into_iter().any(punct) {
            depth -= 1;
        } else if depth == 0 && punct(',') {
            items.push(value[start..token.range.start].trim());
            start = token.range.end;
        }
    }
    items.push(value[start..].trim());
    items
}

/// The frame whose rows `value` selects: `df[df['date'] < '2017']`, `df[~mask]`,
/// `X.iloc[train_idx]`, `df.loc[df.year == 2016]` (not columns: `df['a']`,
/// `df[cols]`). `None` when it selects no rows.
pub(super) fn selects_rows(value: &str) -> Option<&str> {
    let Subscript {
        base,
        by_label,
        inner,
    } = subscript(value)?;
    let inner = inner.trim();
    let plain_name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_');
    let rows = !inner.starts_with(['\'', '"', '['])
        && (ROW_TESTS.iter().any(|t| inner.contains(t))
            || by_label && plain_name(inner)
            || plain_name(inner) && names_side_indices(inner));
    (plain_name(base) && rows).then_some(base)
}

/// The key of a subscript by one string (`'train'` of `archive['train']`), unquoted.
pub(super) fn quoted(inner: &str) -> Option<&str> {
    let inner = inner.trim();
    let key = inner.trim_matches(['\'', '"']);
    (key.len() + 2 == inner.len()).then_some(key)
}

/// `train_indices`, `test_idx`, `val_ix`: the row numbers of one side of a split.
pub(super) fn names_side_indices(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    side_from_name(name).is_some()
        && lower.split('_').any(|w| {
            matches!(
                w,
                "idx" | "ix" | "ids" | "inds" | "index" | "indices" | "indexes"
            )
        })
}

/// `y_test`, `Y_val`, `labels_test`, `test_labels`: a name for labels, not inputs.
pub(super) fn names_labels(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("y_") || lower == "y" || lower.contains("label") || lower.contains("target")
}

/// A name for one part of a data set (`train`, `test_df`, `X_val`, `valid2`).
pub(super) fn names_a_part(name: &str) -> bool {
    side_from_name(name).is_some()
        || has_word(
            name,
            &[
                "train",
                "test",
                "val",
                "valid",
                "validate",
                "validation",
                "holdout",
            ],
        )
}

/// `X_val`, `valid_loader`, `holdout`: a validation part, which always has labels
/// (a bare `test` part may be a competition's unlabelled rows).
pub(super) fn names_validation(name: &str) -> bool {
    has_word(name, &["val", "valid", "validation", "holdout"])
}

/// Whether one of `words` is a word of `name` (split at `_` and digits, any case).
fn has_word(name: &str, words: &[&str]) -> bool {
    name.to_ascii_lowercase()
        .split(|c: char| c == '_' || c.is_ascii_digit())
        .any(|w| words.contains(&w))
}

/// `n_estimators`, `alpha_`: a Python identifier.
pub(super) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}
