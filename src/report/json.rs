//! The JSON report, a public contract (schema_version 1):
//!
//! ```text
//! {"schema_version": 1,
//!  "files": [{"path": "...",
//!             "clauses": [{"rule": "...", "pack": "...", "status": "present|missing|duplicated",
//!                          "matches": [SPAN, ...],
//!                          "near_miss": {"span": SPAN, "missing": ["..."]}}],   (missing clauses only, when a passage came close)
//!             "findings": [{"rule": "...", "severity": "error|warning|info", "message": "...",
//!                           "span": SPAN, "related": [{"path": "...", "span": SPAN, "message": "..."}]}],
//!             "sets": [{"name": "...", "main": "...", "members": ["...", ...],
//!                       "clauses": [{"rule": "...", "pack": "...", "status": "present|missing|not-applicable",
//!                                    "evidence": [{"path": "...", "span": SPAN}]}]}]}],
//!  "errors": [{"path": "...", "message": "..."}],
//!  "summary": {"files": N, "errors": N, "warnings": N, "infos": N}}
//! SPAN = {"start": byte, "end": byte, "line": n, "column": n, "end_line": n, "end_column": n}
//! ```
//!
//! `related[].path` is there only when the span is in another file (another
//! member of a document set); `sets` only for a file in a document set
//! (`documents:` in `.clauselint.yaml`). Byte offsets index the original file; lines and columns are 1-based,
//! columns count characters, and a leading byte-order mark is not counted.

use serde::Serialize;

use super::{Counts, FileError};
use crate::finding::{FileReport, Finding};
use crate::source::{SourceFile, Span};

/// Version of this JSON shape; bumped on any breaking change.
pub const SCHEMA_VERSION: u32 = 1;

/// A span with its line and column positions.
#[derive(Serialize)]
pub struct JsonSpan {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl JsonSpan {
    /// Resolves `span` in `source`.
    #[must_use]
    pub fn new(source: &SourceFile, span: Span) -> Self {
        let s = source.line_col(span.start);
        let e = source.line_col(span.end);
        let original = source.original_span(span);
        JsonSpan {
            start: original.start,
            end: original.end,
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
        }
    }
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    clauses: Vec<JsonClause<'a>>,
    findings: Vec<JsonFinding<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sets: Vec<JsonSet<'a>>,
}

/// A document set the file belongs to, judged as a whole.
#[derive(Serialize)]
struct JsonSet<'a> {
    name: &'a str,
    main: &'a str,
    members: &'a [String],
    clauses: Vec<JsonSetClause<'a>>,
}

#[derive(Serialize)]
struct JsonSetClause<'a> {
    rule: &'a str,
    pack: &'a str,
    status: &'static str,
    evidence: Vec<JsonEvidence<'a>>,
}

#[derive(Serialize)]
struct JsonEvidence<'a> {
    path: &'a str,
    span: JsonSpan,
}

#[derive(Serialize)]
struct JsonClause<'a> {
    rule: &'a str,
    pack: &'a str,
    status: &'static str,
    matches: Vec<JsonSpan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    near_miss: Option<JsonNearMiss<'a>>,
}

#[derive(Serialize)]
struct JsonNearMiss<'a> {
    span: JsonSpan,
    missing: &'a [String],
}

/// One finding, as the JSON report and JSON Lines write it. A line stands
/// alone, so it also names the file, the pack, the label and the
/// fingerprint; the report's finding leaves them out (its file object holds
/// the path).
#[derive(Serialize)]
pub(super) struct JsonFinding<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    rule: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pack: Option<&'a str>,
    severity: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    span: JsonSpan,
    related: Vec<JsonRelated<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint: Option<String>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    /// The other file, when the span is in another member of a document set.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    span: JsonSpan,
    message: &'a str,
}

