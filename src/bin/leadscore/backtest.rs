//! `backtest`: a model scored on labelled history, the report as text or JSON.

use crate::args::BacktestArgs;
use crate::backtest_report::report_text;
use crate::coverage;
use crate::files::{history, load_scorer, name, now, read_text};
use crate::output::stdout_failed;
use crate::Exit;
use leadscore::api::{self, Kind};
use std::io::Write;

/// Runs `backtest`.
pub fn run(args: &BacktestArgs) -> Result<(), Exit> {
    let scorer = load_scorer(&args.model)?;
    let file = name(&args.data);
    let text = read_text(&args.data, Kind::Data)?;
    let report =
        api::backtest(&scorer, history(&args.data, &text), &args.request, now).map_err(|e| Exit::in_file(&file, e))?;
    let text =
        if args.json { leadscore::json::to_string_pretty(&report).unwrap_or_default() } else { report_text(&report) };
    writeln!(std::io::stdout().lock(), "{text}").map_err(stdout_failed)?;
    coverage::report(&file, &report.coverage, args.coverage.strict_coverage)
}
