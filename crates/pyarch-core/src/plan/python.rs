//! Small Python helpers for the planner and renderer: identifiers, keywords, PyPI
//! names, and slicing statement text out of a cell. Pure.

use crate::model::CellModel;
use crate::syntax;
use crate::syntax::lex::{self, Token, TokenKind};
use std::ops::Range;

pub use crate::knowledge::packages::pypi_name;

/// Hard and soft keywords: names the export never gives a variable or function.
pub fn is_keyword(name: &str) -> bool {
    syntax::is_keyword(name) || syntax::is_soft_keyword(name)
}

pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && !is_keyword(name)
}

/// `"Feature engineering (v2)!"` → `feature_engineering_v2`. ASCII only; may be empty.
pub fn snake(text: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        }
    }
    let trimmed = out.trim_matches('_');
    let trimmed = trimmed.trim_start_matches(|c: char| c.is_ascii_digit() || c == '_');
    trimmed.to_string()
}

/// A safe Python package name from anything (a file stem, a user's `--package`).
pub fn package_name(raw: &str) -> String {
    let name = snake(raw);
    let name: String = name.chars().take(60).collect();
    let name = name.trim_end_matches('_').to_string();
    if name.is_empty() || !is_identifier(&name) {
        "notebook_pkg".into()
    } else {
        name
    }
}

pub fn camel(name: &str) -> String {
    name.split('_')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// Python's line breaks, as its tokenizer reads them: `\r\n`, `\n` and a lone `\r`. Like
/// [`str::lines`] (no empty last line after a final break), but `str::lines` keeps a lone
/// `\r` inside a line.
pub fn split_lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&text[start..i]);
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push(&text[start..i]);
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(&text[start..]);
    }
    out
}

/// The number of Python line breaks in `text` (`\r\n` counts once).
pub fn count_line_breaks(text: &str) -> usize {
    text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count()
}

/// The start of the line that holds byte `i`.
fn line_start(text: &str, i: usize) -> usize {
    text[..i].rfind(['\n', '\r']).map_or(0, |j| j + 1)
}

/// The offset of the line break that ends the line holding byte `i` (or the end).
fn line_end(text: &str, i: usize) -> usize {
    text[i..].find(['\n', '\r']).map_or(text.len(), |j| i + j)
}

/// The start of the line break that ends just before `i` (a line start), or `None`.
fn break_before(text: &str, i: usize) -> Option<usize> {
    let before = &text[..i];
    if before.ends_with("\r\n") {
        Some(i - 2)
    } else if before.ends_with(['\n', '\r']) {
        Some(i - 1)
    } else {
        None
    }
}

/// The byte range of a run of top-level statements, widened to whole lines when
/// nothing else shares them, plus the comment lines directly above the first.
pub fn statement_span(
    source: &str,
    first: &Range<usize>,
    last: &Range<usize>,
    prev_end: usize,
) -> Range<usize> {
    let clamp = |i: usize| i.min(source.len());
    let (s, e) = (clamp(first.start), clamp(last.end.max(first.start)));
    let first_line = line_start(source, s);
    let mut start = if source[first_line..s].trim().is_empty() {
        first_line
    } else {
        s
    };
    // Comment lines directly above (not above the previous statement's end).
    if start == first_line {
        let mut cursor = start;
        while cursor > prev_end {
            let Some(line_break) = break_before(source, cursor) else {
                break;
            };
            let prev_line_start = line_start(source, line_break);
            if prev_line_start < prev_end {
                break;
            }
            if source[prev_line_start..line_break].trim().starts_with('#') {
                cursor = prev_line_start;
            } else {
                break;
            }
        }
        start = cursor;
    }
    let last_line_end = line_end(source, e);
    let rest = source[e..last_line_end].trim();
    let end = if rest.is_empty() || rest.starts_with('#') {
        last_line_end
    } else {
        e
    };
    start..end
}

/// A simple annotated assignment (`name: annotation` or `name: annotation = value`) found
/// by [`scan`], at the scope of the scanned code (not in a `def` or `class` body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated {
    pub name: String,
    /// The start of the statement (the name).
    pub start: usize,
    pub name_end: usize,
    /// The `=` before the value, if any.
    pub equals: Option<usize>,
    /// The end of the statement's last token (before a `;`, a comment or the line break).
    pub end: usize,
}

/// What [`scan`] finds in Python source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scanned {
    /// Every string literal, prefix and quotes included, in order.
    pub strings: Vec<Range<usize>>,
    pub annotated: Vec<Annotated>,
}

