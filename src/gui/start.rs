//! The start screen (bundled samples and recent files) and the "Open notebook"
//! window, whose typed-path field works wherever the native dialog does not.

use super::app::Action;
use crate::i18n::tr;
use std::path::{Path, PathBuf};

/// The bundled sample notebooks: `samples/*.ipynb` next to the working directory,
/// the executable, or the source tree this binary was built from. Best effort.
pub fn find_samples() -> Vec<PathBuf> {
    let mut candidates = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        candidates.push(cwd.join("samples"));
    }
    if let Ok(exe) = std::env::current_exe() {
        for dir in exe.ancestors().skip(1).take(4) {
            candidates.push(dir.join("samples"));
        }
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"));
    for dir in candidates {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ipynb"))
            .collect();
        if !found.is_empty() {
            found.sort();
            return found;
        }
    }
    Vec::new()
}

fn name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub fn ui(
    ui: &mut egui::Ui,
    samples: &[PathBuf],
    recent: &[PathBuf],
    typed_path: &mut String,
    native_dialogs: bool,
    actions: &mut Vec<Action>,
) {
    let lang = super::lang(ui.ctx());
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(24.0);
            ui.vertical_centered(|ui| {
                ui.heading(egui::RichText::new("pyarch").size(32.0).strong());
                ui.label(tr(lang, "app-start-tagline-1"));
                ui.label(tr(lang, "app-start-tagline-2"));
            });
            ui.add_space(16.0);
            ui.group(|ui| {
                ui.set_width(ui.available_width());
                ui.strong(tr(lang, "app-start-open-heading"));
                ui.horizontal(|ui| {
                    if native_dialogs && ui.button(tr(lang, "app-start-browse")).clicked() {
                        actions.push(Action::BrowseOpen);
                    }
                    path_field(ui, typed_path, actions);
                });
                ui.weak(tr(lang, "app-start-drop-hint"));
            });
            ui.add_space(12.0);
            ui.columns(2, |cols| {
                cols[0].strong(tr(lang, "app-start-samples"));
                if samples.is_empty() {
                    cols[0].weak(tr(lang, "app-start-no-samples"));
                }
                for path in samples {
                    if cols[0]
                        .link(name(path))
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        actions.push(Action::Open(path.clone()));
                    }
                }
                cols[1].strong(tr(lang, "app-start-recent"));
                if recent.is_empty() {
                    cols[1].weak(tr(lang, "app-start-no-recent"));
                }
                for path in recent {
                    let exists = path.exists();
                    let response = cols[1].add_enabled(exists, egui::Link::new(name(path)));
                    let response = response.on_hover_text(path.display().to_string());
                    if response.clicked() {
                        actions.push(Action::Open(path.clone()));
                    }
                }
            });
        });
}

/// "Notebook path [........] [Open]"
pub fn path_field(ui: &mut egui::Ui, typed_path: &mut String, actions: &mut Vec<Action>) {
    let lang = super::lang(ui.ctx());
    let label = ui.label(tr(lang, "app-notebook-path"));
    let response = ui
        .add(
            egui::TextEdit::singleline(typed_path)
                .desired_width(360.0)
                .hint_text("/path/to/notebook.ipynb"),
        )
        .labelled_by(label.id);
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if (ui.button(tr(lang, "app-open-button")).clicked() || enter) && !typed_path.trim().is_empty()
    {
        actions.push(Action::Open(PathBuf::from(typed_path.trim())));
    }
}

#[derive(Default)]
pub struct OpenWindow {
    pub open: bool,
    pub waiting_for_dialog: bool,
    /// The native dialog came back without a file (cancelled, or unavailable).
    pub nothing_picked: bool,
}

/// The Ctrl+O window: shown while the native dialog runs and after it returns
/// nothing (cancelled, or no portal and no zenity), so a path can be typed.
pub fn open_window(
    state: &mut OpenWindow,
    ctx: &egui::Context,
    typed_path: &mut String,
    native_dialogs: bool,
    actions: &mut Vec<Action>,
) {
    if !state.open {
        return;
    }
    let lang = super::lang(ctx);
    let mut open = true;
    egui::Window::new(tr(lang, "app-open-window-title"))
        .id(egui::Id::unique("pyarch-open-window"))
        .open(&mut open)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| path_field(ui, typed_path, actions));
            if state.waiting_for_dialog {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(lang, "app-waiting-file-dialog"));
                });
            } else {
                if state.nothing_picked {
                    ui.weak(tr(lang, "app-no-file-chosen"));
                }
                if native_dialogs && ui.button(tr(lang, "app-browse")).clicked() {
                    actions.push(Action::BrowseOpen);
                }
            }
        });
    if !open {
        state.open = false;
    }
}
