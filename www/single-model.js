// The single file's model: the optimised wasm, embedded by esbuild's binary loader, instantiated
// before main.js and embed.js ask for it (see single.js).

import bytes from './pkg/rare_earth_wasm_bg.wasm';
import { provideModelBytes } from './model.js';

provideModelBytes(bytes);
