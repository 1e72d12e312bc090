//! Arrow batch throughput beside the other paths, in one run: the default model over the 100,000
//! generated leads of `bench/native.rs`, read from Arrow record batches of 10,000 rows (Spark's
//! `maxRecordsPerBatch`) with `explain` off and on, from JSON text, from already-parsed leads, and
//! by the hand-written Rust peer. `cargo bench --features arrow --bench arrow`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use leadscore::arrow::{score_batch, ArrowOptions};
use leadscore::{Lead, Scorer};
use std::hint::black_box;

#[path = "handwritten.rs"]
mod handwritten;
#[path = "../tests/arrow/json.rs"]
mod json;
#[path = "leadgen.rs"]
mod leadgen;

const N: usize = 100_000;
const BATCH_ROWS: usize = 10_000;

fn bench(c: &mut Criterion) {
    let scorer = Scorer::default_model();
    let values = leadgen::leads(N);
    let texts: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    let parsed: Vec<Lead> = values.iter().map(|v| scorer.parse_lead(v.clone()).unwrap()).collect();
    let signals = &scorer.model().signals;
    let hand: Vec<handwritten::HandLead> = values.iter().map(handwritten::HandLead::from_value).collect();
    let batches: Vec<_> = values.chunks(BATCH_ROWS).map(|chunk| json::batch(chunk).unwrap()).collect();
    let plain = ArrowOptions::new(leadgen::AS_OF);
    let explained = ArrowOptions { explain: true, ..plain.clone() };

    // Every path gives the same scores, or the timings compare different work.
    let arrow_scores: Vec<f64> = batches
        .iter()
        .flat_map(|b| {
            let r = score_batch(&scorer, b, &plain).unwrap();
            r.column_by_name("score").unwrap().as_primitive::<Float64Type>().values().to_vec()
        })
        .collect();
    for (i, lead) in parsed.iter().enumerate() {
        let score = scorer.score(lead, leadgen::AS_OF).unwrap().score;
        assert_eq!(arrow_scores[i], score, "lead {i}");
        assert_eq!(handwritten::score(&hand[i], leadgen::AS_OF, signals), score, "lead {i}");
    }
    println!("{N} leads in {} Arrow batches; every path agrees on every score", batches.len());

    let mut group = c.benchmark_group("arrow_100k_leads");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("arrow_batches", |b| {
        b.iter(|| {
            batches
                .iter()
                .map(|batch| score_batch(&scorer, black_box(batch), &plain).unwrap().num_rows())
                .sum::<usize>()
        })
    });
    group.bench_function("arrow_batches_explained", |b| {
        b.iter(|| {
            batches
                .iter()
                .map(|batch| score_batch(&scorer, black_box(batch), &explained).unwrap().num_rows())
                .sum::<usize>()
        })
    });
    group.bench_function("json_text_parse_and_score", |b| {
        b.iter(|| texts.iter().map(|t| scorer.score_json(black_box(t), leadgen::AS_OF).unwrap().score).sum::<f64>())
    });
    group.bench_function("parsed", |b| {
        b.iter(|| parsed.iter().map(|l| scorer.score(black_box(l), leadgen::AS_OF).unwrap().score).sum::<f64>())
    });
    group.bench_function("handwritten_rust_peer", |b| {
        b.iter(|| hand.iter().map(|l| handwritten::score(black_box(l), leadgen::AS_OF, signals)).sum::<f64>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
