//! Provenance (taint) analysis: which rows every value may come from, and whether
//! it carries statistics of those rows, followed through the notebook's dataflow.
//!
//! The statements' dataflow view ([`crate::syntax::flow`]) is interpreted in
//! notebook order and, when the notebook was run in another order, in execution
//! order. A value carries:
//! - its **rows**: ids of row sets, either *whole* data (loaded, or a name the
//!   notebook never binds) or one *side* (training or held-out) of a split;
//! - the **statistics** it was computed with: the row sets that an aggregation
//!   (`median`, `np.mean`, …) or a fit (`fit`, `fit_transform`) read, with where;
//! - whether its rows may contain **copies** (oversampling, `resample`,
//!   concatenating a frame with part of itself), with where.
//!
//! Splits are `train_test_split` and other splitter functions, cross-validation
//! (`cross_val_score`, a search's `fit`), a splitter's `split` looped over,
//! positional slices (`[:n]`, `iloc`, `head`/`tail`), `sample` then `drop`, and
//! complementary boolean masks. The notebook's own functions and classes are
//! interpreted at each call (with their arguments, up to a small depth); loops run
//! twice and branches are joined, so flow is "may" flow.
//!
//! The result is a list of [`Leak`]s with the places that make up each one's path.
//! The rules PA401, PA404, PA405 and PA406 report them. Library knowledge comes
//! from [`crate::knowledge`] only. Pure: no I/O.

use crate::classifier::Side;
use crate::knowledge::api::{self, ApiKind, ApiTag};
use crate::knowledge::{self, rows as kr};
use crate::model::NotebookModel;
use crate::syntax::flow::{FlowCall, FlowExpr, FlowIndex, FlowStmt, FlowTarget};
use crate::syntax::Literal;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

/// A byte range in one cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    pub cell: usize,
    pub range: Range<usize>,
}

impl Place {
    fn key(&self) -> (usize, usize, usize) {
        (self.cell, self.range.start, self.range.end)
    }
}

impl PartialOrd for Place {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Place {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeakKind {
    /// Statistics or a fit over rows that include the held-out rows (PA401).
    Preprocessing,
    /// Copies or synthetic neighbours of rows made before the split (PA404).
    Overlap,
    /// The held-out rows used to choose a model or hyperparameters (PA405).
    MultiTest,
    /// Preprocessing refitted on the held-out rows (PA406).
    TestRefit,
    /// A model scored on "held-out" rows that were carved out of the rows it was
    /// fitted on (PA402).
    EvalOnFitRows,
}

/// What made the statistics or the copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OriginKind {
    /// An aggregation (`median`, `np.mean`, `value_counts`).
    Statistic,
    /// A transformer's `fit` or `fit_transform`.
    Fit,
    /// An oversampler or a resampling with replacement.
    Resample,
    /// Rows stacked with rows they already contain.
    Duplicate,
    /// A model scored on the held-out rows inside a loop that fits models.
    Selection,
    /// A model's `fit`.
    ModelFit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SplitKind {
    /// `train_test_split` and other splitter functions.
    Function,
    /// Cross-validation inside a call (`cross_val_score`, a search's `fit`).
    CrossValidation,
    /// A splitter's folds (`for tr, te in kf.split(X)`).
    Folds,
    /// `[:n]` / `[n:]`, `iloc`, `head` / `tail`.
    Positional,
    /// `sample` then `drop`.
    Sample,
    /// Complementary boolean masks.
    Mask,
}

/// One leak and its path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Leak {
    pub kind: LeakKind,
    /// Where the statistic, fit, resampling or selecting evaluation is.
    pub origin: Place,
    pub origin_kind: OriginKind,
    /// Where the split is.
    pub split: Place,
    pub split_kind: SplitKind,
    /// A model fitted on the training side, if any.
    pub fit: Option<Place>,
    /// A model evaluated or predicting on the held-out side, if any.
    pub eval: Option<Place>,
    /// More origins of the same kind in the origin's cell (one finding per cell).
    pub also: Vec<Place>,
}

/// What the analysis finds.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    pub leaks: Vec<Leak>,
    /// Scoring calls (metrics, `score`) whose data is the held-out side of a
    /// split, folds included: `y_train.iloc[va]` in a fold loop is held out.
    pub held_out_scores: BTreeSet<Place>,
}

/// Runs the analysis in notebook order and, if different, in execution order.
pub fn analyse(model: &NotebookModel) -> Provenance {
    let notebook: Vec<usize> = model.cells.iter().map(|c| c.index).collect();
    let (found, mut held_out_scores) = run(model, &notebook);
    let mut leaks: BTreeSet<Leak> = found.into_iter().collect();
    if let Some(exec) = &model.execution_order {
        if exec.order != notebook && !exec.order.is_empty() {
            let (found, held_out) = run(model, &exec.order);
            leaks.extend(found);
            held_out_scores.extend(held_out);
        }
    }
    Provenance {
        leaks: one_per_problem(leaks),
        held_out_scores,
    }
}

fn one_per_problem(leaks: BTreeSet<Leak>) -> Vec<Leak> {
    // One leak per origin and kind: the first split it reaches.
    // One leak per origin (its first split); then one per kind and cell (the
    // others listed in `also`); loops that choose on a split's test rows: one.
    let mut seen = HashSet::new();
    let mut out: Vec<Leak> = Vec::new();
    for l in leaks {
        if !seen.insert((l.kind, l.origin.clone())) {
            continue;
        }
        let same = out.iter_mut().find(|o| {
            o.kind == l.kind
                && match l.kind {
                    LeakKind::MultiTest => o.split == l.split,
                    _ => o.origin.cell == l.origin.cell,
                }
        });
        match same {
            Some(o) if l.kind != LeakKind::MultiTest => o.also.push(l.origin),
            Some(_) => {}
            None => out.push(l),
        }
    }
    out
}

fn run(model: &NotebookModel, order: &[usize]) -> (Vec<Leak>, BTreeSet<Place>) {
    let mut it = Interp::new(model);
    for &index in order {
        let Some(cell) = model.cell(index) else {
            continue;
        };
        it.cell = index;
        for stmt in &cell.statements {
            it.stmt(&stmt.facts.flow);
        }
    }
    let held_out = it.held_out_scores();
    (it.finish(), held_out)
}

type RowId = usize;
type SplitId = usize;
type OriginId = usize;
type MaskSplit = (SplitId, Vec<(String, bool)>);
type Env = HashMap<String, Val>;

#[derive(Debug, Clone)]
enum RowNode {
    Whole,
    Part(SplitId, Side),
}

#[derive(Debug, Clone)]
struct Split {
    kind: SplitKind,
    place: Place,
    inputs: BTreeSet<RowId>,
    bound: [bool; 2],
    /// Made inside a loop: a fresh split each time round.
    in_loop: bool,
}

#[derive(Debug, Clone)]
struct Origin {
    place: Place,
    kind: OriginKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Obj {
    kind: Option<ApiKind>,
    learns_nothing: bool,
    oversampler: bool,
}

/// The abstract value of an expression.
#[derive(Debug, Clone, Default)]
struct Val {
    rows: BTreeSet<RowId>,
    /// Row sets whose statistics the value carries, with the first place computed.
    stats: BTreeSet<(RowId, OriginId)>,
    /// What a fitted object learned (applied by `transform`).
    learned: BTreeSet<(RowId, OriginId)>,
    /// Copies of rows: where made, and of which rows.
    dup: Option<(OriginId, BTreeSet<RowId>)>,
    obj: Option<Obj>,
    /// Row indices of one side of a split (`train_idx` in a fold loop).
    fold: Option<(SplitId, Side)>,
    /// `kf.split(X)`: iterating gives the folds' indices.
    split_iter: Option<SplitId>,
    elems: Option<Vec<Val>>,
    func: Option<usize>,
    class: Option<usize>,
    /// A boolean mask: the subject compared, the comparison text, negated.
    mask: Option<(String, String, bool)>,
    module: bool,
    /// A fitted model: where it was fitted and on which rows (the last fit).
    fitted: Option<(OriginId, BTreeSet<RowId>)>,
    /// Predictions of a model on rows it was fitted on, taken for held-out rows:
    /// the model's fit and the split that made the "held-out" rows.
    on_fit_rows: Option<(OriginId, SplitId)>,
}

impl Val {
    fn join(&mut self, other: &Val) {
        self.rows.extend(other.rows.iter().copied());
        for (r, o) in &other.stats {
            self.stats.insert((*r, *o));
        }
        for (r, o) in &other.learned {
            self.learned.insert((*r, *o));
        }
        if self.dup.is_none() {
            self.dup.clone_from(&other.dup);
        }
        self.obj = self.obj.or(other.obj);
        if self.fitted.is_none() {
            self.fitted.clone_from(&other.fitted);
        }
        self.on_fit_rows = self.on_fit_rows.or(other.on_fit_rows);
        self.fold = self.fold.or(other.fold);
        self.split_iter = self.split_iter.or(other.split_iter);
        self.func = self.func.or(other.func);
        self.class = self.class.or(other.class);
        if self.mask.is_none() {
            self.mask.clone_from(&other.mask);
        }
    }

