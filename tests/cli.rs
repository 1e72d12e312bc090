//! The `leadscore` command line, run as a user would: exit codes, messages with lines and paths,
//! and train -> validate -> backtest -> score on examples/history/funnel.csv.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::{Command, Output};

#[path = "cli/accounts.rs"]
mod accounts;
#[path = "cli/audit.rs"]
mod audit;
#[path = "cli/coverage.rs"]
mod coverage;
#[path = "cli/errors.rs"]
mod errors;
#[path = "cli/explain.rs"]
mod explain;
#[path = "cli/stream.rs"]
mod stream;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leadscore")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

/// A scratch folder for one test, removed when the test ends (passing or not).
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn join(&self, file: &str) -> std::path::PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn train_validate_backtest_score() {
    let dir = TempDir::new("leadscore-cli");
    let model = dir.join("funnel.json");
    let model = model.to_str().unwrap();
    let t = run(&[
        "train",
        "--data",
        "examples/history/funnel.csv",
        "--target",
        "converted",
        "--ignore",
        "id,age_band",
        "--holdout-every",
        "5",
        "--out",
        model,
    ]);
    assert!(t.status.success(), "{}", text(&t.stderr));
    let out = text(&t.stdout);
    assert!(out.contains("holdout: 300 rows") && out.contains("AUC 0."), "{out}");

    let v = run(&["validate", model]);
    assert!(v.status.success() && text(&v.stdout).starts_with("valid: trained v1"), "{}", text(&v.stdout));

    let b = run(&[
        "backtest",
        "--model",
        model,
        "--data",
        "examples/history/funnel.csv",
        "--target",
        "converted",
        "--test-every",
        "5",
        "--capacity",
        "50",
        "--as-of",
        "2026-11-23T00:00:00Z",
    ]);
    let report = text(&b.stdout);
    assert!(b.status.success(), "{}", text(&b.stderr));
    assert!(
        report.contains("300 leads") && report.contains("by tier") && report.contains("capacity 50 leads"),
        "{report}"
    );

    let s = run(&[
        "score",
        "examples/history/funnel.csv",
        "--model",
        model,
        "--format",
        "csv",
        "--as-of",
        "2026-11-23T00:00:00Z",
    ]);
    let lines: Vec<String> = text(&s.stdout).lines().map(str::to_string).collect();
    assert!(s.status.success(), "{}", text(&s.stderr));
    assert_eq!(lines.len(), 1501);
    assert!(lines[0].starts_with("lead_id,score,raw,tier") && lines[1].starts_with("H-0000,"), "{}", lines[1]);
}

#[test]
fn errors_name_the_line_and_use_documented_exit_codes() {
    let dir = TempDir::new("leadscore-cli-bad");
    let ragged = dir.join("ragged.csv");
    std::fs::write(&ragged, "a,y\n1,yes\n2,no,extra\n").unwrap();
    let r = run(&[
        "train",
        "--data",
        ragged.to_str().unwrap(),
        "--target",
        "y",
        "--out",
        dir.join("m.json").to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(text(&r.stderr).contains("line 3"), "{}", text(&r.stderr));

    let bad_model = dir.join("bad.json");
    std::fs::write(
        &bad_model,
        r#"{"schema": "leadscore/v1", "id": "x", "version": "1", "groups": {}, "rules": [{"id": "r"}]}"#,
    )
    .unwrap();
    let v = run(&["validate", bad_model.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1));
    assert!(text(&v.stdout).contains("rules[0]"), "{}", text(&v.stdout));

    let missing = run(&["validate", "no/such/file.json"]);
    assert_eq!(missing.status.code(), Some(3));
    assert_eq!(run(&["score"]).status.code(), Some(2), "usage errors exit 2");
}

/// `validate` names each problem's line and column in the file, found from its JSON path, the way
/// compilers do, so an editor jumps to it.
#[test]
fn validate_names_the_line_and_column_of_each_problem() {
    let dir = TempDir::new("leadscore-cli-validate-lines");
    let model = dir.join("model.json");
    std::fs::write(
        &model,
        "{\n  \"schema\": \"leadscore/v1\", \"id\": \"m\", \"version\": \"1\",\n  \"groups\": { \"fit\": {} },\n  \"rules\": [\n    { \"id\": \"a\", \"group\": \"fti\", \"points\": 5,\n      \"when\": { \"field\": \"title.senority\", \"eq\": \"vp\" } }\n  ]\n}\n",
    )
    .unwrap();
    let v = run(&["validate", model.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1));
    let out = text(&v.stdout);
    let name = model.to_str().unwrap();
    assert!(out.contains(&format!("{name}:5:27: rules[0].group: no group \"fti\"")), "{out}");
    assert!(out.contains(&format!("{name}:6:26: rules[0].when.field: unknown signal \"title.senority\"")), "{out}");
    assert!(text(&v.stderr).contains("2 problems"), "{}", text(&v.stderr));
}

#[test]
fn trains_from_json_lines_too() {
    let dir = TempDir::new("leadscore-cli-jsonl");
    let data = dir.join("history.jsonl");
    let lines: Vec<String> = (0..400)
        .map(|i| {
            let seniority = ["vp", "director", "analyst", "student"][i % 4];
            let won = (i % 4 == 0 && i % 3 != 0) || (i % 4 == 1 && i % 2 == 0) || i % 17 == 0;
            format!(r#"{{"title": "{seniority}", "company": {{"employees": {}}}, "won": {won}}}"#, 10 + (i * 13) % 900)
        })
        .collect();
    std::fs::write(&data, lines.join("\n")).unwrap();
    let model = dir.join("m.json");
    let t = run(&["train", "--data", data.to_str().unwrap(), "--target", "won", "--out", model.to_str().unwrap()]);
    assert!(t.status.success(), "{}", text(&t.stderr));
    let written = std::fs::read_to_string(&model).unwrap();
    assert!(
        written.contains("\"field\": \"company.employees\"") && written.contains("\"field\": \"title\""),
        "{written}"
    );
}

#[test]
fn explain_reads_a_lead_from_a_file() {
    let dir = TempDir::new("leadscore-cli-explain");
    let lead = dir.join("lead.json");
    std::fs::write(&lead, r#"{"email": "dana@acme.io", "title": "VP, Sales", "events": [{"type": "demo_request", "at": "2026-11-20T00:00:00Z"}]}"#).unwrap();
    let e = run(&["explain", lead.to_str().unwrap(), "--as-of", "2026-11-23T00:00:00Z"]);
    let out = text(&e.stdout);
    assert!(e.status.success(), "{}", text(&e.stderr));
    assert!(out.contains("VP or C-level title") && out.contains("Requested a demo"), "{out}");
}
