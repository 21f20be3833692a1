//! Share links: a scenario (and the teacher's view options) as a URL fragment, and back.
//!
//! The fragment is readable and hand-editable: `v=1&mv=0.1.0&preset=us_push&ramp_years=3&lang=zh`.
//! Only parameters that differ from the preset are written. Decoding never fails: whatever cannot
//! be read (an unknown or mangled parameter, a value out of range, a truncated pair, a link from a
//! newer schema, an oversize link) becomes a notice, and that part keeps its default.
//!
//! A notice is data, a code and the values it quotes ([`Notice`]), so that the page writes it in
//! the reader's language; its `Display` is the English sentence, for Rust callers and tests.

use crate::output::{MODEL_VERSION, SCHEMA_VERSION};
use crate::params::{spec, Group, PARAMS};
use crate::presets::preset;
use crate::scenario::Problem;
use crate::scenario::{check_value, migrate_params, Migration, Scenario};
use litemap::LiteMap;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest fragment accepted, in bytes. A link with every parameter changed is ~3 KB.
pub const MAX_LINK_BYTES: usize = 8 * 1024;
/// Longest scenario name or note kept from a link, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// How the page should present the scenario: for teachers' links and embeds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewOptions {
    /// `en` or `zh`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// `light`, `dark` or `projector`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Parameter ids whose controls are shown but cannot be moved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lock: Vec<String>,
    /// Parameter ids or group names (`costs`, `capacity`, `demand`, `trade`, `stockpile_recycling`)
    /// whose controls are hidden.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hide: Vec<String>,
    /// A class challenge's id (`crate::classroom::CHALLENGES`): the page shows its goal and
    /// checks it live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<String>,
}

pub const LANGS: [&str; 2] = ["en", "zh"];
pub const THEMES: [&str; 3] = ["light", "dark", "projector"];
/// The id of a slider group, as the catalogue writes it (serde's snake_case of [`Group`]). An
/// exhaustive match: a new group fails to compile here until it has an id.
const fn group_id(g: Group) -> &'static str {
    match g {
        Group::Costs => "costs",
        Group::Capacity => "capacity",
        Group::Demand => "demand",
        Group::Trade => "trade",
        Group::ChinaLevers => "china_levers",
        Group::UsLevers => "us_levers",
        Group::Reactions => "reactions",
        Group::Markets => "markets",
        Group::StockpileRecycling => "stockpile_recycling",
        Group::BaseYear => "base_year",
    }
}

/// Every group's id, in [`Group::ALL`]'s order: the values a link's `hide` accepts besides
/// parameter ids, and the page's group list.
pub const GROUP_IDS: [&str; Group::ALL.len()] = {
    let mut ids = [""; Group::ALL.len()];
    let mut i = 0;
    while i < ids.len() {
        ids[i] = group_id(Group::ALL[i]);
        i += 1;
    }
    ids
};

/// What a link decodes to: always a runnable scenario, plus notices for what was dropped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecodedLink {
    pub scenario: Scenario,
    pub view: ViewOptions,
    /// One notice per part that could not be read; empty for a clean link.
    pub notices: Vec<Notice>,
}

/// Every code a [`Notice`] can have; the page's string tables have a sentence for each.
pub static NOTICE_CODES: &[&str] = &[
    "link_too_long",
    "no_value",
    "bad_text",
    "newer_format",
    "bad_format",
    "other_model",
    "unknown_preset",
    "name_cut",
    "notes_cut",
    "unknown_lang",
    "unknown_theme",
    "unknown_lock",
    "unknown_hide",
    "unknown_challenge",
    "value_out_of_range",
    "value_not_whole",
    "value_not_finite",
    "not_a_number",
    "unknown_param",
    "shares_reset",
    "param_removed",
    "cost_now_cash",
    "value_clamped",
    "capacity_now_committed",
];

/// One part of a link that could not be read: a stable code (one of [`NOTICE_CODES`]) and the
/// values its sentence quotes. Which fields are set depends on the code.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Notice {
    pub code: &'static str,
    /// The text concerned, as it was in the link (cut to 40 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The parameter concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<&'static str>,
    /// The number concerned: a value, a length in bytes, a format version, a total in %.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// The largest value, length or format allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// For a value an older format wrote: what it became.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<f64>,
    /// The values allowed there (the challenges' ids for `unknown_challenge`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<&'static [&'static str]>,
}

impl From<&Migration> for Notice {
    fn from(m: &Migration) -> Notice {
        Notice {
            code: m.code,
            text: Some(shorten(&m.param)),
            param: spec(&m.param).map(|s| s.id),
            value: Some(m.from),
            to: m.to,
            ..Notice::default()
        }
    }
}

