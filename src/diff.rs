//! Diff mode: what an edit of a policy changed, rather than everything wrong
//! with it.
//!
//! Given the reports of an old and a new version of one file, [`compare`]
//! keeps only:
//!
//! - clauses stated in the old version and missing in the new one (at the
//!   rule's severity, with the old evidence quoted in the label);
//! - findings of every other kind (duplicates, repeated words, forbidden
//!   text) whose fingerprint the old version did not have, i.e. introduced
//!   by the edit.
//!
//! A clause that was already missing is not reported: the edit did not
//! remove it. Pure: callers fetch the old text (from git, or a second file).

use std::collections::HashSet;

use crate::finding::{ClauseStatus, FileReport};
use crate::report::fingerprint;
use crate::source::SourceFile;

/// Longest evidence quote, in characters.
const QUOTE_LEN: usize = 160;

/// The findings of `new` that the change from `old` introduced; `old_name`
/// names the old version in messages (`HEAD~1`, a file name).
#[must_use]
pub fn compare(
    old: &SourceFile,
    old_report: &FileReport,
    new: &SourceFile,
    new_report: &FileReport,
    old_name: &str,
) -> FileReport {
    let old_fps: HashSet<(String, String)> = old_report
        .findings
        .iter()
        .zip(fingerprint::fingerprints(old, &old_report.findings))
        .map(|(f, fp)| (f.rule.clone(), fp))
        .collect();
    let new_fps = fingerprint::fingerprints(new, &new_report.findings);
    let status = |report: &FileReport, rule: &str| {
        report
            .clauses
            .iter()
            .find(|c| c.rule == rule)
            .map(|c| c.status)
    };
    let mut out = FileReport {
        clauses: new_report.clauses.clone(),
        findings: Vec::new(),
    };
    for (f, fp) in new_report.findings.iter().zip(new_fps) {
        if status(new_report, &f.rule) == Some(ClauseStatus::Missing) {
            let Some(before) = old_report.clauses.iter().find(|c| c.rule == f.rule) else {
                continue;
            };
            if before.status == ClauseStatus::Missing {
                continue;
            }
            let mut removed = f.clone();
            removed.message = format!("{} (stated in {old_name}, removed since)", f.message);
            removed.label = match before.matches.first() {
                Some(span) => format!(
                    "{old_name} said: \"{}\"",
                    quote(old.text().get(span.range()).unwrap_or_default())
                ),
                None => format!("stated in {old_name}"),
            };
            out.findings.push(removed);
        } else if !old_fps.contains(&(f.rule.clone(), fp)) {
            out.findings.push(f.clone());
        }
    }
    out
}

/// `text` on one line, shortened to [`QUOTE_LEN`] characters.
fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= QUOTE_LEN {
        return one_line;
    }
    let mut s: String = one_line.chars().take(QUOTE_LEN - 1).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::{self, builtin};

    #[test]
    fn only_removed_clauses_and_new_findings() {
        let packs = [
            builtin::find("core").unwrap().to_source(),
            builtin::find("hygiene").unwrap().to_source(),
        ];
        let rules = rules::load(&packs).unwrap();
        let old = SourceFile::new(
            "p.md",
            "# P\n\nWe do not knowingly collect data from children under 13.\n\nWe use the the data.\n",
        );
        let new = SourceFile::new("p.md", "# P\n\nWe use the the data. We sell it it.\n");
        let lint = |s: &SourceFile| crate::lint::lint_source(s, Format::Markdown, &rules);
        let d = compare(&old, &lint(&old), &new, &lint(&new), "HEAD~1");
        let got: Vec<(&str, &str)> = d
            .findings
            .iter()
            .map(|f| (f.rule.as_str(), f.label.as_str()))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "children-under-13");
        assert!(got[0]
            .1
            .contains("HEAD~1 said: \"We do not knowingly collect data from children under 13.\""));
        assert_eq!(got[1].0, "repeated-words");
        assert!(d.findings[1].message.contains("it it"));
    }
}
