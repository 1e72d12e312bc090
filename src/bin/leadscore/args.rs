//! The flags of each command and the api request each becomes. Flags hold what the user typed
//! (times and separators as text, numbers unset unless given) so that the api applies its own
//! defaults and checks and refuses a bad value with its own message.

use clap::{Args, ValueEnum};
use leadscore::api::{BacktestRequest, ScoreOptions, TimeInput, TrainRequest};
use std::path::PathBuf;

/// `--model`.
#[derive(Args)]
pub struct ModelArg {
    /// The model (JSON); default: the embedded default model.
    #[arg(long, short)]
    pub model: Option<PathBuf>,
}

/// `--as-of`: scoring time.
#[derive(Args)]
pub struct AsOfArg {
    /// Score as of this time (RFC 3339); default: now.
    #[arg(long)]
    pub as_of: Option<String>,
}

impl AsOfArg {
    fn time(&self) -> Option<TimeInput> {
        self.as_of.clone().map(TimeInput::Text)
    }
}

/// Output of `score`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// A header row, then one row per lead.
    Csv,
}

/// What `score` does with a lead it refuses.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnError {
    /// Report it (file:line: why) and score the rest; exit 1 at the end.
    Skip,
    /// Report it and stop; the leads before it are written.
    Stop,
}

/// `score`.
#[derive(Args)]
pub struct ScoreArgs {
    /// Leads: JSON Lines (one object per line), or CSV (`.csv`, with a header row); `-` reads JSON Lines from stdin.
    pub input: PathBuf,
    #[command(flatten)]
    pub model: ModelArg,
    #[command(flatten)]
    pub as_of: AsOfArg,
    /// Write every card in full, with groups and contributions (JSON Lines only).
    #[arg(long)]
    pub explain: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// What to do with a lead that cannot be scored.
    #[arg(long, value_enum, default_value_t = OnError::Skip)]
    pub on_error: OnError,
    /// CSV input separator: one ASCII character.
    #[arg(long, visible_alias = "sep")]
    pub separator: Option<String>,
}

impl ScoreArgs {
    /// The api's score options.
    pub fn options(&self) -> ScoreOptions {
        ScoreOptions { as_of: self.as_of.time(), explain: Some(self.explain) }
    }
}

/// `explain`.
#[derive(Args)]
pub struct ExplainArgs {
    /// One lead (JSON, pretty-printed or not) or several (JSON Lines); `-` reads stdin.
    pub leads: PathBuf,
    #[command(flatten)]
    pub model: ModelArg,
    #[command(flatten)]
    pub as_of: AsOfArg,
}

impl ExplainArgs {
    /// The api's score options: explained cards.
    pub fn options(&self) -> ScoreOptions {
        ScoreOptions { as_of: self.as_of.time(), explain: Some(true) }
    }
}

/// `validate`.
#[derive(Args)]
pub struct ValidateArgs {
    /// The model file (JSON).
    pub model: PathBuf,
}

/// Labelled history: `--data`, `--target`, `--ignore`, `--separator`.
#[derive(Args)]
pub struct DataArgs {
    /// History: CSV with a header row (`.csv`), or JSON Lines (one object per line).
    #[arg(long)]
    pub data: PathBuf,
    /// The outcome column: 1/0, yes/no, true/false.
    #[arg(long)]
    pub target: String,
    /// Columns to leave out, comma-separated (e.g. fields known only after the outcome).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// CSV separator: one ASCII character (default `,`).
    #[arg(long, visible_alias = "sep")]
    pub separator: Option<String>,
}

/// `train`.
#[derive(Args)]
pub struct TrainArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Hold out every k-th row (0-based index a multiple of k, k >= 2) and report on it.
    #[arg(long)]
    pub holdout_every: Option<usize>,
    /// At most this many bins per numeric column (2 to 100; default 10).
    #[arg(long)]
    pub bins: Option<usize>,
    /// L2 penalty on the bin weights (greater than 0; default 1).
    #[arg(long)]
    pub l2: Option<f64>,
    /// Share of training leads in the hot tier (default 0.1).
    #[arg(long)]
    pub hot: Option<f64>,
    /// Share of training leads in the hot or warm tiers (default 0.3).
    #[arg(long)]
    pub warm: Option<f64>,
    /// Model id (default `trained`).
    #[arg(long)]
    pub id: Option<String>,
    /// Write the model here (JSON).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Also write the training report here (JSON).
    #[arg(long)]
    pub report: Option<PathBuf>,
}

impl TrainArgs {
    /// The api's training request.
    pub fn request(&self) -> TrainRequest {
        let d = &self.data;
        TrainRequest {
            target: d.target.clone(),
            ignore: d.ignore.clone(),
            separator: d.separator.clone(),
            holdout_every: self.holdout_every,
            bins: self.bins,
            l2: self.l2,
            hot: self.hot,
            warm: self.warm,
            id: self.id.clone(),
        }
    }
}

/// `backtest`.
#[derive(Args)]
pub struct BacktestArgs {
    #[command(flatten)]
    pub model: ModelArg,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub as_of: AsOfArg,
    /// Only rows whose 0-based index is a multiple of k (the holdout of `train --holdout-every k`).
    #[arg(long)]
    pub test_every: Option<usize>,
    /// Report what working the best-scored N leads would have caught.
    #[arg(long)]
    pub capacity: Option<usize>,
    /// Read --capacity as leads per week over the weeks this date field spans.
    #[arg(long)]
    pub capacity_per_week_by: Option<String>,
    /// Date field for a stability check (with --split-at).
    #[arg(long)]
    pub period_field: Option<String>,
    /// Leads dated before this (RFC 3339) are the reference period (with --period-field).
    #[arg(long)]
    pub split_at: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

impl BacktestArgs {
    /// The api's backtest request.
    pub fn request(&self) -> BacktestRequest {
        let d = &self.data;
        BacktestRequest {
            target: d.target.clone(),
            ignore: d.ignore.clone(),
            separator: d.separator.clone(),
            as_of: self.as_of.time(),
            test_every: self.test_every,
            capacity: self.capacity,
            capacity_per_week_by: self.capacity_per_week_by.clone(),
            period_field: self.period_field.clone(),
            split_at: self.split_at.clone().map(TimeInput::Text),
        }
    }
}
