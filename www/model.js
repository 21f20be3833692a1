// The model in the page: loads the wasm module once (streamed from www/pkg, or from bytes the
// single file embeds) and turns its flat projection into views the page reads. It converts data
// only: every number comes from the Rust model.

import init, * as wasm from './pkg/rare_earth_wasm.js';
import { i18nFor } from './i18n.js';

let modelReady = null;
let modelApi = null;
let modelEmbedded = false;

// For the single file: instantiate from embedded bytes instead of fetching www/pkg (call first).
export function provideModelBytes(bytes) {
  wasm.initSync({ module: bytes });
  modelEmbedded = true;
  modelReady = Promise.resolve(api());
}

// True when the model came embedded (the single file), so there is no www/ folder beside it.
export function modelIsEmbedded() {
  return modelEmbedded;
}

// Resolves to the model API once the module is instantiated (fetched once per page).
export function loadModel() {
  if (!modelReady) {
    const url = new URL('./pkg/rare_earth_wasm_bg.wasm', import.meta.url);
    modelReady = init({ module_or_path: url }).then(() => api());
  }
  return modelReady;
}

// A projection with `series[id]` as a Float64Array view of the one data array.
function withSeries(p, ids) {
  const n = p.years.length;
  const series = {};
  for (let k = 0; k < ids.length; k++) series[ids[k]] = p.data.subarray(k * n, (k + 1) * n);
  p.series = series;
  return p;
}

// `f` with the model's errors given an English message: the module throws its problems as data
// (`error.problems`), and the page shows them in its own language with I18n.errorText.
function explained(f, catalogue) {
  return (...args) => {
    try {
      return f(...args);
    } catch (e) {
      if (e && Array.isArray(e.problems)) e.message = i18nFor('en').errorText(e, catalogue);
      throw e;
    }
  };
}

function api() {
  if (modelApi) return modelApi;
  const catalogue = wasm.catalogue();
  const ids = catalogue.series.map((s) => s.id);
  const x = (f) => explained(f, catalogue);
  modelApi = {
    catalogue,
    version: wasm.version,
    project: x((s) => withSeries(wasm.project(s), ids)),
    projectJson: x((text) => withSeries(wasm.project_json(text), ids)),
    checkValue: x(wasm.check_value),
    validate: x(wasm.validate),
    encodeLink: x(wasm.encode_link),
    decodeLink: wasm.decode_link,
    scenarioToJson: x(wasm.scenario_to_json),
    scenarioFromJson: x(wasm.scenario_from_json),
    benchProjectDefault: wasm.bench_project_default,
    // The raw projection (one Float64Array, no per-series views), for the benchmark.
    projectRaw: wasm.project,
  };
  return modelApi;
}
