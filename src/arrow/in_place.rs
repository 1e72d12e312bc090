//! A batch's rows read in place, as the engine's [`LeadView`], for scoring with `explain` off.
//!
//! Why: building a parsed lead per row (a map per lead and per event, a string per key) cost more
//! than scoring it. Here a row's attribute is read from its column when a rule asks for it, text
//! borrowed from the batch (each field path the model reads is bound to its column once per batch,
//! under the number the compiled model gave the path); every event's type and time are read once
//! per batch into a table ([`EventTable`]: a type is lower-cased and looked up in the model's
//! dispatch table once per distinct type), and an event's other members straight from the events
//! list. The rules that read one attribute, and the title's signals, are worked out a column at
//! a time before any row is scored ([`Decided`]).
//!
//! Exactness: a batch is read in place only when nothing in it can meet a limit a parsed lead
//! checks (every key and text within `input.maxStringBytes`, nesting within [`MAX_LEAD_DEPTH`],
//! checked once per batch from the columns' lengths and types) and no two columns name the same
//! field (which a parsed lead settles by key order). Within such a batch a row is read exactly as
//! `read::lead` would read it: [`Scalar::get`] is `Val::of(cell(..))` for each type, the
//! missing-text policy applies where a parsed lead applies it (attributes, not list items or event
//! members), and an event a parsed lead would warn about or refuse makes the engine answer `None`,
//! so that row is parsed and scored the usual way. Rows over `input.maxEvents` are parsed too (see `score_batch`),
//! and so is every row of a batch with more than [`CACHED`](super::distinct::CACHED) distinct event types.

use super::cell::{cell, Scalar};
use super::decided::{Columns, Decided, Read};
use super::distinct::Memo;
use super::event_table::EventTable;
use super::schema::{Events, List, Plan};
use crate::engine::{Cells, EventFields, FieldPath, Fields, Items, LeadView, Val, ViewEvent, MAX_LEAD_DEPTH};
use crate::model::InputPolicy;
use crate::model::Signals;
use crate::signals::hash_index::fnv1a;
use crate::signals::{domain_facts, Department, DomainFacts, Seniority};
use crate::time::Millis;
use crate::Scorer;
use arrow_array::cast::AsArray;
use arrow_array::{Array, OffsetSizeTrait, StringViewArray};
use arrow_buffer::NullBuffer;
use arrow_schema::DataType;
use serde_json::Value;
use std::collections::BTreeMap;

/// The model's texts that mean "not given" (`input.missing`), with the byte length of its entries
/// by their first byte: every text attribute a rule reads is checked against the list, and most are
/// known not to be on it from their first byte and length alone.
pub(super) struct Missing<'b> {
    policy: &'b InputPolicy,
    /// At ASCII byte `b` (lower-cased), bit `n`: an entry starts with `b` and is `n` bytes long.
    /// Only when `shortcut`.
    lengths: Box<[u128; 128]>,
    /// Every entry is ASCII and under 128 bytes: a text can then equal an entry (in any ASCII
    /// case) only if it has the entry's first byte and byte length.
    shortcut: bool,
}

