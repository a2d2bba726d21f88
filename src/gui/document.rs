//! The open notebook: its analysis, what each cell looks like in the list, the
//! user's overrides and the current plan. Built off the UI thread by [`load`].

use super::dataflow::Graph;
use super::overrides::{self, CellKey, SavedOverrides, UserOverride};
use crate::analysis::{self, Analysis};
use crate::finding::{Finding, Severity};
use crate::load::load_notebook;
use crate::notebook::CellKind;
use crate::plan::{Destination, Level, Override, Plan, RenderedFile, StmtRef};
use crate::role::Role;
use crate::rules::Selection;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// Finding counts of one cell, by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }

    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }
}

/// What the cell list shows for one cell; computed once per analysis.
#[derive(Debug, Clone)]
pub struct CellInfo {
    pub index: usize,
    pub kind: CellKind,
    /// The markdown heading, or the first non-blank line.
    pub title: String,
    pub execution_count: Option<u32>,
    /// Ran before a cell above it (a lower count below a higher one).
    pub out_of_order: bool,
    pub roles: Vec<Role>,
    /// The main stage: what a reader would write as the cell's heading.
    pub stage: Option<Role>,
    pub counts: Counts,
    /// Distinct rule codes of the cell's findings.
    pub codes: Vec<&'static str>,
    /// Lower-cased source, for the search field.
    pub search_text: String,
}

impl CellInfo {
    /// The title as the list and the graph show it: `(empty)` in the app's language
    /// for a cell with nothing in it.
    pub fn shown_title(&self, lang: crate::i18n::Lang) -> String {
        if self.title.is_empty() {
            crate::i18n::tr(lang, "app-empty-cell")
        } else {
            self.title.clone()
        }
    }
}

/// The result of loading and analysing a file.
pub struct Loaded {
    pub path: PathBuf,
    pub analysis: Arc<Analysis>,
    pub cells: Vec<CellInfo>,
    pub graph: Graph,
    /// What finds each cell again after the file changes.
    pub keys: Vec<CellKey>,
    pub mtime: Option<SystemTime>,
    pub elapsed: Duration,
    /// Findings of every rule, or the default set only.
    pub all_findings: bool,
    /// The findings the views show: the analysis' findings, of the default set
    /// only unless `all_findings`.
    pub findings: Vec<Finding>,
}

/// Where [`load`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStage {
    Reading,
    /// `done` of `total` code cells parsed.
    Parsing {
        done: usize,
        total: usize,
    },
    /// Roles and rules.
    Rules,
    /// The cell list and the dataflow graph.
    Views,
}

/// Reads and analyses a notebook, telling `stage` where it is: with the findings
/// of every rule when `all_findings`, else of the default set without hints (what
/// `pyarch check` reports). The error is the one-line "path: cause".
pub fn load(
    path: &Path,
    all_findings: bool,
    stage: &mut dyn FnMut(LoadStage),
) -> Result<Loaded, String> {
    let started = Instant::now();
    stage(LoadStage::Reading);
    let mtime = modified(path);
    let notebook = load_notebook(path).map_err(|e| e.to_string())?;
    // Every rule runs (the plan's README lists every finding, as `pyarch export`
    // does); the view shows the default set unless `all_findings`.
    let analysis = Analysis::run_with_progress(notebook, &Selection::default(), &mut |p| match p {
        analysis::Progress::Parsing { done, total } => stage(LoadStage::Parsing { done, total }),
        analysis::Progress::Rules => stage(LoadStage::Rules),
    });
    stage(LoadStage::Views);
    let default_set = Selection::check(Vec::new(), Vec::new());
    let findings: Vec<Finding> = analysis
        .findings
        .iter()
        .filter(|f| all_findings || default_set.allows_finding(f))
        .cloned()
        .collect();
    let cells = cell_infos(&analysis, &findings);
    let graph = Graph::build(&analysis);
    let keys = overrides::cell_keys(&analysis.notebook);
    Ok(Loaded {
        path: path.to_path_buf(),
        analysis: Arc::new(analysis),
        cells,
        graph,
        keys,
        mtime,
        elapsed: started.elapsed(),
        all_findings,
        findings,
    })
}

