//! End-to-end tests of the `clauselint` binary: one integration-test binary,
//! one module per concern.

mod bad_input;
mod fixtures;
mod output;
mod rule_packs;
mod seed;

use serde_json::Value;
use std::path::{Path, PathBuf};

#[path = "../support/env.rs"]
mod env;
pub(crate) use env::{clauselint, TODAY};

/// Path of a fixture, relative to the crate root.
pub(crate) fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

pub(crate) const SEED: &str = "fixtures/markdown/localstack-privacy-2018.md";

/// The seed's text.
pub(crate) fn seed_text() -> String {
    std::fs::read_to_string(fixture("markdown/localstack-privacy-2018.md")).expect("seed fixture")
}

/// Runs `check --format json` with extra args; returns (exit code, JSON, stderr).
/// The `path` of every file object in a JSON report, in order.
pub(crate) fn file_paths(json: &Value) -> Vec<&str> {
    json["files"]
        .as_array()
        .expect("a files array")
        .iter()
        .map(|f| f["path"].as_str().expect("a path"))
        .collect()
}

pub(crate) fn check_json(args: &[&str]) -> (i32, Value, String) {
    let out = clauselint()
        .arg("check")
        .args(["--format", "json", "--today", TODAY])
        .args(args)
        .output()
        .expect("runs");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (
        out.status.code().expect("exit code"),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The seed with 1-based `line` removed.
pub(crate) fn seed_without_line(line: usize) -> String {
    seed_text()
        .split_inclusive('\n')
        .enumerate()
        .filter(|(i, _)| i + 1 != line)
        .map(|(_, l)| l)
        .collect()
}

/// Status of `rule` in the first file of a JSON report.
pub(crate) fn clause_status<'a>(json: &'a Value, rule: &str) -> &'a str {
    json["files"][0]["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .find(|c| c["rule"] == rule)
        .unwrap_or_else(|| panic!("no clause {rule}"))["status"]
        .as_str()
        .expect("status")
}

/// Findings of `rule` in the first file of a JSON report.
pub(crate) fn findings<'a>(json: &'a Value, rule: &str) -> Vec<&'a Value> {
    json["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}
