//! What kind of legal document a file holds: a privacy policy, a cookie
//! policy, terms, or something else.
//!
//! Policy folders also hold terms of service, acceptable-use policies and
//! subprocessor lists. Judged as privacy policies they "miss" every clause, so
//! [`guess`] recognises a document that is clearly something else, and the
//! engine then runs only the hygiene detectors on it. The guess is cautious:
//! a privacy policy taken for terms would silently lose its clause checks, so
//! any sign that the document speaks of itself as a privacy notice keeps it a
//! privacy policy. `.clauselint.yaml` can state the kind of a path instead
//! (`overrides:` … `kind:`).

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::bytes::{Regex, RegexBuilder};

use super::{BlockKind, Document};

/// A kind of legal document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A privacy policy, notice or statement: every selected pack applies.
    PrivacyPolicy,
    /// A cookie policy: of the clause rules, only those about cookies and
    /// tracking apply (see [`crate::rules::builtin::COOKIE_POLICY_CLAUSES`]).
    CookiePolicy,
    /// Terms of service or use, an acceptable-use policy, a licence: no
    /// clause rules, hygiene only.
    Terms,
    /// Anything else (a subprocessor list, a data processing addendum): no
    /// clause rules, hygiene only.
    Other,
}

/// The names `kind:` accepts, in the order of [`Kind`].
pub const KIND_NAMES: &[&str] = &["privacy-policy", "cookie-policy", "terms", "other"];

impl Kind {
    /// The name used in `.clauselint.yaml`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PrivacyPolicy => KIND_NAMES[0],
            Kind::CookiePolicy => KIND_NAMES[1],
            Kind::Terms => KIND_NAMES[2],
            Kind::Other => KIND_NAMES[3],
        }
    }

    /// Whether clause rules with this id apply to a document of this kind.
    #[must_use]
    pub fn checks_clause(self, rule: &str) -> bool {
        match self {
            Kind::PrivacyPolicy => true,
            Kind::CookiePolicy => crate::rules::builtin::COOKIE_POLICY_CLAUSES.contains(&rule),
            Kind::Terms | Kind::Other => false,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = ();

    fn from_str(s: &str) -> Result<Kind, ()> {
        match s {
            "privacy-policy" => Ok(Kind::PrivacyPolicy),
            "cookie-policy" => Ok(Kind::CookiePolicy),
            "terms" => Ok(Kind::Terms),
            "other" => Ok(Kind::Other),
            _ => Err(()),
        }
    }
}

/// A document recognised as something other than a privacy policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guess {
    /// What it is.
    pub kind: Kind,
    /// What it was recognised as, for messages ("terms of service").
    pub what: &'static str,
}

/// How many times a document must call itself terms (or a list of
/// subprocessors) before its content alone says so.
const MIN_SELF_REFERENCES: usize = 3;

/// Longest title, in words: a longer first block is a paragraph.
const MAX_TITLE_WORDS: usize = 12;

/// Names a document gives itself in its title, most specific first.
static TITLES: LazyLock<Vec<(Regex, Kind, &'static str)>> = LazyLock::new(|| {
    [
        (r"\bsub-?processors?\b", Kind::Other, "a list of subprocessors"),
        (
            r"\bdata processing (?:agreement|addendum)\b|\bDPA\b",
            Kind::Other,
            "a data processing agreement",
        ),
        (
            r"\bacceptable[ -]use\b|\b(?:usage|use) polic(?:y|ies)\b|\bguidelines\b|\bcommunity (?:guidelines|standards)\b|\bcontent polic(?:y|ies)\b",
            Kind::Terms,
            "an acceptable-use policy",
        ),
        (
            r"\bcopyright\b|\bDMCA\b|\btrademark polic",
            Kind::Terms,
            "a copyright policy",
        ),
        (
            r"\bterms\b|\bconditions of (?:use|sale|service)\b|\buser agreement\b|\b(?:subscription|service|services|license|licence|customer|developer) agreement\b|\bservice level agreement\b|\bEULA\b|\b(?:vulnerability|responsible) disclosure\b",
            Kind::Terms,
            "terms of service",
        ),
    ]
    .into_iter()
    .map(|(re, kind, what)| (ascii(re), kind, what))
    .collect()
});

/// A title that makes a document a privacy (or cookie) notice whatever else
/// it names: "Terms of Service and Privacy Policy".
static PRIVACY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"privacy|data protection|personal (?:data|information)|cookie|GDPR|CCPA|your (?:data|information)",
    )
});

/// The document speaking of itself as a privacy or cookie notice.
static PRIVACY_SELF: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"\b(?:this|the present) (?:online )?(?:privacy|data protection|data privacy|cookies?|personal (?:data|information)(?: protection)?) (?:policy|notice|statement|charter|disclosure)\b|\bthis (?:policy|notice|statement) (?:describes|explains|sets out|applies to)\b[^.\n]*\b(?:personal|data|information|privacy)\b",
    )
});

