//! Engine behaviour on small documents with inline rule packs.

use crate::document::{Document, Format};
use crate::finding::{ClauseStatus, FileReport};
use crate::rules::{self, PackSource};
use crate::source::SourceFile;

fn run(rule_yaml: &str, text: &str) -> FileReport {
    let pack = format!("pack: t\nrules:\n{rule_yaml}");
    let set = rules::load(&[PackSource {
        file: SourceFile::new("t.yaml", pack),
        builtin: false,
    }])
    .unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let doc = Document::parse(SourceFile::new("p.md", text), Format::Markdown);
    super::check(&doc, &set)
}

fn rule(body: &str) -> String {
    format!(
        "  - id: r\n    title: R\n    severity: error\n    message: m\n    examples: {{present: [x], absent: [y]}}\n{body}"
    )
}

fn status(report: &FileReport) -> ClauseStatus {
    report.clauses[0].status
}

#[test]
fn sentence_scope_requires_all_parts_in_one_sentence() {
    let r = rule("    match: {all: ['\\bnotify', '\\bbreach']}\n");
    assert_eq!(
        status(&run(&r, "We will notify you of a breach.")),
        ClauseStatus::Present
    );
    assert_eq!(
        status(&run(&r, "We will notify you. A breach is bad.")),
        ClauseStatus::Missing
    );
    let para = rule("    scope: paragraph\n    match: {all: ['\\bnotify', '\\bbreach']}\n");
    assert_eq!(
        status(&run(&para, "We will notify you. A breach is bad.")),
        ClauseStatus::Present
    );
}

#[test]
fn not_excludes_a_unit() {
    let r = rule("    match: {any: ['\\bbreach'], not: ['breach of (these|the) terms']}\n");
    assert_eq!(
        status(&run(
            &r,
            "If you are in breach of these terms we close your account."
        )),
        ClauseStatus::Missing
    );
    assert_eq!(
        status(&run(&r, "We report any breach.")),
        ClauseStatus::Present
    );
}

#[test]
fn headings_alone_do_not_count() {
    let r = rule("    match: '\\bcookies\\b'\n");
    assert_eq!(
        status(&run(&r, "# Cookies\n\nWe care.\n")),
        ClauseStatus::Missing
    );
}

#[test]
fn when_makes_a_rule_not_applicable() {
    let r = rule("    when: '\\b(sell|sale)\\b'\n    match: 'do not sell my'\n");
    let report = run(&r, "We collect your email.");
    assert_eq!(status(&report), ClauseStatus::NotApplicable);
    assert!(report.findings.is_empty());
    assert_eq!(
        status(&run(&r, "We may sell data to partners.")),
        ClauseStatus::Missing
    );
}

#[test]
fn near_counts_words_between() {
    let r = rule(
        "    match: {near: {within: 3, of: ['\\bnotify', {any: ['\\bbreach', '\\bincident']}]}}\n",
    );
    assert_eq!(
        status(&run(&r, "We notify users of any breach.")),
        ClauseStatus::Present
    );
    assert_eq!(
        status(&run(
            &r,
            "We notify users about many different kinds of things including a breach."
        )),
        ClauseStatus::Missing
    );
    assert_eq!(
        status(&run(&r, "After an incident we will notify you.")),
        ClauseStatus::Present
    );
}

#[test]
fn negation_modes() {
    let exclude = rule("    negation: exclude\n    match: '\\bsell\\b'\n");
    assert_eq!(
        status(&run(&exclude, "We do not sell your data.")),
        ClauseStatus::Missing
    );
    assert_eq!(
        status(&run(&exclude, "We sell your data.")),
        ClauseStatus::Present
    );
    let only = rule("    negation: only\n    match: '\\bsell\\b'\n");
    assert_eq!(
        status(&run(&only, "We never sell your data.")),
        ClauseStatus::Present
    );
    assert_eq!(
        status(&run(&only, "We sell your data.")),
        ClauseStatus::Missing
    );
}

#[test]
fn forbidden_text_reports_every_statement() {
    let r = rule("    negation: exclude\n    occurs: {max: 0}\n    match: 'we (may )?sell your personal information'\n");
    let report = run(&r, "We may sell your personal information. We do not sell your personal information.\n\nWe sell your personal information.");
    assert_eq!(status(&report), ClauseStatus::Duplicated);
    assert_eq!(report.findings.len(), 2);
    let clean = run(&r, "We do not sell your personal information.");
    assert_eq!(
        status(&clean),
        ClauseStatus::Missing,
        "not stated, and that is fine"
    );
    assert!(clean.findings.is_empty());
}

#[test]
fn values_bound_a_captured_number() {
    let r = rule("    value: {capture: age, max: 13}\n    match: 'under (the age of )?(?P<age>\\d+|thirteen|sixteen)'\n");
    assert_eq!(
        status(&run(&r, "Not for children under 13.")),
        ClauseStatus::Present
    );
    assert_eq!(
        status(&run(&r, "Not for children under thirteen.")),
        ClauseStatus::Present
    );
    assert_eq!(
        status(&run(&r, "Not for children under 16.")),
        ClauseStatus::Missing
    );
    let days =
        rule("    value: {capture: days, max: 30}\n    match: 'within (?P<days>\\d+) days'\n");
    assert_eq!(
        status(&run(&days, "We answer within 45 days.")),
        ClauseStatus::Missing
    );
    assert_eq!(
        status(&run(&days, "We answer within 30 days.")),
        ClauseStatus::Present
    );
}

