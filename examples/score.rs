//! Scores leads from a JSON Lines file and prints each score card, explained, or as JSON.
//!
//! ```text
//! cargo run --release --example score -- examples/leads/sample-leads.jsonl
//! cargo run --release --example score -- LEADS.jsonl --model examples/models/plg-saas.json --as-of 2026-11-23T00:00:00Z --json
//! ```
//! Without `--model` the embedded default model is used; without `--as-of`, the example uses the
//! current time (the library itself never reads the clock).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use leadscore::{time, Model, Scorer};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let json_out = args.iter().any(|a| a == "--json");
    let Some(leads_path) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: score LEADS.jsonl [--model MODEL.json] [--as-of RFC3339] [--json]");
        return ExitCode::from(2);
    };
    let model = match flag("--model") {
        Some(path) => match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| Model::from_json(&t).map_err(|e| e.to_string()))
        {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(1);
            }
        },
        None => Model::default_model(),
    };
    let as_of = match flag("--as-of") {
        Some(text) => match time::parse_rfc3339(&text) {
            Some(ms) => ms,
            None => {
                eprintln!("--as-of: {text:?} is not an RFC 3339 time");
                return ExitCode::from(2);
            }
        },
        None => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64),
    };
    let scorer = Scorer::new(model);
    let text = match std::fs::read_to_string(leads_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{leads_path}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut failed = false;
    if !json_out {
        println!(
            "model {} v{} ({}), as of {}\n",
            scorer.model().id,
            scorer.model().version,
            scorer.fingerprint(),
            time::format_rfc3339(as_of)
        );
    }
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match scorer.score_json(line, as_of) {
            Ok(card) if json_out => println!("{}", serde_json::to_string(&card).unwrap()),
            Ok(card) => {
                let id = card.lead_id.as_ref().map_or_else(
                    || format!("line {}", n + 1),
                    |v| v.as_str().map_or_else(|| v.to_string(), str::to_string),
                );
                let tier = card.tier.as_ref().map_or("-", |t| t.name);
                let action = card.tier.as_ref().and_then(|t| t.action).unwrap_or("-");
                println!("{id}: score {} ({tier}, {}) -> {action}", card.score, card.label.unwrap_or("-"));
                for c in &card.contributions {
                    let mut detail = String::new();
                    if let Some(e) = c.events {
                        detail += &format!(", {e} event{}", if e == 1 { "" } else { "s" });
                    }
                    if let Some(d) = c.decayed.filter(|d| *d != 0.0) {
                        detail += &format!(", {d} lost to decay");
                    }
                    if let Some(x) = c.capped {
                        detail += &format!(", {x} over the cap");
                    }
                    println!("  {:>+7}  {}{detail}", c.points, c.reason);
                }
                for w in &card.warnings {
                    println!("  warning: {}: {}", w.path, w.message);
                }
                println!();
            }
            Err(e) => {
                eprintln!("line {}: {e}", n + 1);
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
