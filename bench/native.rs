//! Native scoring throughput: the default model over 100,000 generated leads with 0-30 events each.
//! `cargo bench --bench native` (or `make bench`). Prints leads/second for already-parsed leads, for
//! the same model hand-written in Rust (the peer, checked to agree on every lead), and with JSON
//! parsing included.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use leadscore::{Lead, Scorer};
use std::hint::black_box;

#[path = "handwritten.rs"]
mod handwritten;
#[path = "leadgen.rs"]
mod leadgen;

const N: usize = 100_000;

fn bench(c: &mut Criterion) {
    let scorer = Scorer::default_model();
    let values = leadgen::leads(N);
    let texts: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    let parsed: Vec<Lead> = values.iter().map(|v| scorer.parse_lead(v.clone()).unwrap()).collect();
    let events: usize = parsed.iter().map(|l| l.events.len()).sum();
    println!("{N} leads, {events} events ({:.1} per lead)", events as f64 / N as f64);

    // The peer: the same model hand-written in Rust. It must agree on every lead.
    let signals = &scorer.model().signals;
    let hand: Vec<handwritten::HandLead> = values.iter().map(handwritten::HandLead::from_value).collect();
    let disagree = parsed
        .iter()
        .zip(&hand)
        .filter(|(l, h)| {
            scorer.score(l, leadgen::AS_OF).unwrap().score != handwritten::score(h, leadgen::AS_OF, signals)
        })
        .count();
    assert_eq!(disagree, 0, "the hand-written peer disagrees on {disagree} leads");
    println!("hand-written peer agrees on all {N} scores");

    let mut group = c.benchmark_group("score_100k_leads");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("parsed", |b| {
        b.iter(|| {
            let mut total = 0.0;
            for lead in &parsed {
                total += scorer.score(black_box(lead), leadgen::AS_OF).unwrap().score;
            }
            total
        })
    });
    group.bench_function("handwritten_rust_peer", |b| {
        b.iter(|| {
            let mut total = 0.0;
            for lead in &hand {
                total += handwritten::score(black_box(lead), leadgen::AS_OF, signals);
            }
            total
        })
    });
    group.bench_function("json_text_parse_and_score", |b| {
        b.iter(|| {
            let mut total = 0.0;
            for text in &texts {
                total += scorer.score_json(black_box(text), leadgen::AS_OF).unwrap().score;
            }
            total
        })
    });
    group.finish();
    enrichment(c);
}

/// What the enrichment merge and the quality gate cost: the example leads with vendor payloads
/// (`examples/leads/enriched-leads.jsonl`, conflicting, stale and low-confidence values), 20,000
/// copies, scored by the model that merges them (`examples/models/enriched.json`) and, beside it in
/// the same run, by the default model (the same rules without the `enrichment` and `quality`
/// sections: it reads the lead's own fields and ignores the payloads).
fn enrichment(c: &mut Criterion) {
    const COPIES: usize = 4_000;
    let root = env!("CARGO_MANIFEST_DIR");
    let model = std::fs::read_to_string(format!("{root}/examples/models/enriched.json")).unwrap();
    let enriched = Scorer::from_json(&model).unwrap();
    let plain = Scorer::default_model();
    let text = std::fs::read_to_string(format!("{root}/examples/leads/enriched-leads.jsonl")).unwrap();
    let values: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let leads: Vec<Lead> =
        (0..COPIES).flat_map(|_| values.iter().map(|v| enriched.parse_lead(v.clone()).unwrap())).collect();
    let n = leads.len();
    let mut group = c.benchmark_group(format!("enrichment_{}k_leads", n / 1000));
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    for (name, scorer) in [("enriched_model", &enriched), ("default_model_peer", &plain)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut total = 0.0;
                for lead in &leads {
                    total += scorer.score(black_box(lead), leadgen::AS_OF).unwrap().score;
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
