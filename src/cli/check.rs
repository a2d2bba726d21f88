//! `pyarch check`: notebooks in parallel, findings in input order, the batch summary
//! and the exit status.

use super::{expand_paths, par_map_with_progress, CheckArgs, CheckFormat, FailOn};
use crate::analysis::Analysis;
use crate::finding::{Finding, Severity, Span};
use crate::load::{load_notebook, LoadError};
use crate::report;
use crate::rules::Selection;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn unreadable_finding(error: &LoadError) -> Finding {
    Finding {
        code: "PA901",
        severity: Severity::Error,
        cell: None,
        cell_id: None,
        span: Span::default(),
        message: error.cause().to_string(),
        suggestion:
            "Open the notebook in Jupyter and save it again, or restore it from version control."
                .into(),
        related: Vec::new(),
    }
}

pub(super) fn check(args: &CheckArgs) -> ExitCode {
    let files = expand_paths(&args.paths);
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let results: Vec<(PathBuf, Result<Analysis, LoadError>)> =
        par_map_with_progress(&files, !args.no_progress, |path| {
            let result = load_notebook(path).map(|nb| Analysis::run(nb, &selection));
            (path.clone(), result)
        });
    print_results(&results, args)
}

fn print_results(results: &[(PathBuf, Result<Analysis, LoadError>)], args: &CheckArgs) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut unreadable = 0;
    let mut worst: Option<Severity> = None;
    let mut count = 0;
    let mut sarif_runs = Vec::new();
    for (path, result) in results {
        let shown = display_path(path);
        match result {
            Ok(analysis) => {
                worst = worst.max(analysis.max_severity());
                count += analysis.findings.len();
                match args.format {
                    CheckFormat::Text => {
                        for f in &analysis.findings {
                            let _ = writeln!(out, "{}", report::text_line(&shown, f));
                        }
                    }
                    CheckFormat::Json => {
                        let _ = writeln!(out, "{}", report::notebook_json(&shown, analysis));
                    }
                    CheckFormat::Sarif => sarif_runs.push((shown, analysis.findings.clone())),
                }
            }
            Err(error) => {
                unreadable += 1;
                eprintln!("error: {error}");
                let finding = unreadable_finding(error);
                match args.format {
                    CheckFormat::Json => {
                        let _ = writeln!(out, "{}", report::unreadable_json(&shown, &finding));
                    }
                    CheckFormat::Sarif => sarif_runs.push((shown, vec![finding])),
                    CheckFormat::Text => {}
                }
            }
        }
    }
    match args.format {
        CheckFormat::Sarif => {
            let _ = writeln!(out, "{}", report::sarif(&sarif_runs));
        }
        CheckFormat::Text => {
            let _ = writeln!(out, "{}", summary_line(count, results.len(), unreadable));
        }
        CheckFormat::Json => {}
    }
    if results.len() > 1 {
        eprint!("{}", batch_summary(results));
    }
    exit_code(unreadable > 0, worst, args.fail_on)
}

/// The end-of-batch summary (stderr): notebooks, cells, findings per rule, failures.
pub fn batch_summary(results: &[(PathBuf, Result<Analysis, LoadError>)]) -> String {
    let mut per_rule: std::collections::BTreeMap<&str, usize> = Default::default();
    let (mut notebooks, mut cells) = (0, 0);
    let mut failed = Vec::new();
    for (_, result) in results {
        match result {
            Ok(a) => {
                notebooks += 1;
                cells += a.notebook.cells.len();
                for f in &a.findings {
                    *per_rule.entry(f.code).or_default() += 1;
                }
            }
            Err(e) => failed.push(e.to_string()),
        }
    }
    let mut out = format!(
        "Summary: {notebooks} notebooks analysed, {cells} cells, {} findings, {} files failed\n",
        per_rule.values().sum::<usize>(),
        failed.len()
    );
    for (code, n) in per_rule {
        out.push_str(&format!("  {code}  {n}\n"));
    }
    for f in failed {
        out.push_str(&format!("  failed: {f}\n"));
    }
    out
}

fn summary_line(findings: usize, files: usize, unreadable: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "Found {} in {}.",
        plural(findings, "finding"),
        plural(files, "notebook")
    );
    if unreadable > 0 {
        line.push_str(&format!(
            " {} could not be read.",
            plural(unreadable, "file")
        ));
    }
    line
}

fn exit_code(unreadable: bool, worst: Option<Severity>, fail_on: FailOn) -> ExitCode {
    if unreadable {
        return ExitCode::from(2);
    }
    let threshold = match fail_on {
        FailOn::Info => Some(Severity::Info),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Error => Some(Severity::Error),
        FailOn::Never => None,
    };
    match (worst, threshold) {
        (Some(w), Some(t)) if w >= t => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}
