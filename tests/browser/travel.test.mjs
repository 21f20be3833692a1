// Embeds and exports that travel (issue 12): "Copy link" tells the truth on the page, in a frame
// and from a file; the compact framed mode shows only the chosen levers and charts and reports a
// height sized to them; a chart's SVG carries a caption with the scenario and its link; the
// element snippet holds a link that shows when the element cannot run, and the element says why
// and links to the calculator when its model cannot load.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openPage, withFreshPage, press, openTools, SINGLE_FILE_URL, SINGLE_FILE_EXPECTED, targetFixture, watchPage } from './util.mjs';

describe('embeds and exports that travel', () => {
  const fx = targetFixture({ kind: 'http' });

  test('Copy link on the page copies the scenario\'s link', async () => {
    const { page, context, problems } = await openPage(fx.browser, fx.url);
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fx.url.replace(/\/$/, '') });
      await press(page, '#in-invest_magnet_musd', 'ArrowRight', 2);
      await openTools(page);
      await page.click('#copy-link');
      await page.waitForFunction(() => document.getElementById('status').textContent !== '');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(copied, /^http:\/\/127\.0\.0\.1:\d+\/#v=2&.*invest_magnet_musd=/);
      assert.equal(await page.textContent('#status'), 'Link copied to the clipboard.');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('in a frame, Copy link gives the full calculator\'s link, not the framed one', async () => {
    const { page, context, problems } = await openPage(fx.browser, `${fx.url}?embed=1`, { hash: '#invest_magnet_musd=20' });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fx.url.replace(/\/$/, '') });
      // The framed page keeps its preset and scenario menu, not the page's title, theme or language.
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.top-text')).display), 'none');
      await openTools(page);
      await page.click('#copy-link');
      await page.waitForFunction(() => document.getElementById('status').textContent !== '');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.doesNotMatch(copied, /embed=1/);
      assert.match(copied, /^http:\/\/127\.0\.0\.1:\d+\/#/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('from a file, Copy link says a file link cannot be shared and points to the scenario file', { skip: SINGLE_FILE_EXPECTED ? false : 'single file not built' }, async () => {
    await withFreshPage(fx.browser, SINGLE_FILE_URL, {}, async (page) => {
      await openTools(page);
      await page.click('#copy-link');
      await page.waitForFunction(() => document.getElementById('status').textContent !== '');
      assert.match(await page.textContent('#status'), /cannot be shared: save the scenario/);
    });
  });

  test('compact frame: only the chosen levers and charts, and a height sized to them', async () => {
    const url = `${fx.url}?embed=1&controls=demand_growth_pct_per_yr,ban1_severity_pct,deal_projects&charts=supply`;
    const { page, context, problems } = await openPage(fx.browser, url);
    try {
      await page.waitForFunction(() => document.documentElement.classList.contains('compact') && getComputedStyle(document.querySelector('.headline')).display === 'none');
      const info = await page.evaluate(() => ({
        levers: [...document.querySelectorAll('.levers .param')].filter((r) => r.getClientRects().length).map((r) => r.dataset.param),
        charts: [...document.querySelectorAll('figure.chart')].filter((f) => f.getClientRects().length).map((f) => f.dataset.chart),
        height: document.body.getBoundingClientRect().height,
      }));
      assert.deepEqual(info.levers.sort(), ['ban1_severity_pct', 'deal_projects', 'demand_growth_pct_per_yr']);
      assert.deepEqual(info.charts, ['supply']);
      assert.ok(info.height < 900, `the framed page is ${info.height}px high`);
      // The chosen levers move the chosen chart.
      await press(page, '#in-demand_growth_pct_per_yr', 'ArrowRight', 3);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('compact frame: compact from the first paint, never the full page first', async () => {
    // Every frame the browser renders is sampled (requestAnimationFrame runs before each paint)
    // from the first styled one until the page is ready: none may show the page's chrome, the
    // headline, or a lever or chart that was not chosen. Levers are chosen by id and by group.
    const url = `${fx.url}?embed=1&controls=ban1_severity_pct,stockpile_recycling&charts=self`;
    const context = await fx.browser.newContext({ viewport: { width: 800, height: 700 } });
    try {
      const page = await context.newPage();
      const problems = watchPage(page, url);
      await page.addInitScript(() => {
        window.__frames = [];
        const shown = (el) => !!el && el.getClientRects().length > 0;
        const probe = () => {
          const styled = getComputedStyle(document.documentElement).getPropertyValue('--fg').trim() !== '';
          if (styled && document.querySelector('.top')) {
            window.__frames.push({
              top: shown(document.querySelector('.top')),
              headline: shown(document.querySelector('.headline')),
              foot: shown(document.querySelector('.foot')),
              levers: [...document.querySelectorAll('.levers .param')].filter(shown).map((r) => r.dataset.param),
              charts: [...document.querySelectorAll('figure.chart')].filter(shown).map((f) => f.dataset.chart),
            });
          }
          if (!(document.body && document.body.dataset.ready === 'all')) requestAnimationFrame(probe);
        };
        requestAnimationFrame(probe);
      });
      await page.goto(url);
      await page.waitForFunction(() => document.body.dataset.ready === 'all', null, { timeout: 15000 });
      const { frames, chosen } = await page.evaluate(() => ({
        frames: window.__frames,
        chosen: window.__model.catalogue.params.filter((p) => p.id === 'ban1_severity_pct' || p.group === 'stockpile_recycling').map((p) => ({ id: p.id, advanced: p.advanced })),
      }));
      const ids = chosen.map((p) => p.id);
      assert.ok(frames.length > 0, 'frames were sampled');
      for (const [i, f] of frames.entries()) {
        assert.deepEqual({ top: f.top, headline: f.headline, foot: f.foot }, { top: false, headline: false, foot: false }, `frame ${i}: page chrome`);
        assert.deepEqual(f.levers.filter((id) => !ids.includes(id)), [], `frame ${i}: levers not chosen`);
        assert.deepEqual(f.charts.filter((c) => c !== 'self'), [], `frame ${i}: charts not chosen`);
      }
      // And the chosen ones are there in the end (the group's advanced levers stay folded).
      const last = frames[frames.length - 1];
      assert.deepEqual(last.charts, ['self']);
      assert.deepEqual(last.levers.sort(), chosen.filter((p) => !p.advanced).map((p) => p.id).sort());
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a chart\'s SVG carries the scenario, its link and the model version', async () => {
    await withFreshPage(fx.browser, fx.url, {}, async (page) => {
      await press(page, '#in-invest_magnet_musd', 'ArrowRight', 2);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#chart-self .export-svg')]);
      const svg = fs.readFileSync(await download.path(), 'utf8');
      assert.match(svg, /Scenario: Sourced baseline · Public investment in US metal and magnets = [^<]+ · http:\/\/127\.0\.0\.1:\d+\/#v=2&amp;[^<]*invest_magnet_musd=/);
      assert.match(svg, /Rare earth magnet supply chain calculator, \d+\.\d+\.\d+/);
    });
  });

  test('the element: a link shows where it cannot run, and a message with a link where its model cannot load', async () => {
    const context = await fx.browser.newContext();
    try {
      const page = await context.newPage();
      const host = `${fx.url}__host.html`;
      // The snippet as the Embed dialog writes it, with the element's script blocked (as a
      // cross-origin host without CORS headers would see it).
      const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title></head><body>
<script type="module" src="${fx.url}www/embed.js"></script>
<rare-earth-calculator preset="baseline"><a href="${fx.url}#v=2">Open the rare earth supply chain calculator</a></rare-earth-calculator></body></html>`;
      await page.route(host, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
      await page.route(`${fx.url}www/embed.js`, (route) => route.abort());
      await page.goto(host);
      const link = page.locator('rare-earth-calculator > a');
      assert.equal(await link.isVisible(), true, 'the fallback link shows');
      assert.equal(await link.getAttribute('href'), `${fx.url}#v=2`);

      // The script loads but the model cannot: a message and a link, not a blank box.
      const page2 = await context.newPage();
      await page2.route(host, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
      await page2.route(/rare_earth_wasm_bg\.wasm$/, (route) => route.abort());
      await page2.goto(host);
      await page2.waitForFunction(() => /could not be loaded/.test(document.querySelector('rare-earth-calculator').shadowRoot?.textContent || ''), null, { timeout: 15000 });
      const info = await page2.evaluate(() => {
        const root = document.querySelector('rare-earth-calculator').shadowRoot;
        const a = root.querySelector('.re-error a');
        return { href: a && a.href, height: document.querySelector('rare-earth-calculator').getBoundingClientRect().height };
      });
      assert.match(info.href, /^http:\/\/127\.0\.0\.1:\d+\/index\.html/);
      assert.ok(info.height > 0, 'not a 0 px box');
    } finally {
      await context.close();
    }
  });
});
