//! `leadscore audit`: the table a person reads (legend, aligned columns, flagged and too-small
//! groups marked, direct use said loudly), `--json`, and usage errors that name the flag.

use super::{run, text, TempDir};

/// The hand-checked case of `tests/fixtures/README.md`: titles drive the score, `region` groups the
/// leads and is not read by the model. north: 40 leads, 20 VPs (hot 50%); south: 40 leads, 10 VPs
/// (25%: DI 0.5, flagged); east: 10 VPs (too small); 35 rows without a region (20%: DI 0.4, flagged).
fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn history() -> String {
    fixture("audit-history.csv")
}

fn files(dir: &TempDir) -> (String, String) {
    let model = dir.join("model.json");
    let data = dir.join("history.csv");
    std::fs::write(&model, fixture("audit-model.json")).unwrap();
    std::fs::write(&data, history()).unwrap();
    (model.to_str().unwrap().to_string(), data.to_str().unwrap().to_string())
}

fn audit(model: &str, data: &str, extra: &[&str]) -> std::process::Output {
    let mut args =
        vec!["audit", "--model", model, "--data", data, "--target", "converted", "--as-of", "2026-11-23T00:00:00Z"];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn the_table_marks_flagged_and_small_groups_under_a_legend() {
    let dir = TempDir::new("leadscore-cli-audit");
    let (model, data) = files(&dir);
    let a = audit(&model, &data, &["--segment", "region", "--segment", "title"]);
    let out = text(&a.stdout);
    assert!(a.status.success(), "{}", text(&a.stderr));
    assert!(out.contains("125 leads, 40 converted (32.0%)"), "{out}");
    assert!(
        out.contains("legend: ! DI below 0.8 (the four-fifths rule: adverse impact), ~ fewer than 30 leads"),
        "{out}"
    );
    let lines: Vec<&str> = out.lines().collect();
    let row = |value: &str| {
        let at = lines.iter().position(|l| l.starts_with("segment region")).unwrap();
        lines[at..]
            .iter()
            .find(|l| l.get(4..).is_some_and(|r| r.starts_with(&format!("{value} "))))
            .copied()
            .unwrap_or("")
    };
    assert!(row("north").starts_with("    north") && row("north").contains("50.0%"), "{out}");
    assert!(row("south").starts_with("  ! south") && row("south").contains("0.50!"), "{out}");
    assert!(row("east").starts_with("  ~ east") && row("east").contains("100.0%"), "{out}");
    assert!(row("(missing)").starts_with("  ! (missing)") && row("(missing)").contains("0.40!"), "{out}");
    // Aligned: the header and every row of the table are the same width.
    let at = lines.iter().position(|l| l.starts_with("segment region")).unwrap();
    let widths: Vec<usize> = lines[at + 1..at + 7].iter().map(|l| l.trim_end().chars().count()).collect();
    assert!(widths.iter().all(|w| *w == widths[0] || *w + 1 == widths[0]), "{widths:?}\n{out}");
    assert!(
        out.contains(
            "four-fifths rule: 2 below 0.8: south (hot 0.50, hot+warm 0.67), (missing) (hot 0.40, hot+warm 0.27)"
        ),
        "{out}"
    );
    assert!(out.contains("AUC n/a for east: every lead in the group converted"), "{out}");
    assert!(out.contains("WARNING: the model reads \"title\" itself: direct use of a sensitive attribute, in 2 rules: vp (VP), mgr (Manager)"), "{out}");
    assert_eq!(out.matches("WARNING").count(), 1, "region is not read by the model: {out}");
}

#[test]
fn json_is_the_report_with_numbers_as_javascript_writes_them() {
    let dir = TempDir::new("leadscore-cli-audit-json");
    let (model, data) = files(&dir);
    let a = audit(&model, &data, &["--segment", "region", "--json", "--min-rows", "10", "--proxy-threshold", "0.4"]);
    assert!(a.status.success(), "{}", text(&a.stderr));
    let out = text(&a.stdout);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((r["rows"].as_u64(), r["minRows"].as_u64(), r["topTier"].as_str()), (Some(125), Some(10), Some("hot")));
    let groups = r["segments"][0]["groups"].as_array().unwrap();
    let east = groups.iter().find(|g| g["value"] == "east").unwrap();
    assert_eq!((east["tooSmall"].as_bool(), east["topTier"]["ratio"].as_f64()), (Some(false), Some(1.0)), "{east}");
    assert_eq!(r["segments"][0]["flagged"], serde_json::json!(["north", "south", "(missing)"]));
    let proxy = &r["segments"][0]["associations"][0];
    assert_eq!((proxy["rule"].as_str(), proxy["proxy"].as_bool()), (Some("vp"), Some(true)), "{proxy}");
    assert!(out.contains("\"fourFifths\":0.8,") && out.contains("\"ratio\":1,"), "JS numbers: {out}");
}

#[test]
fn usage_errors_name_the_flag_and_the_columns_there_are() {
    let dir = TempDir::new("leadscore-cli-audit-usage");
    let (model, data) = files(&dir);
    let unknown = audit(&model, &data, &["--segment", "regoin"]);
    let stderr = text(&unknown.stderr);
    assert_eq!(unknown.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--segment: no column \"regoin\" in the data; the columns are: id, title, region, converted"),
        "{stderr}"
    );
    let none = audit(&model, &data, &[]);
    assert_eq!(none.status.code(), Some(2));
    assert!(text(&none.stderr).contains("--segment: name at least one segment column"), "{}", text(&none.stderr));
    let target = audit(&model, &data, &["--segment", "converted"]);
    assert!(text(&target.stderr).contains("is the outcome column"), "{}", text(&target.stderr));
    let threshold = audit(&model, &data, &["--segment", "region", "--proxy-threshold", "2"]);
    assert_eq!(threshold.status.code(), Some(2));
    assert!(text(&threshold.stderr).contains("--proxy-threshold: "), "{}", text(&threshold.stderr));
    let bad_rows = dir.join("bad.csv");
    std::fs::write(&bad_rows, "title,region,converted\nvp,north,yes\nvp,south,maybe\n").unwrap();
    let bad = audit(&model, bad_rows.to_str().unwrap(), &["--segment", "region"]);
    assert_eq!(bad.status.code(), Some(1), "a refused data row is input, exit 1");
    assert!(text(&bad.stderr).contains("line 3, column \"converted\""), "{}", text(&bad.stderr));
}

