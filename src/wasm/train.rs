//! Training, backtests and fairness audits (`train`, `backtest`, `audit`), only in builds with the `train` feature
//! (`pkg/node`, `pkg/train`): they add about 70 KB gzipped, which pages that only score (forms,
//! extensions) should not download. Options are the boundary's request types, read from JSON.

use super::error::to_js;
use super::input::{json_text, model_of, now};
use crate::api::{self, AuditRequest, BacktestRequest, History, TrainRequest};
use crate::error::Code;
use js_sys::Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Reads an options object into a request type; unknown or mistyped options are refused.
fn request<T: serde::de::DeserializeOwned>(options: &JsValue, what: &str) -> Result<T, api::Error> {
    let text =
        if options.is_undefined() || options.is_null() { "{}".to_string() } else { json_text(options, what, "")? };
    serde_json::from_str(&text).map_err(|e| api::Error::usage("", Code::InvalidValue, format!("{what}: {e}")))
}

/// History given as CSV text or as an array of objects, read into a [`History`] with `rows`
/// holding the parsed objects.
fn history<'a>(data: &'a JsValue, text: &'a mut Option<String>) -> Result<History<'a>, api::Error> {
    if let Some(csv) = data.as_string() {
        return Ok(History::Csv(text.insert(csv)));
    }
    if !Array::is_array(data) {
        return Err(api::Error::usage("", Code::WrongType, "history is CSV text or an array of objects"));
    }
    let json = json_text(data, "the history", "")?;
    serde_json::from_str(&json)
        .map(History::Objects)
        .map_err(|e| api::Error::usage("", Code::Syntax, format!("the history: {e}")))
}

/// Trains a scorecard model from labelled history (CSV text or an array of objects) with the same
/// trainer as the CLI (`leadscore train`): `{ model, report }`. Deterministic: the same data and
/// options give the same model everywhere. `onProgress(stage, done, total)`, if given, is called
/// as training goes (at most once per percent); what it throws is ignored.
#[wasm_bindgen(unchecked_return_type = "TrainResult")]
pub fn train(
    #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>[]")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TrainOptions")] options: JsValue,
    // Left as `Option<Function>` (no unchecked type): wasm-bindgen then declares it optional,
    // so two-argument calls type-check. Called as `(stage: string, done: number, total: number)`.
    on_progress: Option<js_sys::Function>,
) -> Result<JsValue, JsValue> {
    let request: TrainRequest = request(&options, "train options")?;
    let mut text = None;
    let mut report = |stage: &str, done: usize, total: usize| {
        if let Some(f) = &on_progress {
            let _ = f.call3(
                &JsValue::NULL,
                &JsValue::from_str(stage),
                &JsValue::from(done as f64),
                &JsValue::from(total as f64),
            );
        }
    };
    let mut progress = crate::predict::Progress::new(&mut report);
    let trained = api::train_with_progress(history(&data, &mut text)?, &request, &mut progress)?;
    #[derive(Serialize)]
    struct Out<'a> {
        model: &'a serde_json::Value,
        report: &'a crate::predict::TrainReport,
    }
    to_js(&Out { model: &trained.model, report: &trained.report })
}

/// Backtests a model on labelled history (CSV text, or lead objects carrying the outcome field):
/// the same report as `leadscore backtest --json`.
#[wasm_bindgen(unchecked_return_type = "BacktestReport")]
pub fn backtest(
    #[wasm_bindgen(unchecked_param_type = "ScoringModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>[]")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BacktestOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let scorer = crate::Scorer::new(model_of(&model)?);
    let request: BacktestRequest = request(&options, "backtest options")?;
    let mut text = None;
    let report = api::backtest(&scorer, history(&data, &mut text)?, &request, now)?;
    to_js(&report)
}

/// Audits a model's fairness on labelled history (CSV text, or lead objects carrying the outcome
/// field) across one or more segment columns: the same report as `leadscore audit --json`.
#[wasm_bindgen(unchecked_return_type = "AuditReport")]
pub fn audit(
    #[wasm_bindgen(unchecked_param_type = "ScoringModel | string")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>[]")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AuditOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let scorer = crate::Scorer::new(model_of(&model)?);
    let request: AuditRequest = request(&options, "audit options")?;
    let mut text = None;
    let report = api::audit(&scorer, history(&data, &mut text)?, &request, now)?;
    to_js(&report)
}
