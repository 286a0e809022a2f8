//! The engine: rules applied to a document. Pure: no I/O, no printing.
//!
//! One pass of the rule set's `RegexSet` over the folded text tells which
//! patterns occur at all; only those are searched for their positions, once
//! each. Clause rules then evaluate their match trees on just the scope units
//! that hold a hit ([`clause`]); detectors ([`duplicates`], [`repeated`]) walk
//! the blocks.

mod clause;
mod duplicates;
mod hits;
mod repeated;
pub mod suppress;

use crate::document::Document;
use crate::finding::FileReport;
use crate::rules::{Check, RuleKind, RuleSet};

pub use hits::Hits;

/// Applies every rule of `rules` to `doc`.
#[must_use]
pub fn check(doc: &Document, rules: &RuleSet) -> FileReport {
    let hits = Hits::collect(doc, rules);
    let mut report = FileReport::default();
    for rule in rules.rules() {
        match &rule.kind {
            RuleKind::Clause(matcher) => {
                let (verdict, finding) = clause::evaluate(doc, rule, matcher, &hits);
                report.clauses.push(verdict);
                report.findings.extend(finding);
            }
            RuleKind::Check(Check::DuplicateParagraph { min_words }) => {
                report
                    .findings
                    .extend(duplicates::find(doc, rule, *min_words));
            }
            RuleKind::Check(Check::RepeatedWords { allow }) => {
                report.findings.extend(repeated::find(doc, rule, allow));
            }
        }
    }
    report.sort();
    suppress::apply(doc, rules, &mut report);
    report
}
