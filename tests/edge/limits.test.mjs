// The edge worker's limits, body contract, CORS and errors, over real HTTP to workerd (Miniflare):
// a chunked body over the cap is cut off while it is still being sent, a batch has a lead cap, a
// lead is scored exactly as sent, CORS follows ALLOWED_ORIGINS, and every bad request gets a JSON
// error.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, canonical } from '../wasm/common.mjs';
import { leadscoreWorker, serve, startWorker } from '../../examples/edge-worker/start.mjs';

const AS_OF = '2026-11-23T00:00:00Z';
const leads = readFileSync(join(root, 'examples', 'leads', 'sample-leads.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const native = readFileSync(join(root, 'target', 'sample-cards.native.jsonl'), 'utf8').trim().split('\n').map((l) => canonical(JSON.parse(l)));

let worker; // the defaults: 1 MiB, 1,000 leads, any origin
let strict; // small limits and two allowed origins
const ORIGIN = 'https://app.example.com';
test.before(async () => {
  worker = await startWorker();
  strict = await startWorker({ vars: { MAX_BODY_BYTES: '4096', MAX_LEADS: '2', ALLOWED_ORIGINS: `${ORIGIN}, https://crm.example.com` } });
});
test.after(async () => {
  await worker?.mf.dispose();
  await strict?.mf.dispose();
});

const call = (w, path, init) => fetch(new URL(path, w.url), init);
const post = (w, path, body, headers = {}) =>
  call(w, path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** Asserts a JSON error response `{ error: { status, code, path, message } }`; returns the error. */
async function assertError(res, status, code) {
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${status} ${code}: JSON`);
  const body = await res.json();
  assert.equal(res.status, status, JSON.stringify(body));
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'path', 'status']);
  assert.equal(body.error.status, status);
  assert.equal(body.error.code, code, JSON.stringify(body));
  assert.equal(typeof body.error.message, 'string');
  return body.error;
}

/**
 * A chunked request body (no Content-Length) of `chunk`-byte pulls that pauses for good once it has
 * given `bytes` bytes: the rest of a huge upload, never sent. A worker that reads the whole body
 * before it answers never answers. (Pausing also keeps the test independent of what workerd does
 * with a connection whose upload it stopped reading: it closes it, and a reset can reach the client
 * before the 413 does.)
 */
function pausingBody(bytes, chunk) {
  const state = { pulls: 0, sent: 0 };
  const data = new Uint8Array(chunk).fill(0x20);
  state.stream = new ReadableStream(
    {
      pull(controller) {
        state.pulls += 1;
        if (state.sent >= bytes) return new Promise(() => {}); // the rest never comes
        state.sent += chunk;
        controller.enqueue(data);
      },
    },
    { highWaterMark: 0 },
  );
  return state;
}

/** POSTs a pausing body; resolves to the response, or rejects after `ms` without one. */
async function postPausing(w, path, body, ms = 10_000) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`no answer in ${ms} ms while ${body.sent} bytes were sent and the rest held back`)), ms);
  try {
    const res = await call(w, path, { method: 'POST', body: body.stream, duplex: 'half', signal: abort.signal });
    const text = await res.text();
    return { res, text, sentAtAnswer: body.sent };
  } finally {
    clearTimeout(timer);
    abort.abort(); // stop the upload
  }
}

test('a chunked body over MAX_BODY_BYTES gets a JSON 413 as soon as the cap is passed, not after the whole body', async () => {
  const MiB = 1024 * 1024;
  // The first 1.25 MiB of what would be a 400 MB upload (64 KiB chunks); the default cap is 1 MiB.
  const body = pausingBody(MiB + 256 * 1024, 64 * 1024);
  const { res, text, sentAtAnswer } = await postPausing(worker, '/score', body);
  assert.equal(res.status, 413, text);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const { error } = JSON.parse(text);
  assert.equal(error.code, 'too_large');
  assert.match(error.message, /1048576 bytes/);
  assert.ok(sentAtAnswer <= MiB + 256 * 1024 && body.pulls < 40, `answered after ${body.pulls} pulls`);
});

test('MAX_BODY_BYTES is configurable and holds for chunked bodies and a declared Content-Length', async () => {
  const chunked = (text) => call(strict, `/score?asOf=${AS_OF}`, { method: 'POST', body: new Blob([text]).stream(), duplex: 'half' });
  const small = JSON.stringify({ ...leads[0], note: 'x'.repeat(1000) });
  assert.equal(canonical(await (await chunked(small)).json()), native[0]);
  assert.equal(canonical(await (await post(strict, `/score?asOf=${AS_OF}`, small)).json()), native[0]);
  const { res, text } = await postPausing(strict, '/score', pausingBody(5000, 1000));
  assert.equal(res.status, 413, text);
  assert.match(JSON.parse(text).error.message, /4096 bytes/);
  const declared = await assertError(await post(strict, '/score', JSON.stringify({ ...leads[0], note: 'x'.repeat(5000) })), 413, 'too_large');
  assert.match(declared.message, /4096 bytes/);
});

test('a bad Content-Length (not a number, negative, not the body\'s length) that reaches the worker gets a JSON 400', async () => {
  // workerd's own HTTP server refuses such a request with a plain-text 500 before any worker runs;
  // a request from another worker (a service binding: a router, an auth front) reaches this one
  // with the header as it was set. The front worker here sets it from x-content-length.
  const front = `export default {
    async fetch(request, env) {
      const headers = new Headers(request.headers);
      headers.set('content-length', request.headers.get('x-content-length'));
      return env.LEADSCORE.fetch(new Request(request.url, { method: request.method, headers, body: await request.arrayBuffer() }));
    },
  };`;
  const routed = await serve([{ name: 'front', modules: true, script: front, compatibilityDate: '2026-07-30', serviceBindings: { LEADSCORE: 'leadscore' } }, leadscoreWorker()]);
  try {
    for (const value of ['abc', '-5', '1e3', '12abc', '0x10']) {
      const res = await call(routed, '/score', { method: 'POST', headers: { 'x-content-length': value }, body: JSON.stringify(leads[0]) });
      const error = await assertError(res, 400, 'bad_content_length');
      assert.match(error.message, /Content-Length/);
    }
    // A body of another length than its Content-Length (which HTTP cannot carry, a binding can).
    for (const [value, word] of [['5', 'longer'], ['100000', 'shorter']]) {
      const res = await call(routed, '/score', { method: 'POST', headers: { 'x-content-length': value }, body: JSON.stringify(leads[0]) });
      assert.match((await assertError(res, 400, 'bad_content_length')).message, new RegExp(word));
    }
    const ok = await call(routed, `/score?asOf=${AS_OF}`, { method: 'POST', headers: { 'x-content-length': String(JSON.stringify(leads[0]).length) }, body: JSON.stringify(leads[0]) });
    assert.equal(canonical(await ok.json()), native[0]);
  } finally {
    await routed.mf.dispose();
  }
});

test('MAX_LEADS caps a batch: 413 naming the limit (1,000 by default; a 1 MB body of {} is 349k leads)', async () => {
  const empties = `[${Array(349_000).fill('{}').join(',')}]`;
  for (const path of ['/score', '/score-batch']) {
    const error = await assertError(await post(worker, path, empties), 413, 'too_many_leads');
    assert.match(error.message, /349000 leads; the limit is 1000 leads per request \(MAX_LEADS\)/);
    await assertError(await post(worker, path, Array(1001).fill(leads[0])), 413, 'too_many_leads');
  }
  const thousand = await post(worker, `/score-batch?asOf=${AS_OF}&explain=false`, Array(1000).fill(leads[0]));
  assert.equal(thousand.status, 200);
  assert.equal((await thousand.json()).cards.length, 1000);
  // Configurable:
  await assertError(await post(strict, '/score-batch', { leads: leads.slice(0, 3) }), 413, 'too_many_leads');
  const two = await post(strict, `/score-batch?asOf=${AS_OF}`, { leads: leads.slice(0, 2) });
  assert.deepEqual((await two.json()).cards.map(canonical), native.slice(0, 2));
});

test('POST /score-account: MAX_LEADS caps the contacts, MAX_BODY_BYTES the body, and its answers carry CORS', async () => {
  const input = JSON.parse(readFileSync(join(root, 'examples', 'accounts', 'northwind.json'), 'utf8'));
  // The strict worker: 2 contacts at most, 4 KiB, two origins. Northwind has 3 contacts.
  const error = await assertError(await post(strict, '/score-account', input, { origin: ORIGIN }), 413, 'too_many_leads');
  assert.match(error.message, /3 contacts; the limit is 2 per request \(MAX_LEADS\)/);
  assert.equal(error.path, 'contacts');
  const two = { ...input, contacts: input.contacts.slice(0, 2) };
  const ok = await post(strict, `/score-account?asOf=${AS_OF}`, two, { origin: ORIGIN });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
  assert.equal((await ok.json()).contacts.length, 2);
  const big = { ...two, account: { ...input.account, notes: 'x'.repeat(5000) } };
  const tooLarge = await post(strict, '/score-account', big, { origin: ORIGIN });
  assert.equal(tooLarge.headers.get('access-control-allow-origin'), ORIGIN, 'an error carries CORS');
  await assertError(tooLarge, 413, 'too_large');
  const pre = await call(strict, '/score-account', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-methods'), 'POST, OPTIONS');
  await assertError(await call(strict, '/score-account', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } }), 403, 'origin_not_allowed');
});

test('POST /score scores the body as one lead exactly as sent: a lead with its own lead/leads fields is not unwrapped', async () => {
  for (const extra of [{ lead: 'inbound' }, { lead: { email: 'someone@else.example' } }, { leads: [] }, { asOf: '2000-01-01T00:00:00Z', explain: false }]) {
    const lead = { ...leads[0], ...extra };
    const res = await post(worker, `/score?asOf=${AS_OF}`, lead);
    const card = await res.json();
    assert.equal(res.status, 200, JSON.stringify(card));
    // The model does not read these fields: the card is the native card of the lead without them.
    assert.equal(canonical(card), native[0], `scored as itself with ${JSON.stringify(extra)}`);
    const [batchCard] = (await (await post(worker, `/score-batch?asOf=${AS_OF}`, { leads: [lead] })).json()).cards;
    assert.equal(canonical(batchCard), native[0]);
  }
  // A string is not a lead (not parsed again as JSON text), alone, in a batch or in /verify.
  await assertError(await post(worker, '/score', JSON.stringify(JSON.stringify(leads[0]))), 422, 'wrong_type');
  const inBatch = await assertError(await post(worker, '/score-batch', [leads[0], JSON.stringify(leads[1])]), 422, 'wrong_type');
  assert.equal(inBatch.path, '[1]');
  await assertError(await post(worker, '/verify', { lead: JSON.stringify(leads[1]), card: JSON.parse(native[1]) }), 422, 'wrong_type');
});

test('options come from the query string: asOf (RFC 3339 or epoch ms) and explain=true|false; anything else is a 400 naming the parameter', async () => {
  const ms = Date.parse(AS_OF);
  assert.equal(canonical(await (await post(worker, `/score?asOf=${ms}`, leads[2])).json()), native[2]);
  const full = await (await post(worker, `/score?asOf=${AS_OF}&explain=true`, leads[2])).json();
  assert.equal(canonical(full), native[2]);
  const brief = await (await post(worker, `/score-batch?explain=false&asOf=${AS_OF}`, [leads[2]])).json();
  assert.equal(brief.cards[0].contributions, undefined);
  assert.equal(brief.cards[0].score, full.score);
  const bad = [
    ['/score?explain=yes', 'bad_option', 'explain'],
    ['/score?explain=', 'bad_option', 'explain'],
    ['/score?asOf=soon', 'bad_timestamp', 'asOf'],
    ['/score-batch?asOf=2026-13-45T00:00:00Z', 'bad_timestamp', 'asOf'],
    [`/score?asOf=${AS_OF}&asOf=${AS_OF}`, 'bad_option', 'asOf'],
    ['/score?asof=2026-11-23T00:00:00Z', 'unknown_option', 'asof'],
  ];
  for (const [path, code, param] of bad) {
    const error = await assertError(await post(worker, path, path.startsWith('/score-batch') ? [leads[0]] : leads[0]), 400, code);
    assert.equal(error.path, param, path);
    assert.match(error.message, new RegExp(param), path);
  }
  // The body of /score-batch holds leads only; options in it are refused, not silently ignored.
  const inBody = await assertError(await post(worker, '/score-batch', { leads, asOf: AS_OF }), 400, 'unknown_field');
  assert.equal(inBody.path, 'asOf');
  await assertError(await post(worker, '/score-batch', leads[0]), 400, 'wrong_shape');
});

test('CORS: any origin by default, preflights answered 204, never credentials', async () => {
  const pre = await call(worker, '/score', { method: 'OPTIONS', headers: { origin: 'https://x.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-methods'), /POST/);
  assert.match(pre.headers.get('access-control-allow-headers'), /content-type/i);
  assert.match(pre.headers.get('access-control-max-age'), /^\d+$/);
  assert.equal(pre.headers.get('access-control-allow-credentials'), null);
  for (const res of [await post(worker, `/score?asOf=${AS_OF}`, leads[0], { origin: 'https://x.example' }), await call(worker, '/nope'), await post(worker, '/score', '{')]) {
    assert.equal(res.headers.get('access-control-allow-origin'), '*', `${res.status}`);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    await res.arrayBuffer();
  }
});

test('CORS: ALLOWED_ORIGINS lists the origins; errors carry the headers too; another origin gets none and a 403 preflight', async () => {
  const preflight = (origin, path = '/score') => call(strict, path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
  const ok = await preflight(ORIGIN);
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
  assert.match(ok.headers.get('vary'), /Origin/);
  assert.equal((await preflight('https://crm.example.com', '/verify')).headers.get('access-control-allow-origin'), 'https://crm.example.com');
  const scored = await post(strict, `/score?asOf=${AS_OF}`, leads[0], { origin: ORIGIN });
  assert.equal(scored.headers.get('access-control-allow-origin'), ORIGIN);
  assert.match(scored.headers.get('vary'), /Origin/);
  assert.equal(canonical(await scored.json()), native[0]);
  for (const res of [await post(strict, '/score', '{', { origin: ORIGIN }), await call(strict, '/nope', { headers: { origin: ORIGIN } }), await call(strict, '/score', { headers: { origin: ORIGIN } })]) {
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN, `a ${res.status} carries CORS`);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    await res.arrayBuffer();
  }
  const evil = 'https://evil.example';
  await assertError(await preflight(evil), 403, 'origin_not_allowed');
  const other = await post(strict, `/score?asOf=${AS_OF}`, leads[0], { origin: evil });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  assert.match(other.headers.get('vary'), /Origin/);
  await other.arrayBuffer();
});

test('every malformed request gets a JSON error { error: { status, code, path, message } }', async () => {
  const cases = [
    [post(worker, '/score', ''), 400, 'syntax'],
    [post(worker, '/score', '{"a":1} trailing'), 400, 'syntax'],
    [post(worker, '/score-batch', '{'), 400, 'syntax'],
    [post(worker, '/verify', 'nope'), 400, 'syntax'],
    [call(worker, '/score', { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), 400, 'encoding'],
    [post(worker, '/score', 'null'), 422, 'wrong_type'],
    [post(worker, '/score', [1, 2]), 422, 'wrong_type'],
    [post(worker, '/score-batch', { leads: 'all' }), 400, 'wrong_shape'],
    [call(worker, '/score', { method: 'PUT', body: '{}' }), 405, 'method_not_allowed'],
    [call(worker, '/model', { method: 'POST', body: '{}' }), 405, 'method_not_allowed'],
    [call(worker, '/score-batch'), 405, 'method_not_allowed'],
    [call(worker, '/'), 404, 'not_found'],
    [call(worker, '/score/extra', { method: 'POST', body: '{}' }), 404, 'not_found'],
    [post(worker, '/verify', { card: JSON.parse(native[0]) }), 422, 'wrong_type'],
    [post(worker, '/verify', { lead: leads[0], card: { ...JSON.parse(native[0]), asOf: 'soon' } }), 400, 'bad_timestamp'],
  ];
  for (const [pending, status, code] of cases) await assertError(await pending, status, code);
  const after = await post(worker, `/score?asOf=${AS_OF}`, leads[0]);
  assert.equal(canonical(await after.json()), native[0], 'still scoring right after the errors');
});

test('a bad variable is a JSON 500 naming it (MODEL refused, MAX_LEADS not a number)', async () => {
  const badModel = await startWorker({ model: '{"id": "half a model"' });
  const badLimit = await startWorker({ vars: { MAX_LEADS: 'lots' } });
  try {
    const model = await assertError(await post(badModel, '/score', leads[0]), 500, 'bad_model');
    assert.match(model.message, /MODEL/);
    assert.equal((await assertError(await call(badModel, '/model'), 500, 'bad_model')).code, 'bad_model');
    const limit = await assertError(await post(badLimit, '/score', leads[0]), 500, 'bad_config');
    assert.match(limit.message, /MAX_LEADS/);
  } finally {
    await badModel.mf.dispose();
    await badLimit.mf.dispose();
  }
});
