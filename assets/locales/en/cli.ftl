# pyarch's words in English, rendered with Project Fluent (https://projectfluent.org).
# One file per area; every id has a Korean twin in ../ko/ with the same file name and
# the same arguments (tests/it/i18n.rs checks it). Names, code and paths are arguments
# and stay as they are.

## The command line

## Help (the English texts are the doc comments in src/cli/mod.rs; a test keeps them equal)

cli-help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    Usage: {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-arg-help = Print help
cli-arg-version = Print version
cli-about = Turns a messy Jupyter notebook into a layered (Cosmic Python) project.
cli-long-about =
    Turns a messy Jupyter notebook into a layered (Cosmic Python) project.

    With no command, opens the desktop app (on NOTEBOOK when given).
cli-arg-notebook = Notebook to open in the desktop app
cli-arg-lang = Language of messages and help: `en` or `ko` [default: PYARCH_LANG, else the system locale (LC_ALL, LC_MESSAGES, LANG)]. JSON, SARIF and GitLab output stay English unless this is given
cli-check-about = Analyse notebooks (.ipynb, or .py with `# %%` cells) and print findings
cli-check-arg-paths = Notebooks or folders (searched recursively, respecting .gitignore)
cli-check-arg-select = Only these codes or prefixes (comma-separated): `PA1,PA301`; `ALL` for every rule. Replaces the configured `select`; without either, the default set (`pyarch rules` marks it)
cli-check-arg-ignore = Skip these codes or prefixes (comma-separated). Added to the configured `ignore`
cli-check-arg-fail_on = Exit with 1 when a finding is at or above this severity [default: warning, or `fail-on` in pyproject.toml]
cli-check-arg-exit_zero = Exit with 0 even when there are findings (2 still means a file could not be read)
cli-check-arg-statistics = Print how many findings each rule has, instead of the findings
cli-check-arg-output_file = Write the report to this file instead of stdout (written whole, at the end)
cli-check-arg-no_progress = Never show a progress bar
cli-rules-about = List every rule
cli-rule-about = Explain one rule (`pyarch rule PA101`)
cli-plan-about = Print the suggested layered layout for a notebook
cli-plan-arg-level = Pattern level: 1 (domain, repository, services), 2 (+ unit of work, tests with fakes), 3 (+ commands, events, message bus, bootstrap). [default: 1, or `level` in pyproject.toml]
cli-plan-arg-package = Python package name (default: `package` in pyproject.toml, else from the notebook's file name)
cli-plan-arg-overrides = Put a cell, or the statement on one of its lines, in another layer: `12=config`, `12:3=domain` (repeatable; cells as `check` numbers them)
cli-export-about = Export the notebook as a layered Python package
cli-export-arg-notebooks = One notebook, or several notebooks and folders (searched recursively) for a batch
cli-export-arg-out = Output folder (created; must be empty unless --force). In a batch, each notebook goes to `OUT/<package>`, and each of those must be empty unless --force
cli-export-arg-level = Pattern level, as for `plan` [default: 1, or `level` in pyproject.toml]
cli-export-arg-package = Python package name (default: `package` in pyproject.toml, else from the notebook's file name; one notebook only)
cli-export-arg-force = Replace a non-empty output folder
cli-export-arg-overrides = As for `plan` (one notebook only)

## Messages

cli-error = error: { $message }
cli-unknown-rule = unknown rule `{ $code }`; `pyarch rules` lists them
cli-rule-default = In the default set.
cli-rule-not-default = Not in the default set: `pyarch check --select { $code }` reports it.
cli-rule-severity = Default severity: { $severity }. { $default }
cli-rules-legend = `default`: reported by `pyarch check` without `--select`; `--select ALL` reports every rule.
cli-check-found = Found { $findings } { $findings ->
    [one] finding
   *[other] findings
} in { $notebooks } { $notebooks ->
    [one] notebook
   *[other] notebooks
}.
cli-check-unreadable = { $files } { $files ->
    [one] file
   *[other] files
} could not be read.
cli-check-summary = Summary: { $notebooks } notebooks analysed, { $cells } cells, { $findings } findings, { $failed } files failed
cli-check-failed-file = failed: { $error }
cli-export-one-notebook-only = --package and --override apply to one notebook; they cannot be used with several
cli-export-summary = Summary: { $exported } of { $notebooks } notebooks exported into { $out }, { $failed } failed
cli-exported = Exported { $notebook } as package `{ $package }` (level { $level }): { $files } files in { $out }{ $fallback ->
    [yes] {" "}(fallback: one function per cell, see README.md)
   *[no] {""}
}
pa901-unreadable = { $cause }
pa901-fix = Open the notebook in Jupyter and save it again, or restore it from version control.
