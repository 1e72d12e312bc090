// The wasm package under Node (node --test): the shared conformance vectors, the same results as the
// native build to the last bit, the JS boundary, and recovery after errors.
// Needs pkg/node (wasm-pack build --target nodejs) and target/vector-cards.native.jsonl
// (cargo run --example vector_cards); `make test` (target wasm-js) builds both first.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { root, runVectors, canonical, vectorFiles, nativeLines } from './common.mjs';

const ls = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'leadscore.js'));
const AS_OF = '2026-11-23T00:00:00Z';
const HOT = {
  email: 'dana@acme.io', title: 'VP, Sales',
  company: { employees: 450, industry: 'Software', country: 'US' },
  events: [{ type: 'demo_request', at: '2026-11-20T09:00:00Z' }],
};

test('conformance vectors pass in wasm', () => {
  const { failures, cases } = runVectors(ls);
  assert.ok(cases >= 160, `only ${cases} cases`);
  assert.deepEqual(failures, []);
});

test('wasm gives the native results for every vector case, to the last bit', () => {
  const native = nativeLines();
  const { lines } = runVectors(ls);
  assert.equal(lines.length, native.length);
  lines.forEach((line, i) => assert.equal(line, native[i]));
});

test('leads given as objects score like the same leads given as JSON text', () => {
  let compared = 0;
  for (const { doc } of vectorFiles()) {
    for (const c of doc.cases) {
      const modelDoc = c.model ?? doc.model;
      if (c.modelIssues || c.error || typeof c.lead !== 'object' || c.lead === null) continue;
      const scorer = new ls.Scorer(modelDoc === 'default' ? undefined : modelDoc);
      const fromText = scorer.score(JSON.stringify(c.lead), { asOf: c.asOf });
      const fromObject = scorer.score(structuredClone(c.lead), { asOf: c.asOf });
      assert.equal(canonical(fromObject), canonical(fromText), c.name);
      scorer.free();
      compared += 1;
    }
  }
  assert.ok(compared > 100);
});

test('JS boundary: Date, undefined, null, numbers as strings, asOf forms', () => {
  const scorer = new ls.Scorer();
  const base = scorer.score(HOT, { asOf: AS_OF });
  assert.equal(base.score, 75);
  assert.equal(base.tier.name, 'hot');
  assert.equal(base.asOfDefaulted, undefined);
  // Results are plain objects, not Maps.
  assert.equal(Object.getPrototypeOf(base), Object.prototype);
  assert.equal(Object.getPrototypeOf(base.tier), Object.prototype);
  // Date objects: as asOf and as event times (JSON.stringify writes them as ISO text).
  const withDates = {
    ...HOT, events: [{ type: 'demo_request', at: new Date('2026-11-20T09:00:00Z') }],
  };
  const d = scorer.score(withDates, { asOf: new Date(AS_OF) });
  assert.equal(canonical(d), canonical(base));
  assert.equal(scorer.score(HOT, { asOf: Date.parse(AS_OF) }).asOf, '2026-11-23T00:00:00.000Z');
  // undefined fields are dropped, null is missing: same as absent.
  const undef = scorer.score({ ...HOT, phone: undefined, website: null }, { asOf: AS_OF });
  assert.equal(canonical(undef), canonical(base));
  // Numbers as strings compare as numbers.
  const text = scorer.score({ ...HOT, company: { ...HOT.company, employees: '450' } }, { asOf: AS_OF });
  assert.equal(text.score, 75);
  assert.deepEqual(text.warnings, []);
  // asOf omitted: now, and the card says so.
  const now = scorer.score(HOT);
  assert.equal(now.asOfDefaulted, true);
  assert.ok(Math.abs(Date.parse(now.asOf) - Date.now()) < 60_000);
  scorer.free();
});

