//! `Scorer`: compile a model once, then score leads as of a given time.
//!
//! Order of work for one lead: derived signals (only those the model reads) -> each rule in model order
//! (attribute, event, inactivity) -> rule caps -> group caps and floors -> raw total -> scale -> tier,
//! grade, label, probability. All point arithmetic is in integer hundredths after each rule's value is
//! rounded, so the contributions add up exactly to `raw` on every target.

use super::account_models::account_models;
use super::card::{Contribution, ContributionKind, GroupTotal, ScoreCard, TierResult};
use super::compile::{
    centi, compile, parse_number, CCond, CEvent, CGroup, CInactive, CKind, CRule, CompiledModel, FieldPath, FieldRef,
};
use super::enriched::{conflict_warnings, enriched_fields};
use super::eval::{decide_signal, eval, lead_field, Derived, Problems, Source, Val};
use super::lead::Lead;
use super::points::{centi_of_nano, nano};
use crate::enrich::{self, CompiledEnrichment, Merged, QualityReport};
use crate::error::{Code, LeadError, ModelError};
use crate::model::{Model, OnInvalid, DEFAULT_MODEL_FINGERPRINT, DEFAULT_MODEL_JSON};
use crate::signals::{analyse_email_with, classify_title, domain_facts, size, Department, DomainFacts, Seniority};
use crate::time::{self, Millis, DAY_MS};
use serde_json::Value;
use std::borrow::Cow;

/// A compiled model, ready to score leads. Cheap to share across threads (`Sync`).
pub struct Scorer {
    model: Model,
    compiled: CompiledModel,
    /// The account section's scorers, for a model with one.
    account: Option<Box<AccountScorers>>,
}

/// The scorers of a model's account section.
pub struct AccountScorers {
    /// The account's own rules.
    pub account: Scorer,
    /// The contact checks: rule `role:<id>` fires for a contact in the role, `stage:<id>` when the
    /// stage's `when` holds (see `account_models`).
    pub contacts: Scorer,
}

/// Points a caller adds to a card beside the rules' (an account's roll-up, breadth, roles and
/// intent; a hot account's boost on a contact): counted in a group before its cap, listed after
/// the rules' contributions.
pub struct Extra<'s> {
    /// The group's name (ignored when the model has no such group).
    pub group: &'s str,
    /// What kind of contribution.
    pub kind: ContributionKind,
    /// Its id.
    pub rule: Cow<'s, str>,
    /// Its reason.
    pub reason: Cow<'s, str>,
    /// Points in hundredths.
    pub points_c: i64,
}

impl Scorer {
    /// Compiles a validated model.
    pub fn new(model: Model) -> Scorer {
        let fingerprint = model.fingerprint().into();
        Scorer::with_fingerprint(model, fingerprint)
    }

    pub(super) fn with_fingerprint(model: Model, fingerprint: Box<str>) -> Scorer {
        // Both carry the whole model's fingerprint: their cards come from that model.
        let account = account_models(&model).map(|(own, checks)| {
            Box::new(AccountScorers {
                account: Scorer::with_fingerprint(own, fingerprint.clone()),
                contacts: Scorer::with_fingerprint(checks, fingerprint.clone()),
            })
        });
        let compiled = compile(&model, fingerprint, decide_signal);
        Scorer { model, compiled, account }
    }

