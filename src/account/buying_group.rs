//! Buying-group roles and completeness.
//!
//! A role is filled by engaged contacts whose condition holds (an explicit role field, or the
//! title's seniority and department). Completeness is the weighted mean, over the roles that are
//! required, of filled / required (capped at 1): what share of the committee a seller is talking to.
//! Only engaged contacts fill roles, so a CFO who never opened an email does not count.

use super::members::{centi, show, Member};
use crate::engine::ROLE_CHECK;
use crate::model::BuyingGroup;
use serde::Serialize;

/// The card's buying-group report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuyingGroupReport {
    /// 0 to 1, four decimals.
    pub completeness: f64,
    /// Every role, in model order.
    pub roles: Vec<RoleReport>,
    /// Ids of the required roles not filled.
    pub missing: Vec<String>,
}

/// One role on the card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleReport {
    /// Role id.
    pub id: String,
    /// Its words, if the model gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Engaged contacts it needs.
    pub required: u32,
    /// Engaged contacts in it.
    pub filled: u32,
    /// Their ids, sorted.
    pub contacts: Vec<String>,
}

/// One contribution of the buying group: a role's or completeness's.
pub struct GroupPoints {
    pub rule: String,
    pub reason: String,
    pub points_c: i64,
    pub completeness: bool,
}

/// The report and the contributions (each role, then completeness).
pub fn assess(spec: &BuyingGroup, members: &[Member]) -> (BuyingGroupReport, Vec<GroupPoints>) {
    let mut roles = Vec::with_capacity(spec.roles.len());
    let mut points = Vec::with_capacity(spec.roles.len() + 1);
    let (mut weighted, mut weights) = (0.0, 0.0);
    let mut missing = Vec::new();
    let (mut required_roles, mut filled_roles) = (0, 0);
    for role in &spec.roles {
        let mut ids: Vec<String> =
            members.iter().filter(|m| m.engaged && m.passes(ROLE_CHECK, &role.id)).map(|m| m.id.clone()).collect();
        ids.sort_unstable();
        let filled = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        let full = filled >= role.required.max(1);
        let name = role.label.clone().unwrap_or_else(|| role.id.clone());
        if role.required > 0 {
            required_roles += 1;
            weights += role.weight;
            weighted += role.weight * (f64::from(filled.min(role.required)) / f64::from(role.required));
            if filled >= role.required {
                filled_roles += 1;
            } else {
                missing.push(role.id.clone());
            }
        }
        let reason = match (full, role.required) {
            (true, 0) => format!("{name} (optional) filled by {}", ids.join(", ")),
            (true, required) => format!("{name} filled ({filled} of {required} needed): {}", ids.join(", ")),
            (false, 0) => format!("{name} (optional) not filled"),
            (false, required) if filled == 0 => format!("{name} 0/{required} missing"),
            (false, required) => {
                format!("{name} {filled}/{required}, short of {}: {}", required - filled, ids.join(", "))
            }
        };
        points.push(GroupPoints {
            rule: format!("{ROLE_CHECK}{}", role.id),
            reason,
            points_c: if full { centi(role.points) } else { 0 },
            completeness: false,
        });
        roles.push(RoleReport {
            id: role.id.clone(),
            label: role.label.clone(),
            required: role.required,
            filled,
            contacts: ids,
        });
    }
    let completeness = if weights > 0.0 { ((weighted / weights) * 10_000.0).round() / 10_000.0 } else { 0.0 };
    if required_roles > 0 {
        points.push(GroupPoints {
            rule: "buyingGroup:completeness".into(),
            reason: format!(
                "Buying group {}% complete ({filled_roles} of {required_roles} required roles filled) × {} points",
                show((completeness * 10_000.0).round() / 100.0),
                show(spec.completeness_points)
            ),
            points_c: centi(spec.completeness_points * completeness),
            completeness: true,
        });
    }
    (BuyingGroupReport { completeness, roles, missing }, points)
}
