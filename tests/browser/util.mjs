// Shared helpers of the browser tests and the benchmark: where the built page is, how to start
// Debian's Chromium through playwright-core (no browser download), and a page guard that records
// console errors, uncaught exceptions and any request for something other than the page's own files.

import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { serve } from '../../xtask/server.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The built multi-file page (index.html + www/). The test runner sets DIST_DIR; by hand, the
// default is <repo>/dist, or the repo root itself when only `www/pkg` has been built.
export const DIST_DIR = process.env.DIST_DIR
  || (fs.existsSync(path.join(REPO, 'dist', 'index.html')) ? path.join(REPO, 'dist') : REPO);

// The self-contained single file that works from file://.
export const SINGLE_FILE = process.env.SINGLE_FILE || path.join(REPO, 'dist', 'rare-earth-calculator.html');
export const SINGLE_FILE_URL = pathToFileURL(SINGLE_FILE).href;
export const SINGLE_FILE_EXPECTED = Boolean(process.env.SINGLE_FILE) || fs.existsSync(SINGLE_FILE);

// Chromium as root in a container: no sandbox, no GPU, nothing that phones home.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Launches Chromium with a fresh profile (playwright creates a new temporary user-data-dir on
// every launch; `--user-data-dir` itself may not be passed to launch()).
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

// Which request URLs a page may make: for http, only the same origin as the page; for file://,
// only file:, data: and blob: URLs.
export function allowedRequest(pageUrl) {
  const u = new URL(pageUrl);
  if (u.protocol === 'file:') return (url) => /^(file|data|blob):/.test(url);
  return (url) => {
    if (/^(data|blob):/.test(url)) return true;
    try {
      const r = new URL(url);
      return r.protocol === u.protocol && r.hostname === '127.0.0.1' && r.port === u.port;
    } catch {
      return false;
    }
  };
}

// Opens `url` in a new context and waits for the first render. Returns { page, context, problems }:
// `problems` collects console errors, page errors, failed requests and foreign requests.
// Collects, for `page`, every console error, page error, request outside the page's own files
// (as judged from `pageUrl`) and failed request of its own files; returns the live list.
export function watchPage(page, pageUrl, prefix = '') {
  const problems = [];
  const allowed = allowedRequest(pageUrl);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${prefix}console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${prefix}page error: ${e.message}`));
  // Any Content-Security-Policy violation fails the test, reported or not on the console.
  page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('request', (r) => {
    if (!allowed(r.url())) problems.push(`${prefix}foreign request: ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    if (allowed(r.url())) problems.push(`${prefix}request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  return problems;
}

export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, locale = 'en-US', hash = '', touch = false } = {}) {
  const context = await browser.newContext({ viewport, locale, serviceWorkers: 'block', hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  const problems = watchPage(page, url);
  await page.goto(url + hash);
  // The first render, then the work the page defers past the first screen (folded levers,
  // sources panel).
  await page.waitForFunction(() => Number(document.body.dataset.renderCount) >= 1 && document.body.dataset.ready === 'all', null, { timeout: 15000 });
  return { page, context, problems };
}

export function renderCount(page) {
  return page.evaluate(() => Number(document.body.dataset.renderCount || 0));
}

// Waits until the page has rendered more than `before` times (i.e. the last change is on screen).
export async function waitForRenderAfter(page, before) {
  await page.waitForFunction((n) => Number(document.body.dataset.renderCount) > n, before, { timeout: 5000 });
  // Let a coalesced frame land too, so the DOM reflects the very last input.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// A headline figure's raw value (as returned by the model), by card key.
export async function headline(page, key) {
  const v = await page.getAttribute(`#hl-${key}`, 'data-value');
  return v === '' || v === null ? null : Number(v);
}

// The points of a chart line (or area; the preset's with base, pinned A's with cmp) as [[x, y], ...] in SVG units, from its path data.
export async function pathPoints(page, chart, series, { base = false, cmp = false } = {}) {
  const sel = `#chart-${chart} path${base ? '.base' : cmp ? '.cmp' : ':not(.base):not(.cmp)'}[data-series="${series}"]`;
  const d = await page.getAttribute(sel, 'd');
  return (d || '').split(/[MLZ]/).filter(Boolean).map((p) => p.split(',').map(Number));
}

export function tmpDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// Opens `url` (plus opts.hash) in a fresh browser context, runs `body(page)`, then fails on any
// console error, page error or request outside the page's own files.
export async function withFreshPage(browser, url, opts, body) {
  const { page, context, problems } = await openPage(browser, url, opts);
  try {
    await body(page);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    assert.deepEqual(problems, [], 'console errors, page errors or foreign requests');
  } finally {
    await context.close();
  }
}

// Presses `key` n times on the focused `selector` and waits until the page has rendered it.
export async function press(page, selector, key, n = 1) {
  await page.focus(selector);
  const before = await renderCount(page);
  for (let i = 0; i < n; i++) await page.keyboard.press(key);
  await waitForRenderAfter(page, before);
}

// For one test target ({ kind: 'http' | 'file' }): launches Chromium and, for http, serves
// DIST_DIR before the suite, and closes both after it. Read `fx.browser` and `fx.url` in tests.
export function targetFixture(target) {
  const fx = { browser: null, server: null, url: null };
  before(async () => {
    fx.browser = await launch();
    if (target.kind === 'http') {
      fx.server = await serve(DIST_DIR);
      fx.url = fx.server.url;
    } else {
      fx.url = SINGLE_FILE_URL;
    }
  });
  after(async () => {
    await fx.browser?.close();
    await fx.server?.close();
  });
  return fx;
}

// Opens the toolbar's scenario menu (copy link, save, open, downloads, embed), as a reader would.
export async function openTools(page) {
  if (!(await page.$eval('#tools', (d) => d.open))) await page.click('#tools > summary');
}

// Unfolds "More levers" (every lever that is not a main one, by group).
export async function openMoreLevers(page) {
  if (!(await page.$eval('#more-levers', (d) => d.open))) await page.click('#more-levers > summary');
}
