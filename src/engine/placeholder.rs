//! `placeholder`: template text never filled in — "[Company Name]", "[DATE]",
//! "lorem ipsum", "INSERT DATE", "TBD", "{{company}}", "XX/XX/XXXX".
//!
//! Searched on the folded text, where Markdown link text has no brackets, so
//! "[Privacy Choices](https://…)" is not a bracketed placeholder. A scraper's
//! "[email protected]" (an obfuscated address the author did write) is not one
//! either. In HTML pages `{{…}}` is a client-side template binding, not a
//! placeholder.

use regex::Regex;
use std::sync::OnceLock;

use crate::document::{Document, Format};
use crate::finding::Finding;
use crate::rules::Rule;

/// Bracketed and braced spans are matched unbounded and their lengths
/// checked in code ([`fits`]): a Unicode class repeated `{2,60}` times
/// compiles to an automaton that cost more than the rest of a one-file run.
fn regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?P<bracket>\[[^\[\]\n]+\])",
            r"|(?i:\blorem ipsum\b)",
            r"|\bINSERT(?:\s+[A-Z]{2,})+\b",
            r"|\b(?:TBD|TODO|FIXME)\b",
            r"|(?P<braces>\{\{\s*[\w.\- ]+\s*\}\})",
            r"|\b(?i:xx)/(?i:xx)/(?i:xx(?:xx)?)\b",
        ))
        .expect("placeholder regex is valid")
    })
}

/// Bracketed text that is a placeholder: an instruction, or a generic field name.
fn bracket_placeholder() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)^\[\s*(?:",
            // [Insert date], [Enter your company name]
            r"(?:insert|enter|add|fill\s+in|type)\b.*",
            // [Company Name], [Website URL], [App's name]
            r"|(?:the\s+|your\s+)?(?:company|business|organi[sz]ation|website|web\s+site|site|app|application|product|service|entity|controller|operator|owner|brand)(?:'s)?\s+(?:legal\s+)?(?:name|url|address|e-?mail(?:\s+address)?|phone(?:\s+number)?|contact(?:\s+details)?|domain)",
            // [DATE], [Your Name], [Address], [State], [Company]
            r"|(?:your\s+|the\s+|full\s+|legal\s+)*(?:name|date|effective\s+date|address|e-?mail(?:\s+address)?|phone(?:\s+number)?|url|city|state|country|jurisdiction|year|company|business|website|governing\s+law)",
            r")\s*\]$",
        ))
        .expect("bracket regex is valid")
    })
}

pub(super) fn find(doc: &Document, rule: &Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    for block in doc.blocks() {
        let text = doc.text(block.range.clone());
        for m in find_in(text, doc.format() == Format::Html) {
            let range = block.range.start + m.start..block.range.start + m.end;
            out.push(Finding {
                rule: rule.id.clone(),
                pack: rule.pack.clone(),
                severity: rule.severity,
                message: format!("{}: \"{}\"", rule.message, &text[m]),
                span: doc.span(range),
                label: "template text left in".into(),
                related: Vec::new(),
            });
        }
    }
    out
}

/// The placeholders in one block's text, as byte ranges into it.
fn find_in(text: &str, html: bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = regex().captures_at(text, at) {
        let Some(m) = c.get(0) else { break };
        if !fits(&c) {
            // The bounded regex fails at this '[' or '{' and searches on.
            at = m.start() + 1;
            continue;
        }
        at = m.end();
        // In an HTML page, `{{…}}` is a client-side template binding (Angular, Vue).
        if c.name("braces").is_some() && html {
            continue;
        }
        if c.name("bracket").is_some()
            && (!bracket_placeholder().is_match(m.as_str())
                || in_menu_path(text, m.start(), m.end())
                || is_label(text, m.start(), m.end()))
        {
            continue;
        }
        out.push(m.range());
    }
    out
}

/// Whether a match has the lengths of `\[[^\[\]\n]{2,60}\]` and
/// `\{\{\s*[\w.\- ]{1,40}\s*\}\}`: 2 to 60 characters between brackets; at
/// most 40 between braces once the spaces around are trimmed (all-space
/// content is one space of the class).
fn fits(c: &regex::Captures<'_>) -> bool {
    fn inner(m: regex::Match<'_>) -> &str {
        let s = m.as_str();
        let open = if s.starts_with("{{") { 2 } else { 1 };
        &s[open..s.len() - open]
    }
    if let Some(m) = c.name("bracket") {
        return (2..=60).contains(&inner(m).chars().count());
    }
    if let Some(m) = c.name("braces") {
        let body = inner(m).trim();
        return if body.is_empty() {
            inner(m).contains(' ')
        } else {
            body.chars().count() <= 40
        };
    }
    true
}

/// "Settings > [your name] > Media": a menu path naming a user's own item.
fn in_menu_path(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    let arrow = |c: char| matches!(c, '>' | '→' | '›' | '»');
    before.ends_with(arrow) || after.starts_with(arrow)
}

/// "[address] 201, 2-6-6 Shibuya": a bracketed label at the start of a
/// block, followed by its value (a number, a name, an address).
fn is_label(text: &str, start: usize, end: usize) -> bool {
    if !text[..start].trim().is_empty() {
        return false;
    }
    let value = text[end..]
        .trim_start()
        .trim_start_matches([':', '-'])
        .trim_start();
    let first = value.split_whitespace().next().unwrap_or("");
    first.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
        || first.contains('@')
        || first.contains("://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_placeholder(s: &str) -> bool {
        !find_in(s, false).is_empty()
    }

    /// The unbounded regex with [`fits`] finds what the bounded one finds.
    #[test]
    fn length_checks_match_the_bounded_regex() {
        let bounded = Regex::new(r"\[[^\[\]\n]{2,60}\]|\{\{\s*[\w.\- ]{1,40}\s*\}\}").unwrap();
        let pieces = [
            "[", "]", "{{", "}}", " ", "\t", "a", "é", "x.y", "[ab]", "TODO",
        ];
        for s in super::super::random_text::texts(&pieces, "a", 69, 12, 3000, 7) {
            let want: Vec<_> = bounded.find_iter(&s).map(|m| m.range()).collect();
            let mut got = Vec::new();
            let mut at = 0;
            while let Some(c) = regex().captures_at(&s, at) {
                let m = c.get(0).unwrap();
                if fits(&c) {
                    if c.name("bracket").is_some() || c.name("braces").is_some() {
                        got.push(m.range());
                    }
                    at = m.end();
                } else {
                    at = m.start() + 1;
                }
            }
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn placeholders() {
        for p in [
            "Contact [Company Name] today.",
            "Last updated: [DATE]",
            "Lorem ipsum dolor sit amet.",
            "Effective INSERT DATE.",
            "Our address is TBD.",
            "Write to {{ company_email }}.",
            "Effective XX/XX/XXXX.",
            "[Insert the name of your DPO]",
            "[your email address]",
            "[Company Name] is committed to your privacy.",
            "Please send an email to [email] with your request.",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
    }

    #[test]
    fn real_text_is_not_a_placeholder() {
        for p in [
            "Write to [email protected] today.",
            "See [1] and [Section 4].",
            "Visit our [Privacy Choices] page.",
            "Values to be determined (tbd) later.",
            "We insert cookies.",
            "INSERT statements in SQL.",
            "To sign out, go to Settings > [your name] > Media & Purchases.",
            "[address] 201, 2-6-6 Shibuya, Tokyo",
            "[email] privacy@example.com",
        ] {
            assert!(!is_placeholder(p), "{p}");
        }
    }
}
