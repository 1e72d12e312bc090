//! A backtest report as text for a person: headline figures, then tables by tier, grade and
//! decile, calibration, capacity and stability when the report has them.

use leadscore::evaluate::BacktestReport;

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// The report, one table after another.
pub fn report_text(r: &BacktestReport) -> String {
    let mut out = vec![
        format!("model {} v{} ({}), as of {}", r.model_id, r.model_version, r.fingerprint, r.as_of),
        format!("{} leads, {} converted ({})", r.rows, r.conversions, pct(r.base_rate)),
    ];
    let auc = r.auc.map_or("n/a".into(), |a| format!("{a:.4}"));
    out.push(match (r.log_loss, r.brier) {
        (Some(l), Some(b)) => format!("AUC {auc}, log loss {l:.4}, Brier {b:.4}"),
        _ => format!("AUC {auc} (no calibration in the model: no probabilities to check)"),
    });
    out.push("\nby tier          leads  converted   rate   precision recall  F1  (this tier or hotter)".into());
    for t in &r.tiers {
        out.push(format!(
            "  {:<12} {:>7} {:>9} {:>8} {:>9} {:>7} {:>5.2}",
            format!("{} ({}+)", t.name, t.min.unwrap_or(0.0)),
            t.rows,
            t.conversions,
            pct(t.rate),
            pct(t.precision.unwrap_or(0.0)),
            pct(t.recall.unwrap_or(0.0)),
            t.f1.unwrap_or(0.0)
        ));
    }
    if !r.grades.is_empty() {
        out.push("\nby grade         leads  converted   rate".into());
        for g in &r.grades {
            out.push(format!("  {:<12} {:>7} {:>9} {:>8}", g.name, g.rows, g.conversions, pct(g.rate)));
        }
    }
    out.push("\ndecile  leads  converted   rate    lift  cumulative gain".into());
    for d in &r.deciles {
        out.push(format!(
            "  {:>4} {:>7} {:>9} {:>8} {:>6.2}x {:>8}",
            d.decile,
            d.rows,
            d.conversions,
            pct(d.rate),
            d.lift,
            pct(d.cumulative_gain)
        ));
    }
    if !r.calibration.is_empty() {
        out.push("\ncalibration (ten equal bins): predicted -> observed".into());
        for c in &r.calibration {
            out.push(format!("  {:>6} leads: {:>6} -> {:>6}", c.rows, pct(c.predicted), pct(c.observed)));
        }
    }
    if let Some(c) = &r.capacity {
        let per_week = c.weeks.map_or(String::new(), |w| format!(" ({w:.1} weeks at the weekly capacity)"));
        out.push(format!(
            "\ncapacity {} leads{per_week}: score threshold {}, {} conversions caught ({} of all), {} converted",
            c.leads,
            c.threshold,
            c.conversions,
            pct(c.share_of_conversions),
            pct(c.rate)
        ));
    }
    if let Some(s) = &r.stability {
        out.push(format!(
            "\nstability by {} at {}: {} before, {} after, {} undated; PSI {} ({})",
            s.field,
            s.split_at,
            s.before,
            s.after,
            s.undated,
            s.psi.map_or("n/a".into(), |p| format!("{p:.4}")),
            s.reading
        ));
    }
    out.push("\nfield the model reads      rows with it   rules".into());
    for f in &r.coverage.fields {
        out.push(format!("  {:<24} {:>8}   {}", f.field, pct(f.share), f.read_by.join(", ")));
    }
    if let Some(e) = &r.coverage.events {
        out.push(format!("  {:<24} {:>8}   {} event rules", "(events)", pct(e.share), e.read_by.len()));
    }
    out.join("\n")
}
