//! The literal gate: one Aho-Corasick pass that tells, for every pattern of a
//! rule set, where in a document it can possibly match.
//!
//! Each pattern contributes its required literals ([`super::literals`]); a
//! pattern whose literals occur nowhere in a block cannot match in it, so the
//! engine searches only the blocks the gate names. Patterns without a useful
//! literal are searched everywhere.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::Pattern;

/// Where each pattern of a rule set can match, from its required literals.
///
/// A pattern has one or more *conjuncts*, each a set of literals one of which
/// every match contains ([`Pattern::literal_sets`]); a block is searched for
/// it only if it holds a literal of every conjunct.
#[derive(Clone, Debug)]
pub struct LiteralGate {
    /// Every distinct literal, searched ASCII-case-insensitively.
    searcher: Option<AhoCorasick>,
    /// Literal id → the conjuncts it satisfies.
    owners: Vec<Vec<usize>>,
    /// Pattern → its conjuncts' ids (empty for an ungated pattern).
    conjuncts: Vec<Range<usize>>,
    /// The patterns without literals, searched in every block.
    ungated: Vec<usize>,
}

impl LiteralGate {
    /// Builds the gate over `patterns`.
    #[must_use]
    pub fn new(patterns: &[Pattern]) -> LiteralGate {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut conjuncts = Vec::with_capacity(patterns.len());
        let mut ungated = Vec::new();
        let mut next = 0;
        for (p, pattern) in patterns.iter().enumerate() {
            let Some(sets) = pattern.literal_sets() else {
                ungated.push(p);
                conjuncts.push(next..next);
                continue;
            };
            conjuncts.push(next..next + sets.len());
            for set in sets {
                for lit in set {
                    let id = *index.entry(lit).or_insert_with(|| {
                        literals.push(lit.to_vec());
                        owners.push(Vec::new());
                        owners.len() - 1
                    });
                    owners[id].push(next);
                }
                next += 1;
            }
        }
        let searcher = (!literals.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                // The automaton is built once per run and its pass is a small
                // part of a run's time: the cheapest to build wins. Building
                // the DFA was 11 % of a one-file run with every pack, the
                // contiguous NFA 2.5 % more than this one, and the corpus
                // runs no faster with either (measured).
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(&literals)
                .expect("a few hundred short literals fit the automaton")
        });
        LiteralGate {
            searcher,
            owners,
            conjuncts,
            ungated,
        }
    }

    /// The patterns without a useful literal: searched in every block.
    #[must_use]
    pub fn ungated(&self) -> &[usize] {
        &self.ungated
    }

    /// How many conjuncts all patterns have together (their ids are
    /// `0..conjunct_count()`).
    #[must_use]
    pub fn conjunct_count(&self) -> usize {
        self.conjuncts.last().map_or(0, |c| c.end)
    }

    /// The ids of pattern `p`'s conjuncts; a block can hold a match only if it
    /// holds a literal of each.
    #[must_use]
    pub fn conjuncts(&self, p: usize) -> Range<usize> {
        self.conjuncts[p].clone()
    }

    /// Every occurrence of a literal in `text`, in order of its end, as the
    /// end offset and the conjuncts it satisfies.
    pub fn occurrences<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, &'a [usize])> {
        self.searcher
            .iter()
            .flat_map(move |ac| ac.find_overlapping_iter(text))
            .map(|m| (m.end(), self.owners[m.pattern().as_usize()].as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(p: &str) -> Pattern {
        Pattern::parse(p, true).unwrap()
    }

    /// The patterns each occurrence stands for, through their conjuncts.
    fn found(gate: &LiteralGate, patterns: usize, text: &str) -> Vec<(usize, Vec<usize>)> {
        gate.occurrences(text)
            .map(|(end, conjuncts)| {
                let owners = (0..patterns)
                    .filter(|&p| conjuncts.iter().any(|c| gate.conjuncts(p).contains(c)))
                    .collect();
                (end, owners)
            })
            .collect()
    }

    #[test]
    fn literals_name_their_patterns() {
        let patterns = [
            pattern(r"\bcookies?\b"),
            pattern(r"\d+"),
            pattern(r"\bthird[\s-]+part(y|ies)"),
        ];
        let gate = LiteralGate::new(&patterns);
        assert_eq!(gate.ungated(), [1]);
        assert!(gate.conjuncts(1).is_empty());
        let text = "Third-party COOKIES";
        assert_eq!(found(&gate, 3, text), [(6, vec![2]), (18, vec![0])]);
    }

    #[test]
    fn a_pattern_in_parts_needs_a_literal_of_each() {
        let patterns = [pattern(r"\b(sell|sale)\b[^.;]{0,40}\bdata\b")];
        let gate = LiteralGate::new(&patterns);
        // `data` is the best set; `sell`/`sale` the other part's.
        assert_eq!(gate.conjuncts(0), 0..2);
        let ids = |text: &str| -> Vec<usize> {
            let mut ids: Vec<usize> = gate
                .occurrences(text)
                .flat_map(|(_, c)| c.to_vec())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        assert_eq!(ids("we sell your data"), [0, 1]);
        assert_eq!(ids("we keep your data"), [0]);
        assert_eq!(ids("on sale"), [1]);
    }
}
