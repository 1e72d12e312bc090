//! Events a Rust caller builds by hand, at the ends of the time range: a parsed lead's times are
//! within years 1 to 9999, but `Event::at` is a public `i64`, and the event pass keeps its latest
//! times as plain numbers with `i64::MIN` standing for "no event yet".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use leadscore::Scorer;
use serde_json::json;

/// 2026-01-01T00:00:00Z.
const AS_OF: i64 = 1_767_225_600_000;

/// The default model with two inactivity rules: one on any event, one on page views only.
fn scorer() -> Scorer {
    let mut model: serde_json::Value = serde_json::from_str(include_str!("../src/model/default_model.json")).unwrap();
    let rules = model["rules"].as_array_mut().unwrap();
    rules.retain(|r| r.get("inactive").is_none());
    rules.push(json!({"id": "quiet", "group": "negative", "points": -15, "reason": "No activity",
        "inactive": {"days": 60}}));
    rules.push(json!({"id": "quiet-pages", "group": "negative", "points": -5, "reason": "No page views",
        "inactive": {"days": 60, "types": ["page_view"]}}));
    Scorer::from_json(&model.to_string()).unwrap()
}

#[test]
fn an_event_at_the_earliest_time_is_activity_for_every_inactivity_rule() {
    let scorer = scorer();
    let mut lead =
        scorer.parse_lead(json!({"id": "l", "events": [{"type": "page_view", "at": "2025-12-31T00:00:00Z"}]})).unwrap();
    lead.events[0].at = i64::MIN;
    let card = scorer.score(&lead, AS_OF).unwrap();
    let last = |id: &str| card.contributions.iter().find(|c| c.rule == id).map(|c| c.last_activity_at);
    // Both rules saw the event (the one on any event as much as the one on page views), found it
    // long ago, and fired.
    assert_eq!(last("quiet"), Some(Some(i64::MIN)));
    assert_eq!(last("quiet-pages"), Some(Some(i64::MIN)));

    // Without the event, neither has a last activity.
    lead.events.clear();
    let card = scorer.score(&lead, AS_OF).unwrap();
    assert!(card.contributions.iter().all(|c| c.last_activity_at.is_none()));
}

#[test]
fn a_once_rule_without_a_window_scores_an_event_from_the_other_end_of_time() {
    let scorer = scorer();
    let mut lead = scorer
        .parse_lead(json!({"id": "l", "events": [{"type": "email_unsubscribe", "at": "2025-12-31T00:00:00Z"}]}))
        .unwrap();
    let points = |card: &leadscore::ScoreCard<'_>| {
        card.contributions.iter().find(|c| c.rule == "unsubscribed").map(|c| c.points)
    };
    assert_eq!(points(&scorer.score(&lead, AS_OF).unwrap()), Some(-20.0));
    // `unsubscribed` counts an event of any age: from `i64::MIN` to an `asOf` of `i64::MAX` its
    // age overflows `i64` (a panic in a debug build) unless it saturates, as the pass's does.
    lead.events[0].at = i64::MIN;
    assert_eq!(points(&scorer.score(&lead, i64::MAX).unwrap()), Some(-20.0));
}
