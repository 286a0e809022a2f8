//! Paragraphs an edit pasted: in diff mode (`diff`, `check --since`), a
//! paragraph of the new version that the old one did not have and that
//! copies another paragraph of the new version, at any distance.
//!
//! The whole-file detectors report only copies close together, because
//! policies repeat text across sections on purpose. An edit that adds a
//! copy is another matter: whatever the distance, the copy is new, so it is
//! reported, as `duplicate-paragraph` when it is exact and as
//! `near-duplicate-paragraph` when most of its word sequences are in the
//! other paragraph, or most of the other's are in it (a word changed, a
//! sentence dropped or added). As for the detectors, a paragraph with two or
//! more similar ones (a template filled in per purpose or per law) is left
//! out. The detectors' rules give the message, severity and `min_words`;
//! without them nothing is reported.

use std::collections::HashMap;

use super::paragraphs::{Index, FAMILY};
use crate::document::Document;
use crate::finding::{Finding, Related};
use crate::rules::{Check, Rule, RuleKind, RuleSet};

/// Lowest share of one paragraph's word sequences found in the other for a
/// near copy.
const CONTAINED: f64 = 0.8;

/// The paragraphs `new` adds to `old` that copy another paragraph of `new`.
#[must_use]
pub fn pasted(old: &Document, new: &Document, rules: &RuleSet) -> Vec<Finding> {
    let mut exact = None;
    let mut near = None;
    for rule in rules.rules() {
        match &rule.kind {
            RuleKind::Check(Check::DuplicateParagraph { min_words, .. }) => {
                exact = Some((rule, *min_words));
            }
            RuleKind::Check(Check::NearDuplicateParagraph { min_words, .. }) => {
                near = Some((rule, *min_words));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some((rule, min_words)) = exact {
        out.extend(exact_copies(old, new, rule, min_words));
    }
    if let Some((rule, min_words)) = near {
        out.extend(near_copies(old, new, rule, min_words));
    }
    out
}

/// How often each paragraph key occurs.
fn counts(index: &Index) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for p in &index.paras {
        *counts.entry(p.key.as_str()).or_insert(0) += 1;
    }
    counts
}

/// Copies of a paragraph that `new` holds more often than `old`: each copy
/// after the first that the edit added is reported, against the first.
fn exact_copies(old: &Document, new: &Document, rule: &Rule, min_words: usize) -> Vec<Finding> {
    let before = Index::build(old, min_words);
    let after = Index::build(new, min_words);
    let before = counts(&before);
    let total = counts(&after);
    let mut seen: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut out = Vec::new();
    for (i, para) in after.paras.iter().enumerate() {
        let key = para.key.as_str();
        let added = total[key].saturating_sub(before.get(key).copied().unwrap_or(0).max(1));
        let entry = seen.entry(key).or_insert((para.block, 0));
        if entry.0 == para.block {
            continue;
        }
        // The last `added` copies are the new ones; a third similar
        // paragraph makes a template, repeated on purpose.
        entry.1 += 1;
        if entry.1 + added < total[key] || template(&after, i) {
            continue;
        }
        out.push(finding(
            new,
            rule,
            para.block,
            entry.0,
            rule.message.clone(),
            "same text as the paragraph at line",
            "first copy here",
        ));
    }
    out
}

/// Paragraphs that only `new` has, most of which is in another paragraph
/// that both versions have (or the other way round).
fn near_copies(old: &Document, new: &Document, rule: &Rule, min_words: usize) -> Vec<Finding> {
    let before = Index::build(old, min_words);
    let after = Index::build(new, min_words);
    let before = counts(&before);
    let mut out = Vec::new();
    for (i, para) in after.paras.iter().enumerate() {
        if before.contains_key(para.key.as_str()) || template(&after, i) {
            continue;
        }
        let original = after
            .contained(i, CONTAINED)
            .into_iter()
            .filter(|&(p, _)| {
                let other = &after.paras[p];
                other.key != para.key && before.contains_key(other.key.as_str())
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((p, share)) = original else { continue };
        // Floor, so 99.6% is not shown as an exact copy's 100%.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let percent = (share * 100.0).floor() as u32;
        let line = new
            .source()
            .line_col(new.blocks()[after.paras[p].block].span.start)
            .line;
        out.push(finding(
            new,
            rule,
            para.block,
            after.paras[p].block,
            format!("{} ({percent}% shared with line {line})", rule.message),
            "pasted by this edit; most of it is the paragraph at line",
            "the paragraph it copies",
        ));
    }
    out
}

/// Whether paragraph `i` is one of a template's fillings: two or more
/// paragraphs with other wording are similar to it (its own copies do not
/// count).
fn template(index: &Index, i: usize) -> bool {
    let key = &index.paras[i].key;
    index
        .similar(i, FAMILY)
        .iter()
        .filter(|&&(p, _)| index.paras[p].key != *key)
        .count()
        > 1
}

fn finding(
    doc: &Document,
    rule: &Rule,
    copy: usize,
    original: usize,
    message: String,
    label: &str,
    related: &str,
) -> Finding {
    let blocks = doc.blocks();
    let line = doc.source().line_col(blocks[original].span.start).line;
    Finding {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        severity: rule.severity,
        message,
        span: blocks[copy].span,
        label: format!("{label} {line}"),
        related: vec![Related {
            span: blocks[original].span,
            message: related.into(),
            file: None,
        }],
    }
}
