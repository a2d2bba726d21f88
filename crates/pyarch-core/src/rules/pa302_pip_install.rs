//! # PA302 pip-install-in-notebook
//!
//! ## What it does
//! Packages installed from a cell (`!pip install`, `%pip install`, `!conda install`).
//!
//! Reports package installs run from the notebook: `!pip install x`, `%pip install x`,
//! `!conda install x`, automagic `pip install x`, install lines in `%%bash` cells,
//! and `os.system("pip install x")` or `subprocess` calls with such a command. The
//! message names the packages. Commented-out installs are not reported.
//!
//! Not in the default set: installs are the norm in Kaggle and Colab notebooks and
//! the export turns them into dependencies; 1 of 6 sampled findings on held-out
//! notebooks was worth attention. `--select PA302` reports it.
//!
//! ## Why is this bad?
//! The dependencies are hidden in a cell instead of declared, usually without
//! versions, so every run may install something different. Running the notebook
//! changes the environment it runs in, needs the network, and the code cannot be
//! installed or imported as a package.
//!
//! ## Example
//! ```python
//! !pip install lightgbm seaborn==0.13.2
//! ```
//!
//! ## Fix
//! ```toml
//! # pyproject.toml
//! [project]
//! dependencies = ["lightgbm", "seaborn==0.13.2"]
//! ```
//! Install once with `pip install -e .` (or `uv sync`) before running.
//!
//! ## Known problems
//! A command given as a list (`subprocess.check_call([sys.executable, "-m", "pip",
//! "install", "x"])`) or assembled at run time is not seen: only command strings are
//! read.
//!
//! ## Pattern
//! A project with declared dependencies (`pyproject.toml`), as in the layout at the
//! start of Cosmic Python's appendix B (project structure).

use super::helpers::finding;
use super::{Context, Rule};
use crate::finding::Finding;
use crate::i18n::{Arg, Join};
use crate::ipython::{install_commands, Install, InstallArg, MagicKind};
use crate::msg;
use std::ops::Range;

/// An install command with what it installs as the message shows it (a requirements
/// file as `-r file`).
type Shown = (Install, Vec<String>);

/// The first install command of a line.
fn parse_install(line: &str) -> Option<Shown> {
    let install = install_commands(line).into_iter().next()?;
    let shown = install
        .args
        .iter()
        .map(|a| match a {
            InstallArg::Package(p) => p.clone(),
            InstallArg::Requirements(file) => format!("-r {file}"),
        })
        .collect();
    Some((install, shown))
}

pub fn check(ctx: &Context, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for cell in &ctx.model.cells {
        let source = super::helpers::source(ctx, cell.index);
        let mut found: Vec<(Range<usize>, Shown)> = Vec::new();
        for magic in &cell.masked.magics {
            if !matches!(
                magic.kind,
                MagicKind::Shell | MagicKind::LineMagic | MagicKind::Automagic
            ) {
                continue;
            }
            let Some(text) = source.get(magic.range.clone()) else {
                continue;
            };
            if let Some(install) = parse_install(text) {
                found.push((magic.range.clone(), install));
            }
        }
        // `%%bash` / `%%sh` / `%%script bash` bodies.
        let shell_cell =
            cell.masked.cell_magic.as_ref().is_some_and(|m| {
                matches!(m.name.as_str(), "bash" | "sh" | "script" | "system" | "!")
            });
        if shell_cell {
            let mut start = 0;
            for (n, line) in source.split_inclusive('\n').enumerate() {
                let text = line.trim_end_matches(['\n', '\r']);
                if n > 0 {
                    if let Some(install) = parse_install(text) {
                        found.push((start..start + text.len(), install));
                    }
                }
                start += line.len();
            }
        }
        // `os.system("pip install x")`, `subprocess.run("pip install x", shell=True)`.
        for stmt in &cell.statements {
            for call in &stmt.facts.calls {
                if !matches!(
                    call.method.as_str(),
                    "system"
                        | "run"
                        | "call"
                        | "check_call"
                        | "check_output"
                        | "Popen"
                        | "getoutput"
                ) {
                    continue;
                }
                for s in
                    stmt.facts.strings.iter().filter(|s| {
                        call.range.start <= s.range.start && s.range.end <= call.range.end
                    })
                {
                    if let Some(install) = parse_install(&s.value) {
                        if !found
                            .iter()
                            .any(|(r, _)| r.start <= s.range.start && s.range.end <= r.end)
                        {
                            found.push((call.range.clone(), install));
                        }
                    }
                }
            }
        }
        for (range, (install, packages)) in found {
            let what = if packages.is_empty() {
                msg!("pa302-packages")
            } else {
                msg!("pa302-names", names = Arg::names(&packages))
            };
            let deps: Vec<String> = packages
                .iter()
                .filter(|p| !p.starts_with("-r "))
                .map(|p| format!("\"{p}\""))
                .collect();
            let (message, suggestion) = if install.installer.starts_with("apt") {
                (
                    msg!(
                        "pa302-system-install",
                        what = what,
                        installer = install.installer.as_str()
                    ),
                    msg!("pa302-system-install-fix"),
                )
            } else {
                let unpinned = packages
                    .iter()
                    .any(|p| !p.starts_with("-r ") && !p.contains(['=', '<', '>', '~']));
                (
                    msg!(
                        "pa302-install",
                        what = what,
                        installer = install.installer.as_str(),
                        pinned = !unpinned
                    ),
                    if deps.is_empty() {
                        msg!("pa302-fix")
                    } else {
                        msg!(
                            "pa302-fix-packages",
                            packages = Arg::joined(deps, Join::Commas)
                        )
                    },
                )
            };
            out.push(
                finding(ctx, rule, cell.index, range)
                    .message(message)
                    .suggestion(suggestion),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_install_commands() {
        let (i, packages) = parse_install("!pip install -q lightgbm seaborn==0.13.2").unwrap();
        assert_eq!(
            (i.installer.as_str(), packages),
            (
                "pip",
                vec!["lightgbm".to_string(), "seaborn==0.13.2".into()]
            )
        );
        let (_, packages) = parse_install("%pip install -U --user xgboost").unwrap();
        assert_eq!(packages, ["xgboost"]);
        let (i, packages) = parse_install("!python -m pip install -r requirements.txt").unwrap();
        assert_eq!(
            (i.installer.as_str(), packages),
            ("pip", vec!["-r requirements.txt".to_string()])
        );
        let (i, packages) = parse_install("!conda install -c conda-forge -y catboost").unwrap();
        assert_eq!(
            (i.installer.as_str(), packages),
            ("conda", vec!["catboost".to_string()])
        );
        let (i, packages) = parse_install("!sudo apt-get install -y graphviz").unwrap();
        assert!(i.is_system());
        assert_eq!(packages, ["graphviz"]);
        assert!(parse_install("!pip list").is_none());
        assert!(parse_install("!ls ../input").is_none());
        assert_eq!(
            parse_install("pip install kaggle && ls").unwrap().1,
            ["kaggle"]
        );
    }
}
