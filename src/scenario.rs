//! Scenarios as users write them (files, `--set`, links): a preset plus parameter overrides,
//! validated into [`Inputs`] with messages that name the parameter, its range and the value.

use crate::params::{spec, Inputs, PARAMS};
use crate::presets::{preset, PRESETS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The largest scenario text accepted, in bytes (a full scenario is ~5 KB).
pub const MAX_SCENARIO_BYTES: usize = 64 * 1024;

/// A scenario: the public file format (`rare-earth run --scenario`), with a schema version.
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
    /// Parameter values by id that differ from the preset.
    #[serde(default)]
    pub params: BTreeMap<String, f64>,
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
}

/// Shortest text that reads back as `v` (`25`, `0.1`, `NaN`); f64's `Display` never adds `.0`.
fn num(v: f64) -> String {
    format!("{v}")
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnknownParam { id } => {
                write!(f, "unknown parameter `{id}` (see `rare-earth params` for the list)")
            }
            Problem::NotFinite { id, value } => write!(f, "`{id}` must be a finite number, got {value}"),
            Problem::OutOfRange { id, min, max, unit, value } => {
                let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
                write!(f, "`{id}` must be between {} and {}{unit}, got {}", num(*min), num(*max), num(*value))
            }
            Problem::NotWhole { id, value } => write!(f, "`{id}` must be a whole number, got {}", num(*value)),
            Problem::UnknownPreset { name } => {
                let known: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
                write!(f, "unknown preset `{name}`; known presets: {}", known.join(", "))
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
            Problem::BadSetting { text } => write!(f, "`{text}` is not of the form ID=VALUE with a number VALUE"),
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

/// Checks rules that span several parameters.
fn check_cross(inputs: &Inputs, problems: &mut Vec<Problem>) {
    let total =
        inputs.us_demand_share_pct + inputs.china_demand_share_pct + inputs.allies_demand_share_pct;
    if total > 100.0 + 1e-9 {
        problems.push(Problem::SharesOver100 { total_pct: total });
    }
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

    /// Reads a scenario from JSON text.
    ///
    /// # Errors
    /// The text is too large, not JSON, has unknown fields, or a newer schema. Parameter values
    /// are checked later, by [`Scenario::resolve`].
    pub fn from_json(text: &str) -> Result<Self, ScenarioError> {
        if text.len() > MAX_SCENARIO_BYTES {
            return Err(Problem::TooLarge { bytes: text.len() }.into());
        }
        let s: Scenario = serde_json::from_str(text).map_err(|e| Problem::Parse {
            message: e.to_string(),
        })?;
        if s.schema > crate::output::SCHEMA_VERSION {
            return Err(Problem::Schema { found: s.schema }.into());
        }
        Ok(s)
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
                    inputs.set_unchecked(id, v);
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
