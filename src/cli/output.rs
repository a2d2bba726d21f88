//! Where a command writes its results: stdout, or `--output-file`, which is written
//! beside its final name and renamed into place when the run is complete, so a failed
//! run never leaves half a report.
//!
//! A reader that goes away (`pyarch rules | head -1`) is not an error: writes return
//! [`Closed`], and the command ends quietly with status 0, as `grep` and `rg` do.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Why writing stopped.
#[derive(Debug)]
pub enum Stop {
    /// The reader closed the pipe: end quietly.
    Closed,
    /// Anything else (disk full, permission): a one-line error.
    Failed(String),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Stop::Closed
        } else {
            Stop::Failed(format!("cannot write the output: {e}"))
        }
    }
}

pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    File {
        temp: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl Output {
    pub fn stdout() -> Self {
        Output::Stdout(BufWriter::new(io::stdout()))
    }

    /// A report file; refuses a folder and any of the `inputs`, so a typo can never
    /// replace a notebook.
    pub fn file(path: &Path, inputs: &[PathBuf]) -> Result<Self, String> {
        let shown = path.display();
        if path.is_dir() {
            return Err(format!("{shown}: --output-file is a folder"));
        }
        if let Ok(target) = path.canonicalize() {
            let is_input = inputs
                .iter()
                .any(|i| i.canonicalize().is_ok_and(|i| i == target));
            if is_input {
                return Err(format!(
                    "{shown}: --output-file is one of the notebooks to check; refusing to overwrite it"
                ));
            }
        }
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".pyarch-report")
            .tempfile_in(folder)
            .map_err(|e| format!("{shown}: cannot create the output file: {e}"))?;
        Ok(Output::File {
            temp: BufWriter::new(temp),
            path: path.to_path_buf(),
        })
    }

    /// Flushes, and moves a report file into place.
    pub fn finish(self) -> Result<(), Stop> {
        match self {
            Output::Stdout(mut out) => Ok(out.flush()?),
            Output::File { temp, path } => {
                let temp = temp
                    .into_inner()
                    .map_err(|e| Stop::Failed(format!("{}: {}", path.display(), e.error())))?;
                temp.persist(&path)
                    .map_err(|e| Stop::Failed(format!("{}: {}", path.display(), e.error)))?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File { temp, .. } => temp.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File { temp, .. } => temp.flush(),
        }
    }
}

/// Writes `text` to stdout; the error says whether the reader went away.
pub fn print(text: &str) -> Result<(), Stop> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_file_appears_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        let mut out = Output::file(&path, &[]).unwrap();
        writeln!(out, "one finding").unwrap();
        assert!(!path.exists());
        out.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one finding\n");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1);
    }

    #[test]
    fn a_report_file_never_replaces_an_input_or_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let notebook = dir.path().join("nb.ipynb");
        std::fs::write(&notebook, "{}").unwrap();
        let err = Output::file(&notebook, std::slice::from_ref(&notebook))
            .err()
            .unwrap();
        assert!(err.contains("refusing to overwrite"), "{err}");
        assert!(Output::file(dir.path(), &[]).is_err());
        assert_eq!(std::fs::read_to_string(&notebook).unwrap(), "{}");
    }

    #[test]
    fn a_broken_pipe_is_a_quiet_stop() {
        let stop = Stop::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(matches!(stop, Stop::Closed));
        let stop = Stop::from(io::Error::other("disk full"));
        assert!(matches!(stop, Stop::Failed(m) if m.contains("disk full")));
    }
}
