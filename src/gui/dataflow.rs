//! The dataflow tab: code cells as nodes down the page, def-use edges as arcs to
//! their right. Hidden-state edges (a read of a later cell's definition, a mutation
//! across cells) and out-of-order cells are drawn in the warning colour. A
//! finding with a path (a leak: statistic, split, fit, evaluation) has its steps
//! listed above the graph and drawn on it as numbered marks joined in the gutter.

use super::app::Action;
use super::document::Document;
use super::theme;
use super::{say, t};
use crate::analysis::Analysis;
use crate::finding::Related;
use crate::i18n::Lang;
use crate::model::{DefUseGraph, EdgeKind};
use crate::msg;
use egui::{pos2, vec2, Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke};
use std::collections::{BTreeMap, HashMap};

/// One arc: every name flowing from one cell to another, merged.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphEdge {
    pub from: usize,
    pub to: usize,
    pub names: Vec<String>,
    /// At least one name is changed in place by `to`.
    pub mutation: bool,
    /// Hidden state: `to` reads from a cell below it, or mutates across cells.
    pub hidden: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Graph {
    /// Code cells (indices among all cells) in notebook order.
    pub nodes: Vec<usize>,
    pub notebook_order: Vec<GraphEdge>,
    /// Present when the notebook has execution counts.
    pub execution_order: Option<Vec<GraphEdge>>,
}

impl Graph {
    pub fn build(analysis: &Analysis) -> Graph {
        Graph {
            nodes: analysis.model.cells.iter().map(|c| c.index).collect(),
            notebook_order: merge(&analysis.model.notebook_order),
            execution_order: analysis.model.execution_order.as_ref().map(merge),
        }
    }

    pub fn edges(&self, order: Order) -> &[GraphEdge] {
        match (order, &self.execution_order) {
            (Order::Execution, Some(edges)) => edges,
            _ => &self.notebook_order,
        }
    }
}

fn merge(graph: &DefUseGraph) -> Vec<GraphEdge> {
    let mut merged: BTreeMap<(usize, usize), GraphEdge> = BTreeMap::new();
    for e in &graph.edges {
        let edge = merged.entry((e.from, e.to)).or_insert_with(|| GraphEdge {
            from: e.from,
            to: e.to,
            names: Vec::new(),
            mutation: false,
            hidden: e.from > e.to,
        });
        if !edge.names.contains(&e.name) {
            edge.names.push(e.name.clone());
        }
        if e.kind == EdgeKind::Mutation {
            edge.mutation = true;
            edge.hidden = true;
        }
    }
    merged.into_values().collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// What actually ran, by execution count (when the notebook has them).
    #[default]
    Execution,
    /// Top to bottom, as "Restart and run all" would.
    Notebook,
}

#[derive(Default)]
pub struct DataflowState {
    pub order: Order,
    /// Show only the selected cell's edges.
    pub only_selected: bool,
    /// The finding whose path is drawn, chosen in this tab (index into
    /// `analysis.findings`).
    pub path_finding: Option<usize>,
}

/// The finding whose path the tab draws: the one `n`/`p` moved to, else the one
/// chosen here, else the first whose path touches the selected cell, else the
/// first with a path.
pub fn path_finding(state: &DataflowState, doc: &Document) -> Option<usize> {
    let findings = &doc.analysis.findings;
    let has_path = |i: &usize| findings.get(*i).is_some_and(|f| !f.related.is_empty());
    doc.focused_finding
        .filter(has_path)
        .or(state.path_finding.filter(has_path))
        .or_else(|| {
            (0..findings.len()).filter(has_path).find(|&i| {
                findings[i].cell == Some(doc.selected)
                    || findings[i].related.iter().any(|r| r.cell == doc.selected)
            })
        })
        .or_else(|| (0..findings.len()).find(has_path))
}

/// `1. cell 3, line 2: statistic over all rows`.
pub fn step_label(step: usize, related: &crate::finding::Related, lang: Lang) -> String {
    msg!(
        "app-path-step",
        step = step + 1,
        cell = related.cell,
        line = related.span.line,
        what = related.message.clone()
    )
    .render(lang)
}

