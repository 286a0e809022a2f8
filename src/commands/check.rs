//! `clauselint check`.
//!
//! Files are checked by a pool of workers that take the next file in path
//! order from a shared counter, so results arrive nearly in order. The
//! calling thread writes each file's rendered chunk as soon as every file
//! before it is written (human and short output), so memory holds only the
//! files in flight and the few chunks waiting for an earlier one, whatever
//! the corpus size. JSON is one document and is assembled at the end from the
//! per-file chunks. Output is byte-identical for every thread count.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::packs::{self, Builtins};
use super::use_color;
use crate::cli::CheckArgs;
use crate::exit::ExitStatus;
use crate::lint::lint_file;
use crate::report::{self, FileError, OutputFormat, RenderOptions, Rendered};
use crate::rules::RuleSet;
use crate::walk::{self, Input};

/// Runs with more files than this show a progress bar (on a terminal).
const PROGRESS_MIN_FILES: usize = 50;

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
    let progress = (!args.quiet && inputs.len() > PROGRESS_MIN_FILES && io::stderr().is_terminal())
        .then(|| progress_bar(inputs.len()));
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .clamp(1, inputs.len().max(1));
    // Streaming formats are written as they come; aggregate ones (JSON, and
    // any format added later unless listed here) keep the chunks for `finish`.
    let stream = matches!(opts.format, OutputFormat::Human | OutputFormat::Short);
    let mut rendered = Vec::with_capacity(inputs.len());
    check_in_order(&inputs, &rules, opts, threads, |mut r| {
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        if stream {
            out.write_all(r.stdout.as_bytes())?;
            r.stdout = String::new();
        }
        rendered.push(r);
        Ok(())
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
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

/// Checks and renders every input on `threads` workers and hands the results
/// to `sink` in input order, on the calling thread.
///
/// # Errors
/// The first error `sink` returns; the workers then stop taking files.
fn check_in_order(
    inputs: &[Input],
    rules: &RuleSet,
    opts: RenderOptions,
    threads: usize,
    mut sink: impl FnMut(Rendered) -> io::Result<()>,
) -> io::Result<()> {
    let next = AtomicUsize::new(0);
    // Bounded, so workers wait for a slow writer instead of piling up chunks.
    let (tx, rx) = mpsc::sync_channel::<(usize, Rendered)>(threads * 4);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                let outcome = lint_file(&input.path, &input.display, rules);
                let rendered = report::render(&outcome, rules, opts);
                drop(outcome);
                if tx.send((i, rendered)).is_err() {
                    break; // the writer gave up
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&due) {
                due += 1;
                if let Err(e) = sink(r) {
                    // Stop the workers: no file after this one is taken.
                    next.store(inputs.len(), Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(())
    })
}

fn progress_bar(total: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files  {rate}  {eta} left")
    {
        bar.set_style(style.with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} files/s", state.per_sec());
            },
        ));
    }
    bar
}
