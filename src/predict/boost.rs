//! Boosted additive model (the explainable-boosting-machine idea): cyclic gradient boosting of one
//! feature at a time, each step a shallow tree (at most three leaves) over the feature's histogram
//! bins fitted to the log-loss gradient with a small learning rate, so that every feature's effect
//! is a step function of its bins: exactly a scorecard's "points per bin". Then, optionally, a few
//! pairwise terms (a small grid per pair, chosen by the FAST heuristic) boosted on the residual.
//!
//! Hand-written rather than taken from a gradient-boosting crate: those grow trees that mix
//! features (not a sum of per-feature terms, so not a scorecard), pull in threads or C++, and
//! would not give the same bytes on every target. This is a few hundred lines of sums over bins,
//! deterministic (no random sampling, fixed iteration order), and the same under wasm.

use super::progress::Progress;

/// Boosting settings.
#[derive(Debug, Clone, PartialEq)]
pub struct BoostOptions {
    /// At most this many boosting rounds (each round visits every feature once).
    pub rounds: usize,
    /// Shrinkage of every step.
    pub learning_rate: f64,
    /// Leaves of each single-feature tree (2 or 3).
    pub max_leaves: usize,
    /// A leaf (and an interaction cell) needs at least this many fitting rows.
    pub min_leaf_rows: usize,
    /// Stop when the validation log loss has not improved for this many rounds.
    pub patience: usize,
    /// Pairwise interaction terms to add (0: none).
    pub interactions: usize,
    /// Models averaged (bagging): model `k` holds out the `k`-th of `bags` interleaved folds of
    /// the training rows for early stopping and fits on the rest; their terms are averaged,
    /// which smooths the learned shapes (as explainable boosting machines do).
    pub bags: usize,
    /// Groups per feature in an interaction's grid.
    pub pair_groups: usize,
}

impl Default for BoostOptions {
    fn default() -> BoostOptions {
        BoostOptions {
            rounds: 1000,
            learning_rate: 0.02,
            max_leaves: 3,
            min_leaf_rows: 20,
            patience: 40,
            interactions: 5,
            pair_groups: 4,
            bags: 5,
        }
    }
}

/// One feature as the booster sees it: a bin code per row and how the bins are ordered.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// Bin of each row of the dataset (all rows, not only fitting ones).
    pub codes: Vec<u16>,
    /// Number of bins.
    pub bins: usize,
    /// Numeric: bins are ordered and a tree splits them into ranges; categorical: bins are
    /// ordered by their gradient ratio at each step, as gradient-boosting libraries do.
    pub ordered: bool,
    /// The bin that holds rows without a value, if any (never merged into a range).
    pub missing: Option<usize>,
    /// +1: the points never go down as the value goes up; -1: never up; 0: free.
    pub monotone: i8,
}

/// A learned pairwise term: a grid of `groups_a x groups_b` cells.
#[derive(Debug, Clone, PartialEq)]
pub struct PairTerm {
    /// Index of the first feature.
    pub a: usize,
    /// Index of the second feature.
    pub b: usize,
    /// Group of each bin of `a`.
    pub group_a: Vec<usize>,
    /// Group of each bin of `b`.
    pub group_b: Vec<usize>,
    /// Groups of `a` (rows of the grid).
    pub groups_a: usize,
    /// Groups of `b`.
    pub groups_b: usize,
    /// Log-odds per cell, row-major.
    pub cells: Vec<f64>,
}

impl PairTerm {
    fn cell(&self, code_a: u16, code_b: u16) -> Option<usize> {
        let ga = *self.group_a.get(usize::from(code_a))?;
        let gb = *self.group_b.get(usize::from(code_b))?;
        Some(ga * self.groups_b + gb)
    }
}

/// Rows to fit and rows to stop on, with their outcomes and starting log-odds (a base model's,
/// or 0).
pub struct Rows<'a> {
    /// Dataset row indices to fit on.
    pub fit: &'a [usize],
    /// Dataset row indices for early stopping (empty: run every round).
    pub valid: &'a [usize],
    /// Outcome of every dataset row.
    pub outcome: &'a [bool],
    /// Starting log-odds of every dataset row (empty: none).
    pub offset: &'a [f64],
}

const LAMBDA: f64 = 1.0;

