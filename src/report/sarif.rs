//! SARIF 2.1.0 for code-scanning services (GitHub, Azure DevOps, IDE viewers).
//!
//! - `version` is the SARIF version `"2.1.0"`, never the tool version;
//! - `columnKind` is `"unicodeCodePoints"`, matching clauselint's columns;
//! - `tool.driver.rules` lists every loaded rule with its full help and its
//!   legal citations, and each result points at its rule by `ruleIndex`;
//! - every result has a real location: a missing clause is anchored by the
//!   engine on its section heading or the document title, never on 1:1;
//! - `region` carries both line/column and the exact `byteOffset`/`byteLength`;
//! - `partialFingerprints` hold a hash of rule id and normalized anchored text
//!   (see [`super::fingerprint`]), so alerts survive edits elsewhere.
//!
//! Each file is rendered into a fragment of comma-separated results; [`run`]
//! wraps the fragments into the log.

use serde_json::{json, Map, Value};

use super::fingerprint::{self, SARIF_KEY};
use super::FileError;
use crate::finding::FileReport;
use crate::rules::{Rule, RuleSet, Severity};
use crate::source::{SourceFile, Span};

/// The `$schema` URI written into every log.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: `/` separators, and everything outside
/// the unreserved set percent-encoded.
#[must_use]
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(source: &SourceFile, span: Span) -> Value {
    let s = source.line_col(span.start);
    let e = source.line_col(span.end);
    json!({
        "startLine": s.line,
        "startColumn": s.column,
        "endLine": e.line,
        "endColumn": e.column,
        // Bytes of the file on disk (a transcoded HTML page differs from its text).
        "byteOffset": source.original_span(span).start,
        "byteLength": source.original_span(span).len(),
    })
}

fn physical(source: &SourceFile, span: Span) -> Value {
    json!({
        "artifactLocation": {"uri": uri(source.path()), "uriBaseId": "%SRCROOT%"},
        "region": region(source, span),
    })
}

/// One file's results, comma-separated (a fragment of a JSON array).
#[must_use]
pub fn file(source: &SourceFile, report: &FileReport, rules: &RuleSet) -> String {
    let fps = fingerprint::fingerprints(source, &report.findings);
    let mut parts = Vec::with_capacity(report.findings.len());
    for (f, fp) in report.findings.iter().zip(fps) {
        let mut result = Map::new();
        result.insert("ruleId".into(), json!(f.rule));
        let index = rules.rules().iter().position(|r| r.id == f.rule);
        if let Some(i) = index {
            result.insert("ruleIndex".into(), json!(i));
        }
        result.insert("level".into(), json!(level(f.severity)));
        let text = if f.label.is_empty() {
            f.message.clone()
        } else {
            format!("{} ({})", f.message, f.label)
        };
        result.insert("message".into(), json!({ "text": text }));
        result.insert(
            "locations".into(),
            json!([{ "physicalLocation": physical(source, f.span) }]),
        );
        if !f.related.is_empty() {
            let related: Vec<Value> = f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    json!({
                        "id": i + 1,
                        "physicalLocation": physical(r.file.as_ref().unwrap_or(source), r.span),
                        "message": {"text": r.message},
                    })
                })
                .collect();
            result.insert("relatedLocations".into(), Value::Array(related));
        }
        result.insert("partialFingerprints".into(), json!({ SARIF_KEY: fp }));
        parts.push(Value::Object(result).to_string());
    }
    parts.join(",")
}

fn help_text(rule: &Rule) -> (String, String) {
    let mut text = String::new();
    let mut markdown = String::new();
    if let Some(d) = &rule.description {
        text.push_str(d.trim());
        text.push_str("\n\n");
        markdown.push_str(d.trim());
        markdown.push_str("\n\n");
    }
    if let Some(h) = &rule.help {
        text.push_str(&format!("Fix: {}\n\n", h.trim()));
        markdown.push_str(&format!("**Fix:** {}\n\n", h.trim()));
    }
    if !rule.references.is_empty() {
        text.push_str("References:\n");
        markdown.push_str("**References:**\n\n");
        for r in &rule.references {
            match &r.url {
                Some(url) => {
                    text.push_str(&format!("- {} <{url}>\n", r.cite));
                    markdown.push_str(&format!("- [{}]({url})\n", r.cite));
                }
                None => {
                    text.push_str(&format!("- {}\n", r.cite));
                    markdown.push_str(&format!("- {}\n", r.cite));
                }
            }
        }
    }
    if text.is_empty() {
        text.clone_from(&rule.message);
        markdown.clone_from(&rule.message);
    }
    (text.trim_end().to_owned(), markdown.trim_end().to_owned())
}

fn descriptor(rule: &Rule) -> Value {
    let (text, markdown) = help_text(rule);
    let mut d = Map::new();
    d.insert("id".into(), json!(rule.id));
    d.insert("name".into(), json!(rule.id));
    d.insert("shortDescription".into(), json!({ "text": rule.title }));
    d.insert(
        "fullDescription".into(),
        json!({ "text": rule.description.as_deref().map_or(rule.message.as_str(), str::trim) }),
    );
    d.insert("help".into(), json!({ "text": text, "markdown": markdown }));
    if let Some(url) = rule.references.iter().find_map(|r| r.url.as_deref()) {
        d.insert("helpUri".into(), json!(url));
    }
    d.insert(
        "defaultConfiguration".into(),
        json!({ "level": level(rule.severity) }),
    );
    let citations: Vec<Value> = rule
        .references
        .iter()
        .map(|r| match &r.url {
            Some(url) => json!({"cite": r.cite, "url": url}),
            None => json!({"cite": r.cite}),
        })
        .collect();
    d.insert(
        "properties".into(),
        json!({
            "pack": rule.pack,
            "kind": if rule.is_clause() { "clause" } else { "check" },
            "tags": ["privacy-policy", rule.pack],
            "citations": citations,
        }),
    );
    Value::Object(d)
}

/// The whole SARIF log, from per-file fragments.
#[must_use]
pub fn run(fragments: &[String], errors: &[FileError], rules: &RuleSet) -> String {
    let rules_json: Vec<Value> = rules.rules().iter().map(descriptor).collect();
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": format!("{}: {}", e.path, e.message)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path), "uriBaseId": "%SRCROOT%"}}}],
            })
        })
        .collect();
    // Results were serialized per file (in parallel); parse them back once.
    let joined = fragments
        .iter()
        .filter(|f| !f.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(",");
    let results: Value =
        serde_json::from_str(&format!("[{joined}]")).unwrap_or_else(|_| Value::Array(Vec::new()));
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "clauselint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules_json,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).expect("json values serialize");
    out.push('\n');
    out
}

/// SARIF 2.1.0.
pub struct Sarif;

impl super::Reporter for Sarif {
    fn streams(&self) -> bool {
        false
    }

    fn file(&self, f: &super::FileView<'_>) -> String {
        file(f.source, f.report, f.rules)
    }

    fn footer(&self, end: &super::RunEnd<'_>) -> String {
        run(end.chunks, end.errors, end.rules)
    }
}
