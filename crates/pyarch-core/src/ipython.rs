//! IPython syntax (magics, shell escapes, help) masked with same-length Python.
//!
//! `rustpython-parser` knows nothing about IPython, so before a notebook cell is parsed its
//! IPython-only syntax is replaced by plain Python **of exactly the same byte length**. Every
//! byte offset in the AST of the masked text is therefore also a byte offset in the original
//! cell source, and `'\n'` / `'\r'` bytes never move (line numbers stay the same too).
//!
//! What is masked, and into what (see [`mask`]):
//!
//! | IPython syntax | example | masked text |
//! | --- | --- | --- |
//! | line magic | `%matplotlib inline` | `0                 ` |
//! | shell escape | `!pip install -q x` | `0                ` |
//! | captured shell / magic | `x = !ls`, `x = %sx ls` | `x = 0  `, `x = 0     ` |
//! | statement magic | `%time y = f(x)` | `0;    y = f(x)` (the statement stays Python) |
//! | assigned statement magic | `r = %timeit -o f(x)` | `r =            f(x)` |
//! | automagic | `pip install x` | `0            ` |
//! | leading help | `??df.head` | `0        ` |
//! | trailing help | `df.head??` | `df.head  ` (only the `?`s) |
//! | Python-bodied cell magic | `%%time` + body | `0     ` + body unchanged |
//! | other cell magic | `%%bash` + body | the whole cell becomes spaces |
//!
//! A masked span is `"0"` followed by ASCII spaces (multi-byte characters become one space per
//! byte). Two documented exceptions keep Python that IPython would run: statement magics
//! (`%time`, `%timeit`, `%prun`, ... followed by a statement) become `"0;"` + spaces so the
//! statement after them still parses as part of the same line, and when such a magic is the
//! value of an assignment its prefix becomes spaces only. A trailing `obj?` masks only the
//! `?`s, unless what is left is not valid Python (IPython replaces the whole line with a help
//! call), in which case the whole logical line is masked like a leading help.
//!
//! Escapes are recognised only at the start of a *logical* line (after indentation): the
//! scanner follows strings (all quote styles and prefixes, escapes, triple quotes), comments,
//! brackets and backslash continuations, so a `%` or `!` that starts a continuation line is
//! left alone. [`mask`] never panics.

use crate::syntax::lex::{Lexer, PhysicalLine as Line, Token};
use crate::syntax::{lex, parses_as_module};
use std::ops::Range;

/// IPython's `leading_indent` transform: when a cell's first line starts with spaces or
/// tabs, IPython removes that indentation from every line that starts with it before
/// running the cell. Returns that indentation (empty when the first line starts at
/// column 0). Masking cannot remove bytes, so the parser and the renderer apply it.
pub fn leading_indent(source: &str) -> &str {
    let first = &source[..source.find(['\n', '\r']).unwrap_or(source.len())];
    &first[..first.len() - first.trim_start_matches([' ', '\t']).len()]
}

/// A cell source with its IPython syntax masked, and what was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MaskedCell {
    /// Same byte length as the source; '\n' and '\r' at the same offsets; valid UTF-8.
    pub text: String,
    /// Every masked piece of IPython syntax, in source order.
    pub magics: Vec<Magic>,
    /// Set when the first line is a `%%name` cell magic.
    pub cell_magic: Option<CellMagic>,
}

impl MaskedCell {
    /// False when the cell is a non-Python cell magic (`%%bash`, `%%html`, ...) whose whole
    /// text was masked away; true for ordinary cells and Python-bodied cell magics.
    pub fn is_python(&self) -> bool {
        self.cell_magic.as_ref().is_none_or(|c| c.python_body)
    }
}

/// A `%%name args` cell magic on the first line of a cell.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CellMagic {
    /// The magic name without `%%`: "time", "bash", "html", "sql", "writefile", ...
    pub name: String,
    /// The rest of the header line, trimmed (`%%writefile model.py` → "model.py").
    pub args: String,
    /// true for Python-bodied magics (time, timeit, capture, prun, python, python3, debug, ...),
    /// see [`PYTHON_BODY_CELL_MAGICS`]. When false the whole cell was masked.
    pub python_body: bool,
}

impl CellMagic {
    /// Label for display, e.g. `%%bash`.
    pub fn label(&self) -> String {
        format!("%%{}", self.name)
    }

    /// A syntax token (file-extension style, as `syntect`'s `find_syntax_by_token` takes it)
    /// for the cell body: "py" for Python-bodied magics, "sh" for `%%bash`, "html", "js",
    /// "sql", ...; `%%writefile x.ext` gives "ext". None when unknown.
    pub fn language(&self) -> Option<&str> {
        if self.python_body {
            return Some("py");
        }
        if matches!(self.name.as_str(), "writefile" | "file") {
            let path = self
                .args
                .split_whitespace()
                .rfind(|w| !w.starts_with('-'))?;
            let ext = path.rsplit_once('.')?.1;
            return (!ext.is_empty() && !ext.contains('/')).then_some(ext);
        }
        NON_PYTHON_CELL_MAGICS
            .iter()
            .find(|(n, _)| *n == self.name)
            .map(|(_, lang)| *lang)
    }
}

/// One piece of IPython syntax found (and masked) in a cell.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Magic {
    /// Byte range in the source that was masked: the magic itself (`!ls -la`, `%time ` before
    /// a statement, the `?` of a trailing help, the header line of a Python-bodied cell magic
    /// or the whole cell of another cell magic). It may span lines (backslash continuations,
    /// cell magics); the newline bytes in it are kept.
    pub range: Range<usize>,
    pub kind: MagicKind,
    /// The magic or command name: "matplotlib", "pip", "time", "ls"; for help: the object
    /// text ("df.head", or "%timeit" for help on a magic).
    pub name: String,
    /// The rest of the line after the name, trimmed; backslash-newline continuations are
    /// joined with a space. For help: "?" or "??".
    pub args: String,
    /// The variable bound by the magic: `x = !ls` / `x = %sx ls` → Some("x"),
    /// `a, b = !cmd` → Some("a, b"), `%%capture out` → Some("out") (args still holds
    /// "out"), `%%sql rows <<` → Some("rows").
    pub assigned_to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum MagicKind {
    /// `%name args` (also a stray `%%name` that is not on the first line).
    LineMagic,
    /// `%%name` on the first line of the cell.
    CellMagic,
    /// `!cmd` or `!!cmd`.
    Shell,
    /// `?obj`, `??obj`, `obj?`, `obj??`, `%magic?`.
    Help,
    /// A line magic called without `%` (`pip install x`, `cd ..`), see [`AUTOMAGICS`].
    Automagic,
    /// IPython's autocall escapes at the start of a line: `/f a b` → `f(a, b)`,
    /// `,f a b` → `f("a", "b")`, `;f a b` → `f("a b")`; also a lone `;` line, which IPython
    /// accepts (it is often used to silence the previous line's output). `name` is the
    /// callable ("" for a lone `;`).
    Autocall,
}

