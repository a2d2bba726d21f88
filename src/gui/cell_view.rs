//! The cell view (centre): the selected cell's source, highlighted, with line numbers,
//! findings marked in the gutter and underlined (hover for the message); markdown
//! rendered; outputs' text collapsed underneath.

use super::app::Action;
use super::document::Document;
use super::highlight::{self, Highlighted, Highlighter, Token, MAX_HIGHLIGHT_LINE};
use super::t;
use super::{markdown, theme};
use crate::finding::{Finding, Severity};
use crate::i18n::{tr, tr_key};
use crate::msg;
use crate::notebook::{Cell, CellKind, OutputKind};
use egui::text::LayoutJob;
use egui::{pos2, vec2, Align2, Color32, FontId, Rect, RichText, Sense, Stroke, TextFormat};
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
struct RenderKey {
    generation: u64,
    cell: usize,
    dark: bool,
    highlighted: bool,
    font_size: u32,
}

/// Lines of text ready to paint: layout jobs per line, and which findings touch each.
pub struct RenderedText {
    pub jobs: Vec<LayoutJob>,
    /// Indices into the findings passed in, per line.
    pub marks: Vec<Vec<usize>>,
    /// Width of the longest line, for horizontal scrolling.
    pub width: f32,
}

#[derive(Default)]
pub struct ViewState {
    cache: Option<(RenderKey, Arc<RenderedText>)>,
    pub outputs_open: bool,
}

pub fn ui(
    state: &mut ViewState,
    doc: &Document,
    highlighter: &mut Highlighter,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) {
    let Some(cell) = doc.analysis.notebook.cells.get(doc.selected) else {
        ui.label(t(ui, "app-no-cell-selected"));
        return;
    };
    let Some(info) = doc.cells.get(doc.selected) else {
        return;
    };
    header(ui, doc, cell, actions);
    ui.separator();
    let dark = ui.visuals().dark_mode;
    prefetch_neighbours(doc, highlighter, ui.ctx(), dark);
    let outputs = !cell.outputs.is_empty();
    let reserve = match (outputs, state.outputs_open) {
        (false, _) => 0.0,
        (true, false) => 34.0,
        (true, true) => (ui.available_height() * 0.4).max(120.0),
    };
    let source_height = (ui.available_height() - reserve).max(80.0);
    match cell.kind {
        CellKind::Code => {
            let findings: Vec<&Finding> = doc.findings_for_cell(cell.index).collect();
            let highlighted = highlighter.get(ui.ctx(), &cell.source, dark);
            let font = FontId::monospace(
                ui.text_style_height(&egui::TextStyle::Monospace).max(10.0) * 0.93,
            );
            let key = RenderKey {
                generation: doc.generation,
                cell: cell.index,
                dark,
                highlighted: highlighted.is_some(),
                font_size: font.size.to_bits(),
            };
            let rendered = match &state.cache {
                Some((k, r)) if *k == key => Arc::clone(r),
                _ => {
                    let r = Arc::new(render_text(
                        ui,
                        &cell.source,
                        highlighted.as_deref(),
                        &findings,
                        &font,
                    ));
                    state.cache = Some((key, Arc::clone(&r)));
                    r
                }
            };
            let focused_line = doc
                .focused_finding
                .and_then(|i| doc.findings.get(i))
                .filter(|f| f.cell == Some(cell.index))
                .map(|f| f.span.line);
            let scroll_to = doc.scroll_to_line;
            code_lines(
                ui,
                ("cell-source", cell.index),
                &rendered,
                &findings,
                &font,
                source_height,
                focused_line,
                scroll_to,
                None,
            );
        }
        CellKind::Markdown => {
            egui::ScrollArea::vertical()
                .id_salt(("markdown", cell.index))
                .max_height(source_height)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    markdown::ui(ui, &cell.source);
                });
        }
        CellKind::Raw => {
            egui::ScrollArea::both()
                .id_salt(("raw", cell.index))
                .max_height(source_height)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    let lang = super::lang(ui.ctx());
                    ui.label(RichText::new(truncate(&cell.source, 20_000, lang)).monospace());
                });
        }
    }
    if outputs {
        ui.separator();
        outputs_ui(state, cell, ui);
    }
    let _ = info;
}

