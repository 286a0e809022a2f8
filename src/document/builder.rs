//! Builds a [`Document`] from pieces of original text, folding as it goes.

use std::ops::Range;

use super::fold::{fold_char, Fold};
use super::offset_map::OffsetMap;
use super::sentence::split_sentences;
use super::{Block, BlockKind, Directive, Document, Format, Section, Sentence};
use crate::source::{SourceFile, Span};

/// Accumulates blocks of folded text; format adapters drive it.
pub(crate) struct DocumentBuilder {
    folded: String,
    map: OffsetMap,
    blocks: Vec<RawBlock>,
    open: Option<(BlockKind, usize)>,
    /// Original range of whitespace seen since the last kept character.
    pending_space: Option<Range<usize>>,
    /// Folded ranges of link text.
    links: Vec<Range<usize>>,
    /// Folded offset where the open link's text starts.
    open_link: Option<usize>,
    directives: Vec<Directive>,
}

struct RawBlock {
    kind: BlockKind,
    range: Range<usize>,
}

impl DocumentBuilder {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            folded: String::with_capacity(capacity),
            map: OffsetMap::default(),
            blocks: Vec::new(),
            open: None,
            pending_space: None,
            directives: Vec::new(),
            links: Vec::new(),
            open_link: None,
        }
    }

    /// Marks the start of a link's text.
    pub(crate) fn start_link(&mut self) {
        self.end_link();
        self.open_link = Some(self.folded.len());
    }

    /// Marks the end of a link's text; an empty link is dropped.
    pub(crate) fn end_link(&mut self) {
        if let Some(start) = self.open_link.take() {
            if self.folded.len() > start {
                self.links.push(start..self.folded.len());
            }
        }
    }

    /// Records the suppression directives in raw markup (a comment, an HTML
    /// block) whose original text `markup` starts at byte `offset`.
    pub(crate) fn scan_directives(&mut self, markup: &str, offset: usize) {
        self.directives
            .extend(super::directive::scan(markup, offset));
    }

    /// Ends the open block (if any) and opens a new one.
    pub(crate) fn start_block(&mut self, kind: BlockKind) {
        self.end_block();
        self.open = Some((kind, self.folded.len()));
    }

    /// The kind of the open block and whether it has text yet.
    pub(crate) fn open_block(&self) -> Option<(BlockKind, bool)> {
        self.open
            .map(|(kind, start)| (kind, self.folded.len() > start))
    }

    /// Closes the open block; an empty block is dropped.
    pub(crate) fn end_block(&mut self) {
        self.pending_space = None;
        if let Some((kind, start)) = self.open.take() {
            if self.folded.len() > start {
                self.blocks.push(RawBlock {
                    kind,
                    range: start..self.folded.len(),
                });
                // Unmapped separator: rules never match across blocks.
                self.folded.push('\n');
            }
        }
    }

    /// Whitespace in the original (a soft line break, say) that separates words.
    pub(crate) fn push_space(&mut self, original: Range<usize>) {
        self.pending_space = Some(match self.pending_space.take() {
            Some(p) => p.start..original.end.max(p.end),
            None => original,
        });
    }

    fn ensure_open(&mut self) {
        if self.open.is_none() {
            self.open = Some((BlockKind::Paragraph, self.folded.len()));
        }
    }

    fn flush_space(&mut self) {
        let Some(space) = self.pending_space.take() else {
            return;
        };
        let has_text = self.open.is_some_and(|(_, s)| self.folded.len() > s);
        if !has_text {
            return;
        }
        let at = self.folded.len();
        self.folded.push(' ');
        if space.len() == 1 {
            self.map.push_identity(at, space.start, 1);
        } else {
            self.map.push_replacement(at..at + 1, space);
        }
    }

    /// Appends text found at `original` in the source. When `exact` is true
    /// the text is byte for byte the original slice; otherwise (a decoded
    /// entity or escape) the folded text maps to the whole original range.
    pub(crate) fn push_text(&mut self, text: &str, original: Range<usize>, exact: bool) {
        self.ensure_open();
        // For inexact text: where its first kept character landed in the folded text.
        let mut first_kept: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let (o_start, o_end) = if exact {
                (original.start + i, original.start + i + c.len_utf8())
            } else {
                (original.start, original.end)
            };
            let out = match fold_char(c) {
                Fold::Drop => continue,
                Fold::Space => {
                    self.push_space(o_start..o_end);
                    continue;
                }
                Fold::Keep => c,
                Fold::Replace(r) => r,
            };
            if exact || first_kept.is_none() {
                self.flush_space();
            } else if self.pending_space.take().is_some() {
                self.folded.push(' ');
            }
            let at = self.folded.len();
            self.folded.push(out);
            if exact {
                if out == c {
                    self.map.push_identity(at, o_start, c.len_utf8());
                } else {
                    self.map.push_replacement(at..at + 1, o_start..o_end);
                }
            } else if first_kept.is_none() {
                first_kept = Some(at);
            }
        }
        if let Some(first) = first_kept {
            self.map
                .push_replacement(first..self.folded.len(), original);
        }
    }

    /// Finishes the document: sentences, sections and spans.
    pub(crate) fn finish(mut self, source: SourceFile, format: Format) -> Document {
        self.end_block();
        self.end_link();
        let Self {
            folded,
            map,
            blocks: raw,
            links,
            mut directives,
            ..
        } = self;
        directives.sort_by_key(|d| d.span);
        directives.dedup();
        let mut blocks = Vec::with_capacity(raw.len());
        let mut sentences = Vec::new();
        let mut sections = vec![Section {
            heading: None,
            blocks: 0..0,
        }];
        for (index, rb) in raw.into_iter().enumerate() {
            if let BlockKind::Heading(_) = rb.kind {
                let last = sections.last_mut().expect("sections never empty");
                last.blocks.end = index;
                sections.push(Section {
                    heading: Some(index),
                    blocks: index..index,
                });
            }
            let first_sentence = sentences.len();
            for r in split_sentences(&folded[rb.range.clone()]) {
                let range = rb.range.start + r.start..rb.range.start + r.end;
                let span = Span::new(map.start(range.start), map.end(range.end));
                sentences.push(Sentence {
                    range,
                    span,
                    block: index,
                });
            }
            let span = Span::new(map.start(rb.range.start), map.end(rb.range.end));
            blocks.push(Block {
                kind: rb.kind,
                range: rb.range,
                span,
                sentences: first_sentence..sentences.len(),
                section: sections.len() - 1,
            });
        }
        if let Some(last) = sections.last_mut() {
            last.blocks.end = blocks.len();
        }
        Document {
            source,
            format,
            folded,
            map,
            blocks,
            sentences,
            sections,
            links,
            directives,
        }
    }
}
