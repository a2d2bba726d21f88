//! The layout plan (REFERENCE §1): where every statement goes, which functions are
//! extracted, with parameters and return values, and where each came from. Pure.
//! Interim skeleton: the public API below is stable; the planner behind it is filled
//! in by the export work.

use crate::analysis::Analysis;
use serde::Serialize;

/// Where a statement goes in the exported package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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

    pub fn parse(s: &str) -> Option<Destination> {
        Destination::ALL.into_iter().find(|d| d.as_str() == s)
    }
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
    /// Pattern level 1, 2 or 3 (REFERENCE §1).
    pub level: u8,
    /// Python package name; derived from the notebook name when empty.
    pub package: String,
    pub overrides: Vec<Override>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            level: 1,
            package: String::new(),
            overrides: Vec::new(),
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedFunction {
    pub name: String,
    /// Module path relative to the package, e.g. `domain/model.py`.
    pub module: String,
    pub params: Vec<String>,
    pub returns: Vec<String>,
    pub sources: Vec<SourceRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub package: String,
    pub level: u8,
    pub placements: Vec<Placement>,
    pub functions: Vec<PlannedFunction>,
    /// Notes for the README (fallbacks, dropped magics, ...).
    pub notes: Vec<String>,
}

impl Plan {
    pub fn placement(&self, cell: usize, statement: usize) -> Option<&Placement> {
        self.placements
            .iter()
            .find(|p| p.cell == cell && p.statement == statement)
    }
}

/// Plans the layout for an analysed notebook.
pub fn plan(analysis: &Analysis, options: &PlanOptions) -> Plan {
    let mut placements = Vec::new();
    for cell in &analysis.model.cells {
        for (i, _) in cell.statements.iter().enumerate() {
            let overridden = options
                .overrides
                .iter()
                .rev()
                .find(|o| o.cell == cell.index && o.statement.is_none_or(|s| s == i));
            placements.push(Placement {
                cell: cell.index,
                statement: i,
                destination: overridden.map_or(Destination::Exploration, |o| o.destination),
                function: None,
                overridden: overridden.is_some(),
            });
        }
    }
    Plan {
        package: if options.package.is_empty() {
            "notebook_pkg".into()
        } else {
            options.package.clone()
        },
        level: options.level,
        placements,
        functions: Vec::new(),
        notes: Vec::new(),
    }
}

/// A file of the export, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedFile {
    pub path: String,
    pub contents: String,
}

/// Renders the plan into the files `pyarch export` writes. Pure.
pub fn render(plan: &Plan, _analysis: &Analysis) -> Vec<RenderedFile> {
    vec![RenderedFile {
        path: format!("src/{}/__init__.py", plan.package),
        contents: String::new(),
    }]
}
