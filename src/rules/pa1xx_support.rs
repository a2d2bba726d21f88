//! Shared helpers for the hidden-state (PA1xx) and portability (PA301, PA302) rules:
//! building findings with cell positions, and small name and text utilities.
//! Not a rule: it has no registry entry.

use crate::model::NotebookModel;
use crate::syntax::StmtKind;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub use super::support::finding;

/// The byte range of a cell's first line with code on it (not blank, not a comment);
/// the first line when there is none.
pub fn first_code_line(source: &str) -> Range<usize> {
    let mut start = 0;
    let mut first: Option<Range<usize>> = None;
    for line in source.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let range = start..start + text.len();
        first.get_or_insert(range.clone());
        let trimmed = text.trim_start();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            let indent = text.len() - trimmed.len();
            return start + indent..range.end;
        }
        start += line.len();
    }
    first.unwrap_or(0..0)
}

/// True when a cell has something besides blank lines and comments.
pub fn has_code(source: &str) -> bool {
    source.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// The first occurrence of `name` as a whole identifier in `source[range]`, skipping
/// strings and comments only approximately (good enough to place a marker).
pub fn find_identifier(source: &str, range: Range<usize>, name: &str) -> Option<Range<usize>> {
    let end = range.end.min(source.len());
    let start = range.start.min(end);
    let hay = source.get(start..end)?;
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(pos) = hay[from..].find(name) {
        let at = from + pos;
        let before = hay[..at].chars().next_back();
        let after = hay[at + name.len()..].chars().next();
        let line_start = hay[..at].rfind('\n').map_or(0, |i| i + 1);
        let in_comment = hay[line_start..at].contains('#');
        if !before.is_some_and(is_ident)
            && !after.is_some_and(is_ident)
            && !in_comment
            && before != Some('.')
        {
            return Some(start + at..start + at + name.len());
        }
        from = at + name.len();
    }
    None
}

/// Inside a `def`/`class` statement, skips the header line so a global is found in
/// the body rather than in a parameter of the same name.
pub fn body_range(source: &str, range: Range<usize>) -> Range<usize> {
    let end = range.end.min(source.len());
    let start = range.start.min(end);
    // The header ends on the first line (after decorators) that ends with `:`.
    let mut at = start;
    for line in source[start..end].split_inclusive('\n') {
        at += line.len();
        let code = line.split('#').next().unwrap_or(line).trim_end();
        if !line.trim_start().starts_with('@') && code.ends_with(':') {
            return at.min(end)..end;
        }
    }
    start..end
}

/// Names the notebook binds with imports, `def` and `class` anywhere: modules,
/// functions and classes rather than data.
pub fn code_names(model: &NotebookModel) -> HashSet<String> {
    let mut out = HashSet::new();
    for (_, stmt) in model.statements() {
        for import in &stmt.facts.imports {
            if import.local != "*" {
                out.insert(import.local.clone());
            }
        }
        if matches!(stmt.facts.kind, StmtKind::FunctionDef | StmtKind::ClassDef) {
            if let Some(name) = &stmt.facts.def_name {
                out.insert(name.clone());
            }
        }
    }
    out
}

/// Name → the cells (indices among all cells, notebook order, no repeats) whose
/// statements bind it at module scope.
pub fn binding_cells(model: &NotebookModel) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    for (cell, stmt) in model.statements() {
        for name in stmt.facts.defines.iter().chain(&stmt.facts.global_writes) {
            let cells = out.entry(name.clone()).or_default();
            if cells.last() != Some(&cell.index) {
                cells.push(cell.index);
            }
        }
    }
    out
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_natural(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// `a`, `` `a` `` and `` `a`, `b` and `c` `` for messages.
pub fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    join_natural(&quoted)
}

/// `cell 3`, `cells 3 and 5`, `cells 3, 5 and 8`; past eight cells,
/// `cells 1, 2, 3, 4, 5, 6 and 9 more`.
pub fn cell_list(cells: &[usize]) -> String {
    let mut shown: Vec<String> = cells.iter().take(6).map(|c| c.to_string()).collect();
    if cells.len() > 8 {
        shown.push(format!("{} more", cells.len() - 6));
    } else {
        shown.extend(cells.iter().skip(6).map(|c| c.to_string()));
    }
    match shown.len() {
        0 => String::new(),
        1 => format!("cell {}", shown[0]),
        _ => format!("cells {}", join_natural(&shown)),
    }
}

/// A configuration constant: an UPPER_CASE name with at least two letters (`X` is
/// a feature matrix, not a constant).
pub fn is_constant_name(name: &str) -> bool {
    name.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_code_line_skips_comments() {
        let s = "# note\n\n  x = 1\ny";
        assert_eq!(&s[first_code_line(s)], "x = 1");
        assert_eq!(first_code_line(""), 0..0);
    }

    #[test]
    fn identifiers_are_whole_words() {
        let s = "def f(a):\n    # features here\n    return a.features + features_2 + features\n";
        let r = find_identifier(s, 0..s.len(), "features").unwrap();
        assert_eq!(r.start, s.rfind("features").unwrap());
    }

    #[test]
    fn body_starts_after_the_header() {
        let s = "@cache\ndef f(a,\n      b):   \n  return g\n";
        assert_eq!(&s[body_range(s, 0..s.len())], "  return g\n");
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(
            quoted_list(&["a".into(), "b".into(), "c".into()]),
            "`a`, `b` and `c`"
        );
        assert_eq!(cell_list(&[3, 5]), "cells 3 and 5");
        assert_eq!(
            cell_list(&(1..=10).collect::<Vec<_>>()),
            "cells 1, 2, 3, 4, 5, 6 and 4 more"
        );
        assert!(is_constant_name("DATA_DIR2"));
        assert!(!is_constant_name("X"));
        assert!(!is_constant_name("_"));
    }
}
