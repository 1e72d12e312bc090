//! The `signals` section of a model: which lead fields the derived signals read, and the model's
//! domain lists. Defined here rather than in `model` because email analysis reads it: `model`
//! validates it (and re-exports it as `model::Signals`), `signals` only uses it, so the dependency
//! goes one way.

use serde::Serialize;

/// Configuration of derived signals.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Signals {
    /// Lead fields the derived signals read.
    pub fields: SignalFields,
    /// Domains of competitors (subdomains match too): `email.competitor`.
    pub competitor_domains: Vec<String>,
    /// Domains of existing customers: `email.customer`.
    pub customer_domains: Vec<String>,
    /// Free-mail domains added to the built-in list.
    pub free_mail_domains: Vec<String>,
    /// Disposable-mail domains added to the built-in list.
    pub disposable_domains: Vec<String>,
}

/// Which lead fields feed the derived signals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalFields {
    /// Source of `email.*` (default `email`).
    pub email: String,
    /// Source of `title.*` (default `title`).
    pub title: String,
    /// Source of `company.sizeBand` (default `company.employees`).
    pub employees: String,
}

impl Default for SignalFields {
    fn default() -> Self {
        SignalFields { email: "email".into(), title: "title".into(), employees: "company.employees".into() }
    }
}
