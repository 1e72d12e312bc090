// Builds dist/leadscore-udf.js, the BigQuery JavaScript UDF library: udf.mjs with the web
// package's glue (pkg/, `make pkg-web`) bundled by Vite into one classic script (BigQuery loads
// libraries as plain scripts: no `import`, no `require`), the .wasm inside it as base64, and the
// TextEncoder/TextDecoder stand-ins before everything. `node examples/bigquery/build.mjs`
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const wasm = readFileSync(join(root, 'pkg', 'leadscore_bg.wasm'));
const VIRTUAL = 'virtual:leadscore-wasm-base64';

await build({
  configFile: false,
  logLevel: 'warn',
  root: here,
  plugins: [{
    name: 'leadscore-wasm-base64',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
    load: (id) => (id === `\0${VIRTUAL}` ? `export default ${JSON.stringify(wasm.toString('base64'))};` : null),
  }],
  build: {
    outDir: join(here, 'dist'),
    emptyOutDir: true,
    minify: true,
    target: 'es2020',
    lib: { entry: join(here, 'udf.mjs'), formats: ['iife'], name: 'leadscoreUdf', fileName: () => 'leadscore-udf.js' },
    rollupOptions: { output: { banner: readFileSync(join(here, 'text-codec.js'), 'utf8') } },
  },
});
const size = statSync(join(here, 'dist', 'leadscore-udf.js')).size;
console.log(`examples/bigquery/dist/leadscore-udf.js: ${size.toLocaleString('en')} bytes (.wasm ${wasm.length.toLocaleString('en')} bytes)`);
