//! JSON Lines: one finding per line, written per file with no enclosing
//! object, so a consumer can process findings as they arrive.
//!
//! ```text
//! {"path": "...", "rule": "...", "pack": "...", "severity": "error|warning|info",
//!  "message": "...", "label": "...", "span": SPAN, "related": [{"span": SPAN, "message": "..."}],
//!  "fingerprint": "32 hex digits"}
//! ```
//!
//! `SPAN` is the same object as in the JSON report, and a line is the report's
//! finding object with `path`, `pack`, `label` and `fingerprint` added
//! ([`super::json`]).

use super::fingerprint;
use super::json::JsonFinding;
use crate::finding::FileReport;
use crate::source::SourceFile;

/// One file's findings, one JSON object per line.
#[must_use]
pub fn file(source: &SourceFile, report: &FileReport) -> String {
    let fps = fingerprint::fingerprints(source, &report.findings);
    let mut out = String::new();
    for (f, fp) in report.findings.iter().zip(fps) {
        let line = JsonFinding::line(source, f, fp);
        out.push_str(&serde_json::to_string(&line).expect("plain structs serialize"));
        out.push('\n');
    }
    out
}

/// JSON Lines.
pub struct Jsonl;

impl super::Reporter for Jsonl {
    fn streams(&self) -> bool {
        true
    }

    fn file(&self, f: &super::FileView<'_>) -> String {
        file(f.source, f.report)
    }

    fn footer(&self, end: &super::RunEnd<'_>) -> String {
        end.chunks.concat()
    }
}
