//! The one Python tokenizer outside the parser, and the one keyword list. It reads
//! any text, valid Python or masked IPython, and never fails: comments, whitespace and
//! line continuations are skipped; a string (with its prefix) is one token, and so is a
//! word or a number; any other character is a token of its own (`==` is two), so a
//! statement's shape counts the same whatever the spacing.
//!
//! Three views of the same [`Lexer`]: [`tokens`] (all of a text), [`Tokens`] (lazily,
//! from any offset), and [`logical_lines`] (Python's logical lines with their
//! indentation). [`Lexer::line`] lexes one physical line at a time, for callers that
//! decide line by line what is Python (the IPython masker). Line breaks are `\n`,
//! `\r\n` or `\r`, as in Python.

use std::ops::Range;

/// Python's hard keywords: never a name.
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Soft keywords: names everywhere except where the grammar gives them a meaning
/// (`match`, `case`, `type`, the wildcard `_`).
pub const SOFT_KEYWORDS: &[&str] = &["match", "case", "type", "_"];

/// Keywords that open a compound statement (`if x:`, `def f():`; `async` before `def`,
/// `for` or `with`).
pub const COMPOUND_KEYWORDS: &[&str] = &[
    "for", "while", "if", "elif", "else", "with", "def", "class", "try", "except", "finally",
    "async",
];

/// Keywords that join the operands of an expression (`not a`, `a if b else c`,
/// `lambda: x`, `await f()`, `yield x`).
pub const EXPRESSION_KEYWORDS: &[&str] = &[
    "not", "lambda", "await", "if", "else", "and", "or", "in", "is", "yield",
];

/// Keywords that can follow an operand in valid Python (`time if a else b`, `ls in x`,
/// `x for x in y`).
pub const INFIX_KEYWORDS: &[&str] = &["if", "else", "in", "is", "and", "or", "not", "for"];

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

pub fn is_soft_keyword(word: &str) -> bool {
    SOFT_KEYWORDS.contains(&word)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A name or a keyword.
    Word,
    /// A number literal (`1`, `0.5`, `1_000`, `0x1F`).
    Number,
    /// A string or bytes literal with its prefix (`rb'…'`, `f"…"`, `'''…'''`).
    String,
    /// Any other character: an operator, a bracket, a dot, a comma.
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte range in the text.
    pub range: Range<usize>,
}

impl Token {
    /// True for the punctuation token `c`.
    pub fn is_punct(&self, text: &str, c: char) -> bool {
        self.kind == TokenKind::Punct && text[self.range.clone()].starts_with(c)
    }
}

/// A physical line: `start..end` without its line break; the next line starts at `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhysicalLine {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

/// The physical lines of `text[span]`, lazily; a last line without a break counts when
/// not empty.
pub fn physical_lines(text: &str, span: Range<usize>) -> impl Iterator<Item = PhysicalLine> + '_ {
    let end = span.end.min(text.len());
    let mut start = span.start.min(end);
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        let line_end = line_end(text, start, end);
        let next = if line_end < end {
            line_end + line_break_len(text, line_end, end)
        } else {
            end
        };
        let line = PhysicalLine {
            start,
            end: line_end,
            next,
        };
        start = next;
        Some(line)
    })
}

/// A string literal still open at the end of a physical line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct OpenString {
    /// Where its token starts (the prefix).
    start: usize,
    quote: u8,
    triple: bool,
}

/// What the physical lines read so far leave open for the next one: brackets, a
/// string, a backslash continuation.
#[derive(Debug, Clone, Default)]
pub struct Lexer {
    depth: u32,
    string: Option<OpenString>,
    continued: bool,
}

impl Lexer {
    /// True when the next physical line starts a new logical line.
    pub fn at_logical_start(&self) -> bool {
        self.depth == 0 && self.string.is_none() && !self.continued
    }

    /// The tokens of the physical line `text[line]` (without its line break), lazily. A
    /// string left open (triple-quoted, or a backslash before the line break) is one
    /// token when it closes on a later line, or at [`Lexer::finish`].
    pub fn line<'a>(&'a mut self, text: &'a str, line: Range<usize>) -> LineTokens<'a> {
        self.continued = false;
        LineTokens {
            end: line.end.min(text.len()),
            pos: line.start,
            lexer: self,
            text,
        }
    }

