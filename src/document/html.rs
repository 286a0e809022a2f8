//! HTML through html5gum's tokenizer, which gives every token its byte span.
//!
//! Tags only shape the document: block elements (`p`, `li`, `td`, `h1`–`h6`,
//! `div`, `br`, …) end paragraphs, headings open sections, inline elements
//! (`a`, `b`, `span`, …) change nothing (`<a>` text is recorded as a link).
//! The contents of `head`, `script`, `style`, `template`, `noscript`, `svg`,
//! `math`, `iframe`, `object`, `textarea` and `select` are skipped, and so
//! are code blocks (`<pre><code>`, as Markdown skips fenced code), the
//! doctype and attributes. Comments are not text, but suppression directives
//! in them are collected.
//!
//! Text is read from the *original* bytes of each text token, so spans are
//! exact: a run of plain characters maps byte for byte, and a character
//! reference (`&amp;`, `&#8217;`, `&nbsp;`, `&copy` without `;`) is decoded by
//! html5gum itself (the full WHATWG table and its numeric rules) and mapped
//! to its whole source range. A match therefore starts and ends on text,
//! never inside a tag.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::builder::DocumentBuilder;
use super::BlockKind;
use crate::source::Span;

/// Elements whose whole content is not policy text.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "template", "noscript", "svg", "math", "iframe", "object",
    "textarea", "select",
];

/// Elements that start and end a block (besides headings, `li`, `td`, `th`).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
    "button",
    "img",
    "input",
    "label",
    "option",
    "title",
];

/// An HTML comment: its whole span (`<!--` to `-->`) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Span of the comment, delimiters included.
    pub span: Span,
    /// The text between the delimiters.
    pub text: String,
}

/// Every comment of an HTML text, in order (for suppression directives).
#[must_use]
pub fn comments(text: &str) -> Vec<Comment> {
    tokens(text)
        .filter_map(|t| match t {
            Token::Comment(c) => Some(Comment {
                span: Span::new(c.span.start, c.span.end.max(c.span.start)),
                text: String::from_utf8_lossy(&c.value).into_owned(),
            }),
            _ => None,
        })
        .collect()
}

fn tokens(text: &str) -> impl Iterator<Item = Token<usize>> + '_ {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Switch to RAWTEXT/RCDATA/script states after `<script>`, `<style>`,
    // `<textarea>`…, so markup-like text inside them is not taken as tags.
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(text, emitter).filter_map(Result::ok)
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

pub(crate) fn build(text: &str) -> DocumentBuilder {
    let mut b = DocumentBuilder::new(text.len());
    feed(&mut b, text, 0);
    b
}

/// Feeds the HTML `text`, found at byte `offset` of the source, into `b`
/// (a whole page, or a raw HTML block inside Markdown).
pub(crate) fn feed(b: &mut DocumentBuilder, text: &str, offset: usize) {
    // The skipped element we are inside, and how deeply it nests.
    let mut skip: Option<(String, usize)> = None;
    // `<pre><code>` is a code block (what Markdown renders fenced code to):
    // like Markdown code blocks, it is not policy text.
    let mut just_opened_pre = false;
    for token in tokens(text) {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some((skipped, depth)) = &mut skip {
                    if *skipped == name && !tag.self_closing {
                        *depth += 1;
                    } else if skipped == "head" && (name == "body" || is_body_only(&name)) {
                        // A missing `</head>`: the body has started.
                        skip = None;
                    }
                    if skip.is_some() {
                        continue;
                    }
                }
                let code_block = name == "code" && just_opened_pre;
                just_opened_pre = name == "pre";
                if code_block || SKIPPED.contains(&name.as_str()) {
                    if !tag.self_closing {
                        b.end_block();
                        skip = Some((name, 1));
                    }
                    continue;
                }
                start_tag(b, &name);
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some((skipped, depth)) = &mut skip {
                    if *skipped == name {
                        *depth -= 1;
                        if *depth == 0 {
                            skip = None;
                        }
                    }
                    continue;
                }
                if name == "a" {
                    b.end_link();
                }
                if heading_level(&name).is_some()
                    || matches!(name.as_str(), "li" | "td" | "th")
                    || BLOCKS.contains(&name.as_str())
                {
                    b.end_block();
                } else if name == "a" {
                    b.end_link();
                }
            }
            Token::String(s) if skip.is_none() => {
                if !s.value.iter().all(u8::is_ascii_whitespace) {
                    just_opened_pre = false;
                }
                push_string(b, text, offset, s.span, &s.value);
            }
            // Suppression directives (`<!-- clauselint-disable … -->`), also
            // in `<head>`, the natural place for a file-wide one.
            Token::Comment(c) => {
                let end = c.span.end.max(c.span.start);
                if let Some(markup) = text.get(c.span.start..end) {
                    b.scan_directives(markup, offset + c.span.start);
                }
            }
            _ => {}
        }
    }
}

