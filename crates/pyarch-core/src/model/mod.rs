//! The notebook model: every code cell masked, parsed and described statement by
//! statement, with calls resolved through import aliases, in-place mutations found
//! through the knowledge tables, and the def-use graph across cells. Pure.

pub mod defuse;

use crate::finding::Span;
use crate::ipython::{self, MaskedCell};
use crate::knowledge::{self, paths::PathKind};
use crate::notebook::{CellKind, Notebook};
use crate::syntax::{self, QualifiedName, StmtFacts, SyntaxError};
use crate::text::LineIndex;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

pub use defuse::{DefUseEdge, DefUseGraph, EdgeKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MutationKind {
    /// `df['a'] = …`
    SubscriptStore,
    /// `obj.attr = …`
    AttributeStore,
    /// `del df['a']`
    Delete,
    /// `lst.append(x)`, `model.fit(X, y)`
    Method(String),
    /// `df.fillna(0, inplace=True)`
    Inplace(String),
    /// `x += 1` on an existing name
    AugAssign,
}

/// One statement of the notebook: cell index (among all cells) and statement index.
/// Ordered as the notebook reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct StmtRef {
    pub cell: usize,
    pub statement: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mutation {
    pub name: String,
    pub kind: MutationKind,
    /// Byte range in the cell source.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathLiteral {
    pub value: String,
    pub kind: PathKind,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub facts: StmtFacts,
    /// Lines and columns in the cell source.
    pub span: Span,
    /// One per call in `facts.calls`: the callee with import aliases resolved
    /// (`pd.read_csv` → `pandas.read_csv`).
    pub qualified_calls: Vec<QualifiedName>,
    pub mutations: Vec<Mutation>,
    pub paths: Vec<PathLiteral>,
    /// Index into the cell's magics when this statement is a masked magic.
    pub magic: Option<usize>,
}

impl Statement {
    /// The qualified callee of call `i` of `facts.calls` (`pandas.read_csv`), or `""`.
    pub fn qualified_call(&self, i: usize) -> &str {
        self.qualified_calls
            .get(i)
            .map_or("", crate::syntax::QualifiedName::as_str)
    }

    pub fn defines(&self, name: &str) -> bool {
        self.facts.defines.iter().any(|d| d == name)
    }

    pub fn reads(&self, name: &str) -> bool {
        self.facts.reads.iter().any(|r| r.name == name)
    }

    pub fn mutates(&self, name: &str) -> bool {
        self.mutations.iter().any(|m| m.name == name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellModel {
    /// Index among all cells.
    pub index: usize,
    pub masked: MaskedCell,
    /// False for cells whose body is not Python (`%%bash`, `%%html`, …).
    pub is_python: bool,
    pub statements: Vec<Statement>,
    pub syntax_error: Option<SyntaxError>,
    #[serde(skip)]
    pub lines: LineIndexHolder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockerKind {
    /// `from x import *`
    StarImport,
    /// `exec`, `eval`, `globals()`
    Dynamic,
    /// a function that assigns or changes notebook globals
    GlobalWrites,
    /// a cell that does not parse
    Unparsable,
}

/// Something that stops static name tracking, at a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocker {
    pub kind: BlockerKind,
    pub cell: usize,
    /// Byte range in the cell source.
    pub range: Range<usize>,
}

/// A [`LineIndex`] that compares equal to any other, so models can derive `PartialEq`.
#[derive(Debug, Clone)]
pub struct LineIndexHolder(pub LineIndex);

impl PartialEq for LineIndexHolder {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotebookModel {
    /// One per code cell, in notebook order.
    pub cells: Vec<CellModel>,
    /// Local name → what it refers to, from every import in the notebook.
    pub aliases: HashMap<String, String>,
    /// Modules star-imported somewhere (`from x import *`).
    pub star_imports: Vec<String>,
    pub notebook_order: DefUseGraph,
    /// Present when at least one cell has an execution count.
    pub execution_order: Option<DefUseGraph>,
}

impl NotebookModel {
    pub fn build(notebook: &Notebook) -> NotebookModel {
        NotebookModel::build_with_progress(notebook, &mut |_, _| {})
    }

    /// [`build`](Self::build), calling `parsed(done, total)` before the first code
    /// cell and after each one is masked and parsed.
    pub fn build_with_progress(
        notebook: &Notebook,
        parsed: &mut dyn FnMut(usize, usize),
    ) -> NotebookModel {
        let code: Vec<_> = notebook
            .cells
            .iter()
            .filter(|c| c.kind == CellKind::Code)
            .collect();
        let total = code.len();
        parsed(0, total);
        let mut cells: Vec<CellModel> = Vec::with_capacity(total);
        for c in code {
            cells.push(parse_cell(c.index, &c.source));
            parsed(cells.len(), total);
        }
        let (aliases, star_imports) = collect_aliases(&cells);
        for cell in &mut cells {
            for stmt in &mut cell.statements {
                stmt.qualified_calls = stmt
                    .facts
                    .calls
                    .iter()
                    .map(|c| c.callee.qualify(&aliases))
                    .collect();
            }
        }
        let notebook_order = DefUseGraph::build(&cells, cells.iter().map(|c| c.index).collect());
        let execution_order =
            execution_sequence(notebook).map(|order| DefUseGraph::build(&cells, order));
        NotebookModel {
            cells,
            aliases,
            star_imports,
            notebook_order,
            execution_order,
        }
    }

    pub fn cell(&self, index: usize) -> Option<&CellModel> {
        self.cells.iter().find(|c| c.index == index)
    }

    /// Every statement with its cell, in notebook order.
    pub fn statements(&self) -> impl Iterator<Item = (&CellModel, &Statement)> {
        self.cells
            .iter()
            .flat_map(|c| c.statements.iter().map(move |s| (c, s)))
    }

    /// What stops the notebook from being split into functions with explicit inputs
    /// and outputs: names that cannot be tracked statically. The planner falls back
    /// to one function per cell when any exist; PA207 reports them.
    pub fn modularity_blockers(&self) -> Vec<Blocker> {
        let mut out = Vec::new();
        for (cell, stmt) in self.statements() {
            let at = |kind| Blocker {
                kind,
                cell: cell.index,
                range: stmt.facts.range.clone(),
            };
            if stmt.facts.imports.iter().any(|i| i.local == "*") {
                out.push(at(BlockerKind::StarImport));
            }
            if stmt.facts.dynamic {
                out.push(at(BlockerKind::Dynamic));
            }
            if !stmt.facts.global_writes.is_empty() {
                out.push(at(BlockerKind::GlobalWrites));
            }
        }
        for cell in self.cells.iter().filter(|c| c.is_python) {
            if let Some(error) = &cell.syntax_error {
                out.push(Blocker {
                    kind: BlockerKind::Unparsable,
                    cell: cell.index,
                    range: error.offset..error.offset,
                });
            }
        }
        out
    }

    /// Resolves a name chain through the notebook's imports.
    pub fn qualify(&self, name: &QualifiedName) -> QualifiedName {
        name.qualify(&self.aliases)
    }
}

/// Masks IPython syntax, parses, and describes one code cell.
pub fn parse_cell(index: usize, source: &str) -> CellModel {
    let masked = ipython::mask(source);
    let lines = LineIndex::new(source);
    let is_python = masked.cell_magic.as_ref().is_none_or(|m| m.python_body);
    let parsed = if is_python {
        syntax::parse_cell(&masked.text)
    } else {
        syntax::ParsedCell::default()
    };
    let statements = parsed
        .statements
        .into_iter()
        .map(|facts| describe(facts, source, &lines, &masked))
        .collect();
    CellModel {
        index,
        masked,
        is_python,
        statements,
        syntax_error: parsed.error,
        lines: LineIndexHolder(lines),
    }
}

fn describe(
    mut facts: StmtFacts,
    source: &str,
    lines: &LineIndex,
    masked: &MaskedCell,
) -> Statement {
    // A statement that ends inside masked IPython syntax (`x = !ls` parses as `x = 0  `,
    // `%%time` as `0     `) ends where the magic ends, so its range is the whole
    // statement of the source.
    for m in &masked.magics {
        if m.range.start < facts.range.end && facts.range.end < m.range.end {
            facts.range.end = m.range.end;
        }
    }
    let span = lines.span(source, facts.range.clone());
    let magic = masked.magics.iter().position(|m| {
        m.range.start >= facts.range.start
            && m.range.start < facts.range.end.max(facts.range.start + 1)
    });
    let paths = facts
        .strings
        .iter()
        .filter_map(|s| {
            knowledge::paths::classify(&s.value).map(|kind| PathLiteral {
                value: s.value.clone(),
                kind,
                range: s.range.clone(),
            })
        })
        .collect();
    let mutations = mutations(&facts);
    Statement {
        facts,
        span,
        qualified_calls: Vec::new(),
        mutations,
        paths,
        magic,
    }
}

/// In-place changes at module scope, found through the mutation table.
fn mutations(facts: &StmtFacts) -> Vec<Mutation> {
    let mut out: Vec<Mutation> = facts
        .stores
        .iter()
        .map(|s| Mutation {
            name: s.name.clone(),
            kind: match s.kind {
                syntax::StoreKind::Subscript => MutationKind::SubscriptStore,
                syntax::StoreKind::Attribute => MutationKind::AttributeStore,
                syntax::StoreKind::Delete => MutationKind::Delete,
            },
            range: s.range.clone(),
        })
        .collect();
    for call in facts.calls.iter().filter(|c| !c.deferred) {
        let Some(root) = &call.root else { continue };
        if call.callee == *root || knowledge::NEVER_MUTATED_ROOTS.contains(&root.as_str()) {
            continue;
        }
        // Only a method called directly on the name (`df.fillna`, `df['a'].fillna`),
        // not one on the result of a call (`df.copy().fillna`).
        if call.callee.has_call() {
            continue;
        }
        let inplace = matches!(
            call.keyword("inplace").map(|k| &k.value),
            Some(syntax::Literal::Bool(true))
        );
        let kind = if inplace {
            MutationKind::Inplace(call.method.clone())
        } else if knowledge::is_mutating_method(&call.method) && call.callee.dots() >= 1 {
            MutationKind::Method(call.method.clone())
        } else {
            continue;
        };
        out.push(Mutation {
            name: root.clone(),
            kind,
            range: call.range.clone(),
        });
    }
    if facts.kind == syntax::StmtKind::AugAssign {
        for t in &facts.targets {
            out.push(Mutation {
                name: t.clone(),
                kind: MutationKind::AugAssign,
                range: facts.range.clone(),
            });
        }
    }
    out
}

fn collect_aliases(cells: &[CellModel]) -> (HashMap<String, String>, Vec<String>) {
    let mut aliases = HashMap::new();
    let mut stars = Vec::new();
    for stmt in cells.iter().flat_map(|c| &c.statements) {
        for import in &stmt.facts.imports {
            if import.local == "*" {
                stars.push(import.target.clone());
            } else {
                aliases
                    .entry(import.local.clone())
                    .or_insert_with(|| import.target.clone());
            }
        }
    }
    (aliases, stars)
}

/// Code cells ordered by execution count, or `None` when nothing ran.
fn execution_sequence(notebook: &Notebook) -> Option<Vec<usize>> {
    let mut executed: Vec<(u32, usize)> = notebook
        .code_cells()
        .filter_map(|c| c.execution_count.map(|n| (n, c.index)))
        .collect();
    if executed.is_empty() {
        return None;
    }
    executed.sort();
    Some(executed.into_iter().map(|(_, i)| i).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_come_from_the_table_and_inplace() {
        let cell = parse_cell(
            0,
            "df.fillna(0, inplace=True)\nlst.append(1)\nmodel.fit(X, y)\ndf['a'] = 1\ndf2 = df.copy().fillna(0)\n",
        );
        let found: Vec<(String, MutationKind)> = cell
            .statements
            .iter()
            .flat_map(|s| s.mutations.iter().map(|m| (m.name.clone(), m.kind.clone())))
            .collect();
        assert_eq!(
            found,
            [
                ("df".into(), MutationKind::Inplace("fillna".into())),
                ("lst".into(), MutationKind::Method("append".into())),
                ("model".into(), MutationKind::Method("fit".into())),
                ("df".into(), MutationKind::SubscriptStore),
            ]
        );
    }

    #[test]
    fn magics_keep_positions() {
        let cell = parse_cell(0, "%matplotlib inline\nx = !ls\ny = x  # 한글\n");
        assert!(cell.syntax_error.is_none());
        assert_eq!(cell.statements.len(), 3);
        assert_eq!(cell.statements[2].span.line, 3);
        assert!(cell.statements[0].magic.is_some());
        assert_eq!(cell.statements[1].facts.defines, ["x"]);
    }
}
