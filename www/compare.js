// The A/B comparison table (loaded with the first pin: not part of a first visit). Every figure
// is a summary value from the model; B minus A is computed for display only.

// The headline rows of the A/B table: how to read a figure from a summary and show it, and how
// to show B minus A (a difference of two model figures, for display only).
const signed = (v, text) => (v > 0 ? `+${text}` : text);
const rows = (L) => [
  { label: () => L.t('hl_chain_2030'), get: (s) => s.us_chain_self_sufficiency_2030_pct, fmt: (v) => L.fmtPct(v), diff: (d) => signed(d, L.t('cmp_pp', { n: L.fmtNumber(d, 1) })) },
  { label: (s) => L.t('hl_chain_horizon', { year: s.horizon_year }), get: (s) => s.us_chain_self_sufficiency_horizon_pct, fmt: (v) => L.fmtPct(v), diff: (d) => signed(d, L.t('cmp_pp', { n: L.fmtNumber(d, 1) })) },
  { label: () => L.t('hl_peak'), get: (s) => s.peak_us_shortfall_t, fmt: (v) => L.fmtTonnes(v), diff: (d) => signed(d, L.fmtTonnes(d)) },
  { label: () => L.t('cmp_peak_year'), get: (s) => s.peak_us_shortfall_year, fmt: (v) => (v === null || v === undefined ? '–' : String(v)), diff: (d) => signed(d, L.t('cmp_years', { n: L.fmtNumber(d) })) },
  { label: () => L.t('cmp_cum_shortfall'), get: (s) => s.cumulative_us_shortfall_t, fmt: (v) => L.fmtTonnes(v), diff: (d) => signed(d, L.fmtTonnes(d)) },
  { label: () => L.t('hl_cost'), get: (s) => s.cumulative_public_cost_musd, fmt: (v) => L.fmtMusd(v), diff: (d) => signed(d, L.fmtMusd(d)) },
  { label: () => L.t('hl_year50'), get: (s) => s.year_us_chain_50pct, fmt: (v, s) => (v === null || v === undefined ? L.t('hl_not_by', { year: s.horizon_year }) : String(v)), diff: (d) => signed(d, L.t('cmp_years', { n: L.fmtNumber(d) })) },
  { label: () => L.t('hl_year100'), get: (s) => s.year_us_chain_100pct, fmt: (v, s) => (v === null || v === undefined ? L.t('hl_not_by', { year: s.horizon_year }) : String(v)), diff: (d) => signed(d, L.t('cmp_years', { n: L.fmtNumber(d) })) },
  { label: () => L.t('hl_price'), get: (s) => s.price_ndpr_ex_2030_usd_per_kg, fmt: (v) => L.fmtUsd(v), diff: (d) => signed(d, L.fmtUsd(d)) },
  { label: () => L.t('hl_defence'), get: (s) => s.us_defence_coverage_2028_pct, fmt: (v) => L.fmtPct(v), diff: (d) => signed(d, L.t('cmp_pp', { n: L.fmtNumber(d, 1) })) },
];

function describeScenario(L, presetById, defaultPreset, s) {
  const preset = presetById.get(s.preset) || presetById.get(defaultPreset);
  const n = Object.keys(s.params || {}).length;
  return n ? L.t('cmp_changes', { preset: L.presetName(preset), n }) : L.presetName(preset);
}

// Fills the table for scenario A (`pinned`) against the live projection B; returns the key of
// what it shows, so that an unchanged comparison is not rebuilt (pass it back as `key`).
export function render({ table, desc, L, presetById, defaultPreset, pinned, projection, key: lastKey }) {
  const a = pinned.projection.summary;
  const b = projection.summary;
  const key = `${L.lang}|${JSON.stringify(a)}|${JSON.stringify(b)}`;
  desc.textContent = L.t('cmp_a_desc', { desc: describeScenario(L, presetById, defaultPreset, pinned.scenario) });
  if (key === lastKey) return key;
  table.textContent = '';
  const cap = table.createCaption();
  cap.textContent = L.t('cmp_table');
  const head = table.createTHead().insertRow();
  for (const k of ['cmp_metric', 'cmp_a', 'cmp_b', 'cmp_diff']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = L.t(k);
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const r of rows(L)) {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = r.label(b);
    tr.appendChild(th);
    const va = r.get(a);
    const vb = r.get(b);
    const num = (v) => typeof v === 'number' && Number.isFinite(v);
    const d = num(va) && num(vb) ? vb - va : null;
    const cells = [r.fmt(va, a), r.fmt(vb, b), d === null ? '–' : d === 0 ? '0' : r.diff(d)];
    cells.forEach((text, i) => {
      const td = tr.insertCell();
      td.className = i === 2 ? 'num diff' : 'num';
      td.textContent = text;
      if (i === 2 && d !== null) td.dataset.value = String(d);
    });
  }
  table.hidden = false;
  return key;
}

// The compare section's actions: pin the current scenario as A, clear A, or load a pasted link
// as A. `ctx` is the page's (main.js).
export function action(id, ctx) {
  const L = ctx.L();
  const pin = (s, status) => {
    let p;
    try {
      p = ctx.model.project(s);
    } catch (e) {
      ctx.showError(L.t('error_scenario', { message: L.errorText(e, ctx.model.catalogue) }));
      return false;
    }
    ctx.pin({ scenario: s, projection: p });
    ctx.showStatus(status);
    return true;
  };
  if (id === 'pin-a') pin(ctx.scenario(), L.t('cmp_pinned'));
  else if (id === 'clear-a') {
    ctx.pin(null);
    ctx.showStatus(L.t('cmp_cleared'));
  } else {
    const text = ctx.$('cmp-link').value.trim();
    if (!text) {
      ctx.showError(L.t('cmp_link_empty'));
      return;
    }
    // A full URL or only its fragment: the model reads the part after '#'.
    const i = text.indexOf('#');
    const link = ctx.model.decodeLink(i >= 0 ? text.slice(i + 1) : text);
    const s = link.scenario || { params: {} };
    if (!pin({ preset: s.preset && ctx.presetById.has(s.preset) ? s.preset : ctx.defaultPreset, params: s.params || {} }, L.t('cmp_loaded'))) return;
    if (link.notices && link.notices.length) ctx.showError(L.t('cmp_link_notices', { message: ctx.noticesText(link.notices) }));
    else ctx.clearError();
  }
}
