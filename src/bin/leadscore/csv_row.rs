//! One CSV row as a lead, for `score` to read CSV as a stream. The cell rules are those of
//! `leadscore::predict::csv_leads` (private `cell_of_text` in src/predict/data.rs), which reads a
//! whole file at once: a copy kept here, and only here, until the library offers a row-level
//! function (`predict::csv_lead(header, row)`) for the CLI to call instead.

use serde_json::{Map, Value};

/// Values that mean "no answer" in CRM and form exports (as `predict::data::PLACEHOLDERS`).
const PLACEHOLDERS: &[&str] =
    &["", "na", "n/a", "null", "none", "nan", "select", "-- select --", "(select)", "please select", "-", "?"];

/// The row as a lead: each cell a number when it reads as one, text otherwise, placeholders and
/// empty cells left out. A cell that is not UTF-8 refuses the row, naming the column.
pub fn lead(header: &[String], row: &csv::ByteRecord) -> Result<Value, String> {
    let mut lead = Map::new();
    for (name, bytes) in header.iter().zip(row) {
        let text = std::str::from_utf8(bytes).map_err(|_| format!("column \"{name}\": not valid UTF-8"))?;
        let cell = text.trim();
        if PLACEHOLDERS.contains(&cell.to_lowercase().as_str()) {
            continue;
        }
        let value = match cell.parse::<f64>() {
            Ok(x) if x.is_finite() => Value::from(x),
            _ => Value::String(cell.to_string()),
        };
        lead.insert(name.clone(), value);
    }
    Ok(Value::Object(lead))
}

#[cfg(test)]
mod tests {
    use super::*;
    use leadscore::predict::csv_leads;

    #[test]
    fn a_row_reads_as_the_library_reads_it() {
        let text = "id,employees,title,industry\nL-1, 450 ,VP Sales,N/A\nL-2,,Select,Software\n";
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().map(|h| h.iter().map(str::to_string).collect()).unwrap_or_default();
        let rows: Vec<Value> =
            reader.byte_records().filter_map(Result::ok).filter_map(|r| lead(&header, &r).ok()).collect();
        assert_eq!(Ok(rows), csv_leads(text, b','));
    }
}
