//! `clauselint report --html OUT.html PATHS...`: the coverage page.
//!
//! Exit status: 0 when the page is written and every file was checked, 2 when
//! a file could not be read (the page is still written, listing it) or the
//! page could not be written. Findings do not change the exit status: the
//! page is for reading; `check` is the gate.

use rayon::prelude::*;
use std::io::{self, Write};
use std::path::PathBuf;

use super::settings::Settings;
use super::with_threads;
use crate::cli::ReportArgs;
use crate::document::{Document, Format};
use crate::exit::ExitStatus;
use crate::finding::ClauseStatus;
use crate::lint::{io_message, Outcome};
use crate::report::html_page::{self, PageError, PageFile};
use crate::walk;

pub(super) fn run(
    args: &ReportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let Some(settings) = Settings::load(&args.settings, err)? else {
        return Ok(ExitStatus::Error);
    };
    let rules = &settings.report_rules;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (mut inputs, walk_errors) = walk::collect(&paths);
    if let Some(c) = &settings.config {
        inputs.retain(|i| c.selects(&i.path, &settings.cwd));
    }
    let outcomes = with_threads(Some(settings.threads), || {
        inputs
            .par_iter()
            .map(|input| {
                let outcome = super::input::check(&settings, &input.path, &input.display, None);
                match outcome {
                    Outcome::Checked { source, mut report } => {
                        // A reviewer reads a set member's checklist for the
                        // whole notice: a clause another member states is
                        // present (the page says where).
                        for v in &mut report.clauses {
                            let elsewhere = report.sets.iter().any(|s| {
                                s.clauses
                                    .iter()
                                    .any(|c| c.rule == v.rule && c.status.is_stated())
                            });
                            if v.status == ClauseStatus::Missing && elsewhere {
                                v.status = ClauseStatus::Present;
                                v.near_miss = None;
                            }
                        }
                        let doc = Document::parse(source, Format::from_path(&input.path));
                        Ok(Some(PageFile { doc, report }))
                    }
                    Outcome::Skipped { path, reason } => {
                        Err(Err(format!("note: {path}: {reason}\n")))
                    }
                    Outcome::Failed { path, message } => Err(Ok(PageError { path, message })),
                }
            })
            .collect::<Vec<_>>()
    });
    let mut files = Vec::new();
    let mut errors: Vec<PageError> = walk_errors
        .into_iter()
        .map(|e| PageError {
            path: e.path,
            message: e.message,
        })
        .collect();
    for o in outcomes {
        match o {
            Ok(Some(f)) => files.push(f),
            Ok(None) => {}
            Err(Ok(e)) => errors.push(e),
            Err(Err(note)) => err.write_all(note.as_bytes())?,
        }
    }
    let page = html_page::render(&files, &errors, rules);
    if let Err(e) = std::fs::write(&args.html, page) {
        writeln!(
            err,
            "error: {}: cannot write the report: {}",
            args.html.display(),
            io_message(&e)
        )?;
        return Ok(ExitStatus::Error);
    }
    for e in &errors {
        writeln!(err, "error: {}: {}", e.path, e.message)?;
    }
    writeln!(
        out,
        "wrote {} ({} file{})",
        args.html.display(),
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    )?;
    Ok(if errors.is_empty() {
        ExitStatus::Clean
    } else {
        ExitStatus::Error
    })
}
