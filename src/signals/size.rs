//! Company size bands, the employee-count ranges LinkedIn and most CRMs use.

/// Band names, smallest first. These are the values of `company.sizeBand`.
pub const SIZE_BANDS: &[&str] =
    &["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000", "10001+"];

/// Upper bound (inclusive) of each band but the last.
const UPPER: &[f64] = &[10.0, 50.0, 200.0, 500.0, 1000.0, 5000.0, 10000.0];

/// The band of an employee count; `None` for counts below 1.
pub fn band_of(employees: f64) -> Option<&'static str> {
    if employees.is_nan() || employees < 1.0 {
        return None;
    }
    let i = UPPER.iter().position(|&u| employees <= u).unwrap_or(UPPER.len());
    SIZE_BANDS.get(i).copied()
}

/// A band given as text (`"201-500"`, `"10,001+"`, `"10000+"`), as CRMs often store it.
pub fn band_of_text(text: &str) -> Option<&'static str> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != ',').collect();
    if let Some(b) = SIZE_BANDS.iter().find(|b| **b == cleaned) {
        return Some(b);
    }
    if cleaned == "10000+" {
        return SIZE_BANDS.last().copied();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands() {
        assert_eq!(band_of(0.0), None);
        assert_eq!(band_of(f64::NAN), None);
        assert_eq!(band_of(1.0), Some("1-10"));
        assert_eq!(band_of(10.0), Some("1-10"));
        assert_eq!(band_of(10.5), Some("11-50"));
        assert_eq!(band_of(200.0), Some("51-200"));
        assert_eq!(band_of(201.0), Some("201-500"));
        assert_eq!(band_of(1000.0), Some("501-1000"));
        assert_eq!(band_of(10_001.0), Some("10001+"));
        assert_eq!(band_of(1e12), Some("10001+"));
        assert_eq!(band_of_text(" 201 - 500 "), Some("201-500"));
        assert_eq!(band_of_text("10,001+"), Some("10001+"));
        assert_eq!(band_of_text("lots"), None);
    }
}
