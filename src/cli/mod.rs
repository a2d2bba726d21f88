//! The command line (an edge): argument parsing, file walking, printing, exit codes.

mod check;
pub mod config;
mod output;
mod overrides;
mod plan;
mod stream;
mod walk;

pub use overrides::OverrideSpec;

use crate::i18n::{tr, Lang};
use crate::msg;
use crate::plan::Level;
use crate::report;
use crate::rules::{self, REGISTRY};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
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
    /// Language of messages and help: `en` or `ko` [default: PYARCH_LANG, else the
    /// system locale (LC_ALL, LC_MESSAGES, LANG)]. JSON, SARIF and GitLab output stay
    /// English unless this is given.
    #[arg(long, global = true, value_name = "LANG", value_parser = lang_flag())]
    pub lang: Option<Lang>,
}

/// The languages of one run: people read `text`; scripts read `machine`, which is
/// English unless `--lang` was given, so that output for scripts does not change with
/// the user's locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Langs {
    pub text: Lang,
    pub machine: Lang,
}

impl Langs {
    /// `--lang` when given (for both), else the environment's language for people.
    pub fn new(flag: Option<Lang>, environment: Lang) -> Langs {
        match flag {
            Some(lang) => Langs {
                text: lang,
                machine: lang,
            },
            None => Langs {
                text: environment,
                machine: Lang::En,
            },
        }
    }
}

/// The language the environment asks for: `PYARCH_LANG`, then `LC_ALL`,
/// `LC_MESSAGES`, `LANG`.
pub fn environment_lang() -> Lang {
    let var = |name: &str| std::env::var(name).ok();
    Lang::from_env(
        var("PYARCH_LANG").as_deref(),
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    )
}

/// `--lang`: `en` or `ko` (also `ko_KR.UTF-8`).
fn lang_flag() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::TypedValueParser;
    clap::builder::NonEmptyStringValueParser::new().try_map(|value| {
        Lang::parse(&value)
            .ok_or_else(|| format!("`{value}` is not a language pyarch speaks: use en or ko"))
    })
}

/// `--lang` as written in the arguments, read before clap parses them so that the help
/// and clap's own errors are in that language.
fn lang_in_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            return None;
        }
        if let Some(value) = word.strip_prefix("--lang=") {
            return Lang::parse(value);
        }
        if word == "--lang" {
            return words.next().and_then(Lang::parse);
        }
    }
    None
}

/// The program: reads the language, parses the arguments with help in that language
/// and runs the command.
pub fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let environment = environment_lang();
    let help_lang = lang_in_args(&args).unwrap_or(environment);
    // The English help is the doc comments themselves (a test keeps the message
    // file equal to them), so English needs no message file to start.
    let command = match help_lang {
        Lang::En => Cli::command(),
        _ => localized_command(help_lang),
    };
    let matches = command.get_matches_from(args);
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => run(cli, environment),
        Err(error) => error.exit(),
    }
}

/// The clap command with its help in `lang`: the about texts, every argument's help and
/// the headings come from the message files (`cli-…` ids; tests check the English ones
/// match the doc comments below).
pub fn localized_command(lang: Lang) -> clap::Command {
    let mut command = Cli::command();
    command = localize(command, "cli", lang);
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let id = format!("cli-{name}");
        command = command.mut_subcommand(&name, |sub| localize(sub, &id, lang));
    }
    command
}

/// One command's about, arguments' help and headings from the ids under `prefix`.
fn localize(mut command: clap::Command, prefix: &str, lang: Lang) -> clap::Command {
    let text = |suffix: &str| crate::i18n::tr_key(lang, &format!("{prefix}-{suffix}"));
    if command.get_about().is_some() {
        command = command.about(text("about"));
    }
    if command.get_long_about().is_some() {
        command = command.long_about(text("long-about"));
    }
    let (arguments, options) = (
        tr(lang, "cli-heading-arguments"),
        tr(lang, "cli-heading-options"),
    );
    let args: Vec<(String, bool, bool)> = command
        .get_arguments()
        .map(|a| {
            (
                a.get_id().to_string(),
                a.get_help().is_some(),
                a.is_positional(),
            )
        })
        .collect();
    for (id, has_help, positional) in args {
        let help = has_help.then(|| text(&format!("arg-{id}")));
        let heading = if positional { &arguments } else { &options };
        command = command.mut_arg(&id, |arg| {
            let arg = arg.help_heading(heading.clone());
            match help {
                Some(help) => arg.help(help),
                None => arg,
            }
        });
    }
    command = command
        .help_template(tr(lang, "cli-help-template"))
        .subcommand_help_heading(tr(lang, "cli-heading-commands"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(tr(lang, "cli-arg-help"))
                .help_heading(options.clone()),
        );
    if command.get_version().is_some() {
        command = command.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(tr(lang, "cli-arg-version"))
                .help_heading(options),
        );
    }
    command
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

/// Runs the parsed command; `environment` is the language the environment asks for.
pub fn run(cli: Cli, environment: Lang) -> ExitCode {
    let langs = Langs::new(cli.lang, environment);
    let result = match cli.command {
        Some(Command::Check(args)) => check::check(&args, langs),
        Some(Command::Rules { format }) => print_rules(format, langs).map(|()| ExitCode::SUCCESS),
        Some(Command::Rule { code }) => explain_rule(&code, langs.text),
        Some(Command::Plan(args)) => plan::plan_command(&args, langs),
        Some(Command::Export(args)) => plan::export_command(&args, langs),
        None => Ok(crate::gui::run(cli.notebook, cli.lang, environment)),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`pyarch rules | head -1`): nothing to say.
        Err(Stop::Closed) => ExitCode::SUCCESS,
        Err(Stop::Failed(message)) => {
            eprintln!(
                "{}",
                msg!("cli-error", message = message).render(langs.text)
            );
            ExitCode::from(2)
        }
    }
}

fn explain_rule(code: &str, lang: Lang) -> Result<ExitCode, Stop> {
    match rules::lookup(code) {
        Some(rule) => {
            let default = if rule.default {
                msg!("cli-rule-default")
            } else {
                msg!("cli-rule-not-default", code = rule.code)
            };
            let severity = msg!(
                "cli-rule-severity",
                severity = rule.severity.label(lang),
                default = default
            );
            output::print(&format!(
                "{}\n\n{}\n",
                rule.doc_in(lang),
                severity.render(lang)
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let error = msg!("cli-unknown-rule", code = code);
            eprintln!("{}", msg!("cli-error", message = error).render(lang));
            Ok(ExitCode::from(2))
        }
    }
}

fn print_rules(format: RulesFormat, langs: Langs) -> Result<(), Stop> {
    let text = match format {
        RulesFormat::Markdown => report::rules_markdown(langs.machine),
        RulesFormat::Json => {
            let rules: Vec<_> = REGISTRY
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code, "name": r.name, "severity": r.severity.as_str(),
                        "family": r.family.label(langs.machine), "default": r.default,
                        "summary": r.summary_in(langs.machine), "doc": r.doc_in(langs.machine),
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
                        r.summary_in(langs.text)
                    )
                })
                .collect();
            text.push('\n');
            text.push_str(&tr(langs.text, "cli-rules-legend"));
            text.push('\n');
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
