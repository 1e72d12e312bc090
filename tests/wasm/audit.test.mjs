// The fairness audit in wasm (pkg/node): the same report as `leadscore audit --json` on the same file
// (target/audit.cli.json, written by `make wasm-js` from tests/fixtures/), the hand-checked figures,
// `sensitive` in training, and errors as LeadscoreErrors naming the option.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { root } from './common.mjs';

const ls = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'leadscore.js'));
const fixture = (name) => readFileSync(join(root, 'tests', 'fixtures', name), 'utf8');
const csv = fixture('audit-history.csv');
const model = JSON.parse(fixture('audit-model.json'));
const OPTIONS = { target: 'converted', segment: ['region', 'title'], asOf: '2026-11-23T00:00:00Z' };

test('audit in wasm gives the CLI report', () => {
  const cli = JSON.parse(readFileSync(join(root, 'target', 'audit.cli.json'), 'utf8'));
  assert.deepEqual(ls.audit(model, csv, OPTIONS), cli);
});

test('audit: four-fifths flags, a group too small to judge, the missing group, proxies', () => {
  const report = ls.audit(JSON.stringify(model), csv, OPTIONS);
  assert.equal(report.rows, 125);
  const region = report.segments[0];
  assert.deepEqual(region.groups.map((g) => g.value), ['north', 'south', 'east', '(missing)']);
  const [north, south, east, missing] = region.groups;
  assert.equal(north.topTier.ratio, 1);
  assert.equal(south.topTier.ratio, 0.5);
  assert.equal(south.topTier.belowFourFifths, true);
  assert.equal(east.tooSmall, true);
  assert.equal(east.topTier.ratio, null);
  assert.equal(east.auc, null);
  assert.match(east.aucNote, /every lead in the group converted/);
  assert.equal(missing.rows, 35);
  assert.deepEqual(region.flagged, ['south', '(missing)']);
  assert.deepEqual(region.directUse, []);
  // The model reads title: direct use, said per rule.
  assert.deepEqual(report.segments[1].directUse.map((d) => d.rule), ['vp', 'mgr']);
  // Objects give the same report as the CSV.
  const rows = csv.trim().split('\n').slice(1).map((l) => {
    const [id, title, region, converted] = l.split(',');
    return { id, title, region, converted };
  });
  assert.deepEqual(ls.audit(model, rows, OPTIONS).segments, report.segments);
});

test('train with sensitive: never an input, audited in the report', () => {
  const big = csv.trim().split('\n');
  const text = [big[0], ...Array(4).fill(big.slice(1)).flat()].join('\n');
  const { model: trained, report } = ls.train(text, { target: 'converted', ignore: ['id'], holdoutEvery: 2, sensitive: ['region'] });
  assert.ok(!JSON.stringify(trained).includes('"field":"region"'));
  assert.ok(report.notes.includes('region: sensitive, never used as an input'), report.notes.join('\n'));
  assert.equal(report.sensitive.rows, 'holdout');
  assert.equal(report.sensitive.audit.segments[0].column, 'region');
  assert.equal(report.sensitive.audit.rows, 250);
});

test('audit errors are LeadscoreErrors naming the option, and the instance keeps working', () => {
  const expect = (fn, check) => assert.throws(fn, (e) => {
    assert.equal(e.name, 'LeadscoreError');
    check(e);
    return true;
  });
  expect(() => ls.audit(model, csv, { ...OPTIONS, segment: ['regoin'] }), (e) => {
    assert.equal(e.kind, 'usage');
    assert.equal(e.code, 'unknown_field');
    assert.equal(e.path, 'segment');
    assert.equal(e.reason, 'no column "regoin" in the data; the columns are: id, title, region, converted');
  });
  expect(() => ls.audit(model, csv, { target: 'converted' }), (e) => assert.equal(e.path, 'segment'));
  expect(() => ls.audit(model, csv, { ...OPTIONS, proxyThreshold: 3 }), (e) => assert.equal(e.path, 'proxyThreshold'));
  expect(() => ls.audit(model, csv, { ...OPTIONS, segments: ['region'] }), (e) => assert.equal(e.code, 'invalid_value'));
  expect(() => ls.audit(model, 'title,region,converted\nvp,north,maybe\n', OPTIONS), (e) => {
    assert.equal(e.kind, 'data');
    assert.equal(e.line, 2);
    assert.equal(e.field, 'converted');
  });
  expect(() => ls.train(csv, { target: 'converted', sensitive: ['nope'] }), (e) => assert.equal(e.path, 'sensitive'));
  assert.equal(ls.audit(model, csv, OPTIONS).rows, 125);
});