pub fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The cell list's rows, counting `findings` (those the views show).
pub fn cell_infos(analysis: &Analysis, findings: &[Finding]) -> Vec<CellInfo> {
    let mut highest_count: Option<u32> = None;
    let mut out: Vec<CellInfo> = analysis
        .notebook
        .cells
        .iter()
        .map(|cell| {
            let out_of_order = match (cell.execution_count, highest_count) {
                (Some(n), Some(h)) => n < h,
                _ => false,
            };
            if let Some(n) = cell.execution_count {
                highest_count = Some(highest_count.map_or(n, |h| h.max(n)));
            }
            let mut roles: Vec<Role> = analysis.roles.cell_roles(cell.index).into_iter().collect();
            roles.sort();
            CellInfo {
                index: cell.index,
                kind: cell.kind,
                title: title(cell.kind, &cell.source),
                execution_count: cell.execution_count,
                out_of_order,
                roles,
                stage: analysis.roles.cell_stage(cell.index),
                counts: Counts::default(),
                codes: Vec::new(),
                search_text: cell.source.to_lowercase(),
            }
        })
        .collect();
    for finding in findings {
        let Some(info) = finding.cell.and_then(|i| out.get_mut(i)) else {
            continue;
        };
        info.counts.add(finding.severity);
        if !info.codes.contains(&finding.code) {
            info.codes.push(finding.code);
        }
    }
    out
}

const TITLE_CHARS: usize = 80;

/// A markdown cell's first heading (else its first line); a code cell's first
/// non-blank line that is not only a comment marker.
pub fn title(kind: CellKind, source: &str) -> String {
    let mut lines = source.lines().map(str::trim).filter(|l| !l.is_empty());
    let line = match kind {
        CellKind::Markdown => {
            let all: Vec<&str> = lines.collect();
            all.iter()
                .find(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim())
                .or_else(|| all.first().copied())
                .unwrap_or("")
        }
        _ => lines.next().unwrap_or(""),
    };
    if line.is_empty() {
        // Shown as the app's word for an empty cell (`CellInfo::shown_title`).
        return String::new();
    }
    let mut t: String = line.chars().take(TITLE_CHARS).collect();
    if line.chars().count() > TITLE_CHARS {
        t.push('…');
    }
    t
}

/// The open notebook and everything derived from it.
pub struct Document {
    pub path: PathBuf,
    pub analysis: Arc<Analysis>,
    pub cells: Vec<CellInfo>,
    pub graph: Graph,
    keys: Vec<CellKey>,
    pub mtime: Option<SystemTime>,
    /// Rule codes present in the notebook, sorted.
    pub codes: Vec<&'static str>,
    /// The findings are those of every rule, not only the default set.
    pub all_findings: bool,
    /// Roles present in the notebook, sorted.
    pub roles: Vec<Role>,
    /// Bumped on every reload, so views can drop what they cached.
    pub generation: u64,
    /// Selected cell (index among all cells).
    pub selected: usize,
    /// The findings the views show (see [`Loaded::findings`]); the plan reads the
    /// analysis, with every finding.
    pub findings: Vec<Finding>,
    /// The finding `n`/`p` last moved to (index into `findings`).
    pub focused_finding: Option<usize>,
    /// One-shot requests to scroll views to the selection.
    pub scroll_list: bool,
    pub scroll_to_line: Option<u32>,
    pub overrides: Vec<UserOverride>,
    pub plan: Option<Arc<Plan>>,
    /// The plan's destination of every (cell, statement), for quick lookups.
    placements: HashMap<StmtRef, Destination>,
    pub files: Arc<Vec<RenderedFile>>,
    /// The plan request whose answer we wait for.
    pub plan_generation: u64,
    pub plan_pending: bool,
    /// When the pending plan was asked for.
    pub plan_started: Instant,
}

