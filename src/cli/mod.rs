//! The command line (an edge): argument parsing, file walking, printing, exit codes.

mod check;
mod overrides;
mod plan;

pub use overrides::OverrideSpec;

use crate::report;
use crate::rules::{self, REGISTRY};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::IsTerminal;
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
    Text,
    Json,
    Sarif,
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
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=3))]
    pub level: u8,
    /// Python package name (default: from the notebook's file name).
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
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=3))]
    pub level: u8,
    /// Python package name (default: from the notebook's file name; one notebook only).
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
    /// every rule. Without it, the default set (`pyarch rules` marks it).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these codes or prefixes (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check(args)) => check::check(&args),
        Some(Command::Rules { format }) => {
            print_rules(format);
            ExitCode::SUCCESS
        }
        Some(Command::Rule { code }) => match rules::lookup(&code) {
            Some(rule) => {
                println!("{}", rule.doc());
                println!(
                    "\nDefault severity: {}. {}",
                    rule.severity.as_str(),
                    if rule.default {
                        "In the default set."
                    } else {
                        "Not in the default set: `pyarch check --select {}` reports it."
                    }
                    .replace("{}", rule.code)
                );
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: unknown rule `{code}`; `pyarch rules` lists them");
                ExitCode::from(2)
            }
        },
        Some(Command::Plan(args)) => plan::plan_command(&args),
        Some(Command::Export(args)) => plan::export_command(&args),
        None => crate::gui::run(cli.notebook),
    }
}

fn print_rules(format: RulesFormat) {
    match format {
        RulesFormat::Markdown => print!("{}", report::rules_markdown()),
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
            println!("{}", serde_json::Value::Array(rules));
        }
        RulesFormat::Text => {
            for r in REGISTRY {
                println!(
                    "{}  {:<8} {:<7} {:<32} {}",
                    r.code,
                    r.severity.as_str(),
                    if r.default { "default" } else { "" },
                    r.name,
                    r.summary()
                );
            }
            println!(
                "\n`default`: reported by `pyarch check` without `--select`; `--select ALL` reports every rule."
            );
        }
    }
}

/// Expands folders into the notebooks under them, sorted; files stay as given.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(path)
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "ipynb"))
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

/// Runs `work` on every item in parallel (rayon) and returns the results in input
/// order; draws a progress bar on stderr when `show`, there is more than one item and
/// stderr is a terminal.
fn par_map_with_progress<T: Sync, R: Send>(
    items: &[T],
    show: bool,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let progress = (show && items.len() > 1 && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(items.len() as u64));
    let results = items
        .par_iter()
        .map(|item| {
            let result = work(item);
            if let Some(p) = &progress {
                p.inc(1);
            }
            result
        })
        .collect();
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    results
}