/// Mean log loss of rows whose `e = exp(-log-odds)` is given, against `y`:
/// `ln(1 + e)` for a converter, `ln(1 + 1/e)` for the others.
fn log_loss(e: &[f64], y: &[bool]) -> f64 {
    let total: f64 = e.iter().zip(y).map(|(&e, &yi)| if yi { libm::log1p(e) } else { libm::log1p(1.0 / e) }).sum();
    total / e.len().max(1) as f64
}

/// Sums four interleaved copies of per-bin sums, in a fixed order.
fn fold4(v: &[f64], bins: usize) -> Vec<f64> {
    (0..bins).map(|b| (0..4).fold(0.0, |acc, copy| acc + v.get(copy * bins + b).copied().unwrap_or(0.0))).collect()
}

/// One side of the data (fitting or validation) in the booster's compact form. Each row's log-odds
/// `f` is kept as `e = exp(-f)`, updated by multiplying with `exp(-delta)` of the row's bin: a few
/// hundred `exp` calls per step instead of one per row. (The products' rounding stays near 1e-12
/// relative after thousands of steps, and is the same on every target: IEEE multiplication.)
struct Side {
    codes: Vec<Vec<u16>>,
    y: Vec<bool>,
    e: Vec<f64>,
}

impl Side {
    fn new(features: &[Feature], rows: &[usize], outcome: &[bool], offset: &[f64], intercept: f64) -> Side {
        let codes = features
            .iter()
            .map(|feat| rows.iter().map(|&i| feat.codes.get(i).copied().unwrap_or(0)).collect())
            .collect();
        let y = rows.iter().map(|&i| outcome.get(i).copied().unwrap_or(false)).collect();
        let e = rows.iter().map(|&i| libm::exp(-(intercept + offset.get(i).copied().unwrap_or(0.0)))).collect();
        Side { codes, y, e }
    }

    /// Rows per bin of feature `j` (fixed for a side).
    fn counts(&self, j: usize, bins: usize) -> Vec<usize> {
        let mut n = vec![0usize; bins];
        for &c in self.codes.get(j).map_or(&[][..], Vec::as_slice) {
            if let Some(x) = n.get_mut(usize::from(c)) {
                *x += 1;
            }
        }
        n
    }

    /// Adds `delta[bin]` of feature `j` to every row's log-odds.
    fn apply(&mut self, j: usize, delta: &[f64]) {
        let factors: Vec<f64> = delta.iter().map(|d| libm::exp(-d)).collect();
        if let Some(codes) = self.codes.get(j) {
            for (e, &c) in self.e.iter_mut().zip(codes) {
                *e *= factors.get(usize::from(c)).copied().unwrap_or(1.0);
            }
        }
    }

    /// [`Side::apply`] for feature `j`, and in the same pass the gradient and Hessian sums per bin
    /// of feature `next` (the next step's histogram): one pass over the rows per step.
    fn apply_then_histogram(&mut self, j: usize, delta: &[f64], next: usize, bins: usize) -> (Vec<f64>, Vec<f64>) {
        let factors: Vec<f64> = delta.iter().map(|d| libm::exp(-d)).collect();
        // Four interleaved copies of the sums (row i adds to copy i % 4), added up at the end:
        // consecutive rows in the same bin no longer wait on each other's store.
        let (mut g, mut h) = (vec![0.0; 4 * bins], vec![0.0; 4 * bins]);
        let (Some(codes), Some(next_codes)) = (self.codes.get(j), self.codes.get(next)) else {
            return (vec![0.0; bins], vec![0.0; bins]);
        };
        for (i, (((e, &c), &n), &y)) in self.e.iter_mut().zip(codes).zip(next_codes).zip(&self.y).enumerate() {
            *e *= factors.get(usize::from(c)).copied().unwrap_or(1.0);
            let p = 1.0 / (1.0 + *e);
            let k = (i & 3) * bins + usize::from(n);
            if let (Some(gc), Some(hc)) = (g.get_mut(k), h.get_mut(k)) {
                *gc += f64::from(u8::from(y)) - p;
                *hc += p * (1.0 - p);
            }
        }
        (fold4(&g, bins), fold4(&h, bins))
    }

    /// Gradient and Hessian sums per bin of feature `j`.
    fn histogram(&self, j: usize, bins: usize) -> (Vec<f64>, Vec<f64>) {
        let (mut g, mut h) = (vec![0.0; bins], vec![0.0; bins]);
        if let Some(codes) = self.codes.get(j) {
            for ((&c, &e), &y) in codes.iter().zip(&self.e).zip(&self.y) {
                let p = 1.0 / (1.0 + e);
                if let (Some(gc), Some(hc)) = (g.get_mut(usize::from(c)), h.get_mut(usize::from(c))) {
                    *gc += f64::from(u8::from(y)) - p;
                    *hc += p * (1.0 - p);
                }
            }
        }
        (g, h)
    }

