//! Trains a scorecard: bins every usable column, fits an L2-regularised logistic regression over the
//! bins, and writes the result as an ordinary leadscore model: one rule per bin with points in
//! log-odds units (`points_to_double_odds` points, 20 by default, double the odds), a calibration block that turns the
//! points back into a probability, a 0-100 scale over the training range, and tiers placed at the
//! top shares of the training leads. Every figure in the report comes from scoring rows with that
//! model through the engine, so the report describes the model as it will run, rounding included.

use super::binning::{Bin, BinOptions};
use super::boost::{self, BoostOptions, Feature, PairTerm};
use super::calibrate;
use super::data::{DataError, Dataset, Values};
use super::features::{prepare, Prepared};
use super::hybrid::HybridBase;
use super::interactions;
use super::logistic::fit;
use super::progress::Progress;
use super::rules_text::ColumnDoc;
use super::scorecard::{self, ColumnBins};
use crate::evaluate::coverage::{Coverage, CoverageReport};
use crate::evaluate::{audit, metrics, AuditOptions, AuditReport};
use crate::{Model, Scorer};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

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
    /// Which trainer (default: the better of the two on a validation split).
    pub trainer: Trainer,
    /// The boosted trainer's settings.
    pub boost: BoostOptions,
    /// At most this many bins per numeric column for the boosted trainer.
    pub boost_bins: usize,
    /// Monotone numeric columns: +1, the points never go down as the value goes up; -1, never up.
    pub monotone: Vec<(String, i8)>,
    /// Descriptions and units of columns, for reasons.
    pub columns: BTreeMap<String, ColumnDoc>,
    /// Hybrid training: keep this model's rules and sections, learn the rest around them.
    pub base: Option<Value>,
}

/// Which trainer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Trainer {
    /// Both on a validation split of the training rows (every fifth); the one with the higher
    /// AUC is trained on every training row.
    #[default]
    Auto,
    /// L2 logistic regression over binned columns.
    Logistic,
    /// Boosted additive model (cyclic boosting of one column at a time, optional pairs).
    Boosted,
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
            trainer: Trainer::Auto,
            boost: BoostOptions::default(),
            boost_bins: 255,
            monotone: Vec::new(),
            columns: BTreeMap::new(),
            base: None,
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
    /// False when there are too few rows or conversions for the figures to mean much (see
    /// [`MIN_HOLDOUT_ROWS`]).
    pub reliable: bool,
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
    /// `logistic` or `boosted`.
    pub trainer: &'static str,
    /// With the default trainer: both trainers on the validation split, and the one chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection: Option<Selection>,
    /// Pairwise interaction terms (`a x b`).
    pub interactions: Vec<String>,
    /// Hybrid training: the base model alone beside base + learned rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<BaseComparison>,
    /// Columns used, with their bins.
    pub columns: Vec<ColumnReport>,
    /// Every bin's rule, including those whose points rounded to 0 (left out of the model).
    pub rules: Vec<RuleReport>,
    /// Fitted intercept (log-odds).
    pub intercept: f64,
    /// Newton iterations (logistic) or boosting rounds (boosted).
    pub iterations: usize,
    /// What was dropped or changed in the data.
    pub notes: Vec<String>,
    /// Why the model or its figures may not be trusted (too few rows or conversions).
    pub warnings: Vec<String>,
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
    scorecard::round_to(x, decimals)
}

/// Training rows below which the trainer warns that the model has too little to learn from.
pub const MIN_TRAIN_ROWS: usize = 500;
/// Converting training rows below which the trainer warns likewise.
pub const MIN_TRAIN_CONVERSIONS: usize = 50;
/// Holdout rows below which its figures are marked unreliable.
pub const MIN_HOLDOUT_ROWS: usize = 200;
/// Converting holdout rows below which its figures are marked unreliable.
pub const MIN_HOLDOUT_CONVERSIONS: usize = 30;

/// Learned log-odds per column bin (and per pair cell), whichever trainer made them.
struct Terms {
    intercept: f64,
    terms: Vec<Vec<f64>>,
    pairs: Vec<PairTerm>,
    iterations: usize,
    pair_rounds: usize,
}

/// Trains a model on `data` (see the module docs).
pub fn train(data: &Dataset, options: &TrainOptions) -> Result<Trained, DataError> {
    train_with_progress(data, options, &mut Progress::none())
}

