//! The wasm boundary: converts JS values to model types and back, and model problems to JS errors
//! that carry them as data. No domain logic lives here; every number comes from the `rare_earth`
//! crate.
//!
//! What crosses is data, never English: warnings, events, link notices and input problems are a
//! code and the values they quote, and the page writes them from its string tables. That keeps
//! the wording in one place per language and keeps the module small: it has no float formatting
//! or parsing of its own (numbers in links are written and read with the browser's), and no
//! serde at all: scenario objects are read, and results built, field by field below (the generic
//! serialiser cost 15.6 KB raw, 5.6 KB gz of the module).

use js_sys::{Array, Reflect};
use rare_earth::{classroom, Figure, PROJECTS, SERIES};
use rare_earth::{Problem, Projection, Scenario, ScenarioError, Series, PARAMS, PRESETS};
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

/// Every code an input problem (the `problems` of a thrown error) can have.
pub static PROBLEM_CODES: &[&str] = &[
    "unknown_param",
    "not_finite",
    "out_of_range",
    "not_whole",
    "unknown_preset",
    "shares_over_100",
    "schema",
    "not_json",
    "too_large",
    "bad_setting",
    "not_an_object",
    "unknown_field",
    "not_text",
    "not_a_number",
    "wrong_type",
    "bad_schema",
    "too_deep",
    "unknown_challenge",
];

/// One input problem as data (one of `PROBLEM_CODES` and the values its sentence quotes).
#[derive(Default)]
struct ProblemOut {
    code: &'static str,
    /// The parameter or field concerned.
    param: Option<String>,
    /// The text concerned (a preset name, a field name, a parser's message).
    text: Option<String>,
    value: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    /// For `wrong_type`: what was expected, as a key (`number`, `whole_number` ...) of the
    /// page's `want_*` wording.
    want: Option<&'static str>,
    /// For `unknown_field`: the fields allowed there.
    expected: Option<&'static [&'static str]>,
}

impl ProblemOut {
    fn new(code: &'static str, param: &str) -> Self {
        ProblemOut {
            code,
            param: Some(param.to_string()),
            ..ProblemOut::default()
        }
    }
}

/// The model's problem as data. Every variant is listed (no wildcard), so a new kind of problem
/// in the model fails to compile here until it has a code.
fn problem_out(p: &Problem) -> ProblemOut {
    let with_value = |code, id: &str, value: f64| ProblemOut {
        value: Some(value),
        ..ProblemOut::new(code, id)
    };
    let with_text = |code, text: &str| ProblemOut {
        code,
        text: Some(text.to_string()),
        ..ProblemOut::default()
    };
    match p {
        Problem::UnknownParam { id } => ProblemOut::new("unknown_param", id),
        Problem::NotFinite { id, value } => with_value("not_finite", id, *value),
        Problem::OutOfRange {
            id,
            min,
            max,
            value,
            ..
        } => ProblemOut {
            min: Some(*min),
            max: Some(*max),
            ..with_value("out_of_range", id, *value)
        },
        Problem::NotWhole { id, value } => with_value("not_whole", id, *value),
        Problem::UnknownPreset { name } => with_text("unknown_preset", name),
        Problem::SharesOver100 { total_pct } => ProblemOut {
            code: "shares_over_100",
            value: Some((total_pct * 100.0).round() / 100.0),
            ..ProblemOut::default()
        },
        Problem::Schema { found } => ProblemOut {
            code: "schema",
            value: Some(f64::from(*found)),
            max: Some(f64::from(rare_earth::SCHEMA_VERSION)),
            ..ProblemOut::default()
        },
        Problem::Parse { message } => with_text("not_json", message),
        Problem::TooLarge { bytes } => ProblemOut {
            code: "too_large",
            value: Some(*bytes as f64),
            max: Some(rare_earth::scenario::MAX_SCENARIO_BYTES as f64),
            ..ProblemOut::default()
        },
        Problem::BadSetting { text } => with_text("bad_setting", text),
        Problem::WrongType {
            field,
            expected,
            got,
        } => ProblemOut {
            text: Some(got.clone()),
            // What was wanted, as a key of the string tables' `want_*` wording.
            want: Some(match *expected {
                "a JSON object" => "json_object",
                "a number" => "number",
                "a string" => "string",
                "a whole number" => "whole_number",
                _ => "params_object",
            }),
            ..ProblemOut::new("wrong_type", field)
        },
        Problem::UnknownField { field } => ProblemOut {
            text: Some(field.clone()),
            expected: Some(&["schema", "preset", "name", "notes", "params"]),
            ..ProblemOut::new("unknown_field", "scenario")
        },
        Problem::BadSchema { found } => ProblemOut {
            code: "bad_schema",
            value: Some(*found),
            max: Some(f64::from(rare_earth::SCHEMA_VERSION)),
            ..ProblemOut::default()
        },
        Problem::TooDeep => ProblemOut {
            code: "too_deep",
            max: Some(rare_earth::scenario::MAX_SCENARIO_DEPTH as f64),
            ..ProblemOut::default()
        },
    }
}

