//! Request options, as serde types shared by every front end (camelCase, unknown fields refused).
//! The CLI builds them from its flags, the JavaScript API deserialises or reads them from JS
//! values; the checks and defaults are here once, so an added option is added in one place.

use super::error::Error;
use crate::error::Code;
use crate::evaluate::{AuditOptions, BacktestOptions, Period};
use crate::predict::{ColumnDoc, ReadOptions, TrainOptions, Trainer};
use crate::time::{self, Millis};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A time as a request gives it: RFC 3339 text or epoch milliseconds (a JS `Date` arrives as
/// milliseconds).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum TimeInput {
    /// Epoch milliseconds.
    EpochMs(f64),
    /// RFC 3339 text.
    Text(String),
}

/// Text from a command line: checked when the request is resolved, so the error names the option.
impl std::str::FromStr for TimeInput {
    type Err = std::convert::Infallible;
    fn from_str(text: &str) -> Result<TimeInput, Self::Err> {
        Ok(TimeInput::Text(text.to_string()))
    }
}

impl TimeInput {
    /// The time, or a usage error naming the option (`path`).
    pub fn resolve(&self, path: &str) -> Result<Millis, Error> {
        let parsed = match self {
            TimeInput::EpochMs(ms) => time::from_epoch_ms(*ms),
            TimeInput::Text(text) => time::parse_rfc3339(text),
        };
        parsed.ok_or_else(|| {
            let found = match self {
                TimeInput::EpochMs(ms) => ms.to_string(),
                TimeInput::Text(text) => format!("{text:?}"),
            };
            Error::usage(path, Code::BadTimestamp, format!("{found} is not an RFC 3339 time or epoch milliseconds"))
        })
    }
}

/// The options of a score request: `{ asOf, explain }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreOptions {
    /// Score as of this time; when left out, the front end's current time is used and the card says so.
    pub as_of: Option<TimeInput>,
    /// Include `groups` and `contributions` (default true).
    pub explain: Option<bool>,
}

/// Score options resolved against a front end's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreSettings {
    /// The time every lead is scored at.
    pub as_of: Millis,
    /// `asOf` was not given: `now` was used.
    pub as_of_defaulted: bool,
    /// Include `groups` and `contributions`.
    pub explain: bool,
}

impl ScoreOptions {
    /// Resolves `asOf` (calling `now` only when it is left out) and the defaults.
    pub fn resolve(&self, now: impl FnOnce() -> Millis) -> Result<ScoreSettings, Error> {
        let (as_of, as_of_defaulted) = match &self.as_of {
            Some(t) => (t.resolve("asOf")?, false),
            None => (now(), true),
        };
        Ok(ScoreSettings { as_of, as_of_defaulted, explain: self.explain.unwrap_or(true) })
    }
}

/// How to read labelled history (training and backtests): the outcome column, columns to leave
/// out, and the CSV separator. Requests spell these fields at their top level (`target`,
/// `ignore`, `separator`): serde cannot refuse unknown fields of a flattened struct, so each
/// request lists them and hands them over with `data()`.
#[derive(Debug, Clone, PartialEq)]
pub struct DataOptions {
    /// The outcome column: 1/0, yes/no, true/false.
    pub target: String,
    /// Columns to leave out (e.g. fields known only after the outcome).
    pub ignore: Vec<String>,
    /// CSV separator: one ASCII character (default `,`).
    pub separator: Option<String>,
    /// Texts that mean "not given" (default: the model format's default `input.missing`).
    pub missing: Option<Vec<String>>,
}

