//! Serde structs mirroring the YAML rule-pack format, field for field.
//!
//! Nothing here is checked beyond shape; the linter's rule compiler turns these into
//! rules. Unknown keys are rejected so a typo (`scoop:`) never passes silently.

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// A rule-pack file.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    /// Pack name, kebab-case (`core`, `gdpr`, `acme-house-rules`).
    pub pack: String,
    /// One-line description of the pack.
    #[serde(default)]
    pub description: Option<String>,
    /// Named vocabularies, used in patterns as `{{name}}` (see `vocab`).
    #[serde(default)]
    pub vocab: Option<BTreeMap<String, RawVocab>>,
    /// The law its rules check, unless a rule names its own.
    #[serde(default)]
    pub law: Option<String>,
    /// The rules.
    pub rules: Vec<RawRule>,
}

/// A vocabulary: a list of words, or the words with how to inflect them.
#[derive(Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum RawVocab {
    /// Words inflected as verbs and nouns.
    Words(Vec<String>),
    /// Words with an explicit inflection: `all`, `plural` or `none`.
    Spec {
        /// The words.
        words: Vec<String>,
        /// `all` (default), `plural` or `none`.
        #[serde(default)]
        inflect: Option<String>,
    },
}

/// `actor: {who: user, does: [request, delete]}`: someone doing something.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    /// A vocabulary naming who acts (`user` and `company` are built in).
    pub who: String,
    /// Verbs: vocabulary names or words.
    pub does: Vec<String>,
    /// Most words between the actor and the verb (default 4).
    #[serde(default)]
    pub within: Option<usize>,
    /// For `who: user`, whether "your ... be <verb>ed" counts too (default true).
    #[serde(default)]
    pub passive: Option<bool>,
}

/// One rule.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable kebab-case id, unique across all loaded packs.
    pub id: String,
    /// Short human title.
    pub title: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// What a finding says.
    pub message: String,
    /// What the author should write to satisfy the rule.
    #[serde(default)]
    pub help: Option<String>,
    /// What counts and what does not.
    #[serde(default)]
    pub description: Option<String>,
    /// Legal citations.
    #[serde(default)]
    pub references: Vec<RawReference>,
    /// The law it checks, for grouping in reports (else the pack's `law`).
    #[serde(default)]
    pub law: Option<String>,
    /// Unit inside which one match must hold: sentence, paragraph, section, document.
    #[serde(default)]
    pub scope: Option<String>,
    /// The boolean match tree (clause rules).
    #[serde(default, rename = "match")]
    pub matcher: Option<RawNode>,
    /// Regex (or list of regexes, best first) for the heading of the section
    /// where the clause belongs.
    #[serde(default)]
    pub section: Option<RawStrings>,
    /// How many distinct matches are expected.
    #[serde(default)]
    pub occurs: Option<RawOccurs>,
    /// What a duplicated-clause finding says (`{count}` is replaced).
    #[serde(default)]
    pub duplicate_message: Option<String>,
    /// Whether statements in headings count: `exclude` (default) or `include`.
    #[serde(default)]
    pub headings: Option<String>,
    /// Whether regexes are case-sensitive (default: no).
    #[serde(default)]
    pub case_sensitive: bool,
    /// Trigger: the rule applies only if this holds somewhere in the document;
    /// otherwise its status is `not-applicable`.
    #[serde(default)]
    pub when: Option<RawNode>,
    /// Heading regex: matches count only inside sections under a matching heading.
    #[serde(default)]
    pub within_section: Option<String>,
    /// How negated matches count: `ignore` (default), `exclude` or `only`.
    #[serde(default)]
    pub negation: Option<String>,
    /// Whether matches in link text count: `include` (default) or `exclude`.
    #[serde(default)]
    pub link_text: Option<String>,
    /// A number captured from a match that must lie within bounds.
    #[serde(default)]
    pub value: Option<RawValue>,
    /// A built-in detector instead of a match tree (`duplicate-paragraph`, `repeated-words`).
    #[serde(default)]
    pub check: Option<String>,
    /// Options of the built-in detector.
    #[serde(default)]
    pub options: Option<RawCheckOptions>,
    /// Texts the rule must accept and reject.
    #[serde(default)]
    pub examples: Option<RawExamples>,
}

/// One string or a list of strings.
#[derive(Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum RawStrings {
    /// A single string.
    One(String),
    /// A list.
    Many(Vec<String>),
}

impl RawStrings {
    /// The strings, in order.
    pub fn as_slice(&self) -> &[String] {
        match self {
            RawStrings::One(s) => std::slice::from_ref(s),
            RawStrings::Many(v) => v,
        }
    }

    /// The strings, to rewrite in place.
    pub fn as_mut_slice(&mut self) -> &mut [String] {
        match self {
            RawStrings::One(s) => std::slice::from_mut(s),
            RawStrings::Many(v) => v,
        }
    }
}

/// A legal citation.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawReference {
    /// The citation ("16 CFR 312.4(d)").
    pub cite: String,
    /// A link to the text.
    #[serde(default)]
    pub url: Option<String>,
}

