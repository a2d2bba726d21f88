//! Names for the generated functions: a ranked list of candidates for each run of
//! statements (what its statements do, the role's verb and what it produces, what it
//! acts on, the heading above, what it reads) and a namer that gives each run its first
//! free candidate, with a numeric suffix only when all are taken.

use super::assign::Item;
use super::extract::facts;
use super::python::{self, snake};
use super::split::Part;
use super::*;
use crate::knowledge;
use crate::knowledge::api::ApiKind;
use crate::notebook::CellKind;
use crate::syntax::{AssignedValue, CallFact, QualifiedName, StmtFacts};
use std::collections::{BTreeSet, HashMap, HashSet};

pub(super) struct Namer {
    pub taken: HashSet<String>,
}

/// Longest name a generated function gets.
const MAX_NAME: usize = 40;

/// Words a name must not end on once it was shortened (`add_age_and`).
const DANGLING: &[&str] = &["and", "with", "of", "to", "the", "by", "for", "in", "on"];

/// A candidate as a function name: snake case, at most `words` words and [`MAX_NAME`]
/// characters with room for `extra` more, a valid identifier; `None` when empty.
pub(super) fn tidy_name(base: &str, words: usize, extra: usize) -> Option<String> {
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
    pub(super) fn free(&self, name: &str) -> bool {
        !self.taken.contains(name) && !python::is_keyword(name) && !knowledge::is_builtin(name)
    }

    /// `base`, or `base_2`, `base_3`, … when it is taken.
    pub(super) fn unique(&mut self, base: &str) -> String {
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
    pub(super) fn choose(&mut self, candidates: &[Vec<String>]) -> Vec<String> {
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
pub(super) fn heading_text(line: &str) -> String {
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
pub(super) fn headings(analysis: &Analysis) -> HashMap<usize, String> {
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

fn first_string_in(f: &StmtFacts, range: &std::ops::Range<usize>) -> Option<String> {
    f.strings
        .iter()
        .filter(|s| s.range.start >= range.start && s.range.end <= range.end)
        .map(|s| snake(&s.value))
        .find(|s| !s.is_empty() && s.len() <= 30)
}

pub(super) fn short_name(name: &str) -> Option<String> {
    let s = snake(name);
    (!s.is_empty() && !matches!(s.as_str(), "df" | "data" | "x" | "y" | "tmp")).then_some(s)
}

/// A value's name as what a function produces or works on (`X_train` → `x_train`);
/// `None` for throwaway names (`df`, `tmp`, one letter).
pub(super) fn subject(name: &str) -> Option<String> {
    let s = snake(name);
    let weak = s.len() < 2 || matches!(s.as_str(), "df" | "data" | "tmp" | "temp");
    (!weak).then_some(s)
}

/// `verb_subject`, unless the subject already says what the verb would: predictions
/// a run produces are made (`make_y_pred`, `make_submission`), a repeated verb becomes
/// `compute` (`evaluate` + `eval_loss`), and loads and saves of `loaded` or `saved`
/// get no name.
pub(super) fn verb_subject(verb: &str, subject: &str, produced: bool) -> Option<String> {
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
    knowledge::api::kind_of(&QualifiedName::dotted(&c.method))
        == Some(knowledge::api::ApiKind::CrossValidation)
}

/// `MODEL_PATH` → `model`, `data/microbiome.csv` → `microbiome`: what a path names.
pub(super) fn path_subject(text: &str) -> Option<String> {
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
pub(super) struct NameContext<'a> {
    pub heading: &'a str,
    pub imports: &'a BTreeSet<String>,
    /// The notebook's own `def` and `class` names.
    pub defs: &'a HashSet<String>,
    pub params: &'a [String],
    pub returns: &'a [String],
}

/// The call's qualified name (`pd.read_csv` → `pandas.read_csv`).
fn qualified<'a>(analysis: &'a Analysis, item: &Item, ci: usize) -> Option<&'a QualifiedName> {
    analysis
        .model
        .cell(item.cell)
        .and_then(|c| c.statements.get(item.stmt))
        .and_then(|s| s.qualified_calls.get(ci))
}

/// Candidate names for a run, best first: what its statements do (`fill_missing_age`,
/// `save_submission`), its role's verb and what it produces (`predict_proba`), what it
/// mainly acts on (`train_rf`, `predict_new_inputs`, `report_accuracy`), the heading
/// above it, its verb and what it reads, and last a generic name for its role.
pub(super) fn run_names(
    analysis: &Analysis,
    items: &[&Item],
    dest: Destination,
    cx: &NameContext,
) -> Vec<String> {
    let run = RunNamer::new(analysis, items, dest, cx);
    if let Some(names) = run.io_names() {
        return names;
    }
    let shape = run.shape();
    let mut names: Vec<String> = Vec::new();
    let generic = run.step_names(&shape, &mut names);
    run.model_names(&shape, &mut names);
    let pair = run.product_names(&shape, &mut names);
    let (print_only, report) = run.shown_names(&shape, &mut names);
    run.own_call_names(&shape, &mut names);
    names.extend(pair);
    if !cx.heading.is_empty() {
        names.push(cx.heading.to_string());
    }
    run.param_names(&shape, print_only, report, &mut names);
    names.push(generic);
    names
}

/// What a run of statements does, as far as naming it needs: its roles, its calls
/// and the names it binds.
struct RunNamer<'a> {
    analysis: &'a Analysis,
    items: &'a [&'a Item],
    dest: Destination,
    cx: &'a NameContext<'a>,
    roles: Vec<Role>,
    all_calls: Vec<(&'a StmtFacts, &'a CallFact)>,
    binds: Vec<&'a String>,
}

/// The run's main role and verb, the models it builds and what it produces.
struct RunShape {
    main: Option<Role>,
    verb: &'static str,
    built: Vec<(String, Option<String>)>,
    product: Option<String>,
    in_place: bool,
    product_verb: &'static str,
}

impl<'a> RunNamer<'a> {
    fn new(
        analysis: &'a Analysis,
        items: &'a [&'a Item],
        dest: Destination,
        cx: &'a NameContext<'a>,
    ) -> RunNamer<'a> {
        let all_calls = items
            .iter()
            .flat_map(|i| {
                let f = facts(analysis, i);
                f.calls
                    .iter()
                    .filter(|c| !c.deferred && i.part.holds(&c.range))
                    .map(move |c| (f, c))
            })
            .collect();
        let mut binds: Vec<&String> = Vec::new();
        for b in items.iter().flat_map(|i| i.binds.iter()) {
            if !binds.contains(&b) && !cx.defs.contains(b) {
                binds.push(b);
            }
        }
        RunNamer {
            analysis,
            items,
            dest,
            cx,
            roles: items.iter().map(|i| i.role).collect(),
            all_calls,
            binds,
        }
    }

    /// A value of the notebook, not an import or one of its own functions.
    fn is_value(&self, n: &str) -> bool {
        !self.cx.imports.contains(n) && !self.cx.defs.contains(n)
    }

    /// A call of the notebook's own functions (`predict(new_inputs)`).
    fn own_call(&self, c: &CallFact) -> bool {
        c.callee.is_plain_name() && self.cx.defs.contains(c.callee.as_str())
    }

    /// The first library call that saves a value (role `Persist` from the API table;
    /// not the notebook's own functions, nor `open(…, 'w')`, which only opens a file).
    fn save_call(&self) -> Option<(&'a StmtFacts, &'a CallFact)> {
        let analysis = self.analysis;
        self.items
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
            .next()
    }

    /// The file a load or save names: a path literal or a constant holding one.
    fn path_name(&self) -> Option<String> {
        let imports = self.cx.imports;
        self.all_calls.iter().find_map(|(f, c)| {
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
    }

    /// Loads and saves: what is saved or loaded, and from which file. `None` for a
    /// run that neither loads nor saves.
    fn io_names(&self) -> Option<Vec<String>> {
        let (dest, cx) = (self.dest, self.cx);
        let (roles, all_calls, binds) = (&self.roles, &self.all_calls, &self.binds);
        let (heading, imports) = (cx.heading, cx.imports);
        let has = |r: Role| roles.contains(&r);
        let own_call = |c: &CallFact| self.own_call(c);
        let save_call = self.save_call();
        let path_name = || self.path_name();
        let mut names: Vec<String> = Vec::new();
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
                return Some(names);
            }
            if dest == Destination::Repository || has(Role::Load) {
                let what = binds.first().map_or("data".to_string(), |b| snake(b));
                // The load of a split statement: raw data, prepared in the pipeline.
                if self.items.iter().any(|i| matches!(i.part, Part::Load(_))) {
                    names.push(format!("load_raw_{what}"));
                }
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
                    names.push(format!("load_prepared_{what}"));
                }
                if let [a] = loaded.as_slice() {
                    names.push(format!("read_{a}"));
                }
                // `nltk.download('punkt')`: named for what it downloads.
                let downloaded = all_calls.iter().find_map(|(_, c)| match c.args.first() {
                    Some(crate::syntax::Arg {
                        value: crate::syntax::Literal::Str(what),
                        ..
                    }) if c.method == "download" => short_name(&snake(what)),
                    _ => None,
                });
                if let Some(what) = downloaded {
                    names.push(format!("download_{what}"));
                }
                names.push("load_data".into());
                names.push(heading.to_string());
                return Some(names);
            }
        }

        None
    }

    /// The role the run is named for, its verb, and what it produces.
    fn shape(&self) -> RunShape {
        let (analysis, items, dest, cx) = (self.analysis, self.items, self.dest, self.cx);
        let (roles, all_calls, binds) = (&self.roles, &self.all_calls, &self.binds);
        let has = |r: Role| roles.contains(&r);
        let is_value = |n: &str| self.is_value(n);
        let own_call = |c: &CallFact| self.own_call(c);
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
            let kind = qualified(analysis, i, *ci).and_then(knowledge::api::kind_of);
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

        RunShape {
            main,
            verb,
            built,
            product: product.cloned(),
            in_place,
            product_verb,
        }
    }

    /// What the statements do: cleaning steps and new columns for the domain, the
    /// modelling step for the service layer. Returns the generic name, tried last.
    fn step_names(&self, shape: &RunShape, names: &mut Vec<String>) -> String {
        let (analysis, items, dest) = (self.analysis, self.items, self.dest);
        let (roles, all_calls) = (&self.roles, &self.all_calls);
        let has = |r: Role| roles.contains(&r);
        let (product, in_place) = (shape.product.as_ref(), shape.in_place);
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
                for (f, c) in all_calls.iter() {
                    // `df.Age.fillna(…)`: the column is the attribute before the method.
                    let column = || {
                        first_string_in(f, &c.range).or_else(|| {
                            let parts = c.callee.segments();
                            (parts.len() >= 3)
                                .then(|| &parts[parts.len() - 2])
                                .filter(|p| p.accesses.is_empty())
                                .map(|p| p.name.as_str())
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

        generic
    }

    /// The model a run fits or cross-validates, or the one it builds.
    fn model_names(&self, shape: &RunShape, names: &mut Vec<String>) {
        let all_calls = &self.all_calls;
        let is_value = |n: &str| self.is_value(n);
        let (main, verb, built) = (shape.main, shape.verb, &shape.built);
        if matches!(main, Some(Role::Train | Role::Tune | Role::Evaluate)) {
            let fitted = all_calls.iter().find_map(|(_, c)| {
                if fits_model(c) {
                    c.root
                        .clone()
                        .filter(|r| is_value(r) && c.callee.dots() == 1)
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
    }

    /// What the run produces: an update through one method of the value, the product
    /// with its verb. Returns the name of a produced pair, tried later.
    fn product_names(&self, shape: &RunShape, names: &mut Vec<String>) -> Option<String> {
        let cx = self.cx;
        let all_calls = &self.all_calls;
        let (product, product_verb) = (shape.product.as_ref(), shape.product_verb);
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
                // Values made on the way (`data = add_features(clean(data))`): more
                // than a selection.
                let prepares = self.binds.iter().any(|b| !cx.returns.contains(b));
                if prepares {
                    names.push("prepare_features_and_target".into());
                }
                names.push("select_features_and_target".into());
                None
            }
            [a, b] => match (subject(a), subject(b)) {
                (Some(a), Some(b)) => verb_subject(product_verb, &format!("{a}_and_{b}"), false),
                _ => None,
            },
            _ => None,
        };
        pair
    }

    /// What it mainly acts on: the model it predicts with, what it prints, the
    /// notebook's own functions it calls. Returns whether it only prints and whether
    /// it evaluates.
    fn shown_names(&self, shape: &RunShape, names: &mut Vec<String>) -> (bool, bool) {
        let (analysis, items) = (self.analysis, self.items);
        let all_calls = &self.all_calls;
        let is_value = |n: &str| self.is_value(n);
        let own_call = |c: &CallFact| self.own_call(c);
        let main = shape.main;
        if main == Some(Role::Predict) {
            let model = all_calls.iter().find_map(|(_, c)| {
                knowledge::api::is_prediction_method(&c.method)
                    .then(|| c.root.clone())
                    .flatten()
                    .filter(|r| is_value(r) && c.callee.dots() == 1)
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
                    let metric = qualified(analysis, i, ci).is_some_and(knowledge::api::is_metric)
                        || ["_score", "_error", "_report", "_matrix"]
                            .iter()
                            .any(|s| c.method.ends_with(s));
                    if metric {
                        let m = c.method.trim_end_matches("_score").to_string();
                        shown = Some((true, m));
                        break 'items;
                    }
                    if own_call(c) && shown.is_none() {
                        shown = Some((false, c.callee.to_string()));
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
        (print_only, report)
    }

    /// `train(…)` and `evaluate(…)` make `train_and_evaluate`; `predict(new_inputs)`
    /// makes `predict_new_inputs`.
    fn own_call_names(&self, shape: &RunShape, names: &mut Vec<String>) {
        let (analysis, items) = (self.analysis, self.items);
        let all_calls = &self.all_calls;
        let is_value = |n: &str| self.is_value(n);
        let own_call = |c: &CallFact| self.own_call(c);
        let main = shape.main;
        let mut verbs: Vec<String> = Vec::new();
        for (_, c) in all_calls.iter() {
            let v = snake(c.callee.as_str());
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
                let callee = snake(c.callee.as_str());
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
    }

    /// Its verb and what it reads, the latest value first: `report_y_knn`.
    fn param_names(
        &self,
        shape: &RunShape,
        print_only: bool,
        report: bool,
        names: &mut Vec<String>,
    ) {
        let cx = self.cx;
        let verb = shape.verb;
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
    }
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
