//! # PA109 hidden-global-input
//!
//! ## What it does
//! A function reads a global data value that other cells define or change.
//!
//! Reports a function (or class) whose body reads a global data value that another
//! cell defines or changes. Imported modules, functions and classes are not data
//! and are not reported; nor is configuration: UPPER_CASE constants bound once to a
//! literal or to a call on literals (`Path("out.csv")`), or bound once to anything
//! in a cell above the function (`USE_GPU = torch.cuda.is_available()`), and any
//! name bound once to a literal in a cell above the function and never changed
//! (`lag = 30`). There is
//! one finding per function, naming every such global and the cells that bind it.
//!
//! ## Why is this bad?
//! The function's result depends on an input that is not in its signature: on which
//! cells ran before the call, and in what order. It cannot be tested on its own, and
//! moving it into a module breaks it, because the global no longer exists there.
//!
//! ## Example
//! ```python
//! # cell 5
//! def get_X(frame):
//!     return frame[features]
//! # cell 13
//! features = ['Pclass', 'Sex', 'Age']
//! ```
//!
//! ## Fix
//! ```python
//! # domain/model.py
//! def get_X(frame, features):
//!     return frame[features]
//! # service_layer/services.py
//! X = get_X(train, config.FEATURES)
//! ```
//!
//! ## Pattern
//! Explicit dependencies: inputs arrive as parameters and the service layer (Cosmic
//! Python ch. 4) or the bootstrap (ch. 13, dependency injection) passes them in.

use super::helpers::{
    binding_cells, body_range, cell_list, code_names, find_identifier, finding, is_constant_name,
};
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::{Arg, Message};
use crate::knowledge;
use crate::model::NotebookModel;
use crate::msg;
use crate::syntax::{AssignedValue, StmtKind};

/// Configuration rather than hidden state: a name bound once and never changed in
/// place, either UPPER_CASE and bound to a literal or a call on literals
/// (`Path("x")`) or to anything in a cell above the function (`def_cell`), or
/// bound to a plain literal (`lag = 30`, a lookup `dict`) in a cell above the
/// function.
fn is_config_constant(model: &NotebookModel, name: &str, def_cell: usize) -> bool {
    let mut bindings = 0;
    let mut plain_literal_above = false;
    for (cell, stmt) in model.statements() {
        if stmt.mutates(name) {
            return false;
        }
        if stmt.defines(name) {
            bindings += 1;
            let single = stmt.facts.kind == StmtKind::Assign && stmt.facts.targets.len() == 1;
            let literal = single && matches!(stmt.facts.value, Some(AssignedValue::Literal(_)));
            let literal_call = single
                && match &stmt.facts.value {
                    Some(AssignedValue::Call(i)) => stmt.facts.calls.get(*i).is_some_and(|c| {
                        c.args.iter().all(|a| a.value.is_literal())
                            && c.keywords.iter().all(|k| k.value.is_literal())
                    }),
                    _ => false,
                };
            plain_literal_above = literal && cell.index < def_cell;
            // `USE_VETO = os.environ.get("VETO") == "1"`: an UPPER_CASE setting
            // bound once above the function is configuration whatever its value.
            let constant_above = is_constant_name(name) && cell.index < def_cell;
            if !(literal || literal_call && is_constant_name(name) || constant_above) {
                return false;
            }
        }
    }
    bindings == 1 && (is_constant_name(name) || plain_literal_above)
}

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let model = ctx.model;
    let bindings = binding_cells(model);
    let code = code_names(model);
    let mut out = Vec::new();
    for (cell, stmt) in model.statements() {
        if !matches!(stmt.facts.kind, StmtKind::FunctionDef | StmtKind::ClassDef) {
            continue;
        }
        let source = super::helpers::source(ctx, cell.index);
        let mut hidden: Vec<(String, Vec<usize>)> = Vec::new();
        for name in &stmt.facts.free_vars {
            if knowledge::is_builtin(name)
                || code.contains(name)
                || is_config_constant(model, name, cell.index)
            {
                continue;
            }
            let Some(cells) = bindings.get(name) else {
                continue;
            };
            // Cells that bind or change it, besides this one.
            let mut others: Vec<usize> =
                cells.iter().copied().filter(|&c| c != cell.index).collect();
            for (other, s) in model.statements() {
                if other.index != cell.index && s.mutates(name) && !others.contains(&other.index) {
                    others.push(other.index);
                }
            }
            others.sort();
            if !others.is_empty() {
                hidden.push((name.clone(), others));
            }
        }
        if hidden.is_empty() {
            continue;
        }
        let def_name = stmt.facts.def_name.clone().unwrap_or_default();
        let kind = if stmt.facts.kind == StmtKind::ClassDef {
            "class"
        } else {
            "function"
        };
        let body = body_range(source, stmt.facts.range.clone());
        let range =
            find_identifier(source, body, &hidden[0].0).unwrap_or_else(|| stmt.facts.range.clone());
        let names: Vec<String> = hidden.iter().map(|(n, _)| n.clone()).collect();
        let details: Vec<Message> = hidden
            .iter()
            .map(|(n, cells)| {
                let below = cells.iter().all(|&c| c > cell.index);
                msg!(
                    "pa109-global-set-in",
                    name = n,
                    cells = cell_list(cells),
                    below = below
                )
            })
            .collect();
        out.push(
            finding(ctx, rule, cell.index, range)
                .message(msg!(
                    "pa109-reads-globals",
                    kind = kind,
                    name = def_name.as_str(),
                    count = names.len(),
                    globals = Arg::list(details)
                ))
                .suggestion(msg!(
                    "pa109-fix",
                    names = Arg::names(&names),
                    count = names.len(),
                    name = def_name.as_str()
                )),
        );
    }
    out
}
