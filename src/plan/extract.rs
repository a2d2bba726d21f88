//! The run-it-all sequence and the functions: runs of consecutive statements with the
//! same destination become functions whose parameters are the pipeline values they
//! read and whose return values are the ones they bind or change that later code reads.

use super::assign::{Assigned, Item, Kind, RESERVED};
use super::python::{self, snake};
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

impl Namer {
    fn unique(&mut self, base: &str) -> String {
        let mut base = snake(base);
        if base.is_empty() {
            base = "step".into();
        }
        let parts: Vec<&str> = base.split('_').filter(|p| !p.is_empty()).take(5).collect();
        let base = parts.join("_");
        let base = if python::is_identifier(&base) {
            base
        } else {
            format!("step_{base}")
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name)
            || python::is_keyword(&name)
            || knowledge::is_builtin(&name)
        {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// The nearest markdown heading above each cell, as an identifier (may be empty).
fn headings(analysis: &Analysis) -> HashMap<usize, String> {
    let mut current = String::new();
    let mut out = HashMap::new();
    for cell in &analysis.notebook.cells {
        if cell.kind == CellKind::Markdown {
            if let Some(h) = cell
                .source
                .lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .map(|l| l.trim_start().trim_start_matches('#').trim())
                .rfind(|l| !l.is_empty())
            {
                let words: Vec<String> = snake(h)
                    .split('_')
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect();
                current = if words.is_empty() || words.len() > 5 {
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

/// A name for a run from what its statements do, its role and the heading above it.
fn run_base_name(
    analysis: &Analysis,
    items: &[&Item],
    dest: Destination,
    heading: &str,
    imports: &BTreeSet<String>,
) -> String {
    let roles: Vec<Role> = items.iter().map(|i| i.role).collect();
    let has = |r: Role| roles.contains(&r);
    let all_calls: Vec<(&StmtFacts, &crate::syntax::CallFact)> = items
        .iter()
        .flat_map(|i| {
            let f = facts(analysis, i);
            f.calls.iter().filter(|c| !c.deferred).map(move |c| (f, c))
        })
        .collect();
    let save_call = all_calls.iter().find(|(_, c)| {
        matches!(
            c.method.as_str(),
            "to_csv"
                | "to_parquet"
                | "to_excel"
                | "to_json"
                | "to_pickle"
                | "dump"
                | "savefig"
                | "save"
                | "savetxt"
        )
    });
    if dest == Destination::Repository || has(Role::Load) || has(Role::Persist) {
        if let Some((_, c)) =
            save_call.filter(|_| dest == Destination::Repository || has(Role::Persist))
        {
            let target = c
                .root
                .clone()
                .filter(|r| !imports.contains(r))
                .or_else(|| c.args.first().and_then(|a| a.root.clone()))
                .and_then(|r| short_name(&r));
            return match target {
                Some(t) => format!("save_{t}"),
                None => "save_outputs".into(),
            };
        }
        if dest == Destination::Repository || has(Role::Load) {
            let binds: Vec<String> = items
                .iter()
                .flat_map(|i| i.binds.iter())
                .filter_map(|b| short_name(b))
                .collect();
            return match binds.as_slice() {
                [a] => format!("load_{a}_data"),
                [a, b, ..] => format!("load_{a}_and_{b}"),
                [] => "load_data".into(),
            };
        }
    }
    if dest == Destination::Service {
        for (role, name) in [
            (Role::Train, "train_model"),
            (Role::Tune, "tune_model"),
            (Role::Predict, "predict"),
            (Role::Evaluate, "evaluate_model"),
            (Role::Split, "split_data"),
        ] {
            if has(role) {
                return name.into();
            }
        }
        if !heading.is_empty() {
            return heading.into();
        }
        return "run_model_step".into();
    }
    if dest == Destination::Domain {
        if has(Role::Feature) && roles.first() == Some(&Role::Feature) {
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
            return match keys.as_slice() {
                [a] => format!("add_{a}"),
                [a, b, ..] => format!("add_{a}_and_{b}"),
                [] if !heading.is_empty() => heading.into(),
                [] => "build_features".into(),
            };
        }
        for (f, c) in &all_calls {
            let name = match c.method.as_str() {
                "fillna" => Some(
                    first_string_in(f, &c.range).map_or("fill_missing_values".into(), |k| {
                        format!("fill_missing_{k}")
                    }),
                ),
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
            if let Some(n) = name {
                return n;
            }
        }
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
        if let Some(k) = keys.first() {
            return format!("add_{k}");
        }
        if !heading.is_empty() {
            return heading.into();
        }
        return if has(Role::Feature) {
            "build_features".into()
        } else {
            "prepare_data".into()
        };
    }
    if !heading.is_empty() {
        heading.into()
    } else {
        roles
            .first()
            .map_or("step".into(), |r| r.as_str().to_string())
    }
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

/// Loader and saver methods whose first argument is not a path (`f.write(text)`).
const CONTENT_METHODS: &[&str] = &[
    "write",
    "writelines",
    "write_text",
    "write_bytes",
    "writerow",
    "writerows",
    "execute",
    "commit",
    "read",
    "readline",
    "readlines",
    "fetchall",
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

/// Path literals passed to load and save calls: a config constant for each path
/// (named from its file name), or the notebook's own config constant when one holds
/// the same string, and where each literal is replaced by that name.
fn lift_paths(
    analysis: &Analysis,
    items: &[Item],
    taken: &HashSet<String>,
    config_names: &BTreeSet<String>,
) -> (Vec<PathConstant>, Vec<PathSubstitution>) {
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
            if method_on_value && CONTENT_METHODS.contains(&c.method.as_str()) {
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
        }
        found.sort_by_key(|r| r.start);
        for range in found {
            let Some(literal) = plain_literal(source, &range) else {
                continue;
            };
            let value = f
                .strings
                .iter()
                .find(|s| s.range == range)
                .map(|s| s.value.clone())
                .unwrap_or_default();
            let reuse = existing
                .get(&value)
                .filter(|n| !f.params.contains(n))
                .cloned();
            let name = match reuse {
                Some(n) => n,
                None => match by_value.get(&value) {
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
                        by_value.insert(value.clone(), name.clone());
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
    (constants, substitutions)
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
                Some(g) if g.cell == item.cell && g.kind == kind => g.items.push(idx),
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
        let mut pending_names: Vec<(usize, String)> = Vec::new();
        for g in &groups {
            let stmts: Vec<usize> = g.items.iter().map(|&i| items[i].stmt).collect();
            match g.kind {
                GroupKind::Inline => {
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
                }
                GroupKind::Explore => steps.push(Step::Explore {
                    cell: g.cell,
                    statements: stmts,
                    uses: uses_of(&g.items, &HashSet::new()),
                }),
                GroupKind::Run(dest) => {
                    let mut locals: Vec<String> = Vec::new();
                    let mut params: Vec<String> = Vec::new();
                    let mut mutated: Vec<String> = Vec::new();
                    let mut conditional: Vec<String> = Vec::new();
                    for &i in &g.items {
                        let item = &items[i];
                        for r in &item.reads {
                            if !locals.contains(r)
                                && !params.contains(r)
                                && is_pipeline(r)
                                && live.contains(r)
                            {
                                params.push(r.clone());
                            }
                        }
                        for m in &item.mutates {
                            if is_pipeline(m) && !mutated.contains(m) {
                                mutated.push(m.clone());
                            }
                        }
                        let block = facts(analysis, item).kind == crate::syntax::StmtKind::Block;
                        for b in &item.binds {
                            if !locals.contains(b) {
                                locals.push(b.clone());
                            }
                            if block && !conditional.contains(b) {
                                conditional.push(b.clone());
                            }
                        }
                    }
                    let end = *g.items.last().expect("non-empty");
                    let needed = |n: &str| {
                        last_read.get(n).is_some_and(|&p| p > end) || closure_needs.contains(n)
                    };
                    let mut returns: Vec<String> = Vec::new();
                    for n in locals.iter().chain(mutated.iter()) {
                        if is_pipeline(n) && needed(n) && !returns.contains(n) {
                            returns.push(n.clone());
                        }
                    }
                    // A name bound only inside a block keeps its earlier value when the
                    // block does not bind it: pass that value in.
                    for n in &conditional {
                        if returns.contains(n) && live.contains(n) && !params.contains(n) {
                            params.push(n.clone());
                        }
                    }
                    let mutates: Vec<String> = mutated
                        .iter()
                        .filter(|m| params.contains(m))
                        .cloned()
                        .collect();
                    let exclude: HashSet<String> =
                        locals.iter().chain(params.iter()).cloned().collect();
                    let uses = uses_of(&g.items, &exclude);
                    live.extend(returns.iter().cloned());
                    let item_refs: Vec<&Item> = g.items.iter().map(|&i| &items[i]).collect();
                    let heading = heads.get(&g.cell).cloned().unwrap_or_default();
                    let base = run_base_name(analysis, &item_refs, dest, &heading, &import_names);
                    let role = item_refs.first().map(|i| i.role);
                    functions.push(PlannedFunction {
                        name: String::new(),
                        module: dest.module().into(),
                        params,
                        returns,
                        sources: vec![source_ref(analysis, g.cell, &stmts)],
                        kind: if dest == Destination::Repository {
                            FunctionKind::Method
                        } else {
                            FunctionKind::Extracted
                        },
                        statements: stmts
                            .iter()
                            .map(|&s| StmtRef {
                                cell: g.cell,
                                statement: s,
                            })
                            .collect(),
                        mutates,
                        role,
                        uses,
                        globals: Vec::new(),
                    });
                    pending_names.push((functions.len() - 1, base));
                    steps.push(Step::Call {
                        function: functions.len() - 1,
                    });
                }
            }
        }
        for (fi, base) in pending_names {
            let name = namer.unique(&base);
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
    let (path_constants, path_substitutions) = if fallback {
        (Vec::new(), Vec::new())
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
            None => steps.iter_mut().find_map(|s| match s {
                Step::Inline {
                    cell,
                    statements,
                    uses,
                }
                | Step::Explore {
                    cell,
                    statements,
                    uses,
                } if *cell == sub.cell && statements.contains(&sub.statement) => Some(uses),
                _ => None,
            }),
        };
        if let Some(uses) = uses {
            if !uses.contains(&sub.name) {
                uses.push(sub.name.clone());
            }
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
                || f.calls.iter().any(|c| {
                    c.deferred && matches!(c.method.as_str(), "predict" | "predict_proba")
                });
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
        api,
    }
}
