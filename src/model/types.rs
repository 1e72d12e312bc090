//! The scoring model's types: the validated, defaults-filled form of a `leadscore/v1` JSON document.
//!
//! These types are built only by [`crate::Model::from_json`] / [`crate::Model::from_value`], which check
//! every constraint, so code that holds a `Model` can rely on them. Serialising a `Model` gives its
//! canonical form (see [`crate::model::canonical`]).

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The `enrichment` and `quality` sections' types live with the code that runs them, for the same
/// reason.
pub use crate::enrich::{Enrichment, FieldMerge, Normalize, Pick, Quality, RangeRule};
/// The `signals` section's types live with the signals that read them (so that `signals` needs
/// nothing from `model`); they are part of the model all the same.
pub use crate::signals::{SignalFields, Signals};

/// The only schema tag this version reads.
pub const SCHEMA: &str = "leadscore/v1";

/// A group of rules whose sum is capped (`max`) and/or floored (`min`).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Group {
    /// Upper bound of the group's total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Lower bound of the group's total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
}

/// What happens with a lead field whose type does not fit the test applied to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OnInvalid {
    /// Treat the field as missing for that test and list a warning on the score card (the default).
    #[default]
    Warn,
    /// Refuse to score the lead with a [`crate::LeadError`] naming the field.
    Error,
}

/// Input limits and the wrong-type policy. Limits are always errors.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InputPolicy {
    /// Most events a lead may carry.
    pub max_events: usize,
    /// Longest string or object key (in UTF-8 bytes) anywhere in a lead.
    pub max_string_bytes: usize,
    /// Wrong-typed fields and malformed events: warn (and skip) or error.
    pub on_invalid: OnInvalid,
    /// Texts that mean "not given": an attribute whose text, trimmed, equals one of these (any case)
    /// is read as absent, by every reader (JSON objects and text, NDJSON, CSV, wasm), so the same
    /// lead scores the same from a CSV export (`N/A`, `Select`) and from JSON. Stored trimmed and
    /// lower-cased. Left out of the canonical form when it is the default list, so models that do
    /// not set it keep the fingerprint they had before the setting existed.
    #[serde(skip_serializing_if = "is_default_missing")]
    pub missing: Vec<String>,
}

/// Default of [`InputPolicy::missing`]: the empty text and what CRM and form exports write for no
/// answer.
pub const DEFAULT_MISSING: &[&str] =
    &["", "na", "n/a", "null", "none", "nan", "select", "-- select --", "(select)", "please select", "-", "?"];

fn is_default_missing(missing: &[String]) -> bool {
    missing.iter().map(String::as_str).eq(DEFAULT_MISSING.iter().copied())
}

impl InputPolicy {
    /// Whether `text` means "not given" under this policy.
    pub fn is_missing(&self, text: &str) -> bool {
        is_missing_text(&self.missing, text)
    }
}

/// Whether `text`, trimmed, is one of `missing` (trimmed, lower-cased texts) in any case. Compared
/// without allocating for the ASCII entries (all of the default list), since it runs on every text
/// attribute of every lead.
pub fn is_missing_text(missing: &[String], text: &str) -> bool {
    let text = crate::text::trim(text);
    missing.iter().any(|m| {
        if m.is_ascii() {
            m.len() == text.len() && m.eq_ignore_ascii_case(text)
        } else {
            *m == text.to_lowercase()
        }
    })
}

/// Default of [`InputPolicy::max_events`].
pub const DEFAULT_MAX_EVENTS: usize = 10_000;
/// Default of [`InputPolicy::max_string_bytes`].
pub const DEFAULT_MAX_STRING_BYTES: usize = 16_384;

impl Default for InputPolicy {
    fn default() -> Self {
        InputPolicy {
            max_events: DEFAULT_MAX_EVENTS,
            max_string_bytes: DEFAULT_MAX_STRING_BYTES,
            on_invalid: OnInvalid::Warn,
            missing: DEFAULT_MISSING.iter().map(|m| m.to_string()).collect(),
        }
    }
}

