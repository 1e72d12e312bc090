//! The flags of each command and the api request each becomes. Flags hold what the user typed
//! (times and separators as text, numbers unset unless given) so that the api applies its own
//! defaults and checks and refuses a bad value with its own message.

use clap::{Args, ValueEnum};
use leadscore::api::{AuditRequest, BacktestRequest, ScoreOptions, TimeInput, TrainRequest};
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

/// `--strict-coverage`, on the commands that read a batch.
#[derive(Args)]
pub struct CoverageArg {
    /// Exit 1 (after the work is done and written) when a field the model reads, or every event
    /// it reads, is absent from every row; without it that is a warning on stderr.
    #[arg(long)]
    pub strict_coverage: bool,
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
    #[command(flatten)]
    pub coverage: CoverageArg,
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

/// `train`: the api's training request is the flags (`--target`, `--bins`, ...).
#[derive(Args)]
pub struct TrainArgs {
    /// History: CSV with a header row (`.csv`), or JSON Lines (one object per line).
    #[arg(long)]
    pub data: PathBuf,
    #[command(flatten)]
    pub request: TrainRequest,
    /// Write the model here (JSON).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Also write the training report here (JSON).
    #[arg(long)]
    pub report: Option<PathBuf>,
    #[command(flatten)]
    pub coverage: CoverageArg,
}

/// `backtest`: the api's backtest request is the flags (`--target`, `--capacity`, ...).
#[derive(Args)]
pub struct BacktestArgs {
    #[command(flatten)]
    pub model: ModelArg,
    /// History: CSV with a header row (`.csv`), or JSON Lines (one object per line).
    #[arg(long)]
    pub data: PathBuf,
    #[command(flatten)]
    pub request: BacktestRequest,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coverage: CoverageArg,
}

/// `audit`: the api's audit request is the flags (`--target`, `--segment`, ...).
#[derive(Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub model: ModelArg,
    /// History: CSV with a header row (`.csv`), or JSON Lines (one object per line).
    #[arg(long)]
    pub data: PathBuf,
    #[command(flatten)]
    pub request: AuditRequest,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Output of `accounts`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AccountFormat {
    /// One JSON object per account: `{account, contacts}`.
    Jsonl,
    /// A header row, then one row per account.
    Csv,
    /// Each account in plain words: every point, the buying group, intent, each contact's route and stage.
    Text,
}

/// `accounts`.
#[derive(Args)]
pub struct AccountsArgs {
    /// Contacts: JSON Lines, or CSV with a header row (`.csv`); `-` reads stdin.
    pub contacts: PathBuf,
    /// Accounts (JSON Lines or CSV): their fields, product `events` and `intent` signals. Without
    /// it, contacts group by account id, else by email domain.
    #[arg(long)]
    pub accounts: Option<PathBuf>,
    #[command(flatten)]
    pub model: ModelArg,
    #[command(flatten)]
    pub as_of: AsOfArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: AccountFormat,
    /// JSON Lines only: whole cards (groups and contributions) for accounts and contacts.
    #[arg(long)]
    pub explain: bool,
    /// CSV separator of the input files (default: comma).
    #[arg(long)]
    pub separator: Option<String>,
}

impl AccountsArgs {
    /// The api's score options.
    pub fn options(&self) -> ScoreOptions {
        ScoreOptions { as_of: self.as_of.time(), explain: Some(self.explain || self.format == AccountFormat::Text) }
    }
}
