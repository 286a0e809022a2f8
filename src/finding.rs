//! The domain model of results: findings and per-clause verdicts.
//!
//! Nothing here knows about codespan, JSON or SARIF; reporters convert.

use crate::rules::Severity;
use crate::source::{SourceFile, Span};

/// A place related to a finding (the first copy of a duplicate, say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub span: Span,
    /// What it is.
    pub message: String,
    /// The file the span is in, when it is another file than the finding's
    /// (another member of a document set).
    pub file: Option<SourceFile>,
}

/// One problem found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Id of the rule that found it.
    pub rule: String,
    /// Pack of that rule.
    pub pack: String,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// Where: the primary span.
    pub span: Span,
    /// Label under the primary span.
    pub label: String,
    /// Other places involved.
    pub related: Vec<Related>,
}

/// Whether a clause rule is satisfied in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClauseStatus {
    /// Stated (within the expected number of times).
    Present,
    /// Not stated often enough.
    Missing,
    /// Stated more often than allowed.
    Duplicated,
    /// The rule's `when` trigger does not hold in the document.
    NotApplicable,
}

impl ClauseStatus {
    /// Whether the clause is stated at least once.
    #[must_use]
    pub fn is_stated(self) -> bool {
        matches!(self, ClauseStatus::Present | ClauseStatus::Duplicated)
    }

    /// The lowercase name used in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ClauseStatus::Present => "present",
            ClauseStatus::Missing => "missing",
            ClauseStatus::Duplicated => "duplicated",
            ClauseStatus::NotApplicable => "not-applicable",
        }
    }
}

/// The verdict of one clause rule on one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseVerdict {
    /// Rule id.
    pub rule: String,
    /// Its pack.
    pub pack: String,
    /// The verdict.
    pub status: ClauseStatus,
    /// Every passage that states the clause, in document order.
    pub matches: Vec<Span>,
    /// For a missing clause: the passage that came closest, if any.
    pub near_miss: Option<NearMiss>,
}

/// The passage that came closest to stating a missing clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NearMiss {
    /// The sentence.
    pub span: Span,
    /// What it lacks: the parts of the rule that did not hold there.
    pub missing: Vec<String>,
}

/// Everything found in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReport {
    /// One verdict per active clause rule, in rule order.
    pub clauses: Vec<ClauseVerdict>,
    /// Findings, sorted by (start, rule).
    pub findings: Vec<Finding>,
    /// The document sets the file belongs to, judged as a whole (see
    /// [`crate::sets`]); empty for a file in no set.
    pub sets: Vec<SetVerdict>,
}

/// A document set's verdict on its clauses, as seen from one member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetVerdict {
    /// The set's name.
    pub name: String,
    /// Display path of its main file.
    pub main: String,
    /// Display paths of its members, in configuration order.
    pub members: Vec<String>,
    /// One verdict per clause rule any member was checked for.
    pub clauses: Vec<SetClause>,
}

/// A clause's status in a whole document set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetClause {
    /// Rule id.
    pub rule: String,
    /// Its pack.
    pub pack: String,
    /// Present when any member states it; missing when none does.
    pub status: ClauseStatus,
    /// The passages that state it, in whichever member they are.
    pub evidence: Vec<(SourceFile, Span)>,
}

impl FileReport {
    /// Sorts findings into their reporting order: by start, then rule id, then end.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (a.span.start, &a.rule, a.span.end).cmp(&(b.span.start, &b.rule, b.span.end))
        });
    }
}