impl<'b> Missing<'b> {
    pub(super) fn of(policy: &'b InputPolicy) -> Missing<'b> {
        let shortcut = policy.missing.iter().all(|m| m.is_ascii() && m.len() < 128);
        let mut lengths = Box::new([0u128; 128]);
        for m in &policy.missing {
            if let Some(first) = m.as_bytes().first() {
                if let Some(set) = lengths.get_mut(usize::from(first.to_ascii_lowercase())) {
                    *set |= bit(m.len()).unwrap_or(0);
                }
            }
        }
        Missing { policy, lengths, shortcut }
    }

    /// Whether `text` is on the list ([`InputPolicy::is_missing`]).
    pub(super) fn has(&self, text: &str) -> bool {
        if self.shortcut {
            // A text that starts and ends with a printable ASCII character is its own trimmed
            // text, so its first byte and length decide when no entry has both.
            let bytes = text.as_bytes();
            if let (Some(&first), Some(last)) = (bytes.first(), bytes.last()) {
                if first.is_ascii_graphic() && last.is_ascii_graphic() {
                    let set = self.lengths.get(usize::from(first.to_ascii_lowercase())).copied().unwrap_or(0);
                    if bit(bytes.len()).is_none_or(|b| set & b == 0) {
                        return false;
                    }
                }
            }
        }
        self.policy.is_missing(text)
    }
}

/// Bit `n` of a `u128`, for `n` under 128.
fn bit(n: usize) -> Option<u128> {
    1u128.checked_shl(u32::try_from(n).ok()?)
}

/// The columns of a batch bound to the field paths they hold.
pub(super) struct InPlace<'b> {
    missing: Missing<'b>,
    /// Every attribute (struct members flattened to dotted paths), by the path's hash.
    attrs: Vec<Bound<'b>>,
    /// Per lead path the model reads, by its number: its binding in `attrs`.
    numbered: Numbered,
    events: Option<EventColumns<'b>>,
    /// Email domains met in this batch, with what they say (the same answer for the same text:
    /// the function is pure), up to [`CACHED`](super::distinct::CACHED) of them.
    domains: Memo<DomainFacts>,
    /// The rules that read one attribute, and the title's signals, decided for every row a column
    /// at a time.
    decided: Decided,
}

/// One field path and where its value is.
struct Bound<'b> {
    hash: u64,
    path: String,
    /// The rows where every struct it is a member of is not null (`None`: every row): null in
    /// any of them, it is absent.
    parents: Option<NullBuffer>,
    leaf: Leaf<'b>,
}

enum Leaf<'b> {
    /// A scalar or a struct (an object: present when not null).
    Value(Scalar<'b>),
    /// A list of scalars, and its items.
    List(List<'b>, Column<'b>),
}

/// A column whose cells a list's items are.
struct Column<'b>(Scalar<'b>);

impl Cells for Column<'_> {
    fn cell(&self, i: usize) -> Val<'_> {
        self.0.get(i)
    }
}

/// The events list and its members.
struct EventColumns<'b> {
    events: &'b Events<'b>,
    /// Each item's type and time, read once per batch (see [`EventTable`]).
    table: EventTable,
    /// The events' other members, flattened and bound as attributes are.
    members: Vec<Bound<'b>>,
    /// Per event path the model reads, by its number: its binding in `members`.
    numbered: Numbered,
}

