// Entry point of the calculator page: loads the model (WebAssembly), builds the levers, charts,
// headline and sources panel from its catalogue, and re-renders on every change. Every figure
// comes from model.project(); this file only keeps the user's settings and schedules renders
// (at most one model call per animation frame; an isolated input renders at once).

import { loadModel } from './model.js';
import { loadI18n, i18nFor, parseEntry, setOrder } from './i18n.js';
import { ScenarioStore, errorMessage } from './store.js';
import { el } from './dom.js';
import { Chart, EVENT_STYLE } from './charts.js';
import { Controls } from './controls.js';
import { Headline, summaryText, changeText, miniText, whyText, leverWhy, moved, nothingMovedText } from './story.js';
import { makeChartSpecs } from './specs.js';

// The language to start in: a link's `lang`, else the reader's last choice, else the browser's.
// Its string table loads while the model does.
// Marks for the page benchmark's cold-open parts (tests/browser/bench.mjs): re-start (this
// module runs), re-model-ready, re-built (levers and charts built), re-labelled (texts and the
// link applied), re-projected (first projection), re-first-render (first screen interactive).
performance.mark('re-start');
const navLang = (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
const hashLang = (/(?:^#|&)lang=([a-z]{2})(?:&|$)/.exec(location.hash) || [])[1];
let L = i18nFor('en');
let model;
try {
  [model, L] = await Promise.all([loadModel(), loadI18n(hashLang || storedPref('rare-earth-lang') || navLang)]);
} catch (e) {
  document.getElementById('loading').textContent = L.t('load_failed', { message: errorMessage(e) });
  throw e;
}
performance.mark('re-model-ready');

// The model, for the benchmark and for debugging from the console.
window.__model = model;

const catalogue = model.catalogue;
setOrder(catalogue);
const store = new ScenarioStore(model);
const paramById = store.paramById;
const presetById = store.presetById;
const seriesById = new Map(catalogue.series.map((s) => [s.id, s]));
const DEFAULT_PRESET = store.defaultPreset;
const i18n = () => L;
// The projection on screen (the store's last accepted one).
let projection = null;

// ---- Page skeleton --------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);
const alertText = $('alert-text');
const alertBox = $('alert');
const statusEl = $('status');
const presetSelect = $('preset');

for (const p of catalogue.presets) el('option', '', presetSelect).value = p.id;

const controls = new Controls($('levers-list'), catalogue, {
  onInput: (id, value, ts) => {
    userChanged = true;
    lastInputId = id;
    clearError();
    store.setOverride(id, value);
    requestRender(ts, false);
  },
  onCommit: (id, text, ts) => commitEntry(id, text, ts),
  onReset: (id) => {
    userChanged = true;
    lastInputId = id;
    store.overrides.delete(id);
    controls.markInvalid(id, false);
    requestRender(performance.now(), true);
  },
  valueOf: (id) => store.valueOf(id),
  presetValueOf: (id) => store.presetValueOf(id),
  isOverridden: (id) => store.isOverridden(id),
  details: model.details,
  // What limits the US chain, for the lever's help (MODEL.md section 5).
  why: (id) => (projection ? leverWhy(L, projection, id) : ''),
  // Its section of the model's equations (docs/MODEL.html, rendered by `cargo xtask dist`).
  docHref: (id) => `docs/MODEL.html#p-${id}`,
}, i18n, { deferAdvanced: true, mainHost: $('levers-main') });

const headline = new Headline($('headline-cards'));
// The scoreboard is below the first screen: its code loads once that screen is up (see Start).
let scoreboard = null;
// The sources panel is below everything else: built once the first screen is up (see Start).
let assumptions = null;

// The first two charts (self-sufficiency; supply against demand) sit on the first screen; the
// other four are built once it is up (see Start).
const chartSpecs = makeChartSpecs(seriesById, i18n);
const charts = chartSpecs.map((s) => new Chart($('charts-main'), s));
performance.mark('re-built');

function buildEventLegend() {
  const ul = $('event-legend');
  ul.textContent = '';
  el('li', 'ev-head', ul, `${L.t('events_legend')}:`);
  for (const kind of catalogue.event_kinds) {
    const st = EVENT_STYLE[kind] || EVENT_STYLE.policy;
    const li = el('li', '', ul);
    li.innerHTML = `<svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true"><path d="${st.d}" fill="${st.fill}" stroke="${st.stroke}" stroke-width="1.2"/></svg>`;
    li.appendChild(document.createTextNode(L.t(`ev_${kind}`)));
  }
}

// ---- Messages --------------------------------------------------------------------------------

let errorCount = 0;
let lastInputId = null;

// Shows a message in the alert region; with a lever id, also right under that lever, where the
// user is looking (on a phone the alert can be a long way up the page).
function showError(text, id) {
  alertText.textContent = text;
  alertBox.classList.add('shown');
  controls.rowMessage(id || null, text);
  errorCount++;
  document.body.dataset.errorCount = String(errorCount);
}

function clearError() {
  if (!alertText.textContent) return;
  controls.rowMessage(null, '');
  alertText.textContent = '';
  alertBox.classList.remove('shown');
}

let statusTimer = 0;
function showStatus(text) {
  statusEl.textContent = text;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => {
    statusEl.textContent = '';
  }, 6000);
}

$('alert-dismiss').addEventListener('click', () => clearError());

// ---- Rendering --------------------------------------------------------------------------------

let renderCount = 0;
// Why the last change moved nothing, or ''.
let stillText = '';
// True until the first screen is up: the charts wait for it (see Start).
let chartsDeferred = false;
let dirty = false;
let pendingSince = null;
let frameBooked = false;
let renderedThisFrame = false;
let warningsKey = null;
let liveTimer = 0;
let hashTimer = 0;
const summaryEl = $('summary');
const summaryLive = $('summary-live');
const changeEl = $('summary-change');
const miniEl = $('mini-headline');
const changedEl = $('changed-count');

// Asks for a render. The first change after a quiet frame renders at once, so an isolated
// keystroke shows without waiting for the next frame; changes that arrive faster are coalesced
// into one render per animation frame (one model call each). `force` renders now regardless and
// returns whether the model accepted the settings.
function requestRender(ts, force) {
  dirty = true;
  if (pendingSince === null) pendingSince = ts;
  if (force || !renderedThisFrame) {
    const ok = flush();
    bookFrame();
    return ok;
  }
  bookFrame();
  return true;
}

function bookFrame() {
  if (frameBooked) return;
  frameBooked = true;
  requestAnimationFrame(() => {
    frameBooked = false;
    renderedThisFrame = false;
    if (dirty) {
      flush();
      bookFrame();
    }
  });
}

function flush() {
  dirty = false;
  renderedThisFrame = true;
  const since = pendingSince === null ? performance.now() : pendingSince;
  pendingSince = null;
  // The model may refuse the combination (e.g. demand shares above 100%): the store then goes
  // back to the last settings it accepted, so every other lever keeps its value.
  const r = store.commit();
  if (r.error) {
    controls.sync();
    showError(L.t('error_scenario', { message: L.errorText(r.error, catalogue) }), lastInputId);
    return false;
  }
  // A change that moved nothing gets a sentence saying why (the stage it acts on does not limit).
  stillText = projection && lastInputId && !moved(projection, r.projection)
    ? nothingMovedText(L, r.projection, lastInputId, L.paramLabel(paramById.get(lastInputId)))
    : '';
  projection = r.projection;
  if (renderCount === 0) performance.mark('re-projected');
  renderAll();
  renderCount++;
  // The first screen's charts are drawn in a task of their own (see Start); the count tells
  // tests that everything, charts too, shows the last change.
  if (!chartsDeferred) document.body.dataset.renderCount = String(renderCount);
  window.__lastRenderMs = performance.now() - since;
  scheduleAfterRender();
  return true;
}

function renderAll() {
  const p = projection;
  const base = store.baseProjection;
  const changed = store.overrides.size > 0;
  headline.render(L, p.summary, base ? base.summary : null);
  if (scoreboard) scoreboard.render(L, p.summary, base ? base.summary : null);
  const text = summaryText(L, p.summary) + whyText(L, p);
  if (summaryEl.textContent !== text) summaryEl.textContent = text;
  const change = stillText || changeText(L, p.summary, base ? base.summary : null, changed);
  if (changeEl.textContent !== change) changeEl.textContent = change;
  const mini = miniText(L, p.summary);
  if (miniEl.textContent !== mini) miniEl.textContent = mini;
  renderWarnings(p.warnings, p.years[p.years.length - 1]);
  if (!chartsDeferred) for (const c of charts) c.update(p, base, p.events, pinned ? pinned.projection : null);
  renderCompare();
  if (challengePanel) challengePanel.render(L);
  controls.sync();
  controls.refreshTip();
  if (assumptions) assumptions.update();
  const n = store.overrides.size;
  const ct = n === 0 ? L.t('changed_none') : n === 1 ? L.t('changed_one') : L.t('changed_count', { n });
  if (changedEl.textContent !== ct) changedEl.textContent = ct;
  $('reset-all').disabled = n === 0;
  if (printDirty) renderPrintScenario();
}

// The scenario in one line for print, where the lever panel is not shown.
let printDirty = true;
function renderPrintScenario() {
  printDirty = false;
  const preset = presetById.get(store.preset);
  const changed = [...store.overrides].map(([id, v]) => `${L.paramLabel(paramById.get(id))} = ${L.fmtParam(paramById.get(id), v)}`);
  // With its link, so a printout leads back to the scenario (a file's address leads nowhere).
  const link = location.protocol === 'file:' ? '' : ` · ${location.href.replace(/[?&]embed=1/, '')}`;
  $('print-scenario').textContent = `${L.t('scenario')}: ${L.presetName(preset)}${changed.length ? ` · ${changed.join('; ')}` : ''}${link}`;
}
window.addEventListener('beforeprint', renderPrintScenario);

function renderWarnings(warnings, horizon) {
  const key = `${L.lang}|${horizon}|${warnings.map((w) => `${w.code}${w.year}${w.value}`).join('|')}`;
  if (key === warningsKey) return;
  warningsKey = key;
  const ul = $('warnings-list');
  ul.textContent = '';
  if (!warnings.length) {
    el('li', 'none', ul, L.t('warnings_none'));
    return;
  }
  for (const w of warnings) {
    const li = el('li', '', ul);
    li.dataset.code = w.code;
    if (w.year !== null && w.year !== undefined) el('span', 'w-year', li, L.t('warning_year', { year: w.year }));
    li.appendChild(document.createTextNode(L.warningText(w, horizon)));
  }
}

// Work that need not happen every frame: the screen-reader summary and the address bar.
function scheduleAfterRender() {
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => {
    summaryLive.textContent = `${summaryEl.textContent} ${changeEl.textContent}`;
  }, 1200);
  clearTimeout(hashTimer);
  hashTimer = setTimeout(writeHash, 300);
}

// ---- Actions ---------------------------------------------------------------------------------

function commitEntry(id, text, ts) {
  const value = parseEntry(text);
  const problem = store.check(id, value);
  if (problem) {
    controls.markInvalid(id, true);
    showError(L.t('error_framing', { message: L.errorText(problem, catalogue) }), id);
    return false;
  }
  const before = store.overrides.has(id) ? store.overrides.get(id) : undefined;
  userChanged = true;
  lastInputId = id;
  store.setOverride(id, value);
  if (!requestRender(ts, true)) {
    if (before === undefined) store.overrides.delete(id);
    else store.overrides.set(id, before);
    controls.markInvalid(id, true);
    return false;
  }
  controls.markInvalid(id, false);
  clearError();
  return true;
}

// Drops every override except those a link has locked (a teacher's fixed settings).
function clearOverrides() {
  for (const id of [...store.overrides.keys()]) if (!view.lock.includes(id)) store.overrides.delete(id);
  applyLocks();
}

// The values of the levers a link locked, taken once when first locked (the link's value, or the
// value the lever had): whatever is opened later (a file, a preset, another link) keeps them.
const lockedValues = new Map();
function applyLocks() {
  for (const id of view.lock) {
    if (!paramById.has(id)) continue;
    if (lockedValues.has(id)) store.setOverride(id, lockedValues.get(id));
    else lockedValues.set(id, store.valueOf(id));
  }
}

// Chooses a preset; overrides go, except those a link has locked (`locks` false: the caller sets
// the scenario's values first and applies the locks after them).
function setPreset(id, locks = true) {
  lastInputId = null;
  store.setPreset(id, view.lock);
  if (locks) applyLocks();
  for (const p of catalogue.params) controls.markInvalid(p.id, false);
  presetSelect.value = store.preset;
  renderPresetInfo();
  controls.relabel();
}

function renderPresetInfo() {
  const preset = presetById.get(store.preset);
  $('preset-desc').textContent = L.presetDescription(preset);
  const hypothesis = L.presetHypothesis(preset);
  $('preset-hypothesis').textContent = hypothesis ? L.t('preset_hypothesis', { text: hypothesis }) : '';
  $('preset-hypothesis').hidden = !hypothesis;
  $('preset-sources').textContent = preset.sources && preset.sources.length ? L.t('preset_sources', { sources: preset.sources.join('; ') }) : '';
}

presetSelect.addEventListener('change', (e) => {
  userChanged = true;
  setPreset(presetSelect.value);
  clearError();
  requestRender(e.timeStamp, true);
});

$('reset-all').addEventListener('click', (e) => {
  userChanged = true;
  clearOverrides();
  for (const p of catalogue.params) controls.markInvalid(p.id, false);
  clearError();
  requestRender(e.timeStamp, true);
});

// ---- Compare A/B ---------------------------------------------------------------------------------

// Scenario A, kept on this page only: { scenario, projection }. B is the live scenario.
let pinned = null;
let compareKey = null;

function renderCompare() {
  const table = $('cmp-table');
  $('clear-a').disabled = !pinned;
  $('compare').classList.toggle('has-a', !!pinned);
  $('compare').hidden = !pinned;
  if (!pinned) {
    table.hidden = true;
    compareKey = null;
    $('cmp-desc').textContent = L.t('cmp_none');
    return;
  }
  // The table is built by compare.js, loaded with the first pin (see setPinned).
  compareKey = compareView.render({ table, desc: $('cmp-desc'), L, presetById, defaultPreset: DEFAULT_PRESET, pinned, projection, key: compareKey });
}

// compare.js, at the first pin (the compare table and its actions are not part of a first visit).
let compareView = null;
const compareCtx = {
  model, presetById, defaultPreset: DEFAULT_PRESET, $,
  L: () => L,
  scenario: () => store.scenario(),
  showError, showStatus, clearError, noticesText,
  // Pins { scenario, projection } as A (null clears it).
  pin: (p) => {
    pinned = p;
    if (projection) renderAll();
  },
};
async function compareAction(e) {
  if (e.type === 'submit') e.preventDefault();
  else if (e.target.id !== 'pin-a' && e.target.id !== 'clear-a') return;
  compareView = compareView || (await import('./compare.js'));
  compareView.action(e.type === 'submit' ? 'load' : e.target.id, compareCtx);
}
// Pin, clear and "compare with a link" live in the Scenario menu (issue 12: tools in the toolbar,
// not a box among the results); the section shows the comparison once there is an A.
const menuPanel = document.querySelector('#tools .menu-panel');
// A labelled group of the menu: its title (relabelled with the language) and the group.
function menuGroup(key, cls) {
  const g = el('div', cls, menuPanel);
  g.setAttribute('role', 'group');
  g.setAttribute('aria-labelledby', `${cls}-title`);
  const title = el('p', '', g, L.t(key));
  title.id = `${cls}-title`;
  title.dataset.i18n = key;
  title.style.cssText = 'margin:.5rem 0 .25rem;font-weight:600';
  return g;
}
const cmpTools = menuGroup('compare', 'cmp-tools');
cmpTools.append(document.querySelector('#compare .compare-actions'), $('cmp-link-form'));
cmpTools.addEventListener('click', compareAction);
cmpTools.addEventListener('submit', compareAction);
// The classroom's tools (classroom.js, loaded on first use through tools.js).
const classTools = el('div', 'scenario-actions', menuGroup('class_tools', 'class-tools'));
for (const id of ['class-builder', 'class-match', 'class-gallery']) {
  const b = el('button', '', classTools, L.t(id.replace('-', '_')));
  b.type = 'button';
  b.id = id;
  b.dataset.i18n = id.replace('-', '_');
}

// ---- Classroom: a challenge carried by the link, checked after every change ------------------

// The challenge panel (classroom-challenge.js, loaded only for a link that carries a challenge),
// with the messages above the headline figures.
let challengePanel = null;
function setChallenge(id) {
  view.challenge = id;
  import('./classroom-challenge.js').then(({ ChallengePanel }) => {
    if (!challengePanel) challengePanel = new ChallengePanel(alertBox.parentElement, null, { catalogue, scenario: () => store.scenario() });
    challengePanel.set(view.challenge);
    if (projection) challengePanel.render(L);
  });
}

// ---- Links, scenario files, CSV ----------------------------------------------------------------

// View options carried by a link: language, theme, and levers locked or hidden by a teacher.
const view = { lang: null, theme: null, lock: [], hide: [], challenge: null };
let userChanged = false;

function viewForLink() {
  const v = {};
  if (L.lang !== 'en') v.lang = L.lang;
  if (view.theme && view.theme !== THEMES[0]) v.theme = view.theme;
  if (view.lock.length) v.lock = view.lock;
  if (view.hide.length) v.hide = view.hide;
  if (view.challenge) v.challenge = view.challenge;
  return v;
}

// Keeps the address bar a share link of the current scenario (the model writes the format, the
// same one `decode_link` reads). Nothing is written until the user changes something.
function writeHash() {
  if (!userChanged) return;
  let frag;
  try {
    frag = model.encodeLink(store.scenario(), viewForLink());
  } catch (e) {
    return;
  }
  if (location.hash !== `#${frag}`) {
    try {
      history.replaceState(null, '', `#${frag}`);
    } catch (e) {
      // Some embedders forbid history changes; the link is then simply not kept up to date.
    }
  }
}

// Reads the link in the address bar. The model never fails on a link: what it cannot read comes
// back as notices and keeps its default.
function readLink() {
  const frag = location.hash.replace(/^#/, '');
  if (!frag) return { scenario: { params: {} }, view: {}, notices: [] };
  return model.decodeLink(frag);
}

// The notices of a link in the reader's language, one after another.
function noticesText(notices) {
  return notices.map((n) => L.noticeText(n, catalogue)).join('; ');
}

function applyScenario(s) {
  setPreset(s.preset, false);
  store.overrides.clear();
  for (const [k, v] of Object.entries(s.params || {})) if (paramById.has(k)) store.setOverride(k, v);
  applyLocks();
  store.name = s.name || null;
  store.notes = s.notes || null;
  nameInput.value = store.name || '';
  notesInput.value = store.notes || '';
}

// The scenario's name and notes: from a link or a file, edited here, kept in links and files.
const nameInput = $('scenario-name');
const notesInput = $('scenario-notes');
for (const [input, key] of [[nameInput, 'name'], [notesInput, 'notes']]) {
  input.addEventListener('input', () => {
    store[key] = input.value || null;
    userChanged = true;
    scheduleAfterRender();
  });
}

// A link's view options. Locks add up (a teacher's locks stay whatever link is opened later in
// the page), and a link without a challenge keeps the one on screen.
function applyView(v) {
  view.lock = [...new Set([...view.lock, ...(Array.isArray(v.lock) ? v.lock : [])])];
  if (v.challenge) setChallenge(v.challenge);
  view.hide = Array.isArray(v.hide) ? v.hide : [];
  view.theme = v.theme || null;
  view.lang = v.lang || null;
  controls.setLocked(view.lock);
  controls.setHidden(view.hide);
  applyTheme(view.theme || storedPref('rare-earth-theme') || THEMES[0], false);
}

function applyLink(link) {
  clearError();
  applyView(link.view || {});
  applyScenario(link.scenario || {});
  if (link.notices && link.notices.length) showError(L.t('error_link', { message: noticesText(link.notices) }));
}

window.addEventListener('hashchange', async () => {
  const link = readLink();
  if (link.view && link.view.lang && link.view.lang !== L.lang) await applyLang(link.view.lang, false);
  applyLink(link);
  requestRender(performance.now(), true);
});

$('copy-link').addEventListener('click', async () => {
  userChanged = true;
  writeHash();
  (await tools()).copyLink(toolCtx);
});

// The scenario tools (save, open, downloads, print, embed) and the charts' SVG/PNG buttons: their
// code (tools.js) loads on first use, not with the first visit.
const toolCtx = {
  model, store, catalogue, $,
  L: () => L,
  projection: () => projection,
  showError, showStatus, clearError,
  // The address bar brought up to date (it follows the scenario after a short delay).
  sync: writeHash,
  // The scenario in one line with its link (as printed).
  scenarioLine: () => {
    renderPrintScenario();
    return $('print-scenario').textContent;
  },
  // The levers a link locked (the link builder starts from them).
  lockedIds: () => view.lock,
  // The chart class, for the class gallery's chart (passed so that charts.js is not split out of
  // the page's bundle into a chunk shared with classroom.js).
  Chart,
  openScenario: (s) => {
    userChanged = true;
    applyScenario(s);
    clearError();
    requestRender(performance.now(), true);
  },
};
const tools = () => import('./tools.js');
$('tools').addEventListener('click', async (e) => {
  const b = e.target.closest('button');
  if (b && b.id && b.id !== 'copy-link' && !cmpTools.contains(b)) (await tools()).runTool(b.id, toolCtx);
});
$('scenario-file').addEventListener('change', async (e) => (await tools()).openFile(e.target, toolCtx));

// Each chart downloads as a standalone SVG or as a PNG at twice its size.
const exportButtons = [];
function labelExports() {
  for (const { b, spec, kind } of exportButtons) b.setAttribute('aria-label', L.t('download_chart', { title: spec.title(), kind: kind.toUpperCase() }));
}
function addExportButtons(chart) {
  const bar = el('div', 'chart-export');
  for (const kind of ['svg', 'png']) {
    const b = el('button', `export-${kind}`, bar, L.t(`download_${kind}`));
    b.type = 'button';
    b.dataset.i18n = `download_${kind}`;
    b.addEventListener('click', async () => (await tools()).exportChart(chart, kind, toolCtx));
    exportButtons.push({ b, spec: chart.spec, kind });
  }
  chart.fig.appendChild(bar);
}
charts.forEach(addExportButtons);

// ---- Embed: snippets for other pages, and the framed mode (?embed=1) ---------------------------

// Framed by another page with ?embed=1 (framed.js: no chrome, the height reported to the parent,
// and with `controls`/`charts` only those levers and charts).
if (new URLSearchParams(location.search).get('embed') === '1') import('./framed.js').then((m) => m.frame(catalogue));

// The scenario menu drops down over the page; Escape or a click elsewhere folds it.
const toolsMenu = $('tools');
document.addEventListener('pointerdown', (e) => {
  if (toolsMenu.open && !toolsMenu.contains(e.target)) toolsMenu.open = false;
});
toolsMenu.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && toolsMenu.open) {
    toolsMenu.open = false;
    toolsMenu.querySelector('summary').focus();
  }
});
// The skip links move the focus without touching the address bar, which holds the scenario.
for (const a of document.querySelectorAll('.skip')) {
  a.addEventListener('click', (e) => {
    e.preventDefault();
    const target = $(a.hash.slice(1));
    target.focus();
    target.scrollIntoView();
  });
}

