//! Sentence splitting on folded text.
//!
//! A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or
//! brackets) when a space and the start of a new sentence follow, unless the
//! word before the period is an abbreviation ("e.g.", "U.S.", "Inc."), an
//! initial, or a list number at the start of the text. URLs never split
//! because their periods are not followed by a space.

use std::ops::Range;

/// Abbreviations that do not end a sentence (lowercase, without the final period).
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "viz", "cf", "al", "inc", "ltd", "llc", "l.l.c", "co", "corp",
    "plc", "gmbh", "s.a", "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "art", "arts", "sec",
    "para", "fig", "p", "pp", "approx", "incl", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.s.a", "u.k", "e.u", "ca", "cal", "civ", "bus",
    "prof", "c.f.r", "u.s.c", "v", "jr", "sr", "dept", "ave", "blvd", "rd", "ste",
];

/// Splits `text` (one folded block) into trimmed, non-empty sentence ranges
/// that cover all of its non-space text, in order and without overlap.
pub(crate) fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                end += 1;
            }
            let next_starts =
                end + 1 < bytes.len() && bytes[end] == b' ' && starts_sentence(&text[end + 1..]);
            if next_starts && (b != b'.' || !is_abbreviation(text, start, i)) {
                push_trimmed(&mut out, text, start..end);
                start = end + 1;
                i = start;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

fn starts_sentence(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '(' | '[')
    })
}

/// Whether the word that ends with the period at `dot` is an abbreviation.
fn is_abbreviation(text: &str, sentence_start: usize, dot: usize) -> bool {
    let word_start = text[..dot]
        .rfind(' ')
        .map_or(0, |p| p + 1)
        .max(sentence_start);
    let word = text[word_start..dot].trim_start_matches(['(', '"', '\'']);
    if word.is_empty() {
        return false;
    }
    // "1." or "a." opening a list item, or an initial such as "J."
    if word_start == sentence_start && (word.bytes().all(|b| b.is_ascii_digit()) || word.len() == 1)
    {
        return true;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("We use e.g. Google Analytics. It sets cookies in the U.S. Read more."),
            vec![
                "We use e.g. Google Analytics.",
                "It sets cookies in the U.S. Read more."
            ]
        );
        assert_eq!(
            split("Acme Inc. Sells nothing. Really!"),
            vec!["Acme Inc. Sells nothing.", "Really!"]
        );
    }

    #[test]
    fn lists_urls_and_quotes() {
        assert_eq!(
            split("1. We collect data. See www.example.com. Done."),
            vec!["1. We collect data.", "See www.example.com.", "Done."]
        );
        assert_eq!(
            split("He said \"stop.\" Then left? Yes."),
            vec!["He said \"stop.\"", "Then left?", "Yes."]
        );
    }

    #[test]
    fn covers_text_without_overlap() {
        let text = "  Ab cd. Ef gh? Ij ";
        let parts = split_sentences(text);
        assert_eq!(
            parts.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["Ab cd.", "Ef gh?", "Ij"]
        );
        assert!(parts.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
