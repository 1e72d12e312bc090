// Shared set-up for the page tests: the pages served by www/serve.mjs on a free port, Debian's
// headless Chromium, and pages that record what went wrong in them (console errors, page errors,
// failed requests) so a test can assert there was nothing. Not a test file itself.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../www/serve.mjs';
import { CHROMIUM } from '../wasm/common.mjs';

/** Where screenshots go (test artifacts, not committed). */
export const SHOTS = fileURLToPath(new URL('../../target/e2e/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

/** The two widths every page must work at: a phone and a laptop. */
export const WIDTHS = [390, 1280];

/** Starts the server and the browser; `close()` stops both. */
export async function startPages() {
  const server = await serve(0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch(CHROMIUM);
  return {
    base,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/** Opens `path` at `width` px; `problems` collects console errors, page errors and failed requests. */
export async function openAt({ browser, base }, path, width, height = 900) {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page: ${e}`));
  page.on('requestfailed', (r) => problems.push(`request: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(`${base}${path}`);
  return { page, problems };
}

/** How many px the page scrolls sideways (0 or less: none). */
export function sidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
