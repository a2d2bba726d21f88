//! The run-it-all sequence and the functions: runs of consecutive statements with the
//! same destination become functions whose parameters are the pipeline values they
//! read and whose return values are the ones they bind or change that later code reads.

use super::assign::{Assigned, Item, Kind, RESERVED};
use super::liveness::{self, Io, Signature};
use super::python::{self, snake};
use super::use_cases::{self, Phase, StepInfo, StepPhase};
use super::*;
use crate::knowledge;
use crate::notebook::CellKind;
use crate::syntax::StmtFacts;
use std::collections::{BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupKind {
    Run(Destination),
    Inline,
    Explore,
}

struct Group {
    kind: GroupKind,
    cell: usize,
    items: Vec<usize>,
}

struct Namer {
    taken: HashSet<String>,
}

/// Longest name a generated function gets.
const MAX_NAME: usize = 40;

/// Words a name must not end on once it was shortened (`add_age_and`).
const DANGLING: &[&str] = &["and", "with", "of", "to", "the", "by", "for", "in", "on"];

/// A candidate as a function name: snake case, at most `words` words and [`MAX_NAME`]
/// characters with room for `extra` more, a valid identifier; `None` when empty.
fn tidy_name(base: &str, words: usize, extra: usize) -> Option<String> {
    let s = snake(base);
    let mut parts: Vec<&str> = s.split('_').filter(|p| !p.is_empty()).take(words).collect();
    while parts.len() > 1
        && (parts.join("_").len() + extra > MAX_NAME || DANGLING.contains(parts.last()?))
    {
        parts.pop();
    }
    let mut name = parts.join("_");
    if name.is_empty() {
        return None;
    }
    if !python::is_identifier(&name) {
        name = format!("step_{name}");
    }
    // One very long word: cut it (snake case is ASCII).
    name.truncate(MAX_NAME.saturating_sub(extra).max(1));
    let name = name.trim_end_matches('_').to_string();
    python::is_identifier(&name).then_some(name)
}

impl Namer {
    fn free(&self, name: &str) -> bool {
        !self.taken.contains(name) && !python::is_keyword(name) && !knowledge::is_builtin(name)
    }

    /// `base`, or `base_2`, `base_3`, … when it is taken.
    fn unique(&mut self, base: &str) -> String {
        let base = tidy_name(base, 5, 0).unwrap_or_else(|| "step".into());
        let mut name = base.clone();
        let mut n = 2;
        while !self.free(&name) {
            let suffix = format!("_{n}");
            let short = tidy_name(&base, 5, suffix.len()).unwrap_or_else(|| "step".into());
            name = format!("{short}{suffix}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    /// One name for each list of candidates (best first), in order: a function gets
    /// its first candidate that is free (not a name of the notebook, an import, a
    /// builtin or an earlier function) and short enough, else its first candidate,
    /// shortened, with a numeric suffix.
    fn choose(&mut self, candidates: &[Vec<String>]) -> Vec<String> {
        candidates
            .iter()
            .map(|list| {
                let list: Vec<String> = list
                    .iter()
                    .filter_map(|n| tidy_name(n, usize::MAX, 0).filter(|t| *t == snake(n)))
                    .collect();
                match list.iter().find(|n| self.free(n)) {
                    Some(n) => {
                        self.taken.insert(n.clone());
                        n.clone()
                    }
                    None => self.unique(list.first().map_or("step", String::as_str)),
                }
            })
            .collect()
    }
}

/// A heading's text without HTML tags and leading section numbers:
/// `<h1><center>III. ML Approach` → `ML Approach`, `4.2. Remove outliers` → `Remove outliers`.
fn heading_text(line: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let mut text = text.trim();
    // `Step 3:`, `Part I:`, `Section 1-0 -`: a label and its number.
    if let Some((label, rest)) = text.split_once(char::is_whitespace) {
        let labelled = matches!(
            label.to_ascii_lowercase().as_str(),
            "step" | "part" | "section" | "chapter"
        );
        if labelled {
            if let Some(rest) = strip_number(rest.trim_start(), true) {
                text = rest;
            }
        }
    }
    // `1.`, `4.2)`, `III.`: a section number, not part of the name.
    strip_number(text, false).unwrap_or(text).to_string()
}

/// `text` after a leading section number (`4.2.`, `III.`, or with `bare`, also `3` or
/// `1-0`), when something follows it.
fn strip_number(text: &str, bare: bool) -> Option<&str> {
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let number = first.trim_end_matches(['.', ')', ':']);
    let arabic = number
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || (bare && c == '-'));
    let roman = number
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x'));
    let rest = rest.trim_start_matches([' ', '-', ':', '.']).trim();
    (!number.is_empty() && (bare || number != first) && (arabic || roman) && !rest.is_empty())
        .then_some(rest)
}

/// The nearest markdown heading above each cell, as an identifier (may be empty). The
/// notebook's title (a level-1 heading in its first cell) names no section.
fn headings(analysis: &Analysis) -> HashMap<usize, String> {
    let mut current = String::new();
    let mut out = HashMap::new();
    for (position, cell) in analysis.notebook.cells.iter().enumerate() {
        if cell.kind == CellKind::Markdown {
            if let Some(h) = cell
                .source
                .lines()
                .map(str::trim_start)
                .filter(|l| l.starts_with('#'))
                .rfind(|l| !l.trim_start_matches('#').trim().is_empty())
            {
                let title = position == 0 && h.starts_with("# ");
                let words: Vec<String> = snake(&heading_text(h.trim_start_matches('#')))
                    .split('_')
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect();
                current = if title || words.is_empty() || words.len() > 5 {
                    String::new()
                } else {
                    words.join("_")
                };
            }
        }
        out.insert(cell.index, current.clone());
    }
    out
}

fn facts<'a>(analysis: &'a Analysis, item: &Item) -> &'a StmtFacts {
    &analysis.model.cell(item.cell).expect("cell").statements[item.stmt].facts
}

fn first_string_in(f: &StmtFacts, range: &std::ops::Range<usize>) -> Option<String> {
    f.strings
        .iter()
        .filter(|s| s.range.start >= range.start && s.range.end <= range.end)
        .map(|s| snake(&s.value))
        .find(|s| !s.is_empty() && s.len() <= 30)
}

fn short_name(name: &str) -> Option<String> {
    let s = snake(name);
    (!s.is_empty() && !matches!(s.as_str(), "df" | "data" | "x" | "y" | "tmp")).then_some(s)
}

/// A value's name as what a function produces or works on (`X_train` → `x_train`);
/// `None` for throwaway names (`df`, `tmp`, one letter).
fn subject(name: &str) -> Option<String> {
    let s = snake(name);
    let weak = s.len() < 2 || matches!(s.as_str(), "df" | "data" | "tmp" | "temp");
    (!weak).then_some(s)
}

/// `verb_subject`, unless the subject already says what the verb would: predictions
/// a run produces are made (`make_y_pred`, `make_submission`), a repeated verb becomes
/// `compute` (`evaluate` + `eval_loss`), and loads and saves of `loaded` or `saved`
/// get no name.
fn verb_subject(verb: &str, subject: &str, produced: bool) -> Option<String> {
    let io = matches!(verb, "load" | "save");
    let words: Vec<&str> = subject.split('_').collect();
    if produced && !io && (words[0] == "submission" || words.iter().any(|w| w.contains("pred"))) {
        return Some(format!("make_{subject}"));
    }
    let stem = &verb[..verb.len().min(4)];
    let says_verb = words.iter().any(|w| w.len() >= 4 && w.starts_with(stem));
    match (says_verb, io) {
        (false, _) => Some(format!("{verb}_{subject}")),
        (true, true) => None,
        (true, false) => Some(format!("compute_{subject}")),
    }
}

/// A method that fits a model on data (tagged `Fits` in the API table).
fn fits_model(c: &crate::syntax::CallFact) -> bool {
    knowledge::api::method_has_tag(&c.method, knowledge::api::ApiTag::Fits)
}

/// A function that fits and scores a model on folds (`cross_val_score`: kind
/// `CrossValidation` in the API table), by its name.
fn is_cross_validation(c: &crate::syntax::CallFact) -> bool {
    knowledge::api::kind_of(&c.method) == Some(knowledge::api::ApiKind::CrossValidation)
}

/// `MODEL_PATH` → `model`, `data/microbiome.csv` → `microbiome`: what a path names.
fn path_subject(text: &str) -> Option<String> {
    let last = text
        .rsplit(['/', '\\'])
        .find(|p| !p.is_empty() && *p != "." && *p != "..")?;
    let stem = match last.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => last,
    };
    let s = snake(stem);
    let mut words: Vec<&str> = s.split('_').filter(|w| !w.is_empty()).collect();
    while words.len() > 1
        && matches!(
            *words.last()?,
            "path" | "file" | "filename" | "fname" | "dir" | "url" | "csv" | "loc"
        )
    {
        words.pop();
    }
    subject(&words.join("_"))
}

/// What a run's functions are named after, beyond its statements.
struct NameContext<'a> {
    heading: &'a str,
    imports: &'a BTreeSet<String>,
    /// The notebook's own `def` and `class` names.
    defs: &'a HashSet<String>,
    params: &'a [String],
    returns: &'a [String],
}

/// The call's qualified name (`pd.read_csv` → `pandas.read_csv`).
fn qualified<'a>(analysis: &'a Analysis, item: &Item, ci: usize) -> &'a str {
    analysis
        .model
        .cell(item.cell)
        .and_then(|c| c.statements.get(item.stmt))
        .and_then(|s| s.qualified_calls.get(ci))
        .map_or("", String::as_str)
}

