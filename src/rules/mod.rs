//! The rule registry. One module per rule; each module's `//!` doc comment
//! (*What it does / Why is this bad? / Example / Fix / Pattern*) is the rule's
//! documentation, shown by `pyarch rule CODE` and generated into docs/rules.md.

use crate::finding::{Finding, Severity};
use crate::model::NotebookModel;
use crate::notebook::Notebook;
use crate::roles::Roles;

/// Everything a rule may look at. Pure data.
pub struct Context<'a> {
    pub notebook: &'a Notebook,
    pub model: &'a NotebookModel,
    pub roles: &'a Roles,
    /// The provenance analysis, run once for the leakage rules that ask for it.
    leaks: std::cell::OnceCell<Vec<crate::provenance::Leak>>,
}

impl Context<'_> {
    /// The leaks the provenance analysis finds ([`crate::provenance::analyse`]).
    pub fn leaks(&self) -> &[crate::provenance::Leak] {
        self.leaks
            .get_or_init(|| crate::provenance::analyse(self.model))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    HiddenState,
    Structure,
    Reproducibility,
    MlPitfalls,
    Unreadable,
}

impl Family {
    pub fn title(self) -> &'static str {
        match self {
            Family::HiddenState => "Hidden state and execution order (PA1xx)",
            Family::Structure => "Responsibilities and structure (PA2xx)",
            Family::Reproducibility => "Reproducibility and portability (PA3xx)",
            Family::MlPitfalls => "ML pitfalls (PA4xx)",
            Family::Unreadable => "Could not read or parse (PA9xx)",
        }
    }
}

/// A rule's registry entry.
pub struct Rule {
    pub code: &'static str,
    /// kebab-case, as in ruff: `out-of-order-execution`.
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// The module's source, from which the doc comment is read.
    source: &'static str,
    /// `None` for findings made outside the registry (9xx).
    pub check: Option<fn(&Context, &Rule) -> Vec<Finding>>,
}

impl Rule {
    /// The rule's documentation: its module's `//!` comment, as markdown.
    pub fn doc(&self) -> String {
        self.source
            .lines()
            .take_while(|l| l.starts_with("//!") || l.trim().is_empty())
            .filter_map(|l| l.strip_prefix("//!"))
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }

    /// The first line of the doc comment.
    pub fn summary(&self) -> String {
        self.doc()
            .lines()
            .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .unwrap_or("")
            .to_string()
    }
}

macro_rules! rule {
    ($code:literal, $name:literal, $family:ident, $severity:ident, $module:ident) => {
        Rule {
            code: $code,
            name: $name,
            family: Family::$family,
            severity: Severity::$severity,
            source: include_str!(concat!(stringify!($module), ".rs")),
            check: Some($module::check),
        }
    };
}

mod pa101_out_of_order;
mod pa102_use_before_def;
mod pa103_undefined_name;
mod pa104_unexecuted_cell;
mod pa105_outputs_without_count;
mod pa106_execution_gap;
mod pa107_cross_cell_mutation;
mod pa108_non_idempotent_cell;
mod pa109_hidden_global_input;
mod pa110_redefined_name;
mod pa1xx_support;
mod pa201_mixed_responsibilities;
mod pa202_long_cell;
mod pa203_scattered_imports;
mod pa204_duplicated_code;
mod pa205_exploration_leftover;
mod pa206_scattered_io;
mod pa207_not_modularisable;
mod pa2xx_support;
mod pa301_hard_coded_path;
mod pa302_pip_install;
mod pa303_inline_hyperparameters;
mod pa401_preprocessing_leakage;
mod pa402_evaluate_on_training_data;
mod pa403_unseeded_randomness;
mod pa404_overlap_leakage;
mod pa405_multi_test_leakage;
mod pa406_test_refit;
mod pa4xx_leakage;
mod pa901_unreadable;
mod pa902_syntax_error;
mod pa903_parser_limitation;
mod pa904_too_deep;
mod support;