impl Document {
    pub fn new(loaded: Loaded, generation: u64) -> Document {
        let mut codes: Vec<&'static str> = loaded.findings.iter().map(|f| f.code).collect();
        codes.sort_unstable();
        codes.dedup();
        let mut roles: Vec<Role> = loaded
            .cells
            .iter()
            .flat_map(|c| c.roles.iter().copied())
            .collect();
        roles.sort_unstable();
        roles.dedup();
        let selected = loaded
            .cells
            .iter()
            .find(|c| c.counts.total() > 0)
            .or_else(|| loaded.cells.iter().find(|c| c.kind == CellKind::Code))
            .map_or(0, |c| c.index);
        Document {
            path: loaded.path,
            analysis: loaded.analysis,
            cells: loaded.cells,
            graph: loaded.graph,
            keys: loaded.keys,
            mtime: loaded.mtime,
            codes,
            all_findings: loaded.all_findings,
            findings: loaded.findings,
            roles,
            generation,
            selected,
            focused_finding: None,
            scroll_list: true,
            scroll_to_line: None,
            overrides: Vec::new(),
            plan: None,
            placements: HashMap::new(),
            files: Arc::new(Vec::new()),
            plan_generation: 0,
            plan_pending: false,
            plan_started: Instant::now(),
        }
    }

