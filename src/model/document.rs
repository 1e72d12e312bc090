//! The model document itself: every section, the lead's and the account's.
//!
//! Apart from the section types (in `types` and `account`) so that those two do not depend on each
//! other through it.

use super::account::AccountSection;
use super::types::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// A validated scoring model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Model {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Stable identifier, e.g. `b2b-default`.
    pub id: String,
    /// Version label chosen by the author, e.g. `"3"`.
    pub version: String,
    /// Human-readable name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the model is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Point groups (`fit`, `engagement`, `negative`, ...) with optional caps and floors, by name.
    pub groups: BTreeMap<String, Group>,
    /// Where derived signals read from, and the model's domain lists.
    pub signals: Signals,
    /// Limits and the policy for wrong-typed lead fields.
    pub input: InputPolicy,
    /// Scoring rules, evaluated in this order.
    pub rules: Vec<Rule>,
    /// The output scale.
    pub scale: Scale,
    /// Tiers, hottest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    /// Fit grades.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grades: Option<Grades>,
    /// Points-to-probability mapping.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calibration: Option<Calibration>,
    /// How vendor payloads merge into the fields the rules read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrichment: Option<Enrichment>,
    /// Data-quality gates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// How accounts (companies and their contacts) are scored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<Box<AccountSection>>,
}
