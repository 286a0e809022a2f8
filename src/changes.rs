//! Diff mode: what an edit of a policy changed, rather than everything wrong
//! with it.
//!
//! Given the reports of an old and a new version of one file, [`compare`]
//! keeps only:
//!
//! - clauses stated in the old version and missing in the new one (at the
//!   rule's severity, with the old evidence quoted in the label);
//! - findings of every other kind (duplicates, repeated words, forbidden
//!   text) whose fingerprint the old version did not have, i.e. introduced
//!   by the edit.
//!
//! A clause that was already missing is not reported: the edit did not
//! remove it. When the new version is not an edit of the old one at all (it
//! lost most of the text, or is another document: a sign-in page, "page not
//! found", a stub pointing elsewhere), one [`DOCUMENT_REPLACED`] finding says
//! so instead of one removed-clause error per clause. Pure: callers fetch
//! the old text (from git, or a second file).

use std::collections::HashSet;

use crate::document::{Document, Format};
use crate::finding::{ClauseStatus, FileReport, Finding};
use crate::report::fingerprint;
use crate::rules::{Check, Rule, RuleKind, RuleSet};
use crate::source::SourceFile;

pub use crate::rules::builtin::DOCUMENT_REPLACED;

/// Fewest words an old version needs for its replacement to be judged.
const MIN_OLD_WORDS: usize = 300;
/// The new version keeps less than this share of the old one's words (in percent).
const GUTTED_PERCENT: usize = 40;
/// Both versions share less than this share of their word 4-grams (in percent).
const DIFFERENT_PERCENT: usize = 20;

/// Longest evidence quote, in characters.
const QUOTE_LEN: usize = 160;

/// The findings of `new` that the change from `old` introduced; `old_name`
/// names the old version in messages (`HEAD~1`, a file name). Both reports
/// were made with `rules`.
#[must_use]
pub fn compare(
    old: &SourceFile,
    old_report: &FileReport,
    new: &SourceFile,
    new_report: &FileReport,
    old_name: &str,
    format: Format,
    rules: &RuleSet,
) -> FileReport {
    let old_doc = Document::parse(old.clone(), format);
    let new_doc = Document::parse(new.clone(), format);
    let replaced = rules
        .rule(DOCUMENT_REPLACED)
        .and_then(|rule| replacement(&old_doc, &new_doc, old_name, rule));
    // A date check's finding moves with the date it quotes: an edit
    // introduces one only where the old version had none of that rule.
    let dated = |rule: &str| {
        rules.rule(rule).is_some_and(|r| {
            matches!(
                r.kind,
                RuleKind::Check(Check::StalePolicy { .. } | Check::ConflictingDates)
            )
        })
    };
    let old_rules: HashSet<&str> = old_report
        .findings
        .iter()
        .map(|f| f.rule.as_str())
        .collect();
    let old_fps: HashSet<(String, String)> = old_report
        .findings
        .iter()
        .zip(fingerprint::fingerprints(old, &old_report.findings))
        .map(|(f, fp)| (f.rule.clone(), fp))
        .collect();
    let new_fps = fingerprint::fingerprints(new, &new_report.findings);
    let status = |report: &FileReport, rule: &str| {
        report
            .clauses
            .iter()
            .find(|c| c.rule == rule)
            .map(|c| c.status)
    };
    let mut out = FileReport {
        clauses: new_report.clauses.clone(),
        findings: replaced.iter().cloned().collect(),
        sets: new_report.sets.clone(),
    };
    for (f, fp) in new_report.findings.iter().zip(new_fps) {
        if status(new_report, &f.rule) == Some(ClauseStatus::Missing) {
            if replaced.is_some() {
                continue;
            }
            let Some(before) = old_report.clauses.iter().find(|c| c.rule == f.rule) else {
                continue;
            };
            if before.status == ClauseStatus::Missing {
                continue;
            }
            // The edit made the clause required (its `when` now holds) and
            // does not state it: a new problem, not a removal.
            if before.status == ClauseStatus::NotApplicable {
                out.findings.push(f.clone());
                continue;
            }
            let mut removed = f.clone();
            removed.message = format!("{} (stated in {old_name}, removed since)", f.message);
            removed.label = match before.matches.first() {
                Some(span) => format!(
                    "{old_name} said: \"{}\"",
                    quote(old.text().get(span.range()).unwrap_or_default())
                ),
                None => format!("stated in {old_name}"),
            };
            out.findings.push(removed);
        } else if dated(&f.rule) {
            if !old_rules.contains(f.rule.as_str()) {
                out.findings.push(f.clone());
            }
        } else if !old_fps.contains(&(f.rule.clone(), fp)) {
            out.findings.push(f.clone());
        }
    }
    if replaced.is_none() {
        for f in crate::engine::pasted(&old_doc, &new_doc, rules) {
            // Found close by already, or silenced by a directive: not again.
            let known = out
                .findings
                .iter()
                .any(|g| g.rule == f.rule && g.span == f.span);
            if !known && !crate::engine::suppress::silences(&new_doc, &f) {
                out.findings.push(f);
            }
        }
        out.sort();
    }
    out
}