/// The path of the chosen finding: which finding (when several have one), and
/// its steps as buttons that select their cell.
fn path_ui(
    state: &mut DataflowState,
    doc: &Document,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) -> Option<usize> {
    let findings = &doc.analysis.findings;
    let with_path: Vec<usize> = (0..findings.len())
        .filter(|&i| !findings[i].related.is_empty())
        .collect();
    if with_path.is_empty() {
        return None;
    }
    let chosen = path_finding(state, doc);
    ui.horizontal_wrapped(|ui| {
        ui.label(t(ui, "app-leak-paths"));
        for &i in &with_path {
            let f = &findings[i];
            let text = say(
                ui,
                &msg!("app-code-cell", code = f.code, cell = f.cell.unwrap_or(0)),
            );
            if ui.selectable_label(chosen == Some(i), text).clicked() {
                state.path_finding = Some(i);
                if let Some(cell) = f.cell {
                    actions.push(Action::Select(cell));
                }
            }
        }
    });
    let f = &findings[chosen?];
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("{}:", f.code));
        for (step, r) in f.related.iter().enumerate() {
            if step > 0 {
                ui.label("→");
            }
            if ui
                .button(step_label(step, r, super::lang(ui.ctx())))
                .clicked()
            {
                actions.push(Action::Select(r.cell));
            }
        }
    });
    chosen
}

const ROW: f32 = 26.0;
const NODE_W: f32 = 260.0;
/// Arcs beyond this many in view are skipped (those of the selected cell never are).
const EDGE_BUDGET: usize = 1_500;

pub fn ui(state: &mut DataflowState, doc: &Document, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let graph = &doc.graph;
    let has_execution = graph.execution_order.is_some();
    ui.horizontal_wrapped(|ui| {
        ui.label(t(ui, "app-order"));
        ui.add_enabled_ui(has_execution, |ui| {
            let label = t(ui, "app-execution-order");
            ui.selectable_value(&mut state.order, Order::Execution, label);
        });
        let label = t(ui, "app-notebook-order");
        ui.selectable_value(&mut state.order, Order::Notebook, label);
        let label = t(ui, "app-only-selected-cell");
        ui.checkbox(&mut state.only_selected, label);
        ui.separator();
        legend(ui);
    });
    let order = if has_execution {
        state.order
    } else {
        Order::Notebook
    };
    let edges = graph.edges(order);
    let counts = msg!(
        "app-graph-counts",
        cells = graph.nodes.len(),
        edges = edges.len(),
        hidden = edges.iter().filter(|e| e.hidden).count()
    );
    ui.label(say(ui, &counts));
    let path = path_ui(state, doc, ui, actions)
        .map(|i| doc.analysis.findings[i].related.clone())
        .unwrap_or_default();
    ui.separator();
    if graph.nodes.is_empty() {
        ui.label(t(ui, "app-no-code-cells"));
        return;
    }
    let row_of: HashMap<usize, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(row, &cell)| (cell, row))
        .collect();
    let colors = Colors {
        warn: theme::warning(ui.visuals()),
        normal: ui.visuals().weak_text_color(),
        accent: ui.visuals().selection.stroke.color,
        text: ui.visuals().text_color(),
    };
    let selected_row = row_of.get(&doc.selected).copied();
    let mut scroll = egui::ScrollArea::both()
        .id_salt("dataflow")
        .auto_shrink([false, false]);
    if doc.scroll_list {
        if let Some(row) = selected_row {
            let max = (graph.nodes.len() as f32 * ROW + ROW - ui.available_height()).max(0.0);
            scroll = scroll.vertical_scroll_offset((row as f32 * ROW - 200.0).clamp(0.0, max));
        }
    }
    scroll.show_viewport(ui, |ui, viewport| {
        let width = ui.available_width().max(NODE_W + 400.0);
        let (_, content) = ui.allocate_space(vec2(width, graph.nodes.len() as f32 * ROW + ROW));
        let layout = Layout {
            origin: content.min,
            width,
            first: (viewport.min.y / ROW).floor().max(0.0) as usize,
            last: ((viewport.max.y / ROW).ceil() as usize + 1).min(graph.nodes.len()),
            row_of: &row_of,
            selected_row,
            edges,
        };
        let painter = ui.painter().clone();
        // Arcs first, so nodes paint over their ends.
        draw_arcs(&painter, &layout, state, doc.selected, &colors);
        let marks = draw_path(&painter, &layout, &path, theme::warning(ui.visuals()));
        for row in layout.first..layout.last {
            node_ui(ui, &painter, &layout, doc, row, &marks, &colors, actions);
        }
    });
}

/// The dataflow canvas: where rows are drawn in the scroll area's content.
struct Layout<'a> {
    origin: Pos2,
    width: f32,
    /// Rows in view: `first..last`.
    first: usize,
    last: usize,
    /// Cell index → row.
    row_of: &'a HashMap<usize, usize>,
    selected_row: Option<usize>,
    /// The arcs of the chosen order.
    edges: &'a [GraphEdge],
}

