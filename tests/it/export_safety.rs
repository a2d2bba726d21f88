//! Export safety: `pyarch::export::write_export` and the `pyarch export` command.
//!
//! - a target that is a file, a symbolic link, read-only, non-empty without `--force`, or
//!   on a full disk gives a clear one-line error and leaves nothing half-written (no
//!   temporary folders beside the target, the target as it was);
//! - nothing is written outside the target, even with hostile notebook file names,
//!   `--package` values, headings and rendered paths.
//!
//! Permissions do not bite root: when the tests run as root, the read-only cases run the
//! command as `nobody` through `setpriv` when it exists, and are skipped with a note
//! otherwise. The full-disk case mounts a 64 KiB tmpfs, and is skipped with a note when
//! mounting is not allowed.

use pyarch::analysis::Analysis;
use pyarch::export::{write_export, ExportError};
use pyarch::notebook::read::parse_ipynb;
use pyarch::plan::{plan, render, PlanOptions, RenderedFile};
use pyarch::rules::Selection;
use serde_json::json;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_pyarch");

// ---------------------------------------------------------------------------------------
// Helpers

fn notebook_bytes(headings: &[&str]) -> Vec<u8> {
    let mut cells = vec![
        json!({"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
               "source": "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\nDATA = 'data/train.csv'\n"}),
    ];
    for (i, h) in headings.iter().enumerate() {
        cells.push(json!({"cell_type": "markdown", "metadata": {}, "source": format!("# {h}")}));
        cells.push(json!({"cell_type": "code", "metadata": {}, "execution_count": i + 2, "outputs": [],
               "source": format!("df{i} = pd.read_csv(DATA)\ndf{i} = df{i}.dropna()\nmodel{i} = LogisticRegression()\nmodel{i}.fit(df{i}[['a']], df{i}['y'])\ndf{i}.to_csv('out{i}.csv')\n")}));
    }
    serde_json::to_vec_pretty(&json!({"nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"language": "python"}}, "cells": cells}))
    .unwrap()
}

fn rendered(package: &str, headings: &[&str]) -> Vec<RenderedFile> {
    let nb = parse_ipynb(&notebook_bytes(headings)).unwrap();
    let analysis = Analysis::run(nb, &Selection::default());
    let options = PlanOptions {
        package: package.to_string(),
        ..PlanOptions::default()
    };
    render(&plan(&analysis, &options), &analysis)
}

/// Every path under `root` (relative), with file contents, symlinks as such.
fn snapshot(root: &Path) -> BTreeSet<(PathBuf, Vec<u8>)> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert((rel, format!("-> {}", target.display()).into_bytes()));
            } else if meta.is_dir() {
                out.insert((rel, b"/".to_vec()));
                stack.push(path);
            } else {
                out.insert((rel, std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    out
}

/// Nothing but `allowed` (and what is under it) changed in `root`.
fn only_changed_under(root: &Path, before: &BTreeSet<(PathBuf, Vec<u8>)>, allowed: Option<&Path>) {
    let after = snapshot(root);
    let outside = |set: &BTreeSet<(PathBuf, Vec<u8>)>| -> BTreeSet<(PathBuf, Vec<u8>)> {
        set.iter()
            .filter(|(p, _)| allowed.is_none_or(|a| !p.starts_with(a)))
            .cloned()
            .collect()
    };
    let (b, a) = (outside(before), outside(&after));
    let added: Vec<_> = a
        .difference(&b)
        .map(|(p, _)| p.display().to_string())
        .collect();
    let removed: Vec<_> = b
        .difference(&a)
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(
        added.is_empty() && removed.is_empty(),
        "changed outside the target: added {added:?}, removed {removed:?}"
    );
}

fn no_leftovers(parent: &Path) {
    let left: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.to_string().starts_with(".pyarch-"))
        .collect();
    assert!(
        left.is_empty(),
        "temporary folders left beside the target: {left:?}"
    );
}

fn one_line(message: &str) {
    let m = message.trim_end_matches('\n');
    assert!(!m.is_empty(), "no error message");
    assert!(!m.contains('\n'), "the error is not one line: {m:?}");
    assert!(m.len() < 300, "the error is long: {m:?}");
}

fn export_cli(notebook: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(BIN)
        .arg("export")
        .arg(notebook)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("run pyarch")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn is_root() -> bool {
    // Root can create a file in a folder without write permission; nobody else can.
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    set_mode(&ro, 0o555);
    let bites = std::fs::write(ro.join("probe"), b"").is_err();
    set_mode(&ro, 0o755);
    !bites
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

// ---------------------------------------------------------------------------------------
// Refused targets

#[test]
fn target_that_is_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out");
    std::fs::write(&target, b"precious").unwrap();
    let before = snapshot(dir.path());
    for force in [false, true] {
        let e = write_export(&rendered("pkg", &[]), &target, force).unwrap_err();
        assert!(matches!(e, ExportError::NotADirectory(_)), "{e:?}");
        one_line(&e.to_string());
        only_changed_under(dir.path(), &before, None);
        no_leftovers(dir.path());
    }
    let nb = dir.path().join("nb.ipynb");
    std::fs::write(&nb, notebook_bytes(&["Load"])).unwrap();
    let before = snapshot(dir.path());
    let o = export_cli(&nb, &target, &["--force"]);
    assert_eq!(o.status.code(), Some(2));
    one_line(&stderr(&o));
    assert!(stderr(&o).contains("is a file"), "{}", stderr(&o));
    only_changed_under(dir.path(), &before, None);
    no_leftovers(dir.path());
}

#[test]
fn target_that_is_a_symlink_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let cases = [
        (
            "link to an empty folder",
            dir.path().join("link"),
            real.clone(),
        ),
        (
            "dangling link",
            dir.path().join("dangling"),
            dir.path().join("nowhere"),
        ),
        (
            "link to a file",
            dir.path().join("to_file"),
            dir.path().join("file"),
        ),
    ];
    std::fs::write(dir.path().join("file"), b"x").unwrap();
    let nb = dir.path().join("nb.ipynb");
    std::fs::write(&nb, notebook_bytes(&["Load"])).unwrap();
    for (name, link, to) in &cases {
        std::os::unix::fs::symlink(to, link).unwrap();
        let before = snapshot(dir.path());
        for force in [false, true] {
            let e = write_export(&rendered("pkg", &[]), link, force).unwrap_err();
            assert!(matches!(e, ExportError::Symlink(_)), "{name}: {e:?}");
            one_line(&e.to_string());
        }
        let o = export_cli(&nb, link, &["--force"]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        one_line(&stderr(&o));
        assert!(
            stderr(&o).contains("symbolic link"),
            "{name}: {}",
            stderr(&o)
        );
        only_changed_under(dir.path(), &before, None);
        no_leftovers(dir.path());
    }
}

#[test]
fn non_empty_target_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out");
    std::fs::create_dir_all(target.join("keep")).unwrap();
    std::fs::write(target.join("keep/notes.txt"), b"mine").unwrap();
    let nb = dir.path().join("nb.ipynb");
    std::fs::write(&nb, notebook_bytes(&["Load"])).unwrap();
    let before = snapshot(dir.path());

    let e = write_export(&rendered("pkg", &[]), &target, false).unwrap_err();
    assert!(matches!(e, ExportError::NotEmpty(_)), "{e:?}");
    one_line(&e.to_string());
    let o = export_cli(&nb, &target, &[]);
    assert_eq!(o.status.code(), Some(2));
    one_line(&stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    only_changed_under(dir.path(), &before, None);
    no_leftovers(dir.path());

    // With --force the folder is replaced as a whole, and nothing is left beside it.
    let o = export_cli(&nb, &target, &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!target.join("keep").exists());
    assert!(target.join("pyproject.toml").exists() || target.join("src").is_dir());
    only_changed_under(dir.path(), &before, Some(Path::new("out")));
    no_leftovers(dir.path());

    // An empty existing folder needs no --force.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let s = write_export(&rendered("pkg", &[]), &empty, false).unwrap();
    assert!(!s.replaced);
    no_leftovers(dir.path());
}

/// Runs `pyarch export` where permissions bite: directly when not root, as `nobody`
/// through `setpriv` when root; `None` (skipped with a note) when neither is possible.
fn export_unprivileged(nb: &Path, out: &Path, extra: &[&str]) -> Option<Output> {
    if !is_root() {
        return Some(export_cli(nb, out, extra));
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        return None;
    }
    let o = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            BIN,
            "export",
        ])
        .arg(nb)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("run pyarch as nobody");
    Some(o)
}

enum ReadOnly {
    /// The parent folder is read-only; the target does not exist.
    Parent,
    /// The target folder is read-only, with a file in it or empty.
    Target { with_file: bool },
}

/// A read-only location gives a one-line error containing `expected`, and nothing
/// changes anywhere.
fn read_only_case(name: &str, case: ReadOnly, extra: &[&str], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    set_mode(dir.path(), 0o777);
    let nb = dir.path().join("nb.ipynb");
    std::fs::write(&nb, notebook_bytes(&["Load"])).unwrap();
    set_mode(&nb, 0o644);
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let out = match case {
        ReadOnly::Parent => ro.join("out"),
        ReadOnly::Target { with_file } => {
            if with_file {
                std::fs::write(ro.join("old.txt"), b"old").unwrap();
            }
            ro.clone()
        }
    };
    set_mode(&ro, 0o555);
    let before = snapshot(dir.path());
    let result = export_unprivileged(&nb, &out, extra);
    let after = snapshot(dir.path());
    set_mode(&ro, 0o755);
    let Some(o) = result else {
        eprintln!("note: {name}: skipped (root, and no setpriv to drop privileges: permissions do not bite)");
        return;
    };
    if is_root() {
        eprintln!("note: {name}: running as root, so the command ran as `nobody` through setpriv");
    }
    eprintln!(
        "{name}: exit {:?}: {}",
        o.status.code(),
        stderr(&o).trim_end()
    );
    assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
    one_line(&stderr(&o));
    assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
    let changed: Vec<_> = after
        .symmetric_difference(&before)
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(changed.is_empty(), "{name}: changed {changed:?}");
}

#[test]
fn read_only_parent_is_an_error() {
    read_only_case(
        "read-only parent",
        ReadOnly::Parent,
        &[],
        "permission denied",
    );
}

#[test]
fn read_only_non_empty_target_without_force_is_an_error() {
    read_only_case(
        "read-only target",
        ReadOnly::Target { with_file: true },
        &[],
        "not empty",
    );
}

/// Fails today: with a writable parent, the read-only folder is renamed aside and
/// replaced (exit 0), and the old folder, which the user cannot delete, is left beside it
/// as `.pyarch-old-*`.
#[test]
fn read_only_target_with_force_is_an_error() {
    read_only_case(
        "read-only target, --force",
        ReadOnly::Target { with_file: true },
        &["--force"],
        "permission denied",
    );
}

/// Fails today, like `read_only_target_with_force_is_an_error` (an empty folder needs no
/// `--force`).
#[test]
fn read_only_empty_target_is_an_error() {
    read_only_case(
        "read-only empty target",
        ReadOnly::Target { with_file: false },
        &[],
        "permission denied",
    );
}

#[test]
fn full_disk_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("tiny");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("note: full disk: skipped (cannot mount a tmpfs here)");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&mnt);
    // A notebook whose export is larger than the disk.
    let headings: Vec<String> = (0..400)
        .map(|i| format!("Step {i} {}", "x".repeat(200)))
        .collect();
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    let files = rendered("big", &headings);
    let size: usize = files.iter().map(|f| f.contents.len()).sum();
    assert!(size > 64 * 1024, "the export is only {size} bytes");
    let target = mnt.join("out");
    let e = write_export(&files, &target, false).unwrap_err();
    one_line(&e.to_string());
    eprintln!("full disk: {e}");
    assert!(matches!(e, ExportError::Io { .. }), "{e:?}");
    assert!(!target.exists(), "a half-written target was left");
    no_leftovers(&mnt);
    // The same through the command line.
    let nb = dir.path().join("big.ipynb");
    std::fs::write(&nb, notebook_bytes(&headings)).unwrap();
    let o = export_cli(&nb, &target, &[]);
    assert_eq!(o.status.code(), Some(2));
    one_line(&stderr(&o));
    assert!(!target.exists());
    no_leftovers(&mnt);
    // A non-empty target on the full disk is kept as it was (--force).
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("old.txt"), b"old").unwrap();
    let e = write_export(&files, &target, true).unwrap_err();
    one_line(&e.to_string());
    assert_eq!(std::fs::read(target.join("old.txt")).unwrap(), b"old");
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 1);
    no_leftovers(&mnt);
}

