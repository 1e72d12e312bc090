//! Fairness audit of any model on labelled history: does the model select one group of leads
//! (a segment column's value: marital status, region, age band) much less often than another, and
//! do its rules stand in for a segment column?
//!
//! What is reported, per segment column and per value (and for all leads together):
//!
//! - **selection rates**: the share of the group's leads in the model's hottest tier (tier rank 1,
//!   the first tier of `tiers`) and in the top two tiers (rank 1 or 2: "warm or hotter" in a
//!   hot/warm/cold model). A model without tiers has no selection rates.
//! - **disparate-impact ratio**: a group's selection rate over the best group's rate, among the
//!   column's groups with at least `min_rows` leads. Below [`FOUR_FIFTHS`] (0.8) the group is
//!   flagged: the "four-fifths rule" of the US Uniform Guidelines on Employee Selection (1978),
//!   the usual screen for adverse impact. Groups under `min_rows` leads are marked too small to
//!   judge and neither get a ratio nor set the best rate: a 3-lead group's 0% says nothing.
//! - conversion rate, AUC of the raw points within the group (n/a, with the reason, when the group
//!   has only one outcome), and calibration: the mean predicted probability beside the observed
//!   conversion when the model has a calibration, the mean score always.
//! - **direct use**: the rules that read the segment column itself (or a signal derived from it):
//!   scoring on a sensitive attribute, said loudly.
//! - **proxies**: rules whose firing (read from the cards' contributions) is associated with the
//!   segment column: Cramér's V between "the rule fired" and the column's value, a proxy above
//!   `proxy_threshold` (default 0.5, a "strong" association by the usual reading of V for a
//!   two-valued variable). Rules that read the column directly are listed as direct use instead.
//!
//! Leads are scored as given: the audit measures the model as it runs. The segment values are
//! read from the rows only to group them; a model that reads one is reported (direct use) rather
//! than scored without it, which would audit a different model. A row without a value (absent,
//! `null`, or one of the model's "not given" texts) is in the group [`MISSING`]. Output order is
//! fixed: segment columns as requested; groups by leads (most first), then value, `(missing)` last;
//! rules by V (strongest first), then model order.

use super::backtest::field;
use super::metrics;
use crate::error::LeadError;
use crate::model::{Condition, Model, RuleKind};
use crate::time::{format_rfc3339, Millis};
use crate::{ContributionKind, Scorer};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The four-fifths rule: a selection rate under 80% of the best group's is flagged.
pub const FOUR_FIFTHS: f64 = 0.8;
/// Groups with fewer leads than this are too small to judge (default of `min_rows`).
pub const DEFAULT_MIN_ROWS: usize = 30;
/// Cramér's V above this makes a rule a proxy (default of `proxy_threshold`).
pub const DEFAULT_PROXY_THRESHOLD: f64 = 0.5;
/// The group of rows without a value.
pub const MISSING: &str = "(missing)";
/// More values than this in a segment column earn a note: probably a number or an id, not a group.
const MANY_VALUES: usize = 50;
/// Rules listed per segment column besides every proxy: the strongest associations, so a reader
/// sees how close the others come.
const STRONGEST: usize = 5;

/// What to audit.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditOptions {
    /// Score every lead as of this time.
    pub as_of: Millis,
    /// The segment columns, by dotted path (a CSV header is a literal key).
    pub segments: Vec<String>,
    /// Groups with fewer leads are too small to judge.
    pub min_rows: usize,
    /// Cramér's V above this makes a rule a proxy.
    pub proxy_threshold: f64,
}

impl AuditOptions {
    /// Options with the default thresholds.
    pub fn new(as_of: Millis, segments: Vec<String>) -> AuditOptions {
        AuditOptions { as_of, segments, min_rows: DEFAULT_MIN_ROWS, proxy_threshold: DEFAULT_PROXY_THRESHOLD }
    }
}

/// A selection rate and how it compares with the best group's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    /// Leads selected.
    pub selected: usize,
    /// Their share of the group's leads.
    pub rate: f64,
    /// The rate over the best judged group's rate; `None` for a group too small to judge, for
    /// all leads together, or when no judged group has anyone selected.
    pub ratio: Option<f64>,
    /// `ratio` below four fifths.
    pub below_four_fifths: bool,
}

