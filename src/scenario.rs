//! Scenarios as users write them (files, `--set`, links): a preset plus parameter overrides,
//! validated into [`Inputs`] with messages that name the parameter, its range and the value.

use crate::params::{spec, Inputs, PARAMS};
use crate::presets::{preset, PRESETS};
use litemap::LiteMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The largest scenario text accepted, in bytes (a full scenario is ~5 KB).
pub const MAX_SCENARIO_BYTES: usize = 64 * 1024;

/// How deep arrays and objects may nest in scenario text: serde_json's own recursion limit (it
/// stops at the 128th level), which keeps a 20,000-deep array from overflowing the stack. A
/// scenario needs 2 levels.
pub const MAX_SCENARIO_DEPTH: usize = 127;

/// The longest user text echoed back in a message, in characters; longer text is shown by its
/// start, so that a 120 KB argument does not flood the terminal.
pub const MAX_ECHO_CHARS: usize = 40;

/// The fields of the scenario file format, in the order files are written.
const FIELDS: [&str; 5] = ["schema", "preset", "name", "notes", "params"];

/// A scenario: the public file format (`rare-earth run --scenario`), with a schema version.
///
/// Text is read by [`Scenario::from_json`], which holds the file format's rules. The derived
/// `Deserialize` serves the wasm boundary's plain objects and is not the file format's reader.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; files without one are read as the current version.
    #[serde(default = "current_schema")]
    pub schema: u32,
    /// Preset the overrides apply to; `None` means the sourced baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Parameter values by id that differ from the preset (a sorted vector map: the wasm module
    /// is ~10 KB gz smaller than with `BTreeMap`'s code).
    #[serde(
        default,
        serialize_with = "params_as_object",
        deserialize_with = "params_from_object"
    )]
    pub params: LiteMap<String, f64>,
}

/// Only an object (`LiteMap` alone would also take a list of pairs, which no reader of
/// scenarios accepts).
fn params_from_object<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<LiteMap<String, f64>, D::Error> {
    struct Params;
    impl<'de> serde::de::Visitor<'de> for Params {
        type Value = LiteMap<String, f64>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of parameter values")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut m: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = LiteMap::new();
            while let Some((k, v)) = m.next_entry::<String, f64>()? {
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Params)
}

/// Always a JSON object, even when empty (`LiteMap` writes an empty map as `[]`).
fn params_as_object<S: serde::Serializer>(
    params: &LiteMap<String, f64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(params.iter())
}

fn current_schema() -> u32 {
    crate::output::SCHEMA_VERSION
}

/// One problem with a scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    UnknownParam {
        id: String,
    },
    NotFinite {
        id: &'static str,
        value: f64,
    },
    OutOfRange {
        id: &'static str,
        min: f64,
        max: f64,
        unit: &'static str,
        value: f64,
    },
    NotWhole {
        id: &'static str,
        value: f64,
    },
    UnknownPreset {
        name: String,
    },
    SharesOver100 {
        total_pct: f64,
    },
    Schema {
        found: u32,
    },
    Parse {
        message: String,
    },
    TooLarge {
        bytes: usize,
    },
    BadSetting {
        text: String,
    },
    /// A field of the file format holds the wrong kind of JSON value. `field` is a path such as
    /// `params.ramp_years`; empty for the scenario itself.
    WrongType {
        field: String,
        expected: &'static str,
        got: String,
    },
    UnknownField {
        field: String,
    },
    /// `schema` is a number but not a whole one from 1 to the current version (newer whole
    /// versions are [`Problem::Schema`]).
    BadSchema {
        found: f64,
    },
    TooDeep,
}

/// `text` between `quote` marks, with control and invisible characters escaped so a message cannot
/// rewrite the terminal; past `max_chars` characters, its start, an ellipsis and its length.
fn excerpt(text: &str, quote: char, max_chars: usize) -> String {
    let escape = |c: char| -> String {
        match c {
            '"' | '\'' | '\\' => c.to_string(),
            _ => c.escape_debug().to_string(),
        }
    };
    let shown: String = text.chars().take(max_chars).map(escape).collect();
    let n_chars = text.chars().count();
    if n_chars > max_chars {
        format!("{quote}{shown}…{quote} ({n_chars} characters)")
    } else {
        format!("{quote}{shown}{quote}")
    }
}

