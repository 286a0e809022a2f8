//! `clauselint diff OLD NEW`.

use std::io::{self, Write};

use super::settings::Settings;
use super::use_color;
use crate::cli::DiffArgs;
use crate::document::Format;
use crate::exit::ExitStatus;
use crate::lint::{lint_file_with, Outcome};
use crate::report::{self, RenderOptions};

pub(super) fn run(
    args: &DiffArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let Some(settings) = Settings::load(&args.settings, err)? else {
        return Ok(ExitStatus::Error);
    };
    // NEW's overrides decide how both sides are read.
    let (rules, ctx) = settings.for_file(&args.new);
    let (rules, ctx) = (&*rules, &ctx);
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
        let this = crate::sets::Member {
            source: source.clone(),
            format: Format::from_path(&args.new),
            report: report.clone(),
        };
        *report = crate::changes::compare(
            &old,
            &old_report,
            source,
            report,
            &old_display,
            Format::from_path(&args.new),
            rules,
        );
        // NEW in a document set: the edit is judged against the whole set.
        super::input::judge_sets(&settings, &args.new, &this, rules, report, Some(&old));
    }
    let opts = RenderOptions {
        format: args.output.format,
        color: use_color(args.output.color),
        width: super::output_width(),
    };
    let rendered = report::render(&outcome, rules, opts);
    let run = report::finish(
        vec![rendered],
        Vec::new(),
        opts,
        &settings.report_rules,
        false,
    );
    out.write_all(run.stdout.as_bytes())?;
    err.write_all(run.stderr.as_bytes())?;
    let fail_on = settings.fail_on(args.output.fail_on);
    Ok(super::exit_status(&run, fail_on))
}
