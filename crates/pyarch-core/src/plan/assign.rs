//! A destination for every statement: from its role, then the user's overrides, then
//! the checks that keep the export equivalent to the notebook run top to bottom.

use super::split::{split_loads, LoadSplit, Part};
use super::{Destination, PlanOptions};
use crate::analysis::Analysis;
use crate::i18n::{Arg, Join, Message};
use crate::knowledge::display;
use crate::knowledge::{self, api, api::ApiKind};
use crate::model::StmtRef;
use crate::msg;
use crate::role::Role;
use crate::syntax::{QualifiedName, StmtKind};
use std::collections::{BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A plain `import` / `from … import` statement.
    Import,
    Def,
    /// A statement that is only an IPython magic or shell escape.
    Magic,
    Code,
}

#[derive(Debug, Clone)]
pub(super) struct Item {
    pub cell: usize,
    pub stmt: usize,
    pub role: Role,
    pub dest: Destination,
    pub overridden: bool,
    pub kind: Kind,
    pub def_name: Option<String>,
    /// Names read (module scope, plus globals read by nested function bodies), in
    /// order, without builtins the notebook never rebinds.
    pub reads: Vec<String>,
    pub binds: Vec<String>,
    pub mutates: Vec<String>,
    pub prints: bool,
    /// A `def`/`class` kept in the pipeline function as a closure.
    pub closure: bool,
    /// The part of the statement it stands for (a load split from what is done to it).
    pub part: Part,
}

pub(super) struct Assigned {
    pub items: Vec<Item>,
    /// Names bound by plain imports that nothing rebinds: module-level imports.
    pub import_names: BTreeSet<String>,
    pub config_names: BTreeSet<String>,
    /// Moved `def`/`class` name → destination.
    pub moved_defs: HashMap<String, Destination>,
    pub fallback: bool,
    /// Every name bound anywhere in the notebook.
    pub bound: HashSet<String>,
    pub load_splits: Vec<LoadSplit>,
}

/// Names the generated code itself defines at module level or in `run_pipeline`.
pub(super) const RESERVED: &[&str] = &[
    "main",
    "run_pipeline",
    "pipeline_steps",
    "app",
    "config",
    "repo",
    "uow",
    "bus",
    "bootstrap",
    "commands",
    "events",
    "messagebus",
    "unit_of_work",
    "services",
    "model",
    "repository",
    "predict_endpoint",
];

fn layer(d: Destination) -> u8 {
    match d {
        Destination::Domain => 0,
        Destination::Repository => 1,
        Destination::Service => 2,
        _ => 3,
    }
}

fn dest_for_role(role: Role) -> Destination {
    match role {
        Role::Import | Role::Setup | Role::Define => Destination::Entrypoint,
        Role::Config => Destination::Config,
        Role::Load | Role::Persist => Destination::Repository,
        Role::Clean | Role::Feature => Destination::Domain,
        Role::Split | Role::Train | Role::Tune | Role::Evaluate | Role::Predict => {
            Destination::Service
        }
        Role::Explore | Role::Visualize => Destination::Exploration,
    }
}

/// Where a `def`/`class` fits, from what its body calls, looked up in the API table:
/// loads or saves make it an adapter (repository); fitting, splitting, searching,
/// predicting or scoring make a function a use case (service); the rest is domain.
fn def_destination(calls: &[QualifiedName], is_class: bool) -> Destination {
    let entries: Vec<api::ApiEntry> = calls
        .iter()
        .filter_map(|c| {
            // A method called on a name (`df.to_csv`), not on a call's result.
            let method = c.segments().last().filter(|s| s.accesses.is_empty());
            api::lookup_qualified(c)
                .or_else(|| api::lookup_method(method.map_or("", |s| s.name.as_str())))
        })
        .collect();
    let io = entries.iter().any(|e| {
        matches!(e.kind, Some(ApiKind::Loader | ApiKind::Saver))
            || matches!(e.role, Role::Load | Role::Persist)
    });
    // Constructing an estimator or a transformer is not a use case; fitting is.
    let model = entries.iter().any(|e| {
        let constructor = matches!(e.kind, Some(ApiKind::Estimator | ApiKind::Transformer));
        let uses_a_model = matches!(
            e.role,
            Role::Split | Role::Train | Role::Tune | Role::Evaluate | Role::Predict
        );
        matches!(
            e.kind,
            Some(ApiKind::Splitter | ApiKind::Search | ApiKind::CrossValidation | ApiKind::Metric)
        ) || (uses_a_model && !constructor)
    });
    if io {
        Destination::Repository
    } else if model && !is_class {
        Destination::Service
    } else {
        Destination::Domain
    }
}

