//! A lead handed over in parts by a reader of columns (the Arrow batch reader, `crate::arrow`),
//! into the same [`RawLead`] the JSON readers build, so that the back half (limits, the events
//! limit, the wrong-type policy) decides everything once, as for JSON.
//!
//! Why not a `serde_json::Value` per lead: a columnar reader has each event's `type` as borrowed
//! text and its `at` as a number already; building a map per event (and a string per key) only for
//! `value` to take it apart again made reading a lead from Arrow cost twice what reading it from
//! JSON text does. Here an event with only `type` and `at` costs no allocation beyond its type's.

use super::event::{finish_event, not_an_event, EventScalar};
use super::limits::{check_field, check_key, check_str};
use super::raw::{RawEvents, RawLead};
use crate::error::{child, index, LeadError};
use crate::model::InputPolicy;
use crate::time::Millis;
use serde_json::{Map, Value};

/// An event's `type` or `at` as a column holds it.
pub(crate) enum EventPart<'a> {
    /// Text (a `type`, or an RFC 3339 `at`).
    Text(&'a str),
    /// Epoch milliseconds (a timestamp column, whatever its unit, or an integer one).
    Millis(Millis),
    /// Any other value, which the event's checks refuse or read as JSON's would.
    Value(Value),
}

/// A lead being read: its attributes and its events.
pub(crate) struct LeadParts {
    attrs: Map<String, Value>,
    events: Option<RawEvents>,
}

impl LeadParts {
    /// A lead with nothing yet.
    pub(crate) fn new() -> LeadParts {
        LeadParts { attrs: Map::new(), events: None }
    }

    /// A top-level attribute (a struct value is a nested object, as in JSON).
    pub(crate) fn attr(&mut self, key: String, value: Value) {
        self.attrs.insert(key, value);
    }

    /// The lead has an events list of `count` items (its items follow). Over the model's limit
    /// the lead will be refused for the count alone, and the items are not read: the answer is
    /// `false`.
    pub(crate) fn start_events(&mut self, count: usize, policy: &InputPolicy) -> bool {
        let read = count <= policy.max_events;
        let events = Vec::with_capacity(if read { count } else { 0 });
        self.events = Some(RawEvents::Items { events, problems: Vec::new(), count });
        read
    }

    /// The next event, from its `type`, its `at` and its other members (a member over the
    /// model's limits is reported as the JSON readers report it).
    pub(crate) fn event(
        &mut self,
        kind: Option<EventPart<'_>>,
        at: Option<EventPart<'_>>,
        fields: Map<String, Value>,
        policy: &InputPolicy,
    ) {
        let Some(RawEvents::Items { events, problems, .. }) = &mut self.events else { return };
        let i = events.len() + problems.len();
        let max = policy.max_string_bytes;
        let path = || index("events", i);
        let too_large = fields.iter().find_map(|(key, value)| {
            check_key(key, max, path).or_else(|| check_field(value, 2, max, || child(&path(), key)))
        });
        let read = (|| {
            // In key order, as the JSON readers meet them (`at` before `type`).
            let at = scalar(at, max, &path, "at")?;
            let kind = scalar(kind, max, &path, "type")?;
            if let Some(problem) = too_large {
                return Err(problem);
            }
            finish_event(kind, at, fields, i)
        })();
        match read {
            Ok(event) => events.push(event),
            Err(problem) => problems.push(problem),
        }
    }

    /// The next item of the events list is null (not an event).
    pub(crate) fn null_event(&mut self) {
        if let Some(RawEvents::Items { events, problems, .. }) = &mut self.events {
            let i = events.len() + problems.len();
            problems.push(not_an_event(&Value::Null, i));
        }
    }

    /// What the back half reads.
    pub(super) fn into_raw(self) -> RawLead {
        RawLead::Object { attrs: self.attrs, events: self.events }
    }
}

/// An event's `type` or `at` as the event's checks take it, or the limit it is over.
fn scalar<'a>(
    part: Option<EventPart<'a>>,
    max: usize,
    path: &dyn Fn() -> String,
    key: &str,
) -> Result<Option<EventScalar<'a>>, LeadError> {
    let problem = match &part {
        Some(EventPart::Text(s)) => check_str(s, max, || child(&path(), key)),
        Some(EventPart::Value(v)) => check_field(v, 2, max, || child(&path(), key)),
        Some(EventPart::Millis(_)) | None => None,
    };
    if let Some(problem) = problem {
        return Err(problem);
    }
    Ok(part.map(|p| match p {
        EventPart::Text(s) => EventScalar::Borrowed(s),
        EventPart::Millis(ms) => EventScalar::Other(Value::from(ms)),
        EventPart::Value(v) => EventScalar::from(v),
    }))
}