/// Candidate names for a run, best first: what its statements do (`fill_missing_age`,
/// `save_submission`), its role's verb and what it produces (`predict_proba`), what it
/// mainly acts on (`train_rf`, `predict_new_inputs`, `report_accuracy`), the heading
/// above it, its verb and what it reads, and last a generic name for its role.
fn run_names(
    analysis: &Analysis,
    items: &[&Item],
    dest: Destination,
    cx: &NameContext,
) -> Vec<String> {
    use crate::syntax::{AssignedValue, CallFact};
    use knowledge::api::ApiKind;
    let roles: Vec<Role> = items.iter().map(|i| i.role).collect();
    let has = |r: Role| roles.contains(&r);
    let heading = cx.heading;
    let imports = cx.imports;
    let all_calls: Vec<(&StmtFacts, &CallFact)> = items
        .iter()
        .flat_map(|i| {
            let f = facts(analysis, i);
            f.calls.iter().filter(|c| !c.deferred).map(move |c| (f, c))
        })
        .collect();
    let mut names: Vec<String> = Vec::new();
    let is_value = |n: &str| !imports.contains(n) && !cx.defs.contains(n);
    // The notebook's own functions a run calls (`predict(new_inputs)`).
    let own_call =
        |c: &CallFact| !c.callee.contains(['.', '(', '[']) && cx.defs.contains(&c.callee);
    // The first library call that saves a value (role `Persist` from the API table;
    // not the notebook's own functions, nor `open(…, 'w')`, which only opens a file).
    let save_call = items
        .iter()
        .flat_map(|i| {
            let f = facts(analysis, i);
            f.calls.iter().enumerate().filter_map(move |(ci, c)| {
                let saves = !c.deferred
                    && analysis
                        .roles
                        .call_info(i.cell, i.stmt, ci)
                        .is_some_and(|info| {
                            info.role == Some(Role::Persist)
                                && !info.user_function
                                && info.kind != Some(ApiKind::Loader)
                        });
                saves.then_some((f, c))
            })
        })
        .next();
    // The file a load or save names: a path literal or a constant holding one.
    let path_name = || {
        all_calls.iter().find_map(|(f, c)| {
            let literal = f
                .strings
                .iter()
                .filter(|s| s.range.start >= c.range.start && s.range.end <= c.range.end)
                .find(|s| knowledge::paths::classify(&s.value).is_some())
                .and_then(|s| path_subject(&s.value));
            literal.or_else(|| {
                c.args
                    .iter()
                    .filter_map(|a| a.root.as_deref())
                    .find(|r| {
                        r.chars()
                            .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_')
                            && !imports.contains(*r)
                    })
                    .and_then(path_subject)
            })
        })
    };
    let binds: Vec<&String> = {
        let mut out: Vec<&String> = Vec::new();
        for b in items.iter().flat_map(|i| i.binds.iter()) {
            if !out.contains(&b) && !cx.defs.contains(b) {
                out.push(b);
            }
        }
        out
    };

    // Loads and saves: what is saved or loaded, and from which file.
    if dest == Destination::Repository || has(Role::Load) || has(Role::Persist) {
        let saves = dest == Destination::Repository || has(Role::Persist);
        if saves && (save_call.is_some() || has(Role::Persist)) {
            let target = save_call
                .and_then(|(_, c)| {
                    c.root
                        .clone()
                        .filter(|r| !imports.contains(r))
                        .or_else(|| c.args.first().and_then(|a| a.root.clone()))
                })
                .or_else(|| match cx.returns {
                    [r] => Some(r.clone()),
                    _ => None,
                })
                .and_then(|r| short_name(&r));
            if let Some(t) = &target {
                names.push(format!("save_{t}"));
                names.push(format!("write_{t}"));
            }
            if let Some(p) = path_name() {
                names.push(format!("save_{p}"));
            }
            names.push("save_outputs".into());
            names.push(heading.to_string());
            return names;
        }
        if dest == Destination::Repository || has(Role::Load) {
            let loaded: Vec<String> = binds
                .iter()
                .filter_map(|b| short_name(b))
                .filter(|b| !b.starts_with("load"))
                .collect();
            match loaded.as_slice() {
                [a] => names.push(format!("load_{a}_data")),
                [a, b, ..] => names.push(format!("load_{a}_and_{b}")),
                [] => {}
            }
            if let Some(p) = path_name() {
                names.push(format!("load_{p}"));
            }
            // Loaded, then passed through the notebook's own functions.
            if all_calls.iter().filter(|(_, c)| own_call(c)).count() > 1 {
                let what = binds.first().map_or("data".to_string(), |b| snake(b));
                names.push(format!("load_prepared_{what}"));
            }
            if let [a] = loaded.as_slice() {
                names.push(format!("read_{a}"));
            }
            names.push("load_data".into());
            names.push(heading.to_string());
            return names;
        }
    }

    // The role the run is named for, its verb, and what it produces.
    let main = match dest {
        Destination::Service => [
            Role::Train,
            Role::Tune,
            Role::Predict,
            Role::Evaluate,
            Role::Split,
        ]
        .into_iter()
        .find(|r| has(*r)),
        Destination::Domain if roles.first() != Some(&Role::Feature) && has(Role::Clean) => {
            Some(Role::Clean)
        }
        _ => None,
    }
    .or_else(|| roles.first().copied());
    let fits = all_calls.iter().any(|(_, c)| fits_model(c) && !own_call(c));
    let cross_validates = all_calls.iter().any(|(_, c)| is_cross_validation(c));
    // Names bound to a new model, search or network part: `rf = RandomForest…(…)`,
    // with the estimator a search wraps (`GridSearchCV(tree, …)`).
    let mut built: Vec<(String, Option<String>)> = Vec::new();
    for i in items {
        let f = facts(analysis, i);
        let (Some(AssignedValue::Call(ci)), [t]) = (&f.value, f.targets.as_slice()) else {
            continue;
        };
        let kind = knowledge::api::kind_of(qualified(analysis, i, *ci));
        let wrapped = || {
            f.calls
                .get(*ci)
                .and_then(|c| c.args.first())
                .and_then(|a| a.root.clone())
                .filter(|r| is_value(r))
        };
        match kind {
            Some(ApiKind::Estimator | ApiKind::NetPart) => built.push((t.clone(), None)),
            Some(ApiKind::Search) => built.push((t.clone(), wrapped())),
            _ => {}
        }
    }
    let verb = match main {
        Some(Role::Clean) => "clean",
        Some(Role::Split) => "split",
        Some(Role::Train) if fits => "train",
        Some(Role::Train) if cross_validates => "cross_validate",
        Some(Role::Train) if !built.is_empty() => "create",
        Some(Role::Tune) => "tune",
        Some(Role::Evaluate) => "evaluate",
        Some(Role::Predict) => "predict",
        Some(Role::Visualize) => "plot",
        Some(Role::Explore) => "show",
        _ => "compute",
    };
    let prints = items.iter().any(|i| i.prints);
    let product = match cx.returns {
        [r] => Some(r),
        [] if !prints => match binds.as_slice() {
            [b] => Some(*b),
            _ => None,
        },
        _ => None,
    };
    // A run that rebinds or changes what it was given updates it.
    let in_place = product.is_some_and(|p| cx.params.contains(p));
    let product_verb = match (verb, in_place) {
        ("clean", false) => "prepare",
        ("compute", true) => "update",
        _ => verb,
    };

    // What the statements do, for the domain: cleaning steps, new columns.
    let mut generic = String::new();
    if dest == Destination::Service {
        for (role, name) in [
            (Role::Train, "train_model"),
            (Role::Tune, "tune_model"),
            (Role::Predict, "predict"),
            (Role::Evaluate, "evaluate_model"),
            (Role::Split, "split_data"),
        ] {
            if has(role) {
                generic = name.into();
                break;
            }
        }
        if generic.is_empty() {
            generic = "run_model_step".into();
        }
    }
    if dest == Destination::Domain {
        let mut keys: Vec<String> = Vec::new();
        for i in items {
            let f = facts(analysis, i);
            for s in &f.stores {
                if let Some(k) = first_string_in(f, &s.range) {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
        }
        let feature_first = has(Role::Feature) && roles.first() == Some(&Role::Feature);
        if !feature_first {
            for (f, c) in &all_calls {
                // `df.Age.fillna(…)`: the column is the attribute before the method.
                let column = || {
                    first_string_in(f, &c.range).or_else(|| {
                        let parts: Vec<&str> = c.callee.split('.').collect();
                        (parts.len() >= 3)
                            .then(|| parts[parts.len() - 2])
                            .filter(|p| python::is_identifier(p))
                            .map(snake)
                            .filter(|p| !p.is_empty())
                    })
                };
                let name = match c.method.as_str() {
                    "fillna" => Some(column().map_or("fill_missing_values".into(), |k| {
                        format!("fill_missing_{k}")
                    })),
                    "dropna" => Some("drop_missing_rows".into()),
                    "drop" => Some(
                        first_string_in(f, &c.range)
                            .map_or("drop_columns".into(), |k| format!("drop_{k}")),
                    ),
                    "drop_duplicates" => Some("drop_duplicates".into()),
                    "astype" => Some("fix_types".into()),
                    "get_dummies" => Some("encode_features".into()),
                    _ => None,
                };
                if let Some(n) = name.filter(|n| !names.contains(n)) {
                    names.push(n);
                }
            }
        }
        if let Some(a) = keys.first() {
            if let [_, b, ..] = keys.as_slice() {
                names.push(format!("add_{a}_and_{b}"));
            }
            names.push(format!("add_{a}"));
            if let Some(p) = product.filter(|_| in_place).and_then(|p| subject(p)) {
                names.push(format!("add_{a}_to_{p}"));
            }
        }
        generic = if has(Role::Feature) {
            "build_features".into()
        } else {
            "prepare_data".into()
        };
    }
    if generic.is_empty() {
        generic = roles
            .first()
            .map_or("step".into(), |r| r.as_str().to_string());
    }

    // The model a run fits or cross-validates, or the one it builds.
    if matches!(main, Some(Role::Train | Role::Tune | Role::Evaluate)) {
        let fitted = all_calls.iter().find_map(|(_, c)| {
            if fits_model(c) {
                c.root
                    .clone()
                    .filter(|r| is_value(r) && c.callee.matches('.').count() == 1)
            } else if is_cross_validation(c) {
                c.args
                    .first()
                    .and_then(|a| a.root.clone())
                    .filter(|r| is_value(r))
            } else {
                None
            }
        });
        let model = match fitted {
            Some(m) => Some(
                built
                    .iter()
                    .find(|(b, _)| *b == m)
                    .and_then(|(_, inner)| inner.clone())
                    .unwrap_or(m),
            ),
            None => built
                .first()
                .map(|(b, inner)| inner.clone().unwrap_or_else(|| b.clone())),
        };
        if let Some(m) = model.and_then(|m| subject(&m)) {
            names.extend(verb_subject(verb, &m, false));
        }
    }
    // An update through one method of the value: `model.compile(…)` → `compile_model`.
    if let Some(p) = product.filter(|_| product_verb == "update") {
        let method = all_calls.first().and_then(|(_, c)| {
            (c.root.as_ref() == Some(p) && c.callee == format!("{p}.{}", c.method))
                .then(|| snake(&c.method))
        });
        if let (Some(m), Some(s)) = (method, subject(p)) {
            names.push(format!("{m}_{s}"));
        }
    }
    match product.map(String::as_str) {
        Some("X") => names.push("select_features".into()),
        Some("y" | "Y") => names.push("select_target".into()),
        Some(p) => {
            if let Some(p) = subject(p) {
                names.extend(verb_subject(product_verb, &p, true));
            }
        }
        None => {}
    }
    let pair = match cx.returns {
        [a, b] if a == "X" && b.eq_ignore_ascii_case("y") => {
            names.push("select_features_and_target".into());
            None
        }
        [a, b] => match (subject(a), subject(b)) {
            (Some(a), Some(b)) => verb_subject(product_verb, &format!("{a}_and_{b}"), false),
            _ => None,
        },
        _ => None,
    };
    // What it mainly acts on: the model it predicts with, what it prints, the
    // notebook's own functions it calls.
    if main == Some(Role::Predict) {
        let model = all_calls.iter().find_map(|(_, c)| {
            knowledge::api::is_prediction_method(&c.method)
                .then(|| c.root.clone())
                .flatten()
                .filter(|r| is_value(r) && c.callee.matches('.').count() == 1)
        });
        if let Some(m) = model.and_then(|m| subject(&m)) {
            names.push(format!("predict_with_{m}"));
        }
    }
    let print_only = items.iter().all(|i| {
        let f = facts(analysis, i);
        f.kind == crate::syntax::StmtKind::Expr
            && f.calls.first().is_some_and(|c| {
                matches!(c.callee.as_str(), "print" | "pprint" | "display")
                    && c.range.start == f.range.start
            })
    });
    let report = main == Some(Role::Evaluate);
    if print_only {
        let mut shown: Option<(bool, String)> = None;
        'items: for i in items {
            let f = facts(analysis, i);
            for (ci, c) in f.calls.iter().enumerate().skip(1) {
                let metric = knowledge::api::is_metric(qualified(analysis, i, ci))
                    || ["_score", "_error", "_report", "_matrix"]
                        .iter()
                        .any(|s| c.method.ends_with(s));
                if metric {
                    let m = c.method.trim_end_matches("_score").to_string();
                    shown = Some((true, m));
                    break 'items;
                }
                if own_call(c) && shown.is_none() {
                    shown = Some((false, c.callee.clone()));
                }
            }
        }
        if shown.is_none() {
            shown = items.iter().find_map(|i| {
                let c = facts(analysis, i).calls.first()?;
                c.args
                    .iter()
                    .filter_map(|a| a.root.as_deref())
                    .find(|r| is_value(r))
                    .and_then(subject)
                    .map(|s| (false, s))
            });
        }
        if let Some((metric, what)) = shown {
            let verb = if metric || report { "report" } else { "show" };
            names.push(format!("{verb}_{}", snake(&what)));
        }
    }
    // `train(…)` and `evaluate(…)` make `train_and_evaluate`; `predict(new_inputs)`
    // makes `predict_new_inputs`.
    let mut verbs: Vec<String> = Vec::new();
    for (_, c) in &all_calls {
        let v = snake(&c.callee);
        if own_call(c) && !v.contains('_') && !verbs.contains(&v) {
            verbs.push(v);
        }
    }
    if verbs.len() >= 2 {
        names.push(verbs.join("_and_"));
    }
    for i in items.iter().filter(|i| Some(i.role) == main) {
        let f = facts(analysis, i);
        if let Some(c) = f.calls.iter().find(|c| !c.deferred && own_call(c)) {
            let callee = snake(&c.callee);
            let stem = &callee[..callee.len().min(4)];
            let arg = c
                .args
                .first()
                .and_then(|a| a.root.as_deref())
                .filter(|r| is_value(r))
                .and_then(subject)
                .filter(|a| !a.split('_').any(|w| w.starts_with(stem)));
            if let (Some(arg), false) = (arg, callee.contains('_')) {
                names.push(format!("{callee}_{arg}"));
            }
            break;
        }
    }
    names.extend(pair);
    if !heading.is_empty() {
        names.push(heading.to_string());
    }
    // Its verb and what it reads, the latest value first: `report_y_knn`.
    let verb = match (print_only, report) {
        (true, true) => "report",
        (true, false) => "show",
        _ => verb,
    };
    if matches!(
        verb,
        "evaluate" | "report" | "show" | "predict" | "clean" | "plot"
    ) {
        for p in cx.params.iter().rev() {
            if let Some(s) = subject(p) {
                names.extend(verb_subject(verb, &s, false));
            }
        }
    }
    names.push(generic);
    names
}

pub(super) fn source_ref(analysis: &Analysis, cell: usize, stmts: &[usize]) -> SourceRef {
    let model_cell = analysis.model.cell(cell);
    let (first, last) = match model_cell {
        Some(c) if !stmts.is_empty() => {
            let first = stmts
                .iter()
                .filter_map(|&s| c.statements.get(s))
                .map(|s| s.span.line)
                .min()
                .unwrap_or(1);
            let last = stmts
                .iter()
                .filter_map(|&s| c.statements.get(s))
                .map(|s| s.span.end_line)
                .max()
                .unwrap_or(first);
            (first, last)
        }
        _ => {
            let lines = analysis
                .notebook
                .cells
                .get(cell)
                .map_or(1, |c| c.source.lines().count().max(1)) as u32;
            (1, lines)
        }
    };
    SourceRef {
        cell,
        cell_id: analysis.notebook.cells.get(cell).and_then(|c| c.id.clone()),
        first_line: first,
        last_line: last,
    }
}

/// `pd` → `import pandas as pd`, from the notebook's plain import statements.
fn import_lines(analysis: &Analysis) -> (BTreeMap<String, String>, Vec<String>) {
    let mut lines = BTreeMap::new();
    let mut stars = Vec::new();
    for cell in &analysis.model.cells {
        let Some(source) = analysis
            .notebook
            .cells
            .get(cell.index)
            .map(|c| c.source.as_str())
        else {
            continue;
        };
        for stmt in &cell.statements {
            if stmt.facts.kind != crate::syntax::StmtKind::Import {
                continue;
            }
            let text = source
                .get(stmt.facts.range.clone())
                .unwrap_or("")
                .trim_start();
            let from_module = text.strip_prefix("from").and_then(|rest| {
                let rest = rest.trim_start();
                let end = rest.find(|c: char| c.is_whitespace())?;
                Some(rest[..end].to_string())
            });
            for imp in &stmt.facts.imports {
                if imp.local == "*" {
                    let line = format!("from {} import *", imp.target);
                    if !stars.contains(&line) {
                        stars.push(line);
                    }
                    continue;
                }
                if imp.target.starts_with("__future__") {
                    continue;
                }
                let alias = source
                    .get(imp.range.clone())
                    .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
                    .unwrap_or_default();
                let alias = if alias.is_empty() {
                    imp.local.clone()
                } else {
                    alias
                };
                let line = match &from_module {
                    Some(m) => format!("from {m} import {alias}"),
                    None => format!("import {alias}"),
                };
                lines.entry(imp.local.clone()).or_insert(line);
            }
        }
    }
    (lines, stars)
}

/// Keyword arguments that name the file a load or save call reads or writes.
const PATH_KEYWORDS: &[&str] = &[
    "path",
    "path_or_buf",
    "path_or_buffer",
    "filepath",
    "filepath_or_buffer",
    "filename",
    "fname",
    "file",
    "io",
];

/// Every identifier-like word of the notebook's code (names a new constant must avoid,
/// including locals and parameters of functions, which the model does not list).
fn source_words(analysis: &Analysis) -> HashSet<String> {
    let mut words = HashSet::new();
    for cell in analysis.notebook.code_cells() {
        for w in cell
            .source
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
        {
            words.insert(w.to_string());
        }
    }
    words
}

/// `data/train.csv` → `TRAIN_CSV`; `https://x.org/AirPassengers.csv?raw=1` →
/// `AIR_PASSENGERS_CSV`; `데이터.csv` → `CSV`. ASCII upper snake case, may be empty.
fn path_base_name(value: &str) -> String {
    let value = match value.find("://") {
        Some(i) => {
            let rest = &value[i + 3..];
            rest.split(['?', '#']).next().unwrap_or(rest)
        }
        None => value,
    };
    let parts: Vec<&str> = value
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    let Some(last) = parts.last() else {
        return String::new();
    };
    let (stem, ext) = match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, ext),
        _ => (*last, ""),
    };
    let mut stem = snake(stem);
    if stem.is_empty() && parts.len() >= 2 {
        stem = snake(parts[parts.len() - 2]);
    }
    let words: Vec<String> = [stem, snake(ext)]
        .iter()
        .flat_map(|p| p.split('_').filter(|w| !w.is_empty()).map(String::from))
        .collect();
    let keep = words.len().min(6);
    words[words.len() - keep..].join("_").to_ascii_uppercase()
}

