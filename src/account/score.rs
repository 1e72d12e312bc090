//! `Scorer::score_account`: one account and its contacts, scored as of a time.
//!
//! Order of work: each contact's lead card (and its contact checks: roles, stage conditions) ->
//! roll-up, breadth, buying group, intent -> the account's own rules with those as extra
//! contributions, then caps, scale, tier and grade as for a lead -> each contact's boost (a hot
//! account's), route and stage. The account's card depends only on the model, its input and
//! `asOf`: never on other accounts (no rescaling across a tenant) or on the contacts' order.

use super::buying_group;
use super::card::{AccountCard, AccountResult, AccountSummary, ContactCard};
use super::input::{within, AccountInput};
use super::intent;
use super::lifecycle::{self, Facts};
use super::members::{centi, Member};
use super::rollup;
use super::route::route;
use crate::engine::{ContributionKind, Extra, Lead, ScoreCard, Scorer};
use crate::error::{Code, LeadError};
use crate::model::AccountSection;
use crate::time::Millis;
use std::borrow::Cow;

/// The rule id of the hot-account boost on a contact's card.
pub const BOOST_RULE: &str = "account:boost";

impl Scorer {
    /// Scores an account input given as JSON text (`{"account": {...}, "contacts": [...]}`).
    pub fn score_account_json(&self, text: &str, as_of: Millis) -> Result<AccountResult<'_>, LeadError> {
        let input = AccountInput::from_json(text, self.model())?;
        self.score_account(&input, as_of)
    }

    /// Scores an account input given as a JSON value.
    pub fn score_account_value(&self, value: serde_json::Value, as_of: Millis) -> Result<AccountResult<'_>, LeadError> {
        let input = AccountInput::parse(value, self.model())?;
        self.score_account(&input, as_of)
    }

    /// Scores an account and its contacts as of `as_of`.
    pub fn score_account(&self, input: &AccountInput, as_of: Millis) -> Result<AccountResult<'_>, LeadError> {
        let (Some(section), Some(scorers)) = (self.model().account.as_deref(), self.account_scorers()) else {
            return Err(LeadError::new(
                "",
                Code::InvalidValue,
                "the model has no \"account\" section: add one to score accounts (docs/model.md, section \"account\")",
            ));
        };
        let mut cards = Vec::with_capacity(input.contacts.len());
        let mut members = Vec::with_capacity(input.contacts.len());
        for (i, contact) in input.contacts.iter().enumerate() {
            let card = self.score(contact, as_of).map_err(|e| within(&format!("contacts[{i}]"), e))?;
            let checks = scorers.contacts.score(contact, as_of).map_err(|e| within(&format!("contacts[{i}]"), e))?;
            members.push(Member {
                id: contact_id(contact, i),
                score: card.score,
                engaged: card.score >= section.rollup.engaged_min,
                checks: checks.contributions.iter().map(|c| c.rule.to_string()).collect(),
            });
            cards.push(card);
        }
        let (contacts_report, extras, buying, intent) = self.account_extras(section, &members, input, as_of);
        let mut account_card =
            scorers.account.score_with(&input.account, as_of, extras).map_err(|e| within("account", e))?;
        // The account card covers the whole input: its warnings say where in it.
        account_card.warnings =
            std::mem::take(&mut account_card.warnings).into_iter().map(|w| within("account", w)).collect();
        let account_tier = account_card.tier.as_ref().map(|t| t.name);
        let missing_roles = buying.as_ref().map(|b| b.missing.clone()).unwrap_or_default();
        let summary = AccountSummary {
            id: account_card.lead_id.clone(),
            score: account_card.score,
            tier: account_tier,
            grade: account_card.grade,
            missing_roles,
        };
        let routing = section.routing.as_ref();
        let boost = routing
            .and_then(|r| r.boost.as_ref())
            .filter(|b| account_tier.is_some_and(|t| b.account_tiers.iter().any(|n| n == t)));
        let mut contacts = Vec::with_capacity(cards.len());
        for ((contact, card), member) in input.contacts.iter().zip(cards).zip(&members) {
            let card = match boost {
                Some(b) => {
                    let extra = Extra {
                        group: &b.group,
                        kind: ContributionKind::AccountBoost,
                        rule: Cow::Borrowed(BOOST_RULE),
                        reason: Cow::Borrowed(&b.reason),
                        points_c: centi(b.points),
                    };
                    self.with_extras(card, vec![extra])
                }
                None => card,
            };
            let route = route(routing, card.tier.as_ref(), account_tier);
            let stage = section.lifecycle.as_ref().map(|spec| {
                let when = |id: &str| member.passes(crate::engine::STAGE_CHECK, id);
                let facts = Facts { card: &card, account: &account_card, when: &when };
                lifecycle::stage(spec, contact, &facts, as_of)
            });
            contacts.push(ContactCard { card, account: summary.clone(), route, stage });
        }
        Ok(AccountResult { account: into_account_card(account_card, contacts_report, buying, intent), contacts })
    }

    /// The account's points from its contacts and intent, as extra contributions.
    #[allow(clippy::type_complexity)]
    fn account_extras<'s>(
        &'s self,
        section: &'s AccountSection,
        members: &[Member],
        input: &AccountInput,
        as_of: Millis,
    ) -> (rollup::ContactsReport, Vec<Extra<'s>>, Option<buying_group::BuyingGroupReport>, Option<intent::IntentReport>)
    {
        let mut extras = Vec::new();
        let extra = |group: &'s str, kind, rule: String, reason: String, points_c| Extra {
            group,
            kind,
            rule: Cow::Owned(rule),
            reason: Cow::Owned(reason),
            points_c,
        };
        let (report, points_c, reason) = rollup::rollup(&section.rollup, members);
        extras.push(extra(&section.rollup.group, ContributionKind::Rollup, "rollup".into(), reason, points_c));
        if let Some(spec) = &section.breadth {
            let (points_c, reason) = rollup::breadth(spec, report.engaged);
            extras.push(extra(&spec.group, ContributionKind::Breadth, "breadth".into(), reason, points_c));
        }
        let buying = section.buying_group.as_ref().map(|spec| {
            let (report, points) = buying_group::assess(spec, members);
            for p in points {
                let kind = if p.completeness { ContributionKind::Completeness } else { ContributionKind::Role };
                extras.push(extra(&spec.group, kind, p.rule, p.reason, p.points_c));
            }
            report
        });
        let intent = section.intent.as_ref().map(|spec| {
            let (report, points) = intent::assess(spec, &input.intent, as_of);
            for p in points {
                extras.push(extra(&spec.group, ContributionKind::Intent, p.rule, p.reason, p.points_c));
            }
            report
        });
        (report, extras, buying, intent)
    }
}

/// How cards name a contact: its `id`, else its email, else its place in the input.
fn contact_id(contact: &Lead, index: usize) -> String {
    match contact.attr("id") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(serde_json::Value::Number(n)) => n.as_f64().map_or_else(|| n.to_string(), crate::json::number),
        _ => match contact.attr("email") {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_lowercase(),
            _ => format!("contacts[{index}]"),
        },
    }
}

fn into_account_card<'s>(
    card: ScoreCard<'s>,
    contacts: rollup::ContactsReport,
    buying_group: Option<buying_group::BuyingGroupReport>,
    intent: Option<intent::IntentReport>,
) -> AccountCard<'s> {
    AccountCard {
        account_id: card.lead_id,
        model_id: card.model_id,
        model_version: card.model_version,
        fingerprint: card.fingerprint,
        as_of: card.as_of,
        score: card.score,
        raw: card.raw,
        tier: card.tier,
        grade: card.grade,
        label: card.label,
        groups: Some(card.groups),
        contributions: Some(card.contributions),
        contacts,
        buying_group,
        intent,
        warnings: card.warnings,
    }
}
