//! The layout plan (REFERENCE §1): where every statement goes, which functions are
//! extracted, with parameters and return values, and where each came from. Pure.
//!
//! - [`assign`]: a destination for every statement (roles, overrides, and the checks
//!   that keep the export behaving like the notebook: config that is really constant,
//!   exploration that feeds nothing, `def`s that can leave the notebook's globals);
//! - [`extract`]: the run-it-all sequence, functions from runs of statements,
//!   parameters, return values, names and provenance;
//! - [`render`]: the Python files;
//! - [`python`]: identifier, PyPI and text helpers.

mod assign;
mod closures;
mod dependencies;
mod extract;
mod fallback;
mod level;
mod liveness;
mod naming;
mod paths;
pub mod python;
mod render;
mod shown;
mod split;
mod use_cases;

use crate::analysis::Analysis;
use crate::role::Role;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use level::{Level, NotALevel};
pub use render::{data_inputs, render, render_with_samples, RenderedFile};
pub use split::LoadSplit;

/// Where a statement goes in the exported package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Destination {
    Domain,
    Repository,
    Service,
    Entrypoint,
    Config,
    Exploration,
    Drop,
}

/// A destination as its module path, for [`PlannedFunction`]'s JSON.
fn module_path<S: serde::Serializer>(destination: &Destination, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(destination.module())
}

impl Destination {
    pub const ALL: [Destination; 7] = [
        Destination::Domain,
        Destination::Repository,
        Destination::Service,
        Destination::Entrypoint,
        Destination::Config,
        Destination::Exploration,
        Destination::Drop,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Destination::Domain => "domain",
            Destination::Repository => "repository",
            Destination::Service => "service",
            Destination::Entrypoint => "entrypoint",
            Destination::Config => "config",
            Destination::Exploration => "exploration",
            Destination::Drop => "drop",
        }
    }

    /// The destination's name for people: `service layer`, `서비스 계층`.
    pub fn label(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr_key(lang, &format!("destination-{}", self.as_str()))
    }

    pub fn parse(s: &str) -> Option<Destination> {
        Destination::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// The module (relative to the package, or to the project for exploration).
    pub fn module(self) -> &'static str {
        match self {
            Destination::Domain => MODULE_DOMAIN,
            Destination::Repository => MODULE_REPOSITORY,
            Destination::Service => MODULE_SERVICES,
            Destination::Entrypoint => MODULE_CLI,
            Destination::Config => MODULE_CONFIG,
            Destination::Exploration => MODULE_EXPLORATION,
            Destination::Drop => "",
        }
    }
}

pub const MODULE_DOMAIN: &str = "domain/model.py";
pub const MODULE_REPOSITORY: &str = "adapters/repository.py";
pub const MODULE_SERVICES: &str = "service_layer/services.py";
pub const MODULE_CLI: &str = "entrypoints/cli.py";
pub const MODULE_API: &str = "entrypoints/api.py";
pub const MODULE_CONFIG: &str = "config.py";
/// Relative to the project, outside the package.
pub const MODULE_EXPLORATION: &str = "notebooks/exploration.py";

/// The first rows of a data file the notebook reads, found beside the notebook at
/// export time: `tests/fixtures/<file>` seeds the fake repository of the unit tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSample {
    /// The config constant that names the file (`TRAIN_CSV`).
    pub name: String,
    /// The fixture's file name.
    pub file: String,
    pub contents: String,
    /// The data file's encoding when it is not UTF-8 (`latin-1`): the fixture holds
    /// the rows as UTF-8 and the tests write them back in that encoding.
    pub encoding: Option<String>,
}

/// A user's correction: a whole cell (`statement: None`) or one statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Override {
    pub cell: usize,
    pub statement: Option<usize>,
    pub destination: Destination,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOptions {
    /// Pattern level (REFERENCE §1).
    pub level: Level,
    /// Python package name; derived from the notebook name when empty.
    pub package: String,
    pub overrides: Vec<Override>,
    /// The language of the exported package's prose (README, docstrings, comments).
    pub lang: crate::i18n::Lang,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            level: Level::One,
            package: String::new(),
            overrides: Vec::new(),
            lang: crate::i18n::Lang::En,
        }
    }
}

