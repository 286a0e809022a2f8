//! The one place that touches serde_yaml: parse a pack file into raw structs,
//! and locate things in the YAML source so errors can point at a line.

use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use super::builtin::BUILTIN_PACKS;
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

/// Largest size a pack may have once YAML aliases are expanded: scalar bytes
/// plus [`NODE_COST`] per node. serde_yaml bounds alias *jumps* (100 per
/// event), not what they expand to, so a 100 KB string anchored once and
/// aliased 10,000 times, or nested aliases in a match tree (billion laughs),
/// would otherwise allocate gigabytes before any of our checks run.
const MAX_EXPANDED: usize = 32 * 1024 * 1024;
/// What one node (scalar, sequence or map) counts towards [`MAX_EXPANDED`].
const NODE_COST: usize = 64;

/// A built-in pack as `build.rs` prepared it: parsed, its vocabularies and
/// actors expanded, with each rewritten pattern's original (what
/// `vocab::expand_pack` returns). Reading it instead of the YAML saves
/// parsing (serde_yaml spent 11 M instructions on the built-in packs) and
/// expanding (as many again); `None` for any other source.
pub(crate) fn prepared(source: &str) -> Option<(RawPack, BTreeMap<String, String>)> {
    #[derive(serde::Deserialize)]
    struct Prepared {
        pack: RawPack,
        written: BTreeMap<String, String>,
    }
    let builtin = BUILTIN_PACKS
        .iter()
        .find(|p| p.source == source && !p.json.is_empty())?;
    let prepared: Prepared = serde_json::from_str(builtin.json).ok()?;
    Some((prepared.pack, prepared.written))
}

