//! # PA407 label-in-features
//!
//! ## What it does
//! Reports a model fitted or cross-validated on features that still hold the
//! label: `model.fit(X, y)` (or `X_train` of `train_test_split(data, answer)`,
//! fitted without dropping it) where `y` is a
//! column of a frame (`y = df['Survived']`, `df.Survived`, `df.pop(…)` excepted)
//! and the features are that frame with the column still in it (`X = df`,
//! `df.drop(columns=['Name'])`, `df.fillna(0)`, `pd.get_dummies(df)`,
//! `df[['Age', 'Survived']]`). It also reports features that hold a column
//! computed from the label, such as a target encoding
//! (`df['enc'] = df.groupby('city')['Survived'].transform('mean')`) made over all
//! the rows, or the column a transformed label was computed from
//! (`y = df['log_price']` next to `price`).
//!
//! Columns are followed through assignments, `drop` (also `inplace=True`), `del`,
//! `pop`, column selections with literal lists and methods that keep the columns
//! (the list is in `knowledge::rows`). A frame changed in a way the rule cannot
//! follow (a loop, a function, a computed column list) is not judged.
//!
//! ## Why is this bad?
//! The model is given the answer among its inputs. It scores perfectly on the
//! held-out split and fails on new rows, which do not come with their label. A
//! target encoding over all the rows leaks each held-out row's own label into its
//! features in the same way.
//!
//! ## Example
//! ```python
//! y = df["Survived"]
//! X = df.drop(columns=["Name", "Ticket"])
//! X_train, X_test, y_train, y_test = train_test_split(X, y)
//! ```
//!
//! ## Fix
//! ```python
//! y = df["Survived"]
//! X = df.drop(columns=["Survived", "Name", "Ticket"])
//! X_train, X_test, y_train, y_test = train_test_split(X, y)
//! ```
//! Compute a target encoding inside the training step, from the training rows
//! only (for example scikit-learn's `TargetEncoder` in a `Pipeline`).
//!
//! ## Known problems
//! Columns chosen by position (`df.iloc[:, :-1]`) or by a computed list are not
//! followed, so such features are never reported.
//!
//! ## Pattern
//! The domain model (Cosmic Python ch. 1) names features and label apart: a
//! `split_features_label(df, label)` function that drops the label in one place,
//! and a service-layer `train_model` that only ever gets the features.

use super::helpers::{finding, line_text, lines, snippet, span};
use super::{Context, Rule};
use crate::finding::{Finding, Related};
use crate::knowledge::api::{self, ApiKind, ApiTag};
use crate::knowledge::rows as kr;
use crate::msg;
use crate::syntax::flow::{FlowCall, FlowExpr, FlowIndex, FlowStmt, FlowTarget};
use crate::syntax::Literal;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut scan = Scan::new(ctx);
    for cell in &ctx.model.cells {
        scan.cell = cell.index;
        for stmt in &cell.statements {
            scan.stmt_range = stmt.facts.range.clone();
            scan.stmt(&stmt.facts.flow);
        }
    }
    scan.problems
        .iter()
        .map(|p| problem_finding(ctx, rule, p))
        .collect()
}

/// A byte range in one cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Place {
    cell: usize,
    range: Range<usize>,
}

/// What the rule knows about a value.
#[derive(Debug, Clone)]
enum Value {
    Frame(Frame),
    /// One column of a frame, and where it was taken.
    Column {
        frame: usize,
        name: String,
        at: Place,
    },
    /// A literal list of column names (`features = ['Age', 'Fare']`).
    Names(BTreeSet<String>),
}

/// A frame: its identity (one per binding the rule cannot follow) and which of
/// its columns are known to be gone or kept.
#[derive(Debug, Clone)]
struct Frame {
    id: usize,
    /// Loaded by a known loader (or derived from such a frame): its attributes
    /// are columns (`df.Survived`). Any other value's attributes are not.
    loaded: bool,
    dropped: BTreeSet<String>,
    selected: Option<BTreeSet<String>>,
}

impl Frame {
    fn has(&self, column: &str) -> bool {
        !self.dropped.contains(column) && self.selected.as_ref().is_none_or(|s| s.contains(column))
    }
}

/// A column computed from another column of the same frame.
#[derive(Debug, Clone)]
struct Derived {
    frame: usize,
    column: String,
    from: String,
    at: Place,
}