/// One group of leads: a segment column's value, or all leads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupAudit {
    /// The value (`(missing)` for rows without one; `all leads` for the overall row).
    pub value: String,
    /// Leads.
    pub rows: usize,
    /// Converters.
    pub conversions: usize,
    /// Their share.
    pub conversion_rate: f64,
    /// Fewer than `min_rows` leads: no ratio, no flag.
    pub too_small: bool,
    /// In the hottest tier; `None` when the model has no tiers.
    pub top_tier: Option<Selection>,
    /// In the two hottest tiers; `None` when the model has no tiers.
    pub top_two_tiers: Option<Selection>,
    /// AUC of the raw points within the group.
    pub auc: Option<f64>,
    /// Why there is no AUC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auc_note: Option<String>,
    /// Mean predicted probability, when the model has a calibration (compare with `conversionRate`).
    pub mean_probability: Option<f64>,
    /// Mean score.
    pub mean_score: f64,
}

impl GroupAudit {
    /// Below four fifths on either selection rate.
    pub fn flagged(&self) -> bool {
        [&self.top_tier, &self.top_two_tiers].iter().any(|s| s.as_ref().is_some_and(|s| s.below_four_fifths))
    }
}

/// A rule, by id and reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleRef {
    /// Rule id.
    pub rule: String,
    /// Its reason.
    pub reason: String,
}

/// How strongly a rule's firing goes with a segment column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Association {
    /// Rule id.
    pub rule: String,
    /// Its reason.
    pub reason: String,
    /// Leads the rule fired for.
    pub fired: usize,
    /// Cramér's V between "fired" and the column's value (0: independent, 1: one decides the other).
    pub cramers_v: f64,
    /// Above the proxy threshold.
    pub proxy: bool,
}

/// One segment column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentAudit {
    /// The column.
    pub column: String,
    /// Rules that read the column (or a signal derived from it): direct use of the attribute.
    pub direct_use: Vec<RuleRef>,
    /// Its values.
    pub groups: Vec<GroupAudit>,
    /// Values below four fifths on either selection rate.
    pub flagged: Vec<String>,
    /// Rules above the proxy threshold, and at least the five most associated.
    pub associations: Vec<Association>,
}

impl SegmentAudit {
    /// The proxies among the associations.
    pub fn proxies(&self) -> impl Iterator<Item = &Association> {
        self.associations.iter().filter(|a| a.proxy)
    }
}

/// The audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditReport {
    /// Model id.
    pub model_id: String,
    /// Model version.
    pub model_version: String,
    /// Model fingerprint.
    pub fingerprint: String,
    /// Scored as of.
    pub as_of: String,
    /// Leads.
    pub rows: usize,
    /// Converters.
    pub conversions: usize,
    /// The hottest tier's name (selection rate 1).
    pub top_tier: Option<String>,
    /// The two hottest tiers' names (selection rate 2).
    pub top_two_tiers: Vec<String>,
    /// The four-fifths threshold (0.8).
    pub four_fifths: f64,
    /// Groups with fewer leads are too small to judge.
    pub min_rows: usize,
    /// Cramér's V above this makes a rule a proxy.
    pub proxy_threshold: f64,
    /// All leads together.
    pub overall: GroupAudit,
    /// One per segment column, in the order asked.
    pub segments: Vec<SegmentAudit>,
    /// Caveats, in plain words.
    pub notes: Vec<String>,
}

/// What scoring one lead gave the audit.
struct Scored {
    raw: Vec<f64>,
    score: Vec<f64>,
    probability: Vec<Option<f64>>,
    rank: Vec<Option<u32>>,
    /// Indices into the model's rules of the rules that fired, per lead.
    fired: Vec<Vec<usize>>,
}