/// The literal's text when it is a plain one-line string literal (`'a.csv'`, `r"C:\a"`).
fn plain_literal(source: &str, range: &std::ops::Range<usize>) -> Option<String> {
    let text = source.get(range.clone())?;
    let prefix_end = text.find(['\'', '"'])?;
    let prefix = &text[..prefix_end];
    let plain_prefix = prefix.chars().all(|c| matches!(c, 'r' | 'R' | 'u' | 'U'));
    (plain_prefix && !text.contains(['\n', '\r']) && text.ends_with(['\'', '"']))
        .then(|| text.to_string())
}

/// A token of a load or save call's text, for [`joined_path`]: strings come from a
/// lexical scan, so their quotes and prefixes are never read as code.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(std::ops::Range<usize>),
    Str(std::ops::Range<usize>),
    Op(u8, usize),
    /// Numbers and anything else no joined path contains.
    Other(usize),
}

impl Tok {
    fn start(&self) -> usize {
        match self {
            Tok::Name(r) | Tok::Str(r) => r.start,
            Tok::Op(_, i) | Tok::Other(i) => *i,
        }
    }
    fn end(&self) -> usize {
        match self {
            Tok::Name(r) | Tok::Str(r) => r.end,
            Tok::Op(_, i) | Tok::Other(i) => i + 1,
        }
    }
    fn is_op(&self, op: u8) -> bool {
        matches!(self, Tok::Op(o, _) if *o == op)
    }
}

/// The tokens of `range` of `source`, skipping whitespace, line continuations and
/// comments; `strings` are the string literals of the statement (prefix and quotes
/// included). `None` when a string straddles the range.
fn tokens(
    source: &str,
    range: std::ops::Range<usize>,
    strings: &[std::ops::Range<usize>],
) -> Option<Vec<Tok>> {
    let bytes = source.as_bytes();
    let end = range.end.min(bytes.len());
    let mut out = Vec::new();
    let mut i = range.start;
    while i < end {
        if let Some(s) = strings.iter().find(|s| s.start == i) {
            if s.end > end {
                return None;
            }
            out.push(Tok::Str(s.clone()));
            i = s.end;
            continue;
        }
        let c = bytes[i];
        if c.is_ascii_whitespace() || c == b'\\' || c == b'\x0c' {
            i += 1;
        } else if c == b'#' {
            while i < end && !matches!(bytes[i], b'\n' | b'\r') {
                i += 1;
            }
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            let start = i;
            while i < end
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
            {
                i += 1;
            }
            out.push(Tok::Name(start..i));
        } else if c.is_ascii_digit() || c == b'\'' || c == b'"' {
            out.push(Tok::Other(i));
            i += 1;
        } else {
            out.push(Tok::Op(c, i));
            i += 1;
        }
    }
    Some(out)
}

