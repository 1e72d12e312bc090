//! Lead x account routing: the first matrix entry that matches a contact's (lead tier, account
//! tier) routes it (a warm lead at a hot account goes to the account executive); otherwise the lead
//! tier's own action and service level.

use crate::engine::TierResult;
use crate::model::Routing;
use serde::Serialize;

/// Where a contact goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteResult<'s> {
    /// The action.
    pub action: Option<&'s str>,
    /// Follow-up service level in hours.
    pub sla_hours: Option<f64>,
    /// `matrix` (an entry of `account.routing.matrix`) or `leadTier`.
    pub by: &'static str,
    /// The matrix entry's position, when `by` is `matrix`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<usize>,
}

/// The route of a contact with tier `lead` at an account with tier `account`.
pub fn route<'s>(
    spec: Option<&'s Routing>,
    lead: Option<&TierResult<'s>>,
    account: Option<&str>,
) -> Option<RouteResult<'s>> {
    let matches =
        |names: &[String], tier: Option<&str>| names.is_empty() || tier.is_some_and(|t| names.iter().any(|n| n == t));
    let lead_name = lead.map(|t| t.name);
    let found = spec.and_then(|r| {
        r.matrix.iter().enumerate().find(|(_, e)| matches(&e.lead, lead_name) && matches(&e.account, account))
    });
    match (found, lead) {
        (Some((i, e)), _) => {
            Some(RouteResult { action: Some(&e.action), sla_hours: e.sla_hours, by: "matrix", entry: Some(i) })
        }
        (None, Some(t)) => Some(RouteResult { action: t.action, sla_hours: t.sla_hours, by: "leadTier", entry: None }),
        (None, None) => None,
    }
}
