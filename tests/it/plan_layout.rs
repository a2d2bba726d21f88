//! The plan: destinations, functions, overrides, levels, naming and determinism.

use pyarch::analysis::Analysis;
use pyarch::load::load_notebook;
use pyarch::plan::{self, Destination, FunctionKind, Override, PlanOptions};
use pyarch::rules::Selection;
use std::path::PathBuf;

fn analysis(name: &str) -> Analysis {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    Analysis::run(load_notebook(&path).unwrap(), &Selection::default())
}

fn options(level: u8) -> PlanOptions {
    PlanOptions {
        level: level.try_into().unwrap(),
        package: "pkg".into(),
        overrides: Vec::new(),
        lang: pyarch::i18n::Lang::En,
    }
}

#[test]
fn every_statement_has_a_placement_and_functions_have_provenance() {
    for nb in [
        "titanic_messy.ipynb",
        "model_serving.ipynb",
        "tidy_pipeline.ipynb",
    ] {
        let a = analysis(nb);
        let p = plan::plan(&a, &options(1));
        for (cell, stmt) in a.model.statements() {
            let i = cell
                .statements
                .iter()
                .position(|s| std::ptr::eq(s, stmt))
                .unwrap();
            assert!(
                p.placement(cell.index, i).is_some(),
                "{nb}: cell {} stmt {i}",
                cell.index
            );
        }
        for f in &p.functions {
            assert!(!f.sources.is_empty(), "{nb}: {} has no provenance", f.name);
            assert!(
                pyarch::plan::python::is_identifier(&f.name),
                "{nb}: bad name {}",
                f.name
            );
            for s in &f.sources {
                assert!(s.first_line >= 1 && s.last_line >= s.first_line);
                assert!(s.cell_id.is_some());
            }
        }
        let mut names: Vec<(&str, &str)> = p
            .functions
            .iter()
            .map(|f| (f.destination.module(), f.name.as_str()))
            .collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "{nb}: duplicate function names");
    }
}

#[test]
fn titanic_threads_mutated_frames_through_returns() {
    let a = analysis("titanic_messy.ipynb");
    let p = plan::plan(&a, &options(1));
    // Cell 8 fills and drops in place on train and test: both are params and returns.
    let f = p.function_of(8, 0).expect("cell 8 is in a function");
    assert!(f.params.contains(&"train".to_string()) && f.params.contains(&"test".to_string()));
    assert!(f.returns.contains(&"train".to_string()) && f.returns.contains(&"test".to_string()));
    assert_eq!(f.mutates, ["train", "test"]);
    // `%matplotlib inline` is dropped with a note.
    assert!(p
        .notes
        .iter()
        .any(|n| n.to_string().contains("%matplotlib inline")));
    // get_X reads the global `features`: a constant, so it moves with a config import
    // (or, if the roles do not see a constant, stays nested in the pipeline with a note).
    let get_x = p.functions.iter().find(|f| f.name == "get_X");
    assert!(
        get_x.is_some_and(|f| f.uses.contains(&"features".to_string()))
            || p.notes.iter().any(|n| n.to_string().contains("get_X"))
    );
}

#[test]
fn tidy_defs_move_to_their_layers() {
    let a = analysis("tidy_pipeline.ipynb");
    let p = plan::plan(&a, &options(1));
    let module = |name: &str| {
        p.functions
            .iter()
            .find(|f| f.name == name)
            .map(|f| (f.destination.module().to_string(), f.kind))
    };
    assert_eq!(
        module("load_data"),
        Some(("adapters/repository.py".into(), FunctionKind::Moved))
    );
    assert_eq!(
        module("clean"),
        Some(("domain/model.py".into(), FunctionKind::Moved))
    );
    assert_eq!(
        module("train"),
        Some(("service_layer/services.py".into(), FunctionKind::Moved))
    );
}

#[test]
fn model_serving_gets_an_api() {
    let p = plan::plan(&analysis("model_serving.ipynb"), &options(1));
    let api = p.api.expect("api planned");
    assert_eq!(api.function, "predict");
    assert!(p.dependencies.contains(&"fastapi".to_string()));
    assert!(p.dependencies.contains(&"scikit-learn".to_string()));
}

