//! One distinct regex of a rule set, compiled lazily in the forms the engine
//! needs.
//!
//! # Why two forms
//!
//! Rule regexes are Unicode-aware: `\b` and `\w` know that é is a letter,
//! `(?i)k` also matches the Kelvin sign, `[^.;]` matches any character. Such
//! regexes compile to large automata, and the lazy DFA that makes `regex`
//! fast cannot evaluate a Unicode word boundary next to a non-ASCII byte: on
//! any text that is not pure ASCII the search falls back to the PikeVM, 10–50×
//! slower (profiled: ~80 % of a corpus run). But folded text is nearly all
//! ASCII (folding turns Unicode whitespace, quotes and dashes into ASCII), and
//! 96 % of the corpus's blocks hold no other byte. Hence:
//!
//! - the **fast** form is the regex parsed in ASCII mode: classes over bytes,
//!   ASCII case folding and word boundaries. On a block of ASCII text it
//!   matches exactly where the regex as written does (a Unicode class and its
//!   ASCII twin agree on ASCII bytes), with a small automaton the lazy DFA
//!   runs at full speed, and the ASCII parse costs a fraction of the Unicode
//!   one. It is run one block at a time, so no match spans two blocks. A
//!   regex that needs Unicode syntax (`\p{L}`, a class holding `ä`) gets its
//!   fast form from the Unicode parse, restricted to printable ASCII;
//! - the **exact** form is the regex as written, used only inside the (rare)
//!   blocks that hold a byte other than printable ASCII, and for captures.
//!   Even there, most patterns ([`Pattern::transliterable`]) use the fast
//!   form on a copy of the block in which each non-ASCII character is one
//!   stand-in byte (see `transliterate`); the exact form is left for
//!   the others and for blocks with non-ASCII digits.
//!
//! A pattern whose fast form is its exact form has one form.
//!
//! Built-in packs are validated by a unit test, so their regexes are compiled
//! only when a document first needs them (most runs touch a fraction of
//! them), and most need no compiling at all: `build.rs` built their fast
//! forms' automata ahead of time (see `prebuilt`). User packs are compiled
//! eagerly so errors point at the YAML.

use regex::Regex;
use regex_automata::meta;
use regex_syntax::hir::Hir;
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use super::lazy_regex::{self, LazyRegex};
use super::prebuilt::{self, Dfa, Prebuilt, Searcher};
use clauselint_pack_syntax::fast_form::{
    block_form, is_block_ascii, parse_ascii, parse_unicode, survives_transliteration,
};
use clauselint_pack_syntax::literals;

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
    /// The fast form's syntax tree and the required literals; parsed on first
    /// need for a built-in pattern.
    parsed: OnceLock<Parsed>,
    /// What `build.rs` prepared, for a built-in pattern: its literals and
    /// usually its fast form's automata, so that it need not be parsed.
    prebuilt: Option<&'static Prebuilt>,
    /// The regex as written, parsed on first need.
    exact_hir: OnceLock<Hir>,
    regex: LazyRegex,
    fast: OnceLock<Searcher>,
    exact: OnceLock<meta::Regex>,
    /// The prebuilt filter of a pattern without prebuilt automata (see
    /// `prebuilt::Prebuilt::filter`), deserialized on first use.
    filter: OnceLock<Option<Dfa>>,
}

/// What the first parse of a pattern yields.
#[derive(Clone)]
struct Parsed {
    /// The syntax tree of the fast form.
    fast_hir: Hir,
    /// Sets of strings, one string of each of which every match contains
    /// (see [`super::literals`]); not worked out (`None`) when prebuilt.
    literals: Option<Vec<Vec<Vec<u8>>>>,
    /// See [`Pattern::transliterable`].
    transliterable: bool,
}

impl Parsed {
    /// The fast form and literals of a valid regex, and its Unicode parse when
    /// that was needed to get them.
    fn of(
        source: &str,
        case_insensitive: bool,
        literals: bool,
    ) -> Result<(Parsed, Option<Hir>), String> {
        Ok(match parse_ascii(source, case_insensitive) {
            Some(ascii) => (Parsed::ascii(source, ascii, literals), None),
            None => {
                let hir = parse_unicode(source, case_insensitive)?;
                (Parsed::unicode(&hir, literals), Some(hir))
            }
        })
    }

