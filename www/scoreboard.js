// The contest's scoreboard, below the first screen: loaded once the first screen is up
// (main.js), so it is not part of a first visit.

import { el } from './dom.js';

function storySet(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

// Each side's payoffs side by side (MODEL.md section 11), with the
// preset's value and whether this scenario is better or worse for that side. `better` is the
// direction that side prefers.
const SCORE_SIDES = [
  {
    side: 'china',
    items: [
      { key: 'cnRevenue', better: 1, raw: (s) => s.cumulative_china_export_revenue_musd, text: (L, s) => L.fmtMusd(s.cumulative_china_export_revenue_musd) },
      { key: 'cnForgone', better: -1, raw: (s) => s.cumulative_china_revenue_forgone_musd, text: (L, s) => L.fmtMusd(s.cumulative_china_revenue_forgone_musd) },
      { key: 'cnShare', better: 1, raw: (s) => s.china_share_separation_2030_pct, text: (L, s) => L.fmtPct(s.china_share_separation_2030_pct) },
    ],
  },
  {
    side: 'us',
    items: [
      { key: 'usChain', better: 1, raw: (s) => s.us_chain_self_sufficiency_2030_pct, text: (L, s) => L.fmtPct(s.us_chain_self_sufficiency_2030_pct) },
      { key: 'usShort', better: -1, raw: (s) => s.us_shortfall_2030_pct, text: (L, s) => L.fmtPct(s.us_shortfall_2030_pct) },
      { key: 'usDefence', better: 1, raw: (s) => s.us_defence_coverage_2028_pct, text: (L, s) => L.fmtPct(s.us_defence_coverage_2028_pct) },
      { key: 'usCost', better: -1, raw: (s) => s.cumulative_public_cost_musd, text: (L, s) => L.fmtMusd(s.cumulative_public_cost_musd) },
      { key: 'usTariff', better: 0, raw: (s) => s.cumulative_us_tariff_revenue_musd, text: (L, s) => L.fmtMusd(s.cumulative_us_tariff_revenue_musd) },
    ],
  },
  {
    side: 'allies',
    items: [
      { key: 'alliesMet', better: 1, raw: (s) => s.allies_supply_security_2030_pct, text: (L, s) => L.fmtPct(s.allies_supply_security_2030_pct) },
      { key: 'alliesCost', better: -1, raw: (s) => s.cumulative_public_cost_allies_musd, text: (L, s) => L.fmtMusd(s.cumulative_public_cost_allies_musd) },
    ],
  },
];

export class Scoreboard {
  // `prefix` starts the ids of the value elements (`sb-usChain`): another board on the same page
  // (the classroom's match) takes another.
  constructor(host, prefix = 'sb') {
    this.rows = [];
    for (const side of SCORE_SIDES) {
      const col = el('div', `sb-side sb-${side.side}`, host);
      const h = el('h3', 'sb-title', col);
      const dl = el('dl', 'sb-list', col);
      const items = side.items.map((it) => {
        const dt = el('dt', '', dl);
        const dd = el('dd', '', dl);
        const value = el('output', 'sb-value', dd);
        value.id = `${prefix}-${it.key}`;
        const base = el('span', 'sb-base', dd);
        return { it, dt, value, base };
      });
      this.rows.push({ side, h, items });
    }
  }

  // L: the language; s: this projection's summary; b: the preset's (or null).
  render(L, s, b) {
    for (const row of this.rows) {
      storySet(row.h, L.t(`sb_${row.side.side}`));
      for (const k of row.items) {
        storySet(k.dt, L.t(`sb_${k.it.key}`));
        const text = k.it.text(L, s);
        storySet(k.value, text);
        const raw = String(k.it.raw(s));
        if (k.value.dataset.value !== raw) k.value.dataset.value = raw;
        let mood = '';
        let bt = '';
        if (b) {
          const a = k.it.raw(s);
          const c = k.it.raw(b);
          const tol = 1e-6 * Math.max(1, Math.abs(a), Math.abs(c));
          const dir = a > c + tol ? 1 : a < c - tol ? -1 : 0;
          if (dir !== 0) {
            mood = k.it.better === 0 ? 'changed' : dir === k.it.better ? 'better' : 'worse';
            bt = L.t(mood === 'changed' ? 'sb_preset' : `sb_${mood}`, { value: k.it.text(L, b) });
          }
        }
        storySet(k.base, bt);
        if (k.base.dataset.mood !== mood) k.base.dataset.mood = mood;
      }
    }
  }
}
