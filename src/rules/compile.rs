//! Raw YAML structs → checked, compiled rules. Every problem is collected,
//! not just the first, and each points at its place in the YAML source.

use regex::Regex;
use std::collections::HashMap;

use super::raw::{RawNear, RawNode, RawPack, RawRule, RawTree};
use super::vocab;
use super::yaml;
use super::{
    Check, ClauseMatcher, Examples, LinkText, Negation, Node, Occurs, Origin, Pack, Reference,
    Rule, RuleError, RuleKind, RuleSet, Scope, Severity, ValueCheck,
};
use crate::search::{build_regex, Pattern, PatternSet};
use crate::source::{SourceFile, Span};
use clauselint_pack_syntax::patterns::each_tree_regex;

/// A regex's key in the pattern table: its case and its text.
fn pattern_key(p: &str, cs: bool) -> String {
    format!("{}{p}", if cs { "(?-i)" } else { "(?i)" })
}

/// Deepest match tree accepted.
const MAX_DEPTH: usize = 32;

/// A rule-pack file to load.
#[derive(Clone, Debug)]
pub struct PackSource {
    /// The file and its text.
    pub file: SourceFile,
    /// Whether it is built into the binary.
    pub builtin: bool,
}

/// Loads and compiles packs into one rule set.
///
/// # Errors
/// Returns every problem found in every file: YAML syntax, unknown keys, bad
/// or empty-matching regexes, duplicate ids, missing examples.
pub fn load(sources: &[PackSource]) -> Result<RuleSet, Vec<RuleError>> {
    let mut c = Compiler::default();
    let mut packs = Vec::new();
    let mut rules = Vec::new();
    for src in sources {
        let file = &src.file;
        c.trusted = src.builtin;
        let prepared = src.builtin.then(|| yaml::prepared(file.text())).flatten();
        if let Some((raw, written)) = prepared {
            c.written = written;
            c.pack(file, raw, &mut packs, &mut rules);
            continue;
        }
        let mut raw = match yaml::parse_pack(file.text(), src.builtin) {
            Ok(raw) => raw,
            Err(e) => {
                c.errors.push(
                    RuleError::new(file, e.span, format!("invalid rule pack: {}", e.message))
                        .label("here"),
                );
                continue;
            }
        };
        match vocab::expand_pack(&mut raw) {
            Ok(written) => c.written = written,
            Err(errors) => {
                for e in errors {
                    let span = yaml::locate_string(file.text(), &e.at, 0);
                    c.errors.push(RuleError::new(file, span, e.message).label("here").help(
                        "define vocabularies under `vocab:` at the top of the pack and use them as `{{name}}`",
                    ));
                }
                continue;
            }
        }
        c.pack(file, raw, &mut packs, &mut rules);
    }
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    let mut in_headings = vec![false; c.patterns.len()];
    for rule in &rules {
        if let RuleKind::Clause(m) = &rule.kind {
            let mut wanted = Vec::new();
            if m.headings {
                // `not` parts too: an exception must be seen where the statement is.
                m.tree.all_patterns(&mut wanted);
            }
            m.tree.heading_patterns(&mut wanted);
            for p in wanted {
                in_headings[p] = true;
            }
        }
    }
    Ok(RuleSet {
        packs,
        rules,
        patterns: PatternSet::new(c.patterns, in_headings),
        written: c.labels,
    })
}

#[derive(Default)]
struct Compiler {
    errors: Vec<RuleError>,
    patterns: Vec<Pattern>,
    /// Each pattern as the pack wrote it (before vocabularies were expanded).
    labels: Vec<String>,
    /// Expanded pattern → as written, for the pack being compiled.
    written: std::collections::BTreeMap<String, String>,
    /// Whether the pack being compiled is built in (validated by tests, so
    /// its regexes are compiled lazily).
    trusted: bool,
    index: HashMap<String, usize>,
    /// Regexes that did not compile (their error is reported once).
    failed: std::collections::HashSet<String>,
    ids: HashMap<String, (SourceFile, Option<Span>)>,
}