/// A JS `Error` whose `problems` property lists the problems as data; its message is only their
/// codes (the page's model.js writes the sentences from its string tables).
fn fail(problems: Vec<ProblemOut>) -> JsValue {
    let codes: Vec<&str> = problems.iter().map(|p| p.code).collect();
    with_problems(js_sys::Error::new(&codes.join(", ")).into(), problems)
}

/// `error` with its `problems` property set.
fn with_problems(error: JsValue, problems: Vec<ProblemOut>) -> JsValue {
    let list: Array = problems.iter().map(problem_js).collect();
    let _ = Reflect::set(&error, &JsValue::from_str("problems"), &list);
    error
}

fn fail_one(problem: ProblemOut) -> JsValue {
    fail(vec![problem])
}

fn scenario_error(e: ScenarioError) -> JsValue {
    fail(e.problems.iter().map(problem_out).collect())
}

// ---- The catalogue, built field by field ---------------------------------------------------------
// By hand rather than through serde-wasm-bindgen: the generic serialisation of these static tables
// was the largest single item of the module (the `catalogue` shim, 7.6 KB), and the page's first
// visit is at its budget. `tests/web.rs` checks the shapes the page reads.

fn put(o: &js_sys::Object, key: &str, value: impl Into<JsValue>) {
    // Setting a property of a fresh plain object cannot fail.
    let _ = Reflect::set(o, &JsValue::from_str(key), &value.into());
}

fn texts(list: &[&str]) -> Array {
    list.iter().map(|s| JsValue::from_str(s)).collect()
}

fn grade_id(g: rare_earth::Grade) -> &'static str {
    match g {
        rare_earth::Grade::A => "A",
        rare_earth::Grade::B => "B",
        rare_earth::Grade::C => "C",
        rare_earth::Grade::Setting => "-",
    }
}

fn group_id(g: rare_earth::Group) -> &'static str {
    let i = rare_earth::Group::ALL
        .iter()
        .position(|x| *x == g)
        .unwrap_or(0);
    rare_earth::link::GROUP_IDS[i]
}

fn region_id(r: rare_earth::Region) -> &'static str {
    match r {
        rare_earth::Region::Us => "us",
        rare_earth::Region::China => "china",
        rare_earth::Region::Allies => "allies",
        rare_earth::Region::RestOfWorld => "rest_of_world",
    }
}

fn param_js(p: &rare_earth::ParamSpec) -> js_sys::Object {
    let o = js_sys::Object::new();
    put(&o, "id", p.id);
    put(&o, "label", p.label);
    put(&o, "unit", p.unit);
    put(&o, "group", group_id(p.group));
    put(&o, "advanced", p.advanced);
    put(&o, "min", p.min);
    put(&o, "max", p.max);
    put(&o, "step", p.step);
    put(&o, "default", p.default);
    put(&o, "options", texts(p.options));
    put(&o, "grade", grade_id(p.grade));
    put(&o, "source", p.source);
    put(&o, "description", p.description);
    o
}

fn preset_js(p: &rare_earth::Preset) -> js_sys::Object {
    let o = js_sys::Object::new();
    put(&o, "id", p.id);
    put(&o, "name", p.name);
    put(&o, "description", p.description);
    put(&o, "sources", texts(p.sources));
    put(&o, "hypothesis", p.hypothesis);
    let values: Array = p
        .values
        .iter()
        .map(|(id, v)| JsValue::from(Array::of2(&JsValue::from_str(id), &JsValue::from(*v))))
        .collect();
    put(&o, "values", values);
    let claims: Array = p
        .claims
        .iter()
        .map(|c| {
            let co = js_sys::Object::new();
            put(
                &co,
                "param",
                c.param.map_or(JsValue::UNDEFINED, JsValue::from_str),
            );
            put(&co, "reported", c.reported);
            put(&co, "sourced", c.sourced);
            put(&co, "verdict", c.verdict);
            JsValue::from(co)
        })
        .collect();
    put(&o, "claims", claims);
    o
}

