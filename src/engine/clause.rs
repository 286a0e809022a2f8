//! Clause rules: evaluate a match tree per scope unit, count distinct
//! statements, and turn the count into a verdict.

use std::collections::HashSet;
use std::ops::Range;

use super::Hits;
use crate::document::Document;
use crate::finding::{ClauseStatus, ClauseVerdict, Finding, Related};
use crate::rules::{ClauseMatcher, Node, Rule, Scope};
use crate::source::Span;

/// A unit where the match tree holds.
struct Match {
    span: Span,
    key: String,
}

pub(super) fn evaluate(
    doc: &Document,
    rule: &Rule,
    m: &ClauseMatcher,
    hits: &Hits,
) -> (ClauseVerdict, Vec<Finding>) {
    let matches = find_matches(doc, m, hits);
    let mut seen = HashSet::new();
    let distinct: Vec<&Match> = matches
        .iter()
        .filter(|x| seen.insert(x.key.as_str()))
        .collect();
    let status = if distinct.len() < m.occurs.min {
        ClauseStatus::Missing
    } else if m.occurs.max.is_some_and(|max| distinct.len() > max) {
        ClauseStatus::Duplicated
    } else {
        ClauseStatus::Present
    };
    let findings = match status {
        ClauseStatus::Present => Vec::new(),
        ClauseStatus::Missing => vec![missing(doc, rule, m, distinct.len())],
        // `occurs: {max: 0}`: text that must not appear; every statement is a finding.
        ClauseStatus::Duplicated if m.occurs.max == Some(0) => distinct
            .iter()
            .map(|x| Finding {
                rule: rule.id.clone(),
                pack: rule.pack.clone(),
                severity: rule.severity,
                message: rule.message.clone(),
                span: x.span,
                label: "this must not appear".into(),
                related: Vec::new(),
            })
            .collect(),
        ClauseStatus::Duplicated => {
            let max = m.occurs.max.unwrap_or(0);
            let extra = distinct[max];
            vec![Finding {
                rule: rule.id.clone(),
                pack: rule.pack.clone(),
                severity: rule.severity,
                message: format!(
                    "{} (stated {} times, at most {max} expected)",
                    rule.message,
                    distinct.len()
                ),
                span: extra.span,
                label: "stated again here".into(),
                related: distinct[..max]
                    .iter()
                    .map(|x| Related {
                        span: x.span,
                        message: "first stated here".into(),
                    })
                    .collect(),
            }]
        }
    };
    let verdict = ClauseVerdict {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        status,
        matches: matches.iter().map(|x| x.span).collect(),
    };
    (verdict, findings)
}

fn missing(doc: &Document, rule: &Rule, m: &ClauseMatcher, found: usize) -> Finding {
    let unit = m.scope.as_str();
    let section = m.section.as_ref().and_then(|re| {
        doc.blocks()
            .iter()
            .find(|b| b.is_heading() && re.is_match(doc.text(b.range.clone())))
    });
    let (span, where_) = match section {
        Some(b) => (b.span, "in this section"),
        None => (doc.title_span(), "in this document"),
    };
    let label = if found == 0 {
        format!("no {unit} {where_} states it")
    } else {
        format!(
            "{found} {unit}(s) {where_} state it, {} expected",
            m.occurs.min
        )
    };
    Finding {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        severity: rule.severity,
        message: rule.message.clone(),
        span,
        label,
        related: Vec::new(),
    }
}

fn find_matches(doc: &Document, m: &ClauseMatcher, hits: &Hits) -> Vec<Match> {
    let mut positive = Vec::new();
    m.tree.positive_patterns(&mut positive);
    let mut units: Vec<usize> = Vec::new();
    for &p in &positive {
        for h in hits.of(p) {
            units.push(unit_of(doc, m.scope, h.start));
        }
    }
    units.sort_unstable();
    units.dedup();
    let mut out = Vec::new();
    for unit in units {
        let range = unit_range(doc, m.scope, unit);
        let mut found = Vec::new();
        if eval(&m.tree, &range, hits, &mut found) {
            found.sort_by_key(|r| r.start);
            let span = match m.scope {
                Scope::Sentence => doc.sentences()[unit].span,
                Scope::Paragraph => doc.blocks()[unit].span,
                Scope::Section | Scope::Document => {
                    let start = found.first().map_or(range.start, |r| r.start);
                    let end = found.iter().map(|r| r.end).max().unwrap_or(range.end);
                    doc.span(start..end)
                }
            };
            let key = found
                .iter()
                .map(|r| normalize(doc.text(r.clone())))
                .collect::<Vec<_>>()
                .join("|");
            out.push(Match { span, key });
        }
    }
    out
}

fn unit_of(doc: &Document, scope: Scope, at: usize) -> usize {
    match scope {
        Scope::Sentence => doc
            .sentences()
            .partition_point(|s| s.range.start <= at)
            .saturating_sub(1),
        Scope::Paragraph => doc
            .blocks()
            .partition_point(|b| b.range.start <= at)
            .saturating_sub(1),
        Scope::Section => {
            let b = doc
                .blocks()
                .partition_point(|b| b.range.start <= at)
                .saturating_sub(1);
            doc.blocks()[b].section
        }
        Scope::Document => 0,
    }
}

fn unit_range(doc: &Document, scope: Scope, unit: usize) -> Range<usize> {
    match scope {
        Scope::Sentence => doc.sentences()[unit].range.clone(),
        Scope::Paragraph => doc.blocks()[unit].range.clone(),
        Scope::Section => {
            let blocks = &doc.sections()[unit].blocks;
            let first = &doc.blocks()[blocks.start];
            let last = &doc.blocks()[blocks.end - 1];
            first.range.start..last.range.end
        }
        Scope::Document => 0..doc.folded().len(),
    }
}

/// Whether `node` holds within `unit`; pushes the hits that make it hold.
fn eval(node: &Node, unit: &Range<usize>, hits: &Hits, found: &mut Vec<Range<usize>>) -> bool {
    match node {
        Node::Pattern(p) => match hits.first_within(*p, unit) {
            Some(h) => {
                found.push(h);
                true
            }
            None => false,
        },
        Node::Any(children) => children.iter().any(|c| eval(c, unit, hits, found)),
        Node::All(children) => {
            let mark = found.len();
            let ok = children.iter().all(|c| eval(c, unit, hits, found));
            if !ok {
                found.truncate(mark);
            }
            ok
        }
        Node::Not(children) => {
            let mut scratch = Vec::new();
            !children.iter().any(|c| eval(c, unit, hits, &mut scratch))
        }
    }
}

/// Lowercase words only, so copies differing in case or punctuation compare equal.
pub(super) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}