/// The arguments of the call whose tokens are `toks` (the call expression, ending on the
/// bracket that closes its arguments): each with its keyword, if any, and the tokens of
/// its value. `None` for `*args`, `**kwargs` or text this reading does not follow.
fn call_arguments<'t>(
    source: &'t str,
    toks: &'t [Tok],
) -> Option<Vec<(Option<&'t str>, &'t [Tok])>> {
    let mut depth = 0usize;
    let mut open = None;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Op(b'(' | b'[' | b'{', _) => {
                if depth == 0 && t.is_op(b'(') {
                    open = Some(i);
                }
                depth += 1;
            }
            Tok::Op(b')' | b']' | b'}', _) => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    let open = open?;
    if depth != 0 || !toks.last()?.is_op(b')') || toks.len() < open + 2 {
        return None;
    }
    let inner = &toks[open + 1..toks.len() - 1];
    let mut args = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for i in 0..=inner.len() {
        let at_end = i == inner.len();
        if !at_end {
            match inner[i] {
                Tok::Op(b'(' | b'[' | b'{', _) => depth += 1,
                Tok::Op(b')' | b']' | b'}', _) => depth = depth.checked_sub(1)?,
                _ => {}
            }
        }
        if at_end || (depth == 0 && inner[i].is_op(b',')) {
            let seg = &inner[start..i];
            start = i + 1;
            if seg.is_empty() {
                // A trailing comma; an empty argument anywhere else is not Python.
                if at_end && !args.is_empty() {
                    continue;
                }
                if at_end && inner.is_empty() {
                    continue;
                }
                return None;
            }
            if seg[0].is_op(b'*') {
                return None;
            }
            match seg {
                [Tok::Name(n), eq, rest @ ..]
                    if eq.is_op(b'=') && !rest.first().is_some_and(|t| t.is_op(b'=')) =>
                {
                    if rest.is_empty() {
                        return None;
                    }
                    args.push((source.get(n.clone()), rest));
                }
                _ => args.push((None, seg)),
            }
        }
    }
    Some(args)
}

/// A load or save argument that joins config constants and string literals:
/// `DATA_DIR + 'train.csv'`, `os.path.join(DATA_DIR, 'train.csv')`,
/// `Path(DATA_DIR) / 'train.csv'`, `DATA_DIR / 'train.csv'`.
#[derive(Debug, Clone, PartialEq)]
struct JoinedPath {
    range: std::ops::Range<usize>,
    /// The expression on one line, as `config.py` gets it.
    text: String,
    /// The literal parts joined, to name the constant and check it is a path.
    value: String,
    /// The config constants it reads.
    names: Vec<String>,
    /// The imported names it calls (`os`, `Path`).
    imports: Vec<String>,
}

/// An operand of a joined path.
enum Operand {
    Name(std::ops::Range<usize>),
    Str(std::ops::Range<usize>),
    /// A call of names and literals: the callee's tokens, the call's range, the arguments.
    Call(
        Vec<std::ops::Range<usize>>,
        std::ops::Range<usize>,
        Vec<Operand>,
    ),
}

fn leaf(t: &Tok) -> Option<Operand> {
    match t {
        Tok::Name(r) => Some(Operand::Name(r.clone())),
        Tok::Str(r) => Some(Operand::Str(r.clone())),
        _ => None,
    }
}

/// One operand at the start of `toks` and the tokens it takes.
fn operand(toks: &[Tok]) -> Option<(Operand, usize)> {
    let first = toks.first()?;
    if !matches!(first, Tok::Name(_))
        || !toks.get(1).is_some_and(|t| t.is_op(b'.') || t.is_op(b'('))
    {
        return Some((leaf(first)?, 1));
    }
    // A dotted callee, then names and literals between brackets.
    let mut callee = Vec::new();
    let mut i = 0;
    loop {
        let Tok::Name(r) = toks.get(i)? else {
            return None;
        };
        callee.push(r.clone());
        i += 1;
        if toks.get(i)?.is_op(b'.') {
            i += 1;
        } else {
            break;
        }
    }
    if !toks.get(i)?.is_op(b'(') {
        return None;
    }
    i += 1;
    let mut args = Vec::new();
    loop {
        let t = toks.get(i)?;
        if t.is_op(b')') {
            break;
        }
        args.push(leaf(t)?);
        i += 1;
        let sep = toks.get(i)?;
        if sep.is_op(b',') {
            i += 1;
        } else if !sep.is_op(b')') {
            return None;
        }
    }
    let range = toks[0].start()..toks[i].end();
    Some((Operand::Call(callee, range, args), i + 1))
}

/// `toks` (one argument of a load or save call) read as a joined path of `f`'s config
/// constants, or `None`. `call` is the load or save; the constants must be the module's
/// (read at module scope, or free in the function the call is in).
fn joined_path(
    source: &str,
    toks: &[Tok],
    stmt: &crate::model::Statement,
    call: &crate::syntax::CallFact,
    analysis: &Analysis,
    config_names: &BTreeSet<String>,
) -> Option<JoinedPath> {
    let f = &stmt.facts;
    let mut operands = Vec::new();
    let mut op = None;
    let mut i = 0;
    loop {
        let (o, n) = operand(&toks[i..])?;
        operands.push(o);
        i += n;
        let Some(t) = toks.get(i) else { break };
        let Tok::Op(c @ (b'+' | b'/'), _) = t else {
            return None;
        };
        if op.is_some_and(|o| o != *c) {
            return None;
        }
        op = Some(*c);
        i += 1;
    }
    let text_of = |r: &std::ops::Range<usize>| source.get(r.clone());
    let mut names: Vec<String> = Vec::new();
    let mut imports: Vec<String> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    let mut last_is_str = false;
    let check_leaf = |o: &Operand,
                      names: &mut Vec<String>,
                      values: &mut Vec<String>,
                      last_is_str: &mut bool|
     -> Option<String> {
        match o {
            Operand::Name(r) => {
                let name = text_of(r)?;
                let module_read = f.reads.iter().any(|n| n.name == name && n.range == *r);
                let free = call.deferred
                    && f.free_vars.iter().any(|v| v == name)
                    && !f.params.iter().any(|p| p == name)
                    && !f.global_writes.iter().any(|g| g == name);
                if !config_names.contains(name) || !(module_read || free) {
                    return None;
                }
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
                *last_is_str = false;
                Some(name.to_string())
            }
            Operand::Str(r) => {
                let literal = plain_literal(source, r)?;
                let value = f.strings.iter().find(|s| s.range == *r)?;
                values.push(value.value.clone());
                *last_is_str = true;
                Some(literal)
            }
            Operand::Call(..) => None,
        }
    };
    let call_text = |callee: &[std::ops::Range<usize>],
                     range: &std::ops::Range<usize>,
                     wanted: &str,
                     imports: &mut Vec<String>|
     -> Option<String> {
        let ci = f.calls.iter().position(|c| c.range == *range)?;
        let inner = &f.calls[ci];
        let module = inner
            .root
            .as_ref()
            .is_some_and(|r| analysis.model.aliases.contains_key(r) && !inner.local_receiver);
        if !module || stmt.qualified_calls.get(ci).map(String::as_str) != Some(wanted) {
            return None;
        }
        if let Some(root) = &inner.root {
            if !imports.contains(root) {
                imports.push(root.clone());
            }
        }
        let parts: Option<Vec<&str>> = callee.iter().map(&text_of).collect();
        Some(parts?.join("."))
    };
    let text = match (op, operands.as_slice()) {
        (Some(b'+'), _) => {
            let parts: Option<Vec<String>> = operands
                .iter()
                .map(|o| check_leaf(o, &mut names, &mut values, &mut last_is_str))
                .collect();
            parts?.join(" + ")
        }
        (Some(_), [first, rest @ ..]) => {
            let head = match first {
                Operand::Call(callee, range, args) => {
                    let callee = call_text(callee, range, "pathlib.Path", &mut imports)?;
                    let [arg] = args.as_slice() else { return None };
                    format!(
                        "{callee}({})",
                        check_leaf(arg, &mut names, &mut values, &mut last_is_str)?
                    )
                }
                o => check_leaf(o, &mut names, &mut values, &mut last_is_str)?,
            };
            let mut parts = vec![head];
            for o in rest {
                parts.push(check_leaf(o, &mut names, &mut values, &mut last_is_str)?);
            }
            parts.join(" / ")
        }
        (None, [Operand::Call(callee, range, args)]) if args.len() >= 2 => {
            let callee = call_text(callee, range, "os.path.join", &mut imports)?;
            let parts: Option<Vec<String>> = args
                .iter()
                .map(|o| check_leaf(o, &mut names, &mut values, &mut last_is_str))
                .collect();
            format!("{callee}({})", parts?.join(", "))
        }
        _ => return None,
    };
    if names.is_empty() || values.is_empty() || !last_is_str {
        return None;
    }
    let value = if op == Some(b'+') {
        values.concat()
    } else {
        values.join("/")
    };
    knowledge::paths::classify(&value)?;
    Some(JoinedPath {
        range: toks.first()?.start()..toks.last()?.end(),
        text,
        value,
        names,
        imports,
    })
}

/// The joined-path arguments of a load or save call: `positional` of its arguments
/// (the first for a method on a value, all for a library function) and its path keywords.
fn joined_paths_of_call(
    source: &str,
    stmt: &crate::model::Statement,
    call: &crate::syntax::CallFact,
    positional: usize,
    analysis: &Analysis,
    config_names: &BTreeSet<String>,
) -> Vec<JoinedPath> {
    let wanted = call.args[..positional]
        .iter()
        .any(|a| a.value == crate::syntax::Literal::Expr)
        || call.keywords.iter().any(|k| {
            k.value == crate::syntax::Literal::Expr
                && k.name
                    .as_deref()
                    .is_some_and(|n| PATH_KEYWORDS.contains(&n))
        });
    if !wanted || config_names.is_empty() {
        return Vec::new();
    }
    let f = &stmt.facts;
    let strings = python::scan(source, f.range.clone()).strings;
    let Some(toks) = tokens(source, call.range.clone(), &strings) else {
        return Vec::new();
    };
    let Some(args) = call_arguments(source, &toks) else {
        return Vec::new();
    };
    if args.iter().filter(|(k, _)| k.is_none()).count() != call.args.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, (keyword, value)) in args.iter().enumerate() {
        let path_arg = match keyword {
            None => i < positional && call.args[i].value == crate::syntax::Literal::Expr,
            Some(k) => PATH_KEYWORDS.contains(k),
        };
        if path_arg {
            out.extend(joined_path(
                source,
                value,
                stmt,
                call,
                analysis,
                config_names,
            ));
        }
    }
    out
}

