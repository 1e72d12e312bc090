//! A lead: JSON attributes (read by dotted path) plus a list of timestamped events.
//!
//! Leads are parsed once (`Scorer::parse_lead`) and can then be scored many times, e.g. at several
//! `asOf` dates in a backtest. Parsing enforces the model's input limits (always errors) and applies
//! its wrong-type policy to malformed events (skipped with a warning, or an error).

use super::compile::FieldPath;
use super::lead_de::{self, RawEvents, RawLead};
use super::lead_text;
use crate::error::{child, index, Code, LeadError};
use crate::model::{InputPolicy, OnInvalid};
use crate::signals::hash_index::fnv1a;
use crate::time::Millis;
use serde_json::{Map, Value};
use smol_str::SmolStr;

/// Deepest nesting of objects and arrays inside a lead.
pub const MAX_LEAD_DEPTH: usize = 32;

/// One event in a lead's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Event type, lower-cased, e.g. `page_view`; stored inline when short (most are).
    pub kind: SmolStr,
    /// FNV-1a hash of `kind`: the scorer finds the rules for an event by hash, then confirms with one
    /// comparison.
    pub kind_hash: u64,
    /// When it happened.
    pub at: Millis,
    /// The event's other fields (`url`, `properties`, ...).
    pub fields: Map<String, Value>,
    /// Position in the lead's `events` array, for paths in warnings.
    pub index: usize,
}

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
        let raw = lead_de::read(value, policy).map_err(syntax)?;
        Lead::from_raw(raw, policy)
    }

    /// Parses a lead from JSON text under the given limits and policy, reading events straight from
    /// the text (see `lead_text`).
    pub fn from_json(text: &str, policy: &InputPolicy) -> Result<Lead, LeadError> {
        Lead::from_raw(lead_text::read(text, policy)?, policy)
    }

    fn from_raw(raw: RawLead, policy: &InputPolicy) -> Result<Lead, LeadError> {
        let (attrs, raw_events) = match raw {
            RawLead::Object { attrs, events } => (attrs, events),
            RawLead::Other(value) => {
                return Err(LeadError::new(
                    "",
                    Code::WrongType,
                    format!("a lead is a JSON object, found {}", kind(&value)),
                ));
            }
        };
        let mut lead = Lead { fields: Vec::with_capacity(attrs.len() * 2), events: Vec::new(), warnings: Vec::new() };
        flatten(attrs, "", 1, policy.max_string_bytes, &mut lead.fields)?;
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
                    format!("expected an array of events, found {}", kind(&other)),
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
/// string-length limits on the way.
fn flatten(
    map: Map<String, Value>,
    base: &str,
    depth: usize,
    max_bytes: usize,
    out: &mut Vec<Field>,
) -> Result<(), LeadError> {
    for (key, value) in map {
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
            return Err(LeadError::new(path, Code::TooDeep, format!("nested deeper than {MAX_LEAD_DEPTH} levels")));
        }
        match value {
            Value::Object(inner) => {
                out.push(Field { hash: fnv1a(&path), path: SmolStr::new(&path), value: Value::Object(Map::new()) });
                flatten(inner, &path, depth + 1, max_bytes, out)?;
            }
            other => {
                check_value(&other, depth, max_bytes).map_err(|found| located(path.clone(), found))?;
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

fn kind(v: &Value) -> &'static str {
    crate::model::describe_value(v)
}

/// A short rendering of a value for messages (strings cut to 40 characters).
pub fn describe(v: &Value) -> String {
    match v {
        Value::String(s) if s.chars().count() > 40 => {
            format!("\"{}…\"", s.chars().take(40).collect::<String>())
        }
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) | Value::Object(_) => kind(v).to_string(),
        other => other.to_string(),
    }
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

type Found<'a> = (Vec<Segment<'a>>, Code, String);

/// The limits check of a value found at `path` (built only on error), `depth` levels down.
pub(super) fn check_field(
    v: &Value,
    depth: usize,
    max_bytes: usize,
    path: impl FnOnce() -> String,
) -> Option<LeadError> {
    check_value(v, depth, max_bytes).err().map(|found| located(path(), found))
}

/// A JSON syntax error (or a lead nested deeper than the parser goes).
fn syntax(e: serde_json::Error) -> LeadError {
    LeadError::new("", Code::Syntax, format!("not valid JSON: {e}"))
}

/// Turns a problem found below `base` into an error with its full path.
fn located(base: String, (segments, code, message): Found<'_>) -> LeadError {
    let path = segments.iter().rev().fold(base, |p, s| match s {
        Segment::Key(k) => child(&p, k),
        Segment::Index(i) => index(&p, *i),
    });
    LeadError::new(path, code, message)
}

fn check_value(v: &Value, depth: usize, max_bytes: usize) -> Result<(), Found<'_>> {
    if depth > MAX_LEAD_DEPTH {
        return Err((Vec::new(), Code::TooDeep, format!("nested deeper than {MAX_LEAD_DEPTH} levels")));
    }
    match v {
        Value::String(s) if s.len() > max_bytes => Err((
            Vec::new(),
            Code::TooLarge,
            format!("{} bytes is longer than the model's limit of {max_bytes} (input.maxStringBytes)", s.len()),
        )),
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, x)| {
            check_value(x, depth + 1, max_bytes).map_err(|mut f| {
                f.0.push(Segment::Index(i));
                f
            })
        }),
        Value::Object(m) => m.iter().try_for_each(|(k, x)| {
            check_value(x, depth + 1, max_bytes).map_err(|mut f| {
                f.0.push(Segment::Key(k));
                f
            })
        }),
        _ => Ok(()),
    }
}
