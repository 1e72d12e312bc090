// The conformance vectors in workerd, on the web package the edge worker ships: every case passes
// there, its result equals the native engine's (target/vector-cards.native.jsonl, written by `make
// edge`), and every scored card's JSON text is byte for byte the native card's text.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, vectorFiles, nativeLines } from '../wasm/common.mjs';
import { moduleWorker, serve, snippets } from '../../examples/edge-worker/start.mjs';

test('the conformance vectors pass in workerd with the native results, byte for byte', async () => {
  const worker = moduleWorker('vectors', [
    { type: 'ESModule', path: 'tests/edge/vectors-worker.mjs' },
    { type: 'ESModule', path: 'pkg/leadscore.js' },
    ...snippets(),
    { type: 'ESModule', path: 'tests/wasm/vectors-core.mjs' },
    { type: 'CompiledWasm', path: 'pkg/leadscore_bg.wasm' },
  ]);
  const { mf, url } = await serve([worker]);
  try {
    const res = await fetch(url, { method: 'POST', body: JSON.stringify(vectorFiles()) });
    assert.equal(res.status, 200);
    const { lines, failures, cases, raw } = await res.json();
    assert.ok(cases >= 230, `only ${cases} cases`);
    assert.deepEqual(failures, []);
    const native = nativeLines();
    assert.equal(lines.length, native.length);
    lines.forEach((line, i) => assert.equal(line, native[i]));
    // Raw card texts: the native file holds ScoreCard::to_json, the bytes JSON.stringify writes.
    const nativeRaw = new Map(readFileSync(join(root, 'target', 'vector-cards.native.jsonl'), 'utf8').trim().split('\n')
      .map((l) => [l.slice(0, l.indexOf('\t')), l.slice(l.indexOf('\t') + 1)]));
    const ids = Object.keys(raw);
    assert.ok(ids.length >= 170, `only ${ids.length} cards`);
    assert.ok(ids.some((id) => id.startsWith('enrichment.json:')), 'the enrichment vectors ran');
    for (const id of ids) assert.equal(raw[id], nativeRaw.get(id), id);
  } finally {
    await mf.dispose();
  }
});
