//! The requests themselves: validate a model, train, backtest. Each front end calls these with
//! the text or objects it has and the current time where a request leaves `asOf` out.

use super::error::Error;
use super::history::{parse_lines, History};
use super::options::{BacktestRequest, DataOptions, TrainRequest};
use crate::error::Issue;
use crate::evaluate::BacktestReport;
use crate::predict::{self, DataError, Dataset, Trained};
use crate::time::Millis;
use crate::{Model, Scorer};
use serde::Serialize;
use serde_json::Value;

/// What checking a model found: `{ valid, issues, fingerprint? }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationReport {
    /// No problem found.
    pub valid: bool,
    /// Every problem, in document order.
    pub issues: Vec<Issue>,
    /// The model's fingerprint, when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

/// Checks a model's JSON text; never fails.
pub fn validate(text: &str) -> ValidationReport {
    match Model::from_json(text) {
        Ok(m) => ValidationReport { valid: true, issues: Vec::new(), fingerprint: Some(m.fingerprint()) },
        Err(e) => ValidationReport { valid: false, issues: e.issues, fingerprint: None },
    }
}

/// A model from its JSON text, or the default model when there is none.
pub fn load_model(text: Option<&str>) -> Result<Model, Error> {
    match text {
        None => Ok(Model::default_model()),
        Some(text) => Ok(Model::from_json(text)?),
    }
}

/// A data error whose line counts rows (JSON Lines, objects) reported at the row's file line.
fn row_error(e: DataError, lines: Option<&[usize]>) -> Error {
    let line = e.line.map(|row| lines.and_then(|l| l.get(row.wrapping_sub(1)).copied()).unwrap_or(row));
    Error::from(DataError { line, ..e })
}

/// History read into columns for training.
pub fn read_dataset(history: History<'_>, options: &DataOptions) -> Result<Dataset, Error> {
    let read = options.read_options()?;
    match history {
        History::Csv(text) => Ok(predict::read_csv(text, &read)?),
        History::JsonLines(text) => {
            let (rows, lines) = parse_lines(text)?;
            predict::from_objects(&rows, &read).map_err(|e| row_error(e, Some(&lines)))
        }
        History::Objects(rows) => predict::from_objects(&rows, &read).map_err(|e| row_error(e, None)),
    }
}

/// History read as leads with their outcomes, for a backtest; with `test_every: k`, only rows whose
/// 0-based index is a multiple of k (the holdout of `holdoutEvery: k`).
pub fn read_labelled(
    history: History<'_>,
    options: &DataOptions,
    test_every: Option<usize>,
) -> Result<(Vec<Value>, Vec<bool>), Error> {
    let read = options.read_options()?;
    let (leads, outcome) = match history {
        History::Csv(text) => {
            let d = predict::read_csv(text, &read)?;
            ((0..d.len()).map(|i| d.lead(i)).collect(), d.outcome)
        }
        History::JsonLines(text) => {
            let (rows, lines) = parse_lines(text)?;
            predict::split_outcome(rows, &read.target).map_err(|e| row_error(e, Some(&lines)))?
        }
        History::Objects(rows) => predict::split_outcome(rows, &read.target).map_err(|e| row_error(e, None))?,
    };
    Ok(match test_every {
        Some(k) if k > 1 => (leads.into_iter().step_by(k).collect(), outcome.into_iter().step_by(k).collect()),
        _ => (leads, outcome),
    })
}

/// Trains a scorecard model on labelled history.
pub fn train(history: History<'_>, request: &TrainRequest) -> Result<Trained, Error> {
    train_with_progress(history, request, &mut predict::Progress::none())
}

/// [`train`], reporting `(stage, done, total)` as it goes (the CLI's bar, the playground's worker).
pub fn train_with_progress(
    history: History<'_>,
    request: &TrainRequest,
    progress: &mut predict::Progress<'_>,
) -> Result<Trained, Error> {
    let options = request.train_options()?;
    // A sensitive column is read even if also ignored: the trainer leaves it out of the inputs
    // itself, and audits the model against it.
    let mut data_options = request.data();
    data_options.ignore.retain(|c| !options.sensitive.contains(c));
    let data = read_dataset(history, &data_options)?;
    if let Some(unknown) = options.sensitive.iter().find(|s| !data.columns.iter().any(|c| &c.name == *s)) {
        let mut columns: Vec<&str> = data.columns.iter().map(|c| c.name.as_str()).collect();
        columns.push(&data.target);
        let reason = format!("no column \"{unknown}\" in the data; the columns are: {}", columns.join(", "));
        return Err(Error::usage("sensitive", crate::error::Code::UnknownField, reason));
    }
    Ok(predict::train_with_progress(&data, &options, progress)?)
}

/// Backtests a model on labelled history; `now` is called only when the request has no `asOf`.
pub fn backtest(
    scorer: &Scorer,
    history: History<'_>,
    request: &BacktestRequest,
    now: impl FnOnce() -> Millis,
) -> Result<BacktestReport, Error> {
    let options = request.backtest_options(now)?;
    // The history is read with the model's own "not given" texts, as the engine reads any lead.
    let data = DataOptions { missing: Some(scorer.model().input.missing.clone()), ..request.data() };
    let (leads, outcome) = read_labelled(history, &data, request.test_every)?;
    // A refused lead is named by its position among the rows backtested: `[i]...`.
    Ok(crate::evaluate::backtest(scorer, &leads, &outcome, &options)?)
}
