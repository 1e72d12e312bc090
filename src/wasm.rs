//! The JavaScript API (the only wasm-bindgen code in the crate).
//!
//! - `new Scorer(model?)`: a model as a JS object or JSON text; none means the default model.
//! - `scorer.score(lead, options)`, `scorer.scoreMany(leads, options)`, `scorer.scoreNdjson(text, options)`,
//!   `scorer.fingerprint`, `scorer.model` (canonical form); `validateModel(model)`, `defaultModel()`,
//!   `version()`. Options: `{ asOf, explain }`; `explain: false` leaves out `groups` and `contributions`
//!   (what a batch that only routes leads needs; about 1.5x faster in batches).
//!
//! Cards leave as numbers on a tape plus references to texts, and one call to the JS snippet
//! `src/wasm_cards.js` per 1,024 cards makes the objects (see `CardTape`); `scoreMany` has its
//! leads stringified and encoded by `src/wasm_encode.js`, 1,024 at a time (and single leads and
//! NDJSON strings are encoded there too, in one native call).
//!
//! Inputs cross the boundary as JSON text (`JSON.stringify` on the JS side): that handles `Date`
//! (through `toJSON`), drops `undefined`, and turns cyclic objects and BigInt into JS exceptions that
//! are caught here, instead of unbounded recursion inside wasm. Every failure is a JS `Error` named
//! `LeadscoreError` with `code`, `path` and `reason` (and `issues` for a refused model); nothing panics, so the
//! instance keeps working after any number of errors.

use crate::error::{Code, Issue, LeadError};
use crate::time::{self, Millis};
use crate::{ContributionKind, Model, ScoreCard};
use js_sys::{Array, Date, Error, Reflect, Uint8Array};
use serde::Serialize;
use std::cell::Cell;
use wasm_bindgen::prelude::*;

/// The TypeScript types of this API (no `any` in it), added to the generated `.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("wasm_types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// A model argument (optional where it is the last one).
    #[wasm_bindgen(typescript_type = "ScoringModel | string")]
    pub type ModelArg;
    /// `{ asOf, explain }` (optional). Typed here for the default, full cards; `explain: false` and its
    /// `ScoreSummary` results are overloads in `wasm_types.d.ts`.
    #[wasm_bindgen(typescript_type = "ExplainOptions")]
    pub type OptionsArg;
    /// `options.asOf`, read as a plain property access in the glue (`Reflect.get` with a key made
    /// from Rust text costs more than the rest of a small call); a throwing getter is caught.
    #[wasm_bindgen(method, getter, catch, js_name = asOf)]
    fn as_of(this: &OptionsArg) -> Result<JsValue, JsValue>;
    /// `options.explain`, the same way.
    #[wasm_bindgen(method, getter, catch)]
    fn explain(this: &OptionsArg) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/wasm_cards.js")]
