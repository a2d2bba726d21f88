//! The command line (an edge): argument parsing, file walking, printing, exit codes.

use crate::analysis::Analysis;
use crate::finding::{Finding, Severity, Span};
use crate::load::{load_notebook, LoadError};
use crate::report;
use crate::rules::{self, Selection, REGISTRY};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
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
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Notebooks or folders (searched recursively, respecting .gitignore).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Only these codes or prefixes (comma-separated): `PA1,PA301`.
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
        Some(Command::Check(args)) => check(&args),
        Some(Command::Rules { format }) => {
            print_rules(format);
            ExitCode::SUCCESS
        }
        Some(Command::Rule { code }) => match rules::lookup(&code) {
            Some(rule) => {
                println!("{}", rule.doc());
                println!("\nDefault severity: {}.", rule.severity.as_str());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: unknown rule `{code}`; `pyarch rules` lists them");
                ExitCode::from(2)
            }
        },
        Some(Command::Plan(args)) => plan_command(&args),
        Some(Command::Export(args)) => export_command(&args),
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
                        "family": r.family.title(), "summary": r.summary(), "doc": r.doc(),
                    })
                })
                .collect();
            println!("{}", serde_json::Value::Array(rules));
        }
        RulesFormat::Text => {
            for r in REGISTRY {
                println!(
                    "{}  {:<8} {:<32} {}",
                    r.code,
                    r.severity.as_str(),
                    r.name,
                    r.summary()
                );
            }
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
    }
}

fn check(args: &CheckArgs) -> ExitCode {
    let files = expand_paths(&args.paths);
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let progress = (!args.no_progress && files.len() > 1 && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(files.len() as u64));
    let results: Vec<(PathBuf, Result<Analysis, LoadError>)> = files
        .par_iter()
        .map(|path| {
            let result = load_notebook(path).map(|nb| Analysis::run(nb, &selection));
            if let Some(p) = &progress {
                p.inc(1);
            }
            (path.clone(), result)
        })
        .collect();
    if let Some(p) = progress {
        p.finish_and_clear();
    }
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

/// Loads, analyses and plans one notebook for `plan` and `export`.
fn plan_notebook(
    path: &Path,
    level: u8,
    package: Option<&str>,
) -> Result<(Analysis, crate::plan::Plan), LoadError> {
    let notebook = load_notebook(path)?;
    let analysis = Analysis::run(notebook, &Selection::default());
    let stem = file_stem(path);
    let options = crate::plan::PlanOptions {
        level,
        package: crate::plan::package_name(package.unwrap_or(&stem)),
        overrides: Vec::new(),
    };
    let plan = crate::plan::plan(&analysis, &options);
    Ok((analysis, plan))
}

fn plan_command(args: &PlanArgs) -> ExitCode {
    let (_, plan) = match plan_notebook(&args.notebook, args.level, args.package.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match args.format {
        PlanFormat::Text => print!("{}", plan.to_text()),
        PlanFormat::Json => match serde_json::to_string_pretty(&plan) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: cannot serialise the plan: {e}");
                return ExitCode::from(2);
            }
        },
    }
    ExitCode::SUCCESS
}

fn export_command(args: &ExportArgs) -> ExitCode {
    let single = matches!(args.notebooks.as_slice(), [one] if !one.is_dir());
    if single {
        return match export_one(&args.notebooks[0], &args.out, args) {
            Ok(message) => {
                println!("{message}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(2)
            }
        };
    }
    if args.package.is_some() {
        eprintln!("error: --package names one package; it cannot be used with several notebooks");
        return ExitCode::from(2);
    }
    export_batch(args)
}

/// Exports every notebook into its own `OUT/<package>` folder, in parallel; prints the
/// results in input order and a summary on stderr.
fn export_batch(args: &ExportArgs) -> ExitCode {
    let files = expand_paths(&args.notebooks);
    let targets = batch_targets(&files, &args.out);
    let progress = (files.len() > 1 && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(files.len() as u64));
    let results: Vec<Result<String, String>> = files
        .par_iter()
        .zip(targets.par_iter())
        .map(|(notebook, out)| {
            let result = export_one(notebook, out, args);
            if let Some(p) = &progress {
                p.inc(1);
            }
            result
        })
        .collect();
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let mut failed = 0;
    for result in &results {
        match result {
            Ok(message) => println!("{message}"),
            Err(error) => {
                failed += 1;
                eprintln!("error: {error}");
            }
        }
    }
    eprintln!(
        "Summary: {} of {} notebooks exported into {}, {failed} failed",
        results.len() - failed,
        results.len(),
        args.out.display()
    );
    if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// One folder per notebook, named after its package; a repeated name gets `_2`, `_3`…
pub fn batch_targets(files: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let mut taken = std::collections::BTreeSet::new();
    files
        .iter()
        .map(|file| {
            let base = crate::plan::package_name(&file_stem(file));
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}_{n}");
            }
            out.join(name)
        })
        .collect()
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Loads, plans, renders and writes one notebook; `Ok` is the line to print, `Err` the
/// one-line error.
fn export_one(notebook: &Path, out: &Path, args: &ExportArgs) -> Result<String, String> {
    let (analysis, plan) =
        plan_notebook(notebook, args.level, args.package.as_deref()).map_err(|e| e.to_string())?;
    let files = crate::plan::render(&plan, &analysis);
    crate::export::check_target_keeps(out, notebook).map_err(|e| e.to_string())?;
    let summary =
        crate::export::write_export(&files, out, args.force).map_err(|e| e.to_string())?;
    Ok(format!(
        "Exported {} as package `{}` (level {}): {} files in {}{}",
        notebook.display(),
        plan.package,
        plan.level,
        summary.files,
        summary.out.display(),
        if plan.fallback {
            " (fallback: one function per cell, see README.md)"
        } else {
            ""
        }
    ))
}
