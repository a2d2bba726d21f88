//! The def-use graph across cells for one run order (notebook order or execution
//! order): which cell's definition each read sees, and which reads see none.

use super::CellModel;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// `to` reads a name that `from` bound.
    Def,
    /// `to` changes in place a value that `from` bound.
    Mutation,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DefUseEdge {
    /// Cell index (among all cells) of the definition.
    pub from: usize,
    /// Cell index of the use.
    pub to: usize,
    pub name: String,
    pub kind: EdgeKind,
}

/// A read that no earlier cell (in this order) defines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnboundRead {
    pub cell: usize,
    /// Statement index within the cell.
    pub statement: usize,
    pub name: String,
    pub range: Range<usize>,
    /// Through a call to a function whose body reads the global.
    pub via_function: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefUseGraph {
    /// Cell indices in run order.
    pub order: Vec<usize>,
    pub edges: Vec<DefUseEdge>,
    pub unbound: Vec<UnboundRead>,
}

impl DefUseGraph {
    pub fn build(cells: &[CellModel], order: Vec<usize>) -> DefUseGraph {
        let by_index: HashMap<usize, &CellModel> = cells.iter().map(|c| (c.index, c)).collect();
        let functions = function_free_vars(cells);
        let mut live: HashMap<&str, usize> = HashMap::new();
        let mut edges = BTreeSet::new();
        let mut unbound = Vec::new();
        for &index in &order {
            let Some(cell) = by_index.get(&index) else {
                continue;
            };
            for (si, stmt) in cell.statements.iter().enumerate() {
                let direct = stmt
                    .facts
                    .reads
                    .iter()
                    .map(|r| (r.name.as_str(), r.range.clone(), None));
                let indirect = stmt
                    .facts
                    .calls
                    .iter()
                    .filter(|c| !c.deferred && c.callee == c.method)
                    .filter_map(|c| functions.get(c.callee.as_str()).map(|vars| (c, vars)))
                    .flat_map(|(c, vars)| {
                        vars.iter()
                            .map(move |v| (v.as_str(), c.range.clone(), Some(c.callee.to_string())))
                    });
                for (name, range, via_function) in direct.chain(indirect) {
                    match live.get(name) {
                        Some(&from) if from != index => {
                            edges.insert(DefUseEdge {
                                from,
                                to: index,
                                name: name.to_string(),
                                kind: EdgeKind::Def,
                            });
                        }
                        Some(_) => {}
                        None => unbound.push(UnboundRead {
                            cell: index,
                            statement: si,
                            name: name.to_string(),
                            range,
                            via_function,
                        }),
                    }
                }
                for m in &stmt.mutations {
                    if let Some(&from) = live.get(m.name.as_str()) {
                        if from != index {
                            edges.insert(DefUseEdge {
                                from,
                                to: index,
                                name: m.name.clone(),
                                kind: EdgeKind::Mutation,
                            });
                        }
                    }
                    live.insert(m.name.as_str(), index);
                }
                for d in stmt.facts.defines.iter().chain(&stmt.facts.global_writes) {
                    live.insert(d.as_str(), index);
                }
            }
        }
        DefUseGraph {
            order,
            edges: edges.into_iter().collect(),
            unbound,
        }
    }

    /// Position of a cell in this run order.
    pub fn position(&self, cell: usize) -> Option<usize> {
        self.order.iter().position(|&c| c == cell)
    }
}

/// Function name → the globals its body reads, for every `def` in the notebook.
fn function_free_vars(cells: &[CellModel]) -> HashMap<&str, &[String]> {
    cells
        .iter()
        .flat_map(|c| &c.statements)
        .filter(|s| s.facts.kind == crate::syntax::StmtKind::FunctionDef)
        .filter_map(|s| Some((s.facts.def_name.as_deref()?, s.facts.free_vars.as_slice())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_cell;

    fn graph(sources: &[&str], order: &[usize]) -> DefUseGraph {
        let cells: Vec<_> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| parse_cell(i, s))
            .collect();
        DefUseGraph::build(&cells, order.to_vec())
    }

    #[test]
    fn edges_follow_the_run_order() {
        let sources = ["x = 1", "y = x + 1", "x = 5"];
        let g = graph(&sources, &[0, 1, 2]);
        assert_eq!(g.edges.len(), 1);
        assert_eq!((g.edges[0].from, g.edges[0].to), (0, 1));
        // Run 2 before 1: cell 1 sees cell 2's x.
        let g = graph(&sources, &[0, 2, 1]);
        assert_eq!((g.edges[0].from, g.edges[0].to), (2, 1));
    }

    #[test]
    fn unbound_reads_and_function_globals() {
        let g = graph(
            &["def f():\n    return SEED\n", "f()", "SEED = 1"],
            &[0, 1, 2],
        );
        assert_eq!(g.unbound.len(), 1);
        assert_eq!(g.unbound[0].name, "SEED");
        assert_eq!(g.unbound[0].via_function.as_deref(), Some("f"));
    }

    #[test]
    fn mutations_make_edges() {
        let g = graph(
            &["df = load()", "df.dropna(inplace=True)", "print(df)"],
            &[0, 1, 2],
        );
        assert!(g
            .edges
            .iter()
            .any(|e| e.kind == EdgeKind::Mutation && e.from == 0 && e.to == 1));
        assert!(g
            .edges
            .iter()
            .any(|e| e.kind == EdgeKind::Def && e.from == 1 && e.to == 2));
    }
}
