//! The run-it-all sequence and the functions: runs of consecutive statements with the
//! same destination become functions whose parameters are the pipeline values they
//! read and whose return values are the ones they bind or change that later code reads.

use super::assign::{Assigned, Item, Kind, RESERVED};
use super::dependencies::dependencies;
use super::liveness::{self, Io, Signature};
use super::naming::{headings, run_names, subject, NameContext, Namer};
use super::paths::{lift_paths, word_offsets, JoinedPath};
use super::python;
use super::split::Part;
use super::use_cases::{self, Phase, StepInfo, StepPhase};
use super::*;
use crate::knowledge;
use crate::syntax::StmtFacts;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupKind {
    Run(Destination),
    Inline,
    Explore,
}

struct Group {
    kind: GroupKind,
    cell: usize,
    items: Vec<usize>,
}

pub(super) fn facts<'a>(analysis: &'a Analysis, item: &Item) -> &'a StmtFacts {
    &analysis.model.cell(item.cell).expect("cell").statements[item.stmt].facts
}

pub(super) fn source_ref(analysis: &Analysis, cell: usize, stmts: &[usize]) -> SourceRef {
    let model_cell = analysis.model.cell(cell);
    let (first, last) = match model_cell {
        Some(c) if !stmts.is_empty() => {
            let first = stmts
                .iter()
                .filter_map(|&s| c.statements.get(s))
                .map(|s| s.span.line)
                .min()
                .unwrap_or(1);
            let last = stmts
                .iter()
                .filter_map(|&s| c.statements.get(s))
                .map(|s| s.span.end_line)
                .max()
                .unwrap_or(first);
            (first, last)
        }
        _ => {
            let lines = analysis
                .notebook
                .cells
                .get(cell)
                .map_or(1, |c| c.source.lines().count().max(1)) as u32;
            (1, lines)
        }
    };
    SourceRef {
        cell,
        cell_id: analysis.notebook.cells.get(cell).and_then(|c| c.id.clone()),
        first_line: first,
        last_line: last,
    }
}

/// `pd` → `import pandas as pd`, from the notebook's plain import statements.
fn import_lines(analysis: &Analysis) -> (BTreeMap<String, String>, Vec<String>) {
    let mut lines = BTreeMap::new();
    let mut stars = Vec::new();
    for cell in &analysis.model.cells {
        let Some(source) = analysis
            .notebook
            .cells
            .get(cell.index)
            .map(|c| c.source.as_str())
        else {
            continue;
        };
        for stmt in &cell.statements {
            if stmt.facts.kind != crate::syntax::StmtKind::Import {
                continue;
            }
            let text = source
                .get(stmt.facts.range.clone())
                .unwrap_or("")
                .trim_start();
            let from_module = text.strip_prefix("from").and_then(|rest| {
                let rest = rest.trim_start();
                let end = rest.find(|c: char| c.is_whitespace())?;
                Some(rest[..end].to_string())
            });
            for imp in &stmt.facts.imports {
                if imp.local == "*" {
                    let line = format!("from {} import *", imp.target);
                    if !stars.contains(&line) {
                        stars.push(line);
                    }
                    continue;
                }
                if imp.target.starts_with("__future__") {
                    continue;
                }
                let alias = source
                    .get(imp.range.clone())
                    .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
                    .unwrap_or_default();
                let alias = if alias.is_empty() {
                    imp.local.clone()
                } else {
                    alias
                };
                let line = match &from_module {
                    Some(m) => format!("from {m} import {alias}"),
                    None => format!("import {alias}"),
                };
                lines.entry(imp.local.clone()).or_insert(line);
            }
        }
    }
    (lines, stars)
}

