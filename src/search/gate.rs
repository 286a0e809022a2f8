//! The literal gate: one pass over a document that tells, for every pattern
//! of a rule set, where in it the pattern can possibly match.
//!
//! Each pattern contributes its required literals ([`super::literals`]); a
//! pattern whose literals occur nowhere in a block cannot match in it, so the
//! engine searches only the blocks the gate names. Patterns without a useful
//! literal are searched everywhere.
//!
//! The built-in patterns' literals come with an Aho-Corasick automaton that
//! `build.rs` made ([`GateTable`]): building one at run time was a sixth of a
//! one-file run with every pack. Literals of user patterns go into a small
//! automaton built at run time.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use zerocopy::FromBytes;

use super::Pattern;

/// Where each pattern of a rule set can match, from its required literals.
///
/// A pattern has one or more *conjuncts*, each a set of literals one of which
/// every match contains ([`Pattern::literal_sets`]); a block is searched for
/// it only if it holds a literal of every conjunct.
#[derive(Clone, Debug)]
pub struct LiteralGate {
    /// The built-in patterns' literals (ids `0..prebuilt_count`).
    prebuilt: Option<GateTable>,
    /// How many literals the prebuilt automaton knows.
    prebuilt_count: usize,
    /// The other literals (ids from `prebuilt_count` on), searched
    /// ASCII-case-insensitively.
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
        let prebuilt = GateTable::new(super::prebuilt::gate_table());
        let prebuilt_count = prebuilt.as_ref().map_or(0, GateTable::literal_count);
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = vec![Vec::new(); prebuilt_count];
        let mut index = std::collections::HashMap::new();
        let mut conjuncts = Vec::with_capacity(patterns.len());
        let mut ungated = Vec::new();
        let mut next = 0;
        for (p, pattern) in patterns.iter().enumerate() {
            let ids = pattern
                .prebuilt_literal_ids()
                .filter(|_| prebuilt.is_some());
            if let Some(ids) = ids {
                let Some(sets) = ids else {
                    ungated.push(p);
                    conjuncts.push(next..next);
                    continue;
                };
                conjuncts.push(next..next + sets.len());
                for set in sets {
                    for &id in *set {
                        if let Some(owner) = owners.get_mut(id as usize) {
                            owner.push(next);
                        }
                    }
                    next += 1;
                }
                continue;
            }
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
                // part of a run's time: the cheapest to build wins.
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(&literals)
                .expect("a few hundred short literals fit the automaton")
        });
        LiteralGate {
            prebuilt,
            prebuilt_count,
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

    /// Calls `found` with every occurrence in `text` of a literal some
    /// pattern needs, as its end offset and the conjuncts it satisfies: in
    /// order of their end within each of at most two passes (a later pass
    /// starts again from the beginning of `text`).
    pub fn occurrences(&self, text: &str, mut found: impl FnMut(usize, &[usize])) {
        if let Some(table) = &self.prebuilt {
            table.scan(text.as_bytes(), |end, id| {
                if let Some(owners) = self.owners.get(id as usize).filter(|o| !o.is_empty()) {
                    found(end, owners);
                }
            });
        }
        if let Some(ac) = &self.searcher {
            for m in ac.find_overlapping_iter(text) {
                found(
                    m.end(),
                    &self.owners[self.prebuilt_count + m.pattern().as_usize()],
                );
            }
        }
    }
}

/// The Aho-Corasick automaton `build.rs` made over the built-in patterns'
/// literals, searched where it lies in the binary (layout: `Gate::table` in
/// `build.rs`). Every step is bounds-checked: a corrupt table ends the scan
/// early, it cannot read out of bounds.
#[derive(Clone, Debug)]
struct GateTable {
    classes: [u8; 256],
    /// Transitions, then each state's output range, `classes + 2` words a
    /// state.
    states: &'static [u32],
    /// Output range of a state: the words after its transitions.
    class_count: usize,
    /// Literal ids.
    outputs: &'static [u32],
    literal_count: usize,
}

