//! A batch's events list read once: each item's type and time (see [`EventTable`]).

use super::cell::{cell, Texts};
use super::distinct::{Distinct, CACHED};
use super::schema::Events;
use crate::signals::hash_index::lower_with_fnv1a;
use crate::time::{self, Millis};
use crate::Scorer;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int64Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType,
};
use arrow_array::{Array, ArrowPrimitiveType};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, TimeUnit};

/// The items of a batch's events list as the engine reads them: for each, which distinct type it
/// has, that type's entry in the model's dispatch table and its time, so a row's event costs one
/// load of 16 bytes, and an event type is lower-cased, hashed and looked up in the dispatch table
/// once per batch rather than once per event.
pub(super) struct EventTable {
    /// The item `items[0]` describes.
    first: usize,
    items: Vec<Item>,
    /// The distinct types, lower-cased.
    kinds: Vec<Box<str>>,
}

/// One item of the events list.
#[derive(Clone, Copy)]
struct Item {
    /// Its type's index in `kinds`, or [`NOT_AN_EVENT`].
    kind_index: u32,
    /// Its type's entry in the dispatch table, or [`NO_RULE`].
    entry: u32,
    /// Its time (0 for [`NOT_AN_EVENT`]).
    at: Millis,
}

/// An item a parsed lead would not hold as an event without a problem: a null item, a missing or
/// blank `type`, a missing or unreadable `at`.
const NOT_AN_EVENT: u32 = u32::MAX;

/// A type no rule counts (no entry in the dispatch table).
const NO_RULE: u32 = u32::MAX;

/// An item that is not an event.
const NOT_AN_EVENT_ITEM: Item = Item { kind_index: NOT_AN_EVENT, entry: NO_RULE, at: 0 };

impl EventTable {
    /// The table of `events`, or `None` when its `type` is not text or it has more than
    /// [`CACHED`] distinct types (or, which a valid array never gives, a type that is not UTF-8,
    /// offsets or times shorter than the items, or, which no model has, a dispatch table past
    /// `u32`): such a batch is read by the parsed lead.
    pub(super) fn of(events: &Events<'_>, scorer: &Scorer) -> Option<EventTable> {
        let span = events.list.span();
        let kinds_column = match events.kind {
            Some(column) => Some(Texts::of(column)?),
            None => None,
        };
        let times = events.at.map(Times::of);
        let mut builder = Builder {
            table: EventTable { first: span.start, items: Vec::with_capacity(span.len()), kinds: Vec::new() },
            seen: Distinct::default(),
            entries: Vec::new(),
            scorer,
        };
        // The usual batch (Spark's, pyarrow's): `type` as Utf8 and `at` in milliseconds, neither
        // they nor the items ever null. Its items are read straight from the buffers, with no
        // per-item test of the columns' types or null bits.
        if let (Some(Texts::Utf8(kinds)), Some(Times::Ticks(ticks, None, 1))) = (&kinds_column, &times) {
            if kinds.null_count() == 0 && events.items.null_count() == 0 {
                let text = kinds.value_data();
                let offsets = kinds.value_offsets().get(span.start..span.end.checked_add(1)?)?;
                for (pair, &at) in offsets.windows(2).zip(ticks.get(span)?) {
                    let kind = match *pair {
                        [a, b] => text.get(usize::try_from(a).ok()?..usize::try_from(b).ok()?),
                        _ => None,
                    };
                    builder.push(kind, time::in_range(at))?;
                }
                return Some(builder.table);
            }
        }
        for item in span {
            let kind = kinds_column.as_ref().and_then(|k| k.get(item));
            let at = times.as_ref().and_then(|t| t.get(item));
            if events.items.is_null(item) {
                builder.push(None, None)?;
            } else {
                builder.push(kind.map(str::as_bytes), at)?;
            }
        }
        Some(builder.table)
    }

    /// Item `item`'s type (lower-cased), its entry in the dispatch table and its time; `None` when
    /// it is not an event.
    pub(super) fn get(&self, item: usize) -> Option<(&str, Option<usize>, Millis)> {
        let found = self.item(item)?;
        let kind = self.kinds.get(usize::try_from(found.kind_index).ok()?)?;
        Some((kind, entry_of(found), found.at))
    }

    /// Item `item`'s entry in the dispatch table and its time (see [`EventTable::get`]).
    #[inline]
    pub(super) fn head(&self, item: usize) -> Option<(Option<usize>, Millis)> {
        self.item(item).map(|found| (entry_of(found), found.at))
    }

    /// Item `item`, when it is an event.
    #[inline]
    fn item(&self, item: usize) -> Option<&Item> {
        self.items.get(item.checked_sub(self.first)?).filter(|found| found.kind_index != NOT_AN_EVENT)
    }
}

/// An item's entry in the dispatch table.
#[inline]
fn entry_of(item: &Item) -> Option<usize> {
    (item.entry != NO_RULE).then(|| usize::try_from(item.entry).ok()).flatten()
}

