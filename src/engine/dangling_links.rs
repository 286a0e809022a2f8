//! `dangling-link-text`: "click here", or a sentence like "Find Google's
//! privacy policy here.", whose "here" is not a link — usually a link lost
//! when the page was copied, leaving the reader nowhere to go.
//!
//! Not reported when the words are (or overlap) link text, or when the
//! sentence itself gives an address (a URL, `www.`, or an e-mail address).

use regex::Regex;
use std::sync::OnceLock;

use crate::document::Document;
use crate::finding::Finding;
use crate::rules::Rule;

fn click_here() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:click|tap|press)(?:\s+on)?\s+here\b").expect("valid regex")
    })
}

/// A sentence that points the reader somewhere and ends in "here".
fn ends_in_here() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)\b(?:find|found|see|read|view|visit|access|review|download|learn|available|",
            r"opt(?:ing)?[\s-]+out|change|manage|check|consult|refer|go|accessed|located)\b",
            r"[^.!?]{0,160}?\b(?P<here>here)\s*[.!:]?\s*$",
        ))
        .expect("valid regex")
    })
}

fn gives_address() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)https?://|\bwww\.|\S@\S|\[email protected\]").expect("valid regex")
    })
}

pub(super) fn find(doc: &Document, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for sentence in doc.sentences() {
        let text = doc.text(sentence.range.clone());
        if gives_address().is_match(text) {
            continue;
        }
        let base = sentence.range.start;
        let mut found: Vec<std::ops::Range<usize>> = click_here()
            .find_iter(text)
            .map(|m| base + m.start()..base + m.end())
            .collect();
        if let Some(here) = ends_in_here().captures(text).and_then(|c| c.name("here")) {
            let r = base + here.start()..base + here.end();
            if !found.iter().any(|f| f.start <= r.start && r.end <= f.end) {
                found.push(r);
            }
        }
        for range in found {
            if doc.in_link(range.clone()) {
                continue;
            }
            let shown = doc.text(range.clone()).to_owned();
            out.push(Finding {
                rule: rule.id.clone(),
                pack: rule.pack.clone(),
                severity: rule.severity,
                message: format!("{}: \"{shown}\"", rule.message),
                span: doc.span(range),
                label: "no link here".into(),
                related: Vec::new(),
            });
        }
    }
    out
}
