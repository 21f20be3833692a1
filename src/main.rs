//! `rare-earth`: the command-line front end. Parses arguments, reads scenario files, prints
//! projections. All numbers come from the library; this file only does I/O.

use lexopt::{Arg, Parser};
use rare_earth::scenario::{echo, echo_up_to, MAX_SCENARIO_BYTES};
use rare_earth::{Scenario, PARAMS, PRESETS, SERIES};
use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod classroom_cli;
mod insight_cli;

const USAGE: &str = "\
rare-earth: project the rare earth magnet supply chain (US, China, allies, rest of world)

USAGE:
    rare-earth run [--preset NAME] [--scenario FILE.json] [--set ID=VALUE]... [--format table|json|csv]
    rare-earth presets [--format table|json]
    rare-earth params [--format table|json]
    rare-earth series [--format table|json]
    rare-earth mc [SCENARIO] [--runs N] [--seed S] [--series ID,...|all] [--vary-moved] [--format table|json|csv]
    rare-earth tornado [SCENARIO] [--measure M] [--format table|json|csv]
    rare-earth seek [SCENARIO] --lever ID --target T [--at-most] [--measure M] [--format table|json]
    rare-earth attribute [SCENARIO] [--measure M] [--seed S] [--format table|json|csv]
    rare-earth challenge [ID [SCENARIO]] [--format table|json]
    rare-earth match --us LINK|FILE --china LINK|FILE [--format table|json]
    rare-earth gallery [--sort M] [--format table|csv|json] FILE...
    rare-earth answer-key [--lang en|zh]
    rare-earth --help | --version

SCENARIO is `--scenario FILE.json`, `--preset NAME` and `--set ID=VALUE`, as for `run`.
`--scenario` is read first (`-` reads standard input), then `--preset` replaces its preset, then
each `--set` applies in order. `--set` may be repeated; the other options may be given once.

Uncertainty and insight (docs/MODEL.md section 17):
    mc         a seeded Monte Carlo over every measured figure's range (from its source, else its
               grade: A +/-10%, B +/-25%, C +/-50%) around the scenario; parameters the scenario
               sets are held unless --vary-moved. Percentiles 5, 25, 50, 75, 95 per series and
               year (default: the main series; `all` for every one) and per headline figure.
    tornado    every parameter at both ends of its plausible range, ranked by its effect on M.
    seek       the value of the lever that brings M to at least T (at most, with --at-most).
    attribute  the difference between the scenario and its preset on M, split among the
               parameters that differ (Shapley values; exact up to 12 of them).
M is a headline figure (a field of the JSON summary, default us_chain_self_sufficiency_2030_pct)
or a series in a year, `SERIES_ID@YEAR` (e.g. us_self_sufficiency_chain_pct@2032).

The classroom (docs/teaching/):
    challenge  how a scenario does against a ready-made challenge (no ID: the list), scored 0-100.
    match      two teams' scenarios (share links or files) combined: China's controls, levers and
               rules from --china, everything else from --us; both sides' payoffs.
    gallery    a class's scenarios (files of share links, one a line, `name<TAB>link` allowed, or
               scenario files) with their headline figures, sorted by M (largest first).
    answer-key the teaching kit's answer key, from the model.

EXIT CODES:
    0  done (also when the reader of the output stops early, as `| head` does)
    1  the output could not be written
    2  bad input: every problem found is printed, naming the parameter and its range
";

/// The longest path shown in a message, in characters: paths run longer than ids, but a 120 KB
/// argument must not be echoed whole.
const MAX_PATH_ECHO_CHARS: usize = 200;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Json,
    Csv,
}

enum Failure {
    /// The command line itself is wrong: the message is followed by the usage text.
    Usage(String),
    /// The command line is well formed but its values or files are not: one message per problem.
    Input(Vec<String>),
}

impl From<lexopt::Error> for Failure {
    fn from(e: lexopt::Error) -> Self {
        Failure::Usage(match e {
            lexopt::Error::MissingValue {
                option: Some(option),
            } => format!("{} needs a value", echo(&option)),
            lexopt::Error::UnexpectedValue { option, .. } => {
                format!("{} takes no value", echo(&option))
            }
            lexopt::Error::UnexpectedArgument(a) => {
                format!("unexpected argument {}", echo(&a.to_string_lossy()))
            }
            // lexopt's other messages quote the argument in full.
            other => echo(&other.to_string()),
        })
    }
}