    /// From the ASCII parse of `source`, which is then the fast form.
    fn ascii(source: &str, ascii: Hir, literals: bool) -> Parsed {
        Parsed {
            literals: literals.then(|| literals::required_all(&ascii)).flatten(),
            fast_hir: ascii,
            transliterable: survives_transliteration(source),
        }
    }

    /// From the Unicode parse, for a regex without an ASCII one.
    fn unicode(hir: &Hir, literals: bool) -> Parsed {
        Parsed {
            fast_hir: block_form(hir),
            literals: literals.then(|| literals::required_all(hir)).flatten(),
            transliterable: false,
        }
    }
}

impl Pattern {
    /// A pattern known to be valid (built-in packs, checked by a unit test),
    /// parsed and compiled only when first needed.
    pub fn builtin(source: &str, case_insensitive: bool) -> Pattern {
        let mut pattern = Pattern::new(source, case_insensitive, OnceLock::new(), None);
        pattern.prebuilt = prebuilt::find(source, case_insensitive);
        pattern
    }

    /// Parses `source` for the fast form only (see the module docs); the
    /// regex as written is parsed and compiled when first needed, so it must
    /// be known to be valid (built-in packs, checked by a unit test).
    ///
    /// # Errors
    /// The Unicode parser's message when `source` is not a valid regex.
    pub fn parse(source: &str, case_insensitive: bool) -> Result<Pattern, String> {
        let (parsed, exact) = Parsed::of(source, case_insensitive, true)?;
        Ok(Pattern::new(
            source,
            case_insensitive,
            OnceLock::from(parsed),
            exact,
        ))
    }

    /// A pattern whose regex as written is already parsed and compiled (user
    /// packs are checked eagerly, so errors point at the YAML).
    pub fn compiled(source: &str, case_insensitive: bool, hir: Hir, regex: Regex) -> Pattern {
        let parsed = match parse_ascii(source, case_insensitive) {
            Some(ascii) => Parsed::ascii(source, ascii, true),
            None => Parsed::unicode(&hir, true),
        };
        let mut pattern = Pattern::new(source, case_insensitive, OnceLock::from(parsed), Some(hir));
        pattern.regex = LazyRegex::compiled(source, case_insensitive, regex);
        pattern
    }

    fn new(
        source: &str,
        case_insensitive: bool,
        parsed: OnceLock<Parsed>,
        exact: Option<Hir>,
    ) -> Pattern {
        let exact_hir = OnceLock::new();
        if let Some(exact) = exact {
            let _ = exact_hir.set(exact);
        }
        Pattern {
            source: source.to_owned(),
            case_insensitive,
            parsed,
            prebuilt: None,
            exact_hir,
            regex: LazyRegex::new(source, case_insensitive),
            fast: OnceLock::new(),
            exact: OnceLock::new(),
            filter: OnceLock::new(),
        }
    }

    /// Parses the pattern now if it is not yet (see [`Pattern::builtin`]).
    fn parsed(&self) -> &Parsed {
        self.parsed.get_or_init(|| {
            let (parsed, exact) =
                Parsed::of(&self.source, self.case_insensitive, self.prebuilt.is_none())
                    .expect("rule regexes are validated when loaded");
            if let Some(exact) = exact {
                let _ = self.exact_hir.set(exact);
            }
            parsed
        })
    }

    /// The regex as written in the pack.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the regex matches case-insensitively.
    #[must_use]
    pub fn case_insensitive(&self) -> bool {
        self.case_insensitive
    }

    /// Required literals: every match contains one of these strings, ASCII
    /// case aside; `None` when no useful set is known. The best of
    /// [`Pattern::literal_sets`].
    #[must_use]
    pub fn literals(&self) -> Option<Vec<&[u8]>> {
        self.literal_sets()?.into_iter().next()
    }

