// The form's "Why" list adds up: for a hot, a warm and a cold visitor the listed reasons, the
// "+N more" row, the group caps and the scale's row (capped at 100, floored at 0, rounded) sum to the
// score shown, exactly. Also: a visitor filling in the form is never "inactive", the tier is shown in
// the model's words (no action ids, no "Label D3"), and on a phone the compact score bar stays in sight.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startPages, openAt, SHOTS } from './harness.mjs';

let pages;
test.before(async () => { pages = await startPages(); });
test.after(async () => { await pages?.close(); });

/** The counted rows of the Why list, the score shown, and their sum in hundredths (the engine's unit). */
async function whyList(page) {
  const rows = await page.$$eval('#reasons li[data-points]', (ls) => ls.map((l) => ({ kind: l.className.split(' ')[0], text: l.textContent, points: Number(l.dataset.points) })));
  const score = Number(await page.textContent('#score'));
  const sum = rows.reduce((a, r) => a + Math.round(r.points * 100), 0);
  return { rows, score, sum };
}

/** Fills the form as a visitor would; `history` ticks exactly the simulated-history boxes named. */
async function visitor(page, { email, title, interest = 'research', history = [] }) {
  await page.fill('input[name=email]', email);
  await page.fill('input[name=title]', title);
  await page.selectOption('select[name=interest]', interest);
  for (const box of ['pricing', 'webinar', 'emails']) await page.setChecked(`input[name=${box}]`, history.includes(box));
}

const VISITORS = {
  // Fit 55 and engagement 59.7 (a demo request, the webinar, pricing, two clicks): raw 114.7, capped, with hidden reasons.
  hot: { email: 'dana@acme.io', title: 'VP, Sales', interest: 'demo', history: ['pricing', 'webinar', 'emails'] },
  // Fit 47 plus two decayed email clicks: raw 55.46, rounded to 55.
  warm: { email: 'sam@globex.com', title: 'Director of Marketing', history: ['emails'] },
  // A student on a free-mail address with no history: raw -20, floored at 0.
  cold: { email: 'alex@gmail.com', title: 'Marketing Intern' },
};

test('form: the Why rows add up to the score for a hot, a warm and a cold visitor', async () => {
  const { page, problems } = await openAt(pages, '/www/', 1280);
  await page.waitForSelector('#scored:not([hidden])');
  const tierLabels = {};
  for (const [tier, who] of Object.entries(VISITORS)) {
    await visitor(page, who);
    assert.equal(await page.textContent('#tier'), tier, `${who.title} <${who.email}>`);
    const { rows, score, sum } = await whyList(page);
    assert.equal(sum, score * 100, `${tier}: rows ${JSON.stringify(rows)} add up to ${sum / 100}, the score shown is ${score}`);
    const kinds = rows.map((r) => r.kind);
    const scaleRow = rows.find((r) => r.kind === 'scale')?.text ?? '';
    if (tier === 'hot') {
      assert.equal(score, 100);
      assert.match(scaleRow, /^Capped at 100 \(raw points 1\d\d(\.\d+)?\)/);
      assert.equal(kinds.filter((k) => k === 'more').length, 1, 'the hot visitor has more reasons than are listed');
    }
    if (tier === 'warm') {
      assert.ok(score > 30 && score < 60, `${score}`);
      assert.match(scaleRow, /^Rounded to a whole number/);
    }
    if (tier === 'cold') {
      assert.equal(score, 0);
      assert.match(scaleRow, /^Floored at 0 \(raw points −20\)/);
      assert.match(rows.map((r) => r.text).join('|'), /Student or intern.*\|Free-mail address/);
    }
    // Subtotals: one per group of the card, fit first.
    assert.match(await page.textContent('#subtotals'), /^Fit[+−]?\d[\d.]*(\s\(of \d+(\.\d+)?\))?Engagement/);
    const result = await page.textContent('#result');
    assert.doesNotMatch(result, /No activity in 60 days/, `${tier}: a visitor filling in the form is active`);
    assert.doesNotMatch(result, /route_to_ae|sdr_nurture|marketing_nurture|Label [A-D]\d|tier rank/, `${tier}: no action ids or label jargon`);
    tierLabels[tier] = await page.textContent('#tier-label');
    await page.screenshot({ path: `${SHOTS}form-why-${tier}.png`, fullPage: true });
  }
  // The tiers' words come from the model (tiers[].label), one per tier.
  assert.match(tierLabels.hot, /^Sales-ready: /);
  assert.equal(new Set(Object.values(tierLabels)).size, 3, JSON.stringify(tierLabels));

  // "+N more" opens with the keyboard; then every reason is listed and the sum still holds.
  await visitor(page, VISITORS.hot);
  const before = await whyList(page);
  const hidden = Number(/^\+(\d+) more/.exec(before.rows.find((r) => r.kind === 'more').text)[1]);
  await page.focus('#reasons li.more button');
  await page.keyboard.press('Enter');
  const after = await whyList(page);
  assert.equal(after.rows.filter((r) => r.kind === 'more').length, 0);
  assert.equal(after.rows.filter((r) => r.kind === 'reason').length, before.rows.filter((r) => r.kind === 'reason').length + hidden);
  assert.equal(after.sum, after.score * 100);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'reasons', 'focus stays in the list');
  assert.deepEqual(problems, []);
  await page.close();
});

