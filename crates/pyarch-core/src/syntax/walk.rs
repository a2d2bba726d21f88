//! The rustpython-parser adapter: parses a cell and walks its AST into [`StmtFacts`].

use super::lex::{self, Token, TokenKind};
use super::*;
use rustpython_parser::ast::{self, Expr, Ranged, Stmt};
use rustpython_parser::{Parse, ParseErrorType};
use std::collections::HashSet;

pub(super) fn parse_cell(masked: &str) -> ParsedCell {
    // CPython refuses source with NUL bytes anywhere (strings and comments included);
    // rustpython-parser would accept some, and the exported code would not run.
    if let Some(offset) = masked.find('\0') {
        return ParsedCell {
            statements: Vec::new(),
            error: Some(SyntaxError {
                kind: SyntaxErrorKind::Invalid,
                message: "source code cannot contain null bytes".into(),
                offset,
            }),
        };
    }
    if let Some(Deep { offset, message }) = too_deep_at(masked) {
        return ParsedCell {
            statements: Vec::new(),
            error: Some(SyntaxError {
                kind: SyntaxErrorKind::TooDeep,
                message,
                offset,
            }),
        };
    }
    match ast::Suite::parse(masked, "<cell>") {
        Ok(suite) => match compile_error(&suite) {
            // CPython rejects these at compile time; rustpython's parser accepts them.
            Some((offset, message)) => ParsedCell {
                statements: Vec::new(),
                error: Some(SyntaxError {
                    kind: SyntaxErrorKind::Invalid,
                    message: message.to_string(),
                    offset,
                }),
            },
            None => ParsedCell {
                statements: suite.iter().map(|stmt| stmt_facts(stmt, masked)).collect(),
                error: None,
            },
        },
        Err(e) => {
            if let Some(parsed) = parse_leading_indent(masked) {
                return parsed;
            }
            let offset = (u32::from(e.offset) as usize).min(masked.len());
            ParsedCell {
                statements: Vec::new(),
                error: Some(SyntaxError {
                    kind: classify_error(masked, &e.error, offset),
                    message: e.error.to_string(),
                    offset,
                }),
            }
        }
    }
}

/// IPython removes the first line's indentation from every line that starts with it
/// ([`crate::ipython::leading_indent`]), so a cell like ` g = f()` runs in Jupyter.
/// Parsed as the body of `if 1:`, the same cells parse without moving a byte of the
/// source; the facts' ranges are then shifted back past the wrapper.
const INDENT_WRAPPER: &str = "if 1:\n";

fn parse_leading_indent(masked: &str) -> Option<ParsedCell> {
    if crate::ipython::leading_indent(masked).is_empty() {
        return None;
    }
    let wrapped = format!("{INDENT_WRAPPER}{masked}");
    let suite = ast::Suite::parse(&wrapped, "<cell>").ok()?;
    let (Some(Stmt::If(wrapper)), rest) = (suite.first(), suite.get(1..).unwrap_or(&[])) else {
        return None;
    };
    if !wrapper.orelse.is_empty() {
        return None; // an `else:` of the cell's own, which IPython would refuse too
    }
    let by = INDENT_WRAPPER.len();
    if let Some((offset, message)) = compile_error(&suite) {
        return Some(ParsedCell {
            statements: Vec::new(),
            error: Some(SyntaxError {
                kind: SyntaxErrorKind::Invalid,
                message: message.to_string(),
                offset: offset.saturating_sub(by),
            }),
        });
    }
    let statements = wrapper
        .body
        .iter()
        .chain(rest)
        .map(|stmt| {
            let mut facts = stmt_facts(stmt, &wrapped);
            shift_back(&mut facts, by);
            facts.flow = super::lower::Lower::new(&wrapped, by).stmt(stmt);
            facts
        })
        .collect();
    Some(ParsedCell {
        statements,
        error: None,
    })
}

/// Moves every range in `facts` `by` bytes towards the start.
fn shift_back(facts: &mut StmtFacts, by: usize) {
    let shift = |r: &mut Range<usize>| *r = r.start.saturating_sub(by)..r.end.saturating_sub(by);
    shift(&mut facts.range);
    facts.reads.iter_mut().for_each(|n| shift(&mut n.range));
    facts.stores.iter_mut().for_each(|s| shift(&mut s.range));
    facts.imports.iter_mut().for_each(|i| shift(&mut i.range));
    facts.strings.iter_mut().for_each(|s| shift(&mut s.range));
    for call in &mut facts.calls {
        shift(&mut call.range);
        call.keywords.iter_mut().for_each(|k| shift(&mut k.range));
    }
}

/// Why a cell is too deep to parse safely, and where.
pub(super) struct Deep {
    pub offset: usize,
    pub message: String,
}

/// The pre-parse guard: an estimate of how deep the AST of `text` would be, made on the
/// bytes without parsing, so that neither the parser, the walker nor the recursive drop of
/// the AST can exhaust a 2 MiB stack. It reports, at the first offset where a limit is
/// passed:
/// - brackets nested more than [`MAX_NESTING`];
/// - more than [`MAX_CHAIN`] operators, attribute dots, call or subscript brackets and
///   expression keywords (`not`, `lambda`, `await`, `if`/`else`, ...) chained on one
///   path of brackets (`a + b + …`, `a.b.c…`, `f()()…`, `not not …`); a `,` or `;` and the
///   end of a logical line start a new chain;
/// - blocks nested more than [`MAX_BLOCKS`] deep (CPython's own limit).
///
/// Strings and comments are skipped, except the replacement fields of f-strings, which are
/// code.
pub(super) fn too_deep_at(text: &str) -> Option<Deep> {
    let mut scan = DepthScan {
        levels: vec![0],
        chain: 0,
        blocks: vec![0],
    };
    scan.code(text).err()
}

/// The pre-parse guard's state, fed by the one tokenizer ([`super::lex`]).
struct DepthScan {
    /// Chain length at each open bracket level; the first is the logical line.
    levels: Vec<usize>,
    /// The sum of `levels`.
    chain: usize,
    /// Indentation widths of the open blocks.
    blocks: Vec<usize>,
}

/// Punctuation that joins the operands of one chain: operators and attribute dots.
const CHAIN_PUNCT: &[u8] = b"+-*/%@&|^~<>=!.";

impl DepthScan {
    fn link(&mut self, at: usize) -> Result<(), Deep> {
        *self.levels.last_mut().expect("a level") += 1;
        self.chain += 1;
        if self.chain > MAX_CHAIN {
            return Err(Deep {
                offset: at,
                message: format!("more than {MAX_CHAIN} operators, calls or attributes chained in one expression"),
            });
        }
        Ok(())
    }