extern "C" {
    /// Turns the tape into card objects appended to `out` (see `CardTape` and `src/wasm_cards.js`).
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

#[wasm_bindgen(module = "/src/wasm_encode.js")]
extern "C" {
    /// A value's JSON text as UTF-8 bytes (a string is JSON text already), or `undefined` when JSON
    /// leaves the value out; throws what `JSON.stringify` throws (see `src/wasm_encode.js`).
    #[wasm_bindgen(js_name = jsonBytes, catch)]
    fn json_bytes(value: &JsValue) -> Result<JsValue, JsValue>;
    /// A string as UTF-8 bytes, or `undefined` for anything else.
    #[wasm_bindgen(js_name = textBytes, catch)]
    fn text_bytes(text: &JsValue) -> Result<JsValue, JsValue>;
    /// `leads[start..end]` as UTF-8 lines, or `undefined` (see `src/wasm_encode.js`).
    #[wasm_bindgen(js_name = leadLines, catch)]
    fn lead_lines(leads: &Array, start: u32, end: u32) -> Result<JsValue, JsValue>;
}

/// Bytes from the encoder as text (`None` if they are not a `Uint8Array` of UTF-8, which
/// `TextEncoder` never gives).
fn encoded_text(bytes: JsValue) -> Option<String> {
    String::from_utf8(bytes.dyn_into::<Uint8Array>().ok()?.to_vec()).ok()
}

/// Leads encoded per call to `leadLines` in `scoreMany`, and cards built per call to `buildCards`:
/// enough to make the call's cost vanish, few enough that a huge batch does not grow wasm memory
/// (which never shrinks) by its whole size.
const LEADS_PER_SLICE: u32 = 1024;

/// Builds a `LeadscoreError`: an `Error` with `name`, `code`, `path` and optionally `issues`.
fn leadscore_error(code: Code, path: &str, message: &str, issues: Option<&[Issue]>) -> JsValue {
    let err = Error::new(message);
    err.set_name("LeadscoreError");
    let obj: &JsValue = err.as_ref();
    // Setting properties on a fresh Error object cannot fail; the results are ignored on purpose.
    let _ = Reflect::set(obj, &"code".into(), &code.as_str().into());
    let _ = Reflect::set(obj, &"path".into(), &path.into());
    if let Some(issues) = issues {
        let _ = Reflect::set(obj, &"issues".into(), &to_js(issues).unwrap_or(JsValue::NULL));
    }
    err.into()
}

/// A refused lead: `message` is the full sentence, `reason` the part after the path.
fn lead_error(e: &LeadError) -> JsValue {
    let err = leadscore_error(e.code, &e.path, &e.to_string(), None);
    let _ = Reflect::set(&err, &"reason".into(), &e.message.as_str().into());
    err
}

/// Serialises to plain JS values: objects, not `Map`s; 64-bit integers as numbers.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| leadscore_error(Code::InvalidValue, "", &format!("could not convert the result: {e}"), None))
}

/// JSON text of a JS value: strings are taken as JSON text already; anything else is stringified.
fn json_text(value: &JsValue, what: &str) -> Result<String, (Code, String)> {
    if value.is_undefined() {
        return Err((Code::WrongType, format!("{what} is undefined")));
    }
    match json_bytes(value) {
        Ok(bytes) => encoded_text(bytes).ok_or_else(|| (Code::WrongType, format!("{what} cannot be written as JSON"))),
        // Cycles, BigInt, or a stack overflow in a huge structure: a JS exception, caught.
        Err(e) => {
            let reason =
                e.dyn_ref::<Error>().map_or_else(|| "unknown reason".to_string(), |e| String::from(e.message()));
            Err((Code::WrongType, format!("{what} cannot be written as JSON: {reason}")))
        }
    }
}

/// The options of `score`, `scoreMany` and `scoreNdjson`.
struct Options {
    as_of: Millis,
    /// `asOf` was not given: the current time was used, and the card says so.
    as_of_defaulted: bool,
    /// Include `groups` and `contributions` (default).
    explain: bool,
}

/// Reads `{ asOf, explain }`; anything but an object (or nothing) is refused.
fn read_options(options: Option<OptionsArg>) -> Result<Options, JsValue> {
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
        let (as_of, as_of_defaulted) = as_of(&JsValue::UNDEFINED)?;
        return Ok(Options { as_of, as_of_defaulted, explain: true });
    };
    if !options.is_object() {
        return Err(leadscore_error(Code::WrongType, "", "options must be an object: { asOf, explain }", None));
    }
    let (as_of, as_of_defaulted) = as_of(&options.as_of().unwrap_or(JsValue::UNDEFINED))?;
    let explain = options.explain().unwrap_or(JsValue::UNDEFINED);
    let explain = if explain.is_undefined() || explain.is_null() {
        true
    } else {
        explain.as_bool().ok_or_else(|| {
            leadscore_error(Code::WrongType, "explain", "explain must be true or false (default true)", None)
        })?
    };
    Ok(Options { as_of, as_of_defaulted, explain })
}