/// A lexical scan of `span` of `text` (valid Python, or masked IPython with the same
/// offsets), which starts and ends between statements: the string literals, whatever the
/// model records (bytes, f-strings, long strings), and the simple annotated assignments at
/// the outer scope, read from the one tokenizer's logical lines ([`lex::logical_lines`]).
pub fn scan(text: &str, span: Range<usize>) -> Scanned {
    let mut out = Scanned::default();
    // Indentation columns of the `def` and `class` statements whose bodies we are in.
    let mut scopes: Vec<usize> = Vec::new();
    for line in lex::logical_lines(text, span) {
        let strings = line.tokens.iter().filter(|t| t.kind == TokenKind::String);
        out.strings.extend(strings.map(|t| t.range.clone()));
        while scopes.last().is_some_and(|&s| s >= line.indent) {
            scopes.pop();
        }
        let mut rest = line.tokens.as_slice();
        while !rest.is_empty() {
            let statement = SimpleStatement::read(text, rest, !scopes.is_empty());
            if statement.opens_scope {
                scopes.push(line.indent);
            }
            out.annotated.extend(statement.annotated);
            rest = &rest[statement.len..];
        }
    }
    out
}

/// One simple statement of a logical line, or a compound statement's header: it ends at
/// a `;`, at the header's colon, or with the line.
struct SimpleStatement {
    /// Its tokens, with the `;` or colon that ends it.
    len: usize,
    /// A `def` or `class`: the lines indented deeper are its body.
    opens_scope: bool,
    annotated: Option<Annotated>,
}

impl SimpleStatement {
    /// Reads the statement at the start of `tokens`; `in_scope`: inside a `def` or
    /// `class` body, where annotated assignments are not looked for.
    fn read(text: &str, tokens: &[Token], in_scope: bool) -> SimpleStatement {
        let word = |i: usize| {
            tokens
                .get(i)
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| &text[t.range.clone()])
        };
        // `async def`, `async for`, `async with`: the next word decides.
        let first = usize::from(word(0) == Some("async") && word(1).is_some());
        let mut header = false;
        let mut opens_scope = false;
        let mut annotated = None;
        if let Some(name) = word(first).filter(|_| !in_scope) {
            let colon = tokens.get(first + 1).is_some_and(|t| t.is_punct(text, ':'))
                && !adjacent_punct(text, tokens, first + 2, '=');
            match name {
                "def" | "class" => opens_scope = true,
                // A compound statement's header (`def`, `class` and `async` are above);
                // `match` and `case` are soft: `match: int` annotates.
                w if lex::COMPOUND_KEYWORDS.contains(&w) && w != "async"
                    || matches!(w, "match" | "case") && !colon =>
                {
                    header = true;
                }
                w if colon && !syntax::is_keyword(w) => {
                    let range = &tokens[first].range;
                    annotated = Some(Annotated {
                        name: w.to_string(),
                        start: range.start,
                        name_end: range.end,
                        equals: None,
                        end: range.end,
                    });
                }
                _ => {}
            }
        }
        let (len, equals) = statement_end(text, tokens, first + 1, header);
        if let Some(a) = annotated.as_mut() {
            a.equals = equals;
            let last = tokens[..len].iter().rev().find(|t| !t.is_punct(text, ';'));
            a.end = last.map_or(a.name_end, |t| t.range.end).max(a.name_end);
        }
        SimpleStatement {
            len,
            opens_scope,
            annotated,
        }
    }
}

/// Where the statement whose tokens start at `tokens[0]` ends, reading from `from`: the
/// number of its tokens (with the `;` or, in a `header`, the colon that ends it), and the
/// offset of its first assignment `=` at depth 0 outside lambdas.
fn statement_end(
    text: &str,
    tokens: &[Token],
    from: usize,
    header: bool,
) -> (usize, Option<usize>) {
    let (mut depth, mut lambdas, mut equals) = (0usize, 0usize, None);
    let mut i = from;
    while i < tokens.len() {
        let token = &tokens[i];
        i += 1;
        match (token.kind, &text[token.range.clone()]) {
            (TokenKind::Word, "lambda") if depth == 0 => lambdas += 1,
            (TokenKind::Punct, "(" | "[" | "{") => depth += 1,
            (TokenKind::Punct, ")" | "]" | "}") => depth = depth.saturating_sub(1),
            (TokenKind::Punct, ":") if depth == 0 => {
                if adjacent_punct(text, tokens, i, '=') {
                    i += 1; // `:=`
                } else if lambdas > 0 {
                    lambdas -= 1;
                } else if header {
                    return (i, equals);
                }
            }
            (TokenKind::Punct, "=") if depth == 0 => {
                if adjacent_punct(text, tokens, i, '=') {
                    i += 1; // `==`
                } else if lambdas == 0 && !follows_comparison(text, tokens, i - 1) {
                    equals.get_or_insert(token.range.start);
                }
            }
            (TokenKind::Punct, ";") if depth == 0 => return (i, equals),
            _ => {}
        }
    }
    (tokens.len(), equals)
}

