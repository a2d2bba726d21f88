//! The exported `pyproject.toml`'s dependencies: the PyPI names of the notebook's
//! imports and of its `pip install` lines.

use super::python;
use crate::analysis::Analysis;
use std::collections::BTreeSet;

/// The dependencies, sorted; `api` adds FastAPI for the HTTP entrypoint.
pub(super) fn dependencies(analysis: &Analysis, api: bool, notes: &mut Vec<String>) -> Vec<String> {
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
            let Some(pos) = text.find("pip install") else {
                continue;
            };
            let mut skip_next = false;
            let mut found = Vec::new();
            for tok in text[pos + "pip install".len()..].split_whitespace() {
                if skip_next {
                    skip_next = false;
                    continue;
                }
                if tok.starts_with('-') {
                    skip_next = matches!(
                        tok,
                        "-r" | "--requirement"
                            | "-c"
                            | "--constraint"
                            | "-i"
                            | "--index-url"
                            | "-f"
                    );
                    continue;
                }
                if tok
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-[]=<>!~,".contains(c))
                {
                    found.push(tok.to_string());
                }
            }
            if !found.is_empty() {
                notes.push(format!(
                    "`{}` (cell {}) became dependencies in pyproject.toml: {}.",
                    python::doc_safe(text.trim()),
                    cell.index,
                    found.join(", ")
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
