//! `clauselint eval --labels FILE`.

use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::Path;

use super::packs::{self, Builtins};
use super::with_threads;
use crate::cli::EvalArgs;
use crate::engine::{Context, KindChoice};
use crate::exit::ExitStatus;
use crate::lint::{io_message, lint_file_with, Outcome};
use crate::scoring::{parse_labels, score, Score};

/// A file's verdicts: clause → first matched passage, for present clauses.
type Predictions = HashMap<String, Option<String>>;

pub(super) fn run(
    args: &EvalArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let Some(rules) = packs::load(&args.packs, Builtins::Selected, err)? else {
        return Ok(ExitStatus::Error);
    };
    // Each label's file, resolved against its labels file's folder, is the
    // key (two labels files may name policies in different folders); messages
    // name it as its labels file does.
    let mut labels = Vec::new();
    let mut shown: HashMap<String, String> = HashMap::new();
    for path in &args.labels {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                writeln!(err, "error: {}: {}", path.display(), io_message(&e))?;
                return Ok(ExitStatus::Error);
            }
        };
        match parse_labels(path, &text) {
            Ok(found) => {
                let base = path.parent().unwrap_or(Path::new("."));
                for mut l in found {
                    let resolved = base.join(&l.file).to_string_lossy().into_owned();
                    shown.insert(resolved.clone(), std::mem::replace(&mut l.file, resolved));
                    labels.push(l);
                }
            }
            Err(e) => {
                writeln!(err, "error: {e}")?;
                return Ok(ExitStatus::Error);
            }
        }
    }
    let files: BTreeSet<&str> = labels.iter().map(|l| l.file.as_str()).collect();
    let files: Vec<&str> = files.into_iter().collect();
    let results: Vec<(String, Result<Predictions, String>)> = with_threads(args.threads, || {
        files
            .par_iter()
            .map(|f| {
                // Labels judge every clause, whatever the document reads as.
                let ctx = Context::system().with_kind(KindChoice::Every);
                let outcome = lint_file_with(Path::new(f), f, &rules, &ctx);
                let preds = match outcome {
                    Outcome::Checked { source, report } => Ok(report
                        .clauses
                        .iter()
                        .map(|c| {
                            let passage = c.status.is_stated().then(|| {
                                c.matches
                                    .first()
                                    .map(|s| source.text()[*s].to_owned())
                                    .unwrap_or_default()
                            });
                            (c.rule.clone(), passage)
                        })
                        .collect()),
                    Outcome::Skipped { reason, .. } => Err(reason),
                    Outcome::Failed { message, .. } => Err(message),
                };
                ((*f).to_owned(), preds)
            })
            .collect()
    });
    let mut by_file: HashMap<String, Predictions> = HashMap::new();
    let mut failed = false;
    for (f, r) in results {
        match r {
            Ok(p) => {
                by_file.insert(f, p);
            }
            Err(e) => {
                failed = true;
                writeln!(err, "error: {}: {e}", shown[&f])?;
            }
        }
    }
    let active: BTreeSet<&str> = rules
        .rules()
        .iter()
        .filter(|r| r.is_clause())
        .map(|r| r.id.as_str())
        .collect();
    let mut rows = Vec::new();
    let mut mistakes = Vec::new();
    for l in &labels {
        if !active.contains(l.clause.as_str()) {
            continue;
        }
        let Some(preds) = by_file.get(&l.file) else {
            continue;
        };
        let passage = preds.get(&l.clause).cloned().flatten();
        let predicted = passage.is_some();
        rows.push((l.clause.as_str(), l.present, predicted));
        if l.present != predicted {
            mistakes.push((l, passage));
        }
    }
    let scores = score(rows);
    write_table(out, &scores)?;
    if args.show_errors {
        writeln!(out)?;
        for (l, passage) in &mistakes {
            if l.present {
                writeln!(
                    out,
                    "FN {} {}\n   evidence: {}",
                    l.clause,
                    shown[&l.file],
                    one_line(&l.evidence)
                )?;
            } else {
                writeln!(
                    out,
                    "FP {} {}\n   matched: {}",
                    l.clause,
                    shown[&l.file],
                    one_line(passage.as_deref().unwrap_or(""))
                )?;
            }
        }
    }
    Ok(if failed {
        ExitStatus::Error
    } else {
        ExitStatus::Clean
    })
}

fn one_line(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 300 {
        format!("{}…", s.chars().take(300).collect::<String>())
    } else {
        s
    }
}

fn write_table(
    out: &mut dyn Write,
    scores: &std::collections::BTreeMap<String, Score>,
) -> io::Result<()> {
    writeln!(
        out,
        "{:<34} {:>4} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}",
        "clause", "tp", "fp", "fn", "tn", "precision", "recall", "F1"
    )?;
    let mut sum = 0.0;
    for (clause, s) in scores {
        sum += s.f1();
        writeln!(
            out,
            "{clause:<34} {:>4} {:>4} {:>4} {:>4} {:>9.3} {:>7.3} {:>6.3}",
            s.tp,
            s.fp,
            s.fn_,
            s.tn,
            s.precision(),
            s.recall(),
            s.f1()
        )?;
    }
    if !scores.is_empty() {
        #[allow(clippy::cast_precision_loss)]
        let macro_f1 = sum / scores.len() as f64;
        writeln!(out, "{:<34} {:>48.3}", "macro-F1", macro_f1)?;
    }
    Ok(())
}
