//! The merge: one value per enriched field from the lead's own fields and its vendor payloads
//! (`enrichment: { "<vendor>": { verifiedAt, confidence, ...fields } }`), as of a time.
//!
//! Per field, every source in the field's priority order is a candidate when it holds a value.
//! A candidate is skipped when it was verified after `asOf` (it did not exist yet: a backtest must
//! not see it), is older than `maxAgeDays`, has no `verifiedAt` while the field has a maximum age,
//! is less confident than `minConfidence`, or cannot be normalized. The field's `pick` chooses among
//! the rest; every tie goes to the source earlier in the priority order, so the result depends on
//! no input order. The others are compared with the winner: within `tolerance` they agree, beyond
//! it they conflict.

use super::normalize::{self, Normal};
use super::types::{Enrichment, Normalize, Pick, LEAD_SOURCE};
use crate::error::{child, Code};
use crate::signals::hash_index::fnv1a;
use crate::text::{describe_value, show_value};
use crate::time::{self, Millis, DAY_MS};
use serde_json::Value;
use std::collections::BTreeMap;

/// The lead member that holds vendor payloads.
pub const PAYLOADS: &str = "enrichment";

/// Where `vendor`'s payload holds `field`: `enrichment.<vendor>.<field>`, or under the vendor's own
/// name for it (`names`). Dotted as the lead's attributes are stored (not an error path).
pub fn vendor_path(vendor: &str, field: &str, names: &BTreeMap<String, String>) -> String {
    format!("{PAYLOADS}.{vendor}.{}", names.get(vendor).map_or(field, String::as_str))
}

/// A path with its hash, looked up in a lead's attributes.
struct Path {
    full: String,
    hash: u64,
}

impl Path {
    fn new(full: String) -> Path {
        Path { hash: fnv1a(&full), full }
    }
}

/// The `enrichment` section compiled: paths hashed, sources by index, the industry table sorted.
pub struct CompiledEnrichment {
    /// Declared source names (`lead` included), in the section's order.
    pub sources: Vec<Box<str>>,
    /// Per source: the paths of its payload's `verifiedAt` and `confidence` (`None` for `lead`).
    meta: Vec<Option<(Path, Path)>>,
    /// The merged fields, sorted by path.
    pub fields: Vec<CompiledField>,
    /// (lower-cased industry name or alias, canonical name), sorted.
    industries: Vec<(String, String)>,
    ranges: super::types::RangeRule,
}

/// One merged field.
pub struct CompiledField {
    /// The lead field path the rules read.
    pub path: Box<str>,
    pick: Pick,
    /// (source index, where that source holds the value), in priority order.
    order: Vec<(usize, Path)>,
    normalize: Option<Normalize>,
    max_age_ms: Option<i64>,
    min_confidence: Option<f64>,
    tolerance: f64,
}

impl CompiledEnrichment {
    /// Compiles a validated section.
    pub fn new(section: &Enrichment) -> CompiledEnrichment {
        let sources: Vec<Box<str>> = section.sources.iter().map(|s| s.as_str().into()).collect();
        let meta = section
            .sources
            .iter()
            .map(|s| {
                (s != LEAD_SOURCE).then(|| {
                    (Path::new(format!("{PAYLOADS}.{s}.verifiedAt")), Path::new(format!("{PAYLOADS}.{s}.confidence")))
                })
            })
            .collect();
        let fields = section
            .fields
            .iter()
            .map(|(path, f)| {
                let names = f.sources.as_ref().unwrap_or(&section.sources);
                let order = names
                    .iter()
                    .filter_map(|name| {
                        let i = section.sources.iter().position(|s| s == name)?;
                        let at = if name == LEAD_SOURCE { path.clone() } else { vendor_path(name, path, &f.names) };
                        Some((i, Path::new(at)))
                    })
                    .collect();
                CompiledField {
                    path: path.as_str().into(),
                    pick: f.pick,
                    order,
                    normalize: f.normalize,
                    max_age_ms: f.max_age_days.or(section.max_age_days).map(|d| (d * DAY_MS as f64).round() as i64),
                    min_confidence: f.min_confidence.or(section.min_confidence),
                    tolerance: f.tolerance.unwrap_or(0.0),
                }
            })
            .collect();
        let mut industries: Vec<(String, String)> = section
            .industries
            .iter()
            .flat_map(|(canonical, aliases)| {
                std::iter::once(canonical).chain(aliases).map(move |a| (a.trim().to_lowercase(), canonical.clone()))
            })
            .collect();
        industries.sort();
        industries.dedup_by(|a, b| a.0 == b.0);
        CompiledEnrichment { sources, meta, fields, industries, ranges: section.ranges }
    }

