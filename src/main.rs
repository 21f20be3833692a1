//! `rare-earth`: the command-line front end. Parses arguments, reads scenario files, prints
//! projections. All numbers come from the library; this file only does I/O.

use rare_earth::{Scenario, ScenarioError, PARAMS, PRESETS, SERIES};
use std::process::ExitCode;

const USAGE: &str = "\
rare-earth: project the rare earth magnet supply chain (US, China, allies, rest of world)

USAGE:
    rare-earth run [--preset NAME] [--scenario FILE.json] [--set ID=VALUE]... [--format table|json|csv]
    rare-earth presets [--format table|json]
    rare-earth params [--format table|json]
    rare-earth series [--format table|json]
    rare-earth --help | --version

`--scenario` is read first, then `--preset` replaces its preset, then each `--set` applies in order.
Bad input prints a message naming the parameter and its range and exits with code 2.
";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Json,
    Csv,
}

struct Usage(String);

fn parse_format(v: &str, allowed: &[Format]) -> Result<Format, Usage> {
    let f = match v {
        "table" => Format::Table,
        "json" => Format::Json,
        "csv" => Format::Csv,
        _ => {
            return Err(Usage(format!(
                "unknown format `{v}`: use table, json or csv"
            )))
        }
    };
    if allowed.contains(&f) {
        Ok(f)
    } else {
        Err(Usage(format!(
            "format `{v}` is not available for this command"
        )))
    }
}

/// Pulls `--flag VALUE` or `--flag=VALUE` pairs out of the argument list.
fn options(args: &[String]) -> Result<Vec<(String, String)>, Usage> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let Some(flag) = a.strip_prefix("--") else {
            return Err(Usage(format!("unexpected argument `{a}`")));
        };
        let (name, value) = match flag.split_once('=') {
            Some((n, v)) => (n.to_string(), v.to_string()),
            None => {
                let v = it
                    .next()
                    .ok_or_else(|| Usage(format!("`--{flag}` needs a value")))?;
                (flag.to_string(), v.clone())
            }
        };
        out.push((name, value));
    }
    Ok(out)
}

enum Failure {
    Usage(Usage),
    Input(String),
}

impl From<Usage> for Failure {
    fn from(u: Usage) -> Self {
        Failure::Usage(u)
    }
}

impl From<ScenarioError> for Failure {
    fn from(e: ScenarioError) -> Self {
        Failure::Input(e.to_string())
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    let mut scenario = Scenario::baseline();
    let mut format = Format::Table;
    let opts = options(args)?;
    // Scenario file first, so that --preset and --set on the command line override it.
    for (name, value) in &opts {
        if name == "scenario" {
            let text = std::fs::read_to_string(value)
                .map_err(|e| Failure::Input(format!("cannot read scenario file `{value}`: {e}")))?;
            scenario =
                Scenario::from_json(&text).map_err(|e| Failure::Input(format!("{value}: {e}")))?;
        }
    }
    for (name, value) in &opts {
        match name.as_str() {
            "scenario" => {}
            "preset" => {
                Scenario::from_preset(value)?;
                scenario.preset = Some(value.clone());
            }
            "set" => scenario.set_text(value)?,
            "format" => format = parse_format(value, &[Format::Table, Format::Json, Format::Csv])?,
            _ => return Err(Usage(format!("unknown option `--{name}`")).into()),
        }
    }
    let projection = rare_earth::project(&scenario)?;
    Ok(match format {
        Format::Json => projection.to_json() + "\n",
        Format::Csv => projection.to_csv(),
        Format::Table => projection.to_table(),
    })
}

fn listing_format(args: &[String]) -> Result<Format, Failure> {
    let mut format = Format::Table;
    for (name, value) in options(args)? {
        match name.as_str() {
            "format" => format = parse_format(&value, &[Format::Table, Format::Json])?,
            _ => return Err(Usage(format!("unknown option `--{name}`")).into()),
        }
    }
    Ok(format)
}

fn presets(args: &[String]) -> Result<String, Failure> {
    Ok(match listing_format(args)? {
        Format::Json => serde_json::to_string_pretty(PRESETS).expect("presets serialise") + "\n",
        _ => PRESETS
            .iter()
            .map(|p| format!("{:<24} {}\n{:<24} {}\n", p.id, p.name, "", p.description))
            .collect(),
    })
}

fn params(args: &[String]) -> Result<String, Failure> {
    Ok(match listing_format(args)? {
        Format::Json => serde_json::to_string_pretty(PARAMS).expect("params serialise") + "\n",
        _ => {
            let mut s = format!(
                "{:<40} {:>10} {:>10} {:>10} {:<18} grade\n",
                "id", "default", "min", "max", "unit"
            );
            for p in PARAMS {
                let grade = serde_json::to_value(p.grade).expect("grade serialises");
                s.push_str(&format!(
                    "{:<40} {:>10} {:>10} {:>10} {:<18} {}\n",
                    p.id,
                    p.default,
                    p.min,
                    p.max,
                    p.unit,
                    grade.as_str().unwrap_or("")
                ));
            }
            s
        }
    })
}

fn series(args: &[String]) -> Result<String, Failure> {
    Ok(match listing_format(args)? {
        Format::Json => serde_json::to_string_pretty(SERIES).expect("series serialise") + "\n",
        _ => SERIES
            .iter()
            .map(|s| format!("{:<40} {:<10} {}\n", s.id, s.unit, s.label))
            .collect(),
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("presets") => presets(&args[1..]),
        Some("params") => params(&args[1..]),
        Some("series") => series(&args[1..]),
        Some("--help" | "-h" | "help") => Ok(USAGE.to_string()),
        Some("--version" | "-V") => Ok(format!("rare-earth {}\n", rare_earth::MODEL_VERSION)),
        Some(other) => Err(Failure::Usage(Usage(format!("unknown command `{other}`")))),
        None => Err(Failure::Usage(Usage("no command given".to_string()))),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(Usage(msg))) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}
