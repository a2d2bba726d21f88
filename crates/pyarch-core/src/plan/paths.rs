//! Path lifting: string-literal paths in load and save calls, and paths joined from
//! config constants and literals (`DATA_DIR + 'train.csv'`, `os.path.join(…)`,
//! `Path(…) / …`), become named constants in `config.py`, substituted by span. Has its
//! own small tokenizer for the call text.

use super::assign::{Item, Kind};
use super::extract::facts;
use super::python::{self, snake};
use super::split::Part;
use super::*;
use crate::knowledge::{self, paths};
use crate::syntax::lex::{self, TokenKind};
use crate::syntax::QualifiedName;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Every identifier-like word of the notebook's code (names a new constant must avoid,
/// including locals and parameters of functions, which the model does not list).
fn source_words(analysis: &Analysis) -> HashSet<String> {
    let mut words = HashSet::new();
    for cell in analysis.notebook.code_cells() {
        for w in cell
            .source
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
        {
            words.insert(w.to_string());
        }
    }
    words
}

/// `data/train.csv` → `TRAIN_CSV`; `https://x.org/AirPassengers.csv?raw=1` →
/// `AIR_PASSENGERS_CSV`; `데이터.csv` → `CSV`. ASCII upper snake case, may be empty.
fn path_base_name(value: &str) -> String {
    let value = match value.find("://") {
        Some(i) => {
            let rest = &value[i + 3..];
            rest.split(['?', '#']).next().unwrap_or(rest)
        }
        None => value,
    };
    let parts: Vec<&str> = value
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    let Some(last) = parts.last() else {
        return String::new();
    };
    let (stem, ext) = match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, ext),
        _ => (*last, ""),
    };
    let mut stem = snake(stem);
    if stem.is_empty() && parts.len() >= 2 {
        stem = snake(parts[parts.len() - 2]);
    }
    let words: Vec<String> = [stem, snake(ext)]
        .iter()
        .flat_map(|p| p.split('_').filter(|w| !w.is_empty()).map(String::from))
        .collect();
    let keep = words.len().min(6);
    words[words.len() - keep..].join("_").to_ascii_uppercase()
}

/// The literal's text when it is a plain one-line string literal (`'a.csv'`, `r"C:\a"`).
fn plain_literal(source: &str, range: &std::ops::Range<usize>) -> Option<String> {
    let text = source.get(range.clone())?;
    let prefix_end = text.find(['\'', '"'])?;
    let prefix = &text[..prefix_end];
    let plain_prefix = prefix.chars().all(|c| matches!(c, 'r' | 'R' | 'u' | 'U'));
    (plain_prefix && !text.contains(['\n', '\r']) && text.ends_with(['\'', '"']))
        .then(|| text.to_string())
}

/// A token of a load or save call's text, for [`joined_path`]: strings come from a
/// lexical scan, so their quotes and prefixes are never read as code.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(std::ops::Range<usize>),
    Str(std::ops::Range<usize>),
    Op(u8, usize),
    /// Numbers and anything else no joined path contains.
    Other(std::ops::Range<usize>),
}

impl Tok {
    fn start(&self) -> usize {
        match self {
            Tok::Name(r) | Tok::Str(r) | Tok::Other(r) => r.start,
            Tok::Op(_, i) => *i,
        }
    }
    fn end(&self) -> usize {
        match self {
            Tok::Name(r) | Tok::Str(r) | Tok::Other(r) => r.end,
            Tok::Op(_, i) => i + 1,
        }
    }
    fn is_op(&self, op: u8) -> bool {
        matches!(self, Tok::Op(o, _) if *o == op)
    }
}

/// The tokens of `range` of `source`, from the one tokenizer ([`lex::tokens`]):
/// whitespace, line continuations and comments skipped, strings whole.
fn tokens(source: &str, range: std::ops::Range<usize>) -> Vec<Tok> {
    let start = range.start;
    let Some(text) = source.get(start..range.end.min(source.len())) else {
        return Vec::new();
    };
    lex::tokens(text)
        .into_iter()
        .map(|t| {
            let r = t.range.start + start..t.range.end + start;
            match t.kind {
                TokenKind::Word => Tok::Name(r),
                TokenKind::String => Tok::Str(r),
                TokenKind::Punct if r.len() == 1 => Tok::Op(source.as_bytes()[r.start], r.start),
                TokenKind::Number | TokenKind::Punct => Tok::Other(r),
            }
        })
        .collect()
}

