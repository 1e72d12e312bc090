//! Scoring without the explanation, from a lead read in place: the Arrow batch reader's path with
//! `explain` off.
//!
//! Why a second entry: a score card's contributions, reasons and group totals are most of the cost
//! of scoring once the lead is parsed, and a warehouse rescoring a billion leads asks only for the
//! score, tier, grade, label and probability. Building a parsed [`super::Lead`] (a map per lead, a
//! string per key and per event) was the rest. Here the same compiled rules, the same condition
//! evaluator ([`eval`]), the same event accumulation ([`Scorer::count_dispatched`]), the same caps and
//! the same [`Scorer::verdict`] run over a [`LeadView`], so the numbers cannot differ from the
//! card's; what this path cannot decide exactly as the card would (anything that would put a
//! warning or an error on the card) it does not decide at all: it answers `None` and the caller
//! scores the parsed lead, which reports the problem. A reader may hand over answers it worked out a
//! column at a time ([`LeadView::decided`] for a rule that reads one attribute,
//! [`LeadView::title_signals`]), computed by the same tests ([`ColumnRule::decide`]) on the same
//! values.

use super::compile::{CCond, CKind, CTest, FieldPath, FieldRef, NumberedPaths};
use super::eval::{compare, eval, passes, Fields, Problems, Source, Val, ViewEvent};
use super::score::{capped, inactivity, EventPass, Scorer, Verdict};
use crate::model::Signals;
use crate::signals::{classify_title, domain_facts, Department, DomainFacts, Seniority};
use crate::time::Millis;
use serde_json::Value;

/// A lead read in place (a row of Arrow columns): its attributes (see [`Fields`]) and its events.
pub(crate) trait LeadView: Fields {
    /// The attribute at `path` as the JSON value a parsed lead would hold (after the missing-text
    /// policy): the inactivity rule reads a time from it as it reads a parsed lead's.
    fn value(&self, path: &FieldPath) -> Option<Value>;

    /// How many items the lead's events list has.
    fn event_count(&self) -> usize;

    /// Item `i` of the events list; `None` when it is not an event a parsed lead would hold without
    /// a problem (a null item, a missing or blank `type`, a missing or unreadable `at`).
    fn event(&self, i: usize) -> Option<ViewEvent<'_>>;

    /// Item `i`'s entry in the dispatch table and its time: what the event pass reads of every
    /// event, without building the event (`None` exactly when [`LeadView::event`] is).
    fn event_head(&self, i: usize) -> Option<(Option<usize>, Millis)> {
        self.event(i).map(|e| (e.dispatch, e.at))
    }

    /// Whether rule number `rule` (one of [`Scorer::column_rules`]) fires for this lead, when the
    /// reader decided it for a whole column at once; `None` to evaluate it here.
    fn decided(&self, rule: usize) -> Option<bool> {
        let _ = rule;
        None
    }

    /// The title's signals ([`classify_title`] of the title as [`Fields::field`] reads it; `None`
    /// inside for a lead with no title), when the reader worked them out a column at a time
    /// ([`Scorer::title_field`]); `None` to read the title here.
    fn title_signals(&self) -> Option<Option<(Seniority, Department)>> {
        None
    }

    /// [`domain_facts`], or the same answer kept from an earlier row.
    fn domain(&self, domain: &str, signals: &Signals) -> DomainFacts {
        domain_facts(domain, signals)
    }
}

/// A rule whose condition reads one lead attribute and nothing else (no derived signal, no event,
/// no other attribute).
///
/// Why: such a rule's answer for a row depends on that one value, so a reader of columns can
/// decide it for a whole batch in one pass down the column ([`LeadView::decided`]), with the
/// column found once, instead of finding the field, reading it and dispatching the condition for
/// every row and every rule.
pub(crate) struct ColumnRule<'s> {
    /// The rule's position in the model, as [`LeadView::decided`] is asked for it.
    pub index: usize,
    pub path: &'s FieldPath,
    tests: &'s [CTest],
    /// Every test compares numbers (`gt`, `gte`, `lt`, `lte`, `between`): a number then needs
    /// no more than the comparisons, and meets no problem.
    compares: bool,
}

impl ColumnRule<'_> {
    /// Whether the rule fires for a lead whose attribute reads `value` (as [`Fields::field`]
    /// returns it); `None` when a test meets a problem, for [`eval`] to report on the row.
    #[inline(always)]
    pub(crate) fn decide(&self, value: &Val<'_>) -> Option<bool> {
        match value {
            Val::Num(n) if self.compares => Some(self.tests.iter().all(|t| compare(t, *n) == Some(true))),
            _ => passes(self.tests, value),
        }
    }
}