fn goal_js(g: &classroom::Goal) -> js_sys::Object {
    let o = js_sys::Object::new();
    put(&o, "measure", g.measure);
    put(&o, "target", g.target);
    put(&o, "at_most", g.at_most);
    o
}

/// A class challenge: `{ id, side, preset, goal, limits }`, each goal `{ measure, target,
/// at_most }` (its wording is in the page's string tables, by id).
fn challenge_js(c: &classroom::Challenge) -> js_sys::Object {
    let o = js_sys::Object::new();
    put(&o, "id", c.id);
    put(&o, "side", c.side);
    put(&o, "preset", c.preset);
    put(&o, "goal", goal_js(&c.goal));
    let limits: Array = c.limits.iter().map(|l| JsValue::from(goal_js(l))).collect();
    put(&o, "limits", limits);
    o
}

fn project_js(p: &rare_earth::Project) -> js_sys::Object {
    let o = js_sys::Object::new();
    put(&o, "name", p.name);
    put(&o, "region", region_id(p.region));
    put(&o, "stage", rare_earth::Stage::IDS[p.stage.index()]);
    put(&o, "integrated", p.integrated);
    put(&o, "ndpr_t_per_yr", p.ndpr_t_per_yr);
    put(&o, "heavy_t_per_yr", p.heavy_t_per_yr);
    put(&o, "magnet_t_per_yr", p.magnet_t_per_yr);
    put(&o, "start_year", f64::from(p.start_year));
    put(&o, "deal", p.deal);
    put(&o, "mp", p.mp);
    put(&o, "ebitda_guarantee", p.ebitda_guarantee);
    put(&o, "source", p.source);
    o
}

/// Everything the page builds its controls from: parameters, presets, series, projects, and the
/// lists of groups, main levers, languages, themes and every warning, event, notice and problem
/// code (the page writes each in every language, and a test checks its string tables cover them
/// all), and the longest scenario file and share link read, in bytes.
#[wasm_bindgen]
pub fn catalogue() -> Result<JsValue, JsValue> {
    let o = js_sys::Object::new();
    put(&o, "model_version", rare_earth::MODEL_VERSION);
    put(&o, "schema", f64::from(rare_earth::SCHEMA_VERSION));
    put(&o, "base_year", f64::from(rare_earth::BASE_YEAR));
    let list =
        |items: Vec<js_sys::Object>| -> Array { items.into_iter().map(JsValue::from).collect() };
    put(&o, "params", list(PARAMS.iter().map(param_js).collect()));
    put(&o, "presets", list(PRESETS.iter().map(preset_js).collect()));
    let series: Array = SERIES
        .iter()
        .map(|s| {
            let so = js_sys::Object::new();
            put(&so, "id", s.id);
            put(&so, "label", s.label);
            put(&so, "unit", s.unit);
            JsValue::from(so)
        })
        .collect();
    put(&o, "series", series);
    put(
        &o,
        "projects",
        list(PROJECTS.iter().map(project_js).collect()),
    );
    put(&o, "groups", texts(&rare_earth::link::GROUP_IDS));
    put(&o, "main_levers", texts(rare_earth::params::MAIN_LEVERS));
    put(&o, "langs", texts(&rare_earth::link::LANGS));
    put(&o, "themes", texts(&rare_earth::link::THEMES));
    put(&o, "warning_codes", texts(rare_earth::WARNING_CODES));
    put(&o, "event_codes", texts(rare_earth::EVENT_CODES));
    put(&o, "event_kinds", texts(rare_earth::EVENT_KINDS));
    put(&o, "notice_codes", texts(rare_earth::NOTICE_CODES));
    put(&o, "problem_codes", texts(PROBLEM_CODES));
    put(
        &o,
        "challenges",
        list(classroom::CHALLENGES.iter().map(challenge_js).collect()),
    );
    put(&o, "china_levers", texts(&classroom::side_levers("china")));
    put(&o, "us_levers", texts(&classroom::side_levers("us")));
    put(
        &o,
        "max_scenario_bytes",
        rare_earth::scenario::MAX_SCENARIO_BYTES as f64,
    );
    put(
        &o,
        "max_link_bytes",
        rare_earth::link::MAX_LINK_BYTES as f64,
    );
    Ok(o.into())
}

/// The position of `code` in `list` as a number, or -1 (the codes test in the model keeps every
/// code it emits listed).
fn index_of(list: &[&str], code: &str) -> f64 {
    list.iter()
        .position(|c| *c == code)
        .map_or(-1.0, |i| i as f64)
}