/// The words of a document's text, lowercased.
fn words(doc: &Document) -> Vec<String> {
    doc.folded()
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn four_grams(words: &[String]) -> HashSet<&[String]> {
    words.windows(4).collect()
}

/// A [`DOCUMENT_REPLACED`] finding when `new` is not an edit of `old`.
fn replacement(
    old_doc: &Document,
    new_doc: &Document,
    old_name: &str,
    rule: &Rule,
) -> Option<Finding> {
    let (ow, nw) = (words(old_doc), words(new_doc));
    if ow.len() < MIN_OLD_WORDS {
        return None;
    }
    let gutted = nw.len() * 100 < ow.len() * GUTTED_PERCENT;
    let (og, ng) = (four_grams(&ow), four_grams(&nw));
    let shared = og.intersection(&ng).count();
    let different = shared * 100 < og.len() * DIFFERENT_PERCENT
        && shared * 100 < ng.len().max(1) * DIFFERENT_PERCENT;
    if !(gutted || different) {
        return None;
    }
    let looks_like = looks_like(new_doc, nw.len(), gutted);
    let message = format!(
        "this version replaces the document rather than editing it: {} words against {} in {old_name}, {}% of its wording kept; it appears to be {looks_like}",
        nw.len(),
        ow.len(),
        shared * 100 / og.len().max(1),
    );
    Some(Finding {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        severity: rule.severity,
        message,
        span: new_doc.title_span(),
        label: "clause changes are not listed one by one".into(),
        related: Vec::new(),
    })
}

/// What a replacing document appears to be, from its words.
fn looks_like(doc: &Document, words: usize, gutted: bool) -> &'static str {
    let text = doc.folded().to_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(n));
    if words < 400
        && has(&[
            "page not found",
            "404",
            "page you requested",
            "no longer available",
        ])
    {
        "a \"page not found\" page"
    } else if words < 400
        && has(&[
            "enable javascript",
            "javascript is disabled",
            "javascript enabled",
        ])
    {
        "a page that needs JavaScript to show the policy"
    } else if words < 400 && has(&["sign in", "log in", "login", "password"]) {
        "a sign-in page"
    } else if words < 400 && !doc.links().is_empty() {
        "a stub that points to a policy elsewhere"
    } else if words == 0 {
        "empty"
    } else if gutted {
        "a much shorter document"
    } else {
        "a different document"
    }
}

