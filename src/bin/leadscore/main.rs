//! `leadscore`: score, explain, validate, train, backtest and audit from the command line.
//!
//! A thin adapter over [`leadscore::api`]: flags become the api's request types, results become
//! text, JSON or CSV. Every rule about an option or a history lives in the api, so this tool, the
//! JavaScript API and any later front end refuse the same things with the same messages.
//!
//! Exit codes (also in `--help`): 0 success, also when stdout is closed early (`| head`); 1 input
//! refused: an invalid model, a lead or a data row (the message names file, line and path); 2 wrong
//! usage: a flag clap or the api refuses (`--bins 1`, `--as-of soon`); 3 a file or stream could not
//! be read or written. Build with `cargo build --release --features cli`.

mod accounts;
mod args;
mod audit;
mod audit_report;
mod backtest;
mod backtest_report;
mod coverage;
mod explain;
mod files;
mod output;
mod progress;
mod score;
mod source;
mod train;
mod train_report;
mod validate;

use clap::{Parser, Subcommand};
use leadscore::api::{Error, Kind};
use std::io::Write;
use std::process::ExitCode;

/// The exit codes, for `--help`.
const EXIT_CODES: &str = "Exit codes:
  0  ok, also when the reader of stdout stops early (`| head`)
  1  input refused: a model, a lead or a data row (the message names file, line and path)
  2  wrong usage: a flag that clap or the api refuses
  3  a file or stream could not be read or written";

#[derive(Parser)]
#[command(name = "leadscore", version, after_help = EXIT_CODES)]
/// Explained B2B lead scoring: score, explain, validate, train, backtest.
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score leads (JSON Lines or CSV) as a stream on all cores: one result per line, in input order.
    #[command(after_help = EXIT_CODES)]
    Score(args::ScoreArgs),
    /// Explain leads in plain words: one JSON lead (pretty-printed or not) or a JSON Lines file.
    Explain(args::ExplainArgs),
    /// Check a model: every problem with its JSON path; exit 1 if there is any.
    Validate(args::ValidateArgs),
    /// Train a scorecard model from labelled history (CSV or JSON Lines).
    Train(args::TrainArgs),
    /// Backtest a model on labelled history: ranking, tiers, lift, calibration, capacity, stability.
    Backtest(args::BacktestArgs),
    /// Audit a model's fairness on labelled history: selection rates and the four-fifths rule per
    /// segment value, conversion, AUC, calibration, and the rules that stand in for a segment column.
    #[command(after_help = EXIT_CODES)]
    Audit(args::AuditArgs),
    /// Score accounts: contacts (JSON Lines or CSV) grouped by account id or matched by email
    /// domain, an optional accounts file; each account's card with its contacts' routes and stages.
    Accounts(args::AccountsArgs),
}

/// Why a command ended early: the exit code and what to say on stderr (nothing for a closed pipe).
pub struct Exit {
    /// The process exit code.
    pub code: u8,
    /// The message; empty when there is nothing to say.
    pub message: String,
}

impl Exit {
    /// Input refused, wrong usage or an I/O failure, by the api's [`Kind`].
    pub fn new(kind: Kind, message: impl Into<String>) -> Exit {
        let code = match kind {
            Kind::Usage => 2,
            Kind::Model | Kind::Lead | Kind::Data => 1,
            Kind::Io => 3,
        };
        Exit { code, message: message.into() }
    }

    /// The reader of stdout went away: a clean stop, as for any Unix filter.
    pub fn closed_pipe() -> Exit {
        Exit { code: 0, message: String::new() }
    }

    /// An api error about `file` (a lead's line first, as compilers print it); a usage error is
    /// about a flag, not the file.
    pub fn in_file(file: &str, e: Error) -> Exit {
        match (e.kind, e.line) {
            (Kind::Usage, _) => Exit::from(e),
            (Kind::Lead, Some(line)) => Exit::new(e.kind, format!("{file}:{line}: {e}")),
            _ => Exit::new(e.kind, format!("{file}: {e}")),
        }
    }
}

/// An api error about the request: a usage error names the flag (`--holdout-every`, from the
/// api's `holdoutEvery`).
impl From<Error> for Exit {
    fn from(e: Error) -> Exit {
        if e.kind != Kind::Usage || e.path.is_empty() {
            return Exit::new(e.kind, e.to_string());
        }
        let flag: String = e
            .path
            .chars()
            .flat_map(|c| [Some('-').filter(|_| c.is_uppercase()), Some(c.to_ascii_lowercase())])
            .flatten()
            .collect();
        Exit::new(e.kind, format!("--{flag}: {}", e.reason))
    }
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Score(a) => score::run(&a),
        Command::Explain(a) => explain::run(&a),
        Command::Validate(a) => validate::run(&a),
        Command::Train(a) => train::run(&a),
        Command::Backtest(a) => backtest::run(&a),
        Command::Audit(a) => audit::run(&a),
        Command::Accounts(a) => accounts::run(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(exit) => {
            if !exit.message.is_empty() {
                // Nothing more can be done if stderr is gone too.
                let _ = writeln!(std::io::stderr(), "leadscore: {}", exit.message);
            }
            ExitCode::from(exit.code)
        }
    }
}
