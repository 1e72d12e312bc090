//! The leads `score` reads, a chunk of a few thousand at a time, each with its line in the file:
//! JSON Lines as text (the engine's fast text path scores it) or CSV rows as lead objects. A chunk
//! is what a worker scores and the writer writes back in order, so memory is bounded by the chunks
//! in flight, never by the input. A line that cannot be a lead (invalid UTF-8, a ragged CSV row)
//! is refused in place, with its line, and reading goes on.

use crate::files::{is_csv, is_stdin, name};
use crate::Exit;
use leadscore::api::{self, Error, Kind};
use leadscore::Code;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::ops::Range;
use std::path::Path;

/// At most this many leads in a chunk: enough to keep a worker busy for a while, few enough that
/// the chunks in flight stay a few megabytes.
const CHUNK_LEADS: usize = 4096;
/// At most about this many input bytes in a chunk (whatever the lines' length).
const CHUNK_BYTES: u64 = 4 << 20;

/// One lead as read.
pub enum Lead {
    /// JSON text: a range of the chunk's text.
    Text(Range<usize>),
    /// A CSV row as an object.
    Value(Value),
    /// The line cannot be a lead.
    Refused(Error),
}

/// Consecutive leads of the input, each with its 1-based line in the file.
#[derive(Default)]
pub struct Chunk {
    /// The JSON text the leads' ranges point into.
    pub text: String,
    /// The leads, in input order.
    pub leads: Vec<(usize, Lead)>,
    /// Input bytes the chunk covers (for progress).
    pub bytes: u64,
}

/// An open input.
pub enum Source {
    /// JSON Lines, with the last line number read.
    Lines(Box<dyn BufRead + Send>, usize),
    /// CSV, with its trimmed header.
    Csv(csv::Reader<Box<dyn Read + Send>>, Vec<String>),
}

impl Source {
    /// Opens a file (`-`: stdin, JSON Lines); for CSV, reads the header row.
    pub fn open(path: &Path, separator: &Option<String>) -> Result<Source, Exit> {
        let input: Box<dyn Read + Send> = if is_stdin(path) {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(path).map_err(|e| Exit::from(Error::io(&name(path), e)))?)
        };
        if !is_csv(path) {
            return Ok(Source::Lines(Box::new(BufReader::with_capacity(1 << 16, input)), 0));
        }
        // Score requests have no outcome column: the placeholder target only lets the api check the separator.
        let delimiter = api::separator(separator.as_deref())?;
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(input);
        let header = reader.headers().map_err(|e| Exit::new(Kind::Data, format!("{}:1: {e}", name(path))))?;
        let header = header.iter().map(|h| h.trim().to_string()).collect();
        Ok(Source::Csv(reader, header))
    }

    /// The CSV header (empty for JSON Lines), for coverage's did-you-mean: a column empty on every
    /// row is still a name the model's field may have been renamed to.
    pub fn columns(&self) -> Vec<String> {
        match self {
            Source::Csv(_, header) => header.clone(),
            Source::Lines(..) => Vec::new(),
        }
    }

    /// The next chunk, or `None` at the end of the input; `Err` says why the input cannot be read.
    pub fn next_chunk(&mut self) -> Result<Option<Chunk>, String> {
        let mut chunk = Chunk::default();
        while chunk.leads.len() < CHUNK_LEADS && chunk.bytes < CHUNK_BYTES {
            let more = match self {
                Source::Lines(input, line) => next_line(input.as_mut(), line, &mut chunk)?,
                Source::Csv(reader, header) => next_row(reader, header, &mut chunk)?,
            };
            if !more {
                break;
            }
        }
        Ok(Some(chunk).filter(|c| c.bytes > 0))
    }
}

/// Reads one line into the chunk (blank lines skipped); false at the end of the input.
fn next_line(input: &mut dyn BufRead, line: &mut usize, chunk: &mut Chunk) -> Result<bool, String> {
    let mut bytes = Vec::new();
    let read = input.read_until(b'\n', &mut bytes).map_err(|e| e.to_string())?;
    if read == 0 {
        return Ok(false);
    }
    *line += 1;
    chunk.bytes += read as u64;
    match std::str::from_utf8(&bytes) {
        // The api's rules for a line: no byte-order mark, no `\r`, blank lines skipped.
        Ok(text) => {
            if let Some((_, lead)) = api::json_lines(text).next() {
                let start = chunk.text.len();
                chunk.text.push_str(lead);
                chunk.leads.push((*line, Lead::Text(start..chunk.text.len())));
            }
        }
        Err(e) => {
            let reason = format!("not valid UTF-8 (byte {} of the line)", e.valid_up_to() + 1);
            chunk.leads.push((*line, Lead::Refused(refused(*line, Code::Syntax, reason))));
        }
    }
    Ok(true)
}

/// Reads one CSV row into the chunk as a lead; false at the end of the input.
fn next_row(
    reader: &mut csv::Reader<Box<dyn Read + Send>>,
    header: &[String],
    chunk: &mut Chunk,
) -> Result<bool, String> {
    let before = reader.position().byte();
    let mut record = csv::ByteRecord::new();
    let read = reader.read_byte_record(&mut record);
    chunk.bytes += reader.position().byte() - before;
    let (line, lead) = match read {
        Ok(false) => return Ok(false),
        Ok(true) => {
            let line = record.position().map_or(0, |p| p.line() as usize);
            (
                line,
                row_lead(header, &record)
                    .map_or_else(|reason| Lead::Refused(refused(line, Code::InvalidValue, reason)), Lead::Value),
            )
        }
        Err(e) => match e.kind() {
            csv::ErrorKind::UnequalLengths { pos, expected_len, len } => {
                let line = pos.as_ref().map_or(0, |p| p.line() as usize);
                let reason =
                    format!("{len} fields, but the header has {expected_len} (check the separator and quotes)");
                (line, Lead::Refused(refused(line, Code::InvalidValue, reason)))
            }
            _ => return Err(e.to_string()),
        },
    };
    chunk.leads.push((line, lead));
    Ok(true)
}

/// A CSV row as a lead, by the library's cell rules; a cell that is not UTF-8 refuses the row,
/// naming the column.
fn row_lead(header: &[String], row: &csv::ByteRecord) -> Result<serde_json::Value, String> {
    let cells = header
        .iter()
        .zip(row)
        .map(|(name, bytes)| std::str::from_utf8(bytes).map_err(|_| format!("column \"{name}\": not valid UTF-8")))
        .collect::<Result<Vec<&str>, String>>()?;
    Ok(leadscore::predict::csv_row_lead(header, cells))
}

/// A line that cannot be a lead.
fn refused(line: usize, code: Code, reason: String) -> Error {
    Error::new(Kind::Lead, code, "", reason).at_line(line)
}
