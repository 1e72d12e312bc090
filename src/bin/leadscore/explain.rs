//! `explain`: leads in plain words. The input is one JSON text with one lead (pretty-printed or
//! not) or several (JSON Lines, or objects one after another): serde_json's stream reader finds
//! where each lead starts and ends, so a refused lead is named by the line it starts on, the rest
//! are still explained, and a syntax error is named by its line and column in the file.

use crate::args::ExplainArgs;
use crate::files::{load_scorer, name, now, read_text};
use crate::output::stdout_failed;
use crate::Exit;
use leadscore::api::{self, Error, Kind};
use leadscore::model::Scale;
use leadscore::{time, ScoreCard};
use serde::de::IgnoredAny;
use std::io::Write;

/// Runs `explain`: exit 1 when a lead was refused.
pub fn run(args: &ExplainArgs) -> Result<(), Exit> {
    let as_of = args.options().resolve(now)?.as_of;
    let scorer = load_scorer(&args.model)?;
    let file = name(&args.leads);
    let text = read_text(&args.leads, Kind::Lead)?;
    let text = api::strip_bom(&text);
    let mut out = std::io::stdout().lock();
    let model = scorer.model();
    let mut header = Some(format!(
        "model {} v{} ({}), as of {}",
        model.id,
        model.version,
        scorer.fingerprint(),
        time::format_rfc3339(as_of)
    ));
    let (mut leads, mut refused, mut line, mut counted) = (0, 0, 1, 0);
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<IgnoredAny>();
    loop {
        let start = stream.byte_offset();
        match stream.next() {
            None => break,
            Some(Err(e)) => return Err(Exit::new(Kind::Lead, format!("{file}:{}: not valid JSON: {e}", e.line()))),
            Some(Ok(_)) => {}
        }
        let lead = text.get(start..stream.byte_offset()).unwrap_or("").trim_start();
        let lead_start = stream.byte_offset() - lead.len();
        line += text.get(counted..lead_start).map_or(0, |t| t.matches('\n').count());
        counted = lead_start;
        leads += 1;
        match scorer.score_json(lead, as_of) {
            Ok(card) => {
                // The model and the time once, above the first lead explained.
                if let Some(header) = header.take() {
                    writeln!(out, "{header}").map_err(stdout_failed)?;
                }
                writeln!(out, "\n{}", explained(&card, line, &model.scale)).map_err(stdout_failed)?;
            }
            Err(e) => {
                refused += 1;
                let _ = writeln!(std::io::stderr(), "{}", Exit::in_file(&file, Error::from(e).at_line(line)).message);
            }
        }
    }
    out.flush().map_err(stdout_failed)?;
    match (leads, refused) {
        (0, _) => Err(Exit::new(Kind::Lead, format!("{file}: no lead to explain"))),
        (_, 0) => Ok(()),
        (n, r) => Err(Exit::new(Kind::Lead, format!("{r} of {n} leads refused"))),
    }
}

/// A card in plain words: the lead, its score and tier, every contribution, how the points became
/// the score when they differ (capped, floored, mapped, rounded), every warning.
fn explained(card: &ScoreCard<'_>, line: usize, scale: &Scale) -> String {
    let id =
        card.lead_id.as_ref().map_or(String::new(), |v| v.as_str().map_or_else(|| v.to_string(), str::to_string) + " ");
    let tier = card.tier.as_ref().map_or("no tier".to_string(), |t| match t.action {
        Some(action) => format!("{} -> {action}", t.name),
        None => t.name.to_string(),
    });
    let label = card.label.map_or(String::new(), |l| format!(", label {l}"));
    let mut lines = vec![format!("lead {id}(line {line}): score {} ({tier}){label}", card.score)];
    if let Some(p) = card.probability {
        lines.push(format!("  probability of converting: {:.1}%", p * 100.0));
    }
    if let Some(q) = &card.quality {
        let mut gaps = Vec::new();
        for (what, fields) in [("missing", &q.missing), ("stale", &q.stale), ("conflicting", &q.conflicting)] {
            if !fields.is_empty() {
                gaps.push(format!("{what}: {}", fields.join(", ")));
            }
        }
        let gaps = if gaps.is_empty() { String::new() } else { format!(" ({})", gaps.join("; ")) };
        let gate = if q.gated { "; too little to judge fit: grade unknown" } else { "" };
        lines.push(format!("  data: {}% of what fit needs is known{gaps}{gate}", (q.completeness * 100.0).round()));
    }
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
        lines.push(format!("  {:>8}  {}{detail}  [{}]", format!("{:+}", c.points), c.reason, c.group));
        for source in &c.provenance {
            lines.push(format!("            ({source})"));
        }
    }
    if let Some(total) = total_line(card, scale) {
        lines.push(total);
    }
    for w in &card.warnings {
        let at = if w.path.is_empty() { String::new() } else { format!("{}: ", w.path) };
        lines.push(format!("  warning: {at}{}", w.message));
    }
    lines.join("\n")
}

/// How the points became the score, when the two differ: `= 114.65 points, capped at 100 (the
/// scale's maximum)`, so the reasons above visibly add up to what is shown.
fn total_line(card: &ScoreCard<'_>, scale: &Scale) -> Option<String> {
    if card.raw == card.score {
        return None;
    }
    let how = match scale.raw {
        Some([lo, hi]) => format!("mapped from {lo} to {hi} points onto {} to {}", scale.min, scale.max),
        None if card.raw > scale.max => format!("capped at {} (the scale's maximum)", scale.max),
        None if card.raw < scale.min => format!("floored at {} (the scale's minimum)", scale.min),
        None => format!("rounded to {} decimals", scale.decimals),
    };
    Some(format!("  {:>8}  {} points in all, {how}: score {}", "=", card.raw, card.score))
}