/// True when `tokens[i]` is the punctuation `c` right after the token before it.
fn adjacent_punct(text: &str, tokens: &[Token], i: usize, c: char) -> bool {
    match (i.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(i)) {
        (Some(prev), Some(t)) => t.is_punct(text, c) && t.range.start == prev.range.end,
        _ => false,
    }
}

/// True when the `=` at `tokens[i]` ends `<=`, `>=` or `!=`.
fn follows_comparison(text: &str, tokens: &[Token], i: usize) -> bool {
    ['<', '>', '!'].iter().any(|&c| {
        i.checked_sub(1).is_some_and(|p| {
            tokens[p].is_punct(text, c) && tokens[p].range.end == tokens[i].range.start
        })
    })
}

/// Copies cell text to the export, re-indented: Python line breaks become `\n`; lines
/// that start with the cell's IPython `leading_indent` lose it (strings included, as in
/// IPython); lines that start outside a string get `indent`, and lose a form feed from
/// their indentation (a form feed resets Python's column count, so `indent` would be lost
/// after it); lines that end outside a string lose trailing whitespace. Lines inside
/// multi-line strings are data and are otherwise kept as they are.
struct Reindent<'a> {
    indent: &'a str,
    strings: &'a [Range<usize>],
    source: &'a str,
    /// See [`crate::ipython::leading_indent`].
    dedent: &'a str,
    out: String,
    at_line_start: bool,
    /// The next character starts a line that may start with `dedent`.
    check_dedent: bool,
    /// Characters before this offset are the `dedent` being removed.
    skip_until: usize,
    /// The indentation read so far of a line that gets `indent`.
    leading: Option<String>,
    after_cr: bool,
}

impl Reindent<'_> {
    fn inside_string(&self, offset: usize) -> bool {
        let i = self.strings.partition_point(|r| r.end <= offset);
        self.strings
            .get(i)
            .is_some_and(|r| offset > r.start && offset < r.end)
    }

    /// `text`, which starts at `offset` in the cell (replacements: at the replaced range).
    fn push(&mut self, text: &str, offset: usize) {
        for (i, ch) in text.char_indices() {
            let ch = match ch {
                '\n' if self.after_cr => {
                    self.after_cr = false;
                    continue;
                }
                '\r' => {
                    self.after_cr = true;
                    '\n'
                }
                ch => {
                    self.after_cr = false;
                    ch
                }
            };
            let at = offset + i;
            if at < self.skip_until {
                continue;
            }
            if std::mem::replace(&mut self.check_dedent, false)
                && !self.dedent.is_empty()
                && ch != '\n'
                && self
                    .source
                    .get(at..)
                    .is_some_and(|rest| rest.starts_with(self.dedent))
            {
                self.skip_until = at + self.dedent.len();
                continue;
            }
            if self.at_line_start {
                self.at_line_start = false;
                if ch != '\n' && !self.inside_string(at) {
                    self.leading = Some(String::new());
                }
            }
            if let Some(leading) = self.leading.as_mut() {
                match ch {
                    ' ' | '\t' => {
                        leading.push(ch);
                        continue;
                    }
                    '\x0c' => {
                        leading.clear();
                        continue;
                    }
                    '\n' => self.leading = None,
                    _ => {
                        self.out.push_str(self.indent);
                        self.out.push_str(leading);
                        self.leading = None;
                    }
                }
            }
            if ch == '\n' {
                if !self.inside_string(at) {
                    let kept = self.out.trim_end_matches([' ', '\t', '\x0c']).len();
                    self.out.truncate(kept);
                }
                self.at_line_start = true;
                self.check_dedent = true;
            }
            self.out.push(ch);
        }
    }
}

