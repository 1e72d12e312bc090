//! Timestamps as integer milliseconds since the Unix epoch (UTC), parsed from RFC 3339 text or epoch-ms
//! numbers and formatted back as RFC 3339.
//!
//! Written by hand on purpose: the engine needs exactly one text format and integer maths, while `chrono`
//! or `time` would add tens of kilobytes to the wasm bundle, and `humantime` rejects UTC offsets
//! (`+02:00`), which CRM exports use. Pure integer arithmetic keeps results identical on every target.

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type Millis = i64;

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// Earliest accepted instant: 0001-01-01T00:00:00Z.
pub const MIN_MS: Millis = -62_135_596_800_000;
/// Latest accepted instant: 9999-12-31T23:59:59.999Z.
pub const MAX_MS: Millis = 253_402_300_799_999;

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian). Howard Hinnant's algorithm.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A small cursor over ASCII bytes for the fixed-width fields of RFC 3339.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, n: usize) -> Option<i64> {
        let slice = self.bytes.get(self.pos..self.pos + n)?;
        let mut v = 0i64;
        for &b in slice {
            if !b.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(b - b'0');
        }
        self.pos += n;
        Some(v)
    }
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }
    fn expect(&mut self, want: u8) -> Option<()> {
        (self.byte()? == want).then_some(())
    }
}

