//! The Arrow batch reader (feature `arrow`) gives the JSON path's cards and errors exactly: over the
//! conformance vectors, 10,000 generated leads, and every Arrow type a lead field or an event's `at`
//! may have; a schema it cannot read is one typed error before any row.
#![cfg(feature = "arrow")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

#[path = "arrow/json.rs"]
mod json;
#[path = "../bench/leadgen.rs"]
mod leadgen;

use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{
    Array, ArrayRef, BinaryArray, Date32Array, Decimal128Array, Float32Array, Int64Array, LargeStringArray, ListArray,
    RecordBatch, StringArray, StringViewArray, StructArray, TimestampMicrosecondArray, TimestampNanosecondArray,
    TimestampSecondArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, Fields};
use leadscore::arrow::{score_batch, ArrowOptions, BatchError};
use leadscore::{time, Model, Scorer};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

const AS_OF: i64 = leadgen::AS_OF;

/// Each row of a results batch as the JSON path would give it: the card's text (explain on), or
/// `{"error": ...}`.
fn rows(results: &RecordBatch) -> Vec<String> {
    let card = results.column_by_name("card").unwrap().as_string::<i32>();
    let error = results.column_by_name("error").unwrap().as_string::<i32>();
    (0..results.num_rows())
        .map(|i| match (card.is_valid(i), error.is_valid(i)) {
            (true, false) => card.value(i).to_string(),
            (false, true) => format!("{{\"error\":{}}}", error.value(i)),
            other => panic!("row {i}: card and error {other:?}"),
        })
        .collect()
}

/// A results batch's columns but the explanation, row by row, as text.
fn verdicts(results: &RecordBatch) -> Vec<String> {
    let names = ["id", "score", "raw", "tier", "grade", "label", "probability", "fingerprint", "warnings", "error"];
    let columns: Vec<_> = names.iter().map(|n| results.column_by_name(n).unwrap()).collect();
    (0..results.num_rows())
        .map(|i| {
            let cells: Vec<String> = columns.iter().map(|c| format!("{:?}", c.slice(i, 1))).collect();
            cells.join(" | ")
        })
        .collect()
}

/// The rows of `batch` scored with the explanation (see [`rows`]), after checking that without it
/// (read in place where it can be) every other column is the same.
fn both(scorer: &Scorer, batch: &RecordBatch, as_of: i64) -> Result<Vec<String>, BatchError> {
    let explained = score_batch(scorer, batch, &explained(as_of))?;
    let plain = score_batch(scorer, batch, &ArrowOptions::new(as_of))?;
    assert_eq!(verdicts(&plain), verdicts(&explained), "explain off gives the same verdicts");
    Ok(rows(&explained))
}

/// What the JSON path gives for the same lead, in the form [`rows`] writes.
fn json_path(scorer: &Scorer, lead: &Value, as_of: i64) -> String {
    match scorer.score_value(lead.clone(), as_of) {
        Ok(card) => card.to_json(),
        Err(e) => format!("{{\"error\":{}}}", leadscore::json::to_string(&e).unwrap()),
    }
}

fn explained(as_of: i64) -> ArrowOptions {
    ArrowOptions { explain: true, ..ArrowOptions::new(as_of) }
}

#[test]
fn conformance_vectors_score_the_same_from_arrow() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (mut compared, mut not_tabular, mut failures) = (0, Vec::new(), Vec::new());
    for file in files.iter().filter(|p| p.extension().is_some_and(|x| x == "json")) {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let name = format!("{}:{}", file.file_name().unwrap().to_string_lossy(), case["name"]);
            let model = match case.get("model").or(doc.get("model")).unwrap() {
                Value::String(s) if s == "default" => Ok(Model::default_model()),
                other => Model::from_value(other),
            };
            let (Ok(model), Some(lead)) = (model, case.get("lead").filter(|l| l.is_object())) else { continue };
            let scorer = Scorer::new(model);
            let as_of = time::from_json(&case["asOf"]).unwrap();
            let lead = json::strip_nulls(lead);
            // Leads whose members change type from row to row, or whose events are not a list of
            // objects, have no Arrow schema; the schema tests below cover the second kind.
            let Some(batch) = json::batch(std::slice::from_ref(&lead)) else {
                not_tabular.push(name);
                continue;
            };
            let results = match both(&scorer, &batch, as_of) {
                Ok(r) => r,
                Err(BatchError::EventsNotAList { .. }) => {
                    not_tabular.push(name);
                    continue;
                }
                Err(e) => panic!("{name}: {e}"),
            };
            compared += 1;
            let (arrow, expected) = (results[0].clone(), json_path(&scorer, &lead, as_of));
            if arrow != expected {
                failures.push(format!("{name}\n  arrow {arrow}\n  json  {expected}"));
            }
        }
    }
    println!("{compared} vector leads compared; not tabular: {not_tabular:?}");
    assert!(failures.is_empty(), "{} of {compared} differ:\n{}", failures.len(), failures.join("\n"));
    assert!(compared >= 150, "only {compared} vector leads could be compared");
}

