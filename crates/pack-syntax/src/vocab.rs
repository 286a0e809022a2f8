//! Named vocabularies and actors: the words a rule is written in.
//!
//! A pack may define `vocab: {delete: [delete, erase, remove, ...]}`; any
//! pattern of the pack then writes `{{delete}}` for "one of these words, in
//! any of their forms". An entry is a word or phrase, inflected here
//! (delete → deletes, deleted, deleting; notify → notifies, notified;
//! anonymise → anonymize; third party → third parties), or a regex used as
//! written when it holds regex syntax.
//!
//! An `actor` node (`{who: user, does: [request, delete]}`) says who does
//! what without a regex per verb: it becomes an ordered `near` ("a `who`
//! word, then within `within` words a `does` word"), or, for the user, the
//! passive "your ... be deleted".
//!
//! Everything here rewrites the raw pack into plain patterns before it is
//! compiled, so the search machinery sees only regexes. The build script
//! includes this file too, so the built-in packs' automata are built from
//! the same expansion.

use std::collections::BTreeMap;

use crate::raw::{RawActor, RawNear, RawNode, RawPack, RawTree, RawVocab};

/// Vocabularies every pack has; a pack's own entry of the same name replaces one.
pub const BUILTIN: &[(&str, &[&str])] = &[
    (
        "user",
        &[
            "you",
            "user",
            "visitor",
            "customer",
            "member",
            "consumer",
            "individual",
            "parent",
            "guardian",
            "resident",
            "data subject",
            "account holder",
            "person",
            "player",
            "subscriber",
        ],
    ),
    (
        "company",
        &["we", "us", "the company", "our company", "our team"],
    ),
];

/// How the words of a vocabulary are inflected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inflect {
    /// Verb forms and plurals (the default).
    All,
    /// Plurals only (nouns).
    Plural,
    /// As written.
    None,
}

/// One problem with a vocabulary or actor, and the text to point at.
#[derive(Debug, PartialEq, Eq)]
pub struct VocabError {
    /// What is wrong.
    pub message: String,
    /// A string of the YAML to point at (`{{name}}`, the vocabulary's name).
    pub at: String,
}

/// Rewrites every `{{name}}` reference and every `actor` node of `pack` into
/// plain regexes. Returns, for each rewritten pattern, the pattern as written
/// (for error places and near-miss explanations).
///
/// # Errors
/// Unknown vocabulary names, empty vocabularies, bad `actor` nodes.
pub fn expand_pack(pack: &mut RawPack) -> Result<BTreeMap<String, String>, Vec<VocabError>> {
    let mut errors = Vec::new();
    let mut table: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for (name, words) in BUILTIN {
        let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        table.insert(
            (*name).to_owned(),
            (alternation(&words, Inflect::Plural), words),
        );
    }
    if let Some(vocab) = &pack.vocab {
        for (name, v) in vocab {
            let (words, inflect) = match v {
                RawVocab::Words(w) => (w.clone(), Inflect::All),
                RawVocab::Spec { words, inflect } => {
                    let inflect = match inflect.as_deref().unwrap_or("all") {
                        "all" => Inflect::All,
                        "plural" => Inflect::Plural,
                        "none" => Inflect::None,
                        other => {
                            errors.push(VocabError {
                                message: format!(
                                    "unknown inflection `{other}` for vocabulary `{name}`"
                                ),
                                at: other.to_owned(),
                            });
                            Inflect::All
                        }
                    };
                    (words.clone(), inflect)
                }
            };
            if !is_kebab(name) {
                errors.push(VocabError {
                    message: format!("vocabulary name `{name}` is not kebab-case"),
                    at: name.clone(),
                });
            }
            if words.is_empty() || words.iter().any(|w| w.trim().is_empty()) {
                errors.push(VocabError {
                    message: format!("vocabulary `{name}` has an empty word"),
                    at: name.clone(),
                });
                continue;
            }
            if let Some(w) = words.iter().find(|w| w.contains("{{")) {
                errors.push(VocabError {
                    message: format!(
                        "vocabulary `{name}` refers to another vocabulary (`{w}`); list the words"
                    ),
                    at: w.clone(),
                });
                continue;
            }
            table.insert(name.clone(), (alternation(&words, inflect), words));
        }
    }
    let mut written = BTreeMap::new();
    let mut ex = Expander {
        table: &table,
        errors: &mut errors,
        written: &mut written,
    };
    for rule in &mut pack.rules {
        if let Some(m) = &mut rule.matcher {
            ex.node(m);
        }
        if let Some(w) = &mut rule.when {
            ex.node(w);
        }
        if let Some(s) = &mut rule.section {
            for p in s.as_mut_slice() {
                *p = ex.pattern(p);
            }
        }
        if let Some(p) = &mut rule.within_section {
            *p = ex.pattern(p);
        }
    }
    if errors.is_empty() {
        Ok(written)
    } else {
        Err(errors)
    }
}

