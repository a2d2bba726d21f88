//! Shared by the fuzz targets: the pipeline on a small stack, and the invariants checked.

#![allow(dead_code)]

use pyarch::analysis::Analysis;
use pyarch::ipython::MaskedCell;
use pyarch::notebook::Notebook;
use pyarch::plan::{plan, render, PlanOptions};
use pyarch::rules::Selection;
use std::collections::HashSet;

/// Runs `f` on a thread with a 2 MiB stack: the size of the rayon workers `pyarch check`
/// analyses notebooks on (libFuzzer's main thread has 8 MiB and would hide overflows).
pub fn on_small_stack<F: FnOnce() + Send>(f: F) {
    std::thread::scope(|s| {
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn_scoped(s, f)
            .expect("spawn the fuzz thread");
        if let Err(panic) = handle.join() {
            std::panic::resume_unwind(panic);
        }
    });
}

/// A notebook as the readers promise it: cells numbered in order.
pub fn check_notebook(nb: &Notebook) {
    for (i, c) in nb.cells.iter().enumerate() {
        assert_eq!(c.index, i, "cell index");
    }
}

/// The masking invariant: same byte length, line breaks at the same offsets, bytes outside
/// the magics unchanged, masked bytes only `0`, `;`, spaces and line breaks, ranges on
/// character boundaries.
pub fn check_mask(src: &str, m: &MaskedCell) {
    let (s, t) = (src.as_bytes(), m.text.as_bytes());
    assert_eq!(s.len(), t.len(), "masking changed the length");
    let mut inside = vec![false; s.len()];
    for g in &m.magics {
        assert!(
            g.range.start <= g.range.end && g.range.end <= s.len(),
            "magic {:?} outside",
            g.range
        );
        assert!(
            src.is_char_boundary(g.range.start) && src.is_char_boundary(g.range.end),
            "magic {:?} splits a character",
            g.range
        );
        for (i, &b) in t[g.range.clone()].iter().enumerate() {
            assert!(
                matches!(b, b' ' | b'0' | b';' | b'\n' | b'\r'),
                "byte {b} at {} in a masked span",
                g.range.start + i
            );
        }
        inside[g.range.clone()].iter_mut().for_each(|f| *f = true);
    }
    for i in 0..s.len() {
        if matches!(s[i], b'\n' | b'\r') || matches!(t[i], b'\n' | b'\r') {
            assert_eq!(s[i], t[i], "a line break moved at byte {i}");
        }
        if !inside[i] {
            assert_eq!(s[i], t[i], "byte {i} changed outside every magic");
        }
    }
}

/// Every range the model keeps is inside the cell source.
pub fn check_ranges(src: &str, cell: &pyarch::model::CellModel) {
    let ok = |r: &std::ops::Range<usize>| r.start <= r.end && r.end <= src.len();
    for s in &cell.statements {
        assert!(
            ok(&s.facts.range),
            "statement {:?} outside the source",
            s.facts.range
        );
        for r in &s.facts.reads {
            assert!(ok(&r.range), "read {:?} outside the source", r.range);
        }
        for c in &s.facts.calls {
            assert!(ok(&c.range), "call {:?} outside the source", c.range);
        }
    }
}

/// The whole pipeline with its invariants. With `PYARCH_FUZZ_CHECK_EXPORT=1`, every
/// exported `.py` file must also parse.
pub fn pipeline(nb: Notebook) {
    check_notebook(&nb);
    let analysis = Analysis::run(nb, &Selection::default());
    for cell in &analysis.model.cells {
        let src = &analysis.notebook.cells[cell.index].source;
        check_mask(src, &cell.masked);
        check_ranges(src, cell);
    }
    for f in &analysis.findings {
        if let Some(c) = f.cell {
            assert!(c < analysis.notebook.cells.len(), "finding for no cell");
        }
    }
    let options = PlanOptions {
        package: "fuzz".into(),
        ..PlanOptions::default()
    };
    let plan = plan(&analysis, &options);
    let expected: HashSet<(usize, usize)> = analysis
        .model
        .cells
        .iter()
        .flat_map(|c| (0..c.statements.len()).map(move |s| (c.index, s)))
        .collect();
    let mut seen = HashSet::new();
    for p in &plan.placements {
        assert!(seen.insert((p.cell, p.statement)), "placed twice: {p:?}");
    }
    assert_eq!(seen, expected, "the plan lost or invented a statement");
    let files = render(&plan, &analysis);
    let strict = std::env::var_os("PYARCH_FUZZ_CHECK_EXPORT").is_some_and(|v| v == "1");
    for f in &files {
        assert!(
            pyarch::export::check_relative(&f.path).is_ok(),
            "unsafe path {:?}",
            f.path
        );
        assert!(!f.contents.contains('\0'), "{} has a NUL byte", f.path);
        if strict && f.path.ends_with(".py") {
            let parsed = pyarch::syntax::parse_cell(&f.contents);
            // Too deep (copied from the notebook) or beyond rustpython-parser (CPython accepts
            // a tab after spaces in a comment line's indentation, rustpython does not).
            if let Some(e) = parsed.error {
                use pyarch::syntax::SyntaxErrorKind::{Invalid, Python2};
                assert!(
                    !matches!(e.kind, Invalid | Python2),
                    "{} does not parse: {}",
                    f.path,
                    e.message
                );
            }
        }
    }
}