/// Places every statement, pass by pass: collect the statements, fall back when names
/// cannot be tracked, place by role and override, then imports, config constants,
/// moved `def`s, exploration that feeds the pipeline, and layer order.
pub(super) fn assign(
    analysis: &Analysis,
    options: &PlanOptions,
    notes: &mut Vec<Message>,
) -> Assigned {
    let model = &analysis.model;
    let mut bound: HashSet<String> = HashSet::new();
    for (_, s) in model.statements() {
        bound.extend(s.facts.defines.iter().cloned());
        bound.extend(s.facts.global_writes.iter().cloned());
    }
    let (mut items, def_calls) = collect_items(analysis, &bound);
    let reasons = fallback_reasons(model);
    if !reasons.is_empty() {
        return fallback_assignment(items, bound, &reasons, options, notes);
    }
    place_by_role(&mut items, &def_calls, analysis, options);
    let load_splits = split_loads(analysis, &mut items);
    let (import_names, bind_count) = place_imports(&mut items, analysis, notes);
    let config_names = keep_config_constants(&mut items, &import_names, &bound, &bind_count);
    let names = ModuleNames {
        imports: &import_names,
        config: &config_names,
        bound: &bound,
        bind_count: &bind_count,
    };
    let moved = move_defs(&mut items, &names, notes);
    return_exploration_that_feeds_the_pipeline(&mut items);
    keep_layers_in_order(&mut items, &moved);
    Assigned {
        items,
        import_names,
        config_names,
        moved_defs: moved,
        fallback: false,
        bound,
        load_splits,
    }
}

/// The calls each `def` statement makes, by (cell, statement).
type DefCalls = HashMap<StmtRef, Vec<QualifiedName>>;

/// Module-level names the later passes look up.
struct ModuleNames<'a> {
    imports: &'a BTreeSet<String>,
    config: &'a BTreeSet<String>,
    /// Every name bound anywhere in the notebook.
    bound: &'a HashSet<String>,
    /// How many statements bind each name.
    bind_count: &'a HashMap<String, usize>,
}

/// Pass 1: one item per statement (its kind, role, reads, binds, mutations and
/// whether it prints), and the calls each `def` makes.
fn collect_items(analysis: &Analysis, bound: &HashSet<String>) -> (Vec<Item>, DefCalls) {
    let model = &analysis.model;
    let mut items = Vec::new();
    let mut def_calls: DefCalls = HashMap::new();
    // Function name → (its body prints, the plain names its body calls).
    let mut print_defs: HashMap<String, (bool, Vec<String>)> = HashMap::new();
    for cell in &model.cells {
        let roles = analysis.roles.statement_roles(cell.index);
        for (si, stmt) in cell.statements.iter().enumerate() {
            let facts = &stmt.facts;
            let pure_magic =
                facts.kind == StmtKind::Expr
                    && cell.masked.magics.iter().any(|m| {
                        m.range.start <= facts.range.start && facts.range.start < m.range.end
                    });
            let kind = if pure_magic {
                Kind::Magic
            } else if facts.kind == StmtKind::Import && facts.imports.iter().all(|i| i.local != "*")
            {
                Kind::Import
            } else if matches!(facts.kind, StmtKind::FunctionDef | StmtKind::ClassDef) {
                Kind::Def
            } else {
                Kind::Code
            };
            let role = roles.get(si).copied().unwrap_or(match kind {
                Kind::Import => Role::Import,
                Kind::Def => Role::Define,
                Kind::Magic => Role::Setup,
                Kind::Code => Role::Clean,
            });
            let mut reads: Vec<String> = Vec::new();
            for name in facts.reads.iter().map(|r| &r.name).chain(&facts.free_vars) {
                if knowledge::is_builtin(name) && !bound.contains(name) {
                    continue;
                }
                if !reads.contains(name) {
                    reads.push(name.clone());
                }
            }
            let mut mutates: Vec<String> = Vec::new();
            for m in &stmt.mutations {
                if !mutates.contains(&m.name) {
                    mutates.push(m.name.clone());
                }
            }
            // Calls that write to stdout when the notebook runs as a script (calls of
            // the notebook's own functions that print are added below).
            let qualified = |i: usize| stmt.qualified_call(i);
            let prints = facts
                .calls
                .iter()
                .enumerate()
                .any(|(i, c)| !c.deferred && is_print_call(c, qualified(i)));
            if kind == Kind::Def && facts.kind == StmtKind::FunctionDef {
                if let Some(name) = &facts.def_name {
                    let body = print_defs
                        .entry(name.clone())
                        .or_insert((false, Vec::new()));
                    for (i, c) in facts.calls.iter().enumerate().filter(|(_, c)| c.deferred) {
                        if is_print_call(c, qualified(i)) {
                            body.0 = true;
                        } else if c.callee.is_plain_name() {
                            body.1.push(c.callee.to_string());
                        }
                    }
                }
            }
            if kind == Kind::Def {
                let calls = facts
                    .calls
                    .iter()
                    .zip(
                        stmt.qualified_calls
                            .iter()
                            .chain(std::iter::repeat(&QualifiedName::default())),
                    )
                    .map(|(c, q)| {
                        if q.is_empty() {
                            c.callee.clone()
                        } else {
                            q.clone()
                        }
                    })
                    .collect();
                def_calls.insert(
                    StmtRef {
                        cell: cell.index,
                        statement: si,
                    },
                    calls,
                );
            }
            items.push(Item {
                cell: cell.index,
                stmt: si,
                role,
                dest: Destination::Entrypoint,
                overridden: false,
                kind,
                def_name: facts.def_name.clone(),
                reads,
                binds: facts.defines.clone(),
                mutates,
                prints,
                closure: false,
                part: Part::Whole,
            });
        }
    }

    // A statement that calls one of the notebook's functions whose body prints (or
    // calls one that does) prints too: `ADF(ts)` shows a test result like `print(x)`.
    let printing = printing_functions(&print_defs);
    for item in &mut items {
        if item.prints || item.kind == Kind::Def {
            continue;
        }
        let f = &model.cell(item.cell).expect("cell").statements[item.stmt].facts;
        item.prints = f
            .calls
            .iter()
            .any(|c| !c.deferred && printing.contains(c.callee.as_str()));
    }

    (items, def_calls)
}

