//! The built-in patterns' required literals and search automata, built ahead
//! of time by `build.rs`.
//!
//! A one-file run with every pack would otherwise parse ~190 regexes, work out
//! their literals, compile them and build lazy-DFA states while searching:
//! most of its time (profiled: 3 of every 4 instructions). Here each built-in
//! regex comes with its literal sets (so the literal gate needs no parse)
//! and, when they are small enough, a dense forward and reverse DFA of its
//! fast form, flattened into transition tables that are searched where they
//! lie in the binary (see `table_dfa`): nothing to deserialize or build. Regexes with bounded gaps (`[^.;]{0,60}`) have DFAs far too
//! large to build; they get a *filter* instead (see `Prebuilt::filter`)
//! and are compiled at run time only for blocks it lets through.
//!
//! A table that does not read (it cannot, short of a mismatched `build.rs`)
//! makes the pattern compile at run time instead. Unit tests compare every
//! prebuilt automaton with the run-time compilation of the same regex.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::util::iter;
use regex_automata::{meta, Input, Match, MatchError};

pub(crate) use super::table_dfa::TableDfa as Dfa;

/// Bytes aligned for a table's `u32` words.
#[repr(C, align(4))]
#[derive(Debug)]
pub(crate) struct Aligned<B: ?Sized>(pub B);

/// What `build.rs` prepared for one built-in pattern.
#[derive(Debug)]
pub(crate) struct Prebuilt {
    /// The regex as written.
    pub source: &'static str,
    /// Whether it is matched case-insensitively.
    pub case_insensitive: bool,
    /// See `Pattern::transliterable`.
    pub transliterable: bool,
    /// See `Pattern::literal_sets`.
    pub literals: Option<&'static [&'static [&'static [u8]]]>,
    /// The ids of `literals` in the prebuilt literal gate ([`gate_table`]),
    /// set for set.
    pub literal_ids: Option<&'static [&'static [u32]]>,
    /// The serialized automata of the fast form, if small enough.
    pub dfas: Option<Dfas>,
    /// For a pattern without `dfas`: the forward DFA of its fast form with
    /// long repetitions unbounded (`fast_form::relaxed`). It matches wherever
    /// the pattern does, so a block where it finds nothing is not searched,
    /// and a pattern it rules out everywhere is never compiled.
    pub filter: Option<&'static Aligned<[u8]>>,
}

/// Flattened DFAs (see `table_dfa`), in the target's byte order.
#[derive(Debug)]
pub(crate) struct Dfas {
    /// Unanchored, leftmost-first: finds where a match ends.
    pub forward: &'static Aligned<[u8]>,
    /// Anchored, run backwards from a match's end: finds where it starts.
    pub reverse: &'static Aligned<[u8]>,
}

static TABLE: &[Prebuilt] = include!(concat!(env!("OUT_DIR"), "/prebuilt.rs"));

/// The Aho-Corasick automaton over every built-in pattern's required
/// literals, as `build.rs` wrote it (its layout is documented there).
static GATE: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/gate.table")));

/// The prebuilt literal gate's table.
pub(crate) fn gate_table() -> &'static [u8] {
    &GATE.0
}

/// Everything `build.rs` prepared, one entry per built-in pattern.
#[cfg(test)]
pub(crate) fn table() -> &'static [Prebuilt] {
    TABLE
}

/// What was prepared for the built-in pattern `source`, if anything.
pub(crate) fn find(source: &str, case_insensitive: bool) -> Option<&'static Prebuilt> {
    TABLE
        .binary_search_by(|p| (p.source, p.case_insensitive).cmp(&(source, case_insensitive)))
        .ok()
        .map(|i| &TABLE[i])
}

impl Prebuilt {
    /// The filter DFA (see the `filter` field), if there is one and it
    /// reads.
    pub(crate) fn filter(&self) -> Option<Dfa> {
        Dfa::new(&self.filter?.0)
    }

    /// The prebuilt searcher: `None` without automata, or if the forward one
    /// does not read (the caller then compiles the pattern).
    pub(crate) fn searcher(&'static self) -> Option<PrebuiltRegex> {
        let forward = Dfa::new(&self.dfas.as_ref()?.forward.0)?;
        Some(PrebuiltRegex {
            entry: self,
            forward,
            reverse: OnceLock::new(),
            fallback: OnceLock::new(),
        })
    }
}

/// A prebuilt fast form, searched as `regex_automata::dfa::regex::Regex`
/// does: the forward DFA finds where a match ends, the reverse one where it
/// starts (read only when a first match needs it).
#[derive(Clone, Debug)]
pub(crate) struct PrebuiltRegex {
    entry: &'static Prebuilt,
    forward: Dfa,
    reverse: OnceLock<Option<Dfa>>,
    /// The fast form compiled from source, only if a table does not read or
    /// a search gives up (which unit tests rule out for this build).
    fallback: OnceLock<meta::Regex>,
}