pub(super) fn extract(
    analysis: &Analysis,
    assigned: Assigned,
    package: String,
    level: u8,
    mut notes: Vec<crate::i18n::Message>,
) -> Plan {
    let Assigned {
        mut items,
        import_names,
        config_names,
        moved_defs,
        fallback,
        mut bound,
        load_splits,
    } = assigned;
    let heads = headings(analysis);
    let (imports, star_imports) = import_lines(analysis);
    let mut namer = namer_avoiding(&bound, imports.keys());
    let shown_results = if fallback {
        Vec::new()
    } else {
        shown::shown_results(analysis, &items, &mut namer)
    };
    bound.extend(shown_results.iter().map(|s| s.name.clone()));
    let repo_var = free_name(
        &bound,
        &["repo", "repository", "file_repo", "_repo"],
        "_pyarch_repo",
    );
    let uow_var = free_name(&bound, &["uow", "unit_of_work", "_uow"], "_pyarch_uow");
    let module = ModuleLevel {
        imports: &import_names,
        config: &config_names,
        moved: &moved_defs,
        bound: &bound,
    };

    notes.extend(magic_notes(analysis, &items));

    let mut functions: Vec<PlannedFunction> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    let mut function_of_item: HashMap<usize, String> = HashMap::new();
    let mut symbols: BTreeMap<String, String> = BTreeMap::new();
    // One per step (not in fallback mode): what the use cases are cut from.
    let mut step_infos: Vec<StepInfo> = Vec::new();
    // Domain statements that run in their use case rather than in a function.
    let mut inlined: HashSet<usize> = HashSet::new();

    let mut out = RunsOut {
        fallback: fallback::Out {
            functions: &mut functions,
            steps: &mut steps,
            function_of_item: &mut function_of_item,
            symbols: &mut symbols,
        },
        step_infos: &mut step_infos,
        inlined: &mut inlined,
    };
    if fallback {
        fallback::cell_functions(analysis, &mut items, &heads, &mut namer, &mut out.fallback);
    } else {
        let shown = shown_results.as_slice();
        cut_pipeline(
            analysis, &items, module, &heads, shown, &mut namer, &mut out,
        );
    }

    // Path literals of loads and saves become config constants (not in fallback mode,
    // where the cells run on module globals as they are).
    let (path_constants, path_substitutions, joined_constants) = if fallback {
        (Vec::new(), Vec::new(), HashMap::new())
    } else {
        lift_paths(analysis, &items, &namer.taken, &config_names)
    };
    record_path_uses(
        analysis,
        &path_substitutions,
        &joined_constants,
        &mut functions,
        &mut steps,
    );
    for c in &path_constants {
        symbols.insert(c.name.clone(), MODULE_CONFIG.into());
    }

    let (config, config_uses) =
        config_statements(&items, &path_constants, &joined_constants, &import_names);

    let mut placements = placements(&items, fallback, &inlined, &function_of_item);

    let mut api = if fallback {
        None
    } else {
        api_plan(analysis, &items, &bound, &moved_defs, &mut notes)
    };
    if let Some(a) = api.as_mut() {
        serve_saved_model(
            a,
            analysis,
            &functions,
            &mut namer,
            &mut symbols,
            &mut notes,
        );
    }
    for name in &config_names {
        symbols.insert(name.clone(), MODULE_CONFIG.into());
    }
    let dependencies = dependencies(analysis, api.is_some(), &mut notes);
    let use_cases = if fallback {
        Vec::new()
    } else {
        let keep = served_functions(api.as_ref());
        let shown: HashSet<String> = shown_results.iter().map(|s| s.name.clone()).collect();
        let planned = use_cases::plan(&step_infos, |n| module.is_pipeline(n), &keep, &shown);
        add_use_cases(
            analysis,
            planned,
            &steps,
            &mut functions,
            &mut namer,
            &mut symbols,
        )
    };
    place_in_use_cases(&mut placements, &use_cases, &functions);
    let printed_cells = printed_cells(analysis, &items, fallback);
    Plan {
        package,
        lang: crate::i18n::Lang::En,
        cell_stages: BTreeMap::new(),
        level,
        placements,
        functions,
        notes,
        steps,
        fallback,
        dependencies,
        config,
        config_uses,
        path_constants,
        path_substitutions,
        load_splits,
        shown_results,
        imports,
        star_imports,
        symbols,
        repo_var,
        uow_var,
        use_cases,
        printed_cells,
        api,
    }
}

/// The notebook's own functions the API serves: what it needs stays in the pipeline.
fn served_functions(api: Option<&ApiPlan>) -> HashSet<String> {
    api.iter()
        .filter(|a| a.module.is_none())
        .map(|a| a.function.clone())
        .collect()
}

/// The config names that replace path literals become names the functions and steps
/// use; a config constant that only a joined path read is no longer imported there.
fn record_path_uses(
    analysis: &Analysis,
    path_substitutions: &[PathSubstitution],
    joined_constants: &HashMap<String, JoinedPath>,
    functions: &mut [PlannedFunction],
    steps: &mut [Step],
) {
    for sub in path_substitutions {
        let at = StmtRef {
            cell: sub.cell,
            statement: sub.statement,
        };
        let uses = match functions.iter_mut().find(|f| f.statements.contains(&at)) {
            Some(f) => Some(&mut f.uses),
            None => steps.iter_mut().find_map(|s| match s.code_mut() {
                Some((cell, statements, uses))
                    if cell == sub.cell && statements.contains(&sub.statement) =>
                {
                    Some(uses)
                }
                _ => None,
            }),
        };
        if let Some(uses) = uses {
            if !uses.contains(&sub.name) {
                uses.push(sub.name.clone());
            }
        }
    }
    // A config constant that only a joined path read is no longer imported there.
    if !joined_constants.is_empty() {
        let prune = |uses: &mut Vec<String>, stmts: &mut dyn Iterator<Item = StmtRef>| {
            let stmts: Vec<StmtRef> = stmts.collect();
            let subs: Vec<&PathSubstitution> = path_substitutions
                .iter()
                .filter(|p| {
                    stmts.contains(&StmtRef {
                        cell: p.cell,
                        statement: p.statement,
                    })
                })
                .collect();
            let candidates: BTreeSet<&String> = subs
                .iter()
                .filter_map(|p| joined_constants.get(&p.name))
                .flat_map(|j| j.names.iter())
                .collect();
            for name in candidates {
                let elsewhere = stmts.iter().any(|at| {
                    let (Some(cell), Some(stmt)) = (
                        analysis.notebook.cells.get(at.cell),
                        analysis
                            .model
                            .cell(at.cell)
                            .and_then(|c| c.statements.get(at.statement)),
                    ) else {
                        return true;
                    };
                    let within = |i: usize| {
                        subs.iter().any(|p| {
                            p.cell == at.cell && p.statement == at.statement && p.range.contains(&i)
                        })
                    };
                    word_offsets(&cell.source, &stmt.facts.range, name).any(|i| !within(i))
                });
                if !elsewhere {
                    uses.retain(|u| u != name);
                }
            }
        };
        for f in functions.iter_mut() {
            prune(&mut f.uses, &mut f.statements.iter().copied());
        }
        for (cell, statements, uses) in steps.iter_mut().filter_map(Step::code_mut) {
            prune(
                uses,
                &mut statements
                    .iter()
                    .map(|&statement| StmtRef { cell, statement }),
            );
        }
    }
}

