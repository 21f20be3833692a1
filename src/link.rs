//! Share links: a scenario (and the teacher's view options) as a URL fragment, and back.
//!
//! The fragment is readable and hand-editable: `v=1&mv=0.1.0&preset=us_push&ramp_years=3&lang=zh`.
//! Only parameters that differ from the preset are written. Decoding never fails: whatever cannot
//! be read (an unknown or mangled parameter, a value out of range, a truncated pair, a link from a
//! newer schema, an oversize link) becomes a notice, and that part keeps its default.

use crate::output::{MODEL_VERSION, SCHEMA_VERSION};
use crate::params::{spec, PARAMS};
use crate::presets::preset;
use crate::scenario::{check_value, Scenario};
use serde::{Deserialize, Serialize};

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
}

pub const LANGS: [&str; 2] = ["en", "zh"];
pub const THEMES: [&str; 3] = ["light", "dark", "projector"];
pub const GROUP_IDS: [&str; 5] = [
    "costs",
    "capacity",
    "demand",
    "trade",
    "stockpile_recycling",
];

/// What a link decodes to: always a runnable scenario, plus notices for what was dropped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecodedLink {
    pub scenario: Scenario,
    pub view: ViewOptions,
    /// One sentence per part that could not be read; empty for a clean link.
    pub notices: Vec<String>,
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

/// Shortest decimal text that reads back as the same `f64`.
fn format_value(v: f64) -> String {
    format!("{v}")
}

/// The link fragment (without `#`) for a scenario and view options. Parameters equal to the
/// preset's value are left out; parameters are written in catalogue order.
pub fn encode_link(scenario: &Scenario, view: &ViewOptions) -> String {
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
    parts.join("&")
}

fn shorten(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

fn clip(s: String, notices: &mut Vec<String>, what: &str) -> String {
    if s.chars().count() > MAX_TEXT_CHARS {
        notices.push(format!(
            "the {what} was longer than {MAX_TEXT_CHARS} characters and was cut"
        ));
        s.chars().take(MAX_TEXT_CHARS).collect()
    } else {
        s
    }
}

/// Reads a link fragment (with or without a leading `#` or `?`). Never fails: see the module docs.
pub fn decode_link(fragment: &str) -> DecodedLink {
    let mut notices = Vec::new();
    let mut scenario = Scenario::baseline();
    let mut view = ViewOptions::default();
    if fragment.len() > MAX_LINK_BYTES {
        notices.push(format!(
            "the link is {} bytes, more than the {MAX_LINK_BYTES} allowed: it was ignored and the baseline is shown",
            fragment.len()
        ));
        return DecodedLink {
            scenario,
            view,
            notices,
        };
    }
    let body = fragment.trim().trim_start_matches(['#', '?']);
    let mut params: Vec<(String, f64)> = Vec::new();
    for pair in body.split('&').filter(|p| !p.is_empty()) {
        let Some((raw_key, raw_value)) = pair.split_once('=') else {
            notices.push(format!("`{}` has no value and was ignored", shorten(pair)));
            continue;
        };
        let (Some(key), Some(value)) = (decode_text(raw_key), decode_text(raw_value)) else {
            notices.push(format!(
                "`{}` is not valid text and was ignored",
                shorten(pair)
            ));
            continue;
        };
        match key.as_str() {
            "v" => match value.parse::<u32>() {
                Ok(v) if v <= SCHEMA_VERSION => scenario.schema = v,
                Ok(v) => notices.push(format!(
                    "the link was made by a newer calculator (format {v}; this one reads {SCHEMA_VERSION}): some settings may be missing"
                )),
                Err(_) => notices.push(format!("the link format `{}` is not a number and was ignored", shorten(&value))),
            },
            "mv" => {
                if value != MODEL_VERSION {
                    notices.push(format!(
                        "the link was made with model {}; this is model {MODEL_VERSION}, so the numbers may differ",
                        shorten(&value)
                    ));
                }
            }
            "preset" => {
                if preset(&value).is_some() {
                    scenario.preset = (value != "baseline").then_some(value);
                } else {
                    notices.push(format!("unknown preset `{}`: the sourced baseline is used instead", shorten(&value)));
                }
            }
            "name" => scenario.name = Some(clip(value, &mut notices, "name")),
            "notes" => scenario.notes = Some(clip(value, &mut notices, "note")),
            "lang" => {
                if LANGS.contains(&value.as_str()) {
                    view.lang = Some(value);
                } else {
                    notices.push(format!("unknown language `{}` was ignored", shorten(&value)));
                }
            }
            "theme" => {
                if THEMES.contains(&value.as_str()) {
                    view.theme = Some(value);
                } else {
                    notices.push(format!("unknown theme `{}` was ignored", shorten(&value)));
                }
            }
            "lock" | "hide" => {
                for item in value.split(',').filter(|s| !s.is_empty()) {
                    let known_param = spec(item).is_some();
                    let known_group = key == "hide" && GROUP_IDS.contains(&item);
                    if known_param || known_group {
                        let list = if key == "lock" { &mut view.lock } else { &mut view.hide };
                        if !list.iter().any(|x| x == item) {
                            list.push(item.to_string());
                        }
                    } else {
                        notices.push(format!("cannot {key} unknown control `{}`", shorten(item)));
                    }
                }
            }
            id => match value.trim().parse::<f64>() {
                Ok(v) => match check_value(id, v) {
                    Ok(()) => params.push((id.to_string(), v)),
                    Err(e) => notices.push(format!("{e}: the default is used")),
                },
                Err(_) => {
                    if spec(id).is_some() {
                        notices.push(format!("`{id}` has the value `{}`, not a number: the default is used", shorten(&value)));
                    } else {
                        notices.push(format!("unknown parameter `{}` was ignored", shorten(id)));
                    }
                }
            },
        }
    }
    for (id, v) in params {
        scenario.params.insert(id, v);
    }
    // Cross-parameter rules: if the combination is invalid, fall back to the preset's values for
    // the parameters involved rather than rejecting the whole link.
    if let Err(e) = scenario.resolve() {
        notices.push(format!("{e}: those settings were reset"));
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
