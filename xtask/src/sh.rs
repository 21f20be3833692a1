//! Running external programs: echo the command, fail with a readable message, find tools on PATH.

use crate::{bail, repo_root, Result};
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The cargo that runs us (`$CARGO`), so nested builds use the same toolchain.
pub fn cargo() -> Command {
    cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// A command that runs in the repo root.
pub fn cmd(program: impl AsRef<OsStr>) -> Command {
    let mut c = Command::new(program);
    c.current_dir(repo_root());
    c
}

/// `~/.cargo/bin` (or `$CARGO_HOME/bin`), where `cargo install` puts binaries.
fn cargo_bin_dir() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    Some(home.join("bin"))
}

/// Makes binaries installed by `cargo install` visible to us and to every child process (cargo
/// looks up the wasm test runner on PATH), even when the shell's PATH lacks `~/.cargo/bin`.
pub fn put_cargo_bin_on_path() {
    let Some(bin) = cargo_bin_dir() else { return };
    let path = std::env::var_os("PATH").unwrap_or_default();
    if std::env::split_paths(&path).any(|p| p == bin) {
        return;
    }
    let joined = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path)))
        .unwrap_or(path);
    // Single-threaded at this point: called first thing in `main`.
    std::env::set_var("PATH", joined);
}

/// The full path of `name` on PATH, if it is there.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for arg in c.get_args() {
        let arg = arg.to_string_lossy();
        s.push(' ');
        if arg.contains('\n') {
            s.push_str(&format!("'<{}-line script>'", arg.lines().count()));
        } else if arg.contains(' ') || arg.is_empty() {
            s.push_str(&format!("'{arg}'"));
        } else {
            s.push_str(&arg);
        }
    }
    s
}

/// Runs a command with inherited stdio, failing if it cannot start or exits non-zero.
pub fn run(c: &mut Command) -> Result {
    let line = describe(c);
    eprintln!("$ {line}");
    let status = match c.status() {
        Ok(s) => s,
        Err(e) => bail!("cannot run `{line}`: {e}"),
    };
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs a command quietly and returns its trimmed stdout, or `None` if it cannot run or fails.
pub fn read(c: &mut Command) -> Option<String> {
    let out = c.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// An `OsString` for an environment variable holding a path.
pub fn os(p: &std::path::Path) -> OsString {
    p.as_os_str().to_os_string()
}
