//! Evaluates compiled conditions against a lead (attributes and derived signals) or one event.
//!
//! Semantics (documented in `docs/model.md`): a field that is absent, `null`, an empty or blank
//! string, or an empty array is *missing*; every test but `exists` is false on a missing field. An
//! array field passes a positive test when any element does, and `ne` / `notIn` when every element
//! does. Text compares case-insensitively; numbers given as text ("250") compare as numbers. A value of
//! the wrong type for a test makes the test false and is reported once per field: a warning on the
//! card, or an error under `input.onInvalid: "error"`.

use super::compile::{parse_number, CCond, CScalar, CTest, FieldPath, FieldRef, SignalTable};
use super::lead::{resolve_at, Event, Lead};
use crate::enrich::{Merged, Normal, Range};
use crate::error::{child, index, Code, LeadError};
use crate::signals::{self, domain_list, Department, EmailFacts, Seniority, Signal, ValueKind, SIZE_BANDS};
use crate::text;
use serde_json::Value;

/// A field's value as the tests see it.
#[derive(Debug, Clone, Copy)]
pub enum Val<'a> {
    Missing,
    Str(&'a str),
    Num(f64),
    Bool(bool),
    /// A non-empty array.
    List(Items<'a>),
    Object,
    /// A range of numbers from the enrichment merge (`"51-200"`), answering numeric tests by the
    /// model's `enrichment.ranges` rule.
    Range(&'a Range),
}

impl<'a> Val<'a> {
    /// Text as the tests see it: blank text is missing.
    pub fn text(s: &'a str) -> Val<'a> {
        if is_blank(s) {
            Val::Missing
        } else {
            Val::Str(s)
        }
    }

    pub fn of(v: Option<&'a Value>) -> Val<'a> {
        match v {
            None | Some(Value::Null) => Val::Missing,
            Some(Value::String(s)) => Val::text(s),
            Some(Value::Number(n)) => n.as_f64().map_or(Val::Missing, Val::Num),
            Some(Value::Bool(b)) => Val::Bool(*b),
            Some(Value::Array(a)) if a.is_empty() => Val::Missing,
            Some(Value::Array(a)) => Val::List(Items::Json(a)),
            Some(Value::Object(_)) => Val::Object,
        }
    }

    /// A merged field's value.
    pub fn merged(m: Option<&'a Merged>) -> Val<'a> {
        match m.and_then(Merged::value) {
            Some(Normal::Range(r)) => Val::Range(r),
            Some(Normal::Value(v)) => Val::of(Some(v)),
            None => Val::Missing,
        }
    }

    /// The value as a message shows it (see `show_value`).
    fn show(&self) -> String {
        match self {
            Val::Missing => "nothing".into(),
            Val::Str(s) => text::quote_short(s),
            Val::Num(n) => n.to_string(),
            Val::Bool(b) => b.to_string(),
            Val::List(_) => "an array".into(),
            Val::Object => "an object".into(),
            Val::Range(r) => text::quote_short(&r.text()),
        }
    }

    fn number(&self) -> Option<f64> {
        match self {
            Val::Num(n) => Some(*n),
            Val::Str(s) => parse_number(s),
            _ => None,
        }
    }
}

/// The items of a non-empty array: JSON values of a parsed lead, or cells of a column a lead is
/// read from in place (see [`Fields`]).
#[derive(Clone, Copy)]
pub enum Items<'a> {
    Json(&'a [Value]),
    /// A column and the items' rows in it (`start..end`).
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))] // read in place by the Arrow batch reader only
    Cells(&'a dyn Cells, usize, usize),
}

impl std::fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Items")
    }
}

impl<'a> Items<'a> {
    /// Each item as the tests see it (a null or blank item is missing).
    fn each(self) -> impl Iterator<Item = Val<'a>> {
        let (json, cells) = match self {
            Items::Json(items) => (items, None),
            Items::Cells(column, start, end) => (&[][..], Some((column, start..end))),
        };
        let json = json.iter().map(|x| Val::of(Some(x)));
        let cells = cells.into_iter().flat_map(|(column, range)| range.map(move |i| column.cell(i)));
        json.chain(cells)
    }
}

