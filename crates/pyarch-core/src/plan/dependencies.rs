//! The exported `pyproject.toml`'s dependencies: the PyPI names of the notebook's
//! imports and of its `pip install` lines.

use super::python;
use crate::analysis::Analysis;
use crate::ipython::{install_commands, Install};
use std::collections::BTreeSet;

/// The dependencies, sorted; `api` adds FastAPI for the HTTP entrypoint.
pub(super) fn dependencies(
    analysis: &Analysis,
    api: bool,
    notes: &mut Vec<crate::i18n::Message>,
) -> Vec<String> {
    let mut deps = BTreeSet::new();
    for (_, s) in analysis.model.statements() {
        for imp in &s.facts.imports {
            let top = imp.target.split('.').next().unwrap_or("");
            if let Some(p) = python::pypi_name(top) {
                deps.insert(p);
            }
        }
    }
    for cell in &analysis.model.cells {
        for m in &cell.masked.magics {
            let text = format!("{} {}", m.name, m.args);
            // pip's packages only: conda and apt names are not PyPI names.
            let found: Vec<String> = install_commands(&text)
                .iter()
                .filter(|install| install.is_pip())
                .flat_map(Install::packages)
                .map(str::to_owned)
                .collect();
            if !found.is_empty() {
                notes.push(crate::msg!(
                    "plan-note-pip-dependencies",
                    line = python::doc_safe(text.trim()),
                    cell = cell.index,
                    packages = crate::i18n::Arg::joined(found.iter(), crate::i18n::Join::Commas)
                ));
            }
            deps.extend(found);
        }
    }
    if api {
        deps.insert("fastapi".into());
    }
    deps.into_iter().collect()
}
