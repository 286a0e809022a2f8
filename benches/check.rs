//! Throughput of `engine::check` (parse + match + judge), in bytes per second,
//! on the seed policy and on a large synthetic one. Rule compilation is
//! outside the timed loop (the first iteration warms the lazily compiled
//! regexes); process start-up is measured by `scripts/bench.sh`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

use clauselint::document::{Document, Format};
use clauselint::rules::{self, builtin};
use clauselint::source::SourceFile;

const SEED: &str = include_str!("../fixtures/markdown/localstack-privacy-2018.md");

/// About `target` bytes of policy: the seed again and again under numbered
/// headings, with a few non-ASCII names so the exact (Unicode) path runs too.
fn synthetic(target: usize) -> String {
    let mut out = String::with_capacity(target + SEED.len());
    let mut n = 0;
    while out.len() < target {
        n += 1;
        out.push_str(&format!(
            "\n## Part {n}\n\nContact Zoë Müller at Société Générale, office {n}.\n\n"
        ));
        out.push_str(SEED);
    }
    out
}

fn bench(c: &mut Criterion) {
    let rules = rules::load(&builtin::all_sources()).expect("built-in packs load");
    let mut group = c.benchmark_group("engine::check");
    for (name, text) in [
        ("seed", SEED.to_owned()),
        ("synthetic-4MB", synthetic(4 << 20)),
    ] {
        let source = SourceFile::new(format!("{name}.md"), text);
        group.throughput(Throughput::Bytes(source.text().len() as u64));
        if name != "seed" {
            group.sample_size(10);
        }
        group.bench_function(name, |b| {
            b.iter(|| {
                let doc = Document::parse(source.clone(), Format::Markdown);
                black_box(clauselint::engine::check(&doc, &rules))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
