//! Byte offset → line and column, computed once per file.

/// A 1-based line and column. Columns count Unicode scalar values, and a
/// leading byte-order mark is not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Line start offsets of one text, for fast offset → line/column lookups.
///
/// Lines end at `\n`; a `\r` before it belongs to the line it ends, so CRLF
/// files get the same line numbers as LF files.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    bom_len: usize,
}

impl LineIndex {
    /// Indexes `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Self {
            line_starts,
            bom_len,
        }
    }

    /// Number of lines (a text with no newline has one line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where the 1-based `line` starts, if it exists.
    #[must_use]
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)?).copied()
    }

    /// Line and column of byte `offset` in `text` (the text this index was built from).
    ///
    /// An offset past the end or inside a multi-byte character is clamped to
    /// the previous character boundary.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let mut start = self.line_starts[line - 1];
        if line == 1 {
            start = start.max(self.bom_len.min(offset));
        }
        let column = text[start..offset].chars().count() + 1;
        LineCol { line, column }
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_crlf_bom_and_multibyte() {
        let text = "\u{feff}ab\r\ncé\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 4), LineCol { line: 1, column: 2 });
        let c = text.find('c').unwrap();
        assert_eq!(idx.line_col(text, c), LineCol { line: 2, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), LineCol { line: 3, column: 1 });
        // after 'é' (two bytes) comes column 3
        assert_eq!(idx.line_col(text, x - 1), LineCol { line: 2, column: 3 });
        assert_eq!(idx.line_count(), 3);
    }

    #[test]
    fn offsets_inside_chars_clamp() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 99), LineCol { line: 1, column: 2 });
    }
}
