//! The rule registry. One module per rule; each module's `//!` doc comment
//! (*What it does / Why is this bad? / Example / Fix / Pattern*) is the rule's
//! documentation, shown by `pyarch rule CODE` and generated into docs/rules.md.

use crate::classifier::Roles;
use crate::finding::{Finding, Severity};
use crate::model::NotebookModel;
use crate::notebook::Notebook;

/// Everything a rule may look at. Pure data.
pub struct Context<'a> {
    pub notebook: &'a Notebook,
    pub model: &'a NotebookModel,
    pub roles: &'a Roles,
    /// The provenance analysis, run once for the leakage rules that ask for it.
    provenance: std::cell::OnceCell<crate::provenance::Provenance>,
}

impl Context<'_> {
    /// The provenance analysis ([`crate::provenance::analyse`]).
    pub fn provenance(&self) -> &crate::provenance::Provenance {
        self.provenance
            .get_or_init(|| crate::provenance::analyse(self.model))
    }

    /// The leaks the provenance analysis finds.
    pub fn leaks(&self) -> &[crate::provenance::Leak] {
        &self.provenance().leaks
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
    /// The family's heading for people, in `lang`.
    pub fn label(self, lang: crate::i18n::Lang) -> String {
        let id = match self {
            Family::HiddenState => "family-hidden-state",
            Family::Structure => "family-structure",
            Family::Reproducibility => "family-reproducibility",
            Family::MlPitfalls => "family-ml-pitfalls",
            Family::Unreadable => "family-unreadable",
        };
        crate::i18n::tr(lang, id)
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
    /// The Korean documentation (`assets/locales/ko/rules/CODE.md`).
    ko_doc: &'static str,
    /// `None` for findings made outside the registry (9xx).
    pub check: Option<fn(&Context, &Rule) -> Vec<Finding>>,
    /// In the default set, as in ruff: reported by `pyarch check` without
    /// `--select` and shown in the app's default view. Decided per rule from
    /// the precision measured on held-out notebooks (see each rule's doc).
    pub default: bool,
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

    /// The rule's documentation in `lang`: the module's comment in English, the
    /// translation under `assets/locales/ko/rules/` in Korean.
    pub fn doc_in(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::En => self.doc(),
            crate::i18n::Lang::Ko => self.ko_doc.trim().to_string(),
        }
    }

    /// The first sentence line of [`Rule::doc_in`].
    pub fn summary_in(&self, lang: crate::i18n::Lang) -> String {
        first_line(&self.doc_in(lang))
    }

    /// The first line of the doc comment.
    pub fn summary(&self) -> String {
        first_line(&self.doc())
    }
}

/// The first line of a doc that is not blank and not a heading.
fn first_line(doc: &str) -> String {
    doc.lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("")
        .to_string()
}

/// Generates [`RuleCode`] and [`REGISTRY`] from one line per rule:
/// `CODE, "name", Family, Severity, default, kind module;` where `default` is `on` (in
/// the default set) or `off` (reported only when selected), and `kind` is `check` (the
/// module's `check` runs) or `doc` (the module is documentation only: PA9xx findings
/// are made where reading or parsing fails, through [`RuleCode::rule`]).
macro_rules! registry {
    ($($code:ident, $name:literal, $family:ident, $severity:ident, $default:ident, $kind:ident $module:ident;)*) => {
        /// Every rule's code, in registry order: `RuleCode::PA101.rule()` is its entry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleCode {
            $($code,)*
        }

        impl RuleCode {
            pub const ALL: &'static [RuleCode] = &[$(RuleCode::$code,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleCode::$code => stringify!($code),)*
                }
            }
        }

        /// Every rule, by code. A code never changes its meaning once released.
        pub static REGISTRY: &[Rule] = &[
            $(Rule {
                code: stringify!($code),
                name: $name,
                family: Family::$family,
                severity: Severity::$severity,
                source: include_str!(concat!(stringify!($module), ".rs")),
                ko_doc: include_str!(concat!(
                    "../../../../assets/locales/ko/rules/",
                    stringify!($code),
                    ".md"
                )),
                check: registry!(@$kind $module),
                default: registry!(@default $default),
            },)*
        ];
    };
    (@check $module:ident) => { Some($module::check) };
    (@doc $module:ident) => { None };
    (@default on) => { true };
    (@default off) => { false };
}

impl RuleCode {
    /// The code's registry entry.
    pub fn rule(self) -> &'static Rule {
        &REGISTRY[self as usize]
    }
}