#[test]
fn ten_thousand_generated_leads_score_the_same_from_arrow() {
    let scorer = Scorer::default_model();
    let leads = leadgen::leads(10_000);
    let batch = json::batch(&leads).unwrap();
    let explained_rows = both(&scorer, &batch, AS_OF).unwrap();
    let plain = score_batch(&scorer, &batch, &ArrowOptions::new(AS_OF)).unwrap();
    let score = plain.column_by_name("score").unwrap().as_primitive::<Float64Type>();
    let tier = plain.column_by_name("tier").unwrap().as_string::<i32>();
    let label = plain.column_by_name("label").unwrap().as_string::<i32>();
    let id = plain.column_by_name("id").unwrap().as_string::<i32>();
    assert_eq!(plain.column_by_name("card").unwrap().null_count(), leads.len(), "explain off writes no cards");
    let mut tiers = std::collections::BTreeSet::new();
    for (i, lead) in leads.iter().enumerate() {
        let card = scorer.score_value(lead.clone(), AS_OF).unwrap();
        assert_eq!(explained_rows[i], card.to_json(), "lead {i}");
        assert_eq!(score.value(i), card.score, "lead {i}");
        assert_eq!(tier.is_valid(i).then(|| tier.value(i)), card.tier.as_ref().map(|t| t.name), "lead {i}");
        assert_eq!(label.is_valid(i).then(|| label.value(i)), card.label, "lead {i}");
        assert_eq!(Some(id.value(i)), lead["id"].as_str());
        tiers.insert(tier.value(i).to_string());
    }
    assert_eq!(tiers.len(), 3, "the leads reach every tier: {tiers:?}");
}

/// A batch from named columns.
fn batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
    RecordBatch::try_from_iter(columns).unwrap()
}

fn ids(n: usize) -> ArrayRef {
    Arc::new(StringArray::from((0..n).map(|i| format!("l{i}")).collect::<Vec<_>>()))
}

/// A list column of one struct per row (or none for `None`), from `members`.
fn events_column(members: Vec<(&str, ArrayRef)>, per_row: &[usize], valid: Option<Vec<bool>>) -> ArrayRef {
    let fields: Vec<Field> = members.iter().map(|(n, a)| Field::new(*n, a.data_type().clone(), true)).collect();
    let structs =
        StructArray::try_new(Fields::from(fields), members.into_iter().map(|(_, a)| a).collect(), None).unwrap();
    let item = Arc::new(Field::new("item", structs.data_type().clone(), true));
    Arc::new(
        ListArray::try_new(
            item,
            OffsetBuffer::from_lengths(per_row.iter().copied()),
            Arc::new(structs),
            valid.map(NullBuffer::from),
        )
        .unwrap(),
    )
}

