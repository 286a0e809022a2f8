//! Reporters: findings → text for people ([`human`]) and machines ([`json`],
//! [`jsonl`], [`sarif`], [`github`], [`junit`], [`gitlab`]).
//!
//! Each file is rendered on its own (in parallel workers) into a [`Rendered`]
//! chunk; [`finish`] then joins the chunks in path order and adds the summary,
//! so output is identical whatever the thread count.

pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod html_page;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;

use crate::finding::FileReport;
use crate::lint::Outcome;
use crate::rules::{RuleSet, Severity};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with source excerpts.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Short,
    /// One JSON object for the whole run (schema_version 1).
    Json,
    /// JSON Lines: one finding per line, streamed per file.
    Jsonl,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps).
    Sarif,
    /// GitHub Actions workflow commands (inline pull-request annotations).
    Github,
    /// JUnit XML: one test case per file and rule.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// Options that shape rendering.
#[derive(Clone, Copy, Debug)]
pub struct RenderOptions {
    /// Output format.
    pub format: OutputFormat,
    /// Whether to use ANSI colours.
    pub color: bool,
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

impl Counts {
    fn of(report: &FileReport) -> Counts {
        let mut c = Counts::default();
        for f in &report.findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

/// A file-level problem: the file could not be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// Display path.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// One file, rendered.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// Text for stdout.
    pub stdout: String,
    /// Text for stderr (notes about skipped files).
    pub stderr: String,
    /// Finding counts.
    pub counts: Counts,
    /// Highest finding severity.
    pub worst: Option<Severity>,
    /// Whether the file was checked.
    pub checked: bool,
    /// The error, if the file could not be checked.
    pub error: Option<FileError>,
}

/// Renders one file's outcome.
#[must_use]
pub fn render(outcome: &Outcome, rules: &RuleSet, opts: RenderOptions) -> Rendered {
    match outcome {
        Outcome::Checked { source, report } => Rendered {
            stdout: match opts.format {
                OutputFormat::Human => human::file(source, report, rules, opts.color),
                OutputFormat::Short => human::short(source, report),
                OutputFormat::Json => json::file(source, report),
                OutputFormat::Jsonl => jsonl::file(source, report),
                OutputFormat::Sarif => sarif::file(source, report, rules),
                OutputFormat::Github => github::file(source, report),
                OutputFormat::Junit => junit::file(source, report, rules),
                OutputFormat::Gitlab => gitlab::file(source, report),
            },
            stderr: source
                .decode_note()
                .map_or_else(String::new, |n| format!("note: {}: {n}\n", source.path())),
            counts: Counts::of(report),
            worst: report.findings.iter().map(|f| f.severity).max(),
            checked: true,
            error: None,
        },
        Outcome::Skipped { path, reason } => Rendered {
            stderr: format!("note: {path}: {reason}\n"),
            ..Rendered::default()
        },
        Outcome::Failed { path, message } => Rendered {
            error: Some(FileError {
                path: path.clone(),
                message: message.clone(),
            }),
            ..Rendered::default()
        },
    }
}

/// The whole run's output.
#[derive(Clone, Debug, Default)]
pub struct RunOutput {
    /// Text for stdout.
    pub stdout: String,
    /// Text for stderr.
    pub stderr: String,
    /// Totals.
    pub counts: Counts,
    /// Highest finding severity.
    pub worst: Option<Severity>,
    /// Whether any error occurred.
    pub had_errors: bool,
}

/// Whether a run in `format` can be written file by file as each file's turn
/// comes, instead of being held for [`finish`]: every format whose output is
/// a sequence of per-file chunks, and JSON, whose array of files is framed by
/// [`stream_head`] and [`stream_separator`].
#[must_use]
pub fn streams(format: OutputFormat) -> bool {
    matches!(
        format,
        OutputFormat::Human
            | OutputFormat::Short
            | OutputFormat::Jsonl
            | OutputFormat::Github
            | OutputFormat::Json
    )
}

/// What a streamed run writes before the first file's chunk.
#[must_use]
pub fn stream_head(format: OutputFormat) -> String {
    match format {
        OutputFormat::Json => json::head(),
        _ => String::new(),
    }
}

/// What a streamed run writes between the chunks of two checked files.
#[must_use]
pub fn stream_separator(format: OutputFormat) -> &'static str {
    match format {
        OutputFormat::Json => ",",
        _ => "",
    }
}

/// Joins rendered files (already in path order) with the errors met before
/// checking; `rules` describes the rules in formats that list them (SARIF).
/// When the files were `streamed` (see [`streams`]), their chunks are already
/// written and only what follows them is returned.
#[must_use]
pub fn finish(
    files: Vec<Rendered>,
    mut errors: Vec<FileError>,
    opts: RenderOptions,
    rules: &RuleSet,
    streamed: bool,
) -> RunOutput {
    let mut out = RunOutput::default();
    let mut chunks = Vec::new();
    let mut checked = 0;
    for r in files {
        out.counts.add(r.counts);
        out.worst = out.worst.max(r.worst);
        out.stderr.push_str(&r.stderr);
        if r.checked {
            checked += 1;
            chunks.push(r.stdout);
        }
        errors.extend(r.error);
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    out.had_errors = !errors.is_empty();
    match opts.format {
        OutputFormat::Json if streamed => {
            out.stdout = json::tail(&errors, checked, out.counts);
        }
        OutputFormat::Json => {
            out.stdout = json::run(&chunks, &errors, checked, out.counts);
        }
        OutputFormat::Sarif => out.stdout = sarif::run(&chunks, &errors, rules),
        OutputFormat::Junit => out.stdout = junit::run(&chunks, &errors),
        OutputFormat::Gitlab => out.stdout = gitlab::run(&chunks),
        OutputFormat::Jsonl => out.stdout = chunks.concat(),
        OutputFormat::Github => {
            out.stdout = chunks.concat();
            for e in &errors {
                out.stdout.push_str(&github::error(e));
            }
        }
        OutputFormat::Human | OutputFormat::Short => {
            out.stdout = chunks.concat();
            if opts.format == OutputFormat::Human {
                out.stdout
                    .push_str(&human::summary(checked, out.counts, errors.len()));
            }
        }
    }
    for e in &errors {
        out.stderr
            .push_str(&format!("error: {}: {}\n", e.path, e.message));
    }
    out
}
