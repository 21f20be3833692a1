//! `cargo xtask bench`: criterion's native median for one default projection, then the page's
//! wasm benchmark (tests/browser/bench.mjs), which reports the wasm/native ratio.

use crate::sh::{self, cargo, cmd};
use crate::{bail, setup, step, target_dir, test, wasm, Context, Result};

const BENCH_ID: &str = "project_default_2024_2040";

/// Criterion's median estimate for `BENCH_ID`, in nanoseconds.
fn native_median_ns() -> Result<f64> {
    let path = target_dir()
        .join("criterion")
        .join(BENCH_ID)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(&path).ctx(|| format!("reading {}", path.display()))?;
    let doc: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    match doc["median"]["point_estimate"].as_f64() {
        Some(ns) => Ok(ns),
        None => bail!("{} has no median.point_estimate", path.display()),
    }
}

pub fn run() -> Result {
    step("cargo bench --bench projection", || {
        sh::run(cargo().args(["bench", "--bench", "projection"]))
    })?;
    let native_ns = native_median_ns()?;
    let dist = wasm::dist()?;
    let script = crate::repo_root().join("tests/browser/bench.mjs");
    let browser = if script.is_file() {
        setup::chromium()?;
        setup::npm_ci()?;
        step(
            "wasm benchmark in headless Chromium (tests/browser/bench.mjs)",
            || {
                let mut c = cmd("node");
                c.arg(&script)
                    .env("NATIVE_MEDIAN_NS", format!("{native_ns}"));
                test::page_env(&mut c, &dist);
                sh::run(&mut c)
            },
        )?;
        "see the bench.mjs output above"
    } else {
        "skipped: tests/browser/bench.mjs does not exist yet"
    };
    println!("\nbenchmark report");
    println!(
        "  native {BENCH_ID}: median {:.2} us ({native_ns:.0} ns)",
        native_ns / 1000.0
    );
    println!("  wasm in Chromium: {browser}");
    Ok(())
}
