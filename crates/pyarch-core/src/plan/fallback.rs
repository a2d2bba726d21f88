//! Fallback: a notebook that cannot be planned sensibly (star imports, `exec`,
//! `global` writes, cells that do not parse) is exported as one function per cell,
//! working on module globals, called in order by the entrypoint.

use super::assign::Item;
use super::extract::{facts, source_ref};
use super::naming::Namer;
use super::*;
use crate::notebook::CellKind;
use std::collections::HashMap;

/// Where the cell functions go.
pub(super) struct Out<'a> {
    pub functions: &'a mut Vec<PlannedFunction>,
    pub steps: &'a mut Vec<Step>,
    pub function_of_item: &'a mut HashMap<usize, String>,
    pub symbols: &'a mut BTreeMap<String, String>,
}

/// One function per code cell (named after the heading above it or its role), each
/// declaring `global` the names the cell binds, and a step calling it.
pub(super) fn cell_functions(
    analysis: &Analysis,
    items: &mut [Item],
    heads: &HashMap<usize, String>,
    namer: &mut Namer,
    out: &mut Out,
) {
    // Star imports and `__future__` imports cannot live inside a function.
    for item in items.iter_mut() {
        let f = facts(analysis, item);
        if f.imports
            .iter()
            .any(|i| i.local == "*" || i.target.starts_with("__future__"))
            && f.kind == crate::syntax::StmtKind::Import
        {
            item.dest = Destination::Drop;
        }
    }
    for cell in &analysis.notebook.cells {
        if cell.kind != CellKind::Code {
            continue;
        }
        let Some(model_cell) = analysis.model.cell(cell.index) else {
            continue;
        };
        if !model_cell.is_python {
            out.steps.push(Step::Skipped {
                cell: cell.index,
                reason: "not Python (cell magic)".into(),
            });
            continue;
        }
        let cell_items: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].cell == cell.index)
            .collect();
        let kept: Vec<usize> = cell_items
            .iter()
            .copied()
            .filter(|&i| items[i].dest != Destination::Drop)
            .collect();
        if kept.is_empty() && model_cell.syntax_error.is_none() {
            continue;
        }
        let mut globals: Vec<String> = Vec::new();
        for &i in &kept {
            for b in &items[i].binds {
                if !globals.contains(b) && b != "*" {
                    globals.push(b.clone());
                }
            }
        }
        let role = kept
            .iter()
            .map(|&i| items[i].role)
            .find(|r| !matches!(r, Role::Import | Role::Setup));
        let heading = heads.get(&cell.index).cloned().unwrap_or_default();
        let base = if !heading.is_empty() {
            heading.clone()
        } else {
            role.map_or("setup".to_string(), |r| r.as_str().to_string())
        };
        let name = namer.unique(&format!("cell_{}_{}", cell.index, base));
        let stmts: Vec<usize> = kept.iter().map(|&i| items[i].stmt).collect();
        for &i in &kept {
            out.function_of_item.insert(i, name.clone());
        }
        out.functions.push(PlannedFunction {
            name: name.clone(),
            destination: Destination::Entrypoint,
            params: Vec::new(),
            returns: Vec::new(),
            sources: vec![source_ref(analysis, cell.index, &[])],
            kind: FunctionKind::Cell,
            statements: stmts
                .iter()
                .map(|&s| StmtRef {
                    cell: cell.index,
                    statement: s,
                })
                .collect(),
            mutates: Vec::new(),
            role,
            uses: Vec::new(),
            globals,
        });
        out.symbols.insert(name, MODULE_CLI.into());
        out.steps.push(Step::Call {
            function: out.functions.len() - 1,
        });
    }
}
