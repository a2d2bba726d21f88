//! # PA107 cross-cell-mutation
//!
//! ## What it does
//! A cell changes in place a value that another cell defined.
//!
//! Reports a cell that changes in place a value that another cell bound:
//! `df.fillna(0, inplace=True)`, `df['x'] = …`, `obj.attr = …`, `del df['x']`,
//! `lst.append(x)`, `d.update(…)`. There is one finding per name and cell, on the
//! first change. Fitting an estimator (`model.fit(…)`) is not reported here, nor are
//! changes to imported modules (`plt.rcParams[…] = …`). A method such as `append`
//! or `add` counts only when its result is not used (pandas' methods of those names
//! return a new object).
//!
//! Only changes that give a different value when the cell runs again, and whose
//! name a later cell reads, are reported: an item or attribute store whose value
//! does not read the target (`df['x'] = f(df['y'])`) or reads it through idempotent
//! steps (`df['d'] = pd.to_datetime(df['d'])`), and idempotent in-place methods
//! (`df.fillna(0, inplace=True)`, `df.dropna(inplace=True)`), are the same run
//! twice.
//!
//! Not in the default set: after the idempotency filter, 4 of 14 sampled findings
//! on held-out notebooks were worth attention: most remaining changes fail loudly
//! when run again (`drop(columns=…, inplace=True)` raises `KeyError`) rather than
//! change a value. `--select PA107` reports it.
//!
//! ## Why is this bad?
//! The value a name holds depends on which cells ran, and how many times. Re-running
//! the cell (or the cell that reads the value) gives different results: a column is
//! added twice, a list grows, a row filter applies to already filtered data.
//!
//! ## Example
//! ```python
//! # cell 3
//! train = pd.read_csv(TRAIN_CSV)
//! # cell 8
//! train['Fare'] = np.log1p(train['Fare'])  # run twice: log of the log
//! train.drop(columns=['Cabin'], inplace=True)  # run twice: KeyError
//! ```
//!
//! ## Fix
//! ```python
//! # domain/model.py
//! def log_fare(frame: pd.DataFrame) -> pd.DataFrame:
//!     return frame.assign(Fare=np.log1p(frame['Fare'])).drop(columns=['Cabin'])
//! # service_layer/services.py
//! train_features = log_fare(train)
//! ```
//!
//! ## Pattern
//! Domain model as pure functions, frame in and frame out (Cosmic Python ch. 1),
//! composed by the service layer (ch. 4).

use super::helpers::{
    code_names, finding, idempotent_store, normalise, read_after, split_assignment,
};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::{Arg, Join, Message};
use crate::knowledge;
use crate::model::{MutationKind, Statement};
use crate::msg;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

fn describe(kind: &MutationKind) -> Option<Message> {
    Some(match kind {
        MutationKind::SubscriptStore => msg!("pa107-item-assignment"),
        MutationKind::AttributeStore => msg!("pa107-attribute-assignment"),
        MutationKind::Delete => msg!("pa107-del-item"),
        MutationKind::Method(m) if knowledge::is_model_mutating_method(m) => return None,
        MutationKind::Method(m) => msg!("pa107-method", method = m),
        MutationKind::Inplace(m) => msg!("pa107-inplace", method = m),
        MutationKind::AugAssign => return None,
    })
}

/// Methods that change their receiver even when their result is used.
const MUTATE_AND_RETURN: &[&str] = &["pop", "popitem", "setdefault"];

/// Whether a table-listed method call really changes its receiver. Mutating methods
/// return `None`, so a call whose result is used is another library's method of the
/// same name: `s = a.append(b)` and `df.add(other, fill_value=0)` are pandas methods
/// that return a new object.
fn mutates_for_sure(method: &str, stmt: &Statement, range: &Range<usize>, source: &str) -> bool {
    if MUTATE_AND_RETURN.contains(&method) {
        return true;
    }
    let call = stmt.facts.calls.iter().find(|c| c.range == *range);
    if matches!(method, "add" | "append") && call.is_some_and(|c| !c.keywords.is_empty()) {
        return false;
    }
    is_statement(source, range)
}

