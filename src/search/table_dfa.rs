//! A DFA that `build.rs` flattened into a transition table, searched where
//! it lies in the binary.
//!
//! `regex_automata`'s dense DFAs must be checked when deserialized (without
//! `unsafe`), and the check reads the whole table: with every pack, checking
//! the built-in patterns' automata took more instructions than searching
//! with them. A table needs no check: every step indexes it with bounds
//! checked, so a corrupt table can only make a search give up (the caller
//! then compiles the pattern), never read out of bounds.
//!
//! The search is `regex_automata::dfa`'s, step for step: matches are
//! delayed by one byte, the start state depends on the byte before the
//! search, and the end of input is a transition of its own. The layout is
//! documented on `table` in `build.rs`.

use regex_automata::{Anchored, Input, MatchError};
use zerocopy::FromBytes;

/// Words before the start states' ids.
const HEADER: usize = 134;

/// A flattened DFA over a table of `u32` words.
#[derive(Clone, Debug)]
pub(crate) struct TableDfa {
    /// Byte → class.
    classes: [u8; 256],
    /// Look-behind byte (256: none) → index into `starts`, 255 to give up.
    start_of: [u8; 257],
    /// Start states.
    starts: &'static [u32],
    /// Transitions, `stride` words a state; state ids are offsets into it.
    transitions: &'static [u32],
    /// Classes plus one; the last column is the end-of-input transition.
    stride: usize,
    /// State ids below this are special: dead (0), quit, match.
    special_end: u32,
    /// The first match state.
    match_start: u32,
    /// Whether every match starts where the search does.
    always_anchored: bool,
}

/// Why a search gave up: the pattern must be searched another way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GaveUp;

impl From<GaveUp> for MatchError {
    fn from(_: GaveUp) -> MatchError {
        MatchError::gave_up(0)
    }
}

impl TableDfa {
    /// Reads a table, or `None` if its header does not fit (the caller
    /// compiles the pattern instead).
    pub(crate) fn new(bytes: &'static [u8]) -> Option<TableDfa> {
        let words = <[u32]>::ref_from_bytes(bytes).ok()?;
        let header = words.get(..HEADER)?;
        let stride = usize::try_from(header[0]).ok().filter(|&s| s >= 2)?;
        let start_count = usize::try_from(header[133]).ok()?;
        let starts = words.get(HEADER..HEADER + start_count)?;
        let transitions = words.get(HEADER + start_count..)?;
        let mut classes = [0u8; 256];
        unpack(&header[4..68], &mut classes);
        let mut start_of = [0u8; 257];
        unpack(&header[68..133], &mut start_of);
        Some(TableDfa {
            classes,
            start_of,
            starts,
            transitions,
            stride,
            special_end: header[3],
            match_start: header[2],
            always_anchored: header[1] & 2 != 0,
        })
    }

    /// Whether every match starts where the search does.
    pub(crate) fn is_always_start_anchored(&self) -> bool {
        self.always_anchored
    }

    fn start(&self, behind: Option<u8>) -> Result<u32, GaveUp> {
        let i = self.start_of[behind.map_or(256, usize::from)];
        self.starts.get(usize::from(i)).copied().ok_or(GaveUp)
    }

    fn next(&self, sid: u32, byte: u8) -> Result<u32, GaveUp> {
        let at = sid as usize + usize::from(self.classes[usize::from(byte)]);
        self.transitions.get(at).copied().ok_or(GaveUp)
    }

    fn next_eoi(&self, sid: u32) -> Result<u32, GaveUp> {
        let at = sid as usize + self.stride - 1;
        self.transitions.get(at).copied().ok_or(GaveUp)
    }

    fn is_match(&self, sid: u32) -> bool {
        (self.match_start..self.special_end).contains(&sid)
    }

    /// Where the leftmost-first match in `input` ends (the first match to
    /// end, with `earliest`); unanchored searches only.
    pub(crate) fn find_fwd(&self, input: &Input<'_>) -> Result<Option<usize>, GaveUp> {
        if input.get_anchored() != Anchored::No {
            return Err(GaveUp);
        }
        let hay = input.haystack();
        let (start, end) = (input.start(), input.end());
        let earliest = input.get_earliest();
        let mut sid = self.start(start.checked_sub(1).map(|i| hay[i]))?;
        let mut found = None;
        for (at, &byte) in hay[start..end].iter().enumerate() {
            sid = self.next(sid, byte)?;
            if sid < self.special_end {
                if sid >= self.match_start {
                    found = Some(start + at);
                    if earliest {
                        return Ok(found);
                    }
                } else if sid == 0 {
                    return Ok(found);
                } else {
                    return Err(GaveUp);
                }
            }
        }
        self.finish(sid, hay.get(end).copied(), end, found)
    }

    /// Where the longest match ending at `input.end()` starts, searching
    /// backwards from there (the reverse DFA of an anchored search).
    pub(crate) fn find_rev(&self, input: &Input<'_>) -> Result<Option<usize>, GaveUp> {
        let hay = input.haystack();
        let (start, end) = (input.start(), input.end());
        let mut sid = self.start(hay.get(end).copied())?;
        let mut found = None;
        for at in (start..end).rev() {
            sid = self.next(sid, hay[at])?;
            if sid < self.special_end {
                if sid >= self.match_start {
                    found = Some(at + 1);
                } else if sid == 0 {
                    return Ok(found);
                } else {
                    return Err(GaveUp);
                }
            }
        }
        self.finish(sid, start.checked_sub(1).map(|i| hay[i]), start, found)
    }

    /// The last step of a search: on the byte just past the searched span
    /// (`None` at the end of the haystack), a match there counting as one
    /// at `at`.
    fn finish(
        &self,
        sid: u32,
        past: Option<u8>,
        at: usize,
        found: Option<usize>,
    ) -> Result<Option<usize>, GaveUp> {
        let sid = match past {
            Some(byte) => self.next(sid, byte)?,
            None => self.next_eoi(sid)?,
        };
        if self.is_match(sid) {
            Ok(Some(at))
        } else if sid != 0 && sid < self.special_end {
            Err(GaveUp)
        } else {
            Ok(found)
        }
    }
}

/// Unpacks bytes stored four to a word, low byte first.
fn unpack(words: &[u32], out: &mut [u8]) {
    for (i, b) in out.iter_mut().enumerate() {
        *b = (words[i / 4] >> (8 * (i % 4))) as u8;
    }
}
