//! The boosted trainer end to end through the library: readable rules (one rule for a two-level
//! column, "another value" naming its levels, whole numbers and zero as people write them, the
//! columns sidecar's words), monotone columns, the same bytes on a second run, the default
//! trainer's choice, and honest warnings on small samples.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use leadscore::predict::{read_csv, train, ColumnDoc, ReadOptions, TrainOptions, Trainer};
use leadscore::{Model, Scorer};
use serde_json::Value;

/// A funnel of `n` rows: visits (0-30, whole numbers) raise conversion, a yes/no `trial` column,
/// a `plan` with two common levels and three rare ones, and `region` interacting with `plan`.
fn funnel(n: u32) -> String {
    let mut s = String::from("visits,trial,plan,region,converted\n");
    for i in 0..n {
        let visits = (i * 7) % 31;
        let trial = if i % 3 == 0 { "yes" } else { "no" };
        let plan = match i % 200 {
            0 => "legacy",
            1 => "partner",
            2 => "edu",
            k if k % 2 == 0 => "free",
            _ => "pro",
        };
        let region = if (i / 5) % 2 == 0 { "eu" } else { "us" };
        let mut p = 0.03 + 0.01 * f64::from(visits) + if trial == "yes" { 0.15 } else { 0.0 };
        if plan == "pro" && region == "us" {
            p += 0.2;
        }
        let draw = f64::from(i.wrapping_mul(2_654_435_761) >> 8) / f64::from(1u32 << 24);
        s.push_str(&format!("{visits},{trial},{plan},{region},{}\n", if draw < p { "yes" } else { "no" }));
    }
    s
}

