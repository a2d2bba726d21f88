//! Export from the window: a folder (native dialog off the UI thread, or typed),
//! the files from `plan::render` written by [`crate::export::write_export`] (through a
//! temporary folder renamed into place; a non-empty target is refused), then a summary
//! with a button to open the folder.

use super::app::Action;
use crate::export::{write_export, ExportError};
use crate::i18n::{tr, Lang};
use crate::msg;
use crate::plan::RenderedFile;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub struct ExportSummary {
    pub folder: PathBuf,
    /// Relative path and size in bytes of every file written.
    pub files: Vec<(String, usize)>,
}

/// Writes `files` under `target`, which must not exist or be an empty folder.
/// Errors are one line naming the path.
pub fn write_files(
    target: &Path,
    files: &[RenderedFile],
    lang: Lang,
) -> Result<ExportSummary, String> {
    if target.as_os_str().is_empty() {
        return Err(tr(lang, "app-export-choose-folder"));
    }
    match write_export(files, target, false) {
        Ok(summary) => Ok(ExportSummary {
            folder: summary.out,
            files: files
                .iter()
                .map(|f| (f.path.clone(), f.contents.len()))
                .collect(),
        }),
        Err(ExportError::NotEmpty(path)) => Err(msg!(
            "app-export-folder-not-empty",
            folder = path.display().to_string()
        )
        .render(lang)),
        Err(e) => Err(e.to_string()),
    }
}

/// Opens a folder in the desktop's file manager, best effort.
pub fn open_folder(folder: &Path) -> Result<(), String> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    let mut child = std::process::Command::new(program)
        .arg(folder)
        .spawn()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    // Reap it when it exits; its status does not matter.
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[derive(Default)]
pub struct ExportState {
    pub open: bool,
    pub path: String,
    pub waiting_for_dialog: bool,
    /// The native dialog came back without a folder (cancelled, or unavailable).
    pub nothing_picked: bool,
    pub running: bool,
    pub summary: Option<ExportSummary>,
    pub error: Option<String>,
}

/// What the window shows besides its own state.
pub struct Context {
    pub native_dialogs: bool,
    /// The plan is there to export.
    pub ready: bool,
    /// The same export as a `pyarch export` command line.
    pub command: Option<String>,
}

pub fn window(
    state: &mut ExportState,
    ctx: &egui::Context,
    context: Context,
    actions: &mut Vec<Action>,
) {
    let Context {
        native_dialogs,
        ready,
        command,
    } = context;
    if !state.open {
        return;
    }
    let lang = super::lang(ctx);
    let mut open = true;
    egui::Window::new(tr(lang, "app-export-title"))
        .id(egui::Id::unique("pyarch-export-window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(tr(lang, "app-export-intro"));
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "app-export-folder"));
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut state.path)
                            .desired_width(300.0)
                            .hint_text("/path/to/new/folder"),
                    )
                    .labelled_by(label.id);
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && ready {
                    actions.push(Action::Export(PathBuf::from(state.path.trim())));
                }
                if native_dialogs
                    && ui
                        .add_enabled(
                            !state.waiting_for_dialog,
                            egui::Button::new(tr(lang, "app-export-choose")),
                        )
                        .clicked()
                {
                    actions.push(Action::BrowseExport);
                }
            });
            if state.waiting_for_dialog {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(lang, "app-waiting-folder-dialog"));
                });
            } else if state.nothing_picked {
                // The dialog opens with the window; without a portal it answers at once.
                ui.weak(tr(lang, "app-export-nothing-picked"));
            }
            ui.horizontal(|ui| {
                let can = ready && !state.running && !state.path.trim().is_empty();
                if ui
                    .add_enabled(can, egui::Button::new(tr(lang, "app-export-now")))
                    .clicked()
                {
                    actions.push(Action::Export(PathBuf::from(state.path.trim())));
                }
                if state.running {
                    ui.spinner();
                }
                if !ready {
                    ui.weak(tr(lang, "app-waiting-plan"));
                }
            });
            if let Some(error) = &state.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            if let Some(command) = &command {
                command_ui(ui, command);
            }
            if let Some(summary) = &state.summary {
                ui.separator();
                let wrote = msg!(
                    "app-export-wrote",
                    files = summary.files.len(),
                    folder = summary.folder.display().to_string()
                );
                ui.strong(wrote.render(lang));
                egui::ScrollArea::vertical()
                    .max_height(220.0)
                    .show(ui, |ui| {
                        for (path, size) in &summary.files {
                            ui.monospace(
                                msg!("app-export-file-size", path = path, size = *size)
                                    .render(lang),
                            );
                        }
                    });
                ui.horizontal(|ui| {
                    if ui.button(tr(lang, "app-open-folder")).clicked() {
                        actions.push(Action::OpenFolder(summary.folder.clone()));
                    }
                    if ui.button(tr(lang, "app-copy-path")).clicked() {
                        ui.ctx().copy_text(summary.folder.display().to_string());
                    }
                });
            }
        });
    if !open {
        state.open = false;
    }
}

/// The export as a command line (level and overrides included), to script it or to
/// run it again later.
fn command_ui(ui: &mut egui::Ui, command: &str) {
    let lang = super::lang(ui.ctx());
    ui.separator();
    ui.horizontal(|ui| {
        ui.weak(tr(lang, "app-export-command"));
        if ui.small_button(tr(lang, "app-copy-command")).clicked() {
            ui.ctx().copy_text(command.to_string());
        }
    });
    // On one line, scrolled sideways: a wrap could split `--out` from its path.
    ui.scope(|ui| {
        ui.spacing_mut().scroll = egui::style::ScrollStyle::thin();
        egui::ScrollArea::horizontal()
            .id_salt("export-command")
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(egui::RichText::new(command).monospace())
                        .selectable(true)
                        .extend(),
                );
            });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> RenderedFile {
        RenderedFile {
            path: path.into(),
            contents: "x = 1\n".into(),
        }
    }

    #[test]
    fn writes_into_new_or_empty_folders_only() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let summary = write_files(
            &target,
            &[file("src/pkg/config.py"), file("README.md")],
            Lang::En,
        )
        .unwrap();
        assert_eq!(summary.files.len(), 2);
        assert!(target.join("src/pkg/config.py").is_file());
        // Not empty any more: refused.
        let err = write_files(&target, &[file("a.py")], Lang::En).unwrap_err();
        assert!(err.contains("not empty"), "{err}");
        // An empty folder is fine.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write_files(&empty, &[file("a.py")], Lang::En).unwrap();
        assert!(empty.join("a.py").is_file());
        // Nothing else (no staging folder) left behind.
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["empty", "out"]);
        assert!(
            !err.contains("--force"),
            "a CLI flag means nothing in the window: {err}"
        );
    }

    #[test]
    fn refuses_escaping_paths() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_files(&dir.path().join("o"), &[file("../evil.py")], Lang::En).is_err());
        assert!(write_files(&dir.path().join("o"), &[file("/abs.py")], Lang::En).is_err());
    }
}
