//! nbformat JSON (v3 and v4) to [`Notebook`]. Pure: bytes in, value or error out.
//!
//! The document is read with `serde_json` straight into the values we keep, through
//! hand-written visitors. Nothing holds the whole JSON tree: output payloads other than
//! `text/plain` (images, HTML, widget state, …), cell metadata, attachments and
//! tracebacks are skipped with [`IgnoredAny`], which scans them without allocating.
//! Only the MIME types of skipped output payloads are kept ([`Output::skipped_mime`]).
//!
//! # Strict and tolerant fields
//!
//! Strict (a wrong value makes the notebook unreadable, reported as [`ReadError::BadField`]
//! with the field path and serde's message with line and column):
//! - the top level must be an object with `nbformat` 3 or 4 and `cells` (v4) or
//!   `worksheets[].cells` (v3); `nbformat` must be an integer;
//! - `cells`, `worksheets`, `worksheets[].cells` and `outputs` must be lists (or null,
//!   read as empty), each cell and worksheet an object, `cell_type` a string;
//! - `source` / `input` must be a string or a list of strings (null reads as empty);
//! - `execution_count` / `prompt_number` must be a number or null.
//!
//! Tolerant (a wrong value is read as absent):
//! - `metadata` anywhere, `nbformat_minor`, cell `id`, heading `level`;
//! - an `execution_count` that is negative, fractional or above `u32::MAX` reads as `None`
//!   (not executed), the same as null;
//! - an output that is not an object, or whose `output_type` is missing or unknown, is
//!   dropped; an output's text fields read as empty when they are not text;
//! - an unknown `cell_type` reads as [`CellKind::Raw`]; `heading` (v3) reads as markdown
//!   with `#` × level (1–6) and a space before the text;
//! - a UTF-8 byte-order mark is skipped;
//! - when `nbformat` is missing, `cells` means 4.0 and `worksheets` means 3.0.
//!
//! The language is `metadata.kernelspec.language`, else `metadata.language_info.name`,
//! else `metadata.language`, else (v3) the `language` of the first code cell that has one,
//! trimmed and lower-cased.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::error::Category;

use super::{Cell, CellKind, Notebook, Output, OutputKind, SourceFormat};

/// Why bytes are not a readable notebook. `Display` is the cause only: one line, lower
/// case, no file name (`crate::load` adds the path).
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    /// Zero bytes, or only whitespace.
    #[error("empty file")]
    Empty,
    /// Invalid UTF-8 or NUL bytes: not a text file.
    #[error("binary or non-UTF-8 content")]
    Binary,
    /// The JSON ends early. Holds serde's message, with line and column.
    #[error("truncated JSON: {0}")]
    Truncated(String),
    /// Not JSON. Holds serde's message, with line and column.
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// Valid JSON, but not shaped like a notebook; says what is missing.
    #[error("not a notebook: {0}")]
    NotANotebook(String),
    /// A notebook field with a value of the wrong type (or a cell without `cell_type`).
    /// `path` is like `cells[3].execution_count`; `message` is serde's, with line and column.
    #[error("bad field `{path}`: {message}")]
    BadField { path: String, message: String },
    /// An `nbformat` major version other than 3 or 4.
    #[error("unsupported nbformat version {0} (pyarch reads versions 3 and 4)")]
    UnsupportedVersion(i64),
}

/// Parses an `.ipynb` file's bytes (nbformat 3 or 4). Never panics.
pub fn parse_ipynb(bytes: &[u8]) -> Result<Notebook, ReadError> {
    let text = decode_text(bytes)?;
    let ctx = Ctx::default();
    let mut de = serde_json::Deserializer::from_slice(text.as_bytes());
    let top = TopSeed { ctx: &ctx }
        .deserialize(&mut de)
        .and_then(|top| de.end().map(|()| top))
        .map_err(|e| {
            // A field error in a notebook of another version reports the version.
            match version_only(text.as_bytes()) {
                Some(v) if e.classify() == Category::Data && v != 3 && v != 4 => {
                    ReadError::UnsupportedVersion(v)
                }
                _ => json_error(&e, &ctx),
            }
        })?;
    let raw = match top {
        Top::NotObject(found) => {
            return Err(ReadError::NotANotebook(format!(
                "expected a JSON object at the top level, found {found}"
            )))
        }
        Top::Object(raw) => raw,
    };
    build(raw, ctx.first_cell_language.into_inner())
}

