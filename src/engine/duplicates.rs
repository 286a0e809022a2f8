//! `duplicate-paragraph`: the same paragraph twice, close together, after
//! folding case, whitespace and punctuation. See [`super::paragraphs`] for
//! what is compared and which pairs count.

use std::collections::HashMap;

use super::paragraphs::{close_enough, key};
use crate::document::Document;
use crate::finding::{Finding, Related};
use crate::rules::Rule;

pub(super) fn find(
    doc: &Document,
    rule: &Rule,
    min_words: usize,
    max_distance: usize,
) -> Vec<Finding> {
    let mut copies: HashMap<String, Vec<usize>> = HashMap::new();
    let mut order = Vec::new();
    for (i, block) in doc.blocks().iter().enumerate() {
        if let Some(k) = key(doc, block, min_words) {
            let list = copies.entry(k).or_default();
            if list.len() == 1 {
                order.push((list[0], i));
            }
            list.push(i);
        }
    }
    let mut out = Vec::new();
    for (j, i) in order {
        let k = key(doc, &doc.blocks()[i], min_words).unwrap_or_default();
        // Three or more copies: a template repeated on purpose.
        if copies.get(&k).is_some_and(|c| c.len() > 2) || !close_enough(doc, j, i, max_distance) {
            continue;
        }
        let block = &doc.blocks()[i];
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
    out
}