/// [`train`], reporting progress.
pub fn train_with_progress(
    data: &Dataset,
    options: &TrainOptions,
    progress: &mut Progress<'_>,
) -> Result<Trained, DataError> {
    if !(options.hot_share > 0.0 && options.hot_share < options.warm_share && options.warm_share < 1.0) {
        return Err(DataError::new("tier shares must satisfy 0 < hot < warm < 1"));
    }
    if !(options.points_to_double_odds.is_finite() && options.points_to_double_odds > 0.0)
        || options.max_bins < 2
        || options.boost_bins < 2
    {
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
    for (column, _) in &options.monotone {
        match data.columns.iter().find(|c| &c.name == column) {
            Some(c) if matches!(c.values, Values::Numeric(_)) => {}
            Some(_) => return Err(DataError::new(format!("monotone: column \"{column}\" is not numeric"))),
            None => return Err(DataError::new(format!("monotone: no column \"{column}\" in the data"))),
        }
    }
    let min_rows = ((options.min_bin_share * train_rows.len() as f64).ceil() as usize).max(30);
    let logistic_columns = prepare(
        data,
        &train_rows,
        BinOptions { max_bins: options.max_bins, min_rows },
        min_rows,
        &options.sensitive,
        &options.columns,
    );
    if logistic_columns.is_empty() {
        return Err(DataError::new("no column has two or more bins with enough rows to learn from"));
    }
    // Finer bins for boosting: its trees merge what the data do not tell apart.
    let boost_min = ((0.002 * train_rows.len() as f64).ceil() as usize).max(options.boost.min_leaf_rows);
    let boost_columns = prepare(
        data,
        &train_rows,
        BinOptions { max_bins: options.boost_bins, min_rows: boost_min },
        min_rows,
        &options.sensitive,
        &options.columns,
    );
    let hybrid = match &options.base {
        Some(_) if options.trainer == Trainer::Logistic => {
            return Err(DataError::new(
                "a base model is trained around with the boosted trainer (trainer boosted or auto)",
            ));
        }
        Some(base) => Some(HybridBase::new(base, data, &train_rows)?),
        None => None,
    };
    if let Some(h) = &hybrid {
        let offset = &h.offset;
        let (boosted, _) = boosted_terms(&boost_columns, data, &train_rows, offset, options, progress);
        return finish(
            data,
            options,
            &train_rows,
            &test_rows,
            &boost_columns,
            boosted,
            None,
            hybrid.as_ref(),
            progress,
        );
    }
    let wants_boosted = options.trainer != Trainer::Logistic;
    if !wants_boosted {
        let terms = logistic_terms(&logistic_columns, data, &train_rows, options.l2)?;
        return finish(data, options, &train_rows, &test_rows, &logistic_columns, terms, None, None, progress);
    }
    let (boosted, check) = boosted_terms(&boost_columns, data, &train_rows, &[], options, progress);
    let selection = match (options.trainer, check) {
        (Trainer::Auto, Some((fit_rows, valid_rows, boosted_scores))) => {
            // The logistic scorecard on the same split as the last bagged model.
            progress.tick("logistic on the validation split", 0, 1);
            let logistic = logistic_terms(&logistic_columns, data, &fit_rows, options.l2)?;
            let y: Vec<bool> = valid_rows.iter().map(|&i| data.outcome.get(i).copied().unwrap_or(false)).collect();
            let scores: Vec<f64> = valid_rows.iter().map(|&i| log_odds(&logistic, &logistic_columns, i)).collect();
            let (l, b) = (metrics::auc(&scores, &y), metrics::auc(&boosted_scores, &y));
            let pick = b.unwrap_or(0.0) > l.unwrap_or(0.0);
            Some(Selection {
                rows: valid_rows.len(),
                logistic_auc: l,
                boosted_auc: b,
                chosen: if pick { "boosted" } else { "logistic" },
            })
        }
        (Trainer::Auto, None) => Some(Selection { rows: 0, logistic_auc: None, boosted_auc: None, chosen: "logistic" }),
        _ => None,
    };
    if selection.as_ref().is_some_and(|s| s.chosen == "logistic") {
        let terms = logistic_terms(&logistic_columns, data, &train_rows, options.l2)?;
        return finish(data, options, &train_rows, &test_rows, &logistic_columns, terms, selection, None, progress);
    }
    finish(data, options, &train_rows, &test_rows, &boost_columns, boosted, selection, None, progress)
}

/// `rows` split by their position: those where `keep(position)` holds, and the others.
fn split_by_position(rows: &[usize], keep: impl Fn(usize) -> bool) -> (Vec<usize>, Vec<usize>) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (p, &i) in rows.iter().enumerate() {
        if keep(p) {
            a.push(i);
        } else {
            b.push(i);
        }
    }
    (a, b)
}

