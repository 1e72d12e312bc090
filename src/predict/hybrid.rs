//! Hybrid training (`train --base model.json`): the base model's rules (the sales team's fit rules,
//! with its tiers, caps, scale and any other section) stay as they are, and the boosted trainer
//! learns the rest around them. The base's raw points become each row's starting log-odds (through
//! a logistic fit of the outcome on them), so boosting learns only what the base misses; the
//! learned rules are written in the base's own points (one base point is worth as much odds as one
//! learned point) in a group `learned`, and the calibration is fitted on the combined points.

use super::calibrate;
use super::data::{DataError, Dataset};
use crate::{Model, Scorer};
use serde_json::Value;

/// The base model as the trainer uses it.
pub struct HybridBase {
    /// The base model's JSON, kept to be extended.
    pub model: Value,
    /// Raw points of every dataset row under the base model.
    pub raw: Vec<f64>,
    /// Log-odds per base point (`a`) and at 0 points (`b`), fitted on the training rows.
    pub a: f64,
    /// See `a`.
    pub b: f64,
    /// Starting log-odds of every dataset row: `a * raw + b`.
    pub offset: Vec<f64>,
}

impl HybridBase {
    /// Reads the base model and scores every row with it.
    pub fn new(base: &Value, data: &Dataset, train_rows: &[usize]) -> Result<HybridBase, DataError> {
        let model =
            Model::from_value(base).map_err(|e| DataError::new(format!("the base model does not validate: {e}")))?;
        let scorer = Scorer::new(model);
        let raw: Vec<f64> = (0..data.len())
            .map(|i| {
                scorer.score_value(data.lead(i), 0).map(|c| c.raw).map_err(|e| {
                    DataError::at(data.lines.get(i).copied().unwrap_or(i + 1), None, format!("base model: {e}"))
                })
            })
            .collect::<Result<_, _>>()?;
        let raws: Vec<f64> = train_rows.iter().map(|&i| raw.get(i).copied().unwrap_or(0.0)).collect();
        let y: Vec<bool> = train_rows.iter().map(|&i| data.outcome.get(i).copied().unwrap_or(false)).collect();
        let rate = y.iter().filter(|v| **v).count().max(1) as f64 / y.len().max(2) as f64;
        let factor0 = 20.0 / std::f64::consts::LN_2;
        let (offset, factor) = calibrate::fit(&raws, &y, -libm::log(rate / (1.0 - rate).max(1e-9)) * factor0, factor0);
        let (a, b) = (1.0 / factor, -offset / factor);
        if !(a.is_finite() && b.is_finite() && a > 0.0) {
            return Err(DataError::new("the base model's points do not rank the training rows (no positive fit)"));
        }
        let offset_rows = raw.iter().map(|r| a * r + b).collect();
        Ok(HybridBase { model: base.clone(), raw, a, b, offset: offset_rows })
    }

    /// The base alone on `rows`: its raw points (for the AUC), its fitted probability (for log
    /// loss and Brier), and the outcomes.
    pub fn figures(&self, data: &Dataset, rows: &[usize]) -> (Vec<f64>, Vec<f64>, Vec<bool>) {
        let y: Vec<bool> = rows.iter().map(|&i| data.outcome.get(i).copied().unwrap_or(false)).collect();
        let raw: Vec<f64> = rows.iter().map(|&i| self.raw.get(i).copied().unwrap_or(0.0)).collect();
        let p: Vec<f64> = raw.iter().map(|r| 1.0 / (1.0 + libm::exp(-(self.a * r + self.b)))).collect();
        (raw, p, y)
    }
}