    fn joined(vals: &[Val]) -> Val {
        let mut out = Val::default();
        for v in vals {
            out.join(v);
        }
        out.elems = None;
        out
    }

    /// The same data with only its row-carried facts (for a call's result).
    fn data(&self) -> Val {
        Val {
            rows: self.rows.clone(),
            stats: self.stats.clone(),
            dup: self.dup.clone(),
            on_fit_rows: self.on_fit_rows,
            ..Val::default()
        }
    }
}

struct Func<'a> {
    params: &'a [String],
    body: &'a [FlowStmt],
    /// The cell that defines it: its ranges are in that cell.
    cell: usize,
}

#[derive(Default)]
struct Frame {
    locals: HashMap<String, Val>,
    globals: HashSet<String>,
    ret: Val,
    rebound: HashSet<String>,
}

struct Event {
    place: Place,
    rows: BTreeSet<RowId>,
}

struct LoopFrame {
    /// The first model fitted in the loop.
    fit: Option<Place>,
    evals: Vec<usize>,
}

/// Calls to the notebook's own functions deeper than this are not followed.
const MAX_CALL_DEPTH: usize = 4;

/// How many nested loops run their body twice; deeper ones run it once.
const MAX_LOOP_REPEATS: usize = 4;

struct Interp<'a> {
    model: &'a NotebookModel,
    cell: usize,
    nodes: Vec<RowNode>,
    splits: Vec<Split>,
    origins: Vec<Origin>,
    globals: HashMap<String, Val>,
    frames: Vec<Frame>,
    funcs: Vec<Func<'a>>,
    classes: Vec<HashMap<String, usize>>,
    /// Whole row sets by what made them (a load's place, an unbound name).
    wholes: HashMap<String, RowId>,
    parts: HashMap<(SplitId, Side), RowId>,
    positional: HashMap<Vec<RowId>, SplitId>,
    /// Positional splits made only by `head`/`tail` so far.
    shown_only: HashSet<SplitId>,
    samples: HashMap<Vec<RowId>, SplitId>,
    /// Mask splits by (rows, subject): the split and the masks seen (text, negated).
    masks: HashMap<(Vec<RowId>, String), MaskSplit>,
    split_at: HashMap<(Place, SplitKind), SplitId>,
    origin_at: HashMap<(Place, OriginKind), OriginId>,
    fits: Vec<Event>,
    evals: Vec<Event>,
    /// Evaluations made inside a loop that also fits a model.
    selecting: BTreeMap<usize, Place>,
    loops: Vec<LoopFrame>,
    candidates: BTreeSet<(LeakKind, OriginId, SplitId)>,
    /// Where each model scored on its own training rows was scored.
    fit_row_evals: HashMap<(OriginId, SplitId), Place>,
    /// `self` as the last method call left it.
    last_self: Option<Val>,
}

