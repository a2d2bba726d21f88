//! Findings to text (ruff's shape), JSON (REFERENCE §3) and SARIF 2.1.0. Pure.
//!
//! Every function takes the language of its words. Codes, field names and the
//! `path:cell N:line:col:` prefix are the same in every language; callers pass
//! English to machine formats unless the user asked for a language (`--lang`).

use crate::analysis::Analysis;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::msg;
use crate::rules::REGISTRY;
use serde_json::{json, Value};

/// `path:cell 3:2:5: PA101 message` — the cell number is the cell's `index`.
pub fn text_line(path: &str, f: &Finding, lang: Lang) -> String {
    let message = f.message.render(lang);
    match f.cell {
        Some(cell) => format!(
            "{path}:cell {cell}:{}:{}: {} {message}",
            f.span.line, f.span.column, f.code
        ),
        None => format!("{path}: {} {message}", f.code),
    }
}

fn finding_json(f: &Finding, lang: Lang) -> Value {
    json!({
        "code": f.code,
        "severity": f.severity.as_str(),
        "cell": f.cell,
        "cell_id": f.cell_id,
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "message": f.message.render(lang),
        "suggestion": f.suggestion.render(lang),
    })
}

/// The JSON object for one analysed notebook.
pub fn notebook_json(path: &str, analysis: &Analysis, lang: Lang) -> Value {
    json!({
        "notebook": path,
        "cells": analysis.cell_summaries(),
        "findings": analysis
            .findings
            .iter()
            .map(|f| finding_json(f, lang))
            .collect::<Vec<_>>(),
    })
}

/// The JSON object for a file that could not be read (one PA901 finding).
pub fn unreadable_json(path: &str, finding: &Finding, lang: Lang) -> Value {
    json!({
        "notebook": path,
        "cells": [],
        "findings": [finding_json(finding, lang)],
    })
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// One SARIF 2.1.0 log for all notebooks. Lines are within the cell; the cell is
/// given as a logical location and in `properties`.
pub fn sarif(results: &[(String, Vec<Finding>)], lang: Lang) -> Value {
    let results: Vec<Value> = results
        .iter()
        .flat_map(|(path, findings)| findings.iter().map(move |f| sarif_result(path, f, lang)))
        .collect();
    let mut log = sarif_log(lang);
    log["runs"][0]["results"] = Value::Array(results);
    log
}

/// The SARIF log as text in two halves around its `results` array, so that a long run
/// can stream results between them: `open + r1 + "," + r2 + … + close` is the same
/// text as `sarif(…).to_string()`.
pub fn sarif_halves(lang: Lang) -> (String, String) {
    let text = sarif_log(lang).to_string();
    let marker = "\"results\":[";
    let at = text.find(marker).map_or(text.len(), |i| i + marker.len());
    let (open, close) = text.split_at(at);
    (open.to_string(), close.to_string())
}

fn sarif_log(lang: Lang) -> Value {
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary_in(lang)},
                "fullDescription": {"text": r.summary_in(lang)},
                "help": {"text": r.doc_in(lang), "markdown": r.doc_in(lang)},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
            })
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
            "results": [],
        }],
    })
}

/// One SARIF `result`.
pub fn sarif_result(path: &str, f: &Finding, lang: Lang) -> Value {
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
        location["logicalLocations"] = json!([{"name": format!("cell {cell}"), "kind": "module"}]);
    }
    let mut result = json!({
        "ruleId": f.code,
        "level": sarif_level(f.severity),
        "message": {"text": msg!("report-with-fix", message = f.message.clone(), fix = f.suggestion.clone()).render(lang)},
        "locations": [location],
        "properties": {"cell": f.cell, "cell_id": f.cell_id},
    });
    if !f.related.is_empty() {
        result["relatedLocations"] = related_locations(path, f, lang);
    }
    result
}

