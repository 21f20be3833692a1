// The classroom's calls into the model: a challenge's check and the two-team match. Thin: plain
// data in, the bindings' results out; errors carry their problems as data, for I18n.errorText.
// `wasm` is the bindings' module that `classroomBindings` resolves to.

// The bindings with the classroom's calls: a second instance of the whole module, loaded on first
// use. The published page's first visit loads a module without `check_challenge` and `combine`
// (xtask strips them: -4 KB gz against the 110 KB budget; their glue still has wrappers, which
// would fail); `cargo xtask build` and `dist` put the whole one beside it as
// pkg/rare_earth_wasm_full_bg.wasm, with a copy of the glue that holds its own instance.
let full = null;
export function classroomBindings() {
  full ??= import('./pkg/rare_earth_wasm_full.js').then(async (m) => {
    await m.default({ module_or_path: new URL('./pkg/rare_earth_wasm_full_bg.wasm', import.meta.url) });
    return m;
  });
  return full;
}

const plain = (v) => (v === null || typeof v !== 'object' ? v : structuredClone(v));

// { score, success, goal_met, goal_value, start_value, limits: [{ value, met }] }
export function checkChallenge(wasm, id, scenario) {
  const r = wasm.check_challenge(id, plain(scenario));
  return { ...r, limits: r.limits.map(([value, met]) => ({ value, met })) };
}

// { scenario, ignored: [id] }
export const combine = (wasm, us, china) => wasm.combine(plain(us), plain(china));