    fn open(&mut self, at: usize) -> Result<(), Deep> {
        self.levels.push(0);
        if self.levels.len() > MAX_NESTING + 1 {
            return Err(Deep {
                offset: at,
                message: format!("brackets nested more than {MAX_NESTING} deep"),
            });
        }
        Ok(())
    }

    /// Closes a bracket level; the bracketed group is one link of the enclosing chain.
    fn close(&mut self, at: usize) -> Result<(), Deep> {
        if self.levels.len() > 1 {
            let inner = self.levels.pop().expect("a level");
            self.chain -= inner;
            self.link(at)?;
        }
        Ok(())
    }

    /// Ends the chain of the innermost level (at a `,` or `;`).
    fn reset(&mut self) {
        let last = self.levels.last_mut().expect("a level");
        self.chain -= *last;
        *last = 0;
    }

    /// Scans `text` line by line as the lexer reads it; each logical line starts a new
    /// chain. Streams the tokens: the guard runs on every cell before parsing.
    fn code(&mut self, text: &str) -> Result<(), Deep> {
        let mut lexer = lex::Lexer::default();
        for line in lex::physical_lines(text, 0..text.len()) {
            let content = &text[line.start..line.end];
            let code_starts = content.trim_start_matches([' ', '\t', '\x0c']);
            if lexer.at_logical_start() && !code_starts.is_empty() && !code_starts.starts_with('#')
            {
                let first = line.end - code_starts.len();
                self.indentation(lex::column(content), first)?;
            }
            for token in lexer.line(text, line.start..line.end) {
                self.token(text, &token)?;
            }
            if lexer.at_logical_start() {
                self.levels.truncate(1);
                self.levels[0] = 0;
                self.chain = 0;
            }
        }
        Ok(())
    }

    fn token(&mut self, text: &str, token: &Token) -> Result<(), Deep> {
        let at = token.range.start;
        let word = &text[token.range.clone()];
        match token.kind {
            TokenKind::Punct => match word.as_bytes()[0] {
                b'(' | b'[' | b'{' => self.open(at)?,
                b')' | b']' | b'}' => self.close(at)?,
                b',' | b';' => self.reset(),
                p if CHAIN_PUNCT.contains(&p) => self.link(at)?,
                _ => {}
            },
            TokenKind::Word if word.len() <= 6 && lex::EXPRESSION_KEYWORDS.contains(&word) => {
                self.link(at)?
            }
            TokenKind::String if is_fstring(word) => self.fields(text, token.range.clone())?,
            _ => {}
        }
        Ok(())
    }

    /// At the start of a logical line indented to `width`: tracks the block nesting.
    fn indentation(&mut self, width: usize, at: usize) -> Result<(), Deep> {
        while self.blocks.last().is_some_and(|&w| w > width) {
            self.blocks.pop();
        }
        if self.blocks.last().is_none_or(|&w| w < width) {
            self.blocks.push(width);
        }
        if self.blocks.len() > MAX_BLOCKS {
            return Err(Deep {
                offset: at,
                message: format!("blocks nested more than {MAX_BLOCKS} deep"),
            });
        }
        Ok(())
    }

    /// The replacement fields (`{expr!r:spec}`) of the f-string `string`, scanned as code
    /// nested where the string is; fields left open end with the string. A string cannot
    /// contain its own quote (before Python 3.12), so f-strings nest at most four deep.
    fn fields(&mut self, text: &str, string: Range<usize>) -> Result<(), Deep> {
        let depth = self.levels.len();
        let body = fstring_body(text, string);
        let result = self.fields_in(text, body);
        while self.levels.len() > depth {
            let inner = self.levels.pop().expect("a level");
            self.chain -= inner;
        }
        result
    }

    fn fields_in(&mut self, text: &str, body: Range<usize>) -> Result<(), Deep> {
        let b = text.as_bytes();
        let mut i = body.start;
        while i < body.end {
            if b[i] == b'{' && i + 1 < body.end && b[i + 1] == b'{' {
                i += 2;
            } else if b[i] == b'{' {
                self.open(i)?;
                i = self.field(text, i + 1..body.end)?;
            } else {
                i += 1;
            }
        }
        Ok(())
    }

    /// Scans one replacement field's code from `span.start` to the bracket that closes
    /// it; returns the offset after that bracket (or the end of the body).
    fn field(&mut self, text: &str, span: Range<usize>) -> Result<usize, Deep> {
        let base = self.levels.len();
        for token in lex::Tokens::new(text, span.clone()) {
            let closer = token.kind == TokenKind::Punct
                && matches!(&text[token.range.clone()], ")" | "]" | "}");
            if closer && self.levels.len() == base {
                self.close(token.range.start)?;
                return Ok(token.range.end);
            }
            self.token(text, &token)?;
        }
        Ok(span.end)
    }
}

/// `f'…'`, `rf"…"`, `F'''…'''`: a string token with an `f` in its prefix.
fn is_fstring(token: &str) -> bool {
    let prefix = &token[..token.find(['\'', '"']).unwrap_or(0)];
    prefix.contains(['f', 'F'])
}

/// The text between the quotes of the string token at `string` (to its end when it is
/// not closed).
fn fstring_body(text: &str, string: Range<usize>) -> Range<usize> {
    let token = &text[string.clone()];
    let quote_at = token.find(['\'', '"']).unwrap_or(0);
    let quote = &token[quote_at..quote_at + 1];
    let triple = token[quote_at..].starts_with(&quote.repeat(3));
    let open = quote_at + if triple { 3 } else { 1 };
    let close = if triple {
        quote.repeat(3)
    } else {
        quote.to_string()
    };
    let closed = token.len() >= open + close.len() && token.ends_with(close.as_str());
    let end = if closed {
        token.len() - close.len()
    } else {
        token.len()
    };
    string.start + open..string.start + end.max(open)
}

/// A `return` or `yield` at module level (also inside module-level blocks), which
/// only a function may contain.
/// Errors CPython reports when it compiles code that rustpython-parser accepts:
/// `return`/`yield` outside a function, and targets that cannot be assigned or deleted.
fn compile_error(stmts: &[Stmt]) -> Option<(usize, &'static str)> {
    outside_function(stmts).or_else(|| invalid_target(stmts))
}

/// The nested statement lists of a compound statement (function and class bodies too).
fn bodies(stmt: &Stmt) -> Vec<&[Stmt]> {
    match stmt {
        Stmt::FunctionDef(f) => vec![&f.body],
        Stmt::AsyncFunctionDef(f) => vec![&f.body],
        Stmt::ClassDef(c) => vec![&c.body],
        Stmt::For(f) => vec![&f.body, &f.orelse],
        Stmt::AsyncFor(f) => vec![&f.body, &f.orelse],
        Stmt::While(w) => vec![&w.body, &w.orelse],
        Stmt::If(i) => vec![&i.body, &i.orelse],
        Stmt::With(w) => vec![&w.body],
        Stmt::AsyncWith(w) => vec![&w.body],
        Stmt::Try(t) => try_bodies(&t.body, &t.handlers, &t.orelse, &t.finalbody),
        Stmt::TryStar(t) => try_bodies(&t.body, &t.handlers, &t.orelse, &t.finalbody),
        Stmt::Match(m) => m.cases.iter().map(|c| c.body.as_slice()).collect(),
        _ => Vec::new(),
    }
}

