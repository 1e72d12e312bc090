//! Compiles a validated [`Model`] into the form the scorer runs: strings lower-cased once, numbers
//! pre-parsed, points in integer hundredths, default reasons written out once, and names and reasons
//! held here so score cards borrow them instead of copying.

use crate::enrich::{CompiledEnrichment, CompiledQuality};
use crate::model::{Condition, Model, RuleKind, Scalar, Test};
use crate::short_key::ShortKey;
use crate::signals::hash_index::fnv1a;
use crate::signals::{self, Signal};
use crate::time::DAY_MS;
use std::collections::BTreeMap;

/// Points in hundredths; `None` only for values validation already refused.
pub fn centi(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

pub struct CompiledModel {
    pub model_id: Box<str>,
    pub model_version: Box<str>,
    pub fingerprint: Box<str>,
    pub groups: Vec<CGroup>,
    pub rules: Vec<CRule>,
    pub tiers: Vec<CTier>,
    pub grades: Option<CGrades>,
    /// Lower-cased event type with its FNV-1a hash -> indices of the event rules that score it.
    pub dispatch: Vec<Dispatch>,
    /// Number of event rules.
    pub event_slots: usize,
    /// Lead fields the derived signals read.
    pub title_field: FieldPath,
    pub email_field: FieldPath,
    pub employees_field: FieldPath,
    /// Which derived signals the rules read, so scoring computes only those.
    pub needs_title: bool,
    pub needs_email: bool,
    pub needs_size: bool,
    /// The `enrichment` section, if any: merged once per lead before the rules run.
    pub enrichment: Option<CompiledEnrichment>,
    /// The `quality` section, if any, with how each required field is read.
    pub quality: Option<(CompiledQuality, Vec<FieldRef>)>,
    /// Every field path above, numbered.
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))] // read in place by the Arrow batch reader only
    pub paths: NumberedPaths,
}

impl CompiledModel {
    /// Every text a score card can borrow from this model: the JS binding sends each of them across
    /// the boundary once and reuses the JS string afterwards.
    pub fn output_strings(&self) -> impl Iterator<Item = &str> {
        let head = [&*self.model_id, &*self.model_version, &*self.fingerprint].into_iter();
        let groups = self.groups.iter().flat_map(|g| [&*g.name, &*g.cap_rule, &*g.cap_reason, &*g.floor_reason]);
        let rules = self.rules.iter().flat_map(|r| [&*r.id, &*r.reason]);
        let tiers = self
            .tiers
            .iter()
            .flat_map(|t| std::iter::once(&*t.name).chain(t.action.as_deref()).chain(t.label.as_deref()));
        let grades =
            self.grades.iter().flat_map(|g| g.bands.iter().map(|b| &*b.0).chain(g.labels.iter().map(|l| &**l)));
        head.chain(groups).chain(rules).chain(tiers).chain(grades)
    }
}

/// The event rules interested in one event type (lower-cased, with its FNV-1a hash).
pub struct Dispatch {
    pub hash: u64,
    pub kind: String,
    /// What an event of this type does to each rule that counts it, in model order.
    pub targets: Vec<EventTarget>,
}

/// An event rule's numbers that each event of its type reads, side by side in its type's
/// [`Dispatch`] entry: the pass over a lead's events reads one small record per rule an event
/// feeds, not the rule (its texts, its condition) through an index.
pub struct EventTarget {
    /// The rule, for its `where` filter.
    pub rule: usize,
    /// Its accumulator ([`CEvent::slot`]).
    pub slot: usize,
    /// The oldest event it counts, in milliseconds before `asOf`: [`CEvent::within_ms`], with
    /// `i64::MAX` for no window.
    pub window_ms: i64,
    /// [`CEvent::half_life_days`].
    pub half_life_days: Option<f64>,
    /// The rule has a `where` filter.
    pub filtered: bool,
    /// Points for each event, decayed as it is counted; `None` for a `once` rule, whose latest
    /// event alone is decayed when its points are summed.
    pub points_each: Option<f64>,
}

