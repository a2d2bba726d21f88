//! Python scripts with cell markers (jupytext `# %%`, nbconvert `# In[ ]:`) as notebooks.
//!
//! Three layouts, tried in this order:
//! 1. **jupytext percent** ([`SourceFormat::PercentScript`]): any line `# %%` (or `#%%`)
//!    followed by nothing or whitespace starts a cell. `[markdown]` or `[md]` after the
//!    marker makes a markdown cell, whose lines lose their leading `# ` (or `#`); `[raw]`
//!    makes a raw cell; anything else (a title, options) a code cell. Text before the
//!    first marker is a code cell when it is not blank.
//! 2. **nbconvert** ([`SourceFormat::NbconvertScript`]): a line `# In[12]:` or `# In[ ]:`
//!    starts a code cell with that execution count. nbconvert writes markdown cells as
//!    blocks of `#` lines set off by blank lines; a run of such comment-only blocks at the
//!    end of a cell, two or more blank lines after its code, becomes markdown cells (one
//!    per block), and so do comment-only blocks before the first marker. A code cell that
//!    ends with a comment block after two blank lines is therefore split the same way.
//! 3. Anything else is **one code cell** holding the text unchanged
//!    ([`SourceFormat::PercentScript`]), so its line numbers are the file's.
//!
//! nbconvert writes a cell magic as `get_ipython().run_cell_magic('time', '', '…')`
//! with the cell's code in the string; such a cell becomes the `%%time` cell it was,
//! so the code inside is analysed.
//!
//! In the first two layouts, a leading `#!` line, a `# coding: …` line and a jupytext
//! YAML header (`# ---` … `# ---`) are dropped; each cell loses its leading and trailing
//! blank lines; lines are joined with `\n` (CRLF becomes LF). Commented magics
//! (`# %matplotlib inline`, as jupytext writes them) stay comments.

use super::{Cell, CellKind, Notebook, SourceFormat};

/// Reads a script as a notebook; see the module docs for the layouts. Never fails.
pub fn parse_script(text: &str) -> Notebook {
    let lines: Vec<&str> = text.lines().collect();
    let (format, cells) = if lines.iter().any(|l| percent_marker(l).is_some()) {
        (
            SourceFormat::PercentScript,
            percent_cells(drop_header(&lines)),
        )
    } else if lines.iter().any(|l| nbconvert_marker(l).is_some()) {
        (
            SourceFormat::NbconvertScript,
            nbconvert_cells(drop_header(&lines)),
        )
    } else {
        let cells = if text.trim().is_empty() {
            Vec::new()
        } else {
            vec![(CellKind::Code, text.to_owned(), None)]
        };
        (SourceFormat::PercentScript, cells)
    };
    Notebook {
        format,
        nbformat: 4,
        nbformat_minor: 5,
        language: Some("python".into()),
        cells: cells
            .into_iter()
            .enumerate()
            .map(|(index, (kind, source, execution_count))| Cell {
                index,
                id: None,
                kind,
                source,
                execution_count,
                outputs: Vec::new(),
            })
            .collect(),
    }
}

/// Whether a file should be read with [`parse_script`] rather than as nbformat JSON:
/// always for a `.py` extension, never for `.ipynb`; otherwise when the content is UTF-8
/// text that does not start like JSON and has a `# %%` or `# In[ ]:` marker line.
pub fn looks_like_script(path_extension: Option<&str>, bytes: &[u8]) -> bool {
    match path_extension.map(str::to_ascii_lowercase).as_deref() {
        Some("py") => return true,
        Some("ipynb") => return false,
        _ => {}
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None | Some(b'{' | b'[') => return false,
        Some(_) => {}
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    text.lines()
        .any(|l| percent_marker(l).is_some() || nbconvert_marker(l).is_some())
}

type RawCell = (CellKind, String, Option<u32>);

/// `# %%` / `#%%` with nothing or whitespace after: the kind of cell it starts.
fn percent_marker(line: &str) -> Option<CellKind> {
    let rest = line.strip_prefix('#')?.trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix("%%")?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None; // `# %%time`: a commented cell magic, not a marker.
    }
    let has = |tag: &str| rest.split_whitespace().any(|w| w.eq_ignore_ascii_case(tag));
    Some(if has("[markdown]") || has("[md]") {
        CellKind::Markdown
    } else if has("[raw]") {
        CellKind::Raw
    } else {
        CellKind::Code
    })
}

