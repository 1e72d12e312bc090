//! `audit`: a model scored on labelled history, its fairness across segment columns as a table or
//! JSON (numbers as JavaScript writes them, like the JS API's report).

use crate::args::AuditArgs;
use crate::audit_report::report_text;
use crate::files::{history, load_scorer, name, now, read_text};
use crate::output::stdout_failed;
use crate::Exit;
use leadscore::api::{self, Error, Kind};
use std::io::Write;

/// Runs `audit`.
pub fn run(args: &AuditArgs) -> Result<(), Exit> {
    let scorer = load_scorer(&args.model)?;
    let file = name(&args.data);
    let text = read_text(&args.data, Kind::Data)?;
    let report =
        api::audit(&scorer, history(&args.data, &text), &args.request, now).map_err(|e| Exit::in_file(&file, e))?;
    let text = if args.json {
        leadscore::json::to_string(&report).map_err(|e| Exit::from(Error::io("the report", e)))?
    } else {
        report_text(&report)
    };
    writeln!(std::io::stdout().lock(), "{text}").map_err(stdout_failed)
}
