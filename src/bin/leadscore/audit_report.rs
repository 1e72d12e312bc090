//! A fairness audit as text for a person: a legend, then one aligned table per segment column with
//! flagged and too-small groups marked, direct use of the column said loudly, and its proxies.

use leadscore::evaluate::audit::{AuditReport, GroupAudit, SegmentAudit, Selection};

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// A selection's rate and disparate-impact ratio cells: `!` after a ratio under four fifths, `~`
/// for a group too small to judge, `-` for the overall row.
fn selection_cells(s: Option<&Selection>, too_small: bool) -> (String, String) {
    match s {
        None => ("n/a".into(), "n/a".into()),
        Some(s) => {
            let ratio = match (s.ratio, too_small) {
                (_, true) => "~".to_string(),
                (Some(r), _) => format!("{r:.2}{}", if s.below_four_fifths { "!" } else { " " }),
                (None, _) => "-".to_string(),
            };
            (pct(s.rate), ratio)
        }
    }
}

/// The report, one table per segment column.
pub fn report_text(r: &AuditReport) -> String {
    let header =
        format!("fairness audit of model {} v{} ({}), as of {}", r.model_id, r.model_version, r.fingerprint, r.as_of);
    format!("{header}\n{}", tables_text(r))
}

/// The report without the line naming the model and `asOf`: for `train`, whose report names the
/// model already and scores its rows with no `asOf` (a trained model has no time-dependent rules).
pub fn tables_text(r: &AuditReport) -> String {
    let top = r.top_tier.clone().unwrap_or_else(|| "top tier".into());
    let top_two = if r.top_two_tiers.len() > 1 { r.top_two_tiers.join("+") } else { top.clone() };
    let calibrated = r.overall.mean_probability.is_some();
    let mut out = vec![
        format!("{} leads, {} converted ({})", r.rows, r.conversions, pct(r.conversions as f64 / r.rows.max(1) as f64)),
        format!(
            "selection rates: share of a group's leads in tier {top}, and in the top two tiers ({top_two}); DI = the rate / the best group's"
        ),
        format!(
            "legend: ! DI below {} (the four-fifths rule: adverse impact), ~ fewer than {} leads (too small to judge), pred. = {}",
            r.four_fifths,
            r.min_rows,
            if calibrated { "mean predicted probability, beside conv. (observed)" } else { "mean score (no calibration in the model)" }
        ),
    ];
    for s in &r.segments {
        out.push(String::new());
        out.extend(segment_text(s, r, &top, &top_two, calibrated));
    }
    out.extend(r.notes.iter().map(|n| format!("\nnote: {n}")));
    out.join("\n")
}

fn segment_text(s: &SegmentAudit, r: &AuditReport, top: &str, top_two: &str, calibrated: bool) -> Vec<String> {
    let mut out = vec![format!("segment {} ({} values)", s.column, s.groups.len())];
    if !s.direct_use.is_empty() {
        let rules: Vec<String> = s.direct_use.iter().map(|d| format!("{} ({})", d.rule, d.reason)).collect();
        out.push(format!(
            "  WARNING: the model reads \"{}\" itself: direct use of a sensitive attribute, in {} rule{}: {}",
            s.column,
            rules.len(),
            if rules.len() == 1 { "" } else { "s" },
            rules.join(", ")
        ));
    }
    let width =
        s.groups.iter().map(|g| g.value.chars().count()).chain([9, top.len(), top_two.len()]).max().unwrap_or(9);
    let rate_width = top.len().max(top_two.len()).max(6);
    out.push(format!(
        "    {:<width$} {:>7} {:>7} {:>6} {:>7} {:>rate_width$} {:>5} {:>rate_width$} {:>5}",
        "value", "leads", "conv.", "AUC", "pred.", top, "DI", top_two, "DI"
    ));
    let row = |mark: &str, g: &GroupAudit| {
        let (hot, hot_di) = selection_cells(g.top_tier.as_ref(), g.too_small);
        let (warm, warm_di) = selection_cells(g.top_two_tiers.as_ref(), g.too_small);
        let predicted =
            if calibrated { g.mean_probability.map_or("n/a".into(), pct) } else { format!("{:.1}", g.mean_score) };
        format!(
            "  {mark:1} {:<width$} {:>7} {:>7} {:>6} {:>7} {:>rate_width$} {:>5} {:>rate_width$} {:>5}",
            g.value,
            g.rows,
            pct(g.conversion_rate),
            g.auc.map_or("n/a".into(), |a| format!("{a:.3}")),
            predicted,
            hot,
            hot_di,
            warm,
            warm_di
        )
        .trim_end()
        .to_string()
    };
    for g in &s.groups {
        out.push(row(
            if g.flagged() {
                "!"
            } else if g.too_small {
                "~"
            } else {
                ""
            },
            g,
        ));
    }
    out.push(row("", &r.overall));
    let flagged: Vec<String> = s
        .groups
        .iter()
        .filter(|g| g.flagged())
        .map(|g| {
            let ratio =
                |x: &Option<Selection>| x.as_ref().and_then(|x| x.ratio).map_or("-".into(), |v| format!("{v:.2}"));
            format!("{} ({top} {}, {top_two} {})", g.value, ratio(&g.top_tier), ratio(&g.top_two_tiers))
        })
        .collect();
    out.push(if flagged.is_empty() {
        format!("  four-fifths rule: no value of {} below {}", s.column, r.four_fifths)
    } else {
        format!("  four-fifths rule: {} below {}: {}", flagged.len(), r.four_fifths, flagged.join(", "))
    });
    for g in s.groups.iter().filter(|g| g.auc_note.is_some()) {
        out.push(format!("  AUC n/a for {}: {}", g.value, g.auc_note.as_deref().unwrap_or("")));
    }
    let proxies: Vec<String> = s.proxies().map(|a| format!("{} ({}) V {:.2}", a.rule, a.reason, a.cramers_v)).collect();
    out.push(if proxies.is_empty() {
        format!("  proxies (Cramér's V > {}): none", r.proxy_threshold)
    } else {
        format!("  proxies (Cramér's V > {}): {}", r.proxy_threshold, proxies.join("; "))
    });
    let others: Vec<String> = s
        .associations
        .iter()
        .filter(|a| !a.proxy)
        .take(3)
        .map(|a| format!("{} ({}) {:.2}", a.rule, a.reason, a.cramers_v))
        .collect();
    if !others.is_empty() {
        out.push(format!("  strongest other rules: {}", others.join("; ")));
    }
    out
}
