//! Writes the benchmark's 100,000 generated leads (the same ones `cargo bench --bench native` scores)
//! as NDJSON on stdout, with the default model's score of each in a second file, so that the
//! JavaScript benchmark (`bench/js/`) scores exactly the same leads and can check every contender's
//! totals against the native engine.
//!
//! `cargo run --release --example bench_leads -- target/bench/leads.ndjson target/bench/native-scores.txt [n]`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use leadscore::Scorer;
use std::io::Write;

#[path = "../bench/leadgen.rs"]
mod leadgen;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [leads_path, scores_path, rest @ ..] = args.as_slice() else {
        eprintln!("usage: bench_leads <leads.ndjson> <native-scores.txt> [n]");
        std::process::exit(2);
    };
    let n = rest.first().map_or(100_000, |n| n.parse().expect("n is a number"));
    let scorer = Scorer::default_model();
    let mut leads = std::io::BufWriter::new(std::fs::File::create(leads_path)?);
    let mut scores = std::io::BufWriter::new(std::fs::File::create(scores_path)?);
    for value in leadgen::leads(n) {
        writeln!(leads, "{value}")?;
        let card = scorer.score_value(value, leadgen::AS_OF).expect("generated leads are valid");
        writeln!(scores, "{}", card.score)?;
    }
    leads.flush()?;
    scores.flush()
}
