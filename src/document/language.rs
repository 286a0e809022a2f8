//! Which natural language a document is written in, by a stop-word count.
//!
//! The built-in packs match English text; run on a French policy they would
//! report every clause missing. Counting the share of very common function
//! words of each candidate language among the first words of the document is
//! enough to tell these languages apart on policy-length text, and it needs
//! no model. Short texts (fewer than [`MIN_WORDS`] words) are not judged.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Shortest text, in words, whose language is judged.
pub const MIN_WORDS: usize = 60;
/// Words looked at (from the start of the document).
const MAX_WORDS: usize = 20_000;

/// A language the detector knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// English.
    English,
    /// French.
    French,
    /// German.
    German,
    /// Dutch.
    Dutch,
    /// Norwegian (Bokmål) or Danish.
    Norwegian,
    /// Swedish.
    Swedish,
    /// Spanish.
    Spanish,
    /// Italian.
    Italian,
    /// Portuguese.
    Portuguese,
}

impl Language {
    /// The ISO 639-1 code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::German => "de",
            Language::Dutch => "nl",
            Language::Norwegian => "no",
            Language::Swedish => "sv",
            Language::Spanish => "es",
            Language::Italian => "it",
            Language::Portuguese => "pt",
        }
    }

    /// The English name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "French",
            Language::German => "German",
            Language::Dutch => "Dutch",
            Language::Norwegian => "Norwegian",
            Language::Swedish => "Swedish",
            Language::Spanish => "Spanish",
            Language::Italian => "Italian",
            Language::Portuguese => "Portuguese",
        }
    }
}

/// Function words that are frequent in one language and rare in the others
/// (words shared by several candidates, like "de" or "en", are left out).
const STOP_WORDS: &[(Language, &[&str])] = &[
    (
        Language::English,
        &[
            "the",
            "and",
            "of",
            "to",
            "you",
            "your",
            "we",
            "our",
            "is",
            "are",
            "that",
            "this",
            "with",
            "for",
            "or",
            "by",
            "be",
            "as",
            "not",
            "which",
            "will",
            "from",
            "have",
            "any",
            "may",
            "it",
            "on",
            "use",
            "information",
        ],
    ),
    (
        Language::French,
        &[
            "le", "la", "les", "des", "du", "et", "vous", "vos", "votre", "nous", "nos", "notre",
            "est", "sont", "pour", "dans", "qui", "que", "une", "sur", "avec", "pas", "ou", "au",
            "aux", "données", "ces", "leur",
        ],
    ),
    (
        Language::German,
        &[
            "der", "die", "das", "und", "sie", "ihre", "wir", "unsere", "ist", "sind", "mit",
            "für", "von", "zu", "auf", "nicht", "werden", "oder", "dem", "den", "ein", "eine",
            "auch", "daten", "wenn", "bei", "uns",
        ],
    ),
    (
        Language::Dutch,
        &[
            "het", "een", "van", "en", "je", "jouw", "uw", "wij", "onze", "ons", "zijn", "voor",
            "met", "niet", "dat", "deze", "wordt", "worden", "gegevens", "naar", "ook", "kunnen",
            "bij", "om", "heb",
        ],
    ),
    (
        Language::Norwegian,
        &[
            "og",
            "som",
            "det",
            "ikke",
            "vi",
            "våre",
            "vår",
            "deg",
            "din",
            "dine",
            "til",
            "av",
            "på",
            "med",
            "eller",
            "har",
            "kan",
            "vil",
            "være",
            "blir",
            "opplysninger",
            "dette",
            "hvis",
            "oss",
            "personopplysninger",
        ],
    ),
    (
        Language::Swedish,
        &[
            "och",
            "att",
            "som",
            "inte",
            "vi",
            "våra",
            "vår",
            "dig",
            "din",
            "dina",
            "till",
            "av",
            "på",
            "med",
            "eller",
            "har",
            "kan",
            "kommer",
            "vara",
            "uppgifter",
            "detta",
            "om",
            "oss",
            "personuppgifter",
        ],
    ),
    (
        Language::Spanish,
        &[
            "el", "los", "las", "del", "y", "usted", "su", "sus", "nosotros", "nuestro", "nuestra",
            "es", "son", "para", "por", "con", "que", "una", "datos", "como", "sobre", "o", "al",
        ],
    ),
    (
        Language::Italian,
        &[
            "il", "gli", "della", "delle", "dei", "e", "tu", "tuoi", "noi", "nostro", "nostri",
            "sono", "per", "con", "che", "una", "dati", "non", "come", "sui", "alla", "degli",
        ],
    ),
    (
        Language::Portuguese,
        &[
            "o", "os", "as", "do", "da", "dos", "das", "e", "você", "seus", "suas", "nós", "nosso",
            "nossa", "é", "são", "para", "com", "que", "uma", "dados", "não", "ao", "pelo",
        ],
    ),
];

