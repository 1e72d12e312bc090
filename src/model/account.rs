//! The model's `account` section: how an account (a company and the contacts at it) is scored.
//!
//! One document holds the lead rules and the account rules, so one fingerprint names both: a card
//! from the browser and one from the nightly account rescoring can be checked against the same model.
//! The account's own scoring (fit rules on its fields, product events of its workspace, groups,
//! scale, tiers, grades) has exactly the lead grammar; the rest are the parts only accounts have:
//! the contacts' roll-up, breadth, the buying group, intent, lead x account routing and lifecycle
//! stages. `docs/model.md` documents every field.

use super::types::{Condition, Grades, Group, Rule, Scale, Tier};
use serde::Serialize;
use std::collections::BTreeMap;

/// The `account` section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountSection {
    /// The account's point groups (caps and floors as for leads).
    pub groups: BTreeMap<String, Group>,
    /// Rules on the account's own fields and events (fit, product usage), in the lead rules' grammar.
    pub rules: Vec<Rule>,
    /// The account score's scale.
    pub scale: Scale,
    /// Account tiers, hottest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    /// Account grades.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grades: Option<Grades>,
    /// How the contacts' scores roll up into the account's.
    pub rollup: Rollup,
    /// Points for the number of engaged contacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breadth: Option<Breadth>,
    /// Buying-group roles and completeness.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buying_group: Option<BuyingGroup>,
    /// Third-party intent signals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intent: Option<Intent>,
    /// Lead x account routing and the hot-account boost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing: Option<Routing>,
    /// Lifecycle stages of the contacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Lifecycle>,
    /// How contacts are matched to accounts when the caller does not group them.
    pub matching: Matching,
    /// Input limits per account.
    pub limits: AccountLimits,
}

/// How contacts' scores combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RollupPolicy {
    /// The mean of the best `k` engaged contacts (of all of them when fewer): large accounts are not
    /// inflated (as by a sum) and passive contacts do not dilute (as by a mean of all).
    TopKMean,
    /// The sum of the engaged contacts' scores, capped at `cap`.
    CappedSum,
    /// The best engaged contact.
    Max,
}

/// The `rollup` part.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rollup {
    /// The account group the roll-up's points count towards.
    pub group: String,
    /// How contacts combine.
    pub policy: RollupPolicy,
    /// Contacts the `topKMean` policy averages.
    pub k: u32,
    /// Points per point of rolled-up score (two decimals after the product).
    pub weight: f64,
    /// The most one contact's score counts for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_contact_cap: Option<f64>,
    /// `cappedSum`: the most the sum counts for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<f64>,
    /// A contact is engaged (counts in the roll-up, breadth and buying group) at this score or more.
    pub engaged_min: f64,
}

/// The `breadth` part.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Breadth {
    /// The account group.
    pub group: String,
    /// Steps, fewest contacts first, points never falling: the highest step reached counts.
    pub steps: Vec<BreadthStep>,
}

/// One breadth step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BreadthStep {
    /// Engaged contacts needed.
    pub contacts: u32,
    /// Points at this step.
    pub points: f64,
}

/// The `buyingGroup` part.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuyingGroup {
    /// The account group.
    pub group: String,
    /// Points at 100% completeness (scaled by the completeness, two decimals).
    pub completeness_points: f64,
    /// The roles, in the order cards list them.
    pub roles: Vec<Role>,
}

/// One buying-group role.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    /// Id, e.g. `decisionMaker`.
    pub id: String,
    /// Words for people, e.g. "Decision maker".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Which contacts hold the role: a condition on the contact (an explicit role field, or
    /// `title.seniority` / `title.department`).
    pub when: Condition,
    /// Engaged contacts the role needs (0: optional, scored but not in completeness).
    pub required: u32,
    /// The role's share of completeness, relative to the other roles.
    pub weight: f64,
    /// Points when the role is filled (as many engaged contacts as required, at least one).
    pub points: f64,
}

/// The `intent` part.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Intent {
    /// The account group.
    pub group: String,
    /// Points of one surging topic of weight 1, before decay.
    pub points: f64,
    /// A score (on the common 0-100 scale) at or above this is a surge.
    pub surge: f64,
    /// A signal's points halve every this many days after the end of its week.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub half_life_days: Option<f64>,
    /// Signals older than this count for nothing.
    pub max_age_days: f64,
    /// The feed is stale when its latest signal is older than this.
    pub stale_days: f64,
    /// Topic weights by lower-cased topic; empty: every topic at weight 1.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub topics: BTreeMap<String, f64>,
    /// Provider scales and thresholds by lower-cased provider name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub providers: BTreeMap<String, Provider>,
}

