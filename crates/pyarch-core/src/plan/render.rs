//! Python code generation: the plan → the files `pyarch export` writes. Pure and
//! deterministic (no clocks, no absolute paths, ordered maps only).

use super::python::{self, doc_safe, py_str};
use super::*;
use crate::i18n::{tr, Arg, Message};
use crate::msg;
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

/// How a split statement ([`LoadSplit`]) is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    /// As the notebook wrote it.
    Notebook,
    /// Its load, in a repository method.
    Load,
    /// The rest, where the pipeline runs it.
    Rest,
}

impl Cut {
    /// The part of a split statement that `f` holds.
    fn of(f: &PlannedFunction) -> Cut {
        if f.kind == FunctionKind::Method {
            Cut::Load
        } else {
            Cut::Rest
        }
    }
}

impl Ctx<'_> {
    /// A sentence of the package's prose, in the plan's language.
    fn say(&self, message: Message) -> String {
        message.render(self.plan.lang)
    }

    /// A fixed phrase of the package's prose, in the plan's language.
    fn word(&self, id: &'static str) -> String {
        tr(self.plan.lang, id)
    }

    /// A docstring at `indent` from a message (continuation lines indented too):
    /// `"""text"""` and a line break.
    fn docstring(&self, message: Message, indent: &str) -> String {
        format!(
            "{indent}\"\"\"{}\"\"\"\n",
            indented(&self.say(message), indent)
        )
    }

    fn source(&self, cell: usize) -> &str {
        self.analysis
            .notebook
            .cells
            .get(cell)
            .map_or("", |c| c.source.as_str())
    }

    /// The statements' text, re-indented, with magics removed and lifted path literals
    /// replaced by their config names; a split statement as the pipeline runs it.
    fn text(&self, cell: usize, stmts: &[usize], indent: &str) -> String {
        self.text_as(cell, stmts, indent, Cut::Rest)
    }

    /// [`Ctx::text`] with split statements cut as `cut` says.
    fn text_as(&self, cell: usize, stmts: &[usize], indent: &str, cut: Cut) -> String {
        let cuts: Vec<(usize, Cut)> = stmts.iter().map(|&s| (s, cut)).collect();
        self.text_in(cell, &cuts, indent, &[])
    }

    /// [`Ctx::text`] for statements each cut its own way, in a fallback cell function
    /// that declares `globals` global.
    fn text_in(
        &self,
        cell: usize,
        stmts: &[(usize, Cut)],
        indent: &str,
        globals: &[String],
    ) -> String {
        let Some(model_cell) = self.analysis.model.cell(cell) else {
            return String::new();
        };
        // A shown name (`conf_df` ending a cell) is returned, not shown.
        let stmts: Vec<(usize, Cut)> = stmts
            .iter()
            .copied()
            .filter(|&(s, _)| self.shown_at(cell, s).is_none_or(|r| !r.bound))
            .collect();
        let indices: Vec<usize> = stmts.iter().map(|&(s, _)| s).collect();
        let (source, marks) = self.with_path_marks(cell, &indices);
        let mut cuts = self.split_cuts(cell, &stmts);
        cuts.extend(self.shown_bindings(model_cell, &indices));
        let mut out =
            python::statements_text(model_cell, &source, &indices, indent, globals, &cuts);
        for (mark, name) in marks {
            out = out.replace(&mark, name);
        }
        out
    }

    /// The replacements that cut the split statements among `stmts`: to their load
    /// (`data = load_data()`) or to the rest (`data = add_features(clean(data))`).
    fn split_cuts(
        &self,
        cell: usize,
        stmts: &[(usize, Cut)],
    ) -> Vec<(std::ops::Range<usize>, String)> {
        let mut cuts = Vec::new();
        for &(statement, cut) in stmts {
            let Some(s) = self.split_at(StmtRef { cell, statement }) else {
                continue;
            };
            match cut {
                Cut::Notebook => {}
                Cut::Load => {
                    cuts.push((s.value.start..s.load.start, String::new()));
                    cuts.push((s.load.end..s.value.end, String::new()));
                }
                Cut::Rest => cuts.push((s.argument.clone(), s.target.clone())),
            }
        }
        cuts
    }

    /// The shown score statement `statement` of `cell` is, if it is one.
    fn shown_at(&self, cell: usize, statement: usize) -> Option<&ShownResult> {
        self.plan
            .shown_results
            .iter()
            .find(|r| r.cell == cell && r.statement == statement)
    }

    /// `name = ` before each shown score among `stmts` that is not a name already.
    fn shown_bindings(
        &self,
        cell: &crate::model::CellModel,
        stmts: &[usize],
    ) -> Vec<(std::ops::Range<usize>, String)> {
        stmts
            .iter()
            .filter_map(|&s| {
                let shown = self.shown_at(cell.index, s).filter(|r| !r.bound)?;
                let start = cell.statements.get(s)?.facts.range.start;
                Some((start..start, format!("{} = ", shown.name)))
            })
            .collect()
    }

    /// The split of statement `s`, if it is split.
    fn split_at(&self, s: StmtRef) -> Option<&LoadSplit> {
        self.plan
            .load_splits
            .iter()
            .find(|l| l.cell == s.cell && l.statement == s.statement)
    }

    /// The roles a statement has in the package: a split statement's rest does what
    /// the calls around its load do.
    fn roles_of(&self, s: StmtRef, cut: Cut) -> Vec<Role> {
        match self.split_at(s) {
            Some(l) if cut == Cut::Rest => l.rest_roles.clone(),
            _ => self
                .analysis
                .roles
                .statement_roles(s.cell)
                .get(s.statement)
                .into_iter()
                .copied()
                .collect(),
        }
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
                Some(id) => self.say(msg!(
                    "export-source-with-id",
                    cell = s.cell,
                    id = doc_safe(id),
                    first = s.first_line,
                    last = s.last_line
                )),
                None => self.say(msg!(
                    "export-source",
                    cell = s.cell,
                    first = s.first_line,
                    last = s.last_line
                )),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Import lines for `names` as seen from `module` (package-relative path).
    fn imports(&self, names: &BTreeSet<String>, module: &str) -> String {
        self.imports_with(names, module, &[])
    }

    /// [`Ctx::imports`] with more import lines (`import abc`), sorted in with the rest.
    fn imports_with(&self, names: &BTreeSet<String>, module: &str, extra: &[&str]) -> String {
        let mut plain: BTreeSet<String> = extra.iter().map(|l| l.to_string()).collect();
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
        // isort's sections: `__future__`, the standard library, third party, then the
        // package's own modules; `import x` before `from x import y` in each.
        let top = |line: &str| {
            line.split_whitespace()
                .nth(1)
                .and_then(|m| m.split('.').next())
                .unwrap_or("")
                .to_string()
        };
        let mut sections: [Vec<&String>; 3] = [Vec::new(), Vec::new(), Vec::new()];
        for l in &plain {
            let t = top(l);
            let section = if t == "__future__" {
                0
            } else if python::pypi_name(&t).is_none() {
                1
            } else {
                2
            };
            sections[section].push(l);
        }
        let mut blocks: Vec<String> = Vec::new();
        for lines in sections.iter_mut() {
            if lines.is_empty() {
                continue;
            }
            lines.sort_by_key(|l| (!l.starts_with("import "), top(l), l.to_string()));
            let block: Vec<&str> = lines.iter().map(|l| l.as_str()).collect();
            blocks.push(block.join("\n") + "\n");
        }
        if !from_pkg.is_empty() {
            let mut block = String::new();
            for (m, ns) in from_pkg {
                let list: Vec<&str> = ns.iter().map(String::as_str).collect();
                let line = format!("from {}.{m} import {}", self.plan.package, list.join(", "));
                if line.len() <= 88 {
                    block.push_str(&line);
                    block.push('\n');
                } else {
                    let _ = writeln!(block, "from {}.{m} import (", self.plan.package);
                    for n in list {
                        let _ = writeln!(block, "    {n},");
                    }
                    block.push_str(")\n");
                }
            }
            blocks.push(block);
        }
        blocks.join("\n")
    }

    /// What the function's statements do, in order, from their roles: “Split, train and
    /// evaluate”.
    fn doing(&self, f: &PlannedFunction) -> String {
        let cut = Cut::of(f);
        let statements: Vec<(StmtRef, Cut)> = f.statements.iter().map(|&s| (s, cut)).collect();
        self.doing_all(&statements, f.role)
    }

    /// What `statements` do, in order, from their roles (`fallback` when none says).
    fn doing_all(&self, statements: &[(StmtRef, Cut)], fallback: Option<Role>) -> String {
        let mut roles: Vec<Role> = Vec::new();
        for &(s, cut) in statements {
            for r in self.roles_of(s, cut) {
                if !matches!(r, Role::Import | Role::Define) && !roles.contains(&r) {
                    roles.push(r);
                }
            }
        }
        if roles.is_empty() {
            roles.extend(fallback);
        }
        let words: Vec<String> = roles.iter().map(|&r| self.role_phrase(r)).collect();
        let text = if words.is_empty() {
            self.word("export-doing-step")
        } else {
            Arg::list(words).render(self.plan.lang)
        };
        capital(&text)
    }

    /// A role as the verb phrase a docstring uses: `build features`, `특성 만들기`.
    fn role_phrase(&self, role: Role) -> String {
        crate::i18n::tr_key(self.plan.lang, &format!("export-role-{}", role.as_str()))
    }

    /// `` `a`, `b` `` as a docstring lists changed or returned names.
    fn names(&self, names: &[String]) -> String {
        let quoted: Vec<String> = names.iter().map(|m| format!("`{m}`")).collect();
        quoted.join(", ")
    }

    fn function_doc(&self, f: &PlannedFunction, indent: &str) -> String {
        let mut doc = format!(
            "{indent}\"\"\"{}",
            self.say(msg!(
                "export-function-doc",
                doing = self.doing(f),
                source = self.provenance(&f.sources)
            ))
        );
        if !f.mutates.is_empty() {
            let returned = f.mutates.iter().all(|m| f.returns.contains(m));
            let how = match (returned, f.mutates.len()) {
                (true, 1) => "it",
                (true, _) => "them",
                (false, _) => "no",
            };
            let changes = self.say(msg!(
                "export-changes-in-place",
                names = self.names(&f.mutates),
                returned = how
            ));
            let _ = write!(doc, "\n\n{indent}{changes}");
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
        // One chunk per cell, a blank line between cells.
        let mut chunks: Vec<(usize, Vec<usize>)> = Vec::new();
        for s in &f.statements {
            match chunks.last_mut() {
                Some((cell, stmts)) if *cell == s.cell => stmts.push(s.statement),
                _ => chunks.push((s.cell, vec![s.statement])),
            }
        }
        let body: Vec<String> = chunks
            .iter()
            .map(|(cell, stmts)| self.text_as(*cell, stmts, indent, Cut::of(f)))
            .collect();
        out.push_str(&body.join("\n\n"));
        out.push('\n');
        if !f.returns.is_empty() {
            let _ = writeln!(out, "{indent}return {}", f.returns.join(", "));
        }
        out
    }

    fn moved(&self, f: &PlannedFunction) -> String {
        let from = self.say(msg!("export-from", source = self.provenance(&f.sources)));
        let mut out = format!("# {from}\n");
        for s in &f.statements {
            out.push_str(&self.text(s.cell, &[s.statement], ""));
        }
        out.push('\n');
        out
    }

    fn call(&self, f: &PlannedFunction) -> String {
        self.call_on(f, &self.plan.repo_var)
    }

    /// A call of a planned function; repository methods are called on `repo`.
    fn call_on(&self, f: &PlannedFunction, repo: &str) -> String {
        let target = if f.kind == FunctionKind::Method {
            format!("{repo}.{}", f.name)
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

    /// The argument every use case takes: the repository (level 1) or the unit of
    /// work (levels 2 and 3), and how the use case reaches the repository through it.
    fn use_case_arg(&self) -> (&str, String) {
        if self.plan.level >= 2 {
            let uow = self.plan.uow_var.as_str();
            (uow, format!("{uow}.repo"))
        } else {
            let repo = self.plan.repo_var.as_str();
            (repo, repo.to_string())
        }
    }

    /// A use case of the service layer: its steps, in order, with the repository (or
    /// the unit of work) as its first argument.
    fn use_case(&self, uc: &UseCase) -> String {
        let f = &self.plan.functions[uc.function];
        let (arg, repo) = self.use_case_arg();
        let uow = self.plan.level >= 2;
        let indent = if uow { "        " } else { "    " };
        let mut params = vec![arg.to_string()];
        params.extend(f.params.iter().cloned());
        let mut out = format!("def {}({}):\n", f.name, params.join(", "));
        out.push_str(&self.use_case_doc(f, &self.use_case_statements(uc)));
        if uow {
            let _ = writeln!(out, "    with {arg}:");
        }
        let mut body = String::new();
        let mut last_cell: Option<usize> = None;
        for &s in &uc.steps {
            let (cell, text) = match &self.plan.steps[s] {
                Step::Call { function } => {
                    let g = &self.plan.functions[*function];
                    let cell = g.sources.first().map_or(0, |r| r.cell);
                    (cell, format!("{indent}{}", self.call_on(g, &repo)))
                }
                Step::Inline {
                    cell, statements, ..
                } => (*cell, self.text(*cell, statements, indent)),
                _ => continue,
            };
            if text.trim().is_empty() {
                continue;
            }
            if last_cell.is_some_and(|c| c != cell) {
                body.push('\n');
            }
            body.push_str(&text);
            body.push('\n');
            last_cell = Some(cell);
        }
        if body.trim().is_empty() {
            let _ = writeln!(body, "{indent}pass");
        }
        out.push_str(&body);
        if uow {
            let _ = writeln!(out, "{indent}{arg}.commit()");
        }
        if !f.returns.is_empty() {
            let _ = writeln!(out, "    return {}", f.returns.join(", "));
        }
        out
    }

    /// The notebook statements a use case runs, in order: its inline statements and
    /// those of the functions it calls, each with the part of it that runs there.
    fn use_case_statements(&self, uc: &UseCase) -> Vec<(StmtRef, Cut)> {
        let mut statements: Vec<(StmtRef, Cut)> = Vec::new();
        for &s in &uc.steps {
            match &self.plan.steps[s] {
                Step::Call { function } => {
                    let f = &self.plan.functions[*function];
                    statements.extend(f.statements.iter().map(|&s| (s, Cut::of(f))))
                }
                Step::Inline {
                    cell,
                    statements: stmts,
                    ..
                } => statements.extend(stmts.iter().map(|&statement| {
                    let at = StmtRef {
                        cell: *cell,
                        statement,
                    };
                    (at, Cut::Rest)
                })),
                _ => {}
            }
        }
        statements
    }

    fn use_case_doc(&self, f: &PlannedFunction, statements: &[(StmtRef, Cut)]) -> String {
        let doing = self.say(msg!(
            "export-sentence",
            text = self.doing_all(statements, f.role)
        ));
        let from = self.say(msg!("export-from", source = self.provenance(&f.sources)));
        let mut doc = format!("    \"\"\"{doing}\n\n    {from}");
        if !f.mutates.is_empty() {
            let changes = msg!("export-use-case-changes", names = self.names(&f.mutates));
            let _ = write!(doc, " {}", self.say(changes));
        }
        if !f.returns.is_empty() {
            let returns = msg!("export-use-case-returns", names = self.names(&f.returns));
            let _ = write!(doc, " {}", self.say(returns));
        }
        doc.push_str("\n    \"\"\"\n");
        doc
    }

    /// `USE_CASES` and `run_pipeline`: the use cases in order, up to `until`.
    fn pipeline(&self) -> String {
        let (arg, _) = self.use_case_arg();
        let names: Vec<String> = self
            .plan
            .use_cases
            .iter()
            .map(|u| py_str(&self.plan.functions[u.function].name))
            .collect();
        let doc = indented(&self.say(msg!("export-run-pipeline-doc")), "    ");
        let use_cases = format!(
            "USE_CASES = ({}{})\n\n\n",
            names.join(", "),
            if names.len() == 1 { "," } else { "" },
        );
        let run = format!(
            "def run_pipeline({arg}, until=None):\n    \"\"\"{}\n    \"\"\"\n",
            doc.trim_start()
        );
        if self.plan.use_cases.is_empty() {
            return format!("{use_cases}{run}    return {{}}\n");
        }
        // The steps yield only what each use case hands on, so no step repeats the
        // values before it and the generator grows by two lines per use case.
        let steps_doc = self.say(msg!("export-pipeline-steps-doc"));
        let mut out =
            format!("{use_cases}def pipeline_steps({arg}):\n    \"\"\"{steps_doc}\"\"\"\n");
        for uc in &self.plan.use_cases {
            let f = &self.plan.functions[uc.function];
            let args: Vec<&str> = std::iter::once(arg)
                .chain(f.params.iter().map(String::as_str))
                .collect();
            let call = format!("{}({})", f.name, args.join(", "));
            let values: Vec<String> = f
                .returns
                .iter()
                .map(|n| format!("{}: {n}", py_str(n)))
                .collect();
            if f.returns.is_empty() {
                let _ = writeln!(out, "    {call}");
            } else {
                let _ = writeln!(out, "    {} = {call}", f.returns.join(", "));
            }
            let _ = writeln!(
                out,
                "    yield {}, {{{}}}",
                py_str(&f.name),
                values.join(", ")
            );
        }
        let _ = write!(
            out,
            "\n\n{run}    handed_on = {{}}\n    for name, values in pipeline_steps({arg}):\n        handed_on.update(values)\n        if name == until:\n            break\n    return handed_on\n"
        );
        out
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
                    let _ = writeln!(
                        out,
                        "{indent}# {}",
                        self.say(msg!("export-cell", cell = *cell))
                    );
                    out.push_str(&self.text(*cell, statements, indent));
                    out.push('\n');
                }
                Step::Explore {
                    cell,
                    statements,
                    uses,
                } if explore => {
                    names.extend(uses.iter().cloned());
                    let comment = msg!("export-cell-exploration", cell = *cell);
                    let _ = writeln!(out, "{indent}# {}", self.say(comment));
                    out.push_str(&self.text(*cell, statements, indent));
                    out.push('\n');
                }
                Step::Explore { .. } => {}
                Step::Skipped { cell, reason } => {
                    let skipped = msg!(
                        "export-cell-skipped",
                        cell = *cell,
                        reason = doc_safe(reason)
                    );
                    let _ = writeln!(out, "{indent}# {}", self.say(skipped));
                }
            }
        }
        out
    }
}