/// Sets `key` when the value is there (serde's `skip_serializing_if = "Option::is_none"`).
fn put_some(o: &js_sys::Object, key: &str, value: Option<impl Into<JsValue>>) {
    if let Some(v) = value {
        put(o, key, v);
    }
}

fn problem_js(p: &ProblemOut) -> JsValue {
    let o = js_sys::Object::new();
    put(&o, "code", p.code);
    put_some(&o, "param", p.param.as_deref());
    put_some(&o, "text", p.text.as_deref());
    put_some(&o, "value", p.value);
    put_some(&o, "min", p.min);
    put_some(&o, "max", p.max);
    put_some(&o, "want", p.want);
    put_some(&o, "expected", p.expected.map(texts));
    o.into()
}

fn notice_js(n: &rare_earth::link::Notice) -> JsValue {
    let o = js_sys::Object::new();
    put(&o, "code", n.code);
    put_some(&o, "text", n.text.as_deref());
    put_some(&o, "param", n.param);
    put_some(&o, "value", n.value);
    put_some(&o, "min", n.min);
    put_some(&o, "max", n.max);
    put_some(&o, "to", n.to);
    put_some(&o, "expected", n.expected.map(texts));
    o.into()
}

/// A scenario as the file format writes it: `schema`, then `preset`, `name` and `notes` when
/// set, then `params` (ids in order).
fn scenario_js(sc: &Scenario) -> js_sys::Object {
    let o = js_sys::Object::new();
    put(&o, "schema", f64::from(sc.schema));
    put_some(&o, "preset", sc.preset.as_deref());
    put_some(&o, "name", sc.name.as_deref());
    put_some(&o, "notes", sc.notes.as_deref());
    let params = js_sys::Object::new();
    for (id, v) in sc.params.iter() {
        put(&params, id, *v);
    }
    put(&o, "params", params);
    o
}

fn view_js(v: &rare_earth::ViewOptions) -> js_sys::Object {
    let o = js_sys::Object::new();
    put_some(&o, "lang", v.lang.as_deref());
    put_some(&o, "theme", v.theme.as_deref());
    let list = |l: &[String]| -> Array { l.iter().map(|s| JsValue::from_str(s)).collect() };
    if !v.lock.is_empty() {
        put(&o, "lock", list(&v.lock));
    }
    if !v.hide.is_empty() {
        put(&o, "hide", list(&v.hide));
    }
    put_some(&o, "challenge", v.challenge.as_deref());
    o
}

fn notices_js(list: &[rare_earth::link::Notice]) -> Array {
    list.iter().map(notice_js).collect()
}

/// The headline figures (`rare_earth::Summary`), by their field names; a year that did not come
/// is `undefined`, as serde left it.
fn summary_js(m: &rare_earth::Summary) -> js_sys::Object {
    let o = js_sys::Object::new();
    // Every field by its JSON name (SUMMARY_FIELDS, which a test holds to serde's output); a
    // year that never comes is `undefined`, as JSON's null reads in the page.
    for (id, figure) in rare_earth::SUMMARY_FIELDS {
        match figure {
            Figure::Value(f) => put(&o, id, f(m)),
            Figure::Year(f) => put(
                &o,
                id,
                f(m).map_or(JsValue::UNDEFINED, |y| JsValue::from(f64::from(y))),
            ),
        }
    }
    o
}

/// A projection for JS: `{ base_year, n_years, n_events, n_warnings, summary, data }`. `data` is
/// one `Float64Array`: every series (catalogue order), one value per year, series-major (series k
/// is `data.subarray(k * n_years, (k + 1) * n_years)`); then 5 numbers per event (year, index in
/// `event_codes`, index in `event_kinds`, value or NaN, index in `projects` for a plant or -1);
/// then 3 per warning (year or NaN, index in `warning_codes`, value or NaN). The page's model.js
/// turns them back into objects. Numbers instead of an object per series, event and warning
/// keep the call within a few times the projection itself.
fn projection_to_js(p: &Projection) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    put(&out, "base_year", f64::from(p.base_year));
    put(&out, "n_years", p.n_years as f64);
    put(&out, "n_events", p.events.len() as f64);
    put(&out, "n_warnings", p.warnings.len() as f64);
    put(&out, "summary", summary_js(&p.summary));
    let out: JsValue = out.into();
    let mut data =
        Vec::with_capacity(SERIES.len() * p.n_years + 5 * p.events.len() + 3 * p.warnings.len());
    for k in 0..SERIES.len() {
        data.extend_from_slice(p.series(Series(k)));
    }
    let or_nan = |v: Option<f64>| v.unwrap_or(f64::NAN);
    for e in &p.events {
        let plant = e.project.map_or(-1.0, |i| i as f64);
        data.extend([
            f64::from(e.year),
            index_of(rare_earth::EVENT_CODES, e.code),
            index_of(rare_earth::EVENT_KINDS, e.kind),
            or_nan(e.value),
            plant,
        ]);
    }
    for w in &p.warnings {
        data.extend([
            or_nan(w.year.map(f64::from)),
            index_of(rare_earth::WARNING_CODES, w.code),
            or_nan(w.value),
        ]);
    }
    Reflect::set(
        &out,
        &JsValue::from_str("data"),
        &js_sys::Float64Array::from(&data[..]),
    )?;
    Ok(out)
}