impl Notice {
    fn new(code: &'static str) -> Self {
        Notice {
            code,
            ..Notice::default()
        }
    }

    fn text(code: &'static str, text: &str) -> Self {
        Notice {
            text: Some(shorten(text)),
            ..Notice::new(code)
        }
    }

    /// The notice for the value `text` of parameter `key` that `check_value` refused.
    fn rejected(problem: Problem, key: &str, text: &str) -> Self {
        match problem {
            Problem::OutOfRange {
                id,
                min,
                max,
                value,
                ..
            } => Notice {
                param: Some(id),
                value: Some(value),
                min: Some(min),
                max: Some(max),
                ..Notice::new("value_out_of_range")
            },
            Problem::NotWhole { id, value } => Notice {
                param: Some(id),
                value: Some(value),
                ..Notice::new("value_not_whole")
            },
            Problem::NotFinite { id, .. } => Notice {
                param: Some(id),
                ..Notice::text("value_not_finite", text)
            },
            // The other problem check_value reports: an id the catalogue does not have.
            _ => Notice::text("unknown_param", key),
        }
    }
}

/// The English sentence (the page writes its own from the code, in the reader's language).
impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.text.as_deref().unwrap_or("");
        let param = self.param.unwrap_or("");
        let num = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
        let (value, min, max) = (num(self.value), num(self.min), num(self.max));
        match self.code {
            "link_too_long" => write!(f, "the link is {value} bytes, more than the {max} allowed: it was ignored and the baseline is shown"),
            "no_value" => write!(f, "`{text}` has no value and was ignored"),
            "bad_text" => write!(f, "`{text}` is not valid text and was ignored"),
            "newer_format" => write!(f, "the link was made by a newer calculator (format {value}; this one reads {max}): some settings may be missing"),
            "bad_format" => write!(f, "the link format `{text}` is not a number and was ignored"),
            "other_model" => write!(f, "the link was made with model {text}; this is model {MODEL_VERSION}, so the numbers may differ"),
            "unknown_preset" => write!(f, "unknown preset `{text}`: the sourced baseline is used instead"),
            "name_cut" => write!(f, "the name was longer than {max} characters and was cut"),
            "notes_cut" => write!(f, "the note was longer than {max} characters and was cut"),
            "unknown_lang" => write!(f, "unknown language `{text}` was ignored"),
            "unknown_theme" => write!(f, "unknown theme `{text}` was ignored"),
            "unknown_lock" => write!(f, "cannot lock unknown control `{text}`"),
            "unknown_hide" => write!(f, "cannot hide unknown control `{text}`"),
            "unknown_challenge" => write!(f, "`challenge`: unknown challenge `{text}` was ignored (the challenges are {})", self.expected.unwrap_or_default().join(", ")),
            "value_out_of_range" => {
                let unit = crate::params::spec(param).map_or("", |s| s.unit);
                let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
                write!(f, "`{param}` must be between {min} and {max}{unit}, got {value}: the default is used")
            }
            "value_not_whole" => write!(f, "`{param}` must be a whole number, got {value}: the default is used"),
            "value_not_finite" => write!(f, "`{param}` must be a finite number, got `{text}`: the default is used"),
            "not_a_number" => write!(f, "`{param}` has the value `{text}`, not a number: the default is used"),
            "unknown_param" => write!(f, "unknown parameter `{text}` was ignored"),
            "shares_reset" => write!(f, "`us_demand_share_pct` + `china_demand_share_pct` + `allies_demand_share_pct` must be at most 100 %, got {value}: those settings were reset"),
            "param_removed" => write!(f, "`{text}` (set to {value}) no longer exists in this model and was dropped"),
            "cost_now_cash" => write!(f, "`{text}` was a full cost of {value} $/t in the older model; it is now a cash cost: {} $/t, after taking off the capital charge", num(self.to)),
            "value_clamped" => write!(f, "`{text}` was {value}, outside today's range: {} is used", num(self.to)),
            "capacity_now_committed" => write!(f, "`{text}` ({value}) is no longer available from 2024: it is committed in the decision year and built after the lead time"),
            code => write!(f, "{code}"),
        }
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decodes; `+` is a space. `None` for a broken escape or invalid UTF-8.
fn decode_text(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Shortest decimal text that reads back as the same `f64`, written as JavaScript writes numbers
/// (the page's links use the browser's): plain for decimal exponents -6 to 20, else with an
/// exponent (`-5e-324`, `1e21`; no `+`, which a link reads as a space). `{}` alone never uses an
/// exponent, so `-5e-324` took 330 characters and a valid scenario could make a link longer than
/// [`MAX_LINK_BYTES`] (issue 9, defect 5).
pub fn format_value(v: f64) -> String {
    let sci = format!("{v:e}");
    let exponent = sci
        .split_once('e')
        .and_then(|(_, e)| e.parse::<i32>().ok())
        .unwrap_or(0);
    if (-6..=20).contains(&exponent) {
        format!("{v}")
    } else {
        sci
    }
}

/// The link fragment (without `#`) for a scenario and view options. Parameters equal to the
/// preset's value are left out; parameters are written in catalogue order.
pub fn encode_link(scenario: &Scenario, view: &ViewOptions) -> String {
    encode_link_with(scenario, view, format_value)
}

/// [`encode_link`] with numbers written by `format_value` (shortest text that reads back as the
/// same `f64`). The wasm bindings pass the browser's number formatting, which writes the same
/// text, so that the module carries no float formatting of its own.
pub fn encode_link_with(
    scenario: &Scenario,
    view: &ViewOptions,
    format_value: impl Fn(f64) -> String,
) -> String {
    let mut s = scenario.clone();
    s.minimise();
    let mut parts = vec![
        format!("v={SCHEMA_VERSION}"),
        format!("mv={}", encode_text(MODEL_VERSION)),
    ];
    if let Some(p) = &s.preset {
        if p != "baseline" {
            parts.push(format!("preset={}", encode_text(p)));
        }
    }
    for spec in PARAMS {
        if let Some(v) = s.params.get(spec.id) {
            parts.push(format!("{}={}", spec.id, format_value(*v)));
        }
    }
    // Ids unknown to the catalogue cannot be in a resolvable scenario, but keep them if present
    // so that encoding loses nothing.
    for (id, v) in &s.params {
        if spec(id).is_none() {
            parts.push(format!("{}={}", encode_text(id), format_value(*v)));
        }
    }
    if let Some(n) = &s.name {
        parts.push(format!("name={}", encode_text(n)));
    }
    if let Some(n) = &s.notes {
        parts.push(format!("notes={}", encode_text(n)));
    }
    if let Some(l) = &view.lang {
        parts.push(format!("lang={}", encode_text(l)));
    }
    if let Some(t) = &view.theme {
        parts.push(format!("theme={}", encode_text(t)));
    }
    if !view.lock.is_empty() {
        parts.push(format!(
            "lock={}",
            view.lock
                .iter()
                .map(|x| encode_text(x))
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    if !view.hide.is_empty() {
        parts.push(format!(
            "hide={}",
            view.hide
                .iter()
                .map(|x| encode_text(x))
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    if let Some(c) = &view.challenge {
        parts.push(format!("challenge={}", encode_text(c)));
    }
    parts.join("&")
}

fn shorten(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

fn clip(s: String, notices: &mut Vec<Notice>, code: &'static str) -> String {
    if s.chars().count() > MAX_TEXT_CHARS {
        notices.push(Notice {
            max: Some(MAX_TEXT_CHARS as f64),
            ..Notice::new(code)
        });
        s.chars().take(MAX_TEXT_CHARS).collect()
    } else {
        s
    }
}

/// Reads a link fragment (with or without a leading `#` or `?`). Never fails: see the module docs.
pub fn decode_link(fragment: &str) -> DecodedLink {
    decode_link_with(fragment, |s| s.parse().ok())
}

/// [`decode_link`] with numbers read by `parse_value` (`None` for text that is not a number).
/// The wasm bindings pass the browser's number parsing, so the module carries none of its own.
pub fn decode_link_with(fragment: &str, parse_value: impl Fn(&str) -> Option<f64>) -> DecodedLink {
    let mut notices = Vec::new();
    let mut scenario = Scenario::baseline();
    let mut view = ViewOptions::default();
    if fragment.len() > MAX_LINK_BYTES {
        notices.push(Notice {
            value: Some(fragment.len() as f64),
            max: Some(MAX_LINK_BYTES as f64),
            ..Notice::new("link_too_long")
        });
        return DecodedLink {
            scenario,
            view,
            notices,
        };
    }
    let body = fragment.trim().trim_start_matches(['#', '?']);
    // Numbers read, by id, checked once the format is known (an older link's values are first
    // brought to today's meaning).
    let mut raw: LiteMap<String, (f64, String)> = LiteMap::new();
    for pair in body.split('&').filter(|p| !p.is_empty()) {
        let Some((raw_key, raw_value)) = pair.split_once('=') else {
            notices.push(Notice::text("no_value", pair));
            continue;
        };
        let (Some(key), Some(value)) = (decode_text(raw_key), decode_text(raw_value)) else {
            notices.push(Notice::text("bad_text", pair));
            continue;
        };
        match key.as_str() {
            "v" => match value.parse::<u32>() {
                Ok(v) if v <= SCHEMA_VERSION => scenario.schema = v,
                Ok(v) => notices.push(Notice {
                    value: Some(f64::from(v)),
                    max: Some(f64::from(SCHEMA_VERSION)),
                    ..Notice::new("newer_format")
                }),
                Err(_) => notices.push(Notice::text("bad_format", &value)),
            },
            "mv" => {
                if value != MODEL_VERSION {
                    notices.push(Notice::text("other_model", &value));
                }
            }
            "preset" => {
                if preset(&value).is_some() {
                    scenario.preset = (value != "baseline").then_some(value);
                } else {
                    notices.push(Notice::text("unknown_preset", &value));
                }
            }
            "name" => scenario.name = Some(clip(value, &mut notices, "name_cut")),
            "notes" => scenario.notes = Some(clip(value, &mut notices, "notes_cut")),
            "lang" => {
                if LANGS.contains(&value.as_str()) {
                    view.lang = Some(value);
                } else {
                    notices.push(Notice::text("unknown_lang", &value));
                }
            }
            "theme" => {
                if THEMES.contains(&value.as_str()) {
                    view.theme = Some(value);
                } else {
                    notices.push(Notice::text("unknown_theme", &value));
                }
            }
            "challenge" => {
                if crate::classroom::challenge(&value).is_some() {
                    view.challenge = Some(value);
                } else {
                    notices.push(Notice {
                        expected: Some(crate::classroom::CHALLENGE_IDS),
                        ..Notice::text("unknown_challenge", &value)
                    });
                }
            }
            "lock" | "hide" => {
                for item in value.split(',').filter(|s| !s.is_empty()) {
                    let known_param = spec(item).is_some();
                    let known_group = key == "hide" && GROUP_IDS.contains(&item);
                    if known_param || known_group {
                        let list = if key == "lock" {
                            &mut view.lock
                        } else {
                            &mut view.hide
                        };
                        if !list.iter().any(|x| x == item) {
                            list.push(item.to_string());
                        }
                    } else {
                        let code = if key == "lock" {
                            "unknown_lock"
                        } else {
                            "unknown_hide"
                        };
                        notices.push(Notice::text(code, item));
                    }
                }
            }
            id => match parse_value(value.trim()).ok_or(()) {
                Ok(v) => {
                    raw.insert(id.to_string(), (v, value.clone()));
                }
                Err(_) => match spec(id) {
                    Some(known) => notices.push(Notice {
                        param: Some(known.id),
                        ..Notice::text("not_a_number", &value)
                    }),
                    None => notices.push(Notice::text("unknown_param", id)),
                },
            },
        }
    }
    // Inserted one by one (already in order): `collect` would sort, and bring a stable sort's
    // code into the wasm module.
    let mut values: LiteMap<String, f64> = LiteMap::new();
    for (id, (v, _)) in raw.iter() {
        values.insert(id.clone(), *v);
    }
    for m in migrate_params(scenario.schema, &mut values) {
        notices.push(Notice::from(&m));
    }
    scenario.schema = scenario.schema.max(SCHEMA_VERSION);
    for (id, v) in values {
        match check_value(&id, v) {
            Ok(()) => {
                scenario.params.insert(id, v);
            }
            Err(problem) => {
                let text = raw.get(&id).map_or_else(String::new, |(_, t)| t.clone());
                notices.push(Notice::rejected(problem, &id, &text));
            }
        }
    }
    // Cross-parameter rules: if the combination is invalid, fall back to the preset's values for
    // the parameters involved rather than rejecting the whole link.
    if let Err(e) = scenario.resolve() {
        let total = e.problems.iter().find_map(|p| match p {
            Problem::SharesOver100 { total_pct } => Some((total_pct * 100.0).round() / 100.0),
            _ => None,
        });
        notices.push(Notice {
            value: total,
            ..Notice::new("shares_reset")
        });
        for id in [
            "us_demand_share_pct",
            "china_demand_share_pct",
            "allies_demand_share_pct",
        ] {
            scenario.params.remove(id);
        }
    }
    scenario.minimise();
    DecodedLink {
        scenario,
        view,
        notices,
    }
}