/// Pass 2, for notebooks whose names cannot be tracked statically: one function per
/// cell in the entrypoint, working on module globals.
fn fallback_assignment(
    mut items: Vec<Item>,
    bound: HashSet<String>,
    reasons: &[Message],
    options: &PlanOptions,
    notes: &mut Vec<Message>,
) -> Assigned {
    notes.push(msg!(
        "plan-note-fallback",
        reasons = Arg::joined(reasons.iter().cloned(), Join::Semicolons)
    ));
    if !options.overrides.is_empty() {
        notes.push(msg!("plan-note-overrides-ignored"));
    }
    for item in &mut items {
        item.dest = if item.kind == Kind::Magic {
            Destination::Drop
        } else {
            Destination::Entrypoint
        };
    }
    Assigned {
        items,
        import_names: BTreeSet::new(),
        config_names: BTreeSet::new(),
        moved_defs: HashMap::new(),
        fallback: true,
        bound,
        load_splits: Vec::new(),
    }
}

/// Pass 3: destinations from roles (a `def` by what it calls), then the user's
/// overrides.
fn place_by_role(
    items: &mut [Item],
    def_calls: &DefCalls,
    analysis: &Analysis,
    options: &PlanOptions,
) {
    let model = &analysis.model;
    for item in items.iter_mut() {
        item.dest = match item.kind {
            Kind::Magic => Destination::Drop,
            Kind::Import => Destination::Entrypoint,
            Kind::Def => {
                let is_class = model
                    .cell(item.cell)
                    .and_then(|c| c.statements.get(item.stmt))
                    .is_some_and(|s| s.facts.kind == StmtKind::ClassDef);
                def_destination(
                    def_calls
                        .get(&StmtRef {
                            cell: item.cell,
                            statement: item.stmt,
                        })
                        .map_or(&[][..], |v| v),
                    is_class,
                )
            }
            Kind::Code => {
                let d = dest_for_role(item.role);
                if d == Destination::Exploration && item.prints {
                    // Printed output is part of what the notebook does.
                    Destination::Entrypoint
                } else if d == Destination::Repository && is_message(analysis, item) {
                    // A message about a load or a save (`print("saved!")`) is the use
                    // case talking to its user, not I/O: it stays beside the
                    // repository call, where a fake repository cannot swallow it.
                    Destination::Service
                } else {
                    d
                }
            }
        };
        if let Some(o) = options
            .overrides
            .iter()
            .rev()
            .find(|o| o.cell == item.cell && o.statement.is_none_or(|s| s == item.stmt))
        {
            if item.kind != Kind::Import {
                item.dest = o.destination;
                item.overridden = true;
            }
        }
    }
}

