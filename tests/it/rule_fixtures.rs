//! Snapshot tests of every rule on its fixtures, one test per fixture.
//!
//! A fixture is `tests/fixtures/rules/<CODE>_<pos|neg>[_what].{ipynb,py}`. The rule
//! (only that rule) runs on it; `pos` fixtures must give at least one finding and
//! `neg` fixtures none. The findings, in `pyarch check` text form with suggestions,
//! are snapshotted with insta (`tests/it/snapshots/`). PA901 (a file that cannot be
//! read) is made by `pyarch check` itself, so its fixtures run through the binary.
//!
//! Adding a fixture: put the file in the folder and its stem in `fixtures!` below;
//! `the_fixture_list_is_the_fixture_folder` fails until both agree, and
//! `every_rule_has_a_positive_and_a_negative_fixture` until each code has both.

use pyarch::analysis::Analysis;
use pyarch::load::load_notebook;
use pyarch::report::text_line;
use pyarch::rules::{Selection, REGISTRY};
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// The stems of the fixture files on disk, sorted.
fn fixture_stems_on_disk() -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(fixture_dir())
        .expect("tests/fixtures/rules exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ipynb" || e == "py"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    stems.sort();
    stems
}

fn fixture_path(stem: &str) -> PathBuf {
    ["ipynb", "py"]
        .iter()
        .map(|ext| fixture_dir().join(format!("{stem}.{ext}")))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("no fixture file for {stem}"))
}

/// The findings of the fixture's rule alone, as `pyarch check` prints them with the
/// suggestion below each.
fn findings_text(stem: &str, code: &str, path: &Path) -> String {
    let shown = path.file_name().unwrap().to_string_lossy().into_owned();
    if code == "PA901" {
        return unreadable_text(&shown);
    }
    let notebook = load_notebook(path).unwrap_or_else(|e| panic!("{stem}: {e}"));
    let selection = Selection {
        select: vec![code.to_string()],
        ignore: vec![],
        ..Default::default()
    };
    Analysis::run(notebook, &selection)
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}\n    fix: {}\n",
                text_line(&shown, f, pyarch::i18n::Lang::En),
                f.suggestion
            )
        })
        .collect()
}

/// PA901 through `pyarch check --format json` (an unreadable file gives no
/// `Analysis`), in the same shape.
fn unreadable_text(file: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyarch"))
        .args([
            "check",
            "--no-progress",
            "--select",
            "PA901",
            "--format",
            "json",
        ])
        .arg(file)
        .current_dir(fixture_dir())
        .output()
        .expect("runs pyarch");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{file}: {} {}\n    fix: {}\n",
                f["code"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
                f["suggestion"].as_str().unwrap()
            )
        })
        .collect()
}

fn check_fixture(stem: &str) {
    let mut parts = stem.split('_');
    let code = parts.next().unwrap();
    let positive = match parts.next() {
        Some("pos") => true,
        Some("neg") => false,
        other => panic!("{stem}: expected `pos` or `neg` after the code, got {other:?}"),
    };
    let text = findings_text(stem, code, &fixture_path(stem));
    if positive {
        assert!(
            !text.is_empty(),
            "{stem}: expected {code} findings, got none"
        );
    } else {
        assert!(
            text.is_empty(),
            "{stem}: expected no findings, got:\n{text}"
        );
    }
    insta::assert_snapshot!(stem, text);
}

/// One `#[test]` per fixture stem, named after it, and the list of stems.
macro_rules! fixtures {
    ($($stem:ident,)*) => {
        const FIXTURES: &[&str] = &[$(stringify!($stem),)*];
        $(
            #[test]
            #[allow(non_snake_case)]
            fn $stem() {
                check_fixture(stringify!($stem));
            }
        )*
    };
}

fixtures! {
    PA101_neg,
    PA101_neg_display_only,
    PA101_pos,
    PA102_neg,
    PA102_pos,
    PA103_neg,
    PA103_pos,
    PA103_pos_star,
    PA104_neg,
    PA104_neg_display_only,
    PA104_neg_never_run,
    PA104_pos,
    PA105_neg,
    PA105_pos,
    PA106_neg,
    PA106_pos,
    PA107_neg,
    PA107_pos,
    PA108_neg,
    PA108_pos,
    PA109_neg,
    PA109_pos,
    PA110_neg,
    PA110_pos,
    PA201_neg,
    PA201_neg_shadowed_module,
    PA201_pos,
    PA202_neg,
    PA202_pos,
    PA203_neg,
    PA203_pos,
    PA204_neg,
    PA204_pos,
    PA205_neg,
    PA205_neg_eda,
    PA205_pos,
    PA206_neg,
    PA206_pos,
    PA207_neg,
    PA207_pos,
    PA301_neg,
    PA301_pos,
    PA302_neg,
    PA302_pos,
    PA303_neg,
    PA303_pos,
    PA401_neg,
    PA401_pos,
    PA401_pos_variants,
    PA402_neg,
    PA402_neg_feature_auc,
    PA402_neg_no_holdout,
    PA402_pos,
    PA403_neg,
    PA403_neg_frameworks,
    PA403_pos,
    PA403_pos_frameworks,
    PA403_pos_global_seed,
    PA404_neg,
    PA404_pos,
    PA405_neg,
    PA405_pos,
    PA406_neg,
    PA406_pos,
    PA407_neg,
    PA407_neg_inplace_and_loop,
    PA407_pos,
    PA407_pos_get_dummies_fit,
    PA407_pos_target_encoding,
    PA408_neg,
    PA408_neg_loop_predicts,
    PA408_pos,
    PA901_neg,
    PA901_pos_truncated,
    PA902_neg,
    PA902_pos_python2_print,
    PA903_neg,
    PA903_pos_pep701_fstring,
    PA904_neg,
    PA904_pos_deep_brackets,
}

#[test]
fn the_fixture_list_is_the_fixture_folder() {
    let mut listed: Vec<&str> = FIXTURES.to_vec();
    listed.sort();
    assert_eq!(
        listed,
        fixture_stems_on_disk(),
        "`fixtures!` and tests/fixtures/rules differ"
    );
}

#[test]
fn every_rule_has_a_positive_and_a_negative_fixture() {
    let missing: Vec<String> = REGISTRY
        .iter()
        .flat_map(|rule| ["pos", "neg"].map(|kind| (rule.code, kind)))
        .filter(|(code, kind)| {
            let prefix = format!("{code}_{kind}");
            !FIXTURES
                .iter()
                .any(|s| *s == prefix || s.starts_with(&format!("{prefix}_")))
        })
        .map(|(code, kind)| format!("{code}_{kind}"))
        .collect();
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}
