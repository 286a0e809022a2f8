//! Measuring clause rules against hand labels: precision, recall and F1.

use std::collections::BTreeMap;
use std::path::Path;

/// One row of a labels file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Policy path, relative to the labels file's folder.
    pub file: String,
    /// Clause (rule) id.
    pub clause: String,
    /// Whether a careful reader found the clause.
    pub present: bool,
    /// The sentence the reader quoted, if any.
    pub evidence: String,
}

/// Reads a labels TSV with a header naming at least `file`, `clause` and `present`.
///
/// # Errors
/// A message naming the file and line when a column or value is wrong.
pub fn parse_labels(path: &Path, text: &str) -> Result<Vec<Label>, String> {
    let mut lines = text.lines().enumerate();
    let (_, header) = lines
        .next()
        .ok_or_else(|| format!("{}: empty labels file", path.display()))?;
    let cols: Vec<&str> = header.split('\t').collect();
    let col = |name: &str| {
        cols.iter()
            .position(|c| c.trim() == name)
            .ok_or_else(|| format!("{}:1: no `{name}` column in the header", path.display()))
    };
    let (f, c, p) = (col("file")?, col("clause")?, col("present")?);
    let e = cols.iter().position(|c| c.trim() == "evidence");
    let mut out = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let get = |k: usize| fields.get(k).map(|s| s.trim()).unwrap_or("");
        let present = match get(p) {
            "1" | "true" | "yes" => true,
            "0" | "false" | "no" => false,
            other => {
                return Err(format!(
                    "{}:{}: `present` must be 1 or 0, found {other:?}",
                    path.display(),
                    i + 1
                ))
            }
        };
        out.push(Label {
            file: get(f).to_owned(),
            clause: get(c).to_owned(),
            present,
            evidence: e.map(get).unwrap_or_default().to_owned(),
        });
    }
    Ok(out)
}

/// Confusion counts for one clause.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Labelled present, predicted present.
    pub tp: usize,
    /// Labelled absent, predicted present.
    pub fp: usize,
    /// Labelled present, predicted absent.
    pub fn_: usize,
    /// Labelled absent, predicted absent.
    pub tn: usize,
}

impl Score {
    /// Adds one labelled prediction.
    pub fn add(&mut self, label: bool, predicted: bool) {
        match (label, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// tp / (tp + fp); 1 when nothing was predicted present.
    #[must_use]
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn); 1 when nothing is labelled present.
    #[must_use]
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    #[must_use]
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Per-clause scores, sorted by clause id.
#[must_use]
pub fn score<'a>(rows: impl IntoIterator<Item = (&'a str, bool, bool)>) -> BTreeMap<String, Score> {
    let mut out: BTreeMap<String, Score> = BTreeMap::new();
    for (clause, label, predicted) in rows {
        out.entry(clause.to_owned())
            .or_default()
            .add(label, predicted);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_and_parse() {
        let mut s = Score::default();
        s.add(true, true);
        s.add(true, false);
        s.add(false, true);
        s.add(false, false);
        assert!((s.f1() - 0.5).abs() < 1e-9);
        let labels = parse_labels(
            Path::new("l.tsv"),
            "file\tclause\tpresent\tevidence\na.md\tx\t1\tWe do.\n",
        )
        .unwrap();
        assert_eq!(labels[0].evidence, "We do.");
        let err = parse_labels(
            Path::new("l.tsv"),
            "file\tclause\tpresent\na.md\tx\tmaybe\n",
        )
        .unwrap_err();
        assert_eq!(err, "l.tsv:2: `present` must be 1 or 0, found \"maybe\"");
    }
}
