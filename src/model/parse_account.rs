//! Reads the `account` section's own parts (roll-up, breadth, buying group, intent, routing,
//! lifecycle, matching, limits), reporting every problem with its path. Its lead-grammar part
//! (groups, rules, scale, tiers, grades) is read by `parse` as a model of its own, whose problems
//! are moved under `account.`; the names it defines come in as [`Names`].

use super::account::*;
use super::parse_rule::parse_condition;
use super::reader::{show_number, to_centi, Reader};
use crate::error::{child, index, Code};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};

/// Every key of the `account` section.
pub const KEYS: &[&str] = &[
    "groups",
    "rules",
    "scale",
    "tiers",
    "grades",
    "rollup",
    "breadth",
    "buyingGroup",
    "intent",
    "routing",
    "lifecycle",
    "matching",
    "limits",
];

/// What the rest of the model defines, for references to check.
pub struct Names<'a> {
    /// Account groups, tiers and grades.
    pub groups: Vec<&'a str>,
    pub tiers: Vec<&'a str>,
    pub grades: Vec<&'a str>,
    /// Lead groups, tiers and grades.
    pub lead_groups: Vec<&'a str>,
    pub lead_tiers: Vec<&'a str>,
    pub lead_grades: Vec<&'a str>,
}

/// The parts of the section beyond its lead grammar; `None` when any is invalid (each reported).
pub struct Parts {
    pub rollup: Rollup,
    pub breadth: Option<Breadth>,
    pub buying_group: Option<BuyingGroup>,
    pub intent: Option<Intent>,
    pub routing: Option<Routing>,
    pub lifecycle: Option<Lifecycle>,
    pub matching: Matching,
    pub limits: AccountLimits,
}

/// Reads the parts from the section's object `m`.
pub fn read_parts(r: &mut Reader, m: &Map<String, Value>, names: &Names<'_>) -> Option<Parts> {
    let before = r.issues.len();
    let rollup = r.required(m, "account", "rollup").and_then(|v| read_rollup(r, v, names));
    let breadth = m.get("breadth").and_then(|v| read_breadth(r, v, names));
    let buying_group = m.get("buyingGroup").and_then(|v| read_buying_group(r, v, names));
    let intent = m.get("intent").and_then(|v| read_intent(r, v, names));
    let routing = m.get("routing").and_then(|v| read_routing(r, v, names));
    let lifecycle = m.get("lifecycle").and_then(|v| read_lifecycle(r, v, names));
    let matching = match m.get("matching") {
        Some(v) => read_matching(r, v),
        None => Some(Matching::default()),
    };
    let limits = match m.get("limits") {
        Some(v) => read_limits(r, v),
        None => Some(AccountLimits::default()),
    };
    if r.issues.len() > before {
        return None;
    }
    Some(Parts {
        rollup: rollup?,
        breadth,
        buying_group,
        intent,
        routing,
        lifecycle,
        matching: matching?,
        limits: limits?,
    })
}

/// A number of points: at most two decimals, at least `min`, at most a million.
fn points(r: &mut Reader, v: &Value, path: &str, min: f64) -> Option<f64> {
    let x = r.number(v, path)?;
    if x < min || x.abs() > 1e6 {
        r.report(
            path,
            Code::InvalidValue,
            format!("must be from {} to 1000000, found {}", show_number(min), show_number(x)),
        );
        return None;
    }
    if to_centi(x).is_none() {
        r.report(path, Code::InvalidValue, format!("{x}: use at most two decimals"));
        return None;
    }
    Some(x)
}

/// An account group's name.
fn group(r: &mut Reader, m: &Map<String, Value>, path: &str, known: &[&str], what: &str) -> Option<String> {
    let name = r.required(m, path, "group").and_then(|v| r.name(v, &child(path, "group")))?;
    r.known(&name, &child(path, "group"), what, known).then_some(name)
}

