//! What `check`, `diff` and `report` share, built once per run from the
//! command line and the configuration file.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use clap::ValueEnum;

use super::packs::{self, Builtins};
use crate::cli::{FailOn, PackArgs, SettingsArgs};
use crate::config::{self, Config, FileSettings};
use crate::engine::{Context, Date, KindChoice};
use crate::rules::{builtin, RuleSet};
use crate::sets::Member;

/// The settings of a run.
pub(crate) struct Settings {
    /// The configuration file in effect, unless `--isolated` or none found.
    pub config: Option<Config>,
    /// The rules: the packs chosen on the command line, else by the
    /// configuration, else the defaults; with the configuration's disabled
    /// rules and severities applied. Files an override matches may get
    /// others ([`Settings::for_file`]).
    pub rules: Arc<RuleSet>,
    /// Every rule any file of the run may get, for reporters that describe
    /// the rules (SARIF, JUnit, the HTML report).
    pub report_rules: Arc<RuleSet>,
    /// What the engine is told (the check date).
    pub ctx: Context,
    /// Worker threads, at least one.
    pub threads: usize,
    /// The working directory (configuration globs are relative to it).
    pub cwd: PathBuf,
    /// The packs as chosen, for overrides that replace them.
    pack_args: PackArgs,
    /// Whether `--pack` or `--profile` was given (it beats overrides' packs).
    packs_on_command_line: bool,
    /// Rule sets built for override combinations.
    per_file: Mutex<Vec<(FileSettings, Arc<RuleSet>)>>,
    /// Document-set members checked on their own, by path relative to the
    /// configuration file (`None`: could not be read).
    members: Mutex<HashMap<PathBuf, Option<Member>>>,
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
        let packs_on_command_line = !args.packs.packs.is_empty() || !args.packs.profiles.is_empty();
        let mut pack_args = args.packs.clone();
        if let Some(c) = &config {
            if !packs_on_command_line {
                pack_args.packs = c.packs.clone().unwrap_or_default();
            }
            let mut rules = c.rules.clone();
            rules.append(&mut pack_args.rules);
            pack_args.rules = rules;
        }
        let Some(mut rules) = packs::load(&pack_args, Builtins::Selected, err)? else {
            return Ok(None);
        };
        let mut report_rules = None;
        if let Some(c) = &config {
            // Overrides may name rules of packs the run does not load by
            // default: their ids are checked against every pack.
            let every = if c
                .overrides
                .iter()
                .all(|o| o.disable.is_empty() && o.severity.is_empty())
            {
                None
            } else {
                let Some(every) = packs::load(&pack_args, Builtins::All, err)? else {
                    return Ok(None);
                };
                Some(every)
            };
            let unknown = c.unknown_rules(&rules, every.as_ref().unwrap_or(&rules));
            if !unknown.is_empty() {
                for e in unknown {
                    writeln!(err, "error: {e}")?;
                }
                return Ok(None);
            }
            let override_packs: Vec<&String> = c
                .overrides
                .iter()
                .filter_map(|o| o.packs.as_ref())
                .flatten()
                .collect();
            if !packs_on_command_line && !override_packs.is_empty() {
                // Checked now, so a bad name is an error before any file.
                let mut union = pack_args.clone();
                if union.packs.is_empty() {
                    union
                        .packs
                        .extend(builtin::default_names().into_iter().map(String::from));
                }
                union.packs.extend(override_packs.into_iter().cloned());
                let Some(all) = packs::load(&union, Builtins::Selected, err)? else {
                    return Ok(None);
                };
                report_rules = Some(Arc::new(c.apply(&all)));
            }
            rules = c.apply(&rules);
        }
        let rules = Arc::new(rules);
        let threads = args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
            .max(1);
        Ok(Some(Settings {
            config,
            report_rules: report_rules.unwrap_or_else(|| Arc::clone(&rules)),
            rules,
            ctx: Context::new(args.today.unwrap_or_else(Date::today)),
            threads,
            cwd,
            pack_args,
            packs_on_command_line,
            per_file: Mutex::new(Vec::new()),
            members: Mutex::new(HashMap::new()),
        }))
    }

    /// The rules and context for `path`: the run's, changed by the
    /// configuration's overrides that match it.
    pub fn for_file(&self, path: &Path) -> (Arc<RuleSet>, Context) {
        let Some(config) = &self.config else {
            return (Arc::clone(&self.rules), self.ctx);
        };
        let matched = config.overrides_for(path, &self.cwd);
        if matched.is_empty() {
            return (Arc::clone(&self.rules), self.ctx);
        }
        let file = FileSettings::merge(&config.overrides, &matched);
        let kind = match (file.kind, &file.packs) {
            (Some(kind), _) => KindChoice::Given(kind),
            (None, Some(_)) => KindChoice::Every,
            (None, None) => self.ctx.kind,
        };
        let ctx = self.ctx.with_kind(kind);
        let mut cache = self.per_file.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, rules)) = cache.iter().find(|(f, _)| *f == file) {
            return (Arc::clone(rules), ctx);
        }
        let rules = Arc::new(self.build(config, &file));
        cache.push((file, Arc::clone(&rules)));
        (rules, ctx)
    }

    fn build(&self, config: &Config, file: &FileSettings) -> RuleSet {
        let base = match (&file.packs, self.packs_on_command_line) {
            (Some(packs), false) => {
                let args = PackArgs {
                    packs: packs.clone(),
                    profiles: Vec::new(),
                    rules: self.pack_args.rules.clone(),
                };
                // Loaded once already in `load`, so it cannot fail here;
                // should it, the run's rules are the safe fallback.
                match packs::load(&args, Builtins::Selected, &mut io::sink()) {
                    Ok(Some(set)) => config.apply(&set),
                    _ => (*self.rules).clone(),
                }
            }
            _ => (*self.rules).clone(),
        };
        file.apply(&base)
    }

    /// The document-set members checked so far in this run.
    pub fn members(&self) -> MutexGuard<'_, HashMap<PathBuf, Option<Member>>> {
        self.members.lock().unwrap_or_else(PoisonError::into_inner)
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
