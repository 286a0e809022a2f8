//! Checking one input file with everything the run's settings say about it:
//! its overrides, its document sets, and `--since`.

use std::path::{Path, PathBuf};

use super::settings::Settings;
use crate::config::Config;
use crate::document::Format;
use crate::finding::FileReport;
use crate::lint::{lint_file_with, lint_source_with, Outcome};
use crate::rules::RuleSet;
use crate::sets::{self, Member, Mode, SetView};
use crate::source::{decode, decode_html, SourceFile};

/// `path` at git revision `rev`, decoded like the current file; empty if it
/// did not exist there (or was not text).
pub(super) fn source_at(rev: &str, path: &Path, display: &str) -> SourceFile {
    let bytes = crate::git::bytes_at(rev, path);
    let decoded = match Format::from_path(path) {
        Format::Html => decode_html(bytes).map(|d| SourceFile::from_decoded(display, d)),
        _ => decode(bytes).map(|text| SourceFile::new(display, text)),
    };
    decoded.unwrap_or_else(|_| SourceFile::new(display, String::new()))
}

/// Checks the file at `path`, shown as `display`; with `since`, reports what
/// changed since that git revision.
pub(super) fn check(
    settings: &Settings,
    path: &Path,
    display: &str,
    since: Option<&str>,
) -> Outcome {
    let (rules, ctx) = settings.for_file(path);
    let mut outcome = lint_file_with(path, display, &rules, &ctx);
    let Outcome::Checked { source, report } = &mut outcome else {
        return outcome;
    };
    // A set member's plain report is what its set is judged on.
    let in_set = settings
        .config
        .as_ref()
        .is_some_and(|c| !c.sets_of(path, &settings.cwd).is_empty());
    let own = in_set.then(|| report.clone());
    let format = Format::from_path(path);
    let old = since.map(|rev| {
        let old = source_at(rev, path, source.path());
        let old_report = lint_source_with(&old, format, &rules, &ctx);
        *report = crate::changes::compare(&old, &old_report, source, report, rev, format, &rules);
        old
    });
    if let (Some(own), Some(config)) = (own, &settings.config) {
        let this = Member {
            source: source.clone(),
            format,
            report: own,
        };
        // The other members of its sets need not check it again (when it is
        // shown as they would show it, so output does not depend on which
        // file a thread took first).
        let rel = config.relative(path, &settings.cwd);
        if member_path(config, &rel, &settings.cwd).1 == source.path() {
            settings
                .members()
                .entry(rel)
                .or_insert_with(|| Some(this.clone()));
        }
        judge_sets(settings, path, &this, &rules, report, old.as_ref());
    }
    outcome
}

/// Rewrites `report`, the report of member `this` at `path` (made with
/// `rules`; `old`, in diff mode, is the old version), for every document set
/// the file belongs to.
pub(super) fn judge_sets(
    settings: &Settings,
    path: &Path,
    this: &Member,
    rules: &RuleSet,
    report: &mut FileReport,
    old: Option<&SourceFile>,
) {
    let Some(config) = &settings.config else {
        return;
    };
    let rel = config.relative(path, &settings.cwd);
    for i in config.sets_of(path, &settings.cwd) {
        let set = &config.documents[i];
        let mut members = Vec::with_capacity(set.members.len());
        let (mut at, mut main) = (None, None);
        for m in &set.members {
            let member = if *m == rel {
                at = Some(members.len());
                this.clone()
            } else {
                // A member that cannot be read is reported when it is
                // checked itself; the set is judged on the others.
                let Some(member) = other_member(settings, config, m) else {
                    continue;
                };
                member
            };
            if set.is_main(m) {
                main = Some(members.len());
            }
            members.push(member);
        }
        let Some(this) = at else { continue };
        let view = SetView {
            name: &set.name,
            members: &members,
            main,
            main_path: &member_path(config, &set.main, &settings.cwd).1,
            this,
        };
        let mode = old.map_or(Mode::Check, Mode::Changes);
        sets::judge(view, report, rules, mode);
    }
}

/// Another member of a set, checked on its own once per run (each member of
/// a set checked in a run needs all the others).
fn other_member(settings: &Settings, config: &Config, member: &Path) -> Option<Member> {
    if let Some(known) = settings.members().get(member) {
        return known.clone();
    }
    let (path, display) = member_path(config, member, &settings.cwd);
    let (rules, ctx) = settings.for_file(&path);
    let checked = match lint_file_with(&path, &display, &rules, &ctx) {
        Outcome::Checked { source, report } => Some(Member {
            source,
            format: Format::from_path(&path),
            report,
        }),
        _ => None,
    };
    settings
        .members()
        .insert(member.to_path_buf(), checked.clone());
    checked
}

/// A member's path for opening (relative to `cwd` when it is inside it) and
/// for display.
fn member_path(config: &Config, member: &Path, cwd: &Path) -> (PathBuf, String) {
    let full = config.dir().join(member);
    let shown = full
        .strip_prefix(cwd)
        .map_or_else(|_| full.clone(), Path::to_path_buf);
    let display = shown.to_string_lossy().into_owned();
    (shown, display)
}
