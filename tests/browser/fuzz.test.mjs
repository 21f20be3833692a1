// Issue 9: the page under thousands of random and mangled inputs: share-link fragments (through
// the address bar and the model), scenario-file texts (through the file input and the model) and
// setScenario values on an element. Afterwards the page still projects, and nothing reached the
// console. Seeded, so a failure repeats; ~15 s.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, renderCount, waitForRenderAfter, DIST_DIR, tmpDir, targetFixture } from './util.mjs';

// The generator runs in the page: a small seeded PRNG (mulberry32) and mutations of valid inputs.
function fuzzInPage({ seed, n }) {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const m = window.__model;
  const cat = m.catalogue;
  const ids = cat.params.map((p) => p.id);
  const numbers = ['0', '-0', '1e309', '-5e-324', '1e-310', 'NaN', 'Infinity', '', '1e', '0x10', '2040', '99', '-1', '6.4', '%', '%ZZ', '+', '1,5'];
  const junk = ['&', '=', '#', '%', '%00', '%E7%A8', '\u0000', '\u202e', '稀土', '<script>', '"', "'", '&&', '==', ' '];
  const valueOf = (id) => {
    const p = cat.params.find((x) => x.id === id);
    return rnd() < 0.5 ? String(p.min + rnd() * (p.max - p.min)) : pick(numbers);
  };
  const fragment = () => {
    const parts = [];
    const k = Math.floor(rnd() * 8);
    for (let i = 0; i < k; i++) {
      const r = rnd();
      if (r < 0.4) parts.push(`${pick(ids)}=${valueOf(pick(ids))}`);
      else if (r < 0.5) parts.push(`preset=${pick([...cat.presets.map((p) => p.id), 'moon', ''])}`);
      else if (r < 0.6) parts.push(`${pick(['v', 'mv', 'lang', 'theme', 'lock', 'hide', 'name', 'notes'])}=${pick([...junk, ...ids, ...cat.groups, '99', 'zh'])}`);
      else parts.push(Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => pick(junk)).join(''));
    }
    let s = parts.join('&');
    if (rnd() < 0.2) s = s.slice(0, Math.floor(rnd() * s.length));
    if (rnd() < 0.02) s = s.repeat(2000);
    return s;
  };
  const jsonText = () => {
    const params = {};
    for (let i = 0; i < Math.floor(rnd() * 5); i++) params[pick([...ids, 'x'])] = pick([1, -1, 1e308, 'a', null, [], {}, 25, 6.4]);
    const o = { schema: pick([1, 2, 3, 0, '2', 1.5, undefined]), preset: pick(['us_push', 'moon', 5, undefined]), params: pick([params, [], 'x', undefined]), name: pick(['n', 5, undefined]) };
    if (rnd() < 0.1) o[pick(['colour', 'param'])] = 1;
    let t = JSON.stringify(o);
    const r = rnd();
    if (r < 0.2) t = t.slice(0, Math.floor(rnd() * t.length));
    else if (r < 0.3) t = '\ufeff' + t;
    else if (r < 0.35) t = '['.repeat(5000) + ']'.repeat(5000);
    else if (r < 0.4) t = t.replace(/[0-9]/, pick(junk));
    return t;
  };
  let ran = 0;
  let refused = 0;
  for (let i = 0; i < n; i++) {
    const d = m.decodeLink(fragment());
    m.project(d.scenario);
    ran++;
    try {
      m.project(m.scenarioFromJson(jsonText()).scenario);
      ran++;
    } catch (e) {
      if (!Array.isArray(e.problems)) throw e;
      refused++;
    }
  }
  return { ran, refused, fragments: Array.from({ length: 200 }, fragment), files: Array.from({ length: 20 }, jsonText) };
}

describe(`fuzz: the page from ${DIST_DIR}`, () => {
  const fx = targetFixture({ kind: 'http' });

  test('thousands of mangled links, files and setScenario values; the page still projects', async () => {
    const { page, context, problems } = await openPage(fx.browser, `${fx.url}index.html`);
    try {
      const r = await page.evaluate(fuzzInPage, { seed: 9, n: 3000 });
      assert.ok(r.ran >= 3000, `${r.ran} projections`);
      // Through the address bar, as a reader would paste them.
      for (const f of r.fragments) await page.evaluate((h) => { location.hash = h; }, f);
      // Through the file input.
      const dir = tmpDir('re-fuzz-');
      for (const [i, text] of r.files.entries()) {
        const file = path.join(dir, `s${i}.json`);
        fs.writeFileSync(file, text);
        await page.setInputFiles('#scenario-file', file);
      }
      // And an element's setScenario.
      const element = await page.evaluate(async () => {
        await import('./www/embed.js');
        return typeof customElements.get('rare-earth-calculator');
      });
      assert.equal(element, 'function');
      {
        const res = await page.evaluate(async (values) => {
          const c = document.createElement('rare-earth-calculator');
          document.body.appendChild(c);
          await new Promise((resolve) => {
            const t = setInterval(() => {
              if (Number(c.dataset.renderCount) >= 1) {
                clearInterval(t);
                resolve();
              }
            }, 20);
          });
          const odd = [5, null, undefined, true, [], {}, { preset: 'moon' }, { params: [] }, { schema: 99 }, Symbol('x'), () => 1, new Proxy({}, { ownKeys() { throw 1; } }), { get preset() { throw 1; } }, 'hello world', '{', '{"preset":"us_push"}', '#preset=us_push'];
          let applied = 0;
          for (const v of [...values, ...odd]) if (c.setScenario(v) === true) applied++;
          return { applied, renders: Number(c.dataset.renderCount) };
        }, r.fragments);
        assert.ok(res.renders >= 1);
        assert.ok(res.applied >= 1, 'some values were applied');
      }
      // The page still projects: a preset change renders.
      await page.evaluate(() => { location.hash = ''; });
      const before = await renderCount(page);
      await page.selectOption('#preset', 'us_push');
      await waitForRenderAfter(page, before);
      assert.deepEqual(problems, [], 'console errors, page errors or CSP violations');
    } finally {
      await context.close();
    }
  });
});