/// Every rule, by code. A code never changes its meaning once released.
pub static REGISTRY: &[Rule] = &[
    rule!(
        "PA101",
        "out-of-order-execution",
        HiddenState,
        Warning,
        pa101_out_of_order
    ),
    rule!(
        "PA102",
        "use-before-definition",
        HiddenState,
        Error,
        pa102_use_before_def
    ),
    rule!(
        "PA103",
        "undefined-name",
        HiddenState,
        Warning,
        pa103_undefined_name
    ),
    rule!(
        "PA104",
        "unexecuted-cell",
        HiddenState,
        Warning,
        pa104_unexecuted_cell
    ),
    rule!(
        "PA105",
        "outputs-without-execution-count",
        HiddenState,
        Warning,
        pa105_outputs_without_count
    ),
    rule!(
        "PA106",
        "execution-count-gap",
        HiddenState,
        Warning,
        pa106_execution_gap
    ),
    rule!(
        "PA107",
        "cross-cell-mutation",
        HiddenState,
        Warning,
        pa107_cross_cell_mutation
    ),
    rule!(
        "PA108",
        "non-idempotent-cell",
        HiddenState,
        Warning,
        pa108_non_idempotent_cell
    ),
    rule!(
        "PA109",
        "hidden-global-input",
        HiddenState,
        Warning,
        pa109_hidden_global_input
    ),
    rule!(
        "PA110",
        "redefined-name",
        HiddenState,
        Info,
        pa110_redefined_name
    ),
    rule!(
        "PA201",
        "mixed-responsibilities",
        Structure,
        Warning,
        pa201_mixed_responsibilities
    ),
    rule!("PA202", "long-cell", Structure, Info, pa202_long_cell),
    rule!(
        "PA203",
        "scattered-imports",
        Structure,
        Info,
        pa203_scattered_imports
    ),
    rule!(
        "PA204",
        "duplicated-code",
        Structure,
        Warning,
        pa204_duplicated_code
    ),
    rule!(
        "PA205",
        "exploration-leftover",
        Structure,
        Info,
        pa205_exploration_leftover
    ),
    rule!("PA206", "scattered-io", Structure, Info, pa206_scattered_io),
    rule!(
        "PA207",
        "not-modularisable",
        Structure,
        Warning,
        pa207_not_modularisable
    ),
    rule!(
        "PA301",
        "hard-coded-path",
        Reproducibility,
        Warning,
        pa301_hard_coded_path
    ),
    rule!(
        "PA302",
        "pip-install-in-notebook",
        Reproducibility,
        Warning,
        pa302_pip_install
    ),
    rule!(
        "PA303",
        "inline-hyperparameters",
        Reproducibility,
        Info,
        pa303_inline_hyperparameters
    ),
    rule!(
        "PA401",
        "preprocessing-leakage",
        MlPitfalls,
        Error,
        pa401_preprocessing_leakage
    ),
    rule!(
        "PA402",
        "evaluate-on-training-data",
        MlPitfalls,
        Warning,
        pa402_evaluate_on_training_data
    ),
    rule!(
        "PA403",
        "unseeded-randomness",
        MlPitfalls,
        Warning,
        pa403_unseeded_randomness
    ),
    rule!(
        "PA404",
        "overlap-leakage",
        MlPitfalls,
        Error,
        pa404_overlap_leakage
    ),
    rule!(
        "PA405",
        "multi-test-leakage",
        MlPitfalls,
        Warning,
        pa405_multi_test_leakage
    ),
    rule!(
        "PA406",
        "preprocessing-refit-on-test",
        MlPitfalls,
        Warning,
        pa406_test_refit
    ),
    Rule {
        code: "PA901",
        name: "unreadable-notebook",
        family: Family::Unreadable,
        severity: Severity::Error,
        source: include_str!("pa901_unreadable.rs"),
        check: None,
    },
    Rule {
        code: "PA902",
        name: "syntax-error",
        family: Family::Unreadable,
        severity: Severity::Error,
        source: include_str!("pa902_syntax_error.rs"),
        check: None,
    },
    Rule {
        code: "PA903",
        name: "parser-limitation",
        family: Family::Unreadable,
        severity: Severity::Warning,
        source: include_str!("pa903_parser_limitation.rs"),
        check: None,
    },
    Rule {
        code: "PA904",
        name: "nesting-too-deep",
        family: Family::Unreadable,
        severity: Severity::Warning,
        source: include_str!("pa904_too_deep.rs"),
        check: None,
    },
];

pub fn lookup(code: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code) || r.name == code)
}

/// `--select` / `--ignore`: codes or prefixes (`PA1`, `PA101`).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    pub fn allows(&self, code: &str) -> bool {
        let matches =
            |p: &String| code.starts_with(&p.to_ascii_uppercase()) || p.eq_ignore_ascii_case("ALL");
        (self.select.is_empty() || self.select.iter().any(matches))
            && !self.ignore.iter().any(matches)
    }
}

pub fn check_all(
    notebook: &Notebook,
    model: &NotebookModel,
    roles: &Roles,
    selection: &Selection,
) -> Vec<Finding> {
    let ctx = Context {
        notebook,
        model,
        roles,
        leaks: std::cell::OnceCell::new(),
    };
    REGISTRY
        .iter()
        .filter(|r| selection.allows(r.code))
        .filter_map(|r| r.check.map(|check| check(&ctx, r)))
        .flatten()
        .collect()
}

/// Drops findings suppressed by a `# pyarch: ignore[PA101, PA2]` comment in their cell
/// (`# pyarch: ignore` alone suppresses every rule for the cell).
pub fn apply_suppressions(notebook: &Notebook, findings: &mut Vec<Finding>) {
    findings.retain(|f| {
        let Some(cell) = f.cell.and_then(|i| notebook.cells.get(i)) else {
            return true;
        };
        !suppressed_codes(&cell.source)
            .iter()
            .any(|c| c.is_empty() || f.code.starts_with(c.as_str()))
    });
}

fn suppressed_codes(source: &str) -> Vec<String> {
    let mut codes = Vec::new();
    for line in source.lines() {
        let Some(pos) = line.find("# pyarch: ignore") else {
            continue;
        };
        let rest = &line[pos + "# pyarch: ignore".len()..];
        match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((list, _)) => codes.extend(
                list.split(',')
                    .map(|c| c.trim().to_ascii_uppercase())
                    .filter(|c| !c.is_empty()),
            ),
            None => codes.push(String::new()),
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_documented_unique_code() {
        let mut codes: Vec<_> = REGISTRY.iter().map(|r| r.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), REGISTRY.len());
        for rule in REGISTRY {
            let doc = rule.doc();
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Fix",
            ] {
                assert!(doc.contains(heading), "{} lacks {heading}", rule.code);
            }
            assert!(rule.code.len() == 5 && rule.code.starts_with("PA"));
        }
    }

    #[test]
    fn suppression_comments() {
        assert_eq!(
            suppressed_codes("x = 1  # pyarch: ignore[PA101, pa2]"),
            ["PA101", "PA2"]
        );
        assert_eq!(suppressed_codes("# pyarch: ignore\n"), [""]);
        assert!(suppressed_codes("x = 1").is_empty());
    }

    #[test]
    fn selection_by_prefix() {
        let s = Selection {
            select: vec!["PA1".into()],
            ignore: vec!["PA102".into()],
        };
        assert!(s.allows("PA101"));
        assert!(!s.allows("PA102"));
        assert!(!s.allows("PA201"));
    }
}
