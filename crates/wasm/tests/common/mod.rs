//! Checks of the wasm boundary shared by `node.rs` and `browser.rs`: each test file includes this
//! module, so the same behaviour is verified in Node and in headless Chromium.

use js_sys::{Array, Error, Float64Array, Object, Reflect, JSON};
use rare_earth_wasm as w;
use rare_earth_wasm::{catalogue, encode_link, project, scenario_to_json, validate, version};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

// The text and number bindings take any JS value (a wrong type is a TypeError, not a trap);
// these call them with the types the page passes.
fn check_value(id: &str, value: f64) -> Result<(), JsValue> {
    w::check_value(id.into(), value.into())
}

fn decode_link(fragment: &str) -> Result<JsValue, JsValue> {
    w::decode_link(fragment.into())
}

fn project_json(text: &str) -> Result<JsValue, JsValue> {
    w::project_json(text.into())
}

fn scenario_from_json(text: &str) -> Result<JsValue, JsValue> {
    w::scenario_from_json(text.into())
}

fn bench_project_default(n: u32) -> f64 {
    w::bench_project_default(n.into()).expect("a whole number of iterations")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("an object")
}

/// A scenario object from JSON text, as the page would build it.
fn scenario(json: &str) -> JsValue {
    JSON::parse(json).expect("valid JSON")
}

fn stringify(value: &JsValue) -> String {
    JSON::stringify(value).expect("serialisable").into()
}

/// The problems of the JS `Error` a binding throws, as JSON text: each one a code and the
/// values its sentence quotes (the page writes the sentence).
fn problems(error: JsValue) -> String {
    let error = error
        .dyn_into::<Error>()
        .expect("the bindings throw JS Error objects");
    let list = Reflect::get(&error, &"problems".into()).unwrap();
    assert!(
        Array::is_array(&list),
        "no problems on {:?}",
        error.message()
    );
    stringify(&list)
}

#[track_caller]
fn check_throws(input: JsValue, expect: &[&str]) {
    let shown = stringify(&input);
    let Err(error) = project(input) else {
        panic!("the scenario {shown} must be rejected, but it ran");
    };
    let text = problems(error);
    for part in expect {
        assert!(text.contains(part), "`{part}` not in the problems: {text}");
    }
}

#[wasm_bindgen_test]
fn catalogue_lists_parameters_with_ids_ranges_and_defaults() {
    let cat = catalogue().unwrap();
    assert_eq!(get(&cat, "model_version").as_string(), Some(version()));
    let params: Array = get(&cat, "params").dyn_into().expect("params is an array");
    assert!(params.length() >= 10, "only {} parameters", params.length());
    let mut ids = Vec::new();
    for p in params.iter() {
        let id = get(&p, "id")
            .as_string()
            .expect("every parameter has an id");
        let (min, max) = (
            get(&p, "min").as_f64().unwrap(),
            get(&p, "max").as_f64().unwrap(),
        );
        let default = get(&p, "default")
            .as_f64()
            .expect("every parameter has a default");
        assert!(
            min <= default && default <= max,
            "{id}: {default} not in {min}..={max}"
        );
        assert!(
            get(&p, "label").as_string().is_some_and(|l| !l.is_empty()),
            "{id} has no label"
        );
        ids.push(id);
    }
    assert!(ids.iter().any(|id| id == "demand_growth_pct_per_yr"));
    for key in ["presets", "series"] {
        assert!(Array::is_array(&get(&cat, key)), "{key} is not an array");
    }
}

/// The ids of a catalogue list (`series`, `params`) or a code list, in order.
fn strings(list: &JsValue) -> Vec<String> {
    Array::from(list)
        .iter()
        .map(|v| {
            v.as_string()
                .unwrap_or_else(|| get(&v, "id").as_string().unwrap())
        })
        .collect()
}