/// Checks that bytes are non-empty UTF-8 text without NUL bytes, and skips a UTF-8
/// byte-order mark. Shared by [`parse_ipynb`] and the script path in `pyarch::load`.
pub fn decode_text(bytes: &[u8]) -> Result<&str, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    std::str::from_utf8(bytes).map_err(|_| ReadError::Binary)
}

fn build(raw: RawNotebook, first_cell_language: Option<String>) -> Result<Notebook, ReadError> {
    let nbformat = match raw.nbformat {
        Some(v) => v,
        None if raw.cells.is_some() => 4,
        None if raw.worksheets.is_some() => 3,
        None => {
            return Err(ReadError::NotANotebook(
                "no `nbformat`, `cells` or `worksheets` field".into(),
            ))
        }
    };
    let nbformat = match nbformat {
        3 | 4 => nbformat as u32,
        other => return Err(ReadError::UnsupportedVersion(other)),
    };
    // Each version's own layout first; the other one is tolerated.
    let cells = if nbformat == 3 {
        raw.worksheets.or(raw.cells)
    } else {
        raw.cells.or(raw.worksheets)
    };
    let Some(mut cells) = cells else {
        return Err(ReadError::NotANotebook(if nbformat == 3 {
            "nbformat 3 notebook without a `worksheets` list".into()
        } else {
            "nbformat 4 notebook without a `cells` list".into()
        }));
    };
    for (index, cell) in cells.iter_mut().enumerate() {
        cell.index = index;
    }
    let language = [
        raw.meta.kernelspec_language,
        raw.meta.language_info_name,
        raw.meta.language,
        first_cell_language,
    ]
    .into_iter()
    .flatten()
    .map(|l| l.trim().to_lowercase())
    .find(|l| !l.is_empty());
    Ok(Notebook {
        format: SourceFormat::Ipynb,
        nbformat,
        nbformat_minor: raw.nbformat_minor.unwrap_or(0),
        language,
        cells,
    })
}

fn json_error(e: &serde_json::Error, ctx: &Ctx) -> ReadError {
    let message = one_line(&e.to_string());
    match e.classify() {
        Category::Eof => ReadError::Truncated(message),
        Category::Syntax | Category::Io => ReadError::InvalidJson(message),
        Category::Data => {
            let path = ctx.render_path();
            if path.is_empty() {
                ReadError::NotANotebook(message)
            } else {
                ReadError::BadField { path, message }
            }
        }
    }
}

/// Keeps an error message on one line and short: control characters become spaces, and
/// a long middle (serde quotes the unexpected string in full) is cut, keeping the
/// "at line L column C" end.
fn one_line(message: &str) -> String {
    const HEAD: usize = 160;
    const TAIL: usize = 60;
    let clean: Vec<char> = message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.len() <= HEAD + TAIL + 1 {
        return clean.into_iter().collect();
    }
    let mut out: String = clean[..HEAD].iter().collect();
    out.push('…');
    out.extend(&clean[clean.len() - TAIL..]);
    out
}

// ---------------------------------------------------------------------------------------
// Deserialization context: where an error happened, and the v3 per-cell language.

#[derive(Default)]
struct Ctx {
    /// Path segments pushed while an error unwinds, innermost first.
    error_path: RefCell<Vec<Seg>>,
    first_cell_language: RefCell<Option<String>>,
}

enum Seg {
    Key(&'static str),
    Index(usize),
}

impl Ctx {
    fn at_key<T, E>(&self, key: &'static str, r: Result<T, E>) -> Result<T, E> {
        if r.is_err() {
            self.error_path.borrow_mut().push(Seg::Key(key));
        }
        r
    }

