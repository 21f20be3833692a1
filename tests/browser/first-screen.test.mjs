// The first screen (issue 12): at 1280x800 and 1024x768 with the projector theme, without
// scrolling, the headline figures, the self-sufficiency and supply charts and the catalogue's main
// levers, each movable in place, with "More levers" one click away; on a 390x844 phone the headline
// and one chart in the first screen and the main levers within the next. In English and Chinese,
// on the served page and the single file. And the "why": what limits the US chain in the summary
// and in a lever's help, and a sentence when a change moved nothing.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST_DIR, SINGLE_FILE, SINGLE_FILE_EXPECTED, withFreshPage, press, targetFixture, openMoreLevers } from './util.mjs';

const TARGETS = [
  { name: `http page from ${DIST_DIR}`, kind: 'http' },
  { name: `single file from file://${SINGLE_FILE}`, kind: 'file', skip: SINGLE_FILE_EXPECTED ? false : `${SINGLE_FILE} not built (run cargo xtask dist)` },
];

const SIZES = [
  { name: '1280x800', viewport: { width: 1280, height: 800 }, theme: null },
  { name: '1024x768 projector', viewport: { width: 1024, height: 768 }, theme: 'projector' },
  { name: '390x844 phone', viewport: { width: 390, height: 844 }, theme: null, phone: true },
];

// Where each part of the first screen is, in page coordinates (the page is not scrolled).
function layout() {
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right, w: r.width, h: r.height };
  };
  const q = (s) => document.querySelector(s);
  return {
    main: window.__model.catalogue.main_levers,
    rows: [...document.querySelectorAll('#levers-main .param')].map((r) => ({ id: r.dataset.param, ...box(r), control: box(r.querySelector('input, select')) })),
    cards: [...document.querySelectorAll('#headline-cards .hl-card')].map(box),
    self: box(q('#chart-self .plot')),
    supply: box(q('#chart-supply .plot')),
    more: box(q('#more-levers > summary')),
    scrollX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}

for (const target of TARGETS) {
  describe(`first screen: ${target.name}`, { skip: target.skip }, () => {
    const fx = targetFixture(target);
    const withPage = (opts, body) => withFreshPage(fx.browser, fx.url, opts, body);

    for (const size of SIZES) {
      for (const lang of ['en', 'zh']) {
        test(`${size.name}, ${lang}`, async () => {
          const parts = [lang === 'zh' ? 'lang=zh' : '', size.theme ? `theme=${size.theme}` : ''].filter(Boolean);
          const hash = parts.length ? `#${parts.join('&')}` : '';
          await withPage({ viewport: size.viewport, hash, touch: !!size.phone }, async (page) => {
            const H = size.viewport.height;
            const l = await page.evaluate(layout);
            assert.equal(l.scrollX, 0, 'no sideways scrolling');
            assert.deepEqual(l.rows.map((r) => r.id), l.main, 'the main levers, in the catalogue order');
            assert.equal(l.main.length, 10);
            for (const c of l.cards) assert.ok(c.bottom <= H, `a headline card ends at ${c.bottom}px`);
            assert.ok(l.self.bottom <= H, `the self-sufficiency chart ends at ${l.self.bottom}px`);
            if (size.phone) {
              // The main levers start within the second screen.
              assert.ok(l.rows[0].top < 2 * H, `the first main lever starts at ${l.rows[0].top}px`);
            } else {
              assert.ok(l.supply.bottom <= H, `the supply chart ends at ${l.supply.bottom}px`);
              for (const r of l.rows) assert.ok(r.control.bottom <= H, `${r.id}'s control ends at ${r.control.bottom}px`);
              assert.ok(l.more.top < H, '"More levers" starts on the first screen');
              // Beside the charts: the levers' column is left of the charts.
              assert.ok(l.rows[0].right <= l.self.left, 'the levers are beside the charts');
            }
            // A main lever moves in place, without scrolling first.
            const y0 = await page.evaluate(() => scrollY);
            await press(page, '#in-demand_growth_pct_per_yr', 'ArrowRight', 3);
            if (!size.phone) assert.equal(await page.evaluate(() => scrollY), y0, 'nothing scrolled');
            assert.notEqual(await page.getAttribute('#hl-peak', 'data-value'), null);
            // Every other lever is one click away.
            await openMoreLevers(page);
            assert.equal(await page.isVisible('#param-demand_growth_after_2030_pct_per_yr'), true);
          });
        });
      }
    }

    test('why: the summary says what limits the US chain, a lever\'s help says whether its stage does, and a change that moves nothing says why', async () => {
      await withPage({}, async (page) => {
        // The baseline: US metal output runs at capacity up to 2034 (MODEL.md section 5).
        const stages = await page.evaluate(() => {
          const p = window.__model.project({ preset: 'baseline', params: {} });
          return Array.from(p.series.us_bottleneck_stage);
        });
        assert.equal(stages[6], 3, 'metal limits in 2030');
        assert.match(await page.textContent('#summary'), /What limits the US chain in 2030: US metal output, because it runs at its capacity\./);
        // Separation is not the bottleneck in 2030: its help says so and when it becomes one.
        await page.hover('#param-invest_separation_musd .info');
        const firstSep = 2024 + stages.indexOf(2, 6);
        assert.match(await page.textContent('#tip-invest_separation_musd'), new RegExp(`^US separation is not the bottleneck until ${firstSep}: US metal output is\\.`));
        // The tariff's start year with no tariff moves nothing; the page says so, and why.
        await openMoreLevers(page);
        await page.evaluate(() => {
          const adv = document.querySelector('#param-tariff_start_year').closest('details.advanced');
          if (adv) adv.open = true;
        });
        await press(page, '#in-tariff_start_year', 'ArrowRight', 2);
        assert.equal(await page.textContent('#summary-change'), `Nothing moved: ${await page.textContent('#lab-tariff_start_year')} does not change the bottleneck here: US metal output, because it runs at its capacity.`);
        // A change that moves the results says how, against the preset.
        await press(page, '#in-demand_growth_pct_per_yr', 'ArrowRight', 3);
        assert.match(await page.textContent('#summary-change'), /^Against the preset, /);
      });
    });

    test('why, in Chinese', async () => {
      await withPage({ hash: '#lang=zh' }, async (page) => {
        assert.match(await page.textContent('#summary'), /2030年限制美国产业链的是美国金属产出，原因是产能已满负荷。/);
      });
    });
  });
}
