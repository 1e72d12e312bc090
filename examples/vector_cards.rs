//! Prints the result of every conformance-vector case as `file:case<TAB>json`, where json is the score
//! card (as `ScoreCard::to_json` writes it: the bytes `JSON.stringify` writes for the JS card; an
//! account case's `{account, contacts}` as `AccountResult::to_json` writes it),
//! `{"error": …}` for a refused lead, or `{"issues": […]}` for a refused model. The wasm runners
//! print the same lines; `tests/wasm/` compares them, so native and wasm must agree to the last bit,
//! and compares each card's text with `JSON.stringify` byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use leadscore::{time, Model, Scorer};
use serde_json::{json, Value};

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let model_doc = case.get("model").or(doc.get("model")).unwrap();
            let model = match model_doc {
                Value::String(s) if s == "default" => Ok(Model::default_model()),
                other => Model::from_value(other),
            };
            let result = match model {
                Err(e) => json!({ "issues": e.issues }).to_string(),
                Ok(model) => {
                    let scorer = Scorer::new(model);
                    let as_of = time::from_json(&case["asOf"]).unwrap();
                    if let Some(m) = case.get("match") {
                        let list = |k: &str| m.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
                        leadscore::account::matching::match_contacts(
                            scorer.model(),
                            &list("accounts"),
                            &list("contacts"),
                        )
                        .to_json()
                    } else if let Some(input) = case.get("input") {
                        match scorer.score_account_value(input.clone(), as_of) {
                            Ok(result) => result.to_json(true),
                            Err(e) => json!({ "error": e }).to_string(),
                        }
                    } else {
                        let lead = case.get("lead").cloned().unwrap_or(Value::Null);
                        match scorer.score_value(lead, as_of) {
                            Ok(card) => card.to_json(),
                            Err(e) => json!({ "error": e }).to_string(),
                        }
                    }
                }
            };
            println!("{name}:{}\t{result}", case["name"].as_str().unwrap());
        }
    }
}
