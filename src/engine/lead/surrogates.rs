//! Lone surrogates in a lead's JSON text become U+FFFD, as they do on every other path.
//!
//! A JS string may hold half of a surrogate pair (text cut in the middle of an emoji is common).
//! `TextEncoder`, which the JS API uses for leads given as strings and for NDJSON, writes U+FFFD
//! for it; `JSON.stringify`, which it uses for leads given as objects, writes the escape `\ud83d`,
//! which JSON parsers refuse. So the same lead was scored from a string and refused as an object.
//! Every escape of a surrogate that is not half of a valid pair is rewritten here to `\ufffd`,
//! which is as long, so error positions stay where they were.

use std::borrow::Cow;

/// `text` with every lone surrogate escape (`\uD800`-`\uDFFF` not in a high-low pair) replaced by
/// `\ufffd`; borrowed when there is none, which the first, fast check finds for almost every lead.
pub(super) fn repair(text: &str) -> Cow<'_, str> {
    if !text.contains("\\u") {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut lone = Vec::new();
    let (mut i, mut in_string) = (0, false);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                if bytes.get(i + 1) == Some(&b'u') {
                    match surrogate(bytes, i) {
                        Some(0xD800..=0xDBFF) if matches!(surrogate(bytes, i + 6), Some(0xDC00..=0xDFFF)) => {
                            i += 12;
                            continue;
                        }
                        Some(_) => lone.push(i),
                        None => {}
                    }
                }
                // Skip the escaped character (a quote or a backslash must not toggle anything).
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if lone.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for at in lone {
        out.push_str(text.get(from..at).unwrap_or(""));
        out.push_str("\\ufffd");
        from = at + 6;
    }
    out.push_str(text.get(from..).unwrap_or(""));
    Cow::Owned(out)
}

/// The code unit of a `\uXXXX` escape at `at` when it is a surrogate (D800-DFFF).
fn surrogate(bytes: &[u8], at: usize) -> Option<u16> {
    if bytes.get(at) != Some(&b'\\') || bytes.get(at + 1) != Some(&b'u') {
        return None;
    }
    let hex = std::str::from_utf8(bytes.get(at + 2..at + 6)?).ok()?;
    let unit = u16::from_str_radix(hex, 16).ok()?;
    (0xD800..=0xDFFF).contains(&unit).then_some(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_the_replacement_character() {
        assert_eq!(repair(r#"{"t":"VP \ud800"}"#), r#"{"t":"VP \ufffd"}"#);
        assert_eq!(repair(r#"{"t":"\uDC00x\ud83d"}"#), r#"{"t":"\ufffdx\ufffd"}"#);
        assert_eq!(repair(r#"{"\ud800":1}"#), r#"{"\ufffd":1}"#, "keys too");
        // A valid pair, an escaped backslash before `u`, and text outside strings stay as they are.
        for same in [r#"{"t":"\ud83d\ude00"}"#, r#"{"t":"\\ud800"}"#, r#"{"t":"\u00e9"}"#, "{\"t\":1}"] {
            assert!(matches!(repair(same), Cow::Borrowed(_)), "{same}");
        }
        // What serde_json reads afterwards is the replacement character.
        let v: Result<serde_json::Value, _> = serde_json::from_str(&repair(r#"{"t":"VP \ud800"}"#));
        assert_eq!(v.ok().and_then(|v| v["t"].as_str().map(str::to_string)).as_deref(), Some("VP \u{fffd}"));
    }
}
