// The scenario tools of the toolbar menu and the charts' export buttons, loaded on first use (not
// part of a first visit): save and open a scenario file, the projection as CSV or JSON, print,
// the Embed dialog, a chart as SVG or PNG. `ctx` is the page's (main.js): model, store,
// catalogue, L(), projection(), messages and openScenario(s).

const exporters = () => import('./export.js');

export function download(text, name, type) {
  const blob = text instanceof Blob ? text : new Blob([text], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// The link to give others: the page's own address (with the scenario), or from a framed page
// (?embed=1) the full calculator's; null from a file, whose address works on this computer only.
export function shareLink() {
  if (location.protocol === 'file:') return null;
  const u = new URL(location.href);
  u.searchParams.delete('embed');
  return u.href;
}

// A file name's stem from the scenario's name ("My plan!" -> "my-plan"), letters of any script
// kept; '' when nothing usable is left.
export function slug(name) {
  return String(name || '').normalize('NFKC').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
}

// The file name of a download: the scenario's name (or "rare-earth-<preset>") and today's date,
// e.g. `my-plan-2026-11-29.json`; `what` (projection, a chart's key) goes after the name.
export function fileName(store, what, ext, date = new Date()) {
  const stem = slug(store.name) || `rare-earth-${store.preset}`;
  return `${[stem, what].filter(Boolean).join('-')}-${date.toISOString().slice(0, 10)}.${ext}`;
}

// The scenario in words with its link (the print line), and what made the picture: a caption.
function scenarioLines(ctx, L) {
  return [ctx.scenarioLine(), `${L.t('title')}, ${ctx.catalogue.model_version}`];
}

// "Copy link": the truth about what can be shared from where.
export async function copyLink(ctx) {
  const L = ctx.L();
  const link = shareLink();
  if (!link) {
    ctx.showStatus(L.t('link_file'));
    return;
  }
  try {
    await navigator.clipboard.writeText(link);
    ctx.showStatus(L.t('link_copied'));
  } catch (e) {
    ctx.showStatus(L.t('link_show', { link }));
  }
}

export async function runTool(id, ctx) {
  ctx.sync();
  const { model, store, catalogue } = ctx;
  const L = ctx.L();
  const projection = ctx.projection();
  if (id === 'save-scenario') {
    try {
      download(model.scenarioToJson(store.scenario()), fileName(store, '', 'json'), 'application/json');
    } catch (e) {
      ctx.showError(L.t('error_scenario', { message: L.errorText(e, catalogue) }));
    }
  } else if (id === 'open-scenario') {
    ctx.$('scenario-file').click();
  } else if (id === 'download-csv' && projection) {
    const { projectionCsvWithHeader } = await exporters();
    const info = {
      link: shareLink() || '',
      version: catalogue.model_version,
      date: new Date().toISOString().slice(0, 10),
      label: (s) => L.seriesLabel(s),
      unit: (s) => L.unitText(s.unit),
    };
    download(projectionCsvWithHeader(projection, catalogue, info), fileName(store, 'projection', 'csv'), 'text/csv');
  } else if (id === 'download-json' && projection) {
    // The CLI's JSON layout (`rare-earth run --format json`): a plain array per series.
    const { schema, model_version: mv, years, summary, warnings, events } = projection;
    const series = Object.fromEntries(catalogue.series.map((s) => [s.id, Array.from(projection.series[s.id])]));
    // The scenario it was run from, as a scenario file has it, and its link.
    const doc = { schema, model_version: mv, scenario: JSON.parse(model.scenarioToJson(store.scenario())), link: shareLink(), years, series, summary, warnings, events };
    download(JSON.stringify(doc, null, 2), fileName(store, 'projection', 'json'), 'application/json');
  } else if (id === 'print-page') {
    window.print();
  } else if (id.startsWith('class-')) {
    // The classroom's dialogs: link builder, two-team match, class gallery.
    ctx.$('tools').open = false;
    (await import('./classroom.js')).open(id, ctx);
  } else if (id === 'embed-open') {
    const { openEmbedDialog } = await import('./embed-dialog.js');
    openEmbedDialog({ $: ctx.$, L, link: () => model.encodeLink(store.scenario(), L.lang === 'zh' ? { lang: 'zh' } : {}), preset: store.preset, changed: store.overrides.size > 0, showStatus: ctx.showStatus });
  }
}

// Reads the scenario file chosen in `input`; a bad file changes nothing.
export async function openFile(input, ctx) {
  const { store, catalogue } = ctx;
  const L = ctx.L();
  const file = input.files && input.files[0];
  input.value = '';
  if (!file) return;
  // The size first: a 40 MB file is refused without being read.
  if (file.size > catalogue.max_scenario_bytes) {
    ctx.showError(L.t('error_file', { message: L.problemText({ code: 'too_large', value: file.size, max: catalogue.max_scenario_bytes }, catalogue) }));
    return;
  }
  try {
    // The model reads and checks the whole file first, so a bad file changes nothing.
    const { scenario: s } = store.read(await file.text());
    ctx.openScenario(s);
    ctx.showStatus(L.t('opened_scenario', { name: file.name }));
  } catch (err) {
    ctx.showError(L.t('error_file', { message: L.errorText(err, catalogue) }));
  }
}

export async function exportChart(chart, kind, ctx) {
  ctx.sync();
  const { chartSvgText, svgToPngBlob } = await exporters();
  const text = chartSvgText(chart.fig, chart.svg, scenarioLines(ctx, ctx.L()));
  // rare-earth-<chart>-<name or preset>-<date>.svg
  const name = (ext) => `rare-earth-${chart.spec.key}-${fileName({ name: ctx.store.name, preset: ctx.store.preset }, '', ext).replace(/^rare-earth-/, '')}`;
  if (kind === 'svg') download(text, name('svg'), 'image/svg+xml');
  else {
    try {
      download(await svgToPngBlob(text, 2), name('png'), 'image/png');
    } catch (e) {
      ctx.showError(e && e.message ? e.message : String(e));
    }
  }
}
