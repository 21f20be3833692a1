//! Scenarios, the catalogue and presets: validation messages, provenance, and the allocation rule.

use rare_earth::model::{route_ore, Config};
use rare_earth::{check_value, Grade, Inputs, Scenario, PARAMS, PRESETS};
use rare_earth::{Material, Region};

/// Checks that `scenario` is rejected with exactly the message `expect`.
fn check_error(scenario: &Scenario, expect: &str) {
    let e = rare_earth::project(scenario).unwrap_err();
    assert_eq!(e.to_string(), expect);
}

fn with(id: &str, v: f64) -> Scenario {
    let mut s = Scenario::baseline();
    s.params.insert(id.to_string(), v);
    s
}

#[test]
fn every_parameter_is_sourced_and_its_default_valid() {
    for p in PARAMS {
        assert!(!p.source.trim().is_empty(), "{} has no source", p.id);
        assert!(
            !p.label.is_empty() && !p.description.is_empty(),
            "{} lacks text",
            p.id
        );
        assert!(p.min < p.max, "{}: empty range", p.id);
        assert!(p.step > 0.0, "{}: step", p.id);
        check_value(p.id, p.default).unwrap_or_else(|e| panic!("default of {}: {e}", p.id));
        if !p.options.is_empty() {
            assert_eq!(p.min, 0.0);
            assert_eq!(
                p.max as usize,
                p.options.len() - 1,
                "{}: options and range disagree",
                p.id
            );
        }
        // Figures graded C must say how they were derived or that they are assumptions.
        if p.grade == Grade::C {
            let s = p.source.to_lowercase();
            assert!(
                ["derived", "assumption", "unsourced", "proxy", "estimate"]
                    .iter()
                    .any(|w| s.contains(w)),
                "{}: a grade-C source should say derived/assumption/proxy: {}",
                p.id,
                p.source
            );
        }
    }
    let mut ids: Vec<&str> = PARAMS.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), PARAMS.len(), "duplicate parameter ids");
}

#[test]
fn presets_are_valid_and_described() {
    for p in PRESETS {
        let s = Scenario::from_preset(p.id).unwrap();
        rare_earth::project(&s).unwrap_or_else(|e| panic!("preset {}: {e}", p.id));
        assert!(
            !p.description.is_empty() && !p.sources.is_empty(),
            "preset {} lacks text",
            p.id
        );
        for (id, v) in p.values {
            check_value(id, *v).unwrap_or_else(|e| panic!("preset {}: {e}", p.id));
        }
    }
    let reported = PRESETS.iter().find(|p| p.id == "as_reported").unwrap();
    assert!(reported.claims.iter().any(|c| c.verdict == "unsourced"));
    assert!(reported.claims.iter().any(|c| c.verdict == "holds"));
}

#[test]
fn messages_name_parameter_range_and_value() {
    check_error(
        &with("refining_cost_us_usd_per_t", -5.0),
        "`refining_cost_us_usd_per_t` must be between 10000 and 200000 $/t, got -5",
    );
    check_error(
        &with("learning_rate_pct", f64::NAN),
        "`learning_rate_pct` must be a finite number, got NaN",
    );
    check_error(
        &with("ramp_years", 2.5),
        "`ramp_years` must be a whole number, got 2.5",
    );
    check_error(
        &with("oxide_per_magnet_t", 0.1),
        "`oxide_per_magnet_t` must be between 0.3 and 0.5 t/t, got 0.1",
    );
    check_error(
        &with("nope", 1.0),
        "unknown parameter `nope` (see `rare-earth params` for the list)",
    );
    let mut s = Scenario::baseline();
    s.preset = Some("moon".into());
    let e = rare_earth::project(&s).unwrap_err().to_string();
    assert!(
        e.starts_with("unknown preset `moon`; known presets: baseline, as_reported, us_push"),
        "{e}"
    );
}

