//! Python syntax facts for one cell: what each top-level statement defines, reads,
//! mutates and calls. This is the only module that knows the parser
//! (rustpython-parser); everything else sees the plain types below, so the parser
//! can be swapped by rewriting `walk.rs` alone.

pub mod flow;
pub mod lex;
mod lower;
pub mod name;
mod walk;

pub use lex::{is_keyword, is_soft_keyword, KEYWORDS, SOFT_KEYWORDS};
pub use name::{Access, QualifiedName, Segment};

use serde::Serialize;
use std::ops::Range;

/// Expressions nested deeper than this are not walked (and reported), so a hostile
/// cell cannot overflow the stack.
pub const MAX_NESTING: usize = 200;

/// More operators, attribute dots and chained calls than this on one path of brackets
/// (`a + b + …`, `a.b.c…`, `f()()…`) are reported as too deep, like deep brackets.
pub const MAX_CHAIN: usize = 1000;

/// Blocks nested deeper than this (CPython's own limit) are reported as too deep.
pub const MAX_BLOCKS: usize = 100;

/// The result of parsing one (masked) cell: never fails as a whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedCell {
    pub statements: Vec<StmtFacts>,
    pub error: Option<SyntaxError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SyntaxErrorKind {
    /// Python 2 only syntax, such as `print x`.
    Python2,
    /// Valid Python the parser does not support (PEP 701 f-strings and newer syntax).
    ParserLimitation,
    /// Nesting deeper than [`MAX_NESTING`], [`MAX_CHAIN`] or [`MAX_BLOCKS`].
    TooDeep,
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub message: String,
    /// Byte offset in the cell source.
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StmtKind {
    Import,
    FunctionDef,
    ClassDef,
    Assign,
    AugAssign,
    Expr,
    Delete,
    /// `for`, `while`, `if`, `with`, `try`, `match`.
    Block,
    Other,
}

/// A literal value as far as the analysis needs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Literal {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// A list, tuple, set or dict of literals.
    Collection,
    /// Anything that is not a literal.
    Expr,
}

impl Literal {
    pub fn is_literal(&self) -> bool {
        !matches!(self, Literal::Expr)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NameRef {
    pub name: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StoreKind {
    /// `x[...] = v`
    Subscript,
    /// `x.attr = v`
    Attribute,
    /// `del x[...]`, `del x.attr`
    Delete,
}

/// A store into part of a value: `df['a'] = …`, `obj.x = …`, `del d[k]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartStore {
    /// The root name of the target (`df` in `df.loc[i, 'a']`).
    pub name: String,
    pub kind: StoreKind,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    /// `None` for `**kwargs`.
    pub name: Option<String>,
    pub value: Literal,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arg {
    /// The root name when the argument is a name, attribute or subscript chain.
    pub root: Option<String>,
    pub value: Literal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallFact {
    /// The callee as written: `pd.read_csv`, `df.fillna`, `pd.read_csv().dropna`. Empty
    /// when the callee is not a name chain.
    pub callee: QualifiedName,
    /// The first name of the chain (`pd`, `df`).
    pub root: Option<String>,
    /// The last attribute or name (`read_csv`, `fillna`).
    pub method: String,
    pub args: Vec<Arg>,
    pub keywords: Vec<Keyword>,
    pub range: Range<usize>,
    /// Inside a `def` or `lambda` body: runs when called, not when the cell runs.
    pub deferred: bool,
    /// The root is a local of the enclosing function (false at module scope).
    pub local_receiver: bool,
}

impl CallFact {
    pub fn keyword(&self, name: &str) -> Option<&Keyword> {
        self.keywords
            .iter()
            .find(|k| k.name.as_deref() == Some(name))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportFact {
    /// The name bound in the namespace (`pd`; `*` for a star import).
    pub local: String,
    /// What it refers to (`pandas`, `sklearn.model_selection.train_test_split`).
    pub target: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrLit {
    pub value: String,
    pub range: Range<usize>,
}

/// What the right-hand side of a top-level assignment is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignedValue {
    /// Index into `calls` of the outermost call.
    Call(usize),
    Literal(Literal),
    Name(String),
    Other,
}

/// Everything the analysis needs to know about one top-level statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StmtFacts {
    pub kind: StmtKind,
    /// Byte range in the cell source.
    pub range: Range<usize>,
    /// Names bound at module scope, in order, without repeats.
    pub defines: Vec<String>,
    /// Names read at module scope before this statement binds them.
    pub reads: Vec<NameRef>,
    /// Names read by nested `def` bodies that are not local to them (globals read
    /// when the function is called). For classes, also the globals their methods read.
    pub free_vars: Vec<String>,
    /// Globals a function body assigns through `global x`, or mutates in place.
    pub global_writes: Vec<String>,
    pub stores: Vec<PartStore>,
    pub calls: Vec<CallFact>,
    pub imports: Vec<ImportFact>,
    pub strings: Vec<StrLit>,
    /// For `Assign`/`AnnAssign`/`AugAssign` with a single value.
    pub value: Option<AssignedValue>,
    /// Names directly on the left of `=`, `+=` (not inside subscripts).
    pub targets: Vec<String>,
    /// `del name` at module scope.
    pub deleted: Vec<String>,
    /// The name of a `def` or `class`.
    pub def_name: Option<String>,
    /// Function parameters (for `def`).
    pub params: Vec<String>,
    /// `exec(...)`, `eval(...)`, `globals()[...]`: the statement can bind anything.
    pub dynamic: bool,
    /// The statement as dataflow, for the provenance analysis.
    #[serde(skip)]
    pub flow: flow::FlowStmt,
}

/// Parses one cell's masked text (same byte offsets as the source).
pub fn parse_cell(masked: &str) -> ParsedCell {
    walk::parse_cell(masked)
}

/// True when `text` nests too deeply to be parsed safely (see [`SyntaxErrorKind::TooDeep`]):
/// callers that parse text themselves check this first.
pub fn too_deep(text: &str) -> bool {
    walk::too_deep_at(text).is_some()
}

/// Whether `code` parses as a Python module: false for text nested deep enough to
/// overflow the stack ([`too_deep`]) and, should the parser panic, for that text too.
pub fn parses_as_module(code: &str) -> bool {
    use rustpython_parser::{ast, Parse};
    if too_deep(code) {
        return false;
    }
    std::panic::catch_unwind(|| ast::Suite::parse(code, "<ipython>").is_ok()).unwrap_or(false)
}
