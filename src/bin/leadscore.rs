//! `leadscore`: score, explain, validate, train and backtest from the command line.
//!
//! Exit codes: 0 success; 1 the input was refused (an invalid model, a bad lead or data row: the
//! message says where); 2 wrong usage (clap); 3 a file could not be read or written.
//! Build with `cargo build --release --features cli`; `leadscore --help` lists everything.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use leadscore::evaluate::{backtest, BacktestOptions, BacktestReport, Period};
use leadscore::predict::{csv_leads, from_objects, read_csv, split_outcome, train, ReadOptions, TrainOptions};
use leadscore::{time, Model, ScoreCard, Scorer};
use serde_json::Value;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "leadscore", version, about = "Explained B2B lead scoring: score, explain, validate, train, backtest")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score leads (JSON Lines or CSV) and write one result per line (JSON Lines) or CSV.
    Score {
        /// Leads: `.jsonl`/`.ndjson` (one JSON object per line) or `.csv`; `-` reads JSON Lines from stdin.
        input: PathBuf,
        #[command(flatten)]
        model: ModelArg,
        /// Score as of this time (RFC 3339); default: now.
        #[arg(long)]
        as_of: Option<String>,
        /// Include every contribution (JSON Lines output only).
        #[arg(long)]
        explain: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// CSV input separator.
        #[arg(long, default_value = ",")]
        sep: char,
    },
    /// Explain one lead's score in plain words (a JSON file, or `-` for stdin).
    Explain {
        lead: PathBuf,
        #[command(flatten)]
        model: ModelArg,
        /// Score as of this time (RFC 3339); default: now.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Check a model: every problem with its JSON path; exit 1 if there is any.
    Validate {
        /// The model file (JSON).
        model: PathBuf,
    },
    /// Train a scorecard model from labelled history (CSV or JSON Lines).
    Train {
        #[command(flatten)]
        data: DataArgs,
        /// Hold out every k-th row (0-based index a multiple of k) and report on it.
        #[arg(long)]
        holdout_every: Option<usize>,
        /// At most this many bins per numeric column.
        #[arg(long, default_value_t = 10)]
        bins: usize,
        /// L2 penalty on the bin weights.
        #[arg(long, default_value_t = 1.0)]
        l2: f64,
        /// Share of training leads in the hot tier.
        #[arg(long, default_value_t = 0.1)]
        hot: f64,
        /// Share of training leads in the hot or warm tiers.
        #[arg(long, default_value_t = 0.3)]
        warm: f64,
        /// Model id.
        #[arg(long, default_value = "trained")]
        id: String,
        /// Write the model here (JSON).
        #[arg(long, short)]
        out: PathBuf,
        /// Also write the training report here (JSON).
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Backtest a model on labelled history: ranking, conversion by tier, lift, calibration, capacity, stability.
    Backtest {
        #[command(flatten)]
        model: ModelArg,
        #[command(flatten)]
        data: DataArgs,
        /// Score as of this time (RFC 3339); default: now.
        #[arg(long)]
        as_of: Option<String>,
        /// Only rows whose 0-based index is a multiple of k (the holdout of `train --holdout-every k`).
        #[arg(long)]
        test_every: Option<usize>,
        /// Report what working the best-scored N leads would have caught.
        #[arg(long)]
        capacity: Option<usize>,
        /// Read --capacity as leads per week over the weeks this date field spans.
        #[arg(long, requires = "capacity")]
        capacity_per_week_by: Option<String>,
        /// Date field for a stability check (with --split-at).
        #[arg(long, requires = "split_at")]
        period_field: Option<String>,
        /// Leads dated before this (RFC 3339) are the reference period.
        #[arg(long, requires = "period_field")]
        split_at: Option<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
struct ModelArg {
    /// The model (JSON); default: the embedded default model.
    #[arg(long, short)]
    model: Option<PathBuf>,
}

#[derive(clap::Args)]
struct DataArgs {
    /// History: CSV with a header row (`.csv`), or JSON Lines (one object per line).
    #[arg(long)]
    data: PathBuf,
    /// The outcome column: 1/0, yes/no, true/false.
    #[arg(long)]
    target: String,
    /// Columns to leave out, comma-separated (e.g. fields known only after the outcome).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// CSV separator.
    #[arg(long, default_value = ",")]
    sep: char,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Jsonl,
    Csv,
}

/// A failure and its exit code.
struct Failure {
    code: u8,
    message: String,
}

fn refused(message: impl Into<String>) -> Failure {
    Failure { code: 1, message: message.into() }
}

fn io_failure(path: &Path, e: &std::io::Error) -> Failure {
    Failure { code: 3, message: format!("{}: {e}", path.display()) }
}

fn read_text(path: &Path) -> Result<String, Failure> {
    if path == Path::new("-") {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map_err(|e| io_failure(path, &e))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| io_failure(path, &e))
}

fn load_scorer(arg: &ModelArg) -> Result<Scorer, Failure> {
    match &arg.model {
        None => Ok(Scorer::default_model()),
        Some(path) => Model::from_json(&read_text(path)?)
            .map(Scorer::new)
            .map_err(|e| refused(format!("{}: {e}", path.display()))),
    }
}

fn as_of(text: Option<&str>) -> Result<i64, Failure> {
    match text {
        Some(t) => time::parse_rfc3339(t).ok_or_else(|| refused(format!("--as-of {t:?} is not an RFC 3339 time"))),
        None => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))),
    }
}

