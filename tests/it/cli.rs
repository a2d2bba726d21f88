//! The `pyarch` command line, run as a process: help and version, `check` output in
//! text, JSON (REFERENCE §3), JSON Lines and SARIF 2.1.0, exit statuses, selection,
//! suppression comments, and `rules` / `rule`.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pyarch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pyarch"))
        .args(args)
        // English whatever the machine's locale: these tests read English words.
        .env_remove("PYARCH_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .current_dir(root())
        .output()
        .expect("runs the pyarch binary")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

const TITANIC: &str = "samples/titanic_messy.ipynb";
const TIDY: &str = "samples/tidy_pipeline.ipynb";

#[test]
fn help_and_version() {
    let help = pyarch(&["--help"]);
    assert_eq!(code(&help), 0, "{}", stderr(&help));
    let text = stdout(&help);
    for word in ["check", "rules", "rule"] {
        assert!(text.contains(word), "--help lacks `{word}`:\n{text}");
    }
    let check_help = pyarch(&["check", "--help"]);
    assert_eq!(code(&check_help), 0);
    for flag in ["--format", "--select", "--ignore", "--fail-on"] {
        assert!(
            stdout(&check_help).contains(flag),
            "check --help lacks {flag}"
        );
    }
    let version = pyarch(&["--version"]);
    assert_eq!(code(&version), 0);
    assert!(
        stdout(&version).contains(env!("CARGO_PKG_VERSION")),
        "{}",
        stdout(&version)
    );
}

#[test]
fn text_lines_name_path_cell_line_column_and_code() {
    let out = pyarch(&["check", TITANIC, "--select", "PA107", "--no-progress"]);
    assert_eq!(code(&out), 1, "warnings fail by default\n{}", stderr(&out));
    let text = stdout(&out);
    let findings: Vec<&str> = text.lines().filter(|l| l.starts_with(TITANIC)).collect();
    assert_eq!(findings.len(), 3, "{text}");
    for line in &findings {
        // path:cell N:L:C: CODE message
        let rest = line
            .strip_prefix(&format!("{TITANIC}:cell "))
            .expect("path:cell prefix");
        let mut parts = rest.splitn(4, ':');
        for what in ["cell", "line", "column"] {
            let n = parts.next().unwrap_or_default();
            assert!(
                n.parse::<u32>().is_ok(),
                "{what} `{n}` is not a number in {line}"
            );
        }
        let message = parts.next().expect("message");
        assert!(message.starts_with(" PA107 "), "{line}");
    }
    assert!(
        findings[0].starts_with(&format!("{TITANIC}:cell 8:6:1: PA107 ")),
        "{}",
        findings[0]
    );
    // The summary line ends the text output.
    assert!(
        text.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("Found 3 findings"),
        "{text}"
    );
}

#[test]
fn json_has_the_reference_fields() {
    let out = pyarch(&["check", "--format", "json", TITANIC, "--no-progress"]);
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["notebook"], TITANIC);
    let cells = doc["cells"].as_array().expect("cells");
    assert_eq!(cells.len(), 22, "every cell, markdown included");
    for (i, cell) in cells.iter().enumerate() {
        assert_eq!(cell["index"], i);
        for field in ["id", "kind", "execution_count", "roles"] {
            assert!(cell.get(field).is_some(), "cell {i} lacks {field}");
        }
        assert!(cell["roles"].is_array());
    }
    assert_eq!(cells[0]["kind"], "markdown");
    assert_eq!(cells[1]["kind"], "code");
    assert_eq!(cells[1]["execution_count"], 1);
    assert_eq!(cells[1]["id"], "a73395ab");
    assert!(cells[21]["execution_count"].is_null());
    let findings = doc["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        for field in [
            "code",
            "severity",
            "cell",
            "line",
            "column",
            "end_line",
            "end_column",
            "message",
            "suggestion",
        ] {
            assert!(f.get(field).is_some(), "finding lacks {field}: {f}");
        }
        assert!(
            matches!(f["severity"].as_str(), Some("error" | "warning" | "info")),
            "{f}"
        );
        assert!(
            f["line"].as_u64().unwrap() >= 1 && f["column"].as_u64().unwrap() >= 1,
            "{f}"
        );
    }
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "PA109" && f["cell"] == 5 && f["line"] == 3),
        "{findings:?}"
    );
}

