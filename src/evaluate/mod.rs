//! Evaluation: backtests of any model on labelled history, fairness audits, and the metrics they
//! report.

pub mod audit;
pub mod backtest;
pub mod metrics;

pub use audit::{audit, AuditOptions, AuditReport};
pub use backtest::{backtest, BacktestOptions, BacktestReport, Period};