impl Compiler {
    /// Checks a parsed, expanded pack and compiles its rules into `rules`.
    fn pack(
        &mut self,
        file: &SourceFile,
        raw: RawPack,
        packs: &mut Vec<Pack>,
        rules: &mut Vec<Rule>,
    ) {
        let builtin = self.trusted;
        if !is_kebab(&raw.pack) {
            let span = yaml::locate_key(file.text(), "pack", 0);
            self.errors.push(
                RuleError::new(
                    file,
                    span,
                    format!("pack name `{}` is not kebab-case", raw.pack),
                )
                .help("use lowercase words joined by `-`, like `acme-house-rules`"),
            );
        }
        if packs.iter().any(|p: &Pack| p.name == raw.pack) {
            let span = yaml::locate_key(file.text(), "pack", 0);
            self.errors.push(RuleError::new(
                file,
                span,
                format!("pack `{}` is loaded twice", raw.pack),
            ));
        }
        let ids = yaml::rule_ids(file.text());
        for mut rr in raw.rules {
            let id_span = ids.get(rr.id.as_str()).copied();
            let law = rr.law.take().or_else(|| raw.law.clone());
            if let Some(mut rule) = self.rule(file, &raw.pack, rr, id_span) {
                rule.law = law;
                rules.push(rule);
            }
        }
        packs.push(Pack {
            name: raw.pack,
            description: raw.description,
            builtin,
        });
    }

    fn rule(
        &mut self,
        file: &SourceFile,
        pack: &str,
        mut rr: RawRule,
        id_span: Option<Span>,
    ) -> Option<Rule> {
        let errors_before = self.errors.len();
        let text = file.text();
        let from = id_span.map_or(0, |s| s.start);
        let key = |k: &str| yaml::locate_key(text, k, from).or(id_span);

        if !is_kebab(&rr.id) {
            self.errors.push(
                RuleError::new(file, id_span, format!("rule id `{}` is not kebab-case", rr.id))
                    .label("rule id")
                    .help("ids are lowercase words joined by `-` that name what is checked, like `children-under-13`"),
            );
        }
        if let Some((first_file, first_span)) = self.ids.get(&rr.id) {
            let mut e = RuleError::new(file, id_span, format!("duplicate rule id `{}`", rr.id))
                .label("defined again here")
                .help("rule ids must be unique across all loaded packs; rename one of them");
            if let Some(s) = first_span {
                e.related = Some((first_file.clone(), *s, "first defined here".into()));
            }
            self.errors.push(e);
        } else {
            self.ids.insert(rr.id.clone(), (file.clone(), id_span));
        }
        let severity = rr.severity.parse::<Severity>().unwrap_or_else(|()| {
            self.errors.push(
                RuleError::new(
                    file,
                    key("severity"),
                    format!("unknown severity `{}`", rr.severity),
                )
                .help("use one of `error`, `warning`, `info`"),
            );
            Severity::Error
        });
        let examples = rr
            .examples
            .take()
            .map_or_else(Examples::default, |e| Examples {
                present: e.present,
                absent: e.absent,
            });
        if examples.present.is_empty() && examples.absent.is_empty() {
            self.errors.push(
                RuleError::new(file, id_span, format!("rule `{}` has no examples", rr.id))
                    .label("this rule")
                    .help("add `examples: {present: [...], absent: [...]}` so `clauselint test-rules` can check it"),
            );
        }

        let kind = match (&rr.matcher, &rr.check) {
            (Some(_), Some(_)) => {
                self.errors.push(
                    RuleError::new(
                        file,
                        key("check"),
                        "a rule has either `match` or `check`, not both",
                    )
                    .label("here"),
                );
                None
            }
            (None, None) => {
                self.errors.push(
                    RuleError::new(
                        file,
                        id_span,
                        format!("rule `{}` has neither `match` nor `check`", rr.id),
                    )
                    .label("this rule")
                    .help("add a `match:` tree of regexes"),
                );
                None
            }
            (Some(tree), None) => self
                .clause(file, from, &rr, tree)
                .map(|c| RuleKind::Clause(Box::new(c))),
            (None, Some(check)) => self
                .check(file, key("check"), &rr, check)
                .map(RuleKind::Check),
        };
        if self.errors.len() > errors_before {
            return None;
        }
        Some(Rule {
            id: rr.id,
            pack: pack.to_owned(),
            title: rr.title,
            severity,
            message: rr.message,
            help: rr.help,
            description: rr.description,
            references: rr
                .references
                .into_iter()
                .map(|r| Reference {
                    cite: r.cite,
                    url: r.url,
                })
                .collect(),
            law: None,
            kind: kind?,
            examples,
            origin: Origin {
                file: file.clone(),
                span: id_span,
            },
        })
    }

