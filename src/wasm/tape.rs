//! Cards on their way to JS. The model's texts are made into JS strings once per `Scorer`
//! ([`CardTexts`]); each card is written as numbers on a tape with references to those texts, and
//! one call to `buildCards` (`src/wasm/cards.js`, which documents the layout) per 1,024 cards
//! makes the objects.

use super::error::{message_of, to_js, usage};
use crate::api::ScoreSettings;
use crate::error::Code;
use crate::time::{self, Millis};
use crate::{ContributionKind, ScoreCard};
use js_sys::Array;
use std::cell::Cell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/cards.js")]
extern "C" {
    /// Turns the tape into card objects appended to `out` (see `CardTape` and `cards.js`).
    #[wasm_bindgen(js_name = buildCards, catch)]
    fn build_cards(
        tape: &[f64],
        texts: &Array,
        values: &Array,
        explain: bool,
        as_of_defaulted: bool,
        out: &Array,
    ) -> Result<(), JsValue>;
}

/// Cards built per call to `buildCards`: enough to make the call's cost vanish, few enough that a
/// huge batch does not grow wasm memory (which never shrinks) by its whole size.
pub(super) const CARDS_PER_SLICE: u32 = 1024;

/// A scorer's texts (rule ids, reasons, names) as JS strings, made once: cards repeat them on
/// every lead and refer to them by position instead of decoding them from wasm memory again.
pub(super) struct CardTexts {
    texts: Array,
    /// Where each text is in `texts`, by the address and length of the scorer's own copy (cards
    /// borrow exactly those), sorted for a binary search.
    index: Vec<(usize, usize, u32)>,
    /// The last `asOf` written on a card and its text: callers score many single leads at the same
    /// `asOf`, and formatting it again for each was a tenth of a small call.
    as_of_text: Cell<Option<(Millis, JsValue)>>,
}

impl CardTexts {
    /// The texts of `scorer`, each once. Sorted then deduplicated: linear-logarithmic in the
    /// model's size (a linear search per text made 100,000 rules take 35 s).
    pub(super) fn new(scorer: &crate::Scorer) -> CardTexts {
        let mut keyed: Vec<(usize, usize, &str)> =
            scorer.output_strings().map(|t| (t.as_ptr() as usize, t.len(), t)).collect();
        keyed.sort_unstable_by_key(|(p, l, _)| (*p, *l));
        keyed.dedup_by_key(|(p, l, _)| (*p, *l));
        let texts = Array::new();
        let index = keyed.iter().map(|(p, l, t)| (*p, *l, texts.push(&JsValue::from_str(t)) - 1)).collect();
        CardTexts { texts, index, as_of_text: Cell::new(None) }
    }
}

/// Cards on their way to JS: numbers on a tape, texts by reference, turned into objects by one
/// call to `buildCards` (`src/wasm_cards.js`, which documents the layout) per 1,024 cards.
///
/// Why not serde-wasm-bindgen: it makes one JS call per property (about 80 for a full card) and
/// looks every text up in a hash map; that was a third of the time of a full-card batch
/// (`scoreNdjson` full cards: 47,414 -> 66,221 leads/s with this tape, in `make bench-js`).
pub(super) struct CardTape<'s> {
    texts: &'s CardTexts,
    explain: bool,
    as_of_defaulted: bool,
    tape: Vec<f64>,
    /// Cards on the tape.
    cards: u32,
    /// Values that are not the model's texts: lead ids, times, warnings (per slice).
    values: Array,
    /// The last `asOf` written in this slice and its reference (the same for a whole batch).
    as_of: Option<(Millis, f64)>,
    /// The cards built so far.
    out: Array,
}

