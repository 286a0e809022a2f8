//! Property tests (proptest) for the invariants every reported position
//! rests on: offset ↔ line/column, the folding map, segment coverage, and
//! output that does not depend on the thread count.

use std::fmt::Write as _;

use clap::Parser;
use proptest::prelude::*;

use clauselint::cli::Cli;
use clauselint::document::{Document, Format, OffsetMap};
use clauselint::source::{LineCol, LineIndex, SourceFile};

#[path = "support/invariants.rs"]
mod invariants;

/// Text made of pieces that stress line and column counting.
fn line_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a"),
        Just("Z"),
        Just(" "),
        Just("\t"),
        Just("é"),
        Just("\u{212a}"),
        Just("\u{17f}"),
        Just("日本"),
        Just("😀"),
        Just("\n"),
        Just("\r\n"),
        Just("\r"),
        Just("\u{feff}"),
    ];
    (any::<bool>(), prop::collection::vec(piece, 0..60)).prop_map(|(bom, pieces)| {
        let mut s = String::from(if bom { "\u{feff}" } else { "" });
        s.extend(pieces);
        s
    })
}

/// The line and column of `offset`, computed the slow, obvious way.
fn naive_line_col(text: &str, offset: usize) -> LineCol {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut col_text = &text[line_start..offset];
    if line_start == 0 {
        col_text = col_text.strip_prefix('\u{feff}').unwrap_or(col_text);
    }
    LineCol {
        line,
        column: col_text.chars().count() + 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn offset_line_col_round_trip(text in line_text()) {
        let idx = LineIndex::new(&text);
        prop_assert_eq!(idx.line_count(), text.matches('\n').count() + 1);
        for offset in 0..=text.len() {
            let lc = idx.line_col(&text, offset);
            if text.is_char_boundary(offset) {
                prop_assert_eq!(lc, naive_line_col(&text, offset), "offset {}", offset);
                // And back: line start, skip a leading BOM, walk column - 1 chars.
                let mut at = idx.line_start(lc.line).unwrap();
                if lc.line == 1 && text.starts_with('\u{feff}') && offset >= 3 {
                    at = 3;
                }
                let back = at + text[at..].chars().take(lc.column - 1).map(char::len_utf8).sum::<usize>();
                prop_assert_eq!(back, offset);
            } else {
                // Inside a character: the character's own position.
                let mut b = offset;
                while !text.is_char_boundary(b) { b -= 1; }
                prop_assert_eq!(lc, naive_line_col(&text, b));
            }
        }
        // Past the end clamps to the end.
        prop_assert_eq!(idx.line_col(&text, text.len() + 5), naive_line_col(&text, text.len()));
    }
}

/// Markdown-ish fragments: markup, entities, escapes, characters that fold.
fn doc_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("We collect data"),
        Just("Children under 13"),
        Just("e.g. "),
        Just("U.S. "),
        Just("Inc. "),
        Just(". "),
        Just("? "),
        Just("! "),
        Just("\""),
        Just("the the "),
        Just("1. "),
        Just("- "),
        Just("* "),
        Just("# "),
        Just("## "),
        Just("> "),
        Just("| a | b |\n|---|---|\n| c | d |\n"),
        Just("`code`"),
        Just("`a\nb`"),
        Just("```\nfenced\n```\n"),
        Just("*em*"),
        Just("**strong**"),
        Just("[link](http://x.example/a.b)"),
        Just("<!-- note -->"),
        Just("<b>"),
        Just("&amp;"),
        Just("&#65;"),
        Just("&nbsp;"),
        Just("\\*"),
        Just("’"),
        Just("“q”"),
        Just("—"),
        Just("\u{ad}"),
        Just("\u{200b}"),
        Just("\u{a0}"),
        Just("é"),
        Just("日本語。"),
        Just(" "),
        Just("  "),
        Just("\t"),
        Just("\n"),
        Just("\n\n"),
        Just("\r\n"),
        Just("\r\n\r\n"),
        Just("    indented\n"),
    ];
    (any::<bool>(), prop::collection::vec(piece, 0..40)).prop_map(|(bom, pieces)| {
        let mut s = String::from(if bom { "\u{feff}" } else { "" });
        s.extend(pieces);
        s
    })
}

