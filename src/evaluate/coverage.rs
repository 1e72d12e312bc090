//! Coverage of a batch: for every lead field a model reads, the share of rows where it is present,
//! and the share of rows with an event a rule reads. A field present in no row is almost always a
//! renamed column (`employee_count` where the model reads `company.employees`): the batch still
//! scores, every lead just misses those points, and nothing else would say so. The report names
//! the field, the rules that read it and, from the batch's own columns, the name it probably has.
//!
//! The accumulator is incremental and mergeable, so a front end that reads leads in chunks on
//! several threads (the CLI's `score`) adds each parsed [`Lead`] where it is parsed and merges the
//! partial counts in any order: counts add up the same whatever the order.

use crate::engine::{is_present, Lead};
use crate::model::{Condition, Model, RuleKind};
use crate::signals;
use crate::signals::hash_index::fnv1a;
use serde::Serialize;
use std::collections::BTreeSet;

/// At most this many distinct field paths are kept from the leads for did-you-mean suggestions:
/// a batch of JSON leads with free-form keys must not grow the accumulator without bound.
const MAX_KEYS: usize = 10_000;

/// Keys are collected from the first this many leads an accumulator counts (each chunk of a
/// streamed batch has its own): a renamed column is in most rows, and looking at every key of
/// every lead would slow `score` down for nothing.
const KEY_ROWS: usize = 256;

/// How similar (Jaro-Winkler, 0 to 1) a column's name must be to a missing field's to be
/// suggested for it.
const SUGGEST_AT: f64 = 0.8;

/// One lead field the model reads, and the rules that read it.
#[derive(Debug, Clone, PartialEq)]
struct Read {
    field: String,
    rules: Vec<String>,
    /// For a field the model's enrichment section merges: where each vendor's payload holds it
    /// (a vendor value counts as present, fresh or not: coverage is about what the data holds).
    vendor_paths: Vec<String>,
    /// Whether the lead's own field is read: not for a merged field whose sources leave out `lead`.
    own: bool,
}

/// Counts coverage over a batch, one lead at a time (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    fields: Vec<Read>,
    /// Lower-cased event types the rules read; empty when no rule reads events.
    event_types: Vec<String>,
    /// An inactivity rule without types reads every event.
    any_event: bool,
    event_rules: Vec<String>,
    rows: usize,
    present: Vec<usize>,
    with_events: usize,
    by_type: Vec<usize>,
    keys: BTreeSet<String>,
    /// FNV-1a of each of `event_types`, as `Event::kind_hash` holds it.
    type_hashes: Vec<u64>,
    /// Scratch for `add`: which types the current lead has.
    seen: Vec<bool>,
}

/// Coverage of one field in a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldCoverage {
    /// The lead field, by dotted path.
    pub field: String,
    /// Rows where it is present.
    pub present: usize,
    /// `present / rows` (0 for an empty batch).
    pub share: f64,
    /// Ids of the rules that read it (directly or through a derived signal).
    pub read_by: Vec<String>,
}

/// Coverage of the events the rules read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventCoverage {
    /// Rows with at least one event a rule reads.
    pub present: usize,
    /// `present / rows`.
    pub share: f64,
    /// Ids of the event and inactivity rules.
    pub read_by: Vec<String>,
    /// Per event type the rules name: rows with at least one event of that type.
    pub types: Vec<TypeCoverage>,
}

/// Rows with an event of one type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeCoverage {
    /// The event type (lower-cased, as the engine compares it).
    #[serde(rename = "type")]
    pub kind: String,
    /// Rows with at least one such event.
    pub present: usize,
    /// `present / rows`.
    pub share: f64,
}

/// A field (or the events) the model reads that no row of the batch has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageWarning {
    /// The field as the model names it (`events` for the events).
    pub field: String,
    /// In plain words, with both names when there is a suggestion.
    pub message: String,
    /// The batch's column or key the field was probably renamed to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
}

/// What [`Coverage::finish`] reports: `{ rows, fields, events?, warnings }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageReport {
    /// Rows counted.
    pub rows: usize,
    /// Every lead field the model reads, in the order the rules first read them.
    pub fields: Vec<FieldCoverage>,
    /// Events, when a rule reads them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<EventCoverage>,
    /// One per field (and for the events) present in no row; empty for an empty batch.
    pub warnings: Vec<CoverageWarning>,
}

/// Whether `path` is present in `lead`, as the engine's `exists: true` reads it (when the lead's own
/// field is read: `own`), or (for a merged field) at one of `vendor_paths` in the lead's enrichment
/// payloads. The one place that decides it.
pub fn field_present(lead: &Lead, path: &str, own: bool, vendor_paths: &[String]) -> bool {
    (own && is_present(lead.attr(path))) || vendor_paths.iter().any(|p| is_present(lead.attr(p)))
}

