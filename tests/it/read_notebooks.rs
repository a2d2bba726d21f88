//! Reading notebooks and scripts: the corpus, nbformat 3, every bad-input error,
//! a 200 MB notebook of images, marker scripts, and a small fuzz loop.

use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use pyarch::load::{load_notebook, LoadCause, LoadError, MAX_NOTEBOOK_BYTES};
use pyarch::notebook::read::{parse_ipynb, ReadError};
use pyarch::notebook::script::{looks_like_script, parse_script};
use pyarch::notebook::{CellKind, Notebook, OutputKind, SourceFormat};

use crate::common;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/read");

/// `../shared/corpus/notebooks`, or `None` (with a note) where it is absent.
fn corpus_dir(test: &str) -> Option<PathBuf> {
    common::corpus_notebooks(test)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn load_ok(path: &Path) -> Notebook {
    load_notebook(path).unwrap_or_else(|e| panic!("{e}"))
}

fn load_err(path: &Path) -> LoadError {
    match load_notebook(path) {
        Ok(nb) => panic!(
            "{} loaded ({} cells), expected an error",
            path.display(),
            nb.cells.len()
        ),
        Err(e) => e,
    }
}

/// The error's Display is exactly `"{path}: {cause}"`, on one line.
fn assert_load_error(path: &Path, cause: &str) {
    let e = load_err(path);
    let shown = e.to_string();
    assert_eq!(shown, format!("{}: {cause}", path.display()));
    assert!(!shown.contains('\n'), "{shown:?} is not one line");
    assert_eq!(e.path(), path);
    assert_eq!(e.cause().to_string(), cause);
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// A tiny deterministic PRNG (xorshift64).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

// ---------------------------------------------------------------------------------------
// The corpus.

struct ManifestRow {
    cells: usize,
    code_cells: usize,
    nbformat: u32,
}

fn read_manifest(dir: &Path) -> HashMap<String, ManifestRow> {
    let path = [dir.join("MANIFEST.tsv"), dir.join("../MANIFEST.tsv")]
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("no MANIFEST.tsv in or beside {}", dir.display()));
    let text = fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .expect("empty MANIFEST.tsv")
        .split('\t')
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("MANIFEST.tsv has no `{name}` column"))
    };
    let (file, cells, code_cells, nbformat) = (
        col("file"),
        col("cells"),
        col("code_cells"),
        col("nbformat"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let row = ManifestRow {
                cells: f[cells].parse().unwrap(),
                code_cells: f[code_cells].parse().unwrap(),
                nbformat: f[nbformat].parse().unwrap(),
            };
            (f[file].to_string(), row)
        })
        .collect()
}