    /// The token of a string left open at the end of the text (`end`).
    pub fn finish(&mut self, end: usize) -> Option<Token> {
        let open = self.string.take()?;
        Some(token(TokenKind::String, open.start..end.max(open.start)))
    }

    /// The next token before `end`, or `None` when the line is done.
    fn next_token(&mut self, text: &str, pos: &mut usize, end: usize) -> Option<Token> {
        let b = text.as_bytes();
        if let Some(open) = self.string {
            if let Some(token) = self.string_rest(b, open, pos, end) {
                return Some(token);
            }
        }
        while *pos < end {
            let i = *pos;
            let c = b[i];
            match c {
                b' ' | b'\t' | 0x0c => *pos += 1,
                b'#' => *pos = end,
                b'\\' => {
                    *pos += 1;
                    self.continued = *pos == end;
                }
                b'\'' | b'"' => return self.string_start(b, i, i, pos, end),
                c if c.is_ascii_digit()
                    || c == b'.' && i + 1 < end && b[i + 1].is_ascii_digit() =>
                {
                    *pos = word_end(text, i, end, true);
                    return Some(token(TokenKind::Number, i..*pos));
                }
                c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                    let word = word_end(text, i, end, false);
                    if word == i {
                        // Whitespace outside ASCII.
                        *pos += text[i..].chars().next().map_or(1, char::len_utf8);
                        continue;
                    }
                    if word < end && matches!(b[word], b'\'' | b'"') && is_prefix(&b[i..word]) {
                        return self.string_start(b, i, word, pos, end);
                    }
                    *pos = word;
                    return Some(token(TokenKind::Word, i..word));
                }
                _ => {
                    match c {
                        b'(' | b'[' | b'{' => self.depth = self.depth.saturating_add(1),
                        b')' | b']' | b'}' => self.depth = self.depth.saturating_sub(1),
                        _ => {}
                    }
                    *pos += 1;
                    return Some(token(TokenKind::Punct, i..i + 1));
                }
            }
        }
        None
    }

    /// Opens the string whose token starts at `start` and whose quote is at `quote`.
    fn string_start(
        &mut self,
        b: &[u8],
        start: usize,
        quote: usize,
        pos: &mut usize,
        end: usize,
    ) -> Option<Token> {
        let q = b[quote];
        let triple = quote + 2 < end && b[quote + 1] == q && b[quote + 2] == q;
        let open = OpenString {
            start,
            quote: q,
            triple,
        };
        self.string = Some(open);
        *pos = quote + if triple { 3 } else { 1 };
        self.string_rest(b, open, pos, end)
    }

    /// Reads the open string from `pos` to its closing quote, or to the line's end: a
    /// one-line string ends there unless a backslash escapes the line break. A
    /// backslash always takes the next character (raw strings too, as Python's
    /// tokenizer does).
    fn string_rest(
        &mut self,
        b: &[u8],
        open: OpenString,
        pos: &mut usize,
        end: usize,
    ) -> Option<Token> {
        let q = open.quote;
        let mut j = *pos;
        let mut escaped_break = false;
        while j < end {
            let c = b[j];
            if c == b'\\' {
                escaped_break = j + 1 >= end;
                j += 2;
                continue;
            }
            let close = if c != q {
                None
            } else if !open.triple {
                Some(j + 1)
            } else if j + 2 < end && b[j + 1] == q && b[j + 2] == q {
                Some(j + 3)
            } else {
                None
            };
            if let Some(close) = close {
                *pos = close;
                self.string = None;
                return Some(token(TokenKind::String, open.start..close));
            }
            j += 1;
        }
        *pos = end;
        if open.triple || escaped_break {
            return None;
        }
        self.string = None;
        Some(token(TokenKind::String, open.start..end))
    }
}

fn token(kind: TokenKind, range: Range<usize>) -> Token {
    Token { kind, range }
}

