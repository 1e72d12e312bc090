//! Reads a lead from JSON text: a small scanner for the lead's own structure (the top-level object,
//! the `events` array, each event's object, its `type` and `at`), with every other value handed to
//! `serde_json` as a slice of the text.
//!
//! Why by hand: reading through serde's visitors cost about 4.4 µs per benchmark lead natively,
//! 1.6 times the scoring itself, most of it the visitor machinery around values the engine only
//! needs as plain strings and integers (an event's type and time, 15 times per lead). jiter's
//! serde layer was measured no faster, and its pull parser would add about 20 KB gzipped to the
//! `.wasm` beside the `serde_json` the model reader needs anyway. This scanner: JSON text parsed
//! and scored 178.5 K -> 213.8 K leads/s natively (criterion, same run), 17% fewer instructions.
//!
//! What keeps the two readers identical: the scanner produces the same [`RawLead`] as the `Value`
//! walk in `value`, and everything after that (checks, messages, policy) is shared. Every byte is
//! either checked here or parsed by `serde_json` as a complete value, so a text is accepted exactly
//! when it is JSON (a property test mutates texts to check that); strings with escapes and numbers
//! other than plain integers are decoded by `serde_json` itself, so values are bit-for-bit those of
//! the `Value` path.

use super::event::{finish_event, not_an_event, Event, EventScalar};
use super::limits::{check_field, check_key, check_str};
use super::raw::{RawEvents, RawLead};
use crate::error::{child, index, Code, LeadError, TextPosition};
use crate::model::InputPolicy;
use serde::de::IgnoredAny;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Reads a lead from JSON text. Syntax errors come first (the whole text is read before any
/// other check), as with a full JSON parse.
pub(super) fn read(text: &str, policy: &InputPolicy) -> Result<RawLead, LeadError> {
    let mut s = Scanner { text, pos: 0 };
    let raw = s.lead(policy).map_err(|e| e.into_error(text))?;
    s.ws();
    if s.pos < text.len() {
        return Err(Syntax::at(s.pos, "trailing characters").into_error(text));
    }
    Ok(raw)
}

/// A syntax problem at a byte offset; turned into a message with line and column only when
/// reported.
struct Syntax {
    at: usize,
    message: Cow<'static, str>,
}

impl Syntax {
    fn at(at: usize, message: &'static str) -> Syntax {
        Syntax { at, message: Cow::Borrowed(message) }
    }

    /// A `serde_json` error inside the slice that starts at `start`: its position made absolute.
    fn in_slice(text: &str, start: usize, e: &serde_json::Error) -> Syntax {
        let slice = text.get(start..).unwrap_or("");
        let line_start: usize = slice.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(cut) => full.get(..cut).unwrap_or(&full).to_string(),
            None => full,
        };
        // serde_json's column is 1-based and points at the offending byte (0 at the end of input).
        Syntax { at: start + line_start + e.column().saturating_sub(1), message: Cow::Owned(message) }
    }

    fn into_error(self, text: &str) -> LeadError {
        let mut at = self.at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = text.get(..at).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        LeadError {
            position: Some(TextPosition { line, column }),
            ..LeadError::new(
                "",
                Code::Syntax,
                format!("not valid JSON: {} at line {line} column {column}", self.message),
            )
        }
    }
}

/// The position (0-7) of the first of the eight bytes in `word` (little-endian) that is a quote,
/// a backslash or a control character (below 0x20), if any. The has-zero-byte trick:
/// `(v - 0x01..) & !v & 0x80..` flags every zero byte of `v` and, through borrows, possibly bytes
/// above one, never below, so its lowest flag is exact. Applied to `word` xor each stop byte, and
/// to `word` itself against 0x20.
fn first_string_stop(word: u64) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let quote = zero_byte(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_byte(word ^ (ONES * u64::from(b'\\')));
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    let stops = quote | backslash | control;
    (stops != 0).then(|| stops.trailing_zeros() as usize / 8)
}

/// Object levels read by the scanner inside a value before the rest is left to `serde_json`.
const NESTED_OBJECTS: usize = 4;

