//! `score` as a stream: output before the input ends, in input order, a closed pipe as a clean stop,
//! CSV written by a CSV writer, explained cards byte for byte the library's.

use super::{run, text, TempDir};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

const AS_OF: &str = "2026-11-23T00:00:00Z";

fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_leadscore"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn lead(i: usize) -> String {
    format!(r#"{{"id": "L-{i}", "title": "VP Sales", "email": "x{i}@acme.io"}}"#)
}

/// The test writes leads to stdin until the first card comes back (or all `LIMIT` are written): a
/// CLI that reads its whole input before it writes has read all of them by then.
#[test]
fn the_first_card_comes_out_before_the_input_ends_and_cards_keep_input_order() {
    const LIMIT: usize = 200_000;
    let mut child = spawn(&["score", "-", "--as-of", AS_OF]);
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let first_seen = AtomicBool::new(false);
    let (written, ids) = std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let mut ids = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let card: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
                first_seen.store(true, Ordering::SeqCst);
                ids.push(card["leadId"].as_str().unwrap().to_string());
            }
            ids
        });
        let mut written = 0;
        while written < LIMIT && !first_seen.load(Ordering::SeqCst) {
            writeln!(stdin, "{}", lead(written)).unwrap();
            written += 1;
        }
        drop(stdin);
        (written, reader.join().unwrap())
    });
    let status = child.wait().unwrap();
    assert!(status.success());
    assert!(written < LIMIT, "no card came out before all {LIMIT} leads were written");
    let expected: Vec<String> = (0..written).map(|i| format!("L-{i}")).collect();
    assert_eq!(ids, expected, "every lead scored, in input order");
}

#[test]
fn a_closed_pipe_is_a_clean_stop() {
    let dir = TempDir::new("leadscore-cli-pipe");
    let input = dir.join("many.jsonl");
    let leads: Vec<String> = (0..20_000).map(lead).collect();
    std::fs::write(&input, leads.join("\n")).unwrap();
    let mut child = spawn(&["score", input.to_str().unwrap(), "--explain", "--as-of", AS_OF]);
    drop(child.stdin.take());
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains("\"leadId\":\"L-0\""), "{first}");
    drop(stdout); // like `head -1`: the read end closes while the CLI still has cards to write
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!((status.code(), stderr.as_str()), (Some(0), ""));
}

#[test]
fn csv_output_quotes_every_field_that_needs_it() {
    let dir = TempDir::new("leadscore-cli-csv");
    let mut model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("examples/models/plg-saas.json").unwrap()).unwrap();
    for tier in model["tiers"].as_array_mut().unwrap() {
        tier["action"] = serde_json::Value::from(r#"call, then "nurture""#);
    }
    let model_path = dir.join("model.json");
    std::fs::write(&model_path, model.to_string()).unwrap();
    let input = dir.join("leads.jsonl");
    std::fs::write(&input, format!("{}\n{}\n", lead(1), r#"{"id": "a,\"b\"", "title": "CEO"}"#)).unwrap();
    let s = run(&[
        "score",
        input.to_str().unwrap(),
        "--model",
        model_path.to_str().unwrap(),
        "--format",
        "csv",
        "--as-of",
        AS_OF,
    ]);
    assert!(s.status.success(), "{}", text(&s.stderr));
    let mut reader = csv::Reader::from_reader(s.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ["lead_id", "score", "raw", "tier", "action", "grade", "label", "probability"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    for (row, id) in rows.iter().zip(["L-1", "a,\"b\""]) {
        assert_eq!((&row[0], &row[4]), (id, r#"call, then "nurture""#), "{row:?}");
        assert!(row[1].parse::<f64>().is_ok(), "{row:?}");
    }
}

#[test]
fn explained_cards_are_the_library_cards_as_json_stringify_writes_them() {
    let s = run(&["score", "examples/leads/sample-leads.jsonl", "--explain", "--as-of", AS_OF]);
    assert!(s.status.success(), "{}", text(&s.stderr));
    let scorer = leadscore::Scorer::default_model();
    let as_of = leadscore::time::parse_rfc3339(AS_OF).unwrap();
    let expected: String = std::fs::read_to_string("examples/leads/sample-leads.jsonl")
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| scorer.score_json(l, as_of).unwrap().to_json() + "\n")
        .collect();
    assert_eq!(text(&s.stdout), expected);
}
