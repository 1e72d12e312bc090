//! Reads a `leadscore/v1` JSON document into a [`Model`], reporting every problem with its path.

use super::account::AccountSection;
use super::document::Model;
use super::parse_account::{self, Names};
use super::parse_enrich::{read_enrichment, read_quality};
use super::parse_rule::{check_points_total, parse_rules};
use super::reader::{describe_value, show_number, to_centi, Reader, MAX_EXACT_POINTS};
use super::types::*;
use crate::error::{child, index, Code, Issue};
use crate::text::suggestion;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

const TOP: &[&str] = &[
    "$schema",
    "schema",
    "id",
    "version",
    "name",
    "description",
    "groups",
    "signals",
    "input",
    "rules",
    "scale",
    "tiers",
    "grades",
    "calibration",
    "enrichment",
    "quality",
    "account",
];

/// Reads a model document; `Err` lists every problem found.
pub fn parse(doc: &Value) -> Result<Model, Vec<Issue>> {
    let mut r = Reader::default();
    let model = read_model(&mut r, doc);
    match model {
        Some(m) if r.issues.is_empty() => Ok(m),
        _ => {
            let issues = r.finish();
            if issues.is_empty() {
                // Unreachable by construction (every `None` above reports first); kept as a typed fallback.
                Err(vec![Issue::new("", Code::InvalidValue, "invalid model")])
            } else {
                Err(issues)
            }
        }
    }
}

fn read_model(r: &mut Reader, doc: &Value) -> Option<Model> {
    let m = r.object(doc, "", TOP)?;
    let schema = r.required(m, "", "schema").and_then(|v| r.string(v, "schema"));
    if let Some(s) = &schema {
        if s != SCHEMA {
            r.report(
                "schema",
                Code::InvalidValue,
                format!("unsupported schema \"{s}\"; this engine reads \"{SCHEMA}\""),
            );
        }
    }
    let id = r.required(m, "", "id").and_then(|v| r.name(v, "id"));
    let version = r.required(m, "", "version").and_then(|v| r.name(v, "version"));
    let name = m.get("name").and_then(|v| r.string(v, "name"));
    let description = m.get("description").and_then(|v| r.string(v, "description"));
    let groups = r.required(m, "", "groups").and_then(|v| read_groups(r, v));
    let signals = match m.get("signals") {
        Some(v) => read_signals(r, v),
        None => Some(Signals::default()),
    };
    let input = match m.get("input") {
        Some(v) => read_input(r, v),
        None => Some(InputPolicy::default()),
    };
    let empty = BTreeMap::new();
    let rules = r.required(m, "", "rules").and_then(|v| parse_rules(r, v, groups.as_ref().unwrap_or(&empty)));
    if let (Some(rules), Some(input)) = (&rules, &input) {
        check_points_total(r, rules, input.max_events);
    }
    let scale = match m.get("scale") {
        Some(v) => read_scale(r, v),
        None => Some(Scale::default()),
    };
    let tiers = match (m.get("tiers"), &scale) {
        (Some(v), Some(scale)) => read_tiers(r, v, scale),
        (Some(_), None) => None,
        (None, _) => Some(Vec::new()),
    };
    let grades = match m.get("grades") {
        Some(v) => read_grades(r, v, groups.as_ref().unwrap_or(&empty)).map(Some),
        None => Some(None),
    };
    let calibration = match m.get("calibration") {
        Some(v) => read_calibration(r, v).map(Some),
        None => Some(None),
    };
    let enrichment = match m.get("enrichment") {
        Some(v) => read_enrichment(r, v).map(Some),
        None => Some(None),
    };
    let quality = match (m.get("quality"), &tiers) {
        (Some(v), Some(tiers)) => {
            let names: Vec<&str> = tiers.iter().map(|t| t.name.as_str()).collect();
            read_quality(r, v, &names).map(Some)
        }
        (Some(_), None) => None,
        (None, _) => Some(None),
    };
    let account = match (m.get("account"), &groups, &tiers, &grades) {
        (Some(v), Some(groups), Some(tiers), Some(grades)) => {
            read_account(r, v, groups, tiers, grades.as_ref()).map(Some)
        }
        (Some(_), ..) => None,
        (None, ..) => Some(None),
    };
    Some(Model {
        schema: schema?,
        id: id?,
        version: version?,
        name,
        description,
        groups: groups?,
        signals: signals?,
        input: input?,
        rules: rules?,
        scale: scale?,
        tiers: tiers?,
        grades: grades?,
        calibration: calibration?,
        enrichment: enrichment?,
        quality: quality?,
        account: account?.map(Box::new),
    })
}