    fn clause(
        &mut self,
        file: &SourceFile,
        from: usize,
        rr: &RawRule,
        tree: &RawNode,
    ) -> Option<ClauseMatcher> {
        let text = file.text();
        let scope = match rr.scope.as_deref().unwrap_or("sentence") {
            "sentence" => Scope::Sentence,
            "paragraph" => Scope::Paragraph,
            "section" => Scope::Section,
            "document" => Scope::Document,
            other => {
                self.errors.push(
                    RuleError::new(
                        file,
                        yaml::locate_key(text, "scope", from),
                        format!("unknown scope `{other}`"),
                    )
                    .help("use one of `sentence`, `paragraph`, `section`, `document`"),
                );
                Scope::Sentence
            }
        };
        let match_span = yaml::locate_key(text, "match", from);
        // Every regex of the `match` and `when` trees, found by the walker
        // build.rs uses too, so the two agree on which keys hold regexes.
        each_tree_regex(rr, |p, case_insensitive| {
            self.intern(file, from, p, !case_insensitive);
        });
        let tree = self.node(file, from, tree, rr.case_sensitive, 0)?;
        let mut positive = Vec::new();
        tree.positive_patterns(&mut positive);
        if positive.is_empty() {
            self.errors.push(
                RuleError::new(file, match_span, "the match tree has no positive pattern")
                    .help("a `not` alone matches nothing; add an `any` or `all` of regexes"),
            );
        }
        let section = rr
            .section
            .as_ref()
            .map(|list| list.as_slice().to_vec())
            .unwrap_or_default()
            .iter()
            .filter_map(|p| {
                let span = self.locate_string(text, p, from);
                self.heading_regex(file, span, p)
            })
            .collect();
        let max = rr.occurs.as_ref().and_then(|o| o.max);
        let occurs = Occurs {
            // `occurs: {max: 0}` alone is a forbidden-text rule: nothing is required.
            min: rr
                .occurs
                .as_ref()
                .and_then(|o| o.min)
                .unwrap_or(usize::from(max != Some(0))),
            max,
        };
        if let Some(max) = occurs.max {
            if max < occurs.min {
                self.errors.push(
                    RuleError::new(
                        file,
                        yaml::locate_key(text, "occurs", from),
                        "`occurs.max` is below `occurs.min`",
                    )
                    .label("here"),
                );
            }
        }
        let when = rr
            .when
            .as_ref()
            .and_then(|w| self.node(file, from, w, rr.case_sensitive, 0));
        let within_section = rr.within_section.as_ref().and_then(|p| {
            let span = self.locate_string(text, p, from);
            self.heading_regex(file, span, p)
        });
        if within_section.is_some() && scope == Scope::Document {
            self.errors.push(
                RuleError::new(
                    file,
                    yaml::locate_key(text, "within_section", from),
                    "`within_section` cannot be used with `scope: document`",
                )
                .help("use `scope: section` or a smaller scope"),
            );
        }
        let negation = match rr.negation.as_deref().unwrap_or("ignore") {
            "ignore" => Negation::Ignore,
            "exclude" => Negation::Exclude,
            "only" => Negation::Only,
            other => {
                self.errors.push(
                    RuleError::new(
                        file,
                        yaml::locate_key(text, "negation", from),
                        format!("unknown negation mode `{other}`"),
                    )
                    .help("use one of `ignore`, `exclude`, `only`"),
                );
                Negation::Ignore
            }
        };
        let link_text = match rr.link_text.as_deref().unwrap_or("include") {
            "include" => LinkText::Include,
            "exclude" => LinkText::Exclude,
            other => {
                self.errors.push(
                    RuleError::new(
                        file,
                        yaml::locate_key(text, "link_text", from),
                        format!("unknown link_text mode `{other}`"),
                    )
                    .help("use one of `include`, `exclude`"),
                );
                LinkText::Include
            }
        };
        let headings = match rr.headings.as_deref().unwrap_or("exclude") {
            "exclude" => false,
            "include" => true,
            other => {
                self.errors.push(
                    RuleError::new(
                        file,
                        yaml::locate_key(text, "headings", from),
                        format!("unknown headings mode `{other}`"),
                    )
                    .help("use one of `exclude`, `include`"),
                );
                false
            }
        };
        let value = rr.value.as_ref().map(|v| ValueCheck {
            capture: v.capture.clone(),
            min: v.min,
            max: v.max,
        });
        if let Some(v) = &value {
            let captured = positive.iter().any(|&p| {
                self.patterns[p]
                    .capture_names()
                    .flatten()
                    .any(|n| n == v.capture)
            });
            if !captured {
                self.errors.push(
                    RuleError::new(
                        file,
                        yaml::locate_key(text, "value", from),
                        format!(
                            "no pattern of this rule has a capture group named `{}`",
                            v.capture
                        ),
                    )
                    .help(format!(
                        "name the number in a regex: `(?P<{}>\\d+)`",
                        v.capture
                    )),
                );
            }
        }
        Some(ClauseMatcher {
            scope,
            tree,
            headings,
            duplicate_message: rr.duplicate_message.clone(),
            section,
            occurs,
            when,
            within_section,
            negation,
            link_text,
            value,
        })
    }

