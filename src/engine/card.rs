//! The score card: the result of scoring one lead, with every point explained.
//!
//! Invariants (checked by property tests): the contributions' `points` add up exactly to `raw`; each
//! group's `points` is the sum of its contributions; `score` lies on the model's scale.
//! Names and reasons borrow from the [`crate::Scorer`] (no copies, no reference counting per lead).
//! Numbers are decimal-exact at their documented precision: points in hundredths, the score at
//! `scale.decimals`, the probability at six decimals.

use super::enriched::EnrichedField;
use crate::enrich::QualityReport;
use crate::error::LeadError;
use crate::time::{format_rfc3339, Millis};
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// A tolerated problem with the lead (same shape as [`LeadError`]).
pub type Warning = LeadError;

/// The result of scoring one lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreCard<'s> {
    /// The lead's `id` field, echoed when present (a string or number), to match cards to leads in batches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_id: Option<serde_json::Value>,
    /// Model id.
    pub model_id: &'s str,
    /// Model version.
    pub model_version: &'s str,
    /// `sha256:` fingerprint of the model's canonical form.
    pub fingerprint: &'s str,
    /// The time the lead was scored as of, as RFC 3339 UTC.
    #[serde(serialize_with = "serialize_rfc3339")]
    pub as_of: Millis,
    /// Score on the model's scale, rounded to `scale.decimals`.
    pub score: f64,
    /// Sum of all contributions, in points (hundredths).
    pub raw: f64,
    /// The tier the score falls in.
    pub tier: Option<TierResult<'s>>,
    /// Fit grade.
    pub grade: Option<&'s str>,
    /// Grade and tier rank, e.g. `A1` (best fit, hottest tier).
    pub label: Option<&'s str>,
    /// Conversion probability from the model's calibration.
    pub probability: Option<f64>,
    /// Data quality, for a model with a `quality` section: completeness of the fields a fit
    /// judgement needs, and whether the lead is gated for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<QualityReport<'s>>,
    /// Per-group totals, in group-name order.
    pub groups: Vec<GroupTotal<'s>>,
    /// Every rule that fired, then group caps, in model order.
    pub contributions: Vec<Contribution<'s>>,
    /// For a model with an `enrichment` section: every merged field, its source and the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrichment: Option<Vec<EnrichedField<'s>>>,
    /// Tolerated problems with the lead's data.
    pub warnings: Vec<Warning>,
}

pub(crate) fn serialize_rfc3339<S: Serializer>(ms: &Millis, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_rfc3339(*ms))
}

/// The tier of a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierResult<'s> {
    /// Tier name.
    pub name: &'s str,
    /// 1 for the hottest tier, 2 for the next, ...
    pub rank: u32,
    /// Routing action.
    pub action: Option<&'s str>,
    /// Follow-up service level in hours.
    pub sla_hours: Option<f64>,
    /// The tier's words for people (the model's `tiers[].label`), when it has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'s str>,
}

/// A group's total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupTotal<'s> {
    /// Group name.
    pub group: &'s str,
    /// Total after the group's cap or floor.
    pub points: f64,
    /// Total before it.
    pub uncapped: f64,
}

/// Why a contribution exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ContributionKind {
    /// An attribute rule whose condition held.
    Attribute,
    /// An event rule with matching events.
    Event,
    /// An inactivity rule.
    Inactivity,
    /// A group's cap or floor taking points back.
    GroupCap,
    /// Account cards: the contacts' roll-up.
    Rollup,
    /// Account cards: the number of engaged contacts.
    Breadth,
    /// Account cards: one buying-group role, filled or missing.
    Role,
    /// Account cards: buying-group completeness.
    Completeness,
    /// Account cards: one intent signal.
    Intent,
    /// Contact cards: the boost of a hot account.
    AccountBoost,
}