struct Problem {
    /// The call given the features.
    at: Place,
    /// The features' label column (or a column computed from the label).
    column: String,
    label: String,
    label_at: Place,
    derived_at: Option<Place>,
}

struct Scan<'a> {
    ctx: &'a Context<'a>,
    cell: usize,
    /// The statement being read (where an attribute column is taken).
    stmt_range: Range<usize>,
    env: HashMap<String, Value>,
    next_id: usize,
    derived: Vec<Derived>,
    problems: Vec<Problem>,
    reported: HashSet<(usize, String)>,
}

impl<'a> Scan<'a> {
    fn new(ctx: &'a Context<'a>) -> Scan<'a> {
        Scan {
            ctx,
            cell: 0,
            stmt_range: 0..0,
            env: HashMap::new(),
            next_id: 0,
            derived: Vec::new(),
            problems: Vec::new(),
            reported: HashSet::new(),
        }
    }

    fn place(&self, range: &Range<usize>) -> Place {
        Place {
            cell: self.cell,
            range: range.clone(),
        }
    }

    fn fresh(&mut self) -> Frame {
        self.next_id += 1;
        Frame {
            id: self.next_id,
            loaded: false,
            dropped: BTreeSet::new(),
            selected: None,
        }
    }

    fn stmt(&mut self, stmt: &FlowStmt) {
        match stmt {
            FlowStmt::Assign { targets, value } => {
                let v = self.expr(value);
                for t in targets {
                    self.assign(t, v.clone(), value);
                }
            }
            FlowStmt::Expr(e) => {
                self.expr(e);
            }
            FlowStmt::Block(stmts) => stmts.iter().for_each(|s| self.stmt(s)),
            FlowStmt::Delete(targets) => {
                for t in targets {
                    if let FlowTarget::Part {
                        root,
                        key: Some(key),
                    } = t
                    {
                        self.drop_columns(root, [key.clone()].into());
                    }
                }
            }
            FlowStmt::For { body, orelse, .. } | FlowStmt::While { body, orelse, .. } => {
                self.opaque(&[body.as_slice(), orelse.as_slice()]);
            }
            FlowStmt::Branches(alternatives) => {
                let parts: Vec<&[FlowStmt]> = alternatives.iter().map(Vec::as_slice).collect();
                self.opaque(&parts);
            }
            FlowStmt::AugAssign { target, .. } => self.forget_target(target),
            FlowStmt::Def { name, .. } | FlowStmt::Class { name, .. } => {
                self.env.remove(name);
            }
            FlowStmt::Return(_) | FlowStmt::Global(_) | FlowStmt::Other(_) => {}
        }
    }

    /// Loops and branches: their uses are judged with what is known before
    /// them; whatever they bind or change is forgotten afterwards.
    fn opaque(&mut self, bodies: &[&[FlowStmt]]) {
        let before = self.env.clone();
        let mut touched = HashSet::new();
        for body in bodies {
            for s in *body {
                touched_names(s, &mut touched);
                self.stmt(s);
            }
            self.env.clone_from(&before);
        }
        for name in touched {
            self.env.remove(&name);
        }
    }

    fn forget_target(&mut self, target: &FlowTarget) {
        let mut names = HashSet::new();
        target_names(target, &mut names);
        for n in names {
            self.env.remove(&n);
        }
    }

    fn assign(&mut self, target: &FlowTarget, value: Option<Value>, expr: &FlowExpr) {
        match target {
            FlowTarget::Name(n) => match value {
                Some(v) => {
                    self.env.insert(n.clone(), v);
                }
                None => {
                    self.env.remove(n);
                }
            },
            FlowTarget::Seq(items) => {
                let parts = split_outputs(expr, items.len(), value.as_ref(), self);
                for (t, v) in items.iter().zip(parts) {
                    self.assign(t, v, &FlowExpr::Op(Vec::new()));
                }
            }
            FlowTarget::Part { root, key } => self.store_column(root, key.as_deref(), expr),
            FlowTarget::Star(t) => self.forget_target(t),
            FlowTarget::Other => {}
        }
    }

    /// `df['enc'] = …`: remember a column computed from another column of `df`.
    fn store_column(&mut self, root: &str, key: Option<&str>, expr: &FlowExpr) {
        let Some(Value::Frame(frame)) = self.lookup(root) else {
            return;
        };
        let Some(key) = key else {
            return;
        };
        let mut read = Vec::new();
        columns_read(expr, root, &mut read);
        for (from, range) in read {
            if from != key {
                let at = self.place(&range);
                self.derived.push(Derived {
                    frame: frame.id,
                    column: key.to_string(),
                    from,
                    at,
                });
            }
        }
        // A column stored again is there, whatever was dropped before.
        if let Some(Value::Frame(f)) = self.env.get_mut(root) {
            f.dropped.remove(key);
        }
    }

    fn lookup(&mut self, name: &str) -> Option<Value> {
        if let Some(v) = self.env.get(name) {
            return Some(v.clone());
        }
        if self.ctx.model.aliases.contains_key(name) {
            return None;
        }
        let frame = Value::Frame(self.fresh());
        self.env.insert(name.to_string(), frame.clone());
        Some(frame)
    }

    fn drop_columns(&mut self, root: &str, columns: BTreeSet<String>) {
        if let Some(Value::Frame(mut f)) = self.lookup(root) {
            f.dropped.extend(columns);
            self.env.insert(root.to_string(), Value::Frame(f));
        }
    }

    fn expr(&mut self, expr: &FlowExpr) -> Option<Value> {
        match expr {
            FlowExpr::Name(n) => self.lookup(n),
            FlowExpr::Lit(Literal::Str(s)) => Some(Value::Names([s.clone()].into())),
            FlowExpr::Seq(items) => {
                // `['Age', TARGET]`: names known only when every item is one.
                let values: Vec<Option<Value>> = items.iter().map(|i| self.expr(i)).collect();
                let mut names = BTreeSet::new();
                for v in values {
                    names.extend(v.and_then(self::names)?);
                }
                Some(Value::Names(names))
            }
            FlowExpr::Attr(value, attr) => {
                let base = self.expr(value)?;
                attribute(base, attr, self.place(&self.stmt_range))
            }
            FlowExpr::Subscript {
                value,
                index,
                range,
            } => {
                let base = self.expr(value);
                let index_value = match &**index {
                    FlowIndex::Expr(e) => self.expr(e),
                    _ => None,
                };
                let Some(Value::Frame(frame)) = base else {
                    return None;
                };
                self.subscript(frame, index_value, range)
            }
            FlowExpr::Call(call) => self.call(call),
            FlowExpr::Compare { parts, .. } | FlowExpr::Op(parts) => {
                parts.iter().for_each(|p| {
                    self.expr(p);
                });
                None
            }
            FlowExpr::Invert(e) => {
                self.expr(e);
                None
            }
            FlowExpr::Lit(_) | FlowExpr::Lambda { .. } => None,
        }
    }

    fn subscript(
        &mut self,
        frame: Frame,
        index: Option<Value>,
        range: &Range<usize>,
    ) -> Option<Value> {
        match index? {
            Value::Names(names) if names.len() == 1 => {
                let name = names.into_iter().next()?;
                frame.has(&name).then(|| Value::Column {
                    frame: frame.id,
                    name,
                    at: self.place(range),
                })
            }
            Value::Names(names) => Some(Value::Frame(Frame {
                selected: Some(names),
                ..frame
            })),
            _ => None,
        }
    }

    fn call(&mut self, call: &FlowCall) -> Option<Value> {
        let args: Vec<Option<Value>> = call.args.iter().map(|a| self.expr(a)).collect();
        let keywords: Vec<(Option<&str>, Option<Value>)> = call
            .keywords
            .iter()
            .map(|(k, v)| (k.as_deref(), self.expr(v)))
            .collect();
        let keyword = |name: &str| {
            keywords
                .iter()
                .find(|(k, _)| *k == Some(name))
                .and_then(|(_, v)| v.clone())
        };
        self.judge_use(call, &args, &keyword);
        match &call.func {
            FlowExpr::Attr(receiver, method) if !self.module_call(call) => {
                let root = match &**receiver {
                    FlowExpr::Name(n) => Some(n.as_str()),
                    _ => None,
                };
                let recv = self.expr(receiver);
                self.method(call, method, root, recv, &args, &keyword)
            }
            _ => {
                let qualified = self.ctx.model.qualify(&call.callee);
                if kr::COLUMN_KEEPING_FUNCTIONS.contains(&qualified.as_str()) {
                    return args.into_iter().next().flatten();
                }
                let kind = api::lookup_qualified(&qualified).and_then(|e| e.kind);
                (kind == Some(ApiKind::Loader)).then(|| {
                    Value::Frame(Frame {
                        loaded: true,
                        ..self.fresh()
                    })
                })
            }
        }
    }

    fn method(
        &mut self,
        call: &FlowCall,
        method: &str,
        root: Option<&str>,
        recv: Option<Value>,
        args: &[Option<Value>],
        keyword: &dyn Fn(&str) -> Option<Value>,
    ) -> Option<Value> {
        let Some(Value::Frame(frame)) = recv else {
            if let (Some(root), Some(Value::Names(_))) = (root, &recv) {
                self.env.remove(root); // `features.remove('y')`: no longer known
            }
            return recv.and_then(|v| match v {
                Value::Column { .. } if kr::COLUMN_KEEPING_METHODS.contains(&method) => Some(v),
                _ => None,
            });
        };
        let inplace = matches!(
            call.keyword("inplace"),
            Some(FlowExpr::Lit(Literal::Bool(true)))
        );
        let result = match method {
            "drop" => dropped_columns(call, args, keyword).map(|cols| {
                let mut f = frame.clone();
                f.dropped.extend(cols);
                Value::Frame(f)
            }),
            "pop" => {
                let name = args.first().cloned().flatten().and_then(single_name);
                if let (Some(root), Some(name)) = (root, &name) {
                    self.drop_columns(root, [name.clone()].into());
                }
                return name.map(|name| Value::Column {
                    frame: frame.id,
                    name,
                    at: self.place(&call.range),
                });
            }
            m if kr::COLUMN_KEEPING_METHODS.contains(&m) => Some(Value::Frame(frame.clone())),
            _ => None,
        };
        if inplace {
            if let Some(root) = root {
                match &result {
                    Some(v) => self.env.insert(root.to_string(), v.clone()),
                    None => self.env.remove(root),
                };
            }
            return None;
        }
        result
    }

    /// A call given features and a label: a fit or cross-validation.
    fn judge_use(
        &mut self,
        call: &FlowCall,
        args: &[Option<Value>],
        keyword: &dyn Fn(&str) -> Option<Value>,
    ) {
        let Some((features, label)) = self.features_and_label(call, args, keyword) else {
            return;
        };
        let (
            Some(Value::Frame(frame)),
            Some(Value::Column {
                frame: id,
                name,
                at,
            }),
        ) = (features, label)
        else {
            return;
        };
        if frame.id != id {
            return;
        }
        let family = self.label_family(id, &name);
        let Some((column, derived_at)) = family.into_iter().find(|(c, _)| frame.has(c)) else {
            return;
        };
        if !self.reported.insert((id, name.clone())) {
            return;
        }
        self.problems.push(Problem {
            at: self.place(&call.range),
            column,
            label: name,
            label_at: at,
            derived_at,
        });
    }

    fn features_and_label(
        &self,
        call: &FlowCall,
        args: &[Option<Value>],
        keyword: &dyn Fn(&str) -> Option<Value>,
    ) -> Option<(Option<Value>, Option<Value>)> {
        let is_method = matches!(call.func, FlowExpr::Attr(..)) && !self.module_call(call);
        let kind = if is_method {
            None
        } else {
            let qualified = self.ctx.model.qualify(&call.callee);
            api::lookup_qualified(&qualified).and_then(|e| e.kind)
        };
        let positional = |i: usize| args.get(i).cloned().flatten();
        // A split only passes the columns on (they may be dropped after it); the
        // fit or cross-validation that gets them is judged.
        match kind {
            Some(ApiKind::CrossValidation) => Some((
                positional(1).or_else(|| keyword("X")),
                positional(2).or_else(|| keyword("y")),
            )),
            _ if is_method && api::method_has_tag(&call.method, ApiTag::Fits) => {
                Some((positional(0), positional(1).or_else(|| keyword("y"))))
            }
            _ => None,
        }
    }

    /// `pd.get_dummies(…)`: a function reached through a module alias.
    fn module_call(&self, call: &FlowCall) -> bool {
        match &call.func {
            FlowExpr::Attr(receiver, _) => {
                let mut root = &**receiver;
                while let FlowExpr::Attr(inner, _) = root {
                    root = inner;
                }
                matches!(root, FlowExpr::Name(n) if self.ctx.model.aliases.contains_key(n))
            }
            _ => false,
        }
    }

    /// The label and the columns tied to it: computed from it (a target
    /// encoding) or the column it was computed from.
    fn label_family(&self, frame: usize, label: &str) -> Vec<(String, Option<Place>)> {
        let mut out = vec![(label.to_string(), None)];
        for d in self.derived.iter().filter(|d| d.frame == frame) {
            if d.from == label {
                out.push((d.column.clone(), Some(d.at.clone())));
            } else if d.column == label {
                out.push((d.from.clone(), Some(d.at.clone())));
            }
        }
        out
    }
}

