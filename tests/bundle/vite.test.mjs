// The web package bundles: Vite builds examples/vite (no plugin) into target/vite-dist, and the built
// page scores a lead in headless Chromium with the native result. Prints what the browser downloads.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../wasm/common.mjs';

const DIST = fileURLToPath(new URL('../../target/vite-dist/', import.meta.url));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

test('Vite bundles the package and the built page scores like the native engine', async () => {
  await build({ configFile: fileURLToPath(new URL('../../examples/vite/vite.config.mjs', import.meta.url)) });
  const assets = await readdir(join(DIST, 'assets'));
  const wasm = assets.find((a) => a.endsWith('.wasm'));
  const js = assets.filter((a) => a.endsWith('.js'));
  assert.ok(wasm, `no .wasm among ${assets}`);
  const sizes = await Promise.all([...js, wasm].map(async (a) => {
    const bytes = await readFile(join(DIST, 'assets', a));
    return `${a}: ${bytes.length.toLocaleString('en-US')} B (${gzipSync(bytes, { level: 9 }).length.toLocaleString('en-US')} B gzip -9)`;
  }));
  console.log(`Vite build downloads: ${sizes.join('; ')}`);
  assert.ok((await stat(join(DIST, 'index.html'))).size > 0);

  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    try {
      const body = await readFile(join(DIST, path === '/' ? 'index.html' : path.slice(1)));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/html' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForSelector('#result[data-score]');
    assert.equal(await page.getAttribute('#result', 'data-score'), '75');
    assert.match(await page.textContent('#result'), /^75 hot: VP or C-level title/);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
