// The classroom's tools in the Scenario menu (issue 13), loaded on first use through tools.js:
// - the link builder: preset, levers locked or hidden (by lever and by group), language, theme, a
//   challenge and a team side, as a link and a QR code (SVG, made here by lean-qr; no server);
// - the two-team match: the US team's and the China team's links combined by the model
//   (`combine`), both sides' payoffs side by side and year by year;
// - the class gallery: many links or scenario files at once, a sortable table of their headline
//   figures and their curves on one chart.
// Every figure is the model's; this module reads links and files, lays out and sorts.

import { el } from './dom.js';
import { Scoreboard } from './scoreboard.js';
import { injectStyle } from './classroom-css.js';
import './classroom-strings.js';
import { classroomBindings, combine } from './classroom-model.js';
import { download, fileName } from './tools.js';

// ---- Dialogs ----------------------------------------------------------------------------------

// A modal dialog `id`, labelled by its title, emptied for new content; Escape and the Close
// button close it. Returns its body element.
function dialog(id, L, titleKey) {
  injectStyle();
  let dlg = document.getElementById(id);
  if (!dlg) {
    dlg = el('dialog', 'class-dialog', document.body);
    dlg.id = id;
    dlg.setAttribute('aria-labelledby', `${id}-title`);
    // Closed, the focus goes back to the Scenario menu it was opened from (folded meanwhile).
    dlg.addEventListener('close', () => document.querySelector('#tools > summary')?.focus());
  }
  dlg.textContent = '';
  const h = el('h2', '', dlg, L.t(titleKey));
  h.id = `${id}-title`;
  const body = el('div', 'cd-body', dlg);
  const form = el('form', 'cd-close', dlg);
  form.method = 'dialog';
  const close = el('button', '', form, L.t('close'));
  close.type = 'submit';
  close.id = `${id}-close`;
  if (!dlg.open) {
    if (typeof dlg.showModal === 'function') dlg.showModal();
    else dlg.setAttribute('open', '');
  }
  return body;
}

// A labelled control: <label>text <control></label>.
function field(parent, text, tag, id) {
  const label = el('label', '', parent, text);
  const c = el(tag, '', label);
  c.id = id;
  return c;
}

// A submit button `id` in `form`, and below it in `body` a live line `lineId` for what the
// dialog says back (`role`: 'alert' for refusals, 'status' for counts).
function submitWithLine(form, body, text, id, cls, lineId, role) {
  const go = el('button', '', form, text);
  go.type = 'submit';
  go.id = id;
  const line = el('p', cls, body);
  line.id = lineId;
  line.setAttribute('role', role);
  return line;
}

function option(select, value, text) {
  const o = el('option', '', select, text);
  o.value = value;
  return o;
}

// The page's address without its fragment: a link is this plus `#` and the fragment.
function pageBase() {
  const u = new URL(location.href);
  u.hash = '';
  u.searchParams.delete('embed');
  return u.href;
}

// Link notices that mean a setting of the scenario was lost (the part keeps its default): a
// team's or a student's link with one of them is not read, rather than shown with other numbers.
// The others (an older model or format, a cut name, an unknown view option) are only reported.
const LOST = new Set(['link_too_long', 'no_value', 'bad_text', 'newer_format', 'bad_format', 'unknown_preset', 'value_out_of_range', 'value_not_whole', 'value_not_finite', 'not_a_number', 'unknown_param', 'shares_reset']);
const lost = (notices) => (notices || []).filter((n) => LOST.has(n.code));

// ---- QR code ----------------------------------------------------------------------------------

// lean-qr (npm, pinned in package.json), loaded with the builder's first QR code: bundled by
// `cargo xtask dist`. The unbundled page of `cargo xtask serve` cannot resolve the package name,
// so there the builder shows its link without a QR code.
let qrLib = null;
const loadQr = () => {
  qrLib = qrLib || import('lean-qr/nano').catch(() => null);
  return qrLib;
};

