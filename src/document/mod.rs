//! Documents: a source file cut into headings, paragraphs, list items, table
//! cells and sentences, with folded text for matching and exact spans back
//! into the original bytes.
//!
//! Format adapters (`markdown`, `plain`, [`html`]) walk the source and feed pieces of
//! text with their original offsets into a builder, which folds the text (see
//! `fold`) and keeps an [`OffsetMap`] so every match maps back exactly.

mod builder;
pub mod directive;
mod fold;
pub mod html;
pub mod kind;
pub mod language;
mod markdown;
mod offset_map;
mod plain;
mod sentence;

pub use directive::{Directive, DirectiveKind};
pub use fold::normalize_words;
pub use offset_map::OffsetMap;

use std::ops::Range;
use std::path::Path;

use crate::source::{SourceFile, Span};

/// The markup a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CommonMark with tables.
    Markdown,
    /// Plain text: blank lines separate paragraphs.
    Plain,
    /// HTML: block elements separate paragraphs (see [`html`]).
    Html,
}

impl Format {
    /// The format for a path, by its extension; unknown extensions are plain text.
    #[must_use]
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Plain,
        }
    }
}

/// What a block of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of the given level (1 is the title level).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// An item of a list.
    ListItem,
    /// A cell of a table.
    TableCell,
}

/// A block: one heading, paragraph, list item or table cell.
#[derive(Clone, Debug)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its range in the folded text.
    pub range: Range<usize>,
    /// Its span in the original file.
    pub span: Span,
    /// Indexes of its sentences in [`Document::sentences`].
    pub sentences: Range<usize>,
    /// Index of the section it belongs to in [`Document::sections`].
    pub section: usize,
}

impl Block {
    /// Whether the block is a heading.
    #[must_use]
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_))
    }
}

/// A sentence inside a block.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// Its range in the folded text.
    pub range: Range<usize>,
    /// Its span in the original file.
    pub span: Span,
    /// Index of its block.
    pub block: usize,
}

/// A heading and the blocks up to the next heading (of any level). The first
/// section holds what precedes the first heading and has no heading.
#[derive(Clone, Debug)]
pub struct Section {
    /// Index of the heading block, if any.
    pub heading: Option<usize>,
    /// Indexes of its blocks, heading included.
    pub blocks: Range<usize>,
}

/// A parsed document.
#[derive(Clone, Debug)]
pub struct Document {
    source: SourceFile,
    format: Format,
    folded: String,
    map: OffsetMap,
    blocks: Vec<Block>,
    sentences: Vec<Sentence>,
    sections: Vec<Section>,
    links: Vec<Range<usize>>,
    directives: Vec<Directive>,
}

impl Document {
    /// Parses `source` in the given format.
    #[must_use]
    pub fn parse(source: SourceFile, format: Format) -> Document {
        let builder = match format {
            Format::Markdown => markdown::build(source.text()),
            Format::Plain => plain::build(source.text()),
            Format::Html => html::build(source.text()),
        };
        builder.finish(source, format)
    }

    /// The source file.
    #[must_use]
    pub fn source(&self) -> &SourceFile {
        &self.source
    }

    /// The format it was parsed as.
    #[must_use]
    pub fn format(&self) -> Format {
        self.format
    }

    /// All folded text; blocks are separated by `\n`, which no block contains.
    #[must_use]
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Folded text of a range.
    #[must_use]
    pub fn text(&self, range: Range<usize>) -> &str {
        &self.folded[range]
    }

    /// The blocks, in document order.
    #[must_use]
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The sentences, in document order.
    #[must_use]
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The sections, in document order.
    #[must_use]
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Folded ranges of the text of links (Markdown links, autolinks and
    /// inline HTML `<a>` elements), in document order.
    #[must_use]
    pub fn links(&self) -> &[Range<usize>] {
        &self.links
    }

    /// Whether any link's text overlaps the folded `range`.
    #[must_use]
    pub fn in_link(&self, range: Range<usize>) -> bool {
        let i = self.links.partition_point(|l| l.end <= range.start);
        self.links.get(i).is_some_and(|l| l.start < range.end)
    }

    /// Inline suppression directives (`<!-- clauselint-disable … -->`), in
    /// document order.
    #[must_use]
    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// Maps a folded range to a span of the original file.
    #[must_use]
    pub fn span(&self, folded: Range<usize>) -> Span {
        let start = self.map.start(folded.start);
        let end = self.map.end(folded.end).max(start);
        Span::new(start, end)
    }

    /// The original bytes between two folded positions: from the end of the
    /// folded byte before `end_of` to the start of the folded byte at `start_of`
    /// (markup or whitespace that folding removed).
    #[must_use]
    pub fn between(&self, end_of: usize, start_of: usize) -> Span {
        let start = self.map.end(end_of);
        Span::new(start, self.map.start(start_of).max(start))
    }

    /// The span a document-level report is anchored on: the title (the first
    /// level-1 heading, else the first heading, else the first block).
    #[must_use]
    pub fn title_span(&self) -> Span {
        let title = self
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Heading(1))
            .or_else(|| self.blocks.iter().find(|b| b.is_heading()))
            .or_else(|| self.blocks.first());
        title.map_or(Span::empty(self.source.bom_len()), |b| b.span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Document {
        Document::parse(SourceFile::new("t.md", text), Format::Markdown)
    }

    #[test]
    fn blocks_sections_and_exact_spans() {
        let text =
            "# Title\n\nFirst  para’s\ntext. Second one.\n\n## Kids\n\n- item *one*\n- two\n";
        let doc = md(text);
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
            doc.text(doc.blocks()[1].range.clone()),
            "First para's text. Second one."
        );
        let s: Vec<_> = doc.sentences().iter().map(|s| &text[s.span]).collect();
        assert_eq!(s[1], "First  para’s\ntext.");
        assert_eq!(s[2], "Second one.");
        // spans run from the first to the last character of text
        assert_eq!(&text[doc.blocks()[3].span], "item *one");
        assert_eq!(doc.sections().len(), 3);
        assert_eq!(doc.sections()[2].blocks, 2..5);
        assert_eq!(&text[doc.title_span()], "Title");
    }

    #[test]
    fn code_comments_and_link_urls_are_not_text() {
        let doc = md("Text [link text](http://x.example/secret) here.\n\n```\ncode under 13\n```\n\n<!-- hidden -->\n");
        assert_eq!(doc.folded(), "Text link text here.\n");
        let link = doc.links()[0].clone();
        assert_eq!(doc.text(link.clone()).trim(), "link text");
        assert!(doc.in_link(link.end - 4..link.end + 2));
        assert!(!doc.in_link(link.end + 1..doc.folded().len() - 1));
    }

    #[test]
    fn inline_html_anchors_are_links() {
        let doc = md("Please <a href=\"/x\">click here</a>. Or click here.\n");
        assert_eq!(doc.links().len(), 1);
        let first = doc.folded().find("click here").unwrap();
        let second = doc.folded().rfind("click here").unwrap();
        assert!(doc.in_link(first..first + 10));
        assert!(!doc.in_link(second..second + 10));
    }

    #[test]
    fn entities_map_to_their_source() {
        let text = "Fish &amp; chips";
        let doc = md(text);
        assert_eq!(doc.folded(), "Fish & chips\n");
        let amp = doc.folded().find('&').unwrap();
        assert_eq!(&text[doc.span(amp..amp + 1)], "&amp;");
    }
}