/// One intent provider's scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    /// Piecewise-linear map from the provider's score to 0-100, as `[from, to]` points in rising
    /// `from` order (empty: the provider already scores 0-100).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scale: Vec<[f64; 2]>,
    /// The provider's own surge threshold on the common scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surge: Option<f64>,
}

/// The `routing` part.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Routing {
    /// The first entry that matches a contact's (lead tier, account tier) routes it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matrix: Vec<Route>,
    /// Points added to contacts of hot accounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boost: Option<Boost>,
}

/// One routing-matrix entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Route {
    /// Lead tiers it applies to (empty: any, including none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<String>,
    /// Account tiers it applies to (empty: any, including none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub account: Vec<String>,
    /// The action.
    pub action: String,
    /// Follow-up service level in hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla_hours: Option<f64>,
}

/// The hot-account boost.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Boost {
    /// Account tiers that boost their contacts.
    pub account_tiers: Vec<String>,
    /// The lead group the points count towards (its cap applies).
    pub group: String,
    /// Points added.
    pub points: f64,
    /// The contribution's reason.
    pub reason: String,
}

/// The `lifecycle` part.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lifecycle {
    /// The contact field holding the previous stage's id.
    pub field: String,
    /// The contact field holding when the previous stage was entered.
    pub since_field: String,
    /// Stages, earliest first.
    pub stages: Vec<Stage>,
}

/// One lifecycle stage and its entry conditions (all must hold).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    /// Id, e.g. `mql`.
    pub id: String,
    /// Words for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Entered by a person only: suggested when its conditions hold, never entered by the engine.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub manual: bool,
    /// Entered only from this stage or a later one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Conditions on the contact's card.
    #[serde(flatten)]
    pub lead: CardGate,
    /// A condition on the contact's fields (product signals, form answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// Conditions on the account's card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<CardGate>,
    /// When a contact in this stage goes back to an earlier one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recycle: Option<Recycle>,
}

/// Conditions on a card (a contact's or an account's): all given ones must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CardGate {
    /// The score at least this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f64>,
    /// The tier one of these.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<String>,
    /// The grade one of these.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<String>,
    /// Group totals at least these.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, f64>,
}

impl CardGate {
    /// Whether no condition is given.
    pub fn is_empty(&self) -> bool {
        self.min_score.is_none() && self.tiers.is_empty() && self.grades.is_empty() && self.groups.is_empty()
    }
}

/// A recycle rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recycle {
    /// Days in the stage before it can recycle.
    pub after_days: f64,
    /// The stage it goes back to (an earlier one).
    pub to: String,
    /// Recycle when the score is below this; without it, when the stage's own conditions no longer hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub below_score: Option<f64>,
}

/// What happens to a contact naming several accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SeveralAccounts {
    /// The first account named.
    First,
    /// Every account named.
    All,
    /// None of them (the contact is unmatched, with a note).
    None,
}

/// What happens to a domain that two or more accounts claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SharedDomain {
    /// Contacts of the domain are unmatched (with a note): a guess would mix two companies.
    None,
    /// The account with the lowest id (a stable choice whatever the file order).
    LowestId,
    /// Every account claiming it.
    All,
}

/// The `matching` part.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Matching {
    /// The contact field with its account id (a text, a number, or an array of them).
    pub account_field: String,
    /// The account fields holding its domains (a domain, a URL, or an array of them).
    pub domain_fields: Vec<String>,
    /// A contact naming several accounts.
    pub several_accounts: SeveralAccounts,
    /// A domain several accounts claim.
    pub shared_domain: SharedDomain,
}

impl Default for Matching {
    fn default() -> Self {
        Matching {
            account_field: "accountId".into(),
            domain_fields: vec!["domain".into()],
            several_accounts: SeveralAccounts::First,
            shared_domain: SharedDomain::None,
        }
    }
}

/// The `limits` part: refused beyond, with a clear error.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountLimits {
    /// Most contacts one account may carry.
    pub max_contacts: usize,
    /// Most intent signals one account may carry.
    pub max_intent_signals: usize,
}

/// Default of [`AccountLimits::max_contacts`].
pub const DEFAULT_MAX_CONTACTS: usize = 5_000;
/// Default of [`AccountLimits::max_intent_signals`].
pub const DEFAULT_MAX_INTENT_SIGNALS: usize = 1_000;

impl Default for AccountLimits {
    fn default() -> Self {
        AccountLimits { max_contacts: DEFAULT_MAX_CONTACTS, max_intent_signals: DEFAULT_MAX_INTENT_SIGNALS }
    }
}
