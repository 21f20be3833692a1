//! `build` (cargo -> wasm-bindgen into www/pkg), `serve` (the Node static server on the sources)
//! and `dist`: wasm-opt, a Node smoke check of the optimised module, esbuild bundles of the page
//! and the element, the single self-contained page, and the payload budgets.

use crate::sh::{cargo, cmd, run};
use crate::{bail, repo_root, setup, step, target_dir, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

pub const GLUE: &str = "rare_earth_wasm.js";
pub const WASM: &str = "rare_earth_wasm_bg.wasm";
pub const SINGLE_FILE: &str = "rare-earth-calculator.html";
pub const DETAILS: &str = "details.js";

/// Budgets in gzipped bytes (gzip -9), checked by every `dist` and so by `cargo xtask test`:
/// what a first visit to the multi-file page downloads, and the single file.
const PAGE_BUDGET_GZ: usize = 110 * 1024;
const SINGLE_BUDGET_GZ: usize = 140 * 1024;

/// The files a first visit to dist/index.html downloads besides the bundle www/main.js and the
/// chunks it imports (the page never loads www/embed.js; other languages' tables load only when
/// chosen; the first screen's styles are inside index.html).
const PAGE_FILES: [&str; 2] = ["index.html", "www/pkg/rare_earth_wasm_bg.wasm"];

/// The tags of index.html that the single file replaces with inline content.
const STYLE_TAG: &str = r#"<link rel="stylesheet" href="www/style.css">"#;
const SCRIPT_TAG: &str = r#"<script type="module" src="www/main.js"></script>"#;
const PRELOAD_TAG: &str =
    r#"<link rel="preload" href="www/pkg/rare_earth_wasm_bg.wasm" as="fetch" crossorigin>"#;

/// Features of Rust's wasm32-unknown-unknown output that wasm-opt must accept. They are also in
/// the module's target_features section (kept because the profile has `strip = false`); naming
/// them makes wasm-opt fail on a module that needs more, instead of writing something broken.
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Builds the wasm module and its glue into www/pkg; returns that directory.
pub fn build() -> Result<PathBuf> {
    step("build wasm (wasm-release) and bindgen into www/pkg", || {
        setup::wasm_target()?;
        setup::wasm_bindgen_cli()?;
        run(cargo().args([
            "build",
            "-p",
            "rare-earth-wasm",
            "--target",
            setup::WASM_TARGET,
            "--profile",
            "wasm-release",
        ]))?;
        let input = target_dir().join("wasm32-unknown-unknown/wasm-release/rare_earth_wasm.wasm");
        let pkg = repo_root().join("www/pkg");
        run(cmd("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--remove-name-section",
                "--remove-producers-section",
                // `__wbg_reset_state()`: a fresh instance of the compiled module, which www/model.js
                // calls if the module ever traps (issue 9, defect 1), so the page recovers.
                "--experimental-reset-state-function",
                "--out-dir",
            ])
            .arg(&pkg)
            .arg(&input))?;
        write_details(&pkg)?;
        // The classroom's second instance of the module (www/classroom-model.js): a copy of the
        // glue, so that it has a state of its own, and of the module, which dist replaces by the
        // whole one beside the first visit's stripped one.
        fs::copy(pkg.join(GLUE), pkg.join(FULL_GLUE)).ctx(|| "copying the glue".into())?;
        fs::copy(pkg.join(WASM), pkg.join(FULL_WASM)).ctx(|| "copying the module".into())?;
        for name in [GLUE, WASM, DETAILS] {
            let p = pkg.join(name);
            let len =
                fs::metadata(&p).ctx(|| format!("wasm-bindgen did not write {}", p.display()))?;
            eprintln!("  www/pkg/{name}: {} bytes", len.len());
        }
        Ok(pkg)
    })
}

/// Writes www/pkg/details.js: each parameter's source and description, which the wasm module is
/// built without (see `detail!` in src/params.rs); the page imports it when a tip or the sources
/// panel is first shown.
fn write_details(pkg: &Path) -> Result {
    let json = details_list().to_string();
    let text = format!(
        "// Written by `cargo xtask build` from src/params.rs: each parameter's [source, description], in catalogue order.\nexport default {json};\n"
    );
    let path = pkg.join(DETAILS);
    fs::write(&path, text).ctx(|| format!("writing {}", path.display()))
}

/// Each parameter's [source, description]: an array in catalogue order (the order of the wasm
/// catalogue's `params`), not an object by id: the ids are in the catalogue already (~1 KB gz of
/// the single file).
fn details_list() -> serde_json::Value {
    rare_earth::params::PARAMS
        .iter()
        .map(|p| serde_json::json!([p.source, p.description]))
        .collect()
}