/// Offsets of `word` as a whole identifier in `range` of `source`.
fn word_offsets<'a>(
    source: &'a str,
    range: &std::ops::Range<usize>,
    word: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    let start = range.start.min(source.len());
    let text = source.get(start..range.end.min(source.len())).unwrap_or("");
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).filter_map(move |(i, _)| {
        let before = text[..i].chars().next_back().is_some_and(ident);
        let after = text[i + word.len()..].chars().next().is_some_and(ident);
        (!before && !after).then_some(start + i)
    })
}

/// Path literals passed to load and save calls: a config constant for each path
/// (named from its file name), or the notebook's own config constant when one holds
/// the same string, and where each literal is replaced by that name. Paths joined from
/// config constants and literals ([`JoinedPath`]) become config constants too, after
/// the ones they read; the third result lists, by constant, the config constants and
/// imports each joined one reads.
fn lift_paths(
    analysis: &Analysis,
    items: &[Item],
    taken: &HashSet<String>,
    config_names: &BTreeSet<String>,
) -> (
    Vec<PathConstant>,
    Vec<PathSubstitution>,
    HashMap<String, JoinedPath>,
) {
    let model = &analysis.model;
    // Config constants that hold a string: `DATA = 'data/train.csv'`.
    let mut existing: HashMap<String, String> = HashMap::new();
    for item in items.iter().filter(|i| i.dest == Destination::Config) {
        let f = facts(analysis, item);
        if let (
            [target],
            Some(crate::syntax::AssignedValue::Literal(crate::syntax::Literal::Str(v))),
        ) = (f.targets.as_slice(), &f.value)
        {
            if config_names.contains(target) && f.defines == [target.clone()] {
                existing.entry(v.clone()).or_insert_with(|| target.clone());
            }
        }
    }
    let words = source_words(analysis);
    let mut used: HashSet<String> = HashSet::new();
    let mut by_value: HashMap<String, String> = HashMap::new();
    let mut constants: Vec<PathConstant> = Vec::new();
    let mut substitutions: Vec<PathSubstitution> = Vec::new();
    let mut joined_constants: HashMap<String, JoinedPath> = HashMap::new();
    for item in items {
        if matches!(item.dest, Destination::Drop | Destination::Config)
            || !matches!(item.kind, Kind::Code | Kind::Def)
        {
            continue;
        }
        let Some(source) = analysis
            .notebook
            .cells
            .get(item.cell)
            .map(|c| c.source.as_str())
        else {
            continue;
        };
        let stmt = &model.cell(item.cell).expect("cell").statements[item.stmt];
        let f = &stmt.facts;
        let mut found: Vec<std::ops::Range<usize>> = Vec::new();
        let mut joined: Vec<JoinedPath> = Vec::new();
        for (ci, c) in f.calls.iter().enumerate() {
            let qualified = stmt.qualified_calls.get(ci).map_or("", String::as_str);
            let module = c
                .root
                .as_ref()
                .is_some_and(|r| model.aliases.contains_key(r) && !c.local_receiver);
            let plain = !c.callee.contains(['.', '(', '[']);
            // A function of the notebook's own that shadows a library name.
            if plain && !module && taken.contains(&c.callee) {
                continue;
            }
            let chained = qualified.contains("()") || qualified.contains("[]");
            let Some(entry) = knowledge::api::lookup_call(qualified, &c.method, module && !chained)
            else {
                continue;
            };
            if !matches!(
                entry.kind,
                Some(knowledge::api::ApiKind::Loader | knowledge::api::ApiKind::Saver)
            ) {
                continue;
            }
            // A method on a value takes the path first (`df.to_csv(path)`); a library
            // function may take it anywhere (`joblib.dump(model, path)`).
            let method_on_value = !module && !plain;
            if method_on_value
                && knowledge::api::method_has_tag(&c.method, knowledge::api::ApiTag::Content)
            {
                continue;
            }
            let positional = if method_on_value {
                &c.args[..c.args.len().min(1)]
            } else {
                &c.args[..]
            };
            let mut values: Vec<&str> = positional
                .iter()
                .filter_map(|a| match &a.value {
                    crate::syntax::Literal::Str(v) => Some(v.as_str()),
                    _ => None,
                })
                .collect();
            for k in &c.keywords {
                if let (Some(name), crate::syntax::Literal::Str(v)) = (&k.name, &k.value) {
                    if PATH_KEYWORDS.contains(&name.as_str()) {
                        values.push(v);
                    }
                }
            }
            for v in values {
                if knowledge::paths::classify(v).is_none() {
                    continue;
                }
                // The literal itself: the one string with that value in the call.
                let mut same = f.strings.iter().filter(|s| {
                    s.value == v && s.range.start >= c.range.start && s.range.end <= c.range.end
                });
                let (Some(lit), None) = (same.next(), same.next()) else {
                    continue;
                };
                if !found.contains(&lit.range) {
                    found.push(lit.range.clone());
                }
            }
            for j in joined_paths_of_call(source, stmt, c, positional.len(), analysis, config_names)
            {
                if !joined.iter().any(|o| o.range == j.range) {
                    joined.push(j);
                }
            }
        }
        // Lifted literals are whole arguments, so they never lie inside a joined path;
        // a joined path inside another (a load call as an argument) leaves the outer one.
        let outer: Vec<std::ops::Range<usize>> = joined.iter().map(|j| j.range.clone()).collect();
        joined.retain(|j| {
            let overlaps =
                |r: &std::ops::Range<usize>| r.start < j.range.end && j.range.start < r.end;
            !found.iter().any(overlaps) && !outer.iter().any(|r| *r != j.range && overlaps(r))
        });
        let mut found: Vec<(std::ops::Range<usize>, Option<JoinedPath>)> = found
            .into_iter()
            .map(|r| (r, None))
            .chain(joined.into_iter().map(|j| (j.range.clone(), Some(j))))
            .collect();
        found.sort_by_key(|(r, _)| r.start);
        for (range, join) in found {
            // What `config.py` assigns, the value that names it, and the key that
            // makes the same path one constant.
            let (literal, value, key) = match &join {
                Some(j) => (j.text.clone(), j.value.clone(), format!("\u{0}{}", j.text)),
                None => {
                    let Some(literal) = plain_literal(source, &range) else {
                        continue;
                    };
                    let value = f
                        .strings
                        .iter()
                        .find(|s| s.range == range)
                        .map(|s| s.value.clone())
                        .unwrap_or_default();
                    (literal, value.clone(), value)
                }
            };
            let reuse = existing
                .get(&key)
                .filter(|n| !f.params.contains(n))
                .cloned();
            let name = match reuse {
                Some(n) => n,
                None => match by_value.get(&key) {
                    Some(n) => n.clone(),
                    None => {
                        let mut base = path_base_name(&value);
                        if base.is_empty() {
                            base = "DATA_PATH".into();
                        }
                        if !python::is_identifier(&base) {
                            base = format!("PATH_{base}");
                        }
                        let mut name = base.clone();
                        let mut n = 2;
                        while taken.contains(&name)
                            || words.contains(&name)
                            || used.contains(&name)
                            || knowledge::is_builtin(&name)
                            || !python::is_identifier(&name)
                        {
                            name = format!("{base}_{n}");
                            n += 1;
                        }
                        used.insert(name.clone());
                        by_value.insert(key, name.clone());
                        if let Some(j) = &join {
                            joined_constants.insert(name.clone(), j.clone());
                        }
                        constants.push(PathConstant {
                            name: name.clone(),
                            literal,
                            value,
                            cell: item.cell,
                        });
                        name
                    }
                },
            };
            substitutions.push(PathSubstitution {
                cell: item.cell,
                statement: item.stmt,
                range,
                name,
            });
        }
    }
    (constants, substitutions, joined_constants)
}

fn dependencies(analysis: &Analysis, api: bool, notes: &mut Vec<String>) -> Vec<String> {
    let mut deps = BTreeSet::new();
    for (_, s) in analysis.model.statements() {
        for imp in &s.facts.imports {
            let top = imp.target.split('.').next().unwrap_or("");
            if let Some(p) = python::pypi_name(top) {
                deps.insert(p);
            }
        }
    }
    for cell in &analysis.model.cells {
        for m in &cell.masked.magics {
            let text = format!("{} {}", m.name, m.args);
            let Some(pos) = text.find("pip install") else {
                continue;
            };
            let mut skip_next = false;
            let mut found = Vec::new();
            for tok in text[pos + "pip install".len()..].split_whitespace() {
                if skip_next {
                    skip_next = false;
                    continue;
                }
                if tok.starts_with('-') {
                    skip_next = matches!(
                        tok,
                        "-r" | "--requirement"
                            | "-c"
                            | "--constraint"
                            | "-i"
                            | "--index-url"
                            | "-f"
                    );
                    continue;
                }
                if tok
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-[]=<>!~,".contains(c))
                {
                    found.push(tok.to_string());
                }
            }
            if !found.is_empty() {
                notes.push(format!(
                    "`{}` (cell {}) became dependencies in pyproject.toml: {}.",
                    python::doc_safe(text.trim()),
                    cell.index,
                    found.join(", ")
                ));
            }
            deps.extend(found);
        }
    }
    if api {
        deps.insert("fastapi".into());
    }
    deps.into_iter().collect()
}