// The QR code of `text` as SVG markup (dark modules as one path, a 4-module quiet zone), or null
// when the text is too long for a QR code.
export function qrSvg(generate, text, title) {
  let code;
  try {
    code = generate(text);
  } catch (e) {
    return null;
  }
  const n = code.size;
  let d = '';
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (code.get(x, y)) d += `M${x + 4} ${y + 4}h1v1h-1z`;
  const esc = String(title).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n + 8} ${n + 8}" role="img" aria-label="${esc.replace(/"/g, '&quot;')}" shape-rendering="crispEdges"><title>${esc}</title><rect width="100%" height="100%" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

// ---- Link builder -----------------------------------------------------------------------------

function openBuilder(ctx) {
  const { model, store, catalogue } = ctx;
  const L = ctx.L();
  const body = dialog('cb-dialog', L, 'cb_title');
  el('p', '', body, L.t('cb_intro'));
  const grid = el('div', 'cd-grid', body);
  const preset = field(grid, L.t('preset_short'), 'select', 'cb-preset');
  for (const p of catalogue.presets) option(preset, p.id, L.presetName(p));
  preset.value = store.preset;
  const challenge = field(grid, L.t('cb_challenge'), 'select', 'cb-challenge');
  option(challenge, '', L.t('cb_none'));
  for (const c of catalogue.challenges) option(challenge, c.id, L.t(`ch_t_${c.id}`));
  const side = field(grid, L.t('cb_side'), 'select', 'cb-side');
  for (const s of ['', 'us', 'china']) option(side, s, L.t(`cb_side_${s || 'none'}`));
  const lang = field(grid, L.t('cb_lang'), 'select', 'cb-lang');
  for (const l of catalogue.langs) option(lang, l, new Intl.DisplayNames([l], { type: 'language' }).of(l));
  lang.value = L.lang;
  const theme = field(grid, L.t('theme'), 'select', 'cb-theme');
  for (const t of catalogue.themes) option(theme, t, L.t(`theme_${t}`));
  theme.value = document.documentElement.dataset.theme || catalogue.themes[0];
  const keepLabel = el('label', '', grid);
  const keep = el('input', '', keepLabel);
  keep.type = 'checkbox';
  keep.id = 'cb-keep';
  keep.checked = true;
  keepLabel.append(` ${L.t('cb_keep')}`);
  keepLabel.style.flexDirection = 'row';

  const out = el('div', 'cb-out', body);
  const left = el('div', '', out);
  const linkBox = field(left, L.t('cb_link'), 'textarea', 'cb-link');
  linkBox.readOnly = true;
  linkBox.rows = 4;
  linkBox.spellcheck = false;
  const note = el('p', 'cb-note', left);
  note.id = 'cb-note';
  const actions = el('div', 'scenario-actions', left);
  const copy = el('button', '', actions, L.t('embed_copy'));
  copy.type = 'button';
  const dl = el('button', '', actions, L.t('cb_qr_download'));
  dl.type = 'button';
  dl.id = 'cb-qr-download';
  const print = el('button', '', actions, L.t('print'));
  print.type = 'button';
  const qr = el('div', 'cb-qr', out);
  qr.id = 'cb-qr';

  // Levers to lock or hide, one by one (grouped) or a whole group at once.
  const levers = el('div', 'cd-grid', body);
  const multi = (key, id) => {
    const s = field(levers, L.t(key), 'select', id);
    s.multiple = true;
    for (const g of catalogue.groups) {
      const og = el('optgroup', '', s);
      og.label = L.t(`group_${g}`);
      for (const p of catalogue.params) if (p.group === g) option(og, p.id, L.paramLabel(p));
    }
    return s;
  };
  const lock = multi('cb_lock', 'cb-lock');
  const hide = multi('cb_hide', 'cb-hide');
  for (const id of ctx.lockedIds()) if (lock.querySelector(`option[value="${id}"]`)) lock.querySelector(`option[value="${id}"]`).selected = true;
  const groups = el('fieldset', 'cb-groups', levers);
  el('legend', '', groups, L.t('cb_groups'));
  const groupBoxes = [];
  for (const g of catalogue.groups) {
    el('span', '', groups, L.t(`group_${g}`));
    for (const what of ['lock', 'hide']) {
      const lab = el('label', '', groups);
      const box = el('input', '', lab);
      box.type = 'checkbox';
      box.id = `cb-${what}-group-${g}`;
      box.dataset.group = g;
      box.dataset.what = what;
      lab.append(` ${L.t(`cb_${what}_group`)}`);
      lab.setAttribute('aria-label', `${L.t(`cb_${what}_group`)}: ${L.t(`group_${g}`)}`);
      groupBoxes.push(box);
    }
  }

  let svgText = '';
  const build = async () => {
    const chosen = catalogue.challenges.find((c) => c.id === challenge.value);
    const params = keep.checked && preset.value === store.preset ? store.scenario().params : {};
    const s = { preset: preset.value, params };
    if (store.name) s.name = store.name;
    const lockIds = new Set([...lock.selectedOptions].map((o) => o.value));
    const hideIds = new Set([...hide.selectedOptions].map((o) => o.value));
    for (const b of groupBoxes) {
      if (!b.checked) continue;
      if (b.dataset.what === 'hide') hideIds.add(b.dataset.group);
      else for (const p of catalogue.params) if (p.group === b.dataset.group) lockIds.add(p.id);
    }
    // A team's link locks the other team's levers (the model's split: `side_levers`).
    if (side.value === 'us') for (const id of catalogue.china_levers) lockIds.add(id);
    if (side.value === 'china') for (const id of catalogue.us_levers) lockIds.add(id);
    const view = {};
    if (lang.value !== 'en') view.lang = lang.value;
    if (theme.value !== catalogue.themes[0]) view.theme = theme.value;
    if (lockIds.size) view.lock = [...lockIds];
    if (hideIds.size) view.hide = [...hideIds];
    if (chosen) view.challenge = chosen.id;
    let link;
    try {
      link = `${pageBase()}#${model.encodeLink(s, view)}`;
    } catch (e) {
      note.textContent = L.errorText(e, catalogue);
      return;
    }
    linkBox.value = link;
    const lib = await loadQr();
    if (linkBox.value !== link) return;
    svgText = lib ? qrSvg(lib.generate, link, L.t('cb_qr')) : '';
    qr.innerHTML = svgText || '';
    dl.disabled = !svgText;
    const notes = [];
    if (!svgText && lib) notes.push(L.t('cb_qr_too_long', { n: link.length }));
    if (location.protocol === 'file:') notes.push(L.t('cb_file_note'));
    note.textContent = notes.join(' ');
  };
  challenge.addEventListener('change', () => {
    const chosen = catalogue.challenges.find((c) => c.id === challenge.value);
    if (chosen) {
      preset.value = chosen.preset;
      side.value = chosen.side;
    }
    build();
  });
  body.addEventListener('change', (e) => {
    if (e.target !== challenge) build();
  });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(linkBox.value);
      ctx.showStatus(L.t('link_copied'));
    } catch (e) {
      linkBox.focus();
      linkBox.select();
    }
  });
  dl.addEventListener('click', () => download(svgText, fileName(store, 'qr', 'svg'), 'image/svg+xml'));
  print.addEventListener('click', () => {
    document.body.classList.add('print-qr');
    window.print();
    document.body.classList.remove('print-qr');
  });
  build();
}

