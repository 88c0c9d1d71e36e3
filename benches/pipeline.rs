//! Criterion benches of the pipeline's stages on one sample article:
//! segment, match (the lexicon automata), classify (context rules), and the
//! whole analysis. `cargo bench --bench pipeline`; corpus-scale figures come
//! from `bench/run.sh`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use claimscan::pipeline::lexicon::Entry;
use claimscan::pipeline::{classify, ingest, segment};
use claimscan::Settings;

fn sample() -> ingest::Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/003_36c518a3622cc16c.txt");
    ingest::read_file(&path).unwrap()
}

fn stages(c: &mut Criterion) {
    let settings = Settings::new(&[]).unwrap();
    let doc = sample();
    let units = segment::segment(&doc);
    let entries: Vec<&Entry> = settings.entries().iter().collect();
    let hits: Vec<_> = units
        .iter()
        .map(|u| settings.matcher().scan(u.text(&doc)))
        .collect();

    let mut group = c.benchmark_group("sample article");
    group.throughput(Throughput::Bytes(doc.source.len() as u64));
    group.bench_function("segment", |b| b.iter(|| segment::segment(black_box(&doc))));
    group.bench_function("match", |b| {
        b.iter(|| {
            units
                .iter()
                .map(|u| settings.matcher().scan(black_box(u.text(&doc))).len())
                .sum::<usize>()
        })
    });
    group.bench_function("classify", |b| {
        b.iter(|| {
            units
                .iter()
                .zip(&hits)
                .map(|(u, h)| {
                    classify::classify_unit(
                        black_box(u.text(&doc)),
                        h,
                        &entries,
                        false,
                        settings.words(),
                    )
                    .labels
                    .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("analyze", |b| {
        b.iter(|| {
            claimscan::pipeline::analyze(black_box(doc.clone()), &settings)
                .units
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
