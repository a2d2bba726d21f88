//! Every corpus notebook plans and renders without panicking; every exported `.py`
//! parses (rustpython-parser and, when available, `python3 -m py_compile`); the export
//! is deterministic; and (when `.venv` has pyflakes) it adds no undefined names beyond
//! the notebook's own.

use pyarch::analysis::Analysis;
use pyarch::load::load_notebook;
use pyarch::plan::{self, PlanOptions, RenderedFile};
use pyarch::rules::Selection;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn notebooks() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let corpus = common::corpus_notebooks("export_corpus");
    for dir in corpus.into_iter().chain([root().join("samples")]) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("note: {} not found; skipped", dir.display());
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ipynb"))
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

fn export(path: &Path, level: u8) -> Option<(plan::Plan, Vec<RenderedFile>)> {
    export_analysed(path, level).map(|(_, p, files)| (p, files))
}

/// [`export`], with the analysis the plan was made from.
fn export_analysed(path: &Path, level: u8) -> Option<(Analysis, plan::Plan, Vec<RenderedFile>)> {
    let nb = match load_notebook(path) {
        Ok(nb) => nb,
        Err(e) => {
            eprintln!("note: {e} (not exported)");
            return None;
        }
    };
    let analysis = Analysis::run(nb, &Selection::default());
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let options = PlanOptions {
        level: level.try_into().unwrap(),
        package: plan::package_name(&stem),
        overrides: Vec::new(),
        lang: pyarch::i18n::Lang::En,
    };
    let p = plan::plan(&analysis, &options);
    let files = plan::render(&p, &analysis);
    Some((analysis, p, files))
}

