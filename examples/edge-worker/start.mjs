// Runs the edge worker in workerd (through Miniflare, from npm) on 127.0.0.1: `node
// examples/edge-worker/start.mjs [port]` after `make pkg-web`. Also imported by the tests and the
// benchmark, which start it on a free port.
import { Miniflare } from 'miniflare';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The package's JS snippets (pkg/snippets/…, imported by the glue: the card builder). */
const snippets = () =>
  readdirSync(`${ROOT}pkg/snippets`, { recursive: true })
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ type: 'ESModule', path: `${ROOT}pkg/snippets/${f}` }));

/** Starts the worker; resolves to { mf, url }. `model`: JSON text of a model (default: built-in). */
export async function startWorker({ port = 0, model } = {}) {
  const mf = new Miniflare({
    modulesRoot: ROOT,
    modules: [
      { type: 'ESModule', path: `${ROOT}examples/edge-worker/worker.mjs` },
      { type: 'ESModule', path: `${ROOT}pkg/leadscore.js` },
      ...snippets(),
      { type: 'CompiledWasm', path: `${ROOT}pkg/leadscore_bg.wasm` },
    ],
    compatibilityDate: '2026-07-30',
    bindings: model ? { MODEL: model } : {},
    host: '127.0.0.1',
    port,
  });
  const url = await mf.ready;
  return { mf, url };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startWorker({ port: Number(process.argv[2] ?? 8787) });
  console.log(`leadscore edge worker (workerd) on ${url}  POST /score, POST /verify, GET /model; Ctrl-C stops`);
}
