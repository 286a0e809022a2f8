//! Maps byte offsets in folded text back to byte offsets in the original file.

use std::ops::Range;

/// One run of folded bytes and the original bytes it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    folded: (usize, usize),
    original: (usize, usize),
    /// Identity runs map byte for byte; other runs (a folded whitespace run, a
    /// curly quote turned straight, a decoded entity) map as a whole.
    identity: bool,
}

/// A monotonic, piecewise map from folded offsets to original offsets.
///
/// Built by appending runs in folded order; both folded and original offsets
/// must never decrease.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

impl OffsetMap {
    /// Records that folded bytes `folded..folded + len` are the original bytes
    /// `original..original + len`, one for one.
    pub fn push_identity(&mut self, folded: usize, original: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segments.last_mut() {
            if last.identity && last.folded.1 == folded && last.original.1 == original {
                last.folded.1 += len;
                last.original.1 += len;
                return;
            }
        }
        self.segments.push(Segment {
            folded: (folded, folded + len),
            original: (original, original + len),
            identity: true,
        });
    }

    /// Records that folded bytes `folded` stand for the original bytes `original` as a whole.
    pub fn push_replacement(&mut self, folded: Range<usize>, original: Range<usize>) {
        if folded.is_empty() {
            return;
        }
        if folded.len() == 1 && original.len() == 1 {
            // One byte for one (a line break turned space): the same as an
            // identity run, which it can then extend; a policy has one such
            // byte on nearly every line.
            self.push_identity(folded.start, original.start, 1);
            return;
        }
        self.segments.push(Segment {
            folded: (folded.start, folded.end),
            original: (original.start, original.end),
            identity: false,
        });
    }

    fn segment_at(&self, folded: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.folded.0 <= folded);
        i.checked_sub(1).map(|i| &self.segments[i])
    }

    /// Original offset where the folded byte at `folded` starts.
    #[must_use]
    pub fn start(&self, folded: usize) -> usize {
        match self.segment_at(folded) {
            None => self.segments.first().map_or(0, |s| s.original.0),
            Some(s) if folded >= s.folded.1 => s.original.1,
            Some(s) if s.identity => s.original.0 + (folded - s.folded.0),
            Some(s) => s.original.0,
        }
    }

    /// Original offset just past the folded byte before `folded` (an exclusive end).
    #[must_use]
    pub fn end(&self, folded: usize) -> usize {
        if folded == 0 {
            return self.start(0);
        }
        match self.segment_at(folded - 1) {
            None => self.segments.first().map_or(0, |s| s.original.0),
            Some(s) if folded > s.folded.1 => s.original.1,
            Some(s) if s.identity => s.original.0 + (folded - s.folded.0),
            Some(s) => s.original.1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_and_replacement() {
        // original: "a  b’c"  folded: "a b'c"
        let mut m = OffsetMap::default();
        m.push_identity(0, 0, 1);
        m.push_replacement(1..2, 1..3);
        m.push_identity(2, 3, 1);
        m.push_replacement(3..4, 4..7);
        m.push_identity(4, 7, 1);
        assert_eq!(m.start(0), 0);
        assert_eq!(m.start(1), 1);
        assert_eq!(m.end(2), 3);
        assert_eq!(m.start(2), 3);
        assert_eq!(m.start(3), 4);
        assert_eq!(m.end(4), 7);
        assert_eq!(m.end(5), 8);
    }

    #[test]
    fn one_byte_replacements_join_identity_runs() {
        // original: "a\nb"  folded: "a b"
        let mut m = OffsetMap::default();
        m.push_identity(0, 0, 1);
        m.push_replacement(1..2, 1..2);
        m.push_identity(2, 2, 1);
        assert_eq!(m.segments.len(), 1);
        assert_eq!((m.start(1), m.end(2), m.end(3)), (1, 2, 3));
    }

    #[test]
    fn identity_runs_merge() {
        let mut m = OffsetMap::default();
        m.push_identity(0, 10, 3);
        m.push_identity(3, 13, 2);
        assert_eq!(m.segments.len(), 1);
        assert_eq!(m.start(4), 14);
    }
}
