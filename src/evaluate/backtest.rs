//! Backtests a model (trained or hand-written) on labelled history: does a higher score really mean
//! more conversions? Scores every lead with the engine, then reports ranking (AUC), probability
//! quality (log loss, Brier, a calibration table) when the model has a calibration, conversion by
//! tier and grade with precision/recall at each tier's threshold, lift and gain by decile, what a
//! capacity of N leads would have caught, and the population stability between two periods.

use super::coverage::{Coverage, CoverageReport};
use super::metrics::{self, CalibrationBin, Decile};
use crate::error::LeadError;
use crate::time::{self, format_rfc3339, Millis};
use crate::Scorer;
use serde::Serialize;
use serde_json::Value;

/// What to backtest.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestOptions {
    /// Score every lead as of this time.
    pub as_of: Millis,
    /// Report what the best-scored `capacity` leads would have caught.
    pub capacity: Option<usize>,
    /// Read `capacity` as leads per week, over the weeks this date field spans ("our SDRs work
    /// 200 leads a week").
    pub capacity_per_week_by: Option<String>,
    /// Compare the score distribution before and after a date (population stability).
    pub period: Option<Period>,
}

/// A split of the history by a date field.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    /// The lead's date field (RFC 3339 or epoch ms), by dotted path.
    pub field: String,
    /// Leads dated before this are the reference period; the rest are compared with it.
    pub split_at: Millis,
}

/// Conversion in one tier (or grade).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    /// Tier or grade name.
    pub name: String,
    /// Leads in it.
    pub rows: usize,
    /// Converters.
    pub conversions: usize,
    /// Conversion rate.
    pub rate: f64,
    /// Tiers: lowest score in the tier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Tiers: precision of "this tier or hotter" as a prediction of conversion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<f64>,
    /// Tiers: recall of "this tier or hotter".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recall: Option<f64>,
    /// Tiers: F1 of "this tier or hotter".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub f1: Option<f64>,
}

/// What working only the best-scored leads would have caught.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Capacity {
    /// Leads worked.
    pub leads: usize,
    /// With a weekly capacity: the weeks the history spans (leads worked = capacity x weeks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weeks: Option<f64>,
    /// The score of the last lead worked: the threshold that fits the capacity.
    pub threshold: f64,
    /// Converters among them.
    pub conversions: usize,
    /// Their share of all converters.
    pub share_of_conversions: f64,
    /// Conversion rate among the leads worked.
    pub rate: f64,
}

/// Score stability between two periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stability {
    /// Date field.
    pub field: String,
    /// Split time.
    pub split_at: String,
    /// Leads before it (the reference).
    pub before: usize,
    /// Leads at or after it.
    pub after: usize,
    /// Leads without a readable date (left out).
    pub undated: usize,
    /// Population stability index of the scores.
    pub psi: Option<f64>,
    /// `stable` (< 0.1), `some shift` (< 0.25) or `shifted`.
    pub reading: &'static str,
}

/// Leads in one score band, by outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreBand {
    /// Lowest score in the band.
    pub from: f64,
    /// Upper end (exclusive, but the last band includes the scale's maximum).
    pub to: f64,
    /// Leads in the band that converted.
    pub converted: usize,
    /// Leads in the band that did not.
    pub not_converted: usize,
}

/// The backtest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BacktestReport {
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
    /// Overall conversion rate.
    pub base_rate: f64,
    /// AUC of the raw points.
    pub auc: Option<f64>,
    /// With a calibration: log loss of the probability.
    pub log_loss: Option<f64>,
    /// With a calibration: Brier score.
    pub brier: Option<f64>,
    /// Conversion by tier, hottest first.
    pub tiers: Vec<Segment>,
    /// Conversion by grade, best first.
    pub grades: Vec<Segment>,
    /// Lift and gain by score decile.
    pub deciles: Vec<Decile>,
    /// Score histogram by outcome: ten equal bands over the model's scale.
    pub histogram: Vec<ScoreBand>,
    /// With a calibration: predicted against observed.
    pub calibration: Vec<CalibrationBin>,
    /// With a capacity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// With a period split.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stability: Option<Stability>,
    /// Which fields the model reads are present in the history, and how often.
    pub coverage: CoverageReport,
}

