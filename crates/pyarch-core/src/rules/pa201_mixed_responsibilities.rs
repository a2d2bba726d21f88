//! # PA201 mixed-responsibilities
//!
//! ## What it does
//! Reports a code cell whose statements do the work of three or more responsibility
//! groups: I/O (load, persist), transformation (clean, feature), modelling (split,
//! train, tune, predict), evaluation and visualisation. Each statement's group comes
//! from its role (see `cells[].roles`). Statements that only print, show or
//! configure something do not count, nor do calls to functions the notebook
//! defines (a cell that calls `load()`, `clean()` and `train()` in turn is an
//! entrypoint, which is fine). The finding lists the lines of each group and says
//! what each part becomes.
//!
//! Not in the default set: it is a layout hint for the export; 0 of 6 sampled
//! findings on held-out notebooks were worth attention and 3 were wrong. `--select
//! PA201` reports it.
//!
//! Literal collections (a hyperparameter grid, a column list) are configuration,
//! building an estimator or transformer (to fit it, or to put it in a `Pipeline`)
//! belongs to the step that fits it, and `df.show()` on a Spark frame is a
//! display: none of them counts as a responsibility.
//!
//! ## Why is this bad?
//! A cell that loads, cleans, trains, scores and plots cannot be re-run, tested or
//! reused in parts: changing the plot means re-reading the data and re-training the
//! model. It is also where notebooks hide their coupling: the plotting code reads
//! the model's internals, the training code the loader's column names.
//!
//! ## Example
//! ```python
//! df = pd.read_csv(DATA_DIR + 'train.csv')          # I/O
//! df = df.dropna(subset=['Embarked'])                # transformation
//! model = RandomForestClassifier().fit(X_tr, y_tr)   # modelling
//! print(accuracy_score(y_val, model.predict(X_val))) # evaluation
//! df.groupby('Pclass')['Survived'].mean().plot()     # visualisation
//! ```
//!
//! ## Fix
//! ```python
//! # adapters/repository.py
//! class CsvPassengerRepository:
//!     def load(self) -> pd.DataFrame: ...
//! # domain/features.py
//! def clean(frame: pd.DataFrame) -> pd.DataFrame: ...
//! # service_layer/services.py
//! def train_model(repo, params) -> Model: ...
//! def evaluate_model(model, X_val, y_val) -> dict: ...
//! # notebooks/exploration.py: the plots
//! ```
//!
//! ## Pattern
//! Layers: Repository for I/O (Cosmic Python ch. 2), domain functions for the
//! transformations (ch. 1), a Service Layer for the train/evaluate use cases (ch. 4);
//! plots stay in exploration code outside the package.

use super::helpers::{code_range, finding, line_text, lines};
use super::{Context, Rule};
use crate::classifier::StmtInfo;
use crate::finding::Finding;
use crate::i18n::{Arg, Join, Message};
use crate::knowledge::api::ApiKind;
use crate::model::Statement;
use crate::msg;
use crate::role::{Group, Role};
use std::collections::BTreeMap;

/// The roles seen in a group and its line ranges.
type GroupLines = (Vec<Role>, Vec<(u32, u32)>);

/// Groups a cell may mix before it is reported.
pub const MAX_GROUPS: usize = 2;

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for cell in &ctx.model.cells {
        let infos = ctx.roles.statement_infos(cell.index);
        // group → (roles seen, line ranges)
        let mut groups: BTreeMap<Group, GroupLines> = BTreeMap::new();
        for (si, stmt) in cell.statements.iter().enumerate() {
            let Some(info) = infos.get(si) else { continue };
            let Some(group) = info.role.group() else {
                continue;
            };
            if stmt.magic.is_some()
                || info.orchestration
                || only_reports(stmt, info)
                || is_configuration(stmt)
                || only_constructs(stmt, info)
                || only_shows(ctx, stmt)
            {
                continue;
            }
            let entry = groups.entry(group).or_default();
            if !entry.0.contains(&info.role) {
                entry.0.push(info.role);
            }
            let (first, last) = lines(ctx, cell.index, stmt.facts.range.clone());
            match entry.1.last_mut() {
                // Extend the previous range when only ungrouped lines are between.
                Some(prev)
                    if prev.1 + 1 >= first || contiguous(ctx, cell, infos, prev.1, first) =>
                {
                    prev.1 = last
                }
                _ => entry.1.push((first, last)),
            }
        }
        if groups.len() <= MAX_GROUPS {
            continue;
        }
        let Some(range) = code_range(cell) else {
            continue;
        };
        let parts: Vec<Message> = groups
            .iter()
            .map(|(g, (_, ranges))| {
                msg!(
                    "pa201-part",
                    group = group_word(*g),
                    lines = ranges_text(ranges)
                )
            })
            .collect();
        let destinations: Vec<Message> = groups
            .iter()
            .map(|(g, (roles, ranges))| {
                msg!(
                    "pa201-destination",
                    lines = ranges_text(ranges),
                    destination = Message::new(destination(*g, roles))
                )
            })
            .collect();
        out.push(
            finding(ctx, rule, cell.index, range)
                .message(msg!(
                    "pa201-mixes",
                    count = groups.len(),
                    parts = Arg::joined(parts, Join::Commas)
                ))
                .suggestion(msg!(
                    "pa201-fix",
                    destinations = Arg::joined(destinations, Join::Semicolons)
                )),
        );
    }
    out
}

