//! Coverage on stderr, for `score`, `backtest` and `train`: a warning for every field the model
//! reads that no row has (with the column it was probably renamed to), then one summary line.
//! Exit codes stay as they are unless `--strict-coverage` asks for a refusal (pipelines that must
//! not score a file whose columns do not fit the model).

use crate::Exit;
use leadscore::api::Kind;
use leadscore::evaluate::CoverageReport;
use std::io::Write;

/// Writes the warnings and the summary about `file` on stderr; with `strict`, a field or the
/// events absent from every row is an error (exit 1) after they are written.
pub fn report(file: &str, coverage: &CoverageReport, strict: bool) -> Result<(), Exit> {
    let mut err = std::io::stderr().lock();
    // Nothing more can be done if stderr is gone.
    for w in &coverage.warnings {
        let _ = writeln!(err, "leadscore: warning: {file}: {}", w.message);
    }
    let _ = writeln!(err, "leadscore: {file}: {}", coverage.summary());
    match coverage.warnings.len() {
        n if strict && n > 0 => Err(Exit::new(
            Kind::Data,
            format!(
                "{file}: {n} of the inputs the model reads {} absent from every row (--strict-coverage)",
                if n == 1 { "is" } else { "are" }
            ),
        )),
        _ => Ok(()),
    }
}