impl PrebuiltRegex {
    fn reverse(&self) -> Option<&Dfa> {
        self.reverse
            .get_or_init(|| {
                let bytes = &self.entry.dfas.as_ref()?.reverse.0;
                Dfa::new(bytes)
            })
            .as_ref()
    }

    fn fallback(&self) -> &meta::Regex {
        self.fallback.get_or_init(|| {
            // A built-in regex, so it compiles (tested).
            super::Pattern::builtin(self.entry.source, self.entry.case_insensitive).compiled_fast()
        })
    }

    /// The leftmost-first match in `input`, as `dfa::regex::Regex::try_search`
    /// finds it; an error if the reverse DFA is unavailable.
    fn try_search(&self, input: &Input<'_>) -> Result<Option<Match>, MatchError> {
        let pattern = regex_automata::PatternID::ZERO;
        let Some(end) = self.forward.find_fwd(input)? else {
            return Ok(None);
        };
        if input.start() == end || self.forward.is_always_start_anchored() {
            return Ok(Some(Match::new(pattern, input.start()..end)));
        }
        let reverse = self.reverse().ok_or(MatchError::gave_up(end))?;
        let backwards = input.clone().span(input.start()..end);
        let start = reverse
            .find_rev(&backwards)?
            .ok_or(MatchError::gave_up(end))?;
        Ok(Some(Match::new(pattern, start..end)))
    }
}

/// A pattern's fast-form searcher: prebuilt, or compiled at run time.
#[derive(Clone, Debug)]
pub(crate) enum Searcher {
    /// Deserialized from the automata `build.rs` made (boxed: a DFA's header
    /// is large, a compiled regex is a pointer).
    Prebuilt(Box<PrebuiltRegex>),
    /// Compiled at run time (a lazy DFA).
    Compiled(meta::Regex),
}

impl Searcher {
    /// The leftmost-first matches in `input`, in order.
    pub(crate) fn find_iter<'r, 'h>(&'r self, input: Input<'h>) -> Matches<'r, 'h> {
        match self {
            Searcher::Prebuilt(re) => Matches::Prebuilt {
                re,
                start: input.clone(),
                searcher: iter::Searcher::new(input),
            },
            Searcher::Compiled(re) => Matches::Compiled(re.find_iter(input)),
        }
    }

    /// Whether there is a match in `input` (the forward DFA alone answers).
    pub(crate) fn is_match(&self, input: Input<'_>) -> bool {
        match self {
            Searcher::Prebuilt(re) => match re.forward.find_fwd(&input.clone().earliest(true)) {
                Ok(found) => found.is_some(),
                Err(_) => re.fallback().is_match(input),
            },
            Searcher::Compiled(re) => re.is_match(input),
        }
    }
}

/// Iterator over the match ranges of a [`Searcher`].
pub(crate) enum Matches<'r, 'h> {
    /// From a prebuilt searcher.
    Prebuilt {
        /// The searcher.
        re: &'r PrebuiltRegex,
        /// The whole search, should it have to fall back.
        start: Input<'h>,
        /// Where the search stands.
        searcher: iter::Searcher<'h>,
    },
    /// From a compiled searcher.
    Compiled(meta::FindMatches<'r, 'h>),
}