#[test]
fn overrides_replan_consistently() {
    let a = analysis("titanic_messy.ipynb");
    let base = plan::plan(&a, &options(1));
    let mut opts = options(1);
    // Move cell 8 (fill + drop) to the service layer.
    opts.overrides.push(Override {
        cell: 8,
        statement: None,
        destination: Destination::Service,
    });
    let p = plan::plan(&a, &opts);
    let pl = p.placement(8, 0).unwrap();
    assert!(pl.overridden);
    assert_eq!(pl.destination, Destination::Service);
    // Service statements run in a use case, which takes what the domain function took.
    let f = p.function_of(8, 0).unwrap();
    assert_eq!(f.destination.module(), "service_layer/services.py");
    assert_eq!(f.kind, FunctionKind::UseCase);
    for param in &base.function_of(8, 0).unwrap().params {
        assert!(
            f.params.contains(param) || !p.functions.iter().any(|g| g.returns.contains(param)),
            "{param} not passed to {}",
            f.name
        );
    }
    // One statement to exploration while later code needs it: kept in the pipeline.
    let mut opts = options(1);
    opts.overrides.push(Override {
        cell: 3,
        statement: Some(2),
        destination: Destination::Exploration,
    });
    let p = plan::plan(&a, &opts);
    assert_ne!(
        p.placement(3, 2).unwrap().destination,
        Destination::Exploration
    );
    assert!(p
        .notes
        .iter()
        .any(|n| n.to_string().contains("later code uses")));
}

#[test]
fn levels_add_files() {
    let a = analysis("tidy_pipeline.ipynb");
    let paths = |level| -> Vec<String> {
        plan::render(&plan::plan(&a, &options(level)), &a)
            .into_iter()
            .map(|f| f.path)
            .collect()
    };
    let (l1, l2, l3) = (paths(1), paths(2), paths(3));
    assert!(!l1.iter().any(|p| p.ends_with("unit_of_work.py")));
    assert!(l2
        .iter()
        .any(|p| p.ends_with("service_layer/unit_of_work.py")));
    for f in [
        "domain/commands.py",
        "domain/events.py",
        "service_layer/messagebus.py",
        "bootstrap.py",
    ] {
        assert!(l3.iter().any(|p| p.ends_with(f)), "{f}");
    }
}

#[test]
fn hostile_package_names_are_sanitised() {
    assert_eq!(plan::package_name("../../etc"), "etc");
    assert_eq!(plan::package_name("/abs/path"), "abs_path");
    assert_eq!(plan::package_name("타이타닉"), "notebook_pkg");
    assert_eq!(plan::package_name("import"), "notebook_pkg");
    let a = analysis("tidy_pipeline.ipynb");
    let mut opts = options(1);
    opts.package = "../../evil".into();
    let p = plan::plan(&a, &opts);
    assert_eq!(p.package, "evil");
    for f in plan::render(&p, &a) {
        assert!(
            pyarch::export::check_relative(&f.path).is_ok(),
            "{}",
            f.path
        );
    }
}

#[test]
fn fallback_for_star_imports_and_exec() {
    let nb = pyarch::notebook::read::parse_ipynb(
        br#"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 1, "source": "from math import *\nx = sqrt(4)\n"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 2, "source": "exec('y = 1')\nprint(x)\n"}
        ]}"#,
    )
    .unwrap();
    let a = Analysis::run(nb, &Selection::default());
    let p = plan::plan(&a, &options(1));
    assert!(p.fallback);
    assert!(p.notes[0].to_string().starts_with("Fallback"));
    let files = plan::render(&p, &a);
    let cli = files
        .iter()
        .find(|f| f.path.ends_with("entrypoints/cli.py"))
        .unwrap();
    assert!(cli.contents.contains("from math import *"));
    assert!(cli.contents.contains("global x"));
    assert!(pyarch::syntax::parse_cell(&cli.contents).error.is_none());
}

#[test]
fn rendering_is_deterministic_and_parses() {
    for nb in [
        "titanic_messy.ipynb",
        "model_serving.ipynb",
        "tidy_pipeline.ipynb",
    ] {
        let a = analysis(nb);
        for level in 1..=3 {
            let one = plan::render(&plan::plan(&a, &options(level)), &a);
            let two = plan::render(&plan::plan(&a, &options(level)), &a);
            assert_eq!(one, two);
            for f in one.iter().filter(|f| f.path.ends_with(".py")) {
                let parsed = pyarch::syntax::parse_cell(&f.contents);
                assert!(
                    parsed.error.is_none(),
                    "{nb} {}: {:?}",
                    f.path,
                    parsed.error
                );
            }
        }
    }
}

