//! `clauselint check`.

use clap::ValueEnum;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::packs::{self, Builtins};
use super::{use_color, with_threads};
use crate::baseline::{self, Baseline};
use crate::cli::{CheckArgs, FailOn, PackArgs};
use crate::config::{self, Config};
use crate::engine::{Context, Date};
use crate::exit::ExitStatus;
use crate::lint::{lint_file_with, Outcome};
use crate::report::{self, FileError, RenderOptions};
use crate::walk;

/// The configuration that applies: `--config`, else discovered, unless `--isolated`.
fn load_config(args: &CheckArgs, cwd: &Path) -> Result<Option<Config>, config::ConfigError> {
    if args.isolated {
        return Ok(None);
    }
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => config::discover(cwd),
    };
    path.map(|p| Config::load(&p)).transpose()
}

pub(super) fn run(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let config = match load_config(args, &cwd) {
        Ok(c) => c,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let mut pack_args: PackArgs = args.packs.clone();
    if let Some(c) = &config {
        if pack_args.packs.is_empty() {
            pack_args.packs = c.packs.clone().unwrap_or_default();
        }
        let mut rules = c.rules.clone();
        rules.append(&mut pack_args.rules);
        pack_args.rules = rules;
    }
    let Some(mut rules) = packs::load(&pack_args, Builtins::Selected, err)? else {
        return Ok(ExitStatus::Error);
    };
    if let Some(c) = &config {
        let unknown = c.unknown_rules(&rules);
        if !unknown.is_empty() {
            for e in unknown {
                writeln!(err, "error: {e}")?;
            }
            return Ok(ExitStatus::Error);
        }
        rules = c.apply(&rules);
    }
    let fail_on = args
        .fail_on
        .or_else(|| {
            let f = config.as_ref()?.fail_on.as_deref()?;
            FailOn::from_str(f, true).ok()
        })
        .unwrap_or(FailOn::Warning);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (mut inputs, walk_errors) = walk::collect(&paths);
    if let Some(c) = &config {
        inputs.retain(|i| c.selects(&i.path, &cwd));
    }
    if let Some(rev) = &args.since {
        if let Err(e) = super::diff::verify_rev(rev) {
            writeln!(err, "error: --since: {e}")?;
            return Ok(ExitStatus::Error);
        }
    }
    let known = match args.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(b) => b,
        Err(e) => {
            let path = args.baseline.as_deref().unwrap_or(Path::new("")).display();
            writeln!(err, "error: {path}: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let opts = RenderOptions {
        format: args.format,
        color: use_color(args.color),
    };
    let ctx = Context::new(args.today.unwrap_or_else(Date::today));
    let results = with_threads(args.threads, || {
        inputs
            .par_iter()
            .map(|input| {
                let mut outcome = lint_file_with(&input.path, &input.display, &rules, &ctx);
                if let Some(rev) = &args.since {
                    super::diff::since(&mut outcome, &input.path, &rules, rev);
                }
                let mut recorded = Vec::new();
                if let Outcome::Checked { source, report } = &mut outcome {
                    if let Some(b) = &known {
                        b.filter(source, report);
                    }
                    if args.write_baseline.is_some() {
                        recorded = baseline::entries(source, report);
                    }
                }
                (report::render(&outcome, &rules, opts), recorded)
            })
            .collect::<Vec<_>>()
    });
    let (rendered, recorded): (Vec<_>, Vec<_>) = results.into_iter().unzip();
    let errors = walk_errors
        .into_iter()
        .map(|e| FileError {
            path: e.path,
            message: e.message,
        })
        .collect();
    let run = report::finish(rendered, errors, opts, &rules);
    out.write_all(run.stdout.as_bytes())?;
    err.write_all(run.stderr.as_bytes())?;
    if let Some(path) = &args.write_baseline {
        let entries: Vec<_> = recorded.into_iter().flatten().collect();
        let n = entries.len();
        if let Err(e) = std::fs::write(path, Baseline::render(entries)) {
            writeln!(
                err,
                "error: {}: {}",
                path.display(),
                crate::lint::io_message(&e)
            )?;
            return Ok(ExitStatus::Error);
        }
        writeln!(
            err,
            "wrote {n} finding{} to baseline {}",
            if n == 1 { "" } else { "s" },
            path.display()
        )?;
        return Ok(if run.had_errors {
            ExitStatus::Error
        } else {
            ExitStatus::Clean
        });
    }
    Ok(if run.had_errors {
        ExitStatus::Error
    } else if run.worst.is_some_and(|s| fail_on.fails(s)) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