// ---- Two-team match ---------------------------------------------------------------------------

// Both sides' figures year by year: [series id, team].
const MATCH_SERIES = [
  ['us_self_sufficiency_chain_pct', 'us', 1],
  ['shortfall_us_t', 'us', 0],
  ['public_cost_musd', 'us', 0],
  ['china_share_separation_pct', 'china', 1],
  ['china_export_revenue_musd', 'china', 0],
  ['china_revenue_forgone_musd', 'china', 0],
];

const matchState = { us: '', china: '' };

function openMatch(ctx) {
  const { model, store, catalogue } = ctx;
  const L = ctx.L();
  const body = dialog('cm-dialog', L, 'cm_title');
  el('p', '', body, L.t('cm_intro'));
  const form = el('form', '', body);
  const grid = el('div', 'cd-grid', form);
  const us = field(grid, L.t('cm_us'), 'textarea', 'cm-us');
  const china = field(grid, L.t('cm_china'), 'textarea', 'cm-china');
  for (const [t, k] of [[us, 'us'], [china, 'china']]) {
    t.rows = 3;
    t.spellcheck = false;
    t.value = matchState[k];
  }
  const msg = submitWithLine(form, body, L.t('cm_go'), 'cm-go', 'cd-msg', 'cm-msg', 'alert');
  const result = el('div', '', body);
  result.id = 'cm-result';

  const read = (text, team) => {
    if (!text.trim()) throw new Error(L.t('cm_empty', { team }));
    let r;
    try {
      r = store.read(text);
    } catch (e) {
      throw new Error(`${team}: ${L.errorText(e, catalogue)}`);
    }
    const bad = lost(r.notices);
    if (bad.length) throw new Error(`${team}: ${bad.map((n) => L.noticeText(n, catalogue)).join('; ')}`);
    return r.scenario;
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    matchState.us = us.value;
    matchState.china = china.value;
    msg.textContent = '';
    result.textContent = '';
    let m;
    let p;
    let base;
    try {
      const su = read(us.value, L.t('cm_us'));
      const sc = read(china.value, L.t('cm_china'));
      m = combine(ctx.wasm, su, sc);
      p = model.project(m.scenario);
      base = model.project({ preset: m.scenario.preset || 'baseline' });
    } catch (err) {
      msg.textContent = err && err.problems ? L.errorText(err, catalogue) : err.message;
      return;
    }
    const frag = model.encodeLink(m.scenario, {});
    const a = el('a', '', el('p', '', result), L.t('cm_open'));
    a.href = `${pageBase()}#${frag}`;
    a.id = 'cm-open';
    if (m.ignored.length) el('p', 'cm-ignored', result, L.t('cm_ignored', { ids: m.ignored.join(', ') }));
    // Both sides' payoffs against the common start (the page's scoreboard).
    el('h3', '', result, L.t('sb_title'));
    const boards = el('div', 'scoreboard-grid cm-boards', result);
    boards.id = 'cm-boards';
    new Scoreboard(boards, 'cm').render(L, p.summary, base.summary);
    // Year by year.
    const cap = L.t('cm_years');
    const wrap = el('div', 'cd-wrap', result);
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', cap);
    const table = el('table', 'cd-table', wrap);
    table.id = 'cm-years';
    table.createCaption().textContent = cap;
    const head = table.createTHead().insertRow();
    const th = (row, text, scope) => {
      const c = el('th', '', row, text);
      c.scope = scope;
      return c;
    };
    th(head, L.t('year'), 'col');
    const byId = new Map(catalogue.series.map((s) => [s.id, s]));
    for (const [id, team] of MATCH_SERIES) th(head, `${L.t(`team_${team}`)}: ${L.seriesLabel(byId.get(id))} (${L.unitText(byId.get(id).unit)})`, 'col').dataset.series = id;
    const tb = table.createTBody();
    p.years.forEach((y, i) => {
      const row = tb.insertRow();
      th(row, String(y), 'row');
      for (const [id, , dec] of MATCH_SERIES) {
        const td = row.insertCell();
        td.className = 'num';
        td.textContent = L.fmtNumber(p.series[id][i], dec);
      }
    });
  });
}

