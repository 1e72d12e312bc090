// End-to-end: the pages in www/ served by www/serve.mjs, driven in Debian's headless Chromium with
// Playwright. Needs pkg/ (make pkg-web). Screenshots go to target/e2e/ (test artifacts, not committed).
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../www/serve.mjs';
import { CHROMIUM } from '../wasm/common.mjs';

const SHOTS = fileURLToPath(new URL('../../target/e2e/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

let server;
let browser;
let base;

test.before(async () => {
  server = await serve(0);
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch(CHROMIUM);
});

test.after(async () => {
  await browser?.close();
  server?.close();
});

/** A page that records console errors, page errors and failed requests. */
async function open(path) {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page: ${e}`));
  page.on('requestfailed', (r) => problems.push(`request: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${base}${path}`);
  return { page, problems, requests };
}

test('form: cold at first, hot after a senior title and a business email, scored without a network call', async () => {
  const { page, problems, requests } = await open('/www/');
  await page.waitForSelector('#scored:not([hidden])');
  assert.equal(await page.textContent('#tier'), 'cold');
  const before = requests.length;
  await page.fill('input[name=title]', 'VP, Sales');
  await page.fill('input[name=email]', 'dana@acme.io');
  assert.equal(await page.textContent('#tier'), 'hot');
  assert.ok(Number(await page.textContent('#score')) >= 60);
  assert.match(await page.textContent('#reasons'), /VP or C-level title/);
  assert.match(await page.textContent('#next'), /Book a meeting now/);
  await page.click('#next .slots button >> nth=1');
  assert.match(await page.textContent('#next'), /Meeting held for/);
  assert.equal(requests.length, before, `scoring made requests: ${requests.slice(before)}`);
  await page.screenshot({ path: `${SHOTS}form-hot.png`, fullPage: true });

  // A free-mail address and a junior title take it back down; an emoji-only title is just unknown.
  await page.fill('input[name=email]', 'dana@gmail.com');
  await page.fill('input[name=title]', '🚀🚀');
  assert.notEqual(await page.textContent('#tier'), 'hot');
  assert.match(await page.textContent('#reasons'), /Free-mail address/);
  await page.fill('input[name=title]', 'Marketing Intern');
  assert.equal(await page.textContent('#tier'), 'cold');
  assert.match(await page.textContent('#next'), /newsletter/);
  await page.screenshot({ path: `${SHOTS}form-cold.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('playground: a broken model lists its problems with path and line; fixing it rescores the leads', async () => {
  const { page, problems } = await open('/www/playground.html');
  await page.waitForSelector('body[data-ready=true]');
  assert.match(await page.textContent('#status'), /Valid · b2b-default v1 · sha256:/);
  assert.equal(await page.locator('#leads-out details').count(), 5);
  const first = await page.textContent('#leads-out details >> nth=0');
  assert.match(first, /L-1001/);

  const good = await page.inputValue('#model');
  // The top-level rules[0] and tiers[0], edited through the parsed model: the default model's account
  // section (its own tiers and roles) comes first in the text.
  const model = JSON.parse(good);
  model.rules[0].when.field = 'title.senority';
  model.tiers[0].min = 'sixty';
  const broken = JSON.stringify(model, null, 2);
  await page.fill('#model', broken);
  await page.waitForSelector('#issues li');
  const issues = await page.$$eval('#issues li', (ls) => ls.map((l) => l.textContent));
  assert.equal(issues.length, 2, issues.join('\n'));
  assert.match(issues[0], /^line \d+ · rules\[0\]\.when\.field: unknown signal "title\.senority" \(did you mean "title\.seniority"\?\)/);
  assert.match(issues[1], /tiers\[0\]\.min/);
  // The line named is the line the path is on.
  const line = Number(/^line (\d+)/.exec(issues[0])[1]);
  assert.match(broken.split('\n')[line - 1], /title\.senority/);
  await page.click('#issues li >> nth=0');
  const selected = await page.$eval('#model', (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.match(selected, /title\.senority/);
  await page.screenshot({ path: `${SHOTS}playground-error.png` });

  // Garbage: a syntax error with its line, and the page stays usable.
  await page.fill('#model', '{\n  "schema": "leadscore/v1",\n  oops\n}');
  await page.waitForFunction(() => document.querySelector('#issues li')?.textContent.startsWith('line 3'));
  assert.match(await page.textContent('#issues'), /syntax|expected|key must be a string/i);

  // A model that scores differently: every lead gets 7 points from one rule.
  const flat = { schema: 'leadscore/v1', id: 'flat', version: '2', groups: { fit: {} }, rules: [{ id: 'all', group: 'fit', points: 7, when: { field: 'email', exists: true } }], tiers: [{ name: 'hot', min: 5 }, { name: 'cold', min: 0 }] };
  await page.fill('#model', JSON.stringify(flat, null, 2));
  await page.waitForFunction(() => document.querySelector('#status')?.textContent.includes('flat v2'));
  assert.equal(await page.locator('#issues li').count(), 0);
  const scores = await page.$$eval('#leads-out .bigscore', (s) => s.map((x) => x.textContent));
  assert.deepEqual(scores, ['7', '7', '7', '7', '7']);

  // Download gives the canonical model.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.equal(download.suggestedFilename(), 'flat-v2.json');
  assert.deepEqual(problems, []);
  await page.close();
});

// The locations come from the engine as data (issue.segments, issue.line): a quoted key such as
// groups["my group"] and a path that is not in the text used to freeze the tab in an endless loop.
test('playground: a quoted group key and a missing schema are located without freezing the page; Enter or Space on an issue selects its line', { timeout: 60_000 }, async () => {
  const { page, problems } = await open('/www/playground.html');
  await page.waitForSelector('body[data-ready=true]');
  const good = await page.inputValue('#model');
  const selectedLine = () => page.$eval('#model', (t) => ({
    line: t.value.slice(0, t.selectionStart).split('\n').length,
    text: t.value.slice(t.selectionStart, t.selectionEnd),
    focused: document.activeElement === t,
  }));
  // Tab from the last toolbar button reaches the first issue: the list is operable by keyboard.
  const tabToFirstIssue = async () => {
    await page.focus('#download');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('#issues li button')), true, 'Tab reaches the first issue');
  };

  const model = JSON.parse(good);
  model.groups['my group'] = { max: 'lots' };
  const grouped = JSON.stringify(model, null, 2);
  const maxLine = grouped.split('\n').findIndex((l) => l.includes('"max": "lots"')) + 1;
  assert.ok(maxLine > 1);
  await page.fill('#model', grouped);
  await page.waitForSelector('#issues li');
  const issues = await page.$$eval('#issues li', (ls) => ls.map((l) => l.textContent));
  assert.equal(issues.length, 1, issues.join('\n'));
  assert.match(issues[0], /· groups\["my group"\]\.max: expected a number/);
  assert.match(issues[0], new RegExp(`^line ${maxLine} · `));
  await tabToFirstIssue();
  await page.keyboard.press('Enter');
  assert.deepEqual(await selectedLine(), { line: maxLine, text: grouped.split('\n')[maxLine - 1], focused: true });

  // No "schema" at all: the path is not in the text, so the issue points at the root, line 1.
  delete model.schema;
  delete model.groups['my group'];
  const schemaless = JSON.stringify(model, null, 2);
  await page.fill('#model', schemaless);
  await page.waitForFunction(() => document.querySelector('#issues li')?.textContent.includes('schema'));
  const schemaIssue = await page.textContent('#issues li');
  assert.match(schemaIssue, /^line 1 · schema: /);
  await tabToFirstIssue();
  await page.keyboard.press('Space');
  assert.deepEqual(await selectedLine(), { line: 1, text: '{', focused: true });

  // Still responsive: the good model is accepted again.
  await page.fill('#model', good);
  await page.waitForFunction(() => document.querySelector('#status')?.textContent.startsWith('Valid'));
  assert.equal(await page.locator('#issues li').count(), 0);
  await page.screenshot({ path: `${SHOTS}playground-located.png` });
  assert.deepEqual(problems, []);
  await page.close();
});

test('playground history: backtest the sample, train from it, and refuse a CSV without an outcome', async () => {
  const { page, problems } = await open('/www/playground.html');
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#csv-sample');
  await page.waitForFunction(() => !document.querySelector('#run-backtest').disabled);
  assert.equal(await page.inputValue('#csv-target'), 'converted');
  await page.click('#run-backtest');
  await page.waitForSelector('#charts svg');
  assert.match(await page.textContent('#history-status'), /Backtest of b2b-default v1 on 1,500 leads/);
  // The default model has no calibration: tiers, gain and histogram, with a bar per tier.
  assert.equal(await page.locator('#charts svg').count(), 3);
  assert.equal(await page.locator('#charts svg >> nth=0').locator('rect.bar').count(), 3);
  assert.match(await page.textContent('#history-summary'), /AUC0\.\d{3}/);
  // Coverage beside the charts: every field the default model reads, and what the sample lacks.
  assert.equal(await page.locator('#charts figure.coverage tbody tr').count(), 9, '8 fields and the events');
  assert.match(await page.textContent('#charts figure.coverage'), /company\.employees\s*9\d%/);
  const warned = await page.textContent('#coverage-warnings[role=alert]');
  assert.match(warned, /company\.techStack found in 0 of 1,500 rows/);
  assert.match(warned, /events found in 0 of 1,500 rows/);

  await page.click('#run-train');
  await page.waitForFunction(() => document.querySelector('#history-status').textContent.startsWith('Trained'));
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Valid · trained v1'));
  assert.equal(await page.locator('#charts svg').count(), 4, 'a trained model is calibrated: the calibration plot too');
  const auc = Number(/holdout AUC (0\.\d+)/.exec(await page.textContent('#history-status'))[1]);
  assert.ok(auc > 0.75, `${auc}`);
  assert.match(await page.inputValue('#model'), /"calibration"/);
  // The sample's age_band is a fairness segment from the start, so the scorecard learns nothing from it.
  assert.match(await page.textContent('#history-status'), /Left out of training \(fairness segments\): age_band\./);
  assert.doesNotMatch(await page.inputValue('#model'), /age_band/);
  assert.deepEqual(await page.$$eval('#audit-segments input:checked', (xs) => xs.map((x) => x.value)), ['age_band']);
  // The sample history and the sample leads match: the trained model tells the five leads apart.
  const tiers = await page.$$eval('#leads-out .tier', (ts) => ts.map((t) => t.textContent));
  const trainedScores = await page.$$eval('#leads-out .bigscore', (ss) => ss.map((x) => Number(x.textContent)));
  console.log(`trained on the sample history, the sample leads score ${trainedScores.join(', ')} (${tiers.join(', ')})`);
  assert.equal(new Set(tiers).size, 3, `three tiers among the sample leads: ${tiers}`);
  assert.ok(new Set(trainedScores).size >= 4, `${trainedScores}`);
  await page.locator('#history').screenshot({ path: `${SHOTS}playground-history.png` });

  // No outcome column: the page says what is wrong (with the line) and stays usable.
  await page.setInputFiles('#csv-file', { name: 'no-outcome.csv', mimeType: 'text/csv', buffer: Buffer.from('name,employees\nAcme,450\nGlobex,80\n') });
  await page.waitForFunction(() => document.querySelector('#history-status').textContent.includes('no-outcome.csv'));
  await page.selectOption('#csv-target', 'employees');
  await page.click('#run-backtest');
  await page.waitForSelector('#history-status.error');
  assert.match(await page.textContent('#history-status'), /line 2, column "employees".*outcome must be 1\/0, yes\/no or true\/false/);
  await page.click('#csv-sample');
  await page.waitForFunction(() => !document.querySelector('#run-backtest').disabled);
  await page.click('#run-backtest');
  await page.waitForFunction(() => document.querySelector('#history-status').textContent.startsWith('Backtest of trained v1'));

  // A renamed column: the backtest runs, and a loud warning names both names.
  await page.selectOption('#preset', 'default');
  await page.click('#load');
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Valid · b2b-default'));
  const renamed = 'title,employee_count,converted\nVP Sales,450,yes\nAnalyst,20,no\nCEO,900,yes\n';
  await page.setInputFiles('#csv-file', { name: 'renamed.csv', mimeType: 'text/csv', buffer: Buffer.from(renamed) });
  await page.waitForFunction(() => document.querySelector('#history-status').textContent.includes('renamed.csv'));
  await page.click('#run-backtest');
  await page.waitForFunction(() => document.querySelector('#history-status').textContent.startsWith('Backtest of b2b-default'));
  assert.match(await page.textContent('#coverage-warnings'), /company\.employees found in 0 of 3 rows; did you mean employee_count\?/);
  assert.equal(await page.locator('#charts figure.coverage tr.absent').count(), 8, 'all but the title, and the events');
  await page.locator('#history').screenshot({ path: `${SHOTS}playground-coverage.png` });
  assert.deepEqual(problems, []);
  await page.close();
});

test('playground history: a fairness audit across the chosen segment columns, flags shown, no sideways scroll on a phone', async () => {
  const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page: ${e}`));
    await page.goto(`${base}/www/playground.html`);
    await page.waitForSelector('body[data-ready=true]');
    await page.fill('#model', fixture('audit-model.json'));
    await page.waitForFunction(() => document.querySelector('#status')?.textContent.includes('audit-test v1'));
    await page.setInputFiles('#csv-file', { name: 'audit-history.csv', mimeType: 'text/csv', buffer: Buffer.from(fixture('audit-history.csv')) });
    await page.waitForSelector('#audit-segments input[value=region]');
    // Every column but the outcome can be a segment; none is picked until the user picks one.
    const choices = await page.$$eval('#audit-segments input', (xs) => xs.map((x) => x.value));
    assert.deepEqual(choices, ['id', 'title', 'region']);
    assert.equal(await page.isDisabled('#run-audit'), true);
    await page.check('#audit-segments input[value=region]');
    await page.check('#audit-segments input[value=title]');
    await page.click('#run-audit');
    await page.waitForSelector('#audit-out table.audit');
    assert.match(await page.textContent('#history-status'), /Fairness audit of audit-test v1 on 125 leads: 3 groups below four fifths/); // south, (missing); analyst by title
    // Sections in the file's column order: title, then region.
    assert.deepEqual(await page.$$eval('#audit-out h3', (hs) => hs.map((h) => h.textContent)), ['title · 3 values', 'region · 4 values']);
    const rows = await page.locator('#audit-out section', { hasText: 'region · ' }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.className}|${tr.textContent}`));
    assert.deepEqual(rows.map((r) => r.split('|')[0]), ['', 'flagged', 'small', 'flagged', 'overall']);
    assert.match(rows[1], /south40/);
    assert.match(rows[1], /25\.0%DI 0\.50 ⚑/);
    assert.match(rows[2], /too small/);
    assert.match(await page.textContent('#audit-out'), /Four-fifths rule: 2 below 0\.8: south, \(missing\)\./);
    assert.match(await page.textContent('#audit-out .direct-use'), /The model reads "title" itself: direct use of a sensitive attribute, in vp, mgr/);
    await page.locator('#history').screenshot({ path: `${SHOTS}playground-audit-${width}.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width} px: the page scrolls ${overflow} px sideways`);
    const table = await page.$eval('#audit-out .table-wrap', (w) => w.scrollWidth - w.clientWidth);
    assert.ok(table <= 0, `${width} px: the audit table scrolls ${table} px inside its box`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('playground account example: northwind scored with the current model, drawn as scoreAccount gives it, and following the model', async () => {
  const { page, problems } = await open('/www/playground.html');
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#account-run');
  await page.waitForSelector('#account-score');
  // The engine's answer, computed in the page with the package it already loaded (the editor holds
  // the default model) at the section's as-of time.
  assert.equal(await page.inputValue('#account-asof'), '2026-11-30T00:00');
  const expected = await page.evaluate(async () => {
    const { Scorer } = await import('/pkg/leadscore.js');
    const text = await (await fetch('/examples/accounts/northwind.json')).text();
    return new Scorer().scoreAccount(text, { asOf: '2026-11-30T00:00:00Z' });
  });
  const account = expected.account;
  assert.equal(account.accountId, 'acc-northwind');
  assert.equal(Number(await page.textContent('#account-score')), account.score);
  assert.equal(await page.textContent('#account-out .acct-head .tier'), account.tier.name);
  // The reasons and the scale's row add up to the score shown.
  const points = await page.$$eval('#account-out .acct-why li[data-points]', (lis) => lis.map((li) => Number(li.dataset.points)));
  assert.equal(points.length, account.contributions.length + (account.score === account.raw ? 0 : 1));
  assert.equal(Math.round(points.reduce((a, b) => a + b, 0) * 100) / 100, account.score);
  // Buying group: each role with its status; the missing ones (Finance) flagged.
  assert.deepEqual(await page.$$eval('#account-out .acct-roles li[data-role]', (lis) => lis.map((li) => li.dataset.role)), account.buyingGroup.roles.map((r) => r.id));
  assert.deepEqual(await page.$$eval('#account-out .acct-roles li:has(.acct-chip.missing)', (lis) => lis.map((li) => li.dataset.role)), account.buyingGroup.missing);
  assert.ok(account.buyingGroup.missing.length > 0, 'northwind has no finance contact');
  // Intent: every signal with its status.
  assert.deepEqual(await page.$$eval('#account-out .acct-intent li[data-status]', (lis) => lis.map((li) => li.dataset.status)), account.intent.signals.map((s) => s.status));
  // Contacts: score, route and stage of each.
  const contacts = await page.$$eval('#account-out .acct-contacts li[data-contact]', (lis) => lis.map((li) => ({ id: li.dataset.contact, score: Number(li.querySelector('.bigscore').textContent), text: li.textContent })));
  assert.deepEqual(contacts.map((c) => [c.id, c.score]), expected.contacts.map((c) => [c.leadId, c.score]));
  expected.contacts.forEach((c, i) => {
    assert.ok(contacts[i].text.includes(c.route.action), `${c.leadId}: route ${c.route.action}`);
    assert.ok(contacts[i].text.includes(`${c.stage.id} (${c.stage.change}`), `${c.leadId}: stage ${c.stage.id}`);
  });
  await page.locator('#accounts').screenshot({ path: `${SHOTS}playground-account.png` });

  // A model without an `account` section: the section says so; the default model again: rescored.
  await page.selectOption('#preset', 'plg-saas');
  await page.click('#load');
  await page.waitForSelector('#account-out .error');
  assert.match(await page.textContent('#account-out'), /no "account" section/);
  await page.selectOption('#preset', 'default');
  await page.click('#load');
  await page.waitForSelector('#account-score');
  assert.equal(Number(await page.textContent('#account-score')), account.score);
  // An edited input is rescored: without its contacts the account loses their points.
  await page.click('#account-input summary');
  await page.fill('#account-json', JSON.stringify({ account: JSON.parse(await page.inputValue('#account-json')).account }));
  await page.waitForFunction((before) => Number(document.querySelector('#account-score')?.textContent) < before, account.score);
  assert.deepEqual(problems, []);
  await page.close();
});