/// The language of `text`, or `None` when it is too short to tell.
#[must_use]
pub fn detect(text: &str) -> Option<Language> {
    let mut counts = [0usize; STOP_WORDS.len()];
    let mut words = 0usize;
    let languages_of = stop_word_languages();
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
    {
        words += 1;
        // `str::to_lowercase` but for final sigma, which no stop word holds.
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        if let Some(&mask) = languages_of.get(lower.as_str()) {
            for (i, count) in counts.iter_mut().enumerate() {
                *count += usize::from(mask & (1 << i) != 0);
            }
        }
    }
    if words < MIN_WORDS {
        return None;
    }
    let (best, &best_count) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
    let english = counts[0];
    // English unless another language clearly dominates: English text quotes
    // foreign names and addresses, and foreign policies quote English terms.
    if best == 0 || best_count < english * 3 / 2 || best_count * 10 < words {
        return Some(Language::English);
    }
    Some(STOP_WORDS[best].0)
}

/// Each stop word and the languages (bits, by index in [`STOP_WORDS`]) whose
/// list holds it: one lookup per word instead of a scan of every list.
fn stop_word_languages() -> &'static HashMap<&'static str, u16> {
    const _: () = assert!(STOP_WORDS.len() <= 16, "one bit per language in a u16");
    static MAP: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for (i, (_, list)) in STOP_WORDS.iter().enumerate() {
            for &word in *list {
                *map.entry(word).or_insert(0) |= 1 << i;
            }
        }
        map
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeat(s: &str) -> String {
        std::iter::repeat_n(s, 12).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn tells_languages_apart() {
        let en = repeat("We use your information to provide the service and we do not sell it.");
        let fr = repeat(
            "Nous utilisons vos données pour fournir le service et nous ne les vendons pas.",
        );
        let de = repeat(
            "Wir verwenden Ihre Daten, um den Dienst bereitzustellen, und verkaufen sie nicht.",
        );
        let nl = repeat(
            "Wij gebruiken uw gegevens om de dienst te leveren en verkopen ze niet aan derden.",
        );
        let no =
            repeat("Vi bruker dine opplysninger til å levere tjenesten, og vi selger dem ikke.");
        assert_eq!(detect(&en), Some(Language::English));
        assert_eq!(detect(&fr), Some(Language::French));
        assert_eq!(detect(&de), Some(Language::German));
        assert_eq!(detect(&nl), Some(Language::Dutch));
        assert_eq!(detect(&no), Some(Language::Norwegian));
    }

    #[test]
    fn short_text_is_not_judged() {
        assert_eq!(detect("Nous utilisons vos données."), None);
    }

    #[test]
    fn english_with_foreign_names_stays_english() {
        let text = repeat(
            "Our office is at 12 rue de la Paix, Paris. You may contact the Commission Nationale de l'Informatique et des Libertés.",
        );
        assert_eq!(detect(&text), Some(Language::English));
    }
}
