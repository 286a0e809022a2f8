//! Source files: original bytes as text, spans into them, and line indexes.

mod decode;
mod line_index;
mod span;

pub use decode::{decode, DecodeError, BINARY_SNIFF_LEN};
pub use line_index::{LineCol, LineIndex};
pub use span::Span;

use std::sync::Arc;

/// A decoded source file: its display path, its text and its line index.
///
/// Cheap to clone. Spans into it are byte offsets into `text`, which equals the
/// file's original bytes (UTF-8 is the only accepted encoding, BOM included).
#[derive(Clone, Debug)]
pub struct SourceFile {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    path: String,
    text: String,
    lines: LineIndex,
}

impl SourceFile {
    /// Wraps already-decoded text.
    #[must_use]
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        Self {
            inner: Arc::new(Inner {
                path: path.into(),
                text,
                lines,
            }),
        }
    }

    /// The path as given on the command line or found by walking.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// The whole text.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.inner.text
    }

    /// The line index of the text.
    #[must_use]
    pub fn lines(&self) -> &LineIndex {
        &self.inner.lines
    }

    /// Line and column of a byte offset.
    #[must_use]
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.inner.lines.line_col(&self.inner.text, offset)
    }

    /// Length of a leading byte-order mark (0 or 3).
    #[must_use]
    pub fn bom_len(&self) -> usize {
        if self.inner.text.starts_with('\u{feff}') {
            3
        } else {
            0
        }
    }
}
