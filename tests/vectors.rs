//! Runs the shared conformance vectors in `tests/vectors/*.json` natively. The same files run in wasm
//! under Node and in a browser, so the format is plain JSON and target-neutral:
//!
//! ```json
//! { "description": "...", "model": { ...model... } | "default",
//!   "cases": [ { "name": "...", "lead": {...}, "asOf": "2026-01-01T00:00:00Z",
//!                "expect": { ...partial score card... } },
//!              { "name": "...", "lead": ..., "asOf": ..., "error": { "code": "...", "path": "..." } },
//!              { "name": "...", "model": {...}, "modelIssues": [ { "path": "...", "code": "..." } ] } ] }
//! ```
//!
//! `expect` is matched partially: every key it gives must be in the card with an equal value
//! (objects recursively); arrays must have the same length, element by element. Numbers compare as
//! numbers. `"messageContains": "..."` checks part of a `message`. Failures are reported as
//! `file:case: what differs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use leadscore::{time, Model, Scorer};
use serde_json::Value;
use std::path::Path;

fn matches(expected: &Value, actual: &Value, path: &str, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            if let Some(needle) = e.get("messageContains").and_then(Value::as_str) {
                let message = a.get("message").and_then(Value::as_str).unwrap_or("");
                if !message.contains(needle) {
                    errors.push(format!("{path}.message: {message:?} does not contain {needle:?}"));
                }
            }
            for (k, ev) in e.iter().filter(|(k, _)| *k != "messageContains") {
                match a.get(k) {
                    Some(av) => matches(ev, av, &format!("{path}.{k}"), errors),
                    None => errors.push(format!("{path}.{k}: missing, expected {ev}")),
                }
            }
        }
        (Value::Object(e), Value::Null) if e.is_empty() => {}
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errors.push(format!("{path}: {} items, expected {}: got {actual}", a.len(), e.len()));
                return;
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                matches(ev, av, &format!("{path}[{i}]"), errors);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            if e.as_f64() != a.as_f64() {
                errors.push(format!("{path}: got {a}, expected {e}"));
            }
        }
        (e, a) if e == a => {}
        (e, a) => errors.push(format!("{path}: got {a}, expected {e}")),
    }
}

fn as_of(case: &Value) -> i64 {
    match case.get("asOf") {
        Some(v) => time::from_json(v).unwrap_or_else(|| panic!("bad asOf {v}")),
        None => panic!("case without asOf"),
    }
}

fn model_of(v: &Value) -> Result<Model, leadscore::ModelError> {
    match v {
        Value::String(s) if s == "default" => Ok(Model::default_model()),
        other => Model::from_value(other),
    }
}

fn run_case(file_model: Option<&Value>, case: &Value, errors: &mut Vec<String>) {
    let model_doc = case.get("model").or(file_model).expect("no model in case or file");
    let model = model_of(model_doc);
    if let Some(expected) = case.get("modelIssues") {
        match model {
            Ok(_) => errors.push("model was accepted, expected issues".into()),
            Err(e) => {
                let got: Vec<Value> = e
                    .issues
                    .iter()
                    .map(|i| serde_json::json!({"path": i.path, "code": i.code, "message": i.message}))
                    .collect();
                let got = Value::Array(got);
                let mut diffs = Vec::new();
                matches(expected, &got, "modelIssues", &mut diffs);
                if !diffs.is_empty() {
                    errors.push(format!("{}; all issues: {e}", diffs.join("; ")));
                }
            }
        }
        return;
    }
    let model = match model {
        Ok(m) => m,
        Err(e) => return errors.push(format!("model refused: {e}")),
    };
    let scorer = Scorer::new(model);
    if let Some(input) = case.get("input") {
        return run_account_case(&scorer, input, case, errors);
    }
    if let Some(m) = case.get("match") {
        let list = |k: &str| m.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
        let matched =
            leadscore::account::matching::match_contacts(scorer.model(), &list("accounts"), &list("contacts"));
        let actual: Value = serde_json::from_str(&matched.to_json()).unwrap();
        return matches(case.get("expect").unwrap_or(&Value::Null), &actual, "matched", errors);
    }
    let lead = case.get("lead").cloned().unwrap_or(Value::Null);
    // The JSON-text path (what wasm and `scoreNdjson` take) reads events straight from the text; it
    // must give exactly what the `Value` path gives, card or error.
    let from_text = scorer.score_json(&lead.to_string(), as_of(case)).map(|c| serde_json::to_string(&c).unwrap());
    let result = scorer.score_value(lead, as_of(case));
    let from_value = result.as_ref().map(|c| serde_json::to_string(c).unwrap()).map_err(Clone::clone);
    if from_text != from_value {
        errors.push(format!("JSON text gives {from_text:?}, the parsed value {from_value:?}"));
    }
    match (result, case.get("error"), case.get("expect")) {
        (Ok(card), None, Some(expect)) => {
            let actual = serde_json::to_value(&card).unwrap();
            matches(expect, &actual, "card", errors);
            let sum: i64 = card.contributions.iter().map(|c| (c.points * 100.0).round() as i64).sum();
            if sum != (card.raw * 100.0).round() as i64 {
                errors.push(format!("contributions add up to {sum} hundredths, raw is {}", card.raw));
            }
        }
        (Err(err), Some(expected), None) => {
            let actual = serde_json::to_value(&err).unwrap();
            matches(expected, &actual, "error", errors);
        }
        (Ok(card), Some(_), _) => errors.push(format!("scored {}, expected an error", card.score)),
        (Err(err), None, _) => errors.push(format!("unexpected error: {err}")),
        (_, Some(_), Some(_)) | (_, None, None) => errors.push("a case needs exactly one of expect / error".into()),
    }
}