fn try_bodies<'a>(
    body: &'a [Stmt],
    handlers: &'a [ast::ExceptHandler],
    orelse: &'a [Stmt],
    finalbody: &'a [Stmt],
) -> Vec<&'a [Stmt]> {
    let mut out = vec![body, orelse, finalbody];
    out.extend(
        handlers
            .iter()
            .map(|ast::ExceptHandler::ExceptHandler(h)| h.body.as_slice()),
    );
    out
}

/// The first assignment, deletion or loop target that CPython refuses (`f() = 1`,
/// `1 = x`, `del f()`, `for *x in y`, `a, b += 1`), in any nested body.
fn invalid_target(stmts: &[Stmt]) -> Option<(usize, &'static str)> {
    stmts.iter().find_map(|stmt| {
        let own = match stmt {
            Stmt::Assign(a) => a
                .targets
                .iter()
                .find_map(|t| bad_target(t, TargetUse::Assign)),
            Stmt::For(f) => bad_target(&f.target, TargetUse::Assign),
            Stmt::AsyncFor(f) => bad_target(&f.target, TargetUse::Assign),
            Stmt::With(w) => w
                .items
                .iter()
                .filter_map(|i| i.optional_vars.as_deref())
                .find_map(|t| bad_target(t, TargetUse::Assign)),
            Stmt::Delete(d) => d
                .targets
                .iter()
                .find_map(|t| bad_target(t, TargetUse::Delete)),
            Stmt::AugAssign(a) => bad_target(&a.target, TargetUse::Single),
            Stmt::AnnAssign(a) => bad_target(&a.target, TargetUse::Single),
            _ => None,
        };
        own.or_else(|| bodies(stmt).into_iter().find_map(invalid_target))
    })
}

#[derive(Clone, Copy, PartialEq)]
enum TargetUse {
    /// `=`, `for`, `with … as`: names, attributes, subscripts, and lists or tuples of them
    /// with at most a starred element.
    Assign,
    /// `del`: the same without starred elements.
    Delete,
    /// `+=` and annotations: one name, attribute or subscript.
    Single,
}

fn bad_target(target: &Expr, usage: TargetUse) -> Option<(usize, &'static str)> {
    let at = offset(target).start;
    match target {
        Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_) => None,
        Expr::Tuple(t) if usage != TargetUse::Single => elements(&t.elts, usage),
        Expr::List(l) if usage != TargetUse::Single => elements(&l.elts, usage),
        Expr::Starred(_) => Some((at, "starred assignment target must be in a list or tuple")),
        _ if usage == TargetUse::Delete => Some((at, "cannot delete this expression")),
        _ if usage == TargetUse::Single => {
            Some((at, "illegal target for augmented or annotated assignment"))
        }
        Expr::Call(_) => Some((at, "cannot assign to function call")),
        Expr::Constant(_) => Some((at, "cannot assign to literal")),
        _ => Some((at, "cannot assign to expression")),
    }
}

fn elements(elts: &[Expr], usage: TargetUse) -> Option<(usize, &'static str)> {
    elts.iter().find_map(|e| match e {
        Expr::Starred(s) if usage == TargetUse::Assign => bad_target(&s.value, usage),
        other => bad_target(other, usage),
    })
}

fn outside_function(stmts: &[Stmt]) -> Option<(usize, &'static str)> {
    let is_yield = |e: &Expr| matches!(e, Expr::Yield(_) | Expr::YieldFrom(_));
    stmts.iter().find_map(|stmt| match stmt {
        Stmt::Return(r) => Some((offset(r).start, "'return' outside function")),
        Stmt::Expr(e) if is_yield(&e.value) => Some((offset(e).start, "'yield' outside function")),
        Stmt::Assign(a) if is_yield(&a.value) => {
            Some((offset(a).start, "'yield' outside function"))
        }
        Stmt::FunctionDef(_) | Stmt::AsyncFunctionDef(_) => None,
        // Blocks, and class bodies (they run when the class is created).
        other => bodies(other).into_iter().find_map(outside_function),
    })
}

fn classify_error(text: &str, error: &ParseErrorType, offset: usize) -> SyntaxErrorKind {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[line_start..line_end].trim_start();
    if is_python2_line(line) || text.lines().any(|l| is_python2_line(l.trim_start())) {
        return SyntaxErrorKind::Python2;
    }
    let fstring_error = matches!(
        error,
        ParseErrorType::Lexical(rustpython_parser::lexer::LexicalErrorType::FStringError(_))
    );
    if fstring_error || line.contains("f\"") || line.contains("f'") || mixes_tabs(text) {
        return SyntaxErrorKind::ParserLimitation;
    }
    SyntaxErrorKind::Invalid
}

fn is_python2_line(line: &str) -> bool {
    for keyword in ["print", "exec"] {
        if let Some(rest) = line.strip_prefix(keyword) {
            let next = rest.chars().next();
            let after = rest.trim_start();
            if matches!(next, Some(' ' | '\t'))
                && !after.is_empty()
                && !after.starts_with(['(', '=', '.', ',', ')', '[', '#'])
                && !after.starts_with("+=")
            {
                return true;
            }
            if rest.starts_with('"') || rest.starts_with('\'') {
                return true;
            }
        }
    }
    line.starts_with("except ") && line.contains(", ") && !line.contains('(') || line.contains('`')
}

fn mixes_tabs(text: &str) -> bool {
    text.lines().any(|l| {
        let indent: String = l.chars().take_while(|c| c.is_whitespace()).collect();
        indent.contains(' ') && indent.contains('\t')
    })
}

fn offset<T: Ranged>(r: &T) -> Range<usize> {
    let range = r.range();
    u32::from(range.start()) as usize..u32::from(range.end()) as usize
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Function,
    Lambda,
    Class,
    Comprehension,
}

struct Scope {
    kind: ScopeKind,
    locals: HashSet<String>,
    globals: HashSet<String>,
    /// Loads not yet resolved: name, range, deferred (inside a def body).
    loads: Vec<(String, Range<usize>, bool)>,
}

impl Scope {
    fn new(kind: ScopeKind) -> Scope {
        Scope {
            kind,
            locals: HashSet::new(),
            globals: HashSet::new(),
            loads: Vec::new(),
        }
    }
}

struct Walker {
    facts: StmtFacts,
    scopes: Vec<Scope>,
    depth: usize,
}

