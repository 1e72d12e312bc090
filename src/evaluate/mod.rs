//! Evaluation: backtests of any model on labelled history, fairness audits, the metrics they
//! report, and the coverage of a batch (which fields the model reads are there at all).

pub mod audit;
pub mod backtest;
pub mod coverage;
pub mod metrics;

pub use audit::{audit, AuditOptions, AuditReport};
pub use backtest::{backtest, BacktestOptions, BacktestReport, Period};
pub use coverage::{Coverage, CoverageReport, CoverageWarning, FieldCoverage};
