//! `mojibake`: text garbled by decoding UTF-8 bytes as Windows-1252 or
//! Latin-1 ("Â´" for "´", "â€™" for "’", "Ã©" for "é"), and runs of U+FFFD
//! replacement characters, where the original character is lost.
//!
//! The search runs on the original text of each block (not the folded text,
//! which turns "´" into "'"), so code blocks and link destinations are skipped.

use regex::Regex;
use std::sync::OnceLock;

use crate::document::Document;
use crate::finding::Finding;
use crate::rules::Rule;
use crate::source::Span;

/// Characters that a UTF-8 continuation byte (0x80–0xBF) turns into when read
/// as Windows-1252 or Latin-1.
const CONTINUATION: &str = r"\x{80}-\x{BF}\x{152}\x{153}\x{160}\x{161}\x{178}\x{17D}\x{17E}\x{192}\x{2C6}\x{2DC}\x{2013}\x{2014}\x{2018}-\x{201E}\x{2020}-\x{2022}\x{2026}\x{2030}\x{2039}\x{203A}\x{20AC}\x{2122}";

fn regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let c = CONTINUATION;
        Regex::new(&format!(r"(?:[ÂÃÅÄ][{c}]|â€[{c}]?|ï»¿)+|\x{{FFFD}}+"))
            .expect("mojibake regex is valid")
    })
}

pub(super) fn find(doc: &Document, rule: &Rule) -> Vec<Finding> {
    let text = doc.source().text();
    let mut out = Vec::new();
    let mut last_end = 0;
    for block in doc.blocks() {
        // Blocks never overlap, but guard against scanning bytes twice.
        let start = block.span.start.max(last_end);
        let Some(slice) = text.get(start..block.span.end) else {
            continue;
        };
        last_end = block.span.end;
        for m in regex().find_iter(slice) {
            let garbled = m.as_str();
            let label = if garbled.starts_with('\u{FFFD}') {
                "replacement character: the original character is lost".to_owned()
            } else {
                match repair(garbled) {
                    Some(fixed) => format!("probably \"{fixed}\" decoded with the wrong encoding"),
                    None => "text decoded with the wrong encoding".to_owned(),
                }
            };
            out.push(Finding {
                rule: rule.id.clone(),
                pack: rule.pack.clone(),
                severity: rule.severity,
                message: format!("{}: \"{garbled}\"", rule.message),
                span: Span::new(start + m.start(), start + m.end()),
                label,
                related: Vec::new(),
            });
        }
    }
    out
}

/// The text `garbled` was before UTF-8 bytes were read as Windows-1252.
fn repair(garbled: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = garbled.chars().map(cp1252_byte).collect();
    let fixed = String::from_utf8(bytes?).ok()?;
    (!fixed.is_empty() && fixed != garbled).then_some(fixed)
}

/// The Windows-1252 byte for `c`, if it has one.
fn cp1252_byte(c: char) -> Option<u8> {
    let special = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return u8::try_from(u32::from(c)).ok(),
    };
    Some(special)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_common_mojibake() {
        assert_eq!(repair("Â´").as_deref(), Some("´"));
        assert_eq!(repair("â€™").as_deref(), Some("\u{2019}"));
        assert_eq!(repair("Ã©").as_deref(), Some("é"));
        assert_eq!(repair("abc"), None);
    }

    #[test]
    fn pattern_spares_real_accents() {
        let re = regex();
        for ok in ["café", "ÂGE", "São Paulo", "Ärger", "Åland", "naïve"] {
            assert!(!re.is_match(ok), "{ok}");
        }
        for bad in [
            "LOCALSTACKÂ´s",
            "donâ€™t",
            "crÃ©er",
            "a\u{FFFD}\u{FFFD}b",
            "Â©2020",
        ] {
            assert!(re.is_match(bad), "{bad}");
        }
    }
}