/// For the single file, in the staged sources (after the page's bundles are built from them): the
/// tables loaded only on demand (the string tables other than English, the descriptions in other
/// languages, the parameters' details) as one Zopfli-deflated JSON object,
/// www/pkg/tables.json.deflate, which www/single-model.js embeds and inflates; the table files
/// are removed so that the bundle does not carry them a second time, and www/pkg/details.js reads
/// its array from there. Zopfli packs them ~5% smaller than the single file's gzip (~0.8 KB gz).
fn embed_tables(www: &Path) -> Result {
    let mut tables = serde_json::Map::new();
    let dir = www.join("i18n");
    for entry in fs::read_dir(&dir).ctx(|| format!("listing {}", dir.display()))? {
        let path = entry.ctx(|| format!("listing {}", dir.display()))?.path();
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if !path.extension().is_some_and(|e| e == "json") || name == "en" {
            continue;
        }
        let text = fs::read_to_string(&path).ctx(|| format!("reading {}", path.display()))?;
        let table = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        tables.insert(name, table);
        fs::remove_file(&path).ctx(|| format!("removing {}", path.display()))?;
    }
    tables.insert("details".into(), details_list());
    let json = serde_json::Value::Object(tables).to_string();
    let out = www.join("pkg/tables.json.deflate");
    fs::write(&out, deflate(json.as_bytes())).ctx(|| format!("writing {}", out.display()))?;
    let details = www.join("pkg").join(DETAILS);
    fs::write(
        &details,
        "// The single file's details.js (cargo xtask dist): the array comes with its embedded tables.
import { tables } from '../single-model.js';
export default (await tables).details;
",
    )
    .ctx(|| format!("writing {}", details.display()))
}

/// `cargo xtask serve`: builds, renders the docs (docs/MODEL.html and the teaching pages, which
/// the page links to) into target/xtask/dev/docs/ as `dist` does, then serves the repo root (the
/// plain ES modules, no bundle) with those docs laid over it, with the project's one static
/// server, xtask/server.mjs, until interrupted. Docs edited while it runs need a restart.
pub fn serve(port: u16) -> Result {
    build()?;
    setup::npm_ci()?;
    let root = repo_root();
    let dev = target_dir().join("xtask/dev");
    step("render the docs for the dev server", || {
        if dev.exists() {
            fs::remove_dir_all(&dev).ctx(|| format!("removing {}", dev.display()))?;
        }
        write_docs(&root, &dev)
    })?;
    run(cmd("node")
        .arg(root.join("xtask/server.mjs"))
        .args(["--port", &port.to_string()])
        .arg(&root)
        .arg(&dev))
}

