// The MV3 extension (examples/crm-extension/) loaded unpacked into Debian's Chromium (new headless):
// on the fixture CRM contact page served on 127.0.0.1, the content script reads the record, the
// service worker scores it with the extension's own wasm, and the badge shows the score the engine
// gives (computed here with pkg/node at the same moment). The record's account panel (its fields,
// other contacts and intent) makes it an account scoring: the contact's card with its account, and
// the account's tier and missing buying roles on the badge. A model saved in chrome.storage is used
// (one without an `account` section scores the lead alone).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { root, CHROMIUM } from '../wasm/common.mjs';

const EXT = join(root, 'examples', 'crm-extension');
const ls = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'leadscore.js'));
const LEAD = {
  id: 'C-004211', email: 'dana.kim@acme.io', title: 'VP, Sales', createdAt: '2026-10-02T09:00:00Z',
  company: { name: 'Acme', employees: 450, industry: 'Software', country: 'US' },
  events: [
    { type: 'page_view', at: '2026-11-19T10:12:00Z', url: '/pricing' },
    { type: 'webinar_attended', at: '2026-11-12T16:00:00Z' },
    { type: 'email_click', at: '2026-11-08T08:40:00Z' },
  ],
};
/** The fixture's account panel as an account input, the record's lead first. */
const ACCOUNT = {
  account: {
    id: 'A-0193', name: 'Acme', domain: 'acme.io', industry: 'Software', employees: 450, country: 'US',
    intent: [
      { provider: 'bombora', topic: 'Lead Scoring', score: 71, week: '2026-11-16' },
      { provider: 'bombora', topic: 'Sales Engagement', score: 38, week: '2026-11-16' },
    ],
  },
  contacts: [
    LEAD,
    { id: 'C-004215', title: 'Director of Marketing', email: 'priya.nair@acme.io', company: LEAD.company, events: [{ type: 'webinar_attended', at: '2026-11-12T16:00:00Z' }] },
    { id: 'C-004230', title: 'Software Engineer', email: 'tom.berg@acme.io', company: LEAD.company, events: [{ type: 'content_download', at: '2026-11-17T13:20:00Z' }] },
  ],
};

test('the badge on a CRM record shows the engine\'s score, and follows the model saved in the options', async () => {
  const page = readFileSync(join(EXT, 'fixture', 'contact.html'));
  const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const profile = mkdtempSync(join(tmpdir(), 'leadscore-ext-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, ...CHROMIUM.args],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    assert.match(worker.url(), /^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
    const tab = await context.newPage();
    const problems = [];
    tab.on('pageerror', (e) => problems.push(String(e)));
    const url = `http://127.0.0.1:${server.address().port}/contact`;
    await tab.goto(url);
    await tab.waitForSelector('#leadscore-badge[data-score]');
    const defaults = new ls.Scorer();
    const { account, contacts: [expected] } = defaults.scoreAccount(ACCOUNT, { asOf: new Date() });
    // Scored with its account: not the lead's score alone when the account boosts it (a hot account).
    if (account.tier?.name === 'hot') assert.notEqual(expected.score, defaults.score(LEAD, { asOf: new Date() }).score);
    assert.equal(Number(await tab.getAttribute('#leadscore-badge', 'data-score')), expected.score);
    assert.equal(await tab.getAttribute('#leadscore-badge', 'data-tier'), expected.tier.name);
    assert.equal(await tab.getAttribute('#leadscore-badge', 'data-account-tier'), account.tier.name);
    const text = await tab.textContent('#leadscore-badge');
    assert.match(text, /VP or C-level title \(\+20\)/);
    assert.match(text, /b2b-default v1/);
    // The account's tier and the buying roles nobody fills, by their labels (Finance: nobody in finance).
    assert.ok(account.buyingGroup.missing.includes('finance'), 'the fixture account has no finance contact');
    const labels = account.buyingGroup.missing.map((id) => account.buyingGroup.roles.find((r) => r.id === id).label);
    assert.equal(await tab.textContent('#leadscore-badge .ls-account'), `Account: ${account.tier.name} · missing ${labels.join(', ')}`);
    assert.match(await tab.textContent('#leadscore-badge .ls-foot'), new RegExp(`next: ${expected.route.action}$`));
    await tab.screenshot({ path: join(root, 'target', 'e2e', 'extension-badge.png') });

    // An admin's model, saved in chrome.storage by the options page, is what the badge uses next.
    const model = readFileSync(join(root, 'examples', 'models', 'plg-saas.json'), 'utf8');
    await worker.evaluate((text) => chrome.storage.local.set({ modelText: text }), model);
    await tab.reload();
    await tab.waitForSelector('#leadscore-badge[data-score]');
    const custom = new ls.Scorer(model).score(LEAD, { asOf: new Date() });
    assert.match(await tab.textContent('#leadscore-badge'), new RegExp(`${JSON.parse(model).id} v`));
    assert.equal(Number(await tab.getAttribute('#leadscore-badge', 'data-score')), custom.score);
    // That model has no `account` section: the lead is scored alone, with no account line.
    assert.equal(await tab.locator('#leadscore-badge .ls-account').count(), 0);
    assert.equal(await tab.getAttribute('#leadscore-badge', 'data-account-tier'), null);

    // The options page validates before saving: a broken model is refused with its path.
    const options = await context.newPage();
    await options.goto(worker.url().replace('background.js', 'options.html'));
    await options.fill('#model', '{"schema": "leadscore/v1", "id": "x", "version": "1", "groups": {}, "rules": [{"id": "r"}]}');
    await options.click('#save');
    await options.waitForSelector('#status.error');
    assert.match(await options.textContent('#status'), /rules\[0\]/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
