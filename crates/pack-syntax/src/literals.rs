//! Required literals: a small set of strings one of which every match of a
//! regex contains.
//!
//! The engine finds every required literal of every pattern in one
//! Aho-Corasick pass over a document (`gate::LiteralGate`) and then
//! runs a pattern only on the blocks where one of its literals occurs, instead
//! of scanning the whole document once per pattern.
//!
//! Soundness rests on what the folded text can hold inside one block (matches
//! never span blocks): no `\n`, no other whitespace than the space (folding
//! turns `\t`, no-break spaces, … into it), no Kelvin sign or long s (folded
//! to `K` and `s`), so case-insensitive `k` and `s` are plain ASCII letters. A
//! class with any other non-ASCII member is not a literal alternative. Strings
//! are lowercased and searched ASCII-case-insensitively, which can only add
//! candidates, never lose one.

use std::rc::Rc;

use regex_syntax::hir::{Class, Hir, HirKind};

/// Most strings kept in one set; larger sets are not worth a literal gate.
const MAX_SET: usize = 64;
/// Most distinct characters a class may have to count as alternatives.
const MAX_CLASS: usize = 8;
/// Highest repetition count expanded into alternatives (`s?`, `(es){0,2}`).
const MAX_REPEAT: u32 = 3;
/// Shortest useful literal: shorter ones occur in nearly every block.
pub const MIN_LITERAL: usize = 3;

/// Lowercase strings, sorted and without duplicates.
type Strings = Vec<Vec<u8>>;

/// A shared [`Strings`]: one set often stands for several facts at once (a
/// literal is its own exact set, prefix, suffix and required set), and
/// analysis is mostly passing sets up the tree.
type Set = Rc<Strings>;

/// What is known of the strings a sub-expression matches.
#[derive(Default)]
struct Facts {
    /// Every string it can match, when that set is small.
    exact: Option<Set>,
    /// A set one of which every match contains, when one is known.
    required: Option<Set>,
    /// A set one of which every match starts with.
    prefix: Option<Set>,
    /// A set one of which every match ends with.
    suffix: Option<Set>,
}

impl Facts {
    /// A sub-expression matching exactly the strings of `set`.
    fn exact(set: Strings) -> Facts {
        let set = Rc::new(set);
        Facts {
            exact: Some(set.clone()),
            required: Some(set.clone()),
            prefix: Some(set.clone()),
            suffix: Some(set),
        }
    }
}

/// The best required set of `hir`: strings of at least [`MIN_LITERAL`] bytes,
/// one of which (ASCII case aside) occurs in every match; `None` when no good
/// set is known. `Some(vec![])` means it cannot match in folded text at all.
pub fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let facts = analyze(hir);
    let best = better(facts.exact, facts.required)?;
    (best.is_empty() || min_len(&best) >= MIN_LITERAL).then(|| minimal(Rc::unwrap_or_clone(best)))
}

/// `set` without the strings that contain another of its strings: a block
/// holding "deleted" holds "delete", so one is enough for the gate (whose
/// automaton grows with every string), and the set says the same.
fn minimal(mut set: Strings) -> Strings {
    set.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    let mut kept: Strings = Vec::with_capacity(set.len());
    for s in set {
        if !kept
            .iter()
            .any(|k| s.windows(k.len().max(1)).any(|w| w == k.as_slice()))
        {
            kept.push(s);
        }
    }
    kept.sort_unstable();
    kept
}

/// Most required sets kept for one regex by [`required_all`].
const MAX_SETS: usize = 4;
/// Most strings in a set [`required_all`] adds to the best one: larger sets
/// filter little and cost the gate's automaton more than they save.
const MAX_EXTRA_SET: usize = 8;

/// Required sets that must *all* occur in every match: the best one
/// ([`required`]) first, then those of the parts a match is made of, so that
/// `A[^.;]{0,60}B` is searched only where a literal of A and one of B occur.
/// A set implied by one already kept (each of whose strings contains one of
/// its strings) is left out. `None` when no good set is known.
pub fn required_all(hir: &Hir) -> Option<Vec<Strings>> {
    let mut sets = vec![required(hir)?];
    parts(hir, &mut sets);
    Some(sets)
}