/// Copies the files of `from` that a browser may load (no type declarations, no dot files) to `to`.
fn copy_tree(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).ctx(|| format!("creating {}", to.display()))?;
    let entries = fs::read_dir(from).ctx(|| format!("reading {}", from.display()))?;
    for entry in entries {
        let entry = entry.ctx(|| format!("reading {}", from.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let (path, dest) = (entry.path(), to.join(&name));
        if name.starts_with('.') || name.ends_with(".d.ts") {
            continue;
        }
        if path.is_dir() {
            copy_tree(&path, &dest)?;
        } else {
            fs::copy(&path, &dest).ctx(|| format!("copying {}", path.display()))?;
        }
    }
    Ok(())
}

/// Runs the npm binaryen wasm-opt on `input`, writing `output`.
fn wasm_opt(input: &Path, output: &Path) -> Result {
    run(cmd(setup::npm_bin("wasm-opt")?)
        .arg("-Oz")
        // Repeats -Oz until the module stops shrinking (~0.1-0.2 KB gz, ~3 s).
        .arg("--converge")
        // Rust's wasm32 memory is zeroed when instantiated and nothing lives in its first 1 KB
        // (the stack starts at 1 MB): both let wasm-opt drop stores and checks (~0.3 KB gz).
        .args(["--zero-filled-memory", "--low-memory-unused"])
        .args(WASM_OPT_FEATURES)
        .arg(input)
        .arg("-o")
        .arg(output))
}

/// The wasm exports a first visit and the single file leave out (the classroom's: ~4 KB gz with
/// the code only they reach), and the names of the whole module and its glue's copy in pkg/.
const FIRST_VISIT_NO_EXPORTS: [&str; 2] = ["check_challenge", "combine"];
const FULL_WASM: &str = "rare_earth_wasm_full_bg.wasm";
const FULL_GLUE: &str = "rare_earth_wasm_full.js";

/// `input` without the exports `names`, and without the code only they reached: binaryen's text
/// form with those export lines dropped, optimised again as [`wasm_opt`] does.
fn strip_exports(input: &Path, names: &[&str], output: &Path) -> Result {
    let wat = target_dir().join("xtask/strip.wat");
    run(cmd(setup::npm_bin("wasm-dis")?)
        .args(WASM_OPT_FEATURES)
        .arg(input)
        .arg("-o")
        .arg(&wat))?;
    let text = fs::read_to_string(&wat).ctx(|| format!("reading {}", wat.display()))?;
    let mut kept = String::with_capacity(text.len());
    let mut dropped = 0;
    for line in text.lines() {
        if names
            .iter()
            .any(|n| line.trim_start().starts_with(&format!("(export \"{n}\" ")))
        {
            dropped += 1;
            continue;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    if dropped != names.len() {
        bail!(
            "expected the wasm to export {} once each, found {dropped} of them",
            names.join(", ")
        );
    }
    fs::write(&wat, kept).ctx(|| format!("writing {}", wat.display()))?;
    wasm_opt(&wat, output)
}

/// Runs the pinned esbuild (package.json) in `dir` with `args`.
fn esbuild(dir: &Path, args: &[&str]) -> Result {
    run(cmd(setup::npm_bin("esbuild")?)
        .current_dir(dir)
        .args(args)
        .arg("--log-level=warning"))
}

/// Loads the glue and the optimised wasm in Node and runs a projection: catches a module that
/// wasm-opt or bindgen broke before a browser test has to.
fn smoke_test_in_node(glue: &Path, wasm: &Path) -> Result {
    let scratch = target_dir().join("xtask");
    fs::create_dir_all(&scratch).ctx(|| format!("creating {}", scratch.display()))?;
    // A .mjs copy: Node reads www/pkg's .js as CommonJS without a "type": "module" package.json.
    let copy = scratch.join("smoke-glue.mjs");
    fs::copy(glue, &copy).ctx(|| "copying the glue for the smoke test".into())?;
    let script = r#"
        const [glue, wasmPath] = process.argv.slice(1);
        const { readFileSync } = await import('node:fs');
        const { pathToFileURL } = await import('node:url');
        const m = await import(pathToFileURL(glue).href);
        m.initSync({ module: readFileSync(wasmPath) });
        const cat = m.catalogue();
        const p = m.project(undefined);
        const n = p.n_years;
        if (p.base_year !== 2024 || !(p.data instanceof Float64Array)
            || p.data.length < n * cat.series.length) {
            throw new Error(`unexpected projection: ${n} years, ${p.data && p.data.length} values`);
        }
        let threw = false;
        try { m.project({ params: { demand_growth_pct_per_yr: 99 } }); } catch (e) { threw = true; }
        if (!threw) throw new Error('an out-of-range value did not throw');
        console.log(`smoke test: model ${m.version()}, ${n} years, ${cat.params.length} parameters`);
    "#;
    run(cmd("node")
        .args(["--input-type=module", "-e", script])
        .arg(&copy)
        .arg(wasm))
}

/// Raw deflate (RFC 1951, no header), as `DecompressionStream('deflate-raw')` reads, by Zopfli:
/// slower than zlib (seconds) but ~5% smaller, which is ~4 KB gz of the single file.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Deflate,
        bytes,
        &mut out,
    )
    .expect("writing to memory");
    out
}

fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("writing to memory");
    gz.finish().expect("writing to memory").len()
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// Raw and gzipped size of a file.
fn sizes(path: &Path) -> Result<(usize, usize)> {
    let bytes = fs::read(path).ctx(|| format!("reading {}", path.display()))?;
    Ok((bytes.len(), gzip_len(&bytes)))
}

/// The output files (names in www/) that `entry` loads before it runs: itself and, transitively,
/// every chunk it imports statically, read from esbuild's metafile. Dynamic imports (a language's
/// table) are left out: they load only when asked for.
fn static_closure(meta: &serde_json::Value, entry: &str) -> Vec<String> {
    let name = |path: &str| path.rsplit('/').next().unwrap_or(path).to_string();
    let outputs = meta["outputs"].as_object().cloned().unwrap_or_default();
    let mut todo = vec![entry.to_string()];
    let mut seen = Vec::new();
    while let Some(file) = todo.pop() {
        if seen.contains(&file) {
            continue;
        }
        if let Some((_, out)) = outputs.iter().find(|(k, _)| name(k) == file) {
            for import in out["imports"].as_array().into_iter().flatten() {
                if import["kind"] == "import-statement" {
                    todo.push(name(import["path"].as_str().unwrap_or_default()));
                }
            }
        }
        seen.push(file);
    }
    seen.sort();
    seen
}

/// Prints the payload of a first visit and the single file, and fails above either budget.
fn check_budgets(dist: &Path, meta: &serde_json::Value) -> Result {
    let mut page_gz = 0;
    let bundle: Vec<String> = static_closure(meta, "main.js")
        .into_iter()
        .map(|f| format!("www/{f}"))
        .collect();
    for rel in PAGE_FILES
        .iter()
        .copied()
        .chain(bundle.iter().map(String::as_str))
    {
        let (raw, gz) = sizes(&dist.join(rel))?;
        page_gz += gz;
        eprintln!("  {rel:<34} {:>10} {:>10} gz", kb(raw), kb(gz));
    }
    let (_, embed_gz) = sizes(&dist.join("www/embed.js"))?;
    let (single_raw, single_gz) = sizes(&dist.join(SINGLE_FILE))?;
    eprintln!(
        "  {:<34} {:>21} gz (budget {})",
        "page, first visit",
        kb(page_gz),
        kb(PAGE_BUDGET_GZ)
    );
    eprintln!(
        "  {SINGLE_FILE:<34} {:>10} {:>10} gz (budget {})",
        kb(single_raw),
        kb(single_gz),
        kb(SINGLE_BUDGET_GZ)
    );
    eprintln!(
        "  {:<34} {:>21} gz (the element, for other pages)",
        "www/embed.js",
        kb(embed_gz)
    );
    let mut over = Vec::new();
    if page_gz > PAGE_BUDGET_GZ {
        over.push(format!(
            "the page's first visit is {} gzipped, over its budget of {}",
            kb(page_gz),
            kb(PAGE_BUDGET_GZ)
        ));
    }
    if single_gz > SINGLE_BUDGET_GZ {
        over.push(format!(
            "{SINGLE_FILE} is {} gzipped, over its budget of {}",
            kb(single_gz),
            kb(SINGLE_BUDGET_GZ)
        ));
    }
    if !over.is_empty() {
        bail!("{}", over.join("; "));
    }
    Ok(())
}

/// `html` with each classic inline script (`<script>` with no attributes: index.html's frame
/// script and its loading fallback) minified by esbuild: their comments are for the source's
/// readers (~0.6 KB gz of every page and of the single file). The policy's hashes are computed
/// afterwards, from what is shipped.
fn minify_inline_scripts(html: &str) -> Result<String> {
    const OPEN: &str = "<script>";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        let start = at + OPEN.len();
        let Some(len) = rest[start..].find("</script>") else {
            bail!("a <script> without </script>");
        };
        out.push_str(&rest[..start]);
        out.push_str(esbuild_minify(&rest[start..start + len])?.trim_end());
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `js` minified by the pinned esbuild (read from its standard input).
fn esbuild_minify(js: &str) -> Result<String> {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd(setup::npm_bin("esbuild")?)
        .args(["--minify", "--charset=utf8", "--log-level=warning"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ctx(|| "starting esbuild".into())?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(js.as_bytes())
        .ctx(|| "writing to esbuild".into())?;
    let out = child.wait_with_output().ctx(|| "running esbuild".into())?;
    if !out.status.success() {
        bail!("esbuild could not minify an inline script of index.html");
    }
    String::from_utf8(out.stdout).map_err(|_| "esbuild wrote non-UTF-8 text".to_string().into())
}

/// index.html with a `modulepreload` link for the page's bundle and each chunk it imports, so
/// that the browser fetches them at once. Without the bundle's own link its request waited for
/// the stylesheet (the inline script at the end of the body holds the parser until CSS arrives):
/// in resource timing over localhost it started at 80-148 ms, with the link at ~53 ms beside the
/// chunks and the wasm.
fn with_module_preloads(index: &str, chunks: &[String]) -> Result<String> {
    if index.matches(STYLE_TAG).count() != 1 {
        bail!("index.html must have exactly one stylesheet link `{STYLE_TAG}`");
    }
    let links: String = std::iter::once("main.js")
        .chain(chunks.iter().map(String::as_str))
        .map(|c| format!("<link rel=\"modulepreload\" href=\"www/{c}\">\n"))
        .collect();
    Ok(index.replacen(STYLE_TAG, &format!("{links}{STYLE_TAG}"), 1))
}

/// index.html with the first screen's styles inline instead of linked: a stylesheet holds the
/// page's scripts until it arrives, and inline the served page's cold open went from 257-283 to
/// 190-225 ms (median of 20 loads, alternating runs). www/style.css stays for the element, which
/// reads it into its shadow root; later.css is still linked by the page when the first screen is
/// up.
fn with_inline_style(index: &str, css: &str) -> Result<String> {
    if index.matches(STYLE_TAG).count() != 1 {
        bail!("index.html must have exactly one stylesheet link `{STYLE_TAG}`");
    }
    if css.contains("</style") {
        bail!("the CSS contains a closing tag and cannot be inlined");
    }
    Ok(index.replacen(STYLE_TAG, &format!("<style>{}</style>", css.trim_end()), 1))
}

/// index.html with its stylesheet link and module script replaced by inline content, and the
/// wasm preload (a file the single file does not have) removed.
fn single_html(index: &str, css: &str, script: &str) -> Result<String> {
    for (tag, what) in [
        (STYLE_TAG, "stylesheet link"),
        (SCRIPT_TAG, "module script"),
    ] {
        if index.matches(tag).count() != 1 {
            bail!("index.html must have exactly one {what} `{tag}` for the single file");
        }
    }
    if script.contains("</script") || css.contains("</style") {
        bail!("the bundle or the CSS contains a closing tag and cannot be inlined");
    }
    let preload = format!("{PRELOAD_TAG}\n");
    // `replacen` with a closure-free argument: `$` in the bundle must not be interpreted.
    let html = index.replacen(&preload, "", 1).replacen(
        STYLE_TAG,
        &format!("<style id=\"rare-earth-style\">{css}</style>"),
        1,
    );
    let at = html.find(SCRIPT_TAG).expect("checked above");
    Ok(format!(
        "{}<script type=\"module\">{}</script>{}",
        &html[..at],
        script.trim_end(),
        &html[at + SCRIPT_TAG.len()..]
    ))
}

/// The Content-Security-Policy of every built page, with `{scripts}` standing for the hashes of
/// its inline scripts. Scripts only from the page's own origin or with a listed hash; wasm
/// compiled from bytes ('wasm-unsafe-eval', never 'unsafe-eval'); data only from the page's own
/// origin; no plugins, no <base>, no form submission. Inline styles are allowed (the single
/// file's stylesheet, the charts' and the element's styles): styles cannot run code. There is no
/// frame-ancestors (a meta policy cannot carry it): the page is made to be framed (?embed=1).
const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{scripts}; \
style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
object-src 'none'; base-uri 'none'; form-action 'none'";

/// The inline scripts of `html` (the text between `<script ...>` without `src` and `</script>`).
fn inline_scripts(html: &str) -> Result<Vec<&str>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        let after = &rest[at..];
        let Some(open_end) = after.find('>') else {
            bail!("an unclosed <script tag");
        };
        let tag = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else {
            bail!("a <script> without </script>");
        };
        if !tag.contains(" src=") {
            out.push(&body[..close]);
        }
        rest = &body[close..];
    }
    Ok(out)
}

/// `html` with the Content-Security-Policy meta tag right after `<meta charset="utf-8">` (before
/// anything it governs), allowing exactly its own inline scripts by their sha256.
pub fn with_csp(html: &str) -> Result<String> {
    use base64::Engine;
    use sha2::Digest;
    const CHARSET: &str = "<meta charset=\"utf-8\">";
    if html.matches(CHARSET).count() != 1 {
        bail!("a built page must have exactly one `{CHARSET}`, first in its head");
    }
    if html.contains("Content-Security-Policy") {
        bail!("the page already has a Content-Security-Policy; xtask writes it");
    }
    let scripts: String = inline_scripts(html)?
        .iter()
        .map(|s| {
            let hash = sha2::Sha256::digest(s.as_bytes());
            let b64 = base64::engine::general_purpose::STANDARD.encode(hash);
            format!(" 'sha256-{b64}'")
        })
        .collect();
    let policy = CSP.replace("{scripts}", &scripts);
    let meta =
        format!("{CHARSET}\n<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    Ok(html.replacen(CHARSET, &meta, 1))
}

/// What `dist` wrote, for the bench and test tasks.
pub struct Dist {
    pub dir: PathBuf,
    pub single_file: PathBuf,
}

/// Builds, then writes dist/: index.html, www/main.js and www/embed.js (one minified bundle each,
/// glue included), www/style.css (minified), www/pkg/ with the optimised wasm, examples/, and the
/// single-file page (bundle of www/single.js with the wasm and the CSS embedded).
pub fn dist() -> Result<Dist> {
    let pkg = build()?;
    setup::npm_ci()?;
    setup::node()?;
    step("dist (wasm-opt, esbuild, single file, budgets)", || {
        let root = repo_root();
        // esbuild reads a staged copy of the sources whose www/pkg holds the optimised wasm, so
        // the single file embeds the same module the multi-file page loads.
        let stage = target_dir().join("xtask/stage");
        if stage.exists() {
            fs::remove_dir_all(&stage).ctx(|| format!("removing {}", stage.display()))?;
        }
        copy_tree(&root.join("www"), &stage.join("www"))?;
        pack_string_tables(&stage.join("www/i18n"))?;
        // The whole module, and the first visit's without the classroom's exports (-4 KB gz):
        // the page loads the latter; the classroom's code loads the former, with a copy of the
        // glue of its own, on first use (www/classroom-model.js); the single file embeds the
        // latter (its classroom stand-ins in www/single-stubs/ call neither).
        let staged_pkg = stage.join("www/pkg");
        let full_wasm = staged_pkg.join(FULL_WASM);
        wasm_opt(&pkg.join(WASM), &full_wasm)?;
        smoke_test_in_node(&pkg.join(GLUE), &full_wasm)?;
        fs::copy(staged_pkg.join(GLUE), staged_pkg.join(FULL_GLUE))
            .ctx(|| "copying the glue for the whole module".into())?;
        let staged_wasm = staged_pkg.join(WASM);
        strip_exports(&full_wasm, &FIRST_VISIT_NO_EXPORTS, &staged_wasm)?;
        smoke_test_in_node(&pkg.join(GLUE), &staged_wasm)?;
        // The single file embeds the module deflated (www/single-model.js inflates it).
        let optimised = fs::read(&staged_wasm).ctx(|| "reading the optimised wasm".into())?;
        let deflated = staged_wasm.with_extension("wasm.deflate");
        fs::write(&deflated, deflate(&optimised))
            .ctx(|| format!("writing {}", deflated.display()))?;

        let dist = root.join("dist");
        if dist.exists() {
            fs::remove_dir_all(&dist).ctx(|| format!("removing {}", dist.display()))?;
        }
        let out = dist.join("www");
        fs::create_dir_all(out.join("pkg")).ctx(|| format!("creating {}", out.display()))?;
        fs::copy(&staged_wasm, out.join("pkg").join(WASM)).ctx(|| "copying the wasm".into())?;
        fs::copy(&full_wasm, out.join("pkg").join(FULL_WASM))
            .ctx(|| "copying the whole wasm".into())?;
        let out_arg = format!("--outdir={}", out.display());
        let js = ["--bundle", "--minify", "--format=esm", "--charset=utf8"];
        // One bundle for the element and one for the page, each a single request; splitting only
        // moves the language tables into chunks of their own, loaded when chosen. The metafile
        // left is the page's, for the budget.
        let meta_path = target_dir().join("xtask/meta.json");
        let meta_arg = format!("--metafile={}", meta_path.display());
        for entry in ["www/embed.js", "www/main.js"] {
            let mut args = vec![entry, "--splitting", &meta_arg];
            args.extend(js);
            args.push(&out_arg);
            esbuild(&stage, &args)?;
        }
        let meta_text =
            fs::read_to_string(&meta_path).ctx(|| "reading esbuild's metafile".into())?;
        let meta: serde_json::Value =
            serde_json::from_str(&meta_text).map_err(|e| format!("esbuild's metafile: {e}"))?;
        // style.css is the first screen's; later.css (what is built below it) is linked by the
        // page once that screen is up, and inlined with style.css in the single file.
        for sheet in ["style.css", "later.css", "docs.css"] {
            let src = format!("www/{sheet}");
            let css_out = format!("--outfile={}", out.join(sheet).display());
            esbuild(&stage, &[&src, "--minify", "--charset=utf8", &css_out])?;
        }
        let index = minify_inline_scripts(
            &fs::read_to_string(root.join("index.html")).ctx(|| "reading index.html".into())?,
        )?;
        let chunks: Vec<String> = static_closure(&meta, "main.js")
            .into_iter()
            .filter(|f| f != "main.js")
            .collect();
        let first_css =
            fs::read_to_string(out.join("style.css")).ctx(|| "reading style.css".into())?;
        fs::write(
            dist.join("index.html"),
            with_csp(&with_inline_style(
                &with_module_preloads(&index, &chunks)?,
                &first_css,
            )?)?,
        )
        .ctx(|| "writing dist/index.html".into())?;
        if root.join("examples").is_dir() {
            let examples = dist.join("examples");
            copy_tree(&root.join("examples"), &examples)?;
            // Example host pages under the same policy as the page.
            for entry in fs::read_dir(&examples).ctx(|| "listing dist/examples".into())? {
                let path = entry.ctx(|| "listing dist/examples".into())?.path();
                if path.extension().is_some_and(|e| e == "html") {
                    let html =
                        fs::read_to_string(&path).ctx(|| format!("reading {}", path.display()))?;
                    fs::write(&path, with_csp(&html)?)
                        .ctx(|| format!("writing {}", path.display()))?;
                } else if path.extension().is_some_and(|e| e == "rs") {
                    fs::remove_file(&path).ctx(|| format!("removing {}", path.display()))?;
                }
            }
        }

        write_docs(&root, &dist)?;

        embed_tables(&stage.join("www"))?;
        // The classroom's tools work with links, which the published page gives: the single file
        // carries stand-ins that say so (www/single-stubs/), to stay within its budget.
        for stub in SINGLE_FILE_STUBS {
            let from = root.join("www/single-stubs").join(stub);
            let to = stage.join("www").join(stub);
            fs::copy(&from, &to)
                .ctx(|| format!("copying {} to {}", from.display(), to.display()))?;
        }
        let single_js = target_dir().join("xtask/single.js");
        let single_out = format!("--outfile={}", single_js.display());
        let mut single_args = vec!["www/single.js", "--loader:.deflate=binary", &single_out];
        single_args.extend(js);
        esbuild(&stage, &single_args)?;
        let css = fs::read_to_string(out.join("style.css")).ctx(|| "reading the CSS".into())?
            + &fs::read_to_string(out.join("later.css")).ctx(|| "reading later.css".into())?;
        let script = fs::read_to_string(&single_js).ctx(|| "reading the single bundle".into())?;
        let single_path = dist.join(SINGLE_FILE);
        fs::write(
            &single_path,
            with_csp(&single_html(&index, &css, &script)?)?,
        )
        .ctx(|| format!("writing {}", single_path.display()))?;
        check_budgets(&dist, &meta)?;
        eprintln!("  open file://{}", single_path.display());
        Ok(Dist {
            dir: dist,
            single_file: single_path,
        })
    })
}

/// Modules of www/ that the single file replaces by the file of the same name in
/// www/single-stubs/ (the classroom: ~7 KB gz with the QR code library and the whole module).
const SINGLE_FILE_STUBS: [&str; 2] = ["classroom.js", "classroom-challenge.js"];

/// In the staged sources: the string tables other than English, and the parameters' descriptions
/// in other languages (`params.LANG.json`), carry `params`, `series` and `presets` as arrays in
/// the catalogue's order instead of objects by id (www/i18n.js reads both), since the ids are in
/// the catalogue already: ~1.7 KB gz of the Chinese table, in its chunk and in the single file.
/// Translators keep editing the files by id.
fn pack_string_tables(dir: &Path) -> Result {
    let orders: [(&str, Vec<&str>); 3] = [
        ("params", rare_earth::PARAMS.iter().map(|p| p.id).collect()),
        ("series", rare_earth::SERIES.iter().map(|s| s.id).collect()),
        (
            "presets",
            rare_earth::PRESETS.iter().map(|p| p.id).collect(),
        ),
    ];
    // The UI strings and the sentences keyed by model code: as arrays in the order of English's
    // keys, sorted (www/i18n.js sorts them the same way; keys are ASCII), since English's table
    // is in every build: ~1.9 KB gz of the Chinese table.
    let en_path = dir.join("en.json");
    let en_text = fs::read_to_string(&en_path).ctx(|| format!("reading {}", en_path.display()))?;
    let en: serde_json::Value =
        serde_json::from_str(&en_text).map_err(|e| format!("{}: {e}", en_path.display()))?;
    let keyed: Vec<(&str, Vec<String>)> = KEYED_SECTIONS
        .iter()
        .map(|section| {
            let mut keys: Vec<String> = en[*section]
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            keys.sort();
            (*section, keys)
        })
        .collect();
    for entry in fs::read_dir(dir).ctx(|| format!("listing {}", dir.display()))? {
        let path = entry.ctx(|| format!("listing {}", dir.display()))?.path();
        if !path.extension().is_some_and(|e| e == "json")
            || path.file_stem().is_some_and(|s| s == "en")
        {
            continue;
        }
        let text = fs::read_to_string(&path).ctx(|| format!("reading {}", path.display()))?;
        let mut table: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        // Notes for translators ("//" keys) stay in the sources.
        if let Some(map) = table.as_object_mut() {
            map.retain(|k, _| !k.starts_with("//"));
        }
        for (section, ids) in &orders {
            let Some(map) = table.get(*section).and_then(|v| v.as_object()) else {
                continue;
            };
            let list: Vec<serde_json::Value> = ids
                .iter()
                .map(|id| map.get(*id).cloned().unwrap_or(serde_json::Value::Null))
                .collect();
            table[*section] = serde_json::Value::Array(list);
        }
        for (section, keys) in &keyed {
            let Some(map) = table.get(*section).and_then(|v| v.as_object()) else {
                continue;
            };
            let list: Vec<serde_json::Value> = keys
                .iter()
                .map(|k| map.get(k).cloned().unwrap_or(serde_json::Value::Null))
                .collect();
            table[*section] = serde_json::Value::Array(list);
        }
        fs::write(&path, table.to_string()).ctx(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// The sections of a string table keyed by English's keys (the UI strings) or by model code.
const KEYED_SECTIONS: [&str; 5] = ["ui", "warnings", "events", "notices", "problems"];

/// Renders docs/MODEL.md and docs/teaching/*.md into `dist`/docs/ (xtask/docs.mjs, markdown-it
/// pinned in package.json), each page under the same Content-Security-Policy as the others. Every
/// parameter gets an anchor `p-<id>` in MODEL.html for the levers' help. `dist` is dist/ or, for
/// `serve`, target/xtask/dev/.
fn write_docs(root: &Path, dist: &Path) -> Result {
    let params: Vec<serde_json::Value> = rare_earth::params::PARAMS
        .iter()
        .map(|p| serde_json::json!({ "id": p.id, "group": p.group }))
        .collect();
    let list = target_dir().join("xtask/params.json");
    fs::create_dir_all(target_dir().join("xtask")).ctx(|| "creating target/xtask".into())?;
    fs::write(&list, serde_json::Value::Array(params).to_string())
        .ctx(|| format!("writing {}", list.display()))?;
    run(cmd("node")
        .arg(root.join("xtask/docs.mjs"))
        .arg(root)
        .arg(dist)
        .arg(&list))?;
    let mut dirs = vec![dist.join("docs")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).ctx(|| format!("listing {}", dir.display()))? {
            let path = entry.ctx(|| format!("listing {}", dir.display()))?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let html =
                    fs::read_to_string(&path).ctx(|| format!("reading {}", path.display()))?;
                fs::write(&path, with_csp(&html)?).ctx(|| format!("writing {}", path.display()))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<head>\n<link rel=\"preload\" href=\"www/pkg/rare_earth_wasm_bg.wasm\" as=\"fetch\" crossorigin>\n<link rel=\"stylesheet\" href=\"www/style.css\">\n</head><body><script type=\"module\" src=\"www/main.js\"></script></body>";

    #[test]
    fn the_page_has_its_first_styles_inline() {
        let html = with_inline_style(INDEX, "p{a:b}\n").unwrap();
        assert!(html.contains("<style>p{a:b}</style>"));
        assert!(!html.contains("www/style.css\""));
        assert!(with_inline_style(INDEX, "p{}</style>").is_err());
        assert!(with_inline_style("<head></head>", "p{}").is_err());
    }

    #[test]
    fn single_html_inlines_the_style_and_the_bundle_and_drops_the_preload() {
        let html = single_html(INDEX, "p{a:b}", "const a='$1$&';\n").unwrap();
        assert_eq!(
            html,
            "<head>\n<style id=\"rare-earth-style\">p{a:b}</style>\n</head><body><script type=\"module\">const a='$1$&';</script></body>"
        );
    }

    #[test]
    fn module_preloads_go_before_the_stylesheet() {
        let html = with_module_preloads(INDEX, &["chunk-A.js".to_string()]).unwrap();
        assert!(
            html.contains(
                "<link rel=\"modulepreload\" href=\"www/main.js\">\n<link rel=\"modulepreload\" href=\"www/chunk-A.js\">\n<link rel=\"stylesheet\""
            ),
            "{html}"
        );
        assert!(with_module_preloads("<head></head>", &[]).is_err());
    }

    #[test]
    fn single_html_refuses_what_it_cannot_inline() {
        let no_script = INDEX.replace(SCRIPT_TAG, "");
        assert!(single_html(&no_script, "", "")
            .unwrap_err()
            .0
            .contains("module script"));
        let err = single_html(INDEX, "", "x='</script>'").unwrap_err();
        assert!(err.0.contains("closing tag"), "{err}");
    }

    #[test]
    fn the_first_visit_follows_static_imports_only() {
        let meta = serde_json::json!({"outputs": {
            "../../dist/www/main.js": {"imports": [
                {"path": "../../dist/www/chunk-A.js", "kind": "import-statement"},
                {"path": "../../dist/www/zh-B.js", "kind": "dynamic-import"}]},
            "../../dist/www/chunk-A.js": {"imports": [
                {"path": "../../dist/www/chunk-C.js", "kind": "import-statement"}]},
            "../../dist/www/chunk-C.js": {"imports": []},
            "../../dist/www/zh-B.js": {"imports": []},
            "../../dist/www/embed.js": {"imports": [
                {"path": "../../dist/www/chunk-A.js", "kind": "import-statement"}]}}});
        assert_eq!(
            static_closure(&meta, "main.js"),
            ["chunk-A.js", "chunk-C.js", "main.js"]
        );
    }

    #[test]
    fn the_policy_lists_the_hash_of_each_inline_script_and_nothing_else() {
        assert!(
            with_csp(INDEX).is_err(),
            "a page without a charset meta tag"
        );
        let page = "<head>\n<meta charset=\"utf-8\">\n</head><body><script>alert(1)</script><script type=\"module\" src=\"www/main.js\"></script><script type=\"module\">x()</script></body>";
        let html = with_csp(page).unwrap();
        let policy = html
            .split("content=\"")
            .nth(1)
            .and_then(|p| p.split('"').next())
            .unwrap();
        // sha256 of `alert(1)` and of `x()`, as `openssl dgst -sha256 -binary | base64` gives.
        assert!(
            policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{policy}"
        );
        assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
        for part in [
            "'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "default-src 'none'",
        ] {
            assert!(policy.contains(part), "{part} not in {policy}");
        }
        assert!(
            !policy.contains("'unsafe-eval'") && !policy.contains("http"),
            "{policy}"
        );
        assert!(html.find("Content-Security-Policy").unwrap() < html.find("<script").unwrap());
        assert!(with_csp(&html).is_err(), "a second policy");
        assert!(with_csp("<head></head>").is_err());
    }

    /// Every parameter has a description in each `www/i18n/params.LANG.json`, and none is for an
    /// id the catalogue lacks (a renamed or removed parameter).
    #[test]
    fn every_parameter_has_a_translated_description_and_no_other_id_does() {
        let dir = repo_root().join("www/i18n");
        let mut files = 0;
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !(name.starts_with("params.") && name.ends_with(".json")) {
                continue;
            }
            files += 1;
            let table: serde_json::Value =
                serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            let descs = table["params"]
                .as_object()
                .expect("a `params` object by id");
            let missing: Vec<&str> = rare_earth::PARAMS
                .iter()
                .map(|p| p.id)
                .filter(|id| {
                    !descs
                        .get(*id)
                        .and_then(|d| d.as_str())
                        .is_some_and(|d| !d.trim().is_empty())
                })
                .collect();
            assert!(
                missing.is_empty(),
                "{name} has no description for {missing:?}"
            );
            let unknown: Vec<&String> = descs
                .keys()
                .filter(|id| !rare_earth::PARAMS.iter().any(|p| p.id == id.as_str()))
                .collect();
            assert!(
                unknown.is_empty(),
                "{name} describes unknown parameters {unknown:?}"
            );
        }
        assert!(files >= 1, "no www/i18n/params.LANG.json");
    }

    #[test]
    fn deflate_writes_raw_deflate_that_inflates_back() {
        use std::io::Read;
        let text = "rare earth magnets ".repeat(500);
        let packed = deflate(text.as_bytes());
        assert!(packed.len() < 200, "{}", packed.len());
        let mut back = String::new();
        flate2::read::DeflateDecoder::new(&packed[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn gzip_len_compresses_repetition() {
        let text = "rare earth ".repeat(1000);
        let gz = gzip_len(text.as_bytes());
        assert!(gz > 20 && gz < 200, "{gz}");
    }
}