impl DataOptions {
    /// The reader's options; the separator must be one ASCII character.
    pub fn read_options(&self) -> Result<ReadOptions, Error> {
        let separator = separator(self.separator.as_deref())?;
        if self.target.is_empty() {
            return Err(Error::usage("target", Code::MissingField, "target (the outcome column) must be named"));
        }
        let mut read = ReadOptions::new(&self.target);
        read.ignore = self.ignore.clone();
        read.separator = separator;
        if let Some(missing) = &self.missing {
            // As the model reader keeps them: trimmed, lower-cased, once each.
            read.missing.clear();
            for text in missing.iter().map(|m| m.trim().to_lowercase()) {
                if !read.missing.contains(&text) {
                    read.missing.push(text);
                }
            }
        }
        Ok(read)
    }
}

/// A CSV separator as a request gives it: one ASCII character (default `,`).
pub fn separator(text: Option<&str>) -> Result<u8, Error> {
    match text.map(str::as_bytes) {
        None => Ok(b','),
        Some([b]) if b.is_ascii() => Ok(*b),
        Some(_) => {
            let reason = format!("the separator must be one ASCII character, found {:?}", text.unwrap_or(""));
            Err(Error::usage("separator", Code::InvalidValue, reason))
        }
    }
}

/// A training request: the data options plus the trainer's settings (each optional, with the
/// trainer's defaults). Also the `leadscore train` flags (feature `cli`): an option added here is
/// there too.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainRequest {
    /// The outcome column: 1/0, yes/no, true/false.
    #[cfg_attr(feature = "cli", arg(long))]
    pub target: String,
    /// Columns to leave out (e.g. fields known only after the outcome); comma-separated on a command line.
    #[serde(default)]
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ','))]
    pub ignore: Vec<String>,
    /// CSV separator: one ASCII character (default `,`).
    #[cfg_attr(feature = "cli", arg(long, visible_alias = "sep"))]
    pub separator: Option<String>,
    /// Hold out every k-th row (0-based index a multiple of k, k >= 2) and report on it.
    #[cfg_attr(feature = "cli", arg(long))]
    pub holdout_every: Option<usize>,
    /// Which trainer: `logistic` (L2 logistic regression over binned columns), `boosted` (boosted
    /// additive scorecard), or `auto` (default: both on a validation split of the training rows,
    /// the better one kept).
    #[cfg_attr(feature = "cli", arg(long, value_enum))]
    pub trainer: Option<Trainer>,
    /// At most this many bins per numeric column (2 to 255, at most 100 for the logistic trainer;
    /// default 10 logistic, 255 boosted).
    #[cfg_attr(feature = "cli", arg(long))]
    pub bins: Option<usize>,
    /// Boosted: at most this many boosting rounds per bagged model (1 to 10000; default 1000;
    /// each stops early when a held-out fold stops improving).
    #[cfg_attr(feature = "cli", arg(long))]
    pub rounds: Option<usize>,
    /// Boosted: pairwise interaction terms (0 to 50; default 5), chosen by the FAST heuristic.
    #[cfg_attr(feature = "cli", arg(long))]
    pub interactions: Option<usize>,
    /// Boosted: learning rate (above 0, at most 1; default 0.02).
    #[cfg_attr(feature = "cli", arg(long))]
    pub learning_rate: Option<f64>,
    /// Boosted: numeric columns whose points never go down as the value goes up (comma-separated).
    #[serde(default)]
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ','))]
    pub increasing: Vec<String>,
    /// Boosted: numeric columns whose points never go up as the value goes up (comma-separated).
    #[serde(default)]
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ','))]
    pub decreasing: Vec<String>,
    /// Descriptions and units of columns for the rules' reasons (`{"age": {"description": "Age",
    /// "unit": "years"}}`); on a command line, `--columns columns.json`.
    #[cfg_attr(feature = "cli", arg(skip))]
    pub columns: Option<BTreeMap<String, ColumnDoc>>,
    /// Hybrid training: a model whose rules and sections are kept; the boosted trainer learns the
    /// rest around them (on a command line, `--base model.json`).
    #[cfg_attr(feature = "cli", arg(skip))]
    pub base: Option<serde_json::Value>,
    /// L2 penalty on the bin weights (greater than 0; default 1).
    #[cfg_attr(feature = "cli", arg(long))]
    pub l2: Option<f64>,
    /// Share of training leads in the hot tier (default 0.1).
    #[cfg_attr(feature = "cli", arg(long))]
    pub hot: Option<f64>,
    /// Share of training leads in the hot or warm tiers (default 0.3).
    #[cfg_attr(feature = "cli", arg(long))]
    pub warm: Option<f64>,
    /// Model id (default `trained`).
    #[cfg_attr(feature = "cli", arg(long))]
    pub id: Option<String>,
    /// Texts that mean "not given", written into the model as `input.missing` (default: `""`, NA,
    /// N/A, null, none, nan, select, -- select --, (select), please select, -, ?); comma-separated
    /// on a command line.
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ','))]
    pub missing: Option<Vec<String>>,
    /// Sensitive columns (repeatable): never used as an input, even if not ignored; the report
    /// lists the learned rules that stand in for them (proxies) and audits them on the holdout.
    #[serde(default)]
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ','))]
    pub sensitive: Vec<String>,
}