#[test]
fn within_section_follows_the_heading_hierarchy() {
    let r = rule("    within_section: 'children'\n    match: 'parental consent'\n");
    let doc = "# Policy\n\nParental consent is nice.\n\n## Children\n\n### Consent\n\nWe ask for parental consent.\n";
    let report = run(&r, doc);
    assert_eq!(status(&report), ClauseStatus::Present);
    assert_eq!(report.clauses[0].matches.len(), 1);
    assert_eq!(
        status(&run(&r, "# Policy\n\nParental consent is nice.\n")),
        ClauseStatus::Missing
    );
}

#[test]
fn link_text_can_be_excluded() {
    let text = "# Policy\n\nLast updated: March 1, 2020.\n\nOlder: [Last updated: June 2, 2021](https://example.com/2021).\n";
    let base = "    occurs: {max: 1}\n    match: 'last updated:? \\w+ \\d+, \\d{4}'\n";
    let included = run(&rule(base), text);
    assert_eq!(status(&included), ClauseStatus::Duplicated);
    let excluded = run(&rule(&format!("    link_text: exclude\n{base}")), text);
    assert_eq!(status(&excluded), ClauseStatus::Present);
    assert_eq!(excluded.clauses[0].matches.len(), 1);
    // Only link text is left out: the plain statement still counts alone.
    let only_link = "Older: [Last updated: June 2, 2021](https://example.com/2021).\n";
    assert_eq!(
        status(&run(
            &rule(&format!("    link_text: exclude\n{base}")),
            only_link
        )),
        ClauseStatus::Missing
    );
}

#[test]
fn duplicated_clause_has_the_first_statement_as_related() {
    let r = rule("    occurs: {max: 1}\n    match: 'last updated:? \\w+ \\d+, \\d{4}'\n");
    let text = "Last updated: March 1, 2020.\n\nHello.\n\nLast updated: June 2, 2021.\n";
    let report = run(&r, text);
    assert_eq!(status(&report), ClauseStatus::Duplicated);
    let f = &report.findings[0];
    assert!(text[f.span].starts_with("Last updated: June"));
    assert!(text[f.related[0].span].starts_with("Last updated: March"));
    // the same date twice is one statement
    let same = "Last updated: March 1, 2020.\n\nLast updated: March 1, 2020.\n";
    assert_eq!(status(&run(&r, same)), ClauseStatus::Present);
}

#[test]
fn repeated_words_skip_idioms_and_markup_separated_copies() {
    let r = "  - id: rw\n    title: R\n    severity: warning\n    message: words repeated\n    check: repeated-words\n    examples: {present: [x], absent: [y]}\n";
    let found = |text: &str| run(r, text).findings.len();
    assert_eq!(found("We share it with the the partners."), 1);
    assert_eq!(
        found("Our partners may use third parties to parties to collect data."),
        1
    );
    assert_eq!(
        found("We update it from time to time to reflect changes."),
        0
    );
    assert_eq!(
        found("See [ESPN](https://espn.example) ESPN for details."),
        0
    );
    assert_eq!(found("We share it with the\nthe partners."), 1);
    assert_eq!(
        found("DuckDuckGo (officially, Duck Duck Go, Inc.) is private."),
        0
    );
    assert_eq!(found("Users who opt-in in-app get alerts."), 0);
    assert_eq!(
        found("We keep User Information Information related to you."),
        1
    );
}

#[test]
fn before_needs_the_first_side_first_in_one_sentence() {
    let r = rule(
        "    scope: paragraph\n    match: {before: ['\\bopt[- ]out\\b', {any: ['\\bsale\\b', '\\bselling\\b']}]}\n",
    );
    assert_eq!(
        status(&run(&r, "You may opt out of the sale of your data.")),
        ClauseStatus::Present
    );
    // The wrong order.
    assert_eq!(
        status(&run(
            &r,
            "The sale of data is something you can opt out of."
        )),
        ClauseStatus::Missing
    );
    // The right order across two sentences of one paragraph.
    assert_eq!(
        status(&run(&r, "You may opt out. We record every sale.")),
        ClauseStatus::Missing
    );
}

#[test]
fn before_sides_must_be_two_regexes_or_any_lists() {
    let pack = format!(
        "pack: t\nrules:\n{}",
        rule("    match: {before: ['\\bopt out']}\n")
    );
    let errors = rules::load(&[PackSource {
        file: SourceFile::new("t.yaml", pack),
        builtin: false,
    }])
    .expect_err("one side is an error");
    let text = errors[0].to_string();
    assert!(
        text.contains("`before` takes exactly two sides, found 1"),
        "{text}"
    );
}
