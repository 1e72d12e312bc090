// Coverage in the JS API (pkg/node): `coverage(model, leads)` for a plain batch, and `coverage` in
// the reports of `backtest` and `train`; a renamed column is a warning naming both names.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { root } from './common.mjs';

const ls = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'leadscore.js'));
const csv = readFileSync(join(root, 'examples', 'history', 'funnel.csv'), 'utf8');
const renamed = csv.replace(',company.employees,', ',employee_count,');
const leads = [
  { title: 'VP, Sales', employee_count: 450, company: { industry: 'Software' } },
  { title: 'CTO', employee_count: 80, events: [{ type: 'demo_request', at: '2026-11-20T00:00:00Z' }] },
];

test('coverage of a batch: shares, rules, and a did-you-mean for a field no lead has', () => {
  const c = ls.coverage(undefined, leads);
  assert.equal(c.rows, 2);
  const field = (name) => c.fields.find((f) => f.field === name);
  assert.deepEqual(field('title'), { field: 'title', present: 2, share: 1, readBy: ['exec-title', 'director-title', 'manager-title', 'student'] });
  assert.equal(field('company.industry').share, 0.5);
  const w = c.warnings.find((x) => x.field === 'company.employees');
  assert.equal(w.didYouMean, 'employee_count');
  assert.equal(w.message, 'model reads `company.employees`, found in 0 of 2 rows; did you mean `employee_count`?');
  assert.equal(c.events.present, 1);
  assert.equal(c.events.types.find((t) => t.type === 'demo_request').present, 1);
  // The same batch as NDJSON text, as bytes, and as JSON texts in an array.
  const ndjson = leads.map((l) => JSON.stringify(l)).join('\n');
  assert.deepEqual(ls.coverage(null, ndjson), c);
  assert.deepEqual(ls.coverage(null, new TextEncoder().encode(ndjson)), c);
  assert.deepEqual(ls.coverage(ls.defaultModel(), leads.map((l) => JSON.stringify(l))), c);
});

test('backtest and train reports carry coverage', () => {
  const report = ls.backtest(null, renamed, { target: 'converted', asOf: '2026-11-23T00:00:00Z' });
  assert.equal(report.coverage.rows, 1500);
  const w = report.coverage.warnings.find((x) => x.field === 'company.employees');
  assert.equal(w.didYouMean, 'employee_count');
  assert.ok(report.coverage.warnings.some((x) => x.field === 'events'), 'a CSV has no events');
  const { report: trained } = ls.train(csv, { target: 'converted', ignore: ['id', 'age_band'] });
  assert.deepEqual(trained.coverage.warnings, []);
  assert.ok(trained.coverage.fields.every((f) => f.present > 0 && f.readBy.length > 0), JSON.stringify(trained.coverage.fields));
});

test('a lead coverage cannot read is a LeadscoreError with its index, and the module keeps working', () => {
  const expect = (fn, check) => assert.throws(fn, (e) => {
    assert.equal(e.name, 'LeadscoreError');
    check(e);
    return true;
  });
  expect(() => ls.coverage(null, [{}, { events: 3 }]), (e) => assert.deepEqual([e.kind, e.path], ['lead', '[1].events']));
  expect(() => ls.coverage(null, '{}\n{"events": 3}\n'), (e) => assert.equal(e.path, '[1].events'));
  expect(() => ls.coverage(null, 42), (e) => assert.deepEqual([e.kind, e.code], ['usage', 'wrong_type']));
  expect(() => ls.coverage({ schema: 'nope' }, []), (e) => assert.equal(e.kind, 'model'));
  assert.equal(ls.coverage(null, []).rows, 0);
});
