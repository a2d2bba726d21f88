//! Stress cases: hostile and huge notebooks through the whole pipeline
//! (`load_notebook` → `Analysis::run` → `plan` → `render`), asserting no panic, no stack
//! overflow and sensible results. Inputs are generated in a temporary folder at test time.
//!
//! The tests run on cargo's test threads (2 MiB stacks), smaller than the 8 MiB
//! workers `pyarch check` analyses notebooks on, so what passes here passes there.
//!
//! `regression_fixtures_replay` replays every file in `tests/fixtures/regressions/`
//! (crash inputs found by the fuzzers in `fuzz/`) through the readers and the pipeline.

use pyarch::analysis::Analysis;
use pyarch::finding::Finding;
use pyarch::load::load_notebook;
use pyarch::notebook::{read::parse_ipynb, script::parse_script, CellKind, Notebook};
use pyarch::plan::{plan, render, Destination, Plan, PlanOptions, RenderedFile};
use pyarch::rules::Selection;
use pyarch::syntax::{parse_cell, SyntaxErrorKind, MAX_BLOCKS, MAX_CHAIN, MAX_NESTING};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------
// Helpers

fn code(source: &str) -> Value {
    json!({"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": null})
}

fn code_with_id(source: &str, id: Value) -> Value {
    json!({"cell_type": "code", "id": id, "metadata": {}, "source": source, "outputs": [], "execution_count": null})
}

fn markdown(source: &str) -> Value {
    json!({"cell_type": "markdown", "metadata": {}, "source": source})
}

fn notebook(cells: Vec<Value>) -> Value {
    json!({
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
        "cells": cells,
    })
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the generated notebook");
    keep(&path);
    path
}

/// With `PYARCH_STRESS_KEEP=DIR`, generated notebooks are also copied to DIR (to time
/// `pyarch check` on them in release).
fn keep(path: &Path) {
    if let Some(dir) = std::env::var_os("PYARCH_STRESS_KEEP") {
        let to = Path::new(&dir).join(path.file_name().expect("a file name"));
        std::fs::create_dir_all(&dir).expect("create PYARCH_STRESS_KEEP");
        std::fs::copy(path, to).expect("keep the generated notebook");
    }
}

fn write_notebook(dir: &Path, name: &str, cells: Vec<Value>) -> PathBuf {
    let text = serde_json::to_vec(&notebook(cells)).expect("serialise");
    write(dir, name, &text)
}

struct Run {
    analysis: Analysis,
    plan: Plan,
    files: Vec<RenderedFile>,
    elapsed: Duration,
}

/// The whole pipeline on a notebook already read, with the checks every stress case shares.
fn run_notebook(notebook: Notebook) -> Run {
    let start = Instant::now();
    let analysis = Analysis::run(notebook, &Selection::default());
    let options = PlanOptions {
        package: "stress".into(),
        ..PlanOptions::default()
    };
    let plan = plan(&analysis, &options);
    let files = render(&plan, &analysis);
    let elapsed = start.elapsed();
    check_findings(&analysis);
    check_placements(&analysis, &plan);
    check_rendered(&files);
    Run {
        analysis,
        plan,
        files,
        elapsed,
    }
}

fn run_path(path: &Path) -> Run {
    let start = Instant::now();
    let notebook = load_notebook(path).unwrap_or_else(|e| panic!("{e}"));
    let read = start.elapsed();
    let mut run = run_notebook(notebook);
    run.elapsed += read;
    run
}

/// Findings point at real cells, with the cell's own id, and positions inside the source.
fn check_findings(analysis: &Analysis) {
    for f in &analysis.findings {
        let Some(cell) = f.cell else { continue };
        let c = analysis
            .notebook
            .cells
            .get(cell)
            .unwrap_or_else(|| panic!("{f:?} names no cell"));
        assert_eq!(f.cell_id, c.id, "finding {} has another cell's id", f.code);
        let lines = c.source.split('\n').count() as u32;
        assert!(
            f.span.line >= 1 && f.span.line <= lines,
            "{f:?} outside the cell ({lines} lines)"
        );
        assert!(f.span.column >= 1, "{f:?}");
    }
}

/// Every statement of every code cell has exactly one placement, and nothing else has one.
fn check_placements(analysis: &Analysis, plan: &Plan) {
    let expected: HashSet<(usize, usize)> = analysis
        .model
        .cells
        .iter()
        .flat_map(|c| (0..c.statements.len()).map(move |s| (c.index, s)))
        .collect();
    let mut seen = HashSet::new();
    for p in &plan.placements {
        assert!(
            seen.insert((p.cell, p.statement)),
            "statement {p:?} placed twice"
        );
        assert!(
            expected.contains(&(p.cell, p.statement)),
            "placement {p:?} for no statement"
        );
        assert!(Destination::ALL.contains(&p.destination));
    }
    assert_eq!(seen.len(), expected.len(), "a statement has no placement");
}

/// Rendered paths are relative and inside the project; every `.py` file parses (too-deep
/// code carried over verbatim may be reported as too deep, never as invalid).
fn check_rendered(files: &[RenderedFile]) {
    let mut paths = HashSet::new();
    for f in files {
        assert!(paths.insert(f.path.as_str()), "{} rendered twice", f.path);
        assert!(
            pyarch::export::check_relative(&f.path).is_ok(),
            "unsafe path {:?}",
            f.path
        );
        assert!(!f.contents.contains('\0'), "{}: NUL byte exported", f.path);
        if f.path.ends_with(".py") {
            let parsed = parse_cell(&f.contents);
            if let Some(e) = parsed.error {
                // Too deep (copied from the notebook) or beyond rustpython-parser is fine;
                // invalid is not.
                assert!(
                    !matches!(e.kind, SyntaxErrorKind::Invalid | SyntaxErrorKind::Python2),
                    "{} does not parse: {} at {}\n{}",
                    f.path,
                    e.message,
                    e.offset,
                    excerpt(&f.contents, e.offset)
                );
            }
        }
    }
}

/// The rendered file whose path ends with `suffix`.
fn file<'a>(run: &'a Run, suffix: &str) -> &'a str {
    &run.files
        .iter()
        .find(|f| f.path.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix}"))
        .contents
}

