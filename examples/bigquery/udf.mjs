// The BigQuery JavaScript UDF library: the web package's .wasm (pkg/, `make pkg-web`) carried as
// base64 in part files (leadscore-wasm-N.js, each within BigQuery's 1 MB per library file) and
// compiled synchronously on first use, and a scorer per model text, compiled once per UDF instance
// (BigQuery keeps a library's globals for the rows an instance scores). build.mjs bundles this file
// with the package's glue into one classic script, `leadscoreUdf` its global.
//
// Rows are batched by the query (ARRAY_AGG of lead JSON texts per bucket, see README): one call
// scores a batch, and a bad lead is its own `{"error": ...}` item, never a failed query.
import { initSync, Scorer } from '../../pkg/leadscore.js';
import { parts as PARTS, length as LENGTH } from 'virtual:leadscore-wasm-parts';
import { decodeBase64 } from './base64.mjs';

let ready = false;
const scorers = new Map();
let compiled = 0;

/** The .wasm's base64 from the part files the UDF's OPTIONS(library) loaded, all of them. */
function wasmText() {
  const parts = globalThis.leadscoreWasmParts ?? [];
  const text = Array.from({ length: PARTS }, (_, i) => parts[i] ?? '').join('');
  if (text.length !== LENGTH) {
    const missing = Array.from({ length: PARTS }, (_, i) => i).filter((i) => typeof parts[i] !== 'string');
    throw new Error(`leadscore: the UDF's libraries lack leadscore-wasm-${missing.join(', -')}.js (all ${PARTS} part files are needed)`);
  }
  return text;
}

function scorerFor(model) {
  if (!ready) {
    // Synchronous instantiation: a UDF has no event loop to wait on.
    initSync({ module: new WebAssembly.Module(decodeBase64(wasmText())) });
    ready = true;
  }
  const key = model ?? '';
  let scorer = scorers.get(key);
  if (!scorer) {
    scorer = new Scorer(model == null || model === '' ? undefined : JSON.parse(model));
    compiled += 1;
    scorers.set(key, scorer);
  }
  return scorer;
}

function problem(e) {
  return { code: e?.code ?? 'error', path: e?.path ?? '', message: String(e?.message ?? e) };
}

/**
 * Scores a batch of leads (JSON texts) as of `asOf` (RFC 3339; never a clock) with `model` (JSON
 * text, or null for the default model): one JSON text per lead, the card (`explain` true) or its
 * summary, or `{"error": {code, path, message}}` for a lead that is refused. A bad model throws:
 * the query fails with the model's problems.
 */
export function scoreBatch(leads, asOf, model = null, explain = false) {
  const scorer = scorerFor(model);
  const options = { asOf, explain: Boolean(explain) };
  const out = new Array(leads.length);
  for (let i = 0; i < leads.length; i += 1) {
    try {
      out[i] = JSON.stringify(scorer.score(leads[i], options));
    } catch (e) {
      out[i] = JSON.stringify({ error: problem(e) });
    }
  }
  return out;
}

/** One lead: `scoreBatch` of one. */
export function score(lead, asOf, model = null, explain = false) {
  return scoreBatch([lead], asOf, model, explain)[0];
}

/** How many models this instance compiled (a test checks that it is once per model). */
export function compiledModels() {
  return compiled;
}