/// Expected number of distinct matches.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawOccurs {
    /// Fewer matches than this is a missing clause (default 1).
    #[serde(default)]
    pub min: Option<usize>,
    /// More distinct matches than this is a duplicated clause.
    #[serde(default)]
    pub max: Option<usize>,
}

/// A numeric constraint on a named capture group.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawValue {
    /// Name of the capture group (`(?P<age>\d+)`) holding the number.
    pub capture: String,
    /// Smallest accepted value.
    #[serde(default)]
    pub min: Option<f64>,
    /// Largest accepted value.
    #[serde(default)]
    pub max: Option<f64>,
}

/// Two sub-matches close to each other.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawNear {
    /// Largest number of words between the two matches.
    pub within: usize,
    /// The two sides: each a regex or an `any` list of regexes.
    pub of: Vec<RawNode>,
    /// Whether the first side must come before the second (default: either order).
    #[serde(default)]
    pub ordered: Option<bool>,
}

/// Options for built-in detectors; each detector reads the ones it knows.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheckOptions {
    /// duplicate-paragraph: shortest paragraph, in words, that is compared.
    #[serde(default)]
    pub min_words: Option<usize>,
    /// repeated-words: words that may legitimately repeat ("that that").
    #[serde(default)]
    pub allow: Vec<String>,
    /// near-duplicate-paragraph: lowest word-shingle similarity reported (0 to 1).
    #[serde(default)]
    pub similarity: Option<f64>,
    /// duplicate detectors: largest distance between two copies, in blocks.
    #[serde(default)]
    pub max_distance: Option<usize>,
    /// stale-policy: largest age of the newest stated date, in months.
    #[serde(default)]
    pub max_age_months: Option<u32>,
}

/// Example texts.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    /// Texts in which the clause (or defect) is present.
    #[serde(default)]
    pub present: Vec<String>,
    /// Texts in which it is absent.
    #[serde(default)]
    pub absent: Vec<String>,
}

/// A match-tree node: a regex, or a map of `any` / `all` / `not`.
#[derive(Debug)]
pub enum RawNode {
    /// A regular expression.
    Pattern(String),
    /// A combination.
    Tree(RawTree),
}

/// `any`, `all`, `not`, `near`, `before`, … together: all present keys must hold.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTree {
    /// At least one of these holds.
    #[serde(default)]
    pub any: Option<Vec<RawNode>>,
    /// Every one of these holds.
    #[serde(default)]
    pub all: Option<Vec<RawNode>>,
    /// None of these holds.
    #[serde(default)]
    pub not: Option<Vec<RawNode>>,
    /// Two matches within so many words of each other.
    #[serde(default)]
    pub near: Option<RawNear>,
    /// Two matches in one sentence, the first side's before the second's.
    #[serde(default)]
    pub before: Option<Vec<RawNode>>,
    /// Holds when an enclosing heading of the unit matches this node.
    #[serde(default)]
    pub heading: Option<Box<RawNode>>,
    /// Someone doing something (rewritten into a pattern by `vocab`).
    #[serde(default)]
    pub actor: Option<RawActor>,
    /// Holds where a match of this regex (or `any` list of regexes) lies in
    /// link text ("[contact us](/contact)").
    #[serde(default)]
    pub link: Option<Box<RawNode>>,
}

impl RawTree {
    /// Every child node, in key order: `any`, `all`, `not`, the sides of
    /// `near` and `before`, `heading`, `link` (an `actor` is rewritten into
    /// `all` before anything walks the tree).
    pub fn children(&self) -> impl Iterator<Item = &RawNode> {
        let lists = [&self.any, &self.all, &self.not].into_iter().flatten();
        let near = self.near.iter().map(|n| &n.of);
        lists
            .chain(near)
            .chain(&self.before)
            .flatten()
            .chain(self.heading.as_deref())
            .chain(self.link.as_deref())
    }

    /// [`RawTree::children`], to rewrite them.
    pub fn children_mut(&mut self) -> impl Iterator<Item = &mut RawNode> {
        let lists = [&mut self.any, &mut self.all, &mut self.not]
            .into_iter()
            .flatten();
        let near = self.near.iter_mut().map(|n| &mut n.of);
        lists
            .chain(near)
            .chain(&mut self.before)
            .flatten()
            .chain(self.heading.as_deref_mut())
            .chain(self.link.as_deref_mut())
    }
}

/// Written back the way it reads: a string, or a map.
impl Serialize for RawNode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RawNode::Pattern(p) => serializer.serialize_str(p),
            RawNode::Tree(tree) => tree.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = RawNode;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a regex string or a map with `any`, `all`, `not`, `near`, `heading`, `actor` or `link`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNode, E> {
                Ok(RawNode::Pattern(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawNode, A::Error> {
                RawTree::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawNode::Tree)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<RawNode, A::Error> {
                Err(de::Error::custom(
                    "a list here needs a key: write `any: [...]` or `all: [...]`",
                ))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}
