//! `dangling-link-text`: "click here", or a sentence like "Find Google's
//! privacy policy here.", whose "here" is not a link — usually a link lost
//! when the page was copied, leaving the reader nowhere to go.
//!
//! Not reported when the sentence has a link or gives an address itself (a
//! URL, `www.`, an e-mail address), when "here" introduces what follows
//! ("available here:" and a list of links), or when the words are quoted
//! (the label of a button in an e-mail: “Click here to unsubscribe”).

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
            r"[^.!?]{0,160}?\b(?P<here>here)\s*[.!]?\s*$",
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

/// Whether `text` holds "here" in any case.
fn contains_here(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"here"))
}

/// Whether `text` ends in "here", maybe followed by spaces and `.` or `!`:
/// what [`ends_in_here`] needs at the end.
fn ends_in_here_word(text: &str) -> bool {
    let end = text
        .trim_end()
        .trim_end_matches(['.', '!'])
        .trim_end()
        .as_bytes();
    end.len() >= 4 && end[end.len() - 4..].eq_ignore_ascii_case(b"here")
}

pub(super) fn find(doc: &Document, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for sentence in doc.sentences() {
        let text = doc.text(sentence.range.clone());
        // Both patterns need the word "here": a byte search first keeps the
        // regexes (one of them large) from being compiled for most documents.
        if !contains_here(text)
            || gives_address().is_match(text)
            || doc.in_link(sentence.range.clone())
        {
            continue;
        }
        let base = sentence.range.start;
        let quoted = |start: usize| {
            text[..start]
                .trim_end()
                .ends_with(['"', '\'', '“', '‘', '«'])
        };
        let mut found: Vec<std::ops::Range<usize>> = click_here()
            .find_iter(text)
            .filter(|m| !quoted(m.start()))
            .map(|m| base + m.start()..base + m.end())
            .collect();
        let ending = ends_in_here_word(text).then(|| ends_in_here().captures(text));
        if let Some(here) = ending.flatten().and_then(|c| c.name("here")) {
            let r = base + here.start()..base + here.end();
            if !found.iter().any(|f| f.start <= r.start && r.end <= f.end) {
                found.push(r);
            }
        }
        for range in found {
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
