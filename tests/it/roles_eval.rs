//! Measures the role classifier against hand labels.
//!
//! `tests/fixtures/roles/labels.tsv` gives one role per statement of the three
//! samples and five notebooks of `../shared/corpus/notebooks` (not copied here: their
//! licences are unknown). Without the corpus (a fresh clone), the samples' labels are
//! measured alone and the test says so.
//! The test prints precision and recall per role and the most common confusions
//! (`cargo test --test it roles_eval:: -- --nocapture`) and fails when accuracy drops
//! below the floor.
//!
//! `tests/fixtures/roles/heldout/` is a second set that needs nothing outside the
//! repository: 76 real notebooks (tabular, time series, NLP, keras and torch deep
//! learning; licences in its `MANIFEST.tsv`), every top-level statement labelled by
//! hand from `docs/roles.md`, and `split.tsv`, which keeps a third of the notebooks as
//! a test split the classifier is never tuned on. `heldout_roles_per_split` prints
//! the per-role table and the cell-stage scores of each split next to issue 12's
//! targets, and fails when they drop below the floors.
//!
//! `tests/fixtures/roles/fresh/` is a third, independent measure: 16 notebooks from
//! repositories none of the others come from, labelled by a second labeller from
//! `docs/roles.md` alone (`fresh_roles`). It is test data only, like the test split.
//! `second_labeller.tsv` (8 tune-split notebooks relabelled blind) measures how far
//! two labellers agree.
//!
//! `tune2/` … `tune10/` are further tune sets, each from repositories none of the
//! other sets use, each labelled blind by another labeller from `docs/roles.md`; a
//! set's first measure, taken when it arrived, is a fresh reading of the classifier of
//! that day. `fresh2/` and `fresh3/` are more test-only sets, each measured once, at
//! the end of the session that added it (`second_fresh_set_roles`,
//! `third_fresh_set_roles`). `ROLES_EVAL_SPLIT=tune` reports the tune
//! splits only, so that tuning never shows the held-out numbers by accident.
//! Each split's report ends with 95% bootstrap intervals over its notebooks, so that
//! a change can be read against how far another sample of notebooks would move it;
//! `never_tuned_sets_pooled` reports the test split and the fresh sets together.

use pyarch::classifier;
use pyarch::load::load_notebook;
use pyarch::model::NotebookModel;
use pyarch::role::Role;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Overall accuracy floor, set from what the classifier reaches (see the table). The
/// learned layer costs this set one statement (0.931 → 0.929): three of the samples'
/// labels here predate decisions in docs/roles.md that the layer follows. Retraining the
/// layer after the tune rule for `RidgeCV`-like estimators (which no notebook here uses)
/// moved one more borderline statement (536/578, 0.927). With the eleventh tune set,
/// its rules and the layer's wider margin, 537/578 (0.929).
const ACCURACY_FLOOR: f64 = 0.925;
/// The same, leaving out imports and definitions, which are trivial (400/441, 0.907).
const NON_TRIVIAL_FLOOR: f64 = 0.904;

use crate::common;

#[derive(Clone)]
struct Label {
    notebook: String,
    cell: usize,
    stmt: usize,
    first_line: String,
    role: Role,
}