/// The cells of a column of list items, each as a JSON item would be seen.
pub trait Cells {
    /// Item `i`.
    fn cell(&self, i: usize) -> Val<'_>;
}

/// A lead's attributes read in place, from storage other than a parsed [`Lead`] (a row of Arrow
/// columns): each exactly as a parsed lead's attribute would be seen, after the model's
/// missing-text policy.
pub trait Fields {
    /// The attribute at `path`.
    fn field(&self, path: &FieldPath) -> Val<'_>;
}

/// The members of events read in place (see [`Fields`]), each event named by its item number.
pub trait EventFields {
    /// Member `path` of event `item`, as a parsed event's member would be seen.
    fn field(&self, item: usize, path: &FieldPath) -> Val<'_>;
}

/// One event read in place: its lower-cased type (and the type's hash), its time, and where its
/// other members are read.
#[cfg_attr(not(feature = "arrow"), allow(dead_code))] // read in place by the Arrow batch reader only
pub struct ViewEvent<'a> {
    pub kind: &'a str,
    /// The type's entry in the model's dispatch table (`Scorer::dispatch_of`): the rules that
    /// count it.
    pub dispatch: Option<usize>,
    pub at: crate::time::Millis,
    /// Position in the lead's events, for paths in problems.
    pub index: usize,
    /// The event's other members: `fields` at `item`.
    pub fields: &'a dyn EventFields,
    pub item: usize,
}

/// Empty or only white space; checks the first byte before decoding anything.
fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_alphanumeric() => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// Derived signals computed once per lead, for the signals the model reads.
#[derive(Default)]
pub struct Derived {
    pub seniority: Option<Seniority>,
    pub department: Option<Department>,
    pub email: Option<EmailFacts>,
    pub size_band: Option<&'static str>,
}

impl Derived {
    pub(crate) fn get(&self, s: Signal) -> Val<'_> {
        let email = self.email.as_ref();
        match s {
            Signal::TitleSeniority => self.seniority.map_or(Val::Missing, |s| Val::Str(s.as_str())),
            Signal::TitleDepartment => self.department.map_or(Val::Missing, |d| Val::Str(d.as_str())),
            Signal::CompanySizeBand => self.size_band.map_or(Val::Missing, Val::Str),
            Signal::EmailDomain => email.and_then(|e| e.domain.as_deref()).map_or(Val::Missing, Val::Str),
            flag => email.and_then(|e| email_flag(flag, e)).map_or(Val::Missing, Val::Bool),
        }
    }

    /// The position of signal `s`'s value among the values a [`SignalTable`] decides (0: missing);
    /// `None` for a signal of free text.
    #[inline(always)]
    fn position(&self, s: Signal) -> Option<usize> {
        match s {
            Signal::TitleSeniority => Some(self.seniority.map_or(0, |s| 1 + s.index())),
            Signal::TitleDepartment => Some(self.department.map_or(0, |d| 1 + d.index())),
            Signal::CompanySizeBand => match self.size_band {
                None => Some(0),
                Some(band) => SIZE_BANDS.iter().position(|b| *b == band).map(|i| 1 + i),
            },
            Signal::EmailDomain => None,
            // The remaining signals are the flags.
            flag => match &self.email {
                None => Some(0),
                Some(e) => email_flag(flag, e).map(|f| 1 + usize::from(f)),
            },
        }
    }
}

/// An `email.*` flag's value for an address; `None` for a signal that is not a flag. One list for
/// [`Derived`]'s value and its position, so the two cannot disagree.
fn email_flag(s: Signal, e: &EmailFacts) -> Option<bool> {
    match s {
        Signal::EmailValid => Some(e.valid),
        Signal::EmailFree => Some(e.free),
        Signal::EmailDisposable => Some(e.disposable),
        Signal::EmailRole => Some(e.role),
        Signal::EmailBusiness => Some(e.business()),
        Signal::EmailCompetitor => Some(e.competitor),
        Signal::EmailCustomer => Some(e.customer),
        Signal::TitleSeniority | Signal::TitleDepartment | Signal::CompanySizeBand | Signal::EmailDomain => None,
    }
}

