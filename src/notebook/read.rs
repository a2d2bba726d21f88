//! nbformat JSON (v3 and v4) to [`Notebook`]. Pure: bytes in, value or error out.
// TODO(helper): implement.
use super::Notebook;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ReadError {
    #[error("empty file")]
    Empty,
    #[error("not a notebook: {0}")]
    NotANotebook(String),
}

pub fn parse_ipynb(_bytes: &[u8]) -> Result<Notebook, ReadError> {
    Err(ReadError::Empty)
}