/// The document speaking of itself as terms, an agreement or guidelines.
static TERMS_SELF: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"\b(?:these|this) (?:(?:general |additional |supplemental )?terms(?: of (?:service|use|sale))?|terms and conditions|(?:user |customer |service |license |licence |subscription )?agreement|eula|acceptable use policy|(?:community )?guidelines)\b",
    )
});

/// Mentions of subprocessors.
static SUBPROCESSORS: LazyLock<Regex> = LazyLock::new(|| ascii(r"\bsub-?processors?\b"));

/// A case-insensitive ASCII regex over bytes: these words are English, and
/// Unicode tables would cost more to build than the whole guess.
fn ascii(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .unicode(false)
        .build()
        .expect("valid regex")
}

/// The document's kind, when it is clearly not a privacy policy; `None`
/// when it is one or might be.
///
/// The title (the first heading) decides when it names another kind and not
/// privacy; without such a title, the text must call itself terms at least
/// [`MIN_SELF_REFERENCES`] times. Either way, a document that once calls
/// itself "this privacy policy" (notice, statement) stays a privacy policy.
#[must_use]
pub fn guess(doc: &Document) -> Option<Guess> {
    let text = doc.folded().as_bytes();
    if PRIVACY_SELF.is_match(text) {
        return None;
    }
    // The first heading; else a short first line that is not a sentence
    // ("**User Guidelines**" in bold).
    let title = doc
        .blocks()
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Heading(_)))
        .map(|b| doc.text(b.range.clone()))
        .or_else(|| {
            let first = doc.text(doc.blocks().first()?.range.clone());
            let sentence = first.trim_end().ends_with(['.', '!', '?', ':', ';']);
            (!sentence && first.split_whitespace().count() <= MAX_TITLE_WORDS).then_some(first)
        });
    if let Some(title) = title {
        if PRIVACY_TITLE.is_match(title.as_bytes()) {
            return None;
        }
        if let Some((_, kind, what)) = TITLES
            .iter()
            .find(|(re, _, _)| re.is_match(title.as_bytes()))
        {
            return Some(Guess { kind: *kind, what });
        }
    }
    if SUBPROCESSORS
        .find_iter(text)
        .take(MIN_SELF_REFERENCES)
        .count()
        >= MIN_SELF_REFERENCES
    {
        return Some(Guess {
            kind: Kind::Other,
            what: "a list of subprocessors",
        });
    }
    if TERMS_SELF.find_iter(text).take(MIN_SELF_REFERENCES).count() >= MIN_SELF_REFERENCES {
        return Some(Guess {
            kind: Kind::Terms,
            what: "terms of service",
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::source::SourceFile;

    fn kind_of(text: &str) -> Option<Kind> {
        guess(&Document::parse(
            SourceFile::new("t.md", text),
            Format::Markdown,
        ))
        .map(|g| g.kind)
    }

    #[test]
    fn titles_name_the_kind() {
        assert_eq!(kind_of("# Terms of Service\n\nBe nice."), Some(Kind::Terms));
        assert_eq!(
            kind_of("# Acceptable Use Policy\n\nNo spam."),
            Some(Kind::Terms)
        );
        assert_eq!(
            kind_of("## Sub-processors\n\n| Name |\n|---|\n| AWS |\n"),
            Some(Kind::Other)
        );
        assert_eq!(kind_of("# Privacy Policy\n\nWe keep data."), None);
        assert_eq!(
            kind_of("# Terms of Service and Privacy Policy\n\nHi."),
            None
        );
        assert_eq!(kind_of("# Cookie Terms\n\nHi."), None);
    }

    #[test]
    fn text_without_a_title_must_call_itself_terms_repeatedly() {
        let terms = "By using the service you accept these Terms. We may change these Terms. \
                     If you break these terms we may close your account.";
        assert_eq!(kind_of(terms), Some(Kind::Terms));
        assert_eq!(
            kind_of("You accept these Terms. We may change these Terms."),
            None
        );
    }

    #[test]
    fn a_document_calling_itself_a_privacy_notice_stays_one() {
        let text = "# Terms of Use\n\nThese terms apply. These terms change. These terms end.\n\n\
                    This Privacy Notice describes how we use your data.";
        assert_eq!(kind_of(text), None);
        let text = "These Terms apply. These Terms change. These Terms end. This policy \
                    describes how we collect and use your personal information.";
        assert_eq!(kind_of(text), None);
    }

    #[test]
    fn names_round_trip() {
        for name in KIND_NAMES {
            assert_eq!(name.parse::<Kind>().map(Kind::as_str), Ok(*name));
        }
        assert!("policy".parse::<Kind>().is_err());
    }
}
