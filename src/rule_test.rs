//! Rule self-tests: every rule's `examples` must come out as declared.

use crate::document::Format;
use crate::engine::{Context, KindChoice};
use crate::lint::lint_source_with;
use crate::rules::{Rule, RuleSet};
use crate::source::SourceFile;

/// An example a rule gets wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExampleFailure {
    /// A `present` example in which the rule finds nothing.
    Missed {
        /// The example text.
        text: String,
    },
    /// An `absent` example in which the rule finds something.
    Noisy {
        /// The example text.
        text: String,
        /// The passage the rule matched.
        matched: String,
    },
}

/// The result of one rule's examples.
#[derive(Clone, Debug)]
pub struct RuleTest {
    /// Rule id.
    pub rule: String,
    /// Its pack.
    pub pack: String,
    /// Number of examples run.
    pub examples: usize,
    /// Those it got wrong.
    pub failures: Vec<ExampleFailure>,
}

/// Runs every rule's examples.
#[must_use]
pub fn run(set: &RuleSet) -> Vec<RuleTest> {
    set.rules()
        .iter()
        .map(|rule| test_rule(set, rule))
        .collect()
}

/// What one example produces: `Some(passage)` when the clause or defect is found.
fn detect(set: &RuleSet, rule: &Rule, text: &str) -> Option<String> {
    let only = set.only(&rule.id);
    let source = SourceFile::new("<example>", text);
    // A clause example is judged whatever kind of document it reads as.
    let kind = if rule.is_clause() {
        KindChoice::Every
    } else {
        KindChoice::Detect
    };
    let report = lint_source_with(
        &source,
        Format::Markdown,
        &only,
        &Context::system().with_kind(kind),
    );
    if rule.is_clause() {
        let verdict = report.clauses.first()?;
        verdict.status.is_stated().then(|| {
            verdict
                .matches
                .first()
                .map(|s| text[*s].to_owned())
                .unwrap_or_default()
        })
    } else {
        report.findings.first().map(|f| text[f.span].to_owned())
    }
}

fn test_rule(set: &RuleSet, rule: &Rule) -> RuleTest {
    let mut failures = Vec::new();
    for text in &rule.examples.present {
        if detect(set, rule, text).is_none() {
            failures.push(ExampleFailure::Missed { text: text.clone() });
        }
    }
    for text in &rule.examples.absent {
        if let Some(matched) = detect(set, rule, text) {
            failures.push(ExampleFailure::Noisy {
                text: text.clone(),
                matched,
            });
        }
    }
    RuleTest {
        rule: rule.id.clone(),
        pack: rule.pack.clone(),
        examples: rule.examples.present.len() + rule.examples.absent.len(),
        failures,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_builtin_rule_passes_its_examples() {
        let sources = crate::rules::builtin::all_sources();
        let set = crate::rules::load(&sources).expect("built-in packs load");
        let failing: Vec<_> = super::run(&set)
            .into_iter()
            .filter(|t| !t.failures.is_empty())
            .collect();
        assert!(failing.is_empty(), "{failing:#?}");
    }
}
