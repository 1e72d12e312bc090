//! `train`: labelled history in, a model file (and optionally the training report as JSON) out,
//! and a short account of the training on stdout.

use crate::args::TrainArgs;
use crate::coverage;
use crate::files::{history, name, read_text};
use crate::output::stdout_failed;
use crate::progress::TrainProgress;
use crate::train_report::report_text;
use crate::Exit;
use leadscore::api::{self, Error, Kind};
use leadscore::error::Code;
use leadscore::predict::{ColumnDoc, Progress};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Runs `train`.
pub fn run(args: &TrainArgs) -> Result<(), Exit> {
    let file = name(&args.data);
    let text = read_text(&args.data, Kind::Data)?;
    let mut request = (*args.request).clone();
    if let Some(path) = &args.columns {
        request.columns = Some(columns(path)?);
    }
    if let Some(path) = &args.base {
        let text = read_text(path, Kind::Model)?;
        let base = serde_json::from_str(&text)
            .map_err(|e| Exit::from(Error::usage("base", Code::Syntax, format!("{}: not JSON: {e}", name(path)))))?;
        request.base = Some(base);
    }
    let started = std::time::Instant::now();
    let bar = TrainProgress::new();
    let mut update = |stage: &str, done: usize, total: usize| bar.update(stage, done, total);
    let trained = api::train_with_progress(history(&args.data, &text), &request, &mut Progress::new(&mut update))
        .map_err(|e| Exit::in_file(&file, e))?;
    drop(bar);
    let seconds = started.elapsed().as_secs_f64();
    // As `JSON.stringify(model, null, 2)` writes it: the JS `train` gives the same bytes.
    let model = leadscore::json::to_string_pretty(&trained.model).unwrap_or_default() + "\n";
    write_file(&args.out, &model)?;
    if let Some(path) = &args.report {
        write_file(path, &(leadscore::json::to_string_pretty(&trained.report).unwrap_or_default() + "\n"))?;
    }
    let written = format!("model written to {} ({} bytes)", args.out.display(), model.len());
    writeln!(std::io::stdout().lock(), "{}\n{written}", report_text(&trained.report, seconds))
        .map_err(stdout_failed)?;
    coverage::report(&file, &trained.report.coverage, args.coverage.strict_coverage)
}

/// The `--columns` sidecar: `{"column": {"description": "...", "unit": "..."}}`.
fn columns(path: &Path) -> Result<BTreeMap<String, ColumnDoc>, Exit> {
    let text = read_text(path, Kind::Usage)?;
    serde_json::from_str(&text).map_err(|e| {
        Exit::from(Error::usage(
            "columns",
            Code::InvalidValue,
            format!("{}: {e} (expected {{\"column\": {{\"description\": \"...\", \"unit\": \"...\"}}}})", name(path)),
        ))
    })
}

fn write_file(path: &Path, text: &str) -> Result<(), Exit> {
    std::fs::write(path, text).map_err(|e| Exit::from(Error::io(&name(path), e)))
}
