//! The `clauselint` binary: parse arguments, run, map the result to an exit code.

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clauselint::cli::Cli;
use clauselint::exit::ExitStatus;

/// See the note on `mimalloc` in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // A worker's panic is re-raised on the thread that joins it; report
        // the first one only (it names the file being checked).
        static REPORTED: AtomicBool = AtomicBool::new(false);
        if REPORTED.swap(true, Ordering::SeqCst) {
            return;
        }
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        // The file being checked on this thread, when the panic happened there.
        let file = clauselint::lint::current_file()
            .map(|f| format!(" while checking {f}"))
            .unwrap_or_default();
        let _ = writeln!(
            io::stderr(),
            "error: clauselint crashed{file} ({what}{at}).\nThis is a bug: please report it with the command line and, if you can, the file that triggered it."
        );
    }));
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // Not `stderr.lock()`: the panic hook writes to stderr from whichever
    // thread panicked, and a rayon worker would wait forever for a lock held
    // by the main thread, which is itself waiting for that worker (a hang
    // found by tests/hostile.rs `panic_prints_bug_report_message_and_exits_2`).
    let mut err = io::stderr();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        clauselint::commands::run(cli, &mut out, &mut err).and_then(|s| out.flush().map(|()| s))
    }));
    match result {
        Ok(Ok(status)) => status.into(),
        // A closed pipe (`clauselint check | head`) is not a failure.
        Ok(Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            let _ = writeln!(io::stderr(), "error: {e}");
            ExitStatus::Error.into()
        }
        Err(_) => ExitStatus::Error.into(),
    }
}
