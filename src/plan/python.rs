//! Small Python helpers for the planner and renderer: identifiers, keywords, PyPI
//! names, and slicing statement text out of a cell. Pure.

use crate::model::CellModel;
use std::ops::Range;

pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", "match", "case", "type", "_",
];

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
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

/// The PyPI distribution for a top-level import, or `None` for the standard library.
pub fn pypi_name(module: &str) -> Option<String> {
    if STDLIB.contains(&module) || module.is_empty() || module.starts_with('_') {
        return None;
    }
    let mapped = match module {
        "sklearn" => "scikit-learn",
        "cv2" => "opencv-python",
        "PIL" => "Pillow",
        "yaml" => "PyYAML",
        "bs4" => "beautifulsoup4",
        "skimage" => "scikit-image",
        "mpl_toolkits" => "matplotlib",
        "IPython" => "ipython",
        "dateutil" => "python-dateutil",
        "Bio" => "biopython",
        "google" => "google",
        "tensorflow_hub" => "tensorflow-hub",
        "attr" => "attrs",
        "dotenv" => "python-dotenv",
        "docx" => "python-docx",
        "fitz" => "PyMuPDF",
        other => other,
    };
    Some(mapped.to_string())
}

/// Top-level standard library modules (enough for notebooks).
pub const STDLIB: &[&str] = &[
    "abc",
    "argparse",
    "array",
    "ast",
    "asyncio",
    "base64",
    "bisect",
    "builtins",
    "bz2",
    "calendar",
    "cmath",
    "codecs",
    "collections",
    "concurrent",
    "configparser",
    "contextlib",
    "copy",
    "csv",
    "ctypes",
    "dataclasses",
    "datetime",
    "decimal",
    "difflib",
    "dis",
    "email",
    "enum",
    "errno",
    "fnmatch",
    "fractions",
    "functools",
    "gc",
    "getpass",
    "gettext",
    "glob",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "imaplib",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "math",
    "mimetypes",
    "multiprocessing",
    "numbers",
    "operator",
    "os",
    "pathlib",
    "pickle",
    "pkgutil",
    "platform",
    "pprint",
    "profile",
    "pstats",
    "queue",
    "random",
    "re",
    "reprlib",
    "sched",
    "secrets",
    "select",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "socket",
    "sqlite3",
    "ssl",
    "stat",
    "statistics",
    "string",
    "struct",
    "subprocess",
    "sys",
    "sysconfig",
    "tarfile",
    "tempfile",
    "textwrap",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "traceback",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uuid",
    "warnings",
    "weakref",
    "webbrowser",
    "xml",
    "zipfile",
    "zlib",
    "zoneinfo",
    "__future__",
    "cPickle",
    "urllib2",
    "StringIO",
    "cStringIO",
    "Queue",
    "ConfigParser",
];

/// The byte range of a run of top-level statements, widened to whole lines when
/// nothing else shares them, plus the comment lines directly above the first.
pub fn statement_span(
    source: &str,
    first: &Range<usize>,
    last: &Range<usize>,
    prev_end: usize,
) -> Range<usize> {
    let bytes = source.as_bytes();
    let clamp = |i: usize| i.min(source.len());
    let (s, e) = (clamp(first.start), clamp(last.end.max(first.start)));
    let line_start = source[..s].rfind('\n').map_or(0, |i| i + 1);
    let mut start = if source[line_start..s].trim().is_empty() {
        line_start
    } else {
        s
    };
    // Comment lines directly above (not above the previous statement's end).
    if start == line_start {
        let mut cursor = start;
        while cursor > prev_end && cursor > 0 {
            let prev_line_start = source[..cursor - 1].rfind('\n').map_or(0, |i| i + 1);
            if prev_line_start < prev_end {
                break;
            }
            let line = source[prev_line_start..cursor - 1].trim();
            if line.starts_with('#') {
                cursor = prev_line_start;
            } else {
                break;
            }
        }
        start = cursor;
    }
    let line_end = source[e..].find('\n').map_or(source.len(), |i| e + i);
    let rest = source[e..line_end].trim();
    let end = if rest.is_empty() || rest.starts_with('#') {
        line_end
    } else {
        e
    };
    let _ = bytes;
    start..end
}

/// The text of `span` in the cell, with IPython magics inside it replaced by Python
/// (`pass` or `None`, with the magic kept as a comment), re-indented by `indent`
/// (lines that start inside a multi-line string are left alone).
pub fn cell_text(cell: &CellModel, source: &str, span: Range<usize>, indent: &str) -> String {
    let span = span.start.min(source.len())..span.end.min(source.len());
    // Replace magics (ranges in cell coordinates), back to front.
    let mut pieces: Vec<(Range<usize>, String)> = Vec::new();
    for m in &cell.masked.magics {
        if m.range.start >= span.start && m.range.end <= span.end && m.range.start < m.range.end {
            let line_start = source[..m.range.start].rfind('\n').map_or(0, |i| i + 1);
            let before = &source[line_start..m.range.start];
            let original: String = source[m.range.clone()]
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ");
            let replacement = if before.trim().is_empty() {
                format!("pass  # dropped IPython: {original}")
            } else {
                format!("None  # dropped IPython: {original}")
            };
            pieces.push((m.range.clone(), replacement));
        }
    }
    pieces.sort_by_key(|(r, _)| r.start);
    // Strings that span lines, to keep their inner lines unindented.
    let strings: Vec<Range<usize>> = cell
        .statements
        .iter()
        .flat_map(|s| s.facts.strings.iter().map(|x| x.range.clone()))
        .filter(|r| r.start >= span.start && r.end <= span.end && source[r.clone()].contains('\n'))
        .collect();
    let mut out = String::new();
    let mut cursor = span.start;
    let mut at_line_start = true;
    let mut line_begin = span.start;
    let push_text = |out: &mut String,
                     text: &str,
                     at_line_start: &mut bool,
                     line_begin: &mut usize,
                     base: usize| {
        for (i, ch) in text.char_indices() {
            if *at_line_start {
                *line_begin = base + i;
                let offset = base + i;
                let inside_string = strings.iter().any(|r| offset > r.start && offset < r.end);
                if ch != '\n' && ch != '\r' && !inside_string {
                    out.push_str(indent);
                }
                *at_line_start = false;
            }
            if ch == '\r' {
                continue;
            }
            out.push(ch);
            if ch == '\n' {
                *at_line_start = true;
            }
        }
    };
    for (range, replacement) in &pieces {
        if range.start < cursor {
            continue;
        }
        push_text(
            &mut out,
            &source[cursor..range.start],
            &mut at_line_start,
            &mut line_begin,
            cursor,
        );
        push_text(
            &mut out,
            replacement,
            &mut at_line_start,
            &mut line_begin,
            range.start,
        );
        cursor = range.end;
    }
    push_text(
        &mut out,
        &source[cursor..span.end],
        &mut at_line_start,
        &mut line_begin,
        cursor,
    );
    let _ = line_begin;
    // Trailing whitespace per line.
    let mut cleaned: String = out
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    while cleaned.ends_with('\n') {
        cleaned.pop();
    }
    cleaned
}

/// Every line of `text` commented out (for cells that cannot be parsed).
pub fn commented(text: &str, indent: &str) -> String {
    text.lines()
        .map(|l| format!("{indent}# {}", l.trim_end()).trim_end().to_string())
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

/// Text safe inside a triple-quoted docstring or a comment.
pub fn doc_safe(text: &str) -> String {
    text.replace('\\', "/")
        .replace("\"\"\"", "'''")
        .replace(['\r', '\n'], " ")
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
}
