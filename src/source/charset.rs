//! Decoding HTML files: UTF-8 (with or without a BOM), or windows-1252 /
//! ISO-8859-1 / latin-1 when a `<meta>` in the first 1024 bytes declares it.
//!
//! The policy, in order:
//!
//! 1. A UTF-8 byte-order mark means UTF-8, whatever the `<meta>` says (the
//!    WHATWG rule). A UTF-16 byte-order mark is refused, as for every file.
//! 2. The first 1024 bytes are prescanned for `<meta charset=…>` or
//!    `<meta http-equiv="Content-Type" content="…; charset=…">`. Labels are
//!    resolved with the WHATWG table of `encoding_rs`, where `iso-8859-1`,
//!    `latin1`, `ascii` and `us-ascii` all name windows-1252. A `utf-16`
//!    label in a `<meta>` means UTF-8, as in browsers.
//! 3. A declared windows-1252 file whose bytes are *valid UTF-8 with
//!    non-ASCII characters* is read as UTF-8, and a note says so: the bytes
//!    cannot be windows-1252 text that happens to be valid UTF-8 in any
//!    realistic case (it would need sequences such as `Ã©` everywhere), while
//!    a page re-saved as UTF-8 without fixing its `<meta>` is common. Pure
//!    ASCII is the same in both encodings and is read as is.
//! 4. Otherwise a declared windows-1252 file is transcoded, and an
//!    [`OriginMap`] keeps every offset of the decoded text tied to the byte it
//!    came from.
//! 5. Any other declared encoding is refused with its name; undeclared bytes
//!    must be valid UTF-8.

use std::ops::Range;

use super::decode::{decode, DecodeError};

/// How far into the file a `<meta>` charset is looked for (as browsers do).
pub const PRESCAN_LEN: usize = 1024;

/// The encodings clauselint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (the bytes are the text).
    Utf8,
    /// windows-1252 (also declared as ISO-8859-1 or latin-1), transcoded.
    Windows1252,
}

impl Encoding {
    /// The WHATWG name of the encoding.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// Maps byte offsets of decoded (UTF-8) text back to the original file's bytes.
///
/// Built for transcoded files only. Each decoded character comes from a known
/// run of original bytes; the map stores one breakpoint wherever the two
/// lengths differ, so ASCII text costs nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OriginMap {
    /// `(decoded, original)` offsets where an identity run begins, sorted.
    breaks: Vec<(usize, usize)>,
    decoded_len: usize,
    original_len: usize,
}

impl OriginMap {
    /// Builds the map for `text` where the `i`-th character came from
    /// `original_len(c)` bytes of the original.
    fn build(text: &str, original_len: impl Fn(char) -> usize) -> OriginMap {
        let mut breaks = vec![(0, 0)];
        let mut original = 0;
        for (at, c) in text.char_indices() {
            let olen = original_len(c);
            let dlen = c.len_utf8();
            original += olen;
            if olen != dlen {
                breaks.push((at + dlen, original));
            }
        }
        OriginMap {
            breaks,
            decoded_len: text.len(),
            original_len: original,
        }
    }

    /// The original offset of decoded offset `decoded`. An offset inside a
    /// multi-byte decoded character maps to that character's original start.
    #[must_use]
    pub fn original(&self, decoded: usize) -> usize {
        if decoded >= self.decoded_len {
            return self.original_len;
        }
        let i = self.breaks.partition_point(|&(d, _)| d <= decoded) - 1;
        let (d, o) = self.breaks[i];
        // Inside an identity run, or clamped to the end of a transcoded char.
        let next = self.breaks.get(i + 1).map_or(usize::MAX, |b| b.1);
        (o + (decoded - d)).min(next.saturating_sub(1).max(o))
    }
}

/// Text decoded from an HTML file, with what is needed to report on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: Encoding,
    /// Present when the text is not the original bytes.
    pub origin: Option<OriginMap>,
    /// A note for the user about a decision taken (a `<meta>` overruled).
    pub note: Option<String>,
}

