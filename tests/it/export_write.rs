//! The writing edge: refusals, atomic replacement, and never writing outside --out.

use pyarch::export::{write_export, ExportError};
use pyarch::plan::RenderedFile;
use std::process::Command;

fn files() -> Vec<RenderedFile> {
    vec![
        RenderedFile {
            path: "src/pkg/__init__.py".into(),
            contents: "".into(),
        },
        RenderedFile {
            path: "README.md".into(),
            contents: "# pkg\n".into(),
        },
    ]
}

#[test]
fn writes_into_a_new_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("a/b/out");
    let s = write_export(&files(), &out, false).unwrap();
    assert_eq!(s.files, 2);
    assert_eq!(
        std::fs::read_to_string(out.join("README.md")).unwrap(),
        "# pkg\n"
    );
    // Nothing left beside it.
    let names: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn refuses_non_empty_without_force_and_replaces_with_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("old.txt"), "x").unwrap();
    let err = write_export(&files(), &out, false).unwrap_err();
    assert!(matches!(err, ExportError::NotEmpty(_)));
    assert!(err.to_string().contains("--force"));
    assert!(out.join("old.txt").exists());
    let s = write_export(&files(), &out, true).unwrap();
    assert!(s.replaced);
    assert!(!out.join("old.txt").exists());
    assert!(out.join("README.md").exists());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    // An empty folder is fine without --force.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    write_export(&files(), &empty, false).unwrap();
}

#[test]
fn refuses_files_symlinks_and_unsafe_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("file");
    std::fs::write(&file, "x").unwrap();
    assert!(matches!(
        write_export(&files(), &file, true),
        Err(ExportError::NotADirectory(_))
    ));
    #[cfg(unix)]
    {
        let target = tmp.path().join("target");
        std::fs::create_dir(&target).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            write_export(&files(), &link, true),
            Err(ExportError::Symlink(_))
        ));
        assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
    }
    for bad in ["../escape.py", "/etc/passwd", "a/../../b", ""] {
        let mut f = files();
        f.push(RenderedFile {
            path: bad.into(),
            contents: "x".into(),
        });
        let out = tmp.path().join("never");
        assert!(
            matches!(
                write_export(&f, &out, false),
                Err(ExportError::UnsafePath { .. })
            ),
            "{bad}"
        );
        assert!(!out.exists(), "nothing written for {bad}");
    }
    assert!(!tmp.path().parent().unwrap().join("escape.py").exists());
}

#[cfg(unix)]
#[test]
fn read_only_parent_gives_a_clear_error_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let ro = tmp.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let result = write_export(&files(), &ro.join("out"), false);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Root ignores permissions; then the write simply succeeds.
    if let Err(e) = result {
        assert!(e.to_string().contains("permission denied"), "{e}");
        assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 0);
    }
}

#[test]
fn cli_export_and_plan() {
    let bin = env!("CARGO_BIN_EXE_pyarch");
    let nb = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/tidy_pipeline.ipynb");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let o = run(&["export", nb, "--out", out.to_str().unwrap(), "--level", "2"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out
        .join("src/tidy_pipeline/service_layer/unit_of_work.py")
        .exists());
    let o = run(&["export", nb, "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not empty"));
    let o = run(&[
        "export",
        nb,
        "--out",
        out.to_str().unwrap(),
        "--force",
        "--package",
        "../../etc",
    ]);
    assert!(o.status.success());
    assert!(out.join("src/etc/__init__.py").exists());
    let o = run(&["plan", nb, "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["package"], "tidy_pipeline");
    let o = run(&["plan", nb]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("domain/model.py"));
    let o = run(&["export", "/no/such.ipynb", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

/// `pyarch export A B DIR --out OUT`: one process, one `OUT/<package>` per notebook,
/// repeated names made unique, a broken notebook reported without stopping the rest.
#[test]
fn cli_batch_export_writes_one_package_per_notebook() {
    let bin = env!("CARGO_BIN_EXE_pyarch");
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let tmp = tempfile::tempdir().unwrap();
    let extra = tmp.path().join("extra");
    std::fs::create_dir_all(extra.join("nested")).unwrap();
    std::fs::copy(
        format!("{samples}/tidy_pipeline.ipynb"),
        extra.join("nested/tidy_pipeline.ipynb"),
    )
    .unwrap();
    std::fs::write(extra.join("broken.ipynb"), "{ not json").unwrap();
    let out = tmp.path().join("out");
    let run = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let args = [
        "export",
        samples,
        extra.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let o = run(&args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a broken notebook fails the batch"
    );
    assert!(err.contains("broken.ipynb"), "{err}");
    assert!(err.contains("Summary: 4 of 5 notebooks exported"), "{err}");
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "model_serving",
            "tidy_pipeline",
            "tidy_pipeline_2",
            "titanic_messy"
        ]
    );
    for dir in &written {
        assert!(out.join(dir).join("pyproject.toml").exists(), "{dir}");
    }
    let stdout = String::from_utf8_lossy(&o.stdout);
    let order: Vec<&str> = stdout.lines().collect();
    assert_eq!(order.len(), 4, "{stdout}");
    assert!(order[0].contains("model_serving.ipynb"), "input order kept");

    let again = run(&args);
    let err = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        err.contains("not empty"),
        "each package folder is protected: {err}"
    );
    let forced = run(&[&args[..], &["--force"]].concat());
    assert!(String::from_utf8_lossy(&forced.stderr).contains("Summary: 4 of 5"));

    let named = run(&[&args[..], &["--package", "one"]].concat());
    assert_eq!(named.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&named.stderr).contains("--package"));
}
