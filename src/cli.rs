//! Command-line arguments (clap derive). Doc comments are the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::engine::Date;
use crate::report::OutputFormat;
use crate::rules::Severity;

/// Lint privacy policies for missing and duplicated clauses.
#[derive(Debug, Parser)]
#[command(name = "clauselint", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check policy files for missing and duplicated clauses.
    Check(CheckArgs),
    /// List the rules of the built-in packs (and of `--rules` packs).
    Rules(RulesArgs),
    /// Show everything about one rule: what counts, help, citations, examples.
    Explain(ExplainArgs),
    /// Run every rule's examples and report those it gets wrong.
    TestRules(TestRulesArgs),
    /// Measure clause rules against a labels file (precision, recall, F1).
    Eval(EvalArgs),
    /// Write a self-contained HTML coverage report of policy files.
    Report(ReportArgs),
    /// Report what changed from OLD to NEW: clauses removed, problems introduced.
    Diff(DiffArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print a manual page (roff) to stdout: `clauselint man check | man -l -`.
    Man(ManArgs),
}

/// Arguments of `man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print; without it, the main page.
    pub subcommand: Option<String>,
}

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Which rule packs to load.
#[derive(Debug, Args, Clone, Default)]
pub struct PackArgs {
    /// Enable a built-in pack (repeatable); `all` enables every built-in pack,
    /// and a profile name its packs. Without it, the default packs (core,
    /// hygiene) are on.
    #[arg(long = "pack", value_name = "NAME", help_heading = "Rules")]
    pub packs: Vec<String>,
    /// Enable the packs of a profile (repeatable): `us-saas` (core, caloppa,
    /// ccpa, us-states, hygiene), `eu` (core, gdpr, hygiene) or `kids` (core,
    /// coppa, caloppa, hygiene).
    #[arg(long = "profile", value_name = "NAME", help_heading = "Rules")]
    pub profiles: Vec<String>,
    /// Load a user rule pack, or every `.yaml`/`.yml` pack in a directory (repeatable).
    #[arg(long = "rules", value_name = "FILE|DIR", help_heading = "Rules")]
    pub rules: Vec<PathBuf>,
}

/// When to use colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The lowest severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Only errors.
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
    /// Never fail on findings (errors still exit 2).
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    #[must_use]
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// What `check`, `diff` and `report` share: the rules, the configuration
/// file, the check date and the worker threads.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub packs: PackArgs,
    /// Use this configuration file instead of discovering `.clauselint.yaml`
    /// from the current directory up to the repository root.
    #[arg(long, value_name = "FILE", help_heading = "Config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, conflicts_with = "config", help_heading = "Config")]
    pub isolated: bool,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// The check date, for `stale-policy` (default: today, UTC; or `CLAUSELINT_TODAY`).
    #[arg(long, env = "CLAUSELINT_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_date, help_heading = "Rules")]
    pub today: Option<Date>,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check (directories are walked for .md, .markdown,
    /// .txt, .html and .htm files, honouring .gitignore). Defaults to the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub settings: SettingsArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: OutputArgs,
    /// Report only what changed since git revision REV: clauses stated at REV
    /// and missing now, and duplicates or other problems introduced since.
    #[arg(long, value_name = "REV", help_heading = "Rules")]
    pub since: Option<String>,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE", help_heading = "Baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in FILE and exit 0 (unless a file could not be read).
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "baseline",
        help_heading = "Baseline"
    )]
    pub write_baseline: Option<PathBuf>,
    /// Print findings only: no summary line, no notes about skipped files, no
    /// progress bar (drawn only on a terminal, on stderr, for runs over 50 files).
    #[arg(long, short, help_heading = "Output")]
    pub quiet: bool,
    /// After the findings, print how many each rule produced (to stderr for
    /// machine-readable formats).
    #[arg(long, help_heading = "Output")]
    pub statistics: bool,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version of the policy.
    pub old: PathBuf,
    /// The new version of the policy.
    pub new: PathBuf,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub settings: SettingsArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub output: OutputArgs,
}

/// How `check` and `diff` report: format, colours and the failing severity.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, help_heading = "Output")]
    pub format: OutputFormat,
    /// When to use colours.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, help_heading = "Output")]
    pub color: ColorChoice,
    /// Lowest finding severity that makes the exit code 1 [default: warning;
    /// `check` also reads `fail_on` from the configuration file].
    #[arg(long, value_enum, help_heading = "Output")]
    pub fail_on: Option<FailOn>,
}

/// Output format of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Human,
    /// A JSON array.
    Json,
}

/// Arguments of `rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// User rule packs to list with the built-in ones (repeatable).
    #[arg(long = "rules", value_name = "FILE|DIR")]
    pub rules: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

/// Arguments of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id.
    pub rule: String,
    /// User rule packs to search as well (repeatable).
    #[arg(long = "rules", value_name = "FILE|DIR")]
    pub rules: Vec<PathBuf>,
}

/// Arguments of `test-rules`.
#[derive(Debug, Args)]
pub struct TestRulesArgs {
    /// Rule pack files or directories; without any, the built-in packs.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Arguments of `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Labels TSV with columns `file`, `clause`, `present` (paths relative to
    /// its folder); repeat it to score several files together.
    #[arg(long, value_name = "FILE", required = true)]
    pub labels: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub packs: PackArgs,
    /// List every false positive with its matched passage and every false
    /// negative with the labelled evidence.
    #[arg(long)]
    pub show_errors: bool,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Where to write the HTML page.
    #[arg(long, value_name = "OUT.html")]
    pub html: PathBuf,
    /// Files or directories to report on (walked as by `check`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub settings: SettingsArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