    fn check(
        &mut self,
        file: &SourceFile,
        span: Option<Span>,
        rr: &RawRule,
        name: &str,
    ) -> Option<Check> {
        let options = rr.options.as_ref();
        match name {
            "duplicate-paragraph" => Some(Check::DuplicateParagraph {
                min_words: options.and_then(|o| o.min_words).unwrap_or(8),
                max_distance: options.and_then(|o| o.max_distance).unwrap_or(8),
            }),
            "repeated-words" => Some(Check::RepeatedWords {
                allow: options
                    .map(|o| o.allow.iter().map(|w| w.to_lowercase()).collect())
                    .unwrap_or_default(),
            }),
            "near-duplicate-paragraph" => {
                let similarity = options.and_then(|o| o.similarity).unwrap_or(0.7);
                if !(similarity > 0.0 && similarity <= 1.0) {
                    self.errors.push(
                        RuleError::new(
                            file,
                            span,
                            format!(
                                "`similarity` must be above 0 and at most 1, found {similarity}"
                            ),
                        )
                        .help("0.7 reports paragraphs that share 70% of their word sequences"),
                    );
                    return None;
                }
                Some(Check::NearDuplicateParagraph {
                    min_words: options.and_then(|o| o.min_words).unwrap_or(15),
                    // In range 1..=1000 after the check above.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    similarity_permille: (similarity * 1000.0).round() as u32,
                    max_distance: options.and_then(|o| o.max_distance).unwrap_or(8),
                })
            }
            "mojibake" => Some(Check::Mojibake),
            "placeholder" => Some(Check::Placeholder),
            "dangling-link-text" => Some(Check::DanglingLinkText),
            "stale-policy" => Some(Check::StalePolicy {
                max_age_months: options.and_then(|o| o.max_age_months).unwrap_or(12),
            }),
            "conflicting-dates" => Some(Check::ConflictingDates),
            "unused-suppression" => Some(Check::UnusedSuppression),
            "unsupported-language" => Some(Check::UnsupportedLanguage),
            "not-a-privacy-policy" => Some(Check::NotAPrivacyPolicy),
            "document-replaced" => Some(Check::DocumentReplaced),
            other => {
                self.errors.push(
                    RuleError::new(file, span, format!("unknown check `{other}`")).help(
                        "built-in checks are `duplicate-paragraph`, `repeated-words`, \
                         `near-duplicate-paragraph`, `mojibake`, `placeholder`, \
                         `dangling-link-text`, `stale-policy`, `conflicting-dates`, \
                         `unused-suppression`, `unsupported-language`, \
                         `not-a-privacy-policy` and `document-replaced`",
                    ),
                );
                None
            }
        }
    }