/// The text of `span` in the cell, with IPython magics inside it replaced by Python
/// (`pass` or `None`, with the magic kept as a comment), re-indented by `indent`
/// (lines that start inside a multi-line string are left alone). In a fallback cell
/// function, which declares `globals` global, annotated assignments of those names
/// become plain ones (`a: int = 5` → `a = 5`; `a: int` → `pass`): CPython refuses an
/// annotated name that is global. `replacements` (ranges of the cell) replace
/// the text they cover.
pub fn cell_text(
    cell: &CellModel,
    source: &str,
    span: Range<usize>,
    indent: &str,
    globals: &[String],
    replacements: &[(Range<usize>, String)],
) -> String {
    let span = span.start.min(source.len())..span.end.min(source.len());
    // Lexical facts from the masked text (same offsets, no IPython syntax).
    let masked = if cell.masked.text.len() == source.len() {
        cell.masked.text.as_str()
    } else {
        source
    };
    let scanned = scan(masked, span.clone());
    // Replacements (ranges in cell coordinates), in order.
    let mut pieces: Vec<(Range<usize>, String)> = Vec::new();
    for m in &cell.masked.magics {
        if m.range.start >= span.start && m.range.end <= span.end && m.range.start < m.range.end {
            let before = &source[line_start(source, m.range.start)..m.range.start];
            let original: String = split_lines(&source[m.range.clone()])
                .into_iter()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ");
            let original = comment_safe(&original);
            let replacement = if before.trim().is_empty() {
                format!("pass  # dropped IPython: {original}")
            } else {
                format!("None  # dropped IPython: {original}")
            };
            pieces.push((m.range.clone(), replacement));
        }
    }
    for a in &scanned.annotated {
        if !globals.contains(&a.name) {
            continue;
        }
        match a.equals {
            Some(equals) => pieces.push((a.name_end..equals, " ".into())),
            None => pieces.push((a.start..a.end, "pass".into())),
        }
    }
    pieces.extend(
        replacements
            .iter()
            .filter(|(r, _)| r.start >= span.start && r.end <= span.end)
            .cloned(),
    );
    pieces.sort_by_key(|(r, _)| r.start);
    let mut re = Reindent {
        indent,
        strings: &scanned.strings,
        source,
        dedent: crate::ipython::leading_indent(masked),
        out: String::new(),
        at_line_start: true,
        check_dedent: line_start(source, span.start) == span.start,
        skip_until: 0,
        leading: None,
        after_cr: false,
    };
    let mut cursor = span.start;
    for (range, replacement) in &pieces {
        if range.start < cursor {
            continue;
        }
        re.push(&source[cursor..range.start], cursor);
        re.push(replacement, range.start);
        cursor = range.end;
    }
    re.push(&source[cursor..span.end], cursor);
    // The span ends outside any string: trailing blank lines and whitespace go.
    let mut out = re.out;
    out.truncate(out.trim_end().len());
    out
}

/// The text of statements `stmts` of a cell, each with the comment lines directly above
/// it, as [`cell_text`] gives them; statements that follow each other keep one blank
/// line where the cell had one or more.
pub fn statements_text(
    cell: &CellModel,
    source: &str,
    stmts: &[usize],
    indent: &str,
    globals: &[String],
    replacements: &[(Range<usize>, String)],
) -> String {
    let mut out = String::new();
    let mut prev: Option<usize> = None;
    for &s in stmts {
        let Some(stmt) = cell.statements.get(s) else {
            continue;
        };
        let prev_end = if s == 0 {
            0
        } else {
            cell.statements[s - 1].facts.range.end.min(source.len())
        };
        let span = statement_span(source, &stmt.facts.range, &stmt.facts.range, prev_end);
        if let Some(p) = prev {
            out.push('\n');
            let p_end = cell.statements[p].facts.range.end.min(source.len());
            if p + 1 == s
                && source
                    .get(p_end..span.start)
                    .is_some_and(|gap| count_line_breaks(gap) >= 2)
            {
                out.push('\n');
            }
        }
        out.push_str(&cell_text(
            cell,
            source,
            span,
            indent,
            globals,
            replacements,
        ));
        prev = Some(s);
    }
    out
}

/// Text for a comment: no line breaks (Python's, `\r` included), and U+FFFD for NUL
/// bytes, which Python refuses anywhere in a source file.
pub fn comment_safe(text: &str) -> String {
    split_lines(text).join(" ").replace('\0', "\u{fffd}")
}

