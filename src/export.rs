//! The writing edge of `pyarch export`: rendered files → a folder on disk.
//!
//! - every relative path is checked (no `..`, no absolute path, no empty component);
//! - a non-empty target is refused unless `force`;
//! - a target that is a file, a symbolic link or a read-only folder is refused;
//! - files are written into a temporary folder beside the target, which is then renamed
//!   into place, so a failure leaves nothing half-written.

use crate::plan::RenderedFile;
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    /// The folder written.
    pub out: PathBuf,
    pub files: usize,
    pub bytes: u64,
    /// True when an existing non-empty folder was replaced (`--force`).
    pub replaced: bool,
}

/// Why an export could not be written. `Display` is one line.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}: the target folder is not empty; use --force to replace it", .0.display())]
    NotEmpty(PathBuf),
    #[error("{}: the target is a file, not a folder", .0.display())]
    NotADirectory(PathBuf),
    #[error("{}: the target is a symbolic link; refusing to write through it", .0.display())]
    Symlink(PathBuf),
    #[error("{}: permission denied: the target folder is read-only", .0.display())]
    ReadOnly(PathBuf),
    #[error("{}: the target folder contains the notebook being exported; choose another folder", .0.display())]
    ContainsSource(PathBuf),
    #[error("refusing to write `{path}`: {reason}")]
    UnsafePath { path: String, reason: &'static str },
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
}

fn io_error(path: &Path, e: &io::Error) -> ExportError {
    let message = match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied (read-only location?)".to_string(),
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        _ => e.to_string(),
    };
    ExportError::Io {
        path: path.to_path_buf(),
        message,
    }
}

/// Refuses a target folder that holds `source` (the notebook): replacing the folder
/// with `--force` would delete it.
pub fn check_target_keeps(out: &Path, source: &Path) -> Result<(), ExportError> {
    let (Ok(out_real), Ok(source_real)) = (fs::canonicalize(out), fs::canonicalize(source)) else {
        return Ok(());
    };
    if source_real.starts_with(&out_real) {
        return Err(ExportError::ContainsSource(out.to_path_buf()));
    }
    Ok(())
}

/// A folder without any write permission bit: the user marked it "keep".
fn is_read_only(meta: &fs::Metadata) -> bool {
    meta.permissions().readonly()
}

/// Checks that `path` is a plain relative path that stays inside the output folder.
pub fn check_relative(path: &str) -> Result<PathBuf, ExportError> {
    let unsafe_path = |reason| ExportError::UnsafePath {
        path: path.to_string(),
        reason,
    };
    if path.is_empty() {
        return Err(unsafe_path("empty path"));
    }
    if path.contains('\0') || path.contains('\\') || path.contains(':') {
        return Err(unsafe_path("path contains `\\`, `:` or NUL"));
    }
    if path.starts_with('/') {
        return Err(unsafe_path("absolute path"));
    }
    let mut out = PathBuf::new();
    for part in path.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(unsafe_path("path has an empty, `.` or `..` component"));
        }
        out.push(part);
    }
    if !out.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(unsafe_path("path leaves the output folder"));
    }
    Ok(out)
}

