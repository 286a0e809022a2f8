//! Clause rules: evaluate a match tree per scope unit, count distinct
//! statements, and turn the count into a verdict.

use std::collections::HashSet;
use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::finding::{ClauseStatus, ClauseVerdict, Finding, NearMiss, Related};
use crate::rules::{ClauseMatcher, LinkText, Negation, Node, Rule, RuleSet, Scope};
use crate::search::Hits;
use crate::source::Span;

/// Words that negate what follows them within a few words.
const NEGATION_CUES: &[&str] = &[
    "not", "never", "no", "cannot", "neither", "nor", "without", "none",
];
/// How many words before a match are searched for a negation cue.
const NEGATION_WINDOW: usize = 5;

/// How much of a match tree holds in a unit.
struct Partial<'n> {
    /// The share of the node that holds, from 0 to 1: an `all` scores the
    /// mean of its parts, an `any` its best alternative.
    score: f64,
    /// The parts that do not hold (named only for the passage shown).
    lacks: Vec<Lack<'n>>,
}

/// Why a part of a rule does not hold in a passage.
enum Lack<'n> {
    /// Nothing matches this part.
    Part(&'n Node),
    /// This exception (under `not`) matches.
    Exception(&'n Node),
}

/// A unit where the match tree holds.
struct Match {
    span: Span,
    key: String,
}

pub(super) fn evaluate(
    doc: &Document,
    rules: &RuleSet,
    rule: &Rule,
    m: &ClauseMatcher,
    hits: &Hits,
) -> (ClauseVerdict, Vec<Finding>) {
    let ev = Evaluator {
        doc,
        rules,
        m,
        hits,
    };
    if let Some(when) = &m.when {
        let whole = 0..doc.folded().len();
        if !ev.eval(when, &whole, &mut Vec::new(), false) {
            let verdict = ClauseVerdict {
                rule: rule.id.clone(),
                pack: rule.pack.clone(),
                status: ClauseStatus::NotApplicable,
                matches: Vec::new(),
                near_miss: None,
            };
            return (verdict, Vec::new());
        }
    }
    let matches = ev.matches();
    let near_miss = if matches.len() < m.occurs.min.max(1) {
        ev.near_miss()
    } else {
        None
    };
    let mut seen = HashSet::new();
    let distinct: Vec<&Match> = matches
        .iter()
        .filter(|x| seen.insert(x.key.as_str()))
        .collect();
    // The status says whether the text is stated; findings say what is wrong.
    // A forbidden-text rule (`min: 0`) that matches nothing is `missing` with no finding.
    let status = if distinct.is_empty() || distinct.len() < m.occurs.min {
        ClauseStatus::Missing
    } else if m.occurs.max.is_some_and(|max| distinct.len() > max) {
        ClauseStatus::Duplicated
    } else {
        ClauseStatus::Present
    };
    let finding = |span: Span, message: String, label: &str, related: Vec<Related>| Finding {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        severity: rule.severity,
        message,
        span,
        label: label.into(),
        related,
    };
    let findings = match status {
        ClauseStatus::Present | ClauseStatus::NotApplicable => Vec::new(),
        ClauseStatus::Missing if distinct.len() >= m.occurs.min => Vec::new(),
        ClauseStatus::Missing => vec![missing(doc, rule, m, distinct.len(), near_miss.as_ref())],
        // `occurs: {max: 0}`: text that must not appear; every statement is a finding.
        ClauseStatus::Duplicated if m.occurs.max == Some(0) => distinct
            .iter()
            .map(|x| {
                finding(
                    x.span,
                    rule.message.clone(),
                    "this must not appear",
                    Vec::new(),
                )
            })
            .collect(),
        ClauseStatus::Duplicated => {
            let max = m.occurs.max.unwrap_or(0);
            let related = distinct[..max]
                .iter()
                .map(|x| Related {
                    span: x.span,
                    message: "first stated here".into(),
                    file: None,
                })
                .collect();
            let lines: Vec<String> = distinct
                .iter()
                .map(|x| doc.source().line_col(x.span.start).line.to_string())
                .collect();
            let count = distinct.len();
            let message = match &m.duplicate_message {
                Some(text) => text.replace("{count}", &count.to_string()),
                None => format!(
                    "{} is stated {count} times, at most {max} expected",
                    rule.title
                ),
            };
            let message = format!("{message}: lines {}", join_and(&lines));
            vec![finding(
                distinct[max].span,
                message,
                "stated again here",
                related,
            )]
        }
    };
    let verdict = ClauseVerdict {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        status,
        matches: matches.iter().map(|x| x.span).collect(),
        near_miss: near_miss.filter(|_| status == ClauseStatus::Missing),
    };
    (verdict, findings)
}

/// "4", "4 and 210", "4, 9 and 210".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn missing(
    doc: &Document,
    rule: &Rule,
    m: &ClauseMatcher,
    found: usize,
    near_miss: Option<&NearMiss>,
) -> Finding {
    let unit = m.scope.as_str();
    let section = m.section.iter().find_map(|re| {
        doc.blocks()
            .iter()
            .find(|b| b.is_heading() && re.is_match(doc.text(b.range.clone())))
    });
    let (span, where_) = match section {
        Some(b) => (b.span, "in this section"),
        None => (doc.title_span(), "in this document"),
    };
    let label = if found == 0 {
        format!("no {unit} {where_} states it")
    } else {
        format!(
            "{found} {unit}(s) {where_} state it, {} expected",
            m.occurs.min
        )
    };
    Finding {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        severity: rule.severity,
        message: rule.message.clone(),
        span,
        label,
        related: near_miss
            .map(|n| Related {
                span: n.span,
                message: format!("closest passage; lacks {}", n.missing.join(" and ")),
                file: None,
            })
            .into_iter()
            .collect(),
    }
}