struct Scanner<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Scanner<'t> {
    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Skips JSON whitespace (space, tab, line feed, carriage return: nothing else).
    fn ws(&mut self) {
        while matches!(self.byte(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// After whitespace: `,` (true, and consumed) or the closing `close` (false, consumed).
    fn next_member(&mut self, close: u8, what: &'static str) -> Result<bool, Syntax> {
        self.ws();
        match self.byte() {
            Some(b',') => {
                self.pos += 1;
                self.ws();
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            Some(_) => {
                Err(Syntax::at(self.pos, if close == b'}' { "expected `,` or `}`" } else { "expected `,` or `]`" }))
            }
            None => Err(Syntax::at(self.pos, what)),
        }
    }

    /// After `{` and whitespace: the first key, or `None` for `{}`.
    fn first_key(&mut self) -> Result<Option<Cow<'t, str>>, Syntax> {
        self.ws();
        if self.byte() == Some(b'}') {
            self.pos += 1;
            return Ok(None);
        }
        self.key().map(Some)
    }

    /// After a member's value: the next key, or `None` at the object's `}`.
    fn next_key(&mut self) -> Result<Option<Cow<'t, str>>, Syntax> {
        if self.next_member(b'}', "EOF while parsing an object")? {
            self.key().map(Some)
        } else {
            Ok(None)
        }
    }

    /// A member's key and its `:`.
    fn key(&mut self) -> Result<Cow<'t, str>, Syntax> {
        match self.byte() {
            Some(b'"') => {}
            Some(_) => return Err(Syntax::at(self.pos, "key must be a string")),
            None => return Err(Syntax::at(self.pos, "EOF while parsing an object")),
        }
        let key = self.string()?;
        self.ws();
        match self.byte() {
            Some(b':') => self.pos += 1,
            Some(_) => return Err(Syntax::at(self.pos, "expected `:`")),
            None => return Err(Syntax::at(self.pos, "EOF while parsing an object")),
        }
        self.ws();
        Ok(key)
    }

    /// The string at `pos` (which is `"`): borrowed from the text when it has no escapes.
    fn string(&mut self) -> Result<Cow<'t, str>, Syntax> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let mut i = start + 1;
        // Eight bytes at a time to the first one that ends the plain run (a quote, a backslash or
        // a control character); the byte loop below then decides what it is, and reads the last
        // few bytes of the text.
        while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
            match first_string_stop(u64::from_le_bytes(*chunk)) {
                Some(at) => {
                    i += at;
                    break;
                }
                None => i += 8,
            }
        }
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(Cow::Borrowed(self.text.get(start + 1..i).unwrap_or("")));
                }
                // Escapes (and the control characters JSON forbids) go to serde_json.
                b'\\' | 0..=0x1f => {
                    let end = self.value_end(start);
                    return self.parse::<String>(start, end).map(Cow::Owned);
                }
                _ => i += 1,
            }
        }
        Err(Syntax::at(bytes.len(), "EOF while parsing a string"))
    }

    /// Where the value starting at `start` ends, found leniently (brackets counted, strings and
    /// their escapes skipped); `serde_json` then checks that slice strictly.
    fn value_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = start;
        let mut depth = 0usize;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => {
                    i += 1;
                    while let Some(&c) = bytes.get(i) {
                        i += if c == b'\\' { 2 } else { 1 };
                        if c == b'"' {
                            break;
                        }
                    }
                    if depth == 0 {
                        return i.min(bytes.len());
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return i,
                _ => {}
            }
            i += 1;
        }
        bytes.len()
    }

    /// `serde_json`'s reading of `text[start..end]`, as a `T`; the scanner moves past it.
    fn parse<T: serde::de::DeserializeOwned>(&mut self, start: usize, end: usize) -> Result<T, Syntax> {
        let slice = self.text.get(start..end).unwrap_or("");
        let value = serde_json::from_str(slice).map_err(|e| Syntax::in_slice(self.text, start, &e))?;
        self.pos = end;
        Ok(value)
    }

    /// Any JSON value. Strings, plain integers and (a few levels of) objects are read here, as
    /// `serde_json` would read them; anything else is read by `serde_json` from its slice.
    fn value(&mut self) -> Result<Value, Syntax> {
        self.value_at(0)
    }

    fn value_at(&mut self, depth: usize) -> Result<Value, Syntax> {
        match self.byte() {
            None => return Err(Syntax::at(self.pos, "EOF while parsing a value")),
            Some(b'"') => return Ok(Value::String(self.string()?.into_owned())),
            Some(b'1'..=b'9') => {
                if let Some(n) = self.plain_integer() {
                    return Ok(Value::from(n));
                }
            }
            // Nested company records and the like; deeper structures are rare and left to serde_json
            // (which also bounds the recursion).
            Some(b'{') if depth < NESTED_OBJECTS => {
                self.pos += 1;
                let mut map = Map::new();
                let mut key = self.first_key()?;
                while let Some(k) = key {
                    let value = self.value_at(depth + 1)?;
                    map.insert(k.into_owned(), value);
                    key = self.next_key()?;
                }
                return Ok(Value::Object(map));
            }
            Some(_) => {}
        }
        let end = self.value_end(self.pos);
        self.parse(self.pos, end)
    }

    /// An event's `type` or `at`: strings and plain integers read here, anything else by
    /// `serde_json`.
    fn scalar(&mut self) -> Result<EventScalar<'t>, Syntax> {
        match self.byte() {
            Some(b'"') => {
                return Ok(match self.string()? {
                    Cow::Borrowed(s) => EventScalar::Borrowed(s),
                    Cow::Owned(s) => EventScalar::Owned(s),
                });
            }
            Some(b'1'..=b'9') => {
                if let Some(n) = self.plain_integer() {
                    return Ok(EventScalar::Other(Value::from(n)));
                }
            }
            _ => {}
        }
        Ok(EventScalar::from(self.value()?))
    }

    /// A positive integer without fraction or exponent that fits in a `u64` (epoch milliseconds):
    /// what `serde_json` reads as the same `u64`. Anything else is left for `serde_json`.
    fn plain_integer(&mut self) -> Option<u64> {
        let bytes = self.text.as_bytes();
        let mut n: u64 = 0;
        let mut i = self.pos;
        while let Some(&b) = bytes.get(i) {
            match b {
                // Wrapping arithmetic, with overflow ruled out by the digit count below: checked
                // 64-bit multiplication is a call to a 128-bit multiply on wasm32.
                b'0'..=b'9' => n = n.wrapping_mul(10).wrapping_add(u64::from(b - b'0')),
                b'.' | b'e' | b'E' => return None,
                _ => break,
            }
            i += 1;
        }
        // Up to 19 digits always fit in a u64; longer numbers go to serde_json.
        if i - self.pos > 19 {
            return None;
        }
        self.pos = i;
        Some(n)
    }

    /// The whole lead: an object's attributes and events, or whatever else the text holds.
    fn lead(&mut self, policy: &InputPolicy) -> Result<RawLead, Syntax> {
        self.ws();
        if self.byte() != Some(b'{') {
            return self.value().map(RawLead::Other);
        }
        self.pos += 1;
        let mut attrs = Map::new();
        let mut events = None;
        let mut key = self.first_key()?;
        while let Some(k) = key {
            if k == "events" {
                // A repeated key: the last one counts, as in a JSON object read into a map.
                events = Some(self.events(policy)?);
            } else {
                let value = self.value()?;
                attrs.insert(k.into_owned(), value);
            }
            key = self.next_key()?;
        }
        Ok(RawLead::Object { attrs, events })
    }

    /// The `events` member.
    fn events(&mut self, policy: &InputPolicy) -> Result<RawEvents, Syntax> {
        if self.byte() != Some(b'[') {
            let value = self.value()?;
            return Ok(if value.is_null() { RawEvents::Null } else { RawEvents::Other(value) });
        }
        self.pos += 1;
        self.ws();
        let mut events = Vec::with_capacity(16.min(policy.max_events));
        let mut problems = Vec::new();
        let mut count = 0;
        if self.byte() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                // Past the limit, items are only checked and counted: the error says how many.
                if count >= policy.max_events {
                    let end = self.value_end(self.pos);
                    self.parse::<IgnoredAny>(self.pos, end)?;
                } else {
                    match self.event(policy, count)? {
                        Ok(event) => events.push(event),
                        Err(problem) => problems.push(problem),
                    }
                }
                count += 1;
                if !self.next_member(b']', "EOF while parsing a list")? {
                    break;
                }
            }
        }
        Ok(RawEvents::Items { events, problems, count })
    }

    /// One event: `type` and `at` read here, every other field as a `Value`.
    fn event(&mut self, policy: &InputPolicy, i: usize) -> Result<Result<Event, LeadError>, Syntax> {
        if self.byte() != Some(b'{') {
            return Ok(Err(not_an_event(&self.value()?, i)));
        }
        self.pos += 1;
        let (mut kind, mut at, mut fields) = (None, None, Map::new());
        let mut too_large: Option<LeadError> = None;
        let max = policy.max_string_bytes;
        let path = || index("events", i);
        let mut key = self.first_key()?;
        while let Some(k) = key {
            // Length first: the usual key costs one comparison.
            if k.len() > max && too_large.is_none() {
                too_large = check_key(&k, max, path);
            }
            if k == "type" || k == "at" {
                let value = self.scalar()?;
                if too_large.is_none() {
                    too_large = match &value {
                        EventScalar::Borrowed(s) => check_str(s, max, || child(&path(), &k)),
                        EventScalar::Owned(s) => check_str(s, max, || child(&path(), &k)),
                        EventScalar::Other(v) => check_field(v, 2, max, || child(&path(), &k)),
                    };
                }
                if k == "type" {
                    kind = Some(value);
                } else {
                    at = Some(value);
                }
            } else {
                let value = self.value()?;
                if too_large.is_none() {
                    too_large = check_field(&value, 2, max, || child(&path(), &k));
                }
                fields.insert(k.into_owned(), value);
            }
            key = self.next_key()?;
        }
        if let Some(problem) = too_large {
            return Ok(Err(problem));
        }
        Ok(finish_event(kind, at, fields, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where serde_json, reading the whole text, puts the error.
    fn serde_position(text: &str) -> String {
        let e = serde_json::from_str::<Value>(text).err().map(|e| (e.line(), e.column()));
        let (line, column) = e.unwrap_or_default();
        format!("line {line} column {column}")
    }

    /// The eight-byte search finds what a byte-by-byte search finds: every byte value in every
    /// position, pairs of stop bytes, and a million pseudo-random words.
    #[test]
    fn eight_byte_search_is_exact() {
        let first = |word: u64| word.to_le_bytes().iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        let filler = u64::from_le_bytes(*b"abcdefgh");
        let with =
            |word: u64, position: usize, byte: u64| (word & !(0xff << (8 * position))) | (byte << (8 * position));
        for position in 0..8 {
            for byte in 0..=255u64 {
                let word = with(filler, position, byte);
                assert_eq!(first_string_stop(word), first(word), "{word:#018x}");
                for (later, stop) in (position + 1..8).zip([b'"', b'\\', 0, 0x1f].into_iter().cycle()) {
                    let word = with(word, later, u64::from(stop));
                    assert_eq!(first_string_stop(word), first(word), "{word:#018x}");
                }
            }
        }
        let mut word = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..1_000_000 {
            word = word.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            // Mostly printable bytes, like real text, with the high bit and controls sometimes set.
            let text = (word & 0x7f7f_7f7f_7f7f_7f7f) | (0x2020_2020_2020_2020 & (word >> 1));
            for w in [word, text] {
                assert_eq!(first_string_stop(w), first(w), "{w:#018x}");
            }
        }
    }

    #[test]
    fn syntax_errors_are_placed_where_serde_json_places_them() {
        let policy = InputPolicy::default();
        for text in [
            "{\"title\": x}",
            "{\n  \"title\": \"CTO\",\n  \"company\": {\"employees\": [1, }\n}",
            "{\"events\": [{\"type\": \"page_view\", \"at\": 12x}]}",
            "{\"events\": [{\"type\": \"a\\qb\", \"at\": 1}]}",
            "{\"email\": \"é\" \"x\"}",
            "{\"a\": 1} trailing",
        ] {
            let err = read(text, &policy).err().map(|e| e.message).unwrap_or_default();
            assert!(err.ends_with(&serde_position(text)), "{text:?}: {err} (serde_json: {})", serde_position(text));
        }
    }
}
