//! The layout tab: the module tree that export would write, each file's generated
//! content (highlighted), and the extracted functions linked back to their cells.

use super::app::Action;
use super::cell_view::{self, RenderedText};
use super::document::Document;
use super::highlight::Highlighter;
use super::theme;
use super::{say, t};
use crate::msg;
use crate::plan::{Destination, Level, PlannedFunction, RenderedFile};
use egui::{FontId, RichText};
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
struct Key {
    files: usize,
    path: String,
    dark: bool,
    highlighted: bool,
}

#[derive(Default)]
pub struct LayoutState {
    pub selected_file: Option<String>,
    cache: Option<(Key, Arc<RenderedText>)>,
    /// Lines (0-based) of the cached file that start a `def`, with the function name.
    def_lines: Vec<(usize, String)>,
}

/// A folder of the tree: sub-folders and files (indices into the rendered files).
#[derive(Default)]
struct Dir {
    dirs: BTreeMap<String, Dir>,
    files: Vec<(String, usize)>,
}

fn tree(files: &[RenderedFile]) -> Dir {
    let mut root = Dir::default();
    for (i, f) in files.iter().enumerate() {
        let mut parts: Vec<&str> = f.path.split('/').filter(|p| !p.is_empty()).collect();
        let Some(name) = parts.pop() else { continue };
        let mut dir = &mut root;
        for p in parts {
            dir = dir.dirs.entry(p.to_string()).or_default();
        }
        dir.files.push((name.to_string(), i));
    }
    root
}

/// True when a rendered file is the module a planned function lives in.
pub fn is_module_of(path: &str, module: &str) -> bool {
    let module = module.trim_start_matches('/');
    path == module || path.ends_with(&format!("/{module}"))
}

pub fn ui(
    state: &mut LayoutState,
    doc: &Document,
    level: Level,
    highlighter: &mut Highlighter,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) {
    let files = Arc::clone(&doc.files);
    if state
        .selected_file
        .as_ref()
        .is_none_or(|p| !files.iter().any(|f| &f.path == p))
    {
        // Prefer a file with code over an empty __init__.py.
        state.selected_file = files
            .iter()
            .find(|f| f.path.ends_with(".py") && !f.contents.trim().is_empty())
            .or_else(|| files.first())
            .map(|f| f.path.clone());
    }
    egui::Panel::left("layout-tree")
        .resizable(true)
        .default_size(280.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("layout-tree-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    level_ui(level, ui, actions);
                    ui.separator();
                    summary(doc, ui);
                    ui.separator();
                    if doc.plan.is_none() {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(t(ui, "app-planning-short"));
                        });
                        return;
                    }
                    ui.strong(say(ui, &msg!("app-files-count", count = files.len())));
                    dir_ui(ui, &tree(&files), &files, "", &mut state.selected_file);
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(path) = state.selected_file.clone() else {
            ui.label(t(ui, "app-nothing-to-export"));
            return;
        };
        let Some(file) = files.iter().find(|f| f.path == path) else {
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(&file.path);
            ui.weak(say(
                ui,
                &msg!("app-lines-count", count = file.contents.lines().count()),
            ));
            if doc.plan_pending {
                ui.spinner();
            }
        });
        functions_ui(doc, file, ui, actions);
        ui.separator();
        let dark = ui.visuals().dark_mode;
        let highlighted = if file.path.ends_with(".py") {
            highlighter.get(ui.ctx(), &file.contents, dark)
        } else {
            None
        };
        let key = Key {
            files: Arc::as_ptr(&files) as usize,
            path: path.clone(),
            dark,
            highlighted: highlighted.is_some(),
        };
        let font =
            FontId::monospace(ui.text_style_height(&egui::TextStyle::Monospace).max(10.0) * 0.93);
        let rendered = match &state.cache {
            Some((k, r)) if *k == key => Arc::clone(r),
            _ => {
                let r = Arc::new(cell_view::render_text(
                    ui,
                    &file.contents,
                    highlighted.as_deref(),
                    &[],
                    &font,
                ));
                state.cache = Some((key, Arc::clone(&r)));
                state.def_lines = def_lines(&file.contents);
                r
            }
        };
        let height = ui.available_height();
        // A function's `def` line links to the cell it came from.
        let sources: Vec<(usize, usize, u32)> = match &doc.plan {
            Some(plan) => state
                .def_lines
                .iter()
                .filter_map(|(line, name)| {
                    let f = plan.functions.iter().find(|f| {
                        &f.name == name && is_module_of(&file.path, f.destination.module())
                    })?;
                    let s = f.sources.first()?;
                    Some((*line, s.cell, s.first_line))
                })
                .collect(),
            None => Vec::new(),
        };
        let mut link = |line: usize, ui: &mut egui::Ui, rect: egui::Rect| {
            let Some(&(_, cell, first_line)) = sources.iter().find(|(l, _, _)| *l == line) else {
                return;
            };
            let id = ui.scope_id().with(("def-link", line));
            let response = ui
                .interact(rect, id, egui::Sense::click())
                .on_hover_text(say(ui, &msg!("app-from-cell-click", cell = cell)))
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            ui.painter().text(
                rect.left_center(),
                egui::Align2::LEFT_CENTER,
                "←",
                FontId::proportional(11.0),
                ui.visuals().hyperlink_color,
            );
            if response.clicked() {
                actions.push(Action::ShowCell {
                    cell,
                    line: first_line,
                });
            }
        };
        cell_view::code_lines(
            ui,
            ("layout-file", &path),
            &rendered,
            &[],
            &font,
            height,
            None,
            None,
            Some(&mut link),
        );
    });
}

