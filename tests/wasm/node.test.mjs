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
const COLD = { email: 'kid@gmail.com', title: 'Intern', events: [] };

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

test('scoreMany across its 1,024-lead slices, and the leads its fast path hands back', () => {
  // Batches are encoded 1,024 leads at a time in JS (src/wasm/encode.js); a slice JSON cannot carry
  // line by line (a cycle, a BigInt, undefined, JSON text with line breaks) is scored lead by lead,
  // which names the lead. Either way: every card equals the card of the lead scored alone.
  const scorer = new ls.Scorer();
  const leads = Array.from({ length: 2600 }, (_, i) => ({ ...(i % 3 ? HOT : COLD), id: `lead-${i}` }));
  leads[1500] = JSON.stringify({ ...HOT, id: 'pretty' }, null, 2);
  const alone = leads.map((l) => canonical(scorer.score(l, { asOf: AS_OF })));
  assert.deepEqual(scorer.scoreMany(leads, { asOf: AS_OF }).map(canonical), alone);
  assert.equal(scorer.scoreMany(leads, { asOf: AS_OF })[1500].leadId, 'pretty');
  const cyclic = { email: 'a@b.co' };
  cyclic.self = cyclic;
  for (const [bad, code] of [[cyclic, 'wrong_type'], [undefined, 'wrong_type'], [{ id: 10n }, 'wrong_type'], ['{"x":', 'syntax']]) {
    const batch = [...leads];
    batch[2049] = bad;
    assert.throws(() => scorer.scoreMany(batch, { asOf: AS_OF }), { name: 'LeadscoreError', code, path: '[2049]' });
  }
  assert.deepEqual(scorer.scoreMany([], { asOf: AS_OF }), []);
  scorer.free();
});

/** Field names of an interface in src/wasm/types.d.ts: { required: [...], optional: [...] }. */
function declared(name) {
  const text = readFileSync(join(root, 'src', 'wasm', 'types.d.ts'), 'utf8');
  const found = text.match(new RegExp(`export interface ${name} (?:extends (\\w+) )?\\{([\\s\\S]*?)\\n\\}`));
  assert.ok(found, `interface ${name} not found`);
  const fields = [...found[2].matchAll(/^\s+(\w+)(\??):/gm)];
  const own = { required: fields.filter((f) => !f[2]).map((f) => f[1]), optional: fields.filter((f) => f[2]).map((f) => f[1]) };
  if (!found[1]) return own;
  const base = declared(found[1]);
  return { required: [...base.required, ...own.required], optional: [...base.optional, ...own.optional] };
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

test('scoreNdjson: text or UTF-8 bytes give what scoreMany gives; blank lines and CRLF are skipped', () => {
  let compared = 0;
  for (const { name, doc } of vectorFiles()) {
    if (!doc.model) continue;
    const leads = doc.cases.filter((c) => !c.error && !c.model && typeof c.lead === 'object' && c.lead !== null && !Array.isArray(c.lead)).map((c) => c.lead);
    const fileScorer = new ls.Scorer(doc.model === 'default' ? undefined : doc.model);
    const text = leads.map((l) => JSON.stringify(l)).join('\r\n') + '\n\n  \n';
    const many = fileScorer.scoreMany(leads, { asOf: AS_OF }).map(canonical);
    assert.deepEqual(fileScorer.scoreNdjson(text, { asOf: AS_OF }).map(canonical), many, name);
    assert.deepEqual(fileScorer.scoreNdjson(new TextEncoder().encode(text), { asOf: AS_OF }).map(canonical), many, name);
    fileScorer.free();
    compared += leads.length;
  }
  assert.ok(compared > 100, `${compared}`);
  const scorer = new ls.Scorer();
  // A very large batch: 50,000 lines in one call.
  const big = Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ ...HOT, id: i })).join('\n');
  const cards = scorer.scoreNdjson(big, { asOf: AS_OF, explain: false });
  assert.equal(cards.length, 50_000);
  assert.ok(cards.every((c, i) => c.leadId === i && c.score === 75));
  scorer.free();
});

test('scoreNdjson errors: the line index in the path, bad bytes, wrong types', () => {
  const strict = new ls.Scorer({ ...ls.defaultModel(), input: { onInvalid: 'error' } });
  const lines = [JSON.stringify(HOT), '', JSON.stringify({ events: [{ type: 'x', at: 'nope' }] })].join('\n');
  assert.throws(() => strict.scoreNdjson(lines, { asOf: AS_OF }), { name: 'LeadscoreError', code: 'bad_timestamp', path: '[2].events[0].at' });
  assert.throws(() => strict.scoreNdjson(`${JSON.stringify(HOT)}\n{oops`, { asOf: AS_OF }), { name: 'LeadscoreError', code: 'syntax', path: '[1]' });
  assert.throws(() => strict.scoreNdjson('42', { asOf: AS_OF }), { name: 'LeadscoreError', code: 'wrong_type', path: '[0]' });
  assert.throws(() => strict.scoreNdjson(new Uint8Array([0x7b, 0xff, 0x7d]), { asOf: AS_OF }), { name: 'LeadscoreError', code: 'syntax' });
  for (const input of [null, undefined, 42, [JSON.stringify(HOT)], { text: '' }]) {
    assert.throws(() => strict.scoreNdjson(input, { asOf: AS_OF }), { name: 'LeadscoreError', code: 'wrong_type', path: '' });
  }
  assert.deepEqual(strict.scoreNdjson('', { asOf: AS_OF }), []);
  assert.equal(strict.scoreNdjson(JSON.stringify(HOT), { asOf: AS_OF })[0].score, 75);
  strict.free();
});

