//! A small dataflow view of a statement, for the provenance analysis
//! (`crate::provenance`): names, calls, attributes, subscripts and slices, with
//! everything else folded into [`FlowExpr::Op`]. Lowered from the parser's AST in
//! `walk.rs`; nothing outside `syntax/` sees the parser.

use super::Literal;
use std::ops::Range;

/// An expression, as far as values and rows flow through it.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowExpr {
    Name(String),
    Lit(Literal),
    Attr(Box<FlowExpr>, String),
    Call(Box<FlowCall>),
    Subscript {
        value: Box<FlowExpr>,
        index: Box<FlowIndex>,
        range: Range<usize>,
    },
    /// A tuple or list display (its elements, in order).
    Seq(Vec<FlowExpr>),
    /// A comparison: `df['a'] > 0`, `df.source == 'train'`. `subject` is the source
    /// text of its left operand (`df.source`), `text` the whole comparison's.
    Compare {
        parts: Vec<FlowExpr>,
        subject: String,
        text: String,
    },
    /// `~mask`, `not mask`.
    Invert(Box<FlowExpr>),
    Lambda {
        params: Vec<String>,
        body: Box<FlowExpr>,
    },
    /// Anything else that combines its parts (operators, f-strings, dicts,
    /// comprehensions, conditional expressions).
    Op(Vec<FlowExpr>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlowCall {
    pub func: FlowExpr,
    /// As in [`super::CallFact::callee`]: `pd.read_csv`, `df.fillna`.
    pub callee: super::QualifiedName,
    pub method: String,
    pub args: Vec<FlowExpr>,
    pub keywords: Vec<(Option<String>, FlowExpr)>,
    /// The call's byte range (the same as its [`super::CallFact`]).
    pub range: Range<usize>,
}

impl FlowCall {
    pub fn keyword(&self, name: &str) -> Option<&FlowExpr> {
        self.keywords
            .iter()
            .find(|(k, _)| k.as_deref() == Some(name))
            .map(|(_, v)| v)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FlowIndex {
    Slice {
        lower: Option<FlowExpr>,
        upper: Option<FlowExpr>,
    },
    Expr(FlowExpr),
    /// `df.iloc[:n, 1:]`, `X[mask, 0]`: rows first.
    Tuple(Vec<FlowIndex>),
}

/// An assignment target.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowTarget {
    Name(String),
    Seq(Vec<FlowTarget>),
    Star(Box<FlowTarget>),
    /// `df['a'] = …`, `self.x = …`: a store into the value of `root`; `key` is
    /// the string subscript of `root` itself (`'a'` in `df['a']`).
    Part {
        root: String,
        key: Option<String>,
    },
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FlowStmt {
    Assign {
        targets: Vec<FlowTarget>,
        value: FlowExpr,
    },
    AugAssign {
        target: FlowTarget,
        value: FlowExpr,
    },
    Expr(FlowExpr),
    For {
        target: FlowTarget,
        iter: FlowExpr,
        body: Vec<FlowStmt>,
        orelse: Vec<FlowStmt>,
    },
    While {
        test: FlowExpr,
        body: Vec<FlowStmt>,
        orelse: Vec<FlowStmt>,
    },
    /// `if`, `try` and `match`: alternatives that may each run.
    Branches(Vec<Vec<FlowStmt>>),
    /// `with` and other blocks that run once, in order.
    Block(Vec<FlowStmt>),
    Def {
        name: String,
        params: Vec<String>,
        body: Vec<FlowStmt>,
    },
    Class {
        name: String,
        body: Vec<FlowStmt>,
    },
    Return(Option<FlowExpr>),
    Global(Vec<String>),
    /// `del df['a']`, `del x`.
    Delete(Vec<FlowTarget>),
    Other(Vec<FlowExpr>),
}

impl FlowStmt {
    pub fn empty() -> FlowStmt {
        FlowStmt::Other(Vec::new())
    }
}
