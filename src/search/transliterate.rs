//! Blocks with a few non-ASCII characters, rewritten so that a pattern's fast
//! (ASCII) form can search them.
//!
//! The fast form of a pattern is exact only on printable ASCII; other blocks
//! (4 % of the corpus's) need the regex as written, whose Unicode automaton
//! costs ~0.5 ms to build and runs on the PikeVM. But for most rule regexes a
//! non-ASCII character matters only through what `\w`, `\b`, `.` and negated
//! classes make of it. Such a character is replaced by one byte that every
//! [`super::Pattern::transliterable`] pattern treats the same way:
//!
//! - a word character (a letter, a mark) by `_`: a word character that is
//!   not a letter or digit, and that those patterns never name;
//! - any other character (`•`, `©`, `…`) by the byte `0x80`: not a word
//!   character, space or digit, matched by `.` and by negated classes, never
//!   named.
//!
//! Either way it becomes one byte, so counted repetitions (`[^.;]{0,80}`)
//! count it once, as the Unicode regex does. A block holding a non-ASCII digit
//! or space (`\d`, `\s` would differ) is not rewritten.

use std::ops::Range;

/// A block's text rewritten (see the module docs), with the character on
/// either side of it, which word boundaries and line anchors look at.
pub(super) struct Transliterated {
    /// The rewritten text: the character before the block (if any), the
    /// block, the character after it (if any).
    pub bytes: Vec<u8>,
    /// Where the block lies in `bytes`.
    pub range: Range<usize>,
    /// The folded-text offset of `bytes[0]`.
    from: usize,
    /// For each rewritten character, the position in `bytes` just after it
    /// and how many bytes shorter `bytes` is than the text up to there.
    shrunk: Vec<(usize, usize)>,
}

impl Transliterated {
    /// Rewrites `text[block]`; `None` if it holds a character that cannot be
    /// rewritten (a non-ASCII digit or space).
    pub fn new(text: &str, block: Range<usize>) -> Option<Transliterated> {
        let before = text[..block.start].chars().next_back();
        let after = text[block.end..].chars().next();
        let from = block.start - before.map_or(0, char::len_utf8);
        let to = block.end + after.map_or(0, char::len_utf8);
        let mut bytes = Vec::with_capacity(to - from);
        let mut shrunk = Vec::new();
        let mut lost = 0;
        for c in text[from..to].chars() {
            bytes.push(byte_for(c)?);
            if c.len_utf8() > 1 {
                lost += c.len_utf8() - 1;
                shrunk.push((bytes.len(), lost));
            }
        }
        let start = usize::from(before.is_some());
        let end = bytes.len() - usize::from(after.is_some());
        Some(Transliterated {
            bytes,
            range: start..end,
            from,
            shrunk,
        })
    }

    /// The folded-text range of a match at `range` of [`Self::bytes`].
    pub fn origin(&self, range: Range<usize>) -> Range<usize> {
        self.offset(range.start)..self.offset(range.end)
    }

    fn offset(&self, at: usize) -> usize {
        let i = self.shrunk.partition_point(|&(after, _)| after <= at);
        let lost = i.checked_sub(1).map_or(0, |i| self.shrunk[i].1);
        self.from + at + lost
    }
}

/// The byte standing for `c`, or `None` if none can.
fn byte_for(c: char) -> Option<u8> {
    if c.is_ascii() {
        // `c` is ASCII, so the cast is exact.
        Some(c as u8)
    } else if c.is_numeric() || c.is_whitespace() {
        None
    } else if regex_syntax::is_word_character(c) {
        Some(b'_')
    } else {
        Some(0x80)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_become_one_byte_each() {
        let text = "a\ncafé • ©x\nb";
        let t = Transliterated::new(text, 2..15).unwrap();
        assert_eq!(t.bytes, b"\ncaf_ \x80 \x80x\n");
        assert_eq!(t.range, 1..10);
        // "é" is one byte here, two in the text.
        assert_eq!(&text[t.origin(4..5)], "é");
        assert_eq!(&text[t.origin(1..10)], "café • ©x");
    }

    #[test]
    fn every_position_maps_back_to_its_character() {
        let text = "x\nAé•日本 z😀é\ny";
        let t = Transliterated::new(text, 2..text.len() - 2).unwrap();
        let starts: Vec<usize> = text[1..text.len() - 1]
            .char_indices()
            .map(|(i, _)| i + 1)
            .chain([text.len() - 1])
            .collect();
        assert_eq!(starts.len(), t.bytes.len() + 1);
        for (at, &want) in starts.iter().enumerate() {
            assert_eq!(t.origin(at..at), want..want, "position {at}");
        }
    }

    #[test]
    fn edges_of_the_text_have_no_neighbour() {
        let t = Transliterated::new("né", 0..3).unwrap();
        assert_eq!(t.bytes, b"n_");
        assert_eq!(t.range, 0..2);
        assert_eq!(t.origin(0..2), 0..3);
    }

    #[test]
    fn digits_and_spaces_are_not_rewritten() {
        assert!(Transliterated::new("page \u{663}", 0..7).is_none());
        assert!(Transliterated::new("x\u{2003}y", 0..5).is_none());
        assert!(Transliterated::new("x\u{b2}", 0..3).is_none());
    }
}