pub(super) fn extract(
    analysis: &Analysis,
    assigned: Assigned,
    package: String,
    level: u8,
    mut notes: Vec<String>,
) -> Plan {
    let Assigned {
        mut items,
        import_names,
        config_names,
        moved_defs,
        fallback,
        bound,
    } = assigned;
    let heads = headings(analysis);
    let (imports, star_imports) = import_lines(analysis);
    let mut namer = Namer {
        taken: bound
            .iter()
            .cloned()
            .chain(RESERVED.iter().map(|s| s.to_string()))
            .chain(imports.keys().cloned())
            .collect(),
    };
    let repo_var = ["repo", "repository", "file_repo", "_repo"]
        .into_iter()
        .find(|r| !bound.contains(*r))
        .unwrap_or("_pyarch_repo")
        .to_string();
    let uow_var = ["uow", "unit_of_work", "_uow"]
        .into_iter()
        .find(|r| !bound.contains(*r))
        .unwrap_or("_pyarch_uow")
        .to_string();

    // Magics and non-Python cells.
    for cell in &analysis.model.cells {
        if let Some(cm) = &cell.masked.cell_magic {
            if !cm.python_body {
                notes.push(format!(
                    "Cell {} is a `%%{}` cell (not Python); it was dropped.",
                    cell.index, cm.name
                ));
            }
        }
    }
    let dropped_magics: Vec<String> = items
        .iter()
        .filter(|i| i.kind == Kind::Magic)
        .filter_map(|i| {
            let c = analysis.model.cell(i.cell)?;
            let f = &c.statements[i.stmt].facts;
            let m = c
                .masked
                .magics
                .iter()
                .find(|m| m.range.start <= f.range.start && f.range.start < m.range.end)?;
            let text = analysis
                .notebook
                .cells
                .get(i.cell)?
                .source
                .get(m.range.clone())?
                .trim()
                .to_string();
            Some(format!("cell {}: `{}`", i.cell, python::doc_safe(&text)))
        })
        .collect();
    if !dropped_magics.is_empty() {
        notes.push(format!(
            "Dropped IPython magics and shell lines: {}.",
            dropped_magics.join(", ")
        ));
    }

    let mut functions: Vec<PlannedFunction> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    let mut function_of_item: HashMap<usize, String> = HashMap::new();
    let mut symbols: BTreeMap<String, String> = BTreeMap::new();
    // One per step (not in fallback mode): what the use cases are cut from.
    let mut step_infos: Vec<StepInfo> = Vec::new();
    // Domain statements that run in their use case rather than in a function.
    let mut inlined: HashSet<usize> = HashSet::new();

    if fallback {
        // Star imports and `__future__` imports cannot live inside a function.
        for item in &mut items {
            let f = facts(analysis, item);
            if f.imports
                .iter()
                .any(|i| i.local == "*" || i.target.starts_with("__future__"))
                && f.kind == crate::syntax::StmtKind::Import
            {
                item.dest = Destination::Drop;
            }
        }
        for cell in &analysis.notebook.cells {
            if cell.kind != CellKind::Code {
                continue;
            }
            let Some(model_cell) = analysis.model.cell(cell.index) else {
                continue;
            };
            if !model_cell.is_python {
                steps.push(Step::Skipped {
                    cell: cell.index,
                    reason: "not Python (cell magic)".into(),
                });
                continue;
            }
            let cell_items: Vec<usize> = (0..items.len())
                .filter(|&i| items[i].cell == cell.index)
                .collect();
            let kept: Vec<usize> = cell_items
                .iter()
                .copied()
                .filter(|&i| items[i].dest != Destination::Drop)
                .collect();
            if kept.is_empty() && model_cell.syntax_error.is_none() {
                continue;
            }
            let mut globals: Vec<String> = Vec::new();
            for &i in &kept {
                for b in &items[i].binds {
                    if !globals.contains(b) && b != "*" {
                        globals.push(b.clone());
                    }
                }
            }
            let role = kept
                .iter()
                .map(|&i| items[i].role)
                .find(|r| !matches!(r, Role::Import | Role::Setup));
            let heading = heads.get(&cell.index).cloned().unwrap_or_default();
            let base = if !heading.is_empty() {
                heading.clone()
            } else {
                role.map_or("setup".to_string(), |r| r.as_str().to_string())
            };
            let name = namer.unique(&format!("cell_{}_{}", cell.index, base));
            let stmts: Vec<usize> = kept.iter().map(|&i| items[i].stmt).collect();
            for &i in &kept {
                function_of_item.insert(i, name.clone());
            }
            functions.push(PlannedFunction {
                name: name.clone(),
                module: MODULE_CLI.into(),
                params: Vec::new(),
                returns: Vec::new(),
                sources: vec![source_ref(analysis, cell.index, &[])],
                kind: FunctionKind::Cell,
                statements: stmts
                    .iter()
                    .map(|&s| StmtRef {
                        cell: cell.index,
                        statement: s,
                    })
                    .collect(),
                mutates: Vec::new(),
                role,
                uses: Vec::new(),
                globals,
            });
            symbols.insert(name, MODULE_CLI.into());
            steps.push(Step::Call {
                function: functions.len() - 1,
            });
        }
    } else {
        // Moved defs and classes.
        for item in &items {
            if item.kind != Kind::Def {
                continue;
            }
            let Some(name) = &item.def_name else { continue };
            let Some(&dest) = moved_defs.get(name) else {
                continue;
            };
            let f = facts(analysis, item);
            functions.push(PlannedFunction {
                name: name.clone(),
                module: dest.module().into(),
                params: f.params.clone(),
                returns: Vec::new(),
                sources: vec![source_ref(analysis, item.cell, &[item.stmt])],
                kind: FunctionKind::Moved,
                statements: vec![StmtRef {
                    cell: item.cell,
                    statement: item.stmt,
                }],
                mutates: Vec::new(),
                role: Some(item.role),
                uses: item
                    .reads
                    .iter()
                    .filter(|r| {
                        *r != name
                            && (import_names.contains(*r)
                                || config_names.contains(*r)
                                || moved_defs.contains_key(*r))
                    })
                    .cloned()
                    .collect(),
                globals: Vec::new(),
            });
            symbols.insert(name.clone(), dest.module().into());
        }

        // Group the rest into steps.
        let mut groups: Vec<Group> = Vec::new();
        for (idx, item) in items.iter().enumerate() {
            let kind = match (item.kind, item.dest) {
                (_, Destination::Drop | Destination::Config) => continue,
                (Kind::Def, d) if d != Destination::Entrypoint && d != Destination::Exploration => {
                    continue
                }
                (
                    Kind::Code,
                    d @ (Destination::Domain | Destination::Repository | Destination::Service),
                ) => GroupKind::Run(d),
                (_, Destination::Exploration) => GroupKind::Explore,
                _ => GroupKind::Inline,
            };
            match groups.last_mut() {
                // A run of the domain goes on across cells when nothing of the
                // pipeline comes between (only markdown, imports, config or moved
                // definitions) and the next cell goes on transforming the frames the
                // run works on: consecutive transformations make one function.
                Some(g)
                    if g.kind == kind
                        && (g.cell == item.cell
                            || (kind == GroupKind::Run(Destination::Domain)
                                && transforms_the_same(&items, &g.items, item))) =>
                {
                    g.items.push(idx)
                }
                _ => groups.push(Group {
                    kind,
                    cell: item.cell,
                    items: vec![idx],
                }),
            }
        }
        // Where each name is last read, and what the nested functions need.
        let mut last_read: HashMap<&str, usize> = HashMap::new();
        for (idx, item) in items.iter().enumerate() {
            if item.dest == Destination::Drop {
                continue;
            }
            for r in &item.reads {
                last_read.insert(r.as_str(), idx);
            }
        }
        let closure_needs: HashSet<&str> = items
            .iter()
            .filter(|i| i.closure)
            .flat_map(|i| i.reads.iter().map(String::as_str))
            .collect();
        let is_module_level = |n: &str| {
            import_names.contains(n) || config_names.contains(n) || moved_defs.contains_key(n)
        };
        let is_pipeline = |n: &str| bound.contains(n) && !is_module_level(n);
        let mut live: HashSet<String> = HashSet::new();
        let uses_of = |ids: &[usize], exclude: &HashSet<String>| -> Vec<String> {
            let mut out = Vec::new();
            for &i in ids {
                for r in &items[i].reads {
                    if is_module_level(r) && !exclude.contains(r) && !out.contains(r) {
                        out.push(r.clone());
                    }
                }
            }
            out
        };
        // Steps with functions still unnamed: name them after all are known.
        let mut pending_names: Vec<(usize, Vec<String>)> = Vec::new();
        let defs: HashSet<String> = items
            .iter()
            .filter(|i| i.kind == Kind::Def)
            .filter_map(|i| i.def_name.clone())
            .collect();
        let item_io = |i: usize| Io {
            reads: items[i].reads.clone(),
            binds: items[i].binds.clone(),
            mutates: items[i].mutates.clone(),
            conditional: facts(analysis, &items[i]).kind == crate::syntax::StmtKind::Block,
        };
        let closure_reads = |ids: &[usize]| -> Vec<String> {
            ids.iter()
                .filter(|&&i| items[i].closure)
                .flat_map(|&i| items[i].reads.iter().cloned())
                .collect()
        };
        for g in &groups {
            let stmts: Vec<usize> = g.items.iter().map(|&i| items[i].stmt).collect();
            // One domain statement is not worth a function of its own: it runs in its
            // use case (unless the user asked for the domain).
            let one_liner = g.kind == GroupKind::Run(Destination::Domain)
                && g.items.len() == 1
                && !items[g.items[0]].overridden;
            if one_liner {
                inlined.insert(g.items[0]);
            }
            let kind = if one_liner {
                GroupKind::Inline
            } else {
                g.kind
            };
            match kind {
                GroupKind::Inline | GroupKind::Run(Destination::Service) => {
                    for &i in &g.items {
                        for b in &items[i].binds {
                            if is_pipeline(b) {
                                live.insert(b.clone());
                            }
                        }
                    }
                    steps.push(Step::Inline {
                        cell: g.cell,
                        statements: stmts,
                        uses: uses_of(&g.items, &HashSet::new()),
                    });
                    let phase = match g.kind {
                        _ if one_liner => StepPhase::Transform,
                        GroupKind::Run(_) => {
                            StepPhase::Model(model_phase(g.items.iter().map(|&i| items[i].role)))
                        }
                        _ => StepPhase::Attach,
                    };
                    step_infos.push(StepInfo {
                        io: g.items.iter().map(|&i| item_io(i)).collect(),
                        phase,
                        closure_reads: closure_reads(&g.items),
                        subject: model_subject(g.items.iter().map(|&i| &items[i])),
                        saves_submission: false,
                        defines: g
                            .items
                            .iter()
                            .filter_map(|&i| items[i].def_name.clone())
                            .collect(),
                        cell: g.cell,
                        lines: lines_of(analysis, g.items.iter().map(|&i| &items[i])),
                    });
                }
                GroupKind::Explore => {
                    steps.push(Step::Explore {
                        cell: g.cell,
                        statements: stmts,
                        uses: uses_of(&g.items, &HashSet::new()),
                    });
                    step_infos.push(StepInfo {
                        io: Vec::new(),
                        phase: StepPhase::Explore,
                        closure_reads: Vec::new(),
                        subject: None,
                        saves_submission: false,
                        defines: Vec::new(),
                        cell: g.cell,
                        lines: 0,
                    });
                }
                GroupKind::Run(dest) => {
                    let ios: Vec<Io> = g.items.iter().map(|&i| item_io(i)).collect();
                    let end = *g.items.last().expect("non-empty");
                    let needed = |n: &str| {
                        last_read.get(n).is_some_and(|&p| p > end) || closure_needs.contains(n)
                    };
                    let Signature {
                        params,
                        returns,
                        mutates,
                        locals,
                    } = liveness::signature(&ios, &live, is_pipeline, needed);
                    let exclude: HashSet<String> =
                        locals.iter().chain(params.iter()).cloned().collect();
                    let uses = uses_of(&g.items, &exclude);
                    live.extend(returns.iter().cloned());
                    let item_refs: Vec<&Item> = g.items.iter().map(|&i| &items[i]).collect();
                    let heading = heads.get(&g.cell).cloned().unwrap_or_default();
                    let mut candidates = run_names(
                        analysis,
                        &item_refs,
                        dest,
                        &NameContext {
                            heading: &heading,
                            imports: &import_names,
                            defs: &defs,
                            params: &params,
                            returns: &returns,
                        },
                    );
                    let spans_cells = item_refs.iter().any(|i| i.cell != g.cell);
                    if spans_cells && dest == Destination::Domain {
                        candidates.splice(0..0, transformation_names(&item_refs, &returns));
                    }
                    let role = item_refs.first().map(|i| i.role);
                    let loads = item_refs.iter().any(|i| i.role == Role::Load);
                    let phase = match dest {
                        Destination::Repository if loads => StepPhase::Load,
                        Destination::Repository => StepPhase::Attach,
                        _ => StepPhase::Transform,
                    };
                    step_infos.push(StepInfo {
                        io: vec![Io {
                            reads: params.clone(),
                            binds: returns.clone(),
                            mutates: mutates.clone(),
                            conditional: false,
                        }],
                        phase,
                        closure_reads: Vec::new(),
                        subject: candidates
                            .first()
                            .map(|c| c.trim_start_matches("load_").to_string())
                            .filter(|c| !c.is_empty()),
                        saves_submission: !loads
                            && candidates.first().is_some_and(|c| c.contains("submission")),
                        defines: Vec::new(),
                        cell: g.cell,
                        lines: 1,
                    });
                    functions.push(PlannedFunction {
                        name: String::new(),
                        module: dest.module().into(),
                        params,
                        returns,
                        sources: sources_of(analysis, g.items.iter().map(|&i| &items[i])),
                        kind: if dest == Destination::Repository {
                            FunctionKind::Method
                        } else {
                            FunctionKind::Extracted
                        },
                        statements: g
                            .items
                            .iter()
                            .map(|&i| StmtRef {
                                cell: items[i].cell,
                                statement: items[i].stmt,
                            })
                            .collect(),
                        mutates,
                        role,
                        uses,
                        globals: Vec::new(),
                    });
                    pending_names.push((functions.len() - 1, candidates));
                    steps.push(Step::Call {
                        function: functions.len() - 1,
                    });
                }
            }
        }
        let (indices, candidates): (Vec<usize>, Vec<Vec<String>>) =
            pending_names.into_iter().unzip();
        for (fi, name) in indices.into_iter().zip(namer.choose(&candidates)) {
            functions[fi].name = name.clone();
            if functions[fi].kind != FunctionKind::Method {
                symbols.insert(name, functions[fi].module.clone());
            }
        }
        for g in &groups {
            if let GroupKind::Run(_) = g.kind {
                let key = StmtRef {
                    cell: g.cell,
                    statement: items[g.items[0]].stmt,
                };
                if let Some(f) = functions
                    .iter()
                    .find(|f| f.statements.first() == Some(&key))
                {
                    for &i in &g.items {
                        function_of_item.insert(i, f.name.clone());
                    }
                }
            }
        }
        for (idx, item) in items.iter().enumerate() {
            match (item.kind, item.dest) {
                (Kind::Def, d) if d != Destination::Entrypoint && d != Destination::Exploration => {
                    if let Some(n) = &item.def_name {
                        function_of_item.insert(idx, n.clone());
                    }
                }
                (_, Destination::Entrypoint) => {
                    function_of_item.insert(idx, "run_pipeline".into());
                }
                _ => {}
            }
        }
    }

    // Path literals of loads and saves become config constants (not in fallback mode,
    // where the cells run on module globals as they are).
    let (path_constants, path_substitutions, joined_constants) = if fallback {
        (Vec::new(), Vec::new(), HashMap::new())
    } else {
        lift_paths(analysis, &items, &namer.taken, &config_names)
    };
    for sub in &path_substitutions {
        let at = StmtRef {
            cell: sub.cell,
            statement: sub.statement,
        };
        let uses = match functions.iter_mut().find(|f| f.statements.contains(&at)) {
            Some(f) => Some(&mut f.uses),
            None => steps.iter_mut().find_map(|s| match s.code_mut() {
                Some((cell, statements, uses))
                    if cell == sub.cell && statements.contains(&sub.statement) =>
                {
                    Some(uses)
                }
                _ => None,
            }),
        };
        if let Some(uses) = uses {
            if !uses.contains(&sub.name) {
                uses.push(sub.name.clone());
            }
        }
    }
    // A config constant that only a joined path read is no longer imported there.
    if !joined_constants.is_empty() {
        let prune = |uses: &mut Vec<String>, stmts: &mut dyn Iterator<Item = StmtRef>| {
            let stmts: Vec<StmtRef> = stmts.collect();
            let subs: Vec<&PathSubstitution> = path_substitutions
                .iter()
                .filter(|p| {
                    stmts.contains(&StmtRef {
                        cell: p.cell,
                        statement: p.statement,
                    })
                })
                .collect();
            let candidates: BTreeSet<&String> = subs
                .iter()
                .filter_map(|p| joined_constants.get(&p.name))
                .flat_map(|j| j.names.iter())
                .collect();
            for name in candidates {
                let elsewhere = stmts.iter().any(|at| {
                    let (Some(cell), Some(stmt)) = (
                        analysis.notebook.cells.get(at.cell),
                        analysis
                            .model
                            .cell(at.cell)
                            .and_then(|c| c.statements.get(at.statement)),
                    ) else {
                        return true;
                    };
                    let within = |i: usize| {
                        subs.iter().any(|p| {
                            p.cell == at.cell && p.statement == at.statement && p.range.contains(&i)
                        })
                    };
                    word_offsets(&cell.source, &stmt.facts.range, name).any(|i| !within(i))
                });
                if !elsewhere {
                    uses.retain(|u| u != name);
                }
            }
        };
        for f in functions.iter_mut() {
            prune(&mut f.uses, &mut f.statements.iter().copied());
        }
        for (cell, statements, uses) in steps.iter_mut().filter_map(Step::code_mut) {
            prune(
                uses,
                &mut statements
                    .iter()
                    .map(|&statement| StmtRef { cell, statement }),
            );
        }
    }
    for c in &path_constants {
        symbols.insert(c.name.clone(), MODULE_CONFIG.into());
    }

    // Config statements.
    let config: Vec<StmtRef> = items
        .iter()
        .filter(|i| i.dest == Destination::Config)
        .map(|i| StmtRef {
            cell: i.cell,
            statement: i.stmt,
        })
        .collect();
    let mut config_uses: Vec<String> = Vec::new();
    // Joined paths call imported functions (`os.path.join`, `Path`) in `config.py`.
    for c in &path_constants {
        for r in joined_constants
            .get(&c.name)
            .map_or(&[][..], |j| &j.imports[..])
        {
            if import_names.contains(r) && !config_uses.contains(r) {
                config_uses.push(r.clone());
            }
        }
    }
    for i in items.iter().filter(|i| i.dest == Destination::Config) {
        for r in &i.reads {
            if import_names.contains(r) && !config_uses.contains(r) {
                config_uses.push(r.clone());
            }
        }
    }

    // Placements; module-level imports go where their first user goes.
    let mut placements = Vec::new();
    for (idx, item) in items.iter().enumerate() {
        let mut destination = item.dest;
        if item.kind == Kind::Import && item.dest == Destination::Drop && !fallback {
            destination = items[idx + 1..]
                .iter()
                .chain(items[..idx].iter())
                .find(|o| {
                    o.dest != Destination::Drop && o.reads.iter().any(|r| item.binds.contains(r))
                })
                .map_or(Destination::Drop, |o| o.dest);
        }
        if inlined.contains(&idx) {
            destination = Destination::Service;
        }
        placements.push(Placement {
            cell: item.cell,
            statement: item.stmt,
            destination,
            function: function_of_item.get(&idx).cloned(),
            overridden: item.overridden,
        });
    }

    // The HTTP entrypoint: a function that predicts on new records.
    let mut api = None;
    if !fallback {
        for item in items.iter().filter(|i| {
            i.kind == Kind::Def && i.dest != Destination::Exploration && i.dest != Destination::Drop
        }) {
            let f = facts(analysis, item);
            let Some(name) = &f.def_name else { continue };
            if f.params.len() != 1 || f.kind != crate::syntax::StmtKind::FunctionDef {
                continue;
            }
            let predicts = name.contains("predict")
                || f.calls
                    .iter()
                    .any(|c| c.deferred && knowledge::api::is_prediction_method(&c.method));
            if !predicts {
                continue;
            }
            let example = analysis
                .model
                .statements()
                .flat_map(|(_, s)| s.facts.calls.iter())
                .filter(|c| !c.deferred && c.callee == *name)
                .find_map(|c| c.args.first().and_then(|a| a.root.clone()))
                .filter(|r| bound.contains(r) && !moved_defs.contains_key(r));
            api = Some(ApiPlan {
                function: name.clone(),
                module: moved_defs.get(name).map(|d| d.module().to_string()),
                example,
            });
            break;
        }
        if api.is_none() && items.iter().any(|i| i.role == Role::Predict) {
            notes.push("The notebook predicts, but no function takes new records (`def predict(records)`), so no HTTP entrypoint was generated.".into());
        }
    }
    for name in &config_names {
        symbols.insert(name.clone(), MODULE_CONFIG.into());
    }
    let dependencies = dependencies(analysis, api.is_some(), &mut notes);
    let use_cases = if fallback {
        Vec::new()
    } else {
        let is_pipeline = |n: &str| {
            bound.contains(n)
                && !(import_names.contains(n)
                    || config_names.contains(n)
                    || moved_defs.contains_key(n))
        };
        let keep: HashSet<String> = api
            .iter()
            .filter(|a| a.module.is_none())
            .map(|a| a.function.clone())
            .collect();
        let planned = use_cases::plan(&step_infos, is_pipeline, &keep);
        add_use_cases(
            analysis,
            planned,
            &steps,
            &mut functions,
            &mut namer,
            &mut symbols,
        )
    };
    for uc in &use_cases {
        let f = &functions[uc.function];
        for p in placements.iter_mut() {
            let at = StmtRef {
                cell: p.cell,
                statement: p.statement,
            };
            if f.statements.contains(&at) {
                p.function = Some(f.name.clone());
            }
        }
    }
    let printed_cells = printed_cells(analysis, &items, fallback);
    Plan {
        package,
        level,
        placements,
        functions,
        notes,
        steps,
        fallback,
        dependencies,
        config,
        config_uses,
        path_constants,
        path_substitutions,
        imports,
        star_imports,
        symbols,
        repo_var,
        uow_var,
        use_cases,
        printed_cells,
        api,
    }
}

