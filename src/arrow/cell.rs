//! One Arrow value as the JSON value a lead would hold: the single place that says what each Arrow
//! type means to the engine.
//!
//! Why JSON values: the engine's lead readers, limits and wrong-type policy all work on them, so a
//! lead read from columns passes exactly the checks a lead read from JSON text passes. Times become
//! epoch milliseconds (floored, as the JSON readers floor them), whatever the unit; a timestamp's
//! zone only says how to show it, its value is already UTC. Floats that JSON cannot hold (NaN,
//! infinities) and nulls are missing.

use crate::engine::Val;
use crate::time::DAY_MS;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, DecimalType, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type,
    Int8Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType,
    UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrowPrimitiveType, Float64Array, GenericListArray, Int32Array, Int64Array, LargeStringArray,
    OffsetSizeTrait, PrimitiveArray, StringArray, StringViewArray, StructArray,
};
use arrow_schema::{DataType, TimeUnit};
use serde_json::{Map, Number, Value};

/// The value at `row`, or `None` for a null (or a type the schema check refused).
pub(super) fn cell(array: &dyn Array, row: usize) -> Option<Value> {
    if array.is_null(row) {
        return None;
    }
    let value = match array.data_type() {
        DataType::Utf8 => Value::String(array.as_string_opt::<i32>()?.value(row).to_string()),
        DataType::LargeUtf8 => Value::String(array.as_string_opt::<i64>()?.value(row).to_string()),
        DataType::Utf8View => Value::String(array.as_string_view_opt()?.value(row).to_string()),
        DataType::Boolean => Value::Bool(array.as_boolean_opt()?.value(row)),
        DataType::Int8 => Value::from(array.as_primitive_opt::<Int8Type>()?.value(row)),
        DataType::Int16 => Value::from(array.as_primitive_opt::<Int16Type>()?.value(row)),
        DataType::Int32 => Value::from(array.as_primitive_opt::<Int32Type>()?.value(row)),
        DataType::Int64 => Value::from(array.as_primitive_opt::<Int64Type>()?.value(row)),
        DataType::UInt8 => Value::from(array.as_primitive_opt::<UInt8Type>()?.value(row)),
        DataType::UInt16 => Value::from(array.as_primitive_opt::<UInt16Type>()?.value(row)),
        DataType::UInt32 => Value::from(array.as_primitive_opt::<UInt32Type>()?.value(row)),
        DataType::UInt64 => Value::from(array.as_primitive_opt::<UInt64Type>()?.value(row)),
        DataType::Float32 => float(f64::from(array.as_primitive_opt::<Float32Type>()?.value(row)))?,
        DataType::Float64 => float(array.as_primitive_opt::<Float64Type>()?.value(row))?,
        DataType::Decimal128(precision, scale) => {
            // Through its decimal text: the nearest double, as JSON text `12.30` reads.
            let v = array.as_primitive_opt::<Decimal128Type>()?.value(row);
            float(Decimal128Type::format_decimal(v, *precision, *scale).parse().ok()?)?
        }
        DataType::Date32 => Value::from(i64::from(array.as_primitive_opt::<Date32Type>()?.value(row)) * DAY_MS),
        DataType::Date64 => Value::from(array.as_primitive_opt::<Date64Type>()?.value(row)),
        DataType::Timestamp(unit, _) => timestamp(array, *unit, row)?,
        DataType::Struct(_) => Value::Object(members(array.as_struct_opt()?, row)),
        DataType::List(_) => list(array.as_list_opt::<i32>()?, row),
        DataType::LargeList(_) => list(array.as_list_opt::<i64>()?, row),
        _ => return None,
    };
    Some(value)
}

/// The non-null members of a struct's row, by member name.
pub(super) fn members(s: &StructArray, row: usize) -> Map<String, Value> {
    let mut map = Map::new();
    for (field, column) in s.fields().iter().zip(s.columns()) {
        if let Some(v) = cell(column.as_ref(), row) {
            map.insert(field.name().clone(), v);
        }
    }
    map
}

/// A list's row as an array; a null item stays `null`, as it would in JSON.
fn list<O: OffsetSizeTrait>(l: &GenericListArray<O>, row: usize) -> Value {
    let values = l.value(row);
    Value::Array((0..values.len()).map(|i| cell(values.as_ref(), i).unwrap_or(Value::Null)).collect())
}

fn float(x: f64) -> Option<Value> {
    Number::from_f64(x).map(Value::Number)
}

/// Epoch milliseconds, floored; a value too large for milliseconds stays a (refused) number.
fn timestamp(array: &dyn Array, unit: TimeUnit, row: usize) -> Option<Value> {
    let ms = match unit {
        TimeUnit::Second => {
            let s = array.as_primitive_opt::<TimestampSecondType>()?.value(row);
            return Some(s.checked_mul(1000).map_or_else(|| Value::from(s as f64 * 1000.0), Value::from));
        }
        TimeUnit::Millisecond => array.as_primitive_opt::<TimestampMillisecondType>()?.value(row),
        TimeUnit::Microsecond => array.as_primitive_opt::<TimestampMicrosecondType>()?.value(row).div_euclid(1000),
        TimeUnit::Nanosecond => array.as_primitive_opt::<TimestampNanosecondType>()?.value(row).div_euclid(1_000_000),
    };
    Some(Value::from(ms))
}

/// A column read in place, as the engine's tests see its values, its type found once: a batch
/// binds each column once and reads it for every row. The types Spark and pyarrow hand out most
/// (text, 32- and 64-bit integers, doubles) are read straight from their arrays; the others
/// through their type.
pub(super) struct Scalar<'b> {
    pub column: &'b dyn Array,
    typed: Typed<'b>,
}