/// `X_train, X_test, y_train, y_test = train_test_split(X, y)`: each input's two
/// sides; other unpackings are not followed.
fn split_outputs(
    expr: &FlowExpr,
    n: usize,
    _value: Option<&Value>,
    scan: &mut Scan,
) -> Vec<Option<Value>> {
    let FlowExpr::Call(call) = expr else {
        return vec![None; n];
    };
    let qualified = scan.ctx.model.qualify(&call.callee);
    let splitter =
        api::lookup_qualified(&qualified).and_then(|e| e.kind) == Some(ApiKind::Splitter);
    if !splitter || call.args.len() * 2 != n {
        return vec![None; n];
    }
    // The inputs were evaluated (and judged) once already; look them up quietly.
    let inputs: Vec<Option<Value>> = call.args.iter().map(|a| quiet_value(a, scan)).collect();
    inputs.into_iter().flat_map(|v| [v.clone(), v]).collect()
}

/// A split's input again, without judging its calls a second time.
fn quiet_value(expr: &FlowExpr, scan: &mut Scan) -> Option<Value> {
    let problems = scan.problems.len();
    let reported = scan.reported.clone();
    let v = scan.expr(expr);
    scan.problems.truncate(problems);
    scan.reported = reported;
    v
}

fn attribute(base: Value, attr: &str, at: Place) -> Option<Value> {
    match base {
        Value::Frame(frame) if kr::COLUMN_KEEPING_METHODS.contains(&attr) || attr == "values" => {
            Some(Value::Frame(frame))
        }
        Value::Frame(frame) if frame.loaded && !kr::FRAME_ATTRIBUTES.contains(&attr) => {
            frame.has(attr).then(|| Value::Column {
                frame: frame.id,
                name: attr.to_string(),
                at,
            })
        }
        column @ Value::Column { .. } if attr == "values" => Some(column),
        _ => None,
    }
}

