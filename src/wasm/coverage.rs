//! `coverage(model, leads)`: which fields a model reads are present in a batch of leads, with a
//! warning and a did-you-mean for a field no lead has. Beside `train` and `backtest` (whose reports
//! carry the same object as `report.coverage`), in the builds with the `train` feature: a page that
//! only scores does not download it.

use super::input::{json_text, model_of, string_text};
use crate::api::{self, History};
use crate::error::Code;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

/// Coverage of a batch: an array of leads (objects or JSON texts) or newline-delimited JSON (a
/// string or UTF-8 bytes). Throws a `LeadscoreError` for a lead that cannot be read, with its
/// 0-based index (or line) first in the path, as `scoreMany` and `scoreNdjson` do.
#[wasm_bindgen(unchecked_return_type = "CoverageReport")]
pub fn coverage(
    #[wasm_bindgen(unchecked_param_type = "ScoringModel | string | null | undefined")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<Lead | string> | string | Uint8Array")] leads: JsValue,
) -> Result<JsValue, JsValue> {
    let scorer = crate::Scorer::new(model_of(&model)?);
    let report = if let Some(bytes) = leads.dyn_ref::<Uint8Array>() {
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| api::Error::usage("", Code::WrongType, "the leads are not valid UTF-8"))?;
        api::coverage(&scorer, History::JsonLines(&text))?
    } else if let Some(text) = string_text(&leads) {
        api::coverage(&scorer, History::JsonLines(&text))?
    } else if let Some(array) = leads.dyn_ref::<Array>() {
        let mut rows = Vec::with_capacity(array.length() as usize);
        for (i, lead) in array.iter().enumerate() {
            let text = json_text(&lead, "the lead", &format!("[{i}]"))?;
            let value = serde_json::from_str(&text).map_err(|e| {
                api::Error::new(api::Kind::Lead, Code::Syntax, "", format!("not valid JSON: {e}")).in_batch(i)
            })?;
            rows.push(value);
        }
        api::coverage(&scorer, History::Objects(rows))?
    } else {
        let reason = "coverage takes an array of leads, or NDJSON as a string or UTF-8 bytes";
        return Err(api::Error::usage("", Code::WrongType, reason).into());
    };
    super::error::to_js(&report)
}