/// User text as messages show it: in backticks, escaped, and clipped to [`MAX_ECHO_CHARS`]
/// characters with an ellipsis and the full length.
///
/// # Example
/// ```
/// use rare_earth::scenario::echo;
/// assert_eq!(echo("us_push"), "`us_push`");
/// assert_eq!(echo(&"x".repeat(50)), format!("`{}…` (50 characters)", "x".repeat(40)));
/// assert_eq!(echo("a\nb"), "`a\\nb`");
/// ```
pub fn echo(text: &str) -> String {
    echo_up_to(text, MAX_ECHO_CHARS)
}

/// [`echo`] with another length limit, for text that is usually longer than an id (a path).
pub fn echo_up_to(text: &str, max_chars: usize) -> String {
    excerpt(text, '`', max_chars)
}

/// A JSON value as a message names it: `the string "6"`, `the number 5`, `an array`.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", excerpt(s, '"', MAX_ECHO_CHARS)),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// Shortest text that reads back as `v` (`25`, `0.1`, `NaN`); f64's `Display` never adds `.0`, but
/// never uses an exponent either, so very large or small values take one (`1e300`, `5e-324`)
/// rather than hundreds of digits.
fn num(v: f64) -> String {
    if v != 0.0 && !(1e-6..1e16).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnknownParam { id } => {
                write!(f, "unknown parameter {} (see `rare-earth params` for the list)", echo(id))
            }
            Problem::NotFinite { id, value } => write!(f, "`{id}` must be a finite number, got {value}"),
            Problem::OutOfRange { id, min, max, unit, value } => {
                let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
                write!(f, "`{id}` must be between {} and {}{unit}, got {}", num(*min), num(*max), num(*value))
            }
            Problem::NotWhole { id, value } => write!(f, "`{id}` must be a whole number, got {}", num(*value)),
            Problem::UnknownPreset { name } => {
                let known: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
                write!(f, "unknown preset {}; known presets: {}", echo(name), known.join(", "))
            }
            Problem::SharesOver100 { total_pct } => write!(
                f,
                "`us_demand_share_pct` + `china_demand_share_pct` + `allies_demand_share_pct` must be at most 100 %, got {}",
                num((*total_pct * 100.0).round() / 100.0)
            ),
            Problem::Schema { found } => write!(
                f,
                "`schema` {found} is newer than this model understands ({}); update the calculator",
                crate::output::SCHEMA_VERSION
            ),
            Problem::Parse { message } => write!(f, "scenario is not valid JSON: {message}"),
            Problem::TooLarge { bytes } => {
                write!(f, "scenario is {bytes} bytes, more than the {MAX_SCENARIO_BYTES} allowed")
            }
            Problem::BadSetting { text } => write!(f, "{} is not of the form ID=VALUE with a number VALUE", echo(text)),
            Problem::WrongType { field, expected, got } if field.is_empty() => {
                write!(f, "a scenario must be {expected}, got {got}")
            }
            Problem::WrongType { field, expected, got } => write!(f, "{} must be {expected}, got {got}", echo(field)),
            Problem::UnknownField { field } => write!(
                f,
                "unknown field {}; a scenario has only `schema`, `preset`, `name`, `notes` and `params`",
                echo(field)
            ),
            Problem::BadSchema { found } => write!(
                f,
                "`schema` must be a whole number between 1 and {}, got {}",
                crate::output::SCHEMA_VERSION,
                num(*found)
            ),
            Problem::TooDeep => write!(f, "scenario nests arrays or objects more than {MAX_SCENARIO_DEPTH} levels deep"),
        }
    }
}

/// Why a scenario cannot run: every problem found, not only the first.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub problems: Vec<Problem>,
}

