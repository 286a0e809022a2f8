//! A rule regex's *fast form*: its syntax tree for blocks of printable ASCII
//! (see `pattern` for why there are two forms).
//!
//! This file depends on `regex-syntax` alone: the build script includes it to
//! prebuild the automata of the built-in patterns (see `prebuilt`), so the
//! forms built ahead of time and at run time come from the same code.

use regex_syntax::hir::{self, Hir, HirKind, Look};

/// Whether the fast form, when it is the ASCII parse of `source`, is exact
/// on a block rewritten by `engine::transliterate` (see
/// `Pattern::transliterable`).
pub fn survives_transliteration(source: &str) -> bool {
    let names = |s: &str| source.contains(s);
    let u_flag = source.match_indices("(?").any(|(i, _)| {
        source[i + 2..]
            .chars()
            .take_while(|&c| c != ':' && c != ')')
            .any(|c| c == 'u')
    });
    source.is_ascii() && !["_", "[[:", "\\x", "\\u", "\\U"].into_iter().any(names) && !u_flag
}

/// The byte-oriented, ASCII-only parse: the fast form itself, or `None` when
/// the regex needs Unicode syntax.
pub fn parse_ascii(source: &str, case_insensitive: bool) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .case_insensitive(case_insensitive)
        .build()
        .parse(source)
        .ok()
}

/// The parse of the regex as written (Unicode semantics).
pub fn parse_unicode(source: &str, case_insensitive: bool) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(source)
        .map_err(|e| e.to_string())
}

/// A Unicode syntax tree restricted to blocks of printable ASCII (see the
/// module docs): every class becomes a byte class of its members that can
/// occur there.
pub fn block_form(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => {
            if l.0.iter().all(|&b| is_block_ascii(b)) {
                Hir::literal(l.0.clone())
            } else {
                Hir::fail()
            }
        }
        HirKind::Class(class) => {
            let bytes = match class {
                hir::Class::Unicode(c) => block_class(
                    c.ranges()
                        .iter()
                        .map(|r| (u32::from(r.start()), u32::from(r.end()))),
                ),
                hir::Class::Bytes(c) => block_class(
                    c.ranges()
                        .iter()
                        .map(|r| (u32::from(r.start()), u32::from(r.end()))),
                ),
            };
            Hir::class(hir::Class::Bytes(bytes))
        }
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(_)
        | HirKind::Capture(_)
        | HirKind::Concat(_)
        | HirKind::Alternation(_) => map_children(hir, block_form),
    }
}

/// `hir` rebuilt with `f` applied to each of its children (a leaf as it is).
fn map_children(hir: &Hir, f: fn(&Hir) -> Hir) -> Hir {
    match hir.kind() {
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(f(&r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(f(&c.sub)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(f).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(f).collect()),
        _ => hir.clone(),
    }
}

/// The members of a class (its sorted ranges of code points or bytes) that
/// can occur in a block the fast form is exact on, as a byte class.
fn block_class(ranges: impl Iterator<Item = (u32, u32)>) -> hir::ClassBytes {
    let mut bytes = hir::ClassBytes::new(ranges.take_while(|&(start, _)| start < 0x80).map(
        |(start, end)| {
            // Both fit in a byte: `start < 0x80` and `end` is clipped to it.
            hir::ClassBytesRange::new(start as u8, end.min(0x7f) as u8)
        },
    ));
    bytes.intersect(&block_bytes());
    bytes
}

/// The bytes [`is_block_ascii`] accepts, as a class.
fn block_bytes() -> hir::ClassBytes {
    hir::ClassBytes::new([
        hir::ClassBytesRange::new(0, 0x08),
        hir::ClassBytesRange::new(0x0e, 0x7f),
    ])
}

/// Whether byte `b` can occur in a block the fast form is exact on.
#[must_use]
pub fn is_block_ascii(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Longest bounded repetition [`relaxed`] keeps as it is.
#[allow(dead_code)] // Only `build.rs` relaxes patterns.
const MAX_KEPT_REPEAT: u32 = 3;

/// `hir` with every repetition of more than [`MAX_KEPT_REPEAT`] made
/// unbounded (`[^.;]{0,60}` becomes `[^.;]*`): it matches wherever `hir`
/// does, and more. Counting gaps are what make a pattern's DFA too large to
/// build ahead of time; without them it is small, and a block where it finds
/// nothing cannot hold a match of `hir`.
#[allow(dead_code)] // Only `build.rs` relaxes patterns.
pub fn relaxed(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max.filter(|&max| max <= MAX_KEPT_REPEAT),
            greedy: r.greedy,
            sub: Box::new(relaxed(&r.sub)),
        }),
        _ => map_children(hir, relaxed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(hir: &Hir, text: &str) -> bool {
        regex_automata::meta::Regex::builder()
            .build_from_hir(hir)
            .unwrap()
            .is_match(text)
    }

    #[test]
    fn relaxing_unbounds_long_repetitions_only() {
        let hir = parse_ascii(r"\bsell\b[^.;]{0,10}\bdata(s{1,3})?", true).unwrap();
        let relaxed = relaxed(&hir);
        let far = format!("sell {} data", "x".repeat(40));
        assert!(!matches(&hir, &far));
        assert!(matches(&relaxed, &far));
        // Wherever the pattern matches, so does its relaxed form.
        for text in ["sell data", "SELL the datas", "sell. data", "sold data"] {
            assert!(!matches(&hir, text) || matches(&relaxed, text), "{text}");
        }
        // Short repetitions and the rest of the syntax stay.
        assert!(!matches(&relaxed, "sell. data"));
        assert_eq!(relaxed.to_string().matches("{1,3}").count(), 1);
    }
}