/// Audits `scorer` on `leads` with their `outcome`s (see the module docs). A lead that cannot be
/// scored is an error whose path starts with its 0-based index (`[17].events[0].at`).
pub fn audit(
    scorer: &Scorer,
    leads: &[Value],
    outcome: &[bool],
    options: &AuditOptions,
) -> Result<AuditReport, LeadError> {
    let n = leads.len().min(outcome.len());
    let y = outcome.get(..n).unwrap_or(&[]);
    let model = scorer.model();
    let rule_index: BTreeMap<&str, usize> = model.rules.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut s = Scored {
        raw: Vec::with_capacity(n),
        score: Vec::with_capacity(n),
        probability: Vec::with_capacity(n),
        rank: Vec::with_capacity(n),
        fired: Vec::with_capacity(n),
    };
    for (i, lead) in leads.iter().take(n).enumerate() {
        let card = scorer.score_value(lead.clone(), options.as_of).map_err(|e| e.in_batch(i))?;
        s.raw.push(card.raw);
        s.score.push(card.score);
        s.probability.push(card.probability);
        s.rank.push(card.tier.as_ref().map(|t| t.rank));
        let mut fired: Vec<usize> = card
            .contributions
            .iter()
            .filter(|c| c.kind != ContributionKind::GroupCap)
            .filter_map(|c| rule_index.get(&*c.rule).copied())
            .collect();
        fired.dedup();
        s.fired.push(fired);
    }
    let calibrated = model.calibration.is_some();
    let has_tiers = !model.tiers.is_empty();
    let all: Vec<usize> = (0..n).collect();
    let overall = group("all leads", &all, &s, y, has_tiers, calibrated, false);
    let mut notes = Vec::new();
    if !has_tiers {
        notes.push("the model has no tiers: no selection rates, so no disparate-impact ratios".to_string());
    } else if model.tiers.len() == 1 {
        notes.push("the model has one tier: both selection rates count that tier".to_string());
    }
    let segments =
        options.segments.iter().map(|column| segment(column, leads, &s, y, model, options, &mut notes)).collect();
    Ok(AuditReport {
        model_id: model.id.clone(),
        model_version: model.version.clone(),
        fingerprint: scorer.fingerprint().to_string(),
        as_of: format_rfc3339(options.as_of),
        rows: n,
        conversions: y.iter().filter(|v| **v).count(),
        top_tier: model.tiers.first().map(|t| t.name.clone()),
        top_two_tiers: model.tiers.iter().take(2).map(|t| t.name.clone()).collect(),
        four_fifths: FOUR_FIFTHS,
        min_rows: options.min_rows,
        proxy_threshold: options.proxy_threshold,
        overall,
        segments,
        notes,
    })
}

/// One segment column's audit.
fn segment(
    column: &str,
    leads: &[Value],
    s: &Scored,
    y: &[bool],
    model: &Model,
    options: &AuditOptions,
    notes: &mut Vec<String>,
) -> SegmentAudit {
    // Rows by value; BTreeMap for a fixed order whatever the rows' order.
    let mut by_value: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, lead) in leads.iter().take(y.len()).enumerate() {
        by_value.entry(segment_value(field(lead, column), &model.input.missing)).or_default().push(i);
    }
    let mut values: Vec<(String, Vec<usize>)> = by_value.into_iter().collect();
    values.sort_by(|(a, ra), (b, rb)| {
        (a == MISSING).cmp(&(b == MISSING)).then(rb.len().cmp(&ra.len())).then_with(|| a.cmp(b))
    });
    let has_tiers = !model.tiers.is_empty();
    let calibrated = model.calibration.is_some();
    let mut groups: Vec<GroupAudit> = values
        .iter()
        .map(|(v, rows)| group(v, rows, s, y, has_tiers, calibrated, rows.len() < options.min_rows))
        .collect();
    if values.len() > MANY_VALUES {
        notes.push(format!(
            "{column}: {} values, one group each: a column of numbers or ids is better banded first (age_band, not age)",
            values.len()
        ));
    }
    let judged = groups.iter().filter(|g| !g.too_small).count();
    if judged < 2 {
        notes.push(format!(
            "{column}: {judged} value{} with {} or more leads: nothing to compare",
            if judged == 1 { "" } else { "s" },
            options.min_rows
        ));
    }
    compare(&mut groups, |g| g.top_tier.as_mut());
    compare(&mut groups, |g| g.top_two_tiers.as_mut());
    let flagged = groups.iter().filter(|g| g.flagged()).map(|g| g.value.clone()).collect();
    let direct: Vec<usize> = (0..model.rules.len()).filter(|&r| reads_column(model, r, column)).collect();
    let direct_use = direct
        .iter()
        .filter_map(|&r| model.rules.get(r))
        .map(|r| RuleRef { rule: r.id.clone(), reason: r.reason.clone().unwrap_or_default() })
        .collect();
    let associations = associations(&values, s, model, &direct, options.proxy_threshold);
    SegmentAudit { column: column.to_string(), direct_use, groups, flagged, associations }
}