/// The arguments of the call whose tokens are `toks` (the call expression, ending on the
/// bracket that closes its arguments): each with its keyword, if any, and the tokens of
/// its value. `None` for `*args`, `**kwargs` or text this reading does not follow.
fn call_arguments<'t>(
    source: &'t str,
    toks: &'t [Tok],
) -> Option<Vec<(Option<&'t str>, &'t [Tok])>> {
    let mut depth = 0usize;
    let mut open = None;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Op(b'(' | b'[' | b'{', _) => {
                if depth == 0 && t.is_op(b'(') {
                    open = Some(i);
                }
                depth += 1;
            }
            Tok::Op(b')' | b']' | b'}', _) => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    let open = open?;
    if depth != 0 || !toks.last()?.is_op(b')') || toks.len() < open + 2 {
        return None;
    }
    let inner = &toks[open + 1..toks.len() - 1];
    let mut args = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for i in 0..=inner.len() {
        let at_end = i == inner.len();
        if !at_end {
            match inner[i] {
                Tok::Op(b'(' | b'[' | b'{', _) => depth += 1,
                Tok::Op(b')' | b']' | b'}', _) => depth = depth.checked_sub(1)?,
                _ => {}
            }
        }
        if at_end || (depth == 0 && inner[i].is_op(b',')) {
            let seg = &inner[start..i];
            start = i + 1;
            if seg.is_empty() {
                // A trailing comma; an empty argument anywhere else is not Python.
                if at_end && !args.is_empty() {
                    continue;
                }
                if at_end && inner.is_empty() {
                    continue;
                }
                return None;
            }
            if seg[0].is_op(b'*') {
                return None;
            }
            match seg {
                [Tok::Name(n), eq, rest @ ..]
                    if eq.is_op(b'=') && !rest.first().is_some_and(|t| t.is_op(b'=')) =>
                {
                    if rest.is_empty() {
                        return None;
                    }
                    args.push((source.get(n.clone()), rest));
                }
                _ => args.push((None, seg)),
            }
        }
    }
    Some(args)
}

/// A load or save argument that joins config constants and string literals:
/// `DATA_DIR + 'train.csv'`, `os.path.join(DATA_DIR, 'train.csv')`,
/// `Path(DATA_DIR) / 'train.csv'`, `DATA_DIR / 'train.csv'`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct JoinedPath {
    pub range: std::ops::Range<usize>,
    /// The expression on one line, as `config.py` gets it.
    pub text: String,
    /// The literal parts joined, to name the constant and check it is a path.
    pub value: String,
    /// The config constants it reads.
    pub names: Vec<String>,
    /// The imported names it calls (`os`, `Path`).
    pub imports: Vec<String>,
}

/// An operand of a joined path.
enum Operand {
    Name(std::ops::Range<usize>),
    Str(std::ops::Range<usize>),
    /// A call of names and literals: the callee's tokens, the call's range, the arguments.
    Call(
        Vec<std::ops::Range<usize>>,
        std::ops::Range<usize>,
        Vec<Operand>,
    ),
}

fn leaf(t: &Tok) -> Option<Operand> {
    match t {
        Tok::Name(r) => Some(Operand::Name(r.clone())),
        Tok::Str(r) => Some(Operand::Str(r.clone())),
        _ => None,
    }
}

