//! Progress of a long training run, for a front end to show (the CLI's bar, the playground
//! worker's events). The trainer calls `tick` as it goes; the front end's callback decides how to
//! show it. Emitted at most once per percent, so a callback that crosses to JavaScript stays cheap.

/// A front end's callback for `(stage, done, total)`.
type Callback<'a> = &'a mut dyn FnMut(&str, usize, usize);

/// A callback, or none.
pub struct Progress<'a> {
    callback: Option<Callback<'a>>,
    last: Option<(usize, usize)>,
}

impl<'a> Progress<'a> {
    /// No progress reporting.
    pub fn none() -> Progress<'static> {
        Progress { callback: None, last: None }
    }

    /// Reports to `callback`.
    pub fn new(callback: &'a mut dyn FnMut(&str, usize, usize)) -> Progress<'a> {
        Progress { callback: Some(callback), last: None }
    }

    /// `done` of `total` steps of `stage`; passed on when the percentage changed.
    pub fn tick(&mut self, stage: &str, done: usize, total: usize) {
        let percent = done.saturating_mul(100) / total.max(1);
        let key = (percent, total);
        if self.last == Some(key) {
            return;
        }
        self.last = Some(key);
        if let Some(callback) = self.callback.as_mut() {
            callback(stage, done, total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_at_most_once_per_percent() {
        let mut seen = Vec::new();
        let mut callback = |stage: &str, done: usize, total: usize| seen.push((stage.to_string(), done, total));
        let mut p = Progress::new(&mut callback);
        for k in 0..=1000 {
            p.tick("main effects", k, 1000);
        }
        assert_eq!(seen.len(), 101);
        assert_eq!(seen.last(), Some(&("main effects".to_string(), 1000, 1000)));
    }
}
