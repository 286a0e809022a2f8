//! What the duplicate detectors compare, and which pairs they report.
//!
//! Policies repeat text on purpose: the same list of data categories under
//! every purpose, the same legal-basis sentence under every processing
//! activity, the same rights for each jurisdiction, "Learn more" link lists.
//! A copy-paste defect looks different: the copy sits right next to the
//! original. So both duplicate detectors
//! - compare only paragraphs and list items of at least `min_words` words
//!   (not headings, table cells, short labels or link lists),
//! - skip heading-like paragraphs (no closing punctuation: "Category B.
//!   California Customer Records", lead-ins ending in `:`),
//! - report a pair only when the copies are at most `max_distance` blocks
//!   apart, and two list items only when they are in one run of list items,
//! - and leave out families of three or more similar paragraphs (word-shingle
//!   Jaccard similarity of at least [`FAMILY`]): a template filled in for each
//!   purpose, product or right.

use std::collections::HashMap;

use super::clause::normalize;
use crate::document::{Block, BlockKind, Document};

/// Similarity at which paragraphs count as one family (a template and its fillings).
pub(super) const FAMILY: f64 = 0.5;
/// Words per shingle.
const SHINGLE: usize = 4;
/// A shingle found in more paragraphs than this does not propose candidates.
const MAX_POSTINGS: usize = 64;

/// A compared paragraph.
pub(super) struct Para {
    /// Index of its block.
    pub block: usize,
    /// Its comparison key.
    pub key: String,
    /// Hashes of its word 4-shingles, sorted and deduplicated.
    shingles: Vec<u64>,
}

/// Every compared paragraph of a document with an inverted shingle index:
/// only paragraphs that share a shingle are ever compared.
pub(super) struct Index {
    /// The paragraphs, in document order.
    pub paras: Vec<Para>,
    postings: HashMap<u64, Vec<usize>>,
}

impl Index {
    /// Indexes the paragraphs of `doc` that have at least `min_words` words.
    pub(super) fn build(doc: &Document, min_words: usize) -> Index {
        let mut paras = Vec::new();
        let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
        for (b, block) in doc.blocks().iter().enumerate() {
            let Some(key) = key(doc, block, min_words) else {
                continue;
            };
            let words: Vec<&str> = key.split(' ').collect();
            let mut shingles: Vec<u64> = if words.len() < SHINGLE {
                vec![hash_words(&words)]
            } else {
                words.windows(SHINGLE).map(hash_words).collect()
            };
            shingles.sort_unstable();
            shingles.dedup();
            for &h in &shingles {
                postings.entry(h).or_default().push(paras.len());
            }
            paras.push(Para {
                block: b,
                key,
                shingles,
            });
        }
        Index { paras, postings }
    }

    /// Every other paragraph whose similarity to paragraph `i` is at least
    /// `threshold`, with that similarity, in document order.
    pub(super) fn similar(&self, i: usize, threshold: f64) -> Vec<(usize, f64)> {
        let me = &self.paras[i];
        // Shared shingles per candidate, counted from the postings; shingles
        // too common to look up are counted as possibly shared by everyone.
        let mut shared: HashMap<usize, usize> = HashMap::new();
        let mut unknown = 0;
        for h in &me.shingles {
            match self.postings.get(h) {
                Some(list) if list.len() <= MAX_POSTINGS => {
                    for &p in list.iter().filter(|&&p| p != i) {
                        *shared.entry(p).or_insert(0) += 1;
                    }
                }
                Some(_) => unknown += 1,
                None => {}
            }
        }
        let mut out: Vec<(usize, f64)> = shared
            .into_iter()
            .filter_map(|(p, count)| {
                let other = &self.paras[p];
                let (a, b) = (me.shingles.len(), other.shingles.len());
                // An upper bound first: most candidates share a shingle or two.
                let most = (count + unknown).min(a.min(b));
                #[allow(clippy::cast_precision_loss)]
                if (most as f64) < threshold * (a + b - most) as f64 {
                    return None;
                }
                let inter = if unknown == 0 {
                    count
                } else {
                    intersection(&me.shingles, &other.shingles)
                };
                #[allow(clippy::cast_precision_loss)]
                let jaccard = inter as f64 / (a + b - inter).max(1) as f64;
                (jaccard >= threshold).then_some((p, jaccard))
            })
            .collect();
        out.sort_unstable_by_key(|&(p, _)| p);
        out
    }
}