    /// Sets of required literals, best first: every match contains one string
    /// of *each* set, ASCII case aside (see `literals::required_all`);
    /// `None` when no useful set is known.
    #[must_use]
    pub fn literal_sets(&self) -> Option<Vec<Vec<&[u8]>>> {
        match self.prebuilt {
            Some(p) => Some(p.literals?.iter().map(|set| set.to_vec()).collect()),
            None => Some(
                self.parsed()
                    .literals
                    .as_ref()?
                    .iter()
                    .map(|set| set.iter().map(Vec::as_slice).collect())
                    .collect(),
            ),
        }
    }

    /// For a prebuilt pattern, the ids of [`Pattern::literal_sets`] in the
    /// prebuilt literal gate.
    pub(crate) fn prebuilt_literal_ids(&self) -> Option<Option<&'static [&'static [u32]]>> {
        self.prebuilt.map(|p| p.literal_ids)
    }

    /// Whether the fast form is exact on a block rewritten by
    /// `engine::transliterate` (non-ASCII word characters as `_`, other
    /// non-ASCII characters as the byte `0x80`): true when the fast form is
    /// the ASCII parse of the regex, and the regex names none of what the
    /// rewriting produces or changes: no `_`, no POSIX class (`[[:punct:]]`
    /// holds `_`), no `\x`/`\u` escape, no `u` flag.
    pub(crate) fn transliterable(&self) -> bool {
        match self.prebuilt {
            Some(p) => p.transliterable,
            None => self.parsed().transliterable,
        }
    }

    /// Whether the regex matches somewhere in `text`. Printable ASCII is
    /// searched with the fast form, which is exact there (see the module
    /// docs) and, for a built-in regex, usually prebuilt.
    ///
    /// # Panics
    /// As [`Pattern::regex`] does.
    #[must_use]
    pub fn is_match(&self, text: &str) -> bool {
        if text.bytes().all(is_block_ascii) {
            return self.fast().is_match(regex_automata::Input::new(text));
        }
        self.regex().is_match(text)
    }

    /// The regex as written (Unicode semantics), compiled on first use.
    ///
    /// # Panics
    /// If the regex does not compile; loading validates user packs eagerly and
    /// a unit test validates the built-in ones.
    #[must_use]
    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// Whether the fast form can match in `input` (a block of printable ASCII,
    /// or one rewritten where [`Pattern::transliterable`]): false only when a
    /// prebuilt filter rules it out, without compiling the pattern.
    pub(crate) fn may_match(&self, input: &regex_automata::Input<'_>) -> bool {
        let filter = self
            .filter
            .get_or_init(|| self.prebuilt.and_then(Prebuilt::filter));
        match filter {
            Some(dfa) => !matches!(dfa.find_fwd(&input.clone().earliest(true)), Ok(None)),
            None => true,
        }
    }

    /// Leftmost-first searcher exact on blocks of printable ASCII (see the
    /// module docs): prebuilt for most built-in patterns, else compiled now.
    pub(crate) fn fast(&self) -> &Searcher {
        self.fast.get_or_init(|| {
            self.prebuilt.and_then(Prebuilt::searcher).map_or_else(
                || Searcher::Compiled(self.compiled_fast()),
                |re| Searcher::Prebuilt(Box::new(re)),
            )
        })
    }

    /// The fast form compiled from its syntax tree, prebuilt or not.
    pub(crate) fn compiled_fast(&self) -> meta::Regex {
        build_one(&self.parsed().fast_hir, Form::Fast)
    }

    /// Leftmost-first searcher with the regex's own (Unicode) semantics.
    pub(crate) fn exact(&self) -> &meta::Regex {
        self.exact
            .get_or_init(|| build_one(self.exact_hir(), Form::Exact))
    }

    /// The syntax tree of the regex as written, parsed on first use.
    pub(crate) fn exact_hir(&self) -> &Hir {
        self.exact_hir.get_or_init(|| {
            parse_unicode(&self.source, self.case_insensitive)
                .expect("rule regexes are validated when loaded")
        })
    }

    /// Compiles every form now (tests; and to surface any build error).
    ///
    /// # Errors
    /// The build error of the first form that fails.
    pub fn compile_all(&self) -> Result<(), String> {
        let hir = parse_unicode(&self.source, self.case_insensitive)?;
        if hir.properties().minimum_len() == Some(0) {
            return Err("the regex can match the empty string".into());
        }
        lazy_regex::build(&self.source, self.case_insensitive).map_err(|e| e.to_string())?;
        for (h, form) in [(&hir, Form::Exact), (&self.parsed().fast_hir, Form::Fast)] {
            one_config(form)
                .build_from_hir(h)
                .map_err(|e| e.to_string())?;
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
            .finish_non_exhaustive()
    }
}

