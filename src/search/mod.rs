//! Search: where the patterns of a rule set match in a document.
//!
//! The rules layer hands over its distinct regexes as a [`PatternSet`]; the
//! engine asks it for the [`Hits`] in a document and judges clauses from
//! them. Everything between is here and stays here: each pattern's fast and
//! exact forms ([`Pattern`]), the automata `build.rs` prebuilt for the
//! built-in packs, the literal gate that skips blocks a pattern cannot match
//! in, and the transliteration that lets most patterns keep their fast form
//! on blocks holding non-ASCII text. See `docs/performance.md` for the
//! design and `docs/architecture.md` for where this layer sits.

mod gate;
mod hits;
mod lazy_regex;
mod pattern;
mod prebuilt;
mod table_dfa;
mod transliterate;

use std::ops::Deref;
use std::sync::OnceLock;

pub use hits::Hits;
pub(crate) use lazy_regex::build as build_regex;
pub use pattern::Pattern;

use crate::document::Document;
use gate::LiteralGate;

/// The distinct patterns of a rule set, indexed as the rules refer to them,
/// with what searching them needs.
///
/// Dereferences to the patterns as a slice.
#[derive(Clone, Debug)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    /// Which patterns are also searched in headings.
    in_headings: Vec<bool>,
    /// Where each pattern can match in a document, built on first need.
    gate: OnceLock<LiteralGate>,
}

impl PatternSet {
    /// A set of `patterns`; pattern `p` is searched in headings too when
    /// `in_headings[p]`.
    ///
    /// # Panics
    /// When the two lengths differ.
    #[must_use]
    pub fn new(patterns: Vec<Pattern>, in_headings: Vec<bool>) -> PatternSet {
        assert_eq!(patterns.len(), in_headings.len(), "one flag per pattern");
        PatternSet {
            patterns,
            in_headings,
            gate: OnceLock::new(),
        }
    }

    /// Whether pattern `p` is searched in headings too.
    #[must_use]
    pub fn in_headings(&self, p: usize) -> bool {
        self.in_headings[p]
    }

    /// Where every pattern matches in `doc` (see [`Hits::collect`]).
    #[must_use]
    pub fn hits(&self, doc: &Document) -> Hits {
        Hits::collect(doc, self)
    }

    /// The literal gate over every pattern, built on first use.
    fn gate(&self) -> &LiteralGate {
        self.gate.get_or_init(|| LiteralGate::new(&self.patterns))
    }
}

impl Deref for PatternSet {
    type Target = [Pattern];

    fn deref(&self) -> &[Pattern] {
        &self.patterns
    }
}

#[cfg(test)]
mod tests {
    /// The literal gate is what keeps a run with every pack fast: a pattern
    /// without required literals is searched in every block. Guard against a
    /// pack edit (or a change to literal extraction) that silently ungates many.
    #[test]
    fn nearly_every_builtin_pattern_has_required_literals() {
        let sources = crate::rules::builtin::all_sources();
        let set = crate::rules::load(&sources).expect("built-in packs load");
        let ungated: Vec<&str> = set
            .patterns()
            .gate()
            .ungated()
            .iter()
            .map(|&p| set.patterns()[p].as_str())
            .collect();
        let total = set.patterns().len();
        eprintln!(
            "{} of {total} patterns have no required literal:",
            ungated.len()
        );
        for p in &ungated {
            eprintln!("  {p}");
        }
        assert!(ungated.len() * 10 <= total, "{ungated:#?}");
    }
}