/// The demo request of the default model's hot lead, at one instant written four ways: a timestamp
/// in seconds with a zone, in microseconds, in nanoseconds, epoch milliseconds and RFC 3339 text.
#[test]
fn an_events_time_reads_the_same_in_every_unit_and_zone() {
    let scorer = Scorer::default_model();
    let at_ms: i64 = 1_795_258_000_123; // 2026-11-21T09:26:40.123Z
    let lead = json!({"id": "l0", "title": "VP, Sales", "events": [{"type": "demo_request", "at": at_ms}]});
    let expected = json_path(&scorer, &lead, AS_OF);
    assert!(expected.contains("\"demo"), "the event counts: {expected}");
    let ats: Vec<ArrayRef> = vec![
        Arc::new(TimestampSecondArray::from(vec![at_ms / 1000]).with_timezone("America/New_York")),
        Arc::new(TimestampMicrosecondArray::from(vec![at_ms * 1000 + 999]).with_timezone("+05:30")),
        Arc::new(TimestampNanosecondArray::from(vec![at_ms * 1_000_000 + 999_999])),
        Arc::new(Int64Array::from(vec![at_ms])),
        Arc::new(StringArray::from(vec!["2026-11-21T04:26:40.123-05:00"])),
    ];
    for (n, at) in ats.into_iter().enumerate() {
        // Whole seconds: the JSON lead it equals has the event at the second.
        let expected = if n == 0 {
            json_path(
                &scorer,
                &json!({"id": "l0", "title": "VP, Sales", "events": [{"type": "demo_request", "at": at_ms / 1000 * 1000}]}),
                AS_OF,
            )
        } else {
            expected.clone()
        };
        let events =
            events_column(vec![("type", Arc::new(StringArray::from(vec!["demo_request"]))), ("at", at)], &[1], None);
        let b = batch(vec![
            ("id", ids(1)),
            ("title", Arc::new(LargeStringArray::from(vec!["VP, Sales"]))),
            ("events", events),
        ]);
        assert_eq!(both(&scorer, &b, AS_OF).unwrap(), vec![expected], "at #{n}");
    }
}

/// Nulls are missing values everywhere: a null field, a null events list, an empty one, an event
/// with a null `type` or `at` (warned about and skipped as in JSON), a null event.
#[test]
fn nulls_are_missing_values_with_the_json_paths_warnings() {
    let scorer = Scorer::default_model();
    let n = 5;
    let title: ArrayRef = Arc::new(StringViewArray::from(vec![None, Some("CEO"), Some("N/A"), None, Some("VP Sales")]));
    let kinds = StringArray::from(vec![None, Some("demo_request"), Some("page_view"), Some("email_open")]);
    let ats = Int64Array::from(vec![Some(AS_OF - 1000), None, Some(AS_OF - 5000), Some(AS_OF - 9000)]);
    let fields = Fields::from(vec![Field::new("type", DataType::Utf8, true), Field::new("at", DataType::Int64, true)]);
    let structs = StructArray::try_new(
        fields,
        vec![Arc::new(kinds), Arc::new(ats)],
        Some(NullBuffer::from(vec![true, true, true, false])),
    )
    .unwrap();
    let item = Arc::new(Field::new("item", structs.data_type().clone(), true));
    // Rows: no events (null list), [null type, null at], [], [page_view, null event], null list.
    let events = ListArray::try_new(
        item,
        OffsetBuffer::from_lengths([0, 2, 0, 2, 0]),
        Arc::new(structs),
        Some(NullBuffer::from(vec![false, true, true, true, false])),
    )
    .unwrap();
    let b = batch(vec![("id", ids(n)), ("title", title), ("events", Arc::new(events))]);
    let leads = [
        json!({"id": "l0"}),
        json!({"id": "l1", "title": "CEO", "events": [{"at": AS_OF - 1000}, {"type": "demo_request"}]}),
        json!({"id": "l2", "title": "N/A", "events": []}),
        json!({"id": "l3", "events": [{"type": "page_view", "at": AS_OF - 5000}, null]}),
        json!({"id": "l4", "title": "VP Sales"}),
    ];
    let got = both(&scorer, &b, AS_OF).unwrap();
    for (i, lead) in leads.iter().enumerate() {
        assert_eq!(got[i], json_path(&scorer, lead, AS_OF), "row {i}");
    }
    assert!(got[1].contains("event has no \\\"type\\\""), "{}", got[1]);
    assert!(got[3].contains("an event is an object, found null"), "{}", got[3]);
}