fn corpus_notebooks(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ipynb"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_notebook_loads_and_matches_the_manifest() {
    let Some(corpus) = corpus_dir("every_corpus_notebook_loads_and_matches_the_manifest") else {
        return;
    };
    let manifest = read_manifest(&corpus);
    let files = corpus_notebooks(&corpus);
    assert!(!files.is_empty(), "no .ipynb files in {}", corpus.display());
    let mut problems = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let nb = match load_notebook(path) {
            Ok(nb) => nb,
            Err(e) => {
                problems.push(format!("{e}"));
                continue;
            }
        };
        let Some(row) = manifest.get(name) else {
            problems.push(format!("{name}: not in MANIFEST.tsv"));
            continue;
        };
        let code = nb.code_cells().count();
        if (nb.cells.len(), code, nb.nbformat) != (row.cells, row.code_cells, row.nbformat) {
            problems.push(format!(
                "{name}: read {} cells, {code} code, nbformat {}; manifest says {}, {}, {}",
                nb.cells.len(),
                nb.nbformat,
                row.cells,
                row.code_cells,
                row.nbformat
            ));
        }
        assert_eq!(nb.format, SourceFormat::Ipynb);
        assert!(nb.is_python(), "{name}: language {:?}", nb.language);
        for (i, cell) in nb.cells.iter().enumerate() {
            assert_eq!(cell.index, i, "{name}");
        }
    }
    assert_eq!(files.len(), manifest.len(), "files vs MANIFEST.tsv rows");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn corpus_outputs_keep_text_and_skip_images() {
    let Some(corpus) = corpus_dir("corpus_outputs_keep_text_and_skip_images") else {
        return;
    };
    let corpus_file = |name: &str| corpus.join(name);
    let nb = load_ok(&corpus_file(
        "jvns__pandas-cookbook__ch6_string_operations.ipynb",
    ));
    let outputs: Vec<_> = nb.cells.iter().flat_map(|c| &c.outputs).collect();
    assert!(outputs
        .iter()
        .any(|o| o.skipped_mime.iter().any(|m| m == "image/png")));
    assert!(outputs
        .iter()
        .any(|o| o.skipped_mime.iter().any(|m| m == "text/html")));
    for o in &outputs {
        assert!(
            !o.text.contains("iVBORw0KGgo"),
            "a PNG payload was kept as text"
        );
    }
    let result = outputs
        .iter()
        .find(|o| o.kind == OutputKind::ExecuteResult)
        .unwrap();
    assert!(result.execution_count.is_some());
    assert!(!result.text.is_empty());

    // Saved tracebacks read as `ename: evalue`.
    let nb = load_ok(&corpus_file(
        "fonnesbeck__statistical-analysis-python-tutorial__1_introduction_to_pandas.ipynb",
    ));
    let errors: Vec<_> = nb
        .cells
        .iter()
        .flat_map(|c| &c.outputs)
        .filter(|o| o.kind == OutputKind::Error)
        .collect();
    assert_eq!(errors.len(), 2);
    for e in errors {
        assert!(e.text.contains(": ") || !e.text.is_empty(), "{:?}", e.text);
        assert!(
            !e.text.contains('\u{1b}'),
            "traceback escapes kept: {:?}",
            e.text
        );
    }
}

// ---------------------------------------------------------------------------------------
// nbformat 3.

#[test]
fn nbformat3_fixture_reads_worksheets_inputs_prompt_numbers_and_outputs() {
    let nb = load_ok(&fixture("v3_small.ipynb"));
    assert_eq!((nb.nbformat, nb.nbformat_minor), (3, 0));
    assert_eq!(
        nb.language.as_deref(),
        Some("python"),
        "from the code cells' `language`"
    );
    let kinds: Vec<CellKind> = nb.cells.iter().map(|c| c.kind).collect();
    use CellKind::*;
    assert_eq!(kinds, [Markdown, Code, Markdown, Code, Code]);
    assert_eq!(nb.cells[0].source, "## Loading the data");
    assert_eq!(
        nb.cells[1].source,
        "import numpy as np\nx = np.arange(3)\nx"
    );
    let counts: Vec<Option<u32>> = nb.code_cells().map(|c| c.execution_count).collect();
    assert_eq!(counts, [Some(1), Some(2), Some(3)]);

    let pyout = &nb.cells[1].outputs[0];
    assert_eq!(pyout.kind, OutputKind::ExecuteResult);
    assert_eq!(pyout.execution_count, Some(1));
    assert_eq!(pyout.text, "array([0, 1, 2])");

    let outs = &nb.cells[3].outputs;
    assert_eq!(outs[0].kind, OutputKind::Stream);
    assert_eq!(outs[0].text, "plotting\n");
    assert_eq!(outs[1].kind, OutputKind::DisplayData);
    assert_eq!(outs[1].text, "<matplotlib.figure.Figure at 0x10>");
    assert_eq!(outs[1].skipped_mime, ["image/png"]);

    let err = &nb.cells[4].outputs[0];
    assert_eq!(err.kind, OutputKind::Error);
    assert_eq!(
        err.text,
        "ZeroDivisionError: integer division or modulo by zero"
    );
}