fn labels() -> Vec<Label> {
    read_labels(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roles/labels.tsv"))
}

/// The five-column label file at `path` (`#` lines are comments).
fn read_labels(path: &Path) -> Vec<Label> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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

/// The held-out set: notebooks, their labels and the tune/test split.
const HELDOUT: &str = "tests/fixtures/roles/heldout";
/// Issue 12's targets on the test split: per role, and the per-notebook mean of the
/// cell-stage precision and recall.
const ROLE_TARGET: f64 = 0.90;
const CELL_PRECISION_TARGET: f64 = 0.90;
const CELL_RECALL_TARGET: f64 = 0.95;

/// Floors a little below what the classifier reaches now on each split, so that a
/// regression fails; raise them as the classifier improves.
struct Floors {
    split: &'static str,
    accuracy: f64,
    cell_precision: f64,
    cell_recall: f64,
}

const HELDOUT_FLOORS: [Floors; 2] = [
    Floors {
        split: "tune",
        accuracy: 0.93,
        cell_precision: 0.93,
        cell_recall: 0.93,
    },
    Floors {
        split: "test",
        accuracy: 0.895,
        cell_precision: 0.86,
        cell_recall: 0.83,
    },
];

/// One labelled statement with the role the classifier gives it (and, for the labelled
/// sets, the role the rules gave before the learned layer).
struct Scored {
    label: Label,
    predicted: Role,
    by_rules: Option<Role>,
}

/// Hit counts of one role: (true positives, predicted, labelled).
type RoleCounts = BTreeMap<Role, (usize, usize, usize)>;

#[test]
fn heldout_roles_per_split() {
    report_set(HELDOUT, &HELDOUT_FLOORS);
}

/// A second, independent measure: notebooks from repositories nobody tuned the
/// classifier on, labelled by a second labeller from `docs/roles.md` alone. Like the
/// test split, it shows no examples.
const FRESH: &str = "tests/fixtures/roles/fresh";

const FRESH_FLOORS: Floors = Floors {
    split: "fresh",
    accuracy: 0.85,
    cell_precision: 0.79,
    cell_recall: 0.79,
};

/// Defines the test of one more tune set: notebooks the classifier may be tuned on,
/// so its report shows examples. Every set was labelled blind from `docs/roles.md` by
/// another labeller, from repositories the other sets do not use.
macro_rules! tune_set {
    ($(#[$doc:meta])* $test:ident, $dir:literal, $accuracy:literal, $precision:literal, $recall:literal) => {
        $(#[$doc])*
        #[test]
        fn $test() {
            let floors = Floors {
                split: "tune",
                accuracy: $accuracy,
                cell_precision: $precision,
                cell_recall: $recall,
            };
            report_set($dir, &[floors]);
        }
    };
}

tune_set!(
    /// 18 notebooks labelled by the second labeller.
    second_tune_set_roles, "tests/fixtures/roles/tune2", 0.95, 0.95, 0.95
);
tune_set!(
    /// 14 notebooks from 4 repositories, among them torch and TensorFlow 1 code.
    third_tune_set_roles, "tests/fixtures/roles/tune3", 0.90, 0.84, 0.83
);
tune_set!(
    /// 15 Kaggle-style notebooks from 8 repositories: competition notebooks, keras
    /// and torch images, spam filters, a statsmodels forecast.
    fourth_tune_set_roles, "tests/fixtures/roles/tune4", 0.90, 0.93, 0.92
);
tune_set!(
    /// 18 course and practitioner notebooks from 6 repositories: model serving, keras
    /// time series, TPOT and grid searches, NLP.
    fifth_tune_set_roles, "tests/fixtures/roles/tune5", 0.91, 0.91, 0.88
);
tune_set!(
    /// 16 notebooks of Korean ML books by one translator and author: scikit-learn,
    /// keras and torch.
    sixth_tune_set_roles, "tests/fixtures/roles/tune6", 0.875, 0.77, 0.83
);
tune_set!(
    /// 15 tabular and time-series notebooks from 12 repositories: Kaggle
    /// competitions, gradient boosting, imbalanced data, ARIMA and neural forecasts.
    seventh_tune_set_roles, "tests/fixtures/roles/tune7", 0.88, 0.81, 0.81
);
tune_set!(
    /// 15 deep-learning and NLP notebooks from 11 repositories: keras and torch
    /// images, transformers fine-tuning, TF-IDF pipelines, clustering, model serving.
    eighth_tune_set_roles, "tests/fixtures/roles/tune8", 0.825, 0.82, 0.82
);
tune_set!(
    /// 15 university and MOOC course notebooks from 8 repositories: scikit-learn labs,
    /// statsmodels regression, resampling, boosting, simple networks.
    ninth_tune_set_roles, "tests/fixtures/roles/tune9", 0.87, 0.88, 0.85
);
tune_set!(
    /// 14 Kaggle competition kernels and practitioner projects from 11 repositories:
    /// fraud with SMOTE, disaster tweets, toxic comments, transfer learning, digits.
    tenth_tune_set_roles, "tests/fixtures/roles/tune10", 0.82, 0.76, 0.73
);
tune_set!(
    /// 14 notebooks from 10 repositories, gathered for the rare stages: grid, random,
    /// hyperopt and optuna searches, keras grid searches, saved and served models,
    /// SageMaker tuning and forecasts. Floors 0.83 since session 30: the layer's
    /// margin went from 4.0 to 5.0, so it overrides less on the sets it learned from
    /// and their in-sample scores fall (0.852 / 0.851 / 0.839 to 0.838 / 0.834 /
    /// 0.834 here) while the cross-validated ones do not; and `gcloud … predict` is
    /// now `predict`, which one of this set's notebooks labels `evaluate`.
    eleventh_tune_set_roles, "tests/fixtures/roles/tune11", 0.83, 0.83, 0.83
);

#[test]
fn fresh_roles() {
    report_set(FRESH, &[FRESH_FLOORS]);
}

/// A second fresh set: 16 notebooks from 8 more repositories, labelled by another
/// labeller from `docs/roles.md`, measured once, at the end of the session that added
/// it. Test data only: no examples are shown and the classifier is never tuned on it.
const FRESH2: &str = "tests/fixtures/roles/fresh2";

const FRESH2_FLOORS: Floors = Floors {
    split: "fresh",
    accuracy: 0.855,
    cell_precision: 0.76,
    cell_recall: 0.74,
};

#[test]
fn second_fresh_set_roles() {
    report_set(FRESH2, &[FRESH2_FLOORS]);
}

/// A third fresh set: 15 notebooks from 12 more repositories (tabular, NLP, image,
/// time series, recommendation, inference), labelled by another labeller from
/// `docs/roles.md` and measured once, at the end of the session that added it. Test
/// data only: no examples are shown and the classifier is never tuned on it.
const FRESH3: &str = "tests/fixtures/roles/fresh3";

const FRESH3_FLOORS: Floors = Floors {
    split: "fresh",
    accuracy: 0.83,
    cell_precision: 0.81,
    cell_recall: 0.81,
};

#[test]
fn third_fresh_set_roles() {
    report_set(FRESH3, &[FRESH3_FLOORS]);
}

/// Every notebook the classifier was never tuned on, pooled: the held-out set's test
/// split and the three fresh sets (72 notebooks). One set's bootstrap interval is
/// about ±0.07 wide at cell level; pooling narrows it, so this is the measure a
/// change should be read on.
const NEVER_TUNED_FLOORS: Floors = Floors {
    split: "never-tuned (pooled)",
    accuracy: 0.855,
    cell_precision: 0.81,
    cell_recall: 0.80,
};

#[test]
fn never_tuned_sets_pooled() {
    if std::env::var("ROLES_EVAL_SPLIT").is_ok_and(|s| s == "tune") {
        eprintln!("never_tuned_sets_pooled: skipped under ROLES_EVAL_SPLIT=tune");
        return;
    }
    let mut pooled = score_labelled_set(HELDOUT)
        .remove("test")
        .expect("the held-out set has a test split");
    for dir in [FRESH, FRESH2, FRESH3] {
        pooled.extend(
            score_labelled_set(dir)
                .remove("fresh")
                .expect("a fresh set has a fresh split"),
        );
    }
    report_split(&NEVER_TUNED_FLOORS, &pooled);
}

/// The list the trainer and the mismatch lister read (`examples/common`).
#[path = "../../examples/common/mod.rs"]
mod examples_common;

/// The sets with tune notebooks are exactly the ones the layer trains on and the
/// examples read: a new tune set cannot be left out of `examples/common`, and a set
/// listed there always has tune notebooks.
#[test]
fn the_examples_tune_on_every_tune_split_and_only_on_those() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut with_tune: Vec<String> = std::fs::read_dir(root.join("tests/fixtures/roles"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|dir| {
            let split = dir.join("split.tsv");
            split.exists() && read_split(&split).values().any(|s| s == "tune")
        })
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            format!("tests/fixtures/roles/{name}")
        })
        .collect();
    with_tune.sort();
    let mut listed: Vec<String> = examples_common::TUNE_SETS
        .iter()
        .map(|s| s.to_string())
        .collect();
    listed.sort();
    assert_eq!(with_tune, listed);
}

/// Scores the labelled set under `dir` and reports each split `floors` names.
/// `ROLES_EVAL_SPLIT=tune` reports the tune splits only, so that tuning never shows
/// the held-out numbers by accident.
fn report_set(dir: &str, floors: &[Floors]) {
    let scored = score_labelled_set(dir);
    let only = std::env::var("ROLES_EVAL_SPLIT").ok();
    for split_floors in floors {
        if only.as_deref().is_some_and(|s| s != split_floors.split) {
            continue;
        }
        report_split(split_floors, &scored[split_floors.split]);
    }
}

/// Scores every notebook of the labelled set under `dir` (`labels.tsv`, `split.tsv`,
/// `notebooks/`), grouped by split.
fn score_labelled_set(dir: &str) -> BTreeMap<String, Vec<Vec<Scored>>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let split = read_split(&root.join("split.tsv"));
    let mut by_notebook: BTreeMap<String, Vec<Label>> = BTreeMap::new();
    for label in read_labels(&root.join("labels.tsv")) {
        by_notebook
            .entry(label.notebook.clone())
            .or_default()
            .push(label);
    }
    assert_eq!(
        by_notebook.keys().collect::<Vec<_>>(),
        split.keys().collect::<Vec<_>>(),
        "{dir}: labels.tsv and split.tsv name different notebooks"
    );
    let mut scored: BTreeMap<String, Vec<Vec<Scored>>> = BTreeMap::new();
    for (notebook, labels) in by_notebook {
        let path = root.join("notebooks").join(&notebook);
        let notebook_scored = score_notebook(&path, labels);
        scored
            .entry(split[&notebook].clone())
            .or_default()
            .push(notebook_scored);
    }
    scored
}

