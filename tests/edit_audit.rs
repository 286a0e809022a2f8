//! The edit audit, pinned: `diff --pack all` over real successive versions of
//! privacy policies (`../shared/corpus/history/`) must report every clause
//! that a reader found stated in the old version and gone from the new one,
//! and no clause that a reader found still stated (or never stated).
//!
//! The reader's verdicts are `labels/history-truth.tsv` (one row per version
//! file and clause, made by reading both versions against `CLAUSES.md`);
//! `docs/accuracy.md` has the audit table. Needs the shared corpus
//! (`../shared`, or the folder in `CLAUSELINT_SHARED`); ignored unless asked
//! for (see `support/env.rs`).

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[path = "support/env.rs"]
mod env;

/// (version file, clause) → stated?
fn truth() -> BTreeMap<(String, String), bool> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("labels/history-truth.tsv");
    let text =
        std::fs::read_to_string(&path).expect("labels/history-truth.tsv is in the repository");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (file, clause, present) = (col("file"), col("clause"), col("present"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (
                (cols[file].to_owned(), cols[clause].to_owned()),
                cols[present] == "1",
            )
        })
        .collect()
}

/// Consecutive version pairs of each service, in `INDEX.tsv` order.
fn pairs(shared: &Path) -> Vec<(String, String)> {
    let index =
        std::fs::read_to_string(shared.join("corpus/history/INDEX.tsv")).expect("INDEX.tsv");
    let mut by_service: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in index.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() > 1 {
            by_service
                .entry(cols[0].to_owned())
                .or_default()
                .push(cols[1].to_owned());
        }
    }
    by_service
        .values()
        .flat_map(|v| {
            v.windows(2)
                .map(|w| (w[0].clone(), w[1].clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The clauses `diff` reports as removed from `old` to `new`, and whether it
/// reported the document replaced.
fn removed(shared: &Path, old: &str, new: &str) -> (BTreeSet<String>, bool) {
    let dir = shared.join("corpus/history");
    let out = env::clauselint()
        .env("CLAUSELINT_TODAY", "2026-12-04")
        .args([
            "diff",
            "--pack",
            "all",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .arg(dir.join(old))
        .arg(dir.join(new))
        .output()
        .expect("runs");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{old} → {new}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut clauses = BTreeSet::new();
    let mut replaced = false;
    for f in json["files"][0]["findings"].as_array().expect("findings") {
        let rule = f["rule"].as_str().expect("rule");
        if f["message"]
            .as_str()
            .is_some_and(|m| m.contains("removed since"))
        {
            clauses.insert(rule.to_owned());
        }
        replaced |= rule == "document-replaced";
    }
    (clauses, replaced)
}

#[test]
#[ignore = "needs ../shared (the corpus history)"]
fn removal_errors_on_real_edits_agree_with_the_audit() {
    let shared = env::shared_dir();
    let truth = truth();
    let mut reported = 0;
    let mut true_reported = 0;
    let mut problems = Vec::new();
    for (old, new) in pairs(&shared) {
        // Clauses the audit judged in both versions.
        let judged: Vec<(&str, bool, bool)> = truth
            .iter()
            .filter(|((f, _), _)| *f == old)
            .filter_map(|((_, c), &was)| {
                truth
                    .get(&(new.clone(), c.clone()))
                    .map(|&is| (c.as_str(), was, is))
            })
            .collect();
        if judged.is_empty() {
            continue;
        }
        let (found, replaced) = removed(&shared, &old, &new);
        for (clause, was, is) in judged {
            let removal = was && !is;
            let said = found.contains(clause);
            if said {
                reported += 1;
                true_reported += usize::from(removal);
            }
            if removal && !said && !replaced {
                problems.push(format!("{old} → {new}: {clause} was removed, not reported"));
            } else if said && !removal {
                problems.push(format!(
                    "{old} → {new}: {clause} reported removed, but the audit found it {}",
                    if was { "still stated" } else { "never stated" }
                ));
            }
        }
    }
    assert!(reported > 0, "the audit pins at least one removal");
    // At least 95% of the audited removal errors are true removals ...
    assert!(
        true_reported * 100 >= reported * 95,
        "{true_reported} of {reported} removal errors are true\n{}",
        problems.join("\n")
    );
    // ... and every audited verdict is met.
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
