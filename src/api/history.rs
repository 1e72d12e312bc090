//! Labelled history and JSON Lines as a front end hands them over: CSV text, JSON Lines text, or
//! objects already parsed (JS arrays). One JSON Lines reader for every command and target.

use super::error::{Error, Kind};
use crate::error::Code;
use serde_json::Value;

/// History to train on or backtest.
#[derive(Debug, Clone, PartialEq)]
pub enum History<'a> {
    /// CSV with a header row.
    Csv(&'a str),
    /// One JSON object per line (blank lines skipped).
    JsonLines(&'a str),
    /// Objects already parsed (a JS array); row `i` is reported as line `i + 1`.
    Objects(Vec<Value>),
}

/// The text without a leading byte-order mark (editors on Windows write one).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The non-blank lines of a JSON Lines text with their 1-based line numbers, without a leading
/// byte-order mark and without a `\r` before the newline.
pub fn json_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    strip_bom(text)
        .split('\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)))
        .filter(|(_, line)| !line.trim().is_empty())
}

/// Every line parsed as a JSON value, with the file line of each; the first bad line is refused
/// with its line and column.
pub(super) fn parse_lines(text: &str) -> Result<(Vec<Value>, Vec<usize>), Error> {
    let mut values = Vec::new();
    let mut lines = Vec::new();
    for (line, text) in json_lines(text) {
        let value = serde_json::from_str(text).map_err(|e| {
            let error = Error::new(Kind::Data, Code::Syntax, "", format!("not valid JSON: {e}"));
            Error { column: u32::try_from(e.column()).ok(), ..error.at_line(line) }
        })?;
        values.push(value);
        lines.push(line);
    }
    Ok((values, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_skip_a_bom_blank_lines_and_carriage_returns() {
        let lines: Vec<_> = json_lines("\u{feff}{\"a\":1}\r\n\n  \n{\"b\":2}\n").collect();
        assert_eq!(lines, vec![(1, "{\"a\":1}"), (4, "{\"b\":2}")]);
    }

    #[test]
    fn a_bad_line_is_refused_with_its_file_line_and_column() {
        let e = parse_lines("{\"a\":1}\n\n{\"a\":}\n").err();
        let e = e.map(|e| (e.kind, e.code, e.line, e.column));
        assert_eq!(e, Some((Kind::Data, Code::Syntax, Some(3), Some(6))));
    }
}
