//! Reads the model's `enrichment` and `quality` sections (types in `crate::enrich`), reporting
//! every problem with its path: unknown sources with a did-you-mean, an industry normalization
//! without a table, a `max` pick on texts, a tier cap that names no tier.

use super::reader::Reader;
use crate::enrich::{Enrichment, FieldMerge, Normalize, Pick, Quality, RangeRule, LEAD_SOURCE, PAYLOADS};
use crate::error::{child, index, Code};
use crate::signals;
use crate::text::suggestion;
use serde_json::Value;
use std::collections::BTreeMap;

const SECTION: &[&str] = &["sources", "maxAgeDays", "minConfidence", "ranges", "industries", "fields"];
const FIELD: &[&str] = &["pick", "sources", "names", "normalize", "maxAgeDays", "minConfidence", "tolerance"];

/// The `enrichment` section.
pub fn read_enrichment(r: &mut Reader, v: &Value) -> Option<Enrichment> {
    let path = "enrichment";
    let m = r.object(v, path, SECTION)?;
    let before = r.issues.len();
    let sources = r.required(m, path, "sources").and_then(|v| read_sources(r, v, &child(path, "sources")));
    let max_age_days = m.get("maxAgeDays").and_then(|v| r.positive(v, &child(path, "maxAgeDays")));
    let min_confidence = m.get("minConfidence").and_then(|v| share(r, v, &child(path, "minConfidence")));
    let ranges = match m.get("ranges") {
        None => RangeRule::default(),
        Some(v) => match v.as_str() {
            Some("midpoint") => RangeRule::Midpoint,
            Some("within") => RangeRule::Within,
            Some("overlaps") => RangeRule::Overlaps,
            _ => {
                one_of(r, v, &child(path, "ranges"), &["midpoint", "within", "overlaps"]);
                RangeRule::default()
            }
        },
    };
    let industries = match m.get("industries") {
        None => BTreeMap::new(),
        Some(v) => read_industries(r, v, &child(path, "industries")).unwrap_or_default(),
    };
    let all = sources.clone().unwrap_or_default();
    let fields = r.required(m, path, "fields").and_then(|v| {
        let fp = child(path, "fields");
        let map = r.map(v, &fp)?;
        if map.is_empty() {
            r.report(
                &fp,
                Code::EmptyList,
                "name at least one field to merge, e.g. {\"company.employees\": {\"pick\": \"priority\"}}",
            );
            return None;
        }
        let mut out = BTreeMap::new();
        for (field, spec) in map {
            if let Some(f) = read_field(r, field, spec, &child(&fp, field), &all, !industries.is_empty()) {
                out.insert(field.clone(), f);
            }
        }
        Some(out)
    });
    if r.issues.len() > before {
        return None;
    }
    Some(Enrichment { sources: sources?, max_age_days, min_confidence, ranges, industries, fields: fields? })
}

fn read_sources(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<String>> {
    let items = r.nonempty_array(v, path)?;
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        let name = r.name(item, &p)?;
        if name.contains('.') {
            r.report(
                &p,
                Code::InvalidValue,
                format!("a source name is a key of the lead's \"{PAYLOADS}\" object and cannot hold a dot: \"{name}\""),
            );
        } else if out.contains(&name) {
            r.report(&p, Code::DuplicateId, format!("source \"{name}\" is listed twice"));
        } else {
            out.push(name);
        }
    }
    Some(out)
}

fn read_industries(r: &mut Reader, v: &Value, path: &str) -> Option<BTreeMap<String, Vec<String>>> {
    let map = r.map(v, path)?;
    let mut out = BTreeMap::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (canonical, aliases) in map {
        let p = child(path, canonical);
        let aliases = r.strings(aliases, &p)?;
        for (i, name) in std::iter::once(canonical).chain(&aliases).enumerate() {
            let key = name.trim().to_lowercase();
            match seen.get(&key) {
                Some(other) if other != canonical => {
                    let at = if i == 0 { p.clone() } else { index(&p, i - 1) };
                    r.report(&at, Code::DuplicateId, format!("\"{name}\" already maps to \"{other}\""));
                }
                _ => {
                    seen.insert(key, canonical.clone());
                }
            }
        }
        out.insert(canonical.clone(), aliases);
    }
    Some(out)
}

