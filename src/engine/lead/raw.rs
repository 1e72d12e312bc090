//! What a lead reader hands over: the top level taken apart into attributes and events, with every
//! event already finished (`event::finish_event`) or its problem recorded. Both readers (`text` for
//! JSON text, `value` for a parsed `serde_json::Value`) produce this, and everything after it
//! (limits on attributes, the events limit, the wrong-type policy) is decided once, by
//! [`Lead`](super::Lead)'s back half.

use super::event::Event;
use crate::error::LeadError;
use serde_json::{Map, Value};

/// What the top level of a lead held: its attributes as a map, and its events (if any).
pub(super) enum RawLead {
    Object {
        attrs: Map<String, Value>,
        events: Option<RawEvents>,
    },
    /// Not an object: what it was instead.
    Other(Value),
}

/// The `events` member.
pub(super) enum RawEvents {
    /// An array: the events read, the problems with the others (in order), and how many there were
    /// in all. Kept apart rather than as one `Vec<Result<..>>`: a result is three times the size of
    /// an event, and problems are rare.
    Items { events: Vec<Event>, problems: Vec<LeadError>, count: usize },
    /// `null`.
    Null,
    /// Anything else.
    Other(Value),
}
