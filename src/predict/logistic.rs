//! L2-regularised logistic regression over binary (one-hot) features, fitted by Newton's method
//! (IRLS) with step halving: deterministic, no learning rate or seed to tune, and exact to the
//! optimum in a handful of iterations for the few hundred columns a scorecard has.
//!
//! Hand-written (with a Cholesky solve) because the problem is small and dense in the Hessian:
//! a linear-algebra crate would add far more code to the wasm build than these hundred lines.

/// A fitted model: `log-odds = intercept + sum of the weights of a row's active features`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Intercept (not penalised).
    pub intercept: f64,
    /// One weight per feature.
    pub weights: Vec<f64>,
    /// Newton iterations taken.
    pub iterations: usize,
}

/// Why a fit failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitError(pub String);

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-z))
}

/// Penalised log-likelihood (to maximise).
fn objective(rows: &[Vec<u32>], y: &[bool], b0: f64, w: &[f64], l2: f64) -> f64 {
    let mut ll = 0.0;
    for (row, &yi) in rows.iter().zip(y) {
        let z = b0 + row.iter().map(|&j| w.get(j as usize).copied().unwrap_or(0.0)).sum::<f64>();
        // log(sigmoid(z)) and log(1 - sigmoid(z)), stable for large |z|.
        let log1pexp = if z > 0.0 { z + libm::log1p(libm::exp(-z)) } else { libm::log1p(libm::exp(z)) };
        ll += if yi { z - log1pexp } else { -log1pexp };
    }
    ll - 0.5 * l2 * w.iter().map(|x| x * x).sum::<f64>()
}

/// Fits the model. `rows[i]` lists the active features of row `i` (each `< features`).
pub fn fit(rows: &[Vec<u32>], y: &[bool], features: usize, l2: f64) -> Result<Fit, FitError> {
    if rows.len() != y.len() || rows.is_empty() {
        return Err(FitError("no rows to fit".into()));
    }
    if !(l2.is_finite() && l2 >= 0.0) {
        return Err(FitError(format!("the L2 penalty must be a number >= 0, found {l2}")));
    }
    let positives = y.iter().filter(|v| **v).count() as f64;
    let n = y.len() as f64;
    let mut b0 = libm::log(positives / (n - positives));
    let mut w = vec![0.0; features];
    let dim = features + 1;
    let mut current = objective(rows, y, b0, &w, l2);
    for iteration in 1..=100 {
        // Gradient and Hessian of the penalised log-likelihood; index 0 is the intercept.
        let mut grad = vec![0.0; dim];
        let mut hess = vec![0.0; dim * dim];
        for (row, &yi) in rows.iter().zip(y) {
            let z = b0 + row.iter().map(|&j| w.get(j as usize).copied().unwrap_or(0.0)).sum::<f64>();
            let mu = sigmoid(z);
            let r = f64::from(u8::from(yi)) - mu;
            let h = (mu * (1.0 - mu)).max(1e-12);
            let idx: Vec<usize> = std::iter::once(0).chain(row.iter().map(|&j| j as usize + 1)).collect();
            for (a, &ja) in idx.iter().enumerate() {
                if let Some(g) = grad.get_mut(ja) {
                    *g += r;
                }
                for &jb in idx.get(a..).unwrap_or(&[]) {
                    let (lo, hi) = if ja <= jb { (ja, jb) } else { (jb, ja) };
                    if let Some(cell) = hess.get_mut(lo * dim + hi) {
                        *cell += h;
                    }
                }
            }
        }
        for j in 1..dim {
            let wj = w.get(j - 1).copied().unwrap_or(0.0);
            if let Some(g) = grad.get_mut(j) {
                *g -= l2 * wj;
            }
            if let Some(cell) = hess.get_mut(j * dim + j) {
                *cell += l2;
            }
        }
        // Mirror the upper triangle, then solve H * step = grad.
        for a in 0..dim {
            for b in 0..a {
                let v = hess.get(b * dim + a).copied().unwrap_or(0.0);
                if let Some(cell) = hess.get_mut(a * dim + b) {
                    *cell = v;
                }
            }
        }
        let step = solve_spd(&mut hess, &grad, dim).ok_or_else(|| {
            FitError("the features are degenerate (the Hessian is singular); raise the L2 penalty".into())
        })?;
        // Step halving: never accept a step that lowers the objective.
        let mut scale = 1.0;
        let (mut nb0, mut nw) = (b0, w.clone());
        let mut next = f64::NEG_INFINITY;
        for _ in 0..30 {
            nb0 = b0 + scale * step.first().copied().unwrap_or(0.0);
            nw = w.iter().zip(step.iter().skip(1)).map(|(wj, sj)| wj + scale * sj).collect();
            next = objective(rows, y, nb0, &nw, l2);
            if next >= current - 1e-12 * current.abs() {
                break;
            }
            scale /= 2.0;
        }
        let moved = step.iter().map(|s| (s * scale).abs()).fold(0.0, f64::max);
        b0 = nb0;
        w = nw;
        let gain = next - current;
        current = next;
        if !(b0.is_finite() && w.iter().all(|x| x.is_finite())) {
            return Err(FitError("the fit diverged (perfectly separating features?); raise the L2 penalty".into()));
        }
        if moved < 1e-9 || gain.abs() < 1e-10 * current.abs().max(1.0) {
            return Ok(Fit { intercept: b0, weights: w, iterations: iteration });
        }
    }
    Ok(Fit { intercept: b0, weights: w, iterations: 100 })
}

