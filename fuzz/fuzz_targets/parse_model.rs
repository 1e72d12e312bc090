//! Any bytes as a model document: never panics; an accepted model survives its canonical round trip
//! and can score an empty lead.
#![no_main]

use leadscore::{Model, Scorer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Model::from_json(text) {
        Ok(model) => {
            let canonical = model.canonical_json();
            let again = Model::from_json(&canonical).expect("canonical form must parse");
            assert_eq!(again, model, "canonical round trip changed the model");
            assert_eq!(again.fingerprint(), model.fingerprint());
            let scorer = Scorer::new(model);
            let card = scorer.score_json("{}", 0).expect("an empty lead always scores");
            assert!(card.score.is_finite());
        }
        Err(e) => assert!(!e.issues.is_empty()),
    }
});
