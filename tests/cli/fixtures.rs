//! Self-describing fixtures: each document marks the findings it expects on
//! the line where they start (`<!-- expect: rule[, rule] -->` in Markdown,
//! `[expect: rule]` in plain text). Every fixture with markers is checked with
//! the default packs and its human output snapshotted: adding a fixture adds a test.

use super::*;
use std::collections::BTreeSet;

fn expected(text: &str) -> BTreeSet<(u64, String)> {
    let marker =
        regex::Regex::new(r"(?:<!--|\[)\s*expect:\s*([a-z0-9,\s-]+?)\s*(?:-->|\])").unwrap();
    let mut out = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        for caps in marker.captures_iter(line) {
            for rule in caps[1].split(',') {
                out.insert((i as u64 + 1, rule.trim().to_owned()));
            }
        }
    }
    out
}

#[test]
fn fixtures_report_what_they_expect() {
    insta::glob!("../../fixtures", "{markdown,plain}/*.{md,txt}", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let want = expected(&text);
        if want.is_empty() {
            return; // no markers: covered by dedicated tests (the seed)
        }
        let rel = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let (_, json, _) = check_json(&["--pack", "core", "--pack", "hygiene", &rel]);
        let got: BTreeSet<(u64, String)> = json["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["span"]["line"].as_u64().unwrap(),
                    f["rule"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(got, want, "{rel}");
        let human = clauselint()
            .args([
                "check", "--today", TODAY, "--pack", "core", "--pack", "hygiene", &rel,
            ])
            .output()
            .unwrap();
        insta::assert_snapshot!(String::from_utf8_lossy(&human.stdout));
    });
}
