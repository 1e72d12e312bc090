//! The JavaScript API: a thin adapter over [`crate::api`], and the only wasm-bindgen code in the
//! crate.
//!
//! - `new Scorer(model?)`: a model as a JS object or JSON text; none means the default model.
//! - `scorer.score(lead, options)`, `scorer.scoreMany(leads, options)`, `scorer.scoreNdjson(text, options)`,
//!   `scorer.scoreAccount(input, options)` (an account and its contacts), `scorer.fingerprint`, `scorer.model` (canonical form); `validateModel(model)`, `defaultModel()`,
//!   `version()`; `train`, `backtest`, `audit` and `coverage` (which fields a model reads a batch
//!   has) with the `train` feature. Options: `{ asOf, explain }`;
//!   `explain: false` leaves out `groups` and `contributions`.
//!
//! Files by job: `input.rs` (JS values into the boundary's types), `tape.rs` (cards out),
//! `error.rs` (the one error type into a `LeadscoreError`), `train.rs` (training, backtests,
//! audits), `coverage.rs` (coverage of a batch).
//! Inputs cross the boundary as JSON text: that handles `Date` (through `toJSON`), drops
//! `undefined`, and turns cyclic objects and BigInt into JS exceptions that are caught, instead of
//! unbounded recursion inside wasm. Nothing panics, so the instance keeps working after any number
//! of errors.

#[cfg(feature = "train")]
mod coverage;
mod error;
mod input;
mod tape;
#[cfg(feature = "train")]
mod train;

use crate::api::{self, ScoreSettings};
use crate::error::Code;
use crate::ScoreCard;
use error::{to_js, usage};
use input::{batch_lines, json_text, model_of, score_settings, string_text, OptionsArg};
use js_sys::{Array, Uint8Array};
use tape::{CardTape, CardTexts, CARDS_PER_SLICE};
use wasm_bindgen::prelude::*;

/// The TypeScript types of this API (no `any` in it), added to the generated `.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// A model argument (optional where it is the last one).
    #[wasm_bindgen(typescript_type = "ScoringModel | string")]
    pub type ModelArg;
}

/// A compiled model that scores leads; build it once, use it many times.
#[wasm_bindgen]
pub struct Scorer {
    inner: crate::Scorer,
    texts: CardTexts,
}

#[wasm_bindgen]
impl Scorer {
    /// Compiles a model (a JS object or JSON text; omitted or null: the default model). Throws a
    /// `LeadscoreError` listing every problem (`error.issues`, each with `path`, `segments`, `code`,
    /// `message`).
    #[wasm_bindgen(constructor)]
    pub fn new(model: Option<ModelArg>) -> Result<Scorer, JsValue> {
        let model = model.map_or(JsValue::UNDEFINED, JsValue::from);
        let inner = if model.is_undefined() || model.is_null() {
            crate::Scorer::default_model() // its fingerprint known, not hashed
        } else {
            crate::Scorer::new(model_of(&model)?)
        };
        let texts = CardTexts::new(&inner);
        Ok(Scorer { inner, texts })
    }

