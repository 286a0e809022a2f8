//! `near-duplicate-paragraph`: a paragraph repeated with small edits.
//!
//! Each compared paragraph (see [`super::paragraphs`]) becomes the set of its
//! word 4-shingles; similarity is the Jaccard index of two sets. The shingle
//! index proposes only paragraphs that share a shingle, so long documents are
//! not compared pair by pair. A paragraph is reported when exactly one other
//! paragraph in the document is similar to it, that one comes earlier and is
//! close by, and the two are not exact copies (`duplicate-paragraph` reports
//! those).

use super::paragraphs::{close_enough, Index, FAMILY};
use crate::document::{Block, Document};
use crate::finding::{Finding, Related};
use crate::rules::Rule;

pub(super) fn find(
    doc: &Document,
    rule: &Rule,
    min_words: usize,
    similarity_permille: u32,
    max_distance: usize,
) -> Vec<Finding> {
    let threshold = f64::from(similarity_permille) / 1000.0;
    let index = Index::build(doc, min_words);
    let mut out = Vec::new();
    for (i, para) in index.paras.iter().enumerate() {
        let family = index.similar(i, threshold.min(FAMILY));
        // Two or more relatives: a template, filled in on purpose.
        let [(p, sim)] = family[..] else { continue };
        let earlier = &index.paras[p];
        if p > i
            || sim < threshold
            || earlier.key == para.key
            || !close_enough(doc, earlier.block, para.block, max_distance)
        {
            continue;
        }
        let blocks = doc.blocks();
        out.push(report(
            doc,
            rule,
            &blocks[para.block],
            &blocks[earlier.block],
            sim,
        ));
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
            file: None,
        }],
    }
}