/// The end of the word (or number, with `.`) starting at `i`: ASCII letters, digits and
/// `_`, and any character outside ASCII that is not whitespace.
fn word_end(text: &str, i: usize, end: usize, number: bool) -> usize {
    let b = text.as_bytes();
    let mut j = i;
    while j < end {
        let c = b[j];
        if c.is_ascii_alphanumeric() || c == b'_' || (number && c == b'.') {
            j += 1;
        } else if c < 0x80 {
            break;
        } else {
            // Outside ASCII: decode the character (only here, to stay fast on ASCII).
            match text[j..].chars().next() {
                Some(ch) if !ch.is_whitespace() => j += ch.len_utf8(),
                _ => break,
            }
        }
    }
    j.min(end)
}

/// `r`, `b`, `f`, `u`, `rb`, `fr`, … before a quote.
fn is_prefix(word: &[u8]) -> bool {
    word.len() <= 2
        && word
            .iter()
            .all(|c| matches!(c.to_ascii_lowercase(), b'r' | b'b' | b'f' | b'u'))
}

/// The tokens of one physical line; see [`Lexer::line`].
pub struct LineTokens<'a> {
    lexer: &'a mut Lexer,
    text: &'a str,
    pos: usize,
    end: usize,
}

impl Iterator for LineTokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        self.lexer.next_token(self.text, &mut self.pos, self.end)
    }
}

/// The tokens of `text[span]`, lazily: a caller may stop early (an f-string's
/// replacement field ends at its closing brace) without lexing the rest.
pub struct Tokens<'a> {
    text: &'a str,
    lexer: Lexer,
    pos: usize,
    line_end: usize,
    end: usize,
    done: bool,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str, span: Range<usize>) -> Self {
        let end = span.end.min(text.len());
        let pos = span.start.min(end);
        Tokens {
            text,
            lexer: Lexer::default(),
            pos,
            line_end: line_end(text, pos, end),
            end,
            done: false,
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            if let Some(token) = self
                .lexer
                .next_token(self.text, &mut self.pos, self.line_end)
            {
                return Some(token);
            }
            if self.line_end >= self.end {
                let last = (!self.done).then(|| self.lexer.finish(self.end));
                self.done = true;
                return last.flatten();
            }
            self.pos = self.line_end + line_break_len(self.text, self.line_end, self.end);
            self.line_end = line_end(self.text, self.pos, self.end);
            self.lexer.continued = false;
        }
    }
}

/// The end of the physical line holding `from` (its line break, or `end`).
fn line_end(text: &str, from: usize, end: usize) -> usize {
    let bytes = &text.as_bytes()[from..end];
    bytes
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(end, |j| from + j)
}

/// The length of the line break at `at`: 2 for `\r\n`, else 1.
fn line_break_len(text: &str, at: usize, end: usize) -> usize {
    if text[at..end].starts_with("\r\n") {
        2
    } else {
        1
    }
}

/// The tokens of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    Tokens::new(text, 0..text.len()).collect()
}

/// A logical line: its tokens and the indentation column of its first physical line
/// (a tab advances to the next multiple of 8 and a form feed resets it, as in Python).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogicalLine {
    pub indent: usize,
    pub tokens: Vec<Token>,
}

