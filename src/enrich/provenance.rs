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
                        text.push_str(", verified ");
                        text.push_str(date.get(..10).unwrap_or(&date));
                        if let Some(days) = c.age_days {
                            text.push_str(", ");
                            days_old(&mut text, days);
                        }
                    }
                    None => text.push_str(", undated"),
                }
                if let Some(confidence) = c.confidence {
                    text.push_str(", confidence ");
                    text.push_str(&crate::json::number(confidence));
                }
            }
        }
        None => text.push_str(" unknown"),
    }
    for c in merged.candidates.iter().filter(|c| c.status != Status::Chosen) {
        let who = if name(c) == LEAD_SOURCE { "the lead" } else { name(c) };
        text.push_str("; ");
        text.push_str(who);
        text.push_str(" said ");
        text.push_str(&c.value.show());
        if let Some(days) = c.age_days {
            text.push_str(", ");
            days_old(&mut text, days);
        }
        match &c.status {
            Status::Agrees => text.push_str(", agrees"),
            Status::Conflicts => text.push_str(", conflicts"),
            Status::Skipped { reason, .. } => {
                text.push_str(", skipped (");
                text.push_str(reason);
                text.push(')');
            }
            Status::Chosen => {}
        }
    }
    text
}

fn days_old(text: &mut String, days: i64) {
    match days {
        0 => text.push_str("verified today"),
        1 => text.push_str("1 day old"),
        n => {
            text.push_str(&n.to_string());
            text.push_str(" days old");
        }
    }
}