    /// The compiled model.
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))] // read in place by the Arrow batch reader only
    pub(super) fn compiled(&self) -> &CompiledModel {
        &self.compiled
    }

    /// The account section's scorers, for a model with one.
    pub fn account_scorers(&self) -> Option<&AccountScorers> {
        self.account.as_deref()
    }

    /// Parses, validates and compiles a model from JSON text.
    pub fn from_json(text: &str) -> Result<Scorer, ModelError> {
        Model::from_json(text).map(Scorer::new)
    }

    /// A scorer for the embedded default model.
    pub fn default_model() -> Scorer {
        // Its fingerprint is known (a unit test checks it): no canonical form to hash.
        match Model::from_json(DEFAULT_MODEL_JSON) {
            Ok(model) => Scorer::with_fingerprint(model, DEFAULT_MODEL_FINGERPRINT.into()),
            Err(_) => Scorer::new(Model::default_model()),
        }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Every text a score card can borrow from this scorer (ids, reasons, group, tier and grade
    /// names, labels), each once or more.
    pub fn output_strings(&self) -> impl Iterator<Item = &str> {
        self.compiled.output_strings()
    }

    /// The model's fingerprint.
    pub fn fingerprint(&self) -> &str {
        &self.compiled.fingerprint
    }

    /// Parses a lead under this model's input limits and policy.
    pub fn parse_lead(&self, value: Value) -> Result<Lead, LeadError> {
        Lead::parse(value, &self.model.input)
    }

    /// Parses a lead from JSON text and scores it.
    pub fn score_json(&self, text: &str, as_of: Millis) -> Result<ScoreCard<'_>, LeadError> {
        let lead = Lead::from_json(text, &self.model.input)?;
        self.score(&lead, as_of)
    }

    /// Parses a lead value and scores it.
    pub fn score_value(&self, value: Value, as_of: Millis) -> Result<ScoreCard<'_>, LeadError> {
        let lead = self.parse_lead(value)?;
        self.score(&lead, as_of)
    }

    /// Scores a parsed lead as of `as_of` (events after it are ignored).
    pub fn score(&self, lead: &Lead, as_of: Millis) -> Result<ScoreCard<'_>, LeadError> {
        self.score_with(lead, as_of, Vec::new())
    }

    /// [`Scorer::score`] with points from outside the rules (see [`Extra`]).
    pub fn score_with<'s>(
        &'s self,
        lead: &Lead,
        as_of: Millis,
        extras: Vec<Extra<'s>>,
    ) -> Result<ScoreCard<'s>, LeadError> {
        let c = &self.compiled;
        let mut problems = Problems {
            warnings: lead.warnings.clone(),
            error: None,
            strict: self.model.input.on_invalid == OnInvalid::Error,
        };
        let merge = c.enrichment.as_ref().map(|spec| merge(spec, lead, as_of, &mut problems));
        let merged: &[Merged] = merge.as_deref().unwrap_or(&[]);
        // Each merged field's provenance in words, written once: the contributions that read the
        // field and the card's `enrichment` list share it.
        let provenance: Vec<String> = match &c.enrichment {
            Some(spec) => {
                spec.fields.iter().zip(merged).map(|(f, m)| enrich::describe(&f.path, m, &spec.sources)).collect()
            }
            None => Vec::new(),
        };
        let signals = &self.model.signals;
        let derived = self.derive(
            &|p| lead_field(lead, merged, p),
            &classify_title,
            None,
            &|domain| domain_facts(domain, signals),
            &mut problems,
        );
        let pass = self.event_pass(lead, as_of, &mut problems);
        let mut contributions = Vec::with_capacity(8);
        let mut group_sums = Scratch::<i64, 16>::new(c.groups.len());
        let group_sums = group_sums.as_mut_slice();
        for rule in &c.rules {
            let Some((mut contribution, points_c)) =
                self.apply(rule, Source::Lead(lead, &derived, merged), &pass, as_of, &mut problems)
            else {
                continue;
            };
            contribution.provenance = rule.merged.iter().filter_map(|&i| provenance.get(i).cloned()).collect();
            if let Some(sum) = group_sums.get_mut(rule.group) {
                *sum += points_c;
            }
            contributions.push(contribution);
        }
        if let Some(error) = problems.error {
            return Err(error);
        }
        if let Some(spec) = &c.enrichment {
            conflict_warnings(spec, merged, &mut problems.warnings);
        }
        let parts = Parts {
            lead_id: lead.attr("id").filter(|v| v.is_string() || v.is_number()).cloned(),
            as_of,
            quality: self.quality(lead, &derived, merged),
            enrichment: c.enrichment.as_ref().map(|spec| enriched_fields(spec, merged, provenance)),
            warnings: problems.warnings,
        };
        Ok(self.finish(contributions, group_sums, extras, parts))
    }

    /// A card with points from outside the rules added (see [`Extra`]): the same card as
    /// [`Scorer::score_with`] given those extras, without scoring the lead again (an account's boost
    /// on its contacts).
    pub fn with_extras<'s>(&'s self, card: ScoreCard<'s>, extras: Vec<Extra<'s>>) -> ScoreCard<'s> {
        let mut contributions = card.contributions;
        contributions.retain(|c| c.kind != ContributionKind::GroupCap);
        let mut sums: Vec<i64> = card.groups.iter().map(|g| centi(g.uncapped)).collect();
        let parts = Parts {
            lead_id: card.lead_id,
            as_of: card.as_of,
            quality: card.quality,
            enrichment: card.enrichment,
            warnings: card.warnings,
        };
        self.finish(contributions, &mut sums, extras, parts)
    }

    /// The card from the contributions and the groups' uncapped sums (in hundredths, in group
    /// order): the extras, group caps and floors, raw, scale, tier, grade, label, probability.
    fn finish<'s>(
        &'s self,
        mut contributions: Vec<Contribution<'s>>,
        group_sums: &mut [i64],
        extras: Vec<Extra<'s>>,
        parts: Parts<'s>,
    ) -> ScoreCard<'s> {
        let c = &self.compiled;
        let quality = parts.quality;
        for extra in extras {
            let Some(g) = c.groups.iter().position(|g| *g.name == *extra.group) else { continue };
            if let (Some(sum), Some(group)) = (group_sums.get_mut(g), c.groups.get(g)) {
                *sum = sum.saturating_add(extra.points_c);
                contributions.push(Contribution {
                    rule: extra.rule,
                    group: &group.name,
                    kind: extra.kind,
                    points: from_centi(extra.points_c),
                    reason: extra.reason,
                    events: None,
                    decayed: None,
                    capped: None,
                    last_activity_at: None,
                    provenance: Vec::new(),
                });
            }
        }
        let mut groups = Vec::with_capacity(c.groups.len());
        let mut raw_c = 0i64;
        for (g, &uncapped) in c.groups.iter().zip(group_sums.iter()) {
            let (points, reason) = capped(g, uncapped);
            if let Some(reason) = reason {
                contributions.push(Contribution {
                    rule: Cow::Borrowed(&g.cap_rule),
                    group: &g.name,
                    kind: ContributionKind::GroupCap,
                    points: from_centi(points - uncapped),
                    reason: Cow::Borrowed(reason),
                    events: None,
                    decayed: None,
                    capped: None,
                    last_activity_at: None,
                    provenance: Vec::new(),
                });
            }
            raw_c += points;
            groups.push(GroupTotal { group: &g.name, points: from_centi(points), uncapped: from_centi(uncapped) });
        }
        let Verdict { score, raw, tier, grade, label, probability } =
            self.verdict(raw_c, &|i| groups.get(i).map_or(0.0, |t| t.points), quality.as_ref());
        ScoreCard {
            lead_id: parts.lead_id,
            model_id: &c.model_id,
            model_version: &c.model_version,
            fingerprint: &c.fingerprint,
            as_of: parts.as_of,
            score,
            raw,
            tier,
            grade,
            label,
            probability,
            quality,
            groups,
            contributions,
            enrichment: parts.enrichment,
            warnings: parts.warnings,
        }
    }

    /// What the points say: the score on the scale, the tier, grade, label and probability, from
    /// the raw total in hundredths and each group's capped points (`group_points`).
    pub(super) fn verdict(
        &self,
        raw_c: i64,
        group_points: &dyn Fn(usize) -> f64,
        quality: Option<&QualityReport<'_>>,
    ) -> Verdict<'_> {
        let c = &self.compiled;
        let raw = from_centi(raw_c);
        let score = self.model.scale.score(raw);
        let gate = quality.filter(|q| q.gated).and(c.quality.as_ref()).map(|(q, _)| q);
        let tier_index = c.tiers.iter().position(|t| score >= t.min);
        // A gated lead goes no hotter than the quality section's tier cap.
        let tier_index = match (tier_index, gate.and_then(|q| q.tier_cap)) {
            (Some(i), Some(cap)) => Some(i.max(cap)),
            (i, _) => i,
        };
        let tier = tier_index.and_then(|i| Some((i, c.tiers.get(i)?))).map(|(i, t)| TierResult {
            name: &t.name,
            rank: u32::try_from(i + 1).unwrap_or(u32::MAX),
            action: gate.and_then(|q| q.action.as_deref()).or(t.action.as_deref()),
            sla_hours: t.sla_hours,
            label: t.label.as_deref(),
        });
        let grade = c.grades.as_ref().and_then(|g| {
            let value = match g.from {
                Some(i) => group_points(i),
                None => raw,
            };
            g.bands.iter().position(|(_, min)| min.is_none_or(|m| value >= m)).map(|band| (g, band))
        });
        // A gated lead's fit is unknown, not the worst grade; with no grade it has no label.
        let grade = grade.filter(|_| gate.is_none());
        let label = match (grade, &tier) {
            (Some((g, band)), Some(t)) => g.labels.get(band * c.tiers.len() + (t.rank as usize - 1)).map(|l| &**l),
            _ => None,
        };
        let grade = match (grade, &c.grades) {
            (Some((g, band)), _) => g.bands.get(band).map(|(name, _)| &**name),
            (None, Some(_)) if gate.is_some() => Some(UNKNOWN_GRADE),
            (None, _) => None,
        };
        let probability = self.model.calibration.as_ref().map(|cal| {
            let p = 1.0 / (1.0 + libm::exp(-(raw - cal.offset) / cal.factor));
            (p * 1e6).round() / 1e6
        });
        Verdict { score, raw, tier, grade, label, probability }
    }

    /// The quality report, for a model with a `quality` section.
    fn quality(&self, lead: &Lead, derived: &Derived, merged: &[Merged]) -> Option<QualityReport<'_>> {
        let (q, reads) = self.compiled.quality.as_ref()?;
        let read = |i: usize| match reads.get(i) {
            Some(FieldRef::Signal(s)) => derived.get(*s),
            Some(FieldRef::Path(p)) => lead_field(lead, merged, p),
            None => Val::Missing,
        };
        let stale = |i: usize| match reads.get(i) {
            Some(FieldRef::Path(p)) => p.merged.and_then(|m| merged.get(m)).is_some_and(Merged::stale),
            _ => false,
        };
        let conflicting = match &self.compiled.enrichment {
            Some(spec) => {
                spec.fields.iter().zip(merged).filter(|(_, m)| m.conflicting()).map(|(f, _)| &*f.path).collect()
            }
            None => Vec::new(),
        };
        Some(enrich::assess(q, |i| !matches!(read(i), Val::Missing), stale, conflicting))
    }

    /// The derived signals the model reads, from the lead's fields as `read` gives them; `title`
    /// is [`classify_title`] and `domain` [`domain_facts`], or a cache of them.
    /// `titled` is the title's signals when the caller already has them (the Arrow reader works
    /// them out a column at a time): `Some(None)` for a lead with no title; `None` reads the title
    /// here.
    pub(super) fn derive<'v>(
        &self,
        read: &dyn Fn(&FieldPath) -> Val<'v>,
        title: &dyn Fn(&str) -> (Seniority, Department),
        titled: Option<Option<(Seniority, Department)>>,
        domain: &dyn Fn(&str) -> DomainFacts,
        problems: &mut Problems,
    ) -> Derived {
        let c = &self.compiled;
        let mut d = Derived::default();
        if c.needs_title {
            let signals = match titled {
                Some(signals) => signals,
                None => {
                    let value = read(&c.title_field);
                    match title_of(&value, title) {
                        Ok(signals) => signals,
                        Err(()) => {
                            problems.mismatch(c.title_field.full.clone(), "a job title", &value);
                            None
                        }
                    }
                }
            };
            if let Some((s, dep)) = signals {
                d.seniority = Some(s);
                d.department = Some(dep);
            }
        }
        if c.needs_email {
            match read(&c.email_field) {
                Val::Str(email) => d.email = Some(analyse_email_with(email, domain)),
                Val::Missing => {}
                other => problems.mismatch(c.email_field.full.clone(), "an email address", &other),
            }
        }
        if c.needs_size {
            match read(&c.employees_field) {
                Val::Num(n) => d.size_band = size::band_of(n),
                Val::Range(r) => d.size_band = r.size_band(),
                Val::Str(s) => match parse_number(s) {
                    Some(n) => d.size_band = size::band_of(n),
                    None => match size::band_of_text(s) {
                        Some(band) => d.size_band = Some(band),
                        None => problems.mismatch(
                            c.employees_field.full.clone(),
                            "an employee count or a band like \"201-500\"",
                            &Val::Str(s),
                        ),
                    },
                },
                Val::Missing => {}
                other => problems.mismatch(c.employees_field.full.clone(), "an employee count", &other),
            }
        }
        d
    }

    /// One pass over the lead's events: each event goes to the rules for its type (found by the type's
    /// hash in the compiled dispatch table), which accumulate count, latest time and decayed points.
    fn event_pass(&self, lead: &Lead, as_of: Millis, problems: &mut Problems) -> EventPass {
        let mut pass = EventPass::new(self.compiled.event_slots);
        for e in &lead.events {
            let dispatch = self.dispatch_of(e.kind_hash, &e.kind);
            let passes = |f: &_, p: &mut Problems| Some(eval(f, Source::Event(e), p));
            // A parsed event is always there to filter (`passes` never answers `None`), so the pass
            // never ends early.
            self.count_dispatched(&mut pass, dispatch, e.at, as_of, problems, passes).unwrap_or_default();
        }
        pass
    }

    /// The entry of the compiled dispatch table for an event type (lower-cased, with its
    /// [`crate::signals::hash_index::fnv1a`]): `None` when no rule counts the type.
    pub(crate) fn dispatch_of(&self, kind_hash: u64, kind: &str) -> Option<usize> {
        self.compiled.dispatch.iter().position(|d| d.hash == kind_hash && d.kind == kind)
    }

    /// One event of the pass, its entry in the dispatch table ([`Scorer::dispatch_of`]) already
    /// known (a batch finds it once per distinct type): to the rules for its type, which accumulate
    /// count, latest time and decayed points. `passes` answers a rule's `where` condition for this
    /// event; it is asked only of a rule that has one, so a reader in place builds the event's
    /// members only then. `None` (from `passes`, when a reader in place cannot build the event)
    /// ends the pass, for the caller to score the parsed lead.
    #[inline]
    pub(super) fn count_dispatched(
        &self,
        pass: &mut EventPass,
        dispatch: Option<usize>,
        at: Millis,
        as_of: Millis,
        problems: &mut Problems,
        mut passes: impl FnMut(&CCond, &mut Problems) -> Option<bool>,
    ) -> Option<()> {
        let c = &self.compiled;
        if at > as_of {
            return Some(());
        }
        pass.latest = pass.latest.max(at);
        pass.active = true;
        let Some(d) = dispatch.and_then(|i| c.dispatch.get(i)) else { return Some(()) };
        let accs = pass.accs.as_mut_slice();
        // Saturating: an `asOf` near `i64::MAX` given through the Rust API and an event long before
        // 1970 would overflow (a panic in a debug build).
        let age = as_of.saturating_sub(at);
        for t in &d.targets {
            if age > t.window_ms {
                continue;
            }
            if t.filtered && !self.filter_of(t.rule).map_or(Some(true), |f| passes(f, problems))? {
                continue;
            }
            let Some(acc) = accs.get_mut(t.slot) else { continue };
            acc.matched = acc.matched.saturating_add(1);
            acc.latest = acc.latest.max(at);
            if let Some(points) = t.points_each {
                acc.decayed_nano += nano(weight(t.half_life_days, age) * points);
            }
        }
        Some(())
    }

    /// Event rule `rule`'s `where` filter, if it has one.
    fn filter_of(&self, rule: usize) -> Option<&CCond> {
        match self.compiled.rules.get(rule).map(|r| &r.kind) {
            Some(CKind::Event(CEvent { filter: Some(f), .. })) => Some(f),
            _ => None,
        }
    }

    /// The rule's contribution and its points in hundredths (what the group sums add), if it fires.
    fn apply<'s>(
        &'s self,
        rule: &'s CRule,
        src: Source<'_>,
        pass: &EventPass,
        as_of: Millis,
        problems: &mut Problems,
    ) -> Option<(Contribution<'s>, i64)> {
        let base = |kind, points_c: i64| Contribution {
            rule: Cow::Borrowed(&rule.id),
            group: &rule.group_name,
            kind,
            points: from_centi(points_c),
            reason: Cow::Borrowed(&rule.reason),
            events: None,
            decayed: None,
            capped: None,
            last_activity_at: None,
            provenance: Vec::new(),
        };
        match &rule.kind {
            CKind::When(cond) => {
                eval(cond, src, problems).then(|| (base(ContributionKind::Attribute, rule.points_c), rule.points_c))
            }
            CKind::Event(spec) => {
                let acc = pass.accs.as_slice().get(spec.slot)?;
                let (points, decayed, capped) = event_points(rule, spec, acc, as_of)?;
                let contribution = Contribution {
                    events: Some(acc.matched),
                    decayed: spec.half_life_days.is_some().then(|| from_centi(decayed)),
                    capped: (capped != 0).then(|| from_centi(capped)),
                    ..base(ContributionKind::Event, points)
                };
                Some((contribution, points))
            }
            CKind::Inactive(spec) => {
                let Source::Lead(lead, _, merged) = src else { return None };
                let (fires, last) = inactive(spec, lead, merged, pass.last_activity(), as_of, problems);
                let contribution =
                    Contribution { last_activity_at: last, ..base(ContributionKind::Inactivity, rule.points_c) };
                fires.then_some((contribution, rule.points_c))
            }
        }
    }
}

