// The single file's model and data: the optimised wasm, and the tables that load only when asked
// for (the string tables other than English, the parameters' descriptions in other languages,
// and pkg/details.js's sources and descriptions), each deflated by `cargo xtask dist` and
// embedded by esbuild's binary loader, inflated before main.js and embed.js ask for them (see
// single.js). Deflated first because the bundle carries bytes as base64, which gzip packs poorly:
// the single file is ~30 KB gz smaller this way for the wasm; for the tables, Zopfli's deflate
// beats the single file's gzip by ~5% (~0.8 KB gz).

import packed from './pkg/rare_earth_wasm_bg.wasm.deflate';
import packedTables from './pkg/tables.json.deflate';
import { provideModelBytes } from './model.js';
import { provideTables } from './i18n.js';

const inflate = (bytes) => new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')));

provideModelBytes(inflate(packed).arrayBuffer());
// { LANG: table, 'params.LANG': descriptions, details: [[source, description], ...] }.
export const tables = inflate(packedTables).json();
provideTables(tables);
