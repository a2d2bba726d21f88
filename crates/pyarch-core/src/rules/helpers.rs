//! What rule modules share: findings at byte ranges of a cell, positions and text of
//! a cell for messages, names bound and read across cells, idempotence of a
//! statement's text, and lists of cells for messages. Not a rule:
//! it has no registry entry.

use super::{Context, Rule};
use crate::finding::{Finding, Severity, Span};
use crate::i18n::{Arg, Message};
use crate::model::{CellModel, NotebookModel};
use crate::msg;
use crate::syntax::StmtKind;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

// ---------------------------------------------------------------------------------------
// Findings and positions.

/// A finding of `rule` at a byte `range` of cell `cell`'s source, built in steps so
/// that the message and the suggestion cannot be swapped:
/// `finding(ctx, rule, cell, range).message(…).suggestion(…)`, with the rule's
/// default severity unless `.severity(…)` says otherwise.
pub fn finding<'c>(
    ctx: &'c Context<'c>,
    rule: &'c Rule,
    cell: usize,
    range: Range<usize>,
) -> FindingAt<'c> {
    FindingAt {
        ctx,
        rule,
        severity: rule.severity,
        cell,
        range,
    }
}

/// A finding with its place and severity, waiting for its message.
pub struct FindingAt<'c> {
    ctx: &'c Context<'c>,
    rule: &'c Rule,
    severity: Severity,
    cell: usize,
    range: Range<usize>,
}

impl<'c> FindingAt<'c> {
    pub fn severity(self, severity: Severity) -> FindingAt<'c> {
        FindingAt { severity, ..self }
    }

    /// What is wrong, in one sentence: a message id and its named arguments.
    pub fn message(self, message: impl Into<Message>) -> FindingMessage<'c> {
        FindingMessage {
            at: self,
            message: message.into(),
        }
    }
}

/// A finding with its message, waiting for the suggestion that completes it.
pub struct FindingMessage<'c> {
    at: FindingAt<'c>,
    message: Message,
}

impl FindingMessage<'_> {
    /// How to fix it; gives the finding.
    pub fn suggestion(self, suggestion: impl Into<Message>) -> Finding {
        let FindingAt {
            ctx,
            rule,
            severity,
            cell,
            range,
        } = self.at;
        Finding {
            code: rule.code,
            severity,
            cell: Some(cell),
            cell_id: ctx.notebook.cells.get(cell).and_then(|c| c.id.clone()),
            span: span(ctx, cell, range),
            message: self.message,
            suggestion: suggestion.into(),
            related: Vec::new(),
        }
    }
}

/// A cell's source as stored.
pub fn source<'a>(ctx: &Context<'a>, cell: usize) -> &'a str {
    ctx.notebook
        .cells
        .get(cell)
        .map_or("", |c| c.source.as_str())
}

/// Line and column span of a byte range in a cell.
pub fn span(ctx: &Context, cell: usize, range: Range<usize>) -> Span {
    let text = source(ctx, cell);
    match ctx.model.cell(cell) {
        Some(model) => model.lines.0.span(text, range),
        None => crate::text::LineIndex::new(text).span(text, range),
    }
}

/// The first and last line (1-based) of a byte range in a cell.
pub fn lines(ctx: &Context, cell: usize, range: Range<usize>) -> (u32, u32) {
    let s = span(ctx, cell, range.clone());
    // A range ending right after a newline ends on the line before.
    let end_line = if s.end_column == 1 && s.end_line > s.line {
        s.end_line - 1
    } else {
        s.end_line
    };
    (s.line, end_line)
}

/// `line 3` or `lines 3–6`.
pub fn line_text((first, last): (u32, u32)) -> Message {
    if first == last {
        msg!("line", line = first)
    } else {
        msg!("line-range", first = first, last = last)
    }
}

/// The text of a byte range of a cell, or "".
pub fn text<'a>(ctx: &Context<'a>, cell: usize, range: Range<usize>) -> &'a str {
    source(ctx, cell).get(range).unwrap_or("")
}

