//! Properties of account cards, over generated accounts scored with the default model's account
//! section: the contributions add up exactly to `raw` (account and contacts); the order of the
//! contacts and of the intent signals never changes the account's card; adding an engaged contact
//! never lowers breadth or buying-group completeness (under top-k mean and capped sum).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use leadscore::{time, Model, Scorer};
use proptest::prelude::*;
use serde_json::{json, Value};

const AS_OF: &str = "2026-11-30T00:00:00Z";

fn as_of() -> i64 {
    time::parse_rfc3339(AS_OF).unwrap()
}

const TITLES: &[&str] = &[
    "CEO",
    "VP Marketing",
    "Director of Sales",
    "Marketing Manager",
    "Head of Finance",
    "Controller",
    "Sales Representative",
    "Intern",
    "",
];
const EVENTS: &[&str] =
    &["demo_request", "pricing_page_view", "webinar_attended", "email_open", "email_click", "content_download"];

fn contact(i: usize) -> impl Strategy<Value = Value> {
    (
        prop::sample::select(TITLES),
        prop::collection::vec((prop::sample::select(EVENTS), 0i64..90), 0..6),
    )
        .prop_map(move |(title, events)| {
            let events: Vec<Value> = events
                .into_iter()
                .map(|(t, days)| json!({"type": t, "at": time::format_rfc3339(as_of() - days * 86_400_000)}))
                .collect();
            json!({"id": format!("c{i}"), "title": title, "company": {"employees": 500, "industry": "Software"}, "events": events})
        })
}

fn signal() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&["bombora", "g2"][..]),
        prop::sample::select(&["lead scoring", "crm"][..]),
        0u32..100,
        0i64..70,
        any::<bool>(),
    )
        .prop_map(|(provider, topic, score, days, weekly)| {
            let at = time::format_rfc3339(as_of() - days * 86_400_000);
            if weekly {
                json!({"provider": provider, "topic": topic, "score": score, "week": &at[..10]})
            } else {
                json!({"provider": provider, "topic": topic, "score": score, "at": at})
            }
        })
}

fn account() -> impl Strategy<Value = (Vec<Value>, Vec<Value>)> {
    (prop::collection::vec(any::<u8>(), 0..10), prop::collection::vec(signal(), 0..6)).prop_flat_map(
        |(ids, signals)| {
            let contacts: Vec<_> = (0..ids.len()).map(contact).collect();
            (contacts, Just(signals))
        },
    )
}

fn input(contacts: &[Value], signals: &[Value]) -> Value {
    json!({"account": {"id": "acme", "industry": "software", "employees": 900, "country": "US", "intent": signals}, "contacts": contacts})
}

fn centi(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

fn scorer_with_policy(policy: &str) -> Scorer {
    let mut doc: Value = serde_json::from_str(leadscore::model::DEFAULT_MODEL_JSON).unwrap();
    doc["account"]["rollup"]["policy"] = json!(policy);
    if policy == "cappedSum" {
        doc["account"]["rollup"]["cap"] = json!(150);
    }
    Scorer::new(Model::from_value(&doc).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn contributions_add_up_and_order_does_not_matter((contacts, signals) in account(), seed in any::<u64>()) {
        let scorer = Scorer::default_model();
        let result = scorer.score_account_value(input(&contacts, &signals), as_of()).unwrap();
        let account = &result.account;
        let sum: i64 = account.contributions.as_deref().unwrap().iter().map(|c| centi(c.points)).sum();
        prop_assert_eq!(sum, centi(account.raw));
        for c in &result.contacts {
            let sum: i64 = c.card.contributions.iter().map(|x| centi(x.points)).sum();
            prop_assert_eq!(sum, centi(c.card.raw));
        }
        // Another order of contacts and signals: the same account card, byte for byte.
        let mut shuffled_contacts = contacts.clone();
        let mut shuffled_signals = signals.clone();
        let n = shuffled_contacts.len();
        if n > 1 { shuffled_contacts.rotate_left((seed as usize) % n); shuffled_contacts.reverse(); }
        shuffled_signals.reverse();
        let again = scorer.score_account_value(input(&shuffled_contacts, &shuffled_signals), as_of()).unwrap();
        let first: Value = serde_json::from_str(&result.to_json(true)).unwrap();
        let second: Value = serde_json::from_str(&again.to_json(true)).unwrap();
        prop_assert_eq!(&first["account"], &second["account"]);
    }

    #[test]
    fn an_engaged_contact_never_lowers_breadth_or_completeness(
        (contacts, signals) in account(),
        extra in contact(99),
        policy in prop::sample::select(&["topKMean", "cappedSum"][..]),
    ) {
        let scorer = scorer_with_policy(policy);
        let before = scorer.score_account_value(input(&contacts, &signals), as_of()).unwrap();
        let mut more = contacts.clone();
        more.push(extra);
        let after = scorer.score_account_value(input(&more, &signals), as_of()).unwrap();
        let engaged_added = after.account.contacts.engaged > before.account.contacts.engaged;
        let points = |r: &leadscore::account::AccountResult<'_>, rule: &str| {
            r.account.contributions.as_deref().unwrap().iter().find(|c| c.rule == rule).map_or(0.0, |c| c.points)
        };
        if engaged_added {
            prop_assert!(points(&after, "breadth") >= points(&before, "breadth"));
            let completeness = |r: &leadscore::account::AccountResult<'_>| r.account.buying_group.as_ref().unwrap().completeness;
            prop_assert!(completeness(&after) >= completeness(&before));
        }
        prop_assert!(after.account.contacts.engaged >= before.account.contacts.engaged);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Adding points to a card (an account's boost) gives exactly the card of scoring the lead with
    /// those points: contributions, caps, tier, grade and label.
    #[test]
    fn points_added_to_a_card_equal_scoring_with_them(lead in contact(1), points in -3000i64..3000, group in prop::sample::select(&["fit", "engagement", "negative", "nope"][..])) {
        use leadscore::engine::{ContributionKind, Extra};
        use std::borrow::Cow;
        let scorer = Scorer::default_model();
        let lead = scorer.parse_lead(lead).unwrap();
        let extra = || vec![Extra { group, kind: ContributionKind::AccountBoost, rule: Cow::Borrowed("b"), reason: Cow::Borrowed("boost"), points_c: points }];
        let added = scorer.with_extras(scorer.score(&lead, as_of()).unwrap(), extra());
        let scored = scorer.score_with(&lead, as_of(), extra()).unwrap();
        prop_assert_eq!(added.to_json(), scored.to_json());
    }
}

/// The CLI's example files: every contact matched or named, both accounts scored.
#[test]
fn the_example_account_scores_hot_with_a_missing_role() {
    let scorer = Scorer::default_model();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/accounts/northwind.json")).unwrap();
    let result = scorer.score_account_json(&text, as_of()).unwrap();
    assert_eq!(result.account.tier.as_ref().unwrap().name, "hot");
    assert_eq!(result.account.buying_group.as_ref().unwrap().missing, vec!["finance".to_string()]);
    assert_eq!(result.contacts.len(), 3);
    assert!(result.contacts.iter().all(|c| c
        .card
        .contributions
        .iter()
        .any(|x| x.rule == leadscore::account::BOOST_RULE)));
}
