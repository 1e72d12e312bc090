//! Checks a batch's schema once, before any row is read, and finds the columns each row is read
//! from: the id, the events (a list of structs) and every other column as a lead field.
//!
//! Why up front: a schema problem is the same for every row, so it is one clear error for the
//! caller (a Spark job fails on the driver's first batch with it) instead of a million row errors.

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, GenericListArray, OffsetSizeTrait, RecordBatch, StructArray};
use arrow_schema::{ArrowError, DataType};
use std::fmt;

use super::options::ArrowOptions;

/// Why a batch could not be scored at all.
#[derive(Debug)]
pub enum BatchError {
    /// The id column is not in the batch.
    NoIdColumn {
        /// The column looked for.
        column: String,
        /// The columns the batch has.
        found: Vec<String>,
    },
    /// A column (or a member of a struct column, by dotted path) has a type with no JSON meaning.
    UnsupportedType {
        /// Column, or `column.member` inside a struct.
        column: String,
        /// The Arrow type found.
        found: String,
    },
    /// The events column is not a list of structs.
    EventsNotAList {
        /// The events column.
        column: String,
        /// The Arrow type found.
        found: String,
    },
    /// The results could not be assembled (a bug: the results' own arrays disagree).
    Output(ArrowError),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::NoIdColumn { column, found } => {
                write!(f, "the batch has no id column \"{column}\" (its columns: {})", found.join(", "))
            }
            BatchError::UnsupportedType { column, found } => write!(
                f,
                "column \"{column}\" is of type {found}, which a lead cannot hold (strings, numbers, \
                 booleans, dates, timestamps, and structs and lists of them)"
            ),
            BatchError::EventsNotAList { column, found } => write!(
                f,
                "the events column \"{column}\" must be a list of structs (list<struct<type, at, ...>>), found {found}"
            ),
            BatchError::Output(e) => write!(f, "the results could not be assembled: {e}"),
        }
    }
}

impl std::error::Error for BatchError {}

/// The events column: a list (32- or 64-bit offsets) of structs, and the struct's members.
pub(super) struct Events<'b> {
    /// The list.
    pub list: List<'b>,
    /// The structs (a null one is not an event).
    pub items: &'b StructArray,
    /// The `type` member.
    pub kind: Option<&'b dyn Array>,
    /// The `at` member.
    pub at: Option<&'b dyn Array>,
    /// Every other member, by name.
    pub others: Vec<(&'b str, &'b dyn Array)>,
}

/// A list with 32- or 64-bit offsets.
pub(super) enum List<'b> {
    /// `list<..>`.
    Small(&'b GenericListArray<i32>),
    /// `large_list<..>`.
    Large(&'b GenericListArray<i64>),
}

impl<'b> List<'b> {
    /// A list column (32- or 64-bit offsets), or `None` for another type.
    pub fn of(column: &'b dyn Array) -> Option<List<'b>> {
        match column.data_type() {
            DataType::List(_) => column.as_list_opt::<i32>().map(List::Small),
            DataType::LargeList(_) => column.as_list_opt::<i64>().map(List::Large),
            _ => None,
        }
    }

    /// The list column itself.
    pub fn array(&self) -> &'b dyn Array {
        match self {
            List::Small(l) => *l,
            List::Large(l) => *l,
        }
    }

    /// Every row's items, one after another.
    pub fn values(&self) -> &'b dyn Array {
        match self {
            List::Small(l) => l.values().as_ref(),
            List::Large(l) => l.values().as_ref(),
        }
    }

    /// The items the rows' lists cover, from the first row's first item to the last row's last
    /// (a sliced list's values may hold more).
    pub fn span(&self) -> std::ops::Range<usize> {
        fn of<O: OffsetSizeTrait>(l: &GenericListArray<O>) -> std::ops::Range<usize> {
            let offsets = l.value_offsets();
            let first = offsets.first().map_or(0, |o| o.as_usize());
            first..offsets.last().map_or(first, |o| o.as_usize())
        }
        match self {
            List::Small(l) => of(l),
            List::Large(l) => of(l),
        }
    }

    /// The items of `row` (none for a null list), as a range of the values' rows.
    pub fn range(&self, row: usize) -> Option<std::ops::Range<usize>> {
        fn of<O: OffsetSizeTrait>(l: &GenericListArray<O>, row: usize) -> Option<std::ops::Range<usize>> {
            if l.is_null(row) {
                return None;
            }
            let offsets = l.value_offsets();
            Some(offsets.get(row)?.as_usize()..offsets.get(row + 1)?.as_usize())
        }
        match self {
            List::Small(l) => of(l, row),
            List::Large(l) => of(l, row),
        }
    }
}