/// The statement's byte range. rustpython-parser starts a decorated `def` or `class` at
/// its keyword; the statement starts at the `@` of its first decorator.
fn stmt_range(stmt: &Stmt, text: &str) -> Range<usize> {
    let range = offset(stmt);
    let decorators = match stmt {
        Stmt::FunctionDef(f) => &f.decorator_list,
        Stmt::AsyncFunctionDef(f) => &f.decorator_list,
        Stmt::ClassDef(c) => &c.decorator_list,
        _ => return range,
    };
    let Some(first) = decorators.first() else {
        return range;
    };
    let expr_start = offset(first).start.min(text.len());
    match text.get(..expr_start).and_then(|before| before.rfind('@')) {
        Some(at)
            if at < range.start
                && text[at + 1..expr_start]
                    .chars()
                    .all(|c| c == '(' || c.is_whitespace()) =>
        {
            at..range.end
        }
        _ => range,
    }
}

fn stmt_facts(stmt: &Stmt, text: &str) -> StmtFacts {
    let mut w = Walker {
        facts: StmtFacts {
            kind: stmt_kind(stmt),
            range: stmt_range(stmt, text),
            defines: Vec::new(),
            reads: Vec::new(),
            free_vars: Vec::new(),
            global_writes: Vec::new(),
            stores: Vec::new(),
            calls: Vec::new(),
            imports: Vec::new(),
            strings: Vec::new(),
            value: None,
            targets: Vec::new(),
            deleted: Vec::new(),
            def_name: None,
            params: Vec::new(),
            dynamic: false,
            flow: super::lower::Lower::new(text, 0).stmt(stmt),
        },
        scopes: vec![Scope::new(ScopeKind::Module)],
        depth: 0,
    };
    w.top_level(stmt);
    w.stmt(stmt);
    w.facts
}

fn stmt_kind(stmt: &Stmt) -> StmtKind {
    match stmt {
        Stmt::Import(_) | Stmt::ImportFrom(_) => StmtKind::Import,
        Stmt::FunctionDef(_) | Stmt::AsyncFunctionDef(_) => StmtKind::FunctionDef,
        Stmt::ClassDef(_) => StmtKind::ClassDef,
        Stmt::Assign(_) | Stmt::AnnAssign(_) => StmtKind::Assign,
        Stmt::AugAssign(_) => StmtKind::AugAssign,
        Stmt::Expr(_) => StmtKind::Expr,
        Stmt::Delete(_) => StmtKind::Delete,
        Stmt::For(_)
        | Stmt::AsyncFor(_)
        | Stmt::While(_)
        | Stmt::If(_)
        | Stmt::With(_)
        | Stmt::AsyncWith(_)
        | Stmt::Try(_)
        | Stmt::TryStar(_)
        | Stmt::Match(_) => StmtKind::Block,
        _ => StmtKind::Other,
    }
}

/// Root name of a name/attribute/subscript/call chain.
fn root_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Name(n) => Some(n.id.to_string()),
        Expr::Attribute(a) => root_name(&a.value),
        Expr::Subscript(s) => root_name(&s.value),
        Expr::Call(c) => root_name(&c.func),
        _ => None,
    }
}

/// The name chain of a callee (`pd.read_csv().dropna`); empty when it is not one.
pub(super) fn callee_name(expr: &Expr) -> QualifiedName {
    let mut segments = Vec::new();
    if chain_segments(expr, 0, &mut segments) {
        QualifiedName::new(segments)
    } else {
        QualifiedName::default()
    }
}

/// Pushes the segments of a name/attribute/call/subscript chain; false when `expr` is
/// not one (or nests deeper than 64).
fn chain_segments(expr: &Expr, depth: usize, out: &mut Vec<Segment>) -> bool {
    if depth > 64 {
        return false;
    }
    let access = |inner: &Expr, access: Access, out: &mut Vec<Segment>| {
        let ok = chain_segments(inner, depth + 1, out);
        if let Some(last) = out.last_mut().filter(|_| ok) {
            last.accesses.push(access);
        }
        ok
    };
    match expr {
        Expr::Name(n) => {
            out.push(Segment::new(n.id.as_str()));
            true
        }
        Expr::Attribute(a) => {
            let ok = chain_segments(&a.value, depth + 1, out);
            out.push(Segment::new(a.attr.as_str()));
            ok
        }
        Expr::Call(c) => access(&c.func, Access::Call, out),
        Expr::Subscript(s) => access(&s.value, Access::Subscript, out),
        _ => false,
    }
}

pub(super) fn literal(expr: &Expr) -> Literal {
    match expr {
        Expr::Constant(c) => match &c.value {
            ast::Constant::None => Literal::None,
            ast::Constant::Bool(b) => Literal::Bool(*b),
            ast::Constant::Int(i) => i64::try_from(i).map_or(Literal::Expr, Literal::Int),
            ast::Constant::Float(f) => Literal::Float(*f),
            ast::Constant::Str(s) => Literal::Str(s.clone()),
            ast::Constant::Tuple(_) => Literal::Collection,
            _ => Literal::Expr,
        },
        Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOp::USub) => match literal(&u.operand) {
            Literal::Int(i) => Literal::Int(-i),
            Literal::Float(f) => Literal::Float(-f),
            _ => Literal::Expr,
        },
        Expr::List(l) if l.elts.iter().all(|e| literal(e).is_literal()) => Literal::Collection,
        Expr::Tuple(t) if t.elts.iter().all(|e| literal(e).is_literal()) => Literal::Collection,
        Expr::Set(s) if s.elts.iter().all(|e| literal(e).is_literal()) => Literal::Collection,
        Expr::Dict(d)
            if d.keys.iter().flatten().all(|e| literal(e).is_literal())
                && d.values.iter().all(|e| literal(e).is_literal()) =>
        {
            Literal::Collection
        }
        _ => Literal::Expr,
    }
}

impl Walker {
    fn scope(&mut self) -> &mut Scope {
        self.scopes
            .last_mut()
            .expect("the module scope is never popped")
    }

    fn at_module(&self) -> bool {
        self.scopes.len() == 1
    }

    fn in_def(&self) -> bool {
        self.scopes
            .iter()
            .any(|s| matches!(s.kind, ScopeKind::Function | ScopeKind::Lambda))
    }

