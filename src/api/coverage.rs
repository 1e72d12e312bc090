//! Coverage of a plain batch of leads (no outcomes): which fields the model reads are there, for
//! front ends that score batches (`scorer.coverage` in JavaScript). Backtests and training report
//! their own coverage in their reports.

use super::error::Error;
use super::history::{json_lines, History};
use crate::evaluate::{Coverage, CoverageReport};
use crate::{Lead, Scorer};

/// The coverage of `batch` for `scorer`'s model. Leads are read as scoring reads them; the first
/// lead that cannot be read is refused with its position in the path, as in a scored batch:
/// `[3].events` (0-based row; for JSON Lines the 0-based line, as `scoreNdjson` names it). CSV
/// text is read with a comma separator, its header giving the did-you-mean candidates.
pub fn coverage(scorer: &Scorer, batch: History<'_>) -> Result<CoverageReport, Error> {
    let mut count = Coverage::new(scorer.model());
    let mut columns = Vec::new();
    match batch {
        History::JsonLines(text) => {
            for (line, text) in json_lines(text) {
                let lead =
                    Lead::from_json(text, &scorer.model().input).map_err(|e| Error::from(e).in_batch(line - 1))?;
                count.add(&lead);
            }
        }
        History::Objects(rows) => {
            for (i, row) in rows.into_iter().enumerate() {
                count.add(&scorer.parse_lead(row).map_err(|e| Error::from(e).in_batch(i))?);
            }
        }
        History::Csv(text) => {
            let rows = crate::predict::csv_leads(text, b',')?;
            if let Some(serde_json::Value::Object(first)) = rows.first() {
                columns = first.keys().cloned().collect();
            }
            for (i, row) in rows.into_iter().enumerate() {
                count.add(&scorer.parse_lead(row).map_err(|e| Error::from(e).in_batch(i))?);
            }
        }
    }
    Ok(count.finish(&columns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::Kind;
    use serde_json::json;

    #[test]
    fn every_batch_form_gives_the_same_coverage_and_a_bad_lead_is_named() {
        let scorer = Scorer::default_model();
        let lines = "{\"title\": \"CTO\", \"employee_count\": 50}\n\n{\"title\": \"VP\", \"employee_count\": 900}\n";
        let objects =
            vec![json!({"title": "CTO", "employee_count": 50}), json!({"title": "VP", "employee_count": 900})];
        let csv = "title,employee_count\nCTO,50\nVP,900\n";
        let reports: Vec<CoverageReport> = [History::JsonLines(lines), History::Objects(objects), History::Csv(csv)]
            .into_iter()
            .map(|b| coverage(&scorer, b).unwrap())
            .collect();
        assert!(reports.iter().all(|r| *r == reports[0]));
        let w = reports[0].warnings.iter().find(|w| w.field == "company.employees").unwrap();
        assert_eq!(w.did_you_mean.as_deref(), Some("employee_count"));
        assert_eq!(reports[0].rows, 2);

        let bad = coverage(&scorer, History::JsonLines("{}\n\n{\"events\": 3}\n")).unwrap_err();
        assert_eq!((bad.kind, bad.path.as_str()), (Kind::Lead, "[2].events"));
    }
}