#[test]
fn a_rejected_set_leaves_the_scenario_unchanged() {
    let mut s = Scenario::from_preset("us_push").unwrap();
    s.set("demand_growth_pct_per_yr", 6.4).unwrap();
    let before = s.clone();
    assert!(s.set("demand_growth_pct_per_yr", 60.0).is_err());
    assert!(s.set("stockpile_start_t", f64::INFINITY).is_err());
    assert!(s.set_text("horizon_year=soon").is_err());
    assert_eq!(s, before);
}

#[test]
fn scenario_json_round_trips_and_rejects_bad_files() {
    let mut s = Scenario::from_preset("ban_escalation").unwrap();
    s.set("recycling_target_pct", 12.5).unwrap();
    s.name = Some("Group <b>3</b>".into());
    let back = Scenario::from_json(&s.to_json()).unwrap();
    assert_eq!(back, s);
    assert_eq!(
        rare_earth::project(&back).unwrap(),
        rare_earth::project(&s).unwrap()
    );
    // Files without a schema read as the current one; an empty object is the baseline.
    assert_eq!(Scenario::from_json("{}").unwrap(), Scenario::baseline());
    assert!(Scenario::from_json(r#"{"params": {"a": "b"}}"#).is_err());
    assert!(Scenario::from_json(r#"{"params": []}"#).is_err());
    assert!(Scenario::from_json("[1,2]").is_err());
    assert!(Scenario::from_json("").is_err());
    // The limit counts the text as given, byte order mark included.
    let huge = format!(
        "{{\"notes\": \"{}\"}}",
        "x".repeat(rare_earth::scenario::MAX_SCENARIO_BYTES)
    );
    assert!(Scenario::from_json(&huge)
        .unwrap_err()
        .to_string()
        .contains("more than the 65536 allowed"));
}

#[test]
fn minimise_keeps_only_differences_from_the_preset() {
    let mut s = Scenario::from_preset("iea_aps").unwrap();
    s.set("demand_growth_pct_per_yr", 6.4).unwrap(); // the preset's own value
    s.set("ramp_years", 3.0).unwrap();
    s.minimise();
    assert_eq!(s.params.len(), 1);
    assert_eq!(s.params.get("ramp_years"), Some(&3.0));
}

#[test]
fn ore_goes_home_first_then_to_spare_capacity_and_held_ore_is_sold_on() {
    let (us, cn, al, row) = (0, 1, 2, 3);
    let open = [[1.0; 4]; 4];
    let r = |v: [f64; 4]| rare_earth::region::PerRegion(v);
    // Home first: the US keeps 10 of its 30, the other 20 go to China's spare capacity.
    let f = route_ore(
        &r([30.0, 50.0, 0.0, 0.0]),
        &r([0.0; 4]),
        &r([10.0, 100.0, 0.0, 0.0]),
        &open,
    );
    assert_eq!(f.take[us][us], 10.0);
    assert_eq!(f.take[us][cn], 20.0);
    assert_eq!(f.unsold.0, [0.0; 4]);
    // Surplus shared in proportion to spare capacity: allies need 10, China 30; 20 to give.
    let f = route_ore(
        &r([0.0, 0.0, 0.0, 20.0]),
        &r([0.0; 4]),
        &r([0.0, 30.0, 10.0, 0.0]),
        &open,
    );
    assert_eq!(f.take[row][al], 5.0);
    assert_eq!(f.take[row][cn], 15.0);
    // Sales to China stopped: the US surplus has nowhere to go and is held.
    let mut stopped = open;
    stopped[us][cn] = 0.0;
    let f = route_ore(
        &r([30.0, 0.0, 0.0, 0.0]),
        &r([0.0; 4]),
        &r([10.0, 100.0, 0.0, 0.0]),
        &stopped,
    );
    assert_eq!(f.take[us][cn], 0.0);
    assert_eq!(f.unsold[Region::Us], 20.0);
    // Ore held from last year is offered to every plant with spare capacity, its owner's too:
    // 12 held by the rest of the world, its own plants need 4 and China 8.
    let f = route_ore(
        &r([0.0; 4]),
        &r([0.0, 0.0, 0.0, 12.0]),
        &r([0.0, 8.0, 0.0, 4.0]),
        &open,
    );
    assert_eq!(f.take[row][row], 4.0);
    assert_eq!(f.take[row][cn], 8.0);
}

#[test]
fn april_2025_list_covers_dy_tb_in_every_form_and_not_ndpr() {
    let c = Config::new(&Inputs::defaults());
    let (all, us_only) = c.keep_in(2024, 0.0);
    assert_eq!(all.oxide.0, [1.0, 1.0], "no control in 2024");
    let (all, _) = c.keep_in(2025, 0.0);
    assert!((all.oxide[Material::Heavy] - 0.64).abs() < 1e-12);
    assert!((all.magnets[Material::Heavy] - 0.64).abs() < 1e-12);
    assert_eq!(all.oxide[Material::Ndpr], 1.0);
    assert_eq!(all.magnets[Material::Ndpr], 1.0);
    assert_eq!(
        us_only.oxide.0,
        [1.0, 1.0],
        "aimed at every buyer, so nothing extra on the US"
    );
    // Scope 2 adds every magnet; aimed at the US only, it lands in the US shares.
    let mut p = Inputs::defaults();
    p.ban2_scope = 2.0;
    p.ban2_target = 0.0;
    p.ban2_start_year = 2027.0;
    let (all, us_only) = Config::new(&p).keep_in(2027, 0.0);
    assert_eq!(all.magnets[Material::Ndpr], 1.0);
    assert!((us_only.magnets[Material::Ndpr] - 0.26).abs() < 1e-12);
    assert_eq!(us_only.oxide[Material::Ndpr], 1.0);
}

#[test]
fn warnings_are_data_not_errors() {
    let mut s = Scenario::baseline();
    s.set("ban2_scope", 3.0).unwrap();
    s.set("ban2_start_year", 2045.0).unwrap();
    let p = rare_earth::project(&s).unwrap();
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == "control_after_horizon" && w.year == Some(2045)),
        "{:?}",
        p.warnings
    );
    let mut s = Scenario::baseline();
    s.set("magnet_cap_us_t", 5000.0).unwrap();
    s.set("projects_realised_pct", 0.0).unwrap();
    s.set("ban1_scope", 3.0).unwrap();
    s.set("ban1_severity_pct", 100.0).unwrap();
    s.set("ban1_target", 0.0).unwrap();
    s.set("ally_priority", 0.0).unwrap();
    let p = rare_earth::project(&s).unwrap();
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == "magnet_capacity_relies_on_imported_metal"),
        "{:?}",
        p.warnings
    );
}