/// Where each part of a lead is read from.
pub(super) struct Plan<'b> {
    /// The id column, as given (the results echo it).
    pub id: ArrayRef,
    /// Lead fields: the key each is stored under (`id` for the id column) and its column.
    pub attrs: Vec<(String, &'b dyn Array)>,
    /// The events column, if the batch has one.
    pub events: Option<Events<'b>>,
}

/// Checks the batch's schema and plans the reading of its rows.
pub(super) fn plan<'b>(batch: &'b RecordBatch, options: &ArrowOptions) -> Result<Plan<'b>, BatchError> {
    let schema = batch.schema_ref();
    let Ok(id_at) = schema.index_of(&options.id_column) else {
        return Err(BatchError::NoIdColumn {
            column: options.id_column.clone(),
            found: schema.fields().iter().map(|f| f.name().clone()).collect(),
        });
    };
    let mut attrs = Vec::with_capacity(schema.fields().len());
    let mut events = None;
    for (i, (field, column)) in schema.fields().iter().zip(batch.columns()).enumerate() {
        if i == id_at {
            continue;
        }
        if field.name() == &options.events_column {
            events = Some(events_of(column.as_ref(), field.name())?);
            continue;
        }
        check_type(field.data_type(), field.name())?;
        attrs.push((field.name().clone(), column.as_ref()));
    }
    let id = batch.column(id_at).clone();
    check_type(id.data_type(), &options.id_column)?;
    // Last, so that the id column is the lead's `id` even beside a column of that name.
    attrs.push(("id".to_string(), batch.column(id_at).as_ref()));
    Ok(Plan { id, attrs, events })
}

fn events_of<'b>(column: &'b dyn Array, name: &str) -> Result<Events<'b>, BatchError> {
    let not_a_list = || BatchError::EventsNotAList { column: name.to_string(), found: column.data_type().to_string() };
    let (list, items) = match column.data_type() {
        DataType::List(_) => column.as_list_opt::<i32>().and_then(|l| Some((List::Small(l), structs(l)?))),
        DataType::LargeList(_) => column.as_list_opt::<i64>().and_then(|l| Some((List::Large(l), structs(l)?))),
        _ => None,
    }
    .ok_or_else(not_a_list)?;
    let mut events = Events { list, items, kind: None, at: None, others: Vec::new() };
    for (field, member) in items.fields().iter().zip(items.columns()) {
        check_type(field.data_type(), &format!("{name}.{}", field.name()))?;
        match field.name().as_str() {
            "type" => events.kind = Some(member.as_ref()),
            "at" => events.at = Some(member.as_ref()),
            other => events.others.push((other, member.as_ref())),
        }
    }
    Ok(events)
}

fn structs<O: OffsetSizeTrait>(list: &GenericListArray<O>) -> Option<&StructArray> {
    list.values().as_struct_opt()
}

/// Refuses a type with no JSON meaning (binary, intervals, maps, unions, ...), naming where it is.
fn check_type(dt: &DataType, column: &str) -> Result<(), BatchError> {
    use DataType::*;
    match dt {
        Null
        | Boolean
        | Int8
        | Int16
        | Int32
        | Int64
        | UInt8
        | UInt16
        | UInt32
        | UInt64
        | Float32
        | Float64
        | Decimal128(_, _)
        | Utf8
        | LargeUtf8
        | Utf8View
        | Date32
        | Date64
        | Timestamp(_, _) => Ok(()),
        Struct(fields) => fields.iter().try_for_each(|f| check_type(f.data_type(), &format!("{column}.{}", f.name()))),
        List(item) | LargeList(item) => check_type(item.data_type(), column),
        other => Err(BatchError::UnsupportedType { column: column.to_string(), found: other.to_string() }),
    }
}