pub struct CGroup {
    pub name: Box<str>,
    pub max: Option<i64>,
    pub min: Option<i64>,
    pub cap_rule: Box<str>,
    pub cap_reason: Box<str>,
    pub floor_reason: Box<str>,
}

pub struct CRule {
    pub id: Box<str>,
    pub group: usize,
    pub group_name: Box<str>,
    pub points: f64,
    pub points_c: i64,
    pub reason: Box<str>,
    pub max: Option<i64>,
    pub min: Option<i64>,
    pub once: bool,
    pub kind: CKind,
    /// Merged (enriched) fields the rule reads, by index: their provenance goes on its contribution.
    pub merged: Vec<usize>,
}

pub enum CKind {
    When(CCond),
    Event(CEvent),
    Inactive(CInactive),
}

pub struct CEvent {
    /// Index of this rule's accumulator in the per-lead event pass.
    pub slot: usize,
    pub filter: Option<CCond>,
    pub within_ms: Option<i64>,
    pub half_life_days: Option<f64>,
    pub min_count: Option<u32>,
}

pub struct CInactive {
    pub days_ms: i64,
    /// Lower-cased activity types; empty for every event.
    pub types: Vec<String>,
    pub field: Option<FieldPath>,
    pub when_no_activity: bool,
}

pub struct CTier {
    pub name: Box<str>,
    pub min: f64,
    pub action: Option<Box<str>>,
    pub sla_hours: Option<f64>,
    pub label: Option<Box<str>>,
}

pub struct CGrades {
    /// Index into `groups`, or `None` for the raw total.
    pub from: Option<usize>,
    pub bands: Vec<(Box<str>, Option<f64>)>,
    /// Every grade x tier label (`A1`, `A2`, ...), band-major, written once so cards borrow them.
    pub labels: Vec<Box<str>>,
}

pub enum CCond {
    All(Vec<CCond>),
    Any(Vec<CCond>),
    Not(Box<CCond>),
    Field {
        field: FieldRef,
        tests: Vec<CTest>,
        /// The tests decided for each value, when `field` is a derived signal of few values.
        table: Option<SignalTable>,
    },
}

/// A condition's tests on a derived signal of few values (a seniority, a department, a size band,
/// an email flag), decided for every value when the model is compiled: scoring looks the answer up
/// by the value's position instead of comparing text per rule and lead. Entry 0 is for a missing
/// value, then one per value in the catalogue's order (`false`, `true` for a flag). An entry is
/// what the tests answer for that value, or `None` where they would report a problem (a test that
/// does not fit the signal), which scoring then reports the usual way.
pub struct SignalTable(pub Box<[Option<bool>]>);

/// How [`compile`] decides a condition on a derived signal for every value (the evaluator's
/// `decide_signal`): given by the caller, since the evaluator reads this module's types and this
/// module does not read the evaluator.
pub type Decide = fn(Signal, &[CTest]) -> Option<SignalTable>;

pub enum FieldRef {
    Signal(Signal),
    Path(FieldPath),
}

/// A dotted field path split once at compile time.
pub struct FieldPath {
    pub full: String,
    pub hash: u64,
    pub segments: Vec<String>,
    /// For a lead field the enrichment section merges: its index there (the value is read from
    /// the merge, not from the lead).
    pub merged: Option<usize>,
    /// Its number among the model's distinct lead paths or event paths ([`NumberedPaths`]).
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))] // read in place by the Arrow batch reader only
    pub number: usize,
}

impl FieldPath {
    fn new(full: &str, number: usize) -> FieldPath {
        FieldPath {
            full: full.to_string(),
            hash: fnv1a(full),
            segments: full.split('.').map(str::to_string).collect(),
            merged: None,
            number,
        }
    }
}

/// The distinct field paths a model reads, numbered, lead fields and event members apart.
///
/// Why: a reader that binds each path to its place once per batch (the Arrow reader binds it to a
/// column) then finds a field by its number ([`FieldPath::number`]), where comparing the path's
/// text with the batch's column names on every read was a visible part of scoring a row.
#[derive(Default)]
pub struct NumberedPaths {
    pub lead: Vec<Box<str>>,
    pub event: Vec<Box<str>>,
    /// Each path's number by its text, so numbering stays quick for a model of thousands of paths.
    lead_numbers: BTreeMap<Box<str>, usize>,
    event_numbers: BTreeMap<Box<str>, usize>,
}

