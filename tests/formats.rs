//! The same lead in another format gives the same card: a CSV row and the JSON object a JSON
//! exporter writes for it (numbers as numbers, every other cell as its text, "N/A" and "" included)
//! score alike, because which texts mean "not given" is the model's `input.missing`, applied by the
//! engine to every reader. And a trained model reads its own training rows as the trainer did: the
//! trainer's holdout figures equal a backtest of the written model on the CSV and on a JSON Lines
//! copy of it, to the last digit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use leadscore::api::{self, BacktestRequest, History, TrainRequest};
use leadscore::{time, Model, Scorer};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const AS_OF: &str = "2026-11-23T00:00:00Z";

/// A CSV file as a JSON exporter writes it: one object per row, a cell a number when it is one in
/// JSON's syntax, its text otherwise (placeholders and empty cells stay texts).
fn json_lines_copy(csv_text: &str) -> String {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let mut out = String::new();
    for row in reader.records() {
        let row = row.unwrap();
        let object: Map<String, Value> = header
            .iter()
            .zip(row.iter())
            .map(|(name, cell)| {
                let value = serde_json::from_str::<serde_json::Number>(cell)
                    .map_or_else(|_| Value::String(cell.to_string()), Value::Number);
                (name.clone(), value)
            })
            .collect();
        out.push_str(&Value::Object(object).to_string());
        out.push('\n');
    }
    out
}

#[test]
fn train_figures_equal_backtests_of_the_written_model_on_csv_and_json_lines() {
    let csv_text = std::fs::read_to_string("examples/history/funnel.csv").unwrap();
    assert!(csv_text.contains(",,") && csv_text.contains("Select"), "the file has placeholder cells");
    let jsonl = json_lines_copy(&csv_text);
    let train: TrainRequest = serde_json::from_value(
        json!({"target": "converted", "ignore": ["id", "age_band"], "holdoutEvery": 5, "id": "funnel"}),
    )
    .unwrap();
    let trained = api::train(History::Csv(&csv_text), &train).unwrap();
    assert!(trained.model["input"]["missing"].as_array().is_some_and(|m| m.contains(&json!("select"))));
    let holdout = trained.report.holdout.clone().unwrap();
    let scorer = Scorer::new(Model::from_value(&trained.model).unwrap());
    let request: BacktestRequest =
        serde_json::from_value(json!({"target": "converted", "testEvery": 5, "asOf": AS_OF})).unwrap();
    let on_csv = api::backtest(&scorer, History::Csv(&csv_text), &request, || 0).unwrap();
    let on_jsonl = api::backtest(&scorer, History::JsonLines(&jsonl), &request, || 0).unwrap();
    let figures = |r: &leadscore::evaluate::BacktestReport| (r.rows, r.auc, r.log_loss, r.brier);
    assert_eq!(figures(&on_csv), figures(&on_jsonl));
    assert_eq!(figures(&on_csv), (holdout.rows, holdout.auc, Some(holdout.log_loss), Some(holdout.brier)));
    // The JSON Lines copy trains the same figures too.
    let from_jsonl = api::train(History::JsonLines(&jsonl), &train).unwrap();
    let q = |r: &leadscore::predict::TrainReport| r.holdout.clone().map(|h| (h.rows, h.auc, h.log_loss, h.brier));
    assert_eq!(q(&from_jsonl.report), q(&trained.report));
}

fn scorer() -> Scorer {
    Scorer::new(
        Model::from_value(&json!({
            "schema": "leadscore/v1", "id": "formats", "version": "1",
            "groups": { "fit": {} },
            "scale": { "min": -100, "max": 100 },
            "rules": [
                { "id": "title", "group": "fit", "points": 3, "when": { "field": "title", "exists": true } },
                { "id": "vp", "group": "fit", "points": 7, "when": { "field": "title.seniority", "in": ["vp", "c_level"] } },
                { "id": "big", "group": "fit", "points": 11, "when": { "field": "employees", "gte": 200 } },
                { "id": "no-size", "group": "fit", "points": -2, "when": { "not": { "field": "employees", "exists": true } } },
                { "id": "de", "group": "fit", "points": 5, "when": { "field": "country", "in": ["DE", "AT"] } },
                { "id": "zip", "group": "fit", "points": 1, "when": { "field": "zip", "startsWith": "0" } }
            ]
        }))
        .unwrap(),
    )
}

/// Cells a CRM export holds: numbers in several spellings, placeholders, texts, empty cells.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..100_000).prop_map(|n| n.to_string()),
        (0u32..1000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b:02}")),
        Just(String::new()),
        prop::sample::select(vec!["N/A", "na", " NA ", "Select", "-- select --", "null", "None", "?", "-", "nan"])
            .prop_map(str::to_string),
        prop::sample::select(vec![
            "VP Sales", "CEO", "Intern", "DE", "US", "007", "+5", ".5", "1e3", "02134", "NA Lead"
        ])
        .prop_map(str::to_string),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_csv_row_and_its_json_copy_score_alike(cells in proptest::collection::vec(cell(), 4)) {
        let header = "title,employees,country,zip";
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&cells).unwrap();
        let csv_text = format!("{header}\n{}", String::from_utf8(writer.into_inner().unwrap()).unwrap());
        let jsonl = json_lines_copy(&csv_text);
        let as_of = time::parse_rfc3339(AS_OF).unwrap();
        let scorer = scorer();
        let from_csv = leadscore::predict::csv_leads(&csv_text, b',').unwrap();
        let csv_card = scorer.score_value(from_csv[0].clone(), as_of).unwrap().to_json();
        let json_card = scorer.score_json(jsonl.trim(), as_of).unwrap().to_json();
        prop_assert_eq!(&csv_card, &json_card);
        // Every cell as a JSON text, as a form or a CRM API sends it: the same card.
        let texts: Map<String, Value> =
            header.split(',').zip(&cells).map(|(k, v)| (k.to_string(), Value::String(v.clone()))).collect();
        let text_card = scorer.score_json(&Value::Object(texts).to_string(), as_of).unwrap().to_json();
        prop_assert_eq!(&csv_card, &text_card);
    }
}