impl Iterator for Matches<'_, '_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        match self {
            Matches::Prebuilt {
                re,
                start,
                searcher,
            } => match searcher.try_advance(|input| re.try_search(input)) {
                Ok(found) => found.map(|m| m.range()),
                Err(_) => {
                    // The reverse DFA is needed from the first match on, so
                    // nothing was reported yet: search again, compiled.
                    let re: &meta::Regex = re.fallback();
                    *self = Matches::Compiled(re.find_iter(start.clone()));
                    self.next()
                }
            },
            Matches::Compiled(it) => it.next().map(|m| m.range()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::builtin::BUILTIN_PACKS;
    use crate::rules::{load, PackSource};
    use crate::source::SourceFile;

    fn builtin() -> crate::rules::RuleSet {
        let sources: Vec<PackSource> = BUILTIN_PACKS
            .iter()
            .map(|p| PackSource {
                file: SourceFile::new(format!("<builtin>/{}.yaml", p.name), p.source),
                builtin: true,
            })
            .collect();
        load(&sources).expect("built-in packs load")
    }

    #[test]
    fn the_table_is_sorted_and_covers_every_builtin_pattern() {
        assert!(TABLE
            .windows(2)
            .all(|w| (w[0].source, w[0].case_insensitive) < (w[1].source, w[1].case_insensitive)));
        // What the compiler made of the packs (match trees, heading regexes)
        // against what build.rs's walker found in them.
        let rules = builtin();
        let headings = rules.rules().iter().flat_map(|r| match &r.kind {
            crate::rules::RuleKind::Clause(m) => {
                m.section.iter().chain(&m.within_section).collect()
            }
            crate::rules::RuleKind::Check(_) => Vec::new(),
        });
        for p in rules.patterns().iter().chain(headings) {
            assert!(
                find(p.as_str(), p.case_insensitive()).is_some(),
                "build.rs did not prepare {:?}",
                p.as_str()
            );
        }
        // Most patterns get automata; the gap patterns are the exception.
        let with_dfas = TABLE.iter().filter(|p| p.dfas.is_some()).count();
        assert!(
            with_dfas * 4 > TABLE.len() * 3,
            "{with_dfas} of {}",
            TABLE.len()
        );
    }

    #[test]
    fn prebuilt_literals_are_those_computed_at_run_time() {
        for p in TABLE {
            let computed = crate::search::Pattern::parse(p.source, p.case_insensitive).unwrap();
            let computed = computed.literal_sets();
            let prebuilt = p
                .literals
                .map(|sets| sets.iter().map(|s| s.to_vec()).collect());
            assert_eq!(prebuilt, computed, "{:?}", p.source);
        }
    }

    #[test]
    fn prebuilt_automata_match_like_the_compiled_fast_form() {
        let seed = crate::rules::builtin::BUILTIN_PACKS
            .iter()
            .map(|p| p.source)
            .collect::<String>();
        // Every example of every rule, plus the packs' own text (regex-heavy,
        // with `_`, punctuation and digits), one line at a time.
        let rules = builtin();
        let mut texts: Vec<Vec<u8>> = rules
            .rules()
            .iter()
            .flat_map(|r| r.examples.present.iter().chain(&r.examples.absent))
            .map(|t| t.clone().into_bytes())
            .collect();
        texts.extend(seed.lines().map(|l| l.as_bytes().to_vec()));
        // A transliterated block: `_` and 0x80 stand for non-ASCII characters.
        texts.push(b"\x80data_ breach\x80 notify _children under 13\x80".to_vec());
        for p in TABLE {
            if p.dfas.is_none() {
                continue;
            }
            let searcher = p.searcher().expect("the forward DFA deserializes");
            assert!(searcher.reverse().is_some(), "the reverse DFA deserializes");
            let prebuilt = Searcher::Prebuilt(Box::new(searcher));
            let compiled = crate::search::Pattern::parse(p.source, p.case_insensitive).unwrap();
            let compiled = Searcher::Compiled(compiled.compiled_fast());
            for text in &texts {
                for start in [0, 1.min(text.len())] {
                    let input = || Input::new(text).range(start..text.len());
                    let a: Vec<_> = prebuilt.find_iter(input()).collect();
                    let b: Vec<_> = compiled.find_iter(input()).collect();
                    assert_eq!(a, b, "{:?} on {:?}", p.source, text.escape_ascii());
                }
            }
        }
    }

    #[test]
    fn a_reverse_dfa_that_does_not_deserialize_falls_back_to_compiling() {
        let good = find(r"\bCOPPA\b", true).expect("a core pattern");
        let dfas = good.dfas.as_ref().expect("it has automata");
        let broken: &'static Prebuilt = Box::leak(Box::new(Prebuilt {
            dfas: Some(Dfas {
                forward: dfas.forward,
                reverse: Box::leak(Box::new(Aligned([0u8; 64]))),
            }),
            ..*good
        }));
        let searcher = Searcher::Prebuilt(Box::new(broken.searcher().unwrap()));
        let text = "We comply with COPPA. coppa! Not acoppa.";
        let found: Vec<_> = searcher.find_iter(Input::new(text)).collect();
        assert_eq!(found, [15..20, 22..27]);
        // Again, now that the reverse DFA is known to be missing.
        let again: Vec<_> = searcher.find_iter(Input::new(text).range(16..)).collect();
        assert_eq!(again, vec![(22..27)]);
        assert!(searcher.is_match(Input::new(text)));
    }

    /// A filter may only rule out text where the pattern finds nothing.
    #[test]
    fn a_filter_passes_wherever_its_pattern_matches() {
        let rules = builtin();
        let texts: Vec<&str> = rules
            .rules()
            .iter()
            .flat_map(|r| r.examples.present.iter().chain(&r.examples.absent))
            .map(String::as_str)
            .collect();
        let mut filters = 0;
        let mut ruled_out = 0;
        for p in TABLE {
            let Some(filter) = p.filter() else { continue };
            filters += 1;
            let compiled = crate::search::Pattern::parse(p.source, p.case_insensitive).unwrap();
            let compiled = compiled.compiled_fast();
            for text in &texts {
                let passes = filter
                    .find_fwd(&Input::new(*text).earliest(true))
                    .unwrap()
                    .is_some();
                let matches = compiled.is_match(Input::new(*text));
                assert!(passes || !matches, "{:?} on {text:?}", p.source);
                ruled_out += usize::from(!passes);
            }
        }
        // Gap patterns have filters, and they rule text out.
        assert!(filters >= 5, "{filters} filters");
        assert!(ruled_out > 0);
    }
}