/// Dotted column names and struct columns are the same fields; dates, float32, decimals and large
/// strings read as JSON numbers and text do; a string over the model's limit is that row's error.
#[test]
fn fields_by_dotted_name_or_struct_and_every_scalar_type() {
    let scorer = Scorer::default_model();
    let company = StructArray::try_new(
        Fields::from(vec![
            Field::new("employees", DataType::Float32, true),
            Field::new("industry", DataType::Utf8, true),
        ]),
        vec![Arc::new(Float32Array::from(vec![450.0, 12.5])), Arc::new(StringArray::from(vec!["Software", "Retail"]))],
        None,
    )
    .unwrap();
    let revenue = Decimal128Array::from(vec![125_000_000i128, 99]).with_precision_and_scale(12, 2).unwrap();
    let long = "x".repeat(20_000);
    let b = batch(vec![
        ("id", Arc::new(Int64Array::from(vec![7, 8]))),
        ("company", Arc::new(company)),
        ("company.revenue", Arc::new(revenue)),
        ("createdAt", Arc::new(Date32Array::from(vec![20_000, 20_400]))),
        ("title", Arc::new(StringArray::from(vec!["VP, Sales", long.as_str()]))),
    ]);
    let leads = [
        json!({"id": 7, "company": {"employees": 450, "industry": "Software"}, "company.revenue": 1_250_000,
               "createdAt": 20_000 * 86_400_000i64, "title": "VP, Sales"}),
        json!({"id": 8, "company": {"employees": 12.5, "industry": "Retail"}, "company.revenue": 0.99,
               "createdAt": 20_400 * 86_400_000i64, "title": long}),
    ];
    let got = both(&scorer, &b, AS_OF).unwrap();
    for (i, lead) in leads.iter().enumerate() {
        assert_eq!(got[i], json_path(&scorer, lead, AS_OF), "row {i}");
    }
    assert!(got[0].contains("\"leadId\":7"), "{}", got[0]);
    assert!(got[1].starts_with("{\"error\":") && got[1].contains("too_large"), "{}", got[1]);
}

#[test]
fn a_schema_problem_is_one_error_before_any_row() {
    let scorer = Scorer::default_model();
    let options = ArrowOptions::new(AS_OF);
    let no_id = batch(vec![("email", Arc::new(StringArray::from(vec!["a@b.co"])) as ArrayRef)]);
    match score_batch(&scorer, &no_id, &options) {
        Err(e @ BatchError::NoIdColumn { .. }) => {
            assert_eq!(e.to_string(), "the batch has no id column \"id\" (its columns: email)")
        }
        other => panic!("{other:?}"),
    }
    let text_events = batch(vec![("id", ids(1)), ("events", Arc::new(StringArray::from(vec!["[]"])) as ArrayRef)]);
    match score_batch(&scorer, &text_events, &options) {
        Err(e @ BatchError::EventsNotAList { .. }) => {
            assert_eq!(
                e.to_string(),
                "the events column \"events\" must be a list of structs (list<struct<type, at, ...>>), found Utf8"
            )
        }
        other => panic!("{other:?}"),
    }
    let list_of_text = ListArray::from_iter_primitive::<arrow_array::types::Int64Type, _, _>(vec![Some(vec![Some(1)])]);
    let b = batch(vec![("id", ids(1)), ("events", Arc::new(list_of_text) as ArrayRef)]);
    assert!(matches!(score_batch(&scorer, &b, &options), Err(BatchError::EventsNotAList { .. })));
    let bytes = batch(vec![("id", ids(1)), ("photo", Arc::new(BinaryArray::from(vec![&b"\x89PNG"[..]])) as ArrayRef)]);
    match score_batch(&scorer, &bytes, &options) {
        Err(BatchError::UnsupportedType { column, found }) => {
            assert_eq!((column.as_str(), found.as_str()), ("photo", "Binary"))
        }
        other => panic!("{other:?}"),
    }
    let renamed = ArrowOptions { id_column: "lead_id".into(), ..ArrowOptions::new(AS_OF) };
    let b = batch(vec![("lead_id", ids(1))]);
    let results = score_batch(&scorer, &b, &renamed).unwrap();
    assert_eq!(results.num_rows(), 1);
    assert_eq!(results.column_by_name("error").unwrap().null_count(), 1, "the lead was scored");
}