    /// The index of a merged field by path.
    pub fn field_index(&self, path: &str) -> Option<usize> {
        self.fields.binary_search_by(|f| (*f.path).cmp(path)).ok()
    }
}

/// What became of a candidate value.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// It is the field's value.
    Chosen,
    /// Not chosen, but within the tolerance of the chosen value.
    Agrees,
    /// Not chosen, and beyond the tolerance of the chosen value.
    Conflicts,
    /// Not usable.
    Skipped {
        /// Why, in words.
        reason: String,
        /// Only its age stood in the way (older than the maximum age): the quality report lists
        /// such fields as stale, apart from missing ones.
        stale: bool,
    },
}

/// One source's value for a field.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index into [`CompiledEnrichment::sources`].
    pub source: usize,
    /// The value normalized, or as given when it could not be.
    pub value: Normal,
    /// When the source verified it.
    pub verified_at: Option<Millis>,
    /// Whole days from `verified_at` to `asOf`.
    pub age_days: Option<i64>,
    /// The payload's confidence.
    pub confidence: Option<f64>,
    /// What became of it.
    pub status: Status,
}

/// One field's merge.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    /// The chosen candidate's index in `candidates`.
    pub chosen: Option<usize>,
    /// Every source that held a value, in priority order.
    pub candidates: Vec<Candidate>,
}

impl Merged {
    /// The field's value.
    pub fn value(&self) -> Option<&Normal> {
        self.candidates.get(self.chosen?).map(|c| &c.value)
    }

    /// Whether the field has no value because its only values were too old: no value chosen, and
    /// every candidate skipped for its age alone.
    pub fn stale(&self) -> bool {
        self.chosen.is_none()
            && !self.candidates.is_empty()
            && self.candidates.iter().all(|c| matches!(c.status, Status::Skipped { stale: true, .. }))
    }

    /// Whether a source's value conflicts with the chosen one.
    pub fn conflicting(&self) -> bool {
        self.candidates.iter().any(|c| c.status == Status::Conflicts)
    }
}

/// A problem with the lead's enrichment data: bad input, reported under the model's `onInvalid`.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where in the lead.
    pub path: String,
    /// Machine-readable kind.
    pub code: Code,
    /// Plain-English explanation.
    pub message: String,
}

/// The merge of every field, with the problems found in the payloads.
pub struct Merge {
    /// Per field of [`CompiledEnrichment::fields`].
    pub fields: Vec<Merged>,
    /// Bad input in the payloads, in the order met.
    pub problems: Vec<Problem>,
}

/// Payload facts read once per lead: per source, `verifiedAt` and `confidence`.
struct PayloadMeta {
    verified_at: Option<Millis>,
    confidence: Option<f64>,
}

/// Merges every field of `spec` for a lead whose attributes `get` reads by dotted path and hash
/// (the lead's `enrichment` member included) and whose top-level vendor payloads are `payloads`
/// (the members of `enrichment`: name and value, `null` when its fields are written as dotted keys).
pub fn merge<'v>(
    spec: &CompiledEnrichment,
    get: &dyn Fn(&str, u64) -> Option<&'v Value>,
    payloads: &[(&str, &Value)],
    as_of: Millis,
) -> Merge {
    let mut problems = Vec::new();
    check_payloads(spec, get, payloads, &mut problems);
    let meta: Vec<PayloadMeta> = spec
        .meta
        .iter()
        .map(|m| match m {
            None => PayloadMeta { verified_at: None, confidence: None },
            Some((verified, confidence)) => PayloadMeta {
                verified_at: read_time(get(&verified.full, verified.hash), &verified.full, &mut problems),
                confidence: read_confidence(get(&confidence.full, confidence.hash), &confidence.full, &mut problems),
            },
        })
        .collect();
    let fields = spec.fields.iter().map(|f| merge_field(spec, f, get, &meta, as_of, &mut problems)).collect();
    Merge { fields, problems }
}