/// `tests` on a derived signal of few values (a seniority, a department, a size band, an email
/// flag) decided for every value, for [`compile`](super::compile::compile) to keep: see
/// [`SignalTable`]. `None` for a signal of free text (`email.domain`).
pub fn decide_signal(signal: Signal, tests: &[CTest]) -> Option<SignalTable> {
    Some(SignalTable(signal_values(signal)?.iter().map(|v| passes(tests, v)).collect()))
}

/// Every value of a signal of few values as the tests see it, missing first, in the order of
/// `Derived::position`; `None` for a signal of free text.
fn signal_values(signal: Signal) -> Option<Vec<Val<'static>>> {
    let def = signals::CATALOGUE.iter().find(|d| d.signal == signal)?;
    let values: Vec<Val<'static>> = match def.kind {
        ValueKind::Enum(names) => names.iter().map(|n| Val::Str(n)).collect(),
        ValueKind::Bool => vec![Val::Bool(false), Val::Bool(true)],
        ValueKind::Text => return None,
    };
    Some(std::iter::once(Val::Missing).chain(values).collect())
}

/// Problems met while scoring: warnings (deduplicated by path) or the first error in strict mode.
pub struct Problems {
    pub warnings: Vec<LeadError>,
    pub error: Option<LeadError>,
    pub strict: bool,
}

impl Problems {
    pub fn mismatch(&mut self, path: String, expected: &str, found: &Val<'_>) {
        let message = format!("expected {expected}, found {}", found.show());
        self.report(path, Code::WrongType, message);
    }

    pub fn report(&mut self, path: String, code: Code, message: String) {
        if self.strict {
            if self.error.is_none() {
                self.error = Some(LeadError::new(path, code, message));
            }
        } else if !self.warnings.iter().any(|w| w.path == path) {
            self.warnings.push(LeadError::new(path, code, message));
        }
    }
}

/// Where a condition reads its fields: a lead (its attributes, derived signals and merged
/// fields) or one event.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    Lead(&'a Lead, &'a Derived, &'a [Merged]),
    Event(&'a Event),
    /// A lead read in place (never from a model with an enrichment section).
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))] // read in place by the Arrow batch reader only
    View(&'a dyn Fields, &'a Derived),
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))] // read in place by the Arrow batch reader only
    ViewEvent(&'a ViewEvent<'a>),
}

/// A lead field: from the merge when the enrichment section merges it, else from the lead.
pub fn lead_field<'a>(lead: &'a Lead, merged: &'a [Merged], p: &FieldPath) -> Val<'a> {
    match p.merged {
        Some(i) => Val::merged(merged.get(i)),
        None => Val::of(lead.attr_at(p)),
    }
}

impl<'a> Source<'a> {
    /// The position of a derived signal's value (see [`SignalTable`]), for a lead.
    #[inline(always)]
    fn signal_position(&self, field: &FieldRef) -> Option<usize> {
        match (self, field) {
            (Source::Lead(_, derived, _) | Source::View(_, derived), FieldRef::Signal(s)) => derived.position(*s),
            _ => None,
        }
    }

