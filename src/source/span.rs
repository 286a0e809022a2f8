//! The one span type: a half-open range of byte offsets into a file's text
//! (its original bytes, unless the file was transcoded: see
//! [`crate::source::SourceFile::original_span`]).

use std::fmt;
use std::ops::{Index, Range};

/// A half-open byte range `start..end` into the original bytes of a file.
///
/// Every position clauselint reports is a `Span`; lines and columns are derived
/// from it only when rendering (see [`crate::source::LineIndex`]).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Creates a span.
    ///
    /// # Panics
    /// Panics if `start > end`: an inverted span is a bug in the caller.
    #[track_caller]
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        assert!(start <= end, "inverted span {start}..{end}");
        Self { start, end }
    }

    /// An empty span at `offset`.
    #[must_use]
    pub fn empty(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    /// Number of bytes covered.
    #[must_use]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both `self` and `other`.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span as a `Range`, for slicing.
    #[must_use]
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

impl Index<Span> for str {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_and_index() {
        let a = Span::new(2, 4);
        let b = Span::new(6, 9);
        assert_eq!(a.cover(b), Span::new(2, 9));
        assert_eq!(&"abcdefghij"[a], "cd");
        assert_eq!(format!("{a:?}"), "2..4");
    }

    #[test]
    #[should_panic(expected = "inverted span")]
    fn inverted_span_panics() {
        let _ = Span::new(3, 2);
    }
}