fn rules(model: &Value) -> Vec<(String, f64, Value)> {
    model["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["reason"].as_str().unwrap().to_string(), r["points"].as_f64().unwrap(), r["when"].clone()))
        .collect()
}

fn boosted() -> TrainOptions {
    TrainOptions { trainer: Trainer::Boosted, holdout_every: Some(5), ..TrainOptions::default() }
}

#[test]
fn boosted_rules_read_as_a_marketer_would_write_them() {
    let data = read_csv(&funnel(6000), &ReadOptions::new("converted")).unwrap();
    let t = train(&data, &boosted()).unwrap();
    assert_eq!(t.report.trainer, "boosted");
    let model = Model::from_value(&t.model).unwrap();
    let r = rules(&t.model);
    // A two-level column: one rule (the other level is the reference at 0 points).
    let mains: Vec<&(String, f64, Value)> = r.iter().filter(|x| x.2.get("all").is_none()).collect();
    let trial: Vec<&&(String, f64, Value)> = mains.iter().filter(|x| x.0.starts_with("trial ")).collect();
    assert_eq!(trial.len(), 1, "{trial:?}");
    assert_eq!(trial[0].0, "trial is yes");
    assert!(trial[0].1 > 10.0, "{trial:?}");
    // Whole numbers: no "below 1", no "3.0".
    let visits: Vec<&str> = mains.iter().filter(|x| x.0.starts_with("visits")).map(|x| x.0.as_str()).collect();
    assert!(!visits.is_empty());
    assert!(visits.iter().all(|v| !v.contains(".0") && !v.contains("below")), "{visits:?}");
    // Rare plan levels are grouped and named wherever "another value" appears.
    let every: Vec<&str> = t.report.rules.iter().map(|x| x.reason.as_str()).collect();
    let other: Vec<&&str> = every.iter().filter(|x| x.contains("another value")).collect();
    assert!(!other.is_empty(), "{every:?}");
    // ("legacy" rows are all held out: index a multiple of 200, so of 5.)
    assert!(other.iter().all(|x| x.contains("another value (edu or partner)")), "{other:?}");
    // It ranks on the holdout, and the interaction of plan and region is among the pairs.
    let auc = t.report.holdout.as_ref().unwrap().auc.unwrap();
    assert!(auc > 0.65, "holdout AUC {auc} (a model that learned nothing: 0.5)");
    assert!(t.report.interactions.iter().any(|p| p == "plan x region"), "{:?}", t.report.interactions);
    assert!(r.iter().any(|x| x.2.get("all").is_some()), "pair cells are `all` rules");
    // Deterministic: the same bytes again.
    let again = train(&data, &boosted()).unwrap();
    assert_eq!(leadscore::json::to_string(&again.model).unwrap(), leadscore::json::to_string(&t.model).unwrap());
    // The model's probability is calibrated on the training rows.
    let scorer = Scorer::new(model);
    let mean: f64 = (0..data.len())
        .filter(|i| i % 5 != 0)
        .map(|i| scorer.score_value(data.lead(i), 0).unwrap().probability.unwrap())
        .sum::<f64>()
        / t.report.train.rows as f64;
    let observed = t.report.train.conversions as f64 / t.report.train.rows as f64;
    assert!((mean - observed).abs() < 0.01, "{mean} vs {observed}");
}

#[test]
fn a_monotone_column_never_loses_points_as_it_rises() {
    let data = read_csv(&funnel(6000), &ReadOptions::new("converted")).unwrap();
    let options = TrainOptions { monotone: vec![("visits".into(), 1)], ..boosted() };
    let t = train(&data, &options).unwrap();
    // Every visits bin's points, in the bins' order (the reference bin has 0 and no rule).
    let column = t.report.columns.iter().find(|c| c.name == "visits").unwrap();
    let scorer = Scorer::new(Model::from_value(&t.model).unwrap());
    let points_at = |v: f64| -> f64 {
        let card = scorer.score_value(serde_json::json!({ "visits": v }), 0).unwrap();
        card.contributions.iter().filter(|c| c.rule.starts_with("visits-")).map(|c| c.points).sum()
    };
    let values: Vec<f64> = (0..=30).map(f64::from).collect();
    let points: Vec<f64> = values.iter().map(|&v| points_at(v)).collect();
    assert!(points.windows(2).all(|w| w[0] <= w[1]), "{points:?}");
    assert!(points[30] > points[0], "{points:?}");
    assert!(column.bins.len() > 3);
}

#[test]
fn the_default_trainer_says_which_it_picked_and_why() {
    let data = read_csv(&funnel(6000), &ReadOptions::new("converted")).unwrap();
    let t = train(&data, &TrainOptions { holdout_every: Some(5), ..TrainOptions::default() }).unwrap();
    let s = t.report.selection.as_ref().unwrap();
    assert_eq!(s.rows, 960, "every fifth of the 4,800 training rows");
    let (l, b) = (s.logistic_auc.unwrap(), s.boosted_auc.unwrap());
    assert_eq!(s.chosen, if b > l { "boosted" } else { "logistic" });
    assert_eq!(t.report.trainer, s.chosen);
}

#[test]
fn column_descriptions_and_units_are_used_in_reasons() {
    let data = read_csv(&funnel(6000), &ReadOptions::new("converted")).unwrap();
    let doc = ColumnDoc { description: Some("Visits to the site".into()), unit: Some("visits".into()) };
    let options = TrainOptions { columns: [("visits".to_string(), doc)].into_iter().collect(), ..boosted() };
    let t = train(&data, &options).unwrap();
    let r = rules(&t.model);
    let visits: Vec<&str> = r
        .iter()
        .map(|x| x.0.as_str())
        .filter(|x| x.starts_with("Visits to the site") && !x.contains(", and"))
        .collect();
    assert!(visits.len() > 3 && visits.iter().all(|v| v.ends_with(" visits")), "{visits:?}");
    assert!(visits.contains(&"Visits to the site is 0 visits"), "{visits:?}");
    // Pair cells never name an "another value" no training row had.
    assert!(r.iter().all(|x| !x.0.contains("none in training")), "{r:?}");
}

#[test]
fn small_samples_warn_and_mark_the_holdout_unreliable() {
    let data = read_csv(&funnel(400), &ReadOptions::new("converted")).unwrap();
    for trainer in [Trainer::Logistic, Trainer::Boosted, Trainer::Auto] {
        let t = train(&data, &TrainOptions { trainer, ..boosted() }).unwrap();
        assert!(
            t.report.warnings.iter().any(|w| w.starts_with("few rows to learn from: 320 training rows")),
            "{:?}",
            t.report.warnings
        );
        let h = t.report.holdout.as_ref().unwrap();
        assert!(!h.reliable);
        assert!(
            t.report.warnings.iter().any(|w| w.starts_with("holdout figures unreliable: 80 rows")),
            "{:?}",
            t.report.warnings
        );
    }
    // Enough rows: no warning, reliable figures.
    let big = read_csv(&funnel(6000), &ReadOptions::new("converted")).unwrap();
    let t = train(&big, &TrainOptions { trainer: Trainer::Logistic, ..boosted() }).unwrap();
    assert!(t.report.warnings.is_empty() && t.report.holdout.unwrap().reliable, "{:?}", t.report.warnings);
}

#[test]
fn hybrid_training_keeps_the_base_and_reports_what_the_learned_rules_add() {
    let data = read_csv(&funnel(6000), &ReadOptions::new("converted")).unwrap();
    let base = serde_json::json!({
        "schema": "leadscore/v1", "id": "sales-rules", "version": "3",
        "groups": { "fit": { "max": 40 } },
        "rules": [{ "id": "trial", "group": "fit", "points": 25, "reason": "On a trial", "when": { "field": "trial", "eq": "yes" } }],
        "tiers": [{ "name": "hot", "min": 50, "action": "call" }, { "name": "cold", "min": 0, "action": "nurture" }],
    });
    let t = train(&data, &TrainOptions { base: Some(base.clone()), ..boosted() }).unwrap();
    let m = &t.model;
    // The base's rule, group, tiers and id are kept as they were; learned rules follow in `learned`.
    assert_eq!(m["rules"][0], base["rules"][0]);
    assert_eq!(
        (m["id"].as_str(), m["tiers"].clone(), m["groups"]["fit"].clone()),
        (Some("sales-rules"), base["tiers"].clone(), base["groups"]["fit"].clone())
    );
    let learned = m["rules"].as_array().unwrap().iter().skip(1);
    assert!(
        learned.clone().count() > 3
            && learned.clone().all(|r| r["group"] == "learned" && r["id"].as_str().unwrap().starts_with("learned-"))
    );
    // The visits the base ignores are learned; the comparison is on the holdout.
    assert!(m["rules"].as_array().unwrap().iter().any(|r| r["when"]["field"] == "visits"));
    let cmp = t.report.base.as_ref().unwrap();
    assert_eq!((cmp.rows, cmp.base.rows), ("holdout", 1200));
    assert!(cmp.combined.auc.unwrap() > cmp.base.auc.unwrap() + 0.05, "{cmp:?}");
    assert!(cmp.combined.log_loss < cmp.base.log_loss, "{cmp:?}");
    assert_eq!(&cmp.combined, t.report.holdout.as_ref().unwrap());
    Model::from_value(m).unwrap();
    // The logistic trainer cannot learn around a base; a broken base is refused with its problem.
    let e = train(&data, &TrainOptions { base: Some(base), trainer: Trainer::Logistic, ..boosted() }).unwrap_err();
    assert!(e.message.contains("boosted"), "{e}");
    let broken = serde_json::json!({ "schema": "leadscore/v1", "id": "x", "version": "1", "rules": [{ "id": "a" }] });
    let e = train(&data, &TrainOptions { base: Some(broken), ..boosted() }).unwrap_err();
    assert!(e.message.starts_with("the base model does not validate"), "{e}");
}
