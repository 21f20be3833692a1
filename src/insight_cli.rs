//! The insight commands of the CLI (`mc`, `tornado`, `seek`, `attribute`): arguments in, the
//! library's [`rare_earth::insight`] numbers out as a table, JSON or CSV.

use super::{echo, input_failure, scenario_args, scenario_of, Failure, Format, RunArgs};
use lexopt::Parser;
use rare_earth::insight::{self, Measure, Seek};
use rare_earth::{spec, Inputs, Scenario, Series, SERIES};
use serde_json::{json, Map, Value};

const DEFAULT_MEASURE: &str = "us_chain_self_sufficiency_2030_pct";
const DEFAULT_RUNS: usize = 1000;
const MAX_RUNS: usize = 100_000;
/// Values `mc` may hold in memory for its percentiles (runs x series x years): 400 MB.
const MAX_VALUES: usize = 50_000_000;
/// The series `mc` reports unless told otherwise: the page's main charts.
const MAIN_SERIES: [Series; 6] = [
    Series::UsSelfSufficiencyChain,
    Series::ShortfallUs,
    Series::PriceNdprCn,
    Series::PriceNdprEx,
    Series::PublicCostCumulative,
    Series::SupplyUs,
];

/// A missing option: the message is followed by the usage text.
fn usage(msg: String) -> Failure {
    Failure::Usage(msg)
}

/// A value that cannot be used: the message names the option and what it allows.
fn bad(msg: String) -> Failure {
    Failure::Input(vec![msg])
}

