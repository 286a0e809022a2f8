//! `clauselint check`.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::settings::Settings;
use super::use_color;
use crate::baseline::{self, Baseline};
use crate::cli::CheckArgs;
use crate::exit::ExitStatus;
use crate::lint::Outcome;
use crate::report::{self, FileError, OutputFormat, RenderOptions, RunOutput};
use crate::rules::Severity;
use crate::walk::{self, Input};

/// Runs with more files than this show a progress bar (on a terminal).
const PROGRESS_MIN_FILES: usize = 50;

pub(super) fn run(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let Some(settings) = Settings::load(&args.settings, err)? else {
        return Ok(ExitStatus::Error);
    };
    // Freeing hundreds of compiled automata at exit costs as much as checking
    // a small policy; the process is about to end, so leave that to the OS.
    let settings = std::mem::ManuallyDrop::new(settings);
    let (rules, config) = (&settings.report_rules, &settings.config);
    let fail_on = settings.fail_on(args.output.fail_on);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (mut inputs, walk_errors) = walk::collect(&paths);
    if let Some(c) = config {
        inputs.retain(|i| c.selects(&i.path, &settings.cwd));
        // Only a run over directories can tell that a glob matches nothing;
        // a hook names a few files.
        if paths.iter().all(|p| p.is_dir()) {
            for w in c.unmatched_overrides(inputs.iter().map(|i| i.path.as_path()), &settings.cwd) {
                writeln!(err, "warning: {w}")?;
            }
        }
    }
    if let Some(rev) = &args.since {
        if let Err(e) = crate::git::verify_rev(rev) {
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
        format: args.output.format,
        color: use_color(args.output.color),
        width: super::output_width(),
    };
    let progress = (!args.quiet && inputs.len() > PROGRESS_MIN_FILES && io::stderr().is_terminal())
        .then(|| progress_bar(inputs.len()));
    let cores = settings.threads;
    let threads = cores.min(inputs.len().max(1));
    // Fewer files than threads (a pre-commit hook checks one or two): each
    // file is checked on a pool of all the threads, which share out its
    // patterns and detectors (see `parallel`).
    let pool = (threads < cores)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(cores)
                .build()
                .ok()
        })
        .flatten();
    // Streaming formats are written as each file's turn comes, so memory holds
    // the files in flight, not the run's output; the others (SARIF, JUnit,
    // GitLab) keep the chunks for `finish`.
    let reporter = opts.format.reporter();
    let stream = reporter.streams();
    if stream {
        out.write_all(reporter.head().as_bytes())?;
    }
    let mut streamed_any = false;
    let mut rendered = Vec::with_capacity(inputs.len());
    let mut recorded = Vec::new();
    let mut tallies = Vec::new();
    let check_one = |input: &Input| {
        let lint = || {
            super::input::check(
                &settings,
                &input.path,
                &input.display,
                args.since.as_deref(),
            )
        };
        let mut outcome = match &pool {
            Some(pool) => pool.install(lint),
            None => lint(),
        };
        let mut entries = Vec::new();
        if let Outcome::Checked { source, report } = &mut outcome {
            if let Some(b) = &known {
                b.filter(source, report);
            }
            if args.write_baseline.is_some() {
                entries = baseline::entries(source, report);
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
        (report::render(&outcome, rules, opts), entries, tally)
    };
    check_in_order(&inputs, threads, check_one, |(mut r, entries, tally)| {
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        if stream && r.checked {
            if streamed_any {
                out.write_all(reporter.separator().as_bytes())?;
            }
            streamed_any = true;
            out.write_all(r.stdout.as_bytes())?;
            r.stdout = String::new();
        }
        rendered.push(r);
        recorded.push(entries);
        tallies.push(tally);
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
    let mut run = report::finish(rendered, errors, opts, rules, stream);
    if args.quiet {
        quieten(&mut run, args.output.format);
    }
    out.write_all(run.stdout.as_bytes())?;
    err.write_all(run.stderr.as_bytes())?;
    if args.statistics {
        let table = statistics(tallies.into_iter().flatten());
        if reporter.for_people() {
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
    Ok(super::exit_status(&run, fail_on))
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

/// Runs `work` on every input on `threads` workers and hands the results to
/// `sink` in input order, on the calling thread, so output can stream while
/// staying identical for every thread count.
///
/// # Errors
/// The first error `sink` returns; the workers then stop taking files.
fn check_in_order<T: Send>(
    inputs: &[Input],
    threads: usize,
    work: impl Fn(&Input) -> T + Sync,
    mut sink: impl FnMut(T) -> io::Result<()>,
) -> io::Result<()> {
    if threads == 1 {
        // No worker to hand files to: check them here, one after another.
        return inputs.iter().try_for_each(|input| sink(work(input)));
    }
    let next = AtomicUsize::new(0);
    // Bounded, so workers wait for a slow writer instead of piling up chunks.
    let (tx, rx) = mpsc::sync_channel::<(usize, T)>(threads * 4);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                if tx.send((i, work(input))).is_err() {
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
