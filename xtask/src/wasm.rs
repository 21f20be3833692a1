//! `build` (cargo -> wasm-bindgen into www/pkg) and `dist` (dist/ with wasm-opt, a Node smoke
//! check of the optimised module, and the single self-contained page).

use crate::sh::{cargo, cmd, run};
use crate::{bail, inline, repo_root, setup, step, target_dir, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

pub const GLUE: &str = "rare_earth_wasm.js";
pub const WASM: &str = "rare_earth_wasm_bg.wasm";
pub const SINGLE_FILE: &str = "rare-earth-calculator.html";

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
                "--out-dir",
            ])
            .arg(&pkg)
            .arg(&input))?;
        for name in [GLUE, WASM] {
            let p = pkg.join(name);
            let len =
                fs::metadata(&p).ctx(|| format!("wasm-bindgen did not write {}", p.display()))?;
            eprintln!("  www/pkg/{name}: {} bytes", len.len());
        }
        Ok(pkg)
    })
}

/// Files copied from www/ to dist/www/: what a browser loads. Type declarations (.d.ts) are not.
fn is_page_asset(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.')
        && !name.ends_with(".d.ts")
        && matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("js" | "mjs" | "css" | "wasm" | "svg" | "json" | "html" | "png" | "ico" | "txt")
        )
}

/// A JS module without its whole-line `//` comments, for the multi-file page in dist/ (keeps the
/// payload budget; the sources and the single file are unchanged). Lines inside a template
/// literal that spans lines are kept, as are comments after code.
fn strip_comment_lines(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_template = false;
    for line in js.split_inclusive('\n') {
        if !in_template && line.trim_start().starts_with("//") {
            continue;
        }
        let mut escaped = false;
        for c in line.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '`' if !escaped => in_template = !in_template,
                _ => escaped = false,
            }
        }
        out.push_str(line);
    }
    out
}

fn copy_assets(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).ctx(|| format!("creating {}", to.display()))?;
    let entries = fs::read_dir(from).ctx(|| format!("reading {}", from.display()))?;
    for entry in entries {
        let entry = entry.ctx(|| format!("reading {}", from.display()))?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                copy_assets(&path, &dest)?;
            }
        } else if is_page_asset(&path) && path.extension().and_then(|e| e.to_str()) == Some("js") {
            let text = fs::read_to_string(&path).ctx(|| format!("reading {}", path.display()))?;
            fs::write(&dest, strip_comment_lines(&text))
                .ctx(|| format!("writing {}", dest.display()))?;
        } else if is_page_asset(&path) {
            fs::copy(&path, &dest).ctx(|| format!("copying {}", path.display()))?;
        }
    }
    Ok(())
}

/// Runs the npm binaryen wasm-opt on `input`, writing `output`. Returns false (after a warning)
/// when wasm-opt is unavailable; fails if wasm-opt runs and rejects the module.
fn wasm_opt(input: &Path, output: &Path) -> Result<bool> {
    if let Err(e) = setup::npm_ci() {
        eprintln!("warning: npm ci failed ({e}); dist/ keeps the wasm without wasm-opt");
        return Ok(false);
    }
    if setup::npm_wasm_opt().is_none() {
        eprintln!("warning: node_modules/.bin/wasm-opt missing after npm ci; skipping wasm-opt");
        return Ok(false);
    }
    run(cmd("npx")
        .args(["--offline", "wasm-opt", "-Oz"])
        .args(WASM_OPT_FEATURES)
        .arg(input)
        .arg("-o")
        .arg(output))?;
    Ok(true)
}

/// Loads dist's glue and wasm in Node and runs a projection: catches a module that wasm-opt or
/// bindgen broke before a browser test has to.
fn smoke_test_in_node(pkg: &Path) -> Result {
    let scratch = target_dir().join("xtask");
    fs::create_dir_all(&scratch).ctx(|| format!("creating {}", scratch.display()))?;
    // A .mjs copy: Node reads www/pkg's .js as CommonJS without a "type": "module" package.json.
    let glue = scratch.join("smoke-glue.mjs");
    fs::copy(pkg.join(GLUE), &glue).ctx(|| "copying the glue for the smoke test".into())?;
    let script = r#"
        const [glue, wasmPath] = process.argv.slice(1);
        const { readFileSync } = await import('node:fs');
        const { pathToFileURL } = await import('node:url');
        const m = await import(pathToFileURL(glue).href);
        m.initSync({ module: readFileSync(wasmPath) });
        const p = m.project(undefined);
        const chain = p.series.us_self_sufficiency_chain_pct;
        if (p.years[0] !== 2024 || !chain || chain.length !== p.years.length) {
            throw new Error('unexpected projection: ' + JSON.stringify(p.years));
        }
        let threw = false;
        try { m.project({ params: { demand_growth_pct_per_yr: 99 } }); } catch (e) { threw = true; }
        if (!threw) throw new Error('an out-of-range value did not throw');
        console.log(`smoke test: model ${m.version()}, ${p.years.length} years, ` +
            `${m.catalogue().params.length} parameters`);
    "#;
    run(cmd("node")
        .args(["--input-type=module", "-e", script])
        .arg(&glue)
        .arg(pkg.join(WASM)))
}

