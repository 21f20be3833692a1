//! Installs what the tasks need on a fresh machine that has only Rust: the wasm32 target,
//! wasm-bindgen-cli at the version in Cargo.lock, npm packages from the lockfile, and Debian's
//! chromium + chromium-driver. Each check is cheap when the tool is already there.

use crate::sh::{cargo, cmd, read, run, which};
use crate::{bail, repo_root, Context, Result};
use std::path::Path;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Where the page tests and the wasm browser tests expect Debian's Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// `rustup target add wasm32-unknown-unknown` unless it is installed.
pub fn wasm_target() -> Result {
    if let Some(installed) = read(cmd("rustup").args(["target", "list", "--installed"])) {
        if installed.lines().any(|l| l.trim() == WASM_TARGET) {
            return Ok(());
        }
        return run(cmd("rustup").args(["target", "add", WASM_TARGET]));
    }
    // No rustup: accept a toolchain that ships the target some other way.
    let libdir = read(cmd("rustc").args(["--print", "target-libdir", "--target", WASM_TARGET]));
    match libdir {
        Some(dir) if Path::new(&dir).is_dir() => Ok(()),
        _ => bail!("the {WASM_TARGET} target is missing and rustup is not available to add it"),
    }
}

/// `rustup component add NAME` unless `cargo SUBCOMMAND --version` already works.
pub fn component(subcommand: &str, name: &str) -> Result {
    if read(cargo().args([subcommand, "--version"])).is_some() {
        return Ok(());
    }
    run(cmd("rustup").args(["component", "add", name]))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it to the patch, or bindgen fails
/// with a schema version mismatch.
pub fn wasm_bindgen_version() -> Result<String> {
    let path = repo_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&path).ctx(|| format!("reading {}", path.display()))?;
    match locked_version(&lock, "wasm-bindgen") {
        Some(v) => Ok(v),
        None => bail!(
            "Cargo.lock has no wasm-bindgen package; cannot tell which wasm-bindgen-cli to use"
        ),
    }
}

/// The version of package `name` in Cargo.lock text (`[[package]]` entries list `name` and then
/// `version`); other packages whose names start the same are not confused with it.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let want = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == want {
            let version = lines.next()?.trim().strip_prefix("version = ")?;
            return Some(version.trim_matches('"').to_string());
        }
    }
    None
}

fn tool_version(name: &str) -> Option<String> {
    let out = read(cmd(name).arg("--version"))?;
    // "wasm-bindgen 0.2.130" / "wasm-bindgen-test-runner 0.2.130"
    out.split_whitespace().nth(1).map(str::to_string)
}

/// Ensures `wasm-bindgen` and `wasm-bindgen-test-runner` at the Cargo.lock version are on PATH,
/// installing wasm-bindgen-cli with cargo otherwise (~2.5 min on 2 cores). Without `--locked`:
/// the CLI's lockfile names crate versions this machine's registry mirror may lack.
pub fn wasm_bindgen_cli() -> Result {
    let want = wasm_bindgen_version()?;
    let found: Vec<(&str, Option<String>)> = ["wasm-bindgen", "wasm-bindgen-test-runner"]
        .into_iter()
        .map(|tool| (tool, tool_version(tool)))
        .collect();
    if found
        .iter()
        .all(|(_, v)| v.as_deref() == Some(want.as_str()))
    {
        return Ok(());
    }
    for (tool, version) in &found {
        match version {
            Some(v) if *v != want => eprintln!("{tool} {v} found, but Cargo.lock needs {want}"),
            Some(_) => {}
            None => eprintln!("{tool} not found on PATH"),
        }
    }
    let mut install = cargo();
    install.args(["install", "wasm-bindgen-cli", "--version", &want]);
    if found.iter().any(|(_, v)| v.is_some()) {
        install.arg("--force");
    }
    run(&mut install)?;
    for tool in ["wasm-bindgen", "wasm-bindgen-test-runner"] {
        if tool_version(tool).as_deref() != Some(want.as_str()) {
            bail!("{tool} {want} was installed but is not the one on PATH; check PATH order");
        }
    }
    Ok(())
}

/// True when running as root (uid 0), read from /proc so that no libc binding is needed.
pub fn is_root() -> bool {
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(line) = status.lines().find(|l| l.starts_with("Uid:")) {
            return line.split_whitespace().nth(1) == Some("0");
        }
    }
    read(cmd("id").arg("-u")).as_deref() == Some("0")
}