/// The L2 logistic regression over the bins.
fn logistic_terms(columns: &[Prepared], data: &Dataset, rows: &[usize], l2: f64) -> Result<Terms, DataError> {
    let offsets: Vec<usize> = columns
        .iter()
        .scan(0, |acc, c| {
            let start = *acc;
            *acc += c.bins.len();
            Some(start)
        })
        .collect();
    let features = columns.iter().map(|c| c.bins.len()).sum();
    let active: Vec<Vec<u32>> = rows
        .iter()
        .map(|&i| {
            columns
                .iter()
                .zip(&offsets)
                .filter_map(|(c, off)| {
                    let code = usize::from(*c.codes.get(i)?);
                    (code < c.bins.len()).then(|| u32::try_from(off + code).ok()).flatten()
                })
                .collect()
        })
        .collect();
    let y: Vec<bool> = rows.iter().map(|&i| data.outcome.get(i).copied().unwrap_or(false)).collect();
    let fitted = fit(&active, &y, features, l2).map_err(|e| DataError::new(e.0))?;
    let terms = columns
        .iter()
        .zip(&offsets)
        .map(|(c, &off)| {
            let mut t: Vec<f64> = fitted.weights.get(off..off + c.bins.len()).unwrap_or(&[]).to_vec();
            t.push(0.0);
            t
        })
        .collect();
    Ok(Terms { intercept: fitted.intercept, terms, pairs: Vec::new(), iterations: fitted.iterations, pair_rounds: 0 })
}

fn monotone_of(options: &TrainOptions, name: &str) -> i8 {
    options.monotone.iter().find(|(c, _)| c == name).map_or(0, |(_, d)| *d)
}

/// Rounds when there are too few rows to hold any out for early stopping.
const ROUNDS_WITHOUT_VALIDATION: usize = 100;

/// The rows of a validation split and the boosted model's log-odds on them (from the bagged
/// model that did not fit them): (fitting rows, validation rows, scores).
type Check = (Vec<usize>, Vec<usize>, Vec<f64>);