/// Series `id` of a projection: its slice of the series-major `data` array.
fn series(p: &JsValue, id: &str) -> Vec<f64> {
    let ids = strings(&get(&catalogue().unwrap(), "series"));
    let k = ids
        .iter()
        .position(|s| s == id)
        .expect("a catalogue series");
    let n = get(p, "n_years").as_f64().unwrap() as usize;
    let data: Float64Array = get(p, "data").dyn_into().expect("data is a Float64Array");
    data.to_vec()[k * n..(k + 1) * n].to_vec()
}

#[wasm_bindgen_test]
fn default_projection_covers_2024_to_2040() {
    let p = project(JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&p, "base_year").as_f64(), Some(2024.0));
    assert_eq!(get(&p, "n_years").as_f64(), Some(17.0), "2024..=2040");
    // One value per year for every series the catalogue names, in catalogue order, then the
    // events and warnings.
    let n_series = strings(&get(&catalogue().unwrap(), "series")).len();
    let data: Float64Array = get(&p, "data").dyn_into().expect("data is a Float64Array");
    let count = |k: &str| get(&p, k).as_f64().unwrap() as usize;
    let tail = 5 * count("n_events") + 3 * count("n_warnings");
    assert_eq!(data.length() as usize, n_series * 17 + tail);
    let chain = series(&p, "us_self_sufficiency_chain_pct");
    for v in &chain {
        assert!(v.is_finite() && *v >= 0.0, "{v}");
    }
    // The summary's figure is the series' value: the layout is series-major as documented.
    let in_2030 = get(&get(&p, "summary"), "us_chain_self_sufficiency_2030_pct");
    assert_eq!(in_2030.as_f64(), Some(chain[6]));
    assert_eq!(stringify(&project(JsValue::NULL).unwrap()), stringify(&p));
}

#[wasm_bindgen_test]
fn warnings_and_events_cross_as_codes_and_values_only() {
    let cat = catalogue().unwrap();
    let codes = |key: &str| strings(&get(&cat, key));
    let (warning_codes, event_codes) = (codes("warning_codes"), codes("event_codes"));
    let n_kinds = codes("event_kinds").len() as f64;
    let n_plants = Array::from(&get(&cat, "projects")).length() as f64;
    let s = scenario(
        r#"{"preset": "us_push", "params": {"us_ore_to_china": 1, "ban2_scope": 1, "ban2_start_year": 2045}}"#,
    );
    let p = project(s).unwrap();
    // No English and no object per item: only numbers after the series.
    let keys = strings(&Object::keys(&p.clone().into()).into());
    assert_eq!(
        keys,
        [
            "base_year",
            "n_years",
            "n_events",
            "n_warnings",
            "summary",
            "data"
        ]
    );
    let count = |k: &str| get(&p, k).as_f64().unwrap() as usize;
    let (n, n_events, n_warnings) = (count("n_years"), count("n_events"), count("n_warnings"));
    let data: Float64Array = get(&p, "data").dyn_into().unwrap();
    let data = data.to_vec();
    let tail = &data[codes("series").len() * n..];
    assert_eq!(tail.len(), 5 * n_events + 3 * n_warnings);
    assert!(n_warnings >= 1 && n_events >= 1);
    let (events, warnings) = tail.split_at(5 * n_events);
    let mut plants = 0;
    for e in events.chunks(5) {
        assert!((2024.0..=2040.0).contains(&e[0]), "year {e:?}");
        let code = &event_codes[e[1] as usize];
        assert!(
            e[1] >= 0.0 && e[2] >= 0.0 && e[2] < n_kinds,
            "listed code and kind {e:?}"
        );
        // A plant's name is data: the index of its project, for `project` events only.
        assert_eq!(e[4] >= 0.0, code == "project", "{code}: {e:?}");
        assert!(e[4] < n_plants);
        plants += usize::from(code == "project");
    }
    assert!(plants >= 1, "us_push commissions plants");
    for w in warnings.chunks(3) {
        assert!(w[1] >= 0.0, "a listed warning code {w:?}");
        assert!(warning_codes.get(w[1] as usize).is_some());
    }
    for key in ["groups", "langs", "themes", "notice_codes", "problem_codes"] {
        assert!(!codes(key).is_empty(), "{key}");
    }
}

