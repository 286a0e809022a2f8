//! JSON Lines: one finding per line, written per file with no enclosing
//! object, so a consumer can process findings as they arrive.
//!
//! ```text
//! {"path": "...", "rule": "...", "pack": "...", "severity": "error|warning|info",
//!  "message": "...", "label": "...", "span": SPAN, "related": [{"span": SPAN, "message": "..."}],
//!  "fingerprint": "32 hex digits"}
//! ```
//!
//! `SPAN` is the same object as in the JSON report ([`super::json::JsonSpan`]).

use serde::Serialize;

use super::fingerprint;
use super::json::JsonSpan;
use crate::finding::FileReport;
use crate::source::SourceFile;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    rule: &'a str,
    pack: &'a str,
    severity: &'static str,
    message: &'a str,
    label: &'a str,
    span: JsonSpan,
    related: Vec<Related<'a>>,
    fingerprint: String,
}

#[derive(Serialize)]
struct Related<'a> {
    span: JsonSpan,
    message: &'a str,
}

/// One file's findings, one JSON object per line.
#[must_use]
pub fn file(source: &SourceFile, report: &FileReport) -> String {
    let fps = fingerprint::fingerprints(source, &report.findings);
    let mut out = String::new();
    for (f, fp) in report.findings.iter().zip(fps) {
        let line = Line {
            path: source.path(),
            rule: &f.rule,
            pack: &f.pack,
            severity: f.severity.as_str(),
            message: &f.message,
            label: &f.label,
            span: JsonSpan::new(source, f.span),
            related: f
                .related
                .iter()
                .map(|r| Related {
                    span: JsonSpan::new(source, r.span),
                    message: &r.message,
                })
                .collect(),
            fingerprint: fp,
        };
        out.push_str(&serde_json::to_string(&line).expect("plain structs serialize"));
        out.push('\n');
    }
    out
}
