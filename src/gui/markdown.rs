//! A small markdown renderer for cells: headings, bullets, numbered items, quotes,
//! code blocks, rules, and inline `code`, **bold**, *italic* and [links](url)
//! (shown as their text). Enough to read a notebook's prose; not CommonMark.

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, Stroke, TextFormat};

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, String),
    Paragraph(String),
    Bullet {
        indent: usize,
        marker: String,
        text: String,
    },
    Quote(String),
    Code(String),
    Rule,
}

/// Splits markdown into blocks.
pub fn parse(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut code: Option<Vec<&str>> = None;
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(paragraph.join(" ")));
            paragraph.clear();
        }
    };
    for raw in source.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if let Some(lines) = &mut code {
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                blocks.push(Block::Code(lines.join("\n")));
                code = None;
            } else {
                lines.push(line);
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut paragraph, &mut blocks);
            code = Some(Vec::new());
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut paragraph, &mut blocks);
            continue;
        }
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with([' ', '\t'])
            || (hashes > 0 && hashes <= 6 && trimmed.len() == hashes)
        {
            flush(&mut paragraph, &mut blocks);
            let text = trimmed[hashes..].trim().trim_end_matches('#').trim();
            blocks.push(Block::Heading(hashes as u8, text.to_string()));
            continue;
        }
        if is_rule(trimmed) {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Rule);
            continue;
        }
        let indent = (line.len() - trimmed.len()) / 2;
        if let Some(rest) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
            .or_else(|| trimmed.strip_prefix("+ "))
        {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Bullet {
                indent,
                marker: "•".into(),
                text: rest.trim().to_string(),
            });
            continue;
        }
        if let Some((number, rest)) = numbered(trimmed) {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Bullet {
                indent,
                marker: format!("{number}."),
                text: rest.trim().to_string(),
            });
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('>') {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Quote(rest.trim().to_string()));
            continue;
        }
        paragraph.push(trimmed);
    }
    if let Some(lines) = code {
        blocks.push(Block::Code(lines.join("\n")));
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

fn is_rule(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && (compact.chars().all(|c| c == '-')
            || compact.chars().all(|c| c == '*')
            || compact.chars().all(|c| c == '_'))
}

fn numbered(line: &str) -> Option<(&str, &str)> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let rest = &line[digits..];
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    Some((&line[..digits], rest))
}

/// Inline spans of a line of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(String),
    Emphasis(String),
    Code(String),
}

pub fn inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let push_plain = |plain: &mut String, out: &mut Vec<Inline>| {
        if !plain.is_empty() {
            out.push(Inline::Text(std::mem::take(plain)));
        }
    };
    while let Some(c) = rest.chars().next() {
        // `code`
        if c == '`' {
            if let Some(end) = rest[1..].find('`') {
                push_plain(&mut plain, &mut out);
                out.push(Inline::Code(rest[1..1 + end].to_string()));
                rest = &rest[end + 2..];
                continue;
            }
        }
        // **bold** or __bold__
        if rest.starts_with("**") || rest.starts_with("__") {
            let marker = &rest[..2];
            if let Some(end) = rest[2..].find(marker) {
                if end > 0 {
                    push_plain(&mut plain, &mut out);
                    out.push(Inline::Strong(rest[2..2 + end].to_string()));
                    rest = &rest[end + 4..];
                    continue;
                }
            }
        }
        // *italic*
        if c == '*' {
            if let Some(end) = rest[1..].find('*') {
                if end > 0 && !rest[1..].starts_with(' ') {
                    push_plain(&mut plain, &mut out);
                    out.push(Inline::Emphasis(rest[1..1 + end].to_string()));
                    rest = &rest[end + 2..];
                    continue;
                }
            }
        }
        // ![alt](src) and [text](url)
        if c == '[' || (c == '!' && rest[1..].starts_with('[')) {
            let start = if c == '!' { 2 } else { 1 };
            if let Some(close) = rest[start..].find("](") {
                let label = &rest[start..start + close];
                let after = &rest[start + close + 2..];
                if let Some(paren) = after.find(')') {
                    if c == '!' {
                        plain.push_str(&format!("[image: {label}]"));
                    } else {
                        plain.push_str(label);
                    }
                    rest = &after[paren + 1..];
                    continue;
                }
            }
        }
        // Simple HTML tags (<br>, <b>, <font …>) are dropped.
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let tag = &rest[1..end];
                if !tag.is_empty()
                    && tag
                        .chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || " /=\"'#-:;.".contains(ch))
                {
                    rest = &rest[end + 1..];
                    continue;
                }
            }
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    push_plain(&mut plain, &mut out);
    out
}

