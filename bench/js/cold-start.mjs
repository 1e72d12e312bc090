// The cold path, in one Node process: `require` of the Node package -> `new Scorer()` (the default
// model) -> the first score of a free-mail lead, each step timed, beside `new WebAssembly.Module` on
// the package's own `.wasm` bytes (the floor: V8 decoding and validating the module, compiling
// function bodies lazily, on first call).
//
// Imported first by bench.mjs (so its process measures it before anything else has run), and run
// alone by bench.mjs in fresh processes for a median: `node bench/js/cold-start.mjs` prints one JSON
// line.
//
// The peer is timed after the package is loaded, on a copy of the bytes with a custom section
// appended: V8 keeps compiled modules in a cache keyed by their bytes, so the same bytes would come
// back from it in about 1 ms. A custom section is skipped by the compiler. Three copies, each with
// its own section, are compiled and the median is taken.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const t0 = performance.now();
const { Scorer } = require('../../pkg/node/leadscore.js');
const t1 = performance.now();
const scorer = new Scorer();
const t2 = performance.now();
const card = scorer.score({ email: 'dana@gmail.com' }, { asOf: 0 });
const t3 = performance.now();
scorer.free();
if (!card.contributions.some((c) => c.rule === 'free-mail')) {
  throw new Error(`the first lead must be scored as free mail: ${JSON.stringify(card.contributions)}`);
}

const bytes = readFileSync(new URL('../../pkg/node/leadscore_bg.wasm', import.meta.url));
/** `bytes` with a custom section named `tag` appended. */
function tagged(tag) {
  const name = Buffer.from(tag);
  return Buffer.concat([bytes, Buffer.from([0, name.length + 1, name.length]), name]);
}
const peers = ['cold-a', 'cold-b', 'cold-c'].map((tag) => {
  const copy = tagged(tag);
  const t = performance.now();
  new WebAssembly.Module(copy);
  return performance.now() - t;
});

/** Milliseconds: `require`, `new Scorer()`, first score, their total, and the peer (median of 3). */
export const cold = {
  require: t1 - t0,
  scorer: t2 - t1,
  firstScore: t3 - t2,
  total: t3 - t0,
  module: peers.sort((a, b) => a - b)[1],
};

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  console.log(JSON.stringify(cold));
}