fn read_field(
    r: &mut Reader,
    field: &str,
    v: &Value,
    path: &str,
    all: &[String],
    has_industries: bool,
) -> Option<FieldMerge> {
    if field.trim().is_empty() {
        r.report(path, Code::InvalidValue, "a field path must not be empty");
        return None;
    }
    if signals::lookup(field).is_some() {
        r.report(
            path,
            Code::InvalidValue,
            format!("\"{field}\" is a derived signal; merge the field it is derived from"),
        );
        return None;
    }
    if field == PAYLOADS || field.starts_with(&format!("{PAYLOADS}.")) {
        r.report(
            path,
            Code::InvalidValue,
            format!("\"{field}\" is inside the vendor payloads; name the field the rules read"),
        );
        return None;
    }
    let m = r.object(v, path, FIELD)?;
    let pick = match m.get("pick") {
        None => Pick::Priority,
        Some(v) => match v.as_str() {
            Some("priority") => Pick::Priority,
            Some("latest") => Pick::Latest,
            Some("mostFrequent") => Pick::MostFrequent,
            Some("max") => Pick::Max,
            _ => {
                one_of(r, v, &child(path, "pick"), &["priority", "latest", "mostFrequent", "max"]);
                return None;
            }
        },
    };
    let sources = match m.get("sources") {
        None => None,
        Some(v) => {
            let p = child(path, "sources");
            let list = read_sources(r, v, &p)?;
            for (i, name) in list.iter().enumerate() {
                known_source(r, name, &index(&p, i), all);
            }
            Some(list)
        }
    };
    let mut names = BTreeMap::new();
    if let Some(v) = m.get("names") {
        let p = child(path, "names");
        for (vendor, name) in r.map(v, &p)? {
            let at = child(&p, vendor);
            if vendor == LEAD_SOURCE {
                r.report(&at, Code::InvalidValue, "the lead's own value is always read from the field itself");
            } else if known_source(r, vendor, &at, all) {
                if let Some(name) = r.name(name, &at) {
                    names.insert(vendor.clone(), name);
                }
            }
        }
    }
    let normalize = match m.get("normalize") {
        None => None,
        Some(v) => match v.as_str() {
            Some("employees") => Some(Normalize::Employees),
            Some("country") => Some(Normalize::Country),
            Some("industry") if has_industries => Some(Normalize::Industry),
            Some("industry") => {
                r.report(
                    &child(path, "normalize"),
                    Code::InvalidValue,
                    "industry normalization maps names through enrichment.industries, which is empty or absent",
                );
                None
            }
            _ => {
                one_of(r, v, &child(path, "normalize"), &["employees", "country", "industry"]);
                None
            }
        },
    };
    if pick == Pick::Max && matches!(normalize, Some(Normalize::Country | Normalize::Industry)) {
        r.report(
            &child(path, "pick"),
            Code::InvalidValue,
            "\"max\" keeps the largest number; countries and industries are texts",
        );
    }
    Some(FieldMerge {
        pick,
        sources,
        names,
        normalize,
        max_age_days: m.get("maxAgeDays").and_then(|v| r.positive(v, &child(path, "maxAgeDays"))),
        min_confidence: m.get("minConfidence").and_then(|v| share(r, v, &child(path, "minConfidence"))),
        tolerance: m.get("tolerance").and_then(|v| {
            let p = child(path, "tolerance");
            let x = r.number(v, &p)?;
            if x < 0.0 {
                r.report(&p, Code::InvalidValue, format!("must be 0 or more, found {x}"));
                return None;
            }
            Some(x)
        }),
    })
}

/// Whether `name` is a declared source; reports it (with a did-you-mean) when not.
fn known_source(r: &mut Reader, name: &str, path: &str, all: &[String]) -> bool {
    if all.iter().any(|s| s == name) {
        return true;
    }
    let hint = suggestion(name, all.iter().map(String::as_str));
    r.report(
        path,
        Code::InvalidValue,
        format!("unknown source \"{name}\"{hint}; enrichment.sources declares the sources"),
    );
    false
}

/// A number from 0 to 1.
fn share(r: &mut Reader, v: &Value, path: &str) -> Option<f64> {
    let x = r.number(v, path)?;
    if !(0.0..=1.0).contains(&x) {
        r.report(path, Code::InvalidValue, format!("must be from 0 to 1, found {x}"));
        return None;
    }
    Some(x)
}

fn one_of(r: &mut Reader, v: &Value, path: &str, allowed: &[&str]) {
    let found = v.as_str().map_or_else(|| v.to_string(), |s| format!("\"{s}\""));
    let hint = v.as_str().map(|s| suggestion(s, allowed.iter().copied())).unwrap_or_default();
    r.report(path, Code::InvalidValue, format!("{found} is not one of {}{hint}", allowed.join(", ")));
}

/// The `quality` section; `tiers` are the model's tier names.
pub fn read_quality(r: &mut Reader, v: &Value, tiers: &[&str]) -> Option<Quality> {
    let path = "quality";
    let m = r.object(v, path, &["required", "minCompleteness", "tierCap", "action"])?;
    let before = r.issues.len();
    let required = r.required(m, path, "required").and_then(|v| {
        let p = child(path, "required");
        let items = r.nonempty_array(v, &p)?;
        let mut out: Vec<String> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = index(&p, i);
            let name = r.name(item, &at)?;
            if signals::lookup(&name).is_none() && signals::RESERVED_PREFIXES.iter().any(|x| name.starts_with(x)) {
                let hint = suggestion(&name, signals::CATALOGUE.iter().map(|d| d.name));
                r.report(&at, Code::UnknownSignal, format!("unknown signal \"{name}\"{hint}"));
            } else if out.contains(&name) {
                r.report(&at, Code::DuplicateId, format!("\"{name}\" is listed twice"));
            } else {
                out.push(name);
            }
        }
        Some(out)
    });
    let min = r.required(m, path, "minCompleteness").and_then(|v| share(r, v, &child(path, "minCompleteness")));
    let tier_cap = m.get("tierCap").and_then(|v| {
        let p = child(path, "tierCap");
        let name = r.name(v, &p)?;
        if !tiers.contains(&name.as_str()) {
            let hint = suggestion(&name, tiers.iter().copied());
            r.report(&p, Code::InvalidValue, format!("no tier is named \"{name}\"{hint}"));
        }
        Some(name)
    });
    let action = m.get("action").and_then(|v| r.name(v, &child(path, "action")));
    if r.issues.len() > before {
        return None;
    }
    Some(Quality { required: required?, min_completeness: min?, tier_cap, action })
}