    /// Facts that only the outermost statement has: targets, value, def name.
    fn top_level(&mut self, stmt: &Stmt) {
        let simple_targets = |targets: &[Expr]| -> Vec<String> {
            let mut names = Vec::new();
            for t in targets {
                collect_target_names(t, &mut names);
            }
            names
        };
        match stmt {
            Stmt::Assign(a) => {
                self.facts.targets = simple_targets(&a.targets);
                self.facts.value = Some(self.assigned_value(&a.value));
            }
            Stmt::AnnAssign(a) => {
                self.facts.targets = simple_targets(std::slice::from_ref(&*a.target));
                self.facts.value = a.value.as_ref().map(|v| self.assigned_value(v));
            }
            Stmt::AugAssign(a) => {
                self.facts.targets = simple_targets(std::slice::from_ref(&*a.target));
                self.facts.value = Some(self.assigned_value(&a.value));
            }
            Stmt::FunctionDef(f) => {
                self.facts.def_name = Some(f.name.to_string());
                self.facts.params = param_names(&f.args);
            }
            Stmt::AsyncFunctionDef(f) => {
                self.facts.def_name = Some(f.name.to_string());
                self.facts.params = param_names(&f.args);
            }
            Stmt::ClassDef(c) => self.facts.def_name = Some(c.name.to_string()),
            _ => {}
        }
    }

    fn assigned_value(&self, value: &Expr) -> AssignedValue {
        match value {
            // The outermost call is the first one recorded, since calls are
            // recorded before their arguments are walked.
            Expr::Call(_) => AssignedValue::Call(self.facts.calls.len()),
            Expr::Name(n) => AssignedValue::Name(n.id.to_string()),
            other => match literal(other) {
                Literal::Expr => AssignedValue::Other,
                lit => AssignedValue::Literal(lit),
            },
        }
    }

    fn bind(&mut self, name: &str) {
        if self.at_module() {
            if !self.facts.defines.iter().any(|d| d == name) {
                self.facts.defines.push(name.to_string());
            }
            return;
        }
        let is_global = self.scope().globals.contains(name);
        if is_global {
            push_unique(&mut self.facts.global_writes, name);
            push_unique(&mut self.facts.defines, name);
        } else {
            self.scope().locals.insert(name.to_string());
        }
    }

    fn load(&mut self, name: &str, range: Range<usize>) {
        if self.at_module() {
            self.resolve_module_load(name, range, false);
        } else {
            self.scope().loads.push((name.to_string(), range, false));
        }
    }

    fn resolve_module_load(&mut self, name: &str, range: Range<usize>, deferred: bool) {
        if deferred {
            if self.facts.def_name.as_deref() != Some(name) {
                push_unique(&mut self.facts.free_vars, name);
            }
        } else if !self.facts.defines.iter().any(|d| d == name)
            && !self.facts.reads.iter().any(|r| r.name == name)
        {
            self.facts.reads.push(NameRef {
                name: name.to_string(),
                range,
            });
        }
    }

    fn push_scope(&mut self, kind: ScopeKind) {
        self.scopes.push(Scope::new(kind));
    }

    /// Closes a scope: loads it does not bind move to the nearest enclosing scope
    /// that is not a class body (classes do not enclose their methods).
    fn pop_scope(&mut self) {
        let scope = self.scopes.pop().expect("pushed before");
        let deferred_here = matches!(scope.kind, ScopeKind::Function);
        let free: Vec<_> = scope
            .loads
            .into_iter()
            .filter(|(n, _, _)| !scope.locals.contains(n) || scope.globals.contains(n))
            .map(|(n, r, d)| (n, r, d || deferred_here))
            .collect();
        let skip_classes = scope.kind != ScopeKind::Class;
        let mut target = self.scopes.len() - 1;
        while skip_classes && target > 0 && self.scopes[target].kind == ScopeKind::Class {
            target -= 1;
        }
        if target == 0 {
            for (n, r, d) in free {
                self.resolve_module_load(&n, r, d);
            }
        } else {
            self.scopes[target].loads.extend(free);
        }
    }

