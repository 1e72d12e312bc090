//! Which pairs of features get an interaction term, and the coarse grid each pair is learned on.
//!
//! The heuristic is FAST (Lou, Caruana, Gehrke and Hooker, "Accurate intelligible models with
//! pairwise interactions", KDD 2013), as explainable boosting machines use it: after the main
//! effects are fitted, every pair is scored by how much the best single cut on each of its two
//! features (four quadrants, one constant each) would lower the log loss of the residual, in a
//! Newton step; the K best pairs are kept. A pair is learned on a grid of a few groups per
//! feature (`pair_groups`), so that each cell is one readable rule with enough rows behind it.

use super::boost::{BoostOptions, Feature, PairTerm};

const LAMBDA: f64 = 1.0;

/// Groups of a feature's bins for an interaction grid: numeric bins in their order, categorical
/// bins in the order of their learned points, cut into at most `options.pair_groups` runs of
/// about equal rows; the missing bin (if it has rows) is a group of its own, last. Returns the
/// group of each bin and the number of groups.
pub fn groups(
    feature: &Feature,
    term: &[f64],
    codes: &[Vec<u16>],
    j: usize,
    options: &BoostOptions,
) -> (Vec<usize>, usize) {
    let mut count = vec![0usize; feature.bins];
    for &c in codes.get(j).map_or(&[][..], Vec::as_slice) {
        if let Some(n) = count.get_mut(usize::from(c)) {
            *n += 1;
        }
    }
    let mut order: Vec<usize> = (0..feature.bins).filter(|b| Some(*b) != feature.missing).collect();
    if !feature.ordered {
        let t = |b: usize| term.get(b).copied().unwrap_or(0.0);
        order.sort_by(|&a, &b| t(a).total_cmp(&t(b)).then(a.cmp(&b)));
    }
    let total: usize = order.iter().map(|&b| count.get(b).copied().unwrap_or(0)).sum();
    let k = options.pair_groups.max(1);
    let mut group = vec![0usize; feature.bins];
    let (mut seen, mut g) = (0usize, 0usize);
    for &b in &order {
        let n = count.get(b).copied().unwrap_or(0);
        // Start a new group once this one holds its share of the rows.
        if seen * k >= (g + 1) * total.max(1) && g + 1 < k && n > 0 {
            g += 1;
        }
        if let Some(slot) = group.get_mut(b) {
            *slot = g;
        }
        seen += n;
    }
    let mut groups = g + 1;
    if let Some(m) = feature.missing {
        if count.get(m).copied().unwrap_or(0) > 0 {
            if let Some(slot) = group.get_mut(m) {
                *slot = groups;
            }
            groups += 1;
        }
    }
    (group, groups)
}