/// The boosted trainer: `bags` models, each early-stopped on its own interleaved fold of the
/// training rows, averaged; then pairs chosen by FAST on the averaged main effects' residual and
/// boosted likewise. Also the last fold's out-of-bag scores (main effects of the model that did
/// not fit that fold), to compare trainers.
fn boosted_terms(
    columns: &[Prepared],
    data: &Dataset,
    train_rows: &[usize],
    base: &[f64],
    options: &TrainOptions,
    progress: &mut Progress<'_>,
) -> (Terms, Option<Check>) {
    let features: Vec<Feature> = columns.iter().map(|c| c.feature(monotone_of(options, &c.name))).collect();
    let o = &options.boost;
    let bags = o.bags.max(1);
    let folds: Vec<(Vec<usize>, Vec<usize>)> =
        (0..bags).map(|k| split_by_position(train_rows, |p| p % bags != k)).collect();
    let both = |rows: &[usize]| {
        let yes = rows.iter().filter(|&&i| data.outcome.get(i).copied().unwrap_or(false)).count();
        yes > 0 && yes < rows.len()
    };
    let validate = bags >= 2 && folds.iter().all(|(fit, valid)| fit.len() >= 10 && both(valid) && both(fit));
    let stages = if o.interactions > 0 { 2 } else { 1 };
    if !validate {
        let fixed = BoostOptions { rounds: o.rounds.min(ROUNDS_WITHOUT_VALIDATION), ..o.clone() };
        let rows = boost::Rows { fit: train_rows, valid: &[], outcome: &data.outcome, offset: base };
        let total = fixed.rounds * stages;
        let m = boost::fit_mains(&features, &rows, &fixed, progress, (0, total));
        let mut terms =
            Terms { intercept: m.intercept, terms: m.terms, pairs: Vec::new(), iterations: m.rounds, pair_rounds: 0 };
        if o.interactions > 0 {
            let offset: Vec<f64> =
                (0..data.len()).map(|i| log_odds(&terms, columns, i) + base.get(i).copied().unwrap_or(0.0)).collect();
            let chosen = interactions::choose_pairs(&features, &terms.terms, train_rows, &data.outcome, &offset, o);
            let template = interactions::pair_terms(&features, &terms.terms, train_rows, &chosen, o);
            let rows = boost::Rows { fit: train_rows, valid: &[], outcome: &data.outcome, offset: &offset };
            let (pairs, r) =
                boost::fit_pairs(&features, &rows, template, &fixed, fixed.rounds, progress, (fixed.rounds, total));
            terms.pairs = pairs;
            terms.pair_rounds = r;
        }
        return (terms, None);
    }
    let total = bags * o.rounds * stages;
    let mut bagged: Vec<boost::Mains> = Vec::new();
    for (k, (fit, valid)) in folds.iter().enumerate() {
        let rows = boost::Rows { fit, valid, outcome: &data.outcome, offset: base };
        bagged.push(boost::fit_mains(&features, &rows, o, progress, (k * o.rounds, total)));
    }
    let scale = 1.0 / bagged.len().max(1) as f64;
    let mut terms: Vec<Vec<f64>> = features.iter().map(|f| vec![0.0; f.bins]).collect();
    let mut intercept = 0.0;
    for m in &bagged {
        intercept += scale * m.intercept;
        for (sum, t) in terms.iter_mut().zip(&m.terms) {
            sum.iter_mut().zip(t).for_each(|(s, x)| *s += scale * x);
        }
    }
    let rounds = bagged.iter().map(|m| m.rounds).sum::<usize>() / bagged.len().max(1);
    let mut out = Terms { intercept, terms, pairs: Vec::new(), iterations: rounds, pair_rounds: 0 };
    let last = bagged.last();
    if o.interactions > 0 {
        let offset: Vec<f64> =
            (0..data.len()).map(|i| log_odds(&out, columns, i) + base.get(i).copied().unwrap_or(0.0)).collect();
        let chosen = interactions::choose_pairs(&features, &out.terms, train_rows, &data.outcome, &offset, o);
        let template = interactions::pair_terms(&features, &out.terms, train_rows, &chosen, o);
        let mut sum = template.clone();
        let mut pair_rounds = 0;
        for (k, (fit, valid)) in folds.iter().enumerate() {
            let rows = boost::Rows { fit, valid, outcome: &data.outcome, offset: &offset };
            let done = (bags + k) * o.rounds;
            let (pairs, r) = boost::fit_pairs(&features, &rows, template.clone(), o, o.rounds, progress, (done, total));
            pair_rounds += r;
            for (s, p) in sum.iter_mut().zip(&pairs) {
                s.cells.iter_mut().zip(&p.cells).for_each(|(s, x)| *s += scale * x);
            }
        }
        out.pairs = sum;
        out.pair_rounds = pair_rounds / bags;
    }
    let check = last.zip(folds.last()).map(|(m, (fit, valid))| {
        let scores = valid.iter().map(|&i| boost::predict(m.intercept, &m.terms, &[], &features, base, i)).collect();
        (fit.clone(), valid.clone(), scores)
    });
    (out, check)
}

/// Log-odds of dataset row `i` under `t`.
fn log_odds(t: &Terms, columns: &[Prepared], i: usize) -> f64 {
    let mains: f64 = columns
        .iter()
        .zip(&t.terms)
        .map(|(c, term)| c.codes.get(i).and_then(|&b| term.get(usize::from(b))).copied().unwrap_or(0.0))
        .sum();
    let pairs: f64 = t
        .pairs
        .iter()
        .map(|p| {
            let (Some(a), Some(b)) = (columns.get(p.a), columns.get(p.b)) else { return 0.0 };
            let (Some(&ca), Some(&cb)) = (a.codes.get(i), b.codes.get(i)) else { return 0.0 };
            let (Some(&ga), Some(&gb)) = (p.group_a.get(usize::from(ca)), p.group_b.get(usize::from(cb))) else {
                return 0.0;
            };
            p.cells.get(ga * p.groups_b + gb).copied().unwrap_or(0.0)
        })
        .sum();
    t.intercept + mains + pairs
}

/// Hybrid training: the base model alone beside base + learned rules, on the same rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BaseComparison {
    /// `holdout` or `training`: the rows compared.
    pub rows: &'static str,
    /// The base model's rules alone (probability from the logistic fit on its points).
    pub base: Quality,
    /// The trained model (base rules + learned rules, calibrated together).
    pub combined: Quality,
}