/// `split.tsv`: notebook → `tune`, `test` or `fresh`.
fn read_split(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("notebook\t") && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(
                f.len() == 3 && matches!(f[2], "tune" | "test" | "fresh"),
                "bad split line: {l}"
            );
            (f[0].to_string(), f[2].to_string())
        })
        .collect()
}

/// Classifies the notebook at `path` and pairs each label with the predicted role,
/// checking that the labels name the statements they claim and cover all of them.
fn score_notebook(path: &Path, labels: Vec<Label>) -> Vec<Scored> {
    let notebook = load_notebook(path).unwrap_or_else(|e| panic!("{e}"));
    let model = NotebookModel::build(&notebook);
    // `classify` is the rules, then the layer: run the rules once for both.
    let rules = classifier::classify_by_rules(&model);
    let roles = classifier::with_learned_layer(&model, rules.clone());
    assert_eq!(
        labels.len(),
        model.statements().count(),
        "{}: every top-level statement must be labelled",
        path.display()
    );
    labels
        .into_iter()
        .map(|label| {
            let stmt = model
                .cell(label.cell)
                .and_then(|c| c.statements.get(label.stmt))
                .unwrap_or_else(|| panic!("{}: no statement {}", label.notebook, label.cell));
            let source = &notebook.cells[label.cell].source;
            let first = source[stmt.facts.range.clone()]
                .lines()
                .next()
                .unwrap_or("");
            assert_eq!(
                first.replace('\t', " ").trim(),
                label.first_line.trim(),
                "{} cell {} statement {}",
                label.notebook,
                label.cell,
                label.stmt
            );
            let predicted = roles.statement_roles(label.cell)[label.stmt];
            let by_rules = Some(rules.statement_roles(label.cell)[label.stmt]);
            Scored {
                label,
                predicted,
                by_rules,
            }
        })
        .collect()
}