/// Adds the required sets of the parts every match of `hir` is made of: the
/// stretches of a concatenation between its gaps (children that require
/// nothing, like `[^.;]{0,40}`), then, within them, groups and repetitions
/// of at least one.
fn parts(hir: &Hir, sets: &mut Vec<Strings>) {
    let add = |set: Option<Strings>, sets: &mut Vec<Strings>| {
        if let Some(set) = set {
            if sets.len() < MAX_SETS
                && set.len() <= MAX_EXTRA_SET
                && !sets.iter().any(|kept| implies(kept, &set))
            {
                sets.push(set);
            }
        }
    };
    match hir.kind() {
        HirKind::Capture(cap) => parts(&cap.sub, sets),
        HirKind::Repetition(rep) if rep.min > 0 => parts(&rep.sub, sets),
        HirKind::Concat(subs) => {
            let is_gap = |sub: &Hir| {
                let facts = analyze(sub);
                facts.exact.is_none() && facts.required.is_none()
            };
            for stretch in subs.split(|sub| is_gap(sub)) {
                add(required(&Hir::concat(stretch.to_vec())), sets);
            }
            for sub in subs {
                parts(sub, sets);
            }
        }
        _ => {}
    }
}

/// Whether every string of `kept` contains a string of `set`: then a block
/// holding one of `kept` holds one of `set`, and `set` filters nothing more.
fn implies(kept: &Strings, set: &Strings) -> bool {
    kept.iter().all(|k| {
        set.iter()
            .any(|s| k.windows(s.len().max(1)).any(|w| w == s.as_slice()))
    })
}

fn analyze(hir: &Hir) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts {
            required: None,
            ..Facts::exact(vec![Vec::new()])
        },
        HirKind::Literal(lit) => {
            if !lit.0.is_ascii() {
                // Under (?i) Unicode rules the regex as written also matches
                // other cases of a non-ASCII letter, which the bytes do not.
                return Facts::default();
            }
            if lit.0.contains(&b'\n') {
                return Facts::exact(Vec::new());
            }
            Facts::exact(vec![lit.0.to_ascii_lowercase()])
        }
        HirKind::Class(class) => class_members(class).map_or_else(Facts::default, Facts::exact),
        HirKind::Capture(cap) => analyze(&cap.sub),
        HirKind::Repetition(rep) => {
            let sub = analyze(&rep.sub);
            if let (Some(e), Some(max)) = (&sub.exact, rep.max) {
                if max <= MAX_REPEAT {
                    let mut all = Some(Vec::new());
                    for n in rep.min..=max {
                        all = union(all, power(e, n).as_ref());
                    }
                    if let Some(all) = all {
                        return Facts::exact(all);
                    }
                }
            }
            if rep.min == 0 {
                return Facts::default();
            }
            let from_exact = sub
                .exact
                .as_ref()
                .and_then(|e| power(e, rep.min.min(MAX_REPEAT)))
                .map(Rc::new);
            Facts {
                required: better(from_exact, sub.required),
                prefix: sub.exact.clone().or(sub.prefix),
                suffix: sub.exact.or(sub.suffix),
                exact: None,
            }
        }
        HirKind::Alternation(alts) => {
            let facts: Vec<Facts> = alts.iter().map(analyze).collect();
            let unite = |part: fn(&Facts) -> Option<Set>| {
                facts
                    .iter()
                    .try_fold(Vec::new(), |acc, f| union(Some(acc), part(f).as_deref()))
                    .map(Rc::new)
            };
            // A long alternation of words (a vocabulary) has more strings
            // than a set holds; cut to their first (last) bytes they still
            // say what every match contains (starts, ends with).
            let shrink = |part: fn(&Facts) -> Option<Set>, from_end: bool| {
                let mut all = Vec::new();
                for f in &facts {
                    all.extend(part(f)?.iter().cloned());
                }
                shrunk(all, from_end).map(Rc::new)
            };
            Facts {
                exact: unite(|f| f.exact.clone()),
                required: unite(|f| better(f.exact.clone(), f.required.clone()))
                    .or_else(|| shrink(|f| better(f.exact.clone(), f.required.clone()), false)),
                prefix: unite(|f| f.prefix.clone()).or_else(|| shrink(|f| f.prefix.clone(), false)),
                suffix: unite(|f| f.suffix.clone()).or_else(|| shrink(|f| f.suffix.clone(), true)),
            }
        }
        HirKind::Concat(subs) => concat(&subs.iter().map(analyze).collect::<Vec<_>>()),
    }
}