/// Which trainer a default run chose, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    /// Validation rows (every fifth training row).
    pub rows: usize,
    /// AUC of the logistic scorecard fitted on the other training rows.
    pub logistic_auc: Option<f64>,
    /// AUC of the boosted scorecard likewise.
    pub boosted_auc: Option<f64>,
    /// `logistic` or `boosted`.
    pub chosen: &'static str,
}

/// Turns learned terms into the model and its report.
#[allow(clippy::too_many_arguments)]
fn finish(
    data: &Dataset,
    options: &TrainOptions,
    train_rows: &[usize],
    test_rows: &[usize],
    columns: &[Prepared],
    terms: Terms,
    selection: Option<Selection>,
    hybrid: Option<&HybridBase>,
    progress: &mut Progress<'_>,
) -> Result<Trained, DataError> {
    progress.tick("writing the model", 0, 1);
    // Learned rules of a hybrid are named and grouped apart from the base's.
    let (prefix, group) = if hybrid.is_some() { ("learned-", "learned") } else { ("", "model") };
    let boosted = columns
        .first()
        .is_some_and(|c| !terms.terms.is_empty() && c.bins.len() + 1 == terms.terms.first().map_or(0, Vec::len))
        && terms.iterations > 0
        && selection.as_ref().map_or(options.trainer != Trainer::Logistic, |s| s.chosen == "boosted");
    // A hybrid's learned points are the base's points: one of each is worth the same odds.
    let factor = hybrid.map_or(options.points_to_double_odds / std::f64::consts::LN_2, |h| 1.0 / h.a);
    let mut intercept = terms.intercept + hybrid.map_or(0.0, |h| h.b);
    let mut rules = Vec::new();
    let mut report_rules = Vec::new();
    let mut report_columns = Vec::new();
    // Points of each bin of each column, for the calibration.
    let mut bin_points: Vec<Vec<f64>> = Vec::new();
    for (c, term) in columns.iter().zip(&terms.terms) {
        let n = c.bins.len();
        let term = term.get(..n).unwrap_or(&[]);
        let rows = c.rows.get(..n).unwrap_or(&[]);
        intercept += scorecard::reference(term, rows).1;
        let column = ColumnBins { field: &c.name, bins: &c.bins, text: &c.text, other_levels: &c.other_levels };
        let mut points = vec![0.0; n + 1];
        for (k, segment) in scorecard::segments(&c.bins, term, rows, factor).iter().enumerate() {
            let id = format!("{prefix}{}-{}", slug(&c.name), k + 1);
            let reason = scorecard::reason(&column, &segment.bins);
            let in_rows: usize = segment.bins.iter().filter_map(|&b| c.rows.get(b)).sum();
            let converted: usize = segment.bins.iter().filter_map(|&b| c.conversions.get(b)).sum();
            for &b in &segment.bins {
                if let Some(p) = points.get_mut(b) {
                    *p = segment.points;
                }
            }
            if in_rows == 0 {
                continue;
            }
            report_rules.push(RuleReport {
                id: id.clone(),
                reason: reason.clone(),
                rows: in_rows,
                rate: converted as f64 / in_rows.max(1) as f64,
                weight: segment.weight,
                points: segment.points,
            });
            if segment.points != 0.0 {
                let when = scorecard::condition(&c.name, &c.bins, &segment.bins);
                rules.push(
                    json!({ "id": id, "group": group, "points": segment.points, "reason": reason, "when": when }),
                );
            }
        }
        bin_points.push(points);
        report_columns.push(ColumnReport {
            name: c.name.clone(),
            kind: if c.numeric() { "numeric" } else { "categorical" },
            bins: c.bins.clone(),
        });
    }
    // Pairwise cells, each an `all` of two conditions.
    let mut cell_points: Vec<Vec<f64>> = Vec::new();
    let mut interactions = Vec::new();
    for pair in &terms.pairs {
        let (Some(a), Some(b)) = (columns.get(pair.a), columns.get(pair.b)) else { continue };
        // A cell's bins: those of its groups that training rows fell in (an empty "another value"
        // bin would only add words; a value in no cell gets the pair's reference, 0 points).
        let set = |groups: &[usize], g: usize, c: &Prepared| -> Vec<usize> {
            (0..c.bins.len())
                .filter(|&bin| groups.get(bin) == Some(&g) && c.rows.get(bin).is_some_and(|n| *n > 0))
                .collect()
        };
        let mut rows = vec![0usize; pair.cells.len()];
        let mut conversions = vec![0usize; pair.cells.len()];
        for &i in train_rows {
            let (Some(&ca), Some(&cb)) = (a.codes.get(i), b.codes.get(i)) else { continue };
            let (Some(&ga), Some(&gb)) = (pair.group_a.get(usize::from(ca)), pair.group_b.get(usize::from(cb))) else {
                continue;
            };
            if usize::from(ca) >= a.bins.len() || usize::from(cb) >= b.bins.len() {
                continue;
            }
            let k = ga * pair.groups_b + gb;
            if let Some(n) = rows.get_mut(k) {
                *n += 1;
            }
            if data.outcome.get(i).copied().unwrap_or(false) {
                if let Some(n) = conversions.get_mut(k) {
                    *n += 1;
                }
            }
        }
        let (_, base) = scorecard::reference(&pair.cells, &rows);
        intercept += base;
        let name = format!("{} x {}", a.name, b.name);
        let (col_a, col_b) = (
            ColumnBins { field: &a.name, bins: &a.bins, text: &a.text, other_levels: &a.other_levels },
            ColumnBins { field: &b.name, bins: &b.bins, text: &b.text, other_levels: &b.other_levels },
        );
        let mut points = vec![0.0; pair.cells.len()];
        for ga in 0..pair.groups_a {
            for gb in 0..pair.groups_b {
                let k = ga * pair.groups_b + gb;
                let (sa, sb) = (set(&pair.group_a, ga, a), set(&pair.group_b, gb, b));
                let n = rows.get(k).copied().unwrap_or(0);
                if sa.is_empty() || sb.is_empty() || n == 0 {
                    continue;
                }
                let weight = pair.cells.get(k).copied().unwrap_or(0.0) - base;
                let p = scorecard::round_to(weight * factor, 1);
                if let Some(slot) = points.get_mut(k) {
                    *slot = p;
                }
                let id = format!("{prefix}{}-x-{}-{}", slug(&a.name), slug(&b.name), k + 1);
                let reason = format!("{}, and {}", scorecard::reason(&col_a, &sa), scorecard::reason(&col_b, &sb));
                let converted = conversions.get(k).copied().unwrap_or(0);
                report_rules.push(RuleReport {
                    id: id.clone(),
                    reason: reason.clone(),
                    rows: n,
                    rate: converted as f64 / n.max(1) as f64,
                    weight,
                    points: p,
                });
                if p != 0.0 {
                    let when = json!({ "all": [
                        scorecard::condition(&a.name, &a.bins, &sa),
                        scorecard::condition(&b.name, &b.bins, &sb),
                    ] });
                    rules.push(json!({ "id": id, "group": group, "points": p, "reason": reason, "when": when }));
                }
            }
        }
        cell_points.push(points);
        interactions.push(name);
    }
    // Calibration: a logistic fit of the outcome on the rounded points of the training rows.
    let raw_of = |i: usize| -> f64 {
        let mains: f64 = columns
            .iter()
            .zip(&bin_points)
            .map(|(c, p)| c.codes.get(i).and_then(|&b| p.get(usize::from(b))).copied().unwrap_or(0.0))
            .sum();
        let pairs: f64 = terms
            .pairs
            .iter()
            .zip(&cell_points)
            .map(|(pair, p)| {
                let (Some(a), Some(b)) = (columns.get(pair.a), columns.get(pair.b)) else { return 0.0 };
                let (Some(&ca), Some(&cb)) = (a.codes.get(i), b.codes.get(i)) else { return 0.0 };
                let (Some(&ga), Some(&gb)) = (pair.group_a.get(usize::from(ca)), pair.group_b.get(usize::from(cb)))
                else {
                    return 0.0;
                };
                p.get(ga * pair.groups_b + gb).copied().unwrap_or(0.0)
            })
            .sum();
        mains + pairs + hybrid.and_then(|h| h.raw.get(i)).copied().unwrap_or(0.0)
    };
    let raws: Vec<f64> = train_rows.iter().map(|&i| raw_of(i)).collect();
    let ys: Vec<bool> = train_rows.iter().map(|&i| data.outcome.get(i).copied().unwrap_or(false)).collect();
    let (offset, scale_factor) = calibrate::fit(&raws, &ys, -intercept * factor, factor);
    let method = if boosted {
        format!(
            "Boosted additive scorecard: cyclic gradient boosting of one column at a time ({} rounds, learning rate {}, up to {} bins per numeric column){}, then a logistic calibration of the points",
            terms.iterations,
            options.boost.learning_rate,
            options.boost_bins,
            if interactions.is_empty() {
                String::new()
            } else {
                format!(", {} pairwise interactions chosen by FAST ({} rounds)", interactions.len(), terms.pair_rounds)
            }
        )
    } else {
        format!("Scorecard from L2 logistic regression over binned columns (l2 {})", options.l2)
    };
    let mut model = json!({
        "schema": "leadscore/v1",
        "id": options.id,
        "version": "1",
        "name": format!("Trained on {} rows for \"{}\"", train_rows.len(), data.target),
        "description": format!(
            "{method}; about {} points double the odds; each column's most common bin is the reference at 0 points. Probability = logistic((raw - offset) / factor).",
            options.points_to_double_odds
        ),
        "groups": { "model": {} },
        // The texts the trainer read as "not given": the model reads its rows the same way.
        "input": { "missing": data.missing_texts },
        "rules": rules,
        "calibration": { "offset": round_to(offset, 2), "factor": round_to(scale_factor, 6) },
    });
    if let Some(h) = hybrid {
        model = extend_base(&h.model, rules_of(&model), &model)?;
    }
    let iterations = terms.iterations;
    let mut report = finish_report(data, options, train_rows, test_rows, &mut model, report_rules, report_columns)?;
    report.intercept = terms.intercept;
    report.iterations = iterations;
    report.trainer = if boosted { "boosted" } else { "logistic" };
    report.selection = selection;
    report.interactions = interactions;
    if let Some(h) = hybrid {
        let (name, rows) = if test_rows.is_empty() { ("training", train_rows) } else { ("holdout", test_rows) };
        let combined = if test_rows.is_empty() {
            report.train.clone()
        } else {
            report.holdout.clone().unwrap_or_else(|| report.train.clone())
        };
        let (raw, p, y) = h.figures(data, rows);
        let base = Quality {
            rows: rows.len(),
            conversions: y.iter().filter(|v| **v).count(),
            auc: metrics::auc(&raw, &y),
            log_loss: metrics::log_loss(&p, &y),
            brier: metrics::brier(&p, &y),
            reliable: combined.reliable,
        };
        report.base = Some(BaseComparison { rows: name, base, combined });
    }
    progress.tick("writing the model", 1, 1);
    Ok(Trained { model, report })
}

