//! Arrow batch scoring (feature `arrow`): a [`RecordBatch`] of leads in, a [`RecordBatch`] of results
//! out, one row per lead in the same order.
//!
//! Why: the engines that hold leads at scale (Spark, BigQuery, DuckDB, pandas through pyarrow) hand
//! data out as Arrow record batches. Reading leads from columns skips JSON text entirely, which is
//! most of the cost of the text path, and lets `leadscore.spark` run the engine inside Spark's
//! executors with `mapInArrow`.
//!
//! Input ([`schema`] checks it once, before any row): an id column (`id` unless
//! [`ArrowOptions::id_column`] says otherwise; string or integer), lead fields as columns (a dotted
//! name such as `company.employees`, or a struct column `company` with a member `employees`; any of
//! Arrow's string, integer, float, decimal, boolean, date and timestamp types; lists of them), and
//! an events column (`events` unless renamed) of type `list<struct<type, at, ...>>`, where `at` is a
//! timestamp of any unit and zone, epoch milliseconds as an integer, or RFC 3339 text. A null is a
//! missing value, everywhere. Each row becomes the same lead the JSON readers build, and passes the
//! same limits, missing-text list and wrong-type policy, so a card equals the JSON path's card for
//! the same lead, and a bad row gets the JSON path's error in its `error` column.
//!
//! Output: see [`result_schema`].
//!
//! Two ways through a batch, one answer. With `explain` on, each row becomes a parsed lead
//! ([`read`]) and gets the full card. With `explain` off, the rows are read in place
//! ([`in_place`]: a field from its column when a rule asks for it, text borrowed from the batch,
//! event types and times, titles and email domains read once per batch, each rule that reads one
//! attribute decided for every row in one pass down its column: [`decided`]) and the engine computes
//! only the verdict (`Scorer::summarize`: the same rules, caps and tiers, without contributions);
//! a row it cannot decide exactly as the card would (one the card would warn about or refuse) is
//! parsed and scored the first way, and so is every row of a batch that holds something only a
//! parsed lead's checks decide (a text over `input.maxStringBytes`, two columns naming one field,
//! an event member with a dot in its name, a list of lists, more than 4,096 event types).

mod cell;
mod decided;
mod distinct;
mod event_table;
mod in_place;
mod options;
mod read;
mod schema;
#[cfg(test)]
mod tests;
mod write;

pub use options::ArrowOptions;
pub use schema::BatchError;
pub use write::result_schema;

use crate::engine::LeadView;
use crate::Scorer;
use arrow_array::RecordBatch;
use in_place::InPlace;

/// Scores every row of `batch`. A schema the reader cannot take (no id column, events not a list of
/// structs, a column of a type with no JSON meaning) is one error before any row is read; a problem
/// with one lead is that row's `error`, and the other rows are scored.
pub fn score_batch(scorer: &Scorer, batch: &RecordBatch, options: &ArrowOptions) -> Result<RecordBatch, BatchError> {
    let plan = schema::plan(batch, options)?;
    let policy = &scorer.model().input;
    let mut out = write::Results::new(batch.num_rows(), options.explain);
    // With the explanation off, rows are read in place and only the verdict is computed; a row the
    // verdict cannot be given for exactly (one the card would warn about) is scored the usual way.
    let in_place = (!options.explain && scorer.summarizes()).then(|| InPlace::bind(&plan, scorer)).flatten();
    for row in 0..batch.num_rows() {
        if let Some(columns) = &in_place {
            let view = columns.row(row);
            if view.event_count() <= policy.max_events {
                if let Some(verdict) = scorer.summarize(&view, options.as_of) {
                    out.push_verdict(&verdict, scorer.fingerprint());
                    continue;
                }
            }
        }
        let card = read::lead(&plan, row, policy).and_then(|lead| scorer.score(&lead, options.as_of));
        out.push(card);
    }
    out.finish(plan.id.clone())
}