    fn node(
        &mut self,
        file: &SourceFile,
        from: usize,
        node: &RawNode,
        cs: bool,
        depth: usize,
    ) -> Option<Node> {
        let text = file.text();
        if depth > MAX_DEPTH {
            self.errors.push(RuleError::new(
                file,
                yaml::locate_key(text, "match", from),
                format!("match tree is nested deeper than {MAX_DEPTH} levels"),
            ));
            return None;
        }
        match node {
            RawNode::Pattern(p) => {
                if let Some(&i) = self.index.get(&pattern_key(p, cs)) {
                    return Some(Node::Pattern(i));
                }
                if self.failed.contains(&pattern_key(p, cs)) {
                    return None;
                }
                // `clause` interned every regex the shared walker finds: a
                // key it does not visit is missing from `RawTree::children`.
                debug_assert!(false, "regex not visited by the pack-syntax walker: {p}");
                self.intern(file, from, p, cs).map(Node::Pattern)
            }
            RawNode::Tree(tree) => self.tree(file, from, tree, cs, depth),
        }
    }

    fn tree(
        &mut self,
        file: &SourceFile,
        from: usize,
        tree: &RawTree,
        cs: bool,
        depth: usize,
    ) -> Option<Node> {
        let text = file.text();
        let mut parts = Vec::new();
        let mut ok = true;
        for (name, list) in [("any", &tree.any), ("all", &tree.all), ("not", &tree.not)] {
            let Some(list) = list else { continue };
            if list.is_empty() {
                self.errors.push(
                    RuleError::new(
                        file,
                        yaml::locate_key(text, name, from),
                        format!("empty `{name}` list"),
                    )
                    .label("nothing to match")
                    .help("list at least one regex, or remove the key"),
                );
                ok = false;
                continue;
            }
            let mut children = Vec::with_capacity(list.len());
            for child in list {
                match self.node(file, from, child, cs, depth + 1) {
                    Some(n) => children.push(n),
                    None => ok = false,
                }
            }
            parts.push(match name {
                "any" => Node::Any(children),
                "all" => Node::All(children),
                _ => Node::Not(children),
            });
        }
        if let Some(near) = &tree.near {
            match self.near(file, from, near, cs) {
                Some(n) => parts.push(n),
                None => ok = false,
            }
        }
        if let Some(before) = &tree.before {
            match self.sides(file, from, "before", before, cs) {
                Some(sides) => parts.push(Node::Before { sides }),
                None => ok = false,
            }
        }
        if let Some(heading) = &tree.heading {
            match self.node(file, from, heading, cs, depth + 1) {
                Some(n) => parts.push(Node::Heading(Box::new(n))),
                None => ok = false,
            }
        }
        if let Some(link) = &tree.link {
            match self.node(file, from, link, cs, depth + 1) {
                Some(Node::Pattern(p)) => parts.push(Node::Link(vec![p])),
                Some(Node::Any(children))
                    if children.iter().all(|c| matches!(c, Node::Pattern(_))) =>
                {
                    parts.push(Node::Link(
                        children
                            .iter()
                            .filter_map(|c| match c {
                                Node::Pattern(p) => Some(*p),
                                _ => None,
                            })
                            .collect(),
                    ));
                }
                Some(_) => {
                    self.errors.push(
                        RuleError::new(
                            file,
                            yaml::locate_key(text, "link", from),
                            "`link` takes a regex or an `any` list of regexes",
                        )
                        .label("here"),
                    );
                    ok = false;
                }
                None => ok = false,
            }
        }
        if parts.is_empty() && ok {
            self.errors.push(
                RuleError::new(
                    file,
                    yaml::locate_key(text, "match", from),
                    "empty match node",
                )
                .help(
                    "a match node needs `any`, `all`, `not`, `near`, `before`, `heading`, `actor` or `link`",
                ),
            );
            return None;
        }
        if !ok {
            return None;
        }
        Some(if parts.len() == 1 {
            parts.pop()?
        } else {
            Node::All(parts)
        })
    }

    /// `near: {within: N, of: [A, B]}`: each side is a regex or `any` of regexes.
    fn near(&mut self, file: &SourceFile, from: usize, near: &RawNear, cs: bool) -> Option<Node> {
        let sides = self.sides(file, from, "near", &near.of, cs)?;
        Some(Node::Near {
            within: near.within,
            sides,
            ordered: near.ordered.unwrap_or(false),
        })
    }