#[wasm_bindgen_test]
fn out_of_range_value_names_the_parameter_and_its_range() {
    let bad = scenario(r#"{"params": {"demand_growth_pct_per_yr": 99}}"#);
    check_throws(
        bad,
        &[
            r#"{"code":"out_of_range","param":"demand_growth_pct_per_yr","value":99,"min":-5,"max":20}"#,
        ],
    );
    assert_eq!(
        problems(check_value("demand_growth_pct_per_yr", 25.0).unwrap_err()),
        r#"[{"code":"out_of_range","param":"demand_growth_pct_per_yr","value":25,"min":-5,"max":20}]"#
    );
    // Every problem at once, as the CLI reports them.
    check_throws(
        scenario(r#"{"params": {"demand_growth_pct_per_yr": 99, "ramp_years": 2.5}}"#),
        &[
            r#""param":"demand_growth_pct_per_yr""#,
            r#"{"code":"not_whole","param":"ramp_years","value":2.5}"#,
        ],
    );
    assert!(check_value("demand_growth_pct_per_yr", 6.4).is_ok());
}

#[wasm_bindgen_test]
fn bad_inputs_throw_instead_of_panicking() {
    let params = Object::new();
    Reflect::set(
        &params,
        &"demand_growth_pct_per_yr".into(),
        &JsValue::from_f64(f64::NAN),
    )
    .unwrap();
    let nan = Object::new();
    Reflect::set(&nan, &"params".into(), &params).unwrap();
    check_throws(
        nan.into(),
        &[r#"{"code":"not_finite","param":"demand_growth_pct_per_yr""#],
    );
    check_throws(
        scenario(r#"{"params": {"no_such_lever": 1}}"#),
        &[r#"{"code":"unknown_param","param":"no_such_lever"}"#],
    );
    check_throws(
        scenario(r#"{"preset": "no_such_preset"}"#),
        &[r#"{"code":"unknown_preset","text":"no_such_preset"}"#],
    );
    check_throws(
        scenario(r#"{"params": {"demand_growth_pct_per_yr": "5"}}"#),
        &[r#"{"code":"not_a_number","param":"demand_growth_pct_per_yr"}"#],
    );
    check_throws(
        scenario(r#"{"preset": 5}"#),
        &[r#"{"code":"not_text","param":"preset"}"#],
    );
    check_throws(
        scenario(r#"{"schema": 1.5}"#),
        &[r#""code":"not_a_number","param":"schema""#],
    );
    check_throws(
        JsValue::from_str("baseline"),
        &[r#"{"code":"not_an_object","param":"scenario"}"#],
    );
    check_throws(
        scenario(r#"{"colour": "red"}"#),
        &[
            r#"{"code":"unknown_field","param":"scenario","text":"colour","expected":["schema","preset","name","notes","params"]}"#,
        ],
    );
    check_throws(
        scenario(r#"{"param": {"ramp_years": 3}}"#),
        &[r#""code":"unknown_field","param":"scenario","text":"param""#],
    );
    check_throws(scenario("[1, 2]"), &[r#""code":"not_an_object""#]);
    check_throws(
        scenario(r#"{"params": [1]}"#),
        &[r#"{"code":"not_an_object","param":"params"}"#],
    );
    assert!(check_value("no_such_lever", 1.0).is_err());
    assert!(check_value("demand_growth_pct_per_yr", f64::INFINITY).is_err());
    assert!(project_json("{not json").is_err());
    assert!(project_json(r#"{"params": {"demand_growth_pct_per_yr": 99}}"#).is_err());
}

#[wasm_bindgen_test]
fn an_error_does_not_poison_the_module() {
    let good = stringify(&project(JsValue::UNDEFINED).unwrap());
    for _ in 0..3 {
        check_throws(
            scenario(r#"{"params": {"demand_growth_pct_per_yr": 99}}"#),
            &[r#""min":-5,"max":20"#],
        );
        assert!(project_json("[").is_err());
        assert_eq!(stringify(&project(JsValue::UNDEFINED).unwrap()), good);
    }
}

#[wasm_bindgen_test]
fn project_json_matches_project_for_the_same_scenario() {
    let text = r#"{"preset": "us_push", "params": {"demand_growth_pct_per_yr": 6.4}, "name": "t"}"#;
    let from_text = stringify(&project_json(text).unwrap());
    let from_object = stringify(&project(scenario(text)).unwrap());
    assert_eq!(from_text, from_object);
    assert_ne!(from_text, stringify(&project(JsValue::UNDEFINED).unwrap()));
    assert_eq!(
        series(&project_json(text).unwrap(), "demand_us_t"),
        series(&project(scenario(text)).unwrap(), "demand_us_t")
    );
}

#[wasm_bindgen_test]
fn bench_entry_point_runs_the_model() {
    let one = bench_project_default(1);
    assert!(one.is_finite());
    assert_eq!(bench_project_default(3), 3.0 * one);
    assert_eq!(bench_project_default(0), 0.0);
}

#[wasm_bindgen_test]
fn links_round_trip_and_bad_links_give_notices() {
    let s = scenario(r#"{"preset": "us_push", "params": {"ramp_years": 3}, "name": "Group <3>"}"#);
    let view = scenario(r#"{"lang": "zh", "lock": ["ramp_years"]}"#);
    let link = encode_link(s.clone(), view).unwrap();
    assert!(
        link.contains("preset=us_push")
            && link.contains("ramp_years=3")
            && link.contains("lang=zh"),
        "{link}"
    );
    let back = decode_link(&link).unwrap();
    assert_eq!(Array::from(&get(&back, "notices")).length(), 0);
    assert_eq!(
        stringify(&project(get(&back, "scenario")).unwrap()),
        stringify(&project(s).unwrap())
    );
    // Numbers in links are written and read with the browser's number text.
    let s2 =
        scenario(r#"{"params": {"demand_growth_pct_per_yr": -0.25, "stockpile_start_t": 12500}}"#);
    let link2 = encode_link(s2, JsValue::UNDEFINED).unwrap();
    assert!(
        link2.contains("demand_growth_pct_per_yr=-0.25")
            && link2.contains("stockpile_start_t=12500"),
        "{link2}"
    );
    let back2 = get(&decode_link(&link2).unwrap(), "scenario");
    assert_eq!(
        stringify(&get(&back2, "params")),
        r#"{"demand_growth_pct_per_yr":-0.25,"stockpile_start_t":12500}"#
    );
    for (text, code) in [
        ("ramp_years=", "not_a_number"),
        ("ramp_years=5e", "not_a_number"),
        ("ramp_years=0x5", "not_a_number"),
        ("ramp_years=1e999", "value_not_finite"),
    ] {
        let n = stringify(&get(&decode_link(text).unwrap(), "notices"));
        assert!(n.contains(code), "{text}: {n}");
    }
    let bad = decode_link("preset=moon&ramp_years=99&x").unwrap();
    let notices = Array::from(&get(&bad, "notices"));
    assert_eq!(
        stringify(&notices.into()),
        // Values are checked once the whole link is read (an older format's are first brought to
        // today's meaning), so their notices come last.
        r#"[{"code":"unknown_preset","text":"moon"},{"code":"no_value","text":"x"},{"code":"value_out_of_range","param":"ramp_years","value":99,"min":1,"max":10}]"#
    );
    assert!(
        project(get(&bad, "scenario")).is_ok(),
        "a bad link still runs"
    );
    assert!(encode_link(JsValue::UNDEFINED, scenario(r#"{"colour": 1}"#)).is_err());
}

#[wasm_bindgen_test]
fn scenario_files_round_trip_and_bad_files_give_problems() {
    let s = scenario(r#"{"preset": "ban_escalation", "params": {"recycling_target_pct": 10}}"#);
    let text = scenario_to_json(s.clone()).unwrap();
    let read = scenario_from_json(&text).unwrap();
    assert_eq!(stringify(&get(&read, "notices")), "[]");
    let back = get(&read, "scenario");
    assert_eq!(
        stringify(&project(back).unwrap()),
        stringify(&project(s.clone()).unwrap())
    );
    assert_eq!(
        stringify(&project_json(&text).unwrap()),
        stringify(&project(s.clone()).unwrap())
    );
    let err = scenario_from_json(r#"{"params": {"recycling_target_pct": 99}}"#).unwrap_err();
    assert!(problems(err).contains(r#""param":"recycling_target_pct","value":99,"min":0,"max":25"#));
    let err = scenario_from_json(r#"{"parms": {}}"#).unwrap_err();
    assert!(problems(err).contains(r#""code":"unknown_field","param":"scenario","text":"parms""#));
    assert!(problems(scenario_from_json("{").unwrap_err())
        .starts_with(r#"[{"code":"not_json","text":"#));
    let huge = format!("{{\"notes\": \"{}\"}}", "x".repeat(70_000));
    assert_eq!(
        problems(scenario_from_json(&huge).unwrap_err()),
        r#"[{"code":"too_large","value":70013,"max":65536}]"#
    );
    assert!(
        problems(scenario_from_json(r#"{"schema": 99}"#).unwrap_err())
            .contains(r#"{"code":"schema","value":99,"max":2}"#)
    );
    assert!(validate(s.clone()).is_ok());
    assert!(validate(scenario(r#"{"params": {"ramp_years": 0}}"#)).is_err());
    // A file written by model 0.1 opens, and says what changed: its full cost became a cash cost
    // and a parameter that no longer exists was dropped.
    let old = r#"{"schema": 1, "params": {"refining_cost_us_usd_per_t": 80000, "secondary_supply_cn_t": 0}}"#;
    let read = scenario_from_json(old).unwrap();
    assert_eq!(
        stringify(&get(&get(&read, "scenario"), "params")),
        r#"{"refining_cost_us_usd_per_t":69136}"#
    );
    let notices = stringify(&get(&read, "notices"));
    assert!(notices.contains(r#""code":"cost_now_cash""#), "{notices}");
    assert!(
        notices.contains(r#""code":"param_removed","text":"secondary_supply_cn_t""#),
        "{notices}"
    );
}

/// An object whose `preset` getter throws, as a host page could pass to `setScenario`.
fn throwing_getter() -> JsValue {
    let o = Object::new();
    let descriptor = Object::new();
    let thrower = js_sys::Function::new_no_args("throw 1");
    Reflect::set(&descriptor, &"get".into(), &thrower).unwrap();
    Reflect::set(&descriptor, &"enumerable".into(), &JsValue::TRUE).unwrap();
    Object::define_property(&o, &"preset".into(), &descriptor);
    o.into()
}

/// Issue 9, defect 1: a JS exception while the module read a scenario unwound through wasm
/// frames without restoring its stack pointer; after ~2,000 every call failed with "memory access
/// out of bounds". Each must now be a TypeError, and the module unharmed.
#[wasm_bindgen_test]
fn throwing_getters_and_proxies_do_not_break_the_module() {
    let good = stringify(&project(JsValue::UNDEFINED).unwrap());
    let getter = throwing_getter();
    let params_getter = Object::new();
    Reflect::set(&params_getter, &"params".into(), &throwing_getter()).unwrap();
    let proxy = js_sys::Proxy::new(
        &Object::new(),
        &js_sys::Function::new_no_args("return { ownKeys() { throw 1 } }")
            .call0(&JsValue::NULL)
            .unwrap()
            .into(),
    );
    for _ in 0..2000 {
        for input in [
            &getter,
            &params_getter.clone().into(),
            &proxy.clone().into(),
        ] {
            let e = project(input.clone()).expect_err("an unreadable scenario must be refused");
            assert!(e.is_instance_of::<js_sys::TypeError>(), "{e:?}");
            assert!(validate(input.clone()).is_err());
            assert!(encode_link(input.clone(), JsValue::UNDEFINED).is_err());
            assert!(encode_link(JsValue::UNDEFINED, input.clone()).is_err());
        }
    }
    assert_eq!(stringify(&project(JsValue::UNDEFINED).unwrap()), good);
}

/// Issue 9, defect 8: only own properties are read (a prototype's `preset` ran us_push; a host
/// page's `Object.prototype.schema` is not the scenario's), and a newer `schema` is refused.
#[wasm_bindgen_test]
fn only_own_properties_are_read_and_newer_schemas_refused() {
    let baseline = stringify(&project(JsValue::UNDEFINED).unwrap());
    let proto = scenario(r#"{"preset": "us_push"}"#);
    let inherited: Object = Object::create(proto.unchecked_ref());
    assert_eq!(stringify(&project(inherited.into()).unwrap()), baseline);
    check_throws(
        scenario(r#"{"schema": 99}"#),
        &[r#""code":"schema","value":99"#],
    );
    check_throws(scenario(r#"{"schema": 0}"#), &[r#""code":"bad_schema""#]);
}

/// Issue 9, defect 8: a wrong type at the boundary is a TypeError that names the argument, never
/// a trap, and the module keeps working.
#[wasm_bindgen_test]
fn wrong_types_at_the_boundary_are_type_errors() {
    let baseline = stringify(&project(JsValue::UNDEFINED).unwrap());
    let odd = [
        JsValue::from_f64(5.0),
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::TRUE,
        Object::new().into(),
        Array::new().into(),
        js_sys::Symbol::for_("x").into(),
        js_sys::BigInt::from(5u32).into(),
    ];
    let type_error = |r: Result<JsValue, JsValue>, what: &str| {
        let e = r.expect_err(what);
        assert!(e.is_instance_of::<js_sys::TypeError>(), "{what}: {e:?}");
        assert!(problems(e).contains(r#""code":"wrong_type""#), "{what}");
    };
    for v in &odd {
        type_error(w::decode_link(v.clone()), "decode_link");
        type_error(w::project_json(v.clone()), "project_json");
        type_error(w::scenario_from_json(v.clone()), "scenario_from_json");
        type_error(
            w::check_value(v.clone(), 1.0.into()).map(|_| JsValue::UNDEFINED),
            "check_value id",
        );
        if v.as_f64().is_none() {
            type_error(
                w::check_value("demand_growth_pct_per_yr".into(), v.clone())
                    .map(|_| JsValue::UNDEFINED),
                "check_value value",
            );
        }
    }
    for n in [-1.0, 0.5, f64::NAN, f64::INFINITY, 1e9] {
        let e = w::bench_project_default(n).expect_err("a bad iteration count must be refused");
        assert!(e.is_instance_of::<js_sys::RangeError>(), "{n}: {e:?}");
    }
    assert_eq!(stringify(&project(JsValue::UNDEFINED).unwrap()), baseline);
}

/// Issue 9, defect 3: oversize text is refused before it is copied into the module's memory.
#[wasm_bindgen_test]
fn oversize_text_is_refused_before_it_is_copied() {
    let memory = || {
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
    };
    let before = memory();
    let huge: JsValue = js_sys::JsString::from("a").repeat(90 * 1024 * 1024).into();
    let link = w::decode_link(huge.clone()).unwrap();
    assert!(stringify(&get(&link, "notices")).contains(r#""code":"link_too_long""#));
    assert!(problems(w::scenario_from_json(huge.clone()).unwrap_err()).contains("too_large"));
    assert!(problems(w::project_json(huge).unwrap_err()).contains("too_large"));
    assert!(
        memory() < before + 1024 * 1024,
        "memory grew from {before} to {}",
        memory()
    );
}

#[wasm_bindgen_test]
fn classroom_challenges_and_the_match_cross_as_data() {
    let cat = catalogue().unwrap();
    let ids: Vec<String> = Array::from(&get(&cat, "challenges"))
        .iter()
        .map(|c| get(&c, "id").as_string().unwrap())
        .collect();
    assert_eq!(ids, rare_earth::classroom::CHALLENGE_IDS);
    let first = Array::from(&get(&cat, "challenges")).get(0);
    assert_eq!(
        stringify(&get(&first, "goal")),
        r#"{"measure":"us_self_sufficiency_chain_pct@2032","target":50,"at_most":false}"#
    );
    let (cn, us) = (
        strings(&get(&cat, "china_levers")),
        strings(&get(&cat, "us_levers")),
    );
    assert!(
        cn.contains(&"price_strategy_pct".to_string())
            && us.contains(&"invest_magnet_musd".to_string())
    );
    assert!(cn.iter().all(|id| !us.contains(id)));

    // The check: the worked solution succeeds (score 100), the preset alone does not.
    let check = |json: &str| -> JsValue {
        w::check_challenge("half_by_2032".into(), scenario(json)).unwrap()
    };
    let solved = check(r#"{"params": {"invest_magnet_musd": 2100}}"#);
    assert_eq!(get(&solved, "score").as_f64(), Some(100.0));
    assert_eq!(get(&solved, "success").as_bool(), Some(true));
    let limits = stringify(&get(&solved, "limits"));
    assert!(
        limits.starts_with("[[") && limits.ends_with(",true]]"),
        "{limits}"
    );
    let start = check("{}");
    assert!(get(&start, "score").as_f64().unwrap() < 100.0);
    assert_eq!(get(&start, "success").as_bool(), Some(false));
    assert_eq!(
        get(&start, "goal_value").as_f64(),
        get(&start, "start_value").as_f64(),
        "the preset is its own start"
    );
    // An unknown id names the field and the ids allowed; a bad scenario its problems.
    let err = problems(w::check_challenge("nope".into(), scenario("{}")).unwrap_err());
    assert!(
        err.contains(r#""code":"unknown_challenge""#) && err.contains("keep_the_lead"),
        "{err}"
    );
    let err = problems(
        w::check_challenge(
            "half_by_2032".into(),
            scenario(r#"{"params": {"ramp_years": 99}}"#),
        )
        .unwrap_err(),
    );
    assert!(err.contains("ramp_years"), "{err}");
    assert!(w::check_challenge(JsValue::from(5), scenario("{}")).is_err());

    // The match: China's levers from China's team, the rest from the US team's.
    let m = w::combine(
        scenario(r#"{"preset": "us_push", "params": {"tariff_cn_magnets_pct": 25}}"#),
        scenario(r#"{"preset": "us_push", "params": {"price_strategy_pct": 80, "tariff_cn_magnets_pct": 5}}"#),
    )
    .unwrap();
    let params = stringify(&get(&get(&m, "scenario"), "params"));
    assert!(
        params.contains(r#""tariff_cn_magnets_pct":25"#)
            && params.contains(r#""price_strategy_pct":80"#),
        "{params}"
    );
    assert_eq!(
        stringify(&get(&m, "ignored")),
        r#"["tariff_cn_magnets_pct"]"#
    );
    assert!(w::combine(scenario("{}"), scenario(r#"{"params": {"x": 1}}"#)).is_err());

    // Links carry the challenge; an unknown one is a notice listing the ids.
    let link = encode_link(scenario("{}"), scenario(r#"{"challenge": "allies_first"}"#)).unwrap();
    assert!(link.ends_with("&challenge=allies_first"), "{link}");
    assert_eq!(
        stringify(&get(&decode_link(&link).unwrap(), "view")),
        r#"{"challenge":"allies_first"}"#
    );
    let n = stringify(&get(&decode_link("challenge=zzz").unwrap(), "notices"));
    assert_eq!(
        n,
        r#"[{"code":"unknown_challenge","text":"zzz","expected":["half_by_2032","ride_out_the_ban","allies_first","keep_the_lead"]}]"#
    );
}
