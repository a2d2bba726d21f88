//! Scores the notebook only shows. A bare expression that ends a cell
//! (`accuracy_score(y_test, preds)`, `round(acc, 2)`, `conf_df`) is displayed by
//! Jupyter and dropped by a script. When it evaluates in a use case, the package binds
//! it to a name (`accuracy_score_value = accuracy_score(y_test, preds)`) and the use
//! case returns it: the caller gets the score, and the tests compare it with the one
//! the notebook code computes.

use super::assign::{Item, Kind};
use super::naming::Namer;
use super::python::is_identifier;
use super::{Destination, ShownResult};
use crate::analysis::Analysis;
use crate::classifier::CallInfo;
use crate::knowledge::api::{self, ApiKind};
use crate::model::Statement;
use crate::role::Role;
use crate::syntax::StmtKind;

/// The shown scores among `items`, each named.
pub(super) fn shown_results(
    analysis: &Analysis,
    items: &[Item],
    namer: &mut Namer,
) -> Vec<ShownResult> {
    let mut out = Vec::new();
    for item in items {
        let Some(shown) = shown_value(analysis, item) else {
            continue;
        };
        let (name, bound) = match shown {
            Shown::Name(name) => (name, true),
            Shown::Value(base) => (namer.unique(&base), false),
        };
        out.push(ShownResult {
            cell: item.cell,
            statement: item.stmt,
            name,
            bound,
        });
    }
    out
}

enum Shown {
    /// A bare name (`conf_df`): the value is bound already.
    Name(String),
    /// A value to bind, with the base of its name.
    Value(String),
}

/// What `item` shows, when it is a score the notebook displays in a use case: the
/// cell's last statement, a bare expression of the service layer that evaluates,
/// prints nothing, changes nothing, and calls only metrics, scoring methods and
/// [`api::VALUE_FUNCTIONS`].
fn shown_value(analysis: &Analysis, item: &Item) -> Option<Shown> {
    let cell = analysis.model.cell(item.cell)?;
    let stmt = cell.statements.get(item.stmt)?;
    let facts = &stmt.facts;
    let shows = item.kind == Kind::Code
        && item.dest == Destination::Service
        && item.role == Role::Evaluate
        && item.stmt + 1 == cell.statements.len()
        && facts.kind == StmtKind::Expr
        && !item.prints
        && item.binds.is_empty()
        && item.mutates.is_empty();
    if !shows {
        return None;
    }
    let infos = &analysis.roles.info(item.cell, item.stmt)?.calls;
    let computes = facts.calls.iter().enumerate().all(|(i, c)| {
        let info = infos.get(i);
        let own = info.is_none_or(|info| info.user_function);
        let metric =
            info.is_some_and(|info| metric_function(info) && info.role == Some(Role::Evaluate));
        let method = info.is_some_and(|info| info.method_call)
            && api::VALUE_METHODS.contains(&c.method.as_str());
        let value = api::VALUE_FUNCTIONS.contains(&stmt.qualified_call(i));
        !c.deferred && !own && (metric || method || value)
    });
    if !computes {
        return None;
    }
    let source = &analysis.notebook.cells.get(item.cell)?.source;
    let text = source.get(facts.range.clone())?.trim();
    if facts.calls.is_empty() && is_identifier(text) {
        return Some(Shown::Name(text.to_string()));
    }
    Some(Shown::Value(value_name(text, stmt, infos)))
}

/// A readable name for the value of `text`: `accuracy_score(…)` →
/// `accuracy_score_value`; `cv.mean()` → `cv_mean`; `model.evaluate(…)` →
/// `model_evaluation`; `round(acc, 2)` → `acc_rounded`; `model.coef_` → `model_coef`;
/// anything else → `score`.
fn value_name(text: &str, stmt: &Statement, infos: &[CallInfo]) -> String {
    let facts = &stmt.facts;
    let outermost = facts
        .calls
        .iter()
        .zip(infos)
        .enumerate()
        .find(|(_, (c, _))| c.range == facts.range);
    let Some((i, (call, info))) = outermost else {
        return match text.split_once('.') {
            Some((a, b)) if is_identifier(a) && is_identifier(b) => {
                format!("{a}_{}", b.trim_matches('_'))
            }
            _ => "score".into(),
        };
    };
    let method = call.method.as_str();
    let verb = if method == "evaluate" {
        "evaluation"
    } else {
        method
    };
    // `cv.mean()` has a receiver; `np.mean(errors)` is a function of a module.
    let function = api::VALUE_FUNCTIONS.contains(&stmt.qualified_call(i));
    let receiver = (call.callee.segments().len() == 2 && !function)
        .then_some(call.root.as_deref())
        .flatten();
    let argument = match call.args.as_slice() {
        [first, ..] if info.kind != Some(ApiKind::Metric) => first.root.as_deref(),
        _ => None,
    };
    match (receiver, argument) {
        _ if metric_function(info) => format!("{method}_value"),
        (Some(root), _) if info.method_call => format!("{root}_{verb}"),
        (_, Some(arg)) if method == "round" => format!("{arg}_rounded"),
        (_, Some(arg)) => format!("{arg}_{verb}"),
        _ => "score".into(),
    }
}

/// A metric called as a function (`accuracy_score(y, p)`), not as a method.
fn metric_function(info: &CallInfo) -> bool {
    info.kind == Some(ApiKind::Metric) && !info.method_call
}