impl<'b> InPlace<'b> {
    /// The batch's columns bound for reading in place, or `None` when some row of the batch could
    /// meet a limit or a clash of names that only a parsed lead reports.
    pub(super) fn bind(plan: &'b Plan<'b>, scorer: &'b Scorer) -> Option<InPlace<'b>> {
        let policy = &scorer.model().input;
        // Two columns of one name (the id column beside an `id` column, or a name Arrow lets a
        // schema repeat): a parsed lead keeps whichever is not null in the row, so they are left
        // to it.
        let top: BTreeMap<&str, &dyn Array> = plan.attrs.iter().map(|(k, c)| (k.as_str(), *c)).collect();
        if top.len() != plan.attrs.len() {
            return None;
        }
        let mut attrs = Vec::with_capacity(top.len());
        for (key, column) in top {
            if key.len() > policy.max_string_bytes {
                return None;
            }
            bind_field(key.to_string(), column, None, 1, policy.max_string_bytes, &mut attrs)?;
        }
        let attrs = by_hash(attrs)?;
        let paths = scorer.paths();
        let events = match &plan.events {
            None => None,
            Some(events) => {
                let members = bind_events(events, policy.max_string_bytes)?;
                let numbered = Numbered::of(&paths.event, &members);
                Some(EventColumns { events, members, numbered, table: EventTable::of(events, scorer)? })
            }
        };
        let missing = Missing::of(policy);
        let numbered = Numbered::of(&paths.lead, &attrs);
        let mut in_place =
            InPlace { missing, attrs, numbered, events, domains: Memo::default(), decided: Decided::default() };
        in_place.decided = Decided::of(scorer, &in_place, plan.id.len());
        Some(in_place)
    }

    /// Row `row` as a lead.
    pub(super) fn row(&self, row: usize) -> Row<'_, 'b> {
        let events = self.events.as_ref().and_then(|e| e.events.list.range(row)).unwrap_or(0..0);
        Row { columns: self, row, events }
    }
}

/// Binds `column` (at `path`, inside `parents`, `depth` levels down) and, for a struct, its
/// members. Its own key's length is the caller's to check.
fn bind_field<'b>(
    path: String,
    column: &'b dyn Array,
    parents: Option<NullBuffer>,
    depth: usize,
    max_bytes: usize,
    out: &mut Vec<Bound<'b>>,
) -> Option<()> {
    // A list's items are a level further down.
    if depth + 1 > MAX_LEAD_DEPTH {
        return None;
    }
    match column.data_type() {
        DataType::Struct(_) => {
            let s = column.as_struct_opt()?;
            let inner = NullBuffer::union(parents.as_ref(), column.nulls());
            for (field, member) in s.fields().iter().zip(s.columns()) {
                if field.name().len() > max_bytes {
                    return None;
                }
                let member_path = format!("{path}.{}", field.name());
                bind_field(member_path, member.as_ref(), inner.clone(), depth + 1, max_bytes, out)?;
            }
            out.push(Bound { hash: fnv1a(&path), path, parents, leaf: Leaf::Value(Scalar::of(column)) });
        }
        DataType::List(_) | DataType::LargeList(_) => {
            let list = List::of(column)?;
            let items = list.values();
            if !scalar(items.data_type()) || !texts_within(items, max_bytes) {
                return None;
            }
            out.push(Bound { hash: fnv1a(&path), path, parents, leaf: Leaf::List(list, Column(Scalar::of(items))) });
        }
        dt if scalar(dt) && texts_within(column, max_bytes) => {
            out.push(Bound { hash: fnv1a(&path), path, parents, leaf: Leaf::Value(Scalar::of(column)) });
        }
        _ => return None,
    }
    Some(())
}

/// The events' members other than `type` and `at`, bound; `None` when a row's event could meet a
/// limit (`type`, `at` and every member's text within the limit).
fn bind_events<'b>(events: &'b Events<'b>, max_bytes: usize) -> Option<Vec<Bound<'b>>> {
    for column in [events.kind, events.at].into_iter().flatten() {
        if !texts_within(column, max_bytes) {
            return None;
        }
    }
    let mut members = Vec::with_capacity(events.others.len());
    for (name, column) in &events.others {
        // A member's path is read through nested members first, then as one literal key
        // (`resolve_at`); with no dot in any member's name the two cannot meet a flattened path
        // differently, so a dotted name is left to the parsed lead.
        if name.len() > max_bytes || name.contains('.') || dotted_member(column.data_type()) {
            return None;
        }
        // An event's members sit two levels down in a lead (`events[i].name`).
        bind_field((*name).to_string(), *column, None, 3, max_bytes, &mut members)?;
    }
    by_hash(members)
}

/// Whether a struct type (at any depth) has a member with a dot in its name.
fn dotted_member(dt: &DataType) -> bool {
    match dt {
        DataType::Struct(fields) => fields.iter().any(|f| f.name().contains('.') || dotted_member(f.data_type())),
        DataType::List(item) | DataType::LargeList(item) => dotted_member(item.data_type()),
        _ => false,
    }
}

