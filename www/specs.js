// The charts of the calculator (titles, series, colours, formats), shared by the page
// (main.js) and the embeddable element (embed.js). Every text and number format is read from
// the I18n instance the caller's i18n() returns when the chart draws, so a language switch only
// needs a relabel.

// Okabe-Ito hues; orange and reddish purple are darkened a little so that thin lines keep a
// 3:1 contrast on white. "Black" is the text colour, so it turns light in the dark theme.
export const COLOR = {
  black: 'currentColor',
  orange: '#B87800',
  sky: '#56B4E9',
  green: '#009E73',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#A8527F',
};

// The chart specs for `new Chart(host, spec)`; seriesById maps series ids to catalogue entries,
// and i18n() returns the language to draw in (read at every draw, so a switch needs a relabel).
// The first two (self-sufficiency, supply against demand) are here; `more` (moreSpecs of
// specs-more.js) adds the other four, which the page loads after its first screen.
export function makeChartSpecs(seriesById, i18n, more = null) {
  const L = i18n;
  const fmtPct = (v) => L().fmtPct(v);
  const fmtTonnes = (v) => L().fmtTonnes(v);
  const fmtMusd = (v) => L().fmtMusd(v);
  const chartLabels = {
    preset: () => L().t('preset_line'),
    series: () => L().t('readout_series'),
    current: () => L().t('readout_current'),
    year: () => L().t('year'),
    dataTable: () => L().t('data_table'),
    events: () => L().t('events_legend'),
    presetCol: (label) => L().t('preset_col', { label }),
    cmp: () => L().t('cmp_line'),
    cmpCol: (label) => L().t('cmp_col', { label }),
    seriesName: (id) => (seriesById.has(id) ? L().seriesLabel(seriesById.get(id)) : id),
    num: (v, dec) => L().fmtNumber(v, dec),
  };
  const pctTick = (v) => `${L().fmtNumber(v)}%`;
  // Axis labels with as many decimals as the tick step needs (0.025 -> 3), compact from 1000 up.
  const stepDigits = (step) => {
    let d = 0;
    while (d < 6 && Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) > 1e-9) d++;
    return d;
  };
  const numTick = (v, step) => (step >= 1000 ? L().fmtCompact(v) : L().fmtNumber(v, stepDigits(step)));
  const common = {
    keysLabel: (title) => L().t('chart_keys', { title }),
    labels: chartLabels,
    eventText: (e) => `${L().t(`ev_${e.kind}`)}: ${L().eventLabel(e)}`,
  };
  const withUnit = (n, unit) => {
    const u = L().unitText(unit);
    return u.startsWith('%') ? `${n}${u}` : `${n} ${u}`;
  };

  const specs = [
    {
      key: 'self', title: () => L().t('c_self_title'), sub: () => L().t('c_self_sub'), yMax: 100,
      fmtTick: pctTick, fmtValue: fmtPct, units: () => ({ left: '%' }),
      series: [
        { id: 'us_self_sufficiency_mining_pct', name: () => L().t('s_mining'), color: COLOR.orange, dash: '7 4', decimals: 1 },
        { id: 'us_self_sufficiency_separation_pct', name: () => L().t('s_separation'), color: COLOR.green, decimals: 1 },
        { id: 'us_self_sufficiency_metal_pct', name: () => L().t('s_metal'), color: COLOR.purple, dash: '2 3', decimals: 1 },
        { id: 'us_self_sufficiency_magnet_pct', name: () => L().t('s_magnet'), color: COLOR.blue, dash: '10 3 2 3', decimals: 1 },
        { id: 'us_self_sufficiency_chain_pct', name: () => L().t('s_chain'), color: COLOR.black, width: 3, decimals: 1 },
      ],
    },
    {
      key: 'supply', title: () => L().t('c_supply_title'), sub: () => L().t('c_supply_sub'),
      fmtTick: numTick, fmtValue: fmtTonnes, units: () => ({ left: L().unitText('t/yr') }),
      series: [
        { id: 'demand_us_t', name: () => L().t('s_demand'), color: COLOR.black, width: 2.5 },
        { id: 'supply_us_t', name: () => L().t('s_supply'), color: COLOR.blue, width: 2.5, dash: '7 3' },
      ],
      area: { upper: 'demand_us_t', lower: 'supply_us_t', value: 'shortfall_us_t', name: () => L().t('s_shortfall'), short: () => L().t('s_shortfall_short'), color: COLOR.vermillion },
    },
    ...(more ? more(L, { COLOR, fmtPct, fmtTonnes, fmtMusd, pctTick, numTick, withUnit }) : []),
  ];
  return specs.map((s) => ({ ...common, ...s }));
}