/// The payloads' shapes: `enrichment` an object of objects, every vendor declared.
fn check_payloads<'v>(
    spec: &CompiledEnrichment,
    get: &dyn Fn(&str, u64) -> Option<&'v Value>,
    payloads: &[(&str, &Value)],
    problems: &mut Vec<Problem>,
) {
    match get(PAYLOADS, fnv1a(PAYLOADS)) {
        None | Some(Value::Object(_)) => {}
        Some(other) => problems.push(Problem {
            path: PAYLOADS.into(),
            code: Code::WrongType,
            message: format!("expected an object of vendor payloads, found {}", describe_value(other)),
        }),
    }
    for (name, value) in payloads {
        let path = child(PAYLOADS, name);
        if *name == LEAD_SOURCE || !spec.sources.iter().any(|s| **s == **name) {
            let known: Vec<&str> = spec.sources.iter().map(|s| &**s).filter(|s| *s != LEAD_SOURCE).collect();
            problems.push(Problem {
                path,
                code: Code::UnknownField,
                message: format!(
                    "unknown enrichment source \"{name}\" (the model's enrichment.sources: {}); its payload is ignored",
                    known.join(", ")
                ),
            });
        } else if !value.is_object() && !value.is_null() {
            problems.push(Problem {
                path,
                code: Code::WrongType,
                message: format!("expected a vendor payload object, found {}", describe_value(value)),
            });
        }
    }
}

fn read_time(v: Option<&Value>, path: &str, problems: &mut Vec<Problem>) -> Option<Millis> {
    let v = v.filter(|v| !v.is_null())?;
    let at = time::from_json(v);
    if at.is_none() {
        problems.push(Problem {
            path: path.into(),
            code: Code::BadTimestamp,
            message: format!(
                "{} is not an RFC 3339 time or epoch milliseconds; the payload counts as undated",
                show_value(v)
            ),
        });
    }
    at
}

fn read_confidence(v: Option<&Value>, path: &str, problems: &mut Vec<Problem>) -> Option<f64> {
    let v = v.filter(|v| !v.is_null())?;
    match v.as_f64() {
        Some(c) if (0.0..=1.0).contains(&c) => Some(c),
        _ => {
            problems.push(Problem {
                path: path.into(),
                code: Code::InvalidValue,
                message: format!("confidence {} is not a number from 0 to 1; ignored", show_value(v)),
            });
            None
        }
    }
}

fn merge_field<'v>(
    spec: &CompiledEnrichment,
    f: &CompiledField,
    get: &dyn Fn(&str, u64) -> Option<&'v Value>,
    meta: &[PayloadMeta],
    as_of: Millis,
    problems: &mut Vec<Problem>,
) -> Merged {
    let mut merged = Merged::default();
    for (source, at) in &f.order {
        let Some(raw) = get(&at.full, at.hash).filter(|v| present(v)) else { continue };
        if raw.is_object() {
            // An object where a value belongs (`{"min": 51, "max": 200}`): never used silently.
            problems.push(Problem {
                path: at.full.clone(),
                code: Code::WrongType,
                message: "expected a value, found an object; not used".into(),
            });
            continue;
        }
        // A vendor's payload that is not an object holds no fields (reported once, above).
        let (verified_at, confidence) = meta.get(*source).map_or((None, None), |m| (m.verified_at, m.confidence));
        let age_ms = verified_at.map(|t| as_of - t);
        let normalized = normalize(spec, f, raw);
        let skip = |reason: String| Some(Status::Skipped { reason, stale: false });
        let skipped = match (&normalized, age_ms) {
            (Err(reason), _) => {
                problems.push(Problem { path: at.full.clone(), code: Code::InvalidValue, message: reason.clone() });
                skip(format!("not usable: {reason}"))
            }
            (_, Some(age)) if age < 0 => skip("verified after asOf".to_string()),
            (_, Some(age)) if f.max_age_ms.is_some_and(|max| age > max) => Some(Status::Skipped {
                reason: format!(
                    "older than {} days",
                    crate::json::number(f.max_age_ms.map_or(0.0, |m| m as f64 / DAY_MS as f64))
                ),
                stale: true,
            }),
            // A vendor's payload without `verifiedAt` (the lead's own fields have no age).
            (_, None) if f.max_age_ms.is_some() && spec.meta.get(*source).is_some_and(Option::is_some) => {
                skip("no verifiedAt, so its age is unknown".to_string())
            }
            _ => match (confidence, f.min_confidence) {
                (Some(c), Some(min)) if c < min => {
                    skip(format!("confidence {} is below {}", crate::json::number(c), crate::json::number(min)))
                }
                _ => None,
            },
        };
        let skipped = skipped.or_else(|| {
            (f.pick == Pick::Max && normalized.as_ref().is_ok_and(|n| n.magnitude().is_none())).then(|| {
                Status::Skipped { reason: "not a number, and this field keeps the largest".into(), stale: false }
            })
        });
        merged.candidates.push(Candidate {
            source: *source,
            value: normalized.unwrap_or_else(|_| Normal::Value(raw.clone())),
            verified_at,
            // Whole days, a started day counted: a value 365.5 days old is "366 days old", as it is
            // older than a 365-day maximum (ages are compared in milliseconds, as event windows).
            age_days: age_ms.filter(|a| *a >= 0).map(|a| (a + DAY_MS - 1) / DAY_MS),
            confidence,
            status: skipped.unwrap_or(Status::Agrees),
        });
    }
    let usable: Vec<usize> = (0..merged.candidates.len())
        .filter(|&i| merged.candidates.get(i).is_some_and(|c| c.status == Status::Agrees))
        .collect();
    let chosen = pick(f.pick, &merged.candidates, &usable);
    if let Some(chosen) = chosen {
        let winner = merged.candidates.get(chosen).map(|c| c.value.clone());
        for &i in &usable {
            let Some(c) = merged.candidates.get_mut(i) else { continue };
            c.status = if i == chosen {
                Status::Chosen
            } else if winner.as_ref().is_some_and(|w| agree(w, &c.value, f.tolerance)) {
                Status::Agrees
            } else {
                Status::Conflicts
            };
        }
    }
    merged.chosen = chosen;
    merged
}

