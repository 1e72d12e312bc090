//! Progress on a terminal: `score`'s bar over the input's bytes with the leads scored and their
//! rate, then one summary line; `train`'s bar over the boosting rounds. Nothing when stderr is not
//! a terminal (logs, pipes, tests), where redrawn bars are noise.

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::time::Instant;

/// The progress of one `score` run.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
}

impl Progress {
    /// A bar over `size` input bytes (a spinner when the size is unknown, as for stdin).
    pub fn new(size: Option<u64>) -> Progress {
        let target =
            if std::io::stderr().is_terminal() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(size, target);
        let template = if size.is_some() {
            "{spinner} scoring [{bar:30}] {percent}% {msg}, {eta} left"
        } else {
            "{spinner} scoring {msg}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.set_message("0 leads");
        Progress { bar, started: Instant::now() }
    }

    /// `bytes` more of the input done, `leads` in all.
    pub fn advance(&self, bytes: u64, leads: usize) {
        self.bar.inc(bytes);
        let rate = per_second(leads, self.started.elapsed().as_secs_f64());
        self.bar.set_message(format!("{} leads, {}/s", HumanCount(leads as u64), HumanCount(rate)));
    }

    /// A line on stderr that the bar does not draw over.
    pub fn note(&self, line: &str) {
        self.bar.suspend(|| {
            let _ = writeln!(std::io::stderr(), "{line}");
        });
    }

    /// Clears the bar and, on a terminal, prints the summary.
    pub fn finish(self, leads: usize, refused: usize) {
        self.bar.finish_and_clear();
        if std::io::stderr().is_terminal() {
            let _ = writeln!(std::io::stderr(), "{}", summary(leads, refused, self.started.elapsed().as_secs_f64()));
        }
    }
}

/// A run that stops early (an error, a closed pipe) leaves no half-drawn bar behind.
impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// `train`'s bar: the trainer's stage and its share done.
pub struct TrainProgress {
    bar: ProgressBar,
}

impl TrainProgress {
    /// A bar on stderr when it is a terminal, hidden otherwise.
    pub fn new() -> TrainProgress {
        let target =
            if std::io::stderr().is_terminal() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(Some(1), target);
        if let Ok(style) = ProgressStyle::with_template("{spinner} training [{bar:30}] {percent}% {msg}, {elapsed}") {
            bar.set_style(style);
        }
        TrainProgress { bar }
    }

    /// The trainer is at `done` of `total` in `stage`.
    pub fn update(&self, stage: &str, done: usize, total: usize) {
        self.bar.set_length(total.max(1) as u64);
        self.bar.set_position(done.min(total) as u64);
        self.bar.set_message(stage.to_string());
    }
}

/// A run that stops (done or failed) leaves no bar behind.
impl Drop for TrainProgress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// `scored 100,000 leads in 0.52 s (192,000/s), 0 refused`.
fn summary(leads: usize, refused: usize, seconds: f64) -> String {
    let rate = HumanCount(per_second(leads, seconds));
    let (leads, refused) = (HumanCount(leads as u64), HumanCount(refused as u64));
    format!("scored {leads} leads in {seconds:.2} s ({rate}/s), {refused} refused")
}

/// Leads per second, whole.
fn per_second(leads: usize, seconds: f64) -> u64 {
    if seconds > 0.0 {
        (leads as f64 / seconds).round() as u64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_whole_numbers_with_thousands_separators() {
        assert_eq!(summary(100_000, 0, 0.52), "scored 100,000 leads in 0.52 s (192,308/s), 0 refused");
        assert_eq!(summary(0, 0, 0.0), "scored 0 leads in 0.00 s (0/s), 0 refused");
    }
}