/// The columns `drop` removes: `columns=[…]`, or labels with `axis=1`.
fn dropped_columns(
    call: &FlowCall,
    args: &[Option<Value>],
    keyword: &dyn Fn(&str) -> Option<Value>,
) -> Option<BTreeSet<String>> {
    if call.keyword("columns").is_some() {
        return keyword("columns").and_then(names);
    }
    let by_columns = call.keyword("axis").is_some_and(|a| {
        matches!(a, FlowExpr::Lit(Literal::Int(1)))
            || matches!(a, FlowExpr::Lit(Literal::Str(s)) if s == "columns")
    }) || matches!(call.args.get(1), Some(FlowExpr::Lit(Literal::Int(1))));
    if !by_columns {
        // Rows dropped: the columns stay.
        return Some(BTreeSet::new());
    }
    names(
        args.first()
            .cloned()
            .flatten()
            .or_else(|| keyword("labels"))?,
    )
}

fn names(v: Value) -> Option<BTreeSet<String>> {
    match v {
        Value::Names(n) => Some(n),
        _ => None,
    }
}

fn single_name(v: Value) -> Option<String> {
    match v {
        Value::Names(n) if n.len() == 1 => n.into_iter().next(),
        _ => None,
    }
}

/// Columns of `root` read by string subscripts in `expr`, with where.
fn columns_read(expr: &FlowExpr, root: &str, out: &mut Vec<(String, Range<usize>)>) {
    match expr {
        FlowExpr::Subscript {
            value,
            index,
            range,
        } => {
            if let FlowIndex::Expr(FlowExpr::Lit(Literal::Str(col))) = &**index {
                if rooted_at(value, root) {
                    out.push((col.clone(), range.clone()));
                }
            }
            columns_read(value, root, out);
        }
        FlowExpr::Attr(v, _) | FlowExpr::Invert(v) => columns_read(v, root, out),
        FlowExpr::Call(c) => {
            columns_read(&c.func, root, out);
            c.args.iter().for_each(|a| columns_read(a, root, out));
            c.keywords
                .iter()
                .for_each(|(_, a)| columns_read(a, root, out));
        }
        FlowExpr::Seq(items) | FlowExpr::Op(items) | FlowExpr::Compare { parts: items, .. } => {
            items.iter().for_each(|a| columns_read(a, root, out));
        }
        FlowExpr::Lambda { body, .. } => columns_read(body, root, out),
        FlowExpr::Name(_) | FlowExpr::Lit(_) => {}
    }
}

