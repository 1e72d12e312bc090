//! A lead: JSON attributes (read by dotted path) plus a list of timestamped events.
//!
//! Leads are parsed once (`Scorer::parse_lead`) and can then be scored many times, e.g. at several
//! `asOf` dates in a backtest. Parsing enforces the model's input limits (always errors) and applies
//! its wrong-type policy to malformed events (skipped with a warning, or an error).

mod event;
mod limits;
#[cfg(feature = "arrow")]
mod parts;
mod raw;
mod surrogates;
mod text;
mod value;

pub use event::{show_value, Event};
pub use limits::MAX_LEAD_DEPTH;
#[cfg(feature = "arrow")]
pub(crate) use parts::{EventPart, LeadParts};

use super::compile::FieldPath;
use crate::error::{Code, LeadError};
use crate::model::{describe_value, InputPolicy, OnInvalid};
use crate::signals::hash_index::fnv1a;
use limits::{check_field, check_key, too_deep};
use raw::{RawEvents, RawLead};
use serde_json::{Map, Value};
use smol_str::SmolStr;

/// A parsed lead.
///
/// Attributes are stored flattened by dotted path (`company.employees`), sorted by the path's hash,
/// with short paths inline: a lead is parsed once and may be scored many times, and this keeps each
/// lookup to a binary search in one contiguous vector instead of a walk through heap-allocated map
/// nodes (which made scoring memory-bound).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lead {
    fields: Vec<Field>,
    /// Valid events, in input order.
    pub events: Vec<Event>,
    /// Problems tolerated while parsing (under `onInvalid: "warn"`).
    pub warnings: Vec<LeadError>,
}

/// One attribute: every object member at any depth, by its dotted path. Objects themselves are kept
/// as empty-object markers, so `exists` on `company` still works.
#[derive(Debug, Clone, PartialEq)]
struct Field {
    hash: u64,
    path: SmolStr,
    value: Value,
}

impl Lead {
    /// Parses a lead value under the given limits and policy.
    pub fn parse(value: Value, policy: &InputPolicy) -> Result<Lead, LeadError> {
        Lead::from_raw(value::read(value, policy), policy)
    }

    /// Parses a lead from JSON text under the given limits and policy, reading events straight from
    /// the text (see `text`). Lone surrogate escapes read as U+FFFD (see `surrogates`).
    pub fn from_json(text: &str, policy: &InputPolicy) -> Result<Lead, LeadError> {
        Lead::from_raw(text::read(&surrogates::repair(text), policy)?, policy)
    }

    /// A lead a columnar reader assembled (see `parts`), under the given limits and policy.
    #[cfg(feature = "arrow")]
    pub(crate) fn from_parts(parts: LeadParts, policy: &InputPolicy) -> Result<Lead, LeadError> {
        Lead::from_raw(parts.into_raw(), policy)
    }

    /// The back half every reader shares: limits on the attributes, the events limit, and the
    /// wrong-type policy for events that could not be read.
    fn from_raw(raw: RawLead, policy: &InputPolicy) -> Result<Lead, LeadError> {
        let (attrs, raw_events) = match raw {
            RawLead::Object { attrs, events } => (attrs, events),
            RawLead::Other(value) => {
                return Err(LeadError::new(
                    "",
                    Code::WrongType,
                    format!("a lead is a JSON object, found {}", describe_value(&value)),
                ));
            }
        };
        let mut lead = Lead { fields: Vec::with_capacity(attrs.len() * 2), events: Vec::new(), warnings: Vec::new() };
        flatten(attrs, "", 1, policy, &mut lead.fields)?;
        // Stable: where a nested path and a literal dotted key coincide, the nested one (seen first) wins.
        lead.fields.sort_by_key(|f| f.hash);
        match raw_events {
            None | Some(RawEvents::Null) => {}
            Some(RawEvents::Items { events, problems, count }) => {
                if count > policy.max_events {
                    return Err(LeadError::new(
                        "events",
                        Code::TooLarge,
                        format!(
                            "{count} events is more than the model's limit of {} (input.maxEvents)",
                            policy.max_events
                        ),
                    ));
                }
                for problem in problems {
                    if policy.on_invalid == OnInvalid::Warn
                        && problem.code != Code::TooLarge
                        && problem.code != Code::TooDeep
                    {
                        lead.warnings
                            .push(LeadError { message: format!("{} (event skipped)", problem.message), ..problem });
                    } else {
                        return Err(problem);
                    }
                }
                lead.events = events;
            }
            Some(RawEvents::Other(other)) => {
                return Err(LeadError::new(
                    "events",
                    Code::WrongType,
                    format!("expected an array of events, found {}", describe_value(&other)),
                ));
            }
        }
        Ok(lead)
    }