impl From<Problem> for ScenarioError {
    fn from(p: Problem) -> Self {
        ScenarioError { problems: vec![p] }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

/// Checks one value against the catalogue.
///
/// # Errors
/// The id is unknown, or the value is NaN, infinite, outside the range, or not whole where whole
/// numbers are required.
///
/// # Example
/// ```
/// assert!(rare_earth::check_value("demand_growth_pct_per_yr", 6.4).is_ok());
/// let e = rare_earth::check_value("demand_growth_pct_per_yr", 25.0).unwrap_err();
/// assert_eq!(e.to_string(), "`demand_growth_pct_per_yr` must be between -5 and 20 %/yr, got 25");
/// ```
pub fn check_value(id: &str, value: f64) -> Result<(), Problem> {
    let Some(s) = spec(id) else {
        return Err(Problem::UnknownParam { id: id.to_string() });
    };
    if !value.is_finite() {
        return Err(Problem::NotFinite { id: s.id, value });
    }
    if value < s.min || value > s.max {
        return Err(Problem::OutOfRange {
            id: s.id,
            min: s.min,
            max: s.max,
            unit: s.unit,
            value,
        });
    }
    if s.integer() && value.fract() != 0.0 {
        return Err(Problem::NotWhole { id: s.id, value });
    }
    Ok(())
}

/// A value below a billionth of the parameter's step in size (`1e-310`, `2.2e-308`, a hurdle
/// rate of `1e-30` %) runs as zero. Such a value is within the range of any parameter whose range
/// holds 0, and means 0, but the model divides by some parameters or by `1 - (1 + r)^-n`:
/// `1 / 1e-310` is infinite and `(1 + 1e-32)` is 1, where 0 takes the model's zero branch
/// (issue 9, defect 4: `ndpr_content_us_pct=1e-310` gave non-finite series). The scenario keeps
/// the value as written, so files and links read back unchanged.
fn flush_tiny(id: &str, v: f64) -> f64 {
    match spec(id) {
        Some(s) if v != 0.0 && v.abs() < s.step * 1e-9 => 0.0,
        _ => v,
    }
}

/// Checks rules that span several parameters.
fn check_cross(inputs: &Inputs, problems: &mut Vec<Problem>) {
    let total =
        inputs.us_demand_share_pct + inputs.china_demand_share_pct + inputs.allies_demand_share_pct;
    if total > 100.0 + 1e-9 {
        problems.push(Problem::SharesOver100 { total_pct: total });
    }
}

/// The `schema` field's version: rule 5 of [`Scenario::from_json`].
fn schema_version(value: &Value) -> Result<u32, Problem> {
    let current = crate::output::SCHEMA_VERSION;
    let Some(found) = value.as_f64() else {
        return Err(Problem::WrongType {
            field: "schema".to_string(),
            expected: "a whole number",
            got: describe(value),
        });
    };
    if found.fract() != 0.0 || found < 1.0 {
        return Err(Problem::BadSchema { found });
    }
    if found > f64::from(current) {
        return Err(match u32::try_from(found as u64) {
            Ok(version) if f64::from(version) == found => Problem::Schema { found: version },
            _ => Problem::BadSchema { found },
        });
    }
    Ok(found as u32)
}

impl Scenario {
    /// The sourced baseline with no overrides.
    pub fn baseline() -> Self {
        Scenario {
            schema: crate::output::SCHEMA_VERSION,
            ..Default::default()
        }
    }

    /// A preset with no overrides.
    ///
    /// # Errors
    /// The preset is unknown.
    pub fn from_preset(id: &str) -> Result<Self, ScenarioError> {
        if preset(id).is_none() {
            return Err(Problem::UnknownPreset {
                name: id.to_string(),
            }
            .into());
        }
        Ok(Scenario {
            preset: Some(id.to_string()),
            ..Scenario::baseline()
        })
    }

    /// Reads a scenario from JSON text: the one set of rules for scenario files, wherever they
    /// are opened (the CLI's `--scenario`, the page's import).
    ///
    /// The rules, in the order they are checked:
    /// 1. The text is at most [`MAX_SCENARIO_BYTES`] bytes, counted before anything is parsed.
    /// 2. One leading UTF-8 byte order mark (U+FEFF) is skipped: editors on Windows write one.
    /// 3. The text is one JSON value (RFC 8259) nesting at most [`MAX_SCENARIO_DEPTH`] levels,
    ///    whose numbers are read as the nearest f64; a number too large for one (`1e400`) is
    ///    refused as invalid JSON. A key given twice in one object keeps its last value, as
    ///    `JSON.parse` does.
    /// 4. That value is an object; an array, string, number, `true`, `false` or `null` is refused.
    /// 5. `schema`, if present, is a whole number from 1 to the current
    ///    [`SCHEMA_VERSION`](crate::SCHEMA_VERSION). Only its value counts, not its spelling: `1`,
    ///    `1.0` and `1e0` are the same number (as they are to `JSON.parse`); `0`, `1.5`, `-1` and
    ///    `"1"` are refused. Absent means the current version. A newer version is reported alone,
    ///    since a newer file may well have fields this version does not know.
    /// 6. Every other key is one of `preset`, `name`, `notes` (each a string, or `null` for
    ///    absent) and `params` (an object whose every value is a number).
    ///
    /// Every problem is reported, not only the first, each naming its field
    /// (``"`params.ramp_years` must be a number, got the string \"3\""``). Parameter ids and
    /// values are checked later, by [`Scenario::resolve`].
    ///
    /// # Errors
    /// Any rule above is broken.
    ///
    /// # Example
    /// ```
    /// use rare_earth::Scenario;
    /// let s = Scenario::from_json("\u{feff}{\"schema\": 1e0, \"preset\": \"us_push\"}").unwrap();
    /// assert_eq!(s, Scenario::from_preset("us_push").unwrap());
    /// let e = Scenario::from_json(r#"{"params": {"ramp_years": "3"}}"#).unwrap_err();
    /// assert_eq!(e.to_string(), r#"`params.ramp_years` must be a number, got the string "3""#);
    /// assert!(Scenario::from_json("[]").is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Self, ScenarioError> {
        Self::read_json(text).map(|(scenario, _)| scenario)
    }

    /// [`Scenario::from_json`], and what was changed to read a file written for an older format
    /// (see [`migrate_params`]): the CLI and the page report it.
    ///
    /// # Errors
    /// As [`Scenario::from_json`].
    pub fn read_json(text: &str) -> Result<(Self, Vec<Migration>), ScenarioError> {
        let mut scenario = Self::parse_json(text)?;
        let notes = scenario.migrate();
        Ok((scenario, notes))
    }

    fn parse_json(text: &str) -> Result<Self, ScenarioError> {
        if text.len() > MAX_SCENARIO_BYTES {
            return Err(Problem::TooLarge { bytes: text.len() }.into());
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text).map_err(|e| {
            // serde_json stops at its recursion limit with this error, before the stack can
            // overflow; it has no public error code to match instead.
            if e.to_string().starts_with("recursion limit exceeded") {
                Problem::TooDeep
            } else {
                Problem::Parse {
                    message: e.to_string(),
                }
            }
        })?;
        Self::from_value(&value)
    }

    /// The scenario in a parsed JSON value: rules 4 to 6 of [`Scenario::from_json`].
    fn from_value(value: &Value) -> Result<Self, ScenarioError> {
        let Value::Object(fields) = value else {
            return Err(Problem::WrongType {
                field: String::new(),
                expected: "a JSON object",
                got: describe(value),
            }
            .into());
        };
        let mut scenario = Scenario::baseline();
        let mut problems = Vec::new();
        match fields.get("schema").map(schema_version) {
            None => {}
            Some(Ok(version)) => scenario.schema = version,
            Some(Err(newer @ Problem::Schema { .. })) => return Err(newer.into()),
            Some(Err(p)) => problems.push(p),
        }
        let text = |key: &str, problems: &mut Vec<Problem>| match fields.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                problems.push(Problem::WrongType {
                    field: key.to_string(),
                    expected: "a string",
                    got: describe(other),
                });
                None
            }
        };
        scenario.preset = text("preset", &mut problems);
        scenario.name = text("name", &mut problems);
        scenario.notes = text("notes", &mut problems);
        match fields.get("params") {
            None => {}
            Some(Value::Object(params)) => {
                for (id, v) in params {
                    // `as_f64` is `Some` for every JSON number: rule 3 read each as an f64.
                    match v.as_f64() {
                        Some(x) => {
                            scenario.params.insert(id.clone(), x);
                        }
                        None => problems.push(Problem::WrongType {
                            field: format!("params.{id}"),
                            expected: "a number",
                            got: describe(v),
                        }),
                    }
                }
            }
            Some(other) => problems.push(Problem::WrongType {
                field: "params".to_string(),
                expected: "an object of parameter values",
                got: describe(other),
            }),
        }
        for key in fields.keys() {
            if !FIELDS.contains(&key.as_str()) {
                problems.push(Problem::UnknownField { field: key.clone() });
            }
        }
        if problems.is_empty() {
            Ok(scenario)
        } else {
            Err(ScenarioError { problems })
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// Sets one parameter after checking it; on error the scenario is unchanged.
    ///
    /// # Errors
    /// See [`check_value`].
    pub fn set(&mut self, id: &str, value: f64) -> Result<(), ScenarioError> {
        check_value(id, value)?;
        self.params.insert(id.to_string(), value);
        Ok(())
    }

    /// Applies `ID=VALUE` text (the CLI's `--set`).
    ///
    /// # Errors
    /// The text has no `=`, the value is not a number, or [`check_value`] rejects it.
    pub fn set_text(&mut self, text: &str) -> Result<(), ScenarioError> {
        let bad = || Problem::BadSetting {
            text: text.to_string(),
        };
        let (id, value) = text.split_once('=').ok_or_else(bad)?;
        let value: f64 = value.trim().parse().map_err(|_| bad())?;
        self.set(id.trim(), value)
    }

    /// The values of the preset (or the defaults), before this scenario's overrides.
    ///
    /// # Errors
    /// The preset is unknown.
    pub fn preset_inputs(&self) -> Result<Inputs, ScenarioError> {
        let mut inputs = Inputs::defaults();
        if let Some(name) = &self.preset {
            let p = preset(name).ok_or_else(|| Problem::UnknownPreset { name: name.clone() })?;
            for (id, v) in p.values {
                inputs.set_unchecked(id, *v);
            }
        }
        Ok(inputs)
    }

    /// Validates the scenario and turns it into model inputs.
    ///
    /// # Errors
    /// Every problem found: unknown preset or parameter, bad values, shares over 100%.
    pub fn resolve(&self) -> Result<Inputs, ScenarioError> {
        let mut problems = Vec::new();
        let mut inputs = match self.preset_inputs() {
            Ok(i) => i,
            Err(e) => {
                problems.extend(e.problems);
                Inputs::defaults()
            }
        };
        for (id, &v) in &self.params {
            match check_value(id, v) {
                Ok(()) => {
                    inputs.set_unchecked(id, flush_tiny(id, v));
                }
                Err(p) => problems.push(p),
            }
        }
        if problems.is_empty() {
            check_cross(&inputs, &mut problems);
        }
        if problems.is_empty() {
            Ok(inputs)
        } else {
            Err(ScenarioError { problems })
        }
    }

    /// Brings a scenario written for an older format to the current one (see
    /// [`migrate_params`]) and returns what changed.
    pub fn migrate(&mut self) -> Vec<Migration> {
        let notes = migrate_params(self.schema, &mut self.params);
        self.schema = self.schema.max(crate::output::SCHEMA_VERSION);
        notes
    }

    /// Drops overrides equal to the preset's value (keeps links and files short).
    /// `baseline` is written as no preset, so that both spellings compare equal.
    pub fn minimise(&mut self) {
        if self.preset.as_deref() == Some("baseline") {
            self.preset = None;
        }
        if let Ok(base) = self.preset_inputs() {
            self.params.retain(|id, v| base.get(id) != Some(*v));
        }
    }
}

/// A change made to read a scenario written for an older format, reported to the reader.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Migration {
    /// One of [`MIGRATION_CODES`].
    pub code: &'static str,
    /// The parameter concerned, as the old file or link spelled it.
    pub param: String,
    /// Its value there.
    pub from: f64,
    /// Its value now, if it still exists.
    pub to: Option<f64>,
}