fn separator(sep: char) -> Result<u8, Failure> {
    u8::try_from(sep).map_err(|_| refused(format!("the separator must be one ASCII character, found {sep:?}")))
}

fn is_csv(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Leads and (with a target) outcomes from JSON Lines or CSV.
fn read_leads(
    path: &Path,
    sep: u8,
    target: Option<&str>,
    ignore: &[String],
) -> Result<(Vec<Value>, Vec<bool>), Failure> {
    let text = read_text(path)?;
    if is_csv(path) {
        let options = ReadOptions { target: target.unwrap_or("").to_string(), ignore: ignore.to_vec(), separator: sep };
        if target.is_none() {
            return csv_leads(&text, sep)
                .map(|l| (l, Vec::new()))
                .map_err(|e| refused(format!("{}: {e}", path.display())));
        }
        let data = read_csv(&text, &options).map_err(|e| refused(format!("{}: {e}", path.display())))?;
        return Ok(((0..data.len()).map(|i| data.lead(i)).collect(), data.outcome));
    }
    let mut objects = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let object: Value = serde_json::from_str(line)
            .map_err(|e| refused(format!("{}: line {}: not valid JSON: {e}", path.display(), i + 1)))?;
        objects.push(object);
    }
    match target {
        Some(t) => split_outcome(objects, t)
            .map_err(|e| refused(format!("{}: {e} (counting non-blank lines)", path.display()))),
        None => Ok((objects, Vec::new())),
    }
}

fn bar(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template(&format!("{{spinner}} {what} {{pos}}/{{len}} [{{bar:30}}] {{per_sec}} {{eta}}"))
    {
        bar.set_style(style);
    }
    bar
}

fn cmd_score(
    input: &Path,
    model: &ModelArg,
    as_of_text: Option<&str>,
    explain: bool,
    format: Format,
    sep: char,
) -> Result<(), Failure> {
    let scorer = load_scorer(model)?;
    let at = as_of(as_of_text)?;
    let (leads, _) = read_leads(input, separator(sep)?, None, &[])?;
    let progress = bar(leads.len(), "scoring");
    // All cores: each thread scores one contiguous chunk; output keeps the input order.
    let threads = std::thread::available_parallelism().map_or(1, usize::from).max(1);
    let chunk = leads.len().div_ceil(threads).max(1);
    let results: Vec<Result<String, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = leads
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                let (scorer, progress) = (&scorer, &progress);
                s.spawn(move || {
                    part.iter()
                        .enumerate()
                        .map(|(k, lead)| {
                            progress.inc(1);
                            let line = c * chunk + k + 1;
                            scorer
                                .score_value(lead.clone(), at)
                                .map(|card| render_card(&card, explain, format))
                                .map_err(|e| format!("lead {line}: {e}"))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|_| vec![Err("a scoring thread failed".into())]))
            .collect()
    });
    progress.finish_and_clear();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let write = |out: &mut BufWriter<_>, s: &str| writeln!(out, "{s}").map_err(|e| io_failure(Path::new("stdout"), &e));
    if matches!(format, Format::Csv) {
        write(&mut out, "lead_id,score,raw,tier,action,grade,label,probability")?;
    }
    let mut failed = 0;
    for r in results {
        match r {
            Ok(line) => write(&mut out, &line)?,
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
        }
    }
    out.flush().map_err(|e| io_failure(Path::new("stdout"), &e))?;
    if failed > 0 {
        return Err(refused(format!("{failed} leads could not be scored")));
    }
    Ok(())
}

