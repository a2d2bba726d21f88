//! Findings to text (ruff's shape), JSON (REFERENCE §3) and SARIF 2.1.0. Pure.

use crate::analysis::Analysis;
use crate::finding::{Finding, Severity};
use crate::rules::REGISTRY;
use serde_json::{json, Value};

/// `path:cell 3:2:5: PA101 message` — the cell number is the cell's `index`.
pub fn text_line(path: &str, f: &Finding) -> String {
    match f.cell {
        Some(cell) => format!(
            "{path}:cell {cell}:{}:{}: {} {}",
            f.span.line, f.span.column, f.code, f.message
        ),
        None => format!("{path}: {} {}", f.code, f.message),
    }
}

fn finding_json(f: &Finding) -> Value {
    json!({
        "code": f.code,
        "severity": f.severity.as_str(),
        "cell": f.cell,
        "cell_id": f.cell_id,
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "message": f.message,
        "suggestion": f.suggestion,
    })
}

/// The JSON object for one analysed notebook.
pub fn notebook_json(path: &str, analysis: &Analysis) -> Value {
    json!({
        "notebook": path,
        "cells": analysis.cell_summaries(),
        "findings": analysis.findings.iter().map(finding_json).collect::<Vec<_>>(),
    })
}

/// The JSON object for a file that could not be read (one PA901 finding).
pub fn unreadable_json(path: &str, finding: &Finding) -> Value {
    json!({
        "notebook": path,
        "cells": [],
        "findings": [finding_json(finding)],
    })
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A finding's path (a leak's statistic, split, fit, evaluation) as SARIF
/// `relatedLocations`, each with its cell as a logical location.
fn related_locations(path: &str, f: &Finding) -> Value {
    f.related
        .iter()
        .enumerate()
        .map(|(id, r)| {
            json!({
                "id": id,
                "message": {"text": format!("cell {}: {}", r.cell, r.message)},
                "physicalLocation": {
                    "artifactLocation": {"uri": path.replace('\\', "/")},
                    "region": {
                        "startLine": r.span.line.max(1),
                        "startColumn": r.span.column.max(1),
                        "endLine": r.span.end_line.max(r.span.line).max(1),
                        "endColumn": r.span.end_column.max(1),
                    },
                },
                "logicalLocations": [{"name": format!("cell {}", r.cell), "kind": "module"}],
            })
        })
        .collect()
}

/// One SARIF 2.1.0 log for all notebooks. Lines are within the cell; the cell is
/// given as a logical location and in `properties`.
pub fn sarif(results: &[(String, Vec<Finding>)]) -> Value {
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": r.summary()},
                "help": {"text": r.doc(), "markdown": r.doc()},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
            })
        })
        .collect();
    let results: Vec<Value> = results
        .iter()
        .flat_map(|(path, findings)| findings.iter().map(move |f| (path, f)))
        .map(|(path, f)| {
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": path.replace('\\', "/")},
                }
            });
            if let Some(cell) = f.cell {
                location["physicalLocation"]["region"] = json!({
                    "startLine": f.span.line.max(1),
                    "startColumn": f.span.column.max(1),
                    "endLine": f.span.end_line.max(f.span.line).max(1),
                    "endColumn": f.span.end_column.max(1),
                });
                location["logicalLocations"] =
                    json!([{"name": format!("cell {cell}"), "kind": "module"}]);
            }
            let mut result = json!({
                "ruleId": f.code,
                "level": sarif_level(f.severity),
                "message": {"text": format!("{} Fix: {}", f.message, f.suggestion)},
                "locations": [location],
                "properties": {"cell": f.cell, "cell_id": f.cell_id},
            });
            if !f.related.is_empty() {
                result["relatedLocations"] = related_locations(path, f);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pyarch",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/pyarch/pyarch",
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

/// `pyarch rules` as markdown: the source of docs/rules.md.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# pyarch rules\n\nGenerated by `pyarch rules --format markdown`; do not edit by hand.\n\n| code | name | severity | summary |\n| --- | --- | --- | --- |\n",
    );
    for r in REGISTRY {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} |\n",
            r.code,
            r.code.to_ascii_lowercase(),
            r.name,
            r.severity.as_str(),
            r.summary()
        ));
    }
    for r in REGISTRY {
        out.push_str(&format!(
            "\n<a id=\"{}\"></a>\n{}\n\n*Default severity: {}. Family: {}.*\n",
            r.code.to_ascii_lowercase(),
            r.doc().replace("\n## ", "\n### ").replacen("# ", "## ", 1),
            r.severity.as_str(),
            r.family.title()
        ));
    }
    out
}
