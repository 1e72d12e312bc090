//! Evaluation: backtests of any model on labelled history, and the metrics they report.

pub mod backtest;
pub mod metrics;

pub use backtest::{backtest, BacktestOptions, BacktestReport, Period};