test('bad input: clear LeadscoreErrors with code and path, never a trap', () => {
  const scorer = new ls.Scorer();
  const cyclic = { email: 'a@b.co' };
  cyclic.self = cyclic;
  const cases = [
    [null, 'wrong_type', ''],
    [42, 'wrong_type', ''],
    [[], 'wrong_type', ''],
    [{ events: 'x' }, 'wrong_type', 'events'],
    [cyclic, 'wrong_type', ''],
    [{ big: 10n }, 'wrong_type', ''],
    [undefined, 'wrong_type', ''],
    ['{not json', 'syntax', ''],
    [{ events: [{ type: 'x', at: 'yesterday' }] }, null, null],
  ];
  for (const [lead, code, path] of cases) {
    if (code === null) {
      const card = scorer.score(lead, { asOf: AS_OF });
      assert.equal(card.warnings[0].path, 'events[0].at');
      continue;
    }
    assert.throws(() => scorer.score(lead, { asOf: AS_OF }), (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'LeadscoreError');
      assert.equal(e.code, code, e.message);
      assert.equal(e.path, path);
      return true;
    });
  }
  assert.throws(() => scorer.score(HOT, { asOf: 'soon' }), { name: 'LeadscoreError', code: 'bad_timestamp', path: 'asOf' });
  const many = Array.from({ length: 1_000_001 }, () => ({ type: 'page_view', at: 0 }));
  assert.throws(() => scorer.score({ events: many }, { asOf: AS_OF }), { name: 'LeadscoreError', code: 'too_large', path: 'events' });
  scorer.free();
});

test('1,000 bad calls, then a good one scores right', () => {
  const scorer = new ls.Scorer();
  const bad = [null, 42, 'x', { events: 'x' }, [], { events: [1] }, '{', undefined];
  let thrown = 0;
  for (let i = 0; i < 1000; i += 1) {
    try {
      scorer.score(bad[i % bad.length], { asOf: i % 2 ? AS_OF : 'bad' });
    } catch (e) {
      assert.equal(e.name, 'LeadscoreError');
      thrown += 1;
    }
    try {
      new ls.Scorer({ schema: 'leadscore/v1', rules: 'no' }); // eslint-disable-line no-new
    } catch (e) {
      assert.equal(e.name, 'LeadscoreError');
    }
  }
  assert.ok(thrown >= 875, `${thrown}`);
  assert.equal(scorer.score(HOT, { asOf: AS_OF }).score, 75);
  scorer.free();
});

test('models: every problem listed, validateModel never throws, canonical model and fingerprint', () => {
  const broken = {
    schema: 'leadscore/v1', id: 'm', version: '1', groups: { fit: { max: 60 } }, tier: [],
    rules: [
      { id: 'a', group: 'fit', points: 10, when: { field: 'title.senority', eq: 'vp' } },
      { id: 'a', group: 'fit', points: 5, when: { field: 'x', exists: true } },
      { id: 'c', group: 'fit', points: 5, event: { type: 'email_open', halfLifeDays: -3 } },
    ],
    tiers: [{ name: 'warm', min: 30 }, { name: 'hot', min: 60 }, { name: 'cold', min: 0 }],
  };
  assert.throws(() => new ls.Scorer(broken), (e) => {
    assert.equal(e.name, 'LeadscoreError');
    assert.deepEqual(e.issues.map((i) => i.path), ['tier', 'rules[0].when.field', 'rules[1].id', 'rules[2].event.halfLifeDays', 'tiers[1].min']);
    return true;
  });
  const report = ls.validateModel(broken);
  assert.equal(report.valid, false);
  assert.equal(report.issues.length, 5);
  const cyclic = {};
  cyclic.me = cyclic;
  assert.equal(ls.validateModel(cyclic).valid, false);
  assert.equal(ls.validateModel('{').issues[0].code, 'syntax');
  assert.throws(() => new ls.Scorer('{'), { name: 'LeadscoreError', code: 'syntax' });
  const def = ls.defaultModel();
  assert.equal(def.id, 'b2b-default');
  const ok = ls.validateModel(def);
  const scorer = new ls.Scorer(JSON.stringify(def));
  assert.equal(ok.valid, true);
  assert.equal(ok.fingerprint, scorer.fingerprint);
  assert.equal(scorer.fingerprint, new ls.Scorer().fingerprint);
  assert.deepEqual(scorer.model, def);
  assert.equal(typeof ls.version(), 'string');
  scorer.free();
});