/// Where a piece of exported code came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub cell: usize,
    pub cell_id: Option<String>,
    pub first_line: u32,
    pub last_line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    pub cell: usize,
    pub statement: usize,
    pub destination: Destination,
    /// The extracted function the statement lands in, if any.
    pub function: Option<String>,
    /// True when a user override decided it.
    pub overridden: bool,
}

/// How a planned function came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionKind {
    /// A run of top-level statements turned into a function.
    Extracted,
    /// A run of loads or saves turned into a method of the file repository.
    Method,
    /// A `def` or `class` of the notebook, moved as is.
    Moved,
    /// Fallback: one function per cell, working on module globals.
    Cell,
    /// A use case of the service layer: a run of the pipeline's steps that takes the
    /// repository (level 1) or the unit of work (levels 2 and 3) as its first argument,
    /// loads and saves through it, calls the domain functions, and returns its results.
    UseCase,
}

pub use crate::model::StmtRef;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedFunction {
    pub name: String,
    /// Where it lives; serialized as its module path relative to the package
    /// (`domain/model.py`).
    #[serde(rename = "module", serialize_with = "module_path")]
    pub destination: Destination,
    pub params: Vec<String>,
    pub returns: Vec<String>,
    pub sources: Vec<SourceRef>,
    pub kind: FunctionKind,
    /// The statements that make up the body, in order.
    pub statements: Vec<StmtRef>,
    /// Arguments changed in place (documented in the docstring).
    pub mutates: Vec<String>,
    pub role: Option<Role>,
    /// Module-level names the body needs (imports, config constants, package functions).
    pub uses: Vec<String>,
    /// Fallback cell functions: the module globals the cell binds.
    pub globals: Vec<String>,
}

/// One step of the run-it-all sequence, in notebook order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Step {
    /// Call a planned function (index into `Plan::functions`).
    Call { function: usize },
    /// Statements kept as they are in the entrypoint (setup, prints, glue, closures).
    Inline {
        cell: usize,
        statements: Vec<usize>,
        uses: Vec<String>,
    },
    /// Exploration statements (only in `notebooks/exploration.py`).
    Explore {
        cell: usize,
        statements: Vec<usize>,
        uses: Vec<String>,
    },
    /// A cell that is not exported as code (not Python, or does not parse).
    Skipped { cell: usize, reason: String },
}

impl Step {
    /// The cell, statements and names used of a step that keeps statements as they are
    /// (`Inline` or `Explore`).
    pub fn code_mut(&mut self) -> Option<(usize, &[usize], &mut Vec<String>)> {
        match self {
            Step::Inline {
                cell,
                statements,
                uses,
            }
            | Step::Explore {
                cell,
                statements,
                uses,
            } => Some((*cell, statements, uses)),
            _ => None,
        }
    }
}

/// A config constant for a path literal that a load or save call names:
/// `TRAIN_CSV = 'data/train.csv'` in `config.py`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathConstant {
    /// Upper snake case, from the file name (`TRAIN_CSV`), unique in the export.
    pub name: String,
    /// The expression as config.py writes it: the literal as the notebook wrote it
    /// (quotes and prefix included), or a join of config constants and literals
    /// (`DATA_DIR + 'train.csv'`).
    pub literal: String,
    /// The literal parts' value, joined (`train.csv`): what the name is made from.
    pub value: String,
    /// The cell of its first use.
    pub cell: usize,
}

/// A path literal in a statement replaced by a config name when the statement is
/// rendered; the rest of the statement's text is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathSubstitution {
    pub cell: usize,
    pub statement: usize,
    /// Byte range of the literal in the cell source.
    pub range: std::ops::Range<usize>,
    /// A [`PathConstant`] or a constant the notebook already defines with that value.
    pub name: String,
}