impl NumberedPaths {
    /// A lead field, read through the merge when the enrichment section merges it.
    fn lead(&mut self, full: &str, enrichment: Option<&CompiledEnrichment>) -> FieldPath {
        let number = number_of(&mut self.lead, &mut self.lead_numbers, full);
        FieldPath { merged: enrichment.and_then(|e| e.field_index(full)), ..FieldPath::new(full, number) }
    }

    /// A member of an event.
    fn event(&mut self, full: &str) -> FieldPath {
        FieldPath::new(full, number_of(&mut self.event, &mut self.event_numbers, full))
    }
}

/// The number of `full` among `paths` (whose numbers `numbers` holds), added when new.
fn number_of(paths: &mut Vec<Box<str>>, numbers: &mut BTreeMap<Box<str>, usize>, full: &str) -> usize {
    *numbers.entry(full.into()).or_insert_with(|| {
        paths.push(full.into());
        paths.len() - 1
    })
}

pub enum CScalar {
    /// Lower-cased text, and its number if it reads as one.
    Str {
        lower: String,
        num: Option<f64>,
    },
    Num(f64),
    Bool(bool),
}

/// The values of an `in` / `notIn` list, with an index over the text values so a long list (all
/// target countries, say) costs one lookup rather than one comparison per value: the ASCII values
/// by their 24-byte keys (what nearly every lead's text is looked up by), every value by hash.
pub struct ScalarSet {
    pub items: Vec<CScalar>,
    /// (hash of the lower-cased text, index into `items`), sorted.
    text: Vec<(u64, usize)>,
    /// The ASCII text values as keys, sorted; `None` when one is longer than a key holds.
    ascii: Option<Vec<ShortKey>>,
    /// See [`ScalarSet::only_text`].
    only_text: bool,
}

impl ScalarSet {
    fn new(items: Vec<CScalar>) -> ScalarSet {
        let texts = || {
            items.iter().enumerate().filter_map(|(i, s)| match s {
                CScalar::Str { lower, .. } => Some((i, lower)),
                _ => None,
            })
        };
        let mut text: Vec<(u64, usize)> = texts().map(|(i, lower)| (fnv1a(lower), i)).collect();
        text.sort_unstable();
        let ascii: Option<Vec<ShortKey>> = texts()
            .filter(|(_, lower)| lower.is_ascii())
            .map(|(_, lower)| ShortKey::of_ascii_lower(lower.as_bytes()))
            .collect();
        let ascii = ascii.map(|mut keys| {
            keys.sort_unstable();
            keys
        });
        let only_text = items.iter().all(|s| matches!(s, CScalar::Str { num: None, .. }));
        ScalarSet { items, text, ascii, only_text }
    }

    /// Whether trimmed lead text equals (ignoring case) one of the text values.
    pub fn has_text(&self, value: &str) -> bool {
        let value = crate::text::trim(value);
        // ASCII text (nearly every value) equals a value exactly when their ASCII lower-casings
        // are equal (`eq_ci`), and can equal no value that is not ASCII: its key is looked up
        // among the ASCII values' keys, with no hash of the text and no byte-by-byte compare. A
        // text too long for a key is longer than every value.
        if let (Some(keys), true) = (&self.ascii, value.is_ascii()) {
            return ShortKey::of_ascii_lower(value.as_bytes()).is_some_and(|key| keys.binary_search(&key).is_ok());
        }
        let hash = hash_lower(value);
        let first = self.text.partition_point(|(h, _)| *h < hash);
        self.text.get(first..).unwrap_or(&[]).iter().take_while(|(h, _)| *h == hash).any(
            |(_, i)| matches!(self.items.get(*i), Some(CScalar::Str { lower, .. }) if crate::text::eq_ci(value, lower)),
        )
    }

    /// Every value is text that does not read as a number: text is the only kind a lead value can
    /// be compared with.
    pub fn only_text(&self) -> bool {
        self.only_text
    }

