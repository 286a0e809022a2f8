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
use crate::report::{self, FileError, OutputFormat, RenderOptions, RunOutput};
use crate::rules::Severity;
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
                    super::diff::since(&mut outcome, &input.path, &rules, rev, &ctx);
                }
                let mut recorded = Vec::new();
                if let Outcome::Checked { source, report } = &mut outcome {
                    if let Some(c) = &config {
                        c.apply_to_report(report);
                    }
                    if let Some(b) = &known {
                        b.filter(source, report);
                    }
                    if args.write_baseline.is_some() {
                        recorded = baseline::entries(source, report);
                    }
                }
                let tally: Vec<(String, Severity)> = match &outcome {
                    Outcome::Checked { report, .. } => report
                        .findings
                        .iter()
                        .map(|f| (f.rule.clone(), f.severity))
                        .collect(),
                    _ => Vec::new(),
                };
                (report::render(&outcome, &rules, opts), (recorded, tally))
            })
            .collect::<Vec<_>>()
    });
    let (rendered, extra): (Vec<_>, Vec<_>) = results.into_iter().unzip();
    let (recorded, tallies): (Vec<_>, Vec<_>) = extra.into_iter().unzip();
    let errors = walk_errors
        .into_iter()
        .map(|e| FileError {
            path: e.path,
            message: e.message,
        })
        .collect();
    let mut run = report::finish(rendered, errors, opts, &rules);
    if args.quiet {
        quieten(&mut run, args.format);
    }
    out.write_all(run.stdout.as_bytes())?;
    err.write_all(run.stderr.as_bytes())?;
    if args.statistics {
        let table = statistics(tallies.into_iter().flatten());
        if matches!(args.format, OutputFormat::Human | OutputFormat::Short) {
            out.write_all(table.as_bytes())?;
        } else {
            err.write_all(table.as_bytes())?;
        }
    }
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

/// `--quiet`: drops the human summary (always the last line) and the notes
/// about skipped files; errors stay.
fn quieten(run: &mut RunOutput, format: OutputFormat) {
    if format == OutputFormat::Human {
        let body = run.stdout.trim_end_matches('\n');
        let keep = body.rfind('\n').map_or(0, |i| i + 1);
        run.stdout.truncate(keep);
    }
    run.stderr = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with("note: "))
        .map(|l| format!("{l}\n"))
        .collect();
}

/// `--statistics`: findings per rule, most frequent first.
fn statistics(tally: impl Iterator<Item = (String, Severity)>) -> String {
    let mut counts: std::collections::BTreeMap<(String, Severity), usize> =
        std::collections::BTreeMap::new();
    for key in tally {
        *counts.entry(key).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    // Most findings first; among equals, errors before warnings, then by id.
    rows.sort_by(|((ra, sa), na), ((rb, sb), nb)| {
        nb.cmp(na).then(sb.cmp(sa)).then_with(|| ra.cmp(rb))
    });
    let width = rows.first().map_or(1, |r| r.1.to_string().len());
    let mut out = String::from("statistics:\n");
    if rows.is_empty() {
        out.push_str("  no findings\n");
    }
    for ((rule, severity), n) in rows {
        out.push_str(&format!(
            "  {n:>width$}  {:<7}  {rule}\n",
            severity.as_str()
        ));
    }
    out
}
