//! What `check`, `diff` and `report` share, built once per run from the
//! command line and the configuration file.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::packs::{self, Builtins};
use crate::cli::{FailOn, SettingsArgs};
use crate::config::{self, Config};
use crate::engine::{Context, Date};
use crate::rules::RuleSet;

/// The settings of a run.
pub(crate) struct Settings {
    /// The configuration file in effect, unless `--isolated` or none found.
    pub config: Option<Config>,
    /// The rules: the packs chosen on the command line, else by the
    /// configuration, else the defaults; with the configuration's disabled
    /// rules and severities applied.
    pub rules: RuleSet,
    /// What the engine is told (the check date).
    pub ctx: Context,
    /// Worker threads, at least one.
    pub threads: usize,
    /// The working directory (configuration globs are relative to it).
    pub cwd: PathBuf,
}

impl Settings {
    /// Loads the configuration and the rules, or writes what is wrong to
    /// `err` and returns `None`.
    pub fn load(args: &SettingsArgs, err: &mut dyn Write) -> io::Result<Option<Settings>> {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let found = if args.isolated {
            Ok(None)
        } else {
            let path = args.config.clone().or_else(|| config::discover(&cwd));
            path.map(|p| Config::load(&p)).transpose()
        };
        let config = match found {
            Ok(c) => c,
            Err(e) => {
                writeln!(err, "error: {e}")?;
                return Ok(None);
            }
        };
        let mut pack_args = args.packs.clone();
        if let Some(c) = &config {
            if pack_args.packs.is_empty() && pack_args.profiles.is_empty() {
                pack_args.packs = c.packs.clone().unwrap_or_default();
            }
            let mut rules = c.rules.clone();
            rules.append(&mut pack_args.rules);
            pack_args.rules = rules;
        }
        let Some(mut rules) = packs::load(&pack_args, Builtins::Selected, err)? else {
            return Ok(None);
        };
        if let Some(c) = &config {
            let unknown = c.unknown_rules(&rules);
            if !unknown.is_empty() {
                for e in unknown {
                    writeln!(err, "error: {e}")?;
                }
                return Ok(None);
            }
            rules = c.apply(&rules);
        }
        let threads = args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
            .max(1);
        Ok(Some(Settings {
            config,
            rules,
            ctx: Context::new(args.today.unwrap_or_else(Date::today)),
            threads,
            cwd,
        }))
    }

    /// The severity that fails the run: `--fail-on`, else the
    /// configuration's `fail_on`, else warnings.
    pub fn fail_on(&self, flag: Option<FailOn>) -> FailOn {
        flag.or_else(|| {
            let f = self.config.as_ref()?.fail_on.as_deref()?;
            FailOn::from_str(f, true).ok()
        })
        .unwrap_or(FailOn::Warning)
    }
}
