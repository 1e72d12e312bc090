//! One event of a lead, and how a reader's parts become one: the single place both readers (JSON
//! text and `Value`) check an event's `type` and `at`, so that their errors and messages are the
//! same.

use crate::error::{child, index, Code, LeadError};
use crate::signals::hash_index::lower_with_fnv1a;
use crate::text::quote_short;
use crate::time::{self, Millis};
use serde_json::{Map, Value};
use smol_str::SmolStr;

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

/// An event's `type` or `at` as a reader found it: a string (borrowed from JSON text when it has no
/// escapes, so the usual event costs no copy of either) or any other value.
pub(super) enum EventScalar<'t> {
    Borrowed(&'t str),
    Owned(String),
    Other(Value),
}

impl EventScalar<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            EventScalar::Borrowed(s) => Some(s),
            EventScalar::Owned(s) => Some(s),
            EventScalar::Other(_) => None,
        }
    }

    /// The value, for messages.
    fn show(&self) -> String {
        match self {
            EventScalar::Other(v) => show_value(v),
            EventScalar::Borrowed(_) | EventScalar::Owned(_) => quote_short(self.as_str().unwrap_or("")),
        }
    }
}

impl From<Value> for EventScalar<'_> {
    fn from(v: Value) -> Self {
        match v {
            Value::String(s) => EventScalar::Owned(s),
            other => EventScalar::Other(other),
        }
    }
}

/// Builds the event from its parts, checking `type` (a non-blank string) and `at` (a time).
pub(super) fn finish_event(
    kind: Option<EventScalar<'_>>,
    at: Option<EventScalar<'_>>,
    fields: Map<String, Value>,
    i: usize,
) -> Result<Event, LeadError> {
    let path = || index("events", i);
    let (kind, kind_hash) = match kind {
        // Types match case-insensitively: lower-case once here, not on every comparison.
        Some(k) => match k.as_str() {
            Some(s) if !crate::text::is_blank(s) => {
                let (lowered, hash) = lower_with_fnv1a(s);
                (SmolStr::new(lowered), hash)
            }
            _ => {
                return Err(LeadError::new(
                    child(&path(), "type"),
                    Code::WrongType,
                    format!("event type must be a non-empty string, found {}", k.show()),
                ));
            }
        },
        None => return Err(LeadError::new(child(&path(), "type"), Code::MissingField, "event has no \"type\"")),
    };
    let at: Millis = match at {
        Some(v) => {
            let parsed = match &v {
                EventScalar::Borrowed(s) => time::parse_rfc3339(s),
                EventScalar::Owned(s) => time::parse_rfc3339(s),
                EventScalar::Other(v) => time::from_json(v),
            };
            parsed.ok_or_else(|| {
                LeadError::new(
                    child(&path(), "at"),
                    Code::BadTimestamp,
                    format!("{} is not an RFC 3339 time or epoch milliseconds", v.show()),
                )
            })?
        }
        None => return Err(LeadError::new(child(&path(), "at"), Code::MissingField, "event has no \"at\" time")),
    };
    Ok(Event { kind, kind_hash, at, fields, index: i })
}

/// The problem with an item of `events` that is not an object.
pub(super) fn not_an_event(v: &Value, i: usize) -> LeadError {
    LeadError::new(
        index("events", i),
        Code::WrongType,
        format!("an event is an object, found {}", crate::model::describe_value(v)),
    )
}

/// A value as a message shows it (with the other text helpers).
pub use crate::text::show_value;