struct Expander<'a> {
    table: &'a BTreeMap<String, (String, Vec<String>)>,
    errors: &'a mut Vec<VocabError>,
    written: &'a mut BTreeMap<String, String>,
}

impl Expander<'_> {
    fn node(&mut self, node: &mut RawNode) {
        match node {
            RawNode::Pattern(p) => *p = self.pattern(p),
            RawNode::Tree(tree) => self.tree(tree),
        }
    }

    fn tree(&mut self, tree: &mut RawTree) {
        for child in tree.children_mut() {
            self.node(child);
        }
        if let Some(actor) = tree.actor.take() {
            if let Some(node) = self.actor(&actor) {
                tree.all.get_or_insert_with(Vec::new).push(node);
            }
        }
    }

    /// `p` with every `{{name}}` replaced by its alternation.
    fn pattern(&mut self, p: &str) -> String {
        if !p.contains("{{") {
            return p.to_owned();
        }
        let mut out = String::with_capacity(p.len() * 4);
        let mut rest = p;
        while let Some(open) = rest.find("{{") {
            out.push_str(&rest[..open]);
            let after = &rest[open + 2..];
            let Some(close) = after.find("}}") else {
                self.errors.push(VocabError {
                    message: "`{{` without a closing `}}`".into(),
                    at: p.to_owned(),
                });
                return p.to_owned();
            };
            let name = after[..close].trim();
            match self.table.get(name) {
                Some((alt, _)) => out.push_str(alt),
                None => {
                    let known: Vec<&str> = self.table.keys().map(String::as_str).collect();
                    self.errors.push(VocabError {
                        message: format!(
                            "unknown vocabulary `{name}` (defined: {})",
                            known.join(", ")
                        ),
                        at: format!("{{{{{}}}}}", &after[..close]),
                    });
                    return p.to_owned();
                }
            }
            rest = &after[close + 2..];
        }
        out.push_str(rest);
        self.written.insert(out.clone(), p.to_owned());
        out
    }

    /// The match node of an `actor` node.
    fn actor(&mut self, actor: &RawActor) -> Option<RawNode> {
        let who = match self.table.get(actor.who.as_str()) {
            Some((alt, _)) => alt.clone(),
            None => {
                self.errors.push(VocabError {
                    message: format!("unknown vocabulary `{}` in `actor.who`", actor.who),
                    at: actor.who.clone(),
                });
                return None;
            }
        };
        if actor.does.is_empty() {
            self.errors.push(VocabError {
                message: "`actor.does` lists no verb".into(),
                at: "does".into(),
            });
            return None;
        }
        let mut verbs = Vec::new();
        let mut participles = Vec::new();
        for d in &actor.does {
            match self.table.get(d.as_str()) {
                Some((alt, words)) => {
                    verbs.push(alt.clone());
                    participles.extend(words.iter().filter_map(|w| participle(w)));
                }
                None if d.contains("{{") => verbs.push(self.pattern(d)),
                None => {
                    verbs.push(alternation(std::slice::from_ref(d), Inflect::All));
                    participles.extend(participle(d));
                }
            }
        }
        let within = actor.within.unwrap_or(4);
        let label = format!("actor {} does {}", actor.who, actor.does.join("/"));
        let does = format!("(?:{})", verbs.join("|"));
        self.written
            .insert(who.clone(), format!("{{{{{}}}}}", actor.who));
        self.written.insert(does.clone(), label.clone());
        let active = RawNode::Tree(RawTree {
            near: Some(RawNear {
                within,
                of: vec![RawNode::Pattern(who), RawNode::Pattern(does)],
                ordered: Some(true),
            }),
            ..RawTree::default()
        });
        if !(actor.passive.unwrap_or(true) && actor.who == "user" && !participles.is_empty()) {
            return Some(active);
        }
        participles.sort();
        participles.dedup();
        // "your account (will) be deleted": the verb's participle after a
        // form of "be", at most a few words after "your".
        let passive = format!(
            r"\b(?:be|is|are|being|been)\s+(?:[a-z]+\s+)?(?:{})\b",
            participles.join("|")
        );
        self.written
            .insert(passive.clone(), format!("{label} (passive)"));
        let passive = RawNode::Tree(RawTree {
            near: Some(RawNear {
                within: 3,
                of: vec![
                    RawNode::Pattern(r"\byour\b".into()),
                    RawNode::Pattern(passive),
                ],
                ordered: Some(true),
            }),
            ..RawTree::default()
        });
        Some(RawNode::Tree(RawTree {
            any: Some(vec![active, passive]),
            ..RawTree::default()
        }))
    }
}