/// The message for an argument this command does not take.
fn unexpected(arg: Arg<'_>) -> Failure {
    Failure::Usage(match arg {
        Arg::Long(name) => format!("unknown option {}", echo(&format!("--{name}"))),
        Arg::Short(c) => format!("unknown option {}", echo(&format!("-{c}"))),
        Arg::Value(v) => format!("unexpected argument {}", echo(&v.to_string_lossy())),
    })
}

/// An option's value as text; only `--scenario` takes a path, which need not be UTF-8.
fn text_value(flag: &str, value: OsString) -> Result<String, Failure> {
    value.into_string().map_err(|v| {
        Failure::Usage(format!(
            "the value of `--{flag}` is not valid UTF-8: {}",
            echo(&v.to_string_lossy())
        ))
    })
}

/// Stores the value of an option that may be given once: a repeat is an error rather than a
/// silent choice of the last one.
fn once<T>(slot: &mut Option<T>, flag: &str, value: T) -> Result<(), Failure> {
    if slot.is_some() {
        return Err(Failure::Usage(format!(
            "`--{flag}` is given twice; give it once"
        )));
    }
    *slot = Some(value);
    Ok(())
}

fn parse_format(v: &str, allowed: &[Format]) -> Result<Format, Failure> {
    let f = match v {
        "table" => Format::Table,
        "json" => Format::Json,
        "csv" => Format::Csv,
        _ => {
            return Err(Failure::Usage(format!(
                "unknown format {}: use table, json or csv",
                echo(v)
            )))
        }
    };
    if allowed.contains(&f) {
        Ok(f)
    } else {
        Err(Failure::Usage(format!(
            "format {} is not available for this command",
            echo(v)
        )))
    }
}

/// The options of `run` and the insight commands, as given.
#[derive(Default)]
struct RunArgs {
    scenario: Option<PathBuf>,
    preset: Option<String>,
    sets: Vec<String>,
    format: Option<Format>,
    runs: Option<String>,
    seed: Option<String>,
    series: Option<String>,
    measure: Option<String>,
    lever: Option<String>,
    target: Option<String>,
    at_most: bool,
    vary_moved: bool,
}

/// The options a command takes beyond the scenario's and `--format`.
const RUN_OPTIONS: &[&str] = &[];

fn run_args(parser: &mut Parser) -> Result<RunArgs, Failure> {
    scenario_args(parser, RUN_OPTIONS)
}

fn scenario_args(parser: &mut Parser, extra: &[&str]) -> Result<RunArgs, Failure> {
    let mut a = RunArgs::default();
    while let Some(arg) = parser.next()? {
        let takes = |name: &str| extra.contains(&name);
        match arg {
            Arg::Long(name @ ("runs" | "seed" | "series" | "measure" | "lever" | "target"))
                if takes(name) =>
            {
                let name = name.to_string();
                let v = text_value(&name, parser.value()?)?;
                let slot = match name.as_str() {
                    "runs" => &mut a.runs,
                    "seed" => &mut a.seed,
                    "series" => &mut a.series,
                    "measure" => &mut a.measure,
                    "lever" => &mut a.lever,
                    _ => &mut a.target,
                };
                once(slot, &name, v)?;
            }
            Arg::Long("at-most") if takes("at-most") => a.at_most = true,
            Arg::Long("vary-moved") if takes("vary-moved") => a.vary_moved = true,
            Arg::Long("scenario") => once(&mut a.scenario, "scenario", parser.value()?.into())?,
            Arg::Long("preset") => {
                let v = text_value("preset", parser.value()?)?;
                once(&mut a.preset, "preset", v)?;
            }
            Arg::Long("set") => a.sets.push(text_value("set", parser.value()?)?),
            Arg::Long("format") => {
                let v = text_value("format", parser.value()?)?;
                let f = parse_format(&v, &[Format::Table, Format::Json, Format::Csv])?;
                once(&mut a.format, "format", f)?;
            }
            other => return Err(unexpected(other)),
        }
    }
    Ok(a)
}

/// Why a scenario file could not be read into text.
enum ReadError {
    Io(io::Error),
    /// The file's size is known before reading.
    TooLarge(u64),
    /// A stream (a pipe, `/dev/zero`) that went past the limit: reading stopped there.
    TooLong,
    NotUtf8,
}

