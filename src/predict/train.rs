//! Trains a scorecard: bins every usable column, fits an L2-regularised logistic regression over the
//! bins, and writes the result as an ordinary leadscore model: one rule per bin with points in
//! log-odds units (`points_to_double_odds` points, 20 by default, double the odds), a calibration block that turns the
//! points back into a probability, a 0-100 scale over the training range, and tiers placed at the
//! top shares of the training leads. Every figure in the report comes from scoring rows with that
//! model through the engine, so the report describes the model as it will run, rounding included.

use super::binning::{assign_level, assign_numeric, bin_column, Bin, BinOptions, Binned};
use super::data::{DataError, Dataset, Values};
use super::logistic::fit;
use crate::evaluate::coverage::{Coverage, CoverageReport};
use crate::evaluate::{audit, metrics, AuditOptions, AuditReport};
use crate::{Model, Scorer};
use serde::Serialize;
use serde_json::{json, Value};

/// How to train.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Model id (and the rule ids' context).
    pub id: String,
    /// At most this many bins per numeric column.
    pub max_bins: usize,
    /// A bin or a categorical level needs at least this share of the training rows (and 30 rows).
    pub min_bin_share: f64,
    /// L2 penalty on the bin weights (not on the intercept).
    pub l2: f64,
    /// Hold out every k-th row (0-based index a multiple of k) for testing; `None`: train on all.
    pub holdout_every: Option<usize>,
    /// Share of training leads that should land in the hot tier, and in hot or warm.
    pub hot_share: f64,
    /// See `hot_share`.
    pub warm_share: f64,
    /// Points that double the odds of converting (the scorecard's scale; 20 is common).
    pub points_to_double_odds: f64,
    /// Sensitive columns: never inputs; the report audits the model against them.
    pub sensitive: Vec<String>,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            id: "trained".into(),
            max_bins: 10,
            min_bin_share: 0.01,
            l2: 1.0,
            holdout_every: None,
            hot_share: 0.1,
            warm_share: 0.3,
            points_to_double_odds: 20.0,
            sensitive: Vec::new(),
        }
    }
}

/// A trained model and how it was made.
#[derive(Debug, Clone)]
pub struct Trained {
    /// The model, as JSON (validated: it loads as a [`Model`]).
    pub model: Value,
    /// What the trainer did and how well the model ranks.
    pub report: TrainReport,
}

/// Ranking and probability quality on a set of rows, from scoring them with the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quality {
    /// Rows scored.
    pub rows: usize,
    /// Converters among them.
    pub conversions: usize,
    /// AUC of the raw points.
    pub auc: Option<f64>,
    /// Log loss of the calibrated probability.
    pub log_loss: f64,
    /// Brier score of the calibrated probability.
    pub brier: f64,
}

/// One rule of the trained model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleReport {
    /// Rule id.
    pub id: String,
    /// Its reason.
    pub reason: String,
    /// Training rows in the bin.
    pub rows: usize,
    /// Their conversion rate.
    pub rate: f64,
    /// Fitted weight (log-odds).
    pub weight: f64,
    /// Points in the model (0: left out).
    pub points: f64,
}

/// The training report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainReport {
    /// Outcome column.
    pub target: String,
    /// Columns used, with their bins.
    pub columns: Vec<ColumnReport>,
    /// Every bin's rule, including those whose points rounded to 0 (left out of the model).
    pub rules: Vec<RuleReport>,
    /// Fitted intercept (log-odds).
    pub intercept: f64,
    /// Newton iterations.
    pub iterations: usize,
    /// What was dropped or changed in the data.
    pub notes: Vec<String>,
    /// On the training rows.
    pub train: Quality,
    /// On the held-out rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holdout: Option<Quality>,
    /// With sensitive columns: the model audited against them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<SensitiveAudit>,
    /// Which fields the trained model reads are present, over every row (training and holdout).
    pub coverage: CoverageReport,
}

/// The trained model audited against its sensitive columns: on the held-out rows when there are
/// any (the rows the model did not learn from), else on the training rows. The audit's
/// `associations` are the learned rules that stand in for a sensitive column (proxies above the
/// threshold).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SensitiveAudit {
    /// `holdout` or `training`.
    pub rows: &'static str,
    /// The audit, one segment per sensitive column.
    pub audit: AuditReport,
}

/// A column as used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnReport {
    /// Name.
    pub name: String,
    /// `numeric` or `categorical`.
    pub kind: &'static str,
    /// Its bins.
    pub bins: Vec<Bin>,
}

fn slug(name: &str) -> String {
    let s: String = name.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    s.trim_matches('-').to_string()
}

