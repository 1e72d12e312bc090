//! `leadscore._leadscore`: the engine for Python, a thin adapter over the crate's API (`api`,
//! `arrow`). The package `leadscore` (python/leadscore/) wraps it: times, dicts and tables are
//! turned into what this module takes there, so that this file only crosses the boundary.
//!
//! Errors: a refused model raises `ModelError` and a refused lead `LeadError`, with the text the
//! CLI prints; a batch whose schema cannot be read raises `SchemaError`. Scoring a batch releases
//! the GIL.

use arrow_array::RecordBatch;
use arrow_pyarrow::PyArrowType;
use leadscore::arrow::{score_batch, ArrowOptions};
use leadscore::{api, time, Scorer as Engine};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;

create_exception!(_leadscore, ModelError, PyException, "A model was refused; the message lists every problem.");
create_exception!(_leadscore, LeadError, PyException, "A lead was refused.");
create_exception!(_leadscore, SchemaError, PyException, "A batch's schema cannot be read as leads.");

/// A compiled model.
#[pyclass(frozen, module = "leadscore._leadscore")]
struct Scorer {
    engine: Engine,
}

#[pymethods]
impl Scorer {
    /// Compiles a model from its JSON text (`None`: the default model).
    #[new]
    #[pyo3(signature = (model=None))]
    fn new(model: Option<&str>) -> PyResult<Scorer> {
        let model = api::load_model(model).map_err(|e| ModelError::new_err(e.to_string()))?;
        Ok(Scorer { engine: Engine::new(model) })
    }

    /// The model's `sha256:` fingerprint.
    #[getter]
    fn fingerprint(&self) -> &str {
        self.engine.fingerprint()
    }

    /// Scores one lead given as JSON text; the card (or, `explain` off, its summary) as JSON text.
    fn score_json(&self, lead: &str, as_of: i64, explain: bool) -> PyResult<String> {
        let card =
            self.engine.score_json(lead, as_of).map_err(|e| LeadError::new_err(api::Error::from(e).to_string()))?;
        Ok(if explain { card.to_json() } else { card.summary().to_json() })
    }

    /// Scores a record batch of leads into a record batch of results (see `leadscore::arrow`).
    #[pyo3(signature = (batch, as_of, explain, id_column, events_column))]
    fn score_batch(
        &self,
        py: Python<'_>,
        batch: PyArrowType<RecordBatch>,
        as_of: i64,
        explain: bool,
        id_column: String,
        events_column: String,
    ) -> PyResult<PyArrowType<RecordBatch>> {
        let options = ArrowOptions { as_of, explain, id_column, events_column };
        let batch = batch.0;
        let results = py.detach(|| score_batch(&self.engine, &batch, &options));
        results.map(PyArrowType).map_err(|e| SchemaError::new_err(e.to_string()))
    }
}

/// Checks a model's JSON text: the report (`valid`, `issues`, `fingerprint`) as JSON text.
#[pyfunction]
fn validate_model(text: &str) -> String {
    leadscore::json::to_string(&api::validate(text)).unwrap_or_default()
}

/// The default model's JSON text.
#[pyfunction]
fn default_model() -> &'static str {
    leadscore::model::DEFAULT_MODEL_JSON
}

/// An RFC 3339 time (or a date) as epoch milliseconds.
#[pyfunction]
fn parse_time(text: &str) -> PyResult<i64> {
    time::parse_rfc3339(text).ok_or_else(|| PyValueError::new_err(format!("\"{text}\" is not an RFC 3339 time")))
}

#[pymodule]
fn _leadscore(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Scorer>()?;
    m.add_function(wrap_pyfunction!(validate_model, m)?)?;
    m.add_function(wrap_pyfunction!(default_model, m)?)?;
    m.add_function(wrap_pyfunction!(parse_time, m)?)?;
    m.add("ModelError", m.py().get_type::<ModelError>())?;
    m.add("LeadError", m.py().get_type::<LeadError>())?;
    m.add("SchemaError", m.py().get_type::<SchemaError>())?;
    Ok(())
}
