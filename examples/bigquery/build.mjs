// Builds the BigQuery JavaScript UDF library in dist/: leadscore-udf.js, udf.mjs with the web
// package's glue (pkg/, `make pkg-web`) bundled by Vite into one classic script (BigQuery loads
// libraries as plain scripts: no `import`, no `require`) with the TextEncoder/TextDecoder
// stand-ins before everything; and the .wasm as base64 in leadscore-wasm-N.js part files, each
// under BigQuery's 1 MB per library file (one file held it until the web .wasm passed 750 KB).
// `node examples/bigquery/build.mjs`
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const wasm = readFileSync(join(root, 'pkg', 'leadscore_bg.wasm'));
const VIRTUAL = 'virtual:leadscore-wasm-parts';
/** Base64 characters per part file: 1 MB less room for the line around them. */
const PART_CHARS = 960_000;
const base64 = wasm.toString('base64');
const parts = [];
for (let i = 0; i < base64.length; i += PART_CHARS) parts.push(base64.slice(i, i + PART_CHARS));

await build({
  configFile: false,
  logLevel: 'warn',
  root: here,
  plugins: [{
    name: 'leadscore-wasm-parts',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
    load: (id) => (id === `\0${VIRTUAL}` ? `export const parts = ${parts.length}; export const length = ${base64.length};` : null),
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
parts.forEach((part, i) => {
  const file = join(here, 'dist', `leadscore-wasm-${i}.js`);
  writeFileSync(file, `// leadscore .wasm, part ${i + 1} of ${parts.length} (base64), for leadscore-udf.js\n`
    + `(globalThis.leadscoreWasmParts = globalThis.leadscoreWasmParts || [])[${i}] = ${JSON.stringify(part)};\n`);
});
for (const name of ['leadscore-udf.js', ...parts.map((_, i) => `leadscore-wasm-${i}.js`)]) {
  const size = statSync(join(here, 'dist', name)).size;
  console.log(`examples/bigquery/dist/${name}: ${size.toLocaleString('en')} bytes`);
}
console.log(`(.wasm ${wasm.length.toLocaleString('en')} bytes in ${parts.length} part files)`);
