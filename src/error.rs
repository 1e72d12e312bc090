//! Typed errors. Every problem carries a JSON path (`rules[3].when.field`) and a stable code, so that a
//! form, a CRM extension or a backend can point at the exact spot and react by code, not by message text.

use serde::Serialize;
use std::fmt;

/// What kind of problem an [`Issue`] or [`LeadError`] reports. Serialised in `snake_case`; the codes are
/// part of the public contract (documented in `docs/model.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The text is not valid JSON.
    Syntax,
    /// A field the format does not define.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value of the wrong JSON type.
    WrongType,
    /// A value of the right type outside what the field allows.
    InvalidValue,
    /// Two rules (or tiers, or grades) share an id.
    DuplicateId,
    /// A list that must hold at least one item is empty.
    EmptyList,
    /// Thresholds (tiers, grades, ranges) are not in the required order.
    OutOfOrder,
    /// A derived-signal field the engine does not know (`title.senority`).
    UnknownSignal,
    /// A rule names a group the model does not define.
    UnknownGroup,
    /// A timestamp that is not RFC 3339 or epoch milliseconds, or out of range.
    BadTimestamp,
    /// An input larger than the model's configured limits.
    TooLarge,
    /// Nesting deeper than the engine follows.
    TooDeep,
}

impl Code {
    /// The code as it appears in JSON (`"unknown_field"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::UnknownField => "unknown_field",
            Code::MissingField => "missing_field",
            Code::WrongType => "wrong_type",
            Code::InvalidValue => "invalid_value",
            Code::DuplicateId => "duplicate_id",
            Code::EmptyList => "empty_list",
            Code::OutOfOrder => "out_of_order",
            Code::UnknownSignal => "unknown_signal",
            Code::UnknownGroup => "unknown_group",
            Code::BadTimestamp => "bad_timestamp",
            Code::TooLarge => "too_large",
            Code::TooDeep => "too_deep",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in a model, with where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// JSON path from the document root, e.g. `rules[3].when.field`; empty for the root itself.
    pub path: String,
    /// Machine-readable kind.
    pub code: Code,
    /// Plain-English explanation, with a did-you-mean where one is close.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "(root): {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A model was refused. Holds *every* problem found, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    /// All problems, never empty.
    pub issues: Vec<Issue>,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.issues.len();
        write!(f, "invalid model ({n} problem{})", if n == 1 { "" } else { "s" })?;
        for issue in &self.issues {
            write!(f, "\n  {issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ModelError {}

/// A lead could not be scored: one problem, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadError {
    /// JSON path inside the lead, e.g. `events[12].at`; empty for the lead itself.
    pub path: String,
    /// Machine-readable kind.
    pub code: Code,
    /// Plain-English explanation.
    pub message: String,
}

impl LeadError {
    pub(crate) fn new(path: impl Into<String>, code: Code, message: impl Into<String>) -> Self {
        LeadError { path: path.into(), code, message: message.into() }
    }
}

impl fmt::Display for LeadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "invalid lead: {}", self.message)
        } else {
            write!(f, "invalid lead: {}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for LeadError {}

/// Appends `.key` or `[i]` to a JSON path. Keys that are not plain identifiers are quoted
/// (`groups["my group"]`) so the path stays unambiguous.
pub(crate) fn child(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    match (path.is_empty(), plain) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", serde_json::Value::String(key.to_string())),
    }
}

/// Appends `[index]` to a JSON path.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}
