//! The HTML coverage report (`clauselint report --html`): one self-contained
//! page, no network requests (a Content-Security-Policy forbids them).
//!
//! Per file: a checklist of clauses (present, missing, duplicated) with
//! their help and citations, each linked to its passages; the policy text
//! with every matched passage highlighted and linked back to its clause;
//! duplicated clauses and paragraphs shown side by side. A summary table
//! leads for a folder of policies.
//!
//! The page works without JavaScript (links are plain fragment links and
//! `:target` highlights the passage); the small script only marks the active
//! passage and moves keyboard focus to it. All policy and rule text is escaped.

use std::fmt::Write as _;

use crate::document::{BlockKind, Document};
use crate::finding::{ClauseStatus, FileReport};
use crate::rules::{Rule, RuleSet};
use crate::source::Span;

/// One checked file for the page.
#[derive(Debug)]
pub struct PageFile {
    /// The parsed document (its source gives path and text).
    pub doc: Document,
    /// What the engine found.
    pub report: FileReport,
}

/// A file that could not be checked.
#[derive(Debug, Clone)]
pub struct PageError {
    /// Display path.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

const CSS: &str = include_str!("html_page.css");
const JS: &str = include_str!("html_page.js");

fn escape(s: &str) -> String {
    super::escape::escape(s, super::escape::Markup::Html)
}

/// A token safe inside an `id` attribute and a CSS selector.
fn id_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A passage: a span some clause or finding points at.
struct Passage {
    id: String,
    span: Span,
    rule: String,
    /// Shown as a problem (a duplicated clause or a finding), not a plain match.
    flagged: bool,
}

struct Counts {
    present: usize,
    missing: usize,
    duplicated: usize,
    not_applicable: usize,
    other: usize,
}

fn counts(report: &FileReport) -> Counts {
    let n = |s| report.clauses.iter().filter(|c| c.status == s).count();
    Counts {
        present: n(ClauseStatus::Present),
        missing: n(ClauseStatus::Missing),
        duplicated: n(ClauseStatus::Duplicated),
        not_applicable: n(ClauseStatus::NotApplicable),
        other: other_findings(report).count(),
    }
}

fn other_findings(report: &FileReport) -> impl Iterator<Item = &crate::finding::Finding> {
    report
        .findings
        .iter()
        .filter(|f| !report.clauses.iter().any(|c| c.rule == f.rule))
}

/// Renders the whole page.
#[must_use]
pub fn render(files: &[PageFile], errors: &[PageError], rules: &RuleSet) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let packs: Vec<&str> = rules.packs().iter().map(|p| p.name.as_str()).collect();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
<meta name=\"generator\" content=\"clauselint {}\">\n<title>Privacy policy clause report</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
<a class=\"skip\" href=\"#main\">Skip to the report</a>\n\
<header>\n<h1>Privacy policy clause report</h1>\n<p>{} file{} checked{} · rule packs: {} · clauselint {}</p>\n</header>\n",
        env!("CARGO_PKG_VERSION"),
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        if errors.is_empty() { String::new() } else { format!(", {} could not be read", errors.len()) },
        escape(&packs.join(", ")),
        env!("CARGO_PKG_VERSION"),
    );
    if files.len() > 1 {
        h.push_str("<nav aria-label=\"Files\">\n<h2 class=\"visually-hidden\">Files</h2>\n<ul>\n");
        for (i, f) in files.iter().enumerate() {
            let _ = writeln!(
                h,
                "<li><a href=\"#file-{i}\">{}</a></li>",
                escape(f.doc.source().path())
            );
        }
        h.push_str("</ul>\n</nav>\n");
    }
    h.push_str("<main id=\"main\" tabindex=\"-1\">\n");
    summary(&mut h, files, rules);
    for (i, f) in files.iter().enumerate() {
        file_section(&mut h, i, f, rules);
    }
    if !errors.is_empty() {
        h.push_str("<section class=\"errors\" aria-labelledby=\"errors-h\">\n<h2 id=\"errors-h\">Files that could not be checked</h2>\n<ul>\n");
        for e in errors {
            let _ = writeln!(
                h,
                "<li><strong>{}</strong>: {}</li>",
                escape(&e.path),
                escape(&e.message)
            );
        }
        h.push_str("</ul>\n</section>\n");
    }
    let _ = write!(
        h,
        "</main>\n<footer><p>Generated by clauselint {}. A clause marked present means a sentence matched its rule; \
it is a reading aid, not legal advice.</p></footer>\n<script>\n{JS}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    h
}

