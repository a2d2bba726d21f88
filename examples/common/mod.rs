//! The tune notebooks the examples may read: the tune split of
//! `tests/fixtures/roles/heldout/split.tsv` and the tune sets `tune2/` … `tune10/`.
//! The test split and the fresh sets are left out on purpose.

// Each example uses part of this module.
#![allow(dead_code)]

use pyarch::role::Role;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The labelled sets whose tune split may be looked at.
pub const TUNE_SETS: [&str; 11] = [
    "tests/fixtures/roles/heldout",
    "tests/fixtures/roles/tune2",
    "tests/fixtures/roles/tune3",
    "tests/fixtures/roles/tune4",
    "tests/fixtures/roles/tune5",
    "tests/fixtures/roles/tune6",
    "tests/fixtures/roles/tune7",
    "tests/fixtures/roles/tune8",
    "tests/fixtures/roles/tune9",
    "tests/fixtures/roles/tune10",
    "tests/fixtures/roles/tune11",
];

/// One labelled statement: `(cell, statement, first line, role)`.
pub struct Label {
    pub cell: usize,
    pub stmt: usize,
    pub first_line: String,
    pub role: Role,
}

/// A tune notebook of a set and its labels.
pub struct TuneNotebook {
    pub name: String,
    pub path: PathBuf,
    pub labels: Vec<Label>,
}

/// The tune notebooks of one set, by name.
pub fn tune_notebooks(set: &str) -> Vec<TuneNotebook> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(set);
    let split = std::fs::read_to_string(root.join("split.tsv")).expect("split.tsv");
    let tune: HashSet<&str> = split
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 3 && f[2] == "tune").then_some(f[0])
        })
        .collect();
    let labels = std::fs::read_to_string(root.join("labels.tsv")).expect("labels.tsv");
    let mut by_notebook: BTreeMap<&str, Vec<Label>> = BTreeMap::new();
    for line in labels.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 5 || !tune.contains(f[0]) {
            continue;
        }
        by_notebook.entry(f[0]).or_default().push(Label {
            cell: f[1].parse().expect("a cell index"),
            stmt: f[2].parse().expect("a statement index"),
            first_line: f[3].to_string(),
            role: Role::parse(f[4]).expect("a role"),
        });
    }
    by_notebook
        .into_iter()
        .map(|(name, labels)| TuneNotebook {
            name: name.to_string(),
            path: root.join("notebooks").join(name),
            labels,
        })
        .collect()
}