    fn body(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::FunctionDef(f) => {
                self.function(&f.name, &f.args, &f.body, &f.decorator_list, &f.returns)
            }
            Stmt::AsyncFunctionDef(f) => {
                self.function(&f.name, &f.args, &f.body, &f.decorator_list, &f.returns)
            }
            Stmt::ClassDef(c) => {
                self.exprs(&c.decorator_list);
                self.exprs(&c.bases);
                for k in &c.keywords {
                    self.expr(&k.value);
                }
                self.bind(c.name.as_str());
                self.push_scope(ScopeKind::Class);
                self.body(&c.body);
                self.pop_scope();
            }
            Stmt::Return(r) => self.opt_expr(r.value.as_deref()),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t);
                }
            }
            Stmt::Assign(a) => {
                self.expr(&a.value);
                for t in &a.targets {
                    self.store(t);
                }
            }
            Stmt::TypeAlias(t) => {
                self.expr(&t.value);
                self.store(&t.name);
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value);
                self.load_target(&a.target);
                self.store(&a.target);
            }
            Stmt::AnnAssign(a) => {
                self.opt_expr(a.value.as_deref());
                if a.value.is_some() {
                    self.store(&a.target);
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter);
                self.store(&f.target);
                self.body(&f.body);
                self.body(&f.orelse);
            }
            Stmt::AsyncFor(f) => {
                self.expr(&f.iter);
                self.store(&f.target);
                self.body(&f.body);
                self.body(&f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.body(&w.body);
                self.body(&w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.body(&i.body);
                self.body(&i.orelse);
            }
            Stmt::With(w) => self.with(&w.items, &w.body),
            Stmt::AsyncWith(w) => self.with(&w.items, &w.body),
            Stmt::Match(m) => {
                self.expr(&m.subject);
                for case in &m.cases {
                    self.pattern(&case.pattern);
                    self.opt_expr(case.guard.as_deref());
                    self.body(&case.body);
                }
            }
            Stmt::Raise(r) => {
                self.opt_expr(r.exc.as_deref());
                self.opt_expr(r.cause.as_deref());
            }
            Stmt::Try(t) => self.try_stmt(&t.body, &t.handlers, &t.orelse, &t.finalbody),
            Stmt::TryStar(t) => self.try_stmt(&t.body, &t.handlers, &t.orelse, &t.finalbody),
            Stmt::Assert(a) => {
                self.expr(&a.test);
                self.opt_expr(a.msg.as_deref());
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    let full = alias.name.to_string();
                    let (local, target) = match &alias.asname {
                        Some(a) => (a.to_string(), full),
                        // `import a.b` binds `a`, which refers to package `a`.
                        None => {
                            let first = full.split('.').next().unwrap_or(&full).to_string();
                            (first.clone(), first)
                        }
                    };
                    self.import(local, target, offset(alias));
                }
            }
            Stmt::ImportFrom(i) => {
                let module = i.module.as_ref().map(|m| m.to_string()).unwrap_or_default();
                for alias in &i.names {
                    let name = alias.name.to_string();
                    let local = alias
                        .asname
                        .as_ref()
                        .map_or(name.clone(), |a| a.to_string());
                    let target = if module.is_empty() {
                        name.clone()
                    } else {
                        format!("{module}.{name}")
                    };
                    if name == "*" {
                        self.facts.imports.push(ImportFact {
                            local: "*".into(),
                            target: module.clone(),
                            range: offset(alias),
                        });
                    } else {
                        self.import(local, target, offset(alias));
                    }
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    self.scope().globals.insert(n.to_string());
                }
            }
            Stmt::Nonlocal(_) | Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::Expr(e) => self.expr(&e.value),
        }
    }

    fn import(&mut self, local: String, target: String, range: Range<usize>) {
        self.bind(&local);
        if self.at_module() {
            self.facts.imports.push(ImportFact {
                local,
                target,
                range,
            });
        }
    }

    fn function(
        &mut self,
        name: &ast::Identifier,
        args: &ast::Arguments,
        body: &[Stmt],
        decorators: &[Expr],
        returns: &Option<Box<Expr>>,
    ) {
        self.exprs(decorators);
        for a in args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
        {
            self.opt_expr(a.default.as_deref());
            // Annotations are evaluated when the `def` runs (no `from __future__ import annotations`).
            self.opt_expr(a.def.annotation.as_deref());
        }
        for a in args.vararg.iter().chain(&args.kwarg) {
            self.opt_expr(a.annotation.as_deref());
        }
        self.opt_expr(returns.as_deref());
        self.bind(name.as_str());
        self.push_scope(ScopeKind::Function);
        for p in param_names(args) {
            self.bind(&p);
        }
        self.body(body);
        self.pop_scope();
    }

    fn with(&mut self, items: &[ast::WithItem], body: &[Stmt]) {
        for item in items {
            self.expr(&item.context_expr);
            if let Some(v) = &item.optional_vars {
                self.store(v);
            }
        }
        self.body(body);
    }

    fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[ast::ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) {
        self.body(body);
        for ast::ExceptHandler::ExceptHandler(h) in handlers {
            self.opt_expr(h.type_.as_deref());
            if let Some(n) = &h.name {
                self.bind(n.as_str());
            }
            self.body(&h.body);
        }
        self.body(orelse);
        self.body(finalbody);
    }

    fn pattern(&mut self, pattern: &ast::Pattern) {
        use ast::Pattern as P;
        match pattern {
            P::MatchValue(v) => self.expr(&v.value),
            P::MatchSingleton(_) => {}
            P::MatchSequence(s) => s.patterns.iter().for_each(|p| self.pattern(p)),
            P::MatchMapping(m) => {
                self.exprs(&m.keys);
                m.patterns.iter().for_each(|p| self.pattern(p));
                if let Some(r) = &m.rest {
                    self.bind(r.as_str());
                }
            }
            P::MatchClass(c) => {
                self.expr(&c.cls);
                c.patterns.iter().for_each(|p| self.pattern(p));
                c.kwd_patterns.iter().for_each(|p| self.pattern(p));
            }
            P::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.bind(n.as_str());
                }
            }
            P::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.pattern(p);
                }
                if let Some(n) = &a.name {
                    self.bind(n.as_str());
                }
            }
            P::MatchOr(o) => o.patterns.iter().for_each(|p| self.pattern(p)),
        }
    }

    fn exprs(&mut self, exprs: &[Expr]) {
        for e in exprs {
            self.expr(e);
        }
    }

    fn opt_expr(&mut self, expr: Option<&Expr>) {
        if let Some(e) = expr {
            self.expr(e);
        }
    }

    /// A store target: names bind; subscripts and attributes mutate their root.
    fn store(&mut self, target: &Expr) {
        match target {
            Expr::Name(n) => self.bind(n.id.as_str()),
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.store(e)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.store(e)),
            Expr::Starred(s) => self.store(&s.value),
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
                self.part_store(target, StoreKind::Subscript);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value);
                self.part_store(target, StoreKind::Attribute);
            }
            other => self.expr(other),
        }
    }

    fn load_target(&mut self, target: &Expr) {
        if let Expr::Name(n) = target {
            self.load(n.id.as_str(), offset(target));
        }
    }

    fn delete_target(&mut self, target: &Expr) {
        match target {
            Expr::Name(n) => {
                if self.at_module() {
                    push_unique(&mut self.facts.deleted, n.id.as_str());
                    self.load(n.id.as_str(), offset(target));
                }
            }
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.delete_target(e)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.delete_target(e)),
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
                self.part_store(target, StoreKind::Delete);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value);
                self.part_store(target, StoreKind::Delete);
            }
            other => self.expr(other),
        }
    }

    fn part_store(&mut self, target: &Expr, kind: StoreKind) {
        let Some(root) = root_name(target) else {
            return;
        };
        if self.at_module() {
            self.facts.stores.push(PartStore {
                name: root,
                kind,
                range: offset(target),
            });
        } else if !self.is_local_anywhere(&root) {
            // A function body writing into a global object.
            push_unique(&mut self.facts.global_writes, &root);
        }
    }

    fn is_local_anywhere(&self, name: &str) -> bool {
        self.scopes[1..]
            .iter()
            .any(|s| s.locals.contains(name) && !s.globals.contains(name))
    }

    /// Sub-expressions deeper than [`MAX_NESTING`] are not walked: code the pre-parse guard
    /// lets through can nest about `MAX_CHAIN + MAX_NESTING` deep, and a level of the walk
    /// takes up to 3 KiB of stack in a debug build (test threads have 2 MiB; the CLI workers 8 MiB).
    fn expr(&mut self, expr: &Expr) {
        self.depth += 1;
        if self.depth <= MAX_NESTING {
            self.expr_inner(expr);
        }
        self.depth -= 1;
    }

    fn expr_inner(&mut self, expr: &Expr) {
        match expr {
            Expr::Name(n) => match n.ctx {
                ast::ExprContext::Load => self.load(n.id.as_str(), offset(expr)),
                _ => self.bind(n.id.as_str()),
            },
            Expr::Call(c) => self.call(c),
            Expr::Constant(c) => {
                if let ast::Constant::Str(s) = &c.value {
                    if s.len() <= 4096 {
                        self.facts.strings.push(StrLit {
                            value: s.clone(),
                            range: offset(expr),
                        });
                    }
                }
            }
            Expr::NamedExpr(n) => {
                self.expr(&n.value);
                // The walrus binds in the nearest enclosing non-comprehension scope.
                if let Expr::Name(name) = &*n.target {
                    self.bind_outside_comprehension(name.id.as_str());
                }
            }
            Expr::Lambda(l) => {
                for a in l
                    .args
                    .posonlyargs
                    .iter()
                    .chain(&l.args.args)
                    .chain(&l.args.kwonlyargs)
                {
                    self.opt_expr(a.default.as_deref());
                }
                self.push_scope(ScopeKind::Lambda);
                for p in param_names(&l.args) {
                    self.bind(&p);
                }
                self.expr(&l.body);
                self.pop_scope();
            }
            Expr::ListComp(c) => self.comprehension(&c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension(&c.generators, &[&c.elt]),
            Expr::GeneratorExp(c) => self.comprehension(&c.generators, &[&c.elt]),
            Expr::DictComp(c) => self.comprehension(&c.generators, &[&c.key, &c.value]),
            Expr::BoolOp(b) => self.exprs(&b.values),
            Expr::BinOp(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expr::UnaryOp(u) => self.expr(&u.operand),
            Expr::IfExp(i) => {
                self.expr(&i.test);
                self.expr(&i.body);
                self.expr(&i.orelse);
            }
            Expr::Dict(d) => {
                for k in d.keys.iter().flatten() {
                    self.expr(k);
                }
                self.exprs(&d.values);
            }
            Expr::Set(s) => self.exprs(&s.elts),
            Expr::Await(a) => self.expr(&a.value),
            Expr::Yield(y) => self.opt_expr(y.value.as_deref()),
            Expr::YieldFrom(y) => self.expr(&y.value),
            Expr::Compare(c) => {
                self.expr(&c.left);
                self.exprs(&c.comparators);
            }
            Expr::FormattedValue(f) => {
                self.expr(&f.value);
                self.opt_expr(f.format_spec.as_deref());
            }
            Expr::JoinedStr(j) => self.exprs(&j.values),
            Expr::Attribute(a) => self.expr(&a.value),
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
            }
            Expr::Starred(s) => self.expr(&s.value),
            Expr::List(l) => self.exprs(&l.elts),
            Expr::Tuple(t) => self.exprs(&t.elts),
            Expr::Slice(s) => {
                self.opt_expr(s.lower.as_deref());
                self.opt_expr(s.upper.as_deref());
                self.opt_expr(s.step.as_deref());
            }
        }
    }

    fn bind_outside_comprehension(&mut self, name: &str) {
        let depth = self
            .scopes
            .iter()
            .rposition(|s| s.kind != ScopeKind::Comprehension)
            .unwrap_or(0);
        if depth == 0 {
            push_unique(&mut self.facts.defines, name);
        } else {
            self.scopes[depth].locals.insert(name.to_string());
        }
    }

    fn comprehension(&mut self, generators: &[ast::Comprehension], elts: &[&Expr]) {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = generators.first() {
            self.expr(&first.iter);
        }
        self.push_scope(ScopeKind::Comprehension);
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.store(&g.target);
            self.exprs(&g.ifs);
        }
        for e in elts {
            self.expr(e);
        }
        self.pop_scope();
    }

    fn call(&mut self, c: &ast::ExprCall) {
        let callee = callee_name(&c.func);
        let method = match &*c.func {
            Expr::Attribute(a) => a.attr.to_string(),
            Expr::Name(n) => n.id.to_string(),
            _ => String::new(),
        };
        if matches!(method.as_str(), "exec" | "eval" | "globals" | "locals")
            && matches!(&*c.func, Expr::Name(_))
        {
            self.facts.dynamic = true;
        }
        let root = root_name(&c.func);
        let fact = CallFact {
            callee,
            root: root.clone(),
            method,
            args: c
                .args
                .iter()
                .map(|a| Arg {
                    root: root_name(a),
                    value: literal(a),
                })
                .collect(),
            keywords: c
                .keywords
                .iter()
                .map(|k| Keyword {
                    name: k.arg.as_ref().map(|a| a.to_string()),
                    value: literal(&k.value),
                    range: offset(k),
                })
                .collect(),
            range: offset(c),
            deferred: self.in_def(),
            local_receiver: root.as_deref().is_some_and(|r| self.is_local_anywhere(r)),
        };
        self.facts.calls.push(fact);
        self.expr(&c.func);
        self.exprs(&c.args);
        for k in &c.keywords {
            self.expr(&k.value);
        }
    }
}

