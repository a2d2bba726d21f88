//! `[tool.pyarch]` in `pyproject.toml`, found by walking up from each notebook as ruff
//! finds `[tool.ruff]`: the nearest `pyproject.toml` that has the table wins.
//!
//! ```toml
//! [tool.pyarch]
//! select = ["PA1", "PA4"]
//! ignore = ["PA110"]
//! fail-on = "error"
//! level = 2
//! package = "titanic"
//!
//! [tool.pyarch.per-file-ignores]
//! "explore/*.ipynb" = ["PA2"]
//! ```
//!
//! Flags win: `--select` replaces `select`, `--ignore` adds to `ignore`, and
//! `--fail-on`, `--level` and `--package` replace theirs.

use super::FailOn;
use crate::plan::{Level, NotALevel};
use crate::rules::{Selection, REGISTRY};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const FILE_NAME: &str = "pyproject.toml";

const KEYS: &str = "select, ignore, fail-on, per-file-ignores, level, package";

/// One `[tool.pyarch]` table.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The `pyproject.toml` it came from; `per-file-ignores` globs are relative to its folder.
    pub file: PathBuf,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOn>,
    pub per_file_ignores: Vec<(globset::GlobMatcher, Vec<String>)>,
    pub level: Option<Level>,
    pub package: Option<String>,
}

impl Config {
    /// The rules to run on `notebook`: configured ones, with the flags on top.
    pub fn selection(&self, notebook: &Path, select: &[String], ignore: &[String]) -> Selection {
        let select = if select.is_empty() {
            self.select.clone().unwrap_or_default()
        } else {
            select.to_vec()
        };
        let mut ignored = self.ignore.clone();
        ignored.extend(self.ignores_for(notebook));
        ignored.extend(ignore.iter().cloned());
        // No `select` anywhere: the default set (`Selection::check`).
        Selection::check(select, ignored)
    }

    /// Codes that `per-file-ignores` turns off for this notebook. A pattern matches the
    /// path relative to the configuration's folder, or the file name alone.
    fn ignores_for(&self, notebook: &Path) -> Vec<String> {
        let folder = self.file.parent().unwrap_or(Path::new(""));
        let absolute = std::path::absolute(notebook).unwrap_or_else(|_| notebook.to_path_buf());
        let relative = absolute.strip_prefix(folder).unwrap_or(&absolute);
        let name = notebook.file_name().map(Path::new);
        self.per_file_ignores
            .iter()
            .filter(|(glob, _)| glob.is_match(relative) || name.is_some_and(|n| glob.is_match(n)))
            .flat_map(|(_, codes)| codes.iter().cloned())
            .collect()
    }
}

/// Reads `[tool.pyarch]` from the text of a `pyproject.toml`; `None` when the file has
/// no such table. The error is one line naming the file and the key.
pub fn parse(file: &Path, text: &str) -> Result<Option<Config>, String> {
    let fail = |what: String| format!("{}: {what}", file.display());
    let document: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| fail(format!("invalid TOML: {}", one_line(e.message()))))?;
    let Some(table) = document
        .get("tool")
        .and_then(|tool| tool.get("pyarch"))
        .cloned()
    else {
        return Ok(None);
    };
    let toml::Value::Table(table) = table else {
        return Err(fail("`tool.pyarch` must be a table".into()));
    };
    let mut config = Config {
        file: std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()),
        ..Config::default()
    };
    for (key, value) in &table {
        read_key(&mut config, key, value).map_err(|e| fail(format!("`tool.pyarch.{key}`: {e}")))?;
    }
    Ok(Some(config))
}

fn read_key(config: &mut Config, key: &str, value: &toml::Value) -> Result<(), String> {
    match key {
        "select" => config.select = Some(codes(value)?),
        "ignore" => config.ignore = codes(value)?,
        "fail-on" => config.fail_on = Some(fail_on(value)?),
        "level" => config.level = Some(level(value)?),
        "package" => config.package = Some(package(value)?),
        "per-file-ignores" => config.per_file_ignores = per_file_ignores(value)?,
        _ => return Err(format!("unknown key (known: {KEYS})")),
    }
    Ok(())
}