/// Sorted by hash for lookup; `None` when two bindings name the same path.
fn by_hash(mut bound: Vec<Bound<'_>>) -> Option<Vec<Bound<'_>>> {
    bound.sort_by(|a, b| (a.hash, &a.path).cmp(&(b.hash, &b.path)));
    let clash = bound.windows(2).any(|w| matches!(w, [a, b] if a.hash == b.hash && a.path == b.path));
    (!clash).then_some(bound)
}

/// The types read in place as one value.
fn scalar(dt: &DataType) -> bool {
    use DataType::*;
    matches!(
        dt,
        Null | Boolean
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
            | Timestamp(_, _)
    )
}

/// Whether every text of a column (a non-text column has none) is within `max_bytes`: from the
/// offsets, without reading the text.
fn texts_within(column: &dyn Array, max_bytes: usize) -> bool {
    fn offsets<O: OffsetSizeTrait + Ord>(offsets: &[O], max_bytes: usize) -> bool {
        // The widest cell, found without stopping early: a loop the compiler can vectorise (with
        // the integers' own `max`, which it does not do for a fold over `O::max`).
        let widest = offsets.iter().zip(offsets.iter().skip(1)).map(|(a, b)| *b - *a).max();
        widest.is_none_or(|w| w.to_usize().is_some_and(|w| w <= max_bytes))
    }
    match column.data_type() {
        DataType::Utf8 => column.as_string_opt::<i32>().is_some_and(|a| offsets(a.value_offsets(), max_bytes)),
        DataType::LargeUtf8 => column.as_string_opt::<i64>().is_some_and(|a| offsets(a.value_offsets(), max_bytes)),
        DataType::Utf8View => {
            // A view's low 32 bits are its text's length.
            let widest = |a: &StringViewArray| a.views().iter().map(|v| *v as u32).max().unwrap_or(0);
            column.as_string_view_opt().is_some_and(|a| usize::try_from(widest(a)).is_ok_and(|w| w <= max_bytes))
        }
        _ => true,
    }
}

impl Bound<'_> {
    fn present(&self, row: usize) -> bool {
        self.parents.as_ref().is_none_or(|p| p.is_valid(row))
    }
}

/// The position of the binding of the path `full` (whose hash is `hash`).
fn position(bound: &[Bound<'_>], hash: u64, full: &str) -> Option<usize> {
    let first = bound.partition_point(|b| b.hash < hash);
    let within = bound.get(first..)?.iter().take_while(|b| b.hash == hash).position(|b| b.path == full)?;
    Some(first + within)
}

/// Each path a model reads bound once per batch: by its number ([`FieldPath::number`]), its hash
/// and the position of its binding, if the batch has one.
struct Numbered(Vec<(u64, Option<usize>)>);

impl Numbered {
    fn of(paths: &[Box<str>], bound: &[Bound<'_>]) -> Numbered {
        Numbered(paths.iter().map(|full| (fnv1a(full), position(bound, fnv1a(full), full))).collect())
    }
}

/// The binding of `path`, through its number. Every path the scorer hands a row is numbered in the
/// same model the batch was bound for; a path whose number holds another hash (which that never
/// gives) is looked up by its text, so a wrong number cannot read another column.
#[inline]
fn find<'a, 'b>(bound: &'a [Bound<'b>], numbered: &Numbered, path: &FieldPath) -> Option<&'a Bound<'b>> {
    match numbered.0.get(path.number) {
        Some((hash, found)) if *hash == path.hash => bound.get((*found)?),
        _ => bound.get(position(bound, path.hash, &path.full)?),
    }
}

/// A row's value of a binding as the tests see it.
#[inline]
fn read<'a>(bound: &'a Bound<'_>, row: usize) -> Val<'a> {
    if !bound.present(row) {
        return Val::Missing;
    }
    match &bound.leaf {
        Leaf::Value(scalar) => scalar.get(row),
        Leaf::List(list, items) => match list.range(row) {
            Some(range) if !range.is_empty() => Val::List(Items::Cells(items, range.start, range.end)),
            _ => Val::Missing,
        },
    }
}

/// One row of a bound batch.
pub(super) struct Row<'a, 'b> {
    columns: &'a InPlace<'b>,
    row: usize,
    /// The rows of the events' items that are this row's events.
    events: std::ops::Range<usize>,
}

impl<'b> Row<'_, 'b> {
    /// The events' columns and the item of the list that is this row's event `i`.
    #[inline]
    fn item(&self, i: usize) -> Option<(&EventColumns<'b>, usize)> {
        let columns = self.columns.events.as_ref()?;
        let item = self.events.start.checked_add(i).filter(|item| *item < self.events.end)?;
        Some((columns, item))
    }
}

impl Fields for Row<'_, '_> {
    fn field(&self, path: &FieldPath) -> Val<'_> {
        let Some(bound) = find(&self.columns.attrs, &self.columns.numbered, path) else { return Val::Missing };
        attribute(bound, self.row, &self.columns.missing)
    }
}

