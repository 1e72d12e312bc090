//! That rows are read in place where they can be: the integration tests (`tests/arrow.rs`) show
//! the results equal the parsed path's either way; these show which way a batch goes.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

#[path = "../../tests/arrow/json.rs"]
mod json;
#[path = "../../bench/leadgen.rs"]
#[allow(dead_code)]
mod leadgen;

use super::in_place::{InPlace, Missing};
use super::{schema, ArrowOptions};
use crate::model::InputPolicy;
use crate::Scorer;
use serde_json::{json, Value};

/// How many rows of `leads` the default model scores in place, or `None` when the batch is not
/// read in place at all.
fn in_place_rows(leads: &[Value]) -> Option<usize> {
    let scorer = Scorer::default_model();
    let batch = json::batch(leads).unwrap();
    let plan = schema::plan(&batch, &ArrowOptions::new(leadgen::AS_OF)).unwrap();
    let columns = InPlace::bind(&plan, &scorer)?;
    Some((0..batch.num_rows()).filter(|&row| scorer.summarize(&columns.row(row), leadgen::AS_OF).is_some()).count())
}

#[test]
fn generated_leads_are_all_read_in_place() {
    let leads = leadgen::leads(2_000);
    assert_eq!(in_place_rows(&leads), Some(2_000));
}

#[test]
fn upper_case_types_and_text_times_are_read_in_place() {
    let lead = json!({"id": "a", "title": "VP Sales", "events": [
        {"type": "Demo_Request", "at": "2026-11-20T10:00:00+01:00"},
        {"type": "PAGE_VIEW", "at": "2026-11-21", "url": "/Pricing"},
    ]});
    assert_eq!(in_place_rows(&[lead]), Some(1));
}

/// A row the card would warn about is left to the parsed path, which reports it; the other rows
/// of the batch are still read in place.
#[test]
fn a_row_with_a_problem_is_left_to_the_parsed_path() {
    let event = |kind: Value, at: Value| json!({"id": "a", "events": [{"type": kind, "at": at}]});
    let cases = [
        (event(json!("email_open"), json!("2026-11-01")), event(json!("email_open"), json!("yesterday"))),
        (event(json!("email_open"), json!(1)), event(json!(" "), json!(1))),
        (event(json!("email_open"), json!(1)), json!({"id": "b", "events": [{"at": 1}]})),
        (event(json!("email_open"), json!(1)), json!({"id": "b", "events": [null]})),
        (json!({"id": "a"}), json!({"id": "b", "title": true})),
        (json!({"id": "a", "company": {"employees": "500"}}), json!({"id": "b", "company": {"employees": "lots"}})),
    ];
    for (good, bad) in cases {
        assert_eq!(in_place_rows(&[good.clone(), bad.clone()]), Some(1), "{good} {bad}");
    }
}

/// A text over `input.maxStringBytes` anywhere in the batch (even in a column no rule reads), or
/// two columns naming the same field, and the whole batch is parsed: those are decided by a parsed
/// lead's checks.
#[test]
fn a_batch_with_what_only_a_parsed_lead_decides_is_not_read_in_place() {
    let long = "x".repeat(20_000);
    assert_eq!(in_place_rows(&[json!({"id": "a", "notes": long})]), None);
    assert_eq!(in_place_rows(&[json!({"id": "a", "events": [{"type": "x", "at": 1, "u": long}]})]), None);
    assert_eq!(in_place_rows(&[json!({"id": "a", "company": {"size": 5}, "company.size": 6})]), None);
    assert_eq!(in_place_rows(&[json!({"id": "a", "tags": [[1]]})]), None);
}

/// Event types are tabulated once per batch, up to 4,096 distinct ones; a batch with more is parsed
/// (its answers are the same: `tests/arrow.rs` compares both paths on every batch).
#[test]
fn a_batch_of_too_many_event_types_is_parsed() {
    let lead = |types: std::ops::Range<usize>| {
        let events: Vec<Value> = types.map(|t| json!({"type": format!("type_{t}"), "at": 1})).collect();
        json!({"id": "a", "events": events})
    };
    assert_eq!(in_place_rows(&[lead(0..2_000), lead(2_000..4_096)]), Some(2));
    assert_eq!(in_place_rows(&[lead(0..2_000), lead(2_000..4_097)]), None);
}