fn codes(value: &toml::Value) -> Result<Vec<String>, String> {
    let items = value
        .as_array()
        .ok_or("expected a list of rule codes, like [\"PA1\", \"PA301\"]")?;
    items
        .iter()
        .map(|item| {
            let code = item.as_str().ok_or("expected rule codes as strings")?;
            if is_selector(code) {
                Ok(code.to_string())
            } else {
                Err(format!(
                    "`{code}` is not a rule code or prefix (`pyarch rules` lists them)"
                ))
            }
        })
        .collect()
}

/// `ALL`, or a code or prefix of at least one registered code (`PA`, `PA1`, `PA101`).
fn is_selector(code: &str) -> bool {
    let upper = code.to_ascii_uppercase();
    upper == "ALL"
        || (upper.starts_with("PA") && REGISTRY.iter().any(|r| r.code.starts_with(&upper)))
}

fn fail_on(value: &toml::Value) -> Result<FailOn, String> {
    match value.as_str() {
        Some("info") => Ok(FailOn::Info),
        Some("warning") => Ok(FailOn::Warning),
        Some("error") => Ok(FailOn::Error),
        Some("never") => Ok(FailOn::Never),
        _ => Err("expected one of \"info\", \"warning\", \"error\", \"never\"".into()),
    }
}

fn level(value: &toml::Value) -> Result<Level, String> {
    value
        .as_integer()
        .ok_or(NotALevel)
        .and_then(Level::try_from)
        .map_err(|e| e.to_string())
}

fn package(value: &toml::Value) -> Result<String, String> {
    let name = value.as_str().ok_or("expected a string")?;
    let valid = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if valid {
        Ok(name.to_string())
    } else {
        Err(format!("`{name}` is not a Python package name"))
    }
}