    /// Whether the list holds any text value.
    pub fn any_text(&self) -> bool {
        !self.text.is_empty()
    }
}

/// FNV-1a of the lower-cased text, without allocating when it is ASCII.
fn hash_lower(text: &str) -> u64 {
    if text.is_ascii() {
        crate::signals::hash_index::fnv1a_ascii_lower(text)
    } else {
        fnv1a(&text.to_lowercase())
    }
}

pub enum CTest {
    Eq(CScalar),
    Ne(CScalar),
    In(ScalarSet),
    NotIn(ScalarSet),
    Gt(f64),
    Gte(f64),
    Lt(f64),
    Lte(f64),
    Between(f64, f64),
    Exists(bool),
    Contains(Vec<String>),
    StartsWith(Vec<String>),
    EndsWith(Vec<String>),
    DomainIn(Vec<String>),
}

fn scalar(s: &Scalar) -> CScalar {
    match s {
        Scalar::Str(text) => CScalar::Str { lower: text.to_lowercase(), num: parse_number(text) },
        Scalar::Num(n) => CScalar::Num(*n),
        Scalar::Bool(b) => CScalar::Bool(*b),
    }
}

/// Numbers written as text: defined with the other text helpers (enrichment reads them too).
pub(crate) use crate::text::parse_number;

fn test(t: &Test) -> CTest {
    match t {
        Test::Eq(s) => CTest::Eq(scalar(s)),
        Test::Ne(s) => CTest::Ne(scalar(s)),
        Test::In(l) => CTest::In(ScalarSet::new(l.iter().map(scalar).collect())),
        Test::NotIn(l) => CTest::NotIn(ScalarSet::new(l.iter().map(scalar).collect())),
        Test::Gt(x) => CTest::Gt(*x),
        Test::Gte(x) => CTest::Gte(*x),
        Test::Lt(x) => CTest::Lt(*x),
        Test::Lte(x) => CTest::Lte(*x),
        Test::Between(a, b) => CTest::Between(*a, *b),
        Test::Exists(b) => CTest::Exists(*b),
        Test::Contains(l) => CTest::Contains(l.clone()),
        Test::StartsWith(l) => CTest::StartsWith(l.clone()),
        Test::EndsWith(l) => CTest::EndsWith(l.clone()),
        Test::DomainIn(l) => CTest::DomainIn(l.clone()),
    }
}

/// What the rules read: which derived signals (so scoring computes only those), and which paths.
struct Reads {
    decide: Decide,
    title: bool,
    email: bool,
    size: bool,
    paths: NumberedPaths,
}

/// A lead field or derived signal as the scorer reads it, noting which signals must be computed.
fn lead_field(field: &str, enrichment: Option<&CompiledEnrichment>, reads: &mut Reads) -> FieldRef {
    match signals::lookup(field) {
        Some(def) => {
            match def.signal {
                Signal::TitleSeniority | Signal::TitleDepartment => reads.title = true,
                Signal::CompanySizeBand => reads.size = true,
                _ => reads.email = true,
            }
            FieldRef::Signal(def.signal)
        }
        None => FieldRef::Path(reads.paths.lead(field, enrichment)),
    }
}

/// Where the conditions being compiled read: the lead (through the merge, if any) or an event.
#[derive(Clone, Copy)]
enum Scope<'a> {
    Lead(Option<&'a CompiledEnrichment>),
    Event,
}

fn condition(c: &Condition, scope: Scope<'_>, reads: &mut Reads) -> CCond {
    match c {
        Condition::All(v) => CCond::All(v.iter().map(|c| condition(c, scope, reads)).collect()),
        Condition::Any(v) => CCond::Any(v.iter().map(|c| condition(c, scope, reads)).collect()),
        Condition::Not(c) => CCond::Not(Box::new(condition(c, scope, reads))),
        Condition::Field { field, tests } => {
            let field = match scope {
                Scope::Lead(enrichment) => lead_field(field, enrichment, reads),
                Scope::Event => FieldRef::Path(reads.paths.event(field)),
            };
            let tests: Vec<CTest> = tests.iter().map(test).collect();
            let table = match &field {
                FieldRef::Signal(s) => (reads.decide)(*s, &tests),
                FieldRef::Path(_) => None,
            };
            CCond::Field { field, tests, table }
        }
    }
}

