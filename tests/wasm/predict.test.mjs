// Training and backtests in wasm (pkg/node) give exactly what the CLI gives on the same data
// (target/funnel-*.cli.json, written by `make wasm-js` from examples/history/funnel.csv), and refuse bad
// data with its line and column.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { root } from './common.mjs';

const ls = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'leadscore.js'));
const csv = readFileSync(join(root, 'examples', 'history', 'funnel.csv'), 'utf8');
const cli = (name) => JSON.parse(readFileSync(join(root, 'target', `funnel-${name}.cli.json`), 'utf8'));
const OPTIONS = { target: 'converted', ignore: ['id', 'age_band'], holdoutEvery: 5, id: 'funnel' };

test('train in wasm gives the CLI model and report, bit for bit', () => {
  const { model, report } = ls.train(csv, OPTIONS);
  assert.deepEqual(model, cli('model'));
  assert.deepEqual(report, cli('report'));
  assert.ok(report.holdout.auc > 0.75, `${report.holdout.auc}`);
  assert.equal(ls.validateModel(model).valid, true);
});

test('train in wasm writes the bytes the CLI writes: the default trainer and the boosted one with every option', () => {
  const { model } = ls.train(csv, OPTIONS);
  assert.equal(JSON.stringify(model, null, 2) + '\n', readFileSync(join(root, 'target', 'funnel-model.cli.json'), 'utf8'));
  // The boosted trainer, its interactions and a monotone column, against the CLI binary `make wasm-js` built.
  const cliBin = join(root, 'target', 'release', 'leadscore');
  assert.ok(existsSync(cliBin), 'make wasm-js builds target/release/leadscore first');
  const out = join(mkdtempSync(join(tmpdir(), 'leadscore-')), 'boosted.json');
  execFileSync(cliBin, ['train', '--data', join(root, 'examples', 'history', 'funnel.csv'), '--target', 'converted',
    '--ignore', 'id,age_band', '--holdout-every', '5', '--id', 'funnel', '--trainer', 'boosted', '--interactions', '2',
    '--increasing', 'company.employees', '--out', out]);
  const progress = [];
  const boosted = ls.train(csv, { ...OPTIONS, trainer: 'boosted', interactions: 2, increasing: ['company.employees'] },
    (stage, done, total) => progress.push([stage, done, total]));
  assert.equal(boosted.report.trainer, 'boosted');
  assert.equal(JSON.stringify(boosted.model, null, 2) + '\n', readFileSync(out, 'utf8'));
  assert.ok(progress.length > 10 && progress.every(([s, d, t]) => typeof s === 'string' && d <= t), `${progress.length} progress events`);
  assert.ok(progress.some(([s]) => s === 'interactions'));
});

test('backtest in wasm gives the CLI report', () => {
  const report = ls.backtest(cli('model'), csv, { target: 'converted', testEvery: 5, capacity: 50, asOf: '2026-11-23T00:00:00Z' });
  assert.deepEqual(report, cli('backtest'));
  assert.equal(report.rows, 300);
  assert.equal(report.deciles.length, 10);
});

test('training from objects equals training from the same CSV', () => {
  // The sample's cells hold no newlines; some are quoted ("VP, Sales").
  const cells = (line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1].replace(/^"(.*)"$/, '$1').replaceAll('""', '"'));
  const lines = csv.trim().split('\n');
  const header = cells(lines[0]);
  const rows = lines.slice(1).map((l) => Object.fromEntries(cells(l).map((v, i) => [header[i], v])));
  // Objects' columns come in key order, a CSV's in header order: the same rules, listed differently.
  const byId = (m) => ({ ...m, rules: [...m.rules].sort((a, b) => a.id.localeCompare(b.id)) });
  assert.deepEqual(byId(ls.train(rows, OPTIONS).model), byId(ls.train(csv, OPTIONS).model));
});

test('bad training data: clear errors with line and column, never a trap', () => {
  const expect = (fn, check) => assert.throws(fn, (e) => {
    assert.equal(e.name, 'LeadscoreError');
    check(e);
    return true;
  });
  expect(() => ls.train('a,y\n1,yes\n2,no,extra\n', { target: 'y' }), (e) => assert.equal(e.line, 3));
  expect(() => ls.train('a,y\n1,yes\n2,maybe\n', { target: 'y' }), (e) => {
    assert.equal(e.line, 3);
    assert.equal(e.field, 'y');
    assert.equal(e.kind, 'data');
  });
  expect(() => ls.train('', { target: 'y' }), (e) => assert.match(e.message, /empty/));
  expect(() => ls.train('a,y\n1,yes\n1,no\n', { target: 'y' }), (e) => assert.match(e.message, /no column/));
  expect(() => ls.train(csv, { target: 'nope' }), (e) => assert.match(e.message, /no outcome column "nope"/));
  expect(() => ls.train(csv, { target: 'converted', bogus: 1 }), (e) => assert.equal(e.code, 'invalid_value'));
  expect(() => ls.train(42, { target: 'y' }), (e) => assert.equal(e.code, 'wrong_type'));
  expect(() => ls.backtest(undefined, [{ y: 'maybe' }], { target: 'y' }), (e) => assert.equal(e.field, 'y'));
  // The instance still works.
  assert.equal(ls.train(csv, OPTIONS).model.id, 'funnel');
});
