//! Intent: third-party topic scores on a common 0-100 scale, surges, decay from the end of the
//! week, a maximum age, duplicates collapsed, and a feed with no recent signal called stale (not
//! read as "no interest").
//!
//! Which signal counts, per provider and topic: the latest week whose data existed at `asOf` (a
//! weekly signal only once its week has ended: no look-ahead in backtests). Older weeks are listed
//! as superseded; two signals for the same provider, topic and week collapse to the latest (then
//! the highest score), so the order of the input never matters.

use super::input::IntentSignal;
use crate::model::{Intent, Provider};
use crate::time::{Millis, DAY_MS};
use serde::Serialize;
use std::cmp::Ordering;

/// What became of one signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SignalStatus {
    /// Counted for points.
    Counted,
    /// Below the surge threshold: no points.
    BelowSurge,
    /// A topic the model does not weigh.
    OtherTopic,
    /// Older than `maxAgeDays`.
    Expired,
    /// Its week had not ended (or its time had not come) at `asOf`.
    Future,
    /// A later week of the same provider and topic counts instead.
    Superseded,
    /// Another signal for the same provider, topic and week was kept.
    Duplicate,
}

/// One signal as the card shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignalUse {
    /// Provider as given.
    pub provider: String,
    /// Topic as given.
    pub topic: String,
    /// The provider's score.
    pub score: Option<f64>,
    /// The score on the common 0-100 scale (two decimals).
    pub common: Option<f64>,
    /// The week's first day (weekly signals) or the signal's time, RFC 3339.
    #[serde(serialize_with = "crate::engine::serialize_rfc3339")]
    pub at: Millis,
    /// Whether it covers a week.
    pub weekly: bool,
    /// Days from the end of its week (or its time) to `asOf`, two decimals.
    pub age_days: f64,
    /// Points counted (after topic weight and decay).
    pub points: f64,
    /// What became of it.
    pub status: SignalStatus,
}

/// Whether the feed is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FeedStatus {
    /// A signal within `staleDays`.
    Fresh,
    /// Signals, but none within `staleDays`: the account's intent is unknown, not zero.
    Stale,
    /// No signal at all.
    None,
}

/// The card's intent report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntentReport {
    /// Whether the feed is current.
    pub status: FeedStatus,
    /// The end of the latest week (or the latest time) seen at `asOf`.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "crate::engine::serialize_opt_rfc3339")]
    pub latest_at: Option<Millis>,
    /// Every signal, by provider, topic and newest first.
    pub signals: Vec<SignalUse>,
}

/// A counted signal's points, for the account card's contributions.
pub struct IntentPoints {
    /// `intent:<provider>:<topic>`.
    pub rule: String,
    /// In words.
    pub reason: String,
    /// Hundredths.
    pub points_c: i64,
}

