//! The default model written by hand in plain Rust: the benchmark's peer. It is the ceiling a generic
//! engine is measured against (no model interpretation, no explanations, fields pre-extracted into a
//! struct), and it uses the same signal functions, so both must give identical scores.

use leadscore::model::Signals;
use leadscore::signals::{analyse_email, classify_title, Seniority};
use leadscore::time::{self, DAY_MS};
use serde_json::Value;

pub struct HandLead {
    title: Option<String>,
    email: Option<String>,
    employees: Option<f64>,
    industry: Option<String>,
    country: Option<String>,
    revenue: Option<f64>,
    tech: Vec<String>,
    created_at: Option<i64>,
    events: Vec<(String, i64, Option<String>)>,
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).filter(|s| !s.trim().is_empty()).map(str::to_lowercase)
}

impl HandLead {
    pub fn from_value(v: &Value) -> HandLead {
        let c = v.get("company");
        HandLead {
            title: text(v.get("title")),
            email: v.get("email").and_then(Value::as_str).map(str::to_string),
            employees: c.and_then(|c| c.get("employees")).and_then(Value::as_f64),
            industry: text(c.and_then(|c| c.get("industry"))),
            country: text(c.and_then(|c| c.get("country"))),
            revenue: c.and_then(|c| c.get("revenue")).and_then(Value::as_f64),
            tech: c
                .and_then(|c| c.get("techStack"))
                .and_then(Value::as_array)
                .map_or(Vec::new(), |a| a.iter().filter_map(Value::as_str).map(str::to_lowercase).collect()),
            created_at: v.get("createdAt").and_then(time::from_json),
            events: v.get("events").and_then(Value::as_array).map_or(Vec::new(), |a| {
                a.iter()
                    .filter_map(|e| {
                        let kind = e.get("type")?.as_str()?.to_lowercase();
                        let at = time::from_json(e.get("at")?)?;
                        Some((kind, at, e.get("url").and_then(Value::as_str).map(str::to_string)))
                    })
                    .collect()
            }),
        }
    }
}

const INDUSTRIES: &[&str] = &[
    "software",
    "saas",
    "internet",
    "technology",
    "information technology",
    "it services",
    "fintech",
    "financial services",
];
const COUNTRIES: &[&str] = &[
    "us",
    "ca",
    "gb",
    "ie",
    "de",
    "fr",
    "nl",
    "au",
    "united states",
    "canada",
    "united kingdom",
    "germany",
    "france",
    "netherlands",
    "australia",
];
const CRMS: &[&str] = &["salesforce", "hubspot", "pipedrive", "dynamics 365"];

fn centi(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// Sum of decayed points over matching events, as the default model's event rules define them.
fn events(
    lead: &HandLead,
    as_of: i64,
    kind: &str,
    points: f64,
    within: i64,
    half_life: Option<f64>,
    url: Option<&str>,
) -> (u32, f64, Option<i64>) {
    let (mut n, mut sum, mut latest) = (0, 0.0, None);
    for (k, at, u) in &lead.events {
        if *at > as_of || k != kind || as_of - at > within * DAY_MS {
            continue;
        }
        if let Some(needle) = url {
            if !u.as_deref().is_some_and(|u| u.to_lowercase().contains(needle)) {
                continue;
            }
        }
        n += 1;
        latest = latest.max(Some(*at));
        sum += points * half_life.map_or(1.0, |h| libm::exp2(-((as_of - at) as f64 / DAY_MS as f64) / h));
    }
    (n, sum, latest)
}

/// The default model's score for one lead.
pub fn score(lead: &HandLead, as_of: i64, signals: &Signals) -> f64 {
    let seniority = lead.title.as_deref().map(|t| classify_title(t).0);
    let email = lead.email.as_deref().filter(|e| !e.trim().is_empty()).map(|e| analyse_email(e, signals));
    let mut fit = 0i64;
    match seniority {
        Some(Seniority::CLevel | Seniority::Vp) => fit += 2000,
        Some(Seniority::Director) => fit += 1200,
        Some(Seniority::Manager) => fit += 500,
        _ => {}
    }
    if lead.industry.as_deref().is_some_and(|i| INDUSTRIES.contains(&i)) {
        fit += 1000;
    }
    if lead.employees.is_some_and(|e| (200.0..=1000.0).contains(&e)) {
        fit += 1000;
    }
    if lead.country.as_deref().is_some_and(|c| COUNTRIES.contains(&c)) {
        fit += 500;
    }
    if lead.revenue.is_some_and(|r| r >= 10_000_000.0) {
        fit += 500;
    }
    if lead.tech.iter().any(|t| CRMS.contains(&t.as_str())) {
        fit += 500;
    }
    let mut eng = 0i64;
    let capped = |sum: f64, max: i64| centi(sum).min(max);
    eng += capped(events(lead, as_of, "email_open", 2.0, 90, Some(30.0), None).1, 1000);
    eng += capped(events(lead, as_of, "email_click", 5.0, 90, Some(30.0), None).1, 1500);
    eng += capped(events(lead, as_of, "page_view", 10.0, 30, None, Some("/pricing")).1, 2000);
    eng += capped(events(lead, as_of, "content_download", 8.0, 90, Some(45.0), None).1, 1600);
    eng += capped(events(lead, as_of, "webinar_attended", 12.0, 180, Some(60.0), None).1, 2400);
    if events(lead, as_of, "demo_request", 30.0, 90, None, None).0 > 0 {
        eng += 3000;
    }
    if events(lead, as_of, "trial_started", 20.0, 30, None, None).0 > 0 {
        eng += 2000;
    }
    let mut neg = 0i64;
    if lead.events.iter().any(|(k, at, _)| k == "email_unsubscribe" && *at <= as_of) {
        neg -= 2000;
    }
    let last =
        lead.events.iter().map(|e| e.1).filter(|at| *at <= as_of).max().max(lead.created_at.filter(|c| *c <= as_of));
    if last.is_none_or(|at| as_of - at > 60 * DAY_MS) {
        neg -= 1500;
    }
    if let Some(e) = &email {
        if e.competitor {
            neg -= 3000;
        }
        if e.free {
            neg -= 1000;
        }
        if e.disposable {
            neg -= 2500;
        }
    }
    if seniority == Some(Seniority::Student) {
        neg -= 1000;
    }
    let raw = fit.min(6000) + eng.min(6000) + neg.max(-6000);
    ((raw as f64 / 100.0).round()).clamp(0.0, 100.0)
}
