//! insta snapshots of the exported tree: one per sample and level (paths and contents).

use pyarch::analysis::Analysis;
use pyarch::load::load_notebook;
use pyarch::plan::{self, PlanOptions};
use pyarch::rules::Selection;
use std::path::PathBuf;

fn tree(name: &str, level: u8) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.ipynb"));
    let a = Analysis::run(load_notebook(&path).unwrap(), &Selection::default());
    let options = PlanOptions {
        level: level.try_into().unwrap(),
        package: name.into(),
        overrides: Vec::new(),
        lang: pyarch::i18n::Lang::En,
    };
    let files = plan::render(&plan::plan(&a, &options), &a);
    let mut out = String::new();
    for f in &files {
        // The findings come from the rules, which change on their own schedule.
        let contents = match f.contents.find("## Findings that remain") {
            Some(i) if f.path == "README.md" => &f.contents[..i],
            _ => f.contents.as_str(),
        };
        out.push_str(&format!("=== {} ===\n{}\n", f.path, contents));
    }
    out
}

#[test]
fn exported_trees() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for name in ["titanic_messy", "model_serving", "tidy_pipeline"] {
            for level in 1..=3 {
                insta::assert_snapshot!(format!("export_{name}_level{level}"), tree(name, level));
            }
        }
    });
}