fn status_badge(status: ClauseStatus) -> &'static str {
    match status {
        ClauseStatus::Present => "<span class=\"badge present\">✓ Present</span>",
        ClauseStatus::Missing => "<span class=\"badge missing\">✗ Missing</span>",
        ClauseStatus::Duplicated => "<span class=\"badge duplicated\">⇉ Duplicated</span>",
        ClauseStatus::NotApplicable => {
            "<span class=\"badge not-applicable\">– Not applicable</span>"
        }
    }
}

fn summary(h: &mut String, files: &[PageFile], rules: &RuleSet) {
    h.push_str("<section class=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n");
    h.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"summary-h\">\n<table>\n<caption>Clause verdicts per file</caption>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Present</th><th scope=\"col\">Missing</th><th scope=\"col\">Duplicated</th><th scope=\"col\">Not applicable</th><th scope=\"col\">Other findings</th><th scope=\"col\">Missing or duplicated clauses</th></tr></thead>\n<tbody>\n");
    for (i, f) in files.iter().enumerate() {
        let c = counts(&f.report);
        let problems: Vec<String> = f
            .report
            .clauses
            .iter()
            .filter(|v| matches!(v.status, ClauseStatus::Missing | ClauseStatus::Duplicated))
            .map(|v| {
                let title = rules
                    .rule(&v.rule)
                    .map_or(v.rule.as_str(), |r| r.title.as_str());
                format!(
                    "<a href=\"#{}\">{}</a> ({})",
                    clause_id(i, &v.rule),
                    escape(title),
                    v.status.as_str()
                )
            })
            .collect();
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\"><a href=\"#file-{i}\">{}</a></th><td>{}</td><td class=\"{}\">{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(f.doc.source().path()),
            c.present,
            if c.missing > 0 { "bad" } else { "" },
            c.missing,
            if c.duplicated > 0 { "warn" } else { "" },
            c.duplicated,
            c.not_applicable,
            c.other,
            if problems.is_empty() { "—".to_owned() } else { problems.join(", ") },
        );
    }
    h.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

fn clause_id(file: usize, rule: &str) -> String {
    format!("file-{file}-rule-{}", id_part(rule))
}

/// Line number of an offset, for link texts.
fn line(doc: &Document, offset: usize) -> usize {
    doc.source().line_col(offset).line
}

/// The folded text of the sentences a span covers (markup-free, for quoting).
fn passage_text(doc: &Document, span: Span) -> String {
    let parts: Vec<&str> = doc
        .sentences()
        .iter()
        .filter(|s| s.span.start < span.end.max(span.start + 1) && span.start < s.span.end)
        .map(|s| doc.text(s.range.clone()))
        .collect();
    if parts.is_empty() {
        doc.source()
            .text()
            .get(span.range())
            .unwrap_or("")
            .to_owned()
    } else {
        parts.join(" ")
    }
}

fn references(h: &mut String, rule: &Rule) {
    if rule.references.is_empty() {
        return;
    }
    h.push_str("<ul class=\"refs\" aria-label=\"Citations\">");
    for r in &rule.references {
        match r
            .url
            .as_deref()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        {
            Some(url) => {
                let _ = write!(
                    h,
                    "<li><a href=\"{}\" rel=\"noreferrer noopener\">{}</a></li>",
                    escape(url),
                    escape(&r.cite)
                );
            }
            None => {
                let _ = write!(h, "<li>{}</li>", escape(&r.cite));
            }
        }
    }
    h.push_str("</ul>");
}