/// One operand at the start of `toks` and the tokens it takes.
fn operand(toks: &[Tok]) -> Option<(Operand, usize)> {
    let first = toks.first()?;
    if !matches!(first, Tok::Name(_))
        || !toks.get(1).is_some_and(|t| t.is_op(b'.') || t.is_op(b'('))
    {
        return Some((leaf(first)?, 1));
    }
    // A dotted callee, then names and literals between brackets.
    let mut callee = Vec::new();
    let mut i = 0;
    loop {
        let Tok::Name(r) = toks.get(i)? else {
            return None;
        };
        callee.push(r.clone());
        i += 1;
        if toks.get(i)?.is_op(b'.') {
            i += 1;
        } else {
            break;
        }
    }
    if !toks.get(i)?.is_op(b'(') {
        return None;
    }
    i += 1;
    let mut args = Vec::new();
    loop {
        let t = toks.get(i)?;
        if t.is_op(b')') {
            break;
        }
        args.push(leaf(t)?);
        i += 1;
        let sep = toks.get(i)?;
        if sep.is_op(b',') {
            i += 1;
        } else if !sep.is_op(b')') {
            return None;
        }
    }
    let range = toks[0].start()..toks[i].end();
    Some((Operand::Call(callee, range, args), i + 1))
}

/// `toks` (one argument of a load or save call) read as a joined path of `f`'s config
/// constants, or `None`. `call` is the load or save; the constants must be the module's
/// (read at module scope, or free in the function the call is in).
fn joined_path(
    source: &str,
    toks: &[Tok],
    stmt: &crate::model::Statement,
    call: &crate::syntax::CallFact,
    analysis: &Analysis,
    config_names: &BTreeSet<String>,
) -> Option<JoinedPath> {
    let f = &stmt.facts;
    let mut operands = Vec::new();
    let mut op = None;
    let mut i = 0;
    loop {
        let (o, n) = operand(&toks[i..])?;
        operands.push(o);
        i += n;
        let Some(t) = toks.get(i) else { break };
        let Tok::Op(c @ (b'+' | b'/'), _) = t else {
            return None;
        };
        if op.is_some_and(|o| o != *c) {
            return None;
        }
        op = Some(*c);
        i += 1;
    }
    let text_of = |r: &std::ops::Range<usize>| source.get(r.clone());
    let mut names: Vec<String> = Vec::new();
    let mut imports: Vec<String> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    let mut last_is_str = false;
    let check_leaf = |o: &Operand,
                      names: &mut Vec<String>,
                      values: &mut Vec<String>,
                      last_is_str: &mut bool|
     -> Option<String> {
        match o {
            Operand::Name(r) => {
                let name = text_of(r)?;
                let module_read = f.reads.iter().any(|n| n.name == name && n.range == *r);
                let free = call.deferred
                    && f.free_vars.iter().any(|v| v == name)
                    && !f.params.iter().any(|p| p == name)
                    && !f.global_writes.iter().any(|g| g == name);
                if !config_names.contains(name) || !(module_read || free) {
                    return None;
                }
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
                *last_is_str = false;
                Some(name.to_string())
            }
            Operand::Str(r) => {
                let literal = plain_literal(source, r)?;
                let value = f.strings.iter().find(|s| s.range == *r)?;
                values.push(value.value.clone());
                *last_is_str = true;
                Some(literal)
            }
            Operand::Call(..) => None,
        }
    };
    let call_text = |callee: &[std::ops::Range<usize>],
                     range: &std::ops::Range<usize>,
                     wanted: &str,
                     imports: &mut Vec<String>|
     -> Option<String> {
        let ci = f.calls.iter().position(|c| c.range == *range)?;
        let inner = &f.calls[ci];
        let module = inner
            .root
            .as_ref()
            .is_some_and(|r| analysis.model.aliases.contains_key(r) && !inner.local_receiver);
        if !module || stmt.qualified_calls.get(ci).map(QualifiedName::as_str) != Some(wanted) {
            return None;
        }
        if let Some(root) = &inner.root {
            if !imports.contains(root) {
                imports.push(root.clone());
            }
        }
        let parts: Option<Vec<&str>> = callee.iter().map(&text_of).collect();
        Some(parts?.join("."))
    };
    let text = match (op, operands.as_slice()) {
        (Some(b'+'), _) => {
            let parts: Option<Vec<String>> = operands
                .iter()
                .map(|o| check_leaf(o, &mut names, &mut values, &mut last_is_str))
                .collect();
            parts?.join(" + ")
        }
        (Some(_), [first, rest @ ..]) => {
            let head = match first {
                Operand::Call(callee, range, args) => {
                    let callee = call_text(callee, range, "pathlib.Path", &mut imports)?;
                    let [arg] = args.as_slice() else { return None };
                    format!(
                        "{callee}({})",
                        check_leaf(arg, &mut names, &mut values, &mut last_is_str)?
                    )
                }
                o => check_leaf(o, &mut names, &mut values, &mut last_is_str)?,
            };
            let mut parts = vec![head];
            for o in rest {
                parts.push(check_leaf(o, &mut names, &mut values, &mut last_is_str)?);
            }
            parts.join(" / ")
        }
        (None, [Operand::Call(callee, range, args)]) if args.len() >= 2 => {
            let callee = call_text(callee, range, "os.path.join", &mut imports)?;
            let parts: Option<Vec<String>> = args
                .iter()
                .map(|o| check_leaf(o, &mut names, &mut values, &mut last_is_str))
                .collect();
            format!("{callee}({})", parts?.join(", "))
        }
        _ => return None,
    };
    if names.is_empty() || values.is_empty() || !last_is_str {
        return None;
    }
    let value = if op == Some(b'+') {
        values.concat()
    } else {
        values.join("/")
    };
    knowledge::paths::classify(&value)?;
    Some(JoinedPath {
        range: toks.first()?.start()..toks.last()?.end(),
        text,
        value,
        names,
        imports,
    })
}

