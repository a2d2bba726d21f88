//! The cell list (left): one row per cell, virtualised with `ScrollArea::show_viewport`
//! over row positions computed when the filters, the width or the text size change
//! (a row's badges wrap; a row without badges is one line), with filters (only
//! flagged, all rules, rule, role) and a search.

use super::app::Action;
use super::document::{CellInfo, Document};
use super::t;
use super::theme;
use crate::finding::Severity;
use crate::i18n::{tr, Lang};
use crate::notebook::CellKind;
use crate::role::Role;
use egui::{vec2, Align, Layout, Rect, RichText, Sense, TextWrapMode, UiBuilder, WidgetText};
use std::collections::HashMap;

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
    /// Where each visible row starts, then where the list ends (spacing included).
    tops: Vec<f32>,
    tops_key: Option<TopsKey>,
}

/// What row positions depend on.
#[derive(Debug, Clone, PartialEq)]
struct TopsKey {
    filter: Option<FilterKey>,
    width: f32,
    metrics: Metrics,
    /// Badges are words, as wide as the language makes them.
    lang: Lang,
}

/// Sizes a row is made of.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Metrics {
    /// The title button.
    button: f32,
    /// One line of badges.
    line: f32,
    /// Between rows.
    spacing: f32,
    pixels_per_point: f32,
}

/// Inside a row: the margin around it, and the gap between its lines.
const ROW_MARGIN: f32 = 2.0;
const LINE_GAP: f32 = 1.0;
/// Between badges on a line.
const BADGE_GAP: f32 = 6.0;

impl Metrics {
    fn of(ui: &egui::Ui) -> Metrics {
        let body = ui.text_style_height(&egui::TextStyle::Body);
        Metrics {
            button: ui
                .spacing()
                .interact_size
                .y
                .max(body + 2.0 * ui.spacing().button_padding.y),
            line: ui.text_style_height(&egui::TextStyle::Small).ceil(),
            spacing: ui.spacing().item_spacing.y,
            pixels_per_point: ui.ctx().pixels_per_point(),
        }
    }

    /// A row with `lines` lines of badges (none for a row without badges), with its
    /// margins and two points of air.
    fn row_height(&self, lines: usize) -> f32 {
        let badges = lines as f32 * (LINE_GAP + self.line);
        self.button + badges + 2.0 * ROW_MARGIN + 2.0
    }
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

    /// Where each visible row starts (content coordinates), then where the list
    /// ends, each row followed by the spacing between rows; recomputed only when the
    /// filtered cells, the width or the text size change.
    fn tops(&mut self, doc: &Document, ui: &egui::Ui, width: f32) -> &[f32] {
        self.visible(doc);
        let key = TopsKey {
            filter: self.key.clone(),
            width,
            metrics: Metrics::of(ui),
            lang: super::lang(ui.ctx()),
        };
        if self.tops_key.as_ref() != Some(&key) {
            let m = key.metrics;
            let visuals = ui.visuals();
            // Badges are few distinct strings (counts, roles): measure each once.
            let mut widths: HashMap<String, f32> = HashMap::new();
            let mut measure = |text: &RichText| {
                *widths.entry(text.text().to_string()).or_insert_with(|| {
                    WidgetText::from(text.clone())
                        .into_galley(
                            ui,
                            Some(TextWrapMode::Extend),
                            f32::INFINITY,
                            egui::TextStyle::Body,
                        )
                        .size()
                        .x
                })
            };
            let available = width - 2.0 * ROW_MARGIN;
            self.tops.clear();
            let mut top = 0.0;
            for &cell in &self.visible {
                self.tops.push(top);
                let lines = doc.cells.get(cell).map_or(0, |info| {
                    let widths = badges(info, visuals, key.lang)
                        .into_iter()
                        .map(|(text, _)| measure(&text));
                    badge_lines(widths, available)
                });
                top += m.row_height(lines) + m.spacing;
            }
            self.tops.push(top);
            self.tops_key = Some(key);
        }
        &self.tops
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
    filters(state, doc, ui, actions);
    ui.separator();
    let visible = state.visible(doc).to_vec();
    if visible.is_empty() {
        ui.label(t(ui, "app-no-cell-matches"));
        return;
    }
    let spacing = ui.spacing().item_spacing.y;
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("cell-list")
        .auto_shrink([false, false]);
    if doc.scroll_list {
        if let Some(pos) = visible.iter().position(|&c| c == doc.selected) {
            let view_height = ui.available_height();
            let (view_top, view_bottom) = state.last_view;
            let tops = state.tops(doc, ui, ui.available_width());
            // Keep the selection in view: only scroll when it is outside the last view.
            let (top, bottom) = (tops[pos], tops[pos + 1] - spacing);
            if top < view_top || bottom > view_bottom {
                // Past the end the area would spring back (and animate): clamp.
                let max = (tops[visible.len()] - spacing - view_height).max(0.0);
                let above = tops[pos.saturating_sub(3)];
                scroll = scroll.vertical_scroll_offset(above.clamp(0.0, max));
            }
        }
    }
    let output = scroll.show_viewport(ui, |ui, viewport| {
        let tops = state.tops(doc, ui, ui.available_width());
        let n = visible.len();
        ui.set_height((tops[n] - spacing).max(0.0));
        // The rows that end below the top of the view and start above its bottom.
        let first = tops[1..].partition_point(|&end| end <= viewport.min.y);
        let last = tops.partition_point(|&top| top < viewport.max.y).min(n);
        if first >= last {
            return;
        }
        let origin = ui.max_rect().top();
        let rect = Rect::from_x_y_ranges(
            ui.max_rect().x_range(),
            origin + tops[first]..=origin + tops[last],
        );
        ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| {
            ui.skip_ahead_auto_ids(first); // The same ids wherever the view starts.
            for i in first..last {
                if let Some(info) = doc.cells.get(visible[i]) {
                    let height = tops[i + 1] - tops[i] - spacing;
                    row(ui, info, visible[i] == doc.selected, height, actions);
                }
            }
        });
    });
    let top = output.state.clamped_offset().y;
    state.last_view = (top, top + output.inner_rect.height());
}