fn push_unique(list: &mut Vec<String>, name: &str) {
    if !list.iter().any(|n| n == name) {
        list.push(name.to_string());
    }
}

fn collect_target_names(target: &Expr, out: &mut Vec<String>) {
    match target {
        Expr::Name(n) => out.push(n.id.to_string()),
        Expr::Tuple(t) => t.elts.iter().for_each(|e| collect_target_names(e, out)),
        Expr::List(l) => l.elts.iter().for_each(|e| collect_target_names(e, out)),
        Expr::Starred(s) => collect_target_names(&s.value, out),
        _ => {}
    }
}

pub(super) fn param_names(args: &ast::Arguments) -> Vec<String> {
    let mut names: Vec<String> = args
        .posonlyargs
        .iter()
        .chain(&args.args)
        .chain(&args.kwonlyargs)
        .map(|a| a.def.arg.to_string())
        .collect();
    names.extend(args.vararg.iter().map(|a| a.arg.to_string()));
    names.extend(args.kwarg.iter().map(|a| a.arg.to_string()));
    names
}

#[cfg(test)]
mod tests {
    use super::super::parse_cell;
    use super::{too_deep_at, MAX_CHAIN, MAX_NESTING};

    fn facts(src: &str) -> super::StmtFacts {
        let parsed = parse_cell(src);
        assert!(parsed.error.is_none(), "{:?}", parsed.error);
        parsed.statements.into_iter().next().expect("one statement")
    }

    fn reads(src: &str) -> Vec<String> {
        facts(src).reads.into_iter().map(|r| r.name).collect()
    }

    #[test]
    fn comprehension_targets_are_local() {
        assert_eq!(reads("ys = [x * k for x in xs if x]"), ["xs", "k"]);
        assert_eq!(facts("ys = [x for x in xs]").defines, ["ys"]);
    }

    #[test]
    fn walrus_in_comprehension_binds_outside() {
        let f = facts("ys = [y for x in xs if (y := x)]");
        assert!(f.defines.contains(&"y".to_string()));
    }

    #[test]
    fn function_free_variables_are_globals_read() {
        let f = facts("def f(a, *rest, k=DEFAULT):\n    b = a + SEED\n    return g(b, rest)\n");
        assert_eq!(f.defines, ["f"]);
        assert_eq!(f.free_vars, ["SEED", "g"]);
        assert_eq!(reads("def f(a, k=DEFAULT):\n    return a\n"), ["DEFAULT"]);
    }

    #[test]
    fn methods_do_not_see_class_scope() {
        let f = facts("class A:\n    x = 1\n    def m(self):\n        return x + y\n");
        assert_eq!(f.free_vars, ["x", "y"]);
    }

    #[test]
    fn self_reading_assignment_reads_then_defines() {
        let f = facts("df = df.dropna()");
        assert_eq!(f.defines, ["df"]);
        assert_eq!(f.reads[0].name, "df");
        assert_eq!(f.calls[0].callee, "df.dropna");
        let aug = facts("x += 1");
        assert_eq!(aug.defines, ["x"]);
        assert_eq!(aug.reads[0].name, "x");
    }

