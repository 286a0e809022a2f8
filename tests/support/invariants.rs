//! Structural invariants of a parsed [`Document`], shared by the property
//! tests (`tests/properties.rs`) and the fuzz targets (`fuzz/`), which include
//! this file with `#[path]`.
//!
//! Each check returns a description of the first violation instead of
//! panicking, so callers decide how to fail (proptest shrinks, libFuzzer
//! aborts).

use clauselint::document::{Document, Format};
use clauselint::source::Span;

fn span_ok(text: &str, span: Span, what: &str) -> Result<(), String> {
    if span.start > span.end || span.end > text.len() {
        return Err(format!(
            "{what}: span {span:?} out of bounds (len {})",
            text.len()
        ));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("{what}: span {span:?} not on char boundaries"));
    }
    Ok(())
}

/// Folds a piece of original text the way the document builder does:
/// whitespace runs become one space, curly quotes and dashes become ASCII,
/// the Kelvin sign and the long s become `K` and `s`, invisible characters
/// are dropped; the result is trimmed.
#[must_use]
pub fn fold_plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let mapped = match c {
            '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => continue,
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
            | '\u{bb}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{212a}' => 'K',
            '\u{17f}' => 's',
            c if c.is_whitespace() => {
                space = true;
                continue;
            }
            c => c,
        };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(mapped);
    }
    out
}

/// Checks every invariant of `doc`:
///
/// - blocks and sentences have folded ranges in bounds, on char boundaries,
///   in order and without overlap; sentences lie inside their block and
///   together cover every non-space character of it; no block contains `\n`;
/// - every span is in bounds of the original text, on char boundaries,
///   `start <= end`, and spans run in document order without overlap;
/// - the folded → original map is monotonic, and every alphanumeric folded
///   character maps onto a character in the original that folds to it (or
///   onto an entity/escape that produced it);
/// - for plain text, each sentence's original slice folds to exactly the
///   sentence's folded text.
///
/// # Errors
/// A description of the first violated invariant.
pub fn check_document(doc: &Document) -> Result<(), String> {
    let text = doc.source().text();
    let folded = doc.folded();
    let mut prev_block_range_end = 0;
    let mut prev_block_span_end = 0;
    let mut sentence_total = 0;
    for (i, b) in doc.blocks().iter().enumerate() {
        let what = format!("block {i}");
        if b.range.start > b.range.end || b.range.end > folded.len() {
            return Err(format!("{what}: folded range {:?} out of bounds", b.range));
        }
        if !folded.is_char_boundary(b.range.start) || !folded.is_char_boundary(b.range.end) {
            return Err(format!("{what}: folded range not on char boundaries"));
        }
        if b.range.start < prev_block_range_end {
            return Err(format!("{what}: folded range overlaps the previous block"));
        }
        prev_block_range_end = b.range.end;
        if b.range.is_empty() {
            return Err(format!("{what}: empty block kept"));
        }
        if doc.text(b.range.clone()).contains('\n') {
            return Err(format!("{what}: block text contains a newline"));
        }
        span_ok(text, b.span, &what)?;
        if b.span.start < prev_block_span_end {
            return Err(format!(
                "{what}: span {:?} starts before the previous block ends ({prev_block_span_end})",
                b.span
            ));
        }
        prev_block_span_end = b.span.end;
        if b.section >= doc.sections().len() {
            return Err(format!("{what}: section index out of range"));
        }
        // Sentences of this block.
        if b.sentences.start != sentence_total {
            return Err(format!(
                "{what}: sentences do not follow the previous block's"
            ));
        }
        sentence_total = b.sentences.end;
        let mut covered = String::new();
        let mut prev_end = b.range.start;
        for si in b.sentences.clone() {
            let Some(s) = doc.sentences().get(si) else {
                return Err(format!("{what}: sentence index {si} out of range"));
            };
            let what = format!("sentence {si}");
            if s.block != i {
                return Err(format!("{what}: wrong block index {}", s.block));
            }
            if s.range.start < prev_end || s.range.end > b.range.end || s.range.is_empty() {
                return Err(format!(
                    "{what}: range {:?} not inside block {:?} after {prev_end}",
                    s.range, b.range
                ));
            }
            if !folded.is_char_boundary(s.range.start) || !folded.is_char_boundary(s.range.end) {
                return Err(format!("{what}: folded range not on char boundaries"));
            }
            // Sentences are trimmed: what lies between them is spaces only.
            if !folded[prev_end..s.range.start].chars().all(|c| c == ' ') {
                return Err(format!("{what}: text between sentences is not blank"));
            }
            prev_end = s.range.end;
            let st = doc.text(s.range.clone());
            if st != st.trim() {
                return Err(format!("{what}: not trimmed: {st:?}"));
            }
            covered.push_str(st);
            span_ok(text, s.span, &what)?;
            if s.span.start < b.span.start || s.span.end > b.span.end {
                return Err(format!(
                    "{what}: span {:?} outside its block's {:?}",
                    s.span, b.span
                ));
            }
            if doc.format() == Format::Plain {
                let refolded = fold_plain(&text[s.span]);
                if refolded != st {
                    return Err(format!(
                        "{what}: original slice {:?} folds to {refolded:?}, not {st:?}",
                        &text[s.span]
                    ));
                }
            }
        }
        if !folded[prev_end..b.range.end].chars().all(|c| c == ' ') {
            return Err(format!("{what}: sentences do not cover the block's end"));
        }
        let block_text: String = doc.text(b.range.clone()).split(' ').collect();
        let covered: String = covered.split(' ').collect();
        if block_text != covered {
            return Err(format!("{what}: sentences do not cover the block's text"));
        }
    }
    if sentence_total != doc.sentences().len() {
        return Err("sentences not owned by any block".into());
    }
    check_map(doc)
}

/// The folded → original map: monotonic, in bounds, and exact on alphanumerics.
fn check_map(doc: &Document) -> Result<(), String> {
    let text = doc.source().text();
    let folded = doc.folded();
    let mut prev = 0;
    for (i, c) in folded.char_indices() {
        if c == '\n' {
            continue; // block separators are not mapped
        }
        let span = doc.span(i..i + c.len_utf8());
        span_ok(text, span, &format!("folded char {i} {c:?}"))?;
        if span.start < prev {
            return Err(format!(
                "map not monotonic at folded {i}: {} after {prev}",
                span.start
            ));
        }
        prev = span.start;
        if span.is_empty() {
            return Err(format!("folded char {i} {c:?} maps to an empty span"));
        }
        if c.is_alphanumeric() {
            let orig = &text[span];
            // Inexact pieces (an entity, an escape, inline code with a line
            // break) map as a whole onto the markup that produced them; the
            // Kelvin sign and the long s fold to `K` and `s`.
            let first = orig.chars().next().map(String::from).unwrap_or_default();
            let folded_letter = fold_plain(&first).starts_with(c);
            if !(folded_letter || orig.starts_with(['&', '\\', '`'])) {
                return Err(format!(
                    "folded char {i} {c:?} maps to {orig:?} at {span:?}"
                ));
            }
        }
    }
    Ok(())
}
