//! `validate`: a model's problems, one per line on stdout as `file:line:column: path: message
//! [code]` (the place in the file, as compilers write it, so an editor jumps there), or the model's
//! name and fingerprint when it has none.

use crate::args::ValidateArgs;
use crate::files::{name, read_text};
use crate::output::stdout_failed;
use crate::Exit;
use leadscore::api::{self, Kind};
use std::io::Write;

/// Runs `validate`: exit 1 when the model has a problem.
pub fn run(args: &ValidateArgs) -> Result<(), Exit> {
    let text = read_text(&args.model, Kind::Model)?;
    let text = api::strip_bom(&text);
    let file = name(&args.model);
    let mut out = std::io::stdout().lock();
    match api::load_model(Some(text)) {
        Ok(m) => {
            let rules = m.rules.len();
            writeln!(out, "valid: {} v{}, {rules} rules, {}", m.id, m.version, m.fingerprint()).map_err(stdout_failed)
        }
        Err(e) => {
            for issue in &e.issues {
                // A syntax error knows its place; the others are found by their path.
                let at = issue.position.or_else(|| api::locate(text, &leadscore::error::segments(&issue.path)));
                let at = at.map_or(String::new(), |p| format!("{}:{}: ", p.line, p.column));
                writeln!(out, "{file}:{at}{issue} [{}]", issue.code).map_err(stdout_failed)?;
            }
            let n = e.issues.len();
            Err(Exit::new(Kind::Model, format!("{file}: {n} problem{}", if n == 1 { "" } else { "s" })))
        }
    }
}
