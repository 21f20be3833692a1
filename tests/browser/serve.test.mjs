// The development server as `cargo xtask serve` runs it: the repo root (the plain ES modules,
// no bundle) with the rendered docs laid over it (xtask/docs.mjs writes them at serve start), so
// the page's links to docs/MODEL.html and the teaching pages work in development too. One static
// server (xtask/server.mjs) and one MIME table for development, the tests and the benchmark.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { launch, watchPage, REPO, tmpDir } from './util.mjs';
import { serve } from '../../xtask/server.mjs';

describe('cargo xtask serve: the sources with the rendered docs', () => {
  let server;
  let docs;
  before(async () => {
    // What `cargo xtask serve` does at start (without the parameters' anchors, which need the
    // catalogue and are tested with the built docs in docs.test.mjs).
    docs = tmpDir('re-dev-docs-');
    const params = path.join(docs, 'params.json');
    fs.writeFileSync(params, '[]');
    execFileSync('node', [path.join(REPO, 'xtask', 'docs.mjs'), REPO, docs, params], { stdio: 'pipe' });
    server = await serve([REPO, docs]);
  });
  after(async () => {
    await server?.close();
    fs.rmSync(docs, { recursive: true, force: true });
  });

  const get = async (p) => {
    const r = await fetch(server.url + p);
    return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
  };

  test('serves the sources, the docs beside them, each with its type, and nothing outside', async () => {
    const index = await get('');
    assert.equal(index.status, 200);
    assert.match(index.body, /<script type="module" src="www\/main.js">/, 'the unbundled page');
    for (const [p, type] of [
      ['docs/MODEL.html', 'text/html; charset=utf-8'],
      ['docs/teaching/README.html', 'text/html; charset=utf-8'],
      ['docs/teaching/README.zh.html', 'text/html; charset=utf-8'],
      ['www/docs.css', 'text/css; charset=utf-8'],
      ['www/main.js', 'text/javascript; charset=utf-8'],
      ['www/i18n/params.zh.json', 'application/json; charset=utf-8'],
    ]) {
      const r = await get(p);
      assert.equal(r.status, 200, p);
      assert.equal(r.type, type, p);
    }
    if (fs.existsSync(path.join(REPO, 'www', 'pkg', 'rare_earth_wasm_bg.wasm'))) {
      assert.equal((await get('www/pkg/rare_earth_wasm_bg.wasm')).type, 'application/wasm');
    }
    assert.match((await get('docs/MODEL.html')).body, /<h1[^>]*>/);
    assert.equal((await get('docs/none.html')).status, 404);
    assert.equal((await get('docs/MODEL.md')).type, 'text/plain; charset=utf-8', 'the source beside its page');
    assert.equal((await get('..%2fCargo.toml')).status, 403);
  });

  // A request target that a URL base would misread ('//' taken as a host) once threw inside the
  // handler and took the server down; each gets an answer and the server keeps serving.
  test('odd request targets get an answer and leave the server up', async () => {
    const raw = (target) => new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, path: target, method: target === '*' ? 'OPTIONS' : 'GET' }, (r) => {
        r.resume();
        r.on('end', () => resolve(r.statusCode));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(await raw('//'), 200, '// is the root');
    assert.ok((await raw('*')) < 500, '* (OPTIONS) is answered');
    assert.equal(await raw('//%zz'), 400);
    assert.equal((await get('www/main.js')).status, 200, 'still serving');
  });

  test('the page\'s links to the equations and the teaching kit open rendered, styled pages', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const problems = watchPage(page, server.url);
      await page.goto(server.url);
      await page.waitForFunction(() => Number(document.body.dataset.renderCount) >= 1, null, { timeout: 15000 });
      for (const sel of ['a[href="docs/MODEL.html"]', '#teaching-link']) {
        const [response] = await Promise.all([page.waitForNavigation(), page.click(sel)]);
        assert.equal(response.status(), 200, sel);
        // docs.css (from the sources) applies: the doc's main column is laid out by it.
        assert.ok(await page.evaluate(() => [...document.styleSheets].some((s) => s.cssRules.length > 0)), `${sel}: styled`);
        assert.ok((await page.textContent('h1')).length > 3, `${sel}: a heading`);
        await page.goBack();
        await page.waitForFunction(() => Number(document.body.dataset.renderCount) >= 1, null, { timeout: 15000 });
      }
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
