// Accessibility and layout of both pages at a phone's and a laptop's width: axe-core (WCAG 2.1 A and
// AA rules, plus its best practices) finds no serious or critical violation, and at 390 px neither
// page scrolls sideways. Each page is checked in the states a visitor reaches: the form empty and
// with a hot and a warm visitor (meeting slots, "+N more", every tier's pill); the playground with a broken model (the issue list)
// and after a backtest of the sample history (the charts, the coverage table), and its account example
// scored (the buying group, intent signals, contacts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startPages, openAt, sidewaysScroll, WIDTHS, SHOTS } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const FAILING = new Set(['serious', 'critical']);

let pages;
test.before(async () => { pages = await startPages(); });
test.after(async () => { await pages?.close(); });

/**
 * Runs axe-core on the page as it is; returns every violation as one line per node (the rule, its
 * impact, the element and axe's own summary), printing them all, failing ones or not.
 */
async function axe(page, where) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`) }));
  });
  for (const v of violations) console.log(`axe ${where}: [${v.impact}] ${v.id} (${v.help})\n  ${v.nodes.slice(0, 6).join('\n  ')}`);
  return violations.filter((v) => FAILING.has(v.impact)).flatMap((v) => v.nodes.map((n) => `${v.id} [${v.impact}] ${n}`));
}

for (const width of WIDTHS) {
  test(`form at ${width} px: no serious or critical axe violation, empty, hot and warm${width < 600 ? '; no sideways scroll' : ''}`, async () => {
    const { page, problems } = await openAt(pages, '/www/', width);
    await page.waitForSelector('#scored:not([hidden])');
    assert.deepEqual(await axe(page, `form ${width}px empty`), []);
    await page.fill('input[name=email]', 'dana@acme.io');
    await page.fill('input[name=title]', 'VP, Sales');
    await page.selectOption('select[name=interest]', 'demo');
    await page.waitForFunction(() => document.querySelector('#tier').textContent === 'hot');
    assert.equal(await page.locator('#reasons li.more').count(), 1, 'the hot visitor has more reasons than are listed');
    assert.deepEqual(await axe(page, `form ${width}px hot`), []);
    await page.screenshot({ path: `${SHOTS}a11y-form-hot-${width}.png`, fullPage: true });
    // The warm pill (white on orange was 2.2:1) and the next step's guide.
    await page.fill('input[name=title]', 'Director of Marketing');
    await page.selectOption('select[name=interest]', 'research');
    await page.uncheck('input[name=pricing]');
    await page.waitForFunction(() => document.querySelector('#tier').textContent === 'warm');
    assert.deepEqual(await axe(page, `form ${width}px warm`), []);
    if (width < 600) assert.ok(await sidewaysScroll(page) <= 0, `the form scrolls ${await sidewaysScroll(page)} px sideways at ${width} px`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`playground at ${width} px: no serious or critical axe violation with issues listed and after a backtest${width < 600 ? '; no sideways scroll' : ''}`, async () => {
    const { page, problems } = await openAt(pages, '/www/playground.html', width);
    await page.waitForSelector('body[data-ready=true]');
    const good = await page.inputValue('#model');
    await page.fill('#model', good.replace('"field": "title.seniority"', '"field": "title.senority"'));
    await page.waitForSelector('#issues li button');
    assert.deepEqual(await axe(page, `playground ${width}px issues`), []);
    await page.fill('#model', good);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent.startsWith('Valid'));
    await page.click('#csv-sample');
    await page.waitForFunction(() => !document.querySelector('#run-backtest').disabled);
    await page.click('#run-backtest');
    await page.waitForSelector('#charts svg');
    assert.deepEqual(await axe(page, `playground ${width}px backtest`), []);
    await page.screenshot({ path: `${SHOTS}a11y-playground-${width}.png`, fullPage: true });
    if (width < 600) assert.ok(await sidewaysScroll(page) <= 0, `the playground scrolls ${await sidewaysScroll(page)} px sideways at ${width} px`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`playground account example at ${width} px: no serious or critical axe violation${width < 600 ? '; no sideways scroll' : ''}`, async () => {
    const { page, problems } = await openAt(pages, '/www/playground.html', width);
    await page.waitForSelector('body[data-ready=true]');
    await page.click('#account-run');
    await page.waitForSelector('#account-score');
    await page.click('#account-input summary'); // the input's textarea open too
    assert.deepEqual(await axe(page, `playground account ${width}px`), []);
    await page.locator('#accounts').screenshot({ path: `${SHOTS}a11y-playground-account-${width}.png` });
    if (width < 600) assert.ok(await sidewaysScroll(page) <= 0, `the account example scrolls ${await sidewaysScroll(page)} px sideways at ${width} px`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