/// A finding's path (a leak's statistic, split, fit, evaluation) as SARIF
/// `relatedLocations`, each with its cell as a logical location.
fn related_locations(path: &str, f: &Finding, lang: Lang) -> Value {
    f.related
        .iter()
        .enumerate()
        .map(|(id, r)| {
            json!({
                "id": id,
                "message": {"text": msg!("report-related", cell = r.cell, message = r.message.clone()).render(lang)},
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

/// A GitHub Actions workflow command that annotates the file:
/// `::warning title=pyarch (PA101),file=…,line=2,col=5,…::path:cell 3:2:5: PA101 …`.
/// Lines are within the cell, as in the text output; the message names the cell.
pub fn github_line(path: &str, f: &Finding, lang: Lang) -> String {
    let level = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = format!(
        "title={},file={}",
        github_property(&format!("pyarch ({})", f.code)),
        github_property(path)
    );
    if f.cell.is_some() {
        properties.push_str(&format!(
            ",line={},col={},endLine={},endColumn={}",
            f.span.line.max(1),
            f.span.column.max(1),
            f.span.end_line.max(f.span.line).max(1),
            f.span.end_column.max(1)
        ));
    }
    format!(
        "::{level} {properties}::{}",
        github_data(&text_line(path, f, lang))
    )
}

fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One GitLab Code Quality issue. `occurrence` counts earlier findings of the same
/// notebook with the same code, cell and message, so fingerprints stay unique and stable.
pub fn gitlab_issue(path: &str, f: &Finding, occurrence: usize, lang: Lang) -> Value {
    let severity = match f.severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    };
    let message = f.message.render(lang);
    let description = match f.cell {
        Some(cell) => msg!(
            "report-gitlab-description",
            code = f.code,
            message = message,
            cell = cell,
            line = f.span.line
        )
        .render(lang),
        None => format!("{} {message}", f.code),
    };
    // English, so that fingerprints do not change with the language.
    let key = format!(
        "{path}\u{0}{}\u{0}{:?}\u{0}{}\u{0}{occurrence}",
        f.code, f.cell, f.message
    );
    json!({
        "description": description,
        "check_name": f.code,
        "fingerprint": format!("{:016x}", fnv1a(key.as_bytes())),
        "severity": severity,
        "location": {
            "path": path.replace('\\', "/"),
            "lines": {"begin": f.span.line.max(1), "end": f.span.end_line.max(f.span.line).max(1)},
        },
    })
}

/// FNV-1a, 64 bits: stable across runs and platforms, unlike `std`'s hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `--statistics`: findings per rule, most frequent first, as text
/// (`count  code  name`) or JSON.
pub fn statistics(
    counts: &std::collections::BTreeMap<&'static str, usize>,
    as_json: bool,
) -> String {
    let mut rows: Vec<(&str, usize)> = counts.iter().map(|(c, n)| (*c, *n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let name = |code: &str| {
        REGISTRY
            .iter()
            .find(|r| r.code == code)
            .map_or("", |r| r.name)
    };
    if as_json {
        let rows: Vec<Value> = rows
            .iter()
            .map(|(code, count)| json!({"code": code, "name": name(code), "count": count}))
            .collect();
        return format!("{}\n", Value::Array(rows));
    }
    let width = rows.first().map_or(1, |(_, n)| n.to_string().len());
    rows.iter()
        .map(|(code, count)| format!("{count:>width$}\t{code}\t{}\n", name(code)))
        .collect()
}

/// `pyarch rules` as markdown: the source of docs/rules.md.
pub fn rules_markdown(lang: Lang) -> String {
    let mut out = crate::i18n::tr(lang, "rules-md-intro");
    out.push_str("\n\n");
    out.push_str(&crate::i18n::tr(lang, "rules-md-header"));
    out.push_str("\n| --- | --- | --- | --- | --- |\n");
    let default_word = crate::i18n::tr(lang, "rules-md-default");
    for r in REGISTRY {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} | {} |\n",
            r.code,
            r.code.to_ascii_lowercase(),
            r.name,
            severity_word(r.severity, lang),
            if r.default { default_word.as_str() } else { "" },
            r.summary_in(lang)
        ));
    }
    for r in REGISTRY {
        let footer = msg!(
            "rules-md-footer",
            severity = severity_word(r.severity, lang),
            family = r.family.label(lang),
            default = r.default
        );
        out.push_str(&format!(
            "\n<a id=\"{}\"></a>\n{}\n\n*{}*\n",
            r.code.to_ascii_lowercase(),
            r.doc_in(lang)
                .replace("\n## ", "\n### ")
                .replacen("# ", "## ", 1),
            footer.render(lang)
        ));
    }
    out
}

/// `warning` in English (the word the flags take), `경고` in Korean.
fn severity_word(severity: Severity, lang: Lang) -> String {
    match lang {
        Lang::En => severity.as_str().to_string(),
        _ => severity.label(lang),
    }
}