/// What a run of model statements works on, for its use case's name: the model it
/// fits (`rf`), else the first value a training, evaluating or predicting statement
/// binds, else the first value it binds.
fn model_subject<'a>(items: impl Iterator<Item = &'a Item> + Clone) -> Option<String> {
    let first_bind = |roles: &[Role]| {
        items
            .clone()
            .filter(|i| roles.is_empty() || roles.contains(&i.role))
            .flat_map(|i| i.binds.iter())
            .find_map(|b| subject(b))
    };
    let fitted = items
        .clone()
        .flat_map(|i| i.mutates.iter())
        .find_map(|m| subject(m));
    fitted
        .or_else(|| first_bind(&[Role::Train, Role::Tune]))
        .or_else(|| first_bind(&[Role::Evaluate, Role::Predict]))
        .or_else(|| first_bind(&[]))
}

/// The phase of a run of model statements (the service layer's part of the notebook).
fn model_phase(roles: impl Iterator<Item = Role>) -> Phase {
    let roles: Vec<Role> = roles.collect();
    let has = |r: Role| roles.contains(&r);
    if has(Role::Tune) {
        Phase::Tune
    } else if has(Role::Train) || has(Role::Split) {
        Phase::Train
    } else if has(Role::Evaluate) {
        Phase::Evaluate
    } else if has(Role::Predict) {
        Phase::Predict
    } else {
        Phase::Train
    }
}

