//! Trains the role classifier's learned layer (`pyarch_core::classifier::layer`) on the
//! tune notebooks and writes its weight table.
//!
//! `cargo run --release --example train_role_layer`: trains on every tune set and
//! writes `crates/pyarch-core/src/classifier/role_layer.tsv`.
//! `… -- --check`: trains and fails unless the shipped table is what training gives
//! (the rules or the labels changed since it was written).
//! `… -- --cv`: leave-one-tune-set-out, the rules alone against rules plus layer.
//! For trying settings, `EPOCHS`, `LR`, `L2`, `MIN` (min_count), `PRUNE` (prune_below)
//! and `MARGIN` override `Training::default()` and `layer::MARGIN` in `--cv`; the
//! table is always trained with the defaults.
//!
//! Only tune notebooks are read (`common::TUNE_SETS`); the test split and the fresh
//! sets never enter training or this example's output.

mod common;

use common::{tune_notebooks, TuneNotebook, TUNE_SETS};
use pyarch::classifier::layer::{self, Example, RoleLayer, StatementFeatures, Training};
use pyarch::classifier::{self as classifier};
use pyarch::load::load_notebook;
use pyarch::model::NotebookModel;
use pyarch::role::Role;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::ExitCode;

const TABLE: &str = "crates/pyarch-core/src/classifier/role_layer.tsv";

const HEADER: &str = "\
The role classifier's learned layer (classifier/layer.rs): feature<TAB>stage:weight …
Generated from the tune notebooks' labels by `cargo run --release --example train_role_layer`;
do not edit by hand. `-- --check` verifies that this table is what training gives.";

/// A labelled statement with what the layer sees of it.
struct Labelled {
    notebook: String,
    cell: usize,
    label: Role,
    seen: StatementFeatures,
}

fn main() -> ExitCode {
    let mode = std::env::args().nth(1);
    let sets: Vec<Vec<Labelled>> = TUNE_SETS.iter().map(|s| featurize(s)).collect();
    match mode.as_deref() {
        Some("--cv") => {
            let (options, margin) = settings_from_env();
            cross_validate(&sets, options, margin);
        }
        Some("--check") => return check(&sets, Training::default()),
        _ => {
            let layer = layer::train(&examples(sets.iter().flatten()), Training::default());
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE);
            std::fs::write(&path, layer.to_table(HEADER)).expect("write the table");
            println!("wrote {} ({} features)", path.display(), layer.rows.len());
        }
    }
    ExitCode::SUCCESS
}

/// The defaults, with what the environment overrides, for trying settings in `--cv`.
fn settings_from_env() -> (Training, f32) {
    let env = |k: &str, d: f64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let d = Training::default();
    let options = Training {
        epochs: env("EPOCHS", d.epochs as f64) as usize,
        learning_rate: env("LR", d.learning_rate as f64) as f32,
        l2: env("L2", d.l2 as f64) as f32,
        min_count: env("MIN", d.min_count as f64) as usize,
        prune_below: env("PRUNE", d.prune_below as f64) as f32,
        ..d
    };
    (options, env("MARGIN", layer::MARGIN as f64) as f32)
}

fn check(sets: &[Vec<Labelled>], options: Training) -> ExitCode {
    let trained = layer::train(&examples(sets.iter().flatten()), options).to_table(HEADER);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE);
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    if RoleLayer::parse(&trained) == RoleLayer::parse(&shipped) {
        println!("{TABLE} is what training on the tune sets gives");
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{TABLE} is stale: retrain with `cargo run --release --example train_role_layer`"
        );
        ExitCode::FAILURE
    }
}

fn featurize(set: &str) -> Vec<Labelled> {
    tune_notebooks(set)
        .iter()
        .flat_map(labelled_statements)
        .collect()
}

fn labelled_statements(notebook: &TuneNotebook) -> Vec<Labelled> {
    let loaded = load_notebook(&notebook.path).expect("a tune notebook loads");
    let model = NotebookModel::build(&loaded);
    let rules = classifier::classify_by_rules(&model);
    let mut seen: HashMap<(usize, usize), StatementFeatures> =
        layer::statement_features(&model, &rules)
            .into_iter()
            .map(|s| ((s.cell, s.stmt), s))
            .collect();
    notebook
        .labels
        .iter()
        .filter_map(|l| {
            Some(Labelled {
                notebook: notebook.name.clone(),
                cell: l.cell,
                label: l.role,
                seen: seen.remove(&(l.cell, l.stmt))?,
            })
        })
        .collect()
}

fn examples<'a>(statements: impl Iterator<Item = &'a Labelled>) -> Vec<Example> {
    statements
        .map(|s| Example {
            features: s.seen.features.clone(),
            label: s.label,
        })
        .collect()
}

fn cross_validate(sets: &[Vec<Labelled>], options: Training, margin: f32) {
    let mut totals = [[0.0; 3]; 2];
    for (i, held) in sets.iter().enumerate() {
        let training = sets
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .flat_map(|(_, s)| s);
        let layer = layer::train(&examples(training), options);
        let rules = scores(held, |s| s.seen.rules);
        let learned = scores(held, |s| layer.choose_with_margin(&s.seen, margin));
        println!(
            "{:32} rules {}  +layer {}",
            TUNE_SETS[i],
            shown(rules),
            shown(learned)
        );
        for k in 0..3 {
            totals[0][k] += rules[k] / sets.len() as f64;
            totals[1][k] += learned[k] / sets.len() as f64;
        }
    }
    println!(
        "{:32} rules {}  +layer {}",
        "mean",
        shown(totals[0]),
        shown(totals[1])
    );
}

fn shown(scores: [f64; 3]) -> String {
    format!("{:.3}/{:.3}/{:.3}", scores[0], scores[1], scores[2])
}

/// Accuracy, and the per-notebook mean cell precision and recall of main stages, as
/// `tests/it/roles_eval.rs` measures them.
fn scores(statements: &[Labelled], predict: impl Fn(&Labelled) -> Role) -> [f64; 3] {
    let right = statements.iter().filter(|s| predict(s) == s.label).count();
    let mut cells: BTreeMap<&str, BTreeMap<usize, LabelledCell>> = BTreeMap::new();
    for s in statements {
        let cell = cells
            .entry(&s.notebook)
            .or_default()
            .entry(s.cell)
            .or_default();
        cell.0.push(s.label);
        cell.1.push(predict(s));
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for notebook in cells.values() {
        let (p, r) = cell_scores(notebook.values());
        precision += p / cells.len() as f64;
        recall += r / cells.len() as f64;
    }
    [right as f64 / statements.len() as f64, precision, recall]
}

/// A cell's labelled roles and predicted roles.
type LabelledCell = (Vec<Role>, Vec<Role>);

fn cell_scores<'a>(cells: impl Iterator<Item = &'a LabelledCell>) -> (f64, f64) {
    let mut counts: BTreeMap<Role, [usize; 3]> = BTreeMap::new();
    for (labelled, predicted) in cells {
        let want = Role::main_stage(labelled.iter().copied()).expect("a labelled cell");
        let got = Role::main_stage(predicted.iter().copied()).expect("a labelled cell");
        counts.entry(got).or_default()[1] += 1;
        counts.entry(want).or_default()[2] += 1;
        if want == got {
            counts.entry(got).or_default()[0] += 1;
        }
    }
    let mean = |k: usize| {
        let ratios: Vec<f64> = counts
            .values()
            .filter(|c| c[k] > 0)
            .map(|c| c[0] as f64 / c[k] as f64)
            .collect();
        ratios.iter().sum::<f64>() / ratios.len() as f64
    };
    (mean(1), mean(2))
}