/// The file rules shared with the page (`tests/scenario_files.json`): each text gives its scenario
/// or is refused with exactly its message.
#[test]
fn scenario_files_follow_the_shared_rules() {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("scenario_files.json")).expect("the cases are JSON");
    let cases = doc["cases"].as_array().expect("a list of cases");
    assert!(cases.len() > 30);
    let mut failures = Vec::new();
    for case in cases {
        let (why, text) = (&case["why"], case["text"].as_str().expect("text"));
        let got = Scenario::from_json(text);
        match (&got, case.get("scenario"), case.get("error")) {
            (Ok(s), Some(want), None) if serde_json::to_value(s).unwrap() == *want => {}
            (Err(e), None, Some(want)) if want.as_str() == Some(&e.to_string()) => {}
            _ => failures.push(format!("{why}: {text:?} gave {got:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn deep_nesting_is_a_message_not_a_stack_overflow() {
    for depth in [128, 20_000, 32_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let e = Scenario::from_json(&text).unwrap_err();
        assert_eq!(
            e.to_string(),
            "scenario nests arrays or objects more than 127 levels deep"
        );
    }
    // 127 levels are within the limit: refused for what they are, not for their depth.
    let text = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let e = Scenario::from_json(&text).unwrap_err();
    assert_eq!(
        e.to_string(),
        "a scenario must be a JSON object, got an array"
    );
}

#[test]
fn echoed_text_is_clipped_and_escaped() {
    use rare_earth::scenario::{echo, MAX_ECHO_CHARS};
    let long = "é".repeat(120_000);
    let shown = echo(&long);
    assert_eq!(
        shown,
        format!("`{}…` (120000 characters)", "é".repeat(MAX_ECHO_CHARS))
    );
    assert_eq!(echo("\u{1b}[31mred"), "`\\u{1b}[31mred`");
    assert_eq!(echo("\u{202e}txt.exe"), "`\\u{202e}txt.exe`");
    let mut s = Scenario::baseline();
    let e = s.set_text(&format!("{long}=1")).unwrap_err().to_string();
    assert!(e.len() < 200, "{e}");
    let e = Scenario::from_preset(&long).unwrap_err().to_string();
    assert!(e.len() < 400, "{e}");
}

#[test]
fn numbers_read_back_exactly_as_written() {
    // Found by the fuzzer: serde_json's default float parser is not correctly rounded. Rust's
    // own `str::parse` is, so it gives the expected value of each spelling.
    for written in [
        "3.4571451019270094e252",
        "2.2250738585072011e-308",
        "5e-324",
        "0.30000000000000004",
        "9007199254740993",
        "1.7976931348623157e308",
    ] {
        let v: f64 = written.parse().unwrap();
        let text = format!(r#"{{"params": {{"x": {written}}}}}"#);
        let s = Scenario::from_json(&text).unwrap();
        assert_eq!(s.params[&"x".to_string()].to_bits(), v.to_bits(), "{text}");
        let back = Scenario::from_json(&s.to_json()).unwrap();
        assert_eq!(
            back.params[&"x".to_string()].to_bits(),
            v.to_bits(),
            "{}",
            s.to_json()
        );
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut s = Scenario::baseline();
    s.params.insert("demand_growth_pct_per_yr".into(), 99.0);
    s.params.insert("stockpile_start_t".into(), -1.0);
    let e = rare_earth::project(&s).unwrap_err();
    assert_eq!(e.problems.len(), 2, "{e}");
}

/// Issue 9, defect 4: a value a billionth of a step from zero (subnormals, the smallest normal,
/// a hurdle rate of 1e-30 %) is valid wherever 0 is and must give finite numbers everywhere, the
/// same as 0: `ndpr_content_us_pct=1e-310` gave non-finite series, `hurdle_rate_pct=1e-30` too.
#[test]
fn values_next_to_zero_give_finite_outputs() {
    for spec in PARAMS {
        let tiny = spec.step * 1e-10;
        for v in [
            1e-310,
            -1e-310,
            5e-324,
            f64::MIN_POSITIVE,
            1e-300,
            1e-30,
            tiny,
            -tiny,
        ] {
            if check_value(spec.id, v).is_err() {
                continue;
            }
            let p = rare_earth::project(&with(spec.id, v)).unwrap();
            for (k, s) in rare_earth::SERIES.iter().enumerate() {
                let bad = p
                    .series(rare_earth::Series(k))
                    .iter()
                    .position(|x| !x.is_finite());
                assert!(bad.is_none(), "{}={v}: {} is not finite", spec.id, s.id);
            }
            assert_eq!(
                p.to_json(),
                rare_earth::project(&with(spec.id, 0.0)).unwrap().to_json(),
                "{}={v} differs from 0",
                spec.id
            );
        }
    }
}

#[test]
fn the_main_levers_are_catalogued_levers_listed_once() {
    let main = rare_earth::params::MAIN_LEVERS;
    assert!((8..=12).contains(&main.len()), "{} main levers", main.len());
    for (i, id) in main.iter().enumerate() {
        assert!(
            rare_earth::params::spec(id).is_some(),
            "{id} is not a parameter"
        );
        assert!(!main[..i].contains(id), "{id} listed twice");
    }
}