/// What a card carries besides its points, from scoring the lead.
struct Parts<'s> {
    lead_id: Option<Value>,
    as_of: Millis,
    quality: Option<QualityReport<'s>>,
    enrichment: Option<Vec<super::enriched::EnrichedField<'s>>>,
    warnings: Vec<crate::error::LeadError>,
}

/// What a card says from its points (see [`Scorer::verdict`]).
pub(crate) struct Verdict<'s> {
    pub score: f64,
    pub raw: f64,
    pub tier: Option<TierResult<'s>>,
    pub grade: Option<&'s str>,
    pub label: Option<&'s str>,
    pub probability: Option<f64>,
}

/// A group's points after its cap and floor, and the reason when one of them applied.
pub(super) fn capped(g: &CGroup, uncapped: i64) -> (i64, Option<&str>) {
    if let Some(max) = g.max.filter(|m| uncapped > *m) {
        return (max, Some(&g.cap_reason));
    }
    if let Some(min) = g.min.filter(|m| uncapped < *m) {
        return (min, Some(&g.floor_reason));
    }
    (uncapped, None)
}

/// The grade of a lead the quality gate holds back: its fit is not known.
const UNKNOWN_GRADE: &str = "unknown";

/// Runs the enrichment merge for a lead; bad payloads are reported under the model's `onInvalid`.
fn merge(spec: &CompiledEnrichment, lead: &Lead, as_of: Millis, problems: &mut Problems) -> Vec<Merged> {
    let prefix = enrich::PAYLOADS;
    // Every vendor name: the first segment under `enrichment.` of any attribute, so a payload
    // written with dotted keys (`"zoom.info": ...`) is seen (and named) too. In name order, whatever
    // order the lead's keys came in.
    let mut names: Vec<&str> = lead
        .fields()
        .filter_map(|(path, _)| {
            let rest = path.strip_prefix(prefix)?.strip_prefix('.')?;
            rest.split('.').next()
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    let null = Value::Null;
    let payloads: Vec<(&str, &Value)> =
        names.into_iter().map(|name| (name, lead.attr(&format!("{prefix}.{name}")).unwrap_or(&null))).collect();
    let get = |path: &str, hash: u64| lead.attr_with_hash(hash, path);
    let result = enrich::merge(spec, &get, &payloads, as_of);
    for p in result.problems {
        problems.report(p.path, p.code, p.message);
    }
    result.fields
}

/// What the event pass gathered for one event rule.
#[derive(Clone, Copy)]
struct Acc {
    matched: u32,
    /// The latest matched event's time (when `matched` is not 0; [`NEVER`] before).
    latest: Millis,
    /// Decayed points of the events so far, in billionths of a point (see [`nano`]).
    decayed_nano: i128,
}

impl Default for Acc {
    fn default() -> Acc {
        Acc { matched: 0, latest: NEVER, decayed_nano: 0 }
    }
}

/// The latest time of no event: not after any time, so the pass keeps a latest time with a plain
/// `max` (an `Option`'s `max` compared its tag and its value for every event). Read only beside
/// a count or flag that says some event was met.
const NEVER: Millis = Millis::MIN;

/// A title's seniority and department from its value as a field read gives it (`title` is
/// [`classify_title`] or a cache of it): `Ok(None)` with no title, `Err(())` for a value that is
/// not a title (a boolean, a list, an object), which the caller reports. A number is read as its
/// text (a CSV cell `0` is the JSON text `"0"`).
pub(crate) fn title_of(
    value: &Val<'_>,
    title: &dyn Fn(&str) -> (Seniority, Department),
) -> Result<Option<(Seniority, Department)>, ()> {
    match value {
        Val::Str(text) => Ok(Some(title(text))),
        Val::Num(n) => Ok(Some(title(&n.to_string()))),
        Val::Missing => Ok(None),
        _ => Err(()),
    }
}

/// The result of [`Scorer::event_pass`].
pub(super) struct EventPass {
    accs: Scratch<Acc, 16>,
    /// Latest event at or before `asOf`, of any type, when `active`.
    latest: Millis,
    /// Some event was at or before `asOf` (a flag beside `latest`, not `latest != NEVER`: an event
    /// built through the Rust API may be at `NEVER` itself).
    active: bool,
}

impl EventPass {
    pub(super) fn new(event_slots: usize) -> EventPass {
        EventPass { accs: Scratch::new(event_slots), latest: NEVER, active: false }
    }

    /// The latest event at or before `asOf`, of any type.
    pub(super) fn last_activity(&self) -> Option<Millis> {
        self.active.then_some(self.latest)
    }

    /// The rule's points in hundredths, if it fires (see [`event_points`]).
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))] // read in place by the Arrow batch reader only
    pub(super) fn points(&self, rule: &CRule, spec: &CEvent, as_of: Millis) -> Option<i64> {
        let acc = self.accs.as_slice().get(spec.slot)?;
        event_points(rule, spec, acc, as_of).map(|(points, _, _)| points)
    }
}

