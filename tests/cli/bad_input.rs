//! Bad input: clear messages, the documented exit code, never a panic.

use super::*;
use predicates::prelude::*;
use tempfile::TempDir;

fn dir_with(files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn invalid_utf8_is_an_error_naming_file_and_offset_and_others_are_still_checked() {
    let seed = seed_text();
    let dir = dir_with(&[
        ("bad.md", b"# Policy\n\nWe collect \xff data.\n"),
        ("good.md", seed.as_bytes()),
    ]);
    let (code, json, stderr) = check_json(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bad.md: invalid UTF-8 at byte offset 21 (line 3)"),
        "{stderr}"
    );
    assert_eq!(
        json["errors"][0]["message"],
        "invalid UTF-8 at byte offset 21 (line 3); save the file as UTF-8"
    );
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
    assert!(json["files"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("good.md"));
}

#[test]
fn binary_file_is_skipped_with_a_note() {
    let dir = dir_with(&[("blob.md", b"\x00\x01\x02binary")]);
    clauselint()
        .arg("check")
        .arg(dir.path().join("blob.md"))
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "blob.md: binary file (NUL byte at offset 0), skipped",
        ));
}

#[test]
fn missing_path_is_an_error() {
    clauselint()
        .args(["check", "no/such/policy.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: no/such/policy.md: no such file or directory",
        ));
}

#[test]
fn empty_file_reports_every_core_clause_missing() {
    let dir = dir_with(&[("empty.md", b"")]);
    let (code, json, _) = check_json(&[dir.path().join("empty.md").to_str().unwrap()]);
    assert_eq!(code, 1);
    for c in json["files"][0]["clauses"].as_array().unwrap() {
        assert_eq!(c["status"], "missing");
    }
    assert_eq!(json["summary"]["errors"], 4);
}

#[test]
fn utf16_is_refused_clearly() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Policy".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let dir = dir_with(&[("u16.txt", &bytes)]);
    clauselint()
        .arg("check")
        .arg(dir.path().join("u16.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("u16.txt: file is UTF-16 encoded"));
}

#[test]
fn unknown_pack_is_a_usage_error() {
    clauselint()
        .args(["check", "--pack", "nope", SEED])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown pack `nope`"));
}

#[test]
fn input_files_are_not_modified() {
    let seed = seed_text();
    let dir = dir_with(&[("p.md", seed.as_bytes())]);
    let path = dir.path().join("p.md");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    for format in ["human", "short", "json"] {
        clauselint()
            .arg("check")
            .args(["--format", format])
            .arg(&path)
            .assert()
            .code(1);
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), seed);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}
