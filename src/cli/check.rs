//! `pyarch check`: notebooks analysed in parallel and printed in input order as they
//! finish (through a bounded window, so memory stays flat on any number of files),
//! a summary made of counts only, and the exit status.

use super::config::{Config, Finder};
use super::output::{Output, Stop};
use super::{run_ordered, walk, CheckArgs, CheckFormat, FailOn, Langs};
use crate::analysis::Analysis;
use crate::finding::{Finding, Severity, Span};
use crate::i18n::Lang;
use crate::load::{load_notebook, LoadError};
use crate::msg;
use crate::report;
use crate::rules::RuleCode;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

fn unreadable_finding(error: &LoadError) -> Finding {
    let rule = RuleCode::PA901.rule();
    Finding {
        code: rule.code,
        severity: rule.severity,
        cell: None,
        cell_id: None,
        span: Span::default(),
        message: msg!("pa901-unreadable", cause = error.cause().to_string()),
        suggestion: msg!("pa901-fix"),
        related: Vec::new(),
    }
}

/// One notebook to check, with the configuration that applies to it.
struct Job {
    path: PathBuf,
    config: Arc<Config>,
}

pub(super) fn check(args: &CheckArgs, langs: Langs) -> Result<ExitCode, Stop> {
    let walk = walk::notebooks(&args.paths);
    for warning in &walk.warnings {
        eprintln!("{warning}");
    }
    let mut finder = Finder::default();
    let jobs = configure(&walk.files, &mut finder).map_err(Stop::Failed)?;
    let fail_on = match args.fail_on {
        Some(f) => f,
        None => cwd_fail_on(&mut finder)?,
    };
    let mut out = match &args.output_file {
        Some(path) => Output::file(path, &walk.files).map_err(Stop::Failed)?,
        None => Output::stdout(),
    };
    let mut printer = Printer::new(args, langs);
    let mut tally = Tally::default();
    printer.begin(&mut out)?;
    run_ordered(
        &jobs,
        !args.no_progress,
        |job| {
            let selection = job.config.selection(&job.path, &args.select, &args.ignore);
            load_notebook(&job.path).map(|nb| Analysis::run(nb, &selection))
        },
        |result| {
            let shown = jobs[tally.files].path.display().to_string();
            tally.add(&result);
            printer.notebook(&mut out, &shown, &result)
        },
    )?;
    printer.end(&mut out, &tally)?;
    out.finish()?;
    if tally.files > 1 && !args.statistics {
        eprint!("{}", tally.summary(langs.text));
    }
    Ok(exit_code(&tally, fail_on, args.exit_zero))
}

fn configure(files: &[PathBuf], finder: &mut Finder) -> Result<Vec<Job>, String> {
    files
        .iter()
        .map(|path| {
            Ok(Job {
                path: path.clone(),
                config: finder.for_path(path)?.unwrap_or_default(),
            })
        })
        .collect()
}

/// `fail-on` is a setting of the run, not of a notebook: it comes from the
/// configuration of the current folder.
fn cwd_fail_on(finder: &mut Finder) -> Result<FailOn, Stop> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let config = finder.for_path(&cwd).map_err(Stop::Failed)?;
    Ok(config.and_then(|c| c.fail_on).unwrap_or(FailOn::Warning))
}

/// What the run has seen: counts only, so it stays small on any number of files.
#[derive(Default)]
struct Tally {
    files: usize,
    notebooks: usize,
    cells: usize,
    per_rule: BTreeMap<&'static str, usize>,
    worst: Option<Severity>,
    failed: Vec<String>,
}

impl Tally {
    fn add(&mut self, result: &Result<Analysis, LoadError>) {
        self.files += 1;
        match result {
            Ok(analysis) => {
                self.notebooks += 1;
                self.cells += analysis.notebook.cells.len();
                self.worst = self.worst.max(analysis.max_severity());
                for f in &analysis.findings {
                    *self.per_rule.entry(f.code).or_default() += 1;
                }
            }
            Err(error) => self.failed.push(error.to_string()),
        }
    }

    fn findings(&self) -> usize {
        self.per_rule.values().sum()
    }

    /// The end-of-batch summary (stderr): notebooks, cells, findings per rule, failures.
    fn summary(&self, lang: Lang) -> String {
        let mut out = msg!(
            "cli-check-summary",
            notebooks = self.notebooks,
            cells = self.cells,
            findings = self.findings(),
            failed = self.failed.len()
        )
        .render(lang);
        out.push('\n');
        for (code, n) in &self.per_rule {
            out.push_str(&format!("  {code}  {n}\n"));
        }
        for f in &self.failed {
            out.push_str(&format!(
                "  {}\n",
                msg!("cli-check-failed-file", error = f).render(lang)
            ));
        }
        out
    }
}

