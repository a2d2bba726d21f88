//! The user's overrides, keyed so that they stay on their cell when the notebook
//! changes on disk and is reloaded.
//!
//! A cell is found again by its nbformat id when it has one that is unique in the
//! notebook (nbformat ≥ 4.5). Without an id, or when the ids were regenerated, it is
//! found by its source (a hash of its text, and which of the cells with that text it
//! is). As a last resort, in a notebook without ids and with as many cells as before,
//! a cell whose text was edited in place is found by its position. A statement is
//! found again by its text within the cell. An override whose cell or statement
//! cannot be found is dropped and described for the user, never moved to another cell.

use super::document::title;
use crate::analysis::Analysis;
use crate::i18n::Message;
use crate::msg;
use crate::notebook::{CellKind, Notebook};
use crate::plan::{Destination, Override};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

/// FNV-1a: a hash that is the same in every run, so keys can be saved between runs
/// (std's `DefaultHasher` promises no such thing).
struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for StableHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// How to find a cell again in a changed notebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellKey {
    /// The nbformat id, when present and unique in the notebook.
    pub id: Option<String>,
    /// A hash of the kind and the text (line endings and trailing blanks ignored).
    pub source: u64,
    /// Which of the cells with this kind and text it is, from 0.
    pub nth: usize,
}

/// A hash of `text` that ignores line endings and trailing whitespace.
fn text_hash(kind: Option<CellKind>, text: &str) -> u64 {
    let mut h = StableHasher::default();
    kind.hash(&mut h);
    for line in text.trim_end().lines() {
        line.trim_end().hash(&mut h);
    }
    h.finish()
}

/// The key of every cell, in order.
pub fn cell_keys(notebook: &Notebook) -> Vec<CellKey> {
    let mut ids: Vec<&str> = notebook
        .cells
        .iter()
        .filter_map(|c| c.id.as_deref())
        .filter(|id| !id.is_empty())
        .collect();
    ids.sort_unstable();
    let unique = |id: &str| {
        let first = ids.partition_point(|x| *x < id);
        ids.get(first + 1) != Some(&id)
    };
    let hashes: Vec<u64> = notebook
        .cells
        .iter()
        .map(|c| text_hash(Some(c.kind), &c.source))
        .collect();
    notebook
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| CellKey {
            id: c
                .id
                .as_deref()
                .filter(|id| !id.is_empty() && unique(id))
                .map(str::to_string),
            source: hashes[i],
            nth: hashes[..i].iter().filter(|&&h| h == hashes[i]).count(),
        })
        .collect()
}

/// The text of each statement of a cell (empty when the cell has no model).
fn statement_texts(analysis: &Analysis, cell: usize) -> Vec<&str> {
    let source = analysis
        .notebook
        .cells
        .get(cell)
        .map_or("", |c| c.source.as_str());
    analysis.model.cell(cell).map_or_else(Vec::new, |m| {
        m.statements
            .iter()
            .map(|s| source.get(s.facts.range.clone()).unwrap_or(""))
            .collect()
    })
}

fn statement_hashes(analysis: &Analysis, cell: usize) -> Vec<u64> {
    statement_texts(analysis, cell)
        .into_iter()
        .map(|t| text_hash(None, t))
        .collect()
}

const WHAT_CHARS: usize = 60;

/// A user's destination for a cell or a statement, with what finds it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserOverride {
    /// Where it applies in the open notebook (index among all cells).
    pub cell: usize,
    pub statement: Option<usize>,
    pub destination: Destination,
    key: CellKey,
    /// The statement's text hash and which of the cell's statements with that text it is.
    statement_key: Option<(u64, usize)>,
    /// The cell or statement as the user knows it, for the notice when it is dropped.
    what: String,
}

impl UserOverride {
    /// An override of `cell` (or of one of its statements) in the open notebook;
    /// `None` when there is no such cell or statement.
    pub fn new(
        analysis: &Analysis,
        keys: &[CellKey],
        cell: usize,
        statement: Option<usize>,
        destination: Destination,
    ) -> Option<UserOverride> {
        let key = keys.get(cell)?.clone();
        let source = analysis.notebook.cells.get(cell)?;
        let (statement_key, what) = match statement {
            None => (None, title(source.kind, &source.source)),
            Some(i) => {
                let texts = statement_texts(analysis, cell);
                let text = *texts.get(i)?;
                let hash = text_hash(None, text);
                let nth = texts[..i]
                    .iter()
                    .filter(|t| text_hash(None, t) == hash)
                    .count();
                let first = text.lines().map(str::trim).find(|l| !l.is_empty());
                let mut shown: String = first.unwrap_or("").chars().take(WHAT_CHARS).collect();
                if first.is_some_and(|l| l.chars().count() > WHAT_CHARS) {
                    shown.push('…');
                }
                (Some((hash, nth)), shown)
            }
        };
        Some(UserOverride {
            cell,
            statement,
            destination,
            key,
            statement_key,
            what,
        })
    }

