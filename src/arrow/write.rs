//! The results batch: one row per lead, in input order.
//!
//! Columns: `id` (the input's id column as given), `score`, `raw`, `tier`, `grade`, `label`,
//! `probability`, `fingerprint`, `warnings` (the card's warnings as JSON text, null when there are
//! none), `contributions` (list of structs, null with `explain` off), `card` (the card's JSON text,
//! byte for byte what the JSON path writes; null with `explain` off) and `error` (the lead's error
//! as JSON text, `{"path", "segments", "code", "message"}`, as the JSON path reports it; null when
//! the lead was scored). A row with an error has nulls in every other column but `id`.

use super::schema::BatchError;
use crate::engine::{ContributionKind, ScoreCard, Verdict};
use crate::LeadError;
use arrow_array::builder::{ArrayBuilder, Float64Builder, StringBuilder, TimestampMillisecondBuilder, UInt32Builder};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use std::sync::Arc;

/// The members of one contribution.
fn contribution_fields() -> Fields {
    Fields::from(vec![
        Field::new("rule", DataType::Utf8, false),
        Field::new("group", DataType::Utf8, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("points", DataType::Float64, false),
        Field::new("reason", DataType::Utf8, false),
        Field::new("events", DataType::UInt32, true),
        Field::new("decayed", DataType::Float64, true),
        Field::new("capped", DataType::Float64, true),
        Field::new("last_activity_at", DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())), true),
    ])
}

fn contribution_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Struct(contribution_fields()), false))
}

/// The schema of the results for an id column of type `id`: the same whatever the options, so a
/// caller (Spark's `mapInArrow`) can declare it before the first batch.
pub fn result_schema(id: &DataType) -> SchemaRef {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let number = |name: &str| Field::new(name, DataType::Float64, true);
    Arc::new(Schema::new(vec![
        Field::new("id", id.clone(), true),
        number("score"),
        number("raw"),
        text("tier"),
        text("grade"),
        text("label"),
        number("probability"),
        text("fingerprint"),
        text("warnings"),
        Field::new("contributions", DataType::List(contribution_item()), true),
        text("card"),
        text("error"),
    ]))
}

/// Contributions of every row so far, as the columns of one struct array.
#[derive(Default)]
struct Contributions {
    /// Contributions so far: where the next row's list starts.
    count: usize,
    offsets: Vec<i32>,
    valid: Vec<bool>,
    rule: StringBuilder,
    group: StringBuilder,
    kind: StringBuilder,
    points: Float64Builder,
    reason: StringBuilder,
    events: UInt32Builder,
    decayed: Float64Builder,
    capped: Float64Builder,
    last_activity_at: TimestampMillisecondBuilder,
}

impl Contributions {
    fn push(&mut self, card: Option<&ScoreCard<'_>>) {
        for c in card.map_or(&[][..], |card| &card.contributions) {
            self.count += 1;
            self.rule.append_value(c.rule.as_ref());
            self.group.append_value(c.group);
            self.kind.append_value(kind(c.kind));
            self.points.append_value(c.points);
            self.reason.append_value(c.reason.as_ref());
            self.events.append_option(c.events);
            self.decayed.append_option(c.decayed);
            self.capped.append_option(c.capped);
            self.last_activity_at.append_option(c.last_activity_at);
        }
        let end = i32::try_from(self.count).unwrap_or(i32::MAX);
        self.offsets.push(end);
        self.valid.push(card.is_some());
    }

    fn finish(mut self) -> Result<ArrayRef, BatchError> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.rule.finish()),
            Arc::new(self.group.finish()),
            Arc::new(self.kind.finish()),
            Arc::new(self.points.finish()),
            Arc::new(self.reason.finish()),
            Arc::new(self.events.finish()),
            Arc::new(self.decayed.finish()),
            Arc::new(self.capped.finish()),
            Arc::new(self.last_activity_at.finish().with_timezone("UTC")),
        ];
        let structs = StructArray::try_new(contribution_fields(), columns, None).map_err(BatchError::Output)?;
        let mut offsets = Vec::with_capacity(self.offsets.len() + 1);
        offsets.push(0);
        offsets.append(&mut self.offsets);
        let list = ListArray::try_new(
            contribution_item(),
            OffsetBuffer::new(ScalarBuffer::from(offsets)),
            Arc::new(structs),
            Some(NullBuffer::from(self.valid)),
        )
        .map_err(BatchError::Output)?;
        Ok(Arc::new(list))
    }
}

