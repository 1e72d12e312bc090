//! The contacts' roll-up and breadth.
//!
//! Why these policies: a sum (Marketo) inflates large accounts; a mean of all contacts (with or
//! without the bottom quartile) is diluted by passive ones. The default, the mean of the best `k`
//! engaged contacts, says "how good are the people we are talking to"; breadth says "how many of
//! them", in steps the model chooses (diminishing returns).

use super::members::{centi, engaged_by_score, show, Member};
use crate::model::{Breadth, Rollup, RollupPolicy};
use serde::Serialize;

/// The card's contacts report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactsReport {
    /// Contacts given.
    pub total: usize,
    /// Contacts at or above `engagedMin`.
    pub engaged: usize,
    /// The contacts the roll-up counted, best first.
    pub counted: Vec<CountedContact>,
    /// Engaged contacts the roll-up left out (beyond `k`; `max` counts one).
    pub left_out: usize,
}

/// A contact the roll-up counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountedContact {
    /// As [`Member::id`].
    pub id: String,
    /// Its lead score.
    pub score: f64,
    /// What it counted for (after `perContactCap`).
    pub counted: f64,
}

/// The roll-up's report, points (hundredths) and reason.
pub fn rollup(spec: &Rollup, members: &[Member]) -> (ContactsReport, i64, String) {
    let engaged = engaged_by_score(members);
    let value = |m: &Member| spec.per_contact_cap.map_or(m.score, |cap| m.score.min(cap));
    let take = match spec.policy {
        RollupPolicy::TopKMean => spec.k as usize,
        RollupPolicy::CappedSum => engaged.len(),
        RollupPolicy::Max => 1,
    };
    let counted: Vec<CountedContact> = engaged
        .iter()
        .take(take)
        .map(|m| CountedContact { id: m.id.clone(), score: m.score, counted: value(m) })
        .collect();
    // Summed best first: the same order, so the same float sum, on every target.
    let sum: f64 = counted.iter().map(|c| c.counted).sum();
    let (rolled, how) = match spec.policy {
        RollupPolicy::TopKMean if counted.is_empty() => (0.0, String::new()),
        RollupPolicy::TopKMean => {
            let mean = sum / counted.len() as f64;
            (mean, format!("mean of the best {} of {} engaged", counted.len(), engaged.len()))
        }
        RollupPolicy::CappedSum => match spec.cap {
            Some(cap) if sum > cap => {
                (cap, format!("sum of {} engaged, {} capped at {}", engaged.len(), show(round2(sum)), show(cap)))
            }
            _ => (sum, format!("sum of {} engaged", engaged.len())),
        },
        RollupPolicy::Max => (counted.first().map_or(0.0, |c| c.counted), format!("best of {} engaged", engaged.len())),
    };
    let points_c = centi(rolled * spec.weight);
    let left_out = engaged.len() - counted.len();
    let reason = if counted.is_empty() {
        format!(
            "No engaged contacts (score {} or more) among {}",
            show(spec.engaged_min),
            plural(members.len(), "contact")
        )
    } else {
        let names: Vec<String> = counted.iter().map(|c| format!("{} {}", c.id, show(c.counted))).collect();
        let left =
            if left_out > 0 { format!("; {} left out", plural(left_out, "engaged contact")) } else { String::new() };
        format!("Contacts: {how} = {} × {}: {}{left}", show(round2(rolled)), show(spec.weight), names.join(", "))
    };
    let report = ContactsReport { total: members.len(), engaged: engaged.len(), counted, left_out };
    (report, points_c, reason)
}

/// Breadth's points (hundredths) and reason, for `engaged` engaged contacts.
pub fn breadth(spec: &Breadth, engaged: usize) -> (i64, String) {
    let reached = spec.steps.iter().rev().find(|s| s.contacts as usize <= engaged);
    match (reached, spec.steps.first()) {
        (Some(step), _) => {
            (centi(step.points), format!("{} engaged: the {}+ step", plural(engaged, "contact"), step.contacts))
        }
        (None, Some(first)) => {
            (0, format!("{} engaged; the first step needs {}", plural(engaged, "contact"), first.contacts))
        }
        (None, None) => (0, String::new()),
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// "1 contact", "3 contacts".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
