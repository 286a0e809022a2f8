//! Rules: the compiled, immutable form of YAML rule packs.
//!
//! Loading is two-phase: `yaml` parses a file into the `raw` serde structs,
//! then `compile` checks every field and compiles every regex, collecting all
//! problems at once. Built-in packs ([`builtin`]) go through the same path.

pub mod builtin;
mod compile;
mod error;
mod yaml;

pub use compile::{load, PackSource};
pub use error::RuleError;
pub(crate) use yaml::{locate_key, locate_string, parse_config, YamlError};

use std::fmt;
use std::str::FromStr;

use clauselint_pack_syntax::{raw, vocab};

use crate::search::{Pattern, PatternSet};
use crate::source::{SourceFile, Span};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Should be fixed.
    Warning,
    /// Must be fixed.
    Error,
}

impl Severity {
    /// The lowercase name used in YAML and JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(()),
        }
    }
}

/// The unit inside which one match of a clause rule must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One sentence.
    Sentence,
    /// One paragraph, list item or table cell.
    Paragraph,
    /// One section: a heading and the blocks up to the next heading.
    Section,
    /// The whole document.
    Document,
}

impl Scope {
    /// The lowercase name used in YAML.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Section => "section",
            Scope::Document => "document",
        }
    }
}

/// A legal citation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The citation text.
    pub cite: String,
    /// A link to the text of the law.
    pub url: Option<String>,
}

/// Example texts a rule must get right.
#[derive(Clone, Debug, Default)]
pub struct Examples {
    /// Texts in which the clause (or, for a detector, the defect) is present.
    pub present: Vec<String>,
    /// Texts in which it is absent.
    pub absent: Vec<String>,
}

/// A node of a compiled match tree.
#[derive(Clone, Debug)]
pub enum Node {
    /// Holds where pattern number `n` of the rule set matches.
    Pattern(usize),
    /// Holds when any child holds.
    Any(Vec<Node>),
    /// Holds when every child holds.
    All(Vec<Node>),
    /// Holds when no child holds.
    Not(Vec<Node>),
    /// Holds when an enclosing heading of the unit (its section's heading or
    /// a heading above it) satisfies the child, matched in the heading's text.
    Heading(Box<Node>),
    /// Holds when a match of one of these patterns lies in link text.
    Link(Vec<usize>),
    /// Holds when a match of each side lies within `within` words of the other.
    Near {
        /// Largest number of words between the two matches.
        within: usize,
        /// Pattern numbers of each side.
        sides: [Vec<usize>; 2],
        /// Whether the first side must come before the second.
        ordered: bool,
    },
    /// Holds when, in one sentence, a match of the first side ends before a
    /// match of the second starts.
    Before {
        /// Pattern numbers of each side.
        sides: [Vec<usize>; 2],
    },
}

impl Node {
    /// Pattern numbers whose matches can make this node hold (not those under `not`).
    pub fn positive_patterns(&self, out: &mut Vec<usize>) {
        match self {
            Node::Pattern(p) => out.push(*p),
            Node::Any(children) | Node::All(children) => {
                for c in children {
                    c.positive_patterns(out);
                }
            }
            Node::Near { sides, .. } | Node::Before { sides } => {
                out.extend(sides.iter().flatten());
            }
            Node::Link(patterns) => out.extend(patterns),
            Node::Not(_) | Node::Heading(_) => {}
        }
    }

    /// Every pattern number of the tree, under `not` too (not those of
    /// `heading` nodes, which match in headings only).
    pub fn all_patterns(&self, out: &mut Vec<usize>) {
        match self {
            Node::Pattern(p) => out.push(*p),
            Node::Any(children) | Node::All(children) | Node::Not(children) => {
                for c in children {
                    c.all_patterns(out);
                }
            }
            Node::Near { sides, .. } | Node::Before { sides } => {
                out.extend(sides.iter().flatten());
            }
            Node::Link(patterns) => out.extend(patterns),
            Node::Heading(_) => {}
        }
    }

    /// Pattern numbers matched in headings by `heading` nodes.
    pub fn heading_patterns(&self, out: &mut Vec<usize>) {
        match self {
            Node::Heading(child) => {
                child.positive_patterns(out);
                child.heading_patterns(out);
            }
            Node::Any(children) | Node::All(children) | Node::Not(children) => {
                for c in children {
                    c.heading_patterns(out);
                }
            }
            Node::Pattern(_) | Node::Near { .. } | Node::Before { .. } | Node::Link(_) => {}
        }
    }
}

