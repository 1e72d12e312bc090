// The edge worker under load, beside a constant worker (bench/constant-worker.mjs: reads the body
// and answers a constant JSON text, the same bytes as the scoring worker's card) started the same
// way, so that the cost of scoring shows apart from what workerd spends on any request here.
//
// For each worker: the cold start (starting workerd with the worker, module load, the first POST
// answered; the median of 3, taking turns, after one untimed start that loads Miniflare itself),
// then POST /score with one lead from autocannon, 10 connections, 5 seconds. The 5 seconds are
// five 1-second slices, the two workers taking turns after a warm-up, so that other work on a
// shared machine falls on both alike; req/s is all answers over all slices, p50/p99 over every
// answer. `make bench-edge` (needs pkg/).
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { moduleWorker, serve, startWorker } from '../examples/edge-worker/start.mjs';

const AS_OF = '2026-11-23T00:00:00Z';
const lead = readFileSync(new URL('../examples/leads/sample-leads.jsonl', import.meta.url), 'utf8').split('\n')[0];
const path = `/score?asOf=${AS_OF}`;
const post = { method: 'POST', body: lead, headers: { 'content-type': 'application/json' } };
const SLICES = 5;

/** Starts a worker and has it answer one POST: { mf, url, ms, text (the answer) }. */
async function coldStart(start) {
  const started = performance.now();
  const { mf, url } = await start();
  const first = await fetch(new URL(path, url), post);
  const text = await first.text();
  const ms = performance.now() - started;
  if (first.status !== 200) throw new Error(`first request: HTTP ${first.status}: ${text}`);
  return { mf, url, ms, text };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const scoring = () => startWorker();
let card = '{}';
const constant = () => serve([moduleWorker('constant', [{ type: 'ESModule', path: 'bench/constant-worker.mjs' }], { RESPONSE: card })]);

// Cold starts, taking turns (the scoring worker first: its card is the constant worker's answer).
await (await coldStart(constant)).mf.dispose(); // Miniflare's own first start in this process, untimed
const cold = { scoring: [], constant: [] };
for (let i = 0; i < 3; i++) {
  for (const [name, start] of [['scoring', scoring], ['constant', constant]]) {
    const w = await coldStart(start);
    cold[name].push(w.ms);
    if (name === 'scoring') card = w.text;
    else if (w.text !== card) throw new Error('the constant worker must answer the scoring worker\'s bytes');
    await w.mf.dispose();
  }
}

// Load, taking turns.
const workers = { scoring: await scoring(), constant: await constant() };
const runs = { scoring: { latencies: [], answers: 0, seconds: 0, non2xx: 0, errors: 0 }, constant: { latencies: [], answers: 0, seconds: 0, non2xx: 0, errors: 0 } };
const load = (w, duration, run) =>
  new Promise((resolve, reject) => {
    const instance = autocannon({ url: new URL(path, w.url).href, ...post, connections: 10, duration }, (err, result) => (err ? reject(err) : resolve(result)));
    if (run) instance.on('response', (client, status, bytes, ms) => run.latencies.push(ms));
  });
for (const w of Object.values(workers)) await load(w, 1); // warm-up: JIT, connections
for (let slice = 0; slice < SLICES; slice++) {
  for (const [name, w] of Object.entries(workers)) {
    const run = runs[name];
    const result = await load(w, 1, run);
    run.answers += result.requests.total;
    run.seconds += result.duration;
    run.non2xx += result.non2xx;
    run.errors += result.errors;
  }
}
for (const w of Object.values(workers)) await w.mf.dispose();

const rps = (run) => run.answers / run.seconds;
const line = (name) => {
  const run = runs[name];
  const sorted = run.latencies.sort((a, b) => a - b);
  return `  ${`${name} worker`.padEnd(16)} ${rps(run).toFixed(0).padStart(6)} req/s, latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, ${run.non2xx} non-2xx, ${run.errors} errors; cold start ${median(cold[name]).toFixed(0)} ms`;
};
console.log(`POST /score, one lead (${Buffer.byteLength(lead)} bytes in, ${Buffer.byteLength(card)} out), autocannon, 10 connections, ${SLICES} s each (1-s slices, taking turns); cold start = workerd start + module load + first POST answered (median of 3):`);
console.log(line('scoring'));
console.log(line('constant'));
console.log(`  the scoring worker serves ${((100 * rps(runs.scoring)) / rps(runs.constant)).toFixed(0)}% of the constant worker's requests/s (target: at least 85%)`);
