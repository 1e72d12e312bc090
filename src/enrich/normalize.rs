//! The built-in normalizations: employee counts and ranges, countries, industries. Each turns a
//! vendor's (or the lead's) value into one comparable form, or says why it cannot.

use super::country_key::country_key;
use super::types::RangeRule;
use crate::signals::size;
use serde_json::Value;

/// Country keys and their alpha-2 codes, a line each (`unitedstates\tUS`), sorted by key: laid
/// out by `build.rs` from the ISO table.
const COUNTRIES: &str = include_str!(concat!(env!("OUT_DIR"), "/countries.txt"));

/// Each line of [`COUNTRIES`] as (key, code), found once, on the first country looked up.
fn country_lines() -> &'static [(&'static str, &'static str)] {
    static LINES: std::sync::OnceLock<Vec<(&'static str, &'static str)>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| COUNTRIES.lines().filter_map(|line| line.split_once('\t')).collect())
}

/// The alpha-2 code of a country key, by binary search over the lines.
fn country_code(key: &str) -> Option<&'static str> {
    let lines = country_lines();
    let i = lines.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
    lines.get(i).map(|(_, code)| *code)
}

/// A range of numbers, as vendors give employee counts (`"51-200"`, `"10,001+"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    /// Lowest number in the range.
    pub lo: f64,
    /// Highest number in the range; infinite for an open range (`10,001+`).
    pub hi: f64,
    /// How the range answers a numeric test (the model's `enrichment.ranges`).
    pub rule: RangeRule,
}

impl Range {
    /// The range as text: `51-200`, `10001+`.
    pub fn text(&self) -> String {
        let lo = crate::json::number(self.lo);
        if self.hi.is_infinite() {
            lo + "+"
        } else {
            lo + "-" + &crate::json::number(self.hi)
        }
    }

    /// The one number that stands for the range under [`RangeRule::Midpoint`]: its midpoint, or
    /// its lower end when it is open.
    pub fn midpoint(&self) -> f64 {
        if self.hi.is_infinite() {
            self.lo
        } else {
            (self.lo + self.hi) / 2.0
        }
    }

    /// Whether the range passes a test that numbers in `[lo, hi]` pass (`hi` may be infinite),
    /// under the range's rule.
    pub fn passes(&self, lo: f64, hi: f64) -> bool {
        self.passes_by(self.rule, lo, hi)
    }

    /// Whether the range passes the negation of such a test (`ne`, `notIn`) under its rule. Under
    /// `within`, "every number is not n" is "no number is n": not `overlaps`; under `overlaps`,
    /// "some number is not n" is "not every number is n": not `within`; the midpoint is one number.
    pub fn passes_negated(&self, lo: f64, hi: f64) -> bool {
        let dual = match self.rule {
            RangeRule::Midpoint => RangeRule::Midpoint,
            RangeRule::Within => RangeRule::Overlaps,
            RangeRule::Overlaps => RangeRule::Within,
        };
        !self.passes_by(dual, lo, hi)
    }

    fn passes_by(&self, rule: RangeRule, lo: f64, hi: f64) -> bool {
        match rule {
            RangeRule::Midpoint => (lo..=hi).contains(&self.midpoint()),
            RangeRule::Within => lo <= self.lo && self.hi <= hi,
            RangeRule::Overlaps => self.lo <= hi && lo <= self.hi,
        }
    }

    /// The company size band: the band the whole range lies in, else the band of its midpoint.
    pub fn size_band(&self) -> Option<&'static str> {
        let (lo, hi) = (size::band_of(self.lo), size::band_of(self.hi));
        if lo == hi {
            lo
        } else {
            size::band_of(self.midpoint())
        }
    }
}

/// A normalized value.
#[derive(Debug, Clone, PartialEq)]
pub enum Normal {
    /// A JSON value (a number, a text, ...), as given or normalized.
    Value(Value),
    /// A range of numbers.
    Range(Range),
}

impl Normal {
    /// The value as a person reads it in an explanation.
    pub fn show(&self) -> String {
        match self {
            Normal::Value(Value::String(s)) => s.clone(),
            // Numbers as JavaScript writes them, as everywhere on a card.
            Normal::Value(v) => crate::json::to_string(v).unwrap_or_default(),
            Normal::Range(r) => r.text(),
        }
    }

