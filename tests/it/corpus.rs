//! Every corpus notebook loads and is fully analysed without a panic. Prints, per
//! notebook, how many cells failed to parse and why, and checks the counts against
//! the corpus's own heuristic (FEATURES.tsv: py2_cells + parse_fail).

use pyarch::analysis::Analysis;
use pyarch::load::load_notebook;
use pyarch::rules::Selection;
use pyarch::syntax::SyntaxErrorKind;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::common;

/// FEATURES.tsv: file → (py2_cells, parse_fail).
fn expected_failures(corpus: &Path) -> HashMap<String, (usize, usize)> {
    let text = std::fs::read_to_string(corpus.join("FEATURES.tsv")).expect("FEATURES.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (file, py2, fail) = (col("file"), col("py2_cells"), col("parse_fail"));
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .map(|f| {
            (
                f[file].to_string(),
                (f[py2].parse().unwrap_or(0), f[fail].parse().unwrap_or(0)),
            )
        })
        .collect()
}

#[test]
fn every_corpus_notebook_is_analysed() {
    let Some(corpus) = common::corpus("every_corpus_notebook_is_analysed") else {
        return;
    };
    let expected = expected_failures(&corpus);
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join("notebooks"))
        .expect("notebooks dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ipynb"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 41);
    let mut total_cells = 0;
    let mut total_failed = 0;
    eprintln!(
        "{:<80} {:>5} {:>6} {:>4} {:>6} {:>5}",
        "notebook", "code", "failed", "py2", "parser", "other"
    );
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let notebook = load_notebook(path).unwrap_or_else(|e| panic!("{e}"));
        let code_cells = notebook.code_cells().count();
        let analysis = Analysis::run(notebook, &Selection::default());
        assert_eq!(analysis.model.cells.len(), code_cells);
        let errors: Vec<_> = analysis
            .model
            .cells
            .iter()
            .filter_map(|c| c.syntax_error.as_ref().map(|e| (c.index, e)))
            .collect();
        let count = |k: SyntaxErrorKind| errors.iter().filter(|(_, e)| e.kind == k).count();
        let (py2, limits) = (
            count(SyntaxErrorKind::Python2),
            count(SyntaxErrorKind::ParserLimitation),
        );
        let other = errors.len() - py2 - limits;
        eprintln!(
            "{name:<80} {code_cells:>5} {:>6} {py2:>4} {limits:>6} {other:>5}",
            errors.len()
        );
        for (cell, e) in &errors {
            eprintln!("    cell {cell}: {:?}: {}", e.kind, e.message);
        }
        // Every cell that fails to parse carries a PA9xx finding.
        for (cell, _) in &errors {
            assert!(
                analysis
                    .findings
                    .iter()
                    .any(|f| f.cell == Some(*cell) && f.code.starts_with("PA90")),
                "{name}: cell {cell} failed to parse without a finding"
            );
        }
        // The corpus heuristic parses after masking magics with `pass` and fixing print
        // statements; every cell it says fails must fail here too, and nothing else
        // may fail except Python 2 cells.
        let (exp_py2, exp_fail) = expected.get(&name).copied().unwrap_or((0, 0));
        assert!(
            errors.len() <= exp_py2 + exp_fail,
            "{name}: {} cells failed to parse, the corpus expects at most {}",
            errors.len(),
            exp_py2 + exp_fail
        );
        total_cells += code_cells;
        total_failed += errors.len();
    }
    eprintln!("{total_failed} of {total_cells} code cells failed to parse");
}