/// The first line of a statement's text, shortened for a message.
pub fn snippet(ctx: &Context, cell: usize, range: Range<usize>) -> String {
    let first = text(ctx, cell, range).lines().next().unwrap_or("").trim();
    shorten(first, 60)
}

pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// The byte range from the first statement's start to the last one's end.
pub fn code_range(cell: &CellModel) -> Option<Range<usize>> {
    let first = cell.statements.first()?;
    let last = cell.statements.last()?;
    Some(first.facts.range.start..last.facts.range.end)
}

// ---------------------------------------------------------------------------------------
// Names and statements across cells.

/// The byte range of a cell's first line with code on it (not blank, not a comment);
/// the first line when there is none.
pub fn first_code_line(source: &str) -> Range<usize> {
    let mut start = 0;
    let mut first: Option<Range<usize>> = None;
    for line in source.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let range = start..start + text.len();
        first.get_or_insert(range.clone());
        let trimmed = text.trim_start();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            let indent = text.len() - trimmed.len();
            return start + indent..range.end;
        }
        start += line.len();
    }
    first.unwrap_or(0..0)
}

/// True when a cell has something besides blank lines and comments.
pub fn has_code(source: &str) -> bool {
    source.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// The first occurrence of `name` as a whole identifier in `source[range]`, skipping
/// strings and comments only approximately (good enough to place a marker).
pub fn find_identifier(source: &str, range: Range<usize>, name: &str) -> Option<Range<usize>> {
    let end = range.end.min(source.len());
    let start = range.start.min(end);
    let hay = source.get(start..end)?;
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(pos) = hay[from..].find(name) {
        let at = from + pos;
        let before = hay[..at].chars().next_back();
        let after = hay[at + name.len()..].chars().next();
        let line_start = hay[..at].rfind('\n').map_or(0, |i| i + 1);
        let in_comment = hay[line_start..at].contains('#');
        if !before.is_some_and(is_ident)
            && !after.is_some_and(is_ident)
            && !in_comment
            && before != Some('.')
        {
            return Some(start + at..start + at + name.len());
        }
        from = at + name.len();
    }
    None
}

/// Inside a `def`/`class` statement, skips the header line so a global is found in
/// the body rather than in a parameter of the same name.
pub fn body_range(source: &str, range: Range<usize>) -> Range<usize> {
    let end = range.end.min(source.len());
    let start = range.start.min(end);
    // The header ends on the first line (after decorators) that ends with `:`.
    let mut at = start;
    for line in source[start..end].split_inclusive('\n') {
        at += line.len();
        let code = line.split('#').next().unwrap_or(line).trim_end();
        if !line.trim_start().starts_with('@') && code.ends_with(':') {
            return at.min(end)..end;
        }
    }
    start..end
}

/// Names the notebook binds with imports, `def` and `class` anywhere: modules,
/// functions and classes rather than data.
pub fn code_names(model: &NotebookModel) -> HashSet<String> {
    let mut out = HashSet::new();
    for (_, stmt) in model.statements() {
        for import in &stmt.facts.imports {
            if import.local != "*" {
                out.insert(import.local.clone());
            }
        }
        if matches!(stmt.facts.kind, StmtKind::FunctionDef | StmtKind::ClassDef) {
            if let Some(name) = &stmt.facts.def_name {
                out.insert(name.clone());
            }
        }
    }
    out
}

/// Name → the cells (indices among all cells, notebook order, no repeats) whose
/// statements bind it at module scope.
pub fn binding_cells(model: &NotebookModel) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    for (cell, stmt) in model.statements() {
        for name in stmt.facts.defines.iter().chain(&stmt.facts.global_writes) {
            let cells = out.entry(name.clone()).or_default();
            if cells.last() != Some(&cell.index) {
                cells.push(cell.index);
            }
        }
    }
    out
}

