// The web package (pkg/, wasm-pack --target web) in headless Chromium: the shared conformance vectors
// run in the page with the same runner as under Node, and every result equals the native build's.
// Needs Debian's chromium (CHROMIUM_PATH to override /usr/bin/chromium); `make test` builds pkg/ first.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { root, vectorFiles, nativeLines, CHROMIUM } from './common.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

/** Serves the repository read-only on 127.0.0.1 (an empty page at `/`). */
function serve() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><link rel="icon" href="data:,"><title>leadscore vectors</title>');
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) || req.method !== 'GET') {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('conformance vectors in headless Chromium equal the native results', async () => {
  const server = await serve();
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const result = await page.evaluate(async (files) => {
      const ls = await import('/pkg/leadscore.js');
      await ls.default();
      const core = await import('/tests/wasm/vectors-core.mjs');
      return { ...core.runCases(ls, files), userAgent: navigator.userAgent };
    }, vectorFiles());
    assert.match(result.userAgent, /HeadlessChrome|Chrome/);
    assert.deepEqual(result.failures, []);
    const native = nativeLines();
    assert.equal(result.lines.length, native.length);
    result.lines.forEach((line, i) => assert.equal(line, native[i]));
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
