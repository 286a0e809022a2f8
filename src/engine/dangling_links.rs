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

/// A word that points the reader somewhere ("see", "visit", "opt out").
fn pointer_word() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)\b(?:find|found|see|read|view|visit|access|review|download|learn|available|",
            r"opt(?:ing)?[\s-]+out|change|manage|check|consult|refer|go|accessed|located)\b",
        ))
        .expect("valid regex")
    })
}

/// The final "here" of a sentence that points the reader somewhere and ends
/// in it: where `\b(?:POINTER)\b[^.!?]{0,160}?\b(?P<here>here)\s*[.!]?\s*$`
/// puts its `here` group. Checked in code: that regex compiles its 160-fold
/// Unicode class into an automaton costing more than a one-file run's
/// matching.
fn final_here(text: &str) -> Option<std::ops::Range<usize>> {
    let t = text.trim_end();
    let t = t.strip_suffix(['.', '!']).unwrap_or(t).trim_end();
    let h = t.len().checked_sub(4)?;
    if !t.is_char_boundary(h) || !t[h..].eq_ignore_ascii_case("here") {
        return None;
    }
    if text[..h]
        .chars()
        .next_back()
        .is_some_and(regex_syntax::is_word_character)
    {
        return None; // no word boundary before "here"
    }
    // The nearest pointer word before "here": if its gap fails, every
    // earlier one's (which contains it) fails too.
    let pointer = pointer_word()
        .find_iter(text)
        .take_while(|m| m.end() <= h)
        .last()?;
    let gap = &text[pointer.end()..h];
    (!gap.contains(['.', '!', '?']) && gap.chars().count() <= 160).then_some(h..h + 4)
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

pub(super) fn find(doc: &Document, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for sentence in doc.sentences() {
        let text = doc.text(sentence.range.clone());
        // Both checks need the word "here": a byte search first keeps their
        // regexes from being compiled for most documents.
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
        if let Some(here) = final_here(text) {
            let r = base + here.start..base + here.end;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`final_here`] finds what the single regex it replaces finds.
    #[test]
    fn final_here_matches_the_regex_it_replaces() {
        let regex = Regex::new(concat!(
            r"(?i)\b(?:find|found|see|read|view|visit|access|review|download|learn|available|",
            r"opt(?:ing)?[\s-]+out|change|manage|check|consult|refer|go|accessed|located)\b",
            r"[^.!?]{0,160}?\b(?P<here>here)\s*[.!]?\s*$",
        ))
        .unwrap();
        let words = [
            "see",
            "See",
            "visit",
            "opting  out",
            "here",
            "HERE",
            "there",
            "é",
            "x",
            ".",
            "!",
            "?",
            " ",
            "  ",
            "seehere",
            "accessed",
            "go",
            "where",
        ];
        // Each word with and without a space after it.
        let spaced: Vec<String> = words.iter().map(|w| format!("{w} ")).collect();
        let pieces: Vec<&str> = words
            .iter()
            .copied()
            .chain(spaced.iter().map(String::as_str))
            .collect();
        let mut hits = 0;
        for s in super::super::random_text::texts(&pieces, "x", 89, 8, 20_000, 11) {
            let want = regex
                .captures(&s)
                .and_then(|c| c.name("here"))
                .map(|m| m.range());
            assert_eq!(final_here(&s), want, "{s:?}");
            hits += usize::from(want.is_some());
        }
        assert!(hits > 500, "only {hits} sentences end in a pointed-to here");
    }
}
