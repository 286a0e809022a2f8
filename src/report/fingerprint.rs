//! Finding fingerprints that survive unrelated edits.
//!
//! A fingerprint hashes the rule id, the *normalized text* of the passage the
//! finding is anchored on (lowercase words only, so reflowing a paragraph or
//! changing its punctuation keeps it), and the finding's rank among findings
//! of the same rule on the same text in the file. Line numbers and byte
//! offsets are deliberately left out: inserting a paragraph above a finding
//! does not change its fingerprint. A missing clause is anchored on its
//! section heading or the title, so its fingerprint follows that heading.
//!
//! The hash is FNV-1a (two 64-bit lanes), written out by hand so that it never
//! changes with the Rust version or a dependency: SARIF `partialFingerprints`,
//! GitLab fingerprints and baselines stay comparable across releases.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::source::SourceFile;

/// The key SARIF consumers see the fingerprint under (`partialFingerprints`).
pub const SARIF_KEY: &str = "clauselint/v1";

/// Lowercase alphanumeric words joined by single spaces.
pub use crate::document::normalize_words as normalize;

/// A stable 128-bit hash of `parts`, as 32 lowercase hex digits.
#[must_use]
pub fn hash(parts: &[&str]) -> String {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut lanes = [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142_u64];
    for (lane_no, lane) in lanes.iter_mut().enumerate() {
        for part in parts {
            // Length-prefix each part so ("ab", "c") and ("a", "bc") differ.
            let len = u64::try_from(part.len()).unwrap_or(u64::MAX);
            for b in len.to_le_bytes().iter().chain(part.as_bytes()) {
                *lane ^= u64::from(*b);
                *lane = lane.wrapping_mul(PRIME);
            }
            // Decorrelate the second lane from the first.
            if lane_no == 1 {
                *lane = lane.rotate_left(29);
            }
        }
    }
    format!("{:016x}{:016x}", lanes[0], lanes[1])
}

/// Fingerprints of `findings` (same order), independent of the file's path.
///
/// Findings must be in reporting order: the rank that tells identical
/// findings apart counts from the start of the file.
#[must_use]
pub fn fingerprints(source: &SourceFile, findings: &[Finding]) -> Vec<String> {
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let text = source.text().get(f.span.range()).unwrap_or_default();
            let text = normalize(text);
            let rank = seen.entry((f.rule.clone(), text.clone())).or_insert(0);
            let fp = hash(&[&f.rule, &text, &rank.to_string()]);
            *rank += 1;
            fp
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;
    use crate::source::Span;

    fn finding(text: &str, needle: &str) -> Finding {
        let at = text.find(needle).unwrap();
        Finding {
            rule: "repeated-words".into(),
            pack: "hygiene".into(),
            severity: Severity::Warning,
            message: "m".into(),
            span: Span::new(at, at + needle.len()),
            label: String::new(),
            related: Vec::new(),
        }
    }

    #[test]
    fn stable_across_unrelated_edits_and_reflow() {
        let a = "# T\n\nthe the cat\n";
        let b = "# T\n\nA new paragraph above.\n\nThe  THE cat\n";
        let fa = fingerprints(&SourceFile::new("a.md", a), &[finding(a, "the the")]);
        let fb = fingerprints(&SourceFile::new("b.md", b), &[finding(b, "The  THE")]);
        assert_eq!(fa, fb);
        assert_eq!(fa[0].len(), 32);
    }

    #[test]
    fn identical_findings_get_distinct_fingerprints() {
        let t = "the the; and the the\n";
        let first = finding(t, "the the");
        let mut second = first.clone();
        second.span = Span::new(t.rfind("the the").unwrap(), t.len() - 1);
        let fp = fingerprints(&SourceFile::new("a.md", t), &[first.clone(), second]);
        assert_ne!(fp[0], fp[1]);
        let mut other_rule = first;
        other_rule.rule = "other".into();
        let fo = fingerprints(&SourceFile::new("a.md", t), &[other_rule]);
        assert_ne!(fo[0], fp[0]);
    }

    #[test]
    fn hash_is_pinned() {
        // A change here breaks every stored baseline and SARIF history.
        // (The fixture snapshots pin real fingerprints too.)
        assert_eq!(hash(&[]), "cbf29ce4842223256c62272e07bb0142");
        assert_ne!(hash(&["ab", "c"]), hash(&["a", "bc"]));
    }
}