/// The `account` section. Its lead grammar (groups, rules, scale, tiers, grades) is read as a model
/// of its own, so it is checked exactly as the lead rules are, and its problems are moved under
/// `account.`; the parts only accounts have are read by `parse_account`.
fn read_account(
    r: &mut Reader,
    v: &Value,
    lead_groups: &BTreeMap<String, Group>,
    lead_tiers: &[Tier],
    lead_grades: Option<&Grades>,
) -> Option<AccountSection> {
    let m = r.object(v, "account", parse_account::KEYS)?;
    let mut doc = serde_json::Map::new();
    doc.insert("schema".into(), Value::from(SCHEMA));
    doc.insert("id".into(), Value::from("account"));
    doc.insert("version".into(), Value::from("1"));
    doc.insert("rules".into(), Value::Array(Vec::new()));
    for key in ["groups", "rules", "scale", "tiers", "grades"] {
        if let Some(x) = m.get(key) {
            doc.insert(key.into(), x.clone());
        }
    }
    let mut sub = Reader::default();
    let own = read_model(&mut sub, &Value::Object(doc));
    let failed = !sub.issues.is_empty();
    for issue in sub.finish() {
        let path = if issue.path.is_empty() { "account".to_string() } else { format!("account.{}", issue.path) };
        r.report(&path, issue.code, issue.message);
    }
    let own = own.filter(|_| !failed)?;
    let grade_names = |g: Option<&Grades>| -> Vec<String> {
        g.map(|g| g.bands.iter().map(|b| b.grade.clone()).collect()).unwrap_or_default()
    };
    let (grades, lead_grade_list) = (grade_names(own.grades.as_ref()), grade_names(lead_grades));
    let names = Names {
        groups: own.groups.keys().map(String::as_str).collect(),
        tiers: own.tiers.iter().map(|t| t.name.as_str()).collect(),
        grades: grades.iter().map(String::as_str).collect(),
        lead_groups: lead_groups.keys().map(String::as_str).collect(),
        lead_tiers: lead_tiers.iter().map(|t| t.name.as_str()).collect(),
        lead_grades: lead_grade_list.iter().map(String::as_str).collect(),
    };
    let parts = parse_account::read_parts(r, m, &names)?;
    Some(AccountSection {
        groups: own.groups,
        rules: own.rules,
        scale: own.scale,
        tiers: own.tiers,
        grades: own.grades,
        rollup: parts.rollup,
        breadth: parts.breadth,
        buying_group: parts.buying_group,
        intent: parts.intent,
        routing: parts.routing,
        lifecycle: parts.lifecycle,
        matching: parts.matching,
        limits: parts.limits,
    })
}

fn read_groups(r: &mut Reader, v: &Value) -> Option<BTreeMap<String, Group>> {
    let Value::Object(map) = v else {
        r.object(v, "groups", &[]);
        return None;
    };
    if map.is_empty() {
        r.report("groups", Code::EmptyList, "define at least one group, e.g. {\"fit\": {}}");
        return None;
    }
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (name, g) in map {
        let path = child("groups", name);
        if name.trim().is_empty() {
            r.report(&path, Code::InvalidValue, "a group name must not be empty");
            ok = false;
            continue;
        }
        let Some(gm) = r.object(g, &path, &["max", "min"]) else {
            ok = false;
            continue;
        };
        let max = gm.get("max").and_then(|x| r.number(x, &child(&path, "max")));
        let min = gm.get("min").and_then(|x| r.number(x, &child(&path, "min")));
        if let (Some(lo), Some(hi)) = (min, max) {
            if lo > hi {
                r.report(&child(&path, "min"), Code::OutOfOrder, format!("min ({lo}) is above max ({hi})"));
            }
        }
        for (key, value) in [("max", max), ("min", min)] {
            match value {
                Some(x) if x.abs() > MAX_EXACT_POINTS => r.report(
                    &child(&path, key),
                    Code::InvalidValue,
                    format!("{} is beyond ±{} points", show_number(x), show_number(MAX_EXACT_POINTS)),
                ),
                Some(x) if to_centi(x).is_none() => {
                    r.report(&child(&path, key), Code::InvalidValue, "use at most two decimals")
                }
                _ => {}
            }
        }
        out.insert(name.clone(), Group { max, min });
    }
    ok.then_some(out)
}