fn header(ui: &mut egui::Ui, doc: &Document, cell: &Cell, actions: &mut Vec<Action>) {
    let lang = super::lang(ui.ctx());
    let Some(info) = doc.cells.get(cell.index) else {
        return;
    };
    let visuals = ui.visuals().clone();
    egui::Sides::new().truncate().show(
        ui,
        |ui| {
            ui.heading(msg!("app-cell-heading", cell = cell.index).render(lang));
            ui.label(tr_key(lang, &format!("app-kind-{}", cell.kind.as_str())));
            if cell.kind == CellKind::Code {
                let count = cell
                    .execution_count
                    .map_or_else(|| tr(lang, "app-not-run"), |n| format!("In [{n}]"));
                if info.out_of_order {
                    let shown = msg!("app-count-out-of-order", count = count).render(lang);
                    ui.colored_label(theme::warning(&visuals), shown)
                        .on_hover_text(tr(lang, "app-count-out-of-order-hint"));
                } else {
                    ui.label(count);
                }
            }
            if let Some(id) = &cell.id {
                ui.weak(format!("id {id}"));
            }
        },
        |ui| {
            if ui
                .button(tr(lang, "app-next"))
                .on_hover_text(tr(lang, "app-next-hint"))
                .clicked()
            {
                actions.push(Action::StepCell(1));
            }
            if ui
                .button(tr(lang, "app-previous"))
                .on_hover_text(tr(lang, "app-previous-hint"))
                .clicked()
            {
                actions.push(Action::StepCell(-1));
            }
        },
    );
    let c = info.counts;
    ui.horizontal_wrapped(|ui| {
        if let Some(stage) = info.stage {
            ui.label(
                RichText::new(msg!("app-stage", stage = stage.word()).render(lang))
                    .strong()
                    .color(theme::role(&visuals, stage)),
            )
            .on_hover_text(tr(lang, "app-stage-hint"));
        }
        for &role in &info.roles {
            ui.label(RichText::new(role.label(lang)).color(theme::role(&visuals, role)));
        }
        if !info.roles.is_empty() && c.total() > 0 {
            ui.separator();
        }
        for (n, sev) in [
            (c.error, Severity::Error),
            (c.warning, Severity::Warning),
            (c.info, Severity::Info),
        ] {
            if n > 0 {
                ui.colored_label(
                    theme::severity(&visuals, sev),
                    format!("{n} {}", sev.label(lang)),
                );
            }
        }
        if c.total() > 0 {
            ui.weak(tr(lang, "app-n-p-hint"));
        }
    });
}

fn prefetch_neighbours(
    doc: &Document,
    highlighter: &mut Highlighter,
    ctx: &egui::Context,
    dark: bool,
) {
    let cells = &doc.analysis.notebook.cells;
    let code = |i: &usize| cells.get(*i).filter(|c| c.kind == CellKind::Code);
    let after = (doc.selected + 1..cells.len())
        .filter_map(|i| code(&i))
        .take(2);
    let before = (0..doc.selected).rev().filter_map(|i| code(&i)).take(2);
    for c in after.chain(before) {
        highlighter.prefetch(ctx, &c.source, dark);
    }
}

/// Called for every visible line (0-based) with its row rectangle.
pub type LineLinks<'a> = dyn FnMut(usize, &mut egui::Ui, Rect) + 'a;

