//! Reads `rules[]`: attribute conditions, event rules and inactivity rules, with signal-aware checks
//! (`title.seniority` only takes known seniorities, `email.free` only booleans, ...).

use super::reader::{describe_value, show_number, to_centi, Reader, MAX_EXACT_POINTS};
use super::types::*;
use crate::error::{child, index, Code};
use crate::signals::{self, ValueKind};
use crate::text::suggestion;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};

const RULE_KEYS: &[&str] = &["id", "group", "points", "reason", "max", "min", "once", "when", "event", "inactive"];
const OPERATORS: &[&str] = &[
    "eq",
    "ne",
    "in",
    "notIn",
    "gt",
    "gte",
    "lt",
    "lte",
    "between",
    "exists",
    "missing",
    "contains",
    "startsWith",
    "endsWith",
    "domainIn",
];
/// Deepest nesting of all/any/not accepted.
pub const MAX_CONDITION_DEPTH: usize = 32;
/// Largest |points| (or cap) a rule may carry.
const MAX_POINTS: f64 = 1_000_000.0;

/// Where a condition's fields live.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Lead attributes and derived signals.
    Lead,
    /// An event's own fields.
    Event,
}

/// Reads the rules array.
pub fn parse_rules(r: &mut Reader, v: &Value, groups: &BTreeMap<String, Group>) -> Option<Vec<Rule>> {
    let items = r.array(v, "rules")?;
    let mut ids = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        match read_rule(r, item, &index("rules", i), groups, &mut ids) {
            Some(rule) => out.push(rule),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// Reports rules whose points could add up to more than the engine counts exactly
/// ([`MAX_EXACT_POINTS`]): every rule firing at full strength at once, an event rule on `max_events`
/// events (decay only lowers an event's points) up to its cap.
pub fn check_points_total(r: &mut Reader, rules: &[Rule], max_events: usize) {
    let total: f64 = rules
        .iter()
        .map(|rule| match &rule.kind {
            RuleKind::Event(_) if !rule.once => {
                let all = rule.points.abs() * max_events as f64;
                let cap = if rule.points > 0.0 { rule.max } else { rule.min };
                cap.map_or(all, |c| all.min(c.abs()))
            }
            _ => rule.points.abs(),
        })
        .sum();
    if total > MAX_EXACT_POINTS {
        r.report(
            "rules",
            Code::InvalidValue,
            format!(
                "the rules can add up to {} points, beyond the ±{} a score counts exactly; lower points or input.maxEvents, or cap event rules (max, min)",
                show_number(total),
                show_number(MAX_EXACT_POINTS)
            ),
        );
    }
}

fn points(r: &mut Reader, v: &Value, path: &str) -> Option<f64> {
    let x = r.number(v, path)?;
    if x.abs() > MAX_POINTS {
        r.report(path, Code::InvalidValue, format!("{x} is beyond ±{MAX_POINTS}"));
        return None;
    }
    if to_centi(x).is_none() {
        r.report(path, Code::InvalidValue, format!("{x}: use at most two decimals"));
        return None;
    }
    Some(x)
}

fn read_rule(
    r: &mut Reader,
    v: &Value,
    path: &str,
    groups: &BTreeMap<String, Group>,
    ids: &mut HashSet<String>,
) -> Option<Rule> {
    let m = r.object(v, path, RULE_KEYS)?;
    let before = r.issues.len();
    let id = r.required(m, path, "id").and_then(|x| r.name(x, &child(path, "id")));
    if let Some(id) = &id {
        if !ids.insert(id.clone()) {
            r.report(&child(path, "id"), Code::DuplicateId, format!("rule id \"{id}\" is used twice"));
        }
    }
    let group = r.required(m, path, "group").and_then(|x| r.name(x, &child(path, "group")));
    if let Some(g) = &group {
        if !groups.is_empty() && !groups.contains_key(g) {
            let hint = suggestion(g, groups.keys().map(String::as_str));
            r.report(&child(path, "group"), Code::UnknownGroup, format!("no group \"{g}\" in \"groups\"{hint}"));
        }
    }
    let pts = r.required(m, path, "points").and_then(|x| points(r, x, &child(path, "points")));
    let reason = m.get("reason").and_then(|x| r.name(x, &child(path, "reason")));
    let max = m.get("max").and_then(|x| points(r, x, &child(path, "max")));
    let min = m.get("min").and_then(|x| points(r, x, &child(path, "min")));
    let once = m.get("once").and_then(|x| r.boolean(x, &child(path, "once"))).unwrap_or(false);
    if let Some(p) = pts {
        if p == 0.0 {
            r.report(&child(path, "points"), Code::InvalidValue, "0 points: remove the rule or give it points");
        }
        if let Some(mx) = max {
            if p < 0.0 {
                r.report(&child(path, "max"), Code::InvalidValue, "a negative rule is bounded by \"min\", not \"max\"");
            } else if mx <= 0.0 {
                r.report(&child(path, "max"), Code::InvalidValue, format!("cap must be above 0, found {mx}"));
            }
        }
        if let Some(mn) = min {
            if p > 0.0 {
                r.report(&child(path, "min"), Code::InvalidValue, "a positive rule is bounded by \"max\", not \"min\"");
            } else if mn >= 0.0 {
                r.report(&child(path, "min"), Code::InvalidValue, format!("floor must be below 0, found {mn}"));
            }
        }
    }
    let kinds: Vec<&str> = ["when", "event", "inactive"].into_iter().filter(|k| m.contains_key(*k)).collect();
    let kind = match kinds.as_slice() {
        ["when"] => {
            m.get("when").and_then(|c| condition(r, c, &child(path, "when"), Scope::Lead, 0)).map(RuleKind::When)
        }
        ["event"] => m.get("event").and_then(|e| event_spec(r, e, &child(path, "event"))).map(RuleKind::Event),
        ["inactive"] => {
            m.get("inactive").and_then(|e| inactivity(r, e, &child(path, "inactive"))).map(RuleKind::Inactive)
        }
        [] => {
            r.report(path, Code::MissingField, "a rule needs one of \"when\", \"event\" or \"inactive\"");
            None
        }
        several => {
            r.report(
                path,
                Code::InvalidValue,
                format!(
                    "a rule takes exactly one of \"when\", \"event\" or \"inactive\", found {}",
                    several.join(", ")
                ),
            );
            None
        }
    };
    if once && !matches!(kind, Some(RuleKind::Event(_))) && kinds.len() == 1 {
        r.report(&child(path, "once"), Code::InvalidValue, "\"once\" applies to event rules only");
    }
    if (max.is_some() || min.is_some()) && matches!(kind, Some(RuleKind::When(_)) | Some(RuleKind::Inactive(_))) {
        let key = if max.is_some() { "max" } else { "min" };
        r.report(&child(path, key), Code::InvalidValue, "caps apply to event rules only; this rule fires at most once");
    }
    if r.issues.len() > before {
        return None;
    }
    Some(Rule { id: id?, group: group?, points: pts?, reason, max, min, once, kind: kind? })
}

fn event_spec(r: &mut Reader, v: &Value, path: &str) -> Option<EventSpec> {
    let m = r.object(v, path, &["type", "where", "withinDays", "halfLifeDays", "minCount"])?;
    let types = r.required(m, path, "type").and_then(|t| r.one_or_many(t, &child(path, "type")));
    let filter = match m.get("where") {
        Some(c) => condition(r, c, &child(path, "where"), Scope::Event, 0).map(Some),
        None => Some(None),
    };
    let within_days = opt_positive(r, m, path, "withinDays");
    let half_life_days = opt_positive(r, m, path, "halfLifeDays");
    let min_count = match m.get("minCount") {
        Some(x) => r.integer(x, &child(path, "minCount"), 1, 1_000_000).map(|n| Some(n as u32)),
        None => Some(None),
    };
    Some(EventSpec {
        types: types?,
        filter: filter?,
        within_days: within_days?,
        half_life_days: half_life_days?,
        min_count: min_count?,
    })
}

fn opt_positive(r: &mut Reader, m: &Map<String, Value>, path: &str, key: &str) -> Option<Option<f64>> {
    match m.get(key) {
        Some(x) => r.positive(x, &child(path, key)).map(Some),
        None => Some(None),
    }
}

fn inactivity(r: &mut Reader, v: &Value, path: &str) -> Option<Inactivity> {
    let m = r.object(v, path, &["days", "types", "field", "whenNoActivity"])?;
    let days = r.required(m, path, "days").and_then(|x| r.positive(x, &child(path, "days")));
    let types = match m.get("types") {
        Some(t) => r.one_or_many(t, &child(path, "types")),
        None => Some(Vec::new()),
    };
    let field = match m.get("field") {
        Some(f) => r.name(f, &child(path, "field")).map(Some),
        None => Some(None),
    };
    let when_no_activity = match m.get("whenNoActivity") {
        Some(b) => r.boolean(b, &child(path, "whenNoActivity")),
        // Default true: "no activity in N days" holds for a lead with no known activity, and it keeps
        // scoring monotone (adding an event can only make the last activity more recent).
        None => Some(true),
    };
    Some(Inactivity { days: days?, types: types?, field: field?, when_no_activity: when_no_activity? })
}

/// A condition on a lead's (or a contact's) fields and derived signals, outside a rule (the account
/// section's buying-group roles and lifecycle stages).
pub fn parse_condition(r: &mut Reader, v: &Value, path: &str) -> Option<Condition> {
    condition(r, v, path, Scope::Lead, 0)
}

fn condition(r: &mut Reader, v: &Value, path: &str, scope: Scope, depth: usize) -> Option<Condition> {
    if depth > MAX_CONDITION_DEPTH {
        r.report(path, Code::TooDeep, format!("conditions nest deeper than {MAX_CONDITION_DEPTH} levels"));
        return None;
    }
    let Value::Object(m) = v else {
        r.report(path, Code::WrongType, format!("expected a condition object, found {}", describe_value(v)));
        return None;
    };
    for combinator in ["all", "any", "not"] {
        if let Some(inner) = m.get(combinator) {
            if m.len() > 1 {
                r.report(
                    path,
                    Code::InvalidValue,
                    format!("\"{combinator}\" must stand alone in its object; nest other tests inside it"),
                );
                return None;
            }
            let p = child(path, combinator);
            if combinator == "not" {
                return condition(r, inner, &p, scope, depth + 1).map(|c| Condition::Not(Box::new(c)));
            }
            let items = r.nonempty_array(inner, &p)?;
            let subs: Vec<Option<Condition>> =
                items.iter().enumerate().map(|(i, c)| condition(r, c, &index(&p, i), scope, depth + 1)).collect();
            let subs: Option<Vec<Condition>> = subs.into_iter().collect();
            return subs.map(|s| if combinator == "all" { Condition::All(s) } else { Condition::Any(s) });
        }
    }
    let allowed: Vec<&str> =
        std::iter::once("field").chain(OPERATORS.iter().copied()).chain(["all", "any", "not"]).collect();
    // Counted before the unknown-key check, so a misspelt operator is not also reported as "no test".
    let before = r.issues.len();
    r.object(v, path, &allowed)?;
    let field = r.required(m, path, "field").and_then(|f| r.name(f, &child(path, "field")));
    let mut tests = Vec::new();
    for op in OPERATORS {
        if let Some(arg) = m.get(*op) {
            if let Some(t) = test(r, op, arg, &child(path, op)) {
                tests.push(t);
            }
        }
    }
    if tests.is_empty() && r.issues.len() == before {
        r.report(path, Code::MissingField, format!("give the field a test: one of {}", OPERATORS.join(", ")));
        return None;
    }
    let field = field?;
    if scope == Scope::Lead {
        check_signal(r, &field, &tests, path);
    }
    (r.issues.len() == before).then_some(Condition::Field { field, tests })
}

fn scalar(r: &mut Reader, v: &Value, path: &str) -> Option<Scalar> {
    match v {
        Value::String(s) => Some(Scalar::Str(s.clone())),
        Value::Bool(b) => Some(Scalar::Bool(*b)),
        Value::Number(n) => n.as_f64().filter(|x| x.is_finite()).map(Scalar::Num),
        Value::Null => {
            r.report(path, Code::WrongType, "null is not compared against; test presence with \"exists\"");
            None
        }
        other => {
            r.report(
                path,
                Code::WrongType,
                format!("expected a string, number or boolean, found {}", describe_value(other)),
            );
            None
        }
    }
}

fn scalars(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<Scalar>> {
    let items = r.nonempty_array(v, path)?;
    let out: Vec<Option<Scalar>> = items.iter().enumerate().map(|(i, x)| scalar(r, x, &index(path, i))).collect();
    out.into_iter().collect()
}

fn texts(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<String>> {
    r.one_or_many(v, path).map(|list| list.into_iter().map(|s| s.to_lowercase()).collect())
}

fn test(r: &mut Reader, op: &str, arg: &Value, path: &str) -> Option<Test> {
    Some(match op {
        "eq" => Test::Eq(scalar(r, arg, path)?),
        "ne" => Test::Ne(scalar(r, arg, path)?),
        "in" => Test::In(scalars(r, arg, path)?),
        "notIn" => Test::NotIn(scalars(r, arg, path)?),
        "gt" => Test::Gt(r.number(arg, path)?),
        "gte" => Test::Gte(r.number(arg, path)?),
        "lt" => Test::Lt(r.number(arg, path)?),
        "lte" => Test::Lte(r.number(arg, path)?),
        "between" => {
            let (lo, hi) = r.pair(arg, path)?;
            if lo > hi {
                r.report(path, Code::OutOfOrder, format!("between [{lo}, {hi}]: the low end comes first"));
                return None;
            }
            Test::Between(lo, hi)
        }
        "exists" => Test::Exists(r.boolean(arg, path)?),
        "missing" => Test::Exists(!r.boolean(arg, path)?),
        "contains" => Test::Contains(texts(r, arg, path)?),
        "startsWith" => Test::StartsWith(texts(r, arg, path)?),
        "endsWith" => Test::EndsWith(texts(r, arg, path)?),
        "domainIn" => {
            let list = texts(r, arg, path)?;
            let list: Vec<String> = list.into_iter().map(|d| d.trim().trim_start_matches('@').to_string()).collect();
            if let Some((i, bad)) = list.iter().enumerate().find(|(_, d)| !d.contains('.') || d.contains(['@', ' '])) {
                r.report(
                    &index(path, i),
                    Code::InvalidValue,
                    format!("\"{bad}\" is not a domain like \"example.com\""),
                );
                return None;
            }
            Test::DomainIn(list)
        }
        _ => return None,
    })
}

/// Checks a condition on a derived signal: the name must exist, and the tests must fit its values.
fn check_signal(r: &mut Reader, field: &str, tests: &[Test], path: &str) {
    let Some(def) = signals::lookup(field) else {
        if signals::RESERVED_PREFIXES.iter().any(|p| field.starts_with(p)) {
            let hint = suggestion(field, signals::CATALOGUE.iter().map(|d| d.name));
            r.report(&child(path, "field"), Code::UnknownSignal, format!("unknown signal \"{field}\"{hint}"));
        }
        return;
    };
    for t in tests {
        let tp = child(path, t.key());
        let fits = match (def.kind, t) {
            (_, Test::Exists(_)) => true,
            (ValueKind::Bool, Test::Eq(Scalar::Bool(_)) | Test::Ne(Scalar::Bool(_))) => true,
            (ValueKind::Bool, _) => false,
            (ValueKind::Enum(values), Test::Eq(s) | Test::Ne(s)) => enum_value(r, field, values, s, &tp),
            (ValueKind::Enum(values), Test::In(list) | Test::NotIn(list)) => {
                let checks: Vec<bool> =
                    list.iter().enumerate().map(|(i, s)| enum_value(r, field, values, s, &index(&tp, i))).collect();
                if checks.iter().all(|ok| *ok) {
                    true
                } else {
                    continue;
                }
            }
            (ValueKind::Enum(_), _) => false,
            (ValueKind::Text, Test::Gt(_) | Test::Gte(_) | Test::Lt(_) | Test::Lte(_) | Test::Between(..)) => false,
            (ValueKind::Text, _) => true,
        };
        if !fits {
            let allowed = match def.kind {
                ValueKind::Bool => "eq or ne with true/false, or exists",
                ValueKind::Enum(_) => "eq, ne, in, notIn or exists",
                ValueKind::Text => "text tests (eq, in, contains, startsWith, endsWith, domainIn) or exists",
            };
            r.report(&tp, Code::InvalidValue, format!("{field} takes {allowed}"));
        }
    }
}

fn enum_value(r: &mut Reader, field: &str, values: &[&str], s: &Scalar, path: &str) -> bool {
    match s {
        Scalar::Str(v) if values.contains(&v.to_lowercase().as_str()) => true,
        Scalar::Str(v) => {
            let hint = suggestion(v, values.iter().copied());
            r.report(
                path,
                Code::InvalidValue,
                format!("\"{v}\" is not a value of {field}{hint}; one of {}", values.join(", ")),
            );
            false
        }
        _ => {
            r.report(path, Code::WrongType, format!("{field} values are strings: one of {}", values.join(", ")));
            false
        }
    }
}
