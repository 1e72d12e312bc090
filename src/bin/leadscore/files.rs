//! What every command reads besides its flags: whole files (`-` for stdin), the model, and the
//! clock, which the api never reads itself.

use crate::args::ModelArg;
use crate::Exit;
use leadscore::api::{self, Error, History, Kind};
use leadscore::time::Millis;
use leadscore::Scorer;
use std::io::Read;
use std::path::Path;

/// A path as messages name it: as typed, or `stdin` for `-`.
pub fn name(path: &Path) -> String {
    if is_stdin(path) {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

/// `-` stands for stdin.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// A file whose name ends in `.csv` holds CSV; anything else JSON Lines.
pub fn is_csv(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// A whole text file. Invalid UTF-8 is refused as `kind` (the file is input, not an I/O failure)
/// with the line it is on.
pub fn read_text(path: &Path, kind: Kind) -> Result<String, Exit> {
    let mut bytes = Vec::new();
    let read = if is_stdin(path) {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    read.map_err(|e| Exit::from(Error::io(&name(path), e)))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes().get(..valid).map_or(0, |b| b.iter().filter(|b| **b == b'\n').count()) + 1;
        Exit::new(kind, format!("{}:{line}: not valid UTF-8", name(path)))
    })
}

/// The model of `--model` (a byte-order mark allowed), or the default model.
pub fn load_scorer(arg: &ModelArg) -> Result<Scorer, Exit> {
    let Some(path) = &arg.model else {
        return Ok(Scorer::default_model());
    };
    let text = read_text(path, Kind::Model)?;
    api::load_model(Some(api::strip_bom(&text))).map(Scorer::new).map_err(|e| Exit::in_file(&name(path), e))
}

/// The current time, for requests that leave `asOf` out.
pub fn now() -> Millis {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    Millis::try_from(since_epoch.as_millis()).unwrap_or(Millis::MAX)
}

/// A history file's text as the api reads it: CSV for `.csv`, JSON Lines otherwise.
pub fn history<'t>(path: &Path, text: &'t str) -> History<'t> {
    if is_csv(path) {
        History::Csv(text)
    } else {
        History::JsonLines(text)
    }
}