fn round_to(x: f64, decimals: i32) -> f64 {
    let k = 10f64.powi(decimals);
    (x * k).round() / k
}

/// Trains a model on `data` (see the module docs).
pub fn train(data: &Dataset, options: &TrainOptions) -> Result<Trained, DataError> {
    if !(options.hot_share > 0.0 && options.hot_share < options.warm_share && options.warm_share < 1.0) {
        return Err(DataError::new("tier shares must satisfy 0 < hot < warm < 1"));
    }
    if !(options.points_to_double_odds.is_finite() && options.points_to_double_odds > 0.0) || options.max_bins < 2 {
        return Err(DataError::new("points to double the odds must be > 0, and bins at least 2"));
    }
    let (train_rows, test_rows): (Vec<usize>, Vec<usize>) = match options.holdout_every {
        Some(k) if k >= 2 => (0..data.len()).partition(|i| i % k != 0),
        Some(_) => return Err(DataError::new("holdout-every must be at least 2")),
        None => ((0..data.len()).collect(), Vec::new()),
    };
    let y: Vec<bool> = train_rows.iter().map(|&i| data.outcome.get(i).copied().unwrap_or(false)).collect();
    if !y.iter().any(|v| *v) || y.iter().all(|v| *v) {
        return Err(DataError::new("the training rows need both outcomes"));
    }
    let min_rows = ((options.min_bin_share * train_rows.len() as f64).ceil() as usize).max(30);
    let bin_options = BinOptions { max_bins: options.max_bins, min_rows };
    let binned: Vec<(Binned, usize)> = data
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !data.unusable.contains(&c.name) && !options.sensitive.contains(&c.name))
        .map(|(ci, c)| (bin_column(c, &train_rows, bin_options), ci))
        .filter(|(b, _)| b.bins.len() >= 2)
        .collect();
    if binned.is_empty() {
        return Err(DataError::new("no column has two or more bins with enough rows to learn from"));
    }
    // One feature per bin; each row activates one bin per column.
    let offsets: Vec<usize> = binned
        .iter()
        .scan(0, |acc, (b, _)| {
            let start = *acc;
            *acc += b.bins.len();
            Some(start)
        })
        .collect();
    let features = binned.iter().map(|(b, _)| b.bins.len()).sum();
    let active = |row: usize| -> Vec<u32> {
        binned
            .iter()
            .zip(&offsets)
            .filter_map(|((b, ci), &off)| {
                let column = data.columns.get(*ci)?;
                let bin = match &column.values {
                    Values::Numeric(v) => assign_numeric(&b.bins, v.get(row).copied().flatten()),
                    Values::Categorical(v) => assign_level(&b.bins, v.get(row).and_then(|x| x.as_deref())),
                }?;
                u32::try_from(off + bin).ok()
            })
            .collect()
    };
    let rows: Vec<Vec<u32>> = train_rows.iter().map(|&i| active(i)).collect();
    let fitted = fit(&rows, &y, features, options.l2).map_err(|e| DataError::new(e.0))?;

    // Rows and converters per bin, in one pass.
    let mut bin_rows = vec![0usize; features];
    let mut bin_conversions = vec![0usize; features];
    for (row, &yi) in rows.iter().zip(&y) {
        for &j in row {
            if let Some(n) = bin_rows.get_mut(j as usize) {
                *n += 1;
            }
            if let Some(n) = bin_conversions.get_mut(j as usize).filter(|_| yi) {
                *n += 1;
            }
        }
    }
    let factor = options.points_to_double_odds / std::f64::consts::LN_2;
    let mut rules = Vec::new();
    let mut report_rules = Vec::new();
    let mut columns = Vec::new();
    for ((b, ci), &off) in binned.iter().zip(&offsets) {
        let Some(column) = data.columns.get(*ci) else { continue };
        columns.push(ColumnReport {
            name: column.name.clone(),
            kind: if matches!(column.values, Values::Numeric(_)) { "numeric" } else { "categorical" },
            bins: b.bins.clone(),
        });
        for (k, bin) in b.bins.iter().enumerate() {
            let weight = fitted.weights.get(off + k).copied().unwrap_or(0.0);
            let points = round_to(weight * factor, 1);
            let id = format!("{}-{}", slug(&column.name), k + 1);
            let reason = bin.describe(&column.name);
            let in_bin = bin_rows.get(off + k).copied().unwrap_or(0);
            let converted = bin_conversions.get(off + k).copied().unwrap_or(0);
            report_rules.push(RuleReport {
                id: id.clone(),
                reason: reason.clone(),
                rows: in_bin,
                rate: converted as f64 / in_bin.max(1) as f64,
                weight,
                points,
            });
            if points != 0.0 {
                rules.push(json!({ "id": id, "group": "model", "points": points, "reason": reason, "when": bin.condition(&column.name) }));
            }
        }
    }
    let offset = round_to(-fitted.intercept * factor, 2);
    let factor = round_to(factor, 6);
    let mut model = json!({
        "schema": "leadscore/v1",
        "id": options.id,
        "version": "1",
        "name": format!("Trained on {} rows for \"{}\"", train_rows.len(), data.target),
        "description": format!(
            "Scorecard from L2 logistic regression over binned columns (l2 {}, {} points double the odds). Probability = logistic((raw - offset) / factor).",
            options.l2, options.points_to_double_odds
        ),
        "groups": { "model": {} },
        // The texts the trainer read as "not given": the model reads its rows the same way.
        "input": { "missing": data.missing_texts },
        "rules": rules,
        "calibration": { "offset": offset, "factor": factor },
    });
    // Raw points of every training row, for the scale; then scores, for the tiers.
    let raw_scorer = scorer_of(&model)?;
    let raws: Vec<f64> =
        train_rows.iter().map(|&i| score_row(&raw_scorer, data, i).map(|c| c.0)).collect::<Result<_, _>>()?;
    let lo = raws.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = raws.iter().copied().fold(f64::NEG_INFINITY, f64::max).max(lo + 1.0);
    if let Some(m) = model.as_object_mut() {
        m.insert(
            "scale".into(),
            json!({ "min": 0, "max": 100, "decimals": 0, "raw": [round_to(lo, 2), round_to(hi, 2)] }),
        );
    }
    let scaled = scorer_of(&model)?;
    let mut scores: Vec<f64> =
        train_rows.iter().map(|&i| score_row(&scaled, data, i).map(|c| c.1)).collect::<Result<_, _>>()?;
    scores.sort_by(|a, b| b.total_cmp(a));
    let at_share = |share: f64| {
        let k = ((share * scores.len() as f64).ceil() as usize).clamp(1, scores.len());
        scores.get(k - 1).copied().unwrap_or(0.0)
    };
    let hot = at_share(options.hot_share).max(2.0);
    let warm = at_share(options.warm_share).clamp(1.0, hot - 1.0);
    if let Some(m) = model.as_object_mut() {
        m.insert(
            "tiers".into(),
            json!([
                { "name": "hot", "min": hot, "action": "route_to_ae", "slaHours": 1 },
                { "name": "warm", "min": warm, "action": "sdr_nurture", "slaHours": 24 },
                { "name": "cold", "min": 0, "action": "marketing_nurture" },
            ]),
        );
    }
    let final_scorer = scorer_of(&model)?;
    let train_quality = quality(&final_scorer, data, &train_rows)?;
    let holdout = if test_rows.is_empty() { None } else { Some(quality(&final_scorer, data, &test_rows)?) };
    let mut notes = data.notes.clone();
    notes.extend(options.sensitive.iter().map(|c| format!("{c}: sensitive, never used as an input")));
    notes.extend(grouping_notes(data, &binned, &train_rows, &options.sensitive));
    let sensitive = sensitive_audit(&final_scorer, data, options, &train_rows, &test_rows)?;
    let report = TrainReport {
        target: data.target.clone(),
        columns,
        rules: report_rules,
        intercept: fitted.intercept,
        iterations: fitted.iterations,
        notes,
        train: train_quality,
        holdout,
        sensitive,
        coverage: coverage(&final_scorer, data),
    };
    Ok(Trained { model, report })
}