    /// The shown findings of one cell.
    pub fn findings_for_cell(&self, cell: usize) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.cell == Some(cell))
    }

    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    pub fn select(&mut self, cell: usize) {
        if cell < self.cells.len() {
            self.selected = cell;
            self.focused_finding = None;
            self.scroll_list = true;
            self.scroll_to_line = Some(1);
        }
    }

    /// Moves to the next (or previous) finding in notebook order, wrapping around.
    pub fn step_finding(&mut self, forward: bool) {
        let findings = &self.findings;
        let in_cells: Vec<usize> = (0..findings.len())
            .filter(|&i| findings[i].cell.is_some())
            .collect();
        if in_cells.is_empty() {
            return;
        }
        let key = |i: usize| (findings[i].cell.unwrap_or(0), findings[i].span);
        let next = match self.focused_finding {
            Some(current) => {
                let pos = in_cells.iter().position(|&i| i == current);
                match (pos, forward) {
                    (Some(p), true) => in_cells[(p + 1) % in_cells.len()],
                    (Some(p), false) => in_cells[(p + in_cells.len() - 1) % in_cells.len()],
                    (None, _) => in_cells[0],
                }
            }
            None if forward => in_cells
                .iter()
                .copied()
                .find(|&i| key(i).0 >= self.selected)
                .unwrap_or(in_cells[0]),
            None => in_cells
                .iter()
                .rev()
                .copied()
                .find(|&i| key(i).0 < self.selected)
                .unwrap_or(in_cells[in_cells.len() - 1]),
        };
        self.focus_finding(next);
    }

    pub fn focus_finding(&mut self, index: usize) {
        let Some(finding) = self.findings.get(index) else {
            return;
        };
        let Some(cell) = finding.cell else { return };
        self.selected = cell;
        self.focused_finding = Some(index);
        self.scroll_list = true;
        self.scroll_to_line = Some(finding.span.line.max(1));
    }

    /// Moves the selection by `delta` cells among `visible` (the filtered list).
    pub fn step_cell(&mut self, visible: &[usize], delta: isize) {
        if visible.is_empty() {
            return;
        }
        let pos = visible.iter().position(|&c| c == self.selected);
        let next = match pos {
            Some(p) => (p as isize)
                .saturating_add(delta)
                .clamp(0, visible.len() as isize - 1) as usize,
            None => visible
                .iter()
                .position(|&c| c > self.selected)
                .unwrap_or(visible.len() - 1),
        };
        self.select(visible[next]);
    }

    /// The planned destination of a statement.
    pub fn destination(&self, cell: usize, statement: usize) -> Option<Destination> {
        self.placements.get(&StmtRef { cell, statement }).copied()
    }

    pub fn set_plan(&mut self, plan: Plan, files: Vec<RenderedFile>) {
        self.placements = plan
            .placements
            .iter()
            .map(|p| {
                (
                    StmtRef {
                        cell: p.cell,
                        statement: p.statement,
                    },
                    p.destination,
                )
            })
            .collect();
        self.plan = Some(Arc::new(plan));
        self.files = Arc::new(files);
    }

    /// Records an override; a later one for the same target replaces it.
    /// A whole-cell override clears the cell's statement overrides.
    pub fn set_override(&mut self, new: Override) {
        let keyed = UserOverride::new(
            &self.analysis,
            &self.keys,
            new.cell,
            new.statement,
            new.destination,
        );
        if let Some(keyed) = keyed {
            overrides::insert(&mut self.overrides, keyed);
        }
    }

    /// The overrides as the planner takes them.
    pub fn plan_overrides(&self) -> Vec<Override> {
        self.overrides.iter().map(UserOverride::to_plan).collect()
    }

    /// After a reload: takes over the place and the overrides of `old` (the same
    /// file before it changed), each on the cell it was made for. Returns the
    /// overrides dropped because their cell or statement is gone, described.
    pub fn carry_over_from(&mut self, old: Document) -> Vec<crate::i18n::Message> {
        let was = old.keys.get(old.selected);
        let selected = was
            .and_then(|k| k.id.as_ref())
            .and_then(|id| self.keys.iter().position(|k| k.id.as_ref() == Some(id)))
            .or_else(|| self.keys.iter().position(|k| Some(k) == was))
            .or_else(|| (old.selected < self.cells.len()).then_some(old.selected));
        if let Some(selected) = selected {
            self.selected = selected;
        }
        let (kept, dropped) =
            overrides::carry_over(old.overrides, &old.keys, &self.analysis, &self.keys);
        self.overrides = kept;
        dropped
    }

    /// `pyarch export` with this notebook, `level` and the overrides (a statement by
    /// its first line, as the command line takes it), quoted for a POSIX shell.
    pub fn export_command(&self, level: Level, out: &str) -> String {
        let out = if out.is_empty() { "DIR" } else { out };
        let mut words = vec![
            "pyarch".to_string(),
            "export".into(),
            shell_word(&self.path.display().to_string()),
            "--out".into(),
            shell_word(out),
        ];
        if level != Level::One {
            words.push(format!("--level {level}"));
        }
        for o in &self.overrides {
            let line = o.statement.and_then(|s| {
                let cell = self.analysis.model.cell(o.cell)?;
                Some(cell.statements.get(s)?.span.line)
            });
            let target = match line {
                Some(line) => format!("{}:{line}", o.cell),
                None => o.cell.to_string(),
            };
            words.push(format!("--override {target}={}", o.destination.as_str()));
        }
        words.join(" ")
    }

    /// The overrides to keep between runs, with the keys they were made against;
    /// `None` when there are none.
    pub fn saved_overrides(&self, notebook: PathBuf) -> Option<SavedOverrides> {
        (!self.overrides.is_empty()).then(|| SavedOverrides {
            notebook,
            keys: self.keys.clone(),
            overrides: self.overrides.clone(),
        })
    }

    /// Puts back overrides saved in an earlier run, each on the cell it was made for.
    /// Returns those dropped because their cell or statement is gone, described.
    pub fn restore_overrides(&mut self, saved: &SavedOverrides) -> Vec<crate::i18n::Message> {
        let (kept, dropped) = overrides::carry_over(
            saved.overrides.clone(),
            &saved.keys,
            &self.analysis,
            &self.keys,
        );
        self.overrides = kept;
        dropped
    }

    pub fn clear_override(&mut self, cell: usize, statement: Option<usize>) {
        self.overrides
            .retain(|o| !(o.cell == cell && o.statement == statement));
    }

    pub fn user_override(&self, cell: usize, statement: Option<usize>) -> Option<Destination> {
        self.overrides
            .iter()
            .rev()
            .find(|o| o.cell == cell && o.statement == statement)
            .map(|o| o.destination)
    }
}

/// `word` as one word for a POSIX shell: as it is when that is safe, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./:=@%+,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            title(CellKind::Markdown, "intro\n## 데이터 불러오기\n"),
            "데이터 불러오기"
        );
        assert_eq!(title(CellKind::Code, "\n\n  x = 1\ny"), "x = 1");
        assert_eq!(title(CellKind::Code, ""), "");
        assert!(title(CellKind::Code, &"a".repeat(200)).ends_with('…'));
    }

    #[test]
    fn shell_words_survive_a_posix_shell() {
        assert_eq!(shell_word("/tmp/nb-1.ipynb"), "/tmp/nb-1.ipynb");
        assert_eq!(shell_word("my notebook.ipynb"), "'my notebook.ipynb'");
        assert_eq!(shell_word("it's.ipynb"), r"'it'\''s.ipynb'");
        assert_eq!(shell_word("타이타닉.ipynb"), "'타이타닉.ipynb'");
        assert_eq!(shell_word(""), "''");
    }
}
