//! The git plumbing of `check --since REV`: whether a revision exists, and a
//! file's bytes at a revision. Runs the `git` binary; nothing here decodes or
//! lints.

use std::path::Path;
use std::process::Command;

/// Whether `rev` names a commit in the repository around the working
/// directory.
///
/// # Errors
/// A message when git cannot run or `rev` is not a commit.
pub fn verify_rev(rev: &str) -> Result<(), String> {
    let out = Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .map_err(|e| format!("cannot run git: {}", crate::lint::io_message(&e)))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("`{rev}` is not a commit in this git repository"))
    }
}

/// The bytes of `path` at git revision `rev`; empty if it did not exist
/// there (or git cannot say).
#[must_use]
pub fn bytes_at(rev: &str, path: &Path) -> Vec<u8> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = path.file_name() else {
        return Vec::new();
    };
    let spec = format!("{rev}:./{}", name.to_string_lossy());
    match Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &spec])
        .output()
    {
        Ok(out) if out.status.success() => out.stdout,
        _ => Vec::new(),
    }
}