impl TrainRequest {
    /// How to read the history.
    pub fn data(&self) -> DataOptions {
        DataOptions {
            target: self.target.clone(),
            ignore: self.ignore.clone(),
            separator: self.separator.clone(),
            missing: self.missing.clone(),
        }
    }

    /// The trainer's options, every value checked against its valid range.
    pub fn train_options(&self) -> Result<TrainOptions, Error> {
        let d = TrainOptions::default();
        let bad = |path: &str, reason: String| Err(Error::usage(path, Code::InvalidValue, reason));
        let trainer = self.trainer.unwrap_or_default();
        let max_bins = self.bins.unwrap_or(d.max_bins);
        let boost_bins = self.bins.unwrap_or(d.boost_bins);
        let limit = if trainer == Trainer::Boosted { 255 } else { 100 };
        if let Some(bins) = self.bins.filter(|b| !(2..=limit).contains(b)) {
            let range = if limit == 255 { "2 to 255" } else { "2 to 100 (up to 255 with the boosted trainer)" };
            return bad("bins", format!("bins must be from {range}, found {bins}"));
        }
        let mut boost = d.boost.clone();
        if let Some(r) = self.rounds {
            if !(1..=10_000).contains(&r) {
                return bad("rounds", format!("rounds must be from 1 to 10000, found {r}"));
            }
            boost.rounds = r;
        }
        if let Some(k) = self.interactions {
            if k > 50 {
                return bad("interactions", format!("interactions must be from 0 to 50, found {k}"));
            }
            boost.interactions = k;
        }
        if let Some(rate) = self.learning_rate {
            if !(rate.is_finite() && rate > 0.0 && rate <= 1.0) {
                return bad("learningRate", format!("learningRate must be above 0 and at most 1, found {rate}"));
            }
            boost.learning_rate = rate;
        }
        let mut monotone = Vec::new();
        for (list, path, direction) in [(&self.increasing, "increasing", 1i8), (&self.decreasing, "decreasing", -1i8)] {
            for column in list {
                if column.trim().is_empty() || *column == self.target {
                    let why = if column.trim().is_empty() { "must not be empty" } else { "is the outcome column" };
                    return bad(path, format!("{path} column \"{column}\" {why}"));
                }
                if monotone.iter().any(|(c, _)| c == column) {
                    return bad(path, format!("column \"{column}\" is named more than once in increasing/decreasing"));
                }
                monotone.push((column.clone(), direction));
            }
        }
        let l2 = self.l2.unwrap_or(d.l2);
        if !(l2.is_finite() && l2 > 0.0) {
            return bad("l2", format!("l2 must be a number greater than 0, found {l2}"));
        }
        if let Some(k) = self.holdout_every.filter(|k| *k < 2) {
            return bad("holdoutEvery", format!("holdoutEvery must be at least 2, found {k}"));
        }
        let (hot_share, warm_share) = (self.hot.unwrap_or(d.hot_share), self.warm.unwrap_or(d.warm_share));
        if !(hot_share > 0.0 && hot_share < 1.0) {
            return bad("hot", format!("hot must be a share between 0 and 1 (exclusive), found {hot_share}"));
        }
        if !(warm_share > hot_share && warm_share < 1.0) {
            return bad(
                "warm",
                format!("warm must be a share above hot ({hot_share}) and below 1, found {warm_share}"),
            );
        }
        let id = self.id.clone().unwrap_or(d.id.clone());
        if id.trim().is_empty() {
            return bad("id", "id must not be empty".to_string());
        }
        for column in &self.sensitive {
            if column.trim().is_empty() || *column == self.target {
                let why = if column.trim().is_empty() { "must not be empty" } else { "is the outcome column" };
                return bad("sensitive", format!("sensitive column \"{column}\" {why}"));
            }
        }
        let sensitive = self.sensitive.clone();
        Ok(TrainOptions {
            id,
            max_bins: max_bins.min(100),
            boost_bins,
            l2,
            holdout_every: self.holdout_every,
            hot_share,
            warm_share,
            sensitive,
            trainer,
            boost,
            monotone,
            columns: self.columns.clone().unwrap_or_default(),
            base: self.base.clone(),
            ..d
        })
    }
}