/// Whether the model reads the lead's own `field`: always, unless the enrichment section merges
/// it from sources that leave out `lead`.
fn reads_own(model: &Model, field: &str) -> bool {
    let merge = model.enrichment.as_ref().and_then(|e| Some((e, e.fields.get(field)?)));
    merge.is_none_or(|(e, f)| f.sources.as_ref().unwrap_or(&e.sources).iter().any(|s| s == crate::enrich::LEAD_SOURCE))
}

/// Where the model's declared vendors hold a merged field: `enrichment.<vendor>.<name>`.
pub(crate) fn vendor_paths(model: &Model, field: &str) -> Vec<String> {
    let Some(e) = &model.enrichment else { return Vec::new() };
    let Some(f) = e.fields.get(field) else { return Vec::new() };
    let sources = f.sources.as_ref().unwrap_or(&e.sources);
    sources
        .iter()
        .filter(|s| *s != crate::enrich::LEAD_SOURCE)
        .map(|s| crate::enrich::vendor_path(s, field, &f.names))
        .collect()
}

/// What `readBy` names for the quality gate's required fields.
const QUALITY: &str = "quality";

/// A field read, first by `reader`.
fn read_of(model: &Model, field: &str, reader: &str) -> Read {
    Read {
        field: field.to_string(),
        rules: vec![reader.to_string()],
        vendor_paths: vendor_paths(model, field),
        own: reads_own(model, field),
    }
}

impl Coverage {
    /// An empty count for `model`: the fields its rules read (conditions, the source fields of the
    /// derived signals they use, inactivity fields) and the event types its rules read. Event
    /// `where` filters read the event, not the lead, and are not counted.
    pub fn new(model: &Model) -> Coverage {
        let mut fields: Vec<Read> = Vec::new();
        let mut event_types: Vec<String> = Vec::new();
        let mut any_event = false;
        let mut event_rules = Vec::new();
        let sources = &model.signals.fields;
        for rule in &model.rules {
            let mut read = |field: &str| match fields.iter_mut().find(|r| r.field == field) {
                Some(r) if r.rules.last() != Some(&rule.id) => r.rules.push(rule.id.clone()),
                Some(_) => {}
                None => fields.push(read_of(model, field, &rule.id)),
            };
            match &rule.kind {
                RuleKind::When(c) => {
                    let mut paths = Vec::new();
                    condition_fields(c, &mut paths);
                    for path in paths {
                        read(signals::lead_field_of(path, sources));
                    }
                }
                RuleKind::Event(e) => {
                    event_rules.push(rule.id.clone());
                    add_types(&mut event_types, &e.types);
                }
                RuleKind::Inactive(i) => {
                    if let Some(field) = &i.field {
                        read(field);
                    }
                    event_rules.push(rule.id.clone());
                    any_event |= i.types.is_empty();
                    add_types(&mut event_types, &i.types);
                }
            }
        }
        // The quality gate reads its required fields too (a derived signal through its source).
        for field in model.quality.iter().flat_map(|q| &q.required) {
            let field = signals::lead_field_of(field, sources);
            match fields.iter_mut().find(|r| r.field == field) {
                Some(r) => r.rules.push(QUALITY.to_string()),
                None => fields.push(read_of(model, field, QUALITY)),
            }
        }
        let n = fields.len();
        let types = event_types.len();
        Coverage {
            type_hashes: event_types.iter().map(|t| fnv1a(t)).collect(),
            seen: vec![false; types],
            fields,
            event_types,
            any_event,
            event_rules,
            rows: 0,
            present: vec![0; n],
            with_events: 0,
            by_type: vec![0; types],
            keys: BTreeSet::new(),
        }
    }

    /// Counts one lead.
    pub fn add(&mut self, lead: &Lead) {
        self.rows += 1;
        for (read, count) in self.fields.iter().zip(self.present.iter_mut()) {
            if field_present(lead, &read.field, read.own, &read.vendor_paths) {
                *count += 1;
            }
        }
        if !self.event_rules.is_empty() {
            // One pass over the events, matching types by the hash the reader already computed.
            self.seen.iter_mut().for_each(|s| *s = false);
            for e in &lead.events {
                let matched = self
                    .type_hashes
                    .iter()
                    .zip(&self.event_types)
                    .position(|(h, t)| *h == e.kind_hash && e.kind == t.as_str());
                if let Some(seen) = matched.and_then(|k| self.seen.get_mut(k)) {
                    *seen = true;
                }
            }
            let mut any = false;
            for (seen, count) in self.seen.iter().zip(self.by_type.iter_mut()) {
                if *seen {
                    *count += 1;
                    any = true;
                }
            }
            if any || (self.any_event && !lead.events.is_empty()) {
                self.with_events += 1;
            }
        }
        if self.rows > KEY_ROWS {
            return;
        }
        for (path, value) in lead.fields() {
            if self.keys.len() >= MAX_KEYS {
                break;
            }
            // Objects are kept as markers in a lead: their members are the columns.
            if !value.is_object() && !self.keys.contains(path) {
                self.keys.insert(path.to_string());
            }
        }
    }

