// Browser tests of the A/B comparison on the calculator page: pin the current scenario as A,
// change B, see both lines and the headline difference table; load a share link as A.
// Runs on the multi-file page over http and on the single file from file://.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, pathPoints, DIST_DIR, SINGLE_FILE, SINGLE_FILE_URL, SINGLE_FILE_EXPECTED, withFreshPage, press, targetFixture, openTools } from './util.mjs';

const TARGETS = [
  { name: `compare A/B, http page from ${DIST_DIR}`, kind: 'http' },
  { name: `compare A/B, single file ${SINGLE_FILE}`, kind: 'file', skip: SINGLE_FILE_EXPECTED ? false : 'single file not built' },
];

// The A/B table as { rowLabel: [a, b, diff, diffValue] }.
function cmpTable(page) {
  return page.evaluate(() => {
    const out = {};
    for (const tr of document.querySelectorAll('#cmp-table tbody tr')) {
      const cells = [...tr.cells].map((c) => c.textContent);
      out[cells[0]] = [...cells.slice(1), tr.cells[3].dataset.value === undefined ? null : Number(tr.cells[3].dataset.value)];
    }
    return out;
  });
}

for (const target of TARGETS) {
  describe(target.name, { skip: target.skip }, () => {
    const fx = targetFixture(target);
    // Opens a fresh page, runs `body`, then checks that nothing went wrong in the console/network.
    const withPage = (opts, body) => withFreshPage(fx.browser, fx.url, opts, body);

    test('pin as A, move a slider: both lines on every chart and a non-zero difference', async () => {
      await withPage({}, async (page) => {
        // Pin and clear are in the Scenario menu (issue 12); the comparison shows only with an A.
        assert.equal(await page.isHidden('#compare'), true);
        await openTools(page);
        assert.equal(await page.isDisabled('#clear-a'), true);
        await page.click('#pin-a');
        await page.waitForSelector('#cmp-table:not([hidden])');
        // Every chart has a visible A line for each series, and a legend entry for it.
        const counts = await page.evaluate(() => [...document.querySelectorAll('figure.chart')].map((f) => ({
          key: f.dataset.chart,
          cmp: [...f.querySelectorAll('path.cmp')].filter((p) => (p.getAttribute('d') || '').length > 0).length,
          legend: f.querySelectorAll('.legend-cmp').length,
        })));
        assert.equal(counts.length, 6);
        for (const c of counts) {
          assert.ok(c.cmp >= 2, `chart ${c.key} shows A`);
          assert.equal(c.legend, 1, `chart ${c.key} has an A legend entry`);
        }
        let rows = await cmpTable(page);
        const chainKey = Object.keys(rows)[0];
        assert.equal(rows[chainKey][3], 0, 'A equals B right after pinning');
        const a0 = await pathPoints(page, 'self', 'us_self_sufficiency_chain_pct', { cmp: true });
        // Change B: more public magnet investment raises chain self-sufficiency in 2030.
        await press(page, '#in-invest_magnet_musd', 'ArrowRight', 5);
        const a1 = await pathPoints(page, 'self', 'us_self_sufficiency_chain_pct', { cmp: true });
        const b1 = await pathPoints(page, 'self', 'us_self_sufficiency_chain_pct');
        assert.deepEqual(a1, a0, 'A stays where it was pinned');
        assert.notDeepEqual(b1, a1, 'B moved away from A');
        rows = await cmpTable(page);
        assert.ok(rows[chainKey][3] !== 0 && rows[chainKey][3] !== null, `difference in the first row: ${JSON.stringify(rows[chainKey])}`);
        assert.ok(Object.keys(rows).length >= 9);
        // The data table has A columns too.
        await page.click('#chart-self details summary');
        await page.waitForFunction(() => document.querySelectorAll('#chart-self .data-table th.cmp-val').length >= 5);
        // Chinese labels for the comparison.
        await page.click('.lang-switch button[data-lang="zh"]');
        // Another language's table loads when first chosen.
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
        assert.match(await page.textContent('#compare-title'), /对比/);
        assert.match(await page.textContent('#cmp-table caption'), /A 与 B/);
        // Clear A: the lines and the table go.
        await openTools(page);
        await page.click('#clear-a');
        assert.equal(await page.isHidden('#cmp-table'), true);
        assert.equal(await page.isHidden('#compare'), true);
        assert.equal(await page.locator('.legend-cmp').count(), 0);
        assert.deepEqual(await pathPoints(page, 'self', 'us_self_sufficiency_chain_pct', { cmp: true }), []);
      });
    });

    test('compare with a pasted link loads it as A and shows its notices', async () => {
      await withPage({}, async (page) => {
        const frag = await page.evaluate(() => window.__model.encodeLink({ preset: 'us_push', params: {} }, {}));
        await openTools(page);
        await page.fill('#cmp-link', `http://example.org/calc/#${frag}`);
        await page.click('#cmp-link-load');
        await page.waitForSelector('#cmp-table:not([hidden])');
        const desc = await page.textContent('#cmp-desc');
        assert.match(desc, /^A: /);
        const rows = await cmpTable(page);
        const first = Object.values(rows)[0];
        assert.ok(first[3] < 0, `baseline B is below us_push A in 2030: ${JSON.stringify(first)}`);
        // Only the fragment, with a part the model cannot read: loaded, and the notice shown.
        await openTools(page);
        await page.fill('#cmp-link', `${frag}&nonsense_param=5`);
        await page.click('#cmp-link-load');
        await page.waitForFunction(() => document.querySelector('#alert').classList.contains('shown'));
        assert.match(await page.textContent('#alert-text'), /nonsense_param/);
        assert.equal(await page.isHidden('#cmp-table'), false);
      });
    });
  });
}
