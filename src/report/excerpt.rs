//! The source excerpt of one human diagnostic, with long lines cut to a
//! window around the labels.
//!
//! Policy paragraphs are single lines of 500–2,000 characters (and a broken
//! export can be one line of megabytes); codespan-reporting prints every line
//! a label touches whole, with a caret under each character of the span. An
//! [`Excerpt`] hands codespan a stand-in text instead: the lines from the
//! first label to the last, each at most `width` characters, cut around the
//! labels on it with "…" where text was left out. It implements codespan's
//! `Files` so that the gutter's line numbers and the header's
//! `path:line:column` are those of the original file.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::source::SourceFile;

/// Marks text left out at a cut.
const ELLIPSIS: &str = "…";
/// Fewest characters of a line shown, however narrow the terminal.
const MIN_WIDTH: usize = 40;
/// Most characters before a long label that are shown rather than cut.
const LEAD: usize = 8;
/// Lines around a label's first and last line that codespan may show (three
/// after the start of a label over several lines, one before its end, and a
/// line between two shown ones).
const CONTEXT_LINES: usize = 4;

/// One original line as shown.
struct Shown {
    /// Byte range of the shown part in the original text.
    original: Range<usize>,
    /// Where the line starts in the stand-in text.
    start: usize,
    /// Bytes of the leading "…" (0 when the line is shown from its start).
    prefix: usize,
}

/// The stand-in text of one diagnostic (see the module docs).
pub(super) struct Excerpt<'a> {
    source: &'a SourceFile,
    /// Original 1-based number of the first line shown.
    first_line: usize,
    lines: Vec<Shown>,
    text: String,
}

impl<'a> Excerpt<'a> {
    /// The lines of `source` that the byte ranges `labels` touch (the first is
    /// the primary label, kept in view on its line), cut to `width`
    /// characters.
    pub(super) fn new(source: &'a SourceFile, labels: &[Range<usize>], width: usize) -> Self {
        let width = width.max(MIN_WIDTH);
        let text = source.text();
        let index = source.lines();
        let line_of = |offset: usize| source.line_col(offset).line;
        let first_line = labels.iter().map(|r| line_of(r.start)).min().unwrap_or(1);
        let last_line = labels.iter().map(|r| line_of(r.end)).max().unwrap_or(1);
        let anchors: Vec<usize> = labels
            .iter()
            .flat_map(|r| [line_of(r.start), line_of(r.end)])
            .collect();
        let mut excerpt = Excerpt {
            source,
            first_line,
            lines: Vec::with_capacity(last_line + 1 - first_line),
            text: String::new(),
        };
        for line in first_line..=last_line {
            let start = index
                .line_start(line)
                .unwrap_or(text.len())
                .max(source.bom_len());
            let end = index.line_start(line + 1).map_or(text.len(), |next| {
                // Without the line break (and a CR before it).
                let end = next - 1;
                if end > start && text.as_bytes()[end - 1] == b'\r' {
                    end - 1
                } else {
                    end
                }
            });
            // codespan shows a few lines of context at most; lines farther
            // from every label's ends are never shown, so not cut either.
            let near = anchors.iter().any(|&a| a.abs_diff(line) <= CONTEXT_LINES);
            let (from, to) = if near {
                window(text, start..end, &on_line(labels, start..end), width)
            } else {
                (start, start)
            };
            let cut_before = from > start;
            let cut_after = near && to < end;
            let line_start = excerpt.text.len();
            if cut_before {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.text.push_str(&text[from..to]);
            if cut_after {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.text.push('\n');
            excerpt.lines.push(Shown {
                original: from..to,
                start: line_start,
                prefix: if cut_before { ELLIPSIS.len() } else { 0 },
            });
        }
        excerpt
    }

    /// Where the original byte range `range` stands in the stand-in text; an
    /// end outside the shown part of its line stops at the cut.
    pub(super) fn map(&self, range: Range<usize>) -> Range<usize> {
        self.position(range.start)..self.position(range.end).max(self.position(range.start))
    }

    fn position(&self, offset: usize) -> usize {
        let line = self.source.line_col(offset).line;
        let Some(shown) = line
            .checked_sub(self.first_line)
            .and_then(|i| self.lines.get(i))
        else {
            return self.text.len();
        };
        let o = &shown.original;
        if offset < o.start {
            shown.start + shown.prefix
        } else {
            shown.start + shown.prefix + (offset.min(o.end) - o.start)
        }
    }

    /// The original byte offset at stand-in offset `at` (on its line's shown part).
    fn original(&self, line_index: usize, at: usize) -> usize {
        let shown = &self.lines[line_index];
        let into = at.saturating_sub(shown.start + shown.prefix);
        (shown.original.start + into).min(shown.original.end)
    }
}

/// The parts of `labels` on the line `line`, in order of `labels`.
fn on_line(labels: &[Range<usize>], line: Range<usize>) -> Vec<Range<usize>> {
    labels
        .iter()
        .filter(|r| r.start <= line.end && r.end >= line.start)
        .map(|r| r.start.max(line.start)..r.end.min(line.end))
        .collect()
}

/// The byte range of `line` to show: all of it when it fits in `width`
/// characters; else `width` characters (less room for the "…" marks) around
/// the labels on it, the first label's start always in view.
fn window(text: &str, line: Range<usize>, labels: &[Range<usize>], width: usize) -> (usize, usize) {
    // Counts stop past `width`: a line can be megabytes long.
    let chars = |r: Range<usize>| text[r].chars().take(width + 1).count();
    if chars(line.clone()) <= width {
        return (line.start, line.end);
    }
    let room = width - 2 * ELLIPSIS.chars().count();
    let (anchor, span_end) = match labels.first() {
        // Every label's part if it fits, else from the first label's start.
        Some(first) => {
            let lo = labels.iter().map(|r| r.start).min().unwrap_or(first.start);
            let hi = labels.iter().map(|r| r.end).max().unwrap_or(first.end);
            if chars(lo..hi) <= room && lo <= first.start {
                (lo, hi)
            } else {
                (first.start, first.end)
            }
        }
        None => (line.start, line.start),
    };
    let span = chars(anchor..span_end);
    if span >= room {
        // From the line's start when the label starts a few characters in
        // (after a list marker or an emphasis mark), else from the label.
        let from = match back(text, anchor, LEAD, line.start) {
            start if start == line.start => start,
            _ => anchor,
        };
        return (from, forward(text, from, room, line.end));
    }
    // Centre the labels, then slide the window back inside the line.
    let before = (room - span) / 2;
    let from = back(text, anchor, before, line.start);
    let taken = chars(from..anchor);
    let to = forward(text, span_end, room - span - taken, line.end);
    let short = room - chars(from..to);
    let from = back(text, from, short, line.start);
    (from, to)
}

/// The offset `n` characters before `at`, not before `floor`.
fn back(text: &str, at: usize, n: usize, floor: usize) -> usize {
    if n == 0 {
        return at;
    }
    text[floor..at]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(floor, |(i, _)| floor + i)
}

/// The offset `n` characters after `at`, not past `ceiling`.
fn forward(text: &str, at: usize, n: usize, ceiling: usize) -> usize {
    text[at..ceiling]
        .char_indices()
        .nth(n)
        .map_or(ceiling, |(i, _)| at + i)
}

impl<'f> Files<'f> for Excerpt<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(self.source.path())
    }