// ---- Class gallery ----------------------------------------------------------------------------

// The table's columns: headline figures a class compares (the CLI's `gallery` columns).
const GALLERY_COLS = [
  ['us_chain_self_sufficiency_2030_pct', 'hl_chain_2030', 'pct'],
  ['us_shortfall_2030_pct', 'sb_usShort', 'pct'],
  ['cumulative_public_cost_musd', 'hl_cost', 'musd'],
  ['price_ndpr_ex_2030_usd_per_kg', 'cg_price', 'usd'],
  ['cumulative_china_export_revenue_musd', 'cg_cn_revenue', 'musd'],
  ['allies_supply_security_2030_pct', 'cg_allies', 'pct'],
];
// Line styles for up to 32 curves: 8 colours (specs.js's COLOR, in this order) by 4 dash patterns.
const HUES = ['#0072B2', '#D55E00', '#009E73', '#A8527F', '#B87800', '#56B4E9', 'currentColor', '#6b6b6b'];
const DASHES = [null, '6 3', '2 3', '10 3 2 3'];

const galleryState = { text: '', files: [], sort: { col: 1, dir: -1 }, chart: null };

// Entries of pasted text: one link a line, optionally "name<TAB>link" or "name: link".
function textEntries(text) {
  const out = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    let name = null;
    let link = line;
    const tab = line.indexOf('\t');
    const named = !line.startsWith('{') && /^([^#=&{]{1,80}?)\s*[:：]\s+(\S+)$/.exec(line);
    if (tab > 0) {
      name = line.slice(0, tab).trim();
      link = line.slice(tab + 1).trim();
    } else if (named) {
      name = named[1];
      link = named[2];
    }
    out.push({ name, text: link });
  }
  return out;
}

// One entry read: { name, scenario, projection, note } or { name, error }: a link that lost a
// setting is an error; other notices are the row's note.
function readEntry(entry, n, ctx) {
  const { store, model, catalogue } = ctx;
  const L = ctx.L();
  const name = entry.name || null;
  const fail = (message) => ({ name: name || `#${n}`, error: message });
  const t = entry.text.trim();
  if (!t.startsWith('{') && !t.includes('#') && /^[a-z][a-z0-9+.-]*:/i.test(t)) return fail(L.t('cg_not_link'));
  let r;
  try {
    r = store.read(t);
  } catch (e) {
    return fail(L.errorText(e, catalogue));
  }
  const notices = r.notices || [];
  const bad = lost(notices);
  if (bad.length) return fail(bad.map((x) => L.noticeText(x, catalogue)).join('; '));
  let projection;
  try {
    projection = model.project(r.scenario);
  } catch (e) {
    return fail(L.errorText(e, catalogue));
  }
  return {
    name: name || r.scenario.name || `#${n}`,
    scenario: r.scenario,
    projection,
    note: notices.length ? L.t('cg_notices', { message: notices.map((x) => L.noticeText(x, catalogue)).join('; ') }) : '',
  };
}

function openGallery(ctx) {
  const { catalogue, model } = ctx;
  const L = ctx.L();
  const body = dialog('cg-dialog', L, 'cg_title');
  el('p', '', body, L.t('cg_intro'));
  const form = el('form', '', body);
  const drop = el('div', 'cg-drop', form);
  const text = field(drop, L.t('cg_links'), 'textarea', 'cg-text');
  text.rows = 5;
  text.spellcheck = false;
  text.value = galleryState.text;
  const files = field(form, L.t('cg_files'), 'input', 'cg-files');
  files.type = 'file';
  files.multiple = true;
  files.accept = '.json,.txt,application/json,text/plain';
  const count = submitWithLine(form, body, L.t('cg_go'), 'cg-go', '', 'cg-count', 'status');
  const wrap = el('div', 'cd-wrap', body);
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', L.t('cg_table'));
  const table = el('table', 'cd-table', wrap);
  table.id = 'cg-table';
  const chartHost = el('div', '', body);
  chartHost.id = 'cg-chart';

  let rows = [];
  const show = () => {
    table.textContent = '';
    table.createCaption().textContent = L.t('cg_table');
    const head = table.createTHead().insertRow();
    const { col, dir } = galleryState.sort;
    const heads = [L.t('cg_name'), ...GALLERY_COLS.map((c) => L.t(c[1]))];
    heads.forEach((label, i) => {
      const th = el('th', '', head);
      th.scope = 'col';
      if (i === col) th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      const b = el('button', '', th, label);
      b.type = 'button';
      b.dataset.col = String(i);
      b.addEventListener('click', () => {
        galleryState.sort = { col: i, dir: i === col ? -dir : i === 0 ? 1 : -1 };
        show();
        table.querySelector(`th button[data-col="${i}"]`).focus();
      });
    });
    const value = (r, i) => (i === 0 ? r.name : r.projection ? r.projection.summary[GALLERY_COLS[i - 1][0]] : null);
    const sorted = [...rows].sort((a, b) => {
      const va = value(a, col);
      const vb = value(b, col);
      if (va === null || va === undefined) return vb === null || vb === undefined ? 0 : 1;
      if (vb === null || vb === undefined) return -1;
      return (typeof va === 'string' ? va.localeCompare(vb, L.locale, { numeric: true }) : va - vb) * dir;
    });
    const tb = table.createTBody();
    for (const r of sorted) {
      const tr = tb.insertRow();
      const th = el('th', '', tr, r.name);
      th.scope = 'row';
      if (r.error) {
        tr.className = 'bad';
        const td = tr.insertCell();
        td.colSpan = GALLERY_COLS.length;
        td.className = 'cg-error';
        td.textContent = L.t('cg_row_error', { message: r.error });
        continue;
      }
      GALLERY_COLS.forEach(([id, , kind]) => {
        const td = tr.insertCell();
        td.className = 'num';
        const v = r.projection.summary[id];
        td.dataset.value = String(v);
        td.textContent = kind === 'pct' ? L.fmtPct(v) : kind === 'musd' ? L.fmtMusd(v) : L.fmtUsd(v);
      });
      if (r.note) th.title = r.note;
    }
    const good = rows.filter((r) => r.projection);
    count.textContent = L.t('cg_count', { n: good.length, bad: rows.length - good.length });
    drawChart(chartHost, good, L, model, ctx.Chart);
  };

  const readAll = async () => {
    const entries = textEntries(text.value);
    // A scenario file is read up to the model's limit; a text file of links up to 64 links' worth.
    const limit = catalogue.max_link_bytes * 64;
    for (const f of [...galleryState.files]) {
      if (f.size > limit) {
        entries.push({ name: f.name, text: '', tooLarge: f.size });
        continue;
      }
      const content = await f.text();
      if (content.trim().startsWith('{')) entries.push({ name: null, file: f.name, text: content });
      else for (const e of textEntries(content)) entries.push(e);
    }
    rows = entries.map((e, i) => {
      if (e.tooLarge) return { name: e.name, error: L.problemText({ code: 'too_large', value: e.tooLarge, max: limit }, catalogue) };
      const r = readEntry(e, i + 1, ctx);
      if (e.file && r.name === `#${i + 1}`) r.name = e.file;
      return r;
    });
    show();
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    galleryState.text = text.value;
    readAll();
  });
  files.addEventListener('change', () => {
    galleryState.files = [...files.files];
    readAll();
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const dropped = [...(e.dataTransfer.files || [])];
    if (dropped.length) {
      galleryState.files = dropped;
      readAll();
    } else {
      const t = e.dataTransfer.getData('text/plain');
      if (t) {
        text.value = `${text.value}${text.value && !text.value.endsWith('\n') ? '\n' : ''}${t}`;
        galleryState.text = text.value;
        readAll();
      }
    }
  });
  if (galleryState.text || galleryState.files.length) readAll();
}