/// Every exported `.py` file parses with rustpython-parser.
fn assert_parses(files: &[RenderedFile]) {
    for f in files.iter().filter(|f| f.path.ends_with(".py")) {
        let parsed = parse_cell(&f.contents);
        assert!(
            parsed.error.is_none(),
            "{}: {:?}\n{}",
            f.path,
            parsed.error,
            f.contents
        );
    }
}

/// `python3` when it runs here; CPython checks are skipped (with a note) without it.
fn python3() -> Option<&'static str> {
    static FOUND: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let found = *FOUND.get_or_init(|| {
        std::process::Command::new("python3")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !found {
        eprintln!("SKIPPED: no python3; CPython checks not run");
    }
    found.then_some("python3")
}

/// The export written to a temporary folder.
fn write_files(files: &[RenderedFile]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        let path = dir.path().join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.contents).unwrap();
    }
    dir
}

/// Every exported `.py` file compiles with CPython, which is stricter than
/// rustpython-parser (it checks scopes: `global`, annotations, `__future__`).
fn assert_compiles(files: &[RenderedFile]) {
    let Some(python) = python3() else { return };
    let dir = write_files(files);
    let script = "import sys, pathlib\nbad = []\nfor f in sorted(pathlib.Path(sys.argv[1]).rglob('*.py')):\n    try:\n        compile(f.read_bytes(), str(f), 'exec')\n    except (SyntaxError, ValueError) as e:\n        bad.append(f'{f}: {e!r}')\nprint('\\n'.join(bad))\nsys.exit(1 if bad else 0)\n";
    let out = std::process::Command::new(python)
        .args(["-c", script])
        .arg(dir.path())
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "CPython does not compile the export:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A last cell that saves `repr(expr)` to `result.txt`, for [`run_exported`].
fn result_cell(expr: &str) -> String {
    format!("with open('result.txt', 'w') as fh:\n    fh.write(repr({expr}))\n")
}

/// Runs the exported entrypoint (package `stress`) with CPython, in the export folder, and
/// gives what the notebook's [`result_cell`] saved. `None` without python3.
fn run_exported(files: &[RenderedFile]) -> Option<String> {
    let python = python3()?;
    let dir = write_files(files);
    let out = std::process::Command::new(python)
        .args(["-m", "stress.entrypoints.cli"])
        .current_dir(dir.path())
        .env("PYTHONPATH", dir.path().join("src"))
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "the exported pipeline failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(std::fs::read_to_string(dir.path().join("result.txt")).expect("result.txt"))
}

fn excerpt(text: &str, offset: usize) -> String {
    let mut start = offset.saturating_sub(300).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (offset + 300).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[start..end].to_string()
}

fn codes(analysis: &Analysis, cell: usize) -> Vec<&'static str> {
    analysis.findings_for_cell(cell).map(|f| f.code).collect()
}

/// The text a finding points at, from its line and (character) column in the cell source.
fn pointed_text(source: &str, f: &Finding) -> String {
    let line = source
        .split('\n')
        .nth(f.span.line as usize - 1)
        .expect("line in the cell");
    line.chars().skip(f.span.column as usize - 1).collect()
}

fn undefined_name_finding<'a>(analysis: &'a Analysis, cell: usize, name: &str) -> &'a Finding {
    analysis
        .findings_for_cell(cell)
        .find(|f| f.code == "PA103" && f.message.to_string().contains(name))
        .unwrap_or_else(|| {
            panic!(
                "no PA103 for `{name}` in cell {cell}: {:#?}",
                analysis.findings_for_cell(cell).collect::<Vec<_>>()
            )
        })
}

fn report(case: &str, run: &Run) {
    eprintln!(
        "stress {case}: {:.2?} (debug), {} cells, {} findings, {} files",
        run.elapsed,
        run.analysis.notebook.cells.len(),
        run.analysis.findings.len(),
        run.files.len()
    );
}

// ---------------------------------------------------------------------------------------
// Deep nesting

const DEEP: usize = 100_000;