/// A score the notebook only shows (a bare expression ending a cell of a use case):
/// the package binds it to `name` and the use case returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownResult {
    pub cell: usize,
    pub statement: usize,
    pub name: String,
    /// The expression is that name, bound already (`conf_df`): the package drops the
    /// statement instead of binding it.
    pub bound: bool,
}

/// The thin HTTP entrypoint, when the notebook has a function that predicts on new data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiPlan {
    /// The notebook function that predicts (`predict(records)`).
    pub function: String,
    /// Its module when it was moved into the package; `None` when it lives in the
    /// pipeline (it reads the pipeline's state) and is taken from `run_pipeline()`.
    pub module: Option<String>,
    /// The pipeline variable the notebook passes to it (used by the e2e test).
    pub example: Option<String>,
    /// The repository method that loads the saved model (`load_model`), when there is
    /// one: the API then loads the model once through it and serves `serving`, never
    /// running the pipeline.
    pub model_loader: Option<String>,
    /// The service `/predict` calls: `predict(records, model)` in the service layer.
    pub serving: Option<String>,
}

/// A use case and the steps of the run-it-all sequence it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UseCase {
    /// Index into `Plan::functions` (a [`FunctionKind::UseCase`] function).
    pub function: usize,
    /// Indices into `Plan::steps`, consecutive, in order; `Explore` steps among them are
    /// not part of the use case (they only run in `notebooks/exploration.py`).
    pub steps: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub package: String,
    /// The language of the package's prose ([`PlanOptions::lang`]); not part of the
    /// plan's JSON.
    #[serde(skip)]
    pub lang: crate::i18n::Lang,
    /// Each code cell's main stage (`cells[].stage` of the analysis JSON): what a
    /// reader would write as its heading, by cell index.
    pub cell_stages: BTreeMap<usize, Role>,
    pub level: u8,
    pub placements: Vec<Placement>,
    pub functions: Vec<PlannedFunction>,
    /// Notes for the README (fallbacks, dropped magics, ...).
    pub notes: Vec<crate::i18n::Message>,
    /// The run-it-all sequence.
    pub steps: Vec<Step>,
    /// True when the notebook could not be planned sensibly and was exported as one
    /// function per cell working on module globals.
    pub fallback: bool,
    /// PyPI distributions (sorted).
    pub dependencies: Vec<String>,
    /// Config statements, in order, and the module-level names they need.
    pub config: Vec<StmtRef>,
    pub config_uses: Vec<String>,
    /// Path literals of load and save calls lifted into `config.py`, in order of first use.
    pub path_constants: Vec<PathConstant>,
    /// Where those literals (or literals equal to a constant the notebook already
    /// defines in config) are replaced by a name.
    pub path_substitutions: Vec<PathSubstitution>,
    /// Statements that load and transform in one expression: the repository method
    /// runs the load, the pipeline the rest.
    pub load_splits: Vec<LoadSplit>,
    /// Scores the notebook only shows, which the package binds and returns.
    pub shown_results: Vec<ShownResult>,
    /// Import binding → the import line that creates it (`pd` → `import pandas as pd`).
    pub imports: BTreeMap<String, String>,
    /// `from x import *` lines (fallback mode keeps them at module level).
    pub star_imports: Vec<String>,
    /// Package-level function or class → its module (moved `def`s, extracted functions).
    pub symbols: BTreeMap<String, String>,
    /// The name of the repository variable in `run_pipeline`.
    pub repo_var: String,
    /// The name of the unit-of-work argument of the use cases (levels 2 and 3).
    pub uow_var: String,
    /// The service layer's use cases, in order; empty in fallback mode. Together they
    /// cover every step of `steps` but the exploration.
    pub use_cases: Vec<UseCase>,
    /// Code cells whose printed output the exported pipeline prints too (every
    /// printing statement of the cell runs in the pipeline): the characterization test
    /// compares their saved stream output.
    pub printed_cells: Vec<usize>,
    pub api: Option<ApiPlan>,
}

