//! IPython masking: examples, the same-length invariant as a property, and the corpus.

use proptest::prelude::*;
use pyarch::ipython::{mask, MagicKind, MaskedCell};
use rustpython_parser::{ast, Parse};
use std::path::PathBuf;

fn parses(text: &str) -> bool {
    ast::Suite::parse(text, "<cell>").is_ok()
}

/// The invariant of the module; panics with a message when it does not hold.
fn check_invariant(src: &str, m: &MaskedCell) {
    let (s, t) = (src.as_bytes(), m.text.as_bytes());
    assert_eq!(t.len(), s.len(), "length changed for {src:?}");
    for (i, (&a, &b)) in s.iter().zip(t).enumerate() {
        if a == b'\n' || a == b'\r' || b == b'\n' || b == b'\r' {
            assert_eq!(a, b, "newline byte moved at {i} in {src:?}");
        }
    }
    assert!(std::str::from_utf8(t).is_ok());
    let mut inside = vec![false; s.len()];
    for g in &m.magics {
        assert!(
            g.range.start <= g.range.end && g.range.end <= s.len(),
            "{:?} outside {src:?}",
            g.range
        );
        assert!(src.is_char_boundary(g.range.start) && src.is_char_boundary(g.range.end));
        for flag in &mut inside[g.range.clone()] {
            *flag = true;
        }
        for &b in &t[g.range.clone()] {
            assert!(
                matches!(b, b' ' | b'0' | b';' | b'\n' | b'\r'),
                "unexpected byte {b} in a masked span of {src:?}"
            );
        }
    }
    for i in 0..s.len() {
        if !inside[i] {
            assert_eq!(
                s[i], t[i],
                "byte {i} changed outside every magic in {src:?}"
            );
        }
    }
}

#[test]
fn typical_notebook_cell_parses_after_masking() {
    let src = "%matplotlib inline\n%load_ext autoreload\n%autoreload 2\nimport pandas as pd\n\
               !pip install -q xgboost lightgbm==4.0\nfiles = !ls data\n\
               for f in files:\n    !echo {f}\n    %time df = pd.read_csv(f)\n\
               df.describe??\npd.read_csv?\n?pd.merge\ncd ..\n";
    let m = mask(src);
    check_invariant(src, &m);
    assert!(parses(&m.text), "{}", m.text);
    let kinds: Vec<MagicKind> = m.magics.iter().map(|g| g.kind).collect();
    use MagicKind::*;
    assert_eq!(
        kinds,
        [
            LineMagic, LineMagic, LineMagic, Shell, Shell, Shell, LineMagic, Help, Help, Help,
            Automagic
        ]
    );
    let display: Vec<&str> = m
        .magics
        .iter()
        .filter(|g| g.is_display_magic())
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(display, ["matplotlib", "load_ext", "autoreload"]);
    assert_eq!(
        m.magics[3].installed_packages(),
        ["xgboost", "lightgbm==4.0"]
    );
    assert_eq!(m.magics[4].assigned_to.as_deref(), Some("files"));
    // `%time` keeps the statement: the AST still sees `df = pd.read_csv(f)`.
    assert!(m.text.contains("    0;    df = pd.read_csv(f)\n"));
    assert!(m.text.contains("\ndf.describe  \npd.read_csv \n"));
}

