//! The exit-code contract.
//!
//! - `0`: no finding at or above the `--fail-on` severity;
//! - `1`: at least one such finding;
//! - `2`: a usage, configuration, rule-pack or I/O error (errors win over findings).
//!
//! A closed stdout (broken pipe) is not an error.

use std::process::ExitCode;

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Nothing to report at or above the threshold.
    Clean,
    /// Findings at or above the threshold.
    Findings,
    /// Something could not be done.
    Error,
}

impl ExitStatus {
    /// The process exit code.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(s.code())
    }
}
