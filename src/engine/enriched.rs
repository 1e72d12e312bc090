//! The enrichment merge and the quality gates as they appear on a score card: each merged field
//! with its source, age and the other sources' values; conflict warnings; the quality report.

use crate::enrich::{CompiledEnrichment, Merged, Status, LEAD_SOURCE};
use crate::error::{Code, LeadError};
use crate::time::{format_rfc3339, Millis};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// One merged field on a card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrichedField<'s> {
    /// The lead field the rules read.
    pub field: &'s str,
    /// The value the rules saw (a range as its text, `"51-200"`); `null` when no source had one.
    pub value: Option<Value>,
    /// The source it came from (`lead` for the lead's own field).
    pub source: Option<&'s str>,
    /// When that source verified it.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_rfc3339")]
    pub verified_at: Option<Millis>,
    /// Whole days from then to `asOf`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_days: Option<i64>,
    /// That source's confidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// The other sources' values, in priority order.
    pub others: Vec<OtherValue<'s>>,
    /// All of it in words, as contributions that read the field carry it.
    pub text: String,
}

/// Another source's value for a merged field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OtherValue<'s> {
    /// The source.
    pub source: &'s str,
    /// Its value (normalized when it could be).
    pub value: Value,
    /// When it verified it.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_rfc3339")]
    pub verified_at: Option<Millis>,
    /// Whole days from then to `asOf`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_days: Option<i64>,
    /// Its confidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// `agrees` or `conflicts` (with the chosen value), or `skipped`.
    pub status: &'static str,
    /// Why it was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

fn opt_rfc3339<S: Serializer>(ms: &Option<Millis>, s: S) -> Result<S::Ok, S::Error> {
    match ms {
        Some(ms) => s.serialize_str(&format_rfc3339(*ms)),
        None => s.serialize_none(),
    }
}

/// The card's view of every merged field, in field order; `texts` are their provenance texts.
pub fn enriched_fields<'s>(
    spec: &'s CompiledEnrichment,
    merged: &[Merged],
    texts: Vec<String>,
) -> Vec<EnrichedField<'s>> {
    let name = |i: usize| spec.sources.get(i).map_or("?", |s| &**s);
    spec.fields
        .iter()
        .zip(merged)
        .zip(texts)
        .map(|((f, m), text)| {
            let chosen = m.chosen.and_then(|i| m.candidates.get(i));
            EnrichedField {
                field: &f.path,
                value: chosen.map(|c| c.value.to_json()),
                source: chosen.map(|c| name(c.source)),
                verified_at: chosen.and_then(|c| c.verified_at),
                age_days: chosen.and_then(|c| c.age_days),
                confidence: chosen.and_then(|c| c.confidence),
                others: m
                    .candidates
                    .iter()
                    .filter(|c| c.status != Status::Chosen)
                    .map(|c| {
                        let (status, reason) = match &c.status {
                            Status::Agrees => ("agrees", None),
                            Status::Conflicts => ("conflicts", None),
                            Status::Skipped { reason, .. } => ("skipped", Some(reason.clone())),
                            Status::Chosen => ("chosen", None),
                        };
                        OtherValue {
                            source: name(c.source),
                            value: c.value.to_json(),
                            verified_at: c.verified_at,
                            age_days: c.age_days,
                            confidence: c.confidence,
                            status,
                            reason,
                        }
                    })
                    .collect(),
                text,
            }
        })
        .collect()
}

/// A warning per merged field whose sources conflict: they are facts about the data, not bad
/// input, so they never fail a lead (even under `onInvalid: "error"`).
pub fn conflict_warnings(spec: &CompiledEnrichment, merged: &[Merged], out: &mut Vec<LeadError>) {
    let name = |i: usize| spec.sources.get(i).map_or("?", |s| &**s);
    let who = |i: usize| if name(i) == LEAD_SOURCE { "the lead" } else { name(i) };
    for (f, m) in spec.fields.iter().zip(merged).filter(|(_, m)| m.conflicting()) {
        let mut parts = Vec::new();
        for c in m.candidates.iter() {
            match c.status {
                Status::Chosen => parts.push(format!("{} said {} (used)", who(c.source), c.value.show())),
                Status::Conflicts => parts.push(format!("{} said {}", who(c.source), c.value.show())),
                _ => {}
            }
        }
        out.push(LeadError::new(&*f.path, Code::Conflict, format!("sources disagree: {}", parts.join(", "))));
    }
}