/// Writes `files` into `out`. See the module documentation for the rules.
pub fn write_export(
    files: &[RenderedFile],
    out: &Path,
    force: bool,
) -> Result<ExportSummary, ExportError> {
    // Validate everything before touching the disk.
    let mut seen = BTreeSet::new();
    let mut checked = Vec::with_capacity(files.len());
    for f in files {
        let rel = check_relative(&f.path)?;
        if !seen.insert(rel.clone()) {
            return Err(ExportError::UnsafePath {
                path: f.path.clone(),
                reason: "the same path twice",
            });
        }
        checked.push((rel, f.contents.as_bytes()));
    }
    // A file and a folder of the same name.
    for (rel, _) in &checked {
        for ancestor in rel.ancestors().skip(1) {
            if !ancestor.as_os_str().is_empty() && seen.contains(ancestor) {
                return Err(ExportError::UnsafePath {
                    path: ancestor.display().to_string(),
                    reason: "both a file and a folder",
                });
            }
        }
    }

    let mut replaced = false;
    match fs::symlink_metadata(out) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(ExportError::Symlink(out.to_path_buf()))
        }
        Ok(meta) if !meta.is_dir() => return Err(ExportError::NotADirectory(out.to_path_buf())),
        Ok(meta) => {
            let mut entries = fs::read_dir(out).map_err(|e| io_error(out, &e))?;
            if entries.next().is_some() {
                if !force {
                    return Err(ExportError::NotEmpty(out.to_path_buf()));
                }
                replaced = true;
            }
            // Replacing works through the parent, but a read-only folder says "keep".
            if is_read_only(&meta) {
                return Err(ExportError::ReadOnly(out.to_path_buf()));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(out, &e)),
    }

    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| io_error(&parent, &e))?;
    let staging = tempfile::Builder::new()
        .prefix(".pyarch-export-")
        .tempdir_in(&parent)
        .map_err(|e| io_error(&parent, &e))?;
    let mut bytes = 0u64;
    for (rel, contents) in &checked {
        let path = staging.path().join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
        }
        // Name the file as it would be in the target: the staging folder is removed.
        fs::write(&path, contents).map_err(|e| io_error(&out.join(rel), &e))?;
        bytes += contents.len() as u64;
    }

    // Move into place. An existing folder is set aside first and restored on failure.
    let staged = staging.keep();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(&staged, fs::Permissions::from_mode(0o755));
    }
    let cleanup = |p: &Path| {
        let _ = fs::remove_dir_all(p);
    };
    let exists = fs::symlink_metadata(out).is_ok();
    if exists {
        let backup = tempfile::Builder::new()
            .prefix(".pyarch-old-")
            .tempdir_in(&parent)
            .map_err(|e| {
                cleanup(&staged);
                io_error(&parent, &e)
            })?
            .keep();
        let _ = fs::remove_dir(&backup);
        if let Err(e) = fs::rename(out, &backup) {
            cleanup(&staged);
            return Err(io_error(out, &e));
        }
        if let Err(e) = fs::rename(&staged, out) {
            let _ = fs::rename(&backup, out);
            cleanup(&staged);
            return Err(io_error(out, &e));
        }
        cleanup(&backup);
    } else if let Err(e) = fs::rename(&staged, out) {
        cleanup(&staged);
        return Err(io_error(out, &e));
    }
    Ok(ExportSummary {
        out: out.to_path_buf(),
        files: checked.len(),
        bytes,
        replaced,
    })
}

/// Rows sampled from each data file for the export's `tests/fixtures/`: enough that a
/// notebook which filters rows (`dropna`, a condition) still has some left to train on.
pub const SAMPLE_ROWS: usize = 1000;
/// And at most this many bytes of each file.
pub const SAMPLE_BYTES: usize = 64 * 1024;

/// Samples of the data files a plan's notebook reads ([`crate::plan::data_inputs`]),
/// from the notebook's folder: the header and the first `rows` rows, at most 64 KiB,
/// for the export's `tests/fixtures/`. A file that is missing or not UTF-8 is left out.
pub fn data_samples(
    plan: &crate::plan::Plan,
    analysis: &crate::analysis::Analysis,
    notebook_dir: &Path,
    rows: usize,
) -> Vec<crate::plan::DataSample> {
    const MAX_BYTES: usize = SAMPLE_BYTES;
    let mut out: Vec<crate::plan::DataSample> = Vec::new();
    for (name, rel, exact) in crate::plan::data_inputs(plan, analysis) {
        let path = if exact {
            Some(notebook_dir.join(&rel))
        } else {
            find_by_name(notebook_dir, &rel, 3)
        };
        let Some(Ok(bytes)) = path.map(std::fs::read) else {
            continue;
        };
        // A file that is not UTF-8 is read as Latin-1, which maps every byte to one
        // character, so the tests can write the same bytes back.
        let (text, encoding) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => (
                e.into_bytes().into_iter().map(char::from).collect(),
                Some("latin-1".to_string()),
            ),
        };
        let mut contents = String::new();
        for line in text.split_inclusive('\n').take(rows + 1) {
            if contents.len() + line.len() > MAX_BYTES {
                break;
            }
            contents.push_str(line);
        }
        let base = Path::new(&rel)
            .file_name()
            .map_or("data.csv".into(), |f| f.to_string_lossy().into_owned());
        let mut file = base.clone();
        let mut n = 2;
        while out.iter().any(|s| s.file == file) {
            file = format!("{n}_{base}");
            n += 1;
        }
        out.push(crate::plan::DataSample {
            name,
            file,
            contents,
            encoding,
        });
    }
    out
}

/// The one file under `dir` (at most `depth` folders down, hidden ones skipped) whose
/// path ends with `name`; `None` when there is none or more than one.
fn find_by_name(dir: &Path, name: &str, depth: usize) -> Option<PathBuf> {
    fn walk(dir: &Path, name: &str, depth: usize, found: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let path = e.path();
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            match e.file_type() {
                Ok(t) if t.is_dir() && !hidden && depth > 0 => walk(&path, name, depth - 1, found),
                Ok(t) if t.is_file() && path.ends_with(name) => found.push(path),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, name, depth, &mut found);
    (found.len() == 1).then(|| found.remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_checked() {
        assert!(check_relative("src/pkg/__init__.py").is_ok());
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            "a\\b",
            "C:/x",
            "a/./b",
        ] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
    }
}
