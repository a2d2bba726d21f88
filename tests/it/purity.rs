//! The pure core does no I/O, threads, clocks or processes (ARCHITECTURE.md,
//! Invariants). The crate graph already keeps GUI crates out of `pyarch-core`; this
//! keeps the standard library's impure modules out of its sources.

use std::path::{Path, PathBuf};

/// Paths that would let the core touch the file system, threads, the clock or other
/// processes.
const FORBIDDEN: &[&str] = &[
    "std::fs",
    "std::thread",
    "std::time",
    "Instant",
    "SystemTime",
    "std::process",
    "std::net",
    "std::env",
];

fn rust_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `(file:line, word)` for every forbidden word in the Rust files under `dir`.
fn forbidden_uses(dir: &Path) -> Vec<(String, &'static str)> {
    let mut files = Vec::new();
    rust_sources(dir, &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (i, line) in text.lines().enumerate() {
            for word in FORBIDDEN {
                if line.contains(word) {
                    found.push((format!("{}:{}", file.display(), i + 1), *word));
                }
            }
        }
    }
    found
}

#[test]
fn core_sources_use_no_files_threads_clocks_or_processes() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/pyarch-core/src");
    let found = forbidden_uses(&core);
    assert!(found.is_empty(), "the pure core must stay pure: {found:?}");
}

#[test]
fn the_check_sees_a_forbidden_use() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(
        dir.path().join("sub/a.rs"),
        "fn f() {}\nuse std::fs::read;\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.rs"), "let t = Instant::now();\n").unwrap();
    std::fs::write(dir.path().join("c.txt"), "std::thread::spawn").unwrap();
    let found: Vec<&str> = forbidden_uses(dir.path()).iter().map(|f| f.1).collect();
    assert_eq!(found, ["Instant", "std::fs"]);
}

#[test]
fn the_core_manifest_names_no_gui_or_thread_crate() {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/pyarch-core/Cargo.toml"),
    )
    .unwrap();
    for dep in [
        "eframe",
        "egui",
        "rfd",
        "syntect",
        "rayon",
        "indicatif",
        "clap",
    ] {
        assert!(
            !manifest.lines().any(|l| l.trim_start().starts_with(dep)),
            "pyarch-core must not depend on {dep}"
        );
    }
}