/// Parses an RFC 3339 timestamp (`2026-11-23T09:30:00Z`, `2026-11-23T09:30:00.250+01:00`; `t`/`z`/space
/// accepted as RFC 3339 allows) or a bare date (`2026-11-23`, taken as midnight UTC).
/// Fractions beyond milliseconds are truncated. Leap seconds (`:60`) are refused.
pub fn parse_rfc3339(text: &str) -> Option<Millis> {
    let mut c = Cursor { bytes: text.trim().as_bytes(), pos: 0 };
    let year = c.digits(4)?;
    c.expect(b'-')?;
    let month = c.digits(2)?;
    c.expect(b'-')?;
    let day = c.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let date_ms = days_from_civil(year, month, day) * DAY_MS;
    let Some(sep) = c.byte() else {
        return in_range(date_ms);
    };
    if !matches!(sep, b'T' | b't' | b' ') {
        return None;
    }
    let hour = c.digits(2)?;
    c.expect(b':')?;
    let minute = c.digits(2)?;
    c.expect(b':')?;
    let second = c.digits(2)?;
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut millis = 0i64;
    let mut next = c.byte()?;
    if next == b'.' {
        let mut scale = 100i64;
        let mut count = 0;
        loop {
            next = c.byte()?;
            if !next.is_ascii_digit() {
                break;
            }
            millis += i64::from(next - b'0') * scale;
            scale /= 10;
            count += 1;
        }
        if count == 0 {
            return None;
        }
    }
    let offset_min = match next {
        b'Z' | b'z' => 0,
        b'+' | b'-' => {
            let oh = c.digits(2)?;
            c.expect(b':')?;
            let om = c.digits(2)?;
            if oh > 23 || om > 59 {
                return None;
            }
            let m = oh * 60 + om;
            if next == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    if c.pos != c.bytes.len() {
        return None;
    }
    let local = date_ms + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
    in_range(local - offset_min * 60_000)
}

/// `ms` when it is within the times this crate reads and writes (years 1 to 9999).
pub fn in_range(ms: Millis) -> Option<Millis> {
    (MIN_MS..=MAX_MS).contains(&ms).then_some(ms)
}

/// Accepts epoch milliseconds given as a JSON number; fractions of a millisecond are floored.
pub fn from_epoch_ms(value: f64) -> Option<Millis> {
    if !value.is_finite() {
        return None;
    }
    let floored = value.floor();
    if floored < MIN_MS as f64 || floored > MAX_MS as f64 {
        return None;
    }
    // In range and integral, so the conversion is exact.
    Some(floored as i64)
}

/// Formats as RFC 3339 in UTC with millisecond precision: `2026-11-23T09:30:00.000Z`.
pub fn format_rfc3339(ms: Millis) -> String {
    let ms = ms.clamp(MIN_MS, MAX_MS);
    let days = ms.div_euclid(DAY_MS);
    let rem = ms.rem_euclid(DAY_MS);
    let (y, m, d) = civil_from_days(days);
    let (h, rem) = (rem / 3_600_000, rem % 3_600_000);
    let (min, rem) = (rem / 60_000, rem % 60_000);
    let (s, milli) = (rem / 1000, rem % 1000);
    // Written digit by digit, not with `format!`: cards carry a time for `asOf` and for each event
    // rule's last activity, and the formatting machinery cost more than scoring a small lead.
    let mut out = String::with_capacity(24);
    for (value, width, after) in
        [(y, 4, '-'), (m, 2, '-'), (d, 2, 'T'), (h, 2, ':'), (min, 2, ':'), (s, 2, '.'), (milli, 3, 'Z')]
    {
        push_digits(&mut out, value, width);
        out.push(after);
    }
    out
}

/// Appends `value` (0 <= value < 10^width, as every clamped date part is) as `width` digits.
fn push_digits(out: &mut String, value: i64, width: u32) {
    for place in (0..width).rev() {
        let digit = value.div_euclid(10_i64.pow(place)).rem_euclid(10);
        out.push(char::from(b'0' + digit as u8));
    }
}

/// Parses a JSON value as a timestamp: an RFC 3339 string or an epoch-milliseconds number.
pub fn from_json(value: &serde_json::Value) -> Option<Millis> {
    match value {
        serde_json::Value::String(s) => parse_rfc3339(s),
        serde_json::Value::Number(n) => from_epoch_ms(n.as_f64()?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_and_offsets() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_rfc3339("1969-12-31T23:00:00-01:00"), Some(0));
        assert_eq!(parse_rfc3339("2026-11-23T09:30:00.250Z"), Some(1_795_426_200_250));
        assert_eq!(parse_rfc3339("2026-11-23t09:30:00.2509z"), Some(1_795_426_200_250));
        assert_eq!(parse_rfc3339("2026-11-23"), Some(1_795_392_000_000));
        assert_eq!(parse_rfc3339("2000-02-29T00:00:00Z"), Some(951_782_400_000));
    }

    #[test]
    fn refuses_malformed() {
        for bad in [
            "",
            "2026",
            "2026-13-01",
            "2026-02-30",
            "1900-02-29",
            "2026-11-23T24:00:00Z",
            "2026-11-23T10:00:60Z",
            "2026-11-23T10:00:00",
            "2026-11-23T10:00:00.Z",
            "2026-11-23T10:00:00Zjunk",
            "2026-11-23T10:00:00+0100",
            "yesterday",
            "2026-1-1",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats_round_trip() {
        for ms in [0, 1_795_426_200_250, -1, MIN_MS, MAX_MS, 951_782_400_000] {
            let text = format_rfc3339(ms);
            assert_eq!(parse_rfc3339(&text), Some(ms), "{text}");
        }
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(format_rfc3339(MIN_MS), "0001-01-01T00:00:00.000Z");
        assert_eq!(format_rfc3339(MAX_MS), "9999-12-31T23:59:59.999Z");
    }

    /// The digit-by-digit formatter writes what `format!` with zero-padded widths writes, over the
    /// whole range in uneven steps (every field's digits vary).
    #[test]
    fn formats_like_format_macro() {
        let mut ms = MIN_MS;
        while ms <= MAX_MS {
            let days = ms.div_euclid(DAY_MS);
            let rem = ms.rem_euclid(DAY_MS);
            let (y, m, d) = civil_from_days(days);
            let (h, min, s, milli) = (rem / 3_600_000, rem / 60_000 % 60, rem / 1000 % 60, rem % 1000);
            let expected = format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z");
            assert_eq!(format_rfc3339(ms), expected);
            ms += 7_919_003_917;
        }
    }

    #[test]
    fn epoch_numbers() {
        assert_eq!(from_epoch_ms(1.5), Some(1));
        assert_eq!(from_epoch_ms(-1.5), Some(-2));
        assert_eq!(from_epoch_ms(f64::NAN), None);
        assert_eq!(from_epoch_ms(1e300), None);
    }
}
