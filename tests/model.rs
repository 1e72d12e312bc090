//! Model-level behaviour: JSON syntax errors, the "every problem listed" promise, canonical form and
//! fingerprint, the embedded default model.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use leadscore::{Code, Model};
use serde_json::json;

#[test]
fn syntax_errors_give_line_and_column() {
    let err = Model::from_json("{\n  \"schema\": \"leadscore/v1\",\n  \"id\": }").unwrap_err();
    assert_eq!(err.issues.len(), 1);
    assert_eq!(err.issues[0].code, Code::Syntax);
    assert!(err.issues[0].message.contains("line 3"), "{}", err.issues[0].message);
}

#[test]
fn five_mistakes_give_five_messages_with_paths() {
    let text = r#"{
      "schema": "leadscore/v1", "id": "m", "version": "1",
      "groups": { "fit": { "max": 60 } },
      "tier": [],
      "rules": [
        { "id": "a", "group": "fit", "points": 10, "when": { "field": "title.senority", "eq": "vp" } },
        { "id": "a", "group": "fit", "points": 5, "when": { "field": "x", "exists": true } },
        { "id": "c", "group": "fit", "points": 5, "event": { "type": "email_open", "halfLifeDays": -3 } }
      ],
      "tiers": [ { "name": "warm", "min": 30 }, { "name": "hot", "min": 60 }, { "name": "cold", "min": 0 } ]
    }"#;
    let err = Model::from_json(text).unwrap_err();
    let shown = err.to_string();
    assert_eq!(
        shown,
        "invalid model (5 problems)
  tier: unknown field \"tier\" (did you mean \"tiers\"?)
  rules[0].when.field: unknown signal \"title.senority\" (did you mean \"title.seniority\"?)
  rules[1].id: rule id \"a\" is used twice
  rules[2].event.halfLifeDays: must be greater than 0, found -3
  tiers[1].min: tiers are listed hottest first, so each min must be below the one before: 60 is not below 30"
    );
}

#[test]
fn issue_lists_are_bounded() {
    let rules: Vec<_> = (0..500)
        .map(|i| json!({"id": format!("r{i}"), "group": "nope", "points": 1, "when": {"field": "x", "exists": true}}))
        .collect();
    let err = Model::from_value(
        &json!({"schema": "leadscore/v1", "id": "m", "version": "1", "groups": {"fit": {}}, "rules": rules}),
    )
    .unwrap_err();
    assert_eq!(err.issues.len(), leadscore::model::MAX_ISSUES + 1);
    assert_eq!(err.issues.last().unwrap().message, "400 more problems not listed");
}

