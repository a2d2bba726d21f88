//! `--override CELL[:LINE]=LAYER`: the command line's way to correct the planner, the
//! same corrections the desktop app makes. Cells are numbered as `check` prints them
//! (index among all cells, from 0); lines are within the cell, from 1.

use crate::analysis::Analysis;
use crate::plan::{Destination, Override};
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideSpec {
    pub cell: usize,
    pub line: Option<u32>,
    pub destination: Destination,
}

impl FromStr for OverrideSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let layers = || {
            Destination::ALL
                .iter()
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (target, layer) = text
            .split_once('=')
            .ok_or_else(|| format!("expected CELL=LAYER or CELL:LINE=LAYER, got `{text}`"))?;
        let destination = Destination::parse(layer.trim())
            .ok_or_else(|| format!("unknown layer `{layer}`; one of {}", layers()))?;
        let (cell, line) = match target.split_once(':') {
            Some((cell, line)) => (cell, Some(line)),
            None => (target, None),
        };
        let cell = cell
            .trim()
            .parse()
            .map_err(|_| format!("`{cell}` is not a cell number"))?;
        let line = match line {
            None => None,
            Some(l) => match l.trim().parse::<u32>() {
                Ok(n) if n >= 1 => Some(n),
                _ => return Err(format!("`{l}` is not a line number (from 1)")),
            },
        };
        Ok(OverrideSpec {
            cell,
            line,
            destination,
        })
    }
}

impl std::fmt::Display for OverrideSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}={}", self.cell, self.destination.as_str()),
            None => write!(f, "{}={}", self.cell, self.destination.as_str()),
        }
    }
}

/// The planner's override for `spec` in this notebook, or why there is none.
pub fn resolve(spec: &OverrideSpec, analysis: &Analysis) -> Result<Override, String> {
    let fail = |why: String| Err(format!("--override {spec}: {why}"));
    let Some(cell) = analysis.model.cell(spec.cell) else {
        let total = analysis.notebook.cells.len();
        return if spec.cell < total {
            fail(format!("cell {} is not a code cell", spec.cell))
        } else {
            fail(format!(
                "the notebook has {total} cells (0 to {})",
                total.saturating_sub(1)
            ))
        };
    };
    let statement = match spec.line {
        None => None,
        Some(line) => {
            let found = cell
                .statements
                .iter()
                .position(|s| s.span.line <= line && line <= s.span.end_line);
            match found {
                Some(i) => Some(i),
                None => {
                    return fail(format!(
                        "cell {} has no statement on line {line}",
                        spec.cell
                    ))
                }
            }
        }
    };
    Ok(Override {
        cell: spec.cell,
        statement,
        destination: spec.destination,
    })
}