    /// Adds another count of the same model (a chunk counted on another thread).
    pub fn merge(&mut self, other: Coverage) {
        self.rows += other.rows;
        self.with_events += other.with_events;
        for (a, b) in self.present.iter_mut().zip(other.present) {
            *a += b;
        }
        for (a, b) in self.by_type.iter_mut().zip(other.by_type) {
            *a += b;
        }
        for key in other.keys {
            if self.keys.len() >= MAX_KEYS {
                break;
            }
            self.keys.insert(key);
        }
    }

    /// Rows counted so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The report. `columns` are the batch's column names when it has them (a CSV header: a column
    /// empty on every row is still a candidate for did-you-mean); the keys seen in the leads count
    /// too.
    pub fn finish(self, columns: &[String]) -> CoverageReport {
        let rows = self.rows;
        let share = |n: usize| if rows == 0 { 0.0 } else { n as f64 / rows as f64 };
        let mut candidates: BTreeSet<&str> = self.keys.iter().map(String::as_str).collect();
        candidates.extend(columns.iter().map(String::as_str));
        let read: BTreeSet<&str> = self.fields.iter().map(|r| r.field.as_str()).collect();
        let mut warnings = Vec::new();
        let fields: Vec<FieldCoverage> = self
            .fields
            .iter()
            .zip(&self.present)
            .map(|(r, &present)| {
                if present == 0 && rows > 0 {
                    let guess = suggest(&r.field, candidates.iter().copied().filter(|c| !read.contains(c)));
                    warnings.push(absent_warning(&r.field, rows, guess));
                }
                FieldCoverage { field: r.field.clone(), present, share: share(present), read_by: r.rules.clone() }
            })
            .collect();
        let events = (!self.event_rules.is_empty()).then(|| EventCoverage {
            present: self.with_events,
            share: share(self.with_events),
            read_by: self.event_rules.clone(),
            types: self
                .event_types
                .iter()
                .zip(&self.by_type)
                .map(|(kind, &present)| TypeCoverage { kind: kind.clone(), present, share: share(present) })
                .collect(),
        });
        if self.with_events == 0 && rows > 0 && !self.event_rules.is_empty() {
            let message = format!(
                "model reads events ({} rules: {}), found in 0 of {} rows{}",
                self.event_rules.len(),
                self.event_rules.join(", "),
                thousands(rows),
                if candidates.contains("events") { "" } else { "; the batch has no `events` field" }
            );
            warnings.push(CoverageWarning { field: "events".into(), message, did_you_mean: None });
        }
        CoverageReport { rows, fields, events, warnings }
    }
}

impl CoverageReport {
    /// One line for a person: "coverage: 6 of 8 fields the model reads are present (in 52-100% of
    /// 1,500 rows); 2 absent everywhere; events in 80% of rows".
    pub fn summary(&self) -> String {
        let absent = self.fields.iter().filter(|f| f.present == 0).count();
        let present: Vec<f64> = self.fields.iter().filter(|f| f.present > 0).map(|f| f.share).collect();
        let range = match (present.iter().copied().reduce(f64::min), present.iter().copied().reduce(f64::max)) {
            (Some(lo), Some(hi)) if lo < hi => format!(" (in {}-{} of rows)", pct(lo), pct(hi)),
            (Some(lo), Some(_)) => format!(" (in {} of rows)", pct(lo)),
            _ => String::new(),
        };
        let mut line = format!(
            "coverage over {} rows: {} of {} fields the model reads are present{range}",
            thousands(self.rows),
            present.len(),
            self.fields.len()
        );
        if absent > 0 {
            line.push_str(&format!("; {absent} absent from every row"));
        }
        if let Some(e) = &self.events {
            line.push_str(&format!("; events the model reads in {} of rows", pct(e.share)));
        }
        line
    }
}

