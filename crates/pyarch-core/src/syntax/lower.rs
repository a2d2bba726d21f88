//! Lowers the parser's AST into the dataflow view of [`super::flow`].

use super::flow::*;
use super::Literal;
use rustpython_parser::ast::{self, Expr, Ranged, Stmt};
use std::ops::Range;

/// Deeper expressions are folded into an empty [`FlowExpr::Op`] (the walker reports
/// them; this only keeps the lowering's recursion bounded).
const MAX_DEPTH: usize = 120;

pub(super) struct Lower<'a> {
    pub text: &'a str,
    /// Bytes to subtract from every range (the `if 1:` wrapper of an indented cell).
    pub by: usize,
    depth: usize,
}

impl<'a> Lower<'a> {
    pub fn new(text: &'a str, by: usize) -> Lower<'a> {
        Lower { text, by, depth: 0 }
    }

    fn range<T: Ranged>(&self, r: &T) -> Range<usize> {
        let range = r.range();
        let (s, e) = (
            u32::from(range.start()) as usize,
            u32::from(range.end()) as usize,
        );
        s.saturating_sub(self.by)..e.saturating_sub(self.by)
    }

    fn source<T: Ranged>(&self, r: &T) -> String {
        let range = r.range();
        let (s, e) = (
            u32::from(range.start()) as usize,
            u32::from(range.end()) as usize,
        );
        self.text.get(s..e).unwrap_or("").to_string()
    }

    pub fn stmts(&mut self, stmts: &[Stmt]) -> Vec<FlowStmt> {
        stmts.iter().map(|s| self.stmt(s)).collect()
    }

    pub fn stmt(&mut self, stmt: &Stmt) -> FlowStmt {
        if self.depth > MAX_DEPTH {
            return FlowStmt::empty();
        }
        self.depth += 1;
        let out = self.stmt_inner(stmt);
        self.depth -= 1;
        out
    }

    fn stmt_inner(&mut self, stmt: &Stmt) -> FlowStmt {
        match stmt {
            Stmt::FunctionDef(f) => FlowStmt::Def {
                name: f.name.to_string(),
                params: super::walk::param_names(&f.args),
                body: self.stmts(&f.body),
            },
            Stmt::AsyncFunctionDef(f) => FlowStmt::Def {
                name: f.name.to_string(),
                params: super::walk::param_names(&f.args),
                body: self.stmts(&f.body),
            },
            Stmt::ClassDef(c) => FlowStmt::Class {
                name: c.name.to_string(),
                body: self.stmts(&c.body),
            },
            Stmt::Return(r) => FlowStmt::Return(r.value.as_deref().map(|v| self.expr(v))),
            Stmt::Assign(a) => FlowStmt::Assign {
                targets: a.targets.iter().map(|t| self.target(t)).collect(),
                value: self.expr(&a.value),
            },
            Stmt::AnnAssign(a) => match &a.value {
                Some(v) => FlowStmt::Assign {
                    targets: vec![self.target(&a.target)],
                    value: self.expr(v),
                },
                None => FlowStmt::empty(),
            },
            Stmt::AugAssign(a) => FlowStmt::AugAssign {
                target: self.target(&a.target),
                value: self.expr(&a.value),
            },
            Stmt::For(f) => FlowStmt::For {
                target: self.target(&f.target),
                iter: self.expr(&f.iter),
                body: self.stmts(&f.body),
                orelse: self.stmts(&f.orelse),
            },
            Stmt::AsyncFor(f) => FlowStmt::For {
                target: self.target(&f.target),
                iter: self.expr(&f.iter),
                body: self.stmts(&f.body),
                orelse: self.stmts(&f.orelse),
            },
            Stmt::While(w) => FlowStmt::While {
                test: self.expr(&w.test),
                body: self.stmts(&w.body),
                orelse: self.stmts(&w.orelse),
            },
            Stmt::If(i) => {
                let test = FlowStmt::Expr(self.expr(&i.test));
                let body = self.stmts(&i.body);
                let orelse = self.stmts(&i.orelse);
                FlowStmt::Block(vec![test, FlowStmt::Branches(vec![body, orelse])])
            }
            Stmt::With(w) => self.with(&w.items, &w.body),
            Stmt::AsyncWith(w) => self.with(&w.items, &w.body),
            Stmt::Match(m) => {
                let subject = FlowStmt::Expr(self.expr(&m.subject));
                let cases = m.cases.iter().map(|c| self.stmts(&c.body)).collect();
                FlowStmt::Block(vec![subject, FlowStmt::Branches(cases)])
            }
            Stmt::Try(t) => self.try_stmt(&t.body, &t.handlers, &t.orelse, &t.finalbody),
            Stmt::TryStar(t) => self.try_stmt(&t.body, &t.handlers, &t.orelse, &t.finalbody),
            Stmt::Global(g) => FlowStmt::Global(g.names.iter().map(|n| n.to_string()).collect()),
            Stmt::Expr(e) => FlowStmt::Expr(self.expr(&e.value)),
            Stmt::Delete(d) => FlowStmt::Delete(d.targets.iter().map(|t| self.target(t)).collect()),
            other => {
                // Raise, assert and the rest: their calls still run.
                let mut parts = Vec::new();
                match other {
                    Stmt::Raise(r) => {
                        parts.extend(r.exc.as_deref().map(|e| self.expr(e)));
                    }
                    Stmt::Assert(a) => parts.push(self.expr(&a.test)),
                    _ => {}
                }
                FlowStmt::Other(parts)
            }
        }
    }

    fn with(&mut self, items: &[ast::WithItem], body: &[Stmt]) -> FlowStmt {
        let mut out = Vec::new();
        for item in items {
            let value = self.expr(&item.context_expr);
            match &item.optional_vars {
                Some(v) => out.push(FlowStmt::Assign {
                    targets: vec![self.target(v)],
                    value,
                }),
                None => out.push(FlowStmt::Expr(value)),
            }
        }
        out.extend(self.stmts(body));
        FlowStmt::Block(out)
    }

    fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[ast::ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> FlowStmt {
        let mut main = self.stmts(body);
        main.extend(self.stmts(orelse));
        let mut alternatives = vec![main];
        for ast::ExceptHandler::ExceptHandler(h) in handlers {
            alternatives.push(self.stmts(&h.body));
        }
        let mut out = vec![FlowStmt::Branches(alternatives)];
        out.extend(self.stmts(finalbody));
        FlowStmt::Block(out)
    }

    fn target(&mut self, target: &Expr) -> FlowTarget {
        match target {
            Expr::Name(n) => FlowTarget::Name(n.id.to_string()),
            Expr::Tuple(t) => FlowTarget::Seq(t.elts.iter().map(|e| self.target(e)).collect()),
            Expr::List(l) => FlowTarget::Seq(l.elts.iter().map(|e| self.target(e)).collect()),
            Expr::Starred(s) => FlowTarget::Star(Box::new(self.target(&s.value))),
            Expr::Attribute(_) | Expr::Subscript(_) => match root(target) {
                Some(root) => FlowTarget::Part {
                    root,
                    key: string_key(target),
                },
                None => FlowTarget::Other,
            },
            _ => FlowTarget::Other,
        }
    }

    pub fn expr(&mut self, expr: &Expr) -> FlowExpr {
        if self.depth > MAX_DEPTH {
            return FlowExpr::Op(Vec::new());
        }
        self.depth += 1;
        let out = self.expr_inner(expr);
        self.depth -= 1;
        out
    }

    fn exprs(&mut self, exprs: &[Expr]) -> Vec<FlowExpr> {
        exprs.iter().map(|e| self.expr(e)).collect()
    }

    fn expr_inner(&mut self, expr: &Expr) -> FlowExpr {
        match expr {
            Expr::Name(n) => FlowExpr::Name(n.id.to_string()),
            Expr::Constant(_) => FlowExpr::Lit(super::walk::literal(expr)),
            Expr::Attribute(a) => FlowExpr::Attr(Box::new(self.expr(&a.value)), a.attr.to_string()),
            Expr::Call(c) => {
                let callee = super::walk::callee_name(&c.func);
                let method = match &*c.func {
                    Expr::Attribute(a) => a.attr.to_string(),
                    Expr::Name(n) => n.id.to_string(),
                    _ => String::new(),
                };
                FlowExpr::Call(Box::new(FlowCall {
                    func: self.expr(&c.func),
                    callee,
                    method,
                    args: self.exprs(&c.args),
                    keywords: c
                        .keywords
                        .iter()
                        .map(|k| (k.arg.as_ref().map(|a| a.to_string()), self.expr(&k.value)))
                        .collect(),
                    range: self.range(c),
                }))
            }
            Expr::Subscript(s) => FlowExpr::Subscript {
                value: Box::new(self.expr(&s.value)),
                index: Box::new(self.index(&s.slice)),
                range: self.range(s),
            },
            Expr::Tuple(t) => FlowExpr::Seq(self.exprs(&t.elts)),
            Expr::List(l) => FlowExpr::Seq(self.exprs(&l.elts)),
            Expr::Starred(s) => self.expr(&s.value),
            Expr::Compare(c) => {
                let mut parts = vec![self.expr(&c.left)];
                parts.extend(self.exprs(&c.comparators));
                FlowExpr::Compare {
                    parts,
                    subject: self.source(&*c.left),
                    text: self.source(c),
                }
            }
            Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOp::Invert | ast::UnaryOp::Not) => {
                FlowExpr::Invert(Box::new(self.expr(&u.operand)))
            }
            Expr::UnaryOp(u) => match super::walk::literal(expr) {
                Literal::Expr => FlowExpr::Op(vec![self.expr(&u.operand)]),
                lit => FlowExpr::Lit(lit),
            },
            Expr::Lambda(l) => FlowExpr::Lambda {
                params: super::walk::param_names(&l.args),
                body: Box::new(self.expr(&l.body)),
            },
            Expr::NamedExpr(n) => self.expr(&n.value),
            Expr::BoolOp(b) => FlowExpr::Op(self.exprs(&b.values)),
            Expr::BinOp(b) => FlowExpr::Op(vec![self.expr(&b.left), self.expr(&b.right)]),
            Expr::IfExp(i) => FlowExpr::Op(vec![
                self.expr(&i.test),
                self.expr(&i.body),
                self.expr(&i.orelse),
            ]),
            Expr::Dict(d) => {
                let mut parts: Vec<FlowExpr> =
                    d.keys.iter().flatten().map(|k| self.expr(k)).collect();
                parts.extend(self.exprs(&d.values));
                FlowExpr::Op(parts)
            }
            Expr::Set(s) => FlowExpr::Op(self.exprs(&s.elts)),
            Expr::ListComp(c) => self.comprehension(&c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension(&c.generators, &[&c.elt]),
            Expr::GeneratorExp(c) => self.comprehension(&c.generators, &[&c.elt]),
            Expr::DictComp(c) => self.comprehension(&c.generators, &[&c.key, &c.value]),
            Expr::Await(a) => self.expr(&a.value),
            Expr::JoinedStr(j) => FlowExpr::Op(self.exprs(&j.values)),
            Expr::FormattedValue(f) => self.expr(&f.value),
            Expr::Slice(_) | Expr::Yield(_) | Expr::YieldFrom(_) => FlowExpr::Op(Vec::new()),
        }
    }

    fn comprehension(&mut self, generators: &[ast::Comprehension], elts: &[&Expr]) -> FlowExpr {
        let mut parts: Vec<FlowExpr> = generators.iter().map(|g| self.expr(&g.iter)).collect();
        parts.extend(elts.iter().map(|e| self.expr(e)));
        FlowExpr::Op(parts)
    }

    fn index(&mut self, slice: &Expr) -> FlowIndex {
        match slice {
            Expr::Slice(s) => FlowIndex::Slice {
                lower: s.lower.as_deref().map(|e| self.expr(e)),
                upper: s.upper.as_deref().map(|e| self.expr(e)),
            },
            Expr::Tuple(t) if t.elts.iter().any(|e| matches!(e, Expr::Slice(_))) => {
                FlowIndex::Tuple(t.elts.iter().map(|e| self.index(e)).collect())
            }
            other => FlowIndex::Expr(self.expr(other)),
        }
    }
}

/// `'a'` in `df['a']` (the subscript of a name).
fn string_key(target: &Expr) -> Option<String> {
    let Expr::Subscript(s) = target else {
        return None;
    };
    if !matches!(&*s.value, Expr::Name(_)) {
        return None;
    }
    match &*s.slice {
        Expr::Constant(c) => match &c.value {
            ast::Constant::Str(key) => Some(key.to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn root(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Name(n) => Some(n.id.to_string()),
        Expr::Attribute(a) => root(&a.value),
        Expr::Subscript(s) => root(&s.value),
        _ => None,
    }
}