#[test]
fn plan_serialises_to_json() {
    let p = plan::plan(&analysis("titanic_messy.ipynb"), &options(1));
    let v = serde_json::to_value(&p).unwrap();
    assert!(v["functions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["sources"].is_array()));
    assert!(p.to_text().contains("package pkg"));
}

/// An in-memory notebook with one code cell per source.
fn notebook(cells: &[&str]) -> Analysis {
    let cells: Vec<serde_json::Value> = cells
        .iter()
        .enumerate()
        .map(|(i, s)| {
            serde_json::json!({"cell_type": "code", "metadata": {}, "outputs": [],
                "execution_count": i + 1, "source": s})
        })
        .collect();
    let bytes = serde_json::to_vec(&serde_json::json!({"nbformat": 4, "nbformat_minor": 5,
        "metadata": {}, "cells": cells}))
    .unwrap();
    let nb = pyarch::notebook::read::parse_ipynb(&bytes).unwrap();
    Analysis::run(nb, &Selection::default())
}

fn file<'a>(files: &'a [plan::RenderedFile], suffix: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path.ends_with(suffix))
        .unwrap_or_else(|| panic!("{suffix} rendered"))
        .contents
}

#[test]
fn calls_of_notebook_functions_that_print_stay_in_the_pipeline() {
    // `report` plots and prints (like the ARIMA notebook's `ADF`); `show` prints through
    // it. Calling either is output the user sees; a plot alone stays in exploration.
    let a = notebook(&[
        "import matplotlib.pyplot as plt\nimport pandas as pd\n",
        "df = pd.DataFrame({'a': [1, 2]})\n",
        "def report(frame, title):\n    plt.plot(frame['a'])\n    print(title, frame['a'].sum())\n",
        "def show(frame):\n    report(frame, 'again')\n",
        "report(df, 'total')\n",
        "for t in ['x', 'y']:\n    show(df)\n",
        "plt.plot(df['a'])\nplt.title('only a plot')\n",
    ]);
    let p = plan::plan(&a, &options(1));
    // Cell 4 reads as an evaluation; cell 5 only as a plot, until its output counts.
    assert_ne!(
        p.placement(4, 0).unwrap().destination,
        Destination::Exploration
    );
    assert_eq!(
        p.placement(5, 0).unwrap().destination,
        Destination::Entrypoint
    );
    for s in 0..2 {
        assert_eq!(
            p.placement(6, s).unwrap().destination,
            Destination::Exploration
        );
    }
    let files = plan::render(&p, &a);
    let services = file(&files, "service_layer/services.py");
    assert!(services.contains("        show(df)\n"), "{services}");
    assert!(!services.contains("only a plot"), "{services}");
    assert!(file(&files, "notebooks/exploration.py").contains("only a plot"));
}

/// Cells of a model notebook that end by showing scores: a metric, a bare frame, a
/// rounded score and a scoring method.
pub const SHOWN_SCORES: [&str; 8] = [
    "import numpy as np\nimport pandas as pd\nfrom sklearn.datasets import load_breast_cancer\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.metrics import accuracy_score, confusion_matrix\nfrom sklearn.model_selection import train_test_split\n",
    "data = load_breast_cancer(as_frame=True).frame\nX = data.drop(columns=['target'])\ny = data['target']\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\n",
    "model = LogisticRegression(max_iter=5000).fit(X_train, y_train)\npreds = model.predict(X_test)\n",
    "accuracy_score(y_test, preds)\n",
    "conf = pd.DataFrame(confusion_matrix(y_test, preds))\nconf\n",
    "acc = model.score(X_test, y_test)\nround(acc, 3)\n",
    "errors = y_test - preds\nnp.mean(errors)\n",
    "np.sum(preds == y_test)\n",
];

/// A score a cell ends by showing is displayed by Jupyter and dropped by a script: the
/// use case binds it and returns it, and a bare name is returned instead of shown.
#[test]
fn scores_the_notebook_shows_are_returned_by_their_use_case() {
    let a = notebook(&SHOWN_SCORES);
    let p = plan::plan(&a, &options(1));
    let shown: Vec<(usize, &str, bool)> = p
        .shown_results
        .iter()
        .map(|r| (r.cell, r.name.as_str(), r.bound))
        .collect();
    assert_eq!(
        shown,
        [
            (3, "accuracy_score_value", false),
            (4, "conf", true),
            (5, "acc_rounded", false),
            (6, "errors_mean", false),
            (7, "score", false)
        ]
    );
    let files = plan::render(&p, &a);
    let services = file(&files, "service_layer/services.py");
    assert!(
        services.contains("    accuracy_score_value = accuracy_score(y_test, preds)\n"),
        "{services}"
    );
    assert!(
        services.contains("    acc_rounded = round(acc, 3)\n"),
        "{services}"
    );
    assert!(!services.contains("    conf\n"), "{services}");
    let returned = services
        .lines()
        .filter(|l| l.trim_start().starts_with("return "))
        .collect::<Vec<_>>()
        .join("\n");
    for name in ["accuracy_score_value", "conf", "acc_rounded"] {
        assert!(returned.contains(name), "{name} not returned:\n{services}");
    }
    // The notebook's own text (exploration) keeps what it showed, bound the same way.
    let exploration = file(&files, "notebooks/exploration.py");
    assert!(exploration.contains("accuracy_score_value = accuracy_score(y_test, preds)"));
}

