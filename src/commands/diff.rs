//! `clauselint diff OLD NEW`, and the git side of `check --since REV`.

use std::io::{self, Write};
use std::path::Path;

use super::settings::Settings;
use super::use_color;
use crate::cli::DiffArgs;
use crate::document::Format;
use crate::engine::Context;
use crate::exit::ExitStatus;
use crate::lint::{lint_file_with, lint_source_with, Outcome};
use crate::report::{self, RenderOptions};
use crate::rules::RuleSet;
use crate::source::{decode, decode_html, SourceFile};

/// `path` at git revision `rev`, decoded like the current file; empty if it
/// did not exist there (or was not text).
fn source_at(rev: &str, path: &Path, display: &str) -> SourceFile {
    let bytes = crate::git::bytes_at(rev, path);
    let decoded = match Format::from_path(path) {
        Format::Html => decode_html(bytes).map(|d| SourceFile::from_decoded(display, d)),
        _ => decode(bytes).map(|text| SourceFile::new(display, text)),
    };
    decoded.unwrap_or_else(|_| SourceFile::new(display, String::new()))
}

/// Turns a checked outcome into the changes since git revision `rev`.
pub(super) fn since(outcome: &mut Outcome, path: &Path, rules: &RuleSet, rev: &str, ctx: &Context) {
    if let Outcome::Checked { source, report } = outcome {
        let format = Format::from_path(path);
        let old = source_at(rev, path, source.path());
        let old_report = lint_source_with(&old, format, rules, ctx);
        *report = crate::changes::compare(&old, &old_report, source, report, rev, format, rules);
    }
}

pub(super) fn run(
    args: &DiffArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let Some(settings) = Settings::load(&args.settings, err)? else {
        return Ok(ExitStatus::Error);
    };
    let (rules, ctx) = (&settings.rules, &settings.ctx);
    // Each side is linted once, with the same settings.
    let old_display = args.old.to_string_lossy().into_owned();
    let (old, old_report) = match lint_file_with(&args.old, &old_display, rules, ctx) {
        Outcome::Checked { source, report } => (source, report),
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
    let mut outcome = lint_file_with(&args.new, &new_display, rules, ctx);
    if let Outcome::Checked { source, report } = &mut outcome {
        *report = crate::changes::compare(
            &old,
            &old_report,
            source,
            report,
            &old_display,
            Format::from_path(&args.new),
            rules,
        );
    }
    let opts = RenderOptions {
        format: args.output.format,
        color: use_color(args.output.color),
        width: super::output_width(),
    };
    let rendered = report::render(&outcome, rules, opts);
    let run = report::finish(vec![rendered], Vec::new(), opts, rules, false);
    out.write_all(run.stdout.as_bytes())?;
    err.write_all(run.stderr.as_bytes())?;
    let fail_on = settings.fail_on(args.output.fail_on);
    Ok(super::exit_status(&run, fail_on))
}
