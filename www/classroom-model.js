// The classroom's calls into the model (the wasm module model.js has already loaded): a
// challenge's check and the two-team match. Thin: plain data in, the bindings' objects out;
// errors carry their problems as data, for I18n.errorText.

import * as wasm from './pkg/rare_earth_wasm.js';

const plain = (v) => (v === null || typeof v !== 'object' ? v : structuredClone(v));

// { goal_value, start_value, goal_met, limits: [{ value, met }], success, score }
export const checkChallenge = (id, scenario) => wasm.check_challenge(id, plain(scenario));

// { scenario, ignored: [id] }
export const combine = (us, china) => wasm.combine(plain(us), plain(china));
