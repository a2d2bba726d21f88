//! docs/rules.md is generated from the rule registry and must not go stale.

use pyarch::i18n::Lang;
use std::path::Path;

#[test]
fn rules_markdown_is_up_to_date() {
    up_to_date("docs/rules.md", Lang::En, "");
    up_to_date("docs/rules.ko.md", Lang::Ko, " --lang ko");
}

/// The generated file at `file` (in `lang`) is what `pyarch rules --format markdown`
/// prints now.
fn up_to_date(file: &str, lang: Lang, flag: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let on_disk = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}; generate it with `cargo run -- rules --format markdown{flag} > {file}`", path.display()))
        .replace("\r\n", "\n");
    let expected = pyarch::report::rules_markdown(lang);
    if on_disk != expected {
        let line = on_disk
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || on_disk.lines().count().min(expected.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{file} is out of date with the rule registry (first difference at line {line}).\n\
             Regenerate it with:\n\n    cargo run -- rules --format markdown{flag} > {file}\n"
        );
    }
}

#[test]
fn every_rule_is_documented_in_rules_md() {
    let doc = pyarch::report::rules_markdown(Lang::En);
    for rule in pyarch::rules::REGISTRY {
        assert!(
            doc.contains(&format!(
                "<a id=\"{}\"></a>",
                rule.code.to_ascii_lowercase()
            )),
            "{}",
            rule.code
        );
        assert!(doc.contains(rule.name), "{}", rule.code);
    }
}

/// The Korean documentation of every rule is a full translation of the English one:
/// the same sections in the same order (by the headings' translation), the same code
/// (comments may be translated), and Korean prose.
#[test]
fn every_rule_has_its_korean_documentation() {
    const HEADINGS: [(&str, &str); 6] = [
        ("## What it does", "## 하는 일"),
        ("## Why is this bad?", "## 왜 문제인가요?"),
        ("## Example", "## 예시"),
        ("## Fix", "## 고치는 법"),
        ("## Known problems", "## 알려진 한계"),
        ("## Pattern", "## 패턴"),
    ];
    let headings = |doc: &str| -> Vec<String> {
        doc.lines()
            .filter(|l| l.starts_with("## "))
            .map(|l| {
                HEADINGS
                    .iter()
                    .find(|(en, ko)| l == *en || l == *ko)
                    .map_or_else(|| format!("unknown heading {l}"), |(en, _)| en.to_string())
            })
            .collect()
    };
    // Code blocks without their comments, which may be translated.
    let code = |doc: &str| -> Vec<String> {
        doc.split("```")
            .skip(1)
            .step_by(2)
            .map(|block| {
                block
                    .lines()
                    .map(|l| l.split(" #").next().unwrap_or(l).trim_end())
                    .filter(|l| !l.trim_start().starts_with('#'))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    };
    for rule in pyarch::rules::REGISTRY {
        let (en, ko) = (rule.doc_in(Lang::En), rule.doc_in(Lang::Ko));
        assert!(
            ko.starts_with(&format!("# {} {}", rule.code, rule.name)),
            "{}",
            rule.code
        );
        assert_eq!(headings(&en), headings(&ko), "{}: sections", rule.code);
        assert_eq!(code(&en), code(&ko), "{}: code", rule.code);
        let prose: String = ko.split("```").step_by(2).collect();
        let hangul = crate::common::hangul(&prose);
        let latin = prose.chars().filter(char::is_ascii_alphabetic).count();
        assert!(
            hangul > latin / 2,
            "{}: {hangul} Hangul, {latin} Latin letters",
            rule.code
        );
    }
}
