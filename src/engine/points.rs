//! Event points in integer billionths, and back to the hundredths a card shows.
//!
//! Why integers: float addition is not associative, so the same events in another order could
//! round to another hundredth (five decayed `page_view`s gave raw 59.5 in one order and 59.49 in
//! another), and CRMs, analytics tools and browsers list events in different orders. An integer
//! sum is the same in any order; a billionth is far below the hundredth the card shows, so only a
//! value within a billionth of a half-hundredth can round differently from the exact real sum, and
//! then the same way on every target.

/// Billionths of a point in one hundredth.
const NANO_PER_CENTI: i128 = 10_000_000;

/// An event's (decayed) points in billionths of a point, rounded half away from zero (as
/// `f64::round` rounds) once per event.
pub(super) fn nano(points: f64) -> i128 {
    let scaled = points * 1e9;
    // Through i64 when it fits (every realistic event: under 9 billion points): a truncating
    // conversion is one machine instruction, where `f64::round` and a float-to-i128 conversion
    // are library calls on x86-64 and in wasm (they showed in the batch profile). `as` saturates;
    // the model's limits keep |points| far below i128's range.
    if scaled.abs() < 9.0e18 {
        let whole = scaled as i64;
        // Exact: below 2^53 `whole` and `scaled` are within a factor of two of each other (or
        // `whole` is 0), so the difference is representable; above it `scaled` is whole.
        let fraction = scaled - whole as f64;
        // Without branches: which way a fraction goes is a coin toss a branch predictor loses.
        let rounded = whole + i64::from(fraction >= 0.5) - i64::from(fraction <= -0.5);
        i128::from(rounded)
    } else {
        scaled.round() as i128
    }
}

/// Hundredths from billionths, rounded half away from zero (as `f64::round` rounds).
pub(super) fn centi_of_nano(n: i128) -> i64 {
    // In i64 when it fits: i128 division is a library call.
    if let Ok(small) = i64::try_from(n) {
        if small.unsigned_abs() < 1 << 62 {
            let per = NANO_PER_CENTI as i64;
            let magnitude = (small.abs() + per / 2) / per;
            return if small < 0 { -magnitude } else { magnitude };
        }
    }
    // Saturating at i128's ends, which no card reaches (the model caps every rule's points).
    let magnitude = n.saturating_abs().saturating_add(NANO_PER_CENTI / 2) / NANO_PER_CENTI;
    let signed = if n < 0 { -magnitude } else { magnitude };
    i64::try_from(signed).unwrap_or(if signed < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definitions before the fast paths, which they must equal (the division's made
    /// overflow-free at i128's ends, as `centi_of_nano`'s own slow path is).
    fn nano_by_round(points: f64) -> i128 {
        let scaled = (points * 1e9).round();
        if scaled.abs() < 9.0e18 {
            i128::from(scaled as i64)
        } else {
            scaled as i128
        }
    }

    fn centi_by_i128(n: i128) -> i64 {
        let magnitude = n.saturating_abs().saturating_add(NANO_PER_CENTI / 2) / NANO_PER_CENTI;
        let signed = if n < 0 { -magnitude } else { magnitude };
        i64::try_from(signed).unwrap_or(if signed < 0 { i64::MIN } else { i64::MAX })
    }

    #[test]
    fn nano_rounds_as_f64_round() {
        let mut cases = vec![0.0, -0.0, 0.5e-9, -0.5e-9, 1.5e-9, -2.5e-9, 9.2e9, -9.2e9, 9.3e9, 1e300, f64::NAN];
        cases.extend([
            f64::INFINITY,
            f64::NEG_INFINITY,
            ((1u64 << 52) as f64 - 0.5) / 1e9,
            ((1u64 << 53) as f64 + 2.0) / 1e9,
        ]);
        // Halves and their neighbours, and a spread of decayed weights times points.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let points = ((x % 20_001) as f64 - 10_000.0) / 100.0;
            let weight = libm::exp2(-(((x >> 20) % 10_000) as f64) / 997.0);
            cases.push(points * weight);
            let half = ((x >> 8) % 1_000_000) as f64 + 0.5;
            cases.extend([half / 1e9, -half / 1e9, f64::from_bits((half / 1e9).to_bits() + 1)]);
        }
        for p in cases {
            assert_eq!(nano(p), nano_by_round(p), "{p:e}");
        }
    }

    #[test]
    fn centi_of_nano_rounds_as_before() {
        let mut cases = vec![0, 1, -1, 4_999_999, 5_000_000, -5_000_000, -4_999_999, i128::MAX, i128::MIN];
        cases.extend([i64::MAX as i128, i64::MIN as i128, (1 << 62) - 1, 1 << 62, -(1 << 62), 1 << 70]);
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x >> (x % 40)) as i128;
            cases.extend([v, -v, v / 10_000_000 * 10_000_000 + 5_000_000, -(v / 10_000_000 * 10_000_000 + 5_000_000)]);
        }
        for n in cases {
            assert_eq!(centi_of_nano(n), centi_by_i128(n), "{n}");
        }
    }
}
