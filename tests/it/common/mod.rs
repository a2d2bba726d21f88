//! Shared by the integration tests: where the shared corpus is, and what a test does
//! when it is not there.
//!
//! `../shared/corpus` (41 real notebooks with their data) sits beside the repository
//! on the project's machines and in CI, but not in a fresh clone. A test that needs it
//! skips with a visible note there, and fails under `CI=true`, where a missing corpus
//! means a broken checkout rather than a user's clone.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared/corpus`, whether or not it exists.
pub fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// The corpus folder (`notebooks`, `data`, …) when it is there. Otherwise prints a
/// `SKIPPED` note naming `test` and returns `None`, or panics under `CI=true`.
pub fn corpus(test: &str) -> Option<PathBuf> {
    let root = corpus_root();
    if root.join("notebooks").is_dir() {
        return Some(root);
    }
    let note = format!(
        "{test}: the shared corpus is not at {} (it sits beside the repository on the \
         project's machines)",
        root.display()
    );
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!("{note}; CI=true requires it");
    }
    // Straight to stderr: libtest captures `eprintln!` of passing tests, and this note
    // must be seen.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {note}");
    None
}

/// `../shared/corpus/notebooks`, as [`corpus`] decides.
pub fn corpus_notebooks(test: &str) -> Option<PathBuf> {
    corpus(test).map(|root| root.join("notebooks"))
}

/// How many Hangul syllables `s` holds: the measure of "this is Korean".
pub fn hangul(s: &str) -> usize {
    s.chars()
        .filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c))
        .count()
}
