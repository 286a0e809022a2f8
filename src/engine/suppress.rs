//! Inline suppressions: drop findings that a document's directives silence,
//! and report directives that silenced nothing (`unused-suppression`).
//!
//! - `clauselint-disable [RULES]` … `clauselint-enable [RULES]`: findings
//!   that start inside the region; an unterminated region runs to the end;
//! - `clauselint-disable-next-line [RULES]`: findings that start on the next
//!   non-blank line after the comment;
//! - `clauselint-disable-file [RULES]`: every finding of those rules.
//!
//! A *missing* clause has no passage of its own (it is anchored on a heading
//! or the title), so only `disable-file` (or the configuration) silences it.

use crate::document::{Directive, DirectiveKind, Document};
use crate::finding::{ClauseStatus, FileReport, Finding};
use crate::rules::builtin::UNUSED_SUPPRESSION;
use crate::rules::{Rule, RuleSet};
use crate::source::Span;

/// One rule (or all rules, `None`) silenced over a range of byte offsets.
struct Scope<'a> {
    directive: usize,
    rule: Option<&'a str>,
    range: std::ops::Range<usize>,
    /// Applies to missing-clause findings too.
    file_wide: bool,
    used: bool,
}

fn names(d: &Directive) -> Vec<Option<&str>> {
    if d.rules.is_empty() {
        vec![None]
    } else {
        d.rules.iter().map(|r| Some(r.as_str())).collect()
    }
}

/// Start of the first non-blank line after the line holding `offset`.
fn next_line(doc: &Document, offset: usize) -> std::ops::Range<usize> {
    let text = doc.source().text();
    let lines = doc.source().lines();
    let mut line = doc.source().line_col(offset).line + 1;
    while let Some(start) = lines.line_start(line) {
        let end = lines.line_start(line + 1).unwrap_or(text.len());
        if !text[start..end].trim().is_empty() {
            return start..end;
        }
        line += 1;
    }
    text.len()..text.len()
}

fn scopes<'a>(doc: &Document, directives: &'a [Directive]) -> Vec<Scope<'a>> {
    let end = doc.source().text().len();
    let mut out: Vec<Scope<'a>> = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        match &d.kind {
            DirectiveKind::Disable => {
                for rule in names(d) {
                    out.push(Scope {
                        directive: i,
                        rule,
                        range: d.span.end..end,
                        file_wide: false,
                        used: false,
                    });
                }
            }
            DirectiveKind::Enable => {
                // Close the open regions this enables (all of them without names).
                for s in out.iter_mut().filter(|s| {
                    matches!(directives[s.directive].kind, DirectiveKind::Disable)
                        && s.range.end == end
                        && s.range.start <= d.span.start
                }) {
                    if d.rules.is_empty() || s.rule.is_some_and(|r| d.rules.iter().any(|x| x == r))
                    {
                        s.range.end = d.span.start;
                    }
                }
            }
            DirectiveKind::DisableNextLine => {
                let range = next_line(doc, d.span.end);
                for rule in names(d) {
                    out.push(Scope {
                        directive: i,
                        rule,
                        range: range.clone(),
                        file_wide: false,
                        used: false,
                    });
                }
            }
            DirectiveKind::DisableFile => {
                for rule in names(d) {
                    out.push(Scope {
                        directive: i,
                        rule,
                        range: 0..end,
                        file_wide: true,
                        used: false,
                    });
                }
            }
            DirectiveKind::Unknown(_) => {}
        }
    }
    out
}

fn unused(rule: &Rule, span: Span, message: String) -> Finding {
    Finding {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        severity: rule.severity,
        message,
        span,
        label: "remove this comment, or fix the rule id".into(),
        related: Vec::new(),
    }
}

/// Whether a directive of `doc` silences `finding` (a finding with a passage
/// of its own, made outside the engine's own run, as diff mode's).
#[must_use]
pub fn silences(doc: &Document, finding: &Finding) -> bool {
    let directives = doc.directives();
    !directives.is_empty()
        && scopes(doc, directives).iter().any(|s| {
            s.rule.is_none_or(|r| r == finding.rule) && s.range.contains(&finding.span.start)
        })
}

/// Applies the document's directives to `report`.
pub(super) fn apply(doc: &Document, rules: &RuleSet, report: &mut FileReport) {
    let directives = doc.directives();
    if directives.is_empty() {
        return;
    }
    let mut scopes = scopes(doc, directives);
    // Reported only while its rule is on (the configuration can turn it off).
    let unused_rule = rules.rule(UNUSED_SUPPRESSION);
    let missing: Vec<String> = report
        .clauses
        .iter()
        .filter(|c| c.status == ClauseStatus::Missing)
        .map(|c| c.rule.clone())
        .collect();
    report.findings.retain(|f| {
        let is_missing = missing.contains(&f.rule);
        let mut keep = true;
        for s in &mut scopes {
            let rule_ok = s.rule.is_none_or(|r| r == f.rule);
            let place_ok = if is_missing {
                s.file_wide
            } else {
                s.range.contains(&f.span.start)
            };
            if rule_ok && place_ok {
                s.used = true;
                keep = false;
            }
        }
        keep
    });
    for (i, d) in directives.iter().enumerate() {
        if let DirectiveKind::Unknown(name) = &d.kind {
            report.findings.extend(unused_rule.map(|rule| unused(
                rule,
                d.span,
                format!(
                    "unknown directive `{name}`; use clauselint-disable, -enable, -disable-next-line or -disable-file"
                ),
            )));
            continue;
        }
        let idle: Vec<String> = scopes
            .iter()
            .filter(|s| s.directive == i && !s.used)
            .map(|s| match s.rule {
                Some(r) if rules.rule(r).is_none() => format!("`{r}` (unknown rule)"),
                Some(r) => format!("`{r}`"),
                None => "all rules".into(),
            })
            .collect();
        if let Some(rule) = unused_rule.filter(|_| !idle.is_empty()) {
            report.findings.push(unused(
                rule,
                d.span,
                format!("this suppression of {} suppressed nothing", idle.join(", ")),
            ));
        }
    }
    report.sort();
}