/// The config statements, in order, and the imported names `config.py` needs (theirs,
/// and those of joined paths: `os.path.join`, `Path`).
fn config_statements(
    items: &[Item],
    path_constants: &[PathConstant],
    joined_constants: &HashMap<String, JoinedPath>,
    import_names: &BTreeSet<String>,
) -> (Vec<StmtRef>, Vec<String>) {
    let config: Vec<StmtRef> = items
        .iter()
        .filter(|i| i.dest == Destination::Config)
        .map(|i| StmtRef {
            cell: i.cell,
            statement: i.stmt,
        })
        .collect();
    let mut config_uses: Vec<String> = Vec::new();
    // Joined paths call imported functions (`os.path.join`, `Path`) in `config.py`.
    for c in path_constants {
        for r in joined_constants
            .get(&c.name)
            .map_or(&[][..], |j| &j.imports[..])
        {
            if import_names.contains(r) && !config_uses.contains(r) {
                config_uses.push(r.clone());
            }
        }
    }
    for i in items.iter().filter(|i| i.dest == Destination::Config) {
        for r in &i.reads {
            if import_names.contains(r) && !config_uses.contains(r) {
                config_uses.push(r.clone());
            }
        }
    }
    (config, config_uses)
}

/// Where every statement went; module-level imports go where their first user goes,
/// and single domain statements run in their use case (the service layer).
fn placements(
    items: &[Item],
    fallback: bool,
    inlined: &HashSet<usize>,
    function_of_item: &HashMap<usize, String>,
) -> Vec<Placement> {
    let mut placements = Vec::new();
    for (idx, item) in items.iter().enumerate() {
        // A split statement is placed where its load goes: one placement per statement.
        if matches!(item.part, Part::Rest(_)) {
            continue;
        }
        let mut destination = item.dest;
        if item.kind == Kind::Import && item.dest == Destination::Drop && !fallback {
            destination = items[idx + 1..]
                .iter()
                .chain(items[..idx].iter())
                .find(|o| {
                    o.dest != Destination::Drop && o.reads.iter().any(|r| item.binds.contains(r))
                })
                .map_or(Destination::Drop, |o| o.dest);
        }
        if inlined.contains(&idx) {
            destination = Destination::Service;
        }
        placements.push(Placement {
            cell: item.cell,
            statement: item.stmt,
            destination,
            function: function_of_item.get(&idx).cloned(),
            overridden: item.overridden,
        });
    }
    placements
}

/// The notebook's `def`s and `class`es that leave the pipeline, moved as they are.
fn moved_functions(
    analysis: &Analysis,
    items: &[Item],
    import_names: &BTreeSet<String>,
    config_names: &BTreeSet<String>,
    moved_defs: &HashMap<String, Destination>,
    functions: &mut Vec<PlannedFunction>,
    symbols: &mut BTreeMap<String, String>,
) {
    for item in items {
        if item.kind != Kind::Def {
            continue;
        }
        let Some(name) = &item.def_name else { continue };
        let Some(&dest) = moved_defs.get(name) else {
            continue;
        };
        let f = facts(analysis, item);
        functions.push(PlannedFunction {
            name: name.clone(),
            destination: dest,
            params: f.params.clone(),
            returns: Vec::new(),
            sources: vec![source_ref(analysis, item.cell, &[item.stmt])],
            kind: FunctionKind::Moved,
            statements: vec![StmtRef {
                cell: item.cell,
                statement: item.stmt,
            }],
            mutates: Vec::new(),
            role: Some(item.role),
            uses: item
                .reads
                .iter()
                .filter(|r| {
                    *r != name
                        && (import_names.contains(*r)
                            || config_names.contains(*r)
                            || moved_defs.contains_key(*r))
                })
                .cloned()
                .collect(),
            globals: Vec::new(),
        });
        symbols.insert(name.clone(), dest.module().into());
    }
}

/// Names the notebook binds at module level: plain imports, config constants and the
/// `def`s and classes that moved.
#[derive(Clone, Copy)]
struct ModuleLevel<'a> {
    imports: &'a BTreeSet<String>,
    config: &'a BTreeSet<String>,
    moved: &'a HashMap<String, Destination>,
    /// Every name bound anywhere in the notebook.
    bound: &'a HashSet<String>,
}

impl ModuleLevel<'_> {
    fn is_module_level(&self, n: &str) -> bool {
        self.imports.contains(n) || self.config.contains(n) || self.moved.contains_key(n)
    }

    /// A name of the pipeline: bound by the notebook, not at module level.
    fn is_pipeline(&self, n: &str) -> bool {
        self.bound.contains(n) && !self.is_module_level(n)
    }
}

/// What cutting the runs into steps and functions reads.
struct RunContext<'a> {
    analysis: &'a Analysis,
    items: &'a [Item],
    module: ModuleLevel<'a>,
    heads: &'a HashMap<usize, String>,
    /// The notebook's own `def` names.
    defs: HashSet<String>,
    /// Where each name is last read.
    last_read: HashMap<&'a str, usize>,
    /// What the nested functions read.
    closure_needs: HashSet<&'a str>,
    /// Scores the notebook shows: a new binding where they are not a name.
    shown: &'a [ShownResult],
}

/// What cutting the runs writes.
struct RunsOut<'a, 'b> {
    fallback: fallback::Out<'b>,
    step_infos: &'a mut Vec<StepInfo>,
    inlined: &'a mut HashSet<usize>,
}

