//! One row of a batch as a lead: its fields from the planned columns, its events from the events
//! list, handed to the engine's lead reader in parts (`LeadParts`) so that limits, missing texts
//! and the wrong-type policy apply exactly as for JSON, and an event's `type` and `at` are read
//! from their columns without a copy.

use super::cell::cell;
use super::schema::{Events, Plan};
use crate::engine::{EventPart, LeadParts};
use crate::model::InputPolicy;
use crate::{Lead, LeadError};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int64Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType,
};
use arrow_array::Array;
use arrow_schema::{DataType, TimeUnit};
use serde_json::Map;

/// The lead in `row`.
pub(super) fn lead(plan: &Plan<'_>, row: usize, policy: &InputPolicy) -> Result<Lead, LeadError> {
    let mut parts = LeadParts::new();
    for (key, column) in &plan.attrs {
        if let Some(v) = cell(*column, row) {
            parts.attr(key.clone(), v);
        }
    }
    if let Some(events) = &plan.events {
        read_events(events, row, policy, &mut parts);
    }
    Lead::from_parts(parts, policy)
}

/// The row's events: each struct an event (its null members left out, so a null `type` is a
/// missing one), a null item not an event; a null list no events at all.
fn read_events(events: &Events<'_>, row: usize, policy: &InputPolicy, parts: &mut LeadParts) {
    let Some(range) = events.list.range(row) else { return };
    if !parts.start_events(range.len(), policy) {
        return;
    }
    for i in range {
        if events.items.is_null(i) {
            parts.null_event();
            continue;
        }
        let mut fields = Map::new();
        for (name, column) in &events.others {
            if let Some(v) = cell(*column, i) {
                fields.insert((*name).to_string(), v);
            }
        }
        let kind = events.kind.and_then(|c| part(c, i));
        let at = events.at.and_then(|c| part(c, i));
        parts.event(kind, at, fields, policy);
    }
}

/// An event's `type` or `at`: text borrowed from its column, times as epoch milliseconds (floored,
/// as `cell` floors them), anything else as its JSON value.
fn part(column: &dyn Array, i: usize) -> Option<EventPart<'_>> {
    if column.is_null(i) {
        return None;
    }
    let ms = match column.data_type() {
        DataType::Utf8 => return Some(EventPart::Text(column.as_string_opt::<i32>()?.value(i))),
        DataType::LargeUtf8 => return Some(EventPart::Text(column.as_string_opt::<i64>()?.value(i))),
        DataType::Utf8View => return Some(EventPart::Text(column.as_string_view_opt()?.value(i))),
        DataType::Int64 => column.as_primitive_opt::<Int64Type>()?.value(i),
        DataType::Timestamp(TimeUnit::Millisecond, _) => {
            column.as_primitive_opt::<TimestampMillisecondType>()?.value(i)
        }
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            column.as_primitive_opt::<TimestampMicrosecondType>()?.value(i).div_euclid(1000)
        }
        DataType::Timestamp(TimeUnit::Nanosecond, _) => {
            column.as_primitive_opt::<TimestampNanosecondType>()?.value(i).div_euclid(1_000_000)
        }
        DataType::Timestamp(TimeUnit::Second, _) => {
            match column.as_primitive_opt::<TimestampSecondType>()?.value(i).checked_mul(1000) {
                Some(ms) => ms,
                None => return cell(column, i).map(EventPart::Value),
            }
        }
        _ => return cell(column, i).map(EventPart::Value),
    };
    Some(EventPart::Millis(ms))
}