    /// The two sides of `near` or `before` (`key`): each a regex or an `any`
    /// list of regexes.
    fn sides(
        &mut self,
        file: &SourceFile,
        from: usize,
        key: &str,
        raw: &[RawNode],
        cs: bool,
    ) -> Option<[Vec<usize>; 2]> {
        let span = yaml::locate_key(file.text(), key, from);
        if raw.len() != 2 {
            let example = if key == "near" {
                "write `near: {within: 10, of: [regex, {any: [regex, ...]}]}`"
            } else {
                "write `before: [regex, {any: [regex, ...]}]`"
            };
            self.errors.push(
                RuleError::new(
                    file,
                    span,
                    format!("`{key}` takes exactly two sides, found {}", raw.len()),
                )
                .help(example),
            );
            return None;
        }
        let mut sides: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        for (side, raw) in sides.iter_mut().zip(raw) {
            match self.node(file, from, raw, cs, 1)? {
                Node::Pattern(p) => side.push(p),
                Node::Any(children) if children.iter().all(|c| matches!(c, Node::Pattern(_))) => {
                    side.extend(children.iter().filter_map(|c| match c {
                        Node::Pattern(p) => Some(*p),
                        _ => None,
                    }));
                }
                _ => {
                    self.errors.push(
                        RuleError::new(
                            file,
                            span,
                            format!(
                                "each side of `{key}` must be a regex or an `any` list of regexes"
                            ),
                        )
                        .label("here"),
                    );
                    return None;
                }
            }
        }
        Some(sides)
    }

    /// Where regex `p` stands in the YAML, for an error about it; a built-in
    /// pack's regexes are checked by its tests, so they need no place.
    fn locate_string(&self, text: &str, p: &str, from: usize) -> Option<Span> {
        if self.trusted {
            return None;
        }
        yaml::locate_string(text, p, from)
    }

    /// The number of regex `p` (case-sensitive when `cs`) in the rule set,
    /// compiled and added on first sight; `None` (error reported) when it
    /// does not compile.
    fn intern(&mut self, file: &SourceFile, from: usize, p: &str, cs: bool) -> Option<usize> {
        let key = pattern_key(p, cs);
        if let Some(&i) = self.index.get(&key) {
            return Some(i);
        }
        if self.failed.contains(&key) {
            return None;
        }
        let as_written = self.written.get(p).cloned().unwrap_or_else(|| p.to_owned());
        let span = self.locate_string(file.text(), &as_written, from);
        let Some(pattern) = self.pattern(file, span, p, cs) else {
            self.failed.insert(key);
            return None;
        };
        let i = self.patterns.len();
        self.patterns.push(pattern);
        self.labels.push(as_written);
        self.index.insert(key, i);
        Some(i)
    }

    /// Parses one rule regex; compiles it now unless its pack is built in.
    fn pattern(
        &mut self,
        file: &SourceFile,
        span: Option<Span>,
        p: &str,
        cs: bool,
    ) -> Option<Pattern> {
        if self.trusted {
            // Built-in: parsed on first use (a unit test proves that every
            // form compiles and none matches the empty string).
            return Some(Pattern::builtin(p, !cs));
        }
        let hir = match regex_syntax::ParserBuilder::new()
            .case_insensitive(!cs)
            .build()
            .parse(p)
        {
            Ok(hir) => hir,
            Err(e) => {
                self.invalid_regex(file, span, e.to_string());
                return None;
            }
        };
        let regex = self.regex(file, span, p, cs)?;
        Some(Pattern::compiled(p, !cs, hir, regex))
    }

    /// A case-insensitive regex for headings: compiled now unless its pack is
    /// built in.
    fn heading_regex(&mut self, file: &SourceFile, span: Option<Span>, p: &str) -> Option<Pattern> {
        if self.trusted {
            return Some(Pattern::builtin(p, true));
        }
        let re = self.regex(file, span, p, false)?;
        // It compiled, so it parses.
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(p)
            .ok()?;
        Some(Pattern::compiled(p, true, hir, re))
    }

    fn invalid_regex(&mut self, file: &SourceFile, span: Option<Span>, message: String) {
        self.errors.push(
            RuleError::new(file, span, "invalid regex")
                .label("this regex")
                .help(message),
        );
    }