struct Evaluator<'a> {
    doc: &'a Document,
    rules: &'a RuleSet,
    m: &'a ClauseMatcher,
    hits: &'a Hits,
}

impl Evaluator<'_> {
    /// Every unit where the rule's tree holds, in document order.
    fn matches(&self) -> Vec<Match> {
        let (doc, m) = (self.doc, self.m);
        let mut positive = Vec::new();
        m.tree.positive_patterns(&mut positive);
        let mut units: Vec<usize> = Vec::new();
        for &p in &positive {
            for h in self.hits.of(p) {
                units.push(self.unit_of(h.start));
            }
            if m.headings {
                for h in self.hits.in_headings(p) {
                    units.push(self.unit_of(h.start));
                }
            }
        }
        units.sort_unstable();
        units.dedup();
        let mut out = Vec::new();
        for unit in units {
            if m.within_section.is_some() && !self.in_wanted_section(unit) {
                continue;
            }
            let range = self.unit_range(unit);
            let mut found = Vec::new();
            if !self.eval(&m.tree, &range, &mut found, true) {
                continue;
            }
            found.sort_by_key(|r| r.start);
            let span = match m.scope {
                Scope::Sentence => doc.sentences()[unit].span,
                Scope::Paragraph => doc.blocks()[unit].span,
                Scope::Section | Scope::Document => {
                    let start = found.first().map_or(range.start, |r| r.start);
                    let end = found.iter().map(|r| r.end).max().unwrap_or(range.end);
                    doc.span(start..end)
                }
            };
            let key = found
                .iter()
                .map(|r| normalize(doc.text(r.clone())))
                .collect::<Vec<_>>()
                .join("|");
            out.push(Match { span, key });
        }
        out
    }

    /// The unit that comes closest to making the tree hold, for a missing
    /// verdict: the one where the largest share of the tree's parts hold
    /// (at least one), earliest first; with what it lacks.
    fn near_miss(&self) -> Option<NearMiss> {
        let (doc, m) = (self.doc, self.m);
        let mut positive = Vec::new();
        m.tree.positive_patterns(&mut positive);
        // A part that holds in many units ("you", "information") says
        // nothing about where the clause almost is: only rarer parts count,
        // and only units holding one are candidates.
        let all_units = match m.scope {
            Scope::Sentence => doc.sentences().len(),
            Scope::Paragraph => doc.blocks().len(),
            Scope::Section => doc.sections().len(),
            Scope::Document => 1,
        };
        let limit = (all_units / 20).max(3);
        let mut rare = vec![false; self.rules.patterns().len()];
        let mut units: Vec<usize> = Vec::new();
        for &p in &positive {
            let mut seen: Vec<usize> = self
                .hits
                .of(p)
                .iter()
                .map(|h| self.unit_of(h.start))
                .collect();
            seen.dedup();
            if seen.len() <= limit {
                rare[p] = true;
                units.extend(seen);
            }
        }
        units.sort_unstable();
        units.dedup();
        let mut best: Option<(usize, Partial, bool)> = None;
        for unit in units {
            if m.within_section.is_some() && !self.in_wanted_section(unit) {
                continue;
            }
            let range = self.unit_range(unit);
            let part = self.partial(&m.tree, &range, &rare);
            // Half the rule at least, or it is not close.
            if part.score < 0.5 || part.lacks.is_empty() {
                continue;
            }
            // The largest share held; among equals, one in the section where
            // the clause belongs.
            let anchored = self.in_anchor_section(range.start);
            let better = best.as_ref().is_none_or(|(_, b, b_anchored)| {
                part.score > b.score || (part.score == b.score && anchored && !b_anchored)
            });
            if better {
                best = Some((unit, part, anchored));
            }
        }
        let (unit, part, _) = best?;
        let span = match m.scope {
            Scope::Sentence => doc.sentences()[unit].span,
            _ => {
                // The first sentence holding a hit of the best unit.
                let range = self.unit_range(unit);
                let first = positive
                    .iter()
                    .filter_map(|&p| self.hits.within(p, &range).next().map(|h| h.start))
                    .min()
                    .unwrap_or(range.start);
                let s = doc
                    .sentences()
                    .partition_point(|s| s.range.start <= first)
                    .saturating_sub(1);
                doc.sentences()[s].span
            }
        };
        let missing = part
            .lacks
            .iter()
            .map(|lack| match lack {
                Lack::Part(n) => self.describe(n),
                Lack::Exception(n) => {
                    format!("an exception applies ({} matched)", self.describe(n))
                }
            })
            .collect();
        Some(NearMiss { span, missing })
    }

    /// Whether folded offset `at` lies under a heading matching one of the
    /// rule's `section` regexes (see [`Self::enclosing_headings`]).
    fn in_anchor_section(&self, at: usize) -> bool {
        let doc = self.doc;
        self.enclosing_headings(at).into_iter().any(|h| {
            let text = doc.text(doc.blocks()[h].range.clone());
            self.m.section.iter().any(|re| re.is_match(text))
        })
    }

    /// How much of `node` holds in `unit`, and what is missing. A part
    /// holds only when it holds through a rare pattern (`rare`, by pattern
    /// number): "you" alone does not make a passage close.
    fn partial<'n>(&self, node: &'n Node, unit: &Range<usize>, rare: &[bool]) -> Partial<'n> {
        let holds = |n: &Node| {
            let mut used = Vec::new();
            n.positive_patterns(&mut used);
            let distinctive = used.iter().any(|&p| {
                rare.get(p).copied().unwrap_or(false) && self.hits.within(p, unit).next().is_some()
            });
            distinctive && self.eval(n, unit, &mut Vec::new(), true)
        };
        let whole = |ok: bool, n: &'n Node| Partial {
            score: if ok { 1.0 } else { 0.0 },
            lacks: if ok { Vec::new() } else { vec![Lack::Part(n)] },
        };
        match node {
            Node::All(children) => {
                let mut sum = 0.0;
                let mut parts = 0.0;
                let mut lacks = Vec::new();
                for c in children {
                    if let Node::Not(_) = c {
                        // An exception counts only when it strikes.
                        let sub = self.partial(c, unit, rare);
                        if sub.score < 1.0 {
                            parts += 1.0;
                            lacks.extend(sub.lacks);
                        }
                        continue;
                    }
                    parts += 1.0;
                    if holds(c) {
                        sum += 1.0;
                    } else {
                        let sub = self.partial(c, unit, rare);
                        sum += sub.score;
                        lacks.extend(sub.lacks);
                    }
                }
                Partial {
                    score: if parts > 0.0 { sum / parts } else { 0.0 },
                    lacks,
                }
            }
            Node::Any(children) => {
                if holds(node) {
                    return whole(true, node);
                }
                // The alternative that comes closest.
                children
                    .iter()
                    .map(|c| self.partial(c, unit, rare))
                    .filter(|p| p.score > 0.0)
                    .max_by(|a, b| a.score.total_cmp(&b.score))
                    .unwrap_or_else(|| whole(false, node))
            }
            Node::Not(children) => {
                let mut scratch = Vec::new();
                match children
                    .iter()
                    .find(|c| self.eval(c, unit, &mut scratch, false))
                {
                    Some(c) => Partial {
                        score: 0.0,
                        lacks: vec![Lack::Exception(c)],
                    },
                    None => whole(true, node),
                }
            }
            _ => whole(holds(node), node),
        }
    }

    /// A short name for a node, from its patterns as the pack wrote them.
    fn describe(&self, node: &Node) -> String {
        const LONGEST: usize = 60;
        let name = |p: usize| {
            let w = self.rules.written(p);
            if w.chars().count() > LONGEST {
                let mut s: String = w.chars().take(LONGEST - 1).collect();
                s.push('…');
                s
            } else {
                w.to_owned()
            }
        };
        match node {
            Node::Pattern(p) => format!("`{}`", name(*p)),
            Node::Any(children) => match children.as_slice() {
                [one] => self.describe(one),
                [first, ..] => format!("{} or …", self.describe(first)),
                [] => String::new(),
            },
            Node::All(children) => children
                .iter()
                .map(|c| self.describe(c))
                .collect::<Vec<_>>()
                .join(" with "),
            Node::Not(children) => format!("not {}", self.describe(&Node::Any(children.clone()))),
            Node::Heading(child) => format!("a heading with {}", self.describe(child)),
            Node::Link(patterns) => patterns
                .first()
                .map_or_else(String::new, |&p| format!("a link `{}`", name(p))),
            Node::Near { within, sides, .. } => format!(
                "{} within {within} words of {}",
                sides[0]
                    .first()
                    .map_or_else(String::new, |&p| format!("`{}`", name(p))),
                sides[1]
                    .first()
                    .map_or_else(String::new, |&p| format!("`{}`", name(p)))
            ),
            Node::Before { sides } => format!(
                "{} before {} in one sentence",
                sides[0]
                    .first()
                    .map_or_else(String::new, |&p| format!("`{}`", name(p))),
                sides[1]
                    .first()
                    .map_or_else(String::new, |&p| format!("`{}`", name(p)))
            ),
        }
    }

    fn unit_of(&self, at: usize) -> usize {
        let doc = self.doc;
        match self.m.scope {
            Scope::Sentence => doc
                .sentences()
                .partition_point(|s| s.range.start <= at)
                .saturating_sub(1),
            Scope::Paragraph => doc
                .blocks()
                .partition_point(|b| b.range.start <= at)
                .saturating_sub(1),
            Scope::Section => {
                let b = doc
                    .blocks()
                    .partition_point(|b| b.range.start <= at)
                    .saturating_sub(1);
                doc.blocks()[b].section
            }
            Scope::Document => 0,
        }
    }

    fn unit_range(&self, unit: usize) -> Range<usize> {
        let doc = self.doc;
        match self.m.scope {
            Scope::Sentence => doc.sentences()[unit].range.clone(),
            Scope::Paragraph => doc.blocks()[unit].range.clone(),
            Scope::Section => {
                let blocks = &doc.sections()[unit].blocks;
                let first = &doc.blocks()[blocks.start];
                let last = &doc.blocks()[blocks.end - 1];
                first.range.start..last.range.end
            }
            Scope::Document => 0..doc.folded().len(),
        }
    }

    /// Whether the unit's section, or a section enclosing it, has a heading
    /// matching `within_section`.
    fn in_wanted_section(&self, unit: usize) -> bool {
        let Some(re) = &self.m.within_section else {
            return true;
        };
        let doc = self.doc;
        self.enclosing_headings(self.unit_range(unit).start)
            .into_iter()
            .any(|h| re.is_match(doc.text(doc.blocks()[h].range.clone())))
    }

    /// Whether a hit counts, given the rule's negation mode, link-text mode
    /// and value bound.
    fn accepts(&self, p: usize, hit: &Range<usize>) -> bool {
        let ok = match self.m.negation {
            Negation::Ignore => true,
            Negation::Exclude => !self.negated(hit.start),
            Negation::Only => self.negated(hit.start),
        };
        let ok = ok && (self.m.link_text == LinkText::Include || !self.doc.in_link(hit.clone()));
        ok && self.m.value.as_ref().is_none_or(|v| {
            let re = &self.rules.patterns()[p];
            if !re.capture_names().flatten().any(|n| n == v.capture) {
                return true;
            }
            re.captures(self.doc.text(hit.clone()))
                .and_then(|c| c.name(&v.capture).and_then(|m| parse_number(m.as_str())))
                .is_some_and(|n| v.accepts(n))
        })
    }

    /// Whether a negation cue stands within a few words before `at`, in its sentence.
    fn negated(&self, at: usize) -> bool {
        let doc = self.doc;
        let s = doc
            .sentences()
            .partition_point(|s| s.range.start <= at)
            .saturating_sub(1);
        let start = doc.sentences().get(s).map_or(0, |s| s.range.start.min(at));
        doc.text(start..at)
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .rev()
            .take(NEGATION_WINDOW)
            .any(|w| {
                let w = w.to_ascii_lowercase();
                NEGATION_CUES.contains(&w.as_str()) || w.ends_with("n't")
            })
    }

    /// The hits of pattern `p` within `unit`: in a heading's text when
    /// `in_heading`; else outside headings, and in them too when the rule
    /// counts statements in headings.
    fn lookup<'h>(
        &'h self,
        p: usize,
        unit: &Range<usize>,
        in_heading: bool,
    ) -> impl Iterator<Item = &'h Range<usize>> + 'h {
        // Both lists, each cut to nothing when it does not apply: no
        // allocation on this hot path.
        let body = if in_heading { 0 } else { usize::MAX };
        let headings = if in_heading || self.m.headings {
            usize::MAX
        } else {
            0
        };
        self.hits
            .within(p, unit)
            .take(body)
            .chain(self.hits.headings_within(p, unit).take(headings))
    }

    fn first(
        &self,
        p: usize,
        unit: &Range<usize>,
        filtered: bool,
        in_heading: bool,
    ) -> Option<Range<usize>> {
        self.lookup(p, unit, in_heading)
            .find(|h| !filtered || self.accepts(p, h))
            .cloned()
    }

    /// The heading blocks above the block holding folded offset `at`: its
    /// section's heading, then each enclosing heading of a lower level.
    fn enclosing_headings(&self, at: usize) -> Vec<usize> {
        let doc = self.doc;
        let b = doc
            .blocks()
            .partition_point(|b| b.range.start <= at)
            .saturating_sub(1);
        let mut section = doc.blocks()[b].section;
        let mut out = Vec::new();
        let mut level = u8::MAX;
        loop {
            if let Some(h) = doc.sections()[section].heading {
                if let BlockKind::Heading(l) = doc.blocks()[h].kind {
                    if l < level {
                        out.push(h);
                        level = l;
                    }
                }
            }
            if section == 0 || level <= 1 {
                return out;
            }
            section -= 1;
        }
    }

    /// Whether `node` holds within `unit`; pushes the hits that make it hold.
    /// `filtered` applies negation and value bounds (not to `when` triggers).
    fn eval(
        &self,
        node: &Node,
        unit: &Range<usize>,
        found: &mut Vec<Range<usize>>,
        filtered: bool,
    ) -> bool {
        self.eval_in(node, unit, found, filtered, false)
    }

    /// [`Self::eval`], searching a heading's own text when `in_heading`.
    fn eval_in(
        &self,
        node: &Node,
        unit: &Range<usize>,
        found: &mut Vec<Range<usize>>,
        filtered: bool,
        in_heading: bool,
    ) -> bool {
        match node {
            Node::Pattern(p) => match self.first(*p, unit, filtered, in_heading) {
                Some(h) => {
                    found.push(h);
                    true
                }
                None => false,
            },
            Node::Any(children) => children
                .iter()
                .any(|c| self.eval_in(c, unit, found, filtered, in_heading)),
            Node::All(children) => {
                let mark = found.len();
                let ok = children
                    .iter()
                    .all(|c| self.eval_in(c, unit, found, filtered, in_heading));
                if !ok {
                    found.truncate(mark);
                }
                ok
            }
            Node::Not(children) => {
                let mut scratch = Vec::new();
                // A `not` pattern excludes whatever its text, negated or not.
                !children
                    .iter()
                    .any(|c| self.eval_in(c, unit, &mut scratch, false, in_heading))
            }
            Node::Link(patterns) => {
                let hit = patterns.iter().find_map(|&p| {
                    self.lookup(p, unit, in_heading)
                        .find(|h| {
                            self.doc.in_link((*h).clone()) && (!filtered || self.accepts(p, h))
                        })
                        .cloned()
                });
                match hit {
                    Some(h) => {
                        found.push(h);
                        true
                    }
                    None => false,
                }
            }
            Node::Heading(child) => {
                // The heading gives context; it is not part of the statement.
                let mut scratch = Vec::new();
                self.enclosing_headings(unit.start).into_iter().any(|h| {
                    let range = self.doc.blocks()[h].range.clone();
                    self.eval_in(child, &range, &mut scratch, false, true)
                })
            }
            Node::Near {
                within,
                sides,
                ordered,
            } => match self.near(*within, *ordered, sides, unit, filtered, in_heading) {
                Some((a, b)) => {
                    found.push(a);
                    found.push(b);
                    true
                }
                None => false,
            },
            Node::Before { sides } => match self.before(sides, unit, filtered, in_heading) {
                Some((a, b)) => {
                    found.push(a);
                    found.push(b);
                    true
                }
                None => false,
            },
        }
    }

    /// The hits of each pattern of `side` in `unit` that count.
    fn side_hits(
        &self,
        side: &[usize],
        unit: &Range<usize>,
        filtered: bool,
        in_heading: bool,
    ) -> Vec<Range<usize>> {
        side.iter()
            .flat_map(|&p| {
                self.lookup(p, unit, in_heading)
                    .filter(move |h| !filtered || self.accepts(p, h))
                    .cloned()
            })
            .collect()
    }

    /// A hit of the first side that ends before a hit of the second starts,
    /// both in one sentence.
    fn before(
        &self,
        sides: &[Vec<usize>; 2],
        unit: &Range<usize>,
        filtered: bool,
        in_heading: bool,
    ) -> Option<(Range<usize>, Range<usize>)> {
        let sentences = self.doc.sentences();
        let sentence = |at: usize| sentences.partition_point(|s| s.range.start <= at);
        let a = self.side_hits(&sides[0], unit, filtered, in_heading);
        let b = self.side_hits(&sides[1], unit, filtered, in_heading);
        a.iter().find_map(|x| {
            b.iter()
                .find(|y| x.end <= y.start && sentence(x.start) == sentence(y.start))
                .map(|y| (x.clone(), y.clone()))
        })
    }

    fn near(
        &self,
        within: usize,
        ordered: bool,
        sides: &[Vec<usize>; 2],
        unit: &Range<usize>,
        filtered: bool,
        in_heading: bool,
    ) -> Option<(Range<usize>, Range<usize>)> {
        let a = self.side_hits(&sides[0], unit, filtered, in_heading);
        let b = self.side_hits(&sides[1], unit, filtered, in_heading);
        for x in &a {
            for y in &b {
                let gap = if x.end <= y.start {
                    x.end..y.start
                } else if ordered {
                    continue;
                } else if y.end <= x.start {
                    y.end..x.start
                } else {
                    x.start..x.start
                };
                let words = self
                    .doc
                    .text(gap)
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count();
                if words <= within {
                    return Some((x.clone(), y.clone()));
                }
            }
        }
        None
    }
}