/// The model's input limits hold for events read from columns as for JSON: too many events, a
/// `type` longer than `input.maxStringBytes`, an event member over it.
#[test]
fn event_limits_are_the_json_paths() {
    let mut model = serde_json::to_value(Model::default_model()).unwrap();
    model["input"] = json!({"maxEvents": 2, "maxStringBytes": 64});
    let scorer = Scorer::new(Model::from_value(&model).unwrap());
    let long = "t".repeat(100);
    let kinds = StringArray::from(vec!["email_open", "email_open", "email_open", long.as_str(), "page_view"]);
    let ats = Int64Array::from(vec![AS_OF - 1000; 5]);
    let urls = StringArray::from(vec![None, None, None, None, Some(long.as_str())]);
    let events = events_column(
        vec![("type", Arc::new(kinds)), ("at", Arc::new(ats)), ("url", Arc::new(urls))],
        &[3, 1, 1],
        None,
    );
    let b = batch(vec![("id", ids(3)), ("events", events)]);
    let event = |kind: &str| json!({"type": kind, "at": AS_OF - 1000});
    let leads = [
        json!({"id": "l0", "events": [event("email_open"), event("email_open"), event("email_open")]}),
        json!({"id": "l1", "events": [event(&long)]}),
        json!({"id": "l2", "events": [{"type": "page_view", "at": AS_OF - 1000, "url": long}]}),
    ];
    let got = both(&scorer, &b, AS_OF).unwrap();
    for (i, lead) in leads.iter().enumerate() {
        assert_eq!(got[i], json_path(&scorer, lead, AS_OF), "row {i}");
        assert!(got[i].starts_with("{\"error\":"), "row {i}: {}", got[i]);
    }
}

/// A path read both as a lead field and as an event member (`url`), and paths a batch lacks (a lead
/// field, an event member): each rule reads its own column, in place as when parsed.
#[test]
fn a_path_read_by_lead_and_event_rules_reads_each_its_own_column() {
    let mut model = serde_json::to_value(Model::default_model()).unwrap();
    let rules = model["rules"].as_array_mut().unwrap();
    rules.push(
        json!({"id": "pricing-lead", "group": "fit", "points": 3, "when": {"field": "url", "contains": "pricing"}}),
    );
    rules.push(
        json!({"id": "no-parent", "group": "fit", "points": 2, "when": {"field": "company.parent", "exists": false}}),
    );
    rules.push(json!({"id": "spring-open", "group": "engagement", "points": 4,
        "event": {"type": "email_open", "where": {"field": "campaign", "eq": "spring"}}}));
    rules.push(json!({"id": "docs-view", "group": "engagement", "points": 1,
        "event": {"type": "page_view", "where": {"field": "url", "contains": "/docs"}}}));
    let scorer = Scorer::new(Model::from_value(&model).unwrap());
    let at = AS_OF - 86_400_000;
    let with_members = [
        json!({"id": "l0", "url": "/pricing", "events": [
            {"type": "page_view", "at": at, "url": "/docs"}, {"type": "email_open", "at": at, "campaign": "spring"}]}),
        json!({"id": "l1", "url": "/docs", "company": {"parent": "Globex"},
            "events": [{"type": "page_view", "at": at, "url": "/pricing"}]}),
        json!({"id": "l2", "events": [{"type": "email_open", "at": at}]}),
    ];
    // No `url`, no `company.parent`, no `campaign` anywhere: those paths have no column.
    let without = [json!({"id": "l3", "events": [{"type": "email_open", "at": at}, {"type": "page_view", "at": at}]})];
    let fired = |row: &str, rule: &str| row.contains(&format!("\"rule\":\"{rule}\""));
    for leads in [&with_members[..], &without[..]] {
        let got = both(&scorer, &json::batch(leads).unwrap(), AS_OF).unwrap();
        for (i, lead) in leads.iter().enumerate() {
            assert_eq!(got[i], json_path(&scorer, lead, AS_OF), "{}", lead["id"]);
        }
    }
    let got = both(&scorer, &json::batch(&with_members).unwrap(), AS_OF).unwrap();
    let rules_of = |row: &str| ["pricing-lead", "no-parent", "spring-open", "docs-view"].map(|r| fired(row, r));
    assert_eq!(rules_of(&got[0]), [true, true, true, true]);
    assert_eq!(rules_of(&got[1]), [false, false, false, false]);
    assert_eq!(rules_of(&got[2]), [false, true, false, false]);
}
