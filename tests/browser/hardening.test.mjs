// Issue 9 in the browser: the built pages carry a strict Content-Security-Policy; host objects
// that throw cannot break the shared wasm module, and a module that traps is replaced; limits
// are checked before reading; a scenario's name and notes are shown and kept; unsolicited
// postMessage messages are ignored; the element's setScenario keeps its word. Every test fails
// on a console error, a page error or a CSP violation (util.mjs).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { watchPage, withFreshPage, renderCount, waitForRenderAfter, DIST_DIR, SINGLE_FILE, SINGLE_FILE_EXPECTED, tmpDir, openTools, targetFixture } from './util.mjs';

const policyOf = (html) => (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html) || [])[1];

// Captures every wasm instance the page makes, so a test can damage its memory.
function captureInstances() {
  window.__instances = [];
  const keep = (r) => {
    window.__instances.push(r.instance || r);
    return r;
  };
  const { instantiateStreaming, instantiate } = WebAssembly;
  WebAssembly.instantiateStreaming = (...a) => instantiateStreaming(...a).then(keep);
  WebAssembly.instantiate = (...a) => instantiate(...a).then(keep);
  WebAssembly.Instance = new Proxy(WebAssembly.Instance, { construct: (T, a) => keep(new T(...a)) });
}

describe(`hardening: pages from ${DIST_DIR}`, () => {
  const fx = targetFixture({ kind: 'http' });

  test('every built page carries a strict policy that allows exactly its inline scripts', () => {
    const pages = [path.join(DIST_DIR, 'index.html'), path.join(DIST_DIR, 'examples', 'article.html')];
    if (SINGLE_FILE_EXPECTED) pages.push(SINGLE_FILE);
    for (const file of pages) {
      const html = fs.readFileSync(file, 'utf8');
      const policy = policyOf(html);
      assert.ok(policy, `${file} has no Content-Security-Policy`);
      for (const part of ["default-src 'none'", "'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'"]) assert.ok(policy.includes(part), `${part} missing in ${file}`);
      assert.ok(!policy.includes("'unsafe-eval'") && !/https?:|\*/.test(policy), `${file}: ${policy}`);
      // The hashes are exactly those of the page's inline scripts.
      const hashes = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
        .filter((m) => !/\ssrc=/.test(m[1]))
        .map((m) => `'sha256-${crypto.createHash('sha256').update(m[2]).digest('base64')}'`);
      assert.deepEqual(policy.match(/'sha256-[^']+'/g) || [], hashes, file);
    }
  });

  test('2,000 throwing getters and Proxies leave the model working; a trapped module is replaced', async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const url = `${fx.url}index.html`;
    const problems = watchPage(page, url);
    await page.addInitScript(captureInstances);
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready === 'all', null, { timeout: 15000 });
    const r = await page.evaluate(() => {
      const m = window.__model;
      const good = m.project({ preset: 'us_push' }).summary.cumulative_us_shortfall_t;
      let typeErrors = 0;
      for (let i = 0; i < 2000; i++) {
        for (const s of [{ get preset() { throw 1; } }, new Proxy({}, { ownKeys() { throw 1; } }), { params: { get x() { throw 1; } } }]) {
          for (const f of [m.project, m.projectRaw, m.validate]) {
            try {
              f(s);
            } catch (e) {
              if (e instanceof TypeError) typeErrors++;
            }
          }
        }
      }
      const after = m.project({ preset: 'us_push' }).summary.cumulative_us_shortfall_t;
      // Now damage the module's memory, as a bug would: the next call traps, and the page
      // must recover with a fresh instance.
      const mem = window.__instances.map((i) => i.exports && i.exports.memory).find(Boolean);
      new Uint8Array(mem.buffer).fill(0xff);
      const recovered = m.project({ preset: 'us_push' }).summary.cumulative_us_shortfall_t;
      return { good, after, recovered, typeErrors, restarts: m.restarts() };
    });
    assert.equal(r.typeErrors, 2000 * 3 * 3, 'each unreadable scenario is a TypeError');
    assert.equal(r.after, r.good);
    assert.equal(r.recovered, r.good);
    assert.ok(r.restarts >= 1, 'the module was re-instantiated');
    // The page itself still projects.
    const before = await renderCount(page);
    await page.selectOption('#preset', 'ban_escalation');
    await waitForRenderAfter(page, before);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('name and notes from a link are shown, kept across changes, and saved', async () => {
    await withFreshPage(fx.browser, `${fx.url}index.html`, { hash: '#preset=us_push&name=Group%203&notes=%E7%A8%80%E5%9C%9F%20%3Cb%3E' }, async (page) => {
      assert.equal(await page.inputValue('#scenario-name'), 'Group 3');
      assert.equal(await page.inputValue('#scenario-notes'), '稀土 <b>');
      const before = await renderCount(page);
      await page.selectOption('#preset', 'ban_escalation');
      await waitForRenderAfter(page, before);
      await openTools(page);
      await page.fill('#scenario-name', 'Group 4');
      await page.waitForFunction(() => location.hash.includes('name=Group%204') && location.hash.includes('preset=ban_escalation'));
      assert.match(await page.evaluate(() => location.hash), /notes=%E7%A8%80%E5%9C%9F%20%3Cb%3E/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-scenario')]);
      const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
      assert.equal(saved.name, 'Group 4');
      assert.equal(saved.notes, '稀土 <b>');
      // An imported file's name and notes are shown too.
      const dir = tmpDir('re-names-');
      const file = path.join(dir, 'named.json');
      fs.writeFileSync(file, JSON.stringify({ preset: 'us_push', name: 'From a file', notes: 'n' }));
      const n = await renderCount(page);
      await page.setInputFiles('#scenario-file', file);
      await waitForRenderAfter(page, n);
      assert.equal(await page.inputValue('#scenario-name'), 'From a file');
      assert.equal(await page.inputValue('#scenario-notes'), 'n');
    });
  });

  test('a file over the limit is refused by its size, naming the limit', async () => {
    await withFreshPage(fx.browser, `${fx.url}index.html`, {}, async (page) => {
      const dir = tmpDir('re-big-');
      const file = path.join(dir, 'big.json');
      fs.writeFileSync(file, `{"name": "${'x'.repeat(40 * 1024 * 1024)}"}`);
      const t0 = Date.now();
      await page.setInputFiles('#scenario-file', file);
      await page.waitForFunction(() => document.getElementById('alert-text').textContent.length > 0);
      const text = await page.textContent('#alert-text');
      assert.match(text, /65536/);
      assert.ok(Date.now() - t0 < 5000, 'refused without reading the file');
      const link = await page.evaluate(() => window.__model.decodeLink('a'.repeat(90 * 1024 * 1024)).notices.map((x) => x.code));
      assert.deepEqual(link, ['link_too_long']);
    });
  });

  test('unsolicited postMessage messages change nothing', async () => {
    await withFreshPage(fx.browser, `${fx.url}index.html?embed=1`, { hash: '#preset=us_push' }, async (page) => {
      const before = await page.evaluate(() => ({ hash: location.hash, n: document.body.dataset.renderCount, preset: document.getElementById('preset').value }));
      await page.evaluate(() => {
        for (const data of [{ type: 'rare-earth-calculator:height', height: 1 }, { type: 'rare-earth-calculator:scenario', scenario: { preset: 'baseline' } }, 'preset=baseline', { preset: 'baseline' }, null]) window.postMessage(data, '*');
      });
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      const now = await page.evaluate(() => ({ hash: location.hash, n: document.body.dataset.renderCount, preset: document.getElementById('preset').value }));
      assert.deepEqual(now, before);
    });
  });

  // A host page for the element, served from the same origin as the calculator's files.
  async function host(page, headScript = '') {
    const url = `${fx.url}examples/host-test.html`;
    const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title>${headScript}</head><body><rare-earth-calculator id="c"></rare-earth-calculator><script type="module" src="../www/embed.js"></script></body></html>`;
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    return url;
  }

  test('setScenario keeps its word, and a host that tampers with prototypes does not stop it', async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const url = await host(page, '<script>Object.prototype.schema = "x"; Object.prototype.preset = "us_push";</script>');
    const problems = watchPage(page, url);
    await page.goto(url);
    await page.waitForFunction(() => Number(document.getElementById('c').dataset.renderCount) >= 1, null, { timeout: 15000 });
    const r = await page.evaluate(() => {
      const c = document.getElementById('c');
      const err = () => c.shadowRoot.querySelector('.re-error').textContent;
      const out = { startPreset: c.scenario.preset };
      out.hello = c.setScenario('hello world');
      out.helloMessage = err();
      out.helloPreset = c.scenario.preset;
      out.getter = c.setScenario({ get preset() { throw 1; } });
      out.five = c.setScenario(5);
      out.nul = c.setScenario(null);
      out.ok = c.setScenario({ preset: 'ban_escalation', params: { demand_growth_pct_per_yr: 6 } });
      out.okMessage = err();
      out.okPreset = c.scenario.preset;
      out.inherited = c.setScenario(Object.create({ preset: 'us_push' }));
      out.inheritedPreset = c.scenario.preset;
      const early = document.createElement('rare-earth-calculator');
      out.early = early.setScenario(5);
      return out;
    });
    assert.equal(r.startPreset, 'baseline');
    assert.equal(r.hello, false);
    assert.ok(r.helloMessage.length > 0, 'a message for a text that is no link');
    assert.equal(r.helloPreset, 'baseline');
    assert.equal(r.getter, false);
    assert.equal(r.five, false);
    assert.equal(r.nul, false);
    assert.equal(r.ok, true);
    assert.equal(r.okMessage, '', 'the earlier message is cleared');
    assert.equal(r.okPreset, 'ban_escalation');
    assert.equal(r.inherited, true);
    assert.equal(r.inheritedPreset, 'baseline', 'inherited properties are not read');
    assert.notEqual(r.early, true, 'no success claimed before the model has loaded');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a tag another script defined first is reported on the console', async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const url = await host(page, '<script>customElements.define("rare-earth-calculator", class extends HTMLElement {});</script>');
    const warnings = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(url);
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    assert.ok(warnings.some((w) => w.includes('already defined')), warnings.join('\n'));
    await context.close();
  });
});
