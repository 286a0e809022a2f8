//! The rule-pack loader never panics on arbitrary input: YAML syntax errors,
//! wrong shapes, hostile regexes and alias bombs all come back as errors that
//! render as diagnostics.
#![no_main]

use clauselint::report::human;
use clauselint::rules::{self, PackSource};
use clauselint::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let pack = PackSource {
        file: SourceFile::new("fuzz.yaml", text),
        builtin: false,
    };
    match rules::load(&[pack]) {
        Ok(set) => {
            // A pack that loads must also run: check its own examples.
            for rule in set.rules() {
                for ex in rule.examples.present.iter().chain(&rule.examples.absent) {
                    let src = SourceFile::new("ex.md", ex.as_str());
                    let _ = clauselint::lint::lint_source(
                        &src,
                        clauselint::document::Format::Markdown,
                        &set,
                    );
                }
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "load failed without an error");
            for e in &errors {
                if let Some(span) = e.span {
                    let t = e.file.text();
                    assert!(
                        span.end <= t.len()
                            && t.is_char_boundary(span.start)
                            && t.is_char_boundary(span.end),
                        "rule error span {span:?} invalid for {:?}",
                        e.message
                    );
                }
            }
            let _ = human::rule_errors(&errors, false);
        }
    }
});
