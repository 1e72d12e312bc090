//! One account of 500 contacts with 15 events each, scored with the default model's account section
//! (roll-up, breadth, buying group, intent, routing, stages): the time for the whole account, from
//! parsed input and from JSON text, beside the peer: the same 500 contacts scored one by one as
//! plain leads (what scoring them without accounts costs). Writes the input to
//! `target/account-500x15.json` for the wasm measure (`bench/js/accounts.mjs`).
//! `cargo bench --bench accounts` (or `make bench-accounts`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use leadscore::account::AccountInput;
use leadscore::{time, Scorer};
use serde_json::{json, Value};
use std::hint::black_box;

const CONTACTS: usize = 500;
const EVENTS: usize = 15;

/// A deterministic account: titles, event types and ages from a small linear congruential sequence.
fn account() -> Value {
    let titles = [
        "CEO",
        "VP Sales",
        "Director of Marketing",
        "Marketing Manager",
        "Head of Finance",
        "Sales Representative",
        "Engineer",
        "Intern",
    ];
    let types = [
        "page_view",
        "email_open",
        "email_click",
        "content_download",
        "webinar_attended",
        "pricing_page_view",
        "demo_request",
    ];
    let as_of = time::parse_rfc3339("2026-11-30T00:00:00Z").unwrap();
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    };
    let contacts: Vec<Value> = (0..CONTACTS)
        .map(|i| {
            let events: Vec<Value> = (0..EVENTS)
                .map(|_| json!({"type": types[next(types.len())], "at": time::format_rfc3339(as_of - (next(120) as i64) * 86_400_000)}))
                .collect();
            json!({"id": format!("c-{i}"), "email": format!("p{i}@northwind.io"), "title": titles[next(titles.len())],
                   "company": {"employees": 850, "industry": "Software"}, "country": "US", "events": events})
        })
        .collect();
    let intent: Vec<Value> = (0..20)
        .map(|i| {
            let topic = ["lead scoring", "crm", "marketing automation"][i % 3];
            let provider = if i % 2 == 0 { "bombora" } else { "g2" };
            json!({"provider": provider, "topic": topic,
                        "score": 40 + (i * 7) % 60, "week": time::format_rfc3339(as_of - (7 + 7 * (i as i64 % 8)) * 86_400_000)})
        })
        .collect();
    json!({"account": {"id": "acc-northwind", "industry": "software", "employees": 850, "country": "US",
                       "events": [{"type": "teammate_invited", "at": "2026-11-25T00:00:00Z"}], "intent": intent},
           "contacts": contacts})
}

fn bench(c: &mut Criterion) {
    let scorer = Scorer::default_model();
    let as_of = time::parse_rfc3339("2026-11-30T00:00:00Z").unwrap();
    let value = account();
    let text = value.to_string();
    let _ = std::fs::create_dir_all("target");
    std::fs::write("target/account-500x15.json", &text).unwrap();
    let input = AccountInput::parse(value.clone(), scorer.model()).unwrap();
    let leads: Vec<_> = input.contacts.clone();
    let result = scorer.score_account(&input, as_of).unwrap();
    println!(
        "one account: {CONTACTS} contacts x {EVENTS} events; account score {}, {} engaged, {} bytes of JSON in",
        result.account.score,
        result.account.contacts.engaged,
        text.len()
    );
    let mut group = c.benchmark_group("account_500_contacts_x_15_events");
    group.sample_size(20);
    group.bench_function("leadscore score_account (parsed input)", |b| {
        b.iter(|| black_box(scorer.score_account(&input, as_of).unwrap().account.score))
    });
    group.bench_function("leadscore score_account_json (JSON text in)", |b| {
        b.iter(|| black_box(scorer.score_account_json(&text, as_of).unwrap().account.score))
    });
    group.bench_function("leadscore score_account_json + to_json (text in, text out)", |b| {
        b.iter(|| black_box(scorer.score_account_json(&text, as_of).unwrap().to_json(true).len()))
    });
    group.bench_function("peer: the 500 contacts scored as plain leads", |b| {
        b.iter(|| black_box(leads.iter().map(|l| scorer.score(l, as_of).unwrap().score).sum::<f64>()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
