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
//! `… -- --rules` (before any other argument): the rules' roles alone, without the
//! learned layer.

mod common;

use common::{tune_notebooks, Label, TUNE_SETS};
use pyarch::classifier;
use pyarch::load::load_notebook;
use pyarch::model::NotebookModel;
use pyarch::role::Role;
use std::collections::BTreeMap;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let rules_only = args.first().is_some_and(|a| a == "--rules");
    if rules_only {
        args.remove(0);
    }
    for set in TUNE_SETS {
        print_mismatches(set, args.first().map(String::as_str), rules_only);
    }
}

fn print_mismatches(set: &str, only: Option<&str>, rules_only: bool) {
    for notebook in tune_notebooks(set) {
        let loaded = load_notebook(&notebook.path).expect("notebook");
        let model = NotebookModel::build(&loaded);
        let roles = if rules_only {
            classifier::classify_by_rules(&model)
        } else {
            classifier::classify(&model)
        };
        let name = notebook.name.as_str();
        if only == Some("--cells") {
            print_cell_mismatches(name, &notebook.labels, &roles);
            continue;
        }
        for l in &notebook.labels {
            let predicted = roles
                .statement_roles(l.cell)
                .get(l.stmt)
                .map_or("?", |r| r.as_str());
            let labelled = l.role.as_str();
            let all = only == Some("--all");
            if all || predicted != labelled && only.is_none_or(|r| r == labelled) {
                let (cell, stmt) = (l.cell, l.stmt);
                println!(
                    "{labelled} → {predicted}\t{name}:{cell}:{stmt}\t{}",
                    l.first_line
                );
            }
        }
    }
}

/// Cells whose main stage from the labels differs from the predicted one.
fn print_cell_mismatches(name: &str, labels: &[Label], roles: &classifier::Roles) {
    let mut cells: BTreeMap<usize, Vec<(Role, Role)>> = BTreeMap::new();
    for l in labels {
        let predicted = roles.statement_roles(l.cell)[l.stmt];
        cells.entry(l.cell).or_default().push((l.role, predicted));
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