impl<'a> RunContext<'a> {
    fn new(
        analysis: &'a Analysis,
        items: &'a [Item],
        module: ModuleLevel<'a>,
        heads: &'a HashMap<usize, String>,
        shown: &'a [ShownResult],
    ) -> RunContext<'a> {
        let mut last_read: HashMap<&str, usize> = HashMap::new();
        for (idx, item) in items.iter().enumerate() {
            if item.dest == Destination::Drop {
                continue;
            }
            for r in &item.reads {
                last_read.insert(r.as_str(), idx);
            }
        }
        RunContext {
            analysis,
            items,
            module,
            heads,
            shown,
            defs: items
                .iter()
                .filter(|i| i.kind == Kind::Def)
                .filter_map(|i| i.def_name.clone())
                .collect(),
            last_read,
            closure_needs: items
                .iter()
                .filter(|i| i.closure)
                .flat_map(|i| i.reads.iter().map(String::as_str))
                .collect(),
        }
    }

    fn is_module_level(&self, n: &str) -> bool {
        self.module.is_module_level(n)
    }

    fn is_pipeline(&self, n: &str) -> bool {
        self.module.is_pipeline(n)
    }

    /// The module-level names the statements read, but for `exclude`.
    fn uses_of(&self, ids: &[usize], exclude: &HashSet<String>) -> Vec<String> {
        let mut out = Vec::new();
        for &i in ids {
            for r in &self.items[i].reads {
                if self.is_module_level(r) && !exclude.contains(r) && !out.contains(r) {
                    out.push(r.clone());
                }
            }
        }
        out
    }

    fn item_io(&self, i: usize) -> Io {
        let item = &self.items[i];
        let shown = self
            .shown
            .iter()
            .filter(|r| !r.bound && r.cell == item.cell && r.statement == item.stmt)
            .map(|r| r.name.clone());
        Io {
            reads: item.reads.clone(),
            binds: item.binds.iter().cloned().chain(shown).collect(),
            mutates: item.mutates.clone(),
            conditional: facts(self.analysis, item).kind == crate::syntax::StmtKind::Block,
            deferred: item.closure,
        }
    }

    fn closure_reads(&self, ids: &[usize]) -> Vec<String> {
        ids.iter()
            .filter(|&&i| self.items[i].closure)
            .flat_map(|&i| self.items[i].reads.iter().cloned())
            .collect()
    }
}

/// Not in fallback mode: the `def`s that move, then the runs cut into steps and
/// functions.
fn cut_pipeline(
    analysis: &Analysis,
    items: &[Item],
    module: ModuleLevel,
    heads: &HashMap<usize, String>,
    shown: &[ShownResult],
    namer: &mut Namer,
    out: &mut RunsOut,
) {
    moved_functions(
        analysis,
        items,
        module.imports,
        module.config,
        module.moved,
        out.fallback.functions,
        out.fallback.symbols,
    );
    let cx = RunContext::new(analysis, items, module, heads, shown);
    cut_runs(&cx, namer, out);
}

/// Cuts the runs of statements into steps: inline statements, exploration, and calls
/// of extracted functions (named once all are known), then records which function
/// each statement went to.
fn cut_runs(cx: &RunContext, namer: &mut Namer, out: &mut RunsOut) {
    let items = cx.items;
    let groups = group_runs(items, |i| rendered_lines(cx.analysis, i.cell, &[i.stmt]));
    let mut live: HashSet<String> = HashSet::new();
    // Steps with functions still unnamed: name them after all are known.
    let mut pending_names: Vec<(usize, Vec<String>)> = Vec::new();
    for g in &groups {
        // One domain statement is not worth a function of its own: it runs in its
        // use case (unless the user asked for the domain).
        let one_liner = g.kind == GroupKind::Run(Destination::Domain)
            && g.items.len() == 1
            && !items[g.items[0]].overridden;
        if one_liner {
            out.inlined.insert(g.items[0]);
        }
        let kind = if one_liner { GroupKind::Inline } else { g.kind };
        match kind {
            GroupKind::Inline | GroupKind::Run(Destination::Service) => {
                inline_step(cx, g, one_liner, &mut live, out);
            }
            GroupKind::Explore => explore_step(cx, g, out),
            GroupKind::Run(dest) => {
                let candidates = function_step(cx, g, dest, &mut live, out);
                pending_names.push((out.fallback.functions.len() - 1, candidates));
            }
        }
    }
    let functions = &mut *out.fallback.functions;
    let (indices, candidates): (Vec<usize>, Vec<Vec<String>>) = pending_names.into_iter().unzip();
    for (fi, name) in indices.into_iter().zip(namer.choose(&candidates)) {
        functions[fi].name = name.clone();
        if functions[fi].kind != FunctionKind::Method {
            out.fallback
                .symbols
                .insert(name, functions[fi].destination.module().to_string());
        }
    }
    record_function_of_items(items, &groups, out);
}

/// Inline statements (and service-layer runs, which the use cases hold).
fn inline_step(
    cx: &RunContext,
    g: &Group,
    one_liner: bool,
    live: &mut HashSet<String>,
    out: &mut RunsOut,
) {
    let items = cx.items;
    for &i in &g.items {
        for b in &items[i].binds {
            if cx.is_pipeline(b) {
                live.insert(b.clone());
            }
        }
    }
    out.fallback.steps.push(Step::Inline {
        cell: g.cell,
        statements: g.items.iter().map(|&i| items[i].stmt).collect(),
        uses: cx.uses_of(&g.items, &HashSet::new()),
    });
    let phase = match g.kind {
        _ if one_liner => StepPhase::Transform,
        GroupKind::Run(_) => StepPhase::Model(model_phase(g.items.iter().map(|&i| items[i].role))),
        _ => StepPhase::Attach,
    };
    out.step_infos.push(StepInfo {
        io: g.items.iter().map(|&i| cx.item_io(i)).collect(),
        phase,
        closure_reads: cx.closure_reads(&g.items),
        subject: model_subject(g.items.iter().map(|&i| &items[i])),
        saves_submission: false,
        look: g
            .items
            .iter()
            .all(|&i| matches!(items[i].role, Role::Explore | Role::Visualize)),
        defines: g
            .items
            .iter()
            .filter_map(|&i| items[i].def_name.clone())
            .collect(),
        cell: g.cell,
        lines: rendered_lines(
            cx.analysis,
            g.cell,
            &g.items.iter().map(|&i| items[i].stmt).collect::<Vec<_>>(),
        ),
    });
}

