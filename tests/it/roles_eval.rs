//! Measures the role classifier against hand labels.
//!
//! `tests/fixtures/roles/labels.tsv` gives one role per statement of the three
//! samples and five notebooks of `../shared/corpus/notebooks` (not copied here: their
//! licences are unknown). Without the corpus (a fresh clone), the samples' labels are
//! measured alone and the test says so.
//! The test prints precision and recall per role and the most common confusions
//! (`cargo test --test it roles_eval:: -- --nocapture`) and fails when accuracy drops
//! below the floor.

use pyarch::classifier;
use pyarch::load::load_notebook;
use pyarch::model::NotebookModel;
use pyarch::role::Role;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Overall accuracy floor, set from what the classifier reaches (see the table).
const ACCURACY_FLOOR: f64 = 0.85;
/// The same, leaving out imports and definitions, which are trivial.
const NON_TRIVIAL_FLOOR: f64 = 0.80;

use crate::common;

struct Label {
    notebook: String,
    cell: usize,
    stmt: usize,
    first_line: String,
    role: Role,
}

fn labels() -> Vec<Label> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roles/labels.tsv");
    let text = std::fs::read_to_string(&path).expect("labels.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "bad label line: {l}");
            Label {
                notebook: f[0].to_string(),
                cell: f[1].parse().expect("cell"),
                stmt: f[2].parse().expect("statement"),
                first_line: f[3].to_string(),
                role: Role::parse(f[4]).unwrap_or_else(|| panic!("unknown role {}", f[4])),
            }
        })
        .collect()
}

/// Where a labelled notebook is: `samples/` for ours, the corpus for the others.
fn notebook_path(name: &str, corpus: Option<&Path>) -> Option<PathBuf> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    if sample.exists() {
        return Some(sample);
    }
    let path = corpus?.join(name);
    assert!(
        path.exists(),
        "{name} is in neither samples/ nor the corpus"
    );
    Some(path)
}

#[test]
fn role_classifier_precision_and_recall() {
    let corpus = common::corpus_notebooks("role_classifier_precision_and_recall (corpus part)");
    let labels: Vec<(Label, PathBuf)> = labels()
        .into_iter()
        .filter_map(|l| notebook_path(&l.notebook, corpus.as_deref()).map(|p| (l, p)))
        .collect();
    assert!(labels.len() >= 120, "only {} labels", labels.len());
    let mut predicted: HashMap<
        String,
        (NotebookModel, classifier::Roles, pyarch::notebook::Notebook),
    > = HashMap::new();
    // role → (true positives, predicted, labelled)
    let mut counts: BTreeMap<Role, (usize, usize, usize)> = BTreeMap::new();
    let mut confusions: BTreeMap<(Role, Role), Vec<String>> = BTreeMap::new();
    let (mut correct, mut total, mut nt_correct, mut nt_total) = (0, 0, 0, 0);
    for (label, path) in &labels {
        let (model, roles, notebook) =
            predicted.entry(label.notebook.clone()).or_insert_with(|| {
                let nb = load_notebook(path).expect("notebook loads");
                let model = NotebookModel::build(&nb);
                let roles = classifier::classify(&model);
                (model, roles, nb)
            });
        let cell = model
            .cell(label.cell)
            .unwrap_or_else(|| panic!("{} has no code cell {}", label.notebook, label.cell));
        let stmt = cell.statements.get(label.stmt).unwrap_or_else(|| {
            panic!(
                "{} cell {} has no statement {}",
                label.notebook, label.cell, label.stmt
            )
        });
        let source = &notebook.cells[label.cell].source;
        let first = source[stmt.facts.range.clone()]
            .lines()
            .next()
            .unwrap_or("")
            .replace('\t', " ");
        assert!(
            first
                .trim()
                .starts_with(label.first_line.trim().trim_end_matches('…')),
            "{} cell {} statement {}: labelled `{}` but the statement is `{}`",
            label.notebook,
            label.cell,
            label.stmt,
            label.first_line,
            first
        );
        let got = roles.statement_roles(label.cell)[label.stmt];
        total += 1;
        let trivial = matches!(label.role, Role::Import | Role::Define);
        if !trivial {
            nt_total += 1;
        }
        counts.entry(got).or_default().1 += 1;
        counts.entry(label.role).or_default().2 += 1;
        if got == label.role {
            correct += 1;
            if !trivial {
                nt_correct += 1;
            }
            counts.entry(got).or_default().0 += 1;
        } else {
            confusions
                .entry((label.role, got))
                .or_default()
                .push(format!(
                    "{}:{}:{} {}",
                    short(&label.notebook),
                    label.cell,
                    label.stmt,
                    label.first_line
                ));
        }
    }
    println!(
        "\n{:<10} {:>9} {:>9} {:>9} {:>9}",
        "role", "labelled", "predicted", "precision", "recall"
    );
    for (role, (tp, pred, lab)) in &counts {
        let p = if *pred > 0 {
            *tp as f64 / *pred as f64
        } else {
            f64::NAN
        };
        let r = if *lab > 0 {
            *tp as f64 / *lab as f64
        } else {
            f64::NAN
        };
        println!(
            "{:<10} {:>9} {:>9} {:>9.2} {:>9.2}",
            role.as_str(),
            lab,
            pred,
            p,
            r
        );
    }
    let accuracy = correct as f64 / total as f64;
    let non_trivial = nt_correct as f64 / nt_total as f64;
    println!("accuracy {correct}/{total} = {accuracy:.3}; without imports and definitions {nt_correct}/{nt_total} = {non_trivial:.3}");
    let mut by_size: Vec<_> = confusions.iter().collect();
    by_size.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    println!("\nconfusions (labelled → predicted):");
    for ((want, got), examples) in by_size.iter().take(25) {
        println!(
            "  {} → {}: {}  e.g. {}",
            want.as_str(),
            got.as_str(),
            examples.len(),
            examples[0]
        );
    }
    assert!(
        accuracy >= ACCURACY_FLOOR,
        "accuracy {accuracy:.3} < {ACCURACY_FLOOR}"
    );
    assert!(
        non_trivial >= NON_TRIVIAL_FLOOR,
        "non-trivial accuracy {non_trivial:.3} < {NON_TRIVIAL_FLOOR}"
    );
}

fn short(notebook: &str) -> &str {
    notebook.rsplit("__").next().unwrap_or(notebook)
}