// ---------------------------------------------------------------------------------------
// Nothing outside the target

const HOSTILE: &[&str] = &[
    "../../etc",
    "/abs",
    "/etc/passwd",
    "..",
    ".",
    "",
    "a\\..\\..\\b",
    "..\\..\\x",
    "nul\u{0}byte",
    "C:\\Windows",
    "con",
    "-rf",
    "~",
    "$HOME",
    "pkg/../../x",
    "데이터",
    "\u{202E}gpj.exe",
    "new\nline",
    "__init__",
    "import",
];

#[test]
fn hostile_package_names_and_headings_stay_inside() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = dir.path().join("sandbox");
    std::fs::create_dir(&sandbox).unwrap();
    for (i, hostile) in HOSTILE.iter().enumerate() {
        let files = rendered(hostile, HOSTILE);
        for f in &files {
            assert!(
                pyarch::export::check_relative(&f.path).is_ok(),
                "{hostile:?}: unsafe path {:?}",
                f.path
            );
            assert!(!f.path.contains(".."), "{hostile:?}: {:?}", f.path);
        }
        let before = snapshot(dir.path());
        let target = sandbox.join(format!("out{i}"));
        write_export(&files, &target, false).unwrap_or_else(|e| panic!("{hostile:?}: {e}"));
        only_changed_under(
            dir.path(),
            &before,
            Some(&Path::new("sandbox").join(format!("out{i}"))),
        );
        no_leftovers(&sandbox);
    }
}

