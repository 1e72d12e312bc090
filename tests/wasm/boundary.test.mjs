// The JS API's boundary under abuse (pkg/node): every failure a LeadscoreError with its location
// as data, and inputs that used to slip through or break the instance.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './common.mjs';

const ls = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'leadscore.js'));
const AS_OF = '2026-11-23T00:00:00Z';
const AS_OF_CARD = '2026-11-23T00:00:00.000Z';
const LEAD = { email: 'dana@acme.io', title: 'VP, Sales', company: { employees: 450 } };

/** Asserts that `fn` throws a LeadscoreError and returns it. */
function refused(fn) {
  let caught;
  assert.throws(fn, (e) => {
    caught = e;
    return e instanceof Error && e.name === 'LeadscoreError';
  });
  return caught;
}

test('errors carry their location as data: segments, and line and column for syntax', () => {
  const model = ls.defaultModel();
  model.groups['my group'] = { max: 'lots' };
  const e = refused(() => new ls.Scorer(model));
  assert.equal(e.kind, 'model');
  const issue = e.issues.find((i) => i.path === 'groups["my group"].max');
  assert.ok(issue, JSON.stringify(e.issues));
  assert.deepEqual(issue.segments, ['groups', 'my group', 'max']);
  const report = ls.validateModel(model);
  assert.deepEqual(report.issues.map((i) => i.segments), e.issues.map((i) => i.segments));

  const syntax = ls.validateModel('{\n  "schema": "leadscore/v1",\n  "id": oops\n}');
  assert.deepEqual([syntax.issues[0].code, syntax.issues[0].line, syntax.issues[0].column, syntax.issues[0].segments], ['syntax', 3, 9, []]);

  const lead = refused(() => new ls.Scorer().score('{"email": "a@b.co",\n "title": }', { asOf: AS_OF }));
  assert.deepEqual([lead.kind, lead.code, lead.line, lead.column], ['lead', 'syntax', 2, 11]);

  const batch = refused(() => new ls.Scorer().scoreMany([LEAD, { ...LEAD, company: { name: 'x'.repeat(70000) } }], { asOf: AS_OF }));
  assert.deepEqual([batch.path, batch.segments, batch.code], ['[1].company.name', [1, 'company', 'name'], 'too_large']);
  assert.equal(batch.reason.includes('[1]'), false, 'the reason is the problem without its location');
});

test('a throwing asOf or explain getter is an error, not a default', () => {
  const scorer = new ls.Scorer();
  const throwing = (name) => Object.defineProperty({}, name, { get() { throw new Error('boom'); } });
  for (const name of ['asOf', 'explain']) {
    const e = refused(() => scorer.score(LEAD, throwing(name)));
    assert.deepEqual([e.kind, e.path], ['usage', name]);
    assert.match(e.message, /boom/);
  }
  assert.equal(scorer.score(LEAD, { asOf: AS_OF }).asOf, AS_OF_CARD, 'the scorer still works');
});

test('a freed scorer throws a LeadscoreError, and other scorers keep working', () => {
  const scorer = new ls.Scorer();
  scorer.free();
  for (const call of [() => scorer.score(LEAD, { asOf: AS_OF }), () => scorer.fingerprint, () => scorer.scoreNdjson('{}'), () => scorer.model]) {
    const e = refused(call);
    assert.equal(e.kind, 'usage');
    assert.match(e.message, /freed/);
  }
  assert.equal(new ls.Scorer().score(LEAD, { asOf: AS_OF }).asOf, AS_OF_CARD);
});

test('model keys such as __proto__ and constructor round-trip through scorer.model', () => {
  const model = ls.defaultModel();
  model.groups = JSON.parse('{"fit": {}, "engagement": {}, "negative": {}, "__proto__": {"max": 10}, "constructor": {}}');
  model.rules = [...model.rules, { id: 'proto_rule', group: '__proto__', points: 3, reason: 'proto', when: { field: 'title', exists: true } }];
  const scorer = new ls.Scorer(model);
  const again = scorer.model;
  assert.ok(Object.hasOwn(again.groups, '__proto__'), 'a group named __proto__ is an own key');
  assert.equal(Object.getPrototypeOf(again.groups), Object.prototype);
  assert.equal(new ls.Scorer(again).fingerprint, scorer.fingerprint);
  const card = scorer.score(LEAD, { asOf: AS_OF });
  assert.ok(card.groups.some((g) => g.group === '__proto__' && g.points === 3));
});

test('a model with 20,000 rules compiles (the constructor is not quadratic) and scores', () => {
  const model = ls.defaultModel();
  model.rules = Array.from({ length: 20000 }, (_, i) => ({ id: `r${i}`, group: 'fit', points: 1, reason: `rule ${i}`, when: { field: 'code', eq: `c${i}` } }));
  const scorer = new ls.Scorer(model);
  assert.deepEqual(scorer.score({ code: 'c19999' }, { asOf: AS_OF }).contributions.map((c) => c.rule), ['r19999']);
  assert.deepEqual(scorer.score({ code: 'c7' }, { asOf: AS_OF }).contributions.map((c) => c.rule), ['r7']);
});

test('text is the same on every path: a lone surrogate is U+FFFD in an object, a string, NDJSON and bytes', () => {
  const scorer = new ls.Scorer();
  const lead = { id: 'L-s', title: 'VP \uD800 Sales', company: { ['name \uDC00']: 'x\uD83D' } };
  const asObject = scorer.score(lead, { asOf: AS_OF });
  const asText = scorer.score(JSON.stringify(lead), { asOf: AS_OF });
  const asNdjson = scorer.scoreNdjson(`${JSON.stringify(lead)}\n`, { asOf: AS_OF })[0];
  const asBytes = scorer.scoreNdjson(new TextEncoder().encode(JSON.stringify(lead)), { asOf: AS_OF })[0];
  const asRawString = scorer.score(`{"id":"L-s","title":"VP \uD800 Sales","company":{"name \uDC00":"x\uD83D"}}`, { asOf: AS_OF });
  for (const other of [asText, asNdjson, asBytes, asRawString]) assert.equal(JSON.stringify(other), JSON.stringify(asObject));
  assert.ok(asObject.contributions.some((c) => c.rule === 'exec-title'), 'the title still reads as VP');
  // Bytes that are not UTF-8 are refused at their line, as the CLI refuses that line.
  const e = refused(() => scorer.scoreNdjson(new Uint8Array([0x7b, 0x7d, 0x0a, 0x7b, 0xff, 0x7d]), { asOf: AS_OF }));
  assert.deepEqual([e.code, e.path, e.segments], ['syntax', '[1]', [1]]);
});

test('any order of events and keys gives the same card in wasm too (seeded shuffles)', () => {
  const order = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'order.json'), 'utf8'));
  const samples = readFileSync(join(root, 'examples', 'leads', 'sample-leads.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  let seed = 20261123;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const shuffled = (list) => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const keysReversed = (value) => Array.isArray(value) ? value.map(keysReversed)
    : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, keysReversed(v)])) : value;
  let compared = 0;
  for (const [model, leads] of [[order.model, order.cases.map((c) => c.lead)], [undefined, samples]]) {
    const scorer = new ls.Scorer(model);
    for (const lead of leads) {
      const expected = JSON.stringify(scorer.score(lead, { asOf: AS_OF }));
      for (let round = 0; round < 20; round++) {
        const other = keysReversed({ ...lead, events: shuffled(lead.events ?? []) });
        assert.equal(JSON.stringify(scorer.score(other, { asOf: AS_OF })), expected);
        compared += 1;
      }
    }
    scorer.free();
  }
  assert.ok(compared >= 100);
});