/// Reads `asOf` (a Date, RFC 3339 text or epoch ms); defaults to now, and says so.
fn as_of(raw: &JsValue) -> Result<(Millis, bool), JsValue> {
    if raw.is_undefined() || raw.is_null() {
        return Ok((Date::now().floor() as Millis, true));
    }
    let parsed = if let Some(date) = raw.dyn_ref::<Date>() {
        time::from_epoch_ms(date.get_time())
    } else if let Some(ms) = raw.as_f64() {
        time::from_epoch_ms(ms)
    } else if let Some(text) = raw.as_string() {
        time::parse_rfc3339(&text)
    } else {
        None
    };
    parsed.map(|ms| (ms, false)).ok_or_else(|| {
        leadscore_error(
            Code::BadTimestamp,
            "asOf",
            "asOf must be a valid Date, an RFC 3339 time or epoch milliseconds",
            None,
        )
    })
}

fn parse_model(model: &JsValue) -> Result<Model, JsValue> {
    if model.is_undefined() || model.is_null() {
        return Ok(Model::default_model());
    }
    let text = json_text(model, "the model").map_err(|(code, msg)| leadscore_error(code, "", &msg, None))?;
    Model::from_json(&text).map_err(|e| {
        let code = e.issues.first().map_or(Code::InvalidValue, |i| i.code);
        leadscore_error(code, "", &e.to_string(), Some(&e.issues))
    })
}

/// A compiled model that scores leads; build it once, use it many times.
#[wasm_bindgen]
pub struct Scorer {
    inner: crate::Scorer,
    /// The model's texts as JS strings, made once: cards refer to them by position.
    texts: Array,
    /// Where each text is in `texts`, by the address and length of the scorer's own copy (cards
    /// borrow exactly those), sorted for a binary search.
    text_index: Vec<(usize, usize, u32)>,
    /// The last `asOf` written on a card and its text: callers score many single leads at the same
    /// `asOf`, and formatting it again for each was a tenth of a small call.
    as_of_text: Cell<Option<(Millis, JsValue)>>,
}

#[wasm_bindgen]
impl Scorer {
    /// Compiles a model (a JS object or JSON text; omitted or null: the default model). Throws a
    /// `LeadscoreError` listing every problem (`error.issues`, each with `path`, `code`, `message`).
    #[wasm_bindgen(constructor)]
    pub fn new(model: Option<ModelArg>) -> Result<Scorer, JsValue> {
        let inner = crate::Scorer::new(parse_model(&model.map_or(JsValue::UNDEFINED, JsValue::from))?);
        // Cards repeat the model's texts (rule ids, reasons, names) on every lead: made into JS
        // strings once here, not decoded from wasm memory again for each card.
        let texts = Array::new();
        let mut text_index = Vec::new();
        for text in inner.output_strings() {
            let key = (text.as_ptr() as usize, text.len());
            if text_index.iter().all(|(p, l, _)| (*p, *l) != key) {
                text_index.push((key.0, key.1, texts.push(&JsValue::from_str(text)) - 1));
            }
        }
        text_index.sort_unstable();
        Ok(Scorer { inner, texts, text_index, as_of_text: Cell::new(None) })
    }

