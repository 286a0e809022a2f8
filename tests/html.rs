//! HTML input: exact spans, encodings, verdicts equal to Markdown, the corpus,
//! the `report --html` page and (when Chromium is installed) a real browser.

use std::path::{Path, PathBuf};

use clauselint::document::{html, BlockKind, Document, Format};
use clauselint::finding::{ClauseStatus, FileReport};
use clauselint::lint::{lint_file, lint_source, Outcome};
use clauselint::rules::{self, builtin, RuleSet};
use clauselint::source::{decode_html, SourceFile};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/html")
        .join(name)
}

fn default_rules() -> RuleSet {
    let packs: Vec<_> = builtin::default_names()
        .into_iter()
        .map(|n| builtin::find(n).expect("default pack").to_source())
        .collect();
    rules::load(&packs).expect("built-in packs load")
}

/// The default packs plus a test pack with an `occurs: {max: 1}` clause.
fn rules_with_max() -> RuleSet {
    let mut packs: Vec<_> = builtin::default_names()
        .into_iter()
        .map(|n| builtin::find(n).expect("default pack").to_source())
        .collect();
    let path = fixture("once.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    packs.push(rules::PackSource {
        file: SourceFile::new(path.display().to_string(), text),
        builtin: false,
    });
    rules::load(&packs).expect("packs load")
}

fn html_source(name: &str) -> (Vec<u8>, SourceFile) {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let decoded = decode_html(bytes.clone()).unwrap();
    (bytes, SourceFile::from_decoded(name, decoded))
}

fn status(report: &FileReport, rule: &str) -> ClauseStatus {
    report
        .clauses
        .iter()
        .find(|c| c.rule == rule)
        .unwrap_or_else(|| panic!("no verdict for {rule}"))
        .status
}

#[test]
fn nested_inline_tags_entities_and_skipped_elements() {
    let (_, source) = html_source("nested-inline.html");
    let text = source.text();
    let doc = Document::parse(source.clone(), Format::Html);
    let blocks: Vec<(BlockKind, &str)> = doc
        .blocks()
        .iter()
        .map(|b| (b.kind, doc.text(b.range.clone())))
        .collect();
    assert_eq!(
        blocks,
        [
            (BlockKind::Paragraph, "Home · Terms"),
            (BlockKind::Heading(1), "Acme Privacy Policy"),
            (
                BlockKind::Paragraph,
                "Acme's services are not directed to children. We do not knowingly collect personal information from children under 13."
            ),
            (BlockKind::Heading(2), "Cookies & tracking"),
            (
                BlockKind::ListItem,
                "Third-party advertising partners may place cookies on your device."
            ),
            (
                BlockKind::ListItem,
                "You can opt-out of marketing emails at any time."
            ),
            (BlockKind::TableCell, "Data"),
            (BlockKind::TableCell, "Email address"),
            (BlockKind::Heading(2), "Security"),
            (BlockKind::Paragraph, "We protect data."),
            (BlockKind::Paragraph, "It is encrypted at rest."),
        ]
    );
    // Sections follow headings.
    assert_eq!(doc.sections().len(), 4);
    // Spans start and end on text, never inside a tag; entities map whole.
    let sentence = &doc.sentences()[3];
    assert_eq!(
        &text[sentence.span],
        "We do not <b>knowingly</b> collect personal information from children <em>under&nbsp;<strong>13</strong></em>."
    );
    assert_eq!(
        &text[doc.blocks()[1].span],
        "Acme&nbsp;Privacy <span class=\"x\">Policy"
    );
    let apostrophe = doc.folded().find('\'').unwrap();
    assert_eq!(&text[doc.span(apostrophe..apostrophe + 1)], "&#8217;");
    let dash = doc.folded().find("opt-out").unwrap() + 3;
    assert_eq!(&text[doc.span(dash..dash + 1)], "&#x2d;");

    let report = lint_source(&source, Format::Html, &default_rules());
    assert_eq!(status(&report, "children-under-13"), ClauseStatus::Present);
    assert_eq!(
        status(&report, "third-party-cookies"),
        ClauseStatus::Present
    );
    assert_eq!(status(&report, "opt-out"), ClauseStatus::Present);
    // Only <template>/<noscript> mention a breach: skipped, so missing.
    assert_eq!(
        status(&report, "breach-notification"),
        ClauseStatus::Missing
    );
    let kids = report
        .clauses
        .iter()
        .find(|c| c.rule == "children-under-13")
        .unwrap();
    assert_eq!(kids.matches.len(), 1);
    assert_eq!(&text[kids.matches[0]], &text[sentence.span]);
    // The missing clause is anchored on the title heading.
    let breach = report
        .findings
        .iter()
        .find(|f| f.rule == "breach-notification")
        .unwrap();
    assert_eq!(breach.span, doc.blocks()[1].span);
}