/// `entrypoints/cli.py` in fallback mode: one function per cell on module globals, and
/// `run_pipeline` calling them in order.
fn fallback_cli(ctx: &Ctx) -> String {
    let plan = ctx.plan;
    let analysis = ctx.analysis;
    let pkg = plan.package.as_str();
    let repo = plan.repo_var.as_str();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut body = String::new();
    let mut cell_functions = String::new();
    for f in plan.functions_in(MODULE_CLI) {
        let _ = write!(cell_functions, "\n\ndef {}():\n", f.name);
        let from = ctx.say(msg!("export-from", source = ctx.provenance(&f.sources)));
        let _ = writeln!(cell_functions, "    \"\"\"{from}\"\"\"");
        if !f.globals.is_empty() {
            let _ = writeln!(cell_functions, "    global {}", f.globals.join(", "));
        }
        let cell = f.sources[0].cell;
        let parse_error = analysis
            .model
            .cell(cell)
            .and_then(|c| c.syntax_error.clone());
        if let Some(err) = parse_error {
            let kept = msg!("export-cell-does-not-parse", error = doc_safe(&err.message));
            let _ = writeln!(cell_functions, "    # {}", ctx.say(kept));
            cell_functions.push_str(&python::commented(ctx.source(cell), "    "));
            cell_functions.push_str("\n    pass\n");
        } else {
            // Fallback mode splits nothing: the cells run as the notebook wrote them.
            let stmts: Vec<(usize, Cut)> = f
                .statements
                .iter()
                .map(|s| (s.statement, Cut::Notebook))
                .collect();
            let text = ctx.text_in(cell, &stmts, "    ", &f.globals);
            if text.trim().is_empty() {
                cell_functions.push_str("    pass\n");
            } else {
                cell_functions.push_str(&text);
                cell_functions.push_str("\n    pass\n");
            }
        }
    }
    // The cells in order, as a tuple `run_pipeline` loops over: a notebook of many
    // cells does not make it a long function.
    let cells = free_module_name(plan, &["CELLS", "NOTEBOOK_CELLS", "PYARCH_CELLS"]);
    let _ = writeln!(body, "\n\n{cells} = (");
    for step in &plan.steps {
        match step {
            Step::Call { function } => {
                let _ = writeln!(body, "    {},", plan.functions[*function].name);
            }
            Step::Skipped { cell, reason } => {
                let skipped = msg!(
                    "export-cell-skipped",
                    cell = *cell,
                    reason = doc_safe(reason)
                );
                let _ = writeln!(body, "    # {}", ctx.say(skipped));
            }
            _ => {}
        }
    }
    body.push_str(")\n");
    let doc = ctx.say(msg!("export-fallback-cli-doc", pkg = pkg));
    let mut out = format!("\"\"\"{doc}\n\"\"\"\n\n");
    for s in &plan.star_imports {
        out.push_str(s);
        out.push('\n');
    }
    let imports = ctx.imports(&names, MODULE_CLI);
    out.push_str(&imports);
    if !imports.is_empty() || !plan.star_imports.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "from {pkg}.adapters.repository import FileRepository");
    names.clear();
    out.push_str(&cell_functions);
    out.push_str(&body);
    let _ = write!(
        out,
        "\n\ndef run_pipeline({repo}=None):\n    \"\"\"⟪fallback-cli-1⟫\"\"\"\n    if {repo} is None:\n        {repo} = FileRepository()\n    for cell in {cells}:\n        cell()\n"
    );
    out.push_str("    return dict(globals())\n");
    out.push_str("\n\ndef main():\n    \"\"\"⟪fallback-cli-2⟫\"\"\"\n    run_pipeline()\n");
    out.push_str("\n\nif __name__ == \"__main__\":\n    main()\n");
    out
}

/// The first of `candidates` that neither the notebook's cells (in fallback mode, module
/// globals), its imports nor a planned function take.
fn free_module_name<'a>(plan: &Plan, candidates: &[&'a str]) -> &'a str {
    let taken = |n: &str| {
        plan.imports.contains_key(n)
            || plan
                .functions
                .iter()
                .any(|f| f.name == n || f.globals.iter().any(|g| g == n))
    };
    candidates
        .iter()
        .copied()
        .find(|n| !taken(n))
        .unwrap_or(candidates[candidates.len() - 1])
}

/// `entrypoints/cli.py`: parses the arguments, builds the real adapters and calls the
/// service layer; nothing else.
fn thin_cli(ctx: &Ctx, data_env: &str) -> String {
    let plan = ctx.plan;
    let pkg = plan.package.as_str();
    let (imports, run) = match plan.level {
        1 => (
            format!("from {pkg}.adapters.repository import FileRepository\nfrom {pkg}.service_layer import services\n"),
            "    services.run_pipeline(FileRepository(), until=args.until)\n".to_string(),
        ),
        2 => (
            format!("from {pkg}.service_layer import services\nfrom {pkg}.service_layer.unit_of_work import FileUnitOfWork\n"),
            "    services.run_pipeline(FileUnitOfWork(), until=args.until)\n".to_string(),
        ),
        _ => (
            format!("from {pkg}.bootstrap import bootstrap\nfrom {pkg}.domain import commands\nfrom {pkg}.service_layer import services\n"),
            "    bus = bootstrap()\n    bus.handle(commands.RunPipeline(until=args.until))\n".to_string(),
        ),
    };
    format!(
        "\"\"\"{doc}\n\"\"\"\n\nimport argparse\nimport os\n\n{imports}\n\ndef parse_args(argv=None):\n    \"\"\"⟪thin-cli-1⟫\"\"\"\n    parser = argparse.ArgumentParser(description=\"⟪thin-cli-description⟫\")\n    parser.add_argument(\n        \"--data-dir\",\n        default=os.environ.get({env}, \".\"),\n        help={data_dir_help},\n    )\n    parser.add_argument(\n        \"--until\",\n        choices=services.USE_CASES,\n        help=\"⟪thin-cli-until-help⟫\",\n    )\n    return parser.parse_args(argv)\n\n\ndef main(argv=None):\n    \"\"\"⟪thin-cli-2⟫\"\"\"\n    args = parse_args(argv)\n    os.chdir(args.data_dir)\n{run}\n\nif __name__ == \"__main__\":\n    main()\n",
        env = py_str(data_env),
        doc = ctx.say(msg!("export-thin-cli-doc", pkg = pkg)),
        data_dir_help = data_dir_help(ctx, data_env),
    )
}

/// The `--data-dir` help of the exported CLI, as a Python string expression: two
/// literals, so that the line stays short.
fn data_dir_help(ctx: &Ctx, data_env: &str) -> String {
    let head = ctx.word("export-thin-cli-data-dir-help");
    let default = ctx.say(msg!(
        "export-thin-cli-data-dir-default",
        data_env = data_env
    ));
    format!(
        "{}\n        {}",
        py_str(&format!("{head} ")),
        py_str(&default)
    )
}

/// `    "key": ("a", "b"),` as a line of a dict, with one name per line when that
/// would run past 88 characters.
fn py_dict_entry(key: &str, names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| py_str(n)).collect();
    let tuple = match quoted.len() {
        1 => format!("({},)", quoted[0]),
        _ => format!("({})", quoted.join(", ")),
    };
    let line = format!("    {}: {tuple},", py_str(key));
    if line.chars().count() <= 88 {
        return line;
    }
    let items: String = quoted.iter().map(|q| format!("        {q},\n")).collect();
    format!("    {}: (\n{items}    ),", py_str(key))
}

/// A Python list of string literals.
fn py_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| py_str(i)).collect();
    format!("[{}]", items.join(", "))
}

/// The config names of the files the notebook reads (paths lifted from its loads),
/// which the e2e tests look for in the data folder before running.
fn input_paths(ctx: &Ctx) -> Vec<String> {
    let plan = ctx.plan;
    let mut out: Vec<String> = Vec::new();
    for sub in &plan.path_substitutions {
        let reads = ctx
            .analysis
            .roles
            .statement_roles(sub.cell)
            .get(sub.statement)
            .is_some_and(|r| *r == Role::Load);
        let lifted = plan
            .path_constants
            .iter()
            .find(|c| c.name == sub.name)
            .is_some_and(|c| !c.value.contains("://"));
        if reads && lifted && !out.contains(&sub.name) {
            out.push(sub.name.clone());
        }
    }
    out
}

/// The config names of the files the notebook writes (paths lifted from its saves).
fn output_paths(ctx: &Ctx) -> Vec<String> {
    let plan = ctx.plan;
    let mut out: Vec<String> = Vec::new();
    for sub in &plan.path_substitutions {
        let writes = ctx
            .analysis
            .roles
            .statement_roles(sub.cell)
            .get(sub.statement)
            .is_some_and(|r| *r == Role::Persist);
        let lifted = plan
            .path_constants
            .iter()
            .find(|c| c.name == sub.name)
            .is_some_and(|c| !c.value.contains("://"));
        if writes && lifted && !out.contains(&sub.name) {
            out.push(sub.name.clone());
        }
    }
    out
}

/// What the characterization test compares: the saved printed output of the cells
/// whose prints the pipeline runs, by cell, and the lines left out, with why.
fn characterization(ctx: &Ctx) -> (Vec<(usize, Vec<String>)>, Vec<String>) {
    use crate::notebook::OutputKind;
    let analysis = ctx.analysis;
    // Unseeded randomness makes later numbers vary, unless the notebook seeded the
    // global generators first (`np.random.seed(42)`): run top to bottom, it repeats.
    let unseeded = analysis
        .findings
        .iter()
        .filter(|f| f.code == "PA403")
        .filter_map(|f| f.cell)
        .min()
        .filter(|&first| {
            !analysis.notebook.code_cells().any(|c| {
                c.index <= first
                    && ["random.seed(", "set_seed(", "manual_seed("]
                        .iter()
                        .any(|s| c.source.contains(s))
            })
        });
    let mut expected = Vec::new();
    let mut omitted = Vec::new();
    for &cell in &ctx.plan.printed_cells {
        let Some(c) = analysis.notebook.cells.get(cell) else {
            continue;
        };
        if c.outputs.iter().any(|o| o.kind == OutputKind::Error) {
            omitted.push(format!("cell {cell}: its saved output ends in an error"));
            continue;
        }
        let text: String = c
            .outputs
            .iter()
            .filter(|o| o.kind == OutputKind::Stream)
            .map(|o| o.text.as_str())
            .collect();
        let mut lines = Vec::new();
        let mut warning = false;
        for line in text.split('\n') {
            let line = line.trim_end();
            if line.trim().is_empty() {
                continue;
            }
            // A warning's source line follows it, indented.
            let continues_warning = warning && line.starts_with(' ');
            warning = false;
            let why = if continues_warning || line.contains("Warning") {
                warning = true;
                Some("a warning (it depends on library versions)")
            } else {
                unrepeatable(line)
            };
            let why = why.or_else(|| {
                (unseeded.is_some_and(|u| cell >= u) && line.bytes().any(|b| b.is_ascii_digit()))
                    .then_some("numbers after unseeded randomness (PA403)")
            });
            match why {
                Some(why) => omitted.push(format!(
                    "cell {cell}: `{}`: {why}",
                    python::comment_safe(line).replace('`', "'")
                )),
                None => lines.push(line.to_string()),
            }
        }
        if !lines.is_empty() {
            expected.push((cell, lines));
        }
    }
    (expected, omitted)
}