/// Only a bare expression that ends its cell and computes a score is a shown result: a
/// look in the middle of a cell, a print, a plot and a call of the notebook's own
/// function are left as they are.
#[test]
fn only_values_a_cell_ends_by_showing_are_returned() {
    let a = notebook(&[
        SHOWN_SCORES[0],
        SHOWN_SCORES[1],
        SHOWN_SCORES[2],
        "accuracy_score(y_test, preds)\nprint(accuracy_score(y_test, preds))\n",
        "def report(y, p):\n    return accuracy_score(y, p)\n",
        "report(y_test, preds)\n",
    ]);
    let p = plan::plan(&a, &options(1));
    assert!(p.shown_results.is_empty(), "{:?}", p.shown_results);
}

#[test]
fn literal_paths_of_loads_and_saves_become_config_constants() {
    let a = notebook(&[
        "import joblib\nimport pandas as pd\n",
        "DATA = 'data/raw.csv'\nTRAIN_CSV_2 = 2\n",
        "train = pd.read_csv('data/train.csv', sep=',')  # keep me\nraw = pd.read_csv(DATA)\nraw2 = pd.read_csv(\"data/raw.csv\")\n",
        "train.to_csv(r'out\\train.csv', index=False)\njoblib.dump(train, '데이터.pkl')\njoblib.dump(raw, 'data/2019-결과.pkl')\n",
        "with open('notes.txt') as fh:\n    text = fh.read()\nlog = open('log.txt', 'w')\nlog.write('result.csv')\n",
        "pd.read_csv('data/train.csv').head()\n",
        "def load_extra():\n    return pd.read_csv('extra.csv')\n",
        "extra = load_extra()\nprint(len(train), len(raw), len(raw2), len(text), len(extra), TRAIN_CSV_2)\n",
    ]);
    let p = plan::plan(&a, &options(1));
    assert!(!p.fallback);
    let constants: Vec<(&str, &str)> = p
        .path_constants
        .iter()
        .map(|c| (c.name.as_str(), c.value.as_str()))
        .collect();
    assert_eq!(
        constants,
        [
            ("TRAIN_CSV", "data/train.csv"),
            // `TRAIN_CSV_2` is a name of the notebook: the next free one.
            ("TRAIN_CSV_3", "out\\train.csv"),
            // A stem with no ASCII word: the extension, with the folder when there is one.
            ("PKL", "데이터.pkl"),
            ("DATA_PKL", "data/2019-결과.pkl"),
            ("NOTES_TXT", "notes.txt"),
            ("LOG_TXT", "log.txt"),
            ("EXTRA_CSV", "extra.csv"),
        ]
    );
    // `'data/raw.csv'` is already the notebook's constant `DATA`; `'result.csv'` is
    // what `write` writes, not where.
    assert!(p.path_substitutions.iter().any(|s| s.name == "DATA"));
    assert!(!p.path_constants.iter().any(|c| c.value == "result.csv"));

    let files = plan::render(&p, &a);
    let config = file(&files, "config.py");
    for line in [
        "DATA = 'data/raw.csv'",
        "TRAIN_CSV = 'data/train.csv'  # cell 2",
        "TRAIN_CSV_3 = r'out\\train.csv'  # cell 3",
        "PKL = '데이터.pkl'  # cell 3",
        "EXTRA_CSV = 'extra.csv'  # cell 6",
    ] {
        assert!(config.contains(line), "{line} in\n{config}");
    }
    let repo = file(&files, "adapters/repository.py");
    for text in [
        "train = pd.read_csv(TRAIN_CSV, sep=',')  # keep me",
        "raw2 = pd.read_csv(DATA)",
        "train.to_csv(TRAIN_CSV_3, index=False)",
        "joblib.dump(train, PKL)",
        "with open(NOTES_TXT) as fh:",
        "log.write('result.csv')",
        "return pd.read_csv(EXTRA_CSV)",
    ] {
        assert!(repo.contains(text), "{text} in\n{repo}");
    }
    assert!(repo.contains("from pkg.config import "), "{repo}");
    // The same path twice: one constant.
    assert!(repo.contains("pd.read_csv(TRAIN_CSV).head()"), "{repo}");
    for f in files.iter().filter(|f| f.path.ends_with(".py")) {
        let parsed = pyarch::syntax::parse_cell(&f.contents);
        assert!(parsed.error.is_none(), "{}: {:?}", f.path, parsed.error);
    }
    for c in &p.path_constants {
        assert!(pyarch::plan::python::is_identifier(&c.name), "{}", c.name);
    }
}

