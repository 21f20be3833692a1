// The four charts below the page's first screen (China's shares, prices, public money, stockpile),
// for makeChartSpecs in specs.js; the page loads this module after its first screen, the element
// and the tests with it. `L` is the i18n() getter, `h` the formatters makeChartSpecs shares.

export function moreSpecs(L, { COLOR, fmtPct, fmtTonnes, fmtMusd, pctTick, numTick, withUnit }) {
  return [
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
}
