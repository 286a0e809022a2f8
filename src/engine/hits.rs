//! Where each pattern of the rule set matches in a document.

use std::ops::Range;

use regex_automata::{Input, PatternSet};

use crate::document::Document;
use crate::rules::{is_non_ascii_word_char, RuleSet};

/// Match positions (folded ranges) of every pattern, outside headings.
#[derive(Debug, Default)]
pub struct Hits {
    by_pattern: Vec<Vec<Range<usize>>>,
}

impl Hits {
    /// Searches `doc` once for all patterns of `rules`.
    ///
    /// One pass of the fast set (ASCII word boundaries, so the lazy DFA never
    /// falls back to the PikeVM) over the whole folded text says which
    /// patterns occur; each of those is then searched once for positions.
    /// Blocks that hold a non-ASCII word character (rare in English policies)
    /// are searched again with the exact, Unicode forms of the patterns whose
    /// matches could differ there; see [`crate::rules::Pattern`].
    #[must_use]
    pub fn collect(doc: &Document, rules: &RuleSet) -> Hits {
        let text = doc.folded();
        let patterns = rules.patterns();
        let mut by_pattern = vec![Vec::new(); patterns.len()];
        if text.is_empty() {
            return Hits { by_pattern };
        }
        let blocks = doc.blocks();
        let dirty = if rules.sensitive().is_empty() {
            Vec::new()
        } else {
            unicode_word_blocks(doc)
        };
        let mut occurring = Vec::new();
        for (set, first) in rules.fast_sets() {
            let mut found = PatternSet::new(set.pattern_len());
            set.which_overlapping_matches(&Input::new(text), &mut found);
            occurring.extend(found.iter().map(|p| first + p.as_usize()));
        }
        for p in occurring {
            let skip_dirty = !dirty.is_empty() && patterns[p].is_unicode_sensitive();
            let hits = &mut by_pattern[p];
            // Matches come in order, so the block cursor only moves forward.
            let mut b = 0;
            for m in patterns[p].fast().find_iter(text) {
                // Blocks are separated by '\n'; a match across it spans two blocks.
                if text.as_bytes()[m.range()].contains(&b'\n') {
                    continue;
                }
                while b + 1 < blocks.len() && blocks[b + 1].range.start <= m.start() {
                    b += 1;
                }
                // Hits in headings do not count; in a dirty block the exact
                // pass decides.
                let skip = blocks[b].is_heading() || (skip_dirty && dirty[b]);
                if !skip {
                    hits.push(m.range());
                }
            }
        }
        if !dirty.is_empty() {
            exact_pass(doc, rules, &dirty, &mut by_pattern);
        }
        Hits { by_pattern }
    }

    /// The first hit of pattern `p` that lies within `unit`.
    #[must_use]
    pub fn first_within(&self, p: usize, unit: &Range<usize>) -> Option<Range<usize>> {
        let hits = &self.by_pattern[p];
        let i = hits.partition_point(|h| h.start < unit.start);
        hits.get(i).filter(|h| h.end <= unit.end).cloned()
    }

    /// The hits of pattern `p` that lie within `unit`, in order.
    pub fn within<'a>(
        &'a self,
        p: usize,
        unit: &Range<usize>,
    ) -> impl Iterator<Item = &'a Range<usize>> + 'a {
        let hits = &self.by_pattern[p];
        let from = hits.partition_point(|h| h.start < unit.start);
        let to = hits.partition_point(|h| h.start < unit.end);
        let end = unit.end;
        hits[from..to].iter().filter(move |h| h.end <= end)
    }

    /// All hits of pattern `p`, in order.
    #[must_use]
    pub fn of(&self, p: usize) -> &[Range<usize>] {
        &self.by_pattern[p]
    }
}

/// Per block, whether it holds a non-ASCII word character; empty when none does.
fn unicode_word_blocks(doc: &Document) -> Vec<bool> {
    let mut dirty = Vec::new();
    for (i, block) in doc.blocks().iter().enumerate() {
        let text = doc.text(block.range.clone());
        // `is_ascii` is word-at-a-time fast; only non-ASCII blocks decode chars.
        if !text.is_ascii() && text.chars().any(is_non_ascii_word_char) {
            if dirty.is_empty() {
                dirty = vec![false; doc.blocks().len()];
            }
            dirty[i] = true;
        }
    }
    dirty
}

/// Searches the `dirty` blocks with the exact forms of the Unicode-sensitive
/// patterns, bounded to each block (context outside it still counts for
/// assertions), and merges the hits in order.
///
/// One search per pattern and block rather than one set pass per block: the
/// exact forms cannot use the DFA on these blocks, and a lone pattern's
/// literal prefilter skips most of a block where the set's PikeVM would step
/// through every byte (measured: ~6x fewer instructions).
fn exact_pass(
    doc: &Document,
    rules: &RuleSet,
    dirty: &[bool],
    by_pattern: &mut [Vec<Range<usize>>],
) {
    let text = doc.folded();
    let blocks: Vec<&Range<usize>> = doc
        .blocks()
        .iter()
        .zip(dirty)
        .filter(|(b, &d)| d && !b.is_heading())
        .map(|(b, _)| &b.range)
        .collect();
    for &p in rules.sensitive() {
        let exact = rules.patterns()[p].exact();
        let before = by_pattern[p].len();
        for range in &blocks {
            let input = Input::new(text).range((*range).clone());
            by_pattern[p].extend(exact.find_iter(input).map(|m| m.range()));
        }
        if by_pattern[p].len() > before {
            by_pattern[p].sort_unstable_by_key(|r| r.start);
        }
    }
}
