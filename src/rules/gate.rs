//! The literal gate: one Aho-Corasick pass that tells, for every pattern of a
//! rule set, where in a document it can possibly match.
//!
//! Each pattern contributes its required literals ([`super::literals`]); a
//! pattern whose literals occur nowhere in a block cannot match in it, so the
//! engine searches only the blocks the gate names. Patterns without a useful
//! literal are searched everywhere.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::Pattern;

/// Where each pattern of a rule set can match, from its required literals.
#[derive(Clone, Debug)]
pub struct LiteralGate {
    /// Every distinct literal, searched ASCII-case-insensitively.
    searcher: Option<AhoCorasick>,
    /// Literal id → the patterns it stands for.
    owners: Vec<Vec<usize>>,
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
        let mut ungated = Vec::new();
        for (p, pattern) in patterns.iter().enumerate() {
            let Some(set) = pattern.literals() else {
                ungated.push(p);
                continue;
            };
            for lit in set {
                let id = *index.entry(lit).or_insert_with(|| {
                    literals.push(lit.to_vec());
                    owners.push(Vec::new());
                    owners.len() - 1
                });
                owners[id].push(p);
            }
        }
        let searcher = (!literals.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                // Not the DFA: building it was 11 % of a one-file run with
                // every pack, and the corpus runs no faster with it (measured).
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&literals)
                .expect("a few hundred short literals fit the automaton")
        });
        LiteralGate {
            searcher,
            owners,
            ungated,
        }
    }

    /// The patterns without a useful literal: searched in every block.
    #[must_use]
    pub fn ungated(&self) -> &[usize] {
        &self.ungated
    }

    /// Every occurrence of a literal in `text`, in order of its end, as the
    /// end offset and the patterns it stands for.
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

    #[test]
    fn literals_name_their_patterns() {
        let patterns = [
            pattern(r"\bcookies?\b"),
            pattern(r"\d+"),
            pattern(r"\bthird[\s-]+part(y|ies)"),
        ];
        let gate = LiteralGate::new(&patterns);
        assert_eq!(gate.ungated(), [1]);
        let text = "Third-party COOKIES";
        let found: Vec<(usize, Vec<usize>)> = gate
            .occurrences(text)
            .map(|(end, ps)| (end, ps.to_vec()))
            .collect();
        assert_eq!(found, [(6, vec![2]), (18, vec![0]), (19, vec![0])]);
    }
}