/// Prints the per-role table and the cell-stage scores of one split and checks its
/// floors.
fn report_split(floors: &Floors, notebooks: &[Vec<Scored>]) {
    let statements: Vec<&Scored> = notebooks.iter().flatten().collect();
    let counts = role_counts(&statements);
    let correct = count_correct(statements.iter().copied());
    let accuracy = correct as f64 / statements.len() as f64;
    let (cell_precision, cell_recall) = mean_cell_scores(notebooks);
    println!(
        "\n{} split: {} notebooks, {} statements (target per role ≥ {ROLE_TARGET:.2})",
        floors.split,
        notebooks.len(),
        statements.len()
    );
    print_role_table(&counts);
    println!("accuracy {correct}/{} = {accuracy:.3}", statements.len());
    println!(
        "cell stage, mean over notebooks: precision {cell_precision:.3} (target ≥ \
         {CELL_PRECISION_TARGET:.2}), recall {cell_recall:.3} (target ≥ {CELL_RECALL_TARGET:.2})"
    );
    let [accuracy_range, precision_range, recall_range] = bootstrap_intervals(notebooks);
    println!(
        "95% intervals over notebooks (bootstrap): accuracy {}, cell precision {}, cell \
         recall {}",
        shown(accuracy_range),
        shown(precision_range),
        shown(recall_range)
    );
    let within = |(low, high): (f64, f64), value: f64| low <= value && value <= high;
    assert!(
        within(accuracy_range, accuracy)
            && within(precision_range, cell_precision)
            && within(recall_range, cell_recall),
        "{} split: a bootstrap interval misses its own estimate",
        floors.split
    );
    if floors.split == "tune" {
        print_rules_alone(notebooks);
    }
    // The test split's statements stay unseen: only the tune split shows examples.
    print_confusions(&statements, floors.split == "tune");
    assert!(
        accuracy >= floors.accuracy,
        "{} split: accuracy {accuracy:.3} < floor {}",
        floors.split,
        floors.accuracy
    );
    assert!(
        cell_precision >= floors.cell_precision,
        "{} split: cell precision {cell_precision:.3} < floor {}",
        floors.split,
        floors.cell_precision
    );
    assert!(
        cell_recall >= floors.cell_recall,
        "{} split: cell recall {cell_recall:.3} < floor {}",
        floors.split,
        floors.cell_recall
    );
}