/// The `options.interactions` pairs (feature indices, first < second) with the largest FAST gain
/// on the residual of the rows' scores (given as `e = exp(-log-odds)`), best first; ties by index.
pub fn choose(
    features: &[Feature],
    terms: &[Vec<f64>],
    codes: &[Vec<u16>],
    e: &[f64],
    y: &[bool],
    options: &BoostOptions,
) -> Vec<(usize, usize)> {
    let (g, h): (Vec<f64>, Vec<f64>) = e
        .iter()
        .zip(y)
        .map(|(&e, &yi)| {
            let p = 1.0 / (1.0 + e);
            (f64::from(u8::from(yi)) - p, p * (1.0 - p))
        })
        .unzip();
    let grouped: Vec<(Vec<usize>, usize)> = features
        .iter()
        .enumerate()
        .map(|(j, feat)| groups(feat, terms.get(j).map_or(&[][..], Vec::as_slice), codes, j, options))
        .collect();
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for a in 0..features.len() {
        for b in a + 1..features.len() {
            let (Some((ga, na)), Some((gb, nb))) = (grouped.get(a), grouped.get(b)) else { continue };
            let (Some(ca), Some(cb)) = (codes.get(a), codes.get(b)) else { continue };
            let cells = na * nb;
            let (mut sg, mut sh, mut sn) = (vec![0.0; cells], vec![0.0; cells], vec![0usize; cells]);
            for (((&x, &z), gi), hi) in ca.iter().zip(cb).zip(&g).zip(&h) {
                let (Some(&p), Some(&q)) = (ga.get(usize::from(x)), gb.get(usize::from(z))) else { continue };
                let k = p * nb + q;
                if let (Some(a1), Some(a2), Some(a3)) = (sg.get_mut(k), sh.get_mut(k), sn.get_mut(k)) {
                    *a1 += gi;
                    *a2 += hi;
                    *a3 += 1;
                }
            }
            let gain = fast_gain(&sg, &sh, &sn, *na, *nb, options.min_leaf_rows);
            if gain > 0.0 {
                scored.push((gain, a, b));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    scored.into_iter().take(options.interactions).map(|(_, a, b)| (a, b)).collect()
}

/// Empty pair terms for `pairs`, on grids from the main terms (see [`groups`]).
pub fn pair_terms(
    features: &[Feature],
    terms: &[Vec<f64>],
    fit: &[usize],
    pairs: &[(usize, usize)],
    options: &BoostOptions,
) -> Vec<PairTerm> {
    let codes: Vec<Vec<u16>> =
        features.iter().map(|f| fit.iter().map(|&i| f.codes.get(i).copied().unwrap_or(0)).collect()).collect();
    pairs
        .iter()
        .filter_map(|&(a, b)| {
            let (fa, fb) = (features.get(a)?, features.get(b)?);
            let (group_a, groups_a) = groups(fa, terms.get(a)?, &codes, a, options);
            let (group_b, groups_b) = groups(fb, terms.get(b)?, &codes, b, options);
            Some(PairTerm { a, b, group_a, group_b, groups_a, groups_b, cells: vec![0.0; groups_a * groups_b] })
        })
        .collect()
}

/// The pairs FAST ranks best on the residual of `offset` (the main effects' log-odds per dataset
/// row) over the `fit` rows.
pub fn choose_pairs(
    features: &[Feature],
    terms: &[Vec<f64>],
    fit: &[usize],
    outcome: &[bool],
    offset: &[f64],
    options: &BoostOptions,
) -> Vec<(usize, usize)> {
    let codes: Vec<Vec<u16>> =
        features.iter().map(|f| fit.iter().map(|&i| f.codes.get(i).copied().unwrap_or(0)).collect()).collect();
    let e: Vec<f64> = fit.iter().map(|&i| libm::exp(-offset.get(i).copied().unwrap_or(0.0))).collect();
    let y: Vec<bool> = fit.iter().map(|&i| outcome.get(i).copied().unwrap_or(false)).collect();
    choose(features, terms, &codes, &e, &y, options)
}

/// The best four-quadrant gain of a grid (cut after row group `i`, after column group `j`), each
/// quadrant needing `min_rows` rows.
fn fast_gain(g: &[f64], h: &[f64], n: &[usize], na: usize, nb: usize, min_rows: usize) -> f64 {
    let at = |v: &[f64], p: usize, q: usize| v.get(p * nb + q).copied().unwrap_or(0.0);
    let total_g: f64 = g.iter().sum();
    let total_h: f64 = h.iter().sum();
    let base = total_g * total_g / (total_h + LAMBDA);
    let mut best: f64 = 0.0;
    for i in 1..na {
        for j in 1..nb {
            let mut q = [(0.0, 0.0, 0usize); 4];
            for p in 0..na {
                for r in 0..nb {
                    let k = usize::from(p >= i) * 2 + usize::from(r >= j);
                    if let Some(cell) = q.get_mut(k) {
                        cell.0 += at(g, p, r);
                        cell.1 += at(h, p, r);
                        cell.2 += n.get(p * nb + r).copied().unwrap_or(0);
                    }
                }
            }
            if q.iter().any(|c| c.2 < min_rows) {
                continue;
            }
            let gain: f64 = q.iter().map(|c| c.0 * c.0 / (c.1 + LAMBDA)).sum::<f64>() - base;
            best = best.max(gain);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three features; the outcome depends on the exclusive-or of the first and third: FAST
    /// picks that pair, not the pairs with the noise feature.
    #[test]
    fn finds_the_interacting_pair() {
        let rows = 4000usize;
        let a: Vec<u16> = (0..rows).map(|i| (i % 2) as u16).collect();
        let noise: Vec<u16> = (0..rows).map(|i| ((i / 2) % 2) as u16).collect();
        let c: Vec<u16> = (0..rows).map(|i| ((i / 4) % 2) as u16).collect();
        let y: Vec<bool> = (0..rows).map(|i| (a[i] ^ c[i]) == 1 && i % 10 < 8 || i % 10 == 9).collect();
        let feature =
            |codes: &Vec<u16>| Feature { codes: codes.clone(), bins: 2, ordered: true, missing: None, monotone: 0 };
        let features = vec![feature(&a), feature(&noise), feature(&c)];
        let codes = vec![a, noise, c];
        let rate = y.iter().filter(|v| **v).count() as f64 / rows as f64;
        let e = vec![(1.0 - rate) / rate; rows];
        let options = BoostOptions { interactions: 1, ..BoostOptions::default() };
        let terms = vec![vec![0.0; 2]; 3];
        assert_eq!(choose(&features, &terms, &codes, &e, &y, &options), vec![(0, 2)]);
    }

    #[test]
    fn groups_hold_about_equal_rows_and_missing_apart() {
        let codes = vec![(0..100u16).map(|i| i % 5).collect::<Vec<u16>>()];
        let feature = Feature { codes: codes[0].clone(), bins: 5, ordered: true, missing: Some(4), monotone: 0 };
        let options = BoostOptions { pair_groups: 2, ..BoostOptions::default() };
        let (group, n) = groups(&feature, &[0.0; 5], &codes, 0, &options);
        assert_eq!((group, n), (vec![0, 0, 1, 1, 2], 3));
    }
}