impl Plan {
    pub fn placement(&self, cell: usize, statement: usize) -> Option<&Placement> {
        self.placements
            .iter()
            .find(|p| p.cell == cell && p.statement == statement)
    }

    /// Functions that live in `module`, in notebook order.
    pub fn functions_in<'a>(
        &'a self,
        module: &'a str,
    ) -> impl Iterator<Item = &'a PlannedFunction> + 'a {
        self.functions
            .iter()
            .filter(move |f| f.destination.module() == module)
    }

    /// The planned function a statement belongs to.
    pub fn function_of(&self, cell: usize, statement: usize) -> Option<&PlannedFunction> {
        self.functions
            .iter()
            .find(|f| f.statements.contains(&StmtRef { cell, statement }))
    }

    /// A short human-readable summary (what `pyarch plan` prints).
    pub fn to_text(&self) -> String {
        let say = |m: crate::i18n::Message| m.render(self.lang);
        let mut out = say(crate::msg!(
            "plan-text-package",
            package = self.package.as_str(),
            level = self.level,
            fallback = self.fallback
        ));
        out.push('\n');
        let stages: Vec<String> = self
            .cell_stages
            .iter()
            .map(|(cell, stage)| format!("{cell} {}", stage.label(self.lang)))
            .collect();
        if !stages.is_empty() {
            let line = crate::msg!("plan-text-stages", stages = stages.join(" · "));
            out.push_str(&say(line));
            out.push('\n');
        }
        let mut modules: Vec<&str> = self
            .functions
            .iter()
            .map(|f| f.destination.module())
            .collect();
        modules.sort();
        modules.dedup();
        for module in modules {
            out.push_str(&format!("\n{module}\n"));
            for f in self.functions_in(module) {
                let returns = if f.returns.is_empty() {
                    String::new()
                } else {
                    format!(" -> {}", f.returns.join(", "))
                };
                let sources: Vec<String> = f
                    .sources
                    .iter()
                    .map(|s| {
                        say(crate::msg!(
                            "plan-text-source",
                            cell = s.cell,
                            first = s.first_line,
                            last = s.last_line
                        ))
                    })
                    .collect();
                out.push_str(&format!(
                    "  {}({}){}  <- {}\n",
                    f.name,
                    f.params.join(", "),
                    returns,
                    sources.join("; ")
                ));
            }
        }
        if !self.config.is_empty() || !self.path_constants.is_empty() {
            out.push('\n');
            out.push_str(&say(crate::msg!(
                "plan-text-config",
                count = self.config.len()
            )));
            if !self.path_constants.is_empty() {
                let names: Vec<&str> = self
                    .path_constants
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect();
                out.push_str(&say(crate::msg!(
                    "plan-text-paths",
                    names = names.join(", ")
                )));
            }
            out.push('\n');
        }
        let explore = self
            .placements
            .iter()
            .filter(|p| p.destination == Destination::Exploration)
            .count();
        let dropped = self
            .placements
            .iter()
            .filter(|p| p.destination == Destination::Drop)
            .count();
        let counts = crate::msg!(
            "plan-text-exploration",
            explore = explore,
            dropped = dropped
        );
        out.push_str(&say(counts));
        out.push('\n');
        if let Some(api) = &self.api {
            out.push_str(&format!("api: POST /predict -> {}\n", api.function));
        }
        if !self.dependencies.is_empty() {
            let deps = crate::msg!(
                "plan-text-dependencies",
                names = self.dependencies.join(", ")
            );
            out.push_str(&say(deps));
            out.push('\n');
        }
        for note in &self.notes {
            let note = crate::msg!("plan-text-note", note = note.clone());
            out.push_str(&say(note));
            out.push('\n');
        }
        out
    }
}

