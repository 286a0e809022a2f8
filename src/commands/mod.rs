//! The subcommands: each turns parsed arguments into output and an exit status.

mod check;
mod completions;
mod diff;
mod eval;
mod explain;
mod html_report;
mod input;
mod list;
mod packs;
mod settings;
mod test_rules;

use std::io::{self, Write};

use crate::cli::{Cli, ColorChoice, Command};
use crate::exit::ExitStatus;

/// Runs a parsed command line, writing to `out` and `err`.
///
/// # Errors
/// Only I/O errors writing the output (a closed pipe, say).
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    match cli.command {
        Command::Check(args) => check::run(&args, out, err),
        Command::Rules(args) => list::run(&args, out, err),
        Command::Explain(args) => explain::run(&args, out, err),
        Command::TestRules(args) => test_rules::run(&args, out, err),
        Command::Eval(args) => eval::run(&args, out, err),
        Command::Report(args) => html_report::run(&args, out, err),
        Command::Diff(args) => diff::run(&args, out, err),
        Command::Completions(args) => completions::completions(&args, out),
        Command::Man(args) => completions::man(&args, out, err),
    }
}

/// The exit status of a lint run: errors win over findings, and findings
/// count from the `--fail-on` severity up.
pub(crate) fn exit_status(
    run: &crate::report::RunOutput,
    fail_on: crate::cli::FailOn,
) -> ExitStatus {
    if run.had_errors {
        ExitStatus::Error
    } else if run.worst.is_some_and(|s| fail_on.fails(s)) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// Resolves `--color` against the terminal and `NO_COLOR`.
pub(crate) fn use_color(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// How wide human output may be: the terminal's width when stdout is one,
/// else 100 columns.
pub(crate) fn output_width() -> usize {
    use std::io::IsTerminal;
    const NOT_A_TERMINAL: usize = 100;
    if !io::stdout().is_terminal() {
        return NOT_A_TERMINAL;
    }
    terminal_size::terminal_size().map_or(NOT_A_TERMINAL, |(w, _)| usize::from(w.0))
}

/// Runs `f` on a pool of `threads` workers (all cores when `None`).
pub(crate) fn with_threads<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        builder = builder.num_threads(n.max(1));
    }
    match builder.build() {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}