/// True when `source[range]` stands alone as a statement: only blanks, `:` or `;`
/// before it on its line, and nothing but a comment or `;` after it.
fn is_statement(source: &str, range: &Range<usize>) -> bool {
    let (Some(before), Some(after)) = (source.get(..range.start), source.get(range.end..)) else {
        return false;
    };
    let line_before = before.rsplit('\n').next().unwrap_or("").trim_end();
    let line_after = after.split('\n').next().unwrap_or("").trim_start();
    (line_before.trim_start().is_empty()
        || line_before.ends_with(':')
        || line_before.ends_with(';'))
        && (line_after.is_empty() || line_after.starts_with('#') || line_after.starts_with(';'))
}

/// Whether running the statement again leaves the same state: an item or
/// attribute store whose value does not read the target or reads it through
/// idempotent steps (`df['x'] = f(df['y'])`, `df['d'] = pd.to_datetime(df['d'])`),
/// or an idempotent in-place method (`df.fillna(0, inplace=True)`).
fn same_when_run_again(kind: &MutationKind, statement: &str) -> bool {
    match kind {
        MutationKind::SubscriptStore | MutationKind::AttributeStore => split_assignment(statement)
            .is_some_and(|(target, value)| idempotent_store(target, value)),
        MutationKind::Inplace(m) if m == "reset_index" => {
            normalise(statement).contains("drop=True")
        }
        MutationKind::Inplace(m) => knowledge::is_idempotent_method(m),
        _ => false,
    }
}

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let modules = code_names(ctx.model);
    // Name → the cell whose statement last bound it, in notebook order.
    let mut bound_in: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for cell in &ctx.model.cells {
        // Name → (defining cell, first range, kinds), in order of first change.
        let mut changed: Vec<(&str, usize, Range<usize>, Vec<Message>)> = Vec::new();
        // Store targets this cell has already set from other values
        // (`df['t'] = df['name'].str.extract(…)`): a later `df['t'] = df['t'].map(…)`
        // in the same cell starts again from that value on every run.
        let mut fresh: HashSet<String> = HashSet::new();
        let source = ctx
            .notebook
            .cells
            .get(cell.index)
            .map_or("", |c| c.source.as_str());
        for stmt in &cell.statements {
            for m in &stmt.mutations {
                let Some(what) = describe(&m.kind) else {
                    continue;
                };
                if let MutationKind::Method(method) = &m.kind {
                    if !mutates_for_sure(method, stmt, &m.range, source) {
                        continue;
                    }
                }
                let text = source.get(stmt.facts.range.clone()).unwrap_or("");
                let target = matches!(
                    m.kind,
                    MutationKind::SubscriptStore | MutationKind::AttributeStore
                )
                .then(|| split_assignment(text).map(|(t, _)| normalise(t)))
                .flatten();
                let reset = target.as_ref().is_some_and(|t| fresh.contains(t));
                let same = same_when_run_again(&m.kind, text);
                if let Some(t) = target.filter(|_| same || reset) {
                    fresh.insert(t);
                }
                if same || reset || !read_after(ctx.model, &m.name, cell.index) {
                    continue;
                }
                let Some(&from) = bound_in.get(m.name.as_str()) else {
                    continue;
                };
                // `for dataset in combine: dataset['x'] = …` rebinds the name first.
                if from == cell.index || modules.contains(&m.name) || stmt.defines(&m.name) {
                    continue;
                }
                match changed.iter_mut().find(|(n, ..)| *n == m.name) {
                    Some((_, _, _, kinds)) => {
                        if !kinds.contains(&what) {
                            kinds.push(what);
                        }
                    }
                    None => changed.push((m.name.as_str(), from, m.range.clone(), vec![what])),
                }
            }
            for d in stmt.facts.defines.iter().chain(&stmt.facts.global_writes) {
                bound_in.insert(d.as_str(), cell.index);
            }
        }
        for (name, from, range, kinds) in changed {
            out.push(
                finding(ctx, rule, cell.index, range)
                    .message(msg!(
                        "pa107-changes-in-place",
                        cell = cell.index,
                        name = name,
                        kinds = Arg::joined(kinds, Join::Commas),
                        from = from
                    ))
                    .suggestion(msg!("pa107-fix", name = name, from = from)),
            );
        }
    }
    out
}
