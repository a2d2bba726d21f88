//! # PA107 cross-cell-mutation
//!
//! ## What it does
//! Reports a cell that changes in place a value that another cell bound:
//! `df.fillna(0, inplace=True)`, `df['x'] = …`, `obj.attr = …`, `del df['x']`,
//! `lst.append(x)`, `d.update(…)`. There is one finding per name and cell, on the
//! first change. Fitting an estimator (`model.fit(…)`) is not reported here, nor are
//! changes to imported modules (`plt.rcParams[…] = …`).
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
//! train.fillna({'Age': train['Age'].median()}, inplace=True)
//! train['FamilySize'] = train['SibSp'] + train['Parch'] + 1
//! ```
//!
//! ## Fix
//! ```python
//! # domain/model.py
//! def add_family_size(frame: pd.DataFrame) -> pd.DataFrame:
//!     return frame.assign(FamilySize=frame['SibSp'] + frame['Parch'] + 1)
//! # service_layer/services.py
//! train = add_family_size(fill_age(train))
//! ```
//!
//! ## Pattern
//! Domain model as pure functions, frame in and frame out (Cosmic Python ch. 1),
//! composed by the service layer (ch. 4).

use super::pa1xx_support::{code_names, finding};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::model::MutationKind;
use std::collections::HashMap;

/// Methods that change an estimator or a network rather than data; not reported.
pub const FIT_LIKE: &[&str] = &[
    "fit",
    "partial_fit",
    "fit_transform",
    "fit_predict",
    "fit_resample",
    "set_params",
    "compile",
    "load_state_dict",
    "train",
];

fn describe(kind: &MutationKind) -> Option<String> {
    Some(match kind {
        MutationKind::SubscriptStore => "item assignment".to_string(),
        MutationKind::AttributeStore => "attribute assignment".to_string(),
        MutationKind::Delete => "`del` of an item".to_string(),
        MutationKind::Method(m) if FIT_LIKE.contains(&m.as_str()) => return None,
        MutationKind::Method(m) => format!("`.{m}()`"),
        MutationKind::Inplace(m) => format!("`.{m}(inplace=True)`"),
        MutationKind::AugAssign => return None,
    })
}

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let modules = code_names(ctx.model);
    // Name → the cell whose statement last bound it, in notebook order.
    let mut bound_in: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for cell in &ctx.model.cells {
        // Name → (defining cell, first range, kinds), in order of first change.
        let mut changed: Vec<(&str, usize, std::ops::Range<usize>, Vec<String>)> = Vec::new();
        for stmt in &cell.statements {
            for m in &stmt.mutations {
                let Some(what) = describe(&m.kind) else { continue };
                let Some(&from) = bound_in.get(m.name.as_str()) else { continue };
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
            out.push(finding(
                ctx,
                rule,
                cell.index,
                range,
                format!(
                    "cell {} changes `{name}` in place ({}), but `{name}` was defined in cell {from}: \
                     re-running cells changes the result",
                    cell.index,
                    kinds.join(", ")
                ),
                format!(
                    "Return a new value instead (`{name} = step({name})`, with `step` a pure function in \
                     domain/ that copies), or make the change in cell {from} where `{name}` is created; \
                     the service layer then applies the steps once, in order."
                ),
            ));
        }
    }
    out
}
