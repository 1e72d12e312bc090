//! One row of a batch as a lead: its fields from the planned columns, its events from the events
//! list, handed to the engine's own reader ([`Scorer::parse_lead`]) so that limits, missing texts
//! and the wrong-type policy apply exactly as for JSON.

use super::cell::{cell, members};
use super::schema::{Events, Plan};
use crate::{Lead, LeadError, Scorer};
use arrow_array::{Array, GenericListArray, OffsetSizeTrait, StructArray};
use serde_json::{Map, Value};

/// The lead in `row`.
pub(super) fn lead(plan: &Plan<'_>, row: usize, scorer: &Scorer) -> Result<Lead, LeadError> {
    let mut map = Map::new();
    for (key, column) in &plan.attrs {
        if let Some(v) = cell(*column, row) {
            map.insert(key.clone(), v);
        }
    }
    let events = match &plan.events {
        Some(Events::List(list, structs)) => events(list, structs, row),
        Some(Events::Large(list, structs)) => events(list, structs, row),
        None => None,
    };
    if let Some(events) = events {
        map.insert("events".to_string(), events);
    }
    scorer.parse_lead(Value::Object(map))
}

/// The row's events: each struct as an event object (its null members left out, so a null `type`
/// is a missing one), a null item as `null` (which the engine reports as not an event).
fn events<O: OffsetSizeTrait>(list: &GenericListArray<O>, structs: &StructArray, row: usize) -> Option<Value> {
    if list.is_null(row) {
        return None;
    }
    let offsets = list.value_offsets();
    let (start, end) = (offsets.get(row)?.as_usize(), offsets.get(row + 1)?.as_usize());
    let items = (start..end)
        .map(|i| if structs.is_null(i) { Value::Null } else { Value::Object(members(structs, i)) })
        .collect();
    Some(Value::Array(items))
}
