//! docs/rules.md is generated from the rule registry and must not go stale.

use std::path::Path;

#[test]
fn rules_markdown_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let on_disk = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}; generate it with `cargo run -- rules --format markdown > docs/rules.md`", path.display()))
        .replace("\r\n", "\n");
    let expected = pyarch::report::rules_markdown();
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
            "docs/rules.md is out of date with the rule registry (first difference at line {line}).\n\
             Regenerate it with:\n\n    cargo run -- rules --format markdown > docs/rules.md\n"
        );
    }
}

#[test]
fn every_rule_is_documented_in_rules_md() {
    let doc = pyarch::report::rules_markdown();
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
