//! The Markdown adapter never panics, and every block, sentence and folded
//! character maps to an in-bounds, char-aligned, monotonic span.
#![no_main]

use clauselint::document::{Document, Format};
use clauselint::source::SourceFile;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = Document::parse(SourceFile::new("fuzz.md", text), Format::Markdown);
    if let Err(e) = invariants::check_document(&doc) {
        panic!("markdown invariant violated: {e}\ninput: {text:?}");
    }
});