/// Exploration, kept apart from the package. Its reads are kept: what it plots is a
/// result of the use case that computes it.
fn explore_step(cx: &RunContext, g: &Group, out: &mut RunsOut) {
    out.fallback.steps.push(Step::Explore {
        cell: g.cell,
        statements: g.items.iter().map(|&i| cx.items[i].stmt).collect(),
        uses: cx.uses_of(&g.items, &HashSet::new()),
    });
    out.step_infos.push(StepInfo {
        io: vec![Io {
            reads: g
                .items
                .iter()
                .flat_map(|&i| cx.items[i].reads.clone())
                .collect(),
            ..Io::default()
        }],
        phase: StepPhase::Explore,
        closure_reads: Vec::new(),
        subject: None,
        saves_submission: false,
        look: false,
        defines: Vec::new(),
        cell: g.cell,
        lines: 0,
    });
}

/// A run that becomes a function of `dest` with inferred parameters and returns
/// ([`liveness::signature`]), and the step calling it. Returns its candidate names.
fn function_step(
    cx: &RunContext,
    g: &Group,
    dest: Destination,
    live: &mut HashSet<String>,
    out: &mut RunsOut,
) -> Vec<String> {
    let items = cx.items;
    let ios: Vec<Io> = g.items.iter().map(|&i| cx.item_io(i)).collect();
    let end = *g.items.last().expect("non-empty");
    let needed =
        |n: &str| cx.last_read.get(n).is_some_and(|&p| p > end) || cx.closure_needs.contains(n);
    let Signature {
        params,
        mut returns,
        mutates,
        mut locals,
    } = liveness::signature(&ios, live, |n| cx.is_pipeline(n), needed);
    // A domain run whose values nothing reads (the notebook's last cell) would
    // compute nothing anyone sees: the values it binds are its results.
    let shows = g.items.iter().any(|&i| items[i].prints);
    if dest == Destination::Domain && returns.is_empty() && mutates.is_empty() && !shows {
        returns = locals
            .iter()
            .filter(|n| cx.is_pipeline(n))
            .cloned()
            .collect();
        locals.retain(|n| !returns.contains(n));
    }
    let exclude: HashSet<String> = locals.iter().chain(params.iter()).cloned().collect();
    let uses = cx.uses_of(&g.items, &exclude);
    live.extend(returns.iter().cloned());
    let item_refs: Vec<&Item> = g.items.iter().map(|&i| &items[i]).collect();
    let heading = cx.heads.get(&g.cell).cloned().unwrap_or_default();
    let mut candidates = run_names(
        cx.analysis,
        &item_refs,
        dest,
        &NameContext {
            heading: &heading,
            imports: cx.module.imports,
            defs: &cx.defs,
            params: &params,
            returns: &returns,
        },
    );
    let spans_cells = item_refs.iter().any(|i| i.cell != g.cell);
    if spans_cells && dest == Destination::Domain {
        candidates.splice(0..0, transformation_names(&item_refs, &returns));
    }
    let role = item_refs.first().map(|i| i.role);
    let loads = item_refs.iter().any(|i| i.role == Role::Load);
    let phase = match dest {
        Destination::Repository if loads => StepPhase::Load,
        Destination::Repository => StepPhase::Attach,
        _ => StepPhase::Transform,
    };
    out.step_infos.push(StepInfo {
        io: vec![Io {
            reads: params.clone(),
            binds: returns.clone(),
            mutates: mutates.clone(),
            conditional: false,
            deferred: false,
        }],
        phase,
        closure_reads: Vec::new(),
        subject: candidates
            .first()
            .map(|c| c.trim_start_matches("load_").to_string())
            .filter(|c| !c.is_empty()),
        saves_submission: !loads && candidates.first().is_some_and(|c| c.contains("submission")),
        look: false,
        defines: Vec::new(),
        cell: g.cell,
        lines: 1,
    });
    out.fallback.functions.push(PlannedFunction {
        name: String::new(),
        destination: dest,
        params,
        returns,
        sources: sources_of(cx.analysis, item_refs.iter().copied()),
        kind: if dest == Destination::Repository {
            FunctionKind::Method
        } else {
            FunctionKind::Extracted
        },
        statements: g
            .items
            .iter()
            .map(|&i| StmtRef {
                cell: items[i].cell,
                statement: items[i].stmt,
            })
            .collect(),
        mutates,
        role,
        uses,
        globals: Vec::new(),
    });
    out.fallback.steps.push(Step::Call {
        function: out.fallback.functions.len() - 1,
    });
    candidates
}

