//! Where each pattern of the rule set matches in a document.

use std::ops::Range;

use crate::document::Document;
use crate::rules::RuleSet;

/// Match positions (folded ranges) of every pattern, outside headings.
#[derive(Debug, Default)]
pub struct Hits {
    by_pattern: Vec<Vec<Range<usize>>>,
}

impl Hits {
    /// Searches `doc` once for all patterns of `rules`.
    #[must_use]
    pub fn collect(doc: &Document, rules: &RuleSet) -> Hits {
        let text = doc.folded();
        let mut by_pattern = vec![Vec::new(); rules.patterns().len()];
        if text.is_empty() {
            return Hits { by_pattern };
        }
        let blocks = doc.blocks();
        for p in rules.pattern_set().matches(text).iter() {
            let hits = &mut by_pattern[p];
            for m in rules.patterns()[p].find_iter(text) {
                // Blocks are separated by '\n'; a match across it spans two blocks.
                if m.as_str().contains('\n') {
                    continue;
                }
                let b = blocks.partition_point(|b| b.range.start <= m.start()) - 1;
                if !blocks[b].is_heading() {
                    hits.push(m.range());
                }
            }
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
