//! Helpers for reading a JSON document into typed values while collecting *every* problem with its
//! path, instead of stopping at the first (which is all serde's derive can do).

use crate::error::{child, index, Code, Issue};
use crate::text::suggestion;
use serde_json::{Map, Value};

/// Most problems listed for one document; past it, one closing issue says how many more there were.
pub const MAX_ISSUES: usize = 100;

/// Collects issues while a document is read.
#[derive(Default)]
pub struct Reader {
    /// Problems so far, in document order.
    pub issues: Vec<Issue>,
    dropped: usize,
}

/// "a string", "an array", ... for messages (with the other text helpers).
pub use crate::text::describe_value;

impl Reader {
    /// Records a problem.
    pub fn report(&mut self, path: &str, code: Code, message: impl Into<String>) {
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(Issue::new(path, code, message));
        } else {
            self.dropped += 1;
        }
    }

    /// The issues, with a closing note if some were dropped.
    pub fn finish(mut self) -> Vec<Issue> {
        if self.dropped > 0 {
            self.issues.push(Issue::new("", Code::TooLarge, format!("{} more problems not listed", self.dropped)));
        }
        self.issues
    }

    fn wrong_type(&mut self, path: &str, expected: &str, found: &Value) {
        self.report(path, Code::WrongType, format!("expected {expected}, found {}", describe_value(found)));
    }

    /// An object whose keys must be among `allowed`; unknown keys are reported with a did-you-mean.
    pub fn object<'v>(&mut self, v: &'v Value, path: &str, allowed: &[&str]) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong_type(path, "an object", v);
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let hint = suggestion(key, allowed.iter().copied());
                self.report(&child(path, key), Code::UnknownField, format!("unknown field \"{key}\"{hint}"));
            }
        }
        Some(map)
    }

    /// An object whose keys are names the document chooses (fields, vendors, industries).
    pub fn map<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(map) => Some(map),
            other => {
                self.wrong_type(path, "an object", other);
                None
            }
        }
    }

    /// A required member.
    pub fn required<'v>(&mut self, map: &'v Map<String, Value>, path: &str, key: &str) -> Option<&'v Value> {
        let v = map.get(key);
        if v.is_none() {
            self.report(&child(path, key), Code::MissingField, format!("missing required field \"{key}\""));
        }
        v
    }

    /// A string.
    pub fn string(&mut self, v: &Value, path: &str) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong_type(path, "a string", other);
                None
            }
        }
    }

    /// A string with at least one non-blank character.
    pub fn name(&mut self, v: &Value, path: &str) -> Option<String> {
        let s = self.string(v, path)?;
        if s.trim().is_empty() {
            self.report(path, Code::InvalidValue, "must not be empty");
            return None;
        }
        Some(s)
    }

    /// A number.
    pub fn number(&mut self, v: &Value, path: &str) -> Option<f64> {
        match v.as_f64() {
            Some(x) if x.is_finite() => Some(x),
            _ => {
                self.wrong_type(path, "a number", v);
                None
            }
        }
    }

    /// A number greater than zero.
    pub fn positive(&mut self, v: &Value, path: &str) -> Option<f64> {
        let x = self.number(v, path)?;
        if x <= 0.0 {
            self.report(path, Code::InvalidValue, format!("must be greater than 0, found {x}"));
            return None;
        }
        Some(x)
    }

    /// A whole number in `lo..=hi`.
    pub fn integer(&mut self, v: &Value, path: &str, lo: u64, hi: u64) -> Option<u64> {
        let x = self.number(v, path)?;
        if x.fract() != 0.0 || x < lo as f64 || x > hi as f64 {
            self.report(path, Code::InvalidValue, format!("must be a whole number from {lo} to {hi}, found {x}"));
            return None;
        }
        // Whole and within u64 range by the check above.
        Some(x as u64)
    }

    /// A two-number array `[low, high]` (the order is the caller's to check).
    pub fn pair(&mut self, v: &Value, path: &str) -> Option<(f64, f64)> {
        let items = self.array(v, path)?;
        let [a, b] = items else {
            self.report(
                path,
                Code::InvalidValue,
                format!("expected two numbers [low, high], found {} items", items.len()),
            );
            return None;
        };
        let a = self.number(a, &index(path, 0));
        let b = self.number(b, &index(path, 1));
        Some((a?, b?))
    }

    /// A boolean.
    pub fn boolean(&mut self, v: &Value, path: &str) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(path, "true or false", other);
                None
            }
        }
    }

    /// An array.
    pub fn array<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v [Value]> {
        match v {
            Value::Array(items) => Some(items),
            other => {
                self.wrong_type(path, "an array", other);
                None
            }
        }
    }

    /// A non-empty array.
    pub fn nonempty_array<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v [Value]> {
        let items = self.array(v, path)?;
        if items.is_empty() {
            self.report(path, Code::EmptyList, "must list at least one item");
            return None;
        }
        Some(items)
    }

    /// One non-empty string, or a non-empty array of them.
    pub fn one_or_many(&mut self, v: &Value, path: &str) -> Option<Vec<String>> {
        if let Value::String(_) = v {
            return self.name(v, path).map(|s| vec![s]);
        }
        if !v.is_array() {
            self.wrong_type(path, "a string or an array of strings", v);
            return None;
        }
        let items = self.nonempty_array(v, path)?;
        let out: Vec<Option<String>> = items.iter().enumerate().map(|(i, x)| self.name(x, &index(path, i))).collect();
        out.into_iter().collect()
    }

    /// One of the texts `allowed`, with a did-you-mean when it is not.
    pub fn choice<'a>(&mut self, v: &Value, path: &str, allowed: &[&'a str]) -> Option<&'a str> {
        if let Some(found) = v.as_str().and_then(|s| allowed.iter().find(|a| **a == s)) {
            return Some(found);
        }
        let shown = v.as_str().map_or_else(|| v.to_string(), |s| format!("\"{s}\""));
        let hint = v.as_str().map(|s| suggestion(s, allowed.iter().copied())).unwrap_or_default();
        self.report(path, Code::InvalidValue, format!("{shown} is not one of {}{hint}", allowed.join(", ")));
        None
    }

    /// Whether `name` is one of `known` (the names of something the document defines: groups,
    /// tiers, stages); reports it with a did-you-mean when it is not.
    pub fn known(&mut self, name: &str, path: &str, what: &str, known: &[&str]) -> bool {
        if known.contains(&name) {
            return true;
        }
        let hint = suggestion(name, known.iter().copied());
        let listed =
            if known.is_empty() { "none is defined".to_string() } else { format!("defined: {}", known.join(", ")) };
        self.report(path, Code::InvalidValue, format!("no {what} \"{name}\" ({listed}){hint}"));
        false
    }

    /// An array of strings (possibly empty).
    pub fn strings(&mut self, v: &Value, path: &str) -> Option<Vec<String>> {
        let items = self.array(v, path)?;
        let out: Vec<Option<String>> = items.iter().enumerate().map(|(i, x)| self.name(x, &index(path, i))).collect();
        out.into_iter().collect()
    }
}

/// Largest number of points (a group's cap, the most a model's rules can add up to) the engine
/// counts. Points are counted in hundredths as integers and shown as `f64`: 10^13 points is 10^15
/// hundredths, below 2^53, so every sum of contributions is exact and far from overflowing.
pub const MAX_EXACT_POINTS: f64 = 1e13;

/// `x` in hundredths, if it has at most two decimals and is within ±[`MAX_EXACT_POINTS`].
pub fn to_centi(x: f64) -> Option<i64> {
    let scaled = x * 100.0;
    let rounded = scaled.round();
    ((scaled - rounded).abs() <= 1e-6 * rounded.abs().max(1.0) && rounded.abs() <= MAX_EXACT_POINTS * 100.0)
        .then_some(rounded as i64)
}

/// A number for a message: as written for everyday sizes, in exponent form (`1.7e308`) for huge and
/// tiny ones, which would otherwise print as hundreds of digits.
pub fn show_number(x: f64) -> String {
    if x != 0.0 && !(1e-6..1e16).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}
