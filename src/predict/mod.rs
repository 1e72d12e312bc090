//! Predictive scoring: read labelled history (CSV or JSON objects), train an explainable scorecard
//! (binned columns, L2 logistic regression), and write it as an ordinary, editable leadscore model
//! with a calibration to probability. Pure: no clock, no I/O; the CLI and the JS API feed it text.

pub mod binning;
pub mod boost;
pub mod calibrate;
pub mod data;
pub mod features;
pub mod hybrid;
pub mod interactions;
pub mod logistic;
pub mod progress;
pub mod rules_text;
pub mod scorecard;
pub mod train;

pub use boost::BoostOptions;
pub use data::{
    csv_header, csv_leads, csv_row_lead, from_objects, read_csv, split_outcome, DataError, Dataset, ReadOptions,
};
pub use progress::Progress;
pub use rules_text::ColumnDoc;
pub use train::{train, train_with_progress, SensitiveAudit, TrainOptions, TrainReport, Trained, Trainer};
