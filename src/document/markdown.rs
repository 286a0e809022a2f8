//! Markdown (CommonMark with tables) through pulldown-cmark's offset iterator.
//!
//! Headings, paragraphs, list items and table cells become blocks. Fenced
//! code blocks, inline HTML tags, comments and link destinations are not
//! text; link text and inline code are. Raw HTML blocks (`<p>…</p>`, often
//! several to a line in converted policies) are read as HTML (see `html`).
//! Indented "code" blocks are read as paragraphs: a policy has no code, and
//! indentation there is left over from conversion. HTML blocks and inline
//! HTML are scanned for suppression directives.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::builder::DocumentBuilder;
use super::{html, BlockKind};

pub(crate) fn build(text: &str) -> DocumentBuilder {
    let mut b = DocumentBuilder::new(text.len());
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut in_code_block = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => b.start_block(BlockKind::Heading(level as u8)),
                Tag::Item => b.start_block(BlockKind::ListItem),
                Tag::TableCell => b.start_block(BlockKind::TableCell),
                // A loose list item's first paragraph is the item itself.
                Tag::Paragraph if !matches!(b.open_block(), Some((BlockKind::ListItem, false))) => {
                    b.start_block(BlockKind::Paragraph);
                }
                Tag::CodeBlock(CodeBlockKind::Indented) => {
                    b.end_block();
                    b.start_block(BlockKind::Paragraph);
                }
                Tag::CodeBlock(CodeBlockKind::Fenced(_)) => {
                    b.end_block();
                    in_code_block = true;
                }
                Tag::HtmlBlock => {
                    b.end_block();
                    html::feed(&mut b, &text[range.clone()], range.start);
                    b.end_block();
                }
                Tag::List(_) | Tag::Table(_) | Tag::BlockQuote(_) => {
                    b.end_block();
                }
                Tag::Link { .. } => b.start_link(),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_) => b.end_block(),
                TagEnd::CodeBlock => {
                    in_code_block = false;
                    b.end_block();
                }
                TagEnd::Link => b.end_link(),
                _ => {}
            },
            Event::Text(t) if !in_code_block => {
                let exact = text.get(range.clone()) == Some(&*t);
                b.push_text(&t, range, exact);
            }
            Event::Code(t) => {
                let slice = &text[range.clone()];
                match slice.find(&*t) {
                    Some(at) => {
                        let start = range.start + at;
                        b.push_text(&t, start..start + t.len(), true);
                    }
                    None => b.push_text(&t, range, false),
                }
            }
            Event::SoftBreak | Event::HardBreak => b.push_space(range),
            Event::InlineHtml(html) => {
                // Suppression directives live in comments (see `directive`).
                b.scan_directives(&text[range.clone()], range.start);
                let tag = html.trim_start_matches('<').to_ascii_lowercase();
                if tag.starts_with("a ") || tag.starts_with("a>") {
                    b.start_link();
                } else if tag.starts_with("/a>") || tag.starts_with("/a ") {
                    b.end_link();
                }
            }
            _ => {}
        }
    }
    b
}
