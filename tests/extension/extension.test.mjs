// The MV3 extension (examples/crm-extension/) loaded unpacked into Debian's Chromium (new headless):
// on the fixture CRM contact page served on 127.0.0.1, the content script reads the record, the
// service worker scores it with the extension's own wasm, and the badge shows the score the engine
// gives (computed here with pkg/node at the same moment). A model saved in chrome.storage is used.
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
    const expected = new ls.Scorer().score(LEAD, { asOf: new Date() });
    assert.equal(Number(await tab.getAttribute('#leadscore-badge', 'data-score')), expected.score);
    assert.equal(await tab.getAttribute('#leadscore-badge', 'data-tier'), expected.tier.name);
    const text = await tab.textContent('#leadscore-badge');
    assert.match(text, /VP or C-level title \(\+20\)/);
    assert.match(text, /b2b-default v1/);
    await tab.screenshot({ path: join(root, 'target', 'e2e', 'extension-badge.png') });

    // An admin's model, saved in chrome.storage by the options page, is what the badge uses next.
    const model = readFileSync(join(root, 'examples', 'models', 'plg-saas.json'), 'utf8');
    await worker.evaluate((text) => chrome.storage.local.set({ modelText: text }), model);
    await tab.reload();
    await tab.waitForSelector('#leadscore-badge[data-score]');
    const custom = new ls.Scorer(model).score(LEAD, { asOf: new Date() });
    assert.match(await tab.textContent('#leadscore-badge'), new RegExp(`${JSON.parse(model).id} v`));
    assert.equal(Number(await tab.getAttribute('#leadscore-badge', 'data-score')), custom.score);

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