/// Hostile notebook file names and `--package` values through the command line: the
/// package name comes from the file stem.
#[test]
fn hostile_file_names_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = dir.path().join("a/b/sandbox");
    std::fs::create_dir_all(&sandbox).unwrap();
    let stems = [
        "..",
        "...",
        "a\\..\\..\\etc",
        "-rf",
        "new\nline",
        "$(touch pwned)",
        "데이터",
        " ",
        "etc.passwd",
    ];
    for (i, stem) in stems.iter().enumerate() {
        let nb = sandbox.join(format!("{stem}.ipynb"));
        std::fs::write(&nb, notebook_bytes(HOSTILE)).unwrap();
        let before = snapshot(dir.path());
        let target = sandbox.join(format!("out{i}"));
        let o = export_cli(&nb, &target, &[]);
        assert!(o.status.success(), "{stem:?}: {}", stderr(&o));
        let allowed = Path::new("a/b/sandbox").join(format!("out{i}"));
        only_changed_under(dir.path(), &before, Some(&allowed));
        no_leftovers(&sandbox);
        std::fs::remove_file(&nb).unwrap();
    }
    let nb = sandbox.join("nb.ipynb");
    std::fs::write(&nb, notebook_bytes(&["Load"])).unwrap();
    for (i, package) in HOSTILE.iter().filter(|p| !p.contains('\0')).enumerate() {
        let before = snapshot(dir.path());
        let target = sandbox.join(format!("pkg{i}"));
        let o = export_cli(&nb, &target, &[&format!("--package={package}")]);
        assert!(o.status.success(), "{package:?}: {}", stderr(&o));
        let allowed = Path::new("a/b/sandbox").join(format!("pkg{i}"));
        only_changed_under(dir.path(), &before, Some(&allowed));
        no_leftovers(&sandbox);
    }
}