/// Points from one rule (or one group cap).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution<'s> {
    /// Rule id; `cap:<group>` for a group cap. Borrowed from the scorer, except on account cards,
    /// whose roll-up, roles and intent are named after the input.
    pub rule: Cow<'s, str>,
    /// Group.
    pub group: &'s str,
    /// What kind.
    pub kind: ContributionKind,
    /// Points counted, after decay and caps.
    pub points: f64,
    /// Plain-words reason (written per card for account contributions, which name contacts).
    pub reason: Cow<'s, str>,
    /// Event rules: how many events matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<u32>,
    /// Event rules: points lost to decay.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decayed: Option<f64>,
    /// Event rules: points removed by the rule's cap or floor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capped: Option<f64>,
    /// Inactivity rules: the last activity seen, if any.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize_opt_rfc3339")]
    pub last_activity_at: Option<Millis>,
    /// Where the merged (enriched) fields the rule read came from, one text per field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<String>,
}

pub(crate) fn serialize_opt_rfc3339<S: Serializer>(ms: &Option<Millis>, s: S) -> Result<S::Ok, S::Error> {
    match ms {
        Some(ms) => s.serialize_str(&format_rfc3339(*ms)),
        None => s.serialize_none(),
    }
}

/// A score card without its explanation (`groups`, `contributions`): what a batch that only routes
/// leads needs. Same field names and values as [`ScoreCard`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreSummary<'c, 's> {
    /// As [`ScoreCard::lead_id`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_id: Option<&'c serde_json::Value>,
    /// Model id.
    pub model_id: &'s str,
    /// Model version.
    pub model_version: &'s str,
    /// `sha256:` fingerprint of the model's canonical form.
    pub fingerprint: &'s str,
    /// The time the lead was scored as of, as RFC 3339 UTC.
    #[serde(serialize_with = "serialize_rfc3339")]
    pub as_of: Millis,
    /// Score on the model's scale.
    pub score: f64,
    /// Sum of all contributions, in points.
    pub raw: f64,
    /// The tier the score falls in.
    pub tier: Option<&'c TierResult<'s>>,
    /// Fit grade.
    pub grade: Option<&'s str>,
    /// Grade and tier rank.
    pub label: Option<&'s str>,
    /// Conversion probability.
    pub probability: Option<f64>,
    /// As [`ScoreCard::quality`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<&'c QualityReport<'s>>,
    /// Tolerated problems with the lead's data.
    pub warnings: &'c [Warning],
}

impl ScoreSummary<'_, '_> {
    /// The summary as JSON text, byte for byte what `JSON.stringify` writes for the JS API's
    /// `explain: false` card (see [`ScoreCard::to_json`]).
    pub fn to_json(&self) -> String {
        crate::json::to_string(self).unwrap_or_default()
    }
}

impl<'s> ScoreCard<'s> {
    /// The card without `groups` and `contributions`.
    pub fn summary(&self) -> ScoreSummary<'_, 's> {
        ScoreSummary {
            lead_id: self.lead_id.as_ref(),
            model_id: self.model_id,
            model_version: self.model_version,
            fingerprint: self.fingerprint,
            as_of: self.as_of,
            score: self.score,
            raw: self.raw,
            tier: self.tier.as_ref(),
            grade: self.grade,
            label: self.label,
            probability: self.probability,
            quality: self.quality.as_ref(),
            warnings: &self.warnings,
        }
    }

    /// The card as JSON text, byte for byte what `JSON.stringify` writes for the same card from the
    /// JavaScript API (numbers as JavaScript writes them: `60`, not `60.0`; see [`crate::json`]).
    /// Use this, not `serde_json::to_string`, wherever a card's text is compared or stored.
    pub fn to_json(&self) -> String {
        crate::json::to_string(self).unwrap_or_default()
    }

    /// The contributions that added points, largest first: the top reasons to show a person.
    pub fn top_reasons(&self, n: usize) -> Vec<&Contribution<'s>> {
        let mut positive: Vec<&Contribution<'s>> = self.contributions.iter().filter(|c| c.points > 0.0).collect();
        positive.sort_by(|a, b| b.points.total_cmp(&a.points));
        positive.truncate(n);
        positive
    }
}
