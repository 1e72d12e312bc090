//! Reads an account's input, `{ "account": {...}, "contacts": [...] }`, under the model's limits:
//! the account's own fields and events (read as a lead is), its intent signals, its contacts. Every
//! error names its place in the input (`contacts[3].events[0].at`, `account.intent[2].score`).

use crate::engine::Lead;
use crate::error::{Code, LeadError};
use crate::model::{Model, OnInvalid};
use crate::time::{self, Millis};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One account's input, read.
#[derive(Debug, Clone)]
pub struct AccountInput {
    /// The account's own fields and events (`id`, `domain`, `industry`, product `events`, ...).
    pub account: Lead,
    /// Its readable intent signals, in input order.
    pub intent: Vec<IntentSignal>,
    /// Its contacts, each read as a lead.
    pub contacts: Vec<Lead>,
}

/// One intent signal: a provider's score for a topic in a week (or at a time).
#[derive(Debug, Clone, PartialEq)]
pub struct IntentSignal {
    /// Provider name as given.
    pub provider: String,
    /// Topic as given.
    pub topic: String,
    /// The provider's score (absent when it gives only a surge flag).
    pub score: Option<f64>,
    /// The provider's own surge flag, if it gives one.
    pub surge: Option<bool>,
    /// Start of the week the signal covers (a `week` signal), or its time (an `at` signal).
    pub start: Millis,
    /// Whether it covers a week (its age counts from the week's end).
    pub weekly: bool,
    /// Where it was in the input.
    pub index: usize,
}

/// The keys of an account input.
const KEYS: &[&str] = &["account", "contacts"];

impl AccountInput {
    /// Reads an input value for `model` (its limits and `onInvalid`).
    pub fn parse(value: Value, model: &Model) -> Result<AccountInput, LeadError> {
        let limits = model.account.as_deref().map(|a| a.limits.clone()).unwrap_or_default();
        let Value::Object(mut top) = value else {
            return Err(LeadError::new(
                "",
                Code::WrongType,
                format!(
                    "expected an object {{\"account\": {{...}}, \"contacts\": [...]}}, found {}",
                    crate::text::describe_value(&value)
                ),
            ));
        };
        if let Some(key) = top.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(LeadError::new(
                key.clone(),
                Code::UnknownField,
                format!("unknown field \"{key}\"; an account input has \"account\" and \"contacts\""),
            ));
        }
        let contacts = match top.remove("contacts") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items,
            Some(other) => {
                return Err(LeadError::new(
                    "contacts",
                    Code::WrongType,
                    format!("expected an array of contacts, found {}", crate::text::describe_value(&other)),
                ))
            }
        };
        if contacts.len() > limits.max_contacts {
            return Err(too_many_contacts(contacts.len(), limits.max_contacts));
        }
        let mut account = match top.remove("account") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(map)) => map,
            Some(other) => {
                return Err(LeadError::new(
                    "account",
                    Code::WrongType,
                    format!("expected an object, found {}", crate::text::describe_value(&other)),
                ))
            }
        };
        let signals = match account.remove("intent") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items,
            Some(other) => {
                return Err(LeadError::new(
                    "account.intent",
                    Code::WrongType,
                    format!("expected an array of intent signals, found {}", crate::text::describe_value(&other)),
                ))
            }
        };
        if signals.len() > limits.max_intent_signals {
            return Err(LeadError::new(
                "account.intent",
                Code::TooLarge,
                format!(
                    "{} intent signals; the model allows at most {} per account (account.limits.maxIntentSignals)",
                    signals.len(),
                    limits.max_intent_signals
                ),
            ));
        }
        let mut account = Lead::parse(Value::Object(account), &model.input).map_err(|e| within("account", e))?;
        account.warnings = std::mem::take(&mut account.warnings).into_iter().map(|w| within("account", w)).collect();
        let mut intent = Vec::with_capacity(signals.len());
        for (i, s) in signals.into_iter().enumerate() {
            match read_signal(&s, i) {
                Ok(signal) => intent.push(signal),
                Err(problem) => match model.input.on_invalid {
                    OnInvalid::Error => return Err(problem),
                    OnInvalid::Warn => account.warnings.push(problem),
                },
            }
        }
        let contacts = contacts
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let at = format!("contacts[{i}]");
                let mut lead = Lead::parse(c, &model.input).map_err(|e| within(&at, e))?;
                lead.warnings = std::mem::take(&mut lead.warnings).into_iter().map(|w| within(&at, w)).collect();
                Ok(lead)
            })
            .collect::<Result<Vec<_>, LeadError>>()?;
        Ok(AccountInput { account, intent, contacts })
    }

    /// Reads an input from JSON text. The contacts are read from their own text by the lead
    /// reader (events straight from the text, as `score_json` does), not through a JSON value of
    /// the whole input, which took most of the time of a large account.
    pub fn from_json(text: &str, model: &Model) -> Result<AccountInput, LeadError> {
        let syntax = |e: serde_json::Error| LeadError {
            position: Some(crate::error::TextPosition { line: e.line(), column: e.column() }),
            ..LeadError::new("", Code::Syntax, format!("not valid JSON: {e}"))
        };
        let top = serde_json::from_str::<BTreeMap<String, &RawValue>>(text).ok();
        let raw_contacts = top.as_ref().and_then(|top| match top.get("contacts") {
            Some(raw) => serde_json::from_str::<Vec<&RawValue>>(raw.get()).ok(),
            None => Some(Vec::new()),
        });
        let (Some(top), Some(raw_contacts)) = (top, raw_contacts) else {
            // Not an object with an array of contacts: the value reader says what it is instead.
            let value: Value = serde_json::from_str(text).map_err(syntax)?;
            return AccountInput::parse(value, model);
        };
        let mut head = Map::new();
        for (key, raw) in &top {
            if key != "contacts" {
                head.insert(key.clone(), serde_json::from_str(raw.get()).map_err(syntax)?);
            }
        }
        let mut input = AccountInput::parse(Value::Object(head), model)?;
        let limit = model.account.as_deref().map_or(crate::model::DEFAULT_MAX_CONTACTS, |a| a.limits.max_contacts);
        if raw_contacts.len() > limit {
            return Err(too_many_contacts(raw_contacts.len(), limit));
        }
        input.contacts = raw_contacts
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                let at = format!("contacts[{i}]");
                let mut lead = Lead::from_json(raw.get(), &model.input).map_err(|e| within(&at, e))?;
                lead.warnings = std::mem::take(&mut lead.warnings).into_iter().map(|w| within(&at, w)).collect();
                Ok(lead)
            })
            .collect::<Result<Vec<_>, LeadError>>()?;
        Ok(input)
    }
}

