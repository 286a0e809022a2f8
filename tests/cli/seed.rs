//! The seed policy: issue 2's acceptance cases.

use super::*;
use tempfile::TempDir;

const CORE: [&str; 4] = [
    "children-under-13",
    "breach-notification",
    "opt-out",
    "third-party-cookies",
];

#[test]
fn seed_has_all_core_clauses_and_one_duplicate_paragraph() {
    let (code, json, _) = check_json(&[SEED]);
    assert_eq!(code, 1);
    for rule in CORE {
        assert_eq!(clause_status(&json, rule), "present", "{rule}");
    }
    let dups = findings(&json, "duplicate-paragraph");
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0]["span"]["line"], 37);
    assert_eq!(dups[0]["span"]["column"], 1);
    assert_eq!(dups[0]["related"][0]["span"]["line"], 35);
    assert_eq!(json["files"][0]["path"], SEED);
}

fn check_edited(text: &str, name: &str) -> (i32, Value) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let (code, json, _) = check_json(&[path.to_str().unwrap()]);
    (code, json)
}

#[test]
fn deleting_the_children_paragraph_reports_it_missing_on_its_heading() {
    let (code, json) = check_edited(&seed_without_line(45), "policy.md");
    assert_eq!(code, 1);
    assert_eq!(clause_status(&json, "children-under-13"), "missing");
    let f = findings(&json, "children-under-13");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["severity"], "error");
    assert_eq!(f[0]["span"]["line"], 43, "anchored on `## Children`");
    assert_eq!(f[0]["span"]["column"], 4);
}

#[test]
fn deleting_the_breach_paragraph_reports_it_missing_on_its_heading() {
    let (code, json) = check_edited(&seed_without_line(89), "policy.md");
    assert_eq!(code, 1);
    assert_eq!(clause_status(&json, "breach-notification"), "missing");
    let f = findings(&json, "breach-notification");
    assert_eq!(f[0]["span"]["line"], 87, "anchored on the breach heading");
    for rule in ["children-under-13", "opt-out", "third-party-cookies"] {
        assert_eq!(clause_status(&json, rule), "present", "{rule}");
    }
}

/// Every (line, column, end_line, end_column) of every finding and match.
fn positions(json: &Value) -> Vec<(u64, u64, u64, u64)> {
    let mut out = Vec::new();
    let mut push = |s: &Value| {
        out.push((
            s["line"].as_u64().unwrap(),
            s["column"].as_u64().unwrap(),
            s["end_line"].as_u64().unwrap(),
            s["end_column"].as_u64().unwrap(),
        ));
    };
    for c in json["files"][0]["clauses"].as_array().unwrap() {
        for m in c["matches"].as_array().unwrap() {
            push(m);
        }
    }
    for f in json["files"][0]["findings"].as_array().unwrap() {
        push(&f["span"]);
        for r in f["related"].as_array().unwrap() {
            push(&r["span"]);
        }
    }
    out
}

#[test]
fn crlf_and_bom_copies_give_the_same_lines_and_columns() {
    let (_, lf, _) = check_json(&[SEED]);
    let crlf_text = seed_text().replace('\n', "\r\n");
    let (code, crlf) = check_edited(&crlf_text, "crlf.md");
    assert_eq!(code, 1);
    assert_eq!(positions(&lf), positions(&crlf));
    let (_, bom) = check_edited(&format!("\u{feff}{}", seed_text()), "bom.md");
    assert_eq!(positions(&lf), positions(&bom));
    // byte offsets shift by the BOM's three bytes
    let start = |j: &Value| {
        findings(j, "duplicate-paragraph")[0]["span"]["start"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(start(&bom), start(&lf) + 3);
}

#[test]
fn spans_slice_the_original_text() {
    let (_, json, _) = check_json(&[SEED]);
    let text = seed_text();
    let dup = findings(&json, "duplicate-paragraph")[0];
    let (s, e) = (
        dup["span"]["start"].as_u64().unwrap() as usize,
        dup["span"]["end"].as_u64().unwrap() as usize,
    );
    assert!(text[s..e].starts_with("On some of the pages"));
    assert!(text[s..e].ends_with("personal information."));
    let rep = findings(&json, "repeated-words")[0];
    let (s, e) = (
        rep["span"]["start"].as_u64().unwrap() as usize,
        rep["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "parties to parties to");
    let kids = json["files"][0]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "children-under-13")
        .unwrap();
    let m = &kids["matches"][0];
    let (s, e) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    assert!(
        text[s..e].contains("children under the age of 13"),
        "{}",
        &text[s..e]
    );
}
