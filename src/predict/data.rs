//! Training and backtest data: a table read from CSV text (any separator, quoted fields, a header
//! row) or from JSON objects, with a named outcome column. Columns are typed here: numeric when every
//! present value is a number, categorical otherwise. Placeholders ("", "NA", "null", "Select", ...)
//! count as missing. Problems come back as [`DataError`]s that name the line and the column.

use serde_json::{Map, Value};
use std::fmt;

/// A problem with the data, located by line (CSV: the file's line, header = 1; JSON: the row's
/// 1-based position) and column where that is known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DataError {
    /// 1-based line (or row), when one row is at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The column at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl DataError {
    pub(crate) fn new(message: impl Into<String>) -> DataError {
        DataError { line: None, column: None, message: message.into() }
    }
    pub(crate) fn at(line: usize, column: Option<&str>, message: impl Into<String>) -> DataError {
        DataError { line: Some(line), column: column.map(str::to_string), message: message.into() }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.line, &self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column \"{c}\": {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            (None, Some(c)) => write!(f, "column \"{c}\": {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for DataError {}

/// A column's values, one per row.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Every present value is a finite number.
    Numeric(Vec<Option<f64>>),
    /// Text (anything that is not all numbers).
    Categorical(Vec<Option<String>>),
}

/// One input column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header name (used as the lead's field name, so dotted names are literal keys).
    pub name: String,
    /// The values.
    pub values: Values,
    /// How many rows have no value (absent or a placeholder).
    pub missing: usize,
}

/// A table of inputs with a yes/no outcome per row.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The outcome column's name.
    pub target: String,
    /// Every input column (all but the outcome and the ignored ones), in file order.
    pub columns: Vec<Column>,
    /// Columns a model cannot learn from (one value on every row, or none): still part of each row
    /// as a lead, left out of training.
    pub unusable: Vec<String>,
    /// The outcome of each row.
    pub outcome: Vec<bool>,
    /// The source line (or row number) of each row, for messages.
    pub lines: Vec<usize>,
    /// What was dropped or changed while reading, in plain words.
    pub notes: Vec<String>,
    /// The texts read as "not given" (the reader's `missing`): the trainer writes them into the
    /// model as `input.missing`, so the model reads its own training rows as the trainer did.
    pub missing_texts: Vec<String>,
}

/// How to read a table.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOptions {
    /// The outcome column: 1/0, yes/no, true/false, y/n (any case).
    pub target: String,
    /// Columns to leave out (e.g. fields known only after the outcome).
    pub ignore: Vec<String>,
    /// CSV field separator (`,` `;` `\t` `|` ...).
    pub separator: u8,
    /// Texts that mean "not given" (trimmed, lower-cased), as a model's `input.missing`: the
    /// trainer reads with the list it then writes into the model, and a backtest with its model's.
    pub missing: Vec<String>,
}

impl ReadOptions {
    /// Options for an outcome column, comma-separated, nothing ignored, the default missing texts.
    pub fn new(target: &str) -> ReadOptions {
        ReadOptions {
            target: target.to_string(),
            ignore: Vec::new(),
            separator: b',',
            missing: crate::model::DEFAULT_MISSING.iter().map(|m| m.to_string()).collect(),
        }
    }

    fn is_missing(&self, text: &str) -> bool {
        crate::model::is_missing_text(&self.missing, text)
    }
}

/// A raw cell before typing.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Missing,
    Num(f64),
    Text(String),
}

/// A cell's text for training: missing when the list says so, a number when it reads as one in
/// JSON's number syntax (as the engine reads numbers given as text, so `007` and `+5` are text on
/// every path), text otherwise.
fn cell_of_text(s: &str, options: &ReadOptions) -> Cell {
    let t = s.trim();
    if options.is_missing(t) {
        return Cell::Missing;
    }
    match crate::engine::parse_number(t) {
        Some(x) => Cell::Num(x),
        None => Cell::Text(t.to_string()),
    }
}