fn domains(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<String>> {
    let list = r.strings(v, path)?;
    let mut out = Vec::with_capacity(list.len());
    for (i, d) in list.into_iter().enumerate() {
        let d = d.trim().trim_start_matches('@').to_lowercase();
        if !d.contains('.') || d.contains(['@', ' ', '/']) {
            r.report(&index(path, i), Code::InvalidValue, format!("\"{d}\" is not a domain like \"example.com\""));
        } else {
            out.push(d);
        }
    }
    Some(out)
}

fn read_signals(r: &mut Reader, v: &Value) -> Option<Signals> {
    const KEYS: &[&str] = &["fields", "competitorDomains", "customerDomains", "freeMailDomains", "disposableDomains"];
    let m = r.object(v, "signals", KEYS)?;
    let mut s = Signals::default();
    let mut ok = true;
    if let Some(f) = m.get("fields") {
        match r.object(f, "signals.fields", &["email", "title", "employees"]) {
            Some(fm) => {
                for (key, slot) in [
                    ("email", &mut s.fields.email),
                    ("title", &mut s.fields.title),
                    ("employees", &mut s.fields.employees),
                ] {
                    if let Some(x) = fm.get(key) {
                        match r.name(x, &child("signals.fields", key)) {
                            Some(name) => *slot = name,
                            None => ok = false,
                        }
                    }
                }
            }
            None => ok = false,
        }
    }
    for (key, slot) in [
        ("competitorDomains", &mut s.competitor_domains),
        ("customerDomains", &mut s.customer_domains),
        ("freeMailDomains", &mut s.free_mail_domains),
        ("disposableDomains", &mut s.disposable_domains),
    ] {
        if let Some(x) = m.get(key) {
            match domains(r, x, &child("signals", key)) {
                Some(list) => *slot = list,
                None => ok = false,
            }
        }
    }
    ok.then_some(s)
}

fn read_input(r: &mut Reader, v: &Value) -> Option<InputPolicy> {
    let m = r.object(v, "input", &["maxEvents", "maxStringBytes", "onInvalid", "missing"])?;
    let mut p = InputPolicy::default();
    let mut ok = true;
    if let Some(x) = m.get("maxEvents") {
        match r.integer(x, "input.maxEvents", 1, 1_000_000) {
            Some(n) => p.max_events = n as usize,
            None => ok = false,
        }
    }
    if let Some(x) = m.get("maxStringBytes") {
        match r.integer(x, "input.maxStringBytes", 16, 16 * 1024 * 1024) {
            Some(n) => p.max_string_bytes = n as usize,
            None => ok = false,
        }
    }
    if let Some(x) = m.get("onInvalid") {
        match r.string(x, "input.onInvalid").as_deref() {
            Some("warn") => p.on_invalid = OnInvalid::Warn,
            Some("error") => p.on_invalid = OnInvalid::Error,
            Some(other) => {
                let hint = suggestion(other, ["warn", "error"]);
                r.report("input.onInvalid", Code::InvalidValue, format!("must be \"warn\" or \"error\"{hint}"));
                ok = false;
            }
            None => ok = false,
        }
    }
    if let Some(x) = m.get("missing") {
        match missing_texts(r, x) {
            Some(list) => p.missing = list,
            None => ok = false,
        }
    }
    ok.then_some(p)
}

/// `input.missing`: at most 100 texts of at most 64 bytes, kept trimmed, lower-cased and once each
/// (an empty list: only absent and `null` mean "not given").
fn missing_texts(r: &mut Reader, v: &Value) -> Option<Vec<String>> {
    let Value::Array(items) = v else {
        r.report("input.missing", Code::WrongType, format!("expected an array of texts, found {}", describe_value(v)));
        return None;
    };
    if items.len() > 100 {
        r.report("input.missing", Code::TooLarge, format!("{} texts; at most 100", items.len()));
        return None;
    }
    let mut list: Vec<String> = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let path = index("input.missing", i);
        match item {
            Value::String(s) if s.trim().len() <= 64 => {
                let text = s.trim().to_lowercase();
                if !list.contains(&text) {
                    list.push(text);
                }
            }
            Value::String(_) => {
                r.report(&path, Code::TooLarge, "longer than 64 bytes");
                ok = false;
            }
            other => {
                r.report(&path, Code::WrongType, format!("expected a text, found {}", describe_value(other)));
                ok = false;
            }
        }
    }
    ok.then_some(list)
}

