//! The command line (an edge): argument parsing, file walking, printing, exit codes.

mod check;
pub mod config;
mod output;
mod overrides;
mod plan;
mod stream;
mod walk;

pub use overrides::OverrideSpec;

use crate::plan::Level;
use crate::report;
use crate::rules::{self, REGISTRY};
use clap::{Parser, Subcommand, ValueEnum};
use output::Stop;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "pyarch",
    version,
    about = "Turns a messy Jupyter notebook into a layered (Cosmic Python) project.",
    long_about = "Turns a messy Jupyter notebook into a layered (Cosmic Python) project.\n\nWith no command, opens the desktop app (on NOTEBOOK when given).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Notebook to open in the desktop app.
    pub notebook: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per finding, ruff's shape.
    Text,
    /// One object per notebook (JSON Lines), REFERENCE §3.
    Json,
    /// One SARIF 2.1.0 log.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality report.
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse notebooks (.ipynb, or .py with `# %%` cells) and print findings.
    Check(CheckArgs),
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        format: RulesFormat,
    },
    /// Explain one rule (`pyarch rule PA101`).
    Rule { code: String },
    /// Print the suggested layered layout for a notebook.
    Plan(PlanArgs),
    /// Export the notebook as a layered Python package.
    Export(ExportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    pub notebook: PathBuf,
    /// Pattern level: 1 (domain, repository, services), 2 (+ unit of work, tests with
    /// fakes), 3 (+ commands, events, message bus, bootstrap).
    /// [default: 1, or `level` in pyproject.toml]
    #[arg(long, value_parser = level_flag())]
    pub level: Option<Level>,
    /// Python package name (default: `package` in pyproject.toml, else from the
    /// notebook's file name).
    #[arg(long)]
    pub package: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: PlanFormat,
    /// Put a cell, or the statement on one of its lines, in another layer:
    /// `12=config`, `12:3=domain` (repeatable; cells as `check` numbers them).
    #[arg(long = "override", value_name = "CELL[:LINE]=LAYER")]
    pub overrides: Vec<OverrideSpec>,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// One notebook, or several notebooks and folders (searched recursively) for a batch.
    #[arg(required = true)]
    pub notebooks: Vec<PathBuf>,
    /// Output folder (created; must be empty unless --force). In a batch, each notebook
    /// goes to `OUT/<package>`, and each of those must be empty unless --force.
    #[arg(long)]
    pub out: PathBuf,
    /// Pattern level, as for `plan` [default: 1, or `level` in pyproject.toml].
    #[arg(long, value_parser = level_flag())]
    pub level: Option<Level>,
    /// Python package name (default: `package` in pyproject.toml, else from the
    /// notebook's file name; one notebook only).
    #[arg(long)]
    pub package: Option<String>,
    /// Replace a non-empty output folder.
    #[arg(long)]
    pub force: bool,
    /// As for `plan` (one notebook only).
    #[arg(long = "override", value_name = "CELL[:LINE]=LAYER")]
    pub overrides: Vec<OverrideSpec>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Notebooks or folders (searched recursively, respecting .gitignore).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Only these codes or prefixes (comma-separated): `PA1,PA301`; `ALL` for
    /// every rule. Replaces the configured `select`; without either, the default set
    /// (`pyarch rules` marks it).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these codes or prefixes (comma-separated). Added to the configured `ignore`.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit with 1 when a finding is at or above this severity [default: warning, or
    /// `fail-on` in pyproject.toml].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Exit with 0 even when there are findings (2 still means a file could not be read).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print how many findings each rule has, instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Write the report to this file instead of stdout (written whole, at the end).
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

/// `--level`: 1 to 3 (clap's range check, so its message names the range), as a [`Level`].
fn level_flag() -> impl clap::builder::TypedValueParser<Value = Level> {
    use clap::builder::TypedValueParser;
    clap::value_parser!(u8)
        .range(1..=3)
        .try_map(Level::try_from)
}

pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Check(args)) => check::check(&args),
        Some(Command::Rules { format }) => print_rules(format).map(|()| ExitCode::SUCCESS),
        Some(Command::Rule { code }) => explain_rule(&code),
        Some(Command::Plan(args)) => plan::plan_command(&args),
        Some(Command::Export(args)) => plan::export_command(&args),
        None => Ok(crate::gui::run(cli.notebook)),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`pyarch rules | head -1`): nothing to say.
        Err(Stop::Closed) => ExitCode::SUCCESS,
        Err(Stop::Failed(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn explain_rule(code: &str) -> Result<ExitCode, Stop> {
    match rules::lookup(code) {
        Some(rule) => {
            let default = if rule.default {
                "In the default set.".to_string()
            } else {
                format!(
                    "Not in the default set: `pyarch check --select {}` reports it.",
                    rule.code
                )
            };
            output::print(&format!(
                "{}\n\nDefault severity: {}. {default}\n",
                rule.doc(),
                rule.severity.as_str()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("error: unknown rule `{code}`; `pyarch rules` lists them");
            Ok(ExitCode::from(2))
        }
    }
}

fn print_rules(format: RulesFormat) -> Result<(), Stop> {
    let text = match format {
        RulesFormat::Markdown => report::rules_markdown(),
        RulesFormat::Json => {
            let rules: Vec<_> = REGISTRY
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code, "name": r.name, "severity": r.severity.as_str(),
                        "family": r.family.title(), "default": r.default,
                        "summary": r.summary(), "doc": r.doc(),
                    })
                })
                .collect();
            format!("{}\n", serde_json::Value::Array(rules))
        }
        RulesFormat::Text => {
            let mut text: String = REGISTRY
                .iter()
                .map(|r| {
                    format!(
                        "{}  {:<8} {:<7} {:<32} {}\n",
                        r.code,
                        r.severity.as_str(),
                        if r.default { "default" } else { "" },
                        r.name,
                        r.summary()
                    )
                })
                .collect();
            text.push_str(
                "\n`default`: reported by `pyarch check` without `--select`; `--select ALL` reports every rule.\n",
            );
            text
        }
    };
    output::print(&text)
}

/// A progress bar on stderr when `wanted`, there is more than one file and stderr is a
/// terminal.
fn progress_bar(files: usize, wanted: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    (wanted && files > 1 && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(files as u64))
}

/// Runs `work` on every item in parallel and hands each result to `sink` in input
/// order, with a progress bar when `show_progress`; stops at the first [`Stop`]
/// (a closed pipe, a failed write) and returns it.
fn run_ordered<T: Sync, R: Send>(
    items: &[T],
    show_progress: bool,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), Stop>,
) -> Result<(), Stop> {
    let progress = progress_bar(items.len(), show_progress);
    let mut stopped = None;
    stream::for_each_ordered_default(items, work, |result| {
        if let Some(p) = &progress {
            p.inc(1);
        }
        match sink(result) {
            Ok(()) => std::ops::ControlFlow::Continue(()),
            Err(stop) => {
                stopped = Some(stop);
                std::ops::ControlFlow::Break(())
            }
        }
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    stopped.map_or(Ok(()), Err)
}
