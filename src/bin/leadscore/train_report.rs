//! A training report as text for a person, after `train` has written the model.

use leadscore::predict::train::{Quality, TrainReport};

/// What training did, in a few lines: notes, fit on the training rows and the holdout, the
/// strongest rules, and the audit of the sensitive columns when there are any.
pub fn report_text(r: &TrainReport, seconds: f64) -> String {
    let mut lines: Vec<String> = r.notes.iter().map(|n| format!("note: {n}")).collect();
    lines.extend(r.warnings.iter().map(|w| format!("warning: {w}")));
    let used = r.rules.iter().filter(|x| x.points != 0.0).count();
    if let Some(s) = &r.selection {
        let auc = |a: Option<f64>| a.map_or("n/a".into(), |a| format!("{a:.4}"));
        lines.push(if s.rows == 0 {
            "trainer: logistic (too few rows to hold a validation split out)".to_string()
        } else {
            format!(
                "trainer: {} (validation split of {} training rows: AUC logistic {}, boosted {})",
                s.chosen,
                s.rows,
                auc(s.logistic_auc),
                auc(s.boosted_auc)
            )
        });
    }
    let how = if r.trainer == "boosted" {
        let pairs = if r.interactions.is_empty() {
            String::new()
        } else {
            format!(", {} interactions ({})", r.interactions.len(), r.interactions.join(", "))
        };
        format!("boosted additive, {} rounds per bagged model{pairs}", r.iterations)
    } else {
        format!("logistic, {} Newton iterations", r.iterations)
    };
    lines.push(format!(
        "trained in {seconds:.2} s: {} columns, {} rules with points ({} at 0 points, the reference, left out), {how}",
        r.columns.len(),
        used,
        r.rules.len() - used,
    ));
    lines.push(quality("train", &r.train));
    lines.extend(r.holdout.as_ref().map(|h| quality("holdout", h)));
    if let Some(b) = &r.base {
        lines.push(format!("base model alone beside base + learned rules, on the {} rows:", b.rows));
        lines.push(quality("base", &b.base));
        lines.push(quality("combined", &b.combined));
    }
    let mut strongest: Vec<_> = r.rules.iter().filter(|x| x.points != 0.0).collect();
    strongest.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    lines.push("strongest rules:".to_string());
    for x in strongest.iter().take(10) {
        let points = format!("{:+}", x.points);
        lines.push(format!("  {points:>7}  {} ({} rows, {:.1}% converted)", x.reason, x.rows, 100.0 * x.rate));
    }
    if let Some(s) = &r.sensitive {
        lines.push(format!(
            "\nsensitive: {} (never an input); the model audited against {} on the {} rows:",
            s.audit.segments.iter().map(|x| x.column.as_str()).collect::<Vec<_>>().join(", "),
            if s.audit.segments.len() == 1 { "it" } else { "them" },
            s.rows
        ));
        lines.push(crate::audit_report::tables_text(&s.audit));
    }
    lines.join("\n")
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
    ) + if q.reliable { "" } else { " (unreliable: too few rows or conversions)" }
}
