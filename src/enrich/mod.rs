//! Enrichment and data quality: vendor payloads merged into one value per field (with where each
//! value came from), the built-in normalizations, and the data-quality gates.
//!
//! The engine runs this for every lead of a model with an `enrichment` or `quality` section, so
//! every target (native, wasm, the CLI) reads the same merged fields. Nothing here knows about the
//! engine or the model document: the engine hands over a way to read the lead's attributes.

mod country_key;
mod merge;
mod normalize;
mod provenance;
mod quality;
mod types;

pub use merge::{merge, vendor_path, Candidate, CompiledEnrichment, Merge, Merged, Problem, Status, PAYLOADS};
pub use normalize::{Normal, Range};
pub use provenance::describe;
pub use quality::{assess, CompiledQuality, QualityReport};
pub use types::{Enrichment, FieldMerge, Normalize, Pick, Quality, RangeRule, LEAD_SOURCE};
