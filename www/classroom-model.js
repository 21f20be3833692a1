// The classroom's calls into the model: a challenge's check and the two-team match. Thin: plain
// data in, the bindings' results out; errors carry their problems as data, for I18n.errorText.
// `wasm` is the bindings' module (www/pkg/rare_earth_wasm.js, already loaded by model.js), passed
// in by the page so that the glue stays in the page's bundle rather than in a chunk of its own.

const plain = (v) => (v === null || typeof v !== 'object' ? v : structuredClone(v));

// { score, success, goal_met, goal_value, start_value, limits: [{ value, met }] }
export function checkChallenge(wasm, id, scenario) {
  const r = wasm.check_challenge(id, plain(scenario));
  return { ...r, limits: r.limits.map(([value, met]) => ({ value, met })) };
}

// { scenario, ignored: [id] }
export const combine = (wasm, us, china) => wasm.combine(plain(us), plain(china));
