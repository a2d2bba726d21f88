//! Lists a notebook's top-level statements as pyarch's model sees them, without
//! roles, so that statements can be hand-labelled from `docs/roles.md` alone.
//!
//! `cargo run --example list_statements -- NOTEBOOK.ipynb...` prints
//! `notebook<TAB>cell<TAB>statement<TAB>first line`, indexed as in
//! `tests/it/roles_eval.rs`: cell = index among all cells, statement = index
//! among the cell's top-level statements.
//! With `--roles` first, each line ends with the classifier's role (for checking
//! the classifier on code of your own, never while labelling); with `--rules` first,
//! the role the rules give before the learned layer.

use pyarch::classifier;
use pyarch::load::load_notebook;
use pyarch::model::NotebookModel;
use std::io::{self, Write};
use std::path::Path;

fn main() {
    let mut failed = false;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mode = std::env::args().nth(1);
    let rules_only = mode.as_deref() == Some("--rules");
    let with_roles = rules_only || mode.as_deref() == Some("--roles");
    for arg in std::env::args().skip(1 + usize::from(with_roles)) {
        let path = Path::new(&arg);
        let notebook = match load_notebook(path) {
            Ok(nb) => nb,
            Err(e) => {
                eprintln!("{e}");
                failed = true;
                continue;
            }
        };
        let name = path
            .file_name()
            .map_or(arg.clone(), |n| n.to_string_lossy().into_owned());
        let model = NotebookModel::build(&notebook);
        let roles = with_roles.then(|| match rules_only {
            true => classifier::classify_by_rules(&model),
            false => classifier::classify(&model),
        });
        for (cell_model, statement) in model.statements() {
            let source = &notebook.cells[cell_model.index].source;
            let first = source[statement.facts.range.clone()]
                .lines()
                .next()
                .unwrap_or("")
                .replace('\t', " ");
            let position = cell_model
                .statements
                .iter()
                .position(|s| std::ptr::eq(s, statement))
                .unwrap_or_default();
            let mut line = format!("{name}\t{}\t{position}\t{}", cell_model.index, first.trim());
            if let Some(roles) = &roles {
                let role = roles.statement_roles(cell_model.index).get(position);
                line += &format!("\t{}", role.map_or("?", |r| r.as_str()));
            }
            // A closed pipe (`| head`) ends the listing quietly.
            if writeln!(out, "{line}").is_err() {
                return;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