/// How matches in a negated context ("we do **not** sell") count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Negation {
    /// Negation makes no difference.
    #[default]
    Ignore,
    /// A match shortly after a negation cue does not count.
    Exclude,
    /// Only matches shortly after a negation cue count.
    Only,
}

/// Whether matches in link text count ("[May 1, 2020](/privacy-2020)" in a
/// list of earlier versions is not the policy's own date).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LinkText {
    /// Link text counts like any other text.
    #[default]
    Include,
    /// A match that overlaps link text does not count.
    Exclude,
}

/// A bound on a number captured by a named group.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueCheck {
    /// Capture group name.
    pub capture: String,
    /// Smallest accepted value.
    pub min: Option<f64>,
    /// Largest accepted value.
    pub max: Option<f64>,
}

impl ValueCheck {
    /// Whether `value` is within bounds.
    #[must_use]
    pub fn accepts(&self, value: f64) -> bool {
        self.min.is_none_or(|m| value >= m) && self.max.is_none_or(|m| value <= m)
    }
}

/// How many distinct matches a clause expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurs {
    /// Fewer is a missing clause.
    pub min: usize,
    /// More is a duplicated clause.
    pub max: Option<usize>,
}

/// A clause rule: a match tree evaluated per scope unit.
#[derive(Clone, Debug)]
pub struct ClauseMatcher {
    /// The unit one match must fit in.
    pub scope: Scope,
    /// The match tree.
    pub tree: Node,
    /// Whether statements in headings count.
    pub headings: bool,
    /// What a duplicated-clause finding says, if not the default.
    pub duplicate_message: Option<String>,
    /// Headings of the section where the clause belongs, best first.
    pub section: Vec<Pattern>,
    /// Expected number of distinct matches.
    pub occurs: Occurs,
    /// Trigger that must hold in the document for the rule to apply.
    pub when: Option<Node>,
    /// Heading a match's section (or an enclosing one) must match.
    pub within_section: Option<Pattern>,
    /// How negated matches count.
    pub negation: Negation,
    /// Whether matches in link text count.
    pub link_text: LinkText,
    /// Bound on a captured number.
    pub value: Option<ValueCheck>,
}

/// A built-in detector for document defects that are not clauses.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Check {
    /// The same paragraph twice, after folding case, whitespace and punctuation.
    DuplicateParagraph {
        /// Shortest paragraph compared, in words.
        min_words: usize,
        /// Largest distance between the copies, in blocks.
        max_distance: usize,
    },
    /// A word or short phrase written twice in a row ("the the").
    RepeatedWords {
        /// Lowercase words allowed to repeat.
        allow: Vec<String>,
    },
    /// A paragraph repeated with small edits: word-shingle Jaccard similarity
    /// at or above a threshold (exact copies are left to `DuplicateParagraph`).
    NearDuplicateParagraph {
        /// Shortest paragraph compared, in words.
        min_words: usize,
        /// Lowest similarity reported, in thousandths (800 = 0.8).
        similarity_permille: u32,
        /// Largest distance between the copies, in blocks.
        max_distance: usize,
    },
    /// Text garbled by a wrong character decoding ("Â´", "â€™", "Ã©", U+FFFD).
    Mojibake,
    /// Template text never filled in ("[Company Name]", "lorem ipsum", "TBD").
    Placeholder,
    /// "Click here" or "Find it here." with no link on the text.
    DanglingLinkText,
    /// The newest last-updated or effective date is older than the limit.
    StalePolicy {
        /// Largest age, in months, before the check date.
        max_age_months: u32,
    },
    /// Two different last-updated (or two different effective) dates.
    ConflictingDates,
    /// A suppression comment that suppressed nothing; reported while the
    /// engine applies suppressions.
    UnusedSuppression,
    /// A policy in a language the packs do not cover; reported by the engine
    /// before any rule runs.
    UnsupportedLanguage,
    /// A document that is clearly not a privacy policy (terms, a list of
    /// subprocessors); reported by the engine before any rule runs.
    NotAPrivacyPolicy,
    /// A new version that replaces the document; reported by diff mode.
    DocumentReplaced,
}