/// A cell's text as a lead value for scoring: a number as [`cell_of_text`] reads one, else the text
/// as it is; what it means ("N/A" is not given) is the model's `input.missing`, applied by the
/// engine as for any other reader.
fn value_of_text(s: &str) -> Value {
    let t = s.trim();
    crate::engine::parse_number(t).map_or_else(|| Value::String(t.to_string()), Value::from)
}

fn cell_of_json(v: &Value, options: &ReadOptions) -> Cell {
    match v {
        Value::Null => Cell::Missing,
        Value::Bool(b) => Cell::Text(b.to_string()),
        Value::Number(n) => n.as_f64().filter(|x| x.is_finite()).map_or(Cell::Missing, Cell::Num),
        Value::String(s) => cell_of_text(s, options),
        Value::Array(_) | Value::Object(_) => Cell::Text(v.to_string()),
    }
}

/// Reads an outcome: 1/0, yes/no, true/false, y/n, t/f (any case).
fn outcome_of(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Num(x) if *x == 1.0 => Some(true),
        Cell::Num(x) if *x == 0.0 => Some(false),
        Cell::Text(t) => match t.to_lowercase().as_str() {
            "yes" | "y" | "true" | "t" | "won" | "converted" => Some(true),
            "no" | "n" | "false" | "f" | "lost" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Reads CSV text with a header row.
pub fn read_csv(text: &str, options: &ReadOptions) -> Result<Dataset, DataError> {
    let (header, rows, lines) = csv_cells(text, options.separator)?;
    let rows = rows.iter().map(|row| row.iter().map(|t| cell_of_text(t, options)).collect()).collect();
    build(header, rows, lines, options)
}

/// CSV rows as leads, with no outcome (for scoring): each cell a number when it reads as one (JSON's
/// number syntax), its text otherwise. Which texts mean "not given" is the model's
/// `input.missing`, applied when the lead is scored, as for a JSON lead.
pub fn csv_leads(text: &str, separator: u8) -> Result<Vec<Value>, DataError> {
    let (header, rows, _) = csv_cells(text, separator)?;
    Ok(rows.iter().map(|row| csv_row_lead(&header, row.iter().map(String::as_str))).collect())
}

/// One CSV row's cells as a lead, by the rules of [`csv_leads`]: for readers that stream a file
/// row by row (the CLI's `score`).
pub fn csv_row_lead<'a>(header: &[String], cells: impl IntoIterator<Item = &'a str>) -> Value {
    Value::Object(header.iter().cloned().zip(cells.into_iter().map(value_of_text)).collect())
}

/// A CSV file's header row alone (names trimmed, as [`read_csv`] names its columns): for messages
/// that list the file's columns.
pub fn csv_header(text: &str, separator: u8) -> Result<Vec<String>, DataError> {
    let mut reader = csv::ReaderBuilder::new().delimiter(separator).has_headers(true).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| DataError::at(1, None, format!("cannot read the header row: {e}")))?;
    Ok(header.iter().map(|h| h.trim().to_string()).collect())
}

/// A CSV file's header, the text of every cell of every row, and each row's line in the file.
type Cells = (Vec<String>, Vec<Vec<String>>, Vec<usize>);

fn csv_cells(text: &str, separator: u8) -> Result<Cells, DataError> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(separator).has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| DataError::at(1, None, format!("cannot read the header row: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(DataError::new("the file is empty: expected a header row and at least one data row"));
    }
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            let message = match e.kind() {
                csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                    format!("{len} fields, but the header has {expected_len} (a ragged row: check the separator and quotes)")
                }
                csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
                _ => e.to_string(),
            };
            DataError::at(line, None, message)
        })?;
        lines.push(record.position().map_or(rows.len() + 2, |p| p.line() as usize));
        rows.push(record.iter().map(str::to_string).collect::<Vec<String>>());
    }
    Ok((header, rows, lines))
}

