//! The desktop app (an edge): eframe with the glow backend.
//!
//! State lives in plain structs; each panel is a module with a free `ui` function that
//! draws from the state and pushes [`app::Action`]s, which the app applies at the end
//! of the frame. Loading, analysis, planning, dialogs, export and highlighting run
//! off the UI thread (inline when [`AppOptions::synchronous`] is set, for tests).
//!
//! - [`app`]: the frame, shortcuts, jobs, file watching, persistence;
//! - [`start`]: the start screen and the "Open notebook" window;
//! - [`cell_list`], [`cell_view`], [`inspector`]: the Cells tab;
//! - [`layout_view`]: the module tree export would write;
//! - [`overrides`]: the user's destinations, keyed to survive a reload;
//! - [`dataflow`]: cells and their def-use edges;
//! - [`export`]: writing the files and the Export window;
//! - [`highlight`], [`markdown`], [`fonts`], [`theme`]: presentation.

pub mod app;
mod cell_list;
mod cell_view;
mod dataflow;
mod document;
pub mod export;
pub mod fonts;
mod highlight;
mod inspector;
mod jobs;
mod layout_view;
mod markdown;
mod overrides;
mod start;
mod theme;

pub use app::{AppOptions, PyarchApp, Settings, Tab, SETTINGS_KEY};
pub use document::LoadStage;
/// Test hook for [`PyarchApp::hold_loading`].
pub type LoadGate = jobs::Gate<LoadStage>;
pub use theme::ThemeChoice;

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window (on `notebook` when given) and returns when it closes.
pub fn run(notebook: Option<PathBuf>, _lang: Option<crate::i18n::Lang>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("pyarch")
            .with_app_id("pyarch")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Glow,
        persist_window: true,
        ..Default::default()
    };
    let result = eframe::run_native(
        "pyarch",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, app::SETTINGS_KEY))
                .unwrap_or_default();
            let mut app = PyarchApp::with_settings(AppOptions::default(), settings);
            if let Some(path) = notebook {
                app.open_path(path);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: could not open the window: {e}");
            ExitCode::from(2)
        }
    }
}
