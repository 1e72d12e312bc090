// The edge worker under load: cold start (starting workerd with the worker, to the first scored
// lead) and requests per second for POST /score with one lead, from autocannon on the same machine
// (10 connections, 5 seconds). `make bench-edge` (needs pkg/).
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { startWorker } from '../examples/edge-worker/start.mjs';

const lead = JSON.parse(readFileSync(new URL('../examples/leads/sample-leads.jsonl', import.meta.url), 'utf8').split('\n')[0]);
const body = JSON.stringify({ lead, asOf: '2026-11-23T00:00:00Z' });

const started = performance.now();
const { mf, url } = await startWorker();
const first = await fetch(new URL('/score', url), { method: 'POST', body });
const coldStart = performance.now() - started;
if (first.status !== 200) throw new Error(`first request: HTTP ${first.status}`);
const firstRequest = performance.now();
await (await fetch(new URL('/score', url), { method: 'POST', body })).text();
const warmOne = performance.now() - firstRequest;

const result = await autocannon({ url: new URL('/score', url).href, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 10, duration: 5 });
await mf.dispose();
console.log(`cold start (workerd start + module load + model compile + first POST /score): ${coldStart.toFixed(0)} ms; a warm single request: ${warmOne.toFixed(1)} ms`);
console.log(`POST /score, one lead, 10 connections, 5 s: ${result.requests.average.toFixed(0)} req/s average (${result.requests.p50} median per second), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`);
