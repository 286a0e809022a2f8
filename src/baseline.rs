//! Baselines: adopt clauselint on an old policy without fixing everything on
//! day one.
//!
//! `check --write-baseline FILE` records every current finding; `check
//! --baseline FILE` then reports only findings not in it. Findings are keyed
//! by (display path, rule, fingerprint), and fingerprints hash the normalized
//! anchored text rather than positions (see [`crate::report::fingerprint`]),
//! so edits elsewhere in the policy do not resurrect recorded findings.
//!
//! The file is JSON, sorted, one entry per line, so it diffs well:
//!
//! ```text
//! {"version": 1, "findings": [
//!   {"path": "PRIVACY.md", "rule": "opt-out", "fingerprint": "…"}, …]}
//! ```

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

use crate::finding::FileReport;
use crate::report::fingerprint;
use crate::source::SourceFile;

/// Version of the baseline file format.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Display path of the file.
    pub path: String,
    /// Rule id.
    pub rule: String,
    /// Edit-stable fingerprint.
    pub fingerprint: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// A set of recorded findings.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    entries: BTreeSet<Entry>,
}

/// The entries for one checked file.
#[must_use]
pub fn entries(source: &SourceFile, report: &FileReport) -> Vec<Entry> {
    let path = normalize_path(source.path());
    report
        .findings
        .iter()
        .zip(fingerprint::fingerprints(source, &report.findings))
        .map(|(f, fp)| Entry {
            path: path.clone(),
            rule: f.rule.clone(),
            fingerprint: fp,
        })
        .collect()
}

fn normalize_path(p: &str) -> String {
    let p = p.replace('\\', "/");
    p.strip_prefix("./").unwrap_or(&p).to_owned()
}

impl Baseline {
    /// Reads a baseline file.
    ///
    /// # Errors
    /// The file cannot be read or is not a baseline (a lowercase message).
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| crate::lint::io_message(&e))?;
        let file: File =
            serde_json::from_str(&text).map_err(|e| format!("not a clauselint baseline: {e}"))?;
        if file.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (expected {VERSION})",
                file.version
            ));
        }
        Ok(Baseline {
            entries: file.findings.into_iter().collect(),
        })
    }

    /// Removes the findings of `report` that the baseline records; returns
    /// how many were removed.
    pub fn filter(&self, source: &SourceFile, report: &mut FileReport) -> usize {
        let keys = entries(source, report);
        let before = report.findings.len();
        let mut keep = keys.iter().map(|k| !self.entries.contains(k));
        report.findings.retain(|_| keep.next().unwrap_or(true));
        before - report.findings.len()
    }

    /// The baseline file's text for `entries`.
    #[must_use]
    pub fn render(entries: impl IntoIterator<Item = Entry>) -> String {
        let set: BTreeSet<Entry> = entries.into_iter().collect();
        let lines: Vec<String> = set
            .iter()
            .map(|e| serde_json::to_string(e).expect("plain struct serializes"))
            .collect();
        if lines.is_empty() {
            return format!("{{\"version\": {VERSION}, \"findings\": []}}\n");
        }
        format!(
            "{{\"version\": {VERSION}, \"findings\": [\n  {}\n]}}\n",
            lines.join(",\n  ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::{self, builtin};

    #[test]
    fn round_trip_and_filter() {
        let hygiene = builtin::find("hygiene").unwrap().to_source();
        let rules = rules::load(&[hygiene]).unwrap();
        let old = SourceFile::new("./p.md", "# P\n\nWe use the the data.\n");
        let report = crate::lint::lint_source(&old, Format::Markdown, &rules);
        assert_eq!(report.findings.len(), 1);
        let text = Baseline::render(entries(&old, &report));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.json"), &text).unwrap();
        let b = Baseline::read(&dir.path().join("b.json")).unwrap();

        let new = SourceFile::new(
            "p.md",
            "# P\n\nAn added paragraph.\n\nWe use the the data. And a a new one.\n",
        );
        let mut report = crate::lint::lint_source(&new, Format::Markdown, &rules);
        assert_eq!(report.findings.len(), 2);
        assert_eq!(b.filter(&new, &mut report), 1);
        assert_eq!(report.findings.len(), 1);
        assert!(report.findings[0].message.contains("a a"));
    }
}
