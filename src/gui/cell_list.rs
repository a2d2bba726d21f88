//! The cell list (left): one fixed-height row per cell, virtualised with
//! `ScrollArea::show_rows`, with filters (only flagged, rule, role) and a search.

use super::app::Action;
use super::document::{CellInfo, Document};
use super::theme;
use crate::finding::Severity;
use crate::notebook::CellKind;
use crate::role::Role;
use egui::{vec2, Align, Layout, RichText, Sense, UiBuilder};

#[derive(Debug, Clone, Default, PartialEq)]
struct FilterKey {
    generation: u64,
    only_flagged: bool,
    rule: Option<&'static str>,
    role: Option<Role>,
    search: String,
}

#[derive(Default)]
pub struct ListState {
    pub only_flagged: bool,
    pub rule: Option<&'static str>,
    pub role: Option<Role>,
    pub search: String,
    /// Set by Ctrl+F: focus the search field on the next frame.
    pub focus_search: bool,
    /// Cells that pass the filters, in notebook order.
    visible: Vec<usize>,
    key: Option<FilterKey>,
    /// The scrolled range (top, bottom) of the last frame.
    last_view: (f32, f32),
}

impl ListState {
    /// The filtered cells; recomputed only when a filter or the document changes.
    pub fn visible(&mut self, doc: &Document) -> &[usize] {
        let key = FilterKey {
            generation: doc.generation,
            only_flagged: self.only_flagged,
            rule: self.rule,
            role: self.role,
            search: self.search.to_lowercase(),
        };
        if self.key.as_ref() != Some(&key) {
            self.visible = doc
                .cells
                .iter()
                .filter(|c| passes(c, &key))
                .map(|c| c.index)
                .collect();
            self.key = Some(key);
        }
        &self.visible
    }

    /// Forgets filters that name things the new document does not have.
    pub fn reset_for(&mut self, doc: &Document) {
        if self.rule.is_some_and(|r| !doc.codes.contains(&r)) {
            self.rule = None;
        }
        if self.role.is_some_and(|r| !doc.roles.contains(&r)) {
            self.role = None;
        }
        self.key = None;
    }
}

fn passes(c: &CellInfo, key: &FilterKey) -> bool {
    (!key.only_flagged || c.counts.total() > 0)
        && key.rule.is_none_or(|r| c.codes.contains(&r))
        && key.role.is_none_or(|r| c.roles.contains(&r))
        && (key.search.is_empty() || c.search_text.contains(&key.search))
}

pub fn ui(state: &mut ListState, doc: &Document, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    filters(state, doc, ui);
    ui.separator();
    let visible = state.visible(doc).to_vec();
    if visible.is_empty() {
        ui.label("No cell matches the filters.");
        return;
    }
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let small = ui.text_style_height(&egui::TextStyle::Small);
    let button = ui
        .spacing()
        .interact_size
        .y
        .max(body + 2.0 * ui.spacing().button_padding.y);
    let row_height = button + ui.spacing().item_spacing.y + small.max(body * 0.8) + 6.0;
    let spacing = ui.spacing().item_spacing.y;
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("cell-list")
        .auto_shrink([false, false]);
    if doc.scroll_list {
        if let Some(pos) = visible.iter().position(|&c| c == doc.selected) {
            // Keep the selection in view: only scroll when it is outside the last view.
            let top = pos as f32 * (row_height + spacing);
            let (view_top, view_bottom) = state.last_view;
            if top < view_top || top + row_height > view_bottom {
                // Past the end the area would spring back (and animate): clamp.
                let max = (visible.len() as f32 * (row_height + spacing) - ui.available_height())
                    .max(0.0);
                let above = pos.saturating_sub(3) as f32 * (row_height + spacing);
                scroll = scroll.vertical_scroll_offset(above.clamp(0.0, max));
            }
        }
    }
    let output = scroll.show_rows(ui, row_height, visible.len(), |ui, range| {
        for &cell in &visible[range] {
            if let Some(info) = doc.cells.get(cell) {
                row(ui, info, cell == doc.selected, row_height, actions);
            }
        }
    });
    let top = output.state.clamped_offset().y;
    state.last_view = (top, top + output.inner_rect.height());
}

fn filters(state: &mut ListState, doc: &Document, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        let response = ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text("Ctrl+F")
                .desired_width(f32::INFINITY),
        );
        let response = response.labelled_by(label.id);
        if state.focus_search {
            response.request_focus();
            state.focus_search = false;
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut state.only_flagged, "Only flagged");
        egui::ComboBox::from_label("Rule")
            .selected_text(state.rule.unwrap_or("any"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.rule, None, "any");
                for &code in &doc.codes {
                    let name = crate::rules::lookup(code).map_or("", |r| r.name);
                    ui.selectable_value(&mut state.rule, Some(code), format!("{code} {name}"));
                }
            });
        egui::ComboBox::from_label("Role")
            .selected_text(state.role.map_or("any", Role::as_str))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.role, None, "any");
                for &role in &doc.roles {
                    ui.selectable_value(&mut state.role, Some(role), role.as_str());
                }
            });
    });
}

fn row(ui: &mut egui::Ui, info: &CellInfo, selected: bool, height: f32, actions: &mut Vec<Action>) {
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let mut child = ui.new_child(
        UiBuilder::new()
            .max_rect(rect.shrink2(vec2(2.0, 2.0)))
            .layout(Layout::top_down(Align::Min)),
    );
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    child.spacing_mut().item_spacing.y = 1.0;
    ui.painter().hline(
        rect.x_range(),
        rect.bottom() + ui.spacing().item_spacing.y / 2.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
    let ui = &mut child;
    let visuals = ui.visuals().clone();
    let kind = match info.kind {
        CellKind::Code => "",
        CellKind::Markdown => "md ",
        CellKind::Raw => "raw ",
    };
    let count = match (info.kind, info.execution_count) {
        (CellKind::Code, Some(n)) => format!("[{n}]"),
        (CellKind::Code, None) => "[ ]".to_string(),
        _ => String::new(),
    };
    let text = format!("{:>3} {count} {kind}{}", info.index, info.title);
    let mut rich = RichText::new(text);
    if info.kind == CellKind::Markdown {
        rich = rich.strong();
    }
    if info.out_of_order {
        rich = rich.color(theme::warning(&visuals));
    }
    let response = ui.add(
        egui::Button::selectable(selected, rich)
            .right_text("")
            .truncate()
            .min_size(vec2(ui.available_width(), 0.0)),
    );
    let response = if info.out_of_order {
        response
            .on_hover_text("Ran out of order: its execution count is lower than a cell above it.")
    } else {
        response
    };
    if response.clicked() {
        actions.push(Action::Select(info.index));
    }
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        for (n, sev, letter) in [
            (info.counts.error, Severity::Error, "E"),
            (info.counts.warning, Severity::Warning, "W"),
            (info.counts.info, Severity::Info, "I"),
        ] {
            if n > 0 {
                ui.label(
                    RichText::new(format!("{letter}{n}"))
                        .small()
                        .strong()
                        .color(theme::severity(&visuals, sev)),
                )
                .on_hover_text(format!("{n} {}", sev.as_str()));
            }
        }
        if info.out_of_order {
            ui.label(
                RichText::new("out of order")
                    .small()
                    .color(theme::warning(&visuals)),
            );
        }
        for &role in &info.roles {
            ui.label(
                RichText::new(role.as_str())
                    .small()
                    .color(theme::role(&visuals, role)),
            );
        }
    });
}