/// A concatenation: runs of children with exact sets multiply into longer
/// strings, which also reach into the start of the next child and grow from
/// the end of the one before; the best of those and of the children's own
/// required sets wins.
fn concat(facts: &[Facts]) -> Facts {
    let empty = || Some(Rc::new(vec![Vec::new()]));
    let mut best: Option<Set> = None;
    let mut run = empty();
    let mut whole = empty();
    for f in facts {
        whole = whole.and_then(|w| f.exact.as_ref().and_then(|e| extend(w, e)));
        if let Some(e) = &f.exact {
            run = match run {
                Some(r) if r.len() * e.len() <= MAX_SET => extend(r, e),
                r => {
                    // Too many strings: keep what the run had, restart here.
                    best = better(best, r);
                    Some(e.clone())
                }
            };
            continue;
        }
        let into = run
            .as_ref()
            .zip(f.prefix.as_ref())
            .and_then(|(r, p)| product(r, p))
            .map(Rc::new);
        best = better(best, into);
        best = better(best, run.take());
        best = better(best, f.required.clone());
        run = f.suffix.clone().or_else(empty);
    }
    Facts {
        exact: whole,
        required: better(best, run),
        prefix: edge(facts.iter(), |f| &f.prefix, append),
        suffix: edge(
            facts.iter().rev(),
            |f| &f.suffix,
            |acc, s| multiply(s, &acc),
        ),
    }
}

/// The prefix (or, walking backwards, the suffix) of a concatenation: the
/// exact children from that end multiplied together, then the first other
/// child's own prefix (suffix).
fn edge<'a>(
    facts: impl Iterator<Item = &'a Facts>,
    part: fn(&Facts) -> &Option<Set>,
    join: fn(Strings, &Strings) -> Strings,
) -> Option<Set> {
    let mut acc = vec![Vec::new()];
    for f in facts {
        let (with, last) = match &f.exact {
            Some(e) => (e, false),
            None => match part(f) {
                Some(p) => (p, true),
                None => break,
            },
        };
        if acc.len() * with.len() > MAX_SET {
            break;
        }
        acc = join(acc, with);
        if last {
            break;
        }
    }
    Some(Rc::new(acc))
}