/// Why a printed line cannot repeat from one run to the next, if it cannot.
fn unrepeatable(line: &str) -> Option<&'static str> {
    let lower = line.to_lowercase();
    if line.contains('\r') {
        return Some("progress output");
    }
    let hex = lower.match_indices("0x").any(|(i, _)| {
        lower[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_hexdigit())
            .count()
            >= 6
    });
    if hex || lower.contains(" object at ") {
        return Some("a memory address");
    }
    let timing = [
        "wall time",
        "cpu times",
        "elapsed",
        "seconds",
        "time taken",
        "took ",
        "it/s",
        "s/it",
    ];
    if timing.iter().any(|t| lower.contains(t)) {
        return Some("a time");
    }
    let bytes = line.as_bytes();
    let date = bytes.windows(10).any(|w| {
        w[4] == b'-'
            && w[7] == b'-'
            && w.iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
    });
    if date && (lower.contains("20") && lower.contains(':')) {
        return Some("a date and time");
    }
    if lower.contains("site-packages") || lower.contains("traceback") {
        return Some("a path of this machine");
    }
    None
}

/// `tests/unit/test_functions.py`: the planned functions and their parameters, and the
/// use cases' first argument.
fn unit_test_functions(ctx: &Ctx) -> String {
    let plan = ctx.plan;
    let pkg = plan.package.as_str();
    let (arg, _) = ctx.use_case_arg();
    let mut checks = Vec::new();
    for f in plan.functions.iter().filter(|f| {
        matches!(
            f.kind,
            FunctionKind::Extracted | FunctionKind::Moved | FunctionKind::UseCase
        ) && f.destination != Destination::Entrypoint
    }) {
        let mut params: Vec<String> = Vec::new();
        if f.kind == FunctionKind::UseCase {
            params.push(arg.to_string());
        }
        params.extend(f.params.iter().cloned());
        checks.push(format!(
            "    ({}, {}, {}),",
            py_str(&dotted(f.destination.module())),
            py_str(&f.name),
            py_list(&params)
        ));
    }
    let mut out = format!(
        "\"\"\"{}\"\"\"\n\nimport importlib\nimport inspect\n\n",
        ctx.say(msg!(
            "export-unit-test-functions-doc",
            takes = if plan.level >= 2 { "uow" } else { "repository" }
        ))
    );
    if plan.fallback {
        let _ = writeln!(out, "from {pkg}.entrypoints.cli import run_pipeline\n");
    } else {
        let _ = writeln!(out, "from {pkg}.service_layer import services\n");
    }
    let _ = write!(
        out,
        "PLANNED = [\n{}{}]\n\n\ndef test_planned_functions_have_the_planned_parameters():\n    for module, name, params in PLANNED:\n        obj = getattr(importlib.import_module({} + \".\" + module), name)\n        if inspect.isclass(obj):\n            continue\n        assert list(inspect.signature(obj).parameters)[: len(params)] == params\n",
        checks.join("\n"),
        if checks.is_empty() { "" } else { "\n" },
        py_str(pkg),
    );
    if plan.fallback {
        let _ = write!(
            out,
            "\n\ndef test_the_pipeline_takes_the_repository():\n    assert list(inspect.signature(run_pipeline).parameters) == [{}]\n",
            py_str(&plan.repo_var)
        );
    } else {
        let _ = write!(
            out,
            "\n\ndef test_every_use_case_takes_{}_first():\n    for name in services.USE_CASES:\n        params = list(inspect.signature(getattr(services, name)).parameters)\n        assert params[0] == {}\n\n\ndef test_run_pipeline_runs_the_use_cases_up_to_a_stopping_point():\n    params = list(inspect.signature(services.run_pipeline).parameters)\n    assert params == [{}, {}]\n",
            if plan.level >= 2 { "the_unit_of_work" } else { "the_repository" },
            py_str(arg),
            py_str(arg),
            py_str("until"),
        );
        let returns: Vec<String> = plan
            .use_cases
            .iter()
            .map(|u| {
                let f = &plan.functions[u.function];
                py_dict_entry(&f.name, &f.returns)
            })
            .collect();
        let _ = write!(
            out,
            "\n\n# ⟪returns-comment⟫\nRETURNS = {{\n{}\n}}\n\n\ndef test_run_pipeline_runs_the_use_cases_in_order_and_stops_where_asked(monkeypatch):\n    ran = []\n    handed_on = {{}}\n\n    def fake(name, names):\n        def use_case(*args):\n            ran.append(name)\n            values = tuple(object() for _ in names)\n            handed_on.update(zip(names, values))\n            return values[0] if len(values) == 1 else (values or None)\n\n        return use_case\n\n    for name, names in RETURNS.items():\n        monkeypatch.setattr(services, name, fake(name, names))\n    assert services.run_pipeline(None) == handed_on\n    assert ran == list(services.USE_CASES)\n    for i, name in enumerate(services.USE_CASES):\n        ran.clear()\n        handed_on.clear()\n        assert services.run_pipeline(None, until=name) == handed_on\n        assert ran == list(services.USE_CASES[: i + 1])\n",
            returns.join("\n"),
        );
    }
    out
}

/// `tests/e2e/test_cli.py`: runs the entrypoint in the data folder (skipping, with the
/// variable to set, when the data is not there) and compares what it prints with what
/// the notebook printed.
fn e2e_test_cli(ctx: &Ctx, data_env: &str) -> String {
    let pkg = ctx.plan.package.as_str();
    let (expected, _) = characterization(ctx);
    let mut out = format!(
        "\"\"\"{doc}\"\"\"\n\nimport importlib\nimport math\nimport os\nimport re\nimport subprocess\nimport sys\nimport time\nfrom pathlib import Path\n\nimport pytest\n\nROOT = Path(__file__).resolve().parents[2]\nCONFIG = {config}\nDATA_ENV = {env}\nSTARTED = 0.0\nDATA_DIR = Path(os.environ.get(DATA_ENV, str(ROOT)))\n# ⟪inputs-comment⟫\nINPUTS = {inputs}\n# ⟪expected-comment⟫\nEXPECTED = [\n",
        doc = indented(&ctx.say(msg!("export-e2e-test-cli-doc", data_env = data_env)), ""),
        env = py_str(data_env),
        config = py_str(&format!("{pkg}.config")),
        inputs = py_list(&input_paths(ctx)),
    );
    for (cell, lines) in &expected {
        let _ = writeln!(out, "    ({cell}, [");
        for l in lines {
            let _ = writeln!(out, "        {},", py_str(l));
        }
        out.push_str("    ]),\n");
    }
    let outputs = output_paths(ctx);
    let _ = write!(
        out,
        "]\n# ⟪outputs-comment⟫\nOUTPUTS = {}\nNUMBER = re.compile(r\"[-+]?(?:\\d+\\.\\d*|\\.\\d+|\\d+)(?:[eE][-+]?\\d+)?\")\n\n\ndef missing_inputs():\n    \"\"\"⟪e2e-test-cli-1⟫\"\"\"\n    config = importlib.import_module(CONFIG)\n    paths = [str(getattr(config, name)) for name in INPUTS]\n    return [p for p in paths if not (DATA_DIR / p).exists()]\n\n\n@pytest.fixture(scope=\"module\")\ndef run():\n    \"\"\"⟪e2e-test-cli-2⟫\"\"\"\n    missing = missing_inputs()\n    if missing:\n        pytest.skip(\n            f\"no data: {{missing[0]}} is not in {{DATA_DIR}}; \"\n            f\"set {{DATA_ENV}} to the folder the notebook ran in\"\n        )\n    env = dict(os.environ)\n    env[\"PYTHONPATH\"] = os.pathsep.join([str(ROOT / \"src\"), env.get(\"PYTHONPATH\", \"\")])\n    env[\"MPLBACKEND\"] = \"Agg\"\n    global STARTED\n    STARTED = time.time() - 1\n    proc = subprocess.run(\n        [sys.executable, \"-m\", {module}],\n        cwd=DATA_DIR,\n        env=env,\n        capture_output=True,\n        text=True,\n        timeout=1800,\n    )\n    if proc.returncode != 0 and DATA_ENV not in os.environ and \"FileNotFoundError\" in proc.stderr:\n        last = proc.stderr.strip().splitlines()[-1]\n        pytest.skip(f\"no data in {{DATA_DIR}} ({{last}}); set {{DATA_ENV}} to the folder the notebook ran in\")\n    return proc\n\n\ndef test_cli_runs_end_to_end(run):\n    assert run.returncode == 0, run.stderr[-3000:]\n",
        py_list(&outputs),
        module = py_str(&format!("{pkg}.entrypoints.cli")),
    );
    let saves = ctx
        .plan
        .functions_in(MODULE_REPOSITORY)
        .filter(|f| f.kind == FunctionKind::Method)
        .any(|f| {
            f.statements.iter().any(|s| {
                ctx.analysis
                    .roles
                    .statement_roles(s.cell)
                    .get(s.statement)
                    .is_some_and(|r| *r == Role::Persist)
            })
        });
    if saves && outputs.is_empty() {
        out.push_str("\n\ndef test_cli_writes_files_as_the_notebook_did(run):\n    assert run.returncode == 0, run.stderr[-3000:]\n    written = [p for p in DATA_DIR.rglob(\"*\") if p.is_file() and p.stat().st_mtime >= STARTED]\n    assert written, \"the notebook saved files; the export wrote none\"\n");
    }
    if !ctx.plan.fallback {
        let (adapter_import, adapter) = if ctx.plan.level >= 2 {
            (
                format!("    from {pkg}.service_layer.unit_of_work import FileUnitOfWork\n"),
                "FileUnitOfWork()",
            )
        } else {
            (
                format!("    from {pkg}.adapters.repository import FileRepository\n"),
                "FileRepository()",
            )
        };
        let _ = write!(
            out,
            "\n\ndef test_the_use_cases_hand_on_their_results(run, monkeypatch):\n    assert run.returncode == 0, run.stderr[-3000:]\n    monkeypatch.chdir(DATA_DIR)\n    monkeypatch.setenv(\"MPLBACKEND\", \"Agg\")\n{adapter_import}    from {pkg}.service_layer import services\n\n    results = services.run_pipeline({adapter})\n    assert results, \"run_pipeline returned nothing\"\n    for name, value in results.items():\n        assert value is not None, name\n"
        );
    }
    if !outputs.is_empty() {
        out.push_str("\n\ndef test_cli_writes_the_files_the_notebook_wrote(run):\n    assert run.returncode == 0, run.stderr[-3000:]\n    config = importlib.import_module(CONFIG)\n    for name in OUTPUTS:\n        path = DATA_DIR / str(getattr(config, name))\n        assert path.exists() and path.stat().st_mtime >= STARTED, f\"{path} was not written\"\n");
    }
    if !expected.is_empty() {
        out.push_str(PY_SAVED_OUTPUT);
    }
    out
}

/// The e2e test's comparison with the saved output: one test per printed line, so
/// that a line another library version prints otherwise fails alone and the others
/// still pin the behaviour.
const PY_SAVED_OUTPUT: &str = r##"

def tolerance(number):
    """⟪e2e-test-cli-3⟫"""
    mantissa, _, exponent = number.lower().partition("e")
    return 10 ** (int(exponent or 0) - len(mantissa.partition(".")[2]))


def same(expected, actual):
    """⟪e2e-test-cli-4⟫"""
    expected, actual = " ".join(expected.split()), " ".join(actual.split())
    if expected == actual:
        return True
    if NUMBER.sub("#", expected) != NUMBER.sub("#", actual):
        return False
    for e, a in zip(NUMBER.findall(expected), NUMBER.findall(actual)):
        if e == a:
            continue
        if "." not in e and "e" not in e.lower():
            return False
        if not math.isclose(float(e), float(a), rel_tol=0, abs_tol=tolerance(e) * 1.001):
            return False
    return True


@pytest.fixture(scope="module")
def printed(run):
    """⟪e2e-test-cli-5⟫"""
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    found, at = {}, 0
    for cell, expected in EXPECTED:
        for n, line in enumerate(expected):
            where = next((i for i in range(at, len(lines)) if same(line, lines[i])), None)
            found[cell, n] = where
            if where is not None:
                at = where + 1
    return found


LINES = [(cell, n, line) for cell, expected in EXPECTED for n, line in enumerate(expected)]


@pytest.mark.saved_output
@pytest.mark.parametrize(
    "cell, n, line", LINES, ids=[f"cell{c}-line{n + 1}" for c, n, _ in LINES]
)
def test_cli_prints_what_the_notebook_printed(printed, cell, n, line):
    assert printed[cell, n] is not None, f"cell {cell} printed {line!r}; the export does not"
"##;

/// The traceability table's name for statements kept as they are: the use case they
/// run in (or the pipeline in fallback mode).
fn where_inline(plan: &Plan, cell: usize, statements: &[usize]) -> String {
    let at = StmtRef {
        cell,
        statement: statements.first().copied().unwrap_or(0),
    };
    let function = plan
        .use_cases
        .iter()
        .map(|u| &plan.functions[u.function])
        .find(|f| f.statements.first() <= Some(&at) && f.statements.contains(&at));
    match function {
        Some(f) => format!("`service_layer.services.{}`", f.name),
        None => "`entrypoints.cli.run_pipeline` (inline)".into(),
    }
}

