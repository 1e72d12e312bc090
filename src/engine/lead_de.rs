//! Reads a lead from a parsed `serde_json::Value` (any serde deserializer works) with serde
//! visitors: events are read field by field into [`Event`]s, with no intermediate `Value` map per
//! event. JSON text takes a faster road (`lead_text`) to the same [`RawLead`].
//!
//! Why: building a `Value` tree and then taking it apart cost about six times as much as scoring the
//! lead (an allocation for every event object, key and type string). Attributes are few per lead and
//! still go through a `Value` map, so that flattening, its order and its errors stay as they were;
//! the events, which are most of a lead, do not. The checks and messages are those of
//! [`Lead::parse`](super::Lead::parse) and are tested by the same conformance vectors.

use super::lead::{check_field, describe, Event};
use crate::error::{child, index, Code, LeadError};
use crate::model::InputPolicy;
use crate::signals::hash_index::lower_with_fnv1a;
use crate::time::{self, Millis};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use smol_str::SmolStr;
use std::fmt;

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

/// Generates the `visit_*` methods for every JSON scalar, handing the value to `found`.
macro_rules! visit_scalars {
    () => {
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(self.found(Value::Bool(v)))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(self.found(Value::from(v)))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(self.found(Value::from(v)))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(self.found(Value::from(v)))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(self.found(Value::String(v.to_string())))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.found(Value::Null))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.found(Value::Null))
        }
    };
}

/// [`visit_scalars`] plus arrays (skipped: only their kind is reported): every kind but objects.
macro_rules! visit_non_objects {
    () => {
        visit_scalars!();
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(self.found(Value::Array(Vec::new())))
        }
    };
}

/// Reads a whole lead.
pub(super) struct LeadSeed<'p>(pub &'p InputPolicy);

impl LeadSeed<'_> {
    fn found(&self, v: Value) -> RawLead {
        RawLead::Other(v)
    }
}

impl<'de> DeserializeSeed<'de> for LeadSeed<'_> {
    type Value = RawLead;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<RawLead, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LeadSeed<'_> {
    type Value = RawLead;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a lead")
    }
    visit_non_objects!();
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawLead, A::Error> {
        let mut attrs = Map::new();
        let mut events = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "events" {
                // A repeated key: the last one counts, as in a JSON object read into a map.
                events = Some(map.next_value_seed(EventsSeed(self.0))?);
            } else {
                attrs.insert(key, map.next_value::<Value>()?);
            }
        }
        Ok(RawLead::Object { attrs, events })
    }
}

/// Reads the `events` member.
struct EventsSeed<'p>(&'p InputPolicy);

impl EventsSeed<'_> {
    fn found(&self, v: Value) -> RawEvents {
        if v.is_null() {
            RawEvents::Null
        } else {
            RawEvents::Other(v)
        }
    }
}

impl<'de> DeserializeSeed<'de> for EventsSeed<'_> {
    type Value = RawEvents;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<RawEvents, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EventsSeed<'_> {
    type Value = RawEvents;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of events")
    }
    visit_scalars!();
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEvents, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(RawEvents::Other(Value::Object(Map::new())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawEvents, A::Error> {
        // JSON text gives no length hint: start at a typical lead's size rather than growing from 1.
        let mut events = Vec::with_capacity(seq.size_hint().unwrap_or(16).min(self.0.max_events));
        let mut problems = Vec::new();
        let mut count = 0;
        loop {
            // Past the limit, items are only counted: the error says how many there were.
            if count >= self.0.max_events {
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    break;
                }
            } else {
                match seq.next_element_seed(EventSeed { policy: self.0, index: count })? {
                    Some(Ok(event)) => events.push(event),
                    Some(Err(problem)) => problems.push(problem),
                    None => break,
                }
            }
            count += 1;
        }
        Ok(RawEvents::Items { events, problems, count })
    }
}

/// Reads one event: `type` and `at` directly, every other field as a `Value`.
struct EventSeed<'p> {
    policy: &'p InputPolicy,
    index: usize,
}

impl EventSeed<'_> {
    fn found(&self, v: Value) -> Result<Event, LeadError> {
        Err(not_an_event(&v, self.index))
    }
}

/// The problem with an item of `events` that is not an object.
pub(super) fn not_an_event(v: &Value, i: usize) -> LeadError {
    LeadError::new(
        index("events", i),
        Code::WrongType,
        format!("an event is an object, found {}", crate::model::describe_value(v)),
    )
}

impl<'de> DeserializeSeed<'de> for EventSeed<'_> {
    type Value = Result<Event, LeadError>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// An event's `type` or `at`: a string (borrowed from the input when it can be) or another value.