fn read_scale(r: &mut Reader, v: &Value) -> Option<Scale> {
    let m = r.object(v, "scale", &["min", "max", "decimals", "raw"])?;
    let mut s = Scale::default();
    let mut ok = true;
    if let Some(x) = m.get("min") {
        s.min = r.number(x, "scale.min").unwrap_or_else(|| {
            ok = false;
            0.0
        });
    }
    if let Some(x) = m.get("max") {
        s.max = r.number(x, "scale.max").unwrap_or_else(|| {
            ok = false;
            100.0
        });
    }
    if ok && s.min >= s.max {
        r.report("scale.max", Code::OutOfOrder, format!("max ({}) must be above min ({})", s.max, s.min));
        ok = false;
    }
    if let Some(x) = m.get("decimals") {
        match r.integer(x, "scale.decimals", 0, 4) {
            Some(d) => s.decimals = d as u8,
            None => ok = false,
        }
    }
    if let Some(x) = m.get("raw") {
        match r.pair(x, "scale.raw") {
            Some((lo, hi)) if lo < hi => s.raw = Some([lo, hi]),
            Some((lo, hi)) => {
                r.report("scale.raw", Code::OutOfOrder, format!("raw range [{lo}, {hi}] must go from low to high"));
                ok = false;
            }
            None => ok = false,
        }
    }
    if let (true, Some([lo, hi])) = (ok, s.raw) {
        if !(s.unclamped(lo).is_finite() && s.unclamped(hi).is_finite()) {
            r.report(
                "scale.raw",
                Code::InvalidValue,
                format!(
                    "mapping [{}, {}] onto [{}, {}] at {} decimals overflows: the score at an end is not a finite number; narrow the ranges",
                    show_number(lo),
                    show_number(hi),
                    show_number(s.min),
                    show_number(s.max),
                    s.decimals
                ),
            );
            ok = false;
        }
    }
    ok.then_some(s)
}

fn read_tiers(r: &mut Reader, v: &Value, scale: &Scale) -> Option<Vec<Tier>> {
    let items = r.nonempty_array(v, "tiers")?;
    let mut out = Vec::with_capacity(items.len());
    let mut names = HashSet::new();
    let mut ok = true;
    for (i, t) in items.iter().enumerate() {
        let path = index("tiers", i);
        let Some(m) = r.object(t, &path, &["name", "min", "action", "slaHours", "label"]) else {
            ok = false;
            continue;
        };
        let name = r.required(m, &path, "name").and_then(|x| r.name(x, &child(&path, "name")));
        let min = r.required(m, &path, "min").and_then(|x| r.number(x, &child(&path, "min")));
        let action = m.get("action").and_then(|x| r.name(x, &child(&path, "action")));
        let sla_hours = m.get("slaHours").and_then(|x| r.positive(x, &child(&path, "slaHours")));
        let label = m.get("label").and_then(|x| r.name(x, &child(&path, "label")));
        if m.contains_key("label") && label.is_none() {
            ok = false;
        }
        if m.contains_key("slaHours") && sla_hours.is_none() {
            ok = false;
        }
        let (Some(name), Some(min)) = (name, min) else {
            ok = false;
            continue;
        };
        if !names.insert(name.clone()) {
            r.report(&child(&path, "name"), Code::DuplicateId, format!("tier \"{name}\" is defined twice"));
            ok = false;
        }
        if min > scale.max {
            r.report(
                &child(&path, "min"),
                Code::InvalidValue,
                format!("{min} is above scale.max ({}): no score reaches it", scale.max),
            );
            ok = false;
        }
        if let Some(prev) = out.last().map(|t: &Tier| t.min) {
            if min >= prev {
                r.report(
                    &child(&path, "min"),
                    Code::OutOfOrder,
                    format!("tiers are listed hottest first, so each min must be below the one before: {min} is not below {prev}"),
                );
                ok = false;
            }
        }
        out.push(Tier { name, min, action, sla_hours, label });
    }
    if let Some(last) = out.last() {
        if ok && last.min > scale.min {
            r.report(
                &child(&index("tiers", out.len() - 1), "min"),
                Code::InvalidValue,
                format!(
                    "scores from scale.min ({}) up to {} would get no tier; set the last tier's min to {}",
                    scale.min, last.min, scale.min
                ),
            );
            ok = false;
        }
    }
    ok.then_some(out)
}

