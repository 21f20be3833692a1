// The classroom's calls into the model: a challenge's check and the two-team match. Thin: plain
// data in, the bindings' results out; errors carry their problems as data, for I18n.errorText.
// `wasm` is the bindings' module (www/pkg/rare_earth_wasm.js, already loaded by model.js), passed
// in by the page so that the glue stays in the page's bundle rather than in a chunk of its own.

const plain = (v) => (v === null || typeof v !== 'object' ? v : structuredClone(v));

// { score, success, goal_met, goal_value, start_value, limits: [{ value, met }] } (the binding
// returns them as numbers, in that order).
export function checkChallenge(wasm, id, scenario) {
  const r = wasm.check_challenge(id, plain(scenario));
  const limits = [];
  for (let i = 5; i < r.length; i += 2) limits.push({ value: r[i], met: r[i + 1] === 1 });
  return { score: r[0], success: r[1] === 1, goal_met: r[2] === 1, goal_value: r[3], start_value: r[4], limits };
}

// { scenario, ignored: [id] }
export const combine = (wasm, us, china) => wasm.combine(plain(us), plain(china));
