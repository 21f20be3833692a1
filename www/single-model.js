// The single file's model: the optimised wasm, deflated by `cargo xtask dist` and embedded by
// esbuild's binary loader, inflated and instantiated before main.js and embed.js ask for it (see
// single.js). Deflated first because the bundle carries bytes as base64, which gzip packs poorly:
// the single file is ~30 KB gz smaller this way.

import packed from './pkg/rare_earth_wasm_bg.wasm.deflate';
import { provideModelBytes } from './model.js';

const inflated = new Response(
  new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
).arrayBuffer();
provideModelBytes(inflated);