    /// The JSON value, unless it is a range.
    pub fn as_value(&self) -> Option<&Value> {
        match self {
            Normal::Value(v) => Some(v),
            Normal::Range(_) => None,
        }
    }

    /// The value as JSON on a card (a range as its text).
    pub fn to_json(&self) -> Value {
        match self {
            Normal::Value(v) => v.clone(),
            Normal::Range(r) => Value::String(r.text()),
        }
    }

    /// The number `max` compares: a number, or a range's upper end.
    pub fn magnitude(&self) -> Option<f64> {
        match self {
            Normal::Value(Value::Number(n)) => n.as_f64(),
            Normal::Value(Value::String(s)) => crate::text::parse_number(s),
            Normal::Range(r) => Some(r.hi),
            Normal::Value(_) => None,
        }
    }
}

/// An employee count (`340`, `"1,200"`, `"5k"`) or range (`"51-200"`, `"10,001+"`, `"200 to 500"`).
pub fn employees(value: &Value, rule: RangeRule) -> Result<Normal, String> {
    let problem = || "expected an employee count or a range like \"51-200\" or \"10,001+\"".to_string();
    let text = match value {
        Value::Number(n) => {
            return match n.as_f64() {
                Some(x) if x >= 0.0 => Ok(Normal::Value(value.clone())),
                _ => Err(problem()),
            };
        }
        Value::String(s) => s.trim(),
        _ => return Err(problem()),
    };
    let number = |t: &str| count(t).map(number_value).ok_or_else(problem);
    if let Some(lo) = text.strip_suffix('+') {
        let lo = count(lo).ok_or_else(problem)?;
        return Ok(Normal::Range(Range { lo, hi: f64::INFINITY, rule }));
    }
    let split = text.split_once(" to ").or_else(|| text.split_once('-')).or_else(|| text.split_once('–'));
    match split {
        Some((a, b)) => {
            let (lo, hi) = (count(a).ok_or_else(problem)?, count(b).ok_or_else(problem)?);
            if lo > hi {
                return Err(format!("the range {text:?} runs from high to low"));
            }
            Ok(if lo == hi { Normal::Value(number_value(lo)) } else { Normal::Range(Range { lo, hi, rule }) })
        }
        None => number(text).map(Normal::Value),
    }
}

/// A count as a JSON number: whole counts as integers (`1200`, not `1200.0`), as they were typed.
fn number_value(x: f64) -> Value {
    if x.fract() == 0.0 && x < 9_007_199_254_740_992.0 {
        Value::from(x as u64)
    } else {
        Value::from(x)
    }
}

/// A non-negative count written as text: digits with optional thousands commas (`10,001`) and an
/// optional `k` (thousands) or `m` (millions) suffix.
fn count(text: &str) -> Option<f64> {
    let text = text.trim();
    let (digits, factor) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (text.get(..i)?, 1e3),
        Some((i, 'm' | 'M')) => (text.get(..i)?, 1e6),
        _ => (text, 1.0),
    };
    let digits = digits.trim();
    let plain: String = if digits.contains(',') {
        // Commas only as thousands separators: 1,200 and 10,001, not 1,2.
        let mut groups = digits.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !groups.clone().all(|g| g.len() == 3) {
            return None;
        }
        digits.chars().filter(|c| *c != ',').collect()
    } else {
        digits.to_string()
    };
    let x = crate::text::parse_number(&plain)? * factor;
    (x >= 0.0).then_some(x)
}

/// A country name or code as its ISO 3166-1 alpha-2 code (`"United States"`, `"usa"`, `"US"` ->
/// `"US"`).
pub fn country(value: &Value) -> Result<Normal, String> {
    let Value::String(text) = value else {
        return Err("expected a country name or ISO code".into());
    };
    match country_code(&country_key(text)) {
        Some(alpha2) => Ok(Normal::Value(Value::String(alpha2.to_string()))),
        None => Err(format!("{} is not a country name or ISO 3166 code", crate::text::quote_short(text))),
    }
}

