//! The numbers a backtest reports, each defined as RevOps and credit-scoring practice define them,
//! and checked against hand-computed cases in the tests below.

use serde::Serialize;

/// Area under the ROC curve: the chance that a random converter scores above a random
/// non-converter, ties counting one half (the Mann-Whitney U statistic with average ranks).
/// `None` without both outcomes.
pub fn auc(scores: &[f64], outcome: &[bool]) -> Option<f64> {
    let mut order: Vec<usize> = (0..scores.len().min(outcome.len())).collect();
    order.sort_by(|&a, &b| scores.get(a).unwrap_or(&0.0).total_cmp(scores.get(b).unwrap_or(&0.0)));
    let positives = order.iter().filter(|&&i| outcome.get(i) == Some(&true)).count() as f64;
    let negatives = order.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return None;
    }
    // Sum of the positives' ranks, ties given their average rank.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < order.len() {
        let s = order.get(i).and_then(|&k| scores.get(k)).copied().unwrap_or(0.0);
        let run =
            order.get(i..).map_or(1, |rest| rest.iter().take_while(|&&k| scores.get(k) == Some(&s)).count().max(1));
        let average_rank = i as f64 + (run as f64 + 1.0) / 2.0;
        let run_positives =
            order.get(i..i + run).map_or(0, |r| r.iter().filter(|&&k| outcome.get(k) == Some(&true)).count());
        rank_sum += average_rank * run_positives as f64;
        i += run;
    }
    Some((rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives))
}

/// Mean negative log-likelihood of the outcomes under the predicted probabilities (clamped to
/// [1e-15, 1 - 1e-15]).
pub fn log_loss(p: &[f64], outcome: &[bool]) -> f64 {
    let n = p.len().min(outcome.len()).max(1) as f64;
    p.iter()
        .zip(outcome)
        .map(|(&pi, &y)| {
            let pi = pi.clamp(1e-15, 1.0 - 1e-15);
            -if y { libm::log(pi) } else { libm::log(1.0 - pi) }
        })
        .sum::<f64>()
        / n
}

/// Mean squared error of the predicted probabilities.
pub fn brier(p: &[f64], outcome: &[bool]) -> f64 {
    let n = p.len().min(outcome.len()).max(1) as f64;
    p.iter().zip(outcome).map(|(&pi, &y)| (pi - f64::from(u8::from(y))).powi(2)).sum::<f64>() / n
}

/// One slice of leads, ranked by score (best first).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decile {
    /// 1 = the best-scored tenth.
    pub decile: usize,
    /// Leads in it.
    pub rows: usize,
    /// Converters in it.
    pub conversions: usize,
    /// Conversion rate.
    pub rate: f64,
    /// Rate over the overall rate.
    pub lift: f64,
    /// Share of all converters in this and the better deciles.
    pub cumulative_gain: f64,
}

/// Leads ranked by score (ties in input order) and cut into ten near-equal slices.
pub fn deciles(scores: &[f64], outcome: &[bool]) -> Vec<Decile> {
    let n = scores.len().min(outcome.len());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| scores.get(b).unwrap_or(&0.0).total_cmp(scores.get(a).unwrap_or(&0.0)).then(a.cmp(&b)));
    let total_pos = order.iter().filter(|&&i| outcome.get(i) == Some(&true)).count();
    let base = total_pos as f64 / n.max(1) as f64;
    let mut cumulative = 0;
    (0..10)
        .map(|d| {
            let slice = order.get(d * n / 10..(d + 1) * n / 10).unwrap_or(&[]);
            let conversions = slice.iter().filter(|&&i| outcome.get(i) == Some(&true)).count();
            cumulative += conversions;
            let rate = conversions as f64 / slice.len().max(1) as f64;
            Decile {
                decile: d + 1,
                rows: slice.len(),
                conversions,
                rate,
                lift: if base > 0.0 { rate / base } else { 0.0 },
                cumulative_gain: cumulative as f64 / total_pos.max(1) as f64,
            }
        })
        .collect()
}

/// Predicted against observed conversion, in ten equal-count bins of predicted probability.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalibrationBin {
    /// Leads in the bin.
    pub rows: usize,
    /// Mean predicted probability.
    pub predicted: f64,
    /// Observed conversion rate.
    pub observed: f64,
}

/// Ten equal-count bins, lowest predictions first (empty bins left out).
pub fn calibration_table(p: &[f64], outcome: &[bool]) -> Vec<CalibrationBin> {
    let n = p.len().min(outcome.len());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| p.get(a).unwrap_or(&0.0).total_cmp(p.get(b).unwrap_or(&0.0)).then(a.cmp(&b)));
    (0..10)
        .filter_map(|d| {
            let slice = order.get(d * n / 10..(d + 1) * n / 10).filter(|s| !s.is_empty())?;
            let rows = slice.len();
            let predicted = slice.iter().filter_map(|&i| p.get(i)).sum::<f64>() / rows as f64;
            let observed = slice.iter().filter(|&&i| outcome.get(i) == Some(&true)).count() as f64 / rows as f64;
            Some(CalibrationBin { rows, predicted, observed })
        })
        .collect()
}

