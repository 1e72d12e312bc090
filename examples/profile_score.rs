//! Scores the benchmark's generated leads in a loop, for profilers (`perf record`, `valgrind
//! --tool=callgrind`). Not a benchmark: `cargo bench` is. Usage: `profile_score [rounds] [leads] [json]`;
//! with `json`, each round parses the leads' JSON text too (the path `scoreNdjson` and wasm take).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

#[path = "../bench/leadgen.rs"]
mod leadgen;

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let json = args.next().is_some_and(|a| a == "json");
    let scorer = leadscore::Scorer::default_model();
    let values = leadgen::leads(n);
    let texts: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    let leads: Vec<_> = values.into_iter().map(|v| scorer.parse_lead(v).unwrap()).collect();
    let start = std::time::Instant::now();
    let mut total = 0.0;
    for _ in 0..rounds {
        if json {
            for text in &texts {
                total += scorer.score_json(text, leadgen::AS_OF).unwrap().score;
            }
        } else {
            for lead in &leads {
                total += scorer.score(lead, leadgen::AS_OF).unwrap().score;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{:.0} leads/s (checksum {total})", (rounds * leads.len()) as f64 / secs);
}