/// The notebook as a script, as `scripts/run_notebook_as_script.py` builds it (but
/// from pyarch's reader, which also reads nbformat 3).
fn notebook_as_script(path: &Path) -> String {
    let nb = load_notebook(path).unwrap();
    let mut out = String::new();
    for cell in nb.code_cells() {
        let first = cell
            .source
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        if first.trim_start().starts_with("%%") {
            continue;
        }
        for line in cell.source.lines() {
            let stripped = line.trim_start();
            if stripped.starts_with('%') || stripped.starts_with('!') {
                let indent = &line[..line.len() - stripped.len()];
                if indent.is_empty() {
                    out.push_str("# stripped\n");
                } else {
                    out.push_str(&format!("{indent}pass\n"));
                }
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn python3() -> Option<String> {
    let venv = root().join(".venv/bin/python");
    if venv.exists() {
        return Some(venv.display().to_string());
    }
    Command::new("python3")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "python3".to_string())
}

#[test]
fn corpus_exports_parse_compile_and_add_no_undefined_names() {
    let tmp = tempfile::tempdir().unwrap();
    let mut written: Vec<(String, PathBuf)> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut fallbacks = 0;
    // Notebooks whose load and save paths went to config.py, and how many constants.
    let mut lifted = (0, 0);
    let notebooks = notebooks();
    for path in &notebooks {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for level in [1u8, 3] {
            let Some((p, files)) = export(path, level) else {
                continue;
            };
            let (_, again) = export(path, level).unwrap();
            assert_eq!(files, again, "{name}: export is not deterministic");
            if level == 1 && !p.path_constants.is_empty() {
                lifted.0 += 1;
                lifted.1 += p.path_constants.len();
                let config = files
                    .iter()
                    .find(|f| f.path.ends_with("/config.py"))
                    .unwrap();
                for c in &p.path_constants {
                    let line = format!("\n{} = {}  # cell {}\n", c.name, c.literal, c.cell);
                    assert!(
                        config.contents.contains(&line),
                        "{name}: {} not in config.py",
                        c.name
                    );
                    let used = files.iter().any(|f| {
                        f.path.ends_with(".py")
                            && !f.path.ends_with("/config.py")
                            && f.contents.contains(&c.name)
                    });
                    assert!(used, "{name}: {} is never used", c.name);
                }
            }
            if level == 1 && p.fallback {
                fallbacks += 1;
                assert!(
                    p.notes
                        .iter()
                        .any(|n| n.to_string().starts_with("Fallback")),
                    "{name}: fallback without a note"
                );
                let readme = files.iter().find(|f| f.path == "README.md").unwrap();
                assert!(
                    readme.contents.contains("Fallback"),
                    "{name}: README does not say fallback"
                );
            }
            for f in files.iter().filter(|f| f.path.ends_with(".py")) {
                let parsed = pyarch::syntax::parse_cell(&f.contents);
                if let Some(err) = parsed.error {
                    failures.push(format!(
                        "{name} level {level} {}: {} at {}",
                        f.path, err.message, err.offset
                    ));
                }
            }
            let out = tmp.path().join(format!("{name}-{level}"));
            pyarch::export::write_export(&files, &out, false).unwrap();
            if level == 1 {
                written.push((name.clone(), out));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "rendered files that do not parse:\n{}",
        failures.join("\n")
    );
    eprintln!(
        "{} notebooks exported ({} in fallback mode); {} with load/save paths in config.py ({} constants)",
        written.len(),
        fallbacks,
        lifted.0,
        lifted.1
    );

    let Some(python) = python3() else {
        eprintln!("SKIPPED: no python3; py_compile and pyflakes checks not run");
        return;
    };
    // py_compile every file, in one interpreter.
    let script = "import sys, py_compile, pathlib\nbad = []\nfor root in sys.argv[1:]:\n    for f in sorted(pathlib.Path(root).rglob('*.py')):\n        try:\n            py_compile.compile(str(f), doraise=True, cfile=str(f) + 'c')\n        except py_compile.PyCompileError as e:\n            bad.append(str(e))\nprint('\\n'.join(bad))\nsys.exit(1 if bad else 0)\n";
    let out = Command::new(&python)
        .arg("-c")
        .arg(script)
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "py_compile failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // Undefined names: the export's must be a subset of the notebook-as-script's.
    let venv = root().join(".venv/bin/python");
    let has_pyflakes = venv.exists()
        && Command::new(&venv)
            .args(["-c", "import pyflakes"])
            .status()
            .is_ok_and(|s| s.success());
    if !has_pyflakes {
        eprintln!("SKIPPED: .venv with pyflakes not found; undefined-name comparison not run (run scripts/python-env.sh)");
        return;
    }
    let mut jobs = Vec::new();
    let corpus_paths: Vec<&PathBuf> = notebooks.iter().collect();
    for (name, dir) in &written {
        let nb = corpus_paths
            .iter()
            .find(|p| p.file_stem().unwrap().to_string_lossy() == *name)
            .unwrap();
        let script = tmp.path().join(format!("{name}.script.py"));
        std::fs::write(&script, notebook_as_script(nb)).unwrap();
        // pyc files from py_compile are not Python sources; remove them first.
        jobs.push(serde_json::json!({"name": name, "script": script, "export": dir}));
    }
    let jobs_file = tmp.path().join("jobs.json");
    std::fs::write(&jobs_file, serde_json::to_string(&jobs).unwrap()).unwrap();
    let out = Command::new(&venv)
        .arg(root().join("scripts/undefined_names.py"))
        .arg(&jobs_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut compared = 0;
    let mut skipped = Vec::new();
    let mut added = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let name = v["name"].as_str().unwrap();
        if v["script_syntax_error"].as_bool().unwrap() {
            skipped.push(name.to_string());
            continue;
        }
        compared += 1;
        let nb: Vec<&str> = v["script_undefined"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x.as_str())
            .collect();
        let extra: Vec<&str> = v["export_undefined"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x.as_str())
            .filter(|n| !nb.contains(n))
            .collect();
        let errors = v["export_syntax_errors"].as_array().unwrap();
        if !extra.is_empty() || !errors.is_empty() {
            added.push(format!(
                "{name}: new undefined names {extra:?}, syntax errors {errors:?}"
            ));
        }
    }
    eprintln!(
        "undefined names compared for {compared} notebooks; skipped {} whose script form does not parse: {}",
        skipped.len(),
        skipped.join(", ")
    );
    assert!(
        added.is_empty(),
        "exports that add undefined names:\n{}",
        added.join("\n")
    );
}

/// The shape the export gives the corpus and the samples (issue 10's measures): the
/// service layer's functions take the repository (the use cases and `run_pipeline`; the
/// notebook's own functions that land there do not), and few generated functions are a
/// single statement. Prints the numbers and asserts both (function length is
/// `no_function_is_over_60_lines_unless_its_source_was`).
#[test]
fn service_functions_take_the_repository_and_functions_are_not_one_liners() {
    let (mut services, mut taking, mut fallbacks) = (0usize, 0usize, 0usize);
    let (mut generated, mut one_statement) = (0usize, 0usize);
    let mut total_notebooks = 0;
    for path in notebooks() {
        let Some((p, _)) = export(&path, 1) else {
            continue;
        };
        total_notebooks += 1;
        if p.fallback {
            fallbacks += 1;
            continue;
        }
        // run_pipeline takes the repository too.
        services += 1;
        taking += 1;
        for f in p.functions_in(plan::MODULE_SERVICES) {
            services += 1;
            if f.kind == plan::FunctionKind::UseCase {
                taking += 1;
            }
        }
        for (i, f) in p.functions.iter().enumerate() {
            let size = match f.kind {
                plan::FunctionKind::Extracted => f.statements.len(),
                plan::FunctionKind::UseCase => {
                    let uc = p.use_cases.iter().find(|u| u.function == i).unwrap();
                    uc.steps
                        .iter()
                        .map(|&s| match &p.steps[s] {
                            plan::Step::Inline { statements, .. } => statements.len(),
                            _ => 1,
                        })
                        .sum()
                }
                _ => continue,
            };
            generated += 1;
            if size == 1 {
                one_statement += 1;
                if std::env::var_os("PYARCH_SHOW_ONE_LINERS").is_some() {
                    eprintln!("one statement: {}::{} ({:?})", p.package, f.name, f.kind);
                }
            }
        }
    }
    if total_notebooks == 0 {
        eprintln!("SKIPPED: no notebooks");
        return;
    }
    eprintln!(
        "service functions taking the repository: {taking} of {services} ({:.0}%) over {} notebooks ({fallbacks} in fallback mode, not counted)",
        100.0 * taking as f64 / services.max(1) as f64,
        total_notebooks
    );
    eprintln!(
        "one-statement generated functions (domain and use cases): {one_statement} of {generated} ({:.0}%)",
        100.0 * one_statement as f64 / generated.max(1) as f64
    );
    // The 90% target is over the corpus and the samples (issue 10); the samples alone
    // (a fresh clone) are 13 of 15, where two are the notebooks' own helpers.
    let corpus_present = common::corpus_root().join("notebooks").is_dir();
    let (num, den) = if corpus_present { (9, 10) } else { (4, 5) };
    assert!(
        taking * den >= services * num,
        "only {taking} of {services} service functions take the repository"
    );
    assert!(
        one_statement * 5 <= generated,
        "{one_statement} of {generated} generated functions are one statement"
    );
}

/// The top-level functions and the methods of a Python file: `name` (`Class.name` for a
/// method) and how many lines it spans, `def` to its last statement.
fn function_lengths(text: &str, path: &str) -> Vec<(String, usize)> {
    use rustpython_parser::{ast, Parse};
    let Ok(suite) = ast::Suite::parse(text, path) else {
        return Vec::new();
    };
    let line = |offset: usize| text[..offset].bytes().filter(|&b| b == b'\n').count() + 1;
    let length = |range: rustpython_parser::text_size::TextRange| {
        line(range.end().to_usize()) + 1 - line(range.start().to_usize())
    };
    let mut out = Vec::new();
    for stmt in &suite {
        match stmt {
            ast::Stmt::FunctionDef(f) => out.push((f.name.to_string(), length(f.range))),
            ast::Stmt::AsyncFunctionDef(f) => out.push((f.name.to_string(), length(f.range))),
            ast::Stmt::ClassDef(c) => {
                for s in &c.body {
                    match s {
                        ast::Stmt::FunctionDef(f) => {
                            out.push((format!("{}.{}", c.name, f.name), length(f.range)))
                        }
                        ast::Stmt::AsyncFunctionDef(f) => {
                            out.push((format!("{}.{}", c.name, f.name), length(f.range)))
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The notebook source a planned function holds as its own text: how many pieces (cells,
/// or one `def` or class) and the longest, in lines. A moved `def` or class is its
/// lines, a fallback function its cell; an extracted function, a method or a use case
/// holds the cells its statements (for a use case, its inline statements and the calls
/// it makes) come from.
fn source_pieces(analysis: &Analysis, p: &plan::Plan, f: &plan::PlannedFunction) -> (usize, usize) {
    if matches!(f.kind, plan::FunctionKind::Moved | plan::FunctionKind::Cell) {
        let longest = f
            .sources
            .iter()
            .map(|s| s.last_line + 1 - s.first_line)
            .max();
        return (f.sources.len(), longest.unwrap_or(0) as usize);
    }
    let mut cells: Vec<usize> = f.statements.iter().map(|s| s.cell).collect();
    if let Some(uc) = p
        .use_cases
        .iter()
        .find(|u| p.functions[u.function].name == f.name)
    {
        for &s in &uc.steps {
            if let plan::Step::Call { function } = &p.steps[s] {
                cells.extend(p.functions[*function].sources.first().map(|r| r.cell));
            }
        }
    }
    cells.sort_unstable();
    cells.dedup();
    let cell_lines = |c: &usize| {
        analysis
            .notebook
            .cells
            .get(*c)
            .map_or(0, |c| c.source.lines().count())
    };
    (cells.len(), cells.iter().map(cell_lines).max().unwrap_or(0))
}

/// Lines a generated function adds around the notebook source it holds: `def`, docstring,
/// `global` or `with uow:` and `uow.commit()`, `return`.
const FRAME_LINES: usize = 10;

/// Issue 10: no function of an export is longer than 60 lines unless its source was: a
/// function over 60 lines holds one piece of the notebook (a cell, which the export
/// never cuts, or one `def` or class of the notebook) and no more than its frame around
/// it. Over the corpus and the samples at every level, measured on the rendered files;
/// prints every function over 60 lines with its source.
#[test]
fn no_function_is_over_60_lines_unless_its_source_was() {
    const MAX: usize = 60;
    let (mut functions, mut long, mut not_allowed) = (0usize, Vec::new(), Vec::new());
    let mut total_notebooks = 0;
    for path in notebooks() {
        for level in 1..=3u8 {
            let Some((analysis, p, files)) = export_analysed(&path, level) else {
                continue;
            };
            if level == 1 {
                total_notebooks += 1;
            }
            let package_files = files
                .iter()
                .filter(|f| f.path.starts_with("src/") && f.path.ends_with(".py"));
            for file in package_files {
                for (name, lines) in function_lengths(&file.contents, &file.path) {
                    functions += 1;
                    if lines <= MAX {
                        continue;
                    }
                    // `Class.method`: a method of a moved class, or of the repository.
                    let planned = p.functions.iter().find(|f| {
                        f.name == name
                            || name
                                .split_once('.')
                                .is_some_and(|(c, m)| f.name == c || f.name == m)
                    });
                    let (pieces, source) =
                        planned.map_or((0, 0), |f| source_pieces(&analysis, &p, f));
                    let kind = planned.map_or("generated".to_string(), |f| format!("{:?}", f.kind));
                    let file_name = file.path.rsplit('/').next().unwrap_or(&file.path);
                    let line = format!(
                        "{} L{level} {file_name}::{name}: {lines} lines ({kind}, from {pieces} piece(s) of source, the longest {source} lines)",
                        p.package
                    );
                    if pieces != 1 || lines > source + FRAME_LINES {
                        not_allowed.push(line.clone());
                    }
                    long.push(line);
                }
            }
        }
    }
    if total_notebooks == 0 {
        eprintln!("SKIPPED: no notebooks");
        return;
    }
    eprintln!(
        "functions over {MAX} lines: {} of {functions} over {total_notebooks} notebooks at levels 1-3, {} not allowed",
        long.len(),
        not_allowed.len()
    );
    for l in &long {
        eprintln!("  {l}");
    }
    assert!(
        not_allowed.is_empty(),
        "functions over {MAX} lines that are not one piece of source over {} lines: {not_allowed:#?}",
        MAX - FRAME_LINES
    );
}