/// A contribution's kind as the card's JSON names it (serde's names: one list of kinds, the card's).
fn kind(k: ContributionKind) -> String {
    match serde_json::to_value(k) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// The results, row by row.
pub(super) struct Results {
    explain: bool,
    score: Float64Builder,
    raw: Float64Builder,
    tier: StringBuilder,
    grade: StringBuilder,
    label: StringBuilder,
    probability: Sparse<Float64Builder>,
    fingerprint: StringBuilder,
    warnings: Sparse<StringBuilder>,
    contributions: Contributions,
    card: Sparse<StringBuilder>,
    error: Sparse<StringBuilder>,
}

/// A column that is null in most rows (warnings, the card with the explanation off, the error,
/// the probability of a model without calibration): its nulls are appended a run at a time, one
/// call per run rather than one per row (a null appended alone costs a bitmap write and a value).
struct Sparse<B> {
    builder: B,
    /// Nulls not appended yet, after every row in `builder`.
    nulls: usize,
}

/// A builder that appends a run of nulls in one call.
trait Nulls: ArrayBuilder {
    fn append_nulls(&mut self, n: usize);
}

impl Nulls for StringBuilder {
    fn append_nulls(&mut self, n: usize) {
        StringBuilder::append_nulls(self, n);
    }
}

impl Nulls for Float64Builder {
    fn append_nulls(&mut self, n: usize) {
        Float64Builder::append_nulls(self, n);
    }
}

impl<B: Nulls> Sparse<B> {
    fn append_null(&mut self) {
        self.nulls += 1;
    }

    /// The builder, with every null so far appended: for the next value.
    fn flushed(&mut self) -> &mut B {
        if self.nulls > 0 {
            self.builder.append_nulls(self.nulls);
            self.nulls = 0;
        }
        &mut self.builder
    }

    fn finish(&mut self) -> ArrayRef {
        self.flushed().finish()
    }
}

impl Sparse<StringBuilder> {
    fn text(rows: usize) -> Self {
        Sparse { builder: StringBuilder::with_capacity(rows, rows * 8), nulls: 0 }
    }

    fn append_value(&mut self, value: impl AsRef<str>) {
        self.flushed().append_value(value);
    }
}

impl Sparse<Float64Builder> {
    fn number(rows: usize) -> Self {
        Sparse { builder: Float64Builder::with_capacity(rows), nulls: 0 }
    }

    fn append_option(&mut self, value: Option<f64>) {
        match value {
            Some(v) => self.flushed().append_value(v),
            None => self.append_null(),
        }
    }
}

impl Results {
    pub(super) fn new(rows: usize, explain: bool) -> Results {
        let text = || StringBuilder::with_capacity(rows, rows * 8);
        let number = || Float64Builder::with_capacity(rows);
        Results {
            explain,
            score: number(),
            raw: number(),
            tier: text(),
            grade: text(),
            label: text(),
            probability: Sparse::number(rows),
            fingerprint: StringBuilder::with_capacity(rows, rows * 72),
            warnings: Sparse::text(rows),
            contributions: Contributions::default(),
            card: Sparse::text(rows),
            error: Sparse::text(rows),
        }
    }

    /// Appends one lead's card, or its error.
    pub(super) fn push(&mut self, card: Result<ScoreCard<'_>, LeadError>) {
        match card {
            Ok(card) => {
                self.score.append_value(card.score);
                self.raw.append_value(card.raw);
                self.tier.append_option(card.tier.as_ref().map(|t| t.name));
                self.grade.append_option(card.grade);
                self.label.append_option(card.label);
                self.probability.append_option(card.probability);
                self.fingerprint.append_value(card.fingerprint);
                if card.warnings.is_empty() {
                    self.warnings.append_null();
                } else {
                    self.warnings.append_value(crate::json::to_string(&card.warnings).unwrap_or_default());
                }
                if self.explain {
                    self.contributions.push(Some(&card));
                    self.card.append_value(card.to_json());
                } else {
                    self.contributions.push(None);
                    self.card.append_null();
                }
                self.error.append_null();
            }
            Err(e) => {
                self.score.append_null();
                self.raw.append_null();
                self.tier.append_null();
                self.grade.append_null();
                self.label.append_null();
                self.probability.append_null();
                self.fingerprint.append_null();
                self.warnings.append_null();
                self.contributions.push(None);
                self.card.append_null();
                self.error.append_value(crate::json::to_string(&e).unwrap_or_default());
            }
        }
    }

    /// Appends one lead's verdict (its explanation off and no warnings).
    pub(super) fn push_verdict(&mut self, v: &Verdict<'_>, fingerprint: &str) {
        self.score.append_value(v.score);
        self.raw.append_value(v.raw);
        self.tier.append_option(v.tier.as_ref().map(|t| t.name));
        self.grade.append_option(v.grade);
        self.label.append_option(v.label);
        self.probability.append_option(v.probability);
        self.fingerprint.append_value(fingerprint);
        self.warnings.append_null();
        self.contributions.push(None);
        self.card.append_null();
        self.error.append_null();
    }

    /// The results batch, with `id` as its first column.
    pub(super) fn finish(mut self, id: ArrayRef) -> Result<RecordBatch, BatchError> {
        let schema = result_schema(id.data_type());
        let columns: Vec<ArrayRef> = vec![
            id,
            Arc::new(self.score.finish()),
            Arc::new(self.raw.finish()),
            Arc::new(self.tier.finish()),
            Arc::new(self.grade.finish()),
            Arc::new(self.label.finish()),
            self.probability.finish(),
            Arc::new(self.fingerprint.finish()),
            self.warnings.finish(),
            self.contributions.finish()?,
            self.card.finish(),
            self.error.finish(),
        ];
        RecordBatch::try_new(schema, columns).map_err(BatchError::Output)
    }
}
