//! The reading edge: a path on disk to a [`Notebook`], with one-line errors naming the file.
//!
//! The file is read once with [`std::fs::read`] and parsed from the slice, so memory stays
//! near the file size (output images are skipped while parsing, never copied). Files larger
//! than [`MAX_NOTEBOOK_BYTES`] are refused before reading.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::notebook::read::{self, ReadError};
use crate::notebook::{script, Notebook};

/// The largest file [`load_notebook`] reads: 512 MiB.
pub const MAX_NOTEBOOK_BYTES: u64 = 512 * 1024 * 1024;

/// A file that could not be read as a Python notebook. `Display` is one line:
/// `"{path}: {cause}"`, with the path as given.
#[derive(Debug, thiserror::Error)]
#[error("{}: {cause}", path.display())]
pub struct LoadError {
    path: PathBuf,
    cause: LoadCause,
}

impl LoadError {
    pub fn new(path: impl Into<PathBuf>, cause: LoadCause) -> Self {
        LoadError {
            path: path.into(),
            cause,
        }
    }

    /// The path as given to [`load_notebook`].
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the file could not be read; its `Display` is the message without the path.
    pub fn cause(&self) -> &LoadCause {
        &self.cause
    }
}

/// Why a file could not be read. `Display` is one line, lower case, without the path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadCause {
    #[error("no such file")]
    NotFound,
    #[error("is a directory")]
    IsADirectory,
    #[error("permission denied")]
    PermissionDenied,
    /// Any other I/O error, with the system's message.
    #[error("cannot read the file: {0}")]
    Io(String),
    #[error("file is too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge { size: u64, limit: u64 },
    /// The bytes are not a notebook (empty, binary, bad JSON, …).
    #[error(transparent)]
    Read(ReadError),
    /// The kernel's declared language, lower case, is not Python.
    #[error("kernel language is '{}'; pyarch analyses Python notebooks only", Shown(.0))]
    NotPython(String),
}

impl From<ReadError> for LoadCause {
    fn from(e: ReadError) -> Self {
        LoadCause::Read(e)
    }
}

impl From<&io::Error> for LoadCause {
    fn from(e: &io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => LoadCause::NotFound,
            io::ErrorKind::PermissionDenied => LoadCause::PermissionDenied,
            io::ErrorKind::IsADirectory => LoadCause::IsADirectory,
            _ => LoadCause::Io(e.to_string()),
        }
    }
}

/// A language name from the file, shown on one line and at most 40 characters.
struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.0.chars().enumerate() {
            if i == 40 {
                return f.write_str("…");
            }
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// Reads a notebook from disk: `.py` files (and marker scripts with other extensions, see
/// [`script::looks_like_script`]) with [`script::parse_script`], everything else with
/// [`read::parse_ipynb`]. Fails for non-Python kernels.
pub fn load_notebook(path: &Path) -> Result<Notebook, LoadError> {
    let fail = |cause: LoadCause| LoadError::new(path, cause);
    let meta = std::fs::metadata(path).map_err(|e| fail((&e).into()))?;
    if meta.is_dir() {
        return Err(fail(LoadCause::IsADirectory));
    }
    let too_large = |size: u64| {
        fail(LoadCause::TooLarge {
            size,
            limit: MAX_NOTEBOOK_BYTES,
        })
    };
    if meta.len() > MAX_NOTEBOOK_BYTES {
        return Err(too_large(meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| fail((&e).into()))?;
    if bytes.len() as u64 > MAX_NOTEBOOK_BYTES {
        // The file grew between the two looks.
        return Err(too_large(bytes.len() as u64));
    }
    let extension = path.extension().and_then(|e| e.to_str());
    let notebook = if script::looks_like_script(extension, &bytes) {
        let text = read::decode_text(&bytes).map_err(|e| fail(e.into()))?;
        script::parse_script(text)
    } else {
        read::parse_ipynb(&bytes).map_err(|e| fail(e.into()))?
    };
    if !notebook.is_python() {
        let language = notebook.language.clone().unwrap_or_default();
        return Err(fail(LoadCause::NotPython(language)));
    }
    Ok(notebook)
}
