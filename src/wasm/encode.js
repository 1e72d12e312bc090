// Hands leads, NDJSON and models to wasm as UTF-8 bytes: one native TextEncoder call per value
// or per slice of a batch (src/wasm/input.rs: `score`, `scoreMany`, `scoreNdjson`, `new Scorer`, ...).
//
// Why: wasm-bindgen copies a JS string into wasm with a JS loop, character by character; for a
// 1 KB lead that loop was a fifth of a single `score` call. `TextEncoder.encode` does the same
// work natively (a lone surrogate becomes U+FFFD either way), and wasm copies the bytes in one
// call.

const encoder = new TextEncoder();

// `value` as UTF-8 JSON text: a string is taken as JSON text already, anything else goes through
// JSON.stringify. Returns undefined when JSON leaves the value out (undefined, a function, a
// symbol); throws what JSON.stringify throws (a cycle, a BigInt), which wasm catches and reports.
export function jsonBytes(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return typeof text === 'string' ? encoder.encode(text) : undefined;
}

// `text` as UTF-8 bytes, or undefined when it is not a string.
export function textBytes(text) {
  return typeof text === 'string' ? encoder.encode(text) : undefined;
}

// A slice of a batch, leads[start..end], as UTF-8 lines: one JSON.stringify per lead and one
// TextEncoder call for the slice. Returns undefined when the slice needs the lead-by-lead path,
// which names the lead at fault: a lead JSON.stringify refuses (a cycle, a BigInt) or leaves out
// (undefined, a function), or a lead given as JSON text with a line break.
export function leadLines(leads, start, end) {
  const lines = [];
  try {
    for (let i = start; i < end; i++) {
      const lead = leads[i];
      const text = typeof lead === 'string' ? lead : JSON.stringify(lead);
      if (typeof text !== 'string' || text.includes('\n')) return undefined;
      lines.push(text);
    }
  } catch {
    return undefined;
  }
  return encoder.encode(lines.join('\n'));
}
