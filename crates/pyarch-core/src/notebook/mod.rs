//! The notebook as read from disk: cells, sources, execution counts and output text.
//! Pure data; reading from bytes lives in [`read`] and [`script`], files in `crate::load`.

pub mod read;
pub mod script;

use serde::Serialize;

/// Where a notebook came from: a `.ipynb` file or a Python script with cell markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Ipynb,
    /// jupytext percent format (`# %%`).
    PercentScript,
    /// nbconvert script format (`# In[ ]:`).
    NbconvertScript,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notebook {
    pub format: SourceFormat,
    pub nbformat: u32,
    pub nbformat_minor: u32,
    /// The kernel's language as declared in the metadata, lower case, if any.
    pub language: Option<String>,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CellKind {
    Code,
    Markdown,
    Raw,
}

impl CellKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CellKind::Code => "code",
            CellKind::Markdown => "markdown",
            CellKind::Raw => "raw",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Position among all cells, markdown included, from 0.
    pub index: usize,
    pub id: Option<String>,
    pub kind: CellKind,
    /// The source joined into one string, exactly as stored (no newline normalisation).
    pub source: String,
    pub execution_count: Option<u32>,
    pub outputs: Vec<Output>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputKind {
    Stream,
    ExecuteResult,
    DisplayData,
    Error,
}

/// An output's text. Image and other binary payloads are skipped while reading:
/// only their MIME types are kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Output {
    pub kind: OutputKind,
    pub execution_count: Option<u32>,
    /// `text/plain`, the stream text, or `ename: evalue` for errors.
    pub text: String,
    /// MIME types present but not kept (for example `image/png`).
    pub skipped_mime: Vec<String>,
}

impl Notebook {
    pub fn code_cells(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| c.kind == CellKind::Code)
    }

    /// True when the declared kernel language is Python or is not declared.
    pub fn is_python(&self) -> bool {
        self.language
            .as_deref()
            .is_none_or(|l| l.starts_with("python") || l == "ipython" || l.starts_with("ipython"))
    }
}
