//! `placeholder`: template text never filled in — "[Company Name]", "[DATE]",
//! "lorem ipsum", "INSERT DATE", "TBD", "{{company}}", "XX/XX/XXXX".
//!
//! Searched on the folded text, where Markdown link text has no brackets, so
//! "[Privacy Choices](https://…)" is not a bracketed placeholder. A scraper's
//! "[email protected]" (an obfuscated address the author did write) is not one
//! either.

use regex::Regex;
use std::sync::OnceLock;

use crate::document::Document;
use crate::finding::Finding;
use crate::rules::Rule;

fn regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?P<bracket>\[[^\[\]\n]{2,60}\])",
            r"|(?i:\blorem ipsum\b)",
            r"|\bINSERT(?:\s+[A-Z]{2,})+\b",
            r"|\b(?:TBD|TODO|FIXME)\b",
            r"|\{\{\s*[\w.\- ]{1,40}\s*\}\}",
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
        for c in regex().captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            if c.name("bracket").is_some() && !bracket_placeholder().is_match(m.as_str()) {
                continue;
            }
            let range = block.range.start + m.start()..block.range.start + m.end();
            out.push(Finding {
                rule: rule.id.clone(),
                pack: rule.pack.clone(),
                severity: rule.severity,
                message: format!("{}: \"{}\"", rule.message, m.as_str()),
                span: doc.span(range),
                label: "template text left in".into(),
                related: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_placeholder(s: &str) -> bool {
        regex().captures_iter(s).any(|c| {
            c.name("bracket")
                .is_none_or(|b| bracket_placeholder().is_match(b.as_str()))
        })
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
        ] {
            assert!(!is_placeholder(p), "{p}");
        }
    }
}