/// Solves `a * x = b` for a symmetric positive-definite `a` (row-major, `n * n`) by Cholesky;
/// `None` when `a` is not positive definite. Overwrites `a` with its factor.
fn solve_spd(a: &mut [f64], b: &[f64], n: usize) -> Option<Vec<f64>> {
    let at = |a: &[f64], i: usize, j: usize| a.get(i * n + j).copied().unwrap_or(0.0);
    for j in 0..n {
        let mut d = at(a, j, j);
        for k in 0..j {
            d -= at(a, j, k) * at(a, j, k);
        }
        if d.is_nan() || d <= 1e-300 {
            return None;
        }
        let d = d.sqrt();
        *a.get_mut(j * n + j)? = d;
        for i in j + 1..n {
            let mut s = at(a, i, j);
            for k in 0..j {
                s -= at(a, i, k) * at(a, j, k);
            }
            *a.get_mut(i * n + j)? = s / d;
        }
    }
    // L y = b, then L^T x = y.
    let mut x = b.to_vec();
    for i in 0..n {
        let mut s = x.get(i).copied()?;
        for k in 0..i {
            s -= at(a, i, k) * x.get(k).copied()?;
        }
        *x.get_mut(i)? = s / at(a, i, i);
    }
    for i in (0..n).rev() {
        let mut s = x.get(i).copied()?;
        for k in i + 1..n {
            s -= at(a, k, i) * x.get(k).copied()?;
        }
        *x.get_mut(i)? = s / at(a, i, i);
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One binary feature, no penalty: the maximum-likelihood solution is known in closed form,
    /// intercept = logit(rate without the feature), weight = logit(rate with it) - intercept.
    #[test]
    fn matches_the_closed_form_solution() {
        let mut rows = Vec::new();
        let mut y = Vec::new();
        // Without the feature: 20 of 100 convert; with it: 60 of 100.
        for i in 0..100 {
            rows.push(vec![]);
            y.push(i < 20);
        }
        for i in 0..100 {
            rows.push(vec![0]);
            y.push(i < 60);
        }
        let f = fit(&rows, &y, 1, 0.0).unwrap();
        let logit = |p: f64| (p / (1.0 - p)).ln();
        assert!((f.intercept - logit(0.2)).abs() < 1e-9, "{}", f.intercept);
        assert!((f.weights[0] - (logit(0.6) - logit(0.2))).abs() < 1e-9, "{}", f.weights[0]);
    }

    /// Two features and a penalty: the gradient of the penalised likelihood is zero at the fit.
    #[test]
    fn penalised_fit_is_stationary() {
        let rows: Vec<Vec<u32>> = (0..300)
            .map(|i| match i % 3 {
                0 => vec![0],
                1 => vec![1],
                _ => vec![0, 1],
            })
            .collect();
        let y: Vec<bool> = (0..300).map(|i| (i * 7) % 5 < 2 + i % 3).collect();
        let f = fit(&rows, &y, 2, 2.0).unwrap();
        let mut g = [0.0; 3];
        for (row, &yi) in rows.iter().zip(&y) {
            let z = f.intercept + row.iter().map(|&j| f.weights[j as usize]).sum::<f64>();
            let r = f64::from(u8::from(yi)) - sigmoid(z);
            g[0] += r;
            for &j in row {
                g[j as usize + 1] += r;
            }
        }
        g[1] -= 2.0 * f.weights[0];
        g[2] -= 2.0 * f.weights[1];
        assert!(g.iter().all(|x| x.abs() < 1e-6), "{g:?}");
    }

    /// A perfectly separating feature: finite weights under a penalty, never NaN.
    #[test]
    fn separable_data_stays_finite_with_a_penalty() {
        let rows: Vec<Vec<u32>> = (0..100).map(|i| if i < 50 { vec![0] } else { vec![] }).collect();
        let y: Vec<bool> = (0..100).map(|i| i < 50).collect();
        let f = fit(&rows, &y, 1, 1.0).unwrap();
        assert!(f.weights[0].is_finite() && f.weights[0] > 3.0, "{}", f.weights[0]);
    }
}
