//! GitLab Code Quality report: a JSON array of issues, shown in merge
//! requests (`artifacts: reports: codequality`).
//!
//! Each issue has `description`, `check_name`, `fingerprint`, `severity`
//! (`info`, `minor`, `major`, `critical`, `blocker`) and
//! `location.path` / `location.lines.begin`. The fingerprint must be unique in
//! the report, so it hashes the path with the edit-stable finding fingerprint.

use serde_json::json;

use super::fingerprint;
use crate::finding::FileReport;
use crate::rules::Severity;
use crate::source::SourceFile;

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// One file's issues, one per line, comma-separated (a fragment of a JSON array).
#[must_use]
pub fn file(source: &SourceFile, report: &FileReport) -> String {
    let fps = fingerprint::fingerprints(source, &report.findings);
    report
        .findings
        .iter()
        .zip(fps)
        .map(|(f, fp)| {
            let begin = source.line_col(f.span.start).line;
            let end = source.line_col(f.span.end).line;
            json!({
                "type": "issue",
                "description": format!("{}: {}", f.rule, f.message),
                "check_name": f.rule,
                "fingerprint": fingerprint::hash(&[source.path(), &fp]),
                "severity": severity(f.severity),
                "categories": ["Style"],
                "location": {"path": source.path(), "lines": {"begin": begin, "end": end}},
            })
            .to_string()
        })
        .collect::<Vec<_>>()
        .join(",\n")
}

/// The whole report, from per-file fragments.
#[must_use]
pub fn run(fragments: &[String]) -> String {
    let items: Vec<&str> = fragments
        .iter()
        .map(String::as_str)
        .filter(|f| !f.is_empty())
        .collect();
    if items.is_empty() {
        return "[]\n".into();
    }
    format!("[\n{}\n]\n", items.join(",\n"))
}

/// GitLab Code Quality JSON.
pub struct Gitlab;

impl super::Reporter for Gitlab {
    fn streams(&self) -> bool {
        false
    }

    fn file(&self, f: &super::FileView<'_>) -> String {
        file(f.source, f.report)
    }

    fn footer(&self, end: &super::RunEnd<'_>) -> String {
        run(end.chunks)
    }
}