    pub fn to_plan(&self) -> Override {
        Override {
            cell: self.cell,
            statement: self.statement,
            destination: self.destination,
        }
    }

    /// For the user: “cell 3 “x = 1” → domain”, in the app's language.
    pub fn describe(&self) -> Message {
        let destination = self.destination.as_str();
        // Saved by an earlier version, `what` already names the cell, in English.
        if self.what.starts_with("cell ") {
            return msg!(
                "app-override-saved",
                what = self.what.as_str(),
                destination = destination
            );
        }
        match self.statement {
            None => msg!(
                "app-override-cell",
                cell = self.cell,
                what = self.what.as_str(),
                destination = destination
            ),
            Some(_) => msg!(
                "app-override-statement",
                cell = self.cell,
                what = self.what.as_str(),
                destination = destination
            ),
        }
    }
}

/// A notebook's overrides as saved between runs, with the cell keys they were made
/// against, so they can be carried over to the notebook as it is when reopened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedOverrides {
    /// Canonical path of the notebook.
    pub notebook: PathBuf,
    pub keys: Vec<CellKey>,
    pub overrides: Vec<UserOverride>,
}

/// Adds `new` to `list`: a later override for the same target replaces the earlier
/// one, and a whole-cell override replaces the cell's statement overrides.
pub fn insert(list: &mut Vec<UserOverride>, new: UserOverride) {
    list.retain(|o| {
        o.cell != new.cell || (new.statement.is_some() && o.statement != new.statement)
    });
    list.push(new);
}

/// The overrides of the notebook before a reload (`old_keys`), moved onto the cells
/// they were made for in the reloaded one. Returns those kept, in order, and the
/// descriptions of those dropped because their cell or statement is gone.
pub fn carry_over(
    overrides: Vec<UserOverride>,
    old_keys: &[CellKey],
    new: &Analysis,
    new_keys: &[CellKey],
) -> (Vec<UserOverride>, Vec<Message>) {
    let old_ids: HashSet<&str> = old_keys.iter().filter_map(|k| k.id.as_deref()).collect();
    let old_sources: HashSet<u64> = old_keys.iter().map(|k| k.source).collect();
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for o in overrides {
        let cell = find_cell(&o, old_keys, &old_ids, &old_sources, new_keys)
            .filter(|&i| new.model.cell(i).is_some());
        let Some(cell) = cell else {
            dropped.push(msg!("app-override-cell-gone", described = o.describe()));
            continue;
        };
        let statement = match o.statement_key {
            None => None,
            Some((hash, nth)) => {
                let found = statement_hashes(new, cell)
                    .into_iter()
                    .enumerate()
                    .filter(|&(_, h)| h == hash)
                    .nth(nth)
                    .map(|(j, _)| j);
                match found {
                    Some(j) => Some(j),
                    None => {
                        let changed =
                            msg!("app-override-statement-changed", described = o.describe());
                        dropped.push(changed);
                        continue;
                    }
                }
            }
        };
        let key = new_keys.get(cell).cloned().unwrap_or(o.key);
        insert(
            &mut kept,
            UserOverride {
                cell,
                statement,
                key,
                ..o
            },
        );
    }
    (kept, dropped)
}

