// Serves the pages in www/ with the wasm package from pkg/ (and the sample data in examples/) on
// localhost, read-only, with the right content types (`application/wasm` lets the browser compile the
// module while it downloads). No dependencies: `node www/serve.mjs [port]` or `make demo`.
// Also imported by the end-to-end tests, which start it on a free port.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Only these folders are served. */
const SERVED = ['www', 'pkg', 'examples'];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
};

/** Starts the server on `port` (0: any free port) at 127.0.0.1; resolves to the `http.Server`. */
export function serve(port = 0, host = '127.0.0.1') {
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (path === '/' || path === '/www') {
      res.writeHead(302, { location: '/www/' }).end();
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(ROOT, path));
    const top = file.slice(ROOT.length).split(sep)[0];
    if (!file.startsWith(ROOT) || !SERVED.includes(top) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(path.startsWith('/pkg/') ? 'not found: run `make pkg-web` first' : 'not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const server = await serve(port);
  const url = `http://127.0.0.1:${server.address().port}/www/`;
  console.log(`leadscore demo: ${url}  (form: ${url}  playground: ${url}playground.html)  Ctrl-C stops`);
}
