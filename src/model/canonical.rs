//! The canonical form of a model and its fingerprint.
//!
//! Canonical JSON: every default filled in, object keys sorted, no whitespace, integral numbers written
//! without a fraction (`5`, not `5.0`, as JavaScript's `JSON.stringify` writes them), the `$schema`
//! editor hint dropped. Two documents that mean the same model have the same canonical form, so the
//! SHA-256 of it identifies the model: a backend can check that a score computed in a browser came from
//! the model it expects.

use super::document::Model;
use serde_json::{Number, Value};
use sha2::{Digest, Sha256};

/// Largest integer that f64 and JavaScript numbers hold exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

fn normalise(v: &mut Value) {
    match v {
        Value::Number(n) => {
            if let Some(x) = n.as_f64().filter(|x| x.fract() == 0.0 && x.abs() <= MAX_SAFE) {
                // Integral and within ±2^53, so the conversion is exact.
                *n = Number::from(x as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalise),
        Value::Object(map) => map.values_mut().for_each(normalise),
        _ => {}
    }
}

/// The model as a canonical JSON value.
pub fn canonical_value(model: &Model) -> Value {
    // Serialising plain data with string keys cannot fail; Null is an unreachable fallback.
    let mut v = serde_json::to_value(model).unwrap_or(Value::Null);
    normalise(&mut v);
    v
}

/// The canonical JSON text.
pub fn canonical_json(model: &Model) -> String {
    canonical_value(model).to_string()
}

/// `sha256:` followed by the lower-case hex SHA-256 of the canonical JSON.
pub fn fingerprint(model: &Model) -> String {
    let digest = Sha256::digest(canonical_json(model).as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest.iter() {
        out.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    out
}