fn file_section(h: &mut String, i: usize, f: &PageFile, rules: &RuleSet) {
    let doc = &f.doc;
    let path = doc.source().path();
    let c = counts(&f.report);
    // Every passage the page links to.
    let mut passages: Vec<Passage> = Vec::new();
    for v in &f.report.clauses {
        for &span in &v.matches {
            passages.push(Passage {
                id: format!("file-{i}-p{}", passages.len() + 1),
                span,
                rule: v.rule.clone(),
                flagged: v.status == ClauseStatus::Duplicated,
            });
        }
    }
    let first_other = passages.len();
    for finding in other_findings(&f.report) {
        passages.push(Passage {
            id: format!("file-{i}-p{}", passages.len() + 1),
            span: finding.span,
            rule: finding.rule.clone(),
            flagged: true,
        });
    }
    // Which sentence each passage starts at (its anchor); passages on no text get none.
    let sentences = doc.sentences();
    let overlaps = |s: Span, p: Span| s.start < p.end.max(p.start + 1) && p.start < s.end;
    let anchor_of: Vec<Option<usize>> = passages
        .iter()
        .map(|p| sentences.iter().position(|s| overlaps(s.span, p.span)))
        .collect();

    let _ = write!(
        h,
        "<section class=\"file\" id=\"file-{i}\" aria-labelledby=\"file-{i}-h\">\n<h2 id=\"file-{i}-h\">{}</h2>\n\
<p class=\"counts\"><span class=\"present\">{} present</span> · <span class=\"missing\">{} missing</span> · <span class=\"duplicated\">{} duplicated</span> · {} not applicable · {} other finding{}</p>\n\
<div class=\"cols\">\n<section class=\"checklist\" aria-labelledby=\"file-{i}-cl\">\n<h3 id=\"file-{i}-cl\">Clauses</h3>\n",
        escape(path),
        c.present,
        c.missing,
        c.duplicated,
        c.not_applicable,
        c.other,
        if c.other == 1 { "" } else { "s" },
    );
    // Where each clause's passages start in `passages`.
    let firsts: Vec<usize> = f
        .report
        .clauses
        .iter()
        .scan(0, |next, v| {
            let first = *next;
            *next += v.matches.len();
            Some(first)
        })
        .collect();
    let groups = law_groups(&f.report, rules);
    if groups.len() > 1 {
        h.push_str("<p class=\"laws\">");
        let items: Vec<String> = groups
            .iter()
            .map(|g| format!("{}: {}", escape(&g.law), g.tally(&f.report)))
            .collect();
        h.push_str(&items.join(" · "));
        h.push_str("</p>\n");
    }
    for (g, group) in groups.iter().enumerate() {
        let _ = write!(
            h,
            "<h4 class=\"law\" id=\"file-{i}-law-{g}\">{} <span class=\"tally\">{}</span></h4>\n<ul class=\"clauses\" aria-labelledby=\"file-{i}-law-{g}\">\n",
            escape(&group.law),
            group.tally(&f.report),
        );
        for &c in &group.clauses {
            clause_item(
                h,
                i,
                f,
                rules,
                c,
                &passages[firsts[c]..],
                &anchor_of[firsts[c]..],
            );
        }
        h.push_str("</ul>\n");
    }
    other_items(h, i, f, &passages, &anchor_of, first_other, rules);
}

/// Clauses checked under one law, in rule order.
struct LawGroup {
    /// The rules' `law` (or their pack's name when they name none).
    law: String,
    /// Indexes into the report's clauses.
    clauses: Vec<usize>,
}

