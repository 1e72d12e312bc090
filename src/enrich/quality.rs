//! Data-quality gates: how complete the fields a fit judgement needs are, and whether the lead is
//! gated (its grade `unknown` rather than the worst, its tier capped, its action replaced).
//!
//! Why: a lead nobody knows anything about is not a poor fit. Grading it D mixes "unknown" with
//! "bad", and routes it as if it had been judged.

use super::types::Quality;
use serde::Serialize;

/// The `quality` section compiled.
pub struct CompiledQuality {
    /// The required fields (or signals), in the model's order.
    pub required: Vec<Box<str>>,
    /// Below this share known, the lead is gated.
    pub min_completeness: f64,
    /// The tier a gated lead may reach at most, by index (0 is the hottest).
    pub tier_cap: Option<usize>,
    /// A gated lead's routing action.
    pub action: Option<Box<str>>,
}

impl CompiledQuality {
    /// Compiles a validated section; `tiers` are the model's tier names, hottest first.
    pub fn new(q: &Quality, tiers: &[&str]) -> CompiledQuality {
        CompiledQuality {
            required: q.required.iter().map(|r| r.as_str().into()).collect(),
            min_completeness: q.min_completeness,
            tier_cap: q.tier_cap.as_ref().and_then(|cap| tiers.iter().position(|t| t == cap)),
            action: q.action.as_deref().map(Into::into),
        }
    }
}

/// What a card says about the completeness of a lead's data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QualityReport<'s> {
    /// Share of the required fields known, to four decimals.
    pub completeness: f64,
    /// Required fields with no value.
    pub missing: Vec<&'s str>,
    /// Required fields whose only values were too old.
    pub stale: Vec<&'s str>,
    /// Merged fields whose sources disagree beyond the tolerance.
    pub conflicting: Vec<&'s str>,
    /// Whether completeness is below the model's minimum (grade `unknown`, tier cap, action).
    pub gated: bool,
}

/// What is known of each required field: `known(i)` and `stale(i)` by index in `required`;
/// `conflicting` lists the merged fields in conflict.
pub fn assess<'s>(
    q: &'s CompiledQuality,
    known: impl Fn(usize) -> bool,
    stale: impl Fn(usize) -> bool,
    conflicting: Vec<&'s str>,
) -> QualityReport<'s> {
    let mut report =
        QualityReport { completeness: 1.0, missing: Vec::new(), stale: Vec::new(), conflicting, gated: false };
    let mut present = 0usize;
    for (i, field) in q.required.iter().enumerate() {
        if known(i) {
            present += 1;
        } else if stale(i) {
            report.stale.push(field);
        } else {
            report.missing.push(field);
        }
    }
    if !q.required.is_empty() {
        let share = present as f64 / q.required.len() as f64;
        report.completeness = (share * 1e4).round() / 1e4;
        // The gate compares the exact share: 2 of 3 is below a minimum of 0.66667.
        report.gated = share < q.min_completeness;
    }
    report
}