fn render_card(card: &ScoreCard<'_>, explain: bool, format: Format) -> String {
    match format {
        Format::Jsonl if explain => serde_json::to_string(card).unwrap_or_default(),
        Format::Jsonl => serde_json::to_string(&card.summary()).unwrap_or_default(),
        Format::Csv => {
            let q = |s: &str| {
                if s.contains([',', '"', '\n']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.to_string()
                }
            };
            let id = card
                .lead_id
                .as_ref()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .unwrap_or_default();
            format!(
                "{},{},{},{},{},{},{},{}",
                q(&id),
                card.score,
                card.raw,
                card.tier.as_ref().map_or("", |t| t.name),
                card.tier.as_ref().and_then(|t| t.action).unwrap_or(""),
                card.grade.unwrap_or(""),
                card.label.unwrap_or(""),
                card.probability.map_or(String::new(), |p| p.to_string())
            )
        }
    }
}

fn cmd_explain(lead: &Path, model: &ModelArg, as_of_text: Option<&str>) -> Result<(), Failure> {
    let scorer = load_scorer(model)?;
    let at = as_of(as_of_text)?;
    let card = scorer.score_json(&read_text(lead)?, at).map_err(|e| refused(e.to_string()))?;
    let tier = card.tier.as_ref().map_or("no tier".to_string(), |t| {
        format!("{}{}", t.name, t.action.map_or(String::new(), |a| format!(" -> {a}")))
    });
    println!("score {} ({tier}){}", card.score, card.label.map_or(String::new(), |l| format!(", label {l}")));
    if let Some(p) = card.probability {
        println!("probability of converting: {:.1}%", p * 100.0);
    }
    println!(
        "model {} v{} ({}), as of {}",
        card.model_id,
        card.model_version,
        card.fingerprint,
        time::format_rfc3339(card.as_of)
    );
    for c in &card.contributions {
        let mut detail = Vec::new();
        if let Some(n) = c.events {
            detail.push(format!("{n} event{}", if n == 1 { "" } else { "s" }));
        }
        if let Some(d) = c.decayed.filter(|d| *d != 0.0) {
            detail.push(format!("{d} lost to decay"));
        }
        if let Some(x) = c.capped.filter(|x| *x != 0.0) {
            detail.push(format!("{x} over the cap"));
        }
        let detail = if detail.is_empty() { String::new() } else { format!(" ({})", detail.join(", ")) };
        println!("  {:>8}  {}{detail}  [{}]", format!("{:+}", c.points), c.reason, c.group);
    }
    for w in &card.warnings {
        println!("  warning: {w}");
    }
    Ok(())
}