/// The learned layer was trained on the tune sets, so their scores above are partly
/// in-sample; the rules' scores alone show what the layer adds there (its held-out
/// gain is `cargo run --release --example train_role_layer -- --cv`).
fn print_rules_alone(notebooks: &[Vec<Scored>]) {
    let rules: Vec<Vec<Scored>> = notebooks
        .iter()
        .map(|statements| {
            statements
                .iter()
                .map(|s| Scored {
                    label: s.label.clone(),
                    predicted: s.by_rules.unwrap_or(s.predicted),
                    by_rules: None,
                })
                .collect()
        })
        .collect();
    let correct = count_correct(rules.iter().flatten());
    let total = rules.iter().map(Vec::len).sum();
    let (precision, recall) = mean_cell_scores(&rules);
    println!(
        "rules alone, before the learned layer (trained on these sets): accuracy {:.3}, \
         cell precision {precision:.3}, cell recall {recall:.3}",
        ratio(correct, total)
    );
}

/// How many of `statements` were given their labelled role.
fn count_correct<'s>(statements: impl Iterator<Item = &'s Scored>) -> usize {
    statements.filter(|s| s.predicted == s.label.role).count()
}

/// How many notebook samples [`bootstrap_intervals`] draws.
const BOOTSTRAP_DRAWS: usize = 1000;

/// 95% percentile-bootstrap intervals of the accuracy and the cell-stage precision
/// and recall, drawing the split's notebooks again with replacement (fixed seed, so
/// the output is the same on every run): how far the numbers could move on other
/// notebooks like these. A change well inside an interval is not evidence of a
/// better classifier.
fn bootstrap_intervals(notebooks: &[Vec<Scored>]) -> [(f64, f64); 3] {
    let per_notebook: Vec<(usize, usize, f64, f64)> = notebooks
        .iter()
        .map(|statements| {
            let correct = count_correct(statements.iter());
            let (p, r) = notebook_cell_scores(statements);
            (correct, statements.len(), p, r)
        })
        .collect();
    let n = per_notebook.len();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut draws: [Vec<f64>; 3] = Default::default();
    for _ in 0..BOOTSTRAP_DRAWS {
        let (mut correct, mut total, mut p, mut r) = (0, 0, 0.0, 0.0);
        for _ in 0..n {
            let nb = per_notebook[rng.below(n)];
            correct += nb.0;
            total += nb.1;
            p += nb.2;
            r += nb.3;
        }
        draws[0].push(ratio(correct, total));
        draws[1].push(p / n as f64);
        draws[2].push(r / n as f64);
    }
    draws.map(|mut values| {
        values.sort_by(f64::total_cmp);
        let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
        (at(0.025), at(0.975))
    })
}

fn shown((low, high): (f64, f64)) -> String {
    format!("[{low:.3}, {high:.3}]")
}

/// A small deterministic random source for the bootstrap (xorshift64).
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn role_counts(statements: &[&Scored]) -> RoleCounts {
    let mut counts = RoleCounts::new();
    for s in statements {
        counts.entry(s.predicted).or_default().1 += 1;
        counts.entry(s.label.role).or_default().2 += 1;
        if s.predicted == s.label.role {
            counts.entry(s.predicted).or_default().0 += 1;
        }
    }
    counts
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        f64::NAN
    } else {
        part as f64 / whole as f64
    }
}

