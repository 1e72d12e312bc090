// The edge worker (examples/edge-worker/) in a real Workers runtime (workerd, through Miniflare from
// npm), answering real HTTP requests on 127.0.0.1; its cards must equal the native engine's
// (target/sample-cards.native.jsonl, written by `make edge` with `leadscore score --explain`). An
// account (examples/accounts/northwind.json) must get what `scorer.scoreAccount` gives in Node
// (pkg/node, the opt-level 3 build: `make pkg-node`).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { root, canonical } from '../wasm/common.mjs';
import { startWorker } from '../../examples/edge-worker/start.mjs';

const AS_OF = '2026-11-23T00:00:00Z';
const leads = readFileSync(join(root, 'examples', 'leads', 'sample-leads.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const native = readFileSync(join(root, 'target', 'sample-cards.native.jsonl'), 'utf8').trim().split('\n').map((l) => canonical(JSON.parse(l)));
const accountText = readFileSync(join(root, 'examples', 'accounts', 'northwind.json'), 'utf8');
const ACCOUNT_AS_OF = '2026-11-27T00:00:00Z';

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

test('POST /score-account scores examples/accounts/northwind.json as scoreAccount does in Node; a bad body is a typed 400', async () => {
  const node = new (createRequire(import.meta.url)(join(root, 'pkg', 'node', 'leadscore.js')).Scorer)();
  const input = JSON.parse(accountText);
  const expected = node.scoreAccount(input, { asOf: ACCOUNT_AS_OF });
  const res = await post(`/score-account?asOf=${ACCOUNT_AS_OF}`, accountText);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /application\/json/);
  const result = await res.json();
  assert.equal(canonical(result), canonical(expected));
  // Not an empty or trivial result that would equal anything: the account, its buying group, its contacts.
  assert.equal(result.account.accountId, 'acc-northwind');
  assert.ok(result.account.score > 0 && result.account.contributions.length > 0);
  assert.deepEqual(result.account.buyingGroup.missing, expected.account.buyingGroup.missing);
  assert.deepEqual(result.contacts.map((c) => c.leadId), input.contacts.map((c) => c.id));
  assert.ok(result.contacts.every((c) => c.account.id === 'acc-northwind' && c.route), 'each contact carries its account and route');

  const summary = await (await post(`/score-account?asOf=${ACCOUNT_AS_OF}&explain=false`, input)).json();
  assert.equal(canonical(summary), canonical(node.scoreAccount(input, { asOf: ACCOUNT_AS_OF, explain: false })));
  assert.equal(summary.account.contributions, undefined);
  const now = await (await post('/score-account', input)).json();
  assert.equal(now.account.asOfDefaulted, true, 'no asOf: the worker scores at its clock and says so');

  const cases = [
    ['{not json', 400, 'syntax', ''],
    [[input], 400, 'wrong_shape', ''],
    [JSON.stringify(accountText), 400, 'wrong_shape', ''], // a JSON string is not parsed again
    [{ ...input, contacts: { 'c-101': input.contacts[0] } }, 400, 'wrong_shape', 'contacts'],
    [{ ...input, account: 'acc-northwind' }, 400, 'wrong_shape', 'account'],
    [{ ...input, leads: [] }, 400, 'unknown_field', 'leads'],
    [{ ...input, contacts: [input.contacts[0], { events: 'x' }] }, 422, 'wrong_type', 'contacts[1].events'],
    [{ ...input, contacts: [7] }, 422, 'wrong_type', 'contacts[0]'],
    [{ account: { ...input.account, intent: 'surging' } }, 422, 'wrong_type', 'account.intent'],
  ];
  for (const [body, status, code, path] of cases) {
    const bad = await post(`/score-account?asOf=${ACCOUNT_AS_OF}`, body);
    assert.match(bad.headers.get('content-type'), /application\/json/);
    const { error } = await bad.json();
    assert.deepEqual([bad.status, error.code, error.path], [status, code, path], JSON.stringify(error));
    assert.equal(error.status, status);
  }
  const badTime = await (await post('/score-account?asOf=soon', input)).json();
  assert.deepEqual([badTime.error.code, badTime.error.path], ['bad_timestamp', 'asOf']);
  const get = await call('/score-account');
  assert.deepEqual([get.status, get.headers.get('allow')], [405, 'POST, OPTIONS']);
  const after = await (await post(`/score-account?asOf=${ACCOUNT_AS_OF}`, accountText)).json();
  assert.equal(canonical(after), canonical(expected), 'still scoring right after the errors');
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
