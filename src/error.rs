//! Typed errors. Every problem carries a JSON path (`rules[3].when.field`) and a stable code, so that a
//! form, a CRM extension or a backend can point at the exact spot and react by code, not by message text.

use serde::ser::{SerializeMap, Serializer};
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
    /// Enrichment sources disagree on a field beyond the model's tolerance (a card warning only).
    Conflict,
    /// How a contact was matched to an account, where there was a choice (an account card note).
    Matching,
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
            Code::Conflict => "conflict",
            Code::Matching => "matching",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in a model, with where it is and what is wrong. Serialised with its location as data
/// as well as text: `path`, `segments` (see [`segments`]), and `line`/`column` for a syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// JSON path from the document root, e.g. `rules[3].when.field`; empty for the root itself.
    pub path: String,
    /// Machine-readable kind.
    pub code: Code,
    /// Plain-English explanation, with a did-you-mean where one is close.
    pub message: String,
    /// Where in the JSON text, for a syntax error.
    pub position: Option<TextPosition>,
}

impl Issue {
    pub(crate) fn new(path: impl Into<String>, code: Code, message: impl Into<String>) -> Self {
        Issue { path: path.into(), code, message: message.into(), position: None }
    }
}

impl Serialize for Issue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_located(s, &self.path, self.code, &self.message, self.position)
    }
}

/// A 1-based line and column (in characters) in a JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextPosition {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in bytes as `serde_json` counts it.
    pub column: usize,
}

/// One step of a JSON path: an object key or an array index. Serialised as a string or a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum PathSegment {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// The segments of a path written by this crate (`groups["my group"].max` is
/// `["groups", "my group", "max"]`, `[3].events[0]` is `[3, "events", 0]`): the inverse of how
/// [`child`] and [`index`] write paths, so every front end gets the location as data and none
/// parses path text. Paths are kept as text inside the core because they are built on every
/// checked value and only read when something is reported.
pub fn segments(path: &str) -> Vec<PathSegment> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            if after.starts_with('"') {
                // A quoted key: a JSON string, then `]`.
                let mut stream = serde_json::Deserializer::from_str(after).into_iter::<String>();
                if let Some(Ok(key)) = stream.next() {
                    let used = stream.byte_offset();
                    out.push(PathSegment::Key(key));
                    rest = after.get(used..).and_then(|r| r.strip_prefix(']')).unwrap_or("");
                    continue;
                }
            } else if let Some(end) = after.find(']') {
                if let Ok(i) = after.get(..end).unwrap_or("").parse::<usize>() {
                    out.push(PathSegment::Index(i));
                    rest = after.get(end + 1..).unwrap_or("");
                    continue;
                }
            }
            // Not a path this crate writes: the rest as one key, so nothing is lost.
            out.push(PathSegment::Key(rest.to_string()));
            break;
        }
        let key = rest.strip_prefix('.').unwrap_or(rest);
        let end = key.find(['.', '[']).unwrap_or(key.len());
        out.push(PathSegment::Key(key.get(..end).unwrap_or("").to_string()));
        rest = key.get(end..).unwrap_or("");
    }
    out
}

/// Writes `{ path, segments, code, message, line?, column? }`: the shape of every located problem.
fn serialize_located<S: Serializer>(
    s: S,
    path: &str,
    code: Code,
    message: &str,
    position: Option<TextPosition>,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    map.serialize_entry("path", path)?;
    map.serialize_entry("segments", &segments(path))?;
    map.serialize_entry("code", &code)?;
    map.serialize_entry("message", message)?;
    if let Some(p) = position {
        map.serialize_entry("line", &p.line)?;
        map.serialize_entry("column", &p.column)?;
    }
    map.end()
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

/// A lead could not be scored: one problem, naming the field. Serialised like an [`Issue`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadError {
    /// JSON path inside the lead, e.g. `events[12].at`; empty for the lead itself.
    pub path: String,
    /// Machine-readable kind.
    pub code: Code,
    /// Plain-English explanation.
    pub message: String,
    /// Where in the lead's JSON text, for a syntax error.
    pub position: Option<TextPosition>,
}