impl std::fmt::Display for RuleCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

mod helpers;
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
mod pa201_mixed_responsibilities;
mod pa202_long_cell;
mod pa203_scattered_imports;
mod pa204_duplicated_code;
mod pa205_exploration_leftover;
mod pa206_scattered_io;
mod pa207_not_modularisable;
mod pa301_hard_coded_path;
mod pa302_pip_install;
mod pa303_inline_hyperparameters;
mod pa401_preprocessing_leakage;
mod pa402_evaluate_on_training_data;
mod pa403_unseeded_randomness;
mod pa404_overlap_leakage;
mod pa405_multi_test_leakage;
mod pa406_test_refit;
mod pa407_label_in_features;
mod pa408_stale_results;
mod pa4xx_leakage;
mod pa901_unreadable;
mod pa902_syntax_error;
mod pa903_parser_limitation;
mod pa904_too_deep;

#[rustfmt::skip]
registry! {
    PA101, "out-of-order-execution",          HiddenState,     Warning, on,   check pa101_out_of_order;
    PA102, "use-before-definition",           HiddenState,     Error,   on,   check pa102_use_before_def;
    PA103, "undefined-name",                  HiddenState,     Warning, on,   check pa103_undefined_name;
    PA104, "unexecuted-cell",                 HiddenState,     Warning, on,   check pa104_unexecuted_cell;
    PA105, "outputs-without-execution-count", HiddenState,     Warning, off,  check pa105_outputs_without_count;
    PA106, "execution-count-gap",             HiddenState,     Warning, off,  check pa106_execution_gap;
    PA107, "cross-cell-mutation",             HiddenState,     Warning, off,  check pa107_cross_cell_mutation;
    PA108, "non-idempotent-cell",             HiddenState,     Warning, off,  check pa108_non_idempotent_cell;
    PA109, "hidden-global-input",             HiddenState,     Warning, on,   check pa109_hidden_global_input;
    PA110, "redefined-name",                  HiddenState,     Info,    off,  check pa110_redefined_name;
    PA201, "mixed-responsibilities",          Structure,       Warning, off,  check pa201_mixed_responsibilities;
    PA202, "long-cell",                       Structure,       Info,    off,  check pa202_long_cell;
    PA203, "scattered-imports",               Structure,       Info,    off,  check pa203_scattered_imports;
    PA204, "duplicated-code",                 Structure,       Warning, off,  check pa204_duplicated_code;
    PA205, "exploration-leftover",            Structure,       Info,    off,  check pa205_exploration_leftover;
    PA206, "scattered-io",                    Structure,       Info,    off,  check pa206_scattered_io;
    PA207, "not-modularisable",               Structure,       Warning, off,  check pa207_not_modularisable;
    PA301, "hard-coded-path",                 Reproducibility, Warning, on,   check pa301_hard_coded_path;
    PA302, "pip-install-in-notebook",         Reproducibility, Warning, off,  check pa302_pip_install;
    PA303, "inline-hyperparameters",          Reproducibility, Info,    off,  check pa303_inline_hyperparameters;
    PA401, "preprocessing-leakage",           MlPitfalls,      Error,   on,   check pa401_preprocessing_leakage;
    PA402, "evaluate-on-training-data",       MlPitfalls,      Warning, on,   check pa402_evaluate_on_training_data;
    PA403, "unseeded-randomness",             MlPitfalls,      Warning, on,   check pa403_unseeded_randomness;
    PA404, "overlap-leakage",                 MlPitfalls,      Error,   on,   check pa404_overlap_leakage;
    PA405, "multi-test-leakage",              MlPitfalls,      Warning, on,   check pa405_multi_test_leakage;
    PA406, "preprocessing-refit-on-test",     MlPitfalls,      Warning, on,   check pa406_test_refit;
    PA407, "label-in-features",               MlPitfalls,      Warning, on,   check pa407_label_in_features;
    PA408, "stale-results",                   MlPitfalls,      Warning, on,   check pa408_stale_results;
    PA901, "unreadable-notebook",             Unreadable,      Error,   on,   doc   pa901_unreadable;
    PA902, "syntax-error",                    Unreadable,      Error,   on,   doc   pa902_syntax_error;
    PA903, "parser-limitation",               Unreadable,      Warning, on,   doc   pa903_parser_limitation;
    PA904, "nesting-too-deep",                Unreadable,      Warning, on,   doc   pa904_too_deep;
}

