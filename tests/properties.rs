//! Property tests over generated leads: the promises every score card keeps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use leadscore::{Model, Scorer};
use proptest::prelude::*;
use serde_json::{json, Value};

const AS_OF: i64 = 1_795_392_000_000; // 2026-11-23T00:00:00Z
const DAY: i64 = 86_400_000;

/// Event types that only feed positive rules in the default model.
const POSITIVE_TYPES: &[&str] = &[
    "email_open",
    "email_click",
    "page_view",
    "content_download",
    "webinar_attended",
    "demo_request",
    "trial_started",
];
/// Every type above, plus one that lowers the score and one no rule knows.
fn all_types() -> Vec<&'static str> {
    POSITIVE_TYPES.iter().copied().chain(["email_unsubscribe", "Unknown_Type"]).collect()
}

fn event(types: Vec<&'static str>) -> impl Strategy<Value = Value> {
    (prop::sample::select(types), -400i64..10, prop::sample::select(&["/pricing", "/blog", "/PRICING/x"][..]))
        .prop_map(|(t, days, url)| json!({"type": t, "at": AS_OF + days * DAY + 12_345, "url": url}))
}

fn lead() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&["VP, Sales", "Sr. Dir. of RevOps", "Marketing Intern", "CTO", "", "Pilot", "Head of Growth"][..]),
        prop::sample::select(&["a@acme.io", "b@gmail.com", "c@mailinator.com", "info@globex.com", "nope", ""][..]),
        prop_oneof![Just(json!(null)), (0u32..20_000).prop_map(|n| json!(n)), Just(json!("250")), Just(json!("lots"))],
        prop::sample::select(&["Software", "Retail", "SaaS", ""][..]),
        prop::collection::vec(event(all_types()), 0..30),
    )
        .prop_map(|(title, email, employees, industry, events)| {
            json!({"title": title, "email": email, "company": {"employees": employees, "industry": industry, "country": "US"}, "events": events})
        })
}

/// The default model and every valid model in the vectors, for variety of caps, scales and decay.
fn models() -> Vec<Scorer> {
    let mut out = vec![Scorer::default_model()];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    for entry in std::fs::read_dir(dir).unwrap() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        if let Some(Ok(m)) = doc.get("model").filter(|m| m.is_object()).map(Model::from_value) {
            out.push(Scorer::new(m));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn contributions_add_up_and_score_stays_on_scale(lead in lead(), as_of_days in -30i64..30) {
        for scorer in models() {
            let Ok(card) = scorer.score_value(lead.clone(), AS_OF + as_of_days * DAY) else { continue };
            let hundredths = |x: f64| (x * 100.0).round() as i64;
            let sum: i64 = card.contributions.iter().map(|c| hundredths(c.points)).sum();
            prop_assert_eq!(sum, hundredths(card.raw));
            for g in &card.groups {
                let in_group: i64 = card.contributions.iter().filter(|c| c.group == g.group).map(|c| hundredths(c.points)).sum();
                prop_assert_eq!(in_group, hundredths(g.points));
            }
            let scale = &scorer.model().scale;
            prop_assert!(card.score >= scale.min && card.score <= scale.max);
            if let Some(p) = card.probability { prop_assert!((0.0..=1.0).contains(&p)); }
        }
    }

    #[test]
    fn adding_a_positive_event_never_lowers_the_default_score(lead in lead(), extra in event(POSITIVE_TYPES.to_vec())) {
        let scorer = Scorer::default_model();
        let before = scorer.score_value(lead.clone(), AS_OF).unwrap();
        let mut more = lead.clone();
        more["events"].as_array_mut().unwrap().push(extra);
        let after = scorer.score_value(more, AS_OF).unwrap();
        prop_assert!(after.raw >= before.raw, "{} -> {}", before.raw, after.raw);
        prop_assert!(after.score >= before.score);
    }

    #[test]
    fn scoring_is_deterministic(lead in lead()) {
        let a = Scorer::default_model();
        let b = Scorer::from_json(&a.model().canonical_json()).unwrap();
        let first = serde_json::to_string(&a.score_value(lead.clone(), AS_OF).unwrap()).unwrap();
        let again = serde_json::to_string(&a.score_value(lead.clone(), AS_OF).unwrap()).unwrap();
        let other = serde_json::to_string(&b.score_value(lead, AS_OF).unwrap()).unwrap();
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(&first, &other);
    }

    #[test]
    fn arbitrary_json_never_panics(value in arbitrary_json()) {
        let scorer = Scorer::default_model();
        let _ = scorer.score_value(value.clone(), AS_OF);
        let _ = Model::from_value(&value);
    }

    /// Events are read straight from JSON text (wasm, `scoreNdjson`) or from a parsed value (native
    /// callers): both must give the same card or the same error, for leads and for arbitrary JSON.
    #[test]
    fn json_text_and_parsed_value_agree(lead in lead(), value in arbitrary_json()) {
        let scorer = Scorer::default_model();
        for input in [lead, value] {
            let text = scorer.score_json(&input.to_string(), AS_OF).map(|c| serde_json::to_string(&c).unwrap());
            let parsed = scorer.score_value(input, AS_OF).map(|c| serde_json::to_string(&c).unwrap());
            prop_assert_eq!(text, parsed);
        }
    }

    /// The JSON-text reader checks the lead's structure itself (`src/engine/lead/text.rs`): a text
    /// must be refused as a syntax error exactly when serde_json refuses it, and read the same when
    /// it is JSON.
    #[test]
    fn edited_json_text_is_refused_exactly_when_it_is_not_json(
        lead in lead(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), json_char()), 1..4),
    ) {
        let scorer = Scorer::default_model();
        let mut text = lead.to_string();
        for (at, op, ch) in edits {
            text = mutate(&text, at, op, ch);
        }
        let from_text = scorer.score_json(&text, AS_OF);
        match serde_json::from_str::<Value>(&text) {
            Err(e) => {
                let err = from_text.err();
                prop_assert!(
                    err.as_ref().is_some_and(|err| err.code == leadscore::Code::Syntax),
                    "{text:?}: serde_json says {e}, the reader {err:?}"
                );
            }
            Ok(value) => {
                let text_card = from_text.map(|c| serde_json::to_string(&c).unwrap());
                let value_card = scorer.score_value(value, AS_OF).map(|c| serde_json::to_string(&c).unwrap());
                prop_assert_eq!(text_card, value_card, "{:?}", text);
            }
        }
    }
}

/// A small edit to a JSON text: a byte removed, replaced or inserted, drawn from the characters that
/// matter to JSON's grammar (and a few that must be escaped).
fn mutate(text: &str, at: usize, op: u8, ch: char) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    match op % 3 {
        0 if at < chars.len() => {
            chars.remove(at);
        }
        1 if at < chars.len() => chars[at] = ch,
        _ => chars.insert(at, ch),
    }
    chars.into_iter().collect()
}

fn json_char() -> impl Strategy<Value = char> {
    prop::sample::select(
        &[
            '{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '9', '-', '.', 'e', 'E', '+', 't', 'n', ' ', '\n',
            '\t', '\u{1}', 'é',
        ][..],
    )
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(|x| json!(x)),
        any::<i64>().prop_map(|x| json!(x)),
        "[a-z_.@ ]{0,12}".prop_map(Value::String),
        prop::sample::select(&["events", "type", "at", "title", "email", "2026-11-01T00:00:00Z"][..])
            .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(
                    &["events", "type", "at", "title", "email", "company", "employees", "url", "x"][..]
                )
                .prop_map(String::from),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
