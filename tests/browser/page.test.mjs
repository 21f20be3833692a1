// Real-browser tests of the calculator page, run with `node --test tests/browser/`.
// The same checks run twice: on the multi-file page served over http from DIST_DIR, and on the
// self-contained single file opened from file:// (SINGLE_FILE). Every test fails on a console
// error, an uncaught exception, or a request for anything but the page's own files.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, waitForRenderAfter, renderCount, headline, pathPoints, tmpDir, DIST_DIR, SINGLE_FILE, SINGLE_FILE_URL, SINGLE_FILE_EXPECTED, withFreshPage, press, targetFixture, openTools, openMoreLevers, REPO } from './util.mjs';

const TARGETS = [
  { name: `http page from ${DIST_DIR}`, kind: 'http' },
  { name: `single file from file://${SINGLE_FILE}`, kind: 'file', skip: SINGLE_FILE_EXPECTED ? false : `${SINGLE_FILE} not built (run cargo xtask dist)` },
];

// Presses a key `n` times on a focused element, waiting for the page to render the last press.
async function rangeValue(page, id) {
  return Number(await page.inputValue(`#in-${id}`));
}

for (const target of TARGETS) {
  describe(target.name, { skip: target.skip }, () => {
    const fx = targetFixture(target);
    // Opens a fresh page, runs `body`, then checks that nothing went wrong in the console/network.
    const withPage = (opts, body) => withFreshPage(fx.browser, fx.url, opts, body);

    test('loads, builds a control for every catalogue parameter and renders every chart', async () => {
      await withPage({}, async (page) => {
        const info = await page.evaluate(() => {
          const cat = window.__model.catalogue;
          return {
            params: cat.params.map((p) => p.id),
            options: cat.params.filter((p) => p.options.length).map((p) => p.id),
            controls: [...document.querySelectorAll('[data-param]')].filter((e) => e.classList.contains('param')).map((e) => e.dataset.param),
            ranges: document.querySelectorAll('.param input[type=range]').length,
            selects: document.querySelectorAll('.param select').length,
            charts: [...document.querySelectorAll('figure.chart')].map((f) => f.dataset.chart),
            presets: [...document.querySelectorAll('#preset option')].map((o) => o.value),
            catPresets: cat.presets.map((p) => p.id),
            lastMs: window.__lastRenderMs,
            lang: document.documentElement.lang,
            valuetext: document.querySelector('#in-demand_growth_pct_per_yr').getAttribute('aria-valuetext'),
          };
        });
        assert.deepEqual(info.controls.sort(), info.params.slice().sort());
        assert.equal(info.selects, info.options.length);
        assert.equal(info.ranges, info.params.length - info.options.length);
        assert.deepEqual(info.charts, ['self', 'supply', 'china', 'price', 'public', 'stock']);
        assert.deepEqual(info.presets, info.catPresets);
        assert.ok(Number.isFinite(info.lastMs) && info.lastMs >= 0, 'window.__lastRenderMs is set');
        assert.match(info.lang, /^en/);
        assert.equal(info.valuetext, '5.1%/yr');
        // Every chart has drawn its lines from the projection.
        for (const [chart, series] of [['self', 'us_self_sufficiency_chain_pct'], ['supply', 'demand_us_t'], ['china', 'china_share_magnet_pct'], ['price', 'price_ndpr_ex_usd_per_kg'], ['public', 'public_cost_cumulative_musd'], ['stock', 'stockpile_months_of_cover']]) {
          const pts = await pathPoints(page, chart, series);
          assert.equal(pts.length, 17, `${chart}/${series} has a point per year 2024-2040`);
        }
        assert.match(await page.textContent('#hl-chain2030'), /^\d+(\.\d)?%$/);
        assert.match(await page.textContent('#summary'), /^In 2030 an all-US chain, from US mines to US magnet plants, makes \d+(\.\d)?% of the magnets the US uses/);
        assert.equal(await page.textContent('#summary-change'), '');
      });
    });

    test('ArrowRight on public magnet investment raises 2030 chain self-sufficiency', async () => {
      await withPage({}, async (page) => {
        const before = await headline(page, 'chain2030');
        const chainBefore = await pathPoints(page, 'self', 'us_self_sufficiency_chain_pct');
        await press(page, '#in-invest_magnet_musd', 'ArrowRight', 10);
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 100);
        assert.equal(await page.inputValue('#num-invest_magnet_musd'), '100');
        const after = await headline(page, 'chain2030');
        assert.ok(after > before, `2030 chain self-sufficiency ${before} -> ${after}`);
        // The chart line moved up (smaller y) in 2030 and the faint preset line did not move.
        const chainAfter = await pathPoints(page, 'self', 'us_self_sufficiency_chain_pct');
        assert.ok(chainAfter[6][1] < chainBefore[6][1], 'chain line rises in 2030');
        const base = await pathPoints(page, 'self', 'us_self_sufficiency_chain_pct', { base: true });
        assert.deepEqual(base[6], chainBefore[6]);
        assert.equal(await page.getAttribute('#in-invest_magnet_musd', 'aria-valuetext'), '100 $M');
        assert.ok(await page.$eval('#param-invest_magnet_musd', (e) => e.classList.contains('changed')));
        // Magnet plants do not make oxide: the peak shortfall (set by oxide under the Dy+Tb control)
        // need not fall, but the public pays for the plants.
        assert.match(await page.textContent('#summary-change'), /^Against the preset, 2030 self-sufficiency is higher, the peak shortfall is (smaller|unchanged) and the public pays more/);
        await press(page, '#in-invest_magnet_musd', 'ArrowLeft', 10);
        assert.equal(await headline(page, 'chain2030'), before);
      });
    });

    test('dragging the demand growth slider with the mouse updates while dragging and raises the peak shortfall', async () => {
      await withPage({}, async (page) => {
        const peakBefore = await headline(page, 'peak');
        const demandBefore = await pathPoints(page, 'supply', 'demand_us_t');
        await page.locator('#in-demand_growth_pct_per_yr').scrollIntoViewIfNeeded();
        const box = await page.locator('#in-demand_growth_pct_per_yr').boundingBox();
        const y = box.y + box.height / 2;
        const frac = (5.1 - -5) / 25;
        const x0 = box.x + 8 + frac * (box.width - 16);
        await page.mouse.move(x0, y);
        await page.mouse.down();
        const n0 = await renderCount(page);
        for (let i = 1; i <= 6; i++) {
          await page.mouse.move(x0 + i * 8, y);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
        }
        const nDuring = await renderCount(page);
        assert.ok(nDuring - n0 >= 2, `rendered ${nDuring - n0} times during the drag, before the mouse was released`);
        await page.mouse.up();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const v = await rangeValue(page, 'demand_growth_pct_per_yr');
        assert.ok(v > 5.1, `slider moved right (${v})`);
        const peakAfter = await headline(page, 'peak');
        assert.ok(peakAfter > peakBefore, `peak shortfall ${peakBefore} -> ${peakAfter}`);
        // The axis may rescale: compare with the preset's faint line, drawn on the same axis.
        const demandAfter = await pathPoints(page, 'supply', 'demand_us_t');
        const demandBase = await pathPoints(page, 'supply', 'demand_us_t', { base: true });
        assert.ok(demandBefore[16][1] > 0);
        assert.ok(demandAfter[16][1] < demandBase[16][1], 'the 2040 demand point is above the preset line');
        assert.equal(await page.inputValue('#num-demand_growth_pct_per_yr'), String(v));
      });
    });

    test('a stricter export control raises the US shortfall', async () => {
      await withPage({}, async (page) => {
        const peak0 = await headline(page, 'peak');
        const short0 = await pathPoints(page, 'supply', 'demand_us_t');
        await press(page, '#in-ban1_severity_pct', 'ArrowRight', 20);
        assert.equal(await rangeValue(page, 'ban1_severity_pct'), 56);
        const peak1 = await headline(page, 'peak');
        assert.ok(peak1 > peak0, `severity 36% -> 56%: peak ${peak0} -> ${peak1}`);
        // Widening the control to all magnet rare earths (a select, changed with the keyboard).
        await openMoreLevers(page);
        await page.focus('#in-ban1_scope');
        const n = await renderCount(page);
        await page.selectOption('#in-ban1_scope', '3');
        await waitForRenderAfter(page, n);
        const peak2 = await headline(page, 'peak');
        assert.ok(peak2 > peak1, `scope widened: peak ${peak1} -> ${peak2}`);
        assert.ok((await pathPoints(page, 'supply', 'demand_us_t')).length === short0.length);
      });
    });

    test('presets: us_push raises 2030 self-sufficiency, shows its description and resets overrides', async () => {
      await withPage({}, async (page) => {
        const base = await headline(page, 'chain2030');
        await press(page, '#in-ban1_severity_pct', 'ArrowRight', 3);
        let n = await renderCount(page);
        await page.selectOption('#preset', 'us_push');
        await waitForRenderAfter(page, n);
        const push = await headline(page, 'chain2030');
        assert.ok(push > base, `us_push ${push} > baseline ${base}`);
        assert.match(await page.textContent('#preset-desc'), /DoD and Apple deals/);
        assert.equal(await rangeValue(page, 'ban1_severity_pct'), 36, 'a preset starts from its own values');
        assert.equal(await page.inputValue('#in-deal_projects'), '1');
        // The faint preset line is now the us_push projection, equal to the current line.
        assert.deepEqual(await pathPoints(page, 'self', 'us_self_sufficiency_chain_pct', { base: true }), await pathPoints(page, 'self', 'us_self_sufficiency_chain_pct'));
        n = await renderCount(page);
        await page.selectOption('#preset', 'ban_escalation');
        await waitForRenderAfter(page, n);
        assert.equal(await rangeValue(page, 'ban2_start_year'), 2027);
        assert.ok(await headline(page, 'peak') > 0);
        // Reset all returns to the selected preset after a change.
        await openMoreLevers(page);
        await press(page, '#in-ban2_severity_pct', 'ArrowLeft', 5);
        assert.equal(await rangeValue(page, 'ban2_severity_pct'), 69);
        n = await renderCount(page);
        await page.click('#reset-all');
        await waitForRenderAfter(page, n);
        assert.equal(await rangeValue(page, 'ban2_severity_pct'), 74);
      });
    });

    test('switching to Chinese translates the page and formats numbers per locale', async () => {
      await withPage({}, async (page) => {
        await page.click('.lang-switch button[data-lang="zh"]');
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
        assert.equal(await page.textContent('h1'), '稀土永磁供应链计算器');
        assert.match(await page.textContent('#hl-chain2030-label'), /2030年美国磁体产业链自给率/);
        assert.match(await page.textContent('#summary'), /^2030年，从美国矿山到美国磁体工厂的全本土产业链/);
        assert.equal(await page.textContent('#lab-invest_magnet_musd'), '美国金属与磁体环节公共投资');
        assert.equal(await page.getAttribute('#in-demand_growth_pct_per_yr', 'aria-valuetext'), '5.1%/年');
        assert.match(await page.textContent('#preset-desc'), /美国国防部|USGS/);
        assert.match(await page.textContent('#chart-self .chart-title'), /美国各环节自给率/);
        assert.match(await page.textContent('#hl-cost'), /亿美元/);
        assert.equal(await page.textContent('#reset-all'), '全部重置');
        // Model notes and chart markers are translated from their codes, not left in English.
        assert.match(await page.textContent('#warnings-list'), /吨美国精矿.*找不到分离厂/);
        assert.doesNotMatch(await page.textContent('#warnings-list'), /finds no separator/);
        await page.click('#chart-self details > summary');
        // The table is filled on the details' toggle event: wait for it.
        await page.waitForFunction(() => /出口管制1开始/.test(document.querySelector('#chart-self details table')?.textContent || ''));
        await page.click('#chart-self details > summary');
        assert.equal(await page.getAttribute('.lang-switch button[data-lang="zh"]', 'aria-pressed'), 'true');
        // Still interactive in Chinese.
        const before = await headline(page, 'chain2030');
        await press(page, '#in-invest_magnet_musd', 'ArrowRight', 5);
        assert.ok(await headline(page, 'chain2030') > before);
        assert.match(await page.textContent('#summary-change'), /^与预设情景相比/);
        // The choice survives a reload.
        await page.reload();
        await page.waitForFunction(() => Number(document.body.dataset.renderCount) >= 1);
        assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
        await page.click('.lang-switch button[data-lang="en"]');
        await page.waitForFunction(() => document.documentElement.lang.startsWith('en'));
        assert.equal(await page.textContent('h1'), 'Rare earth magnet supply chain calculator');
      });
    });

    test('invalid entries are rejected with the model message and every other setting survives', async () => {
      await withPage({}, async (page) => {
        await press(page, '#in-invest_magnet_musd', 'ArrowRight', 5);
        const chain = await headline(page, 'chain2030');
        const peak = await headline(page, 'peak');
        const n0 = await renderCount(page);

        await page.fill('#num-demand_growth_pct_per_yr', '999');
        await page.press('#num-demand_growth_pct_per_yr', 'Enter');
        const alert = page.locator('[role="alert"]');
        await assert.doesNotReject(alert.getByText('`demand_growth_pct_per_yr` must be between -5 and 20 %/yr, got 999').waitFor());
        assert.equal(await page.getAttribute('#num-demand_growth_pct_per_yr', 'aria-invalid'), 'true');
        // The message also shows under the lever itself.
        assert.match(await page.textContent('#err-demand_growth_pct_per_yr'), /must be between -5 and 20 %\/yr, got 999/);
        assert.equal(await rangeValue(page, 'demand_growth_pct_per_yr'), 5.1);
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 50, 'the changed slider keeps its value');
        assert.equal(await headline(page, 'chain2030'), chain);
        assert.equal(await headline(page, 'peak'), peak);
        assert.equal(await renderCount(page), n0, 'nothing was re-rendered');
        // Leaving the box shows the value in force again.
        await page.press('#num-demand_growth_pct_per_yr', 'Tab');
        assert.equal(await page.inputValue('#num-demand_growth_pct_per_yr'), '5.1');

        for (const text of ['abc', '']) {
          await page.fill('#num-demand_growth_pct_per_yr', text);
          await page.press('#num-demand_growth_pct_per_yr', 'Enter');
          await page.waitForFunction(() => /demand_growth_pct_per_yr` must be a finite number, got NaN/.test(document.querySelector('[role="alert"]').textContent));
          assert.equal(await page.getAttribute('#num-demand_growth_pct_per_yr', 'aria-invalid'), 'true');
          assert.equal(await rangeValue(page, 'demand_growth_pct_per_yr'), 5.1);
          assert.equal(await rangeValue(page, 'invest_magnet_musd'), 50);
          assert.equal(await headline(page, 'chain2030'), chain);
        }
        // A whole-number parameter rejects a fraction.
        await openMoreLevers(page);
        await page.fill('#num-horizon_year', '2035.5');
        await page.press('#num-horizon_year', 'Enter');
        await page.waitForFunction(() => /horizon_year` must be a whole number/.test(document.querySelector('[role="alert"]').textContent));
        // In range for itself, but the demand shares then add up to more than 100%: the model
        // refuses the combination and the page keeps the last accepted settings.
        await page.fill('#num-us_demand_share_pct', '20');
        await page.press('#num-us_demand_share_pct', 'Enter');
        await page.waitForFunction(() => /must be at most 100/.test(document.querySelector('[role="alert"]').textContent));
        assert.match(await page.textContent('[role="alert"]'), /us_demand_share_pct/);
        assert.equal(await rangeValue(page, 'us_demand_share_pct'), 5.9);
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 50);
        assert.equal(await headline(page, 'chain2030'), chain);
        assert.equal(await page.getAttribute('#num-us_demand_share_pct', 'aria-invalid'), 'true');

        // A good value is accepted, clears the alert and the flag.
        const n1 = await renderCount(page);
        await page.fill('#num-demand_growth_pct_per_yr', '6.4');
        await page.press('#num-demand_growth_pct_per_yr', 'Enter');
        await waitForRenderAfter(page, n1);
        assert.equal(await rangeValue(page, 'demand_growth_pct_per_yr'), 6.4);
        assert.equal(await page.getAttribute('#num-demand_growth_pct_per_yr', 'aria-invalid'), null);
        assert.equal((await page.textContent('#alert-text')).trim(), '');
        assert.equal(await page.isVisible('#err-demand_growth_pct_per_yr'), false);
        assert.ok(await headline(page, 'peak') > peak);
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 50);
      });
    });

    test('per-lever reset, tooltips with source and grade, and the assumptions filter', async () => {
      await withPage({}, async (page) => {
        const base = await headline(page, 'chain2030');
        await press(page, '#in-invest_magnet_musd', 'ArrowRight', 3);
        assert.equal(await page.isDisabled('#param-invest_magnet_musd .reset'), false);
        // The info button opens with the keyboard and shows the source and grade.
        await page.focus('#param-demand_growth_pct_per_yr .info');
        assert.equal(await page.isVisible('#tip-demand_growth_pct_per_yr'), true);
        // The sources load with the first tip (pkg/details.js, not part of a first visit).
        await page.waitForFunction(() => /IEA STEPS/.test(document.getElementById('tip-demand_growth_pct_per_yr').textContent));
        assert.match(await page.textContent('#tip-demand_growth_pct_per_yr'), /A: official or primary source/);
        // English-only texts say so, for screen readers on a page in another language.
        assert.equal(await page.getAttribute('#tip-demand_growth_pct_per_yr .tip-source', 'lang'), 'en');
        assert.equal(await page.getAttribute('#tip-demand_growth_pct_per_yr .tip-desc', 'lang'), 'en');
        await page.keyboard.press('Escape');
        assert.equal(await page.isVisible('#tip-demand_growth_pct_per_yr'), false);
        assert.equal(await page.getAttribute('#in-demand_growth_pct_per_yr', 'aria-describedby'), 'tip-demand_growth_pct_per_yr');
        // Assumptions: built when the panel comes near the screen; only the changed value is
        // listed when filtered.
        await page.locator('#assumptions').scrollIntoViewIfNeeded();
        await page.waitForSelector('#assumptions[data-state="ready"]');
        await page.check('#only-changed');
        const shown = await page.$$eval('#assumptions-table tbody tr[data-param]:not([hidden])', (rows) => rows.map((r) => r.dataset.param));
        assert.deepEqual(shown, ['invest_magnet_musd']);
        assert.match(await page.textContent('#assumptions-table tr[data-param="invest_magnet_musd"] td.cur'), /^30$/);
        assert.equal(await page.getAttribute('#assumptions-table tr[data-param="invest_magnet_musd"] td.src .psrc', 'lang'), 'en');
        // The claims of the "as reported" preset are listed with their verdicts.
        assert.ok((await page.$$('#claims-table tbody tr')).length >= 4);
        assert.match(await page.textContent('#claims-table'), /Mountain Pass 45 kt = 15% of global production/);
        // Reset the lever.
        const n = await renderCount(page);
        await page.click('#param-invest_magnet_musd .reset');
        await waitForRenderAfter(page, n);
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 0);
        assert.equal(await headline(page, 'chain2030'), base);
        assert.equal(await page.$$eval('#assumptions-table tbody tr[data-param]:not([hidden])', (r) => r.length), 0);
      });
    });

    test('in Chinese, the lever help and the sources panel describe each parameter in Chinese; source titles stay English', async () => {
      await withPage({ hash: '#lang=zh' }, async (page) => {
        const zh = JSON.parse(fs.readFileSync(path.join(REPO, 'www', 'i18n', 'params.zh.json'), 'utf8')).params;
        await page.focus('#param-demand_growth_pct_per_yr .info');
        // The Chinese descriptions load with the first tip (a chunk of their own on the served page).
        await page.waitForFunction((t) => document.querySelector('#tip-demand_growth_pct_per_yr .tip-desc')?.textContent === t, zh.demand_growth_pct_per_yr);
        assert.equal(await page.getAttribute('#tip-demand_growth_pct_per_yr .tip-desc', 'lang'), 'zh-CN');
        await page.waitForFunction(() => /IEA STEPS/.test(document.querySelector('#tip-demand_growth_pct_per_yr .tip-source').textContent));
        assert.equal(await page.getAttribute('#tip-demand_growth_pct_per_yr .tip-source', 'lang'), 'en');
        await page.keyboard.press('Escape');
        await page.locator('#assumptions').scrollIntoViewIfNeeded();
        await page.waitForSelector('#assumptions[data-state="ready"]');
        await page.waitForFunction((t) => document.querySelector('#assumptions-table tr[data-param="invest_magnet_musd"] .pdesc')?.textContent === t, zh.invest_magnet_musd);
        const rows = await page.$$eval('#assumptions-table tr[data-param]', (trs) => trs.map((tr) => ({
          id: tr.dataset.param,
          desc: tr.querySelector('.pdesc').textContent,
          lang: tr.querySelector('.pdesc').lang,
          srcLang: tr.querySelector('.psrc').lang,
        })));
        assert.equal(rows.length, Object.keys(zh).length);
        for (const r of rows) assert.deepEqual(r, { id: r.id, desc: zh[r.id], lang: 'zh-CN', srcLang: 'en' });
        // Back in English, the panel and the tips are English again.
        await page.click('.lang-switch button[data-lang="en"]');
        await page.waitForFunction(() => document.querySelector('#assumptions-table tr[data-param="invest_magnet_musd"] .pdesc').lang === 'en');
        await page.focus('#param-demand_growth_pct_per_yr .info');
        assert.equal(await page.getAttribute('#tip-demand_growth_pct_per_yr .tip-desc', 'lang'), 'en');
      });
    });

    test('charts: hover and keyboard readouts, event markers and data tables', async () => {
      await withPage({}, async (page) => {
        await page.locator('#chart-supply .plot').scrollIntoViewIfNeeded();
        const box = await page.locator('#chart-supply .plot').boundingBox();
        await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
        await page.waitForSelector('#chart-supply .readout:not([hidden])');
        assert.match(await page.textContent('#chart-supply .readout'), /20\d\d/);
        assert.match(await page.textContent('#chart-supply .readout'), /Shortfall/);
        await page.mouse.move(0, 0);
        await page.focus('#chart-self .plot');
        await page.keyboard.press('End');
        assert.match(await page.textContent('#chart-self .readout .ro-year'), /^2040$/);
        await page.keyboard.press('Home');
        await page.keyboard.press('ArrowRight');
        assert.match(await page.textContent('#chart-self .readout'), /2025[\s\S]*export control starts: export control 1 starts/);
        assert.ok((await page.$$('#chart-self .event-glyph[data-kind="target"]')).length === 1, 'the 2027 defence target is marked');
        await page.click('#chart-supply details.data > summary');
        // The table is filled on the details' toggle event, which fires after the click.
        await page.waitForSelector('#chart-supply .data-table tbody tr');
        assert.equal(await page.$$eval('#chart-supply .data-table tbody tr', (r) => r.length), 17);
        assert.match(await page.textContent('#chart-supply .data-table thead'), /Demand, US/);
        // The table follows the levers while it is open.
        const cell = () => page.textContent('#chart-supply .data-table tbody tr:last-child td');
        const before = await cell();
        await openMoreLevers(page);
        await press(page, '#in-demand_growth_after_2030_pct_per_yr', 'ArrowRight', 10);
        assert.notEqual(await cell(), before);
      });
    });

    test('layouts from a 360 px phone to a 1920 px projector have no horizontal overflow', async () => {
      for (const viewport of [{ width: 360, height: 740 }, { width: 1920, height: 1080 }]) {
        await withPage({ viewport }, async (page) => {
          const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
          assert.ok(scroll <= client, `${viewport.width}px: page is ${scroll}px wide`);
          const pts = await pathPoints(page, 'self', 'us_self_sufficiency_chain_pct');
          assert.equal(pts.length, 17);
          await press(page, '#in-invest_magnet_musd', 'ArrowRight', 2);
        });
      }
    });

    test('on a phone, a tap on a chart shows its readout and a tap on a slider moves it', async () => {
      await withPage({ viewport: { width: 390, height: 844 }, touch: true }, async (page) => {
        await page.locator('#chart-supply .plot').scrollIntoViewIfNeeded();
        const box = await page.locator('#chart-supply .plot').boundingBox();
        await page.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height * 0.5);
        await page.waitForSelector('#chart-supply .readout:not([hidden])');
        assert.match(await page.textContent('#chart-supply .readout'), /Shortfall/);
        await page.touchscreen.tap(5, 5);
        await page.waitForSelector('#chart-supply .readout', { state: 'hidden' });
        await page.locator('#in-demand_growth_pct_per_yr').scrollIntoViewIfNeeded();
        const peak = await headline(page, 'peak');
        const n = await renderCount(page);
        const sb = await page.locator('#in-demand_growth_pct_per_yr').boundingBox();
        await page.touchscreen.tap(sb.x + sb.width * 0.8, sb.y + sb.height / 2);
        await waitForRenderAfter(page, n);
        assert.ok(await rangeValue(page, 'demand_growth_pct_per_yr') > 5.1);
        assert.ok(await headline(page, 'peak') > peak);
      });
    });

    test('the address bar follows the scenario, and links carry the scenario and view options', async () => {
      await withPage({}, async (page) => {
        assert.equal(await page.evaluate(() => location.hash), '', 'no link is written before a change');
        await press(page, '#in-invest_magnet_musd', 'ArrowRight', 2);
        await page.waitForFunction(() => /invest_magnet_musd=20\b/.test(location.hash));
        const n = await renderCount(page);
        await page.selectOption('#preset', 'us_push');
        await waitForRenderAfter(page, n);
        await page.waitForFunction(() => /preset=us_push/.test(location.hash) && !/invest_magnet_musd/.test(location.hash));
      });
      await withPage({ hash: '#preset=us_push&invest_magnet_musd=200' }, async (page) => {
        assert.equal(await page.inputValue('#preset'), 'us_push');
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 200);
        assert.match(await page.textContent('#changed-count'), /1 lever/);
      });
      // What the model cannot read from a link is reported calmly and keeps its default.
      await withPage({ hash: '#invest_magnet_musd=999999&demand_growth_pct_per_yr=6.4' }, async (page) => {
        assert.match(await page.textContent('[role="alert"]'), /invest_magnet_musd` must be between 0 and 5000/);
        assert.equal(await rangeValue(page, 'demand_growth_pct_per_yr'), 6.4);
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 0);
      });
      // A teacher's link: Chinese, dark theme, one lever locked, the trade group hidden.
      await withPage({ hash: '#v=1&invest_magnet_musd=500&lang=zh&theme=dark&lock=invest_magnet_musd&hide=trade' }, async (page) => {
        assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
        assert.equal(await page.isDisabled('#in-invest_magnet_musd'), true);
        assert.equal(await page.isDisabled('#num-invest_magnet_musd'), true);
        assert.equal(await page.isVisible('#param-ban1_scope'), false);
        assert.equal(await page.isVisible('details.group[data-group="trade"]'), false);
        assert.equal(await page.isVisible('#param-demand_growth_pct_per_yr'), true);
        // Reset all and a new preset keep the locked value.
        const n = await renderCount(page);
        await page.selectOption('#preset', 'iea_nze');
        await waitForRenderAfter(page, n);
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 500);
      });
    });

    test('a copied link reproduces every headline figure in a fresh browser context', async () => {
      const figures = (page) => page.evaluate(() =>
        Object.fromEntries([...document.querySelectorAll('[id^="hl-"][data-value]')].map((e) => [e.id, e.getAttribute('data-value')])));
      let hash;
      let original;
      await withPage({}, async (page) => {
        let n = await renderCount(page);
        await page.selectOption('#preset', 'ban_escalation');
        await waitForRenderAfter(page, n);
        await press(page, '#in-invest_magnet_musd', 'ArrowRight', 3);
        await press(page, '#in-demand_growth_pct_per_yr', 'ArrowLeft', 4);
        await openTools(page);
        await page.click('#copy-link');
        await page.waitForFunction(() => /preset=ban_escalation/.test(location.hash) && /invest_magnet_musd=30\b/.test(location.hash));
        hash = await page.evaluate(() => location.hash);
        original = await figures(page);
      });
      assert.ok(Object.keys(original).length >= 6, `headline figures found: ${Object.keys(original).length}`);
      assert.ok(hash.length < 120, `a typical link is short: ${hash.length} characters`);
      await withPage({ hash }, async (page) => {
        assert.deepEqual(await figures(page), original);
        assert.equal(await page.inputValue('#preset'), 'ban_escalation');
        assert.equal(await rangeValue(page, 'invest_magnet_musd'), 30);
      });
    });

    test('save and open a scenario file, download the projection as CSV', async () => {
      await withPage({}, async (page) => {
        await press(page, '#in-ban1_severity_pct', 'ArrowRight', 4);
        await openTools(page);
        const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#save-scenario')]);
        const text = fs.readFileSync(await saved.path(), 'utf8');
        const json = JSON.parse(text);
        assert.equal(json.params.ban1_severity_pct, 40);
        const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
        const lines = fs.readFileSync(await csv.path(), 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'));
        assert.match(lines[0], /^year,/);
        assert.equal(lines.length, 18);
        // Open a scenario file: the model checks it first; a bad file changes nothing.
        const dir = tmpDir('rare-earth-scenario-');
        const good = path.join(dir, 'good.json');
        fs.writeFileSync(good, JSON.stringify({ preset: 'us_push', params: { ramp_years: 3 } }));
        const bad = path.join(dir, 'bad.json');
        fs.writeFileSync(bad, JSON.stringify({ params: { ramp_years: 99 } }));
        let n = await renderCount(page);
        await page.setInputFiles('#scenario-file', good);
        await waitForRenderAfter(page, n);
        assert.equal(await page.inputValue('#preset'), 'us_push');
        assert.equal(await rangeValue(page, 'ramp_years'), 3);
        assert.equal(await rangeValue(page, 'ban1_severity_pct'), 36);
        n = await renderCount(page);
        await page.setInputFiles('#scenario-file', bad);
        await page.waitForFunction(() => /ramp_years` must be between 1 and 10/.test(document.querySelector('[role="alert"]').textContent));
        assert.equal(await rangeValue(page, 'ramp_years'), 3);
        assert.equal(await renderCount(page), n);
        fs.rmSync(dir, { recursive: true, force: true });
      });
    });
  });
}
