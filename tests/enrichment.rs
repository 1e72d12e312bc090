//! Properties of the enrichment merge and the quality gate over arbitrary vendor payloads: never a
//! failure under `onInvalid: "warn"`, the same card whatever the order of vendors and keys and
//! whichever reader (JSON text or value), contributions that still add up, and a gate that follows
//! its definition.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use leadscore::{time, Model, Scorer};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn scorer() -> Scorer {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/models/enriched.json")).unwrap();
    Scorer::new(Model::from_json(&text).unwrap())
}

/// Values vendors send for a field: good ones, ranges, junk and wrong types.
fn field_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u32..20_000).prop_map(|n| json!(n)),
        prop::sample::select(vec![
            "51-200",
            "201-500",
            "10,001+",
            "1,200",
            "5k",
            "lots",
            "",
            "N/A",
            "US",
            "usa",
            "Germany",
            "Atlantis",
            "SaaS",
            "Banking",
            "Widgets",
            "computer software",
            "United Kingdom",
            "-3",
            "500-200",
        ])
        .prop_map(|s| json!(s)),
        Just(Value::Null),
        Just(json!(true)),
        Just(json!([1, "x"])),
        Just(json!({"nested": 1})),
        (-1e9f64..1e9).prop_map(|x| json!(x)),
    ]
}

fn verified_at() -> impl Strategy<Value = Option<Value>> {
    prop::option::of(prop_oneof![
        prop::sample::select(vec![
            "2026-11-23T00:00:00Z",
            "2025-11-23",
            "2024-01-01T00:00:00Z",
            "2027-01-01",
            "yesterday",
            "",
        ])
        .prop_map(|s| json!(s)),
        (1_600_000_000_000i64..1_900_000_000_000).prop_map(|ms| json!(ms)),
        Just(json!(null)),
        Just(json!([])),
    ])
}

fn confidence() -> impl Strategy<Value = Option<Value>> {
    prop::option::of(prop_oneof![(0.0f64..1.0).prop_map(|c| json!(c)), Just(json!(85)), Just(json!("high"))])
}

const FIELDS: [&str; 4] = ["employees", "industry", "country", "revenue"];

/// A payload: some of the company fields, maybe `verifiedAt` and `confidence`, maybe junk.
fn payload() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => (prop::collection::vec(prop::option::of(field_value()), 4), verified_at(), confidence(), field_value()).prop_map(
            |(values, at, conf, revenue)| {
                let mut company = Map::new();
                for (name, v) in FIELDS.iter().zip(values) {
                    if let Some(v) = v {
                        company.insert(name.to_string(), v);
                    }
                }
                let mut p = Map::new();
                p.insert("company".into(), Value::Object(company));
                p.insert("annualRevenue".into(), revenue);
                if let Some(at) = at {
                    p.insert("verifiedAt".into(), at);
                }
                if let Some(c) = conf {
                    p.insert("confidence".into(), c);
                }
                Value::Object(p)
            }
        ),
        1 => field_value(),
    ]
}

fn lead() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec((prop::sample::select(vec!["zoominfo", "clearbit", "apollo"]), payload()), 0..4),
        prop::collection::vec(prop::option::of(field_value()), 4),
        prop::option::of(prop::sample::select(vec!["VP, Sales", "Intern", "N/A"])),
    )
        .prop_map(|(payloads, own, title)| {
            let mut lead = Map::new();
            let mut company = Map::new();
            for (name, v) in FIELDS.iter().zip(own) {
                if let Some(v) = v {
                    company.insert(name.to_string(), v);
                }
            }
            lead.insert("company".into(), Value::Object(company));
            if let Some(t) = title {
                lead.insert("title".into(), json!(t));
            }
            let mut enrichment = Map::new();
            for (name, p) in payloads {
                enrichment.insert(name.to_string(), p);
            }
            lead.insert("enrichment".into(), Value::Object(enrichment));
            lead.insert("events".into(), json!([{"type": "demo_request", "at": "2026-11-20T00:00:00Z"}]));
            Value::Object(lead)
        })
}

/// The lead as JSON text with every object's keys in reverse order (serde_json's maps are sorted,
/// so this is a different order from the one `Value` writes).
fn reversed(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let items: Vec<String> = m.iter().rev().map(|(k, v)| format!("{}:{}", json!(k), reversed(v))).collect();
            format!("{{{}}}", items.join(","))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(reversed).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_payloads_score_the_same_whatever_the_order_and_reader(lead in lead()) {
        let scorer = scorer();
        let as_of = time::parse_rfc3339("2026-11-23T00:00:00Z").unwrap();
        let from_value = scorer.score_value(lead.clone(), as_of).expect("warn never refuses a lead for its payloads");
        let from_text = scorer.score_json(&lead.to_string(), as_of).unwrap();
        let from_reversed = scorer.score_json(&reversed(&lead), as_of).unwrap();
        prop_assert_eq!(from_value.to_json(), from_text.to_json());
        prop_assert_eq!(from_value.to_json(), from_reversed.to_json());
        let total: i64 = from_value.contributions.iter().map(|c| (c.points * 100.0).round() as i64).sum();
        prop_assert_eq!(total, (from_value.raw * 100.0).round() as i64);
        let q = from_value.quality.as_ref().unwrap();
        prop_assert!((0.0..=1.0).contains(&q.completeness));
        prop_assert_eq!(q.gated, q.completeness < 0.5);
        prop_assert_eq!(from_value.grade == Some("unknown"), q.gated);
        if q.gated {
            prop_assert!(from_value.label.is_none());
            prop_assert_ne!(from_value.tier.as_ref().map(|t| t.name), Some("hot"));
            prop_assert_eq!(from_value.tier.as_ref().and_then(|t| t.action), Some("data_review"));
        }
        // Every merged field is listed once, and a listed value is the one its source held.
        let merged = from_value.enrichment.as_ref().unwrap();
        prop_assert_eq!(merged.len(), 4);
        for f in merged {
            prop_assert_eq!(f.value.is_some(), f.source.is_some());
            prop_assert!(f.text.starts_with(f.field));
        }
    }

    #[test]
    fn a_later_asof_never_sees_fewer_verified_values_unless_they_aged_out(lead in lead(), days in 0i64..800) {
        // Scoring earlier skips values verified later (no look-ahead): a value chosen at an earlier
        // asOf was verified by then.
        let scorer = scorer();
        let as_of = time::parse_rfc3339("2026-11-23T00:00:00Z").unwrap() - days * 86_400_000;
        let card = scorer.score_value(lead, as_of).unwrap();
        for f in card.enrichment.as_ref().unwrap() {
            if let Some(at) = f.verified_at {
                prop_assert!(at <= as_of, "{} chose a value verified after asOf", f.field);
            }
        }
    }
}