/// Shows lines with a gutter, virtualised. `links` adds a clickable note in the gutter
/// of some lines (used by the layout view to link functions to their cells).
#[allow(clippy::too_many_arguments)]
pub fn code_lines(
    ui: &mut egui::Ui,
    id_salt: impl egui::AsIdSalt,
    rendered: &RenderedText,
    findings: &[&Finding],
    font: &FontId,
    max_height: f32,
    focused_line: Option<u32>,
    scroll_to_line: Option<u32>,
    mut links: Option<&mut LineLinks<'_>>,
) {
    let row_height = ui.fonts_mut(|f| f.row_height(font)).ceil() + 2.0;
    let digits = rendered.jobs.len().to_string().len().max(2) as f32;
    let char_width = ui.fonts_mut(|f| f.glyph_width(font, '0'));
    let gutter = digits * char_width + 18.0;
    let mut scroll = egui::ScrollArea::both()
        .id_salt(id_salt)
        .max_height(max_height)
        .auto_shrink([false, true]);
    if let Some(line) = scroll_to_line {
        let spacing = ui.spacing().item_spacing.y;
        let y = (line.saturating_sub(1) as f32) * (row_height + spacing);
        let view = max_height.min(ui.available_height());
        let max = (rendered.jobs.len() as f32 * (row_height + spacing) - view).max(0.0);
        scroll = scroll.vertical_scroll_offset((y - 3.0 * row_height).clamp(0.0, max));
    }
    let visuals = ui.visuals().clone();
    scroll.show_rows(ui, row_height, rendered.jobs.len(), |ui, range| {
        let width = (gutter + 8.0 + rendered.width + 20.0).max(ui.available_width());
        for line in range {
            let (rect, response) = ui.allocate_exact_size(vec2(width, row_height), Sense::hover());
            if !ui.is_rect_visible(rect) {
                continue;
            }
            // Screen readers (and tests) read the line's text.
            if let Some(job) = rendered.jobs.get(line) {
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &job.text));
            }
            let painter = ui.painter();
            let marks = rendered.marks.get(line).map_or(&[][..], Vec::as_slice);
            if focused_line == Some(line as u32 + 1) {
                painter.rect_filled(rect, 0.0, visuals.selection.bg_fill.gamma_multiply(0.35));
            }
            let worst = marks
                .iter()
                .filter_map(|&i| findings.get(i))
                .map(|f| f.severity)
                .max();
            let number_color = match worst {
                Some(sev) => theme::severity(&visuals, sev),
                None => visuals.weak_text_color(),
            };
            if let Some(sev) = worst {
                let bar = Rect::from_min_size(rect.min, vec2(4.0, row_height));
                painter.rect_filled(bar, 1.0, theme::severity(&visuals, sev));
            }
            painter.text(
                pos2(rect.min.x + gutter - 8.0, rect.center().y),
                Align2::RIGHT_CENTER,
                (line + 1).to_string(),
                font.clone(),
                number_color,
            );
            if let Some(job) = rendered.jobs.get(line) {
                let galley = ui.fonts_mut(|f| f.layout_job(job.clone()));
                let y = rect.center().y - galley.size().y / 2.0;
                painter.galley(pos2(rect.min.x + gutter, y), galley, visuals.text_color());
            }
            if let Some(links) = links.as_deref_mut() {
                links(line, ui, rect);
            }
            if !marks.is_empty() {
                response.on_hover_ui(|ui| {
                    for f in marks.iter().filter_map(|&i| findings.get(i)) {
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(theme::severity(ui.visuals(), f.severity), f.code);
                            ui.label(f.message.to_string());
                        });
                    }
                });
            }
        }
    });
}

/// Builds the per-line layout jobs for a text, with findings underlined.
pub fn render_text(
    ui: &egui::Ui,
    source: &str,
    highlighted: Option<&Highlighted>,
    findings: &[&Finding],
    font: &FontId,
) -> RenderedText {
    let lang = super::lang(ui.ctx());
    let lines = highlight::lines(source);
    let visuals = ui.visuals();
    let default_color = visuals.text_color();
    let weak = visuals.weak_text_color();
    let char_width = ui.fonts_mut(|f| f.glyph_width(font, '0'));
    let mut marks = vec![Vec::new(); lines.len()];
    let mut underlines: Vec<Vec<(Range<usize>, Color32)>> = vec![Vec::new(); lines.len()];
    for (fi, f) in findings.iter().enumerate() {
        let first = f.span.line.max(1) as usize;
        let last = (f.span.end_line as usize).max(first);
        for l in first..=last.min(lines.len()) {
            let Some(text) = lines.get(l - 1) else {
                continue;
            };
            if let Some(m) = marks.get_mut(l - 1) {
                m.push(fi);
            }
            let start_col = if l == first {
                f.span.column.max(1) as usize
            } else {
                1
            };
            let end_col = if l == last {
                f.span.end_column.max(1) as usize
            } else {
                usize::MAX
            };
            let start = byte_at(text, start_col);
            let mut end = if end_col == usize::MAX {
                text.len()
            } else {
                byte_at(text, end_col)
            };
            if end <= start {
                // Zero-width (a syntax error at a point): underline one character.
                end = next_boundary(text, start);
            }
            let (start, end) = if start >= text.len() && !text.is_empty() {
                (prev_boundary(text, text.len()), text.len())
            } else {
                (start, end)
            };
            if end > start {
                if let Some(u) = underlines.get_mut(l - 1) {
                    u.push((start..end, theme::severity(visuals, f.severity)));
                }
            }
        }
    }
    let mut width: f32 = 0.0;
    let jobs = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let tokens = highlighted
                .and_then(|h| h.lines.get(i))
                .map_or(&[][..], Vec::as_slice);
            let cols: f32 = line
                .chars()
                .take(MAX_HIGHLIGHT_LINE)
                .map(|c| if is_wide(c) { 2.0 } else { 1.0 })
                .sum();
            width = width.max(cols * char_width);
            line_job(
                line,
                tokens,
                underlines.get(i).map_or(&[][..], Vec::as_slice),
                font,
                (default_color, weak),
                lang,
            )
        })
        .collect();
    RenderedText { jobs, marks, width }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF)
}

