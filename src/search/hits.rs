//! Where each pattern of the rule set matches in a document.

use std::ops::Range;

use regex_automata::Input;

use super::gate::LiteralGate;
use super::transliterate::Transliterated;
use super::PatternSet;
use crate::document::Document;
use crate::parallel;
use clauselint_pack_syntax::fast_form::is_block_ascii;

/// Match positions (folded ranges) of every pattern, outside headings; and,
/// apart, inside headings for the patterns that rules look for there.
#[derive(Debug, Default)]
pub struct Hits {
    by_pattern: Vec<Vec<Range<usize>>>,
    in_headings: Vec<Vec<Range<usize>>>,
}

/// How the engine searches one block.
enum BlockKind {
    /// Printable ASCII only: the fast forms are exact here.
    Ascii,
    /// Holds another byte (é, •, a tab), rewritten so that most patterns can
    /// still use their fast form (see `transliterate`); the others use the
    /// exact form.
    Rewritten(Transliterated),
    /// Holds another byte and cannot be rewritten (a non-ASCII digit):
    /// searched with the exact forms.
    Other,
}

impl Hits {
    /// Searches `doc` for every pattern of `rules`.
    ///
    /// One Aho-Corasick pass finds the required literals of all patterns
    /// (`gate::LiteralGate`); each pattern is then searched only in
    /// the blocks holding one of its literals (every block, for a pattern
    /// without one), block by block: ASCII blocks with the pattern's fast form,
    /// others with the fast form on a rewritten copy where that is exact
    /// (see `transliterate`), else with its exact form (see
    /// [`super::Pattern`]). A match never spans two blocks. Headings
    /// are searched only for the patterns a rule looks for there
    /// ([`PatternSet::in_headings`]), and their hits are kept apart.
    #[must_use]
    pub fn collect(doc: &Document, patterns: &PatternSet) -> Hits {
        let text = doc.folded();
        let blocks = doc.blocks();
        if text.is_empty() || blocks.is_empty() {
            return Hits {
                by_pattern: vec![Vec::new(); patterns.len()],
                in_headings: vec![Vec::new(); patterns.len()],
            };
        }
        let kinds: Vec<BlockKind> = blocks
            .iter()
            .map(|b| {
                if text.as_bytes()[b.range.clone()]
                    .iter()
                    .all(|&c| is_block_ascii(c))
                {
                    BlockKind::Ascii
                } else {
                    Transliterated::new(text, b.range.clone())
                        .map_or(BlockKind::Other, BlockKind::Rewritten)
                }
            })
            .collect();
        // The gate needs every pattern's literals. Built-in ones come
        // prebuilt; any pattern still unparsed is parsed here, side by side
        // (outside the gate's `OnceLock`, whose initializer must not wait on
        // other pool jobs).
        parallel::map(patterns, |p| p.literal_sets().is_some());
        let gate = patterns.gate();
        let candidates = Candidates::find(doc, gate);
        let mut ungated = vec![false; patterns.len()];
        for &p in gate.ungated() {
            ungated[p] = true;
        }
        // Pattern by pattern (so each one's automata stay hot in the cache),
        // block by block (so its hits come in order).
        let indices: Vec<usize> = (0..patterns.len()).collect();
        let found = parallel::map(&indices, |&p| {
            let pattern = &patterns[p];
            let in_headings = patterns.in_headings(p);
            let mut body = Vec::new();
            let mut headings = Vec::new();
            for (b, block) in blocks.iter().enumerate() {
                let heading = block.is_heading();
                if heading && !in_headings {
                    continue;
                }
                if !(ungated[p] || candidates.has(gate, b, p)) {
                    continue;
                }
                let hits = if heading { &mut headings } else { &mut body };
                // Bounded to the block; the text around it still counts for
                // assertions (`\b`, `^`).
                let input = Input::new(text).range(block.range.clone());
                match &kinds[b] {
                    BlockKind::Ascii => {
                        if pattern.may_match(&input) {
                            hits.extend(pattern.fast().find_iter(input));
                        }
                    }
                    BlockKind::Rewritten(t) if pattern.transliterable() => {
                        let input = Input::new(&t.bytes).range(t.range.clone());
                        if pattern.may_match(&input) {
                            hits.extend(pattern.fast().find_iter(input).map(|m| t.origin(m)));
                        }
                    }
                    BlockKind::Rewritten(_) | BlockKind::Other => {
                        hits.extend(pattern.exact().find_iter(input).map(|m| m.range()));
                    }
                }
            }
            (body, headings)
        });
        let (by_pattern, in_headings) = found.into_iter().unzip();
        Hits {
            by_pattern,
            in_headings,
        }
    }

    /// The first hit of pattern `p` that lies within `unit`.
    #[must_use]
    pub fn first_within(&self, p: usize, unit: &Range<usize>) -> Option<Range<usize>> {
        let hits = &self.by_pattern[p];
        let i = hits.partition_point(|h| h.start < unit.start);
        hits.get(i).filter(|h| h.end <= unit.end).cloned()
    }