/// Reads JSON objects (one per row; nested objects are read by dotted path, like leads).
pub fn from_objects(objects: &[Value], options: &ReadOptions) -> Result<Dataset, DataError> {
    let mut header: Vec<String> = Vec::new();
    let mut flat_rows = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        let Value::Object(map) = object else {
            return Err(DataError::at(i + 1, None, "a row must be a JSON object"));
        };
        let mut flat = Vec::new();
        flatten(map, "", &mut flat);
        for (name, _) in &flat {
            if !header.contains(name) {
                header.push(name.clone());
            }
        }
        flat_rows.push(flat);
    }
    let rows = flat_rows
        .into_iter()
        .map(|flat| {
            header
                .iter()
                .map(|h| flat.iter().find(|(n, _)| n == h).map_or(Cell::Missing, |(_, v)| cell_of_json(v, options)))
                .collect()
        })
        .collect();
    let lines = (1..=objects.len()).collect();
    build(header, rows, lines, options)
}

/// Leads and their outcomes from JSON objects (leads with history, events and all): each object's
/// `target` field is the outcome (read as in [`read_csv`]) and is removed from the lead.
pub fn split_outcome(objects: Vec<Value>, target: &str) -> Result<(Vec<Value>, Vec<bool>), DataError> {
    let outcome_options = ReadOptions::new(target);
    let mut outcome = Vec::with_capacity(objects.len());
    let mut leads = Vec::with_capacity(objects.len());
    for (i, mut object) in objects.into_iter().enumerate() {
        let Some(map) = object.as_object_mut() else {
            return Err(DataError::at(i + 1, None, "a lead must be a JSON object"));
        };
        let cell = map.remove(target).map_or(Cell::Missing, |v| cell_of_json(&v, &outcome_options));
        let y = outcome_of(&cell).ok_or_else(|| {
            DataError::at(i + 1, Some(target), "the outcome must be 1/0, yes/no or true/false (and present)")
        })?;
        outcome.push(y);
        leads.push(object);
    }
    Ok((leads, outcome))
}

fn flatten(map: &Map<String, Value>, base: &str, out: &mut Vec<(String, Value)>) {
    for (k, v) in map {
        let path = if base.is_empty() { k.clone() } else { format!("{base}.{k}") };
        match v {
            Value::Object(inner) => flatten(inner, &path, out),
            other => out.push((path, other.clone())),
        }
    }
}

