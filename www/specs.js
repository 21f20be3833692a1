// The six charts of the calculator (titles, series, colours, formats), shared by the page
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
export function makeChartSpecs(seriesById, i18n) {
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
    {
      key: 'china', title: () => L().t('c_china_title'), sub: () => L().t('c_china_sub'), yMax: 100,
      fmtTick: pctTick, fmtValue: fmtPct, units: () => ({ left: '%' }),
      series: [
        { id: 'china_share_mining_pct', name: () => L().t('s_mining'), color: COLOR.orange, dash: '7 4', decimals: 1 },
        { id: 'china_share_separation_pct', name: () => L().t('s_separation'), color: COLOR.green, decimals: 1 },
        { id: 'china_share_metal_pct', name: () => L().t('s_metal'), color: COLOR.purple, dash: '2 3', decimals: 1 },
        { id: 'china_share_magnet_pct', name: () => L().t('s_magnet'), color: COLOR.blue, dash: '10 3 2 3', width: 2.5, decimals: 1 },
      ],
    },
    {
      key: 'price', title: () => L().t('c_price_title'), sub: () => L().t('c_price_sub'),
      fmtTick: numTick, fmtValue: (v) => (Number.isFinite(v) ? withUnit(L().fmtNumber(v, 0), '$/kg') : '–'),
      units: () => ({ left: L().unitText('$/kg'), right: L().unitText('$/kg') }),
      right: { fmtTick: numTick, fmtValue: (v) => (Number.isFinite(v) ? withUnit(L().fmtNumber(v, 0), '$/kg') : '–') },
      series: [
        { id: 'price_ndpr_cn_usd_per_kg', name: () => L().t('s_price_ndpr_cn'), color: COLOR.vermillion, width: 2.5, dash: '7 3', decimals: 1 },
        { id: 'price_ndpr_ex_usd_per_kg', name: () => L().t('s_price_ndpr_ex'), color: COLOR.blue, width: 2.5, decimals: 1 },
        { id: 'price_ndpr_us_usd_per_kg', name: () => L().t('s_price_ndpr_us'), color: COLOR.black, width: 1.5, dash: '2 3', decimals: 1 },
        { id: 'price_heavy_cn_usd_per_kg', name: () => L().t('s_price_heavy_cn'), color: COLOR.orange, dash: '10 3 2 3', axis: 'right' },
        { id: 'price_heavy_ex_usd_per_kg', name: () => L().t('s_price_heavy_ex'), color: COLOR.purple, axis: 'right' },
      ],
    },
    {
      key: 'public', title: () => L().t('c_public_title'), sub: () => L().t('c_public_sub'),
      fmtTick: numTick, fmtValue: fmtMusd, units: () => ({ left: L().unitText('$M/yr'), right: L().unitText('$M') }),
      right: { fmtTick: numTick, fmtValue: fmtMusd },
      series: [
        { id: 'public_cost_musd', name: () => L().t('s_public'), color: COLOR.sky, kind: 'bar', decimals: 1 },
        { id: 'public_cost_cumulative_musd', name: () => L().t('s_public_cum'), color: COLOR.black, width: 2.5, axis: 'right', decimals: 1 },
      ],
    },
    {
      key: 'stock', title: () => L().t('c_stock_title'), sub: () => L().t('c_stock_sub'),
      fmtTick: numTick, fmtValue: (v) => (Number.isFinite(v) ? withUnit(L().fmtNumber(v, Math.abs(v) < 1 ? 2 : 1), 'months') : '–'),
      units: () => ({ left: L().unitText('months'), right: L().unitText('t') }),
      right: { fmtTick: numTick, fmtValue: fmtTonnes },
      series: [
        { id: 'stockpile_months_of_cover', name: () => L().t('s_months'), color: COLOR.green, width: 2.5, decimals: 2 },
        { id: 'stockpile_t', name: () => L().t('s_stock_t'), color: COLOR.purple, dash: '7 3', axis: 'right' },
      ],
    },
  ];
  return specs.map((s) => ({ ...common, ...s }));
}