/// An industry name through the model's table: `(lower-cased name or alias, canonical name)`,
/// sorted by the first.
pub fn industry(value: &Value, table: &[(String, String)]) -> Result<Normal, String> {
    let Value::String(text) = value else {
        return Err("expected an industry name".into());
    };
    let key = text.trim().to_lowercase();
    let found = table.binary_search_by(|(k, _)| k.as_str().cmp(key.as_str())).ok();
    match found.and_then(|i| table.get(i)) {
        Some((_, canonical)) => Ok(Normal::Value(Value::String(canonical.clone()))),
        None => Err(format!("{} is not in enrichment.industries", crate::text::quote_short(text))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn range(lo: f64, hi: f64) -> Normal {
        Normal::Range(Range { lo, hi, rule: RangeRule::Midpoint })
    }

    #[test]
    fn employee_counts_and_ranges() {
        let cases = [
            (json!(340), Ok(Normal::Value(json!(340)))),
            (json!("1,200"), Ok(Normal::Value(json!(1200)))),
            (json!(" 5k "), Ok(Normal::Value(json!(5000)))),
            (json!("1.5k"), Ok(Normal::Value(json!(1500)))),
            (json!("2.5"), Ok(Normal::Value(json!(2.5)))),
            (json!("51-200"), Ok(range(51.0, 200.0))),
            (json!("51 - 200"), Ok(range(51.0, 200.0))),
            (json!("1,001–5,000"), Ok(range(1001.0, 5000.0))),
            (json!("200 to 500"), Ok(range(200.0, 500.0))),
            (json!("10,001+"), Ok(range(10001.0, f64::INFINITY))),
            (json!("10-10"), Ok(Normal::Value(json!(10)))),
        ];
        for (value, expected) in cases {
            assert_eq!(employees(&value, RangeRule::Midpoint), expected, "{value}");
        }
        for bad in [json!(-3), json!("lots"), json!("1,2"), json!("500-200"), json!(true), json!("+"), json!("-5")] {
            assert!(employees(&bad, RangeRule::Midpoint).is_err(), "{bad}");
        }
    }

    #[test]
    fn ranges_answer_tests_by_their_rule() {
        let r = |rule| Range { lo: 51.0, hi: 200.0, rule };
        // between 100 and 1000
        assert!(r(RangeRule::Midpoint).passes(100.0, 1000.0)); // midpoint 125.5
        assert!(!r(RangeRule::Within).passes(100.0, 1000.0));
        assert!(r(RangeRule::Overlaps).passes(100.0, 1000.0));
        assert!(!r(RangeRule::Overlaps).passes(201.0, 1000.0));
        assert!(r(RangeRule::Within).passes(51.0, 200.0));
        let open = Range { lo: 10001.0, hi: f64::INFINITY, rule: RangeRule::Midpoint };
        assert_eq!(open.midpoint(), 10001.0);
        assert_eq!(open.text(), "10001+");
        assert_eq!(open.size_band(), Some("10001+"));
        assert_eq!(r(RangeRule::Midpoint).size_band(), Some("51-200"));
        assert_eq!(Range { lo: 150.0, hi: 600.0, rule: RangeRule::Midpoint }.size_band(), Some("201-500"));
    }

    #[test]
    fn countries_by_name_or_code() {
        for (text, code) in [
            ("US", "US"),
            ("usa", "US"),
            ("United States", "US"),
            ("United States of America", "US"),
            ("U.S.A.", "US"),
            ("UK", "GB"),
            ("United Kingdom", "GB"),
            ("Great Britain", "GB"),
            ("GBR", "GB"),
            ("Deutschland", "DE"),
            ("germany", "DE"),
            ("Côte d'Ivoire", "CI"),
            ("The Netherlands", "NL"),
            ("Netherlands", "NL"),
            ("South Korea", "KR"),
            ("Türkiye", "TR"),
            ("Thailand", "TH"),
        ] {
            assert_eq!(country(&json!(text)), Ok(Normal::Value(json!(code))), "{text}");
        }
        assert!(country(&json!("Atlantis")).is_err());
        assert!(country(&json!(1)).is_err());
    }
}
