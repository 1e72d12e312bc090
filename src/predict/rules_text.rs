//! Reasons a marketer can read for the trainer's rules: integers as integers and zero as "0"
//! ("previous contacts is 0", not "below 1"), "another value" with the levels it covers, and a
//! column's description and unit from the `columns` sidecar when one is given.

use serde::Deserialize;

/// What a sidecar says about one column (`--columns columns.json`: `{"age": {"description":
/// "Age of the lead", "unit": "years"}}`).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ColumnDoc {
    /// Words for the column, used in reasons instead of its name.
    #[serde(default)]
    pub description: Option<String>,
    /// Unit after numbers ("years", "days", "%").
    #[serde(default)]
    pub unit: Option<String>,
}

/// How to write one column's values.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnText {
    /// The column's name, or its description.
    pub label: String,
    /// Unit after numbers.
    pub unit: Option<String>,
    /// Every value is a whole number: ranges are written with inclusive ends.
    pub integer: bool,
    /// Smallest value seen in training.
    pub min: Option<f64>,
    /// Largest value seen in training.
    pub max: Option<f64>,
}

/// How many levels "another value" names before "and N more".
const LISTED: usize = 3;

/// A number as people write it: whole numbers without a decimal point, others with at most four
/// decimals and no trailing zeros; never "-0".
pub fn number(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

impl ColumnText {
    fn n(&self, x: f64) -> String {
        match &self.unit {
            Some(u) => format!("{} {u}", number(x)),
            None => number(x),
        }
    }

    /// `lo <= value < hi` (either end open) in words.
    pub fn range(&self, lo: Option<f64>, hi: Option<f64>) -> String {
        let label = &self.label;
        if self.integer {
            // Whole numbers: `< hi` is `<= hi - 1`.
            let top = hi.map(|h| (h - 1.0).max(lo.unwrap_or(f64::NEG_INFINITY)));
            let bottom = lo.or(self.min.filter(|m| top.is_some_and(|t| *m >= t)));
            return match (bottom, top) {
                (Some(l), Some(t)) if l == t => format!("{label} is {}", self.n(l)),
                (Some(l), Some(t)) => format!("{label} {} to {}", number(l), self.n(t)),
                (None, Some(t)) => format!("{label} {} or less", self.n(t)),
                (Some(l), None) if self.max == Some(l) => format!("{label} is {}", self.n(l)),
                (Some(l), None) => format!("{label} {} or more", self.n(l)),
                (None, None) => format!("{label} given"),
            };
        }
        match (lo, hi) {
            (Some(l), Some(h)) => format!("{label} {} to under {}", number(l), self.n(h)),
            (None, Some(h)) => format!("{label} below {}", self.n(h)),
            (Some(l), None) => format!("{label} {} or more", self.n(l)),
            (None, None) => format!("{label} given"),
        }
    }

    /// The value is one of `levels`, and with `other`, also any level outside the model's list
    /// (`other` lists those seen in training).
    pub fn levels(&self, levels: &[String], other: Option<&[String]>) -> String {
        let label = &self.label;
        let mut named: Vec<String> = levels.to_vec();
        if let Some(covered) = other {
            named.push(another(covered));
        }
        match named.as_slice() {
            [] => format!("{label} given"),
            [one] => format!("{label} is {one}"),
            [init @ .., last] => format!("{label} is {} or {last}", init.join(", ")),
        }
    }

    /// No value.
    pub fn missing(&self) -> String {
        format!("{} not given", self.label)
    }
}

/// "another value (a, b, c and 2 more)": the levels an "another value" rule covers in training.
fn another(covered: &[String]) -> String {
    match covered.len() {
        0 => "another value (none in training)".into(),
        n if n <= LISTED => format!("another value ({})", list(covered)),
        n => format!(
            "another value ({} and {} more)",
            covered.iter().take(LISTED).cloned().collect::<Vec<_>>().join(", "),
            n - LISTED
        ),
    }
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(integer: bool, min: f64, max: f64, unit: Option<&str>) -> ColumnText {
        ColumnText { label: "previous".into(), unit: unit.map(str::to_string), integer, min: Some(min), max: Some(max) }
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(30.0), "30");
        assert_eq!(number(4.857), "4.857");
        assert_eq!(number(1.25000001), "1.25");
        assert_eq!(number(-1.8), "-1.8");
    }

    #[test]
    fn whole_number_ranges_have_inclusive_ends_and_zero_is_zero() {
        let c = col(true, 0.0, 7.0, None);
        assert_eq!(c.range(None, Some(1.0)), "previous is 0");
        assert_eq!(c.range(Some(1.0), Some(2.0)), "previous is 1");
        assert_eq!(c.range(Some(2.0), Some(5.0)), "previous 2 to 4");
        assert_eq!(c.range(Some(5.0), None), "previous 5 or more");
        assert_eq!(c.range(Some(7.0), None), "previous is 7");
        let days = col(true, 18.0, 90.0, Some("years"));
        assert_eq!(days.range(None, Some(30.0)), "previous 29 years or less");
        let rate = col(false, 0.6, 5.0, Some("%"));
        assert_eq!(rate.range(Some(1.3), Some(4.2)), "previous 1.3 to under 4.2 %");
        assert_eq!(rate.range(None, Some(1.3)), "previous below 1.3 %");
    }

    #[test]
    fn another_value_names_its_levels() {
        let c = ColumnText { label: "job".into(), unit: None, integer: false, min: None, max: None };
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(c.levels(&s(&["retired"]), None), "job is retired");
        assert_eq!(c.levels(&s(&["retired", "student"]), None), "job is retired or student");
        assert_eq!(c.levels(&[], Some(&s(&["unknown"]))), "job is another value (unknown)");
        assert_eq!(
            c.levels(&s(&["student"]), Some(&s(&["a", "b", "c", "d", "e"]))),
            "job is student or another value (a, b, c and 2 more)"
        );
    }
}