impl GateTable {
    fn new(bytes: &'static [u8]) -> Option<GateTable> {
        let words = <[u32]>::ref_from_bytes(bytes).ok()?;
        let class_count = usize::try_from(*words.first()?).ok()?;
        let state_count = usize::try_from(*words.get(1)?).ok()?;
        let mut classes = [0u8; 256];
        for (i, b) in classes.iter_mut().enumerate() {
            *b = (words.get(2 + i / 4)? >> (8 * (i % 4))) as u8;
        }
        let end = 66 + state_count * (class_count + 2);
        let states = words.get(66..end)?;
        let outputs = words.get(end..)?;
        let literal_count = outputs.iter().max().map_or(0, |&m| m as usize + 1);
        Some(GateTable {
            classes,
            states,
            class_count,
            outputs,
            literal_count,
        })
    }

    /// How many literals the automaton knows (at least the highest id + 1).
    fn literal_count(&self) -> usize {
        self.literal_count
    }

    /// Calls `found(end, id)` for every occurrence of every literal in
    /// `text`, ASCII case aside, in order of their end.
    fn scan(&self, text: &[u8], mut found: impl FnMut(usize, u32)) {
        let mut sid = 0usize;
        for (i, &b) in text.iter().enumerate() {
            let class = usize::from(self.classes[usize::from(b)]);
            let Some(&next) = self.states.get(sid + class) else {
                return;
            };
            sid = next as usize;
            let out = self.class_count + sid;
            let (Some(&from), Some(&to)) = (self.states.get(out), self.states.get(out + 1)) else {
                return;
            };
            if from != to {
                for &id in self.outputs.get(from as usize..to as usize).unwrap_or(&[]) {
                    found(i + 1, id);
                }
            }
        }
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
        let mut found = Vec::new();
        gate.occurrences(text, |end, conjuncts| {
            let owners = (0..patterns)
                .filter(|&p| conjuncts.iter().any(|c| gate.conjuncts(p).contains(c)))
                .collect();
            found.push((end, owners));
        });
        found
    }

    /// The prebuilt automaton finds what Aho-Corasick finds over the same
    /// literals, ASCII case aside.
    #[test]
    fn the_prebuilt_automaton_finds_every_literal() {
        let table = GateTable::new(crate::search::prebuilt::gate_table()).expect("it reads");
        let mut literals: Vec<Vec<u8>> = vec![Vec::new(); table.literal_count()];
        for p in crate::search::prebuilt::table() {
            let (Some(sets), Some(ids)) = (p.literals, p.literal_ids) else {
                continue;
            };
            for (set, set_ids) in sets.iter().zip(ids.iter()) {
                for (lit, &id) in set.iter().zip(set_ids.iter()) {
                    literals[id as usize] = lit.to_ascii_lowercase();
                }
            }
        }
        assert!(literals.iter().all(|l| !l.is_empty()), "every id is used");
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&literals)
            .unwrap();
        let texts: Vec<String> = crate::rules::builtin::BUILTIN_PACKS
            .iter()
            .flat_map(|p| p.source.lines())
            .map(str::to_owned)
            .chain(["WE SELL YOUR Personal Information to Third Parties".to_owned()])
            .collect();
        let mut total = 0;
        for text in &texts {
            let mut found = Vec::new();
            table.scan(text.as_bytes(), |end, id| found.push((end, id as usize)));
            let mut expected: Vec<(usize, usize)> = ac
                .find_overlapping_iter(text)
                .map(|m| (m.end(), m.pattern().as_usize()))
                .collect();
            found.sort_unstable();
            expected.sort_unstable();
            assert_eq!(found, expected, "{text:?}");
            total += found.len();
        }
        assert!(total > 1000, "{total} occurrences");
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
            let mut ids: Vec<usize> = Vec::new();
            gate.occurrences(text, |_, c| ids.extend(c));
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        assert_eq!(ids("we sell your data"), [0, 1]);
        assert_eq!(ids("we keep your data"), [0]);
        assert_eq!(ids("on sale"), [1]);
    }
}
