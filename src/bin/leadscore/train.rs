//! `train`: labelled history in, a model file (and optionally the training report) out, and a
//! short account on stdout: notes, fit on the training rows and the holdout, the strongest rules.

use crate::args::TrainArgs;
use crate::files::{history, name, read_text};
use crate::output::stdout_failed;
use crate::Exit;
use leadscore::api::{self, Error, Kind};
use leadscore::predict::train::{Quality, TrainReport};
use std::io::Write;
use std::path::Path;

/// Runs `train`.
pub fn run(args: &TrainArgs) -> Result<(), Exit> {
    let file = name(&args.data.data);
    let text = read_text(&args.data.data, Kind::Data)?;
    let started = std::time::Instant::now();
    let trained = api::train(history(&args.data.data, &text), &args.request()).map_err(|e| Exit::in_file(&file, e))?;
    let seconds = started.elapsed().as_secs_f64();
    let model = serde_json::to_string_pretty(&trained.model).unwrap_or_default() + "\n";
    write_file(&args.out, &model)?;
    if let Some(path) = &args.report {
        write_file(path, &(serde_json::to_string_pretty(&trained.report).unwrap_or_default() + "\n"))?;
    }
    let mut lines = account(&trained.report, seconds);
    lines.push(format!("model written to {} ({} bytes)", args.out.display(), model.len()));
    writeln!(std::io::stdout().lock(), "{}", lines.join("\n")).map_err(stdout_failed)
}

fn write_file(path: &Path, text: &str) -> Result<(), Exit> {
    std::fs::write(path, text).map_err(|e| Exit::from(Error::io(&name(path), e)))
}

/// What training did, in a few lines.
fn account(r: &TrainReport, seconds: f64) -> Vec<String> {
    let mut lines: Vec<String> = r.notes.iter().map(|n| format!("note: {n}")).collect();
    let used = r.rules.iter().filter(|x| x.points != 0.0).count();
    lines.push(format!(
        "trained in {seconds:.2} s: {} columns, {} bins, {used} rules with points ({} rounded to 0 and left out), {} Newton iterations",
        r.columns.len(),
        r.rules.len(),
        r.rules.len() - used,
        r.iterations
    ));
    lines.push(quality("train", &r.train));
    lines.extend(r.holdout.as_ref().map(|h| quality("holdout", h)));
    let mut strongest: Vec<_> = r.rules.iter().filter(|x| x.points != 0.0).collect();
    strongest.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    lines.push("strongest rules:".to_string());
    for x in strongest.iter().take(8) {
        let points = format!("{:+}", x.points);
        lines.push(format!("  {points:>7}  {} ({} rows, {:.1}% converted)", x.reason, x.rows, 100.0 * x.rate));
    }
    lines
}

fn quality(name: &str, q: &Quality) -> String {
    format!(
        "{name:>8}: {} rows, {} converted ({:.2}%), AUC {}, log loss {:.4}, Brier {:.4}",
        q.rows,
        q.conversions,
        100.0 * q.conversions as f64 / q.rows.max(1) as f64,
        q.auc.map_or("n/a".into(), |a| format!("{a:.4}")),
        q.log_loss,
        q.brier
    )
}