#[test]
fn offsets_map_back_to_the_source() {
    let src = "x = !ls\n%time y = compute(x)  # 시간\nprint(y)?\n";
    let m = mask(src);
    let suite = ast::Suite::parse(&m.text, "<cell>").expect("masked text parses");
    use rustpython_parser::text_size::TextRange;
    let ranges: Vec<TextRange> = suite
        .iter()
        .map(|stmt| match stmt {
            ast::Stmt::Assign(a) => a.range,
            ast::Stmt::Expr(e) => e.range,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    let texts: Vec<&str> = ranges
        .iter()
        .map(|r| &src[r.start().to_usize()..r.end().to_usize()])
        .collect();
    // The `0` standing for a magic sits at the magic's first byte.
    assert_eq!(texts, ["x = !", "%", "y = compute(x)", "print(y)"]);
    assert_eq!(m.magics[0].range.start, ranges[0].end().to_usize() - 1);
    assert_eq!(m.magics[1].range.start, ranges[1].start().to_usize());
}

#[test]
fn time_cell_keeps_body_and_bash_cell_is_blank() {
    let m = mask("%%time\nmodel.fit(X, y)\n");
    assert_eq!(m.text, "0     \nmodel.fit(X, y)\n");
    assert!(m.cell_magic.as_ref().is_some_and(|c| c.python_body));
    let src = "%%bash\npip install x\necho \"한국어\"\n";
    let m = mask(src);
    check_invariant(src, &m);
    assert!(m.text.bytes().all(|b| b == b' ' || b == b'\n'));
    assert_eq!(m.magics.len(), 1);
    assert_eq!(m.magics[0].kind, MagicKind::CellMagic);
    assert!(!m.is_python());
}

#[test]
fn crlf_cell_parses() {
    let src =
        "%matplotlib inline\r\nimport numpy as np\r\nif True:\r\n    !ls -la\r\nnp.array?\r\n";
    let m = mask(src);
    check_invariant(src, &m);
    assert!(parses(&m.text));
    assert_eq!(m.magics.len(), 3);
}

// ---------------------------------------------------------------------------------------------
// Property

fn fragment() -> impl Strategy<Value = String> {
    let pieces: Vec<&'static str> = vec![
        "%matplotlib inline",
        "%%time",
        "%%bash",
        "%%capture out",
        "%time x = f(1)",
        "%timeit -n 10 -r 3 f()",
        "%time for i in x: pass",
        "r = %timeit -o f()",
        "%pip install pandas",
        "!pip install -q xgboost lightgbm==4.0",
        "!!ls",
        "!echo 안녕하세요",
        "x = !ls",
        "a, b = !cmd",
        "x = %sx ls",
        "pip install x",
        "cd ..",
        "ls -la",
        "time.sleep(1)",
        "pip = 3",
        "df.head??",
        "obj?",
        "??obj",
        "?os.path",
        "np.*load*?",
        "%timeit?",
        "x = (10",
        " % 3)",
        "y = [1,",
        "!2]",
        "z = 1 + \\",
        "s = '''",
        "'''",
        "s = \"\"\"",
        "\"\"\"",
        "t = 'a%b!c'",
        "u = r'\\'' + f\"{x!r}\"",
        "w = 'open \\",
        "def f():",
        "    return 1",
        "    !ls",
        "        %time f()",
        "# comment with % and ! and ?",
        "print 'py2'",
        "x = 1  # (",
        "é = 1",
        "🙂?",
        "\u{0}",
        "\t%magic\u{3000}",
        "",
        "   ",
        "%",
        "!",
        "?",
        "?? ",
        "\\",
    ];
    prop_oneof![
        4 => prop::sample::select(pieces).prop_map(str::to_owned),
        1 => "[ -~]{0,12}",
        1 => "[%!?#'\"()\\[\\]\\\\ a-z=.,é한🙂\t\u{0}]{0,10}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

fn line_end() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r", ""])
}

fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(vec!["", "", "    ", "\t", " "]),
            fragment(),
            line_end(),
        ),
        0..10,
    )
    .prop_map(|lines| {
        lines
            .into_iter()
            .map(|(indent, frag, end)| format!("{indent}{frag}{end}"))
            .collect()
    })
}