/// A share of 0-100 (an intent score or threshold).
fn percent(r: &mut Reader, v: &Value, path: &str) -> Option<f64> {
    let x = r.number(v, path)?;
    if !(0.0..=100.0).contains(&x) {
        r.report(path, Code::InvalidValue, format!("must be from 0 to 100, found {}", show_number(x)));
        return None;
    }
    Some(x)
}

fn read_rollup(r: &mut Reader, v: &Value, names: &Names<'_>) -> Option<Rollup> {
    let path = "account.rollup";
    let m = r.object(v, path, &["group", "policy", "k", "weight", "perContactCap", "cap", "engagedMin"])?;
    let group = group(r, m, path, &names.groups, "account group");
    let policy = match m.get("policy") {
        None => Some(RollupPolicy::TopKMean),
        Some(v) => r.choice(v, &child(path, "policy"), &["topKMean", "cappedSum", "max"]).map(|p| match p {
            "cappedSum" => RollupPolicy::CappedSum,
            "max" => RollupPolicy::Max,
            _ => RollupPolicy::TopKMean,
        }),
    };
    let k = m.get("k").map_or(Some(3), |v| r.integer(v, &child(path, "k"), 1, 1000).map(|k| k as u32));
    let weight = m.get("weight").map_or(Some(1.0), |v| {
        let x = r.number(v, &child(path, "weight"))?;
        if !(0.0..=1000.0).contains(&x) {
            r.report(
                &child(path, "weight"),
                Code::InvalidValue,
                format!("must be from 0 to 1000, found {}", show_number(x)),
            );
            return None;
        }
        Some(x)
    });
    let per_contact_cap = m.get("perContactCap").and_then(|v| r.positive(v, &child(path, "perContactCap")));
    let cap = m.get("cap").and_then(|v| r.positive(v, &child(path, "cap")));
    if cap.is_some() && policy != Some(RollupPolicy::CappedSum) {
        r.report(
            &child(path, "cap"),
            Code::InvalidValue,
            "\"cap\" caps the \"cappedSum\" policy's sum; this policy has no sum",
        );
    }
    let engaged_min =
        m.get("engagedMin").map_or(Some(DEFAULT_ENGAGED_MIN), |v| r.number(v, &child(path, "engagedMin")));
    Some(Rollup {
        group: group?,
        policy: policy?,
        k: k?,
        weight: weight?,
        per_contact_cap,
        cap,
        engaged_min: engaged_min?,
    })
}

/// Default of [`Rollup::engaged_min`].
pub const DEFAULT_ENGAGED_MIN: f64 = 40.0;

fn read_breadth(r: &mut Reader, v: &Value, names: &Names<'_>) -> Option<Breadth> {
    let path = "account.breadth";
    let m = r.object(v, path, &["group", "steps"])?;
    let group = group(r, m, path, &names.groups, "account group");
    let steps_path = child(path, "steps");
    let items = r.required(m, path, "steps").and_then(|v| r.nonempty_array(v, &steps_path))?;
    let mut steps: Vec<BreadthStep> = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let p = index(&steps_path, i);
        let Some(sm) = r.object(item, &p, &["contacts", "points"]) else {
            ok = false;
            continue;
        };
        let contacts = r.required(sm, &p, "contacts").and_then(|v| r.integer(v, &child(&p, "contacts"), 1, 1_000_000));
        let pts = r.required(sm, &p, "points").and_then(|v| points(r, v, &child(&p, "points"), 0.0));
        let (Some(contacts), Some(pts)) = (contacts, pts) else {
            ok = false;
            continue;
        };
        if let Some(prev) = steps.last() {
            if u64::from(prev.contacts) >= contacts {
                r.report(
                    &child(&p, "contacts"),
                    Code::OutOfOrder,
                    format!("steps go from fewest contacts up: {contacts} is not above {}", prev.contacts),
                );
                ok = false;
            }
            if pts < prev.points {
                r.report(&child(&p, "points"), Code::OutOfOrder, format!("a step never gives fewer points than the one before (more engaged contacts never lower breadth): {pts} is below {}", prev.points));
                ok = false;
            }
        }
        steps.push(BreadthStep { contacts: contacts as u32, points: pts });
    }
    (ok).then_some(Breadth { group: group?, steps })
}