/// A backtest request: the data options plus what to report. Also the `leadscore backtest` flags
/// (feature `cli`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BacktestRequest {
    /// The outcome column: 1/0, yes/no, true/false.
    #[cfg_attr(feature = "cli", arg(long))]
    pub target: String,
    /// Columns to leave out (e.g. fields known only after the outcome); comma-separated on a command line.
    #[serde(default)]
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ','))]
    pub ignore: Vec<String>,
    /// CSV separator: one ASCII character (default `,`).
    #[cfg_attr(feature = "cli", arg(long, visible_alias = "sep"))]
    pub separator: Option<String>,
    /// Score every lead as of this time (RFC 3339); default: now.
    #[cfg_attr(feature = "cli", arg(long))]
    pub as_of: Option<TimeInput>,
    /// Only rows whose 0-based index is a multiple of k (the holdout of training with holdout-every k).
    #[cfg_attr(feature = "cli", arg(long))]
    pub test_every: Option<usize>,
    /// Report what working the best-scored N leads would have caught.
    #[cfg_attr(feature = "cli", arg(long))]
    pub capacity: Option<usize>,
    /// Read the capacity as leads per week over the weeks this date field spans.
    #[cfg_attr(feature = "cli", arg(long))]
    pub capacity_per_week_by: Option<String>,
    /// Date field for a stability check (with split-at).
    #[cfg_attr(feature = "cli", arg(long))]
    pub period_field: Option<String>,
    /// Leads dated before this (RFC 3339) are the reference period (with period-field).
    #[cfg_attr(feature = "cli", arg(long))]
    pub split_at: Option<TimeInput>,
}

impl BacktestRequest {
    /// How to read the history.
    pub fn data(&self) -> DataOptions {
        DataOptions {
            target: self.target.clone(),
            ignore: self.ignore.clone(),
            separator: self.separator.clone(),
            missing: None,
        }
    }

    /// The backtest's options (calling `now` only when `asOf` is left out), checked.
    pub fn backtest_options(&self, now: impl FnOnce() -> Millis) -> Result<BacktestOptions, Error> {
        let as_of = match &self.as_of {
            Some(t) => t.resolve("asOf")?,
            None => now(),
        };
        if self.test_every == Some(0) {
            return Err(Error::usage("testEvery", Code::InvalidValue, "testEvery must be at least 1"));
        }
        if self.capacity_per_week_by.is_some() && self.capacity.is_none() {
            return Err(Error::usage("capacityPerWeekBy", Code::MissingField, "capacityPerWeekBy needs capacity"));
        }
        let period = match (&self.period_field, &self.split_at) {
            (Some(field), Some(at)) => Some(Period { field: field.clone(), split_at: at.resolve("splitAt")? }),
            (None, None) => None,
            (Some(_), None) => return Err(Error::usage("splitAt", Code::MissingField, "periodField needs splitAt")),
            (None, Some(_)) => {
                return Err(Error::usage("periodField", Code::MissingField, "splitAt needs periodField"))
            }
        };
        Ok(BacktestOptions {
            as_of,
            capacity: self.capacity,
            capacity_per_week_by: self.capacity_per_week_by.clone(),
            period,
        })
    }
}

