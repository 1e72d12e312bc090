//! Reads a lead from a parsed `serde_json::Value` (native callers: backtests, training, CSV rows)
//! into the same [`RawLead`] that the JSON-text scanner (`text`) builds.
//!
//! Why a direct walk: the value is already a tree of maps, so the reader only takes it apart, moving
//! each piece to where it belongs: the attributes are the top-level map itself, less `events`; the
//! members of an event's map move to the event. It used to be re-read through serde's visitors,
//! which rebuilt every map through the deserializer machinery: this walk runs about 30% fewer
//! instructions per lead (callgrind, the benchmark's leads, parsing alone). Maps are read in their
//! own order, which is the order of the JSON text `Value` writes, so both readers meet problems in
//! the same order.

use super::event::{finish_event, not_an_event, Event, EventScalar};
use super::limits::{check_field, check_key};
use super::raw::{RawEvents, RawLead};
use crate::error::{child, index, LeadError};
use crate::model::InputPolicy;
use serde_json::{Map, Value};

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

/// One event: its map's members move to the event, `type` and `at` to their places and the others
/// into its fields. One pass, consuming the map: an event with nothing but `type` and `at` (most of
/// them) ends with no map allocated. (Removing `type` and `at` from the map instead cost more, and
/// left every event holding an emptied map node of some 600 bytes, which made scoring the parsed
/// leads slower.)
fn event(item: Value, policy: &InputPolicy, i: usize) -> Result<Event, LeadError> {
    let Value::Object(members) = item else {
        return Err(not_an_event(&item, i));
    };
    let max = policy.max_string_bytes;
    let path = || index("events", i);
    let (mut kind, mut at, mut fields) = (None, None, Map::new());
    // The first member over a limit, in the map's order (`type` and `at` included).
    let mut too_large = None;
    for (key, value) in members {
        if too_large.is_none() {
            too_large = check_key(&key, max, path).or_else(|| check_field(&value, 2, max, || child(&path(), &key)));
        }
        match key.as_str() {
            "type" => kind = Some(EventScalar::from(value)),
            "at" => at = Some(EventScalar::from(value)),
            _ => {
                fields.insert(key, value);
            }
        }
    }
    match too_large {
        Some(problem) => Err(problem),
        None => finish_event(kind, at, fields, i),
    }
}
