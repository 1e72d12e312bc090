//! The fairness-audit request: history read as a backtest reads it (the model's own "not given"
//! texts), every segment column checked against the file's columns first, so that a misspelt
//! `--segment` is a usage error naming the column and listing the columns there are, not an audit
//! in which every lead is "(missing)".

use super::error::Error;
use super::history::History;
use super::options::{separator, AuditRequest, DataOptions};
use super::run::read_labelled;
use crate::error::Code;
use crate::evaluate::AuditReport;
use crate::predict;
use crate::time::Millis;
use crate::Scorer;
use serde_json::Value;

/// Audits a model on labelled history; `now` is called only when the request has no `asOf`.
pub fn audit(
    scorer: &Scorer,
    history: History<'_>,
    request: &AuditRequest,
    now: impl FnOnce() -> Millis,
) -> Result<AuditReport, Error> {
    let options = request.audit_options(now)?;
    let header = match &history {
        History::Csv(text) => Some(predict::csv_header(text, separator(request.separator.as_deref())?)?),
        History::JsonLines(_) | History::Objects(_) => None,
    };
    let data = DataOptions { missing: Some(scorer.model().input.missing.clone()), ..request.data() };
    let (leads, outcome) = read_labelled(history, &data, request.test_every)?;
    let columns = header.unwrap_or_else(|| columns_of(&leads));
    if let Some(unknown) = options.segments.iter().find(|s| !columns.contains(s)) {
        let reason = format!("no column \"{unknown}\" in the data; the columns are: {}", columns.join(", "));
        return Err(Error::usage("segment", Code::UnknownField, reason));
    }
    // A refused lead is named by its position among the rows audited: `[i]...`.
    Ok(crate::evaluate::audit(scorer, &leads, &outcome, &options)?)
}

/// Every field of the rows by dotted path (nested objects' leaves), in order of first appearance.
fn columns_of(rows: &[Value]) -> Vec<String> {
    fn walk(value: &Value, base: &str, out: &mut Vec<String>) {
        let Value::Object(map) = value else { return };
        for (key, v) in map {
            let path = if base.is_empty() { key.clone() } else { format!("{base}.{key}") };
            if v.is_object() {
                walk(v, &path, out);
            } else if !out.contains(&path) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for row in rows {
        walk(row, "", &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::Kind;

    fn request(json: &str) -> AuditRequest {
        serde_json::from_str(json).unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn an_unknown_segment_column_names_it_and_the_columns() {
        let csv = "title;region;y\nvp;north;yes\nanalyst;south;no\n";
        let r = request(r#"{"target":"y","separator":";","segment":["regoin"],"asOf":0}"#);
        let e = audit(&Scorer::default_model(), History::Csv(csv), &r, || 0).err();
        let e = e.map(|e| (e.kind, e.code, e.path, e.reason));
        let reason = "no column \"regoin\" in the data; the columns are: title, region, y".to_string();
        assert_eq!(e, Some((Kind::Usage, Code::UnknownField, "segment".into(), reason)));
        let rows = vec![serde_json::json!({"company": {"region": "north"}, "y": 1}), serde_json::json!({"y": 0})];
        let r = request(r#"{"target":"y","segment":["region"],"asOf":0}"#);
        let e = audit(&Scorer::default_model(), History::Objects(rows.clone()), &r, || 0).err().map(|e| e.reason);
        assert_eq!(e.as_deref(), Some("no column \"region\" in the data; the columns are: company.region"));
        let r = request(r#"{"target":"y","segment":["company.region"],"asOf":0,"minRows":1}"#);
        let report = audit(&Scorer::default_model(), History::Objects(rows), &r, || 0);
        let values = report.map(|r| r.segments.iter().flat_map(|s| s.groups.iter().map(|g| g.value.clone())).collect());
        assert_eq!(values, Ok(vec!["north".to_string(), "(missing)".to_string()]));
    }
}
