// Benchmark of the calculator page (not a test): payload sizes, cold open to the first interactive
// lever (median of BENCH_LOADS loads, with its parts), slider-input-to-render latency in headless
// Chromium, and the model's time per projection in wasm against one project() call from JS (with
// the wasm/native ratio when NATIVE_MEDIAN_NS is given, as `cargo xtask bench` does).
// Run: node tests/browser/bench.mjs
// Environment: DIST_DIR, SINGLE_FILE, CHROMIUM_PATH, NATIVE_MEDIAN_NS, BENCH_STEPS (per slider),
// BENCH_LOADS (cold opens per target, default 20), BENCH_JSON (write the figures there).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, openPage, DIST_DIR, SINGLE_FILE } from './util.mjs';
import { serve } from '../../xtask/server.mjs';

const STEPS_PER_SLIDER = Number(process.env.BENCH_STEPS) || 60;
const SLIDERS = ['invest_magnet_musd', 'demand_growth_pct_per_yr', 'ban1_severity_pct', 'refining_cost_us_usd_per_t'];
const LOADS = Number(process.env.BENCH_LOADS) || 20;
const P95_TARGET_MS = 8;
const COLD_OPEN_TARGET_MS = 250;
const CALL_RATIO_TARGET = 3;

function kb(n) {
  return `${(n / 1024).toFixed(1)} KB`;
}

function pct(sorted, q) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, median: pct(s, 0.5), p95: pct(s, 0.95), max: s[s.length - 1], min: s[0] };
}

function fmtMs(v) {
  return `${v.toFixed(2)} ms`;
}

// ---- Payload ---------------------------------------------------------------------------------

function payload() {
  // What a first visit loads: index.html, the chunks it preloads, the page bundle, the styles
  // and the wasm (other languages' tables load only when chosen; www/embed.js is for other pages).
  const index = fs.readFileSync(path.join(DIST_DIR, 'index.html'), 'utf8');
  const preloads = [...index.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  // The first screen's styles are inside index.html (dist inlines them); counted apart if linked.
  const styles = index.includes('href="www/style.css"') ? ['www/style.css'] : [];
  const files = [...new Set(['index.html', ...preloads, 'www/main.js', ...styles, 'www/pkg/rare_earth_wasm_bg.wasm'])];
  const size = (abs) => {
    const body = fs.readFileSync(abs);
    return { raw: body.length, gz: zlib.gzipSync(body, { level: 9 }).length };
  };
  const rows = files.map((rel) => ({ file: rel, ...size(path.join(DIST_DIR, rel)) }));
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gz: a.gz + r.gz }), { raw: 0, gz: 0 });
  const single = fs.existsSync(SINGLE_FILE) ? size(SINGLE_FILE) : null;
  const embedPath = path.join(DIST_DIR, 'www', 'embed.js');
  const embed = fs.existsSync(embedPath) ? size(embedPath) : null;
  return { rows, total, single, embed };
}

// ---- Browser -----------------------------------------------------------------------------------

// Installs a capture-phase listener that, for every slider input, notes when the next animation
// frame starts (the frame that puts the update on screen) and how long the browser's style and
// layout of the updated DOM take in it (forced there). window.__lastRenderMs covers only our JS.
async function instrumentFrames(page) {
  await page.evaluate(() => {
    window.__frameMs = [];
    window.__layoutMs = [];
    document.addEventListener('input', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => {
        const a = performance.now();
        void document.body.offsetHeight;
        window.__frameMs.push(a - t0);
        window.__layoutMs.push(performance.now() - a);
      });
    }, true);
  });
}

async function sliderSteps(page) {
  const renderMs = [];
  const bySlider = {};
  for (const id of SLIDERS) {
    const sel = `#in-${id}`;
    await page.locator(sel).scrollIntoViewIfNeeded();
    await page.focus(sel);
    bySlider[id] = [];
    for (let i = 0; i < STEPS_PER_SLIDER; i++) {
      const before = await page.evaluate(() => Number(document.body.dataset.renderCount));
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      const ms = await page.evaluate(async (n) => {
        const t0 = performance.now();
        while (Number(document.body.dataset.renderCount) <= n) {
          if (performance.now() - t0 > 3000) throw new Error('no render after a key press');
          await new Promise((r) => setTimeout(r, 0));
        }
        return window.__lastRenderMs;
      }, before);
      renderMs.push(ms);
      bySlider[id].push(ms);
    }
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  const { frameMs, layoutMs } = await page.evaluate(() => ({ frameMs: window.__frameMs, layoutMs: window.__layoutMs }));
  return { renderMs, bySlider, frameMs, layoutMs };
}

// A mouse drag across a slider: how many input events arrive, how many renders (model calls) they
// cause, and the latency of each render.
async function drag(page) {
  const sel = '#in-demand_growth_pct_per_yr';
  await page.locator(sel).scrollIntoViewIfNeeded();
  const box = await page.locator(sel).boundingBox();
  const y = box.y + box.height / 2;
  await page.evaluate(() => {
    window.__inputs = 0;
    window.__dragRenders = [];
    document.addEventListener('input', () => window.__inputs++, true);
    const obs = new MutationObserver(() => window.__dragRenders.push(window.__lastRenderMs));
    obs.observe(document.body, { attributes: true, attributeFilter: ['data-render-count'] });
    window.__dragObs = obs;
  });
  await page.mouse.move(box.x + 8, y);
  await page.mouse.down();
  for (let i = 0; i <= 120; i++) await page.mouse.move(box.x + 8 + ((box.width - 16) * i) / 120, y);
  await page.mouse.up();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    window.__dragObs.disconnect();
    return { inputs: window.__inputs, renders: window.__dragRenders.length, renderMs: window.__dragRenders };
  });
}

