//! `leadscore train`'s trainer options on the command line: each out-of-range value exits 2 naming
//! the option and its range; the `--columns` sidecar and the `--base` model are read from files
//! whose problems are named; the report says which trainer ran.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leadscore")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("leadscore-predict-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn train(out: &str, extra: &[&str]) -> Output {
    let mut args = vec![
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
        out,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn trainer_options_out_of_range_name_the_option_and_its_range() {
    let dir = scratch("usage");
    let out = dir.join("m.json");
    let out = out.to_str().unwrap();
    for (extra, says) in [
        (&["--bins", "1"][..], "--bins: bins must be from 2 to 100"),
        (&["--bins", "300"], "--bins: bins must be from 2 to 100 (up to 255 with the boosted trainer), found 300"),
        (&["--rounds", "0"], "--rounds: rounds must be from 1 to 10000, found 0"),
        (&["--interactions", "51"], "--interactions: interactions must be from 0 to 50, found 51"),
        (&["--learning-rate", "0"], "--learning-rate: learningRate must be above 0 and at most 1, found 0"),
        (&["--l2", "0"], "--l2: l2 must be a number greater than 0, found 0"),
        (&["--trainer", "forest"], "--trainer"),
    ] {
        let t = train(out, extra);
        assert_eq!(t.status.code(), Some(2), "{extra:?}: {}", text(&t.stderr));
        assert!(text(&t.stderr).contains(says), "{extra:?}: {}", text(&t.stderr));
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn sidecar_and_base_files_are_read_and_their_problems_named() {
    let dir = scratch("files");
    let out = dir.join("m.json");
    let out = out.to_str().unwrap();
    let columns = dir.join("columns.json");
    std::fs::write(&columns, r#"{"title": {"description": "Job title", "units": "x"}}"#).unwrap();
    let bad = train(out, &["--columns", columns.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad.stderr));
    assert!(text(&bad.stderr).contains("unknown field `units`"), "{}", text(&bad.stderr));
    std::fs::write(&columns, r#"{"title": {"description": "Job title"}}"#).unwrap();
    let good = train(out, &["--columns", columns.to_str().unwrap(), "--trainer", "logistic"]);
    assert!(good.status.success(), "{}", text(&good.stderr));
    let model = std::fs::read_to_string(out).unwrap();
    assert!(model.contains("\"reason\": \"Job title is "), "{model}");
    // A hybrid: the base's rule first, learned rules after, and both figures on the holdout.
    let base = dir.join("base.json");
    std::fs::write(
        &base,
        r#"{"schema": "leadscore/v1", "id": "sales", "version": "2", "groups": {"fit": {"max": 30}}, "rules": [
            {"id": "software", "group": "fit", "points": 20, "reason": "Software company", "when": {"field": "company.industry", "eq": "Software"}}]}"#,
    )
    .unwrap();
    let hybrid = train(out, &["--base", base.to_str().unwrap(), "--interactions", "0"]);
    assert!(hybrid.status.success(), "{}", text(&hybrid.stderr));
    let stdout = text(&hybrid.stdout);
    assert!(stdout.contains("base model alone beside base + learned rules, on the holdout rows:"), "{stdout}");
    assert!(stdout.contains("    base: 300 rows") && stdout.contains("combined: 300 rows"), "{stdout}");
    let model: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!((model["id"].as_str(), model["rules"][0]["id"].as_str()), (Some("sales"), Some("software")));
    assert_eq!(model["rules"][1]["group"], "learned");
    std::fs::write(&base, "{ not json").unwrap();
    let broken = train(out, &["--base", base.to_str().unwrap()]);
    assert_eq!(broken.status.code(), Some(2), "{}", text(&broken.stderr));
    assert!(
        text(&broken.stderr).contains("--base") && text(&broken.stderr).contains("not JSON"),
        "{}",
        text(&broken.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}