#[test]
fn several_notebooks_print_json_lines() {
    let out = pyarch(&["check", "--format", "json", TITANIC, TIDY, "--no-progress"]);
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 2, "{}", stdout(&out));
    let mut names: Vec<&str> = docs
        .iter()
        .map(|d| d["notebook"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, [TIDY, TITANIC]);
}

#[test]
fn exit_status_follows_fail_on() {
    // tidy_pipeline has no hidden-state finding at all.
    let clean = pyarch(&["check", TIDY, "--select", "PA107", "--no-progress"]);
    assert_eq!(code(&clean), 0, "{}", stdout(&clean));
    // PA107 findings are warnings: they fail at the default and at `warning`…
    assert_eq!(
        code(&pyarch(&[
            "check",
            TITANIC,
            "--select",
            "PA107",
            "--no-progress"
        ])),
        1
    );
    assert_eq!(
        code(&pyarch(&[
            "check",
            TITANIC,
            "--select",
            "PA107",
            "--fail-on",
            "warning"
        ])),
        1
    );
    // …but not at `error` or `never`.
    assert_eq!(
        code(&pyarch(&[
            "check",
            TITANIC,
            "--select",
            "PA107",
            "--fail-on",
            "error"
        ])),
        0
    );
    assert_eq!(
        code(&pyarch(&[
            "check",
            TITANIC,
            "--select",
            "PA107",
            "--fail-on",
            "never"
        ])),
        0
    );
    // The missing count 12 is an info finding: it fails only at `info`.
    assert_eq!(
        code(&pyarch(&[
            "check",
            TITANIC,
            "--select",
            "PA106",
            "--fail-on",
            "warning"
        ])),
        0
    );
    assert_eq!(
        code(&pyarch(&[
            "check",
            TITANIC,
            "--select",
            "PA106",
            "--fail-on",
            "info"
        ])),
        1
    );
}

#[test]
fn an_unreadable_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ipynb");
    std::fs::write(&bad, "{ this is not json").unwrap();
    let missing = dir.path().join("missing.ipynb");
    let bad_s = bad.to_string_lossy().into_owned();
    let missing_s = missing.to_string_lossy().into_owned();

    let out = pyarch(&[
        "check",
        &bad_s,
        TITANIC,
        &missing_s,
        "--select",
        "PA109",
        "--no-progress",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("{TITANIC}:cell 5:3:15: PA109")),
        "good file still reported:\n{text}"
    );
    let err = stderr(&out);
    assert!(
        err.contains("broken.ipynb") && err.contains("missing.ipynb"),
        "{err}"
    );

    // In JSON, the unreadable file gets its own line with a PA901 finding.
    let out = pyarch(&[
        "check",
        "--format",
        "json",
        &bad_s,
        TITANIC,
        "--no-progress",
    ]);
    assert_eq!(code(&out), 2);
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 2);
    let broken = docs
        .iter()
        .find(|d| d["notebook"].as_str().unwrap().ends_with("broken.ipynb"))
        .unwrap();
    assert_eq!(broken["findings"][0]["code"], "PA901");
    // Even `--fail-on never` reports the unreadable file.
    assert_eq!(
        code(&pyarch(&[
            "check",
            &bad_s,
            "--fail-on",
            "never",
            "--no-progress"
        ])),
        2
    );
}

#[test]
fn select_and_ignore_by_code_or_prefix() {
    let codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json", TITANIC, "--no-progress"];
        all.extend_from_slice(args);
        let docs = json_lines(&pyarch(&all));
        let mut codes: Vec<String> = docs[0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect();
        codes.sort();
        codes.dedup();
        codes
    };
    let hidden = codes(&["--select", "PA1"]);
    assert!(hidden.iter().all(|c| c.starts_with("PA1")), "{hidden:?}");
    assert!(
        hidden.contains(&"PA109".to_string()) && hidden.contains(&"PA107".to_string()),
        "{hidden:?}"
    );
    let fewer = codes(&["--select", "PA1", "--ignore", "PA107,PA108"]);
    assert!(
        !fewer.contains(&"PA107".to_string()) && !fewer.contains(&"PA108".to_string()),
        "{fewer:?}"
    );
    assert!(fewer.contains(&"PA109".to_string()));
    assert_eq!(codes(&["--select", "PA109,PA301"]), ["PA109", "PA301"]);
}