/// Checks the single file's inline module script parses, with `node --check`.
fn syntax_check(html: &str) -> Result {
    let Some(script) = inline::module_script_of(html) else {
        bail!("{SINGLE_FILE} has no inline module script");
    };
    let path = target_dir().join("xtask/single-file-script.mjs");
    fs::write(&path, script).ctx(|| format!("writing {}", path.display()))?;
    run(cmd("node").arg("--check").arg(&path))
}

fn gzip_len(path: &Path) -> Option<usize> {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout.len())
}

fn report_size(label: &str, path: &Path) {
    let raw = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    match gzip_len(path) {
        Some(gz) => eprintln!("  {label}: {raw} bytes ({gz} gzipped)"),
        None => eprintln!("  {label}: {raw} bytes"),
    }
}

/// What `dist` wrote, for the bench and test tasks.
pub struct Dist {
    pub dir: PathBuf,
    pub single_file: PathBuf,
}

/// Builds, then writes dist/: index.html, www/ (modules, styles, pkg with the optimised wasm,
/// embed.js), examples/ and the single-file page.
pub fn dist() -> Result<Dist> {
    let pkg = build()?;
    step("dist", || {
        let root = repo_root();
        let dist = root.join("dist");
        if dist.exists() {
            fs::remove_dir_all(&dist).ctx(|| format!("removing {}", dist.display()))?;
        }
        copy_assets(&root.join("www"), &dist.join("www"))?;
        // The worked example of the embeddable element (examples/article.html and friends).
        if root.join("examples").is_dir() {
            copy_assets(&root.join("examples"), &dist.join("examples"))?;
        }
        let dist_wasm = dist.join("www/pkg").join(WASM);
        if wasm_opt(&pkg.join(WASM), &dist_wasm)? {
            report_size("www/pkg wasm before wasm-opt", &pkg.join(WASM));
            report_size("dist/www/pkg wasm after wasm-opt", &dist_wasm);
        }
        setup::node()?;
        smoke_test_in_node(&dist.join("www/pkg"))?;

        let index = root.join("index.html");
        let html = fs::read_to_string(&index).ctx(|| "reading index.html".into())?;
        let html = inline::with_icon(&html).map_err(|e| format!("index.html: {e}"))?;
        fs::write(dist.join("index.html"), html).ctx(|| "writing dist/index.html".into())?;

        let glue = fs::read_to_string(pkg.join(GLUE)).ctx(|| "reading the glue".into())?;
        let wasm = fs::read(&dist_wasm).ctx(|| format!("reading {}", dist_wasm.display()))?;
        let single = inline::single_file(&root, &glue, &wasm)?;
        syntax_check(&single)?;
        let single_path = dist.join(SINGLE_FILE);
        fs::write(&single_path, single).ctx(|| format!("writing {}", single_path.display()))?;
        report_size(&format!("dist/{SINGLE_FILE}"), &single_path);
        eprintln!("  open file://{}", single_path.display());
        Ok(Dist {
            dir: dist,
            single_file: single_path,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::strip_comment_lines;

    #[test]
    fn strips_whole_line_comments_only() {
        let js = "// header\nconst a = 1; // kept\n  // indented\nconst u = 'http://x';\n";
        assert_eq!(
            strip_comment_lines(js),
            "const a = 1; // kept\nconst u = 'http://x';\n"
        );
    }

    #[test]
    fn keeps_lines_inside_template_literals() {
        let js = "const t = `a\n// not a comment\nb`;\n// gone\nconst e = `\\``;\n// gone too\n";
        assert_eq!(
            strip_comment_lines(js),
            "const t = `a\n// not a comment\nb`;\nconst e = `\\``;\n"
        );
    }
}
