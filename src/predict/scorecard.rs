//! Learned terms (log-odds per bin, per cell of a pair) as scorecard rules: points per bin in the
//! model's scale, the most common bin of each column as the reference at 0 points (its log-odds
//! go to the intercept, so a two-level column gets one rule), bins never seen in training at the
//! reference too, and neighbouring bins whose points are equal merged into one rule (numeric:
//! one range; categorical: one list of levels).

use super::binning::Bin;
use super::rules_text::ColumnText;
use serde_json::{json, Value};

/// A set of one column's bins that reads as one condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The bins, in the column's bin order.
    pub bins: Vec<usize>,
    /// Points (rounded).
    pub points: f64,
    /// Log-odds before rounding (relative to the reference).
    pub weight: f64,
}

/// One column's bins with what is known about them.
pub struct ColumnBins<'a> {
    /// Field name.
    pub field: &'a str,
    /// The bins.
    pub bins: &'a [Bin],
    /// Words for the column.
    pub text: &'a ColumnText,
    /// Levels seen in training that fall in the "another value" bin.
    pub other_levels: &'a [String],
}

/// Rounds to `decimals`.
pub fn round_to(x: f64, decimals: i32) -> f64 {
    let k = 10f64.powi(decimals);
    let r = (x * k).round() / k;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// The reference bin (most training rows; the first on ties) and its term.
pub fn reference(term: &[f64], rows: &[usize]) -> (usize, f64) {
    let mut best = 0;
    for (b, n) in rows.iter().enumerate() {
        if *n > rows.get(best).copied().unwrap_or(0) {
            best = b;
        }
    }
    (best, term.get(best).copied().unwrap_or(0.0))
}

/// One column's segments: points = (term - reference) x factor rounded to 1 decimal, empty bins
/// at 0, equal neighbours merged (numeric: adjacent ranges; categorical: any levels, the missing
/// bin always on its own).
pub fn segments(bins: &[Bin], term: &[f64], rows: &[usize], factor: f64) -> Vec<Segment> {
    let (_, base) = reference(term, rows);
    let points: Vec<(f64, f64)> = term
        .iter()
        .zip(rows)
        .map(|(t, &n)| if n == 0 { (0.0, 0.0) } else { (round_to((t - base) * factor, 1), t - base) })
        .collect();
    let numeric = bins.iter().any(|b| matches!(b, Bin::Below { .. } | Bin::Range { .. } | Bin::AtLeast { .. }));
    let mut out: Vec<Segment> = Vec::new();
    for (b, bin) in bins.iter().enumerate() {
        let (p, w) = points.get(b).copied().unwrap_or((0.0, 0.0));
        let empty = |x: usize| rows.get(x).copied().unwrap_or(0) == 0;
        // An empty bin stays apart (0 points, no rule), so that it never adds "or another value"
        // to the reference's reason.
        let merge_into = if matches!(bin, Bin::Missing) || empty(b) {
            None
        } else if numeric {
            out.last_mut().filter(|s| {
                s.points == p
                    && s.bins.last().is_some_and(|&l| l + 1 == b && !matches!(bins.get(l), Some(Bin::Missing)))
            })
        } else {
            out.iter_mut().find(|s| s.points == p && !s.bins.iter().any(|&x| matches!(bins.get(x), Some(Bin::Missing))))
        };
        match merge_into {
            Some(s) => {
                s.bins.push(b);
                s.weight = if s.weight.abs() > w.abs() { s.weight } else { w };
            }
            None => out.push(Segment { bins: vec![b], points: p, weight: w }),
        }
    }
    out
}

/// The condition a set of one column's bins makes, in the model's JSON form.
pub fn condition(field: &str, bins: &[Bin], set: &[usize]) -> Value {
    let chosen: Vec<&Bin> = set.iter().filter_map(|&b| bins.get(b)).collect();
    if chosen.iter().all(|b| matches!(b, Bin::Missing)) {
        return json!({ "field": field, "missing": true });
    }
    if let Some((lo, hi)) = numeric_range(&chosen) {
        return match (lo, hi) {
            (Some(l), Some(h)) => json!({ "field": field, "gte": l, "lt": h }),
            (None, Some(h)) => json!({ "field": field, "lt": h }),
            (Some(l), None) => json!({ "field": field, "gte": l }),
            (None, None) => json!({ "field": field, "exists": true }),
        };
    }
    let levels: Vec<&str> =
        chosen.iter().filter_map(|b| if let Bin::Level { level } = b { Some(level.as_str()) } else { None }).collect();
    if chosen.iter().any(|b| matches!(b, Bin::Other { .. })) {
        let outside: Vec<&str> = bins
            .iter()
            .filter_map(|b| if let Bin::Level { level } = b { Some(level.as_str()) } else { None })
            .filter(|l| !levels.contains(l))
            .collect();
        return if outside.is_empty() {
            json!({ "field": field, "exists": true })
        } else {
            json!({ "field": field, "exists": true, "notIn": outside })
        };
    }
    match levels.as_slice() {
        [one] => json!({ "field": field, "eq": one }),
        _ => json!({ "field": field, "in": levels }),
    }
}

/// A numeric set's bounds (`None` for an open end); `None` when the set is not numeric.
fn numeric_range(chosen: &[&Bin]) -> Option<(Option<f64>, Option<f64>)> {
    let mut lo: Option<Option<f64>> = None;
    let mut hi = None;
    for b in chosen {
        let (l, h) = match b {
            Bin::Below { below } => (None, Some(*below)),
            Bin::Range { from, to } => (Some(*from), Some(*to)),
            Bin::AtLeast { from } => (Some(*from), None),
            _ => return None,
        };
        if lo.is_none() {
            lo = Some(l);
        }
        hi = Some(h);
    }
    Some((lo?, hi?))
}

/// The reason for a set of one column's bins.
pub fn reason(column: &ColumnBins<'_>, set: &[usize]) -> String {
    let chosen: Vec<&Bin> = set.iter().filter_map(|&b| column.bins.get(b)).collect();
    if chosen.iter().all(|b| matches!(b, Bin::Missing)) {
        return column.text.missing();
    }
    if let Some((lo, hi)) = numeric_range(&chosen) {
        return column.text.range(lo, hi);
    }
    let levels: Vec<String> =
        chosen.iter().filter_map(|b| if let Bin::Level { level } = b { Some(level.clone()) } else { None }).collect();
    let other = chosen.iter().any(|b| matches!(b, Bin::Other { .. })).then_some(column.other_levels);
    column.text.levels(&levels, other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_at_zero_and_equal_neighbours_merged() {
        let bins = vec![
            Bin::Below { below: 1.0 },
            Bin::Range { from: 1.0, to: 2.0 },
            Bin::Range { from: 2.0, to: 5.0 },
            Bin::AtLeast { from: 5.0 },
            Bin::Missing,
        ];
        let term = [0.5, 0.1, 0.1, 0.6, 0.5];
        let rows = [100, 300, 50, 20, 10];
        let s = segments(&bins, &term, &rows, 10.0);
        let shape: Vec<(Vec<usize>, f64)> = s.iter().map(|x| (x.bins.clone(), x.points)).collect();
        assert_eq!(shape, vec![(vec![0], 4.0), (vec![1, 2], 0.0), (vec![3], 5.0), (vec![4], 4.0)]);
        assert_eq!(condition("x", &bins, &[1, 2]), json!({"field": "x", "gte": 1.0, "lt": 5.0}));
        assert_eq!(condition("x", &bins, &[4]), json!({"field": "x", "missing": true}));
    }

    #[test]
    fn two_levels_make_one_rule_and_other_lists_the_rest() {
        let bins = vec![
            Bin::Level { level: "cellular".into() },
            Bin::Level { level: "telephone".into() },
            Bin::Other { except: vec!["cellular".into(), "telephone".into()] },
        ];
        // The "another value" bin has no training rows: at the reference, not a rule of its own.
        let s = segments(&bins, &[0.4, -0.3, 0.0], &[600, 400, 0], 20.0);
        let shape: Vec<(Vec<usize>, f64)> = s.iter().map(|x| (x.bins.clone(), x.points)).collect();
        assert_eq!(shape, vec![(vec![0], 0.0), (vec![1], -14.0), (vec![2], 0.0)]);
        assert_eq!(condition("contact", &bins, &[1]), json!({"field": "contact", "eq": "telephone"}));
        assert_eq!(
            condition("contact", &bins, &[0, 2]),
            json!({"field": "contact", "exists": true, "notIn": ["telephone"]})
        );
        let text = ColumnText { label: "contact".into(), unit: None, integer: false, min: None, max: None };
        let other = vec!["fax".to_string()];
        let column = ColumnBins { field: "contact", bins: &bins, text: &text, other_levels: &other };
        assert_eq!(reason(&column, &[0, 2]), "contact is cellular or another value (fax)");
    }
}