/// A package name from a notebook's file name (or anything else): a valid, safe Python
/// identifier (`../../etc` → `etc`; Korean-only names → `notebook_pkg`).
pub fn package_name(raw: &str) -> String {
    python::package_name(raw)
}

/// The package name `pyarch export` gives a notebook: from its file name.
pub fn package_for(notebook: &std::path::Path) -> String {
    let stem = notebook
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    package_name(&stem)
}

/// Plans the layout for an analysed notebook.
pub fn plan(analysis: &Analysis, options: &PlanOptions) -> Plan {
    let package = if options.package.is_empty() {
        "notebook_pkg".to_string()
    } else {
        python::package_name(&options.package)
    };
    let mut notes = Vec::new();
    if package != options.package && !options.package.is_empty() {
        notes.push(crate::msg!(
            "plan-note-package-name",
            asked = python::doc_safe(&options.package),
            used = package.as_str()
        ));
    }
    let assigned = assign::assign(analysis, options, &mut notes);
    let mut plan = extract::extract(analysis, assigned, package, options.level.number(), notes);
    plan.lang = options.lang;
    plan.cell_stages = analysis
        .notebook
        .cells
        .iter()
        .filter_map(|c| Some((c.index, analysis.roles.cell_stage(c.index)?)))
        .collect();
    if !plan.fallback {
        let unmet = unmet_overrides(analysis, &options.overrides, &plan.placements);
        plan.notes.extend(unmet);
    }
    plan
}

/// One note per override (and outcome) the planner could not follow, with why, so a
/// correction is never ignored silently.
fn unmet_overrides(
    analysis: &Analysis,
    overrides: &[Override],
    placements: &[Placement],
) -> Vec<crate::i18n::Message> {
    let line_of = |p: &Placement| {
        analysis
            .model
            .cell(p.cell)
            .and_then(|c| c.statements.get(p.statement))
            .map_or(0, |s| s.span.line)
    };
    let mut notes = Vec::new();
    for (i, o) in overrides.iter().enumerate() {
        let later = &overrides[i + 1..];
        let replaced = |p: &Placement| {
            later
                .iter()
                .any(|l| l.cell == p.cell && l.statement.is_none_or(|s| s == p.statement))
        };
        // (went to, was overridden) → lines
        let mut unmet: std::collections::BTreeMap<(&str, bool), Vec<u32>> = Default::default();
        for p in placements.iter().filter(|p| {
            p.cell == o.cell
                && o.statement.is_none_or(|s| s == p.statement)
                && p.destination != o.destination
                && !replaced(p)
        }) {
            unmet
                .entry(if p.overridden {
                    (p.destination.as_str(), true)
                } else {
                    ("", false)
                })
                .or_default()
                .push(line_of(p));
        }
        for ((went, overridden), lines) in unmet {
            let what = crate::msg!(
                "plan-note-cell-lines",
                cell = o.cell,
                count = lines.len(),
                lines = crate::i18n::Arg::joined(lines, crate::i18n::Join::Commas)
            );
            notes.push(if overridden {
                let got = Destination::parse(went).unwrap_or(Destination::Entrypoint);
                crate::msg!(
                    "plan-note-override-unmet",
                    what = what,
                    asked = o.destination.as_str(),
                    went = went,
                    reason = crate::i18n::Message::new(unmet_reason(o.destination, got))
                )
            } else {
                crate::msg!("plan-note-imports-not-moved", what = what)
            });
        }
    }
    notes
}

/// The id of the sentence that says why an override could not be followed.
fn unmet_reason(asked: Destination, got: Destination) -> &'static str {
    match (asked, got) {
        (Destination::Config, Destination::Domain) => "plan-unmet-config-function",
        (Destination::Config, _) => "plan-unmet-config-constants",
        (Destination::Exploration | Destination::Drop, Destination::Entrypoint) => {
            "plan-unmet-used-later"
        }
        _ => "plan-unmet-layer-import",
    }
}