impl<'a> JsonFinding<'a> {
    /// The report's form of `f`.
    pub(super) fn new(source: &SourceFile, f: &'a Finding) -> Self {
        JsonFinding {
            path: None,
            rule: &f.rule,
            pack: None,
            severity: f.severity.as_str(),
            message: &f.message,
            label: None,
            span: JsonSpan::new(source, f.span),
            related: f
                .related
                .iter()
                .map(|r| JsonRelated {
                    path: r.file.as_ref().map(SourceFile::path),
                    span: JsonSpan::new(r.file.as_ref().unwrap_or(source), r.span),
                    message: &r.message,
                })
                .collect(),
            fingerprint: None,
        }
    }

    /// The JSON Lines form of `f`, in `source`.
    pub(super) fn line(source: &'a SourceFile, f: &'a Finding, fingerprint: String) -> Self {
        JsonFinding {
            path: Some(source.path()),
            pack: Some(&f.pack),
            label: Some(&f.label),
            fingerprint: Some(fingerprint),
            ..JsonFinding::new(source, f)
        }
    }
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// One file's JSON object.
#[must_use]
pub fn file(source: &SourceFile, report: &FileReport) -> String {
    let f = JsonFile {
        path: source.path(),
        clauses: report
            .clauses
            .iter()
            .map(|c| JsonClause {
                rule: &c.rule,
                pack: &c.pack,
                status: c.status.as_str(),
                matches: c
                    .matches
                    .iter()
                    .map(|s| JsonSpan::new(source, *s))
                    .collect(),
                near_miss: c.near_miss.as_ref().map(|n| JsonNearMiss {
                    span: JsonSpan::new(source, n.span),
                    missing: &n.missing,
                }),
            })
            .collect(),
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding::new(source, f))
            .collect(),
        sets: report
            .sets
            .iter()
            .map(|set| JsonSet {
                name: &set.name,
                main: &set.main,
                members: &set.members,
                clauses: set
                    .clauses
                    .iter()
                    .map(|c| JsonSetClause {
                        rule: &c.rule,
                        pack: &c.pack,
                        status: c.status.as_str(),
                        evidence: c
                            .evidence
                            .iter()
                            .map(|(file, span)| JsonEvidence {
                                path: file.path(),
                                span: JsonSpan::new(file, *span),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string(&f).expect("serializing plain structs cannot fail")
}

/// The whole run's JSON object, from per-file objects.
#[must_use]
pub fn run(files: &[String], errors: &[FileError], checked: usize, counts: Counts) -> String {
    let mut out = head();
    out.push_str(&files.join(","));
    out.push_str(&tail(errors, checked, counts));
    out
}

/// The run's JSON object up to its first file object; file objects follow,
/// separated by commas, then [`tail`].
#[must_use]
pub fn head() -> String {
    format!("{{\"schema_version\":{SCHEMA_VERSION},\"files\":[")
}

/// The run's JSON object after its last file object.
#[must_use]
pub fn tail(errors: &[FileError], checked: usize, counts: Counts) -> String {
    #[derive(Serialize)]
    struct JsonError<'a> {
        path: &'a str,
        message: &'a str,
    }
    let errors: Vec<_> = errors
        .iter()
        .map(|e| JsonError {
            path: &e.path,
            message: &e.message,
        })
        .collect();
    let summary = JsonSummary {
        files: checked,
        errors: counts.errors,
        warnings: counts.warnings,
        infos: counts.infos,
    };
    let mut out = String::from("],\"errors\":");
    out.push_str(&serde_json::to_string(&errors).expect("plain structs"));
    out.push_str(",\"summary\":");
    out.push_str(&serde_json::to_string(&summary).expect("plain structs"));
    out.push_str("}\n");
    out
}

/// The JSON report.
pub struct Json;

impl super::Reporter for Json {
    fn streams(&self) -> bool {
        true
    }

    fn head(&self) -> String {
        head()
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn file(&self, f: &super::FileView<'_>) -> String {
        file(f.source, f.report)
    }

    fn footer(&self, end: &super::RunEnd<'_>) -> String {
        if end.streamed {
            tail(end.errors, end.checked, end.counts)
        } else {
            run(end.chunks, end.errors, end.checked, end.counts)
        }
    }
}
