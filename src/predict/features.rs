//! The training columns as both trainers use them: each usable column binned on the training
//! rows, a bin code for every row of the dataset, and what the rules' reasons need to know (whole
//! numbers or not, the range seen, the levels "another value" covers, the sidecar's words).

use super::binning::{assign_level, assign_numeric, bin_column, Bin, BinOptions};
use super::boost::Feature;
use super::data::{Dataset, Values};
use super::rules_text::{ColumnDoc, ColumnText};
use std::collections::BTreeMap;

/// One binned column.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// Index in `data.columns`.
    pub column: usize,
    /// Column name (the rule's field).
    pub name: String,
    /// Its bins.
    pub bins: Vec<Bin>,
    /// The bin of every dataset row; `bins.len()` for a row in no bin (a missing value when the
    /// training rows had none): such a row gets the reference's 0 points.
    pub codes: Vec<u16>,
    /// Training rows per bin (and one more slot for "no bin").
    pub rows: Vec<usize>,
    /// Converting training rows per bin.
    pub conversions: Vec<usize>,
    /// Words for reasons.
    pub text: ColumnText,
    /// Levels seen in training that fall in "another value".
    pub other_levels: Vec<String>,
}

impl Prepared {
    /// Is the column numeric?
    pub fn numeric(&self) -> bool {
        self.bins.iter().any(|b| matches!(b, Bin::Below { .. } | Bin::Range { .. } | Bin::AtLeast { .. }))
    }

    /// The booster's view of the column (one extra bin for "no bin").
    pub fn feature(&self, monotone: i8) -> Feature {
        Feature {
            codes: self.codes.clone(),
            bins: self.bins.len() + 1,
            ordered: self.numeric(),
            missing: self.bins.iter().position(|b| matches!(b, Bin::Missing)),
            monotone,
        }
    }
}

/// Bins every usable, non-sensitive column on `train_rows` (a categorical level needs
/// `categorical_min_rows` rows to be a bin of its own); columns left with fewer than two bins are
/// dropped (the caller notes them).
pub fn prepare(
    data: &Dataset,
    train_rows: &[usize],
    bin_options: BinOptions,
    categorical_min_rows: usize,
    sensitive: &[String],
    docs: &BTreeMap<String, ColumnDoc>,
) -> Vec<Prepared> {
    let mut out = Vec::new();
    for (ci, column) in data.columns.iter().enumerate() {
        if data.unusable.contains(&column.name) || sensitive.contains(&column.name) {
            continue;
        }
        let options = match column.values {
            Values::Numeric(_) => bin_options,
            Values::Categorical(_) => BinOptions { min_rows: categorical_min_rows, ..bin_options },
        };
        let binned = bin_column(column, train_rows, options);
        if binned.bins.len() < 2 {
            continue;
        }
        let bins = binned.bins;
        let none = u16::try_from(bins.len()).unwrap_or(u16::MAX);
        let codes: Vec<u16> = (0..data.len())
            .map(|i| {
                let bin = match &column.values {
                    Values::Numeric(v) => assign_numeric(&bins, v.get(i).copied().flatten()),
                    Values::Categorical(v) => assign_level(&bins, v.get(i).and_then(|x| x.as_deref())),
                };
                bin.and_then(|b| u16::try_from(b).ok()).unwrap_or(none)
            })
            .collect();
        let mut rows = vec![0usize; bins.len() + 1];
        let mut conversions = vec![0usize; bins.len() + 1];
        for &i in train_rows {
            let c = usize::from(codes.get(i).copied().unwrap_or(none));
            if let Some(n) = rows.get_mut(c) {
                *n += 1;
            }
            if data.outcome.get(i).copied().unwrap_or(false) {
                if let Some(n) = conversions.get_mut(c) {
                    *n += 1;
                }
            }
        }
        let doc = docs.get(&column.name);
        let (integer, min, max) = match &column.values {
            Values::Numeric(v) => {
                let seen = train_rows.iter().filter_map(|&i| v.get(i).copied().flatten());
                let (mut integer, mut min, mut max) = (true, None::<f64>, None::<f64>);
                for x in seen {
                    integer &= x.fract() == 0.0;
                    min = Some(min.map_or(x, |m| m.min(x)));
                    max = Some(max.map_or(x, |m| m.max(x)));
                }
                (integer, min, max)
            }
            Values::Categorical(_) => (false, None, None),
        };
        let text = ColumnText {
            label: doc.and_then(|d| d.description.clone()).unwrap_or_else(|| column.name.clone()),
            unit: doc.and_then(|d| d.unit.clone()),
            integer,
            min,
            max,
        };
        let other_levels = match (&column.values, bins.iter().find(|b| matches!(b, Bin::Other { .. }))) {
            (Values::Categorical(values), Some(Bin::Other { except })) => {
                let mut seen: Vec<(String, usize)> = Vec::new();
                for v in train_rows.iter().filter_map(|&i| values.get(i).and_then(|v| v.as_deref())) {
                    if except.iter().any(|l| l.eq_ignore_ascii_case(v)) {
                        continue;
                    }
                    match seen.iter_mut().find(|(l, _)| l == v) {
                        Some((_, n)) => *n += 1,
                        None => seen.push((v.to_string(), 1)),
                    }
                }
                // Most common first, ties by name.
                seen.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                seen.into_iter().map(|(l, _)| l).collect()
            }
            _ => Vec::new(),
        };
        out.push(Prepared {
            column: ci,
            name: column.name.clone(),
            bins,
            codes,
            rows,
            conversions,
            text,
            other_levels,
        });
    }
    out
}
