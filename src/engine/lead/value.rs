//! Reads a lead from a parsed `serde_json::Value` (native callers: backtests, training, CSV rows)
//! into the same [`RawLead`] that the JSON-text scanner (`text`) builds.
//!
//! Why a direct walk: the value is already a tree of maps, so the reader only takes it apart, moving
//! each piece to where it belongs. The attributes are the top-level map itself, less `events`; an
//! event's fields are its map, less `type` and `at`. (It used to be re-read through serde's
//! visitors, which copied every key and rebuilt every map.) Maps are read in their own order, which
//! is the order of the JSON text `Value` writes, so both readers meet problems in the same order.

use super::event::{finish_event, not_an_event, Event, EventScalar};
use super::limits::{check_field, check_key};
use super::raw::{RawEvents, RawLead};
use crate::error::{child, index, LeadError};
use crate::model::InputPolicy;
use serde_json::Value;

/// Takes a lead value apart. Nothing here fails: every problem is decided later, by
/// [`Lead::parse`](super::Lead::parse)'s rules, or recorded per event.
pub(super) fn read(value: Value, policy: &InputPolicy) -> RawLead {
    match value {
        Value::Object(mut attrs) => {
            // serde_json's default map (this crate does not turn on `preserve_order`) is sorted by
            // key, so removing a member leaves the others in order.
            let events = attrs.remove("events").map(|v| events(v, policy));
            RawLead::Object { attrs, events }
        }
        other => RawLead::Other(other),
    }
}

/// The `events` member.
fn events(value: Value, policy: &InputPolicy) -> RawEvents {
    match value {
        Value::Array(items) => {
            let count = items.len();
            // Over the limit the lead is refused for the count alone: no event needs reading.
            if count > policy.max_events {
                return RawEvents::Items { events: Vec::new(), problems: Vec::new(), count };
            }
            let mut events = Vec::with_capacity(count);
            let mut problems = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                match event(item, policy, i) {
                    Ok(event) => events.push(event),
                    Err(problem) => problems.push(problem),
                }
            }
            RawEvents::Items { events, problems, count }
        }
        Value::Null => RawEvents::Null,
        other => RawEvents::Other(other),
    }
}

/// One event: its map becomes the event's fields, less `type` and `at`.
fn event(item: Value, policy: &InputPolicy, i: usize) -> Result<Event, LeadError> {
    let Value::Object(mut fields) = item else {
        return Err(not_an_event(&item, i));
    };
    let max = policy.max_string_bytes;
    let path = || index("events", i);
    // The first member over a limit, in the map's order (`type` and `at` included).
    for (key, value) in &fields {
        if let Some(problem) = check_key(key, max, path).or_else(|| check_field(value, 2, max, || child(&path(), key)))
        {
            return Err(problem);
        }
    }
    let kind = fields.remove("type").map(EventScalar::from);
    let at = fields.remove("at").map(EventScalar::from);
    finish_event(kind, at, fields, i)
}
