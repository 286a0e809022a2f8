//! JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).
//!
//! One `<testsuite>` per file and one `<testcase>` per file × rule: a rule
//! with findings in that file is a failing test case (one `<failure>` per
//! finding), every other rule is a passing one. A file that could not be read
//! becomes a suite with one `<error>`.

use super::escape::Markup;
use super::FileError;
use crate::finding::FileReport;
use crate::rules::RuleSet;
use crate::source::SourceFile;

fn escape(s: &str) -> String {
    super::escape::escape(s, Markup::Xml)
}

/// One file's test suite.
#[must_use]
pub fn file(source: &SourceFile, report: &FileReport, rules: &RuleSet) -> String {
    let path = escape(source.path());
    let failing = rules
        .rules()
        .iter()
        .filter(|r| report.findings.iter().any(|f| f.rule == r.id))
        .count();
    // Findings of rules not in the set (none today) still get a case.
    let mut extra: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.rule.as_str())
        .filter(|id| rules.rule(id).is_none())
        .collect();
    extra.dedup();
    let ids: Vec<&str> = rules
        .rules()
        .iter()
        .map(|r| r.id.as_str())
        .chain(extra.iter().copied())
        .collect();
    let mut out = format!(
        "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
        ids.len(),
        failing + extra.len()
    );
    for id in ids {
        let findings: Vec<_> = report.findings.iter().filter(|f| f.rule == id).collect();
        let name = escape(id);
        if findings.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"{name}\" classname=\"{path}\"/>\n"
            ));
            continue;
        }
        out.push_str(&format!(
            "    <testcase name=\"{name}\" classname=\"{path}\">\n"
        ));
        for f in findings {
            let lc = source.line_col(f.span.start);
            let body = format!(
                "{}:{}:{}: {}[{}] {}\n{}",
                source.path(),
                lc.line,
                lc.column,
                f.severity,
                f.rule,
                f.message,
                f.label
            );
            out.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                f.severity,
                escape(&f.message),
                escape(&body)
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
    out
}

/// The whole document, from per-file suites.
#[must_use]
pub fn run(suites: &[String], errors: &[FileError]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<testsuites name=\"clauselint\">\n");
    for s in suites {
        out.push_str(s);
    }
    for e in errors {
        let path = escape(&e.path);
        out.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase name=\"read\" classname=\"{path}\">\n      <error message=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
            escape(&e.message)
        ));
    }
    out.push_str("</testsuites>\n");
    out
}

/// JUnit XML.
pub struct Junit;

impl super::Reporter for Junit {
    fn streams(&self) -> bool {
        false
    }

    fn file(&self, f: &super::FileView<'_>) -> String {
        file(f.source, f.report, f.rules)
    }

    fn footer(&self, end: &super::RunEnd<'_>) -> String {
        run(end.chunks, end.errors)
    }
}
