// The model in the page: loads the wasm module once (streamed from www/pkg, or from bytes the
// single file embeds) and turns its flat projection into views the page reads. It converts data
// only: every number comes from the Rust model.

import init, * as wasm from './pkg/rare_earth_wasm.js';
import { i18nFor } from './i18n.js';

let modelReady = null;
let modelApi = null;
let modelEmbedded = false;

// For the single file: instantiate from embedded bytes (or a promise of them) instead of
// fetching www/pkg (call first).
export function provideModelBytes(bytes) {
  modelEmbedded = true;
  modelReady = Promise.resolve(bytes).then((b) => {
    wasm.initSync({ module: b });
    return api();
  });
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

// `series[id]` of a projection: a Float64Array view of its slice of the one data array, made
// when first read (a render reads a few dozen of the ~90, so the call itself stays cheap).
function seriesClass(ids) {
  class SeriesViews {
    constructor(data, n) {
      this.$data = data;
      this.$n = n;
    }
  }
  ids.forEach((id, k) => {
    Object.defineProperty(SeriesViews.prototype, id, {
      enumerable: true,
      get() {
        return this.$data.subarray(k * this.$n, (k + 1) * this.$n);
      },
    });
  });
  return SeriesViews;
}

// The years of a projection, one list per range (shared: nothing writes to it).
const yearLists = new Map();
function yearsOf(base, n) {
  const key = `${base}/${n}`;
  if (!yearLists.has(key)) yearLists.set(key, Object.freeze(Array.from({ length: n }, (_, i) => base + i)));
  return yearLists.get(key);
}

// The projection as the page reads it: `years`, `series[id]` views, `events` and `warnings` as
// objects (the binding packs them as numbers after the series, see crates/wasm), and the schema
// and model version of the catalogue (as in the CLI's JSON).
function unpack(p, Views, cat) {
  const n = p.n_years;
  const d = p.data;
  const orNull = (v) => (Number.isNaN(v) ? null : v);
  let at = cat.series.length * n;
  const events = [];
  for (let i = 0; i < p.n_events; i++, at += 5) {
    const e = { year: d[at], kind: cat.event_kinds[d[at + 2]], code: cat.event_codes[d[at + 1]], value: orNull(d[at + 3]) };
    if (d[at + 4] >= 0) e.name = cat.projects[d[at + 4]].name;
    events.push(e);
  }
  const warnings = [];
  for (let i = 0; i < p.n_warnings; i++, at += 3) {
    warnings.push({ code: cat.warning_codes[d[at + 1]], year: orNull(d[at]), value: orNull(d[at + 2]) });
  }
  return {
    schema: cat.schema,
    model_version: cat.model_version,
    years: yearsOf(p.base_year, n),
    series: new Views(d, n),
    summary: p.summary,
    warnings,
    events,
    data: d,
  };
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

// Parameters' sources and descriptions are not in the wasm module (see `detail!` in
// src/params.rs): `cargo xtask build` writes them to pkg/details.js, imported the first time a tip
// or the sources panel needs them and written into the catalogue's entries.
let detailsReady = null;
function loadDetails(catalogue) {
  if (!detailsReady) {
    // One [source, description] per parameter, in the catalogue's order (both from params.rs).
    detailsReady = import('./pkg/details.js').then(({ default: details }) => {
      if (details.length === catalogue.params.length) catalogue.params.forEach((p, i) => ([p.source, p.description] = details[i]));
      return catalogue;
    });
  }
  return detailsReady;
}

// Whatever comes from outside (a host page's object, with getters or behind a Proxy) becomes
// plain data here, in JS, before it crosses into wasm: a getter that throws throws now, as a
// TypeError with a problem the page can write, and the module only ever sees a structured clone
// (own data properties, no prototype). The bindings defend themselves too (crates/wasm).
function plain(v) {
  if (v === null || typeof v !== 'object') return v;
  try {
    return structuredClone(v);
  } catch (e) {
    const error = new TypeError('not_an_object');
    error.problems = [{ code: 'not_an_object', param: 'scenario' }];
    throw error;
  }
}

// `f` recovering from a trap: should the module ever trap (a bug, memory exhausted), its state
// cannot be trusted, so it is replaced by a fresh instance of the same compiled module (the glue's
// __wbg_reset_state, see xtask) and the call is tried once more. Every element and the page share
// the one module, so one bad call must not break them all for the tab's life.
let restarts = 0;
function guarded(f) {
  return (...args) => {
    try {
      return f(...args);
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      restarts++;
      wasm.__wbg_reset_state();
      try {
        return f(...args);
      } catch (again) {
        if (again instanceof WebAssembly.RuntimeError) wasm.__wbg_reset_state();
        throw again;
      }
    }
  };
}

function api() {
  if (modelApi) return modelApi;
  const catalogue = wasm.catalogue();
  const Views = seriesClass(catalogue.series.map((s) => s.id));
  const x = (f) => explained(guarded(f), catalogue);
  modelApi = {
    catalogue,
    version: wasm.version,
    project: x((s) => unpack(wasm.project(plain(s)), Views, catalogue)),
    projectJson: x((text) => unpack(wasm.project_json(text), Views, catalogue)),
    checkValue: x(wasm.check_value),
    validate: x((s) => wasm.validate(plain(s))),
    encodeLink: x((s, view) => wasm.encode_link(plain(s), plain(view))),
    decodeLink: x(wasm.decode_link),
    scenarioToJson: x((s) => wasm.scenario_to_json(plain(s))),
    scenarioFromJson: x(wasm.scenario_from_json),
    details: () => loadDetails(catalogue),
    plain,
    benchProjectDefault: x(wasm.bench_project_default),
    // The binding alone (numbers not yet unpacked), for the benchmark.
    projectRaw: wasm.project,
    // How many times the module was replaced after a trap (for tests).
    restarts: () => restarts,
  };
  return modelApi;
}