/// The length shortcut of the missing-text check answers as the policy does: for the default list,
/// a list with a non-ASCII entry (no shortcut), one with a long entry and one with an entry not in
/// lower case, over texts around every entry (other case, padding, a byte more or less, another
/// first letter, non-ASCII look-alikes).
#[test]
fn the_missing_text_shortcut_answers_as_the_policy() {
    let lists: [Vec<String>; 4] = [
        InputPolicy::default().missing,
        vec!["n/a".into(), "não informado".into()],
        vec!["x".repeat(130), "unknown".into()],
        vec!["Unknown".into(), "tbd".into(), "".into()],
    ];
    for missing in lists {
        let policy = InputPolicy { missing: missing.clone(), ..InputPolicy::default() };
        let shortcut = Missing::of(&policy);
        let mut texts: Vec<String> =
            vec!["".into(), " ".into(), "US".into(), "Software".into(), "SaaS".into(), "\u{a0}na\u{a0}".into()];
        for m in &missing {
            texts.extend([
                m.clone(),
                m.to_uppercase(),
                format!(" {m} "),
                format!("{m}\t"),
                format!("{m}x"),
                m.chars().skip(1).collect(),
                m.replace('a', "\u{e1}"),
                m.replace('n', "N"),
                m.replacen(|c: char| c.is_ascii_alphabetic(), "q", 1),
            ]);
        }
        for text in &texts {
            assert_eq!(shortcut.has(text), policy.is_missing(text), "{text:?} against {missing:?}");
        }
        assert!(missing.iter().all(|m| shortcut.has(&m.to_uppercase())), "{missing:?}");
    }
}

/// A column read at once (`Columns::for_each_cell`, which the rules decided a column at a time
/// read) gives each row the value that row's own field read gives: struct members under a null
/// struct, missing texts, blank texts, lists, numbers as text, a sliced batch.
#[test]
fn a_column_read_at_once_gives_each_row_the_value_its_field_read_gives() {
    use super::decided::{Columns, Read};
    use crate::engine::{FieldPath, Fields};
    let scorer = Scorer::default_model();
    let mut leads = leadgen::leads(300);
    leads.extend([
        json!({"id": "no-company", "title": "N/A"}),
        json!({"id": "null-company", "company": null, "title": "  "}),
        json!({"id": "odd", "title": "VP", "company": {
            "industry": " SaaS ", "employees": 250, "country": "n/a", "revenue": 1e7,
            "techStack": [" ", null, "HubSpot"]}}),
        json!({"id": "empty-list", "company": {"industry": "", "techStack": []}}),
    ]);
    let whole = json::batch(&leads).unwrap();
    for batch in [whole.clone(), whole.slice(7, 290), whole.slice(290, 14)] {
        let plan = schema::plan(&batch, &ArrowOptions::new(leadgen::AS_OF)).unwrap();
        let columns = InPlace::bind(&plan, &scorer).unwrap();
        let paths: Vec<&FieldPath> = scorer.column_rules().map(|r| r.path).chain(scorer.title_field()).collect();
        assert!(paths.len() >= 6, "the default model's five attribute rules and its title");
        for path in paths {
            let mut rows = 0;
            columns.for_each_cell(path, batch.num_rows(), |row, read| {
                let value = match read {
                    Read::Text(text) => columns.text_value(text),
                    Read::Value(value) => value,
                };
                let field = format!("{:?}", columns.row(row).field(path));
                assert_eq!(format!("{value:?}"), field, "{} in row {row}", path.full);
                rows += 1;
            });
            assert_eq!(rows, batch.num_rows(), "{}", path.full);
        }
    }
}
