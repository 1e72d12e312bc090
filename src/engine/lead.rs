//! A lead: JSON attributes (read by dotted path) plus a list of timestamped events.
//!
//! Leads are parsed once (`Scorer::parse_lead`) and can then be scored many times, e.g. at several
//! `asOf` dates in a backtest. Parsing enforces the model's input limits (always errors) and applies
//! its wrong-type policy to malformed events (skipped with a warning, or an error).

use crate::error::{child, index, Code, LeadError};
use crate::model::{InputPolicy, OnInvalid};
use crate::time::{self, Millis};
use serde_json::{Map, Value};

/// Deepest nesting of objects and arrays inside a lead.
pub const MAX_LEAD_DEPTH: usize = 32;

/// One event in a lead's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Event type, e.g. `page_view`.
    pub kind: String,
    /// When it happened.
    pub at: Millis,
    /// The event's other fields (`url`, `properties`, ...).
    pub fields: Map<String, Value>,
    /// Position in the lead's `events` array, for paths in warnings.
    pub index: usize,
}

/// A parsed lead.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lead {
    /// Every top-level field but `events`.
    pub attrs: Map<String, Value>,
    /// Valid events, in input order.
    pub events: Vec<Event>,
    /// Problems tolerated while parsing (under `onInvalid: "warn"`).
    pub warnings: Vec<LeadError>,
}

impl Lead {
    /// Parses a lead value under the given limits and policy.
    pub fn parse(value: Value, policy: &InputPolicy) -> Result<Lead, LeadError> {
        let Value::Object(mut attrs) = value else {
            return Err(LeadError::new(
                "",
                Code::WrongType,
                format!("a lead is a JSON object, found {}", kind(&value)),
            ));
        };
        let raw_events = attrs.remove("events");
        check_strings(&attrs, "", policy.max_string_bytes)?;
        let mut lead = Lead {
            attrs,
            events: Vec::new(),
            warnings: Vec::new(),
        };
        match raw_events {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                if items.len() > policy.max_events {
                    return Err(LeadError::new(
                        "events",
                        Code::TooLarge,
                        format!(
                            "{} events is more than the model's limit of {} (input.maxEvents)",
                            items.len(),
                            policy.max_events
                        ),
                    ));
                }
                lead.events.reserve(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    let path = index("events", i);
                    match parse_event(item, i, &path, policy) {
                        Ok(event) => lead.events.push(event),
                        Err(problem)
                            if policy.on_invalid == OnInvalid::Warn
                                && problem.code != Code::TooLarge
                                && problem.code != Code::TooDeep =>
                        {
                            lead.warnings.push(LeadError {
                                message: format!("{} (event skipped)", problem.message),
                                ..problem
                            });
                        }
                        Err(problem) => return Err(problem),
                    }
                }
            }
            Some(other) => {
                return Err(LeadError::new(
                    "events",
                    Code::WrongType,
                    format!("expected an array of events, found {}", kind(&other)),
                ));
            }
        }
        Ok(lead)
    }

    /// A top-level or nested attribute by dotted path: `company.employees` reads `{"company":
    /// {"employees": ..}}`, and falls back to a literal top-level key `"company.employees"` (flat CRM
    /// exports).
    pub fn attr(&self, path: &str) -> Option<&Value> {
        resolve(&self.attrs, path)
    }
}

/// Reads `path` inside `map`: nested objects first, then the literal key.
pub fn resolve<'a>(map: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    if !path.contains('.') {
        return map.get(path);
    }
    let mut segments = path.split('.');
    let first = segments.next().and_then(|s| map.get(s));
    let nested = segments.try_fold(first?, |v, seg| v.as_object()?.get(seg));
    nested.or_else(|| map.get(path))
}

fn kind(v: &Value) -> &'static str {
    crate::model::describe_value(v)
}

fn parse_event(
    item: Value,
    i: usize,
    path: &str,
    policy: &InputPolicy,
) -> Result<Event, LeadError> {
    let Value::Object(mut fields) = item else {
        return Err(LeadError::new(
            path,
            Code::WrongType,
            format!("an event is an object, found {}", kind(&item)),
        ));
    };
    check_strings(&fields, path, policy.max_string_bytes)?;
    let kind_value = fields.remove("type");
    let at_value = fields.remove("at");
    let kind = match kind_value {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(other) => {
            return Err(LeadError::new(
                child(path, "type"),
                Code::WrongType,
                format!(
                    "event type must be a non-empty string, found {}",
                    describe(&other)
                ),
            ));
        }
        None => {
            return Err(LeadError::new(
                child(path, "type"),
                Code::MissingField,
                "event has no \"type\"",
            ))
        }
    };
    let at = match at_value {
        Some(v) => time::from_json(&v).ok_or_else(|| {
            LeadError::new(
                child(path, "at"),
                Code::BadTimestamp,
                format!(
                    "{} is not an RFC 3339 time or epoch milliseconds",
                    describe(&v)
                ),
            )
        })?,
        None => {
            return Err(LeadError::new(
                child(path, "at"),
                Code::MissingField,
                "event has no \"at\" time",
            ))
        }
    };
    Ok(Event {
        kind,
        at,
        fields,
        index: i,
    })
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

/// Enforces the string-length and depth limits over a whole object tree. The path is built only when
/// a problem is found (as the error unwinds), so a valid lead costs no allocation here.
fn check_strings(map: &Map<String, Value>, base: &str, max_bytes: usize) -> Result<(), LeadError> {
    for (key, v) in map {
        if let Err((mut segments, code, message)) = check_value(v, 1, max_bytes) {
            segments.push(Segment::Key(key));
            let path = segments
                .iter()
                .rev()
                .fold(base.to_string(), |p, s| match s {
                    Segment::Key(k) => child(&p, k),
                    Segment::Index(i) => index(&p, *i),
                });
            return Err(LeadError::new(path, code, message));
        }
    }
    Ok(())
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

type Found<'a> = (Vec<Segment<'a>>, Code, String);

fn check_value(v: &Value, depth: usize, max_bytes: usize) -> Result<(), Found<'_>> {
    if depth > MAX_LEAD_DEPTH {
        return Err((
            Vec::new(),
            Code::TooDeep,
            format!("nested deeper than {MAX_LEAD_DEPTH} levels"),
        ));
    }
    match v {
        Value::String(s) if s.len() > max_bytes => Err((
            Vec::new(),
            Code::TooLarge,
            format!(
                "{} bytes is longer than the model's limit of {max_bytes} (input.maxStringBytes)",
                s.len()
            ),
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
