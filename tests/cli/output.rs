//! Output formats, colours and the exit-code contract.

use super::*;
use predicates::prelude::*;

#[test]
fn human_output_on_the_seed() {
    let out = clauselint()
        .args(["check", "--today", TODAY, SEED])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("human__seed", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn human_output_for_a_missing_clause() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("policy.md");
    std::fs::write(&path, seed_without_line(89)).unwrap();
    let out = clauselint()
        .current_dir(dir.path())
        .args(["check", "--today", TODAY, "--pack", "core", "policy.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(
        "human__seed_without_breach",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A paragraph of 2,000 characters on one line, with multi-byte text where
/// the window cuts it: the excerpt shows a window of the line around the
/// span, with "…" at the cuts and carets under the span only; the header's
/// line and column stay those of the file.
#[test]
fn a_long_line_is_cut_to_a_window_around_the_span() {
    let dir = tempfile::TempDir::new().unwrap();
    let filler = "We keep the café’s naïve résumé data — ✓ 日本語 safe for you. ";
    let mut para = String::new();
    while para.chars().count() < 1_000 {
        para.push_str(filler);
    }
    para.push_str("We may share data with third parties to parties to advertisers. ");
    while para.chars().count() < 2_000 {
        para.push_str(filler);
    }
    let text = format!("# Privacy\n\n{para}\n");
    std::fs::write(dir.path().join("long.md"), &text).unwrap();
    let out = clauselint()
        .current_dir(dir.path())
        .args(["check", "--pack", "hygiene", "long.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    // The header's column counts characters from the line start.
    let at = text.find("parties to parties").unwrap();
    let line_start = text[..at].rfind('\n').unwrap() + 1;
    let column = text[line_start..at].chars().count() + 1;
    assert!(stdout.contains(&format!("long.md:3:{column}")), "{stdout}");
    // Nothing wider than 100 columns (not a terminal).
    for line in stdout.lines() {
        assert!(
            line.chars().count() <= 100,
            "{}: {line}",
            line.chars().count()
        );
    }
    insta::assert_snapshot!("human__long_line", stdout);
}

#[test]
fn short_output() {
    clauselint()
        .args([
            "check", "--format", "short", "--pack", "core", "--pack", "hygiene", "--today", TODAY,
            SEED,
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(format!(
            "{SEED}:37:1: warning[duplicate-paragraph] this paragraph repeats an earlier one\n"
        )))
        .stdout(predicate::str::contains(format!(
            "{SEED}:49:382: warning[repeated-words] words repeated: \"parties to parties to\"\n"
        )))
        .stdout(predicate::str::contains(format!(
            "{SEED}:61:246: warning[mojibake] garbled characters: \"Â´\"\n"
        )));
}

#[test]
fn json_has_the_contract_shape() {
    let (_, json, _) = check_json(&[SEED]);
    assert_eq!(json["schema_version"], 1);
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&json),
        ["errors", "files", "schema_version", "summary"]
    );
    assert_eq!(keys(&json["files"][0]), ["clauses", "findings", "path"]);
    assert_eq!(
        keys(&json["files"][0]["clauses"][0]),
        ["matches", "pack", "rule", "status"]
    );
    let finding = &json["files"][0]["findings"][0];
    assert_eq!(
        keys(finding),
        ["message", "related", "rule", "severity", "span"]
    );
    assert_eq!(
        keys(&finding["span"]),
        ["column", "end", "end_column", "end_line", "line", "start"]
    );
    assert_eq!(
        keys(&json["summary"]),
        ["errors", "files", "infos", "warnings"]
    );
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["summary"]["warnings"], 7);
    // every active clause rule is listed, present or not
    assert_eq!(json["files"][0]["clauses"].as_array().unwrap().len(), 4);
}

#[test]
fn findings_are_sorted_by_path_then_start() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("b.md"), seed_text()).unwrap();
    std::fs::write(dir.path().join("a.md"), "the the policy\n").unwrap();
    let (_, json, _) = check_json(&[dir.path().to_str().unwrap()]);
    let paths = file_paths(&json);
    assert!(
        paths[0].ends_with("a.md") && paths[1].ends_with("b.md"),
        "{paths:?}"
    );
    for f in json["files"].as_array().unwrap() {
        let starts: Vec<u64> = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["span"]["start"].as_u64().unwrap())
            .collect();
        let mut sorted = starts.clone();
        sorted.sort_unstable();
        assert_eq!(starts, sorted);
    }
}

#[test]
fn fail_on_sets_the_exit_code() {
    // The seed has only warnings.
    clauselint()
        .args(["check", "--fail-on", "error", SEED])
        .assert()
        .code(0);
    clauselint()
        .args(["check", "--fail-on", "warning", SEED])
        .assert()
        .code(1);
    clauselint()
        .args([
            "check",
            "--fail-on",
            "never",
            "--pack",
            "core",
            "fixtures/markdown/no-clauses.md",
        ])
        .assert()
        .code(0);
    clauselint()
        .args([
            "check",
            "--fail-on",
            "error",
            "--pack",
            "core",
            "fixtures/markdown/no-clauses.md",
        ])
        .assert()
        .code(1);
}

#[test]
fn color_always_and_never() {
    let colored = clauselint()
        .args(["check", "--color", "always", SEED])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&colored.stdout).contains("\u{1b}["));
    let plain = clauselint()
        .args(["check", "--color", "never", SEED])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("\u{1b}["));
}

