//! Properties of the whole pipeline on generated notebooks (proptest, 64 cases each):
//!
//! (a) masking keeps every position: in a notebook whose cells mix magics, code and
//!     Unicode, the masked text has the source's length and newlines, bytes outside the
//!     magics are unchanged, and every range of the model (statements, names read, calls,
//!     imports, strings, findings) points at the original text;
//! (b) every exported `.py` file parses;
//! (c) the plan never loses a statement: every statement of every code cell has exactly
//!     one placement (exported, exploration or drop).
//!
//! Cells are drawn from a grammar of realistic pandas/sklearn statements with random
//! names (Unicode ones too), magics, markdown headings (hostile ones too) and a few
//! broken cells.

use proptest::prelude::*;
use pyarch::analysis::Analysis;
use pyarch::finding::Finding;
use pyarch::model::CellModel;
use pyarch::notebook::read::parse_ipynb;
use pyarch::plan::{plan, render, Destination, Override, Plan, PlanOptions};
use pyarch::rules::Selection;
use pyarch::syntax::parse_cell;
use serde_json::{json, Value};
use std::collections::HashSet;

// ---------------------------------------------------------------------------------------
// The grammar

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
    // Soft keywords and names IPython treats as automagics when alone on a line.
    "match", "case", "type", "cd", "ls", "pip", "conda", "env", "pwd", "who", "load", "run",
];

/// Names: random identifiers, Unicode identifiers, and names that collide with what the
/// exporter generates or imports.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z][a-z0-9_]{0,6}".prop_filter("not a keyword", |n| !KEYWORDS.contains(&n.as_str())),
        2 => prop::sample::select(vec!["df", "data", "train", "test", "X", "y", "model", "preds", "X_train", "y_train"])
            .prop_map(String::from),
        1 => prop::sample::select(vec!["데이터", "모델", "données", "αβγ", "число"]).prop_map(String::from),
        1 => prop::sample::select(vec![
            "pd", "np", "os", "config", "main", "run_pipeline", "repository", "repo", "services", "model",
            "list", "id", "print", "self", "_", "__name__", "Path", "abc", "FileRepository", "settings",
        ])
        .prop_map(String::from),
    ]
}

/// Text safe inside a single-quoted Python string: letters, digits, spaces and Unicode
/// from several planes (right-to-left included).
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ._/é한😀𝔘𠀀שלוםمرحبا\u{202E}]{0,12}"
}

fn path() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "data/train.csv",
        "../data/test.csv",
        "/home/user/x.parquet",
        "C:\\\\data\\\\x.csv",
        "out.csv",
        "model.pkl",
        "données/é.csv",
    ])
    .prop_map(String::from)
}