/// The codes of [`Migration`]: a parameter that no longer exists; a refining cost that was a
/// full cost and is now a cash cost; a value outside today's range, brought inside it; a capacity
/// lever that was available from 2024 and now arrives after the lead time.
pub static MIGRATION_CODES: &[&str] = &[
    "param_removed",
    "cost_now_cash",
    "value_clamped",
    "capacity_now_committed",
];

/// Parameters of format 1 (model 0.1) that Model 2 no longer has: China's metal and magnet
/// plants never bound, and the secondary-supply plug became swarf recovery and other feed.
const REMOVED_IN_2: &[&str] = &[
    "secondary_supply_cn_t",
    "metal_cap_cn_t",
    "magnet_cap_cn_t",
    "util_metal_cn_pct",
    "util_magnet_cn_pct",
];

/// Format 1's refining costs were full unit costs; format 2's are cash costs.
const FULL_COST_IN_1: &[&str] = &["refining_cost_cn_usd_per_t", "refining_cost_us_usd_per_t"];

/// Format 1's capacity levers were available from 2024; format 2's are committed and built.
const COMMITTED_IN_2: &[&str] = &[
    "sep_cap_us_t",
    "heavy_sep_cap_us_t",
    "metal_cap_us_t",
    "magnet_cap_us_t",
];