    /// Scores one lead (a JS object or JSON text). `options.asOf`: a Date, RFC 3339 text or epoch ms;
    /// when omitted the current time is used and the card says so (`asOfDefaulted: true`).
    #[wasm_bindgen(unchecked_return_type = "ScoreCard")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Lead | string")] lead: JsValue,
        options: Option<OptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let settings = score_settings(options)?;
        let mut tape = CardTape::new(&self.texts, &settings);
        tape.push(&self.score_one(&lead, &settings, None)?)?;
        Ok(tape.finish()?.get(0))
    }

    /// Scores an array of leads at one `asOf`. Throws on the first bad lead, with its index in the
    /// path (`[3].events[0].at`).
    #[wasm_bindgen(js_name = scoreMany, unchecked_return_type = "ScoreCard[]")]
    pub fn score_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Lead | string>")] leads: JsValue,
        options: Option<OptionsArg>,
    ) -> Result<Array, JsValue> {
        let settings = score_settings(options)?;
        let Some(leads) = leads.dyn_ref::<Array>() else {
            return Err(usage("", Code::WrongType, "scoreMany takes an array of leads"));
        };
        let mut tape = CardTape::new(&self.texts, &settings);
        let mut start = 0;
        while start < leads.length() {
            let end = leads.length().min(start.saturating_add(CARDS_PER_SLICE));
            // The fast way: a slice of leads encoded by one call in JS, one line per lead; else one
            // lead at a time, which also names the lead JSON cannot represent.
            match batch_lines(leads, start, end) {
                Some(text) => {
                    for (offset, line) in text.split('\n').enumerate() {
                        tape.push(&self.score_text(line, &settings, Some(start as usize + offset))?)?;
                    }
                }
                None => {
                    for i in start..end {
                        tape.push(&self.score_one(&leads.get(i), &settings, Some(i as usize))?)?;
                    }
                }
            }
            start = end;
        }
        tape.finish()
    }

    /// Scores newline-delimited JSON, one lead per line (blank lines are skipped), parsed inside wasm:
    /// the fastest way in for a batch that arrives as text. Takes a string or UTF-8 bytes (a
    /// `Uint8Array`). Throws on the first bad line; its path starts with the line's 0-based index
    /// (`[3].events[0].at` is on the fourth line).
    #[wasm_bindgen(js_name = scoreNdjson, unchecked_return_type = "ScoreCard[]")]
    pub fn score_ndjson(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
        options: Option<OptionsArg>,
    ) -> Result<Array, JsValue> {
        let settings = score_settings(options)?;
        let text = if let Some(bytes) = text.dyn_ref::<Uint8Array>() {
            String::from_utf8(bytes.to_vec()).map_err(|e| {
                // Refused at the line that holds the bad bytes, as the CLI refuses that line.
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes().get(..at).map_or(0, |b| b.iter().filter(|c| **c == b'\n').count());
                let reason = format!("not valid UTF-8 (at byte {at} of the text)");
                JsValue::from(api::Error::new(api::Kind::Lead, Code::Syntax, "", reason).in_batch(line))
            })?
        } else if let Some(text) = string_text(&text) {
            text
        } else {
            let reason = "scoreNdjson takes NDJSON as a string or UTF-8 bytes (Uint8Array), one lead per line";
            return Err(usage("", Code::WrongType, reason));
        };
        let mut tape = CardTape::new(&self.texts, &settings);
        for (i, line) in api::strip_bom(&text).split('\n').enumerate() {
            let line = line.trim();
            if !line.is_empty() {
                tape.push(&self.score_text(line, &settings, Some(i))?)?;
            }
        }
        tape.finish()
    }

    /// The model's fingerprint (`sha256:…` of its canonical form), also stamped on every card.
    #[wasm_bindgen(getter)]
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_string()
    }

    /// Scores an account and its contacts: `{ account: {...fields, events, intent}, contacts: [...] }`
    /// (a JS object or JSON text), with the model's `account` section. Returns `{ account, contacts }`:
    /// the account's card and each contact's card with its `account` summary, `route` and `stage`.
    /// `JSON.stringify` of the result is byte for byte the CLI's and a backend's text.
    #[wasm_bindgen(js_name = scoreAccount, unchecked_return_type = "AccountResult")]
    pub fn score_account(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AccountInput | string")] input: JsValue,
        options: Option<OptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let settings = score_settings(options)?;
        let text = json_text(&input, "the account input", "")?;
        let result = self.inner.score_account_json(&text, settings.as_of).map_err(api::Error::from)?;
        // The contacts' lead cards through the card tape, exactly as `score` builds them (a tenth
        // of the time of parsing their JSON text), then what the account adds to each, in the
        // order `AccountResult::to_json` writes it; the account's card as JSON text.
        let mut tape = CardTape::new(&self.texts, &settings);
        for contact in &result.contacts {
            tape.push(&contact.card)?;
        }
        let cards = tape.finish()?;
        let extras: Array = js_sys::JSON::parse(&result.contact_extras_json())?.into();
        for (i, card) in cards.iter().enumerate() {
            js_sys::Object::assign(&card.into(), &extras.get(i as u32).into());
        }
        let account = js_sys::JSON::parse(&result.account_json(settings.explain))?;
        if settings.as_of_defaulted {
            js_sys::Reflect::set(&account, &JsValue::from_str("asOfDefaulted"), &JsValue::TRUE)?;
        }
        let out = js_sys::Object::new();
        js_sys::Reflect::set(&out, &JsValue::from_str("account"), &account)?;
        js_sys::Reflect::set(&out, &JsValue::from_str("contacts"), &cards)?;
        Ok(out.into())
    }

    /// Groups contacts under accounts by the model's `account.matching` policy (account id, then
    /// email domain): `{ groups: [{ id, account?, contacts, notes }], unmatched: [{ contact, reason }] }`,
    /// contacts and accounts by their position in the arrays given.
    #[wasm_bindgen(js_name = matchContacts, unchecked_return_type = "ContactMatching")]
    pub fn match_contacts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ accounts?: Lead[]; contacts: Lead[] } | string")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = json_text(&input, "the accounts and contacts", "")?;
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| usage("", Code::Syntax, format!("not valid JSON: {e}")))?;
        let list = |key: &str| match value.get(key) {
            Some(serde_json::Value::Array(items)) => Ok(items.clone()),
            None | Some(serde_json::Value::Null) => Ok(Vec::new()),
            Some(_) => Err(usage(key, Code::WrongType, format!("\"{key}\" must be an array"))),
        };
        let matched =
            crate::account::matching::match_contacts(self.inner.model(), &list("accounts")?, &list("contacts")?);
        js_sys::JSON::parse(&matched.to_json())
    }

    /// The model in canonical form, as a plain object.
    #[wasm_bindgen(getter, unchecked_return_type = "ScoringModel")]
    pub fn model(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.model().canonical_value())
    }
}