impl LawGroup {
    /// "9 of 10 items present" (not-applicable clauses left out).
    fn tally(&self, report: &FileReport) -> String {
        let status = |&c: &usize| report.clauses[c].status;
        let applicable = self
            .clauses
            .iter()
            .filter(|c| status(c) != ClauseStatus::NotApplicable)
            .count();
        let present = self
            .clauses
            .iter()
            .filter(|c| matches!(status(c), ClauseStatus::Present | ClauseStatus::Duplicated))
            .count();
        if applicable == 0 {
            return "not applicable".to_owned();
        }
        let noun = if applicable == 1 { "item" } else { "items" };
        format!("{present} of {applicable} {noun} present")
    }
}

/// The report's clauses grouped by the law their rule checks, groups in
/// order of their first clause.
fn law_groups(report: &FileReport, rules: &RuleSet) -> Vec<LawGroup> {
    let mut groups: Vec<LawGroup> = Vec::new();
    for (c, v) in report.clauses.iter().enumerate() {
        let law = rules
            .rule(&v.rule)
            .and_then(|r| r.law.clone())
            .unwrap_or_else(|| format!("{} pack", v.pack));
        match groups.iter_mut().find(|g| g.law == law) {
            Some(g) => g.clauses.push(c),
            None => groups.push(LawGroup {
                law,
                clauses: vec![c],
            }),
        }
    }
    groups
}

/// One clause of the checklist; `mine` and `anchors` start at its first
/// passage.
fn clause_item(
    h: &mut String,
    i: usize,
    f: &PageFile,
    rules: &RuleSet,
    c: usize,
    passages: &[Passage],
    anchors: &[Option<usize>],
) {
    let doc = &f.doc;
    {
        let v = &f.report.clauses[c];
        let passages = &passages[..v.matches.len()];
        let rule = rules.rule(&v.rule);
        let title = rule.map_or(v.rule.as_str(), |r| r.title.as_str());
        let _ = write!(
            h,
            "<li class=\"clause {status}\" id=\"{id}\" data-rule=\"{rule_id}\" data-status=\"{status}\">\n<h5>{badge} <span class=\"title\">{title}</span> <code>{pack}/{rule_id}</code></h5>\n",
            status = v.status.as_str(),
            id = clause_id(i, &v.rule),
            rule_id = escape(&v.rule),
            badge = status_badge(v.status),
            title = escape(title),
            pack = escape(&v.pack),
        );
        let mine = &passages[..v.matches.len()];
        if v.status == ClauseStatus::NotApplicable {
            h.push_str("<p class=\"found\">Not required here: the rule's condition does not hold in this policy.</p>\n");
        }
        if mine.is_empty() && v.status == ClauseStatus::Present {
            // Stated in another member of the file's document set.
            for set in &f.report.sets {
                let Some(c) = set.clauses.iter().find(|c| c.rule == v.rule) else {
                    continue;
                };
                let places: Vec<String> = c
                    .evidence
                    .iter()
                    .map(|(file, span)| {
                        format!(
                            "{} (line {})",
                            escape(file.path()),
                            file.line_col(span.start).line
                        )
                    })
                    .collect();
                if !places.is_empty() {
                    let _ = writeln!(
                        h,
                        "<p class=\"found\">Stated in another file of document set <code>{}</code>: {}.</p>",
                        escape(&set.name),
                        places.join(", ")
                    );
                }
            }
        }
        if !mine.is_empty() {
            h.push_str("<p class=\"found\">Stated in ");
            let links: Vec<String> = mine
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    let text = format!("passage {} (line {})", k + 1, line(doc, p.span.start));
                    if anchors[k].is_some() {
                        format!("<a class=\"jump\" href=\"#{}\">{text}</a>", p.id)
                    } else {
                        text
                    }
                })
                .collect();
            h.push_str(&links.join(", "));
            h.push_str(".</p>\n");
        }
        if v.status == ClauseStatus::Duplicated {
            h.push_str("<div class=\"sbs\" role=\"group\" aria-label=\"Duplicated statements side by side\">");
            for (k, p) in mine.iter().enumerate() {
                let _ = write!(
                    h,
                    "<figure><figcaption><a class=\"jump\" href=\"#{}\">Statement {} · line {}</a></figcaption><blockquote>{}</blockquote></figure>",
                    p.id,
                    k + 1,
                    line(doc, p.span.start),
                    escape(&passage_text(doc, p.span))
                );
            }
            h.push_str("</div>\n");
        }
        if let Some(rule) = rule {
            let open = if matches!(v.status, ClauseStatus::Missing | ClauseStatus::Duplicated) {
                " open"
            } else {
                ""
            };
            let _ = write!(
                h,
                "<details{open}><summary>What counts, help and citations</summary>"
            );
            if matches!(v.status, ClauseStatus::Missing | ClauseStatus::Duplicated) {
                let message = f
                    .report
                    .findings
                    .iter()
                    .find(|x| x.rule == v.rule)
                    .map_or(rule.message.as_str(), |x| x.message.as_str());
                let _ = write!(h, "<p class=\"message\">{}</p>", escape(message));
            }
            if let Some(d) = &rule.description {
                let _ = write!(h, "<p>{}</p>", escape(d));
            }
            if let Some(help) = &rule.help {
                let _ = write!(
                    h,
                    "<p class=\"help\"><strong>Help:</strong> {}</p>",
                    escape(help)
                );
            }
            references(h, rule);
            h.push_str("</details>\n");
        }
        h.push_str("</li>\n");
    }
}

