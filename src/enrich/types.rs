//! The model's `enrichment` and `quality` sections. Defined here, as the `signals` section is in
//! `signals`, so that `enrich` needs nothing from `model`: `model` reads and validates them (and
//! re-exports them), `enrich` only runs them.

use serde::Serialize;
use std::collections::BTreeMap;

/// The name that stands for the lead's own fields in a source list.
pub const LEAD_SOURCE: &str = "lead";

/// How vendor payloads on a lead are merged into one value per field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Enrichment {
    /// Every source, in the default priority order: vendor names (keys of a lead's `enrichment`
    /// object) and `lead` for the lead's own fields.
    pub sources: Vec<String>,
    /// Values verified longer ago than this many days before `asOf` are stale and skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_age_days: Option<f64>,
    /// Payloads whose `confidence` (0 to 1) is below this are skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<f64>,
    /// How a range of numbers ("51-200") answers a numeric test.
    pub ranges: RangeRule,
    /// Canonical industry name -> the names vendors use for it (matched ignoring case).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub industries: BTreeMap<String, Vec<String>>,
    /// The merged fields, by the lead field path the rules read.
    pub fields: BTreeMap<String, FieldMerge>,
}

/// How one field is merged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldMerge {
    /// Which value wins.
    pub pick: Pick,
    /// The sources for this field in priority order (default: the section's `sources`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<String>>,
    /// Where a vendor's payload holds this field when not under the same path, by vendor.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    /// The built-in normalization applied to every value before it is compared or picked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normalize: Option<Normalize>,
    /// Overrides the section's `maxAgeDays`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_age_days: Option<f64>,
    /// Overrides the section's `minConfidence`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<f64>,
    /// Numbers within this share of the chosen one (0.2: 20%) agree with it; further off they
    /// conflict. Texts conflict when they differ. Default 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

/// Which of the usable values of a field wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Pick {
    /// The first source in priority order with a usable value (a waterfall).
    Priority,
    /// The value verified most recently (undated values last; ties by priority).
    Latest,
    /// The value the most sources agree on (ties by priority).
    MostFrequent,
    /// The largest number (a range by its upper end; ties by priority).
    Max,
}

/// Built-in normalizations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Normalize {
    /// Employee counts and ranges: `340`, `"1,200"`, `"5k"`, `"51-200"`, `"10,001+"`.
    Employees,
    /// Country names and codes to ISO 3166-1 alpha-2 (`"United States"`, `"USA"` -> `"US"`).
    Country,
    /// Industry names through the section's `industries` table.
    Industry,
}

/// How a range of numbers answers `gt`, `gte`, `lt`, `lte`, `between` and numeric `eq`/`in`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum RangeRule {
    /// As its midpoint (an open range `10,001+` as its lower end). The default.
    #[default]
    Midpoint,
    /// Only when every number in the range passes.
    Within,
    /// When some number in the range passes.
    Overlaps,
}

/// Data-quality gates: the fields a fit judgement needs, and what happens when too few are known.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quality {
    /// Lead fields (or derived signals such as `title.seniority`) a fit judgement needs.
    pub required: Vec<String>,
    /// Below this share of `required` known, the grade is `unknown` (not the worst grade).
    pub min_completeness: f64,
    /// The hottest tier a gated lead may reach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier_cap: Option<String>,
    /// The routing action of a gated lead, e.g. `data_review`, in place of its tier's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
}
