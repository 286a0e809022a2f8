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
//! - and leave out text that appears three or more times (a template).

use super::clause::normalize;
use crate::document::{Block, BlockKind, Document};

/// A paragraph's comparison key (lowercase words), if it is compared at all.
pub(super) fn key(doc: &Document, block: &Block, min_words: usize) -> Option<String> {
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
    fn heading_like_paragraphs() {
        assert!(super::heading_like(
            "Category B. California Customer Records"
        ));
        assert!(super::heading_like("Disclosed to these recipients:"));
        assert!(!super::heading_like("We may share it with partners."));
        assert!(!super::heading_like("We may share it (see below)."));
    }
}