#[test]
fn paths_joined_from_config_constants_become_config_constants() {
    let a = notebook(&[
        "import os\nfrom pathlib import Path\nimport pandas as pd\n",
        "DATA_DIR = 'data/'\nOUT = Path('out')\n",
        "train = pd.read_csv(DATA_DIR + 'train.csv')\ntest = pd.read_csv(os.path.join(DATA_DIR,\n    'test.csv'), sep=',')\n",
        "again = pd.read_csv(DATA_DIR+'train.csv')\nlog = pd.read_json(DATA_DIR + 'train.json', nrows=len(DATA_DIR))\n",
        "folder = input()\nother = pd.read_csv(folder + 'other.csv')\nfolder = folder.strip()\n",
        "train.to_csv(OUT / 'train.csv', index=False)\ntest.to_csv(Path(DATA_DIR) / 'clean' / 'test.csv')\n",
        "def load(DATA_DIR):\n    return pd.read_csv(DATA_DIR + 'own.csv')\n",
        "def load_extra():\n    return pd.read_csv(os.path.join(DATA_DIR, 'extra.csv'))\n",
        "mixed = pd.read_csv(DATA_DIR + f'{len(train)}.csv')\nextra = load_extra()\nown = load('x/')\n",
        "print(len(again), len(log), len(other), len(mixed), len(extra), len(own))\n",
    ]);
    let p = plan::plan(&a, &options(1));
    assert!(!p.fallback);
    let constants: Vec<(&str, &str)> = p
        .path_constants
        .iter()
        .map(|c| (c.name.as_str(), c.literal.as_str()))
        .collect();
    assert_eq!(
        constants,
        [
            ("TRAIN_CSV", "DATA_DIR + 'train.csv'"),
            ("TEST_CSV", "os.path.join(DATA_DIR, 'test.csv')"),
            ("TRAIN_JSON", "DATA_DIR + 'train.json'"),
            ("TRAIN_CSV_2", "OUT / 'train.csv'"),
            ("TEST_CSV_2", "Path(DATA_DIR) / 'clean' / 'test.csv'"),
            ("EXTRA_CSV", "os.path.join(DATA_DIR, 'extra.csv')"),
        ]
    );

    let files = plan::render(&p, &a);
    let config = file(&files, "config.py");
    // After the constants they read (config.py runs top to bottom), with their imports.
    let at = |text: &str| {
        config
            .find(text)
            .unwrap_or_else(|| panic!("{text} in\n{config}"))
    };
    assert!(at("DATA_DIR = 'data/'") < at("TRAIN_CSV = DATA_DIR + 'train.csv'  # cell 2"));
    assert!(at("OUT = Path('out')") < at("TRAIN_CSV_2 = OUT / 'train.csv'  # cell 5"));
    at("TEST_CSV = os.path.join(DATA_DIR, 'test.csv')  # cell 2");
    at("EXTRA_CSV = os.path.join(DATA_DIR, 'extra.csv')  # cell 7");
    at("import os\n");
    at("from pathlib import Path\n");

    let repo = file(&files, "adapters/repository.py");
    for text in [
        "train = pd.read_csv(TRAIN_CSV)",
        "test = pd.read_csv(TEST_CSV, sep=',')",
        // The same path written another way: the same constant.
        "again = pd.read_csv(TRAIN_CSV)",
        "log = pd.read_json(TRAIN_JSON, nrows=len(DATA_DIR))",
        "train.to_csv(TRAIN_CSV_2, index=False)",
        "test.to_csv(TEST_CSV_2)",
        "return pd.read_csv(EXTRA_CSV)",
        // A variable the pipeline rebinds, a parameter that shadows a constant and an
        // f-string that reads pipeline state stay as they are.
        "pd.read_csv(folder + 'other.csv')",
        "return pd.read_csv(DATA_DIR + 'own.csv')",
        "pd.read_csv(DATA_DIR + f'{len(train)}.csv')",
    ] {
        let found = files
            .iter()
            .any(|f| f.path.ends_with(".py") && f.contents.contains(text));
        assert!(found, "{text} in no file; repository:\n{repo}");
    }
    // `len(DATA_DIR)` still reads the constant itself.
    let config_import = repo
        .split("from pkg.config import ")
        .nth(1)
        .map(|rest| match rest.strip_prefix("(\n") {
            Some(block) => block.split(')').next().unwrap_or(""),
            None => rest.lines().next().unwrap_or(""),
        })
        .unwrap_or("");
    assert!(
        config_import
            .split([',', '\n', ' '])
            .any(|n| n.trim() == "DATA_DIR"),
        "{repo}"
    );
    for f in files.iter().filter(|f| f.path.ends_with(".py")) {
        let parsed = pyarch::syntax::parse_cell(&f.contents);
        assert!(parsed.error.is_none(), "{}: {:?}", f.path, parsed.error);
    }
}

