//! `train`: labelled history in, a model file (and optionally the training report as JSON) out,
//! and a short account of the training on stdout.

use crate::args::TrainArgs;
use crate::coverage;
use crate::files::{history, name, read_text};
use crate::output::stdout_failed;
use crate::train_report::report_text;
use crate::Exit;
use leadscore::api::{self, Error, Kind};
use std::io::Write;
use std::path::Path;

/// Runs `train`.
pub fn run(args: &TrainArgs) -> Result<(), Exit> {
    let file = name(&args.data);
    let text = read_text(&args.data, Kind::Data)?;
    let started = std::time::Instant::now();
    let trained = api::train(history(&args.data, &text), &args.request).map_err(|e| Exit::in_file(&file, e))?;
    let seconds = started.elapsed().as_secs_f64();
    let model = serde_json::to_string_pretty(&trained.model).unwrap_or_default() + "\n";
    write_file(&args.out, &model)?;
    if let Some(path) = &args.report {
        write_file(path, &(leadscore::json::to_string_pretty(&trained.report).unwrap_or_default() + "\n"))?;
    }
    let written = format!("model written to {} ({} bytes)", args.out.display(), model.len());
    writeln!(std::io::stdout().lock(), "{}\n{written}", report_text(&trained.report, seconds))
        .map_err(stdout_failed)?;
    coverage::report(&file, &trained.report.coverage, args.coverage.strict_coverage)
}

fn write_file(path: &Path, text: &str) -> Result<(), Exit> {
    std::fs::write(path, text).map_err(|e| Exit::from(Error::io(&name(path), e)))
}