/// Which function each statement went to: its extracted function, its moved `def`,
/// or `run_pipeline` for the entrypoint.
fn record_function_of_items(items: &[Item], groups: &[Group], out: &mut RunsOut) {
    let functions = &*out.fallback.functions;
    let function_of_item = &mut *out.fallback.function_of_item;
    for g in groups {
        if let GroupKind::Run(_) = g.kind {
            let key = StmtRef {
                cell: g.cell,
                statement: items[g.items[0]].stmt,
            };
            if let Some(f) = functions
                .iter()
                .find(|f| f.statements.first() == Some(&key))
            {
                for &i in &g.items {
                    function_of_item.insert(i, f.name.clone());
                }
            }
        }
    }
    for (idx, item) in items.iter().enumerate() {
        match (item.kind, item.dest) {
            (Kind::Def, d) if d != Destination::Entrypoint && d != Destination::Exploration => {
                if let Some(n) = &item.def_name {
                    function_of_item.insert(idx, n.clone());
                }
            }
            (_, Destination::Entrypoint) => {
                function_of_item.insert(idx, "run_pipeline".into());
            }
            _ => {}
        }
    }
}

/// A domain function that spans cells ends before it would pass this many lines.
const MAX_FUNCTION_LINES: usize = 60;

/// Lines an extracted function adds around its statements: `def`, a docstring of up to
/// three lines, `return`.
const FUNCTION_FRAME_LINES: usize = 5;

/// Consecutive statements with the same destination, as runs (steps to be): a run of
/// the domain goes on across cells while the next cell keeps transforming its frames,
/// and its function stays within [`MAX_FUNCTION_LINES`]. `lines` says how many lines a
/// statement renders as.
fn group_runs(items: &[Item], lines: impl Fn(&Item) -> usize) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    // At most how many lines the last group's statements take (a blank line after each).
    let mut group_lines = 0;
    for (idx, item) in items.iter().enumerate() {
        let kind = match (item.kind, item.dest) {
            (_, Destination::Drop | Destination::Config) => continue,
            (Kind::Def, d) if d != Destination::Entrypoint && d != Destination::Exploration => {
                continue
            }
            (
                Kind::Code,
                d @ (Destination::Domain | Destination::Repository | Destination::Service),
            ) => GroupKind::Run(d),
            (_, Destination::Exploration) => GroupKind::Explore,
            _ => GroupKind::Inline,
        };
        let item_lines = lines(item) + 1;
        match groups.last_mut() {
            // A run of the domain goes on across cells when nothing of the
            // pipeline comes between (only markdown, imports, config or moved
            // definitions) and the next cell goes on transforming the frames the
            // run works on: consecutive transformations make one function.
            Some(g)
                if g.kind == kind
                    && (g.cell == item.cell
                        || (kind == GroupKind::Run(Destination::Domain)
                            && transforms_the_same(items, &g.items, item)
                            && FUNCTION_FRAME_LINES + group_lines + item_lines
                                <= MAX_FUNCTION_LINES)) =>
            {
                g.items.push(idx);
                group_lines += item_lines;
            }
            _ => {
                groups.push(Group {
                    kind,
                    cell: item.cell,
                    items: vec![idx],
                });
                group_lines = item_lines;
            }
        }
    }
    groups
}

/// Notes for the README: cells that are not Python and the magics and shell lines
/// that were dropped.
fn magic_notes(analysis: &Analysis, items: &[Item]) -> Vec<crate::i18n::Message> {
    let mut notes = Vec::new();
    for cell in &analysis.model.cells {
        if let Some(cm) = &cell.masked.cell_magic {
            if !cm.python_body {
                notes.push(crate::msg!(
                    "plan-note-cell-magic-dropped",
                    cell = cell.index,
                    magic = cm.name.as_str()
                ));
            }
        }
    }
    let dropped_magics: Vec<crate::i18n::Message> = items
        .iter()
        .filter(|i| i.kind == Kind::Magic)
        .filter_map(|i| {
            let c = analysis.model.cell(i.cell)?;
            let f = &c.statements[i.stmt].facts;
            let m = c
                .masked
                .magics
                .iter()
                .find(|m| m.range.start <= f.range.start && f.range.start < m.range.end)?;
            let text = analysis
                .notebook
                .cells
                .get(i.cell)?
                .source
                .get(m.range.clone())?
                .trim()
                .to_string();
            Some(crate::msg!(
                "plan-note-magic-line",
                cell = i.cell,
                line = python::doc_safe(&text)
            ))
        })
        .collect();
    if !dropped_magics.is_empty() {
        notes.push(crate::msg!(
            "plan-note-magics-dropped",
            lines = crate::i18n::Arg::joined(dropped_magics, crate::i18n::Join::Commas)
        ));
    }
    notes
}

/// The HTTP entrypoint, when the notebook has a function of one argument that
/// predicts on new records (by its name or the prediction methods it calls).
fn api_plan(
    analysis: &Analysis,
    items: &[Item],
    bound: &HashSet<String>,
    moved_defs: &HashMap<String, Destination>,
    notes: &mut Vec<crate::i18n::Message>,
) -> Option<ApiPlan> {
    let mut api = None;
    for item in items.iter().filter(|i| {
        i.kind == Kind::Def && i.dest != Destination::Exploration && i.dest != Destination::Drop
    }) {
        let f = facts(analysis, item);
        let Some(name) = &f.def_name else { continue };
        if f.params.len() != 1 || f.kind != crate::syntax::StmtKind::FunctionDef {
            continue;
        }
        let predicts = name.contains("predict")
            || f.calls
                .iter()
                .any(|c| c.deferred && knowledge::api::is_prediction_method(&c.method));
        if !predicts {
            continue;
        }
        let example = analysis
            .model
            .statements()
            .flat_map(|(_, s)| s.facts.calls.iter())
            .filter(|c| !c.deferred && c.callee == *name)
            .find_map(|c| c.args.first().and_then(|a| a.root.clone()))
            .filter(|r| bound.contains(r) && !moved_defs.contains_key(r));
        api = Some(ApiPlan {
            function: name.clone(),
            module: moved_defs.get(name).map(|d| d.module().to_string()),
            example,
            model_loader: None,
            serving: None,
        });
        break;
    }
    if api.is_none() && items.iter().any(|i| i.role == Role::Predict) {
        notes.push(crate::msg!("plan-note-no-api"));
    }
    api
}