/// Fills each judged group's ratio against the best judged group's rate.
fn compare(groups: &mut [GroupAudit], selection: impl Fn(&mut GroupAudit) -> Option<&mut Selection>) {
    let mut best = 0.0f64;
    for g in groups.iter_mut().filter(|g| !g.too_small) {
        if let Some(sel) = selection(g) {
            best = best.max(sel.rate);
        }
    }
    if best <= 0.0 {
        return;
    }
    for g in groups.iter_mut().filter(|g| !g.too_small) {
        if let Some(sel) = selection(g) {
            let ratio = sel.rate / best;
            sel.ratio = Some(ratio);
            sel.below_four_fifths = ratio < FOUR_FIFTHS;
        }
    }
}

/// A group's figures (without ratios: those need every group).
fn group(
    value: &str,
    rows: &[usize],
    s: &Scored,
    y: &[bool],
    has_tiers: bool,
    calibrated: bool,
    too_small: bool,
) -> GroupAudit {
    let count = rows.len().max(1) as f64;
    let outcome: Vec<bool> = rows.iter().map(|&i| y.get(i).copied().unwrap_or(false)).collect();
    let conversions = outcome.iter().filter(|v| **v).count();
    let raw: Vec<f64> = rows.iter().map(|&i| s.raw.get(i).copied().unwrap_or(0.0)).collect();
    let selection = |max_rank: u32| {
        let selected =
            rows.iter().filter(|&&i| s.rank.get(i).copied().flatten().is_some_and(|r| r <= max_rank)).count();
        Selection { selected, rate: selected as f64 / count, ratio: None, below_four_fifths: false }
    };
    let auc = metrics::auc(&raw, &outcome);
    let auc_note = match (auc, conversions) {
        (Some(_), _) => None,
        (None, 0) => Some("no lead in the group converted: AUC needs both outcomes".to_string()),
        (None, _) => Some("every lead in the group converted: AUC needs both outcomes".to_string()),
    };
    let mean = |v: &dyn Fn(usize) -> f64| rows.iter().map(|&i| v(i)).sum::<f64>() / count;
    GroupAudit {
        value: value.to_string(),
        rows: rows.len(),
        conversions,
        conversion_rate: conversions as f64 / count,
        too_small,
        top_tier: has_tiers.then(|| selection(1)),
        top_two_tiers: has_tiers.then(|| selection(2)),
        auc,
        auc_note,
        mean_probability: calibrated.then(|| mean(&|i| s.probability.get(i).copied().flatten().unwrap_or(0.0))),
        mean_score: mean(&|i| s.score.get(i).copied().unwrap_or(0.0)),
    }
}

