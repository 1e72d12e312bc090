//! Every failure leaves as a JS `Error` named `LeadscoreError` carrying the api error's fields:
//! `kind`, `code`, `path`, `segments`, `reason`, and `line`/`column`/`field`/`issues` when known.
//! One `From` turns the boundary's one error type into it, so `?` is all an adapter writes.

use crate::api;
use crate::error::Code;
use js_sys::{Error, Object, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

impl From<api::Error> for JsValue {
    fn from(e: api::Error) -> JsValue {
        let err = Error::new(&e.to_string());
        err.set_name("LeadscoreError");
        // The fields as a plain object (JSON.parse, so no key is special), copied onto the Error.
        if let Ok(fields) = to_js(&e) {
            if let Some(fields) = fields.dyn_ref::<Object>() {
                Object::assign(err.as_ref(), fields);
            }
        }
        err.into()
    }
}

/// A usage error for a JS argument (`path`: the argument or option as the API spells it).
pub(super) fn usage(path: &str, code: Code, reason: impl Into<String>) -> JsValue {
    api::Error::usage(path, code, reason).into()
}

/// The message of a JS exception, for a reason text.
pub(super) fn message_of(e: &JsValue) -> String {
    e.dyn_ref::<Error>().map_or_else(|| "unknown reason".to_string(), |e| String::from(e.message()))
}

/// A Rust value as plain JS data through JSON text: `JSON.parse` makes every key an own data
/// property (a model's group named `__proto__` stays a group; serde-wasm-bindgen's property sets
/// would make it the object's prototype), and 64-bit integers become numbers as JSON says.
pub(super) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        let err = Error::new(&format!("could not convert the result: {e}"));
        err.set_name("LeadscoreError");
        JsValue::from(err)
    })?;
    JSON::parse(&text)
}
