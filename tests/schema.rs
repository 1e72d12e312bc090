//! `docs/model.schema.json` (for editors) agrees with the engine: it accepts every model the engine
//! accepts among the examples and vectors, and rejects the structurally bad vector models.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use leadscore::Model;
use serde_json::Value;
use std::path::Path;

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&read(&root().join("docs/model.schema.json"))).unwrap()
}

/// Every model document in the vectors, with a name.
fn vector_models() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/vectors")).unwrap() {
        let path = entry.unwrap().path();
        let doc = read(&path);
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        if let Some(m) = doc.get("model").filter(|m| m.is_object()) {
            out.push((file.clone(), m.clone()));
        }
        for case in doc["cases"].as_array().unwrap() {
            if let Some(m) = case.get("model") {
                out.push((format!("{file}:{}", case["name"].as_str().unwrap()), m.clone()));
            }
        }
    }
    out
}

#[test]
fn schema_accepts_the_example_and_default_models() {
    let v = validator();
    let mut docs = vec![root().join("src/model/default_model.json")];
    for entry in std::fs::read_dir(root().join("examples/models")).unwrap() {
        docs.push(entry.unwrap().path());
    }
    assert!(docs.len() >= 3);
    for path in docs {
        let doc = read(&path);
        Model::from_value(&doc).unwrap_or_else(|e| panic!("{}: engine refused: {e}", path.display()));
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: schema refused: {errors:#?}", path.display());
    }
}

#[test]
fn schema_and_engine_agree_on_vector_models() {
    let v = validator();
    let (mut accepted, mut structural) = (0, 0);
    for (name, doc) in vector_models() {
        match Model::from_value(&doc) {
            Ok(_) => {
                assert!(v.is_valid(&doc), "{name}: the engine accepts it, the schema does not");
                accepted += 1;
            }
            Err(e) => {
                // Structural problems are the schema's business; cross-references (groups, tier order,
                // signal values) only the engine checks.
                let is_structural = e.issues.iter().all(|i| {
                    matches!(i.code.as_str(), "unknown_field" | "missing_field" | "wrong_type" | "empty_list")
                });
                if is_structural {
                    assert!(!v.is_valid(&doc), "{name}: the engine refuses it ({e}), the schema accepts it");
                    structural += 1;
                }
            }
        }
    }
    assert!(accepted >= 15 && structural >= 8, "accepted {accepted}, structural {structural}");
}