    /// The hits of pattern `p` that lie within `unit`, in order.
    pub fn within<'a>(
        &'a self,
        p: usize,
        unit: &Range<usize>,
    ) -> impl Iterator<Item = &'a Range<usize>> + 'a {
        let hits = &self.by_pattern[p];
        let from = hits.partition_point(|h| h.start < unit.start);
        let to = hits.partition_point(|h| h.start < unit.end);
        let end = unit.end;
        hits[from..to].iter().filter(move |h| h.end <= end)
    }

    /// All hits of pattern `p`, in order.
    #[must_use]
    pub fn of(&self, p: usize) -> &[Range<usize>] {
        &self.by_pattern[p]
    }

    /// The hits of pattern `p` in headings, in order (only for patterns
    /// searched there).
    #[must_use]
    pub fn in_headings(&self, p: usize) -> &[Range<usize>] {
        self.in_headings.get(p).map_or(&[], Vec::as_slice)
    }

    /// The hits of pattern `p` in headings that lie within `unit`, in order.
    pub fn headings_within<'a>(
        &'a self,
        p: usize,
        unit: &Range<usize>,
    ) -> impl Iterator<Item = &'a Range<usize>> + 'a {
        let hits = self.in_headings(p);
        let from = hits.partition_point(|h| h.start < unit.start);
        let to = hits.partition_point(|h| h.start < unit.end);
        let end = unit.end;
        hits[from..to].iter().filter(move |h| h.end <= end)
    }
}

/// Per block, the gate's conjuncts with a literal in it: a bit set of
/// `words` 64-bit words a block (6 MB for a 45 MB policy with every pack).
struct Candidates {
    words: usize,
    bits: Vec<u64>,
}

impl Candidates {
    /// Runs the literal gate over `doc`.
    fn find(doc: &Document, gate: &LiteralGate) -> Self {
        let blocks = doc.blocks();
        let words = gate.conjunct_count().div_ceil(64);
        let mut bits = vec![0u64; blocks.len() * words];
        // Occurrences come in order of their end within a pass, so the block
        // cursor only moves forward until the next pass; a literal never
        // holds '\n', so it lies in one block.
        let (mut b, mut last) = (0, 0);
        gate.occurrences(doc.folded(), |end, conjuncts| {
            if end < last {
                b = 0;
            }
            last = end;
            while b + 1 < blocks.len() && blocks[b + 1].range.start < end {
                b += 1;
            }
            if blocks.get(b).is_none_or(|block| end > block.range.end) {
                return;
            }
            for &c in conjuncts {
                bits[b * words + c / 64] |= 1 << (c % 64);
            }
        });
        Candidates { words, bits }
    }