/// The joined-path arguments of a load or save call: `positional` of its arguments
/// (the first for a method on a value, all for a library function) and its path keywords.
fn joined_paths_of_call(
    source: &str,
    stmt: &crate::model::Statement,
    call: &crate::syntax::CallFact,
    positional: usize,
    analysis: &Analysis,
    config_names: &BTreeSet<String>,
) -> Vec<JoinedPath> {
    let wanted = call.args[..positional]
        .iter()
        .any(|a| a.value == crate::syntax::Literal::Expr)
        || call.keywords.iter().any(|k| {
            k.value == crate::syntax::Literal::Expr
                && k.name
                    .as_deref()
                    .is_some_and(|n| paths::PATH_KEYWORDS.contains(&n))
        });
    if !wanted || config_names.is_empty() {
        return Vec::new();
    }
    let toks = tokens(source, call.range.clone());
    let Some(args) = call_arguments(source, &toks) else {
        return Vec::new();
    };
    if args.iter().filter(|(k, _)| k.is_none()).count() != call.args.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, (keyword, value)) in args.iter().enumerate() {
        let path_arg = match keyword {
            None => i < positional && call.args[i].value == crate::syntax::Literal::Expr,
            Some(k) => paths::PATH_KEYWORDS.contains(k),
        };
        if path_arg {
            out.extend(joined_path(
                source,
                value,
                stmt,
                call,
                analysis,
                config_names,
            ));
        }
    }
    out
}

/// Offsets of `word` as a whole identifier in `range` of `source`.
pub(super) fn word_offsets<'a>(
    source: &'a str,
    range: &std::ops::Range<usize>,
    word: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    let start = range.start.min(source.len());
    let text = source.get(start..range.end.min(source.len())).unwrap_or("");
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).filter_map(move |(i, _)| {
        let before = text[..i].chars().next_back().is_some_and(ident);
        let after = text[i + word.len()..].chars().next().is_some_and(ident);
        (!before && !after).then_some(start + i)
    })
}