    fn apply_pair(&mut self, pair: &PairTerm, delta: &[f64]) {
        let factors: Vec<f64> = delta.iter().map(|d| libm::exp(-d)).collect();
        let (Some(ca), Some(cb)) = (self.codes.get(pair.a), self.codes.get(pair.b)) else { return };
        for ((e, &a), &b) in self.e.iter_mut().zip(ca).zip(cb) {
            if let Some(k) = pair.cell(a, b) {
                *e *= factors.get(k).copied().unwrap_or(1.0);
            }
        }
    }
}

/// A contiguous run of the ordered bins, with its sums.
#[derive(Clone, Copy)]
struct Leaf {
    start: usize,
    end: usize,
    g: f64,
    h: f64,
    n: usize,
}

fn gain_of(g: f64, h: f64) -> f64 {
    g * g / (h + LAMBDA)
}

/// The best split of `leaf` over `order` (positions `start..end`), as (gain, position).
fn best_split(
    leaf: Leaf,
    order: &[usize],
    g: &[f64],
    h: &[f64],
    n: &[usize],
    min_rows: usize,
    monotone: i8,
) -> Option<(f64, usize)> {
    let (mut gl, mut hl, mut nl) = (0.0, 0.0, 0usize);
    let mut best: Option<(f64, usize)> = None;
    for pos in leaf.start..leaf.end.saturating_sub(1) {
        let b = *order.get(pos)?;
        gl += g.get(b).copied().unwrap_or(0.0);
        hl += h.get(b).copied().unwrap_or(0.0);
        nl += n.get(b).copied().unwrap_or(0);
        let (gr, hr, nr) = (leaf.g - gl, leaf.h - hl, leaf.n - nl);
        if nl < min_rows || nr < min_rows {
            continue;
        }
        let (vl, vr) = (gl / (hl + LAMBDA), gr / (hr + LAMBDA));
        if (monotone > 0 && vl > vr) || (monotone < 0 && vl < vr) {
            continue;
        }
        let gain = gain_of(gl, hl) + gain_of(gr, hr) - gain_of(leaf.g, leaf.h);
        if gain > 1e-12 && best.is_none_or(|(bg, _)| gain > bg) {
            best = Some((gain, pos + 1));
        }
    }
    best
}

