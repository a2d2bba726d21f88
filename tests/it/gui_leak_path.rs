//! The Dataflow tab draws a leak's path (statistic or fit, split, model fit,
//! evaluation) for the chosen finding; its steps select their cells. Driven with
//! egui_kittest like `gui_app.rs`.

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use pyarch::gui::{AppOptions, PyarchApp};
use std::path::PathBuf;

fn opened(path: PathBuf) -> Harness<'static, PyarchApp> {
    let mut app = PyarchApp::new(AppOptions {
        synchronous: true,
        native_dialogs: false,
        watch_file: false,
        samples: Some(vec![]),
        ..AppOptions::default()
    });
    app.open_path(path);
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut PyarchApp| app.ui(ui), app);
    h.run();
    h.run();
    assert!(!h.state().is_busy());
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    h
}

#[test]
fn dataflow_tab_shows_the_leak_path_and_its_steps_select_cells() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/PA401_pos.py");
    let mut h = opened(path);
    h.get_by_label("Dataflow").click();
    h.run();
    // The finding's button, and its steps: fit on all rows in cell 2, split and
    // model fit in cell 3.
    h.get_by_label("PA401 cell 2");
    h.get_by_label("1. cell 2, line 2: fitted on all rows");
    h.get_by_label("2. cell 3, line 1: split");
    h.get_by_label("3. cell 3, line 2: model fitted on the training side")
        .click();
    h.run();
    assert_eq!(h.state().selected_cell(), Some(3));
    h.get_by_label("1. cell 2, line 2: fitted on all rows")
        .click();
    h.run();
    assert_eq!(h.state().selected_cell(), Some(2));
}

#[test]
fn a_notebook_without_leaks_shows_no_path() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/PA401_neg.py");
    let mut h = opened(path);
    h.get_by_label("Dataflow").click();
    h.run();
    assert!(h.query_all_by_label_contains("Leak paths").next().is_none());
}
