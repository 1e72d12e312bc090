//! Any bytes as an account input (`{account, contacts}`), scored by the default model and by the
//! account vectors' model: never panics, and every card keeps its invariants (contributions add up
//! to `raw`, the account's and each contact's).
#![no_main]

use leadscore::{Model, Scorer};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn scorers() -> &'static [Scorer] {
    static SCORERS: OnceLock<Vec<Scorer>> = OnceLock::new();
    SCORERS.get_or_init(|| {
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/vectors/accounts.json")).expect("vector JSON");
        vec![Scorer::default_model(), Scorer::new(Model::from_value(&doc["model"]).expect("vector model"))]
    })
}

fn centi(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let as_of = 1_795_392_000_000;
    for scorer in scorers() {
        if let Ok(result) = scorer.score_account_json(text, as_of) {
            let account = &result.account;
            let sum: i64 = account.contributions.as_deref().unwrap_or(&[]).iter().map(|c| centi(c.points)).sum();
            assert_eq!(sum, centi(account.raw), "account contributions must add up to raw");
            for c in &result.contacts {
                let sum: i64 = c.card.contributions.iter().map(|x| centi(x.points)).sum();
                assert_eq!(sum, centi(c.card.raw), "contact contributions must add up to raw");
            }
            assert!(!result.to_json(true).is_empty());
        }
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) {
            let list = |k: &str| map.get(k).and_then(|v| v.as_array()).cloned().unwrap_or_default();
            let matched = leadscore::account::matching::match_contacts(scorer.model(), &list("accounts"), &list("contacts"));
            assert!(!matched.to_json().is_empty());
        }
    }
});