impl Check {
    /// The name used after `check:` in YAML.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Check::DuplicateParagraph { .. } => "duplicate-paragraph",
            Check::RepeatedWords { .. } => "repeated-words",
            Check::NearDuplicateParagraph { .. } => "near-duplicate-paragraph",
            Check::Mojibake => "mojibake",
            Check::Placeholder => "placeholder",
            Check::DanglingLinkText => "dangling-link-text",
            Check::StalePolicy { .. } => "stale-policy",
            Check::ConflictingDates => "conflicting-dates",
            Check::UnusedSuppression => "unused-suppression",
            Check::UnsupportedLanguage => "unsupported-language",
            Check::NotAPrivacyPolicy => "not-a-privacy-policy",
            Check::DocumentReplaced => "document-replaced",
        }
    }

    /// Whether the detector works on any language; the others look for
    /// English words and are not run on documents in other languages.
    #[must_use]
    pub fn language_neutral(&self) -> bool {
        matches!(
            self,
            Check::DuplicateParagraph { .. }
                | Check::NearDuplicateParagraph { .. }
                | Check::Mojibake
                | Check::UnusedSuppression
                | Check::UnsupportedLanguage
                | Check::DocumentReplaced
        )
    }
}

/// What a rule does.
#[derive(Clone, Debug)]
pub enum RuleKind {
    /// A clause that must be present (and maybe not more than so often).
    Clause(Box<ClauseMatcher>),
    /// A defect detector.
    Check(Check),
}

/// One compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Stable kebab-case id.
    pub id: String,
    /// Name of the pack it came from.
    pub pack: String,
    /// Short title.
    pub title: String,
    /// Severity of its findings.
    pub severity: Severity,
    /// What a finding says.
    pub message: String,
    /// What to write to satisfy it.
    pub help: Option<String>,
    /// What counts and what does not.
    pub description: Option<String>,
    /// Legal citations.
    pub references: Vec<Reference>,
    /// The law (or part of one) it checks, for grouping in reports: the
    /// rule's `law`, else its pack's.
    pub law: Option<String>,
    /// What it does.
    pub kind: RuleKind,
    /// Examples it must get right.
    pub examples: Examples,
    /// Where it is defined.
    pub origin: Origin,
}

impl Rule {
    /// Whether the rule is a clause rule (listed under `clauses` in reports).
    #[must_use]
    pub fn is_clause(&self) -> bool {
        matches!(self.kind, RuleKind::Clause(_))
    }
}

/// Where a rule is defined: the pack file and the span of its id.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The pack file.
    pub file: SourceFile,
    /// The span of the rule's id in it.
    pub span: Option<Span>,
}

/// A loaded pack.
#[derive(Clone, Debug)]
pub struct Pack {
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Whether it is built in.
    pub builtin: bool,
}

/// Every loaded rule, with all regexes compiled once.
#[derive(Clone, Debug)]
pub struct RuleSet {
    packs: Vec<Pack>,
    rules: Vec<Rule>,
    patterns: PatternSet,
    /// Each pattern as its pack wrote it, vocabulary references unexpanded.
    written: Vec<String>,
}

impl RuleSet {
    /// The packs, in load order.
    #[must_use]
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// The rules, in load order.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A rule by id.
    #[must_use]
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Every distinct regex used by any rule, indexed by [`Node::Pattern`].
    #[must_use]
    pub fn patterns(&self) -> &PatternSet {
        &self.patterns
    }

    /// Pattern `p` as its pack wrote it (`{{breach}}` rather than its expansion).
    #[must_use]
    pub fn written(&self, p: usize) -> &str {
        &self.written[p]
    }

    /// A copy without the rules in `disable`, and with the severities in
    /// `severity` (rule id → severity) instead of the packs' own.
    #[must_use]
    pub fn configured(&self, disable: &[&str], severity: &[(&str, Severity)]) -> RuleSet {
        let mut rules: Vec<Rule> = self
            .rules
            .iter()
            .filter(|r| !disable.contains(&r.id.as_str()))
            .cloned()
            .collect();
        for r in &mut rules {
            if let Some((_, s)) = severity.iter().find(|(id, _)| *id == r.id) {
                r.severity = *s;
            }
        }
        RuleSet {
            packs: self.packs.clone(),
            rules,
            patterns: self.patterns.clone(),
            written: self.written.clone(),
        }
    }

    /// A rule set holding only the rule with this id (for testing examples).
    #[must_use]
    pub fn only(&self, id: &str) -> RuleSet {
        RuleSet {
            packs: self.packs.clone(),
            rules: self.rules.iter().filter(|r| r.id == id).cloned().collect(),
            patterns: self.patterns.clone(),
            written: self.written.clone(),
        }
    }
}
