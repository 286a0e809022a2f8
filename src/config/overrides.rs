//! `overrides:` per-path settings, the way ruff's per-file settings and
//! ESLint's overrides work:
//!
//! ```yaml
//! overrides:
//!   - files: ["legal/terms*.md", "legal/aup.md"]
//!     kind: terms                 # privacy-policy | cookie-policy | terms | other
//!   - files: ["products/**"]
//!     packs: [core, gdpr]         # replaces `packs` for these files
//!     disable: [do-not-track]     # added to `disable`
//!     severity: {opt-out: info}   # added to `severity`
//! ```
//!
//! Every override whose `files` match a path applies, in file order; a later
//! `packs` or `kind` replaces an earlier one, `disable` and `severity`
//! accumulate. `kind` decides which clause rules run (terms and other: none;
//! cookie-policy: the cookie and tracking clauses) and turns off the guess of
//! what a document is. `packs` without `kind` runs every clause rule of those
//! packs, also without guessing. `--pack` on the command line replaces every
//! `packs`.

use std::collections::BTreeMap;
use std::path::Path;

use globset::GlobSet;
use serde::Deserialize;

use super::{glob_set, ConfigError, Located, OneOrMany};
use crate::document::kind::{Kind, KIND_NAMES};
use crate::rules::{builtin, RuleSet, Severity};
use crate::source::Span;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOverride {
    files: OneOrMany,
    #[serde(default)]
    packs: Option<OneOrMany>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    kind: Option<String>,
}

/// One entry of `overrides:`.
#[derive(Clone, Debug)]
pub struct Override {
    /// The globs, as written.
    pub globs: Vec<String>,
    /// Built-in packs or profiles for these files, replacing `packs`.
    pub packs: Option<Vec<String>>,
    /// Rule ids turned off for these files.
    pub disable: Vec<String>,
    /// Severity overrides for these files.
    pub severity: Vec<(String, Severity)>,
    /// The kind of document these files hold.
    pub kind: Option<Kind>,
    /// 1-based line and column of the entry, for warnings.
    pub at: Option<(usize, usize)>,
    files: GlobSet,
    pub(super) rule_spans: Vec<(String, Option<Span>)>,
}

impl Override {
    /// Whether the override applies to `rel`, a path relative to the
    /// configuration file's directory.
    #[must_use]
    pub fn matches(&self, rel: &Path) -> bool {
        self.files.is_match(rel)
    }
}

/// What the matching overrides make of one file's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FileSettings {
    /// Packs replacing the configured ones.
    pub packs: Option<Vec<String>>,
    /// Rule ids turned off, besides the configuration's.
    pub disable: Vec<String>,
    /// Severity overrides, besides the configuration's (later wins).
    pub severity: Vec<(String, Severity)>,
    /// The kind of document, when stated.
    pub kind: Option<Kind>,
}

impl FileSettings {
    /// `rules` with these files' `disable` and `severity` applied.
    #[must_use]
    pub fn apply(&self, rules: &RuleSet) -> RuleSet {
        super::configured(rules, &self.disable, &self.severity)
    }

    /// Merges the overrides at `indexes` (in order) of `overrides`.
    #[must_use]
    pub fn merge(overrides: &[Override], indexes: &[usize]) -> FileSettings {
        let mut out = FileSettings::default();
        for o in indexes.iter().filter_map(|&i| overrides.get(i)) {
            if o.packs.is_some() {
                out.packs.clone_from(&o.packs);
            }
            if o.kind.is_some() {
                out.kind = o.kind;
            }
            out.disable.extend(o.disable.iter().cloned());
            out.severity.extend(o.severity.iter().cloned());
        }
        out
    }
}

pub(super) fn load(raw: &[RawOverride], at: &Located<'_>) -> Result<Vec<Override>, ConfigError> {
    let section = at.nth_key("overrides", 0, 0).map_or(0, |s| s.end);
    let mut out = Vec::with_capacity(raw.len());
    for (n, r) in raw.iter().enumerate() {
        // Each entry starts with its `files:` key (or holds one).
        let entry = at.nth_key("files", n, section);
        let from = entry.map_or(section, |s| s.end);
        let globs = match &r.files {
            OneOrMany::One(g) => vec![g.clone()],
            OneOrMany::Many(gs) => gs.clone(),
        };
        if globs.is_empty() {
            return Err(at.error(
                entry,
                "an override needs at least one glob in `files`".into(),
            ));
        }
        let files = glob_set(&globs)
            .map_err(|(g, message)| {
                at.error(
                    at.string(g, from).or(entry),
                    format!("bad glob in overrides: {message}"),
                )
            })?
            .unwrap_or_default();
        let kind = match &r.kind {
            None => None,
            Some(k) => Some(k.parse::<Kind>().map_err(|()| {
                at.error(
                    at.string(k, from).or(entry),
                    format!("kind is `{k}`; expected one of {}", KIND_NAMES.join(", ")),
                )
            })?),
        };
        let packs = r.packs.as_ref().map(|p| match p {
            OneOrMany::One(name) => vec![name.clone()],
            OneOrMany::Many(names) => names.clone(),
        });
        for name in packs.iter().flatten() {
            if builtin::resolve(name).is_none() {
                return Err(at.error(
                    at.string(name, from).or(entry),
                    format!(
                        "unknown pack `{name}`; built-in packs are {}, and `all`; profiles are {}",
                        builtin::BUILTIN_PACKS
                            .iter()
                            .map(|p| p.name)
                            .collect::<Vec<_>>()
                            .join(", "),
                        builtin::PROFILES
                            .iter()
                            .map(|p| p.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        let mut severity = Vec::new();
        let mut rule_spans = Vec::new();
        for (id, value) in &r.severity {
            let span = at.nth_key(id, 0, from);
            let s = value.parse::<Severity>().map_err(|_| {
                at.error(
                    span,
                    format!("severity of `{id}` is `{value}`; expected error, warning or info"),
                )
            })?;
            severity.push((id.clone(), s));
            rule_spans.push((id.clone(), span));
        }
        for id in &r.disable {
            rule_spans.push((id.clone(), at.string(id, from)));
        }
        out.push(Override {
            globs,
            packs,
            disable: r.disable.clone(),
            severity,
            kind,
            at: entry.map(|s| {
                let lc = at.source.line_col(s.start);
                (lc.line, lc.column)
            }),
            files,
            rule_spans,
        });
    }
    Ok(out)
}