impl<'a> Interp<'a> {
    fn new(model: &'a NotebookModel) -> Interp<'a> {
        Interp {
            model,
            cell: 0,
            nodes: Vec::new(),
            splits: Vec::new(),
            origins: Vec::new(),
            globals: HashMap::new(),
            frames: Vec::new(),
            funcs: Vec::new(),
            classes: Vec::new(),
            wholes: HashMap::new(),
            parts: HashMap::new(),
            positional: HashMap::new(),
            shown_only: HashSet::new(),
            samples: HashMap::new(),
            masks: HashMap::new(),
            split_at: HashMap::new(),
            origin_at: HashMap::new(),
            fits: Vec::new(),
            evals: Vec::new(),
            selecting: BTreeMap::new(),
            loops: Vec::new(),
            candidates: BTreeSet::new(),
            fit_row_evals: HashMap::new(),
            last_self: None,
        }
    }

    fn place(&self, range: &Range<usize>) -> Place {
        Place {
            cell: self.cell,
            range: range.clone(),
        }
    }

    fn origin(&mut self, range: &Range<usize>, kind: OriginKind) -> OriginId {
        let place = self.place(range);
        if let Some(&id) = self.origin_at.get(&(place.clone(), kind)) {
            return id;
        }
        self.origins.push(Origin {
            place: place.clone(),
            kind,
        });
        let id = self.origins.len() - 1;
        self.origin_at.insert((place, kind), id);
        id
    }

    fn whole(&mut self, key: String) -> RowId {
        if let Some(&id) = self.wholes.get(&key) {
            return id;
        }
        self.nodes.push(RowNode::Whole);
        let id = self.nodes.len() - 1;
        self.wholes.insert(key, id);
        id
    }

    fn new_split(
        &mut self,
        kind: SplitKind,
        range: &Range<usize>,
        inputs: BTreeSet<RowId>,
    ) -> SplitId {
        let place = self.place(range);
        if let Some(&id) = self.split_at.get(&(place.clone(), kind)) {
            self.splits[id].inputs.extend(inputs);
            return id;
        }
        self.splits.push(Split {
            kind,
            place: place.clone(),
            inputs,
            bound: [false; 2],
            in_loop: !self.loops.is_empty(),
        });
        let id = self.splits.len() - 1;
        self.split_at.insert((place, kind), id);
        id
    }

    fn part(&mut self, split: SplitId, side: Side) -> RowId {
        if let Some(&id) = self.parts.get(&(split, side)) {
            return id;
        }
        self.nodes.push(RowNode::Part(split, side));
        let id = self.nodes.len() - 1;
        self.parts.insert((split, side), id);
        id
    }

    /// `val` restricted to one side of `split`.
    fn side_of(&mut self, val: &Val, split: SplitId, side: Side) -> Val {
        let mut out = val.clone();
        out.rows = BTreeSet::from([self.part(split, side)]);
        out.elems = None;
        out.mask = None;
        out.fold = None;
        out
    }

    // ---- environment

    fn lookup(&mut self, name: &str) -> Val {
        if let Some(frame) = self.frames.last() {
            if let Some(v) = frame.locals.get(name) {
                return v.clone();
            }
        }
        if let Some(v) = self.globals.get(name) {
            return v.clone();
        }
        if self.model.aliases.contains_key(name) {
            return Val {
                module: true,
                ..Val::default()
            };
        }
        if knowledge::is_builtin(name) || !self.frames.is_empty() {
            // Builtins, and names a function reads that nothing bound yet.
            return Val::default();
        }
        // Data the notebook never binds (a global from elsewhere): its own rows.
        let row = self.whole(format!("name:{name}"));
        let v = Val {
            rows: BTreeSet::from([row]),
            ..Val::default()
        };
        self.globals.insert(name.to_string(), v.clone());
        v
    }

    fn bind(&mut self, name: &str, val: Val) {
        self.mark_bound(&val);
        self.check(&val);
        match self.frames.last_mut() {
            Some(frame) if !frame.globals.contains(name) => {
                frame.rebound.insert(name.to_string());
                frame.locals.insert(name.to_string(), val);
            }
            _ => {
                self.globals.insert(name.to_string(), val);
            }
        }
    }

    /// Joins `val`'s row-carried facts into the value held by `name`.
    fn update(&mut self, name: &str, val: &Val, with_rows: bool) {
        let mut current = self.lookup(name);
        if current.module {
            return;
        }
        for (r, o) in &val.stats {
            current.stats.insert((*r, *o));
        }
        for (r, o) in &val.learned {
            current.learned.insert((*r, *o));
        }
        if current.dup.is_none() {
            current.dup.clone_from(&val.dup);
        }
        if with_rows {
            current.rows.extend(val.rows.iter().copied());
        }
        if current.obj.is_none() {
            current.obj = val.obj;
        }
        self.check(&current);
        match self.frames.last_mut() {
            Some(frame) if frame.locals.contains_key(name) => {
                frame.locals.insert(name.to_string(), current);
            }
            _ => {
                self.globals.insert(name.to_string(), current);
            }
        }
    }

    fn mark_bound(&mut self, val: &Val) {
        for &r in &val.rows {
            if let RowNode::Part(s, side) = self.nodes[r] {
                self.splits[s].bound[side as usize] = true;
            }
        }
        if let Some(elems) = &val.elems {
            for e in elems.clone() {
                self.mark_bound(&e);
            }
        }
    }

    // ---- leak checks

    /// The splits a row set descends from, nearest first, with its side of each.
    fn lineage(&self, row: RowId) -> Vec<(SplitId, Side)> {
        let mut out = Vec::new();
        let mut todo = vec![row];
        let mut seen = HashSet::new();
        while let Some(r) = todo.pop() {
            if !seen.insert(r) {
                continue;
            }
            if let RowNode::Part(s, side) = self.nodes[r] {
                out.push((s, side));
                todo.extend(self.splits[s].inputs.iter().copied());
            }
        }
        out
    }

    /// `row` and every row set it was split from.
    fn ancestors(&self, row: RowId) -> HashSet<RowId> {
        let mut out = HashSet::new();
        let mut todo = vec![row];
        while let Some(r) = todo.pop() {
            if !out.insert(r) {
                continue;
            }
            if let RowNode::Part(s, _) = self.nodes[r] {
                todo.extend(self.splits[s].inputs.iter().copied());
            }
        }
        out
    }

    /// Whether statistics over `rows` saw all of `split`'s input, held-out rows
    /// included: each input row set (or a set it was split from) is among them, or
    /// both sides of some split of it are.
    fn covers(&self, rows: &BTreeSet<RowId>, split: SplitId) -> bool {
        if rows.is_empty() {
            return false;
        }
        let mut seen: HashSet<RowId> = rows.iter().copied().collect();
        // Both sides of a split together are its input.
        loop {
            let mut added = false;
            for (s, sp) in self.splits.iter().enumerate() {
                let train = self.parts.get(&(s, Side::Train));
                let test = self.parts.get(&(s, Side::Test));
                if let (Some(a), Some(b)) = (train, test) {
                    if seen.contains(a) && seen.contains(b) {
                        for i in &sp.inputs {
                            added |= seen.insert(*i);
                        }
                    }
                }
            }
            if !added {
                break;
            }
        }
        let inputs = &self.splits[split].inputs;
        !inputs.is_empty()
            && inputs
                .iter()
                .all(|i| self.ancestors(*i).iter().any(|a| seen.contains(a)))
    }

    /// Whether copies of `rows` can be on both sides of `split`: some of its input
    /// is among the copied rows (copied before the split, not after).
    fn overlaps(&self, rows: &BTreeSet<RowId>, split: SplitId) -> bool {
        self.splits[split].inputs.iter().any(|i| {
            let up = self.ancestors(*i);
            rows.iter().any(|d| up.contains(d))
        })
    }

    /// Replaces what the object held by `name` learned (a refit).
    fn set_learned(&mut self, name: &str, learned: BTreeSet<(RowId, OriginId)>) {
        self.modify(name, |v| v.learned = learned);
    }

    /// Replaces where and on which rows the model held by `name` was fitted.
    fn set_fitted(&mut self, name: &str, fitted: (OriginId, BTreeSet<RowId>)) {
        self.modify(name, |v| v.fitted = Some(fitted));
    }

    fn modify(&mut self, name: &str, change: impl FnOnce(&mut Val)) {
        let mut current = self.lookup(name);
        if current.module {
            return;
        }
        change(&mut current);
        match self.frames.last_mut() {
            Some(frame) if frame.locals.contains_key(name) => {
                frame.locals.insert(name.to_string(), current);
            }
            _ => {
                self.globals.insert(name.to_string(), current);
            }
        }
    }

    fn check(&mut self, val: &Val) {
        if val.stats.is_empty() && val.dup.is_none() && val.elems.is_none() {
            return; // nothing that could leak
        }
        if val.rows.is_empty() {
            if let Some(elems) = &val.elems {
                for e in elems.clone() {
                    self.check(&e);
                }
            }
            return;
        }
        let stat_rows: BTreeSet<RowId> = val.stats.iter().map(|(r, _)| *r).collect();
        for &row in &val.rows {
            for (split, side) in self.lineage(row) {
                if !stat_rows.is_empty() && self.covers(&stat_rows, split) {
                    for origin in self.covering_origins(val, split) {
                        self.candidates
                            .insert((LeakKind::Preprocessing, origin, split));
                    }
                }
                if let Some((origin, dup_rows)) = &val.dup {
                    if self.overlaps(dup_rows, split) {
                        self.candidates.insert((LeakKind::Overlap, *origin, split));
                    }
                }
                if side == Side::Test {
                    let test = self.parts.get(&(split, Side::Test)).copied();
                    for (r, o) in &val.stats {
                        if Some(*r) == test && self.splits[split].kind == SplitKind::Function {
                            self.candidates.insert((LeakKind::TestRefit, *o, split));
                        }
                    }
                }
            }
        }
    }

    /// The origins of the statistics that cover `split` (each alone, or, when only
    /// together, all of them).
    fn covering_origins(&self, val: &Val, split: SplitId) -> Vec<OriginId> {
        let alone: BTreeSet<OriginId> = val
            .stats
            .iter()
            .filter(|(r, _)| self.covers(&BTreeSet::from([*r]), split))
            .map(|(_, o)| *o)
            .collect();
        if alone.is_empty() {
            val.stats
                .iter()
                .map(|(_, o)| *o)
                .min()
                .into_iter()
                .collect()
        } else {
            alone.into_iter().collect()
        }
    }

    /// Checks data going into a split: statistics or copies over all its input.
    fn check_split_input(&mut self, val: &Val, split: SplitId) {
        let stat_rows: BTreeSet<RowId> = val.stats.iter().map(|(r, _)| *r).collect();
        if self.covers(&stat_rows, split) {
            for origin in self.covering_origins(val, split) {
                self.candidates
                    .insert((LeakKind::Preprocessing, origin, split));
            }
        }
        if let Some((origin, rows)) = &val.dup {
            if self.overlaps(rows, split) {
                self.candidates.insert((LeakKind::Overlap, *origin, split));
            }
        }
        self.check(val);
    }

    // ---- statements

    fn stmts(&mut self, stmts: &'a [FlowStmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    /// A loop body runs twice, so that what one iteration leaves reaches the next; a
    /// loop nested more than [`MAX_LOOP_REPEATS`] deep (counting through calls) runs
    /// once, or deeply nested loops would cost 2^depth.
    fn loop_passes(&self) -> usize {
        if self.loops.len() < MAX_LOOP_REPEATS {
            2
        } else {
            1
        }
    }

    fn stmt(&mut self, stmt: &'a FlowStmt) {
        match stmt {
            FlowStmt::Assign { targets, value } => {
                let v = self.expr(value);
                for t in targets {
                    self.assign(t, v.clone());
                }
            }
            FlowStmt::AugAssign { target, value } => {
                let mut v = self.expr(value);
                if let FlowTarget::Name(n) = target {
                    let old = self.lookup(n);
                    v.join(&old);
                }
                self.assign(target, v);
            }
            FlowStmt::Expr(e) => {
                self.expr(e);
            }
            FlowStmt::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let it = self.expr(iter);
                let elem = self.element(iter, &it);
                let passes = self.loop_passes();
                self.loops.push(LoopFrame {
                    fit: None,
                    evals: Vec::new(),
                });
                for _ in 0..passes {
                    self.assign(target, elem.clone());
                    self.stmts(body);
                }
                self.end_loop();
                self.stmts(orelse);
            }
            FlowStmt::While { test, body, orelse } => {
                let passes = self.loop_passes();
                self.loops.push(LoopFrame {
                    fit: None,
                    evals: Vec::new(),
                });
                for _ in 0..passes {
                    self.expr(test);
                    self.stmts(body);
                }
                self.end_loop();
                self.stmts(orelse);
            }
            FlowStmt::Branches(alternatives) => self.branches(alternatives),
            FlowStmt::Block(b) => self.stmts(b),
            FlowStmt::Def { name, params, body } => {
                self.funcs.push(Func {
                    params,
                    body,
                    cell: self.cell,
                });
                let v = Val {
                    func: Some(self.funcs.len() - 1),
                    ..Val::default()
                };
                self.bind(name, v);
            }
            FlowStmt::Class { name, body } => {
                let mut methods = HashMap::new();
                for s in body {
                    if let FlowStmt::Def {
                        name: m,
                        params,
                        body,
                    } = s
                    {
                        self.funcs.push(Func {
                            params,
                            body,
                            cell: self.cell,
                        });
                        methods.insert(m.clone(), self.funcs.len() - 1);
                    }
                }
                self.classes.push(methods);
                let v = Val {
                    class: Some(self.classes.len() - 1),
                    ..Val::default()
                };
                self.bind(name, v);
            }
            FlowStmt::Return(e) => {
                let v = e.as_ref().map(|e| self.expr(e)).unwrap_or_default();
                if let Some(frame) = self.frames.last_mut() {
                    frame.ret.join(&v);
                    if frame.ret.elems.is_none() {
                        frame.ret.elems = v.elems;
                    }
                }
            }
            FlowStmt::Delete(_) => {}
            FlowStmt::Global(names) => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.globals.extend(names.iter().cloned());
                }
            }
            FlowStmt::Other(exprs) => {
                for e in exprs {
                    self.expr(e);
                }
            }
        }
    }

    fn end_loop(&mut self) {
        let frame = self.loops.pop().expect("loop frame");
        if let Some(fit) = &frame.fit {
            for e in &frame.evals {
                self.selecting.entry(*e).or_insert_with(|| fit.clone());
            }
        }
        if let Some(outer) = self.loops.last_mut() {
            if outer.fit.is_none() {
                outer.fit = frame.fit;
            }
            outer.evals.extend(frame.evals);
        }
    }

    fn branches(&mut self, alternatives: &'a [Vec<FlowStmt>]) {
        let globals = self.globals.clone();
        let locals = self.frames.last().map(|f| f.locals.clone());
        let mut results: Vec<(Env, Option<Env>)> = Vec::new();
        for alt in alternatives {
            self.globals = globals.clone();
            if let (Some(frame), Some(l)) = (self.frames.last_mut(), &locals) {
                frame.locals = l.clone();
            }
            self.stmts(alt);
            results.push((
                std::mem::take(&mut self.globals),
                self.frames.last().map(|f| f.locals.clone()),
            ));
        }
        let mut joined_g: HashMap<String, Val> = HashMap::new();
        let mut joined_l: HashMap<String, Val> = HashMap::new();
        for (g, l) in results {
            join_env(&mut joined_g, g);
            if let Some(l) = l {
                join_env(&mut joined_l, l);
            }
        }
        self.globals = joined_g;
        if let Some(frame) = self.frames.last_mut() {
            frame.locals = joined_l;
        }
    }

    fn assign(&mut self, target: &FlowTarget, val: Val) {
        match target {
            FlowTarget::Name(n) => self.bind(n, val),
            FlowTarget::Seq(targets) => match &val.elems {
                Some(elems) if elems.len() == targets.len() => {
                    for (t, e) in targets.iter().zip(elems.clone()) {
                        self.assign(t, e);
                    }
                }
                _ => {
                    let mut v = val.clone();
                    v.elems = None;
                    for t in targets {
                        self.assign(t, v.clone());
                    }
                }
            },
            FlowTarget::Star(t) => {
                let mut v = val;
                v.elems = None;
                self.assign(t, v);
            }
            FlowTarget::Part { root, .. } => {
                let mut v = val;
                v.elems = None;
                self.update(root, &v, false);
            }
            FlowTarget::Other => {}
        }
    }

    /// The value a `for` loop binds on each iteration.
    fn element(&mut self, iter: &'a FlowExpr, it: &Val) -> Val {
        if let FlowExpr::Call(c) = iter {
            let builtin = matches!(&c.func, FlowExpr::Name(n) if self.is_unbound_builtin(n));
            if builtin && c.method == "enumerate" {
                if let Some(arg) = c.args.first() {
                    let inner = self.expr(arg);
                    let e = self.element(arg, &inner);
                    return Val {
                        elems: Some(vec![Val::default(), e]),
                        ..Val::default()
                    };
                }
            }
            if builtin && c.method == "zip" {
                let elems = c
                    .args
                    .iter()
                    .map(|a| {
                        let v = self.expr(a);
                        self.element(a, &v)
                    })
                    .collect();
                return Val {
                    elems: Some(elems),
                    ..Val::default()
                };
            }
        }
        if let Some(s) = it.split_iter {
            return Val {
                elems: Some(vec![
                    Val {
                        fold: Some((s, Side::Train)),
                        ..Val::default()
                    },
                    Val {
                        fold: Some((s, Side::Test)),
                        ..Val::default()
                    },
                ]),
                ..Val::default()
            };
        }
        let mut v = match &it.elems {
            Some(elems) => Val::joined(elems),
            None => it.clone(),
        };
        v.elems = None;
        v
    }

    fn is_unbound_builtin(&self, name: &str) -> bool {
        knowledge::is_builtin(name)
            && !self.globals.contains_key(name)
            && !self
                .frames
                .last()
                .is_some_and(|f| f.locals.contains_key(name))
    }

    // ---- expressions

    fn expr(&mut self, expr: &'a FlowExpr) -> Val {
        match expr {
            FlowExpr::Name(n) => self.lookup(n),
            FlowExpr::Lit(_) => Val::default(),
            FlowExpr::Attr(value, attr) => {
                let v = self.expr(value);
                if v.module || kr::SHAPE_ATTRIBUTES.contains(&attr.as_str()) {
                    return Val::default();
                }
                let mut out = v;
                out.elems = None;
                out.func = None;
                out.mask = None;
                // `search.best_estimator_`, `pipe.named_steps`: another object.
                if let Some(obj) = &mut out.obj {
                    obj.kind = None;
                }
                out
            }
            FlowExpr::Call(c) => self.call(c),
            FlowExpr::Subscript { value, index, .. } => {
                let base = self.expr(value);
                self.subscript(base, index, expr)
            }
            FlowExpr::Seq(items) => {
                let elems: Vec<Val> = items.iter().map(|e| self.expr(e)).collect();
                let mut v = Val::joined(&elems);
                v.elems = Some(elems);
                v
            }
            FlowExpr::Compare {
                parts,
                subject,
                text,
            } => {
                let vals: Vec<Val> = parts.iter().map(|p| self.expr(p)).collect();
                let first = vals.first().cloned().unwrap_or_default();
                Val {
                    rows: first.rows,
                    mask: Some((subject.clone(), text.clone(), false)),
                    ..Val::default()
                }
            }
            FlowExpr::Invert(inner) => {
                let mut v = self.expr(inner);
                if let Some((_, _, negated)) = &mut v.mask {
                    *negated = !*negated;
                }
                v
            }
            FlowExpr::Lambda { params, body } => {
                self.frames.push(Frame::default());
                for p in params {
                    self.frames
                        .last_mut()
                        .expect("frame")
                        .locals
                        .insert(p.clone(), Val::default());
                }
                let v = self.expr(body);
                self.frames.pop();
                v.data()
            }
            FlowExpr::Op(parts) => {
                let vals: Vec<Val> = parts.iter().map(|p| self.expr(p)).collect();
                let mut v = Val::joined(&vals);
                v.mask = None;
                v.func = None;
                v.class = None;
                v
            }
        }
    }

    fn subscript(&mut self, base: Val, index: &'a FlowIndex, whole: &'a FlowExpr) -> Val {
        let range = match whole {
            FlowExpr::Subscript { range, .. } => range.clone(),
            _ => 0..0,
        };
        if let Some(elems) = &base.elems {
            if let FlowIndex::Expr(FlowExpr::Lit(Literal::Int(i))) = index {
                let at = if *i < 0 {
                    elems.len().checked_sub(i.unsigned_abs() as usize)
                } else {
                    Some(*i as usize)
                };
                if let Some(e) = at.and_then(|a| elems.get(a)) {
                    return e.clone();
                }
            }
        }
        let mut base = base;
        base.elems = None;
        base.func = None;
        if base.rows.is_empty() {
            let idx = self.index_val(index);
            base.join(&idx.data());
            return base;
        }
        let rows_index = match index {
            FlowIndex::Tuple(items) => items.first(),
            other => Some(other),
        };
        match rows_index {
            Some(FlowIndex::Slice { lower, upper }) => {
                if let Some(e) = lower {
                    self.expr(e);
                }
                if let Some(e) = upper {
                    self.expr(e);
                }
                // `[0:n]` is `[:n]`.
                let from_start =
                    lower.is_none() || matches!(lower, Some(FlowExpr::Lit(Literal::Int(0))));
                let side = match (!from_start, upper.is_some()) {
                    (false, true) => Side::Train,
                    (true, false) => Side::Test,
                    _ => return base,
                };
                let split = self.positional_split(&base, &range, true);
                self.side_of(&base, split, side)
            }
            Some(FlowIndex::Expr(e)) => {
                let idx = match e {
                    FlowExpr::Seq(items) => match items.first() {
                        Some(first) => {
                            for item in &items[1..] {
                                self.expr(item);
                            }
                            self.expr(first)
                        }
                        None => Val::default(),
                    },
                    other => self.expr(other),
                };
                if let Some((split, side)) = idx.fold {
                    return self.side_of(&base, split, side);
                }
                if let Some((subject, text, negated)) = &idx.mask {
                    return self.mask_side(&base, subject, text, *negated, &range);
                }
                // Column selection, labels, or rows chosen by a computed index:
                // the same rows. Statistics used only to choose rows do not count.
                base
            }
            _ => base,
        }
    }

    fn index_val(&mut self, index: &'a FlowIndex) -> Val {
        match index {
            FlowIndex::Expr(e) => self.expr(e),
            FlowIndex::Slice { lower, upper } => {
                let mut v = Val::default();
                for e in [lower, upper].into_iter().flatten() {
                    let x = self.expr(e);
                    v.join(&x);
                }
                v
            }
            FlowIndex::Tuple(items) => {
                let vals: Vec<Val> = items.iter().map(|i| self.index_val(i)).collect();
                Val::joined(&vals)
            }
        }
    }

    fn positional_split(&mut self, base: &Val, range: &Range<usize>, by_slice: bool) -> SplitId {
        let key: Vec<RowId> = base.rows.iter().copied().collect();
        if let Some(&s) = self.positional.get(&key) {
            // `data.head()` shown first, `data[:n]` later: the slice is the split.
            if by_slice && self.shown_only.remove(&s) {
                let place = self.place(range);
                self.split_at
                    .insert((place.clone(), SplitKind::Positional), s);
                self.splits[s].place = place;
            }
            return s;
        }
        let fresh = !self
            .split_at
            .contains_key(&(self.place(range), SplitKind::Positional));
        let s = self.new_split(SplitKind::Positional, range, base.rows.clone());
        if fresh && !by_slice {
            self.shown_only.insert(s);
        }
        self.positional.insert(key, s);
        s
    }

    fn mask_side(
        &mut self,
        base: &Val,
        subject: &str,
        text: &str,
        negated: bool,
        range: &Range<usize>,
    ) -> Val {
        let key = (
            base.rows.iter().copied().collect::<Vec<_>>(),
            subject.to_string(),
        );
        let (split, seen) = match self.masks.get(&key) {
            Some(entry) => entry.clone(),
            None => {
                let s = self.new_split(SplitKind::Mask, range, base.rows.clone());
                (s, Vec::new())
            }
        };
        let me = (text.to_string(), negated);
        let mut seen = seen;
        let side = match seen.iter().position(|m| *m == me) {
            Some(0) => Side::Train,
            Some(_) => Side::Test,
            None => {
                seen.push(me);
                if seen.len() == 1 {
                    Side::Train
                } else {
                    Side::Test
                }
            }
        };
        self.masks.insert(key, (split, seen));
        self.side_of(base, split, side)
    }

    // ---- calls

    fn call(&mut self, c: &'a FlowCall) -> Val {
        let args: Vec<Val> = c.args.iter().map(|a| self.expr(a)).collect();
        let kwargs: Vec<(Option<&'a str>, Val)> = c
            .keywords
            .iter()
            .map(|(k, v)| (k.as_deref(), self.expr(v)))
            .collect();
        let (receiver_expr, receiver) = match &c.func {
            FlowExpr::Attr(r, _) => {
                let v = self.expr(r);
                (Some(&**r), Some(v))
            }
            FlowExpr::Name(n) => {
                let v = self.lookup(n);
                if let Some(f) = v.func {
                    return self.call_user(f, None, &args, &kwargs, c);
                }
                if let Some(class) = v.class {
                    return self.instantiate(class, &args, &kwargs, c);
                }
                (None, None)
            }
            other => {
                let v = self.expr(other);
                (None, Some(v))
            }
        };
        match receiver {
            Some(recv) if !recv.module => self.method_call(c, receiver_expr, recv, args, kwargs),
            _ => self.function_call(c, args, kwargs),
        }
    }

    fn function_call(
        &mut self,
        c: &'a FlowCall,
        args: Vec<Val>,
        kwargs: Vec<(Option<&'a str>, Val)>,
    ) -> Val {
        let qualified_name = self.model.qualify(&c.callee);
        let qualified = qualified_name.as_str();
        let entry = api::lookup_qualified(&qualified_name);
        let kind = entry.and_then(|e| e.kind);
        let short = api::short_name(&qualified_name).to_string();
        let all: Vec<Val> = args
            .iter()
            .cloned()
            .chain(kwargs.iter().map(|(_, v)| v.clone()))
            .collect();
        if kr::SHAPE_FUNCTIONS.contains(&c.method.as_str()) && c.callee == c.method {
            return Val::default();
        }
        if kr::is_aggregation_function(qualified) {
            let data = Val::joined(&args);
            return self.statistic(&data, &c.range, OriginKind::Statistic, false);
        }
        if kr::RESAMPLING_FUNCTIONS.contains(&qualified) {
            let replace = !matches!(
                c.keyword("replace"),
                Some(FlowExpr::Lit(Literal::Bool(false)))
            );
            let origin = self.origin(&c.range, OriginKind::Resample);
            let outs: Vec<Val> = args
                .iter()
                .map(|a| {
                    let mut v = a.data();
                    if replace {
                        v.dup = Some((origin, a.rows.clone()));
                    }
                    v
                })
                .collect();
            return tuple_or_single(outs);
        }
        if kr::CONCATENATING_FUNCTIONS.contains(&qualified) {
            let by_columns = c.keyword("axis").is_some_and(is_column_axis);
            let parts: Vec<Val> = match args.first() {
                Some(first) if first.elems.is_some() && args.len() == 1 => {
                    first.elems.clone().unwrap_or_default()
                }
                _ => args.clone(),
            };
            return self.stack(&parts, &c.range, by_columns);
        }
        match kind {
            Some(ApiKind::Splitter) if kr::SPLIT_FUNCTIONS.contains(&short.as_str()) => {
                let data: Vec<&Val> = args.iter().filter(|a| !a.rows.is_empty()).collect();
                let inputs: BTreeSet<RowId> =
                    data.iter().flat_map(|a| a.rows.iter().copied()).collect();
                if inputs.is_empty() {
                    return Val::default();
                }
                let split = self.new_split(SplitKind::Function, &c.range, inputs);
                let mut outs = Vec::new();
                for a in &args {
                    self.check_split_input(a, split);
                    outs.push(self.side_of(a, split, Side::Train));
                    outs.push(self.side_of(a, split, Side::Test));
                }
                Val {
                    elems: Some(outs),
                    ..Val::default()
                }
            }
            Some(ApiKind::CrossValidation) => {
                let data = Val::joined(&args[1.min(args.len())..]);
                self.cross_validate(&data, &c.range);
                Val::default()
            }
            Some(ApiKind::Transformer) if kr::TRANSFORMER_FUNCTIONS.contains(&short.as_str()) => {
                let data = args.first().cloned().unwrap_or_default();
                if kr::learns_nothing(&short) {
                    return data.data();
                }
                self.statistic(&data, &c.range, OriginKind::Fit, true)
            }
            Some(
                ApiKind::Transformer
                | ApiKind::Estimator
                | ApiKind::Resampler
                | ApiKind::Search
                | ApiKind::Splitter,
            ) => Val {
                obj: Some(Obj {
                    kind,
                    learns_nothing: kr::learns_nothing(&short),
                    oversampler: kr::is_oversampler(&short),
                }),
                ..Val::default()
            },
            Some(ApiKind::Metric) => {
                let data = Val::joined(&all);
                self.evaluate(&data, &c.range);
                if let Some(found) = data.on_fit_rows {
                    self.eval_on_fit_rows(found, &c.range);
                }
                Val::default()
            }
            Some(ApiKind::Loader) => {
                let row = self.whole(format!("load:{}:{:?}", self.cell, c.range));
                Val {
                    rows: BTreeSet::from([row]),
                    ..Val::default()
                }
            }
            Some(ApiKind::Display | ApiKind::Plot | ApiKind::Saver | ApiKind::Setting) => {
                Val::default()
            }
            _ => {
                let mut v = Val::joined(&all);
                v.obj = None;
                v.mask = None;
                v.func = None;
                v.class = None;
                v
            }
        }
    }

    /// A statistic of `data`'s rows. `aligned`: the result has the same rows
    /// (`fit_transform`, `zscore`) rather than being a summary.
    fn statistic(
        &mut self,
        data: &Val,
        range: &Range<usize>,
        kind: OriginKind,
        aligned: bool,
    ) -> Val {
        let origin = self.origin(range, kind);
        let mut out = if aligned { data.data() } else { Val::default() };
        for (r, o) in &data.stats {
            out.stats.insert((*r, *o));
        }
        for r in &data.rows {
            out.stats.insert((*r, origin));
        }
        out
    }

    fn stack(&mut self, parts: &[Val], range: &Range<usize>, by_columns: bool) -> Val {
        let mut out = Val::joined(parts);
        out.obj = None;
        if by_columns {
            return out;
        }
        // Rows stacked with rows they already contain: copies.
        for (i, a) in parts.iter().enumerate() {
            for b in &parts[i + 1..] {
                let overlap = a.rows.iter().any(|ra| {
                    b.rows.iter().any(|rb| {
                        self.ancestors(*ra).contains(rb) || self.ancestors(*rb).contains(ra)
                    })
                });
                if overlap && out.dup.is_none() {
                    let origin = self.origin(range, OriginKind::Duplicate);
                    out.dup = Some((origin, a.rows.union(&b.rows).copied().collect()));
                }
            }
        }
        out
    }

    fn cross_validate(&mut self, data: &Val, range: &Range<usize>) {
        if data.rows.is_empty() {
            return;
        }
        let split = self.new_split(SplitKind::CrossValidation, range, data.rows.clone());
        self.check_split_input(data, split);
        self.fit_event(data, range);
    }

    fn fit_event(&mut self, data: &Val, range: &Range<usize>) {
        let place = self.place(range);
        if !self.fits.iter().any(|f| f.place == place) {
            self.fits.push(Event {
                place,
                rows: data.rows.clone(),
            });
        } else if let Some(f) = self.fits.iter_mut().find(|f| f.place == place) {
            f.rows.extend(data.rows.iter().copied());
        }
        let place = self.place(range);
        if let Some(l) = self.loops.last_mut() {
            if l.fit.is_none() {
                l.fit = Some(place);
            }
        }
        self.check(data);
    }

    fn evaluate(&mut self, data: &Val, range: &Range<usize>) {
        let place = self.place(range);
        let id = match self.evals.iter().position(|e| e.place == place) {
            Some(i) => {
                self.evals[i].rows.extend(data.rows.iter().copied());
                i
            }
            None => {
                self.evals.push(Event {
                    place,
                    rows: data.rows.clone(),
                });
                self.evals.len() - 1
            }
        };
        if let Some(l) = self.loops.last_mut() {
            if !l.evals.contains(&id) {
                l.evals.push(id);
            }
        }
    }

    fn method_call(
        &mut self,
        c: &'a FlowCall,
        receiver_expr: Option<&'a FlowExpr>,
        recv: Val,
        args: Vec<Val>,
        kwargs: Vec<(Option<&'a str>, Val)>,
    ) -> Val {
        let method = c.method.as_str();
        let root = receiver_expr.and_then(root_name);
        // The notebook's own class.
        if let Some(class) = recv.class {
            if let Some(&f) = self.classes[class].get(method) {
                return self.call_method(f, recv, root.as_deref(), &args, &kwargs, c);
            }
            let (fit, transform) = (
                self.classes[class].get("fit").copied(),
                self.classes[class].get("transform").copied(),
            );
            if let (Some(fit), Some(transform), "fit_transform") = (fit, transform, method) {
                self.call_method(fit, recv.clone(), root.as_deref(), &args, &kwargs, c);
                let recv = root.as_deref().map(|r| self.lookup(r)).unwrap_or(recv);
                return self.call_method(transform, recv, root.as_deref(), &args, &kwargs, c);
            }
        }
        let data = args.first().cloned().unwrap_or_default();
        let obj = recv.obj;
        let kind = obj.and_then(|o| o.kind);
        let inplace = matches!(
            c.keyword("inplace"),
            Some(FlowExpr::Lit(Literal::Bool(true)))
        );

        if api::method_has_tag(method, ApiTag::Fits) || method == "fit_predict" {
            return self.fit_call(c, method, recv, &args, root.as_deref());
        }
        if matches!(method, "transform" | "inverse_transform") && !recv.learned.is_empty() {
            let mut out = data.data();
            for (r, o) in &recv.learned {
                out.stats.insert((*r, *o));
            }
            return out;
        }
        if api::is_prediction_method(method) && obj.is_some() {
            let mut out = data.data();
            out.obj = None;
            let name = c.args.first().and_then(root_name);
            out.on_fit_rows = out
                .on_fit_rows
                .or_else(|| self.scored_on_fit_rows(&recv, &data, name.as_deref()));
            return out;
        }
        if method == "score" && !args.is_empty() && obj.is_some() {
            let xy = Val::joined(&args);
            self.evaluate(&xy, &c.range);
            let name = c.args.first().and_then(root_name);
            if let Some(found) = self.scored_on_fit_rows(&recv, &data, name.as_deref()) {
                self.eval_on_fit_rows(found, &c.range);
            }
            return Val::default();
        }
        if method == "split" && kind == Some(ApiKind::Splitter) {
            if data.rows.is_empty() {
                return Val::default();
            }
            let split = self.new_split(SplitKind::Folds, &c.range, data.rows.clone());
            self.check_split_input(&data, split);
            return Val {
                split_iter: Some(split),
                ..Val::default()
            };
        }
        if let Some(out) = self.data_method(c, &recv, &args, &kwargs, root.as_deref()) {
            return out;
        }
        // Anything else: the receiver's rows, with what the arguments carry.
        let mut out = if recv.obj.is_some() && recv.rows.is_empty() {
            // A method of a model or transformer the table does not describe
            // (`models.items()`, `pipe.set_params(…)`): the objects, with the data.
            let mut v = recv.clone();
            for a in &args {
                v.join(&a.data());
            }
            v
        } else {
            let mut v = recv.data();
            for a in args.iter().chain(kwargs.iter().map(|(_, v)| v)) {
                let d = a.data();
                for (r, o) in &d.stats {
                    v.stats.insert((*r, *o));
                }
                if v.dup.is_none() {
                    v.dup = d.dup;
                }
                if v.rows.is_empty() {
                    v.rows.extend(d.rows);
                }
            }
            v
        };
        out.elems = None;
        let mutates = inplace || knowledge::is_mutating_method(method);
        if mutates {
            if let Some(root) = &root {
                self.update(root, &out, method == "append" || method == "extend");
            }
        }
        out
    }

    /// `.fit`, `.fit_transform`, `.fit_resample`, `.fit_predict` and the like: what the
    /// object learns, the fit event, and the value the call returns.
    fn fit_call(
        &mut self,
        c: &'a FlowCall,
        method: &str,
        recv: Val,
        args: &[Val],
        root: Option<&str>,
    ) -> Val {
        let data = args.first().cloned().unwrap_or_default();
        let obj = recv.obj;
        let kind = obj.and_then(|o| o.kind);
        let transformer = matches!(kind, Some(ApiKind::Transformer))
            || (kind.is_none() && method == "fit_transform");
        if kind == Some(ApiKind::Resampler) || method == "fit_resample" || method == "fit_sample" {
            let origin = self.origin(&c.range, OriginKind::Resample);
            let oversampler = obj.is_some_and(|o| o.oversampler);
            let outs: Vec<Val> = args
                .iter()
                .map(|a| {
                    let mut v = a.data();
                    if oversampler {
                        v.dup = Some((origin, a.rows.clone()));
                    }
                    v
                })
                .collect();
            return tuple_or_single(outs);
        }
        if transformer || kind.is_none() {
            let learns = !obj.is_some_and(|o| o.learns_nothing);
            let mut learned = recv.clone();
            learned.learned.clear();
            if learns && !data.rows.is_empty() {
                let origin = self.origin(&c.range, OriginKind::Fit);
                for (r, o) in &data.stats {
                    learned.learned.insert((*r, *o));
                }
                for r in &data.rows {
                    learned.learned.insert((*r, origin));
                }
            }
            if let Some(root) = &root {
                // A refit replaces what the object learned.
                self.set_learned(root, learned.learned.clone());
            }
            if method == "fit_transform" || method == "fit_predict" && transformer {
                let mut out = data.data();
                for (r, o) in &learned.learned {
                    out.stats.insert((*r, *o));
                }
                return out;
            }
            if transformer {
                return learned;
            }
        }
        // A model (or an object of unknown kind) fitted on data.
        if kind == Some(ApiKind::Search) {
            let xy = Val::joined(args);
            self.cross_validate(&xy, &c.range);
        } else {
            self.fit_event(&data, &c.range);
        }
        if method == "fit_predict" {
            return data.data();
        }
        let mut out = recv;
        out.elems = None;
        if !transformer && !data.rows.is_empty() {
            let fitted = (
                self.origin(&c.range, OriginKind::ModelFit),
                data.rows.clone(),
            );
            if let Some(root) = &root {
                self.set_fitted(root, fitted.clone());
            }
            out.fitted = Some(fitted);
        }
        out
    }

    /// Methods of a frame or array that change which rows a value holds or what it
    /// carries: aggregations, masks, `head`/`tail`, `sample`, `drop`, concatenation,
    /// repetition. `None` for any other method.
    fn data_method(
        &mut self,
        c: &'a FlowCall,
        recv: &Val,
        args: &[Val],
        kwargs: &[(Option<&'a str>, Val)],
        root: Option<&str>,
    ) -> Option<Val> {
        let method = c.method.as_str();
        let inplace = matches!(
            c.keyword("inplace"),
            Some(FlowExpr::Lit(Literal::Bool(true)))
        );
        let by_columns = c.keyword("axis").is_some_and(is_column_axis);
        if kr::is_aggregation_method(method) && !by_columns && !recv.rows.is_empty() {
            let mut out = self.statistic(recv, &c.range, OriginKind::Statistic, false);
            for a in args {
                out.join(&a.data());
            }
            return Some(out);
        }
        if kr::AGGREGATING_WITH_NAME.contains(&method) {
            if let Some(FlowExpr::Lit(Literal::Str(f))) = c.args.first() {
                if kr::is_aggregation_method(f) && !recv.rows.is_empty() {
                    return Some(self.statistic(recv, &c.range, OriginKind::Statistic, true));
                }
            }
        }
        if kr::MASK_METHODS.contains(&method) {
            let subject = c.callee.receiver().to_string();
            let mut out = recv.data();
            out.stats.clear();
            out.mask = Some((subject, c.callee.to_string(), false));
            return Some(out);
        }
        if kr::HEAD_METHODS.contains(&method) || kr::TAIL_METHODS.contains(&method) {
            if recv.rows.is_empty() {
                return Some(recv.data());
            }
            let side = if kr::HEAD_METHODS.contains(&method) {
                Side::Train
            } else {
                Side::Test
            };
            let split = self.positional_split(recv, &c.range, false);
            return Some(self.side_of(&recv.data(), split, side));
        }
        if kr::SAMPLE_METHODS.contains(&method) && !recv.rows.is_empty() {
            let replace = matches!(
                c.keyword("replace"),
                Some(FlowExpr::Lit(Literal::Bool(true)))
            );
            let frac = match c.keyword("frac") {
                Some(FlowExpr::Lit(Literal::Float(f))) => Some(*f),
                Some(FlowExpr::Lit(Literal::Int(i))) => Some(*i as f64),
                _ => None,
            };
            if replace || frac.is_some_and(|f| f > 1.0) {
                let origin = self.origin(&c.range, OriginKind::Resample);
                let mut out = recv.data();
                out.dup = Some((origin, recv.rows.clone()));
                return Some(out);
            }
            if frac.is_some_and(|f| f >= 1.0) {
                return Some(recv.data());
            }
            let key: Vec<RowId> = recv.rows.iter().copied().collect();
            let split = match self.samples.get(&key) {
                Some(&s) => s,
                None => {
                    let s = self.new_split(SplitKind::Sample, &c.range, recv.rows.clone());
                    self.samples.insert(key, s);
                    s
                }
            };
            return Some(self.side_of(&recv.data(), split, Side::Train));
        }
        if kr::COMPLEMENT_METHODS.contains(&method) {
            let given = args
                .iter()
                .chain(kwargs.iter().map(|(_, v)| v))
                .flat_map(|a| a.rows.iter().copied())
                .collect::<Vec<_>>();
            for r in given {
                if let RowNode::Part(s, side) = self.nodes[r] {
                    if self.splits[s].inputs == recv.rows {
                        let other = match side {
                            Side::Train => Side::Test,
                            Side::Test => Side::Train,
                        };
                        return Some(self.side_of(&recv.data(), s, other));
                    }
                }
            }
            let out = recv.data();
            if inplace {
                if let Some(root) = &root {
                    self.update(root, &out, false);
                }
            }
            return Some(out);
        }
        if kr::CONCATENATING_METHODS.contains(&method) && !recv.rows.is_empty() {
            let mut parts = vec![recv.data()];
            parts.extend(args.iter().map(|a| a.data()));
            let out = self.stack(&parts, &c.range, false);
            return Some(out);
        }
        if kr::REPEATING_METHODS.contains(&method) && !recv.rows.is_empty() {
            let origin = self.origin(&c.range, OriginKind::Duplicate);
            let mut out = recv.data();
            out.dup = Some((origin, recv.rows.clone()));
            return Some(out);
        }
        None
    }

    fn call_user(
        &mut self,
        func: usize,
        this: Option<Val>,
        args: &[Val],
        kwargs: &[(Option<&'a str>, Val)],
        c: &'a FlowCall,
    ) -> Val {
        let fallback = || {
            let mut v = Val::joined(args);
            v.obj = None;
            v
        };
        if self.frames.len() >= MAX_CALL_DEPTH {
            return fallback();
        }
        let (params, body) = (self.funcs[func].params, self.funcs[func].body);
        let mut frame = Frame::default();
        let mut given = args.iter();
        let mut positional: Vec<&String> = Vec::new();
        for (i, p) in params.iter().enumerate() {
            let v = if i == 0 && this.is_some() {
                this.clone()
            } else {
                given.next().cloned()
            };
            let v = v.or_else(|| {
                kwargs
                    .iter()
                    .find(|(k, _)| *k == Some(p.as_str()))
                    .map(|(_, v)| v.clone())
            });
            frame.locals.insert(p.clone(), v.unwrap_or_default());
            positional.push(p);
        }
        self.frames.push(frame);
        let caller = std::mem::replace(&mut self.cell, self.funcs[func].cell);
        self.stmts(body);
        self.cell = caller;
        let frame = self.frames.pop().expect("frame");
        // Arguments changed in place (`df['x'] = …` on a parameter): back to the
        // caller's names.
        let offset = usize::from(this.is_some());
        for (i, arg) in c.args.iter().enumerate() {
            let Some(p) = params.get(i + offset) else {
                break;
            };
            if frame.rebound.contains(p) {
                continue;
            }
            if let (Some(root), Some(v)) = (root_name(arg), frame.locals.get(p)) {
                let v = v.clone();
                self.update(&root, &v, false);
            }
        }
        let mut ret = frame.ret;
        if this.is_some() {
            if let Some(p) = params.first() {
                if let Some(v) = frame.locals.get(p) {
                    // `self` as the method left it, for the caller to store back.
                    ret.learned.extend(v.learned.iter().map(|(a, b)| (*a, *b)));
                    self.last_self = Some(v.clone());
                }
            }
        }
        ret
    }

    fn call_method(
        &mut self,
        func: usize,
        recv: Val,
        root: Option<&str>,
        args: &[Val],
        kwargs: &[(Option<&'a str>, Val)],
        c: &'a FlowCall,
    ) -> Val {
        self.last_self = None;
        let ret = self.call_user(func, Some(recv), args, kwargs, c);
        if let (Some(root), Some(this)) = (root, self.last_self.take()) {
            let mut current = self.lookup(root);
            let class = current.class;
            current.join(&this);
            current.class = class.or(this.class);
            match self.frames.last_mut() {
                Some(frame) if frame.locals.contains_key(root) => {
                    frame.locals.insert(root.to_string(), current);
                }
                _ => {
                    self.globals.insert(root.to_string(), current);
                }
            }
        }
        ret
    }

    fn instantiate(
        &mut self,
        class: usize,
        args: &[Val],
        kwargs: &[(Option<&'a str>, Val)],
        c: &'a FlowCall,
    ) -> Val {
        let instance = Val {
            class: Some(class),
            obj: Some(Obj {
                kind: None,
                learns_nothing: false,
                oversampler: false,
            }),
            ..Val::default()
        };
        let Some(&init) = self.classes[class].get("__init__") else {
            return instance;
        };
        self.last_self = None;
        self.call_user(init, Some(instance.clone()), args, kwargs, c);
        match self.last_self.take() {
            Some(mut this) => {
                this.class = Some(class);
                this.obj = instance.obj;
                this
            }
            None => instance,
        }
    }

    /// A model applied to rows it was fitted on that the notebook takes for
    /// held-out rows: they were carved by a split out of the fitted rows and are
    /// its held-out side, or are named as held-out (`X_test = train.sample(200)`).
    /// Scoring the training rows under their own name is PA402's name check.
    fn scored_on_fit_rows(
        &self,
        model: &Val,
        data: &Val,
        name: Option<&str>,
    ) -> Option<(OriginId, SplitId)> {
        let (fit, fit_rows) = model.fitted.as_ref()?;
        if data.rows.is_empty() {
            return None;
        }
        let inside_fit = |r: &RowId| self.ancestors(*r).iter().any(|a| fit_rows.contains(a));
        if !data.rows.iter().all(inside_fit) {
            return None;
        }
        // `test` alone is usually a separate file; here its rows are the fit's.
        let named_held_out = name.is_some_and(|n| {
            crate::classifier::side_from_name(n) == Some(Side::Test)
                || matches!(n.to_ascii_lowercase().as_str(), "test" | "df_test")
        });
        data.rows.iter().find_map(|r| {
            self.lineage(*r).into_iter().find_map(|(split, side)| {
                let carved = self.splits[split].inputs.iter().any(inside_fit);
                (carved && (side == Side::Test || named_held_out)).then_some((*fit, split))
            })
        })
    }

    fn eval_on_fit_rows(&mut self, (fit, split): (OriginId, SplitId), range: &Range<usize>) {
        let place = self.place(range);
        self.candidates
            .insert((LeakKind::EvalOnFitRows, fit, split));
        self.fit_row_evals.entry((fit, split)).or_insert(place);
    }

    // ---- results

    fn held_out_scores(&self) -> BTreeSet<Place> {
        self.evals
            .iter()
            .filter(|e| {
                !e.rows.is_empty()
                    && e.rows
                        .iter()
                        .all(|r| self.lineage(*r).iter().any(|(_, side)| *side == Side::Test))
            })
            .map(|e| e.place.clone())
            .collect()
    }

    fn descends(&self, rows: &BTreeSet<RowId>, node: RowId) -> bool {
        rows.iter().any(|r| self.ancestors(*r).contains(&node))
    }

    fn real(&self, split: SplitId) -> bool {
        let s = &self.splits[split];
        match s.kind {
            SplitKind::Function | SplitKind::CrossValidation | SplitKind::Folds => true,
            SplitKind::Positional | SplitKind::Sample | SplitKind::Mask => {
                let both = s.bound[0] && s.bound[1];
                let fitted = [Side::Train, Side::Test].iter().any(|side| {
                    self.parts
                        .get(&(split, *side))
                        .is_some_and(|p| self.fits.iter().any(|f| self.descends(&f.rows, *p)))
                });
                both && fitted
            }
        }
    }

    fn path(&self, split: SplitId) -> (Option<Place>, Option<Place>) {
        let train = self.parts.get(&(split, Side::Train));
        let test = self.parts.get(&(split, Side::Test));
        let fit = train.and_then(|p| {
            self.fits
                .iter()
                .find(|f| self.descends(&f.rows, *p))
                .map(|f| f.place.clone())
        });
        let eval = test.and_then(|p| {
            self.evals
                .iter()
                .find(|e| self.descends(&e.rows, *p))
                .map(|e| e.place.clone())
        });
        (fit, eval)
    }

    fn finish(mut self) -> Vec<Leak> {
        // Multi-test: held-out rows scored inside a loop that fits models.
        let mut loop_fits: HashMap<OriginId, Place> = HashMap::new();
        for (&e, fit) in &self.selecting.clone() {
            let rows = self.evals[e].rows.clone();
            for (split, _) in rows
                .iter()
                .flat_map(|r| self.lineage(*r))
                .collect::<Vec<_>>()
            {
                let on_test = self
                    .parts
                    .get(&(split, Side::Test))
                    .is_some_and(|p| self.descends(&rows, *p));
                let kind = self.splits[split].kind;
                // A split of a training side is a validation split: choosing on
                // it is what it is for.
                let validation = self.splits[split].inputs.iter().any(|i| {
                    self.lineage(*i)
                        .iter()
                        .any(|(_, side)| *side == Side::Train)
                });
                if on_test
                    && !validation
                    && !self.splits[split].in_loop
                    && matches!(
                        kind,
                        SplitKind::Function | SplitKind::Positional | SplitKind::Sample
                    )
                {
                    let place = self.evals[e].place.clone();
                    let range = place.range.clone();
                    let cell = self.cell;
                    self.cell = place.cell;
                    let origin = self.origin(&range, OriginKind::Selection);
                    self.cell = cell;
                    self.candidates.insert((LeakKind::MultiTest, origin, split));
                    loop_fits.insert(origin, fit.clone());
                }
            }
        }
        let mut out = Vec::new();
        for &(kind, origin, split) in &self.candidates {
            if kind == LeakKind::EvalOnFitRows {
                out.push(self.eval_on_fit_rows_leak(origin, split));
                continue;
            }
            if !self.real(split) {
                continue;
            }
            let (fit, eval) = self.path(split);
            let fit = match kind {
                LeakKind::MultiTest => loop_fits.get(&origin).cloned().or(fit),
                _ => fit,
            };
            let o = &self.origins[origin];
            let s = &self.splits[split];
            // A statistic computed after the split that made it cannot be "before".
            out.push(Leak {
                kind,
                origin: o.place.clone(),
                origin_kind: o.kind,
                split: s.place.clone(),
                split_kind: s.kind,
                fit,
                eval: if kind == LeakKind::MultiTest {
                    Some(o.place.clone())
                } else {
                    eval
                },
                also: Vec::new(),
            });
        }
        out
    }
}

impl Interp<'_> {
    fn eval_on_fit_rows_leak(&self, fit: OriginId, split: SplitId) -> Leak {
        let o = &self.origins[fit];
        let s = &self.splits[split];
        Leak {
            kind: LeakKind::EvalOnFitRows,
            origin: o.place.clone(),
            origin_kind: o.kind,
            split: s.place.clone(),
            split_kind: s.kind,
            fit: Some(o.place.clone()),
            eval: self.fit_row_evals.get(&(fit, split)).cloned(),
            also: Vec::new(),
        }
    }
}

fn join_env(into: &mut HashMap<String, Val>, from: HashMap<String, Val>) {
    for (k, v) in from {
        match into.get_mut(&k) {
            Some(existing) => {
                let elems = existing.elems.take();
                existing.join(&v);
                existing.elems = elems.or(v.elems);
            }
            None => {
                into.insert(k, v);
            }
        }
    }
}

fn tuple_or_single(mut outs: Vec<Val>) -> Val {
    if outs.len() == 1 {
        return outs.pop().unwrap_or_default();
    }
    let mut v = Val::joined(&outs);
    v.elems = Some(outs);
    v
}

fn is_column_axis(e: &FlowExpr) -> bool {
    matches!(e, FlowExpr::Lit(Literal::Int(1)))
        || matches!(e, FlowExpr::Lit(Literal::Str(s)) if s == "columns")
}

fn root_name(e: &FlowExpr) -> Option<String> {
    match e {
        FlowExpr::Name(n) => Some(n.clone()),
        FlowExpr::Attr(v, _) => root_name(v),
        FlowExpr::Subscript { value, .. } => root_name(value),
        _ => None,
    }
}
