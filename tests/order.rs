//! One answer whatever the order: any permutation of a lead's events and of its object keys, and any
//! order of a batch's rows, gives a byte-identical card, for models with decay, caps, `once`,
//! `minCount` and windows (tests/vectors/order.json pins the case that used to move a score).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use leadscore::{time, Model, Scorer};
use proptest::prelude::*;
use serde_json::{json, Value};

const AS_OF: &str = "2026-11-23T00:00:00Z";

fn scorer() -> Scorer {
    let model = json!({
        "schema": "leadscore/v1", "id": "order", "version": "1",
        "groups": { "fit": {}, "engagement": { "max": 40 } },
        "rules": [
            { "id": "fit", "group": "fit", "points": 57.55, "when": { "field": "email", "exists": true } },
            { "id": "views", "group": "engagement", "points": 2.56, "event": { "type": "page_view", "halfLifeDays": 1 } },
            { "id": "clicks", "group": "engagement", "points": 3.33, "max": 12.5, "event": { "type": "email_click", "halfLifeDays": 7.5, "withinDays": 30 } },
            { "id": "demo", "group": "engagement", "points": 17.77, "once": true, "event": { "type": "demo_request", "halfLifeDays": 3 } },
            { "id": "busy", "group": "engagement", "points": 1.01, "event": { "type": ["page_view", "email_click"], "minCount": 4, "withinDays": 10 } }
        ],
        "tiers": [ { "name": "hot", "min": 60 }, { "name": "warm", "min": 30 }, { "name": "cold", "min": 0 } ]
    });
    Scorer::new(Model::from_value(&model).unwrap())
}

/// An event as JSON text with its keys in the given order.
fn event_text(kind: &str, at_ms: i64, keys_reversed: bool, extra: u32) -> String {
    let at = json!(time::format_rfc3339(at_ms)).to_string();
    let kind = json!(kind).to_string();
    if keys_reversed {
        format!(r#"{{"n":{extra},"at":{at},"type":{kind}}}"#)
    } else {
        format!(r#"{{"type":{kind},"at":{at},"n":{extra}}}"#)
    }
}

fn lead_text(events: &[(usize, i64, u32)], keys_reversed: bool) -> String {
    const KINDS: [&str; 3] = ["page_view", "email_click", "demo_request"];
    let events: Vec<String> =
        events.iter().map(|(k, at, n)| event_text(KINDS[*k % 3], *at, keys_reversed, *n)).collect();
    if keys_reversed {
        format!(r#"{{"events":[{}],"email":"a@acme.io","id":"L-1"}}"#, events.join(","))
    } else {
        format!(r#"{{"id":"L-1","email":"a@acme.io","events":[{}]}}"#, events.join(","))
    }
}

fn card_text(scorer: &Scorer, text: &str) -> String {
    let as_of = time::parse_rfc3339(AS_OF).unwrap();
    serde_json::to_string(&scorer.score_json(text, as_of).unwrap()).unwrap()
}

/// Events: (kind, age, extra field); ages mostly whole days under 12 (with `halfLifeDays: 1` the
/// weights are exact binary fractions, so the real sum often lies exactly on half a hundredth,
/// where a float sum rounds one way or the other by order), else any millisecond in 40 days.
fn events() -> impl Strategy<Value = Vec<(usize, i64, u32)>> {
    let day = 86_400_000i64;
    let age = prop_oneof![3 => (0i64..12).prop_map(move |d| d * day), 1 => 0i64..40 * day];
    proptest::collection::vec((prop_oneof![3 => Just(0usize), 1 => 1usize..3], age, any::<u32>()), 0..24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_order_of_events_and_keys_gives_the_same_card(
        events in events(),
        order in Just(()).prop_flat_map(|_| any::<u64>()),
    ) {
        let scorer = scorer();
        let as_of = time::parse_rfc3339(AS_OF).unwrap();
        let events: Vec<_> = events.into_iter().map(|(k, age, n)| (k, as_of - age, n)).collect();
        let expected = card_text(&scorer, &lead_text(&events, false));
        // A pseudo-random permutation (Fisher-Yates driven by `order`), and the reverse.
        let mut shuffled = events.clone();
        let mut state = order | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut reversed = events.clone();
        reversed.reverse();
        for (other, keys_reversed) in [(&shuffled, false), (&shuffled, true), (&reversed, true)] {
            prop_assert_eq!(&card_text(&scorer, &lead_text(other, keys_reversed)), &expected);
            // The same lead as a parsed value takes the other reader.
            let value: Value = serde_json::from_str(&lead_text(other, keys_reversed)).unwrap();
            let card = scorer.score_value(value, as_of).unwrap();
            prop_assert_eq!(&serde_json::to_string(&card).unwrap(), &expected);
        }
    }
}

#[test]
fn a_batch_scores_each_row_alone_whatever_the_row_order() {
    let scorer = scorer();
    let as_of = time::parse_rfc3339(AS_OF).unwrap();
    let day = 86_400_000i64;
    let rows: Vec<String> = (0..50i64)
        .map(|i| {
            let events: Vec<_> =
                (0..(i % 7)).map(|j: i64| ((j % 3) as usize, as_of - (i * j % 11) * day, j as u32)).collect();
            lead_text(&events, i % 2 == 0).replacen("L-1", &format!("L-{i}"), 1)
        })
        .collect();
    let cards: Vec<String> = rows.iter().map(|r| card_text(&scorer, r)).collect();
    let mut reversed: Vec<String> = rows.iter().rev().map(|r| card_text(&scorer, r)).collect();
    reversed.reverse();
    assert_eq!(cards, reversed);
    assert!(cards.iter().collect::<std::collections::HashSet<_>>().len() > 10, "the rows differ");
}