/// A row's value of an attribute's binding: [`read`], under the missing-text policy.
#[inline]
fn attribute<'a>(bound: &'a Bound<'_>, row: usize, missing: &Missing<'_>) -> Val<'a> {
    unless_missing(read(bound, row), missing)
}

/// A text the model lists as "not given" is not given, as a parsed lead drops it.
#[inline]
fn unless_missing<'a>(value: Val<'a>, missing: &Missing<'_>) -> Val<'a> {
    match value {
        Val::Str(s) if missing.has(s) => Val::Missing,
        v => v,
    }
}

impl Columns for InPlace<'_> {
    /// The column is found once; a text column's cells are handed as their texts.
    fn for_each_cell(&self, path: &FieldPath, rows: usize, mut each: impl FnMut(usize, Read<'_>)) {
        let Some(bound) = find(&self.attrs, &self.numbered, path) else {
            return (0..rows).for_each(|row| each(row, Read::Value(Val::Missing)));
        };
        match &bound.leaf {
            Leaf::Value(scalar) => match scalar.texts() {
                Some(texts) => {
                    for row in 0..rows {
                        match texts.get(row) {
                            Some(text) if bound.present(row) => each(row, Read::Text(text)),
                            _ => each(row, Read::Value(Val::Missing)),
                        }
                    }
                }
                None => scalar.for_each(rows, |row, value| {
                    let value = if bound.present(row) { unless_missing(value, &self.missing) } else { Val::Missing };
                    each(row, Read::Value(value));
                }),
            },
            Leaf::List(..) => (0..rows).for_each(|row| each(row, Read::Value(attribute(bound, row, &self.missing)))),
        }
    }

    /// What [`Scalar::get`] makes of a text, under the missing-text policy.
    fn text_value<'a>(&self, text: &'a str) -> Val<'a> {
        unless_missing(Val::text(text), &self.missing)
    }
}

impl LeadView for Row<'_, '_> {
    fn value(&self, path: &FieldPath) -> Option<Value> {
        let bound = find(&self.columns.attrs, &self.columns.numbered, path)?;
        if !bound.present(self.row) {
            return None;
        }
        let column = match &bound.leaf {
            Leaf::Value(scalar) => scalar.column,
            Leaf::List(..) => return cell(list_column(bound)?, self.row),
        };
        match cell(column, self.row)? {
            Value::String(s) if self.columns.missing.has(&s) => None,
            v => Some(v),
        }
    }

    fn event_count(&self) -> usize {
        self.events.len()
    }

    fn event(&self, i: usize) -> Option<ViewEvent<'_>> {
        let (columns, item) = self.item(i)?;
        let (kind, dispatch, at) = columns.table.get(item)?;
        Some(ViewEvent { kind, dispatch, at, index: i, fields: columns, item })
    }

    #[inline]
    fn event_head(&self, i: usize) -> Option<(Option<usize>, Millis)> {
        let (columns, item) = self.item(i)?;
        columns.table.head(item)
    }

    #[inline]
    fn decided(&self, rule: usize) -> Option<bool> {
        self.columns.decided.get(rule, self.row)
    }

    #[inline]
    fn title_signals(&self) -> Option<Option<(Seniority, Department)>> {
        self.columns.decided.title_signals(self.row)
    }

    fn domain(&self, domain: &str, signals: &Signals) -> DomainFacts {
        self.columns.domains.get_or(domain, || domain_facts(domain, signals))
    }
}

/// The list column a list binding reads (for the whole value, as a parsed lead holds it).
fn list_column<'b>(bound: &Bound<'b>) -> Option<&'b dyn Array> {
    match &bound.leaf {
        Leaf::List(list, _) => Some(list.array()),
        Leaf::Value(_) => None,
    }
}

impl EventFields for EventColumns<'_> {
    fn field(&self, item: usize, path: &FieldPath) -> Val<'_> {
        find(&self.members, &self.numbered, path).map_or(Val::Missing, |bound| read(bound, item))
    }
}
