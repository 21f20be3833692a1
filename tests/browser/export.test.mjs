// Browser tests of the exports: the projection as JSON, each chart as standalone SVG and 2x PNG,
// and the scenario file round trip: the page's saved scenario run by the CLI gives the same
// summary as the page's projection JSON, and re-opening it in the page gives the same headline.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, openPage, waitForRenderAfter, renderCount, headline, REPO, DIST_DIR, withFreshPage, press, openTools } from './util.mjs';
import { serve } from '../../xtask/server.mjs';

const CLI = path.join(REPO, 'target', 'release', process.platform === 'win32' ? 'rare-earth.exe' : 'rare-earth');

async function downloadText(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

describe(`exports, http page from ${DIST_DIR}`, () => {
  let browser;
  let server;
  before(async () => {
    // The CLI for the round trip; built once if this checkout has not built it yet.
    if (!fs.existsSync(CLI)) execFileSync('cargo', ['build', '-q', '--release', '--bin', 'rare-earth'], { cwd: REPO, stdio: 'inherit' });
    browser = await launch();
    server = await serve(DIST_DIR);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const withPage = (body) => withFreshPage(browser, server.url, {}, body);

  test('every chart downloads as a standalone SVG and as a PNG at 2x', async () => {
    await withPage(async (page) => {
      const keys = await page.evaluate(() => [...document.querySelectorAll('figure.chart')].map((f) => f.dataset.chart));
      assert.equal(keys.length, 6);
      assert.match(await page.getAttribute('#chart-self .export-png', 'aria-label'), /^Download “.+” as PNG$/);
      for (const key of keys) {
        const svg = await downloadText(page, `#chart-${key} .export-svg`);
        assert.match(svg.name, new RegExp(`^rare-earth-${key}-.*\\.svg$`));
        const text = svg.bytes.toString('utf8');
        assert.match(text, /^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        assert.ok(!/class="/.test(text), 'styles are inline, not classes');
        assert.match(text, /<path[^>]*stroke="rgb/);
        const title = await page.textContent(`#chart-${key} .chart-title`);
        assert.ok(text.includes(title.replace(/&/g, '&amp;')), 'the title is in the file');
        const png = await downloadText(page, `#chart-${key} .export-png`);
        assert.match(png.name, /\.png$/);
        assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        const w = png.bytes.readUInt32BE(16);
        const svgW = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(text)[1]);
        assert.equal(w, Math.round(svgW * 2));
      }
      // The standalone SVG renders on its own (no page CSS): load it in a blank page.
      const svg = (await downloadText(page, '#chart-self .export-svg')).bytes.toString('utf8');
      const ok = await page.evaluate((t) => new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve(img.naturalWidth > 0);
        img.onerror = () => resolve(false);
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(t)}`;
      }), svg);
      assert.equal(ok, true);
    });
  });

  test('saved scenario: the CLI gives the page projection JSON and CSV, and reopening gives the same headline', async () => {
    await withPage(async (page) => {
      await press(page, '#in-ban1_severity_pct', 'ArrowRight', 3);
      await press(page, '#in-invest_magnet_musd', 'ArrowRight', 4);
      const headBefore = await headline(page, 'chain2030');
      const peakBefore = await headline(page, 'peak');
      await openTools(page);
      const scen = await downloadText(page, '#save-scenario');
      const proj = await downloadText(page, '#download-json');
      const csv = await downloadText(page, '#download-csv');
      assert.match(proj.name, /\.json$/);
      const pageProj = JSON.parse(proj.bytes.toString('utf8'));
      assert.ok(Array.isArray(pageProj.years) && pageProj.summary && pageProj.series);
      const dir = fs.mkdtempSync(path.join(REPO, 'target', 'export-test-'));
      try {
        const file = path.join(dir, 'scenario.json');
        fs.writeFileSync(file, scen.bytes);
        const out = JSON.parse(execFileSync(CLI, ['run', '--scenario', file, '--format', 'json'], { encoding: 'utf8' }));
        assert.deepEqual(out.years, pageProj.years);
        // The page writes the CSV itself from the model's series: a header block of `#` lines
        // (model, the scenario's link, the date, each column's label and unit), then the CLI's
        // CSV byte for byte.
        const cliCsv = execFileSync(CLI, ['run', '--scenario', file, '--format', 'csv'], { encoding: 'utf8' });
        const text = csv.bytes.toString('utf8');
        const head = text.split('\n').filter((l) => l.startsWith('#'));
        assert.equal(text.slice(head.join('\n').length + 1), cliCsv);
        assert.match(head[0], /^# Rare earth supply chain calculator, model \d+\.\d+\.\d+$/);
        assert.match(head[1], /^# scenario,http:\/\/127\.0\.0\.1:\d+\/#v=2&.*invest_magnet_musd=/);
        assert.match(head[1], /ban1_severity_pct=/);
        assert.match(head[2], /^# downloaded,\d{4}-\d\d-\d\d$/);
        const ids = cliCsv.split('\n')[0].split(',');
        // Cells, quoted ones (labels with commas) counted once.
        const cells = (line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]);
        assert.equal(cells(head[3]).length, ids.length + 1, 'a label per column');
        assert.ok(head[3].includes('US demand'), head[3].slice(0, 200));
        assert.match(head[4], /^# unit,,/);
        assert.equal(cells(head[4]).length, ids.length + 1, 'a unit per column');
        assert.ok(cells(head[4]).includes('t/yr'), 'units');
        // The projection JSON carries the scenario it was run from.
        assert.deepEqual(pageProj.scenario, JSON.parse(fs.readFileSync(file, 'utf8')));
        assert.deepEqual(Object.keys(pageProj.series), Object.keys(out.series));
        for (const [id, values] of Object.entries(out.series)) assert.deepEqual(pageProj.series[id], values, `series ${id}`);
        for (const [k, v] of Object.entries(pageProj.summary)) {
          if (typeof v === 'number') assert.ok(Math.abs(out.summary[k] - v) <= 1e-9 * Math.max(1, Math.abs(v)), `summary ${k}: CLI ${out.summary[k]} vs page ${v}`);
          else assert.equal(out.summary[k], v, `summary ${k}`);
        }
        // Reopen in a fresh page: the same headline.
        const { page: p2, context, problems } = await openPage(browser, server.url);
        try {
          const n = await renderCount(p2);
          await p2.setInputFiles('#scenario-file', file);
          await waitForRenderAfter(p2, n);
          assert.equal(await headline(p2, 'chain2030'), headBefore);
          assert.equal(await headline(p2, 'peak'), peakBefore);
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