/// Present as `exists` means it: not null, blank text or an empty array.
fn present(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => true,
    }
}

fn normalize(spec: &CompiledEnrichment, f: &CompiledField, raw: &Value) -> Result<Normal, String> {
    match f.normalize {
        None => Ok(Normal::Value(raw.clone())),
        Some(Normalize::Employees) => normalize::employees(raw, spec.ranges),
        Some(Normalize::Country) => normalize::country(raw),
        Some(Normalize::Industry) => normalize::industry(raw, &spec.industries),
    }
}

/// The winner among the usable candidates (indices in priority order).
fn pick(how: Pick, candidates: &[Candidate], usable: &[usize]) -> Option<usize> {
    let get = |i: usize| candidates.get(i);
    let mut best: Option<usize> = None;
    for &i in usable {
        let better = match (best.and_then(get), get(i)) {
            (None, _) => true,
            (_, None) => false,
            (Some(b), Some(c)) => match how {
                Pick::Priority => false,
                Pick::Latest => c.verified_at.is_some() && (b.verified_at.is_none() || c.verified_at > b.verified_at),
                Pick::Max => {
                    c.value.magnitude().unwrap_or(f64::NEG_INFINITY) > b.value.magnitude().unwrap_or(f64::NEG_INFINITY)
                }
                Pick::MostFrequent => {
                    let votes = |x: &Candidate| {
                        usable.iter().filter_map(|&j| get(j)).filter(|y| same(&x.value, &y.value)).count()
                    };
                    votes(c) > votes(b)
                }
            },
        };
        if better {
            best = Some(i);
        }
    }
    best
}

/// The same value, for `mostFrequent`'s votes: equal numbers, texts equal ignoring case, ranges
/// with the same ends. Not `agree`: a wide range agrees with every number in it, and would
/// collect every vote.
fn same(a: &Normal, b: &Normal) -> bool {
    match (a, b) {
        (Normal::Range(x), Normal::Range(y)) => x.lo == y.lo && x.hi == y.hi,
        (Normal::Range(_), _) | (_, Normal::Range(_)) => false,
        _ => agree(a, b, 0.0),
    }
}

/// Whether `other` agrees with `chosen` within a relative tolerance.
fn agree(chosen: &Normal, other: &Normal, tolerance: f64) -> bool {
    let number = |n: &Normal| match n {
        Normal::Value(Value::Number(x)) => x.as_f64(),
        Normal::Value(Value::String(s)) => crate::text::parse_number(s),
        _ => None,
    };
    let widen = |lo: f64, hi: f64| (lo * (1.0 - tolerance), hi * (1.0 + tolerance));
    match (chosen, other) {
        (Normal::Range(a), Normal::Range(b)) => {
            let (lo, hi) = widen(a.lo, a.hi);
            b.lo <= hi && lo <= b.hi
        }
        (Normal::Range(r), n) | (n, Normal::Range(r)) => number(n).is_some_and(|x| {
            let (lo, hi) = widen(r.lo, r.hi);
            (lo..=hi).contains(&x)
        }),
        (Normal::Value(Value::String(a)), Normal::Value(Value::String(b))) if number(chosen).is_none() => {
            a.trim().to_lowercase() == b.trim().to_lowercase()
        }
        _ => match (number(chosen), number(other)) {
            (Some(a), Some(b)) => (a - b).abs() <= tolerance * a.abs(),
            _ => chosen == other,
        },
    }
}
