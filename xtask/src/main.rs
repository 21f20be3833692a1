//! `cargo xtask`: the steps cargo alone cannot express (cargo build -> wasm-bindgen -> wasm-opt ->
//! esbuild -> page), a dev server, the full test run and the benchmark. Every tool it needs it
//! installs itself: the wasm target, wasm-bindgen-cli, and the npm packages (esbuild, binaryen,
//! playwright-core) from package-lock.json.

mod bench;
mod fuzz;
mod setup;
mod sh;
mod test;
mod wasm;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  build                 build the wasm module and its JS glue into www/pkg
  serve [--port N]      build and render the docs, then serve the repo root (plain ES modules,
                        no bundle) with the docs (docs/MODEL.html, the teaching pages) on
                        http://127.0.0.1:N/ (default 8000, or a free port when 8000 is taken)
  dist                  build, then write dist/ (index.html, one minified bundle per entry, CSS,
                        the wasm-opt'd wasm) and the single self-contained page
                        dist/rare-earth-calculator.html; fails above the payload budgets
  test                  install what is missing, then fmt, clippy, native tests, wasm tests in
                        Node and headless Chromium, dist, and the page's browser tests
  bench                 criterion benchmark of the model, then the page's wasm benchmark
  fuzz [--long | --cases N]
                        the seeded fuzz targets of tests/fuzz in a release build: scenario
                        parser, link decoder, check_value, and projections of valid scenarios
                        checked against the model's invariants; a smoke run by default, --long
                        for 1,000,000 cases per target (200,000 projections)

Tools are installed on demand: the wasm32 target, wasm-bindgen-cli (the version in Cargo.lock),
npm devDependencies (npm ci), and for `test` Debian chromium + chromium-driver when run as root.
";

/// A failure with a message for the person at the terminal; `main` prints it and exits 1.
#[derive(Debug)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Error {
    fn from(s: String) -> Self {
        Error(s)
    }
}

pub type Result<T = (), E = Error> = std::result::Result<T, E>;

/// Returns early with an `Error` built from a format string.
#[macro_export]
macro_rules! bail {
    ($($arg:tt)*) => {
        return Err($crate::Error(format!($($arg)*)))
    };
}

/// Adds a description of what was being done to an I/O error.
pub trait Context<T> {
    fn ctx(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T> Context<T> for std::io::Result<T> {
    fn ctx(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Error(format!("{}: {e}", what())))
    }
}

/// The workspace root (the parent of this crate's directory).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Cargo's target directory, honouring `CARGO_TARGET_DIR`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => repo_root().join(dir),
        None => repo_root().join("target"),
    }
}

/// Runs `f` as a named step, printing a header and the time it took.
pub fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    eprintln!("\n==> {name}");
    let start = std::time::Instant::now();
    let out = f()?;
    eprintln!("<== {name}: {:.1} s", start.elapsed().as_secs_f64());
    Ok(out)
}

enum Command {
    Build,
    Serve { port: u16 },
    Dist,
    Test,
    Bench,
    Fuzz(fuzz::Size),
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err("no command given".into());
    };
    let no_options = |cmd: Command| {
        if let Some(extra) = rest.first() {
            Err(format!("unexpected argument `{extra}`"))
        } else {
            Ok(cmd)
        }
    };
    match cmd.as_str() {
        "build" => no_options(Command::Build),
        "dist" => no_options(Command::Dist),
        "test" => no_options(Command::Test),
        "bench" => no_options(Command::Bench),
        "serve" => {
            let mut port = 8000;
            let mut it = rest.iter();
            while let Some(arg) = it.next() {
                let value = match arg.strip_prefix("--port=") {
                    Some(v) => v,
                    None if arg == "--port" => it.next().ok_or("`--port` needs a number")?,
                    None => return Err(format!("unexpected argument `{arg}`")),
                };
                port = value.parse().map_err(|_| {
                    format!("`--port` must be a number from 0 to 65535, got `{value}`")
                })?;
            }
            Ok(Command::Serve { port })
        }
        "fuzz" => match rest {
            [] => Ok(Command::Fuzz(fuzz::Size::Smoke)),
            [flag] if flag == "--long" => Ok(Command::Fuzz(fuzz::Size::Long)),
            [flag, n] if flag == "--cases" => match n.replace('_', "").parse() {
                Ok(n) if n > 0 => Ok(Command::Fuzz(fuzz::Size::Cases(n))),
                _ => Err(format!(
                    "`--cases` must be a whole number above 0, got `{n}`"
                )),
            },
            [other, ..] => Err(format!("unexpected argument `{other}`")),
        },
        "-h" | "--help" | "help" => Err(String::new()),
        other => Err(format!("unknown command `{other}`")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_args(&args) {
        Ok(c) => c,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("error: {problem}\n");
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    sh::put_cargo_bin_on_path();
    let result = match command {
        Command::Build => wasm::build().map(drop),
        Command::Serve { port } => wasm::serve(port),
        Command::Dist => wasm::dist().map(drop),
        Command::Test => test::run(),
        Command::Bench => bench::run(),
        Command::Fuzz(size) => fuzz::run(&size),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nerror: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_serve_port_in_both_spellings() {
        assert!(matches!(
            parse(&["serve"]),
            Ok(Command::Serve { port: 8000 })
        ));
        assert!(matches!(
            parse(&["serve", "--port", "9001"]),
            Ok(Command::Serve { port: 9001 })
        ));
        assert!(matches!(
            parse(&["serve", "--port=0"]),
            Ok(Command::Serve { port: 0 })
        ));
    }

    #[test]
    fn parses_fuzz_sizes() {
        assert!(matches!(
            parse(&["fuzz"]),
            Ok(Command::Fuzz(fuzz::Size::Smoke))
        ));
        assert!(matches!(
            parse(&["fuzz", "--long"]),
            Ok(Command::Fuzz(fuzz::Size::Long))
        ));
        assert!(matches!(
            parse(&["fuzz", "--cases", "1_000"]),
            Ok(Command::Fuzz(fuzz::Size::Cases(1000)))
        ));
        assert!(parse(&["fuzz", "--cases", "0"]).is_err());
        assert!(parse(&["fuzz", "--cases"]).is_err());
        assert!(parse(&["fuzz", "--fast"]).is_err());
    }

    #[test]
    fn rejects_unknown_commands_and_arguments() {
        assert_eq!(
            parse(&["frobnicate"]).err().unwrap(),
            "unknown command `frobnicate`"
        );
        assert_eq!(
            parse(&["build", "--release"]).err().unwrap(),
            "unexpected argument `--release`"
        );
        assert!(parse(&["serve", "--port", "http"]).is_err());
        assert!(parse(&["serve", "--port"]).is_err());
        assert_eq!(parse(&["--help"]).err().unwrap(), "");
        assert!(parse(&[]).is_err());
    }
}