/// The model audited against the sensitive columns (see [`SensitiveAudit`]), scored as the
/// report's other figures are (as of 0: the trained model has no events).
fn sensitive_audit(
    scorer: &Scorer,
    data: &Dataset,
    options: &TrainOptions,
    train_rows: &[usize],
    test_rows: &[usize],
) -> Result<Option<SensitiveAudit>, DataError> {
    if options.sensitive.is_empty() {
        return Ok(None);
    }
    let (name, rows) = if test_rows.is_empty() { ("training", train_rows) } else { ("holdout", test_rows) };
    let leads: Vec<Value> = rows.iter().map(|&i| data.lead(i)).collect();
    let outcome: Vec<bool> = rows.iter().map(|&i| data.outcome.get(i).copied().unwrap_or(false)).collect();
    let report = audit(scorer, &leads, &outcome, &AuditOptions::new(0, options.sensitive.clone())).map_err(|e| {
        let row = e.path.trim_start_matches('[').split(']').next().and_then(|k| k.parse::<usize>().ok());
        let line = row.and_then(|k| rows.get(k)).and_then(|&i| data.lines.get(i)).copied().unwrap_or(0);
        DataError::at(line, None, e.to_string())
    })?;
    Ok(Some(SensitiveAudit { rows: name, audit: report }))
}