/// The names a cell binds or changes in place at module scope, apart from
/// imports (running an import again changes nothing).
pub fn cell_writes(model: &NotebookModel, cell: usize) -> HashSet<&str> {
    let mut out = HashSet::new();
    let Some(cell) = model.cells.iter().find(|c| c.index == cell) else {
        return out;
    };
    for stmt in &cell.statements {
        if stmt.facts.kind == StmtKind::Import {
            continue;
        }
        out.extend(stmt.facts.defines.iter().map(String::as_str));
        out.extend(stmt.facts.global_writes.iter().map(String::as_str));
        out.extend(stmt.mutations.iter().map(|m| m.name.as_str()));
    }
    out
}

/// The names a cell reads at module scope.
pub fn cell_reads(model: &NotebookModel, cell: usize) -> HashSet<&str> {
    model
        .cells
        .iter()
        .filter(|c| c.index == cell)
        .flat_map(|c| &c.statements)
        .flat_map(|s| s.facts.reads.iter().map(|r| r.name.as_str()))
        .collect()
}

/// Whether a cell after `after` (notebook order) reads `name`, directly or
/// through a function body: the value reaches a later result.
pub fn read_after(model: &NotebookModel, name: &str, after: usize) -> bool {
    model
        .cells
        .iter()
        .filter(|c| c.index > after)
        .flat_map(|c| &c.statements)
        .any(|s| s.reads(name) || s.facts.free_vars.iter().any(|v| v == name))
}

/// The state two cells share that reaches a result: names one writes and the
/// other reads, or both write and a later cell reads; sorted. A cell that only
/// displays or imports (binds nothing) shares none.
pub fn shared_state(model: &NotebookModel, a: usize, b: usize) -> Vec<&str> {
    let (wa, wb) = (cell_writes(model, a), cell_writes(model, b));
    // A cell that binds nothing only displays: its stale output feeds no result.
    if wa.is_empty() || wb.is_empty() {
        return Vec::new();
    }
    let (ra, rb) = (cell_reads(model, a), cell_reads(model, b));
    let mut out: Vec<&str> = wa
        .iter()
        .filter(|n| rb.contains(*n) || wb.contains(*n) && read_after(model, n, a.max(b)))
        .chain(wb.iter().filter(|n| ra.contains(*n)))
        .copied()
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Splits an assignment's text at its top-level `=` into target and value, both
/// trimmed; `None` for anything else (`==`, `<=`, keyword arguments in brackets).
pub fn split_assignment(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'\'' | b'"' => quote = Some(b),
                b'#' => return None,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                b'=' if depth == 0 => {
                    let prev = i.checked_sub(1).map(|p| bytes[p]);
                    let next = bytes.get(i + 1).copied();
                    let operator = matches!(
                        prev,
                        Some(
                            b'=' | b'!'
                                | b'<'
                                | b'>'
                                | b'+'
                                | b'-'
                                | b'*'
                                | b'/'
                                | b'%'
                                | b'&'
                                | b'|'
                                | b'^'
                                | b':'
                        )
                    );
                    if !operator && next != Some(b'=') {
                        return Some((text[..i].trim(), text[i + 1..].trim()));
                    }
                    if next == Some(b'=') {
                        i += 1;
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

/// The text with whitespace removed and `"` written as `'`, for comparing
/// expressions (`df["a"]` and `df[ 'a' ]` are the same).
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '"' { '\'' } else { c })
        .collect()
}

/// Whether `value`, computed from `base`, gives the same result when computed
/// again from its own result, so re-running the assignment `base = value`
/// changes nothing: `df.dropna()`, `df[df.age > 0]`, `np.array(X)`,
/// `pd.to_datetime(df['d'])`, `df['s'].str.lower()`. Both are normalised text.
pub fn idempotent_rebind(base: &str, value: &str) -> bool {
    if value == base {
        return true;
    }
    if let Some(rest) = value.strip_prefix(base) {
        if rest.starts_with('.') || rest.starts_with('[') {
            return idempotent_chain(rest);
        }
    }
    // `np.array(X)`, `pd.to_datetime(df['d'])`, then maybe a chain.
    let Some(open) = value.find('(') else {
        return false;
    };
    let callee = &value[..open];
    let function = callee.rsplit('.').next().unwrap_or(callee);
    if !callee
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        || !crate::knowledge::is_idempotent_method(function)
    {
        return false;
    }
    let Some(close) = matching(value, open) else {
        return false;
    };
    let args = &value[open + 1..close];
    let first = split_top_level(args, b',').into_iter().next().unwrap_or("");
    first == base && idempotent_chain(&value[close + 1..])
}

/// `.dropna().reset_index(drop=True)`, `[df.a > 0]`, `.str.lower()`: every step
/// idempotent.
fn idempotent_chain(mut rest: &str) -> bool {
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let len = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            let name = &after[..len];
            let tail = &after[len..];
            if tail.starts_with('(') {
                let Some(close) = matching(tail, 0) else {
                    return false;
                };
                let args = &tail[1..close];
                let ok = if name == "reset_index" {
                    args.contains("drop=True")
                } else {
                    crate::knowledge::is_idempotent_method(name)
                };
                if !ok {
                    return false;
                }
                rest = &tail[close + 1..];
            } else {
                if !crate::knowledge::IDEMPOTENT_ATTRIBUTES.contains(&name) {
                    return false;
                }
                rest = tail;
            }
        } else if rest.starts_with('[') {
            let Some(close) = matching(rest, 0) else {
                return false;
            };
            if !selects_rows_or_columns(&rest[1..close]) {
                return false;
            }
            rest = &rest[close + 1..];
        } else {
            return false;
        }
    }
    true
}

