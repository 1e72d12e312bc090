//! Coverage on stderr: a renamed header scores with exit 0 but a warning naming both names, and
//! `--strict-coverage` turns it into exit 1; backtest and train reports carry the coverage object.

use super::{run, text, TempDir};

const AS_OF: &str = "2026-11-23T00:00:00Z";

/// The sample history with `company.employees` renamed `employee_count`, as a CRM export renames it.
fn renamed(dir: &TempDir) -> String {
    let csv = std::fs::read_to_string("examples/history/funnel.csv").unwrap();
    let (header, rows) = csv.split_once('\n').unwrap();
    assert!(header.contains(",company.employees,"), "{header}");
    let path = dir.join("renamed.csv");
    std::fs::write(&path, format!("{}\n{rows}", header.replace(",company.employees,", ",employee_count,"))).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_renamed_header_scores_with_a_warning_naming_both_names() {
    let dir = TempDir::new("leadscore-cli-coverage");
    let path = renamed(&dir);
    let s = run(&["score", &path, "--format", "csv", "--as-of", AS_OF]);
    let stderr = text(&s.stderr);
    assert_eq!(s.status.code(), Some(0), "{stderr}");
    assert_eq!(text(&s.stdout).lines().count(), 1501, "every lead is still scored");
    let warning = format!(
        "leadscore: warning: {path}: model reads `company.employees`, found in 0 of 1,500 rows; did you mean `employee_count`?"
    );
    assert!(stderr.lines().any(|l| l == warning), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "leadscore: {path}: coverage over 1,500 rows: 6 of 8 fields the model reads are present"
        )),
        "{stderr}"
    );
    // The columns the model finds raise no warning.
    assert!(!stderr.contains("`company.industry`") && !stderr.contains("`title`"), "{stderr}");

    let strict = run(&["score", &path, "--format", "csv", "--as-of", AS_OF, "--strict-coverage"]);
    let stderr = text(&strict.stderr);
    assert_eq!(strict.status.code(), Some(1), "{stderr}");
    assert_eq!(text(&strict.stdout).lines().count(), 1501, "the cards are written before the refusal");
    assert!(stderr.contains(&warning) && stderr.contains("absent from every row (--strict-coverage)"), "{stderr}");
}

#[test]
fn backtest_and_train_report_coverage() {
    let dir = TempDir::new("leadscore-cli-coverage-reports");
    let path = renamed(&dir);
    let b = run(&["backtest", "--data", &path, "--target", "converted", "--as-of", AS_OF, "--json"]);
    let stderr = text(&b.stderr);
    assert_eq!(b.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("did you mean `employee_count`?"), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&b.stdout).unwrap();
    let coverage = &report["coverage"];
    assert_eq!(coverage["rows"], 1500);
    let employees = coverage["fields"].as_array().unwrap().iter().find(|f| f["field"] == "company.employees").unwrap();
    assert_eq!((employees["present"].as_u64(), employees["readBy"][0].as_str()), (Some(0), Some("ideal-size")));
    let warning = coverage["warnings"].as_array().unwrap().iter().find(|w| w["field"] == "company.employees").unwrap();
    assert_eq!(warning["didYouMean"], "employee_count");

    // The sample history as JSON Lines has every field but the tech stack, and events.
    let jsonl =
        run(&["backtest", "--data", "examples/history/funnel.jsonl", "--target", "converted", "--as-of", AS_OF]);
    let stderr = text(&jsonl.stderr);
    assert!(jsonl.status.success(), "{stderr}");
    assert_eq!(stderr.matches("warning").count(), 1, "only company.techStack is missing: {stderr}");
    assert!(
        stderr.contains("`company.techStack`") && stderr.contains("events the model reads in 98% of rows"),
        "{stderr}"
    );
    let out = text(&jsonl.stdout);
    for tier in ["hot (60+)", "warm (30+)", "cold (0+)"] {
        let leads: usize = out
            .lines()
            .find(|l| l.trim_start().starts_with(tier))
            .unwrap()
            .split_whitespace()
            .nth(2)
            .unwrap()
            .parse()
            .unwrap();
        assert!(leads > 100, "{tier}: {leads} leads\n{out}");
    }

    let report = dir.join("report.json");
    let t = run(&[
        "train",
        "--data",
        "examples/history/funnel.csv",
        "--target",
        "converted",
        "--ignore",
        "id,age_band",
        "--out",
        dir.join("m.json").to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(t.status.success(), "{}", text(&t.stderr));
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let fields: Vec<&str> =
        report["coverage"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert!(
        fields.contains(&"title") && fields.contains(&"company.employees") && !fields.contains(&"age_band"),
        "{fields:?}"
    );
    assert_eq!(report["coverage"]["warnings"], serde_json::json!([]));
}