/// Coverage of the trained model over every row, with the file's columns for suggestions. A row
/// the model cannot parse was already refused by `quality`, so none is skipped here in practice.
fn coverage(scorer: &Scorer, data: &Dataset) -> CoverageReport {
    let mut count = Coverage::new(scorer.model());
    for lead in (0..data.len()).filter_map(|i| scorer.parse_lead(data.lead(i)).ok()) {
        count.add(&lead);
    }
    let columns: Vec<String> =
        data.columns.iter().map(|c| c.name.clone()).chain(data.unusable.iter().cloned()).collect();
    count.finish(&columns)
}

/// Notes on columns left out (too few rows per bin) and on rare levels grouped together.
fn grouping_notes(
    data: &Dataset,
    binned: &[(Binned, usize)],
    train_rows: &[usize],
    sensitive: &[String],
) -> Vec<String> {
    let mut notes = Vec::new();
    for column in &data.columns {
        if data.unusable.contains(&column.name) || sensitive.contains(&column.name) {
            continue;
        }
        let Some((b, _)) = binned.iter().find(|(b, _)| b.column == column.name) else {
            notes.push(format!("{}: left out of training, too few rows in all but one bin", column.name));
            continue;
        };
        let (Values::Categorical(values), Some(Bin::Other { except })) =
            (&column.values, b.bins.iter().find(|x| matches!(x, Bin::Other { .. })))
        else {
            continue;
        };
        let mut rare: Vec<&str> = Vec::new();
        let mut rows = 0;
        for v in train_rows.iter().filter_map(|&i| values.get(i).and_then(|v| v.as_deref())) {
            if !except.iter().any(|l| l.eq_ignore_ascii_case(v)) {
                rows += 1;
                if !rare.contains(&v) {
                    rare.push(v);
                }
            }
        }
        if !rare.is_empty() {
            notes.push(format!(
                "{}: {} rare level{} ({rows} rows) grouped as \"another value\"",
                column.name,
                rare.len(),
                if rare.len() == 1 { "" } else { "s" }
            ));
        }
    }
    notes
}

fn scorer_of(model: &Value) -> Result<Scorer, DataError> {
    Model::from_value(model)
        .map(Scorer::new)
        .map_err(|e| DataError::new(format!("the trained model does not validate (a bug): {e}")))
}

/// Raw points, score and probability of row `i`.
fn score_row(scorer: &Scorer, data: &Dataset, i: usize) -> Result<(f64, f64, f64), DataError> {
    let card = scorer
        .score_value(data.lead(i), 0)
        .map_err(|e| DataError::at(data.lines.get(i).copied().unwrap_or(i + 1), None, e.to_string()))?;
    Ok((card.raw, card.score, card.probability.unwrap_or(0.5)))
}

