//! JSON leads as an Arrow record batch, for the tests and the benchmark: a type is inferred for each
//! member over all rows (string, boolean, int64, float64, struct, list, or null), members missing
//! from a row are null, and a member whose rows disagree on a type cannot be laid out (`None`).
//!
//! Nulls: Arrow has one null, which the batch reader takes as a missing value, so a JSON `null`
//! inside an object becomes a missing member ([`strip_nulls`] gives the JSON the batch means).
#![allow(dead_code)]

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{Array, ArrayRef, ListArray, NullArray, RecordBatch, StructArray};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{Field, Fields};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The leads (objects) as a batch with one column per top-level member, plus `id` when no lead has
/// one (all null).
pub fn batch(leads: &[Value]) -> Option<RecordBatch> {
    let rows: Vec<Option<&Value>> = leads.iter().map(Some).collect();
    let mut structs = match array(&rows)? {
        a if a.data_type().is_nested() => a.as_any().downcast_ref::<StructArray>()?.clone(),
        _ => return None,
    };
    if structs.column_by_name("id").is_none() {
        let (mut fields, mut columns, nulls) = structs.into_parts();
        let mut f: Vec<Arc<Field>> = fields.iter().cloned().collect();
        f.push(Arc::new(Field::new("id", arrow_schema::DataType::Null, true)));
        fields = Fields::from(f);
        columns.push(Arc::new(NullArray::new(leads.len())));
        structs = StructArray::try_new(fields, columns, nulls).ok()?;
    }
    if structs.null_count() > 0 {
        return None;
    }
    Some(RecordBatch::from(structs))
}

/// The value with every `null` member of an object left out (items of arrays stay).
pub fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.iter().filter(|(_, x)| !x.is_null()).map(|(k, x)| (k.clone(), strip_nulls(x))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

/// One array over the values (a missing one is null).
fn array<'v>(values: &[Option<&'v Value>]) -> Option<ArrayRef> {
    let present: Vec<&'v Value> = values.iter().flatten().copied().filter(|v| !v.is_null()).collect();
    let n = values.len();
    let get = |v: &Option<&'v Value>| v.filter(|v| !v.is_null());
    let Some(first) = present.first() else { return Some(Arc::new(NullArray::new(n))) };
    Some(match first {
        Value::String(_) => {
            let mut b = StringBuilder::new();
            for v in values {
                match get(v) {
                    None => b.append_null(),
                    Some(Value::String(s)) => b.append_value(s),
                    Some(_) => return None,
                }
            }
            Arc::new(b.finish())
        }
        Value::Bool(_) => {
            let mut b = BooleanBuilder::new();
            for v in values {
                match get(v) {
                    None => b.append_null(),
                    Some(Value::Bool(x)) => b.append_value(*x),
                    Some(_) => return None,
                }
            }
            Arc::new(b.finish())
        }
        Value::Number(_) if present.iter().all(|v| v.is_i64()) => {
            let mut b = Int64Builder::new();
            for v in values {
                b.append_option(get(v).map(|v| v.as_i64()).map(Option::unwrap));
            }
            Arc::new(b.finish())
        }
        Value::Number(_) => {
            let mut b = Float64Builder::new();
            for v in values {
                match get(v) {
                    None => b.append_null(),
                    Some(Value::Number(x)) => b.append_value(x.as_f64()?),
                    Some(_) => return None,
                }
            }
            Arc::new(b.finish())
        }
        Value::Object(_) => {
            let mut keys = BTreeSet::new();
            for v in &present {
                keys.extend(v.as_object()?.keys().cloned());
            }
            let nulls = NullBuffer::from(values.iter().map(|v| get(v).is_some()).collect::<Vec<_>>());
            if present.iter().any(|v| !v.is_object()) {
                return None;
            }
            let mut fields = Vec::new();
            let mut columns = Vec::new();
            for key in keys {
                let column: Vec<Option<&'v Value>> = values.iter().map(|v| get(v).and_then(|v| v.get(&key))).collect();
                let a = array(&column)?;
                fields.push(Field::new(key, a.data_type().clone(), true));
                columns.push(a);
            }
            if fields.is_empty() {
                Arc::new(StructArray::new_empty_fields(n, Some(nulls)))
            } else {
                Arc::new(StructArray::try_new(Fields::from(fields), columns, Some(nulls)).ok()?)
            }
        }
        Value::Array(_) => {
            let mut items: Vec<Option<&'v Value>> = Vec::new();
            let mut lengths = Vec::new();
            for v in values {
                match get(v) {
                    None => lengths.push(0),
                    Some(Value::Array(xs)) => {
                        lengths.push(xs.len());
                        items.extend(xs.iter().map(Some));
                    }
                    Some(_) => return None,
                }
            }
            let inner = array(&items)?;
            let nulls = NullBuffer::from(values.iter().map(|v| get(v).is_some()).collect::<Vec<_>>());
            let field = Arc::new(Field::new("item", inner.data_type().clone(), true));
            Arc::new(ListArray::try_new(field, OffsetBuffer::from_lengths(lengths), inner, Some(nulls)).ok()?)
        }
        Value::Null => return None,
    })
}
