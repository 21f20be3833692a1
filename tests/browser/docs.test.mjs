// The model's equations readable from the page (issue 12): `cargo xtask dist` renders
// docs/MODEL.md and docs/teaching/*.md into dist/docs/ (markdown-it), under the same strict
// Content-Security-Policy as the page; the footer links to them and each lever's help links to its
// place in MODEL.html (an anchor `p-<id>` for every parameter). And axe-core (pinned in
// package.json) finds no accessibility violation on the page in any theme and language, nor on the
// rendered MODEL.html; the skip links lead to the levers and to the results.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, watchPage, DIST_DIR, REPO, targetFixture } from './util.mjs';

const AXE = fs.readFileSync(path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

// axe-core's violations on the page as "rule: n nodes (first targets)"; evaluated through the
// DevTools protocol, so the page's CSP does not apply to it.
async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id}: ${v.nodes.length} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`));
}

describe('rendered docs, links to them, accessibility', () => {
  const fx = targetFixture({ kind: 'http' });

  test('MODEL.html and the teaching pages are built, under the CSP, with an anchor for every parameter', async () => {
    const docs = path.join(DIST_DIR, 'docs');
    const teaching = fs.existsSync(path.join(REPO, 'docs', 'teaching'))
      ? fs.readdirSync(path.join(REPO, 'docs', 'teaching')).filter((f) => f.endsWith('.md')).map((f) => `teaching/${f.replace(/\.md$/, '.html')}`)
      : [];
    for (const f of ['MODEL.html', ...teaching]) {
      const html = fs.readFileSync(path.join(docs, f), 'utf8');
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'/, `${f} has the CSP`);
      assert.doesNotMatch(html, /<script/, `${f} has no script`);
      assert.doesNotMatch(html, /href="[^":#]+\.md(#[^"]*)?"/, `${f} links to rendered pages, not .md files`);
    }
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page, fx.url);
    await page.goto(`${fx.url}docs/MODEL.html`);
    const info = await page.evaluate(() => ({
      title: document.title,
      sections: [...document.querySelectorAll('h2[id]')].map((h) => h.id),
      formulas: document.querySelectorAll('pre code').length,
      css: getComputedStyle(document.querySelector('pre')).overflowX,
      anchors: [...document.querySelectorAll('[id^="p-"]')].map((e) => e.id.slice(2)),
    }));
    assert.equal(info.title, 'The model: equations and sources');
    assert.ok(info.sections.includes('s5') && info.sections.includes('s16'), info.sections.join(' '));
    assert.ok(info.formulas > 20, 'the formulas are code blocks');
    assert.equal(info.css, 'auto', 'the stylesheet loaded: formulas scroll sideways rather than wrap');
    const ids = await (async () => {
      const p2 = await context.newPage();
      await p2.goto(fx.url);
      await p2.waitForFunction(() => window.__model);
      const ids = await p2.evaluate(() => window.__model.catalogue.params.map((p) => p.id));
      await p2.close();
      return ids;
    })();
    assert.deepEqual(info.anchors.sort(), ids.slice().sort(), 'one anchor per parameter');
    assert.deepEqual(await axeViolations(page), [], 'axe-core on MODEL.html');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the footer and a lever\'s help lead to the equations', async () => {
    const { page, context, problems } = await openPage(fx.browser, fx.url);
    try {
      assert.equal(await page.getAttribute('.foot a[href="docs/MODEL.html"]', 'href'), 'docs/MODEL.html');
      await page.click('#param-demand_growth_pct_per_yr .info');
      await page.click('#tip-demand_growth_pct_per_yr .tip-doc');
      await page.waitForURL(/docs\/MODEL\.html#p-demand_growth_pct_per_yr$/);
      const seen = await page.evaluate(() => {
        const r = document.getElementById('p-demand_growth_pct_per_yr').getBoundingClientRect();
        return r.top >= 0 && r.top < innerHeight;
      });
      assert.ok(seen, 'the parameter\'s mention is on screen');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const hash of ['', '#theme=dark', '#theme=projector', '#lang=zh', '#lang=zh&theme=dark', '#lang=zh&theme=projector']) {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      test(`axe-core finds no violation: ${hash || 'light, English'} at ${viewport.width}x${viewport.height}`, async () => {
        const { page, context, problems } = await openPage(fx.browser, fx.url, { hash, viewport });
        try {
          // "More levers" and the menu open, so their contents are checked too (in that order: on
          // a phone the open menu spans the screen, over "More levers").
          await page.click('#more-levers > summary');
          await page.click('#tools > summary');
          assert.deepEqual(await axeViolations(page), []);
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  test('the skip links lead to the levers and to the results', async () => {
    const { page, context, problems } = await openPage(fx.browser, fx.url);
    try {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#levers');
      await page.keyboard.press('Enter');
      // The address bar keeps the scenario (no '#levers' to be read as a link).
      assert.equal(await page.evaluate(() => location.hash), '');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'levers');
      // The next Tab lands on the first control of the levers.
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.getElementById('levers').contains(document.activeElement)), 'focus is in the levers');
      await page.evaluate(() => document.querySelector('.skip[href="#main"]').focus());
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
      assert.equal(await page.isVisible('#alert'), false, 'no notice about the link');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
