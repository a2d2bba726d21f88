//! # PA103 undefined-name
//!
//! ## What it does
//! A name is read but no cell of the notebook defines it, and it is not a builtin.
//!
//! Reports a name that is read (at module level, or by a function or class body)
//! but defined nowhere in the notebook: it is not assigned, imported or defined by
//! any cell, and it is not a Python builtin or a global that IPython, Jupyter or
//! Kaggle provide. Its defining cell was deleted, or it came from an earlier session.
//!
//! When the notebook has a star import (`from x import *`), `%pylab`, `%run` or
//! `exec`, the name may come from there: the finding is downgraded to info and says
//! so. Python 2 builtins (`xrange`, `raw_input`, …) are named as such.
//!
//! ## Why is this bad?
//! The notebook cannot be run from a fresh kernel: it raises `NameError`. The
//! value that name held is lost, and with it the knowledge of how it was computed.
//!
//! ## Example
//! ```python
//! # cell 2 (the cell that defined `scaler` was deleted)
//! X_test = scaler.transform(test[features])
//! ```
//!
//! ## Fix
//! ```python
//! scaler = StandardScaler().fit(X_train)
//! X_test = scaler.transform(test[features])
//! ```
//! Recreate the definition (or import it explicitly instead of `from x import *`).
//!
//! ## Known problems
//! A name bound only through `exec("x = …")` or `globals()[…]` is reported: the
//! analysis is static and cannot see what such code binds (the message says where
//! the name probably comes from).
//!
//! ## Pattern
//! Explicit dependencies: every value a step needs is either built by an earlier
//! step of the service layer or passed in (Cosmic Python ch. 4 and ch. 13).

use super::helpers::{binding_cells, body_range, find_identifier, finding};
use super::{Context, Rule};
use crate::finding::{Finding, Severity};
use crate::i18n::{Arg, Join, Message};
use crate::ipython::MagicKind;
use crate::knowledge;
use crate::msg;
use crate::syntax::StmtKind;
use std::collections::HashSet;

/// Globals that sessions provide beyond `knowledge::BUILTINS`.
const SESSION_GLOBALS: &[&str] = &["__IPYTHON__", "_exit_code", "__session__", "__main__"];

/// Builtins that Python 3 removed: reading them is a `NameError` on Python 3.
const PYTHON2_BUILTINS: &[(&str, &str)] = &[
    ("xrange", "range"),
    ("raw_input", "input"),
    ("unicode", "str"),
    ("basestring", "str"),
    ("long", "int"),
    ("unichr", "chr"),
    ("reduce", "functools.reduce"),
    ("execfile", "exec(open(path).read())"),
    ("file", "open"),
    ("cmp", "(a > b) - (a < b)"),
    ("reload", "importlib.reload"),
    ("apply", "f(*args)"),
    ("buffer", "memoryview"),
    ("intern", "sys.intern"),
    ("coerce", "explicit conversion"),
];

/// True when a cell that failed to parse (above `above`, when given) mentions `name`:
/// it may define it, so the name is not reported.
pub(crate) fn maybe_bound_in_unparsed_cell(
    ctx: &Context,
    name: &str,
    above: Option<usize>,
) -> bool {
    ctx.model
        .cells
        .iter()
        .filter(|c| c.syntax_error.is_some() || !c.is_python)
        .filter(|c| above.is_none_or(|a| c.index < a))
        .filter_map(|c| ctx.notebook.cells.get(c.index))
        .any(|c| find_identifier(&c.source, 0..c.source.len(), name).is_some())
}

/// Why an unknown name may still be defined: star imports, `%pylab`, `%run`, `exec`.
fn possible_sources(ctx: &Context) -> Vec<String> {
    let mut out: Vec<String> = ctx
        .model
        .star_imports
        .iter()
        .map(|m| format!("`from {m} import *`"))
        .collect();
    for cell in &ctx.model.cells {
        for magic in &cell.masked.magics {
            if matches!(magic.kind, MagicKind::LineMagic | MagicKind::Automagic)
                && matches!(magic.name.as_str(), "pylab" | "run" | "store")
            {
                let shown = format!("`%{}`", magic.name);
                if !out.contains(&shown) {
                    out.push(shown);
                }
            }
        }
        if cell.statements.iter().any(|s| s.facts.dynamic)
            && !out.iter().any(|s| s == "`exec`/`globals()`")
        {
            out.push("`exec`/`globals()`".into());
        }
    }
    out
}