/// Format 1 ranges that Model 2 narrowed (2024 is data now; a zero US share would make the US
/// figures meaningless): a value that was allowed there is brought inside today's range.
const NARROWED_IN_2: &[&str] = &[
    "ban1_start_year",
    "ban2_start_year",
    "invest_start_year",
    "price_floor_start_year",
    "us_demand_share_pct",
];

/// The capital charge taken off a format-1 full cost, $/t: the catalogue's separation capex at
/// its hurdle rate over its plant life (68,000 x 0.1598 = 10,864).
fn capital_charge_usd_per_t() -> f64 {
    let d = |id: &str| spec(id).map_or(0.0, |s| s.default);
    let r = d("hurdle_rate_pct") / 100.0;
    let n = d("plant_life_yr");
    let crf = if r > 0.0 {
        r / (1.0 - (1.0 + r).powf(-n))
    } else {
        1.0 / n
    };
    (d("capex_separation_usd_per_tpa") * crf).round()
}

/// Brings parameters written in format `schema` to the current one, saying what changed. Values
/// of parameters that kept their meaning are kept; the others are converted, or dropped, and
/// reported. Nothing is done for the current format.
pub fn migrate_params(schema: u32, params: &mut LiteMap<String, f64>) -> Vec<Migration> {
    let mut out = Vec::new();
    if schema >= crate::output::SCHEMA_VERSION {
        return out;
    }
    let ids: Vec<String> = params.keys().cloned().collect();
    for id in ids {
        let from = params[&id];
        if REMOVED_IN_2.contains(&id.as_str()) {
            params.remove(&id);
            out.push(Migration {
                code: "param_removed",
                param: id,
                from,
                to: None,
            });
            continue;
        }
        let Some(s) = spec(&id) else { continue };
        let mut to = from;
        let mut code = None;
        if FULL_COST_IN_1.contains(&s.id) {
            to = from - capital_charge_usd_per_t();
            code = Some("cost_now_cash");
        } else if COMMITTED_IN_2.contains(&s.id) && from > 0.0 {
            code = Some("capacity_now_committed");
        }
        let narrowed = FULL_COST_IN_1.contains(&s.id) || NARROWED_IN_2.contains(&s.id);
        if narrowed && to.is_finite() && (to < s.min || to > s.max) {
            to = crate::num::clamp(to, s.min, s.max);
            code = code.or(Some("value_clamped"));
        }
        if s.integer() && to.is_finite() {
            to = to.round();
        }
        if let Some(code) = code {
            params.insert(id.clone(), to);
            out.push(Migration {
                code,
                param: id,
                from,
                to: Some(to),
            });
        }
    }
    out
}

/// Every parameter value of `inputs` that differs from the defaults, in catalogue order.
pub fn differences_from_defaults(inputs: &Inputs) -> Vec<(&'static str, f64, f64)> {
    let d = Inputs::defaults();
    PARAMS
        .iter()
        .filter_map(|s| {
            let (a, b) = (inputs.get(s.id)?, d.get(s.id)?);
            (a != b).then_some((s.id, a, b))
        })
        .collect()
}
