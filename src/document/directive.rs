//! Inline suppression directives, written as HTML comments:
//!
//! ```text
//! <!-- clauselint-disable RULE[,RULE] -->   ... <!-- clauselint-enable [RULE] -->
//! <!-- clauselint-disable-next-line RULE -->
//! <!-- clauselint-disable-file RULE -->
//! ```
//!
//! Without rule ids a directive applies to every rule. The parser is
//! format-neutral: an adapter hands it the original text of any comment or raw
//! HTML it meets (Markdown HTML blocks and inline HTML, HTML comments) with
//! that text's offset, and gets back directives with exact spans.

use regex::Regex;
use std::sync::OnceLock;

use crate::source::Span;

/// What a directive does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// Starts a region where the rules are off.
    Disable,
    /// Ends such a region.
    Enable,
    /// Turns the rules off on the next non-blank line.
    DisableNextLine,
    /// Turns the rules off for the whole file (missing clauses included).
    DisableFile,
    /// `clauselint-SOMETHING` that is none of the above (a typo, say).
    Unknown(String),
}

/// One directive found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// What it does.
    pub kind: DirectiveKind,
    /// The rule ids it names; empty means every rule.
    pub rules: Vec<String>,
    /// The whole comment, in the original file.
    pub span: Span,
}

/// Finds every `<!-- clauselint-… -->` comment in `text`, which starts at
/// byte `offset` of the original file.
#[must_use]
pub fn scan(text: &str, offset: usize) -> Vec<Directive> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?s)<!--\s*clauselint-([A-Za-z]+(?:-[A-Za-z]+)*)(\s.*?)?-->")
            .expect("valid regex")
    });
    if !text.contains("clauselint-") {
        return Vec::new();
    }
    re.captures_iter(text)
        .map(|c| {
            let whole = c.get(0).expect("group 0 always matches");
            let kind = match &c[1] {
                "disable" => DirectiveKind::Disable,
                "enable" => DirectiveKind::Enable,
                "disable-next-line" => DirectiveKind::DisableNextLine,
                "disable-file" => DirectiveKind::DisableFile,
                other => DirectiveKind::Unknown(format!("clauselint-{other}")),
            };
            let rules = c
                .get(2)
                .map_or("", |m| m.as_str())
                .split(|ch: char| ch == ',' || ch.is_whitespace())
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect();
            Directive {
                kind,
                rules,
                span: Span::new(offset + whole.start(), offset + whole.end()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form_with_exact_spans() {
        let text = "x <!-- clauselint-disable opt-out, repeated-words --> y\n<!--clauselint-enable-->\n<!-- clauselint-disable-next-line\n  opt-out -->\n<!-- clauselint-disable-file children-under-13 --><!-- clauselint-disabel a --><!-- other -->";
        let d = scan(text, 10);
        assert_eq!(d.len(), 5, "{d:#?}");
        assert_eq!(d[0].kind, DirectiveKind::Disable);
        assert_eq!(d[0].rules, ["opt-out", "repeated-words"]);
        assert_eq!(
            &text[d[0].span.start - 10..d[0].span.end - 10],
            "<!-- clauselint-disable opt-out, repeated-words -->"
        );
        assert_eq!(d[1].kind, DirectiveKind::Enable);
        assert!(d[1].rules.is_empty());
        assert_eq!(d[2].kind, DirectiveKind::DisableNextLine);
        assert_eq!(d[2].rules, ["opt-out"]);
        assert_eq!(d[3].kind, DirectiveKind::DisableFile);
        assert_eq!(
            d[4].kind,
            DirectiveKind::Unknown("clauselint-disabel".into())
        );
    }
}