/// The repository method that loads a saved model (`joblib.load`, `pickle.load`,
/// `load_model`, `torch.load`) and takes no argument, if any.
fn model_loader(analysis: &Analysis, functions: &[PlannedFunction]) -> Option<String> {
    functions
        .iter()
        .filter(|f| f.kind == FunctionKind::Method && f.params.is_empty() && f.returns.len() == 1)
        .find(|f| {
            f.statements.iter().any(|s| {
                analysis
                    .model
                    .cell(s.cell)
                    .and_then(|c| c.statements.get(s.statement))
                    .is_some_and(|st| {
                        st.qualified_calls
                            .iter()
                            .any(|q| knowledge::api::MODEL_LOADERS.contains(&q.as_str()))
                    })
            })
        })
        .map(|f| f.name.clone())
}

/// What a run of model statements works on, for its use case's name: the model it
/// fits (`rf`), else the first value a training, evaluating or predicting statement
/// binds, else the first value it binds.
fn model_subject<'a>(items: impl Iterator<Item = &'a Item> + Clone) -> Option<String> {
    let first_bind = |roles: &[Role]| {
        items
            .clone()
            .filter(|i| roles.is_empty() || roles.contains(&i.role))
            .flat_map(|i| i.binds.iter())
            .find_map(|b| subject(b))
    };
    let fitted = items
        .clone()
        .flat_map(|i| i.mutates.iter())
        .find_map(|m| subject(m));
    fitted
        .or_else(|| first_bind(&[Role::Train, Role::Tune]))
        .or_else(|| first_bind(&[Role::Evaluate, Role::Predict]))
        .or_else(|| first_bind(&[]))
}

/// The phase of a run of model statements (the service layer's part of the notebook).
fn model_phase(roles: impl Iterator<Item = Role>) -> Phase {
    let roles: Vec<Role> = roles.collect();
    let has = |r: Role| roles.contains(&r);
    if has(Role::Tune) {
        Phase::Tune
    } else if has(Role::Train) || has(Role::Split) {
        Phase::Train
    } else if has(Role::Evaluate) {
        Phase::Evaluate
    } else if has(Role::Predict) {
        Phase::Predict
    } else {
        Phase::Train
    }
}

/// The planned use cases as functions of the service layer: named (first free
/// candidate), with the statements they run themselves, where they come from and the
/// module-level names they need (imports, config, the domain functions they call).
/// A namer that never picks a name the notebook binds, the generated code reserves
/// or an import binds.
fn namer_avoiding<'a>(bound: &HashSet<String>, imports: impl Iterator<Item = &'a String>) -> Namer {
    Namer {
        taken: bound
            .iter()
            .cloned()
            .chain(RESERVED.iter().map(|s| s.to_string()))
            .chain(imports.cloned())
            .collect(),
    }
}

/// The first of `candidates` the notebook does not bind, else `fallback`.
fn free_name(bound: &HashSet<String>, candidates: &[&str], fallback: &str) -> String {
    candidates
        .iter()
        .find(|c| !bound.contains(**c))
        .copied()
        .unwrap_or(fallback)
        .to_string()
}

/// With a repository method that loads a saved model, the API serves it through a
/// `predict` service; without one it runs the use cases to get the notebook's
/// function (and a note says so).
fn serve_saved_model(
    api: &mut ApiPlan,
    analysis: &Analysis,
    functions: &[PlannedFunction],
    namer: &mut Namer,
    symbols: &mut BTreeMap<String, String>,
    notes: &mut Vec<crate::i18n::Message>,
) {
    api.model_loader = model_loader(analysis, functions);
    if api.model_loader.is_some() {
        let name = namer
            .choose(&[vec!["predict".into(), "predict_records".into()]])
            .remove(0);
        symbols.insert(name.clone(), MODULE_SERVICES.into());
        api.serving = Some(name);
    } else {
        notes.push(crate::msg!(
            "plan-note-api-runs-use-cases",
            function = api.function.as_str()
        ));
    }
}

/// Each placement records the use case its statement runs in.
fn place_in_use_cases(
    placements: &mut [Placement],
    use_cases: &[UseCase],
    functions: &[PlannedFunction],
) {
    let use_case_of: HashMap<StmtRef, &str> = use_cases
        .iter()
        .map(|uc| &functions[uc.function])
        .flat_map(|f| f.statements.iter().map(move |s| (*s, f.name.as_str())))
        .collect();
    for p in placements.iter_mut() {
        let at = StmtRef {
            cell: p.cell,
            statement: p.statement,
        };
        if let Some(name) = use_case_of.get(&at) {
            p.function = Some(name.to_string());
        }
    }
}