fn build(
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    lines: Vec<usize>,
    options: &ReadOptions,
) -> Result<Dataset, DataError> {
    let find = |name: &str| header.iter().position(|h| h == name);
    let Some(target) = find(&options.target) else {
        return Err(DataError::new(format!(
            "no outcome column \"{}\"; the columns are: {}",
            options.target,
            header.join(", ")
        )));
    };
    for name in &options.ignore {
        if find(name).is_none() {
            return Err(DataError::new(format!("cannot ignore \"{name}\": no such column ({})", header.join(", "))));
        }
    }
    if rows.is_empty() {
        return Err(DataError::new("no data rows after the header"));
    }
    let mut outcome = Vec::with_capacity(rows.len());
    for (row, line) in rows.iter().zip(&lines) {
        let cell = row.get(target).unwrap_or(&Cell::Missing);
        match outcome_of(cell) {
            Some(y) => outcome.push(y),
            None => {
                let found = match cell {
                    Cell::Missing => "no value".to_string(),
                    Cell::Num(x) => format!("{x}"),
                    Cell::Text(t) => format!("\"{t}\""),
                };
                return Err(DataError::at(
                    *line,
                    Some(&options.target),
                    format!("the outcome must be 1/0, yes/no or true/false, found {found}"),
                ));
            }
        }
    }
    let positives = outcome.iter().filter(|y| **y).count();
    if positives == 0 || positives == outcome.len() {
        return Err(DataError::new(format!(
            "every row has the same outcome ({}): a model needs both converted and not converted leads",
            if positives == 0 { "no" } else { "yes" }
        )));
    }
    let mut columns = Vec::new();
    let mut unusable = Vec::new();
    let mut notes = Vec::new();
    for (c, name) in header.iter().enumerate() {
        if c == target || options.ignore.contains(name) {
            continue;
        }
        let cells: Vec<&Cell> = rows.iter().map(|r| r.get(c).unwrap_or(&Cell::Missing)).collect();
        let missing = cells.iter().filter(|x| matches!(x, Cell::Missing)).count();
        let numbers = cells.iter().filter(|x| matches!(x, Cell::Num(_))).count();
        let texts = cells.len() - missing - numbers;
        // A column of numbers with a few words in it is a data error, not a categorical column:
        // binning it as categories would silently throw the numbers' order away.
        if texts > 0 && numbers >= 9 * texts && numbers >= 10 {
            let (row, cell) =
                cells.iter().enumerate().find(|(_, x)| matches!(x, Cell::Text(_))).unwrap_or((0, &&Cell::Missing));
            let found = if let Cell::Text(t) = cell { t.as_str() } else { "" };
            return Err(DataError::at(
                lines.get(row).copied().unwrap_or(row + 2),
                Some(name),
                format!("\"{found}\" is not a number, but {numbers} of the column's {} values are (fix the value, or leave the cell empty)", numbers + texts),
            ));
        }
        let numeric = texts == 0;
        let values = if numeric {
            Values::Numeric(cells.iter().map(|x| if let Cell::Num(v) = x { Some(*v) } else { None }).collect())
        } else {
            Values::Categorical(
                cells
                    .iter()
                    .map(|x| match x {
                        Cell::Missing => None,
                        Cell::Num(v) => Some(format!("{v}")),
                        Cell::Text(t) => Some(t.clone()),
                    })
                    .collect(),
            )
        };
        let column = Column { name: name.clone(), values, missing };
        if missing == rows.len() {
            notes.push(format!("{name}: left out of training, it has no values"));
            unusable.push(name.clone());
        } else if column.distinct_present() < 2 && missing == 0 {
            notes.push(format!("{name}: left out of training, it has the same value on every row"));
            unusable.push(name.clone());
        } else if missing > 0 {
            notes.push(format!("{name}: {missing} rows without a value (binned as \"not given\")"));
        }
        columns.push(column);
    }
    Ok(Dataset {
        target: options.target.clone(),
        columns,
        unusable,
        outcome,
        lines,
        notes,
        missing_texts: options.missing.clone(),
    })
}

impl Column {
    /// Number of distinct present values (up to 2 is all callers need to know).
    fn distinct_present(&self) -> usize {
        match &self.values {
            Values::Numeric(v) => {
                let mut it = v.iter().flatten();
                it.next().map_or(0, |first| if it.any(|x| x != first) { 2 } else { 1 })
            }
            Values::Categorical(v) => {
                let mut it = v.iter().flatten();
                it.next().map_or(0, |first| if it.any(|x| x != first) { 2 } else { 1 })
            }
        }
    }
}