/// Reads the signals under the model's `intent` section.
pub fn assess(spec: &Intent, signals: &[IntentSignal], as_of: Millis) -> (IntentReport, Vec<IntentPoints>) {
    let mut sorted: Vec<&IntentSignal> = signals.iter().collect();
    sorted.sort_by(|a, b| canonical(a, b));
    let mut uses = Vec::with_capacity(sorted.len());
    let mut points = Vec::new();
    let mut latest: Option<Millis> = None;
    // The (provider, topic) whose latest week was already taken, and that week.
    let mut taken: Option<(String, String, Millis)> = None;
    for s in sorted {
        let end = if s.weekly { s.start.saturating_add(7 * DAY_MS) } else { s.start };
        let age_ms = as_of.saturating_sub(end);
        let age_days = ((age_ms as f64 / DAY_MS as f64) * 100.0).round() / 100.0;
        let key = (s.provider.to_lowercase(), s.topic.to_lowercase(), week_of(s));
        let provider = spec.providers.get(&key.0);
        let common = s.score.map(|x| (on_common_scale(provider, x) * 100.0).round() / 100.0);
        let mut status = SignalStatus::Counted;
        if end > as_of {
            status = SignalStatus::Future;
        } else {
            latest = latest.max(Some(end));
            match &taken {
                Some((p, t, week)) if *p == key.0 && *t == key.1 => {
                    status = if *week == key.2 { SignalStatus::Duplicate } else { SignalStatus::Superseded };
                }
                _ => taken = Some(key.clone()),
            }
        }
        let weight = if spec.topics.is_empty() { Some(1.0) } else { spec.topics.get(&key.1).copied() };
        let threshold = provider.and_then(|p| p.surge).unwrap_or(spec.surge);
        let surging = s.surge.unwrap_or_else(|| common.is_some_and(|c| c >= threshold));
        if status == SignalStatus::Counted {
            if age_ms as f64 > spec.max_age_days * DAY_MS as f64 {
                status = SignalStatus::Expired;
            } else if weight.is_none() {
                status = SignalStatus::OtherTopic;
            } else if !surging {
                status = SignalStatus::BelowSurge;
            }
        }
        let mut counted = 0.0;
        if status == SignalStatus::Counted {
            let full = spec.points * weight.unwrap_or(1.0);
            let decay = spec.half_life_days.map_or(1.0, |h| libm::exp2(-(age_ms as f64 / DAY_MS as f64) / h));
            let points_c = (full * decay * 100.0).round() as i64;
            counted = points_c as f64 / 100.0;
            let shown = match (s.score, common) {
                (Some(x), Some(c)) if c != x => {
                    format!("score {} ({} of 100)", crate::json::number(x), crate::json::number(c))
                }
                (Some(x), _) => format!("score {}", crate::json::number(x)),
                (None, _) => "flagged as a surge".to_string(),
            };
            let when = if s.weekly { format!("week of {}", day(s.start)) } else { format!("on {}", day(s.start)) };
            let decayed = if (full * 100.0).round() as i64 != points_c {
                format!(
                    ", {} points decayed to {}",
                    crate::json::number((full * 100.0).round() / 100.0),
                    crate::json::number(counted)
                )
            } else {
                String::new()
            };
            points.push(IntentPoints {
                rule: format!("intent:{}:{}", key.0, key.1),
                reason: format!(
                    "Intent surge from {} on \"{}\": {shown}, {when}, {} old{decayed}",
                    s.provider,
                    s.topic,
                    days(age_days.max(0.0))
                ),
                points_c,
            });
        }
        uses.push(SignalUse {
            provider: s.provider.clone(),
            topic: s.topic.clone(),
            score: s.score,
            common,
            at: s.start,
            weekly: s.weekly,
            age_days,
            points: counted,
            status,
        });
    }
    let status = match latest {
        None => FeedStatus::None,
        Some(at) if (as_of - at) as f64 > spec.stale_days * DAY_MS as f64 => FeedStatus::Stale,
        Some(_) => FeedStatus::Fresh,
    };
    (IntentReport { status, latest_at: latest, signals: uses }, points)
}

/// Provider, topic (any case), newest first, then the highest score, then the surge flag: the
/// first of a provider and topic is the one that counts, whatever the input order.
fn canonical(a: &IntentSignal, b: &IntentSignal) -> Ordering {
    let key = |s: &IntentSignal| (s.provider.to_lowercase(), s.topic.to_lowercase());
    key(a)
        .cmp(&key(b))
        .then(b.start.cmp(&a.start))
        .then(b.score.unwrap_or(f64::NEG_INFINITY).total_cmp(&a.score.unwrap_or(f64::NEG_INFINITY)))
        .then(b.surge.cmp(&a.surge))
        .then(a.provider.cmp(&b.provider))
        .then(a.topic.cmp(&b.topic))
}

/// The Monday starting the signal's week (a weekly signal's own start).
fn week_of(s: &IntentSignal) -> Millis {
    if s.weekly {
        return s.start;
    }
    let day = s.start.div_euclid(DAY_MS);
    // 1970-01-01 was a Thursday: three days after a Monday.
    (day - (day + 3).rem_euclid(7)) * DAY_MS
}

/// A provider's score on the common 0-100 scale: its piecewise-linear map, clamped at the ends.
fn on_common_scale(provider: Option<&Provider>, x: f64) -> f64 {
    let Some(points) = provider.map(|p| p.scale.as_slice()).filter(|s| !s.is_empty()) else {
        return x.clamp(0.0, 100.0);
    };
    let (Some(first), Some(last)) = (points.first(), points.last()) else { return x };
    if x <= first[0] {
        return first[1];
    }
    if x >= last[0] {
        return last[1];
    }
    for pair in points.windows(2) {
        if let [a, b] = pair {
            if x <= b[0] {
                return a[1] + (x - a[0]) * (b[1] - a[1]) / (b[0] - a[0]);
            }
        }
    }
    last[1]
}

/// The date of a time, `YYYY-MM-DD`.
pub(crate) fn day(at: Millis) -> String {
    let mut text = crate::time::format_rfc3339(at);
    text.truncate(10);
    text
}

/// "1 day", "7 days", "3.67 days".
fn days(n: f64) -> String {
    if n == 1.0 {
        "1 day".into()
    } else {
        format!("{} days", crate::json::number(n))
    }
}