// ---- Theme ---------------------------------------------------------------------------------------

const THEMES = catalogue.themes;
const themeSelect = $('theme');
for (const th of THEMES) el('option', '', themeSelect).value = th;

function applyTheme(theme, keep) {
  const th = THEMES.includes(theme) ? theme : THEMES[0];
  document.documentElement.dataset.theme = th;
  themeSelect.value = th;
  if (keep) {
    view.theme = th === THEMES[0] ? null : th;
    storePref('rare-earth-theme', th);
    userChanged = true;
    scheduleAfterRender();
  }
}

themeSelect.addEventListener('change', () => applyTheme(themeSelect.value, true));

// ---- Language ----------------------------------------------------------------------------------

function storedPref(key) {
  try {
    return localStorage.getItem(key);
  } catch (e) {
    return null;
  }
}

function storePref(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch (e) {
    // Storage may be disabled; the choice then lasts for this visit only.
  }
}

// The language buttons, each in its own language (Intl knows the names).
const langBox = $('lang-switch');
for (const lang of catalogue.langs) {
  const b = el('button', '', langBox, new Intl.DisplayNames([lang], { type: 'language' }).of(lang));
  b.type = 'button';
  b.dataset.lang = lang;
  b.lang = lang === 'zh' ? 'zh-CN' : lang;
}

