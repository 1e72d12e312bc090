//! Accounts: a company and the contacts at it, scored with the model's `account` section.
//!
//! An account's score combines its own fit rules and product events (the lead grammar), the
//! contacts' roll-up, breadth, buying-group roles and completeness, and intent surges, each a
//! contribution that adds up exactly to the account's raw points. Each contact's card gains the
//! account's summary, its route (lead x account matrix) and its lifecycle stage. `matching`
//! groups contacts under accounts when the caller has not (account id, then email domain).

mod buying_group;
mod card;
mod input;
mod intent;
mod lifecycle;
pub mod matching;
mod members;
mod rollup;
mod route;
mod score;

pub use buying_group::{BuyingGroupReport, RoleReport};
pub use card::{AccountCard, AccountResult, AccountSummary, ContactCard};
pub use input::{AccountInput, IntentSignal};
pub use intent::{FeedStatus, IntentReport, SignalStatus, SignalUse};
pub use lifecycle::StageResult;
pub use rollup::{ContactsReport, CountedContact};
pub use route::RouteResult;
pub use score::BOOST_RULE;