/// An account case: `input` is `{account, contacts}`, `expect` a partial `{account, contacts}`.
/// The JSON-text path must agree with the value path, and every card's contributions add up.
fn run_account_case(scorer: &Scorer, input: &Value, case: &Value, errors: &mut Vec<String>) {
    let from_text = scorer.score_account_json(&input.to_string(), as_of(case)).map(|r| r.to_json(true));
    let result = scorer.score_account_value(input.clone(), as_of(case));
    if from_text != result.as_ref().map(|r| r.to_json(true)).map_err(Clone::clone) {
        errors.push("the JSON-text path and the value path differ".into());
    }
    match (result, case.get("error"), case.get("expect")) {
        (Ok(result), None, Some(expect)) => {
            let actual: Value = serde_json::from_str(&result.to_json(true)).unwrap();
            matches(expect, &actual, "result", errors);
            let account = result.account.contributions.as_deref().unwrap_or(&[]);
            let sum: i64 = account.iter().map(|c| (c.points * 100.0).round() as i64).sum();
            if sum != (result.account.raw * 100.0).round() as i64 {
                errors.push(format!("account contributions add up to {sum} hundredths, raw is {}", result.account.raw));
            }
            for c in &result.contacts {
                let sum: i64 = c.card.contributions.iter().map(|c| (c.points * 100.0).round() as i64).sum();
                if sum != (c.card.raw * 100.0).round() as i64 {
                    errors.push(format!("a contact's contributions add up to {sum} hundredths, raw is {}", c.card.raw));
                }
            }
        }
        (Err(err), Some(expected), None) => {
            let actual = serde_json::to_value(&err).unwrap();
            matches(expected, &actual, "error", errors);
        }
        (Ok(r), Some(_), _) => errors.push(format!("scored {}, expected an error", r.account.score)),
        (Err(err), None, _) => errors.push(format!("unexpected error: {err}")),
        (_, Some(_), Some(_)) | (_, None, None) => errors.push("a case needs exactly one of expect / error".into()),
    }
}

#[test]
fn conformance_vectors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut names = std::collections::HashSet::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap())
            .unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        for case in doc["cases"].as_array().unwrap_or_else(|| panic!("{name}: no cases")) {
            cases += 1;
            let case_name = case["name"].as_str().unwrap_or_else(|| panic!("{name}: case without name"));
            assert!(names.insert(format!("{name}:{case_name}")), "{name}:{case_name} is duplicated");
            let mut errors = Vec::new();
            run_case(doc.get("model"), case, &mut errors);
            failures.extend(errors.into_iter().map(|e| format!("{name}:{case_name}: {e}")));
        }
    }
    assert!(cases >= 60, "only {cases} vector cases");
    assert!(failures.is_empty(), "{} of {cases} vector cases failed:\n{}", failures.len(), failures.join("\n"));
    println!("{cases} vector cases passed in {} files", files.len());
}