    /// Scores one lead (a JS object or JSON text). `options.asOf`: a Date, RFC 3339 text or epoch ms;
    /// when omitted the current time is used and the card says so (`asOfDefaulted: true`).
    #[wasm_bindgen(unchecked_return_type = "ScoreCard")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Lead | string")] lead: JsValue,
        options: Option<OptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let options = read_options(options)?;
        let card = self.score_one(&lead, options.as_of, None)?;
        let mut tape = CardTape::new(self, &options);
        tape.push(&card)?;
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
        let options = read_options(options)?;
        let Some(leads) = leads.dyn_ref::<Array>() else {
            return Err(leadscore_error(Code::WrongType, "", "scoreMany takes an array of leads", None));
        };
        let mut tape = CardTape::new(self, &options);
        let mut start = 0;
        while start < leads.length() {
            let end = leads.length().min(start.saturating_add(LEADS_PER_SLICE));
            // The fast way: a slice of leads encoded by one call in JS, one line per lead; else one
            // lead at a time, which also names the lead JSON cannot represent.
            match lead_lines(leads, start, end).ok().and_then(encoded_text) {
                Some(text) => {
                    for (offset, line) in text.split('\n').enumerate() {
                        tape.push(&self.score_text(line, options.as_of, Some(start as usize + offset))?)?;
                    }
                }
                None => {
                    for i in start..end {
                        let card = self.score_one(&leads.get(i), options.as_of, Some(i as usize))?;
                        tape.push(&card)?;
                    }
                }
            }
            start = end;
        }
        tape.finish()
    }

    /// Scores newline-delimited JSON, one lead per line (blank lines are skipped), parsed inside wasm:
    /// the fastest way in for a batch that arrives as text, since no JS object is built for a lead.
    /// Takes a string or UTF-8 bytes (a `Uint8Array` from `fetch(..).arrayBuffer()` or a file read,
    /// which also saves the string's encoding on the way in). Throws on the first bad line; its path
    /// starts with the line's 0-based index (`[3].events[0].at` is on the fourth line).
    #[wasm_bindgen(js_name = scoreNdjson, unchecked_return_type = "ScoreCard[]")]
    pub fn score_ndjson(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
        options: Option<OptionsArg>,
    ) -> Result<Array, JsValue> {
        let options = read_options(options)?;
        let text = if let Some(bytes) = text.dyn_ref::<Uint8Array>() {
            String::from_utf8(bytes.to_vec()).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                leadscore_error(Code::Syntax, "", &format!("the NDJSON bytes are not UTF-8 (at byte {at})"), None)
            })?
        } else if let Some(text) = text_bytes(&text).ok().and_then(encoded_text) {
            text
        } else {
            let message = "scoreNdjson takes NDJSON as a string or UTF-8 bytes (Uint8Array), one lead per line";
            return Err(leadscore_error(Code::WrongType, "", message, None));
        };
        let mut tape = CardTape::new(self, &options);
        for (i, line) in text.split('\n').enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            tape.push(&self.score_text(line, options.as_of, Some(i))?)?;
        }
        tape.finish()
    }

    /// The model's fingerprint (`sha256:…` of its canonical form), also stamped on every card.
    #[wasm_bindgen(getter)]
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_string()
    }

    /// The model in canonical form, as a plain object.
    #[wasm_bindgen(getter, unchecked_return_type = "ScoringModel")]
    pub fn model(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.model().canonical_value())
    }
}

impl Scorer {
    /// Scores a lead's JSON text; `index` (in a batch) prefixes error paths: `[3].events[0].at`.
    fn score_text(&self, text: &str, as_of: Millis, index: Option<usize>) -> Result<ScoreCard<'_>, JsValue> {
        self.inner.score_json(text, as_of).map_err(|e| lead_error(&LeadError { path: located(index, &e.path), ..e }))
    }

    /// Scores one lead; `index` (in a batch) prefixes error paths: `[3].events[0].at`.
    fn score_one(&self, lead: &JsValue, as_of: Millis, index: Option<usize>) -> Result<ScoreCard<'_>, JsValue> {
        let text = json_text(lead, "the lead")
            .map_err(|(code, msg)| leadscore_error(code, &located(index, ""), &msg, None))?;
        self.score_text(&text, as_of, index)
    }
}

/// A lead's error path inside a batch: `[3]` + `events[0].at`. Built only on error: a batch must
/// not format a string per lead.
fn located(index: Option<usize>, path: &str) -> String {
    match index {
        None => path.to_string(),
        Some(i) if path.is_empty() => format!("[{i}]"),
        Some(i) if path.starts_with('[') => format!("[{i}]{path}"),
        Some(i) => format!("[{i}].{path}"),
    }
}

