//! The inspector (right): the selected cell's findings with the rule's why, fix and
//! Cosmic Python pattern, and the planned destination of every statement with a
//! control to override it.

use super::app::Action;
use super::document::Document;
use super::{markdown, theme};
use crate::finding::Finding;
use crate::i18n::{tr, Lang};
use crate::msg;
use crate::plan::{Destination, Override};
use egui::RichText;
use std::collections::HashMap;

/// The parts of a rule's documentation the inspector shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleDoc {
    pub name: &'static str,
    pub why: String,
    pub fix: String,
    pub pattern: String,
}

/// Splits a rule's markdown doc into its `## ` sections.
pub fn rule_doc(code: &str, lang: Lang) -> Option<RuleDoc> {
    let rule = crate::rules::lookup(code)?;
    let doc = rule.doc_in(lang);
    let mut sections: HashMap<String, String> = HashMap::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            current = Some(title.trim().trim_end_matches(['?', ':']).to_lowercase());
            continue;
        }
        if let Some(title) = &current {
            let text = sections.entry(title.clone()).or_default();
            text.push_str(line);
            text.push('\n');
        }
    }
    let take = |key: &str| {
        sections
            .get(key)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    // The headings of the English and the Korean docs.
    let either = |en: &str, ko: &str| {
        let text = take(en);
        if text.is_empty() {
            take(ko)
        } else {
            text
        }
    };
    Some(RuleDoc {
        name: rule.name,
        why: either("why is this bad", "왜 문제인가요"),
        fix: either("fix", "고치는 법"),
        pattern: either("pattern", "패턴"),
    })
}

#[derive(Default)]
pub struct InspectorState {
    docs: HashMap<(&'static str, Lang), Option<RuleDoc>>,
}

pub fn ui(
    state: &mut InspectorState,
    doc: &Document,
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
) {
    let cell = doc.selected;
    let lang = super::lang(ui.ctx());
    egui::ScrollArea::vertical()
        .id_salt("inspector")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The cell's findings, worst first, then in line order.
            let mut findings: Vec<(usize, &Finding)> = doc
                .findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.cell == Some(cell))
                .collect();
            findings.sort_by_key(|(_, f)| (std::cmp::Reverse(f.severity), f.span));
            ui.heading(msg!("app-findings-count", count = findings.len()).render(lang));
            if findings.is_empty() {
                ui.weak(tr(lang, "app-no-findings-in-cell"));
            }
            for (index, finding) in findings {
                finding_ui(state, doc, ui, index, finding, actions);
            }
            ui.add_space(8.0);
            ui.separator();
            destinations_ui(doc, ui, actions);
            let notebook_level: Vec<&Finding> =
                doc.findings.iter().filter(|f| f.cell.is_none()).collect();
            if !notebook_level.is_empty() {
                ui.separator();
                ui.heading(tr(lang, "app-whole-notebook"));
                for f in notebook_level {
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(theme::severity(ui.visuals(), f.severity), f.code);
                        ui.label(f.message.render(lang));
                    });
                }
            }
        });
}

fn finding_ui(
    state: &mut InspectorState,
    doc: &Document,
    ui: &mut egui::Ui,
    index: usize,
    f: &Finding,
    actions: &mut Vec<Action>,
) {
    let lang = super::lang(ui.ctx());
    let rule = state
        .docs
        .entry((f.code, lang))
        .or_insert_with(|| rule_doc(f.code, lang))
        .clone();
    let focused = doc.focused_finding == Some(index);
    let frame = egui::Frame::group(ui.style()).stroke(if focused {
        ui.visuals().selection.stroke
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    });
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let color = theme::severity(ui.visuals(), f.severity);
            ui.label(RichText::new(f.code).strong().color(color));
            ui.label(RichText::new(f.severity.label(lang)).color(color));
            if let Some(r) = &rule {
                ui.weak(r.name);
            }
            if ui
                .link(
                    msg!(
                        "app-line-column",
                        line = f.span.line,
                        column = f.span.column
                    )
                    .render(lang),
                )
                .on_hover_text(tr(lang, "app-show-in-source"))
                .clicked()
            {
                actions.push(Action::FocusFinding(index));
            }
        });
        ui.label(f.message.render(lang));
        {
            ui.horizontal_wrapped(|ui| {
                ui.strong(tr(lang, "app-suggestion"));
                ui.label(f.suggestion.render(lang));
            });
        }
        if let Some(r) = rule {
            egui::CollapsingHeader::new(tr(lang, "app-why-fix-pattern"))
                .id_salt(("rule-doc", index))
                .default_open(false)
                .show(ui, |ui| {
                    for (title, text) in [
                        (tr(lang, "app-why"), &r.why),
                        (tr(lang, "app-fix"), &r.fix),
                        (tr(lang, "app-pattern"), &r.pattern),
                    ] {
                        if !text.is_empty() {
                            ui.strong(title);
                            markdown::ui(ui, text);
                        }
                    }
                });
        }
    });
}

