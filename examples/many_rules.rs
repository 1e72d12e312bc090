//! Writes a model with many rules (100,000 by default) and prints how long the native engine takes
//! to read and compile it (median of 5, in ms), so that `make bench-js` can print the wasm
//! constructor's time on the same model beside it.
//!
//! `cargo run --release --example many_rules -- target/bench/rules-100k.json [n]`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use leadscore::{Model, Scorer};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("usage: many_rules <model.json> [n]");
    let n: usize = args.get(1).map_or(100_000, |n| n.parse().expect("n is a number"));
    let mut model: serde_json::Value = serde_json::from_str(leadscore::model::DEFAULT_MODEL_JSON).unwrap();
    model["rules"] = (0..n)
        .map(|i| {
            serde_json::json!({"id": format!("r{i}"), "group": "fit", "points": 1,
            "reason": format!("rule {i}"), "when": {"field": "code", "eq": format!("c{i}")}})
        })
        .collect();
    let text = model.to_string();
    std::fs::write(path, &text).unwrap();
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let scorer = Scorer::new(Model::from_json(&text).unwrap());
            std::hint::black_box(&scorer);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{:.1}", times[2]);
}
