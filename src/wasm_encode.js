// Writes a slice of a batch of leads, leads[start..end], for wasm as UTF-8 lines: one
// JSON.stringify per lead and one TextEncoder call per slice (src/wasm.rs, `scoreMany`).
//
// Why: handing wasm one string per lead copies it character by character in the generated glue;
// one encoded batch costs a fraction of that. Returns undefined when the batch needs the
// lead-by-lead path, which names the lead at fault: a lead JSON.stringify refuses (a cycle, a
// BigInt) or leaves out (undefined, a function), or a lead given as JSON text with a line break.

const encoder = new TextEncoder();

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
