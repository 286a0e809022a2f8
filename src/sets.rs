//! Document sets: several files judged as one privacy notice.
//!
//! A statement, a cookie page and a state notice together state the clauses
//! the law asks for; judged alone, each "misses" what the others say. For a
//! file in a set (`documents:` in `.clauselint.yaml`), [`judge`] rewrites its
//! report: a clause is present when any member states it; a clause no member
//! states is reported once, at the set's main file; in diff mode a clause
//! that moved to another member is not removed; and a paragraph that stands
//! word for word in another member is a `duplicate-paragraph`, with the
//! other copy's span in the other file. Pure: callers read and check the
//! members.

use crate::document::{Document, Format};
use crate::engine::shared_paragraphs;
use crate::finding::{ClauseStatus, FileReport, Finding, Related, SetClause, SetVerdict};
use crate::rules::{Check, RuleKind, RuleSet};
use crate::source::SourceFile;

/// One checked member of a set.
#[derive(Clone, Debug)]
pub struct Member {
    /// The file as read.
    pub source: SourceFile,
    /// Its format.
    pub format: Format,
    /// Its own report (every finding, as `check` makes it alone).
    pub report: FileReport,
}

/// How the judged report was made.
#[derive(Clone, Copy, Debug)]
pub enum Mode<'a> {
    /// `check`: every problem of the file.
    Check,
    /// `diff` / `check --since`: what the edit changed; holds the old
    /// version of the judged member.
    Changes(&'a SourceFile),
}

/// The set as seen from one member.
#[derive(Clone, Copy, Debug)]
pub struct SetView<'a> {
    /// The set's name.
    pub name: &'a str,
    /// Every checked member, in configuration order.
    pub members: &'a [Member],
    /// Index of the main member; `None` when it could not be read (then no
    /// clause is reported missing).
    pub main: Option<usize>,
    /// The main file's path, as the set's verdict names it.
    pub main_path: &'a str,
    /// Index of the member being judged.
    pub this: usize,
}

/// Rewrites `report`, the report of member `set.this` (made with `rules`,
/// in `mode`), for the whole set.
pub fn judge(set: SetView<'_>, report: &mut FileReport, rules: &RuleSet, mode: Mode<'_>) {
    let verdict = verdict(set);
    let own = &set.members[set.this].report;
    let stated = |rule: &str| {
        verdict
            .clauses
            .iter()
            .any(|c| c.rule == rule && c.status.is_stated())
    };
    let is_main = set.main == Some(set.this);
    report.findings.retain_mut(|f| {
        let Some(rule) = rules.rule(&f.rule) else {
            return true;
        };
        let own_status = own
            .clauses
            .iter()
            .find(|c| c.rule == f.rule)
            .map(|c| c.status);
        if !rule.is_clause() || own_status == Some(ClauseStatus::Duplicated) {
            return true;
        }
        if stated(&f.rule) {
            return false;
        }
        match mode {
            // A removal stays where the clause was removed.
            Mode::Changes(_) => true,
            Mode::Check if !is_main => false,
            Mode::Check => {
                f.message = format!(
                    "{} (no file of document set `{}` states it)",
                    f.message, set.name
                );
                true
            }
        }
    });
    report.findings.extend(copies(set, rules, mode));
    report.sets.push(verdict);
    report.sort();
}