/// Pass 4: plain imports that nothing rebinds go to module level (`Drop` from the
/// pipeline); the others stay in place. Returns the module-level import names and how
/// many statements bind each name.
fn place_imports(
    items: &mut [Item],
    analysis: &Analysis,
    notes: &mut Vec<Message>,
) -> (BTreeSet<String>, HashMap<String, usize>) {
    let model = &analysis.model;
    let mut bind_count: HashMap<String, usize> = HashMap::new();
    let mut import_target: HashMap<String, String> = HashMap::new();
    let mut import_conflict: HashSet<String> = HashSet::new();
    for item in items.iter() {
        for b in &item.binds {
            *bind_count.entry(b.clone()).or_default() += 1;
        }
    }
    for (_, s) in model.statements() {
        if s.facts.kind != StmtKind::Import {
            continue;
        }
        for i in &s.facts.imports {
            if let Some(t) = import_target.insert(i.local.clone(), i.target.clone()) {
                if t != i.target {
                    import_conflict.insert(i.local.clone());
                }
            }
        }
    }
    // Imports whose names something else rebinds stay in the pipeline, in place.
    let mut import_names = BTreeSet::new();
    let non_import_binds: HashSet<String> = items
        .iter()
        .filter(|i| i.kind != Kind::Import)
        .flat_map(|i| i.binds.iter().cloned())
        .collect();
    for item in items.iter_mut() {
        if item.kind != Kind::Import {
            continue;
        }
        let clean = item.binds.iter().all(|b| {
            !non_import_binds.contains(b)
                && !import_conflict.contains(b)
                && !super::assign::RESERVED.contains(&b.as_str())
        });
        if clean {
            item.dest = Destination::Drop;
            import_names.extend(item.binds.iter().cloned());
        } else {
            item.dest = Destination::Entrypoint;
            notes.push(msg!(
                "plan-note-import-rebound",
                cell = item.cell,
                names = Arg::joined(item.binds.iter(), Join::Commas)
            ));
        }
    }
    (import_names, bind_count)
}