impl Index {
    /// Every other paragraph sharing at least `threshold` of the word
    /// sequences of the smaller of the two (one copies most of the other,
    /// shortened or lengthened), with that share, in document order.
    pub(super) fn contained(&self, i: usize, threshold: f64) -> Vec<(usize, f64)> {
        let me = &self.paras[i];
        let mut candidates: Vec<usize> = me
            .shingles
            .iter()
            .filter_map(|h| self.postings.get(h))
            .flatten()
            .copied()
            .filter(|&p| p != i)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|p| {
                let other = &self.paras[p];
                let inter = intersection(&me.shingles, &other.shingles);
                #[allow(clippy::cast_precision_loss)]
                let share =
                    inter as f64 / me.shingles.len().min(other.shingles.len()).max(1) as f64;
                (share >= threshold).then_some((p, share))
            })
            .collect()
    }
}

/// Size of the intersection of two sorted, deduplicated lists.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// FNV-1a over the words, with a separator, so results are stable across runs.
fn hash_words(words: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(b' ')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A paragraph's comparison key (lowercase words), if it is compared at all.
fn key(doc: &Document, block: &Block, min_words: usize) -> Option<String> {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) || mostly_link(doc, block)
    {
        return None;
    }
    let text = doc.text(block.range.clone());
    if block.kind == BlockKind::Paragraph && heading_like(text) {
        return None;
    }
    let key = normalize(text);
    (key.split(' ').count() >= min_words).then_some(key)
}

/// Whether the copy at block `later` of the block `earlier` is worth reporting.
pub(super) fn close_enough(
    doc: &Document,
    earlier: usize,
    later: usize,
    max_distance: usize,
) -> bool {
    if later.saturating_sub(earlier) > max_distance {
        return false;
    }
    let blocks = doc.blocks();
    // A heading between the copies: the text was placed in two sections on purpose.
    if blocks[earlier..later].iter().any(Block::is_heading) {
        return false;
    }
    let both_items =
        blocks[earlier].kind == BlockKind::ListItem && blocks[later].kind == BlockKind::ListItem;
    !both_items
        || blocks[earlier..=later]
            .iter()
            .all(|b| b.kind == BlockKind::ListItem)
}

/// A paragraph that reads as a heading or a lead-in: it does not end like a sentence.
fn heading_like(text: &str) -> bool {
    let end = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '"' | '\'' | ')' | ']')
    });
    !end.ends_with(['.', '!', '?', ';'])
}

/// Whether more than half of the block's text is link text.
pub(super) fn mostly_link(doc: &Document, block: &Block) -> bool {
    let links = doc.links();
    let first = links.partition_point(|l| l.end <= block.range.start);
    let linked: usize = links[first..]
        .iter()
        .take_while(|l| l.start < block.range.end)
        .map(|l| l.end.min(block.range.end) - l.start.max(block.range.start))
        .sum();
    linked * 2 > block.range.len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn intersection_counts_common_items() {
        assert_eq!(super::intersection(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        assert_eq!(super::intersection(&[], &[1]), 0);
    }

    #[test]
    fn hashing_is_order_sensitive() {
        use super::hash_words;
        assert_ne!(hash_words(&["a", "b"]), hash_words(&["b", "a"]));
        assert_ne!(hash_words(&["ab", "c"]), hash_words(&["a", "bc"]));
    }

    #[test]
    fn heading_like_paragraphs() {
        assert!(super::heading_like(
            "Category B. California Customer Records"
        ));
        assert!(super::heading_like("Disclosed to these recipients:"));
        assert!(!super::heading_like("We may share it with partners."));
        assert!(!super::heading_like("We may share it (see below)."));
    }
}
