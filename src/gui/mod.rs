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

use crate::i18n::{tr, Lang};
use std::path::PathBuf;
use std::process::ExitCode;

/// The language of the app's words this frame: the app stores it in egui's memory
/// at the start of each frame, so every panel reads the same one.
pub fn lang(ctx: &egui::Context) -> Lang {
    ctx.data(|d| d.get_temp(egui::Id::unique(LANG_KEY)))
        .unwrap_or_default()
}

fn set_lang(ctx: &egui::Context, lang: Lang) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique(LANG_KEY), lang));
}

const LANG_KEY: &str = "pyarch-lang";

/// The app's phrase `id` (`app.ftl`) in the language of this frame.
pub fn t(ui: &egui::Ui, id: &'static str) -> String {
    tr(lang(ui.ctx()), id)
}

/// A message in the language of this frame.
pub fn say(ui: &egui::Ui, message: &crate::i18n::Message) -> String {
    message.render(lang(ui.ctx()))
}

/// Opens the window (on `notebook` when given) and returns when it closes. `lang` is
/// `--lang` when given; else the language chosen in the app's menu, else
/// `environment`'s (the locale the command line read).
pub fn run(notebook: Option<PathBuf>, lang: Option<Lang>, environment: Lang) -> ExitCode {
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
            let options = AppOptions {
                lang,
                environment_lang: environment,
                ..AppOptions::default()
            };
            let mut app = PyarchApp::with_settings(options, settings);
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
