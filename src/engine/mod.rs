//! The scoring engine: compile a model into a [`Scorer`], then score leads into [`ScoreCard`]s.

mod card;
mod compile;
mod enriched;
mod eval;
mod lead;
mod score;

pub use card::{Contribution, ContributionKind, GroupTotal, ScoreCard, ScoreSummary, TierResult, Warning};
pub(crate) use compile::parse_number;
pub use enriched::{EnrichedField, OtherValue};
pub use eval::is_present;
pub use lead::{Event, Lead, MAX_LEAD_DEPTH};
#[cfg(feature = "arrow")]
pub(crate) use lead::{EventPart, LeadParts};
pub use score::Scorer;
