//! English and Korean: the message files agree (same ids, same placeholders, no
//! id left unused), and the command line speaks the language it is asked for while
//! machine formats stay English unless `--lang` is given.

use pyarch::i18n::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every message of one language: id → the placeholders it shows (`{ $name }`).
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    variables(lang, true)
}

/// Every message of one language: id → its variables, only those it shows when
/// `shown_only`, else also those that only choose a variant (`{ $count -> …}`).
fn variables(lang: Lang, shown_only: bool) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (file, text) in lang.sources() {
        let mut current: Option<String> = None;
        for line in text.lines() {
            let starts_message = line
                .split_once(" =")
                .filter(|(id, _)| {
                    !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                })
                .map(|(id, _)| id.to_string());
            if let Some(id) = starts_message {
                assert!(
                    out.insert(id.clone(), BTreeSet::new()).is_none(),
                    "{lang}/{file}: `{id}` is defined twice"
                );
                current = Some(id);
            } else if line.starts_with('#') || line.trim().is_empty() {
                if !line.starts_with(' ') {
                    current = current.filter(|_| line.trim().is_empty());
                }
                continue;
            }
            if let Some(id) = &current {
                let placeholders = out.get_mut(id).expect("inserted above");
                for part in line.split("{ $").skip(1) {
                    let name: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    // `{ $count -> …}` only chooses a plural form, which Korean has
                    // no need of; what a sentence shows is `{ $name }`.
                    if !shown_only || part[name.len()..].starts_with(" }") {
                        placeholders.insert(name);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_id_has_both_languages_with_the_same_placeholders() {
    let en = messages(Lang::En);
    let ko = messages(Lang::Ko);
    assert!(en.len() > 100, "only {} English messages", en.len());
    let only_en: Vec<&String> = en.keys().filter(|k| !ko.contains_key(*k)).collect();
    let only_ko: Vec<&String> = ko.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "ids without Korean: {only_en:?}");
    assert!(only_ko.is_empty(), "ids without English: {only_ko:?}");
    let differ: Vec<String> = en
        .iter()
        .filter(|(id, names)| ko[*id] != **names)
        .map(|(id, names)| format!("{id}: en {names:?}, ko {:?}", ko[id]))
        .collect();
    assert!(
        differ.is_empty(),
        "placeholders differ:\n{}",
        differ.join("\n")
    );
}

#[test]
fn the_message_files_parse_and_every_message_renders() {
    for lang in Lang::ALL {
        let problems = pyarch::i18n::file_problems(lang);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        for (id, names) in variables(lang, false) {
            let id: &'static str = Box::leak(id.into_boxed_str());
            let mut message = pyarch::i18n::Message::new(id);
            for name in names {
                message = message.arg(Box::leak(name.into_boxed_str()), 2usize);
            }
            assert_ne!(message.render(lang), id, "{lang}: `{id}` renders as its id");
        }
    }
}

/// Rust and Python sources that may name a message id.
fn sources() -> String {
    let mut text = String::new();
    let mut stack = vec![root().join("src"), root().join("crates/pyarch-core/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                text.push_str(&std::fs::read_to_string(&path).expect("source file"));
            }
        }
    }
    text
}

/// Ids the code builds at run time from a machine name: `role-load`, `cli-check-about`.
fn built_at_run_time(id: &str) -> bool {
    let enum_words = [
        "role-",
        "severity-",
        "destination-",
        "export-role-",
        "app-kind-",
    ];
    enum_words.iter().any(|p| id.starts_with(p)) || is_cli_help(id)
}

/// `cli-about`, `cli-check-arg-select`: help texts `localized_command` looks up; the
/// test below checks each belongs to a real command or argument.
fn is_cli_help(id: &str) -> bool {
    id.starts_with("cli-")
        && (id.ends_with("-about") || id.ends_with("-long-about") || id.contains("-arg-"))
}

#[test]
fn every_id_is_used() {
    let code = sources();
    let used = |id: &str| {
        code.contains(&format!("\"{id}\""))
            || id
                .strip_prefix("export-")
                .is_some_and(|mark| code.contains(&format!("⟪{mark}⟫")))
    };
    let unused: Vec<String> = messages(Lang::En)
        .into_keys()
        .filter(|id| !built_at_run_time(id) && !used(id))
        .collect();
    assert!(unused.is_empty(), "ids no code uses: {unused:?}");
}

#[test]
fn english_help_is_the_doc_comments_and_every_help_id_is_an_argument() {
    use clap::CommandFactory;
    let derived = pyarch::cli::Cli::command();
    let localized = pyarch::cli::localized_command(Lang::En);
    let mut seen = BTreeSet::new();
    let mut compare = |prefix: String, plain: &clap::Command, ours: &clap::Command| {
        assert_eq!(
            plain.get_about().map(|a| a.to_string()),
            ours.get_about().map(|a| a.to_string()),
            "{prefix}-about"
        );
        seen.insert(format!("{prefix}-about"));
        if let Some(long) = plain.get_long_about() {
            let mine = ours.get_long_about().map(|a| a.to_string());
            assert_eq!(Some(long.to_string()), mine, "{prefix}-long-about");
            seen.insert(format!("{prefix}-long-about"));
        }
        for arg in plain.get_arguments() {
            let Some(help) = arg.get_help() else { continue };
            let id = arg.get_id().as_str();
            let mine = ours
                .get_arguments()
                .find(|a| a.get_id() == id)
                .and_then(|a| a.get_help())
                .map(|h| h.to_string());
            assert_eq!(Some(help.to_string()), mine, "{prefix}-arg-{id}");
            seen.insert(format!("{prefix}-arg-{id}"));
        }
    };
    compare("cli".into(), &derived, &localized);
    for plain in derived.get_subcommands() {
        let ours = localized
            .find_subcommand(plain.get_name())
            .expect("same subcommands");
        compare(format!("cli-{}", plain.get_name()), plain, ours);
    }
    let stale: Vec<String> = messages(Lang::En)
        .into_keys()
        .filter(|id| is_cli_help(id) && !seen.contains(id))
        .filter(|id| !["cli-arg-help", "cli-arg-version"].contains(&id.as_str()))
        .collect();
    assert!(stale.is_empty(), "help ids with no argument: {stale:?}");
}

/// `pyarch` with exactly these locale variables set.
fn pyarch_with(env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pyarch"));
    command
        .args(args)
        .current_dir(root())
        .env_remove("PYARCH_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("runs the pyarch binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

use crate::common::hangul;

const SAMPLE: &str = "samples/titanic_messy.ipynb";

#[test]
fn check_speaks_korean_when_asked_and_english_under_the_c_locale() {
    let korean = pyarch_with(&[], &["check", "--lang", "ko", SAMPLE]);
    let out = text(&korean.stdout);
    assert!(out.lines().count() > 5, "{out}");
    let last = out.lines().last().unwrap_or_default();
    assert!(last.contains("노트북 1개에서"), "{last}");
    for finding in out.lines().filter(|l| l.contains(": PA")) {
        assert!(hangul(finding) > 10, "not Korean: {finding}");
        assert!(
            finding.starts_with("samples/titanic_messy.ipynb:cell "),
            "{finding}"
        );
    }

    let english = pyarch_with(&[("LANG", "C")], &["check", SAMPLE]);
    let out = text(&english.stdout);
    assert_eq!(hangul(&out), 0, "{out}");
    assert!(
        out.lines().last().unwrap_or_default().starts_with("Found "),
        "{out}"
    );
}

#[test]
fn the_locale_and_pyarch_lang_choose_the_language() {
    let by_locale = pyarch_with(&[("LANG", "ko_KR.UTF-8")], &["rule", "PA101"]);
    assert!(
        hangul(&text(&by_locale.stdout)) > 5,
        "{}",
        text(&by_locale.stdout)
    );
    let c = pyarch_with(&[("LANG", "C")], &["rule", "PA101"]);
    assert_eq!(hangul(&text(&c.stdout)), 0);
    // PYARCH_LANG wins over the locale, and --lang over both.
    let env = [("LANG", "ko_KR.UTF-8"), ("PYARCH_LANG", "en")];
    assert_eq!(
        hangul(&text(&pyarch_with(&env, &["rule", "PA101"]).stdout)),
        0
    );
    let flag = pyarch_with(&env, &["rule", "PA101", "--lang", "ko"]);
    assert!(hangul(&text(&flag.stdout)) > 5);
    let help = pyarch_with(&[("LC_ALL", "ko_KR.UTF-8")], &["--help"]);
    assert!(
        text(&help.stdout).contains("사용법: pyarch"),
        "{}",
        text(&help.stdout)
    );
    let bad = pyarch_with(&[], &["--lang", "fr", "rules"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("en or ko"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn json_and_sarif_do_not_follow_the_locale_unless_lang_is_given() {
    for format in ["json", "sarif", "gitlab"] {
        let args = ["check", "--exit-zero", "--format", format, SAMPLE];
        let c = pyarch_with(&[("LANG", "C")], &args);
        let ko = pyarch_with(&[("LANG", "ko_KR.UTF-8"), ("LC_ALL", "ko_KR.UTF-8")], &args);
        assert!(!c.stdout.is_empty());
        assert_eq!(c.stdout, ko.stdout, "{format} changed with the locale");
        let mut asked = args.to_vec();
        asked.extend(["--lang", "ko"]);
        let asked = pyarch_with(&[("LANG", "C")], &asked);
        assert!(
            hangul(&text(&asked.stdout)) > 10,
            "{format} --lang ko is not Korean"
        );
        assert_eq!(
            text(&asked.stdout).matches("\"PA1").count(),
            text(&c.stdout).matches("\"PA1").count(),
            "{format}: codes are the same in every language"
        );
    }
}

#[test]
fn every_finding_on_the_samples_renders_in_korean() {
    for sample in [
        "titanic_messy.ipynb",
        "model_serving.ipynb",
        "tidy_pipeline.ipynb",
    ] {
        let path = root().join("samples").join(sample);
        let notebook = pyarch::load::load_notebook(&path).expect("sample loads");
        let analysis =
            pyarch::analysis::Analysis::run(notebook, &pyarch::rules::Selection::default());
        for f in &analysis.findings {
            let related = f.related.iter().map(|r| &r.message);
            for message in [&f.message, &f.suggestion].into_iter().chain(related) {
                let ko = message.render(Lang::Ko);
                assert!(hangul(&ko) > 0, "{sample} {}: {ko}", f.code);
                assert!(!ko.contains("{ $"), "{sample} {}: {ko}", f.code);
            }
        }
    }
}

/// Findings of the PA3xx, PA4xx and PA9xx families in Korean name the same cells,
/// lines and code as in English; a leak's related places are Korean too.
#[test]
fn pa3_pa4_pa9_findings_in_korean_keep_their_names_and_places() {
    let path = root().join("samples/titanic_messy.ipynb");
    let notebook = pyarch::load::load_notebook(&path).expect("sample loads");
    let analysis = pyarch::analysis::Analysis::run(notebook, &pyarch::rules::Selection::default());
    let find = |code: &str| {
        analysis
            .findings
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("no {code} on the sample"))
    };
    // PA401 in cell 15: the statistic, the split and the fit, by cell and line.
    let leak = analysis
        .findings
        .iter()
        .find(|f| f.code == "PA401" && f.cell == Some(15))
        .expect("the sample's PA401 in cell 15");
    let ko = leak.message.render(Lang::Ko);
    assert!(
        ko.starts_with("`scaler.fit_transform(X)`이(가) 검증 행까지 포함한 행으로 학습합니다"),
        "{ko}"
    );
    assert!(ko.contains("셀 15, 13행 (`train_test_split("), "{ko}");
    assert!(
        ko.contains("셀 15, 15행 (`rf.fit(X_train, y_train)`)"),
        "{ko}"
    );
    assert!(!leak.related.is_empty());
    for r in &leak.related {
        let (en, ko) = (r.message.render(Lang::En), r.message.render(Lang::Ko));
        assert!(hangul(&ko) > 0 && hangul(&en) == 0, "{en} / {ko}");
    }
    // PA301: the path itself and where it only exists.
    let path_finding = find("PA301");
    let ko = path_finding.message.render(Lang::Ko);
    assert!(
        ko.contains("`/kaggle/input/titanic/`") && ko.contains("캐글"),
        "{ko}"
    );
    // PA403: the call and its missing keyword.
    let ko = find("PA403").message.render(Lang::Ko);
    assert!(ko.contains("`random_state`") && hangul(&ko) > 10, "{ko}");
    // PA902 on a Python 2 cell: the parser's words stay as they are, the rest is Korean.
    let py2 = pyarch::notebook::script::parse_script("# %%\nprint \"accuracy\", acc\n");
    let analysis = pyarch::analysis::Analysis::run(py2, &pyarch::rules::Selection::default());
    let syntax = analysis
        .findings
        .iter()
        .find(|f| f.code == "PA902")
        .expect("PA902");
    let ko = syntax.message.render(Lang::Ko);
    assert!(
        ko.starts_with("셀이 파싱되지 않습니다(파이썬 2 문법): "),
        "{ko}"
    );
    assert!(syntax.suggestion.render(Lang::Ko).contains("`2to3`"));
}

/// The prose of an exported file that a person reads: docstrings and comments of the
/// Python files, and the README's sentences (not its code, tables of names or lists of
/// paths).
fn prose(path: &str, contents: &str) -> Vec<String> {
    let mut out = Vec::new();
    if path.ends_with(".md") {
        let mut in_code = false;
        for line in contents.lines() {
            if line.starts_with("```") {
                in_code = !in_code;
            } else if !in_code && !line.starts_with("- `") && !line.starts_with('|') {
                out.push(line.to_string());
            }
        }
        return out;
    }
    if !path.ends_with(".py") {
        return out;
    }
    for (i, part) in contents.split("\"\"\"").enumerate() {
        if i % 2 == 1 {
            out.push(part.to_string());
        } else {
            out.extend(
                part.lines()
                    .filter_map(|l| l.split_once("# ").map(|(_, c)| c.to_string())),
            );
        }
    }
    out
}

/// Words of English prose in `text`: runs of ASCII letters outside backquotes that are
/// not names (no `_`, `.`, `(`, `/` or `=` next to them).
fn english_words(text: &str) -> usize {
    let mut outside = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            outside.push_str(part);
            outside.push(' ');
        }
    }
    outside
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| ",;:.()!?'\"".contains(c));
            w.len() > 2 && w.chars().all(|c| c.is_ascii_alphabetic())
        })
        .count()
}

#[test]
fn the_exported_package_speaks_korean_with_lang_ko() {
    use pyarch::plan::{self, PlanOptions};
    for sample in ["titanic_messy", "model_serving", "tidy_pipeline"] {
        let path = root().join("samples").join(format!("{sample}.ipynb"));
        let notebook = pyarch::load::load_notebook(&path).expect("sample loads");
        // Comments the notebook itself holds travel with its code, in its language.
        let notebook_text: String = notebook.cells.iter().map(|c| c.source.as_str()).collect();
        let analysis =
            pyarch::analysis::Analysis::run(notebook, &pyarch::rules::Selection::default());
        for level in 1..=3u8 {
            let options = PlanOptions {
                level: level.try_into().expect("level"),
                package: sample.into(),
                overrides: Vec::new(),
                lang: Lang::Ko,
            };
            let files = plan::render(&plan::plan(&analysis, &options), &analysis);
            for file in &files {
                if file.path.ends_with(".py") {
                    assert!(
                        pyarch::syntax::parses_as_module(&file.contents),
                        "{sample} level {level}: {} does not parse",
                        file.path
                    );
                }
                for text in prose(&file.path, &file.contents) {
                    let first = text.lines().next().unwrap_or_default().trim();
                    if english_words(&text) >= 3
                        && hangul(&text) == 0
                        && !notebook_text.contains(first)
                    {
                        panic!(
                            "{sample} level {level} {}: English prose: {text}",
                            file.path
                        );
                    }
                }
            }
        }
    }
}
