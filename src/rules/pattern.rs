//! One distinct regex of a rule set, compiled lazily in the forms the engine
//! needs.
//!
//! # Why two forms
//!
//! Rule regexes use `\b` with Unicode semantics (é is a word character). The
//! lazy DFA that makes `regex` fast cannot evaluate a Unicode word boundary
//! next to a non-ASCII byte, so on any text that is not pure ASCII the whole
//! search falls back to the PikeVM, 10–50× slower (profiled: ~80 % of a corpus
//! run). Folded text holds Unicode whitespace, quotes and dashes as ASCII
//! already, so a Unicode and an ASCII word boundary only disagree next to a
//! non-ASCII *word* character (é, ł, 하). Hence:
//!
//! - the **fast** form swaps every Unicode word-boundary assertion for its ASCII
//!   twin; the DFA runs it on any text, and it gives exactly the same matches
//!   in every block without a non-ASCII word character;
//! - the **exact** form is the regex as written, used only inside the (rare)
//!   blocks that hold a non-ASCII word character, and for captures.
//!
//! A pattern without Unicode word assertions has one form: both are the same.
//!
//! Built-in packs are validated by a unit test, so their regexes are compiled
//! only when a document first needs them (most runs touch a fraction of
//! them); user packs are compiled eagerly so errors point at the YAML.

use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_syntax::hir::{self, Hir, HirKind, Look};
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

/// Largest compiled size of one regex; a hostile pattern is refused, not built.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// One distinct regex of a rule set (see the module docs).
///
/// Dereferences to the regex as written ([`Regex`], Unicode semantics),
/// compiled on first use like a `LazyLock`.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    case_insensitive: bool,
    exact_hir: Hir,
    /// The ASCII-boundary rewrite, when it differs from `exact_hir`.
    ascii_hir: Option<Hir>,
    regex: OnceLock<Regex>,
    fast: OnceLock<meta::Regex>,
    exact: OnceLock<meta::Regex>,
}

impl Pattern {
    /// Wraps a parsed regex; `regex` is its compiled form when already built.
    pub(crate) fn new(
        source: &str,
        case_insensitive: bool,
        hir: Hir,
        regex: Option<Regex>,
    ) -> Self {
        let ascii_hir = hir
            .properties()
            .look_set()
            .contains_word_unicode()
            .then(|| ascii_word_boundaries(&hir));
        let cell = OnceLock::new();
        if let Some(re) = regex {
            let _ = cell.set(re);
        }
        Pattern {
            source: source.to_owned(),
            case_insensitive,
            exact_hir: hir,
            ascii_hir,
            regex: cell,
            fast: OnceLock::new(),
            exact: OnceLock::new(),
        }
    }

    /// The regex as written in the pack.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether a non-ASCII word character can change where it matches, so
    /// blocks holding one must be searched with the exact form.
    #[must_use]
    pub fn is_unicode_sensitive(&self) -> bool {
        self.ascii_hir.is_some()
    }

    /// The regex as written (Unicode semantics), compiled on first use.
    ///
    /// # Panics
    /// If the regex does not compile; loading validates user packs eagerly and
    /// a unit test validates the built-in ones.
    #[must_use]
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            RegexBuilder::new(&self.source)
                .case_insensitive(self.case_insensitive)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT * 2)
                .build()
                .expect("rule regexes are validated when loaded")
        })
    }

    /// Leftmost-first searcher with ASCII word boundaries (see the module docs).
    pub(crate) fn fast(&self) -> &meta::Regex {
        self.fast
            .get_or_init(|| build_one(self.ascii_hir.as_ref().unwrap_or(&self.exact_hir)))
    }

    /// Leftmost-first searcher with the regex's own (Unicode) semantics.
    pub(crate) fn exact(&self) -> &meta::Regex {
        if self.ascii_hir.is_none() {
            return self.fast();
        }
        self.exact.get_or_init(|| build_one(&self.exact_hir))
    }

    /// The syntax tree matched by [`Pattern::fast`].
    pub(crate) fn fast_hir(&self) -> &Hir {
        self.ascii_hir.as_ref().unwrap_or(&self.exact_hir)
    }

    /// The syntax tree matched by [`Pattern::exact`].
    pub(crate) fn exact_hir(&self) -> &Hir {
        &self.exact_hir
    }

    /// Compiles every form now (tests; and to surface any build error).
    ///
    /// # Errors
    /// The build error of the first form that fails.
    pub fn compile_all(&self) -> Result<(), String> {
        RegexBuilder::new(&self.source)
            .case_insensitive(self.case_insensitive)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| e.to_string())?;
        for h in [Some(&self.exact_hir), self.ascii_hir.as_ref()]
            .into_iter()
            .flatten()
        {
            one_config().build_from_hir(h).map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

impl Deref for Pattern {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.regex()
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .field("case_insensitive", &self.case_insensitive)
            .field("unicode_sensitive", &self.is_unicode_sensitive())
            .finish_non_exhaustive()
    }
}