fn read_buying_group(r: &mut Reader, v: &Value, names: &Names<'_>) -> Option<BuyingGroup> {
    let path = "account.buyingGroup";
    let m = r.object(v, path, &["group", "completenessPoints", "roles"])?;
    let group = group(r, m, path, &names.groups, "account group");
    let completeness_points =
        m.get("completenessPoints").map_or(Some(0.0), |v| points(r, v, &child(path, "completenessPoints"), 0.0));
    let roles_path = child(path, "roles");
    let items = r.required(m, path, "roles").and_then(|v| r.nonempty_array(v, &roles_path))?;
    let mut roles = Vec::with_capacity(items.len());
    let mut ids = HashSet::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let p = index(&roles_path, i);
        let Some(rm) = r.object(item, &p, &["id", "label", "when", "required", "weight", "points"]) else {
            ok = false;
            continue;
        };
        let id = r.required(rm, &p, "id").and_then(|v| r.name(v, &child(&p, "id")));
        if let Some(id) = &id {
            if !ids.insert(id.clone()) {
                r.report(&child(&p, "id"), Code::DuplicateId, format!("role \"{id}\" is defined twice"));
                ok = false;
            }
        }
        let label = rm.get("label").and_then(|v| r.name(v, &child(&p, "label")));
        let when = r.required(rm, &p, "when").and_then(|v| parse_condition(r, v, &child(&p, "when")));
        let required = rm.get("required").map_or(Some(1), |v| r.integer(v, &child(&p, "required"), 0, 1000));
        let weight = rm.get("weight").map_or(Some(1.0), |v| r.positive(v, &child(&p, "weight")));
        let pts = rm.get("points").map_or(Some(0.0), |v| points(r, v, &child(&p, "points"), 0.0));
        match (id, when, required, weight, pts) {
            (Some(id), Some(when), Some(required), Some(weight), Some(points)) => {
                roles.push(Role { id, label, when, required: required as u32, weight, points })
            }
            _ => ok = false,
        }
    }
    if ok && roles.iter().all(|role| role.required == 0) && completeness_points.is_some_and(|p| p > 0.0) {
        r.report(&roles_path, Code::InvalidValue, "completeness needs at least one role with \"required\" above 0");
        ok = false;
    }
    ok.then_some(BuyingGroup { group: group?, completeness_points: completeness_points?, roles })
}

fn read_intent(r: &mut Reader, v: &Value, names: &Names<'_>) -> Option<Intent> {
    let path = "account.intent";
    let m = r.object(
        v,
        path,
        &["group", "points", "surge", "halfLifeDays", "maxAgeDays", "staleDays", "topics", "providers"],
    )?;
    let before = r.issues.len();
    let group = group(r, m, path, &names.groups, "account group");
    let pts = r.required(m, path, "points").and_then(|v| points(r, v, &child(path, "points"), 0.01));
    let surge = m.get("surge").map_or(Some(DEFAULT_SURGE), |v| percent(r, v, &child(path, "surge")));
    let half_life_days = m.get("halfLifeDays").and_then(|v| r.positive(v, &child(path, "halfLifeDays")));
    let max_age_days =
        m.get("maxAgeDays").map_or(Some(DEFAULT_INTENT_MAX_AGE_DAYS), |v| r.positive(v, &child(path, "maxAgeDays")));
    let stale_days =
        m.get("staleDays").map_or(Some(DEFAULT_INTENT_STALE_DAYS), |v| r.positive(v, &child(path, "staleDays")));
    let mut topics = BTreeMap::new();
    if let Some(v) = m.get("topics") {
        let p = child(path, "topics");
        if let Some(map) = r.map(v, &p) {
            for (topic, w) in map {
                let key = topic.trim().to_lowercase();
                if key.is_empty() {
                    r.report(&child(&p, topic), Code::InvalidValue, "a topic must not be empty");
                } else if let Some(w) = r.positive(w, &child(&p, topic)) {
                    if topics.insert(key, w).is_some() {
                        r.report(
                            &child(&p, topic),
                            Code::DuplicateId,
                            format!("topic \"{topic}\" is listed twice (topics are compared in any case)"),
                        );
                    }
                }
            }
        }
    }
    let mut providers = BTreeMap::new();
    if let Some(v) = m.get("providers") {
        let p = child(path, "providers");
        if let Some(map) = r.map(v, &p) {
            for (name, spec) in map {
                if let Some(provider) = read_provider(r, spec, &child(&p, name)) {
                    providers.insert(name.trim().to_lowercase(), provider);
                }
            }
        }
    }
    if r.issues.len() > before {
        return None;
    }
    Some(Intent {
        group: group?,
        points: pts?,
        surge: surge?,
        half_life_days,
        max_age_days: max_age_days?,
        stale_days: stale_days?,
        topics,
        providers,
    })
}

