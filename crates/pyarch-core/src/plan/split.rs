//! Statements that load and transform in one expression, split so that the repository
//! only loads. `data = add_features(clean(load_data()))` is a load by its role, but a
//! repository method holding all of it would clean and build features where the unit
//! tests' fake repository hides them. Split, the method runs `data = load_data()` and
//! the pipeline runs `data = add_features(clean(data))`.

use super::assign::{Item, Kind};
use super::Destination;
use crate::analysis::Analysis;
use crate::role::Role;
use crate::syntax::{AssignedValue, CallFact, StmtKind};
use std::ops::Range;

/// Which part of its statement an item stands for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) enum Part {
    #[default]
    Whole,
    /// The load call at this byte range of the cell, bound to the statement's target.
    Load(Range<usize>),
    /// The statement with that load call replaced by the target.
    Rest(Range<usize>),
}

impl Part {
    /// Whether code at `range` of the statement belongs to this part.
    pub(super) fn holds(&self, range: &Range<usize>) -> bool {
        let inside = |load: &Range<usize>| load.start <= range.start && range.end <= load.end;
        match self {
            Part::Whole => true,
            Part::Load(load) => inside(load),
            Part::Rest(load) => !inside(load),
        }
    }
}

/// The parts of a split statement, for rendering it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LoadSplit {
    pub cell: usize,
    pub statement: usize,
    /// The name the statement assigns (`data`): the load binds it, the rest reads it.
    pub target: String,
    /// Byte range of the load call in the cell source (`load_data()`).
    pub load: Range<usize>,
    /// Byte range of the whole right-hand side (`add_features(clean(load_data()))`).
    pub value: Range<usize>,
    /// Byte range inside the parentheses around the load (the load and any blanks
    /// beside it), which the rest's text fills with the target: `clean(data)`.
    pub argument: Range<usize>,
    /// What the rest does, in the order it runs: the roles of the calls around the
    /// load, innermost first (`clean`, then `feature`).
    pub rest_roles: Vec<Role>,
}

/// Replaces every splittable load item by its load part and the rest, in place.
pub(super) fn split_loads(analysis: &Analysis, items: &mut Vec<Item>) -> Vec<LoadSplit> {
    let mut splits = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        match load_split(analysis, &item) {
            Some(split) => {
                let (load, rest) = parts(analysis, item, &split);
                out.push(load);
                out.push(rest);
                splits.push(split);
            }
            None => out.push(item),
        }
    }
    *items = out;
    splits
}

/// The two items of a split statement: what each reads, binds and where it goes.
fn parts(analysis: &Analysis, item: Item, split: &LoadSplit) -> (Item, Item) {
    let facts = &analysis.model.cell(item.cell).expect("cell").statements[item.stmt].facts;
    let read_in = |part: &Part| -> Vec<String> {
        let mut reads: Vec<String> = Vec::new();
        for r in facts.reads.iter().filter(|r| part.holds(&r.range)) {
            if item.reads.contains(&r.name) && !reads.contains(&r.name) {
                reads.push(r.name.clone());
            }
        }
        reads
    };
    let load_part = Part::Load(split.load.clone());
    let rest_part = Part::Rest(split.load.clone());
    let load = Item {
        reads: read_in(&load_part),
        part: load_part,
        ..item.clone()
    };
    let mut rest_reads = read_in(&rest_part);
    rest_reads.push(split.target.clone());
    let rest = Item {
        role: *split
            .rest_roles
            .last()
            .expect("a split has calls around its load"),
        dest: Destination::Domain,
        reads: rest_reads,
        part: rest_part,
        ..item
    };
    (load, rest)
}

/// The split of a load statement whose value is cleaning or feature calls (the
/// notebook's functions or a library's) around one load call, each taking the call
/// inside it as its only argument; `None` for any other statement.
fn load_split(analysis: &Analysis, item: &Item) -> Option<LoadSplit> {
    let plain_load = item.kind == Kind::Code
        && item.role == Role::Load
        && item.dest == Destination::Repository
        && !item.overridden
        && !item.prints
        && item.mutates.is_empty()
        && item.part == Part::Whole;
    if !plain_load {
        return None;
    }
    let stmt = analysis.model.cell(item.cell)?.statements.get(item.stmt)?;
    let facts = &stmt.facts;
    let (StmtKind::Assign, [target], Some(AssignedValue::Call(outer))) =
        (facts.kind, facts.targets.as_slice(), &facts.value)
    else {
        return None;
    };
    if facts.defines != [target.clone()] || !facts.free_vars.is_empty() {
        return None;
    }
    let source = analysis.notebook.cells.get(item.cell)?.source.as_str();
    let role_of = |call: usize| {
        analysis
            .roles
            .call_info(item.cell, item.stmt, call)
            .and_then(|c| c.role)
    };
    let mut call = *outer;
    let mut rest_roles = Vec::new();
    let mut argument = None;
    while role_of(call) != Some(Role::Load) {
        let role = role_of(call).filter(|r| matches!(r, Role::Clean | Role::Feature))?;
        if !rest_roles.contains(&role) {
            rest_roles.insert(0, role);
        }
        let wrapper = &facts.calls[call];
        let inside = parenthesised(source, wrapper)?;
        call = facts
            .calls
            .iter()
            .position(|inner| only_argument(source, wrapper, &inside, inner))?;
        argument = Some(inside);
    }
    let load = facts.calls[call].range.clone();
    let value = facts.calls[*outer].range.clone();
    // A load too short for its target's name to fit is not worth a split.
    (load.len() > 2).then_some(())?;
    Some(LoadSplit {
        cell: item.cell,
        statement: item.stmt,
        target: target.clone(),
        load,
        value,
        argument: argument?,
        rest_roles,
    })
}

/// The byte range between the parentheses of a call of a plain or dotted name
/// (`clean(…)`, `np.log1p(…)`); `None` for other callees (`f()(…)`, `df[c](…)`).
fn parenthesised(source: &str, call: &CallFact) -> Option<Range<usize>> {
    let text = source.get(call.range.clone())?;
    let open = text.find('(')?;
    let callee_is_a_name = text[..open]
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c.is_whitespace());
    (callee_is_a_name && text.ends_with(')'))
        .then(|| call.range.start + open + 1..call.range.end - 1)
}

/// Whether `inner` is the only argument of `wrapper`, filling `inside`, its
/// parentheses, but for blanks: `clean(load_data())`.
fn only_argument(
    source: &str,
    wrapper: &CallFact,
    inside: &Range<usize>,
    inner: &CallFact,
) -> bool {
    let inner = &inner.range;
    let blank = |r: Range<usize>| source.get(r).is_some_and(|t| t.trim().is_empty());
    wrapper.keywords.is_empty()
        && wrapper.args.len() == 1
        && inside.start <= inner.start
        && inner.end <= inside.end
        && blank(inside.start..inner.start)
        && blank(inner.end..inside.end)
}