/// Path literals passed to load and save calls: a config constant for each path
/// (named from its file name), or the notebook's own config constant when one holds
/// the same string, and where each literal is replaced by that name. Paths joined from
/// config constants and literals ([`JoinedPath`]) become config constants too, after
/// the ones they read; the third result lists, by constant, the config constants and
/// imports each joined one reads.
pub(super) fn lift_paths(
    analysis: &Analysis,
    items: &[Item],
    taken: &HashSet<String>,
    config_names: &BTreeSet<String>,
) -> (
    Vec<PathConstant>,
    Vec<PathSubstitution>,
    HashMap<String, JoinedPath>,
) {
    let model = &analysis.model;
    let mut lifter = Lifter {
        existing: existing_path_constants(analysis, items, config_names),
        words: source_words(analysis),
        taken,
        used: HashSet::new(),
        by_value: HashMap::new(),
        constants: Vec::new(),
        joined_constants: HashMap::new(),
    };
    let mut substitutions: Vec<PathSubstitution> = Vec::new();
    for item in items {
        // A split statement's paths are in its load part.
        if matches!(item.dest, Destination::Drop | Destination::Config)
            || !matches!(item.kind, Kind::Code | Kind::Def)
            || matches!(item.part, Part::Rest(_))
        {
            continue;
        }
        let Some(source) = analysis
            .notebook
            .cells
            .get(item.cell)
            .map(|c| c.source.as_str())
        else {
            continue;
        };
        let stmt = &model.cell(item.cell).expect("cell").statements[item.stmt];
        let f = &stmt.facts;
        for (range, join) in paths_in_statement(analysis, stmt, source, taken, config_names) {
            // What `config.py` assigns, the value that names it, and the key that
            // makes the same path one constant.
            let (literal, value, key) = match &join {
                Some(j) => (j.text.clone(), j.value.clone(), format!("\u{0}{}", j.text)),
                None => {
                    let Some(literal) = plain_literal(source, &range) else {
                        continue;
                    };
                    let value = f
                        .strings
                        .iter()
                        .find(|s| s.range == range)
                        .map(|s| s.value.clone())
                        .unwrap_or_default();
                    (literal, value.clone(), value)
                }
            };
            let reuse = lifter
                .existing
                .get(&key)
                .filter(|n| !f.params.contains(n))
                .cloned();
            let name = match reuse {
                Some(n) => n,
                None => lifter.constant_for(key, literal, value, join, item.cell),
            };
            substitutions.push(PathSubstitution {
                cell: item.cell,
                statement: item.stmt,
                range,
                name,
            });
        }
    }
    (lifter.constants, substitutions, lifter.joined_constants)
}

/// Config constants that already hold a string: `DATA = 'data/train.csv'`, by value.
fn existing_path_constants(
    analysis: &Analysis,
    items: &[Item],
    config_names: &BTreeSet<String>,
) -> HashMap<String, String> {
    let mut existing: HashMap<String, String> = HashMap::new();
    for item in items.iter().filter(|i| i.dest == Destination::Config) {
        let f = facts(analysis, item);
        if let (
            [target],
            Some(crate::syntax::AssignedValue::Literal(crate::syntax::Literal::Str(v))),
        ) = (f.targets.as_slice(), &f.value)
        {
            if config_names.contains(target) && f.defines == [target.clone()] {
                existing.entry(v.clone()).or_insert_with(|| target.clone());
            }
        }
    }
    existing
}

/// The new config constants, one per path, named so they collide with nothing.
struct Lifter<'a> {
    existing: HashMap<String, String>,
    words: HashSet<String>,
    taken: &'a HashSet<String>,
    used: HashSet<String>,
    by_value: HashMap<String, String>,
    constants: Vec<PathConstant>,
    joined_constants: HashMap<String, JoinedPath>,
}

impl Lifter<'_> {
    /// The constant for a path: the one made for the same `key` already, or a new one.
    fn constant_for(
        &mut self,
        key: String,
        literal: String,
        value: String,
        join: Option<JoinedPath>,
        cell: usize,
    ) -> String {
        if let Some(n) = self.by_value.get(&key) {
            return n.clone();
        }
        let mut base = path_base_name(&value);
        if base.is_empty() {
            base = "DATA_PATH".into();
        }
        if !python::is_identifier(&base) {
            base = format!("PATH_{base}");
        }
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name)
            || self.words.contains(&name)
            || self.used.contains(&name)
            || knowledge::is_builtin(&name)
            || !python::is_identifier(&name)
        {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.used.insert(name.clone());
        self.by_value.insert(key, name.clone());
        if let Some(j) = join {
            self.joined_constants.insert(name.clone(), j);
        }
        self.constants.push(PathConstant {
            name: name.clone(),
            literal,
            value,
            cell,
        });
        name
    }
}

