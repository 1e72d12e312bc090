//! What scoring an account returns: the account's card and each contact's card with its account
//! summary, route and stage. Written as JSON by [`crate::json`], so the text is the same from Rust,
//! the CLI, the JS API, the edge worker and the extension.

use super::buying_group::BuyingGroupReport;
use super::intent::IntentReport;
use super::lifecycle::StageResult;
use super::rollup::ContactsReport;
use super::route::RouteResult;
use crate::engine::{serialize_rfc3339, Contribution, GroupTotal, ScoreCard, TierResult, Warning};
use crate::time::Millis;
use serde::Serialize;

/// The account's card. Its contributions add up exactly to `raw` (integer hundredths, as a lead's).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountCard<'s> {
    /// The account's `id`, echoed when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<serde_json::Value>,
    /// Model id.
    pub model_id: &'s str,
    /// Model version.
    pub model_version: &'s str,
    /// The whole model's fingerprint (lead and account rules).
    pub fingerprint: &'s str,
    /// The time scored as of.
    #[serde(serialize_with = "serialize_rfc3339")]
    pub as_of: Millis,
    /// Score on the account scale.
    pub score: f64,
    /// Sum of the contributions.
    pub raw: f64,
    /// Account tier.
    pub tier: Option<TierResult<'s>>,
    /// Account grade.
    pub grade: Option<&'s str>,
    /// Grade and tier rank.
    pub label: Option<&'s str>,
    /// Per-group totals (explained cards only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupTotal<'s>>>,
    /// Every contribution: account rules, roll-up, breadth, roles, completeness, intent, caps
    /// (explained cards only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contributions: Option<Vec<Contribution<'s>>>,
    /// The contacts: how many, how many engaged, which the roll-up counted.
    pub contacts: ContactsReport,
    /// Roles filled and missing, and completeness.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buying_group: Option<BuyingGroupReport>,
    /// Intent signals and whether the feed is current.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intent: Option<IntentReport>,
    /// Tolerated problems with the account's data (its contacts' are on their cards).
    pub warnings: Vec<Warning>,
}

/// The account as a contact's card shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountSummary<'s> {
    /// The account's `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// Its score.
    pub score: f64,
    /// Its tier's name.
    pub tier: Option<&'s str>,
    /// Its grade.
    pub grade: Option<&'s str>,
    /// Required buying-group roles not filled.
    pub missing_roles: Vec<String>,
}

/// A contact's card: the lead card (with the account boost, if any) and what the account adds.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactCard<'s> {
    /// The lead card.
    pub card: ScoreCard<'s>,
    /// Its account.
    pub account: AccountSummary<'s>,
    /// Where it goes.
    pub route: Option<RouteResult<'s>>,
    /// Its lifecycle stage, for a model with a `lifecycle`.
    pub stage: Option<StageResult<'s>>,
}

/// The result of scoring one account.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountResult<'s> {
    /// The account's card.
    pub account: AccountCard<'s>,
    /// The contacts' cards, in input order.
    pub contacts: Vec<ContactCard<'s>>,
}

#[derive(Serialize)]
struct ContactView<'c, 's, C: Serialize> {
    #[serde(flatten)]
    card: C,
    account: &'c AccountSummary<'s>,
    route: &'c Option<RouteResult<'s>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: &'c Option<StageResult<'s>>,
}

#[derive(Serialize)]
struct ResultView<'c, 's, C: Serialize> {
    account: &'c AccountCard<'s>,
    contacts: Vec<ContactView<'c, 's, C>>,
}

impl<'s> AccountResult<'s> {
    /// The result as JSON text, byte for byte what the JS API's `JSON.stringify` writes. Without
    /// `explain`, the account card has no groups or contributions and the contacts' cards are
    /// summaries.
    pub fn to_json(&self, explain: bool) -> String {
        if explain {
            let contacts = self.contacts.iter().map(|c| c.view(&c.card)).collect();
            crate::json::to_string(&ResultView { account: &self.account, contacts }).unwrap_or_default()
        } else {
            let account = AccountCard { groups: None, contributions: None, ..self.account.clone() };
            let contacts = self.contacts.iter().map(|c| c.view(c.card.summary())).collect();
            crate::json::to_string(&ResultView { account: &account, contacts }).unwrap_or_default()
        }
    }
}

#[derive(Serialize)]
struct ExtrasView<'c, 's> {
    account: &'c AccountSummary<'s>,
    route: &'c Option<RouteResult<'s>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: &'c Option<StageResult<'s>>,
}

impl AccountResult<'_> {
    /// The account's card alone as JSON text (without groups and contributions unless `explain`).
    pub fn account_json(&self, explain: bool) -> String {
        if explain {
            crate::json::to_string(&self.account).unwrap_or_default()
        } else {
            let account = AccountCard { groups: None, contributions: None, ..self.account.clone() };
            crate::json::to_string(&account).unwrap_or_default()
        }
    }

    /// What the account adds to each contact's card (`account`, `route`, `stage`), as a JSON
    /// array in contact order: for front ends that build the lead cards themselves (the JS API
    /// builds them as `score` does, then adds these).
    pub fn contact_extras_json(&self) -> String {
        let extras: Vec<ExtrasView<'_, '_>> = self
            .contacts
            .iter()
            .map(|c| ExtrasView { account: &c.account, route: &c.route, stage: &c.stage })
            .collect();
        crate::json::to_string(&extras).unwrap_or_default()
    }
}

impl<'s> ContactCard<'s> {
    fn view<C: Serialize>(&self, card: C) -> ContactView<'_, 's, C> {
        ContactView { card, account: &self.account, route: &self.route, stage: &self.stage }
    }

    /// The contact's card as JSON text (see [`AccountResult::to_json`]).
    pub fn to_json(&self, explain: bool) -> String {
        if explain {
            crate::json::to_string(&self.view(&self.card)).unwrap_or_default()
        } else {
            crate::json::to_string(&self.view(self.card.summary())).unwrap_or_default()
        }
    }
}
