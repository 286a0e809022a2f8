//! Output for people: rustc-style diagnostics via codespan-reporting, and a
//! one-line-per-finding short form. The only place codespan types are built.

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::Files;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

use std::ops::Range;

use super::excerpt::Excerpt;
use super::Counts;
use crate::finding::{FileReport, Finding};
use crate::rules::{Rule, RuleError, RuleSet, Severity};
use crate::source::{SourceFile, Span};

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn buffer(color: bool) -> Buffer {
    if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

fn emit<'f>(buf: &mut Buffer, files: &'f impl Files<'f, FileId = ()>, d: &Diagnostic<()>) {
    let config = Config::default();
    // Spans come from the engine and always lie inside the file.
    if let Err(e) = term::emit_to_write_style(buf, &config, files, d) {
        use std::io::Write;
        let _ = writeln!(buf, "{}: {}", d.message, e);
    }
}

fn notes(rule: Option<&Rule>) -> Vec<String> {
    let Some(rule) = rule else { return Vec::new() };
    let mut notes = Vec::new();
    if let Some(help) = &rule.help {
        notes.push(format!("help: {}", help.trim()));
    }
    for r in &rule.references {
        match &r.url {
            Some(url) => notes.push(format!("see: {} <{url}>", r.cite)),
            None => notes.push(format!("see: {}", r.cite)),
        }
    }
    notes
}

fn diagnostic(excerpt: &Excerpt<'_>, finding: &Finding, rule: Option<&Rule>) -> Diagnostic<()> {
    let range = |s: Span| excerpt.map(s.start..s.end);
    let mut labels = vec![Label::primary((), range(finding.span)).with_message(&finding.label)];
    labels.extend(
        finding
            .related
            .iter()
            .filter(|r| r.file.is_none())
            .map(|r| Label::secondary((), range(r.span)).with_message(&r.message)),
    );
    // A place in another file (a document set's member) is a note: the
    // excerpt shows one file.
    let elsewhere = finding.related.iter().filter_map(|r| {
        let file = r.file.as_ref()?;
        let at = file.line_col(r.span.start);
        Some(format!(
            "{}: {}:{}:{}",
            r.message,
            file.path(),
            at.line,
            at.column
        ))
    });
    let mut all_notes: Vec<String> = elsewhere.collect();
    all_notes.extend(notes(rule));
    Diagnostic::new(severity(finding.severity))
        .with_code(&finding.rule)
        .with_message(&finding.message)
        .with_labels(labels)
        .with_notes(all_notes)
}

/// Renders one file's findings as rustc-style diagnostics, `width` columns
/// wide: a source line longer than that is shown as a window around the
/// labels on it (see [`Excerpt`]).
#[must_use]
pub fn file(
    source: &SourceFile,
    report: &FileReport,
    rules: &RuleSet,
    color: bool,
    width: usize,
) -> String {
    if report.findings.is_empty() {
        return String::new();
    }
    let mut buf = buffer(color);
    for f in &report.findings {
        let labels: Vec<Range<usize>> = std::iter::once(f.span)
            .chain(
                f.related
                    .iter()
                    .filter(|r| r.file.is_none())
                    .map(|r| r.span),
            )
            .map(|s| s.start..s.end)
            .collect();
        let last_line = labels
            .iter()
            .map(|r| source.line_col(r.end).line)
            .max()
            .unwrap_or(1);
        // The gutter ("123 │ "), and a column for a label over several lines.
        let gutter = last_line.to_string().len() + 5;
        let excerpt = Excerpt::new(source, &labels, width.saturating_sub(gutter));
        let d = diagnostic(&excerpt, f, rules.rule(&f.rule));
        emit(&mut buf, &excerpt, &d);
    }
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

/// Renders one file's findings one per line.
#[must_use]
pub fn short(source: &SourceFile, report: &FileReport) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let lc = source.line_col(f.span.start);
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            source.path(),
            lc.line,
            lc.column,
            f.severity,
            f.rule,
            f.message
        ));
    }
    out
}

/// The closing summary line.
#[must_use]
pub fn summary(files: usize, counts: Counts, errors: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "{} checked: {}, {}, {}",
        plural(files, "file"),
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.infos, "info")
    );
    if errors > 0 {
        s.push_str(&format!("; {} could not be read", plural(errors, "file")));
    }
    s.push('\n');
    s
}

/// Width of the YAML excerpts in rule-pack errors (they go to stderr).
const RULE_ERROR_WIDTH: usize = 100;

/// Renders rule-pack errors as diagnostics on the YAML source.
#[must_use]
pub fn rule_errors(errors: &[RuleError], color: bool) -> String {
    let mut buf = buffer(color);
    for e in errors {
        let related = e
            .related
            .as_ref()
            .filter(|(file, _, _)| file.path() == e.file.path());
        let spans: Vec<Range<usize>> = e
            .span
            .into_iter()
            .chain(related.map(|(_, span, _)| *span))
            .map(|s| s.start..s.end)
            .collect();
        let excerpt = Excerpt::new(&e.file, &spans, RULE_ERROR_WIDTH);
        let mut d = Diagnostic::error().with_message(format!("{}: {}", e.file.path(), e.message));
        if let Some(span) = e.span {
            let range = |s: Span| excerpt.map(s.start..s.end);
            let mut labels = vec![Label::primary((), range(span)).with_message(&e.label)];
            if let Some((_, span, msg)) = related {
                labels.push(Label::secondary((), range(*span)).with_message(msg));
            }
            d = d.with_labels(labels);
        }
        if let Some(help) = &e.help {
            d = d.with_notes(vec![format!("help: {help}")]);
        }
        emit(&mut buf, &excerpt, &d);
    }
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

/// rustc-style diagnostics, then a summary line.
pub struct Human;

impl super::Reporter for Human {
    fn streams(&self) -> bool {
        true
    }

    fn for_people(&self) -> bool {
        true
    }

    fn file(&self, f: &super::FileView<'_>) -> String {
        file(f.source, f.report, f.rules, f.color, f.width)
    }

    fn footer(&self, end: &super::RunEnd<'_>) -> String {
        let mut out = end.chunks.concat();
        out.push_str(&summary(end.checked, end.counts, end.errors.len()));
        out
    }
}

/// One line per finding.
pub struct Short;

impl super::Reporter for Short {
    fn streams(&self) -> bool {
        true
    }

    fn for_people(&self) -> bool {
        true
    }

    fn file(&self, f: &super::FileView<'_>) -> String {
        short(f.source, f.report)
    }

    fn footer(&self, end: &super::RunEnd<'_>) -> String {
        end.chunks.concat()
    }
}
