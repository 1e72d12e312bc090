//! The calibration block of a trained model: `probability = logistic((raw - offset) / factor)`,
//! fitted to the training rows' rounded points by a two-parameter logistic regression (Platt
//! scaling), so that rounding the points, merging bins and stopping boosting early do not leave
//! the probabilities off.

/// `(offset, factor)` fitted on `raw` points and outcomes `y`, starting from `(offset0, factor0)`
/// (the trainer's own scale); the start is returned when the fit cannot move (one outcome, or
/// every row with the same points).
pub fn fit(raw: &[f64], y: &[bool], offset0: f64, factor0: f64) -> (f64, f64) {
    if !(factor0.is_finite() && factor0 > 0.0) || raw.len() != y.len() || raw.is_empty() {
        return (offset0, factor0);
    }
    // log-odds = a * raw + b; a = 1 / factor, b = -offset / factor. Newton's method with step
    // halving: a step is taken only if it raises the likelihood.
    let (mut a, mut b) = (1.0 / factor0, -offset0 / factor0);
    let mut current = likelihood(raw, y, a, b);
    let mut moved = false;
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (&r, &yi) in raw.iter().zip(y) {
            let p = 1.0 / (1.0 + libm::exp(-(a * r + b)));
            let e = f64::from(u8::from(yi)) - p;
            let w = (p * (1.0 - p)).max(1e-12);
            ga += e * r;
            gb += e;
            haa += w * r * r;
            hab += w * r;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if !(det.is_finite() && det > 1e-12 * (haa * hbb).max(1e-300)) {
            break;
        }
        let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
        let mut scale = 1.0;
        let mut accepted = false;
        for _ in 0..40 {
            let next = likelihood(raw, y, a + scale * da, b + scale * db);
            if next >= current {
                a += scale * da;
                b += scale * db;
                current = next;
                accepted = true;
                break;
            }
            scale /= 2.0;
        }
        if !accepted {
            break;
        }
        moved = true;
        if (scale * da).abs() < 1e-12 && (scale * db).abs() < 1e-10 {
            break;
        }
    }
    if !(moved && a.is_finite() && b.is_finite() && a > 0.0) {
        return (offset0, factor0);
    }
    (-b / a, 1.0 / a)
}

/// Log-likelihood of the outcomes under log-odds `a * raw + b`.
fn likelihood(raw: &[f64], y: &[bool], a: f64, b: f64) -> f64 {
    raw.iter()
        .zip(y)
        .map(|(&r, &yi)| {
            let z = a * r + b;
            let log1pexp = if z > 0.0 { z + libm::log1p(libm::exp(-z)) } else { libm::log1p(libm::exp(z)) };
            if yi {
                z - log1pexp
            } else {
                -log1pexp
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points whose true log-odds are (raw - 40) / 25: the fit finds offset 40 and factor 25.
    #[test]
    fn recovers_a_known_scale() {
        let mut raw = Vec::new();
        let mut y = Vec::new();
        for step in 0..=80 {
            let r = f64::from(step);
            let p = 1.0 / (1.0 + ((40.0 - r) / 25.0_f64).exp());
            // 1000 rows per point value, the right share converting.
            let yes = (p * 1000.0).round() as usize;
            for k in 0..1000 {
                raw.push(r);
                y.push(k < yes);
            }
        }
        let (offset, factor) = fit(&raw, &y, 0.0, 10.0);
        assert!((offset - 40.0).abs() < 0.1 && (factor - 25.0).abs() < 0.2, "{offset} {factor}");
        // Degenerate: every row the same points: the start comes back.
        assert_eq!(fit(&[1.0, 1.0], &[true, false], 3.0, 28.8), (3.0, 28.8));
    }
}