#[test]
fn canonical_form_ignores_layout_key_order_and_defaults() {
    let a = Model::from_json(
        r#"{"schema":"leadscore/v1","id":"m","version":"1","groups":{"fit":{}},
        "rules":[{"id":"r","group":"fit","points":5,"when":{"field":"x","gte":1,"lte":2}}]}"#,
    )
    .unwrap();
    let b = Model::from_json(
        r#"{ "$schema": "./docs/model.schema.json",
        "rules": [ { "when": { "lte": 2.0, "field": "x", "gte": 1 }, "points": 5.0, "group": "fit", "id": "r" } ],
        "groups": { "fit": {} }, "version": "1", "id": "m", "schema": "leadscore/v1",
        "scale": { "min": 0, "max": 100, "decimals": 0 }, "input": { "onInvalid": "warn" } }"#,
    )
    .unwrap();
    assert_eq!(a.canonical_json(), b.canonical_json());
    assert_eq!(a.fingerprint(), b.fingerprint());
    // Integral numbers are written as integers, keys sorted, defaults explicit.
    let canonical = a.canonical_json();
    assert!(canonical.starts_with(r#"{"groups":{"fit":{}},"id":"m","input":{"maxEvents":10000,"maxStringBytes":16384,"onInvalid":"warn"},"rules":[{"group":"fit","id":"r","points":5,"#), "{canonical}");
}

#[test]
fn fingerprint_changes_with_meaning() {
    let base = json!({"schema":"leadscore/v1","id":"m","version":"1","groups":{"fit":{}},
        "rules":[{"id":"r","group":"fit","points":5,"when":{"field":"x","exists":true}}]});
    let mut changed = base.clone();
    changed["rules"][0]["points"] = json!(6);
    let (a, b) = (Model::from_value(&base).unwrap(), Model::from_value(&changed).unwrap());
    assert_ne!(a.fingerprint(), b.fingerprint());
    // Pinned: a backend compares fingerprints computed by other builds, so any change to the canonical
    // form must be deliberate. The hash was checked with `sha256sum` over the canonical text.
    assert_eq!(
        a.canonical_json(),
        r#"{"groups":{"fit":{}},"id":"m","input":{"maxEvents":10000,"maxStringBytes":16384,"onInvalid":"warn"},"rules":[{"group":"fit","id":"r","points":5,"when":{"exists":true,"field":"x"}}],"scale":{"decimals":0,"max":100,"min":0},"schema":"leadscore/v1","signals":{"competitorDomains":[],"customerDomains":[],"disposableDomains":[],"fields":{"email":"email","employees":"company.employees","title":"title"},"freeMailDomains":[]},"version":"1"}"#
    );
    assert_eq!(a.fingerprint(), "sha256:fa94dfe744a4444ccc08bcc95761e8f52c1551da2c358c281ff469a61a130700");
}

#[test]
fn canonical_form_round_trips_for_every_vector_model() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let models =
            std::iter::once(doc.get("model")).chain(doc["cases"].as_array().unwrap().iter().map(|c| c.get("model")));
        for m in models.flatten() {
            let Ok(model) = Model::from_value(m) else { continue };
            let again = Model::from_json(&model.canonical_json()).unwrap();
            assert_eq!(again, model);
            assert_eq!(again.canonical_json(), model.canonical_json());
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}

#[test]
fn default_model_follows_common_practice() {
    let m = Model::default_model();
    let points = |id: &str| m.rules.iter().find(|r| r.id == id).map(|r| r.points);
    assert_eq!(points("email-open"), Some(2.0));
    assert_eq!(points("email-click"), Some(5.0));
    assert_eq!(points("pricing-view"), Some(10.0));
    assert_eq!(points("webinar"), Some(12.0));
    assert_eq!(points("demo-request"), Some(30.0));
    assert_eq!(points("unsubscribed"), Some(-20.0));
    assert_eq!(points("inactive-60d"), Some(-15.0));
    assert_eq!(points("competitor"), Some(-30.0));
    assert_eq!(points("student"), Some(-10.0));
    let tiers: Vec<_> = m.tiers.iter().map(|t| (t.name.as_str(), t.min)).collect();
    assert_eq!(tiers, [("hot", 60.0), ("warm", 30.0), ("cold", 0.0)]);
}

fn model_with(extra: serde_json::Value) -> serde_json::Value {
    let mut m = json!({"schema": "leadscore/v1", "id": "m", "version": "1", "groups": {"fit": {}},
        "rules": [{"id": "r", "group": "fit", "points": 5, "when": {"field": "x", "exists": true}}]});
    for (k, v) in extra.as_object().unwrap() {
        m[k] = v.clone();
    }
    m
}

/// A scale whose linear map overflows (the width `high - low`, or the map at either end, is not a
/// finite number) used to validate and then score `null`: it is refused at `scale.raw`.
#[test]
fn scale_ranges_whose_arithmetic_overflows_are_refused() {
    for scale in [
        json!({"raw": [-1.7e308, 1.7e308]}),
        json!({"raw": [0, 1e308]}),
        json!({"min": -1e308, "max": 1e308, "raw": [0, 100]}),
        json!({"min": 0, "max": 1e305, "decimals": 4, "raw": [0, 100]}),
    ] {
        let err = Model::from_value(&model_with(json!({"scale": scale.clone()}))).unwrap_err();
        assert_eq!(err.issues.len(), 1, "{scale}: {err}");
        let issue = &err.issues[0];
        assert_eq!((issue.path.as_str(), issue.code), ("scale.raw", Code::InvalidValue), "{scale}: {err}");
        assert!(issue.message.contains("not a finite number"), "{scale}: {}", issue.message);
    }
    // Wide but finite ranges still work, and score finite numbers.
    let as_of = leadscore::time::parse_rfc3339("2026-01-01").unwrap();
    for (scale, score) in [
        (json!({"raw": [-1e300, 1e300], "min": 0, "max": 1, "decimals": 2}), 0.5),
        (json!({"raw": [-1e6, 1e6]}), 50.0),
        (json!({"min": -1e308, "max": 1e308}), 5.0),
    ] {
        let scorer = leadscore::Scorer::new(Model::from_value(&model_with(json!({"scale": scale.clone()}))).unwrap());
        let card = scorer.score_json(r#"{"x": 1}"#, as_of).unwrap();
        assert_eq!(card.score, score, "{scale}");
    }
}

/// A group cap too large to count in hundredths is refused as out of range (it was reported as
/// having too many decimals).
#[test]
fn group_caps_beyond_the_countable_range_say_so() {
    let err = Model::from_value(&model_with(json!({"groups": {"fit": {"max": 1e14, "min": -2.5e13}}}))).unwrap_err();
    let shown: Vec<_> = err.issues.iter().map(|i| (i.path.as_str(), i.message.as_str())).collect();
    assert_eq!(
        shown,
        [
            ("groups.fit.max", "100000000000000 is beyond ±10000000000000 points"),
            ("groups.fit.min", "-25000000000000 is beyond ±10000000000000 points")
        ]
    );
}

/// Rules whose points could add up past what hundredths count exactly (±10^13 points: beyond it
/// the contributions no longer add up to the total, and far beyond it the sum overflows) are
/// refused, naming the total; caps on event rules count.
#[test]
fn rules_that_could_add_up_beyond_the_countable_range_are_refused() {
    let rules = |max: Option<f64>| -> Vec<serde_json::Value> {
        (0..11)
            .map(|i| {
                let mut r = json!({"id": format!("r{i}"), "group": "fit", "points": 1e6, "event": {"type": "x"}});
                if let Some(max) = max {
                    r["max"] = json!(max);
                }
                r
            })
            .collect()
    };
    let input = json!({"maxEvents": 1_000_000});
    let err = Model::from_value(&model_with(json!({"input": input, "rules": rules(None)}))).unwrap_err();
    assert_eq!(err.issues.len(), 1, "{err}");
    assert_eq!((err.issues[0].path.as_str(), err.issues[0].code), ("rules", Code::InvalidValue));
    assert!(err.issues[0].message.contains("11000000000000 points"), "{}", err.issues[0].message);
    // Capped, or with fewer events allowed, the same rules are fine.
    assert!(Model::from_value(&model_with(json!({"input": input, "rules": rules(Some(1e6))}))).is_ok());
    assert!(Model::from_value(&model_with(json!({"input": {"maxEvents": 10_000}, "rules": rules(None)}))).is_ok());
}

#[test]
fn the_default_scorer_carries_the_default_models_fingerprint() {
    // `Scorer::default_model` takes the fingerprint from a constant instead of hashing the model.
    let computed = leadscore::Scorer::new(Model::default_model());
    assert_eq!(leadscore::Scorer::default_model().fingerprint(), computed.fingerprint());
    assert_eq!(computed.fingerprint(), leadscore::model::DEFAULT_MODEL_FINGERPRINT);
}