#[test]
fn a_constant_only_a_joined_path_read_is_no_longer_imported() {
    let a = notebook(&[
        "import pandas as pd\n",
        "DATA_DIR = 'data/'\n",
        "train = pd.read_csv(DATA_DIR + 'train.csv')\nprint(len(train))\n",
    ]);
    let p = plan::plan(&a, &options(1));
    let files = plan::render(&p, &a);
    let repo = file(&files, "adapters/repository.py");
    assert!(
        repo.contains("from pkg.config import TRAIN_CSV\n"),
        "{repo}"
    );
    assert!(repo.contains("train = pd.read_csv(TRAIN_CSV)"), "{repo}");
}

#[test]
fn paths_stay_literal_in_fallback_mode_and_when_named_by_a_variable() {
    let a = notebook(&[
        "from math import *\nimport pandas as pd\n",
        "df = pd.read_csv('data/train.csv')\n",
    ]);
    let p = plan::plan(&a, &options(1));
    assert!(p.fallback);
    assert!(p.path_constants.is_empty() && p.path_substitutions.is_empty());
    let files = plan::render(&p, &a);
    assert!(file(&files, "entrypoints/cli.py").contains("pd.read_csv('data/train.csv')"));

    let a = notebook(&[
        "import pandas as pd\n",
        "path = 'data/train.csv'\ndf = pd.read_csv(path)\npath = path.upper()\n",
    ]);
    let p = plan::plan(&a, &options(1));
    assert!(p.path_constants.is_empty() && p.path_substitutions.is_empty());
}

/// The generated functions of a plan (not the notebook's own defs), by name.
fn generated(p: &plan::Plan) -> Vec<&plan::PlannedFunction> {
    p.functions
        .iter()
        .filter(|f| f.kind != FunctionKind::Moved)
        .collect()
}

