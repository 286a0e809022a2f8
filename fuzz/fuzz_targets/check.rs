//! The whole check on arbitrary bytes: decode, parse (as Markdown and as
//! plain text), run the default built-in packs, and render every output
//! format. Nothing may panic, and every reported span must be valid.
#![no_main]

use std::sync::OnceLock;

use clap::ValueEnum;
use clauselint::document::Format;
use clauselint::lint::{lint_source, Outcome};
use clauselint::report::{self, OutputFormat, RenderOptions};
use clauselint::rules::{self, builtin, RuleSet};
use clauselint::source::{decode, SourceFile, Span};
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| rules::load(&builtin::all_sources()).expect("built-in packs load"))
}

fn valid(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data.to_vec()) else {
        return;
    };
    for (format, name) in [(Format::Markdown, "fuzz.md"), (Format::Plain, "fuzz.txt")] {
        let source = SourceFile::new(name, text.as_str());
        let report = lint_source(&source, format, rules());
        for f in &report.findings {
            assert!(valid(&text, f.span), "finding {} span {:?}", f.rule, f.span);
            for r in &f.related {
                assert!(valid(&text, r.span), "related span {:?}", r.span);
            }
        }
        for c in &report.clauses {
            for s in &c.matches {
                assert!(valid(&text, *s), "clause {} match {:?}", c.rule, s);
            }
        }
        let outcome = Outcome::Checked { source, report };
        // Every format the CLI offers, so formats added later are fuzzed too.
        for &format in OutputFormat::value_variants() {
            let r = report::render(
                &outcome,
                rules(),
                RenderOptions {
                    format,
                    color: false,
                    width: 100,
                },
            );
            if format == OutputFormat::Json {
                let _: serde_json::Value =
                    serde_json::from_str(&r.stdout).expect("json output parses");
            }
        }
    }
});
