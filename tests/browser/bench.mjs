// Benchmark of the calculator page (not a test): payload sizes, slider-input-to-render latency in
// headless Chromium, and the model's time per projection in wasm (with the wasm/native ratio when
// NATIVE_MEDIAN_NS is given, as `cargo xtask bench` does). Run: node tests/browser/bench.mjs
// Environment: DIST_DIR, SINGLE_FILE, CHROMIUM_PATH, NATIVE_MEDIAN_NS, BENCH_STEPS (per slider).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, openPage, DIST_DIR, SINGLE_FILE } from './util.mjs';
import { serve } from '../../xtask/server.mjs';

const STEPS_PER_SLIDER = Number(process.env.BENCH_STEPS) || 60;
const SLIDERS = ['invest_magnet_musd', 'demand_growth_pct_per_yr', 'ban1_severity_pct', 'refining_cost_us_usd_per_t'];
const P95_TARGET_MS = 16;

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
  const files = [];
  const add = (rel) => {
    const abs = path.join(DIST_DIR, rel);
    if (fs.existsSync(abs)) files.push(rel);
  };
  add('index.html');
  const list = (dir, re) => (fs.existsSync(path.join(DIST_DIR, dir)) ? fs.readdirSync(path.join(DIST_DIR, dir)).filter((f) => re.test(f)).sort().map((f) => `${dir}/${f}`) : []);
  // www/embed.js is the embeddable element for other pages; index.html never loads it.
  for (const f of list('www', /\.(js|css)$/)) if (f !== 'www/embed.js') add(f);
  for (const f of list('www/pkg', /\.(js|wasm)$/)) add(f);
  const rows = files.map((rel) => {
    const body = fs.readFileSync(path.join(DIST_DIR, rel));
    return { file: rel, raw: body.length, gz: zlib.gzipSync(body, { level: 9 }).length };
  });
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gz: a.gz + r.gz }), { raw: 0, gz: 0 });
  let single = null;
  if (fs.existsSync(SINGLE_FILE)) {
    const body = fs.readFileSync(SINGLE_FILE);
    single = { raw: body.length, gz: zlib.gzipSync(body, { level: 9 }).length };
  }
  const embedPath = path.join(DIST_DIR, 'www', 'embed.js');
  const embedBody = fs.existsSync(embedPath) ? fs.readFileSync(embedPath) : null;
  const embed = embedBody ? { raw: embedBody.length, gz: zlib.gzipSync(embedBody, { level: 9 }).length } : null;
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

// The model alone: bench_project_default runs inside wasm (no boundary crossing); project() is
// what the page calls per frame, including conversion of the result to JS objects.
async function wasmTimes(page) {
  return page.evaluate(() => {
    const w = window.__wasm;
    w.bench_project_default(50);
    const n = 400;
    const runs = [];
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      w.bench_project_default(n);
      runs.push(((performance.now() - t0) * 1000) / n);
    }
    runs.sort((a, b) => a - b);
    const m = 200;
    for (let i = 0; i < 20; i++) w.project({});
    const t1 = performance.now();
    for (let i = 0; i < m; i++) w.project({ preset: 'baseline', params: { demand_growth_pct_per_yr: 5 + (i % 10) / 10 } });
    const projectUs = ((performance.now() - t1) * 1000) / m;
    return { coreUs: runs[3], coreRunsUs: runs, projectUs };
  });
}

async function loadTime(browser, url) {
  const t0 = Date.now();
  const { page, context, problems } = await openPage(browser, url);
  const ms = Date.now() - t0;
  await context.close();
  return { ms, problems };
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
  const loadHttp = await loadTime(browser, server.url);
  const loadFile = fs.existsSync(SINGLE_FILE) ? await loadTime(browser, `file://${SINGLE_FILE}`) : null;

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
  out.push(`  one default projection inside wasm (bench_project_default): ${wasm.coreUs.toFixed(1)} us (runs: ${wasm.coreRunsUs.map((v) => v.toFixed(1)).join(', ')})`);
  out.push(`  wasm.project() from JS, result converted to JS objects: ${wasm.projectUs.toFixed(1)} us`);
  const native = Number(process.env.NATIVE_MEDIAN_NS);
  if (native > 0) out.push(`  native median ${(native / 1000).toFixed(1)} us -> wasm/native ratio ${((wasm.coreUs * 1000) / native).toFixed(2)}x`);
  else out.push('  (set NATIVE_MEDIAN_NS to print the wasm/native ratio; `cargo xtask bench` does)');
  out.push('');
  out.push(`page load to first render: http ${loadHttp.ms} ms${loadFile ? `, single file from file:// ${loadFile.ms} ms` : ''}`);
  const allProblems = [...problems, ...loadHttp.problems, ...(loadFile ? loadFile.problems : [])];
  if (allProblems.length) {
    out.push(`problems seen: ${allProblems.join('; ')}`);
    failed = true;
  }
  console.log(out.join('\n'));
  if (process.env.BENCH_JSON) {
    fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ sizes, render: r, frame: f, layout: l, drag: { inputs: dragResult.inputs, renders: dragResult.renders, ...d }, wasm, native_ns: native || null, load: { http: loadHttp.ms, file: loadFile && loadFile.ms } }, null, 2));
  }
} finally {
  await browser.close();
  await server.close();
}
if (failed) process.exitCode = 1;