/// One scoring rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// Unique id within the model.
    pub id: String,
    /// The group the points count towards.
    pub group: String,
    /// Points per match (per event for event rules). At most two decimals.
    pub points: f64,
    /// Plain-words reason shown in explanations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Cap on the rule's total (positive rules).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Floor on the rule's total (negative rules).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Event rules only: count at most one (the most recent) matching event.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub once: bool,
    /// What the rule tests.
    #[serde(flatten)]
    pub kind: RuleKind,
}

/// What a rule tests: lead attributes, events, or the absence of recent activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RuleKind {
    /// Fires once when the condition holds on the lead's attributes.
    When(Condition),
    /// Scores matching events.
    Event(EventSpec),
    /// Fires when the lead has had no activity for a number of days.
    Inactive(Inactivity),
}

/// Which events an event rule scores and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventSpec {
    /// Event types that match (any of).
    #[serde(rename = "type")]
    pub types: Vec<String>,
    /// Condition on the event's own fields (`url`, `properties.asset`, `type`, `at`).
    #[serde(rename = "where", skip_serializing_if = "Option::is_none")]
    pub filter: Option<Condition>,
    /// Only events at most this many days before `asOf` count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within_days: Option<f64>,
    /// Each event's points halve every this many days of age.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub half_life_days: Option<f64>,
    /// The rule fires only when at least this many events match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u32>,
}

/// An inactivity penalty.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inactivity {
    /// Fires when the last activity is more than this many days before `asOf`.
    pub days: f64,
    /// Event types that count as activity; empty means every event.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<String>,
    /// A lead field holding a time that counts as activity, e.g. `lastActivityAt` or `createdAt` (taken
    /// together with the events).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Whether a lead with no known activity at all counts as inactive (default true, which keeps scores
    /// monotone: with false, adding an old event to an empty history can trigger the penalty). To spare
    /// brand-new leads, point `field` at their creation time.
    pub when_no_activity: bool,
}

/// The output scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    /// Lowest score.
    pub min: f64,
    /// Highest score.
    pub max: f64,
    /// Decimals the score is rounded to (half away from zero), 0 to 4.
    pub decimals: u8,
    /// Raw-points range mapped linearly onto `[min, max]` before clamping; absent: raw points are the score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<[f64; 2]>,
}

impl Default for Scale {
    fn default() -> Self {
        Scale { min: 0.0, max: 100.0, decimals: 0, raw: None }
    }
}

impl Scale {
    /// Raw points to the score: the linear map from `raw` (if given), rounding half away from zero
    /// to `decimals`, clamping to `[min, max]`.
    pub fn score(&self, raw: f64) -> f64 {
        self.unclamped(raw).clamp(self.min, self.max)
    }

    /// [`Scale::score`] before clamping. Validation requires it to be a finite number at both ends
    /// of `raw`: otherwise the map overflows there, and scores in between come out infinite or not a
    /// number (a JSON `null`).
    pub(crate) fn unclamped(&self, raw: f64) -> f64 {
        let mapped = match self.raw {
            Some([lo, hi]) => self.min + (raw - lo) * (self.max - self.min) / (hi - lo),
            None => raw,
        };
        let factor = [1.0, 10.0, 100.0, 1000.0, 10000.0].get(usize::from(self.decimals)).copied().unwrap_or(1.0);
        (mapped * factor).round() / factor
    }
}

/// A tier: scores at or above `min` (and below the next hotter tier).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tier {
    /// Name, e.g. `hot`.
    pub name: String,
    /// Lowest score in the tier.
    pub min: f64,
    /// Routing action, e.g. `route_to_ae`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Follow-up service level in hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla_hours: Option<f64>,
    /// What the tier means in words for people who do not know the action ids, e.g. "Sales-ready:
    /// a rep follows up within the hour".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Fit grades: letter bands over one group's total (or the raw total).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grades {
    /// A group name, or `raw` for the raw total.
    pub from: String,
    /// Bands, best first; the last has no `min`.
    pub bands: Vec<GradeBand>,
}

