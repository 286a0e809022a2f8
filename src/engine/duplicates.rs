//! `duplicate-paragraph`: the same paragraph twice, after folding case,
//! whitespace and punctuation.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use super::clause::normalize;
use crate::document::{BlockKind, Document};
use crate::finding::{Finding, Related};
use crate::rules::Rule;

pub(super) fn find(doc: &Document, rule: &Rule, min_words: usize) -> Vec<Finding> {
    // Keyed by a hash of the normalized text, not the text itself, so memory
    // stays a few words per paragraph on a 45 MB policy; a hit is confirmed
    // by comparing the texts.
    let hasher = RandomState::new();
    let mut first: HashMap<u64, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, block) in doc.blocks().iter().enumerate() {
        // Headings and table cells repeat legitimately.
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let key = normalize(doc.text(block.range.clone()));
        if key.split(' ').count() < min_words {
            continue;
        }
        let hash = hasher.hash_one(&key);
        let same = |j: usize| normalize(doc.text(doc.blocks()[j].range.clone())) == key;
        match first.get(&hash) {
            // A different paragraph with the same hash (vanishingly rare) is
            // simply not compared.
            Some(&j) if !same(j) => {}
            Some(&j) => {
                let original = &doc.blocks()[j];
                let line = doc.source().line_col(original.span.start).line;
                out.push(Finding {
                    rule: rule.id.clone(),
                    pack: rule.pack.clone(),
                    severity: rule.severity,
                    message: rule.message.clone(),
                    span: block.span,
                    label: format!("same text as the paragraph at line {line}"),
                    related: vec![Related {
                        span: original.span,
                        message: "first copy here".into(),
                    }],
                });
            }
            None => {
                first.insert(hash, i);
            }
        }
    }
    out
}
