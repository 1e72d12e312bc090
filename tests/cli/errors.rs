//! Refused input named by file and line while the rest is still scored, a byte-order mark
//! accepted, invalid UTF-8 refused line by line, and the documented exit codes.

use super::{run, text, TempDir};

const AS_OF: &str = "2026-11-23T00:00:00Z";

fn ids(stdout: &[u8]) -> Vec<String> {
    text(stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["leadId"].as_str().unwrap().to_string())
        .collect()
}

/// Line 2 is blank, so a lead's line in the file is not its position among the leads.
const MIXED: &str = "{\"id\": \"a\"}\n\n{\"id\": \"b\", \"events\": \"soon\"}\n{\"id\": \"c\",\n{\"id\": \"d\"}\n";

#[test]
fn a_refused_line_is_named_by_file_and_line_and_the_rest_is_still_scored() {
    let dir = TempDir::new("leadscore-cli-lines");
    let input = dir.join("input.jsonl");
    std::fs::write(&input, MIXED).unwrap();
    let path = input.to_str().unwrap();
    let s = run(&["score", path, "--as-of", AS_OF]);
    let stderr = text(&s.stderr);
    assert_eq!(s.status.code(), Some(1), "{stderr}");
    assert_eq!(ids(&s.stdout), ["a", "d"]);
    assert!(stderr.contains(&format!("{path}:3: invalid lead: events: ")), "{stderr}");
    assert!(stderr.contains(&format!("{path}:4: invalid lead: not valid JSON")), "{stderr}");
    assert!(stderr.contains("2 of 4 leads refused"), "{stderr}");

    let stop = run(&["score", path, "--as-of", AS_OF, "--on-error", "stop"]);
    let stderr = text(&stop.stderr);
    assert_eq!((stop.status.code(), ids(&stop.stdout)), (Some(1), vec!["a".to_string()]), "{stderr}");
    assert!(stderr.contains(&format!("{path}:3: ")) && !stderr.contains(":4: "), "{stderr}");
}

#[test]
fn a_byte_order_mark_is_accepted_and_invalid_utf8_is_refused_by_line() {
    let dir = TempDir::new("leadscore-cli-bytes");
    let jsonl = dir.join("bom.jsonl");
    std::fs::write(&jsonl, "\u{feff}{\"id\": \"a\"}\r\n{\"id\": \"b\"}\r\n").unwrap();
    let s = run(&["score", jsonl.to_str().unwrap(), "--as-of", AS_OF]);
    assert!(s.status.success(), "{}", text(&s.stderr));
    assert_eq!(ids(&s.stdout), ["a", "b"]);

    let csv = dir.join("bom.csv");
    std::fs::write(&csv, "\u{feff}id,title\nx,CEO\n").unwrap();
    let c = run(&["score", csv.to_str().unwrap(), "--as-of", AS_OF]);
    assert!(c.status.success(), "{}", text(&c.stderr));
    assert_eq!(ids(&c.stdout), ["x"]);

    let latin1 = dir.join("latin1.jsonl");
    std::fs::write(&latin1, b"{\"id\": \"a\"}\n{\"id\": \"Jos\xe9\"}\n{\"id\": \"c\"}\n").unwrap();
    let path = latin1.to_str().unwrap();
    let l = run(&["score", path, "--as-of", AS_OF]);
    let stderr = text(&l.stderr);
    assert_eq!((l.status.code(), ids(&l.stdout)), (Some(1), vec!["a".to_string(), "c".to_string()]), "{stderr}");
    assert!(stderr.contains(&format!("{path}:2: ")) && stderr.contains("UTF-8"), "{stderr}");
}

#[test]
fn options_the_api_refuses_are_usage_errors_exit_2() {
    let dir = TempDir::new("leadscore-cli-usage");
    let out = dir.join("m.json");
    let out = out.to_str().unwrap();
    let train = |extra: &[&str]| {
        let mut args = vec!["train", "--data", "examples/history/funnel.csv", "--target", "converted", "--out", out];
        args.extend_from_slice(extra);
        run(&args)
    };
    for extra in [&["--bins", "1"][..], &["--l2=-1"], &["--l2", "0"], &["--hot", "0.5", "--warm", "0.4"]] {
        let t = train(extra);
        assert_eq!(t.status.code(), Some(2), "{extra:?}: {}", text(&t.stderr));
        let flag = extra[0].split('=').next().unwrap();
        let flag = if flag == "--hot" { "--warm" } else { flag };
        assert!(text(&t.stderr).contains(flag), "{extra:?}: {}", text(&t.stderr));
    }
    let s = run(&["score", "examples/leads/sample-leads.jsonl", "--as-of", "soon"]);
    assert_eq!(s.status.code(), Some(2), "{}", text(&s.stderr));
    assert!(text(&s.stderr).contains("--as-of"), "{}", text(&s.stderr));
    let b = run(&["backtest", "--data", "examples/history/funnel.csv", "--target", "converted", "--sep", ";;"]);
    assert_eq!(b.status.code(), Some(2), "{}", text(&b.stderr));
    let split =
        run(&["backtest", "--data", "examples/history/funnel.csv", "--target", "converted", "--split-at", AS_OF]);
    assert_eq!(split.status.code(), Some(2), "{}", text(&split.stderr));
    assert_eq!(run(&["score", "no/such/leads.jsonl"]).status.code(), Some(3));
    let help = text(&run(&["--help"]).stdout);
    assert!(help.contains("Exit codes") && help.contains("3 "), "{help}");
}