/// A fairness-audit request: the data options, the segment columns, and the thresholds. Also the
/// `leadscore audit` flags (feature `cli`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditRequest {
    /// The outcome column: 1/0, yes/no, true/false.
    #[cfg_attr(feature = "cli", arg(long))]
    pub target: String,
    /// The segment columns to audit (one or more; repeat the flag or separate with commas).
    #[serde(default)]
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ','))]
    pub segment: Vec<String>,
    /// Columns to leave out (e.g. fields known only after the outcome); comma-separated on a command line.
    #[serde(default)]
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ','))]
    pub ignore: Vec<String>,
    /// CSV separator: one ASCII character (default `,`).
    #[cfg_attr(feature = "cli", arg(long, visible_alias = "sep"))]
    pub separator: Option<String>,
    /// Score every lead as of this time (RFC 3339); default: now.
    #[cfg_attr(feature = "cli", arg(long))]
    pub as_of: Option<TimeInput>,
    /// Only rows whose 0-based index is a multiple of k (the holdout of training with holdout-every k).
    #[cfg_attr(feature = "cli", arg(long))]
    pub test_every: Option<usize>,
    /// Groups with fewer leads are too small to judge (default 30).
    #[cfg_attr(feature = "cli", arg(long))]
    pub min_rows: Option<usize>,
    /// Cramér's V above this makes a rule a proxy of a segment column (between 0 and 1; default 0.5).
    #[cfg_attr(feature = "cli", arg(long))]
    pub proxy_threshold: Option<f64>,
}

impl AuditRequest {
    /// How to read the history.
    pub fn data(&self) -> DataOptions {
        DataOptions {
            target: self.target.clone(),
            ignore: self.ignore.clone(),
            separator: self.separator.clone(),
            missing: None,
        }
    }

