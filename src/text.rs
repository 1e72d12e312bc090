//! Case-insensitive text matching for the scoring hot path, and did-you-mean suggestions for errors.
//!
//! Model strings are lower-cased once when the model is compiled; lead strings are compared without
//! allocating when they are ASCII (the common case) and lower-cased only when they are not.

use std::borrow::Cow;

/// Lower-cases `s`, borrowing when it is already lower-case ASCII.
pub fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Empty or only whitespace. Decided by the first byte when it is a visible ASCII character (the
/// usual case for an event type), so the whole string is not scanned for every event.
pub fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => false,
        _ => s.trim().is_empty(),
    }
}

/// `s.trim()`, answered without decoding a character when `s` starts and ends with a visible ASCII
/// character (nearly every value a rule reads), since then neither end is white space.
#[inline]
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// `hay` equals `needle`, ignoring case. `needle` must already be lower-case.
pub fn eq_ci(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() {
        hay.eq_ignore_ascii_case(needle)
    } else {
        hay.to_lowercase() == needle
    }
}

/// `hay` contains `needle`, ignoring case. `needle` must already be lower-case.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        hay.to_lowercase().contains(needle)
    }
}

/// `hay` starts with `needle`, ignoring case. `needle` must already be lower-case.
pub fn starts_ci(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        hay.as_bytes().get(..needle.len()).is_some_and(|p| p.eq_ignore_ascii_case(needle.as_bytes()))
    } else {
        hay.to_lowercase().starts_with(needle)
    }
}

/// `hay` ends with `needle`, ignoring case. `needle` must already be lower-case.
pub fn ends_ci(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        h.len() >= n.len() && h.get(h.len() - n.len()..).is_some_and(|s| s.eq_ignore_ascii_case(n))
    } else {
        hay.to_lowercase().ends_with(needle)
    }
}

/// `s` in double quotes for a message, cut to its first 40 characters (and `…`) when longer, so
/// that a message about a huge string stays readable.
pub fn quote_short(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((cut, _)) => format!("\"{}…\"", s.get(..cut).unwrap_or(s)),
        None => format!("\"{s}\""),
    }
}

/// The closest of `candidates` to `word` by Jaro-Winkler similarity (case-insensitive), if close enough
/// to be a plausible typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&w, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .fold(None, |best: Option<(f64, &str)>, cur| match best {
            Some(b) if b.0 >= cur.0 => Some(b),
            _ => Some(cur),
        })
        .map(|(_, c)| c)
}

/// ` (did you mean "x"?)` or nothing.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates).map(|c| format!(" (did you mean \"{c}\"?)")).unwrap_or_default()
}

/// A finite number written as text (`" 250 "`, `"1e3"`), as CRMs and forms often send numbers.
///
/// Read with JSON's number syntax by `serde_json`, the reader of numbers written as numbers: so
/// `"0.30000000000000004"` and `0.30000000000000004` are the same value on every path, and the
/// `.wasm` does not carry the standard library's float parser as well (17.6 KB, 5.6 KB gzipped).
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    serde_json::from_str::<f64>(text.trim()).ok().filter(|x| x.is_finite())
}

/// "a string", "an array", ... for messages.
pub fn describe_value(v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value as a message shows it: text quoted and cut short, arrays and objects by their kind.
pub fn show_value(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => quote_short(s),
        Value::Array(_) | Value::Object(_) => describe_value(v).to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_means_only_whitespace() {
        for blank in ["", " ", "\t\n", "\u{a0}", " \u{2003} "] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for text in ["a", " a", "\u{a0}x", "page_view", "é"] {
            assert!(!is_blank(text), "{text:?}");
        }
    }

    #[test]
    fn trim_is_str_trim_at_every_edge() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}x",
            "x\u{a0}",
            "\u{2003}SaaS\u{2003}",
            "é",
            " é ",
            "\tUS\n",
            "-",
            "~~",
            "\0a\0",
            "\u{85}x",
            "x\u{85}",
            "\u{2028}",
            "\u{2028}a\u{2029}",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    proptest::proptest! {
        /// Any text, and any text with white space or non-ASCII at either end.
        #[test]
        fn trim_is_str_trim(text in "\\PC*", ends in proptest::sample::select(vec!["", " ", "\u{a0}", "\u{2003}", "\u{85}", "\u{2028}", "\0", "é", "\t", "a"])) {
            for t in [text.clone(), format!("{ends}{text}"), format!("{text}{ends}"), format!("{ends}{text}{ends}")] {
                proptest::prop_assert_eq!(trim(&t), t.trim());
            }
        }
    }

    #[test]
    fn case_insensitive_matching() {
        assert!(eq_ci("SaaS", "saas"));
        assert!(!eq_ci("SaaS ", "saas"));
        assert!(contains_ci("https://X.com/Pricing?a", "/pricing"));
        assert!(!contains_ci("/pric", "/pricing"));
        assert!(starts_ci("VP Sales", "vp"));
        assert!(!starts_ci("V", "vp"));
        assert!(ends_ci("a@Acme.COM", "acme.com"));
        assert!(!ends_ci("m", "acme.com"));
        assert!(eq_ci("ÉTÉ", "été"));
        assert!(contains_ci("Geschäftsführer", "führer"));
        assert!(starts_ci("Überblick", "über"));
    }

    #[test]
    fn quotes_are_cut_at_forty_characters() {
        assert_eq!(quote_short("abc"), "\"abc\"");
        assert_eq!(quote_short(&"é".repeat(40)), format!("\"{}\"", "é".repeat(40)));
        assert_eq!(quote_short(&"é".repeat(41)), format!("\"{}…\"", "é".repeat(40)));
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("titel", ["title", "email"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "email"]), None);
        assert_eq!(suggestion("halfLifeDay", ["halfLifeDays", "withinDays"]), " (did you mean \"halfLifeDays\"?)");
    }
}