/// Backtests `scorer` on `leads` with their `outcome`s. A lead that cannot be scored is an error
/// whose path starts with its 0-based index (`[17].events[0].at`).
pub fn backtest(
    scorer: &Scorer,
    leads: &[Value],
    outcome: &[bool],
    options: &BacktestOptions,
) -> Result<BacktestReport, LeadError> {
    let n = leads.len().min(outcome.len());
    let mut raw = Vec::with_capacity(n);
    let mut score = Vec::with_capacity(n);
    let mut probability = Vec::with_capacity(n);
    let mut tier = Vec::with_capacity(n);
    let mut grade = Vec::with_capacity(n);
    let mut coverage = Coverage::new(scorer.model());
    for (i, lead) in leads.iter().take(n).enumerate() {
        let lead = scorer.parse_lead(lead.clone()).map_err(|e| e.in_batch(i))?;
        coverage.add(&lead);
        let card = scorer.score(&lead, options.as_of).map_err(|e| e.in_batch(i))?;
        raw.push(card.raw);
        score.push(card.score);
        probability.push(card.probability);
        tier.push(card.tier.as_ref().map(|t| t.name.to_string()));
        grade.push(card.grade.map(str::to_string));
    }
    let y = outcome.get(..n).unwrap_or(&[]);
    let conversions = y.iter().filter(|v| **v).count();
    let calibrated: Option<Vec<f64>> = probability.iter().copied().collect();
    let model = scorer.model();
    let segment = |name: &str, members: &[bool]| {
        let rows = members.iter().filter(|m| **m).count();
        let conv = members.iter().zip(y).filter(|(m, y)| **m && **y).count();
        Segment {
            name: name.to_string(),
            rows,
            conversions: conv,
            rate: conv as f64 / rows.max(1) as f64,
            min: None,
            precision: None,
            recall: None,
            f1: None,
        }
    };
    let tiers = model
        .tiers
        .iter()
        .map(|t| {
            let members: Vec<bool> = tier.iter().map(|x| x.as_deref() == Some(t.name.as_str())).collect();
            let (precision, recall, f1) = metrics::precision_recall(&score, y, t.min);
            Segment {
                min: Some(t.min),
                precision: Some(precision),
                recall: Some(recall),
                f1: Some(f1),
                ..segment(&t.name, &members)
            }
        })
        .collect();
    let grades = model
        .grades
        .iter()
        .flat_map(|g| g.bands.iter())
        .map(|b| segment(&b.grade, &grade.iter().map(|x| x.as_deref() == Some(b.grade.as_str())).collect::<Vec<_>>()))
        .collect();
    let capacity = options.capacity.filter(|c| *c > 0).map(|c| {
        // Weekly capacity: over the span of the dated leads, at least one week.
        let weeks = options.capacity_per_week_by.as_ref().map(|f| {
            let dates: Vec<Millis> = leads.iter().filter_map(|l| field(l, f).and_then(time::from_json)).collect();
            let span = dates.iter().max().zip(dates.iter().min()).map_or(0, |(hi, lo)| hi - lo);
            (span as f64 / (7.0 * time::DAY_MS as f64)).max(1.0)
        });
        let budget = weeks.map_or(c, |w| (c as f64 * w).floor() as usize);
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| raw.get(b).unwrap_or(&0.0).total_cmp(raw.get(a).unwrap_or(&0.0)).then(a.cmp(&b)));
        let worked = order.get(..budget.min(n)).unwrap_or(&[]);
        let caught = worked.iter().filter(|&&i| y.get(i) == Some(&true)).count();
        Capacity {
            leads: worked.len(),
            weeks,
            threshold: worked.last().and_then(|&i| score.get(i)).copied().unwrap_or(0.0),
            conversions: caught,
            share_of_conversions: caught as f64 / conversions.max(1) as f64,
            rate: caught as f64 / worked.len().max(1) as f64,
        }
    });
    let stability = options.period.as_ref().map(|p| {
        let (mut before, mut after, mut undated) = (Vec::new(), Vec::new(), 0);
        for (lead, s) in leads.iter().zip(&raw) {
            match field(lead, &p.field).and_then(time::from_json) {
                Some(t) if t < p.split_at => before.push(*s),
                Some(_) => after.push(*s),
                None => undated += 1,
            }
        }
        let psi = metrics::psi(&before, &after);
        Stability {
            field: p.field.clone(),
            split_at: format_rfc3339(p.split_at),
            before: before.len(),
            after: after.len(),
            undated,
            psi,
            reading: match psi {
                Some(x) if x < 0.1 => "stable",
                Some(x) if x < 0.25 => "some shift",
                Some(_) => "shifted",
                None => "not enough dated leads on both sides",
            },
        }
    });
    Ok(BacktestReport {
        model_id: model.id.clone(),
        model_version: model.version.clone(),
        fingerprint: scorer.fingerprint().to_string(),
        as_of: format_rfc3339(options.as_of),
        rows: n,
        conversions,
        base_rate: conversions as f64 / n.max(1) as f64,
        auc: metrics::auc(&raw, y),
        log_loss: calibrated.as_ref().map(|p| metrics::log_loss(p, y)),
        brier: calibrated.as_ref().map(|p| metrics::brier(p, y)),
        tiers,
        grades,
        deciles: metrics::deciles(&raw, y),
        histogram: histogram(&score, y, model.scale.min, model.scale.max),
        calibration: calibrated.as_ref().map_or_else(Vec::new, |p| metrics::calibration_table(p, y)),
        capacity,
        stability,
        coverage: coverage.finish(&[]),
    })
}