// ---- Reading JS values ------------------------------------------------------------------------
//
// Whatever a caller passes may run code of its own when read (a getter, a Proxy's traps). A JS
// exception thrown through wasm frames skips their epilogues, so the module's stack pointer is
// never restored; ~2,000 of them and every later call fails with "memory access out of bounds"
// (issue 9, defect 1). So every read that can run the caller's code goes through an import
// declared `catch`, which turns the exception into an `Err` at the boundary, and only own
// properties are read: an object's prototype (`Object.create({preset: ...})`, or a host page that
// set `Object.prototype.schema`) is never consulted.

#[wasm_bindgen]
extern "C" {
    /// `Object.entries`: own enumerable string-keyed properties, read once.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn own_entries(value: &JsValue) -> Result<Array, JsValue>;
    /// `Array.isArray` (throws on a revoked Proxy).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// `Array.from`: a plain copy of an array-like, read once.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Result<Array, JsValue>;
}

/// A `TypeError` that carries its problems as data, like [`fail`]'s errors.
fn type_error(problem: ProblemOut) -> JsValue {
    with_problems(js_sys::TypeError::new(problem.code).into(), vec![problem])
}

/// The `wrong_type` problem for an argument `name` that is not `want` (`string`, `number`).
fn wrong_argument(name: &str, want: &'static str, got: &JsValue) -> JsValue {
    type_error(ProblemOut {
        text: got.js_typeof().as_string(),
        want: Some(want),
        ..ProblemOut::new("wrong_type", name)
    })
}

/// A text argument, with its length (UTF-16 units) checked before it is copied into the
/// module's memory: a 90 MB string must not grow the memory by 90 MB to be refused.
fn text_argument(
    value: &JsValue,
    name: &str,
    max: usize,
) -> Result<Result<String, usize>, JsValue> {
    let Some(text) = value.dyn_ref::<js_sys::JsString>() else {
        return Err(wrong_argument(name, "string", value));
    };
    let len = text.length() as usize;
    if len > max {
        return Ok(Err(len));
    }
    Ok(Ok(String::from(text)))
}

/// The fields a scenario object may have (the scenario file format).
const SCENARIO_FIELDS: &[&str] = &["schema", "preset", "name", "notes", "params"];
const VIEW_FIELDS: &[&str] = &["lang", "theme", "lock", "hide", "challenge"];

/// The own enumerable properties of `value` as (key, value) pairs, when it is an object and not
/// an array; otherwise the `not_an_object` problem naming `what`. A getter or trap that throws is
/// the same problem, thrown as a `TypeError`.
fn object(value: &JsValue, what: &str) -> Result<Vec<(String, JsValue)>, JsValue> {
    let unreadable = || type_error(ProblemOut::new("not_an_object", what));
    if !value.is_object() || is_array(value).map_err(|_| unreadable())? {
        return Err(fail_one(ProblemOut::new("not_an_object", what)));
    }
    let entries = own_entries(value).map_err(|_| unreadable())?;
    Ok(entries
        .iter()
        .map(|entry| {
            let pair = Array::from(&entry);
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        })
        .collect())
}

/// Rejects fields a struct does not have: a typo such as `{ param: {...} }` must not silently
/// run the baseline.
fn deny_unknown_keys(
    fields: &[(String, JsValue)],
    what: &str,
    known: &'static [&'static str],
) -> Result<(), JsValue> {
    for (key, _) in fields {
        if !known.contains(&key.as_str()) {
            return Err(fail_one(ProblemOut {
                text: Some(key.clone()),
                expected: Some(known),
                ..ProblemOut::new("unknown_field", what)
            }));
        }
    }
    Ok(())
}