/// Population stability index of `actual` against `expected`, over the deciles of `expected`:
/// `sum((a - e) * ln(a / e))` with shares floored at 0.0001. Common reading: below 0.1 stable,
/// 0.1-0.25 some shift, above 0.25 a shifted population.
pub fn psi(expected: &[f64], actual: &[f64]) -> Option<f64> {
    if expected.is_empty() || actual.is_empty() {
        return None;
    }
    let mut sorted = expected.to_vec();
    sorted.sort_by(f64::total_cmp);
    // Inclusive upper edges of the expected deciles (deduplicated: ties make fewer, wider bins; a
    // constant reference still separates values above it).
    let mut edges: Vec<f64> =
        (1..10).filter_map(|k| (k * sorted.len() / 10).checked_sub(1).and_then(|i| sorted.get(i)).copied()).collect();
    edges.dedup();
    let bucket = |x: f64| edges.iter().position(|e| x <= *e).unwrap_or(edges.len());
    let shares = |values: &[f64]| {
        let mut counts = vec![0usize; edges.len() + 1];
        for &v in values {
            if let Some(c) = counts.get_mut(bucket(v)) {
                *c += 1;
            }
        }
        counts.into_iter().map(|c| (c as f64 / values.len() as f64).max(0.0001)).collect::<Vec<f64>>()
    };
    let (e, a) = (shares(expected), shares(actual));
    Some(e.iter().zip(&a).map(|(e, a)| (a - e) * libm::log(a / e)).sum())
}

/// Precision, recall and F1 of "score at or above `threshold`" as a prediction of conversion.
pub fn precision_recall(scores: &[f64], outcome: &[bool], threshold: f64) -> (f64, f64, f64) {
    let mut tp = 0usize;
    let mut fp = 0usize;
    let mut fn_ = 0usize;
    for (&s, &y) in scores.iter().zip(outcome) {
        match (s >= threshold, y) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => {}
        }
    }
    let precision = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let recall = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 0.0 };
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    (precision, recall, f1)
}

