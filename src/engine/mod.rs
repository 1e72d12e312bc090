//! The scoring engine: compile a model into a [`Scorer`], then score leads into [`ScoreCard`]s.

mod account_models;
mod card;
mod compile;
mod enriched;
mod eval;
mod lead;
mod points;
mod score;
#[cfg(feature = "arrow")]
mod summary;

pub use account_models::{ROLE_CHECK, STAGE_CHECK};
pub(crate) use card::{serialize_opt_rfc3339, serialize_rfc3339};
pub use card::{Contribution, ContributionKind, GroupTotal, ScoreCard, ScoreSummary, TierResult, Warning};
pub(crate) use compile::parse_number;
pub use enriched::{EnrichedField, OtherValue};
pub use eval::is_present;
pub use lead::{Event, Lead, MAX_LEAD_DEPTH};
#[cfg(feature = "arrow")]
pub(crate) use lead::{EventPart, LeadParts};
pub use score::{AccountScorers, Extra, Scorer};
#[cfg(feature = "arrow")]
pub(crate) use {
    compile::FieldPath,
    eval::{Cells, EventFields, Fields, Items, Val, ViewEvent},
    score::{title_of, Verdict},
    summary::{ColumnRule, LeadView},
};