fn destinations_ui(doc: &Document, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let cell = doc.selected;
    let lang = super::lang(ui.ctx());
    ui.horizontal(|ui| {
        ui.heading(tr(lang, "app-destinations"));
        if doc.plan_pending {
            ui.spinner();
        }
    });
    let Some(model) = doc.analysis.model.cell(cell) else {
        ui.weak(tr(lang, "app-only-code-cells"));
        return;
    };
    if model.statements.is_empty() {
        ui.weak(if model.syntax_error.is_some() {
            tr(lang, "app-cell-does-not-parse")
        } else {
            tr(lang, "app-no-statements")
        });
        return;
    }
    let Some(source) = doc
        .analysis
        .notebook
        .cells
        .get(cell)
        .map(|c| c.source.as_str())
    else {
        return;
    };
    let lines: Vec<&str> = source.lines().collect();
    let roles = doc.analysis.roles.statement_roles(cell);
    let dests: Vec<Option<Destination>> = (0..model.statements.len())
        .map(|i| doc.destination(cell, i))
        .collect();
    let common = dests
        .first()
        .copied()
        .flatten()
        .filter(|d| dests.iter().all(|x| *x == Some(*d)));
    let whole = doc.user_override(cell, None);
    ui.horizontal(|ui| {
        let selected = match (whole, common) {
            (Some(d), _) | (None, Some(d)) => d.label(lang),
            (None, None) => tr(lang, "app-mixed"),
        };
        egui::ComboBox::new(("whole-cell", cell), tr(lang, "app-whole-cell"))
            .selected_text(selected)
            .show_ui(ui, |ui| {
                for d in Destination::ALL {
                    if ui
                        .selectable_label(whole == Some(d), d.label(lang))
                        .clicked()
                    {
                        actions.push(Action::Override(Override {
                            cell,
                            statement: None,
                            destination: d,
                        }));
                    }
                }
            });
        if whole.is_some()
            && ui
                .small_button(tr(lang, "app-reset"))
                .on_hover_text(tr(lang, "app-reset-all-hint"))
                .clicked()
        {
            actions.push(Action::ClearOverride {
                cell,
                statement: None,
            });
        }
    });
    ui.add_space(4.0);
    for (i, stmt) in model.statements.iter().enumerate() {
        let line = stmt.span.line.max(1) as usize;
        let text = lines.get(line - 1).map_or("", |l| l.trim());
        let snippet = text.to_string();
        let current = dests.get(i).copied().flatten();
        let mine = doc.user_override(cell, Some(i));
        ui.horizontal(|ui| {
            let visuals = ui.visuals().clone();
            ui.add_sized(
                [34.0, ui.spacing().interact_size.y],
                egui::Label::new(RichText::new(format!("L{line}")).weak().monospace()),
            );
            let role = roles.get(i).map_or_else(String::new, |r| r.label(lang));
            let role_color = roles
                .get(i)
                .map_or(visuals.weak_text_color(), |&r| theme::role(&visuals, r));
            ui.add_sized(
                [62.0, ui.spacing().interact_size.y],
                egui::Label::new(RichText::new(role).small().color(role_color)),
            );
            let selected_text = match current {
                Some(d) => RichText::new(d.label(lang)).color(theme::destination(&visuals, d)),
                None => RichText::new("…"),
            };
            let combo = egui::ComboBox::from_id_salt(("dest", cell, i))
                .selected_text(selected_text)
                .width(110.0)
                .show_ui(ui, |ui| {
                    for d in Destination::ALL {
                        if ui
                            .selectable_label(current == Some(d), d.label(lang))
                            .clicked()
                        {
                            actions.push(Action::Override(Override {
                                cell,
                                statement: Some(i),
                                destination: d,
                            }));
                        }
                    }
                });
            if mine.is_some()
                && ui
                    .small_button(tr(lang, "app-reset"))
                    .on_hover_text(tr(lang, "app-use-suggested"))
                    .clicked()
            {
                actions.push(Action::ClearOverride {
                    cell,
                    statement: Some(i),
                });
            }
            let label = ui
                .add(egui::Label::new(RichText::new(&snippet).monospace()).truncate())
                .on_hover_text(&snippet);
            let _ = combo.response.labelled_by(label.id);
        });
    }
    if !doc.overrides.is_empty() {
        ui.weak(msg!("app-overrides-in-notebook", count = doc.overrides.len()).render(lang));
    }
}
