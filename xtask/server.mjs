// The project's one static file server, for development (`cargo xtask serve` runs this file) and
// for the browser tests and the benchmark (which import `serve`). Serves one directory, or several
// laid over each other (the first that has a path answers), on 127.0.0.1 with the MIME types the
// page needs (application/wasm, so instantiateStreaming works; JSON for the string tables). No
// directory listings, no paths outside the roots. In development the roots are the repo (the
// plain ES modules) and the docs that `cargo xtask serve` renders at start (docs/MODEL.html and the
// teaching pages, which the page links to).
//
//   node xtask/server.mjs [--port N] ROOT [ROOT...]   (port 8000 by default; a free port if taken)

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// Starts serving `root` (a directory, or a list of them: the first that has a file serves it) on
// `port` (0: any free port); resolves to { url, port, close(), requests } where `requests` lists
// every path asked for (the tests check that the page loads nothing unexpected, and the model
// only once).
export async function serve(root, port = 0) {
  const bases = (Array.isArray(root) ? root : [root]).map((r) => path.resolve(r));
  const requests = [];
  const server = http.createServer(async (req, res) => {
    // The request target appended to the origin, not resolved against it: `//` would be read as
    // a host and throw, taking the server down (found by requesting http://127.0.0.1:8000//).
    let url;
    let rel;
    try {
      url = new URL(`http://127.0.0.1${req.url}`);
      rel = decodeURIComponent(url.pathname);
    } catch {
      requests.push(req.url);
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
      return;
    }
    requests.push(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    for (const base of bases) {
      const file = path.resolve(base, `.${rel}`);
      if (file !== base && !file.startsWith(base + path.sep)) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
        return;
      }
      let body;
      try {
        body = await fs.readFile(file);
      } catch {
        continue;
      }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

// Run directly: serve the ROOTs until interrupted.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--port');
  const portArg = at >= 0 ? args.splice(at, 2)[1] ?? '' : '8000';
  const roots = args.length ? args : ['.'];
  const port = portArg === '' ? NaN : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`error: the port must be a number from 0 to 65535, got \`${portArg}\``);
    process.exit(2);
  }
  let s;
  try {
    s = await serve(roots, port);
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    console.error(`port ${port} is taken; using a free port`);
    s = await serve(roots, 0);
  }
  console.log(`serving ${roots.map((r) => path.resolve(r)).join(' + ')} at ${s.url}  (Ctrl-C to stop)`);
}
