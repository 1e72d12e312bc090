//! Matching contacts to accounts when the caller has not grouped them: the contact's account id
//! first, then its email's domain (a subdomain matches its parent), never a free-mail or
//! disposable domain. A contact naming several accounts, and a domain several accounts claim,
//! follow the model's declared policies (`account.matching`); every choice that is not plain is
//! a note on the account's card, and every contact left unmatched says why.
//!
//! Without an accounts list, contacts group by their account id, else by their email domain.

use crate::error::{Code, LeadError};
use crate::model::{Matching, Model, SeveralAccounts, SharedDomain, Signals};
use crate::signals::analyse_email;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One account and the contacts matched to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// The account's id (a domain, for a group made from an email domain without an accounts list).
    pub id: String,
    /// Its position in the accounts given, if it was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<usize>,
    /// Positions of its contacts, in input order.
    pub contacts: Vec<usize>,
    /// How contacts were matched, where there was a choice (code `matching`).
    pub notes: Vec<LeadError>,
}

/// A contact no account took, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unmatched {
    /// Its position in the input.
    pub contact: usize,
    /// Why.
    pub reason: String,
}

/// The grouping: accounts by id, then the contacts left over.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Matched {
    /// Accounts in id order (the same whatever the order of the files).
    pub groups: Vec<Group>,
    /// Contacts in input order.
    pub unmatched: Vec<Unmatched>,
}

impl Matched {
    /// The grouping as JSON text (the same from every front end).
    pub fn to_json(&self) -> String {
        crate::json::to_string(self).unwrap_or_default()
    }
}

/// Groups `contacts` under `accounts` (JSON objects) by the model's matching policy.
pub fn match_contacts(model: &Model, accounts: &[Value], contacts: &[Value]) -> Matched {
    let spec = model.account.as_deref().map(|a| a.matching.clone()).unwrap_or_default();
    let email_field = model.signals.fields.email.as_str();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    // Each domain's claimants, in id order.
    let mut domains: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, account) in accounts.iter().enumerate() {
        let Some(id) = account.get("id").and_then(id_text) else { continue };
        for field in &spec.domain_fields {
            for domain in texts(lookup(account, field)).iter().filter_map(|d| domain_of(d)) {
                let claimants = domains.entry(domain).or_default();
                if !claimants.contains(&id) {
                    claimants.push(id.clone());
                    claimants.sort();
                }
            }
        }
        groups.entry(id.clone()).or_insert(Group { id, account: Some(i), contacts: Vec::new(), notes: Vec::new() });
    }
    let listed = !accounts.is_empty();
    let mut unmatched = Vec::new();
    for (c, contact) in contacts.iter().enumerate() {
        let note = |text: String| LeadError::new(format!("contacts[{c}]"), Code::Matching, text);
        match choose(&spec, &model.signals, contact, email_field, &domains, listed) {
            Ok((ids, text)) => {
                for id in ids {
                    let group = groups.entry(id.clone()).or_insert(Group {
                        id,
                        account: None,
                        contacts: Vec::new(),
                        notes: Vec::new(),
                    });
                    group.contacts.push(c);
                    if let Some(text) = &text {
                        group.notes.push(note(text.clone()));
                    }
                }
            }
            Err(reason) => unmatched.push(Unmatched { contact: c, reason }),
        }
    }
    Matched { groups: groups.into_values().collect(), unmatched }
}

/// The accounts a contact goes to, with a note when there was a choice; or why none.
fn choose(
    spec: &Matching,
    signals: &Signals,
    contact: &Value,
    email_field: &str,
    domains: &BTreeMap<String, Vec<String>>,
    listed: bool,
) -> Result<(Vec<String>, Option<String>), String> {
    let named: Vec<String> = texts(lookup(contact, &spec.account_field)).iter().filter_map(|v| id_text(v)).collect();
    let email = lookup(contact, email_field).and_then(Value::as_str).map(|e| analyse_email(e, signals));
    let domain = email.as_ref().and_then(|f| f.domain.as_deref().map(str::to_string));
    let by_domain = domain.as_deref().and_then(|d| claimants(domains, d));
    match named.as_slice() {
        [] => {}
        [one] => {
            let note = by_domain.filter(|c| !c.contains(one)).map(|c| {
                format!(
                    "{} names account {one}; its email domain belongs to {}: kept {one}",
                    spec.account_field,
                    c.join(", ")
                )
            });
            return Ok((vec![one.clone()], note));
        }
        [first, ..] => {
            let several = named.as_slice();
            let list = several.join(", ");
            return match spec.several_accounts {
                SeveralAccounts::First => Ok((
                    vec![first.clone()],
                    Some(format!("names accounts {list}: counted in the first (matching.severalAccounts: first)")),
                )),
                SeveralAccounts::All => Ok((
                    several.to_vec(),
                    Some(format!("names accounts {list}: counted in each (matching.severalAccounts: all)")),
                )),
                SeveralAccounts::None => Err(format!("names accounts {list}; matching.severalAccounts is none")),
            };
        }
    }
    let Some(facts) = email else { return Err(format!("no {} and no {email_field} to match by", spec.account_field)) };
    let Some(domain) = domain else { return Err(format!("{email_field} has no domain")) };
    if facts.free || facts.disposable {
        let kind = if facts.free { "free-mail" } else { "disposable" };
        return Err(format!("{kind} domain {domain}: never matched to an account"));
    }
    match by_domain {
        Some(c) if c.len() == 1 => Ok((c.to_vec(), None)),
        Some(c) => {
            let list = c.join(", ");
            let lowest = c.first().cloned().unwrap_or_default();
            match spec.shared_domain {
                SharedDomain::None => {
                    Err(format!("domain {domain} is claimed by {list}; matching.sharedDomain is none"))
                }
                SharedDomain::LowestId => Ok((
                    vec![lowest.clone()],
                    Some(format!(
                        "domain {domain} is claimed by {list}: matched to {lowest} (matching.sharedDomain: lowestId)"
                    )),
                )),
                SharedDomain::All => Ok((
                    c.to_vec(),
                    Some(format!("domain {domain} is claimed by {list}: counted in each (matching.sharedDomain: all)")),
                )),
            }
        }
        None if listed => Err(format!("no account claims domain {domain}")),
        None => Ok((vec![domain], None)),
    }
}

/// The accounts claiming `domain` or, failing that, its nearest parent domain.
fn claimants<'a>(domains: &'a BTreeMap<String, Vec<String>>, domain: &str) -> Option<&'a [String]> {
    let mut at = domain;
    loop {
        if let Some(c) = domains.get(at) {
            return Some(c);
        }
        let (_, parent) = at.split_once('.')?;
        if !parent.contains('.') {
            return None;
        }
        at = parent;
    }
}

/// A field by dotted path, or a key with dots in it.
fn lookup<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    v.get(path).or_else(|| path.split('.').try_fold(v, |v, key| v.get(key)))
}

/// A value, or each item of an array.
fn texts(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(v) => vec![v],
    }
}

/// An id: a non-blank text (trimmed) or a number.
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => n.as_f64().map(crate::json::number),
        _ => None,
    }
}

/// A domain from a domain, a URL or an email address: lower case, no scheme, `www.`, port or path.
fn domain_of(v: &Value) -> Option<String> {
    let text = v.as_str()?.trim().to_lowercase();
    let text = text.split_once("://").map_or(text.as_str(), |(_, rest)| rest);
    let text = text.rsplit_once('@').map_or(text, |(_, d)| d);
    let host = text.split(['/', '?', '#', ':']).next()?.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.') && !host.contains(' ')).then(|| host.to_string())
}