/// `tests/unit/test_serving.py`: the HTTP entrypoint with a fake model (no files, no
/// training data).
fn unit_test_api(ctx: &Ctx, serving: &str) -> String {
    let pkg = ctx.plan.package.as_str();
    format!(
        "\"\"\"⟪unit-test-api-1⟫\"\"\"\n\nimport pytest\n\npytest.importorskip(\"fastapi\")\npytest.importorskip(\"httpx\")\n\nfrom fastapi.testclient import TestClient  # noqa: E402\n\nfrom {pkg}.entrypoints import api  # noqa: E402\nfrom {pkg}.service_layer import services  # noqa: E402\n\n\nclass FakeModel:\n    \"\"\"⟪unit-test-api-2⟫\"\"\"\n\n    def predict(self, frame):\n        return frame.sum(axis=1).to_numpy()\n\n\n@pytest.fixture\ndef client():\n    api.app.dependency_overrides[api.get_model] = FakeModel\n    yield TestClient(api.app)\n    api.app.dependency_overrides.clear()\n\n\ndef test_predict_serves_the_model_for_each_record(client):\n    response = client.post(\"/predict\", json={{\"instances\": [{{\"a\": 1, \"b\": 2}}, {{\"a\": 3, \"b\": 4}}]}})\n    assert response.status_code == 200\n    assert response.json() == {{\"predictions\": [3, 7]}}\n\n\ndef test_predict_refuses_a_payload_without_instances(client):\n    response = client.post(\"/predict\", json={{\"records\": []}})\n    assert response.status_code == 422\n\n\ndef test_the_service_predicts_with_the_model_it_is_given():\n    assert services.{serving}([{{\"a\": 1}}, {{\"a\": 2}}], FakeModel()) == [1, 2]\n"
    )
}

/// `tests/e2e/test_api.py`: after the entrypoint trained and saved the model in the
/// data folder, the HTTP entrypoint loads it and predicts for the notebook's records.
fn e2e_test_api(ctx: &Ctx, data_env: &str) -> String {
    let plan = ctx.plan;
    let pkg = plan.package.as_str();
    let api = plan.api.as_ref().expect("api");
    let records = match &api.example {
        Some(e) => format!(
            "    records = getattr(importlib.import_module({}), {}, None)\n    if not isinstance(records, list):\n        pytest.skip(\"the notebook's example records are not in config.py\")\n",
            py_str(&format!("{pkg}.config")),
            py_str(e)
        ),
        None => "    pytest.skip(\"the notebook never calls its predict function on a value\")\n    records = []\n".into(),
    };
    format!(
        "\"\"\"{doc}\"\"\"\n\nimport importlib\nimport os\nimport subprocess\nimport sys\nfrom pathlib import Path\n\nimport pytest\n\npytest.importorskip(\"fastapi\")\npytest.importorskip(\"httpx\")\n\nfrom fastapi.testclient import TestClient  # noqa: E402\n\nROOT = Path(__file__).resolve().parents[2]\nDATA_ENV = {env}\nDATA_DIR = Path(os.environ.get(DATA_ENV, str(ROOT)))\nINPUTS = {inputs}\n\n\ndef test_predict_endpoint_serves_the_saved_model(monkeypatch):\n    config = importlib.import_module({config})\n    missing = [p for p in (str(getattr(config, n)) for n in INPUTS) if not (DATA_DIR / p).exists()]\n    if missing:\n        pytest.skip(f\"no data: {{missing[0]}} is not in {{DATA_DIR}}; set {{DATA_ENV}} to the folder the notebook ran in\")\n{records}    env = dict(os.environ)\n    env[\"PYTHONPATH\"] = os.pathsep.join([str(ROOT / \"src\"), env.get(\"PYTHONPATH\", \"\")])\n    env[\"MPLBACKEND\"] = \"Agg\"\n    subprocess.run([sys.executable, \"-m\", {cli}], cwd=DATA_DIR, env=env, check=True, capture_output=True, timeout=1800)\n    monkeypatch.chdir(DATA_DIR)\n    from {pkg}.entrypoints import api\n\n    api.get_model.cache_clear()\n    with TestClient(api.app) as client:\n        response = client.post(\"/predict\", json={{\"instances\": records}})\n    assert response.status_code == 200\n    assert len(response.json()[\"predictions\"]) == len(records)\n",
        doc = ctx.say(msg!("export-e2e-test-api-doc", data_env = data_env)),
        env = py_str(data_env),
        inputs = py_list(&input_paths(ctx)),
        config = py_str(&format!("{pkg}.config")),
        cli = py_str(&format!("{pkg}.entrypoints.cli")),
    )
}

/// `config.py`: the notebook's constants and the lifted paths.
fn file_config(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
    {
        let names: BTreeSet<String> = plan.config_uses.iter().cloned().collect();
        let mut out = ctx.docstring(msg!("export-config-doc"), "");
        let imports = ctx.imports(&names, MODULE_CONFIG);
        if !imports.is_empty() {
            out.push('\n');
            out.push_str(&imports);
        }
        for s in &plan.config {
            out.push('\n');
            let _ = writeln!(out, "# {}", ctx.say(msg!("export-cell", cell = s.cell)));
            out.push_str(&ctx.text(s.cell, &[s.statement], ""));
            out.push('\n');
        }
        if !plan.path_constants.is_empty() {
            let _ = write!(out, "\n# {}\n", ctx.word("export-config-paths"));
            for c in &plan.path_constants {
                let cell = ctx.say(msg!("export-cell", cell = c.cell));
                let _ = writeln!(out, "{} = {}  # {cell}", c.name, c.literal);
            }
        }
        add(module_file(plan, MODULE_CONFIG), out);
    }
}

/// `domain/model.py`: the domain functions and the notebook's pure definitions.
fn file_domain(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
    {
        let funcs: Vec<&PlannedFunction> = plan.functions_in(MODULE_DOMAIN).collect();
        let names: BTreeSet<String> = funcs.iter().flat_map(|f| f.uses.iter().cloned()).collect();
        let mut out = ctx.docstring(msg!("export-domain-doc"), "");
        let imports = ctx.imports(&names, MODULE_DOMAIN);
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
        add(module_file(plan, MODULE_DOMAIN), out);
    }
}

/// `service_layer/services.py`: the use cases, the serving function and `run_pipeline`.
fn file_services(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
    if !plan.fallback {
        let funcs: Vec<&PlannedFunction> = plan.functions_in(MODULE_SERVICES).collect();
        let names: BTreeSet<String> = funcs.iter().flat_map(|f| f.uses.iter().cloned()).collect();
        let (arg, _) = ctx.use_case_arg();
        let takes = if plan.level >= 2 { "uow" } else { "repository" };
        let mut out = ctx.docstring(msg!("export-services-doc", takes = takes, arg = arg), "");
        let mut imports = ctx.imports(&names, MODULE_SERVICES);
        let serves = plan.api.as_ref().is_some_and(|a| a.serving.is_some());
        if serves && !imports.lines().any(|l| l == "import pandas as pd") {
            imports.insert_str(0, "import pandas as pd\n");
        }
        if !imports.is_empty() {
            out.push('\n');
            out.push_str(&imports);
        }
        for f in funcs.iter().filter(|f| f.kind == FunctionKind::Moved) {
            out.push_str("\n\n");
            out.push_str(&ctx.moved(f));
        }
        for uc in &plan.use_cases {
            out.push_str("\n\n");
            out.push_str(&ctx.use_case(uc));
        }
        if let Some(serving) = plan.api.as_ref().and_then(|a| a.serving.as_ref()) {
            let doc = indented(&ctx.word("export-serving-doc"), "    ");
            let _ = write!(
                out,
                "\n\ndef {serving}(records, model):\n    \"\"\"{doc}\n    \"\"\"\n    predictions = model.predict(pd.DataFrame(records))\n    return predictions.tolist() if hasattr(predictions, \"tolist\") else list(predictions)\n"
            );
        }
        out.push_str("\n\n");
        out.push_str(&ctx.pipeline());
        add(module_file(plan, MODULE_SERVICES), out);
    } else {
        add(
            module_file(plan, MODULE_SERVICES),
            ctx.docstring(msg!("export-services-fallback-doc"), ""),
        );
    }
}