impl<'s> CardTape<'s> {
    pub(super) fn new(texts: &'s CardTexts, options: &ScoreSettings) -> CardTape<'s> {
        CardTape {
            texts,
            explain: options.explain,
            as_of_defaulted: options.as_of_defaulted,
            tape: Vec::new(),
            cards: 0,
            values: Array::new(),
            as_of: None,
            out: Array::new(),
        }
    }

    /// A reference to a value in `values` (below -1).
    fn value(&mut self, v: &JsValue) -> f64 {
        -f64::from(self.values.push(v)) - 1.0
    }

    /// A reference to a text: its position in the scorer's texts, or a new value.
    fn text(&mut self, text: &str) -> f64 {
        let key = (text.as_ptr() as usize, text.len());
        let found = self.texts.index.binary_search_by(|(p, l, _)| (*p, *l).cmp(&key));
        match found.ok().and_then(|i| self.texts.index.get(i)) {
            Some((_, _, at)) => f64::from(*at),
            None => self.value(&JsValue::from_str(text)),
        }
    }

    fn opt_text(&mut self, text: Option<&str>) -> f64 {
        text.map_or(-1.0, |t| self.text(t))
    }

    /// A reference to the card's `asOf` text, formatted once per scorer and time.
    fn as_of(&mut self, ms: Millis) -> f64 {
        if let Some((at, reference)) = self.as_of {
            if at == ms {
                return reference;
            }
        }
        let text = match self.texts.as_of_text.take() {
            Some((at, text)) if at == ms => text,
            _ => JsValue::from_str(&time::format_rfc3339(ms)),
        };
        self.texts.as_of_text.set(Some((ms, text.clone())));
        let reference = self.value(&text);
        self.as_of = Some((ms, reference));
        reference
    }

    /// Writes a card; every `CARDS_PER_SLICE` cards, builds them.
    pub(super) fn push(&mut self, card: &ScoreCard<'_>) -> Result<(), JsValue> {
        self.write(card);
        self.cards += 1;
        if self.cards >= CARDS_PER_SLICE {
            self.flush()?;
        }
        Ok(())
    }

    fn write(&mut self, card: &ScoreCard<'_>) {
        let explain = self.explain;
        let lead_id = match &card.lead_id {
            Some(serde_json::Value::String(s)) => self.value(&JsValue::from_str(s)),
            Some(serde_json::Value::Number(n)) => self.value(&JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN))),
            _ => -1.0,
        };
        let head = [
            lead_id,
            self.text(card.model_id),
            self.text(card.model_version),
            self.text(card.fingerprint),
            self.as_of(card.as_of),
            card.score,
            card.raw,
        ];
        self.tape.extend_from_slice(&head);
        match &card.tier {
            Some(tier) => {
                let name = self.text(tier.name);
                let (action, label) = (self.opt_text(tier.action), self.opt_text(tier.label));
                self.tape.extend_from_slice(&[
                    name,
                    f64::from(tier.rank),
                    action,
                    tier.sla_hours.unwrap_or(f64::NAN),
                    label,
                ]);
            }
            None => self.tape.push(-1.0),
        }
        let (grade, label) = (self.opt_text(card.grade), self.opt_text(card.label));
        self.tape.extend_from_slice(&[grade, label, card.probability.unwrap_or(f64::NAN)]);
        // Rare (models with a `quality` section): plain conversion.
        let quality = match &card.quality {
            Some(q) => self.value(&to_js(q).unwrap_or(JsValue::NULL)),
            None => -1.0,
        };
        self.tape.push(quality);
        if explain {
            self.tape.push(card.groups.len() as f64);
            for g in &card.groups {
                let name = self.text(g.group);
                self.tape.extend_from_slice(&[name, g.points, g.uncapped]);
            }
            self.tape.push(card.contributions.len() as f64);
            for c in &card.contributions {
                let kind = match c.kind {
                    ContributionKind::Attribute => 0.0,
                    ContributionKind::Event => 1.0,
                    ContributionKind::Inactivity => 2.0,
                    ContributionKind::GroupCap => 3.0,
                    ContributionKind::Rollup => 4.0,
                    ContributionKind::Breadth => 5.0,
                    ContributionKind::Role => 6.0,
                    ContributionKind::Completeness => 7.0,
                    ContributionKind::Intent => 8.0,
                    ContributionKind::AccountBoost => 9.0,
                };
                let (rule, group, reason) = (self.text(&c.rule), self.text(c.group), self.text(&c.reason));
                let last = match c.last_activity_at {
                    Some(ms) => self.value(&JsValue::from_str(&time::format_rfc3339(ms))),
                    None => -1.0,
                };
                let provenance = if c.provenance.is_empty() {
                    -1.0
                } else {
                    self.value(&to_js(&c.provenance).unwrap_or(JsValue::NULL))
                };
                self.tape.extend_from_slice(&[
                    rule,
                    group,
                    kind,
                    c.points,
                    reason,
                    c.events.map_or(f64::NAN, f64::from),
                    c.decayed.unwrap_or(f64::NAN),
                    c.capped.unwrap_or(f64::NAN),
                    last,
                    provenance,
                ]);
            }
            let enrichment = match &card.enrichment {
                Some(fields) => self.value(&to_js(fields).unwrap_or(JsValue::NULL)),
                None => -1.0,
            };
            self.tape.push(enrichment);
        }
        let warnings = if card.warnings.is_empty() {
            -1.0
        } else {
            // Rare: plain serde conversion.
            let list = to_js(&card.warnings).unwrap_or(JsValue::NULL);
            self.value(&list)
        };
        self.tape.push(warnings);
    }

    /// Builds the cards on the tape and starts a new slice.
    fn flush(&mut self) -> Result<(), JsValue> {
        if self.cards > 0 {
            build_cards(&self.tape, &self.texts.texts, &self.values, self.explain, self.as_of_defaulted, &self.out)
                .map_err(|e| usage("", Code::InvalidValue, format!("could not build the cards: {}", message_of(&e))))?;
        }
        self.tape.clear();
        self.cards = 0;
        self.values = Array::new();
        self.as_of = None;
        Ok(())
    }

    /// Every card, as a JS array.
    pub(super) fn finish(mut self) -> Result<Array, JsValue> {
        self.flush()?;
        Ok(self.out)
    }
}