/// Decodes an HTML file by the policy in the module documentation.
///
/// # Errors
/// [`DecodeError`] for binary or UTF-16 input, invalid UTF-8 without a
/// declared legacy charset, or an unsupported declared charset.
pub fn decode_html(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let utf8 = |text| Decoded {
        text,
        encoding: Encoding::Utf8,
        origin: None,
        note: None,
    };
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return decode(bytes).map(utf8);
    }
    let Some((label, at)) = prescan_meta_charset(&bytes) else {
        return decode(bytes).map(utf8);
    };
    let line = line_of(&bytes, at.start);
    let enc = encoding_rs::Encoding::for_label(label.as_bytes());
    match enc {
        Some(e)
            if e == encoding_rs::UTF_8
                || e == encoding_rs::UTF_16LE
                || e == encoding_rs::UTF_16BE =>
        {
            decode(bytes).map(utf8)
        }
        Some(e) if e == encoding_rs::WINDOWS_1252 => {
            if std::str::from_utf8(&bytes).is_ok() {
                let non_ascii = !bytes.is_ascii();
                let mut d = decode(bytes).map(utf8)?;
                if non_ascii {
                    d.note = Some(format!(
                        "<meta> on line {line} declares charset `{label}`, but the bytes are valid UTF-8 with non-ASCII text; read as UTF-8"
                    ));
                }
                return Ok(d);
            }
            // Binary sniffing applies before transcoding, as for any file.
            let sniff = &bytes[..bytes.len().min(super::BINARY_SNIFF_LEN)];
            if let Some(offset) = sniff.iter().position(|&b| b == 0) {
                return Err(DecodeError::Binary { offset });
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            let text = text.into_owned();
            let origin = OriginMap::build(&text, |_| 1);
            Ok(Decoded {
                text,
                encoding: Encoding::Windows1252,
                origin: Some(origin),
                note: None,
            })
        }
        _ => Err(DecodeError::UnsupportedCharset { label, line }),
    }
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Finds a charset declared by a `<meta>` tag in the first [`PRESCAN_LEN`]
/// bytes: the label (trimmed, as written) and the byte range of the label.
///
/// A simplified form of the WHATWG prescan: comments are skipped, attribute
/// values may be quoted with `"` or `'` or unquoted.
#[must_use]
pub fn prescan_meta_charset(bytes: &[u8]) -> Option<(String, Range<usize>)> {
    let head = &bytes[..bytes.len().min(PRESCAN_LEN)];
    let mut i = 0;
    while i < head.len() {
        if head[i..].starts_with(b"<!--") {
            i = find(head, i + 4, b"-->").map_or(head.len(), |e| e + 3);
            continue;
        }
        if head[i] == b'<'
            && head.len() > i + 5
            && head[i + 1..i + 5].eq_ignore_ascii_case(b"meta")
            && matches!(head[i + 5], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
        {
            let end = find(head, i, b">").unwrap_or(head.len());
            let attrs = parse_attrs(head, i + 5, end);
            let get = |name: &str| attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
            if let Some((_, v)) = get("charset") {
                return Some((
                    String::from_utf8_lossy(&head[v.clone()]).trim().to_owned(),
                    v.clone(),
                ));
            }
            let is_content_type = get("http-equiv")
                .is_some_and(|(_, v)| head[v.clone()].eq_ignore_ascii_case(b"content-type"));
            if let (true, Some((_, v))) = (is_content_type, get("content")) {
                if let Some(r) = charset_in_content(&head[v.clone()]) {
                    let r = v.start + r.start..v.start + r.end;
                    return Some((
                        String::from_utf8_lossy(&head[r.clone()]).trim().to_owned(),
                        r,
                    ));
                }
            }
            i = end;
            continue;
        }
        i += 1;
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Attributes of a tag between `from` and `end` (the `>`): names and value ranges.
fn parse_attrs(b: &[u8], mut i: usize, end: usize) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/');
    while i < end {
        while i < end && is_space(b[i]) {
            i += 1;
        }
        let name_start = i;
        while i < end && !is_space(b[i]) && b[i] != b'=' {
            i += 1;
        }
        if i == name_start {
            break;
        }
        let name = String::from_utf8_lossy(&b[name_start..i]).into_owned();
        while i < end && is_space(b[i]) {
            i += 1;
        }
        if i < end && b[i] == b'=' {
            i += 1;
            while i < end && is_space(b[i]) {
                i += 1;
            }
            let (vs, ve) = if i < end && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = b[vs..end]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(end, |p| vs + p);
                i = (ve + 1).min(end);
                (vs, ve)
            } else {
                let vs = i;
                while i < end && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                    i += 1;
                }
                (vs, i)
            };
            out.push((name, vs..ve));
        } else {
            out.push((name, i..i));
        }
    }
    out
}

/// The charset in a `content="text/html; charset=…"` value.
fn charset_in_content(v: &[u8]) -> Option<Range<usize>> {
    let lower = v.to_ascii_lowercase();
    let at = find(&lower, 0, b"charset")? + 7;
    let mut i = at;
    while i < v.len() && v[i].is_ascii_whitespace() {
        i += 1;
    }
    if v.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while i < v.len() && v[i].is_ascii_whitespace() {
        i += 1;
    }
    let quoted = matches!(v.get(i), Some(b'"' | b'\''));
    if quoted {
        i += 1;
    }
    let s = i;
    while i < v.len() && !matches!(v[i], b';' | b'"' | b'\'') && !v[i].is_ascii_whitespace() {
        i += 1;
    }
    (i > s).then_some(s..i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prescan_finds_both_forms() {
        let (l, r) = prescan_meta_charset(b"<html><meta charset=\"ISO-8859-1\">").unwrap();
        assert_eq!((l.as_str(), r), ("ISO-8859-1", 21..31));
        let h = b"<!-- <meta charset=koi8-r> --><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=windows-1252'>";
        assert_eq!(prescan_meta_charset(h).unwrap().0, "windows-1252");
        assert_eq!(
            prescan_meta_charset(b"<meta name=x content='charset=koi8-r'>"),
            None
        );
        assert_eq!(prescan_meta_charset(b"<p>no meta</p>"), None);
    }

    #[test]
    fn windows_1252_is_transcoded_with_an_origin_map() {
        let bytes = b"<meta charset=latin1><p>caf\xe9 \x93q\x94 ok</p>".to_vec();
        let d = decode_html(bytes.clone()).unwrap();
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert!(d.text.contains("café \u{201c}q\u{201d} ok"));
        let map = d.origin.unwrap();
        let ok = d.text.find("ok").unwrap();
        assert_eq!(&bytes[map.original(ok)..map.original(ok + 2)], b"ok");
        let e = d.text.find('é').unwrap();
        assert_eq!(map.original(e), 27);
        assert_eq!(
            map.original(e + 1),
            27,
            "inside a character clamps to its start"
        );
        assert_eq!(map.original(e + 2), 28);
        assert_eq!(map.original(d.text.len()), bytes.len());
    }

    #[test]
    fn policy_decisions() {
        // valid UTF-8 with non-ASCII beats a legacy <meta>, with a note
        let d = decode_html("<meta charset=iso-8859-1><p>café</p>".as_bytes().to_vec()).unwrap();
        assert_eq!((d.encoding, d.origin.is_none()), (Encoding::Utf8, true));
        assert!(d.note.unwrap().contains("read as UTF-8"));
        // pure ASCII under a legacy label: no note, no map
        let d = decode_html(b"<meta charset=windows-1252><p>x</p>".to_vec()).unwrap();
        assert_eq!((d.note, d.origin), (None, None));
        // a BOM wins over the meta
        let d = decode_html(b"\xef\xbb\xbf<meta charset=latin1>\xc3\xa9".to_vec()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        // other charsets are refused by name
        assert_eq!(
            decode_html(b"\n<meta charset=\"shift_jis\">".to_vec()),
            Err(DecodeError::UnsupportedCharset {
                label: "shift_jis".into(),
                line: 2
            })
        );
        assert_eq!(
            decode_html(b"<meta charset=bogus>".to_vec()),
            Err(DecodeError::UnsupportedCharset {
                label: "bogus".into(),
                line: 1
            })
        );
        // undeclared invalid UTF-8 is refused
        assert!(matches!(
            decode_html(b"<p>\xe9</p>".to_vec()),
            Err(DecodeError::InvalidUtf8 { offset: 3, .. })
        ));
    }
}
