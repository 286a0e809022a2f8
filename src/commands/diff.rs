//! `clauselint diff OLD NEW`, and the git side of `check --since REV`.

use std::io::{self, Write};
use std::path::Path;
use std::process::Command;

use super::packs::{self, Builtins};
use super::use_color;
use crate::cli::{DiffArgs, FailOn};
use crate::document::Format;
use crate::engine::Context;
use crate::exit::ExitStatus;
use crate::finding::FileReport;
use crate::lint::{lint_file, lint_source_with, Outcome};
use crate::report::{self, RenderOptions};
use crate::rules::RuleSet;
use crate::source::{decode, decode_html, SourceFile};

/// Whether `rev` names a commit in the repository around `cwd`; the error is
/// git's own message.
pub(super) fn verify_rev(rev: &str) -> Result<(), String> {
    let out = Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .map_err(|e| format!("cannot run git: {}", crate::lint::io_message(&e)))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("`{rev}` is not a commit in this git repository"))
    }
}

/// `path` at git revision `rev`, decoded like the current file; empty if it
/// did not exist there (or was not text).
fn source_at(rev: &str, path: &Path, display: &str) -> SourceFile {
    let bytes = bytes_at(rev, path);
    let decoded = match Format::from_path(path) {
        Format::Html => decode_html(bytes).map(|d| SourceFile::from_decoded(display, d)),
        _ => decode(bytes).map(|text| SourceFile::new(display, text)),
    };
    decoded.unwrap_or_else(|_| SourceFile::new(display, String::new()))
}

/// The bytes of `path` at git revision `rev`; empty if it did not exist.
fn bytes_at(rev: &str, path: &Path) -> Vec<u8> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = path.file_name() else {
        return Vec::new();
    };
    let spec = format!("{rev}:./{}", name.to_string_lossy());
    match Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &spec])
        .output()
    {
        Ok(out) if out.status.success() => out.stdout,
        _ => Vec::new(),
    }
}

/// Keeps only what changed in `report` since `old` (see [`crate::diff`]).
fn compare(
    old: &SourceFile,
    source: &SourceFile,
    report: &FileReport,
    format: Format,
    rules: &RuleSet,
    old_name: &str,
    ctx: &Context,
) -> FileReport {
    let old_report = lint_source_with(old, format, rules, ctx);
    crate::diff::compare(old, &old_report, source, report, old_name, format)
}

/// Turns a checked outcome into the changes since git revision `rev`.
pub(super) fn since(outcome: &mut Outcome, path: &Path, rules: &RuleSet, rev: &str, ctx: &Context) {
    if let Outcome::Checked { source, report } = outcome {
        let old = source_at(rev, path, source.path());
        *report = compare(
            &old,
            source,
            report,
            Format::from_path(path),
            rules,
            rev,
            ctx,
        );
    }
}

pub(super) fn run(
    args: &DiffArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let Some(rules) = packs::load(&args.packs, Builtins::Selected, err)? else {
        return Ok(ExitStatus::Error);
    };
    let old_display = args.old.to_string_lossy().into_owned();
    let old = match lint_file(&args.old, &old_display, &rules) {
        Outcome::Checked { source, .. } => source,
        Outcome::Skipped { path, reason }
        | Outcome::Failed {
            path,
            message: reason,
        } => {
            writeln!(err, "error: {path}: {reason}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let new_display = args.new.to_string_lossy().into_owned();
    let mut outcome = lint_file(&args.new, &new_display, &rules);
    if let Outcome::Checked { source, report } = &mut outcome {
        *report = compare(
            &old,
            source,
            report,
            Format::from_path(&args.new),
            &rules,
            &old_display,
            &Context::system(),
        );
    }
    let opts = RenderOptions {
        format: args.output.format,
        color: use_color(args.output.color),
    };
    let rendered = report::render(&outcome, &rules, opts);
    let run = report::finish(vec![rendered], Vec::new(), opts, &rules, false);
    out.write_all(run.stdout.as_bytes())?;
    err.write_all(run.stderr.as_bytes())?;
    let fail_on = args.output.fail_on.unwrap_or(FailOn::Warning);
    Ok(super::exit_status(&run, fail_on))
}
