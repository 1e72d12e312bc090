//! Predictive scoring on real data: trains leadscore's scorecard on the UCI Bank Marketing file
//! (`examples/data/bank-additional-full.csv`, or `LEADSCORE_BANK_CSV`) without `duration`, holding out
//! every row whose 0-based index is a multiple of 5, and prints the holdout AUC, the training time
//! (median of 5 runs, reading the CSV included) and the model's size, beside the reference figures
//! for scikit-learn on the same split. `cargo bench --bench predict` (or `make bench-predict`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::print_stdout, missing_docs)]

use leadscore::predict::{read_csv, train, ReadOptions, TrainOptions};
use std::time::Instant;

fn main() {
    let path = std::env::var("LEADSCORE_BANK_CSV").unwrap_or_else(|_| "examples/data/bank-additional-full.csv".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("{path} not found: set LEADSCORE_BANK_CSV to the UCI Bank Marketing file (bank-additional-full.csv)");
        return;
    };
    let read = ReadOptions { ignore: vec!["duration".into()], separator: b';', ..ReadOptions::new("y") };
    let options = TrainOptions { id: "bank-term-deposit".into(), holdout_every: Some(5), ..TrainOptions::default() };
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let started = Instant::now();
        let data = read_csv(&text, &read).expect("the bank file reads");
        let trained = train(&data, &options).expect("the bank file trains");
        times.push(started.elapsed().as_secs_f64());
        last = Some((data.len(), trained));
    }
    times.sort_by(f64::total_cmp);
    let (rows, trained) = last.expect("five runs");
    let holdout = trained.report.holdout.as_ref().expect("a holdout");
    let model = serde_json::to_string_pretty(&trained.model).unwrap();
    let rules = trained.model["rules"].as_array().map_or(0, Vec::len);
    println!("UCI Bank Marketing: {rows} rows, `duration` left out; test = rows whose 0-based index is a multiple of 5 ({} rows)", holdout.rows);
    println!("{:<62} {:>9}", "model", "test AUC");
    println!(
        "{:<62} {:>9.4}",
        "leadscore scorecard (binned columns, L2 logistic regression)",
        holdout.auc.unwrap_or(f64::NAN)
    );
    println!("{:<62} {:>9}", "scikit-learn 1.9 LogisticRegression (reference, examples/data)", "0.797");
    println!("{:<62} {:>9}", "scikit-learn 1.9 HistGradientBoostingClassifier (reference)", "0.808");
    println!(
        "training time (read + bin + fit + calibrate + tiers), median of 5: {:.3} s (min {:.3} s)",
        times[2], times[0]
    );
    println!("model: {rules} rules, {} bytes of JSON (pretty-printed)", model.len());
}
