//! `conflicting-dates`: the policy states two different last-updated dates,
//! or two different effective dates. An effective date that differs from a
//! last-updated date is normal ("Effective: 2007; last updated: 2015") and is
//! not reported.
//!
//! "June 2020" agrees with "June 30, 2020". Dates in link text (links to
//! previous versions) are not statements of this policy's date.
//! Only dates in the policy's header or footer (its first or last
//! [`EDGE_BLOCKS`] blocks) are compared: dates inside the body belong to
//! embedded notices ("California supplement, last updated …"), change logs
//! or laws ("the CCPA, effective January 1, 2020").

use super::date::{statements, DateKind};
use crate::document::Document;
use crate::finding::{Finding, Related};
use crate::rules::Rule;

/// Blocks at each end of the document where the policy's own dates stand.
pub(super) const EDGE_BLOCKS: usize = 6;

pub(super) fn find(doc: &Document, rule: &Rule) -> Vec<Finding> {
    let blocks = doc.blocks();
    let head_end = blocks
        .get(EDGE_BLOCKS)
        .map_or(usize::MAX, |b| b.range.start);
    let tail_start = blocks
        .len()
        .checked_sub(EDGE_BLOCKS)
        .and_then(|i| blocks.get(i))
        .map_or(0, |b| b.range.start);
    let found: Vec<_> = statements(doc)
        .into_iter()
        .filter(|s| s.range.start < head_end || s.range.start >= tail_start)
        .collect();
    let mut out = Vec::new();
    for kind in [DateKind::Updated, DateKind::Effective] {
        let mut of_kind = found.iter().filter(|s| s.kind == kind);
        let Some(first) = of_kind.next() else {
            continue;
        };
        let Some(other) = of_kind.find(|s| !s.agrees_with(first)) else {
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
                file: None,
            }],
        });
    }
    out
}
