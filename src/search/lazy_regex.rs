//! A regex compiled the first time it is used.
//!
//! Built-in packs hold hundreds of regexes and a one-file run needs a
//! fraction of them (a section heading regex only anchors a missing clause's
//! diagnostic), so they are compiled on demand; a unit test proves that every
//! built-in one compiles. User packs are compiled eagerly, so errors point at
//! the YAML.

use regex::{Regex, RegexBuilder};
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use super::pattern::REGEX_SIZE_LIMIT;

/// A regex (Unicode semantics) compiled on first use, like a `LazyLock`.
#[derive(Clone)]
pub struct LazyRegex {
    source: String,
    case_insensitive: bool,
    regex: OnceLock<Regex>,
}

impl LazyRegex {
    /// A regex known to be valid, compiled when first dereferenced.
    pub(crate) fn new(source: &str, case_insensitive: bool) -> LazyRegex {
        LazyRegex {
            source: source.to_owned(),
            case_insensitive,
            regex: OnceLock::new(),
        }
    }

    /// A regex already compiled.
    pub(crate) fn compiled(source: &str, case_insensitive: bool, regex: Regex) -> LazyRegex {
        let lazy = LazyRegex::new(source, case_insensitive);
        let _ = lazy.regex.set(regex);
        lazy
    }

    /// Compiles it now.
    ///
    /// # Errors
    /// The compile error, for a regex that is not valid after all.
    pub fn compile(&self) -> Result<&Regex, regex::Error> {
        if let Some(re) = self.regex.get() {
            return Ok(re);
        }
        let re = build(&self.source, self.case_insensitive)?;
        Ok(self.regex.get_or_init(|| re))
    }
}

/// Compiles `source` with the limits every rule regex gets.
pub(crate) fn build(source: &str, case_insensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .case_insensitive(case_insensitive)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT * 2)
        .build()
}

impl Deref for LazyRegex {
    type Target = Regex;

    /// # Panics
    /// If the regex does not compile; loading validates user packs eagerly
    /// and a unit test validates the built-in ones.
    fn deref(&self) -> &Regex {
        self.compile()
            .expect("rule regexes are validated when loaded")
    }
}

impl fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.source).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_on_first_use() {
        let lazy = LazyRegex::new(r"\bchildren\b", true);
        assert!(lazy.regex.get().is_none());
        assert!(lazy.is_match("CHILDREN under 13"));
        assert!(lazy.regex.get().is_some());
        assert_eq!(lazy.as_str(), r"\bchildren\b");
        assert!(LazyRegex::new("(", true).compile().is_err());
    }
}