/// Sources whose AST would be (at least) `DEEP` levels deep.
fn deep_sources() -> Vec<(&'static str, String)> {
    let n = DEEP;
    vec![
        (
            "parentheses",
            format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
        ),
        ("lists", format!("x = {}{}\n", "[".repeat(n), "]".repeat(n))),
        (
            "dicts",
            format!("x = {}1{}\n", "{1: ".repeat(n), "}".repeat(n)),
        ),
        ("unclosed", format!("x = {}\n", "(".repeat(n))),
        ("plus chain", format!("x = {}1\n", "1+".repeat(n))),
        (
            "plus chain, one per line",
            format!("x = (\n{}1)\n", "1 +\n".repeat(n)),
        ),
        (
            "plus chain, backslashes",
            format!("x = 1{}\n", " + \\\n1".repeat(n)),
        ),
        ("power chain", format!("x = 2{}\n", "**2".repeat(n))),
        ("negation chain", format!("x = {}1\n", "-".repeat(n))),
        ("not chain", format!("x = {}True\n", "not ".repeat(n))),
        ("attribute chain", format!("x = a{}\n", ".b".repeat(n))),
        ("call chain", format!("x = f{}\n", "()".repeat(n))),
        ("subscript chain", format!("x = a{}\n", "[0]".repeat(n))),
        (
            "method chain",
            format!("df = df{}\n", ".dropna()".repeat(n / 4)),
        ),
        (
            "conditional chain",
            format!("x = {}0\n", "1 if c else ".repeat(n / 4)),
        ),
        (
            "lambda chain",
            format!("f = {}0\n", "lambda: ".repeat(n / 4)),
        ),
        (
            "await chain",
            format!("async def g():\n    return {}x\n", "await ".repeat(n / 4)),
        ),
        (
            "walrus chain",
            format!("x = {}1{}\n", "(y := ".repeat(n), ")".repeat(n)),
        ),
        (
            "f-string",
            format!("x = f'{{{}1{}}}'\n", "(".repeat(n), ")".repeat(n)),
        ),
        (
            "statement magic",
            format!("%time x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
        ),
        (
            "trailing help",
            format!("{}x{}?\n", "(".repeat(n), ")".repeat(n)),
        ),
        (
            "automagic",
            format!("cd {}x{}\n", "(".repeat(n), ")".repeat(n)),
        ),
        (
            "assignment target",
            format!("{}x{} = 1\n", "(".repeat(n), ",)".repeat(n)),
        ),
    ]
}

#[test]
fn deeply_nested_expressions_are_reported_not_overflowed() {
    let dir = tempfile::tempdir().unwrap();
    let cases = deep_sources();
    let mut cells = vec![code("import pandas as pd\nok = 1\n")];
    cells.extend(cases.iter().map(|(_, src)| code(src)));
    cells.push(code("print(ok)\n"));
    let path = write_notebook(dir.path(), "deep.ipynb", cells);
    let run = run_path(&path);
    report("deep expressions (all cases in one notebook)", &run);
    let a = &run.analysis;
    for (i, (name, _)) in cases.iter().enumerate() {
        let cell = i + 1;
        let found = codes(a, cell);
        let model = &a.model.cells[cell];
        if model.syntax_error.is_none() {
            // IPython syntax (a trailing `?` help) masked as a whole: nothing is left to parse.
            assert!(
                model.statements.iter().all(|s| s.magic.is_some()),
                "{name}: parsed, {found:?}"
            );
            eprintln!("deep {name}: masked as IPython syntax");
            continue;
        }
        assert!(
            found.contains(&"PA904") || found.contains(&"PA902"),
            "{name}: expected PA904 or PA902, got {found:?}"
        );
        // A cell that does not parse has no statements, so nothing of it is exported.
        assert!(model.statements.is_empty(), "{name}");
    }
    // The cells around them are still analysed.
    assert_eq!(a.model.cells[0].statements.len(), 2);
    assert!(a.model.cells.last().unwrap().syntax_error.is_none());
}

/// Each deep source on its own, through `parse_cell` directly (the finding's kind).
#[test]
fn deep_sources_are_too_deep() {
    for (name, src) in deep_sources() {
        let start = Instant::now();
        let parsed = parse_cell(&src);
        let kind = parsed.error.as_ref().map(|e| e.kind);
        assert!(
            matches!(
                kind,
                Some(SyntaxErrorKind::TooDeep | SyntaxErrorKind::Invalid)
            ),
            "{name}: {kind:?}"
        );
        eprintln!("deep {name}: {kind:?} in {:.2?}", start.elapsed());
    }
}

/// Deeply nested blocks (indentation) are bounded too.
#[test]
fn deeply_nested_blocks_are_reported_not_overflowed() {
    // 3,000 levels of tabs, and 3,000 of one space: far over CPython's limit of 100.
    let mut tabs = String::new();
    let depth = 3_000;
    for i in 0..depth {
        tabs.push_str(&"\t".repeat(i));
        tabs.push_str(if i % 2 == 0 {
            "if x:\n"
        } else {
            "for i in y:\n"
        });
    }
    tabs.push_str(&"\t".repeat(depth));
    tabs.push_str("pass\n");
    let spaces = nested_blocks(depth, "x = 1");
    let classes = (0..depth)
        .map(|i| format!("{}class C{i}:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(depth)
        + "pass\n";
    for src in [&tabs, &spaces, &classes] {
        let parsed = parse_cell(src);
        assert_eq!(
            parsed.error.as_ref().map(|e| e.kind),
            Some(SyntaxErrorKind::TooDeep)
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write_notebook(
        dir.path(),
        "deep_blocks.ipynb",
        vec![code(&tabs), code(&spaces), code(&classes)],
    );
    let run = run_path(&path);
    report("deeply nested blocks", &run);
    for cell in 0..3 {
        assert!(codes(&run.analysis, cell).contains(&"PA904"), "cell {cell}");
    }
}

/// Realistic wide code must not be mistaken for deep code.
#[test]
fn long_flat_code_is_not_too_deep() {
    let cases = [
        (
            "list of tuples",
            format!("data = [{}]\n", "(1, 'a', 2.5), ".repeat(20_000)),
        ),
        (
            "dict literal",
            format!("d = {{{}}}\n", "'k': [1, 2], ".repeat(20_000)),
        ),
        (
            "implicit string concatenation",
            format!("s = ({})\n", "'abc' ".repeat(20_000)),
        ),
        (
            "comparison chains",
            format!("x = [{}]\n", "0 < a < 1, ".repeat(20_000)),
        ),
        (
            "boolean chains",
            format!("x = f({})\n", "a and b or c, ".repeat(20_000)),
        ),
        (
            "string building",
            format!(
                "sql = (\n{}'end')\n",
                "'SELECT ' + col + ' FROM ' + table +\n".repeat(100)
            ),
        ),
        (
            "f-string with literal operators",
            format!("s = f'{}{{x}}'\n", "-=+.".repeat(10_000)),
        ),
        (
            "nested blocks at the limit",
            nested_blocks(MAX_BLOCKS - 1, "x = 1"),
        ),
        (
            "decorators",
            format!("{}def f():\n    pass\n", "@d\n".repeat(20_000)),
        ),
        ("many statements", "x = x + 1\n".repeat(50_000)),
        (
            "method chain of 40",
            format!("df = df{}\n", ".fillna(0)".repeat(40)),
        ),
        (
            "formula",
            format!("y = {}\n", "a * b + c / d - ".repeat(20) + "e"),
        ),
        (
            "docstring with brackets",
            format!("'''{}'''\nx = 1\n", "(((".repeat(1000)),
        ),
        (
            "comment with brackets",
            format!("# {}\nx = 1\n", "(".repeat(10_000)),
        ),
    ];
    for (name, src) in cases {
        let parsed = parse_cell(&src);
        assert!(parsed.error.is_none(), "{name}: {:?}", parsed.error);
    }
}

fn nested_blocks(depth: usize, body: &str) -> String {
    let mut src = String::new();
    for i in 0..depth {
        src.push_str(&" ".repeat(i));
        src.push_str(if i % 2 == 0 {
            "if x:\n"
        } else {
            "for i in y:\n"
        });
    }
    src.push_str(&" ".repeat(depth));
    src.push_str(body);
    src.push('\n');
    src
}

/// Code just under every limit parses, is walked and dropped without overflowing a
/// 2 MiB stack (the test thread's), also all limits at once.
#[test]
fn code_just_under_the_limits_is_analysed() {
    let chain = MAX_CHAIN - 10;
    let brackets = MAX_NESTING - 1;
    let cases = vec![
        (
            "brackets",
            format!("x = {}1{}\n", "(".repeat(brackets), ")".repeat(brackets)),
        ),
        (
            "list brackets",
            format!("x = {}{}\n", "[".repeat(brackets), "]".repeat(brackets)),
        ),
        (
            "calls in calls",
            format!("x = {}1{}\n", "f(".repeat(brackets), ")".repeat(brackets)),
        ),
        ("plus chain", format!("x = {}1\n", "1 + ".repeat(chain))),
        ("power chain", format!("x = 2{}\n", "**2".repeat(chain / 2))),
        ("negation chain", format!("x = {}1\n", "-".repeat(chain))),
        ("not chain", format!("x = {}True\n", "not ".repeat(chain))),
        ("attribute chain", format!("x = a{}\n", ".b".repeat(chain))),
        ("call chain", format!("x = f{}\n", "()".repeat(chain))),
        ("subscript chain", format!("x = a{}\n", "[0]".repeat(chain))),
        (
            "lambda chain",
            format!("f = {}0\n", "lambda: ".repeat(chain)),
        ),
        (
            "conditional chain",
            format!("x = {}0\n", "1 if c else ".repeat(chain / 2)),
        ),
        (
            "f-string chain",
            format!("x = f'{{{}1}}'\n", "1 + ".repeat(chain - 2)),
        ),
        ("blocks", nested_blocks(MAX_BLOCKS - 1, "pass")),
        (
            "everything at once",
            nested_blocks(
                MAX_BLOCKS - 1,
                &format!(
                    "x = {}a{}{}",
                    "(".repeat(brackets),
                    ".b".repeat(chain - brackets),
                    ")".repeat(brackets)
                ),
            ),
        ),
        (
            "a deep def",
            format!(
                "def f():\n{}",
                nested_blocks(MAX_BLOCKS - 2, "return x")
                    .lines()
                    .map(|l| format!(" {l}\n"))
                    .collect::<String>()
            ),
        ),
    ];
    for (name, src) in cases {
        let start = Instant::now();
        let parsed = parse_cell(&src);
        assert!(parsed.error.is_none(), "{name}: {:?}", parsed.error);
        assert_eq!(parsed.statements.len(), 1, "{name}");
        let nb = parse_ipynb(
            serde_json::to_string(&notebook(vec![code(&src)]))
                .unwrap()
                .as_bytes(),
        )
        .unwrap();
        run_notebook(nb);
        eprintln!("under the limits, {name}: {:.2?}", start.elapsed());
    }
}

#[test]
fn deeply_nested_json_is_an_error_or_ignored_not_an_overflow() {
    let n = DEEP;
    let deep_array = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let deep_object = format!("{}1{}", "{\"a\": ".repeat(n), "}".repeat(n));
    let unclosed = "[".repeat(n);
    let cell = r#"{"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [], "execution_count": 1}"#;
    let docs = [
        ("top level array", deep_array.clone()),
        ("top level object", deep_object.clone()),
        ("top level unclosed", unclosed.clone()),
        (
            "cells",
            format!(
                r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{}}, "cells": {deep_array}}}"#
            ),
        ),
        (
            "source",
            format!(
                r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{}}, "cells": [{{"cell_type": "code", "source": {deep_array}}}]}}"#
            ),
        ),
        (
            "metadata",
            format!(
                r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {deep_object}, "cells": [{cell}]}}"#
            ),
        ),
        (
            "cell metadata",
            format!(
                r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{}}, "cells": [{{"cell_type": "code", "metadata": {deep_array}, "source": "y = 2", "outputs": []}}]}}"#
            ),
        ),
        (
            "output data",
            format!(
                r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{}}, "cells": [{{"cell_type": "code", "source": "z = 3", "outputs": [{{"output_type": "display_data", "data": {{"application/json": {deep_object}}}, "metadata": {{}}}}]}}]}}"#
            ),
        ),
        (
            "outputs",
            format!(
                r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{}}, "cells": [{{"cell_type": "code", "source": "z = 3", "outputs": {deep_array}}}]}}"#
            ),
        ),
        (
            "kernelspec",
            format!(
                r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{"kernelspec": {deep_object}}}, "cells": [{cell}]}}"#
            ),
        ),
        (
            "v3 worksheets",
            format!(
                r#"{{"nbformat": 3, "nbformat_minor": 0, "metadata": {{}}, "worksheets": {deep_array}}}"#
            ),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, doc) in docs {
        let file = format!("deep_json_{}.ipynb", name.replace(' ', "_"));
        let path = write(dir.path(), &file, doc.as_bytes());
        match load_notebook(&path) {
            Ok(nb) => {
                let run = run_notebook(nb);
                eprintln!(
                    "deep JSON {name}: read, {} cells",
                    run.analysis.notebook.cells.len()
                );
            }
            Err(e) => {
                let message = e.to_string();
                assert!(
                    !message.contains('\n'),
                    "{name}: multi-line error {message:?}"
                );
                assert!(message.len() < 400, "{name}: long error {message:?}");
                eprintln!("deep JSON {name}: {message}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Size

#[test]
fn five_thousand_cells() {
    let dir = tempfile::tempdir().unwrap();
    let cells = big_notebook_cells(5_000);
    let path = write_notebook(dir.path(), "five_thousand.ipynb", cells);
    let run = run_path(&path);
    report("5,000 cells", &run);
    assert_eq!(run.analysis.notebook.cells.len(), 5_000);
    assert!(run
        .analysis
        .model
        .cells
        .iter()
        .all(|c| c.syntax_error.is_none()));
    // Its speed is measured by `cargo bench --bench pipeline`, not asserted here: wall
    // time on a shared machine says nothing about the code.
}

/// Realistic cells (pandas/sklearn, magics, markdown every tenth cell), executed out of
/// order here and there.
fn big_notebook_cells(n: usize) -> Vec<Value> {
    let mut cells = vec![code(
        "%matplotlib inline\nimport pandas as pd\nimport numpy as np\nfrom sklearn.linear_model import LogisticRegression\nDATA = 'data/train.csv'\n",
    )];
    cells.push(code("df0 = pd.read_csv(DATA)\n"));
    for i in 2..n {
        let cell = if i % 10 == 0 {
            markdown(&format!("## Step {i}\nSome *notes* about step {i}."))
        } else {
            let src = match i % 7 {
                0 => format!("df{i} = df{}.dropna()\ndf{i}['c{i}'] = df{i}['a'] * {i}\n", i - 1),
                1 => format!("df{i} = df{}.fillna(0)\nprint(df{i}.shape)\n", i - 1),
                2 => format!("def f{i}(x):\n    return x + {i}\n\ndf{i} = df{}.apply(f{i})\n", i - 1),
                3 => format!("df{i} = df{}\ndf{i}.describe()\n", i - 1),
                4 => format!("!pip install -q pkg{i}\ndf{i} = df{}.copy()\n", i - 1),
                5 => format!("model{i} = LogisticRegression(C={i})\nmodel{i}.fit(df{}[['a']], df{}['y'])\ndf{i} = df{}\n", i - 1, i - 1, i - 1),
                _ => format!("for k in range({i}):\n    pass\ndf{i} = df{}.head({i})\n", i - 1),
            };
            let mut c = code(&src);
            c["execution_count"] = json!(if i % 13 == 0 { n - i } else { i });
            c
        };
        cells.push(cell);
    }
    cells
}

/// Streams a notebook of `cells` code cells, each with a display_data output holding
/// `image_bytes` of base64 PNG (split in lines of 76 like nbformat writes them).
fn write_image_notebook(path: &Path, cells: usize, image_bytes: usize) {
    let file = std::fs::File::create(path).unwrap();
    let mut w = std::io::BufWriter::new(file);
    write!(w, r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{"kernelspec": {{"language": "python"}}}}, "cells": ["#).unwrap();
    let line = format!("\"{}\\n\"", "iVBORw0KGgoAAAANSUhEUgAAA".repeat(3));
    let lines = image_bytes / 76;
    for i in 0..cells {
        if i > 0 {
            w.write_all(b",\n").unwrap();
        }
        write!(
            w,
            r#"{{"cell_type": "code", "execution_count": {n}, "id": "c{i}", "metadata": {{}}, "source": ["import matplotlib.pyplot as plt\n", "plt.plot([{i}, 2])\n", "x{i} = {i}\n"], "outputs": [{{"output_type": "display_data", "metadata": {{}}, "data": {{"text/plain": ["<Figure size 640x480>"], "image/png": ["#,
            n = i + 1
        )
        .unwrap();
        for l in 0..lines {
            if l > 0 {
                w.write_all(b",").unwrap();
            }
            w.write_all(line.as_bytes()).unwrap();
        }
        w.write_all(b"]}}]}").unwrap();
    }
    w.write_all(b"]}\n").unwrap();
    w.flush().unwrap();
}

#[test]
fn hundred_megabytes_of_images() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("images.ipynb");
    write_image_notebook(&path, 100, 1_000_000);
    keep(&path);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 100_000_000, "{size}");
    let run = run_path(&path);
    report("100 MB of image outputs", &run);
    let nb = &run.analysis.notebook;
    assert_eq!(nb.cells.len(), 100);
    let output = &nb.cells[7].outputs[0];
    assert_eq!(output.skipped_mime, ["image/png"]);
    assert_eq!(output.text, "<Figure size 640x480>");
    // Only the text was kept: the notebook in memory is tiny.
    let kept: usize = nb
        .cells
        .iter()
        .map(|c| c.source.len() + c.outputs.iter().map(|o| o.text.len()).sum::<usize>())
        .sum();
    assert!(kept < 20_000, "{kept} bytes kept");
    assert!(
        run.elapsed < Duration::from_secs(20),
        "took {:?}",
        run.elapsed
    );
}

#[test]
fn megabyte_lines() {
    let mb = 1 << 20;
    let long_string = format!("s = '{}'\n", "a".repeat(mb));
    let long_list = format!("xs = [{}0]\n", "1, ".repeat(mb / 3));
    let long_comment = format!("# {}\ny = 1\n", "é".repeat(mb / 2));
    let long_name = format!("{} = 1\n", "n".repeat(mb));
    let no_newline = format!("t = '{}'", "b".repeat(mb));
    // A finding at the end of a 1 MB line: the column counts characters (2 bytes each).
    let at_end = format!("u = '{}' + undefined_at_the_end\n", "ü".repeat(mb / 2));
    let long_magic = format!("!echo {}\n", "z".repeat(mb));
    let cells = vec![
        code(&long_string),
        code(&long_list),
        code(&long_comment),
        code(&long_name),
        code(&no_newline),
        code(&at_end),
        code(&long_magic),
        markdown(&format!("# {}", "h".repeat(mb))),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = write_notebook(dir.path(), "long_lines.ipynb", cells);
    let run = run_path(&path);
    report("1 MB lines", &run);
    let a = &run.analysis;
    for cell in &a.model.cells {
        assert!(
            cell.syntax_error.is_none(),
            "cell {}: {:?}",
            cell.index,
            cell.syntax_error
        );
    }
    let f = undefined_name_finding(a, 5, "undefined_at_the_end");
    assert_eq!(
        (f.span.line, f.span.column),
        (1, 5 + (mb / 2) as u32 + 4 + 1)
    );
    assert!(pointed_text(&a.notebook.cells[5].source, f).starts_with("undefined_at_the_end"));
    assert!(
        run.elapsed < Duration::from_secs(20),
        "took {:?}",
        run.elapsed
    );
}

// ---------------------------------------------------------------------------------------
// Text: Unicode planes, right-to-left, CRLF, NUL

/// One character from each Unicode plane in use, plus bidi controls.
const PLANES: &[char] = &[
    'é',
    '한',
    '\u{FFFD}',
    '\u{FEFF}', // 0: BMP (Latin, Hangul, replacement, BOM)
    '😀',
    '𝔘',
    '𐍈', // 1: SMP
    '𠀀',
    '𪛔', // 2: SIP
    '𰀀', // 3: TIP
    '\u{E0001}',
    '\u{E0100}', // 14: SSP (tags, variation selectors)
    '\u{F0000}',
    '\u{FFFFD}', // 15: private use A
    '\u{100000}',
    '\u{10FFFD}', // 16: private use B
    '\u{202E}',
    '\u{2067}', // right-to-left override, isolate
];

fn unicode_cell() -> String {
    let all: String = PLANES.iter().collect();
    format!(
        "s = '{all}'  # {all}\n\
         변수 = 1\n\
         مرحبا = \"שלום עולם\" + str(변수)  # تعليق\n\
         t = '\u{202E}txet desrever' + undefined_after_rtl\n\
         u = '{all}{all}'; v = undefined_after_planes\n\
         w = f'{{변수}} 😀 {{undefined_in_fstring}}'\n"
    )
}

fn check_unicode_positions(a: &Analysis, cell: usize, source: &str) {
    for name in [
        "undefined_after_rtl",
        "undefined_after_planes",
        "undefined_in_fstring",
    ] {
        let f = undefined_name_finding(a, cell, name);
        let pointed = pointed_text(source, f);
        assert!(
            pointed.starts_with(name),
            "{name}: the finding points at {:?}",
            pointed.chars().take(30).collect::<String>()
        );
        assert_eq!(f.span.end_line, f.span.line);
        assert_eq!(
            f.span.end_column - f.span.column,
            name.chars().count() as u32,
            "{name}"
        );
    }
}

#[test]
fn unicode_planes_and_right_to_left_text_keep_positions() {
    let src = unicode_cell();
    let crlf = src.replace('\n', "\r\n");
    let cr_mixed = src.replacen('\n', "\r\n", 2);
    let with_magics = format!(
        "%matplotlib inline\n!echo {}\n{src}",
        PLANES.iter().collect::<String>()
    );
    let cells = vec![
        code(&src),
        code(&crlf),
        code(&cr_mixed),
        code(&with_magics),
        markdown(&src),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = write_notebook(dir.path(), "unicode.ipynb", cells);
    let run = run_path(&path);
    report("Unicode planes, RTL, CRLF", &run);
    let a = &run.analysis;
    for cell in 0..4 {
        assert!(
            a.model.cells[cell].syntax_error.is_none(),
            "cell {cell}: {:?}",
            a.model.cells[cell].syntax_error
        );
        check_unicode_positions(a, cell, &a.notebook.cells[cell].source);
    }
    // Statement spans land on the same lines with and without CRLF.
    let lf: Vec<_> = a.model.cells[0].statements.iter().map(|s| s.span).collect();
    let crlf: Vec<_> = a.model.cells[1]
        .statements
        .iter()
        .map(|s| (s.span.line, s.span.column))
        .collect();
    assert_eq!(
        lf.iter().map(|s| (s.line, s.column)).collect::<Vec<_>>(),
        crlf
    );
    // The exported code keeps the characters.
    let all: String = PLANES.iter().collect();
    assert!(
        run.files.iter().any(|f| f.contents.contains(&all)),
        "the Unicode text was not exported"
    );
}

/// The same Unicode cell in a percent script (the other reader).
#[test]
fn unicode_and_crlf_in_scripts() {
    let src = unicode_cell();
    let script = format!(
        "# %%\nimport os\n\n# %%\n{src}\n# %% [markdown]\n# {src}",
        src = src.trim_end()
    );
    for text in [script.clone(), script.replace('\n', "\r\n")] {
        let run = run_notebook(parse_script(&text));
        let a = &run.analysis;
        let cell = a
            .notebook
            .cells
            .iter()
            .position(|c| c.source.contains("변수 = 1") && c.kind == CellKind::Code)
            .unwrap();
        check_unicode_positions(a, cell, &a.notebook.cells[cell].source);
    }
}

fn nul_cells() -> Vec<Value> {
    vec![
        code("x = 1\u{0}\ny = 2\n"),
        code("s = 'a\u{0}b'\nprint(s)\n"),
        code("# comment \u{0}\nz = 3\n"),
        code("\u{0}"),
        code("%time \u{0}\n!echo \u{0}\n"),
        code_with_id("w = 4\n", json!("id\u{0}with\u{0}nul")),
        markdown("# Heading \u{0} with NUL\n"),
        json!({"cell_type": "code", "metadata": {}, "source": "v = 5\n", "execution_count": 1,
               "outputs": [{"output_type": "stream", "name": "stdout", "text": "out\u{0}put"}]}),
    ]
}

#[test]
fn nul_bytes_in_sources() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_notebook(dir.path(), "nul.ipynb", nul_cells());
    // Raw NUL bytes in the file itself are refused as binary, with a one-line message.
    let raw = write(
        dir.path(),
        "raw_nul.ipynb",
        b"{\"nbformat\": 4, \"cells\": [\0]}",
    );
    let e = load_notebook(&raw).unwrap_err();
    assert!(e.to_string().contains("binary"), "{e}");

    let run = run_path(&path);
    report("NUL bytes", &run);
    let a = &run.analysis;
    assert_eq!(a.notebook.cells[0].source, "x = 1\u{0}\ny = 2\n");
    // CPython refuses source with a NUL byte anywhere, so such a cell does not parse
    // (PA902), wherever the NUL is.
    for cell in 0..4 {
        let f = a.findings_for_cell(cell).find(|f| f.code == "PA902");
        assert!(
            f.is_some_and(|f| f.message.to_string().contains("null bytes")),
            "cell {cell}: {:?}",
            codes(a, cell)
        );
    }
    // `!echo <NUL>` is masked away; `%time <NUL>` times the statement `<NUL>`, which does
    // not parse either.
    assert!(a.model.cells[4].masked.magics.len() == 2);
    assert!(a.model.cells[5].syntax_error.is_none());
    // No code with a NUL byte is exported as code.
    for f in run.files.iter().filter(|f| f.path.ends_with(".py")) {
        for line in f.contents.lines().filter(|l| l.contains('\0')) {
            let t = line.trim_start();
            assert!(
                t.starts_with('#') || t.starts_with("\"\"\""),
                "{}: NUL in code: {line:?}",
                f.path
            );
        }
    }
}

/// Python refuses a source file with a NUL byte anywhere, comments and docstrings
/// included; TOML refuses them in strings. NUL bytes from cell sources, magics, cell ids
/// and parser messages are shown as U+FFFD in comments, docstrings and README.md.
#[test]
fn nul_bytes_are_not_exported() {
    let dir = tempfile::tempdir().unwrap();
    let mut cells = nul_cells();
    // A cell that parses, with a NUL in a masked magic (kept as a comment).
    cells.push(code("x9 = 1\n!echo \u{0}\ny9 = x9 + 1\n"));
    let run = run_path(&write_notebook(dir.path(), "nul.ipynb", cells.clone()));
    // And in fallback mode (one function per cell, non-parsing cells kept as comments).
    cells.push(code("exec('q = 1')\n"));
    let fallback = run_path(&write_notebook(dir.path(), "nul_fb.ipynb", cells));
    assert!(fallback.plan.fallback);
    for run in [&run, &fallback] {
        let with_nul: Vec<&str> = run
            .files
            .iter()
            .filter(|f| f.contents.contains('\0'))
            .map(|f| f.path.as_str())
            .collect();
        assert!(with_nul.is_empty(), "NUL bytes exported in {with_nul:?}");
        assert!(
            run.files
                .iter()
                .any(|f| f.contents.contains("!echo \u{fffd}")),
            "the magic comment is lost"
        );
        assert_parses(&run.files);
        assert_compiles(&run.files);
    }
}

/// A lone `\r` is a line break for Python. The renderer used to keep a cell that does not
/// parse as comment lines split on `\n` only, so `# imp\rrt pandas as pd` put
/// `rt pandas as pd` on a code line. Found by the `pipeline` fuzzer (strict mode).
#[test]
fn lone_carriage_returns_are_not_exported() {
    let script = "# %%\nimp\rrt pandas as pd\n\n# %%\nx = 1\n";
    let run = run_notebook(parse_script(script));
    assert_parses(&run.files);
    assert_compiles(&run.files);
}

/// The whole pipeline on code cells, with an `exec` cell added at the end for fallback mode.
fn run_cells(sources: &[&str], fallback: bool) -> Run {
    let mut cells: Vec<Value> = sources.iter().map(|s| code(s)).collect();
    if fallback {
        cells.push(code("exec('q = 1')\n"));
    }
    let bytes = serde_json::to_vec(&notebook(cells)).unwrap();
    let run = run_notebook(parse_ipynb(&bytes).unwrap());
    assert_eq!(run.plan.fallback, fallback);
    run
}

/// Code that parses with `\r` or `\r\n` line breaks inside a block keeps its line breaks
/// when it is re-indented (they used to be dropped, joining the lines), in both modes.
#[test]
fn lone_carriage_returns_inside_blocks_are_line_breaks() {
    let cell = "total = 0\rif True:\r    total = 1\r    total = total + 1\r\nfor i in range(2):\r    total += i\r# a comment\rtotal = total * 1\r";
    for fallback in [false, true] {
        let run = run_cells(&[cell, &result_cell("total")], fallback);
        assert!(run.analysis.model.cells[0].syntax_error.is_none());
        for f in &run.files {
            assert!(!f.contents.contains('\r'), "{}: \\r exported", f.path);
        }
        assert_parses(&run.files);
        assert_compiles(&run.files);
        assert_eq!(run_exported(&run.files).as_deref(), Some("3"));
    }
}

/// A form feed at the start of a line resets Python's indentation count. The renderer used
/// to indent `\x0cdf = …` to `    \x0cdf = …`, which dedents to column 0, and the next
/// line was an unexpected indent. Found by the `pipeline` fuzzer (strict mode).
#[test]
fn form_feeds_are_not_exported_into_indentation() {
    let script =
        "# %%\nimport pandas as pd\n\x0cdf = pd.read_csv('data/train.csv')\nx = df.shape\n";
    let run = run_notebook(parse_script(script));
    assert_parses(&run.files);
    assert_compiles(&run.files);
}

/// Form feeds after spaces, in blocks, and inside multi-line strings (where they are data
/// and stay), in both modes.
#[test]
fn form_feeds_in_blocks_and_strings() {
    let cell = "s = \"\"\"a\n\x0cb\n  \x0c c\"\"\"\nif True:\n  \x0c  n = 1\n\x0c  \x0c  n = n + 1\nm = len(s) + n\n";
    for fallback in [false, true] {
        let run = run_cells(&[cell, &result_cell("(s, m)")], fallback);
        assert_parses(&run.files);
        assert_compiles(&run.files);
        assert_eq!(
            run_exported(&run.files).as_deref(),
            Some("('a\\n\\x0cb\\n  \\x0c c', 12)")
        );
    }
}

/// Multi-line string literals keep their inner lines as they are when the code around
/// them is re-indented: f-strings, bytes, raw and long strings too (the model's string
/// list has plain `str` constants up to 4 KiB only).
#[test]
fn multi_line_strings_of_every_kind_are_not_reindented() {
    let long = "x".repeat(5000);
    let cell = format!(
        "n = 1\nf = f\"\"\"a\n{{n}}b\"\"\"\nb = b'''c\nd'''\nr = rb\"\"\"e\\\nf\"\"\"\nl = \"\"\"{long}\ny\"\"\"\nc = (\"one\"\n     \"two\")\nif True:\n    g = F'''h\ni''' + '#'\n"
    );
    for fallback in [false, true] {
        let run = run_cells(&[&cell, &result_cell("(f, b, r, l[-3:], c, g)")], fallback);
        assert_parses(&run.files);
        assert_compiles(&run.files);
        assert_eq!(
            run_exported(&run.files).as_deref(),
            Some("('a\\n1b', b'c\\nd', b'e\\\\\\nf', 'x\\ny', 'onetwo', 'h\\ni#')")
        );
    }
}

/// IPython removes a cell's first-line indentation from every line that starts with it
/// (`leading_indent`, strings included) before running it; the export does the same, so
/// ` g = 1` is not exported as an unexpected indent.
#[test]
fn leading_indent_cells_are_exported_as_ipython_runs_them() {
    let cell = "  g = 1\n  if g:\n      h = 2\n  s = '''a\n  b\n c'''\nk = 3\n";
    // IPython dedents from the first line's indentation, even when that line is a comment.
    let commented = "  # first a comment\n  m = 4\n";
    for source in [cell, commented] {
        assert!(
            parse_cell(source).error.is_none(),
            "{source:?} should parse"
        );
    }
    for fallback in [false, true] {
        let run = run_cells(
            &[cell, commented, &result_cell("(g, h, s, k, m)")],
            fallback,
        );
        assert_parses(&run.files);
        assert_compiles(&run.files);
        assert_eq!(
            run_exported(&run.files).as_deref(),
            Some("(1, 2, 'a\\nb\\n c', 3, 4)")
        );
    }
}

/// In fallback mode every cell is a function that declares the names it binds `global`,
/// and CPython refuses an annotated name that is global ("annotated name 'a' can't be
/// global"). Annotated assignments of those names at the cell's own scope are exported as
/// plain assignments (`a = 5`); annotations in classes and functions stay.
#[test]
fn annotated_globals_compile_in_fallback_mode() {
    let cell = "a: int = 5\nb : 'list[int]'=[]; c: int\nc = 1\nif a:\n    d: int = 6\nelse: d: int = 7\nclass C:\n    a: int = 1\ndef f():\n    a: int = 2\n    return a\n(e): int = 8\nh: dict[\n    str, int\n] = {'k': 1}\nmatch: int = 3\ny = lambda v: v\nk: (lambda v=1: v) = y\n";
    let result = result_cell("(a, b, c, d, C.a, f(), e, h, match, k(4))");
    let run = run_cells(&[cell, &result], true);
    assert_parses(&run.files);
    assert_compiles(&run.files);
    let cli = file(&run, "entrypoints/cli.py");
    for kept in ["    a: int = 1", "    a: int = 2"] {
        assert!(cli.contains(kept), "{kept:?} lost:\n{cli}");
    }
    assert_eq!(
        run_exported(&run.files).as_deref(),
        Some("(5, [], 1, 6, 1, 2, 8, {'k': 1}, 3, 4)")
    );
}

/// Cell ids and parser messages go into docstrings and comments: triple quotes,
/// backslashes (a trailing one would escape the closing quotes) and line breaks of every
/// kind stay inside them.
#[test]
fn hostile_cell_ids_stay_in_docstrings_and_comments() {
    let ids = [
        "a\"\"\"b",
        "ends\\",
        "\"",
        "line\rbreak",
        "line\nbreak",
        "crlf\r\nbreak",
        "'''",
        "\\\"\"\"",
        "ff\x0c",
        "ls\u{2028}ps\u{2029}",
        "\"\"",
    ];
    for fallback in [false, true] {
        let mut cells: Vec<Value> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| code_with_id(&format!("v{i} = {i}\nw{i} = v{i} + 1\n"), json!(id)))
            .collect();
        // A cell that does not parse (fallback mode), kept as a comment with the message.
        if fallback {
            cells.push(code_with_id("print x\r(1)\n", json!("bad\"\"\"\\")));
        }
        let bytes = serde_json::to_vec(&notebook(cells)).unwrap();
        let run = run_notebook(parse_ipynb(&bytes).unwrap());
        assert_eq!(run.plan.fallback, fallback);
        assert_parses(&run.files);
        assert_compiles(&run.files);
        let readme = file(&run, "README.md");
        assert!(!readme.contains('\r'), "{readme}");
    }
}

#[test]
fn duplicate_cell_ids() {
    let cells = vec![
        code_with_id("import pandas as pd\n", json!("dup")),
        code_with_id("df = pd.read_csv('data/x.csv')\n", json!("dup")),
        markdown("## Clean"),
        code_with_id("df = df.dropna()\nprint(undefined_one)\n", json!("dup")),
        code_with_id("print(undefined_two)\n", json!("")),
        code_with_id("print(undefined_three)\n", json!(null)),
        code_with_id("df.to_csv('out.csv')\n", json!(42)),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = write_notebook(dir.path(), "dup_ids.ipynb", cells);
    let run = run_path(&path);
    report("duplicate cell ids", &run);
    let a = &run.analysis;
    assert_eq!(a.notebook.cells[3].id.as_deref(), Some("dup"));
    assert_eq!(undefined_name_finding(a, 3, "undefined_one").cell, Some(3));
    assert_eq!(
        undefined_name_finding(a, 4, "undefined_two")
            .cell_id
            .as_deref(),
        Some("")
    );
    assert_eq!(
        undefined_name_finding(a, 5, "undefined_three").cell_id,
        None
    );
    // Provenance tells the cells apart by index.
    let cells: HashSet<usize> = run.plan.placements.iter().map(|p| p.cell).collect();
    assert_eq!(cells, HashSet::from([0, 1, 3, 4, 5, 6]));
}

// ---------------------------------------------------------------------------------------
// Fuzzer regressions

/// Every file in `tests/fixtures/regressions/` through both readers and the pipeline, the
/// way the `read_notebook` and `pipeline` fuzz targets feed them.
#[test]
fn regression_fixtures_replay() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"));
    files.sort();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        eprintln!("regression {name} ({} bytes)", bytes.len());
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = pyarch::ipython::mask(text);
        }
        if let Ok(nb) = parse_ipynb(&bytes) {
            run_notebook(nb);
        }
        run_notebook(parse_script(&String::from_utf8_lossy(&bytes)));
        match load_notebook(path) {
            Ok(nb) => {
                run_notebook(nb);
            }
            Err(e) => assert!(!e.to_string().contains('\n'), "{e}"),
        }
    }
}
