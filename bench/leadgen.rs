//! Deterministic generator of realistic leads for benchmarks: a fixed-seed xorshift, so every run and
//! every language port scores the same 100,000 leads with 0-30 events each.

use serde_json::{json, Value};

/// The `asOf` every benchmark scores at: 2026-11-23T00:00:00Z.
pub const AS_OF: i64 = 1_795_392_000_000;

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const TITLES: &[&str] = &[
    "VP, Sales",
    "Chief Revenue Officer",
    "Sr. Dir. of RevOps",
    "Head of Growth",
    "Marketing Manager",
    "Software Engineer",
    "CEO & Co-founder",
    "Account Executive",
    "Marketing Intern",
    "Director of IT",
    "Product Manager",
    "Student",
    "Operations Analyst",
    "",
];
const DOMAINS: &[&str] =
    &["acme.io", "globex.com", "initech.co", "gmail.com", "yahoo.com", "mailinator.com", "umbrella.net"];
const INDUSTRIES: &[&str] = &["Software", "SaaS", "Retail", "Healthcare", "Financial Services", "Manufacturing"];
const COUNTRIES: &[&str] = &["US", "GB", "DE", "FR", "IN", "BR", "AU"];
const EVENT_TYPES: &[&str] = &[
    "email_open",
    "email_click",
    "page_view",
    "content_download",
    "webinar_attended",
    "demo_request",
    "trial_started",
    "email_unsubscribe",
];
const URLS: &[&str] = &["/pricing", "/blog/lead-scoring", "/docs", "/pricing/enterprise", "/careers"];

/// The `i`-th lead of the standard set.
pub fn lead(rng: &mut Rng, i: usize) -> Value {
    let n_events = rng.below(31) as usize;
    let events: Vec<Value> = (0..n_events)
        .map(|_| {
            let kind = rng.pick(EVENT_TYPES);
            let at = AS_OF - (rng.below(200 * 86_400) as i64) * 1000;
            if kind == "page_view" {
                json!({"type": kind, "at": at, "url": rng.pick(URLS)})
            } else {
                json!({"type": kind, "at": at})
            }
        })
        .collect();
    json!({
        "id": format!("lead-{i}"),
        "email": format!("user{i}@{}", rng.pick(DOMAINS)),
        "title": rng.pick(TITLES),
        "company": {
            "employees": rng.below(5000) + 1,
            "industry": rng.pick(INDUSTRIES),
            "country": rng.pick(COUNTRIES),
            "revenue": rng.below(50_000_000),
        },
        "events": events,
    })
}

/// `n` leads from the standard seed.
pub fn leads(n: usize) -> Vec<Value> {
    let mut rng = Rng::new(0x5eed_1ead);
    (0..n).map(|i| lead(&mut rng, i)).collect()
}