pub fn lookup(code: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code) || r.name == code)
}

/// `--select` / `--ignore`: codes or prefixes (`PA1`, `PA101`).
///
/// `Selection::default()` allows every rule (the app and the planner analyse with
/// all of them and filter the view); [`Selection::check`] is what `pyarch check`
/// uses: without `--select`, only the default set.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// With no `select`, allow only rules in the default set.
    pub defaults_only: bool,
}

impl Selection {
    /// `pyarch check`'s selection: the default set unless `--select` is given
    /// (`--select ALL` for every rule).
    pub fn check(select: Vec<String>, ignore: Vec<String>) -> Selection {
        Selection {
            defaults_only: select.is_empty(),
            select,
            ignore,
        }
    }

    pub fn allows(&self, code: &str) -> bool {
        let matches =
            |p: &String| code.starts_with(&p.to_ascii_uppercase()) || p.eq_ignore_ascii_case("ALL");
        let selected = if self.select.is_empty() {
            !self.defaults_only || is_default(code)
        } else {
            self.select.iter().any(matches)
        };
        selected && !self.ignore.iter().any(matches)
    }

    /// [`allows`](Self::allows) for a finding: the default set also leaves out
    /// hints (info findings, such as a relative path beside the notebook), which
    /// `--select` or the app's "all findings" view show.
    pub fn allows_finding(&self, finding: &Finding) -> bool {
        self.allows(finding.code)
            && !(self.defaults_only && self.select.is_empty() && finding.severity == Severity::Info)
    }
}

/// Whether a code is in the default set (unknown codes are).
pub fn is_default(code: &str) -> bool {
    REGISTRY
        .iter()
        .find(|r| r.code == code)
        .is_none_or(|r| r.default)
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
        provenance: std::cell::OnceCell::new(),
    };
    REGISTRY
        .iter()
        .filter(|r| selection.allows(r.code))
        .filter_map(|r| r.check.map(|check| check(&ctx, r)))
        .flatten()
        .collect()
}

/// One finding per problem: findings of two rules on the same cause are merged
/// into the first rule's finding, whose message gains the other's.
/// - PA101 (out of order) and PA106 (execution gap) on the same cell;
/// - PA109 (a function reads globals) and PA207 (it changes globals) on the same
///   function (the PA207 finding spans the `def`, the PA109 one lies inside it).
pub fn merge_same_cause(findings: &mut Vec<Finding>) {
    let inside = |inner: &Finding, outer: &Finding| {
        let (i, o) = (&inner.span, &outer.span);
        inner.cell == outer.cell
            && (o.line, o.column) <= (i.line, i.column)
            && (i.end_line, i.end_column) <= (o.end_line, o.end_column)
    };
    let mut merged: Vec<bool> = vec![false; findings.len()];
    for a in 0..findings.len() {
        for b in 0..findings.len() {
            if merged[a] || merged[b] || a == b {
                continue;
            }
            let (fa, fb) = (&findings[a], &findings[b]);
            let same = match (fa.code, fb.code) {
                ("PA101", "PA106") => fa.cell == fb.cell && fa.cell.is_some(),
                ("PA109", "PA207") => inside(fa, fb),
                _ => false,
            };
            if same {
                let extra = findings[b].message.clone();
                let (severity, other) = (findings[b].severity, findings[b].code);
                let keep = &mut findings[a];
                keep.message = crate::msg!(
                    "merged-finding",
                    message = keep.message.clone(),
                    also = extra,
                    code = other
                );
                keep.severity = keep.severity.max(severity);
                merged[b] = true;
            }
        }
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        !merged[i - 1]
    });
}

/// Drops findings suppressed by a `# pyarch: ignore[PA101, PA2]` comment in their cell
/// (`# pyarch: ignore` alone suppresses every rule for the cell).
pub fn apply_suppressions(notebook: &Notebook, findings: &mut Vec<Finding>) {
    findings.retain(|f| {
        let Some(cell) = f.cell.and_then(|i| notebook.cells.get(i)) else {
            return true;
        };
        !suppressions(&cell.source).iter().any(|s| s.covers(f.code))
    });
}

/// What one `# pyarch: ignore` comment silences.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Suppression {
    /// `# pyarch: ignore`: every rule.
    All,
    /// One code or prefix of `# pyarch: ignore[PA101, PA2]`, upper-cased.
    Prefix(String),
}

