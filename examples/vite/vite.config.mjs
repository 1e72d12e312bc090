// Builds examples/vite into target/vite-dist, with `leadscore` resolved to the web package in pkg/
// (in an app: `npm install` the package and drop the alias).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: { leadscore: fileURLToPath(new URL('../../pkg/leadscore.js', import.meta.url)) } },
  build: { outDir: fileURLToPath(new URL('../../target/vite-dist', import.meta.url)), emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