/// `# In[12]:` → `Some(Some(12))`, `# In[ ]:` → `Some(None)`.
fn nbconvert_marker(line: &str) -> Option<Option<u32>> {
    let inner = line
        .trim_end()
        .strip_prefix("# In[")?
        .strip_suffix("]:")?
        .trim();
    if inner.is_empty() {
        Some(None)
    } else if inner.bytes().all(|b| b.is_ascii_digit()) {
        Some(inner.parse().ok())
    } else {
        None
    }
}

/// nbconvert writes a cell magic as one call with the cell's code in a string:
/// `get_ipython().run_cell_magic('time', '', 'x = 1\\n')`. This gives back the
/// cell as it was (`%%time\nx = 1`), so its code is analysed like any other
/// cell's; `None` for anything else.
fn restore_cell_magic(source: &str) -> Option<String> {
    let rest = source
        .trim()
        .strip_prefix("get_ipython().run_cell_magic(")?
        .strip_suffix(')')?;
    let (name, rest) = python_string(rest.trim_start())?;
    let (args, rest) = python_string(rest.trim_start().strip_prefix(',')?.trim_start())?;
    let (body, rest) = python_string(rest.trim_start().strip_prefix(',')?.trim_start())?;
    if !rest.trim().is_empty() || name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    let header = format!("%%{name} {args}");
    Some(format!(
        "{}\n{}",
        header.trim_end(),
        body.trim_end_matches('\n')
    ))
}

/// A Python string literal as `repr` writes it (quotes `'` or `"`, backslash
/// escapes) at the start of `text`: its value and the text after it.
fn python_string(text: &str) -> Option<(String, &str)> {
    let quote = text.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let mut out = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        if c == quote {
            return Some((out, &text[1 + i + 1..]));
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let (_, e) = chars.next()?;
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '\\' | '\'' | '"' => out.push(e),
            'x' | 'u' | 'U' => {
                let len = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..len)
                    .filter_map(|_| chars.next().map(|(_, h)| h))
                    .collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    None
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Drops a `#!` line, a `# coding` line and a jupytext YAML header from the start.
fn drop_header<'a, 'l>(mut lines: &'a [&'l str]) -> &'a [&'l str] {
    if lines.first().is_some_and(|l| l.starts_with("#!")) {
        lines = &lines[1..];
    }
    if lines
        .first()
        .is_some_and(|l| l.starts_with('#') && (l.contains("coding:") || l.contains("coding=")))
    {
        lines = &lines[1..];
    }
    let start = lines
        .iter()
        .position(|l| !is_blank(l))
        .unwrap_or(lines.len());
    if lines.get(start).is_some_and(|l| l.trim_end() == "# ---") {
        let after = &lines[start + 1..];
        if let Some(end) = after.iter().position(|l| l.trim_end() == "# ---") {
            if after[..end].iter().all(|l| l.starts_with('#')) {
                lines = &after[end + 1..];
            }
        }
    }
    lines
}

/// The lines without leading and trailing blank lines, joined with `\n`.
fn join_trimmed(lines: &[&str]) -> String {
    let start = lines
        .iter()
        .position(|l| !is_blank(l))
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !is_blank(l))
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

/// `# text` → `text`, `#` → ``; other lines unchanged.
fn uncomment(line: &str) -> &str {
    line.strip_prefix("# ")
        .or_else(|| line.strip_prefix('#'))
        .unwrap_or(line)
}

fn markdown_source(lines: &[&str]) -> String {
    let lines: Vec<&str> = lines.iter().map(|l| uncomment(l)).collect();
    join_trimmed(&lines)
}

fn percent_cells(lines: &[&str]) -> Vec<RawCell> {
    let mut cells = Vec::new();
    let first = lines
        .iter()
        .position(|l| percent_marker(l).is_some())
        .unwrap_or(lines.len());
    let preamble = join_trimmed(&lines[..first]);
    if !preamble.is_empty() {
        cells.push((CellKind::Code, preamble, None));
    }
    let mut i = first;
    while i < lines.len() {
        let kind = percent_marker(lines[i]).unwrap_or(CellKind::Code);
        let end = lines[i + 1..]
            .iter()
            .position(|l| percent_marker(l).is_some())
            .map_or(lines.len(), |p| i + 1 + p);
        let body = &lines[i + 1..end];
        let source = match kind {
            CellKind::Markdown => markdown_source(body),
            CellKind::Code | CellKind::Raw => join_trimmed(body),
        };
        cells.push((kind, source, None));
        i = end;
    }
    cells
}