pub(super) enum Scalar<'de> {
    Borrowed(&'de str),
    Owned(String),
    Number(f64),
    Other(Value),
}

impl Scalar<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Borrowed(s) => Some(s),
            Scalar::Owned(s) => Some(s),
            _ => None,
        }
    }
    fn to_value(&self) -> Value {
        match self {
            Scalar::Borrowed(s) => Value::String((*s).to_string()),
            Scalar::Owned(s) => Value::String(s.clone()),
            Scalar::Number(n) => Value::from(*n),
            Scalar::Other(v) => v.clone(),
        }
    }
}

struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Borrowed(v))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Owned(v.to_string()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Owned(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other(Value::from(v)))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other(Value::from(v)))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Number(v))
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other(Value::Bool(v)))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other(Value::Null))
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar<'de>, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar<'de>, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Scalar::Other)
    }
}

impl<'de> Visitor<'de> for EventSeed<'_> {
    type Value = Result<Event, LeadError>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event")
    }
    visit_non_objects!();
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut kind, mut at, mut fields) = (None, None, Map::new());
        let mut too_large: Option<LeadError> = None;
        let max = self.policy.max_string_bytes;
        let path = || index("events", self.index);
        while let Some(key) = map.next_key::<EventKey>()? {
            match key {
                EventKey::Type | EventKey::At => {
                    let value = map.next_value_seed(ScalarSeed)?;
                    let name = if matches!(key, EventKey::Type) { "type" } else { "at" };
                    if too_large.is_none() {
                        too_large = value.check(max, || child(&path(), name));
                    }
                    if matches!(key, EventKey::Type) {
                        kind = Some(value);
                    } else {
                        at = Some(value);
                    }
                }
                EventKey::Other(name) => {
                    let value: Value = map.next_value()?;
                    if too_large.is_none() {
                        too_large = check_field(&value, 2, max, || child(&path(), &name));
                    }
                    fields.insert(name, value);
                }
            }
        }
        if let Some(problem) = too_large {
            return Ok(Err(problem));
        }
        Ok(finish_event(kind, at, fields, self.index))
    }
}

impl Scalar<'_> {
    /// The limits check of an event field (strings are copied only when they are over the limit).
    pub(super) fn check(&self, max: usize, path: impl FnOnce() -> String) -> Option<LeadError> {
        match self {
            Scalar::Other(v) => check_field(v, 2, max, path),
            Scalar::Borrowed(_) | Scalar::Owned(_) if self.as_str().is_some_and(|s| s.len() > max) => {
                check_field(&self.to_value(), 2, max, path)
            }
            _ => None,
        }
    }
}

/// An event's key: `type` and `at` are matched without allocating.
enum EventKey {
    Type,
    At,
    Other(String),
}

impl<'de> serde::Deserialize<'de> for EventKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<EventKey, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = EventKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<EventKey, E> {
                Ok(match v {
                    "type" => EventKey::Type,
                    "at" => EventKey::At,
                    other => EventKey::Other(other.to_string()),
                })
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// Builds the event from its parts: the one place both roads (these visitors and `lead_text`) check
/// an event's `type` and `at`, so their errors and messages are the same.
pub(super) fn finish_event(
    kind: Option<Scalar<'_>>,
    at: Option<Scalar<'_>>,
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
                    format!("event type must be a non-empty string, found {}", describe(&k.to_value())),
                ));
            }
        },
        None => return Err(LeadError::new(child(&path(), "type"), Code::MissingField, "event has no \"type\"")),
    };
    let at: Millis = match at {
        Some(v) => {
            let parsed = match &v {
                Scalar::Borrowed(s) => time::parse_rfc3339(s),
                Scalar::Owned(s) => time::parse_rfc3339(s),
                Scalar::Number(n) => time::from_epoch_ms(*n),
                Scalar::Other(v) => time::from_json(v),
            };
            parsed.ok_or_else(|| {
                LeadError::new(
                    child(&path(), "at"),
                    Code::BadTimestamp,
                    format!("{} is not an RFC 3339 time or epoch milliseconds", describe(&v.to_value())),
                )
            })?
        }
        None => return Err(LeadError::new(child(&path(), "at"), Code::MissingField, "event has no \"at\" time")),
    };
    Ok(Event { kind, kind_hash, at, fields, index: i })
}

/// Reads a lead from anything serde can deserialize (used for a parsed `Value`; JSON text goes
/// through `lead_text`, which builds the same [`RawLead`]). Syntax errors are the
/// deserializer's; everything else is decided later, by [`Lead::parse`](super::Lead::parse)'s rules.
pub(super) fn read<'de, D: Deserializer<'de>>(d: D, policy: &InputPolicy) -> Result<RawLead, D::Error> {
    LeadSeed(policy).deserialize(d)
}
