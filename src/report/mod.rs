//! Reporters: findings → text for people ([`human`]) and machines ([`json`],
//! [`jsonl`], [`sarif`], [`github`], [`junit`], [`gitlab`]).
//!
//! Each file is rendered on its own (in parallel workers) into a [`Rendered`]
//! chunk; [`finish`] then joins the chunks in path order and adds the summary,
//! so output is identical whatever the thread count.

pub mod escape;
mod excerpt;
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
use crate::source::SourceFile;

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

impl OutputFormat {
    /// The reporter that writes this format.
    #[must_use]
    pub fn reporter(self) -> &'static dyn Reporter {
        match self {
            OutputFormat::Human => &human::Human,
            OutputFormat::Short => &human::Short,
            OutputFormat::Json => &json::Json,
            OutputFormat::Jsonl => &jsonl::Jsonl,
            OutputFormat::Sarif => &sarif::Sarif,
            OutputFormat::Github => &github::Github,
            OutputFormat::Junit => &junit::Junit,
            OutputFormat::Gitlab => &gitlab::Gitlab,
        }
    }
}

/// One output format: what it writes before the first file, for each
/// checked file, and after the last one.
///
/// Files are rendered on their own, in parallel workers, and joined in path
/// order. A streaming reporter's chunks are written as each file's turn
/// comes: [`Reporter::head`], the chunks separated by
/// [`Reporter::separator`], then [`Reporter::footer`]. Any other reporter
/// gets every chunk back in [`RunEnd::chunks`] and writes the whole output
/// in its footer.
pub trait Reporter: Sync {
    /// Whether chunks can be written as each file's turn comes.
    fn streams(&self) -> bool;

    /// Whether the output is for people (tables and summaries go to stdout).
    fn for_people(&self) -> bool {
        false
    }

    /// What a streamed run writes before the first file's chunk.
    fn head(&self) -> String {
        String::new()
    }

    /// What a streamed run writes between the chunks of two checked files.
    fn separator(&self) -> &'static str {
        ""
    }

    /// One checked file's chunk.
    fn file(&self, file: &FileView<'_>) -> String;

    /// What follows the files (the whole output, when not streamed).
    fn footer(&self, end: &RunEnd<'_>) -> String;
}

/// What a reporter is given to render one checked file.
pub struct FileView<'a> {
    /// The file as read.
    pub source: &'a SourceFile,
    /// Its findings and clause verdicts.
    pub report: &'a FileReport,
    /// The rules the file was checked with.
    pub rules: &'a RuleSet,
    /// Whether to use ANSI colours.
    pub color: bool,
    /// Columns for human output (long source lines are cut to fit).
    pub width: usize,
}

/// What a reporter is given after the last file.
pub struct RunEnd<'a> {
    /// Every checked file's chunk in path order; empty when they were streamed.
    pub chunks: &'a [String],
    /// Whether the chunks were streamed (written already).
    pub streamed: bool,
    /// Files that could not be checked, by path.
    pub errors: &'a [FileError],
    /// How many files were checked.
    pub checked: usize,
    /// Finding totals.
    pub counts: Counts,
    /// The rules of the run.
    pub rules: &'a RuleSet,
}

/// Options that shape rendering.
#[derive(Clone, Copy, Debug)]
pub struct RenderOptions {
    /// Output format.
    pub format: OutputFormat,
    /// Whether to use ANSI colours.
    pub color: bool,
    /// Columns for human output (long source lines are cut to fit).
    pub width: usize,
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
            stdout: opts.format.reporter().file(&FileView {
                source,
                report,
                rules,
                color: opts.color,
                width: opts.width,
            }),
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

/// Joins rendered files (already in path order) with the errors met before
/// checking; `rules` describes the rules in formats that list them (SARIF).
/// When the files were `streamed` (see [`Reporter`]), their chunks are already
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
    out.stdout = opts.format.reporter().footer(&RunEnd {
        chunks: if streamed { &[] } else { &chunks },
        streamed,
        errors: &errors,
        checked,
        counts: out.counts,
        rules,
    });
    for e in &errors {
        out.stderr
            .push_str(&format!("error: {}: {}\n", e.path, e.message));
    }
    out
}