/// An own field's value (`undefined` when absent).
fn field(fields: &[(String, JsValue)], name: &str) -> JsValue {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or(JsValue::UNDEFINED, |(_, v)| v.clone())
}

/// An optional text field (`undefined` and `null` are absent).
fn text_field(fields: &[(String, JsValue)], name: &str) -> Result<Option<String>, JsValue> {
    let v = field(fields, name);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| fail_one(ProblemOut::new("not_text", name)))
}

/// An optional list of texts.
fn list_field(fields: &[(String, JsValue)], name: &str) -> Result<Vec<String>, JsValue> {
    let v = field(fields, name);
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    let not_text = || fail_one(ProblemOut::new("not_text", name));
    if !is_array(&v).map_err(|_| not_text())? {
        return Err(not_text());
    }
    let items = array_from(&v).map_err(|_| not_text())?;
    items
        .iter()
        .map(|item| item.as_string().ok_or_else(not_text))
        .collect()
}

/// A scenario object `{ schema?, preset?, name?, notes?, params?: { id: number } }`; `undefined`
/// and `null` are the baseline.
fn scenario_from_js(value: &JsValue) -> Result<Scenario, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Scenario::baseline());
    }
    let o = object(value, "scenario")?;
    deny_unknown_keys(&o, "scenario", SCENARIO_FIELDS)?;
    let mut s = Scenario::baseline();
    let schema = field(&o, "schema");
    if !schema.is_undefined() {
        match schema.as_f64() {
            Some(v) if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) => {
                s.schema = v as u32;
            }
            _ => return Err(fail_one(ProblemOut::new("not_a_number", "schema"))),
        }
    }
    // As in a file (`Scenario::read_json`): a version from 1 to this model's.
    if s.schema == 0 {
        return Err(fail_one(problem_out(&Problem::BadSchema { found: 0.0 })));
    }
    if s.schema > rare_earth::SCHEMA_VERSION {
        let found = s.schema;
        return Err(fail_one(problem_out(&Problem::Schema { found })));
    }
    s.preset = text_field(&o, "preset")?;
    s.name = text_field(&o, "name")?;
    s.notes = text_field(&o, "notes")?;
    let params = field(&o, "params");
    if !params.is_undefined() && !params.is_null() {
        for (id, value) in object(&params, "params")? {
            // A value must be a number; NaN passes here and is refused by the model, by name.
            match value.as_f64() {
                Some(v) => {
                    s.params.insert(id, v);
                }
                None => return Err(fail_one(ProblemOut::new("not_a_number", &id))),
            }
        }
    }
    Ok(s)
}

/// View options `{ lang?, theme?, lock?: [id], hide?: [id or group] }`.
fn view_from_js(value: &JsValue) -> Result<rare_earth::ViewOptions, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(rare_earth::ViewOptions::default());
    }
    let o = object(value, "view options")?;
    deny_unknown_keys(&o, "view options", VIEW_FIELDS)?;
    Ok(rare_earth::ViewOptions {
        lang: text_field(&o, "lang")?,
        theme: text_field(&o, "theme")?,
        lock: list_field(&o, "lock")?,
        hide: list_field(&o, "hide")?,
        challenge: text_field(&o, "challenge")?,
    })
}

/// Parses scenario file text (a JS string, else a `TypeError`) with the browser's JSON parser
/// (no JSON library in the wasm). Text longer than the limit is refused before it is copied.
fn scenario_from_text(text: &JsValue) -> Result<(Scenario, Vec<rare_earth::Migration>), JsValue> {
    let max = rare_earth::scenario::MAX_SCENARIO_BYTES;
    let text = match text_argument(text, "text", max)? {
        Ok(text) => text,
        Err(len) => return Err(fail_one(problem_out(&Problem::TooLarge { bytes: len }))),
    };
    if text.len() > max {
        return Err(fail_one(problem_out(&Problem::TooLarge {
            bytes: text.len(),
        })));
    }
    let value = js_sys::JSON::parse(&text).map_err(|e| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default();
        fail_one(problem_out(&Problem::Parse { message: detail }))
    })?;
    let mut scenario = scenario_from_js(&value)?;
    // A file of an older format opens; what was changed to read it is reported by the caller.
    let notes = scenario.migrate();
    Ok((scenario, notes))
}

/// The browser's shortest text for a number (the same text Rust's `{}` writes for the values a
/// link holds).
/// Without the `+` of a large exponent (`1e+21`), which a link reads as a space: `1e21`, as
/// `rare_earth::link::format_value` writes it.
fn js_number_text(v: f64) -> String {
    let mut text = js_sys::Number::from(v)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default();
    text.retain(|c| c != '+');
    text
}