/// Cramér's V of every rule that fired for some but not all leads against the column's values;
/// every proxy, and at least the [`STRONGEST`] associations, strongest first.
fn associations(
    values: &[(String, Vec<usize>)],
    s: &Scored,
    model: &Model,
    direct: &[usize],
    threshold: f64,
) -> Vec<Association> {
    // fired[rule][value]: leads of that value the rule fired for.
    let mut fired = vec![vec![0usize; values.len()]; model.rules.len()];
    for (v, (_, rows)) in values.iter().enumerate() {
        for rule in rows.iter().filter_map(|&i| s.fired.get(i)).flatten() {
            if let Some(c) = fired.get_mut(*rule).and_then(|r| r.get_mut(v)) {
                *c += 1;
            }
        }
    }
    let mut found: Vec<(usize, Association)> = Vec::new();
    for (r, counts) in fired.iter().enumerate() {
        let (Some(rule), false) = (model.rules.get(r), direct.contains(&r)) else { continue };
        let not_fired: Vec<usize> =
            counts.iter().zip(values).map(|(c, (_, rows))| rows.len().saturating_sub(*c)).collect();
        let Some(v) = metrics::cramers_v(&[counts.clone(), not_fired]) else { continue };
        found.push((
            r,
            Association {
                rule: rule.id.clone(),
                reason: rule.reason.clone().unwrap_or_default(),
                fired: counts.iter().sum(),
                cramers_v: v,
                proxy: v > threshold,
            },
        ));
    }
    found.sort_by(|(ra, a), (rb, b)| b.cramers_v.total_cmp(&a.cramers_v).then(ra.cmp(rb)));
    let proxies = found.iter().filter(|(_, a)| a.proxy).count();
    found.into_iter().take(proxies.max(STRONGEST)).map(|(_, a)| a).collect()
}

/// A segment value as text: numbers as JavaScript writes them, texts trimmed; absent, `null` and
/// the model's "not given" texts are [`MISSING`].
fn segment_value(value: Option<&Value>, missing: &[String]) -> String {
    match value {
        None | Some(Value::Null) => MISSING.to_string(),
        Some(Value::String(t)) if t.trim().is_empty() || crate::model::is_missing_text(missing, t) => {
            MISSING.to_string()
        }
        Some(Value::String(t)) => t.trim().to_string(),
        Some(other) => crate::json::to_string(other).unwrap_or_default(),
    }
}

/// Does rule `r` read `column`: a field it tests is the column, inside it or holds it, directly or
/// through a derived signal (`email.free` reads the model's email field)?
fn reads_column(model: &Model, r: usize, column: &str) -> bool {
    let Some(rule) = model.rules.get(r) else { return false };
    let mut fields = Vec::new();
    match &rule.kind {
        RuleKind::When(c) => condition_fields(c, &mut fields),
        RuleKind::Inactive(i) => fields.extend(i.field.as_deref()),
        // An event rule's `where` tests the event's own fields, not the lead's.
        RuleKind::Event(_) => {}
    }
    let sources = &model.signals.fields;
    let nested = |a: &str, b: &str| a == b || a.strip_prefix(b).is_some_and(|rest| rest.starts_with('.'));
    fields.into_iter().any(|f| {
        let read = [f, crate::signals::lead_field_of(f, sources)].into_iter();
        // A merged field is also read from each vendor's payload (`enrichment.<vendor>.<name>`).
        read.flat_map(|f| std::iter::once(f.to_string()).chain(super::coverage::vendor_paths(model, f)))
            .any(|f| nested(&f, column) || nested(column, &f))
    })
}

