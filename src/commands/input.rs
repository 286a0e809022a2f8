//! Checking one input file with everything the run's settings say about it:
//! its overrides, its document sets, and `--since`.

use std::path::{Path, PathBuf};

use super::settings::Settings;
use crate::config::Config;
use crate::document::Format;
use crate::finding::FileReport;
use crate::lint::{lint_file_with, lint_source_with, Outcome};
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
    let own = report.clone();
    let format = Format::from_path(path);
    let old = since.map(|rev| {
        let old = source_at(rev, path, source.path());
        let old_report = lint_source_with(&old, format, &rules, &ctx);
        *report = crate::changes::compare(&old, &old_report, source, report, rev, format, &rules);
        old
    });
    judge_sets(settings, path, source, &own, report, old.as_ref());
    outcome
}

/// Rewrites `report`, the report of `source` at `path` (`own` is its report
/// as a plain check; `old`, in diff mode, the old version), for every
/// document set the file belongs to.
pub(super) fn judge_sets(
    settings: &Settings,
    path: &Path,
    source: &SourceFile,
    own: &FileReport,
    report: &mut FileReport,
    old: Option<&SourceFile>,
) {
    let Some(config) = &settings.config else {
        return;
    };
    let (rules, _) = settings.for_file(path);
    let format = Format::from_path(path);
    let sets = config.sets_of(path, &settings.cwd);
    let rel = config.relative(path, &settings.cwd);
    for i in sets {
        let set = &config.documents[i];
        let mut members = Vec::with_capacity(set.members.len());
        let (mut this, mut main) = (None, None);
        for m in &set.members {
            if *m == rel {
                this = Some(members.len());
                members.push(Member {
                    source: source.clone(),
                    format,
                    report: own.clone(),
                });
            } else {
                let (path, display) = member_path(config, m, &settings.cwd);
                let (rules, ctx) = settings.for_file(&path);
                // A member that cannot be read is reported when it is checked
                // itself; the set is judged on the others.
                if let Outcome::Checked { source, report } =
                    lint_file_with(&path, &display, &rules, &ctx)
                {
                    members.push(Member {
                        source,
                        format: Format::from_path(&path),
                        report,
                    });
                } else {
                    continue;
                }
            }
            if set.is_main(m) {
                main = Some(members.len() - 1);
            }
        }
        let Some(this) = this else { continue };
        let view = SetView {
            name: &set.name,
            members: &members,
            // The main file unreadable: nothing is reported as missing.
            main: main.unwrap_or(usize::MAX),
            this,
        };
        let mode = old.map_or(Mode::Check, Mode::Changes);
        sets::judge(view, report, &rules, mode);
    }
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
