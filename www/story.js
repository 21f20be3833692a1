// Headline figures and the plain-language summary, both filled from projection.summary with
// the string templates of an I18n instance (`L`). Comparisons with the preset only say
// higher/lower/unchanged; every figure shown is one the model returned.

import { el } from './dom.js';

// The headline cards: key, label, and how to show a summary as text.
const STORY_CARDS = [
  { key: 'chain2030', label: (L) => L.t('hl_chain_2030'), raw: (s) => s.us_chain_self_sufficiency_2030_pct, text: (L, s) => L.fmtPct(s.us_chain_self_sufficiency_2030_pct), main: true },
  { key: 'chainH', label: (L, s) => L.t('hl_chain_horizon', { year: s.horizon_year }), raw: (s) => s.us_chain_self_sufficiency_horizon_pct, text: (L, s) => L.fmtPct(s.us_chain_self_sufficiency_horizon_pct) },
  { key: 'peak', label: (L) => L.t('hl_peak'), raw: (s) => s.peak_us_shortfall_t, text: (L, s) => storyPeak(L, s), main: true },
  { key: 'year50', label: (L) => L.t('hl_year50'), raw: (s) => s.year_us_chain_50pct ?? '', text: (L, s) => storyYear(L, s.year_us_chain_50pct, s.horizon_year) },
  { key: 'price', label: (L) => L.t('hl_price'), raw: (s) => s.price_ndpr_ex_2030_usd_per_kg, text: (L, s) => L.t('hl_price_value', { ex: L.fmtUsd(s.price_ndpr_ex_2030_usd_per_kg), cn: L.fmtUsd(s.price_ndpr_cn_2030_usd_per_kg) }) },
  { key: 'defence', label: (L) => L.t('hl_defence'), raw: (s) => s.us_defence_coverage_2028_pct, text: (L, s) => L.fmtPct(s.us_defence_coverage_2028_pct) },
  { key: 'cost', label: (L) => L.t('hl_cost'), raw: (s) => s.cumulative_public_cost_musd, text: (L, s) => L.fmtMusd(s.cumulative_public_cost_musd) },
  { key: 'chinaSep', label: (L) => L.t('hl_china_sep'), raw: (s) => s.china_share_separation_2030_pct, text: (L, s) => L.fmtPct(s.china_share_separation_2030_pct) },
];

function storyPeak(L, s) {
  if (!(s.peak_us_shortfall_t > 0) || s.peak_us_shortfall_year === null || s.peak_us_shortfall_year === undefined) return L.t('hl_peak_none');
  return L.t('hl_peak_value', { amount: L.fmtTonnes(s.peak_us_shortfall_t), year: s.peak_us_shortfall_year });
}

function storyYear(L, year, horizon) {
  return year === null || year === undefined ? L.t('hl_not_by', { year: horizon }) : String(year);
}