/// A number written in digits or as an English word up to ninety-nine.
fn parse_number(text: &str) -> Option<f64> {
    const ONES: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let t = text.trim().to_ascii_lowercase();
    if let Ok(n) = t.replace(',', "").parse::<f64>() {
        return Some(n);
    }
    let mut parts = t.split(['-', ' ']).filter(|p| !p.is_empty());
    let first = parts.next()?;
    #[allow(clippy::cast_precision_loss)]
    if let Some(i) = ONES.iter().position(|w| *w == first) {
        return parts.next().is_none().then_some(i as f64);
    }
    let tens = TENS.iter().position(|w| *w == first)?;
    #[allow(clippy::cast_precision_loss)]
    let base = (tens as f64 + 2.0) * 10.0;
    match parts.next() {
        None => Some(base),
        #[allow(clippy::cast_precision_loss)]
        Some(unit) => ONES[1..10]
            .iter()
            .position(|w| *w == unit)
            .map(|i| base + i as f64 + 1.0),
    }
}

pub(super) use crate::document::normalize_words as normalize;

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("13"), Some(13.0));
        assert_eq!(parse_number("thirteen"), Some(13.0));
        assert_eq!(parse_number("Seventy-two"), Some(72.0));
        assert_eq!(parse_number("1,000"), Some(1000.0));
        assert_eq!(parse_number("many"), None);
    }
}