fn fmt_scalar(s: &Scalar) -> String {
    match s {
        Scalar::Str(t) => t.clone(),
        Scalar::Num(n) => n.to_string(),
        Scalar::Bool(b) => b.to_string(),
    }
}

/// A plain-words default reason for a condition, used when a rule gives none.
pub fn describe(c: &Condition) -> String {
    match c {
        Condition::All(v) => v.iter().map(describe).collect::<Vec<_>>().join(" and "),
        Condition::Any(v) => format!("({})", v.iter().map(describe).collect::<Vec<_>>().join(" or ")),
        Condition::Not(c) => format!("not ({})", describe(c)),
        Condition::Field { field, tests } => tests
            .iter()
            .map(|t| match t {
                Test::Eq(s) => format!("{field} is {}", fmt_scalar(s)),
                Test::Ne(s) => format!("{field} is not {}", fmt_scalar(s)),
                Test::In(l) => format!("{field} is one of {}", l.iter().map(fmt_scalar).collect::<Vec<_>>().join(", ")),
                Test::NotIn(l) => {
                    format!("{field} is none of {}", l.iter().map(fmt_scalar).collect::<Vec<_>>().join(", "))
                }
                Test::Gt(x) => format!("{field} > {x}"),
                Test::Gte(x) => format!("{field} ≥ {x}"),
                Test::Lt(x) => format!("{field} < {x}"),
                Test::Lte(x) => format!("{field} ≤ {x}"),
                Test::Between(a, b) => format!("{field} between {a} and {b}"),
                Test::Exists(true) => format!("{field} is given"),
                Test::Exists(false) => format!("{field} is missing"),
                Test::Contains(l) => format!("{field} contains {}", l.join(" or ")),
                Test::StartsWith(l) => format!("{field} starts with {}", l.join(" or ")),
                Test::EndsWith(l) => format!("{field} ends with {}", l.join(" or ")),
                Test::DomainIn(l) => format!("{field} domain is {}", l.join(" or ")),
            })
            .collect::<Vec<_>>()
            .join(" and "),
    }
}

fn days_ms(days: f64) -> i64 {
    (days * DAY_MS as f64).round() as i64
}