impl Layout<'_> {
    fn y_of(&self, row: usize) -> f32 {
        self.origin.y + row as f32 * ROW + ROW / 2.0
    }

    fn node_right(&self) -> f32 {
        self.origin.x + 10.0 + NODE_W
    }

    /// The gutter left of the nodes, where a finding's path is drawn.
    fn gutter(&self) -> f32 {
        self.origin.x + 5.0
    }
}

struct Colors {
    warn: Color32,
    normal: Color32,
    accent: Color32,
    text: Color32,
}

/// The def-use arcs in view, right of the nodes; those of the selected cell first
/// and always, the others up to [`EDGE_BUDGET`].
fn draw_arcs(
    painter: &egui::Painter,
    layout: &Layout,
    state: &DataflowState,
    selected: usize,
    colors: &Colors,
) {
    let mut drawn = 0;
    let mut ordered: Vec<&GraphEdge> = layout
        .edges
        .iter()
        .filter(|e| !state.only_selected || e.from == selected || e.to == selected)
        .collect();
    ordered.sort_by_key(|e| {
        let touches = e.from == selected || e.to == selected;
        (!touches, !e.hidden)
    });
    for e in ordered {
        let (Some(&rf), Some(&rt)) = (layout.row_of.get(&e.from), layout.row_of.get(&e.to)) else {
            continue;
        };
        let (lo, hi) = (rf.min(rt), rf.max(rt));
        if hi < layout.first || lo > layout.last {
            continue;
        }
        let touches = e.from == selected || e.to == selected;
        if drawn >= EDGE_BUDGET && !touches {
            continue;
        }
        drawn += 1;
        let span = (hi - lo) as f32;
        let bulge = (24.0 + 18.0 * span.sqrt()).min(layout.width - NODE_W - 40.0);
        let right = layout.node_right();
        let (a, b) = (pos2(right, layout.y_of(rf)), pos2(right, layout.y_of(rt)));
        let mut color = if e.hidden { colors.warn } else { colors.normal };
        if touches {
            color = if e.hidden { colors.warn } else { colors.accent };
        } else if layout.selected_row.is_some() && !state.only_selected {
            color = color.gamma_multiply(0.55);
        }
        let stroke = Stroke::new(if touches || e.hidden { 2.0 } else { 1.0 }, color);
        let bezier = egui::epaint::CubicBezierShape::from_points_stroke(
            [a, pos2(a.x + bulge, a.y), pos2(b.x + bulge, b.y), b],
            false,
            Color32::TRANSPARENT,
            stroke,
        );
        painter.add(Shape::CubicBezier(bezier));
        // A dot marks the reading (or mutating) end.
        painter.circle_filled(b + vec2(3.0, 0.0), 3.0, color);
    }
}

/// The chosen finding's path: its cells joined in the gutter left of the nodes.
/// Returns each row on the path with its step numbers, for the marks [`node_ui`] draws.
fn draw_path(
    painter: &egui::Painter,
    layout: &Layout,
    path: &[Related],
    path_color: Color32,
) -> Vec<(usize, Vec<usize>)> {
    let gutter = layout.gutter();
    let rows: Vec<usize> = path
        .iter()
        .filter_map(|r| layout.row_of.get(&r.cell).copied())
        .collect();
    for pair in rows.windows(2) {
        let (a, b) = (
            pos2(gutter, layout.y_of(pair[0])),
            pos2(gutter, layout.y_of(pair[1])),
        );
        painter.line_segment([a, b], Stroke::new(3.0, path_color));
    }
    let mut marks: Vec<(usize, Vec<usize>)> = Vec::new();
    for (step, row) in rows.iter().enumerate() {
        match marks.iter_mut().find(|(r, _)| r == row) {
            Some((_, steps)) => steps.push(step + 1),
            None => marks.push((*row, vec![step + 1])),
        }
    }
    marks
}