/// An [`EventTable`] being filled, item by item.
struct Builder<'b, 's> {
    table: EventTable,
    seen: Distinct<&'b [u8]>,
    /// Per distinct type (by its index in `kinds`): its entry in the dispatch table, or
    /// [`NO_RULE`].
    entries: Vec<u32>,
    scorer: &'s Scorer,
}

impl<'b> Builder<'b, '_> {
    /// The next item, from its `type` (the bytes of a text) and its time: `None` when the batch
    /// has more than [`CACHED`] distinct types, or a type that is not UTF-8. A type met before
    /// (nearly every item) is two lookups (its number, its entry) and one store, inlined into the
    /// loop over the items.
    #[inline(always)]
    fn push(&mut self, kind: Option<&'b [u8]>, at: Option<Millis>) -> Option<()> {
        let (Some(kind), Some(at)) = (kind, at) else {
            self.table.items.push(NOT_AN_EVENT_ITEM);
            return Some(());
        };
        let index = match self.seen.get(kind) {
            Some(index) => index,
            None => self.number(kind)?,
        };
        // A blank type's number, `NOT_AN_EVENT`, has no entry.
        let item = match self.entries.get(usize::try_from(index).ok()?) {
            Some(&entry) => Item { kind_index: index, entry, at },
            None => NOT_AN_EVENT_ITEM,
        };
        self.table.items.push(item);
        Some(())
    }

    /// The number of a type not met before in this batch ([`NOT_AN_EVENT`] for a blank one), its
    /// lower-cased text looked up in the dispatch table.
    #[cold]
    #[inline(never)]
    fn number(&mut self, kind: &'b [u8]) -> Option<u32> {
        let table = &mut self.table;
        // An Arrow text is UTF-8; one that is not leaves the batch to the parsed lead.
        let text = std::str::from_utf8(kind).ok()?;
        let index = if crate::text::is_blank(text) {
            NOT_AN_EVENT
        } else if table.kinds.len() >= CACHED {
            return None;
        } else {
            let (lower, hash) = lower_with_fnv1a(text);
            // A dispatch table far past `u32` (which no model has) leaves the batch to the parsed lead.
            let entry = match self.scorer.dispatch_of(hash, &lower) {
                Some(d) => u32::try_from(d).ok().filter(|d| *d != NO_RULE)?,
                None => NO_RULE,
            };
            table.kinds.push(lower.into());
            self.entries.push(entry);
            u32::try_from(table.kinds.len() - 1).ok()?
        };
        self.seen.insert(kind, index);
        Some(index)
    }
}

/// An events' `at` column, its type found once per batch.
enum Times<'b> {
    /// RFC 3339 text.
    Text(Texts<'b>),
    /// Integers (epoch milliseconds) or a timestamp: the values and how many of them make a
    /// millisecond (a negative count: how many milliseconds make one).
    Ticks(&'b [i64], Option<&'b NullBuffer>, i64),
    /// Any other type, read as JSON's `at` would be.
    Other(&'b dyn Array),
}

impl<'b> Times<'b> {
    fn of(column: &'b dyn Array) -> Times<'b> {
        fn ticks<'b, T: ArrowPrimitiveType<Native = i64>>(column: &'b dyn Array, per_ms: i64) -> Option<Times<'b>> {
            let a = column.as_primitive_opt::<T>()?;
            Some(Times::Ticks(a.values(), a.nulls(), per_ms))
        }
        let typed = match column.data_type() {
            DataType::Int64 => ticks::<Int64Type>(column, 1),
            DataType::Timestamp(TimeUnit::Millisecond, _) => ticks::<TimestampMillisecondType>(column, 1),
            DataType::Timestamp(TimeUnit::Microsecond, _) => ticks::<TimestampMicrosecondType>(column, 1000),
            DataType::Timestamp(TimeUnit::Nanosecond, _) => ticks::<TimestampNanosecondType>(column, 1_000_000),
            DataType::Timestamp(TimeUnit::Second, _) => ticks::<TimestampSecondType>(column, -1000),
            _ => Texts::of(column).map(Times::Text),
        };
        typed.unwrap_or(Times::Other(column))
    }

    /// Cell `i` as a parsed event's time (floored to the millisecond); `None` when null or not a
    /// time.
    fn get(&self, i: usize) -> Option<Millis> {
        let ms = match self {
            Times::Text(texts) => return time::parse_rfc3339(texts.get(i)?),
            Times::Ticks(values, nulls, per_ms) => {
                if nulls.is_some_and(|n| n.is_null(i)) {
                    return None;
                }
                let v = *values.get(i)?;
                // Milliseconds already (the usual unit): no division.
                if *per_ms == 1 {
                    v
                } else if *per_ms < 0 {
                    v.checked_mul(-*per_ms)?
                } else {
                    v.div_euclid(*per_ms)
                }
            }
            Times::Other(column) => return time::from_json(&cell(*column, i)?),
        };
        time::in_range(ms)
    }
}