/// Reads scenario text, holding at most [`MAX_SCENARIO_BYTES`] + 1 bytes in memory: a regular
/// file is refused by its size before reading, and a stream stops one byte past the limit.
fn read_scenario_text(path: &Path) -> Result<String, ReadError> {
    let limit = MAX_SCENARIO_BYTES as u64;
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let file = std::fs::File::open(path).map_err(ReadError::Io)?;
        let meta = file.metadata().map_err(ReadError::Io)?;
        if meta.is_file() && meta.len() > limit {
            return Err(ReadError::TooLarge(meta.len()));
        }
        Box::new(file)
    };
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLong);
    }
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)
}

/// The scenario in a file (and what was changed to read a file of an older format), or one
/// message per problem, each naming the file.
fn read_scenario(path: &Path) -> Result<(Scenario, Vec<rare_earth::Migration>), Vec<String>> {
    let shown = echo_up_to(&path.to_string_lossy(), MAX_PATH_ECHO_CHARS);
    let text = read_scenario_text(path).map_err(|e| {
        vec![match e {
            ReadError::Io(e) => format!("cannot read scenario file {shown}: {e}"),
            ReadError::TooLarge(n_bytes) => format!(
                "{shown}: scenario is {n_bytes} bytes, more than the {MAX_SCENARIO_BYTES} allowed"
            ),
            ReadError::TooLong => format!(
                "{shown}: scenario is more than the {MAX_SCENARIO_BYTES} bytes allowed; reading stopped there"
            ),
            ReadError::NotUtf8 => format!("{shown}: scenario is not UTF-8 text"),
        }]
    })?;
    Scenario::read_json(&text)
        .map_err(|e| e.problems.iter().map(|p| format!("{shown}: {p}")).collect())
}

/// The scenario the options describe, or every problem found in it.
fn scenario_of(a: &RunArgs) -> Result<Scenario, Failure> {
    // Every problem is collected, from the file and from each flag, so that one run reports
    // them all, as a scenario file's own problems are.
    let mut problems: Vec<String> = Vec::new();
    let mut scenario = Scenario::baseline();
    // Scenario file first, so that --preset and --set on the command line override it.
    if let Some(path) = &a.scenario {
        match read_scenario(path) {
            Ok((s, notes)) => {
                scenario = s;
                // A file of an older format opens, and says what was changed to read it.
                let shown = echo_up_to(&path.to_string_lossy(), MAX_PATH_ECHO_CHARS);
                let mut err = std::io::stderr();
                for m in &notes {
                    let _ = writeln!(err, "note: {shown}: {}", migration_text(m));
                }
            }
            Err(p) => problems.extend(p),
        }
    }
    if let Some(name) = &a.preset {
        match Scenario::from_preset(name) {
            Ok(_) => scenario.preset = Some(name.clone()),
            Err(e) => problems.extend(e.problems.iter().map(ToString::to_string)),
        }
    }
    for text in &a.sets {
        if let Err(e) = scenario.set_text(text) {
            problems.extend(e.problems.iter().map(ToString::to_string));
        }
    }
    if !problems.is_empty() {
        // The values that were accepted are still checked together (the file's values, shares).
        if let Err(e) = scenario.resolve() {
            problems.extend(e.problems.iter().map(ToString::to_string));
        }
        return Err(Failure::Input(problems));
    }
    Ok(scenario)
}

fn input_failure(e: rare_earth::ScenarioError) -> Failure {
    Failure::Input(e.problems.iter().map(ToString::to_string).collect())
}

fn run(parser: &mut Parser) -> Result<String, Failure> {
    let a = run_args(parser)?;
    let scenario = scenario_of(&a)?;
    let projection = rare_earth::project(&scenario).map_err(input_failure)?;
    Ok(match a.format.unwrap_or(Format::Table) {
        Format::Json => projection.to_json() + "\n",
        Format::Csv => projection.to_csv(),
        Format::Table => {
            let horizon = projection.summary.horizon_year;
            projection.to_table_with(|w| warning_text(w, horizon))
        }
    })
}

/// The page's English string table: the CLI writes warnings in the same words as the page.
const ENGLISH: &str = include_str!("../www/i18n/en.json");