/// `text` on one line, shortened to [`QUOTE_LEN`] characters.
fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= QUOTE_LEN {
        return one_line;
    }
    let mut s: String = one_line.chars().take(QUOTE_LEN - 1).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::{self, builtin};

    #[test]
    fn only_removed_clauses_and_new_findings() {
        let packs = [
            builtin::find("core").unwrap().to_source(),
            builtin::find("hygiene").unwrap().to_source(),
        ];
        let rules = rules::load(&packs).unwrap();
        let old = SourceFile::new(
            "p.md",
            "# P\n\nWe do not knowingly collect data from children under 13.\n\nWe use the the data.\n",
        );
        let new = SourceFile::new("p.md", "# P\n\nWe use the the data. We sell it it.\n");
        let d = diff_of(&old, &new, &rules);
        let got: Vec<(&str, &str)> = d
            .findings
            .iter()
            .map(|f| (f.rule.as_str(), f.label.as_str()))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "children-under-13");
        assert!(got[0]
            .1
            .contains("HEAD~1 said: \"We do not knowingly collect data from children under 13.\""));
        assert_eq!(got[1].0, "repeated-words");
        assert!(d.findings[1].message.contains("it it"));
    }

    #[test]
    fn a_clause_that_becomes_required_is_missing_not_removed() {
        let pack = SourceFile::new(
            "cond.yaml",
            "pack: cond\nrules:\n  - id: kids-retention\n    title: Kids retention\n    severity: error\n    message: the policy does not say how long children's data is kept\n    when: '\\bchildren\\b'\n    match: '\\bkeep children''s data for \\d+ days'\n    examples:\n      present: [\"We keep children's data for 30 days.\"]\n      absent: [\"We keep data.\"]\n",
        );
        let rules = rules::load(&[rules::PackSource {
            file: pack,
            builtin: false,
        }])
        .unwrap();
        let old = SourceFile::new("p.md", "# Privacy\n\nWe keep data for 30 days.\n");
        let new = SourceFile::new(
            "p.md",
            "# Privacy\n\nWe keep data for 30 days. Our service is for children.\n",
        );
        let d = diff_of(&old, &new, &rules);
        assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
        assert_eq!(d.findings[0].rule, "kids-retention");
        assert!(
            !d.findings[0].message.contains("removed since"),
            "{}",
            d.findings[0].message
        );
    }

    /// What `diff` reports from `old` to `new`, both Markdown.
    fn diff_of(old: &SourceFile, new: &SourceFile, rules: &rules::RuleSet) -> FileReport {
        let lint = |s: &SourceFile| crate::lint::lint_source(s, Format::Markdown, rules);
        compare(
            old,
            &lint(old),
            new,
            &lint(new),
            "HEAD~1",
            Format::Markdown,
            rules,
        )
    }

    fn policy(words: usize) -> String {
        let mut s = String::from(
            "# Privacy policy\n\nWe do not knowingly collect data from children under 13.\n\n",
        );
        for i in 0..words / 10 {
            s.push_str(&format!(
                "Paragraph {i} tells how we use the data you give us.\n\n"
            ));
        }
        s
    }

    #[test]
    fn a_replaced_document_is_one_finding_not_a_removal_per_clause() {
        let packs = ["core", "clauselint"].map(|p| builtin::find(p).unwrap().to_source());
        let rules = rules::load(&packs).unwrap();
        let old = SourceFile::new("p.md", policy(600));
        let new = SourceFile::new(
            "p.md",
            "# Sign in\n\nEnter your email and password to log in. [Privacy](https://x.example/privacy)\n",
        );
        let d = diff_of(&old, &new, &rules);
        let rules_found: Vec<&str> = d.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules_found, [DOCUMENT_REPLACED], "{:?}", d.findings);
        assert_eq!(d.findings[0].severity, crate::rules::Severity::Error);
        assert!(
            d.findings[0].message.contains("a sign-in page"),
            "{}",
            d.findings[0].message
        );
        // Without its rule (disabled in the configuration), nothing replaces
        // the per-clause removals.
        let without = rules.configured(&[DOCUMENT_REPLACED], &[]);
        let d = diff_of(&old, &new, &without);
        assert!(
            d.findings.iter().all(|f| f.rule != DOCUMENT_REPLACED),
            "{:?}",
            d.findings
        );
        // An ordinary edit that drops one clause is still a removal.
        let edited = SourceFile::new(
            "p.md",
            policy(600).replace(
                "We do not knowingly collect data from children under 13.",
                "Kids.",
            ),
        );
        let d = diff_of(&old, &edited, &rules);
        let rules_found: Vec<&str> = d.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules_found, ["children-under-13"]);
    }

    /// The duplicate detectors alone (random text repeats words).
    fn hygiene() -> rules::RuleSet {
        let set = rules::load(&[builtin::find("hygiene").unwrap().to_source()]).unwrap();
        set.configured(&["repeated-words"], &[])
    }

    /// A policy of `n` unrelated paragraphs, each under its own heading.
    fn sections(n: usize) -> Vec<String> {
        const WORDS: &[&str] = &[
            "account", "data", "partners", "cookies", "records", "share", "keep", "delete",
            "service", "email", "address", "payment", "device", "location", "law", "request",
            "review", "store", "send", "use", "process", "protect", "transfer", "notice",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        (0..n)
            .map(|i| {
                let words: Vec<&str> = (0..24)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        WORDS[usize::try_from(state % WORDS.len() as u64).unwrap()]
                    })
                    .collect();
                format!("## Part {i}\n\nIn part {i} we {}.", words.join(" "))
            })
            .collect()
    }

    #[test]
    fn a_paragraph_pasted_far_from_its_original_is_reported_with_both_spans() {
        let rules = hygiene();
        let parts = sections(30);
        let old = SourceFile::new("p.md", parts.join("\n\n"));
        let mut pasted = parts.clone();
        pasted.insert(25, parts[2].lines().last().unwrap().to_owned());
        let new = SourceFile::new("p.md", pasted.join("\n\n"));
        let d = diff_of(&old, &new, &rules);
        assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
        let f = &d.findings[0];
        assert_eq!(f.rule, "duplicate-paragraph");
        assert!(new.text()[f.span.range()].starts_with("In part 2 "));
        assert!(new.text()[f.related[0].span.range()].starts_with("In part 2 "));
        assert_ne!(f.span, f.related[0].span);
        // The same text in both versions (repeated on purpose) is not new.
        let d = diff_of(&new, &new, &rules);
        assert!(d.findings.is_empty(), "{:?}", d.findings);
    }

    #[test]
    fn a_near_copy_pasted_with_a_word_changed_or_a_sentence_dropped_is_reported() {
        let rules = hygiene();
        let mut parts = sections(30);
        parts[3] = format!("{} We review these records every year and delete the ones we no longer need for the service.", parts[3]);
        let old = SourceFile::new("p.md", parts.join("\n\n"));
        let body = parts[3].lines().last().unwrap();
        for copy in [
            body.replacen(' ', " indeed ", 6)
                .replacen(" indeed ", " ", 5),
            body.split(" We review").next().unwrap().to_owned(),
        ] {
            let mut pasted = parts.clone();
            pasted.insert(20, copy.clone());
            let new = SourceFile::new("p.md", pasted.join("\n\n"));
            let d = diff_of(&old, &new, &rules);
            assert_eq!(d.findings.len(), 1, "{copy}: {:?}", d.findings);
            assert_eq!(d.findings[0].rule, "near-duplicate-paragraph");
            assert_eq!(&new.text()[d.findings[0].span.range()], copy);
        }
        // An edit of the paragraph in place is no paste.
        let mut edited = parts.clone();
        edited[3] = edited[3].replace(" We review", " Also, we review");
        let new = SourceFile::new("p.md", edited.join("\n\n"));
        assert!(diff_of(&old, &new, &rules).findings.is_empty());
    }

    #[test]
    fn updating_the_date_introduces_no_date_finding() {
        let rules = hygiene();
        let body = sections(3).join("\n\n");
        let old = SourceFile::new("p.md", format!("Last updated: March 1, 2015\n\n{body}"));
        let new = SourceFile::new("p.md", format!("Last updated: March 1, 2016\n\n{body}"));
        let lint = |s: &SourceFile| crate::lint::lint_source(s, Format::Markdown, &rules);
        // Both versions are stale; the edit did not make the new one stale.
        assert!(lint(&new).findings.iter().any(|f| f.rule == "stale-policy"));
        let d = diff_of(&old, &new, &rules);
        assert!(d.findings.is_empty(), "{:?}", d.findings);
        // A policy that was not stale and now is: introduced.
        let fresh = SourceFile::new("p.md", body.clone());
        let d = diff_of(&fresh, &new, &rules);
        assert!(
            d.findings.iter().any(|f| f.rule == "stale-policy"),
            "{:?}",
            d.findings
        );
    }
}