/// A number written as plain decimal text (`5`, `-0.25`, `1e3`), read by the browser; `None` for
/// anything else, as Rust's parser would refuse it (the browser alone would read "" as 0).
fn js_parse_number(s: &str) -> Option<f64> {
    let plain = s
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
    if s.is_empty() || !plain {
        return None;
    }
    // `Number(text)` conversion, which is what is wanted here (parseFloat would accept "5e").
    #[allow(deprecated)]
    let v = js_sys::Number::new(&JsValue::from_str(s)).value_of();
    (!v.is_nan()).then_some(v)
}

// ---- The API ------------------------------------------------------------------------------------

/// Runs one projection of a scenario object `{ preset?, params?: { id: number }, name?, notes? }`.
/// Throws an `Error` whose `problems` name every bad parameter, its range and the value received.
#[wasm_bindgen]
pub fn project(scenario: JsValue) -> Result<JsValue, JsValue> {
    let scenario = scenario_from_js(&scenario)?;
    let projection = rare_earth::project(&scenario).map_err(scenario_error)?;
    projection_to_js(&projection)
}

/// Runs a scenario given as JSON text (an imported file); same result as `project`.
#[wasm_bindgen]
pub fn project_json(text: JsValue) -> Result<JsValue, JsValue> {
    let (scenario, _) = scenario_from_text(&text)?;
    let projection = rare_earth::project(&scenario).map_err(scenario_error)?;
    projection_to_js(&projection)
}

/// Checks one value against the catalogue; throws with the problem when it is not allowed, and
/// a `TypeError` when `id` is not a string or `value` not a number.
#[wasm_bindgen]
pub fn check_value(id: JsValue, value: JsValue) -> Result<(), JsValue> {
    // No parameter id is anywhere near this long; a longer one is simply unknown.
    let id = match text_argument(&id, "id", 200)? {
        Ok(id) => id,
        Err(_) => "…".to_string(),
    };
    let value = value
        .as_f64()
        .ok_or_else(|| wrong_argument("value", "number", &value))?;
    rare_earth::check_value(&id, value).map_err(|p| fail_one(problem_out(&p)))
}

/// The share-link fragment (without `#`) for a scenario object and view options
/// `{ lang?, theme?, lock?: [id], hide?: [id or group] }`. Only values that differ from the preset
/// are written.
#[wasm_bindgen]
pub fn encode_link(scenario: JsValue, view: JsValue) -> Result<String, JsValue> {
    let scenario = scenario_from_js(&scenario)?;
    let view = view_from_js(&view)?;
    Ok(rare_earth::encode_link_with(
        &scenario,
        &view,
        js_number_text,
    ))
}

/// Reads a share-link fragment. Never throws: returns `{ scenario, view, notices }`, where
/// `notices` lists what could not be read (those parts keep their defaults), each as
/// `{ code, text?, param?, value?, min?, max? }` for the page to write in the reader's language.
/// Throws a `TypeError` only when `fragment` is not a string; an oversize one is not copied.
#[wasm_bindgen]
pub fn decode_link(fragment: JsValue) -> Result<JsValue, JsValue> {
    let max = rare_earth::link::MAX_LINK_BYTES;
    match text_argument(&fragment, "fragment", max)? {
        Ok(text) => Ok(decoded_js(&rare_earth::decode_link_with(
            &text,
            js_parse_number,
        ))),
        Err(len) => Ok(decoded_js(&rare_earth::link::DecodedLink {
            scenario: Scenario::baseline(),
            view: rare_earth::ViewOptions::default(),
            notices: vec![rare_earth::link::Notice {
                code: "link_too_long",
                value: Some(len as f64),
                max: Some(max as f64),
                ..rare_earth::link::Notice::default()
            }],
        })),
    }
}

