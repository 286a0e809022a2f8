//! Reading one file and checking it: the glue between I/O and the pure engine.

use std::path::Path;

use crate::document::{Document, Format};
use crate::engine::{self, Context};
use crate::finding::FileReport;
use crate::rules::RuleSet;
use crate::source::{decode, decode_html, DecodeError, SourceFile};

/// What became of one input file.
#[derive(Debug)]
pub enum Outcome {
    /// Checked.
    Checked {
        /// The file as read.
        source: SourceFile,
        /// What was found.
        report: FileReport,
    },
    /// Not checked, on purpose (a binary file).
    Skipped {
        /// Display path.
        path: String,
        /// Why.
        reason: String,
    },
    /// Could not be checked.
    Failed {
        /// Display path.
        path: String,
        /// What went wrong.
        message: String,
    },
}

thread_local! {
    /// The file this thread is checking, so the panic hook can name it.
    static CURRENT_FILE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The file the calling thread is checking, if any (for the panic hook: a
/// crash report names the file that triggered it).
#[must_use]
pub fn current_file() -> Option<String> {
    CURRENT_FILE.with(|f| f.borrow().clone())
}

/// Sets [`current_file`] for as long as it lives (unwinding included).
struct CurrentFile;

impl CurrentFile {
    fn set(display: &str) -> Self {
        CURRENT_FILE.with(|f| *f.borrow_mut() = Some(display.to_owned()));
        CurrentFile
    }
}

impl Drop for CurrentFile {
    fn drop(&mut self) {
        // Not cleared while panicking: the hook runs before unwinding, but a
        // nested report (rayon re-raising the panic) should still see it.
        if !std::thread::panicking() {
            CURRENT_FILE.with(|f| *f.borrow_mut() = None);
        }
    }
}

/// Debug builds only: panic on the file named by `CLAUSELINT_DEBUG_PANIC_ON`,
/// so tests can prove the panic hook's bug-report message and exit code 2.
/// Release builds do not contain this check.
fn debug_panic_trigger(display: &str) {
    #[cfg(debug_assertions)]
    if std::env::var_os("CLAUSELINT_DEBUG_PANIC_ON").is_some_and(|v| v == display) {
        panic!("debug panic requested by CLAUSELINT_DEBUG_PANIC_ON");
    }
    #[cfg(not(debug_assertions))]
    let _ = display;
}

/// Reads and checks the file at `path`, shown as `display`, dated today.
#[must_use]
pub fn lint_file(path: &Path, display: &str, rules: &RuleSet) -> Outcome {
    lint_file_with(path, display, rules, &Context::system())
}

/// Reads and checks the file at `path`, shown as `display`, in `ctx`.
#[must_use]
pub fn lint_file_with(path: &Path, display: &str, rules: &RuleSet, ctx: &Context) -> Outcome {
    let _current = CurrentFile::set(display);
    debug_panic_trigger(display);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Failed {
                path: display.to_owned(),
                message: io_message(&e),
            }
        }
    };
    let format = Format::from_path(path);
    let decoded = match format {
        Format::Html => decode_html(bytes).map(|d| SourceFile::from_decoded(display, d)),
        _ => decode(bytes).map(|text| SourceFile::new(display, text)),
    };
    match decoded {
        Ok(source) => {
            let report = lint_source_with(&source, format, rules, ctx);
            Outcome::Checked { source, report }
        }
        Err(e @ DecodeError::Binary { .. }) => Outcome::Skipped {
            path: display.to_owned(),
            reason: e.to_string(),
        },
        Err(e) => Outcome::Failed {
            path: display.to_owned(),
            message: e.to_string(),
        },
    }
}

/// Checks already-decoded text, dated today.
#[must_use]
pub fn lint_source(source: &SourceFile, format: Format, rules: &RuleSet) -> FileReport {
    lint_source_with(source, format, rules, &Context::system())
}

/// Checks already-decoded text in `ctx`.
#[must_use]
pub fn lint_source_with(
    source: &SourceFile,
    format: Format,
    rules: &RuleSet,
    ctx: &Context,
) -> FileReport {
    let doc = Document::parse(source.clone(), format);
    engine::check_with(&doc, rules, ctx)
}

/// A lowercase I/O error message without the OS error number.
pub(crate) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_lowercase()
        }
    }
}