/// Elements that can only appear in a body: seeing one ends an unclosed head.
fn is_body_only(name: &str) -> bool {
    heading_level(name).is_some()
        || matches!(
            name,
            "p" | "div" | "li" | "ul" | "ol" | "table" | "main" | "article" | "section"
        )
}

fn start_tag(b: &mut DocumentBuilder, name: &str) {
    if let Some(level) = heading_level(name) {
        b.start_block(BlockKind::Heading(level));
    } else {
        match name {
            "li" | "dt" | "dd" => b.start_block(BlockKind::ListItem),
            "td" | "th" => b.start_block(BlockKind::TableCell),
            // A paragraph opening a list item is the item itself (as in Markdown).
            "p" if matches!(b.open_block(), Some((BlockKind::ListItem, false))) => {}
            "a" => b.start_link(),
            n if BLOCKS.contains(&n) => b.end_block(),
            _ => {}
        }
    }
}

/// Feeds one text token from its original bytes, decoding character
/// references; `text` starts at byte `offset` of the source.
fn push_string(
    b: &mut DocumentBuilder,
    text: &str,
    offset: usize,
    span: html5gum::Span<usize>,
    value: &[u8],
) {
    let span = html5gum::Span {
        start: span.start + offset,
        end: span.end + offset,
    };
    let text_at = |r: std::ops::Range<usize>| text.get(r.start - offset..r.end - offset);
    let Some(original) = text_at(span.start..span.end) else {
        // Not expected from the tokenizer; keep the text, map it as a whole.
        if span.start <= span.end && span.end <= offset + text.len() {
            b.push_text(&String::from_utf8_lossy(value), span.start..span.end, false);
        }
        return;
    };
    let mut run_start = 0;
    let mut i = 0;
    let bytes = original.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'&' {
            i += 1;
            continue;
        }
        let Some((len, decoded)) = char_ref(&original[i..]) else {
            i += 1;
            continue;
        };
        if run_start < i {
            b.push_text(
                &original[run_start..i],
                span.start + run_start..span.start + i,
                true,
            );
        }
        b.push_text(&decoded, span.start + i..span.start + i + len, false);
        i += len;
        run_start = i;
    }
    if run_start < bytes.len() {
        b.push_text(
            &original[run_start..],
            span.start + run_start..span.end,
            true,
        );
    }
}

/// The character reference at the start of `s` (which starts with `&`): its
/// length in bytes and its decoded text, or `None` when it is literal text.
fn char_ref(s: &str) -> Option<(usize, String)> {
    let bytes = s.as_bytes();
    let mut end = 1;
    if bytes.get(1) == Some(&b'#') {
        end = 2;
        let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
        if hex {
            end = 3;
        }
        let digits = bytes[end..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        end += digits;
    } else {
        let name = bytes[1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name == 0 || !bytes[1].is_ascii_alphabetic() {
            return None;
        }
        end += name;
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    let candidate = &s[..end];
    let decoded: String = Tokenizer::new(candidate)
        .filter_map(|t| match t {
            Ok(Token::String(v)) => Some(String::from_utf8_lossy(&v.value).into_owned()),
            _ => None,
        })
        .collect();
    if decoded == candidate {
        return None;
    }
    // A legacy reference without `;` decodes only a prefix ("&notit;" is
    // "¬it;"); the undecoded rest comes back verbatim as a common suffix.
    let common = candidate
        .bytes()
        .rev()
        .zip(decoded.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count()
        .min(decoded.len().saturating_sub(1));
    let mut common = common;
    while !decoded.is_char_boundary(decoded.len() - common)
        || !candidate.is_char_boundary(end - common)
    {
        common -= 1;
    }
    Some((end - common, decoded[..decoded.len() - common].to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(char_ref("&amp; x"), Some((5, "&".into())));
        assert_eq!(char_ref("&#8217;s"), Some((7, "\u{2019}".into())));
        assert_eq!(char_ref("&#x2019;"), Some((8, "\u{2019}".into())));
        assert_eq!(char_ref("&nbsp;"), Some((6, "\u{a0}".into())));
        assert_eq!(char_ref("&copy 2020"), Some((5, "©".into())));
        assert_eq!(char_ref("&notit;"), Some((4, "¬".into())));
        assert_eq!(char_ref("&semi;"), Some((6, ";".into())));
        assert_eq!(char_ref("&#150;"), Some((6, "\u{2013}".into())));
        assert_eq!(char_ref("&foo;"), None);
        assert_eq!(char_ref("& b"), None);
        assert_eq!(char_ref("&#;"), None);
    }

    #[test]
    fn anchors_are_links() {
        use crate::document::{Document, Format};
        use crate::source::SourceFile;
        let text = "<p>Please <a href=\"/x\">click here</a>. Or click here.</p>";
        let doc = Document::parse(SourceFile::new("t.html", text), Format::Html);
        assert_eq!(doc.links().len(), 1);
        let first = doc.folded().find("click here").unwrap();
        let second = doc.folded().rfind("click here").unwrap();
        assert!(doc.in_link(first..first + 10));
        assert!(!doc.in_link(second..second + 10));
    }
}