/// The warning for a field present in no row, naming both names when there is a suggestion.
fn absent_warning(field: &str, rows: usize, guess: Option<&str>) -> CoverageWarning {
    let hint = guess.map_or(String::new(), |g| format!("; did you mean `{g}`?"));
    CoverageWarning {
        field: field.to_string(),
        message: format!("model reads `{field}`, found in 0 of {} rows{hint}", thousands(rows)),
        did_you_mean: guess.map(str::to_string),
    }
}

/// Every field path in a condition (all of its branches).
fn condition_fields<'a>(c: &'a Condition, out: &mut Vec<&'a str>) {
    match c {
        Condition::All(v) | Condition::Any(v) => v.iter().for_each(|c| condition_fields(c, out)),
        Condition::Not(c) => condition_fields(c, out),
        Condition::Field { field, .. } => out.push(field),
    }
}

fn add_types(out: &mut Vec<String>, types: &[String]) {
    for t in types.iter().map(|t| t.to_lowercase()) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
}

/// A name reduced to what a rename keeps: lower case, letters and digits only.
fn squash(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The last dotted segment of a path (`company.employees` -> `employees`).
fn last_segment(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// How alike two names are: the better of the whole names and their last segments, compared
/// squashed (so `company.employees` and `employee_count` are compared as `employees` and
/// `employeecount`).
fn similarity(field: &str, column: &str) -> f64 {
    let whole = strsim::jaro_winkler(&squash(field), &squash(column));
    let last = strsim::jaro_winkler(&squash(last_segment(field)), &squash(last_segment(column)));
    whole.max(last)
}

/// The most similar candidate at or above [`SUGGEST_AT`]; ties go to the first in sorted order,
/// so the suggestion does not depend on row order.
fn suggest<'a>(field: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let s = similarity(field, c);
        if s >= SUGGEST_AT && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, c));
        }
    }
    best.map(|(_, c)| c)
}

/// A share as a whole percentage ("52%"), or with one decimal under 1% and above 99%.
fn pct(x: f64) -> String {
    let p = 100.0 * x;
    if (p > 0.0 && p < 1.0) || (p > 99.0 && p < 100.0) {
        format!("{p:.1}%")
    } else {
        format!("{p:.0}%")
    }
}

