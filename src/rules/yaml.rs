//! The one place that touches serde_yaml: parse a pack file into raw structs,
//! and locate things in the YAML source so errors can point at a line.

use regex::Regex;
use std::sync::OnceLock;

use super::raw::RawPack;
use crate::source::Span;

/// A YAML syntax or shape error, with where it happened if known.
#[derive(Debug)]
pub(crate) struct YamlError {
    pub message: String,
    pub span: Option<Span>,
}

/// Largest rule file accepted, to refuse alias bombs and accidents alike.
const MAX_RULE_FILE: usize = 4 * 1024 * 1024;

/// Parses one pack file.
pub(crate) fn parse_pack(source: &str) -> Result<RawPack, YamlError> {
    if source.len() > MAX_RULE_FILE {
        return Err(YamlError {
            message: format!("rule file is larger than {MAX_RULE_FILE} bytes"),
            span: None,
        });
    }
    parse_document(source)
}

/// Parses a project configuration file (see `crate::config`) into its raw
/// serde struct; an empty file is an empty mapping.
pub(crate) fn parse_config<T: serde::de::DeserializeOwned>(source: &str) -> Result<T, YamlError> {
    if source.len() > MAX_RULE_FILE {
        return Err(YamlError {
            message: format!("configuration file is larger than {MAX_RULE_FILE} bytes"),
            span: None,
        });
    }
    if source.trim().is_empty() {
        return parse_document("{}");
    }
    parse_document(source)
}

fn parse_document<T: serde::de::DeserializeOwned>(source: &str) -> Result<T, YamlError> {
    serde_yaml::from_str::<T>(source).map_err(|e| {
        let span = e.location().map(|l| {
            let at = l.index().min(source.len());
            let end = source[at..]
                .find('\n')
                .map_or(source.len(), |n| at + n)
                .max(at);
            Span::new(at, end)
        });
        YamlError {
            message: clean_message(&e.to_string()),
            span,
        }
    })
}

/// serde_yaml appends " at line N column M"; the diagnostic shows that itself.
fn clean_message(message: &str) -> String {
    static AT: OnceLock<Regex> = OnceLock::new();
    let at = AT.get_or_init(|| Regex::new(r" at line \d+ column \d+$").expect("valid regex"));
    let message = at.replace(message, "").into_owned();
    match did_you_mean(&message) {
        Some(suggestion) => format!("{message}; did you mean `{suggestion}`?"),
        None => message,
    }
}

/// For "unknown field `scoop`, expected one of `id`, `scope`, …", the closest expected name.
fn did_you_mean(message: &str) -> Option<String> {
    static UNKNOWN: OnceLock<Regex> = OnceLock::new();
    let re = UNKNOWN.get_or_init(|| {
        Regex::new(r"unknown (?:field|variant) `([^`]+)`, expected (.*)").expect("valid regex")
    });
    let caps = re.captures(message)?;
    let typo = caps.get(1)?.as_str();
    caps.get(2)?
        .as_str()
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|name| (edit_distance(typo, name), name))
        .filter(|&(d, name)| d <= 2.max(name.len() / 3))
        .min()
        .map(|(_, name)| name.to_owned())
}

/// Levenshtein distance between two short strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Finds where a rule with `id` is declared in the YAML source.
pub(crate) fn locate_rule(source: &str, id: &str) -> Option<Span> {
    let pattern = format!(
        r#"(?m)^[ \t-]*id:[ \t]*['"]?({})['"]?[ \t]*(#.*)?$"#,
        regex::escape(id)
    );
    let re = Regex::new(&pattern).ok()?;
    re.captures(source)
        .and_then(|c| c.get(1))
        .map(|m| Span::new(m.start(), m.end()))
}

/// Finds `value` as written in the YAML source (plain, single- or
/// double-quoted), searching from `from`; falls back to a search from the start.
pub(crate) fn locate_string(source: &str, value: &str, from: usize) -> Option<Span> {
    if value.is_empty() {
        return None;
    }
    let single = value.replace('\'', "''");
    let double = value.replace('\\', "\\\\").replace('"', "\\\"");
    let candidates = [value, single.as_str(), double.as_str()];
    for start in [from.min(source.len()), 0] {
        for c in candidates {
            if let Some(at) = source[start..].find(c) {
                let at = start + at;
                return Some(Span::new(at, at + c.len()));
            }
        }
    }
    None
}

/// Finds `key:` as written in the YAML source, searching from `from`.
pub(crate) fn locate_key(source: &str, key: &str, from: usize) -> Option<Span> {
    let pattern = format!(r"(?m)^[ \t-]*({}):", regex::escape(key));
    let re = Regex::new(&pattern).ok()?;
    re.captures(&source[from.min(source.len())..])
        .and_then(|c| c.get(1))
        .map(|m| Span::new(from + m.start(), from + m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_points_at_its_line() {
        let src = "pack: p\nrules:\n  - id: a\n    scoop: sentence\n";
        let err = parse_pack(src).unwrap_err();
        assert!(
            err.message.contains("unknown field `scoop`"),
            "{}",
            err.message
        );
        let span = err.span.unwrap();
        assert!(src[span].contains("scoop"), "{:?}", &src[span]);
    }

    #[test]
    fn locates_rules_and_strings() {
        let src = "rules:\n  - id: kids\n    match: '\\bunder 13'\n  - id: \"other\"\n";
        assert_eq!(&src[locate_rule(src, "kids").unwrap()], "kids");
        assert_eq!(&src[locate_rule(src, "other").unwrap()], "other");
        assert_eq!(
            &src[locate_string(src, r"\bunder 13", 0).unwrap()],
            r"\bunder 13"
        );
        assert!(locate_key(src, "match", 0).is_some());
    }
}
