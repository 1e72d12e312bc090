//! The typed boundary every front end calls: the CLI (`src/bin`), the JavaScript API (`src/wasm`)
//! and any later binding. Requests are serde types (camelCase, unknown fields refused), so a front
//! end only turns its own input (command-line flags, JS values) into them and the results back;
//! reading options, histories and JSON Lines, and every rule about them, live here once. Failures
//! are one [`Error`] type whose location is data (path segments, line and column).
//!
//! Like the rest of the core, nothing here reads a clock or does I/O: a front end passes the
//! current time in for requests that leave `asOf` out, and hands over text it has read.

mod audit;
mod coverage;
mod error;
mod history;
mod locate;
mod options;
mod run;

pub use audit::audit;
pub use coverage::coverage;
pub use error::{Error, Kind};
pub use history::{json_lines, strip_bom, History};
pub use locate::locate;
pub use options::{
    separator, AuditRequest, BacktestRequest, DataOptions, ScoreOptions, ScoreSettings, TimeInput, TrainRequest,
};
pub use run::{
    backtest, load_model, read_dataset, read_labelled, train, train_with_progress, validate, ValidationReport,
};
