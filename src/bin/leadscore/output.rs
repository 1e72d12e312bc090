//! Score cards as `score` writes them: JSON Lines (a card or its summary, exactly as serde writes
//! it, so `--explain` lines are the library's cards byte for byte) or CSV rows written by a CSV
//! writer (any field may hold a comma or a quote). And stdout's one special failure.

use crate::args::Format;
use crate::Exit;
use leadscore::api::{Error, Kind};
use leadscore::ScoreCard;
use std::io::ErrorKind;

/// The CSV header row.
const CSV_HEADER: [&str; 8] = ["lead_id", "score", "raw", "tier", "action", "grade", "label", "probability"];

/// The cards of one chunk, rendered.
pub enum Cards {
    /// JSON Lines; explained cards or summaries.
    Jsonl(Vec<u8>, bool),
    /// CSV rows (the writer boxed: it holds its own buffer).
    Csv(Box<csv::Writer<Vec<u8>>>),
}

impl Cards {
    /// An empty rendering in `format`.
    pub fn new(format: Format, explain: bool) -> Cards {
        match format {
            Format::Jsonl => Cards::Jsonl(Vec::new(), explain),
            Format::Csv => Cards::Csv(Box::new(csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new()))),
        }
    }

    /// The header line of the whole output, if the format has one.
    pub fn header(format: Format) -> Vec<u8> {
        let mut cards = Cards::new(format, false);
        if let Cards::Csv(w) = &mut cards {
            // Writing to memory cannot fail.
            let _ = w.write_record(CSV_HEADER);
        }
        cards.into_bytes()
    }

    /// Appends one card.
    pub fn push(&mut self, card: &ScoreCard<'_>) -> Result<(), Error> {
        let written = match self {
            Cards::Jsonl(out, true) => leadscore::json::to_writer(&mut *out, card).map(|()| out.push(b'\n')),
            Cards::Jsonl(out, false) => {
                leadscore::json::to_writer(&mut *out, &card.summary()).map(|()| out.push(b'\n'))
            }
            Cards::Csv(w) => return w.write_record(csv_row(card)).map_err(|e| Error::io("a CSV row", e)),
        };
        written.map_err(|e| Error::io("a card", e))
    }

    /// How many bytes are rendered so far.
    pub fn len(&mut self) -> usize {
        match self {
            Cards::Jsonl(out, _) => out.len(),
            // Flushing to memory cannot fail.
            Cards::Csv(w) => w.flush().map_or(0, |()| w.get_ref().len()),
        }
    }

    /// The rendered bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Cards::Jsonl(out, _) => out,
            Cards::Csv(w) => w.into_inner().unwrap_or_default(),
        }
    }
}

/// A card's CSV fields, in [`CSV_HEADER`]'s order.
fn csv_row(card: &ScoreCard<'_>) -> [String; 8] {
    let text = |s: Option<&str>| s.unwrap_or("").to_string();
    let tier = card.tier.as_ref();
    [
        card.lead_id.as_ref().map_or(String::new(), |v| v.as_str().map_or_else(|| v.to_string(), str::to_string)),
        card.score.to_string(),
        card.raw.to_string(),
        text(tier.map(|t| t.name)),
        text(tier.and_then(|t| t.action)),
        text(card.grade),
        text(card.label),
        card.probability.map_or(String::new(), |p| p.to_string()),
    ]
}

/// A failed write to stdout: a closed pipe (`| head`) is a clean stop, anything else an I/O failure.
pub fn stdout_failed(e: std::io::Error) -> Exit {
    if e.kind() == ErrorKind::BrokenPipe {
        Exit::closed_pipe()
    } else {
        Exit::new(Kind::Io, format!("stdout: {e}"))
    }
}
