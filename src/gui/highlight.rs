//! Syntax highlighting with syntect, cached per source text and theme. Highlighting
//! runs on one worker thread (about 0.1 ms a line); until a result arrives the text
//! shows plain. In synchronous mode (tests, benchmarks) it runs inline.

use egui::Color32;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, OnceLock};
use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme, ThemeSet};
use syntect::parsing::SyntaxSet;

/// Lines longer than this are shown plain (and cut short by the views): a data blob
/// pasted into a cell must not stall the highlighter or the text layout.
pub const MAX_HIGHLIGHT_LINE: usize = 2_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte range within the line (no line terminator).
    pub range: Range<usize>,
    pub color: Color32,
    pub italic: bool,
    pub bold: bool,
}

/// Tokens for every line of a text, as split by [`lines`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlighted {
    pub lines: Vec<Vec<Token>>,
}

/// The lines of a text without their terminators (`\n` or `\r\n`). A text ending with a
/// newline has no empty last line; an empty text has one empty line.
pub fn lines(text: &str) -> Vec<&str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    body.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

struct Engine {
    syntaxes: SyntaxSet,
    dark: Theme,
    light: Theme,
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut themes = ThemeSet::load_defaults().themes;
        Engine {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            dark: themes.remove("base16-ocean.dark").unwrap_or_default(),
            light: themes.remove("InspiredGitHub").unwrap_or_default(),
        }
    })
}

/// Highlights Python source. Never fails: what syntect cannot colour stays plain.
pub fn highlight_python(source: &str, dark: bool) -> Highlighted {
    let engine = engine();
    let theme = if dark { &engine.dark } else { &engine.light };
    let syntax = engine
        .syntaxes
        .find_syntax_by_extension("py")
        .unwrap_or_else(|| engine.syntaxes.find_syntax_plain_text());
    let mut highlighter = HighlightLines::new(syntax, theme);
    let mut out = Vec::new();
    let mut failed = false;
    for line in lines(source) {
        if failed || line.len() > MAX_HIGHLIGHT_LINE {
            out.push(Vec::new());
            continue;
        }
        let with_newline = format!("{line}\n");
        match highlighter.highlight_line(&with_newline, &engine.syntaxes) {
            Ok(regions) => {
                let mut tokens = Vec::with_capacity(regions.len());
                let mut start = 0;
                for (style, text) in regions {
                    let end = (start + text.len()).min(line.len());
                    if end > start {
                        let c = style.foreground;
                        tokens.push(Token {
                            range: start..end,
                            color: Color32::from_rgb(c.r, c.g, c.b),
                            italic: style.font_style.contains(FontStyle::ITALIC),
                            bold: style.font_style.contains(FontStyle::BOLD),
                        });
                    }
                    start += text.len();
                }
                out.push(tokens);
            }
            Err(_) => {
                failed = true;
                out.push(Vec::new());
            }
        }
    }
    Highlighted { lines: out }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    text: u64,
    dark: bool,
}

enum Slot {
    Pending,
    Ready(Arc<Highlighted>),
}

/// Requests to the highlighting thread, and its answers.
type Worker = (Sender<(Key, String)>, Receiver<(Key, Highlighted)>);

/// The cache and, unless synchronous, the worker that fills it.
pub struct Highlighter {
    cache: HashMap<Key, Slot>,
    synchronous: bool,
    worker: Option<Worker>,
}

impl Highlighter {
    pub fn new(synchronous: bool) -> Self {
        Highlighter {
            cache: HashMap::new(),
            synchronous,
            worker: None,
        }
    }

    /// The highlighted text, or `None` while it is being computed (a repaint follows).
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        source: &str,
        dark: bool,
    ) -> Option<Arc<Highlighted>> {
        let key = Key {
            text: hash(source),
            dark,
        };
        match self.cache.get(&key) {
            Some(Slot::Ready(h)) => return Some(Arc::clone(h)),
            Some(Slot::Pending) => return None,
            None => {}
        }
        if self.synchronous {
            let h = Arc::new(highlight_python(source, dark));
            self.cache.insert(key, Slot::Ready(Arc::clone(&h)));
            return Some(h);
        }
        if self.request(ctx, key, source) {
            self.cache.insert(key, Slot::Pending);
            None
        } else {
            // No worker thread: highlight inline.
            let h = Arc::new(highlight_python(source, dark));
            self.cache.insert(key, Slot::Ready(Arc::clone(&h)));
            Some(h)
        }
    }

    /// Asks for a text ahead of time (the neighbours of the selected cell).
    pub fn prefetch(&mut self, ctx: &egui::Context, source: &str, dark: bool) {
        if !self.synchronous {
            let _ = self.get(ctx, source, dark);
        }
    }

    /// Takes finished results; call once a frame.
    pub fn poll(&mut self) {
        let Some((_, rx)) = &self.worker else { return };
        let done: Vec<(Key, Highlighted)> = rx.try_iter().collect();
        for (key, h) in done {
            self.cache.insert(key, Slot::Ready(Arc::new(h)));
        }
    }

    pub fn clear(&mut self) {
        // Pending results still arrive and are simply cached again.
        self.cache.retain(|_, slot| matches!(slot, Slot::Pending));
    }

    fn request(&mut self, ctx: &egui::Context, key: Key, source: &str) -> bool {
        if self.worker.is_none() {
            let (req_tx, req_rx) = channel::<(Key, String)>();
            let (res_tx, res_rx) = channel();
            let ctx = ctx.clone();
            let started = std::thread::Builder::new()
                .name("pyarch-highlight".into())
                .spawn(move || {
                    for (key, text) in req_rx {
                        let h = highlight_python(&text, key.dark);
                        if res_tx.send((key, h)).is_err() {
                            break;
                        }
                        ctx.request_repaint();
                    }
                });
            if started.is_err() {
                return false;
            }
            self.worker = Some((req_tx, res_rx));
        }
        match &self.worker {
            Some((tx, _)) => tx.send((key, source.to_string())).is_ok(),
            None => false,
        }
    }
}

fn hash(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_drop_terminators() {
        assert_eq!(lines("a\r\nb\n"), ["a", "b"]);
        assert_eq!(lines(""), [""]);
        assert_eq!(lines("a\n\n"), ["a", ""]);
    }

    #[test]
    fn tokens_cover_the_line() {
        let h = highlight_python("x = 1  # 한글\nprint(x)", true);
        assert_eq!(h.lines.len(), 2);
        let first = &h.lines[0];
        assert_eq!(first.first().map(|t| t.range.start), Some(0));
        assert_eq!(
            first.last().map(|t| t.range.end),
            Some("x = 1  # 한글".len())
        );
    }
}