fn condition_fields<'m>(c: &'m Condition, out: &mut Vec<&'m str>) {
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| condition_fields(c, out)),
        Condition::Not(c) => condition_fields(c, out),
        Condition::Field { field, .. } => out.push(field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const AS_OF: Millis = 1_795_392_000_000;

    fn scorer(extra_rule: Option<Value>) -> Scorer {
        let mut rules = vec![
            json!({"id": "vp", "group": "fit", "points": 60, "reason": "VP", "when": {"field": "title", "eq": "vp"}}),
            json!({"id": "mgr", "group": "fit", "points": 30, "reason": "Manager", "when": {"field": "title", "eq": "manager"}}),
        ];
        rules.extend(extra_rule);
        let model = json!({"schema": "leadscore/v1", "id": "t", "version": "1", "groups": {"fit": {}}, "rules": rules,
            "tiers": [{"name": "hot", "min": 50}, {"name": "warm", "min": 20}, {"name": "cold", "min": 0}]});
        Scorer::new(Model::from_value(&model).unwrap())
    }

    /// `count` leads of `group` (None: no field) with `title`, converted or not.
    fn rows(out: &mut (Vec<Value>, Vec<bool>), group: Option<Value>, title: &str, count: usize, converted: bool) {
        for _ in 0..count {
            let mut lead = json!({"title": title});
            if let Some(g) = &group {
                lead["group"] = g.clone();
            }
            out.0.push(lead);
            out.1.push(converted);
        }
    }

    /// A: 40 leads, 20 VPs (hot), 10 managers (warm): hot 50%, warm or hotter 75%.
    /// B: 40 leads, 10 VPs, 10 managers: 25%, 50%. C: 10 VPs (too small). No group: 35 leads (five
    /// of them "N/A", the model's "not given" text), 7 VPs: 20%, 20%.
    fn history() -> (Vec<Value>, Vec<bool>) {
        let mut h = (Vec::new(), Vec::new());
        let a = Some(json!("A"));
        rows(&mut h, a.clone(), "vp", 20, true);
        rows(&mut h, a.clone(), "manager", 10, false);
        rows(&mut h, a.clone(), "analyst", 9, false);
        rows(&mut h, a, "analyst", 1, true);
        let b = Some(json!("B"));
        rows(&mut h, b.clone(), "vp", 10, true);
        rows(&mut h, b.clone(), "manager", 10, false);
        rows(&mut h, b, "analyst", 20, false);
        rows(&mut h, Some(json!("C")), "vp", 10, true);
        rows(&mut h, None, "vp", 7, false);
        rows(&mut h, Some(json!("N/A")), "analyst", 5, false);
        rows(&mut h, Some(Value::Null), "analyst", 23, false);
        h
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn disparate_impact_four_fifths_and_small_and_missing_groups() {
        let (leads, y) = history();
        let r = audit(&scorer(None), &leads, &y, &AuditOptions::new(AS_OF, vec!["group".into()])).unwrap();
        assert_eq!((r.rows, r.conversions, r.top_tier.as_deref()), (125, 41, Some("hot")));
        assert_eq!(r.top_two_tiers, ["hot", "warm"]);
        let s = &r.segments[0];
        let values: Vec<&str> = s.groups.iter().map(|g| g.value.as_str()).collect();
        assert_eq!(values, ["A", "B", "C", MISSING], "most leads first, ties by value, (missing) last");
        let [a, b, c, m] = [&s.groups[0], &s.groups[1], &s.groups[2], &s.groups[3]];
        assert_eq!((m.rows, m.conversions), (35, 0), "absent, null and \"N/A\" are one missing group");
        let hot = |g: &GroupAudit| g.top_tier.clone().unwrap();
        let top2 = |g: &GroupAudit| g.top_two_tiers.clone().unwrap();
        assert!(close(Some(hot(a).rate), 0.5) && close(hot(a).ratio, 1.0) && !hot(a).below_four_fifths);
        assert!(close(Some(hot(b).rate), 0.25) && close(hot(b).ratio, 0.5) && hot(b).below_four_fifths);
        assert!(close(hot(m).ratio, 0.4) && hot(m).below_four_fifths);
        assert!(close(Some(top2(a).rate), 0.75) && close(top2(b).ratio, 0.5 / 0.75) && top2(b).below_four_fifths);
        assert!(close(top2(m).ratio, 0.2 / 0.75));
        // C: every lead hot (100%), but 10 leads are too few to judge: no ratio, no flag, not the best.
        assert!(c.too_small && close(Some(hot(c).rate), 1.0) && hot(c).ratio.is_none() && !c.flagged());
        assert_eq!(s.flagged, ["B", MISSING]);
        // AUC: n/a with the reason when a group has one outcome.
        assert!(c.auc.is_none() && c.auc_note.as_deref().is_some_and(|n| n.contains("every lead")));
        assert!(m.auc.is_none() && m.auc_note.as_deref().is_some_and(|n| n.contains("no lead")));
        assert!(close(b.auc, 1.0) && b.auc_note.is_none());
        // No calibration: the mean score only. A: (20 x 60 + 10 x 30) / 40.
        assert!(a.mean_probability.is_none() && close(Some(a.mean_score), 37.5));
        assert!(r.overall.top_tier.as_ref().is_some_and(|t| t.ratio.is_none()) && r.overall.rows == 125);
    }

    #[test]
    fn proxies_by_cramers_v_and_direct_use() {
        let (leads, y) = history();
        let options = AuditOptions { proxy_threshold: 0.4, ..AuditOptions::new(AS_OF, vec!["group".into()]) };
        let r = audit(&scorer(None), &leads, &y, &options).unwrap();
        let s = &r.segments[0];
        // "vp" fired A 20, B 10, C 10, missing 7 of 40/40/10/35: chi2 = 26.5446, V = sqrt(chi2 / 125)
        // (computed by hand over the 2 x 4 table). "mgr": 10/10/0/0: chi2 = 13.3929, V = 0.32733.
        let v: Vec<(&str, f64, bool)> =
            s.associations.iter().map(|a| (a.rule.as_str(), a.cramers_v, a.proxy)).collect();
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].0, v[0].2, v[1].0, v[1].2), ("vp", true, "mgr", false));
        assert!(
            (v[0].1 - 0.460_821_865_956_929).abs() < 1e-9 && (v[1].1 - 0.327_326_835_353_988).abs() < 1e-9,
            "{v:?}"
        );
        assert_eq!(s.associations[0].fired, 47);
        assert!(s.direct_use.is_empty());

        // A rule on the segment column itself is direct use, not a proxy.
        let on_group = json!({"id": "grp", "group": "fit", "points": 5, "reason": "Group A", "when": {"field": "group", "eq": "A"}});
        let r = audit(&scorer(Some(on_group)), &leads, &y, &options).unwrap();
        let s = &r.segments[0];
        assert_eq!(s.direct_use.iter().map(|d| d.rule.as_str()).collect::<Vec<_>>(), ["grp"]);
        assert!(s.associations.iter().all(|a| a.rule != "grp"));
        // Through a derived signal: title.seniority reads the title field.
        let seniority =
            json!({"id": "sen", "group": "fit", "points": 5, "when": {"field": "title.seniority", "eq": "vp"}});
        let r = audit(&scorer(Some(seniority)), &leads, &y, &AuditOptions::new(AS_OF, vec!["title".into()])).unwrap();
        let direct: Vec<&str> = r.segments[0].direct_use.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(direct, ["vp", "mgr", "sen"]);
    }

    #[test]
    fn values_as_text_order_independence_and_errors() {
        let leads = [json!({"n": 3}), json!({"n": 2.5}), json!({"n": true}), json!({"n": " x "}), json!({"n": ""})];
        let values: Vec<String> = leads.iter().map(|l| segment_value(field(l, "n"), &["na".to_string()])).collect();
        assert_eq!(values, ["3", "2.5", "true", "x", MISSING]);
        // The same rows in another order: the same report.
        let (leads, y) = history();
        let options = AuditOptions::new(AS_OF, vec!["group".into(), "title".into()]);
        let r = audit(&scorer(None), &leads, &y, &options).unwrap();
        let (mut rl, mut ry) = (leads.clone(), y.clone());
        rl.reverse();
        ry.reverse();
        let reversed = audit(&scorer(None), &rl, &ry, &options).unwrap();
        assert_eq!(crate::json::to_string(&r).ok(), crate::json::to_string(&reversed).ok());
        let text = crate::json::to_string(&r).unwrap_or_default();
        assert!(text.contains("\"belowFourFifths\":true") && text.contains("\"cramersV\":"), "{text}");
        let ids: Vec<Value> = (0..60).map(|i| json!({"id": i})).collect();
        let r = audit(&scorer(None), &ids, &[false; 60], &AuditOptions::new(AS_OF, vec!["id".into()])).unwrap();
        assert!(r.notes.iter().any(|n| n.starts_with("id: 60 values, one group each")), "{:?}", r.notes);
        let bad = audit(&scorer(None), &[json!({}), json!(42)], &[true, false], &options).unwrap_err();
        assert_eq!(bad.path, "[1]");
    }
}
