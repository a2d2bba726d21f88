//! # PA108 non-idempotent-cell
//!
//! ## What it does
//! A cell reads and rebinds a name from another cell, so running it twice changes state.
//!
//! Reports a statement that reads a name and rebinds it (`df = df.iloc[1:]`,
//! `x += 1`, `X = np.expand_dims(X, -1)`) when the value it reads comes from
//! another cell (nothing earlier in the same cell binds the name) and a later
//! cell reads the result. Running the cell twice applies the step twice, to its
//! own output. Steps that give the same value when applied again are not
//! reported: refitting (`model = model.fit(X, y)`), idempotent methods and
//! conversions (`df = df.dropna()`, `X = np.array(X)`; the list is in
//! `knowledge::IDEMPOTENT_METHODS`) and row masks or column lists
//! (`df = df[df.age > 0]`). Neither is `del`, which fails loudly when run twice.
//!
//! Not in the default set: after the idempotency filter, 6 of 22 sampled findings
//! on held-out notebooks were worth attention: most remaining rebinds fail loudly
//! when run again (`df = df.drop(['x'], axis=1)`) or are idempotent in ways the
//! table does not know (`x = x.reshape(n, 28, 28)`). `--select PA108` reports it.
//!
//! ## Why is this bad?
//! The cell gives a different result each time it runs: a counter grows, rows are
//! sliced off again, an axis is added twice, a column that was dropped cannot be
//! dropped twice (`KeyError`). In a notebook, re-running a cell is normal,
//! so the state silently drifts from what the code says.
//!
//! ## Example
//! ```python
//! # cell 3
//! train = pd.read_csv(TRAIN_CSV)
//! # cell 12
//! train = train.iloc[1:]  # drop the header row read as data
//! ```
//!
//! ## Fix
//! ```python
//! # domain/model.py
//! def drop_header_row(frame: pd.DataFrame) -> pd.DataFrame:
//!     return frame.iloc[1:]
//! # cell 12 / service layer
//! train_clean = drop_header_row(train)
//! ```
//! Give the result a new name, or load and transform in the same cell.
//!
//! ## Pattern
//! Domain model as pure functions (Cosmic Python ch. 1) that the service layer
//! (ch. 4) applies exactly once per run.

use super::helpers::{
    cell_list, finding, idempotent_rebind, normalise, read_after, split_assignment,
};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::Arg;
use crate::msg;
use crate::syntax::{AssignedValue, StmtKind};
use std::collections::{BTreeSet, HashMap, HashSet};

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    // Name → the last earlier cell (notebook order) that bound it.
    let mut bound_before: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for cell in &ctx.model.cells {
        let mut bound_here: HashSet<&str> = HashSet::new();
        for stmt in &cell.statements {
            let facts = &stmt.facts;
            let from_elsewhere = |name: &str| {
                !bound_here.contains(name) && stmt.reads(name) && bound_before.contains_key(name)
            };
            // `model = model.fit(X, y)`: refitting gives the same model.
            let refit = |name: &str| match facts.value {
                Some(AssignedValue::Call(i)) => facts.calls.get(i).is_some_and(|c| {
                    c.root.as_deref() == Some(name)
                        && matches!(c.method.as_str(), "fit" | "set_params" | "compile")
                }),
                _ => false,
            };
            // `df = df.dropna()`, `X = np.array(X)`: the same value when run again.
            let text = ctx
                .notebook
                .cells
                .get(cell.index)
                .and_then(|c| c.source.get(facts.range.clone()))
                .unwrap_or("");
            let idempotent = |name: &str| {
                facts.kind == StmtKind::Assign
                    && split_assignment(text).is_some_and(|(target, value)| {
                        target == name && idempotent_rebind(name, &normalise(value))
                    })
            };
            let (names, what): (Vec<String>, &str) = match facts.kind {
                StmtKind::Assign | StmtKind::AugAssign => (
                    facts
                        .targets
                        .iter()
                        .filter(|t| {
                            from_elsewhere(t)
                                && !refit(t)
                                && !idempotent(t)
                                && read_after(ctx.model, t, cell.index)
                        })
                        .cloned()
                        .collect(),
                    if facts.kind == StmtKind::AugAssign {
                        "update"
                    } else {
                        "rebind"
                    },
                ),
                // `del x` run twice raises NameError: loud, and no later value
                // depends on it, so it is not reported.
                _ => (Vec::new(), ""),
            };
            let mut unique: Vec<String> = Vec::new();
            for n in names {
                if !unique.contains(&n) {
                    unique.push(n);
                }
            }
            if !unique.is_empty() {
                let shown = Arg::names(&unique);
                let defined: Vec<usize> = unique
                    .iter()
                    .filter_map(|n| bound_before.get(n.as_str()).copied())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                let message = msg!(
                    "pa108-rebinds-own-value",
                    cell = cell.index,
                    how = what,
                    names = shown,
                    count = unique.len(),
                    cells = cell_list(&defined)
                );
                let suggestion = msg!("pa108-fix", first = unique[0].as_str());
                out.push(
                    finding(ctx, rule, cell.index, facts.range.clone())
                        .message(message)
                        .suggestion(suggestion),
                );
            }
            for d in &facts.defines {
                bound_here.insert(d.as_str());
            }
        }
        for name in bound_here {
            bound_before.insert(name, cell.index);
        }
    }
    out
}