/// `df`, `df.groupby('city')`, `df[mask]`: an expression over the frame `root`.
fn rooted_at(expr: &FlowExpr, root: &str) -> bool {
    match expr {
        FlowExpr::Name(n) => n == root,
        FlowExpr::Attr(v, _) => rooted_at(v, root),
        FlowExpr::Subscript { value, .. } => rooted_at(value, root),
        FlowExpr::Call(c) => match &c.func {
            FlowExpr::Attr(v, _) => rooted_at(v, root),
            _ => false,
        },
        _ => false,
    }
}

fn touched_names(stmt: &FlowStmt, out: &mut HashSet<String>) {
    match stmt {
        FlowStmt::Assign { targets, value } => {
            targets.iter().for_each(|t| target_names(t, out));
            call_roots(value, out);
        }
        FlowStmt::AugAssign { target, value } => {
            target_names(target, out);
            call_roots(value, out);
        }
        FlowStmt::Expr(e) => call_roots(e, out),
        FlowStmt::For {
            target,
            iter,
            body,
            orelse,
        } => {
            target_names(target, out);
            call_roots(iter, out);
            body.iter()
                .chain(orelse)
                .for_each(|s| touched_names(s, out));
        }
        FlowStmt::While { body, orelse, .. } => {
            body.iter()
                .chain(orelse)
                .for_each(|s| touched_names(s, out));
        }
        FlowStmt::Branches(alternatives) => alternatives
            .iter()
            .flatten()
            .for_each(|s| touched_names(s, out)),
        FlowStmt::Block(stmts) => stmts.iter().for_each(|s| touched_names(s, out)),
        FlowStmt::Delete(targets) => targets.iter().for_each(|t| target_names(t, out)),
        FlowStmt::Def { name, .. } | FlowStmt::Class { name, .. } => {
            out.insert(name.clone());
        }
        FlowStmt::Return(_) | FlowStmt::Global(_) | FlowStmt::Other(_) => {}
    }
}