fn rules_of(model: &Value) -> Vec<Value> {
    model.get("rules").and_then(Value::as_array).cloned().unwrap_or_default()
}

/// The base model with the learned rules appended (group `learned`), the trained calibration, and
/// every other section as it was.
fn extend_base(base: &Value, learned: Vec<Value>, trained: &Value) -> Result<Value, DataError> {
    let mut model = base.clone();
    let Some(m) = model.as_object_mut() else {
        return Err(DataError::new("the base model must be a JSON object"));
    };
    if let Some(id) = learned.iter().filter_map(|r| r.get("id")).find(|id| {
        m.get("rules").and_then(Value::as_array).is_some_and(|rules| rules.iter().any(|r| r.get("id") == Some(*id)))
    }) {
        return Err(DataError::new(format!("the base model already has a rule {id}: rename it")));
    }
    let groups = m.entry("groups").or_insert_with(|| json!({}));
    if let Some(g) = groups.as_object_mut() {
        g.entry("learned").or_insert_with(|| json!({}));
    }
    let rules = m.entry("rules").or_insert_with(|| json!([]));
    if let Some(r) = rules.as_array_mut() {
        r.extend(learned);
    }
    if let Some(c) = trained.get("calibration") {
        m.insert("calibration".into(), c.clone());
    }
    Ok(model)
}

