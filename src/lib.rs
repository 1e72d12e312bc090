//! # leadscore
//!
//! A B2B lead-scoring engine: one JSON model (fit + engagement − negative signals, decay, caps, tiers,
//! grades, calibration) gives the same, fully explained score natively and in WebAssembly.
//!
//! ```
//! use leadscore::{time, Scorer};
//!
//! let scorer = Scorer::default_model();
//! let as_of = time::parse_rfc3339("2026-11-23T12:00:00Z").unwrap();
//! let card = scorer
//!     .score_json(
//!         r#"{"email": "dana@acme.io", "title": "VP, Sales",
//!             "company": {"employees": 450, "industry": "Software"},
//!             "events": [{"type": "demo_request", "at": "2026-11-20T09:00:00Z"}]}"#,
//!         as_of,
//!     )
//!     .unwrap();
//! assert_eq!(card.tier.as_ref().unwrap().name, "hot");
//! // Every point is explained, and the explanations add up exactly.
//! let total: f64 = card.contributions.iter().map(|c| c.points).sum();
//! assert_eq!(total, card.raw);
//! ```
//!
//! The core reads no clock and does no I/O: `asOf` is an input. Same model + lead + `asOf` = the same
//! bits on every target. See `docs/model.md` for the model format.

#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used)]
#![cfg_attr(test, allow(clippy::indexing_slicing))]

pub mod account;
pub mod api;
#[cfg(feature = "arrow")]
pub mod arrow;
pub mod engine;
pub mod enrich;
pub mod error;
pub mod evaluate;
pub mod json;
pub mod model;
pub mod predict;
mod short_key;
pub mod signals;
mod text;
pub mod time;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::{
    Contribution, ContributionKind, Event, GroupTotal, Lead, ScoreCard, ScoreSummary, Scorer, TierResult, Warning,
};
pub use error::{Code, Issue, LeadError, ModelError};
pub use model::Model;

/// The README's Rust example, compiled and run as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
