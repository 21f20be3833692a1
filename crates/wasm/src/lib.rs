//! The wasm boundary: converts JS values to model types and back, and model errors to `JsError`.
//! No domain logic lives here; every number comes from the `rare_earth` crate.

use rare_earth::{Projection, Scenario, Series, PARAMS, PRESETS, PROJECTS, SERIES};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Installs the panic hook once, when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The model version (the crate version of `rare-earth`).
#[wasm_bindgen]
pub fn version() -> String {
    rare_earth::MODEL_VERSION.to_string()
}

#[derive(Serialize)]
struct Catalogue {
    model_version: &'static str,
    schema: u32,
    base_year: i32,
    params: &'static [rare_earth::ParamSpec],
    presets: &'static [rare_earth::Preset],
    series: &'static [rare_earth::SeriesSpec],
    projects: &'static [rare_earth::Project],
    /// The slider groups in display order, the page's languages and themes (the values a link's
    /// `hide`, `lang` and `theme` accept).
    groups: &'static [&'static str],
    langs: &'static [&'static str],
    themes: &'static [&'static str],
    /// Every code a warning, an event (and its marker kind) or a link notice can carry: the page
    /// writes each in every language, and a test checks its string tables cover them all.
    warning_codes: &'static [&'static str],
    event_codes: &'static [&'static str],
    event_kinds: &'static [&'static str],
    notice_codes: &'static [&'static str],
}

/// A warning as data: its sentence is written by the page from the code, year and value.
#[derive(Serialize)]
struct WarningOut {
    code: &'static str,
    year: Option<i32>,
    value: Option<f64>,
}

/// A chart event as data; `name` is the plant's name for `project` events.
#[derive(Serialize)]
struct EventOut<'a> {
    year: i32,
    kind: &'static str,
    code: &'static str,
    value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

/// Everything of a projection but its numbers, which cross separately as one `Float64Array`.
#[derive(Serialize)]
struct ProjectionHead<'a> {
    schema: u32,
    model_version: &'static str,
    years: Vec<i32>,
    summary: &'a rare_earth::Summary,
    warnings: Vec<WarningOut>,
    events: Vec<EventOut<'a>>,
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    // Maps as plain objects, so that `series[id]` and `params[id]` work in JS.
    let ser = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value
        .serialize(&ser)
        .map_err(|e| JsError::new(&format!("cannot convert output: {e}")))
}

/// Everything the page builds its controls from: parameters, presets, series, projects.
#[wasm_bindgen]
pub fn catalogue() -> Result<JsValue, JsError> {
    to_js(&Catalogue {
        model_version: rare_earth::MODEL_VERSION,
        schema: rare_earth::SCHEMA_VERSION,
        base_year: rare_earth::BASE_YEAR,
        params: PARAMS,
        presets: PRESETS,
        series: SERIES,
        projects: PROJECTS,
        groups: &rare_earth::link::GROUP_IDS,
        langs: &rare_earth::link::LANGS,
        themes: &rare_earth::link::THEMES,
        warning_codes: rare_earth::WARNING_CODES,
        event_codes: rare_earth::EVENT_CODES,
        event_kinds: rare_earth::EVENT_KINDS,
        notice_codes: rare_earth::NOTICE_CODES,
    })
}

/// A projection for JS: `{ schema, model_version, years, summary, warnings, events, data }` where
/// `data` is one `Float64Array` holding every series (catalogue order), one value per year,
/// series-major: series k is `data.subarray(k * years.length, (k + 1) * years.length)`. One copy
/// instead of a JS array per series keeps the call within a few times the projection itself.
fn projection_to_js(p: &Projection) -> Result<JsValue, JsError> {
    let head = ProjectionHead {
        schema: rare_earth::SCHEMA_VERSION,
        model_version: rare_earth::MODEL_VERSION,
        years: p.years().collect(),
        summary: &p.summary,
        warnings: p
            .warnings
            .iter()
            .map(|w| WarningOut {
                code: w.code,
                year: w.year,
                value: w.value,
            })
            .collect(),
        events: p
            .events
            .iter()
            .map(|e| EventOut {
                year: e.year,
                kind: e.kind,
                code: e.code,
                value: e.value,
                name: (e.code == "project").then_some(e.label.as_str()),
            })
            .collect(),
    };
    let out = to_js(&head)?;
    let mut data = Vec::with_capacity(SERIES.len() * p.n_years);
    for k in 0..SERIES.len() {
        data.extend_from_slice(p.series(Series(k)));
    }
    js_sys::Reflect::set(
        &out,
        &JsValue::from_str("data"),
        &js_sys::Float64Array::from(&data[..]),
    )
    .map_err(|_| JsError::new("cannot convert output"))?;
    Ok(out)
}

/// The fields a scenario object may have (the scenario file format).
const SCENARIO_FIELDS: [&str; 5] = ["schema", "preset", "name", "notes", "params"];
const VIEW_FIELDS: [&str; 4] = ["lang", "theme", "lock", "hide"];

/// Rejects fields a struct does not have: serde-wasm-bindgen looks up only the known names, so
/// `deny_unknown_fields` alone would let a typo such as `{ param: {...} }` run the baseline.
fn deny_unknown_keys(value: &JsValue, what: &str, known: &[&str]) -> Result<(), JsError> {
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return Err(JsError::new(&format!("{what} must be an object")));
    };
    if js_sys::Array::is_array(value) {
        return Err(JsError::new(&format!(
            "{what} must be an object, not an array"
        )));
    }
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            let expected: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            return Err(JsError::new(&format!(
                "{what}: unknown field `{key}`, expected one of {}",
                expected.join(", ")
            )));
        }
    }
    Ok(())
}