// Every good entry's US chain self-sufficiency on one chart (the page's charts.js `Chart`, passed
// in so that it stays in the page's bundle), against the start preset of the first.
function drawChart(host, good, L, model, Chart) {
  if (galleryState.chart) galleryState.chart.destroy();
  galleryState.chart = null;
  host.textContent = '';
  if (!good.length) return;
  const id = 'us_self_sufficiency_chain_pct';
  const names = new Map(good.map((r, i) => [`g${i}`, r.name]));
  const startPreset = good[0].scenario.preset || 'baseline';
  const spec = {
    key: 'gallery',
    title: () => L.t('cg_chart'),
    sub: () => '',
    yMax: 100,
    fmtTick: (v) => `${L.fmtNumber(v)}%`,
    fmtValue: (v) => L.fmtPct(v),
    units: () => ({ left: '%' }),
    keysLabel: (title) => L.t('chart_keys', { title }),
    eventText: () => '',
    series: good.map((r, i) => ({ id: `g${i}`, name: () => r.name, color: HUES[i % 8], dash: DASHES[Math.floor(i / 8) % 4], decimals: 1 })),
    labels: {
      preset: () => L.t('cg_start', { preset: startPreset }),
      series: () => L.t('readout_series'),
      current: () => L.t('readout_current'),
      year: () => L.t('year'),
      dataTable: () => L.t('data_table'),
      events: () => L.t('events_legend'),
      presetCol: (label) => L.t('preset_col', { label }),
      cmp: () => L.t('cmp_line'),
      cmpCol: (label) => L.t('cmp_col', { label }),
      seriesName: (sid) => names.get(sid) || sid,
      num: (v, dec) => L.fmtNumber(v, dec),
    },
  };
  const series = {};
  good.forEach((r, i) => {
    series[`g${i}`] = r.projection.series[id];
  });
  const base = model.project({ preset: startPreset });
  const chart = new Chart(host, spec);
  chart.update({ years: good[0].projection.years, series }, { years: base.years, series: { g0: base.series[id] } }, [], null);
  galleryState.chart = chart;
}

// ---- Entry ------------------------------------------------------------------------------------

export async function open(id, ctx) {
  if (id === 'class-builder') openBuilder(ctx);
  else if (id === 'class-gallery') openGallery(ctx);
  else if (id === 'class-match') {
    let wasm;
    try {
      wasm = await classroomBindings();
    } catch (err) {
      ctx.showStatus(ctx.L().t('load_failed', { message: err.message }));
      return;
    }
    openMatch({ ...ctx, wasm });
  }
}
