//! Where a merged value came from, in words: the text a contribution that read the field carries.
//!
//! `company.employees 340 from zoominfo, verified 2026-02-01, 302 days old; clearbit said 201-500,
//! 430 days old, skipped (older than 365 days)`.

use super::merge::{Candidate, Merged, Status};
use super::types::LEAD_SOURCE;
use crate::time::format_rfc3339;

/// The provenance of one merged field; `sources` are the section's source names by index.
pub fn describe(field: &str, merged: &Merged, sources: &[Box<str>]) -> String {
    let name = |c: &Candidate| sources.get(c.source).map_or("?", |s| &**s);
    let mut text = String::from(field);
    match merged.chosen.and_then(|i| merged.candidates.get(i)) {
        Some(c) => {
            text.push(' ');
            text.push_str(&c.value.show());
            if name(c) == LEAD_SOURCE {
                text.push_str(" from the lead");
            } else {
                text.push_str(" from ");
                text.push_str(name(c));
                match c.verified_at {
                    Some(at) => {
                        let date = format_rfc3339(at);
                        text.push_str(&format!(", verified {}", date.get(..10).unwrap_or(&date)));
                        if let Some(days) = c.age_days {
                            text.push_str(&format!(", {}", days_old(days)));
                        }
                    }
                    None => text.push_str(", undated"),
                }
                if let Some(confidence) = c.confidence {
                    text.push_str(&format!(", confidence {confidence}"));
                }
            }
        }
        None => text.push_str(" unknown"),
    }
    for c in merged.candidates.iter().filter(|c| c.status != Status::Chosen) {
        let who = if name(c) == LEAD_SOURCE { "the lead" } else { name(c) };
        text.push_str(&format!("; {who} said {}", c.value.show()));
        if let Some(days) = c.age_days {
            text.push_str(&format!(", {}", days_old(days)));
        }
        match &c.status {
            Status::Agrees => text.push_str(", agrees"),
            Status::Conflicts => text.push_str(", conflicts"),
            Status::Skipped(reason) => text.push_str(&format!(", skipped ({reason})")),
            Status::Chosen => {}
        }
    }
    text
}

fn days_old(days: i64) -> String {
    match days {
        0 => "verified today".into(),
        1 => "1 day old".into(),
        n => format!("{n} days old"),
    }
}
