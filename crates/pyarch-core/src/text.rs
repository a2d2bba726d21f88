//! Byte offsets to 1-based line and character columns, for any cell source.

use crate::finding::Span;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// 1-based line and 1-based character column of a byte offset.
    /// Offsets past the end or inside a character are clamped, never a panic.
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = text[start..offset].chars().count();
        (line as u32 + 1, column as u32 + 1)
    }

    pub fn span(&self, text: &str, range: Range<usize>) -> Span {
        let (line, column) = self.position(text, range.start);
        let (end_line, end_column) = self.position(text, range.end);
        Span {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts
            .get((line as usize).checked_sub(1)?)
            .copied()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a = 1\n# 한글 x\nb";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(text, x), (2, 6));
        assert_eq!(idx.position(text, text.len()), (3, 2));
        // An offset inside `글` clamps back to its start.
        assert_eq!(idx.position(text, x - 3), (2, 4));
    }
}
