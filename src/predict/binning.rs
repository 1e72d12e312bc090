//! Turns each column into a few bins (numeric: equal-frequency ranges cut at observed values;
//! categorical: one bin per common level, rare levels grouped) so that a linear model over the bins
//! can follow non-linear effects and still read as plain rules ("age 30-39: +4 points").

use super::data::{Column, Values};
use serde_json::{json, Value};

/// One bin of a column.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Bin {
    /// `value < below`.
    Below {
        /// Upper bound (exclusive).
        below: f64,
    },
    /// `from <= value < to`.
    Range {
        /// Lower bound (inclusive).
        from: f64,
        /// Upper bound (exclusive).
        to: f64,
    },
    /// `value >= from`.
    AtLeast {
        /// Lower bound (inclusive).
        from: f64,
    },
    /// One categorical level.
    Level {
        /// The level, as in the data.
        level: String,
    },
    /// Any present level not kept as its own bin (rare ones, or ones never seen in training).
    Other {
        /// The levels that have bins of their own.
        except: Vec<String>,
    },
    /// No value.
    Missing,
}

impl Bin {
    /// The bin's rule condition on `field`, in the model's JSON form.
    pub fn condition(&self, field: &str) -> Value {
        match self {
            Bin::Below { below } => json!({ "field": field, "lt": below }),
            Bin::Range { from, to } => json!({ "field": field, "gte": from, "lt": to }),
            Bin::AtLeast { from } => json!({ "field": field, "gte": from }),
            Bin::Level { level } => json!({ "field": field, "eq": level }),
            Bin::Other { except } if except.is_empty() => json!({ "field": field, "exists": true }),
            Bin::Other { except } => json!({ "field": field, "exists": true, "notIn": except }),
            Bin::Missing => json!({ "field": field, "missing": true }),
        }
    }

    /// Plain words for the rule's reason.
    pub fn describe(&self, field: &str) -> String {
        let n = |x: &f64| format!("{x}");
        match self {
            Bin::Below { below } => format!("{field} below {}", n(below)),
            Bin::Range { from, to } => format!("{field} {} to under {}", n(from), n(to)),
            Bin::AtLeast { from } => format!("{field} {} or more", n(from)),
            Bin::Level { level } => format!("{field} is {level}"),
            Bin::Other { .. } => format!("{field} is another value"),
            Bin::Missing => format!("{field} not given"),
        }
    }
}

/// The bins of one column, with the bin each training row falls in.
#[derive(Debug, Clone, PartialEq)]
pub struct Binned {
    /// Column name.
    pub column: String,
    /// Bins, in order.
    pub bins: Vec<Bin>,
}

/// How finely to bin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BinOptions {
    /// At most this many bins for a numeric column (plus one for missing values).
    pub max_bins: usize,
    /// A bin or level needs at least this many training rows.
    pub min_rows: usize,
}

/// Bins a column from the values of the rows in `rows`.
pub fn bin_column(column: &Column, rows: &[usize], options: BinOptions) -> Binned {
    let mut bins = match &column.values {
        Values::Numeric(values) => numeric(rows.iter().filter_map(|&i| values.get(i).copied().flatten()), options),
        Values::Categorical(values) => {
            categorical(rows.iter().filter_map(|&i| values.get(i).and_then(|v| v.as_deref())), options)
        }
    };
    let has_missing = match &column.values {
        Values::Numeric(v) => rows.iter().any(|&i| v.get(i).is_some_and(Option::is_none)),
        Values::Categorical(v) => rows.iter().any(|&i| v.get(i).is_some_and(Option::is_none)),
    };
    if has_missing {
        bins.push(Bin::Missing);
    }
    Binned { column: column.name.clone(), bins }
}