test('scoreMany scores in order and locates a bad lead by index', () => {
  const scorer = new ls.Scorer();
  const leads = Array.from({ length: 2000 }, (_, i) => ({ ...HOT, id: i }));
  const cards = scorer.scoreMany(leads, { asOf: AS_OF });
  assert.equal(cards.length, 2000);
  assert.deepEqual(cards.map((c) => c.leadId), leads.map((l) => l.id));
  assert.ok(cards.every((c) => c.score === 75));
  leads[3] = { events: [{ type: 'x', at: 'nope' }], id: 3 };
  const strict = new ls.Scorer({ ...ls.defaultModel(), input: { onInvalid: 'error' } });
  assert.throws(() => strict.scoreMany(leads, { asOf: AS_OF }), { name: 'LeadscoreError', path: '[3].events[0].at' });
  assert.throws(() => scorer.scoreMany('nope', { asOf: AS_OF }), { name: 'LeadscoreError', code: 'wrong_type' });
  scorer.free();
  strict.free();
});

/** Field names of an interface in src/wasm_types.d.ts: { required: [...], optional: [...] }. */
function declared(name) {
  const text = readFileSync(join(root, 'src', 'wasm_types.d.ts'), 'utf8');
  const body = text.match(new RegExp(`export interface ${name} (?:extends \\w+ )?\\{([\\s\\S]*?)\\n\\}`))?.[1];
  assert.ok(body, `interface ${name} not found`);
  const fields = [...body.matchAll(/^\s+(\w+)(\??):/gm)];
  return { required: fields.filter((f) => !f[2]).map((f) => f[1]), optional: fields.filter((f) => f[2]).map((f) => f[1]) };
}

test('the TypeScript types describe every result exactly (no field undeclared, none required missing)', () => {
  const shapes = { ScoreCard: declared('ScoreCard'), Contribution: declared('Contribution'), TierResult: declared('TierResult'),
    GroupTotal: declared('GroupTotal'), LeadWarning: declared('LeadWarning'), ValidationIssue: declared('ValidationIssue') };
  const check = (name, obj, where) => {
    const { required, optional } = shapes[name];
    for (const k of Object.keys(obj)) assert.ok(required.includes(k) || optional.includes(k), `${where}: ${name}.${k} is not declared`);
    for (const k of required) assert.ok(k in obj, `${where}: ${name}.${k} is missing`);
  };
  let cards = 0;
  for (const { name, doc } of vectorFiles()) {
    for (const c of doc.cases) {
      if (c.modelIssues) {
        const report = ls.validateModel(c.model);
        report.issues.forEach((i) => check('ValidationIssue', i, `${name}:${c.name}`));
        continue;
      }
      const modelDoc = c.model ?? doc.model;
      const scorer = new ls.Scorer(modelDoc === 'default' ? undefined : modelDoc);
      try {
        const card = scorer.score(JSON.stringify(c.lead ?? null), { asOf: c.asOf });
        const where = `${name}:${c.name}`;
        check('ScoreCard', card, where);
        card.contributions.forEach((x) => check('Contribution', x, where));
        card.groups.forEach((x) => check('GroupTotal', x, where));
        card.warnings.forEach((x) => check('LeadWarning', x, where));
        if (card.tier) check('TierResult', card.tier, where);
        cards += 1;
      } catch (e) {
        assert.equal(e.name, 'LeadscoreError');
      } finally {
        scorer.free();
      }
    }
  }
  assert.ok(cards > 100);
});