/// Default of [`Intent::surge`]: the threshold intent vendors publish for a surge on a 0-100 scale.
pub const DEFAULT_SURGE: f64 = 60.0;
/// Default of [`Intent::max_age_days`]: eight weekly signals.
pub const DEFAULT_INTENT_MAX_AGE_DAYS: f64 = 56.0;
/// Default of [`Intent::stale_days`]: three weeks without a signal from a weekly feed.
pub const DEFAULT_INTENT_STALE_DAYS: f64 = 21.0;

fn read_provider(r: &mut Reader, v: &Value, path: &str) -> Option<Provider> {
    let m = r.object(v, path, &["scale", "surge"])?;
    let surge = m.get("surge").map(|v| percent(r, v, &child(path, "surge")));
    let mut scale: Vec<[f64; 2]> = Vec::new();
    let mut ok = true;
    if let Some(v) = m.get("scale") {
        let p = child(path, "scale");
        let items = r.nonempty_array(v, &p)?;
        if items.len() < 2 {
            r.report(&p, Code::InvalidValue, "a scale needs at least two [from, to] points");
            ok = false;
        }
        for (i, item) in items.iter().enumerate() {
            let ip = index(&p, i);
            let Some((from, to)) = r.pair(item, &ip) else {
                ok = false;
                continue;
            };
            if !(0.0..=100.0).contains(&to) {
                r.report(&index(&ip, 1), Code::InvalidValue, format!("maps onto 0-100, found {}", show_number(to)));
                ok = false;
            }
            if scale.last().is_some_and(|prev| prev[0] >= from) {
                r.report(&index(&ip, 0), Code::OutOfOrder, "list the points in rising \"from\" order");
                ok = false;
            }
            scale.push([from, to]);
        }
    }
    let surge = match surge {
        Some(Some(s)) => Some(s),
        Some(None) => return None,
        None => None,
    };
    ok.then_some(Provider { scale, surge })
}

/// Tier (or other) names in a list, each checked against `known`.
fn names_in(
    r: &mut Reader,
    m: &Map<String, Value>,
    key: &str,
    path: &str,
    what: &str,
    known: &[&str],
) -> Option<Vec<String>> {
    let Some(v) = m.get(key) else { return Some(Vec::new()) };
    let p = child(path, key);
    let list = r.one_or_many(v, &p)?;
    let mut ok = true;
    for (i, name) in list.iter().enumerate() {
        ok &= r.known(name, &index(&p, i), what, known);
    }
    ok.then_some(list)
}