// Switches the page's language; `initial` (at start, where every part was built in it) writes
// only the texts of index.html.
async function applyLang(lang, keep, initial = false) {
  L = await loadI18n(lang);
  document.documentElement.lang = L.locale;
  document.title = L.t('title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = L.t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = L.t(el.dataset.i18nTitle);
  for (const el of document.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', L.t(el.dataset.i18nAria));
  for (const b of document.querySelectorAll('.lang-switch button')) b.setAttribute('aria-pressed', String(b.dataset.lang === L.lang));
  for (const o of presetSelect.options) {
    o.textContent = L.presetName(presetById.get(o.value));
    o.title = L.presetDescription(presetById.get(o.value));
  }
  $('footer-text').textContent = L.t('footer', { version: catalogue.model_version });
  $('teaching-link').href = `docs/teaching/README${L.lang === 'zh' ? '.zh' : ''}.html`;
  renderPresetInfo();
  buildEventLegend();
  if (!initial) {
    controls.relabel();
    for (const c of charts) c.relabel();
  }
  labelExports();
  if (assumptions) assumptions.relabel();
  warningsKey = null;
  for (const o of themeSelect.options) o.textContent = L.t(`theme_${o.value}`);
  if (keep) {
    storePref('rare-earth-lang', L.lang);
    scheduleAfterRender();
  }
  if (projection) {
    renderAll();
    summaryLive.textContent = '';
  }
}

for (const b of document.querySelectorAll('.lang-switch button')) {
  b.addEventListener('click', () => {
    userChanged = true;
    applyLang(b.dataset.lang, true);
  });
}

// ---- Start -------------------------------------------------------------------------------------

const initial = readLink();
await applyLang(L.lang, false, true);
applyLink(initial);
performance.mark('re-labelled');
document.body.classList.remove('loading');
$('loading').hidden = true;
chartsDeferred = true;
if (!requestRender(performance.now(), true)) {
  // Settings the model refuses together: start from the preset alone.
  applyScenario({ preset: store.preset, params: {} });
  requestRender(performance.now(), true);
}
performance.mark('re-first-render');

// After the first screen is interactive: the charts, then the folded levers and the sources
// panel (a long table nobody reads first).
setTimeout(() => {
  chartsDeferred = false;
  // The styles of what is built later (compare table, embed dialog, sources panel); the single
  // file has them inline.
  if (!document.getElementById('rare-earth-style')) {
    const link = el('link', '', document.head);
    link.rel = 'stylesheet';
    link.href = new URL('./later.css', import.meta.url).href;
  }
  if (projection) {
    for (const c of charts) c.update(projection, store.baseProjection, projection.events, pinned ? pinned.projection : null);
    document.body.dataset.renderCount = String(renderCount);
  }
  const later = window.requestIdleCallback || ((f) => setTimeout(f, 1));
  const board = import('./scoreboard.js');
  const more = import('./specs-more.js');
  later(async () => {
    controls.buildDeferred();
    scoreboard = new (await board).Scoreboard($('scoreboard'));
    for (const spec of makeChartSpecs(seriesById, i18n, (await more).moreSpecs).slice(charts.length)) {
      const chart = new Chart($('charts-grid'), spec);
      charts.push(chart);
      addExportButtons(chart);
    }
    labelExports();
    if (projection) renderAll();
    document.body.dataset.ready = 'all';
  }, { timeout: 300 });
  // The sources panel needs the parameters' sources (pkg/details.js, not part of a first visit):
  // both load when the panel comes near the screen (scrolled to, linked, or printed).
  const section = $('assumptions');
  const build = () => {
    if (assumptions || section.dataset.state) return;
    section.dataset.state = 'loading';
    Promise.all([model.details(), import('./assumptions.js')]).then(([, { Assumptions }]) => {
      assumptions = new Assumptions(section, catalogue, { valueOf: (id) => store.valueOf(id), isOverridden: (id) => store.isOverridden(id), i18n });
      section.dataset.state = 'ready';
    });
  };
  if ('IntersectionObserver' in window) {
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        seen.disconnect();
        build();
      }
    }, { rootMargin: '600px 0px' });
    seen.observe(section);
  } else build();
  window.addEventListener('beforeprint', build, { once: true });
}, 0);