/// Cell magics whose body is Python (it stays and is parsed).
pub const PYTHON_BODY_CELL_MAGICS: &[&str] = &[
    "time",
    "timeit",
    "capture",
    "prun",
    "python",
    "python3",
    "pypy",
    "debug",
    "memit",
    "mprun",
    "lprun",
    "snakeviz",
    "heat",
    "pyinstrument",
    "scalene",
    "px",
    "cache",
    "ipytest",
    "black",
    "notify",
    "pycodestyle",
    "flake8",
    "local",
];

/// Known non-Python cell magics and the syntax token of their body (see
/// [`CellMagic::language`]). Any cell magic not in [`PYTHON_BODY_CELL_MAGICS`] counts as
/// non-Python, listed here or not.
pub const NON_PYTHON_CELL_MAGICS: &[(&str, &str)] = &[
    ("bash", "sh"),
    ("sh", "sh"),
    ("zsh", "sh"),
    ("script", "sh"),
    ("sx", "sh"),
    ("system", "sh"),
    ("html", "html"),
    ("HTML", "html"),
    ("javascript", "js"),
    ("js", "js"),
    ("latex", "tex"),
    ("markdown", "md"),
    ("md", "md"),
    ("sql", "sql"),
    ("bigquery", "sql"),
    ("writefile", "txt"),
    ("file", "txt"),
    ("perl", "pl"),
    ("ruby", "rb"),
    ("svg", "svg"),
    ("R", "r"),
    ("octave", "m"),
    ("julia", "jl"),
    ("cython", "pyx"),
    ("python2", "py"),
];

/// Names that IPython runs as a magic (or a shell alias) when typed without `%`. A logical line
/// `name rest` (at least one space or tab before a non-empty, non-comment `rest`) is an
/// automagic when `rest` does not make it valid Python:
/// - `rest` starting with one of `= ( [ . , : + - * / % < > ! & | ^ @ ; ) ] }` keeps the line
///   Python (`pip = 3`, `ls = []`, `time += 1`, `ls -la`), except that a line starting with
///   `- . / *` that fails to parse on its own is an automagic (`cd ..`, `cd /tmp`);
/// - otherwise a line that is complete on its own (brackets closed, no trailing backslash)
///   is an automagic when it fails to parse (`pip install x`, but not `time if a else b`);
///   an incomplete one is an automagic unless `rest` starts with `if else in is and or not
///   for`.
///
/// `pip`, `ls`, `time` alone or `time.sleep(1)`, `cd(x)`, `env["x"]` are never automagics.
#[rustfmt::skip]
pub const AUTOMAGICS: &[&str] = &[
    // package managers and the file system
    "pip", "conda", "mamba", "cd", "pwd", "ls", "ll", "lf", "lk", "lx", "ldir", "cat", "cp", "mv",
    "rm", "rmdir", "mkdir", "less", "more", "man", "clear", "pushd", "popd", "dhist", "dirs",
    "bookmark", "env", "set_env", "sx", "system", "rehashx",
    // display and extensions
    "matplotlib", "pylab", "config", "load_ext", "reload_ext", "unload_ext", "autoreload",
    "aimport", "precision", "colors", "xmode", "gui", "autocall", "automagic", "autosave",
    "tensorboard", "watermark",
    // namespace and history
    "who", "whos", "who_ls", "reset", "reset_selective", "xdel", "store", "history", "hist",
    "recall", "rerun", "rep", "macro", "save", "load", "loadpy", "pycat", "pastebin", "psearch",
    // running and timing
    "run", "time", "timeit", "prun", "memit", "mprun", "lprun", "debug", "pdb", "tb", "sql",
    // introspection
    "pinfo", "pinfo2", "pdef", "pdoc", "pfile", "psource", "page", "pprint", "lsmagic", "magic",
    "alias", "alias_magic", "unalias", "logstart", "logstop", "logon", "logoff", "logstate",
    "doctest_mode", "edit", "ed", "killbgscripts", "notebook", "quickref",
];

/// Line magics whose argument is a Python statement, with the options that take a value.
/// `%time y = f(x)` masks only `%time ` (as `0;`) and keeps `y = f(x)`.
pub const STATEMENT_MAGICS: &[(&str, &[&str])] = &[
    ("time", &[]),
    ("timeit", &["-n", "-r", "-p"]),
    ("prun", &["-D", "-l", "-s", "-T"]),
    ("memit", &["-r", "-t"]),
    ("mprun", &["-f", "-T"]),
    ("lprun", &["-f", "-m", "-D", "-T", "-u"]),
    ("debug", &["-b", "--breakpoint"]),
    ("snakeviz", &[]),
    ("pyinstrument", &[]),
];

/// After an automagic name and a space, these characters continue a Python expression
/// (`pip = 3`, `time += 1`, `ls - x`, `cd(x)`): such a line is not an automagic...
const PYTHON_CONTINUATION_BYTES: &[u8] = b"=([.,:+-*/%<>!&|^@;)]}";

/// ...except when the character also starts a typical magic argument (`cd ..`, `cd /tmp`,
/// `ls *.csv`, `pip -q install x`) and the line on its own does not parse as Python.
const MAGIC_ARGUMENT_BYTES: &[u8] = b"-./*";

/// Masks IPython syntax in a cell source with same-length Python; see the module docs.
///
/// Rules, in order:
/// 1. If the first line that is not whitespace-only starts (after indentation) with `%%name`,
///    it is a cell magic. Python-bodied names ([`PYTHON_BODY_CELL_MAGICS`]) mask only the
///    header line; any other name masks the whole cell to spaces and nothing else is looked
///    for. Either way one [`MagicKind::CellMagic`] is recorded.
/// 2. At the start of every logical line (not inside brackets, a string or after a
///    backslash; indentation kept), after optional `name =` / `a, b =`:
///    `%name args` ([`MagicKind::LineMagic`], statement magics keep their statement, see
///    [`STATEMENT_MAGICS`]), `!cmd` / `!!cmd` ([`MagicKind::Shell`]), `?obj` / `??obj` and
///    `%name?` ([`MagicKind::Help`]), `/f`, `,f`, `;f`, `;` ([`MagicKind::Autocall`]) and
///    automagics ([`AUTOMAGICS`]). The masked span runs to the end of the line and on over
///    backslash-continued lines.
/// 3. A logical line whose last token is `?` or `??` is a trailing help.
pub fn mask(source: &str) -> MaskedCell {
    let mut m = Masker::new(source);
    let cell_magic = m.run();
    let Masker {
        out, mut magics, ..
    } = m;
    magics.sort_by_key(|g| (g.range.start, g.range.end));
    let text = match String::from_utf8(out) {
        Ok(t) => t,
        Err(_) => {
            debug_assert!(false, "masking broke UTF-8");
            return MaskedCell {
                text: source.to_owned(),
                magics: Vec::new(),
                cell_magic: None,
            };
        }
    };
    MaskedCell {
        text,
        magics,
        cell_magic,
    }
}