/// Cards on their way to JS: numbers on a tape, texts by reference, turned into objects by one
/// call to `buildCards` (`src/wasm_cards.js`, which documents the layout) per 1,024 cards.
///
/// Why not serde-wasm-bindgen: it makes one JS call per property (about 80 for a full card) and
/// looks every text up in a hash map; that was a third of the time of a full-card batch
/// (`scoreNdjson` full cards: 47,414 -> 66,221 leads/s with this tape, in `make bench-js`).
struct CardTape<'s> {
    scorer: &'s Scorer,
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
    fn new(scorer: &'s Scorer, options: &Options) -> CardTape<'s> {
        CardTape {
            scorer,
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
        let found = self.scorer.text_index.binary_search_by(|(p, l, _)| (*p, *l).cmp(&key));
        match found.ok().and_then(|i| self.scorer.text_index.get(i)) {
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
        let text = match self.scorer.as_of_text.take() {
            Some((at, text)) if at == ms => text,
            _ => JsValue::from_str(&time::format_rfc3339(ms)),
        };
        self.scorer.as_of_text.set(Some((ms, text.clone())));
        let reference = self.value(&text);
        self.as_of = Some((ms, reference));
        reference
    }

    /// Writes a card; every `LEADS_PER_SLICE` cards, builds them.
    fn push(&mut self, card: &ScoreCard<'_>) -> Result<(), JsValue> {
        self.write(card);
        self.cards += 1;
        if self.cards >= LEADS_PER_SLICE {
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
                let action = self.opt_text(tier.action);
                self.tape.extend_from_slice(&[name, f64::from(tier.rank), action, tier.sla_hours.unwrap_or(f64::NAN)]);
            }
            None => self.tape.push(-1.0),
        }
        let (grade, label) = (self.opt_text(card.grade), self.opt_text(card.label));
        self.tape.extend_from_slice(&[grade, label, card.probability.unwrap_or(f64::NAN)]);
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
                };
                let (rule, group, reason) = (self.text(c.rule), self.text(c.group), self.text(c.reason));
                let last = match c.last_activity_at {
                    Some(ms) => self.value(&JsValue::from_str(&time::format_rfc3339(ms))),
                    None => -1.0,
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
                ]);
            }
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
            build_cards(&self.tape, &self.scorer.texts, &self.values, self.explain, self.as_of_defaulted, &self.out)
                .map_err(|e| {
                    leadscore_error(Code::InvalidValue, "", &format!("could not build the cards: {e:?}"), None)
                })?;
        }
        self.tape.clear();
        self.cards = 0;
        self.values = Array::new();
        self.as_of = None;
        Ok(())
    }

    /// Every card, as a JS array.
    fn finish(mut self) -> Result<Array, JsValue> {
        self.flush()?;
        Ok(self.out)
    }
}

/// Checks a model without throwing: `{ valid, issues, fingerprint }` (`fingerprint` only when valid).
#[wasm_bindgen(js_name = validateModel, unchecked_return_type = "ValidationReport")]
pub fn validate_model(
    #[wasm_bindgen(unchecked_param_type = "ScoringModel | string")] model: JsValue,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Report<'a> {
        valid: bool,
        issues: &'a [Issue],
        #[serde(skip_serializing_if = "Option::is_none")]
        fingerprint: Option<String>,
    }
    let text = match json_text(&model, "the model") {
        Ok(text) => text,
        Err((code, message)) => {
            let issue = Issue { path: String::new(), code, message };
            return to_js(&Report { valid: false, issues: &[issue], fingerprint: None });
        }
    };
    match Model::from_json(&text) {
        Ok(m) => to_js(&Report { valid: true, issues: &[], fingerprint: Some(m.fingerprint()) }),
        Err(e) => to_js(&Report { valid: false, issues: &e.issues, fingerprint: None }),
    }
}