/// Points, points lost to decay, and points removed by the rule's cap, in hundredths; `None` when the
/// rule does not fire. Always inlined: the verdict without the explanation reads only the points,
/// and inlined the other two are not computed (a call per event rule per lead was 3% of a row).
#[inline(always)]
fn event_points(rule: &CRule, spec: &CEvent, acc: &Acc, as_of: Millis) -> Option<(i64, i64, i64)> {
    if acc.matched == 0 || spec.min_count.is_some_and(|m| acc.matched < m) {
        return None;
    }
    let (counted, value_nano) = if rule.once {
        (1i64, nano(weight(spec.half_life_days, as_of.saturating_sub(acc.latest)) * rule.points))
    } else {
        (i64::from(acc.matched), acc.decayed_nano)
    };
    let undecayed = rule.points_c.saturating_mul(counted);
    let value_c = centi_of_nano(value_nano);
    let mut points = value_c;
    if let Some(max) = rule.max.filter(|m| points > *m) {
        points = max;
    }
    if let Some(min) = rule.min.filter(|m| points < *m) {
        points = min;
    }
    Some((points, undecayed - value_c, value_c - points))
}

/// An event's weight at a given age: `2^(-age/halfLife)`, or 1 without decay.
fn weight(half_life_days: Option<f64>, age_ms: i64) -> f64 {
    match half_life_days {
        Some(h) => libm::exp2(-(age_ms as f64 / DAY_MS as f64) / h),
        None => 1.0,
    }
}