#[test]
fn comments_are_reachable() {
    let (_, source) = html_source("nested-inline.html");
    let comments = html::comments(source.text());
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].text, " clauselint-disable repeated-words ");
    assert_eq!(
        &source.text()[comments[0].span],
        "<!-- clauselint-disable repeated-words -->"
    );
}

#[test]
fn crlf_spans_are_exact() {
    let (bytes, source) = html_source("crlf.html");
    assert!(!source.is_transcoded());
    let report = lint_source(&source, Format::Html, &default_rules());
    let breach = report
        .clauses
        .iter()
        .find(|c| c.rule == "breach-notification")
        .unwrap();
    assert_eq!(breach.status, ClauseStatus::Present);
    let span = source.original_span(breach.matches[0]);
    assert_eq!(
        &bytes[span.range()],
        b"If a security breach affects your personal\r\ninformation, we will notify you\r\nwithout undue delay."
    );
    let lc = source.line_col(breach.matches[0].start);
    assert_eq!((lc.line, lc.column), (4, 4));
    assert_eq!(status(&report, "opt-out"), ClauseStatus::Present);
}

#[test]
fn windows_1252_offsets_point_at_original_bytes() {
    let (bytes, source) = html_source("windows-1252.html");
    assert!(source.is_transcoded());
    assert!(source.text().contains("Our café’s site"));
    let report = lint_source(&source, Format::Html, &default_rules());
    let kids = report
        .clauses
        .iter()
        .find(|c| c.rule == "children-under-13")
        .unwrap();
    assert_eq!(kids.status, ClauseStatus::Present);
    let span = source.original_span(kids.matches[0]);
    let expected: &[u8] =
        b"Our caf\xe9\x92s site is not directed to children under 13 \x97 we don\x92t knowingly collect their data.";
    assert_eq!(&bytes[span.range()], expected);
    // Line and column come from the decoded text and agree with the original.
    let lc = source.line_col(kids.matches[0].start);
    assert_eq!((lc.line, lc.column), (4, 4));
    let cookies = report
        .clauses
        .iter()
        .find(|c| c.rule == "third-party-cookies")
        .unwrap();
    assert_eq!(cookies.status, ClauseStatus::Present);
}

#[test]
fn json_reports_original_byte_offsets_for_transcoded_files() {
    let path = fixture("windows-1252.html");
    let bytes = std::fs::read(&path).unwrap();
    let out = assert_cmd::Command::cargo_bin("clauselint")
        .unwrap()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let clause = json["files"][0]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "children-under-13")
        .unwrap()
        .clone();
    let m = &clause["matches"][0];
    let (s, e) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    assert!(bytes[s..e].starts_with(b"Our caf\xe9\x92s site"));
    assert!(bytes[s..e].ends_with(b"their data."));
    assert_eq!(
        (m["line"].as_u64(), m["column"].as_u64()),
        (Some(4), Some(4))
    );
}

#[test]
fn unsupported_charset_is_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sjis.html");
    std::fs::write(&path, b"<meta charset=\"shift_jis\"><p>\x82\xa0</p>").unwrap();
    let out = assert_cmd::Command::cargo_bin("clauselint")
        .unwrap()
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sjis.html"), "{err}");
    assert!(err.contains("unsupported charset `shift_jis`"), "{err}");
}