// The model alone (bench_project_default runs it inside wasm, no boundary crossing) against one
// project() call from JS: the raw binding (one Float64Array plus summary, warnings and events)
// and the page's call, which adds a view per series.
async function wasmTimes(page) {
  return page.evaluate(() => {
    const m = window.__model;
    const scenarios = Array.from({ length: 10 }, (_, i) => ({ preset: 'baseline', params: { demand_growth_pct_per_yr: 5 + i / 10 } }));
    const per = (f, n) => {
      const t0 = performance.now();
      f(n);
      return ((performance.now() - t0) * 1000) / n;
    };
    const core = (n) => m.benchProjectDefault(n);
    const raw = (n) => { for (let i = 0; i < n; i++) m.projectRaw(scenarios[i % 10]); };
    const full = (n) => { for (let i = 0; i < n; i++) m.project(scenarios[i % 10]); };
    core(50);
    full(50);
    // Interleaved rounds, so that a busy machine slows all three alike; medians of each and of
    // the per-round ratios.
    const rounds = { core: [], raw: [], full: [], ratio: [] };
    for (let r = 0; r < 15; r++) {
      const c = per(core, 200);
      const w = per(raw, 100);
      const f = per(full, 100);
      rounds.core.push(c);
      rounds.raw.push(w);
      rounds.full.push(f);
      rounds.ratio.push(f / c);
    }
    const med = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    return { coreUs: med(rounds.core), rawUs: med(rounds.raw), projectUs: med(rounds.full), ratio: med(rounds.ratio) };
  });
}

// Cold opens of `url` in fresh contexts: the time to the first interactive lever (the page's
// re-first-render mark, from navigation start) and its parts, medians over `n` loads.
async function coldOpens(browser, url, n) {
  const parts = { total: [], start: [], model: [], build: [], label: [], project: [], render: [], wasmFetch: [] };
  const problems = [];
  for (let i = 0; i < n; i++) {
    const { page, context, problems: p } = await openPage(browser, url);
    const m = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      return { start: at('re-start'), model: at('re-model-ready'), built: at('re-built'), labelled: at('re-labelled'), projected: at('re-projected'), first: at('re-first-render'), wasmFetch: wasm ? wasm.responseEnd - wasm.startTime : NaN };
    });
    parts.total.push(m.first);
    parts.start.push(m.start);
    parts.model.push(m.model - m.start);
    parts.build.push(m.built - m.model);
    parts.label.push(m.labelled - m.built);
    parts.project.push(m.projected - m.labelled);
    parts.render.push(m.first - m.projected);
    if (Number.isFinite(m.wasmFetch)) parts.wasmFetch.push(m.wasmFetch);
    problems.push(...p);
    await context.close();
  }
  const med = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v.length ? stats(v).median : NaN]));
  return { median: med, loads: parts.total, problems };
}

function fmtOpen(c) {
  const m = c.median;
  return `median ${fmtMs(m.total)} [target <= ${COLD_OPEN_TARGET_MS} ms: ${m.total <= COLD_OPEN_TARGET_MS ? 'met' : 'MISSED'}]; parts: `
    + `HTML + JS fetched and parsed ${fmtMs(m.start)}, wasm fetch+compile+instantiate and string table ${fmtMs(m.model)}`
    + `${Number.isFinite(m.wasmFetch) ? ` (of which wasm fetch ${fmtMs(m.wasmFetch)})` : ''}, levers and charts built ${fmtMs(m.build)}, `
    + `texts and link applied ${fmtMs(m.label)}, first projection ${fmtMs(m.project)}, first render ${fmtMs(m.render)}`;
}

// ---- Main --------------------------------------------------------------------------------------

