//! # PA110 redefined-name
//!
//! ## What it does
//! A name is bound to clearly different kinds of value in several cells.
//!
//! Reports (as info) a data name that several cells bind afresh to clearly
//! different kinds of value: instances of different classes (`model =
//! LogisticRegression()`, later `model = RandomForestClassifier()`), literals of
//! different types (a path string, later a list), or a literal and an instance.
//! Results of calls and other expressions are not compared: `y_pred =
//! a.predict(…)` and `y_pred = b.predict(…)` mean the same thing. A fresh binding
//! does not read the old value (`df = df.dropna()` is a refinement, see PA108).
//! Loop variables, `_` names and plot handles (`fig`, `ax`) are ignored. The
//! finding is on the first binding that differs from an earlier one, and lists
//! every cell that binds the name.
//!
//! Not in the default set: a name reused for another kind of value is style more
//! often than a hazard. `--select PA110` reports it.
//!
//! ## Why is this bad?
//! What a later cell gets from the name depends on which of the cells ran last.
//! Reading the notebook, one cannot tell which `model` is evaluated or which `df`
//! is saved; re-running a single cell silently switches the meaning.
//!
//! ## Example
//! ```python
//! # cell 5
//! model = LogisticRegression()
//! # cell 9
//! model = RandomForestClassifier()
//! # cell 12
//! evaluate(model)   # which one?
//! ```
//!
//! ## Fix
//! Give each meaning its own name (`logreg`, `forest`), or build each in its own
//! service-layer function so the value is a local there.
//!
//! ## Pattern
//! Service layer (Cosmic Python ch. 4): each use case has its own local names, and
//! the domain model (ch. 1) names each concept once.

use super::helpers::{cell_list, finding};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::{Arg, Join, Message};
use crate::model::Statement;
use crate::msg;
use crate::syntax::{AssignedValue, Literal, StmtKind};
use std::ops::Range;

/// Plot handles and throwaway names that are rebound by habit.
const IGNORED: &[&str] = &[
    "fig", "figure", "ax", "axes", "axs", "ax1", "ax2", "ax3", "ax4", "g", "f", "p", "plot",
    "chart", "_",
];

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Number,
    Text,
    Flag,
    Collection,
    /// A class instance: `RandomForestClassifier(...)`, with the class name.
    Instance(String),
    /// A function or method call, with the callee as written.
    Call(String),
    Alias(String),
    Expression,
}

impl Kind {
    fn shown(&self) -> Message {
        match self {
            Kind::Number => msg!("pa110-a-number"),
            Kind::Text => msg!("pa110-a-string"),
            Kind::Flag => msg!("pa110-a-constant"),
            Kind::Collection => msg!("pa110-a-collection"),
            Kind::Instance(c) => msg!("pa110-code", code = format!("`{c}(…)`")),
            Kind::Call(c) => msg!("pa110-code", code = format!("`{c}(…)`")),
            Kind::Alias(n) => msg!("pa110-code", code = format!("`{n}`")),
            Kind::Expression => msg!("pa110-an-expression"),
        }
    }

    /// Two bindings that plainly mean different things: instances of two classes,
    /// literals of two types, or a literal and an instance. Calls, aliases and other
    /// expressions say nothing certain about meaning and never differ.
    fn clearly_differs(&self, other: &Kind) -> bool {
        use Kind::*;
        let literal = |k: &Kind| matches!(k, Number | Text | Collection | Flag);
        match (self, other) {
            (Instance(a), Instance(b)) => a != b,
            (a, b) if literal(a) && literal(b) => a != b,
            (Instance(_), b) | (b, Instance(_)) => literal(b),
            _ => false,
        }
    }
}

fn kind(stmt: &Statement) -> Kind {
    match &stmt.facts.value {
        Some(AssignedValue::Literal(l)) => match l {
            Literal::Int(_) | Literal::Float(_) => Kind::Number,
            Literal::Str(_) => Kind::Text,
            Literal::Collection => Kind::Collection,
            _ => Kind::Flag,
        },
        Some(AssignedValue::Name(n)) => Kind::Alias(n.clone()),
        Some(AssignedValue::Call(i)) => match stmt.facts.calls.get(*i) {
            Some(call) if !call.callee.is_empty() => {
                let is_class = call
                    .method
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_uppercase());
                if is_class {
                    Kind::Instance(call.method.clone())
                } else {
                    Kind::Call(call.callee.shown())
                }
            }
            _ => Kind::Expression,
        },
        _ => Kind::Expression,
    }
}

/// A fresh binding: cell index, statement range, kind of value.
type Binding = (usize, Range<usize>, Kind);

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    // Name → fresh bindings (cell, range, kind), one per cell (the cell's last).
    let mut bindings: Vec<(String, Vec<Binding>)> = Vec::new();
    for (cell, stmt) in ctx.model.statements() {
        if stmt.facts.kind != StmtKind::Assign || stmt.facts.targets.len() != 1 {
            continue;
        }
        let name = &stmt.facts.targets[0];
        if IGNORED.contains(&name.as_str()) || name.starts_with('_') || stmt.reads(name) {
            continue;
        }
        let entry = match bindings.iter_mut().find(|(n, _)| n == name) {
            Some(e) => e,
            None => {
                bindings.push((name.clone(), Vec::new()));
                bindings.last_mut().expect("just pushed")
            }
        };
        let binding = (cell.index, stmt.facts.range.clone(), kind(stmt));
        match entry.1.last_mut() {
            Some(last) if last.0 == cell.index => *last = binding,
            _ => entry.1.push(binding),
        }
    }
    let mut out = Vec::new();
    for (name, list) in bindings {
        if list.len() < 2 {
            continue;
        }
        // The first binding that clearly differs from an earlier one.
        let Some(at) =
            (1..list.len()).find(|&i| list[..i].iter().any(|b| b.2.clearly_differs(&list[i].2)))
        else {
            continue;
        };
        let mut kinds: Vec<&Kind> = Vec::new();
        for (_, _, k) in &list {
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
        let cells: Vec<usize> = list.iter().map(|b| b.0).collect();
        let (cell, range, _) = &list[at];
        let shown: Vec<Message> = kinds.iter().map(|k| k.shown()).collect();
        out.push(
            finding(ctx, rule, *cell, range.clone())
                .message(msg!(
                    "pa110-bound-differently",
                    name = name.as_str(),
                    cells = cell_list(&cells),
                    kinds = Arg::joined(shown, Join::Commas)
                ))
                .suggestion(msg!("pa110-fix", name = name.as_str())),
        );
    }
    out
}
