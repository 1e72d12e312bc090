//! Derived signals: fields the engine computes from raw lead fields, usable in conditions like any
//! other field (`title.seniority`, `email.free`, `company.sizeBand`).

pub mod domain_list;
pub mod email;
pub mod hash_index;
mod settings;
pub mod size;
pub mod title;

pub use email::{analyse as analyse_email, analyse_with as analyse_email_with, domain_facts, DomainFacts, EmailFacts};
pub use settings::{SignalFields, Signals};
pub use size::SIZE_BANDS;
pub use title::{classify as classify_title, Department, Seniority, DEPARTMENTS, SENIORITIES};

/// A derived signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// `title.seniority`: one of [`SENIORITIES`].
    TitleSeniority,
    /// `title.department`: one of [`DEPARTMENTS`].
    TitleDepartment,
    /// `email.domain`: lower-case domain of the address.
    EmailDomain,
    /// `email.valid`: plausible address syntax.
    EmailValid,
    /// `email.free`: free-mail provider.
    EmailFree,
    /// `email.disposable`: disposable-mail provider.
    EmailDisposable,
    /// `email.role`: team mailbox (info@, sales@).
    EmailRole,
    /// `email.business`: valid, neither free nor disposable.
    EmailBusiness,
    /// `email.competitor`: domain on the model's competitor list.
    EmailCompetitor,
    /// `email.customer`: domain on the model's customer list.
    EmailCustomer,
    /// `company.sizeBand`: one of [`SIZE_BANDS`].
    CompanySizeBand,
}

/// The values a signal takes, which decides the tests that fit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// One of a fixed set of names.
    Enum(&'static [&'static str]),
    /// `true` / `false`.
    Bool,
    /// Free text.
    Text,
}

/// One entry of the signal catalogue.
#[derive(Debug)]
pub struct SignalDef {
    /// Field name used in conditions.
    pub name: &'static str,
    /// Which signal.
    pub signal: Signal,
    /// Its values.
    pub kind: ValueKind,
}

/// Every derived signal.
pub static CATALOGUE: &[SignalDef] = &[
    SignalDef { name: "title.seniority", signal: Signal::TitleSeniority, kind: ValueKind::Enum(SENIORITIES) },
    SignalDef { name: "title.department", signal: Signal::TitleDepartment, kind: ValueKind::Enum(DEPARTMENTS) },
    SignalDef { name: "email.domain", signal: Signal::EmailDomain, kind: ValueKind::Text },
    SignalDef { name: "email.valid", signal: Signal::EmailValid, kind: ValueKind::Bool },
    SignalDef { name: "email.free", signal: Signal::EmailFree, kind: ValueKind::Bool },
    SignalDef { name: "email.disposable", signal: Signal::EmailDisposable, kind: ValueKind::Bool },
    SignalDef { name: "email.role", signal: Signal::EmailRole, kind: ValueKind::Bool },
    SignalDef { name: "email.business", signal: Signal::EmailBusiness, kind: ValueKind::Bool },
    SignalDef { name: "email.competitor", signal: Signal::EmailCompetitor, kind: ValueKind::Bool },
    SignalDef { name: "email.customer", signal: Signal::EmailCustomer, kind: ValueKind::Bool },
    SignalDef { name: "company.sizeBand", signal: Signal::CompanySizeBand, kind: ValueKind::Enum(SIZE_BANDS) },
];

/// Field prefixes reserved for derived signals: a field under them must be in the catalogue.
pub const RESERVED_PREFIXES: &[&str] = &["title.", "email."];

/// The lead field a signal is derived from, as the model's `signals.fields` name it.
pub fn source_field(signal: Signal, fields: &SignalFields) -> &str {
    match signal {
        Signal::TitleSeniority | Signal::TitleDepartment => &fields.title,
        Signal::CompanySizeBand => &fields.employees,
        _ => &fields.email,
    }
}

/// The lead field a condition on `field` reads: the source of a derived signal, else the field.
pub fn lead_field_of<'a>(field: &'a str, fields: &'a SignalFields) -> &'a str {
    lookup(field).map_or(field, |d| source_field(d.signal, fields))
}

/// The catalogue entry for a field name, if it is a derived signal.
pub fn lookup(field: &str) -> Option<&'static SignalDef> {
    CATALOGUE.iter().find(|d| d.name == field)
}
