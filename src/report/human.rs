//! Output for people: rustc-style diagnostics via codespan-reporting, and a
//! one-line-per-finding short form. The only place codespan types are built.

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

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

/// codespan counts a leading BOM as a character; hand it the text without one.
struct View<'a> {
    file: SimpleFile<&'a str, &'a str>,
    bom: usize,
}

impl<'a> View<'a> {
    fn new(source: &'a SourceFile) -> Self {
        let bom = source.bom_len();
        View {
            file: SimpleFile::new(source.path(), &source.text()[bom..]),
            bom,
        }
    }

    fn range(&self, span: Span) -> std::ops::Range<usize> {
        span.start.saturating_sub(self.bom)..span.end.saturating_sub(self.bom)
    }
}

fn buffer(color: bool) -> Buffer {
    if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

fn emit(buf: &mut Buffer, files: &SimpleFile<&str, &str>, d: &Diagnostic<()>) {
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

fn diagnostic(view: &View<'_>, finding: &Finding, rule: Option<&Rule>) -> Diagnostic<()> {
    let mut labels =
        vec![Label::primary((), view.range(finding.span)).with_message(&finding.label)];
    labels.extend(
        finding
            .related
            .iter()
            .map(|r| Label::secondary((), view.range(r.span)).with_message(&r.message)),
    );
    Diagnostic::new(severity(finding.severity))
        .with_code(&finding.rule)
        .with_message(&finding.message)
        .with_labels(labels)
        .with_notes(notes(rule))
}

/// Renders one file's findings as rustc-style diagnostics.
#[must_use]
pub fn file(source: &SourceFile, report: &FileReport, rules: &RuleSet, color: bool) -> String {
    if report.findings.is_empty() {
        return String::new();
    }
    let view = View::new(source);
    let mut buf = buffer(color);
    for f in &report.findings {
        let mut d = diagnostic(&view, f, rules.rule(&f.rule));
        if touches_long_line(source, f) {
            // codespan prints every source line a label touches, whole: one
            // finding on a 5 MB single-line file printed 5 MB, and thousands
            // of findings there printed gigabytes. Say where instead.
            let lc = source.line_col(f.span.start);
            d.labels.clear();
            d.notes.insert(
                0,
                format!(
                    "at {}:{}:{} (line longer than {MAX_SHOWN_LINE} bytes, not shown)",
                    source.path(),
                    lc.line,
                    lc.column
                ),
            );
        }
        emit(&mut buf, &view.file, &d);
    }
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

/// Longest source line shown in a diagnostic excerpt.
const MAX_SHOWN_LINE: usize = 10_000;

/// Whether a line that the finding's labels touch is too long to print.
fn touches_long_line(source: &SourceFile, f: &Finding) -> bool {
    let lines = source.lines();
    let line_len = |offset: usize| {
        let line = source.line_col(offset).line;
        let start = lines.line_start(line).unwrap_or(0);
        let end = lines.line_start(line + 1).unwrap_or(source.text().len());
        end - start
    };
    std::iter::once(f.span)
        .chain(f.related.iter().map(|r| r.span))
        .any(|s| line_len(s.start) > MAX_SHOWN_LINE || line_len(s.end) > MAX_SHOWN_LINE)
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

/// Renders rule-pack errors as diagnostics on the YAML source.
#[must_use]
pub fn rule_errors(errors: &[RuleError], color: bool) -> String {
    let mut buf = buffer(color);
    for e in errors {
        let view = View::new(&e.file);
        let mut d = Diagnostic::error().with_message(format!("{}: {}", e.file.path(), e.message));
        if let Some(span) = e.span {
            let mut labels = vec![Label::primary((), view.range(span)).with_message(&e.label)];
            if let Some((file, span, msg)) = &e.related {
                if file.path() == e.file.path() {
                    labels.push(Label::secondary((), view.range(*span)).with_message(msg));
                }
            }
            d = d.with_labels(labels);
        }
        if let Some(help) = &e.help {
            d = d.with_notes(vec![format!("help: {help}")]);
        }
        emit(&mut buf, &view.file, &d);
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
        file(f.source, f.report, f.rules, f.color)
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