/// The embedded default model, in canonical form.
#[wasm_bindgen(js_name = defaultModel, unchecked_return_type = "ScoringModel")]
pub fn default_model() -> Result<JsValue, JsValue> {
    to_js(&Model::default_model().canonical_value())
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Training and backtests (`train`, `backtest`), only in builds with the `train` feature
/// (`pkg/node`, `pkg/train`): they add about 70 KB gzipped, which pages that only score (forms,
/// extensions) should not download.
#[cfg(feature = "train")]
mod train_api {
    use super::{json_text, lead_error, leadscore_error, parse_model, to_js};
    use crate::error::Code;
    use crate::time::{self, Millis};
    use js_sys::{Array, Date, Reflect};
    use serde::Serialize;
    use wasm_bindgen::prelude::*;

    /// A data problem as a `LeadscoreError` (code `invalid_value`) with `line` and `column` when known.
    fn data_error(e: &crate::predict::DataError) -> JsValue {
        let err = leadscore_error(Code::InvalidValue, "", &e.to_string(), None);
        if let Some(line) = e.line {
            let _ = Reflect::set(&err, &"line".into(), &JsValue::from_f64(line as f64));
        }
        if let Some(column) = &e.column {
            let _ = Reflect::set(&err, &"column".into(), &column.as_str().into());
        }
        err
    }

    /// Reads an options object (JSON-compatible) into `T`; unknown or mistyped options are refused.
    fn options_of<T: serde::de::DeserializeOwned>(options: &JsValue, what: &str) -> Result<T, JsValue> {
        let text = if options.is_undefined() || options.is_null() {
            "{}".to_string()
        } else {
            json_text(options, what).map_err(|(code, msg)| leadscore_error(code, "", &msg, None))?
        };
        serde_json::from_str(&text).map_err(|e| leadscore_error(Code::InvalidValue, "", &format!("{what}: {e}"), None))
    }

    /// History given as CSV text or as an array of objects.
    enum History {
        Csv(String),
        Objects(Vec<serde_json::Value>),
    }

    fn history(data: &JsValue) -> Result<History, JsValue> {
        if let Some(text) = data.as_string() {
            return Ok(History::Csv(text));
        }
        if !Array::is_array(data) {
            return Err(leadscore_error(Code::WrongType, "", "history is CSV text or an array of objects", None));
        }
        let text = json_text(data, "the history").map_err(|(code, msg)| leadscore_error(code, "", &msg, None))?;
        serde_json::from_str(&text)
            .map(History::Objects)
            .map_err(|e| leadscore_error(Code::Syntax, "", &format!("the history: {e}"), None))
    }

    fn separator(sep: Option<&str>) -> Result<u8, JsValue> {
        match sep.map(str::as_bytes) {
            None => Ok(b','),
            Some([b]) => Ok(*b),
            Some(_) => {
                Err(leadscore_error(Code::InvalidValue, "separator", "separator must be one ASCII character", None))
            }
        }
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct TrainArgs {
        target: String,
        #[serde(default)]
        ignore: Vec<String>,
        separator: Option<String>,
        holdout_every: Option<usize>,
        bins: Option<usize>,
        l2: Option<f64>,
        hot: Option<f64>,
        warm: Option<f64>,
        id: Option<String>,
    }

    /// Trains a scorecard model from labelled history (CSV text or an array of objects) with the same
    /// trainer as the CLI (`leadscore train`): `{ model, report }`. Deterministic: the same data and
    /// options give the same model everywhere.
    #[wasm_bindgen(unchecked_return_type = "TrainResult")]
    pub fn train(
        #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>[]")] data: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TrainOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let args: TrainArgs = options_of(&options, "train options")?;
        let read = crate::predict::ReadOptions {
            target: args.target,
            ignore: args.ignore,
            separator: separator(args.separator.as_deref())?,
        };
        let dataset = match history(&data)? {
            History::Csv(text) => crate::predict::read_csv(&text, &read),
            History::Objects(rows) => crate::predict::from_objects(&rows, &read),
        }
        .map_err(|e| data_error(&e))?;
        let defaults = crate::predict::TrainOptions::default();
        let options = crate::predict::TrainOptions {
            id: args.id.unwrap_or(defaults.id),
            max_bins: args.bins.unwrap_or(defaults.max_bins),
            l2: args.l2.unwrap_or(defaults.l2),
            holdout_every: args.holdout_every,
            hot_share: args.hot.unwrap_or(defaults.hot_share),
            warm_share: args.warm.unwrap_or(defaults.warm_share),
            ..defaults
        };
        let trained = crate::predict::train(&dataset, &options).map_err(|e| data_error(&e))?;
        #[derive(Serialize)]
        struct Out<'a> {
            model: &'a serde_json::Value,
            report: &'a crate::predict::TrainReport,
        }
        to_js(&Out { model: &trained.model, report: &trained.report })
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct BacktestArgs {
        target: String,
        #[serde(default)]
        ignore: Vec<String>,
        separator: Option<String>,
        as_of: Option<serde_json::Value>,
        test_every: Option<usize>,
        capacity: Option<usize>,
        capacity_per_week_by: Option<String>,
        period_field: Option<String>,
        split_at: Option<String>,
    }

    /// Backtests a model on labelled history (CSV text, or lead objects carrying the outcome field):
    /// the same report as `leadscore backtest --json`.
    #[wasm_bindgen(unchecked_return_type = "BacktestReport")]
    pub fn backtest(
        #[wasm_bindgen(unchecked_param_type = "ScoringModel | string")] model: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>[]")] data: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BacktestOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let scorer = crate::Scorer::new(parse_model(&model)?);
        let args: BacktestArgs = options_of(&options, "backtest options")?;
        let as_of = match &args.as_of {
            None => Date::now().floor() as Millis,
            Some(v) => time::from_json(v).ok_or_else(|| {
                leadscore_error(Code::BadTimestamp, "asOf", "asOf must be an RFC 3339 time or epoch milliseconds", None)
            })?,
        };
        let (mut leads, mut outcome) = match history(&data)? {
            History::Csv(text) => {
                let read = crate::predict::ReadOptions {
                    target: args.target.clone(),
                    ignore: args.ignore,
                    separator: separator(args.separator.as_deref())?,
                };
                let d = crate::predict::read_csv(&text, &read).map_err(|e| data_error(&e))?;
                ((0..d.len()).map(|i| d.lead(i)).collect::<Vec<_>>(), d.outcome)
            }
            History::Objects(rows) => crate::predict::split_outcome(rows, &args.target).map_err(|e| data_error(&e))?,
        };
        if let Some(k) = args.test_every.filter(|k| *k >= 1) {
            leads = leads.into_iter().step_by(k).collect();
            outcome = outcome.into_iter().step_by(k).collect();
        }
        let period = match (args.period_field, args.split_at) {
            (Some(field), Some(at)) => Some(crate::evaluate::Period {
                field,
                split_at: time::parse_rfc3339(&at).ok_or_else(|| {
                    leadscore_error(Code::BadTimestamp, "splitAt", "splitAt must be an RFC 3339 time", None)
                })?,
            }),
            (None, None) => None,
            _ => return Err(leadscore_error(Code::MissingField, "", "periodField and splitAt go together", None)),
        };
        let report = crate::evaluate::backtest(
            &scorer,
            &leads,
            &outcome,
            &crate::evaluate::BacktestOptions {
                as_of,
                capacity: args.capacity,
                capacity_per_week_by: args.capacity_per_week_by,
                period,
            },
        )
        .map_err(|e| lead_error(&e))?;
        to_js(&report)
    }
}