/// Parses one pack file. A `trusted` one (built in, and tested) skips the
/// guards against hostile input, one of which parses the file a second time.
pub(crate) fn parse_pack(source: &str, trusted: bool) -> Result<RawPack, YamlError> {
    if trusted {
        return parse_document(source);
    }
    if source.len() > MAX_RULE_FILE {
        return Err(YamlError {
            message: format!("rule file is larger than {MAX_RULE_FILE} bytes"),
            span: None,
        });
    }
    if let Some(depth) = flow_depth_over(source, MAX_FLOW_DEPTH) {
        return Err(YamlError {
            message: format!(
                "rule file nests `[` and `{{` more than {MAX_FLOW_DEPTH} levels deep (at least {depth}); \
                 flatten the match tree"
            ),
            span: None,
        });
    }
    if expands_too_much(source) {
        return Err(YamlError {
            message: format!(
                "rule file expands to more than {} MiB once YAML aliases are resolved (an alias bomb?); \
                 repeat the text instead of aliasing it",
                MAX_EXPANDED / (1024 * 1024)
            ),
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

/// Deepest `[`/`{` nesting let through to the YAML parser. libyaml keeps one
/// "simple key" slot per flow level and rescans them all on every token, so
/// 100,000 nested `{any: [` took minutes before serde_yaml's own depth limit
/// (128) could refuse it. Anything this deep is refused first, in linear time.
const MAX_FLOW_DEPTH: usize = 1000;

/// The bracket depth reached, if it passes `limit`. Brackets inside quoted
/// strings are counted too: that can only over-count, and a real pack never
/// comes near the limit, so nothing can hide nesting from this check.
fn flow_depth_over(source: &str, limit: usize) -> Option<usize> {
    let mut depth: usize = 0;
    for b in source.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(depth);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Walks the document as serde_yaml replays it (aliases expanded) without
/// allocating anything, and stops as soon as the expanded size passes
/// [`MAX_EXPANDED`]. Any other problem is left to the real parse, which
/// reports it properly.
fn expands_too_much(source: &str) -> bool {
    use serde::de::DeserializeSeed;
    let budget = measure::Budget::new(MAX_EXPANDED);
    let de = serde_yaml::Deserializer::from_str(source);
    let _ = measure::Measure(&budget).deserialize(de);
    budget.exceeded()
}

mod measure {
    //! A serde seed that accepts any YAML value and only counts its size.

    use serde::de::{
        self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
    };
    use std::cell::Cell;
    use std::fmt;

    use super::NODE_COST;

    pub(super) struct Budget {
        left: Cell<usize>,
        exceeded: Cell<bool>,
    }

    impl Budget {
        pub(super) fn new(limit: usize) -> Self {
            Self {
                left: Cell::new(limit),
                exceeded: Cell::new(false),
            }
        }

        pub(super) fn exceeded(&self) -> bool {
            self.exceeded.get()
        }

        fn spend<E: de::Error>(&self, n: usize) -> Result<(), E> {
            match self.left.get().checked_sub(n) {
                Some(left) => {
                    self.left.set(left);
                    Ok(())
                }
                None => {
                    self.exceeded.set(true);
                    Err(E::custom("expanded size limit"))
                }
            }
        }
    }

    #[derive(Clone, Copy)]
    pub(super) struct Measure<'a>(pub(super) &'a Budget);

    impl<'de> DeserializeSeed<'de> for Measure<'_> {
        type Value = ();
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Measure<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any YAML value")
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            self.0.spend(NODE_COST)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            self.0.spend(NODE_COST)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            self.0.spend(NODE_COST)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            self.0.spend(NODE_COST)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
            self.0.spend(NODE_COST.saturating_add(v.len()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            self.0.spend(NODE_COST)
        }
        fn visit_none<E: de::Error>(self) -> Result<(), E> {
            self.0.spend(NODE_COST)
        }
        fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            self.deserialize(d)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            self.0.spend(NODE_COST)?;
            while seq.next_element_seed(self)?.is_some() {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            self.0.spend(NODE_COST)?;
            while map.next_key_seed(self)?.is_some() {
                map.next_value_seed(self)?;
            }
            Ok(())
        }
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
            // A tagged value (`!tag value`): count the value.
            let ((), variant) = data.variant_seed(self)?;
            variant.newtype_variant_seed(self)
        }
    }
}

/// serde_yaml appends " at line N column M"; the diagnostic shows that itself.
fn clean_message(message: &str) -> String {
    static AT: OnceLock<Regex> = OnceLock::new();
    let at = AT.get_or_init(|| Regex::new(r" at line \d+ column \d+$").expect("valid regex"));
    let mut message = at.replace(message, "").into_owned();
    if message.contains("repetition limit exceeded") {
        // serde_yaml's own guard against alias bombs (billion laughs).
        message.push_str(": YAML aliases repeat too much (an alias bomb?); repeat the text instead of aliasing it");
    }
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

/// Where each rule id is written in a pack's YAML source (`id: kids`,
/// quoted or not, maybe after the `-` of its list item): the first line
/// giving each id, found in one pass over the text.
pub(crate) fn rule_ids(source: &str) -> HashMap<&str, Span> {
    let mut ids = HashMap::new();
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let Some(rest) = body
            .trim_start_matches([' ', '\t', '-'])
            .strip_prefix("id:")
        else {
            continue;
        };
        let value = rest.trim_start_matches([' ', '\t']);
        let quote = value.chars().next().filter(|c| matches!(c, '\'' | '"'));
        let (id, after) = if let Some(q) = quote {
            let inner = &value[1..];
            let Some(end) = inner.find(q) else { continue };
            (&inner[..end], &inner[end + 1..])
        } else {
            let end = value.find([' ', '\t', '#']).unwrap_or(value.len());
            (&value[..end], &value[end..])
        };
        let after = after.trim_start_matches([' ', '\t']);
        if id.is_empty() || !(after.is_empty() || after.starts_with('#')) {
            continue;
        }
        let at = line_start + body.len() - value.len() + usize::from(quote.is_some());
        ids.entry(id).or_insert(Span::new(at, at + id.len()));
    }
    ids
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
    let mut at = from.min(source.len());
    for line in source.get(at..)?.split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t', '-']);
        if body
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
        {
            let start = at + line.len() - body.len();
            return Some(Span::new(start, start + key.len()));
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_points_at_its_line() {
        let src = "pack: p\nrules:\n  - id: a\n    scoop: sentence\n";
        let err = parse_pack(src, false).unwrap_err();
        assert!(
            err.message.contains("unknown field `scoop`"),
            "{}",
            err.message
        );
        let span = err.span.unwrap();
        assert!(src[span].contains("scoop"), "{:?}", &src[span]);
    }

    /// `locate_key` scans lines by hand; it finds what `(?m)^[ \t-]*(key):`
    /// finds from `from` on.
    #[test]
    fn locate_key_agrees_with_its_regex() {
        let src = "pack: p\r\nrules:\n  - id: a\n    match: x\n\t- matcher: y\n  -  match:z\n match :\nmatch:";
        for key in ["pack", "rules", "id", "match", "matcher", "missing", "atch"] {
            let re = Regex::new(&format!(r"(?m)^[ \t-]*({}):", regex::escape(key))).unwrap();
            for from in 0..=src.len() {
                let want = re
                    .captures(&src[from..])
                    .and_then(|c| c.get(1))
                    .map(|m| Span::new(from + m.start(), from + m.end()));
                assert_eq!(locate_key(src, key, from), want, "{key} from {from}");
            }
        }
    }

    #[test]
    fn locates_rules_and_strings() {
        let src = "rules:\n  - id: kids\n    match: '\\bunder 13'\n  - id: \"other\"\n";
        let ids = rule_ids(src);
        assert_eq!(&src[ids["kids"]], "kids");
        assert_eq!(&src[ids["other"]], "other");
        // Not a prefix of a longer id; CRLF, comments and 'quotes' are fine;
        // the first line giving an id wins.
        let crlf = "rules:\r\n  - id: kids-extra\r\n  -\tid: 'kids'  # the one\r\n  - id: kids\r\n";
        let ids = rule_ids(crlf);
        assert_eq!((&crlf[ids["kids"]], ids["kids"].start), ("kids", 37));
        assert_eq!(&crlf[ids["kids-extra"]], "kids-extra");
        assert!(!ids.contains_key("kid"));
        assert_eq!(
            &src[locate_string(src, r"\bunder 13", 0).unwrap()],
            r"\bunder 13"
        );
        assert!(locate_key(src, "match", 0).is_some());
    }

    fn laughs(levels: usize) -> String {
        let mut y = String::from("pack: p\nrules:\n  - id: a\n    title: t\n    severity: info\n    message: m\n    examples: {present: [x]}\n    match:\n      any:\n        - &l0 {any: [lol]}\n");
        for i in 1..=levels {
            let refs = vec![format!("*l{}", i - 1); 9].join(", ");
            y.push_str(&format!("        - &l{i} {{any: [{refs}]}}\n"));
        }
        y
    }

    #[test]
    fn billion_laughs_is_refused() {
        // serde_yaml stops these itself (at most 100 alias jumps per event);
        // the expanded-size budget is the second line of defence.
        for levels in [5, 9] {
            let err = parse_pack(&laughs(levels), false).unwrap_err();
            assert!(err.message.contains("YAML aliases"), "{}", err.message);
        }
    }

    #[test]
    fn long_string_aliased_many_times_is_refused() {
        let big = "x".repeat(100_000);
        let refs = vec!["*b"; 10_000].join(", ");
        let y = format!(
            "pack: p\nrules:\n  - id: a\n    title: &b {big}\n    severity: info\n    message: m\n    examples: {{present: [{refs}]}}\n    match: x\n"
        );
        let err = parse_pack(&y, false).unwrap_err();
        assert!(err.message.contains("YAML aliases"), "{}", err.message);
    }

    #[test]
    fn very_deep_flow_nesting_is_refused_before_parsing() {
        let n = 100_000;
        let y = format!(
            "pack: p\nrules:\n  - id: a\n    match: {}x{}\n",
            "{any: [".repeat(n),
            "]}".repeat(n)
        );
        let err = parse_pack(&y, false).unwrap_err();
        assert!(
            err.message.contains("more than 1000 levels"),
            "{}",
            err.message
        );
        // Brackets that close again (regex classes, say) never add up.
        let ok = format!(
            "pack: p\nrules: []\ndescription: '{}'\n",
            "[a-z]".repeat(5000)
        );
        assert!(parse_pack(&ok, false).is_ok());
    }

    #[test]
    fn modest_aliases_still_work() {
        // Three levels expand to 9^3 = 729 patterns: fine.
        let raw = parse_pack(&laughs(3), false).unwrap();
        assert_eq!(raw.rules.len(), 1);
    }
}
