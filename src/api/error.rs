//! One error type for every front end: what was refused ([`Kind`], which the CLI maps to its exit
//! code), the problem's [`Code`], and where it is as data: path segments inside a JSON document, or
//! a line and column in a text, or a line and field of a table.

use crate::error::{batch_path, segments, Code, Issue, LeadError, ModelError};
use crate::predict::DataError;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::fmt;

/// What a request failed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The request itself: an option of the wrong type or out of range (CLI exit code 2).
    Usage,
    /// The model was refused; `issues` lists every problem.
    Model,
    /// A lead was refused.
    Lead,
    /// Training or backtest data was refused.
    Data,
    /// A file or stream could not be read or written (front ends only).
    Io,
}

/// A refused request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What was refused.
    pub kind: Kind,
    /// The problem's code (the first issue's, for a model).
    pub code: Code,
    /// JSON path of the problem (`events[3].at`; `[7].events[3].at` in a batch; `asOf`), or "".
    pub path: String,
    /// The problem without its location.
    pub reason: String,
    /// 1-based line: in a JSON text for a syntax error, in a file for a data or JSON Lines row.
    pub line: Option<u32>,
    /// 1-based column in a JSON text, for a syntax error.
    pub column: Option<u32>,
    /// The table column at fault, for data.
    pub field: Option<String>,
    /// For a model: every problem.
    pub issues: Vec<Issue>,
}

impl Error {
    /// A request option that is wrong: `path` names the option as the request spells it.
    pub fn usage(path: &str, code: Code, reason: impl Into<String>) -> Error {
        Error::new(Kind::Usage, code, path, reason.into())
    }

    /// A file or stream problem (front ends only).
    pub fn io(what: &str, reason: impl fmt::Display) -> Error {
        Error::new(Kind::Io, Code::InvalidValue, "", format!("{what}: {reason}"))
    }

    /// An error of any kind with no location beyond its path (front ends add a line with [`Error::at_line`]).
    pub fn new(kind: Kind, code: Code, path: &str, reason: String) -> Error {
        Error { kind, code, path: path.to_string(), reason, line: None, column: None, field: None, issues: Vec::new() }
    }

    /// The same error at a 1-based line of a file (JSON Lines, CSV), unless it already has one.
    pub fn at_line(mut self, line: usize) -> Error {
        if self.line.is_none() || self.kind == Kind::Lead {
            // A lead's syntax position is inside its own line: the line is the file's, the column stays.
            self.line = Some(small(line));
        }
        self
    }

    /// The same error inside a batch: `[index]` before its path.
    pub fn in_batch(mut self, index: usize) -> Error {
        self.path = batch_path(index, &self.path);
        self
    }
}

/// Lines and columns as `u32` (a 4-billion-line file is beyond any front end's limits) keep the
/// error small enough to return by value.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<LeadError> for Error {
    fn from(e: LeadError) -> Error {
        let position = e.position;
        Error {
            line: position.map(|p| small(p.line)),
            column: position.map(|p| small(p.column)),
            ..Error::new(Kind::Lead, e.code, &e.path, e.message)
        }
    }
}

impl From<ModelError> for Error {
    fn from(e: ModelError) -> Error {
        let first = e.issues.first();
        let position = first.and_then(|i| i.position);
        let mut error = Error::new(Kind::Model, first.map_or(Code::InvalidValue, |i| i.code), "", e.to_string());
        error.line = position.map(|p| small(p.line));
        error.column = position.map(|p| small(p.column));
        error.issues = e.issues;
        error
    }
}

impl From<DataError> for Error {
    fn from(e: DataError) -> Error {
        Error { line: e.line.map(small), field: e.column, ..Error::new(Kind::Data, Code::InvalidValue, "", e.message) }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            // A model's reason already lists every problem with its path.
            Kind::Model => return f.write_str(&self.reason),
            Kind::Lead => f.write_str("invalid lead: ")?,
            _ => {}
        }
        match (self.kind, self.line, &self.field) {
            (Kind::Data, Some(l), Some(c)) => write!(f, "line {l}, column \"{c}\": ")?,
            (Kind::Data, Some(l), None) => write!(f, "line {l}: ")?,
            (Kind::Data, None, Some(c)) => write!(f, "column \"{c}\": ")?,
            _ => {}
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Error {}

/// `{ kind, code, path, segments, message, reason, line?, column?, field?, issues? }`.
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("path", &self.path)?;
        map.serialize_entry("segments", &segments(&self.path))?;
        map.serialize_entry("message", &self.to_string())?;
        map.serialize_entry("reason", &self.reason)?;
        if let Some(line) = self.line {
            map.serialize_entry("line", &line)?;
        }
        if let Some(column) = self.column {
            map.serialize_entry("column", &column)?;
        }
        if let Some(field) = &self.field {
            map.serialize_entry("field", field)?;
        }
        if !self.issues.is_empty() {
            map.serialize_entry("issues", &self.issues)?;
        }
        map.end()
    }
}