/// Each clause's status in the whole set.
fn verdict(set: SetView<'_>) -> SetVerdict {
    let mut clauses: Vec<SetClause> = Vec::new();
    for m in set.members {
        for c in &m.report.clauses {
            let i = match clauses.iter().position(|s| s.rule == c.rule) {
                Some(i) => i,
                None => {
                    clauses.push(SetClause {
                        rule: c.rule.clone(),
                        pack: c.pack.clone(),
                        status: ClauseStatus::NotApplicable,
                        evidence: Vec::new(),
                    });
                    clauses.len() - 1
                }
            };
            let s = &mut clauses[i];
            s.status = match (s.status, c.status) {
                (ClauseStatus::Present | ClauseStatus::Duplicated, _)
                | (_, ClauseStatus::Present | ClauseStatus::Duplicated) => ClauseStatus::Present,
                (ClauseStatus::Missing, _) | (_, ClauseStatus::Missing) => ClauseStatus::Missing,
                _ => ClauseStatus::NotApplicable,
            };
            s.evidence
                .extend(c.matches.iter().map(|span| (m.source.clone(), *span)));
        }
    }
    SetVerdict {
        name: set.name.to_owned(),
        main: set.main_path.to_owned(),
        members: set
            .members
            .iter()
            .map(|m| m.source.path().to_owned())
            .collect(),
        clauses,
    }
}

