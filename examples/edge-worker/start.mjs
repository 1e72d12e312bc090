// Runs the edge worker in workerd (through Miniflare, from npm) on 127.0.0.1: `node
// examples/edge-worker/start.mjs [port]` after `make pkg-web`. Also imported by the tests and the
// benchmark, which start it (and other workers beside it: a front worker in the tests, a constant
// worker in the benchmark) on a free port.
import { Miniflare } from 'miniflare';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The package's JS snippets (pkg/snippets/…, imported by the glue: the card builder). */
export const snippets = () =>
  readdirSync(`${ROOT}pkg/snippets`, { recursive: true })
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ type: 'ESModule', path: `pkg/snippets/${f}` }));

/** Miniflare options for a module worker: `modules` from the repository root, the main one first. */
export const moduleWorker = (name, modules, bindings = {}) => ({
  name,
  modulesRoot: ROOT,
  modules: modules.map((m) => ({ ...m, path: `${ROOT}${m.path}` })),
  compatibilityDate: '2026-07-30',
  bindings,
});

/**
 * The leadscore worker's options. `model`: JSON text of a model (default: built-in); `vars`: the
 * other variables (MAX_BODY_BYTES, MAX_LEADS, ALLOWED_ORIGINS).
 */
export const leadscoreWorker = ({ model, vars = {} } = {}) =>
  moduleWorker(
    'leadscore',
    [
      { type: 'ESModule', path: 'examples/edge-worker/worker.mjs' },
      { type: 'ESModule', path: 'pkg/leadscore.js' },
      ...snippets(),
      { type: 'CompiledWasm', path: 'pkg/leadscore_bg.wasm' },
    ],
    { ...vars, ...(model ? { MODEL: model } : {}) },
  );

/** Starts workerd with `workers` (the first one gets the requests); resolves to { mf, url }. */
export async function serve(workers, port = 0) {
  const mf = new Miniflare({ host: '127.0.0.1', port, workers });
  const url = await mf.ready;
  return { mf, url };
}

/** Starts the leadscore worker alone; resolves to { mf, url }. */
export const startWorker = ({ port = 0, ...options } = {}) => serve([leadscoreWorker(options)], port);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startWorker({ port: Number(process.argv[2] ?? 8787) });
  console.log(`leadscore edge worker (workerd) on ${url}  POST /score, POST /score-batch, POST /verify, GET /model; Ctrl-C stops`);
}