impl LeadError {
    pub(crate) fn new(path: impl Into<String>, code: Code, message: impl Into<String>) -> Self {
        LeadError { path: path.into(), code, message: message.into(), position: None }
    }

    /// The same problem inside a batch: `[index]` put before its path.
    pub fn in_batch(self, index: usize) -> LeadError {
        LeadError { path: batch_path(index, &self.path), ..self }
    }
}

impl Serialize for LeadError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_located(s, &self.path, self.code, &self.message, self.position)
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

/// A path inside the `index`-th item of a batch: `[3]` + `events[0].at` is `[3].events[0].at`.
pub fn batch_path(index: usize, path: &str) -> String {
    if path.is_empty() {
        format!("[{index}]")
    } else if path.starts_with('[') {
        format!("[{index}]{path}")
    } else {
        format!("[{index}].{path}")
    }
}

/// Appends `[index]` to a JSON path.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(k: &str) -> PathSegment {
        PathSegment::Key(k.to_string())
    }

    #[test]
    fn segments_read_the_paths_the_crate_writes() {
        assert_eq!(segments(""), vec![]);
        assert_eq!(
            segments("rules[3].when.field"),
            vec![key("rules"), PathSegment::Index(3), key("when"), key("field")]
        );
        assert_eq!(segments(&child(&child("", "groups"), "my group")), vec![key("groups"), key("my group")]);
        assert_eq!(segments("groups[\"my group\"].max"), vec![key("groups"), key("my group"), key("max")]);
        assert_eq!(
            segments("[7].events[0].at"),
            vec![PathSegment::Index(7), key("events"), PathSegment::Index(0), key("at")]
        );
        assert_eq!(segments("[\"a]b\\\"c\"]"), vec![key("a]b\"c")]);
        // Not written by the crate, but still split without losing text.
        assert_eq!(segments("a[x"), vec![key("a"), key("[x")]);
    }

    #[test]
    fn located_problems_serialise_their_location_as_data() {
        let issue = Issue::new("groups[\"my group\"].max", Code::InvalidValue, "must be positive");
        let json = serde_json::to_value(&issue).map_err(|e| e.to_string());
        assert_eq!(
            json,
            Ok(serde_json::json!({"path": "groups[\"my group\"].max", "segments": ["groups", "my group", "max"],
                "code": "invalid_value", "message": "must be positive"}))
        );
        let syntax =
            LeadError { position: Some(TextPosition { line: 2, column: 5 }), ..LeadError::new("", Code::Syntax, "x") };
        let json = serde_json::to_value(&syntax).map_err(|e| e.to_string());
        assert_eq!(
            json,
            Ok(
                serde_json::json!({"path": "", "segments": [], "code": "syntax", "message": "x", "line": 2, "column": 5})
            )
        );
        assert_eq!(LeadError::new("events[2].at", Code::BadTimestamp, "x").in_batch(4).path, "[4].events[2].at");
        assert_eq!(LeadError::new("[1]", Code::WrongType, "x").in_batch(4).path, "[4][1]");
        assert_eq!(LeadError::new("", Code::WrongType, "x").in_batch(4).path, "[4]");
    }

    proptest! {
        /// Any path built by `child` and `index`, whatever its keys, reads back as the same segments.
        #[test]
        fn segments_invert_child_and_index(steps in proptest::collection::vec(
            prop_oneof![any::<String>().prop_map(PathSegment::Key), (0usize..10_000).prop_map(PathSegment::Index)], 0..8)) {
            let path = steps.iter().fold(String::new(), |p, s| match s {
                PathSegment::Key(k) => child(&p, k),
                PathSegment::Index(i) => index(&p, *i),
            });
            prop_assert_eq!(segments(&path), steps);
        }
    }
}