/// Which of the two forms a searcher is built for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Fast,
    Exact,
}

fn one_config(form: Form) -> meta::Builder {
    let mut b = meta::Builder::new();
    b.configure(
        meta::Config::new()
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true)
            // Only match bounds are needed; captures go through `Pattern::regex`.
            .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
            // The one-pass DFA only speeds up captures, which these never report.
            .onepass(false)
            // The fast form searches only blocks the literal gate picked, so its
            // own literal prefilter would find little to skip, and building one
            // is most of the cost of compiling a pattern (measured: 29 ms for
            // the built-in patterns with prefilters, 5 ms without).
            .auto_prefilter(form == Form::Exact)
            .backtrack(false)
            .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
            // The exact form runs only inside blocks that are not ASCII, where a
            // Unicode word boundary makes the lazy DFA give up anyway; without
            // it (and without the backtracker, whose visited set is up to
            // 256 KiB per pattern and thread) the PikeVM does the work, equally
            // fast on such short blocks (measured) in a fraction of the memory.
            .hybrid(form == Form::Fast)
            .hybrid_cache_capacity(PATTERN_CACHE_CAPACITY),
    );
    b
}

fn build_one(hir: &Hir, form: Form) -> meta::Regex {
    one_config(form)
        .build_from_hir(hir)
        .expect("rule regexes are validated when loaded")
}

/// Lazy-DFA cache of one pattern's searcher: there are hundreds of them, each
/// with a cache per thread, so they stay small.
const PATTERN_CACHE_CAPACITY: usize = 64 << 10;

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(p: &str) -> Pattern {
        Pattern::parse(p, true).unwrap()
    }

    fn found_fast(p: &Pattern, text: &str) -> Vec<String> {
        p.fast()
            .find_iter(regex_automata::Input::new(text))
            .map(|m| text[m].to_owned())
            .collect()
    }

    fn found(re: &meta::Regex, text: &str) -> Vec<String> {
        re.find_iter(text)
            .map(|m| text[m.range()].to_owned())
            .collect()
    }

    #[test]
    fn forms_agree_on_printable_ascii() {
        let p = pattern(r"\bage\b|\bcop+a\B|\bdata[^.;]{0,20}\bkept\b");
        let text = "Your age AGE. coppas coppa? stage; DATA is KEPT.";
        assert_eq!(found_fast(&p, text), found(p.exact(), text));
        assert_eq!(
            found_fast(&p, text),
            ["age", "AGE", "coppa", "DATA is KEPT"]
        );
        assert_eq!(p.regex().find_iter(text).count(), 4);
    }

    #[test]
    fn forms_differ_next_to_non_ascii_text() {
        let p = pattern(r"\bage\b");
        assert_eq!(found_fast(&p, "éage"), ["age"]);
        assert!(found(p.exact(), "éage").is_empty());
        // The fast form counts bytes where the regex counts characters.
        let gap = pattern(r"data[^.;]{0,20}kept");
        let text = format!("data{}kept", "é".repeat(15));
        assert!(found_fast(&gap, &text).is_empty());
        assert_eq!(found(gap.exact(), &text), [text.as_str()]);
    }

    #[test]
    fn unicode_syntax_takes_the_unicode_parse() {
        let p = pattern(r"\b[\wäöü-]+strasse\s+\d+");
        assert_eq!(found_fast(&p, "Hauptstrasse 5"), ["Hauptstrasse 5"]);
        assert_eq!(found(p.exact(), "Königstrasse 5"), ["Königstrasse 5"]);
        assert!(Pattern::parse(r"(unclosed", true).is_err());
    }

    #[test]
    fn every_form_compiles() {
        let p = pattern(r"opt[- ]?out");
        p.compile_all().unwrap();
        assert_eq!(p.literals().unwrap().len(), 3);
        assert!(pattern(r"x*").compile_all().is_err());
    }
}
