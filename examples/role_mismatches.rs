//! Lists where the role classifier disagrees with the hand labels, for the **tune**
//! notebooks only (the tune split of `tests/fixtures/roles/heldout/split.tsv` and the
//! tune sets `tests/fixtures/roles/tune2/` … `tune10/`): the notebooks the classifier
//! may be tuned on. The test split and the fresh sets are left out on purpose.
//!
//! `cargo run --example role_mismatches [ROLE]`: every mismatch (or those labelled
//! ROLE) as `labelled → predicted  notebook:cell:statement  first line`.
//! `cargo run --example role_mismatches -- --all`: every statement, matching or not.
//! `cargo run --example role_mismatches -- --cells`: the cells whose main stage
//! differs, as `labelled → predicted  notebook:cell  statements' roles`.

use pyarch::classifier;
use pyarch::load::load_notebook;
use pyarch::model::NotebookModel;
use pyarch::role::Role;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The labelled sets whose tune split may be looked at.
const TUNE_SETS: [&str; 10] = [
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
];

fn main() {
    let only = std::env::args().nth(1);
    for set in TUNE_SETS {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(set);
        print_mismatches(&root, only.as_deref());
    }
}

fn print_mismatches(root: &Path, only: Option<&str>) {
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
    let mut by_notebook: BTreeMap<&str, Vec<Vec<&str>>> = BTreeMap::new();
    for line in labels
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() == 5 && tune.contains(f[0]) {
            by_notebook.entry(f[0]).or_default().push(f);
        }
    }
    for (name, rows) in by_notebook {
        let notebook = load_notebook(&root.join("notebooks").join(name)).expect("notebook");
        let model = NotebookModel::build(&notebook);
        let roles = classifier::classify(&model);
        if only == Some("--cells") {
            print_cell_mismatches(name, &rows, &roles);
            continue;
        }
        for f in rows {
            let (cell, stmt): (usize, usize) = (f[1].parse().unwrap(), f[2].parse().unwrap());
            let predicted = roles
                .statement_roles(cell)
                .get(stmt)
                .map_or("?", |r| r.as_str());
            let all = only == Some("--all");
            if all || predicted != f[4] && only.is_none_or(|r| r == f[4]) {
                println!("{} → {predicted}\t{name}:{cell}:{stmt}\t{}", f[4], f[3]);
            }
        }
    }
}

/// Cells whose main stage from the labels differs from the predicted one.
fn print_cell_mismatches(name: &str, rows: &[Vec<&str>], roles: &classifier::Roles) {
    let mut cells: BTreeMap<usize, Vec<(Role, Role)>> = BTreeMap::new();
    for f in rows {
        let (cell, stmt): (usize, usize) = (f[1].parse().unwrap(), f[2].parse().unwrap());
        let labelled = Role::parse(f[4]).expect("a role");
        let predicted = roles.statement_roles(cell)[stmt];
        cells.entry(cell).or_default().push((labelled, predicted));
    }
    for (cell, pairs) in cells {
        let want = Role::main_stage(pairs.iter().map(|p| p.0));
        let got = Role::main_stage(pairs.iter().map(|p| p.1));
        if want != got {
            let shown: Vec<String> = pairs
                .iter()
                .map(|(l, p)| {
                    if l == p {
                        l.as_str().to_string()
                    } else {
                        format!("{}>{}", l.as_str(), p.as_str())
                    }
                })
                .collect();
            println!(
                "{} → {}\t{name}:{cell}\t{}",
                want.map_or("-", |r| r.as_str()),
                got.map_or("-", |r| r.as_str()),
                shown.join(" ")
            );
        }
    }
}
