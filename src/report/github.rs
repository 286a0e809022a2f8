//! GitHub Actions workflow commands, which become inline annotations on the
//! pull request:
//!
//! ```text
//! ::error file=PATH,line=L,endLine=L2,col=C,endColumn=C2,title=RULE::MESSAGE
//! ```
//!
//! Values are escaped exactly as the Actions toolkit does (`command.ts`):
//! in the message `%`, CR and LF; in properties additionally `:` and `,`.
//! Columns are dropped when a span covers several lines, since GitHub then
//! ignores or misplaces them. Errors map to `::error`, warnings to
//! `::warning`, infos to `::notice`; nothing is dropped.

use super::FileError;
use crate::finding::FileReport;
use crate::rules::Severity;
use crate::source::SourceFile;

/// Escapes a command's message, as the toolkit's `escapeData`.
#[must_use]
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, as the toolkit's `escapeProperty`.
#[must_use]
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One file's findings, one workflow command per line.
#[must_use]
pub fn file(source: &SourceFile, report: &FileReport) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let s = source.line_col(f.span.start);
        let e = source.line_col(f.span.end);
        let mut props = format!(
            "file={},line={},endLine={}",
            escape_property(source.path()),
            s.line,
            e.line
        );
        if s.line == e.line {
            props.push_str(&format!(",col={},endColumn={}", s.column, e.column));
        }
        props.push_str(&format!(",title={}", escape_property(&f.rule)));
        let mut message = f.message.clone();
        if !f.label.is_empty() {
            message.push_str(&format!("\n{}", f.label));
        }
        for r in &f.related {
            match &r.file {
                Some(file) => {
                    let line = file.line_col(r.span.start).line;
                    message.push_str(&format!("\n{} ({}:{line})", r.message, file.path()));
                }
                None => {
                    let line = source.line_col(r.span.start).line;
                    message.push_str(&format!("\n{} (line {line})", r.message));
                }
            }
        }
        out.push_str(&format!(
            "::{} {props}::{}\n",
            command(f.severity),
            escape_data(&message)
        ));
    }
    out
}

/// A file that could not be checked, as an error annotation.
#[must_use]
pub fn error(e: &FileError) -> String {
    format!(
        "::error file={},title=clauselint::{}\n",
        escape_property(&e.path),
        escape_data(&e.message)
    )
}

/// GitHub Actions workflow commands.
pub struct Github;

impl super::Reporter for Github {
    fn streams(&self) -> bool {
        true
    }

    fn file(&self, f: &super::FileView<'_>) -> String {
        file(f.source, f.report)
    }

    fn footer(&self, end: &super::RunEnd<'_>) -> String {
        let mut out = end.chunks.concat();
        for e in end.errors {
            out.push_str(&error(e));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_toolkit() {
        assert_eq!(escape_data("100%\r\nok: a,b"), "100%25%0D%0Aok: a,b");
        assert_eq!(escape_property("a:b,c%d\n"), "a%3Ab%2Cc%25d%0A");
        // `%` first, so an escape is never escaped twice.
        assert_eq!(escape_property("%3A"), "%253A");
    }
}