/// Lines (or small blocks) that IPython accepts at the start of a logical line.
const IPYTHON_VALID: &[&str] = &[
    "x = 1",
    "import os",
    "%matplotlib inline",
    "%config InlineBackend.figure_format = 'retina'",
    "!ls -la",
    "!echo 안녕하세요 \"it's\"",
    "x = !ls",
    "a, b = !cmd",
    "files = %sx ls",
    "pip install x",
    "cd ..",
    "df.head?",
    "df.head??",
    "??len",
    "?os.path",
    "np.*load*?",
    "%timeit?",
    "%time y = f(x)",
    "%timeit -n 3 -r 2 f()",
    "r = %timeit -o f()",
    "%time for i in x: pass",
    "s = '%d!' % 3",
    "t = '''\n!not magic\n%nor this\n'''",
    "z = (10\n % 3)",
    "w = 1 + \\\n    2",
    "for i in range(3):\n    !echo $i\n    %time f(i)\n    i?",
    "if x:\n    pip install y\nelse:\n    x = !ls",
    ";",
    "/f a b",
    "print(1)  # ?!%",
    "!pip install a \\\n  b==2",
    "ls -la",
    "time.sleep(1)",
    "ls = [\n1]",
    "é = 'ünï' + \"😀\"",
    "x = %time f()",
    "obj?  # comment",
    "a[0]?",
    "x = y?",
    "%pwd",
    "!!ls",
    "names = %who_ls",
    "",
    "    ",
    "# %not a magic",
];

fn ipython_cell() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "%%time\n", "%%capture out\n", "\n%%timeit -n 1\n"]),
        prop::collection::vec(prop::sample::select(IPYTHON_VALID.to_vec()), 0..8),
        prop::sample::select(vec!["\n", "\r\n"]),
    )
        .prop_map(|(header, lines, eol)| {
            let body = lines.join("\n") + "\n";
            (header.to_owned() + &body).replace('\n', eol)
        })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

proptest! {
    // No regression files: failures print their minimal input instead.
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn ipython_valid_cells_parse_after_masking(src in ipython_cell()) {
        let m = mask(&src);
        check_invariant(&src, &m);
        prop_assert!(parses(&m.text), "{src:?}\n→ {:?}", m.text);
        // Masking is idempotent: the masked text holds no IPython syntax.
        let again = mask(&m.text);
        prop_assert_eq!(&again.text, &m.text);
        prop_assert!(again.magics.is_empty(), "{:?}", again.magics);
    }

    #[test]
    fn same_length_same_newlines_on_generated_cells(src in cell()) {
        let m = mask(&src);
        check_invariant(&src, &m);
    }

    #[test]
    fn same_length_same_newlines_on_arbitrary_strings(src in any::<String>()) {
        let m = mask(&src);
        check_invariant(&src, &m);
    }

    #[test]
    fn same_length_on_arbitrary_ascii(src in "[ -~\n\r\t]{0,80}") {
        let m = mask(&src);
        check_invariant(&src, &m);
    }
}

// ---------------------------------------------------------------------------------------------
// Corpus

use crate::common;

fn text_of(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items.iter().filter_map(|i| i.as_str()).collect(),
        _ => String::new(),
    }
}

/// The code cells of a notebook (nbformat 4 `cells[].source`, nbformat 3
/// `worksheets[].cells[].input`).
fn code_cells(nb: &serde_json::Value) -> Vec<String> {
    let mut cells: Vec<&serde_json::Value> = Vec::new();
    if let Some(list) = nb.get("cells").and_then(|c| c.as_array()) {
        cells.extend(list);
    }
    if let Some(sheets) = nb.get("worksheets").and_then(|w| w.as_array()) {
        for sheet in sheets {
            if let Some(list) = sheet.get("cells").and_then(|c| c.as_array()) {
                cells.extend(list);
            }
        }
    }
    cells
        .into_iter()
        .filter(|c| c.get("cell_type").and_then(|t| t.as_str()) == Some("code"))
        .map(|c| {
            text_of(
                c.get("source")
                    .or_else(|| c.get("input"))
                    .unwrap_or(&serde_json::Value::Null),
            )
        })
        .collect()
}

