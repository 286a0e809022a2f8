//! The built-in packs, embedded in the binary and loaded through the same
//! path as user packs.

use super::PackSource;
use crate::source::SourceFile;

/// A built-in pack.
#[derive(Clone, Copy, Debug)]
pub struct BuiltinPack {
    /// Pack name, as in its `pack:` key.
    pub name: &'static str,
    /// Whether it is on when no `--pack` is given.
    pub default: bool,
    /// Whether it is on whatever `--pack` says (the linter's own findings).
    pub always: bool,
    /// Its YAML source.
    pub source: &'static str,
    /// The same pack as JSON, made by `build.rs` (empty if the YAML does not
    /// parse): what the loader reads, much faster than YAML.
    pub json: &'static str,
}

/// Every built-in pack, in the order they are loaded.
pub const BUILTIN_PACKS: &[BuiltinPack] = &[
    BuiltinPack {
        name: "core",
        default: true,
        always: false,
        source: include_str!("../../rules/core.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/packs/core.json")),
    },
    BuiltinPack {
        name: "hygiene",
        default: true,
        always: false,
        source: include_str!("../../rules/hygiene.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/packs/hygiene.json")),
    },
    BuiltinPack {
        name: "caloppa",
        default: false,
        always: false,
        source: include_str!("../../rules/caloppa.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/packs/caloppa.json")),
    },
    BuiltinPack {
        name: "ccpa",
        default: false,
        always: false,
        source: include_str!("../../rules/ccpa.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/packs/ccpa.json")),
    },
    BuiltinPack {
        name: "gdpr",
        default: false,
        always: false,
        source: include_str!("../../rules/gdpr.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/packs/gdpr.json")),
    },
    BuiltinPack {
        name: "us-states",
        default: false,
        always: false,
        source: include_str!("../../rules/us-states.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/packs/us-states.json")),
    },
    BuiltinPack {
        name: "coppa",
        default: false,
        always: false,
        source: include_str!("../../rules/coppa.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/packs/coppa.json")),
    },
    // Last, so the other packs' rules keep their positions (SARIF indexes them).
    BuiltinPack {
        name: "clauselint",
        default: true,
        always: true,
        source: include_str!("../../rules/clauselint.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/packs/clauselint.json")),
    },
];

/// Rule id (pack `clauselint`): a suppression comment that suppressed nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";
/// Rule id (pack `clauselint`): a policy in a language the packs do not cover.
pub const UNSUPPORTED_LANGUAGE: &str = "unsupported-language";
/// Rule id (pack `clauselint`): a document that is clearly not a privacy
/// policy (terms, a list of subprocessors).
pub const NOT_A_PRIVACY_POLICY: &str = "not-a-privacy-policy";
/// The clause rules that apply to a cookie policy (`kind: cookie-policy`).
pub const COOKIE_POLICY_CLAUSES: &[&str] = &["third-party-cookies", "opt-out", "do-not-track"];
/// Rule id (pack `clauselint`): in diff mode, a new version that replaces the
/// document rather than editing it.
pub const DOCUMENT_REPLACED: &str = "document-replaced";

/// A named selection of built-in packs, for a kind of service: what
/// `--profile` and `packs:` in `.clauselint.yaml` accept.
#[derive(Clone, Copy, Debug)]
pub struct Profile {
    /// Profile name.
    pub name: &'static str,
    /// Who it is for.
    pub description: &'static str,
    /// The packs it turns on.
    pub packs: &'static [&'static str],
}

/// Every profile.
pub const PROFILES: &[Profile] = &[
    Profile {
        name: "us-saas",
        description:
            "an online service with US users: CalOPPA, the CCPA and the US state privacy laws",
        packs: &["core", "caloppa", "ccpa", "us-states", "hygiene"],
    },
    Profile {
        name: "eu",
        description: "a service under the GDPR",
        packs: &["core", "gdpr", "hygiene"],
    },
    Profile {
        name: "kids",
        description: "a US service directed to children: the amended COPPA Rule and CalOPPA",
        packs: &["core", "coppa", "caloppa", "hygiene"],
    },
];