#[test]
fn corpus_nbformat3_notebooks_load_with_execution_counts() {
    let Some(corpus) = corpus_dir("corpus_nbformat3_notebooks_load_with_execution_counts") else {
        return;
    };
    let corpus_file = |name: &str| corpus.join(name);
    for (name, cells, code) in [
        (
            "jakevdp__sklearn_pycon2015__02.2-basic-principles.ipynb",
            81,
            40,
        ),
        (
            "justmarkham__DAT5__06_model_evaluation_procedures.ipynb",
            42,
            20,
        ),
    ] {
        let nb = load_ok(&corpus_file(name));
        assert_eq!(nb.nbformat, 3, "{name}");
        assert_eq!(nb.cells.len(), cells, "{name}");
        assert_eq!(nb.code_cells().count(), code, "{name}");
        let counts: Vec<u32> = nb.code_cells().filter_map(|c| c.execution_count).collect();
        assert_eq!(
            counts.len(),
            code,
            "{name}: every code cell has a prompt number"
        );
        assert!(counts.iter().all(|&n| n > 0), "{name}");
        // jakevdp's has one empty code cell (`"input": []`, prompt number 15).
        let empty = nb.code_cells().filter(|c| c.source.is_empty()).count();
        assert!(empty <= 1, "{name}: {empty} code cells without `input`");
        let pyouts = nb
            .cells
            .iter()
            .flat_map(|c| &c.outputs)
            .filter(|o| o.kind == OutputKind::ExecuteResult)
            .count();
        assert!(pyouts > 0, "{name}: pyout outputs read");
    }
    // A v3 heading cell becomes markdown with `#` × level.
    let nb = load_ok(&corpus_file(
        "jakevdp__sklearn_pycon2015__05-validation.ipynb",
    ));
    assert!(nb.cells.iter().any(|c| c.kind == CellKind::Markdown
        && c.source == "## Overfitting, Underfitting and Model Selection"));
    let images = nb
        .cells
        .iter()
        .flat_map(|c| &c.outputs)
        .filter(|o| o.skipped_mime.iter().any(|m| m == "image/png"))
        .count();
    assert_eq!(images, 11);
}

// ---------------------------------------------------------------------------------------
// nbformat 4 details.

#[test]
fn v4_sources_ids_and_outputs() {
    let bytes = fs::read(fixture("v4_small.ipynb")).unwrap();
    let nb = parse_ipynb(&bytes).unwrap();
    assert_eq!(
        (nb.format, nb.nbformat, nb.nbformat_minor),
        (SourceFormat::Ipynb, 4, 5)
    );
    assert_eq!(nb.language.as_deref(), Some("python"));
    assert_eq!(nb.cells.len(), 6);
    assert_eq!(nb.code_cells().count(), 4);

    let c = &nb.cells;
    // `source` as one string and as a list joined without separators.
    assert_eq!(c[0].source, "# Title\nSome *text*.");
    assert_eq!(
        c[1].source,
        "import pandas as pd\ndf = pd.DataFrame({'a': [1, 2, 3]})\nprint('loaded', len(df), 'rows')"
    );
    assert_eq!(c[2].source, "df.head(1)");
    assert_eq!(c[4].source, "");
    assert_eq!(c[5].source, "raw text");
    assert_eq!(c[5].kind, CellKind::Raw);

    let ids: Vec<Option<&str>> = c.iter().map(|c| c.id.as_deref()).collect();
    assert_eq!(
        ids,
        [
            Some("intro-md"),
            Some("load-cell"),
            Some("plot-cell"),
            Some("boom-cell"),
            Some("never-run"),
            Some("raw-cell")
        ]
    );
    let counts: Vec<Option<u32>> = c.iter().map(|c| c.execution_count).collect();
    assert_eq!(counts, [None, Some(1), Some(2), Some(3), None, None]);

    let stream = &c[1].outputs[0];
    assert_eq!(
        (stream.kind, stream.text.as_str()),
        (OutputKind::Stream, "loaded 3 rows\n")
    );
    assert!(stream.skipped_mime.is_empty());

    let result = &c[2].outputs[0];
    assert_eq!(result.kind, OutputKind::ExecuteResult);
    assert_eq!(result.execution_count, Some(2));
    assert_eq!(result.text, "   a\n0  1");
    assert_eq!(result.skipped_mime, ["text/html"]);

    let figure = &c[2].outputs[1];
    assert_eq!(figure.kind, OutputKind::DisplayData);
    assert_eq!(figure.text, "<Figure size 640x480 with 1 Axes>");
    assert_eq!(
        figure.skipped_mime,
        ["image/png", "application/vnd.jupyter.widget-view+json"]
    );

    let error = &c[3].outputs[0];
    assert_eq!(
        (error.kind, error.text.as_str()),
        (OutputKind::Error, "KeyError: 'b'")
    );
}