fn filters(state: &mut ListState, doc: &Document, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = ui.label(t(ui, "app-search"));
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
        let lang = super::lang(ui.ctx());
        ui.checkbox(&mut state.only_flagged, tr(lang, "app-only-flagged"));
        let mut all = doc.all_findings;
        if ui
            .checkbox(&mut all, tr(lang, "app-all-rules"))
            .on_hover_text(tr(lang, "app-all-rules-hint"))
            .changed()
        {
            actions.push(Action::ShowAllFindings(all));
        }
        let any = tr(lang, "app-any");
        egui::ComboBox::from_label(tr(lang, "app-rule"))
            .selected_text(state.rule.map_or_else(|| any.clone(), str::to_string))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.rule, None, any.clone());
                for &code in &doc.codes {
                    let name = crate::rules::lookup(code).map_or("", |r| r.name);
                    ui.selectable_value(&mut state.rule, Some(code), format!("{code} {name}"));
                }
            });
        egui::ComboBox::from_label(tr(lang, "app-role"))
            .selected_text(state.role.map_or_else(|| any.clone(), |r| r.label(lang)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.role, None, any.clone());
                for &role in &doc.roles {
                    ui.selectable_value(&mut state.role, Some(role), role.label(lang));
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
        response.on_hover_text(t(ui, "app-ran-out-of-order"))
    } else {
        response
    };
    if response.clicked() {
        actions.push(Action::Select(info.index));
    }
    let badges = badges(info, &visuals, super::lang(ui.ctx()));
    if badges.is_empty() {
        return;
    }
    // Wrapped as `badge_lines` counts them, one badge never split.
    let layout = Layout::left_to_right(Align::Min).with_main_wrap(true);
    ui.scope_builder(UiBuilder::new().layout(layout), |ui| {
        ui.spacing_mut().item_spacing = vec2(BADGE_GAP, LINE_GAP);
        for (text, hover) in badges {
            let response = ui.add(egui::Label::new(text).extend());
            if let Some(hover) = hover {
                response.on_hover_text(hover);
            }
        }
    });
}

/// The small labels under a cell's title (finding counts, "out of order", roles),
/// each with its tooltip; none for most markdown cells.
fn badges(info: &CellInfo, visuals: &egui::Visuals, lang: Lang) -> Vec<(RichText, Option<String>)> {
    let mut badges = Vec::new();
    for (n, sev, letter) in [
        (info.counts.error, Severity::Error, "E"),
        (info.counts.warning, Severity::Warning, "W"),
        (info.counts.info, Severity::Info, "I"),
    ] {
        if n > 0 {
            let text = RichText::new(format!("{letter}{n}"))
                .small()
                .strong()
                .color(theme::severity(visuals, sev));
            badges.push((text, Some(format!("{n} {}", sev.label(lang)))));
        }
    }
    if info.out_of_order {
        let text = RichText::new(tr(lang, "app-out-of-order"))
            .small()
            .color(theme::warning(visuals));
        badges.push((text, None));
    }
    for &role in &info.roles {
        let text = RichText::new(role.label(lang))
            .small()
            .color(theme::role(visuals, role));
        badges.push((text, None));
    }
    badges
}

/// How many lines badges of these widths take in `available` points, wrapped the
/// way a left-to-right wrapping layout places them (0 for no badge). A point of slack
/// errs towards one line more rather than a clipped badge.
fn badge_lines(widths: impl IntoIterator<Item = f32>, available: f32) -> usize {
    let mut lines = 0;
    let mut x = 0.0;
    for w in widths {
        if lines == 0 {
            lines = 1;
        } else if x + w > available - 1.0 {
            lines += 1;
            x = 0.0;
        }
        x += w + BADGE_GAP;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_wrap_whole_and_none_take_no_line() {
        assert_eq!(badge_lines([], 100.0), 0);
        assert_eq!(badge_lines([30.0, 30.0], 100.0), 1);
        // 30 + 6 + 30 + 6 + 30 = 102: the third goes to a second line.
        assert_eq!(badge_lines([30.0, 30.0, 30.0], 100.0), 2);
        // A badge wider than the line still starts it, alone.
        assert_eq!(badge_lines([150.0, 10.0], 100.0), 2);
    }
}
