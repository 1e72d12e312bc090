//! Predictive scoring on real data: trains leadscore's scorecards on the UCI Bank Marketing file
//! (`examples/data/bank-additional-full.csv`, or `LEADSCORE_BANK_CSV`) without `duration`, holding out
//! every row whose 0-based index is a multiple of 5, and prints in one table the holdout AUC, log
//! loss and Brier score and the training time (one run each, reading the CSV included) of: the
//! logistic scorecard, the boosted scorecard without and with pairwise interactions, and `train`'s
//! default (which picks one of them on a validation split of the training rows); beside them the
//! scikit-learn reference figures quoted from `examples/data/README.md` (AUC only: the README gives
//! no log loss or Brier score for them). Writes the default model and report to `target/bench/`
//! for `bench/js/predict.mjs` to compare with wasm. `cargo bench --bench predict`
//! (or `make bench-predict`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::print_stdout, missing_docs)]

use leadscore::predict::{read_csv, train, ReadOptions, TrainOptions, Trainer};
use std::time::Instant;

fn main() {
    let path = std::env::var("LEADSCORE_BANK_CSV").unwrap_or_else(|_| "examples/data/bank-additional-full.csv".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("{path} not found: set LEADSCORE_BANK_CSV to the UCI Bank Marketing file (bank-additional-full.csv)");
        return;
    };
    let read = ReadOptions { ignore: vec!["duration".into()], separator: b';', ..ReadOptions::new("y") };
    let base = TrainOptions { id: "bank-term-deposit".into(), holdout_every: Some(5), ..TrainOptions::default() };
    let mut boost_plain = base.boost.clone();
    boost_plain.interactions = 0;
    let runs = [
        (
            "leadscore logistic scorecard (binned columns, L2)",
            TrainOptions { trainer: Trainer::Logistic, ..base.clone() },
        ),
        (
            "leadscore boosted scorecard, no interactions",
            TrainOptions { trainer: Trainer::Boosted, boost: boost_plain, ..base.clone() },
        ),
        ("leadscore boosted scorecard, 5 interactions", TrainOptions { trainer: Trainer::Boosted, ..base.clone() }),
        ("leadscore train, default options (picks one)", base.clone()),
    ];
    println!("UCI Bank Marketing, `duration` left out; test = rows whose 0-based index is a multiple of 5");
    println!(
        "{:<52} {:>8} {:>9} {:>7} {:>7} {:>6}  trainer",
        "model", "test AUC", "log loss", "Brier", "rules", "time"
    );
    let mut default_model = None;
    for (name, options) in runs {
        let started = Instant::now();
        let data = read_csv(&text, &read).expect("the bank file reads");
        let trained = train(&data, &options).expect("the bank file trains");
        let seconds = started.elapsed().as_secs_f64();
        let h = trained.report.holdout.as_ref().expect("a holdout");
        let rules = trained.model["rules"].as_array().map_or(0, Vec::len);
        println!(
            "{name:<52} {:>8.4} {:>9.4} {:>7.4} {rules:>7} {seconds:>5.1}s  {}",
            h.auc.unwrap_or(f64::NAN),
            h.log_loss,
            h.brier,
            trained.report.trainer
        );
        if options.trainer == Trainer::Auto {
            default_model = Some(trained);
        }
    }
    println!("{:<52} {:>8} {:>9} {:>7}", "scikit-learn 1.9 LogisticRegression (reference)", "0.797", "n/a", "n/a");
    println!("{:<52} {:>8} {:>9} {:>7}", "scikit-learn 1.9 HistGradientBoosting (reference)", "0.808", "n/a", "n/a");
    println!("(references quoted from examples/data/README.md, which gives AUC only; bench/sklearn_reference.py recomputes all three figures where scikit-learn is installed)");
    if let Some(t) = default_model {
        std::fs::create_dir_all("target/bench").expect("target/bench");
        let model = leadscore::json::to_string_pretty(&t.model).unwrap() + "\n";
        std::fs::write("target/bench/bank-model.native.json", &model).expect("write the model");
        let report = leadscore::json::to_string(&t.report).unwrap();
        std::fs::write("target/bench/bank-report.native.json", report).expect("write the report");
        println!("default model: {} bytes, written to target/bench/bank-model.native.json", model.len());
    }
}
