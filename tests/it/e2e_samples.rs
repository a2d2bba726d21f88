//! Behavioural equivalence: the notebook run as a script and the exported entrypoint
//! print the same and write the same files, and the export's own pytest passes.
//! Needs `.venv` (bash scripts/python-env.sh); prints SKIPPED without it.

use pyarch::analysis::Analysis;
use pyarch::load::load_notebook;
use pyarch::plan::{self, PlanOptions};
use pyarch::rules::Selection;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn venv_python() -> Option<PathBuf> {
    let p = root().join(".venv/bin/python");
    p.exists().then_some(p)
}

/// Exports `notebook` into `out` and returns the package name.
fn export(notebook: &Path, out: &Path, level: u8) -> String {
    let nb = load_notebook(notebook).unwrap();
    let analysis = Analysis::run(nb, &Selection::default());
    let stem = notebook.file_stem().unwrap().to_string_lossy().into_owned();
    let options = PlanOptions {
        level: level.try_into().unwrap(),
        package: plan::package_name(&stem),
        overrides: Vec::new(),
        lang: pyarch::i18n::Lang::En,
    };
    let p = plan::plan(&analysis, &options);
    // As `pyarch export` does: samples of the data beside the notebook.
    let dir = notebook.parent().unwrap();
    let samples = pyarch::export::data_samples(&p, &analysis, dir, pyarch::export::SAMPLE_ROWS);
    let files = plan::render_with_samples(&p, &analysis, &samples);
    pyarch::export::write_export(&files, out, false).unwrap();
    p.package
}

fn compare(
    python: &Path,
    notebook: &Path,
    nb_rel: &str,
    workdir: &Path,
    export: &Path,
    package: &str,
) -> serde_json::Value {
    let out = Command::new(python)
        .arg(root().join("scripts/compare_export.py"))
        .arg("--notebook")
        .arg(notebook)
        .arg("--nb-rel")
        .arg(nb_rel)
        .arg("--workdir")
        .arg(workdir)
        .arg("--export")
        .arg(export)
        .arg("--package")
        .arg(package)
        .arg("--python")
        .arg(python)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "compare_export.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn equivalent(v: &serde_json::Value) -> bool {
    v["original_rc"] == 0
        && v["export_rc"] == 0
        && v["stdout_equal"] == true
        && v["files_equal"] == true
        && v["pytest_rc"] == 0
}

fn why_not(v: &serde_json::Value) -> String {
    if v["original_rc"] != 0 {
        let err = v["original_stderr"].as_str().unwrap_or("");
        let cause = err
            .lines()
            .rev()
            .find(|l| l.contains("Error"))
            .or_else(|| err.lines().rev().find(|l| !l.trim().is_empty()));
        return format!("the original does not run here: {}", cause.unwrap_or(""));
    }
    if v["export_rc"] != 0 {
        let err = v["export_stderr"].as_str().unwrap_or("");
        let cause = err
            .lines()
            .rev()
            .find(|l| l.contains("Error"))
            .or_else(|| err.lines().rev().find(|l| !l.trim().is_empty()));
        return format!("export failed: {}", cause.unwrap_or(""));
    }
    if v["stdout_equal"] != true {
        return format!(
            "stdout differs:\n{}",
            v["stdout_diff"].as_str().unwrap_or("")
        );
    }
    if v["files_equal"] != true {
        return format!("written files differ: {}", v["files_diff"]);
    }
    format!(
        "export's pytest failed: {}",
        v["pytest_tail"].as_str().unwrap_or("")
    )
}

