//! Plain text: blank lines end paragraphs; bullet lines are list items; a
//! short line standing alone without closing punctuation is a heading.

use super::builder::DocumentBuilder;
use super::BlockKind;

/// Longest line, in words, taken as a heading.
const MAX_HEADING_WORDS: usize = 12;

pub(crate) fn build(text: &str) -> DocumentBuilder {
    let mut b = DocumentBuilder::new(text.len());
    let mut paragraph: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    let mut seen_block = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            flush(&mut b, &mut paragraph, &mut seen_block);
        } else {
            paragraph.push((start, content));
        }
    }
    flush(&mut b, &mut paragraph, &mut seen_block);
    b
}

fn flush(b: &mut DocumentBuilder, lines: &mut Vec<(usize, &str)>, seen_block: &mut bool) {
    if lines.is_empty() {
        return;
    }
    if lines.len() == 1 && is_heading(lines[0].1) {
        let level = if *seen_block { 2 } else { 1 };
        b.start_block(BlockKind::Heading(level));
        b.push_text(lines[0].1, lines[0].0..lines[0].0 + lines[0].1.len(), true);
    } else {
        b.start_block(BlockKind::Paragraph);
        let mut prev_end = lines[0].0;
        for &(start, line) in lines.iter() {
            let (kind, body_at) = bullet(line);
            if kind == BlockKind::ListItem {
                b.start_block(BlockKind::ListItem);
            } else if b
                .open_block()
                .is_some_and(|(k, _)| k == BlockKind::ListItem)
                && line.starts_with(char::is_whitespace)
            {
                // continuation of a list item
            } else if b
                .open_block()
                .is_some_and(|(k, _)| k == BlockKind::ListItem)
            {
                b.start_block(BlockKind::Paragraph);
            }
            b.push_space(prev_end..start + body_at);
            b.push_text(&line[body_at..], start + body_at..start + line.len(), true);
            prev_end = start + line.len();
        }
    }
    b.end_block();
    *seen_block = true;
    lines.clear();
}

/// Whether a line opens a list item, and where its text starts.
fn bullet(line: &str) -> (BlockKind, usize) {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    for marker in ["- ", "* ", "• ", "+ "] {
        if trimmed.starts_with(marker) {
            return (BlockKind::ListItem, indent + marker.len());
        }
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &trimmed[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return (BlockKind::ListItem, indent + digits + 2);
        }
    }
    (BlockKind::Paragraph, 0)
}

fn is_heading(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    words > 0
        && words <= MAX_HEADING_WORDS
        && !t.ends_with(['.', ',', ';', '!', '?'])
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document, Format};
    use crate::source::SourceFile;

    #[test]
    fn paragraphs_headings_and_lists() {
        let text = "Privacy Policy\r\n\r\nWe collect data.\r\nMore text.\r\n\r\nChildren\r\n\r\n- one\r\n- two\r\n";
        let doc = Document::parse(SourceFile::new("p.txt", text), Format::Plain);
        let kinds: Vec<_> = doc.blocks().iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::Heading(2),
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        assert_eq!(
            &text[doc.blocks()[1].span],
            "We collect data.\r\nMore text."
        );
        assert_eq!(
            doc.text(doc.blocks()[1].range.clone()),
            "We collect data. More text."
        );
        assert_eq!(&text[doc.blocks()[4].span], "two");
    }
}
