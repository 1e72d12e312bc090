//! JS arguments into the boundary's types: values into JSON text (through the encoder snippet,
//! `src/wasm/encode.js`), and `{ asOf, explain }` into [`ScoreSettings`].

use super::error::{message_of, usage};
use crate::api::{self, ScoreOptions, ScoreSettings, TimeInput};
use crate::error::Code;
use crate::time::Millis;
use js_sys::{Date, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `{ asOf, explain }` (optional). Typed here for the default, full cards; `explain: false` and its
    /// `ScoreSummary` results are overloads in `types.d.ts`.
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

#[wasm_bindgen(module = "/src/wasm/encode.js")]
extern "C" {
    /// A value's JSON text as UTF-8 bytes (a string is JSON text already), or `undefined` when JSON
    /// leaves the value out; throws what `JSON.stringify` throws.
    #[wasm_bindgen(js_name = jsonBytes, catch)]
    fn json_bytes(value: &JsValue) -> Result<JsValue, JsValue>;
    /// A string as UTF-8 bytes, or `undefined` for anything else.
    #[wasm_bindgen(js_name = textBytes, catch)]
    fn text_bytes(text: &JsValue) -> Result<JsValue, JsValue>;
    /// `leads[start..end]` as UTF-8 lines, or `undefined` (see `encode.js`).
    #[wasm_bindgen(js_name = leadLines, catch)]
    fn lead_lines(leads: &js_sys::Array, start: u32, end: u32) -> Result<JsValue, JsValue>;
}

/// Bytes from the encoder as text (`None` if they are not a `Uint8Array` of UTF-8, which
/// `TextEncoder` never gives).
fn encoded_text(bytes: JsValue) -> Option<String> {
    String::from_utf8(bytes.dyn_into::<Uint8Array>().ok()?.to_vec()).ok()
}

/// JSON text of a JS value: strings are taken as JSON text already; anything else is stringified.
/// `what` names the argument in the error (`the lead`); `path` locates it (`[3]` in a batch).
pub(super) fn json_text(value: &JsValue, what: &str, path: &str) -> Result<String, api::Error> {
    let refused = |reason: String| api::Error::usage(path, Code::WrongType, reason);
    if value.is_undefined() {
        return Err(refused(format!("{what} is undefined")));
    }
    match json_bytes(value) {
        Ok(bytes) => encoded_text(bytes).ok_or_else(|| refused(format!("{what} cannot be written as JSON"))),
        // Cycles, BigInt, or a stack overflow in a huge structure: a JS exception, caught.
        Err(e) => Err(refused(format!("{what} cannot be written as JSON: {}", message_of(&e)))),
    }
}

/// The model a JS argument gives: JSON text or an object; `undefined` or `null`: the default.
pub(super) fn model_of(model: &JsValue) -> Result<crate::Model, api::Error> {
    if model.is_undefined() || model.is_null() {
        return api::load_model(None);
    }
    api::load_model(Some(&json_text(model, "the model", "")?))
}

/// A string's UTF-8 text, or `None` when it is not a string.
pub(super) fn string_text(text: &JsValue) -> Option<String> {
    text_bytes(text).ok().and_then(encoded_text)
}

/// `leads[start..end]` as one text of lines, or `None` when the slice needs the lead-by-lead path.
pub(super) fn batch_lines(leads: &js_sys::Array, start: u32, end: u32) -> Option<String> {
    lead_lines(leads, start, end).ok().and_then(encoded_text)
}

/// The current time: the JS API's default `asOf` (the core reads no clock).
pub(super) fn now() -> Millis {
    Date::now().floor() as Millis
}

/// A property read through a getter that may throw: a throw is the caller's error, not a default.
fn property(read: Result<JsValue, JsValue>, name: &str) -> Result<JsValue, JsValue> {
    read.map_err(|e| usage(name, Code::InvalidValue, format!("reading options.{name} threw: {}", message_of(&e))))
}

/// Reads `{ asOf, explain }`; anything but an object (or nothing) is refused.
pub(super) fn score_settings(options: Option<OptionsArg>) -> Result<ScoreSettings, JsValue> {
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(ScoreOptions::default().resolve(now)?);
    };
    if !options.is_object() {
        return Err(usage("", Code::WrongType, "options must be an object: { asOf, explain }"));
    }
    let as_of = property(options.as_of(), "asOf")?;
    let as_of = if as_of.is_undefined() || as_of.is_null() {
        None
    } else if let Some(date) = as_of.dyn_ref::<Date>() {
        Some(TimeInput::EpochMs(date.get_time()))
    } else if let Some(ms) = as_of.as_f64() {
        Some(TimeInput::EpochMs(ms))
    } else if let Some(text) = as_of.as_string() {
        Some(TimeInput::Text(text))
    } else {
        let reason = "asOf must be a valid Date, an RFC 3339 time or epoch milliseconds";
        return Err(usage("asOf", Code::BadTimestamp, reason));
    };
    let explain = property(options.explain(), "explain")?;
    let explain = if explain.is_undefined() || explain.is_null() {
        None
    } else {
        let reason = "explain must be true or false (default true)";
        Some(explain.as_bool().ok_or_else(|| usage("explain", Code::WrongType, reason))?)
    };
    Ok(ScoreOptions { as_of, explain }.resolve(now)?)
}
