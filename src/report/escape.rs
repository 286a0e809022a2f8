//! Escaping text for the markup formats: JUnit XML and the HTML report.

/// Which markup the text goes into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Markup {
    /// XML 1.0 attributes and character data: line breaks and tabs as
    /// character references (attribute values keep them), and the characters
    /// XML cannot carry at all (most C0 controls) as U+FFFD.
    Xml,
    /// HTML element content and quoted attribute values.
    Html,
}

/// Escapes `s` for `markup`.
#[must_use]
pub fn escape(s: &str, markup: Markup) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match (c, markup) {
            ('&', _) => out.push_str("&amp;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            ('"', _) => out.push_str("&quot;"),
            ('\'', Markup::Xml) => out.push_str("&apos;"),
            ('\'', Markup::Html) => out.push_str("&#39;"),
            ('\n', Markup::Xml) => out.push_str("&#10;"),
            ('\r', Markup::Xml) => out.push_str("&#13;"),
            ('\t', Markup::Xml) => out.push_str("&#9;"),
            (c, Markup::Xml) if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push('\u{fffd}');
            }
            (c, _) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_controls() {
        assert_eq!(
            escape("a<b & \"c\"\n\u{1}'", Markup::Xml),
            "a&lt;b &amp; &quot;c&quot;&#10;\u{fffd}&apos;"
        );
    }

    #[test]
    fn html_escapes_markup_and_keeps_line_breaks() {
        assert_eq!(
            escape("<a href='x'>\n&</a>", Markup::Html),
            "&lt;a href=&#39;x&#39;&gt;\n&amp;&lt;/a&gt;"
        );
    }
}
