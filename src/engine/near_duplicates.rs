//! `near-duplicate-paragraph`: a paragraph repeated with small edits.
//!
//! Each paragraph or list item of at least `min_words` words becomes the set
//! of its word 4-shingles (hashed). Similarity is the Jaccard index of two
//! sets. An inverted index from shingle to paragraphs finds the earlier
//! paragraphs that share any shingle, so only those pairs are counted; a
//! shingle shared by very many paragraphs (boilerplate) is left out of the
//! candidate search, which bounds the work on long documents.
//!
//! Exact copies (equal after normalization) are left to `duplicate-paragraph`.
//! Paragraphs that are mostly link text (repeated "Learn more" link lists) are
//! not compared.

use std::collections::HashMap;

use super::paragraphs::{close_enough, key};
use crate::document::{Block, Document};
use crate::finding::{Finding, Related};
use crate::rules::Rule;

/// Words per shingle.
const SHINGLE: usize = 4;
/// A shingle found in more paragraphs than this does not propose candidates.
const MAX_POSTINGS: usize = 64;

struct Para {
    block: usize,
    key: String,
    shingles: Vec<u64>,
}

pub(super) fn find(
    doc: &Document,
    rule: &Rule,
    min_words: usize,
    similarity_permille: u32,
    max_distance: usize,
) -> Vec<Finding> {
    let threshold = f64::from(similarity_permille) / 1000.0;
    let mut paras: Vec<Para> = Vec::new();
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut out = Vec::new();
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for (b, block) in doc.blocks().iter().enumerate() {
        let Some(key) = key(doc, block, min_words) else {
            continue;
        };
        let words: Vec<&str> = key.split(' ').collect();
        let mut shingles: Vec<u64> = words.windows(SHINGLE).map(hash_words).collect();
        shingles.sort_unstable();
        shingles.dedup();

        shared.clear();
        for h in &shingles {
            if let Some(list) = index.get(h) {
                if list.len() <= MAX_POSTINGS {
                    for &p in list {
                        *shared.entry(p).or_insert(0) += 1;
                    }
                }
            }
        }
        let mut best: Option<(f64, usize)> = None;
        let mut similar = 0;
        for &p in shared.keys() {
            let other = &paras[p];
            // Jaccard can reach the threshold only if enough shingles could be shared.
            let (small, large) = ordered(shingles.len(), other.shingles.len());
            #[allow(clippy::cast_precision_loss)]
            if (small as f64) < threshold * large as f64 || other.key == key {
                continue;
            }
            let inter = intersection(&shingles, &other.shingles);
            let union = shingles.len() + other.shingles.len() - inter;
            #[allow(clippy::cast_precision_loss)]
            let jaccard = inter as f64 / union.max(1) as f64;
            let better = match best {
                None => true,
                Some((s, q)) => jaccard > s || (jaccard == s && p < q),
            };
            if jaccard >= threshold {
                similar += 1;
                if better {
                    best = Some((jaccard, p));
                }
            }
        }
        // Similar to two or more earlier paragraphs: a template, filled in on purpose.
        if let Some((sim, p)) = best
            .filter(|&(_, p)| similar == 1 && close_enough(doc, paras[p].block, b, max_distance))
        {
            let original = &doc.blocks()[paras[p].block];
            out.push(report(doc, rule, block, original, sim));
        }
        let id = paras.len();
        for &h in &shingles {
            index.entry(h).or_default().push(id);
        }
        paras.push(Para {
            block: b,
            key,
            shingles,
        });
    }
    out
}

fn report(doc: &Document, rule: &Rule, later: &Block, earlier: &Block, sim: f64) -> Finding {
    let line = doc.source().line_col(earlier.span.start).line;
    // Floor, so 99.6% is not shown as an exact copy's 100%.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let percent = (sim * 100.0).floor() as u32;
    Finding {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        severity: rule.severity,
        message: format!("{} ({percent}% similar to line {line})", rule.message),
        span: later.span,
        label: format!("{percent}% of its word sequences are also in the paragraph at line {line}"),
        related: vec![Related {
            span: earlier.span,
            message: "earlier version here".into(),
        }],
    }
}

fn ordered(a: usize, b: usize) -> (usize, usize) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersection_counts_common_items() {
        assert_eq!(intersection(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        assert_eq!(intersection(&[], &[1]), 0);
    }

    #[test]
    fn hashing_is_order_sensitive() {
        assert_ne!(hash_words(&["a", "b"]), hash_words(&["b", "a"]));
        assert_ne!(hash_words(&["ab", "c"]), hash_words(&["a", "bc"]));
    }
}
