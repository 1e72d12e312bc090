//! `explain` in plain words: every lead of a JSON Lines file, or one pretty-printed lead.

use super::{run, text, TempDir};

const AS_OF: &str = "2026-11-23T00:00:00Z";

#[test]
fn explain_explains_every_lead_of_a_json_lines_file() {
    let e = run(&["explain", "examples/leads/sample-leads.jsonl", "--as-of", AS_OF]);
    let out = text(&e.stdout);
    assert!(e.status.success(), "{}", text(&e.stderr));
    for id in ["L-1001", "L-1002", "L-1003", "L-1004", "L-1005"] {
        assert_eq!(out.matches(&format!("lead {id} ")).count(), 1, "{out}");
    }
    assert_eq!(out.matches("model b2b-default v").count(), 1, "the model is named once: {out}");
}

#[test]
fn explain_reads_one_pretty_printed_lead_and_names_the_line_of_a_bad_one() {
    let dir = TempDir::new("leadscore-cli-explain-pretty");
    let lead = dir.join("lead.json");
    std::fs::write(&lead, "{\n  \"title\": \"VP, Sales\",\n  \"events\": [{\"type\": \"demo_request\", \"at\": \"2026-11-20T00:00:00Z\"}]\n}\n").unwrap();
    let e = run(&["explain", lead.to_str().unwrap(), "--as-of", AS_OF]);
    assert!(e.status.success(), "{}", text(&e.stderr));
    assert!(text(&e.stdout).contains("Requested a demo"), "{}", text(&e.stdout));

    let bad = dir.join("leads.jsonl");
    std::fs::write(&bad, "{\"id\": \"a\"}\n{\"id\": \"b\", \"events\": \"soon\"}\n{\"id\": \"c\"}\n").unwrap();
    let path = bad.to_str().unwrap();
    let b = run(&["explain", path, "--as-of", AS_OF]);
    let (out, err) = (text(&b.stdout), text(&b.stderr));
    assert_eq!(b.status.code(), Some(1), "{err}");
    assert!(out.contains("lead a ") && out.contains("lead c ") && !out.contains("lead b "), "{out}");
    assert!(err.contains(&format!("{path}:2: invalid lead: events: ")), "{err}");
    assert!(!err.contains("trailing characters"), "{err}");
}
