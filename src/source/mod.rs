//! Source files: original bytes as text, spans into them, and line indexes.

mod charset;
mod decode;
mod line_index;
mod span;

pub use charset::{decode_html, prescan_meta_charset, Decoded, Encoding, OriginMap, PRESCAN_LEN};
pub use decode::{decode, DecodeError, BINARY_SNIFF_LEN};
pub use line_index::{LineCol, LineIndex};
pub use span::Span;

use std::sync::{Arc, OnceLock};

/// A decoded source file: its display path, its text and its line index.
///
/// Cheap to clone. Spans into it are byte offsets into `text`. For UTF-8 files
/// (BOM included) that is the file's original bytes; for a transcoded file (an
/// HTML page in windows-1252) [`SourceFile::original_offset`] maps them back,
/// and reporters that print byte offsets use it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    path: String,
    text: String,
    /// Built on first use: most files (every built-in pack) never need it.
    lines: OnceLock<LineIndex>,
    origin: Option<OriginMap>,
    note: Option<String>,
}

/// Two handles are equal when they show the same path with the same text.
impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
            || (self.inner.path == other.inner.path && self.inner.text == other.inner.text)
    }
}

impl Eq for SourceFile {}

impl SourceFile {
    /// Wraps already-decoded text.
    #[must_use]
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self::with_origin(path.into(), text.into(), None)
    }

    /// Wraps text transcoded from another encoding, with the map from its
    /// offsets back to the original bytes.
    #[must_use]
    pub fn transcoded(path: impl Into<String>, text: impl Into<String>, origin: OriginMap) -> Self {
        Self::with_origin(path.into(), text.into(), Some(origin))
    }

    fn with_origin(path: String, text: String, origin: Option<OriginMap>) -> Self {
        Self {
            inner: Arc::new(Inner {
                path,
                text,
                lines: OnceLock::new(),
                origin,
                note: None,
            }),
        }
    }

    /// Wraps a decoded HTML file.
    #[must_use]
    pub fn from_decoded(path: impl Into<String>, decoded: Decoded) -> Self {
        let mut file = match decoded.origin {
            Some(origin) => Self::transcoded(path, decoded.text, origin),
            None => Self::new(path, decoded.text),
        };
        if let Some(note) = decoded.note {
            if let Some(inner) = Arc::get_mut(&mut file.inner) {
                inner.note = Some(note);
            }
        }
        file
    }

    /// A note about how the file was decoded (a `<meta>` charset overruled).
    #[must_use]
    pub fn decode_note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }

    /// Whether the text was transcoded (its offsets differ from the file's bytes).
    #[must_use]
    pub fn is_transcoded(&self) -> bool {
        self.inner.origin.is_some()
    }

    /// The byte offset in the original file of text offset `offset`.
    #[must_use]
    pub fn original_offset(&self, offset: usize) -> usize {
        match &self.inner.origin {
            Some(map) => map.original(offset),
            None => offset,
        }
    }

    /// A span of the text as a span of the original file's bytes.
    #[must_use]
    pub fn original_span(&self, span: Span) -> Span {
        Span::new(
            self.original_offset(span.start),
            self.original_offset(span.end),
        )
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
        self.inner
            .lines
            .get_or_init(|| LineIndex::new(&self.inner.text))
    }

    /// Line and column of a byte offset.
    #[must_use]
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines().line_col(&self.inner.text, offset)
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