    fn at_index<T, E>(&self, index: usize, r: Result<T, E>) -> Result<T, E> {
        if r.is_err() {
            self.error_path.borrow_mut().push(Seg::Index(index));
        }
        r
    }

    fn render_path(&self) -> String {
        let mut out = String::new();
        for seg in self.error_path.borrow().iter().rev() {
            match seg {
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

/// Implements the listed `visit_*` methods to skip the value and return `Default`.
macro_rules! skip_as_default {
    ($de:lifetime; $($kind:ident)*) => { $( skip_as_default!(@ $de $kind); )* };
    (@ $de:lifetime bool) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> { Ok(Default::default()) }
    };
    (@ $de:lifetime i64) => {
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> { Ok(Default::default()) }
    };
    (@ $de:lifetime u64) => {
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> { Ok(Default::default()) }
    };
    (@ $de:lifetime f64) => {
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> { Ok(Default::default()) }
    };
    (@ $de:lifetime str) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> { Ok(Default::default()) }
    };
    (@ $de:lifetime unit) => {
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> { Ok(Default::default()) }
    };
    (@ $de:lifetime seq) => {
        fn visit_seq<A: SeqAccess<$de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Default::default())
        }
    };
    (@ $de:lifetime map) => {
        fn visit_map<A: MapAccess<$de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Default::default())
        }
    };
}

// ---------------------------------------------------------------------------------------
// Top level.