impl Magic {
    /// Packages named by `pip install` / `conda install` / `%pip install` /
    /// `!pip install -q a b==1.2 -U` (also `python -m pip`, `pip3`, `mamba`, `uv pip`, `sudo`,
    /// several commands joined by `&&` or `;`), keeping version specifiers and skipping flags,
    /// flag values (`-r file`, `-c channel`, `--index-url URL`, ...), redirections, local paths
    /// and `{var}` / `$var` expansions.
    pub fn installed_packages(&self) -> Vec<String> {
        if !matches!(
            self.kind,
            MagicKind::Shell | MagicKind::LineMagic | MagicKind::Automagic
        ) {
            return Vec::new();
        }
        let command = format!("{} {}", self.name, self.args);
        install_commands(&command)
            .iter()
            .filter(|install| !install.is_system())
            .flat_map(Install::packages)
            .map(str::to_owned)
            .collect()
    }

    /// Magics that only configure the notebook's display or reloading: `%matplotlib ...`,
    /// `%config InlineBackend...`, `%load_ext autoreload`, `%autoreload ...`, `%reload_ext ...`
    /// (with `%` or as automagics).
    pub fn is_display_magic(&self) -> bool {
        if !matches!(self.kind, MagicKind::LineMagic | MagicKind::Automagic) {
            return false;
        }
        let first_arg = self.args.split_whitespace().next().unwrap_or("");
        match self.name.as_str() {
            "matplotlib" | "autoreload" | "reload_ext" => true,
            "config" => self.args.starts_with("InlineBackend"),
            "load_ext" => first_arg == "autoreload",
            _ => false,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Scanner

fn is_ws(c: u8) -> bool {
    c == b' ' || c == b'\t' || c == 0x0c
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

fn skip_ws(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && is_ws(b[i]) {
        i += 1;
    }
    i
}

fn until_ws(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && !is_ws(b[i]) {
        i += 1;
    }
    i
}

fn ident_end(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && is_ident_byte(b[i]) {
        i += 1;
    }
    i
}

/// Joins backslash-newline continuations with a space and trims.
fn join_continued(s: &str) -> String {
    s.replace("\\\r\n", " ")
        .replace("\\\n", " ")
        .replace("\\\r", " ")
        .trim()
        .to_owned()
}

enum Outcome {
    /// Not IPython syntax: scan the line as Python from its start.
    NotMagic,
    /// The magic took whole lines; go on at this line index.
    Consumed(usize),
    /// A prefix was masked; scan the rest of the line from this offset as Python.
    PythonFrom(usize),
}

struct Masker<'a> {
    src: &'a str,
    b: &'a [u8],
    out: Vec<u8>,
    lines: Vec<Line>,
    magics: Vec<Magic>,
}

impl<'a> Masker<'a> {
    fn new(src: &'a str) -> Self {
        let b = src.as_bytes();
        Masker {
            src,
            b,
            out: b.to_vec(),
            lines: lex::physical_lines(src, 0..src.len()).collect(),
            magics: Vec::new(),
        }
    }

    fn text(&self, r: Range<usize>) -> &'a str {
        self.src.get(r).unwrap_or("")
    }

    /// Replaces `range` (except newline bytes) with `lead` followed by spaces.
    fn fill(&mut self, range: Range<usize>, lead: &[u8]) {
        let mut k = 0;
        let end = range.end.min(self.out.len());
        for i in range.start..end {
            let c = self.b[i];
            if c == b'\n' || c == b'\r' {
                continue;
            }
            self.out[i] = lead.get(k).copied().unwrap_or(b' ');
            k += 1;
        }
    }

    fn push(
        &mut self,
        range: Range<usize>,
        kind: MagicKind,
        name: &str,
        args: String,
        assigned_to: Option<String>,
    ) {
        self.magics.push(Magic {
            range,
            kind,
            name: name.to_owned(),
            args,
            assigned_to,
        });
    }

    /// The end offset of a magic starting on line `idx` (following backslash continuations)
    /// and the index of the line after it.
    fn extent(&self, idx: usize) -> (usize, usize) {
        let mut last = idx;
        while last + 1 < self.lines.len() {
            let l = self.lines[last];
            if l.end > l.start && self.b[l.end - 1] == b'\\' && l.end < l.next {
                last += 1;
            } else {
                break;
            }
        }
        (self.lines[last].end, last + 1)
    }

    fn run(&mut self) -> Option<CellMagic> {
        let mut idx = 0;
        let mut cell_magic = None;
        let first = self
            .lines
            .iter()
            .position(|l| self.b[l.start..l.end].iter().any(|&c| !is_ws(c)));
        if let Some(f) = first {
            let l = self.lines[f];
            let ind = skip_ws(self.b, l.start, l.end);
            if self.b[ind..l.end].starts_with(b"%%") {
                let cm = self.cell_magic(l, ind);
                let python = cm.python_body;
                cell_magic = Some(cm);
                if !python {
                    return cell_magic;
                }
                idx = f + 1;
            }
        }

        let mut lexer = Lexer::default();
        let mut logical_start = None;
        // The run of adjacent `?` tokens that ends the logical line so far.
        let mut question_marks: Option<(usize, usize)> = None;
        while idx < self.lines.len() {
            let l = self.lines[idx];
            let from = if lexer.at_logical_start() {
                question_marks = None;
                let ind = skip_ws(self.b, l.start, l.end);
                match self.escape(idx, ind) {
                    Outcome::Consumed(next) => {
                        logical_start = None;
                        idx = next.max(idx + 1);
                        continue;
                    }
                    Outcome::PythonFrom(from) => {
                        logical_start = Some(from);
                        from
                    }
                    Outcome::NotMagic => {
                        logical_start = Some(ind);
                        l.start
                    }
                }
            } else {
                l.start
            };
            for token in lexer.line(self.src, from..l.end) {
                question_marks = extend_question_marks(self.src, question_marks, &token);
            }
            if lexer.at_logical_start() {
                if let (Some(start), Some(run)) = (logical_start, question_marks) {
                    self.trailing_help(start, run);
                }
                question_marks = None;
                logical_start = None;
            }
            idx += 1;
        }
        cell_magic
    }

    fn cell_magic(&mut self, l: Line, ind: usize) -> CellMagic {
        let name_start = ind + 2;
        let name_end = until_ws(self.b, name_start, l.end);
        let name = self.text(name_start..name_end);
        let args = self.text(name_end..l.end).trim().to_owned();
        let python_body = PYTHON_BODY_CELL_MAGICS.contains(&name);
        let assigned_to = magic_binding(name, &args);
        let range = if python_body {
            l.start..l.end
        } else {
            0..self.b.len()
        };
        self.fill(range.clone(), if python_body { b"0" } else { b"" });
        self.push(range, MagicKind::CellMagic, name, args.clone(), assigned_to);
        CellMagic {
            name: name.to_owned(),
            args,
            python_body,
        }
    }

    /// Looks for IPython syntax at the start of logical line `idx`, indented to `ind`.
    fn escape(&mut self, idx: usize, ind: usize) -> Outcome {
        let l = self.lines[idx];
        let Some(&c) = self.b.get(ind).filter(|_| ind < l.end) else {
            return Outcome::NotMagic;
        };
        match c {
            b'%' => self.line_magic(idx, ind, None),
            b'!' => self.shell(idx, ind, None),
            b'?' => self.leading_help(idx, ind),
            b'/' | b',' | b';' => self.autocall(idx, ind),
            c if is_ident_start(c) => {
                if let Some((targets, esc)) = self.assignment_escape(ind, l.end) {
                    if self.b[esc] == b'%' {
                        self.line_magic(idx, esc, Some(targets))
                    } else {
                        self.shell(idx, esc, Some(targets))
                    }
                } else {
                    self.automagic(idx, ind)
                }
            }
            _ => Outcome::NotMagic,
        }
    }

    /// `name = ` or `a, b = ` followed by `!` or `%`: the targets and the escape's offset.
    fn assignment_escape(&self, ind: usize, end: usize) -> Option<(String, usize)> {
        let b = self.b;
        let mut p = ind;
        loop {
            if p >= end || !is_ident_start(b[p]) {
                return None;
            }
            p = ident_end(b, p, end);
            let q = skip_ws(b, p, end);
            if q < end && b[q] == b',' {
                let r = skip_ws(b, q + 1, end);
                if r < end && is_ident_start(b[r]) {
                    p = r;
                    continue;
                }
                p = r;
            } else {
                p = q;
            }
            break;
        }
        if p >= end || b[p] != b'=' || b.get(p + 1) == Some(&b'=') {
            return None;
        }
        let e = skip_ws(b, p + 1, end);
        if e >= end || (b[e] != b'!' && b[e] != b'%') {
            return None;
        }
        let targets = self
            .text(ind..p)
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        Some((targets, e))
    }

    fn line_magic(&mut self, idx: usize, pos: usize, assigned: Option<String>) -> Outcome {
        let l = self.lines[idx];
        let b = self.b;
        let mut p = pos + 1;
        if p < l.end && b[p] == b'%' {
            p += 1;
        }
        p = skip_ws(b, p, l.end);
        let name_end = until_ws(b, p, l.end);
        let name = self.text(p..name_end);

        // `%timeit?`: help on a magic.
        if assigned.is_none() && name.ends_with('?') && skip_ws(b, name_end, l.end) == l.end {
            let bare = name.trim_end_matches('?');
            let marks = name.len() - bare.len();
            self.fill(pos..l.end, b"0");
            self.push(
                pos..l.end,
                MagicKind::Help,
                &format!("%{bare}"),
                "?".repeat(marks.min(2)),
                None,
            );
            return Outcome::Consumed(idx + 1);
        }

        if let Some(stmt) = self.statement_start(name, name_end, l.end) {
            let args = self.text(name_end..l.end).trim().to_owned();
            let lead: &[u8] = if assigned.is_some() { b"" } else { b"0;" };
            self.fill(pos..stmt, lead);
            self.push(pos..stmt, MagicKind::LineMagic, name, args, assigned);
            return Outcome::PythonFrom(stmt);
        }

        let (end, next) = self.extent(idx);
        let args = join_continued(self.text(name_end..end));
        let assigned = assigned.or_else(|| magic_binding(name, &args));
        self.fill(pos..end, b"0");
        self.push(pos..end, MagicKind::LineMagic, name, args, assigned);
        Outcome::Consumed(next)
    }

    /// For a statement magic (`%time stmt`), the offset where the statement starts.
    fn statement_start(&self, name: &str, name_end: usize, end: usize) -> Option<usize> {
        let (_, value_opts) = STATEMENT_MAGICS.iter().find(|(n, _)| *n == name)?;
        let b = self.b;
        if name_end >= end || b[end - 1] == b'\\' {
            return None;
        }
        let mut p = skip_ws(b, name_end, end);
        while p + 1 < end && b[p] == b'-' && (b[p + 1].is_ascii_alphabetic() || b[p + 1] == b'-') {
            let opt_end = until_ws(b, p, end);
            let opt = self.text(p..opt_end);
            p = skip_ws(b, opt_end, end);
            if value_opts.contains(&opt) {
                p = skip_ws(b, until_ws(b, p, end), end);
            }
        }
        if p >= end || b[p] == b'#' || b[p] == b'@' {
            return None;
        }
        let word = self.text(p..ident_end(b, p, end));
        if lex::COMPOUND_KEYWORDS.contains(&word) {
            return None;
        }
        Some(p)
    }

    fn shell(&mut self, idx: usize, pos: usize, assigned: Option<String>) -> Outcome {
        let l = self.lines[idx];
        let b = self.b;
        let mut p = pos + 1;
        if p < l.end && b[p] == b'!' {
            p += 1;
        }
        p = skip_ws(b, p, l.end);
        let name_end = until_ws(b, p, l.end);
        let name = self.text(p..name_end);
        let (end, next) = self.extent(idx);
        let args = join_continued(self.text(name_end..end));
        self.fill(pos..end, b"0");
        self.push(pos..end, MagicKind::Shell, name, args, assigned);
        Outcome::Consumed(next)
    }

    fn autocall(&mut self, idx: usize, pos: usize) -> Outcome {
        let l = self.lines[idx];
        let p = skip_ws(self.b, pos + 1, l.end);
        let name_end = if self.b.get(p) == Some(&b'#') {
            p
        } else {
            until_ws(self.b, p, l.end)
        };
        let name = self.text(p..name_end);
        let (end, next) = self.extent(idx);
        let args = join_continued(self.text(name_end..end));
        let args = if args.starts_with('#') {
            String::new()
        } else {
            args
        };
        self.fill(pos..end, b"0");
        self.push(pos..end, MagicKind::Autocall, name, args, None);
        Outcome::Consumed(next)
    }

    fn leading_help(&mut self, idx: usize, pos: usize) -> Outcome {
        let l = self.lines[idx];
        let mut p = pos;
        while p < l.end && self.b[p] == b'?' {
            p += 1;
        }
        let marks = p - pos;
        let (end, next) = self.extent(idx);
        let object = join_continued(self.text(p..end));
        let object = object.trim_end_matches('?').trim().to_owned();
        self.fill(pos..end, b"0");
        self.push(
            pos..end,
            MagicKind::Help,
            &object,
            "?".repeat(marks.min(2)),
            None,
        );
        Outcome::Consumed(next)
    }

    fn automagic(&mut self, idx: usize, ind: usize) -> Outcome {
        let l = self.lines[idx];
        let b = self.b;
        let name_end = ident_end(b, ind, l.end);
        let name = self.text(ind..name_end);
        if !AUTOMAGICS.contains(&name) || name_end >= l.end || !is_ws(b[name_end]) {
            return Outcome::NotMagic;
        }
        let a = skip_ws(b, name_end, l.end);
        if a >= l.end || b[a] == b'#' {
            return Outcome::NotMagic;
        }
        let mut alone = Lexer::default();
        alone.line(self.src, ind..l.end).for_each(drop);
        let closed = alone.at_logical_start();
        let python_like = PYTHON_CONTINUATION_BYTES.contains(&b[a]);
        let is_magic = if python_like && !MAGIC_ARGUMENT_BYTES.contains(&b[a]) {
            false
        } else if closed {
            !parses_as_module(self.text(ind..l.end))
        } else {
            let word = self.text(a..ident_end(b, a, l.end));
            !python_like && !lex::INFIX_KEYWORDS.contains(&word)
        };
        if !is_magic {
            return Outcome::NotMagic;
        }
        let (end, next) = self.extent(idx);
        let args = join_continued(self.text(name_end..end));
        let assigned = magic_binding(name, &args);
        self.fill(ind..end, b"0");
        self.push(ind..end, MagicKind::Automagic, name, args, assigned);
        Outcome::Consumed(next)
    }

    /// A logical line from `start` ending with the `?` run `run`.
    fn trailing_help(&mut self, start: usize, run: (usize, usize)) {
        let (qs, qe) = run;
        let marks = qe - qs;
        if marks > 2 || qs <= start {
            return;
        }
        let target = self.text(start..qs).trim_end();
        if target.is_empty() {
            return;
        }
        let object = trailing_object(target);
        let name = if object.is_empty() { target } else { object };
        let args = "?".repeat(marks);
        if !object.contains('*') {
            let mut candidate = self.text(start..qs).to_owned();
            candidate.push_str(&" ".repeat(marks));
            if parses_as_module(&candidate) {
                self.fill(qs..qe, b"");
                self.push(qs..qe, MagicKind::Help, name, args, None);
                return;
            }
        }
        self.fill(start..qe, b"0");
        self.push(start..qe, MagicKind::Help, name, args, None);
    }
}

/// The run of adjacent `?` tokens ending at `token`, as `(start, end)`: `run` grown by
/// a `?` right after it, a new run for another `?`, none after any other token.
fn extend_question_marks(
    text: &str,
    run: Option<(usize, usize)>,
    token: &Token,
) -> Option<(usize, usize)> {
    if !token.is_punct(text, '?') {
        return None;
    }
    let (start, end) = (token.range.start, token.range.end);
    Some(match run {
        Some((run_start, run_end)) if run_end == start => (run_start, end),
        _ => (start, end),
    })
}

/// IPython's help target at the end of `text`: a dotted name with `*` wildcards, `[0]`
/// subscripts and an optional `%` / `%%` prefix.
fn trailing_object(text: &str) -> &str {
    let mut start = text.len();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices().rev() {
        let ok = c.is_alphanumeric()
            || matches!(c, '_' | '.' | '*' | '%' | '[' | ']')
            || (c == '-' && prev.is_some_and(|p| p.is_ascii_digit()) && text[..i].ends_with('['));
        if !ok {
            break;
        }
        start = i;
        prev = Some(c);
    }
    text[start..].trim_start_matches('.')
}

/// The variable a magic binds besides `x = %...`: `%%capture out`, `%%sql rows <<`.
fn magic_binding(name: &str, args: &str) -> Option<String> {
    let is_ident = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && w.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    match name {
        "capture" => args
            .split_whitespace()
            .find(|w| !w.starts_with('-'))
            .filter(|w| is_ident(w))
            .map(str::to_owned),
        "sql" => {
            let (var, _) = args.split_once("<<")?;
            let var = var.trim();
            is_ident(var).then(|| var.to_owned())
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Package installs

#[derive(Debug, Clone, PartialEq, Eq)]
enum ShellToken {
    Word(String),
    Op(String),
}

/// Splits a shell command line into words and operators (quotes and backslashes honoured,
/// file-descriptor numbers of redirections dropped), stopping at a `#` comment.
fn shell_tokens(command: &str) -> Vec<ShellToken> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for d in chars.by_ref() {
                    if d == '\'' {
                        break;
                    }
                    word.push(d);
                }
            }
            '"' => {
                in_word = true;
                while let Some(d) = chars.next() {
                    match d {
                        '"' => break,
                        '\\' => {
                            if let Some(e) = chars.next() {
                                word.push(e);
                            }
                        }
                        _ => word.push(d),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(e) = chars.next() {
                    if e != '\n' && e != '\r' {
                        word.push(e);
                    }
                }
            }
            '#' if !in_word => break,
            ';' | '&' | '|' | '<' | '>' => {
                let fd = in_word && !word.is_empty() && word.chars().all(|d| d.is_ascii_digit());
                if in_word && !(fd && matches!(c, '<' | '>')) {
                    tokens.push(ShellToken::Word(std::mem::take(&mut word)));
                }
                word.clear();
                in_word = false;
                let mut op = String::from(c);
                while let Some(&d) = chars.peek() {
                    if matches!(d, ';' | '&' | '|' | '<' | '>') {
                        op.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(ShellToken::Op(op));
            }
            c if c.is_whitespace() => {
                if in_word {
                    tokens.push(ShellToken::Word(std::mem::take(&mut word)));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        tokens.push(ShellToken::Word(word));
    }
    tokens
}

/// The simple commands of a shell line (split at `;`, `&&`, `||`, `|`, `&`), each as its
/// words, with redirections and their targets removed.
fn shell_commands(command: &str) -> Vec<Vec<String>> {
    let mut commands = vec![Vec::new()];
    let mut skip_next = false;
    for token in shell_tokens(command) {
        match token {
            ShellToken::Word(w) => {
                if skip_next {
                    skip_next = false;
                } else if let Some(cmd) = commands.last_mut() {
                    cmd.push(w);
                }
            }
            ShellToken::Op(op) if op.contains(['<', '>']) => skip_next = true,
            ShellToken::Op(_) => {
                skip_next = false;
                commands.push(Vec::new());
            }
        }
    }
    commands.retain(|c| !c.is_empty());
    commands
}

const PIP_GLOBAL_VALUE_FLAGS: &[&str] = &[
    "--proxy",
    "--log",
    "--cache-dir",
    "--timeout",
    "--retries",
    "--exists-action",
    "--cert",
    "--client-cert",
    "--trusted-host",
    "--python",
    "--use-feature",
    "--use-deprecated",
    "--keyring-provider",
];

const PIP_INSTALL_VALUE_FLAGS: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-t",
    "--target",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--root",
    "--prefix",
    "--src",
    "--upgrade-strategy",
    "--install-option",
    "--global-option",
    "-C",
    "--config-settings",
    "--no-binary",
    "--only-binary",
    "--progress-bar",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "--report",
    "--root-user-action",
    "--group",
];

const CONDA_VALUE_FLAGS: &[&str] = &[
    "-c",
    "--channel",
    "-n",
    "--name",
    "-p",
    "--prefix",
    "--file",
    "--solver",
    "--repodata-fn",
    "--experimental",
];

/// Options of `apt-get` that take a value.
const APT_VALUE_FLAGS: &[&str] = &[
    "-o",
    "--option",
    "-t",
    "--target-release",
    "-c",
    "--config-file",
];

fn is_python_executable(word: &str) -> bool {
    let base = word.rsplit('/').next().unwrap_or(word);
    let base = base.trim_end_matches(".exe");
    base.starts_with("python")
        && base["python".len()..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
        || base == "py"
        || word.contains("sys.executable")
}

/// One install command of a shell line (`pip install -q a b==1 -r req.txt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Install {
    /// The installer as written, without its folder: `pip`, `pip3`, `conda`, `uv`,
    /// `apt-get`; `pip` for `python -m pip`.
    pub installer: String,
    /// What it installs, in order.
    pub args: Vec<InstallArg>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallArg {
    /// A package with its version specifier: `lightgbm==4.0`.
    Package(String),
    /// A requirements file (`-r requirements.txt`).
    Requirements(String),
}

impl Install {
    /// A system package manager (`apt`, `apt-get`), not a Python one.
    pub fn is_system(&self) -> bool {
        matches!(self.installer.as_str(), "apt" | "apt-get")
    }

    /// pip (`pip`, `pip3`, `python -m pip`, `uv pip`): its packages are PyPI names.
    pub fn is_pip(&self) -> bool {
        self.installer.starts_with("pip") || self.installer == "uv"
    }

    /// The packages, without the requirements files.
    pub fn packages(&self) -> impl Iterator<Item = &str> {
        self.args.iter().filter_map(|a| match a {
            InstallArg::Package(p) => Some(p.as_str()),
            InstallArg::Requirements(_) => None,
        })
    }
}

/// The install commands of a shell line (`!pip install a && conda install b`, after
/// any leading `!` or `%`): pip (also `python -m pip`, `pip3`, `uv pip`), conda,
/// mamba, micromamba and apt, each with its packages and requirements files; flags,
/// flag values, redirections, local paths and `{var}` / `$var` expansions are
/// skipped. The one parser of installs: `Magic::installed_packages`, PA302 and the
/// export's dependencies read it.
pub fn install_commands(line: &str) -> Vec<Install> {
    let line = line.trim_start().trim_start_matches(['!', '%']);
    shell_commands(line)
        .iter()
        .filter_map(|words| install_command(words))
        .collect()
}

/// The install of one simple command, if it is one.
fn install_command(words: &[String]) -> Option<Install> {
    let mut w = words;
    while let Some(first) = w.first() {
        let env_assignment = first.contains('=') && !first.starts_with(['-', '=']);
        if first == "sudo" || first == "time" || first == "!" || env_assignment {
            w = &w[1..];
            while w
                .first()
                .is_some_and(|f| first == "sudo" && f.starts_with('-'))
            {
                w = &w[1..];
            }
        } else {
            break;
        }
    }
    let head = w.first()?;
    let base = head.rsplit('/').next().unwrap_or(head);
    let (installer, manager_args, value_flags, global_flags): (&str, &[String], &[&str], &[&str]) =
        if base.starts_with("pip") && base[3..].chars().all(|c| c.is_ascii_digit() || c == '.') {
            (
                base,
                &w[1..],
                PIP_INSTALL_VALUE_FLAGS,
                PIP_GLOBAL_VALUE_FLAGS,
            )
        } else if matches!(base, "conda" | "mamba" | "micromamba") {
            (base, &w[1..], CONDA_VALUE_FLAGS, &[])
        } else if matches!(base, "apt" | "apt-get") {
            (base, &w[1..], APT_VALUE_FLAGS, APT_VALUE_FLAGS)
        } else if base == "uv" && w.get(1).is_some_and(|s| s == "pip") {
            (
                base,
                &w[2..],
                PIP_INSTALL_VALUE_FLAGS,
                PIP_GLOBAL_VALUE_FLAGS,
            )
        } else if is_python_executable(head) {
            let m = w.iter().position(|s| s == "-m")?;
            let module = w.get(m + 1).map(String::as_str).unwrap_or("");
            if !(module.starts_with("pip")
                && module[3..].chars().all(|c| c.is_ascii_digit() || c == '.'))
            {
                return None;
            }
            (
                "pip",
                &w[m + 2..],
                PIP_INSTALL_VALUE_FLAGS,
                PIP_GLOBAL_VALUE_FLAGS,
            )
        } else {
            return None;
        };

    // Global options before the sub-command.
    let mut i = 0;
    while i < manager_args.len() && manager_args[i].starts_with('-') {
        let flag = manager_args[i].as_str();
        i += if global_flags.contains(&flag) { 2 } else { 1 };
    }
    if manager_args.get(i).map(String::as_str) != Some("install") {
        return None;
    }
    i += 1;
    let mut args = Vec::new();
    while i < manager_args.len() {
        let arg = manager_args[i].as_str();
        i += 1;
        if arg.starts_with('-') {
            if value_flags.contains(&arg) || global_flags.contains(&arg) {
                if matches!(arg, "-r" | "--requirement") {
                    if let Some(file) = manager_args.get(i) {
                        args.push(InstallArg::Requirements(file.clone()));
                    }
                }
                i += 1;
            }
            continue;
        }
        if arg.is_empty() || arg.starts_with(['{', '$', '.', '/', '~']) {
            continue;
        }
        args.push(InstallArg::Package(arg.to_owned()));
    }
    Some(Install {
        installer: installer.to_owned(),
        args,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_indent_is_the_first_lines_indentation() {
        assert_eq!(leading_indent("  g = 1\n  h = 2\n"), "  ");
        assert_eq!(leading_indent("\t# note\r\n\tx = 1"), "\t");
        assert_eq!(leading_indent("x = 1\n  y\n"), "");
        assert_eq!(leading_indent("\n  x = 1\n"), "");
        assert_eq!(leading_indent(""), "");
    }

    fn masked(src: &str) -> String {
        mask(src).text
    }

    fn only(src: &str) -> Magic {
        let m = mask(src);
        assert_eq!(m.magics.len(), 1, "{src:?} → {:?}", m.magics);
        m.magics.into_iter().next().unwrap()
    }

    #[test]
    fn module_doc_table_is_right() {
        for (src, want) in [
            ("%matplotlib inline", "0                 "),
            ("!pip install -q x", "0                "),
            ("x = !ls", "x = 0  "),
            ("x = %sx ls", "x = 0     "),
            ("%time y = f(x)", "0;    y = f(x)"),
            ("r = %timeit -o f(x)", "r =            f(x)"),
            ("pip install x", "0            "),
            ("??df.head", "0        "),
            ("df.head??", "df.head  "),
        ] {
            assert_eq!(masked(src), want, "{src}");
        }
    }

    #[test]
    fn line_magic_is_zero_and_spaces() {
        assert_eq!(masked("%matplotlib inline"), "0                 ");
        let g = only("%matplotlib inline\nx = 1\n");
        assert_eq!(g.kind, MagicKind::LineMagic);
        assert_eq!(g.name, "matplotlib");
        assert_eq!(g.args, "inline");
        assert_eq!(g.range, 0..18);
        assert!(g.is_display_magic());
    }

    #[test]
    fn shell_escape_and_capture() {
        assert_eq!(masked("!ls -la\n"), "0      \n");
        let g = only("x = !ls");
        assert_eq!(masked("x = !ls"), "x = 0  ");
        assert_eq!((g.kind, g.name.as_str()), (MagicKind::Shell, "ls"));
        assert_eq!(g.assigned_to.as_deref(), Some("x"));
        assert_eq!(g.range, 4..7);
        let g = only("files = !!ls *.csv");
        assert_eq!(g.args, "*.csv");
        assert_eq!(g.assigned_to.as_deref(), Some("files"));
        let g = only("a, b = !cmd");
        assert_eq!(g.assigned_to.as_deref(), Some("a, b"));
        assert_eq!(masked("a, b = !cmd"), "a, b = 0   ");
        let g = only("x = %sx ls -la");
        assert_eq!((g.kind, g.name.as_str()), (MagicKind::LineMagic, "sx"));
        assert_eq!(
            (g.args.as_str(), g.assigned_to.as_deref()),
            ("ls -la", Some("x"))
        );
        assert_eq!(masked("names = %who_ls"), "names = 0      ");
    }

    #[test]
    fn not_equal_is_not_a_capture() {
        assert!(mask("x != 3\n").magics.is_empty());
        assert!(mask("x == !y\n").magics.is_empty());
    }

    #[test]
    fn korean_in_shell_command_keeps_length() {
        let src = "!echo 안녕하세요 > 파일.txt\nprint('끝')\n";
        let m = mask(src);
        assert_eq!(m.text.len(), src.len());
        assert!(m.text.starts_with('0'));
        assert!(m.text.ends_with("\nprint('끝')\n"));
        assert_eq!(m.magics[0].name, "echo");
        assert_eq!(m.magics[0].args, "안녕하세요 > 파일.txt");
    }

    #[test]
    fn crlf_line_endings() {
        let src = "%matplotlib inline\r\nimport os\r\n!ls\r\nx = 1?\r\n";
        let m = mask(src);
        assert_eq!(
            m.text,
            "0                 \r\nimport os\r\n0  \r\nx = 1 \r\n"
        );
        assert_eq!(m.magics.len(), 3);
        assert_eq!(m.magics[1].args, "");
        assert_eq!(m.magics[1].range, 31..34);
    }

    #[test]
    fn lone_cr_is_a_line_end() {
        assert_eq!(masked("!ls\rx = 1\r%time f()"), "0  \rx = 1\r0;    f()");
    }

    #[test]
    fn magics_in_nested_blocks_keep_indentation() {
        let src =
            "for i in range(3):\n    if i:\n        !echo $i\n        %time f(i)\n    x = !ls\n";
        let m = mask(src);
        assert_eq!(
            m.text,
            "for i in range(3):\n    if i:\n        0       \n        0;    f(i)\n    x = 0  \n"
        );
        assert!(parses_as_module(&m.text));
    }

    #[test]
    fn statement_magics_keep_the_statement() {
        assert_eq!(masked("%time y = f(x)"), "0;    y = f(x)");
        assert_eq!(masked("%timeit -n 10 -r3 f(x)"), "0;                f(x)");
        let g = only("%timeit -n 10 -r3 f(x)");
        assert_eq!(g.range, 0..18);
        assert_eq!(g.args, "-n 10 -r3 f(x)");
        assert_eq!(masked("r = %timeit -o f(x)"), "r =            f(x)");
        assert_eq!(
            only("r = %timeit -o f(x)").assigned_to.as_deref(),
            Some("r")
        );
        // A compound statement cannot follow `0;`: the whole line goes.
        assert_eq!(masked("%time for i in x: f(i)"), "0                     ");
        assert_eq!(masked("%timeit"), "0      ");
        assert_eq!(masked("%timeit -n 3"), "0           ");
    }

    #[test]
    fn cell_magic_with_python_body_keeps_the_body() {
        let src = "%%time\nx = 1\n!ls\n";
        let m = mask(src);
        assert_eq!(m.text, "0     \nx = 1\n0  \n");
        let cm = m.cell_magic.clone().unwrap();
        assert_eq!((cm.name.as_str(), cm.python_body), ("time", true));
        assert_eq!(m.magics[0].kind, MagicKind::CellMagic);
        assert_eq!(m.magics[0].range, 0..6);
        assert_eq!(m.magics[1].kind, MagicKind::Shell);
        assert!(m.is_python());
        assert_eq!(cm.language(), Some("py"));
    }

    #[test]
    fn cell_magic_after_blank_lines() {
        let m = mask("\n  \n%%timeit -n 3\nf()\n");
        assert_eq!(m.text, "\n  \n0            \nf()\n");
        assert_eq!(m.cell_magic.unwrap().args, "-n 3");
    }

    #[test]
    fn non_python_cell_magic_masks_everything() {
        let src = "%%bash\nfor f in *.csv; do\n  echo \"$f\" # 안녕\ndone\r\n";
        let m = mask(src);
        let expected: String = src
            .bytes()
            .map(|c| {
                if c == b'\n' || c == b'\r' {
                    c as char
                } else {
                    ' '
                }
            })
            .collect();
        assert_eq!(m.text, expected);
        assert_eq!(m.magics.len(), 1);
        assert_eq!(m.magics[0].kind, MagicKind::CellMagic);
        assert_eq!(m.magics[0].range, 0..src.len());
        let cm = m.cell_magic.clone().unwrap();
        assert!(!cm.python_body && !m.is_python());
        assert_eq!(cm.language(), Some("sh"));
        assert_eq!(cm.label(), "%%bash");

        let m = mask("%%writefile model.py\nimport os\n");
        let cm = m.cell_magic.unwrap();
        assert_eq!(
            (cm.name.as_str(), cm.args.as_str()),
            ("writefile", "model.py")
        );
        assert_eq!(cm.language(), Some("py"));
        // Unknown cell magics count as non-Python.
        assert!(
            !mask("%%mystery\nwhatever $$\n")
                .cell_magic
                .unwrap()
                .python_body
        );
    }

    #[test]
    fn capture_binds_its_argument() {
        let m = mask("%%capture --no-stderr out\n!pip install x\n");
        assert_eq!(m.magics[0].assigned_to.as_deref(), Some("out"));
        assert_eq!(m.magics[0].args, "--no-stderr out");
        assert_eq!(m.magics[1].installed_packages(), ["x"]);
        let m = mask("%%sql rows <<\nSELECT 1\n");
        assert_eq!(m.magics[0].assigned_to.as_deref(), Some("rows"));
    }

    #[test]
    fn cell_magic_not_on_first_line_is_a_line_magic() {
        let m = mask("# setup\n%%time\nx = 1\n");
        assert_eq!(m.text, "# setup\n0     \nx = 1\n");
        assert!(m.cell_magic.is_none());
        assert_eq!(m.magics[0].kind, MagicKind::LineMagic);
        assert_eq!(m.magics[0].name, "time");
    }

    #[test]
    fn help_forms() {
        assert_eq!(masked("df.head??"), "df.head  ");
        let g = only("df.head??");
        assert_eq!(
            (g.kind, g.name.as_str(), g.args.as_str()),
            (MagicKind::Help, "df.head", "??")
        );
        assert_eq!(g.range, 7..9);
        assert_eq!(masked("obj?"), "obj ");
        assert_eq!(masked("??obj"), "0    ");
        let g = only("?os.path");
        assert_eq!((g.name.as_str(), g.args.as_str()), ("os.path", "?"));
        assert_eq!(masked("x = y?  # help"), "x = y   # help");
        assert_eq!(only("x = y?").name, "y");
        // Wildcards and non-Python targets lose the whole line.
        assert_eq!(masked("np.*load*?"), "0         ");
        assert_eq!(masked("what fraction survived?"), "0                      ");
        let g = only("%timeit?");
        assert_eq!((g.kind, g.name.as_str()), (MagicKind::Help, "%timeit"));
        assert_eq!(masked("%timeit?"), "0       ");
        assert_eq!(masked("    obj?\n"), "    obj \n");
    }

    #[test]
    fn question_marks_in_strings_and_comments_are_not_help() {
        assert!(mask("x = 'why?'\n# what?\n").magics.is_empty());
        assert!(mask("s = \"\"\"\n?obj\n\"\"\"\n").magics.is_empty());
    }

    #[test]
    fn strings_containing_percent_and_bang() {
        let src = "x = '%d items' % n\ny = \"!ls\"\nz = f'{a!r}'\nw = rb'\\'%' + b\"!\"\n";
        let m = mask(src);
        assert!(m.magics.is_empty(), "{:?}", m.magics);
        assert_eq!(m.text, src);
    }

    #[test]
    fn triple_quoted_strings_hide_escapes() {
        let src = "s = '''\n!rm -rf /\n%matplotlib inline\n'''\n!ls\n";
        let m = mask(src);
        assert_eq!(m.magics.len(), 1);
        assert_eq!(m.magics[0].name, "ls");
        let src = "s = r\"\"\"a\\\"\"\"\n%pwd\n\"\"\"\n";
        assert!(mask(src).magics.is_empty());
        let src = "s = u\"\"\"\n\"\" still inside\n!ls\n\"\"\"\n";
        assert!(mask(src).magics.is_empty());
    }

    #[test]
    fn continuation_lines_are_not_magics() {
        let src = "x = (10\n % 3)\ny = [1,\n!2]\nz = 1 + \\\n%2\n";
        let m = mask(src);
        assert!(m.magics.is_empty(), "{:?}", m.magics);
        assert_eq!(m.text, src);
        // A one-line string continued with a backslash.
        let src = "s = 'abc\\\n!def'\n";
        assert!(mask(src).magics.is_empty());
    }

    #[test]
    fn comments_hide_brackets_and_backslashes() {
        let src = "x = 1  # (unclosed \\\n!ls\n";
        assert_eq!(mask(src).magics.len(), 1);
    }

    #[test]
    fn magic_continued_with_backslash() {
        let src = "!pip install a \\\n    b==2\nx = 1\n";
        let m = mask(src);
        assert_eq!(m.text, "0               \n        \nx = 1\n");
        assert_eq!(m.magics[0].range, 0..25);
        assert_eq!(m.magics[0].installed_packages(), ["a", "b==2"]);
    }

    #[test]
    fn automagics() {
        assert_eq!(masked("pip install x"), "0            ");
        let g = only("pip install x");
        assert_eq!(
            (g.kind, g.name.as_str(), g.args.as_str()),
            (MagicKind::Automagic, "pip", "install x")
        );
        assert_eq!(g.installed_packages(), ["x"]);
        assert_eq!(masked("    cd ..\n"), "    0    \n");
        assert_eq!(masked("matplotlib inline"), "0                ");
        assert!(only("matplotlib inline").is_display_magic());
        for python in [
            "pip = 3",
            "time.sleep(1)",
            "cd(x)",
            "env[\"x\"]",
            "ls = []",
            "time += 1",
            "time - start",
            "ls -la",
            "time if a else b",
            "ls = [\n1]",
            "pwd",
            "ls",
            "who # comment",
            "run (\n 1)",
            "time, x = 1, 2",
        ] {
            let m = mask(python);
            assert!(m.magics.is_empty(), "{python:?} → {:?}", m.magics);
            assert_eq!(m.text, python);
        }
    }

    #[test]
    fn autocall_escapes_and_lone_semicolon() {
        let m = mask("plt.hist(x)\n;\n");
        assert_eq!(m.text, "plt.hist(x)\n0\n");
        assert_eq!(
            (m.magics[0].kind, m.magics[0].name.as_str()),
            (MagicKind::Autocall, "")
        );
        let g = only("/f a b");
        assert_eq!(
            (g.kind, g.name.as_str(), g.args.as_str()),
            (MagicKind::Autocall, "f", "a b")
        );
        assert_eq!(masked(",f a b"), "0     ");
        assert_eq!(only("; # quiet").name, "");
        // Not at the start of a logical line: Python.
        let src = "x = (1\n     , 2)\ny = (4\n/ 2)\n";
        assert!(mask(src).magics.is_empty());
    }

    #[test]
    fn installed_packages() {
        let g = only("!pip install -q xgboost lightgbm==4.0");
        assert_eq!(g.installed_packages(), ["xgboost", "lightgbm==4.0"]);
        let cases: &[(&str, &[&str])] = &[
            ("%pip install pandas", &["pandas"]),
            ("!pip install -r requirements.txt", &[]),
            (
                "!pip install -U -r req.txt torch 'transformers>=4' --index-url https://x y",
                &["torch", "transformers>=4", "y"],
            ),
            ("!pip3 install --upgrade pip > /dev/null 2>&1", &["pip"]),
            (
                "!python -m pip install -q seaborn && pip install tqdm",
                &["seaborn", "tqdm"],
            ),
            ("!{sys.executable} -m pip install numpy", &["numpy"]),
            (
                "!conda install -c conda-forge -y scikit-learn=1.3",
                &["scikit-learn=1.3"],
            ),
            ("%conda install --name base numpy", &["numpy"]),
            ("!sudo pip install -e . foo", &["foo"]),
            ("!pip uninstall -y foo", &[]),
            ("!pip -q install bar", &["bar"]),
            ("!apt-get install graphviz", &[]),
            ("!pip install {pkg} \"a[b]\"", &["a[b]"]),
            ("!uv pip install polars", &["polars"]),
            ("%matplotlib inline", &[]),
        ];
        for (src, want) in cases {
            let m = mask(src);
            let got: Vec<String> = m
                .magics
                .iter()
                .flat_map(Magic::installed_packages)
                .collect();
            assert_eq!(&got, want, "{src}");
        }
    }

    #[test]
    fn display_magics() {
        let display = |s: &str| only(s).is_display_magic();
        assert!(display("%matplotlib inline"));
        assert!(display("%config InlineBackend.figure_format = 'retina'"));
        assert!(display("%load_ext autoreload"));
        assert!(display("%autoreload 2"));
        assert!(display("%reload_ext autoreload"));
        assert!(!display("%load_ext watermark"));
        assert!(!display("%config IPCompleter.greedy=True"));
        assert!(!display("!matplotlib"));
        assert!(!display("%pip install x"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for src in [
            "",
            "%",
            "!",
            "?",
            "%%",
            "%%\n",
            "x = ",
            "x = !",
            "\0%\0",
            "'''",
            "\"unterminated\n!ls",
            "\\",
            "a?\\",
            "\r\r\n\n",
            "ls \u{3000}x",
            "%time\u{0}",
            "?\u{1F600}?",
            "é = !ls",
            "(((\n%x",
            ")))\n%x",
        ] {
            let m = mask(src);
            assert_eq!(m.text.len(), src.len(), "{src:?}");
        }
        assert_eq!(masked("é = !ls"), "é = 0  ");
    }

    #[test]
    fn ranges_are_sorted_and_inside() {
        let src = "%%time\n%matplotlib inline\nx = !ls\ny?\n";
        let m = mask(src);
        let starts: Vec<usize> = m.magics.iter().map(|g| g.range.start).collect();
        let mut sorted = starts.clone();
        sorted.sort_unstable();
        assert_eq!(starts, sorted);
        assert!(m.magics.iter().all(|g| g.range.end <= src.len()));
    }
}