/// Equal-frequency bins cut at observed values, so that ties never straddle a cut.
fn numeric(values: impl Iterator<Item = f64>, options: BinOptions) -> Vec<Bin> {
    let mut sorted: Vec<f64> = values.collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n == 0 {
        return Vec::new();
    }
    let target = (n / options.max_bins.max(1)).max(options.min_rows).max(1);
    let mut cuts = Vec::new();
    let mut in_bin = 0;
    let mut i = 0;
    while i < n {
        let v = sorted.get(i).copied().unwrap_or(f64::NAN);
        let run = sorted.get(i..).map_or(0, |rest| rest.iter().take_while(|x| **x == v).count());
        if in_bin >= target && n - i >= options.min_rows.max(1) {
            cuts.push(v);
            in_bin = 0;
        }
        in_bin += run;
        i += run.max(1);
    }
    match cuts.as_slice() {
        [] => vec![Bin::AtLeast { from: sorted.first().copied().unwrap_or(0.0) }],
        [first, ..] => {
            let mut bins = vec![Bin::Below { below: *first }];
            bins.extend(cuts.windows(2).filter_map(|w| match w {
                [a, b] => Some(Bin::Range { from: *a, to: *b }),
                _ => None,
            }));
            bins.extend(cuts.last().map(|c| Bin::AtLeast { from: *c }));
            bins
        }
    }
}

/// One bin per level with at least `min_rows` rows (most common first, ties by name); the rest
/// grouped.
fn categorical<'a>(values: impl Iterator<Item = &'a str>, options: BinOptions) -> Vec<Bin> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(l, _)| *l == v) {
            Some((_, c)) => *c += 1,
            None => counts.push((v, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let kept: Vec<String> = counts.iter().filter(|(_, c)| *c >= options.min_rows).map(|(l, _)| l.to_string()).collect();
    let rare = counts.len() > kept.len();
    let mut bins: Vec<Bin> = kept.iter().map(|l| Bin::Level { level: l.clone() }).collect();
    // Levels never seen in training also land here when the model scores new leads.
    if rare || !kept.is_empty() {
        bins.push(Bin::Other { except: kept });
    }
    bins
}

/// The bin a value falls in (`None`: no bin, e.g. a numeric bin set without a missing bin).
pub fn assign_numeric(bins: &[Bin], value: Option<f64>) -> Option<usize> {
    bins.iter().position(|b| match (b, value) {
        (Bin::Below { below }, Some(x)) => x < *below,
        (Bin::Range { from, to }, Some(x)) => x >= *from && x < *to,
        (Bin::AtLeast { from }, Some(x)) => x >= *from,
        (Bin::Missing, None) => true,
        _ => false,
    })
}

/// The bin a categorical value falls in. Levels compare case-insensitively, as the engine's `eq` does.
pub fn assign_level(bins: &[Bin], value: Option<&str>) -> Option<usize> {
    bins.iter().position(|b| match (b, value) {
        (Bin::Level { level }, Some(v)) => level.to_lowercase() == v.to_lowercase(),
        (Bin::Other { except }, Some(v)) => !except.iter().any(|l| l.to_lowercase() == v.to_lowercase()),
        (Bin::Missing, None) => true,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_bins_cut_at_values_and_respect_minimum_rows() {
        let values = (0..100).map(|i| f64::from(i / 10)); // 0..9, ten each
        let bins = numeric(values, BinOptions { max_bins: 5, min_rows: 10 });
        assert_eq!(bins.first(), Some(&Bin::Below { below: 2.0 }));
        assert_eq!(bins.last(), Some(&Bin::AtLeast { from: 8.0 }));
        assert_eq!(bins.len(), 5);
        assert_eq!(assign_numeric(&bins, Some(1.0)), Some(0));
        assert_eq!(assign_numeric(&bins, Some(2.0)), Some(1));
        assert_eq!(assign_numeric(&bins, Some(99.0)), Some(4));
        assert_eq!(assign_numeric(&bins, None), None);
        // One value: one bin.
        assert_eq!(numeric([3.0; 50].into_iter(), BinOptions { max_bins: 5, min_rows: 10 }).len(), 1);
    }

    #[test]
    fn rare_levels_are_grouped() {
        let values = ["a"; 30].into_iter().chain(["b"; 12]).chain(["c", "d"]);
        let bins = categorical(values, BinOptions { max_bins: 10, min_rows: 10 });
        assert_eq!(bins.len(), 3);
        assert_eq!(assign_level(&bins, Some("A")), Some(0));
        assert_eq!(assign_level(&bins, Some("c")), Some(2));
        assert_eq!(assign_level(&bins, Some("never seen")), Some(2));
        assert_eq!(bins[2].condition("x"), json!({"field": "x", "exists": true, "notIn": ["a", "b"]}));
    }
}