test('form at 390 px: the compact score bar sticks to the top while the form scrolls, and agrees with the panel', async () => {
  const { page, problems } = await openAt(pages, '/www/', 390, 700);
  await page.waitForSelector('#scored:not([hidden])');
  await visitor(page, VISITORS.warm);
  // The panel is below the form: out of sight while typing the job title.
  await page.locator('input[name=title]').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 200));
  const panelTop = await page.$eval('#result', (r) => r.getBoundingClientRect().top);
  assert.ok(panelTop > 700, `the panel is below the fold (${panelTop})`);
  const bar = await page.$eval('#bar', (b) => ({ top: b.getBoundingClientRect().top, visible: getComputedStyle(b).display !== 'none' }));
  assert.deepEqual(bar, { top: 0, visible: true });
  assert.equal(await page.textContent('#bar-score'), await page.textContent('#score'));
  assert.equal(await page.textContent('#bar-tier'), 'warm');
  await page.screenshot({ path: `${SHOTS}form-scorebar-390.png` });
  // "Why?" jumps to the panel.
  await page.click('#bar a');
  await page.waitForFunction(() => Math.abs(document.querySelector('#result').getBoundingClientRect().top) < 5);
  assert.deepEqual(problems, []);
  await page.close();

  // Wide screens show the panel beside the form, so no bar.
  const wide = await openAt(pages, '/www/', 1280);
  await wide.page.waitForSelector('#scored:not([hidden])');
  assert.equal(await wide.page.$eval('#bar', (b) => getComputedStyle(b).display), 'none');
  await wide.page.close();
});

test('playground: each sample lead\'s rows (contributions, caps, the scale\'s row) add up to its score', async () => {
  const { page, problems } = await openAt(pages, '/www/playground.html', 1280);
  await page.waitForSelector('body[data-ready=true]');
  const leads = await page.$$eval('#leads-out details', (ds) => ds.map((d) => ({
    score: Number(d.querySelector('.bigscore').textContent),
    rows: [...d.querySelectorAll('td.pts')].map((td) => td.textContent.replace('\u2212', '-')),
    scaleRow: d.querySelector('tr.scale-row')?.textContent ?? '',
  })));
  assert.equal(leads.length, 5);
  for (const lead of leads) {
    const sum = lead.rows.reduce((a, p) => a + Math.round(Number(p) * 100), 0);
    assert.equal(sum, lead.score * 100, JSON.stringify(lead));
  }
  // The sample has a lead over 100 and leads under 0: both clamps are shown.
  assert.ok(leads.some((l) => /Capped at 100/.test(l.scaleRow)), JSON.stringify(leads.map((l) => l.scaleRow)));
  assert.ok(leads.some((l) => /Floored at 0/.test(l.scaleRow)), JSON.stringify(leads.map((l) => l.scaleRow)));
  assert.deepEqual(problems, []);
  await page.close();
});