impl Scorer {
    /// The model's rules that a reader of columns can decide a column at a time (see
    /// [`ColumnRule`]).
    pub(crate) fn column_rules(&self) -> impl Iterator<Item = ColumnRule<'_>> {
        self.compiled().rules.iter().enumerate().filter_map(|(index, rule)| match &rule.kind {
            CKind::When(CCond::Field { field: FieldRef::Path(path), tests, .. }) if path.merged.is_none() => {
                // `compare` answers for a comparison test and no other.
                let compares = tests.iter().all(|t| compare(t, 0.0).is_some());
                Some(ColumnRule { index, path, tests, compares })
            }
            _ => None,
        })
    }

    /// The field the title signals (`title.seniority`, `title.department`) are read from, when
    /// the model reads them: a reader of columns can work them out a column at a time
    /// ([`LeadView::title_signals`]).
    pub(crate) fn title_field(&self) -> Option<&FieldPath> {
        let c = self.compiled();
        (c.needs_title && c.title_field.merged.is_none()).then_some(&c.title_field)
    }

    /// The field paths the model reads, numbered: a reader in place binds each to its place once.
    pub(crate) fn paths(&self) -> &NumberedPaths {
        &self.compiled().paths
    }

    /// Whether [`Scorer::summarize`] can score this model's leads: not with an `enrichment` or
    /// `quality` section, which read a parsed lead's every field.
    pub(crate) fn summarizes(&self) -> bool {
        self.compiled().enrichment.is_none() && self.compiled().quality.is_none()
    }

    /// The verdict for `view` as of `as_of`, exactly the card's; `None` when the card would carry a
    /// warning or an error (or the model is one [`Scorer::summarizes`] refuses), for the caller to
    /// score the parsed lead instead.
    pub(crate) fn summarize<V: LeadView>(&self, view: &V, as_of: Millis) -> Option<Verdict<'_>> {
        if !self.summarizes() {
            return None;
        }
        let c = self.compiled();
        // Strict: the first problem is kept as `error`, and any problem means "not here".
        let mut problems = Problems { warnings: Vec::new(), error: None, strict: true };
        let signals = &self.model().signals;
        let derived = self.derive(
            &|p| view.field(p),
            &classify_title,
            view.title_signals(),
            &|d| view.domain(d, signals),
            &mut problems,
        );
        let mut pass = EventPass::new(c.event_slots);
        for i in 0..view.event_count() {
            let (dispatch, at) = view.event_head(i)?;
            // The event itself is built only for a rule with a `where` filter (one that cannot be
            // built, which `event_head` answering rules out, leaves the row to the parsed lead).
            let passes = |f: &_, p: &mut Problems| Some(eval(f, Source::ViewEvent(&view.event(i)?), p));
            self.count_dispatched(&mut pass, dispatch, at, as_of, &mut problems, passes)?;
        }
        let mut sums = [0i64; 16];
        let mut heap;
        let sums: &mut [i64] = match sums.get_mut(..c.groups.len()) {
            Some(stack) => stack,
            None => {
                heap = vec![0i64; c.groups.len()];
                &mut heap
            }
        };
        for (index, rule) in c.rules.iter().enumerate() {
            let points = match &rule.kind {
                CKind::When(cond) => {
                    let fires = match view.decided(index) {
                        Some(fires) => fires,
                        None => eval(cond, Source::View(view, &derived), &mut problems),
                    };
                    fires.then_some(rule.points_c)
                }
                CKind::Event(spec) => pass.points(rule, spec, as_of),
                CKind::Inactive(spec) => {
                    let last = if spec.types.is_empty() {
                        pass.last_activity()
                    } else {
                        let mut last = None;
                        for i in 0..view.event_count() {
                            let e = view.event(i)?;
                            if e.at <= as_of && spec.types.iter().any(|t| *t == e.kind) {
                                last = last.max(Some(e.at));
                            }
                        }
                        last
                    };
                    let value = spec.field.as_ref().and_then(|f| view.value(f));
                    let (fires, _) = inactivity(spec, last, value.as_ref(), as_of, &mut problems);
                    fires.then_some(rule.points_c)
                }
            };
            if let (Some(points), Some(sum)) = (points, sums.get_mut(rule.group)) {
                *sum += points;
            }
        }
        if problems.error.is_some() {
            return None;
        }
        let mut raw_c = 0i64;
        for (g, sum) in c.groups.iter().zip(sums.iter_mut()) {
            *sum = capped(g, *sum).0;
            raw_c += *sum;
        }
        let group_points = |i: usize| sums.get(i).map_or(0.0, |&c| c as f64 / 100.0);
        Some(self.verdict(raw_c, &group_points, None))
    }
}
