//! `conflicting-dates`: the policy states two different last-updated dates,
//! or two different effective dates. An effective date that differs from a
//! last-updated date is normal ("Effective: 2007; last updated: 2015") and is
//! not reported.

use super::date::{statements, DateKind};
use crate::document::Document;
use crate::finding::{Finding, Related};
use crate::rules::Rule;

pub(super) fn find(doc: &Document, rule: &Rule) -> Vec<Finding> {
    let found = statements(doc);
    let mut out = Vec::new();
    for kind in [DateKind::Updated, DateKind::Effective] {
        let mut of_kind = found.iter().filter(|s| s.kind == kind);
        let Some(first) = of_kind.next() else {
            continue;
        };
        let Some(other) = of_kind.find(|s| s.date != first.date) else {
            continue;
        };
        let line = doc
            .source()
            .line_col(doc.span(first.range.clone()).start)
            .line;
        out.push(Finding {
            rule: rule.id.clone(),
            pack: rule.pack.clone(),
            severity: rule.severity,
            message: format!(
                "{} ({} dates {} and {})",
                rule.message,
                kind.as_str(),
                first.date,
                other.date
            ),
            span: doc.span(other.range.clone()),
            label: format!("{} here, but {} at line {line}", other.date, first.date),
            related: vec![Related {
                span: doc.span(first.range.clone()),
                message: format!("{} here", first.date),
            }],
        });
    }
    out
}