    #[test]
    fn imports_keep_aliases() {
        let f = facts("from sklearn.model_selection import train_test_split as tts");
        assert_eq!(f.imports[0].local, "tts");
        assert_eq!(
            f.imports[0].target,
            "sklearn.model_selection.train_test_split"
        );
        let f = facts("import matplotlib.pyplot as plt");
        assert_eq!(f.imports[0].target, "matplotlib.pyplot");
        let f = facts("import os.path");
        assert_eq!(
            (f.imports[0].local.as_str(), f.imports[0].target.as_str()),
            ("os", "os")
        );
    }

    #[test]
    fn part_stores_and_globals() {
        let f = facts("df.loc[df.a > 1, 'b'] = 0");
        assert_eq!(f.stores[0].name, "df");
        let f = facts("def f():\n    global n\n    n = 1\n    cache['k'] = 2\n");
        assert_eq!(f.global_writes, ["n", "cache"]);
    }

    #[test]
    fn for_and_with_targets_bind() {
        let f = facts(
            "with open(p) as fh:\n    for i, line in enumerate(fh):\n        rows.append(line)\n",
        );
        assert_eq!(f.defines, ["fh", "i", "line"]);
        assert_eq!(
            f.reads.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
            ["open", "p", "enumerate", "rows"]
        );
    }

    #[test]
    fn return_and_yield_outside_a_function_do_not_parse() {
        for src in [
            "return 1\n",
            "if x:\n    return\n",
            "yield x\n",
            "for i in y:\n    v = yield i\n",
        ] {
            let error = parse_cell(src).error.expect(src);
            assert!(
                error.message.contains("outside function"),
                "{src}: {error:?}"
            );
        }
        assert!(parse_cell("def f():\n    return 1\n").error.is_none());
        assert!(parse_cell("g = (x for x in y)\nawait f()\n")
            .error
            .is_none());
    }

    /// IPython's `leading_indent`: the first line's indentation is removed from every
    /// line that starts with it, so these cells run in Jupyter.
    #[test]
    fn a_cell_indented_from_its_first_line_parses_as_ipython_runs_it() {
        let src = " g = sns.pairplot(df, hue=\"Outcome\")";
        let f = facts(src);
        assert_eq!(f.range, 1..src.len());
        assert_eq!(
            &src[f.calls[0].range.clone()],
            "sns.pairplot(df, hue=\"Outcome\")"
        );
        assert_eq!(
            &src[f.calls[0].keywords[0].range.clone()],
            "hue=\"Outcome\""
        );
        assert_eq!(&src[f.reads[0].range.clone()], "sns");
        assert_eq!(&src[f.strings[0].range.clone()], "\"Outcome\"");

        let block = "  import pandas as pd\n  for c in cols:\n      df[c] = 1\nx = 2\n";
        let parsed = parse_cell(block);
        assert!(parsed.error.is_none(), "{:?}", parsed.error);
        let texts: Vec<&str> = parsed
            .statements
            .iter()
            .map(|s| &block[s.range.clone()])
            .collect();
        assert_eq!(
            texts,
            [
                "import pandas as pd",
                "for c in cols:\n      df[c] = 1",
                "x = 2"
            ]
        );
        assert_eq!(
            &block[parsed.statements[0].imports[0].range.clone()],
            "pandas as pd"
        );
        assert_eq!(
            &block[parsed.statements[1].stores[0].range.clone()],
            "df[c]"
        );

        let error = parse_cell("  return 1\n").error.expect("still refused");
        assert_eq!(error.offset, 2, "{error:?}");
        // Not an indented cell: the error stays where Python puts it.
        assert!(parse_cell("x = 1\n  y = 2\n").error.is_some());
        assert!(parse_cell("  x = 1\nelse:\n  y = 2\n").error.is_some());
    }

    /// rustpython-parser accepts these; CPython refuses them when it compiles the cell.
    #[test]
    fn targets_cpython_refuses_do_not_parse() {
        for (src, expected) in [
            ("f() = 1\n", "function call"),
            ("2 = x\n", "literal"),
            ("[\"a\"] = y\n", "literal"),
            ("a + b = 1\n", "expression"),
            ("del f()\n", "cannot delete"),
            ("for *x in y:\n    pass\n", "starred"),
            ("a, b += 1\n", "augmented"),
            ("(a, b): int = 1\n", "annotated"),
            ("with f() as g():\n    pass\n", "function call"),
            ("def f():\n    if x:\n        f() = 2\n", "function call"),
            ("class C:\n    return 1\n", "outside function"),
            (
                "match x:\n    case 1:\n        yield 2\n",
                "outside function",
            ),
        ] {
            let error = parse_cell(src).error.expect(src);
            assert!(error.message.contains(expected), "{src}: {error:?}");
            assert_eq!(error.kind, super::SyntaxErrorKind::Invalid, "{src}");
        }
        for ok in [
            "a, *b = c\n",
            "[a, (b, c)] = d\n",
            "x.y[0] = 1\n",
            "f().x = 1\n",
            "del a, b[0], c.d\n",
            "a[0] += 1\n",
            "a.b: int = 1\n",
            "class C:\n    def f(self):\n        return 1\n",
            "for i, (j, *k) in z:\n    pass\n",
        ] {
            assert!(
                parse_cell(ok).error.is_none(),
                "{ok}: {:?}",
                parse_cell(ok).error
            );
        }
    }

    #[test]
    fn python2_print_is_classified() {
        let parsed = parse_cell("print 'hello'\n");
        assert_eq!(parsed.error.unwrap().kind, super::SyntaxErrorKind::Python2);
    }

    #[test]
    fn the_guard_reads_fstring_fields_as_code_and_doubled_braces_as_text() {
        let deep = format!("x = f'a {{{}1{}}} b'", "(".repeat(300), ")".repeat(300));
        let found = too_deep_at(&deep).expect("too deep");
        // The field's brace is the first level, so the 200th bracket passes the limit.
        assert_eq!(found.offset, 8 + MAX_NESTING);
        let text = format!("x = f'{}' + f\"{{y['k']}}\"", "{{".repeat(300));
        assert!(too_deep_at(&text).is_none());
        // A chain ends with its logical line, not at a line break inside brackets.
        let terms = "\n+ 1".repeat(MAX_CHAIN);
        assert!(too_deep_at(&format!("x = (1{terms})")).is_some());
        assert!(too_deep_at(&format!("x = 1{terms}")).is_none());
    }

    #[test]
    fn deep_nesting_is_reported_not_overflowed() {
        let src = format!("x = {}1{}", "(".repeat(5000), ")".repeat(5000));
        let parsed = parse_cell(&src);
        assert_eq!(parsed.error.unwrap().kind, super::SyntaxErrorKind::TooDeep);
    }
}