/// An integer with thousands separators, as the messages write counts ("1,500").
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scorer;
    use serde_json::{json, Value};

    fn count(scorer: &Scorer, leads: &[Value]) -> Coverage {
        let mut c = Coverage::new(scorer.model());
        for lead in leads {
            c.add(&scorer.parse_lead(lead.clone()).unwrap());
        }
        c
    }

    fn field<'a>(r: &'a CoverageReport, name: &str) -> &'a FieldCoverage {
        r.fields.iter().find(|f| f.field == name).unwrap()
    }

    /// A merged field is present when the lead or any declared vendor holds it (under the
    /// vendor's own name where `names` gives one); an undeclared vendor does not count.
    #[test]
    fn a_merged_field_counts_in_vendor_payloads() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/models/enriched.json")).unwrap();
        let scorer = Scorer::from_json(&text).unwrap();
        let leads = [
            json!({"company": {"employees": 10}}),
            json!({"enrichment": {"zoominfo": {"company": {"employees": 10, "revenue": 5}}}}),
            json!({"enrichment": {"clearbit": {"company.annualRevenue": 5, "annualRevenue": 7}}}),
            json!({"enrichment": {"apollo": {"company": {"employees": 10}}}}),
            json!({"enrichment": {"clearbit": {"company": {"employees": ""}}}}),
            // Revenue is merged from the vendors only: the lead's own value is not read.
            json!({"company": {"revenue": 9}}),
        ];
        let r = count(&scorer, &leads).finish(&[]);
        assert_eq!(field(&r, "company.employees").present, 2);
        assert_eq!(field(&r, "company.revenue").present, 2);
        // The quality gate's required fields are read too, and say so.
        assert!(field(&r, "company.industry").read_by.iter().any(|r| r == "quality"));
    }

    #[test]
    fn the_default_model_reads_signal_sources_and_the_inactivity_field_not_where_filters() {
        let r = Coverage::new(Scorer::default_model().model()).finish(&[]);
        let names: Vec<&str> = r.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            names,
            [
                "title",
                "company.industry",
                "company.employees",
                "company.country",
                "company.revenue",
                "company.techStack",
                "createdAt",
                "email"
            ]
        );
        assert!(!names.contains(&"url"), "an event's where-filter field is not a lead field");
        assert_eq!(field(&r, "title").read_by, ["exec-title", "director-title", "manager-title", "student"]);
        assert_eq!(field(&r, "email").read_by, ["competitor", "free-mail", "disposable-mail"]);
        let events = r.events.unwrap();
        assert!(events.read_by.contains(&"inactive-60d".to_string()) && events.read_by.contains(&"webinar".into()));
        assert_eq!(r.rows, 0);
        assert!(r.warnings.is_empty(), "an empty batch warns of nothing");
    }

    #[test]
    fn present_means_what_exists_true_means() {
        let scorer = Scorer::default_model();
        let leads = [
            json!({"title": "VP Sales", "company": {"techStack": ["hubspot"]}}),
            json!({"title": "   ", "company": {"techStack": []}}),
            json!({"title": null, "company.techStack": "salesforce"}),
            json!({"title": "N/A", "company": {"industry": "Software"}}),
            json!({"company": {"industry": "Select"}, "email": ""}),
        ];
        let r = count(&scorer, &leads).finish(&[]);
        assert_eq!(field(&r, "title").present, 1, "blank, null and a missing text are not present");
        assert_eq!(field(&r, "company.techStack").present, 2, "an empty array is not, a flat dotted key is");
        assert_eq!(field(&r, "company.industry").present, 1);
        assert_eq!(field(&r, "company.industry").share, 0.2);
        assert_eq!(r.rows, 5);
        let absent: Vec<&str> = r.warnings.iter().map(|w| w.field.as_str()).collect();
        assert_eq!(absent, ["company.employees", "company.country", "company.revenue", "createdAt", "email", "events"]);
    }

    #[test]
    fn a_renamed_header_is_a_warning_naming_both_names() {
        let scorer = Scorer::default_model();
        let leads: Vec<Value> = (0..3)
            .map(|i| json!({"title": "CTO", "employee_count": 100 + i, "company.industry": "SaaS", "region": "EMEA"}))
            .collect();
        let columns =
            vec!["title".to_string(), "employee_count".into(), "company.industry".into(), "revenue_usd".into()];
        let r = count(&scorer, &leads).finish(&columns);
        let w = r.warnings.iter().find(|w| w.field == "company.employees").unwrap();
        assert_eq!(w.did_you_mean.as_deref(), Some("employee_count"));
        assert_eq!(w.message, "model reads `company.employees`, found in 0 of 3 rows; did you mean `employee_count`?");
        let revenue = r.warnings.iter().find(|w| w.field == "company.revenue").unwrap();
        assert_eq!(revenue.did_you_mean.as_deref(), Some("revenue_usd"), "a header column empty on every row counts");
        let country = r.warnings.iter().find(|w| w.field == "company.country").unwrap();
        assert_eq!(country.did_you_mean, None, "region is not like country: no guess");
        assert!(!r.warnings.iter().any(|w| w.did_you_mean.as_deref() == Some("title")), "a read field is no guess");
    }

    #[test]
    fn merged_chunks_count_as_one_batch_and_events_by_type() {
        let scorer = Scorer::default_model();
        let leads = [
            json!({"email": "a@b.io", "events": [{"type": "Webinar_Attended", "at": 0}]}),
            json!({"email": "c@d.io", "events": [{"type": "page_view", "at": 0}, {"type": "demo_request", "at": 0}]}),
            json!({"email": "e@f.io", "events": [{"type": "something_else", "at": 0}]}),
            json!({"email": "g@h.io"}),
        ];
        let whole = count(&scorer, &leads);
        let mut merged = count(&scorer, &leads[2..]);
        merged.merge(count(&scorer, &leads[..2]));
        assert_eq!(merged.rows(), 4);
        let (a, b) = (whole.finish(&[]), merged.finish(&[]));
        assert_eq!(a, b);
        // The default model's inactivity rule reads every event type.
        let e = a.events.clone().unwrap();
        assert_eq!((e.present, e.share), (3, 0.75));
        let webinar = e.types.iter().find(|t| t.kind == "webinar_attended").unwrap();
        assert_eq!(webinar.present, 1);
        assert_eq!(field(&a, "email").share, 1.0);
    }

    #[test]
    fn the_report_is_camel_case_json_with_javascript_numbers() {
        let scorer = Scorer::default_model();
        let r = count(&scorer, &[json!({"title": "VP"}), json!({"title": "CEO", "employees": 5})]).finish(&[]);
        let text = crate::json::to_string(&r).unwrap();
        assert!(
            text.starts_with(r#"{"rows":2,"fields":[{"field":"title","present":2,"share":1,"readBy":["exec-title""#)
        );
        assert!(text.contains(r#""didYouMean":"employees""#), "{text}");
        assert_eq!(
            r.summary(),
            "coverage over 2 rows: 1 of 8 fields the model reads are present (in 100% of rows); 7 absent from every row; events the model reads in 0% of rows"
        );
        assert_eq!(thousands(1_500), "1,500");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