const TEMPLATES: &[&str] = &[
    "import pandas as pd",
    "import numpy as np",
    "import matplotlib.pyplot as plt",
    "import os, sys",
    "from sklearn.model_selection import train_test_split",
    "from sklearn.ensemble import RandomForestClassifier",
    "from sklearn.metrics import accuracy_score",
    "from sklearn.linear_model import LogisticRegression as LR",
    "import {a}",
    "from {a} import {b}",
    "from {a} import *",
    "{a} = pd.read_csv('{p}')",
    "{a} = pd.read_csv(os.path.join('{s}', '{p}'))",
    "{a} = {b}.dropna()",
    "{a}['{s}'] = {b}['{s}'] * {n}",
    "{a}.fillna(0, inplace=True)",
    "{a} = {b}[{b}['{s}'] > {n}]",
    "{a}, {b}, {c}, {d} = train_test_split({a}, {b}, test_size=0.2, random_state={n})",
    "{a} = RandomForestClassifier(n_estimators={n}, random_state=42)",
    "{a} = LR(C={n})",
    "{a}.fit({b}, {c})",
    "{a} = {b}.predict({c})",
    "print(accuracy_score({a}, {b}))",
    "print('{s}', {a})",
    "{a}.head()",
    "{a}.describe()",
    "{a}.info()",
    "plt.plot({a})\nplt.show()",
    "{a}.to_csv('{p}', index=False)",
    "{a} = {b}.groupby('{s}').agg({{'{s}': 'mean'}}).reset_index()",
    "{a} = {b}.merge({c}, on='{s}', how='left')",
    "{a} = np.array([{n}, {n}, {n}])",
    "{a} = {n}",
    "{a} = '{s}'",
    "{a} = None",
    "{a} = {b} = {n}",
    "{a}: int = {n}",
    "{a}, {b} = {b}, {a}",
    "{a} += {n}",
    "{a} = [{b} for {b} in range({n}) if {b} % 2]",
    "{a} = {{{b}: {n} for {b} in {c}}}",
    "{a} = lambda {b}: {b} + {n}",
    "{a} = f'{{{b}}} and {s}'",
    "{a} = ({b} := {n}) + 1",
    "del {a}",
    "global {a}",
    "assert {a} is not None, '{s}'",
    "exec('{a} = 1')",
    "def {a}({b}):\n    return {b} * {n}",
    "def {a}({b}, {c}={n}):\n    {d} = {b}.copy()\n    {d}['{s}'] = {c}\n    return {d}",
    "def {a}():\n    global {b}\n    {b} = {n}",
    "def {a}(*args, **kwargs):\n    '''{s}'''\n    return {b}(*args, **kwargs)",
    "async def {a}():\n    await {b}",
    "@{a}\ndef {b}():\n    pass",
    "class {a}:\n    {b} = {n}\n    def __init__(self, {c}):\n        self.{c} = {c}\n    def {d}(self):\n        return self.{c} + {b}",
    "class {a}({b}):\n    pass",
    "for {a} in range({n}):\n    print({a})",
    "for {a}, {b} in {c}.items():\n    {d}[{a}] = {b}",
    "while {a} < {n}:\n    {a} += 1\nelse:\n    pass",
    "if {a} > {n}:\n    {b} = {a}\nelif {a}:\n    pass\nelse:\n    {b} = {n}",
    "with open('{p}') as {a}:\n    {b} = {a}.read()",
    "try:\n    {a} = {b}\nexcept Exception as {c}:\n    print({c})\nfinally:\n    pass",
    "match {a}:\n    case {n}:\n        pass\n    case _:\n        {b} = 1",
    "if __name__ == '__main__':\n    {a}()",
    "{a} = {b} if {c} else {d}",
    "{a} = not {b} and {c} or {d}",
    "return {a}",
    "yield {a}",
    "raise ValueError('{s}')",
    "pass",
    "# {s}",
    "{a}  # {s}",
    "\n",
    // IPython
    "%matplotlib inline",
    "%load_ext autoreload\n%autoreload 2",
    "!pip install -q {a}",
    "%pip install {a}=={n}",
    "%time {a} = {b}.dropna()",
    "{a} = %timeit -o {b}({c})",
    "{a} = !ls {s}",
    "{a}.head?",
    "??{a}",
    "cd ..",
    "pip install {a}",
    "!echo {s} \\\n  {a}",
    // Broken
    "{a} = (",
    "print '{s}'",
    "def {a}(:",
    "f'{{{a}!}}'",
];

fn fill(t: &str, names: [&str; 4], n: u32, s: &str, p: &str) -> String {
    t.replace("{a}", names[0])
        .replace("{b}", names[1])
        .replace("{c}", names[2])
        .replace("{d}", names[3])
        .replace("{n}", &n.to_string())
        .replace("{s}", s)
        .replace("{p}", p)
        .replace("{{", "{")
        .replace("}}", "}")
}

fn statement() -> impl Strategy<Value = String> {
    (
        prop::sample::select(TEMPLATES),
        name(),
        name(),
        name(),
        name(),
        0u32..1000,
        text(),
        path(),
    )
        .prop_map(|(t, a, b, c, d, n, s, p)| fill(t, [&a, &b, &c, &d], n, &s, &p))
}

#[derive(Debug, Clone)]
enum CellSpec {
    Code {
        source: String,
        execution_count: Option<u32>,
        id: Option<String>,
    },
    Markdown(String),
}

fn heading() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        prop::sample::select(vec![
            "../../etc",
            "/abs/path",
            "..",
            ".",
            "a\\b\\c",
            "nul\u{0}byte",
            "C:\\Windows",
            "__init__",
            "import",
            "Feature engineering (v2)!",
            "데이터 정리",
            "run_pipeline",
            "con",
            "-rf /",
        ])
        .prop_map(String::from),
    ]
}

fn cell() -> impl Strategy<Value = CellSpec> {
    let code_cell = (
        prop::collection::vec(statement(), 1..6),
        prop::option::of(1u32..40),
        prop::option::of(
            prop::sample::select(vec!["a", "dup", "", "x/../y"]).prop_map(String::from),
        ),
        prop::sample::select(vec![
            "",
            "",
            "",
            "%%time\n",
            "%%capture out\n",
            "%%bash\n",
            "%%writefile x.py\n",
        ]),
        prop::sample::select(vec!["\n", "\n", "\n", "\r\n"]),
    )
        .prop_map(|(stmts, execution_count, id, header, newline)| {
            let source = format!("{header}{}", stmts.join("\n")).replace('\n', newline);
            CellSpec::Code {
                source,
                execution_count,
                id,
            }
        });
    prop_oneof![
        4 => code_cell,
        1 => (1usize..4, heading()).prop_map(|(level, h)| CellSpec::Markdown(format!("{} {h}\nSome text.", "#".repeat(level)))),
    ]
}

