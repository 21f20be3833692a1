//! `cargo xtask test`: the whole check, as CI runs it (`.ci/run`). Installs what is missing, then
//! runs the steps in order and stops at the first failure.

use crate::sh::{self, cargo, cmd, os};
use crate::wasm::{self, Dist};
use crate::{repo_root, setup, step, Context, Result};
use std::path::PathBuf;

pub fn run() -> Result {
    let start = std::time::Instant::now();
    step("install missing tools", || {
        setup::component("fmt", "rustfmt")?;
        setup::component("clippy", "clippy")?;
        setup::wasm_target()?;
        setup::wasm_bindgen_cli()?;
        setup::chromium()?;
        setup::npm_ci()
    })?;
    step("cargo fmt --check", || {
        sh::run(cargo().args(["fmt", "--all", "--", "--check"]))
    })?;
    step(
        "cargo clippy (native, then the wasm crate for wasm32)",
        || {
            let deny = ["--", "-D", "warnings"];
            sh::run(
                cargo()
                    .args(["clippy", "--workspace", "--all-targets"])
                    .args(deny),
            )?;
            // The wasm-bindgen tests compile only for wasm32; lint them there too.
            sh::run(
                cargo()
                    .args([
                        "clippy",
                        "-p",
                        "rare-earth-wasm",
                        "--all-targets",
                        "--target",
                    ])
                    .arg(setup::WASM_TARGET)
                    .args(deny),
            )
        },
    )?;
    step("native tests (model, CLI, xtask)", || {
        sh::run(cargo().args(["test", "--workspace"]))
    })?;
    step("wasm-bindgen tests in Node and headless Chromium", || {
        // The runner picks chromedriver from CHROMEDRIVER or PATH and adds headless and
        // no-sandbox itself (needed as root); the Node tests need nothing more.
        sh::run(cargo().args([
            "test",
            "-p",
            "rare-earth-wasm",
            "--target",
            setup::WASM_TARGET,
        ]))
    })?;
    let dist = wasm::dist()?;
    step(
        "page tests in headless Chromium (node --test tests/browser)",
        || page_tests(&dist),
    )?;
    eprintln!(
        "\nall checks passed in {:.0} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The page's test files (tests/browser/*.test.mjs), sorted.
fn page_test_files() -> Result<Vec<PathBuf>> {
    let dir = repo_root().join("tests/browser");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ctx(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    Ok(files)
}

/// Environment the page's Node scripts (tests and bench) read.
pub fn page_env(c: &mut std::process::Command, dist: &Dist) {
    let chromium = std::env::var_os("CHROMIUM_PATH").unwrap_or_else(|| setup::CHROMIUM.into());
    c.env("DIST_DIR", os(&dist.dir))
        .env("REPO_ROOT", os(&repo_root()))
        .env("CHROMIUM_PATH", chromium)
        .env("SINGLE_FILE", os(&dist.single_file));
}

fn page_tests(dist: &Dist) -> Result {
    let files = page_test_files()?;
    if files.is_empty() {
        eprintln!("notice: no tests/browser/*.test.mjs yet; skipping the page tests");
        return Ok(());
    }
    // Files are passed one by one: `node --test DIR` means different things in Node 20 and 22.
    let mut c = cmd("node");
    c.arg("--test").args(&files);
    page_env(&mut c, dist);
    sh::run(&mut c)
}
