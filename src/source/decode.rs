//! The input-decoding policy: bytes in, UTF-8 text or a typed refusal out.
//!
//! - a NUL byte in the first 8 KiB marks a file as binary;
//! - a UTF-16 byte-order mark is refused with a clear message (convert to UTF-8);
//! - a UTF-8 byte-order mark is kept in the text, so spans stay byte offsets into
//!   the original file, and skipped when counting columns;
//! - invalid UTF-8 is refused with the byte offset of the first bad byte.

use std::fmt;

/// How many leading bytes are searched for NUL when sniffing binary files.
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Why a file's bytes could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// A NUL byte was found at this offset within the first 8 KiB.
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// The file starts with a UTF-16 byte-order mark.
    Utf16,
    /// The bytes are not valid UTF-8.
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
    },
    /// An HTML `<meta>` declares a charset clauselint does not read.
    UnsupportedCharset {
        /// The label as declared.
        label: String,
        /// 1-based line of the declaration.
        line: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { offset } => {
                write!(f, "binary file (NUL byte at offset {offset}), skipped")
            }
            DecodeError::Utf16 => write!(
                f,
                "file is UTF-16 encoded; clauselint reads UTF-8, convert it with `iconv -f UTF-16 -t UTF-8`"
            ),
            DecodeError::InvalidUtf8 { offset, line } => write!(
                f,
                "invalid UTF-8 at byte offset {offset} (line {line}); save the file as UTF-8"
            ),
            DecodeError::UnsupportedCharset { label, line } => write!(
                f,
                "unsupported charset `{label}` declared in <meta> on line {line}; clauselint reads UTF-8 and windows-1252 (ISO-8859-1, latin-1)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` as text according to the policy above.
///
/// # Errors
/// Returns a [`DecodeError`] for binary, UTF-16 or invalid UTF-8 input.
pub fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16);
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if let Some(offset) = sniff.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        DecodeError::InvalidUtf8 { offset, line }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert_eq!(decode(b"".to_vec()).unwrap(), "");
        assert_eq!(
            decode("\u{feff}hi".as_bytes().to_vec()).unwrap(),
            "\u{feff}hi"
        );
        assert_eq!(
            decode(b"ab\0c".to_vec()),
            Err(DecodeError::Binary { offset: 2 })
        );
        assert_eq!(decode(vec![0xFF, 0xFE, b'a', 0]), Err(DecodeError::Utf16));
        assert_eq!(
            decode(b"a\nb\xffc".to_vec()),
            Err(DecodeError::InvalidUtf8 { offset: 3, line: 2 })
        );
    }
}