/// Compiles a validated model whose fingerprint is `fingerprint`; `decide` decides conditions on
/// derived signals for every value (see [`SignalTable`]).
pub fn compile(model: &Model, fingerprint: Box<str>, decide: Decide) -> CompiledModel {
    let groups: Vec<CGroup> = model
        .groups
        .iter()
        .map(|(name, g)| CGroup {
            name: name.as_str().into(),
            max: g.max.map(centi),
            min: g.min.map(centi),
            cap_rule: format!("cap:{name}").into(),
            cap_reason: format!("{name} capped at {}", g.max.unwrap_or_default()).into(),
            floor_reason: format!("{name} floored at {}", g.min.unwrap_or_default()).into(),
        })
        .collect();
    let enrichment = model.enrichment.as_ref().map(CompiledEnrichment::new);
    let lead = Scope::Lead(enrichment.as_ref());
    let mut reads = Reads { decide, title: false, email: false, size: false, paths: NumberedPaths::default() };
    let title_field = reads.paths.lead(&model.signals.fields.title, enrichment.as_ref());
    let email_field = reads.paths.lead(&model.signals.fields.email, enrichment.as_ref());
    let employees_field = reads.paths.lead(&model.signals.fields.employees, enrichment.as_ref());
    let signal_source =
        |s: Signal| enrichment.as_ref().and_then(|e| e.field_index(signals::source_field(s, &model.signals.fields)));
    // Each event type (lower-cased) with the rules that count it, by index.
    let mut types: Vec<(String, Vec<usize>)> = Vec::new();
    let mut event_slots = 0;
    let rules: Vec<CRule> = model
        .rules
        .iter()
        .enumerate()
        .map(|(rule_index, r)| {
            let group = groups.iter().position(|g| *g.name == *r.group).unwrap_or(0);
            let (kind, default_reason) = match &r.kind {
                RuleKind::When(c) => (CKind::When(condition(c, lead, &mut reads)), describe(c)),
                RuleKind::Event(e) => (
                    CKind::Event(CEvent {
                        slot: {
                            for t in &e.types {
                                let t = t.to_lowercase();
                                match types.iter_mut().find(|(kind, _)| *kind == t) {
                                    Some((_, rules)) if rules.last() != Some(&rule_index) => rules.push(rule_index),
                                    Some(_) => {}
                                    None => types.push((t, vec![rule_index])),
                                }
                            }
                            event_slots += 1;
                            event_slots - 1
                        },
                        filter: e.filter.as_ref().map(|c| condition(c, Scope::Event, &mut reads)),
                        within_ms: e.within_days.map(days_ms),
                        half_life_days: e.half_life_days,
                        min_count: e.min_count,
                    }),
                    format!("{} events", e.types.join(" or ")),
                ),
                RuleKind::Inactive(i) => (
                    CKind::Inactive(CInactive {
                        days_ms: days_ms(i.days),
                        types: i.types.iter().map(|t| t.to_lowercase()).collect(),
                        field: i.field.as_deref().map(|f| reads.paths.lead(f, enrichment.as_ref())),
                        when_no_activity: i.when_no_activity,
                    }),
                    format!("no activity in {} days", i.days),
                ),
            };
            let mut merged = Vec::new();
            match &kind {
                CKind::When(c) => merged_reads(c, &signal_source, &mut merged),
                CKind::Inactive(i) => merged.extend(i.field.as_ref().and_then(|f| f.merged)),
                CKind::Event(_) => {}
            }
            merged.sort_unstable();
            merged.dedup();
            CRule {
                id: r.id.as_str().into(),
                group,
                group_name: r.group.as_str().into(),
                points: r.points,
                points_c: centi(r.points),
                reason: r.reason.clone().unwrap_or(default_reason).into(),
                max: r.max.map(centi),
                min: r.min.map(centi),
                once: r.once,
                kind,
                merged,
            }
        })
        .collect();
    let dispatch = types
        .into_iter()
        .map(|(kind, counting)| Dispatch {
            hash: fnv1a(&kind),
            targets: counting.iter().filter_map(|&i| event_target(i, rules.get(i)?)).collect(),
            kind,
        })
        .collect();
    let tiers = model
        .tiers
        .iter()
        .map(|t| CTier {
            name: t.name.as_str().into(),
            min: t.min,
            action: t.action.as_deref().map(Into::into),
            sla_hours: t.sla_hours,
            label: t.label.as_deref().map(Into::into),
        })
        .collect();
    let grades = model.grades.as_ref().map(|g| CGrades {
        from: groups.iter().position(|x| *x.name == *g.from),
        bands: g.bands.iter().map(|b| (Box::from(b.grade.as_str()), b.min)).collect(),
        labels: g
            .bands
            .iter()
            .flat_map(|b| (1..=model.tiers.len()).map(move |rank| format!("{}{rank}", b.grade).into_boxed_str()))
            .collect(),
    });
    let quality = model.quality.as_ref().map(|q| {
        let tiers: Vec<&str> = model.tiers.iter().map(|t| t.name.as_str()).collect();
        let required = q.required.iter().map(|field| lead_field(field, enrichment.as_ref(), &mut reads)).collect();
        (CompiledQuality::new(q, &tiers), required)
    });
    CompiledModel {
        model_id: model.id.as_str().into(),
        model_version: model.version.as_str().into(),
        fingerprint,
        groups,
        rules,
        tiers,
        grades,
        dispatch,
        event_slots,
        title_field,
        email_field,
        employees_field,
        needs_title: reads.title,
        needs_email: reads.email,
        needs_size: reads.size,
        paths: reads.paths,
        enrichment,
        quality,
    }
}