/// What was changed to read an older file, in English, from the `notices` table of
/// `www/i18n/en.json` (its code if missing).
fn migration_text(m: &rare_earth::Migration) -> String {
    let table: serde_json::Value = serde_json::from_str(ENGLISH).unwrap_or_default();
    let Some(template) = table["notices"][m.code].as_str() else {
        return m.code.to_string();
    };
    template
        .replace("{text}", &m.param)
        .replace("{param}", &m.param)
        .replace("{value}", &m.from.to_string())
        .replace("{to}", &m.to.map_or(String::new(), |v| v.to_string()))
}

/// A warning in English, from the `warnings` table of `www/i18n/en.json` (its code if missing).
fn warning_text(w: &rare_earth::Warning, horizon: i32) -> String {
    let table: serde_json::Value = serde_json::from_str(ENGLISH).unwrap_or_default();
    let Some(template) = table["warnings"][w.code].as_str() else {
        return w.code.to_string();
    };
    let year = w.year.map_or(String::new(), |y| y.to_string());
    let value = w.value.map_or(String::new(), |v| v.to_string());
    template
        .replace("{year}", &year)
        .replace("{value}", &value)
        .replace("{horizon}", &horizon.to_string())
}

fn listing_format(parser: &mut Parser) -> Result<Format, Failure> {
    let mut format = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Arg::Long("format") => {
                let v = text_value("format", parser.value()?)?;
                let f = parse_format(&v, &[Format::Table, Format::Json])?;
                once(&mut format, "format", f)?;
            }
            other => return Err(unexpected(other)),
        }
    }
    Ok(format.unwrap_or(Format::Table))
}

fn presets(parser: &mut Parser) -> Result<String, Failure> {
    Ok(match listing_format(parser)? {
        Format::Json => serde_json::to_string_pretty(PRESETS).expect("presets serialise") + "\n",
        _ => PRESETS
            .iter()
            .map(|p| format!("{:<24} {}\n{:<24} {}\n", p.id, p.name, "", p.description))
            .collect(),
    })
}

fn params(parser: &mut Parser) -> Result<String, Failure> {
    Ok(match listing_format(parser)? {
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

fn series(parser: &mut Parser) -> Result<String, Failure> {
    Ok(match listing_format(parser)? {
        Format::Json => serde_json::to_string_pretty(SERIES).expect("series serialise") + "\n",
        _ => SERIES
            .iter()
            .map(|s| format!("{:<40} {:<10} {}\n", s.id, s.unit, s.label))
            .collect(),
    })
}

fn command(parser: &mut Parser) -> Result<String, Failure> {
    let Some(arg) = parser.next()? else {
        return Err(Failure::Usage("no command given".to_string()));
    };
    match arg {
        Arg::Value(v) => match v.to_str() {
            Some("run") => run(parser),
            Some("presets") => presets(parser),
            Some("params") => params(parser),
            Some("series") => series(parser),
            Some("mc") => insight_cli::mc(parser),
            Some("tornado") => insight_cli::tornado(parser),
            Some("seek") => insight_cli::seek(parser),
            Some("attribute") => insight_cli::attribute(parser),
            Some("challenge") => classroom_cli::challenge(parser),
            Some("match") => classroom_cli::r#match(parser),
            Some("gallery") => classroom_cli::gallery(parser),
            Some("answer-key") => classroom_cli::answer_key(parser),
            Some("help") => Ok(USAGE.to_string()),
            _ => Err(Failure::Usage(format!(
                "unknown command {}",
                echo(&v.to_string_lossy())
            ))),
        },
        Arg::Long("help") | Arg::Short('h') => Ok(USAGE.to_string()),
        Arg::Long("version") | Arg::Short('V') => {
            Ok(format!("rare-earth {}\n", rare_earth::MODEL_VERSION))
        }
        other => Err(unexpected(other)),
    }
}

/// Writes to stderr; if stderr itself is closed or full there is nowhere left to say so.
fn say(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

fn main() -> ExitCode {
    match command(&mut Parser::from_env()) {
        Ok(text) => {
            let mut out = io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                // The reader stopped early (`| head`): it has what it wanted, so stop quietly.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    say(&format!("error: cannot write the output: {e}\n"));
                    ExitCode::from(1)
                }
            }
        }
        Err(Failure::Usage(msg)) => {
            say(&format!("error: {msg}\n\n{USAGE}"));
            ExitCode::from(2)
        }
        Err(Failure::Input(problems)) => {
            let lines: String = problems.iter().map(|p| format!("error: {p}\n")).collect();
            say(&lines);
            ExitCode::from(2)
        }
    }
}
