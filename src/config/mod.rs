//! Project configuration: `.clauselint.yaml`.
//!
//! Discovered by walking from the current directory up to the repository
//! root (the first ancestor holding `.git`), or named with `--config FILE`;
//! `--isolated` ignores it. Every key is optional and unknown keys are errors
//! reported at their line:
//!
//! ```yaml
//! packs: [core, hygiene]        # built-in packs or profiles (the `--pack` list);
//!                               # `packs: us-saas` names one
//! rules: [rules/house.yaml]     # user packs, relative to this file
//! severity:                     # per-rule severity overrides
//!   opt-out: warning
//! disable: [repeated-words]     # rules turned off
//! include: ["policies/**"]      # only check these files ...
//! exclude: ["**/drafts/**"]     # ... and never these
//! fail_on: error                # error | warning | info | never
//! overrides:                    # per-path settings (see `overrides`)
//!   - files: ["legal/terms*.md"]
//!     kind: terms
//! documents:                    # document sets (see `sets`)
//!   - name: acme-privacy
//!     files: [privacy/statement.md, privacy/cookies.md]
//!     main: privacy/statement.md
//! ```
//!
//! Globs are relative to the directory of the configuration file; `*` does
//! not cross `/`, `**` does, and a glob without `/` matches a file name in any
//! directory. `exclude` also applies to files named on the command line, so a
//! pre-commit hook honours it.
//!
//! Command-line options win: `--pack` replaces `packs`, `--rules` adds to
//! `rules`, `--fail-on` replaces `fail_on`.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use crate::rules::{self, RuleSet, Severity};
use crate::source::{SourceFile, Span};

mod overrides;
mod sets;

pub use overrides::{FileSettings, Override};
pub use sets::DocumentSet;

/// File names looked for, in order, in each directory.
pub const FILE_NAMES: &[&str] = &[".clauselint.yaml", ".clauselint.yml"];

/// The `fail_on` values.
pub const FAIL_ON_VALUES: &[&str] = &["error", "warning", "info", "never"];

/// A list of names, or one name.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// Built-in packs or profiles to enable: a list, or one name.
    #[serde(default)]
    packs: Option<OneOrMany>,
    /// User rule packs (files or directories), relative to the config file.
    #[serde(default)]
    rules: Vec<String>,
    /// Rule id → `error`, `warning` or `info`.
    #[serde(default)]
    severity: BTreeMap<String, String>,
    /// Rule ids to turn off.
    #[serde(default)]
    disable: Vec<String>,
    /// Globs of files to check (default: all).
    #[serde(default)]
    include: Vec<String>,
    /// Globs of files never to check.
    #[serde(default)]
    exclude: Vec<String>,
    /// Lowest severity that fails the run.
    #[serde(default)]
    fail_on: Option<String>,
    /// Per-path settings.
    #[serde(default)]
    overrides: Vec<overrides::RawOverride>,
    /// Document sets.
    #[serde(default)]
    documents: Vec<sets::RawSet>,
}

/// A problem with the configuration file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfigError {
    /// The configuration file.
    pub path: String,
    /// 1-based line and column, when known.
    pub at: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A loaded configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from.
    pub file: PathBuf,
    /// Built-in packs, if set.
    pub packs: Option<Vec<String>>,
    /// User pack paths, resolved against the file's directory.
    pub rules: Vec<PathBuf>,
    /// Severity overrides.
    pub severity: Vec<(String, Severity)>,
    /// Disabled rule ids.
    pub disable: Vec<String>,
    /// `fail_on`, validated to be one of [`FAIL_ON_VALUES`].
    pub fail_on: Option<String>,
    /// Per-path settings, in file order (later ones win).
    pub overrides: Vec<Override>,
    /// Document sets.
    pub documents: Vec<DocumentSet>,
    dir: PathBuf,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    source: SourceFile,
    /// Spans of rule ids named under `severity` and `disable`, for errors.
    rule_spans: Vec<(String, Option<Span>)>,
}

/// The configuration file that applies in `start`: the first of
/// [`FILE_NAMES`] in `start` or an ancestor, stopping at the repository root.
#[must_use]
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

impl Config {
    /// Reads and checks the configuration at `path`.
    ///
    /// # Errors
    /// The file cannot be read, is not valid YAML, has an unknown key, or a
    /// value out of range; the error carries the line when known.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.to_string_lossy().into_owned();
        let err = |at, message: String| ConfigError {
            path: shown.clone(),
            at,
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| err(None, crate::lint::io_message(&e)))?;
        let text = crate::source::decode(bytes).map_err(|e| err(None, e.to_string()))?;
        let source = SourceFile::new(shown.clone(), text);
        let at = |span: Option<Span>| {
            span.map(|s| {
                let lc = source.line_col(s.start);
                (lc.line, lc.column)
            })
        };
        let raw: RawConfig = rules::parse_config(source.text())
            .map_err(|e: rules::YamlError| err(at(e.span), e.message))?;
        let dir = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let dir = absolute(&dir);