/// Whether an inactivity rule fires, and the last activity it found, for a parsed lead.
fn inactive(
    spec: &CInactive,
    lead: &Lead,
    merged: &[Merged],
    last_any: Option<Millis>,
    as_of: Millis,
    problems: &mut Problems,
) -> (bool, Option<Millis>) {
    let last = if spec.types.is_empty() {
        last_any
    } else {
        lead.events.iter().filter(|e| e.at <= as_of && spec.types.iter().any(|t| *t == e.kind)).map(|e| e.at).max()
    };
    let value = spec.field.as_ref().and_then(|field| match field.merged {
        // A merged field's chosen value (a time, not a range, for this rule to read it).
        Some(i) => merged.get(i)?.value()?.as_value(),
        None => lead.attr_at(field),
    });
    inactivity(spec, last, value, as_of, problems)
}

/// Whether an inactivity rule fires, and the last activity it found, from the latest event of its
/// types (`last`) and the value of its field.
pub(super) fn inactivity(
    spec: &CInactive,
    mut last: Option<Millis>,
    value: Option<&Value>,
    as_of: Millis,
    problems: &mut Problems,
) -> (bool, Option<Millis>) {
    if let Some(field) = &spec.field {
        match value {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if s.trim().is_empty() => {}
            Some(v) => match time::from_json(v) {
                Some(at) if at <= as_of => last = last.max(Some(at)),
                Some(_) => {}
                None => problems.report(
                    field.full.clone(),
                    Code::BadTimestamp,
                    format!("{} is not an RFC 3339 time or epoch milliseconds", super::lead::show_value(v)),
                ),
            },
        }
    }
    match last {
        // Saturating, as the event pass's age is: a Rust caller's time may be at either end of `i64`.
        Some(at) => (as_of.saturating_sub(at) > spec.days_ms, Some(at)),
        None => (spec.when_no_activity, None),
    }
}

/// Per-lead scratch space: on the stack when it fits (models rarely have more than 16 groups or event
/// rules), on the heap otherwise. Saves two allocations per scored lead.
enum Scratch<T: Copy + Default, const N: usize> {
    Stack([T; N], usize),
    Heap(Vec<T>),
}

impl<T: Copy + Default, const N: usize> Scratch<T, N> {
    fn new(len: usize) -> Self {
        if len <= N {
            Scratch::Stack([T::default(); N], len)
        } else {
            Scratch::Heap(vec![T::default(); len])
        }
    }

    fn as_slice(&self) -> &[T] {
        match self {
            Scratch::Stack(items, len) => items.get(..*len).unwrap_or(&[]),
            Scratch::Heap(items) => items,
        }
    }

    fn as_mut_slice(&mut self) -> &mut [T] {
        match self {
            Scratch::Stack(items, len) => items.get_mut(..*len).unwrap_or(&mut []),
            Scratch::Heap(items) => items,
        }
    }
}

fn from_centi(c: i64) -> f64 {
    c as f64 / 100.0
}