/// A boolean mask (`df.age > 0`, `~df.x.isna()`) or a list of column labels
/// (`['a', 'b']`): selecting with it twice selects the same.
fn selects_rows_or_columns(index: &str) -> bool {
    const MASKS: &[&str] = &[
        ">",
        "<",
        "==",
        "!=",
        "~",
        ".isin(",
        ".notna(",
        ".notnull(",
        ".isna(",
        ".isnull(",
        ".between(",
        ".str.contains(",
    ];
    if MASKS.iter().any(|m| index.contains(m)) {
        return true;
    }
    index.starts_with('[')
        && index.ends_with(']')
        && split_top_level(&index[1..index.len() - 1], b',')
            .iter()
            .all(|item| item.len() >= 2 && item.starts_with('\'') && item.ends_with('\''))
}

/// The index of the bracket closing the one at `open`.
fn matching(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate().skip(open) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'\'' | b'"' => quote = Some(b),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            },
        }
    }
    None
}

/// Splits at `sep` outside brackets and strings.
fn split_top_level(text: &str, sep: u8) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'\'' | b'"' => quote = Some(b),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                _ if b == sep && depth == 0 => {
                    out.push(&text[start..i]);
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    out.push(&text[start..]);
    out
}

/// Whether re-running `target = value` (an item or attribute store, text as
/// written) gives the same state: the value does not read the target (`df['x'] =
/// f(df['y'])`), or reads it through idempotent steps
/// (`df['d'] = pd.to_datetime(df['d'])`).
pub fn idempotent_store(target: &str, value: &str) -> bool {
    let (target, value) = (normalise(target), normalise(value));
    let reads_target = value.contains(&target) || {
        // `df['x']` is also read as `df.x`.
        let attr = target
            .split_once("['")
            .and_then(|(root, key)| Some(format!("{root}.{}", key.strip_suffix("']")?)));
        attr.is_some_and(|a| {
            value.match_indices(&a).any(|(i, _)| {
                !value[i + a.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
    };
    !reads_target || idempotent_rebind(&target, &value)
}

// ---------------------------------------------------------------------------------------
// Words for messages.

/// `cell 3`, `cells 3 and 5`, `cells 3, 5 and 8`; past eight cells,
/// `cells 1, 2, 3, 4, 5, 6 and 9 more`.
pub fn cell_list(cells: &[usize]) -> Message {
    msg!(
        "cells",
        count = cells.len(),
        list = Arg::capped_list(cells.iter().copied(), 6, 8)
    )
}

/// A configuration constant: an UPPER_CASE name with at least two letters (`X` is
/// a feature matrix, not a constant).
pub fn is_constant_name(name: &str) -> bool {
    name.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebinding_with_idempotent_steps_is_recognised() {
        let same = |t: &str| {
            let (a, b) = split_assignment(t).unwrap();
            idempotent_rebind(&normalise(a), &normalise(b))
        };
        assert!(same("df = df.dropna()"));
        assert!(same("df1 = df1[df1.age > 0]"));
        assert!(same("X_test = np.array(X_test)"));
        assert!(same("df = df.dropna().reset_index(drop=True)"));
        assert!(same("df = df[['a', \"b\"]]"));
        assert!(!same("df = df.reset_index()"));
        assert!(!same("data = data.drop(outliers)"));
        assert!(!same("X_train = tf.expand_dims(X_train, axis=4)"));
        assert!(!same("df = df.iloc[1:]"));
        assert!(!same("df = df[df.columns[1:]]"));
        assert!(split_assignment("f(a=1)").is_none());
        assert!(split_assignment("a == b").is_none());
    }

    #[test]
    fn stores_that_do_not_read_their_target_are_idempotent() {
        let store = |t: &str| {
            let (a, b) = split_assignment(t).unwrap();
            idempotent_store(a, b)
        };
        assert!(store("df['x'] = np.log(df['y'])"));
        assert!(store("trans['date'] = pd.to_datetime(trans['date'])"));
        assert!(store("data.Cabin = data.Cabin.astype('str')"));
        assert!(store("df['s'] = df[\"s\"].str.lower()"));
        assert!(!store("df['x'] = df['x'] * 2"));
        assert!(!store("df['x'] = df.x.map(codes)"));
        assert!(!store("df['x'] = df['x'].apply(f)"));
    }

    #[test]
    fn first_code_line_skips_comments() {
        let s = "# note\n\n  x = 1\ny";
        assert_eq!(&s[first_code_line(s)], "x = 1");
        assert_eq!(first_code_line(""), 0..0);
    }

    #[test]
    fn identifiers_are_whole_words() {
        let s = "def f(a):\n    # features here\n    return a.features + features_2 + features\n";
        let r = find_identifier(s, 0..s.len(), "features").unwrap();
        assert_eq!(r.start, s.rfind("features").unwrap());
    }

    #[test]
    fn body_starts_after_the_header() {
        let s = "@cache\ndef f(a,\n      b):   \n  return g\n";
        assert_eq!(&s[body_range(s, 0..s.len())], "  return g\n");
    }

    #[test]
    fn lists_read_naturally() {
        use crate::i18n::Lang;
        assert_eq!(
            Arg::names(&["a", "b", "c"]).render(Lang::En),
            "`a`, `b` and `c`"
        );
        assert_eq!(cell_list(&[3, 5]).to_string(), "cells 3 and 5");
        assert_eq!(cell_list(&[3]).render(Lang::Ko), "셀 3");
        let ten: Vec<usize> = (1..=10).collect();
        assert_eq!(
            cell_list(&ten).to_string(),
            "cells 1, 2, 3, 4, 5, 6 and 4 more"
        );
        assert_eq!(
            cell_list(&ten).render(Lang::Ko),
            "셀 1, 2, 3, 4, 5, 6 외 4개"
        );
        let names: Vec<String> = (1..=9).map(|i| format!("n{i}")).collect();
        assert_eq!(
            Arg::capped_list(&names[..6], 5, 6).render(Lang::En),
            "n1, n2, n3, n4, n5 and n6"
        );
        assert_eq!(
            Arg::capped_list(&names, 5, 6).render(Lang::En),
            "n1, n2, n3, n4, n5 and 4 more"
        );
        assert_eq!(Arg::capped_list(&names[..1], 5, 6).render(Lang::En), "n1");
        assert_eq!(line_text((3, 3)).to_string(), "line 3");
        assert_eq!(line_text((3, 6)).render(Lang::Ko), "3–6행");
        assert!(is_constant_name("DATA_DIR2"));
        assert!(!is_constant_name("X"));
        assert!(!is_constant_name("_"));
    }
}
