//! `duplicate-paragraph`: the same paragraph twice, close together, after
//! folding case, whitespace and punctuation. See [`super::paragraphs`] for
//! what is compared and which pairs count.

use std::collections::HashMap;

use super::paragraphs::{close_enough, Index, FAMILY};
use crate::document::Document;
use crate::finding::{Finding, Related};
use crate::rules::Rule;

pub(super) fn find(
    doc: &Document,
    rule: &Rule,
    min_words: usize,
    max_distance: usize,
) -> Vec<Finding> {
    let index = Index::build(doc, min_words);
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, para) in index.paras.iter().enumerate() {
        let Some(&j) = first.get(para.key.as_str()) else {
            first.insert(&para.key, i);
            continue;
        };
        let original = &index.paras[j];
        // A third similar paragraph anywhere: a template, repeated on purpose.
        if index.similar(i, FAMILY).len() > 1
            || !close_enough(doc, original.block, para.block, max_distance)
        {
            continue;
        }
        let block = &doc.blocks()[para.block];
        let original = &doc.blocks()[original.block];
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
