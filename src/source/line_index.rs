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
    /// `char_checkpoints[k]`: characters in the first `k * CHECKPOINT` bytes.
    /// Without them a column costs a scan from the start of its line, and a
    /// 5 MB single-line file with many findings took quadratic time.
    char_checkpoints: Vec<usize>,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 4096;

/// Characters starting in `bytes` (UTF-8 continuation bytes are not counted).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

impl LineIndex {
    /// Indexes `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut char_checkpoints = vec![0];
        for chunk in text.as_bytes().chunks_exact(CHECKPOINT) {
            let last = *char_checkpoints.last().unwrap_or(&0);
            char_checkpoints.push(last + count_chars(chunk));
        }
        Self {
            line_starts,
            bom_len,
            char_checkpoints,
        }
    }

    /// Characters in `text[..offset]`, in at most `CHECKPOINT` steps.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = (offset / CHECKPOINT).min(self.char_checkpoints.len() - 1);
        self.char_checkpoints[k] + count_chars(&text.as_bytes()[k * CHECKPOINT..offset])
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
        let column = if offset - start <= CHECKPOINT {
            text[start..offset].chars().count() + 1
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start) + 1
        };
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
    fn long_lines_use_checkpoints_exactly() {
        // Longer than several checkpoints, with 1- to 4-byte characters
        // straddling the checkpoint boundaries, a BOM and a second line.
        let mut text = String::from("\u{feff}");
        for i in 0..9000 {
            text.push(['a', 'é', '日', '😀'][i % 4]);
        }
        text.push('\n');
        text.push_str(&"xé".repeat(5000));
        let idx = LineIndex::new(&text);
        let second = text.find('\n').unwrap() + 1;
        for offset in (0..=text.len())
            .step_by(7)
            .filter(|&o| text.is_char_boundary(o))
        {
            let (line, start) = if offset >= second {
                (2, second)
            } else {
                (1, 3.min(offset))
            };
            let column = text[start..offset].chars().count() + 1;
            assert_eq!(
                idx.line_col(&text, offset),
                LineCol { line, column },
                "offset {offset}"
            );
        }
    }

    #[test]
    fn offsets_inside_chars_clamp() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 99), LineCol { line: 1, column: 2 });
    }
}