    fn source(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'f self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self
            .lines
            .partition_point(|l| l.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'f self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.first_line + line_index)
    }

    fn column_number(
        &'f self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        if line_index >= self.lines.len() {
            return Err(Error::LineTooLarge {
                given: line_index,
                max: self.lines.len().saturating_sub(1),
            });
        }
        Ok(self
            .source
            .line_col(self.original(line_index, byte_index))
            .column)
    }

    fn line_range(&'f self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let line = self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len().saturating_sub(1),
        })?;
        let end = self
            .lines
            .get(line_index + 1)
            .map_or(self.text.len(), |next| next.start);
        Ok(line.start..end)
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // one label is a list of one range
mod tests {
    use super::*;

    fn excerpt_of(
        text: &str,
        labels: &[Range<usize>],
        width: usize,
    ) -> (String, Vec<Range<usize>>) {
        let source = SourceFile::new("p.md", text);
        let e = Excerpt::new(&source, labels, width);
        let mapped = labels.iter().map(|r| e.map(r.clone())).collect();
        (e.text.clone(), mapped)
    }

    #[test]
    fn a_short_line_is_shown_whole_without_its_line_break() {
        let text = "\u{feff}Hello world\r\nSecond line\r\n";
        let (shown, mapped) = excerpt_of(text, &[9..14], 100);
        assert_eq!(shown, "Hello world\n");
        assert_eq!(&shown[mapped[0].clone()], "world");
    }

    #[test]
    fn a_long_line_is_cut_around_the_label_at_character_boundaries() {
        let text = format!("{}needle{}", "é".repeat(500), "日".repeat(500));
        let at = text.find("needle").unwrap();
        let (shown, mapped) = excerpt_of(&text, &[at..at + 6], 60);
        assert_eq!(shown.chars().count(), 61, "{shown}"); // 60 and the line break
        assert!(shown.starts_with('…') && shown.ends_with("…\n"), "{shown}");
        assert_eq!(&shown[mapped[0].clone()], "needle");
        // Centred: as much before the label as after it, give or take one.
        let before = shown[..mapped[0].start].chars().count();
        let after = shown[mapped[0].end..].chars().count();
        assert!(before.abs_diff(after) <= 2, "{before} {after}");
    }

    #[test]
    fn a_label_longer_than_the_window_is_shown_from_its_start() {
        let text = format!("an introduction of some length: {}", "x".repeat(300));
        let (shown, mapped) = excerpt_of(&text, &[32..332], 50);
        assert!(shown.starts_with("…xxx"), "{shown}");
        // The label ends at the cut.
        assert_eq!(mapped[0].end, shown.len() - "…\n".len());
        // A few characters before it (a list marker) are shown, not cut.
        let text = format!("- **{}", "x".repeat(300));
        let (shown, mapped) = excerpt_of(&text, &[4..304], 50);
        assert!(shown.starts_with("- **xxx"), "{shown}");
        assert_eq!(mapped[0].start, 4);
    }

    #[test]
    fn columns_and_line_numbers_are_those_of_the_file() {
        let text = format!("# Title\n\n{}target{}\n", "ä".repeat(200), "b".repeat(200));
        let at = text.find("target").unwrap();
        let source = SourceFile::new("p.md", text.as_str());
        let e = Excerpt::new(&source, &[at..at + 6], 50);
        let start = e.map(at..at + 6).start;
        let line = e.line_index((), start).unwrap();
        assert_eq!(e.line_number((), line).unwrap(), 3);
        assert_eq!(e.column_number((), line, start).unwrap(), 201);
    }

    #[test]
    fn lines_far_from_every_label_are_left_empty() {
        let text: String = (1..=30).map(|i| format!("line {i}\n")).collect();
        let a = text.find("line 1\n").unwrap();
        let b = text.find("line 30").unwrap();
        let (shown, _) = excerpt_of(&text, &[a..a + 4, b..b + 4], 100);
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines.len(), 30);
        assert_eq!(lines[4], "line 5");
        assert_eq!(lines[5], "");
        assert_eq!(lines[24], "");
        assert_eq!(lines[25], "line 26");
    }
}
