// The edge worker (examples/edge-worker/) in a real Workers runtime (workerd, through Miniflare from
// npm), answering real HTTP requests on 127.0.0.1; its cards must equal the native engine's
// (target/sample-cards.native.jsonl, written by `make edge` with `leadscore score --explain`).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, canonical } from '../wasm/common.mjs';
import { startWorker } from '../../examples/edge-worker/start.mjs';

const AS_OF = '2026-11-23T00:00:00Z';
const leads = readFileSync(join(root, 'examples', 'leads', 'sample-leads.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const native = readFileSync(join(root, 'target', 'sample-cards.native.jsonl'), 'utf8').trim().split('\n').map((l) => canonical(JSON.parse(l)));

let worker;
test.before(async () => {
  worker = await startWorker();
});
test.after(() => worker?.mf.dispose());

const call = (path, init) => fetch(new URL(path, worker.url), init);
const post = (path, body) => call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

test('GET /model names the model and its fingerprint', async () => {
  const res = await call('/model');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.id, 'b2b-default');
  assert.match(body.fingerprint, /^sha256:[0-9a-f]{64}$/);
  assert.equal(JSON.parse(native[0]).fingerprint, body.fingerprint);
});

test('POST /score: one lead and a batch give the native cards', async () => {
  const batch = await post(`/score?asOf=${AS_OF}`, leads);
  assert.equal(batch.status, 200);
  const { cards } = await batch.json();
  assert.deepEqual(cards.map(canonical), native);
  for (const [i, lead] of leads.entries()) {
    const one = await post(`/score?asOf=${AS_OF}`, lead);
    assert.equal(one.status, 200);
    assert.equal(canonical(await one.json()), native[i]);
  }
  const now = await (await post('/score', leads[0])).json();
  assert.equal(now.asOfDefaulted, true, 'no asOf: the worker scores at its clock and says so');
  const summary = await (await post(`/score?asOf=${AS_OF}&explain=false`, leads[0])).json();
  assert.equal(summary.contributions, undefined);
});

test('POST /score-batch takes { leads } or an array and gives the native cards', async () => {
  for (const body of [{ leads }, leads]) {
    const res = await post(`/score-batch?asOf=${AS_OF}`, body);
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json()).cards.map(canonical), native);
  }
});

test('POST /verify recomputes a browser card and spots a tampered one', async () => {
  const card = JSON.parse(native[1]);
  const ok = await (await post('/verify', { lead: leads[1], card })).json();
  assert.deepEqual({ matches: ok.matches, fingerprintMatches: ok.fingerprintMatches }, { matches: true, fingerprintMatches: true });
  const forged = await (await post('/verify', { lead: leads[1], card: { ...card, score: card.score + 20 } })).json();
  assert.equal(forged.matches, false);
  assert.equal(canonical(forged.expected), native[1]);
  const otherModel = await (await post('/verify', { lead: leads[1], card: { ...card, fingerprint: 'sha256:00' } })).json();
  assert.equal(otherModel.fingerprintMatches, false);
});

test('bad requests get HTTP status codes and JSON errors', async () => {
  const cases = [
    [await post('/score', '{not json'), 400, 'syntax'],
    [await post('/score', '[{not json'), 400, 'syntax'],
    [await post('/score', 42), 422, 'wrong_type'],
    [await post('/score', [leads[0], { events: 'x' }]), 422, 'wrong_type'],
    [await post('/score?asOf=soon', leads[0]), 400, 'bad_timestamp'],
    [await post('/score', 'x'.repeat(1024 * 1024 + 1)), 413, 'too_large'],
    [await call('/score'), 405, 'method_not_allowed'],
    [await post('/verify', { lead: leads[0] }), 400, 'missing_field'],
    [await call('/nope'), 404, 'not_found'],
  ];
  for (const [res, status, code] of cases) {
    assert.equal(res.status, status);
    assert.match(res.headers.get('content-type'), /application\/json/);
    const body = await res.json();
    assert.equal(body.error.code, code, JSON.stringify(body));
  }
  assert.equal(cases[6][0].headers.get('allow'), 'POST, OPTIONS');
  const after = await post(`/score?asOf=${AS_OF}`, leads[0]);
  assert.equal(canonical(await after.json()), native[0], 'still scoring right after the errors');
});

test('a model from the MODEL variable is compiled once and used', async () => {
  const model = JSON.parse(readFileSync(join(root, 'examples', 'models', 'plg-saas.json'), 'utf8'));
  const custom = await startWorker({ model: JSON.stringify(model) });
  try {
    const body = await (await fetch(new URL('/model', custom.url))).json();
    assert.equal(body.id, model.id);
    const card = await (await fetch(new URL(`/score?asOf=${AS_OF}`, custom.url), { method: 'POST', body: JSON.stringify(leads[0]) })).json();
    assert.equal(card.modelId, model.id);
  } finally {
    await custom.mf.dispose();
  }
});