fn read_routing(r: &mut Reader, v: &Value, names: &Names<'_>) -> Option<Routing> {
    let path = "account.routing";
    let m = r.object(v, path, &["matrix", "boost"])?;
    let before = r.issues.len();
    let mut matrix = Vec::new();
    if let Some(v) = m.get("matrix") {
        let p = child(path, "matrix");
        for (i, item) in r.array(v, &p).unwrap_or(&[]).iter().enumerate() {
            let ip = index(&p, i);
            let Some(em) = r.object(item, &ip, &["lead", "account", "action", "slaHours"]) else { continue };
            let lead = names_in(r, em, "lead", &ip, "lead tier", &names.lead_tiers);
            let account = names_in(r, em, "account", &ip, "account tier", &names.tiers);
            let action = r.required(em, &ip, "action").and_then(|v| r.name(v, &child(&ip, "action")));
            let sla_hours = em.get("slaHours").map(|v| r.positive(v, &child(&ip, "slaHours")));
            if let (Some(lead), Some(account), Some(action)) = (lead, account, action) {
                matrix.push(Route { lead, account, action, sla_hours: sla_hours.flatten() });
            }
        }
    }
    let boost = m.get("boost").and_then(|v| {
        let p = child(path, "boost");
        let bm = r.object(v, &p, &["accountTiers", "group", "points", "reason"])?;
        let tiers =
            r.required(bm, &p, "accountTiers").and(names_in(r, bm, "accountTiers", &p, "account tier", &names.tiers));
        let group = group(r, bm, &p, &names.lead_groups, "lead group");
        let pts = r.required(bm, &p, "points").and_then(|v| points(r, v, &child(&p, "points"), 0.01));
        let reason = bm.get("reason").and_then(|v| r.name(v, &child(&p, "reason")));
        let reason = reason.or_else(|| pts.map(|x| format!("Account is in a hot tier: +{x}")));
        Some(Boost { account_tiers: tiers?, group: group?, points: pts?, reason: reason? })
    });
    if r.issues.len() > before {
        return None;
    }
    Some(Routing { matrix, boost })
}

fn read_gate(
    r: &mut Reader,
    m: &Map<String, Value>,
    path: &str,
    groups: &[&str],
    tiers: &[&str],
    grades: &[&str],
) -> Option<CardGate> {
    let min_score = m.get("minScore").map(|v| r.number(v, &child(path, "minScore")));
    let tiers = names_in(r, m, "tiers", path, "tier", tiers);
    let grades = names_in(r, m, "grades", path, "grade", grades);
    let mut group_mins = BTreeMap::new();
    let mut ok = true;
    if let Some(v) = m.get("groups") {
        let p = child(path, "groups");
        if let Some(map) = r.map(v, &p) {
            for (name, min) in map {
                let gp = child(&p, name);
                let known = r.known(name, &gp, "group", groups);
                match r.number(min, &gp) {
                    Some(x) if known => {
                        group_mins.insert(name.clone(), x);
                    }
                    _ => ok = false,
                }
            }
        }
    }
    let min_score = match min_score {
        Some(None) => return None,
        other => other.flatten(),
    };
    ok.then_some(CardGate { min_score, tiers: tiers?, grades: grades?, groups: group_mins })
}

const STAGE_KEYS: &[&str] =
    &["id", "label", "manual", "from", "minScore", "tiers", "grades", "groups", "when", "account", "recycle"];