fn measure(a: &RunArgs) -> Result<Measure, Failure> {
    let text = a.measure.as_deref().unwrap_or(DEFAULT_MEASURE);
    Measure::parse(text).ok_or_else(|| {
        bad(format!(
            "unknown measure {}: use a headline id ({}) or SERIES_ID@YEAR",
            echo(text),
            insight::headlines()
                .map(|h| h.0)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

fn integer(flag: &str, text: Option<&str>, default: u64, max: u64) -> Result<u64, Failure> {
    let Some(t) = text else {
        return Ok(default);
    };
    match t.parse::<u64>() {
        Ok(v) if v <= max => Ok(v),
        _ => Err(bad(format!(
            "`--{flag}` must be a whole number from 0 to {max}, got {}",
            echo(t)
        ))),
    }
}

/// The ids the scenario itself sets (file and `--set`): the levers the user moved.
fn moved(s: &Scenario) -> Vec<&'static str> {
    rare_earth::PARAMS
        .iter()
        .filter(|p| s.params.get(p.id).is_some())
        .map(|p| p.id)
        .collect()
}

fn resolve(s: &Scenario) -> Result<Inputs, Failure> {
    s.resolve().map_err(input_failure)
}

fn series_list(text: Option<&str>) -> Result<Vec<Series>, Failure> {
    match text {
        None => Ok(MAIN_SERIES.to_vec()),
        Some("all") => Ok((0..SERIES.len()).map(Series).collect()),
        Some(t) => t
            .split(',')
            .map(|id| {
                SERIES
                    .iter()
                    .position(|s| s.id == id)
                    .map(Series)
                    .ok_or_else(|| bad(format!("unknown series {} in `--series`", echo(id))))
            })
            .collect(),
    }
}

fn json_text(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

fn num(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

fn fmt(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.4}")
    } else {
        String::new()
    }
}

pub fn mc(parser: &mut Parser) -> Result<String, Failure> {
    let a = scenario_args(parser, &["runs", "seed", "series", "vary-moved"])?;
    let runs = integer(
        "runs",
        a.runs.as_deref(),
        DEFAULT_RUNS as u64,
        MAX_RUNS as u64,
    )? as usize;
    if runs == 0 {
        return Err(bad(format!(
            "`--runs` must be a whole number from 1 to {MAX_RUNS}, got 0"
        )));
    }
    let seed = integer("seed", a.seed.as_deref(), 1, u64::MAX)?;
    let series = series_list(a.series.as_deref())?;
    let scenario = scenario_of(&a)?;
    let inputs = resolve(&scenario)?;
    let n_years = rare_earth::model::project(&inputs).n_years;
    if runs * series.len() * n_years > MAX_VALUES {
        return Err(bad(format!(
            "{runs} runs of {} series over {n_years} years is more than {MAX_VALUES} values: ask for fewer runs or series",
            series.len()
        )));
    }
    let held = if a.vary_moved {
        Vec::new()
    } else {
        moved(&scenario)
    };
    let b = insight::bands(&inputs, &held, runs, seed, &series);
    Ok(match a.format.unwrap_or(Format::Table) {
        Format::Json => {
            let mut ser = Map::new();
            for (s, pct) in &b.series {
                let mut m = Map::new();
                for (q, row) in insight::PERCENTILES.iter().zip(pct) {
                    m.insert(
                        format!("p{q}"),
                        Value::Array(row.iter().map(|&v| num(v)).collect()),
                    );
                }
                ser.insert(SERIES[s.0].id.to_string(), Value::Object(m));
            }
            let heads: Map<String, Value> = b
                .headlines
                .iter()
                .map(|(id, q)| {
                    (
                        id.to_string(),
                        Value::Array(q.iter().map(|&v| num(v)).collect()),
                    )
                })
                .collect();
            json_text(&json!({
                "runs": b.runs,
                "seed": b.seed,
                "percentiles": insight::PERCENTILES,
                "held": held,
                "varied": b.varied.iter().map(|(id, lo, hi)| json!({"id": id, "lo": lo, "hi": hi})).collect::<Vec<_>>(),
                "years": b.years,
                "series": ser,
                "headlines": heads,
            }))
        }
        Format::Csv => {
            let mut out = String::from("series,year,p5,p25,p50,p75,p95\n");
            for (s, pct) in &b.series {
                for (yi, y) in b.years.iter().enumerate() {
                    let q: Vec<String> = pct.iter().map(|row| fmt(row[yi])).collect();
                    out += &format!("{},{y},{}\n", SERIES[s.0].id, q.join(","));
                }
            }
            for (id, q) in &b.headlines {
                let q: Vec<String> = q.iter().map(|&v| fmt(v)).collect();
                out += &format!("{id},,{}\n", q.join(","));
            }
            out
        }
        Format::Table => {
            let mut out = format!(
                "{runs} runs, seed {seed}: {} parameters varied, {} held\n\n{:<45} {:>11} {:>11} {:>11} {:>11} {:>11}\n",
                b.varied.len(),
                held.len(),
                "headline",
                "p5",
                "p25",
                "p50",
                "p75",
                "p95"
            );
            for (id, q) in &b.headlines {
                out += &format!(
                    "{id:<45} {:>11.2} {:>11.2} {:>11.2} {:>11.2} {:>11.2}\n",
                    q[0], q[1], q[2], q[3], q[4]
                );
            }
            out
        }
    })
}

pub fn tornado(parser: &mut Parser) -> Result<String, Failure> {
    let a = scenario_args(parser, &["measure"])?;
    let m = measure(&a)?;
    let inputs = resolve(&scenario_of(&a)?)?;
    let bars = insight::tornado(&inputs, &m);
    let base = m.of(&rare_earth::model::project(&inputs));
    Ok(match a.format.unwrap_or(Format::Table) {
        Format::Json => json_text(&json!({
            "measure": a.measure.as_deref().unwrap_or(DEFAULT_MEASURE),
            "value": num(base),
            "bars": bars.iter().map(|b| json!({
                "id": b.id, "lo": b.lo, "hi": b.hi,
                "at_lo": num(b.at_lo), "at_hi": num(b.at_hi), "swing": num(b.swing()),
            })).collect::<Vec<_>>(),
        })),
        Format::Csv => {
            let mut out = String::from("id,lo,hi,at_lo,at_hi,swing\n");
            for b in &bars {
                out += &format!(
                    "{},{},{},{},{},{}\n",
                    b.id,
                    b.lo,
                    b.hi,
                    fmt(b.at_lo),
                    fmt(b.at_hi),
                    fmt(b.swing())
                );
            }
            out
        }
        Format::Table => {
            let mut out = format!(
                "{}: {base:.2} in this scenario\n\n{:<40} {:>12} {:>12} {:>10} {:>10}\n",
                a.measure.as_deref().unwrap_or(DEFAULT_MEASURE),
                "parameter",
                "low",
                "high",
                "at low",
                "at high"
            );
            for b in bars.iter().take_while(|b| b.swing() > 0.0) {
                out += &format!(
                    "{:<40} {:>12} {:>12} {:>10.2} {:>10.2}\n",
                    b.id,
                    fmt_value(b.lo),
                    fmt_value(b.hi),
                    b.at_lo,
                    b.at_hi
                );
            }
            out
        }
    })
}

/// A parameter value for the table: as written in the catalogue, without float noise.
fn fmt_value(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn seek(parser: &mut Parser) -> Result<String, Failure> {
    let a = scenario_args(parser, &["measure", "lever", "target", "at-most"])?;
    if a.format == Some(Format::Csv) {
        return Err(usage("format csv is not available for this command".into()));
    }
    let m = measure(&a)?;
    let Some(lever) = a.lever.as_deref() else {
        return Err(usage("`seek` needs `--lever ID`".into()));
    };
    let Some(p) = spec(lever) else {
        return Err(bad(format!(
            "unknown parameter {} in `--lever`",
            echo(lever)
        )));
    };
    let Some(target) = a.target.as_deref() else {
        return Err(usage("`seek` needs `--target T`".into()));
    };
    let target: f64 = target
        .parse()
        .ok()
        .filter(|t: &f64| t.is_finite())
        .ok_or_else(|| bad(format!("`--target` must be a number, got {}", echo(target))))?;
    let inputs = resolve(&scenario_of(&a)?)?;
    let result = insight::seek(&inputs, lever, &m, target, a.at_most).expect("a known lever");
    let (reached, value, achieved) = match result {
        Seek::Reached { value, achieved } => (true, value, achieved),
        Seek::Unreachable { value, achieved } => (false, value, achieved),
    };
    let measure_id = a.measure.as_deref().unwrap_or(DEFAULT_MEASURE);
    Ok(match a.format.unwrap_or(Format::Table) {
        Format::Json => json_text(&json!({
            "lever": lever, "measure": measure_id, "target": target, "at_most": a.at_most,
            "reached": reached, "value": value, "achieved": num(achieved),
            "range": [p.min, p.max],
        })),
        _ => {
            let goal = if a.at_most { "at most" } else { "at least" };
            if reached {
                format!(
                    "{lever} = {} {} brings {measure_id} to {achieved:.2} ({goal} {target})\n",
                    fmt_value(value),
                    p.unit
                )
            } else {
                format!(
                    "not reachable within {lever}'s range ({} to {} {}): the best is {achieved:.2}, at {}\n",
                    fmt_value(p.min),
                    fmt_value(p.max),
                    p.unit,
                    fmt_value(value)
                )
            }
        }
    })
}

pub fn attribute(parser: &mut Parser) -> Result<String, Failure> {
    let a = scenario_args(parser, &["measure", "seed"])?;
    let m = measure(&a)?;
    let seed = integer("seed", a.seed.as_deref(), 1, u64::MAX)?;
    let scenario = scenario_of(&a)?;
    let to = resolve(&scenario)?;
    let from = scenario.preset_inputs().map_err(input_failure)?;
    let att = insight::attribute(&from, &to, &m, seed);
    let measure_id = a.measure.as_deref().unwrap_or(DEFAULT_MEASURE);
    Ok(match a.format.unwrap_or(Format::Table) {
        Format::Json => json_text(&json!({
            "measure": measure_id, "preset": num(att.from), "scenario": num(att.to),
            "exact": att.exact,
            "parts": att.parts.iter().map(|(id, v)| json!({"id": id, "contribution": num(*v)})).collect::<Vec<_>>(),
        })),
        Format::Csv => {
            let mut out = String::from("id,contribution\n");
            for (id, v) in &att.parts {
                out += &format!("{id},{}\n", fmt(*v));
            }
            out
        }
        Format::Table => {
            let mut out = format!(
                "{measure_id}: {:.2} in the preset, {:.2} in the scenario ({:+.2}){}\n\n",
                att.from,
                att.to,
                att.to - att.from,
                if att.exact {
                    ""
                } else {
                    "; sampled, more than 12 parameters differ"
                }
            );
            for (id, v) in &att.parts {
                out += &format!("{id:<40} {v:>+10.2}\n");
            }
            out
        }
    })
}
