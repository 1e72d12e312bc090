// The BigQuery UDF library in a sandbox that offers what BigQuery's JavaScript UDFs offer: a bare
// V8 context (node:vm) with ECMAScript and WebAssembly only, no require, no fetch, no TextEncoder,
// no atob, no timers. The library and the UDF body from score_leads.sql run there and must give the
// CLI's cards byte for byte; the files must fit BigQuery's documented limits.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const data = join(root, 'target', 'bigquery');
const dist = join(here, 'dist');
const sql = readFileSync(join(here, 'score_leads.sql'), 'utf8');
// The libraries the SQL's OPTIONS(library = [...]) lists, by file name: what BigQuery would load.
const listed = [...(/library = \[([^\]]*)\]/.exec(sql)?.[1] ?? '').matchAll(/"gs:\/\/[^"]*\/([^"/]+)"/g)].map((m) => m[1]);
const built = readdirSync(dist).filter((f) => f.endsWith('.js')).sort();
const body = /AS r"""\n([\s\S]*?)"""/.exec(sql)?.[1];
const AS_OF = '2026-11-23T00:00:00Z';

// BigQuery's limits for JavaScript UDFs (cloud.google.com/bigquery/quotas, "UDF limits"): each
// external code library at most 1 MB, all of a UDF's libraries at most 5 MB, the inline code
// (the definition body) at most 32 KB.
const LIBRARY_MAX = 1_000_000;
const LIBRARIES_MAX = 5_000_000;
const BODY_MAX = 32_768;

/** A fresh UDF instance: the library loaded into a bare context, and the UDF as BigQuery calls it. */
function instance(files = listed) {
  const context = vm.createContext({});
  for (const name of files) vm.runInContext(readFileSync(join(dist, name), 'utf8'), context, { filename: name });
  const udf = vm.runInContext(`(function score_leads(leads, as_of, model) {\n${body}\n})`, context);
  return { context, udf };
}

test('the sandbox offers no more than a BigQuery UDF does', () => {
  const { context } = instance();
  for (const name of ['require', 'fetch', 'process', 'atob', 'setTimeout', 'Buffer', 'importScripts']) {
    assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', name);
  }
  assert.equal(vm.runInContext('typeof WebAssembly.Module', context), 'function');
  assert.equal(vm.runInContext('typeof leadscoreUdf.scoreBatch', context), 'function');
});

test('the SQL lists every library built, and they fit BigQuery\'s limits', () => {
  assert.deepEqual([...listed].sort(), built, 'OPTIONS(library) in score_leads.sql');
  let total = 0;
  for (const name of built) {
    const size = statSync(join(dist, name)).size;
    total += size;
    console.log(`${name}: ${size.toLocaleString('en')} bytes of ${LIBRARY_MAX.toLocaleString('en')}`);
    assert.ok(size <= LIBRARY_MAX, `${name}: ${size} bytes`);
    assert.doesNotMatch(readFileSync(join(dist, name), 'utf8'), /\brequire\(|\bimport\(|^import /m, `${name}: a classic script`);
  }
  console.log(`all libraries: ${total.toLocaleString('en')} bytes of ${LIBRARIES_MAX.toLocaleString('en')}; body ${body.length} bytes`);
  assert.ok(total <= LIBRARIES_MAX, `${total} bytes in all`);
  assert.ok(body && Buffer.byteLength(body) <= BODY_MAX, 'the UDF body');
});

test('a missing part file is a clear error, not a broken module', () => {
  const { udf } = instance(listed.filter((name) => name !== 'leadscore-wasm-1.js'));
  assert.throws(() => udf(['{"id": "a"}'], AS_OF, null), /lack leadscore-wasm-1\.js/);
});

test('batches of leads score as the CLI scores them, byte for byte', () => {
  const leads = readFileSync(join(data, 'leads.ndjson'), 'utf8').trim().split('\n');
  const cards = readFileSync(join(data, 'cards.cli.jsonl'), 'utf8').trim().split('\n');
  const explained = readFileSync(join(data, 'cards-explained.cli.jsonl'), 'utf8').trim().split('\n');
  assert.equal(leads.length, cards.length);
  const { context, udf } = instance();
  const out = [];
  for (let i = 0; i < leads.length; i += 500) {
    out.push(...udf(leads.slice(i, i + 500), AS_OF, null));
  }
  assert.deepEqual(out, cards);
  // Copied out of the sandbox's realm (its arrays have their own prototype).
  const full = [...vm.runInContext('leadscoreUdf.scoreBatch', context)(leads.slice(0, 200), AS_OF, null, true)];
  assert.deepEqual(full, explained.slice(0, 200));
  assert.equal(vm.runInContext('leadscoreUdf.compiledModels()', context), 1, 'one model compiled for every batch');
});

test('a bad lead is its own error; a bad model fails the call with its problems', () => {
  const { context, udf } = instance();
  const [good, bad] = udf(['{"id": "a", "title": "VP Sales"}', '{"id": "b", "events": "soon"}'], AS_OF, null);
  assert.equal(JSON.parse(good).leadId, 'a');
  const { error } = JSON.parse(bad);
  assert.equal(error.path, 'events');
  assert.match(error.message, /expected an array of events/);
  const model = JSON.stringify({ schema: 'leadscore/v1', id: 'x', version: '1', groups: { fit: {} },
    rules: [{ id: 'r', group: 'fti', points: 5, when: { field: 'title', exists: true } }] });
  assert.throws(() => udf(['{"id": "a"}'], AS_OF, model), (e) => /fti/.test(String(e.message)));
  const custom = JSON.stringify({ schema: 'leadscore/v1', id: 'm', version: '1', groups: { fit: {} },
    rules: [{ id: 'r', group: 'fit', points: 5, when: { field: 'title', exists: true } }] });
  assert.equal(JSON.parse(udf(['{"id": "a", "title": "CTO"}'], AS_OF, custom)[0]).raw, 5);
  udf(['{"id": "b"}'], AS_OF, custom);
  assert.equal(vm.runInContext('leadscoreUdf.compiledModels()', context), 2, 'the default model and one custom model');
});