/// Scale, tiers and every figure of the report, from scoring rows with the model through the
/// engine.
fn finish_report(
    data: &Dataset,
    options: &TrainOptions,
    train_rows: &[usize],
    test_rows: &[usize],
    model: &mut Value,
    report_rules: Vec<RuleReport>,
    columns: Vec<ColumnReport>,
) -> Result<TrainReport, DataError> {
    // Raw points of every training row, for the scale; then scores, for the tiers.
    let raw_scorer = scorer_of(model)?;
    let raws: Vec<f64> =
        train_rows.iter().map(|&i| score_row(&raw_scorer, data, i).map(|c| c.0)).collect::<Result<_, _>>()?;
    let lo = raws.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = raws.iter().copied().fold(f64::NEG_INFINITY, f64::max).max(lo + 1.0);
    if let Some(m) = model.as_object_mut().filter(|m| !m.contains_key("scale")) {
        m.insert(
            "scale".into(),
            json!({ "min": 0, "max": 100, "decimals": 0, "raw": [round_to(lo, 2), round_to(hi, 2)] }),
        );
    }
    let scaled = scorer_of(model)?;
    let mut scores: Vec<f64> =
        train_rows.iter().map(|&i| score_row(&scaled, data, i).map(|c| c.1)).collect::<Result<_, _>>()?;
    scores.sort_by(|a, b| b.total_cmp(a));
    let at_share = |share: f64| {
        let k = ((share * scores.len() as f64).ceil() as usize).clamp(1, scores.len());
        scores.get(k - 1).copied().unwrap_or(0.0)
    };
    let hot = at_share(options.hot_share).max(2.0);
    let warm = at_share(options.warm_share).clamp(1.0, hot - 1.0);
    if let Some(m) = model.as_object_mut().filter(|m| !m.contains_key("tiers")) {
        m.insert(
            "tiers".into(),
            json!([
                { "name": "hot", "min": hot, "action": "route_to_ae", "slaHours": 1 },
                { "name": "warm", "min": warm, "action": "sdr_nurture", "slaHours": 24 },
                { "name": "cold", "min": 0, "action": "marketing_nurture" },
            ]),
        );
    }
    let final_scorer = scorer_of(model)?;
    let train_quality = quality(&final_scorer, data, train_rows)?;
    let mut holdout = if test_rows.is_empty() { None } else { Some(quality(&final_scorer, data, test_rows)?) };
    let mut warnings = Vec::new();
    if train_quality.rows < MIN_TRAIN_ROWS || train_quality.conversions < MIN_TRAIN_CONVERSIONS {
        warnings.push(format!(
            "few rows to learn from: {} training rows, {} converted (want at least {MIN_TRAIN_ROWS} and {MIN_TRAIN_CONVERSIONS}); the points are rough",
            train_quality.rows, train_quality.conversions
        ));
    }
    if let Some(h) = holdout.as_mut() {
        if h.rows < MIN_HOLDOUT_ROWS || h.conversions < MIN_HOLDOUT_CONVERSIONS {
            h.reliable = false;
            warnings.push(format!(
                "holdout figures unreliable: {} rows, {} converted (want at least {MIN_HOLDOUT_ROWS} and {MIN_HOLDOUT_CONVERSIONS})",
                h.rows, h.conversions
            ));
        }
    }
    let mut notes = data.notes.clone();
    notes.extend(options.sensitive.iter().map(|c| format!("{c}: sensitive, never used as an input")));
    notes.extend(grouping_notes(data, &columns, train_rows, &options.sensitive));
    let sensitive = sensitive_audit(&final_scorer, data, options, train_rows, test_rows)?;
    Ok(TrainReport {
        target: data.target.clone(),
        trainer: "logistic",
        selection: None,
        interactions: Vec::new(),
        base: None,
        columns,
        rules: report_rules,
        intercept: 0.0,
        iterations: 0,
        notes,
        warnings,
        train: train_quality,
        holdout,
        sensitive,
        coverage: coverage(&final_scorer, data),
    })
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
fn grouping_notes(data: &Dataset, used: &[ColumnReport], train_rows: &[usize], sensitive: &[String]) -> Vec<String> {
    let mut notes = Vec::new();
    for column in &data.columns {
        if data.unusable.contains(&column.name) || sensitive.contains(&column.name) {
            continue;
        }
        let Some(b) = used.iter().find(|b| b.name == column.name) else {
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
        reliable: true,
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
        let options = TrainOptions { holdout_every: Some(5), trainer: Trainer::Logistic, ..TrainOptions::default() };
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
        // Each level's rule fires exactly for one title: V = 1 (the most common level is the reference
        // at 0 points, not a rule). (The synthetic `plan` follows the row's parity, which the title
        // also decides: a real, weaker association, also a proxy.)
        let level: Vec<f64> = proxies.iter().filter(|(r, _)| r.starts_with("level-")).map(|(_, v)| *v).collect();
        assert!(level.len() == 3 && level.iter().all(|v| (v - 1.0).abs() < 1e-9), "{proxies:?}");
        assert!(proxies.iter().all(|(_, v)| *v > 0.5), "{proxies:?}");
        // Without sensitive columns the report has no audit.
        assert!(train(&data, &TrainOptions::default()).unwrap().report.sensitive.is_none());
    }
}