fn scenario_from_js(value: JsValue) -> Result<Scenario, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Scenario::baseline());
    }
    deny_unknown_keys(&value, "scenario", &SCENARIO_FIELDS)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("scenario: {e}")))
}

/// Parses scenario file text with the browser's JSON parser (no JSON library in the wasm).
fn scenario_from_text(text: &str) -> Result<Scenario, JsError> {
    if text.len() > rare_earth::scenario::MAX_SCENARIO_BYTES {
        let p = rare_earth::Problem::TooLarge { bytes: text.len() };
        return Err(JsError::new(&p.to_string()));
    }
    let value = js_sys::JSON::parse(text).map_err(|e| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default();
        JsError::new(&format!("scenario is not valid JSON: {detail}"))
    })?;
    let scenario = scenario_from_js(value)?;
    if scenario.schema > rare_earth::SCHEMA_VERSION {
        let p = rare_earth::Problem::Schema {
            found: scenario.schema,
        };
        return Err(JsError::new(&p.to_string()));
    }
    Ok(scenario)
}

/// Runs one projection of a scenario object `{ preset?, params?: { id: number }, name?, notes? }`.
/// Throws an `Error` naming every bad parameter, its range and the value received.
#[wasm_bindgen]
pub fn project(scenario: JsValue) -> Result<JsValue, JsError> {
    let scenario = scenario_from_js(scenario)?;
    let projection = rare_earth::project(&scenario).map_err(|e| JsError::new(&e.to_string()))?;
    projection_to_js(&projection)
}

/// Runs a scenario given as JSON text (an imported file); same result as `project`.
#[wasm_bindgen]
pub fn project_json(text: &str) -> Result<JsValue, JsError> {
    let scenario = scenario_from_text(text)?;
    let projection = rare_earth::project(&scenario).map_err(|e| JsError::new(&e.to_string()))?;
    projection_to_js(&projection)
}

/// Checks one value against the catalogue; throws with the CLI's message when it is out of range.
#[wasm_bindgen]
pub fn check_value(id: &str, value: f64) -> Result<(), JsError> {
    rare_earth::check_value(id, value).map_err(|e| JsError::new(&e.to_string()))
}

/// The share-link fragment (without `#`) for a scenario object and view options
/// `{ lang?, theme?, lock?: [id], hide?: [id or group] }`. Only values that differ from the preset
/// are written.
#[wasm_bindgen]
pub fn encode_link(scenario: JsValue, view: JsValue) -> Result<String, JsError> {
    let scenario = scenario_from_js(scenario)?;
    let view: rare_earth::ViewOptions = if view.is_undefined() || view.is_null() {
        rare_earth::ViewOptions::default()
    } else {
        deny_unknown_keys(&view, "view options", &VIEW_FIELDS)?;
        serde_wasm_bindgen::from_value(view)
            .map_err(|e| JsError::new(&format!("view options: {e}")))?
    };
    Ok(rare_earth::encode_link(&scenario, &view))
}

/// Reads a share-link fragment. Never throws: returns `{ scenario, view, notices }`, where
/// `notices` lists what could not be read (those parts keep their defaults), each as
/// `{ code, text?, param?, value?, min?, max? }` for the page to write in the reader's language.
#[wasm_bindgen]
pub fn decode_link(fragment: &str) -> Result<JsValue, JsError> {
    to_js(&rare_earth::decode_link(fragment))
}

/// Checks a scenario object without running it; throws with every problem found.
#[wasm_bindgen]
pub fn validate(scenario: JsValue) -> Result<(), JsError> {
    let scenario = scenario_from_js(scenario)?;
    scenario
        .resolve()
        .map(|_| ())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The scenario object as the JSON file format (pretty-printed), for "save scenario".
#[wasm_bindgen]
pub fn scenario_to_json(scenario: JsValue) -> Result<String, JsError> {
    let mut scenario = scenario_from_js(scenario)?;
    scenario.minimise();
    let value = to_js(&scenario)?;
    let text =
        js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))
            .map_err(|_| JsError::new("cannot write the scenario as JSON"))?;
    Ok(text.into())
}

/// Reads a scenario file's JSON text into a scenario object, validating it; throws with the CLI's
/// messages (unknown fields, bad values, oversize) so an import never half-applies.
#[wasm_bindgen]
pub fn scenario_from_json(text: &str) -> Result<JsValue, JsError> {
    let scenario = scenario_from_text(text)?;
    scenario
        .resolve()
        .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&scenario)
}

/// CSV of a scenario's projection (one row per year, one column per series), for export.
#[wasm_bindgen]
pub fn project_csv(scenario: JsValue) -> Result<String, JsError> {
    let scenario = scenario_from_js(scenario)?;
    let projection = rare_earth::project(&scenario).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(projection.to_csv())
}

/// Runs the default projection `iterations` times without crossing the boundary, for the
/// browser benchmark's wasm/native ratio. Returns a checksum so the work is not optimised away.
#[wasm_bindgen]
pub fn bench_project_default(iterations: u32) -> f64 {
    let inputs = rare_earth::Inputs::defaults();
    let mut checksum = 0.0;
    for _ in 0..iterations {
        let p = rare_earth::model::project(&inputs);
        checksum += p.summary.cumulative_us_shortfall_t;
    }
    checksum
}
