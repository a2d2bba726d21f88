//! Snapshot tests of every rule on its fixtures.
//!
//! A fixture is `tests/fixtures/rules/<CODE>_<pos|neg>[_what].{ipynb,py}`. The rule
//! (only that rule) runs on it; `pos` fixtures must give at least one finding and
//! `neg` fixtures none. The findings, in `pyarch check` text form with suggestions,
//! are snapshotted with insta (`tests/it/snapshots/`).

use pyarch::analysis::Analysis;
use pyarch::load::load_notebook;
use pyarch::report::text_line;
use pyarch::rules::Selection;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/rules exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ipynb" || e == "py"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_rule_fixture_matches_its_snapshot() {
    let files = fixtures();
    assert!(!files.is_empty(), "no rule fixtures");
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let code = stem.split('_').next().unwrap().to_string();
        let positive = stem.split('_').nth(1) == Some("pos");
        let notebook = load_notebook(&path).unwrap_or_else(|e| panic!("{e}"));
        let selection = Selection {
            select: vec![code.clone()],
            ignore: vec![],
            ..Default::default()
        };
        let analysis = Analysis::run(notebook, &selection);
        let shown = format!("{stem}.{}", path.extension().unwrap().to_string_lossy());
        let text: String = analysis
            .findings
            .iter()
            .map(|f| format!("{}\n    fix: {}\n", text_line(&shown, f), f.suggestion))
            .collect();
        if positive {
            assert!(
                !analysis.findings.is_empty(),
                "{stem}: expected {code} findings, got none"
            );
        } else {
            assert!(
                analysis.findings.is_empty(),
                "{stem}: expected no findings, got:\n{text}"
            );
        }
        insta::assert_snapshot!(stem, text);
    }
}