impl Dataset {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.outcome.len()
    }

    /// True when there are no rows (never, for a dataset that was read successfully).
    pub fn is_empty(&self) -> bool {
        self.outcome.is_empty()
    }

    /// Row `i` as a lead: numeric columns as numbers, others as text, missing values left out.
    pub fn lead(&self, i: usize) -> Value {
        let mut map = Map::new();
        for c in &self.columns {
            let v = match &c.values {
                Values::Numeric(v) => v.get(i).copied().flatten().map(Value::from),
                Values::Categorical(v) => v.get(i).cloned().flatten().map(Value::String),
            };
            if let Some(v) = v {
                map.insert(c.name.clone(), v);
            }
        }
        Value::Object(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(target: &str) -> ReadOptions {
        ReadOptions { separator: b';', ..ReadOptions::new(target) }
    }

    #[test]
    fn reads_quoted_csv_types_columns_and_placeholders() {
        let text =
            "\"age\";\"job\";\"const\";\"y\"\n30;\"admin.\";1;\"no\"\n41;\"Select\";1;\"yes\"\n;\"tech\";1;\"no\"\n";
        let d = read_csv(text, &opts("y")).unwrap();
        assert_eq!(d.outcome, vec![false, true, false]);
        assert_eq!(d.columns.len(), 3);
        assert_eq!(d.unusable, vec!["const".to_string()], "the constant column is not trained on");
        assert_eq!(d.columns[0].values, Values::Numeric(vec![Some(30.0), Some(41.0), None]));
        assert_eq!(d.columns[1].values, Values::Categorical(vec![Some("admin.".into()), None, Some("tech".into())]));
        assert!(d.notes.iter().any(|n| n.contains("const")));
        assert_eq!(d.lines, vec![2, 3, 4]);
        assert_eq!(d.lead(0), serde_json::json!({"age": 30.0, "job": "admin.", "const": 1.0}));
    }

    #[test]
    fn csv_rows_as_leads_keep_their_texts_for_the_model_to_read() {
        let leads = csv_leads("id;employees;title;zip\nL-1;450;VP;02134\nL-2;NA;;+5\n", b';').unwrap();
        assert_eq!(
            leads,
            vec![
                serde_json::json!({"id": "L-1", "employees": 450.0, "title": "VP", "zip": "02134"}),
                serde_json::json!({"id": "L-2", "employees": "NA", "title": "", "zip": "+5"}),
            ],
            "numbers in JSON's syntax only; 'NA' and '' are the model's to read as not given"
        );
        assert_eq!(csv_leads("a;b\n1;2;3\n", b';').unwrap_err().line, Some(2));
    }

    #[test]
    fn bad_data_is_located() {
        let ragged = read_csv("a;y\n1;yes\n2;no;extra\n", &opts("y")).unwrap_err();
        assert_eq!(ragged.line, Some(3), "{ragged}");
        let three = read_csv("a;y\n1;yes\n2;maybe\n", &opts("y")).unwrap_err();
        assert_eq!((three.line, three.column.as_deref()), (Some(3), Some("y")));
        assert!(three.message.contains("\"maybe\""));
        assert!(read_csv("", &opts("y")).unwrap_err().message.contains("empty"));
        assert!(read_csv("a;y\n", &opts("y")).unwrap_err().message.contains("no data rows"));
        assert!(read_csv("a;y\n1;yes\n2;yes\n", &opts("y")).unwrap_err().message.contains("same outcome"));
        assert!(read_csv("a;b\n1;yes\n", &opts("y")).unwrap_err().message.contains("no outcome column \"y\""));
        let ignore = ReadOptions { ignore: vec!["nope".into()], ..opts("y") };
        assert!(read_csv("a;y\n1;yes\n2;no\n", &ignore).unwrap_err().message.contains("cannot ignore \"nope\""));
    }

    #[test]
    fn a_word_in_a_numeric_column_is_located() {
        let mut text = String::from("employees;y\n");
        for i in 0..30 {
            text.push_str(&format!("{};{}\n", 10 + i, if i % 2 == 0 { "yes" } else { "no" }));
        }
        text.push_str("lots;no\n");
        let e = read_csv(&text, &opts("y")).unwrap_err();
        assert_eq!((e.line, e.column.as_deref()), (Some(32), Some("employees")));
        assert!(e.message.contains("\"lots\" is not a number"), "{e}");
    }

    #[test]
    fn reads_json_objects_by_dotted_path() {
        let rows = vec![
            serde_json::json!({"company": {"employees": 10}, "won": true}),
            serde_json::json!({"company": {"employees": "n/a"}, "won": false}),
        ];
        let d = from_objects(&rows, &ReadOptions::new("won")).unwrap();
        assert_eq!(d.columns[0].name, "company.employees");
        assert_eq!(d.columns[0].values, Values::Numeric(vec![Some(10.0), None]));
        assert_eq!(d.outcome, vec![true, false]);
        let (leads, y) = split_outcome(rows, "won").unwrap();
        assert_eq!((leads[0].get("won"), y), (None, vec![true, false]));
        let err = split_outcome(vec![serde_json::json!({"won": "maybe"})], "won").unwrap_err();
        assert_eq!((err.line, err.column.as_deref()), (Some(1), Some("won")));
    }
}