    fn empty_match_error(&mut self, file: &SourceFile, span: Option<Span>) {
        self.errors.push(
            RuleError::new(file, span, "regex can match the empty string")
                .label("this regex")
                .help("a pattern that matches nothing-at-all matches everywhere; require at least one character"),
        );
    }

    /// Compiles one regex now, with the limits every rule regex gets.
    fn regex(&mut self, file: &SourceFile, span: Option<Span>, p: &str, cs: bool) -> Option<Regex> {
        let re = match build_regex(p, !cs) {
            Ok(re) => re,
            Err(regex::Error::CompiledTooBig(limit)) => {
                self.errors.push(
                    RuleError::new(
                        file,
                        span,
                        format!("regex is too large (compiled size over {limit} bytes)"),
                    )
                    .label("this regex")
                    .help("simplify it, or split it into several patterns under `any`"),
                );
                return None;
            }
            Err(e) => {
                self.invalid_regex(file, span, e.to_string());
                return None;
            }
        };
        let can_be_empty = regex_syntax::Parser::new()
            .parse(p)
            .map(|hir| hir.properties().minimum_len() == Some(0))
            .unwrap_or(false);
        if can_be_empty {
            self.empty_match_error(file, span);
            return None;
        }
        Some(re)
    }
}

use super::vocab::is_kebab;

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(yaml: &str) -> Result<RuleSet, Vec<RuleError>> {
        load(&[PackSource {
            file: SourceFile::new("pack.yaml", yaml),
            builtin: false,
        }])
    }

    const GOOD: &str = r#"pack: house
rules:
  - id: dpo-named
    title: DPO named
    severity: warning
    message: the policy does not name a data protection officer
    match:
      all:
        - any: ['data protection officer', '\bDPO\b']
        - any: ['@', 'contact']
    examples:
      present: ["Contact our Data Protection Officer at dpo@acme.example."]
      absent: ["We protect data."]
"#;

    #[test]
    fn good_pack_loads() {
        let set = load_str(GOOD).unwrap();
        assert_eq!(set.rules().len(), 1);
        assert_eq!(set.patterns().len(), 4);
        assert!(set.rules()[0].origin.span.is_some());
    }

    #[test]
    fn all_problems_are_reported_at_once() {
        let bad = GOOD
            .replace("'\\bDPO\\b'", "'(unclosed'")
            .replace("severity: warning", "severity: loud")
            .replace("any: ['@', 'contact']", "any: []");
        let errors = load_str(&bad).unwrap_err();
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(messages.contains(&"invalid regex"), "{messages:?}");
        assert!(
            messages.contains(&"unknown severity `loud`"),
            "{messages:?}"
        );
        assert!(messages.contains(&"empty `any` list"), "{messages:?}");
        let regex_error = errors
            .iter()
            .find(|e| e.message == "invalid regex")
            .unwrap();
        assert_eq!(&bad.as_str()[regex_error.span.unwrap()], "(unclosed");
    }

    #[test]
    fn unknown_link_text_mode_points_at_its_key() {
        let bad = GOOD.replace(
            "severity: warning",
            "severity: warning\n    link_text: hidden",
        );
        let errors = load_str(&bad).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].message, "unknown link_text mode `hidden`");
        assert_eq!(&bad.as_str()[errors[0].span.unwrap()], "link_text");
    }

    #[test]
    fn empty_matching_regex_and_duplicate_id_are_refused() {
        let two = format!("{GOOD}{}", &GOOD[GOOD.find("  - id").unwrap()..]);
        let errors = load_str(&two).unwrap_err();
        assert!(errors
            .iter()
            .any(|e| e.message == "duplicate rule id `dpo-named`"));
        let empty = GOOD.replace("'@'", "'x*'");
        let errors = load_str(&empty).unwrap_err();
        assert!(errors
            .iter()
            .any(|e| e.message == "regex can match the empty string"));
    }

    #[test]
    fn huge_regex_is_refused() {
        let huge = GOOD.replace("'@'", "'\\w{1000}\\w{1000}\\w{1000}'");
        let errors = load_str(&huge).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.message.starts_with("regex is too large")),
            "{errors:?}"
        );
    }

    #[test]
    fn kebab() {
        assert!(is_kebab("children-under-13"));
        assert!(!is_kebab("Children"));
        assert!(!is_kebab("a--b"));
    }
}
