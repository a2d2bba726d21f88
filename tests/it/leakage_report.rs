//! A leak's path in the reports: the text message names the places, SARIF gives
//! them as `relatedLocations`, JSON keeps the REFERENCE §3 fields.

use pyarch::analysis::Analysis;
use pyarch::i18n::Lang;
use pyarch::load::load_notebook;
use pyarch::report::{notebook_json, sarif, text_line};
use pyarch::rules::Selection;
use std::path::Path;

fn analyse(name: &str) -> Analysis {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/leakage")
        .join(name);
    Analysis::run(load_notebook(&path).unwrap(), &Selection::default())
}

#[test]
fn text_names_the_statistic_the_split_and_the_fit() {
    let a = analyse("PA401_pos_concat_slice_back.py");
    let f = a
        .findings
        .iter()
        .find(|f| f.code == "PA401")
        .expect("PA401");
    let line = text_line("nb.py", f, Lang::En);
    assert!(line.contains("`data[\"Age\"].mean()`"), "{line}");
    assert!(
        line.contains("sliced into training and held-out rows in cell 1, line 5"),
        "{line}"
    );
    assert!(
        line.contains("a model is fitted on the training side in cell 1, line 7"),
        "{line}"
    );
    let what: Vec<String> = f.related.iter().map(|r| r.message.to_string()).collect();
    assert_eq!(
        what,
        [
            "statistic over all rows",
            "sliced into training and held-out rows",
            "model fitted on the training side"
        ]
    );
}

#[test]
fn sarif_gives_the_path_as_related_locations() {
    let a = analyse("PA404_pos_smote.py");
    let log = sarif(&[("nb.py".to_string(), a.findings.clone())], Lang::En);
    let result = &log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "PA404")
        .expect("a PA404 result")
        .clone();
    let related = result["relatedLocations"]
        .as_array()
        .expect("relatedLocations");
    assert_eq!(related.len(), 3, "{related:?}");
    assert_eq!(related[1]["physicalLocation"]["region"]["startLine"], 3);
    assert_eq!(related[1]["message"]["text"], "cell 1: split");
    assert_eq!(related[2]["logicalLocations"][0]["name"], "cell 1");
    // Findings of other rules have no related locations.
    let plain = analyse("neg_len_shape_rename.py");
    let log = sarif(&[("nb.py".to_string(), plain.findings.clone())], Lang::En);
    for r in log["runs"][0]["results"].as_array().unwrap() {
        assert!(r.get("relatedLocations").is_none());
    }
}

#[test]
fn json_keeps_the_reference_fields() {
    let a = analyse("PA406_pos_test_median.py");
    let json = notebook_json("nb.py", &a, Lang::En);
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "PA406")
        .unwrap()
        .clone();
    for key in [
        "code",
        "severity",
        "cell",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "suggestion",
    ] {
        assert!(f.get(key).is_some(), "{key}");
    }
}
