//! Python code generation: the plan → the files `pyarch export` writes. Pure and
//! deterministic (no clocks, no absolute paths, ordered maps only).

use super::python::{self, camel, doc_safe, py_str};
use super::*;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A file of the export, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedFile {
    pub path: String,
    pub contents: String,
}

fn dotted(module: &str) -> String {
    module.trim_end_matches(".py").replace('/', ".")
}

struct Ctx<'a> {
    plan: &'a Plan,
    analysis: &'a Analysis,
}

impl Ctx<'_> {
    fn source(&self, cell: usize) -> &str {
        self.analysis
            .notebook
            .cells
            .get(cell)
            .map_or("", |c| c.source.as_str())
    }

    /// The statements' text, re-indented, with magics removed and lifted path literals
    /// replaced by their config names.
    fn text(&self, cell: usize, stmts: &[usize], indent: &str) -> String {
        self.text_in(cell, stmts, indent, &[])
    }

    /// [`Ctx::text`] for a fallback cell function that declares `globals` global.
    fn text_in(&self, cell: usize, stmts: &[usize], indent: &str, globals: &[String]) -> String {
        let Some(model_cell) = self.analysis.model.cell(cell) else {
            return String::new();
        };
        let (source, marks) = self.with_path_marks(cell, stmts);
        let source = source.as_str();
        let mut out = String::new();
        let mut prev: Option<usize> = None;
        for &s in stmts {
            let Some(stmt) = model_cell.statements.get(s) else {
                continue;
            };
            let prev_end = if s == 0 {
                0
            } else {
                model_cell.statements[s - 1]
                    .facts
                    .range
                    .end
                    .min(source.len())
            };
            let span =
                python::statement_span(source, &stmt.facts.range, &stmt.facts.range, prev_end);
            if let Some(p) = prev {
                out.push('\n');
                let p_end = model_cell.statements[p].facts.range.end.min(source.len());
                if p + 1 == s
                    && source
                        .get(p_end..span.start)
                        .is_some_and(|gap| python::count_line_breaks(gap) >= 2)
                {
                    out.push('\n');
                }
            }
            out.push_str(&python::cell_text(
                model_cell, source, span, indent, globals,
            ));
            prev = Some(s);
        }
        for (mark, name) in marks {
            out = out.replace(&mark, name);
        }
        out
    }

    /// The cell source with each lifted path literal of `stmts` replaced by a mark of
    /// the same byte length (so every range of the model still holds), and the marks
    /// with the names that replace them once the text is cut and indented.
    fn with_path_marks(&self, cell: usize, stmts: &[usize]) -> (String, Vec<(String, &str)>) {
        let mut source = self.source(cell).to_string();
        let mut marks = Vec::new();
        if source.contains(['\u{1}', '\u{2}']) {
            return (source, marks);
        }
        let len = source.len();
        for sub in self
            .plan
            .path_substitutions
            .iter()
            .filter(|p| p.cell == cell && stmts.contains(&p.statement) && p.range.end <= len)
        {
            let mut mark = format!("\u{1}{}", marks.len());
            if mark.len() >= sub.range.len() || !source.is_char_boundary(sub.range.start) {
                continue;
            }
            while mark.len() < sub.range.len() {
                mark.push('\u{2}');
            }
            if source.is_char_boundary(sub.range.end) {
                source.replace_range(sub.range.clone(), &mark);
                marks.push((mark, sub.name.as_str()));
            }
        }
        (source, marks)
    }

    fn provenance(&self, sources: &[SourceRef]) -> String {
        sources
            .iter()
            .map(|s| match &s.cell_id {
                Some(id) => format!(
                    "cell {} ({}), lines {}-{}",
                    s.cell,
                    doc_safe(id),
                    s.first_line,
                    s.last_line
                ),
                None => format!("cell {}, lines {}-{}", s.cell, s.first_line, s.last_line),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Import lines for `names` as seen from `module` (package-relative path).
    fn imports(&self, names: &BTreeSet<String>, module: &str) -> String {
        let mut plain: BTreeSet<String> = BTreeSet::new();
        let mut from_pkg: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for name in names {
            if let Some(line) = self.plan.imports.get(name) {
                plain.insert(line.clone());
            } else if let Some(m) = self.plan.symbols.get(name) {
                if m != module {
                    from_pkg.entry(dotted(m)).or_default().insert(name.clone());
                }
            }
        }
        let mut out = String::new();
        let (imports, froms): (Vec<&String>, Vec<&String>) =
            plain.iter().partition(|l| l.starts_with("import "));
        for l in imports.into_iter().chain(froms) {
            out.push_str(l);
            out.push('\n');
        }
        if !from_pkg.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            for (m, ns) in from_pkg {
                let list: Vec<&str> = ns.iter().map(String::as_str).collect();
                let _ = writeln!(
                    out,
                    "from {}.{m} import {}",
                    self.plan.package,
                    list.join(", ")
                );
            }
        }
        out
    }

    /// What the function's statements do, in order, from their roles: “Split, train and
    /// evaluate”.
    fn doing(&self, f: &PlannedFunction) -> String {
        let mut roles: Vec<Role> = Vec::new();
        for s in &f.statements {
            let role = self.analysis.roles.statement_roles(s.cell).get(s.statement);
            if let Some(&r) = role.filter(|r| !matches!(r, Role::Import | Role::Define)) {
                if !roles.contains(&r) {
                    roles.push(r);
                }
            }
        }
        if roles.is_empty() {
            roles.extend(f.role);
        }
        let words: Vec<&str> = roles.iter().map(|&r| role_phrase(r)).collect();
        let text = match words.as_slice() {
            [] => "step".to_string(),
            [one] => one.to_string(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        capital(&text)
    }

    fn function_doc(&self, f: &PlannedFunction, indent: &str) -> String {
        let mut doc = format!(
            "{indent}\"\"\"{}, from {}.",
            self.doing(f),
            self.provenance(&f.sources)
        );
        if !f.mutates.is_empty() {
            let names: Vec<String> = f.mutates.iter().map(|m| format!("`{m}`")).collect();
            let returned = f.mutates.iter().all(|m| f.returns.contains(m));
            let _ = write!(
                doc,
                "\n\n{indent}Changes {} in place{}.",
                names.join(", "),
                if returned && names.len() > 1 {
                    " and returns them"
                } else if returned {
                    " and returns it"
                } else {
                    " (not returned: nothing later reads it)"
                }
            );
        }
        doc.push_str("\"\"\"\n");
        doc
    }

    /// An extracted function or repository method.
    fn extracted(&self, f: &PlannedFunction, method: bool) -> String {
        let indent = if method { "        " } else { "    " };
        let outer = if method { "    " } else { "" };
        let mut params: Vec<String> = f.params.clone();
        if method {
            params.insert(0, "self".into());
        }
        let mut out = format!("{outer}def {}({}):\n", f.name, params.join(", "));
        out.push_str(&self.function_doc(f, indent));
        let cell = f.statements.first().map_or(0, |s| s.cell);
        let stmts: Vec<usize> = f.statements.iter().map(|s| s.statement).collect();
        let body = self.text(cell, &stmts, indent);
        out.push_str(&body);
        out.push('\n');
        if !f.returns.is_empty() {
            let _ = writeln!(out, "{indent}return {}", f.returns.join(", "));
        }
        out
    }

    fn moved(&self, f: &PlannedFunction) -> String {
        let mut out = format!("# From {}.\n", self.provenance(&f.sources));
        for s in &f.statements {
            out.push_str(&self.text(s.cell, &[s.statement], ""));
        }
        out.push('\n');
        out
    }

    fn call(&self, f: &PlannedFunction) -> String {
        let target = if f.kind == FunctionKind::Method {
            format!("{}.{}", self.plan.repo_var, f.name)
        } else {
            f.name.clone()
        };
        let call = format!("{target}({})", f.params.join(", "));
        if f.returns.is_empty() {
            call
        } else {
            format!("{} = {call}", f.returns.join(", "))
        }
    }

    /// The run-it-all steps, at `indent`; exploration steps only when `explore`.
    fn steps(&self, indent: &str, explore: bool, names: &mut BTreeSet<String>) -> String {
        let mut out = String::new();
        for step in &self.plan.steps {
            match step {
                Step::Call { function } => {
                    let f = &self.plan.functions[*function];
                    if f.kind != FunctionKind::Method {
                        names.insert(f.name.clone());
                    }
                    let _ = writeln!(out, "{indent}{}", self.call(f));
                }
                Step::Inline {
                    cell,
                    statements,
                    uses,
                } => {
                    names.extend(uses.iter().cloned());
                    let _ = writeln!(out, "{indent}# cell {}", cell);
                    out.push_str(&self.text(*cell, statements, indent));
                    out.push('\n');
                }
                Step::Explore {
                    cell,
                    statements,
                    uses,
                } if explore => {
                    names.extend(uses.iter().cloned());
                    let _ = writeln!(out, "{indent}# cell {} (exploration)", cell);
                    out.push_str(&self.text(*cell, statements, indent));
                    out.push('\n');
                }
                Step::Explore { .. } => {}
                Step::Skipped { cell, reason } => {
                    let _ = writeln!(out, "{indent}# cell {cell} skipped: {}", doc_safe(reason));
                }
            }
        }
        out
    }
}

/// A role as the verb phrase a docstring uses.
fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::Feature => "build features",
        Role::Visualize => "plot",
        Role::Persist => "save",
        Role::Config => "configure",
        Role::Setup => "set up",
        Role::Tune => "tune hyperparameters",
        other => other.as_str(),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn module_file(plan: &Plan, module: &str) -> String {
    format!("src/{}/{module}", plan.package)
}

/// Renders the plan into the files `pyarch export` writes. Pure.
pub fn render(plan: &Plan, analysis: &Analysis) -> Vec<RenderedFile> {
    let ctx = Ctx { plan, analysis };
    let pkg = plan.package.as_str();
    let mut files: Vec<RenderedFile> = Vec::new();
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });

    add(
        module_file(plan, "__init__.py"),
        format!("\"\"\"{pkg}: generated by pyarch from a Jupyter notebook.\"\"\"\n"),
    );
    for sub in ["domain", "adapters", "service_layer", "entrypoints"] {
        add(
            module_file(plan, &format!("{sub}/__init__.py")),
            String::new(),
        );
    }

    // config.py
    {
        let names: BTreeSet<String> = plan.config_uses.iter().cloned().collect();
        let mut out = String::from("\"\"\"Paths, hyperparameters and seeds: the constants the notebook hard-coded.\"\"\"\n");
        let imports = ctx.imports(&names, MODULE_CONFIG);
        if !imports.is_empty() {
            out.push('\n');
            out.push_str(&imports);
        }
        for s in &plan.config {
            out.push('\n');
            let _ = writeln!(out, "# cell {}", s.cell);
            out.push_str(&ctx.text(s.cell, &[s.statement], ""));
            out.push('\n');
        }
        if !plan.path_constants.is_empty() {
            out.push_str("\n# Paths the notebook's loads and saves wrote out in the call.\n");
            for c in &plan.path_constants {
                let _ = writeln!(out, "{} = {}  # cell {}", c.name, c.literal, c.cell);
            }
        }
        add(module_file(plan, MODULE_CONFIG), out);
    }

    // domain/model.py and service_layer/services.py
    for (module, doc) in [
        (
            MODULE_DOMAIN,
            "Domain: pure transformations of the data (frames in, frames out); no I/O.",
        ),
        (
            MODULE_SERVICES,
            "Service layer: the use cases (split, train, evaluate, predict).",
        ),
    ] {
        let funcs: Vec<&PlannedFunction> = plan.functions_in(module).collect();
        let names: BTreeSet<String> = funcs.iter().flat_map(|f| f.uses.iter().cloned()).collect();
        let mut out = format!("\"\"\"{doc}\"\"\"\n");
        let imports = ctx.imports(&names, module);
        if !imports.is_empty() {
            out.push('\n');
            out.push_str(&imports);
        }
        for f in funcs {
            out.push_str("\n\n");
            match f.kind {
                FunctionKind::Moved => out.push_str(&ctx.moved(f)),
                _ => out.push_str(&ctx.extracted(f, false)),
            }
        }
        add(module_file(plan, module), out);
    }

    // adapters/repository.py
    {
        let funcs: Vec<&PlannedFunction> = plan.functions_in(MODULE_REPOSITORY).collect();
        let names: BTreeSet<String> = funcs.iter().flat_map(|f| f.uses.iter().cloned()).collect();
        let mut out = String::from("\"\"\"Adapters: every load and save of the notebook behind an abstract repository,\nwith a file implementation and an in-memory fake for tests.\"\"\"\n\nimport abc\n");
        let imports = ctx.imports(&names, MODULE_REPOSITORY);
        if !imports.is_empty() {
            out.push_str(&imports);
        }
        let methods: Vec<&&PlannedFunction> = funcs
            .iter()
            .filter(|f| f.kind == FunctionKind::Method)
            .collect();
        for f in funcs.iter().filter(|f| f.kind == FunctionKind::Moved) {
            out.push_str("\n\n");
            out.push_str(&ctx.moved(f));
        }
        out.push_str("\n\nclass AbstractRepository(abc.ABC):\n    \"\"\"The loads and saves the pipeline needs.\"\"\"\n");
        for f in &methods {
            let mut params = vec!["self".to_string()];
            params.extend(f.params.iter().cloned());
            let _ = write!(
                out,
                "\n    @abc.abstractmethod\n    def {}({}):\n        raise NotImplementedError\n",
                f.name,
                params.join(", ")
            );
        }
        out.push_str("\n\nclass FileRepository(AbstractRepository):\n    \"\"\"Reads and writes the files the notebook used.\"\"\"\n");
        for f in &methods {
            out.push('\n');
            out.push_str(&ctx.extracted(f, true));
        }
        out.push_str(
            "\n\nclass FakeRepository(AbstractRepository):\n    \"\"\"In memory, for tests: returns the results it was given and records every call.\"\"\"\n\n    def __init__(self, **results):\n        self.results = dict(results)\n        self.calls = []\n\n    def _record(self, name, *args):\n        self.calls.append((name, args))\n        return self.results.get(name)\n",
        );
        for f in &methods {
            let mut params = vec!["self".to_string()];
            params.extend(f.params.iter().cloned());
            let mut args = vec![py_str(&f.name)];
            args.extend(f.params.iter().cloned());
            let _ = write!(
                out,
                "\n    def {}({}):\n        return self._record({})\n",
                f.name,
                params.join(", "),
                args.join(", ")
            );
        }
        add(module_file(plan, MODULE_REPOSITORY), out);
    }

    // entrypoints/cli.py
    let repo = plan.repo_var.as_str();
    {
        let mut names: BTreeSet<String> = BTreeSet::new();
        let mut body = String::new();
        let mut cell_functions = String::new();
        if plan.fallback {
            for f in plan.functions_in(MODULE_CLI) {
                let _ = write!(cell_functions, "\n\ndef {}():\n", f.name);
                let _ = writeln!(
                    cell_functions,
                    "    \"\"\"From {}.\"\"\"",
                    ctx.provenance(&f.sources)
                );
                if !f.globals.is_empty() {
                    let _ = writeln!(cell_functions, "    global {}", f.globals.join(", "));
                }
                let cell = f.sources[0].cell;
                let parse_error = analysis
                    .model
                    .cell(cell)
                    .and_then(|c| c.syntax_error.clone());
                if let Some(err) = parse_error {
                    let _ = writeln!(
                        cell_functions,
                        "    # This cell does not parse ({}); it is kept as a comment.",
                        doc_safe(&err.message)
                    );
                    cell_functions.push_str(&python::commented(ctx.source(cell), "    "));
                    cell_functions.push_str("\n    pass\n");
                } else {
                    let stmts: Vec<usize> = f.statements.iter().map(|s| s.statement).collect();
                    let text = ctx.text_in(cell, &stmts, "    ", &f.globals);
                    if text.trim().is_empty() {
                        cell_functions.push_str("    pass\n");
                    } else {
                        cell_functions.push_str(&text);
                        cell_functions.push_str("\n    pass\n");
                    }
                }
            }
            for step in &plan.steps {
                match step {
                    Step::Call { function } => {
                        let _ = writeln!(body, "    {}()", plan.functions[*function].name);
                    }
                    Step::Skipped { cell, reason } => {
                        let _ = writeln!(body, "    # cell {cell} skipped: {}", doc_safe(reason));
                    }
                    _ => {}
                }
            }
        } else {
            body = ctx.steps("    ", false, &mut names);
        }
        let mut out = format!(
            "\"\"\"Entrypoint: runs the notebook's steps in order.\n\n    PYTHONPATH=src python -m {pkg}.entrypoints.cli\n\"\"\"\n\n"
        );
        for s in &plan.star_imports {
            if plan.fallback {
                out.push_str(s);
                out.push('\n');
            }
        }
        let imports = ctx.imports(&names, MODULE_CLI);
        out.push_str(&imports);
        if !imports.is_empty() || (plan.fallback && !plan.star_imports.is_empty()) {
            out.push('\n');
        }
        let _ = writeln!(out, "from {pkg}.adapters.repository import FileRepository");
        match plan.level {
            2 => {
                let _ = writeln!(
                    out,
                    "from {pkg}.service_layer.unit_of_work import FileUnitOfWork"
                );
            }
            3 => {
                let _ = writeln!(out, "from {pkg}.bootstrap import bootstrap");
                let _ = writeln!(out, "from {pkg}.domain import commands");
            }
            _ => {}
        }
        out.push_str(&cell_functions);
        let _ = write!(
            out,
            "\n\ndef run_pipeline({repo}=None):\n    \"\"\"Runs every step of the notebook in order and returns the final values by name.\"\"\"\n    if {repo} is None:\n        {repo} = FileRepository()\n"
        );
        out.push_str(&body);
        if plan.fallback {
            out.push_str("    return dict(globals())\n");
        } else {
            out.push_str("    return dict(locals())\n");
        }
        match plan.level {
            2 => out.push_str("\n\ndef main():\n    uow = FileUnitOfWork()\n    with uow:\n        run_pipeline(uow.repo)\n        uow.commit()\n"),
            3 => out.push_str("\n\ndef main():\n    bus = bootstrap(pipeline=run_pipeline)\n    bus.handle(commands.RunPipeline())\n"),
            _ => out.push_str("\n\ndef main():\n    run_pipeline()\n"),
        }
        out.push_str("\n\nif __name__ == \"__main__\":\n    main()\n");
        add(module_file(plan, MODULE_CLI), out);
    }

    // entrypoints/api.py
    if let Some(api) = &plan.api {
        let mut out = format!(
            "\"\"\"Thin HTTP entrypoint (FastAPI): POST /predict {{\"instances\": [...]}} returns\n{{\"predictions\": [...]}} from the notebook's `{}`.\n\n    PYTHONPATH=src uvicorn {pkg}.entrypoints.api:app\n\"\"\"\n\nfrom fastapi import FastAPI, HTTPException\nfrom fastapi.encoders import jsonable_encoder\n\nfrom {pkg}.entrypoints.cli import run_pipeline\n",
            api.function
        );
        if let Some(m) = &api.module {
            let _ = writeln!(
                out,
                "from {pkg}.{} import {} as notebook_predict",
                dotted(m),
                api.function
            );
        }
        let _ = write!(
            out,
            "\napp = FastAPI(title={})\n_state = {{}}\n\n\ndef pipeline_state():\n    \"\"\"Runs the pipeline once (it trains and saves what predicting needs) and keeps its values.\"\"\"\n    if not _state:\n        _state.update(run_pipeline())\n    return _state\n\n\n@app.post(\"/predict\")\ndef predict_endpoint(payload: dict):\n    instances = payload.get(\"instances\")\n    if not isinstance(instances, list):\n        raise HTTPException(status_code=422, detail='expected {{\"instances\": [...]}}')\n    state = pipeline_state()\n",
            py_str(pkg)
        );
        if api.module.is_some() {
            out.push_str("    predict = notebook_predict\n");
        } else {
            let _ = writeln!(out, "    predict = state[{}]", py_str(&api.function));
        }
        out.push_str("    return {\"predictions\": jsonable_encoder(predict(instances))}\n");
        add(module_file(plan, MODULE_API), out);
    }

    // Level 2: unit of work.
    if plan.level >= 2 {
        add(
            module_file(plan, "service_layer/unit_of_work.py"),
            format!(
                "\"\"\"Unit of work: one place that owns the repository and decides when work is committed.\"\"\"\n\nimport abc\n\nfrom {pkg}.adapters.repository import AbstractRepository, FakeRepository, FileRepository\n\n\nclass AbstractUnitOfWork(abc.ABC):\n    repo: AbstractRepository\n    committed = False\n\n    def __enter__(self):\n        return self\n\n    def __exit__(self, *exc):\n        if exc[0] is not None:\n            self.rollback()\n\n    @abc.abstractmethod\n    def commit(self):\n        raise NotImplementedError\n\n    def rollback(self):\n        self.committed = False\n\n\nclass FileUnitOfWork(AbstractUnitOfWork):\n    def __init__(self, repo=None):\n        self.repo = repo if repo is not None else FileRepository()\n\n    def commit(self):\n        self.committed = True\n\n\nclass FakeUnitOfWork(AbstractUnitOfWork):\n    def __init__(self, repo=None):\n        self.repo = repo if repo is not None else FakeRepository()\n\n    def commit(self):\n        self.committed = True\n"
            ),
        );
    }

    // Level 3: commands, events, message bus, bootstrap.
    let services: Vec<&PlannedFunction> = plan
        .functions_in(MODULE_SERVICES)
        .filter(|f| f.kind == FunctionKind::Extracted)
        .collect();
    if plan.level >= 3 {
        let mut cmds = String::from("\"\"\"Commands: what the outside world asks the service layer to do.\"\"\"\n\nfrom dataclasses import dataclass\nfrom typing import Any\n\n\nclass Command:\n    pass\n\n\n@dataclass\nclass RunPipeline(Command):\n    \"\"\"Run every step of the notebook.\"\"\"\n");
        let mut handlers = String::new();
        let mut seen = BTreeSet::from(["Command".to_string(), "RunPipeline".to_string()]);
        for f in &services {
            let mut class = camel(&f.name);
            while !seen.insert(class.clone()) {
                class.push('_');
            }
            let _ = write!(
                cmds,
                "\n\n@dataclass\nclass {class}(Command):\n    \"\"\"Run `{}`.\"\"\"\n",
                f.name
            );
            if f.params.is_empty() {
                cmds.push_str("\n    pass\n");
            }
            for p in &f.params {
                let _ = writeln!(cmds, "    {p}: Any");
            }
            let args: Vec<String> = f.params.iter().map(|p| format!("cmd.{p}")).collect();
            let _ = writeln!(
                handlers,
                "        commands.{class}: lambda cmd: services.{}({}),",
                f.name,
                args.join(", ")
            );
        }
        add(module_file(plan, "domain/commands.py"), cmds);
        add(
            module_file(plan, "domain/events.py"),
            "\"\"\"Events: what happened.\"\"\"\n\nfrom dataclasses import dataclass\n\n\nclass Event:\n    pass\n\n\n@dataclass\nclass PipelineCompleted(Event):\n    names: tuple = ()\n".into(),
        );
        add(
            module_file(plan, "service_layer/messagebus.py"),
            "\"\"\"Message bus: hands each command to its handler, then the events it raised to theirs.\"\"\"\n\n\nclass MessageBus:\n    def __init__(self, command_handlers, event_handlers=None):\n        self.command_handlers = dict(command_handlers)\n        self.event_handlers = dict(event_handlers or {})\n        self.queue = []\n\n    def emit(self, event):\n        self.queue.append(event)\n\n    def handle(self, command):\n        result = self.command_handlers[type(command)](command)\n        while self.queue:\n            event = self.queue.pop(0)\n            for handler in self.event_handlers.get(type(event), []):\n                handler(event)\n        return result\n".into(),
        );
        add(
            module_file(plan, "bootstrap.py"),
            format!(
                "\"\"\"Composition root: wires the real adapters into the handlers.\"\"\"\n\nfrom {pkg}.domain import commands, events\nfrom {pkg}.service_layer import services\nfrom {pkg}.service_layer.messagebus import MessageBus\nfrom {pkg}.service_layer.unit_of_work import FileUnitOfWork\n\n\ndef bootstrap(uow=None, pipeline=None, event_handlers=None):\n    \"\"\"Builds the message bus. `pipeline(repo)` runs the notebook's steps (entrypoints.cli.run_pipeline).\"\"\"\n    uow = uow if uow is not None else FileUnitOfWork()\n    bus = MessageBus({{}}, event_handlers or {{events.PipelineCompleted: []}})\n\n    def run(cmd):\n        with uow:\n            state = pipeline(uow.repo)\n            uow.commit()\n        bus.emit(events.PipelineCompleted(names=tuple(sorted(state))))\n        return state\n\n    bus.command_handlers.update({{\n        commands.RunPipeline: run,\n{handlers}    }})\n    return bus\n"
            ),
        );
    }

    // notebooks/exploration.py
    {
        let mut names: BTreeSet<String> = BTreeSet::new();
        let body = if plan.fallback {
            format!("from {pkg}.entrypoints.cli import run_pipeline\n\nrun_pipeline()\n")
        } else {
            ctx.steps("", true, &mut names)
        };
        let mut out = String::from(
            "\"\"\"Exploration kept apart from the package: the notebook's looks and plots, run\nagainst the package's functions in the notebook's order. Not imported by the package.\n\n    PYTHONPATH=src python notebooks/exploration.py\n\"\"\"\n\n"
        );
        if !plan.fallback {
            out.push_str(&ctx.imports(&names, MODULE_EXPLORATION));
            let _ = writeln!(
                out,
                "from {pkg}.adapters.repository import FileRepository\n\n{repo} = FileRepository()"
            );
        }
        out.push_str(&body);
        add(MODULE_EXPLORATION.to_string(), out);
    }

    // pyproject.toml
    {
        let dist = pkg.replace('_', "-");
        let deps: Vec<String> = plan
            .dependencies
            .iter()
            .map(|d| format!("    {},", toml_str(d)))
            .collect();
        let mut test_deps = vec!["pytest>=7".to_string()];
        if plan.api.is_some() {
            test_deps.push("httpx".into());
        }
        let out = format!(
            "[build-system]\nrequires = [\"setuptools>=61\"]\nbuild-backend = \"setuptools.build_meta\"\n\n[project]\nname = {}\nversion = \"0.1.0\"\ndescription = \"Generated by pyarch from a Jupyter notebook\"\nrequires-python = \">=3.9\"\ndependencies = [\n{}{}]\n\n[project.optional-dependencies]\ntest = [{}]\n\n[project.scripts]\n{} = \"{pkg}.entrypoints.cli:main\"\n\n[tool.setuptools.packages.find]\nwhere = [\"src\"]\n\n[tool.pytest.ini_options]\npythonpath = [\"src\"]\ntestpaths = [\"tests\"]\n",
            toml_str(&dist),
            deps.join("\n"),
            if deps.is_empty() { "" } else { "\n" },
            test_deps.iter().map(|d| toml_str(d)).collect::<Vec<_>>().join(", "),
            toml_str(&dist),
        );
        add("pyproject.toml".into(), out);
    }

    // tests
    let data_env = format!("{}_DATA_DIR", pkg.to_uppercase());
    {
        let methods: Vec<&PlannedFunction> = plan
            .functions_in(MODULE_REPOSITORY)
            .filter(|f| f.kind == FunctionKind::Method)
            .collect();
        let mut out = format!(
            "\"\"\"The repository contract, with the in-memory fake (no files are touched).\"\"\"\n\nfrom {pkg}.adapters.repository import AbstractRepository, FakeRepository, FileRepository\n\n\ndef test_implementations_follow_the_abstract_repository():\n    assert issubclass(FileRepository, AbstractRepository)\n    assert issubclass(FakeRepository, AbstractRepository)\n    FakeRepository()\n\n\ndef test_fake_repository_returns_canned_results_and_records_calls():\n    canned = object()\n"
        );
        if methods.is_empty() {
            out.push_str("    repo = FakeRepository(anything=canned)\n    assert repo._record(\"anything\") is canned\n    assert repo.calls == [(\"anything\", ())]\n");
        } else {
            let mut expected = Vec::new();
            let _ = writeln!(
                out,
                "    repo = FakeRepository({})",
                methods
                    .iter()
                    .map(|f| format!("{}=canned", f.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for f in &methods {
                let args = vec!["None"; f.params.len()].join(", ");
                let _ = writeln!(out, "    assert repo.{}({args}) is canned", f.name);
                let tuple = match f.params.len() {
                    0 => "()".to_string(),
                    1 => "(None,)".to_string(),
                    n => format!("({})", vec!["None"; n].join(", ")),
                };
                expected.push(format!("({}, {tuple})", py_str(&f.name)));
            }
            let _ = writeln!(out, "    assert repo.calls == [{}]", expected.join(", "));
        }
        add("tests/unit/test_repository.py".into(), out);

        let mut out = String::from("\"\"\"The planned functions exist with the planned parameters.\"\"\"\n\nimport inspect\n\n");
        let mut checks = Vec::new();
        for f in plan.functions.iter().filter(|f| {
            matches!(f.kind, FunctionKind::Extracted | FunctionKind::Moved)
                && f.module != MODULE_CLI
        }) {
            checks.push(format!(
                "    ({}, {}, [{}]),",
                py_str(&dotted(&f.module)),
                py_str(&f.name),
                f.params
                    .iter()
                    .map(|p| py_str(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let _ = write!(
            out,
            "import importlib\n\nPLANNED = [\n{}\n]\n\n\ndef test_planned_functions_have_the_planned_parameters():\n    for module, name, params in PLANNED:\n        obj = getattr(importlib.import_module({} + \".\" + module), name)\n        if inspect.isclass(obj):\n            continue\n        assert list(inspect.signature(obj).parameters)[: len(params)] == params\n\n\ndef test_the_pipeline_runs_against_the_fake_repository_interface():\n    from {pkg}.entrypoints.cli import run_pipeline\n\n    assert list(inspect.signature(run_pipeline).parameters) == [{}]\n",
            checks.join("\n"),
            py_str(pkg),
            py_str(repo),
        );
        add("tests/unit/test_functions.py".into(), out);
        if plan.level >= 2 {
            add(
                "tests/unit/test_unit_of_work.py".into(),
                format!("from {pkg}.adapters.repository import FakeRepository\nfrom {pkg}.service_layer.unit_of_work import FakeUnitOfWork\n\n\ndef test_unit_of_work_commits_and_owns_the_fake_repository():\n    uow = FakeUnitOfWork()\n    with uow:\n        assert isinstance(uow.repo, FakeRepository)\n        uow.commit()\n    assert uow.committed\n\n\ndef test_unit_of_work_rolls_back_on_error():\n    uow = FakeUnitOfWork()\n    try:\n        with uow:\n            uow.commit()\n            raise ValueError(\"boom\")\n    except ValueError:\n        pass\n    assert not uow.committed\n"),
            );
        }
        if plan.level >= 3 {
            add(
                "tests/unit/test_messagebus.py".into(),
                format!("from {pkg}.adapters.repository import FakeRepository\nfrom {pkg}.bootstrap import bootstrap\nfrom {pkg}.domain import commands, events\nfrom {pkg}.service_layer.unit_of_work import FakeUnitOfWork\n\n\ndef test_run_pipeline_command_goes_through_the_bus_with_the_fake_repository():\n    seen = []\n    received = []\n\n    def pipeline(repo):\n        received.append(repo)\n        return {{\"answer\": 42}}\n\n    uow = FakeUnitOfWork()\n    bus = bootstrap(uow=uow, pipeline=pipeline, event_handlers={{events.PipelineCompleted: [seen.append]}})\n    assert bus.handle(commands.RunPipeline()) == {{\"answer\": 42}}\n    assert isinstance(received[0], FakeRepository)\n    assert uow.committed\n    assert seen == [events.PipelineCompleted(names=(\"answer\",))]\n"),
            );
        }
        let out = format!(
            "\"\"\"Runs the entrypoint on the notebook's data (set {data_env} to the folder the\nnotebook ran in; default: the project folder).\"\"\"\n\nimport os\nimport subprocess\nimport sys\nfrom pathlib import Path\n\nROOT = Path(__file__).resolve().parents[2]\nDATA_DIR = Path(os.environ.get({}, str(ROOT)))\n\n\ndef test_cli_runs_end_to_end():\n    env = dict(os.environ)\n    env[\"PYTHONPATH\"] = os.pathsep.join([str(ROOT / \"src\"), env.get(\"PYTHONPATH\", \"\")])\n    env[\"MPLBACKEND\"] = \"Agg\"\n    proc = subprocess.run(\n        [sys.executable, \"-m\", {}],\n        cwd=DATA_DIR,\n        env=env,\n        capture_output=True,\n        text=True,\n        timeout=1800,\n    )\n    assert proc.returncode == 0, proc.stderr[-3000:]\n",
            py_str(&data_env),
            py_str(&format!("{pkg}.entrypoints.cli")),
        );
        add("tests/e2e/test_cli.py".into(), out);
        if let Some(api) = &plan.api {
            let expected = match &api.module {
                Some(m) => format!(
                    "    from {pkg}.{} import {} as notebook_predict\n\n",
                    dotted(m),
                    api.function
                ),
                None => format!("    notebook_predict = state[{}]\n", py_str(&api.function)),
            };
            let records = match &api.example {
                Some(e) => format!(
                    "    records = state[{e}] if {e} in state else getattr(importlib.import_module({cfg}), {e})\n",
                    e = py_str(e),
                    cfg = py_str(&format!("{pkg}.config"))
                ),
                None => "    pytest.skip(\"the notebook never calls the predict function on a value\")\n    records = []\n".into(),
            };
            let out = format!(
                "\"\"\"The HTTP entrypoint gives the notebook's predictions back.\"\"\"\n\nimport importlib\nimport os\nfrom pathlib import Path\n\nimport pytest\n\npytest.importorskip(\"fastapi\")\npytest.importorskip(\"httpx\")\n\nfrom fastapi.encoders import jsonable_encoder  # noqa: E402\nfrom fastapi.testclient import TestClient  # noqa: E402\n\nROOT = Path(__file__).resolve().parents[2]\nDATA_DIR = Path(os.environ.get({}, str(ROOT)))\n\n\ndef test_predict_endpoint_returns_the_notebook_predictions(monkeypatch):\n    monkeypatch.chdir(DATA_DIR)\n    monkeypatch.setenv(\"MPLBACKEND\", \"Agg\")\n    from {pkg}.entrypoints import api\n\n    state = api.pipeline_state()\n{records}{expected}    expected = jsonable_encoder(notebook_predict(records))\n    client = TestClient(api.app)\n    response = client.post(\"/predict\", json={{\"instances\": jsonable_encoder(records)}})\n    assert response.status_code == 200\n    assert response.json() == {{\"predictions\": expected}}\n",
                py_str(&data_env),
            );
            add("tests/e2e/test_api.py".into(), out);
        }
    }

    // README.md
    {
        let mut out = format!("# {pkg}\n\nGenerated by pyarch from a Jupyter notebook, following the Cosmic Python layout (level {}).\n\n", plan.level);
        out.push_str("## Run\n\n```sh\n");
        let _ = writeln!(out, "PYTHONPATH=src python -m {pkg}.entrypoints.cli   # from the folder the notebook ran in");
        if plan.api.is_some() {
            let _ = writeln!(
                out,
                "PYTHONPATH=src uvicorn {pkg}.entrypoints.api:app  # POST /predict (FastAPI)"
            );
        }
        let _ = writeln!(out, "{data_env}=/path/to/notebook/folder python -m pytest");
        out.push_str("```\n\n## Layout\n\n");
        let mut paths: Vec<&str> = Vec::new();
        for f in &files {
            paths.push(f.path.as_str());
        }
        paths.sort();
        for p in paths {
            let _ = writeln!(out, "- `{p}`");
        }
        out.push_str("\n## Traceability\n\n| module.function | from |\n| --- | --- |\n");
        for f in &plan.functions {
            let module = if f.kind == FunctionKind::Method {
                format!("{}.FileRepository", dotted(&f.module))
            } else {
                dotted(&f.module)
            };
            let _ = writeln!(
                out,
                "| `{module}.{}` | {} |",
                f.name,
                md_cell(&ctx.provenance(&f.sources))
            );
        }
        for s in &plan.config {
            let src =
                ctx.provenance(&[super::extract::source_ref(analysis, s.cell, &[s.statement])]);
            let _ = writeln!(out, "| `config` | {} |", md_cell(&src));
        }
        for step in &plan.steps {
            match step {
                Step::Inline {
                    cell, statements, ..
                } => {
                    let src =
                        ctx.provenance(&[super::extract::source_ref(analysis, *cell, statements)]);
                    let _ = writeln!(
                        out,
                        "| `entrypoints.cli.run_pipeline` (inline) | {} |",
                        md_cell(&src)
                    );
                }
                Step::Explore {
                    cell, statements, ..
                } => {
                    let src =
                        ctx.provenance(&[super::extract::source_ref(analysis, *cell, statements)]);
                    let _ = writeln!(out, "| `notebooks/exploration.py` | {} |", md_cell(&src));
                }
                _ => {}
            }
        }
        if !plan.notes.is_empty() {
            out.push_str("\n## Notes\n\n");
            for n in &plan.notes {
                let _ = writeln!(out, "- {}", md_text(n));
            }
        }
        out.push_str("\n## Findings that remain\n\n");
        if analysis.findings.is_empty() {
            out.push_str("None.\n");
        } else {
            out.push_str(
                "| code | severity | cell | line | message |\n| --- | --- | --- | --- | --- |\n",
            );
            for f in &analysis.findings {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    f.code,
                    f.severity.as_str(),
                    f.cell.map_or("-".into(), |c| c.to_string()),
                    f.span.line,
                    md_cell(&f.message)
                );
            }
        }
        files.push(RenderedFile {
            path: "README.md".into(),
            contents: out,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Text on one Markdown line: Python's line breaks as spaces, NUL bytes as U+FFFD.
fn md_text(text: &str) -> String {
    python::comment_safe(text)
}

/// Text in a Markdown table cell.
fn md_cell(text: &str) -> String {
    md_text(text).replace('|', "\\|")
}

fn toml_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
