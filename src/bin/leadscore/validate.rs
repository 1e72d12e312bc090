//! `validate`: a model's problems, one per line on stdout with its JSON path and code, or the
//! model's name and fingerprint when it has none.

use crate::args::ValidateArgs;
use crate::files::{name, read_text};
use crate::output::stdout_failed;
use crate::Exit;
use leadscore::api::{self, Kind};
use std::io::Write;

/// Runs `validate`: exit 1 when the model has a problem.
pub fn run(args: &ValidateArgs) -> Result<(), Exit> {
    let text = read_text(&args.model, Kind::Model)?;
    let mut out = std::io::stdout().lock();
    match api::load_model(Some(api::strip_bom(&text))) {
        Ok(m) => {
            let rules = m.rules.len();
            writeln!(out, "valid: {} v{}, {rules} rules, {}", m.id, m.version, m.fingerprint()).map_err(stdout_failed)
        }
        Err(e) => {
            for issue in &e.issues {
                writeln!(out, "{issue} [{}]", issue.code).map_err(stdout_failed)?;
            }
            Err(Exit::new(Kind::Model, format!("{}: {} problem(s)", name(&args.model), e.issues.len())))
        }
    }
}