enum Top {
    /// The JSON value is not an object: "an array", "a string", …
    NotObject(&'static str),
    Object(RawNotebook),
}

#[derive(Default)]
struct RawNotebook {
    nbformat: Option<i64>,
    nbformat_minor: Option<u32>,
    meta: Meta,
    cells: Option<Vec<Cell>>,
    /// v3: the cells of all worksheets, in order.
    worksheets: Option<Vec<Cell>>,
}

struct TopSeed<'c> {
    ctx: &'c Ctx,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = Top;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a notebook object")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Top, E> {
        Ok(Top::NotObject("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Top, E> {
        Ok(Top::NotObject("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Top, E> {
        Ok(Top::NotObject("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Top, E> {
        Ok(Top::NotObject("a number"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Top, E> {
        Ok(Top::NotObject("a string"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Top, E> {
        Ok(Top::NotObject("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Top::NotObject("an array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        let ctx = self.ctx;
        let mut raw = RawNotebook::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "nbformat" => {
                    raw.nbformat = ctx.at_key("nbformat", map.next_value_seed(Version))?;
                }
                "nbformat_minor" => raw.nbformat_minor = map.next_value_seed(LenientCount)?,
                "metadata" => raw.meta = map.next_value_seed(MetaSeed)?,
                "cells" => {
                    raw.cells = Some(ctx.at_key("cells", map.next_value_seed(CellsSeed { ctx }))?);
                }
                "worksheets" => {
                    let seed = WorksheetsSeed { ctx };
                    raw.worksheets = Some(ctx.at_key("worksheets", map.next_value_seed(seed))?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Top::Object(raw))
    }
}

/// `nbformat`: an integer (or an integral float), null for absent.
struct Version;

impl<'de> DeserializeSeed<'de> for Version {
    type Value = Option<i64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Version {
    type Value = Option<i64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer version number")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(i64::try_from(v).unwrap_or(i64::MAX)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
            Ok(Some(v as i64))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// The top-level `nbformat` alone, skipping everything else; `None` when absent or unreadable.
fn version_only(json: &[u8]) -> Option<i64> {
    struct Only;
    impl<'de> Visitor<'de> for Only {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a notebook object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut version = None;
            while let Some(key) = map.next_key::<String>()? {
                if key == "nbformat" {
                    version = map.next_value_seed(Version)?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(version)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(json);
    de.deserialize_map(Only).ok().flatten()
}

// ---------------------------------------------------------------------------------------
// Metadata (all tolerant).

#[derive(Default)]
struct Meta {
    kernelspec_language: Option<String>,
    language_info_name: Option<String>,
    language: Option<String>,
}

struct MetaSeed;

impl<'de> DeserializeSeed<'de> for MetaSeed {
    type Value = Meta;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Meta, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MetaSeed {
    type Value = Meta;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("notebook metadata")
    }
    skip_as_default!('de; bool i64 u64 f64 str unit seq);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Meta, A::Error> {
        let mut meta = Meta::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "kernelspec" => {
                    meta.kernelspec_language = map.next_value_seed(PickString("language"))?;
                }
                "language_info" => {
                    meta.language_info_name = map.next_value_seed(PickString("name"))?;
                }
                "language" => meta.language = map.next_value_seed(LenientString)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(meta)
    }
}

/// The string value of one key of an object; `None` for anything else.
struct PickString(&'static str);

impl<'de> DeserializeSeed<'de> for PickString {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PickString {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object with a `{}` string", self.0)
    }
    skip_as_default!('de; bool i64 u64 f64 str unit seq);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == self.0 {
                found = map.next_value_seed(LenientString)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// A string, or `None` for any other value.
struct LenientString;

impl<'de> DeserializeSeed<'de> for LenientString {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LenientString {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    skip_as_default!('de; bool i64 u64 f64 unit seq map);
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
}

/// A non-negative integer that fits `u32`; `None` for any other value.
struct LenientCount;

impl<'de> DeserializeSeed<'de> for LenientCount {
    type Value = Option<u32>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LenientCount {
    type Value = Option<u32>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a non-negative integer")
    }
    skip_as_default!('de; bool f64 str unit seq map);
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u32::try_from(v).ok())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(u32::try_from(v).ok())
    }
}

/// `execution_count` / `prompt_number`: a number or null. Negative, fractional or
/// too-large numbers read as `None`; strings, booleans, lists and objects are errors.
struct ExecCount;

impl<'de> DeserializeSeed<'de> for ExecCount {
    type Value = Option<u32>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ExecCount {
    type Value = Option<u32>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer or null")
    }
    skip_as_default!('de; f64 unit);
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u32::try_from(v).ok())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(u32::try_from(v).ok())
    }
}

// ---------------------------------------------------------------------------------------
// Text: a string or a list of strings, concatenated without separators.

/// `source` / `input`: strict. Null reads as empty.
struct SourceText;

impl<'de> DeserializeSeed<'de> for SourceText {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SourceText {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a list of strings")
    }
    skip_as_default!('de; unit);
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        let mut out = String::new();
        while seq
            .next_element_seed(AppendStr {
                out: &mut out,
                strict: true,
            })?
            .is_some()
        {}
        Ok(out)
    }
}

/// Output text (`text/plain`, stream `text`): tolerant. Non-strings read as empty.
struct LenientText;

impl<'de> DeserializeSeed<'de> for LenientText {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LenientText {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a list of strings")
    }
    skip_as_default!('de; bool i64 u64 f64 unit map);
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        let mut out = String::new();
        while seq
            .next_element_seed(AppendStr {
                out: &mut out,
                strict: false,
            })?
            .is_some()
        {}
        Ok(out)
    }
}

/// Appends one list element to a string. Strict: the element must be a string;
/// otherwise non-strings are skipped.
struct AppendStr<'s> {
    out: &'s mut String,
    strict: bool,
}

impl<'de> DeserializeSeed<'de> for AppendStr<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.strict {
            d.deserialize_str(self)
        } else {
            d.deserialize_any(self)
        }
    }
}

impl<'de> Visitor<'de> for AppendStr<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    skip_as_default!('de; bool i64 u64 f64 unit seq map);
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.out.push_str(v);
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Cells and worksheets.

struct CellsSeed<'c> {
    ctx: &'c Ctx,
}

impl<'de> DeserializeSeed<'de> for CellsSeed<'_> {
    type Value = Vec<Cell>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Cell>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellsSeed<'_> {
    type Value = Vec<Cell>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of cells")
    }
    skip_as_default!('de; unit);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Cell>, A::Error> {
        let mut cells = Vec::new();
        loop {
            let next = seq.next_element_seed(CellSeed { ctx: self.ctx });
            match self.ctx.at_index(cells.len(), next)? {
                Some(cell) => cells.push(cell),
                None => return Ok(cells),
            }
        }
    }
}

/// v3 `worksheets`: the cells of every worksheet, flattened.
struct WorksheetsSeed<'c> {
    ctx: &'c Ctx,
}

impl<'de> DeserializeSeed<'de> for WorksheetsSeed<'_> {
    type Value = Vec<Cell>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Cell>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for WorksheetsSeed<'_> {
    type Value = Vec<Cell>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of worksheets")
    }
    skip_as_default!('de; unit);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Cell>, A::Error> {
        let mut cells = Vec::new();
        let mut index = 0;
        loop {
            let next = seq.next_element_seed(WorksheetSeed { ctx: self.ctx });
            match self.ctx.at_index(index, next)? {
                Some(more) => cells.extend(more),
                None => return Ok(cells),
            }
            index += 1;
        }
    }
}

struct WorksheetSeed<'c> {
    ctx: &'c Ctx,
}

impl<'de> DeserializeSeed<'de> for WorksheetSeed<'_> {
    type Value = Vec<Cell>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Cell>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for WorksheetSeed<'_> {
    type Value = Vec<Cell>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a worksheet object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Cell>, A::Error> {
        let ctx = self.ctx;
        let mut cells = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "cells" {
                cells = ctx.at_key("cells", map.next_value_seed(CellsSeed { ctx }))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(cells)
    }
}

struct CellSeed<'c> {
    ctx: &'c Ctx,
}

impl<'de> DeserializeSeed<'de> for CellSeed<'_> {
    type Value = Cell;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cell, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CellSeed<'_> {
    type Value = Cell;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a cell object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cell, A::Error> {
        let ctx = self.ctx;
        let mut cell_type: Option<String> = None;
        let mut source: Option<String> = None;
        let mut input: Option<String> = None;
        let mut id = None;
        let mut execution_count = None;
        let mut prompt_number = None;
        let mut outputs = Vec::new();
        let mut level = None;
        let mut language = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "cell_type" => {
                    let v = map.next_value::<String>();
                    cell_type = Some(ctx.at_key("cell_type", v)?);
                }
                "source" => source = Some(ctx.at_key("source", map.next_value_seed(SourceText))?),
                "input" => input = Some(ctx.at_key("input", map.next_value_seed(SourceText))?),
                "id" => id = map.next_value_seed(LenientString)?,
                "execution_count" => {
                    let v = map.next_value_seed(ExecCount);
                    execution_count = ctx.at_key("execution_count", v)?;
                }
                "prompt_number" => {
                    let v = map.next_value_seed(ExecCount);
                    prompt_number = ctx.at_key("prompt_number", v)?;
                }
                "outputs" => {
                    outputs = ctx.at_key("outputs", map.next_value_seed(OutputsSeed { ctx }))?;
                }
                "level" => level = map.next_value_seed(LenientCount)?,
                "language" => language = map.next_value_seed(LenientString)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(cell_type) = cell_type else {
            return Err(de::Error::missing_field("cell_type"));
        };
        let mut source = source.or(input).unwrap_or_default();
        let kind = match cell_type.as_str() {
            "code" => CellKind::Code,
            "markdown" => CellKind::Markdown,
            "heading" => {
                let level = level.unwrap_or(1).clamp(1, 6) as usize;
                source = format!("{} {}", "#".repeat(level), source);
                CellKind::Markdown
            }
            _ => CellKind::Raw,
        };
        if kind == CellKind::Code {
            if let Some(language) = language {
                ctx.first_cell_language.borrow_mut().get_or_insert(language);
            }
        }
        Ok(Cell {
            index: 0,
            id,
            kind,
            source,
            execution_count: execution_count.or(prompt_number),
            outputs,
        })
    }
}

// ---------------------------------------------------------------------------------------
// Outputs.

struct OutputsSeed<'c> {
    ctx: &'c Ctx,
}

impl<'de> DeserializeSeed<'de> for OutputsSeed<'_> {
    type Value = Vec<Output>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Output>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for OutputsSeed<'_> {
    type Value = Vec<Output>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of outputs")
    }
    skip_as_default!('de; unit);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Output>, A::Error> {
        let mut outputs = Vec::new();
        let mut index = 0;
        loop {
            let next = seq.next_element_seed(OutputSeed);
            match self.ctx.at_index(index, next)? {
                Some(Some(output)) => outputs.push(output),
                Some(None) => {}
                None => return Ok(outputs),
            }
            index += 1;
        }
    }
}

/// One output; `None` when it is not an object or has no known `output_type`.
struct OutputSeed;

impl<'de> DeserializeSeed<'de> for OutputSeed {
    type Value = Option<Output>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// v3 output keys holding a payload, and their MIME types.
const V3_PAYLOAD_KEYS: &[(&str, &str)] = &[
    ("png", "image/png"),
    ("jpeg", "image/jpeg"),
    ("svg", "image/svg+xml"),
    ("html", "text/html"),
    ("latex", "text/latex"),
    ("markdown", "text/markdown"),
    ("javascript", "application/javascript"),
    ("json", "application/json"),
    ("pdf", "application/pdf"),
];

impl<'de> Visitor<'de> for OutputSeed {
    type Value = Option<Output>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an output object")
    }
    skip_as_default!('de; bool i64 u64 f64 str unit seq);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut output_type: Option<String> = None;
        let mut plain: Option<String> = None;
        let mut text: Option<String> = None;
        let mut execution_count = None;
        let mut ename: Option<String> = None;
        let mut evalue: Option<String> = None;
        let mut skipped_mime = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "output_type" => output_type = map.next_value_seed(LenientString)?,
                "data" => {
                    let bundle = map.next_value_seed(MimeBundle {
                        skipped: &mut skipped_mime,
                    })?;
                    plain = plain.or(bundle);
                }
                "text" => text = Some(map.next_value_seed(LenientText)?),
                "execution_count" | "prompt_number" => {
                    execution_count = execution_count.or(map.next_value_seed(LenientCount)?);
                }
                "ename" => ename = map.next_value_seed(LenientString)?,
                "evalue" => evalue = map.next_value_seed(LenientString)?,
                other => {
                    map.next_value::<IgnoredAny>()?;
                    if let Some((_, mime)) = V3_PAYLOAD_KEYS.iter().find(|(k, _)| *k == other) {
                        push_unique(&mut skipped_mime, mime);
                    }
                }
            }
        }
        let kind = match output_type.as_deref() {
            Some("stream") => OutputKind::Stream,
            Some("execute_result" | "pyout") => OutputKind::ExecuteResult,
            Some("display_data") => OutputKind::DisplayData,
            Some("error" | "pyerr") => OutputKind::Error,
            _ => return Ok(None),
        };
        let text = match kind {
            OutputKind::Stream => text.unwrap_or_default(),
            OutputKind::ExecuteResult | OutputKind::DisplayData => {
                plain.or(text).unwrap_or_default()
            }
            OutputKind::Error => {
                let ename = ename.unwrap_or_default();
                match evalue.filter(|v| !v.is_empty()) {
                    Some(evalue) => format!("{ename}: {evalue}"),
                    None => ename,
                }
            }
        };
        Ok(Some(Output {
            kind,
            execution_count,
            text,
            skipped_mime,
        }))
    }
}

fn push_unique(list: &mut Vec<String>, mime: &str) {
    if !list.iter().any(|m| m == mime) {
        list.push(mime.to_owned());
    }
}

/// v4 `data`: keeps `text/plain`, skips every other payload with [`IgnoredAny`] and
/// records its MIME type. Tolerant: a non-object reads as empty.
struct MimeBundle<'s> {
    skipped: &'s mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for MimeBundle<'_> {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MimeBundle<'_> {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a MIME bundle object")
    }
    skip_as_default!('de; bool i64 u64 f64 str unit seq);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut plain = None;
        while let Some(mime) = map.next_key::<String>()? {
            if mime == "text/plain" {
                plain = Some(map.next_value_seed(LenientText)?);
            } else {
                map.next_value::<IgnoredAny>()?;
                push_unique(self.skipped, &mime);
            }
        }
        Ok(plain)
    }
}
