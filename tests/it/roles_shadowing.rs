//! A model named like the module it comes from (`xgb = xgb.XGBClassifier()`):
//! its methods are the model's (train, predict), not the module's functions.

use pyarch::classifier;
use pyarch::load::load_notebook;
use pyarch::model::NotebookModel;
use pyarch::role::Role;
use std::path::Path;

#[test]
fn a_model_that_shadows_its_module_trains_and_predicts() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules/PA201_neg_shadowed_module.py");
    let model = NotebookModel::build(&load_notebook(&path).expect("fixture loads"));
    let roles = classifier::classify(&model);
    // Cell 1: build, fit, predict (read by a metric, so evaluate), print the metric.
    // Before, `xgb.fit` and `xgb.predict` were taken for module functions.
    assert_eq!(
        roles.statement_roles(1),
        &[Role::Train, Role::Train, Role::Evaluate, Role::Evaluate],
        "{:?}",
        roles.statement_roles(1)
    );
}