fn cmd_validate(path: &Path) -> Result<(), Failure> {
    match Model::from_json(&read_text(path)?) {
        Ok(m) => {
            println!("valid: {} v{}, {} rules, {}", m.id, m.version, m.rules.len(), m.fingerprint());
            Ok(())
        }
        Err(e) => {
            for issue in &e.issues {
                println!(
                    "{}: {} [{}]",
                    if issue.path.is_empty() { "(model)" } else { &issue.path },
                    issue.message,
                    issue.code.as_str()
                );
            }
            Err(refused(format!("{}: {} problem(s)", path.display(), e.issues.len())))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn cmd_train(
    data: &DataArgs,
    holdout_every: Option<usize>,
    bins: usize,
    l2: f64,
    hot: f64,
    warm: f64,
    id: &str,
    out: &Path,
    report_path: Option<&Path>,
) -> Result<(), Failure> {
    let spinner = ProgressBar::new_spinner();
    spinner.set_message("reading");
    let text = read_text(&data.data)?;
    let options =
        ReadOptions { target: data.target.clone(), ignore: data.ignore.clone(), separator: separator(data.sep)? };
    let dataset = if is_csv(&data.data) {
        read_csv(&text, &options)
    } else {
        // JSON Lines: one object per line (nested objects by dotted path).
        let mut objects = Vec::new();
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            objects.push(
                serde_json::from_str::<Value>(line)
                    .map_err(|e| refused(format!("{}: line {}: not valid JSON: {e}", data.data.display(), i + 1)))?,
            );
        }
        from_objects(&objects, &options)
    }
    .map_err(|e| refused(format!("{}: {e}", data.data.display())))?;
    spinner.set_message(format!("training on {} rows", dataset.len()));
    let started = std::time::Instant::now();
    let options = TrainOptions {
        id: id.to_string(),
        max_bins: bins,
        l2,
        holdout_every,
        hot_share: hot,
        warm_share: warm,
        ..TrainOptions::default()
    };
    let trained = train(&dataset, &options).map_err(|e| refused(format!("{}: {e}", data.data.display())))?;
    let took = started.elapsed();
    spinner.finish_and_clear();
    let model_text = serde_json::to_string_pretty(&trained.model).unwrap_or_default();
    std::fs::write(out, format!("{model_text}\n")).map_err(|e| io_failure(out, &e))?;
    if let Some(path) = report_path {
        let text = serde_json::to_string_pretty(&trained.report).unwrap_or_default();
        std::fs::write(path, format!("{text}\n")).map_err(|e| io_failure(path, &e))?;
    }
    let r = &trained.report;
    for note in &r.notes {
        println!("note: {note}");
    }
    let used = r.rules.iter().filter(|x| x.points != 0.0).count();
    println!(
        "trained in {:.2} s: {} columns, {} bins, {used} rules with points ({} rounded to 0 and left out), {} Newton iterations",
        took.as_secs_f64(),
        r.columns.len(),
        r.rules.len(),
        r.rules.len() - used,
        r.iterations
    );
    let q = |name: &str, q: &leadscore::predict::train::Quality| {
        println!(
            "{name:>8}: {} rows, {} converted ({:.2}%), AUC {}, log loss {:.4}, Brier {:.4}",
            q.rows,
            q.conversions,
            100.0 * q.conversions as f64 / q.rows.max(1) as f64,
            q.auc.map_or("n/a".into(), |a| format!("{a:.4}")),
            q.log_loss,
            q.brier
        );
    };
    q("train", &r.train);
    if let Some(h) = &r.holdout {
        q("holdout", h);
    }
    let mut strongest: Vec<_> = r.rules.iter().filter(|x| x.points != 0.0).collect();
    strongest.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    println!("strongest rules:");
    for x in strongest.iter().take(8) {
        println!(
            "  {:>7}  {} ({} rows, {:.1}% converted)",
            format!("{:+}", x.points),
            x.reason,
            x.rows,
            100.0 * x.rate
        );
    }
    println!("model written to {} ({} bytes)", out.display(), model_text.len() + 1);
    Ok(())
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn print_backtest(r: &BacktestReport) {
    println!("model {} v{} ({}), as of {}", r.model_id, r.model_version, r.fingerprint, r.as_of);
    println!("{} leads, {} converted ({})", r.rows, r.conversions, pct(r.base_rate));
    let auc = r.auc.map_or("n/a".into(), |a| format!("{a:.4}"));
    match (r.log_loss, r.brier) {
        (Some(l), Some(b)) => println!("AUC {auc}, log loss {l:.4}, Brier {b:.4}"),
        _ => println!("AUC {auc} (no calibration in the model: no probabilities to check)"),
    }
    println!("\nby tier          leads  converted   rate   precision recall  F1  (this tier or hotter)");
    for t in &r.tiers {
        println!(
            "  {:<12} {:>7} {:>9} {:>8} {:>9} {:>7} {:>5.2}",
            format!("{} ({}+)", t.name, t.min.unwrap_or(0.0)),
            t.rows,
            t.conversions,
            pct(t.rate),
            pct(t.precision.unwrap_or(0.0)),
            pct(t.recall.unwrap_or(0.0)),
            t.f1.unwrap_or(0.0)
        );
    }
    if !r.grades.is_empty() {
        println!("\nby grade         leads  converted   rate");
        for g in &r.grades {
            println!("  {:<12} {:>7} {:>9} {:>8}", g.name, g.rows, g.conversions, pct(g.rate));
        }
    }
    println!("\ndecile  leads  converted   rate    lift  cumulative gain");
    for d in &r.deciles {
        println!(
            "  {:>4} {:>7} {:>9} {:>8} {:>6.2}x {:>8}",
            d.decile,
            d.rows,
            d.conversions,
            pct(d.rate),
            d.lift,
            pct(d.cumulative_gain)
        );
    }
    if !r.calibration.is_empty() {
        println!("\ncalibration (ten equal bins): predicted -> observed");
        for c in &r.calibration {
            println!("  {:>6} leads: {:>6} -> {:>6}", c.rows, pct(c.predicted), pct(c.observed));
        }
    }
    if let Some(c) = &r.capacity {
        let per_week = c.weeks.map_or(String::new(), |w| format!(" ({w:.1} weeks at the weekly capacity)"));
        println!(
            "\ncapacity {} leads{per_week}: score threshold {}, {} conversions caught ({} of all), {} converted",
            c.leads,
            c.threshold,
            c.conversions,
            pct(c.share_of_conversions),
            pct(c.rate)
        );
    }
    if let Some(s) = &r.stability {
        println!(
            "\nstability by {} at {}: {} before, {} after, {} undated; PSI {} ({})",
            s.field,
            s.split_at,
            s.before,
            s.after,
            s.undated,
            s.psi.map_or("n/a".into(), |p| format!("{p:.4}")),
            s.reading
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn cmd_backtest(
    model: &ModelArg,
    data: &DataArgs,
    as_of_text: Option<&str>,
    test_every: Option<usize>,
    capacity: (Option<usize>, Option<String>),
    period_field: Option<&str>,
    split_at: Option<&str>,
    json: bool,
) -> Result<(), Failure> {
    let scorer = load_scorer(model)?;
    let at = as_of(as_of_text)?;
    let (mut leads, mut outcome) = read_leads(&data.data, separator(data.sep)?, Some(&data.target), &data.ignore)?;
    if let Some(k) = test_every.filter(|k| *k >= 1) {
        leads = leads.into_iter().step_by(k).collect();
        outcome = outcome.into_iter().step_by(k).collect();
    }
    let period = match (period_field, split_at) {
        (Some(field), Some(at)) => Some(Period {
            field: field.to_string(),
            split_at: time::parse_rfc3339(at)
                .ok_or_else(|| refused(format!("--split-at {at:?} is not an RFC 3339 time")))?,
        }),
        _ => None,
    };
    let (capacity, capacity_per_week_by) = capacity;
    let options = BacktestOptions { as_of: at, capacity, capacity_per_week_by, period };
    let report = backtest(&scorer, &leads, &outcome, &options)
        .map_err(|e| refused(format!("{}: lead {e}", data.data.display())))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        print_backtest(&report);
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Score { input, model, as_of, explain, format, sep } => {
            cmd_score(input, model, as_of.as_deref(), *explain, *format, *sep)
        }
        Command::Explain { lead, model, as_of } => cmd_explain(lead, model, as_of.as_deref()),
        Command::Validate { model } => cmd_validate(model),
        Command::Train { data, holdout_every, bins, l2, hot, warm, id, out, report } => {
            cmd_train(data, *holdout_every, *bins, *l2, *hot, *warm, id, out, report.as_deref())
        }
        Command::Backtest {
            model,
            data,
            as_of,
            test_every,
            capacity,
            capacity_per_week_by,
            period_field,
            split_at,
            json,
        } => cmd_backtest(
            model,
            data,
            as_of.as_deref(),
            *test_every,
            (*capacity, capacity_per_week_by.clone()),
            period_field.as_deref(),
            split_at.as_deref(),
            *json,
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("leadscore: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}
