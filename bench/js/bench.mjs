// The JavaScript benchmark: in one Node process, the same default model and the same 100,000
// generated leads (0-30 events each) scored by leadscore's wasm package and by its peers, with every
// contender's scores checked against the native engine's before anything is timed.
//
//   make bench-js      (builds pkg/node, writes the leads, runs this file)
//   node bench/js/bench.mjs <leads.ndjson> <native-scores.txt>
//
// Prints leads/second and the ratio to leadscore `scoreMany`, for leads given as JS objects and as
// one NDJSON text; the single-lead latency with 20 events; the package's size; the cold path
// (`require` -> `new Scorer()` -> first score, beside `new WebAssembly.Module` on the same bytes:
// bench/js/cold-start.mjs, imported first so that this process measures it before anything else).
import { cold } from './cold-start.mjs';
import { performance } from 'node:perf_hooks';

const { Scorer } = await import('../../pkg/node/leadscore.js');

const { readFileSync, readdirSync, statSync } = await import('node:fs');
const { gzipSync } = await import('node:zlib');
const handwritten = await import('./handwritten.mjs');
const rulesEngine = await import('./rules-engine.mjs');
const jsonLogic = await import('./json-logic.mjs');

const [leadsPath, scoresPath] = process.argv.slice(2);
if (!leadsPath || !scoresPath) {
  console.error('usage: node bench/js/bench.mjs <leads.ndjson> <native-scores.txt>');
  process.exit(2);
}
const AS_OF = Date.UTC(2026, 10, 23);
const ndjsonBytes = readFileSync(leadsPath);
const ndjson = ndjsonBytes.toString('utf8');
const objects = ndjson.split('\n').filter(Boolean).map((line) => JSON.parse(line));
const native = readFileSync(scoresPath, 'utf8').split('\n').filter(Boolean).map(Number);
const N = objects.length;
if (native.length !== N) throw new Error(`${N} leads but ${native.length} native scores`);

const scorer = new Scorer();
const options = { asOf: AS_OF };
const summary = { asOf: AS_OF, explain: false };
const engine = rulesEngine.buildEngine();
const parseLines = (text) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line));

/** Contenders: name, input kind, and a function from the input to an array of 0-100 scores. */
const contenders = [
  ['leadscore wasm scoreMany', 'objects', (leads) => scorer.scoreMany(leads, options).map((c) => c.score)],
  ['leadscore wasm scoreMany, explain: false', 'objects', (leads) => scorer.scoreMany(leads, summary).map((c) => c.score)],
  ['leadscore wasm score per lead', 'objects', (leads) => leads.map((l) => scorer.score(l, options).score)],
  ['hand-written JS', 'objects', (leads) => leads.map((l) => handwritten.scoreLead(l, AS_OF))],
  ['json-rules-engine', 'objects', async (leads) => {
    const out = [];
    for (const l of leads) out.push(await rulesEngine.scoreLead(engine, l, AS_OF));
    return out;
  }],
  ['json-logic-js', 'objects', (leads) => leads.map((l) => jsonLogic.scoreLead(l, AS_OF))],

  ['leadscore wasm scoreNdjson', 'ndjson', (text) => scorer.scoreNdjson(text, options).map((c) => c.score)],
  ['leadscore wasm scoreNdjson, explain: false', 'ndjson', (text) => scorer.scoreNdjson(text, summary).map((c) => c.score)],
  ['leadscore wasm scoreNdjson(UTF-8 bytes)', 'ndjson', () => scorer.scoreNdjson(ndjsonBytes, options).map((c) => c.score)],
  ['leadscore wasm score per line', 'ndjson', (text) => text.split('\n').filter(Boolean).map((l) => scorer.score(l, options).score)],
  ['hand-written JS + JSON.parse', 'ndjson', (text) => parseLines(text).map((l) => handwritten.scoreLead(l, AS_OF))],
  ['json-rules-engine + JSON.parse', 'ndjson', async (text) => {
    const out = [];
    for (const l of parseLines(text)) out.push(await rulesEngine.scoreLead(engine, l, AS_OF));
    return out;
  }],
  ['json-logic-js + JSON.parse', 'ndjson', (text) => parseLines(text).map((l) => jsonLogic.scoreLead(l, AS_OF))],
];

/** Every contender must give the native engine's score for every lead. */
for (const [name, kind, run] of contenders) {
  const scores = await run(kind === 'objects' ? objects : ndjson);
  const wrong = scores.reduce((n, s, i) => n + (s === native[i] ? 0 : 1), 0);
  if (scores.length !== N || wrong > 0) {
    const first = scores.findIndex((s, i) => s !== native[i]);
    throw new Error(`${name}: ${wrong} of ${N} scores differ from native (lead ${first}: ${scores[first]} vs ${native[first]})`);
  }
}
const total = native.reduce((a, b) => a + b, 0);
console.log(`${N} leads, ${objects.reduce((n, l) => n + l.events.length, 0)} events; every contender gives the native scores (total ${total})`);