fn nb_with_cells(cells: &str) -> String {
    format!(r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{}}, "cells": [{cells}]}}"#)
}

#[test]
fn tolerant_fields() {
    // Odd metadata, a negative and a fractional execution_count, a numeric id, an
    // unknown cell type, outputs that are not objects or of unknown type, text that is
    // a number: all read, the odd values as absent.
    let doc = r#"{
      "nbformat": 4, "nbformat_minor": 99,
      "metadata": {"kernelspec": "python3", "language_info": {"name": 3}},
      "cells": [
        {"cell_type": "code", "execution_count": -1, "id": 7, "metadata": [], "source": "a",
         "outputs": [5, {"output_type": "clear_output"}, {"output_type": "stream", "text": 3},
                     {"output_type": "execute_result", "execution_count": "x",
                      "data": {"text/plain": ["1"]}, "metadata": {}}]},
        {"cell_type": "code", "execution_count": 2.5, "source": null, "outputs": null},
        {"cell_type": "sql", "source": "select 1"}
      ]
    }"#;
    let nb = parse_ipynb(doc.as_bytes()).unwrap();
    assert_eq!(nb.nbformat_minor, 99, "minors above 5 are accepted");
    assert_eq!(nb.language, None);
    assert_eq!(nb.cells.len(), 3);
    assert_eq!(nb.cells[0].execution_count, None);
    assert_eq!(nb.cells[0].id, None);
    assert_eq!(nb.cells[0].outputs.len(), 2);
    assert_eq!(nb.cells[0].outputs[0].text, "");
    assert_eq!(nb.cells[0].outputs[1].text, "1");
    assert_eq!(nb.cells[0].outputs[1].execution_count, None);
    assert_eq!(nb.cells[1].execution_count, None);
    assert_eq!(nb.cells[1].source, "");
    assert_eq!(nb.cells[2].kind, CellKind::Raw);

    // A UTF-8 byte-order mark is skipped; `nbformat` missing with `cells` means v4.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(br#"{"cells": [{"cell_type": "markdown", "source": ["x"]}]}"#);
    let nb = parse_ipynb(&bom).unwrap();
    assert_eq!((nb.nbformat, nb.cells.len()), (4, 1));

    // Language fallbacks, lower-cased.
    let doc = r#"{"nbformat": 4, "cells": [], "metadata": {"language_info": {"name": "Python"}}}"#;
    assert_eq!(
        parse_ipynb(doc.as_bytes()).unwrap().language.as_deref(),
        Some("python")
    );
    let doc = r#"{"nbformat": 3, "worksheets": [], "metadata": {"language": "Julia"}}"#;
    assert_eq!(
        parse_ipynb(doc.as_bytes()).unwrap().language.as_deref(),
        Some("julia")
    );
}