const sizes = payload();
const server = await serve(DIST_DIR);
const browser = await launch();
let failed = false;
try {
  const { page, context, problems } = await openPage(browser, server.url);
  await instrumentFrames(page);
  const steps = await sliderSteps(page);
  const dragResult = await drag(page);
  const wasm = await wasmTimes(page);
  const version = await page.evaluate(() => window.__model.version());
  await context.close();
  const openHttp = await coldOpens(browser, server.url, LOADS);
  const openFile = fs.existsSync(SINGLE_FILE) ? await coldOpens(browser, `file://${SINGLE_FILE}`, LOADS) : null;

  const r = stats(steps.renderMs);
  const f = stats(steps.frameMs);
  const l = stats(steps.layoutMs);
  const d = stats(dragResult.renderMs);
  const out = [];
  out.push('');
  out.push(`calculator page benchmark (model ${version}, headless Chromium, ${DIST_DIR})`);
  out.push('');
  out.push('payload (what a browser downloads for the multi-file page)');
  for (const row of sizes.rows) out.push(`  ${row.file.padEnd(34)} ${kb(row.raw).padStart(10)}  ${kb(row.gz).padStart(10)} gz`);
  out.push(`  ${'total'.padEnd(34)} ${kb(sizes.total.raw).padStart(10)}  ${kb(sizes.total.gz).padStart(10)} gz`);
  if (sizes.single) out.push(`  ${path.basename(SINGLE_FILE).padEnd(34)} ${kb(sizes.single.raw).padStart(10)}  ${kb(sizes.single.gz).padStart(10)} gz  (single file)`);
  else out.push(`  single file not found at ${SINGLE_FILE}`);
  if (sizes.embed) out.push(`  ${'www/embed.js'.padEnd(34)} ${kb(sizes.embed.raw).padStart(10)}  ${kb(sizes.embed.gz).padStart(10)} gz  (embeddable element, not loaded by the page)`);
  out.push('');
  out.push(`cold open to the first interactive lever, ${LOADS} loads each`);
  out.push(`  http: ${fmtOpen(openHttp)}`);
  if (openFile) out.push(`  single file from file://: ${fmtOpen(openFile)}`);
  out.push('');
  out.push(`slider keyboard steps: ${r.n} (${STEPS_PER_SLIDER} on each of ${SLIDERS.join(', ')})`);
  out.push(`  input -> render end (window.__lastRenderMs): median ${fmtMs(r.median)}, p95 ${fmtMs(r.p95)}, max ${fmtMs(r.max)}  [target p95 <= ${P95_TARGET_MS} ms: ${r.p95 <= P95_TARGET_MS ? 'met' : 'MISSED'}]`);
  for (const id of SLIDERS) {
    const s = stats(steps.bySlider[id]);
    out.push(`    ${id.padEnd(30)} median ${fmtMs(s.median)}, p95 ${fmtMs(s.p95)}`);
  }
  out.push(`  input -> start of the next frame: median ${fmtMs(f.median)}, p95 ${fmtMs(f.p95)}; browser style+layout in it: median ${fmtMs(l.median)}, p95 ${fmtMs(l.p95)}`);
  out.push(`mouse drag across demand growth: ${dragResult.inputs} input events -> ${dragResult.renders} renders (model calls); render median ${fmtMs(d.median)}, p95 ${fmtMs(d.p95)}`);
  out.push('');
  out.push('model in wasm');
  out.push(`  one default projection inside wasm (bench_project_default): ${wasm.coreUs.toFixed(1)} us`);
  out.push(`  one project() call from JS, raw binding (Float64Array + summary, warnings, events): ${wasm.rawUs.toFixed(1)} us (${(wasm.rawUs / wasm.coreUs).toFixed(2)}x the projection)`);
  const ratio = wasm.ratio;
  out.push(`  one project() call as the page makes it (plus a view per series): ${wasm.projectUs.toFixed(1)} us (median ratio per round ${ratio.toFixed(2)}x the projection) [target <= ${CALL_RATIO_TARGET}x: ${ratio <= CALL_RATIO_TARGET ? 'met' : 'MISSED'}]`);
  const native = Number(process.env.NATIVE_MEDIAN_NS);
  if (native > 0) out.push(`  native median ${(native / 1000).toFixed(1)} us -> wasm/native ratio ${((wasm.coreUs * 1000) / native).toFixed(2)}x`);
  else out.push('  (set NATIVE_MEDIAN_NS to print the wasm/native ratio; `cargo xtask bench` does)');
  const allProblems = [...problems, ...openHttp.problems, ...(openFile ? openFile.problems : [])];
  if (allProblems.length) {
    out.push(`problems seen: ${allProblems.join('; ')}`);
    failed = true;
  }
  console.log(out.join('\n'));
  if (process.env.BENCH_JSON) {
    fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ sizes, render: r, frame: f, layout: l, drag: { inputs: dragResult.inputs, renders: dragResult.renders, ...d }, wasm, native_ns: native || null, open: { http: openHttp, file: openFile } }, null, 2));
  }
} finally {
  await browser.close();
  await server.close();
}
if (failed) process.exitCode = 1;