fn nbconvert_cells(lines: &[&str]) -> Vec<RawCell> {
    let mut cells = Vec::new();
    let first = lines
        .iter()
        .position(|l| nbconvert_marker(l).is_some())
        .unwrap_or(lines.len());
    split_nbconvert_segment(&lines[..first], None, false, &mut cells);
    let mut i = first;
    while i < lines.len() {
        let count = nbconvert_marker(lines[i]).flatten();
        let end = lines[i + 1..]
            .iter()
            .position(|l| nbconvert_marker(l).is_some())
            .map_or(lines.len(), |p| i + 1 + p);
        split_nbconvert_segment(&lines[i + 1..end], count, true, &mut cells);
        i = end;
    }
    cells
}

/// A block of consecutive non-blank lines, with the number of blank lines before it.
struct Block {
    start: usize,
    end: usize,
    gap_before: usize,
    comments_only: bool,
}

/// Splits the lines after one `# In[ ]:` marker (or before the first) into a code cell
/// and the markdown cells nbconvert wrote after it.
fn split_nbconvert_segment(
    lines: &[&str],
    count: Option<u32>,
    has_marker: bool,
    cells: &mut Vec<RawCell>,
) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut gap = 0;
    let mut i = 0;
    while i < lines.len() {
        if is_blank(lines[i]) {
            gap += 1;
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !is_blank(lines[i]) {
            i += 1;
        }
        blocks.push(Block {
            start,
            end: i,
            gap_before: gap,
            comments_only: lines[start..i].iter().all(|l| l.starts_with('#')),
        });
        gap = 0;
    }
    // The code part ends at the last block with code (for a marker with only comments
    // under it, the first block), plus the blocks that follow it closer than two blank
    // lines.
    let mut code_blocks = match blocks.iter().rposition(|b| !b.comments_only) {
        Some(last) => last + 1,
        None => usize::from(has_marker && !blocks.is_empty()),
    };
    if code_blocks > 0 {
        while code_blocks < blocks.len() && blocks[code_blocks].gap_before < 2 {
            code_blocks += 1;
        }
    }
    if has_marker || code_blocks > 0 {
        let source = match code_blocks {
            0 => String::new(),
            n => join_trimmed(&lines[blocks[0].start..blocks[n - 1].end]),
        };
        let source = restore_cell_magic(&source).unwrap_or(source);
        cells.push((CellKind::Code, source, count));
    }
    for block in &blocks[code_blocks..] {
        cells.push((
            CellKind::Markdown,
            markdown_source(&lines[block.start..block.end]),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nbconvert_cell_magics_become_cells_again() {
        assert_eq!(
            restore_cell_magic(
                "get_ipython().run_cell_magic('time', '', 'X = load(\\'a b\\')\\nprint(X)\\n')"
            )
            .as_deref(),
            Some("%%time\nX = load('a b')\nprint(X)")
        );
        assert_eq!(
            restore_cell_magic("get_ipython().run_cell_magic(\"capture\", \"out\", \"x = 1\")")
                .as_deref(),
            Some("%%capture out\nx = 1")
        );
        assert!(
            restore_cell_magic("get_ipython().run_line_magic('matplotlib', 'inline')").is_none()
        );
        assert!(restore_cell_magic("x = 1").is_none());
        let text = "# In[3]:\n\n\nget_ipython().run_cell_magic('time', '', 'path_names = train.path.values\\n')\n\n\n# In[4]:\n\n\nprint(path_names)\n";
        let nb = parse_script(text);
        let code: Vec<&str> = nb
            .cells
            .iter()
            .filter(|c| c.kind == CellKind::Code)
            .map(|c| c.source.as_str())
            .collect();
        assert_eq!(
            code,
            [
                "%%time\npath_names = train.path.values",
                "print(path_names)"
            ]
        );
    }
}
