//! Turning command-line paths into the list of files to check.
//!
//! Files named explicitly are always checked. Directories are walked with the
//! `ignore` crate (so `.gitignore` and hidden files are respected) for policy
//! extensions. The list is sorted so output never depends on walk order.

use std::path::{Path, PathBuf};

use crate::lint::io_message;

/// Extensions checked when walking a directory.
pub const POLICY_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm"];

/// A file to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// Path shown in reports: as given, or as found under a given directory.
    pub display: String,
    /// Path to open.
    pub path: PathBuf,
}

/// A path that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkError {
    /// The path.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// Expands `paths` into sorted, de-duplicated inputs and the errors met on the way.
#[must_use]
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<WalkError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk_dir(p, &mut inputs, &mut errors),
            // A FIFO would block forever and /dev/zero never ends: only
            // regular files are read (walking already skips the others).
            Ok(m) if !m.is_file() => errors.push(WalkError {
                path: display(p),
                message: "not a regular file (a pipe, socket or device), skipped".into(),
            }),
            Ok(_) => inputs.push(Input {
                display: display(p),
                path: p.clone(),
            }),
            Err(e) => errors.push(WalkError {
                path: display(p),
                message: io_message(&e),
            }),
        }
    }
    inputs.sort();
    inputs.dedup();
    (inputs, errors)
}

fn walk_dir(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<WalkError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let is_file = e.file_type().is_some_and(|t| t.is_file());
                if is_file && has_policy_extension(e.path()) {
                    inputs.push(Input {
                        display: display(e.path()),
                        path: e.path().to_path_buf(),
                    });
                }
            }
            Err(err) => errors.push(WalkError {
                path: display(dir),
                message: err.to_string().to_lowercase(),
            }),
        }
    }
}

/// Whether a walked file is one clauselint checks.
#[must_use]
pub fn has_policy_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| POLICY_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_owned()
}
