// One serialisation of a card: the text the Rust engine writes for a card (`ScoreCard::to_json`, used
// by the CLI and any backend) is byte for byte `JSON.stringify` of the card the JS API returns, for
// every conformance vector and for 10,000 generated leads (numbers as JavaScript writes them, ids
// as JavaScript holds them, the same key order).
// Needs target/vector-cards.native.jsonl (examples/vector_cards.rs) and target/same-bytes/ (the
// CLI's cards for the generated leads), which `make wasm-js` writes first.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { root, vectorFiles } from './common.mjs';

const ls = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'leadscore.js'));

test('every vector card: the native text is JSON.stringify of the wasm card', () => {
  const native = new Map(readFileSync(join(root, 'target', 'vector-cards.native.jsonl'), 'utf8').trim().split('\n').map((line) => {
    const tab = line.indexOf('\t');
    return [line.slice(0, tab), line.slice(tab + 1)];
  }));
  let compared = 0;
  for (const { name, doc } of vectorFiles()) {
    for (const c of doc.cases) {
      const modelDoc = c.model ?? doc.model;
      let scorer;
      try { scorer = new ls.Scorer(modelDoc === 'default' ? undefined : modelDoc); } catch { continue; }
      try {
        const card = scorer.score(JSON.stringify(c.lead ?? null), { asOf: c.asOf });
        assert.equal(JSON.stringify(card), native.get(`${name}:${c.name}`), `${name}:${c.name}`);
        compared += 1;
      } catch (e) {
        if (e.name !== 'LeadscoreError') throw e;
      } finally {
        scorer.free();
      }
    }
  }
  assert.ok(compared > 100, `only ${compared} cards`);
});

test('10,000 generated leads: the CLI writes JSON.stringify of the wasm cards, line for line', () => {
  const dir = join(root, 'target', 'same-bytes');
  const leads = readFileSync(join(dir, 'leads.ndjson'));
  const cli = readFileSync(join(dir, 'cards.cli.jsonl'), 'utf8').trimEnd().split('\n');
  const summaries = readFileSync(join(dir, 'summaries.cli.jsonl'), 'utf8').trimEnd().split('\n');
  const scorer = new ls.Scorer();
  const cards = scorer.scoreNdjson(leads, { asOf: '2026-11-23T00:00:00Z' });
  const brief = scorer.scoreNdjson(leads, { asOf: '2026-11-23T00:00:00Z', explain: false });
  assert.equal(cards.length, 10000);
  assert.equal(cli.length, cards.length);
  cards.forEach((card, i) => assert.equal(JSON.stringify(card), cli[i], `lead ${i + 1}`));
  brief.forEach((card, i) => assert.equal(JSON.stringify(card), summaries[i], `summary ${i + 1}`));
  // Numbers where the two languages' defaults differ: ids beyond 2^53 and written with exponents.
  const ids = scorer.scoreMany([{ id: 1e2 }, { id: 9007199254740993 }], { asOf: 0 }).map((c) => JSON.stringify(c.leadId));
  assert.deepEqual(ids, ['100', '9007199254740992']);
  scorer.free();
});