    /// An attribute by dotted path: `company.employees` reads `{"company": {"employees": ..}}` or a
    /// literal top-level key `"company.employees"` (flat CRM exports).
    pub fn attr(&self, path: &str) -> Option<&Value> {
        self.attr_hashed(fnv1a(path), path)
    }

    /// [`Lead::attr`] with the path's hash computed in advance (the scorer's hot path).
    pub(crate) fn attr_at(&self, path: &FieldPath) -> Option<&Value> {
        self.attr_hashed(path.hash, &path.full)
    }

    /// [`Lead::attr`] with the path's hash computed in advance.
    pub(crate) fn attr_with_hash(&self, hash: u64, path: &str) -> Option<&Value> {
        self.attr_hashed(hash, path)
    }

    fn attr_hashed(&self, hash: u64, path: &str) -> Option<&Value> {
        let first = self.fields.partition_point(|f| f.hash < hash);
        self.fields.get(first..)?.iter().take_while(|f| f.hash == hash).find(|f| f.path == path).map(|f| &f.value)
    }

    /// Every attribute path with its value (objects appear as empty objects), in no particular order.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.fields.iter().map(|f| (f.path.as_str(), &f.value))
    }
}

/// Moves every member of `map` (recursively) into `out` under its dotted path, enforcing the depth and
/// string-length limits (on keys and values) on the way.
fn flatten(
    map: Map<String, Value>,
    base: &str,
    depth: usize,
    policy: &InputPolicy,
    out: &mut Vec<Field>,
) -> Result<(), LeadError> {
    let max_bytes = policy.max_string_bytes;
    for (key, value) in map {
        if let Some(problem) = check_key(&key, max_bytes, || base.to_string()) {
            return Err(problem);
        }
        // Joined by hand: `format!` here was a tenth of the cost of reading a lead.
        let path = if base.is_empty() {
            key
        } else {
            let mut path = String::with_capacity(base.len() + 1 + key.len());
            path.push_str(base);
            path.push('.');
            path.push_str(&key);
            path
        };
        if depth > MAX_LEAD_DEPTH {
            return Err(too_deep(path));
        }
        match value {
            Value::Object(inner) => {
                out.push(Field { hash: fnv1a(&path), path: SmolStr::new(&path), value: Value::Object(Map::new()) });
                flatten(inner, &path, depth + 1, policy, out)?;
            }
            other => {
                if let Some(problem) = check_field(&other, depth, max_bytes, || path.clone()) {
                    return Err(problem);
                }
                // A text the model's `input.missing` lists ("N/A", "Select", "") is not given.
                if matches!(&other, Value::String(s) if policy.is_missing(s)) {
                    continue;
                }
                out.push(Field { hash: fnv1a(&path), path: SmolStr::new(&path), value: other });
            }
        }
    }
    Ok(())
}

/// Reads a dotted path inside an event's fields: nested objects first, then the literal key.
pub(crate) fn resolve_at<'a>(map: &'a Map<String, Value>, path: &FieldPath) -> Option<&'a Value> {
    match path.segments.as_slice() {
        [one] => map.get(one.as_str()),
        [first, rest @ ..] => map
            .get(first.as_str())
            .and_then(|v| rest.iter().try_fold(v, |v, seg| v.as_object()?.get(seg.as_str())))
            .or_else(|| map.get(path.full.as_str())),
        [] => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `input.maxStringBytes` holds for keys as for values, on both readers, at any depth, with the
    /// key's parent as the path and the key cut short in the message.
    #[test]
    fn a_ten_megabyte_key_is_refused_by_both_readers() {
        let policy = InputPolicy::default();
        let key = "k".repeat(10 * 1024 * 1024);
        let one = |key: &str| Value::Object([(key.to_string(), json!(1))].into_iter().collect());
        let event = |extra: (&str, Value)| {
            let mut e = json!({"type": "page_view", "at": 0});
            e.as_object_mut().unwrap().insert(extra.0.to_string(), extra.1);
            e
        };
        for (lead, path) in [
            (one(&key), ""),
            (json!({"company": one(&key)}), "company"),
            (json!({"tags": [1, one(&key)]}), "tags[1]"),
            (json!({"events": [event((&key, json!(1)))]}), "events[0]"),
            (json!({"events": [event(("properties", one(&key)))]}), "events[0].properties"),
        ] {
            let text = lead.to_string();
            for err in [Lead::from_json(&text, &policy).unwrap_err(), Lead::parse(lead, &policy).unwrap_err()] {
                assert_eq!((err.code, err.path.as_str()), (Code::TooLarge, path));
                assert_eq!(
                    err.message,
                    format!(
                        "key \"{}…\" is 10485760 bytes, longer than the model's limit of 16384 (input.maxStringBytes)",
                        "k".repeat(40)
                    )
                );
            }
        }
    }
}