/// Executions that are missing from the saved notebook (cells run, then deleted).
fn lost_executions(ctx: &Context) -> u32 {
    let counts: Vec<u32> = ctx
        .notebook
        .code_cells()
        .filter_map(|c| c.execution_count)
        .collect();
    let max = counts.iter().copied().max().unwrap_or(0);
    max.saturating_sub(counts.len() as u32)
}

fn is_known(name: &str) -> bool {
    knowledge::is_builtin(name) || SESSION_GLOBALS.contains(&name)
}

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let model = ctx.model;
    let bindings = binding_cells(model);
    let sources = possible_sources(ctx);
    let lost = lost_executions(ctx);
    // `%%capture out`, `files = !ls`: names that magics bind.
    let magic_bound: HashSet<&str> = model
        .cells
        .iter()
        .flat_map(|c| &c.masked.magics)
        .filter_map(|m| m.assigned_to.as_deref())
        .flat_map(|names| names.split(',').map(str::trim))
        .collect();
    let unknown =
        |name: &str| !bindings.contains_key(name) && !is_known(name) && !magic_bound.contains(name);
    let mut out = Vec::new();
    let mut seen: HashSet<(usize, String)> = HashSet::new();
    let mut report = |cell: usize,
                      name: &str,
                      range: std::ops::Range<usize>,
                      reader: Message,
                      out: &mut Vec<Finding>| {
        if !seen.insert((cell, name.to_string())) || maybe_bound_in_unparsed_cell(ctx, name, None) {
            return;
        }
        if let Some((_, replacement)) = PYTHON2_BUILTINS.iter().find(|(n, _)| *n == name) {
            out.push(
                finding(ctx, rule, cell, range)
                    .message(msg!("pa103-python2-builtin", reader = reader, name = name))
                    .suggestion(msg!(
                        "pa103-python2-builtin-fix",
                        name = name,
                        replacement = *replacement
                    )),
            );
            return;
        }
        let listed = Arg::joined(sources.iter(), Join::Commas);
        let (message, severity) = if !sources.is_empty() {
            let message = msg!(
                "pa103-undefined-maybe-from",
                reader = reader,
                name = name,
                sources = listed.clone()
            );
            (message, Severity::Info)
        } else if lost > 0 {
            let message = msg!(
                "pa103-undefined-cell-deleted",
                reader = reader,
                name = name,
                count = lost
            );
            (message, rule.severity)
        } else {
            let message = msg!("pa103-undefined", reader = reader, name = name);
            (message, rule.severity)
        };
        let suggestion = if sources.is_empty() {
            msg!("pa103-undefined-fix", name = name)
        } else {
            let module = match ctx.model.star_imports.as_slice() {
                [one] => one.as_str(),
                _ => "module",
            };
            msg!(
                "pa103-undefined-maybe-from-fix",
                name = name,
                module = module,
                sources = listed
            )
        };
        out.push(
            finding(ctx, rule, cell, range)
                .severity(severity)
                .message(message)
                .suggestion(suggestion),
        );
    };
    for read in &model.notebook_order.unbound {
        if read.via_function.is_none() && unknown(&read.name) {
            report(
                read.cell,
                &read.name,
                read.range.clone(),
                msg!("pa103-this-cell-reads"),
                &mut out,
            );
        }
    }
    // Globals that function and class bodies read: the NameError comes when called.
    for (cell, stmt) in model.statements() {
        if !matches!(stmt.facts.kind, StmtKind::FunctionDef | StmtKind::ClassDef) {
            continue;
        }
        let source = super::helpers::source(ctx, cell.index);
        let def_name = stmt.facts.def_name.clone().unwrap_or_default();
        for name in stmt.facts.free_vars.iter().filter(|n| unknown(n)) {
            let body = body_range(source, stmt.facts.range.clone());
            let range =
                find_identifier(source, body, name).unwrap_or_else(|| stmt.facts.range.clone());
            let reader = if stmt.facts.kind == StmtKind::ClassDef {
                msg!("pa103-class-reads", class = def_name.as_str())
            } else {
                msg!("pa103-function-reads", function = def_name.as_str())
            };
            report(cell.index, name, range, reader, &mut out);
        }
    }
    out
}