#[test]
fn parse_errors_name_the_cause() {
    let err = |bytes: &[u8]| parse_ipynb(bytes).unwrap_err();
    assert_eq!(err(b""), ReadError::Empty);
    assert_eq!(err(b" \n\t "), ReadError::Empty);
    assert_eq!(err(b"\x89PNG\r\n\x1a\n\0\0"), ReadError::Binary);
    assert_eq!(err(b"{\"cells\": \"\xff\xfe\"}"), ReadError::Binary);
    assert_eq!(
        err(b"{\"cells\": [").to_string(),
        "truncated JSON: EOF while parsing a list at line 1 column 11"
    );
    assert_eq!(
        err(b"{\"cells\": [}").to_string(),
        "invalid JSON: expected value at line 1 column 12"
    );
    assert_eq!(
        err(b"[1, 2]").to_string(),
        "not a notebook: expected a JSON object at the top level, found an array"
    );
    assert_eq!(
        err(b"{\"name\": \"x\"}").to_string(),
        "not a notebook: no `nbformat`, `cells` or `worksheets` field"
    );
    assert_eq!(
        err(br#"{"nbformat": 4, "nbformat_minor": 2, "metadata": {}}"#).to_string(),
        "not a notebook: nbformat 4 notebook without a `cells` list"
    );
    assert_eq!(
        err(br#"{"nbformat": 2, "worksheets": []}"#).to_string(),
        "unsupported nbformat version 2 (pyarch reads versions 3 and 4)"
    );
    assert_eq!(
        err(br#"{"nbformat": 5, "cells": []}"#).to_string(),
        "unsupported nbformat version 5 (pyarch reads versions 3 and 4)"
    );
    // The version is reported even when the cells come first and do not fit v4.
    assert_eq!(
        err(br#"{"cells": [{"kind": "code"}], "nbformat": 5}"#),
        ReadError::UnsupportedVersion(5)
    );
    assert_eq!(
        err(br#"{"nbformat": 4, "cells": "oops"}"#).to_string(),
        "bad field `cells`: invalid type: string \"oops\", expected a list of cells at line 1 column 31"
    );
    assert_eq!(
        err(nb_with_cells(r#"{"source": "x"}"#).as_bytes()).to_string(),
        "bad field `cells[0]`: missing field `cell_type` at line 1 column 78"
    );
    assert_eq!(
        err(nb_with_cells(r#"{"cell_type": "code", "source": 12}"#).as_bytes()).to_string(),
        "bad field `cells[0].source`: invalid type: integer `12`, expected a string or a list of strings at line 1 column 97"
    );
    assert_eq!(
        err(nb_with_cells(r#"{"cell_type": "code", "source": ["a", 1]}"#).as_bytes())
            .to_string(),
        "bad field `cells[0].source`: invalid type: integer `1`, expected a string at line 1 column 102"
    );
    assert_eq!(
        err(br#"{"nbformat": "4", "cells": []}"#).to_string(),
        "bad field `nbformat`: invalid type: string \"4\", expected an integer version number at line 1 column 16"
    );
    let v3 = br#"{"nbformat": 3, "worksheets": [{"cells": [
        {"cell_type": "code", "input": "x", "prompt_number": true}]}]}"#;
    assert_eq!(
        err(v3).to_string(),
        "bad field `worksheets[0].cells[0].prompt_number`: invalid type: boolean `true`, expected an integer or null at line 2 column 65"
    );
    // Huge unexpected strings are cut, keeping the position.
    let long = format!(r#"{{"nbformat": 4, "cells": "{}"}}"#, "x".repeat(10_000));
    let msg = err(long.as_bytes()).to_string();
    assert!(msg.len() < 400, "{msg}");
    assert!(
        msg.ends_with("expected a list of cells at line 1 column 10027"),
        "{msg}"
    );
}

// ---------------------------------------------------------------------------------------
// load_notebook errors.

#[test]
fn load_errors_start_with_the_path_and_name_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    assert_load_error(&d.join("missing.ipynb"), "no such file");
    assert_load_error(d, "is a directory");
    assert_load_error(&write_file(d, "empty.ipynb", b""), "empty file");
    assert_load_error(&write_file(d, "blank.ipynb", b"\n  \n"), "empty file");
    assert_load_error(
        &write_file(d, "garbage.ipynb", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xd8"),
        "binary or non-UTF-8 content",
    );
    assert_load_error(
        &write_file(d, "latin1.ipynb", b"{\"cells\": [\"caf\xe9\"]}"),
        "binary or non-UTF-8 content",
    );

    // Truncated: a real notebook cut in the middle.
    let full = fs::read(fixture("v4_small.ipynb")).unwrap();
    assert_load_error(
        &write_file(d, "truncated.ipynb", &full[..700]),
        "truncated JSON: EOF while parsing a string at line 32 column 9",
    );
    assert_load_error(
        &write_file(
            d,
            "invalid.ipynb",
            b"{\n \"cells\": [],\n \"nbformat\": 4,\n}\n",
        ),
        "invalid JSON: trailing comma at line 4 column 1",
    );
    assert_load_error(
        &write_file(d, "array.ipynb", b"[{\"cell_type\": \"code\"}]"),
        "not a notebook: expected a JSON object at the top level, found an array",
    );
    assert_load_error(
        &write_file(d, "config.ipynb", b"{\"editor.fontSize\": 14}"),
        "not a notebook: no `nbformat`, `cells` or `worksheets` field",
    );
    assert_load_error(
        &write_file(d, "cells_string.ipynb", br#"{"nbformat": 4, "nbformat_minor": 5, "cells": "print(1)"}"#),
        "bad field `cells`: invalid type: string \"print(1)\", expected a list of cells at line 1 column 56",
    );
    let exec_string = nb_with_cells(
        "\n {\"cell_type\": \"markdown\", \"source\": \"hi\"},\n {\"cell_type\": \"code\", \"execution_count\": \"3\", \"source\": \"x\", \"outputs\": []}\n",
    );
    assert_load_error(
        &write_file(d, "exec_string.ipynb", exec_string.as_bytes()),
        "bad field `cells[1].execution_count`: invalid type: string \"3\", expected an integer or null at line 3 column 45",
    );
    assert_load_error(
        &write_file(
            d,
            "v5.ipynb",
            br#"{"nbformat": 5, "nbformat_minor": 0, "cells": []}"#,
        ),
        "unsupported nbformat version 5 (pyarch reads versions 3 and 4)",
    );
    assert_load_error(
        &fixture("r_kernel.ipynb"),
        "kernel language is 'r'; pyarch analyses Python notebooks only",
    );
    assert!(matches!(
        load_err(&fixture("r_kernel.ipynb")).cause(),
        LoadCause::NotPython(l) if l == "r"
    ));

    // Too large: a sparse file one byte over the limit is refused before reading.
    let huge = d.join("huge.ipynb");
    fs::File::create(&huge)
        .unwrap()
        .set_len(MAX_NOTEBOOK_BYTES + 1)
        .unwrap();
    assert_load_error(
        &huge,
        &format!(
            "file is too large ({} bytes; the limit is {MAX_NOTEBOOK_BYTES} bytes)",
            MAX_NOTEBOOK_BYTES + 1
        ),
    );

    // Empty and binary scripts fail the same way.
    assert_load_error(&write_file(d, "empty.py", b""), "empty file");
    assert_load_error(
        &write_file(d, "bin.py", b"\0\x01\x02"),
        "binary or non-UTF-8 content",
    );
}

#[cfg(unix)]
#[test]
fn load_error_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "locked.ipynb",
        &fs::read(fixture("v4_small.ipynb")).unwrap(),
    );
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Running as root (as CI does): permissions do not stop reads.
        eprintln!("skipped: {} is still readable (root?)", path.display());
    } else {
        assert_load_error(&path, "permission denied");
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
}

// ---------------------------------------------------------------------------------------
// Big files.

use crate::big_notebook::{write_big_image_notebook, BIG_BYTES};

#[test]
fn a_200_mb_notebook_of_images_loads_and_200_mb_of_garbage_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write_big_image_notebook(dir.path());
    let cells = 200;

    let nb = load_ok(&path);
    assert_eq!(nb.cells.len(), cells);
    assert_eq!(nb.code_cells().count(), cells);
    assert_eq!(nb.cells[199].execution_count, Some(200));
    assert_eq!(nb.cells[199].id.as_deref(), Some("c199"));
    let mut text_bytes = 0;
    for cell in &nb.cells {
        assert_eq!(cell.outputs.len(), 1);
        let out = &cell.outputs[0];
        assert_eq!(out.skipped_mime, ["image/png"]);
        assert_eq!(out.text, "<Figure size 640x480 with 1 Axes>");
        text_bytes += out.text.len() + cell.source.len();
    }
    assert!(text_bytes < 20_000, "kept {text_bytes} bytes of text");
    // `pyarch check`'s peak memory on such a file: tests/peak_memory.rs.
    drop(nb);
    fs::remove_file(&path).unwrap();

    let garbage = dir.path().join("garbage.ipynb");
    {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let mut w = BufWriter::new(fs::File::create(&garbage).unwrap());
        let mut chunk = vec![0u8; 1 << 20];
        for _ in 0..BIG_BYTES / chunk.len() + 1 {
            for b in chunk.iter_mut() {
                *b = rng.next() as u8;
            }
            w.write_all(&chunk).unwrap();
        }
        w.flush().unwrap();
    }
    assert_load_error(&garbage, "binary or non-UTF-8 content");
}

// ---------------------------------------------------------------------------------------
// Scripts.

#[test]
fn percent_script() {
    let nb = load_ok(&fixture("percent.py"));
    assert_eq!(nb.format, SourceFormat::PercentScript);
    assert_eq!(nb.language.as_deref(), Some("python"));
    let cells: Vec<(CellKind, &str)> = nb
        .cells
        .iter()
        .map(|c| (c.kind, c.source.as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            (CellKind::Code, "import os"),
            (
                CellKind::Markdown,
                "# Titanic\n\nLoad the data, then train."
            ),
            (
                CellKind::Code,
                "import pandas as pd\n\ndf = pd.read_csv(\"train.csv\")"
            ),
            (CellKind::Code, "# %%time\nmodel = fit(df)"),
            (CellKind::Markdown, "Done."),
            (CellKind::Raw, "raw text"),
        ]
    );
    for (i, c) in nb.cells.iter().enumerate() {
        assert_eq!(
            (c.index, c.execution_count, c.id.as_deref()),
            (i, None, None)
        );
    }

    // No preamble cell when only blank lines come before the first marker.
    let nb = parse_script("\n\n# %%\nx = 1\n#%% [markdown]\n# hi\n");
    let cells: Vec<(CellKind, &str)> = nb
        .cells
        .iter()
        .map(|c| (c.kind, c.source.as_str()))
        .collect();
    assert_eq!(
        cells,
        [(CellKind::Code, "x = 1"), (CellKind::Markdown, "hi")]
    );
}

#[test]
fn nbconvert_script() {
    let nb = load_ok(&fixture("nbconvert.py"));
    assert_eq!(nb.format, SourceFormat::NbconvertScript);
    let cells: Vec<(CellKind, &str, Option<u32>)> = nb
        .cells
        .iter()
        .map(|c| (c.kind, c.source.as_str(), c.execution_count))
        .collect();
    assert_eq!(
        cells,
        [
            (
                CellKind::Markdown,
                "# Titanic\n\nLoad the data, then train.",
                None
            ),
            (
                CellKind::Code,
                "import pandas as pd\n\n\ndef load(path):\n    return pd.read_csv(path)",
                Some(1)
            ),
            (
                CellKind::Code,
                "df = load(\"train.csv\")\ndf.head()",
                Some(2)
            ),
            (CellKind::Markdown, "## Training\n\nA forest.", None),
            (CellKind::Markdown, "Second markdown cell.", None),
            (CellKind::Code, "model = fit(df)", None),
        ]
    );

    // A comment right after code stays in the code cell.
    let nb = parse_script("# In[3]:\n\n\nx = 1\n# done\n\n# In[4]:\n\n\n# y = 2\n");
    let cells: Vec<(&str, Option<u32>)> = nb
        .cells
        .iter()
        .map(|c| (c.source.as_str(), c.execution_count))
        .collect();
    assert_eq!(cells, [("x = 1\n# done", Some(3)), ("# y = 2", Some(4))]);
    assert!(nb.cells.iter().all(|c| c.kind == CellKind::Code));
}

#[test]
fn plain_script_is_one_code_cell() {
    let nb = load_ok(&fixture("plain.py"));
    assert_eq!(nb.format, SourceFormat::PercentScript);
    assert_eq!(nb.cells.len(), 1);
    assert_eq!(nb.cells[0].kind, CellKind::Code);
    assert_eq!(nb.cells[0].source, "import os\n\nprint(os.getcwd())\n");
    assert!(parse_script("  \n").cells.is_empty());
}

#[test]
fn script_detection() {
    assert!(looks_like_script(Some("py"), b"{}"));
    assert!(looks_like_script(Some("PY"), b""));
    assert!(!looks_like_script(Some("ipynb"), b"# %%\nx = 1\n"));
    assert!(looks_like_script(None, b"# %%\nx = 1\n"));
    assert!(looks_like_script(
        Some("txt"),
        b"#!/usr/bin/env python\n# In[1]:\nx = 1\n"
    ));
    assert!(!looks_like_script(Some("json"), b"{\"cells\": []}"));
    assert!(!looks_like_script(None, b"x = 1\n"));
    assert!(!looks_like_script(None, b"\xff# %%\n"));

    // A marker script without a .py extension loads as a script.
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "exported",
        b"# %%\nimport os\n# %%\nos.getcwd()\n",
    );
    let nb = load_ok(&path);
    assert_eq!(
        (nb.format, nb.cells.len()),
        (SourceFormat::PercentScript, 2)
    );
}

// ---------------------------------------------------------------------------------------
// Fuzz-ish: damaged corpus notebooks never panic.

#[test]
fn damaged_notebooks_never_panic() {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    // Our own notebooks, nbformat 4 and 3, so that this runs in a fresh clone too.
    let titanic = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/titanic_messy.ipynb");
    for path in [titanic, fixture("v3_small.ipynb")] {
        let name = path.display();
        let bytes = fs::read(&path).unwrap();
        assert!(parse_ipynb(&bytes).is_ok(), "{name}");
        for i in 0..200 {
            let cut = (i * bytes.len() / 200 + rng.below(bytes.len() / 200 + 1)).min(bytes.len());
            let result = parse_ipynb(&bytes[..cut]);
            if cut < bytes.len() - 2 {
                assert!(result.is_err(), "{name} cut at {cut} parsed");
            }
        }
        for _ in 0..200 {
            let mut damaged = bytes.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(damaged.len());
                damaged[at] = rng.next() as u8;
            }
            if let Err(e) = parse_ipynb(&damaged) {
                assert!(!e.to_string().contains('\n'), "{e}");
            }
        }
    }
    // Deep nesting inside a skipped payload, and at the top.
    let deep = nb_with_cells(&format!(
        r#"{{"cell_type": "code", "source": "", "outputs": [{{"output_type": "display_data", "data": {{"image/png": {}1{}}}}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    ));
    assert!(parse_ipynb(deep.as_bytes()).is_ok());
    let deep_top = "[".repeat(100_000);
    assert!(parse_ipynb(deep_top.as_bytes()).is_err());
    let deep_cells = nb_with_cells(&"[".repeat(100_000));
    assert!(parse_ipynb(deep_cells.as_bytes()).is_err());
}
