//! Text folding: the normal form rules match against, built with an exact map
//! back to the original bytes.
//!
//! Folding turns whitespace runs into one space, curly quotes and apostrophes
//! into straight ones, Unicode dashes into `-`, the Kelvin sign and the long s
//! into `K` and `s`, and drops soft hyphens, zero-width characters and
//! byte-order marks.

/// What folding does with one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Kept as it is.
    Keep,
    /// Part of a whitespace run, which becomes one space.
    Space,
    /// Dropped.
    Drop,
    /// Replaced by an ASCII character.
    Replace(char),
}

/// Classifies one character for folding.
pub(crate) fn fold_char(c: char) -> Fold {
    match c {
        ' ' => Fold::Space,
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => Fold::Drop,
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{b4}' => {
            Fold::Replace('\'')
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => {
            Fold::Replace('"')
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Fold::Replace('-'),
        // Case-insensitive regexes match these for `k` and `s` (Unicode simple
        // case folding); as ASCII, every literal search agrees with them.
        '\u{212a}' => Fold::Replace('K'),
        '\u{17f}' => Fold::Replace('s'),
        c if c.is_whitespace() => Fold::Space,
        _ => Fold::Keep,
    }
}

/// Lowercase alphanumeric words joined by single spaces: the form in which
/// two passages that differ only in case, spacing or punctuation are equal
/// (duplicate detection, distinct clause statements, fingerprints).
#[must_use]
pub fn normalize_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(fold_char('a'), Fold::Keep);
        assert_eq!(fold_char('\u{a0}'), Fold::Space);
        assert_eq!(fold_char('\t'), Fold::Space);
        assert_eq!(fold_char('\u{2019}'), Fold::Replace('\''));
        assert_eq!(fold_char('\u{201c}'), Fold::Replace('"'));
        assert_eq!(fold_char('\u{2014}'), Fold::Replace('-'));
        assert_eq!(fold_char('\u{ad}'), Fold::Drop);
        assert_eq!(fold_char('é'), Fold::Keep);
        assert_eq!(fold_char('\u{212a}'), Fold::Replace('K'));
        assert_eq!(fold_char('\u{17f}'), Fold::Replace('s'));
    }

    #[test]
    fn normalized_words() {
        assert_eq!(
            normalize_words("  The Cookies,  we SET!"),
            "the cookies we set"
        );
        assert_eq!(normalize_words("..."), "");
    }
}