fn per_file_ignores(
    value: &toml::Value,
) -> Result<Vec<(globset::GlobMatcher, Vec<String>)>, String> {
    let table = value
        .as_table()
        .ok_or("expected a table of glob = [codes]")?;
    table
        .iter()
        .map(|(pattern, codes_value)| {
            let glob = globset::GlobBuilder::new(pattern)
                .literal_separator(false)
                .build()
                .map_err(|e| format!("bad glob `{pattern}`: {}", one_line(&e.to_string())))?;
            Ok((glob.compile_matcher(), codes(codes_value)?))
        })
        .collect()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds and caches the configuration that applies to each notebook (the edge that
/// reads `pyproject.toml` files).
#[derive(Default)]
pub struct Finder {
    by_folder: HashMap<PathBuf, Option<Arc<Config>>>,
}

impl Finder {
    /// The configuration of the nearest `pyproject.toml` with `[tool.pyarch]` above
    /// `path` (a notebook, or a folder for the current directory).
    pub fn for_path(&mut self, path: &Path) -> Result<Option<Arc<Config>>, String> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let start = if absolute.is_dir() {
            absolute.as_path()
        } else {
            absolute.parent().unwrap_or(Path::new("/"))
        };
        let mut visited = Vec::new();
        let mut found = None;
        for folder in start.ancestors() {
            if let Some(cached) = self.by_folder.get(folder) {
                found = cached.clone();
                break;
            }
            visited.push(folder.to_path_buf());
            if let Some(config) = read_config(&folder.join(FILE_NAME))? {
                found = Some(Arc::new(config));
                break;
            }
        }
        for folder in visited {
            self.by_folder.insert(folder, found.clone());
        }
        Ok(found)
    }
}

fn read_config(file: &Path) -> Result<Option<Config>, String> {
    match std::fs::read_to_string(file) {
        Ok(text) => parse(file, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) if file.is_dir() => Err(format!("{}: is a folder ({e})", file.display())),
        Err(e) => Err(format!("{}: cannot read: {e}", file.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<Option<Config>, String> {
        parse(Path::new("/project/pyproject.toml"), text)
    }

    #[test]
    fn a_file_without_the_table_has_no_config() {
        assert!(config("[tool.ruff]\nselect = [\"E\"]\n").unwrap().is_none());
        assert!(config("").unwrap().is_none());
    }

    #[test]
    fn every_key_is_read() {
        let c = config(
            r#"
[tool.pyarch]
select = ["PA1", "pa401"]
ignore = ["PA110"]
fail-on = "error"
level = 2
package = "titanic"
[tool.pyarch.per-file-ignores]
"explore/*.ipynb" = ["PA2"]
"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            c.select.as_deref(),
            Some(&["PA1".into(), "pa401".into()][..])
        );
        assert_eq!(c.ignore, ["PA110"]);
        assert_eq!(c.fail_on, Some(FailOn::Error));
        assert_eq!(c.level, Some(Level::Two));
        assert_eq!(c.package.as_deref(), Some("titanic"));
        assert_eq!(c.per_file_ignores.len(), 1);
    }

    #[test]
    fn flags_win_and_per_file_ignores_match_relative_paths_or_names() {
        let c = config(
            "[tool.pyarch]\nselect = [\"PA1\"]\nignore = [\"PA110\"]\n\
             [tool.pyarch.per-file-ignores]\n\"explore/*.ipynb\" = [\"PA101\"]\n\"scratch.ipynb\" = [\"PA102\"]\n",
        )
        .unwrap()
        .unwrap();
        let s = c.selection(Path::new("/project/explore/a.ipynb"), &[], &[]);
        assert_eq!(s.select, ["PA1"]);
        assert_eq!(s.ignore, ["PA110", "PA101"]);
        let s = c.selection(
            Path::new("/project/deep/scratch.ipynb"),
            &["PA4".into()],
            &["PA403".into()],
        );
        assert_eq!(s.select, ["PA4"]);
        assert_eq!(s.ignore, ["PA110", "PA102", "PA403"]);
        let s = c.selection(Path::new("/project/other.ipynb"), &[], &[]);
        assert_eq!(s.ignore, ["PA110"]);
    }

    #[test]
    fn bad_configuration_is_one_line_naming_the_file_and_the_key() {
        let cases = [
            (
                "[tool.pyarch]\nselct = [\"PA1\"]\n",
                "`tool.pyarch.selct`: unknown key",
            ),
            (
                "[tool.pyarch]\nselect = \"PA1\"\n",
                "`tool.pyarch.select`: expected a list",
            ),
            (
                "[tool.pyarch]\nignore = [\"E501\"]\n",
                "`tool.pyarch.ignore`: `E501` is not a rule code",
            ),
            (
                "[tool.pyarch]\nfail-on = \"loud\"\n",
                "`tool.pyarch.fail-on`: expected one of",
            ),
            (
                "[tool.pyarch]\nlevel = 4\n",
                "`tool.pyarch.level`: expected 1, 2 or 3",
            ),
            (
                "[tool.pyarch]\npackage = \"my-pkg\"\n",
                "`tool.pyarch.package`: `my-pkg` is not",
            ),
            (
                "[tool.pyarch.per-file-ignores]\n\"a[\" = [\"PA1\"]\n",
                "`tool.pyarch.per-file-ignores`: bad glob",
            ),
            ("[tool]\npyarch = 3\n", "`tool.pyarch` must be a table"),
            ("[tool.pyarch\n", "invalid TOML"),
        ];
        for (text, expected) in cases {
            let error = config(text).unwrap_err();
            assert!(error.starts_with("/project/pyproject.toml: "), "{error}");
            assert!(error.contains(expected), "{text:?} gave {error}");
            assert!(!error.contains('\n'), "{error}");
        }
    }

    #[test]
    fn the_nearest_file_with_the_table_wins() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join(FILE_NAME), "[tool.pyarch]\nlevel = 3\n").unwrap();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/pyproject.toml"), "[project]\nname = \"x\"\n").unwrap();
        std::fs::create_dir_all(root.join("c")).unwrap();
        std::fs::write(root.join("c/pyproject.toml"), "[tool.pyarch]\nlevel = 2\n").unwrap();
        let mut finder = Finder::default();
        let level = |finder: &mut Finder, p: &str| {
            finder
                .for_path(&root.join(p))
                .unwrap()
                .and_then(|c| c.level)
        };
        assert_eq!(level(&mut finder, "a/b/nb.ipynb"), Some(Level::Three));
        assert_eq!(level(&mut finder, "a/nb.ipynb"), Some(Level::Three));
        assert_eq!(level(&mut finder, "c/nb.ipynb"), Some(Level::Two));
        assert_eq!(level(&mut finder, "nb.ipynb"), Some(Level::Three));
    }
}