/// A profile by name.
#[must_use]
pub fn profile(name: &str) -> Option<&'static Profile> {
    PROFILES.iter().find(|p| p.name == name)
}

/// The built-in packs a `--pack` / `packs:` entry names: the pack itself,
/// every pack for `all`, or a profile's packs; `None` if it names nothing.
#[must_use]
pub fn resolve(name: &str) -> Option<Vec<&'static str>> {
    if name == "all" {
        return Some(BUILTIN_PACKS.iter().map(|p| p.name).collect());
    }
    if let Some(pack) = find(name) {
        return Some(vec![pack.name]);
    }
    profile(name).map(|p| p.packs.to_vec())
}

/// A built-in pack by name.
#[must_use]
pub fn find(name: &str) -> Option<&'static BuiltinPack> {
    BUILTIN_PACKS.iter().find(|p| p.name == name)
}

/// Names of the packs on by default.
#[must_use]
pub fn default_names() -> Vec<&'static str> {
    BUILTIN_PACKS
        .iter()
        .filter(|p| p.default)
        .map(|p| p.name)
        .collect()
}

/// Every built-in pack as a source to load, in listed order.
#[must_use]
pub fn all_sources() -> Vec<PackSource> {
    BUILTIN_PACKS.iter().map(BuiltinPack::to_source).collect()
}

impl BuiltinPack {
    /// The pack as a source to load; its path reads `<builtin>/NAME.yaml`.
    #[must_use]
    pub fn to_source(&self) -> PackSource {
        PackSource {
            file: SourceFile::new(format!("<builtin>/{}.yaml", self.name), self.source),
            builtin: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleKind;

    #[test]
    fn every_builtin_pack_compiles_and_is_named_as_listed() {
        let sources = all_sources();
        let set = super::super::load(&sources).unwrap_or_else(|e| {
            panic!(
                "{}",
                e.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        let names: Vec<_> = set.packs().iter().map(|p| p.name.as_str()).collect();
        let listed: Vec<_> = BUILTIN_PACKS.iter().map(|p| p.name).collect();
        assert_eq!(names, listed);
        for rule in set.rules() {
            assert!(
                // Hygiene and the linter's own findings cite no law.
                !rule.references.is_empty()
                    || ["hygiene", "clauselint"].contains(&rule.pack.as_str()),
                "{} has no citation",
                rule.id
            );
            assert!(rule.help.is_some(), "{} has no help", rule.id);
        }
    }

    /// Built-in packs pass the guards against hostile YAML, and the prepared
    /// JSON `build.rs` made of each (what a run loads) is the YAML parsed and
    /// expanded, with the same originals for the rewritten patterns.
    #[test]
    fn builtin_packs_pass_the_untrusted_checks() {
        for source in all_sources() {
            let text = source.file.text();
            let trusted = crate::rules::yaml::parse_pack(text, true);
            let checked = crate::rules::yaml::parse_pack(text, false);
            assert!(checked.is_ok(), "{}", source.file.path());
            let mut expanded = trusted.expect("it parses");
            let written = crate::rules::vocab::expand_pack(&mut expanded).expect("it expands");
            expanded.vocab = None;
            let (prepared, prepared_written) =
                crate::rules::yaml::prepared(text).expect("build.rs prepared it");
            assert_eq!(
                format!("{prepared:?}"),
                format!("{expanded:?}"),
                "{}",
                source.file.path()
            );
            assert_eq!(prepared_written, written, "{}", source.file.path());
        }
    }

    /// Built-in regexes are compiled lazily at run time, so every form of
    /// every one of them must be proven to compile here.
    #[test]
    fn every_builtin_regex_compiles_in_every_form() {
        let sources = all_sources();
        let set = super::super::load(&sources).expect("built-in packs load");
        for p in set.patterns().iter() {
            p.compile_all()
                .unwrap_or_else(|e| panic!("{}: {e}", p.as_str()));
        }
        for rule in set.rules() {
            if let RuleKind::Clause(m) = &rule.kind {
                for re in m.section.iter().chain(&m.within_section) {
                    re.compile_all()
                        .unwrap_or_else(|e| panic!("{}: {}: {e}", rule.id, re.as_str()));
                }
            }
        }
    }
}
