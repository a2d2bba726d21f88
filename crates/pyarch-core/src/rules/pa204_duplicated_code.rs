//! # PA204 duplicated-code
//!
//! ## What it does
//! Reports code repeated in another cell with other names: a run of three or more
//! statements (at least 30 tokens) whose shape matches a run in an earlier cell, or
//! a single compound statement of three or more lines (a loop, a function, a
//! multi-line call) that matches an earlier one. Statements are compared by shape:
//! variable names and literals are replaced by placeholders, while keywords,
//! operators, attribute and method names and keyword-argument names are kept. So
//! `train['Title'] = train['Name'].str.extract(r'…')` matches
//! `test['Title'] = test['Name'].str.extract(r'…')`. Imports and magics are not
//! compared. The finding is on the later copy and names the differing names.
//!
//! Repeats made only of plotting or display statements (`plt.xlabel(…)`,
//! `plt.title(…)`, `plt.show()`) are not reported: they feed nothing.
//!
//! Not in the default set: 9 of 17 sampled findings on held-out notebooks were
//! worth attention; repeated code is a refactoring hint more than a hazard.
//! `--select PA204` reports it.
//!
//! ## Why is this bad?
//! Copies drift: a fix applied to one copy is forgotten in the other (the test set
//! is cleaned differently from the training set), and the notebook is longer and
//! harder to read than the logic it holds.
//!
//! ## Example
//! ```python
//! # cell 31
//! ar = ARIMA(endog=ts, order=(2, 0, 0))
//! ar_fit = ar.fit()
//! ar_pred = ar_fit.predict()
//! # cell 32
//! ma = ARIMA(endog=ts, order=(0, 0, 2))
//! ma_fit = ma.fit()
//! ma_pred = ma_fit.predict()
//! ```
//!
//! ## Fix
//! ```python
//! def fit_arima(ts, order):
//!     fitted = ARIMA(endog=ts, order=order).fit()
//!     return fitted, fitted.predict()
//!
//! ar_fit, ar_pred = fit_arima(ts, (2, 0, 0))
//! ma_fit, ma_pred = fit_arima(ts, (0, 0, 2))
//! ```
//!
//! ## Known problems
//! Matches are runs of consecutive statements with the same shape: a copy with one
//! statement inserted or changed is reported only in the pieces long enough on their
//! own (three statements and 30 tokens, or one compound statement of three lines).
//!
//! ## Pattern
//! Domain functions (Cosmic Python ch. 1): one function per transformation, called
//! for each input, rather than copies of global code.

use super::helpers::{finding, line_text, lines};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::{Arg, Join};
use crate::msg;
use crate::role::Role;
use crate::syntax::lex::{self, TokenKind};
use crate::syntax::StmtKind;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Statements in a repeated run.
pub const MIN_RUN: usize = 3;
/// Tokens in a repeated run.
pub const MIN_RUN_TOKENS: usize = 30;
/// Lines and tokens of a single repeated compound statement.
pub const MIN_COMPOUND_LINES: u32 = 3;
pub const MIN_COMPOUND_TOKENS: usize = 25;