fn find_cell(
    o: &UserOverride,
    old_keys: &[CellKey],
    old_ids: &HashSet<&str>,
    old_sources: &HashSet<u64>,
    new_keys: &[CellKey],
) -> Option<usize> {
    if let Some(id) = &o.key.id {
        if let Some(i) = new_keys.iter().position(|k| k.id.as_ref() == Some(id)) {
            return Some(i);
        }
    }
    // Same text; when both have ids, only a cell whose id is new (ids regenerated),
    // not another cell that was already there with the same text.
    let by_source = new_keys.iter().position(|k| {
        k.source == o.key.source
            && k.nth == o.key.nth
            && (o.key.id.is_none() || k.id.as_deref().is_none_or(|id| !old_ids.contains(id)))
    });
    if by_source.is_some() {
        return by_source;
    }
    // Edited in place: no ids, as many cells as before, and the cell now at the
    // same position has a text the old notebook did not have.
    let edited_in_place = old_keys.len() == new_keys.len()
        && o.key.id.is_none()
        && new_keys
            .get(o.cell)
            .is_some_and(|k| k.id.is_none() && !old_sources.contains(&k.source));
    edited_in_place.then_some(o.cell)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notebook::read::parse_ipynb;
    use crate::rules::Selection;

    fn analysis(cells: &[(&str, Option<&str>)]) -> (Analysis, Vec<CellKey>) {
        let cells: Vec<serde_json::Value> = cells
            .iter()
            .map(|(src, id)| {
                let mut c = serde_json::json!({"cell_type": "code", "execution_count": null,
                    "metadata": {}, "outputs": [], "source": src});
                if let Some(id) = id {
                    c["id"] = serde_json::json!(id);
                }
                c
            })
            .collect();
        let nb = serde_json::json!({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                                    "cells": cells});
        let notebook = parse_ipynb(nb.to_string().as_bytes()).expect("a notebook");
        let analysis = Analysis::run(notebook, &Selection::default());
        let keys = cell_keys(&analysis.notebook);
        (analysis, keys)
    }

    fn moved(
        before: &[(&str, Option<&str>)],
        after: &[(&str, Option<&str>)],
        cell: usize,
        statement: Option<usize>,
    ) -> (Option<(usize, Option<usize>)>, Vec<Message>) {
        let (old, old_keys) = analysis(before);
        let o = UserOverride::new(&old, &old_keys, cell, statement, Destination::Domain)
            .expect("an override");
        let (new, new_keys) = analysis(after);
        let (kept, dropped) = carry_over(vec![o], &old_keys, &new, &new_keys);
        (kept.first().map(|o| (o.cell, o.statement)), dropped)
    }

    #[test]
    fn ids_follow_the_cell_even_when_its_text_changes() {
        let before = [("a = 1\n", Some("x1")), ("b = 2\nc = 3\n", Some("x2"))];
        let after = [
            ("new = 0\n", Some("x0")),
            ("a = 1\n", Some("x1")),
            ("# edited\nb = 2\nc = 3\n", Some("x2")),
        ];
        assert_eq!(moved(&before, &after, 1, None).0, Some((2, None)));
        assert_eq!(moved(&before, &after, 1, Some(1)).0, Some((2, Some(1))));
    }

    #[test]
    fn without_ids_the_text_finds_the_cell() {
        let before = [("a = 1\n", None), ("b = 2\n", None)];
        let after = [("new = 0\n", None), ("a = 1\n", None), ("b = 2\r\n", None)];
        assert_eq!(moved(&before, &after, 1, Some(0)).0, Some((2, Some(0))));
    }

    #[test]
    fn a_deleted_cell_drops_its_override_instead_of_moving_it() {
        let before = [("a = 1\n", Some("x1")), ("b = 2\n", Some("x2"))];
        let after = [("a = 1\n", Some("x1")), ("z = 9\n", Some("x3"))];
        let (kept, dropped) = moved(&before, &after, 1, None);
        assert_eq!(kept, None);
        assert_eq!(dropped.len(), 1);
        assert!(
            dropped[0].to_string().contains("cell 1 “b = 2”"),
            "{dropped:?}"
        );
        // A same-text cell that was already there is another cell, not this one.
        let before = [("a = 1\n", Some("x1")), ("a = 1\n", Some("x2"))];
        let after = [("a = 1\n", Some("x2"))];
        assert_eq!(moved(&before, &after, 0, None).0, None);
    }

    #[test]
    fn a_changed_statement_drops_its_override() {
        let before = [("a = 1\nb = 2\n", None)];
        let after = [("a = 1\nb = 3\n", None)];
        // Edited in place (no ids, same cell count): the cell is found by position,
        // the untouched statement by its text, the edited one is dropped.
        assert_eq!(moved(&before, &after, 0, Some(0)).0, Some((0, Some(0))));
        let (kept, dropped) = moved(&before, &after, 0, Some(1));
        assert_eq!(kept, None);
        assert!(dropped[0].to_string().contains("“b = 2”"), "{dropped:?}");
    }

    #[test]
    fn new_or_regenerated_ids_fall_back_to_the_text() {
        // Saved by a newer Jupyter: ids appear.
        let before = [("a = 1\n", None), ("b = 2\n", None)];
        let after = [
            ("n = 0\n", Some("x0")),
            ("a = 1\n", Some("x1")),
            ("b = 2\n", Some("x2")),
        ];
        assert_eq!(moved(&before, &after, 1, None).0, Some((2, None)));
        // Ids regenerated by a tool.
        let before = [("a = 1\n", Some("old1")), ("b = 2\n", Some("old2"))];
        let after = [("b = 2\n", Some("new2")), ("a = 1\n", Some("new1"))];
        assert_eq!(moved(&before, &after, 1, None).0, Some((0, None)));
    }

    #[test]
    fn duplicate_ids_fall_back_to_the_text() {
        let before = [("a = 1\n", Some("d")), ("b = 2\n", Some("d"))];
        let after = [
            ("n = 0\n", Some("d")),
            ("a = 1\n", Some("d")),
            ("b = 2\n", Some("d")),
        ];
        assert_eq!(moved(&before, &after, 1, None).0, Some((2, None)));
    }
}
