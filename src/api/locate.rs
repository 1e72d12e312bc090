//! Where a JSON path points in a JSON text: the line and column of the value (or, for a member
//! that is absent, of the object that should hold it), so a person finds `rules[3].when.field`
//! in their editor. The model reader works on parsed values, which keep no positions; this walks
//! the text once more, only when there is a problem to show.
//!
//! Why by hand: `serde_json` keeps no spans, and a spanned JSON parser would be a second parser of
//! model documents for one message; this scanner only skips over values and never decides whether
//! the text is valid (it is, or there would be a syntax error with its own position).

use crate::error::{PathSegment, TextPosition};

/// The position of the value at `segments` in `text`, or of the deepest value on the way to it.
pub fn locate(text: &str, segments: &[PathSegment]) -> Option<TextPosition> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    for segment in segments {
        match (segment, bytes.get(at)) {
            (PathSegment::Key(key), Some(b'{')) => match member(text, at, key) {
                Some(value) => at = value,
                None => break,
            },
            (PathSegment::Index(i), Some(b'[')) => match element(bytes, at, *i) {
                Some(value) => at = value,
                None => break,
            },
            _ => break,
        }
    }
    Some(position(text, at))
}

/// 1-based line and column (in bytes, as `serde_json` counts) of byte offset `at`.
fn position(text: &str, at: usize) -> TextPosition {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = at - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    TextPosition { line, column }
}

fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
        at += 1;
    }
    at
}

/// The offset just past the JSON string starting at `at` (a `"`).
fn skip_string(bytes: &[u8], mut at: usize) -> usize {
    at += 1;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    at
}

/// The offset just past the JSON value starting at `at`.
fn skip_value(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b'"') => skip_string(bytes, at),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut i = at;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => {
                        i = skip_string(bytes, i);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            i
        }
        _ => {
            let mut i = at;
            while bytes.get(i).is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace()) {
                i += 1;
            }
            i
        }
    }
}

/// The offset of member `key`'s value in the object at `at`; the last member of that name wins,
/// as `serde_json` keeps the last of duplicate keys.
fn member(text: &str, at: usize, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = skip_ws(bytes, at + 1);
    let mut found = None;
    while bytes.get(i) == Some(&b'"') {
        let end = skip_string(bytes, i);
        let name: Option<String> = text.get(i..end).and_then(|quoted| serde_json::from_str(quoted).ok());
        let value = skip_ws(bytes, skip_ws(bytes, end) + 1);
        if name.as_deref() == Some(key) {
            found = Some(value);
        }
        i = skip_ws(bytes, skip_value(bytes, value));
        if bytes.get(i) != Some(&b',') {
            break;
        }
        i = skip_ws(bytes, i + 1);
    }
    found
}

/// The offset of element `n` of the array at `at`.
fn element(bytes: &[u8], at: usize, n: usize) -> Option<usize> {
    let mut i = skip_ws(bytes, at + 1);
    if bytes.get(i) == Some(&b']') {
        return None;
    }
    for _ in 0..n {
        i = skip_ws(bytes, skip_value(bytes, i));
        if bytes.get(i) != Some(&b',') {
            return None;
        }
        i = skip_ws(bytes, i + 1);
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::segments;

    fn at(text: &str, path: &str) -> (usize, usize) {
        let p = locate(text, &segments(path)).unwrap();
        (p.line, p.column)
    }

    #[test]
    fn paths_point_at_their_values() {
        let text = "{\n  \"groups\": { \"my group\": {\"max\": \"x\"} },\n  \"rules\": [\n    {\"id\": \"a\"},\n    { \"id\": \"b\", \"when\": { \"field\": \"t\\\"q\", \"eq\": [1, {\"a\": \"]\"}] } }\n  ]\n}";
        assert_eq!(at(text, ""), (1, 1));
        assert_eq!(at(text, "groups[\"my group\"].max"), (2, 35));
        assert_eq!(at(text, "rules[0].id"), (4, 12));
        assert_eq!(at(text, "rules[1].when.eq"), (5, 51));
        assert_eq!(at(text, "rules[1].when.field"), (5, 37));
        // Absent members and elements: the deepest value on the way.
        assert_eq!(at(text, "rules[1].when.missing"), (5, 26));
        assert_eq!(at(text, "rules[7].id"), (3, 12));
        assert_eq!(at(text, "groups.fit.max"), (2, 13));
    }

    #[test]
    fn escaped_keys_and_duplicates() {
        let text = r#"{"a\u0062": 1, "ab": 2}"#;
        assert_eq!(at(text, "ab"), (1, 22));
        assert_eq!(locate("", &segments("x")).map(|p| p.line), Some(1));
        assert_eq!(locate("[1,", &segments("[5]")).map(|p| p.column), Some(1));
    }
}