/// One grade band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeBand {
    /// The letter, e.g. `A`.
    pub grade: String,
    /// Lowest value in the band; absent for the last (catch-all) band.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
}

/// Maps raw points to a probability: `p = 1 / (1 + exp(-(raw - offset) / factor))`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Raw points at which the probability is 50%.
    pub offset: f64,
    /// Points per unit of log-odds (`factor * ln 2` points double the odds).
    pub factor: f64,
}

/// A condition over a lead's (or an event's) fields.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Every sub-condition holds.
    All(Vec<Condition>),
    /// At least one sub-condition holds.
    Any(Vec<Condition>),
    /// The sub-condition does not hold.
    Not(Box<Condition>),
    /// Tests on one field; all must hold.
    Field {
        /// Dotted path, or a derived signal such as `title.seniority`.
        field: String,
        /// The tests, in canonical operator order.
        tests: Vec<Test>,
    },
}

/// A scalar value compared against.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Scalar {
    /// Text (compared case-insensitively).
    Str(String),
    /// Number.
    Num(f64),
    /// Boolean.
    Bool(bool),
}

/// One test on a field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// Equal to.
    Eq(Scalar),
    /// Not equal to (a missing field is not equal).
    Ne(Scalar),
    /// Equal to one of.
    In(Vec<Scalar>),
    /// Equal to none of (a missing field is in none).
    NotIn(Vec<Scalar>),
    /// Greater than.
    Gt(f64),
    /// Greater than or equal to.
    Gte(f64),
    /// Less than.
    Lt(f64),
    /// Less than or equal to.
    Lte(f64),
    /// Inclusive range.
    Between(f64, f64),
    /// Present and non-empty (`true`) or absent/empty (`false`).
    Exists(bool),
    /// Contains any of (case-insensitive).
    Contains(Vec<String>),
    /// Starts with any of (case-insensitive).
    StartsWith(Vec<String>),
    /// Ends with any of (case-insensitive).
    EndsWith(Vec<String>),
    /// An email address or domain whose domain is one of these, or a subdomain of one.
    DomainIn(Vec<String>),
}

impl Test {
    /// The operator's JSON key.
    pub fn key(&self) -> &'static str {
        match self {
            Test::Eq(_) => "eq",
            Test::Ne(_) => "ne",
            Test::In(_) => "in",
            Test::NotIn(_) => "notIn",
            Test::Gt(_) => "gt",
            Test::Gte(_) => "gte",
            Test::Lt(_) => "lt",
            Test::Lte(_) => "lte",
            Test::Between(..) => "between",
            Test::Exists(_) => "exists",
            Test::Contains(_) => "contains",
            Test::StartsWith(_) => "startsWith",
            Test::EndsWith(_) => "endsWith",
            Test::DomainIn(_) => "domainIn",
        }
    }
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Condition::All(c) => single(s, "all", c),
            Condition::Any(c) => single(s, "any", c),
            Condition::Not(c) => single(s, "not", c),
            Condition::Field { field, tests } => {
                let mut map = s.serialize_map(Some(1 + tests.len()))?;
                map.serialize_entry("field", field)?;
                for t in tests {
                    match t {
                        Test::Eq(v) | Test::Ne(v) => map.serialize_entry(t.key(), v)?,
                        Test::In(v) | Test::NotIn(v) => map.serialize_entry(t.key(), v)?,
                        Test::Gt(v) | Test::Gte(v) | Test::Lt(v) | Test::Lte(v) => map.serialize_entry(t.key(), v)?,
                        Test::Between(a, b) => map.serialize_entry(t.key(), &[a, b])?,
                        Test::Exists(v) => map.serialize_entry(t.key(), v)?,
                        Test::Contains(v) | Test::StartsWith(v) | Test::EndsWith(v) | Test::DomainIn(v) => {
                            map.serialize_entry(t.key(), v)?
                        }
                    }
                }
                map.end()
            }
        }
    }
}

fn single<S: Serializer, T: Serialize + ?Sized>(s: S, key: &str, value: &T) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(1))?;
    map.serialize_entry(key, value)?;
    map.end()
}
