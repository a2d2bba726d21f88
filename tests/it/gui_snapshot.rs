//! Image snapshots of the window (behind the `snapshots` feature: it builds wgpu and
//! renders on the CPU through Mesa, so it needs libvulkan1/mesa-vulkan-drivers or EGL).
//!
//! ```text
//! cargo test --features snapshots --test it gui_snapshot::
//! UPDATE_SNAPSHOTS=1 cargo test --features snapshots --test it gui_snapshot::   # accept changes
//! ```
//!
//! Images live in tests/snapshots/gui/; `*.new.png` and `*.diff.png` are test output.
#![cfg(feature = "snapshots")]

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use pyarch::gui::{AppOptions, PyarchApp, Settings, ThemeChoice};
use std::path::PathBuf;

fn harness(theme: ThemeChoice) -> Harness<'static, PyarchApp> {
    let settings = Settings {
        theme,
        ..Settings::default()
    };
    let options = AppOptions {
        synchronous: true,
        native_dialogs: false,
        watch_file: false,
        samples: Some(Vec::new()),
        ..AppOptions::default()
    };
    let mut app = PyarchApp::with_settings(options, settings);
    app.open_path(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/titanic_messy.ipynb"));
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(20)
        .build_ui_state(|ui, app: &mut PyarchApp| app.ui(ui), app);
    h.run();
    h
}

fn snapshot(h: &mut Harness<'static, PyarchApp>, name: &str) {
    // The status bar shows how long the analysis took: not the same twice.
    h.mask(egui::Rect::from_min_max(
        egui::pos2(0.0, 870.0),
        egui::pos2(700.0, 900.0),
    ));
    h.snapshot(name);
}

#[test]
fn cells_tab_dark() {
    let mut h = harness(ThemeChoice::Dark);
    snapshot(&mut h, "gui/cells_tab_dark");
}

#[test]
fn layout_and_dataflow_tabs_light() {
    let mut h = harness(ThemeChoice::Light);
    h.get_by_label("Layout").click();
    h.run();
    snapshot(&mut h, "gui/layout_tab_light");
    h.get_by_label("Dataflow").click();
    h.run();
    snapshot(&mut h, "gui/dataflow_tab_light");
}