/** Median leads/second over `rounds` runs (slow contenders: fewer rounds). */
async function rate(run, input, rounds) {
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    await run(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return N / (times[Math.floor(times.length / 2)] / 1000);
}

const fmt = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
for (const kind of ['objects', 'ndjson']) {
  console.log(`\nleads as ${kind === 'objects' ? 'JS objects' : 'one NDJSON text'} (median of rounds)`);
  console.log(`${'contender'.padEnd(44)} ${'leads/s'.padStart(10)}  vs scoreMany`);
  let base;
  for (const [name, k, run] of contenders) {
    if (k !== kind) continue;
    const slow = name.startsWith('json-rules-engine');
    const r = await rate(run, kind === 'objects' ? objects : ndjson, slow ? 1 : 5);
    base ??= r;
    console.log(`${name.padEnd(44)} ${fmt(r).padStart(10)}  ${(r / base).toFixed(2)}x`);
  }
}

// One lead with 20 events, scored alone: the latency a web form or a CRM extension sees.
const twenty = objects.find((l) => l.events.length === 20);
const us = (ns) => (ns / 1000).toFixed(2);
for (const [label, input, opts] of [
  ['full card', twenty, options],
  ['explain: false', twenty, summary],
  ['JSON text in, explain: false', JSON.stringify(twenty), summary],
]) {
  const samples = [];
  for (let i = 0; i < 20_000; i++) {
    const t = process.hrtime.bigint();
    scorer.score(input, opts);
    samples.push(Number(process.hrtime.bigint() - t));
  }
  samples.sort((a, b) => a - b);
  console.log(`${label === 'full card' ? '\n' : ''}single score, 20 events, ${label}: median ${us(samples[10_000])} µs, p99 ${us(samples[19_800])} µs`);
}

const size = (path) => statSync(new URL(path, import.meta.url)).size;
const wasm = readFileSync(new URL('../../pkg/leadscore_bg.wasm', import.meta.url));
console.log(`\n.wasm ${fmt(wasm.length)} B raw, ${fmt(gzipSync(wasm, { level: 9 }).length)} B gzip -9`);
const snippets = readdirSync(new URL('../../pkg/snippets', import.meta.url), { recursive: true })
  .filter((f) => f.endsWith('.js'))
  .reduce((n, f) => n + size(`../../pkg/snippets/${f}`), 0);
console.log(`JS glue: web ${fmt(size('../../pkg/leadscore.js'))} B, node ${fmt(size('../../pkg/node/leadscore.js'))} B, bundler ${fmt(size('../../pkg/bundler/leadscore_bg.js'))} B; JS snippets (card builder, encoder) ${fmt(snippets)} B`);

// The cold path: this process's own measure, then the median of fresh processes (one measure each).
const { execFileSync } = await import('node:child_process');
const ms = (x) => `${x.toFixed(1)} ms`;
const coldLine = (c) =>
  `require ${ms(c.require)} + new Scorer() ${ms(c.scorer)} + first score (free-mail lead) ${ms(c.firstScore)} = ${ms(c.total)}; ` +
  `new WebAssembly.Module on the same .wasm ${ms(c.module)}; ${(c.total / c.module).toFixed(1)}x (target: at most 3x)`;
console.log(`cold start (Node, pkg/node), this process: ${coldLine(cold)}`);
const runs = Array.from({ length: 7 }, () =>
  JSON.parse(execFileSync(process.execPath, [new URL('./cold-start.mjs', import.meta.url).pathname], { encoding: 'utf8' })),
);
const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const medians = Object.fromEntries(Object.keys(cold).map((k) => [k, mid(runs.map((r) => r[k]))]));
console.log(`cold start, median of ${runs.length} fresh processes (each field): ${coldLine(medians)}; ratio per process ${runs.map((r) => (r.total / r.module).toFixed(1)).join(', ')}`);

// A model with 100,000 rules (written by examples/many_rules.rs, which also timed the native
// engine reading and compiling it): the wasm constructor must stay linear in the model's size.
const manyRules = readFileSync(new URL('../../target/bench/rules-100k.json', import.meta.url), 'utf8');
const nativeCompileMs = Number(readFileSync(new URL('../../target/bench/rules-100k.native-ms.txt', import.meta.url), 'utf8'));
const compileTimes = [0, 1, 2].map(() => {
  const t = process.hrtime.bigint();
  new Scorer(manyRules).free();
  return Number(process.hrtime.bigint() - t) / 1e6;
}).sort((a, b) => a - b);
console.log(`new Scorer, 100,000 rules: wasm ${compileTimes[1].toFixed(0)} ms, native ${nativeCompileMs.toFixed(0)} ms (${(compileTimes[1] / nativeCompileMs).toFixed(2)}x; median of 3 and of 5)`);