/// `def name(` lines (0-based), with the name.
fn def_lines(contents: &str) -> Vec<(usize, String)> {
    contents
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let rest = line
                .strip_prefix("def ")
                .or_else(|| line.strip_prefix("async def "))?;
            let name = rest.split('(').next()?.trim();
            (!name.is_empty()).then(|| (i, name.to_string()))
        })
        .collect()
}

/// The Cosmic Python pattern levels (REFERENCE §1), as the command line's `--level`.
const LEVELS: [(Level, &str, &str); 3] = [
    (Level::One, "app-level-1", "app-level-1-hint"),
    (Level::Two, "app-level-2", "app-level-2-hint"),
    (Level::Three, "app-level-3", "app-level-3-hint"),
];

fn level_ui(level: Level, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.strong(t(ui, "app-pattern-level"));
    // One option a row: the labels are too long to share a line of the side panel.
    for (n, label, about) in LEVELS {
        let (label, about) = (t(ui, label), t(ui, about));
        if ui.radio(level == n, label).on_hover_text(about).clicked() && level != n {
            actions.push(Action::SetLevel(n));
        }
    }
}

fn summary(doc: &Document, ui: &mut egui::Ui) {
    ui.strong(t(ui, "app-where-statements-go"));
    let lang = super::lang(ui.ctx());
    let Some(plan) = &doc.plan else { return };
    let mut counts: BTreeMap<Destination, usize> = BTreeMap::new();
    for p in &plan.placements {
        *counts.entry(p.destination).or_default() += 1;
    }
    let visuals = ui.visuals().clone();
    for d in Destination::ALL {
        let n = counts.get(&d).copied().unwrap_or(0);
        if n > 0 {
            ui.label(
                RichText::new(
                    msg!(
                        "app-destination-count",
                        destination = d.label(lang),
                        count = n
                    )
                    .render(lang),
                )
                .color(theme::destination(&visuals, d)),
            );
        }
    }
    let overridden = plan.placements.iter().filter(|p| p.overridden).count();
    if overridden > 0 {
        ui.weak(msg!("app-placed-by-overrides", count = overridden).render(lang));
    }
    for note in &plan.notes {
        ui.weak(note.render(lang));
    }
}

fn dir_ui(
    ui: &mut egui::Ui,
    dir: &Dir,
    files: &[RenderedFile],
    prefix: &str,
    selected: &mut Option<String>,
) {
    for (name, sub) in &dir.dirs {
        let path = format!("{prefix}{name}/");
        egui::CollapsingHeader::new(format!("{name}/"))
            .id_salt(("layout-dir", &path))
            .default_open(true)
            .show(ui, |ui| dir_ui(ui, sub, files, &path, selected));
    }
    for (name, i) in &dir.files {
        let Some(file) = files.get(*i) else { continue };
        let is_selected = selected.as_deref() == Some(file.path.as_str());
        if ui
            .selectable_label(is_selected, name)
            .on_hover_text(&file.path)
            .clicked()
        {
            *selected = Some(file.path.clone());
        }
    }
}

fn functions_ui(doc: &Document, file: &RenderedFile, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let Some(plan) = &doc.plan else { return };
    let functions: Vec<&PlannedFunction> = plan
        .functions
        .iter()
        .filter(|f| is_module_of(&file.path, f.destination.module()))
        .collect();
    if functions.is_empty() {
        return;
    }
    let lang = super::lang(ui.ctx());
    egui::CollapsingHeader::new(msg!("app-functions", count = functions.len()).render(lang))
        .id_salt("layout-functions")
        .default_open(true)
        .show(ui, |ui| {
            if functions.len() <= FUNCTION_ROWS {
                function_rows(&functions, ui, actions);
                return;
            }
            // Past a dozen the list scrolls, with its bar always drawn and half a row
            // showing at the bottom, so that the rest is not missed.
            let row = ui
                .spacing()
                .interact_size
                .y
                .max(ui.text_style_height(&egui::TextStyle::Monospace))
                + ui.spacing().item_spacing.y;
            ui.scope(|ui| {
                ui.spacing_mut().scroll = egui::style::ScrollStyle::thin();
                egui::ScrollArea::vertical()
                    .id_salt("layout-functions-scroll")
                    .max_height((FUNCTION_ROWS as f32 + 0.5) * row)
                    .auto_shrink([false, true])
                    .show(ui, |ui| function_rows(&functions, ui, actions));
            });
            ui.weak(msg!("app-scroll-functions", count = functions.len()).render(lang));
        });
}

/// Functions listed in full; more than this scroll.
const FUNCTION_ROWS: usize = 12;

fn function_rows(functions: &[&PlannedFunction], ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    for f in functions {
        ui.horizontal_wrapped(|ui| {
            let returns = if f.returns.is_empty() {
                String::new()
            } else {
                format!(" -> {}", f.returns.join(", "))
            };
            ui.monospace(format!("{}({}){returns}", f.name, f.params.join(", ")));
            ui.weak(t(ui, "app-from"));
            for s in &f.sources {
                let label = msg!(
                    "app-source-lines",
                    cell = s.cell,
                    first = s.first_line,
                    last = s.last_line,
                    count = if s.first_line == s.last_line { 1 } else { 2 }
                );
                if ui
                    .link(say(ui, &label))
                    .on_hover_text(t(ui, "app-show-source-cell"))
                    .clicked()
                {
                    actions.push(Action::ShowCell {
                        cell: s.cell,
                        line: s.first_line,
                    });
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_match_paths() {
        assert!(is_module_of("src/pkg/domain/model.py", "domain/model.py"));
        assert!(!is_module_of("src/pkg/domain/model.py", "model.py/x"));
        assert!(is_module_of("config.py", "config.py"));
    }
}
