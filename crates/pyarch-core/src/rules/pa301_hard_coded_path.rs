//! # PA301 hard-coded-path
//!
//! ## What it does
//! A hard-coded machine-specific path: absolute, Kaggle, Colab, Windows or home.
//!
//! Reports string literals that are machine-specific paths: absolute paths
//! (`/home/me/data.csv`), Kaggle paths (`/kaggle/input/…`, `../input/…`), Colab
//! paths (`/content/…`), Windows paths (`C:\…`) and home paths (`~/…`). Relative
//! paths passed whole to a load or save call (a loader or saver in the API table:
//! `pd.read_csv('train.csv')`) are reported as info; a file name joined to a configured folder
//! (`DATA_DIR / 'train.csv'`) is not. URLs are not paths. A cell's paths of one
//! kind are one finding, on the first, naming the others.
//!
//! Paths in a statement that tests whether a path exists (`if
//! os.path.exists('../input/x'): … else: …`) are not reported: the code already
//! chooses between machines; nor are folders only listed (`os.walk('/kaggle/input')`
//! in Kaggle's starter cell, `check_output(['ls', '../input'])`).
//!
//! Machine-specific paths are warnings; a relative path beside the notebook is a
//! hint (info), which the default output of `pyarch check` leaves out.
//!
//! ## Why is this bad?
//! The notebook only runs where that path exists: on Kaggle, in Colab or on the
//! author's machine. Paths scattered through cells also hide what the notebook reads
//! and writes, and every one has to be found and edited to run it elsewhere.
//!
//! ## Example
//! ```python
//! train = pd.read_csv('/kaggle/input/titanic/train.csv')
//! ```
//!
//! ## Fix
//! ```python
//! # config.py
//! DATA_DIR = Path(os.environ.get("DATA_DIR", "data"))
//! # adapters/repository.py
//! class CsvPassengerRepository(AbstractRepository):
//!     def __init__(self, data_dir: Path = config.DATA_DIR): ...
//! ```
//!
//! ## Pattern
//! Configuration in `config.py` (Cosmic Python appendix B, the template project
//! structure), read by the repositories in `adapters/` (ch. 2, Repository pattern).

use super::helpers::finding;
use super::{Context, Rule};
use crate::finding::{Finding, Severity};
use crate::i18n::{Arg, Message};
use crate::knowledge::api::{self, ApiKind};
use crate::knowledge::paths::{PathKind, PATH_LISTINGS, PATH_PROBES};
use crate::msg;
use crate::syntax::{CallFact, Literal, QualifiedName};

/// Whether the API table lists the call as a loader or a saver (`pd.read_csv`,
/// `df.to_csv`, `open`, `np.save`): a relative path passed straight to it is
/// reported as info.
fn loads_or_saves(ctx: &Context, call: &CallFact, qualified: &QualifiedName) -> bool {
    let module = call
        .root
        .as_ref()
        .is_some_and(|r| ctx.model.aliases.contains_key(r) && !call.local_receiver);
    let chained = qualified.is_chained();
    api::lookup_call(qualified, &call.method, module && !chained)
        .is_some_and(|e| matches!(e.kind, Some(ApiKind::Loader | ApiKind::Saver)))
}

fn where_it_works(kind: PathKind) -> Message {
    Message::new(match kind {
        PathKind::Kaggle => "pa301-kaggle-path",
        PathKind::Colab => "pa301-colab-path",
        PathKind::Windows => "pa301-windows-path",
        PathKind::Home => "pa301-home-path",
        PathKind::Absolute => "pa301-absolute-path",
        PathKind::Relative => "pa301-relative-path",
        PathKind::Url => "pa301-url",
    })
}

/// A literal part of an f-string after a placeholder (`/final/1` in
/// `f"outputs/{kernel}/final/1"`): the leading `/` follows a value, so the part is
/// not an absolute path.
fn fstring_fragment(
    ctx: &Context,
    cell: usize,
    range: &std::ops::Range<usize>,
    value: &str,
) -> bool {
    let Some(text) = ctx
        .notebook
        .cells
        .get(cell)
        .and_then(|c| c.source.get(range.clone()))
    else {
        return false;
    };
    let prefix_len = text
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (prefix, rest) = text.split_at(prefix_len);
    if !prefix.contains(['f', 'F']) {
        return false;
    }
    let content = rest.trim_start_matches(['"', '\'']);
    // The part where the f-string starts begins with the value (up to the first
    // placeholder); any other part follows a placeholder.
    let head = value.split('{').next().unwrap_or(value);
    !content.starts_with(head) || content.is_empty()
}