struct Shape {
    hash: u64,
    tokens: usize,
    /// The names replaced by placeholders, in order.
    names: Vec<String>,
    lines: u32,
}

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    // Shapes of every statement, `None` for statements never compared.
    let shapes: Vec<(usize, Vec<Option<Shape>>)> = ctx
        .model
        .cells
        .iter()
        .map(|cell| {
            let shapes = cell
                .statements
                .iter()
                .map(|s| {
                    if s.magic.is_some() || s.facts.kind == StmtKind::Import {
                        return None;
                    }
                    let text = cell.masked.text.get(s.facts.range.clone())?;
                    let (first, last) = lines(ctx, cell.index, s.facts.range.clone());
                    Some(shape(text, last - first + 1))
                })
                .collect();
            (cell.index, shapes)
        })
        .collect();
    // shape hash → earlier (cell position, statement) with that shape.
    let mut seen: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    let mut out = Vec::new();
    for (b, (cell, stmts)) in shapes.iter().enumerate() {
        let mut i = 0;
        while i < stmts.len() {
            let Some(here) = &stmts[i] else {
                i += 1;
                continue;
            };
            // The longest match with an earlier cell starting here.
            let mut best: Option<(usize, usize, usize)> = None; // (cell pos, stmt, length)
            for &(a, j) in seen.get(&here.hash).map_or(&[][..], |v| v.as_slice()) {
                let other = &shapes[a].1;
                let mut len = 0;
                while i + len < stmts.len()
                    && j + len < other.len()
                    && matches!((&stmts[i + len], &other[j + len]), (Some(x), Some(y)) if x.hash == y.hash)
                {
                    len += 1;
                }
                if best.is_none_or(|(_, _, l)| len > l) {
                    best = Some((a, j, len));
                }
            }
            let Some((a, j, len)) = best else {
                i += 1;
                continue;
            };
            let run: Vec<&Shape> = stmts[i..i + len].iter().flatten().collect();
            let tokens: usize = run.iter().map(|s| s.tokens).sum();
            let substantial = run.iter().filter(|s| s.tokens >= 6).count() >= 2;
            let is_run = len >= MIN_RUN && tokens >= MIN_RUN_TOKENS && substantial;
            let is_compound =
                here.lines >= MIN_COMPOUND_LINES && here.tokens >= MIN_COMPOUND_TOKENS;
            if !is_run && !is_compound {
                i += 1;
                continue;
            }
            let len = if is_run { len } else { 1 };
            // Repeated plotting or display boilerplate (`plt.xlabel(…)`, `plt.show()`)
            // feeds nothing; a helper would only tidy the exploration.
            let roles = ctx.roles.statement_roles(*cell);
            if (i..i + len)
                .all(|si| matches!(roles.get(si), Some(Role::Visualize | Role::Explore) | None))
            {
                i += len;
                continue;
            }
            out.push(report(
                ctx,
                rule,
                *cell,
                i,
                shapes[a].0,
                j,
                len,
                &stmts[i..i + len],
                &shapes[a].1[j..j + len],
            ));
            i += len;
        }
        for (si, s) in stmts.iter().enumerate() {
            if let Some(s) = s {
                seen.entry(s.hash).or_default().push((b, si));
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn report(
    ctx: &Context,
    rule: &Rule,
    cell: usize,
    start: usize,
    other_cell: usize,
    other_start: usize,
    len: usize,
    here: &[Option<Shape>],
    there: &[Option<Shape>],
) -> Finding {
    let stmt_range = |c: usize, s: usize, n: usize| {
        let model = ctx.model.cell(c).expect("a model cell");
        model.statements[s].facts.range.start..model.statements[s + n - 1].facts.range.end
    };
    let range = stmt_range(cell, start, len);
    let other = stmt_range(other_cell, other_start, len);
    let mut renames: Vec<(String, String)> = Vec::new();
    for (x, y) in here
        .iter()
        .zip(there)
        .filter_map(|(x, y)| Some((x.as_ref()?, y.as_ref()?)))
    {
        for (new, old) in x.names.iter().zip(&y.names) {
            if new != old && !renames.iter().any(|(o, n)| o == old && n == new) {
                renames.push((old.clone(), new.clone()));
            }
        }
    }
    let how = if renames.is_empty() {
        msg!("pa204-same-names")
    } else {
        let mut shown: Vec<String> = renames
            .iter()
            .take(3)
            .map(|(o, n)| format!("`{o}` → `{n}`"))
            .collect();
        if renames.len() > 3 {
            shown.push("…".into());
        }
        msg!(
            "pa204-other-names",
            renames = Arg::joined(shown, Join::Commas)
        )
    };
    let params: Vec<String> = renames
        .iter()
        .take(3)
        .map(|(o, n)| format!("`{o}`/`{n}`"))
        .collect();
    let suggestion = if params.is_empty() {
        msg!("pa204-fix-copy", other = other_cell)
    } else {
        msg!(
            "pa204-fix-extract",
            params = Arg::joined(params, Join::Commas),
            other = other_cell
        )
    };
    finding(ctx, rule, cell, range.clone())
        .message(msg!(
            "pa204-repeats",
            count = len,
            lines = line_text(lines(ctx, cell, range)),
            other = other_cell,
            other_lines = line_text(lines(ctx, other_cell, other)),
            how = how
        ))
        .suggestion(suggestion)
}

/// The statement's shape: a hash of its tokens with names and literals replaced.
fn shape(text: &str, lines: u32) -> Shape {
    let mut hasher = DefaultHasher::new();
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut prev_dot = false;
    let all = lex::tokens(text);
    for token in &all {
        let word = &text[token.range.clone()];
        let shown = match token.kind {
            TokenKind::String => "S",
            TokenKind::Number => "0",
            TokenKind::Word if matches!(word, "True" | "False" | "None") => "0",
            TokenKind::Word => {
                // `f(x, key=value)`: the keyword is part of the shape.
                let after = text[token.range.end..].trim_start_matches(' ');
                let keyword_arg =
                    depth > 0 && after.starts_with('=') && !after[1..].starts_with('=');
                if lex::is_keyword(word) || prev_dot || keyword_arg {
                    word
                } else {
                    names.push(word.to_string());
                    "N"
                }
            }
            TokenKind::Punct => {
                match word {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                word
            }
        };
        prev_dot = token.kind == TokenKind::Punct && word == ".";
        shown.hash(&mut hasher);
    }
    Shape {
        hash: hasher.finish(),
        tokens: all.len(),
        names,
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::shape;

    #[test]
    fn names_and_literals_are_placeholders() {
        let a = shape(
            "train['Title'] = train['Name'].str.extract(r',\\s*([^\\.]+)\\.', expand=False)",
            1,
        );
        let b = shape(
            "test['Title'] = test['Name'].str.extract(r'x', expand=True)",
            1,
        );
        assert_eq!(a.hash, b.hash);
        assert_eq!(b.names, ["test", "test"]);
        let c = shape("test['Title'] = test['Name'].str.replace('x', 'y')", 1);
        assert_ne!(a.hash, c.hash);
        let d = shape("model.fit(X, y, epochs=3)  # comment", 1);
        let e = shape("clf.fit(X2, y2, epochs=10)", 1);
        assert_eq!(d.hash, e.hash);
        let f = shape("clf.fit(X2, y2, batch_size=10)", 1);
        assert_ne!(d.hash, f.hash);
    }
}
