//! The engine: rules applied to a document. Pure: no I/O, no printing.
//!
//! One Aho-Corasick pass over the folded text finds the blocks where each
//! pattern can match (its required literals occur there); each pattern is
//! searched only in those, once ([`crate::search::Hits`]). Clause rules then evaluate their
//! match trees on just the scope units that hold a hit (`clause`); detectors
//! (`duplicates`, `repeated`, `near_duplicates`, `mojibake`, `placeholder`,
//! `dangling_links`, `stale`, `conflicting_dates`) walk the blocks. On a
//! rayon pool, the patterns and the detectors are shared out over its
//! threads (`split`).
//!
//! The packs are written for English. A document detected to be in another
//! language (see [`crate::document::language`]) gets one info finding,
//! [`UNSUPPORTED_LANGUAGE`], instead of clause verdicts, and only the
//! language-neutral detectors run on it.

mod clause;
mod conflicting_dates;
mod dangling_links;
mod date;
mod duplicates;
mod mojibake;
mod near_duplicates;
mod paragraphs;
mod pasted;
mod placeholder;
#[cfg(test)]
mod random_text;
mod repeated;
mod stale;
pub mod suppress;

use crate::document::kind::{self, Kind};
use crate::document::language::{self, Language};
use crate::document::Document;
use crate::finding::{FileReport, Finding};
use crate::parallel;
use crate::rules::builtin::{NOT_A_PRIVACY_POLICY, UNSUPPORTED_LANGUAGE};
use crate::rules::{Check, RuleKind, RuleSet};
use crate::search::Hits;

pub use date::{Date, DateParseError};
pub use duplicates::across as shared_paragraphs;
pub use pasted::pasted;

/// What a check depends on besides the document and the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    /// The check date: `stale-policy` measures a policy's age up to it.
    pub today: Date,
    /// Which clause rules apply, by the kind of document.
    pub kind: KindChoice,
}

/// How the kind of a document decides which clause rules run on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KindChoice {
    /// Recognise documents that are clearly not privacy policies (see
    /// [`kind::guess`]): they get one [`NOT_A_PRIVACY_POLICY`] note and no
    /// clause verdicts.
    #[default]
    Detect,
    /// The kind is known (configured): its clause rules run, no guessing.
    Given(Kind),
    /// Every clause rule of the rule set runs, no guessing (the packs were
    /// chosen for these files).
    Every,
}

impl Context {
    /// A context with the given check date.
    #[must_use]
    pub fn new(today: Date) -> Context {
        Context {
            today,
            kind: KindChoice::Detect,
        }
    }

    /// The same context with another kind choice.
    #[must_use]
    pub fn with_kind(self, kind: KindChoice) -> Context {
        Context { kind, ..self }
    }

    /// A context dated today (UTC, from the system clock).
    #[must_use]
    pub fn system() -> Context {
        Context::new(Date::today())
    }
}

/// Applies every rule of `rules` to `doc`, dated today by the system clock.
#[must_use]
pub fn check(doc: &Document, rules: &RuleSet) -> FileReport {
    check_with(doc, rules, &Context::system())
}

/// Applies every rule of `rules` to `doc` in the given context.
#[must_use]
pub fn check_with(doc: &Document, rules: &RuleSet, ctx: &Context) -> FileReport {
    let mut report = FileReport::default();
    let language = language::detect(doc.folded());
    let supported = language.is_none_or(|l| l == Language::English);
    let note = rules.rule(UNSUPPORTED_LANGUAGE);
    if let Some((lang, rule)) = language.filter(|_| !supported).zip(note) {
        report.findings.push(Finding {
            rule: rule.id.clone(),
            pack: rule.pack.clone(),
            severity: rule.severity,
            message: format!(
                "this policy appears to be in {} ({}); the rule packs cover English only, so clauses were not checked",
                lang.name(),
                lang.code()
            ),
            span: doc.title_span(),
            label: format!("detected language: {}", lang.name()),
            related: Vec::new(),
        });
    }
    // Disabling the note's rule turns the guess off: every document is then
    // checked as a privacy policy.
    let note = rules.rule(NOT_A_PRIVACY_POLICY);
    let detect = ctx.kind == KindChoice::Detect && supported && note.is_some();
    let stated = match ctx.kind {
        KindChoice::Given(kind) => Some(kind),
        _ => None,
    };
    let any_clause = supported
        && rules
            .rules()
            .iter()
            .any(|r| r.is_clause() && stated.is_none_or(|k| k.checks_clause(&r.id)));
    // Pattern hits, the guess of the document's kind and the detectors are
    // independent: on a pool, they run side by side. (Hits are searched
    // before the guess is known; it rarely finds anything.)
    let (hits, (guess, mut checked)) = parallel::join(
        || {
            if any_clause {
                rules.patterns().hits(doc)
            } else {
                Hits::default()
            }
        },
        || {
            parallel::join(
                || detect.then(|| kind::guess(doc)).flatten(),
                || {
                    parallel::map(rules.rules(), |rule| match &rule.kind {
                        RuleKind::Check(check) if supported || check.language_neutral() => {
                            run_check(doc, rule, check, ctx)
                        }
                        _ => Vec::new(),
                    })
                },
            )
        },
    );
    if let Some((guess, rule)) = guess.as_ref().zip(note) {
        report.findings.push(Finding {
            rule: rule.id.clone(),
            pack: rule.pack.clone(),
            severity: rule.severity,
            message: format!(
                "this document appears to be {}, not a privacy policy; clause rules were not run, only hygiene checks",
                guess.what
            ),
            span: doc.title_span(),
            label: format!("recognised as {}", guess.what),
            related: Vec::new(),
        });
    }
    let kind = stated.or(guess.map(|g| g.kind));
    let clause_applies = |id: &str| supported && kind.is_none_or(|k: Kind| k.checks_clause(id));
    for (rule, found) in rules.rules().iter().zip(&mut checked) {
        match &rule.kind {
            RuleKind::Clause(matcher) => {
                if !clause_applies(&rule.id) {
                    continue;
                }
                let (verdict, finding) = clause::evaluate(doc, rules, rule, matcher, &hits);
                report.clauses.push(verdict);
                report.findings.extend(finding);
            }
            RuleKind::Check(_) => report.findings.append(found),
        }
    }
    report.sort();
    suppress::apply(doc, rules, &mut report);
    report
}

fn run_check(
    doc: &Document,
    rule: &crate::rules::Rule,
    check: &Check,
    ctx: &Context,
) -> Vec<Finding> {
    match check {
        Check::DuplicateParagraph {
            min_words,
            max_distance,
        } => duplicates::find(doc, rule, *min_words, *max_distance),
        Check::RepeatedWords { allow } => repeated::find(doc, rule, allow),
        Check::NearDuplicateParagraph {
            min_words,
            similarity_permille,
            max_distance,
        } => near_duplicates::find(doc, rule, *min_words, *similarity_permille, *max_distance),
        Check::Mojibake => mojibake::find(doc, rule),
        Check::Placeholder => placeholder::find(doc, rule),
        Check::DanglingLinkText => dangling_links::find(doc, rule),
        Check::StalePolicy { max_age_months } => stale::find(doc, rule, ctx, *max_age_months),
        Check::ConflictingDates => conflicting_dates::find(doc, rule),
        // Made where the engine applies suppressions, before the rules run,
        // and by diff mode.
        Check::UnusedSuppression
        | Check::UnsupportedLanguage
        | Check::NotAPrivacyPolicy
        | Check::DocumentReplaced => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