/// Pass 5: config constants are the statements placed in config that nothing rebinds
/// or changes, computed from imports and other constants; the rest go back to the
/// pipeline (a `def` placed in config goes to the domain).
fn keep_config_constants(
    items: &mut [Item],
    import_names: &BTreeSet<String>,
    bound: &HashSet<String>,
    bind_count: &HashMap<String, usize>,
) -> BTreeSet<String> {
    loop {
        let mut config_names: BTreeSet<String> = BTreeSet::new();
        let mut changed = false;
        for idx in 0..items.len() {
            let item = &items[idx];
            if item.dest != Destination::Config || item.kind == Kind::Def {
                if item.dest == Destination::Config && item.kind == Kind::Def {
                    items[idx].dest = Destination::Domain;
                    changed = true;
                }
                continue;
            }
            let reads_ok = item.reads.iter().all(|r| {
                import_names.contains(r) || config_names.contains(r) || !bound.contains(r)
            });
            let binds_ok = !item.binds.is_empty()
                && item.binds.iter().all(|b| {
                    bind_count.get(b.as_str()).copied().unwrap_or(0) == 1
                        && !RESERVED.contains(&b.as_str())
                        && !items.iter().any(|o| o.mutates.contains(b))
                });
            if reads_ok && binds_ok && item.mutates.iter().all(|m| item.binds.contains(m)) {
                config_names.extend(item.binds.iter().cloned());
            } else {
                items[idx].dest = Destination::Entrypoint;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    items
        .iter()
        .filter(|i| i.dest == Destination::Config)
        .flat_map(|i| i.binds.iter().cloned())
        .collect()
}

/// Pass 6: `def`s and classes move to their layer when they read only module-level
/// names (or other moved definitions, whose layer they then join); the others stay in
/// the pipeline as nested functions.
fn move_defs(
    items: &mut [Item],
    names: &ModuleNames,
    notes: &mut Vec<Message>,
) -> HashMap<String, Destination> {
    let (import_names, config_names, bound, bind_count) =
        (names.imports, names.config, names.bound, names.bind_count);
    let mut moved: HashMap<String, Destination> = HashMap::new();
    for item in items.iter() {
        if item.kind != Kind::Def
            || matches!(item.dest, Destination::Entrypoint | Destination::Drop)
        {
            continue;
        }
        let Some(name) = &item.def_name else { continue };
        if bind_count.get(name.as_str()).copied().unwrap_or(0) == 1
            && !RESERVED.contains(&name.as_str())
            && !items.iter().any(|o| o.mutates.contains(name))
        {
            let dest = if item.dest == Destination::Exploration || item.dest == Destination::Config
            {
                Destination::Domain
            } else {
                item.dest
            };
            moved.insert(name.clone(), dest);
        }
    }
    loop {
        let mut changed = false;
        let snapshot = moved.clone();
        for item in items.iter() {
            let Some(name) = &item.def_name else { continue };
            let Some(&dest) = snapshot.get(name) else {
                continue;
            };
            let mut new_dest = dest;
            let mut ok = true;
            for r in &item.reads {
                if r == name
                    || import_names.contains(r)
                    || config_names.contains(r)
                    || !bound.contains(r)
                {
                    continue;
                }
                match snapshot.get(r) {
                    Some(&other) => {
                        if layer(other) > layer(new_dest) {
                            new_dest = other;
                        }
                    }
                    None => ok = false,
                }
            }
            if !ok {
                moved.remove(name);
                changed = true;
            } else if new_dest != dest {
                moved.insert(name.clone(), new_dest);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for item in items.iter_mut() {
        if item.kind != Kind::Def {
            continue;
        }
        match item.def_name.as_ref().and_then(|n| moved.get(n)) {
            Some(&d) => item.dest = d,
            None => {
                if item.dest != Destination::Entrypoint && item.dest != Destination::Drop {
                    let state: Vec<String> = item
                        .reads
                        .iter()
                        .filter(|r| {
                            bound.contains(*r)
                                && !import_names.contains(*r)
                                && !config_names.contains(*r)
                        })
                        .map(|r| format!("`{r}`"))
                        .collect();
                    notes.push(msg!(
                        "plan-note-nested-function",
                        name = item.def_name.as_deref().unwrap_or("?"),
                        cell = item.cell,
                        state = Arg::joined(state, Join::Commas)
                    ));
                }
                if item.dest != Destination::Drop {
                    item.dest = Destination::Entrypoint;
                    item.closure = true;
                }
            }
        }
    }

    moved
}

/// Pass 7: exploration feeds nothing, so whatever later code (or a nested function)
/// reads from it goes back into the pipeline.
fn return_exploration_that_feeds_the_pipeline(items: &mut [Item]) {
    // Module-level imports are not steps, but the placement shows where they go.
    let module_import = |item: &Item| item.kind == Kind::Import && item.dest == Destination::Drop;
    let closure_needs: HashSet<String> = items
        .iter()
        .filter(|i| i.closure)
        .flat_map(|i| i.reads.iter().cloned())
        .collect();
    loop {
        let mut last_def: HashMap<&str, usize> = HashMap::new();
        let mut promote: BTreeSet<usize> = BTreeSet::new();
        for (idx, item) in items.iter().enumerate() {
            if item.dest != Destination::Exploration
                && item.dest != Destination::Drop
                && !module_import(item)
            {
                for r in &item.reads {
                    if let Some(&d) = last_def.get(r.as_str()) {
                        if items[d].dest == Destination::Exploration {
                            promote.insert(d);
                        }
                    }
                }
            }
            for n in item.binds.iter().chain(&item.mutates) {
                last_def.insert(n.as_str(), idx);
            }
        }
        for (name, &d) in &last_def {
            if closure_needs.contains(*name) && items[d].dest == Destination::Exploration {
                promote.insert(d);
            }
        }
        if promote.is_empty() {
            break;
        }
        for idx in promote {
            // An overridden item keeps `overridden`; plan::unmet_overrides says why.
            items[idx].dest = Destination::Entrypoint;
        }
    }
}

/// Pass 8: runs must not import from a higher layer (domain < repository < service).
fn keep_layers_in_order(items: &mut [Item], moved: &HashMap<String, Destination>) {
    for item in items.iter_mut() {
        if item.kind != Kind::Code || layer(item.dest) > 2 {
            continue;
        }
        for r in &item.reads {
            if let Some(&d) = moved.get(r) {
                if layer(d) > layer(item.dest) {
                    item.dest = d;
                }
            }
        }
    }
}

/// A bare print (`print(f"wrote {len(rows)} rows")`): its outermost call prints and
/// none of its calls reads or writes data.
fn is_message(analysis: &Analysis, item: &Item) -> bool {
    let Some(stmt) = analysis
        .model
        .cell(item.cell)
        .and_then(|c| c.statements.get(item.stmt))
    else {
        return false;
    };
    let qualified = stmt.qualified_call(0);
    let calls = analysis
        .roles
        .info(item.cell, item.stmt)
        .map_or(&[][..], |i| &i.calls);
    stmt.facts.kind == StmtKind::Expr
        && stmt
            .facts
            .calls
            .first()
            .is_some_and(|c| is_print_call(c, qualified))
        && !calls
            .iter()
            .any(|c| matches!(c.role, Some(Role::Load | Role::Persist)))
}

/// A call that writes to stdout when the notebook runs as a script (`display` prints
/// outside IPython when it is imported from `IPython.display`).
fn is_print_call(c: &crate::syntax::CallFact, qualified: &str) -> bool {
    display::prints_to_stdout(c.callee.as_str())
        || (display::PRINTING_METHODS.contains(&c.method.as_str()) && c.callee != c.method)
        || display::PRINTING_QUALIFIED.contains(&qualified)
}

/// The notebook's functions that print when called: their body prints, or calls one
/// that does (a name defined twice counts when either definition prints).
fn printing_functions(defs: &HashMap<String, (bool, Vec<String>)>) -> HashSet<&str> {
    let mut printing: HashSet<&str> = defs
        .iter()
        .filter(|(_, (prints, _))| *prints)
        .map(|(n, _)| n.as_str())
        .collect();
    loop {
        let before = printing.len();
        for (name, (_, callees)) in defs {
            if callees.iter().any(|c| printing.contains(c.as_str())) {
                printing.insert(name.as_str());
            }
        }
        if printing.len() == before {
            return printing;
        }
    }
}

/// Why the notebook falls back to one function per cell, one phrase per kind.
fn fallback_reasons(model: &crate::model::NotebookModel) -> Vec<Message> {
    use crate::model::BlockerKind;
    let blockers = model.modularity_blockers();
    let has = |k: BlockerKind| blockers.iter().any(|b| b.kind == k);
    let mut reasons = Vec::new();
    if has(BlockerKind::StarImport) {
        let imports: Vec<String> = model
            .star_imports
            .iter()
            .map(|m| format!("`from {m} import *`"))
            .collect();
        reasons.push(msg!(
            "plan-fallback-star-imports",
            imports = Arg::joined(imports, Join::Commas)
        ));
    }
    if has(BlockerKind::Dynamic) {
        reasons.push(msg!("plan-fallback-dynamic"));
    }
    if has(BlockerKind::GlobalWrites) {
        reasons.push(msg!("plan-fallback-global-writes"));
    }
    let broken: Vec<usize> = blockers
        .iter()
        .filter(|b| b.kind == BlockerKind::Unparsable)
        .map(|b| b.cell)
        .collect();
    if !broken.is_empty() {
        reasons.push(msg!(
            "plan-fallback-unparsable",
            cells = Arg::joined(broken, Join::Commas)
        ));
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dest(calls: &[&str], is_class: bool) -> Destination {
        let calls: Vec<QualifiedName> = calls.iter().map(|c| QualifiedName::dotted(c)).collect();
        def_destination(&calls, is_class)
    }

    /// A `def` goes where the API table says its calls belong.
    #[test]
    fn definitions_go_where_their_calls_belong() {
        assert_eq!(dest(&["pandas.read_csv"], false), Destination::Repository);
        assert_eq!(
            dest(&["joblib.dump", "model.fit"], false),
            Destination::Repository
        );
        assert_eq!(
            dest(&["frame.fillna", "frame.drop"], false),
            Destination::Domain
        );
        assert_eq!(
            dest(&["sklearn.model_selection.train_test_split"], false),
            Destination::Service
        );
        assert_eq!(
            dest(&["model.fit", "model.predict"], false),
            Destination::Service
        );
        assert_eq!(
            dest(&["sklearn.metrics.accuracy_score"], false),
            Destination::Service
        );
        // Building an estimator is not a use case; a class that fits stays a domain type.
        assert_eq!(
            dest(&["sklearn.ensemble.RandomForestClassifier"], false),
            Destination::Domain
        );
        assert_eq!(dest(&["model.fit"], true), Destination::Domain);
        assert_eq!(dest(&[], false), Destination::Domain);
    }
}