fn target_names(target: &FlowTarget, out: &mut HashSet<String>) {
    match target {
        FlowTarget::Name(n) => {
            out.insert(n.clone());
        }
        FlowTarget::Seq(items) => items.iter().for_each(|t| target_names(t, out)),
        FlowTarget::Star(t) => target_names(t, out),
        FlowTarget::Part { root, .. } => {
            out.insert(root.clone());
        }
        FlowTarget::Other => {}
    }
}

/// Names whose methods are called (`df.drop(…, inplace=True)` in a loop).
fn call_roots(expr: &FlowExpr, out: &mut HashSet<String>) {
    if let FlowExpr::Call(c) = expr {
        if let FlowExpr::Attr(v, _) = &c.func {
            if let FlowExpr::Name(n) = &**v {
                out.insert(n.clone());
            }
        }
    }
}

fn problem_finding(ctx: &Context, rule: &Rule, p: &Problem) -> Finding {
    let what = snippet(ctx, p.at.cell, p.at.range.clone());
    let label_cell = p.label_at.cell;
    let label_lines = line_text(lines(ctx, label_cell, p.label_at.range.clone()));
    let message = if p.column == p.label {
        msg!(
            "pa407-label-column",
            code = what.as_str(),
            label = p.label.as_str(),
            cell = label_cell,
            lines = label_lines
        )
    } else {
        msg!(
            "pa407-derived-column",
            code = what.as_str(),
            column = p.column.as_str(),
            label = p.label.as_str(),
            cell = label_cell,
            lines = label_lines
        )
    };
    let mut f = finding(ctx, rule, p.at.cell, p.at.range.clone())
        .message(message)
        .suggestion(msg!("pa407-fix", column = p.column.as_str()));
    let mut related = vec![(&p.label_at, msg!("pa407-related-label"))];
    if let Some(d) = &p.derived_at {
        related.push((d, msg!("pa407-related-derived")));
    }
    f.related = related
        .into_iter()
        .map(|(place, message)| Related {
            cell: place.cell,
            span: span(ctx, place.cell, place.range.clone()),
            message,
        })
        .collect();
    f
}
