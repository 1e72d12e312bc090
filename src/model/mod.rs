//! The scoring model: a versioned JSON document (`"schema": "leadscore/v1"`), validated with every
//! problem reported by JSON path, with a canonical form and a fingerprint. `docs/model.md` documents
//! each field; `docs/model.schema.json` gives editors completion and checks.

mod account;
pub mod canonical;
mod document;
mod parse;
mod parse_account;
mod parse_enrich;
mod parse_rule;
mod reader;
mod types;

pub use account::*;
pub use document::Model;
pub use parse_rule::MAX_CONDITION_DEPTH;
pub use reader::{describe_value, MAX_ISSUES};
pub use types::*;

use crate::error::{Code, Issue, ModelError, TextPosition};
use serde_json::Value;

/// The model every entry point uses when none is given (`src/model/default_model.json`).
pub const DEFAULT_MODEL_JSON: &str = include_str!("default_model.json");

/// The fingerprint of [`DEFAULT_MODEL_JSON`], which a unit test checks against the hash of its
/// canonical form (a change to the default model must update it). Why a constant: hashing the
/// canonical form takes the serializer, the number formatter and SHA-256, which were a quarter of
/// the code wasm had to compile for the first `new Scorer()` (`Scorer::default_model` uses this).
pub const DEFAULT_MODEL_FINGERPRINT: &str = "sha256:d159d26b8ceadea4e9384cca5588364c9ecd9fb16d0b544d6b62b3f4babd5e06";

impl Model {
    /// Parses and validates a model from JSON text. A syntax error is reported with line and column;
    /// otherwise every problem in the document is listed.
    pub fn from_json(text: &str) -> Result<Model, ModelError> {
        let doc: Value = serde_json::from_str(text).map_err(|e| ModelError {
            issues: vec![Issue {
                position: Some(TextPosition { line: e.line(), column: e.column() }),
                ..Issue::new("", Code::Syntax, format!("not valid JSON: {e}"))
            }],
        })?;
        Model::from_value(&doc)
    }

    /// Validates a model given as a JSON value.
    pub fn from_value(doc: &Value) -> Result<Model, ModelError> {
        parse::parse(doc).map_err(|issues| ModelError { issues })
    }

    /// The embedded default B2B model.
    pub fn default_model() -> Model {
        // The embedded document is validated by a unit test; an empty-rules fallback keeps this total.
        Model::from_json(DEFAULT_MODEL_JSON).unwrap_or_else(|_| Model {
            groups: [("fit".to_string(), Group::default())].into_iter().collect(),
            ..Model::empty("invalid-default", "0")
        })
    }

    /// A model with an id and a version and nothing else: no groups, no rules, every setting at its
    /// default. What code that builds a model from parts starts from.
    pub fn empty(id: &str, version: &str) -> Model {
        Model {
            schema: SCHEMA.into(),
            id: id.into(),
            version: version.into(),
            name: None,
            description: None,
            groups: Default::default(),
            signals: Signals::default(),
            input: InputPolicy::default(),
            rules: Vec::new(),
            scale: Scale::default(),
            tiers: Vec::new(),
            grades: None,
            calibration: None,
            enrichment: None,
            quality: None,
            account: None,
        }
    }

    /// Canonical JSON text (see [`canonical`]).
    pub fn canonical_json(&self) -> String {
        canonical::canonical_json(self)
    }

    /// Canonical JSON value.
    pub fn canonical_value(&self) -> Value {
        canonical::canonical_value(self)
    }

    /// `sha256:<hex>` of the canonical JSON.
    pub fn fingerprint(&self) -> String {
        canonical::fingerprint(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_model_is_valid_and_round_trips() {
        let m = Model::from_json(DEFAULT_MODEL_JSON).map_err(|e| e.to_string());
        let m = m.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.id, "b2b-default");
        let again = Model::from_json(&m.canonical_json()).map_err(|e| e.to_string()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, m);
        assert_eq!(again.fingerprint(), m.fingerprint());
        assert!(m.fingerprint().starts_with("sha256:") && m.fingerprint().len() == 71);
        assert_eq!(m.fingerprint(), DEFAULT_MODEL_FINGERPRINT, "update DEFAULT_MODEL_FINGERPRINT");
    }
}
