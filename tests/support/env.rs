//! What the integration tests share: the binary with a pinned environment,
//! and where things from outside the repository are.
//!
//! A test that needs something outside the repository (the shared corpus,
//! Chromium, the Python tools, a slow 50 MB input) is marked
//! `#[ignore = "needs …"]`, so a plain `cargo test` lists it as ignored
//! instead of passing it silently. `cargo test -- --include-ignored` (what
//! `.ci/run` runs, after installing the tools) runs it, and then a missing
//! need fails it with a message that says what to install or set.
#![allow(dead_code)] // each test binary uses a part

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The check date every run is pinned to (for `stale-policy`).
pub const TODAY: &str = "2026-11-30";

/// The crate root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `clauselint` binary with a pinned environment: the crate root as
/// working directory, no colour, the check date pinned, no debugging hooks.
pub fn clauselint() -> Command {
    let mut cmd = Command::cargo_bin("clauselint").expect("binary built");
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env("CLAUSELINT_TODAY", TODAY)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLAUSELINT_DEBUG_PANIC_ON")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// The shared material: `$CLAUSELINT_SHARED`, or `../shared` beside the
/// crate.
///
/// # Panics
/// When it is not there: only ignored tests (`#[ignore = "needs
/// ../shared"]`) call this, so the test was asked for explicitly.
pub fn shared_dir() -> PathBuf {
    let dir = std::env::var_os("CLAUSELINT_SHARED")
        .map_or_else(|| root().join("../shared"), PathBuf::from);
    assert!(
        dir.join("corpus").is_dir(),
        "this test needs the shared corpus at {}: place it there or set CLAUSELINT_SHARED",
        dir.display()
    );
    dir
}

/// `found`, or a failure naming what the test needs and how to get it.
pub fn need<T>(found: Option<T>, what: &str) -> T {
    found.unwrap_or_else(|| panic!("this test needs {what}"))
}

/// The `pre-commit` tool: `$CLAUSELINT_PRE_COMMIT`, the one `.ci/run`
/// installs in `.ci/venv`, or `pre-commit` on `PATH`.
pub fn pre_commit() -> Option<PathBuf> {
    std::env::var_os("CLAUSELINT_PRE_COMMIT")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            root().join(".ci/venv/bin/pre-commit"),
            PathBuf::from("pre-commit"),
        ])
        .find(|p| {
            std::process::Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}
