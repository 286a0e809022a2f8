//! User rule packs: loading, broken files as diagnostics, `test-rules`, `eval`.

use super::*;
use predicates::prelude::*;

const HOUSE: &str = "fixtures/rule-packs/house.yaml";

#[test]
fn user_pack_works_with_check() {
    let (_, json, _) = check_json(&["--rules", HOUSE, SEED]);
    assert_eq!(clause_status(&json, "dpo-named"), "missing");
    let clause = json["files"][0]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "dpo-named")
        .unwrap();
    assert_eq!(clause["pack"], "acme-house");
    // default packs stay on next to user packs
    assert_eq!(clause_status(&json, "children-under-13"), "present");
}

#[test]
fn user_pack_works_with_test_rules() {
    clauselint()
        .args(["test-rules", HOUSE])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ok      dpo-named (2 examples)"));
}

#[test]
fn wrong_example_fails_test_rules_naming_the_rule() {
    clauselint()
        .args([
            "test-rules",
            "fixtures/rule-packs/broken/wrong-example.yaml",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAILED  dpo-named"))
        .stdout(predicate::str::contains("absent example detected"));
}

#[test]
fn builtin_packs_pass_test_rules() {
    clauselint()
        .arg("test-rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 failing"));
}

fn broken(name: &str) -> String {
    let out = clauselint()
        .args([
            "check",
            "--rules",
            &format!("fixtures/rule-packs/broken/{name}"),
            SEED,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{name}");
    assert!(
        out.stdout.is_empty(),
        "nothing is checked when rules are broken"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn bad_regex_points_at_the_pattern() {
    let err = broken("bad-regex.yaml");
    assert!(
        err.contains("fixtures/rule-packs/broken/bad-regex.yaml: invalid regex"),
        "{err}"
    );
    assert!(err.contains("bad-regex.yaml:12:"), "{err}");
    insta::assert_snapshot!("rule_error__bad_regex", err);
}

#[test]
fn unknown_key_names_the_line() {
    let err = broken("unknown-key.yaml");
    assert!(err.contains("unknown field `scoop`"), "{err}");
    assert!(err.contains("did you mean `scope`?"), "{err}");
    assert!(err.contains("unknown-key.yaml:9:"), "{err}");
}

#[test]
fn duplicate_id_across_packs() {
    let err = broken("duplicate-id.yaml");
    assert!(
        err.contains("duplicate rule id `children-under-13`"),
        "{err}"
    );
    assert!(err.contains("duplicate-id.yaml:4:"), "{err}");
}

#[test]
fn invalid_yaml() {
    let err = broken("invalid-yaml.yaml");
    assert!(
        err.contains("invalid-yaml.yaml: invalid rule pack"),
        "{err}"
    );
    assert!(err.contains("invalid-yaml.yaml:"), "{err}");
}

#[test]
fn eval_prints_a_table() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("yes.md"),
        "We do not knowingly collect data from children under 13.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("no.md"), "We collect data.\n").unwrap();
    std::fs::write(
        dir.path().join("labels.tsv"),
        "file\tclause\tpresent\tevidence\n\
         yes.md\tchildren-under-13\t1\tWe do not knowingly collect\n\
         no.md\tchildren-under-13\t1\tsomething the rule misses\n",
    )
    .unwrap();
    clauselint()
        .args(["eval", "--pack", "core", "--show-errors", "--labels"])
        .arg(dir.path().join("labels.tsv"))
        .assert()
        .code(0)
        .stdout(
            predicate::str::is_match(
                r"children-under-13\s+1\s+0\s+1\s+0\s+1\.000\s+0\.500\s+0\.667",
            )
            .unwrap(),
        )
        .stdout(predicate::str::contains(
            "FN children-under-13 no.md\n   evidence: something the rule misses",
        ));
}

#[test]
fn conditional_and_forbidden_rules_in_json() {
    let dir = tempfile::TempDir::new().unwrap();
    let quiet = dir.path().join("quiet.md");
    std::fs::write(&quiet, "# Policy\n\nWe collect your email address.\n").unwrap();
    let selling = dir.path().join("selling.md");
    std::fs::write(
        &selling,
        "# Policy\n\nWe do not sell your personal information.\n\n## Partners\n\nWe may sell your personal information to partners.\n",
    )
    .unwrap();
    let (code, json, _) = check_json(&[
        "--pack",
        "core",
        "--rules",
        "fixtures/rule-packs/sale.yaml",
        quiet.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "core clauses are missing");
    assert_eq!(clause_status(&json, "do-not-sell-link"), "not-applicable");
    assert_eq!(clause_status(&json, "no-sale-promise-broken"), "missing");
    assert!(findings(&json, "no-sale-promise-broken").is_empty());
    let (_, json, _) = check_json(&[
        "--pack",
        "core",
        "--rules",
        "fixtures/rule-packs/sale.yaml",
        selling.to_str().unwrap(),
    ]);
    assert_eq!(clause_status(&json, "do-not-sell-link"), "missing");
    let forbidden = findings(&json, "no-sale-promise-broken");
    assert_eq!(forbidden.len(), 1, "the negated sentence does not count");
    assert_eq!(forbidden[0]["span"]["line"], 7);
    clauselint()
        .args(["test-rules", "fixtures/rule-packs/sale.yaml"])
        .assert()
        .code(0);
}

/// The packs of the clauses in a JSON report, sorted and deduplicated.
fn packs_of(json: &serde_json::Value) -> Vec<String> {
    let mut packs: Vec<String> = json["files"][0]["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .map(|c| c["pack"].as_str().expect("pack").to_owned())
        .collect();
    packs.sort();
    packs.dedup();
    packs
}

#[test]
fn a_profile_turns_on_its_packs() {
    let (_, json, _) = check_json(&["--profile", "eu", SEED]);
    assert_eq!(packs_of(&json), ["core", "gdpr"]);
    let (_, json, _) = check_json(&["--profile", "us-saas", SEED]);
    assert_eq!(packs_of(&json), ["caloppa", "ccpa", "core", "us-states"]);
    // A profile is also a `--pack` name, and adds to other packs.
    let (_, json, _) = check_json(&["--pack", "eu", "--pack", "ccpa", SEED]);
    assert_eq!(packs_of(&json), ["ccpa", "core", "gdpr"]);
}

#[test]
fn a_profile_in_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".clauselint.yaml"), "packs: eu\n").unwrap();
    let policy = dir.path().join("policy.md");
    std::fs::copy(fixture("markdown/localstack-privacy-2018.md"), &policy).unwrap();
    let out = clauselint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "policy.md"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(packs_of(&json), ["core", "gdpr"]);
    // `--profile` on the command line wins over the file.
    let out = clauselint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--profile",
            "kids",
            "policy.md",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(packs_of(&json), ["caloppa", "coppa", "core"]);
}

#[test]
fn an_unknown_profile_is_a_usage_error() {
    clauselint()
        .args(["check", "--profile", "nope", SEED])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown profile `nope`; profiles are us-saas, eu, kids",
        ));
}

#[test]
fn rules_lists_the_profiles() {
    let out = clauselint().args(["rules"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("us-saas    core, caloppa, ccpa, us-states, hygiene"),
        "{text}"
    );
    let out = clauselint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rule = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "legal-basis")
        .unwrap();
    assert_eq!(rule["profiles"], serde_json::json!(["eu"]));
}

#[test]
fn the_html_report_groups_clauses_by_law() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    clauselint()
        .args(["report", "--pack", "all", "--html"])
        .arg(&out)
        .arg(SEED)
        .assert()
        .success();
    let page = std::fs::read_to_string(&out).unwrap();
    let tally = |law: &str| -> String {
        let at = page
            .find(&format!("\">{law} <span class=\"tally\">"))
            .unwrap_or_else(|| panic!("no group {law}"));
        let rest = &page[at..];
        let start = rest.find("tally\">").unwrap() + "tally\">".len();
        rest[start..start + rest[start..].find('<').unwrap()].to_owned()
    };
    // The rule's own `law` (Art. 8) wins over its pack's (Art. 13).
    assert_eq!(tally("GDPR Art. 8"), "1 of 1 item present");
    // Nine Article 13 clauses; `dpo-contact` is not applicable (the seed names
    // no DPO) and is left out of the count.
    assert_eq!(tally("GDPR Art. 13"), "1 of 8 items present");
    assert_eq!(tally("COPPA Rule (16 CFR 312)"), "not applicable");
    assert!(page.contains("<p class=\"laws\">Core clauses: 4 of 4 items present"));
}