/// `adapters/repository.py`: the abstract, file and fake repositories.
fn file_repository(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
    {
        let funcs: Vec<&PlannedFunction> = plan.functions_in(MODULE_REPOSITORY).collect();
        let names: BTreeSet<String> = funcs.iter().flat_map(|f| f.uses.iter().cloned()).collect();
        let mut out = ctx.docstring(msg!("export-repository-doc"), "");
        out.push('\n');
        out.push_str(&ctx.imports_with(&names, MODULE_REPOSITORY, &["import abc"]));
        let methods: Vec<&&PlannedFunction> = funcs
            .iter()
            .filter(|f| f.kind == FunctionKind::Method)
            .collect();
        for f in funcs.iter().filter(|f| f.kind == FunctionKind::Moved) {
            out.push_str("\n\n");
            out.push_str(&ctx.moved(f));
        }
        out.push_str("\n\nclass AbstractRepository(abc.ABC):\n");
        out.push_str(&ctx.docstring(msg!("export-abstract-repository-doc"), "    "));
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
        out.push_str("\n\nclass FileRepository(AbstractRepository):\n");
        out.push_str(&ctx.docstring(msg!("export-file-repository-doc"), "    "));
        for f in &methods {
            out.push('\n');
            out.push_str(&ctx.extracted(f, true));
        }
        out.push_str("\n\nclass FakeRepository(AbstractRepository):\n");
        out.push_str(&ctx.docstring(msg!("export-fake-repository-doc"), "    "));
        out.push_str(
            "\n    def __init__(self, **results):\n        self.results = dict(results)\n        self.calls = []\n\n    def _record(self, name, *args):\n        self.calls.append((name, args))\n        return self.results.get(name)\n",
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
}

/// `entrypoints/cli.py`: thin (or, in fallback mode, the cell functions).
fn file_cli(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let pkg = ctx.plan.package.as_str();
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
    let data_env = format!("{}_DATA_DIR", pkg.to_uppercase());
    if plan.fallback {
        add(module_file(plan, MODULE_CLI), fallback_cli(ctx));
    } else {
        add(module_file(plan, MODULE_CLI), thin_cli(ctx, &data_env));
    }
}

/// Level 3: the serving API asks the read side (`views.py`) for the saved model and
/// the predictions.
fn api_through_views(api: &str, pkg: &str, loader: &str, serving: &str) -> String {
    api.replace(
        &format!("from {pkg}.adapters.repository import FileRepository\nfrom {pkg}.service_layer import services\n"),
        &format!("from {pkg} import views\nfrom {pkg}.service_layer.unit_of_work import FileUnitOfWork\n"),
    )
    .replace(
        &format!("    \"\"\"⟪file-api-1⟫\"\"\"\n    return FileRepository().{loader}()\n"),
        "    \"\"\"⟪api-through-views-2⟫\"\"\"\n    return views.saved_model(FileUnitOfWork())\n",
    )
    .replace(
        &format!("services.{serving}(instances, model)"),
        "views.predictions(instances, model)",
    )
}

/// `entrypoints/api.py`, when the notebook predicts for new records.
fn file_api(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let pkg = ctx.plan.package.as_str();
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
    if let (Some(api), Some(loader), Some(serving)) = (
        &plan.api,
        plan.api.as_ref().and_then(|a| a.model_loader.as_ref()),
        plan.api.as_ref().and_then(|a| a.serving.as_ref()),
    ) {
        add(
            module_file(plan, MODULE_API),
            format!(
                "\"\"\"{doc}\n\"\"\"\n\nfrom contextlib import asynccontextmanager\nfrom functools import lru_cache\n\nfrom fastapi import Depends, FastAPI, HTTPException\n\nfrom {pkg}.adapters.repository import FileRepository\nfrom {pkg}.service_layer import services\n\n\n@lru_cache(maxsize=1)\ndef get_model():\n    \"\"\"⟪file-api-1⟫\"\"\"\n    return FileRepository().{loader}()\n\n\n@asynccontextmanager\nasync def lifespan(app):\n    \"\"\"⟪file-api-2⟫\"\"\"\n    get_model()\n    yield\n\n\napp = FastAPI(title={}, lifespan=lifespan)\n\n\n@app.post(\"/predict\")\ndef predict_endpoint(payload: dict, model=Depends(get_model)):\n    \"\"\"⟪file-api-3⟫\"\"\"\n    instances = payload.get(\"instances\")\n    if not isinstance(instances, list):\n        raise HTTPException(status_code=422, detail='expected {{\"instances\": [...]}}')\n    return {{\"predictions\": services.{serving}(instances, model)}}\n",
                py_str(pkg),
                doc = ctx.say(msg!(
                    "export-api-doc",
                    serving = serving.as_str(),
                    function = api.function.as_str(),
                    pkg = pkg,
                    side = if plan.level >= 3 { "views" } else { "services" }
                )),
            ),
        );
        if plan.level >= 3 {
            if let Some(file) = files.last_mut() {
                file.contents = api_through_views(&file.contents, pkg, loader, serving);
            }
        }
    } else if let Some(api) = &plan.api {
        let (adapter_import, adapter) = if plan.level >= 2 {
            (
                format!("from {pkg}.service_layer.unit_of_work import FileUnitOfWork\n"),
                "FileUnitOfWork()",
            )
        } else {
            (
                format!("from {pkg}.adapters.repository import FileRepository\n"),
                "FileRepository()",
            )
        };
        let mut out = format!(
            "\"\"\"{}\n\"\"\"\n\nfrom fastapi import FastAPI, HTTPException\nfrom fastapi.encoders import jsonable_encoder\n\n{adapter_import}from {pkg}.service_layer import services\n",
            ctx.say(msg!(
                "export-api-fallback-doc",
                function = api.function.as_str(),
                pkg = pkg
            ))
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
            "\napp = FastAPI(title={})\n_state = {{}}\n\n\ndef pipeline_state():\n    \"\"\"⟪file-api-4⟫\n    \"\"\"\n    if not _state:\n        _state.update(services.run_pipeline({adapter}))\n    return _state\n\n\n@app.post(\"/predict\")\ndef predict_endpoint(payload: dict):\n    \"\"\"⟪file-api-5⟫\"\"\"\n    instances = payload.get(\"instances\")\n    if not isinstance(instances, list):\n        raise HTTPException(status_code=422, detail='expected {{\"instances\": [...]}}')\n",
            py_str(pkg)
        );
        if api.module.is_some() {
            out.push_str("    pipeline_state()\n    predict = notebook_predict\n");
        } else {
            let _ = writeln!(
                out,
                "    predict = pipeline_state()[{}]",
                py_str(&api.function)
            );
        }
        out.push_str("    return {\"predictions\": jsonable_encoder(predict(instances))}\n");
        add(module_file(plan, MODULE_API), out);
    }
}

/// Level 2: `service_layer/unit_of_work.py`.
fn file_unit_of_work(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let pkg = ctx.plan.package.as_str();
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
    if plan.level >= 2 {
        add(
            module_file(plan, "service_layer/unit_of_work.py"),
            format!(
                "\"\"\"⟪file-unit-of-work-1⟫\"\"\"\n\nimport abc\n\nfrom {pkg}.adapters.repository import AbstractRepository, FakeRepository, FileRepository\n\n\nclass AbstractUnitOfWork(abc.ABC):\n    repo: AbstractRepository\n    committed = False\n\n    def __enter__(self):\n        return self\n\n    def __exit__(self, *exc):\n        if exc[0] is not None:\n            self.rollback()\n\n    @abc.abstractmethod\n    def commit(self):\n        raise NotImplementedError\n\n    def rollback(self):\n        self.committed = False\n\n\nclass FileUnitOfWork(AbstractUnitOfWork):\n    def __init__(self, repo=None):\n        self.repo = repo if repo is not None else FileRepository()\n\n    def commit(self):\n        self.committed = True\n\n\nclass FakeUnitOfWork(AbstractUnitOfWork):\n    def __init__(self, repo=None):\n        self.repo = repo if repo is not None else FakeRepository()\n\n    def commit(self):\n        self.committed = True\n"
            ),
        );
    }
}

/// Level 3: commands, events, message bus, handlers and bootstrap.
fn file_message_bus(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let pkg = plan.package.as_str();
    if plan.level < 3 {
        return;
    }
    // With a saved model to serve: a command that carries the records to predict for.
    let serving = plan
        .api
        .as_ref()
        .and_then(|a| Some((a.model_loader.as_ref()?, a.serving.as_ref()?)));
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
    let commands = String::from("\"\"\"⟪file-message-bus-1⟫\"\"\"\n\nfrom dataclasses import dataclass\nfrom typing import Optional\n\n\nclass Command:\n    \"\"\"⟪file-message-bus-2⟫\"\"\"\n\n\n@dataclass(frozen=True)\nclass RunPipeline(Command):\n    \"\"\"⟪file-message-bus-3⟫\"\"\"\n\n    until: Optional[str] = None\n");
    let events = String::from("\"\"\"⟪file-message-bus-4⟫\"\"\"\n\nfrom dataclasses import dataclass\nfrom typing import Optional, Tuple\n\n\nclass Event:\n    \"\"\"⟪file-message-bus-5⟫\"\"\"\n\n\n@dataclass(frozen=True)\nclass PipelineCompleted(Event):\n    \"\"\"⟪file-message-bus-6⟫\"\"\"\n\n    until: Optional[str] = None\n    names: Tuple[str, ...] = ()\n");
    let mut handlers = format!("\"\"\"⟪file-message-bus-7⟫\"\"\"\n\nfrom {pkg}.domain import commands, events\nfrom {pkg}.service_layer import services\n\n\ndef run_pipeline(cmd, uow, publish):\n    \"\"\"⟪file-message-bus-8⟫\"\"\"\n    results = services.run_pipeline(uow, until=cmd.until)\n    publish(events.PipelineCompleted(until=cmd.until, names=tuple(sorted(results))))\n    return results\n");
    let table = String::from("    commands.RunPipeline: run_pipeline,\n");
    let event_types = String::from("events.PipelineCompleted: []");
    // Predicting changes nothing: a query on the read side, not a command.
    if let Some((loader, serving)) = serving {
        add(
            module_file(plan, "views.py"),
            format!(
                "\"\"\"⟪file-message-bus-9⟫\"\"\"\n\nfrom {pkg}.service_layer import services\n\n\ndef saved_model(uow):\n    \"\"\"⟪file-message-bus-10⟫\n    \"\"\"\n    with uow:\n        return uow.repo.{loader}()\n\n\ndef predictions(records, model):\n    \"\"\"⟪file-message-bus-11⟫\"\"\"\n    return services.{serving}(list(records), model)\n"
            ),
        );
    }
    let _ = write!(handlers, "\n\nCOMMAND_HANDLERS = {{\n{table}}}\n");
    add(module_file(plan, "domain/commands.py"), commands);
    add(module_file(plan, "domain/events.py"), events);
    add(
        module_file(plan, "service_layer/messagebus.py"),
        "\"\"\"⟪file-message-bus-12⟫\"\"\"\n\n\nclass MessageBus:\n    \"\"\"⟪file-message-bus-13⟫\"\"\"\n\n    def __init__(self, command_handlers=None, event_handlers=None):\n        self.command_handlers = dict(command_handlers or {})\n        self.event_handlers = dict(event_handlers or {})\n        self.queue = []\n\n    def emit(self, event):\n        \"\"\"⟪file-message-bus-14⟫\"\"\"\n        self.queue.append(event)\n\n    def handle(self, command):\n        \"\"\"⟪file-message-bus-15⟫\"\"\"\n        result = self.command_handlers[type(command)](command)\n        while self.queue:\n            event = self.queue.pop(0)\n            for handler in self.event_handlers.get(type(event), []):\n                handler(event)\n        return result\n".into(),
    );
    add(module_file(plan, "service_layer/handlers.py"), handlers);
    add(
        module_file(plan, "bootstrap.py"),
        format!(
            "\"\"\"⟪file-message-bus-16⟫\"\"\"\n\nimport functools\n\nfrom {pkg}.domain import events\nfrom {pkg}.service_layer import handlers\nfrom {pkg}.service_layer.messagebus import MessageBus\nfrom {pkg}.service_layer.unit_of_work import FileUnitOfWork\n\n\ndef bootstrap(uow=None, event_handlers=None):\n    \"\"\"⟪file-message-bus-17⟫\"\"\"\n    uow = uow if uow is not None else FileUnitOfWork()\n    bus = MessageBus(event_handlers=event_handlers or {{{event_types}}})\n    bus.command_handlers = {{\n        command: functools.partial(handler, uow=uow, publish=bus.emit)\n        for command, handler in handlers.COMMAND_HANDLERS.items()\n    }}\n    return bus\n"
        ),
    );
}

/// `notebooks/exploration.py`: the notebook's looks and plots, apart from the package.
fn file_exploration(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let pkg = ctx.plan.package.as_str();
    let repo = ctx.plan.repo_var.as_str();
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
    {
        let mut names: BTreeSet<String> = BTreeSet::new();
        let body = if plan.fallback {
            format!("from {pkg}.entrypoints.cli import run_pipeline\n\nrun_pipeline()\n")
        } else {
            ctx.steps("", true, &mut names)
        };
        let mut out = String::from("\"\"\"⟪file-exploration-1⟫\n\"\"\"\n\n");
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
}

/// `pyproject.toml`.
fn file_pyproject(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let pkg = ctx.plan.package.as_str();
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
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
            "[build-system]\nrequires = [\"setuptools>=61\"]\nbuild-backend = \"setuptools.build_meta\"\n\n[project]\nname = {}\nversion = \"0.1.0\"\ndescription = \"Generated by pyarch from a Jupyter notebook\"\nrequires-python = \">=3.9\"\ndependencies = [\n{}{}]\n\n[project.optional-dependencies]\ntest = [{}]\n\n[project.scripts]\n{} = \"{pkg}.entrypoints.cli:main\"\n\n[tool.setuptools.packages.find]\nwhere = [\"src\"]\n\n[tool.pytest.ini_options]\npythonpath = [\"src\"]\ntestpaths = [\"tests\"]\nmarkers = [\n    \"saved_output: compares with the output the notebook saved (other library versions may print otherwise)\",\n]\n",
            toml_str(&dist),
            deps.join("\n"),
            if deps.is_empty() { "" } else { "\n" },
            test_deps.iter().map(|d| toml_str(d)).collect::<Vec<_>>().join(", "),
            toml_str(&dist),
        );
        add("pyproject.toml".into(), out);
    }
}

/// The exported tests (`tests/unit`, `tests/e2e`).
fn file_tests(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let pkg = ctx.plan.package.as_str();
    let data_env = format!("{}_DATA_DIR", ctx.plan.package.to_uppercase());
    let mut add = |path: String, contents: String| files.push(RenderedFile { path, contents });
    {
        let methods: Vec<&PlannedFunction> = plan
            .functions_in(MODULE_REPOSITORY)
            .filter(|f| f.kind == FunctionKind::Method)
            .collect();
        let mut out = format!(
            "\"\"\"⟪file-tests-1⟫\"\"\"\n\nfrom {pkg}.adapters.repository import AbstractRepository, FakeRepository, FileRepository\n\n\ndef test_implementations_follow_the_abstract_repository():\n    assert issubclass(FileRepository, AbstractRepository)\n    assert issubclass(FakeRepository, AbstractRepository)\n    FakeRepository()\n\n\ndef test_fake_repository_returns_canned_results_and_records_calls():\n    canned = object()\n"
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
        if !methods.is_empty() {
            let _ = write!(
                out,
                "\n\ndef test_the_abstract_repository_leaves_every_method_to_its_implementations():\n    for name, arity in [{}]:\n        try:\n            getattr(AbstractRepository, name)(None, *([None] * arity))\n        except NotImplementedError:\n            continue\n        raise AssertionError(f\"AbstractRepository.{{name}} did not raise NotImplementedError\")\n",
                methods
                    .iter()
                    .map(|f| format!("({}, {})", py_str(&f.name), f.params.len()))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        add("tests/unit/test_repository.py".into(), out);

        add(
            "tests/unit/test_functions.py".into(),
            unit_test_functions(ctx),
        );
        if plan.level >= 2 {
            add(
                "tests/unit/test_unit_of_work.py".into(),
                format!("\"\"\"⟪file-tests-2⟫\"\"\"\n\nfrom {pkg}.adapters.repository import FakeRepository\nfrom {pkg}.service_layer.unit_of_work import FakeUnitOfWork\n\n\ndef test_unit_of_work_commits_and_owns_the_fake_repository():\n    uow = FakeUnitOfWork()\n    with uow:\n        assert isinstance(uow.repo, FakeRepository)\n        uow.commit()\n    assert uow.committed\n\n\ndef test_unit_of_work_rolls_back_on_error():\n    uow = FakeUnitOfWork()\n    try:\n        with uow:\n            uow.commit()\n            raise ValueError(\"boom\")\n    except ValueError:\n        pass\n    assert not uow.committed\n"),
            );
        }
        if plan.level >= 3 {
            let mut out = format!("\"\"\"⟪file-tests-3⟫\"\"\"\n\nfrom {pkg}.bootstrap import bootstrap\nfrom {pkg}.domain import commands, events\nfrom {pkg}.service_layer import services\nfrom {pkg}.service_layer.unit_of_work import FakeUnitOfWork\n\n\ndef test_run_pipeline_command_runs_the_use_cases_with_the_injected_unit_of_work(monkeypatch):\n    received = []\n    seen = []\n\n    def fake_run_pipeline(uow, until=None):\n        received.append((uow, until))\n        return {{\"answer\": 42}}\n\n    monkeypatch.setattr(services, \"run_pipeline\", fake_run_pipeline)\n    uow = FakeUnitOfWork()\n    bus = bootstrap(uow=uow, event_handlers={{events.PipelineCompleted: [seen.append]}})\n    until = services.USE_CASES[0]\n    assert bus.handle(commands.RunPipeline(until=until)) == {{\"answer\": 42}}\n    assert received == [(uow, until)]\n    assert seen == [events.PipelineCompleted(until=until, names=(\"answer\",))]\n\n\ndef test_commands_and_events_are_plain_data():\n    assert commands.RunPipeline() == commands.RunPipeline(until=None)\n    assert events.PipelineCompleted(names=(\"a\",)).names == (\"a\",)\n");
            if let Some(loader) = plan
                .api
                .as_ref()
                .filter(|a| a.serving.is_some())
                .and_then(|a| a.model_loader.as_ref())
            {
                let _ = write!(
                    out,
                    "\n\nclass FakeModel:\n    \"\"\"⟪file-tests-4⟫\"\"\"\n\n    def predict(self, frame):\n        return frame.sum(axis=1).to_numpy()\n\n\ndef test_predictions_are_a_query_on_the_saved_model_without_the_bus():\n    from {pkg} import views\n    from {pkg}.adapters.repository import FakeRepository\n\n    uow = FakeUnitOfWork(FakeRepository({loader}=FakeModel()))\n    model = views.saved_model(uow)\n    records = ({{\"a\": 1, \"b\": 2}}, {{\"a\": 3, \"b\": 4}})\n    assert views.predictions(records, model) == [3, 7]\n    assert not uow.committed, \"a query committed the unit of work\"\n"
                );
            }
            add("tests/unit/test_messagebus.py".into(), out);
        }
        add("tests/e2e/test_cli.py".into(), e2e_test_cli(ctx, &data_env));
        if let Some(serving) = plan.api.as_ref().and_then(|a| a.serving.as_ref()) {
            add(
                "tests/unit/test_serving.py".into(),
                unit_test_api(ctx, serving),
            );
            add("tests/e2e/test_api.py".into(), e2e_test_api(ctx, &data_env));
        } else if let Some(api) = &plan.api {
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
                "\"\"\"⟪file-tests-5⟫\"\"\"\n\nimport importlib\nimport os\nfrom pathlib import Path\n\nimport pytest\n\npytest.importorskip(\"fastapi\")\npytest.importorskip(\"httpx\")\n\nfrom fastapi.encoders import jsonable_encoder  # noqa: E402\nfrom fastapi.testclient import TestClient  # noqa: E402\n\nROOT = Path(__file__).resolve().parents[2]\nDATA_ENV = {env}\nDATA_DIR = Path(os.environ.get(DATA_ENV, str(ROOT)))\nINPUTS = {inputs}\n\n\ndef test_predict_endpoint_returns_the_notebook_predictions(monkeypatch):\n    missing = [p for p in INPUTS if not (DATA_DIR / p).exists()]\n    if missing:\n        pytest.skip(f\"no data: {{missing[0]}} is not in {{DATA_DIR}}; set {{DATA_ENV}} to the folder the notebook ran in\")\n    monkeypatch.chdir(DATA_DIR)\n    monkeypatch.setenv(\"MPLBACKEND\", \"Agg\")\n    from {pkg}.entrypoints import api\n\n    state = api.pipeline_state()\n{records}{expected}    expected = jsonable_encoder(notebook_predict(records))\n    client = TestClient(api.app)\n    response = client.post(\"/predict\", json={{\"instances\": jsonable_encoder(records)}})\n    assert response.status_code == 200\n    assert response.json() == {{\"predictions\": expected}}\n",
                env = py_str(&data_env),
                inputs = py_list(&input_paths(ctx)),
            );
            add("tests/e2e/test_api.py".into(), out);
        }
    }
}

/// `README.md`: how to run, the use cases, the tests, the layout and where every function comes from.
/// `README.md`: how to run the package, its use cases, tests, layout, where each
/// function came from, the planner's notes and the findings that remain.
fn file_readme(ctx: &Ctx, files: &mut Vec<RenderedFile>) {
    let plan = ctx.plan;
    let pkg = plan.package.as_str();
    let generated = ctx.say(msg!("export-readme-generated", level = plan.level));
    let mut out = format!("# {pkg}\n\n{generated}\n\n");
    out.push_str(&readme_run(ctx));
    out.push_str(&readme_use_cases(ctx));
    out.push_str(&readme_tests(ctx, files));
    let _ = write!(out, "\n## {}\n\n", ctx.word("export-readme-layout"));
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    paths.sort();
    for p in paths {
        let _ = writeln!(out, "- `{p}`");
    }
    out.push_str(&readme_traceability(ctx));
    out.push_str(&readme_notes_and_findings(ctx));
    files.push(RenderedFile {
        path: "README.md".into(),
        contents: out,
    });
}

/// The README's `## Run` commands.
fn readme_run(ctx: &Ctx) -> String {
    let plan = ctx.plan;
    let pkg = plan.package.as_str();
    let data_env = format!("{}_DATA_DIR", pkg.to_uppercase());
    let mut out = format!("## {}\n\n```sh\n", ctx.word("export-readme-run"));
    if plan.api.is_some() {
        let _ = writeln!(
            out,
            "PYTHONPATH=src uvicorn {pkg}.entrypoints.api:app  # {}",
            ctx.word("export-readme-run-api")
        );
    }
    if plan.fallback {
        let _ = writeln!(
            out,
            "PYTHONPATH=src python -m {pkg}.entrypoints.cli   # {}",
            ctx.word("export-readme-run-in-folder")
        );
    } else {
        let _ = writeln!(
            out,
            "PYTHONPATH=src python -m {pkg}.entrypoints.cli --data-dir /path/to/notebook/folder"
        );
        let _ = writeln!(
            out,
            "PYTHONPATH=src python -m {pkg}.entrypoints.cli --until {}   # {}",
            plan.use_cases
                .first()
                .map_or("prepare_data", |u| plan.functions[u.function].name.as_str()),
            ctx.word("export-readme-run-until")
        );
    }
    let _ = writeln!(out, "{data_env}=/path/to/notebook/folder python -m pytest");
    out.push_str("```\n\n");
    out
}

/// The README's `## Use cases`: each use case's signature and provenance.
fn readme_use_cases(ctx: &Ctx) -> String {
    let plan = ctx.plan;
    let mut out = String::new();
    if !plan.fallback {
        let takes = if plan.level >= 2 { "uow" } else { "repository" };
        let intro = ctx.say(msg!("export-readme-use-cases-intro", takes = takes));
        let _ = write!(
            out,
            "## {}\n\n{intro}\n\n",
            ctx.word("export-readme-use-cases")
        );
        for uc in &plan.use_cases {
            let f = &plan.functions[uc.function];
            let (arg, _) = ctx.use_case_arg();
            let mut params = vec![arg.to_string()];
            params.extend(f.params.iter().cloned());
            let returns = if f.returns.is_empty() {
                String::new()
            } else {
                format!(" -> {}", f.returns.join(", "))
            };
            let _ = writeln!(
                out,
                "- `{}({}){returns}`: {}",
                f.name,
                params.join(", "),
                md_text(&ctx.provenance(&f.sources))
            );
        }
        out.push('\n');
    }
    out
}

/// The README's `## Tests`: what the unit and e2e tests check, and the printed lines
/// left out of the comparison with the notebook's saved output.
fn readme_tests(ctx: &Ctx, files: &[RenderedFile]) -> String {
    let data_env = format!("{}_DATA_DIR", ctx.plan.package.to_uppercase());
    let mut out = String::new();
    let (expected, omitted) = characterization(ctx);
    let use_cases = files
        .iter()
        .find(|f| f.path == "tests/unit/test_use_cases.py");
    let unit = match use_cases {
        Some(f) if f.contents.contains("SAMPLES = {}\n") => "no-files",
        Some(f) if f.contents.contains("_CODE = {") => "replayed",
        Some(_) => "fixtures",
        None => "contract",
    };
    let lines: usize = expected.iter().map(|(_, l)| l.len()).sum();
    let tests = msg!(
        "export-readme-tests-text",
        unit = unit,
        data_env = data_env.as_str(),
        lines = lines
    );
    let _ = writeln!(
        out,
        "## {}\n\n{}",
        ctx.word("export-readme-tests"),
        ctx.say(tests)
    );
    if !omitted.is_empty() {
        let _ = write!(out, "\n{}\n\n", ctx.word("export-readme-tests-omitted"));
        for o in &omitted {
            let _ = writeln!(out, "- {}", md_text(o));
        }
    }
    out
}

/// The README's `## Traceability`: the notebook cells and lines behind every
/// function, config constant and inline step.
fn readme_traceability(ctx: &Ctx) -> String {
    let plan = ctx.plan;
    let analysis = ctx.analysis;
    let mut out = String::new();
    let _ = write!(
        out,
        "\n## {}\n\n| module.function | {} |\n| --- | --- |\n",
        ctx.word("export-readme-traceability"),
        ctx.word("export-readme-from")
    );
    for f in &plan.functions {
        let module = if f.kind == FunctionKind::Method {
            format!("{}.FileRepository", dotted(f.destination.module()))
        } else {
            dotted(f.destination.module())
        };
        let _ = writeln!(
            out,
            "| `{module}.{}` | {} |",
            f.name,
            md_cell(&ctx.provenance(&f.sources))
        );
    }
    for s in &plan.config {
        let src = ctx.provenance(&[super::extract::source_ref(analysis, s.cell, &[s.statement])]);
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
                    "| {} | {} |",
                    where_inline(plan, *cell, statements),
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
    out
}

/// The README's `## Notes` (from the planner) and `## Findings that remain`.
fn readme_notes_and_findings(ctx: &Ctx) -> String {
    let plan = ctx.plan;
    let analysis = ctx.analysis;
    let mut out = String::new();
    if !plan.notes.is_empty() {
        let _ = write!(out, "\n## {}\n\n", ctx.word("export-readme-notes"));
        for n in &plan.notes {
            let _ = writeln!(out, "- {}", md_text(&n.render(plan.lang)));
        }
    }
    let _ = write!(out, "\n## {}\n\n", ctx.word("export-readme-findings"));
    if analysis.findings.is_empty() {
        let _ = writeln!(out, "{}", ctx.word("export-readme-no-findings"));
    } else {
        let _ = writeln!(
            out,
            "{}\n| --- | --- | --- | --- | --- |",
            ctx.word("export-readme-findings-header")
        );
        for f in &analysis.findings {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                f.code,
                f.severity.label(plan.lang),
                f.cell.map_or("-".into(), |c| c.to_string()),
                f.span.line,
                md_cell(&f.message.render(plan.lang))
            );
        }
    }
    out
}

/// Replaces each `⟪id⟫` mark of the templates (a docstring or comment of the export)
/// with message `export-id` in `lang`, its continuation lines indented as the mark's
/// line. A mark that names no message is left alone (notebook code is never touched).
fn fill_marks(text: &str, lang: crate::i18n::Lang) -> String {
    if !text.contains('⟪') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('⟪') {
        let after = &rest[start + '⟪'.len_utf8()..];
        let Some(end) = after.find('⟫') else { break };
        let id = format!("export-{}", &after[..end]);
        let known = crate::i18n::tr_key(lang, &id);
        out.push_str(&rest[..start]);
        if known == id {
            out.push_str(&rest[start..start + '⟪'.len_utf8() + end + '⟫'.len_utf8()]);
        } else {
            // Continuation lines start as the mark's line does: its indentation, and
            // `# ` too when the mark opens a comment.
            let line_start = out.rfind('\n').map_or(0, |i| i + 1);
            let before = &out[line_start..];
            let prefix = if before.trim() == "#" {
                before.to_string()
            } else {
                before.chars().take_while(|c| *c == ' ').collect()
            };
            out.push_str(&indented(&known, &prefix));
        }
        rest = &after[end + '⟫'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// `text` with every line after the first indented by `indent` (for docstrings).
fn indented(text: &str, indent: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 || line.is_empty() {
                line.to_string()
            } else {
                format!("{indent}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
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

/// The data files the notebook reads that a sample can be taken of: (config name, path
/// relative to the notebook's folder, whether that path is exact), for CSV-like files.
/// A path joined from config constants (`DATA_DIR + 'train.csv'`) gives only its
/// literal parts (`train.csv`): not exact, the file is looked for by name.
pub fn data_inputs(plan: &Plan, analysis: &Analysis) -> Vec<(String, String, bool)> {
    let ctx = Ctx { plan, analysis };
    let mut out = Vec::new();
    for name in input_paths(&ctx) {
        let Some(c) = plan.path_constants.iter().find(|c| c.name == name) else {
            continue;
        };
        let plain = c
            .literal
            .trim_start_matches(['r', 'R'])
            .starts_with(['\'', '"']);
        let csv = [".csv", ".tsv", ".txt"]
            .iter()
            .any(|e| c.value.to_lowercase().ends_with(e));
        if csv && !c.value.contains("://") && !c.value.starts_with('/') {
            out.push((name, c.value.clone(), plain));
        }
    }
    out
}

/// Renders the plan into the files `pyarch export` writes. Pure.
pub fn render(plan: &Plan, analysis: &Analysis) -> Vec<RenderedFile> {
    render_with_samples(plan, analysis, &[])
}

/// [`render`], plus `tests/fixtures/` from samples of the notebook's data and unit
/// tests that run the use cases on them through the fake repository, when every file
/// of [`data_inputs`] has a sample. Pure.
pub fn render_with_samples(
    plan: &Plan,
    analysis: &Analysis,
    samples: &[DataSample],
) -> Vec<RenderedFile> {
    let inputs = data_inputs(plan, analysis);
    let covered = !inputs.is_empty()
        && inputs
            .iter()
            .all(|(n, _, _)| samples.iter().any(|s| &s.name == n));
    let mut extra = Vec::new();
    // A notebook that reads no file (its data comes with a library, like
    // `load_iris()`) needs no sample: the use cases run on what it loads, unless a
    // save hands back a value the fake repository cannot make up, or a load reads what
    // the pipeline writes (a saved model).
    let methods: Vec<&PlannedFunction> = plan
        .functions_in(MODULE_REPOSITORY)
        .filter(|f| f.kind == FunctionKind::Method)
        .collect();
    let mut written = output_paths(&Ctx { plan, analysis });
    for f in methods.iter().filter(|f| !f.params.is_empty()) {
        let config = |u: &&String| plan.symbols.get(*u).is_some_and(|m| m == "config.py");
        written.extend(f.uses.iter().filter(config).cloned());
    }
    let fake_answers_all = methods.iter().all(|f| {
        if f.params.is_empty() {
            !f.uses.iter().any(|u| written.contains(u))
        } else {
            f.returns.is_empty()
        }
    });
    let runnable = covered || (inputs.is_empty() && fake_answers_all);
    if runnable && !plan.fallback && !plan.use_cases.is_empty() {
        for s in samples {
            extra.push(RenderedFile {
                path: format!("tests/fixtures/{}", s.file),
                contents: s.contents.clone(),
            });
        }
        let ctx = Ctx { plan, analysis };
        extra.push(RenderedFile {
            path: "tests/unit/test_use_cases.py".into(),
            contents: unit_test_use_cases(&ctx, samples),
        });
    }
    render_files(plan, analysis, extra)
}

/// The repository methods the use-case tests check: the loads the use cases make (not
/// the API's model loader; the fake repository is seeded with them, and a run that
/// skips one reads less than the notebook) and the saves.
fn repository_loads_and_saves(ctx: &Ctx) -> (Vec<String>, Vec<String>) {
    let plan = ctx.plan;
    let methods: Vec<&PlannedFunction> = plan
        .functions_in(MODULE_REPOSITORY)
        .filter(|f| f.kind == FunctionKind::Method)
        .collect();
    let role = |f: &PlannedFunction| {
        f.statements
            .iter()
            .filter_map(|s| ctx.analysis.roles.statement_roles(s.cell).get(s.statement))
            .any(|r| *r == Role::Load)
    };
    let called: BTreeSet<&str> = plan
        .use_cases
        .iter()
        .flat_map(|uc| &uc.steps)
        .filter_map(|&s| match &plan.steps[s] {
            Step::Call { function } => Some(plan.functions[*function].name.as_str()),
            _ => None,
        })
        .collect();
    let loads: Vec<String> = methods
        .iter()
        .filter(|f| f.params.is_empty() && role(f) && called.contains(f.name.as_str()))
        .map(|f| f.name.clone())
        .collect();
    let saves: Vec<String> = methods
        .iter()
        .filter(|f| !role(f))
        .map(|f| f.name.clone())
        .collect();

    (loads, saves)
}

/// The standard-library imports `tests/unit/test_use_cases.py` needs.
fn use_case_test_std_imports(
    oracle: &str,
    domain: bool,
    use_cases: bool,
    samples: &[DataSample],
) -> String {
    let mut std_modules = Vec::new();
    if !oracle.is_empty() {
        std_modules.extend(["math", "random", "textwrap", "types"]);
    }
    if domain || use_cases {
        std_modules.push("copy");
    }
    if use_cases {
        std_modules.extend(["collections", "contextlib", "hashlib", "io", "re", "sys"]);
    }
    if samples.iter().any(|s| s.encoding.is_some()) {
        std_modules.push("tempfile");
    }
    std_modules.sort_unstable();
    std_modules
        .iter()
        .map(|m| format!("import {m}\n"))
        .collect()
}

/// `tests/unit/test_use_cases.py`: the use cases run on the data samples through the
/// fake repository.
fn unit_test_use_cases(ctx: &Ctx, samples: &[DataSample]) -> String {
    let plan = ctx.plan;
    let pkg = plan.package.as_str();
    let (loads, saves) = repository_loads_and_saves(ctx);

    let sample_map: Vec<String> = samples
        .iter()
        .map(|s| format!("    {}: {},", py_str(&s.name), py_str(&s.file)))
        .collect();
    let (uow_import, arg) = if plan.level >= 2 {
        (
            format!(
                "from {pkg}.service_layer.unit_of_work import FakeUnitOfWork
"
            ),
            "FakeUnitOfWork(fake_repo)",
        )
    } else {
        (String::new(), "fake_repo")
    };
    let returns: Vec<String> = plan
        .use_cases
        .iter()
        .flat_map(|u| plan.functions[u.function].returns.iter().cloned())
        .collect();
    let oracle = domain_against_notebook(ctx, arg, &loads, &saves);
    let domain = oracle.contains("NOTEBOOK_CODE = {");
    let use_cases = oracle.contains("USE_CASE_CODE = {");
    let std_imports = use_case_test_std_imports(&oracle, domain, use_cases, samples);
    let third_party = if oracle.is_empty() {
        ""
    } else {
        "\ntry:\n    import numpy as np\nexcept ImportError:  # ⟪no-numpy⟫\n    np = None\ntry:\n    import pandas as pd\nexcept ImportError:  # ⟪no-pandas⟫\n    pd = None\n"
    };
    let config_import = if use_cases {
        format!("from {pkg} import config\n")
    } else {
        String::new()
    };
    let domain_import = if domain || use_cases {
        format!("from {pkg}.domain import model as domain\n")
    } else {
        String::new()
    };
    let encodings: Vec<String> = samples
        .iter()
        .filter_map(|s| {
            let encoding = s.encoding.as_deref()?;
            Some(format!("    {}: {},", py_str(&s.file), py_str(encoding)))
        })
        .collect();
    let (encoded, sample) = if encodings.is_empty() {
        (String::new(), "FIXTURES / file")
    } else {
        let encoded = format!(
            "# ⟪unit-test-use-cases-encodings⟫\nENCODINGS = {{\n{}\n}}\n\n\n{}",
            encodings.join("\n"),
            PY_SAMPLE_PATH.replace("PACKAGE", pkg)
        );
        (encoded, "sample_path(file)")
    };
    let doc = if samples.is_empty() {
        "⟪unit-test-use-cases-doc-no-files⟫"
    } else {
        "⟪unit-test-use-cases-doc⟫"
    };
    format!(
        r#""""{doc}"""

{std_imports}from pathlib import Path

import pytest
{third_party}
{config_import}from {pkg}.adapters import repository
from {pkg}.adapters.repository import FakeRepository, FileRepository
{domain_import}from {pkg}.service_layer import services
{uow_import}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# ⟪unit-test-use-cases-samples⟫
SAMPLES = {}
LOADS = {}
SAVES = {}
RESULTS = {}


{encoded}def fake_repository(monkeypatch):
    """⟪unit-test-use-cases-1⟫"""
    for name, file in SAMPLES.items():
        monkeypatch.setattr(repository, name, str({sample}), raising=False)
    files = FileRepository()
    loaded = {{}}
    for name in LOADS:
        try:
            loaded[name] = getattr(files, name)()
        except OSError as error:
            if SAMPLES:
                raise
            pytest.skip(f"{{name}}() cannot load the notebook's data here: {{error}}")
    return FakeRepository(**loaded)


@pytest.fixture
def fake_repo(monkeypatch):
    """⟪unit-test-use-cases-2⟫"""
    return fake_repository(monkeypatch)


def test_the_use_cases_run_on_the_sample_through_the_fake_repository(
    fake_repo, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    results = services.run_pipeline({arg})
    assert sorted(results) == sorted(set(RESULTS))
    for name in RESULTS:
        assert results[name] is not None, name
    called = [name for name, _ in fake_repo.calls]
    for name in LOADS + SAVES:
        assert name in called, f"{{name}} was not called"
    assert not list(tmp_path.iterdir()), "a use case wrote a file outside the repository"
"#,
        if sample_map.is_empty() {
            "{}".to_string()
        } else {
            format!("{{\n{}\n}}", sample_map.join("\n"))
        },
        py_list(&loads),
        py_list(&saves),
        py_list(&returns),
    ) + &oracle
}

/// The part of `tests/unit/test_use_cases.py` that replays each domain function the
/// use cases call, through the function and through the notebook statements it was
/// made from: the refactoring must not change what they compute. Empty when the
/// service layer calls no domain function.
fn domain_against_notebook(ctx: &Ctx, run_arg: &str, loads: &[String], saves: &[String]) -> String {
    let plan = ctx.plan;
    let called: BTreeSet<&str> = plan
        .functions_in(MODULE_SERVICES)
        .flat_map(|f| f.uses.iter().map(String::as_str))
        .collect();
    let entries: Vec<String> = plan
        .functions_in(MODULE_DOMAIN)
        .filter(|f| called.contains(f.name.as_str()))
        .filter_map(|f| notebook_code_entry(ctx, f))
        .collect();
    let load_entries: Vec<String> = plan
        .functions_in(MODULE_REPOSITORY)
        .filter(|f| f.kind == FunctionKind::Method && loads.contains(&f.name))
        .map(|f| notebook_load_entry(ctx, f))
        .collect();
    let use_case_entries: Vec<String> = plan
        .use_cases
        .iter()
        .filter_map(|uc| use_case_code_entry(ctx, uc))
        .collect();
    if entries.is_empty() && load_entries.is_empty() && use_case_entries.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    if !entries.is_empty() {
        out.push_str(&format!(
            r#"

# ⟪notebook-code-comment⟫
NOTEBOOK_CODE = {{
{entries}}}
"#,
            entries = entries.concat()
        ));
    }
    if !use_case_entries.is_empty() {
        out.push_str(&format!(
            r#"

# ⟪use-case-code-comment⟫
USE_CASE_CODE = {{
{entries}}}
# ⟪use-case-outputs-comment⟫
OUTPUTS = {outputs}
ADDRESS = re.compile(r"0x[0-9a-fA-F]{{6,}}")
"#,
            entries = use_case_entries.concat(),
            outputs = py_list(&output_paths(ctx)),
        ));
    }
    out.push_str(PY_SEED);
    if !entries.is_empty() {
        out.push_str(PY_REPLAY);
    }
    out.push_str(PY_ASSERT_SAME);
    if !entries.is_empty() {
        out.push_str(&format!(
            r#"

@pytest.fixture(scope="module")
def domain_calls(tmp_path_factory):
    """⟪domain-against-notebook-1⟫"""
    calls = {{}}
    with pytest.MonkeyPatch.context() as monkeypatch:
        fake_repo = fake_repository(monkeypatch)
        for name in NOTEBOOK_CODE:
            function = getattr(services, name)

            def recorder(*args, _name=name, _function=function, **kwargs):
                calls.setdefault(_name, (copy.deepcopy(args), copy.deepcopy(kwargs)))
                return _function(*args, **kwargs)

            monkeypatch.setattr(services, name, recorder)
        monkeypatch.chdir(tmp_path_factory.mktemp("run"))
        monkeypatch.setenv("MPLBACKEND", "Agg")
        services.run_pipeline({run_arg})
    return calls


@pytest.mark.parametrize("name", list(NOTEBOOK_CODE))
def test_the_domain_function_computes_what_the_notebook_code_did(domain_calls, name):
    if name not in domain_calls:
        pytest.skip(f"the pipeline does not call {{name}} on the samples")
    args, kwargs = domain_calls[name]
    (result, after), (expected, expected_after) = replay(name, args, kwargs)
    assert_same(result, expected, f"{{name}}(...)")
    assert_same(after, expected_after, f"the arguments of {{name}}(...) afterwards")
"#
        ));
    }
    if !use_case_entries.is_empty() {
        out.push_str(&PY_USE_CASES_AGAINST_NOTEBOOK.replace("{run_arg}", run_arg));
        let save_entries: Vec<String> = plan
            .functions_in(MODULE_REPOSITORY)
            .filter(|f| f.kind == FunctionKind::Method && saves.contains(&f.name))
            .map(|f| {
                format!(
                    "    {}: (\n        {},\n        {},\n    ),\n",
                    py_str(&f.name),
                    py_list(&f.params),
                    python_code_literal(&notebook_text(ctx, f)),
                )
            })
            .collect();
        if !save_entries.is_empty() {
            out.push_str(&format!(
                "\n\n# ⟪notebook-saves-comment⟫\nNOTEBOOK_SAVES = {{\n{}}}\n",
                save_entries.concat()
            ));
            out.push_str(&PY_SAVES_AGAINST_NOTEBOOK.replace("{run_arg}", run_arg));
        }
    }
    if !load_entries.is_empty() {
        out.push_str(&format!(
            r#"


# ⟪notebook-loads-comment⟫
NOTEBOOK_LOADS = {{
{loads}}}


@pytest.mark.parametrize("name", list(NOTEBOOK_LOADS))
def test_the_repository_loads_what_the_notebook_code_loaded(monkeypatch, name):
    fake_repository(monkeypatch)
    returns, code = NOTEBOOK_LOADS[name]
    loaded = getattr(FileRepository(), name)()
    namespace = dict(vars(repository))
    exec(compile(textwrap.dedent(code), f"<notebook code of {{name}}>", "exec"), namespace)
    values = tuple(namespace[r] for r in returns)
    assert_same(loaded, values[0] if len(values) == 1 else values, f"{{name}}()")
"#,
            loads = load_entries.concat()
        ));
    }
    out
}

/// The exported test's replay of each use case through the service layer and through
/// the notebook statements it runs: the same results, arguments afterwards, printed
/// lines and matplotlib settings (lines that differ between two runs of the notebook
/// code, such as times, are not compared).
const PY_USE_CASES_AGAINST_NOTEBOOK: &str = r##"

@pytest.fixture(scope="module")
def use_case_calls(tmp_path_factory):
    """⟪use-cases-against-notebook-1⟫"""
    calls = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        fake_repo = fake_repository(monkeypatch)
        for name in USE_CASE_CODE:
            use_case = getattr(services, name)

            def recorder(*args, _name=name, _use_case=use_case):
                calls.setdefault(_name, copy.deepcopy(args))
                return _use_case(*args)

            monkeypatch.setattr(services, name, recorder)
        monkeypatch.chdir(tmp_path_factory.mktemp("run"))
        monkeypatch.setenv("MPLBACKEND", "Agg")
        services.run_pipeline({run_arg})
    return calls


def make_output_folders():
    """⟪use-cases-against-notebook-4⟫"""
    for output in OUTPUTS:
        folder = Path(str(getattr(config, output))).parent
        if not folder.is_absolute():
            folder.mkdir(parents=True, exist_ok=True)


Run = collections.namedtuple("Run", "result printed settings figures plotted")


def fingerprint(values):
    """⟪use-cases-against-notebook-6⟫"""
    if values is None:
        return None
    try:
        numbers = np.ma.filled(np.ma.asarray(values, dtype=float), np.nan) + 0.0
    except (TypeError, ValueError):
        return hashlib.sha1(repr(values).encode()).hexdigest()[:16]
    digest = hashlib.sha1(np.ascontiguousarray(numbers).tobytes()).hexdigest()[:16]
    return numbers.shape, digest


def plotted_data(ax):
    """⟪use-cases-against-notebook-7⟫"""
    drawn = [
        ("line", fingerprint(line.get_xydata()), line.get_linewidth(),
         line.get_markersize(), line.get_alpha())
        for line in ax.lines
    ]
    for collection in ax.collections:
        vertices = [path.vertices for path in collection.get_paths()]
        outline = np.concatenate(vertices) if vertices else None
        # Contours have no sizes.
        sizes = collection.get_sizes() if hasattr(collection, "get_sizes") else None
        drawn.append((
            "collection", fingerprint(collection.get_offsets()),
            fingerprint(collection.get_array()), fingerprint(outline), fingerprint(sizes),
            fingerprint(collection.get_linewidths()), collection.get_alpha(),
        ))
    for patch in ax.patches:
        outline = patch.get_patch_transform().transform(patch.get_path().vertices)
        drawn.append(("patch", fingerprint(outline), patch.get_linewidth(), patch.get_alpha()))
    drawn.extend(("image", fingerprint(image.get_array())) for image in ax.images)
    drawn.extend(("text", text.get_text(), text.get_position()) for text in ax.texts)
    legend = ax.get_legend()
    if legend is not None:
        drawn.append(("legend", [text.get_text() for text in legend.get_texts()]))
    ticks = [label.get_text() for label in ax.get_xticklabels() + ax.get_yticklabels()]
    drawn.append(("ticks", ticks, fingerprint([ax.get_xlim(), ax.get_ylim()])))
    return drawn


def open_figures():
    """⟪use-cases-against-notebook-5⟫"""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return None, None
    shown, plotted = [], []
    for number in plt.get_fignums():
        figure = plt.figure(number)
        axes = [
            (ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), len(ax.lines),
             len(ax.collections), len(ax.patches), len(ax.texts))
            for ax in figure.axes
        ]
        shown.append((tuple(figure.get_size_inches()), axes))
        plotted.append([plotted_data(ax) for ax in figure.axes])
    plt.close("all")
    return shown, plotted


def drawn_into(values):
    """⟪use-cases-against-notebook-9⟫"""
    if "matplotlib.pyplot" not in sys.modules:
        return []
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    drawn = []
    for value in values:
        is_objects = isinstance(value, np.ndarray) and value.dtype == object
        for item in value.flat if is_objects else [value]:
            if isinstance(item, Axes):
                drawn.append(plotted_data(item))
            elif isinstance(item, Figure):
                drawn.append([plotted_data(ax) for ax in item.axes])
    return drawn


def where_plots_differ(actual, expected):
    """⟪use-cases-against-notebook-8⟫"""
    for f, (actual_axes, expected_axes) in enumerate(zip(actual, expected)):
        for a, (actual_drawn, expected_drawn) in enumerate(zip(actual_axes, expected_axes)):
            for i, (drawn, want) in enumerate(zip(actual_drawn, expected_drawn)):
                if drawn != want:
                    return f"figure {f + 1}, axes {a + 1}: its {want[0]} (artist {i + 1})"
    return "other figures, axes or artists"


def run_printing(function, *args):
    """⟪use-cases-against-notebook-2⟫"""
    seed()
    open_figures()
    out = io.StringIO()
    mpl = sys.modules.get("matplotlib")
    settings = mpl.rc_context() if mpl is not None else contextlib.nullcontext()
    with settings, contextlib.redirect_stdout(out):
        result = function(*args)
        after = dict(mpl.rcParams) if mpl is not None else None
    printed = ADDRESS.sub("0x?", out.getvalue()).splitlines()
    return Run(result, printed, after, *open_figures())


def notebook_code(name):
    """⟪use-cases-against-notebook-3⟫"""
    params, returns, code = USE_CASE_CODE[name]
    program = compile(textwrap.dedent(code), f"<notebook code of {name}>", "exec")

    def run(*args):
        namespace = {}
        for module in (config, domain, services, repository):
            namespace.update(vars(module))
        namespace.update(zip(params, args))
        exec(program, namespace)
        values = tuple(namespace[r] for r in returns)
        return values[0] if len(values) == 1 else (values or None)

    return run


@pytest.mark.parametrize("name", list(USE_CASE_CODE))
def test_the_use_case_does_what_the_notebook_code_did(
    use_case_calls, monkeypatch, tmp_path, name
):
    if name not in use_case_calls:
        pytest.skip(f"the pipeline does not call {name} on the samples")
    args = use_case_calls[name]
    fake_repository(monkeypatch)
    monkeypatch.chdir(tmp_path)
    make_output_folders()
    use_case_args = copy.deepcopy(args)
    by_use_case = run_printing(getattr(services, name), *use_case_args)
    notebook_args = copy.deepcopy(args[1:])
    again_args = copy.deepcopy(args[1:])
    try:
        by_notebook = run_printing(notebook_code(name), *notebook_args)
        again = run_printing(notebook_code(name), *again_args)
    except Exception as error:  # the statements need more than the arguments
        pytest.skip(f"the notebook code of {name} does not run on its own: {error!r}")
    assert_same(by_use_case.result, by_notebook.result, f"{name}(...)")
    assert_same(use_case_args[1:], notebook_args, f"the arguments of {name}(...) afterwards")
    drawn = [drawn_into(a) for a in (use_case_args[1:], notebook_args, again_args)]
    if drawn[1] == drawn[2]:
        assert drawn[0] == drawn[1], f"{name}(...) drew otherwise into the axes it was given"
    if by_notebook.settings == again.settings:
        same_settings = by_use_case.settings == by_notebook.settings
        assert same_settings, f"{name}(...) set up matplotlib otherwise"
    if by_notebook.figures == again.figures:
        assert by_use_case.figures == by_notebook.figures, f"{name}(...) drew otherwise"
    if by_notebook.plotted == again.plotted and by_use_case.plotted != by_notebook.plotted:
        where = where_plots_differ(by_use_case.plotted, by_notebook.plotted)
        pytest.fail(f"{name}(...) plotted other data: {where}")
    if len(by_notebook.printed) == len(again.printed):
        printed = zip(by_use_case.printed, by_notebook.printed, again.printed)
        assert len(by_use_case.printed) == len(by_notebook.printed), f"{name}(...) printed otherwise"
        for line, expected, repeated in printed:
            if expected == repeated:
                assert line == expected, f"{name}(...) printed {line!r}, not {expected!r}"
"##;

/// The exported test's replay of each repository save through the file repository and
/// through the notebook statements it was made from: the same files with the same
/// bytes (files whose bytes differ between two runs of the notebook code, such as
/// dated PDFs, are compared by name only).
const PY_SAVES_AGAINST_NOTEBOOK: &str = r##"

@pytest.fixture(scope="module")
def save_calls(tmp_path_factory):
    """⟪saves-against-notebook-1⟫"""
    with pytest.MonkeyPatch.context() as monkeypatch:
        fake_repo = fake_repository(monkeypatch)
        monkeypatch.chdir(tmp_path_factory.mktemp("run"))
        monkeypatch.setenv("MPLBACKEND", "Agg")
        services.run_pipeline({run_arg})
    calls = {}
    for name, args in fake_repo.calls:
        calls.setdefault(name, copy.deepcopy(args))
    return calls


def files_written(function, folder, monkeypatch, *args):
    """⟪saves-against-notebook-2⟫"""
    folder.mkdir()
    monkeypatch.chdir(folder)
    make_output_folders()
    seed()
    function(*copy.deepcopy(args))
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def notebook_save(name):
    """⟪saves-against-notebook-3⟫"""
    params, code = NOTEBOOK_SAVES[name]
    program = compile(textwrap.dedent(code), f"<notebook code of {name}>", "exec")

    def run(*args):
        namespace = dict(vars(repository))
        namespace.update(zip(params, args))
        exec(program, namespace)

    return run


@pytest.mark.parametrize("name", list(NOTEBOOK_SAVES))
def test_the_repository_saves_what_the_notebook_code_saved(
    save_calls, monkeypatch, tmp_path, name
):
    if name not in save_calls:
        pytest.skip(f"the pipeline does not call {name} on the samples")
    args = save_calls[name]
    saved = getattr(FileRepository(), name)
    by_repository = files_written(saved, tmp_path / "repository", monkeypatch, *args)
    by_notebook = files_written(notebook_save(name), tmp_path / "notebook", monkeypatch, *args)
    again = files_written(notebook_save(name), tmp_path / "again", monkeypatch, *args)
    assert sorted(by_repository) == sorted(by_notebook), f"{name}(...) wrote other files"
    for path, expected in by_notebook.items():
        if again.get(path) == expected:
            assert by_repository[path] == expected, f"{name}(...) wrote {path} otherwise"
"##;

/// One `USE_CASE_CODE` entry: `"name": (params, returns, code),`; none for a use case
/// that runs no statement.
fn use_case_code_entry(ctx: &Ctx, uc: &UseCase) -> Option<String> {
    let f = &ctx.plan.functions[uc.function];
    let mut statements = ctx.use_case_statements(uc);
    if statements.is_empty() {
        return None;
    }
    // A split statement whose load and rest both run here: as the notebook wrote it.
    statements.dedup_by(|rest, load| {
        let whole = rest.0 == load.0 && load.1 == Cut::Load && rest.1 == Cut::Rest;
        if whole {
            load.1 = Cut::Notebook;
        }
        whole
    });
    // The notebook's own definitions of the functions it calls come first, so that
    // the notebook code never runs the package's (possibly changed) copies.
    let mut code = String::new();
    for helper in notebook_helpers(ctx, f) {
        code.push_str(&notebook_text(ctx, helper));
    }
    code.push_str(&statements_text(ctx, &statements));
    Some(format!(
        "    {}: (\n        {},\n        {},\n        {},\n    ),\n",
        py_str(&f.name),
        py_list(&f.params),
        py_list(&f.returns),
        python_code_literal(&code),
    ))
}

/// The functions the notebook defined (moved `def`s) that a function uses, directly
/// or through one another, in plan order.
fn notebook_helpers<'a>(ctx: &Ctx<'a>, f: &'a PlannedFunction) -> Vec<&'a PlannedFunction> {
    let mut wanted: BTreeSet<&str> = f.uses.iter().map(String::as_str).collect();
    loop {
        let more: BTreeSet<&str> = ctx
            .plan
            .functions
            .iter()
            .filter(|g| g.kind == FunctionKind::Moved && wanted.contains(g.name.as_str()))
            .flat_map(|g| g.uses.iter().map(String::as_str))
            .filter(|u| !wanted.contains(u))
            .collect();
        if more.is_empty() {
            break;
        }
        wanted.extend(more);
    }
    ctx.plan
        .functions
        .iter()
        .filter(|g| g.kind == FunctionKind::Moved && wanted.contains(g.name.as_str()))
        .collect()
}

/// The exported test's `sample_path()` when a data file is not UTF-8: its sample,
/// written back in the file's encoding.
const PY_SAMPLE_PATH: &str = r#"def sample_path(file):
    """⟪unit-test-use-cases-4⟫"""
    if file not in ENCODINGS:
        return FIXTURES / file
    folder = Path(tempfile.gettempdir()) / "PACKAGE-samples"
    folder.mkdir(exist_ok=True)
    path = folder / file
    path.write_bytes((FIXTURES / file).read_bytes().decode("utf-8").encode(ENCODINGS[file]))
    return path


"#;

/// The exported test's `seed()`: the same random state before each run.
const PY_SEED: &str = r#"

def seed():
    """⟪domain-against-notebook-2⟫"""
    random.seed(0)
    if np is not None:
        np.random.seed(0)
"#;

/// The exported test's `replay()`: a domain function, then the notebook code, on
/// copies of the same arguments.
const PY_REPLAY: &str = r#"

def replay(name, args, kwargs):
    """⟪domain-against-notebook-3⟫"""
    how, params, returns, code = NOTEBOOK_CODE[name]
    seed()
    function_args = copy.deepcopy(args)
    by_function = getattr(domain, name)(*function_args, **copy.deepcopy(kwargs))
    seed()
    namespace = dict(vars(domain))
    notebook_args = copy.deepcopy(args)
    program = compile(textwrap.dedent(code), f"<notebook code of {name}>", "exec")
    if how == "call":
        exec(program, namespace)
        by_notebook = namespace[name](*notebook_args, **copy.deepcopy(kwargs))
    else:
        namespace.update(zip(params, notebook_args))
        exec(program, namespace)
        values = tuple(namespace[r] for r in returns)
        by_notebook = values[0] if len(values) == 1 else (values or None)
    return (by_function, function_args), (by_notebook, notebook_args)
"#;

/// The exported test's `assert_same()`: values compared by content.
const PY_ASSERT_SAME: &str = r#"

def assert_same(actual, expected, what, depth=0):
    """⟪domain-against-notebook-4⟫"""
    if pd is not None and isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(actual, expected, obj=what)
    elif pd is not None and isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(actual, expected, obj=what)
    elif np is not None and isinstance(expected, np.ndarray):
        assert type(actual) is type(expected), f"{what}: a {type(actual).__name__}"
        assert actual.dtype == expected.dtype, f"{what}: of {actual.dtype}, not {expected.dtype}"
        if expected.dtype == object:
            assert actual.shape == expected.shape, f"{what}: of shape {actual.shape}"
            for i, (a, e) in enumerate(zip(actual.flat, expected.flat)):
                assert_same(a, e, f"{what}.flat[{i}]", depth + 1)
        else:
            np.testing.assert_array_equal(actual, expected, err_msg=what)
    elif isinstance(expected, (list, tuple)):
        assert type(actual) is type(expected) and len(actual) == len(expected), what
        for i, (a, e) in enumerate(zip(actual, expected)):
            assert_same(a, e, f"{what}[{i}]", depth + 1)
    elif isinstance(expected, dict):
        assert list(actual) == list(expected), what
        for key in expected:
            assert_same(actual[key], expected[key], f"{what}[{key!r}]", depth + 1)
    elif isinstance(expected, float) and math.isnan(expected):
        assert isinstance(actual, float) and math.isnan(actual), what
    elif isinstance(expected, (str, bytes, int, float, bool, type(None))):
        assert actual == expected, f"{what}: {actual!r} != {expected!r}"
    elif isinstance(expected, (type, types.FunctionType, types.BuiltinFunctionType)):
        assert actual is expected, f"{what}: {actual!r} is not {expected!r}"
    elif depth > 20 or type(expected).__module__.partition(".")[0] == "matplotlib":
        # Plots (what they draw is not compared) and structures nested this deep.
        assert type(actual) is type(expected), f"{what}: a {type(actual).__name__}"
    else:
        assert type(actual) is type(expected), f"{what}: a {type(actual).__name__}"
        try:
            state = actual.__reduce_ex__(4)[1:3]
            expected_state = expected.__reduce_ex__(4)[1:3]
        except Exception:  # it cannot be pickled: only equality is left
            assert actual == expected, f"{what}: a different {type(expected).__name__}"
            return
        assert_same(state, expected_state, f"{what} (state)", depth + 1)
"#;

/// One `NOTEBOOK_LOADS` entry: `"name": (returns, code),`.
fn notebook_load_entry(ctx: &Ctx, f: &PlannedFunction) -> String {
    format!(
        "    {}: (\n        {},\n        {},\n    ),\n",
        py_str(&f.name),
        py_list(&f.returns),
        python_code_literal(&notebook_text(ctx, f)),
    )
}

/// The notebook statements a function was made from, cell by cell, unindented.
fn notebook_text(ctx: &Ctx, f: &PlannedFunction) -> String {
    let cut = Cut::of(f);
    let statements: Vec<(StmtRef, Cut)> = f.statements.iter().map(|&s| (s, cut)).collect();
    statements_text(ctx, &statements)
}

/// Notebook statements, cell by cell, unindented.
fn statements_text(ctx: &Ctx, statements: &[(StmtRef, Cut)]) -> String {
    let mut code = String::new();
    let mut i = 0;
    while i < statements.len() {
        let cell = statements[i].0.cell;
        let mut stmts: Vec<(usize, Cut)> = Vec::new();
        // A statement twice (both parts of a split) starts another chunk.
        for &(s, cut) in statements[i..].iter().take_while(|(s, _)| s.cell == cell) {
            if stmts.iter().any(|&(seen, _)| seen == s.statement) {
                break;
            }
            stmts.push((s.statement, cut));
        }
        i += stmts.len();
        code.push_str(&ctx.text_in(cell, &stmts, "", &[]));
        code.push('\n');
    }
    code
}

/// Python source as a raw triple-quoted literal when it can be one, else escaped.
fn python_code_literal(code: &str) -> String {
    if code.contains("\'\'\'") || code.ends_with('\\') {
        py_str(code)
    } else {
        format!("r\'\'\'\n{code}\'\'\'")
    }
}

/// One `NOTEBOOK_CODE` entry: `"name": ("run" | "call", params, returns, code),`.
fn notebook_code_entry(ctx: &Ctx, f: &PlannedFunction) -> Option<String> {
    let how = match f.kind {
        FunctionKind::Extracted => "run",
        FunctionKind::Moved => "call",
        _ => return None,
    };
    Some(format!(
        "    {}: (\n        {},\n        {},\n        {},\n        {},\n    ),\n",
        py_str(&f.name),
        py_str(how),
        py_list(&f.params),
        py_list(&f.returns),
        python_code_literal(&notebook_text(ctx, f)),
    ))
}

/// Every file of the export; `extra` (fixtures and their tests) comes before the README,
/// which lists them.
fn render_files(plan: &Plan, analysis: &Analysis, extra: Vec<RenderedFile>) -> Vec<RenderedFile> {
    let ctx = Ctx { plan, analysis };
    let pkg = plan.package.as_str();
    let mut files: Vec<RenderedFile> = vec![RenderedFile {
        path: module_file(plan, "__init__.py"),
        contents: ctx.docstring(msg!("export-package-doc", pkg = pkg), ""),
    }];
    for sub in ["domain", "adapters", "service_layer", "entrypoints"] {
        files.push(RenderedFile {
            path: module_file(plan, &format!("{sub}/__init__.py")),
            contents: String::new(),
        });
    }
    file_config(&ctx, &mut files);
    file_domain(&ctx, &mut files);
    file_services(&ctx, &mut files);
    file_repository(&ctx, &mut files);
    file_cli(&ctx, &mut files);
    file_api(&ctx, &mut files);
    file_unit_of_work(&ctx, &mut files);
    file_message_bus(&ctx, &mut files);
    file_exploration(&ctx, &mut files);
    file_pyproject(&ctx, &mut files);
    file_tests(&ctx, &mut files);
    files.extend(extra);
    for file in &mut files {
        file.contents = fill_marks(&file.contents, plan.lang);
    }
    file_readme(&ctx, &mut files);
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