impl Suppression {
    fn covers(&self, code: &str) -> bool {
        match self {
            Suppression::All => true,
            Suppression::Prefix(prefix) => code.starts_with(prefix.as_str()),
        }
    }
}

fn suppressions(source: &str) -> Vec<Suppression> {
    let mut found = Vec::new();
    for line in source.lines() {
        let Some(pos) = line.find("# pyarch: ignore") else {
            continue;
        };
        let rest = &line[pos + "# pyarch: ignore".len()..];
        match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((list, _)) => found.extend(
                list.split(',')
                    .map(|c| c.trim().to_ascii_uppercase())
                    .filter(|c| !c.is_empty())
                    .map(Suppression::Prefix),
            ),
            None => found.push(Suppression::All),
        }
    }
    found
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
    fn rule_codes_index_the_registry() {
        assert_eq!(RuleCode::ALL.len(), REGISTRY.len());
        for &code in RuleCode::ALL {
            assert_eq!(code.rule().code, code.as_str());
            assert_eq!(code.to_string(), code.as_str());
        }
        assert_eq!(RuleCode::PA902.rule().severity, Severity::Error);
        assert_eq!(RuleCode::PA903.rule().severity, Severity::Warning);
        assert!(RuleCode::PA901.rule().check.is_none() && RuleCode::PA101.rule().check.is_some());
    }

    #[test]
    fn suppression_comments() {
        let prefix = |p: &str| Suppression::Prefix(p.into());
        assert_eq!(
            suppressions("x = 1  # pyarch: ignore[PA101, pa2]"),
            [prefix("PA101"), prefix("PA2")]
        );
        assert_eq!(suppressions("# pyarch: ignore\n"), [Suppression::All]);
        assert!(suppressions("x = 1").is_empty());
        // An empty list silences nothing (it is not "every rule").
        assert!(suppressions("x = 1  # pyarch: ignore[]").is_empty());
        assert!(Suppression::All.covers("PA403"));
        assert!(prefix("PA2").covers("PA204") && !prefix("PA2").covers("PA301"));
    }

    #[test]
    fn findings_on_the_same_cause_are_merged() {
        use crate::finding::Span;
        let f = |code: &'static str, cell, span: (u32, u32, u32, u32)| Finding {
            code,
            severity: Severity::Warning,
            cell: Some(cell),
            cell_id: None,
            span: Span {
                line: span.0,
                column: span.1,
                end_line: span.2,
                end_column: span.3,
            },
            message: crate::msg!("pa110-code", code = code),
            suggestion: crate::msg!("pa110-code", code = ""),
            related: Vec::new(),
        };
        let mut findings = vec![
            f("PA101", 3, (1, 1, 1, 5)),
            f("PA106", 3, (1, 1, 1, 5)),
            f("PA106", 4, (1, 1, 1, 5)),
            f("PA109", 5, (3, 5, 3, 9)),
            f("PA207", 5, (1, 1, 6, 10)),
            f("PA207", 6, (1, 1, 6, 10)),
        ];
        merge_same_cause(&mut findings);
        let codes: Vec<_> = findings.iter().map(|f| (f.code, f.cell)).collect();
        assert_eq!(
            codes,
            [
                ("PA101", Some(3)),
                ("PA106", Some(4)),
                ("PA109", Some(5)),
                ("PA207", Some(6))
            ]
        );
        assert_eq!(findings[0].message, "PA101; also, PA106 (PA106)");
    }

    #[test]
    fn selection_by_prefix() {
        let s = Selection {
            select: vec!["PA1".into()],
            ignore: vec!["PA102".into()],
            ..Default::default()
        };
        assert!(s.allows("PA101"));
        assert!(!s.allows("PA102"));
        assert!(!s.allows("PA201"));
    }

    #[test]
    fn check_without_select_runs_the_default_set() {
        let off = REGISTRY
            .iter()
            .find(|r| !r.default)
            .expect("a rule off by default");
        let on = REGISTRY.iter().find(|r| r.default).expect("a default rule");
        let s = Selection::check(vec![], vec![]);
        assert!(s.allows(on.code) && !s.allows(off.code));
        let all = Selection::check(vec!["ALL".into()], vec![]);
        assert!(all.allows(on.code) && all.allows(off.code));
        let picked = Selection::check(vec![off.code.into()], vec![]);
        assert!(picked.allows(off.code) && !picked.allows(on.code));
        assert!(Selection::default().allows(off.code));
    }
}
