//! The one Python tokenizer outside the parser, and the one keyword list. It reads
//! any text, valid Python or not, and never fails: comments, whitespace and line
//! continuations are skipped; a string (with its prefix) is one token, and so is a
//! word or a number; any other character is a token of its own (`==` is two), so a
//! statement's shape counts the same whatever the spacing.

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

/// The tokens of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() || c == '\\' {
            i += 1;
            continue;
        }
        if c == '#' {
            while i < chars.len() && chars[i].1 != '\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        let kind = if let Some(end) = string_end(&chars, i) {
            i = end;
            TokenKind::String
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].1.is_alphanumeric() || chars[i].1 == '_') {
                i += 1;
            }
            TokenKind::Word
        } else if c.is_ascii_digit()
            || c == '.' && chars.get(i + 1).is_some_and(|d| d.1.is_ascii_digit())
        {
            while i < chars.len()
                && (chars[i].1.is_alphanumeric() || chars[i].1 == '.' || chars[i].1 == '_')
            {
                i += 1;
            }
            TokenKind::Number
        } else {
            i += 1;
            TokenKind::Punct
        };
        out.push(Token {
            kind,
            range: at(start)..at(i),
        });
    }
    out
}

/// When a string literal (with a prefix of at most two of `rRbBuUfF`) starts at char
/// `i`, the char index after it; an unterminated one-line string ends at the line's
/// end, any other at the end of the text.
fn string_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let prefix = chars[i..]
        .iter()
        .take(3)
        .take_while(|(_, c)| matches!(c, 'r' | 'R' | 'b' | 'B' | 'u' | 'U' | 'f' | 'F'))
        .count();
    let quote = chars.get(i + prefix)?.1;
    if prefix > 2 || !matches!(quote, '\'' | '"') {
        return None;
    }
    let is = |j: usize| chars.get(j).is_some_and(|&(_, c)| c == quote);
    let mut j = i + prefix;
    let triple = is(j + 1) && is(j + 2);
    j += if triple { 3 } else { 1 };
    while j < chars.len() {
        let c = chars[j].1;
        if c == '\\' {
            j += 2;
            continue;
        }
        if c == quote && (!triple || (is(j + 1) && is(j + 2))) {
            j += if triple { 3 } else { 1 };
            break;
        }
        if !triple && c == '\n' {
            break;
        }
        j += 1;
    }
    Some(j.min(chars.len()))
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
    }
}