fn quality(scorer: &Scorer, data: &Dataset, rows: &[usize]) -> Result<Quality, DataError> {
    let scored: Vec<(f64, f64, f64)> = rows.iter().map(|&i| score_row(scorer, data, i)).collect::<Result<_, _>>()?;
    let y: Vec<bool> = rows.iter().map(|&i| data.outcome.get(i).copied().unwrap_or(false)).collect();
    let raw: Vec<f64> = scored.iter().map(|s| s.0).collect();
    let p: Vec<f64> = scored.iter().map(|s| s.2).collect();
    Ok(Quality {
        rows: rows.len(),
        conversions: y.iter().filter(|v| **v).count(),
        auc: metrics::auc(&raw, &y),
        log_loss: metrics::log_loss(&p, &y),
        brier: metrics::brier(&p, &y),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::predict::data::{read_csv, ReadOptions};

    /// A small synthetic funnel: seniority and company size drive conversion.
    fn csv() -> String {
        let mut s = String::from("title,employees,plan,converted\n");
        for i in 0..2000u32 {
            let title = ["vp", "director", "manager", "analyst"][(i % 4) as usize];
            let employees = 10 + (i * 37) % 2000;
            let plan = if i % 7 == 0 { "" } else { ["free", "pro"][(i % 2) as usize] };
            let p = match title {
                "vp" => 0.5,
                "director" => 0.3,
                "manager" => 0.15,
                _ => 0.05,
            } + if employees > 1000 { 0.2 } else { 0.0 };
            // Deterministic "random" draw.
            let draw = f64::from(i.wrapping_mul(2_654_435_761) >> 8) / f64::from(1u32 << 24);
            s.push_str(&format!("{title},{employees},{plan},{}\n", if draw < p { "yes" } else { "no" }));
        }
        s
    }

    #[test]
    fn trains_a_valid_readable_model_that_ranks() {
        let data = read_csv(&csv(), &ReadOptions::new("converted")).unwrap();
        let options = TrainOptions { holdout_every: Some(5), ..TrainOptions::default() };
        let t = train(&data, &options).unwrap();
        let model = Model::from_value(&t.model).unwrap();
        assert!(model.rules.len() >= 5);
        let auc = t.report.holdout.as_ref().unwrap().auc.unwrap();
        assert!(auc > 0.7, "holdout AUC {auc}");
        // Seniority is learned in the right order.
        let points = |reason: &str| t.report.rules.iter().find(|r| r.reason == reason).map(|r| r.points).unwrap();
        assert!(points("title is vp") > points("title is director"));
        assert!(points("title is director") > points("title is analyst"));
        // Calibrated: mean predicted probability close to the observed rate on the training rows.
        let scorer = Scorer::new(model);
        let (mut sum_p, mut n) = (0.0, 0.0);
        for i in (0..data.len()).filter(|i| i % 5 != 0) {
            sum_p += scorer.score_value(data.lead(i), 0).unwrap().probability.unwrap();
            n += 1.0;
        }
        let observed = t.report.train.conversions as f64 / t.report.train.rows as f64;
        assert!((sum_p / n - observed).abs() < 0.01, "{} vs {observed}", sum_p / n);
        // Deterministic.
        assert_eq!(train(&data, &options).unwrap().model, t.model);
    }

    #[test]
    fn refuses_bad_options_and_unlearnable_data() {
        let data = read_csv(&csv(), &ReadOptions::new("converted")).unwrap();
        let bad = TrainOptions { hot_share: 0.5, warm_share: 0.2, ..TrainOptions::default() };
        assert!(train(&data, &bad).is_err());
        let constant = read_csv("a,y\n1,yes\n1,no\n1,no\n", &ReadOptions::new("y")).unwrap();
        assert!(train(&constant, &TrainOptions::default()).unwrap_err().message.contains("no column"));
    }
    #[test]
    fn a_sensitive_column_is_never_an_input_and_its_proxies_are_reported() {
        // `level` is `title` under other names: a perfect proxy of it.
        let text: String = csv()
            .lines()
            .enumerate()
            .map(|(i, line)| {
                let title = line.split(',').next().unwrap_or("");
                let level = if i == 0 {
                    "level"
                } else {
                    match title {
                        "vp" => "l4",
                        "director" => "l3",
                        "manager" => "l2",
                        _ => "l1",
                    }
                };
                format!("{line},{level}\n")
            })
            .collect();
        let data = read_csv(&text, &ReadOptions::new("converted")).unwrap();
        let options =
            TrainOptions { holdout_every: Some(5), sensitive: vec!["title".into()], ..TrainOptions::default() };
        let t = train(&data, &options).unwrap();
        let model = serde_json::to_string(&t.model).unwrap();
        assert!(!model.contains("\"field\":\"title\""), "the sensitive column is read by no rule");
        assert!(model.contains("\"field\":\"level\""));
        assert!(t.report.notes.iter().any(|n| n == "title: sensitive, never used as an input"), "{:?}", t.report.notes);
        let sensitive = t.report.sensitive.as_ref().unwrap();
        assert_eq!((sensitive.rows, sensitive.audit.rows), ("holdout", 400));
        let segment = &sensitive.audit.segments[0];
        assert!(segment.direct_use.is_empty());
        let proxies: Vec<(&str, f64)> = segment.proxies().map(|a| (a.rule.as_str(), a.cramers_v)).collect();
        // Each level's rule fires exactly for one title: V = 1. (The synthetic `plan` follows the row's
        // parity, which the title also decides: a real, weaker association, also a proxy.)
        let level: Vec<f64> = proxies.iter().filter(|(r, _)| r.starts_with("level-")).map(|(_, v)| *v).collect();
        assert!(level.len() == 4 && level.iter().all(|v| (v - 1.0).abs() < 1e-9), "{proxies:?}");
        assert!(proxies.iter().all(|(_, v)| *v > 0.5), "{proxies:?}");
        // Without sensitive columns the report has no audit.
        assert!(train(&data, &TrainOptions::default()).unwrap().report.sensitive.is_none());
    }
}