#[test]
fn sarif_is_a_2_1_0_log() {
    let out = pyarch(&["check", "--format", "sarif", TITANIC, TIDY, "--no-progress"]);
    let log: Value = serde_json::from_str(&stdout(&out)).expect("one SARIF JSON document");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif"));
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "pyarch");
    let rule_ids: Vec<&str> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for rule in pyarch::rules::REGISTRY {
        assert!(
            rule_ids.contains(&rule.code),
            "SARIF rules lack {}",
            rule.code
        );
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        assert!(rule_ids.contains(&id), "{id}");
        assert!(
            matches!(r["level"].as_str(), Some("error" | "warning" | "note")),
            "{r}"
        );
        assert!(r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        let location = &r["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with(".ipynb"));
        assert!(
            location["region"]["startLine"].as_u64().unwrap() >= 1,
            "{r}"
        );
        assert!(
            location["region"]["startColumn"].as_u64().unwrap() >= 1,
            "{r}"
        );
    }
    assert!(results.iter().any(|r| r["ruleId"] == "PA109"));
}

#[test]
fn rules_lists_every_registry_code_and_rule_explains_one() {
    let out = pyarch(&["rules"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    for rule in pyarch::rules::REGISTRY {
        assert!(
            text.contains(rule.code) && text.contains(rule.name),
            "`pyarch rules` lacks {}",
            rule.code
        );
    }
    let json = pyarch(&["rules", "--format", "json"]);
    let list: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        pyarch::rules::REGISTRY.len()
    );

    let one = pyarch(&["rule", "PA101"]);
    assert_eq!(code(&one), 0);
    let doc = stdout(&one);
    for part in [
        "# PA101 out-of-order-execution",
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Fix",
        "## Pattern",
    ] {
        assert!(
            doc.contains(part),
            "`pyarch rule PA101` lacks {part}:\n{doc}"
        );
    }
    // Case and rule names work too; unknown codes fail with status 2.
    assert!(stdout(&pyarch(&["rule", "pa302"])).contains("# PA302 pip-install-in-notebook"));
    assert!(stdout(&pyarch(&["rule", "use-before-definition"])).contains("# PA102"));
    let unknown = pyarch(&["rule", "PA999"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("PA999"));
}

#[test]
fn a_cell_comment_suppresses_rules_for_that_cell() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("suppressed.py");
    std::fs::write(
        &script,
        "# %%\nprint(first_missing)  # pyarch: ignore[PA103]\n\n# %%\nprint(second_missing)\n\n# %%\n# pyarch: ignore\nprint(third_missing)\n\n# %%\nprint(fourth_missing)  # pyarch: ignore[PA101, PA2]\n",
    )
    .unwrap();
    let path = script.to_string_lossy().into_owned();
    let docs = json_lines(&pyarch(&[
        "check",
        "--format",
        "json",
        &path,
        "--select",
        "PA103",
        "--no-progress",
    ]));
    let messages: Vec<String> = docs[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["cell"], f["message"]))
        .collect();
    let reported = |name: &str| messages.iter().any(|m| m.contains(name));
    assert!(!reported("first_missing"), "{messages:?}");
    assert!(reported("second_missing"), "{messages:?}");
    assert!(!reported("third_missing"), "{messages:?}");
    assert!(
        reported("fourth_missing"),
        "other codes do not suppress PA103: {messages:?}"
    );
}

fn placements(o: &Output, cell: u64) -> Vec<(u64, String, bool)> {
    let plan: Value = serde_json::from_str(&stdout(o)).expect("plan JSON");
    plan["placements"]
        .as_array()
        .expect("placements")
        .iter()
        .filter(|p| p["cell"] == cell)
        .map(|p| {
            (
                p["statement"].as_u64().unwrap(),
                p["destination"].as_str().unwrap().to_string(),
                p["overridden"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// `--override CELL[:LINE]=LAYER` moves a statement or a whole cell, as the app does.
#[test]
fn plan_override_moves_a_statement_or_a_cell() {
    let plain = pyarch(&["plan", TIDY, "--format", "json"]);
    assert_eq!(code(&plain), 0, "{}", stderr(&plain));
    let before = placements(&plain, 11);
    assert_eq!(before[1].1, "domain", "{before:?}");

    let one = pyarch(&[
        "plan",
        TIDY,
        "--format",
        "json",
        "--override",
        "11:2=service",
    ]);
    assert_eq!(code(&one), 0, "{}", stderr(&one));
    let after = placements(&one, 11);
    assert_eq!(after[1], (1, "service".to_string(), true), "{after:?}");
    assert_eq!(after[0].1, before[0].1, "the other statements stay");

    let whole = pyarch(&[
        "plan",
        TIDY,
        "--format",
        "json",
        "--override",
        "11=exploration",
    ]);
    assert_eq!(code(&whole), 0, "{}", stderr(&whole));
    assert!(placements(&whole, 11)
        .iter()
        .all(|(_, _, overridden)| *overridden));
}

#[test]
fn bad_overrides_are_one_line_errors() {
    for (spec, expected) in [
        ("11:99=service", "cell 11 has no statement on line 99"),
        ("77=service", "the notebook has 13 cells"),
        ("0=service", "cell 0 is not a code cell"),
        ("11=servce", "unknown layer `servce`"),
        ("eleven=domain", "not a cell number"),
        ("11", "expected CELL=LAYER"),
    ] {
        let o = pyarch(&["plan", TIDY, "--override", spec]);
        assert_eq!(code(&o), 2, "{spec}");
        let err = stderr(&o);
        assert!(err.contains(expected), "{spec}: {err}");
        assert!(
            err.lines().next().is_some_and(|l| l.starts_with("error:")),
            "{err}"
        );
    }
    let batch = pyarch(&[
        "export",
        "samples",
        "--out",
        "/nonexistent/x",
        "--override",
        "1=domain",
    ]);
    assert_eq!(code(&batch), 2);
    assert!(stderr(&batch).contains("--override apply to one notebook"));
}

/// An override the planner cannot follow is reported with why, never ignored silently.
#[test]
fn unmet_overrides_are_explained_in_the_plan() {
    let o = pyarch(&[
        "plan",
        TIDY,
        "--override",
        "4=config",
        "--override",
        "1=domain",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains(
            "note: Cell 4 line 1: asked for config, went to domain: config holds constants"
        ),
        "{text}"
    );
    assert!(text.contains("note: Cell 1 lines 1, "), "{text}");
    assert!(text.contains("imports are not moved"), "{text}");
    let followed = pyarch(&["plan", TIDY, "--override", "11:2=service"]);
    assert!(
        !stdout(&followed).contains("asked for"),
        "{}",
        stdout(&followed)
    );
}

#[test]
fn check_without_select_reports_the_default_set_without_hints() {
    let codes_and_severities = |args: &[&str]| -> Vec<(String, String)> {
        let mut all = vec!["check", "--format", "json", TITANIC, "--no-progress"];
        all.extend_from_slice(args);
        let docs = json_lines(&pyarch(&all));
        docs[0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let default = codes_and_severities(&[]);
    let all = codes_and_severities(&["--select", "ALL"]);
    assert!(!default.is_empty() && default.len() < all.len());
    for (code, severity) in &default {
        assert!(
            pyarch::rules::is_default(code),
            "{code} is not in the default set"
        );
        assert_ne!(severity, "info", "{code}: hints are left out by default");
    }
    assert!(all.iter().any(|(c, _)| !pyarch::rules::is_default(c)));
    // A rule outside the default set is reported when selected.
    let off = pyarch::rules::REGISTRY
        .iter()
        .find(|r| !r.default && all.iter().any(|(c, _)| c == r.code))
        .expect("the sample has findings of a rule outside the default set");
    assert!(codes_and_severities(&["--select", off.code])
        .iter()
        .all(|(c, _)| c == off.code));
    // `pyarch rules` marks the default set.
    let rules = stdout(&pyarch(&["rules"]));
    for rule in pyarch::rules::REGISTRY {
        let line = rules
            .lines()
            .find(|l| l.starts_with(rule.code))
            .unwrap_or_else(|| panic!("{} not listed", rule.code));
        assert_eq!(line.contains(" default "), rule.default, "{line}");
    }
    let json: Value =
        serde_json::from_str(&stdout(&pyarch(&["rules", "--format", "json"]))).unwrap();
    assert!(json
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["default"].is_boolean()));
}

// ---------------------------------------------------------------------------------------
// Linter conventions: closed pipes, folders, configuration, CI formats, report options.

fn pyarch_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pyarch"))
        .env_remove("PYARCH_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs the pyarch binary")
}

/// A project folder with pyproject.toml and copies of two samples.
fn project(pyproject: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pyproject.toml"), pyproject).unwrap();
    std::fs::create_dir_all(dir.path().join("notebooks/scratch")).unwrap();
    std::fs::copy(
        root().join(TITANIC),
        dir.path().join("notebooks/titanic.ipynb"),
    )
    .unwrap();
    std::fs::copy(
        root().join(TIDY),
        dir.path().join("notebooks/scratch/tidy.ipynb"),
    )
    .unwrap();
    dir
}

fn codes_of(o: &Output) -> std::collections::BTreeSet<String> {
    json_lines(o)
        .iter()
        .flat_map(|nb| nb["findings"].as_array().unwrap().clone())
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let commands: [&[&str]; 7] = [
        &["rules"],
        &["rules", "--format", "markdown"],
        &["rule", "PA102"],
        &["check", TITANIC, "--no-progress"],
        &["check", "--format", "sarif", TITANIC, TIDY, "--no-progress"],
        &["plan", TITANIC],
        &["--help"],
    ];
    for args in commands {
        // The read end is closed before pyarch starts, so its first write fails.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_pyarch"))
            .args(args)
            .current_dir(root())
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn symlinked_notebooks_and_folders_are_checked_and_empty_folders_warned() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let links = dir.path().join("links");
    std::fs::create_dir_all(&links).unwrap();
    symlink(root().join(TITANIC), links.join("titanic.ipynb")).unwrap();
    symlink(root().join("samples"), links.join("samples")).unwrap();
    symlink(&links, links.join("loop")).unwrap();
    let out = pyarch(&[
        "check",
        links.to_str().unwrap(),
        "--format",
        "json",
        "--no-progress",
    ]);
    let notebooks: Vec<String> = json_lines(&out)
        .iter()
        .map(|nb| nb["notebook"].as_str().unwrap().to_string())
        .collect();
    assert!(
        notebooks.iter().any(|n| n.ends_with("links/titanic.ipynb")),
        "{notebooks:?}"
    );
    assert!(
        notebooks
            .iter()
            .any(|n| n.ends_with("links/samples/tidy_pipeline.ipynb")),
        "{notebooks:?}"
    );
    assert!(notebooks.len() >= 4, "{notebooks:?}");

    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("notes.md"), "# no notebooks").unwrap();
    let out = pyarch(&["check", empty.to_str().unwrap(), "--no-progress"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let warning = stderr(&out);
    assert!(
        warning.contains("warning: no notebooks") && warning.contains(empty.to_str().unwrap()),
        "{warning}"
    );
}

#[test]
fn pyproject_configures_check_and_flags_win() {
    let dir = project(
        "[project]\nname = \"demo\"\n\n[tool.pyarch]\nselect = [\"PA1\"]\nignore = [\"PA110\"]\nfail-on = \"never\"\n\n[tool.pyarch.per-file-ignores]\n\"notebooks/scratch/*.ipynb\" = [\"PA1\"]\n",
    );
    let out = pyarch_in(
        dir.path(),
        &["check", "notebooks", "--format", "json", "--no-progress"],
    );
    assert_eq!(code(&out), 0, "fail-on = never: {}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    let titanic = lines
        .iter()
        .find(|nb| nb["notebook"].as_str().unwrap().ends_with("titanic.ipynb"))
        .unwrap();
    let codes: Vec<&str> = titanic["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(!codes.is_empty());
    assert!(
        codes.iter().all(|c| c.starts_with("PA1") && *c != "PA110"),
        "{codes:?}"
    );
    // A configured `select` reports rules outside the default set too.
    assert!(codes.contains(&"PA107"), "{codes:?}");
    let tidy = lines
        .iter()
        .find(|nb| nb["notebook"].as_str().unwrap().ends_with("tidy.ipynb"))
        .unwrap();
    assert_eq!(tidy["findings"].as_array().unwrap().len(), 0, "{tidy}");

    // --select replaces `select`; --fail-on replaces `fail-on`.
    let out = pyarch_in(
        dir.path(),
        &[
            "check",
            "notebooks/titanic.ipynb",
            "--select",
            "PA4",
            "--fail-on",
            "warning",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let codes = codes_of(&out);
    assert!(
        !codes.is_empty() && codes.iter().all(|c| c.starts_with("PA4")),
        "{codes:?}"
    );
}

#[test]
fn pyproject_sets_the_export_level_and_package() {
    let dir = project("[tool.pyarch]\nlevel = 2\npackage = \"titanic_model\"\n");
    let out = pyarch_in(
        dir.path(),
        &["plan", "notebooks/titanic.ipynb", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let plan: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["level"], 2);
    assert_eq!(plan["package"], "titanic_model");
    let out = pyarch_in(
        dir.path(),
        &[
            "plan",
            "notebooks/titanic.ipynb",
            "--format",
            "json",
            "--level",
            "3",
        ],
    );
    let plan: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["level"], 3, "the flag wins");
}

#[test]
fn bad_configuration_is_one_line_naming_the_file_and_key() {
    let dir = project("[tool.pyarch]\nselct = [\"PA1\"]\n");
    for args in [
        &["check", "notebooks"][..],
        &["plan", "notebooks/titanic.ipynb"],
    ] {
        let out = pyarch_in(dir.path(), args);
        assert_eq!(code(&out), 2, "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(
            err.contains("pyproject.toml") && err.contains("tool.pyarch.selct"),
            "{err}"
        );
    }
}

#[test]
fn github_format_is_workflow_commands() {
    let out = pyarch(&["check", "--format", "github", TITANIC, "--no-progress"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let json = pyarch(&["check", "--format", "json", TITANIC]);
    let count = json_lines(&json)[0]["findings"].as_array().unwrap().len();
    assert_eq!(lines.len(), count);
    for line in &lines {
        let (head, message) = line[2..].split_once("::").expect("::level props::message");
        let (level, props) = head.split_once(' ').unwrap();
        assert!(matches!(level, "error" | "warning" | "notice"), "{line}");
        assert!(props.starts_with("title=pyarch (PA"), "{line}");
        assert!(props.contains(&format!(",file={TITANIC},line=")), "{line}");
        assert!(message.starts_with(&format!("{TITANIC}:cell ")), "{line}");
        assert!(!message.contains('\n'));
    }
}

#[test]
fn gitlab_format_is_a_code_quality_report() {
    let out = pyarch(&[
        "check",
        "--format",
        "gitlab",
        TITANIC,
        TIDY,
        "--no-progress",
    ]);
    let issues: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("one JSON array");
    let json = pyarch(&["check", "--format", "json", TITANIC, TIDY]);
    let count: usize = json_lines(&json)
        .iter()
        .map(|nb| nb["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(issues.len(), count);
    let mut fingerprints = std::collections::HashSet::new();
    for issue in &issues {
        assert!(issue["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert!(issue["check_name"].as_str().unwrap().starts_with("PA"));
        assert!(matches!(
            issue["severity"].as_str(),
            Some("info" | "minor" | "major" | "critical" | "blocker")
        ));
        assert!(issue["location"]["path"]
            .as_str()
            .unwrap()
            .ends_with(".ipynb"));
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        let fingerprint = issue["fingerprint"].as_str().unwrap().to_string();
        assert!(fingerprints.insert(fingerprint), "duplicate fingerprint");
    }
    let again = pyarch(&[
        "check",
        "--format",
        "gitlab",
        TITANIC,
        TIDY,
        "--no-progress",
    ]);
    assert_eq!(stdout(&out), stdout(&again), "fingerprints are stable");
}

#[test]
fn streamed_sarif_is_the_same_log_as_the_library_builds() {
    let out = pyarch(&["check", "--format", "sarif", TITANIC, TIDY, "--no-progress"]);
    let runs: Vec<(String, Vec<pyarch::finding::Finding>)> = [TITANIC, TIDY]
        .iter()
        .map(|path| {
            let nb = pyarch::load::load_notebook(&root().join(path)).unwrap();
            // `check` without `--select`: the default set.
            let selection = pyarch::rules::Selection::check(Vec::new(), Vec::new());
            let analysis = pyarch::analysis::Analysis::run(nb, &selection);
            (path.to_string(), analysis.findings)
        })
        .collect();
    let expected = format!("{}\n", pyarch::report::sarif(&runs, pyarch::i18n::Lang::En));
    assert_eq!(stdout(&out), expected);
}

#[test]
fn statistics_exit_zero_and_output_file() {
    let json = pyarch(&["check", "--format", "json", TITANIC]);
    let mut expected = std::collections::BTreeMap::<String, usize>::new();
    for f in json_lines(&json)[0]["findings"].as_array().unwrap() {
        *expected
            .entry(f["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let out = pyarch(&["check", "--statistics", TITANIC]);
    let mut got = std::collections::BTreeMap::new();
    let mut previous = usize::MAX;
    for line in stdout(&out).lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "{line}");
        let count: usize = fields[0].trim().parse().unwrap();
        assert!(count <= previous, "most frequent first");
        previous = count;
        assert_eq!(
            pyarch::rules::lookup(fields[1]).map(|r| r.name),
            Some(fields[2])
        );
        got.insert(fields[1].to_string(), count);
    }
    assert_eq!(got, expected);
    assert_eq!(code(&out), 1, "statistics keep the exit status");

    let out = pyarch(&["check", "--exit-zero", TITANIC]);
    assert_eq!(code(&out), 0);
    let missing = pyarch(&["check", "--exit-zero", "samples/missing.ipynb"]);
    assert_eq!(code(&missing), 2, "an unreadable file still exits 2");

    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    let out = pyarch(&["check", TITANIC, "--output-file", report.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let written = std::fs::read_to_string(&report).unwrap();
    assert_eq!(
        written,
        stdout(&pyarch(&["check", TITANIC])),
        "the file holds what stdout would"
    );
    let copy = dir.path().join("nb.ipynb");
    std::fs::copy(root().join(TITANIC), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let out = pyarch(&[
        "check",
        copy.to_str().unwrap(),
        "--output-file",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("refusing to overwrite"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}

#[test]
fn the_pre_commit_hook_runs_pyarch_check_on_notebooks() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let field = |key: &str| {
        hooks
            .lines()
            .map(str::trim_start)
            .map(|l| l.trim_start_matches("- "))
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .unwrap_or_else(|| panic!("no `{key}` in .pre-commit-hooks.yaml"))
            .trim()
            .to_string()
    };
    assert_eq!(field("id"), "pyarch-check");
    assert_eq!(field("language"), "rust");
    assert_eq!(field("types"), "[jupyter]");
    let entry = field("entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("pyarch"));
    // pre-commit appends the staged files to the entry.
    let mut args: Vec<&str> = words.collect();
    args.extend([TIDY, TITANIC]);
    let out = pyarch(&args);
    assert_eq!(code(&out), 1, "findings fail the hook: {}", stderr(&out));
    assert!(stdout(&out).contains("PA"), "{}", stdout(&out));
}