fn ends_in_number(name: &str) -> bool {
    name.rsplit_once('_')
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[test]
fn sample_functions_are_named_for_what_they_do() {
    // (name, params, returns) of the functions the planner writes.
    let signatures = |nb: &str| -> Vec<(String, Vec<String>, Vec<String>)> {
        let p = plan::plan(&analysis(nb), &options(1));
        generated(&p)
            .into_iter()
            .map(|f| (f.name.clone(), f.params.clone(), f.returns.clone()))
            .collect()
    };
    let sig = |name: &str, params: &[&str], returns: &[&str]| {
        (
            name.to_string(),
            params.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            returns.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    };
    // Domain functions and repository methods, then the use cases (which also take
    // the repository, first).
    let serving = signatures("model_serving.ipynb");
    assert_eq!(
        serving,
        [
            sig("load_iris_data", &[], &["iris", "df"]),
            // `df = iris.frame` alone runs in `prepare_data`.
            sig("select_features_and_target", &["df"], &["X", "y"]),
            sig("save_model", &["clf", "iris"], &[]),
            sig("load_model", &[], &["loaded"]),
            // `df` too: the notebook shows it (`df.head()`, exploration).
            sig("prepare_data", &[], &["iris", "df", "X", "y"]),
            sig("train", &["X", "y", "iris"], &["predict"]),
            sig("make_predictions", &["predict", "iris"], &["proba"]),
        ]
    );
    let tidy = signatures("tidy_pipeline.ipynb");
    assert_eq!(
        tidy,
        [
            sig("load_raw_data", &[], &["data"]),
            sig("prepare_features_and_target", &["data"], &["X", "y"]),
            sig("write_predictions", &["model", "X_test"], &["predictions"]),
            sig("prepare_data", &[], &["X", "y"]),
            sig("train_model", &["X", "y"], &["predictions"]),
        ]
    );
    for nb in [
        "titanic_messy.ipynb",
        "model_serving.ipynb",
        "tidy_pipeline.ipynb",
    ] {
        let a = analysis(nb);
        let p = plan::plan(&a, &options(1));
        let notebook_names: Vec<&str> = a
            .model
            .statements()
            .flat_map(|(_, s)| s.facts.defines.iter().map(String::as_str))
            .collect();
        for f in generated(&p) {
            let n = f.name.as_str();
            assert!(!ends_in_number(n), "{nb}: {n} has a numeric suffix");
            assert!(
                !matches!(n, "run" | "run_model_step" | "step" | "load_data"),
                "{nb}: {n} is generic"
            );
            assert!(n.len() <= 40, "{nb}: {n} is long");
            assert!(!notebook_names.contains(&n), "{nb}: {n} is a notebook name");
        }
    }
}

#[test]
fn clashing_steps_get_specific_names_not_numbers() {
    let a = notebook(&[
        "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.metrics import accuracy_score\n",
        "df = pd.read_csv('data/train.csv')\n",
        "df.Age = df.Age.fillna(df.Age.median())\n",
        "df.Fare = df.Fare.fillna(0)\n",
        "X = df[['Age', 'Fare']]\ny = df['Survived']\n",
        "rf = RandomForestClassifier()\nrf.fit(X, y)\n",
        "lr = LogisticRegression()\nlr.fit(X, y)\n",
        "print(accuracy_score(y, rf.predict(X)))\n",
        "print(accuracy_score(y, lr.predict(X)))\n",
        // Not the rows the model was fitted on (their predictions evaluate the fit).
        "proba = lr.predict_proba(df[['Age', 'Fare']].tail(3))\nprint(proba.sum())\n",
    ]);
    let p = plan::plan(&a, &options(1));
    let name = |cell: usize| p.function_of(cell, 0).map(|f| f.name.clone());
    assert_eq!(name(1).as_deref(), Some("load_train"));
    // Two cells that go on filling the same frame make one domain function.
    assert_eq!(name(2).as_deref(), Some("clean_data"));
    assert_eq!(name(3).as_deref(), Some("clean_data"));
    assert_eq!(name(4).as_deref(), Some("select_features_and_target"));
    // The model statements run in the service layer's use cases, named by phase.
    assert_eq!(name(5).as_deref(), Some("train"));
    assert_eq!(name(6).as_deref(), Some("train"));
    assert_eq!(name(7).as_deref(), Some("evaluate"));
    assert_eq!(name(8).as_deref(), Some("evaluate"));
    assert_eq!(name(9).as_deref(), Some("predict"));
    let train = p.function_of(5, 0).unwrap();
    assert_eq!(train.kind, FunctionKind::UseCase);
    assert_eq!(train.params, ["X", "y"]);
    assert_eq!(train.returns, ["rf", "lr"]);
    // The same plan twice: the same names.
    let again = plan::plan(&a, &options(1));
    let names = |p: &plan::Plan| {
        p.functions
            .iter()
            .map(|f| f.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&p), names(&again));
}

#[test]
fn with_data_samples_the_export_replays_each_domain_function_against_the_notebook_code() {
    let a = analysis("titanic_messy.ipynb");
    let p = plan::plan(&a, &options(1));
    let samples_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let samples = pyarch::export::data_samples(&p, &a, &samples_dir, pyarch::export::SAMPLE_ROWS);
    let files = plan::render_with_samples(&p, &a, &samples);
    let test = files
        .iter()
        .find(|f| f.path == "tests/unit/test_use_cases.py")
        .expect("the samples give use-case tests");
    let called: Vec<&str> = p
        .functions_in(plan::MODULE_SERVICES)
        .flat_map(|f| f.uses.iter().map(String::as_str))
        .collect();
    let domain: Vec<&str> = p
        .functions_in(plan::MODULE_DOMAIN)
        .map(|f| f.name.as_str())
        .filter(|n| called.contains(n))
        .collect();
    assert!(!domain.is_empty());
    for name in &domain {
        assert!(
            test.contents.contains(&format!("    \"{name}\": (\n")),
            "no NOTEBOOK_CODE entry for {name}"
        );
    }
    // The notebook's own text, not the exported function's: cell 8's comment.
    assert!(test
        .contents
        .contains("train.fillna({'Age': train['Age'].median()}, inplace=True)"));
    assert!(test
        .contents
        .contains("def test_the_domain_function_computes_what_the_notebook_code_did"));
    // Without samples there is nothing to run the functions on.
    let plain = plan::render(&p, &a);
    assert!(plain.iter().all(|f| !f.contents.contains("NOTEBOOK_CODE")));
}

/// The plan carries each code cell's main stage (as `cells[].stage`), in its JSON and
/// its text.
#[test]
fn the_plan_names_each_cells_main_stage() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/titanic_messy.ipynb");
    let a = Analysis::run(load_notebook(&path).unwrap(), &Selection::default());
    let p = plan::plan(&a, &options(1));
    assert_eq!(p.cell_stages.get(&15), Some(&pyarch::role::Role::Train));
    for (cell, stage) in &p.cell_stages {
        assert_eq!(a.roles.cell_stage(*cell), Some(*stage), "cell {cell}");
    }
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["cell_stages"]["15"], "train");
    assert!(p.to_text().contains("15 train"), "{}", p.to_text());
}

