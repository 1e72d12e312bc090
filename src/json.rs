//! JSON text written as JavaScript's `JSON.stringify` writes it, so that a card serialised by any
//! Rust front end (the CLI, a backend using the crate) is byte-identical to `JSON.stringify` of the
//! card the JS API returns: a backend that compares a browser's card text with its own sees a
//! difference only where there is one.
//!
//! serde_json already writes strings as `JSON.stringify` does (the same escapes, lower-case hex,
//! U+2028/U+2029 unescaped); numbers differ: serde_json writes `60.0`, `1e21` and `1e-6`
//! (`ryu`), and integers beyond 2^53 exactly; JavaScript writes `60`, `1e+21` and `0.000001`, and
//! has no integers beyond 2^53 (`9007199254740993` is `9007199254740992` there). The formatter
//! below writes every number through the ECMAScript algorithm (`ryu-js`).

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};
use std::io::{self, Write};

/// Largest integer every JS number can hold exactly (2^53).
const JS_SAFE: u64 = 1 << 53;

/// A number as JavaScript's `String(x)` writes it (`340`, `0.9`, `1e+21`): for numbers in texts
/// people read (provenance), the same on every target and without the standard formatter.
pub fn number(x: f64) -> String {
    // Whole numbers (most counts and ages) as integers: what JS writes, without the float search.
    if x.fract() == 0.0 && x.abs() < JS_SAFE as f64 {
        return (x as i64).to_string();
    }
    ryu_js::Buffer::new().format(x).to_string()
}

/// serde_json's compact output with numbers as JavaScript writes them.
struct JsFormatter;

impl JsFormatter {
    fn number<W: ?Sized + Write>(writer: &mut W, value: f64) -> io::Result<()> {
        let mut buffer = ryu_js::Buffer::new();
        writer.write_all(buffer.format(value).as_bytes())
    }
}

impl Formatter for JsFormatter {
    fn write_f64<W: ?Sized + Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        // -0 is written `0` by JSON.stringify; ryu-js's Number::toString agrees.
        JsFormatter::number(writer, value)
    }

    fn write_f32<W: ?Sized + Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        JsFormatter::number(writer, f64::from(value))
    }

    fn write_u64<W: ?Sized + Write>(&mut self, writer: &mut W, value: u64) -> io::Result<()> {
        if value <= JS_SAFE {
            CompactFormatter.write_u64(writer, value)
        } else {
            JsFormatter::number(writer, value as f64)
        }
    }

    fn write_i64<W: ?Sized + Write>(&mut self, writer: &mut W, value: i64) -> io::Result<()> {
        if value.unsigned_abs() <= JS_SAFE {
            CompactFormatter.write_i64(writer, value)
        } else {
            JsFormatter::number(writer, value as f64)
        }
    }

    fn write_u128<W: ?Sized + Write>(&mut self, writer: &mut W, value: u128) -> io::Result<()> {
        JsFormatter::number(writer, value as f64)
    }

    fn write_i128<W: ?Sized + Write>(&mut self, writer: &mut W, value: i128) -> io::Result<()> {
        JsFormatter::number(writer, value as f64)
    }
}

/// [`JsFormatter`]'s numbers with serde_json's pretty layout (two-space indents), for reports a
/// person reads and a program parses: `JSON.stringify(value, null, 2)` writes the same text.
struct JsPretty(serde_json::ser::PrettyFormatter<'static>);

impl Formatter for JsPretty {
    fn write_f64<W: ?Sized + Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        JsFormatter.write_f64(writer, value)
    }
    fn write_f32<W: ?Sized + Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        JsFormatter.write_f32(writer, value)
    }
    fn write_u64<W: ?Sized + Write>(&mut self, writer: &mut W, value: u64) -> io::Result<()> {
        JsFormatter.write_u64(writer, value)
    }
    fn write_i64<W: ?Sized + Write>(&mut self, writer: &mut W, value: i64) -> io::Result<()> {
        JsFormatter.write_i64(writer, value)
    }
    fn write_u128<W: ?Sized + Write>(&mut self, writer: &mut W, value: u128) -> io::Result<()> {
        JsFormatter.write_u128(writer, value)
    }
    fn write_i128<W: ?Sized + Write>(&mut self, writer: &mut W, value: i128) -> io::Result<()> {
        JsFormatter.write_i128(writer, value)
    }
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// `value` as indented JSON text, as `JSON.stringify(value, null, 2)` writes it.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(1024);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, JsPretty(Default::default()));
    value.serialize(&mut serializer)?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// `value` as JSON text, written as `JSON.stringify` writes the same value in JavaScript.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(256);
    to_writer(&mut out, value)?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// Writes `value` as JSON text to `writer`, as `JSON.stringify` writes it.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> Result<(), serde_json::Error> {
    let mut serializer = serde_json::Serializer::with_formatter(writer, JsFormatter);
    value.serialize(&mut serializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        let cases = [
            (json!(60.0), "60"),
            (json!(-0.0), "0"),
            (json!(59.5), "59.5"),
            (json!(0.1 + 0.2), "0.30000000000000004"),
            (json!(1e21), "1e+21"),
            (json!(1.5e300), "1.5e+300"),
            (json!(0.000001), "0.000001"),
            (json!(1e-7), "1e-7"),
            (json!(123456789012345680000.0), "123456789012345680000"),
            (json!(9007199254740993u64), "9007199254740992"),
            (json!(-9007199254740993i64), "-9007199254740992"),
            (json!(9007199254740992u64), "9007199254740992"),
            (json!(u64::MAX), "18446744073709552000"),
            (json!(f64::NAN), "null"),
            (json!("a\u{1}\"\\\n\u{2028}"), "\"a\\u0001\\\"\\\\\\n\u{2028}\""),
        ];
        for (value, expected) in cases {
            assert_eq!(to_string(&value).ok().as_deref(), Some(expected), "{value:?}");
        }
        let parsed: serde_json::Value = serde_json::from_str(r#"{"id": 1e2, "b": [1.0, 2.50]}"#).unwrap_or_default();
        assert_eq!(to_string(&parsed).ok().as_deref(), Some(r#"{"b":[1,2.5],"id":100}"#));
        // JSON.stringify(value, null, 2) of the same value.
        assert_eq!(
            to_string_pretty(&parsed).ok().as_deref(),
            Some("{\n  \"b\": [\n    1,\n    2.5\n  ],\n  \"id\": 100\n}")
        );
    }
}