/// Every line of `text` commented out (for cells that cannot be parsed), split at
/// Python's line breaks, with NUL bytes as U+FFFD.
pub fn commented(text: &str, indent: &str) -> String {
    split_lines(text)
        .into_iter()
        .map(|l| {
            format!("{indent}# {}", l.replace('\0', "\u{fffd}"))
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A Python string literal for `text` (double quotes, escaped).
pub fn py_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text safe inside a triple-quoted docstring or a comment, wherever it is put: no
/// backslashes (a trailing one would escape the closing quotes), no `"""` and no `"` at
/// the end (`""""` closes early), no line breaks, U+FFFD for NUL bytes.
pub fn doc_safe(text: &str) -> String {
    let mut out = comment_safe(&text.replace('\\', "/")).replace("\"\"\"", "'''");
    if out.ends_with('"') {
        out.pop();
        out.push('\'');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            snake("Feature engineering (Feature engineering)"),
            "feature_engineering_feature_engineering"
        );
        assert_eq!(snake("데이터 불러오기"), "");
        assert_eq!(snake("FamilySize"), "family_size");
        assert_eq!(package_name("../../etc"), "etc");
        assert_eq!(package_name("03 getting-started"), "getting_started");
        assert_eq!(package_name("class"), "notebook_pkg");
        assert_eq!(package_name("한글"), "notebook_pkg");
        assert!(is_identifier("fill_missing_age"));
        assert!(!is_identifier("def"));
        assert_eq!(camel("train_model"), "TrainModel");
        assert_eq!(pypi_name("sklearn").as_deref(), Some("scikit-learn"));
        assert_eq!(pypi_name("os"), None);
    }

    #[test]
    fn python_line_breaks() {
        assert_eq!(split_lines("a\rb\r\nc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n\n"), ["a", ""]);
        assert_eq!(split_lines("\r"), [""]);
        assert!(split_lines("").is_empty());
        assert_eq!(count_line_breaks("a\rb\r\nc\n"), 3);
        assert_eq!(
            commented("x = 1\r\0y\r\n  z  \n", "  "),
            "  # x = 1\n  # \u{fffd}y\n  #   z"
        );
        // Comment lines above a statement, with `\r` line breaks.
        let src = "a = 1\r# one\r\n# two\rb = 2  # same line\rc = 3";
        let b = src.find("b =").unwrap();
        let span = statement_span(src, &(b..b + 5), &(b..b + 5), 5);
        assert_eq!(&src[span], "# one\r\n# two\rb = 2  # same line");
    }

    #[test]
    fn doc_and_comment_text() {
        assert_eq!(doc_safe("a\"\"\"b\\"), "a'''b/");
        assert_eq!(doc_safe("ends with \""), "ends with '");
        assert_eq!(doc_safe("x\r\ny\rz\0"), "x y z\u{fffd}");
        assert_eq!(comment_safe("p\rq\0"), "p q\u{fffd}");
    }

    fn annotated(text: &str) -> Vec<(String, &str)> {
        scan(text, 0..text.len())
            .annotated
            .iter()
            .map(|a| {
                let value = a.equals.map_or("", |e| text[e + 1..a.end].trim());
                (a.name.clone(), value)
            })
            .collect()
    }

    #[test]
    fn scan_finds_annotated_assignments_at_the_outer_scope() {
        let text = "a: int = 1\nb : 'x: y' = {'k': 2}; c: int  # no value\nif a: d: list = [3]\nelse:\n    e: int = 4\nclass C:\n    f: int = 5\n    def m(self):\n        g: int = 6\n    h: int = 7\ndef fn(x: int = 8) -> int: i: int = 9\nasync def af():\n    j: int = 10\nk: (lambda v=1: v) = len\nl = lambda: 11\nm: x == y = 12\nmatch: int = 13\n(n): int = 14\no = {1: 15}\np: dict[\n    str, int\n] = {}\nq \\\n  : int = 16\ns = '''\nt: int = 17'''\nu: int = 18";
        assert_eq!(
            annotated(text),
            [
                ("a".into(), "1"),
                ("b".into(), "{'k': 2}"),
                ("c".into(), ""),
                ("d".into(), "[3]"),
                ("e".into(), "4"),
                ("k".into(), "len"),
                ("m".into(), "12"),
                ("match".into(), "13"),
                ("p".into(), "{}"),
                ("q".into(), "16"),
                ("u".into(), "18"),
            ]
        );
    }

    #[test]
    fn scan_finds_every_string_literal() {
        let text = "a = rb'x\\'' + f\"{1}\" + '''y\n'''  # 'no'\nb = \"\"\"z\\\"\"\"\"\"\" if 1else U'w'\r\nc = 'open";
        let strings: Vec<&str> = scan(text, 0..text.len())
            .strings
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(
            strings,
            [
                "rb'x\\''",
                "f\"{1}\"",
                "'''y\n'''",
                "\"\"\"z\\\"\"\"\"",
                "\"\"",
                "U'w'",
                "'open"
            ]
        );
    }
}