/// One cell's node: a clickable box with its number, execution count and title, the
/// path's numbered mark when the cell is on it, and a tooltip of its edges.
#[allow(clippy::too_many_arguments)]
fn node_ui(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    layout: &Layout,
    doc: &Document,
    row: usize,
    marks: &[(usize, Vec<usize>)],
    colors: &Colors,
    actions: &mut Vec<Action>,
) {
    let Some(&cell) = doc.graph.nodes.get(row) else {
        return;
    };
    let Some(info) = doc.cells.get(cell) else {
        return;
    };
    let y = layout.y_of(row);
    let rect = Rect::from_min_size(
        pos2(layout.origin.x + 10.0, y - ROW / 2.0 + 2.0),
        vec2(NODE_W, ROW - 4.0),
    );
    let id = ui.scope_id().with(("dataflow-node", cell));
    let response = ui.interact(rect, id, Sense::click());
    let name = say(ui, &msg!("app-dataflow-node", cell = cell));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    let selected = cell == doc.selected;
    let fill = if selected {
        ui.visuals().selection.bg_fill
    } else if response.hovered() {
        ui.visuals().widgets.hovered.bg_fill
    } else {
        ui.visuals().widgets.inactive.bg_fill
    };
    let outline = if info.out_of_order {
        Stroke::new(2.0, colors.warn)
    } else {
        ui.visuals().widgets.inactive.bg_stroke
    };
    painter.rect(rect, 4.0, fill, outline, egui::StrokeKind::Inside);
    let count = info
        .execution_count
        .map_or_else(|| "[ ]".to_string(), |n| format!("[{n}]"));
    let label = format!(
        "{cell:>3} {count} {}",
        info.shown_title(super::lang(ui.ctx()))
    );
    let galley = node_label(
        ui.ctx(),
        label,
        NODE_W - 12.0,
        if info.out_of_order {
            colors.warn
        } else {
            colors.text
        },
    );
    let elided = galley.elided;
    painter.galley(
        Align2::LEFT_CENTER
            .anchor_size(rect.left_center() + vec2(6.0, 0.0), galley.size())
            .min,
        galley,
        colors.text,
    );
    if let Some((_, steps)) = marks.iter().find(|(r, _)| *r == row) {
        let text: Vec<String> = steps.iter().map(|s| s.to_string()).collect();
        let center = pos2(layout.gutter(), y);
        painter.circle_filled(center, 8.0, theme::warning(ui.visuals()));
        painter.text(
            center,
            Align2::CENTER_CENTER,
            text.join(","),
            FontId::proportional(10.0),
            ui.visuals().extreme_bg_color,
        );
    }
    let title = elided.then_some(info.title.as_str());
    let response =
        response.on_hover_ui(|ui| node_tooltip(ui, cell, title, info.out_of_order, layout.edges));
    if response.clicked() {
        actions.push(Action::Select(cell));
    }
}

/// A node's text on one line, cut on a character with "…" when wider than `width`.
fn node_label(
    ctx: &egui::Context,
    text: String,
    width: f32,
    color: Color32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(text, FontId::monospace(12.0), color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width);
    ctx.fonts_mut(|f| f.layout_job(job))
}

fn legend(ui: &mut egui::Ui) {
    let warn = theme::warning(ui.visuals());
    ui.label(t(ui, "app-legend-arcs"));
    ui.colored_label(warn, t(ui, "app-legend-hidden"));
}

/// `title`: the node's text in full, when it is cut on the node.
fn node_tooltip(
    ui: &mut egui::Ui,
    cell: usize,
    title: Option<&str>,
    out_of_order: bool,
    edges: &[GraphEdge],
) {
    ui.strong(say(ui, &msg!("app-cell-heading", cell = cell)));
    if let Some(title) = title {
        ui.monospace(title);
    }
    if out_of_order {
        ui.colored_label(theme::warning(ui.visuals()), t(ui, "app-ran-out-of-order"));
    }
    let mut any = false;
    for e in edges.iter().filter(|e| e.to == cell) {
        any = true;
        let verb = if e.mutation { "changes" } else { "reads" };
        let text = say(
            ui,
            &msg!(
                "app-edge-in",
                verb = verb,
                names = e.names.join(", "),
                cell = e.from
            ),
        );
        if e.hidden {
            ui.colored_label(theme::warning(ui.visuals()), text);
        } else {
            ui.label(text);
        }
    }
    for e in edges.iter().filter(|e| e.from == cell) {
        any = true;
        ui.label(say(
            ui,
            &msg!("app-edge-out", names = e.names.join(", "), cell = e.to),
        ));
    }
    if !any {
        ui.label(t(ui, "app-no-edges"));
    }
    ui.weak(t(ui, "app-click-to-select"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_node_labels_are_cut_on_a_character_with_an_ellipsis() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(Default::default(), |ui| {
            let text = "  3 [2] KAGGLE_PATH = '/kaggle/input/titanic/'  # données".to_string();
            let galley = node_label(ui.ctx(), text.clone(), 200.0, Color32::WHITE);
            assert!(galley.elided);
            assert!(galley.size().x <= 200.0, "{}", galley.size().x);
            let shown = galley.rows[0].text();
            let kept = shown.strip_suffix('…').expect("ends with …");
            assert!(text.starts_with(kept) && kept.len() > 10, "{shown}");

            let short = node_label(
                ui.ctx(),
                "  4 [5] train.head()".into(),
                200.0,
                Color32::WHITE,
            );
            assert!(!short.elided);
            assert_eq!(short.rows[0].text(), "  4 [5] train.head()");
        });
        // Font atlas uploads nobody applies here.
        output.textures_delta.clear();
    }
}
