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
                file: None,
            }],
        });
    }
    out
}

/// Paragraphs of `doc` that stand word for word in `other` (another file of
/// its document set): pairs of block indexes (in `doc`, in `other`). Any
/// distance counts, since the files are read as one document, but not
/// paragraphs that `doc` itself repeats (a template).
#[must_use]
pub fn across(doc: &Document, other: &Document, min_words: usize) -> Vec<(usize, usize)> {
    let theirs = Index::build(other, min_words);
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for p in &theirs.paras {
        by_key.entry(p.key.as_str()).or_insert(p.block);
    }
    let ours = Index::build(doc, min_words);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for p in &ours.paras {
        *seen.entry(p.key.as_str()).or_default() += 1;
    }
    ours.paras
        .iter()
        .filter(|p| seen[p.key.as_str()] == 1)
        .filter_map(|p| by_key.get(p.key.as_str()).map(|&b| (p.block, b)))
        .collect()
}