enum Typed<'b> {
    Text(Texts<'b>),
    Int32(&'b Int32Array),
    Int64(&'b Int64Array),
    Float64(&'b Float64Array),
    Other,
}

impl<'b> Scalar<'b> {
    pub fn of(column: &'b dyn Array) -> Scalar<'b> {
        let typed = match column.data_type() {
            DataType::Int32 => column.as_primitive_opt::<Int32Type>().map(Typed::Int32),
            DataType::Int64 => column.as_primitive_opt::<Int64Type>().map(Typed::Int64),
            DataType::Float64 => column.as_primitive_opt::<Float64Type>().map(Typed::Float64),
            _ => Texts::of(column).map(Typed::Text),
        };
        Scalar { column, typed: typed.unwrap_or(Typed::Other) }
    }

    /// The column's texts, when it is a text column.
    pub fn texts(&self) -> Option<&Texts<'b>> {
        match &self.typed {
            Typed::Text(texts) => Some(texts),
            _ => None,
        }
    }

    /// The value at `row`, with no copy of text: exactly `Val::of(cell(column, row))` for every
    /// type [`in_place`](super::in_place) accepts (scalars and structs; a list's items are read one
    /// by one as a column of their own). Text is returned as given: the caller applies the
    /// missing-text policy where a parsed lead applies it.
    pub fn get(&self, row: usize) -> Val<'b> {
        match &self.typed {
            Typed::Text(texts) => texts.get(row).map_or(Val::Missing, Val::text),
            Typed::Int32(a) if a.is_valid(row) => finite(f64::from(a.value(row))),
            Typed::Int64(a) if a.is_valid(row) => finite(a.value(row) as f64),
            Typed::Float64(a) if a.is_valid(row) => finite(a.value(row)),
            Typed::Int32(_) | Typed::Int64(_) | Typed::Float64(_) => Val::Missing,
            Typed::Other => other(self.column, row),
        }
    }

    /// [`Scalar::get`] of each of the first `rows` rows, in order, the column's type matched once:
    /// a rule read a column at a time (`arrow::decided`) reads a number column as a plain loop.
    /// `rows` is the batch's row count, which every column of the batch has.
    pub fn for_each(&self, rows: usize, mut each: impl FnMut(usize, Val<'b>)) {
        fn numbers<'b, T: ArrowPrimitiveType>(
            a: &PrimitiveArray<T>,
            rows: usize,
            as_f64: impl Fn(T::Native) -> f64,
            mut each: impl FnMut(usize, Val<'b>),
        ) {
            for row in 0..rows {
                match a.values().get(row) {
                    Some(v) if a.is_valid(row) => each(row, finite(as_f64(*v))),
                    _ => each(row, Val::Missing),
                }
            }
        }
        match &self.typed {
            Typed::Int32(a) => numbers(*a, rows, f64::from, each),
            Typed::Int64(a) => numbers(*a, rows, |v| v as f64, each),
            Typed::Float64(a) => numbers(*a, rows, |v| v, each),
            Typed::Text(_) | Typed::Other => (0..rows).for_each(|row| each(row, self.get(row))),
        }
    }
}

/// A number, missing when JSON could not hold it (NaN, infinities).
fn finite<'a>(x: f64) -> Val<'a> {
    if x.is_finite() {
        Val::Num(x)
    } else {
        Val::Missing
    }
}

/// [`Scalar::get`] for the types it does not read straight.
fn other(array: &dyn Array, row: usize) -> Val<'_> {
    if array.is_null(row) {
        return Val::Missing;
    }
    let number = |x: Option<f64>| x.map_or(Val::Missing, finite);
    match array.data_type() {
        DataType::Boolean => array.as_boolean_opt().map_or(Val::Missing, |a| Val::Bool(a.value(row))),
        DataType::Int8 => number(array.as_primitive_opt::<Int8Type>().map(|a| f64::from(a.value(row)))),
        DataType::Int16 => number(array.as_primitive_opt::<Int16Type>().map(|a| f64::from(a.value(row)))),
        DataType::UInt8 => number(array.as_primitive_opt::<UInt8Type>().map(|a| f64::from(a.value(row)))),
        DataType::UInt16 => number(array.as_primitive_opt::<UInt16Type>().map(|a| f64::from(a.value(row)))),
        DataType::UInt32 => number(array.as_primitive_opt::<UInt32Type>().map(|a| f64::from(a.value(row)))),
        DataType::UInt64 => number(array.as_primitive_opt::<UInt64Type>().map(|a| a.value(row) as f64)),
        DataType::Float32 => number(array.as_primitive_opt::<Float32Type>().map(|a| f64::from(a.value(row)))),
        // Rare enough to go through the value (a decimal's text, parsed as JSON text would be).
        DataType::Decimal128(..) | DataType::Date32 | DataType::Date64 | DataType::Timestamp(..) => {
            match cell(array, row) {
                Some(Value::Number(n)) => number(n.as_f64()),
                _ => Val::Missing,
            }
        }
        DataType::Struct(_) => Val::Object,
        _ => Val::Missing,
    }
}

/// A text column, its type found once.
pub(super) enum Texts<'b> {
    Utf8(&'b StringArray),
    Large(&'b LargeStringArray),
    View(&'b StringViewArray),
}

impl<'b> Texts<'b> {
    pub fn of(column: &'b dyn Array) -> Option<Texts<'b>> {
        match column.data_type() {
            DataType::Utf8 => column.as_string_opt::<i32>().map(Texts::Utf8),
            DataType::LargeUtf8 => column.as_string_opt::<i64>().map(Texts::Large),
            DataType::Utf8View => column.as_string_view_opt().map(Texts::View),
            _ => None,
        }
    }

    /// Cell `i`, `None` when null.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&'b str> {
        match self {
            Texts::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}