/// The paths a statement's load and save calls name, in source order: string
/// literals (`None`) and joined paths (`Some`).
fn paths_in_statement(
    analysis: &Analysis,
    stmt: &crate::model::Statement,
    source: &str,
    taken: &HashSet<String>,
    config_names: &BTreeSet<String>,
) -> Vec<(std::ops::Range<usize>, Option<JoinedPath>)> {
    let model = &analysis.model;
    let f = &stmt.facts;
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    let mut joined: Vec<JoinedPath> = Vec::new();
    for (ci, c) in f.calls.iter().enumerate() {
        let qualified = stmt.qualified_calls.get(ci);
        let module = c
            .root
            .as_ref()
            .is_some_and(|r| model.aliases.contains_key(r) && !c.local_receiver);
        let plain = c.callee.is_plain_name();
        // A function of the notebook's own that shadows a library name.
        if plain && !module && taken.contains(c.callee.as_str()) {
            continue;
        }
        let chained = qualified.is_some_and(QualifiedName::is_chained);
        let entry =
            qualified.and_then(|q| knowledge::api::lookup_call(q, &c.method, module && !chained));
        let Some(entry) = entry else {
            continue;
        };
        if !matches!(
            entry.kind,
            Some(knowledge::api::ApiKind::Loader | knowledge::api::ApiKind::Saver)
        ) {
            continue;
        }
        // A method on a value takes the path first (`df.to_csv(path)`); a library
        // function may take it anywhere (`joblib.dump(model, path)`).
        let method_on_value = !module && !plain;
        if method_on_value
            && knowledge::api::method_has_tag(&c.method, knowledge::api::ApiTag::Content)
        {
            continue;
        }
        let positional = if method_on_value {
            &c.args[..c.args.len().min(1)]
        } else {
            &c.args[..]
        };
        let mut values: Vec<&str> = positional
            .iter()
            .filter_map(|a| match &a.value {
                crate::syntax::Literal::Str(v) => Some(v.as_str()),
                _ => None,
            })
            .collect();
        for k in &c.keywords {
            if let (Some(name), crate::syntax::Literal::Str(v)) = (&k.name, &k.value) {
                if paths::PATH_KEYWORDS.contains(&name.as_str()) {
                    values.push(v);
                }
            }
        }
        for v in values {
            if knowledge::paths::classify(v).is_none() {
                continue;
            }
            // The literal itself: the one string with that value in the call.
            let mut same = f.strings.iter().filter(|s| {
                s.value == v && s.range.start >= c.range.start && s.range.end <= c.range.end
            });
            let (Some(lit), None) = (same.next(), same.next()) else {
                continue;
            };
            if !found.contains(&lit.range) {
                found.push(lit.range.clone());
            }
        }
        for j in joined_paths_of_call(source, stmt, c, positional.len(), analysis, config_names) {
            if !joined.iter().any(|o| o.range == j.range) {
                joined.push(j);
            }
        }
    }
    // Lifted literals are whole arguments, so they never lie inside a joined path;
    // a joined path inside another (a load call as an argument) leaves the outer one.
    let outer: Vec<std::ops::Range<usize>> = joined.iter().map(|j| j.range.clone()).collect();
    joined.retain(|j| {
        let overlaps = |r: &std::ops::Range<usize>| r.start < j.range.end && j.range.start < r.end;
        !found.iter().any(overlaps) && !outer.iter().any(|r| *r != j.range && overlaps(r))
    });
    let mut found: Vec<(std::ops::Range<usize>, Option<JoinedPath>)> = found
        .into_iter()
        .map(|r| (r, None))
        .chain(joined.into_iter().map(|j| (j.range.clone(), Some(j))))
        .collect();
    found.sort_by_key(|(r, _)| r.start);
    found
}