fn notebook_json(cells: &[CellSpec]) -> Vec<u8> {
    let cells: Vec<Value> = cells
        .iter()
        .map(|c| match c {
            CellSpec::Code {
                source,
                execution_count,
                id,
            } => json!({"cell_type": "code", "id": id, "metadata": {}, "source": source,
                        "outputs": [], "execution_count": execution_count}),
            CellSpec::Markdown(source) => {
                json!({"cell_type": "markdown", "metadata": {}, "source": source})
            }
        })
        .collect();
    let nb = json!({"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"language": "python"}}, "cells": cells});
    serde_json::to_vec(&nb).unwrap()
}

fn analyse(cells: &[CellSpec]) -> Analysis {
    let nb = parse_ipynb(&notebook_json(cells)).expect("generated notebooks are readable");
    Analysis::run(nb, &Selection::default())
}

/// Overrides drawn as numbers and mapped onto the notebook (some out of range on purpose).
fn overrides(analysis: &Analysis, raw: &[(usize, Option<usize>, usize)]) -> Vec<Override> {
    let cells = analysis.notebook.cells.len().max(1);
    raw.iter()
        .map(|&(cell, statement, dest)| Override {
            cell: cell % (cells + 1),
            statement: statement.map(|s| s % 8),
            destination: Destination::ALL[dest % Destination::ALL.len()],
        })
        .collect()
}

fn plan_for(analysis: &Analysis, level: u8, raw: &[(usize, Option<usize>, usize)]) -> Plan {
    let options = PlanOptions {
        level: level.try_into().unwrap(),
        package: String::new(),
        overrides: overrides(analysis, raw),
        lang: pyarch::i18n::Lang::En,
    };
    plan(analysis, &options)
}

/// 64 cases; `PROPTEST_CASES=N` runs more.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// (a) positions map back

fn position(source: &str, offset: usize) -> (u32, u32) {
    let before = &source[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, source[line_start..offset].chars().count() as u32 + 1)
}

fn slice<'a>(source: &'a str, range: &std::ops::Range<usize>, what: &str) -> &'a str {
    assert!(
        range.start <= range.end && range.end <= source.len(),
        "{what}: {range:?} outside {source:?}"
    );
    source
        .get(range.clone())
        .unwrap_or_else(|| panic!("{what}: {range:?} is not on character boundaries of {source:?}"))
}

fn check_masking(cell: &CellModel, source: &str) {
    let (s, t) = (source.as_bytes(), cell.masked.text.as_bytes());
    assert_eq!(s.len(), t.len(), "masking changed the length of {source:?}");
    let mut inside = vec![false; s.len()];
    for m in &cell.masked.magics {
        slice(source, &m.range, "magic");
        inside[m.range.clone()].iter_mut().for_each(|f| *f = true);
    }
    for i in 0..s.len() {
        if matches!(s[i], b'\n' | b'\r') || matches!(t[i], b'\n' | b'\r') {
            assert_eq!(s[i], t[i], "a line break moved at byte {i} of {source:?}");
        }
        if !inside[i] {
            assert_eq!(
                s[i], t[i],
                "byte {i} changed outside every magic in {source:?}"
            );
        }
    }
}

fn check_model_positions(cell: &CellModel, source: &str) {
    for (k, stmt) in cell.statements.iter().enumerate() {
        let f = &stmt.facts;
        let text = slice(source, &f.range, "statement");
        assert!(
            !text.is_empty() || stmt.magic.is_some(),
            "statement {k} is empty in {source:?}"
        );
        let (line, column) = position(source, f.range.start);
        let (end_line, end_column) = position(source, f.range.end);
        assert_eq!(
            (
                stmt.span.line,
                stmt.span.column,
                stmt.span.end_line,
                stmt.span.end_column
            ),
            (line, column, end_line, end_column),
            "statement {k} span in {source:?}"
        );
        for r in &f.reads {
            assert_eq!(
                slice(source, &r.range, "read"),
                r.name,
                "read of `{}` in {source:?}",
                r.name
            );
            assert!(r.range.start >= f.range.start && r.range.end <= f.range.end);
        }
        for c in &f.calls {
            let call = slice(source, &c.range, "call");
            if let Some(root) = &c.root {
                if c.callee.root() == Some(root.as_str()) {
                    assert!(
                        call.starts_with(root.as_str()),
                        "call {call:?} of {root} in {source:?}"
                    );
                }
            }
            for k in &c.keywords {
                let kw = slice(source, &k.range, "keyword");
                if let Some(n) = &k.name {
                    assert!(kw.starts_with(n.as_str()), "keyword {kw:?} of {n}");
                }
            }
        }
        for i in &f.imports {
            let imp = slice(source, &i.range, "import");
            let first = i.target.split('.').next().unwrap_or_default();
            assert!(
                i.local == "*" || imp.contains(&i.local) || imp.contains(first),
                "import {imp:?} of {}",
                i.local
            );
        }
        for s in &f.strings {
            let lit = slice(source, &s.range, "string");
            assert!(
                lit.ends_with(['\'', '"']) || lit.contains(['\'', '"']),
                "string {lit:?}"
            );
        }
        for st in &f.stores {
            let target = slice(source, &st.range, "store");
            assert!(
                target.starts_with(st.name.as_str()),
                "store {target:?} of {}",
                st.name
            );
        }
        for m in &stmt.mutations {
            slice(source, &m.range, "mutation");
        }
        for p in &stmt.paths {
            let lit = slice(source, &p.range, "path");
            assert!(
                p.value.contains('\\') || lit.contains(p.value.as_str()),
                "path {lit:?} of {}",
                p.value
            );
        }
    }
    if let Some(e) = &cell.syntax_error {
        assert!(e.offset <= source.len());
    }
}

