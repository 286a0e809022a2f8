//! `documents:` document sets. A privacy notice is often several files (a
//! statement, a cookie page, a state notice); a set is judged as one
//! document:
//!
//! ```yaml
//! documents:
//!   - name: acme-privacy
//!     files: [privacy/statement.md, privacy/cookies.md, privacy/us-state-notice.md]
//!     main: privacy/statement.md        # where a missing clause is reported
//! ```
//!
//! Paths are relative to the configuration file. A file may belong to
//! several sets (a company-wide policy that product notices defer to), but
//! then every set it is in must have the same `main`. `main` defaults to the
//! first file.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{normalize, ConfigError, Located};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSet {
    name: String,
    files: Vec<String>,
    #[serde(default)]
    main: Option<String>,
}

/// One entry of `documents:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSet {
    /// Its name, as JSON and messages give it.
    pub name: String,
    /// Its files, relative to the configuration file's directory, as written.
    pub members: Vec<PathBuf>,
    /// The member where a clause missing from the whole set is reported.
    pub main: PathBuf,
}

impl DocumentSet {
    /// Whether `rel` (relative to the configuration file) is the main member.
    #[must_use]
    pub fn is_main(&self, rel: &Path) -> bool {
        self.main == rel
    }
}

fn clean(p: &str) -> PathBuf {
    normalize(Path::new(p.trim_start_matches("./")))
}

pub(super) fn load(
    raw: &[RawSet],
    at: &Located<'_>,
    dir: &Path,
) -> Result<Vec<DocumentSet>, ConfigError> {
    let section = at.nth_key("documents", 0, 0).map_or(0, |s| s.end);
    let mut out: Vec<DocumentSet> = Vec::with_capacity(raw.len());
    for (n, r) in raw.iter().enumerate() {
        let entry = at.nth_key("name", n, section);
        let from = entry.map_or(section, |s| s.end);
        if r.name.trim().is_empty() {
            return Err(at.error(entry, "a document set needs a name".into()));
        }
        if out.iter().any(|s| s.name == r.name) {
            return Err(at.error(
                at.string(&r.name, section).and(entry),
                format!("two document sets are named `{}`", r.name),
            ));
        }
        if r.files.is_empty() {
            return Err(at.error(entry, format!("document set `{}` has no files", r.name)));
        }
        let mut members: Vec<PathBuf> = Vec::new();
        for f in &r.files {
            let member = clean(f);
            if !dir.join(&member).is_file() {
                return Err(at.error(
                    at.string(f, from).or(entry),
                    format!(
                        "document set `{}`: no such file `{f}` (paths are relative to the configuration file)",
                        r.name
                    ),
                ));
            }
            if !members.contains(&member) {
                members.push(member);
            }
        }
        let main = match &r.main {
            None => members[0].clone(),
            Some(m) => {
                let main = clean(m);
                if !members.contains(&main) {
                    let key = at.nth_key("main", 0, from);
                    return Err(at.error(
                        key.and_then(|k| at.string(m, k.end)).or(key).or(entry),
                        format!(
                            "document set `{}`: main `{m}` is not one of its files",
                            r.name
                        ),
                    ));
                }
                main
            }
        };
        for m in &members {
            if let Some(other) = out.iter().find(|s| s.members.contains(m) && s.main != main) {
                return Err(at.error(
                    at.string(&m.to_string_lossy(), from).or(entry),
                    format!(
                        "`{}` is in document sets `{}` and `{}`, which name different main files (`{}` and `{}`); a shared file needs one main",
                        m.display(),
                        other.name,
                        r.name,
                        other.main.display(),
                        main.display()
                    ),
                ));
            }
        }
        out.push(DocumentSet {
            name: r.name.clone(),
            members,
            main,
        });
    }
    Ok(out)
}