fn inline_job(ui: &egui::Ui, text: &str, size: f32, strong: bool, color: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    let body = FontId::proportional(size);
    let mono = FontId::monospace(size * 0.92);
    let strong_color = ui.visuals().strong_text_color();
    for span in inline(text) {
        let (s, format) = match span {
            Inline::Text(s) => (
                s,
                TextFormat {
                    font_id: body.clone(),
                    color: if strong { strong_color } else { color },
                    ..Default::default()
                },
            ),
            Inline::Strong(s) => (
                s,
                TextFormat {
                    font_id: body.clone(),
                    color: strong_color,
                    ..Default::default()
                },
            ),
            Inline::Emphasis(s) => (
                s,
                TextFormat {
                    font_id: body.clone(),
                    color,
                    italics: true,
                    ..Default::default()
                },
            ),
            Inline::Code(s) => (
                s,
                TextFormat {
                    font_id: mono.clone(),
                    color,
                    background: ui.visuals().code_bg_color,
                    ..Default::default()
                },
            ),
        };
        job.append(&s, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    job
}

pub fn ui(ui: &mut egui::Ui, source: &str) {
    let body_size = ui.text_style_height(&egui::TextStyle::Body).max(12.0) * 0.85;
    let color = ui.visuals().text_color();
    for block in parse(source) {
        match block {
            Block::Heading(level, text) => {
                let size = match level {
                    1 => body_size * 1.8,
                    2 => body_size * 1.5,
                    3 => body_size * 1.25,
                    _ => body_size * 1.1,
                };
                ui.add_space(4.0);
                let job = inline_job(ui, &text, size, true, color);
                ui.label(job);
                ui.add_space(2.0);
            }
            Block::Paragraph(text) => {
                let job = inline_job(ui, &text, body_size, false, color);
                ui.label(job);
                ui.add_space(4.0);
            }
            Block::Bullet {
                indent,
                marker,
                text,
            } => {
                ui.horizontal_top(|ui| {
                    ui.add_space(12.0 + 16.0 * indent.min(6) as f32);
                    ui.label(marker);
                    let job = inline_job(ui, &text, body_size, false, color);
                    ui.label(job);
                });
            }
            Block::Quote(text) => {
                egui::Frame::new()
                    .stroke(Stroke::new(0.0, Color32::TRANSPARENT))
                    .inner_margin(egui::Margin {
                        left: 10,
                        right: 0,
                        top: 2,
                        bottom: 2,
                    })
                    .show(ui, |ui| {
                        let job =
                            inline_job(ui, &text, body_size, false, ui.visuals().weak_text_color());
                        ui.label(job);
                    });
            }
            Block::Code(text) => {
                egui::Frame::new()
                    .fill(ui.visuals().code_bg_color)
                    .inner_margin(6)
                    .corner_radius(4)
                    .show(ui, |ui| {
                        // Code keeps its lines: scroll sideways instead of wrapping.
                        egui::ScrollArea::horizontal()
                            .id_salt(("md-code", &text))
                            .auto_shrink([false, true])
                            .show(ui, |ui| {
                                ui.add(egui::Label::new(RichText::new(&text).monospace()).extend());
                            });
                    });
            }
            Block::Rule => {
                ui.separator();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks() {
        let b = parse("# 타이타닉\n\nSome *text*\ncontinues.\n- a\n  - b\n1. one\n```\ncode\n```\n---\n> quoted");
        assert_eq!(
            b,
            vec![
                Block::Heading(1, "타이타닉".into()),
                Block::Paragraph("Some *text* continues.".into()),
                Block::Bullet {
                    indent: 0,
                    marker: "•".into(),
                    text: "a".into()
                },
                Block::Bullet {
                    indent: 1,
                    marker: "•".into(),
                    text: "b".into()
                },
                Block::Bullet {
                    indent: 0,
                    marker: "1.".into(),
                    text: "one".into()
                },
                Block::Code("code".into()),
                Block::Rule,
                Block::Quote("quoted".into()),
            ]
        );
        assert_eq!(parse("#hashtag"), vec![Block::Paragraph("#hashtag".into())]);
    }

    #[test]
    fn inline_spans() {
        assert_eq!(
            inline("a **b** `c` *d* [e](http://x) <br> ![f](g.png) 3 * 4"),
            vec![
                Inline::Text("a ".into()),
                Inline::Strong("b".into()),
                Inline::Text(" ".into()),
                Inline::Code("c".into()),
                Inline::Text(" ".into()),
                Inline::Emphasis("d".into()),
                Inline::Text(" e  [image: f] 3 * 4".into()),
            ]
        );
    }
}