/// A statement whose only job is to print or show a value (`print(acc)`,
/// `print(classification_report(…))`): reporting, not a responsibility.
fn only_reports(stmt: &Statement, info: &StmtInfo) -> bool {
    let calls = &stmt.facts.calls;
    let printers: Vec<&std::ops::Range<usize>> = calls
        .iter()
        .zip(&info.calls)
        .filter(|(c, i)| {
            i.kind == Some(ApiKind::Display) && matches!(c.callee.as_str(), "print" | "display")
        })
        .map(|(c, _)| &c.range)
        .collect();
    if printers.is_empty() {
        return false;
    }
    calls.iter().zip(&info.calls).all(|(c, i)| {
        c.deferred
            || i.role.is_none()
            || i.kind == Some(ApiKind::Display)
            || printers
                .iter()
                .any(|p| p.start <= c.range.start && c.range.end <= p.end)
    }) && !matches!(
        stmt.facts.kind,
        crate::syntax::StmtKind::Assign | crate::syntax::StmtKind::AugAssign
    )
}

/// `param_grid = {'max_depth': [3, 5]}`: a literal collection is configuration
/// (a hyperparameter grid, a column list), not a step.
fn is_configuration(stmt: &Statement) -> bool {
    stmt.facts.kind == crate::syntax::StmtKind::Assign
        && matches!(
            stmt.facts.value,
            Some(crate::syntax::AssignedValue::Literal(_))
        )
}

/// `imputer = SimpleImputer()`, `model = xgb.XGBClassifier(max_depth=3)`: building
/// an estimator or transformer (for example to go into a `Pipeline`) is part of
/// the step that fits it, not a responsibility of its own.
fn only_constructs(stmt: &Statement, info: &StmtInfo) -> bool {
    stmt.facts.kind == crate::syntax::StmtKind::Assign
        && !stmt.facts.calls.is_empty()
        && stmt.facts.calls.iter().zip(&info.calls).all(|(c, i)| {
            c.deferred
                || (!i.method_call
                    && matches!(
                        i.kind,
                        Some(
                            ApiKind::Estimator
                                | ApiKind::Transformer
                                | ApiKind::Resampler
                                | ApiKind::NetPart
                        )
                    ))
        })
}

/// `df.show(3)` on a Spark frame displays rows; only `plt.show()` (a module's
/// `show`) ends a plot.
fn only_shows(ctx: &Context, stmt: &Statement) -> bool {
    stmt.facts.kind == crate::syntax::StmtKind::Expr
        && stmt.facts.calls.len() == 1
        && stmt.facts.calls.iter().all(|c| {
            c.method == "show"
                && c.root
                    .as_deref()
                    .is_some_and(|r| !ctx.model.aliases.contains_key(r))
        })
}

/// True when every statement between two lines has no group.
fn contiguous(
    ctx: &Context,
    cell: &crate::model::CellModel,
    infos: &[StmtInfo],
    after: u32,
    before: u32,
) -> bool {
    cell.statements.iter().enumerate().all(|(si, s)| {
        let (first, last) = lines(ctx, cell.index, s.facts.range.clone());
        let between = first > after && last < before;
        !between || infos.get(si).and_then(|i| i.role.group()).is_none()
    })
}

fn ranges_text(ranges: &[(u32, u32)]) -> Message {
    let parts: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    let single = ranges.len() == 1 && ranges[0].0 == ranges[0].1;
    if single {
        line_text(ranges[0])
    } else {
        msg!("pa201-lines", lines = Arg::joined(parts, Join::Commas))
    }
}

/// A group of responsibilities, as a message names it.
fn group_word(group: Group) -> Message {
    Message::new(match group {
        Group::Io => "pa201-group-io",
        Group::Transform => "pa201-group-transform",
        Group::Model => "pa201-group-model",
        Group::Evaluate => "pa201-group-evaluate",
        Group::Visualize => "pa201-group-visualize",
    })
}

/// Where a group's code goes in the layered layout.
fn destination(group: Group, roles: &[Role]) -> &'static str {
    match group {
        Group::Io if roles.iter().all(|r| *r == Role::Persist) => "pa201-to-saving-repository",
        Group::Io => "pa201-to-repository",
        Group::Transform => "pa201-to-domain",
        Group::Model if roles.iter().all(|r| *r == Role::Predict) => "pa201-to-predict",
        Group::Model => "pa201-to-train",
        Group::Evaluate => "pa201-to-evaluate",
        Group::Visualize => "pa201-to-exploration",
    }
}
