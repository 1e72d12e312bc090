//! The two models an account section compiles into, beside the lead model: the account's own
//! (its fit rules, product events, groups, scale, tiers and grades, in the lead grammar, so the same
//! compiled engine scores them), and the contact checks (each buying-group role's and lifecycle
//! stage's condition on a contact, as a zero-point rule, so conditions on contacts read fields,
//! merged enrichment and derived signals exactly as lead rules do).

use crate::model::{Group, Model, Rule, RuleKind};
use std::collections::BTreeMap;

/// Rule id prefix of a role's check.
pub const ROLE_CHECK: &str = "role:";
/// Rule id prefix of a stage's check.
pub const STAGE_CHECK: &str = "stage:";

/// The account's own model and the contact checks' model, for a model with an account section.
pub fn account_models(model: &Model) -> Option<(Model, Model)> {
    let section = model.account.as_deref()?;
    let own = Model {
        groups: section.groups.clone(),
        rules: section.rules.clone(),
        scale: section.scale.clone(),
        tiers: section.tiers.clone(),
        grades: section.grades.clone(),
        ..bare(model)
    };
    let check = |id: String, when: &crate::model::Condition| Rule {
        id,
        group: CHECKS.into(),
        points: 0.0,
        reason: None,
        max: None,
        min: None,
        once: false,
        kind: RuleKind::When(when.clone()),
    };
    let roles =
        section.buying_group.iter().flat_map(|b| &b.roles).map(|r| check(format!("{ROLE_CHECK}{}", r.id), &r.when));
    let stages = section
        .lifecycle
        .iter()
        .flat_map(|l| &l.stages)
        .filter_map(|s| Some(check(format!("{STAGE_CHECK}{}", s.id), s.when.as_ref()?)));
    let checks = Model {
        groups: [(CHECKS.to_string(), Group::default())].into_iter().collect::<BTreeMap<_, _>>(),
        rules: roles.chain(stages).collect(),
        enrichment: model.enrichment.clone(),
        ..bare(model)
    };
    Some((own, checks))
}

/// The group of the contact checks.
const CHECKS: &str = "checks";

/// `model`'s identity, signals and input policy, with no rules or outputs.
fn bare(model: &Model) -> Model {
    Model { signals: model.signals.clone(), input: model.input.clone(), ..Model::empty(&model.id, &model.version) }
}