/// Ten equal-width score bands over `[min, max]`, counting leads by outcome.
fn histogram(score: &[f64], outcome: &[bool], min: f64, max: f64) -> Vec<ScoreBand> {
    let width = (max - min) / 10.0;
    let mut bands: Vec<ScoreBand> = (0..10)
        .map(|k| ScoreBand {
            from: min + width * k as f64,
            to: min + width * (k + 1) as f64,
            converted: 0,
            not_converted: 0,
        })
        .collect();
    for (&s, &y) in score.iter().zip(outcome) {
        let k = if width > 0.0 { (((s - min) / width).floor().max(0.0) as usize).min(9) } else { 0 };
        if let Some(band) = bands.get_mut(k) {
            if y {
                band.converted += 1;
            } else {
                band.not_converted += 1;
            }
        }
    }
    bands
}

/// A field by dotted path (nested objects first, then a literal dotted key).
pub(super) fn field<'a>(lead: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(lead, |v, k| v.get(k)).or_else(|| lead.get(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_tiers_capacity_and_stability() {
        let scorer = Scorer::default_model();
        let hot = json!({"email": "dana@acme.io", "title": "VP, Sales", "company": {"employees": 450, "industry": "Software", "country": "US"},
            "events": [{"type": "demo_request", "at": "2026-11-20T00:00:00Z"}], "createdAt": "2026-11-01T00:00:00Z"});
        let cold = json!({"email": "x@gmail.com", "title": "Student", "createdAt": "2026-06-01T00:00:00Z"});
        let leads = vec![hot.clone(), hot.clone(), cold.clone(), cold.clone(), cold];
        let outcome = [true, false, false, false, true];
        let options = BacktestOptions {
            as_of: 1_795_392_000_000,
            capacity: Some(2),
            capacity_per_week_by: None,
            period: Some(Period { field: "createdAt".into(), split_at: 1_790_000_000_000 }),
        };
        let r = backtest(&scorer, &leads, &outcome, &options).unwrap();
        assert_eq!((r.rows, r.conversions), (5, 2));
        let hot_tier = r.tiers.iter().find(|t| t.name == "hot").unwrap();
        assert_eq!((hot_tier.rows, hot_tier.conversions), (2, 1));
        assert_eq!((hot_tier.precision, hot_tier.recall), (Some(0.5), Some(0.5)));
        // Ranking: one converter among the two top leads, one among the three tied bottom leads:
        // pairs (hot+, cold-) x2 win, (hot+, hot-) tie, (cold+, hot-) lose, (cold+, cold-) x2 tie.
        assert!((r.auc.unwrap() - 3.5 / 6.0).abs() < 1e-12, "{:?}", r.auc);
        let cap = r.capacity.unwrap();
        assert_eq!((cap.leads, cap.conversions, cap.weeks), (2, 1, None));
        // One lead a week over the 153 days between the createdAt dates: 21.9 weeks, so all 5 leads.
        let weekly =
            BacktestOptions { capacity: Some(1), capacity_per_week_by: Some("createdAt".into()), ..options.clone() };
        let cap = backtest(&scorer, &leads, &outcome, &weekly).unwrap().capacity.unwrap();
        assert!((cap.weeks.unwrap() - 153.0 / 7.0).abs() < 1e-9, "{:?}", cap.weeks);
        assert_eq!(cap.leads, 5);
        let st = r.stability.unwrap();
        assert_eq!((st.before, st.after, st.undated), (3, 2, 0));
        assert!(st.psi.unwrap() > 0.25, "{:?}", st.psi);
        assert!(r.calibration.is_empty() && r.log_loss.is_none(), "the default model has no calibration");
        let counted: usize = r.histogram.iter().map(|b| b.converted + b.not_converted).sum();
        assert_eq!((r.histogram.len(), counted), (10, 5));
        assert_eq!(r.histogram.iter().map(|b| b.converted).sum::<usize>(), 2);
        let bad = backtest(&scorer, &[json!(42)], &[true], &options).unwrap_err();
        assert_eq!(bad.path, "[0]");
    }
}