/// Consecutive cells that keep transforming one frame make one domain function, but
/// not one longer than 60 lines: the run is cut before it would be.
#[test]
fn a_long_run_of_transformations_becomes_functions_of_at_most_60_lines() {
    let mut cells = vec!["import pandas as pd\ndf = pd.read_csv('data.csv')".to_string()];
    for i in 0..30 {
        cells.push(format!(
            "df['c{i}'] = df['c{i}'].fillna(0)\ndf['d{i}'] = df['c{i}'] * 2"
        ));
    }
    cells.push("print(df.describe())".into());
    let sources: Vec<&str> = cells.iter().map(String::as_str).collect();
    let a = notebook(&sources);
    let p = plan::plan(&a, &options(1));
    let extracted: Vec<&plan::PlannedFunction> = p
        .functions
        .iter()
        .filter(|f| f.kind == FunctionKind::Extracted)
        .collect();
    assert!(extracted.len() > 1, "{:?}", p.functions);
    // Every statement of the 30 cells is in one of them.
    let held: usize = extracted.iter().map(|f| f.statements.len()).sum();
    assert_eq!(held, 60);
    let files = plan::render(&p, &a);
    let model = file(&files, "domain/model.py");
    let mut longest = 0;
    let mut current: Option<usize> = None;
    for (i, line) in model.lines().enumerate() {
        if line.starts_with("def ") {
            current = Some(i);
        } else if current.is_some() && !line.is_empty() && !line.starts_with(' ') {
            current = None;
        }
        if let (Some(start), false) = (current, line.is_empty()) {
            longest = longest.max(i + 1 - start);
        }
    }
    assert!(
        (30..=60).contains(&longest),
        "longest function: {longest} lines\n{model}"
    );
}

#[test]
fn a_download_step_is_named_for_what_it_downloads() {
    let a = notebook(&[
        "import nltk\nimport pandas as pd\n",
        "nltk.download('stopwords')\n",
        "df = pd.read_csv('data/reviews.csv')\n",
    ]);
    let p = plan::plan(&a, &options(1));
    let name = p.function_of(1, 0).map(|f| f.name.clone());
    assert_eq!(name.as_deref(), Some("download_stopwords"));
}

/// A load wrapped in the notebook's cleaning or feature functions, each taking the
/// call inside it as its only argument, is split: the repository loads, the pipeline
/// cleans. Other shapes stay whole in the repository.
#[test]
fn a_load_wrapped_in_cleaning_is_split_so_the_repository_only_loads() {
    let a = notebook(&[
        "import pandas as pd\n",
        "def clean(frame, how='any'):\n    return frame.dropna(how=how)\n",
        "def add_ratio(frame):\n    return frame.assign(r=frame['a'] / frame['b'])\n",
        "data = add_ratio(clean(pd.read_csv('data/raw.csv')))\nother = clean(\n    pd.read_csv('data/other.csv', sep=';')\n)\nkept = clean(pd.read_csv('data/kept.csv'), 'all')\nchained = pd.read_csv('data/chained.csv').dropna()\n",
        "print(len(data), len(other), len(kept), len(chained))\n",
    ]);
    let p = plan::plan(&a, &options(1));
    for s in 0..4 {
        assert_eq!(
            p.placement(3, s).unwrap().destination,
            Destination::Repository
        );
    }
    let split: Vec<(usize, &str)> = p
        .load_splits
        .iter()
        .map(|s| (s.statement, s.target.as_str()))
        .collect();
    assert_eq!(split, [(0, "data"), (1, "other")]);
    let files = plan::render(&p, &a);
    let repository = file(&files, "adapters/repository.py");
    for loaded in [
        "        data = pd.read_csv(RAW_CSV)\n",
        "        other = pd.read_csv(OTHER_CSV, sep=';')\n",
        "        kept = clean(pd.read_csv(KEPT_CSV), 'all')\n",
        "        chained = pd.read_csv(CHAINED_CSV).dropna()\n",
    ] {
        assert!(repository.contains(loaded), "{loaded}in\n{repository}");
    }
    assert!(!repository.contains("add_ratio"), "{repository}");
    let pipeline = [
        file(&files, "domain/model.py"),
        file(&files, "service_layer/services.py"),
    ]
    .concat();
    assert!(
        pipeline.contains("data = add_ratio(clean(data))"),
        "{pipeline}"
    );
    assert!(pipeline.contains("other = clean(other)"), "{pipeline}");
    for f in &files {
        if f.path.ends_with(".py") {
            assert!(pyarch::syntax::parses_as_module(&f.contents), "{}", f.path);
        }
    }
}