/// Cramér's V of a contingency table (`table[r][c]`: rows with the r-th value of one variable and
/// the c-th of the other): `sqrt(chi2 / (n * (min(rows, columns) - 1)))`, from 0 (independent) to 1
/// (one variable determines the other). Empty rows and columns are left out; `None` when fewer than
/// two rows or two columns have rows (a constant variable is associated with nothing). Written here:
/// the statistics crates (statrs, ...) have the chi-squared distribution but not this statistic, which
/// is one pass over the table.
pub fn cramers_v(table: &[Vec<usize>]) -> Option<f64> {
    let columns = table.iter().map(Vec::len).max().unwrap_or(0);
    let row_sums: Vec<f64> = table.iter().map(|r| r.iter().sum::<usize>() as f64).collect();
    let column_sums: Vec<f64> =
        (0..columns).map(|c| table.iter().map(|r| r.get(c).copied().unwrap_or(0)).sum::<usize>() as f64).collect();
    let n: f64 = row_sums.iter().sum();
    let kept_rows = row_sums.iter().filter(|s| **s > 0.0).count();
    let kept_columns = column_sums.iter().filter(|s| **s > 0.0).count();
    if kept_rows < 2 || kept_columns < 2 {
        return None;
    }
    let mut chi2 = 0.0;
    for (row, row_sum) in table.iter().zip(&row_sums) {
        for (c, column_sum) in column_sums.iter().enumerate() {
            let expected = row_sum * column_sum / n;
            if expected > 0.0 {
                let observed = row.get(c).copied().unwrap_or(0) as f64;
                chi2 += (observed - expected).powi(2) / expected;
            }
        }
    }
    let k = kept_rows.min(kept_columns) as f64 - 1.0;
    Some(libm::sqrt(chi2 / (n * k)).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_counts_pairs_and_half_counts_ties() {
        // Positives at 0.9 and 0.5, negatives at 0.5 and 0.1: pairs (0.9>0.5, 0.9>0.1, 0.5=0.5 tie, 0.5>0.1)
        // = 3.5 of 4.
        let auc = auc(&[0.9, 0.5, 0.5, 0.1], &[true, true, false, false]).unwrap();
        assert!((auc - 0.875).abs() < 1e-12, "{auc}");
        assert_eq!(super::auc(&[1.0, 2.0, 3.0], &[false, false, true]), Some(1.0));
        assert_eq!(super::auc(&[1.0, 2.0, 3.0], &[true, false, false]), Some(0.0));
        assert_eq!(super::auc(&[5.0; 4], &[true, false, true, false]), Some(0.5));
        assert_eq!(super::auc(&[1.0, 2.0], &[true, true]), None);
    }

    #[test]
    fn log_loss_and_brier_by_hand() {
        let p = [0.8, 0.4];
        let y = [true, false];
        let expected = -(0.8f64.ln() + 0.6f64.ln()) / 2.0;
        assert!((log_loss(&p, &y) - expected).abs() < 1e-12);
        assert!((brier(&p, &y) - (0.04 + 0.16) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn deciles_lift_and_gain() {
        // 20 leads scored 20..1; the top two convert, and one in the bottom half.
        let scores: Vec<f64> = (1..=20).rev().map(f64::from).collect();
        let outcome: Vec<bool> = (0..20).map(|i| i < 2 || i == 15).collect();
        let d = deciles(&scores, &outcome);
        assert_eq!(d[0].rows, 2);
        assert_eq!(d[0].conversions, 2);
        assert!((d[0].lift - 1.0 / 0.15).abs() < 1e-12);
        assert!((d[0].cumulative_gain - 2.0 / 3.0).abs() < 1e-12);
        assert!((d[9].cumulative_gain - 1.0).abs() < 1e-12);
    }

    #[test]
    fn calibration_table_by_hand() {
        let p: Vec<f64> = (0..20).map(|i| if i < 10 { 0.1 } else { 0.9 }).collect();
        let y: Vec<bool> = (0..20).map(|i| i == 0 || i >= 11).collect();
        let t = calibration_table(&p, &y);
        assert_eq!(t.len(), 10);
        assert!((t[0].predicted - 0.1).abs() < 1e-12 && (t[0].observed - 0.5).abs() < 1e-12);
        assert!((t[9].observed - 1.0).abs() < 1e-12);
    }

    #[test]
    fn psi_by_hand() {
        // Same population: 0. Half the actual shifted above every expected value: computed by hand over
        // ten expected deciles of 10% each; actual: 50% in the top decile, 5.55..% in each of the nine others.
        let expected: Vec<f64> = (0..100).map(f64::from).collect();
        assert!(psi(&expected, &expected).unwrap().abs() < 1e-12);
        let actual: Vec<f64> = (0..90).map(f64::from).chain(std::iter::repeat_n(1000.0, 90)).collect();
        let a_low: f64 = 10.0 / 180.0;
        let a_top: f64 = 90.0 / 180.0;
        let by_hand = 9.0 * (a_low - 0.1) * (a_low / 0.1).ln() + (a_top - 0.1) * (a_top / 0.1).ln();
        assert!((psi(&expected, &actual).unwrap() - by_hand).abs() < 1e-12);
    }

    #[test]
    fn precision_recall_by_hand() {
        let (p, r, f) = precision_recall(&[3.0, 2.0, 1.0, 0.0], &[true, false, true, false], 2.0);
        assert!((p - 0.5).abs() < 1e-12 && (r - 0.5).abs() < 1e-12 && (f - 0.5).abs() < 1e-12);
    }
    #[test]
    fn cramers_v_by_hand() {
        // n = 100, row sums 30/70, column sums 40/60, expected 12 18 / 28 42:
        // chi2 = 4/12 + 4/18 + 4/28 + 4/42 = 0.7936507..., V = sqrt(chi2 / 100).
        let chi2 = 4.0 / 12.0 + 4.0 / 18.0 + 4.0 / 28.0 + 4.0 / 42.0;
        let v = cramers_v(&[vec![10, 20], vec![30, 40]]).unwrap();
        assert!((v - (chi2 / 100.0f64).sqrt()).abs() < 1e-12 && (v - 0.089_087).abs() < 1e-6, "{v}");
        // A rule that fires exactly on one value of three: perfect association.
        assert_eq!(cramers_v(&[vec![0, 10, 0], vec![7, 0, 5]]), Some(1.0));
        // 2 x 3: fired 5/10, 5/10, 0/10. Expected fired 10/3 in each column; chi2 = 2 * ((5 - 10/3)^2 / (10/3)
        // + (5 - 20/3)^2 / (20/3)) + ((0 - 10/3)^2 / (10/3) + (10 - 20/3)^2 / (20/3)) = 0.8333.. * 2 + 5 = 7.5.
        let v = cramers_v(&[vec![5, 5, 0], vec![5, 5, 10]]).unwrap();
        assert!((v - (7.5f64 / 30.0).sqrt()).abs() < 1e-12, "{v}");
        // Independent, constant, empty.
        assert_eq!(cramers_v(&[vec![5, 10], vec![5, 10]]), Some(0.0));
        assert_eq!(cramers_v(&[vec![5, 10], vec![0, 0]]), None, "a rule that never fires");
        assert_eq!(cramers_v(&[vec![5, 0], vec![3, 0]]), None, "one segment value");
        assert_eq!(cramers_v(&[]), None);
    }
}