/// Writes one format, notebook by notebook.
struct Printer {
    format: CheckFormat,
    statistics: bool,
    langs: Langs,
    /// Items written so far into a JSON array (SARIF results, GitLab issues).
    items: usize,
}

impl Printer {
    fn new(args: &CheckArgs, langs: Langs) -> Self {
        Printer {
            format: args.format,
            statistics: args.statistics,
            langs,
            items: 0,
        }
    }

    fn begin(&mut self, out: &mut Output) -> std::io::Result<()> {
        if self.statistics {
            return Ok(());
        }
        match self.format {
            CheckFormat::Sarif => {
                out.write_all(report::sarif_halves(self.langs.machine).0.as_bytes())
            }
            CheckFormat::Gitlab => out.write_all(b"["),
            CheckFormat::Text | CheckFormat::Json | CheckFormat::Github => Ok(()),
        }
    }

    fn notebook(
        &mut self,
        out: &mut Output,
        path: &str,
        result: &Result<Analysis, LoadError>,
    ) -> Result<(), Stop> {
        if let Err(error) = result {
            eprintln!(
                "{}",
                msg!("cli-error", message = error.to_string()).render(self.langs.text)
            );
        }
        if self.statistics {
            return Ok(());
        }
        let unreadable;
        let findings = match result {
            Ok(analysis) => &analysis.findings[..],
            Err(error) => {
                unreadable = [unreadable_finding(error)];
                &unreadable[..]
            }
        };
        match (self.format, result) {
            (CheckFormat::Text, Ok(_)) => {
                for f in findings {
                    writeln!(out, "{}", report::text_line(path, f, self.langs.text))?;
                }
            }
            (CheckFormat::Text, Err(_)) => {}
            (CheckFormat::Json, Ok(analysis)) => {
                writeln!(
                    out,
                    "{}",
                    report::notebook_json(path, analysis, self.langs.machine)
                )?;
            }
            (CheckFormat::Json, Err(_)) => {
                writeln!(
                    out,
                    "{}",
                    report::unreadable_json(path, &findings[0], self.langs.machine)
                )?;
            }
            (CheckFormat::Github, _) => {
                for f in findings {
                    writeln!(out, "{}", report::github_line(path, f, self.langs.machine))?;
                }
            }
            (CheckFormat::Sarif, _) => {
                for f in findings {
                    self.array_item(out, &report::sarif_result(path, f, self.langs.machine))?;
                }
            }
            (CheckFormat::Gitlab, _) => {
                let mut seen: HashMap<(&str, Option<usize>, String), usize> = HashMap::new();
                for f in findings {
                    let occurrence = seen
                        .entry((f.code, f.cell, f.message.to_string()))
                        .or_default();
                    self.array_item(
                        out,
                        &report::gitlab_issue(path, f, *occurrence, self.langs.machine),
                    )?;
                    *occurrence += 1;
                }
            }
        }
        Ok(())
    }

    fn array_item(&mut self, out: &mut Output, item: &serde_json::Value) -> std::io::Result<()> {
        if self.items > 0 {
            out.write_all(b",")?;
        }
        self.items += 1;
        write!(out, "{item}")
    }

    fn end(&mut self, out: &mut Output, tally: &Tally) -> std::io::Result<()> {
        if self.statistics {
            let as_json = self.format == CheckFormat::Json;
            return out.write_all(report::statistics(&tally.per_rule, as_json).as_bytes());
        }
        match self.format {
            CheckFormat::Sarif => writeln!(out, "{}", report::sarif_halves(self.langs.machine).1),
            CheckFormat::Gitlab => writeln!(out, "]"),
            CheckFormat::Text => writeln!(
                out,
                "{}",
                summary_line(
                    tally.findings(),
                    tally.files,
                    tally.failed.len(),
                    self.langs.text
                )
            ),
            CheckFormat::Json | CheckFormat::Github => Ok(()),
        }
    }
}

fn summary_line(findings: usize, files: usize, unreadable: usize, lang: Lang) -> String {
    let mut line = msg!("cli-check-found", findings = findings, notebooks = files).render(lang);
    if unreadable > 0 {
        line.push(' ');
        line.push_str(&msg!("cli-check-unreadable", files = unreadable).render(lang));
    }
    line
}

fn exit_code(tally: &Tally, fail_on: FailOn, exit_zero: bool) -> ExitCode {
    if !tally.failed.is_empty() {
        return ExitCode::from(2);
    }
    let threshold = match fail_on {
        _ if exit_zero => None,
        FailOn::Info => Some(Severity::Info),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Error => Some(Severity::Error),
        FailOn::Never => None,
    };
    match (tally.worst, threshold) {
        (Some(w), Some(t)) if w >= t => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}
