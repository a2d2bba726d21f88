//! Precision and recall of the leakage rules (PA401, PA404, PA405, PA406) on the
//! fixtures in `tests/fixtures/leakage/`.
//!
//! A fixture named `PA40x_pos_<what>` must give at least one finding with that
//! code; a fixture named `neg_<what>` must give no leakage finding at all. The test
//! prints precision and recall and asserts recall ≥ 90% and false alarms on at
//! most 5% of the negatives. All findings, with their paths, are snapshotted.
//!
//! Run: `cargo test --test it leakage_fixtures:: -- --nocapture`.

use pyarch::analysis::Analysis;
use pyarch::load::load_notebook;
use pyarch::report::text_line;
use pyarch::rules::Selection;
use std::path::{Path, PathBuf};

const CODES: &[&str] = &["PA401", "PA402", "PA404", "PA405", "PA406"];

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/leakage");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/leakage exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ipynb" || e == "py"))
        .collect();
    files.sort();
    files
}

#[test]
fn leakage_fixtures_precision_and_recall() {
    let selection = Selection {
        select: CODES.iter().map(|c| c.to_string()).collect(),
        ignore: vec![],
        ..Default::default()
    };
    let (mut tp, mut fn_, mut fp, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    let mut snapshot = String::new();
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let analysis = Analysis::run(load_notebook(&path).unwrap(), &selection);
        for f in &analysis.findings {
            snapshot.push_str(&text_line(&name, f, pyarch::i18n::Lang::En));
            snapshot.push('\n');
            for r in &f.related {
                snapshot.push_str(&format!(
                    "    at cell {}:{}:{}: {}\n",
                    r.cell, r.span.line, r.span.column, r.message
                ));
            }
            snapshot.push_str(&format!("    fix: {}\n", f.suggestion));
        }
        if let Some(rest) = stem.strip_prefix("neg_") {
            if analysis.findings.is_empty() {
                tn += 1;
            } else {
                fp += 1;
                misses.push(format!("false alarm: {rest}"));
            }
        } else {
            let code = stem.split('_').next().unwrap();
            assert!(CODES.contains(&code), "{stem}: not a leakage fixture name");
            if analysis.findings.iter().any(|f| f.code == code) {
                tp += 1;
            } else {
                fn_ += 1;
                misses.push(format!("missed: {stem}"));
            }
        }
    }
    let positives = tp + fn_;
    let negatives = fp + tn;
    let recall = tp as f64 / positives as f64;
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let false_alarms = fp as f64 / negatives as f64;
    println!(
        "leakage fixtures: {positives} positive, {negatives} negative; recall {:.1}% ({tp}/{positives}), precision {:.1}%, false alarms {:.1}% ({fp}/{negatives})",
        recall * 100.0,
        precision * 100.0,
        false_alarms * 100.0
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(positives + negatives >= 40, "at least 40 fixtures");
    assert!(recall >= 0.9, "recall {recall:.3} < 0.9: {misses:?}");
    assert!(
        false_alarms <= 0.05,
        "false alarms {false_alarms:.3} > 0.05: {misses:?}"
    );
    insta::assert_snapshot!("leakage_fixtures", snapshot);
}

/// The planner keeps the pipeline's statements in notebook order, so an export
/// never moves a statistic or a fit across the split: a negative stays negative.
/// (Definitions move to modules but run where they are called; exploration that
/// feeds nothing leaves the pipeline.)
#[test]
fn exported_pipeline_keeps_statements_in_notebook_order() {
    use pyarch::plan::{self, PlanOptions, Step};
    for path in fixtures() {
        let analysis = Analysis::run(load_notebook(&path).unwrap(), &Selection::default());
        for level in [plan::Level::One, plan::Level::Three] {
            let p = plan::plan(
                &analysis,
                &PlanOptions {
                    level,
                    package: "pkg".into(),
                    overrides: Vec::new(),
                    lang: pyarch::i18n::Lang::En,
                },
            );
            let mut run: Vec<(usize, usize)> = Vec::new();
            for step in &p.steps {
                match step {
                    Step::Call { function } => run.extend(
                        p.functions[*function]
                            .statements
                            .iter()
                            .map(|s| (s.cell, s.statement)),
                    ),
                    Step::Inline {
                        cell, statements, ..
                    } => run.extend(statements.iter().map(|s| (*cell, *s))),
                    _ => {}
                }
            }
            let mut sorted = run.clone();
            sorted.sort();
            assert_eq!(run, sorted, "{}: level {level}", path.display());
        }
    }
}