fn read_lifecycle(r: &mut Reader, v: &Value, names: &Names<'_>) -> Option<Lifecycle> {
    let path = "account.lifecycle";
    let m = r.object(v, path, &["field", "sinceField", "stages"])?;
    let before = r.issues.len();
    let field = m.get("field").map_or(Some("stage".to_string()), |v| r.name(v, &child(path, "field")));
    let since_field =
        m.get("sinceField").map_or(Some("stageSince".to_string()), |v| r.name(v, &child(path, "sinceField")));
    let sp = child(path, "stages");
    let items = r.required(m, path, "stages").and_then(|v| r.nonempty_array(v, &sp))?;
    let mut stages: Vec<Stage> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = index(&sp, i);
        let Some(st) = r.object(item, &p, STAGE_KEYS) else { continue };
        let id = r.required(st, &p, "id").and_then(|v| r.name(v, &child(&p, "id")));
        let earlier: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
        if let Some(id) = &id {
            if earlier.contains(&id.as_str()) {
                r.report(&child(&p, "id"), Code::DuplicateId, format!("stage \"{id}\" is defined twice"));
            }
        }
        let label = st.get("label").and_then(|v| r.name(v, &child(&p, "label")));
        let manual = st.get("manual").map_or(Some(false), |v| r.boolean(v, &child(&p, "manual")));
        let from = st.get("from").and_then(|v| {
            let name = r.name(v, &child(&p, "from"))?;
            r.known(&name, &child(&p, "from"), "earlier stage", &earlier).then_some(name)
        });
        let lead = read_gate(r, st, &p, &names.lead_groups, &names.lead_tiers, &names.lead_grades);
        let when = st.get("when").and_then(|v| parse_condition(r, v, &child(&p, "when")));
        let account = st.get("account").and_then(|v| {
            let ap = child(&p, "account");
            let am = r.object(v, &ap, &["minScore", "tiers", "grades", "groups"])?;
            read_gate(r, am, &ap, &names.groups, &names.tiers, &names.grades)
        });
        let recycle = st.get("recycle").and_then(|v| {
            let rp = child(&p, "recycle");
            let rm = r.object(v, &rp, &["afterDays", "to", "belowScore"])?;
            let after_days = r.required(rm, &rp, "afterDays").and_then(|v| r.positive(v, &child(&rp, "afterDays")));
            let to = r.required(rm, &rp, "to").and_then(|v| r.name(v, &child(&rp, "to")));
            let to = to.filter(|to| r.known(to, &child(&rp, "to"), "earlier stage", &earlier));
            let below_score = rm.get("belowScore").and_then(|v| r.number(v, &child(&rp, "belowScore")));
            Some(Recycle { after_days: after_days?, to: to?, below_score })
        });
        if let (Some(id), Some(manual), Some(lead)) = (id, manual, lead) {
            stages.push(Stage { id, label, manual, from, lead, when, account, recycle });
        }
    }
    if r.issues.len() > before {
        return None;
    }
    Some(Lifecycle { field: field?, since_field: since_field?, stages })
}

fn read_matching(r: &mut Reader, v: &Value) -> Option<Matching> {
    let path = "account.matching";
    let m = r.object(v, path, &["accountField", "domainFields", "severalAccounts", "sharedDomain"])?;
    let before = r.issues.len();
    let d = Matching::default();
    let account_field =
        m.get("accountField").map_or(Some(d.account_field), |v| r.name(v, &child(path, "accountField")));
    let domain_fields =
        m.get("domainFields").map_or(Some(d.domain_fields), |v| r.one_or_many(v, &child(path, "domainFields")));
    let several_accounts = m.get("severalAccounts").map_or(Some(d.several_accounts), |v| {
        r.choice(v, &child(path, "severalAccounts"), &["first", "all", "none"]).map(|c| match c {
            "all" => SeveralAccounts::All,
            "none" => SeveralAccounts::None,
            _ => SeveralAccounts::First,
        })
    });
    let shared_domain = m.get("sharedDomain").map_or(Some(d.shared_domain), |v| {
        r.choice(v, &child(path, "sharedDomain"), &["none", "lowestId", "all"]).map(|c| match c {
            "all" => SharedDomain::All,
            "lowestId" => SharedDomain::LowestId,
            _ => SharedDomain::None,
        })
    });
    if r.issues.len() > before {
        return None;
    }
    Some(Matching {
        account_field: account_field?,
        domain_fields: domain_fields?,
        several_accounts: several_accounts?,
        shared_domain: shared_domain?,
    })
}

fn read_limits(r: &mut Reader, v: &Value) -> Option<AccountLimits> {
    let path = "account.limits";
    let m = r.object(v, path, &["maxContacts", "maxIntentSignals"])?;
    let d = AccountLimits::default();
    let max_contacts = m
        .get("maxContacts")
        .map_or(Some(d.max_contacts as u64), |v| r.integer(v, &child(path, "maxContacts"), 1, 1_000_000));
    let max_intent_signals = m
        .get("maxIntentSignals")
        .map_or(Some(d.max_intent_signals as u64), |v| r.integer(v, &child(path, "maxIntentSignals"), 1, 1_000_000));
    Some(AccountLimits { max_contacts: max_contacts? as usize, max_intent_signals: max_intent_signals? as usize })
}