fn print_role_table(counts: &RoleCounts) {
    println!(
        "{:<10} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "role", "support", "predicted", "precision", "recall", "target"
    );
    for (role, (tp, pred, lab)) in counts {
        let (precision, recall) = (ratio(*tp, *pred), ratio(*tp, *lab));
        let met = if precision >= ROLE_TARGET && recall >= ROLE_TARGET {
            "met"
        } else {
            "-"
        };
        println!(
            "{:<10} {:>9} {:>9} {:>9.2} {:>9.2} {:>7}",
            role.as_str(),
            lab,
            pred,
            precision,
            recall,
            met
        );
    }
}

/// The most common confusions, each with its first example when `examples`.
fn print_confusions(statements: &[&Scored], examples: bool) {
    let mut confusions: BTreeMap<(Role, Role), Vec<&Label>> = BTreeMap::new();
    for s in statements.iter().filter(|s| s.predicted != s.label.role) {
        confusions
            .entry((s.label.role, s.predicted))
            .or_default()
            .push(&s.label);
    }
    let mut by_size: Vec<_> = confusions.into_iter().collect();
    by_size.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    println!("confusions (labelled → predicted):");
    for ((want, got), labels) in by_size.iter().take(12) {
        let count = format!("  {} → {}: {}", want.as_str(), got.as_str(), labels.len());
        match labels.first().filter(|_| examples) {
            Some(e) => println!(
                "{count}  e.g. {}:{}:{} {}",
                e.notebook, e.cell, e.stmt, e.first_line
            ),
            None => println!("{count}"),
        }
    }
}

/// Cell level: each cell's main stage ([`Role::main_stage`]) from the labelled roles
/// against the one from the predicted roles. Per notebook, precision and recall are
/// averaged over the stages that occur in it (as predicted, resp. as labelled); the
/// result is their mean over the notebooks.
fn mean_cell_scores(notebooks: &[Vec<Scored>]) -> (f64, f64) {
    let (mut precision, mut recall) = (0.0, 0.0);
    for statements in notebooks {
        let (p, r) = notebook_cell_scores(statements);
        precision += p;
        recall += r;
    }
    let n = notebooks.len() as f64;
    (precision / n, recall / n)
}

fn notebook_cell_scores(statements: &[Scored]) -> (f64, f64) {
    let mut cells: BTreeMap<usize, (Vec<Role>, Vec<Role>)> = BTreeMap::new();
    for s in statements {
        let cell = cells.entry(s.label.cell).or_default();
        cell.0.push(s.label.role);
        cell.1.push(s.predicted);
    }
    let mut counts = RoleCounts::new();
    for (labelled, predicted) in cells.into_values() {
        let want = Role::main_stage(labelled).expect("a labelled cell has statements");
        let got = Role::main_stage(predicted).expect("a labelled cell has statements");
        counts.entry(got).or_default().1 += 1;
        counts.entry(want).or_default().2 += 1;
        if want == got {
            counts.entry(got).or_default().0 += 1;
        }
    }
    let mean = |values: Vec<f64>| values.iter().sum::<f64>() / values.len() as f64;
    let precisions = counts
        .values()
        .filter(|c| c.1 > 0)
        .map(|c| ratio(c.0, c.1))
        .collect();
    let recalls = counts
        .values()
        .filter(|c| c.2 > 0)
        .map(|c| ratio(c.0, c.2))
        .collect();
    (mean(precisions), mean(recalls))
}

/// Inter-annotator agreement. A second labeller labelled eight tune-split notebooks
/// from `docs/roles.md` alone, without seeing `labels.tsv` or the classifier; the
/// written decisions in `docs/roles.md` were made while labelling those notebooks, so
/// that agreement is an upper estimate. A third labeller did the same for six of the
/// fresh notebooks the second labeller labelled, which nobody had written decisions
/// for: the agreement two careful people reach on new notebooks, and so about the
/// most any classifier can be measured to reach on them. The labellers are assistants
/// of one kind working from one document, so their agreement measures how clearly the
/// document decides, not how far different people would differ.
const SECOND_LABELLER_KAPPA_FLOOR: f64 = 0.9;
const THIRD_LABELLER_KAPPA_FLOOR: f64 = 0.9;

#[test]
fn second_labeller_agrees_with_the_labels() {
    let kappa = labellers_agree(HELDOUT, "second_labeller.tsv");
    assert!(
        kappa >= SECOND_LABELLER_KAPPA_FLOOR,
        "kappa {kappa:.3} < {SECOND_LABELLER_KAPPA_FLOOR}"
    );
}