fn one_config() -> meta::Builder {
    let mut b = meta::Builder::new();
    b.configure(
        meta::Config::new()
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true)
            // Only match bounds are needed; captures go through `Pattern::regex`.
            .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
            // The one-pass DFA only speeds up captures, which these never report.
            .onepass(false)
            .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
            .hybrid_cache_capacity(PATTERN_CACHE_CAPACITY),
    );
    b
}

fn build_one(hir: &Hir) -> meta::Regex {
    one_config()
        .build_from_hir(hir)
        .expect("rule regexes are validated when loaded")
}

/// Lazy-DFA cache of one pattern's searcher: there are hundreds of them, each
/// with a cache per thread, so they stay small.
const PATTERN_CACHE_CAPACITY: usize = 256 << 10;

/// Lazy-DFA cache of the set searcher. With hundreds of patterns a small cache
/// is cleared over and over until the search gives up and falls back to the
/// PikeVM, which is two orders of magnitude slower (measured on the corpus
/// with every pack on); the cache grows only as states are actually built.
const SET_CACHE_CAPACITY: usize = 4 << 20;

/// Builds a set searcher (which patterns match anywhere) over `hirs`.
pub(crate) fn build_set(hirs: &[&Hir], size_limit: usize) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .match_kind(regex_automata::MatchKind::All)
                .utf8_empty(true)
                .which_captures(regex_automata::nfa::thompson::WhichCaptures::None)
                // A set's overlapping search barely uses a prefilter, and
                // building one costs start-up time (measured: no gain).
                .auto_prefilter(false)
                .nfa_size_limit(Some(size_limit))
                .hybrid_cache_capacity(SET_CACHE_CAPACITY),
        )
        .build_many_from_hir(hirs)
        .map_err(|e| e.to_string())
}

/// `hir` with every Unicode word-boundary assertion replaced by its ASCII twin.
fn ascii_word_boundaries(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0.clone()),
        HirKind::Class(c) => Hir::class(c.clone()),
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(ascii_word_boundaries(&r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(ascii_word_boundaries(&c.sub)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii_word_boundaries).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(ascii_word_boundaries).collect())
        }
    }
}

/// Whether `c` is a word character for Unicode `\b` but not for ASCII `\b`.
#[must_use]
pub fn is_non_ascii_word_char(c: char) -> bool {
    !c.is_ascii() && regex_syntax::is_word_character(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(p: &str) -> Pattern {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(p)
            .unwrap();
        Pattern::new(p, true, hir, None)
    }

    fn found(re: &meta::Regex, text: &str) -> Vec<String> {
        re.find_iter(text)
            .map(|m| text[m.range()].to_owned())
            .collect()
    }

    #[test]
    fn forms_agree_on_ascii_and_non_word_unicode_text() {
        let p = pattern(r"\bage\b|\bcop+a\B");
        assert!(p.is_unicode_sensitive());
        let text = "Your age • © AGE. coppas coppa? stage";
        assert_eq!(found(p.fast(), text), found(p.exact(), text));
        assert_eq!(found(p.fast(), text), ["age", "AGE", "coppa"]);
        assert_eq!(p.regex().find_iter(text).count(), 3);
    }

    #[test]
    fn forms_differ_next_to_non_ascii_letters() {
        let p = pattern(r"\bage\b");
        let text = "éage";
        assert_eq!(found(p.fast(), text), ["age"]);
        assert!(found(p.exact(), text).is_empty());
        assert!(is_non_ascii_word_char('â'));
        assert!(!is_non_ascii_word_char('©'));
        assert!(!is_non_ascii_word_char('a'));
    }

    #[test]
    fn without_word_boundaries_there_is_one_form() {
        let p = pattern(r"opt[- ]?out");
        assert!(!p.is_unicode_sensitive());
        assert!(std::ptr::eq(p.fast(), p.exact()));
        p.compile_all().unwrap();
    }
}