/// Whether `s` is kebab-case: lowercase words and digits joined by `-`
/// (pack names, rule ids, vocabulary names).
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether a vocabulary entry is a regex rather than words.
fn is_regex(word: &str) -> bool {
    word.contains([
        '\\', '(', ')', '[', ']', '|', '?', '*', '+', '{', '}', '^', '$', '.',
    ])
}

/// `\b(?:form|form|...)\b` for every form of every word.
pub fn alternation(words: &[String], inflect: Inflect) -> String {
    let mut forms: Vec<String> = Vec::new();
    for w in words {
        let w = w.trim();
        if is_regex(w) {
            forms.push(format!("(?:{w})"));
            continue;
        }
        forms.extend(phrase_forms(w, inflect));
    }
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    forms.dedup();
    format!(r"\b(?:{})\b", forms.join("|"))
}

/// The forms of a word or phrase, as regex text: the first word inflected as
/// a verb, the last as a noun; words joined by whitespace or a hyphen.
fn phrase_forms(phrase: &str, inflect: Inflect) -> Vec<String> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let join = |ws: &[String]| ws.join(r"[\s-]+");
    let plain: Vec<String> = words.iter().map(|w| escape_word(w)).collect();
    let mut out = vec![join(&plain)];
    if inflect == Inflect::None {
        return out;
    }
    let n = words.len();
    let last = words[n - 1];
    for form in plurals(last) {
        let mut ws = plain.clone();
        ws[n - 1] = escape_word(&form);
        out.push(join(&ws));
    }
    // Verb forms for a single word that can be a verb, or a phrasal verb
    // ("opt out", "comply with", "let you know"); a noun phrase ("third
    // party", "data subject") takes plurals only.
    let verb = match words.as_slice() {
        [one] => !looks_like_noun(one),
        [_, second, ..] => PARTICLES.contains(&second.to_ascii_lowercase().as_str()),
        [] => false,
    };
    if inflect == Inflect::All && verb {
        for form in verb_forms(words[0]) {
            let mut ws = plain.clone();
            ws[0] = escape_word(&form);
            out.push(join(&ws));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Second words that make a phrase a phrasal verb.
const PARTICLES: &[&str] = &[
    "out", "up", "in", "on", "off", "with", "to", "of", "back", "down", "away", "into", "over",
    "you", "us", "them", "for", "about", "from", "not",
];

/// Endings of English nouns and adjectives that are never verbs: such a
/// word takes plurals only (no "notificationed").
fn looks_like_noun(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ist", "ics", "ory",
        "ary", "ous", "ful", "less", "able", "ible", "ware",
    ];
    let w = word.to_ascii_lowercase();
    ENDINGS
        .iter()
        .any(|e| w.len() > e.len() + 2 && w.ends_with(e))
}

/// A word escaped for a regex, with British and American spellings of
/// `-ise`/`-ize` both accepted.
fn escape_word(w: &str) -> String {
    let lower = w.to_ascii_lowercase();
    let mut e = regex_escape(w);
    for suffix in [
        "ise", "ised", "ises", "ising", "isation", "ize", "ized", "izes", "izing", "ization",
    ] {
        if lower.len() > suffix.len() + 2 && lower.ends_with(suffix) {
            let stem = &e[..e.len() - suffix.len()];
            let rest = &suffix[2..];
            e = format!("{stem}i[sz]{rest}");
            break;
        }
    }
    e
}

fn regex_escape(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Words that are never inflected.
const UNINFLECTED: &[&str] = &[
    "you", "your", "we", "us", "our", "they", "them", "their", "it", "its", "he", "she", "i", "me",
    "my", "not", "no", "or", "and", "of", "to", "by",
];

/// Whether `w` is inflected at all: a plain lowercase-able word, not a
/// pronoun or particle.
fn inflectable(w: &str) -> bool {
    w.len() >= 2
        && w.bytes().all(|c| c.is_ascii_alphabetic())
        && !UNINFLECTED.contains(&w.to_ascii_lowercase().as_str())
}

/// Plural (or third person) forms of `w`.
fn plurals(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let lower = w.to_ascii_lowercase();
    if !inflectable(w) || (lower.ends_with("ed") && !lower.ends_with("eed")) {
        return Vec::new();
    }
    let last = b[b.len() - 1];
    if last == b'y' && !is_vowel(b[b.len() - 2]) {
        return vec![format!("{}ies", &w[..w.len() - 1])];
    }
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
    {
        return vec![format!("{w}es")];
    }
    vec![format!("{w}s")]
}

/// Verb forms of `w`: third person, past, present participle. A word that
/// is already a participle keeps its form (`updated`) or takes a plural
/// (`setting` → settings).
fn verb_forms(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    if !inflectable(w) {
        return Vec::new();
    }
    let lower = w.to_ascii_lowercase();
    if lower.ends_with("ed") && !lower.ends_with("eed") {
        return Vec::new();
    }
    if lower.ends_with("ing") {
        return plurals(w);
    }
    let mut out = plurals(w);
    let last = b[b.len() - 1];
    let before = b[b.len() - 2];
    if w.ends_with("ee") {
        out.push(format!("{w}d"));
        out.push(format!("{w}ing"));
    } else if last == b'e' {
        let stem = &w[..w.len() - 1];
        out.push(format!("{stem}ed"));
        out.push(format!("{stem}ing"));
    } else if last == b'y' && !is_vowel(before) {
        let stem = &w[..w.len() - 1];
        out.push(format!("{stem}ied"));
        out.push(format!("{w}ing"));
    } else {
        out.push(format!("{w}ed"));
        out.push(format!("{w}ing"));
        // stop → stopped, submit → submitted: a final consonant after one
        // vowel doubles in one-syllable words and stressed endings.
        let vowel_groups = b
            .windows(2)
            .filter(|p| !is_vowel(p[0]) && is_vowel(p[1]))
            .count()
            + usize::from(is_vowel(b[0]));
        let stressed = ["mit", "fer", "pel", "trol", "cur", "bid", "gret"]
            .iter()
            .any(|e| lower.ends_with(e));
        if !is_vowel(last)
            && !matches!(last, b'w' | b'x' | b'y')
            && is_vowel(before)
            && b.len() >= 3
            && !is_vowel(b[b.len() - 3])
            && (vowel_groups == 1 || stressed)
        {
            out.push(format!("{w}{}ed", last as char));
            out.push(format!("{w}{}ing", last as char));
        }
    }
    out
}

/// The past participle of a single verb (for the passive), as regex text.
fn participle(w: &str) -> Option<String> {
    let w = w.trim();
    if is_regex(w) || w.contains(' ') {
        return None;
    }
    verb_forms(w)
        .into_iter()
        .filter(|f| f.ends_with("ed"))
        .map(|f| escape_word(&f))
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(w: &str) -> Vec<String> {
        let mut f = phrase_forms(w, Inflect::All);
        f.sort();
        f
    }

    #[test]
    fn verbs_are_inflected() {
        assert_eq!(
            forms("delete"),
            ["delete", "deleted", "deletes", "deleting"]
        );
        assert_eq!(
            forms("notify"),
            ["notified", "notifies", "notify", "notifying"]
        );
        assert_eq!(
            forms("access"),
            ["access", "accessed", "accesses", "accessing"]
        );
        assert!(forms("stop").contains(&"stopped".to_owned()));
        assert!(forms("submit").contains(&"submitted".to_owned()));
        assert!(!forms("consumer").iter().any(|f| f.contains("rr")));
        assert_eq!(forms("you"), ["you"]);
        assert_eq!(forms("updated"), ["updated"]);
        assert_eq!(forms("notification"), ["notification", "notifications"]);
        assert_eq!(
            forms("third party"),
            ["third[\\s-]+parties", "third[\\s-]+party"]
        );
        assert!(forms("anonymise").contains(&"anonymi[sz]ed".to_owned()));
        assert!(forms("third party").contains(&r"third[\s-]+parties".to_owned()));
        assert!(forms("opt out").contains(&r"opted[\s-]+out".to_owned()));
    }

    #[test]
    fn alternations_match_every_form_and_nothing_inside_words() {
        let re = regex::Regex::new(&format!(
            "(?i){}",
            alternation(&["delete".into(), "anonymise".into()], Inflect::All)
        ))
        .unwrap();
        for yes in ["Deleted", "deleting", "anonymized", "anonymises"] {
            assert!(re.is_match(yes), "{yes}");
        }
        for no in ["deleter", "undeleted", "anonym"] {
            assert!(!re.is_match(no), "{no}");
        }
    }

    #[test]
    fn nouns_take_plurals_only() {
        let a = alternation(&["partner".into()], Inflect::Plural);
        assert_eq!(a, r"\b(?:partners|partner)\b");
        assert_eq!(
            alternation(&["U.S.".into()], Inflect::None),
            r"\b(?:(?:U.S.))\b"
        );
    }
}
