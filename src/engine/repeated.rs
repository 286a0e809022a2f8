//! `repeated-words`: a word or a phrase of up to three words written twice in
//! a row ("the the", "parties to parties to").

use crate::document::Document;
use crate::finding::Finding;
use crate::rules::Rule;

/// Longest phrase, in words, checked for repetition.
const MAX_PHRASE: usize = 3;

/// Nouns of reduplicating idioms: "from time to time to …", "day by day by …".
const IDIOM_NOUNS: &[&str] = &[
    "time", "day", "year", "month", "week", "side", "face", "end", "step", "one", "hand", "door",
    "case", "page", "person", "point", "place", "peer", "back", "word", "line", "country", "state",
];
/// Linking words of those idioms.
const IDIOM_LINKS: &[&str] = &["to", "by", "in", "for", "after", "over"];

pub(super) fn find(doc: &Document, rule: &Rule, allow: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    for block in doc.blocks() {
        let text = doc.text(block.range.clone());
        let words: Vec<(usize, usize)> = word_ranges(text);
        let lower: Vec<String> = words
            .iter()
            .map(|&(s, e)| text[s..e].to_lowercase())
            .collect();
        // joined[i]: only a single space separates word i and word i + 1
        let joined: Vec<bool> = words
            .windows(2)
            .map(|w| &text[w[0].1..w[1].0] == " ")
            .collect();
        let mut i = 0;
        while i < words.len() {
            let mut advanced = false;
            for n in 1..=MAX_PHRASE {
                if i + 2 * n > words.len() || !joined[i..i + 2 * n - 1].iter().all(|&j| j) {
                    continue;
                }
                if lower[i..i + n] != lower[i + n..i + 2 * n] {
                    continue;
                }
                let phrase = &lower[i..i + n];
                let trivial = phrase.iter().all(|w| w.chars().all(|c| c.is_ascii_digit()))
                    || (n == 1 && allow.contains(&phrase[0]))
                    || (n == 2
                        && IDIOM_NOUNS.contains(&phrase[0].as_str())
                        && IDIOM_LINKS.contains(&phrase[1].as_str()));
                if trivial || self_named(text, &words, i, n) {
                    continue;
                }
                // Only a repetition a reader sees counts: copies separated by
                // markup (a link's text next to the same word) are not.
                let gap = doc.between(
                    block.range.start + words[i + n - 1].1,
                    block.range.start + words[i + n].0,
                );
                if !doc.source().text()[gap].trim().is_empty() {
                    continue;
                }
                let start = block.range.start + words[i].0;
                let end = block.range.start + words[i + 2 * n - 1].1;
                let shown = doc.text(start..end);
                out.push(Finding {
                    rule: rule.id.clone(),
                    pack: rule.pack.clone(),
                    severity: rule.severity,
                    message: format!("{}: \"{shown}\"", rule.message),
                    span: doc.span(start..end),
                    label: format!("\"{}\" is written twice", phrase.join(" ")),
                    related: Vec::new(),
                });
                i += 2 * n;
                advanced = true;
                break;
            }
            if !advanced {
                i += 1;
            }
        }
    }
    out
}

fn word_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word_char = c.is_alphanumeric() || (c == '\'' && start.is_some());
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Repeats that are names or compounds, not slips: a capitalised name
/// followed by another capitalised word ("Duck Duck Go", "ESPN ESPN Deportes"),
/// or a copy glued to a hyphen ("opt-in in-app").
fn self_named(text: &str, words: &[(usize, usize)], i: usize, n: usize) -> bool {
    let capital = |k: usize| text[words[k].0..].starts_with(char::is_uppercase);
    let last = i + 2 * n - 1;
    let names =
        capital(i) && capital(i + n) && words.get(last + 1).is_some_and(|_| capital(last + 1));
    let hyphen_before = text[..words[i].0].ends_with('-');
    let hyphen_after = text[words[last].1..].starts_with('-');
    names || hyphen_before || hyphen_after
}