fn apt_install(packages: &[&str]) -> Result {
    if !is_root() || which("apt-get").is_none() {
        bail!(
            "missing system packages ({}); install them (Debian: apt-get install -y {})",
            packages.join(", "),
            packages.join(" ")
        );
    }
    run(cmd("apt-get").arg("update"))?;
    run(cmd("apt-get")
        .args(["install", "-y"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Ensures Debian's chromium and chromium-driver, installing them with apt when running as root.
/// (`npx playwright install` cannot download browsers on these machines.)
pub fn chromium() -> Result {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        return Ok(());
    }
    if std::env::var_os("CHROMEDRIVER").is_some() && std::env::var_os("CHROMIUM_PATH").is_some() {
        eprintln!("using CHROMEDRIVER and CHROMIUM_PATH from the environment");
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// Ensures node and npm (Debian's when missing and running as root).
pub fn node() -> Result {
    if which("node").is_some() && which("npm").is_some() {
        return Ok(());
    }
    eprintln!("node/npm not found; installing Debian's nodejs and npm");
    apt_install(&["nodejs", "npm"])
}

/// The `node_modules/<name>` -> version pairs of an npm lockfile (v2/v3 `packages` table), without
/// optional packages: esbuild locks a binary package for every platform and npm installs only the
/// one for this machine, so those would never match node_modules.
fn locked_packages(text: &str) -> Option<Vec<(String, String)>> {
    let doc: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut out: Vec<(String, String)> = doc
        .get("packages")?
        .as_object()?
        .iter()
        .filter(|(k, v)| k.starts_with("node_modules/") && v.get("optional") != Some(&true.into()))
        .filter_map(|(k, v)| Some((k.clone(), v.get("version")?.as_str()?.to_string())))
        .collect();
    out.sort();
    Some(out)
}

/// `npm ci` from package-lock.json, skipped when node_modules already holds exactly the locked
/// versions (npm's own record, node_modules/.package-lock.json, says so): `npm ci` always deletes
/// node_modules first, and binaryen alone is 100 MB.
pub fn npm_ci() -> Result {
    node()?;
    let root = repo_root();
    let lock = std::fs::read_to_string(root.join("package-lock.json"))
        .ctx(|| "reading package-lock.json".into())?;
    let installed = std::fs::read_to_string(root.join("node_modules/.package-lock.json"));
    if let (Some(want), Ok(have)) = (locked_packages(&lock), installed) {
        if locked_packages(&have).as_ref() == Some(&want) {
            eprintln!("node_modules matches package-lock.json; skipping npm ci");
            return Ok(());
        }
    }
    run(cmd("npm").args(["ci", "--no-audit", "--no-fund"]))
}

/// The path of an npm-installed tool (`node_modules/.bin/NAME`), if `npm ci` has put it there.
/// Debian's binaryen is never used for wasm-opt: version 108 writes modules with a broken
/// externref table.
pub fn npm_bin(name: &str) -> Result<std::path::PathBuf> {
    let p = repo_root().join("node_modules/.bin").join(name);
    if p.is_file() {
        Ok(p)
    } else {
        bail!(
            "{} is missing after npm ci; is it in package.json?",
            p.display()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_locked_npm_packages_without_optional_platform_binaries() {
        let lock = r#"{"packages": {"": {"name": "x"},
            "node_modules/@esbuild/darwin-arm64": {"version": "0.28.2", "optional": true},
            "node_modules/binaryen": {"version": "132.0.0", "dev": true},
            "node_modules/esbuild": {"version": "0.28.2", "dev": true}}}"#;
        assert_eq!(
            locked_packages(lock).unwrap(),
            vec![
                ("node_modules/binaryen".to_string(), "132.0.0".to_string()),
                ("node_modules/esbuild".to_string(), "0.28.2".to_string()),
            ]
        );
        assert_eq!(locked_packages("{not json"), None);
        assert_eq!(locked_packages(r#"{"lockfileVersion": 1}"#), None);
    }

    #[test]
    fn finds_wasm_bindgen_among_packages_with_similar_names() {
        let lock = r#"
[[package]]
name = "wasm-bindgen-backend"
version = "0.2.99"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "js-sys"), None);
    }
}