    fn get(&self, field: &'a FieldRef) -> Val<'a> {
        match (self, field) {
            (Source::Lead(_, derived, _), FieldRef::Signal(s)) => derived.get(*s),
            (Source::Lead(lead, _, merged), FieldRef::Path(p)) => lead_field(lead, merged, p),
            (Source::Event(e), FieldRef::Path(p)) => match p.full.as_str() {
                "type" => Val::Str(&e.kind),
                "at" => Val::Num(e.at as f64),
                _ => Val::of(resolve_at(&e.fields, p)),
            },
            (Source::View(_, derived), FieldRef::Signal(s)) => derived.get(*s),
            (Source::View(fields, _), FieldRef::Path(p)) => fields.field(p),
            (Source::ViewEvent(e), FieldRef::Path(p)) => match p.full.as_str() {
                "type" => Val::Str(e.kind),
                "at" => Val::Num(e.at as f64),
                _ => e.fields.field(e.item, p),
            },
            // Event conditions never compile to signals.
            (Source::Event(_) | Source::ViewEvent(_), FieldRef::Signal(_)) => Val::Missing,
        }
    }

    fn path(&self, field: &FieldRef) -> String {
        let name = match field {
            FieldRef::Path(p) => p.full.as_str(),
            FieldRef::Signal(_) => "",
        };
        match self {
            Source::Lead(..) | Source::View(..) => name.to_string(),
            Source::Event(Event { index: i, .. }) | Source::ViewEvent(ViewEvent { index: i, .. }) => {
                name.split('.').fold(index("events", *i), |p, seg| child(&p, seg))
            }
        }
    }
}

/// Evaluates a condition. A condition on a derived signal whose answer the compiled table holds
/// (most of a model's fit and negative rules) is answered here, inlined into the caller's loop
/// over the rules; the rest, and the combinators, go to [`eval_general`].
#[inline(always)]
pub fn eval(c: &CCond, src: Source<'_>, problems: &mut Problems) -> bool {
    if let CCond::Field { field, table: Some(table), .. } = c {
        if let Some(Some(fires)) = src.signal_position(field).and_then(|i| table.0.get(i)) {
            return *fires;
        }
    }
    eval_general(c, src, problems)
}

/// [`eval`] for any condition: the combinators, and a field's tests on its value.
fn eval_general(c: &CCond, src: Source<'_>, problems: &mut Problems) -> bool {
    match c {
        CCond::All(v) => v.iter().all(|c| eval(c, src, problems)),
        CCond::Any(v) => v.iter().any(|c| eval(c, src, problems)),
        CCond::Not(c) => !eval(c, src, problems),
        CCond::Field { field, tests, .. } => {
            let val = src.get(field);
            tests.iter().all(|t| test(t, &val, &|| src.path(field), problems))
        }
    }
}

/// A field condition's tests on one value, exactly as [`eval_general`] runs them: `None` when a
/// test meets a problem (a value the test cannot compare), which only `eval` reports with its path.
pub(crate) fn passes(tests: &[CTest], v: &Val<'_>) -> Option<bool> {
    let mut problems = Problems { warnings: Vec::new(), error: None, strict: true };
    let fires = tests.iter().all(|t| test(t, v, &String::new, &mut problems));
    problems.error.is_none().then_some(fires)
}

fn present(v: &Val<'_>) -> bool {
    !matches!(v, Val::Missing)
}

/// Whether a lead attribute counts as given, as `exists: true` reads it (not absent, `null`, blank
/// text or an empty array): exported so batch coverage (`evaluate::coverage`) counts a field as
/// present exactly when a rule could see it.
pub fn is_present(value: Option<&Value>) -> bool {
    present(&Val::of(value))
}

fn test(t: &CTest, v: &Val<'_>, path: &dyn Fn() -> String, p: &mut Problems) -> bool {
    if let CTest::Exists(want) = t {
        return present(v) == *want;
    }
    match v {
        Val::Missing => false,
        Val::List(items) => {
            let mut each = items.each().filter(present);
            if matches!(t, CTest::Ne(_) | CTest::NotIn(_)) {
                each.all(|x| scalar_test(t, &x, path, p))
            } else {
                each.any(|x| scalar_test(t, &x, path, p))
            }
        }
        _ => scalar_test(t, v, path, p),
    }
}

/// A comparison test (`gt`, `gte`, `lt`, `lte`, `between`) on the number `n`; `None` for a test
/// that is not a comparison. Nothing passes a test whose bound (`between`'s lower bound) is not
/// finite.
pub(crate) fn compare(t: &CTest, n: f64) -> Option<bool> {
    let (bound, pass) = match t {
        CTest::Gt(x) => (x, n > *x),
        CTest::Gte(x) => (x, n >= *x),
        CTest::Lt(x) => (x, n < *x),
        CTest::Lte(x) => (x, n <= *x),
        CTest::Between(lo, hi) => (lo, n >= *lo && n <= *hi),
        _ => return None,
    };
    Some(pass && bound.is_finite())
}

/// Equality of a lead value with a model scalar; `None` when the two cannot be compared.
fn equals(s: &CScalar, v: &Val<'_>) -> Option<bool> {
    match (s, v) {
        (CScalar::Str { lower, .. }, Val::Str(x)) => Some(text::eq_ci(text::trim(x), lower)),
        (CScalar::Str { num: Some(n), .. }, Val::Num(x)) => Some(x == n),
        // A number where text is expected is read as its text, as text that reads as a number is
        // read as a number: a CSV cell `12345` and a JSON `"12345"` are the same answer.
        (CScalar::Str { lower, num: None }, Val::Num(x)) => Some(text::eq_ci(&x.to_string(), lower)),
        (CScalar::Num(n), Val::Num(x)) => Some(x == n),
        (CScalar::Num(n), Val::Str(x)) => parse_number(x).map(|x| x == *n),
        (CScalar::Bool(b), Val::Bool(x)) => Some(x == b),
        (CScalar::Bool(b), Val::Str(x)) => {
            let x = text::trim(x);
            if x.eq_ignore_ascii_case("true") {
                Some(*b)
            } else if x.eq_ignore_ascii_case("false") {
                Some(!*b)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn expected(s: &CScalar) -> &'static str {
    match s {
        CScalar::Str { .. } => "text",
        CScalar::Num(_) => "a number",
        CScalar::Bool(_) => "true or false",
    }
}

/// A numeric test on a range of numbers: the test as the interval of numbers that pass it, asked
/// of the range under its rule. `None` for a test that does not take numbers.
fn range_test(t: &CTest, r: &Range) -> Option<bool> {
    let inf = f64::INFINITY;
    let number = |s: &CScalar| match s {
        CScalar::Num(n) | CScalar::Str { num: Some(n), .. } => Some(*n),
        _ => None,
    };
    // `in` passes when a number of the list passes `eq` under the rule or a text of it is the
    // range's text ("51-200"); `notIn` when, under the negation, no item matches. `None` for a
    // list with no numbers: texts alone are compared as text.
    let in_set = |set: &super::compile::ScalarSet, negated: bool| {
        let numbers: Vec<f64> = set.items.iter().filter_map(number).collect();
        if numbers.is_empty() {
            return None;
        }
        let text = r.text();
        let text_hit =
            set.items.iter().any(|s| matches!(s, CScalar::Str { lower, num: None } if text::eq_ci(&text, lower)));
        Some(if negated {
            !text_hit && numbers.iter().all(|n| r.passes_negated(*n, *n))
        } else {
            text_hit || numbers.iter().any(|n| r.passes(*n, *n))
        })
    };
    // An open end excludes its bound: the largest float below it, so `gt 200` is `[200⁺, ∞]`.
    let above = |x: f64| libm::nextafter(x, inf);
    let below = |x: f64| libm::nextafter(x, -inf);
    Some(match t {
        CTest::Gt(x) => r.passes(above(*x), inf),
        CTest::Gte(x) => r.passes(*x, inf),
        CTest::Lt(x) => r.passes(-inf, below(*x)),
        CTest::Lte(x) => r.passes(-inf, *x),
        CTest::Between(lo, hi) => r.passes(*lo, *hi),
        CTest::Eq(s) => number(s).map(|n| r.passes(n, n))?,
        CTest::Ne(s) => number(s).map(|n| r.passes_negated(n, n))?,
        CTest::In(set) => in_set(set, false)?,
        CTest::NotIn(set) => in_set(set, true)?,
        _ => return None,
    })
}

fn scalar_test(t: &CTest, v: &Val<'_>, path: &dyn Fn() -> String, p: &mut Problems) -> bool {
    if let Val::Range(r) = v {
        if let Some(result) = range_test(t, r) {
            return result;
        }
        // Text tests read the range as its text ("51-200").
        let text = r.text();
        return scalar_test(t, &Val::Str(&text), path, p);
    }
    match t {
        CTest::Eq(s) | CTest::Ne(s) => match equals(s, v) {
            Some(eq) => eq == matches!(t, CTest::Eq(_)),
            None => {
                p.mismatch(path(), expected(s), v);
                false
            }
        },
        CTest::In(set) | CTest::NotIn(set) => {
            let want = matches!(t, CTest::In(_));
            // Text against a list with text values: always comparable, so one lookup decides,
            // unless the text is also a number or a boolean that another list value could equal.
            if let Val::Str(text) = v {
                if set.any_text() && set.has_text(text) {
                    return want;
                }
                if set.any_text() && set.only_text() {
                    return !want;
                }
            }
            let list = &set.items;
            let mut comparable = false;
            let mut hit = false;
            for s in list {
                if let Some(eq) = equals(s, v) {
                    comparable = true;
                    hit |= eq;
                }
            }
            if !comparable {
                p.mismatch(path(), list.first().map_or("a value", expected), v);
                return false;
            }
            hit == want
        }
        CTest::Gt(_) | CTest::Gte(_) | CTest::Lt(_) | CTest::Lte(_) | CTest::Between(..) => match v.number() {
            Some(n) => compare(t, n) == Some(true),
            None => {
                p.mismatch(path(), "a number", v);
                false
            }
        },
        CTest::Contains(l) | CTest::StartsWith(l) | CTest::EndsWith(l) => {
            let owned;
            let hay = match v {
                Val::Str(s) => *s,
                Val::Num(n) => {
                    owned = n.to_string();
                    owned.as_str()
                }
                _ => {
                    p.mismatch(path(), "text", v);
                    return false;
                }
            };
            let f: fn(&str, &str) -> bool = match t {
                CTest::Contains(_) => text::contains_ci,
                CTest::StartsWith(_) => text::starts_ci,
                _ => text::ends_ci,
            };
            l.iter().any(|needle| f(hay, needle))
        }
        CTest::DomainIn(list) => match v {
            Val::Str(s) => {
                let domain = s.rsplit_once('@').map_or(*s, |(_, d)| d).trim().trim_end_matches('.');
                let domain = text::lower(domain);
                domain_list::in_list(&domain, list)
            }
            _ => {
                p.mismatch(path(), "an email address or domain", v);
                false
            }
        },
        CTest::Exists(want) => present(v) == *want,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::{signal_values, Derived};
    use crate::signals::{classify_title, EmailFacts, CATALOGUE, SIZE_BANDS};

    /// A signal table is looked up by `Derived::position`: the value at that position must be the
    /// very value `Derived::get` gives, for every signal, every value and a missing one.
    #[test]
    fn a_signal_values_position_names_the_value_the_tests_see() {
        let titles = ["CEO", "VP Sales", "Director of IT", "Marketing Manager", "Engineer", "Intern", "Zookeeper"];
        let mut leads: Vec<Derived> = vec![Derived::default()];
        for title in titles {
            let (s, d) = classify_title(title);
            leads.push(Derived { seniority: Some(s), department: Some(d), ..Derived::default() });
        }
        for band in SIZE_BANDS {
            leads.push(Derived { size_band: Some(band), ..Derived::default() });
        }
        for bits in 0u8..32 {
            let flag = |i: u8| bits & (1 << i) != 0;
            let email = EmailFacts {
                domain: None,
                valid: flag(0),
                free: flag(1),
                disposable: flag(2),
                role: flag(3),
                competitor: flag(4),
                customer: !flag(4),
            };
            leads.push(Derived { email: Some(email), ..Derived::default() });
        }
        let mut looked_up = 0;
        for def in CATALOGUE {
            let Some(values) = signal_values(def.signal) else {
                assert!(leads.iter().all(|d| d.position(def.signal).is_none()), "{}", def.name);
                continue;
            };
            for d in &leads {
                let i = d.position(def.signal).unwrap();
                assert_eq!(format!("{:?}", values[i]), format!("{:?}", d.get(def.signal)), "{}", def.name);
                looked_up += 1;
            }
        }
        assert!(looked_up > 300, "{looked_up}");
    }
}
