//! IPython syntax (magics, shell escapes, help) masked with same-length Python.
// TODO(helper): implement. NOTE FROM LEAD: this is a temporary stub so the crate
// compiles; replace it entirely, but keep `#[derive(Debug, Clone, PartialEq, serde::Serialize)]`
// on MaskedCell, CellMagic and Magic, and `#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]` on MagicKind.
use serde::Serialize;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaskedCell {
    pub text: String,
    pub magics: Vec<Magic>,
    pub cell_magic: Option<CellMagic>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellMagic {
    pub name: String,
    pub args: String,
    pub python_body: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MagicKind {
    LineMagic,
    CellMagic,
    Shell,
    Help,
    Automagic,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Magic {
    pub range: Range<usize>,
    pub kind: MagicKind,
    pub name: String,
    pub args: String,
    pub assigned_to: Option<String>,
}

pub fn mask(source: &str) -> MaskedCell {
    MaskedCell {
        text: source.to_string(),
        magics: vec![],
        cell_magic: None,
    }
}