fn add_use_cases(
    analysis: &Analysis,
    planned: Vec<use_cases::Planned>,
    steps: &[Step],
    functions: &mut Vec<PlannedFunction>,
    namer: &mut Namer,
    symbols: &mut BTreeMap<String, String>,
) -> Vec<UseCase> {
    let candidates: Vec<Vec<String>> = planned.iter().map(|p| p.candidates.clone()).collect();
    let names = namer.choose(&candidates);
    let mut out = Vec::new();
    for (uc, name) in planned.into_iter().zip(names) {
        let mut statements = Vec::new();
        let mut sources: Vec<SourceRef> = Vec::new();
        let mut uses: Vec<String> = Vec::new();
        let add_use = |n: &String, uses: &mut Vec<String>| {
            if !uses.contains(n) {
                uses.push(n.clone());
            }
        };
        for &s in &uc.steps {
            match &steps[s] {
                Step::Call { function } => {
                    let f = &functions[*function];
                    if f.kind != FunctionKind::Method {
                        add_use(&f.name, &mut uses);
                    }
                    sources.extend(f.sources.iter().cloned());
                }
                Step::Inline {
                    cell,
                    statements: stmts,
                    uses: step_uses,
                } => {
                    statements.extend(stmts.iter().map(|&statement| StmtRef {
                        cell: *cell,
                        statement,
                    }));
                    for u in step_uses {
                        add_use(u, &mut uses);
                    }
                    sources.push(source_ref(analysis, *cell, stmts));
                }
                _ => {}
            }
        }
        let role = Some(match uc.phase {
            Phase::Prepare => Role::Clean,
            Phase::Train => Role::Train,
            Phase::Tune => Role::Tune,
            Phase::Evaluate => Role::Evaluate,
            Phase::Predict => Role::Predict,
            Phase::Steps => Role::Setup,
        });
        symbols.insert(name.clone(), MODULE_SERVICES.into());
        functions.push(PlannedFunction {
            name,
            destination: Destination::Service,
            params: uc.signature.params,
            returns: uc.signature.returns,
            sources: merge_sources(sources),
            kind: FunctionKind::UseCase,
            statements,
            mutates: uc.signature.mutates,
            role,
            uses,
            globals: Vec::new(),
        });
        out.push(UseCase {
            function: functions.len() - 1,
            steps: uc.steps,
        });
    }
    out
}

/// Whether `item`, the first of a new cell, goes on transforming what the run `run`
/// works on: it binds nothing new and rebinds or changes a value the run bound or
/// changed (`train = train.dropna()` after `train['Age'] = …`).
fn transforms_the_same(items: &[Item], run: &[usize], item: &Item) -> bool {
    let touched: HashSet<&String> = run
        .iter()
        .flat_map(|&i| items[i].binds.iter().chain(items[i].mutates.iter()))
        .collect();
    let changes: Vec<&String> = item.binds.iter().chain(item.mutates.iter()).collect();
    !changes.is_empty()
        && item.binds.iter().all(|b| touched.contains(b))
        && changes.iter().any(|c| touched.contains(c))
}

/// Names for a domain run that spans cells, from what it does to which values:
/// `prepare_train_and_test`, `clean_data`, `build_features`.
fn transformation_names(items: &[&Item], returns: &[String]) -> Vec<String> {
    let has = |r: Role| items.iter().any(|i| i.role == r);
    let what = match returns {
        [a] => subject(a),
        [a, b] => subject(a)
            .zip(subject(b))
            .map(|(a, b)| format!("{a}_and_{b}")),
        _ => None,
    };
    let what = what.unwrap_or_else(|| "data".into());
    match (has(Role::Clean), has(Role::Feature)) {
        (true, true) => vec![format!("prepare_{what}"), "prepare_data".into()],
        (true, false) => vec![format!("clean_{what}"), "clean_data".into()],
        _ => vec![format!("add_features_to_{what}"), "build_features".into()],
    }
}

/// How many lines statements of a cell take in a use case, as the renderer writes
/// them (comments directly above included).
fn rendered_lines(analysis: &Analysis, cell: usize, stmts: &[usize]) -> usize {
    let (Some(model_cell), Some(source)) = (
        analysis.model.cell(cell),
        analysis.notebook.cells.get(cell).map(|c| c.source.as_str()),
    ) else {
        return 0;
    };
    let text = python::statements_text(model_cell, source, stmts, "", &[], &[]);
    if text.trim().is_empty() {
        0
    } else {
        text.lines().count()
    }
}

/// Where a run of items comes from: one range per cell.
fn sources_of<'a>(analysis: &Analysis, items: impl Iterator<Item = &'a Item>) -> Vec<SourceRef> {
    let mut by_cell: Vec<(usize, Vec<usize>)> = Vec::new();
    for item in items {
        match by_cell.last_mut() {
            Some((cell, stmts)) if *cell == item.cell => stmts.push(item.stmt),
            _ => by_cell.push((item.cell, vec![item.stmt])),
        }
    }
    by_cell
        .iter()
        .map(|(cell, stmts)| source_ref(analysis, *cell, stmts))
        .collect()
}

/// Source ranges of one cell that follow each other become one.
fn merge_sources(sources: Vec<SourceRef>) -> Vec<SourceRef> {
    let mut out: Vec<SourceRef> = Vec::new();
    for s in sources {
        match out.last_mut() {
            Some(last) if last.cell == s.cell => {
                last.first_line = last.first_line.min(s.first_line);
                last.last_line = last.last_line.max(s.last_line);
            }
            _ => out.push(s),
        }
    }
    out
}

/// Code cells whose every printing statement runs in the exported pipeline (so what the
/// notebook printed there, the entrypoint prints too), in order.
fn printed_cells(analysis: &Analysis, items: &[Item], fallback: bool) -> Vec<usize> {
    let mut out = Vec::new();
    for cell in analysis.notebook.code_cells() {
        let printing: Vec<&Item> = items
            .iter()
            .filter(|i| i.cell == cell.index && i.prints)
            .collect();
        if printing.is_empty() {
            continue;
        }
        let runs = |i: &&Item| {
            fallback
                || !matches!(
                    i.dest,
                    Destination::Exploration | Destination::Drop | Destination::Config
                )
        };
        if printing.iter().all(runs) {
            out.push(cell.index);
        }
    }
    out
}