/// The planned use cases as functions of the service layer: named (first free
/// candidate), with the statements they run themselves, where they come from and the
/// module-level names they need (imports, config, the domain functions they call).
fn add_use_cases(
    analysis: &Analysis,
    planned: Vec<use_cases::Planned>,
    steps: &[Step],
    functions: &mut Vec<PlannedFunction>,
    namer: &mut Namer,
    symbols: &mut BTreeMap<String, String>,
) -> Vec<UseCase> {
    let candidates: Vec<Vec<String>> = planned.iter().map(|p| p.candidates.clone()).collect();
    let names = namer.choose(&candidates);
    let mut out = Vec::new();
    for (uc, name) in planned.into_iter().zip(names) {
        let mut statements = Vec::new();
        let mut sources: Vec<SourceRef> = Vec::new();
        let mut uses: Vec<String> = Vec::new();
        let add_use = |n: &String, uses: &mut Vec<String>| {
            if !uses.contains(n) {
                uses.push(n.clone());
            }
        };
        for &s in &uc.steps {
            match &steps[s] {
                Step::Call { function } => {
                    let f = &functions[*function];
                    if f.kind != FunctionKind::Method {
                        add_use(&f.name, &mut uses);
                    }
                    sources.extend(f.sources.iter().cloned());
                }
                Step::Inline {
                    cell,
                    statements: stmts,
                    uses: step_uses,
                } => {
                    statements.extend(stmts.iter().map(|&statement| StmtRef {
                        cell: *cell,
                        statement,
                    }));
                    for u in step_uses {
                        add_use(u, &mut uses);
                    }
                    sources.push(source_ref(analysis, *cell, stmts));
                }
                _ => {}
            }
        }
        let role = Some(match uc.phase {
            Phase::Prepare => Role::Clean,
            Phase::Train => Role::Train,
            Phase::Tune => Role::Tune,
            Phase::Evaluate => Role::Evaluate,
            Phase::Predict => Role::Predict,
            Phase::Steps => Role::Setup,
        });
        symbols.insert(name.clone(), MODULE_SERVICES.into());
        functions.push(PlannedFunction {
            name,
            module: MODULE_SERVICES.into(),
            params: uc.signature.params,
            returns: uc.signature.returns,
            sources: merge_sources(sources),
            kind: FunctionKind::UseCase,
            statements,
            mutates: uc.signature.mutates,
            role,
            uses,
            globals: Vec::new(),
        });
        out.push(UseCase {
            function: functions.len() - 1,
            steps: uc.steps,
        });
    }
    out
}

/// Whether `item`, the first of a new cell, goes on transforming what the run `run`
/// works on: it binds nothing new and rebinds or changes a value the run bound or
/// changed (`train = train.dropna()` after `train['Age'] = …`).
fn transforms_the_same(items: &[Item], run: &[usize], item: &Item) -> bool {
    let touched: HashSet<&String> = run
        .iter()
        .flat_map(|&i| items[i].binds.iter().chain(items[i].mutates.iter()))
        .collect();
    let changes: Vec<&String> = item.binds.iter().chain(item.mutates.iter()).collect();
    !changes.is_empty()
        && item.binds.iter().all(|b| touched.contains(b))
        && changes.iter().any(|c| touched.contains(c))
}

/// Names for a domain run that spans cells, from what it does to which values:
/// `prepare_train_and_test`, `clean_data`, `build_features`.
fn transformation_names(items: &[&Item], returns: &[String]) -> Vec<String> {
    let has = |r: Role| items.iter().any(|i| i.role == r);
    let what = match returns {
        [a] => subject(a),
        [a, b] => subject(a)
            .zip(subject(b))
            .map(|(a, b)| format!("{a}_and_{b}")),
        _ => None,
    };
    let what = what.unwrap_or_else(|| "data".into());
    match (has(Role::Clean), has(Role::Feature)) {
        (true, true) => vec![format!("prepare_{what}"), "prepare_data".into()],
        (true, false) => vec![format!("clean_{what}"), "clean_data".into()],
        _ => vec![format!("add_features_to_{what}"), "build_features".into()],
    }
}

/// How many source lines a run of items spans.
fn lines_of<'a>(analysis: &Analysis, items: impl Iterator<Item = &'a Item>) -> usize {
    items
        .filter_map(|i| {
            analysis
                .model
                .cell(i.cell)
                .and_then(|c| c.statements.get(i.stmt))
        })
        .map(|s| (s.span.end_line + 1).saturating_sub(s.span.line) as usize)
        .sum()
}

/// Where a run of items comes from: one range per cell.
fn sources_of<'a>(analysis: &Analysis, items: impl Iterator<Item = &'a Item>) -> Vec<SourceRef> {
    let mut by_cell: Vec<(usize, Vec<usize>)> = Vec::new();
    for item in items {
        match by_cell.last_mut() {
            Some((cell, stmts)) if *cell == item.cell => stmts.push(item.stmt),
            _ => by_cell.push((item.cell, vec![item.stmt])),
        }
    }
    by_cell
        .iter()
        .map(|(cell, stmts)| source_ref(analysis, *cell, stmts))
        .collect()
}

/// Source ranges of one cell that follow each other become one.
fn merge_sources(sources: Vec<SourceRef>) -> Vec<SourceRef> {
    let mut out: Vec<SourceRef> = Vec::new();
    for s in sources {
        match out.last_mut() {
            Some(last) if last.cell == s.cell => {
                last.first_line = last.first_line.min(s.first_line);
                last.last_line = last.last_line.max(s.last_line);
            }
            _ => out.push(s),
        }
    }
    out
}

/// Code cells whose every printing statement runs in the exported pipeline (so what the
/// notebook printed there, the entrypoint prints too), in order.
fn printed_cells(analysis: &Analysis, items: &[Item], fallback: bool) -> Vec<usize> {
    let mut out = Vec::new();
    for cell in analysis.notebook.code_cells() {
        let printing: Vec<&Item> = items
            .iter()
            .filter(|i| i.cell == cell.index && i.prints)
            .collect();
        if printing.is_empty() {
            continue;
        }
        let runs = |i: &&Item| {
            fallback
                || !matches!(
                    i.dest,
                    Destination::Exploration | Destination::Drop | Destination::Config
                )
        };
        if printing.iter().all(runs) {
            out.push(cell.index);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lose_tags_and_section_numbers() {
        assert_eq!(
            heading_text(" <h1><center> III. ML Approach"),
            "ML Approach"
        );
        assert_eq!(heading_text("4.2. Remove Outliers"), "Remove Outliers");
        assert_eq!(heading_text("Step 3: Tidying the data"), "Tidying the data");
        assert_eq!(heading_text("Section 1-0 - First Cut"), "First Cut");
        assert_eq!(heading_text("Part I: Time series"), "Time series");
        assert_eq!(heading_text("2019 results"), "2019 results");
        assert_eq!(heading_text("I love pandas"), "I love pandas");
        assert_eq!(heading_text("Step"), "Step");
    }

    #[test]
    fn names_are_short_and_say_their_verb_once() {
        assert_eq!(
            verb_subject("predict", "proba", true).as_deref(),
            Some("predict_proba")
        );
        assert_eq!(
            verb_subject("evaluate", "y_pred", true).as_deref(),
            Some("make_y_pred")
        );
        assert_eq!(
            verb_subject("evaluate", "y_pred", false).as_deref(),
            Some("evaluate_y_pred")
        );
        assert_eq!(
            verb_subject("compute", "submission", true).as_deref(),
            Some("make_submission")
        );
        assert_eq!(verb_subject("load", "loaded", true), None);
        assert_eq!(path_subject("MODEL_PATH").as_deref(), Some("model"));
        assert_eq!(
            path_subject("data/microbiome.csv").as_deref(),
            Some("microbiome")
        );
        assert_eq!(
            tidy_name("add_new_annual_inc_and_new_annual_inc_bin", 5, 0).as_deref(),
            Some("add_new_annual_inc")
        );
        assert_eq!(tidy_name(&"x".repeat(60), 5, 2).map(|n| n.len()), Some(38));
        let mut namer = Namer {
            taken: ["predict".to_string()].into_iter().collect(),
        };
        let chosen = namer.choose(&[
            vec!["predict".into(), "predict_new_inputs".into()],
            vec!["train_model".into()],
            vec!["train_model".into()],
            vec!["list".into(), "a".repeat(41)],
        ]);
        assert_eq!(
            chosen,
            [
                "predict_new_inputs",
                "train_model",
                "train_model_2",
                "list_2"
            ]
        );
    }
}