/// Two labellers on new notebooks of the ninth and tenth tune sets (3 each; the second
/// read `docs/roles.md` with the decisions made since those sets arrived). Their
/// cell-stage agreement is printed next to the kappa: about the most the classifier
/// can be measured to reach.
#[test]
fn second_labellers_agree_on_the_ninth_and_tenth_sets() {
    for dir in ["tests/fixtures/roles/tune9", "tests/fixtures/roles/tune10"] {
        let kappa = labellers_agree(dir, "second_labeller.tsv");
        assert!(
            kappa >= SECOND_LABELLER_KAPPA_FLOOR,
            "{dir}: kappa {kappa:.3} < {SECOND_LABELLER_KAPPA_FLOOR}"
        );
    }
}

#[test]
fn third_labeller_agrees_with_the_fresh_labels() {
    let kappa = labellers_agree(FRESH, "third_labeller.tsv");
    assert!(
        kappa >= THIRD_LABELLER_KAPPA_FLOOR,
        "kappa {kappa:.3} < {THIRD_LABELLER_KAPPA_FLOOR}"
    );
}

/// Prints how far the labels in `dir/other` agree with `dir/labels.tsv` on the
/// statements `other` covers (every statement of its notebooks), per role and as
/// Cohen's kappa, which it returns. No examples: the fresh set is test data.
fn labellers_agree(dir: &str, other: &str) -> f64 {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let first: BTreeMap<(String, usize, usize), Label> = read_labels(&root.join("labels.tsv"))
        .into_iter()
        .map(|l| ((l.notebook.clone(), l.cell, l.stmt), l))
        .collect();
    let second = read_labels(&root.join(other));
    let notebooks: BTreeSet<&str> = second.iter().map(|l| l.notebook.as_str()).collect();
    let first_count = first
        .keys()
        .filter(|(nb, _, _)| notebooks.contains(nb.as_str()))
        .count();
    assert_eq!(
        first_count,
        second.len(),
        "{other} must label every statement of its notebooks"
    );
    let mut pairs: Vec<(Role, Role)> = Vec::new();
    // The second labeller's roles scored as if they were predictions, per notebook.
    let mut by_notebook: BTreeMap<&str, Vec<Scored>> = BTreeMap::new();
    for label in &second {
        let key = (label.notebook.clone(), label.cell, label.stmt);
        let original = first
            .get(&key)
            .unwrap_or_else(|| panic!("{key:?} is not in labels.tsv"));
        assert_eq!(
            original.first_line, label.first_line,
            "{key:?} names another statement"
        );
        pairs.push((original.role, label.role));
        by_notebook
            .entry(label.notebook.as_str())
            .or_default()
            .push(Scored {
                label: original.clone(),
                predicted: label.role,
                by_rules: None,
            });
    }
    let n = pairs.len() as f64;
    let observed = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let mut first_counts: BTreeMap<Role, f64> = BTreeMap::new();
    let mut second_counts: BTreeMap<Role, f64> = BTreeMap::new();
    let mut agreed: BTreeMap<Role, f64> = BTreeMap::new();
    for (a, b) in &pairs {
        *first_counts.entry(*a).or_default() += 1.0;
        *second_counts.entry(*b).or_default() += 1.0;
        if a == b {
            *agreed.entry(*a).or_default() += 1.0;
        }
    }
    let expected: f64 = first_counts
        .iter()
        .map(|(role, c)| c * second_counts.get(role).copied().unwrap_or(0.0))
        .sum::<f64>()
        / (n * n);
    let kappa = (observed - expected) / (1.0 - expected);
    println!(
        "\n{dir}/{other}: {} notebooks, {} statements, agreement {observed:.3}, Cohen's kappa {kappa:.3}",
        notebooks.len(),
        pairs.len()
    );
    let notebooks_scored: Vec<Vec<Scored>> = by_notebook.into_values().collect();
    let (cell_precision, cell_recall) = mean_cell_scores(&notebooks_scored);
    println!(
        "cell stage of {other} against labels.tsv, mean over notebooks: precision \
         {cell_precision:.3}, recall {cell_recall:.3}"
    );
    println!("role         labels.tsv  {other:>10}  agreed");
    for (role, count) in &first_counts {
        println!(
            "{:<12} {count:>10}  {:>10}  {:>6}",
            role.as_str(),
            second_counts.get(role).copied().unwrap_or(0.0),
            agreed.get(role).copied().unwrap_or(0.0)
        );
    }
    kappa
}
