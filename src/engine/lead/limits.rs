//! The model's input limits on a lead's values and keys: nesting depth (`MAX_LEAD_DEPTH`) and
//! string length (`input.maxStringBytes`), with the path of the first value or key over them.
//!
//! Why keys too: a key is as much of the input as a value, and an unchecked key let a caller put
//! megabytes into every path, message and copy of the lead that the string limit was meant to keep
//! out. A key over the limit is reported at its parent's path (the key itself, shortened, is in the
//! message), so that the path stays short.

use crate::error::{child, index, Code, LeadError};
use crate::text::quote_short;
use serde_json::Value;

/// Deepest nesting of objects and arrays inside a lead.
pub const MAX_LEAD_DEPTH: usize = 32;

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// A problem below some value: the path segments from the bottom up, the code and the message.
type Found<'a> = (Vec<Segment<'a>>, Code, String);

/// The limits check of a value found at `path` (built only on error), `depth` levels down.
pub(super) fn check_field(
    v: &Value,
    depth: usize,
    max_bytes: usize,
    path: impl FnOnce() -> String,
) -> Option<LeadError> {
    check_value(v, depth, max_bytes).err().map(|found| located(path(), found))
}

/// The limits check of an object's key, at the object's `path` (built only on error). Every key
/// of every lead passes here: the check is one comparison, the error built out of line.
#[inline]
pub(super) fn check_key(key: &str, max_bytes: usize, path: impl FnOnce() -> String) -> Option<LeadError> {
    if key.len() <= max_bytes {
        return None;
    }
    Some(key_too_large(key, max_bytes, path()))
}

#[cold]
fn key_too_large(key: &str, max_bytes: usize, path: String) -> LeadError {
    LeadError::new(path, Code::TooLarge, key_message(key, max_bytes))
}

/// The length check of a string found at `path` (built only on error): [`check_field`] for a
/// string that is not (yet) a `Value`.
pub(super) fn check_str(s: &str, max_bytes: usize, path: impl FnOnce() -> String) -> Option<LeadError> {
    (s.len() > max_bytes).then(|| LeadError::new(path(), Code::TooLarge, string_message(s, max_bytes)))
}

fn string_message(s: &str, max_bytes: usize) -> String {
    format!("{} bytes is longer than the model's limit of {max_bytes} (input.maxStringBytes)", s.len())
}

fn key_message(key: &str, max_bytes: usize) -> String {
    format!(
        "key {} is {} bytes, longer than the model's limit of {max_bytes} (input.maxStringBytes)",
        quote_short(key),
        key.len()
    )
}

/// The error for a value nested deeper than [`MAX_LEAD_DEPTH`], at `path`.
pub(super) fn too_deep(path: String) -> LeadError {
    LeadError::new(path, Code::TooDeep, format!("nested deeper than {MAX_LEAD_DEPTH} levels"))
}

/// Turns a problem found below `base` into an error with its full path.
fn located(base: String, (segments, code, message): Found<'_>) -> LeadError {
    let path = segments.iter().rev().fold(base, |p, s| match s {
        Segment::Key(k) => child(&p, k),
        Segment::Index(i) => index(&p, *i),
    });
    LeadError::new(path, code, message)
}

/// The depth and length checks of `v`, `depth` levels down, and of everything inside it.
fn check_value(v: &Value, depth: usize, max_bytes: usize) -> Result<(), Found<'_>> {
    if depth > MAX_LEAD_DEPTH {
        return Err((Vec::new(), Code::TooDeep, format!("nested deeper than {MAX_LEAD_DEPTH} levels")));
    }
    match v {
        Value::String(s) if s.len() > max_bytes => Err((Vec::new(), Code::TooLarge, string_message(s, max_bytes))),
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, x)| {
            check_value(x, depth + 1, max_bytes).map_err(|mut f| {
                f.0.push(Segment::Index(i));
                f
            })
        }),
        Value::Object(m) => m.iter().try_for_each(|(k, x)| {
            if k.len() > max_bytes {
                return Err((Vec::new(), Code::TooLarge, key_message(k, max_bytes)));
            }
            check_value(x, depth + 1, max_bytes).map_err(|mut f| {
                f.0.push(Segment::Key(k));
                f
            })
        }),
        _ => Ok(()),
    }
}
