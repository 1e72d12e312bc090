//! Scores the benchmark's generated leads in a loop, for profilers (`perf record`, `valgrind
//! --tool=callgrind`). Not a benchmark: `cargo bench` is. Usage: `profile_score [rounds] [leads]`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

#[path = "../bench/leadgen.rs"]
mod leadgen;

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().ok());
    let rounds = args.next().flatten().unwrap_or(5);
    let n = args.next().flatten().unwrap_or(100_000);
    let scorer = leadscore::Scorer::default_model();
    let leads: Vec<_> = leadgen::leads(n).into_iter().map(|v| scorer.parse_lead(v).unwrap()).collect();
    let start = std::time::Instant::now();
    let mut total = 0.0;
    for _ in 0..rounds {
        for lead in &leads {
            total += scorer.score(lead, leadgen::AS_OF).unwrap().score;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{:.0} leads/s (checksum {total})", (rounds * leads.len()) as f64 / secs);
}
