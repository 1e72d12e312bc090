//! Lifecycle stages (lead, MQL, SAL, SQL, PQL, or the model's own).
//!
//! The caller passes the previous stage (a contact field); stages move forward only: a contact
//! enters the furthest automatic stage whose conditions hold (and whose `from` it has reached),
//! and keeps its stage otherwise. A stage with a recycle rule sends a contact back after so many
//! days when its score is below the rule's (or the stage's conditions no longer hold). Manual
//! stages (a sales acceptance) are suggested when their conditions hold, never entered.

use crate::engine::{Lead, ScoreCard};
use crate::model::{CardGate, Lifecycle, Stage};
use crate::time::{self, Millis, DAY_MS};
use serde::Serialize;

/// A contact's stage on its card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageResult<'s> {
    /// The stage now (none when no stage's conditions hold and none was given).
    pub id: Option<&'s str>,
    /// The stage the caller gave, as given.
    pub previous: Option<String>,
    /// `entered`, `kept`, `recycled` or `none`.
    pub change: &'static str,
    /// A manual stage further on whose conditions hold: for a person to decide.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<&'s str>,
    /// Why, in words.
    pub reason: String,
}

/// What a stage's conditions read besides the contact's card.
pub struct Facts<'a, 's> {
    /// The contact's card.
    pub card: &'a ScoreCard<'s>,
    /// The account's card.
    pub account: &'a ScoreCard<'s>,
    /// Whether the stage's `when` holds for the contact (by stage id).
    pub when: &'a dyn Fn(&str) -> bool,
}

fn gate_holds(g: &CardGate, card: &ScoreCard<'_>) -> bool {
    g.min_score.is_none_or(|m| card.score >= m)
        && (g.tiers.is_empty() || card.tier.as_ref().is_some_and(|t| g.tiers.iter().any(|n| n == t.name)))
        && (g.grades.is_empty() || card.grade.is_some_and(|gr| g.grades.iter().any(|n| n == gr)))
        && g.groups.iter().all(|(name, min)| card.groups.iter().any(|t| t.group == name && t.points >= *min))
}

fn holds(stage: &Stage, f: &Facts<'_, '_>) -> bool {
    gate_holds(&stage.lead, f.card)
        && stage.account.as_ref().is_none_or(|g| gate_holds(g, f.account))
        && (stage.when.is_none() || (f.when)(&stage.id))
}

/// The contact's stage as of `as_of`.
pub fn stage<'s>(spec: &'s Lifecycle, contact: &Lead, facts: &Facts<'_, 's>, as_of: Millis) -> StageResult<'s> {
    let stages = &spec.stages;
    let previous = match contact.attr(&spec.field) {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    let prev_index = previous.as_deref().and_then(|p| stages.iter().position(|s| s.id.eq_ignore_ascii_case(p)));
    let since = contact.attr(&spec.since_field).and_then(time::from_json);
    let position = |id: &str| stages.iter().position(|s| s.id == id);
    // Recycling first: it can only send a contact back.
    let mut base = prev_index;
    let mut recycled = None;
    if let Some((i, s)) = prev_index.and_then(|i| Some((i, stages.get(i)?))) {
        if let (Some(rule), Some(since)) = (&s.recycle, since) {
            let days = (as_of - since) as f64 / DAY_MS as f64;
            let fallen = match rule.below_score {
                Some(below) => facts.card.score < below,
                None => !holds(s, facts),
            };
            if days >= rule.after_days && fallen {
                base = position(&rule.to);
                recycled = Some((i, days));
            }
        }
    }
    let reachable = |s: &Stage, base: Option<usize>| {
        s.from.as_deref().and_then(position).is_none_or(|from| base.is_some_and(|b| b >= from))
    };
    let target = stages
        .iter()
        .enumerate()
        .filter(|(i, s)| !s.manual && base.is_none_or(|b| *i > b) && reachable(s, base) && holds(s, facts))
        .map(|(i, _)| i)
        .next_back();
    let now = target.or(base);
    let suggested = stages
        .iter()
        .enumerate()
        .filter(|(i, s)| s.manual && now.is_none_or(|n| *i > n) && reachable(s, now) && holds(s, facts))
        .map(|(_, s)| s.id.as_str())
        .next_back();
    let name = |i: usize| stages.get(i).map_or("", |s| s.id.as_str());
    let (change, reason) = match (target, recycled) {
        (Some(t), _) => (
            "entered",
            format!(
                "Entered {}: its conditions hold{}",
                name(t),
                match prev_index {
                    Some(p) if recycled.is_some() => format!(" (recycled from {} first)", name(p)),
                    Some(p) => format!(" (was {})", name(p)),
                    None => String::new(),
                }
            ),
        ),
        (None, Some((from, days))) => (
            "recycled",
            format!(
                "Recycled from {} to {} after {} days",
                name(from),
                now.map_or("", name),
                crate::json::number(days.floor())
            ),
        ),
        (None, None) if prev_index.is_some() => {
            ("kept", format!("Stays {}: stages move forward only", now.map_or("", name)))
        }
        (None, None) => match previous {
            Some(ref p) => ("none", format!("\"{p}\" is not a stage of the model; no stage's conditions hold")),
            None => ("none", "No stage's conditions hold".to_string()),
        },
    };
    StageResult { id: now.and_then(|i| stages.get(i)).map(|s| s.id.as_str()), previous, change, suggested, reason }
}