    /// The audit's options (calling `now` only when `asOf` is left out), checked: at least one
    /// segment column, none named twice, none the outcome or ignored.
    pub fn audit_options(&self, now: impl FnOnce() -> Millis) -> Result<AuditOptions, Error> {
        let bad = |path: &str, code: Code, reason: String| Err(Error::usage(path, code, reason));
        if self.segment.is_empty() {
            return bad("segment", Code::MissingField, "name at least one segment column to audit".into());
        }
        for (i, column) in self.segment.iter().enumerate() {
            if column.trim().is_empty() {
                return bad("segment", Code::InvalidValue, "a segment column's name must not be empty".into());
            }
            if self.segment.get(..i).is_some_and(|before| before.contains(column)) {
                return bad("segment", Code::InvalidValue, format!("segment column \"{column}\" is named twice"));
            }
            if *column == self.target {
                return bad(
                    "segment",
                    Code::InvalidValue,
                    format!("\"{column}\" is the outcome column, not a segment"),
                );
            }
            if self.ignore.contains(column) {
                return bad("segment", Code::InvalidValue, format!("\"{column}\" is both a segment and ignored"));
            }
        }
        if self.test_every == Some(0) {
            return bad("testEvery", Code::InvalidValue, "testEvery must be at least 1".into());
        }
        let mut options = AuditOptions::new(
            match &self.as_of {
                Some(t) => t.resolve("asOf")?,
                None => now(),
            },
            self.segment.clone(),
        );
        if let Some(k) = self.min_rows {
            if k == 0 {
                return bad("minRows", Code::InvalidValue, "minRows must be at least 1".into());
            }
            options.min_rows = k;
        }
        if let Some(v) = self.proxy_threshold {
            if !(v > 0.0 && v < 1.0) {
                return bad(
                    "proxyThreshold",
                    Code::InvalidValue,
                    format!("proxyThreshold must be between 0 and 1 (exclusive), found {v}"),
                );
            }
            options.proxy_threshold = v;
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::Kind;

    fn train(json: &str) -> Result<TrainOptions, (Kind, String, String)> {
        let request: TrainRequest =
            serde_json::from_str(json).map_err(|e| (Kind::Usage, String::new(), e.to_string()))?;
        request.train_options().map_err(|e| (e.kind, e.path, e.reason))
    }

    #[test]
    fn train_options_outside_their_range_are_usage_errors_naming_the_option() {
        for (json, path) in [
            (r#"{"target":"y","bins":1}"#, "bins"),
            (r#"{"target":"y","l2":0}"#, "l2"),
            (r#"{"target":"y","l2":-1}"#, "l2"),
            (r#"{"target":"y","holdoutEvery":1}"#, "holdoutEvery"),
            (r#"{"target":"y","hot":0.5,"warm":0.4}"#, "warm"),
            (r#"{"target":"y","hot":0}"#, "hot"),
            (r#"{"target":"y","id":" "}"#, "id"),
            (r#"{"target":"y","bins":256}"#, "bins"),
            (r#"{"target":"y","bins":200}"#, "bins"),
            (r#"{"target":"y","rounds":0}"#, "rounds"),
            (r#"{"target":"y","interactions":51}"#, "interactions"),
            (r#"{"target":"y","learningRate":0}"#, "learningRate"),
            (r#"{"target":"y","increasing":["y"]}"#, "increasing"),
            (r#"{"target":"y","increasing":["a"],"decreasing":["a"]}"#, "decreasing"),
        ] {
            let e = train(json).err().map(|(kind, p, reason)| (kind, p, reason.contains(path)));
            assert_eq!(e, Some((Kind::Usage, path.to_string(), true)), "{json}");
        }
        assert_eq!(train(r#"{"target":"y","bins":5}"#).map(|o| o.max_bins), Ok(5));
        let boosted =
            train(r#"{"target":"y","trainer":"boosted","bins":200,"interactions":3,"increasing":["visits"]}"#);
        assert_eq!(
            boosted.map(|o| (o.trainer, o.boost_bins, o.boost.interactions, o.monotone)),
            Ok((Trainer::Boosted, 200, 3, vec![("visits".to_string(), 1)]))
        );
        assert!(train(r#"{"target":"y","bns":5}"#).is_err(), "unknown options are refused");
    }

    #[test]
    fn missing_texts_are_read_as_the_model_keeps_them() {
        let request: Result<TrainRequest, _> =
            serde_json::from_str(r#"{"target":"y","missing":[" Select","","select","N/A"]}"#);
        let read = request.map_err(|e| e.to_string()).and_then(|r| r.data().read_options().map_err(|e| e.to_string()));
        assert_eq!(read.map(|r| r.missing), Ok(vec!["select".to_string(), String::new(), "n/a".to_string()]));
        let default: Result<TrainRequest, _> = serde_json::from_str(r#"{"target":"y"}"#);
        let read = default.map_err(|e| e.to_string()).and_then(|r| r.data().read_options().map_err(|e| e.to_string()));
        assert_eq!(read.map(|r| r.missing.len()), Ok(crate::model::DEFAULT_MISSING.len()));
    }

    #[test]
    fn score_options_default_to_now_and_explained_cards() {
        let resolved = ScoreOptions::default().resolve(|| 42);
        assert_eq!(resolved, Ok(ScoreSettings { as_of: 42, as_of_defaulted: true, explain: true }));
        let options: Result<ScoreOptions, _> =
            serde_json::from_str(r#"{"asOf":"2026-01-01T00:00:00Z","explain":false}"#);
        let resolved = options.map_err(|e| e.to_string()).and_then(|o| o.resolve(|| 0).map_err(|e| e.to_string()));
        assert_eq!(resolved, Ok(ScoreSettings { as_of: 1_767_225_600_000, as_of_defaulted: false, explain: false }));
        let bad = ScoreOptions { as_of: Some(TimeInput::Text("soon".into())), explain: None }.resolve(|| 0);
        assert_eq!(bad.map_err(|e| (e.kind, e.code, e.path)), Err((Kind::Usage, Code::BadTimestamp, "asOf".into())));
    }

    #[test]
    fn backtest_options_that_go_together_are_checked_together() {
        let request = |json: &str| serde_json::from_str::<BacktestRequest>(json).map_err(|e| e.to_string());
        let path = |json: &str| request(json).map(|r| r.backtest_options(|| 0).err().map(|e| e.path));
        assert_eq!(path(r#"{"target":"y","periodField":"created"}"#), Ok(Some("splitAt".into())));
        assert_eq!(path(r#"{"target":"y","splitAt":"2026-01-01T00:00:00Z"}"#), Ok(Some("periodField".into())));
        assert_eq!(path(r#"{"target":"y","capacityPerWeekBy":"created"}"#), Ok(Some("capacityPerWeekBy".into())));
        assert_eq!(path(r#"{"target":"y","testEvery":0}"#), Ok(Some("testEvery".into())));
        assert_eq!(path(r#"{"target":"y","separator":";;"}"#).map(|_| ()), Ok(()));
        let sep = request(r#"{"target":"y","separator":";;"}"#).map(|r| r.data().read_options().err().map(|e| e.path));
        assert_eq!(sep, Ok(Some("separator".into())));
    }
    #[test]
    fn audit_options_name_the_segment_option() {
        let request = |json: &str| serde_json::from_str::<AuditRequest>(json).map_err(|e| e.to_string());
        let error = |json: &str| request(json).map(|r| r.audit_options(|| 0).err().map(|e| (e.path, e.reason)));
        let path = |json: &str| error(json).map(|e| e.map(|(p, _)| p));
        assert_eq!(path(r#"{"target":"y"}"#), Ok(Some("segment".into())));
        assert_eq!(path(r#"{"target":"y","segment":["a","a"]}"#), Ok(Some("segment".into())));
        assert_eq!(path(r#"{"target":"y","segment":["y"]}"#), Ok(Some("segment".into())));
        assert_eq!(path(r#"{"target":"y","segment":["a"],"ignore":["a"]}"#), Ok(Some("segment".into())));
        assert_eq!(path(r#"{"target":"y","segment":["a"],"minRows":0}"#), Ok(Some("minRows".into())));
        assert_eq!(path(r#"{"target":"y","segment":["a"],"proxyThreshold":1}"#), Ok(Some("proxyThreshold".into())));
        assert_eq!(path(r#"{"target":"y","segment":["a"],"asOf":"soon"}"#), Ok(Some("asOf".into())));
        let twice = error(r#"{"target":"y","segment":["a","a"]}"#).ok().flatten().map(|(_, r)| r);
        assert_eq!(twice.as_deref(), Some("segment column \"a\" is named twice"));
        assert!(request(r#"{"target":"y","segments":["a"]}"#).is_err(), "unknown options are refused");
        let ok = request(r#"{"target":"y","segment":["a","b"],"minRows":10,"proxyThreshold":0.3}"#)
            .map(|r| r.audit_options(|| 7).map(|o| (o.as_of, o.segments, o.min_rows, o.proxy_threshold)));
        assert_eq!(ok, Ok(Ok((7, vec!["a".to_string(), "b".to_string()], 10, 0.3))));
    }
}