#[test]
fn directories_are_walked_for_policy_extensions_respecting_gitignore() {
    let dir = tempfile::TempDir::new().unwrap();
    for name in ["a.md", "b.txt", "c.markdown", "skip.rs", "ignored.md"] {
        std::fs::write(
            dir.path().join(name),
            "We do not knowingly collect data from children under 13.\n",
        )
        .unwrap();
    }
    std::fs::write(dir.path().join(".gitignore"), "ignored.md\n").unwrap();
    let (_, json, _) = check_json(&["--pack", "core", dir.path().to_str().unwrap()]);
    let mut names: Vec<String> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            Path::new(f["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["a.md", "b.txt", "c.markdown"]);
}

#[test]
fn rules_and_explain() {
    clauselint()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("core (built-in, on by default)"))
        .stdout(predicate::str::contains("children-under-13"));
    let out = clauselint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kids = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "children-under-13")
        .unwrap();
    assert_eq!(kids["pack"], "core");
    assert_eq!(kids["default"], true);
    assert!(kids["references"][0]["cite"]
        .as_str()
        .unwrap()
        .contains("COPPA"));
    clauselint()
        .args(["explain", "breach-notification"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("GDPR Art. 33-34"))
        .stdout(predicate::str::contains("examples (present)"));
    clauselint()
        .args(["explain", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
}

/// JSON is written file by file as each file is checked; with files before,
/// between and after a skipped file and a missing one, the frame stays one
/// valid object and lists exactly the files checked.
#[test]
fn streamed_json_frames_checked_skipped_and_missing_files() {
    let dir = tempfile::TempDir::new().unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    std::fs::write(dir.path().join("a.md"), &seed).unwrap();
    std::fs::write(dir.path().join("b.md"), b"\x00binary").unwrap();
    std::fs::write(dir.path().join("c.md"), &seed).unwrap();
    let missing = dir.path().join("missing.md");
    let (code, json, _) = check_json(&[dir.path().to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    let paths = file_paths(&json);
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("a.md") && paths[1].ends_with("c.md"));
    assert_eq!(json["summary"]["files"], 2);
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert!(errors[0]["path"].as_str().unwrap().ends_with("missing.md"));
    // Nothing checked at all: still one object with an empty array.
    let (_, empty, _) = check_json(&[missing.to_str().unwrap()]);
    assert_eq!(empty["files"].as_array().unwrap().len(), 0);
}