/// Python 2 syntax that the parser rejects for reasons unrelated to IPython.
fn looks_like_python2(src: &str) -> bool {
    src.lines().any(|line| {
        let t = line.trim_start();
        let after = |kw: &str| {
            t.strip_prefix(kw).is_some_and(|r| {
                r.is_empty()
                    || r.starts_with([' ', '\t', '"', '\''])
                        && !r.trim_start().starts_with(['(', '='])
            })
        };
        after("print")
            || after("exec")
            || t.starts_with("print >>")
            || (t.starts_with("except ") && t.contains(',') && !t.contains('('))
            || (t.starts_with("raise ") && t.contains(", ") && !t.contains('('))
            || t.contains('`')
            || t.contains("<>")
    })
}

const AUTOMAGIC_WORDS: &[&str] = &[
    "pip",
    "conda",
    "cd",
    "ls",
    "matplotlib",
    "load_ext",
    "time",
    "timeit",
    "run",
];

fn has_ipython_marker(src: &str) -> bool {
    src.lines().any(|line| {
        let t = line.trim();
        t.starts_with(['%', '!', '?', ';', '/'])
            || (t.ends_with('?') && !t.starts_with('#'))
            || t.split_whitespace()
                .next()
                .is_some_and(|w| AUTOMAGIC_WORDS.contains(&w))
    })
}

#[test]
fn corpus_cells_parse_after_masking() {
    let Some(dir) = common::corpus_notebooks("corpus_cells_parse_after_masking") else {
        return;
    };
    let entries = std::fs::read_dir(&dir).expect("the corpus folder reads");
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ipynb"))
        .collect();
    paths.sort();

    let mut totals = [0usize; 6];
    let mut ipython_failures = Vec::new();
    eprintln!(
        "{:<70} {:>5} {:>6} {:>6} {:>5} {:>4} {:>4}",
        "notebook", "cells", "magics", "marked", "fail", "py2", "ipy"
    );
    for path in &paths {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let raw = std::fs::read_to_string(path).unwrap_or_default();
        let Ok(nb) = serde_json::from_str::<serde_json::Value>(&raw) else {
            eprintln!("{name:<70} unreadable JSON");
            continue;
        };
        let mut row = [0usize; 6];
        for (i, src) in code_cells(&nb).iter().enumerate() {
            let m = mask(src);
            check_invariant(src, &m);
            row[0] += 1;
            row[1] += m.magics.len();
            let marked = has_ipython_marker(src);
            row[2] += usize::from(marked);
            if parses(&m.text) {
                continue;
            }
            row[3] += 1;
            if looks_like_python2(src) {
                row[4] += 1;
                if let Err(e) = ast::Suite::parse(&m.text, "<cell>") {
                    let at = usize::from(e.offset).min(src.len());
                    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
                    let line = src[line_start..].lines().next().unwrap_or("");
                    eprintln!("  {name} cell {i}: Python 2 ({}): {}", e.error, line.trim());
                }
            } else if marked {
                row[5] += 1;
                ipython_failures.push(format!(
                    "{name} cell {i}:\n{src}\n--- masked ---\n{}",
                    m.text
                ));
            } else if src
                .lines()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.starts_with([' ', '\t']))
            {
                // IPython dedents a cell whose first line is indented; same-length masking
                // cannot (it would have to move bytes).
                eprintln!("  {name} cell {i}: indented first line (IPython dedents it):\n{src}\n");
            } else {
                eprintln!("  {name} cell {i}: not Python (no IPython marker):\n{src}\n");
            }
        }
        for (t, r) in totals.iter_mut().zip(row) {
            *t += r;
        }
        eprintln!(
            "{:<70} {:>5} {:>6} {:>6} {:>5} {:>4} {:>4}",
            name.chars().take(70).collect::<String>(),
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5]
        );
    }
    eprintln!(
        "{:<70} {:>5} {:>6} {:>6} {:>5} {:>4} {:>4}",
        format!("TOTAL ({} notebooks)", paths.len()),
        totals[0],
        totals[1],
        totals[2],
        totals[3],
        totals[4],
        totals[5]
    );
    assert!(
        ipython_failures.is_empty(),
        "cells with IPython syntax left unmasked:\n{}",
        ipython_failures.join("\n=====\n")
    );
}