impl Scorer {
    /// Scores a lead's JSON text; `index` (in a batch) prefixes error paths: `[3].events[0].at`.
    fn score_text(&self, text: &str, settings: &ScoreSettings, index: Option<usize>) -> Result<ScoreCard<'_>, JsValue> {
        self.inner.score_json(text, settings.as_of).map_err(|e| {
            let e = api::Error::from(e);
            JsValue::from(match index {
                Some(i) => e.in_batch(i),
                None => e,
            })
        })
    }

    /// Scores one lead given as a JS value; `index` (in a batch) prefixes error paths.
    fn score_one(
        &self,
        lead: &JsValue,
        settings: &ScoreSettings,
        index: Option<usize>,
    ) -> Result<ScoreCard<'_>, JsValue> {
        let path = index.map_or(String::new(), |i| format!("[{i}]"));
        let text = json_text(lead, "the lead", &path)?;
        self.score_text(&text, settings, index)
    }
}

/// Checks a model without throwing: `{ valid, issues, fingerprint }` (`fingerprint` only when valid).
#[wasm_bindgen(js_name = validateModel, unchecked_return_type = "ValidationReport")]
pub fn validate_model(
    #[wasm_bindgen(unchecked_param_type = "ScoringModel | string")] model: JsValue,
) -> Result<JsValue, JsValue> {
    let report = match json_text(&model, "the model", "") {
        Ok(text) => api::validate(&text),
        Err(e) => {
            let issue = crate::error::Issue::new(e.path, e.code, e.reason);
            api::ValidationReport { valid: false, issues: vec![issue], fingerprint: None }
        }
    };
    to_js(&report)
}

/// The embedded default model, in canonical form.
#[wasm_bindgen(js_name = defaultModel, unchecked_return_type = "ScoringModel")]
pub fn default_model() -> Result<JsValue, JsValue> {
    to_js(&crate::Model::default_model().canonical_value())
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
