//! What a caller says about a batch: the time to score it as of, whether to explain, and the
//! names of the id and events columns.

use crate::time::Millis;

/// How to read a batch and what to write back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrowOptions {
    /// The time leads are scored as of: always given, never a clock.
    pub as_of: Millis,
    /// Write the explanation (`contributions` and the card's JSON text in `card`); off, both are
    /// null and scoring skips writing them.
    pub explain: bool,
    /// The column holding lead ids; its values are the lead's `id` field.
    pub id_column: String,
    /// The column holding events.
    pub events_column: String,
}

impl ArrowOptions {
    /// Options with the usual column names (`id`, `events`) and no explanation.
    pub fn new(as_of: Millis) -> ArrowOptions {
        ArrowOptions { as_of, explain: false, id_column: "id".into(), events_column: "events".into() }
    }
}