/// Scores a scenario object against the class challenge `id` (`catalogue().challenges`):
/// `{ score, success, goal_met, goal_value, start_value, limits: [[value, met]] }` (score 0-100,
/// 100 only on success). Throws with the `unknown_challenge` problem (listing the ids) for an
/// unknown id, and with the scenario's problems for a bad scenario.
#[wasm_bindgen]
pub fn check_challenge(id: JsValue, scenario: JsValue) -> Result<JsValue, JsValue> {
    let id = text_argument(&id, "challenge", 200)?.unwrap_or_default();
    let Some(ch) = classroom::challenge(&id) else {
        return Err(fail_one(ProblemOut {
            text: Some(id),
            expected: Some(classroom::CHALLENGE_IDS),
            ..ProblemOut::new("unknown_challenge", "challenge")
        }));
    };
    let scenario = scenario_from_js(&scenario)?;
    let projection = rare_earth::project(&scenario).map_err(scenario_error)?;
    let out = classroom::check(ch, &projection);
    let o = js_sys::Object::new();
    put(&o, "score", out.score);
    put(&o, "success", out.success);
    put(&o, "goal_met", out.goal_met);
    put(&o, "goal_value", out.goal_value);
    put(&o, "start_value", out.start_value);
    let limits: Array = out
        .limits
        .iter()
        .map(|(v, met)| JsValue::from(Array::of2(&JsValue::from(*v), &JsValue::from(*met))))
        .collect();
    put(&o, "limits", limits);
    Ok(o.into())
}

/// The two-team match: the US team's scenario object with China's levers from the China team's
/// (`classroom::combine`). Returns `{ scenario, ignored: [id] }`: what the China team set outside
/// its levers is ignored and listed. Throws with either scenario's problems.
#[wasm_bindgen]
pub fn combine(us: JsValue, china: JsValue) -> Result<JsValue, JsValue> {
    let us = scenario_from_js(&us)?;
    let china = scenario_from_js(&china)?;
    let (m, ignored) = classroom::combine(&us, &china).map_err(scenario_error)?;
    let o = js_sys::Object::new();
    put(&o, "scenario", scenario_js(&m));
    put(&o, "ignored", texts(&ignored));
    Ok(o.into())
}

/// Checks a scenario object without running it; throws with every problem found.
#[wasm_bindgen]
pub fn validate(scenario: JsValue) -> Result<(), JsValue> {
    let scenario = scenario_from_js(&scenario)?;
    scenario.resolve().map(|_| ()).map_err(scenario_error)
}

/// The scenario object as the JSON file format (pretty-printed), for "save scenario".
#[wasm_bindgen]
pub fn scenario_to_json(scenario: JsValue) -> Result<String, JsValue> {
    let mut scenario = scenario_from_js(&scenario)?;
    scenario.minimise();
    let value: JsValue = scenario_js(&scenario).into();
    let text =
        js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2))?;
    Ok(text.into())
}

/// Reads a scenario file's JSON text into `{ scenario, notices }` (for a file of an older format,
/// what was changed to read it, as link notices), validating it; throws with every problem (unknown fields, bad values, oversize) so an import never half-applies.
#[wasm_bindgen]
pub fn scenario_from_json(text: JsValue) -> Result<JsValue, JsValue> {
    let (scenario, notes) = scenario_from_text(&text)?;
    scenario.resolve().map_err(scenario_error)?;
    let notices: Vec<rare_earth::link::Notice> =
        notes.iter().map(rare_earth::link::Notice::from).collect();
    let o = js_sys::Object::new();
    put(&o, "scenario", scenario_js(&scenario));
    put(&o, "notices", notices_js(&notices));
    Ok(o.into())
}

/// Runs the default projection `iterations` times without crossing the boundary, for the
/// browser benchmark's wasm/native ratio. Returns a checksum so the work is not optimised away.
/// `iterations` is a whole number from 0 to [`MAX_BENCH_ITERATIONS`] (a `RangeError` otherwise:
/// `-1` must not become 2^32 - 1 projections).
#[wasm_bindgen]
pub fn bench_project_default(iterations: f64) -> Result<f64, JsValue> {
    if !(iterations.fract() == 0.0 && (0.0..=MAX_BENCH_ITERATIONS).contains(&iterations)) {
        return Err(
            js_sys::RangeError::new("iterations must be a whole number from 0 to 100000").into(),
        );
    }
    let inputs = rare_earth::Inputs::defaults();
    let mut checksum = 0.0;
    for _ in 0..iterations as u32 {
        let p = rare_earth::model::project(&inputs);
        checksum += p.summary.cumulative_us_shortfall_t;
    }
    Ok(checksum)
}

/// The most projections one `bench_project_default` call runs (~5 s in a browser).
pub const MAX_BENCH_ITERATIONS: f64 = 100_000.0;

fn decoded_js(d: &rare_earth::link::DecodedLink) -> JsValue {
    let o = js_sys::Object::new();
    put(&o, "scenario", scenario_js(&d.scenario));
    put(&o, "view", view_js(&d.view));
    put(&o, "notices", notices_js(&d.notices));
    o.into()
}
