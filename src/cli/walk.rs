//! Which files a command runs on: the paths as given, folders searched recursively as
//! ruff searches them (respecting `.gitignore`, skipping hidden entries, following
//! symlinks with a guard against loops).

use std::path::{Path, PathBuf};

/// The files to run on, and a warning for every given folder that holds no notebook.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub warnings: Vec<String>,
}

/// Expands folders into the notebooks under them (sorted); files stay as given, so a
/// missing file becomes a one-line load error later, naming it.
pub fn notebooks(paths: &[PathBuf]) -> Walk {
    let mut walk = Walk::default();
    for path in paths {
        if !path.is_dir() {
            walk.files.push(path.clone());
            continue;
        }
        let found = notebooks_under(path);
        if found.is_empty() {
            walk.warnings.push(format!(
                "warning: no notebooks (.ipynb) found in `{}`",
                path.display()
            ));
        }
        walk.files.extend(found);
    }
    walk
}

fn notebooks_under(dir: &Path) -> Vec<PathBuf> {
    // `follow_links` also detects loops: a link back to an ancestor is an error entry,
    // which is skipped like any unreadable entry.
    let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(dir)
        .follow_links(true)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| is_notebook(p))
        .collect();
    found.sort();
    found
}

fn is_notebook(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ipynb")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "{}").unwrap();
    }

    #[test]
    fn folders_are_searched_and_sorted_files_kept_as_given() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("b/z.ipynb"));
        touch(&dir.path().join("a.ipynb"));
        touch(&dir.path().join("notes.txt"));
        touch(&dir.path().join(".ipynb_checkpoints/a-checkpoint.ipynb"));
        let given = dir.path().join("missing.ipynb");
        let walk = notebooks(&[dir.path().to_path_buf(), given.clone()]);
        assert_eq!(
            walk.files,
            [
                dir.path().join("a.ipynb"),
                dir.path().join("b/z.ipynb"),
                given
            ]
        );
        assert!(walk.warnings.is_empty());
    }

    #[test]
    fn an_empty_folder_is_a_warning_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("readme.md"));
        let walk = notebooks(&[dir.path().to_path_buf()]);
        assert!(walk.files.is_empty());
        assert_eq!(walk.warnings.len(), 1);
        assert!(walk.warnings[0].contains(&dir.path().display().to_string()));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_to_notebooks_and_folders_are_followed_and_loops_end() {
        use std::os::unix::fs::symlink;
        let real = tempfile::tempdir().unwrap();
        touch(&real.path().join("data/one.ipynb"));
        let links = tempfile::tempdir().unwrap();
        symlink(
            real.path().join("data/one.ipynb"),
            links.path().join("linked.ipynb"),
        )
        .unwrap();
        symlink(real.path().join("data"), links.path().join("folder")).unwrap();
        symlink(links.path(), links.path().join("loop")).unwrap();
        let walk = notebooks(&[links.path().to_path_buf()]);
        assert_eq!(
            walk.files,
            [
                links.path().join("folder/one.ipynb"),
                links.path().join("linked.ipynb")
            ]
        );
    }
}
