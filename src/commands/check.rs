//! `clauselint check`.

use rayon::prelude::*;
use std::io::{self, Write};
use std::path::PathBuf;

use super::packs::{self, Builtins};
use super::{use_color, with_threads};
use crate::cli::CheckArgs;
use crate::engine::{Context, Date};
use crate::exit::ExitStatus;
use crate::lint::lint_file_with;
use crate::report::{self, FileError, RenderOptions};
use crate::walk;

pub(super) fn run(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let Some(rules) = packs::load(&args.packs, Builtins::Selected, err)? else {
        return Ok(ExitStatus::Error);
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (inputs, walk_errors) = walk::collect(&paths);
    let opts = RenderOptions {
        format: args.format,
        color: use_color(args.color),
    };
    let ctx = Context::new(args.today.unwrap_or_else(Date::today));
    let rendered = with_threads(args.threads, || {
        inputs
            .par_iter()
            .map(|input| {
                report::render(
                    &lint_file_with(&input.path, &input.display, &rules, &ctx),
                    &rules,
                    opts,
                )
            })
            .collect::<Vec<_>>()
    });
    let errors = walk_errors
        .into_iter()
        .map(|e| FileError {
            path: e.path,
            message: e.message,
        })
        .collect();
    let run = report::finish(rendered, errors, opts);
    out.write_all(run.stdout.as_bytes())?;
    err.write_all(run.stderr.as_bytes())?;
    Ok(if run.had_errors {
        ExitStatus::Error
    } else if run.worst.is_some_and(|s| args.fail_on.fails(s)) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