fn parse(text: &str, format: Format) -> Document {
    let name = if format == Format::Markdown {
        "p.md"
    } else {
        "p.txt"
    };
    Document::parse(SourceFile::new(name, text), format)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Spans in bounds, on char boundaries, in order; map monotonic and exact;
    /// sentences cover their blocks without overlap (see `support/invariants.rs`).
    #[test]
    fn markdown_document_invariants(text in doc_text()) {
        let doc = parse(&text, Format::Markdown);
        if let Err(e) = invariants::check_document(&doc) {
            return Err(TestCaseError::fail(format!("{e}\ntext: {text:?}")));
        }
    }

    #[test]
    fn plain_document_invariants(text in doc_text()) {
        let doc = parse(&text, Format::Plain);
        if let Err(e) = invariants::check_document(&doc) {
            return Err(TestCaseError::fail(format!("{e}\ntext: {text:?}")));
        }
    }

    /// Plain text loses no words: every letter of the file lies in exactly one block.
    #[test]
    fn plain_blocks_cover_every_letter_once(text in doc_text()) {
        let doc = parse(&text, Format::Plain);
        for (i, c) in text.char_indices() {
            if !c.is_alphabetic() {
                continue;
            }
            let n = doc.blocks().iter().filter(|b| b.span.start <= i && i < b.span.end).count();
            prop_assert_eq!(n, 1, "{:?} at {} is in {} blocks; text {:?}", c, i, n, text);
        }
    }

    /// Arbitrary (even unlikely) Unicode never breaks the invariants either.
    #[test]
    fn any_string_invariants(text in "\\PC{0,80}") {
        for format in [Format::Markdown, Format::Plain] {
            let doc = parse(&text, format);
            if let Err(e) = invariants::check_document(&doc) {
                return Err(TestCaseError::fail(format!("{format:?}: {e}\ntext: {text:?}")));
            }
        }
    }
}

/// One step of building an [`OffsetMap`] the way the document builder does.
#[derive(Clone, Debug)]
enum Step {
    /// `n` bytes copied unchanged.
    Identity(usize),
    /// `folded` bytes standing for `original` bytes (a folded space run, an entity).
    Replace { folded: usize, original: usize },
    /// Original bytes with no folded counterpart (markup, dropped characters).
    Skip(usize),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        (1usize..6).prop_map(Step::Identity),
        (1usize..3, 1usize..8).prop_map(|(folded, original)| Step::Replace { folded, original }),
        (1usize..5).prop_map(Step::Skip),
    ];
    prop::collection::vec(step, 0..30)
}

proptest! {
    /// start() and end() never decrease, stay within the mapped original
    /// range, and a non-empty folded range never maps to an inverted span.
    #[test]
    fn offset_map_is_monotonic(steps in steps()) {
        let mut map = OffsetMap::default();
        let (mut f, mut o) = (0, 0);
        for s in &steps {
            match *s {
                Step::Identity(n) => { map.push_identity(f, o, n); f += n; o += n; }
                Step::Replace { folded, original } => {
                    map.push_replacement(f..f + folded, o..o + original);
                    f += folded;
                    o += original;
                }
                Step::Skip(n) => o += n,
            }
        }
        let (mut last_start, mut last_end) = (0, 0);
        for i in 0..=f {
            let (s, e) = (map.start(i), map.end(i));
            prop_assert!(s >= last_start && e >= last_end, "not monotonic at {}", i);
            prop_assert!(s <= o && e <= o);
            last_start = s;
            last_end = e;
            for j in i + 1..=f {
                prop_assert!(map.start(i) <= map.end(j), "inverted {}..{}", i, j);
            }
        }
    }
}

/// Runs `clauselint ARGS` in-process and returns stdout, stderr and the exit code.
fn run(args: &[&str]) -> (String, String, u8) {
    let cli =
        Cli::try_parse_from(std::iter::once("clauselint").chain(args.iter().copied())).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = clauselint::commands::run(cli, &mut out, &mut err).unwrap();
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
        status.code(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The same files give byte-identical output with 1 thread and with several,
    /// in every format.
    #[test]
    fn output_does_not_depend_on_thread_count(docs in prop::collection::vec(doc_text(), 1..12)) {
        let dir = tempfile::TempDir::new().unwrap();
        for (i, d) in docs.iter().enumerate() {
            let ext = if i % 2 == 0 { "md" } else { "txt" };
            std::fs::write(dir.path().join(format!("f{i:02}.{ext}")), d).unwrap();
        }
        let path = dir.path().to_str().unwrap();
        for format in ["json", "short", "human"] {
            let one = run(&["check", "--color", "never", "--format", format, "--threads", "1", path]);
            let many = run(&["check", "--color", "never", "--format", format, "--threads", "4", path]);
            prop_assert_eq!(&one, &many);
            let mut again = String::new();
            let _ = write!(again, "{}", run(&["check", "--color", "never", "--format", format, path]).0);
            prop_assert_eq!(&one.0, &again);
        }
    }
}
