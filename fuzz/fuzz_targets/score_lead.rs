//! Any bytes as a lead, scored by the default model and by a model using every feature: never panics,
//! and every score card keeps its invariants.
#![no_main]

use leadscore::{Model, Scorer};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;



fn scorers() -> &'static [Scorer] {
    static SCORERS: OnceLock<Vec<Scorer>> = OnceLock::new();
    SCORERS.get_or_init(|| {
        let mut out = vec![Scorer::default_model()];
        // The vectors' models exercise caps, decay, inactivity fields and strict mode.
        for doc in [
            include_str!("../../tests/vectors/decay.json"),
            include_str!("../../tests/vectors/groups_scale.json"),
            include_str!("../../tests/vectors/inactivity.json"),
            include_str!("../../tests/vectors/cond_logic.json"),
            include_str!("../../tests/vectors/tiers_grades.json"),
            // Enrichment merges and quality gates: vendor payloads of any shape.
            include_str!("../../tests/vectors/enrichment.json"),
        ] {
            let v: serde_json::Value = serde_json::from_str(doc).expect("vector JSON");
            out.push(Scorer::new(Model::from_value(&v["model"]).expect("vector model")));
        }
        let enriched = include_str!("../../examples/models/enriched.json");
        out.push(Scorer::new(Model::from_json(enriched).expect("the enriched example model")));
        out
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let as_of = 1_795_392_000_000;
    for scorer in scorers() {
        if let Ok(card) = scorer.score_json(text, as_of) {
            let sum: i64 = card.contributions.iter().map(|c| (c.points * 100.0).round() as i64).sum();
            assert_eq!(sum, (card.raw * 100.0).round() as i64, "contributions must add up to raw");
            let scale = &scorer.model().scale;
            assert!(card.score >= scale.min && card.score <= scale.max);
            serde_json::to_string(&card).expect("a card always serialises");
        }
    }
});