/// What an event of its type reads of `rule`, the model's rule number `index` (`None` for a rule
/// that is not an event rule).
fn event_target(index: usize, rule: &CRule) -> Option<EventTarget> {
    let CKind::Event(spec) = &rule.kind else { return None };
    Some(EventTarget {
        rule: index,
        slot: spec.slot,
        window_ms: spec.within_ms.unwrap_or(i64::MAX),
        half_life_days: spec.half_life_days,
        filtered: spec.filter.is_some(),
        points_each: (!rule.once).then_some(rule.points),
    })
}

/// The merged fields a lead condition reads, directly or through a derived signal.
fn merged_reads(c: &CCond, signal_source: &dyn Fn(Signal) -> Option<usize>, out: &mut Vec<usize>) {
    match c {
        CCond::All(v) | CCond::Any(v) => v.iter().for_each(|c| merged_reads(c, signal_source, out)),
        CCond::Not(c) => merged_reads(c, signal_source, out),
        CCond::Field { field: FieldRef::Path(p), .. } => out.extend(p.merged),
        CCond::Field { field: FieldRef::Signal(s), .. } => out.extend(signal_source(*s)),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_number, scalar, ScalarSet};
    use crate::model::Scalar;

    /// The definition `has_text`'s lookups must answer as: the trimmed text equals a text value,
    /// ignoring case.
    fn has_text_as_defined(set: &ScalarSet, value: &str) -> bool {
        let value = value.trim();
        set.items.iter().any(|s| matches!(s, super::CScalar::Str { lower, .. } if crate::text::eq_ci(value, lower)))
    }

    #[test]
    fn a_list_has_a_text_exactly_as_defined() {
        let long = "a value longer than twenty-four bytes";
        let lists: Vec<Vec<&str>> = vec![
            vec!["Software", "SaaS", "information technology", "IT Services", "Straße", "ÉTÉ", "12", "us"],
            vec!["software", long],
            vec!["Geschäftsführer", "k"],
            vec!["\u{212a}", "ẞ", "abcdefghijklmnopqrstuvwx", "ABCDEFGHIJKLMNOPQRSTUVWXY"],
            vec!["abcdefghijklmnopqrstuvwx", "n/a"],
            vec![],
        ];
        let mut values: Vec<String> = crate::short_key::tests::texts();
        for extra in [
            "SOFTWARE",
            " saas ",
            "\u{a0}SaaS",
            "STRASSE",
            "straße",
            "ß",
            "ẞ",
            "été",
            "Été",
            "\u{212a}",
            "K",
            "12",
            " US",
            long,
        ] {
            values.push(extra.to_string());
            values.push(extra.to_uppercase());
        }
        let mut hits = 0;
        for list in lists {
            let set = ScalarSet::new(list.iter().map(|t| scalar(&Scalar::Str((*t).to_string()))).collect());
            for value in &values {
                let expected = has_text_as_defined(&set, value);
                assert_eq!(set.has_text(value), expected, "{value:?} in {list:?}");
                hits += usize::from(expected);
            }
        }
        assert!(hits > 10, "{hits}");
    }

    #[test]
    fn numbers_in_text_use_json_number_syntax() {
        let cases = [
            ("250", Some(250.0)),
            (" 1e3 ", Some(1000.0)),
            ("-2.5", Some(-2.5)),
            ("0.30000000000000004", Some(0.300_000_000_000_000_04)),
            ("+5", None),
            (".5", None),
            ("5.", None),
            ("007", None),
            ("1,000", None),
            ("0x10", None),
            ("inf", None),
            ("NaN", None),
            ("1e999", None),
            ("", None),
            ("  ", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_number(text), expected, "{text:?}");
        }
    }

    /// A number given as text is the value the same digits give as a JSON number.
    #[test]
    fn text_reads_as_the_json_number() {
        for text in
            ["0.1", "123456789.123456789", "2.2250738585072014e-308", "9007199254740993", "1.7976931348623157e308"]
        {
            let number = serde_json::from_str::<serde_json::Value>(text).ok().and_then(|v| v.as_f64());
            assert_eq!(parse_number(text), number, "{text}");
        }
    }
}