#[test]
fn samples_behave_like_their_notebooks() {
    let Some(python) = venv_python() else {
        eprintln!("SKIPPED: e2e_samples needs .venv (run `bash scripts/python-env.sh`)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for name in ["titanic_messy", "model_serving", "tidy_pipeline"] {
        for level in [1u8, 3] {
            let nb = root().join(format!("samples/{name}.ipynb"));
            let out = tmp.path().join(format!("{name}-{level}"));
            let package = export(&nb, &out, level);
            let v = compare(
                &python,
                &nb,
                &format!("{name}.ipynb"),
                &root().join("samples"),
                &out,
                &package,
            );
            eprintln!(
                "{name} level {level}: {}",
                if equivalent(&v) {
                    "equivalent"
                } else {
                    "NOT equivalent"
                }
            );
            if !equivalent(&v) {
                failures.push(format!("{name} level {level}: {}", why_not(&v)));
            }
            // The samples were run here: the export prints what they saved.
            if v["saved_output_rc"] != 0 {
                failures.push(format!(
                    "{name} level {level}: the characterization test (saved output) failed: {}",
                    v["saved_output_tail"].as_str().unwrap_or("")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A message after a save (`print("saved!")`) takes the save's role, `persist`. It is
/// the use case talking to its user, so it stays in the use case after the repository
/// call: inside the repository, the fake one the exported tests run the use case with
/// would swallow it, and the exported tests would fail.
#[test]
fn a_message_after_a_save_stays_in_the_use_case() {
    let message = r#"print(f\"wrote {len(predictions)} rows to {OUTPUT_PATH}\")"#;
    let saved = r#"print(\"saved!\")"#;
    tidy_pipeline_variant_behaves("tidy_saved", &[(message, saved)], |export| {
        read(export, "service_layer/services.py").contains("print(\"saved!\")")
    });
}

/// `run_pipeline(…, until=…)` keeps its parameter's name even when a use case hands on
/// a value called `until`: the entrypoint and the message bus pass it by that name.
#[test]
fn a_value_named_until_does_not_rename_the_pipelines_stopping_point() {
    let made = "predictions = save_predictions(model, X_test, OUTPUT_PATH)";
    let renamed = [
        (made, "until = save_predictions(model, X_test, OUTPUT_PATH)"),
        ("{len(predictions)} rows", "{len(until)} rows"),
    ];
    tidy_pipeline_variant_behaves("tidy_until", &renamed, |export| {
        let services = read(export, "service_layer/services.py");
        services.contains("until = train_model(") && services.contains(", until=None):")
    });
}

/// A statement that loads and then cleans and builds features in one expression is
/// split: the repository only loads, and the pipeline cleans and builds features, where
/// the exported tests see them. With the save's result unused, the export also writes
/// `tests/unit/test_use_cases.py`, which replays the load, the domain function and the
/// use case against the notebook's code for each part.
#[test]
fn the_repository_only_loads_what_the_domain_then_prepares() {
    let saved = [
        (
            "predictions = save_predictions(model, X_test, OUTPUT_PATH)",
            "save_predictions(model, X_test, OUTPUT_PATH)",
        ),
        (
            r#"print(f\"wrote {len(predictions)} rows to {OUTPUT_PATH}\")"#,
            r#"print(f\"wrote {OUTPUT_PATH}\")"#,
        ),
    ];
    tidy_pipeline_variant_behaves("tidy_split", &saved, |export| {
        let repository = read(export, "adapters/repository.py");
        let pipeline = read(export, "domain/model.py") + &read(export, "service_layer/services.py");
        repository.contains("        data = load_data()\n")
            && !repository.contains("add_features(")
            && pipeline.contains("data = add_features(clean(data))")
            && export.join("../../tests/unit/test_use_cases.py").is_file()
    });
}

/// The text of `module` in the exported package at `export` (`src/<package>`).
fn read(export: &Path, module: &str) -> String {
    std::fs::read_to_string(export.join(module)).unwrap_or_default()
}

/// Exports tidy_pipeline with each `(from, to)` replaced in its text, at levels 1 and 3,
/// checks the package (`src/<package>`) with `export_ok`, and runs it against the
/// changed notebook.
fn tidy_pipeline_variant_behaves(
    stem: &str,
    replacements: &[(&str, &str)],
    export_ok: impl Fn(&Path) -> bool,
) {
    let Some(python) = venv_python() else {
        eprintln!("SKIPPED: {stem} needs .venv (run `bash scripts/python-env.sh`)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let workdir = tmp.path().join("work");
    copy_dir(&root().join("samples/data"), &workdir.join("data"));
    let mut text = std::fs::read_to_string(root().join("samples/tidy_pipeline.ipynb")).unwrap();
    for (from, to) in replacements {
        assert!(text.contains(from), "tidy_pipeline changed: no {from}");
        text = text.replace(from, to);
    }
    let name = format!("{stem}.ipynb");
    let nb = workdir.join(&name);
    std::fs::write(&nb, text).unwrap();
    for level in [1u8, 3] {
        let out = tmp.path().join(format!("export-{level}"));
        let package = export(&nb, &out, level);
        assert!(export_ok(&out.join("src").join(&package)), "level {level}");
        let v = compare(&python, &nb, &name, &workdir, &out, &package);
        assert!(equivalent(&v), "level {level}: {}", why_not(&v));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// The ARIMA notebook prints its Dickey-Fuller tests from `ADF`, a function of its own
/// that also plots; the calls read as plots, but their output is what the user sees,
/// so the export runs them and prints the same.
#[test]
fn arima_export_prints_what_the_notebook_prints() {
    let Some(python) = venv_python() else {
        eprintln!("SKIPPED: the ARIMA check needs .venv (run `bash scripts/python-env.sh`)");
        return;
    };
    let Some(corpus) = common::corpus("arima_export_prints_what_the_notebook_prints") else {
        return;
    };
    let nb =
        corpus.join("notebooks/pascalbartschi__DataScience-Portfolio__arima_airpassengers.ipynb");
    let csv = corpus.join(
        "data/pascalbartschi__DataScience-Portfolio/02-Statistical-Analysis/Time-Series/data/AirPassengers.csv",
    );
    if !nb.exists() || !csv.exists() {
        eprintln!("SKIPPED: the ARIMA notebook or its data is not in ../shared/corpus");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let workdir = tmp.path().join("work");
    std::fs::create_dir_all(workdir.join("data")).unwrap();
    std::fs::copy(&csv, workdir.join("data/AirPassengers.csv")).unwrap();
    let out = tmp.path().join("export");
    let package = export(&nb, &out, 1);
    let v = compare(
        &python,
        &nb,
        "ARIMA-AirPassengers.ipynb",
        &workdir,
        &out,
        &package,
    );
    assert!(equivalent(&v), "{}", why_not(&v));
    // The data path went to config.py.
    let config = std::fs::read_to_string(out.join(format!("src/{package}/config.py"))).unwrap();
    assert!(
        config.contains("AIR_PASSENGERS_CSV = 'data/AirPassengers.csv'"),
        "{config}"
    );
}

/// The exported tests pin what the notebook only plots. The KNN notebook draws its
/// decision boundaries inside a use case (the replay compares the plotted data) and
/// computes accuracy curves that only its exploration plots (the use case returns them,
/// so the replay compares them): changing either fails the export's own unit tests.
#[test]
fn a_change_to_what_the_notebook_plots_fails_the_exported_tests() {
    let Some(python) = venv_python() else {
        eprintln!("SKIPPED: the plotted-data check needs .venv (run `bash scripts/python-env.sh`)");
        return;
    };
    let Some(corpus) =
        common::corpus("a_change_to_what_the_notebook_plots_fails_the_exported_tests")
    else {
        return;
    };
    let nb = corpus.join("notebooks/pascalbartschi__DataScience-Portfolio__knn_svm_iris.ipynb");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("export");
    let package = export(&nb, &out, 1);
    let services_path = out.join(format!("src/{package}/service_layer/services.py"));
    let services = std::fs::read_to_string(&services_path).unwrap();
    let unit_tests = |source: &str| {
        std::fs::write(&services_path, source).unwrap();
        run_unit_tests(&python, &out)
    };
    let (passed, log) = unit_tests(&services);
    assert!(passed, "the unchanged export fails its tests:\n{log}");
    let changes = [
        // The size of the points drawn over the decision boundaries.
        (
            "edgecolor='k', s=30)",
            "edgecolor='k', s=31)",
            "plotted other data",
        ),
        // The accuracy curves over the number of neighbours.
        (
            "(n_neighbors=k)",
            "(n_neighbors=k + 1)",
            "the_use_case_does_what_the_notebook_code_did",
        ),
    ];
    for (from, to, says) in changes {
        assert!(services.contains(from), "`{from}` is not in services.py");
        let (passed, log) = unit_tests(&services.replacen(from, to, 1));
        assert!(!passed && log.contains(says), "`{from}` -> `{to}`:\n{log}");
    }
}

/// Runs the exported package's unit tests at `out`: whether they passed, and their log.
fn run_unit_tests(python: &Path, out: &Path) -> (bool, String) {
    let run = Command::new(python)
        .args([
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "tests/unit",
        ])
        .current_dir(out)
        .env("MPLBACKEND", "Agg")
        .env_remove("PYTHONPATH")
        .output()
        .unwrap();
    (
        run.status.success(),
        String::from_utf8_lossy(&run.stdout).into_owned(),
    )
}

/// The scores a notebook only shows (`accuracy_score(y_test, preds)` ending a cell) are
/// returned by their use case and compared with the notebook code's: a change to one
/// fails the exported tests.
#[test]
fn a_change_to_a_shown_score_fails_the_exported_tests() {
    let Some(python) = venv_python() else {
        eprintln!("SKIPPED: the shown-score check needs .venv (run `bash scripts/python-env.sh`)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let cells: Vec<serde_json::Value> = crate::plan_layout::SHOWN_SCORES
        .iter()
        .map(|s| {
            serde_json::json!({"cell_type": "code", "metadata": {}, "outputs": [],
            "execution_count": null, "source": s})
        })
        .collect();
    let nb = tmp.path().join("shown_scores.ipynb");
    let json = serde_json::json!({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": cells});
    std::fs::write(&nb, serde_json::to_vec(&json).unwrap()).unwrap();
    let out = tmp.path().join("export");
    let package = export(&nb, &out, 1);
    let services_path = out.join(format!("src/{package}/service_layer/services.py"));
    let services = std::fs::read_to_string(&services_path).unwrap();
    let (passed, log) = run_unit_tests(&python, &out);
    assert!(passed, "the unchanged export fails its tests:\n{log}");
    let changes = [
        (
            "accuracy_score(y_test, preds)",
            "accuracy_score(y_test, 1 - preds)",
        ),
        ("round(acc, 3)", "round(acc, 2)"),
    ];
    for (from, to) in changes {
        assert!(services.contains(from), "`{from}` is not in services.py");
        std::fs::write(&services_path, services.replacen(from, to, 1)).unwrap();
        let (passed, log) = run_unit_tests(&python, &out);
        assert!(
            !passed && log.contains("the_use_case_does_what_the_notebook_code_did"),
            "`{from}` -> `{to}`:\n{log}"
        );
    }
}

#[test]
fn offline_corpus_notebooks_behave_like_their_notebooks() {
    let Some(python) = venv_python() else {
        eprintln!("SKIPPED: e2e corpus check needs .venv (run `bash scripts/python-env.sh`)");
        return;
    };
    let Some(corpus) = common::corpus("offline_corpus_notebooks_behave_like_their_notebooks")
    else {
        return;
    };
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let tmp = tempfile::tempdir().unwrap();
    let mut header: Vec<&str> = Vec::new();
    let (mut total, mut ok, mut saved) = (0, 0, 0);
    let mut report = Vec::new();
    for (i, line) in manifest.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        if i == 0 {
            header = fields;
            continue;
        }
        let get = |key: &str| {
            header
                .iter()
                .position(|h| *h == key)
                .and_then(|p| fields.get(p))
                .copied()
                .unwrap_or("")
        };
        if !get("runs_offline_guess").starts_with("yes") {
            continue;
        }
        let file = get("file");
        let nb = corpus.join("notebooks").join(file);
        let owner_repo = get("repo").replace('/', "__");
        let workdir = tmp.path().join(format!("work-{i}"));
        std::fs::create_dir_all(&workdir).unwrap();
        let data = corpus.join("data").join(&owner_repo);
        if data.exists() {
            copy_tree(&data, &workdir);
        }
        let out = tmp.path().join(format!("export-{i}"));
        let package = export(&nb, &out, 1);
        let v = compare(&python, &nb, get("path_in_repo"), &workdir, &out, &package);
        total += 1;
        if v["saved_output_rc"] == 0 {
            saved += 1;
        }
        if equivalent(&v) {
            ok += 1;
            report.push(format!("  equivalent: {file}"));
        } else {
            report.push(format!(
                "  NOT equivalent: {file}: {}",
                why_not(&v).lines().take(6).collect::<Vec<_>>().join(" | ")
            ));
        }
    }
    eprintln!(
        "corpus behavioural equivalence: {ok} of {total} offline notebooks\n{}",
        report.join("\n")
    );
    // The notebooks' saved outputs come from their authors' machines: where this
    // environment prints otherwise, the export's characterization test says so.
    eprintln!("corpus exports printing the notebook's saved output: {saved} of {total}");
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().filter_map(Result::ok) {
        let target = to.join(entry.file_name());
        let ft = entry.file_type().unwrap();
        if ft.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else if ft.is_file() {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