#[test]
fn train_with_a_sensitive_column_never_reads_it_and_audits_it() {
    let dir = TempDir::new("leadscore-cli-audit-train");
    // The history four times over: enough rows per bin to learn from, half of them held out.
    let history = history();
    let (header, body) = history.split_once('\n').unwrap();
    let data = dir.join("history4.csv");
    std::fs::write(&data, format!("{header}\n{}", body.repeat(4))).unwrap();
    let data = data.to_str().unwrap().to_string();
    let model = dir.join("trained.json");
    let model = model.to_str().unwrap();
    let train = |extra: &[&str]| {
        let mut args = vec!["train", "--data", &data, "--target", "converted", "--ignore", "id", "--out", model];
        args.extend_from_slice(extra);
        run(&args)
    };
    let t = train(&["--sensitive", "region", "--holdout-every", "2"]);
    let out = text(&t.stdout);
    assert!(t.status.success(), "{}", text(&t.stderr));
    assert!(out.contains("note: region: sensitive, never used as an input"), "{out}");
    assert!(
        out.contains("sensitive: region (never an input); the model audited against it on the holdout rows:"),
        "{out}"
    );
    assert!(out.contains("segment region (4 values)") && out.contains("proxies (Cramér's V > 0.5)"), "{out}");
    let written = std::fs::read_to_string(model).unwrap();
    assert!(written.contains("\"field\": \"title\"") && !written.contains("\"field\": \"region\""), "{written}");

    let unknown = train(&["--sensitive", "regoin"]);
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = text(&unknown.stderr);
    assert!(
        stderr.contains("--sensitive: no column \"regoin\" in the data; the columns are: title, region, converted"),
        "{stderr}"
    );
}