        let mut severity = Vec::new();
        let mut rule_spans = Vec::new();
        let sev_key = rules::locate_key(source.text(), "severity", 0).map_or(0, |s| s.end);
        for (id, value) in &raw.severity {
            let span = rules::locate_key(source.text(), id, sev_key);
            let Ok(s) = value.parse::<Severity>() else {
                let vspan = rules::locate_string(source.text(), value, span.map_or(0, |s| s.end));
                return Err(err(
                    at(vspan.or(span)),
                    format!("severity of `{id}` is `{value}`; expected error, warning or info"),
                ));
            };
            severity.push((id.clone(), s));
            rule_spans.push((id.clone(), span));
        }
        let dis_key = rules::locate_key(source.text(), "disable", 0).map_or(0, |s| s.end);
        for id in &raw.disable {
            rule_spans.push((id.clone(), rules::locate_string(source.text(), id, dis_key)));
        }
        if let Some(f) = &raw.fail_on {
            if !FAIL_ON_VALUES.contains(&f.as_str()) {
                let key = rules::locate_key(source.text(), "fail_on", 0);
                return Err(err(
                    at(key),
                    format!(
                        "fail_on is `{f}`; expected one of {}",
                        FAIL_ON_VALUES.join(", ")
                    ),
                ));
            }
        }
        let globs = |key: &str, list: &[String]| -> Result<Option<GlobSet>, ConfigError> {
            let key_at = rules::locate_key(source.text(), key, 0).map_or(0, |s| s.end);
            glob_set(list).map_err(|(g, message)| {
                err(
                    at(rules::locate_string(source.text(), g, key_at)),
                    format!("bad glob in {key}: {message}"),
                )
            })
        };
        let include = globs("include", &raw.include)?;
        let exclude = globs("exclude", &raw.exclude)?;
        let located = Located {
            source: &source,
            path: &shown,
        };
        let overrides = overrides::load(&raw.overrides, &located)?;
        let documents = sets::load(&raw.documents, &located, &dir)?;
        Ok(Config {
            file: path.to_path_buf(),
            packs: raw.packs.map(|p| match p {
                OneOrMany::One(name) => vec![name],
                OneOrMany::Many(names) => names,
            }),
            rules: raw.rules.iter().map(|r| dir.join(r)).collect(),
            severity,
            disable: raw.disable,
            fail_on: raw.fail_on,
            overrides,
            documents,
            dir,
            include,
            exclude,
            source,
            rule_spans,
        })
    }

    /// Rule ids named under `severity` or `disable` that no rule of `rules`
    /// has; for the overrides' ids, no rule of `every` (every pack an
    /// override could turn on).
    #[must_use]
    pub fn unknown_rules(&self, rules: &RuleSet, every: &RuleSet) -> Vec<ConfigError> {
        let base = self
            .rule_spans
            .iter()
            .filter(|(id, _)| rules.rule(id).is_none());
        let overridden = self
            .overrides
            .iter()
            .flat_map(|o| o.rule_spans.iter())
            .filter(|(id, _)| every.rule(id).is_none());
        base.chain(overridden)
            .map(|(id, span)| ConfigError {
                path: self.source.path().to_owned(),
                at: span.map(|s| {
                    let lc = self.source.line_col(s.start);
                    (lc.line, lc.column)
                }),
                message: format!(
                    "unknown rule `{id}`; `clauselint rules` lists the rules of the loaded packs"
                ),
            })
            .collect()
    }

    /// Applies `severity` and `disable` to a rule set.
    #[must_use]
    pub fn apply(&self, rules: &RuleSet) -> RuleSet {
        configured(rules, &self.disable, &self.severity)
    }

    /// Whether `path` (relative to the current directory `cwd`, or absolute)
    /// passes `include` and `exclude`.
    #[must_use]
    pub fn selects(&self, path: &Path, cwd: &Path) -> bool {
        let rel = self.relative(path, cwd);
        if self.exclude.as_ref().is_some_and(|g| g.is_match(&rel)) {
            return false;
        }
        self.include.as_ref().is_none_or(|g| g.is_match(&rel))
    }

    /// `path` (relative to `cwd`, or absolute) relative to the directory of
    /// the configuration file, where its globs and paths are rooted.
    #[must_use]
    pub fn relative(&self, path: &Path, cwd: &Path) -> PathBuf {
        let full = normalize(&cwd.join(path));
        full.strip_prefix(&self.dir)
            .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
    }

    /// The directory of the configuration file.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The indexes of the overrides whose `files` match `path` (relative to
    /// `cwd`, or absolute), in file order.
    #[must_use]
    pub fn overrides_for(&self, path: &Path, cwd: &Path) -> Vec<usize> {
        let rel = self.relative(path, cwd);
        (0..self.overrides.len())
            .filter(|&i| self.overrides[i].matches(&rel))
            .collect()
    }

    /// Warnings for overrides whose globs match none of `paths` (relative to
    /// `cwd`): a glob that matches nothing is most often a typo.
    #[must_use]
    pub fn unmatched_overrides<'p>(
        &self,
        paths: impl Iterator<Item = &'p Path>,
        cwd: &Path,
    ) -> Vec<ConfigError> {
        let mut used = vec![false; self.overrides.len()];
        for p in paths {
            for i in self.overrides_for(p, cwd) {
                used[i] = true;
            }
        }
        self.overrides
            .iter()
            .zip(used)
            .filter(|(_, used)| !used)
            .map(|(o, _)| ConfigError {
                path: self.source.path().to_owned(),
                at: o.at,
                message: format!(
                    "the override for {} matches no file that was checked",
                    o.globs
                        .iter()
                        .map(|g| format!("`{g}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
            .collect()
    }

    /// The document set `path` (relative to `cwd`, or absolute) belongs to:
    /// the indexes into [`Config::documents`].
    #[must_use]
    pub fn sets_of(&self, path: &Path, cwd: &Path) -> Vec<usize> {
        let rel = self.relative(path, cwd);
        (0..self.documents.len())
            .filter(|&i| self.documents[i].members.contains(&rel))
            .collect()
    }
}

/// `rules` without the `disable`d rules, with `severity` applied.
fn configured(rules: &RuleSet, disable: &[String], severity: &[(String, Severity)]) -> RuleSet {
    let disable: Vec<&str> = disable.iter().map(String::as_str).collect();
    let severity: Vec<(&str, Severity)> =
        severity.iter().map(|(id, s)| (id.as_str(), *s)).collect();
    rules.configured(&disable, &severity)
}

/// Where a configuration value stands, for spanned errors.
struct Located<'a> {
    source: &'a SourceFile,
    path: &'a str,
}

impl Located<'_> {
    /// An error at `span`.
    fn error(&self, span: Option<Span>, message: String) -> ConfigError {
        ConfigError {
            path: self.path.to_owned(),
            at: span.map(|s| {
                let lc = self.source.line_col(s.start);
                (lc.line, lc.column)
            }),
            message,
        }
    }

    /// The `n`-th (0-based) occurrence of `key:` after `from`.
    fn nth_key(&self, key: &str, n: usize, from: usize) -> Option<Span> {
        let mut at = from;
        let mut found = None;
        for _ in 0..=n {
            let s = rules::locate_key(self.source.text(), key, at)?;
            at = s.end;
            found = Some(s);
        }
        found
    }

    /// `value` as a string after `from`.
    fn string(&self, value: &str, from: usize) -> Option<Span> {
        rules::locate_string(self.source.text(), value, from)
    }
}

/// Compiles globs relative to the configuration file's directory (a glob
/// without `/` matches a file name in any directory); on error, the glob and
/// what is wrong.
fn glob_set(list: &[String]) -> Result<Option<GlobSet>, (&String, String)> {
    if list.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in list {
        b.add(glob(g).map_err(|e| (g, e))?);
    }
    b.build().map(Some).map_err(|e| (&list[0], e.to_string()))
}

fn glob(g: &str) -> Result<Glob, String> {
    let pattern = if g.contains('/') {
        g.trim_start_matches("./").to_owned()
    } else {
        format!("**/{g}")
    };
    GlobBuilder::new(&pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| e.kind().to_string())
}

fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    normalize(&joined)
}

/// Removes `.` and resolves `..` lexically.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let p = dir.join(".clauselint.yaml");
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn unknown_key_is_an_error_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "packs: [core]\nfail_on: error\nexlude: [x]\n");
        let e = Config::load(&p).unwrap_err();
        assert_eq!(e.at.map(|a| a.0), Some(3), "{e}");
        assert!(e.message.contains("unknown field `exlude`"), "{e}");
    }

    #[test]
    fn bad_values_are_errors_at_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "severity:\n  opt-out: loud\n");
        let e = Config::load(&p).unwrap_err();
        assert_eq!(e.at.map(|a| a.0), Some(2), "{e}");
        let p = write(dir.path(), "\nfail_on: sometimes\n");
        let e = Config::load(&p).unwrap_err();
        assert_eq!(e.at.map(|a| a.0), Some(2), "{e}");
    }

    #[test]
    fn globs_are_relative_to_the_config_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "include: [\"policies/**\"]\nexclude: [\"draft-*.md\"]\nrules: [house.yaml]\n",
        );
        let c = Config::load(&p).unwrap();
        let root = absolute(dir.path());
        assert!(c.selects(Path::new("policies/a.md"), &root));
        assert!(c.selects(Path::new("../policies/a.md"), &root.join("sub")));
        assert!(!c.selects(Path::new("README.md"), &root));
        assert!(!c.selects(Path::new("policies/old/draft-1.md"), &root));
        assert_eq!(c.rules, vec![root.join("house.yaml")]);
    }

    #[test]
    fn overrides_merge_in_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "overrides:\n  - files: [\"legal/**\"]\n    kind: terms\n    disable: [placeholder]\n  - files: legal/aup.md\n    kind: other\n    severity: {repeated-words: info}\n",
        );
        let c = Config::load(&p).unwrap();
        let root = absolute(dir.path());
        let hit = c.overrides_for(Path::new("legal/aup.md"), &root);
        assert_eq!(hit, [0, 1]);
        let merged = FileSettings::merge(&c.overrides, &hit);
        assert_eq!(merged.kind, Some(crate::document::kind::Kind::Other));
        assert_eq!(merged.disable, ["placeholder"]);
        assert_eq!(
            merged.severity,
            [("repeated-words".to_owned(), Severity::Info)]
        );
        assert!(c.overrides_for(Path::new("privacy.md"), &root).is_empty());
        let unmatched = c.unmatched_overrides([Path::new("legal/terms.md")].into_iter(), &root);
        assert_eq!(unmatched.len(), 1);
        assert_eq!(unmatched[0].at, Some((5, 5)), "{}", unmatched[0]);
    }

    #[test]
    fn override_and_set_errors_point_at_the_value() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("p")).unwrap();
        for f in ["p/a.md", "p/b.md", "p/c.md"] {
            std::fs::write(dir.path().join(f), "# Privacy\n").unwrap();
        }
        let cases = [
            ("overrides:\n  - files: [x.md]\n    kind: policy\n", 3, "kind is `policy`"),
            (
                "documents:\n  - name: s\n    files: [p/a.md, p/nope.md]\n",
                3,
                "no such file `p/nope.md`",
            ),
            (
                "documents:\n  - name: s\n    files: [p/a.md]\n    main: p/b.md\n",
                4,
                "main `p/b.md` is not one of its files",
            ),
            (
                "documents:\n  - name: s\n    files: [p/a.md, p/b.md]\n  - name: t\n    files: [p/c.md, p/b.md]\n",
                5,
                "`p/b.md` is in document sets `s` and `t`",
            ),
            (
                "documents:\n  - name: s\n    files: [p/a.md]\n  - name: s\n    files: [p/b.md]\n",
                4,
                "two document sets are named `s`",
            ),
            (
                "overrides:\n  - files: [x.md]\n    packs: [core, cor]\n",
                3,
                "unknown pack `cor`",
            ),
        ];
        for (text, line, message) in cases {
            let p = write(dir.path(), text);
            let e = Config::load(&p).unwrap_err();
            assert!(e.message.contains(message), "{e}");
            assert_eq!(e.at.map(|a| a.0), Some(line), "{e}");
        }
        // A file shared by two sets with the same main is fine.
        let p = write(
            dir.path(),
            "documents:\n  - name: s\n    files: [p/a.md, p/b.md]\n  - name: t\n    files: [p/a.md, p/c.md]\n",
        );
        let c = Config::load(&p).unwrap();
        let root = absolute(dir.path());
        assert_eq!(c.sets_of(Path::new("p/a.md"), &root), [0, 1]);
        assert_eq!(c.sets_of(Path::new("p/c.md"), &root), [1]);
    }

    #[test]
    fn discovery_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        let sub = repo.join("docs/legal");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::create_dir(repo.join(".git")).unwrap();
        // Above the repository: ignored.
        write(dir.path(), "packs: [core]\n");
        assert_eq!(discover(&sub), None);
        let p = write(&repo, "packs: [core]\n");
        assert_eq!(discover(&sub), Some(p));
    }
}