fn read_grades(r: &mut Reader, v: &Value, groups: &BTreeMap<String, Group>) -> Option<Grades> {
    let m = r.object(v, "grades", &["from", "bands"])?;
    let from = r.required(m, "grades", "from").and_then(|x| r.name(x, "grades.from"));
    if let Some(f) = &from {
        if f != "raw" && !groups.contains_key(f) {
            let hint = suggestion(f, groups.keys().map(String::as_str).chain(["raw"]));
            r.report("grades.from", Code::UnknownGroup, format!("no group \"{f}\"{hint}; use a group name or \"raw\""));
        }
    }
    let items = r.required(m, "grades", "bands").and_then(|x| r.nonempty_array(x, "grades.bands"))?;
    let mut bands = Vec::with_capacity(items.len());
    let mut seen = HashSet::new();
    let mut ok = true;
    let last = items.len() - 1;
    for (i, b) in items.iter().enumerate() {
        let path = index("grades.bands", i);
        let Some(bm) = r.object(b, &path, &["grade", "min"]) else {
            ok = false;
            continue;
        };
        let grade = r.required(bm, &path, "grade").and_then(|x| r.name(x, &child(&path, "grade")));
        let min = bm.get("min").and_then(|x| r.number(x, &child(&path, "min")));
        if i < last && min.is_none() && !bm.contains_key("min") {
            r.report(&child(&path, "min"), Code::MissingField, "every band but the last needs a min");
            ok = false;
        }
        if i == last && bm.contains_key("min") {
            r.report(
                &child(&path, "min"),
                Code::InvalidValue,
                "the last band catches everything below the others: leave out its min",
            );
            ok = false;
        }
        if let (Some(m), Some(prev)) = (min, bands.last().and_then(|b: &GradeBand| b.min)) {
            if m >= prev {
                r.report(
                    &child(&path, "min"),
                    Code::OutOfOrder,
                    format!("bands are listed best first: {m} is not below {prev}"),
                );
                ok = false;
            }
        }
        let Some(grade) = grade else {
            ok = false;
            continue;
        };
        if !seen.insert(grade.clone()) {
            r.report(&child(&path, "grade"), Code::DuplicateId, format!("grade \"{grade}\" is defined twice"));
            ok = false;
        }
        bands.push(GradeBand { grade, min });
    }
    (ok && from.as_ref().is_some_and(|f| f == "raw" || groups.contains_key(f)))
        .then(|| Grades { from: from.unwrap_or_default(), bands })
}

fn read_calibration(r: &mut Reader, v: &Value) -> Option<Calibration> {
    let m = r.object(v, "calibration", &["offset", "factor"])?;
    let offset = r.required(m, "calibration", "offset").and_then(|x| r.number(x, "calibration.offset"));
    let factor = r.required(m, "calibration", "factor").and_then(|x| r.positive(x, "calibration.factor"));
    Some(Calibration { offset: offset?, factor: factor? })
}