function storySet(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

export class Headline {
  constructor(host) {
    this.cards = STORY_CARDS.map((c) => {
      const card = el('div', c.main ? 'hl-card main' : 'hl-card', host);
      card.dataset.key = c.key;
      const label = el('div', 'hl-label', card);
      label.id = `hl-${c.key}-label`;
      const value = el('output', 'hl-value', card);
      value.id = `hl-${c.key}`;
      value.setAttribute('aria-labelledby', label.id);
      const base = el('div', 'hl-base', card);
      return { c, label, value, base };
    });
  }

  // L: the language; s: this projection's summary; b: the preset's (or null).
  render(L, s, b) {
    for (const k of this.cards) {
      storySet(k.label, k.c.label(L, s));
      const text = k.c.text(L, s);
      storySet(k.value, text);
      // Long values (a year in words, tonnes with a year) get a smaller type so cards stay even.
      let width = 0;
      for (const ch of text) width += ch.codePointAt(0) > 0x2e80 ? 2 : 1;
      const long = width > 10;
      if (k.long !== long) {
        k.long = long;
        k.value.classList.toggle('long', long);
      }
      const raw = String(k.c.raw(s));
      if (k.value.dataset.value !== raw) k.value.dataset.value = raw;
      const bt = b ? L.t('hl_preset', { value: k.c.text(L, b) }) : '';
      storySet(k.base, bt);
      k.base.classList.toggle('same', !!b && k.c.text(L, b) === text);
    }
  }
}

function storyCmp(L, a, b, up, down, same) {
  const tol = 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  if (a > b + tol) return L.t(up);
  if (a < b - tol) return L.t(down);
  return L.t(same);
}

// One sentence in plain words: what this scenario gives.
export function summaryText(L, s) {
  const reach = s.year_us_chain_50pct === null || s.year_us_chain_50pct === undefined
    ? L.t('reach_none', { horizon: s.horizon_year })
    : s.year_us_chain_100pct === null || s.year_us_chain_100pct === undefined
      ? L.t('reach_half', { y50: s.year_us_chain_50pct })
      : L.t('reach_full', { y50: s.year_us_chain_50pct, y100: s.year_us_chain_100pct });
  let text = L.t('summary_main', {
    chain2030: L.fmtPct(s.us_chain_self_sufficiency_2030_pct),
    chainH: L.fmtPct(s.us_chain_self_sufficiency_horizon_pct),
    horizon: s.horizon_year,
    reach,
  });
  text += s.peak_us_shortfall_t > 0 && s.peak_us_shortfall_year !== null && s.peak_us_shortfall_year !== undefined
    ? L.t('summary_gap', { peak: L.fmtTonnes(s.peak_us_shortfall_t), peakYear: s.peak_us_shortfall_year })
    : L.t('summary_no_gap');
  text += L.t('summary_price', { ex: L.fmtUsd(s.price_ndpr_ex_2030_usd_per_kg), cn: L.fmtUsd(s.price_ndpr_cn_2030_usd_per_kg) });
  text += L.t('summary_tail', { cost: L.fmtMusd(s.cumulative_public_cost_musd) });
  return text;
}

// How this scenario differs from the preset, in words (empty when nothing was changed).
export function changeText(L, s, b, changed) {
  if (changed && b) {
    const parts = [
      storyCmp(L, s.us_chain_self_sufficiency_2030_pct, b.us_chain_self_sufficiency_2030_pct, 'cmp_chain_up', 'cmp_chain_down', 'cmp_chain_same'),
      storyCmp(L, s.peak_us_shortfall_t, b.peak_us_shortfall_t, 'cmp_peak_up', 'cmp_peak_down', 'cmp_peak_same'),
      storyCmp(L, s.cumulative_public_cost_musd, b.cumulative_public_cost_musd, 'cmp_cost_up', 'cmp_cost_down', 'cmp_cost_same'),
    ];
    return `${L.t('cmp_intro')}${parts[0]}${L.t('cmp_join')}${parts[1]}${L.t('cmp_last')}${parts[2]}${L.t('cmp_end')}`;
  }
  return '';
}

// A one-line digest for the phone's sticky strip.
export function miniText(L, s) {
  return L.t('mini', { chain: L.fmtPct(s.us_chain_self_sufficiency_2030_pct), peak: storyPeak(L, s) });
}

// ---- Why: what limits the US chain (MODEL.md section 5) -------------------------------------

// The US stages each lever acts on (1 mining, 2 separation, 3 metal, 4 magnets), for saying why
// a lever moves nothing. Levers not listed act on prices, demand or China's side.
const LEVER_STAGES = {
  mine_growth_us_pct_per_yr: [1],
  mine_us_t_reo: [1],
  invest_separation_musd: [2],
  refining_cost_us_usd_per_t: [2],
  capex_separation_usd_per_tpa: [2],
  metal_cap_us_t: [3],
  invest_magnet_musd: [3, 4],
  capex_magnet_usd_per_tpa: [3, 4],
  magnet_cap_us_t: [4],
};

// The bottleneck in year index i: { stage, cause } (0 when nothing limits).
function whyAt(p, i) {
  return { stage: p.series.us_bottleneck_stage[i], cause: p.series.us_bottleneck_cause[i] };
}

// The year index of 2030 (the headline year), or the last year of a shorter projection.
function whyYear(p) {
  const i = p.years.indexOf(2030);
  return i < 0 ? p.years.length - 1 : i;
}

function whyVars(L, b) {
  return { stage: L.t(`bn_stage_${b.stage}`), cause: L.t(`bn_cause_${b.cause}`) };
}

// One or two sentences for the summary: what limits the US chain in 2030 and, if it changes
// later, from when and what then.
export function whyText(L, p) {
  const i = whyYear(p);
  const b = whyAt(p, i);
  if (!b.stage) return L.t('bn_none', { year: p.years[i] });
  let text = L.t('bn_summary', whyVars(L, b));
  for (let j = i + 1; j < p.years.length; j++) {
    const c = whyAt(p, j);
    if (c.stage !== b.stage) {
      text += c.stage ? L.t('bn_then', { year: p.years[j], ...whyVars(L, c) }) : L.t('bn_none', { year: p.years[j] });
      break;
    }
  }
  return text;
}

// For a lever's help: whether the stage it acts on limits the US chain, and if not, what does.
export function leverWhy(L, p, id) {
  const stages = LEVER_STAGES[id];
  const i = whyYear(p);
  const b = whyAt(p, i);
  if (!stages) return (b.stage ? L.t('bn_summary', whyVars(L, b)) : L.t('bn_none', { year: p.years[i] })).trim();
  const own = L.t(`bn_stage_${stages[stages.length - 1]}`);
  if (stages.includes(b.stage)) return L.t('bn_lever_now', { own: L.t(`bn_stage_${b.stage}`), cause: L.t(`bn_cause_${b.cause}`) });
  const limit = b.stage ? L.t(`bn_stage_${b.stage}`) : L.t('bn_nothing');
  for (let j = i + 1; j < p.years.length; j++) {
    if (stages.includes(p.series.us_bottleneck_stage[j])) return L.t('bn_lever_until', { own, year: p.years[j], limit });
  }
  return L.t('bn_lever_never', { own, year: p.years[p.years.length - 1], limit });
}

// Whether a change moved the US chain or its shortfall (any year) or the public cost.
export function moved(p, q) {
  const s = p.summary;
  const t = q.summary;
  if (s.cumulative_public_cost_musd !== t.cumulative_public_cost_musd) return true;
  for (const id of ['us_self_sufficiency_chain_pct', 'shortfall_us_t']) {
    const a = p.series[id];
    const c = q.series[id];
    for (let i = 0; i < a.length; i++) if (a[i] !== c[i]) return true;
  }
  return false;
}

// After a change that moved nothing: why, in one sentence.
export function nothingMovedText(L, p, param, label) {
  const b = whyAt(p, whyYear(p));
  const stages = LEVER_STAGES[param];
  if (!b.stage) return L.t('nm_covered');
  const v = { label, ...whyVars(L, b) };
  return stages && !stages.includes(b.stage) ? L.t('nm_stage', { ...v, own: L.t(`bn_stage_${stages[stages.length - 1]}`) }) : L.t('nm_other', v);
}