/// The plural of [`where_it_works`], for several paths of one kind.
fn where_they_work(kind: PathKind) -> Message {
    Message::new(match kind {
        PathKind::Kaggle => "pa301-kaggle-paths",
        PathKind::Colab => "pa301-colab-paths",
        PathKind::Windows => "pa301-windows-paths",
        PathKind::Home => "pa301-home-paths",
        PathKind::Absolute => "pa301-absolute-paths",
        PathKind::Relative => "pa301-relative-paths",
        PathKind::Url => "pa301-urls",
    })
}

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    // (cell, kind, path) of each finding in `out`, to merge a cell's paths of one kind.
    let mut keys: Vec<(usize, PathKind, String)> = Vec::new();
    for (cell, stmt) in ctx.model.statements() {
        if stmt.magic.is_some() {
            continue;
        }
        // `if os.path.exists('../input/x'): …`: the statement already chooses
        // between machines.
        let probes = stmt
            .facts
            .calls
            .iter()
            .any(|c| PATH_PROBES.contains(&c.method.as_str()));
        for path in &stmt.paths {
            if fstring_fragment(ctx, cell.index, &path.range, &path.value)
                || probes && path.kind.is_machine_specific()
            {
                continue;
            }
            // `os.walk('/kaggle/input')`, `check_output(['ls', '../input'])`: a listing.
            let listed = stmt
                .facts
                .calls
                .iter()
                .filter(|c| c.range.start <= path.range.start && path.range.end <= c.range.end)
                .min_by_key(|c| c.range.len())
                .is_some_and(|c| PATH_LISTINGS.contains(&c.method.as_str()));
            if listed {
                continue;
            }
            // The innermost call around the literal, when it is a load or save call that
            // takes the literal as a whole argument (not `DATA_DIR + 'x.csv'`).
            let io_call = stmt
                .facts
                .calls
                .iter()
                .zip(&stmt.qualified_calls)
                .filter(|(c, _)| c.range.start <= path.range.start && path.range.end <= c.range.end)
                .min_by_key(|(c, _)| c.range.len())
                .filter(|(c, q)| {
                    let whole = |v: &Literal| matches!(v, Literal::Str(s) if *s == path.value);
                    loads_or_saves(ctx, c, q)
                        && (c.args.iter().any(|a| whole(&a.value))
                            || c.keywords.iter().any(|k| whole(&k.value)))
                })
                .map(|(c, _)| c);
            let severity = if path.kind.is_machine_specific() {
                rule.severity
            } else if path.kind == PathKind::Relative && io_call.is_some() {
                Severity::Info
            } else {
                continue;
            };
            let shown = path.value.trim();
            let callee = io_call.map(|c| c.callee.shown());
            let suggestion = if path.kind.is_machine_specific() {
                msg!("pa301-fix-folder", path = shown)
            } else {
                msg!("pa301-fix-file", name = constant_name(shown), path = shown)
            };
            let mut f = finding(ctx, rule, cell.index, path.range.clone())
                .message(msg!(
                    "pa301-hard-coded-path",
                    path = shown,
                    callee = callee,
                    kind = where_it_works(path.kind)
                ))
                .suggestion(suggestion);
            f.severity = severity;
            out.push(f);
            keys.push((cell.index, path.kind, shown.to_string()));
        }
    }
    merge_per_cell(out, keys)
}

/// One finding per cell and kind of path: the first path's finding, naming the
/// others (`../input/train.csv`, `../input/test.csv` and 3 more).
fn merge_per_cell(findings: Vec<Finding>, keys: Vec<(usize, PathKind, String)>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut groups: Vec<(usize, PathKind, Vec<String>)> = Vec::new();
    for (f, (cell, kind, shown)) in findings.into_iter().zip(keys) {
        match groups.iter().position(|(c, k, _)| *c == cell && *k == kind) {
            Some(g) => {
                if !groups[g].2.contains(&shown) {
                    groups[g].2.push(shown);
                }
            }
            None => {
                groups.push((cell, kind, vec![shown]));
                out.push(f);
            }
        }
    }
    for (f, (_, kind, paths)) in out.iter_mut().zip(&groups) {
        if paths.len() < 2 {
            continue;
        }
        let shown = Arg::capped_list(paths.iter().map(|p| format!("`{p}`")), 3, 3);
        f.message = msg!(
            "pa301-hard-coded-paths",
            paths = shown,
            kind = where_they_work(*kind)
        );
        f.suggestion = if kind.is_machine_specific() {
            msg!("pa301-fix-folder-paths")
        } else {
            msg!("pa301-fix-files")
        };
    }
    out
}

/// `data/train.csv` → `TRAIN_CSV`.
fn constant_name(path: &str) -> String {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name: String = file
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let name = name.trim_matches('_').to_string();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("PATH_{name}")
    } else {
        name
    }
}