/// A PA103 finding names `x` in backquotes; its position must be that name in the source.
fn check_finding_positions(analysis: &Analysis) {
    for f in &analysis.findings {
        let Some(cell) = f.cell else { continue };
        let source = &analysis.notebook.cells[cell].source;
        let lines: Vec<&str> = source.split('\n').collect();
        assert!(
            f.span.line >= 1 && (f.span.line as usize) <= lines.len(),
            "{f:?}"
        );
        if f.code == "PA103" {
            let name = named(f);
            let line = lines[f.span.line as usize - 1];
            let pointed: String = line.chars().skip(f.span.column as usize - 1).collect();
            assert!(
                pointed.starts_with(&name),
                "{f:?} points at {pointed:?}, not `{name}`"
            );
        }
    }
}

/// The name before ", but no cell …" (`function `f` reads the global `x`, but …`).
fn named(f: &Finding) -> String {
    let message = f.message.to_string();
    let head = message.split("`, but").next().unwrap_or_default();
    head.rsplit('`').next().unwrap_or_default().to_string()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn positions_map_back_to_the_original_text(cells in prop::collection::vec(cell(), 1..10)) {
        let analysis = analyse(&cells);
        for cell in &analysis.model.cells {
            let source = &analysis.notebook.cells[cell.index].source;
            check_masking(cell, source);
            check_model_positions(cell, source);
        }
        check_finding_positions(&analysis);
    }

    #[test]
    fn exported_code_always_parses(
        cells in prop::collection::vec(cell(), 1..10),
        level in 1u8..=3,
        raw in prop::collection::vec((0usize..12, prop::option::of(0usize..8), 0usize..7), 0..3),
    ) {
        let analysis = analyse(&cells);
        let plan = plan_for(&analysis, level, &raw);
        for f in render(&plan, &analysis) {
            prop_assert!(pyarch::export::check_relative(&f.path).is_ok(), "unsafe path {}", f.path);
            if f.path.ends_with(".py") {
                let parsed = parse_cell(&f.contents);
                prop_assert!(
                    parsed.error.is_none(),
                    "{} does not parse: {:?}\n{}",
                    f.path,
                    parsed.error,
                    numbered(&f.contents)
                );
            }
        }
    }

    #[test]
    fn the_plan_never_loses_a_statement(
        cells in prop::collection::vec(cell(), 1..10),
        level in 1u8..=3,
        raw in prop::collection::vec((0usize..12, prop::option::of(0usize..8), 0usize..7), 0..3),
    ) {
        let analysis = analyse(&cells);
        let plan = plan_for(&analysis, level, &raw);
        let expected: HashSet<(usize, usize)> = analysis
            .model
            .cells
            .iter()
            .flat_map(|c| (0..c.statements.len()).map(move |s| (c.index, s)))
            .collect();
        let mut seen = HashSet::new();
        for p in &plan.placements {
            prop_assert!(seen.insert((p.cell, p.statement)), "{p:?} placed twice");
            prop_assert!(expected.contains(&(p.cell, p.statement)), "{p:?} is no statement");
        }
        let missing: Vec<_> = expected.difference(&seen).collect();
        prop_assert!(missing.is_empty(), "statements without a placement: {missing:?}");
        // A statement in a planned function is placed where that function lives.
        for f in &plan.functions {
            for s in &f.statements {
                let p = plan.placement(s.cell, s.statement);
                prop_assert!(p.is_some(), "function {} holds unplaced {s:?}", f.name);
                prop_assert!(p.unwrap().destination != Destination::Drop, "function {} holds dropped {s:?}", f.name);
            }
        }
    }
}

fn numbered(text: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| format!("{:4} {l}\n", i + 1))
        .collect()
}