/// The findings of rules that are not clauses, then the policy text.
fn other_items(
    h: &mut String,
    i: usize,
    f: &PageFile,
    passages: &[Passage],
    anchor_of: &[Option<usize>],
    first_other: usize,
    rules: &RuleSet,
) {
    let doc = &f.doc;
    let others: Vec<(usize, &crate::finding::Finding)> = other_findings(&f.report)
        .enumerate()
        .map(|(k, f)| (first_other + k, f))
        .collect();
    if !others.is_empty() {
        let _ = write!(
            h,
            "<h3 id=\"file-{i}-other\">Other findings</h3>\n<ul class=\"others\">\n"
        );
        for (k, finding) in others {
            let p = &passages[k];
            let rule = rules.rule(&finding.rule);
            let title = rule.map_or(finding.rule.as_str(), |r| r.title.as_str());
            let at = line(doc, finding.span.start);
            let place = if anchor_of[k].is_some() {
                format!("<a class=\"jump\" href=\"#{}\">line {at}</a>", p.id)
            } else {
                format!("line {at}")
            };
            let _ = write!(
                h,
                "<li class=\"other\" id=\"{}-item\"><h4><span class=\"badge warn\">! {}</span> {}</h4><p>{} — {place}</p>",
                p.id,
                escape(finding.severity.as_str()),
                escape(title),
                escape(&finding.message),
            );
            if let Some(first) = finding.related.first() {
                // The other copy may be in another member of a document set.
                let (first_line, first_text) = match &first.file {
                    Some(file) => (
                        file.line_col(first.span.start).line,
                        file.text().get(first.span.range()).unwrap_or("").to_owned(),
                    ),
                    None => (line(doc, first.span.start), passage_text(doc, first.span)),
                };
                let _ = write!(
                    h,
                    "<div class=\"sbs\" role=\"group\" aria-label=\"Both copies side by side\"><figure><figcaption>{} · line {}</figcaption><blockquote>{}</blockquote></figure><figure><figcaption>This copy · line {}</figcaption><blockquote>{}</blockquote></figure></div>",
                    escape(&first.message),
                    first_line,
                    escape(&first_text),
                    line(doc, finding.span.start),
                    escape(&passage_text(doc, finding.span)),
                );
            }
            if let Some(help) = rule.and_then(|r| r.help.as_deref()) {
                let _ = write!(
                    h,
                    "<p class=\"help\"><strong>Help:</strong> {}</p>",
                    escape(help)
                );
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ul>\n");
    }
    let _ = write!(
        h,
        "</section>\n<section class=\"policy\" aria-labelledby=\"file-{i}-pt\">\n<h3 id=\"file-{i}-pt\">Policy text</h3>\n<div class=\"text\">\n"
    );
    policy_text(h, i, doc, passages, anchor_of, rules);
    h.push_str("</div>\n</section>\n</div>\n</section>\n");
}

fn policy_text(
    h: &mut String,
    file: usize,
    doc: &Document,
    passages: &[Passage],
    anchor_of: &[Option<usize>],
    rules: &RuleSet,
) {
    let sentences = doc.sentences();
    let mut in_list = false;
    for block in doc.blocks() {
        let is_item = block.kind == BlockKind::ListItem;
        if is_item && !in_list {
            h.push_str("<ul>\n");
        } else if !is_item && in_list {
            h.push_str("</ul>\n");
        }
        in_list = is_item;
        let (open, close) = match block.kind {
            BlockKind::Heading(level) => {
                let n = (level + 3).min(6);
                (format!("<h{n} class=\"ph\">"), format!("</h{n}>"))
            }
            BlockKind::ListItem => ("<li>".to_owned(), "</li>".to_owned()),
            BlockKind::TableCell => ("<p class=\"cell\">".to_owned(), "</p>".to_owned()),
            BlockKind::Paragraph => ("<p>".to_owned(), "</p>".to_owned()),
        };
        let _ = write!(h, "{open}");
        for (si, s) in sentences
            .iter()
            .enumerate()
            .take(block.sentences.end)
            .skip(block.sentences.start)
        {
            if si > block.sentences.start {
                h.push(' ');
            }
            let text = escape(doc.text(s.range.clone()));
            let on: Vec<&Passage> = passages
                .iter()
                .filter(|p| {
                    s.span.start < p.span.end.max(p.span.start + 1) && p.span.start < s.span.end
                })
                .collect();
            if on.is_empty() {
                h.push_str(&text);
                continue;
            }
            let ids: Vec<&str> = on.iter().map(|p| p.id.as_str()).collect();
            let dup = on.iter().any(|p| p.flagged);
            let _ = write!(
                h,
                "<mark class=\"hit{}\" data-passages=\"{}\">",
                if dup { " dup" } else { "" },
                ids.join(" ")
            );
            // Anchors inside the mark, so a link lands on the highlighted text.
            for (p, _) in passages
                .iter()
                .zip(anchor_of)
                .filter(|(_, a)| **a == Some(si))
            {
                let _ = write!(
                    h,
                    "<span class=\"anchor\" id=\"{}\" tabindex=\"-1\"></span>",
                    p.id
                );
            }
            let _ = write!(h, "{text}</mark>");
            // Links back to the clauses whose passages start here.
            let mut seen: Vec<&str> = Vec::new();
            for (p, _) in passages
                .iter()
                .zip(anchor_of)
                .filter(|(_, a)| **a == Some(si))
            {
                if seen.contains(&p.rule.as_str()) {
                    continue;
                }
                seen.push(&p.rule);
                let title = rules
                    .rule(&p.rule)
                    .map_or(p.rule.as_str(), |r| r.title.as_str());
                let target = if rules.rule(&p.rule).is_some_and(Rule::is_clause) {
                    clause_id(file, &p.rule)
                } else {
                    format!("{}-item", p.id)
                };
                let _ = write!(
                    h,
                    "<a class=\"back\" href=\"#{target}\" aria-label=\"Back to {t}\" title=\"{t}\">{}</a>",
                    escape(&p.rule),
                    t = escape(title)
                );
            }
        }
        let _ = writeln!(h, "{close}");
    }
    if in_list {
        h.push_str("</ul>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_markup_needs() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(id_part("a b/c-d"), "a_b_c-d");
    }
}
