// Entry of the single self-contained file (`cargo xtask dist` bundles it with esbuild, with the
// wasm embedded as bytes): instantiates the model from those bytes first, then runs the page and
// defines the <rare-earth-calculator> element, so the file works from file:// with no server.
// Only ever bundled: browsers cannot import a .wasm file as bytes.

import './single-model.js';
import './main.js';
import './embed.js';