fn too_many_contacts(count: usize, max: usize) -> LeadError {
    LeadError::new(
        "contacts",
        Code::TooLarge,
        format!("{count} contacts; the model allows at most {max} per account (account.limits.maxContacts)"),
    )
}

/// `e` with its path under `prefix`.
pub(crate) fn within(prefix: &str, mut e: LeadError) -> LeadError {
    e.path = if e.path.is_empty() {
        prefix.to_string()
    } else if e.path.starts_with('[') {
        format!("{prefix}{}", e.path)
    } else {
        format!("{prefix}.{}", e.path)
    };
    e
}

/// Reads intent signal `i`.
pub fn read_signal(v: &Value, i: usize) -> Result<IntentSignal, LeadError> {
    let at = format!("account.intent[{i}]");
    let Value::Object(m) = v else {
        return Err(LeadError::new(
            at,
            Code::WrongType,
            format!("expected an intent signal object, found {}", crate::text::describe_value(v)),
        ));
    };
    let text = |key: &str| -> Result<String, LeadError> {
        match m.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            Some(other) => Err(LeadError::new(
                format!("{at}.{key}"),
                Code::WrongType,
                format!("expected a text, found {}", crate::text::describe_value(other)),
            )),
            None => Err(LeadError::new(
                format!("{at}.{key}"),
                Code::MissingField,
                format!("an intent signal needs \"{key}\""),
            )),
        }
    };
    let provider = text("provider")?;
    let topic = text("topic")?;
    let score = match m.get("score") {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => crate::text::parse_number(s),
        _ => None,
    };
    let surge = match m.get("surge") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => {
            return Err(LeadError::new(
                format!("{at}.surge"),
                Code::WrongType,
                format!("expected true or false, found {}", crate::text::describe_value(other)),
            ))
        }
    };
    let score = match (score, surge, m.get("score")) {
        (Some(s), _, _) if s.is_finite() => Some(s),
        (None, Some(_), None | Some(Value::Null)) => None,
        (_, _, Some(other)) => {
            return Err(LeadError::new(
                format!("{at}.score"),
                Code::WrongType,
                format!("expected a number, found {}", crate::text::describe_value(other)),
            ))
        }
        _ => {
            return Err(LeadError::new(
                format!("{at}.score"),
                Code::MissingField,
                "an intent signal needs \"score\" (or \"surge\")",
            ))
        }
    };
    let (start, weekly) = match (m.get("week"), m.get("at")) {
        (Some(w), None) => (time::from_json(w).ok_or_else(|| bad_time(&at, "week", w))?, true),
        (None, Some(t)) => (time::from_json(t).ok_or_else(|| bad_time(&at, "at", t))?, false),
        (Some(_), Some(_)) => {
            return Err(LeadError::new(
                at,
                Code::InvalidValue,
                "give \"week\" (the week's first day) or \"at\", not both",
            ))
        }
        (None, None) => {
            return Err(LeadError::new(
                format!("{at}.week"),
                Code::MissingField,
                "an intent signal needs \"week\" (the week's first day) or \"at\"",
            ))
        }
    };
    Ok(IntentSignal { provider, topic, score, surge, start, weekly, index: i })
}

fn bad_time(at: &str, key: &str, v: &Value) -> LeadError {
    LeadError::new(
        format!("{at}.{key}"),
        Code::BadTimestamp,
        format!("{} is not an RFC 3339 date or time, or epoch milliseconds", crate::text::show_value(v)),
    )
}