test('explain: false gives the card without groups and contributions; options are checked', () => {
  const shape = declared('ScoreSummary');
  let compared = 0;
  for (const { name, doc } of vectorFiles()) {
    for (const c of doc.cases) {
      const modelDoc = c.model ?? doc.model;
      if (c.modelIssues || c.error || c.input || c.match) continue; // accounts: the next test
      const scorer = new ls.Scorer(modelDoc === 'default' ? undefined : modelDoc);
      // The merged fields' provenance (`enrichment`) is explanation too.
      const { groups, contributions, enrichment, ...rest } = scorer.score(JSON.stringify(c.lead ?? null), { asOf: c.asOf });
      const summary = scorer.score(JSON.stringify(c.lead ?? null), { asOf: c.asOf, explain: false });
      assert.ok(Array.isArray(groups) && Array.isArray(contributions));
      assert.equal(canonical(summary), canonical(rest), `${name}:${c.name}`);
      for (const k of Object.keys(summary)) assert.ok(shape.required.includes(k) || shape.optional.includes(k), `ScoreSummary.${k}`);
      for (const k of shape.required) assert.ok(k in summary, `ScoreSummary.${k} missing`);
      scorer.free();
      compared += 1;
    }
  }
  assert.ok(compared > 100);
  const scorer = new ls.Scorer();
  assert.equal(scorer.score(HOT, { asOf: AS_OF, explain: true }).contributions.length > 0, true);
  assert.equal(scorer.score(HOT, { asOf: AS_OF, explain: null }).contributions.length > 0, true);
  assert.throws(() => scorer.score(HOT, { asOf: AS_OF, explain: 'no' }), { name: 'LeadscoreError', code: 'wrong_type', path: 'explain' });
  assert.throws(() => scorer.score(HOT, 'soon'), { name: 'LeadscoreError', code: 'wrong_type', path: '' });
  assert.equal(scorer.scoreMany([HOT], { asOf: AS_OF, explain: false })[0].contributions, undefined);
  scorer.free();
});

test('scoreAccount: explain: false leaves out the explanation only; text and object inputs agree; bad input throws with its place', () => {
  let compared = 0;
  for (const { name, doc } of vectorFiles()) {
    for (const c of doc.cases) {
      if (!c.input || c.error) continue;
      const scorer = new ls.Scorer(c.model ?? doc.model);
      const full = scorer.scoreAccount(c.input, { asOf: c.asOf });
      const fromText = scorer.scoreAccount(JSON.stringify(c.input), { asOf: c.asOf });
      assert.equal(canonical(full), canonical(fromText), `${name}:${c.name}`);
      const summary = scorer.scoreAccount(c.input, { asOf: c.asOf, explain: false });
      const { groups, contributions, ...account } = full.account;
      assert.ok(Array.isArray(groups) && Array.isArray(contributions));
      assert.equal(canonical(summary.account), canonical(account), `${name}:${c.name}`);
      summary.contacts.forEach((s, i) => {
        const { groups: g, contributions: k, enrichment, ...rest } = full.contacts[i];
        assert.ok(Array.isArray(g) && Array.isArray(k));
        assert.equal(canonical(s), canonical(rest), `${name}:${c.name}: contact ${i}`);
      });
      scorer.free();
      compared += 1;
    }
  }
  assert.ok(compared >= 40, `${compared} account cases`);
  const scorer = new ls.Scorer();
  const defaulted = scorer.scoreAccount({ account: { id: 'a' }, contacts: [] });
  assert.equal(defaulted.account.asOfDefaulted, true);
  assert.throws(() => scorer.scoreAccount({ account: { id: 'a' }, contacts: [HOT, { events: 3 }] }, { asOf: AS_OF }),
    { name: 'LeadscoreError', code: 'wrong_type', path: 'contacts[1].events' });
  assert.throws(() => scorer.scoreAccount('{"contacts": [', { asOf: AS_OF }), { name: 'LeadscoreError', code: 'syntax' });
  assert.throws(() => scorer.scoreAccount(42, { asOf: AS_OF }), { name: 'LeadscoreError', code: 'wrong_type' });
  const m = scorer.matchContacts({ contacts: [{ email: 'a@acme.com' }, { email: 'b@gmail.com' }] });
  assert.deepEqual(m.groups.map((g) => [g.id, g.contacts]), [['acme.com', [0]]]);
  assert.equal(m.unmatched[0].contact, 1);
  scorer.free();
});

test('freeing one scorer leaves another with the same model scoring the same', () => {
  const a = new ls.Scorer();
  const b = new ls.Scorer();
  const before = canonical(b.score(HOT, { asOf: AS_OF }));
  a.free();
  assert.equal(canonical(b.score(HOT, { asOf: AS_OF })), before);
  for (let i = 0; i < 200; i += 1) new ls.Scorer({ ...ls.defaultModel(), version: `v${i}` }).free();
  assert.equal(canonical(b.score(HOT, { asOf: AS_OF })), before);
  b.free();
});