fn byte_at(text: &str, column: usize) -> usize {
    text.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(b, _)| b)
}

fn next_boundary(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(text.len(), |c| at + c.len_utf8())
}

fn prev_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len()).saturating_sub(1);
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One line as a layout job: token colours, with underlined ranges on top.
fn line_job(
    line: &str,
    tokens: &[Token],
    underlines: &[(Range<usize>, Color32)],
    font: &FontId,
    (default_color, weak): (Color32, Color32),
    lang: crate::i18n::Lang,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = f32::INFINITY;
    let (shown, cut) = if line.len() > MAX_HIGHLIGHT_LINE {
        let mut end = MAX_HIGHLIGHT_LINE;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        (&line[..end], line[end..].chars().count())
    } else {
        (line, 0)
    };
    let mut bounds: Vec<usize> = vec![0, shown.len()];
    for t in tokens {
        bounds.push(t.range.start.min(shown.len()));
        bounds.push(t.range.end.min(shown.len()));
    }
    for (r, _) in underlines {
        bounds.push(r.start.min(shown.len()));
        bounds.push(r.end.min(shown.len()));
    }
    bounds.sort_unstable();
    bounds.dedup();
    for pair in bounds.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(text) = shown.get(a..b) else {
            continue;
        };
        let token = tokens
            .iter()
            .find(|t| t.range.start <= a && a < t.range.end);
        let underline = underlines
            .iter()
            .rev()
            .find(|(r, _)| r.start <= a && a < r.end);
        job.append(
            text,
            0.0,
            TextFormat {
                font_id: font.clone(),
                color: token.map_or(default_color, |t| t.color),
                italics: token.is_some_and(|t| t.italic),
                underline: underline.map_or(Stroke::NONE, |(_, c)| Stroke::new(1.5, *c)),
                ..Default::default()
            },
        );
    }
    if cut > 0 {
        job.append(
            &format!(
                "  {}",
                msg!("app-more-characters", count = cut).render(lang)
            ),
            0.0,
            TextFormat {
                font_id: font.clone(),
                color: weak,
                ..Default::default()
            },
        );
    }
    job
}

fn outputs_ui(state: &mut ViewState, cell: &Cell, ui: &mut egui::Ui) {
    let lang = super::lang(ui.ctx());
    let title = msg!("app-outputs", count = cell.outputs.len()).render(lang);
    let header = egui::CollapsingHeader::new(title)
        .id_salt("outputs")
        .default_open(state.outputs_open)
        .show(ui, |ui| {
            egui::ScrollArea::both()
                .id_salt(("outputs", cell.index))
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for (i, out) in cell.outputs.iter().enumerate() {
                        let kind = tr(
                            lang,
                            match out.kind {
                                OutputKind::Stream => "app-output-stream",
                                OutputKind::ExecuteResult => "app-output-result",
                                OutputKind::DisplayData => "app-output-display",
                                OutputKind::Error => "app-output-error",
                            },
                        );
                        let count = out
                            .execution_count
                            .map_or_else(String::new, |n| format!(" Out [{n}]"));
                        ui.weak(format!("#{i} {kind}{count}"));
                        if !out.text.is_empty() {
                            let text = RichText::new(truncate(&out.text, 8_000, lang)).monospace();
                            if out.kind == OutputKind::Error {
                                ui.label(
                                    text.color(theme::severity(ui.visuals(), Severity::Error)),
                                );
                            } else {
                                ui.label(text);
                            }
                        }
                        if !out.skipped_mime.is_empty() {
                            let skipped =
                                msg!("app-not-shown", kinds = out.skipped_mime.join(", "));
                            ui.weak(skipped.render(lang));
                        }
                    }
                });
        });
    state.outputs_open = header.openness > 0.0;
}

/// The first `max` bytes (on a character boundary) and a note of what was cut.
pub fn truncate(text: &str, max: usize, lang: crate::i18n::Lang) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let more = msg!("app-more-bytes", count = text.len() - end).render(lang);
    format!("{}\n{more}", &text[..end])
}