#[test]
fn unsafe_rendered_paths_are_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out");
    let before = snapshot(dir.path());
    let bad = [
        "../escape.py",
        "/tmp/abs.py",
        "a/../../escape.py",
        "a\\..\\escape.py",
        "nul\0.py",
        "",
        "a//b.py",
        "./a.py",
        "a/./b.py",
        "C:/x.py",
    ];
    for path in bad {
        let files = vec![
            RenderedFile {
                path: "ok.py".into(),
                contents: "x = 1\n".into(),
            },
            RenderedFile {
                path: path.into(),
                contents: "pwned = True\n".into(),
            },
        ];
        let e = write_export(&files, &target, false).unwrap_err();
        assert!(
            matches!(e, ExportError::UnsafePath { .. }),
            "{path:?}: {e:?}"
        );
        one_line(&e.to_string().replace('\0', "\\0"));
        assert!(!target.exists(), "{path:?}: the target was created");
        only_changed_under(dir.path(), &before, None);
        no_leftovers(dir.path());
    }
    // The same path twice, and a file that is also a folder.
    for files in [
        vec![("a.py", "1"), ("a.py", "2")],
        vec![("a", "1"), ("a/b.py", "2")],
    ] {
        let files: Vec<RenderedFile> = files
            .into_iter()
            .map(|(p, c)| RenderedFile {
                path: p.into(),
                contents: c.into(),
            })
            .collect();
        let e = write_export(&files, &target, false).unwrap_err();
        assert!(matches!(e, ExportError::UnsafePath { .. }), "{e:?}");
        assert!(!target.exists());
        no_leftovers(dir.path());
    }
}

/// The target must not swallow the notebook it was exported from (`--out` being the
/// notebook's own folder or one of its ancestors).
#[test]
fn target_containing_the_notebook() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir(&project).unwrap();
    let nb = project.join("nb.ipynb");
    std::fs::write(&nb, notebook_bytes(&["Load"])).unwrap();
    let o = export_cli(&nb, &project, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    one_line(&stderr(&o));
    assert!(nb.exists());
    // Even with --force: replacing the folder would delete the notebook.
    let o = export_cli(&nb, &project, &["--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    one_line(&stderr(&o));
    assert!(
        stderr(&o).contains("contains the notebook"),
        "{}",
        stderr(&o)
    );
    assert!(nb.exists(), "the notebook was deleted");
    let o = export_cli(&nb, dir.path(), &["--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(nb.exists(), "the notebook was deleted");
    no_leftovers(dir.path());
}