/// The logical lines of `text[span]` that hold tokens (blank and comment lines hold
/// none); brackets, backslashes and strings join physical lines.
pub fn logical_lines(text: &str, span: Range<usize>) -> Vec<LogicalLine> {
    let mut lexer = Lexer::default();
    let mut out = Vec::new();
    let mut current = LogicalLine::default();
    for line in physical_lines(text, span.clone()) {
        if lexer.at_logical_start() {
            current.indent = column(&text[line.start..line.end]);
        }
        current
            .tokens
            .extend(lexer.line(text, line.start..line.end));
        if lexer.at_logical_start() && !current.tokens.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    current
        .tokens
        .extend(lexer.finish(span.end.min(text.len())));
    if !current.tokens.is_empty() {
        out.push(current);
    }
    out
}

/// The indentation column of a line (Python's rule: a tab advances to the next multiple
/// of 8, a form feed resets it).
pub fn column(line: &str) -> usize {
    let mut column = 0;
    for c in line.chars() {
        match c {
            ' ' => column += 1,
            '\t' => column = (column / 8 + 1) * 8,
            '\x0c' => column = 0,
            _ => break,
        }
    }
    column
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokens(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.range]))
            .collect()
    }

    #[test]
    fn words_numbers_strings_and_single_character_punctuation() {
        use TokenKind::*;
        assert_eq!(
            kinds("df['x'] = f(a, b=1.5) == rb'\\x00'  # note\n"),
            [
                (Word, "df"),
                (Punct, "["),
                (String, "'x'"),
                (Punct, "]"),
                (Punct, "="),
                (Word, "f"),
                (Punct, "("),
                (Word, "a"),
                (Punct, ","),
                (Word, "b"),
                (Punct, "="),
                (Number, "1.5"),
                (Punct, ")"),
                (Punct, "="),
                (Punct, "="),
                (String, "rb'\\x00'"),
            ]
        );
    }

    #[test]
    fn strings_end_where_python_ends_them() {
        use TokenKind::*;
        assert_eq!(
            kinds("'''a\n'b'''c"),
            [(String, "'''a\n'b'''"), (Word, "c")]
        );
        assert_eq!(kinds("'open\nx"), [(String, "'open"), (Word, "x")]);
        assert_eq!(
            kinds("f\"{x}\" .5 été"),
            [(String, "f\"{x}\""), (Number, ".5"), (Word, "été")]
        );
        // Three prefix letters are a word, not a prefix.
        assert_eq!(kinds("buf'x'"), [(Word, "buf"), (String, "'x'")]);
        assert_eq!(
            kinds("x = \\\n  1"),
            [(Word, "x"), (Punct, "="), (Number, "1")]
        );
    }

    #[test]
    fn one_keyword_list() {
        assert!(is_keyword("lambda") && is_keyword("None") && !is_keyword("match"));
        assert!(is_soft_keyword("match") && !is_soft_keyword("lambda"));
        assert_eq!(KEYWORDS.len(), 35);
        // The named groups are parts of the one list.
        for group in [COMPOUND_KEYWORDS, EXPRESSION_KEYWORDS, INFIX_KEYWORDS] {
            assert!(group.iter().all(|k| is_keyword(k)), "{group:?}");
        }
    }

    fn lines(text: &str) -> Vec<(usize, Vec<&str>)> {
        logical_lines(text, 0..text.len())
            .into_iter()
            .map(|l| {
                let tokens = l.tokens.iter().map(|t| &text[t.range.clone()]);
                (l.indent, tokens.collect())
            })
            .collect()
    }

    #[test]
    fn logical_lines_join_what_python_joins() {
        let text = "x = (1,\n  2)\n\n  # note\nif a:\r\n\ty = '''s\r\nt'''\r\n\x0c z = \\\n 3\rw";
        assert_eq!(
            lines(text),
            [
                (0, vec!["x", "=", "(", "1", ",", "2", ")"]),
                (0, vec!["if", "a", ":"]),
                (8, vec!["y", "=", "'''s\r\nt'''"]),
                (1, vec!["z", "=", "3"]),
                (0, vec!["w"]),
            ]
        );
        // A one-line string continues after an escaped line break; an unterminated
        // triple-quoted one runs to the end.
        assert_eq!(lines("s = 'a\\\nb'\n"), [(0, vec!["s", "=", "'a\\\nb'"])]);
        assert_eq!(lines("s = '''a\nb\n"), [(0, vec!["s", "=", "'''a\nb\n"])]);
    }

    #[test]
    fn line_by_line_lexing_keeps_what_lines_leave_open() {
        let text = "f(a,\nb) # (\n'''x\ny'''";
        let mut lexer = Lexer::default();
        let mut open = Vec::new();
        for line in physical_lines(text, 0..text.len()) {
            let count = lexer.line(text, line.start..line.end).count();
            open.push((count, lexer.at_logical_start()));
        }
        assert_eq!(open, [(4, false), (2, true), (0, false), (1, true)]);
    }

    #[test]
    fn lazy_tokens_start_anywhere_and_stop_early() {
        let text = "f'{a + g(b)}: {c}'";
        let field: Vec<&str> = Tokens::new(text, 3..text.len())
            .take_while(|t| !t.is_punct(text, '}'))
            .map(|t| &text[t.range])
            .collect();
        assert_eq!(field, ["a", "+", "g", "(", "b", ")"]);
    }
}