/// The members of a class as one-byte strings, lowercased, when few and all
/// possible in folded text.
fn class_members(class: &Class) -> Option<Strings> {
    let mut set = Vec::new();
    let mut push = |c: u32| -> bool {
        match c {
            // Folding removes these from the text (see the module docs).
            0x212A | 0x17F => true,
            c if c != 0x20 && char::from_u32(c).is_some_and(char::is_whitespace) => true,
            0..=0x7F => {
                set.push(vec![(c as u8).to_ascii_lowercase()]);
                true
            }
            _ => false,
        }
    };
    match class {
        Class::Unicode(c) => {
            for r in c.ranges() {
                if u32::from(r.end()) - u32::from(r.start()) > 2 * MAX_CLASS as u32 {
                    return None;
                }
                for ch in u32::from(r.start())..=u32::from(r.end()) {
                    if !push(ch) {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(c) => {
            for r in c.ranges() {
                if usize::from(r.end() - r.start()) > 2 * MAX_CLASS {
                    return None;
                }
                for b in r.start()..=r.end() {
                    if !push(u32::from(b)) {
                        return None;
                    }
                }
            }
        }
    }
    set.sort_unstable();
    set.dedup();
    (set.len() <= MAX_CLASS).then_some(set)
}

/// Every string of `a` followed by every string of `b`, if not too many.
fn product(a: &Strings, b: &Strings) -> Option<Strings> {
    (a.len() * b.len() <= MAX_SET).then(|| multiply(a, b))
}

/// Every string of `a` followed by every string of `b`.
fn multiply(a: &Strings, b: &Strings) -> Strings {
    let mut out: Strings = a
        .iter()
        .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y].concat()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// [`multiply`] for an `a` the caller gives up: one string more (the common
/// case, a literal character) is appended in place.
fn append(mut a: Strings, b: &Strings) -> Strings {
    let [one] = b.as_slice() else {
        return multiply(&a, b);
    };
    for s in &mut a {
        s.extend_from_slice(one);
    }
    // A common suffix keeps the strings distinct, but not always in order:
    // "a" < "ab", yet "ac" > "abc".
    if a.len() > 1 {
        a.sort_unstable();
    }
    a
}

/// [`product`] of a shared set, copied only if it is still shared.
fn extend(a: Set, b: &Strings) -> Option<Set> {
    (a.len() * b.len() <= MAX_SET).then(|| Rc::new(append(Rc::unwrap_or_clone(a), b)))
}

/// `n` strings of `set` in a row, if not too many.
fn power(set: &Strings, n: u32) -> Option<Strings> {
    (0..n).try_fold(vec![Vec::new()], |acc, _| product(&acc, set))
}

fn union(a: Option<Strings>, b: Option<&Strings>) -> Option<Strings> {
    let mut a = a?;
    a.extend(b?.iter().cloned());
    a.sort_unstable();
    a.dedup();
    (a.len() <= MAX_SET).then_some(a)
}

/// Most strings kept when a long alternation is cut short: a vocabulary's
/// words share few prefixes, and the gate's automaton grows with every one.
const SHRUNK_SET: usize = 24;

/// `strings` cut to their first (or, `from_end`, last) bytes, at the longest
/// length that brings the set down to [`SHRUNK_SET`] strings; `None` when even
/// [`MIN_LITERAL`] bytes leave too many. Every string still occurs wherever
/// the one it was cut from does.
fn shrunk(mut strings: Strings, from_end: bool) -> Option<Strings> {
    strings.sort_unstable();
    strings.dedup();
    let longest = strings.iter().map(Vec::len).max()?;
    if strings.iter().any(|s| s.len() < MIN_LITERAL) {
        return None;
    }
    for len in (MIN_LITERAL..=longest).rev() {
        let mut cut: Strings = strings
            .iter()
            .map(|s| {
                let n = s.len().min(len);
                if from_end {
                    s[s.len() - n..].to_vec()
                } else {
                    s[..n].to_vec()
                }
            })
            .collect();
        cut.sort_unstable();
        cut.dedup();
        if cut.len() <= SHRUNK_SET {
            return Some(cut);
        }
    }
    None
}

fn min_len(set: &Strings) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(usize::MAX)
}

/// The rarer of two required sets: longer shortest string, then fewer strings.
fn better(a: Option<Set>, b: Option<Set>) -> Option<Set> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let key = |s: &Set| (min_len(s), std::cmp::Reverse(s.len()));
            Some(if key(&b) > key(&a) { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(set: Option<Vec<Vec<u8>>>) -> Option<Vec<String>> {
        set.map(|s| {
            s.into_iter()
                .map(|b| String::from_utf8(b).unwrap())
                .collect()
        })
    }

    #[test]
    fn long_word_lists_keep_a_literal_set_by_cutting_words_short() {
        let words: Vec<String> = (0..100).map(|i| format!("word{i:03}x")).collect();
        let pattern = format!(r"\b(?:{})\b", words.join("|"));
        let set = req(&pattern).expect("a set");
        assert!(set.len() <= SHRUNK_SET, "{set:?}");
        // Sound: every word contains one of the cut strings.
        for w in &words {
            assert!(set.iter().any(|s| w.contains(s.as_str())), "{w}: {set:?}");
        }
        assert!(set.iter().all(|s| s.len() >= MIN_LITERAL));
    }

    #[test]
    fn a_string_containing_another_of_its_set_is_dropped() {
        let set = req(r"\b(?:delete|deleted|deletes|erase|erased)\b").unwrap();
        assert_eq!(set, ["delete", "erase"]);
    }

    /// Every literal set of a case-insensitive pattern, from its fast form
    /// or, without one, its Unicode parse, as the linter computes them.
    fn sets(pattern: &str) -> Option<Vec<Strings>> {
        let hir = crate::fast_form::parse_ascii(pattern, true)
            .unwrap_or_else(|| crate::fast_form::parse_unicode(pattern, true).unwrap());
        required_all(&hir)
    }

    /// The literals of a case-insensitive pattern, parsed as the engine does.
    fn req(pattern: &str) -> Option<Vec<String>> {
        strings(sets(pattern).and_then(|sets| sets.into_iter().next()))
    }

    /// The literals from the Unicode parse of a case-insensitive pattern.
    fn req_unicode(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(pattern)
            .unwrap();
        strings(required(&hir))
    }

    #[test]
    fn literal_words_are_required() {
        // "cookies" holds "cookie": the shorter is enough.
        assert_eq!(req(r"\bcookies?\b").unwrap(), ["cookie"]);
        // The run reaches into the start of `[\s-]+`.
        assert_eq!(
            req(r"\bthird[\s-]+part(y|ies)\b").unwrap(),
            ["third ", "third-"]
        );
        assert_eq!(
            req(r"opt[- ]?out").unwrap(),
            ["opt out", "opt-out", "optout"]
        );
    }

    #[test]
    fn alternations_need_every_branch() {
        assert_eq!(
            req(r"\b(sell|sale)\b[^.;]{0,40}\bto\b").unwrap(),
            ["sale", "sell"]
        );
        // The rarer of two sets wins: one string of four over two of four.
        assert_eq!(req(r"\b(sell|sale)\b[^.;]{0,40}\bdata").unwrap(), ["data"]);
        // One branch without a literal: no gate at all.
        assert_eq!(req(r"\bsell\b|\w+ing").unwrap(), ["ing", "sell"]);
        assert_eq!(req(r"\bsell\b|\d+"), None);
    }

    /// Every set of [`required_all`] of a case-insensitive pattern.
    fn req_all(pattern: &str) -> Vec<Vec<String>> {
        sets(pattern)
            .unwrap()
            .into_iter()
            .map(|set| strings(Some(set)).unwrap())
            .collect()
    }

    #[test]
    fn each_part_of_a_match_adds_a_set() {
        // The best set first, then the other part's.
        assert_eq!(
            req_all(r"\b(sell|sale)\b[^.;]{0,40}\bdata"),
            [vec!["data"], vec!["sale", "sell"]]
        );
        // Through groups and repetitions of at least one.
        assert_eq!(
            req_all(r"(breach\s+of\s+(?:your\s+)+data){1,2}"),
            [vec!["breach "], vec!["your "]]
        );
        // A part implied by a kept set adds nothing: every "third-party"
        // holds "third".
        assert_eq!(
            req_all(r"\bthird[\s-]+part(y|ies)"),
            [vec!["third ", "third-"]]
        );
        // Alternatives are not split into parts.
        assert_eq!(
            req_all(r"\bsell\b.{0,9}\bdata|\bsale\b.{0,9}\bdata"),
            [vec!["data"]]
        );
        // At most four sets.
        assert_eq!(req_all(r"aaa.bbb.ccc.ddd.eee.fff").len(), 4);
    }

    #[test]
    fn short_or_unknown_literals_give_no_gate() {
        assert_eq!(req(r"\d{4}-\d{2}"), None);
        assert_eq!(req(r"\bus\b"), None);
        // A non-ASCII letter's case-insensitive class is not an alternative.
        assert_eq!(req(r"caf[eé]").unwrap(), ["caf"]);
        assert_eq!(req(r"é\w+"), None);
    }

    #[test]
    fn runs_reach_into_factored_alternations() {
        // The parser factors the shared `d` out: `\bd(po\s*:|ata\s+…)`.
        assert_eq!(
            req(r"\bDPO\s*:|\bdata\s+protection\s+officer\b").unwrap(),
            ["data ", "dpo"]
        );
        // A run continues from the end of a repetition.
        assert_eq!(req(r"(\w+\s+)?cookies?").unwrap(), ["cookie"]);
        assert_eq!(req(r"(?:ab|cd)+xyz").unwrap(), ["abxyz", "cdxyz"]);
    }

    #[test]
    fn case_folding_partners_outside_folded_text_are_ignored() {
        // (?i)k is [Kk\u{212A}] and (?i)s is [Ss\u{17F}]; folding removes both.
        assert_eq!(req_unicode(r"kids").unwrap(), ["kids"]);
        // Other Unicode whitespace is folded to a space too.
        assert_eq!(req_unicode(r"opt\s?out").unwrap(), ["opt out", "optout"]);
        assert_eq!(req(r"opt\s?out").unwrap(), ["opt out", "optout"]);
    }

    #[test]
    fn every_match_contains_a_required_literal() {
        let cases = [
            (r"\b(do[\s-]+not[\s-]+track)\b", "Do-Not  Track"),
            (
                r"\b(third[\s-]+part(y|ies)|advertis(ers|ing))\b",
                "ADVERTISING",
            ),
            (
                r"(under|younger than)\s+(the\s+age\s+of\s+)?13",
                "younger than 13",
            ),
        ];
        for (pattern, text) in cases {
            let set = req(pattern).unwrap();
            let lower = text.to_ascii_lowercase();
            assert!(
                set.iter().any(|s| lower.contains(s.as_str())),
                "{pattern}: {set:?} not in {text:?}"
            );
        }
    }
}