    /// Whether block `b` holds a literal of each of gated pattern `p`'s
    /// conjuncts.
    fn has(&self, gate: &LiteralGate, b: usize, p: usize) -> bool {
        let row = &self.bits[b * self.words..(b + 1) * self.words];
        gate.conjuncts(p)
            .all(|c| row[c / 64] & (1 << (c % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::RuleSet;
    use crate::source::SourceFile;

    fn all_builtin() -> RuleSet {
        let sources = crate::rules::builtin::all_sources();
        crate::rules::load(&sources).expect("built-in packs load")
    }

    /// What `collect` must equal: every pattern as written, searched block by
    /// block, with no literal gate and no fast form.
    fn reference(doc: &Document, rules: &RuleSet) -> Vec<Vec<Range<usize>>> {
        rules
            .patterns()
            .iter()
            .map(|p| {
                doc.blocks()
                    .iter()
                    .filter(|b| !b.is_heading())
                    .flat_map(|b| {
                        let input = Input::new(doc.folded()).range(b.range.clone());
                        p.exact().find_iter(input).map(|m| m.range())
                    })
                    .collect()
            })
            .collect()
    }

    fn assert_exact(name: &str, text: &str, rules: &RuleSet) {
        let doc = Document::parse(
            SourceFile::new(name, text),
            Format::from_path(std::path::Path::new(name)),
        );
        let hits = rules.patterns().hits(&doc);
        for (p, want) in reference(&doc, rules).iter().enumerate() {
            assert_eq!(
                hits.of(p),
                want.as_slice(),
                "{name}: pattern {}",
                rules.patterns()[p].as_str()
            );
            // Headings: searched for the patterns rules look for there.
            let in_headings: Vec<Range<usize>> = if rules.patterns().in_headings(p) {
                doc.blocks()
                    .iter()
                    .filter(|b| b.is_heading())
                    .flat_map(|b| {
                        let input = Input::new(doc.folded()).range(b.range.clone());
                        rules.patterns()[p]
                            .exact()
                            .find_iter(input)
                            .map(|m| m.range())
                    })
                    .collect()
            } else {
                Vec::new()
            };
            assert_eq!(
                hits.in_headings(p),
                in_headings.as_slice(),
                "{name}: pattern {} in headings",
                rules.patterns()[p].as_str()
            );
        }
    }

    /// Pseudo-random policies built from the packs' own examples, with
    /// non-ASCII letters, symbols, tabs and headings mixed in: the gate and
    /// the fast forms must change nothing.
    #[test]
    fn hits_equal_the_regexes_as_written() {
        let rules = all_builtin();
        let mut phrases: Vec<String> = Vec::new();
        for rule in rules.rules() {
            phrases.extend(rule.examples.present.iter().cloned());
            phrases.extend(rule.examples.absent.iter().cloned());
        }
        let noise = [
            "é",
            "Zoë Müller",
            "•",
            "©",
            "\t",
            "Łódź",
            "ſ",
            "K",
            "하",
            "café",
            "naïve",
            "Â´",
            "…",
            "€5",
            "\u{663}",
            "²",
            "e\u{301}",
            "日本",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n as u64).expect("small")
        };
        for round in 0..40 {
            let mut text = String::new();
            for _ in 0..30 {
                match next(10) {
                    0 => text.push_str("\n## Your choices\n\n"),
                    1 => text.push_str("\n\n"),
                    _ => {}
                }
                let phrase = &phrases[next(phrases.len())];
                if next(4) == 0 {
                    // Break a phrase with a non-ASCII word or symbol.
                    let words: Vec<&str> = phrase.split(' ').collect();
                    let at = next(words.len() + 1);
                    text.push_str(&words[..at].join(" "));
                    text.push(' ');
                    text.push_str(noise[next(noise.len())]);
                    text.push(' ');
                    text.push_str(&words[at..].join(" "));
                } else {
                    text.push_str(phrase);
                }
                text.push(' ');
            }
            assert_exact(&format!("round{round}.md"), &text, &rules);
        }
    }

    /// Blocks with non-ASCII characters, searched by most patterns through a
    /// rewritten copy (`transliterate`): word boundaries, counted gaps, `.`
    /// and classes must see each character as the regex as written does.
    #[test]
    fn rewritten_blocks_match_like_the_regexes_as_written() {
        let patterns = [
            r"a.b",
            r"\bcaf\w\b",
            r"x[^.;]{0,2}y",
            r"\bfoo\b",
            r"\w+ing\b",
            r"\d+ kids",
            r"[\W_]+z",
            r"\bcaf",
            r"\Bé",
            r"(?m)^\W*q",
            r"(?-u:\w)+z",
        ];
        let matches: Vec<String> = patterns.iter().map(|p| format!("'{p}'")).collect();
        let pack = format!(
            "pack: t\nrules:\n  - id: r\n    title: R\n    severity: error\n    message: m\n    examples: {{present: [x], absent: [y]}}\n    match: {{any: [{}]}}\n",
            matches.join(", ")
        );
        let rules = crate::rules::load(&[crate::rules::PackSource {
            file: SourceFile::new("t.yaml", pack),
            builtin: false,
        }])
        .expect("test pack loads");
        let transliterable = rules
            .patterns()
            .iter()
            .filter(|p| p.transliterable())
            .count();
        assert_eq!(
            transliterable,
            patterns.len() - 3,
            "`_`, `é` and `(?-u)` opt out"
        );
        let lines = [
            "a•b a©©b aéb",
            "café cafés caf_ caféine",
            "x••y xé•y xééy xéééy x.y",
            "éfoo fooé •foo• _foo",
            "résumé-ing naïveing",
            "\u{663} kids and 3 kids",
            "ñz •z _z",
            "Â´ mojibake caf",
            "•q",
            "éz é_z",
        ];
        let text = lines.join("\n\n");
        assert_exact("rewritten.md", &text, &rules);
        // The same lines as one paragraph, so each block has neighbours.
        assert_exact("joined.md", &lines.join(" "), &rules);
    }

    /// The same on real policies, when the shared corpus is present.
    #[test]
    #[ignore = "needs ../shared (the corpus)"]
    fn hits_equal_the_regexes_as_written_on_the_corpus() {
        let shared = std::env::var_os("CLAUSELINT_SHARED").map_or_else(
            || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
            std::path::PathBuf::from,
        );
        let dir = std::fs::read_dir(shared.join("corpus/policies")).unwrap_or_else(|e| {
            panic!("this test needs ../shared/corpus (or CLAUSELINT_SHARED): {e}")
        });
        let rules = all_builtin();
        let mut paths: Vec<_> = dir.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        // Every 8th policy: a spread of sites, in a few seconds.
        for path in paths.iter().step_by(8) {
            let text = std::fs::read_to_string(path).expect("corpus policies are UTF-8");
            assert_exact(&path.display().to_string(), &text, &rules);
        }
    }
}