/// Paragraphs of the judged member that stand word for word in another
/// member: in `check`, reported on the later of the two files; in diff mode,
/// on the judged member when the edit added the paragraph there.
fn copies(set: SetView<'_>, rules: &RuleSet, mode: Mode<'_>) -> Vec<Finding> {
    let Some((rule, min_words)) = rules.rules().iter().find_map(|r| match r.kind {
        RuleKind::Check(Check::DuplicateParagraph { min_words, .. }) => Some((r, min_words)),
        _ => None,
    }) else {
        return Vec::new();
    };
    let this = &set.members[set.this];
    let doc = Document::parse(this.source.clone(), this.format);
    let old = match mode {
        Mode::Changes(old) => Some(Document::parse(old.clone(), this.format)),
        Mode::Check => None,
    };
    let mut out = Vec::new();
    for (j, other) in set.members.iter().enumerate() {
        if j == set.this || (old.is_none() && j > set.this) {
            continue;
        }
        let other_doc = Document::parse(other.source.clone(), other.format);
        for (ours, theirs) in shared_paragraphs(&doc, &other_doc, min_words) {
            let block = &doc.blocks()[ours];
            if old
                .as_ref()
                .is_some_and(|o| o.folded().contains(doc.text(block.range.clone())))
            {
                continue; // there before the edit
            }
            let first = &other_doc.blocks()[theirs];
            let line = other.source.line_col(first.span.start).line;
            out.push(Finding {
                rule: rule.id.clone(),
                pack: rule.pack.clone(),
                severity: rule.severity,
                message: rule.message.clone(),
                span: block.span,
                label: format!(
                    "same text as the paragraph at {}:{line}",
                    other.source.path()
                ),
                related: vec![Related {
                    span: first.span,
                    message: "other copy here".into(),
                    file: Some(other.source.clone()),
                }],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::lint_source;
    use crate::rules::{self, builtin};

    fn rules() -> RuleSet {
        let packs: Vec<_> = ["core", "hygiene", "clauselint"]
            .iter()
            .map(|n| builtin::find(n).unwrap().to_source())
            .collect();
        rules::load(&packs).unwrap()
    }

    fn member(path: &str, text: &str, rules: &RuleSet) -> Member {
        let source = SourceFile::new(path, text);
        let report = lint_source(&source, Format::Markdown, rules);
        Member {
            source,
            format: Format::Markdown,
            report,
        }
    }

    /// Member `this` of set "acme" (main: the first member), judged in `check`.
    fn judged(members: &[Member], this: usize, rules: &RuleSet) -> FileReport {
        let mut report = members[this].report.clone();
        let view = SetView {
            name: "acme",
            members,
            main: Some(0),
            main_path: "statement.md",
            this,
        };
        judge(view, &mut report, rules, Mode::Check);
        report
    }

    const KIDS: &str = "We do not knowingly collect personal information from children under 13.";
    const COOKIES: &str =
        "Our advertising partners may place third-party cookies on your browser to show you ads.";
    const PASTED: &str = "If you have questions about how we handle your information, write to our privacy team at the address below and we will answer within thirty days.";

    #[test]
    fn a_clause_stated_in_any_member_is_present_and_missing_ones_go_to_main() {
        let rules = rules();
        let members = vec![
            member("statement.md", &format!("# Privacy\n\n{KIDS}\n"), &rules),
            member("cookies.md", &format!("# Cookies\n\n{COOKIES}\n"), &rules),
        ];
        let main = judged(&members, 0, &rules);
        let cookies = judged(&members, 1, &rules);
        let missing = |r: &FileReport| -> Vec<String> {
            r.findings
                .iter()
                .filter(|f| rules.rule(&f.rule).is_some_and(|r| r.is_clause()))
                .map(|f| f.rule.clone())
                .collect()
        };
        assert_eq!(missing(&main), ["breach-notification", "opt-out"]);
        assert!(missing(&cookies).is_empty(), "{:?}", cookies.findings);
        assert!(main
            .findings
            .iter()
            .any(|f| f.message.contains("document set `acme`")));
        let set = &cookies.sets[0];
        let status = |id: &str| set.clauses.iter().find(|c| c.rule == id).unwrap().status;
        assert_eq!(status("children-under-13"), ClauseStatus::Present);
        assert_eq!(status("third-party-cookies"), ClauseStatus::Present);
        assert_eq!(status("opt-out"), ClauseStatus::Missing);
        let evidence = &set
            .clauses
            .iter()
            .find(|c| c.rule == "children-under-13")
            .unwrap()
            .evidence;
        assert_eq!(evidence[0].0.path(), "statement.md");
        assert!(evidence[0].0.text()[evidence[0].1].contains("children under 13"));
    }

    #[test]
    fn a_paragraph_in_two_members_is_a_duplicate_on_the_later_one() {
        let rules = rules();
        let members = vec![
            member("statement.md", &format!("# Privacy\n\n{PASTED}\n"), &rules),
            member(
                "cookies.md",
                &format!("# Cookies\n\n{COOKIES}\n\n{PASTED}\n"),
                &rules,
            ),
        ];
        let reports: Vec<FileReport> = (0..2).map(|this| judged(&members, this, &rules)).collect();
        let dups = |r: &FileReport| -> Vec<Finding> {
            r.findings
                .iter()
                .filter(|f| f.rule == "duplicate-paragraph")
                .cloned()
                .collect()
        };
        assert!(dups(&reports[0]).is_empty());
        let found = dups(&reports[1]);
        assert_eq!(found.len(), 1);
        assert_eq!(&members[1].source.text()[found[0].span], PASTED);
        let related = &found[0].related[0];
        assert_eq!(related.file.as_ref().unwrap().path(), "statement.md");
        assert_eq!(&members[0].source.text()[related.span], PASTED);
    }

    #[test]
    fn in_diff_mode_a_clause_moved_to_another_member_is_not_removed() {
        let rules = rules();
        let old = SourceFile::new("statement.md", format!("# Privacy\n\n{KIDS}\n"));
        let old_report = lint_source(&old, Format::Markdown, &rules);
        let members = vec![
            member(
                "statement.md",
                "# Privacy\n\nWe keep your data safe.\n",
                &rules,
            ),
            member("state.md", &format!("# State notice\n\n{KIDS}\n"), &rules),
        ];
        let mut report = crate::changes::compare(
            &old,
            &old_report,
            &members[0].source,
            &members[0].report,
            "HEAD",
            Format::Markdown,
            &rules,
        );
        assert!(report
            .findings
            .iter()
            .any(|f| f.rule == "children-under-13"));
        let view = SetView {
            name: "acme",
            members: &members,
            main: Some(0),
            main_path: "statement.md",
            this: 0,
        };
        judge(view, &mut report, &rules, Mode::Changes(&old));
        assert!(
            report
                .findings
                .iter()
                .all(|f| f.rule != "children-under-13"),
            "{:?}",
            report.findings
        );
    }
}