/// One boosting step for one feature: a tree of at most `max_leaves` leaves over its bins; the
/// change of the feature's term per bin.
fn step(feature: &Feature, g: &[f64], h: &[f64], n: &[usize], options: &BoostOptions) -> Vec<f64> {
    let mut delta = vec![0.0; feature.bins];
    let mut order: Vec<usize> = (0..feature.bins).filter(|b| Some(*b) != feature.missing).collect();
    if !feature.ordered {
        let ratio = |b: usize| g.get(b).copied().unwrap_or(0.0) / (h.get(b).copied().unwrap_or(0.0) + LAMBDA);
        order.sort_by(|&a, &b| ratio(a).total_cmp(&ratio(b)).then(a.cmp(&b)));
    }
    let sum = |range: &[usize]| {
        range.iter().fold((0.0, 0.0, 0usize), |(sg, sh, sn), &b| {
            (
                sg + g.get(b).copied().unwrap_or(0.0),
                sh + h.get(b).copied().unwrap_or(0.0),
                sn + n.get(b).copied().unwrap_or(0),
            )
        })
    };
    let (tg, th, tn) = sum(&order);
    let mut leaves = vec![Leaf { start: 0, end: order.len(), g: tg, h: th, n: tn }];
    let monotone = if feature.ordered { feature.monotone } else { 0 };
    while leaves.len() < options.max_leaves.max(1) {
        let candidate = leaves
            .iter()
            .enumerate()
            .filter_map(|(k, leaf)| {
                best_split(*leaf, &order, g, h, n, options.min_leaf_rows, monotone).map(|(gain, pos)| (gain, k, pos))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        let Some((_, k, pos)) = candidate else { break };
        let Some(leaf) = leaves.get(k).copied() else { break };
        let (lg, lh, ln) = sum(order.get(leaf.start..pos).unwrap_or(&[]));
        let left = Leaf { start: leaf.start, end: pos, g: lg, h: lh, n: ln };
        let right = Leaf { start: pos, end: leaf.end, g: leaf.g - lg, h: leaf.h - lh, n: leaf.n - ln };
        if let Some(slot) = leaves.get_mut(k) {
            *slot = left;
        }
        leaves.insert(k + 1, right);
    }
    for leaf in &leaves {
        let value = options.learning_rate * leaf.g / (leaf.h + LAMBDA);
        for &b in order.get(leaf.start..leaf.end).unwrap_or(&[]) {
            if let Some(d) = delta.get_mut(b) {
                *d = value;
            }
        }
    }
    if let Some(m) = feature.missing {
        let (gm, hm, nm) = sum(&[m]);
        if let Some(d) = delta.get_mut(m).filter(|_| nm >= options.min_leaf_rows) {
            *d = options.learning_rate * gm / (hm + LAMBDA);
        }
    }
    delta
}

/// Weighted isotonic regression (pool adjacent violators) of `term` over the ordered bins other
/// than `missing`, non-decreasing for `direction` > 0, non-increasing for < 0: the change to
/// apply so a monotone feature stays monotone after a step.
fn monotone_fix(term: &[f64], weights: &[usize], missing: Option<usize>, direction: i8) -> Vec<f64> {
    let sign = if direction < 0 { -1.0 } else { 1.0 };
    let idx: Vec<usize> = (0..term.len()).filter(|b| Some(*b) != missing).collect();
    // Blocks of (sum of w*x, sum of w, bins).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for &b in &idx {
        let w = weights.get(b).copied().unwrap_or(0).max(1) as f64;
        blocks.push((sign * term.get(b).copied().unwrap_or(0.0) * w, w, 1));
        while blocks.len() >= 2 {
            let (Some(&(s2, w2, c2)), Some(&(s1, w1, c1))) = (blocks.last(), blocks.get(blocks.len() - 2)) else {
                break;
            };
            if s1 / w1 <= s2 / w2 {
                break;
            }
            blocks.truncate(blocks.len() - 2);
            blocks.push((s1 + s2, w1 + w2, c1 + c2));
        }
    }
    let mut delta = vec![0.0; term.len()];
    let mut k = 0;
    for (s, w, c) in blocks {
        for &b in idx.get(k..k + c).unwrap_or(&[]) {
            if let Some(d) = delta.get_mut(b) {
                *d = sign * s / w - term.get(b).copied().unwrap_or(0.0);
            }
        }
        k += c;
    }
    delta
}

/// Main effects fitted on some rows: intercept and per-bin log-odds.
#[derive(Debug, Clone, PartialEq)]
pub struct Mains {
    /// Intercept (beside the rows' offset).
    pub intercept: f64,
    /// Per feature, per bin.
    pub terms: Vec<Vec<f64>>,
    /// Rounds kept.
    pub rounds: usize,
}

/// Fits the main effects. With validation rows, stops at the round with the best validation log
/// loss (kept) once `options.patience` rounds pass without a better one; without, runs
/// `options.rounds` rounds. `progress` counts rounds from `done` of `total`.
pub fn fit_mains(
    features: &[Feature],
    rows: &Rows<'_>,
    options: &BoostOptions,
    progress: &mut Progress<'_>,
    (done, total): (usize, usize),
) -> Mains {
    let positives = rows.fit.iter().filter(|&&i| rows.outcome.get(i).copied().unwrap_or(false)).count();
    let n = rows.fit.len().max(2);
    // With a base model's offset, the intercept is learned as a correction of it.
    let intercept = if rows.offset.is_empty() {
        libm::log(positives.clamp(1, n - 1) as f64 / (n - positives.clamp(1, n - 1)) as f64)
    } else {
        0.0
    };
    let mut fit_side = Side::new(features, rows.fit, rows.outcome, rows.offset, intercept);
    let mut valid_side = Side::new(features, rows.valid, rows.outcome, rows.offset, intercept);
    let validate = !rows.valid.is_empty();
    let mut terms: Vec<Vec<f64>> = features.iter().map(|f| vec![0.0; f.bins]).collect();
    let counts: Vec<Vec<usize>> = features.iter().enumerate().map(|(j, f)| fit_side.counts(j, f.bins)).collect();
    let mut best = (log_loss(&valid_side.e, &valid_side.y), 0usize, terms.clone(), intercept);
    let (mut g, mut h) = fit_side.histogram(0, features.first().map_or(0, |f| f.bins));
    let mut round = 0;
    let empty = Vec::new();
    while round < options.rounds && !features.is_empty() {
        round += 1;
        for (j, feature) in features.iter().enumerate() {
            let cnt = counts.get(j).unwrap_or(&empty);
            let mut delta = step(feature, &g, &h, cnt, options);
            if feature.ordered && feature.monotone != 0 {
                if let Some(term) = terms.get(j) {
                    let next: Vec<f64> = term.iter().zip(&delta).map(|(t, d)| t + d).collect();
                    let fix = monotone_fix(&next, cnt, feature.missing, feature.monotone);
                    delta.iter_mut().zip(&fix).for_each(|(d, x)| *d += x);
                }
            }
            if let Some(term) = terms.get_mut(j) {
                term.iter_mut().zip(&delta).for_each(|(t, d)| *t += d);
            }
            let next = (j + 1) % features.len();
            let bins = features.get(next).map_or(0, |f| f.bins);
            (g, h) = fit_side.apply_then_histogram(j, &delta, next, bins);
            valid_side.apply(j, &delta);
        }
        progress.tick("boosting", done + round, total);
        if validate {
            let loss = log_loss(&valid_side.e, &valid_side.y);
            if loss < best.0 {
                best = (loss, round, terms.clone(), intercept);
            } else if round >= best.1 + options.patience {
                break;
            }
        }
    }
    if validate {
        let (_, rounds, terms, intercept) = best;
        Mains { intercept, terms, rounds }
    } else {
        Mains { intercept, terms, rounds: options.rounds }
    }
}

/// Boosts the cells of `pairs` on top of the rows' offset (the main effects); early stopping as
/// [`fit_mains`], at most `limit` rounds. Returns the terms and the rounds kept.
pub fn fit_pairs(
    features: &[Feature],
    rows: &Rows<'_>,
    mut pairs: Vec<PairTerm>,
    options: &BoostOptions,
    limit: usize,
    progress: &mut Progress<'_>,
    (done, total): (usize, usize),
) -> (Vec<PairTerm>, usize) {
    let mut fit_side = Side::new(features, rows.fit, rows.outcome, rows.offset, 0.0);
    let mut valid_side = Side::new(features, rows.valid, rows.outcome, rows.offset, 0.0);
    let validate = !rows.valid.is_empty();
    let mut best = (log_loss(&valid_side.e, &valid_side.y), 0usize, pairs.clone());
    let mut round = 0;
    while round < limit {
        round += 1;
        for pair in pairs.iter_mut() {
            let cells = pair.cells.len();
            let (mut g, mut h, mut cnt) = (vec![0.0; cells], vec![0.0; cells], vec![0usize; cells]);
            if let (Some(ca), Some(cb)) = (fit_side.codes.get(pair.a), fit_side.codes.get(pair.b)) {
                for (((&a, &b), &e), &y) in ca.iter().zip(cb).zip(&fit_side.e).zip(&fit_side.y) {
                    let p = 1.0 / (1.0 + e);
                    if let Some(k) = pair.cell(a, b) {
                        if let (Some(gk), Some(hk), Some(nk)) = (g.get_mut(k), h.get_mut(k), cnt.get_mut(k)) {
                            *gk += f64::from(u8::from(y)) - p;
                            *hk += p * (1.0 - p);
                            *nk += 1;
                        }
                    }
                }
            }
            let delta: Vec<f64> = g
                .iter()
                .zip(&h)
                .zip(&cnt)
                .map(
                    |((g, h), &c)| {
                        if c >= options.min_leaf_rows {
                            options.learning_rate * g / (h + LAMBDA)
                        } else {
                            0.0
                        }
                    },
                )
                .collect();
            pair.cells.iter_mut().zip(&delta).for_each(|(c, d)| *c += d);
            fit_side.apply_pair(pair, &delta);
            valid_side.apply_pair(pair, &delta);
        }
        progress.tick("interactions", done + round, total);
        if validate {
            let loss = log_loss(&valid_side.e, &valid_side.y);
            if loss < best.0 {
                best = (loss, round, pairs.clone());
            } else if round >= best.1 + options.patience {
                break;
            }
        }
    }
    if validate {
        (best.2, best.1)
    } else {
        (pairs, limit)
    }
}

/// The log-odds of dataset row `i`: offset, intercept, main terms and pair cells.
pub fn predict(
    intercept: f64,
    terms: &[Vec<f64>],
    pairs: &[PairTerm],
    features: &[Feature],
    offset: &[f64],
    i: usize,
) -> f64 {
    let mains: f64 = features
        .iter()
        .zip(terms)
        .map(|(f, t)| f.codes.get(i).and_then(|&c| t.get(usize::from(c))).copied().unwrap_or(0.0))
        .sum();
    let pairs: f64 = pairs
        .iter()
        .map(|p| {
            let (Some(fa), Some(fb)) = (features.get(p.a), features.get(p.b)) else { return 0.0 };
            let (Some(&a), Some(&b)) = (fa.codes.get(i), fb.codes.get(i)) else { return 0.0 };
            p.cell(a, b).and_then(|k| p.cells.get(k)).copied().unwrap_or(0.0)
        })
        .sum();
    intercept + offset.get(i).copied().unwrap_or(0.0) + mains + pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(codes: Vec<u16>, bins: usize, monotone: i8) -> Feature {
        Feature { codes, bins, ordered: true, missing: None, monotone }
    }

    /// One feature whose conversion rate rises with its bin: the learned term rises too, and the
    /// model's probabilities approach the observed rates.
    #[test]
    fn learns_a_rising_shape() {
        let rows = 4000;
        let codes: Vec<u16> = (0..rows).map(|i| (i % 4) as u16).collect();
        // Rates 10%, 20%, 40%, 60% by bin.
        let outcome: Vec<bool> = (0..rows).map(|i| (i / 4) % 10 < [1, 2, 4, 6][i % 4]).collect();
        let features = vec![feature(codes, 4, 0)];
        let fit_rows: Vec<usize> = (0..rows).collect();
        let data = Rows { fit: &fit_rows, valid: &[], outcome: &outcome, offset: &[] };
        let options = BoostOptions { rounds: 300, learning_rate: 0.1, ..BoostOptions::default() };
        let m = fit_mains(&features, &data, &options, &mut Progress::none(), (0, 300));
        let t = &m.terms[0];
        assert!(t[0] < t[1] && t[1] < t[2] && t[2] < t[3], "{t:?}");
        for (bin, rate) in [0.1, 0.2, 0.4, 0.6].iter().enumerate() {
            let p = 1.0 / (1.0 + (-predict(m.intercept, &m.terms, &[], &features, &[], bin)).exp());
            assert!((p - rate).abs() < 0.01, "bin {bin}: {p} vs {rate}");
        }
    }

    /// A monotone constraint holds even when the data wiggle against it.
    #[test]
    fn monotone_constraint_holds() {
        let rows = 5000;
        let codes: Vec<u16> = (0..rows).map(|i| (i % 5) as u16).collect();
        // Rates 10%, 30%, 20%, 40%, 50%: bin 2 dips.
        let outcome: Vec<bool> = (0..rows).map(|i| (i / 5) % 10 < [1, 3, 2, 4, 5][i % 5]).collect();
        let fit_rows: Vec<usize> = (0..rows).collect();
        let data = Rows { fit: &fit_rows, valid: &[], outcome: &outcome, offset: &[] };
        let options = BoostOptions { rounds: 200, learning_rate: 0.1, ..BoostOptions::default() };
        let free = fit_mains(&[feature(codes.clone(), 5, 0)], &data, &options, &mut Progress::none(), (0, 200));
        assert!(free.terms[0][2] < free.terms[0][1], "unconstrained, the dip is learned: {:?}", free.terms[0]);
        let up = fit_mains(&[feature(codes, 5, 1)], &data, &options, &mut Progress::none(), (0, 200));
        let t = &up.terms[0];
        assert!(t.windows(2).all(|w| w[0] <= w[1] + 1e-12), "{t:?}");
    }

    #[test]
    fn isotonic_fix_pools_violators() {
        let fix = monotone_fix(&[0.0, 2.0, 1.0, 3.0], &[1, 1, 1, 1], None, 1);
        let fixed: Vec<f64> = [0.0, 2.0, 1.0, 3.0].iter().zip(&fix).map(|(a, b)| a + b).collect();
        assert_eq!(fixed, vec![0.0, 1.5, 1.5, 3.0]);
        let down = monotone_fix(&[3.0, 1.0, 2.0], &[1, 1, 2], None, -1);
        let fixed: Vec<f64> = [3.0, 1.0, 2.0].iter().zip(&down).map(|(a, b)| a + b).collect();
        assert!((fixed[1] - 5.0 / 3.0).abs() < 1e-12 && fixed[0] == 3.0, "{fixed:?}");
    }
}