/// The Markdown fixtures, as (name, text).
fn markdown_fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in [
        fixture("md"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/markdown"),
    ] {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
        {
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    out
}

fn markdown_to_html(md: &str) -> String {
    use pulldown_cmark::{html::push_html, Options, Parser};
    let mut body = String::new();
    push_html(
        &mut body,
        Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH),
    );
    format!("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>t</title>\n<style>body {{}}</style></head>\n<body>\n{body}</body></html>\n")
}

/// What must not depend on the format: each clause's status and its matched
/// passages (as folded text), and the other findings' rules and passages.
fn verdicts(source: &SourceFile, format: Format, rules: &RuleSet) -> Vec<String> {
    let doc = Document::parse(source.clone(), format);
    let report = lint_source(source, format, rules);
    let folded_of = |span: clauselint::source::Span| -> String {
        // The folded text of the sentences the span covers.
        doc.sentences()
            .iter()
            .filter(|s| s.span.start >= span.start && s.span.end <= span.end)
            .map(|s| doc.text(s.range.clone()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out: Vec<String> = report
        .clauses
        .iter()
        .map(|c| {
            let passages: Vec<String> = c.matches.iter().map(|&m| folded_of(m)).collect();
            format!("{} {} {:?}", c.rule, c.status.as_str(), passages)
        })
        .collect();
    out.extend(
        report
            .findings
            .iter()
            .filter(|f| !report.clauses.iter().any(|c| c.rule == f.rule))
            .map(|f| format!("{} {}", f.rule, f.message)),
    );
    out
}

#[test]
fn verdicts_on_html_renderings_equal_markdown_verdicts() {
    let rules = rules_with_max();
    let fixtures = markdown_fixtures();
    assert!(fixtures.len() >= 4);
    let mut statuses = std::collections::BTreeSet::new();
    for (name, md) in fixtures {
        let md_source = SourceFile::new(name.clone(), md.clone());
        let html_source = SourceFile::new(format!("{name}.html"), markdown_to_html(&md));
        let a = verdicts(&md_source, Format::Markdown, &rules);
        let b = verdicts(&html_source, Format::Html, &rules);
        assert_eq!(a, b, "verdicts differ for {name}");
        for v in &a {
            statuses.insert(v.split(' ').nth(1).unwrap_or("").to_owned());
        }
    }
    // The fixtures exercise every verdict, so the comparison means something.
    for s in ["present", "missing", "duplicated"] {
        assert!(
            statuses.contains(s),
            "no fixture has a {s} clause: {statuses:?}"
        );
    }
}

/// `../shared` next to the crate, or `CLAUSELINT_SHARED`.
fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CLAUSELINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    dir.is_dir().then_some(dir)
}

#[test]
fn corpus_html_pages_lint_without_errors() {
    let Some(shared) = shared_dir() else {
        eprintln!(
            "skipped: shared corpus not found (set CLAUSELINT_SHARED or place it at ../shared)"
        );
        return;
    };
    let dir = shared.join("corpus/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} not found", dir.display());
        return;
    };
    let rules = default_rules();
    let mut pages: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty());
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for p in &pages {
        bytes += std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        match lint_file(p, &p.display().to_string(), &rules) {
            Outcome::Checked { source, report } => {
                assert!(!report.clauses.is_empty());
                for c in &report.clauses {
                    for m in &c.matches {
                        // Spans start and end on text: never on `<` or `>`.
                        let t = &source.text()[m.range()];
                        assert!(
                            !t.starts_with('<') && !t.ends_with('>'),
                            "{}: {t:?}",
                            p.display()
                        );
                    }
                }
            }
            Outcome::Skipped { path, reason } => panic!("{path} skipped: {reason}"),
            Outcome::Failed { path, message } => panic!("{path} failed: {message}"),
        }
    }
    eprintln!(
        "linted {} corpus HTML pages ({} KB) in {:?}",
        pages.len(),
        bytes / 1024,
        start.elapsed()
    );
}
